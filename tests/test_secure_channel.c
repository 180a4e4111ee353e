/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The secure channel under attack: a tap on the SPI wire sniffs, flips,
 * drops, reorders and replays frames, a rogue host impersonates the real
 * one, and clients reach for each other's zones. Each attack must fail
 * safely: refused, detected, and nothing changed.
 */
#include <unistd.h>

#include "devmodel/sf_model_testing.h"
#include "nor_flash.h"
#include "sf_rig.h"
#include "sfp1_protocol.h"
#include "spi_nor_defs.h"
#include "test_harness.h"

#define NS_CLIENT (-1)
#define NS_CLIENT_2 (-2)
#define S_CLIENT 256
#define RO_CLIENT (-3)

/* ---- a tap that records and tampers ---- */

#define CAPTURE_SIZE (1u << 20)

struct tamper {
    /* Recording, both directions, every transaction. */
    uint8_t *capture;
    size_t captured;
    /* Current transaction. */
    uint8_t opcode;
    size_t position;
    unsigned secure_writes; /* SECURE_WRITE transactions seen */
    unsigned secure_reads;  /* SECURE_READ transactions seen */
    /* Flip bit `flip_bit` of frame byte of the `flip_frame`-th frame (1-based). */
    int flip_to_device;
    unsigned flip_frame;
    size_t flip_bit;
    int flipped;
    /* Drop the `drop_write`-th SECURE_WRITE (turn its opcode into a no-op). */
    unsigned drop_write;
    /* Keep the response bytes of SECURE_READ number `keep_read` and serve
     * them in place of SECURE_READ number `replay_read`. */
    unsigned keep_read;
    unsigned replay_read;
    uint8_t kept[SFP1_MAX_FRAME + 8u];
    size_t kept_len;
    /* Record the `save_write`-th SECURE_WRITE frame. */
    unsigned save_write;
    uint8_t saved[SFP1_MAX_FRAME];
    size_t saved_len;
};

static void record(struct tamper *t, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n && t->captured < CAPTURE_SIZE; i++) {
        t->capture[t->captured++] = b[i];
    }
}

static void tap_select(void *ctx)
{
    struct tamper *t = ctx;
    t->position = 0;
}

static void tap_host_to_device(void *ctx, uint8_t *b, size_t n)
{
    struct tamper *t = ctx;
    for (size_t i = 0; i < n; i++, t->position++) {
        if (t->position == 0) {
            t->opcode = b[i];
            if (b[i] == SFP1_OP_SECURE_WRITE) {
                t->secure_writes++;
                if (t->secure_writes == t->drop_write) {
                    b[i] = 0x00; /* not a command the part knows: ignored */
                }
                if (t->secure_writes == t->save_write) {
                    t->saved_len = 0;
                }
            } else if (b[i] == SFP1_OP_SECURE_READ) {
                t->secure_reads++;
            }
            continue;
        }
        if (t->opcode == SFP1_OP_SECURE_WRITE) {
            size_t at = t->position - 1;
            if (t->flip_to_device && t->secure_writes == t->flip_frame && at == t->flip_bit / 8) {
                b[i] ^= (uint8_t)(1u << (t->flip_bit % 8));
                t->flipped = 1;
            }
            if (t->secure_writes == t->save_write && at < sizeof(t->saved)) {
                t->saved[at] = b[i];
                t->saved_len = at + 1;
            }
        }
    }
    record(t, b, n);
}

static void tap_device_to_host(void *ctx, uint8_t *b, size_t n)
{
    struct tamper *t = ctx;
    /* position already advanced by host_to_device for these bytes */
    size_t start = t->position - n;
    if (t->opcode == SFP1_OP_SECURE_READ) {
        for (size_t i = 0; i < n; i++) {
            size_t pos = start + i;
            if (pos < SFP1_SECURE_READ_HEADER_LEN) {
                continue;
            }
            /* Transactions read the header at offset 0 and the body at 12:
             * count frame bytes across both. */
            size_t at = pos - SFP1_SECURE_READ_HEADER_LEN;
            unsigned frame = (t->secure_reads + 1) / 2;
            size_t frame_at = (t->secure_reads % 2 == 1) ? at : at + SFP1_HEADER_LEN;
            if (!t->flip_to_device && t->flip_frame != 0 && frame == t->flip_frame &&
                frame_at == t->flip_bit / 8) {
                b[i] ^= (uint8_t)(1u << (t->flip_bit % 8));
                t->flipped = 1;
            }
            if (t->keep_read != 0 && t->secure_reads == t->keep_read && at < sizeof(t->kept)) {
                t->kept[at] = b[i];
                t->kept_len = at + 1;
            }
            if (t->replay_read != 0 && t->secure_reads == t->replay_read && at < t->kept_len) {
                b[i] = t->kept[at];
            }
        }
    }
    record(t, b, n);
}

static const struct model_spi_tap tamper_tap = {
    .on_select = tap_select,
    .host_to_device = tap_host_to_device,
    .device_to_host = tap_device_to_host,
};

static struct tamper *tamper_on(struct sf_rig *r)
{
    static struct tamper t;
    static uint8_t capture[CAPTURE_SIZE];
    memset(&t, 0, sizeof(t));
    t.capture = capture;
    model_spi_set_tap(&r->bus, &tamper_tap, &t);
    return &t;
}

static int contains(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m)
{
    for (size_t i = 0; i + m <= n; i++) {
        if (memcmp(&hay[i], needle, m) == 0) {
            return 1;
        }
    }
    return 0;
}

static int open_provisioned(struct sf_rig *r)
{
    int rc = sf_rig_open(r, NULL, 1);
    return rc == SF_OK ? sf_rig_provision(r, sf_rig_default_config) : rc;
}

/* ---- attacks ---- */

