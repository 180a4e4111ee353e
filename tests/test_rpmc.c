/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RPMC flash model and its host driver under attack: discovery over
 * SFDP, write-once root keys, authenticated reads and increments,
 * persistence across power cycles and image reloads, forged signatures,
 * replayed responses, stale counter values, lost HMAC keys, the counter
 * limit, a power cut at every NV write of an increment, and bad input.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "devmodel/model_spi.h"
#include "devmodel/rpmc_model.h"
#include "rpmc_host.h"
#include "rpmc_protocol.h"
#include "sf_crypto.h"
#include "spi_nor_defs.h"
#include "test_harness.h"

static const uint8_t key_data[RPMC_KEY_DATA_LEN] = {0xA1, 0xB2, 0xC3, 0xD4};

struct rig {
    rpmc_model_t *model;
    struct model_spi bus;
    const struct etss_spi_driver *spi;
    struct rpmc r;
};

static void root_key_of(uint8_t counter, uint8_t key[RPMC_ROOT_KEY_LEN])
{
    for (size_t i = 0; i < RPMC_ROOT_KEY_LEN; i++) {
        key[i] = (uint8_t)(0x40u + counter * 7u + i);
    }
}

static void rig_open_cfg(struct rig *g, const struct rpmc_model_config *cfg)
{
    enum nor_model_status st = NOR_MODEL_ERR_CONFIG;
    memset(g, 0, sizeof(*g));
    g->model = rpmc_model_create(cfg, &st);
    CHECK(g->model != NULL);
    CHECK_EQ(st, NOR_MODEL_OK);
    g->spi = model_spi_bind(&g->bus, rpmc_model_nor(g->model));
    CHECK_EQ(rpmc_init(&g->r, g->spi), SF_OK);
}

static void rig_open(struct rig *g, const char *image)
{
    struct rpmc_model_config cfg;
    rpmc_model_default_config(&cfg);
    cfg.nor.image_path = image;
    CHECK_HELPER(rig_open_cfg(g, &cfg));
}

static void rig_close(struct rig *g)
{
    rpmc_deinit(&g->r);
    rpmc_model_destroy(g->model);
    g->model = NULL;
}

static nor_model_t *nor_of(struct rig *g)
{
    return rpmc_model_nor(g->model);
}

static void provision(struct rig *g, uint8_t counter)
{
    uint8_t rk[RPMC_ROOT_KEY_LEN];
    root_key_of(counter, rk);
    CHECK_EQ(rpmc_write_root_key(&g->r, counter, rk), SF_OK);
    CHECK_EQ(g->r.last_status, RPMC_ST_SUCCESS);
    CHECK_EQ(rpmc_update_hmac_key(&g->r, counter, rk, key_data), SF_OK);
}

static struct rpmc_model_view view_of(struct rig *g)
{
    struct rpmc_model_view v;
    rpmc_model_view(g->model, &v);
    return v;
}

/* ---- the wire, raw: what an attacker on the bus can send ---- */

static void drain_busy(struct rig *g)
{
    while (nor_model_is_busy(nor_of(g))) {
        nor_model_advance(nor_of(g), 1000u);
    }
}

static uint8_t raw_status(struct rig *g)
{
    const uint8_t hdr[RPMC_OP2_HEADER_LEN] = {RPMC_OP2_DEFAULT, 0u};
    uint8_t st = 0u;
    (void)etss_spi_transaction(g->spi, hdr, sizeof(hdr), NULL, 0u, &st, 1u);
    return st;
}

static uint8_t raw_op1(struct rig *g, const uint8_t *msg, size_t len)
{
    drain_busy(g);
    (void)etss_spi_transaction(g->spi, msg, len, NULL, 0u, NULL, 0u);
    drain_busy(g);
    return raw_status(g);
}

