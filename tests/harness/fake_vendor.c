/* SPDX-License-Identifier: BSD-3-Clause */
/* The fake vendor binding (fake_vendor.h). */
#include <string.h>

#include "fake_vendor.h"
#include "sf_vendor.h"

struct fake_part fake_part;

void fake_part_reset(uint8_t n_zones)
{
    memset(&fake_part, 0, sizeof(fake_part));
    if (n_zones > SF_MAX_ZONES) {
        n_zones = SF_MAX_ZONES;
    }
    struct sf_info *info = &fake_part.info;
    info->lifecycle = SF_LIFECYCLE_BLANK;
    info->features = SF_FEATURE_ZONES | SF_FEATURE_COUNTERS | SF_FEATURE_TRNG;
    info->n_zones = n_zones;
    info->n_counters = FAKE_COUNTERS;
    info->max_sessions = SF_MAX_SESSIONS;
    info->lockout_threshold = 10u;
    for (uint8_t z = 0; z < n_zones; z++) {
        info->zones[z].base = (uint32_t)z * 0x10000u;
        info->zones[z].size = 0x10000u;
    }
    memset(fake_part.array, 0xFF, sizeof(fake_part.array));
}

void fake_force(enum fake_op op, int status, uint32_t times)
{
    fake_part.forced[op] = status;
    fake_part.forced_left[op] = times;
}

/* Count the call; true (with *rc) when a forced status answers it. */
static bool forced(enum fake_op op, int *rc)
{
    fake_part.calls[op]++;
    if (fake_part.forced_left[op] == 0u) {
        return false;
    }
    fake_part.forced_left[op]--;
    *rc = fake_part.forced[op];
    return true;
}

/* One operation in session `s`: the part counts it against the budget and
 * refuses what goes beyond (an expired session answers nothing valid). */
static int in_session(struct sf_session *s)
{
    if (!s->open) {
        return SF_ERR_COMM;
    }
    s->sequence++;
    if (s->sequence > fake_part.highest_sequence) {
        fake_part.highest_sequence = s->sequence;
    }
    uint32_t budget = fake_part.info.session_max_ops;
    return budget != 0u && s->sequence > budget ? SF_ERR_COMM : SF_OK;
}

#define FORCED_OR(op)                                                                              \
    do {                                                                                           \
        int forced_rc_;                                                                            \
        if (forced(op, &forced_rc_)) {                                                             \
            return forced_rc_;                                                                     \
        }                                                                                          \
    } while (0)

static int fake_probe(struct sf_vendor_ctx *vc)
{
    FORCED_OR(FAKE_PROBE);
    vc->features = fake_part.info.features;
    return SF_OK;
}

static int fake_get_info(struct sf_vendor_ctx *vc, struct sf_info *info)
{
    (void)vc;
    FORCED_OR(FAKE_GET_INFO);
    *info = fake_part.info;
    return SF_OK;
}

/* The message: every zone's root key, one after the other. */
static int fake_seal_provisioning(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len,
                                  const struct sf_root_keys *keys, uint8_t *out, size_t out_size,
                                  size_t *out_len)
{
    (void)vc;
    (void)record;
    (void)len;
    FORCED_OR(FAKE_SEAL_PROVISIONING);
    size_t n = (size_t)fake_part.info.n_zones * SF_ROOT_KEY_LEN;
    if (out_size < n) {
        return SF_ERR_PARAM;
    }
    int rc = SF_OK;
    for (uint8_t z = 0; z < fake_part.info.n_zones && rc == SF_OK; z++) {
        rc = keys->derive(keys->ctx, z, &out[z * SF_ROOT_KEY_LEN]);
    }
    *out_len = rc == SF_OK ? n : 0u;
    return rc;
}

static int fake_provision(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len)
{
    (void)vc;
    (void)record;
    (void)len;
    FORCED_OR(FAKE_PROVISION);
    fake_part.info.lifecycle = SF_LIFECYCLE_PROVISIONED;
    return SF_OK;
}

static int fake_reprovision(struct sf_vendor_ctx *vc, struct sf_session *s, const uint8_t *record,
                            size_t len)
{
    (void)vc;
    (void)record;
    (void)len;
    FORCED_OR(FAKE_REPROVISION);
    return in_session(s);
}