static void test_sniffer_sees_no_plaintext_and_no_key(void)
{
    struct sf_rig r;
    static uint8_t secret[1024];
    static uint8_t back[1024];
    uint8_t puf[32];
    uint8_t rnd[64];
    size_t puf_len = 0;
    uint8_t root_keys[3][32];
    CHECK_EQ(open_provisioned(&r), SF_OK);
    for (uint8_t z = 0; z < 3; z++) {
        CHECK_EQ(sf_device_root_key_bytes(&r.dev, z, r.dev.part.salt, root_keys[z]), SF_OK);
    }
    for (size_t i = 0; i < sizeof(secret); i++) {
        secret[i] = (uint8_t)((uint8_t) "attack at dawn! "[i % 16] ^ (i / 16));
    }
    struct tamper *t = tamper_on(&r);
    sf_device_drop_sessions(&r.dev); /* record a session set-up too */
    CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0x1000, secret, sizeof(secret)), SF_OK);
    CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0x1000, back, sizeof(back)), SF_OK);
    CHECK_MEM_EQ(back, secret, sizeof(back));
    const uint8_t challenge[16] = "challenge-000001";
    CHECK_EQ(
        sf_api_puf(&r.dev, NS_CLIENT, challenge, sizeof(challenge), puf, sizeof(puf), &puf_len),
        SF_OK);
    CHECK_EQ(sf_api_random(&r.dev, NS_CLIENT, rnd, sizeof(rnd)), SF_OK);
    CHECK(t->captured > sizeof(secret));
    /* No 8-byte window of the data, the PUF answer, the random bytes or any
     * root key crosses the wire. */
    for (size_t i = 0; i + 8 <= sizeof(secret); i += 8) {
        CHECK(!contains(t->capture, t->captured, &secret[i], 8));
    }
    for (size_t i = 0; i + 8 <= sizeof(puf); i++) {
        CHECK(!contains(t->capture, t->captured, &puf[i], 8));
    }
    for (size_t i = 0; i + 8 <= sizeof(rnd); i += 8) {
        CHECK(!contains(t->capture, t->captured, &rnd[i], 8));
    }
    for (uint8_t z = 0; z < 3; z++) {
        for (size_t i = 0; i + 8 <= 32; i++) {
            CHECK(!contains(t->capture, t->captured, &root_keys[z][i], 8));
        }
    }
    sf_crypto_zeroize(root_keys, sizeof(root_keys));
    sf_rig_close(&r);
}

/* Flip each bit of one frame of an operation in turn; it must be detected
 * every time and leave no trace but the legitimate effect. */
static void flip_sweep(int to_device, unsigned frame, size_t frame_bits)
{
    struct sf_rig r;
    static uint8_t page[32];
    uint8_t peek[64];
    CHECK_EQ(open_provisioned(&r), SF_OK);
    for (size_t i = 0; i < sizeof(page); i++) {
        page[i] = (uint8_t)(0x80 | i);
    }
    for (size_t bit = 0; bit < frame_bits; bit++) {
        uint32_t before = 0;
        uint32_t after = 0;
        CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &before), SF_OK);
        uint32_t failures = r.dev.stats.comm_failures;
        struct tamper *t = tamper_on(&r);
        t->flip_to_device = to_device;
        t->flip_frame = frame;
        t->flip_bit = bit;
        uint32_t value = 0;
        int rc = sf_api_counter_increment(&r.dev, NS_CLIENT, &value);
        model_spi_set_tap(&r.bus, NULL, NULL);
        CHECK(t->flipped);
        /* Never a silent success; a flipped command changes nothing, a
         * flipped response is caught after the part did its (authentic)
         * work. */
        CHECK(rc != SF_OK);
        CHECK(r.dev.stats.comm_failures > failures || rc == SF_ERR_MALFORMED || rc == SF_ERR_AUTH);
        CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &after), SF_OK);
        CHECK_EQ(after, before + (to_device ? 0u : 1u));
        /* The lock-out must not trip on a passing attacker's flips... it
         * may, by design: reset it with a power cycle between trials. */
        nor_model_power_cycle(r.nor);
        sf_device_drop_sessions(&r.dev);
    }
    /* And the array outside any command is untouched. */
    CHECK(nor_model_peek(r.nor, 0x3000, peek, sizeof(peek)));
    for (size_t i = 0; i < sizeof(peek); i++) {
        CHECK_EQ(peek[i], 0xFF);
    }
    sf_rig_close(&r);
}

static void test_every_bit_flip_of_a_command_is_refused(void)
{
    /* COUNTER_INCREMENT: header, 1-byte payload, tag. */
    flip_sweep(1, 1, 8 * (SFP1_HEADER_LEN + 1 + SFP1_TAG_LEN));
}

static void test_every_bit_flip_of_a_response_is_detected(void)
{
    /* Its response: header, 4-byte value, tag. */
    flip_sweep(0, 1, 8 * (SFP1_HEADER_LEN + 4 + SFP1_TAG_LEN));
}

/* Flip each bit of a PROGRAM frame of `client` on a rig already opened. */
static void program_flip_sweep(struct sf_rig *r, int32_t client)
{
    uint8_t data[32];
    uint8_t old[32];
    uint8_t got[32];
    memset(old, 0xF0, sizeof(old));
    CHECK_EQ(sf_api_program(&r->dev, client, 0x2000, old, sizeof(old)), SF_OK);
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(0x30 | (i & 0x0F));
    }
    size_t bits = 8 * (SFP1_HEADER_LEN + 4 + sizeof(data) + SFP1_TAG_LEN);
    for (size_t bit = 0; bit < bits; bit++) {
        CHECK_EQ(sf_api_read(&r->dev, client, 0x2000, got, 1), SF_OK); /* session up */
        struct tamper *t = tamper_on(r);
        t->flip_to_device = 1;
        t->flip_frame = 1;
        t->flip_bit = bit;
        uint32_t failures = r->dev.stats.comm_failures;
        /* Retried on a fresh session after the refusal: lands exactly once. */
        CHECK_EQ(sf_api_program(&r->dev, client, 0x2000, data, sizeof(data)), SF_OK);
        model_spi_set_tap(&r->bus, NULL, NULL);
        CHECK(t->flipped);
        CHECK(r->dev.stats.comm_failures > failures);
        CHECK_EQ(sf_api_read(&r->dev, client, 0x2000, got, sizeof(got)), SF_OK);
        for (size_t i = 0; i < sizeof(got); i++) {
            CHECK_EQ(got[i], old[i] & data[i]);
        }
        CHECK_EQ(sf_api_read(&r->dev, client, 0x2020, got, sizeof(got)), SF_OK);
        CHECK_EQ(got[0], 0xFF);
        nor_model_power_cycle(r->nor); /* clears a lock-out the flips may cause */
        sf_device_drop_sessions(&r->dev);
    }
}

