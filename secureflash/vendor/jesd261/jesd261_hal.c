/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The JESD261-style HAL calls: arguments checked once here, then the
 * vendor's sub-steps in their fixed order.
 */
#include <string.h>

#include "jesd261_hal.h"
#include "spi_driver.h"

/* What the HAL keeps of a part, in the device's vendor-state area. */
struct jesd261_context {
    const struct jesd261_vendor_steps *steps;
    /* The vendor's own, from secure init on; 8-byte aligned. */
    uint64_t vendor_state[JESD261_VENDOR_STATE / 8u];
    /* One operation at a time per part; 8-byte aligned for any vendor. */
    uint64_t op_state[JESD261_VENDOR_SCRATCH / 8u];
};

_Static_assert(sizeof(struct jesd261_context) <= SF_VENDOR_STATE_BYTES,
               "the HAL context must fit the device's vendor state");

static struct jesd261_context *context(struct sf_vendor_ctx *vc)
{
    return (struct jesd261_context *)(void *)vc->state;
}

/* The device as the vendor's steps see it: the same, but with their own
 * state where the HAL keeps its context. */
static struct sf_vendor_ctx vendor_view(struct sf_vendor_ctx *vc)
{
    struct sf_vendor_ctx view = *vc;
    view.state = context(vc)->vendor_state;
    return view;
}

static const struct jesd261_vendor_steps *steps_of(struct sf_vendor_ctx *vc)
{
    return vc != NULL ? context(vc)->steps : NULL;
}

int jesd261_secure_init(struct sf_vendor_ctx *vc, const struct jesd261_vendor_steps *const *vendors,
                        size_t n_vendors)
{
    if (vc == NULL || vc->spi == NULL || (vendors == NULL && n_vendors != 0u)) {
        return SF_ERR_PARAM;
    }
    context(vc)->steps = NULL;
    for (size_t i = 0; i < n_vendors; i++) {
        const struct jesd261_vendor_steps *v = vendors[i];
        if (v->max_data < JESD261_MAX_DATA) {
            continue; /* cannot carry the HAL's chunks */
        }
        struct sf_vendor_ctx view = vendor_view(vc);
        int rc = v->detect(&view);
        if (rc == SF_OK) {
            context(vc)->steps = v;
            vc->features = view.features;
        }
        if (rc != SF_ERR_NO_DEVICE) {
            return rc;
        }
    }
    return SF_ERR_NO_DEVICE;
}

int jesd261_seal_provisioning(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len,
                              const struct sf_root_keys *keys, uint8_t *out, size_t out_size,
                              size_t *out_len)
{
    /* The common layer checked the arguments; the vendor is the part's. */
    const struct jesd261_vendor_steps *v = steps_of(vc);
    if (v == NULL) {
        return SF_ERR_PARAM;
    }
    struct sf_vendor_ctx view = vendor_view(vc);
    return v->seal_provisioning(&view, record, len, keys, out, out_size, out_len);
}

void jesd261_secure_uninit(struct sf_vendor_ctx *vc)
{
    if (vc != NULL) {
        context(vc)->steps = NULL;
        sf_crypto_zeroize(context(vc)->vendor_state, sizeof(context(vc)->vendor_state));
        sf_crypto_zeroize(context(vc)->op_state, sizeof(context(vc)->op_state));
    }
}

/* One operation through the vendor's sub-steps. */
static int run(struct sf_vendor_ctx *vc, struct jesd261_op *op)
{
    const struct jesd261_vendor_steps *v = steps_of(vc);
    if (v == NULL) {
        return SF_ERR_NO_DEVICE; /* no secure init, or the part was forgotten */
    }
    struct sf_vendor_ctx view = vendor_view(vc);
    op->vendor = context(vc)->op_state;
    int rc = v->pre_operation(&view, op);
    if (rc != SF_OK) {
        return rc;
    }
    uint8_t opcode = 0u;
    size_t len = 0u;
    rc = v->packet_build(&view, op, &opcode, &len);
    if (rc == SF_OK && len > SF_MAX_FRAME) {
        rc = SF_ERR_PARAM;
    }
    if (rc == SF_OK) {
        rc = etss_spi_transaction(vc->spi, &opcode, 1u, vc->frame, len, NULL, 0u);
    }
    if (rc == SF_OK) {
        rc = v->post_operation(&view, op);
    }
    if (rc == SF_OK) {
        rc = v->response_parse(&view, op);
    }
    /* The vendor's parse must have kept to the caller's array. */
    if (rc == SF_OK && op->out_len > op->out_size) {
        rc = SF_ERR_COMM;
    }
    return v->end_operation(&view, op, rc);
}

