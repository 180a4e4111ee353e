/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An ETSS test peer: a secure partition of its own, so with its own
 * partition id, which TF-M's SPM hands ETSS as the client id of every call
 * the peer makes. The secure suite calls a peer instead of ETSS to act as
 * another secure client (suites/etss/tfm/secure): the peer reads the
 * caller's input vectors, makes the same call to ETSS with copies of them,
 * and writes back what ETSS wrote. Test code only; no product image holds
 * a peer.
 *
 * Built once per peer (peers/CMakeLists.txt) with ETSS_PEER_MANIFEST (its
 * generated psa_manifest header), ETSS_PEER_SIGNAL and ETSS_PEER_MAIN.
 */
#include <stddef.h>
#include <stdint.h>

#include "psa/client.h"
#include "psa/service.h"
#include "psa_manifest/sid.h"
#include ETSS_PEER_MANIFEST

/* The largest call, with room for a get that asks for more than an asset
 * holds: ETSS answers it, not the peer. */
static uint8_t copies[2u * ETSS_MAX_ASSET_SIZE + 64u];

/* The number of vectors up to the last non-empty one (ETSS sees sizes,
 * not counts; TF-M allows PSA_MAX_IOVEC in and out together). */
static size_t vectors(const size_t *size)
{
    size_t n = PSA_MAX_IOVEC;
    while (n > 0u && size[n - 1u] == 0u) {
        n--;
    }
    return n;
}

static psa_status_t forward(const psa_msg_t *msg)
{
    psa_invec in[PSA_MAX_IOVEC] = {0};
    psa_outvec out[PSA_MAX_IOVEC] = {0};
    const size_t n_in = vectors(msg->in_size);
    const size_t n_out = vectors(msg->out_size);
    size_t used = 0;
    if (n_in + n_out > PSA_MAX_IOVEC) {
        return PSA_ERROR_PROGRAMMER_ERROR;
    }
    for (size_t i = 0; i < n_in; i++) {
        if (msg->in_size[i] > sizeof(copies) - used) {
            return PSA_ERROR_INSUFFICIENT_MEMORY;
        }
        in[i].base = &copies[used];
        in[i].len = psa_read(msg->handle, (uint32_t)i, &copies[used], msg->in_size[i]);
        used += in[i].len;
    }
    for (size_t i = 0; i < n_out; i++) {
        if (msg->out_size[i] > sizeof(copies) - used) {
            return PSA_ERROR_INSUFFICIENT_MEMORY;
        }
        out[i].base = &copies[used];
        out[i].len = msg->out_size[i];
        used += out[i].len;
    }
    psa_handle_t etss = psa_connect(TFM_ETSS_SERVICE_SID, TFM_ETSS_SERVICE_VERSION);
    if (etss <= 0) {
        return PSA_ERROR_CONNECTION_REFUSED;
    }
    psa_status_t status = psa_call(etss, msg->type, in, n_in, out, n_out);
    psa_close(etss);
    for (size_t i = 0; i < n_out; i++) {
        if (out[i].len > 0u) {
            psa_write(msg->handle, (uint32_t)i, out[i].base, out[i].len);
        }
    }
    return status;
}

/* The entry point; only TF-M's generated load information refers to it. */
void ETSS_PEER_MAIN(void);

void ETSS_PEER_MAIN(void)
{
    for (;;) {
        psa_msg_t msg;
        (void)psa_wait(ETSS_PEER_SIGNAL, PSA_BLOCK);
        if (psa_get(ETSS_PEER_SIGNAL, &msg) != PSA_SUCCESS) {
            continue;
        }
        /* Connections open and close; every call is forwarded. */
        psa_reply(msg.handle, msg.type >= PSA_IPC_CALL ? forward(&msg) : PSA_SUCCESS);
    }
}
