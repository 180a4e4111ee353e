/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS factory provisioning partition: the factory flow of
 * docs/provisioning.md inside TF-M. The image carries the provisioning
 * message of the product's description (etss-provision --out, built into
 * etss_factory_record.h); at its first boot this partition hands it to ETSS
 * once per part, as the secure client ETSS requires, and marks each part
 * done in its own ITS asset (write-once). Later boots find the marks and
 * send nothing: ETSS would take a provisioning of a provisioned part for a
 * re-provisioning (new root keys), which is not what a boot should do.
 *
 * Its one service answers the outcome: out_vec[0] receives one etss_err_t
 * (int32) per part, in order.
 */
#include <stdint.h>

#include "etss/etss_api.h"
#include "etss_factory_record.h"
#include "psa/internal_trusted_storage.h"
#include "psa/service.h"
#include "psa_manifest/etss_factory.h"

/* The ITS uid of part i's "provisioned by the factory" mark. */
#define DONE_UID_BASE 0x45464143u /* "EFAC" */

static etss_err_t outcome[ETSS_FACTORY_PARTS];

static etss_err_t provision_once(uint32_t part)
{
    struct psa_storage_info_t info;
    if (psa_its_get_info(DONE_UID_BASE + part, &info) == PSA_SUCCESS) {
        return ETSS_SUCCESS; /* at an earlier boot */
    }
    etss_err_t err =
        tfm_etss_secure_flash_provisioning(sizeof(etss_factory_record), etss_factory_record);
    if (err == ETSS_SUCCESS) {
        static const uint8_t done = 1u;
        (void)psa_its_set(DONE_UID_BASE + part, sizeof(done), &done, PSA_STORAGE_FLAG_WRITE_ONCE);
    }
    return err;
}

void etss_factory_main(void);

void etss_factory_main(void)
{
    for (uint32_t i = 0; i < ETSS_FACTORY_PARTS; i++) {
        outcome[i] = provision_once(i);
    }
    for (;;) {
        psa_msg_t msg;
        if ((psa_wait(TFM_ETSS_FACTORY_SERVICE_SIGNAL, PSA_BLOCK) &
             TFM_ETSS_FACTORY_SERVICE_SIGNAL) == 0u ||
            psa_get(TFM_ETSS_FACTORY_SERVICE_SIGNAL, &msg) != PSA_SUCCESS) {
            continue;
        }
        psa_status_t st = PSA_SUCCESS;
        if (msg.type == PSA_IPC_CALL) {
            if (msg.out_size[0] == sizeof(outcome)) {
                psa_write(msg.handle, 0, outcome, sizeof(outcome));
            } else {
                st = PSA_ERROR_INVALID_ARGUMENT;
            }
        }
        psa_reply(msg.handle, st);
    }
}
