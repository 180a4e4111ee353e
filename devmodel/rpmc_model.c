/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RPMC engine of the RPMC flash model (docs/rpmc.md): the device side of
 * JESD260 on the NOR model, as an extension that decodes OP1 and OP2. It
 * trusts nothing from the bus: a command is checked in full (length,
 * command type, counter address, reserved byte, signature, key state,
 * counter data) before anything changes, and a refused command changes
 * nothing but the extended status.
 *
 * State in the NV area, one 40-byte slot per counter:
 *   0  4  counter (u32 LE, inverted: an erased area reads 0)
 *   4  1  root key flag (0xFF none, RPMC_KEY_WRITTEN written)
 *   5  3  unused (0xFF)
 *   8 32  root key
 * Write Root Key is one NV write of bytes 4..39, an increment one NV write
 * of bytes 0..3; each is atomic and a power-cut point.
 */
#include <string.h>

#include "devmodel/rpmc_model.h"
#include "etss_bytes.h"
#include "model_memory.h"
#include "rpmc_protocol.h"
#include "sf_crypto.h"

#define SLOT_LEN 40u
#define SLOT_OFF_COUNTER 0u
#define SLOT_OFF_FLAG 4u
#define SLOT_OFF_KEY 8u
#define RPMC_KEY_WRITTEN 0x5Au

struct counter_state {
    uint32_t value;
    bool root_key_set;
    bool hmac_key_set; /* volatile */
    uint8_t root_key[RPMC_ROOT_KEY_LEN];
    uint8_t hmac_key[RPMC_HMAC_KEY_LEN]; /* volatile */
};

struct rpmc_model {
    nor_model_t *nor;
    struct rpmc_model_config cfg;
    uint32_t sfdp_table[RPMC_SFDP_DWORDS];
    struct counter_state counters[RPMC_MODEL_MAX_COUNTERS];
    /* The transaction on the wire. */
    uint8_t opcode;
    size_t in_len;
    bool overflow;
    uint8_t in[RPMC_MAX_OP1_LEN];
    /* What OP2 clocks out. */
    uint8_t answer[RPMC_OP2_ANSWER_LEN];
};

/* ---- persistence ---- */

static void load_state(struct rpmc_model *m)
{
    for (uint8_t i = 0; i < m->cfg.n_counters; i++) {
        uint8_t slot[SLOT_LEN];
        struct counter_state *c = &m->counters[i];
        if (!nor_model_nv_read(m->nor, (uint32_t)i * SLOT_LEN, slot, SLOT_LEN)) {
            continue;
        }
        c->value = ~etss_get_le32(&slot[SLOT_OFF_COUNTER]);
        c->root_key_set = slot[SLOT_OFF_FLAG] == RPMC_KEY_WRITTEN;
        if (c->root_key_set) {
            memcpy(c->root_key, &slot[SLOT_OFF_KEY], RPMC_ROOT_KEY_LEN);
        }
        sf_crypto_zeroize(slot, sizeof(slot));
    }
}

static bool store_counter(struct rpmc_model *m, uint8_t id, uint32_t value)
{
    uint8_t raw[4];
    etss_put_le32(raw, ~value);
    if (!nor_model_nv_write(m->nor, (uint32_t)id * SLOT_LEN + SLOT_OFF_COUNTER, raw, sizeof(raw))) {
        return false;
    }
    m->counters[id].value = value;
    return true;
}

/* ---- the four OP1 commands; each returns the extended status ---- */

static uint8_t write_root_key(struct rpmc_model *m, struct counter_state *c, uint8_t id)
{
    uint8_t mac[RPMC_SIGNATURE_LEN];
    const uint8_t *key = &m->in[RPMC_HEADER_LEN];
    if (c->root_key_set) {
        return RPMC_ST_ROOT_KEY; /* write-once */
    }
    if (sf_crypto_hmac_with_key_bytes(key, m->in, RPMC_HEADER_LEN, mac, NULL) != SF_OK) {
        return RPMC_ST_FATAL;
    }
    bool ok = sf_crypto_equal(&mac[RPMC_TRUNCATED_SIG_SKIP],
                              &m->in[RPMC_HEADER_LEN + RPMC_ROOT_KEY_LEN], RPMC_TRUNCATED_SIG_LEN);
    sf_crypto_zeroize(mac, sizeof(mac));
    if (!ok) {
        return RPMC_ST_ROOT_KEY;
    }
    uint8_t rec[SLOT_LEN - SLOT_OFF_FLAG];
    memset(rec, 0xFF, sizeof(rec));
    rec[0] = RPMC_KEY_WRITTEN;
    memcpy(&rec[SLOT_OFF_KEY - SLOT_OFF_FLAG], key, RPMC_ROOT_KEY_LEN);
    ok = nor_model_nv_write(m->nor, (uint32_t)id * SLOT_LEN + SLOT_OFF_FLAG, rec, sizeof(rec));
    sf_crypto_zeroize(rec, sizeof(rec));
    if (!ok) {
        return RPMC_ST_FATAL; /* power cut: nobody reads it */
    }
    memcpy(c->root_key, key, RPMC_ROOT_KEY_LEN);
    c->root_key_set = true;
    return RPMC_ST_SUCCESS;
}

