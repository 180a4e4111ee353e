/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer: any client's psa_call into the ETSS partition — any call
 * type, any number and size of vectors, any contents. The request manager
 * must answer every one with a status and never read or write outside the
 * vectors (the host SPM aborts if it does); the service must keep serving.
 *
 * Input: type selector, client selector, then for each of 4 vectors a
 * direction/size byte, then the bytes of the in_vecs.
 */
#include <stdlib.h>
#include <string.h>

#include "etss/etss_api.h"
#include "etss/etss_ipc_defs.h"
#include "etss_suite_env.h"
#include "psa/client.h"
#include "psa_manifest/sid.h"
#include "spm_host.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int32_t clients[4] = {ETSS_NS_CLIENT, ETSS_NS_CLIENT_2, ETSS_S_CLIENT,
                                   ETSS_UNBOUND_CLIENT};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool started;
    static uint8_t out_bufs[PSA_MAX_IOVEC][4096];
    if (!started) {
        if (etss_suite_env_start(false) != 0) {
            abort();
        }
        started = true;
    }
    if (size < 2u + PSA_MAX_IOVEC) {
        return 0;
    }
    int32_t type =
        ETSS_CALL_PROVISIONING + (int32_t)(data[0] % 12u) - 1; /* one unknown each side */
    int32_t client = clients[data[1] % 4u];
    spm_host_set_client_id(client);
    psa_invec in[PSA_MAX_IOVEC];
    psa_outvec out[PSA_MAX_IOVEC];
    size_t n_in = 0;
    size_t n_out = 0;
    const uint8_t *p = &data[2 + PSA_MAX_IOVEC];
    size_t left = size - 2u - PSA_MAX_IOVEC;
    for (size_t i = 0; i < PSA_MAX_IOVEC; i++) {
        uint8_t d = data[2 + i];
        size_t len = (size_t)(d & 0x3Fu) * 40u; /* 0 .. 2520 bytes */
        if ((d & 0x40u) != 0u) {
            out[n_out].base = out_bufs[n_out];
            out[n_out].len = len;
            n_out++;
        } else if ((d & 0x80u) != 0u || i == 0u) {
            len = len < left ? len : left;
            in[n_in].base = len != 0u ? p : NULL;
            in[n_in].len = len;
            p += len;
            left -= len;
            n_in++;
        }
    }
    /* A secure client's well-formed lock would end developer mode for the
     * rest of the run, and with it the re-provisioning below; the lifecycle
     * suite (41xx) locks a part of its own. */
    size_t carried = 0;
    for (size_t i = 0; i < n_in; i++) {
        carried += in[i].len;
    }
    for (size_t i = 0; i < n_out; i++) {
        carried += out[i].len;
    }
    if (type == ETSS_CALL_LOCK && client > 0 && carried == 0u) {
        return 0;
    }
    psa_handle_t h = psa_connect(TFM_ETSS_SERVICE_SID, TFM_ETSS_SERVICE_VERSION);
    if (h <= 0) {
        abort();
    }
    psa_status_t st = psa_call(h, type, in, n_in, out, n_out);
    psa_close(h);
    if (st > 0) {
        abort(); /* statuses are 0 or negative */
    }
    uint8_t b[4];
    if (type == ETSS_CALL_LOCK && st == PSA_SUCCESS) {
        abort(); /* only a secure client may lock, and it did not get here */
    }
    if (type == ETSS_CALL_PROVISIONING && st == PSA_SUCCESS) {
        if (client <= 0) {
            abort(); /* only secure clients may provision */
        }
        /* A secure client reconfigured the part, as it may: put the suite's
         * configuration back before checking the service. */
        uint8_t msg[512];
        size_t len = 0;
        spm_host_set_client_id(ETSS_S_CLIENT);
        if (etss_suite_provisioning_message(etss_suite_provisioning(), msg, sizeof(msg), &len) !=
                0 ||
            tfm_etss_secure_flash_provisioning(len, msg) != ETSS_SUCCESS) {
            abort();
        }
    }
    /* The service keeps serving its real clients. */
    spm_host_set_client_id(ETSS_S_CLIENT);
    if (tfm_etss_mc_get(ETSS_S_COUNTER, b, sizeof(b)) != ETSS_SUCCESS) {
        abort();
    }
    return 0;
}