static void test_bit_flips_in_a_program_frame_change_nothing(void)
{
    struct sf_rig r;
    CHECK_EQ(open_provisioned(&r), SF_OK);
    program_flip_sweep(&r, S_CLIENT);
    sf_rig_close(&r);
}

/* An authentication flash: no cipher, so written data crosses the bus in
 * clear (what ETSS only stores for assets that waive confidentiality), but
 * every bit of the frame is still authenticated. */
static void test_authentication_flash_authenticates_everything(void)
{
    static const char authenticated[] = "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                        "read = authenticated\nwrite = authenticated\n"
                                        "[binding]\nclient = 256\nzone = 0\ncounter = 0\n";
    static const char encrypted[] = "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                    "read = encrypted\nwrite = authenticated\n"
                                    "[binding]\nclient = 256\nzone = 0\ncounter = 0\n";
    struct sf_rig r;
    struct sf_model_config cfg;
    sf_model_default_config(&cfg);
    cfg.features =
        SFP1_FEATURE_ZONES | SFP1_FEATURE_COUNTERS | SFP1_FEATURE_UID | SFP1_FEATURE_AUTHENTICATION;
    CHECK_EQ(sf_rig_open(&r, &cfg, 1), SF_OK);
    CHECK_EQ(r.dev.features & SF_FEATURE_CONFIDENTIALITY, 0);
    CHECK_EQ(sf_rig_provision(&r, encrypted), SF_ERR_MALFORMED); /* it could not */
    CHECK_EQ(sf_rig_provision(&r, authenticated), SF_OK);
    struct tamper *t = tamper_on(&r);
    static const uint8_t visible[16] = "in clear, signed";
    CHECK_EQ(sf_api_program(&r.dev, S_CLIENT, 0x100, visible, sizeof(visible)), SF_OK);
    model_spi_set_tap(&r.bus, NULL, NULL);
    CHECK(contains(t->capture, t->captured, visible, sizeof(visible)));
    program_flip_sweep(&r, S_CLIENT);
    sf_rig_close(&r);
}

/* Flip each bit of a session set-up frame (OPEN, CONFIRM or their
 * answers): the host never ends up in a session the part does not share,
 * nothing changes, and the next request works. */
static void setup_flip_sweep(int to_device, unsigned frame, size_t frame_bits)
{
    struct sf_rig r;
    uint32_t before = 0;
    uint32_t after = 0;
    CHECK_EQ(open_provisioned(&r), SF_OK);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &before), SF_OK);
    for (size_t bit = 0; bit < frame_bits; bit++) {
        nor_model_power_cycle(r.nor);
        sf_device_drop_sessions(&r.dev);
        struct tamper *t = tamper_on(&r);
        t->flip_to_device = to_device;
        t->flip_frame = frame;
        t->flip_bit = bit;
        uint32_t value = 0;
        int rc = sf_api_counter_read(&r.dev, NS_CLIENT, &value);
        model_spi_set_tap(&r.bus, NULL, NULL);
        CHECK(t->flipped);
        CHECK(rc != SF_OK || value == before);
        CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &after), SF_OK);
        CHECK_EQ(after, before);
    }
    sf_rig_close(&r);
}

static void test_every_bit_flip_of_session_setup_is_harmless(void)
{
    setup_flip_sweep(1, 1, 8 * (SFP1_HEADER_LEN + 1 + SFP1_NONCE_BYTES));
    setup_flip_sweep(0, 1, 8 * (SFP1_HEADER_LEN + SFP1_OPEN_RESPONSE_LEN));
    setup_flip_sweep(1, 2, 8 * (SFP1_HEADER_LEN + SFP1_PROOF_LEN));
    setup_flip_sweep(0, 2, 8 * (SFP1_HEADER_LEN + SFP1_TAG_LEN));
}

/* Open a session as anyone can, then guess the confirmation proof. */
static uint8_t guess_confirmation(struct sf_rig *r, uint8_t guess)
{
    uint8_t open[SFP1_HEADER_LEN + 1 + SFP1_NONCE_BYTES];
    uint8_t rsp[SFP1_HEADER_LEN + SFP1_OPEN_RESPONSE_LEN];
    uint8_t confirm[SFP1_HEADER_LEN + SFP1_PROOF_LEN];
    sf_rig_frame_header(open, SFP1_CMD_OPEN, 0, 1 + SFP1_NONCE_BYTES);
    memset(&open[SFP1_HEADER_LEN], guess, 1 + SFP1_NONCE_BYTES);
    open[SFP1_HEADER_LEN] = 0; /* zone 0 */
    uint8_t st = sf_rig_wire_exchange(r, open, sizeof(open), rsp, sizeof(rsp));
    if (st != SFP1_OK) {
        return st;
    }
    sf_rig_frame_header(confirm, SFP1_CMD_CONFIRM, rsp[SFP1_HEADER_LEN], SFP1_PROOF_LEN);
    memset(&confirm[SFP1_HEADER_LEN], guess, SFP1_PROOF_LEN);
    return sf_rig_wire_exchange(r, confirm, sizeof(confirm), NULL, 0);
}