static uint8_t update_hmac_key(struct counter_state *c, const uint8_t *msg)
{
    uint8_t key[RPMC_HMAC_KEY_LEN];
    if (!c->root_key_set) {
        return RPMC_ST_ROOT_KEY;
    }
    if (sf_crypto_hmac_with_key_bytes(c->root_key, &msg[RPMC_HEADER_LEN], RPMC_KEY_DATA_LEN, key,
                                      NULL) != SF_OK) {
        return RPMC_ST_FATAL;
    }
    int rc = sf_crypto_hmac_with_key_bytes(key, msg, RPMC_HEADER_LEN + RPMC_KEY_DATA_LEN, NULL,
                                           &msg[RPMC_HEADER_LEN + RPMC_KEY_DATA_LEN]);
    if (rc == SF_OK) {
        memcpy(c->hmac_key, key, sizeof(key));
        c->hmac_key_set = true;
    }
    sf_crypto_zeroize(key, sizeof(key));
    return rc == SF_OK ? RPMC_ST_SUCCESS
                       : (rc == SF_ERR_VERIFY ? RPMC_ST_BAD_REQUEST : RPMC_ST_FATAL);
}

/* Increment and Request are signed with the counter's HMAC key. */
static uint8_t check_signed(const struct counter_state *c, const uint8_t *msg, size_t signed_len)
{
    if (!c->hmac_key_set) {
        return RPMC_ST_HMAC_KEY_UNINIT;
    }
    int rc = sf_crypto_hmac_with_key_bytes(c->hmac_key, msg, signed_len, NULL, &msg[signed_len]);
    return rc == SF_OK ? RPMC_ST_SUCCESS
                       : (rc == SF_ERR_VERIFY ? RPMC_ST_BAD_REQUEST : RPMC_ST_FATAL);
}

static uint8_t increment(struct rpmc_model *m, struct counter_state *c, uint8_t id)
{
    uint8_t st = check_signed(c, m->in, RPMC_HEADER_LEN + RPMC_COUNTER_LEN);
    if (st != RPMC_ST_SUCCESS) {
        return st;
    }
    if (etss_get_be32(&m->in[RPMC_HEADER_LEN]) != c->value) {
        return RPMC_ST_COUNTER_MISMATCH;
    }
    if (c->value == RPMC_COUNTER_MAX) {
        return RPMC_ST_FATAL; /* a counter never wraps */
    }
    return store_counter(m, id, c->value + 1u) ? RPMC_ST_SUCCESS : RPMC_ST_FATAL;
}

static uint8_t request(struct rpmc_model *m, const struct counter_state *c)
{
    uint8_t st = check_signed(c, m->in, RPMC_HEADER_LEN + RPMC_TAG_LEN);
    if (st != RPMC_ST_SUCCESS) {
        return st;
    }
    uint8_t *a = m->answer;
    memcpy(&a[RPMC_OP2_OFF_TAG], &m->in[RPMC_HEADER_LEN], RPMC_TAG_LEN);
    etss_put_be32(&a[RPMC_OP2_OFF_COUNTER], c->value);
    if (sf_crypto_hmac_with_key_bytes(c->hmac_key, &a[RPMC_OP2_OFF_TAG],
                                      RPMC_TAG_LEN + RPMC_COUNTER_LEN, &a[RPMC_OP2_OFF_SIGNATURE],
                                      NULL) != SF_OK) {
        memset(&a[RPMC_OP2_OFF_TAG], 0, RPMC_OP2_ANSWER_LEN - RPMC_OP2_OFF_TAG);
        return RPMC_ST_FATAL;
    }
    return RPMC_ST_SUCCESS;
}

static size_t expected_length(uint8_t type)
{
    switch (type) {
    case RPMC_CMD_WRITE_ROOT_KEY:
        return RPMC_LEN_WRITE_ROOT_KEY;
    case RPMC_CMD_UPDATE_HMAC_KEY:
        return RPMC_LEN_UPDATE_HMAC_KEY;
    case RPMC_CMD_INCREMENT_COUNTER:
        return RPMC_LEN_INCREMENT;
    case RPMC_CMD_REQUEST_COUNTER:
        return RPMC_LEN_REQUEST;
    default:
        return 0u;
    }
}

