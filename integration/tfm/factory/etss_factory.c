/*
 * The ETSS factory provisioning partition: the factory flow of
 * docs/provisioning.md inside TF-M. The image carries the provisioning
 * message of the product's description (etss-provision --out, built into
 * etss_factory_record.h); at boot this partition hands it to ETSS once per
 * blank part, as the secure client ETSS requires. A part this host already
 * provisioned is not provisioned again (ETSS refuses), so the same image
 * boots again and again.
 *
 * Its one service answers the outcome: out_vec[0] receives one etss_err_t
 * (int32) per part, in order.
 */
#include <stdint.h>

#include "etss/etss_api.h"
#include "etss_factory_record.h"
#include "psa/service.h"
#include "psa_manifest/etss_factory.h"

static etss_err_t outcome[ETSS_FACTORY_PARTS];

void etss_factory_main(void);

void etss_factory_main(void)
{
    for (uint32_t i = 0; i < ETSS_FACTORY_PARTS; i++) {
        outcome[i] =
            tfm_etss_secure_flash_provisioning(sizeof(etss_factory_record), etss_factory_record);
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
