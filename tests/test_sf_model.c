/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The secure flash model as a device: its lifecycle, provisioning checks,
 * session bookkeeping, plain-command guard and persistence, probed from
 * the wire (as an attacker or a factory would) and through the host
 * framework, with the power cut at every non-volatile step.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "devmodel/sf_model.h"
#include "etss_bytes.h"
#include "nor_flash.h"
#include "provision_config.h"
#include "sf_rig.h"
#include "sfp1_host.h"
#include "sfp1_packet.h"
#include "sfp1_protocol.h"
#include "spi_nor_defs.h"
#include "test_harness.h"
#include "sf_device_testing.h"

#define NS_CLIENT (-1)
#define S_CLIENT 256
#define RO_CLIENT (-3)

/* The rig's default description as a record, with made-up root keys: what
 * a factory station would send. */
static void factory_record(uint8_t *rec, size_t *len)
{
    struct provision_config cfg;
    char err[160];
    *len = 0;
    CHECK_EQ(provision_config_parse(sf_rig_default_config, strlen(sf_rig_default_config), &cfg, err,
                                    sizeof(err)),
             0);
    CHECK_EQ(provision_config_encode(&cfg, rec, SFP1_PROV_MAX_LEN, len), 0);
    for (uint8_t z = 0; z < cfg.n_zones; z++) {
        memset(&rec[SFP1_PROV_HEADER_LEN + z * SFP1_PROV_ZONE_LEN + 12u], 0x5A + z, 32);
    }
}

/* A raw PROVISION of `rec`, sealed to the part's certified key as anyone
 * can (the key is public): what a blank part takes from any host. */
static uint8_t provision_raw(struct sf_rig *r, const uint8_t *rec, size_t len)
{
    static uint8_t f[SFP1_HEADER_LEN + SFP1_PROV_MAX_LEN + 8 + SFP1_ENVELOPE_OVERHEAD];
    size_t n = len + SFP1_ENVELOPE_OVERHEAD;
    sf_rig_frame_header(f, SFP1_CMD_PROVISION, 0, (uint16_t)n);
    if (sf_crypto_envelope_seal(r->dev.identity.public_key, (const uint8_t *)SFP1_ENVELOPE_LABEL,
                                SFP1_ENVELOPE_LABEL_LEN, rec, len, &f[SFP1_HEADER_LEN],
                                n) != SF_OK) {
        return 0xEEu; /* no status the part gives: the check of the answer fails */
    }
    return sf_rig_wire_exchange(r, f, SFP1_HEADER_LEN + n, NULL, 0);
}

/* The public description the part gives anyone (GET_INFO), raw. */
static void raw_info(struct sf_rig *r, uint8_t *out, size_t size, size_t *out_len)
{
    uint8_t f[SFP1_HEADER_LEN];
    static uint8_t rsp[SFP1_HEADER_LEN + SFP1_MAX_PAYLOAD];
    sf_rig_frame_header(f, SFP1_CMD_GET_INFO, 0, 0);
    CHECK_EQ(sf_rig_wire_exchange(r, f, sizeof(f), rsp, sizeof(rsp)), SFP1_OK);
    size_t n = (size_t)rsp[SFP1_OFF_LENGTH] | ((size_t)rsp[SFP1_OFF_LENGTH + 1] << 8);
    n = n < size ? n : size;
    memcpy(out, &rsp[SFP1_HEADER_LEN], n);
    *out_len = n;
}

static uint8_t raw_open(struct sf_rig *r, uint8_t zone, uint8_t *sid)
{
    uint8_t f[SFP1_HEADER_LEN + 1 + SFP1_NONCE_BYTES];
    uint8_t rsp[SFP1_HEADER_LEN + SFP1_OPEN_RESPONSE_LEN];
    sf_rig_frame_header(f, SFP1_CMD_OPEN, 0, 1 + SFP1_NONCE_BYTES);
    memset(&f[SFP1_HEADER_LEN], 0x42, 1 + SFP1_NONCE_BYTES);
    f[SFP1_HEADER_LEN] = zone;
    uint8_t st = sf_rig_wire_exchange(r, f, sizeof(f), rsp, sizeof(rsp));
    *sid = rsp[SFP1_HEADER_LEN];
    return st;
}