static void test_replay_within_a_session_is_refused(void)
{
    struct sf_rig r;
    uint32_t v = 0;
    CHECK_EQ(open_provisioned(&r), SF_OK);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK); /* session is open */
    struct tamper *t = tamper_on(&r);
    t->save_write = 1;
    CHECK_EQ(sf_api_counter_increment(&r.dev, NS_CLIENT, &v), SF_OK);
    model_spi_set_tap(&r.bus, NULL, NULL);
    CHECK(t->saved_len > SFP1_HEADER_LEN);
    struct sf_model_view before;
    struct sf_model_view after;
    sf_model_view(r.model, &before);
    CHECK_EQ(sf_rig_wire_exchange(&r, t->saved, t->saved_len, NULL, 0), SFP1_STALE_SEQUENCE);
    sf_model_view(r.model, &after);
    CHECK_EQ(after.counters[0], before.counters[0]);
    CHECK_EQ(after.failure_count, before.failure_count + 1);
    sf_rig_close(&r);
}

static void test_replay_across_a_reset_is_refused(void)
{
    struct sf_rig r;
    uint32_t v = 0;
    CHECK_EQ(open_provisioned(&r), SF_OK);
    struct tamper *t = tamper_on(&r);
    t->save_write = 1; /* the session is up: the increment is the first frame */
    CHECK_EQ(sf_api_counter_increment(&r.dev, NS_CLIENT, &v), SF_OK);
    model_spi_set_tap(&r.bus, NULL, NULL);
    CHECK(t->saved_len > SFP1_HEADER_LEN);
    CHECK_EQ(t->saved[SFP1_OFF_TYPE], SFP1_CMD_COUNTER_INCREMENT);
    nor_model_power_cycle(r.nor);
    sf_device_drop_sessions(&r.dev);
    /* The host opens a new session: same slot id, new keys. */
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    struct sf_model_view before;
    struct sf_model_view after;
    sf_model_view(r.model, &before);
    uint8_t st = sf_rig_wire_exchange(&r, t->saved, t->saved_len, NULL, 0);
    CHECK(st == SFP1_AUTH_FAILED || st == SFP1_STALE_SEQUENCE || st == SFP1_NO_SESSION);
    sf_model_view(r.model, &after);
    CHECK_EQ(after.counters[0], before.counters[0]);
    sf_rig_close(&r);
}

static void test_dropped_command_is_detected_and_recovered(void)
{
    struct sf_rig r;
    uint8_t data[16] = "dropped, resent";
    uint8_t got[16];
    CHECK_EQ(open_provisioned(&r), SF_OK);
    CHECK_EQ(sf_api_read(&r.dev, S_CLIENT, 0, got, sizeof(got)), SF_OK); /* session up */
    uint32_t sessions = r.dev.stats.sessions_opened;
    struct tamper *t = tamper_on(&r);
    t->drop_write = 1;
    CHECK_EQ(sf_api_program(&r.dev, S_CLIENT, 0x40, data, sizeof(data)), SF_OK);
    model_spi_set_tap(&r.bus, NULL, NULL);
    CHECK(r.dev.stats.comm_failures >= 1);
    CHECK(r.dev.stats.sessions_opened > sessions);
    CHECK_EQ(sf_api_read(&r.dev, S_CLIENT, 0x40, got, sizeof(got)), SF_OK);
    CHECK_MEM_EQ(got, data, sizeof(data));
    sf_rig_close(&r);
}

static void test_stale_response_is_detected(void)
{
    struct sf_rig r;
    uint32_t v = 0;
    uint8_t got[16];
    CHECK_EQ(open_provisioned(&r), SF_OK);
    CHECK_EQ(sf_api_read(&r.dev, S_CLIENT, 0, got, sizeof(got)), SF_OK);
    struct tamper *t = tamper_on(&r);
    /* Serve the first response (header read 1, body read 2) again when the
     * host reads the second one. */
    t->keep_read = 1;
    t->replay_read = 3;
    CHECK_EQ(sf_api_counter_read(&r.dev, S_CLIENT, &v), SF_OK);
    uint32_t failures = r.dev.stats.comm_failures;
    CHECK(sf_api_counter_read(&r.dev, S_CLIENT, &v) != SF_OK ||
          r.dev.stats.comm_failures > failures);
    model_spi_set_tap(&r.bus, NULL, NULL);
    CHECK(r.dev.stats.comm_failures > failures);
    CHECK_EQ(sf_api_counter_read(&r.dev, S_CLIENT, &v), SF_OK);
    sf_rig_close(&r);
}

static void test_host_without_the_key_gets_nothing(void)
{
    struct sf_rig r;
    uint8_t got[16];
    static const uint8_t data[16] = "owner's data....";
    CHECK_EQ(open_provisioned(&r), SF_OK);
    CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0x100, data, sizeof(data)), SF_OK);
    struct sf_model_view before;
    sf_model_view(r.model, &before);
    /* The same bus, another host: another HUK, so other root keys. */
    CHECK(sf_rig_attach(&r, 99) != SF_OK);
    CHECK(sf_api_read(&r.dev, NS_CLIENT, 0x100, got, sizeof(got)) != SF_OK);
    uint8_t ones[16];
    memset(ones, 0, sizeof(ones));
    CHECK(sf_api_program(&r.dev, NS_CLIENT, 0x100, ones, sizeof(ones)) != SF_OK);
    struct sf_model_view after;
    sf_model_view(r.model, &after);
    CHECK_EQ(after.counters[0], before.counters[0]);
    /* The owner still finds its data intact. */
    CHECK_EQ(sf_rig_attach(&r, 1), SF_OK);
    CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0x100, got, sizeof(got)), SF_OK);
    CHECK_MEM_EQ(got, data, sizeof(data));
    sf_rig_close(&r);
}