static uint8_t execute(struct rpmc_model *m)
{
    const uint8_t *msg = m->in;
    if (m->overflow || m->in_len < RPMC_HEADER_LEN || m->in_len != expected_length(msg[1]) ||
        msg[2] >= m->cfg.n_counters || msg[3] != 0u) {
        return RPMC_ST_BAD_REQUEST;
    }
    uint8_t id = msg[2];
    struct counter_state *c = &m->counters[id];
    switch (msg[1]) {
    case RPMC_CMD_WRITE_ROOT_KEY:
        return write_root_key(m, c, id);
    case RPMC_CMD_UPDATE_HMAC_KEY:
        return update_hmac_key(c, msg);
    case RPMC_CMD_INCREMENT_COUNTER:
        return increment(m, c, id);
    default:
        return request(m, c);
    }
}

/* ---- NOR model extension hooks ---- */

static bool ext_claims(void *ctx, uint8_t opcode)
{
    const struct rpmc_model *m = ctx;
    return opcode == m->cfg.op1 || opcode == m->cfg.op2;
}

static uint8_t ext_clock(void *ctx, uint64_t position, uint8_t mosi, bool *response)
{
    struct rpmc_model *m = ctx;
    *response = false;
    if (position == 0u) {
        m->opcode = mosi;
        m->in_len = 0u;
        m->overflow = false;
    }
    if (m->opcode == m->cfg.op1) {
        if (m->in_len < sizeof(m->in)) {
            m->in[m->in_len++] = mosi; /* the opcode too: it is signed */
        } else {
            m->overflow = true;
        }
        return 0xFFu;
    }
    if (position < RPMC_OP2_HEADER_LEN) {
        return 0xFFu; /* opcode, dummy */
    }
    *response = true;
    uint64_t at = position - RPMC_OP2_HEADER_LEN;
    return at < RPMC_OP2_ANSWER_LEN ? m->answer[at] : 0xFFu;
}

static void ext_release(void *ctx, uint64_t length)
{
    struct rpmc_model *m = ctx;
    (void)length;
    if (m->opcode != m->cfg.op1 || m->in_len == 0u) {
        return;
    }
    /* Every OP1 replaces the answer: the data fields belong to a Request. */
    memset(m->answer, 0, sizeof(m->answer));
    uint8_t st = execute(m);
    sf_crypto_zeroize(m->in, sizeof(m->in));
    m->in_len = 0u;
    if (!nor_model_is_powered(m->nor)) {
        return;
    }
    m->answer[RPMC_OP2_OFF_STATUS] = st;
    nor_model_add_busy(m->nor, m->cfg.t_cmd_us);
}

static bool ext_plain_access_allowed(void *ctx, uint32_t addr, uint32_t len, bool write)
{
    (void)ctx;
    (void)addr;
    (void)len;
    (void)write;
    return true; /* the array is plain NOR */
}

static void ext_reset(void *ctx)
{
    struct rpmc_model *m = ctx;
    for (size_t i = 0; i < RPMC_MODEL_MAX_COUNTERS; i++) {
        sf_crypto_zeroize(m->counters[i].hmac_key, RPMC_HMAC_KEY_LEN);
        m->counters[i].hmac_key_set = false;
    }
    memset(m->answer, 0, sizeof(m->answer)); /* power-on status 0x00 */
    sf_crypto_zeroize(m->in, sizeof(m->in));
    m->in_len = 0u;
}

static const struct nor_model_extension rpmc_hooks = {
    .claims = ext_claims,
    .clock = ext_clock,
    .release = ext_release,
    .plain_access_allowed = ext_plain_access_allowed,
    .violation = NULL,
    .reset = ext_reset,
};

/* ---- life of a model ---- */

void rpmc_model_default_config(struct rpmc_model_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    nor_model_default_config(&cfg->nor);
    cfg->n_counters = 4u;
    cfg->op1 = RPMC_OP1_DEFAULT;
    cfg->op2 = RPMC_OP2_DEFAULT;
    cfg->t_cmd_us = 20u;
}

/* A delay byte (count, unit) announcing at least `us`. */
static uint8_t encode_delay(uint32_t us, bool long_units)
{
    static const uint32_t short_units[4] = RPMC_SHORT_UNITS_US;
    static const uint32_t long_units_us[4] = RPMC_LONG_UNITS_US;
    const uint32_t *units = long_units ? long_units_us : short_units;
    for (uint8_t u = 0; u < 4u; u++) {
        uint32_t count = (us + units[u] - 1u) / units[u];
        if (count <= RPMC_DELAY_COUNT_MASK) {
            return (uint8_t)(((uint32_t)u << RPMC_DELAY_UNIT_SHIFT) | (count == 0u ? 1u : count));
        }
    }
    return (uint8_t)((3u << RPMC_DELAY_UNIT_SHIFT) | RPMC_DELAY_COUNT_MASK);
}