/* A session the part has ended is the vendor's to report (as a
 * communication failure, so the caller opens another). */
static bool usable(const struct sf_vendor_ctx *vc, const struct sf_session *s)
{
    return vc != NULL && s != NULL;
}

int jesd261_create_session(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t region,
                           sf_key_t root_key)
{
    uint8_t proof[JESD261_MAX_PROOF];
    if (vc == NULL || s == NULL || root_key == SF_KEY_NONE) {
        return SF_ERR_PARAM;
    }
    memset(s, 0, sizeof(*s));
    struct jesd261_op create = {.type = JESD261_OP_CREATE_SESSION,
                                .session = s,
                                .region = region,
                                .root_key = root_key,
                                .out = proof,
                                .out_size = sizeof(proof)};
    int rc = run(vc, &create);
    /* Mutual: the part has proved the key; now the host does. */
    if (rc == SF_OK) {
        struct jesd261_op confirm = {.type = JESD261_OP_CONFIRM_SESSION,
                                     .session = s,
                                     .in = proof,
                                     .in_len = create.out_len};
        rc = run(vc, &confirm);
    }
    sf_crypto_zeroize(proof, sizeof(proof));
    if (rc == SF_OK && !s->open) {
        rc = SF_ERR_COMM;
    }
    if (rc != SF_OK) {
        sf_session_end(s);
        return rc;
    }
    return SF_OK;
}

int jesd261_terminate_session(struct sf_vendor_ctx *vc, struct sf_session *s)
{
    if (!usable(vc, s)) {
        return SF_ERR_PARAM;
    }
    struct jesd261_op op = {.type = JESD261_OP_TERMINATE_SESSION, .session = s};
    int rc = run(vc, &op);
    sf_session_end(s);
    return rc;
}

int jesd261_secure_read(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr, uint8_t *buf,
                        size_t len)
{
    if (!usable(vc, s) || buf == NULL || len == 0u || len > JESD261_MAX_DATA) {
        return SF_ERR_PARAM;
    }
    struct jesd261_op op = {
        .type = JESD261_OP_SECURE_READ, .session = s, .addr = addr, .out = buf, .out_size = len};
    return run(vc, &op);
}

int jesd261_secure_program(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr,
                           const uint8_t *data, size_t len)
{
    if (!usable(vc, s) || data == NULL || len == 0u || len > JESD261_MAX_DATA) {
        return SF_ERR_PARAM;
    }
    struct jesd261_op op = {
        .type = JESD261_OP_SECURE_PROGRAM, .session = s, .addr = addr, .in = data, .in_len = len};
    return run(vc, &op);
}

int jesd261_secure_erase(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr)
{
    if (!usable(vc, s)) {
        return SF_ERR_PARAM;
    }
    struct jesd261_op op = {.type = JESD261_OP_SECURE_ERASE, .session = s, .addr = addr};
    return run(vc, &op);
}

int jesd261_secure_copy(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t src, uint32_t dst,
                        size_t len)
{
    uint8_t chunk[JESD261_MAX_DATA];
    if (!usable(vc, s) || len == 0u || len > UINT32_MAX - src || len > UINT32_MAX - dst ||
        (src < dst + len && dst < src + len)) {
        return SF_ERR_PARAM; /* overlapping ranges would copy what was just written */
    }
    int rc = SF_OK;
    for (size_t done = 0u; done < len && rc == SF_OK;) {
        size_t n = len - done < sizeof(chunk) ? len - done : sizeof(chunk);
        rc = jesd261_secure_read(vc, s, src + (uint32_t)done, chunk, n);
        if (rc == SF_OK) {
            rc = jesd261_secure_program(vc, s, dst + (uint32_t)done, chunk, n);
        }
        done += n;
    }
    sf_crypto_zeroize(chunk, sizeof(chunk));
    return rc;
}