static void hmac_bytes(const uint8_t key[32], const uint8_t *data, size_t len, uint8_t mac[32])
{
    sf_key_t k = SF_KEY_NONE;
    CHECK_EQ(sf_crypto_import(SF_KEY_HMAC_SHA256, key, 32u, &k), SF_OK);
    CHECK_EQ(sf_crypto_hmac(k, data, len, mac), SF_OK);
    sf_crypto_destroy(&k);
}

/* The HMAC key the part derives for `counter` from root key and key data. */
static void hmac_key_of(uint8_t counter, uint8_t key[32])
{
    uint8_t rk[RPMC_ROOT_KEY_LEN];
    root_key_of(counter, rk);
    CHECK_HELPER(hmac_bytes(rk, key_data, sizeof(key_data), key));
}

/* An Increment signed with `key`, carrying `value`. */
static void increment_msg(uint8_t counter, uint32_t value, const uint8_t key[32],
                          uint8_t msg[RPMC_LEN_INCREMENT])
{
    msg[0] = RPMC_OP1_DEFAULT;
    msg[1] = RPMC_CMD_INCREMENT_COUNTER;
    msg[2] = counter;
    msg[3] = 0u;
    msg[4] = (uint8_t)(value >> 24);
    msg[5] = (uint8_t)(value >> 16);
    msg[6] = (uint8_t)(value >> 8);
    msg[7] = (uint8_t)value;
    CHECK_HELPER(hmac_bytes(key, msg, 8u, &msg[8]));
}

/* ---- a tap that records OP2 answers and replays or flips them ---- */

enum tap_mode { TAP_RECORD, TAP_REPLAY, TAP_FLIP_COUNTER };

struct tap {
    enum tap_mode mode;
    uint64_t pos;
    uint64_t chunk_start;
    uint8_t opcode;
    uint8_t cur[RPMC_OP2_ANSWER_LEN];
    size_t cur_len;
    uint8_t saved[RPMC_OP2_ANSWER_LEN];
    bool have_saved;
    unsigned rewritten;
    unsigned flips;
};

static void tap_select(void *ctx)
{
    struct tap *t = ctx;
    t->pos = 0u;
    t->cur_len = 0u;
}

static void tap_deselect(void *ctx)
{
    struct tap *t = ctx;
    if (t->mode == TAP_RECORD && t->opcode == RPMC_OP2_DEFAULT &&
        t->cur_len == RPMC_OP2_ANSWER_LEN && t->cur[0] == RPMC_ST_SUCCESS) {
        memcpy(t->saved, t->cur, sizeof(t->saved));
        t->have_saved = true;
    }
}

// cppcheck-suppress constParameter
static void tap_host_to_device(void *ctx, uint8_t *b, size_t n)
{
    struct tap *t = ctx;
    if (t->pos == 0u && n > 0u) {
        t->opcode = b[0];
    }
    t->chunk_start = t->pos;
}

static void tap_device_to_host(void *ctx, uint8_t *b, size_t n)
{
    struct tap *t = ctx;
    for (size_t i = 0; i < n; i++) {
        uint64_t p = t->chunk_start + i;
        if (t->opcode != RPMC_OP2_DEFAULT || p < RPMC_OP2_HEADER_LEN ||
            p - RPMC_OP2_HEADER_LEN >= RPMC_OP2_ANSWER_LEN) {
            continue;
        }
        size_t idx = (size_t)(p - RPMC_OP2_HEADER_LEN);
        if (t->mode == TAP_RECORD) {
            t->cur[idx] = b[i];
            t->cur_len = idx + 1u;
        } else if (t->mode == TAP_REPLAY && t->have_saved) {
            b[i] = t->saved[idx];
            t->rewritten++;
        } else if (t->mode == TAP_FLIP_COUNTER && idx == RPMC_OP2_OFF_COUNTER + 3u) {
            b[i] ^= 0x01u;
            t->flips++;
        }
    }
    t->pos = t->chunk_start + n;
}

static const struct model_spi_tap answer_tap = {
    .on_select = tap_select,
    .on_deselect = tap_deselect,
    .host_to_device = tap_host_to_device,
    .device_to_host = tap_device_to_host,
};