static void test_blank_part_is_plain_nor(void)
{
    struct sf_rig r;
    struct sf_info info;
    uint8_t sid = 0;
    uint8_t data[8] = "anything";
    uint8_t back[8];
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
    CHECK_EQ(sf_device_get_info(&r.dev, &info), SF_OK);
    CHECK_EQ(info.lifecycle, SFP1_LIFECYCLE_BLANK);
    CHECK_EQ(info.n_zones, 0);
    CHECK_EQ(raw_open(&r, 0, &sid), SFP1_LIFECYCLE);
    CHECK_EQ(etss_nor_program(&r.dev.nor, 0x1000, data, sizeof(data)), SF_OK);
    CHECK_EQ(etss_nor_read(&r.dev.nor, 0x1000, back, sizeof(back)), SF_OK);
    CHECK_MEM_EQ(back, data, sizeof(data));
    /* Discovery found the security features in SFDP, not by assumption. */
    CHECK_EQ(r.dev.features, SF_FEATURE_ZONES | SF_FEATURE_COUNTERS | SF_FEATURE_TRNG |
                                 SF_FEATURE_PUF | SF_FEATURE_UID | SF_FEATURE_CONFIDENTIALITY |
                                 SF_FEATURE_AUTHENTICATION);
    /* The opcodes too (the direct binding's state; under the JESD261 HAL
     * it is the HAL's to keep). */
    if (r.dev.vendor == &sfp1_vendor_ops) {
        const struct sfp1_state *st = sfp1_packet_state(sf_device_vendor_view(&r.dev));
        CHECK_EQ(st->write_opcode, SFP1_OP_SECURE_WRITE);
        CHECK_EQ(st->read_opcode, SFP1_OP_SECURE_READ);
    }
    sf_rig_close(&r);
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

/* Every way a record can be wrong: refused, and the part is as before.
 * `sealed`: sent as the host provisions a provisioned part (REPROVISION in
 * a session); otherwise as a factory provisions a blank one. */
static void refuse_all_corruptions(struct sf_rig *r, const uint8_t *good, size_t len, bool sealed)
{
    static uint8_t rec[SFP1_PROV_MAX_LEN + 1];
    static uint8_t info_before[SFP1_MAX_PAYLOAD];
    static uint8_t info_after[SFP1_MAX_PAYLOAD];
    const size_t z0 = SFP1_PROV_HEADER_LEN;
    const size_t z1 = z0 + SFP1_PROV_ZONE_LEN;
    const size_t z2 = z1 + SFP1_PROV_ZONE_LEN;
    const size_t b0 = z2 + SFP1_PROV_ZONE_LEN;
    const size_t b1 = b0 + SFP1_PROV_BINDING_LEN;
    size_t info_len = 0;
    size_t after_len = 0;
    raw_info(r, info_before, sizeof(info_before), &info_len);
    for (int c = 0; c < 24; c++) {
        size_t n = len;
        if (sealed && c == 15) {
            continue; /* the host fills every root key itself */
        }
        memcpy(rec, good, len);
        switch (c) {
        case 0:
            rec[0] = 'F';
            break; /* magic */
        case 1:
            rec[4] = 2;
            break; /* version */
        case 2:
            rec[5] = 0;
            break; /* no zone */
        case 3:
            rec[5] = 9;
            break; /* too many zones */
        case 4:
            rec[6] = 17;
            break; /* too many bindings */
        case 5:
            rec[7] = 0;
            break; /* threshold 0 */
        case 6:
            put32(&rec[8], 3);
            break; /* session_max_ops below 4 */
        case 7:
            put32(&rec[8], 0x80000000u);
            break; /* ... above 2^31-1 */
        case 8:
            rec[z0] = 1;
            break; /* base not aligned */
        case 9:
            put32(&rec[z0 + 4], 0);
            break; /* empty zone */
        case 10:
            put32(&rec[z1], 0);
            break; /* overlaps zone 0 */
        case 11:
            put32(&rec[z2 + 4], 0xFFFFF000u);
            break; /* beyond the array */
        case 12:
            rec[z0 + 8] = 3;
            break; /* read policy */
        case 13:
            rec[z0 + 9] = 3;
            break; /* write policy */
        case 14:
            rec[z0 + 10] = 1;
            break; /* reserved */
        case 15:
            memset(&rec[z0 + 12], 0, 32);
            break; /* no root key */
        case 16:
            rec[b0 + 4] = 3;
            break; /* binding to no zone */
        case 17:
            rec[b0 + 5] = 1;
            break; /* key id not the zone's */
        case 18:
            rec[b0 + 6] = 8;
            break; /* no such counter */
        case 19:
            rec[b0 + 7] = 1;
            break; /* reserved */
        case 20:
            memcpy(&rec[b1], &rec[b0], 4);
            break; /* client bound twice */
        case 21:
            n = len - 1;
            break; /* short */
        case 22:
            rec[len] = 0;
            n = len + 1;
            break; /* long */
        default:
            n = 5;
            break; /* header cut off */
        }
        if (sealed && (c == 3 || n < z0)) {
            /* The host cannot key every zone such a record declares: it
             * sends nothing. */
            CHECK_EQ(sf_device_provision(&r->dev, rec, n), SF_ERR_PARAM);
        } else if (sealed) {
            CHECK_EQ(sf_device_provision(&r->dev, rec, n), SF_ERR_MALFORMED);
        } else {
            CHECK_EQ(provision_raw(r, rec, n), SFP1_MALFORMED);
        }
        raw_info(r, info_after, sizeof(info_after), &after_len);
        CHECK_EQ(after_len, info_len);
        CHECK_MEM_EQ(info_after, info_before, info_len);
    }
}

static void test_malformed_records_change_nothing(void)
{
    struct sf_rig r;
    static uint8_t good[SFP1_PROV_MAX_LEN];
    struct sf_model_view view;
    uint32_t v = 0;
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
    size_t len = 0;
    factory_record(good, &len);
    refuse_all_corruptions(&r, good, len, false);
    sf_model_view(r.model, &view);
    CHECK_EQ(view.lifecycle, SFP1_LIFECYCLE_BLANK);
    /* A provisioned part keeps its provisioning; after every refused
     * attempt the host asked the part again, in a session, what it is. */
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    uint32_t opened = r.dev.stats.sessions_opened;
    refuse_all_corruptions(&r, good, len, true);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    CHECK(r.dev.stats.sessions_opened > opened);
    CHECK(r.dev.info_authentic);
    sf_rig_close(&r);
}

/* An attacker on the bus cannot provision a provisioned part with keys of
 * its own (and then read the zones): in clear only a blank part takes a
 * record, and in a session only the admin zone's key holder. */
static void test_reprovisioning_needs_the_keys(void)
{
    struct sf_rig r;
    static uint8_t rogue[SFP1_PROV_MAX_LEN];
    static uint8_t info_before[SFP1_MAX_PAYLOAD];
    static uint8_t info_after[SFP1_MAX_PAYLOAD];
    size_t len = 0;
    size_t n_before = 0;
    size_t n_after = 0;
    uint8_t got[16];
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
    CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0, "the owner's data", 16), SF_OK);
    factory_record(rogue, &len); /* keys the attacker knows */
    raw_info(&r, info_before, sizeof(info_before), &n_before);
    CHECK_EQ(provision_raw(&r, rogue, len), SFP1_LIFECYCLE);
    raw_info(&r, info_after, sizeof(info_after), &n_after);
    CHECK_EQ(n_after, n_before);
    CHECK_MEM_EQ(info_after, info_before, n_before);
    /* A host with another HUK has no session to do it in. */
    CHECK(sf_rig_attach(&r, 77) != SF_OK);
    CHECK(sf_device_provision(&r.dev, rogue, len) != SF_OK);
    /* The rightful host still reads its data; and may provision again. */
    CHECK_EQ(sf_rig_attach(&r, 1), SF_OK);
    CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0, got, sizeof(got)), SF_OK);
    CHECK_MEM_EQ(got, "the owner's data", 16);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
    sf_rig_close(&r);
}

