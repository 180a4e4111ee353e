/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * NV layout of the secure flash model. Numbers are stored inverted so that
 * a fresh (erased, all 0xFF) area reads as zero counters, zero failures
 * and a BLANK part, with no formatting step:
 *
 *   0   session counter (u32, inverted)
 *   4   failure count (u8, inverted), 3 bytes unused
 *   8   monotonic counters (8 x u32, inverted)
 *   40  lifecycle (u8; 0xFF = BLANK), unused (u8), record length (u16)
 *   44  provisioning record, verbatim (SFP1_PROV_MAX_LEN bytes)
 *
 * The lifecycle, the record length and the record are one block written
 * at once, so provisioning is atomic.
 */
#include <string.h>

#include "etss_bytes.h"
#include "sf_model_state.h"

#define NV_SESSION_COUNTER 0u
#define NV_FAILURE_COUNT 4u
#define NV_COUNTERS 8u
#define NV_CONFIG (NV_COUNTERS + 4u * SF_MODEL_MAX_COUNTERS)
#define NV_CONFIG_HEADER 4u
#define NV_SIZE (NV_CONFIG + NV_CONFIG_HEADER + SFP1_PROV_MAX_LEN)
#define NV_ERASED 0xFFu

uint32_t sf_model_state_nv_size(void)
{
    return NV_SIZE;
}

/* The parsed form of a record already known to be valid. */
static void apply_record(struct sf_model_state *st, const uint8_t *rec)
{
    st->n_zones = rec[5];
    st->n_bindings = rec[6];
    st->lockout_threshold = rec[7];
    st->session_max_ops = etss_get_le32(&rec[8]);
    const uint8_t *p = &rec[SFP1_PROV_HEADER_LEN];
    for (uint8_t i = 0; i < st->n_zones; i++, p += SFP1_PROV_ZONE_LEN) {
        struct sf_model_zone *z = &st->zones[i];
        z->base = etss_get_le32(p);
        z->size = etss_get_le32(&p[4]);
        z->read_policy = p[8];
        z->write_policy = p[9];
        memcpy(z->root_key, &p[12], SFP1_ROOT_KEY_LEN);
    }
    for (uint8_t i = 0; i < st->n_bindings; i++, p += SFP1_PROV_BINDING_LEN) {
        st->bindings[i].client_id = (int32_t)etss_get_le32(p);
        st->bindings[i].zone = p[4];
        st->bindings[i].counter = p[6];
    }
}

void sf_model_state_load(nor_model_t *nor, struct sf_model_state *st)
{
    static uint8_t nv[NV_SIZE];
    memset(st, 0, sizeof(*st));
    if (!nor_model_nv_read(nor, 0u, nv, NV_SIZE)) {
        return;
    }
    st->session_counter = ~etss_get_le32(&nv[NV_SESSION_COUNTER]);
    st->failure_count = (uint8_t)~nv[NV_FAILURE_COUNT];
    for (uint32_t i = 0; i < SF_MODEL_MAX_COUNTERS; i++) {
        st->counters[i] = ~etss_get_le32(&nv[NV_COUNTERS + 4u * i]);
    }
    const uint8_t *cfg = &nv[NV_CONFIG];
    if (cfg[0] == NV_ERASED) {
        st->lifecycle = SFP1_LIFECYCLE_BLANK;
    } else {
        /* Fail closed: a provisioned part whose stored record is damaged
         * keeps its lifecycle but no zone, and the engine refuses all. */
        st->lifecycle =
            cfg[0] == SFP1_LIFECYCLE_LOCKED ? SFP1_LIFECYCLE_LOCKED : SFP1_LIFECYCLE_PROVISIONED;
        size_t len = (size_t)cfg[2] | ((size_t)cfg[3] << 8);
        const uint8_t *rec = &cfg[NV_CONFIG_HEADER];
        if (len <= SFP1_PROV_MAX_LEN &&
            sf_model_record_valid(rec, len, nor_model_config(nor)->size_bytes,
                                  SF_MODEL_MAX_COUNTERS)) {
            apply_record(st, rec);
        }
    }
    memset(nv, 0, sizeof(nv));
}