/* ---- the cases ---- */

static void test_discovery(void)
{
    struct rig g;
    CHECK_HELPER(rig_open(&g, NULL));
    CHECK_EQ(g.r.info.n_counters, 4);
    CHECK_EQ(g.r.info.op1, 0x9B);
    CHECK_EQ(g.r.info.op2, 0x96);
    CHECK(!g.r.info.poll_rdsr);
    CHECK_EQ(g.r.info.update_rate_s, 5);
    CHECK_EQ(g.r.info.read_delay_us, 20);         /* t_cmd */
    CHECK_EQ(g.r.info.write_short_delay_us, 640); /* t_cmd + tPP = 532, in 128 us units */
    CHECK_EQ(g.r.info.write_long_delay_us, 3000); /* 4 x 532, in 1 ms units */
    /* Power-on extended status. */
    CHECK_EQ(raw_status(&g), 0x00);
    rig_close(&g);

    /* Another part: 8 counters, other opcodes, busy polling by RDSR. */
    struct rpmc_model_config cfg;
    rpmc_model_default_config(&cfg);
    cfg.n_counters = 8u;
    cfg.op1 = 0xA9u;
    cfg.op2 = 0xAAu;
    cfg.poll_rdsr = true;
    CHECK_HELPER(rig_open_cfg(&g, &cfg));
    CHECK_EQ(g.r.info.n_counters, 8);
    CHECK_EQ(g.r.info.op1, 0xA9);
    CHECK_EQ(g.r.info.op2, 0xAA);
    CHECK(g.r.info.poll_rdsr);
    CHECK_HELPER(provision(&g, 7));
    uint32_t v = 99u;
    CHECK_EQ(rpmc_increment_counter(&g.r, 7, &v), SF_OK);
    CHECK_EQ(v, 1);
    CHECK_EQ(nor_model_stats(nor_of(&g))->commands[RPMC_OP1_DEFAULT], 0);
    rig_close(&g);

    /* A plain NOR has no RPMC table: refused. */
    struct nor_model_config ncfg;
    nor_model_default_config(&ncfg);
    nor_model_t *nor = nor_model_create(&ncfg, NULL);
    CHECK(nor != NULL);
    struct model_spi bus;
    struct rpmc r;
    CHECK_EQ(rpmc_init(&r, model_spi_bind(&bus, nor)), SF_ERR_NO_DEVICE);
    nor_model_destroy(nor);
}

static void test_plain_array_still_works(void)
{
    struct rig g;
    CHECK_HELPER(rig_open(&g, NULL));
    const uint8_t wren = SPI_NOR_OP_WREN;
    const uint8_t pp[4] = {SPI_NOR_OP_PP, 0x00, 0x10, 0x00};
    const uint8_t rd[4] = {SPI_NOR_OP_READ, 0x00, 0x10, 0x00};
    const uint8_t data[4] = {1, 2, 3, 4};
    uint8_t back[4] = {0};
    CHECK_EQ(etss_spi_transaction(g.spi, &wren, 1, NULL, 0, NULL, 0), SF_OK);
    CHECK_EQ(etss_spi_transaction(g.spi, pp, 4, data, 4, NULL, 0), SF_OK);
    drain_busy(&g);
    CHECK_EQ(etss_spi_transaction(g.spi, rd, 4, NULL, 0, back, 4), SF_OK);
    CHECK_MEM_EQ(back, data, 4);
    rig_close(&g);
}