/*
 * Cut the power at every non-volatile step of a life: provisioning,
 * counter increments (each opens nothing new: one session), a program, an
 * erase, the lock. After each cut: the part comes back, every state is the
 * old or the new one, counters never go back, sessions never reuse keys.
 */
static void test_power_cut_at_every_step(void)
{
    unsigned cut_points = 0;
    for (uint64_t cut = 1;; cut++) {
        struct sf_rig r;
        struct sf_model_view view;
        uint32_t v = 0;
        int increments_done = 0;
        int provisioned = 0;
        int locked = 0;
        uint8_t data[16] = "power-cut test..";
        uint8_t got[16];
        CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
        nor_model_arm_power_loss(r.nor, cut, cut * 7919u);
        int rc = sf_rig_provision(&r, sf_rig_default_config);
        provisioned = rc == SF_OK;
        for (int i = 0; i < 3 && rc == SF_OK; i++) {
            rc = sf_api_counter_increment(&r.dev, NS_CLIENT, &v);
            increments_done += rc == SF_OK;
        }
        rc = rc == SF_OK ? sf_api_program(&r.dev, S_CLIENT, 0x100, data, sizeof(data)) : rc;
        rc = rc == SF_OK ? sf_api_erase(&r.dev, S_CLIENT, 0x1000) : rc;
        if (rc == SF_OK) {
            rc = sf_api_lock(&r.dev);
            locked = rc == SF_OK;
        }
        bool was_cut = !nor_model_is_powered(r.nor);
        sf_model_view(r.model, &view);
        uint32_t sessions_before = view.session_counter;
        nor_model_disarm_power_loss(r.nor);
        nor_model_power_cycle(r.nor);
        CHECK_EQ(sf_rig_attach(&r, 1), SF_OK);
        sf_model_view(r.model, &view);
        CHECK(view.lifecycle <= SFP1_LIFECYCLE_LOCKED);
        CHECK(!provisioned || view.lifecycle != SFP1_LIFECYCLE_BLANK);
        CHECK(!locked || view.lifecycle == SFP1_LIFECYCLE_LOCKED);
        if (view.lifecycle == SFP1_LIFECYCLE_BLANK) {
            /* Cut inside provisioning: nothing of it landed; it can be redone. */
            CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
        } else {
            CHECK_EQ(sf_api_init(&r.dev), SF_OK);
        }
        /* The counter holds every acknowledged increment, at most one more. */
        CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
        CHECK(v == (uint32_t)increments_done || v == (uint32_t)increments_done + 1u);
        /* A new session after the cut gets a session counter never used. */
        sf_model_view(r.model, &view);
        CHECK(view.session_counter > sessions_before);
        /* The program landed whole or not at all, or was torn inside its
         * page; the rest of the zone is untouched either way. */
        CHECK_EQ(sf_api_read(&r.dev, S_CLIENT, 0x110, got, sizeof(got)), SF_OK);
        for (size_t i = 0; i < sizeof(got); i++) {
            CHECK_EQ(got[i], 0xFF);
        }
        sf_rig_close(&r);
        if (!was_cut) {
            break; /* the whole life ran: every step has been cut */
        }
        cut_points++;
    }
    printf("  power cut at %u points\n", cut_points);
    CHECK(cut_points >= 8);
}