static void build_sfdp_table(struct rpmc_model *m)
{
    const struct rpmc_model_config *c = &m->cfg;
    uint32_t t_write = c->t_cmd_us + c->nor.timing.t_pp_us;
    m->sfdp_table[0] = RPMC_SFDP_RESERVED1 | (c->poll_rdsr ? RPMC_SFDP_POLL_RDSR : 0u) |
                       ((uint32_t)(c->n_counters - 1u) << RPMC_SFDP_COUNTERS_SHIFT) |
                       ((uint32_t)c->op1 << RPMC_SFDP_OP1_SHIFT) |
                       ((uint32_t)c->op2 << RPMC_SFDP_OP2_SHIFT) |
                       ((uint32_t)c->update_rate << RPMC_SFDP_RATE_SHIFT) | RPMC_SFDP_RESERVED_RATE;
    /* Read: one command's work; write: plus an NV write; long: 4 x write. */
    m->sfdp_table[1] = (uint32_t)encode_delay(c->t_cmd_us, false) |
                       ((uint32_t)encode_delay(t_write, false) << 8) |
                       ((uint32_t)encode_delay(4u * t_write, true) << 16) | RPMC_SFDP_RESERVED_DW2;
}

rpmc_model_t *rpmc_model_create(const struct rpmc_model_config *cfg, enum nor_model_status *status)
{
    enum nor_model_status ignored = NOR_MODEL_OK;
    status = status != NULL ? status : &ignored;
    *status = NOR_MODEL_ERR_CONFIG;
    if (cfg == NULL || cfg->n_counters == 0u || cfg->n_counters > RPMC_MODEL_MAX_COUNTERS ||
        cfg->op1 == cfg->op2 || cfg->update_rate > 15u || cfg->t_cmd_us > 100000u ||
        cfg->nor.n_extra_sfdp >= NOR_MODEL_MAX_EXTRA_SFDP_TABLES || sf_crypto_init() != SF_OK) {
        return NULL;
    }
    struct rpmc_model *m = model_alloc(sizeof(*m));
    if (m == NULL) {
        *status = NOR_MODEL_ERR_NO_MEMORY;
        return NULL;
    }
    m->cfg = *cfg;
    build_sfdp_table(m);
    struct nor_model_config nor = cfg->nor;
    nor.nv_size = (uint32_t)cfg->n_counters * SLOT_LEN;
    nor.extra_sfdp[nor.n_extra_sfdp++] = (struct nor_model_sfdp_table){
        .id = RPMC_SFDP_ID,
        .rev_major = RPMC_SFDP_REV_MAJOR,
        .rev_minor = 0u,
        .dwords = m->sfdp_table,
        .n_dwords = RPMC_SFDP_DWORDS,
    };
    m->cfg.nor = nor;
    m->nor = nor_model_create(&nor, status);
    if (m->nor == NULL) {
        model_free(m);
        return NULL;
    }
    load_state(m);
    nor_model_set_extension(m->nor, &rpmc_hooks, m);
    *status = NOR_MODEL_OK;
    return m;
}

void rpmc_model_destroy(rpmc_model_t *rm)
{
    if (rm == NULL) {
        return;
    }
    nor_model_destroy(rm->nor);
    sf_crypto_zeroize(rm, sizeof(*rm));
    model_free(rm);
}

nor_model_t *rpmc_model_nor(rpmc_model_t *rm)
{
    return rm->nor;
}

void rpmc_model_view(const rpmc_model_t *rm, struct rpmc_model_view *view)
{
    memset(view, 0, sizeof(*view));
    view->n_counters = rm->cfg.n_counters;
    view->ext_status = rm->answer[RPMC_OP2_OFF_STATUS];
    for (size_t i = 0; i < rm->cfg.n_counters; i++) {
        view->counters[i] = rm->counters[i].value;
        view->root_key_set[i] = rm->counters[i].root_key_set;
        view->hmac_key_set[i] = rm->counters[i].hmac_key_set;
    }
}

void rpmc_model_test_set_counter(rpmc_model_t *rm, uint8_t id, uint32_t value)
{
    if (id < rm->cfg.n_counters && store_counter(rm, id, value)) {
        while (nor_model_is_busy(rm->nor)) {
            nor_model_advance(rm->nor, 1000u);
        }
    }
}