static void test_root_key_write_once(void)
{
    struct rig g;
    CHECK_HELPER(rig_open(&g, NULL));
    CHECK(!view_of(&g).root_key_set[0]);
    /* No root key yet: Update HMAC Key is refused with bit 1. */
    uint8_t rk[RPMC_ROOT_KEY_LEN];
    root_key_of(0, rk);
    CHECK_EQ(rpmc_update_hmac_key(&g.r, 0, rk, key_data), SF_ERR_NO_ROOT_KEY);
    CHECK_EQ(g.r.last_status, RPMC_ST_ROOT_KEY);
    CHECK_HELPER(provision(&g, 0));
    CHECK(view_of(&g).root_key_set[0]);
    CHECK(!view_of(&g).root_key_set[1]);
    /* Second write, another key: refused, the first key stays. */
    uint8_t other[RPMC_ROOT_KEY_LEN];
    memset(other, 0x77, sizeof(other));
    CHECK_EQ(rpmc_write_root_key(&g.r, 0, other), SF_ERR_ROOT_KEY_SET);
    CHECK_EQ(g.r.last_status, RPMC_ST_ROOT_KEY);
    CHECK_EQ(rpmc_write_root_key(&g.r, 0, rk), SF_ERR_ROOT_KEY_SET);
    CHECK_EQ(rpmc_update_hmac_key(&g.r, 0, other, key_data), SF_ERR_AUTH);
    CHECK_EQ(g.r.last_status, RPMC_ST_BAD_REQUEST);
    CHECK_EQ(rpmc_update_hmac_key(&g.r, 0, rk, key_data), SF_OK);
    /* A Write Root Key with a forged truncated signature: bit 1, no key. */
    uint8_t msg[RPMC_LEN_WRITE_ROOT_KEY];
    uint8_t mac[32];
    msg[0] = RPMC_OP1_DEFAULT;
    msg[1] = RPMC_CMD_WRITE_ROOT_KEY;
    msg[2] = 1u;
    msg[3] = 0u;
    memcpy(&msg[4], other, 32);
    CHECK_HELPER(hmac_bytes(other, msg, 4, mac));
    memcpy(&msg[36], &mac[4], 28);
    msg[50] ^= 0x04u;
    CHECK_EQ(raw_op1(&g, msg, sizeof(msg)), RPMC_ST_ROOT_KEY);
    CHECK(!view_of(&g).root_key_set[1]);
    msg[50] ^= 0x04u;
    CHECK_EQ(raw_op1(&g, msg, sizeof(msg)), RPMC_ST_SUCCESS);
    CHECK(view_of(&g).root_key_set[1]);
    rig_close(&g);
}

static void test_read_increment_persist(void)
{
    char image[64];
    snprintf(image, sizeof(image), "/tmp/etss-test-rpmc-%d.img", (int)getpid());
    unlink(image);
    struct rig g;
    CHECK_HELPER(rig_open(&g, image));
    CHECK_HELPER(provision(&g, 0));
    CHECK_HELPER(provision(&g, 2));
    uint32_t v = 1234u;
    CHECK_EQ(rpmc_read_counter(&g.r, 0, &v), SF_OK);
    CHECK_EQ(v, 0);
    for (uint32_t i = 1; i <= 3; i++) {
        uint32_t n = 0u;
        CHECK_EQ(rpmc_increment_counter(&g.r, 0, &n), SF_OK);
        CHECK_EQ(n, i);
        CHECK_EQ(view_of(&g).counters[0], i);
    }
    CHECK_EQ(rpmc_read_counter(&g.r, 2, &v), SF_OK);
    CHECK_EQ(v, 0); /* counters are independent */
    /* Power cycle: the HMAC key is gone, the counter is not. */
    nor_model_power_cycle(nor_of(&g));
    CHECK(!view_of(&g).hmac_key_set[0]);
    CHECK_EQ(rpmc_read_counter(&g.r, 0, &v), SF_OK); /* the driver re-keys */
    CHECK_EQ(v, 3);
    rig_close(&g);

    /* A new model from the image: root keys and counters came back. */
    CHECK_HELPER(rig_open(&g, image));
    struct rpmc_model_view vw = view_of(&g);
    CHECK(vw.root_key_set[0] && vw.root_key_set[2] && !vw.root_key_set[1]);
    CHECK_EQ(vw.counters[0], 3);
    CHECK(!vw.hmac_key_set[0]);
    CHECK_EQ(rpmc_read_counter(&g.r, 0, &v), SF_ERR_NO_SESSION); /* a new driver: no key */
    uint8_t rk[RPMC_ROOT_KEY_LEN];
    root_key_of(0, rk);
    CHECK_EQ(rpmc_update_hmac_key(&g.r, 0, rk, key_data), SF_OK);
    CHECK_EQ(rpmc_read_counter(&g.r, 0, &v), SF_OK);
    CHECK_EQ(v, 3);
    CHECK_EQ(rpmc_increment_counter(&g.r, 0, &v), SF_OK);
    CHECK_EQ(v, 4);
    rig_close(&g);
    unlink(image);
}