/* A tap that cuts the part's power as the at-th transaction ends. */
struct cutter {
    nor_model_t *nor;
    unsigned at;
    unsigned seen;
};

static void cut_at_deselect(void *ctx)
{
    struct cutter *c = ctx;
    if (++c->seen == c->at) {
        nor_model_power_cut(c->nor, c->at * 7919u);
    }
}

static const struct model_spi_tap cutter_tap = {.on_deselect = cut_at_deselect};

/* Provisioning again (developer mode), the power cut as each of its bus
 * transactions ends: after the reboot the host reaches the part with the
 * old keys or the new ones (its record says which to try, and a session
 * settles it), and what the old provisioning left is there. */
static void test_power_cut_while_provisioning_again(void)
{
    unsigned cut_points = 0;
    unsigned settled_old = 0;
    unsigned settled_new = 0;
    for (unsigned at = 1;; at++) {
        struct sf_rig r;
        struct cutter c = {0};
        uint32_t v = 0;
        uint8_t got[4];
        uint8_t old_salt[16];
        CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
        CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
        CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0x40, "kept", 4), SF_OK);
        CHECK_EQ(sf_api_counter_increment(&r.dev, NS_CLIENT, &v), SF_OK);
        memcpy(old_salt, r.dev.part.salt, sizeof(old_salt));
        c.nor = r.nor;
        c.at = at;
        model_spi_set_tap(&r.bus, &cutter_tap, &c);
        (void)sf_rig_provision(&r, sf_rig_default_config);
        model_spi_set_tap(&r.bus, NULL, NULL);
        nor_model_power_cycle(r.nor);
        CHECK_EQ(sf_rig_attach(&r, 1), SF_OK);
        CHECK_EQ(r.dev.part.flags, SF_PART_PROVISIONED);
        CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
        CHECK_EQ(v, 1u);
        CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0x40, got, sizeof(got)), SF_OK);
        CHECK_MEM_EQ(got, "kept", 4);
        bool old = memcmp(old_salt, r.dev.part.salt, sizeof(old_salt)) == 0;
        settled_old += old;
        settled_new += !old;
        sf_rig_close(&r);
        if (c.seen < at) {
            break; /* the provisioning ended before this transaction */
        }
        cut_points++;
    }
    printf("  power cut at %u transactions of provisioning again: %u kept the old keys, %u the "
           "new\n",
           cut_points, settled_old, settled_new);
    CHECK(cut_points >= 10u && settled_old > 0u && settled_new > 0u);
}