static bool policy_valid(uint8_t read, uint8_t write)
{
    return read <= SFP1_READ_ENCRYPTED && write <= SFP1_WRITE_READ_ONLY;
}

static bool key_present(const uint8_t *key)
{
    uint8_t any = 0u;
    for (size_t i = 0; i < SFP1_ROOT_KEY_LEN; i++) {
        any |= key[i];
    }
    return any != 0u;
}

static bool zones_valid(const uint8_t *p, uint8_t n, uint32_t array_size)
{
    for (uint8_t i = 0; i < n; i++) {
        const uint8_t *z = &p[i * SFP1_PROV_ZONE_LEN];
        uint64_t base = etss_get_le32(z);
        uint64_t size = etss_get_le32(&z[4]);
        if (size == 0u || base % SFP1_SECTOR_SIZE != 0u || size % SFP1_SECTOR_SIZE != 0u ||
            base + size > array_size || !policy_valid(z[8], z[9]) || z[10] != 0u || z[11] != 0u ||
            !key_present(&z[12])) {
            return false;
        }
        for (uint8_t j = 0; j < i; j++) {
            const uint8_t *o = &p[j * SFP1_PROV_ZONE_LEN];
            uint64_t o_base = etss_get_le32(o);
            uint64_t o_size = etss_get_le32(&o[4]);
            if (base < o_base + o_size && o_base < base + size) {
                return false;
            }
        }
    }
    return true;
}

static bool bindings_valid(const uint8_t *p, uint8_t n, uint8_t n_zones, uint8_t n_counters)
{
    for (uint8_t i = 0; i < n; i++) {
        const uint8_t *b = &p[i * SFP1_PROV_BINDING_LEN];
        if (b[4] >= n_zones || b[5] != b[4] || b[6] >= n_counters || b[7] != 0u) {
            return false;
        }
        for (uint8_t j = 0; j < i; j++) {
            if (memcmp(b, &p[j * SFP1_PROV_BINDING_LEN], 4u) == 0) {
                return false;
            }
        }
    }
    return true;
}

bool sf_model_record_valid(const uint8_t *rec, size_t len, uint32_t array_size, uint8_t n_counters)
{
    if (rec == NULL || len < SFP1_PROV_HEADER_LEN || memcmp(rec, SFP1_PROV_MAGIC, 4u) != 0 ||
        rec[4] != SFP1_PROV_VERSION) {
        return false;
    }
    uint8_t n_zones = rec[5];
    uint8_t n_bindings = rec[6];
    uint32_t max_ops = etss_get_le32(&rec[8]);
    if (n_zones == 0u || n_zones > SFP1_MAX_ZONES || n_bindings > SFP1_MAX_BINDINGS ||
        rec[7] == 0u || max_ops < SFP1_MIN_SESSION_OPS || max_ops > SFP1_MAX_SESSION_OPS ||
        len != SFP1_PROV_HEADER_LEN + (size_t)n_zones * SFP1_PROV_ZONE_LEN +
                   (size_t)n_bindings * SFP1_PROV_BINDING_LEN) {
        return false;
    }
    const uint8_t *zones = &rec[SFP1_PROV_HEADER_LEN];
    return zones_valid(zones, n_zones, array_size) &&
           bindings_valid(&zones[n_zones * SFP1_PROV_ZONE_LEN], n_bindings, n_zones, n_counters);
}

bool sf_model_record_has_encrypted_zone(const uint8_t *rec)
{
    for (uint8_t i = 0; i < rec[5]; i++) {
        if (rec[SFP1_PROV_HEADER_LEN + i * SFP1_PROV_ZONE_LEN + 8u] == SFP1_READ_ENCRYPTED) {
            return true;
        }
    }
    return false;
}