static void test_forged_signature(void)
{
    struct rig g;
    CHECK_HELPER(rig_open(&g, NULL));
    CHECK_HELPER(provision(&g, 0));
    uint32_t v = 0u;
    CHECK_EQ(rpmc_increment_counter(&g.r, 0, &v), SF_OK);
    /* Signed with a key derived from a wrong root key. */
    uint8_t wrong_rk[32];
    uint8_t wrong[32];
    memset(wrong_rk, 0x13, sizeof(wrong_rk));
    CHECK_HELPER(hmac_bytes(wrong_rk, key_data, sizeof(key_data), wrong));
    uint8_t msg[RPMC_LEN_INCREMENT];
    CHECK_HELPER(increment_msg(0, 1, wrong, msg));
    CHECK_EQ(raw_op1(&g, msg, sizeof(msg)), RPMC_ST_BAD_REQUEST);
    CHECK_EQ(view_of(&g).counters[0], 1);
    /* The right key, one bit of the signature flipped. */
    uint8_t right[32];
    CHECK_HELPER(hmac_key_of(0, right));
    CHECK_HELPER(increment_msg(0, 1, right, msg));
    msg[20] ^= 0x10u;
    CHECK_EQ(raw_op1(&g, msg, sizeof(msg)), RPMC_ST_BAD_REQUEST);
    CHECK_EQ(view_of(&g).counters[0], 1);
    /* One bit of the signed counter data flipped. */
    msg[20] ^= 0x10u;
    msg[7] ^= 0x01u;
    CHECK_EQ(raw_op1(&g, msg, sizeof(msg)), RPMC_ST_BAD_REQUEST);
    CHECK_EQ(view_of(&g).counters[0], 1);
    /* Intact: accepted (the forgeries were the only problem). */
    msg[7] ^= 0x01u;
    CHECK_EQ(raw_op1(&g, msg, sizeof(msg)), RPMC_ST_SUCCESS);
    CHECK_EQ(view_of(&g).counters[0], 2);
    /* Update HMAC Key with a wrong root key: refused, the old key still works. */
    CHECK_EQ(rpmc_update_hmac_key(&g.r, 0, wrong_rk, key_data), SF_ERR_AUTH);
    CHECK_EQ(g.r.last_status, RPMC_ST_BAD_REQUEST);
    CHECK_EQ(rpmc_read_counter(&g.r, 0, &v), SF_OK);
    CHECK_EQ(v, 2);
    rig_close(&g);
}

static void test_replayed_and_forged_responses(void)
{
    struct rig g;
    struct tap t;
    memset(&t, 0, sizeof(t));
    CHECK_HELPER(rig_open(&g, NULL));
    CHECK_HELPER(provision(&g, 0));
    model_spi_set_tap(&g.bus, &answer_tap, &t);
    uint32_t v = 0u;
    CHECK_EQ(rpmc_read_counter(&g.r, 0, &v), SF_OK); /* recorded: counter 0 */
    CHECK(t.have_saved);
    model_spi_set_tap(&g.bus, NULL, NULL);
    CHECK_EQ(rpmc_increment_counter(&g.r, 0, &v), SF_OK);
    CHECK_EQ(v, 1);
    /* The attacker serves the old answer (counter 0, a valid signature). */
    t.mode = TAP_REPLAY;
    model_spi_set_tap(&g.bus, &answer_tap, &t);
    v = 77u;
    CHECK_EQ(rpmc_read_counter(&g.r, 0, &v), SF_ERR_COMM);
    CHECK_EQ(v, 77);
    CHECK(t.rewritten > 0u);
    /* An increment whose reads are replayed is not believed either. */
    CHECK_EQ(rpmc_increment_counter(&g.r, 0, &v), SF_ERR_COMM);
    /* A flipped counter bit in a fresh answer. */
    t.mode = TAP_FLIP_COUNTER;
    CHECK_EQ(rpmc_read_counter(&g.r, 0, &v), SF_ERR_COMM);
    CHECK(t.flips > 0u);
    model_spi_set_tap(&g.bus, NULL, NULL);
    CHECK_EQ(rpmc_read_counter(&g.r, 0, &v), SF_OK);
    CHECK_EQ(v, 1);
    CHECK_EQ(view_of(&g).counters[0], 1);
    rig_close(&g);
}