/* Record the bytes the part answers to SECURE_READ. */
struct response_recorder {
    uint8_t opcode;
    size_t position;
    uint8_t bytes[SFP1_MAX_FRAME];
    size_t len;
};

static void rec_select(void *ctx)
{
    struct response_recorder *rr = ctx;
    rr->position = 0;
}

// cppcheck-suppress constParameter
static void rec_out(void *ctx, uint8_t *b, size_t n)
{
    struct response_recorder *rr = ctx;
    if (rr->position == 0 && n != 0) {
        rr->opcode = b[0];
    }
    rr->position += n;
}

// cppcheck-suppress constParameter
static void rec_in(void *ctx, uint8_t *b, size_t n)
{
    struct response_recorder *rr = ctx;
    size_t start = rr->position - n;
    for (size_t i = 0; i < n; i++) {
        if (rr->opcode == SFP1_OP_SECURE_READ && start + i >= SFP1_SECURE_READ_HEADER_LEN &&
            rr->len < sizeof(rr->bytes)) {
            rr->bytes[rr->len++] = b[i];
        }
    }
}

static const struct model_spi_tap response_tap = {
    .on_select = rec_select,
    .host_to_device = rec_out,
    .device_to_host = rec_in,
};

static void test_reflected_response_is_refused(void)
{
    struct sf_rig r;
    static struct response_recorder rr;
    struct sf_model_view before;
    struct sf_model_view after;
    uint32_t v = 0;
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    memset(&rr, 0, sizeof(rr));
    model_spi_set_tap(&r.bus, &response_tap, &rr);
    CHECK_EQ(sf_api_counter_increment(&r.dev, NS_CLIENT, &v), SF_OK);
    model_spi_set_tap(&r.bus, NULL, NULL);
    /* Header, value, tag: the sealed answer to the increment. */
    CHECK_EQ(rr.len, SFP1_HEADER_LEN + 4 + SFP1_TAG_LEN);
    CHECK_EQ(rr.bytes[SFP1_OFF_TYPE], SFP1_CMD_COUNTER_INCREMENT | SFP1_RESPONSE_BIT);
    sf_model_view(r.model, &before);
    CHECK_EQ(sf_rig_wire_exchange(&r, rr.bytes, rr.len, NULL, 0), SFP1_MALFORMED);
    /* Dressed up as a command: the tag is under the other direction's key. */
    rr.bytes[SFP1_OFF_TYPE] = SFP1_CMD_COUNTER_INCREMENT;
    rr.bytes[SFP1_OFF_STATUS] = 0;
    CHECK_EQ(sf_rig_wire_exchange(&r, rr.bytes, rr.len, NULL, 0), SFP1_AUTH_FAILED);
    sf_model_view(r.model, &after);
    CHECK_EQ(after.counters[0], before.counters[0]);
    CHECK_EQ(after.failure_count, before.failure_count + 1);
    sf_rig_close(&r);
}