static void test_zone_isolation(void)
{
    struct sf_rig r;
    uint8_t buf[16] = {0};
    uint32_t v = 0;
    CHECK_EQ(open_provisioned(&r), SF_OK);
    /* API layer: offsets are zone-relative, bounded by the zone. */
    CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0x100000, buf, 1), SF_ERR_DENIED);
    CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0xFFFF8, buf, 16), SF_ERR_DENIED);
    CHECK_EQ(sf_api_erase(&r.dev, S_CLIENT, 0x100000), SF_ERR_DENIED);
    CHECK_EQ(sf_api_read(&r.dev, 12345, 0, buf, 1), SF_ERR_NO_BINDING);
    /* The part itself: a session on zone 0 cannot reach zone 1 or its counter. */
    CHECK_EQ(sf_device_read(&r.dev, 0, 0x100000, buf, 16), SF_ERR_DENIED);
    CHECK_EQ(sf_device_program(&r.dev, 0, 0x100000, buf, 16), SF_ERR_DENIED);
    CHECK_EQ(sf_device_erase(&r.dev, 0, 0x100000), SF_ERR_DENIED);
    CHECK_EQ(sf_device_counter_increment(&r.dev, 0, 1, &v), SF_ERR_DENIED);
    /* Read-only zone. */
    CHECK_EQ(sf_api_program(&r.dev, RO_CLIENT, 0, buf, 16), SF_ERR_DENIED);
    CHECK_EQ(sf_api_erase(&r.dev, RO_CLIENT, 0), SF_ERR_DENIED);
    /* Plain NOR commands see nothing of a secure zone. */
    uint8_t plain[16];
    CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0, (const uint8_t *)"secret secret!!", 16), SF_OK);
    CHECK_EQ(etss_nor_read(&r.dev.nor, 0, plain, sizeof(plain)), SF_OK);
    for (size_t i = 0; i < sizeof(plain); i++) {
        CHECK_EQ(plain[i], 0xFF);
    }
    CHECK_EQ(etss_nor_erase(&r.dev.nor, 0, 4096), SF_ERR_DENIED);
    CHECK_EQ(etss_nor_program(&r.dev.nor, 0x10, plain, sizeof(plain)), SF_ERR_DENIED);
    CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0, plain, sizeof(plain)), SF_OK);
    CHECK_MEM_EQ(plain, "secret secret!!", 16);
    sf_rig_close(&r);
}

static void test_repeated_failures_lock_the_part_out(void)
{
    struct sf_rig r;
    static const char threshold_3[] = "lockout_threshold = 3\n"
                                      "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                      "read = encrypted\nwrite = authenticated\n"
                                      "[binding]\nclient = -1\nzone = 0\ncounter = 0\n";
    uint32_t v = 0;
    struct sf_model_view view;
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&r, threshold_3), SF_OK);
    /* A host without the key guesses the proof: refused, counted. */
    CHECK_EQ(guess_confirmation(&r, 0x11), SFP1_AUTH_FAILED);
    CHECK_EQ(guess_confirmation(&r, 0x22), SFP1_AUTH_FAILED);
    sf_model_view(r.model, &view);
    CHECK_EQ(view.failure_count, 2);
    CHECK(!view.locked_out);
    CHECK_EQ(guess_confirmation(&r, 0x33), SFP1_AUTH_FAILED);
    sf_model_view(r.model, &view);
    CHECK(view.locked_out);
    CHECK_EQ(guess_confirmation(&r, 0x44), SFP1_LOCKED_OUT);
    /* Even the rightful host is locked out now, until a power cycle. */
    sf_device_drop_sessions(&r.dev);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_ERR_LOCKED_OUT);
    nor_model_power_cycle(r.nor);
    /* The count survived the power cycle: one more guess locks it again. */
    CHECK_EQ(guess_confirmation(&r, 0x55), SFP1_AUTH_FAILED);
    CHECK_EQ(guess_confirmation(&r, 0x66), SFP1_LOCKED_OUT);
    nor_model_power_cycle(r.nor);
    sf_device_drop_sessions(&r.dev);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    sf_model_view(r.model, &view);
    CHECK_EQ(view.failure_count, 0); /* a confirmed session resets it */
    sf_rig_close(&r);
}

/* ---- function ---- */

static void test_round_trip_keeps_nor_semantics(void)
{
    struct sf_rig r;
    static uint8_t a[600];
    static uint8_t b[600];
    static uint8_t got[600];
    CHECK_EQ(open_provisioned(&r), SF_OK);
    for (size_t i = 0; i < sizeof(a); i++) {
        a[i] = (uint8_t)(i * 13u);
        b[i] = (uint8_t) ~(i * 5u);
    }
    /* Unaligned, across pages and across a sector boundary. */
    CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0xEF0, a, sizeof(a)), SF_OK);
    CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0xEF0, b, sizeof(b)), SF_OK);
    CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0xEF0, got, sizeof(got)), SF_OK);
    for (size_t i = 0; i < sizeof(got); i++) {
        CHECK_EQ(got[i], a[i] & b[i]);
    }
    CHECK_EQ(sf_api_erase(&r.dev, NS_CLIENT, 0x0000), SF_OK);
    CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0xEF0, got, 16), SF_OK);
    for (size_t i = 0; i < 16; i++) {
        CHECK_EQ(got[i], 0xFF);
    }
    CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0x1000, got, 16), SF_OK); /* next sector kept */
    for (size_t i = 0; i < 16; i++) {
        CHECK_EQ(got[i], a[0x1000 - 0xEF0 + i] & b[0x1000 - 0xEF0 + i]);
    }
    CHECK_EQ(sf_api_erase(&r.dev, NS_CLIENT, 0x10), SF_ERR_PARAM);
    sf_rig_close(&r);
}