static void test_stale_counter_value(void)
{
    struct rig g;
    CHECK_HELPER(rig_open(&g, NULL));
    CHECK_HELPER(provision(&g, 1));
    uint32_t v = 0u;
    CHECK_EQ(rpmc_increment_counter(&g.r, 1, &v), SF_OK);
    CHECK_EQ(rpmc_increment_counter(&g.r, 1, &v), SF_OK);
    CHECK_EQ(v, 2);
    uint8_t key[32];
    uint8_t msg[RPMC_LEN_INCREMENT];
    CHECK_HELPER(hmac_key_of(1, key));
    CHECK_HELPER(increment_msg(1, 1, key, msg)); /* a recorded, once valid increment */
    CHECK_EQ(raw_op1(&g, msg, sizeof(msg)), RPMC_ST_COUNTER_MISMATCH);
    CHECK_EQ(view_of(&g).counters[1], 2);
    CHECK_HELPER(increment_msg(1, 3, key, msg)); /* a value from the future */
    CHECK_EQ(raw_op1(&g, msg, sizeof(msg)), RPMC_ST_COUNTER_MISMATCH);
    CHECK_EQ(view_of(&g).counters[1], 2);
    rig_close(&g);
}

static void test_reset_drops_hmac_key(void)
{
    struct rig g;
    CHECK_HELPER(rig_open(&g, NULL));
    CHECK_HELPER(provision(&g, 0));
    CHECK(view_of(&g).hmac_key_set[0]);
    const uint8_t rsten = SPI_NOR_OP_RSTEN;
    const uint8_t rst = SPI_NOR_OP_RST;
    CHECK_EQ(etss_spi_transaction(g.spi, &rsten, 1, NULL, 0, NULL, 0), SF_OK);
    CHECK_EQ(etss_spi_transaction(g.spi, &rst, 1, NULL, 0, NULL, 0), SF_OK);
    drain_busy(&g);
    CHECK(!view_of(&g).hmac_key_set[0]);
    CHECK_EQ(raw_status(&g), 0x00);
    /* A correctly signed increment now meets no HMAC key. */
    uint8_t key[32];
    uint8_t msg[RPMC_LEN_INCREMENT];
    CHECK_HELPER(hmac_key_of(0, key));
    CHECK_HELPER(increment_msg(0, 0, key, msg));
    CHECK_EQ(raw_op1(&g, msg, sizeof(msg)), RPMC_ST_HMAC_KEY_UNINIT);
    CHECK_EQ(view_of(&g).counters[0], 0);
    /* The driver meets the same and re-keys. */
    uint32_t v = 0u;
    CHECK_EQ(rpmc_increment_counter(&g.r, 0, &v), SF_OK);
    CHECK_EQ(v, 1);
    CHECK(view_of(&g).hmac_key_set[0]);
    rig_close(&g);
}