static void test_attacker_sessions_do_not_evict_confirmed_ones(void)
{
    struct sf_rig r;
    struct sf_model_view view;
    uint32_t v = 0;
    uint8_t buf[4];
    uint8_t sid = 0;
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    CHECK_EQ(sf_api_counter_read(&r.dev, S_CLIENT, &v), SF_OK);
    CHECK_EQ(sf_api_read(&r.dev, RO_CLIENT, 0, buf, sizeof(buf)), SF_OK);
    uint32_t opened = r.dev.stats.sessions_opened;
    for (int i = 0; i < 6; i++) {
        CHECK_EQ(raw_open(&r, 0, &sid), SFP1_OK);
        CHECK_EQ(sid, 4); /* the one slot not holding a confirmed session */
        sf_model_view(r.model, &view);
        CHECK_EQ(view.open_sessions, SFP1_MAX_SESSIONS);
    }
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    CHECK_EQ(sf_api_counter_read(&r.dev, S_CLIENT, &v), SF_OK);
    CHECK_EQ(sf_api_read(&r.dev, RO_CLIENT, 0, buf, sizeof(buf)), SF_OK);
    CHECK_EQ(r.dev.stats.sessions_opened, opened);
    sf_rig_close(&r);
}

static void test_plain_commands_meet_the_zone_policy(void)
{
    struct sf_rig r;
    struct sf_model_view view;
    static const char mixed[] = "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                "read = open\nwrite = open\n"
                                "[zone 1]\nbase = 0x10000\nsize = 0x10000\n"
                                "read = authenticated\nwrite = authenticated\n"
                                "[binding]\nclient = 256\nzone = 1\ncounter = 1\n";
    uint8_t data[8] = "openzone";
    uint8_t got[8];
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&r, mixed), SF_OK);
    /* An open zone is plain NOR; so is the space outside every zone. */
    CHECK_EQ(etss_nor_program(&r.dev.nor, 0x100, data, sizeof(data)), SF_OK);
    CHECK_EQ(etss_nor_read(&r.dev.nor, 0x100, got, sizeof(got)), SF_OK);
    CHECK_MEM_EQ(got, data, sizeof(data));
    CHECK_EQ(etss_nor_erase(&r.dev.nor, 0x20000, 4096), SF_OK);
    sf_model_view(r.model, &view);
    CHECK_EQ(view.failure_count, 0);
    /* The authenticated zone: reads see 0xFF, writes are refused, each
     * counts as a failure. */
    CHECK_EQ(sf_api_program(&r.dev, S_CLIENT, 0, data, sizeof(data)), SF_OK);
    CHECK_EQ(etss_nor_read(&r.dev.nor, 0x10000, got, sizeof(got)), SF_OK);
    for (size_t i = 0; i < sizeof(got); i++) {
        CHECK_EQ(got[i], 0xFF);
    }
    CHECK_EQ(etss_nor_program(&r.dev.nor, 0x10008, data, sizeof(data)), SF_ERR_DENIED);
    CHECK_EQ(etss_nor_erase(&r.dev.nor, 0x10000, 4096), SF_ERR_DENIED);
    CHECK_EQ(etss_nor_erase_chip(&r.dev.nor), SF_ERR_DENIED);
    sf_model_view(r.model, &view);
    CHECK_EQ(view.failure_count, 4);
    CHECK_EQ(sf_api_read(&r.dev, S_CLIENT, 0, got, sizeof(got)), SF_OK);
    CHECK_MEM_EQ(got, data, sizeof(data));
    CHECK(nor_model_peek(r.nor, 0x100, got, sizeof(got))); /* CE did not run */
    CHECK_MEM_EQ(got, data, sizeof(data));
    sf_rig_close(&r);
}

/* READ_STRIDED's fields as the part checks them, sent in the host's own
 * session past the host's request builder: every malformed layout is
 * MALFORMED, every one leaving the zone ZONE_VIOLATION, and a good one
 * answers count x length bytes. */