static void test_counters_strictly_monotonic_and_persistent(void)
{
    struct sf_rig r;
    struct sf_model_config cfg;
    char path[96];
    uint32_t v = 0;
    uint32_t last = 0;
    snprintf(path, sizeof(path), "/tmp/etss-sc-%ld.img", (long)getpid());
    unlink(path);
    sf_model_default_config(&cfg);
    cfg.nor.image_path = path;
    CHECK_EQ(sf_rig_open(&r, &cfg, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(sf_api_counter_increment(&r.dev, NS_CLIENT, &v), SF_OK);
        CHECK(v > last);
        last = v;
    }
    CHECK_EQ(sf_api_counter_read(&r.dev, S_CLIENT, &v), SF_OK);
    CHECK_EQ(v, 0);                               /* another counter, untouched */
    CHECK_EQ(sf_rig_restart(&r, &cfg, 1), SF_OK); /* a restart: same image */
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    CHECK_EQ(v, last);
    CHECK_EQ(sf_api_counter_increment(&r.dev, NS_CLIENT, &v), SF_OK);
    CHECK_EQ(v, last + 1);
    /* Never wraps. */
    sf_model_test_set_counter(r.model, 0, UINT32_MAX - 1);
    CHECK_EQ(sf_api_counter_increment(&r.dev, NS_CLIENT, &v), SF_OK);
    CHECK_EQ(v, UINT32_MAX);
    CHECK_EQ(sf_api_counter_increment(&r.dev, NS_CLIENT, &v), SF_ERR_COUNTER_LIMIT);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    CHECK_EQ(v, UINT32_MAX);
    sf_rig_close(&r);
    unlink(path);
}

static void test_puf_unique_per_device(void)
{
    struct sf_rig a;
    struct sf_rig b;
    struct sf_model_config cfg;
    const uint8_t challenge[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    uint8_t ra[32];
    uint8_t ra2[32];
    uint8_t rb[32];
    size_t n = 0;
    sf_model_default_config(&cfg);
    cfg.device_seed = 1111;
    CHECK_EQ(sf_rig_open(&a, &cfg, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&a, sf_rig_default_config), SF_OK);
    cfg.device_seed = 2222;
    CHECK_EQ(sf_rig_open(&b, &cfg, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&b, sf_rig_default_config), SF_OK);
    CHECK_EQ(sf_api_puf(&a.dev, NS_CLIENT, challenge, sizeof(challenge), ra, 32, &n), SF_OK);
    CHECK_EQ(n, 32);
    CHECK_EQ(sf_api_puf(&a.dev, S_CLIENT, challenge, sizeof(challenge), ra2, 32, &n), SF_OK);
    CHECK_MEM_EQ(ra, ra2, 32); /* deterministic per device */
    CHECK_EQ(sf_api_puf(&b.dev, NS_CLIENT, challenge, sizeof(challenge), rb, 32, &n), SF_OK);
    CHECK(memcmp(ra, rb, 32) != 0); /* unique across devices */
    sf_rig_close(&a);
    sf_rig_close(&b);
}

static void test_trng_spread(void)
{
    struct sf_rig r;
    static uint8_t buf[4096];
    unsigned seen[256] = {0};
    CHECK_EQ(open_provisioned(&r), SF_OK);
    CHECK_EQ(sf_api_random(&r.dev, NS_CLIENT, buf, sizeof(buf)), SF_OK);
    for (size_t i = 0; i < sizeof(buf); i++) {
        seen[buf[i]]++;
    }
    unsigned distinct = 0;
    unsigned most = 0;
    for (int v = 0; v < 256; v++) {
        distinct += seen[v] != 0;
        most = seen[v] > most ? seen[v] : most;
    }
    CHECK(distinct >= 250);
    CHECK(most < 48); /* expected 16 per value */
    sf_rig_close(&r);
}

static void test_provisioning_refused_after_lock(void)
{
    struct sf_rig r;
    CHECK_EQ(open_provisioned(&r), SF_OK);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK); /* developer mode: again */
    CHECK_EQ(sf_api_lock(&r.dev), SF_OK);
    struct sf_model_view view;
    sf_model_view(r.model, &view);
    CHECK_EQ(view.lifecycle, SFP1_LIFECYCLE_LOCKED);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_ERR_LIFECYCLE);
    uint32_t v;
    CHECK_EQ(sf_api_counter_increment(&r.dev, NS_CLIENT, &v), SF_OK); /* still serves */
    sf_rig_close(&r);
}

static void test_sessions_reopen_after_reset_and_expiry(void)
{
    struct sf_rig r;
    static const char small_budget[] = "lockout_threshold = 4\n"
                                       "session_max_ops = 6\n"
                                       "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                       "read = encrypted\nwrite = authenticated\n"
                                       "[binding]\nclient = -1\nzone = 0\ncounter = 0\n";
    uint32_t v = 0;
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&r, small_budget), SF_OK);
    uint32_t opened = r.dev.stats.sessions_opened;
    for (int i = 0; i < 20; i++) {
        CHECK_EQ(sf_api_counter_increment(&r.dev, NS_CLIENT, &v), SF_OK);
    }
    CHECK_EQ(v, 20);
    CHECK(r.dev.stats.sessions_opened >= opened + 3);
    /* A reset the host did not see: the next request recovers by itself. */
    nor_model_power_cycle(r.nor);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    CHECK_EQ(v, 20);
    sf_rig_close(&r);
}

static void test_two_devices_at_once(void)
{
    struct sf_rig a;
    struct sf_rig b;
    struct sf_model_config cfg;
    uint8_t got[8];
    sf_model_default_config(&cfg);
    CHECK_EQ(sf_rig_open(&a, &cfg, 1), SF_OK);
    cfg.device_seed = 77;
    CHECK_EQ(sf_rig_open(&b, &cfg, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&a, sf_rig_default_config), SF_OK);
    CHECK_EQ(sf_rig_provision(&b, sf_rig_default_config), SF_OK);
    CHECK_EQ(sf_api_program(&a.dev, NS_CLIENT, 0, (const uint8_t *)"device A", 8), SF_OK);
    CHECK_EQ(sf_api_program(&b.dev, NS_CLIENT, 0, (const uint8_t *)"device B", 8), SF_OK);
    CHECK_EQ(sf_api_read(&a.dev, NS_CLIENT, 0, got, 8), SF_OK);
    CHECK_MEM_EQ(got, "device A", 8);
    CHECK_EQ(sf_api_read(&b.dev, NS_CLIENT, 0, got, 8), SF_OK);
    CHECK_MEM_EQ(got, "device B", 8);
    sf_rig_close(&a);
    sf_rig_close(&b);
}