static void test_counter_limit(void)
{
    struct rig g;
    CHECK_HELPER(rig_open(&g, NULL));
    CHECK_HELPER(provision(&g, 3));
    rpmc_model_test_set_counter(g.model, 3, RPMC_COUNTER_MAX - 1u);
    uint32_t v = 0u;
    CHECK_EQ(rpmc_increment_counter(&g.r, 3, &v), SF_OK);
    CHECK_EQ(v, RPMC_COUNTER_MAX);
    CHECK_EQ(rpmc_increment_counter(&g.r, 3, &v), SF_ERR_COUNTER_LIMIT);
    /* Sent raw anyway: the part refuses and keeps its value. */
    uint8_t key[32];
    uint8_t msg[RPMC_LEN_INCREMENT];
    CHECK_HELPER(hmac_key_of(3, key));
    CHECK_HELPER(increment_msg(3, RPMC_COUNTER_MAX, key, msg));
    CHECK_EQ(raw_op1(&g, msg, sizeof(msg)), RPMC_ST_FATAL);
    CHECK_EQ(view_of(&g).counters[3], RPMC_COUNTER_MAX);
    CHECK_EQ(rpmc_read_counter(&g.r, 3, &v), SF_OK);
    CHECK_EQ(v, RPMC_COUNTER_MAX);
    rig_close(&g);
}

static void test_power_cut_at_every_nv_write(void)
{
    struct rig g;
    CHECK_HELPER(rig_open(&g, NULL));
    CHECK_HELPER(provision(&g, 0));
    uint32_t v = 0u;
    uint64_t ops = nor_model_operation_count(nor_of(&g));
    CHECK_EQ(rpmc_increment_counter(&g.r, 0, &v), SF_OK);
    uint64_t cut_points = nor_model_operation_count(nor_of(&g)) - ops;
    CHECK(cut_points >= 1u);
    for (uint64_t n = 1; n <= cut_points; n++) {
        uint32_t old = view_of(&g).counters[0];
        nor_model_arm_power_loss(nor_of(&g), n, n);
        CHECK(rpmc_increment_counter(&g.r, 0, &v) != SF_OK);
        CHECK(!nor_model_is_powered(nor_of(&g)));
        nor_model_power_cycle(nor_of(&g));
        uint32_t now = view_of(&g).counters[0];
        CHECK(now == old || now == old + 1u);
        CHECK_EQ(rpmc_read_counter(&g.r, 0, &v), SF_OK);
        CHECK_EQ(v, now);
        CHECK_EQ(rpmc_increment_counter(&g.r, 0, &v), SF_OK);
        CHECK_EQ(v, now + 1u);
    }
    /* A cut during Write Root Key leaves no key; the write can be redone. */
    uint8_t rk[RPMC_ROOT_KEY_LEN];
    root_key_of(1, rk);
    nor_model_arm_power_loss(nor_of(&g), 1, 7);
    CHECK(rpmc_write_root_key(&g.r, 1, rk) != SF_OK);
    nor_model_power_cycle(nor_of(&g));
    CHECK(!view_of(&g).root_key_set[1]);
    CHECK_EQ(rpmc_write_root_key(&g.r, 1, rk), SF_OK);
    rig_close(&g);
}