static void test_strided_read_fields_are_checked_by_the_part(void)
{
    static const struct {
        uint32_t addr;
        uint32_t stride;
        uint16_t len;
        uint16_t count;
        size_t size; /* of the request */
        uint8_t status;
    } layouts[] = {
        {0x1000u, 0x1000u, 132u, 15u, SFP1_READ_STRIDED_REQUEST_LEN, SFP1_OK},
        {0x1000u, 16u, 16u, 128u, SFP1_READ_STRIDED_REQUEST_LEN, SFP1_OK},
        {0x1000u, 0x1000u, 0u, 4u, SFP1_READ_STRIDED_REQUEST_LEN, SFP1_MALFORMED},
        {0x1000u, 0x1000u, 16u, 0u, SFP1_READ_STRIDED_REQUEST_LEN, SFP1_MALFORMED},
        {0x1000u, 0x1000u, 129u, 16u, SFP1_READ_STRIDED_REQUEST_LEN, SFP1_MALFORMED},
        {0x1000u, 0xFFFFu, 0xFFFFu, 0xFFFFu, SFP1_READ_STRIDED_REQUEST_LEN, SFP1_MALFORMED},
        {0x1000u, 15u, 16u, 4u, SFP1_READ_STRIDED_REQUEST_LEN, SFP1_MALFORMED},
        {0x1000u, 0x1000u, 16u, 4u, SFP1_READ_STRIDED_REQUEST_LEN - 1u, SFP1_MALFORMED},
        {0x1000u, 0x1000u, 16u, 4u, SFP1_READ_STRIDED_REQUEST_LEN + 1u, SFP1_MALFORMED},
        {0xFF000u, 0x1000u, 16u, 2u, SFP1_READ_STRIDED_REQUEST_LEN, SFP1_ZONE_VIOLATION},
        {0x100000u, 0x1000u, 16u, 1u, SFP1_READ_STRIDED_REQUEST_LEN, SFP1_ZONE_VIOLATION},
        {0xFFFFF000u, 0x1000u, 16u, 2u, SFP1_READ_STRIDED_REQUEST_LEN, SFP1_ZONE_VIOLATION},
        {0x0u, 0x80000000u, 1u, 3u, SFP1_READ_STRIDED_REQUEST_LEN, SFP1_ZONE_VIOLATION},
    };
    static uint8_t rsp[SFP1_MAX_FRAME];
    struct sf_rig r;
    uint32_t value = 0;
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
    CHECK_EQ(sf_api_counter_read(&r.dev, -1, &value), SF_OK); /* a session on zone 0 */
    struct sf_session *s = &r.dev.sessions[0];
    CHECK(s->open && s->zone == 0u);
    for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
        uint8_t req[SFP1_READ_STRIDED_REQUEST_LEN + 1u] = {0};
        etss_put_le32(&req[SFP1_REQ_ADDRESS], layouts[i].addr);
        etss_put_le32(&req[SFP1_REQ_STRIDE], layouts[i].stride);
        etss_put_le16(&req[SFP1_REQ_STRIDED_LENGTH], layouts[i].len);
        etss_put_le16(&req[SFP1_REQ_STRIDED_COUNT], layouts[i].count);
        s->sequence++;
        uint8_t status = sf_rig_sealed_exchange(&r, s, SFP1_CMD_READ_STRIDED, false, req,
                                                layouts[i].size, rsp, sizeof(rsp));
        CHECK_EQ(status, layouts[i].status);
        size_t answered = etss_get_le16(&rsp[SFP1_OFF_LENGTH]);
        CHECK_EQ(answered, status == SFP1_OK ? (size_t)layouts[i].len * layouts[i].count : 0u);
    }
    /* The host's own session still works after all of it. */
    CHECK_EQ(sf_api_counter_read(&r.dev, -1, &value), SF_OK);
    sf_rig_close(&r);
}