/* ---- strided reads ---- */

/* Bytes a strided read test programs and reads back: the zone's first 24 KiB. */
#define STRIDED_SPAN 0x6000u

/* Frames a strided read of `count` runs of `len` bytes takes: one per
 * 2 KiB of runs on a binding that has READ_STRIDED (the direct SFP1
 * binding), else each run read on its own in the binding's chunks (the
 * JESD261 HAL's). */
static uint64_t strided_frames(const struct sf_rig *r, uint32_t count, uint32_t len)
{
    size_t chunk =
        r->dev.vendor->max_read != 0u ? r->dev.vendor->max_read : r->dev.vendor->max_data;
    if (r->dev.vendor->read_strided != NULL && len <= chunk) {
        uint32_t per = (uint32_t)(chunk / len);
        return (count + per - 1u) / per;
    }
    return (uint64_t)count * ((len + chunk - 1u) / chunk);
}

static void program_pattern(struct sf_rig *r, int32_t client, uint8_t *data)
{
    for (uint32_t i = 0; i < STRIDED_SPAN; i++) {
        data[i] = (uint8_t)(i * 131u + (i >> 8) + (uint32_t)client);
    }
    CHECK_EQ(sf_api_program(&r->dev, client, 0, data, STRIDED_SPAN), SF_OK);
}

/* Every layout of a grid of run lengths, strides and counts, in an
 * encrypted and in an authenticated zone: what run-by-run reads give, in
 * as few frames as 2 KiB answers allow (run by run through a binding
 * without strided reads). */
static void test_strided_reads_match_run_by_run_reads(void)
{
    static const uint32_t lens[] = {1, 3, 16, 60, 132, 168, 255, 1000, 2048};
    static const uint32_t counts[] = {1, 2, 7, 15, 16, 40};
    static const uint32_t extra[] = {0, 1, 4096};
    static uint8_t data[STRIDED_SPAN];
    static uint8_t got[STRIDED_SPAN];
    static const int32_t clients[] = {NS_CLIENT, S_CLIENT};
    struct sf_rig r;
    CHECK_EQ(open_provisioned(&r), SF_OK);
    uint32_t layouts = 0;
    for (size_t c = 0; c < 2; c++) {
        program_pattern(&r, clients[c], data);
        for (size_t l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
            for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
                for (size_t e = 0; e < sizeof(extra) / sizeof(extra[0]); e++) {
                    uint32_t len = lens[l];
                    uint32_t count = counts[k];
                    uint32_t stride = len + extra[e];
                    uint32_t offset = 5u * (uint32_t)(l + k + e);
                    if (offset + (count - 1u) * stride + len > STRIDED_SPAN) {
                        continue;
                    }
                    memset(got, 0, sizeof(got));
                    uint64_t frames = nor_model_stats(r.nor)->commands[SFP1_OP_SECURE_WRITE];
                    CHECK_EQ(
                        sf_api_read_strided(&r.dev, clients[c], offset, stride, count, got, len),
                        SF_OK);
                    frames = nor_model_stats(r.nor)->commands[SFP1_OP_SECURE_WRITE] - frames;
                    CHECK_EQ(frames, strided_frames(&r, count, len));
                    for (uint32_t i = 0; i < count; i++) {
                        CHECK_MEM_EQ(&got[i * len], &data[offset + i * stride], len);
                    }
                    layouts++;
                }
            }
        }
    }
    CHECK(layouts > 150u);
    sf_rig_close(&r);
}

/* A strided read that leaves the zone anywhere reads nothing: the API
 * refuses it before the bus, and the part refuses what a host might send
 * past the API (another zone, runs that wrap the address space). */
static void test_strided_reads_stay_in_the_zone(void)
{
    struct sf_rig r;
    uint8_t buf[64];
    CHECK_EQ(open_provisioned(&r), SF_OK);
    memset(buf, 0xA5, sizeof(buf));
    /* Zone 0 is 1 MiB: the last of four runs would end 8 bytes past it. */
    CHECK_EQ(sf_api_read_strided(&r.dev, NS_CLIENT, 0xFCFF8u, 0x1000u, 4u, buf, 16u),
             SF_ERR_DENIED);
    CHECK_EQ(sf_api_read_strided(&r.dev, NS_CLIENT, 0u, 0x80000000u, 3u, buf, 16u), SF_ERR_DENIED);
    CHECK_EQ(sf_api_read_strided(&r.dev, NS_CLIENT, 0u, 8u, 4u, buf, 16u), SF_ERR_PARAM);
    CHECK_EQ(sf_api_read_strided(&r.dev, NS_CLIENT, 0u, 16u, 4u, NULL, 16u), SF_ERR_PARAM);
    CHECK_EQ(sf_api_read_strided(&r.dev, 12345, 0u, 16u, 4u, buf, 16u), SF_ERR_NO_BINDING);
    for (size_t i = 0; i < sizeof(buf); i++) {
        CHECK_EQ(buf[i], 0xA5);
    }
    CHECK_EQ(sf_api_read_strided(&r.dev, NS_CLIENT, 0u, 16u, 0u, buf, 16u), SF_OK);
    /* Below the API, with the zone check left to the part: a session on
     * zone 0 reaching into zone 1, from the first run or the last, and
     * runs whose last address would wrap to 0 (refused by the common layer
     * too: no zone lies past 4 GiB). Run by run, the last is read first. */
    CHECK_EQ(sf_device_read_strided(&r.dev, 0, 0x100000u, 0x1000u, 2u, buf, 16u), SF_ERR_DENIED);
    CHECK_EQ(sf_device_read_strided(&r.dev, 0, 0xFF000u, 0x1000u, 2u, buf, 16u), SF_ERR_DENIED);
    CHECK_EQ(sf_device_read_strided(&r.dev, 0, 0xFFFFF000u, 0x1000u, 2u, buf, 16u), SF_ERR_DENIED);
    for (size_t i = 0; i < sizeof(buf); i++) {
        CHECK_EQ(buf[i], 0xA5);
    }
    sf_rig_close(&r);
}