bool sf_model_state_provision(nor_model_t *nor, struct sf_model_state *st, const uint8_t *rec,
                              size_t len)
{
    static uint8_t block[NV_CONFIG_HEADER + SFP1_PROV_MAX_LEN];
    uint8_t lifecycle = SFP1_LIFECYCLE_PROVISIONED;
    memset(block, NV_ERASED, sizeof(block));
    block[0] = lifecycle;
    block[1] = 0u;
    block[2] = (uint8_t)len;
    block[3] = (uint8_t)(len >> 8);
    memcpy(&block[NV_CONFIG_HEADER], rec, len);
    bool ok = nor_model_nv_write(nor, NV_CONFIG, block, (uint32_t)sizeof(block));
    memset(block, 0, sizeof(block));
    if (ok) {
        st->lifecycle = lifecycle;
        apply_record(st, rec);
    }
    return ok;
}

bool sf_model_state_set_lifecycle(nor_model_t *nor, struct sf_model_state *st, uint8_t lifecycle)
{
    if (!nor_model_nv_write(nor, NV_CONFIG, &lifecycle, 1u)) {
        return false;
    }
    st->lifecycle = lifecycle;
    return true;
}

static bool write_inverted32(nor_model_t *nor, uint32_t offset, uint32_t value)
{
    uint8_t b[4];
    etss_put_le32(b, ~value);
    return nor_model_nv_write(nor, offset, b, sizeof(b));
}

bool sf_model_state_set_session_counter(nor_model_t *nor, struct sf_model_state *st, uint32_t value)
{
    if (!write_inverted32(nor, NV_SESSION_COUNTER, value)) {
        return false;
    }
    st->session_counter = value;
    return true;
}

bool sf_model_state_set_counter(nor_model_t *nor, struct sf_model_state *st, uint8_t id,
                                uint32_t value)
{
    if (id >= SF_MODEL_MAX_COUNTERS || !write_inverted32(nor, NV_COUNTERS + 4u * id, value)) {
        return false;
    }
    st->counters[id] = value;
    return true;
}

bool sf_model_state_set_failures(nor_model_t *nor, struct sf_model_state *st, uint8_t count)
{
    uint8_t b = (uint8_t)~count;
    if (!nor_model_nv_write(nor, NV_FAILURE_COUNT, &b, 1u)) {
        return false;
    }
    st->failure_count = count;
    return true;
}

size_t sf_model_state_info(const struct sf_model_state *st, uint8_t n_counters,
                           uint8_t max_sessions, uint8_t features, uint8_t *out)
{
    uint8_t *p = out;
    memset(p, 0, SFP1_INFO_HEADER_LEN);
    p[0] = st->lifecycle;
    p[1] = st->n_zones;
    p[2] = st->n_bindings;
    p[3] = n_counters;
    p[4] = max_sessions;
    p[5] = st->lockout_threshold;
    p[6] = st->failure_count;
    p[7] = features;
    etss_put_le32(&p[8], st->session_max_ops);
    p += SFP1_INFO_HEADER_LEN;
    for (uint8_t i = 0; i < st->n_zones; i++, p += SFP1_INFO_ZONE_LEN) {
        const struct sf_model_zone *z = &st->zones[i];
        etss_put_le32(p, z->base);
        etss_put_le32(&p[4], z->size);
        p[8] = z->read_policy;
        p[9] = z->write_policy;
        p[10] = i; /* key id: one root key per zone */
        p[11] = 0u;
    }
    for (uint8_t i = 0; i < st->n_bindings; i++, p += SFP1_INFO_BINDING_LEN) {
        const struct sf_model_binding *b = &st->bindings[i];
        etss_put_le32(p, (uint32_t)b->client_id);
        p[4] = b->zone;
        p[5] = b->zone;
        p[6] = b->counter;
        p[7] = 0u;
    }
    return (size_t)(p - out);
}