int jesd261_get_region_info(struct sf_vendor_ctx *vc, struct sf_session *s, struct sf_info *info)
{
    if (vc == NULL || info == NULL) {
        return SF_ERR_PARAM;
    }
    struct jesd261_op op = {.type = JESD261_OP_GET_REGION_INFO, .session = s, .info = info};
    return run(vc, &op);
}

int jesd261_get_identity(struct sf_vendor_ctx *vc, struct sf_identity *id)
{
    if (vc == NULL || id == NULL) {
        return SF_ERR_PARAM;
    }
    struct jesd261_op op = {.type = JESD261_OP_GET_IDENTITY, .identity = id};
    return run(vc, &op);
}

int jesd261_manage_region(struct sf_vendor_ctx *vc, struct sf_session *s,
                          enum jesd261_region_action action, const uint8_t *record, size_t len)
{
    struct jesd261_op op = {.session = s, .in = record, .in_len = len};
    bool needs_record = action != JESD261_REGIONS_LOCK;
    bool needs_session = action != JESD261_REGIONS_PROVISION;
    if (vc == NULL || (needs_session ? !usable(vc, s) : s != NULL) ||
        (needs_record ? record == NULL || len == 0u : record != NULL || len != 0u)) {
        return SF_ERR_PARAM;
    }
    switch (action) {
    case JESD261_REGIONS_PROVISION:
        op.type = JESD261_OP_PROVISION_REGIONS;
        break;
    case JESD261_REGIONS_REPROVISION:
        op.type = JESD261_OP_REPROVISION_REGIONS;
        break;
    case JESD261_REGIONS_LOCK:
        op.type = JESD261_OP_LOCK_REGIONS;
        break;
    default:
        return SF_ERR_PARAM;
    }
    return run(vc, &op);
}

int jesd261_counter(struct sf_vendor_ctx *vc, struct sf_session *s, bool increment, uint8_t id,
                    uint32_t *value)
{
    if (!usable(vc, s) || value == NULL) {
        return SF_ERR_PARAM;
    }
    struct jesd261_op op = {
        .type = increment ? JESD261_OP_COUNTER_INCREMENT : JESD261_OP_COUNTER_READ,
        .session = s,
        .counter = id,
    };
    int rc = run(vc, &op);
    if (rc == SF_OK) {
        *value = op.value;
    }
    return rc;
}

int jesd261_random(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t *buf, size_t len)
{
    if (!usable(vc, s) || buf == NULL || len == 0u || len > JESD261_MAX_DATA) {
        return SF_ERR_PARAM;
    }
    struct jesd261_op op = {.type = JESD261_OP_RANDOM, .session = s, .out = buf, .out_size = len};
    return run(vc, &op);
}

int jesd261_puf(struct sf_vendor_ctx *vc, struct sf_session *s, const uint8_t *challenge,
                size_t challenge_len, uint8_t *out, size_t out_size, size_t *out_len)
{
    if (!usable(vc, s) || challenge == NULL || challenge_len == 0u || out == NULL ||
        out_len == NULL) {
        return SF_ERR_PARAM;
    }
    struct jesd261_op op = {.type = JESD261_OP_PUF,
                            .session = s,
                            .in = challenge,
                            .in_len = challenge_len,
                            .out = out,
                            .out_size = out_size};
    int rc = run(vc, &op);
    *out_len = rc == SF_OK ? op.out_len : 0u;
    return rc;
}

int jesd261_uid(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t *out, size_t out_size,
                size_t *out_len)
{
    if (!usable(vc, s) || out == NULL || out_len == NULL) {
        return SF_ERR_PARAM;
    }
    struct jesd261_op op = {.type = JESD261_OP_UID, .session = s, .out = out, .out_size = out_size};
    int rc = run(vc, &op);
    *out_len = rc == SF_OK ? op.out_len : 0u;
    return rc;
}