/* Each bit of a strided read's answer flipped on the bus: never wrong
 * data; the flip is caught and the read repeated on a new session. */
static void test_every_bit_flip_of_a_strided_answer_is_detected(void)
{
    static uint8_t data[STRIDED_SPAN];
    uint8_t got[3 * 16];
    struct sf_rig r;
    CHECK_EQ(open_provisioned(&r), SF_OK);
    program_pattern(&r, NS_CLIENT, data);
    /* The first answer: all three runs, or the first run read on its own. */
    size_t answer = strided_frames(&r, 3u, 16u) == 1u ? sizeof(got) : 16u;
    size_t bits = 8u * (SFP1_HEADER_LEN + answer + SFP1_TAG_LEN);
    for (size_t bit = 0; bit < bits; bit++) {
        CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0, got, 1), SF_OK); /* session up */
        uint32_t failures = r.dev.stats.comm_failures;
        struct tamper *t = tamper_on(&r);
        t->flip_frame = 1;
        t->flip_bit = bit;
        memset(got, 0, sizeof(got));
        int rc = sf_api_read_strided(&r.dev, NS_CLIENT, 0x40u, 0x1000u, 3u, got, 16u);
        model_spi_set_tap(&r.bus, NULL, NULL);
        CHECK(t->flipped);
        CHECK_EQ(rc, SF_OK);
        CHECK(r.dev.stats.comm_failures > failures);
        for (uint32_t i = 0; i < 3u; i++) {
            CHECK_MEM_EQ(&got[i * 16u], &data[0x40u + i * 0x1000u], 16u);
        }
        nor_model_power_cycle(r.nor);
        sf_device_drop_sessions(&r.dev);
    }
    sf_rig_close(&r);
}

static void test_bad_arguments(void)
{
    struct sf_rig r;
    uint8_t buf[8];
    size_t n;
    CHECK_EQ(open_provisioned(&r), SF_OK);
    CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0, NULL, 8), SF_ERR_PARAM);
    CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0, NULL, 8), SF_ERR_PARAM);
    CHECK_EQ(sf_api_puf(&r.dev, NS_CLIENT, buf, 0, buf, sizeof(buf), &n), SF_ERR_PARAM);
    CHECK_EQ(sf_api_provision(&r.dev, buf, 3), SF_ERR_PARAM);
    CHECK_EQ(sf_api_read(NULL, NS_CLIENT, 0, buf, 8), SF_ERR_PARAM);
    CHECK_EQ(sf_device_init(NULL, NULL, 0, 0), SF_ERR_PARAM);
    CHECK(sf_strerror(SF_ERR_COMM)[0] != '\0');
    sf_rig_close(&r);
}

/* The wipe every secret and asset buffer gets: exactly its bytes, all zero. */
static void test_zeroize_wipes_exactly_the_buffer(void)
{
    uint8_t buf[40];
    for (size_t len = 0; len <= 32; len += 7) {
        memset(buf, 0xA5, sizeof(buf));
        sf_crypto_zeroize(&buf[3], len);
        for (size_t i = 0; i < sizeof(buf); i++) {
            CHECK_EQ(buf[i], i >= 3 && i < 3 + len ? 0 : 0xA5);
        }
    }
    sf_crypto_zeroize(NULL, 16); /* nothing to wipe: no fault */
}

/* The constant-time compare of tags: any one differing byte, anywhere. */
static void test_equal_finds_every_difference(void)
{
    uint8_t a[28];
    uint8_t b[28];
    for (size_t i = 0; i < sizeof(a); i++) {
        a[i] = (uint8_t)(i * 37u);
    }
    memcpy(b, a, sizeof(b));
    CHECK(sf_crypto_equal(a, b, sizeof(a)));
    CHECK(sf_crypto_equal(a, b, 0));
    for (size_t i = 0; i < sizeof(a); i++) {
        for (unsigned bit = 0; bit < 8u; bit++) {
            b[i] ^= (uint8_t)(1u << bit);
            CHECK(!sf_crypto_equal(a, b, sizeof(a)));
            b[i] ^= (uint8_t)(1u << bit);
        }
    }
}

static const struct test_case cases[] = {
    TEST_CASE(test_sniffer_sees_no_plaintext_and_no_key),
    TEST_CASE(test_every_bit_flip_of_a_command_is_refused),
    TEST_CASE(test_every_bit_flip_of_a_response_is_detected),
    TEST_CASE(test_bit_flips_in_a_program_frame_change_nothing),
    TEST_CASE(test_every_bit_flip_of_session_setup_is_harmless),
    TEST_CASE(test_authentication_flash_authenticates_everything),
    TEST_CASE(test_replay_within_a_session_is_refused),
    TEST_CASE(test_replay_across_a_reset_is_refused),
    TEST_CASE(test_dropped_command_is_detected_and_recovered),
    TEST_CASE(test_stale_response_is_detected),
    TEST_CASE(test_host_without_the_key_gets_nothing),
    TEST_CASE(test_zone_isolation),
    TEST_CASE(test_repeated_failures_lock_the_part_out),
    TEST_CASE(test_round_trip_keeps_nor_semantics),
    TEST_CASE(test_counters_strictly_monotonic_and_persistent),
    TEST_CASE(test_puf_unique_per_device),
    TEST_CASE(test_trng_spread),
    TEST_CASE(test_provisioning_refused_after_lock),
    TEST_CASE(test_sessions_reopen_after_reset_and_expiry),
    TEST_CASE(test_two_devices_at_once),
    TEST_CASE(test_strided_reads_match_run_by_run_reads),
    TEST_CASE(test_strided_reads_stay_in_the_zone),
    TEST_CASE(test_every_bit_flip_of_a_strided_answer_is_detected),
    TEST_CASE(test_bad_arguments),
    TEST_CASE(test_zeroize_wipes_exactly_the_buffer),
    TEST_CASE(test_equal_finds_every_difference),
};

TEST_MAIN("secure_channel", cases)
