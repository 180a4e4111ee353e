/* SPDX-License-Identifier: BSD-3-Clause */
/* The skeleton vendor binding (skeleton_binding.h). */
#include <string.h>

#include "sf_vendor.h"
#include "sfdp.h"
#include "skeleton_binding.h"

/* What the binding keeps per device lives in vc->state (at most
 * SF_VENDOR_STATE_BYTES): the chip's opcodes and limits found at probe. */
struct skeleton_state {
    uint8_t secure_opcode;
};

_Static_assert(sizeof(struct skeleton_state) <= SF_VENDOR_STATE_BYTES,
               "the binding's state fits the device's vendor state");

static struct skeleton_state *state(struct sf_vendor_ctx *vc)
{
    return (struct skeleton_state *)(void *)vc->state;
}

/* Probe: believe nothing the chip says yet (discovery is unauthenticated);
 * only decide whether this binding speaks its protocol. SF_ERR_NO_DEVICE
 * lets discovery try the next binding; a failure of the bus stops it. */
static int skeleton_probe(struct sf_vendor_ctx *vc)
{
    struct sfdp_table_ref ref;
    uint32_t dw[2];
    size_t n = 0;
    int rc = etss_sfdp_find_table(vc->spi, SKELETON_SFDP_ID, &ref);
    if (rc == SF_OK) {
        rc = etss_sfdp_read_table(vc->spi, &ref, dw, 2u, &n);
    }
    if (sf_bus_failed(rc)) {
        return rc;
    }
    if (rc != SF_OK || n < 2u) {
        return SF_ERR_NO_DEVICE;
    }
    memset(state(vc), 0, sizeof(struct skeleton_state));
    state(vc)->secure_opcode = (uint8_t)dw[0];
    /* Claims only: the common layer checks them against the maker's
     * certificate and the chip's authenticated description. */
    vc->features = 0u;
    return SF_OK;
}

/* GET_INFO without a session: parse the answer into a local description,
 * check every field, and only then copy it to *info (a refused answer
 * leaves the caller's as it was). */
static int skeleton_get_info(struct sf_vendor_ctx *vc, struct sf_info *info)
{
    (void)vc;
    (void)info;
    return SF_ERR_NOT_SUPPORTED;
}

/* Write each zone's root key (keys->derive) into the record, in the chip's
 * format, and seal it to vc->identity's key; SF_ERR_PARAM, and nothing
 * sent, for a record that cannot hold a key for every zone it declares. */
static int skeleton_seal_provisioning(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len,
                                      const struct sf_root_keys *keys, uint8_t *out,
                                      size_t out_size, size_t *out_len)
{
    (void)vc;
    (void)record;
    (void)len;
    (void)keys;
    (void)out;
    (void)out_size;
    *out_len = 0u;
    return SF_ERR_NOT_SUPPORTED;
}

static int skeleton_provision(struct sf_vendor_ctx *vc, const uint8_t *message, size_t len)
{
    (void)vc;
    (void)message;
    (void)len;
    return SF_ERR_NOT_SUPPORTED;
}

/* Prove both ends hold the zone's root key before the session carries a
 * command; derive the session's keys from it (through sf_crypto only) into
 * s->command_key and s->response_key, and set s->open. On any failure,
 * sf_session_end(s) and SF_ERR_COMM for an answer that does not verify. */
static int skeleton_session_open(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t zone,
                                 sf_key_t root_key)
{
    (void)vc;
    (void)zone;
    (void)root_key;
    sf_session_end(s);
    return SF_ERR_NOT_SUPPORTED;
}

/* Tell the chip, then sf_session_end(s) whatever it answered. */
static int skeleton_session_close(struct sf_vendor_ctx *vc, struct sf_session *s)
{
    (void)vc;
    sf_session_end(s);
    return SF_ERR_NOT_SUPPORTED;
}

/* The chip's description in session `s`, authenticated: the only one the
 * common layer believes. Parse into a local copy, as in get_info. */
static int skeleton_security_info(struct sf_vendor_ctx *vc, struct sf_session *s,
                                  struct sf_info *info)
{
    (void)vc;
    (void)s;
    (void)info;
    return SF_ERR_NOT_SUPPORTED;
}

/* Each operation in a session: advance s->sequence, seal the command,
 * check the response's tag and sequence before using a byte of it, never
 * write more than `len` into buf. SF_ERR_COMM for a response that does not
 * verify (the common layer then ends the session and retries the
 * operations that may be repeated). */
static int skeleton_read(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr, void *buf,
                         size_t len)
{
    (void)vc;
    (void)s;
    (void)addr;
    (void)buf;
    (void)len;
    return SF_ERR_NOT_SUPPORTED;
}

/* Optional operations (program, erase, counters, random, PUF, UID, lock,
 * reprovision) are left NULL until the chip has them: the common layer
 * answers SF_ERR_NOT_SUPPORTED for them. */
const struct sf_vendor_ops skeleton_vendor_ops = {
    .name = "skeleton",
    .probe = skeleton_probe,
    .get_info = skeleton_get_info,
    .seal_provisioning = skeleton_seal_provisioning,
    .provision = skeleton_provision,
    .session_open = skeleton_session_open,
    .session_close = skeleton_session_close,
    .read = skeleton_read,
    .security_info = skeleton_security_info,
    .max_data = 256u,
};