static int fake_session_open(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t zone,
                             sf_key_t root_key)
{
    (void)vc;
    (void)root_key;
    FORCED_OR(FAKE_SESSION_OPEN);
    if (zone >= fake_part.info.n_zones) {
        return SF_ERR_DENIED;
    }
    memset(s, 0, sizeof(*s));
    s->open = true;
    s->zone = zone;
    s->id = (uint8_t)(fake_part.n_opened + 1u);
    if (fake_part.n_opened < FAKE_LOG) {
        fake_part.opened[fake_part.n_opened] = zone;
    }
    fake_part.n_opened++;
    return SF_OK;
}

static int fake_session_close(struct sf_vendor_ctx *vc, struct sf_session *s)
{
    (void)vc;
    FORCED_OR(FAKE_SESSION_CLOSE);
    if (fake_part.n_closed < FAKE_LOG) {
        fake_part.closed[fake_part.n_closed] = s->zone;
    }
    fake_part.n_closed++;
    s->open = false;
    return SF_OK;
}

static int fake_read(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr, void *buf,
                     size_t len)
{
    (void)vc;
    FORCED_OR(FAKE_READ);
    int rc = in_session(s);
    for (size_t i = 0; rc == SF_OK && i < len; i++) {
        ((uint8_t *)buf)[i] = fake_part.array[(addr + i) % FAKE_ARRAY_BYTES];
    }
    return rc;
}

static int fake_program(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr,
                        const void *data, size_t len)
{
    (void)vc;
    FORCED_OR(FAKE_PROGRAM);
    int rc = in_session(s);
    for (size_t i = 0; rc == SF_OK && i < len; i++) {
        fake_part.array[(addr + i) % FAKE_ARRAY_BYTES] &= ((const uint8_t *)data)[i];
    }
    return rc;
}

static int fake_erase(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr)
{
    (void)vc;
    (void)addr;
    FORCED_OR(FAKE_ERASE);
    int rc = in_session(s);
    if (rc == SF_OK) {
        memset(fake_part.array, 0xFF, sizeof(fake_part.array));
    }
    return rc;
}

static int fake_counter_read(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t id,
                             uint32_t *value)
{
    (void)vc;
    FORCED_OR(FAKE_COUNTER_READ);
    int rc = in_session(s);
    if (rc == SF_OK && id >= fake_part.info.n_counters) {
        rc = SF_ERR_DENIED;
    }
    if (rc == SF_OK) {
        *value = fake_part.counters[id];
    }
    return rc;
}

static int fake_counter_increment(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t id,
                                  uint32_t *value)
{
    (void)vc;
    FORCED_OR(FAKE_COUNTER_INCREMENT);
    int rc = in_session(s);
    if (rc == SF_OK && id >= fake_part.info.n_counters) {
        rc = SF_ERR_DENIED;
    }
    if (rc == SF_OK) {
        *value = ++fake_part.counters[id];
    }
    return rc;
}

static int fake_random(struct sf_vendor_ctx *vc, struct sf_session *s, void *buf, size_t len)
{
    (void)vc;
    FORCED_OR(FAKE_RANDOM);
    int rc = in_session(s);
    for (size_t i = 0; rc == SF_OK && i < len; i++) {
        ((uint8_t *)buf)[i] = (uint8_t)(i * 37u + 11u);
    }
    return rc;
}

static int fake_security_info(struct sf_vendor_ctx *vc, struct sf_session *s, struct sf_info *info)
{
    (void)vc;
    int rc;
    if (forced(FAKE_SECURITY_INFO, &rc)) {
        if (fake_part.scribble) {
            memset(info, 0xA5, sizeof(*info)); /* a binding that fails half way */
        }
        return rc;
    }
    rc = in_session(s);
    if (rc == SF_OK) {
        *info = fake_part.info;
    }
    return rc;
}

static int fake_lock(struct sf_vendor_ctx *vc, struct sf_session *s)
{
    (void)vc;
    FORCED_OR(FAKE_LOCK);
    int rc = in_session(s);
    if (rc == SF_OK) {
        fake_part.info.lifecycle = SF_LIFECYCLE_LOCKED;
    }
    return rc;
}

const struct sf_vendor_ops fake_vendor_ops = {
    .name = "fake",
    .probe = fake_probe,
    .get_info = fake_get_info,
    .seal_provisioning = fake_seal_provisioning,
    .provision = fake_provision,
    .reprovision = fake_reprovision,
    .session_open = fake_session_open,
    .session_close = fake_session_close,
    .read = fake_read,
    .program = fake_program,
    .erase = fake_erase,
    .counter_read = fake_counter_read,
    .counter_increment = fake_counter_increment,
    .random = fake_random,
    .security_info = fake_security_info,
    .lock = fake_lock,
    .max_data = 256u,
};