static void test_lock_is_forever(void)
{
    struct sf_rig r;
    struct sf_model_config cfg;
    struct sf_model_view view;
    static uint8_t rec[SFP1_PROV_MAX_LEN];
    char path[96];
    uint32_t v = 0;
    snprintf(path, sizeof(path), "/tmp/etss-sfm-%ld.img", (long)getpid());
    unlink(path);
    sf_model_default_config(&cfg);
    cfg.nor.image_path = path;
    CHECK_EQ(sf_rig_open(&r, &cfg, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
    CHECK_EQ(sf_api_lock(&r.dev), SF_OK);
    CHECK_EQ(sf_api_lock(&r.dev), SF_OK);         /* locked already */
    CHECK_EQ(sf_rig_restart(&r, &cfg, 1), SF_OK); /* a restart */
    CHECK_EQ(sf_api_lock(&r.dev), SF_OK);
    sf_model_view(r.model, &view);
    CHECK_EQ(view.lifecycle, SFP1_LIFECYCLE_LOCKED);
    size_t len = 0;
    factory_record(rec, &len);
    CHECK_EQ(provision_raw(&r, rec, len), SFP1_LIFECYCLE);
    CHECK_EQ(sf_api_counter_increment(&r.dev, NS_CLIENT, &v), SF_OK);
    sf_rig_close(&r);
    unlink(path);
}

static void test_session_counter_survives_restart(void)
{
    struct sf_rig r;
    struct sf_model_config cfg;
    struct sf_model_view view;
    char path[96];
    uint32_t v = 0;
    snprintf(path, sizeof(path), "/tmp/etss-sfm2-%ld.img", (long)getpid());
    unlink(path);
    sf_model_default_config(&cfg);
    cfg.nor.image_path = path;
    CHECK_EQ(sf_rig_open(&r, &cfg, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    CHECK_EQ(sf_api_counter_read(&r.dev, S_CLIENT, &v), SF_OK);
    sf_model_view(r.model, &view);
    uint32_t used = view.session_counter;
    CHECK(used >= 2);
    CHECK_EQ(sf_rig_restart(&r, &cfg, 1), SF_OK);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    /* Past every value the last power-up may have used (the part commits
     * them a range of 64 at a time), never back. */
    sf_model_view(r.model, &view);
    CHECK(view.session_counter > used && view.session_counter <= used + 64u);
    sf_rig_close(&r);
    unlink(path);
}

static void test_bad_model_configs_are_refused(void)
{
    struct sf_model_config cfg;
    enum nor_model_status st = NOR_MODEL_OK;
    sf_model_default_config(&cfg);
    cfg.n_counters = 3;
    CHECK(sf_model_create(&cfg, &st) == NULL);
    CHECK_EQ(st, NOR_MODEL_ERR_CONFIG);
    sf_model_default_config(&cfg);
    cfg.max_sessions = 0;
    CHECK(sf_model_create(&cfg, &st) == NULL);
    sf_model_default_config(&cfg);
    cfg.max_sessions = SFP1_MAX_SESSIONS + 1;
    CHECK(sf_model_create(&cfg, &st) == NULL);
    static const uint8_t versions[] = {0u, 1u, 4u, 0xFFu};
    for (size_t i = 0; i < sizeof(versions); i++) {
        sf_model_default_config(&cfg);
        cfg.protocol_version = versions[i];
        CHECK(sf_model_create(&cfg, &st) == NULL);
    }
    CHECK(sf_model_create(NULL, &st) == NULL);
    sf_model_destroy(NULL);
}

/* Discovery goes by what the part announces: a plain NOR is no secure
 * flash, whatever it answers otherwise. */
static void test_plain_nor_is_not_taken_for_a_secure_flash(void)
{
    struct nor_model_config cfg;
    struct model_spi bus;
    static struct sf_device dev;
    enum nor_model_status st;
    const uint8_t huk_bytes[32] = {1};
    sf_key_t huk = SF_KEY_NONE;
    nor_model_default_config(&cfg);
    nor_model_t *nor = nor_model_create(&cfg, &st);
    CHECK(nor != NULL);
    CHECK_EQ(sf_crypto_init(), SF_OK);
    CHECK_EQ(sf_crypto_import(SF_KEY_HKDF_SECRET, huk_bytes, sizeof(huk_bytes), &huk), SF_OK);
    CHECK_EQ(sf_device_init(&dev, model_spi_bind(&bus, nor), huk, 0), SF_ERR_NO_DEVICE);
    CHECK(dev.vendor == NULL);
    uint8_t buf[4];
    CHECK_EQ(sf_api_read(&dev, NS_CLIENT, 0, buf, sizeof(buf)), SF_ERR_PARAM);
    sf_crypto_destroy(&huk);
    nor_model_destroy(nor);
}

static const struct test_case cases[] = {
    TEST_CASE(test_blank_part_is_plain_nor),
    TEST_CASE(test_malformed_records_change_nothing),
    TEST_CASE(test_reprovisioning_needs_the_keys),
    TEST_CASE(test_power_cut_at_every_step),
    TEST_CASE(test_power_cut_while_provisioning_again),
    TEST_CASE(test_reflected_response_is_refused),
    TEST_CASE(test_attacker_sessions_do_not_evict_confirmed_ones),
    TEST_CASE(test_plain_commands_meet_the_zone_policy),
    TEST_CASE(test_strided_read_fields_are_checked_by_the_part),
    TEST_CASE(test_lock_is_forever),
    TEST_CASE(test_session_counter_survives_restart),
    TEST_CASE(test_bad_model_configs_are_refused),
    TEST_CASE(test_plain_nor_is_not_taken_for_a_secure_flash),
};

TEST_MAIN("sf_model", cases)