static void test_bad_input(void)
{
    struct rig g;
    CHECK_HELPER(rig_open(&g, NULL));
    CHECK_HELPER(provision(&g, 0));
    uint8_t rk[RPMC_ROOT_KEY_LEN];
    root_key_of(0, rk);
    uint32_t v = 0u;
    uint64_t before = nor_model_stats(nor_of(&g))->transactions;
    CHECK_EQ(rpmc_init(NULL, g.spi), SF_ERR_PARAM);
    CHECK_EQ(rpmc_write_root_key(NULL, 0, rk), SF_ERR_PARAM);
    CHECK_EQ(rpmc_write_root_key(&g.r, 4, rk), SF_ERR_PARAM);
    CHECK_EQ(rpmc_write_root_key(&g.r, 0, NULL), SF_ERR_PARAM);
    CHECK_EQ(rpmc_update_hmac_key(&g.r, 4, rk, key_data), SF_ERR_PARAM);
    CHECK_EQ(rpmc_update_hmac_key(&g.r, 0, NULL, key_data), SF_ERR_PARAM);
    CHECK_EQ(rpmc_update_hmac_key(&g.r, 0, rk, NULL), SF_ERR_PARAM);
    CHECK_EQ(rpmc_update_hmac_key_psa(&g.r, 0, SF_KEY_NONE, key_data), SF_ERR_PARAM);
    CHECK_EQ(rpmc_read_counter(&g.r, 0, NULL), SF_ERR_PARAM);
    CHECK_EQ(rpmc_read_counter(&g.r, 0x100, &v), SF_ERR_PARAM);
    CHECK_EQ(rpmc_increment_counter(&g.r, 4, &v), SF_ERR_PARAM);
    CHECK_EQ(rpmc_increment_counter(NULL, 0, &v), SF_ERR_PARAM);
    CHECK_EQ(rpmc_read_counter(&g.r, 1, &v), SF_ERR_NO_SESSION); /* no key: nothing sent */
    CHECK_EQ(nor_model_stats(nor_of(&g))->transactions, before);
    CHECK(strcmp(sf_strerror(SF_ERR_UNCONFIRMED), "an increment was not confirmed") == 0);
    CHECK(strcmp(sf_strerror(12345), "unknown error") == 0);

    /* The part never trusts the host: wrong lengths, types, addresses. */
    uint8_t key[32];
    uint8_t msg[RPMC_LEN_INCREMENT + 8];
    CHECK_HELPER(hmac_key_of(0, key));
    CHECK_HELPER(increment_msg(0, 0, key, msg));
    CHECK_EQ(raw_op1(&g, msg, RPMC_LEN_INCREMENT - 1u), RPMC_ST_BAD_REQUEST); /* short */
    memset(&msg[RPMC_LEN_INCREMENT], 0, 8);
    CHECK_EQ(raw_op1(&g, msg, RPMC_LEN_INCREMENT + 1u), RPMC_ST_BAD_REQUEST); /* long */
    CHECK_EQ(raw_op1(&g, msg, 1u), RPMC_ST_BAD_REQUEST);                      /* opcode only */
    uint8_t big[80];
    memset(big, 0, sizeof(big));
    big[0] = RPMC_OP1_DEFAULT;
    CHECK_EQ(raw_op1(&g, big, sizeof(big)), RPMC_ST_BAD_REQUEST); /* past the largest */
    msg[1] = 0x07u;                                               /* unknown command type */
    CHECK_EQ(raw_op1(&g, msg, RPMC_LEN_INCREMENT), RPMC_ST_BAD_REQUEST);
    CHECK_HELPER(increment_msg(9, 0, key, msg)); /* counter address out of range */
    CHECK_EQ(raw_op1(&g, msg, RPMC_LEN_INCREMENT), RPMC_ST_BAD_REQUEST);
    CHECK_HELPER(increment_msg(0, 0, key, msg));
    msg[3] = 1u; /* reserved byte */
    CHECK_EQ(raw_op1(&g, msg, RPMC_LEN_INCREMENT), RPMC_ST_BAD_REQUEST);
    CHECK_EQ(view_of(&g).counters[0], 0);
    msg[3] = 0u;
    CHECK_EQ(raw_op1(&g, msg, RPMC_LEN_INCREMENT), RPMC_ST_SUCCESS);
    CHECK_EQ(view_of(&g).counters[0], 1);
    rig_close(&g);
}

static const struct test_case cases[] = {
    TEST_CASE(test_discovery),           TEST_CASE(test_plain_array_still_works),
    TEST_CASE(test_root_key_write_once), TEST_CASE(test_read_increment_persist),
    TEST_CASE(test_forged_signature),    TEST_CASE(test_replayed_and_forged_responses),
    TEST_CASE(test_stale_counter_value), TEST_CASE(test_reset_drops_hmac_key),
    TEST_CASE(test_counter_limit),       TEST_CASE(test_power_cut_at_every_nv_write),
    TEST_CASE(test_bad_input),
};

TEST_MAIN("rpmc", cases)
