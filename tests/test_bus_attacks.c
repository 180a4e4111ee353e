/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Attacks on the bus, one per finding of the attack review (issue 13 and
 * docs/threat-model.md): each answer the host reads in clear is an answer
 * the attacker chose. Every test here failed on the host that believed
 * GET_INFO's lifecycle, SFDP's features or a failed provisioning's
 * description, and passes on the host that only believes what its own
 * record, the maker's signature or a session says.
 */
#include <string.h>

#include "bus_liar.h"
#include "devmodel/rpmc_model.h"
#include "devmodel/sf_model.h"
#include "devmodel/sf_model_testing.h"
#include "etss_host.h"
#include "etss_service.h"
#include "etss_suite_env.h"
#include "nor_flash.h"
#include "rpmc_protocol.h"
#include "etss_bytes.h"
#include "sf_rig.h"
#include "sfdp.h"
#include "sfp1_protocol.h"
#include "spi_nor_defs.h"
#include "test_harness.h"

#define NS_CLIENT (-1)
#define UNBOUND_CLIENT (-9)
#define N_ZONES 3u

static uint8_t capture[1u << 20];

/* The root keys in force on the part, as this host derives them. */
static void zone_keys(const struct sf_rig *r, uint8_t keys[N_ZONES][32])
{
    for (uint8_t z = 0; z < N_ZONES; z++) {
        CHECK_EQ(sf_device_root_key_bytes(&r->dev, z, r->dev.part.salt, keys[z]), SF_OK);
    }
}

static void no_key_on_the_wire(const struct bus_liar *l, uint8_t keys[N_ZONES][32])
{
    for (uint8_t z = 0; z < N_ZONES; z++) {
        CHECK(!bus_liar_saw(l, keys[z], 32, 8));
    }
}

static void provisioned_rig(struct sf_rig *r)
{
    CHECK_EQ(sf_rig_open(r, NULL, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(r, sf_rig_default_config), SF_OK);
}

/* Critical: a GET_INFO rewritten to say BLANK, on a provisioned or a
 * locked part, after a reboot; a secure client then provisions. The host's
 * own record says the part holds its keys: tampering, and nothing is sent. */
static void test_a_forged_blank_lifecycle_gets_no_root_key(void)
{
    for (int locked = 0; locked < 2; locked++) {
        struct sf_rig r;
        struct bus_liar l;
        uint8_t keys[N_ZONES][32];
        uint32_t v = 0;
        provisioned_rig(&r);
        if (locked) {
            CHECK_EQ(sf_api_lock(&r.dev), SF_OK);
        }
        zone_keys(&r, keys);
        bus_liar_attach(&l, &r.bus, capture, sizeof(capture));
        bus_liar_rewrite(&l,
                         (struct liar_site){SFP1_OP_SECURE_READ,
                                            SFP1_CMD_GET_INFO | SFP1_RESPONSE_BIT, SFP1_HEADER_LEN},
                         0u, SFP1_LIFECYCLE_BLANK);
        nor_model_power_cycle(r.nor);
        CHECK_EQ(sf_rig_attach(&r, 1), SF_ERR_TAMPER);
        CHECK(l.rewrites > 0u);
        CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_ERR_TAMPER);
        CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_ERR_TAMPER);
        no_key_on_the_wire(&l, keys);
        /* The part itself was never touched: a clean boot finds it as it was. */
        model_spi_set_tap(&r.bus, NULL, NULL);
        CHECK_EQ(sf_rig_attach(&r, 1), SF_OK);
        CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
        CHECK_EQ(r.dev.info.lifecycle, locked ? SF_LIFECYCLE_LOCKED : SF_LIFECYCLE_PROVISIONED);
        sf_crypto_zeroize(keys, sizeof(keys));
        sf_rig_close(&r);
    }
}

/* Critical: a blank part swapped in for the provisioned one is not
 * provisioned with anything (its identity is not the one the host's record
 * names), and a part whose maker the board does not trust, or whose
 * certificate was altered, is refused before any key exists for it. */
static void test_a_substituted_or_forged_part_gets_nothing(void)
{
    struct sf_rig r;
    struct bus_liar l;
    struct sf_model_config cfg;
    uint8_t keys[N_ZONES][32];
    provisioned_rig(&r);
    zone_keys(&r, keys);
    sf_model_default_config(&cfg);
    cfg.device_seed = 2; /* another die */
    bus_liar_attach(&l, &r.bus, capture, sizeof(capture));
    CHECK_EQ(sf_rig_restart(&r, &cfg, 1), SF_ERR_TAMPER);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_ERR_TAMPER);
    no_key_on_the_wire(&l, keys);
    CHECK_EQ(nor_model_stats(r.nor)->nv_writes, 0u); /* still blank */
    sf_rig_close(&r);

    /* An impostor: a part made and signed by someone else. */
    sf_model_default_config(&cfg);
    cfg.maker_seed = 9;
    CHECK_EQ(sf_rig_open(&r, &cfg, 1), SF_ERR_TAMPER);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_ERR_TAMPER);
    CHECK_EQ(nor_model_stats(r.nor)->nv_writes, 0u);
    sf_rig_close(&r);

    /* A genuine certificate with one bit of its public key changed (an
     * attacker's key in a genuine part's place). */
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
    bus_liar_attach(&l, &r.bus, capture, sizeof(capture));
    bus_liar_rewrite(&l,
                     (struct liar_site){SFP1_OP_SECURE_READ, SFP1_CMD_GET_CERT | SFP1_RESPONSE_BIT,
                                        SFP1_HEADER_LEN + SFP1_CERT_OFF_KEY + 20u},
                     0xFFu, 0x10u);
    CHECK_EQ(sf_rig_attach(&r, 1), SF_ERR_TAMPER);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_ERR_TAMPER);
    CHECK_EQ(nor_model_stats(r.nor)->nv_writes, 0u);
    sf_crypto_zeroize(keys, sizeof(keys));
    sf_rig_close(&r);
}

/* Critical: a sniffer on the first provisioning and on a provisioning
 * again sees no root key, old or new, and no session key material to
 * derive one from. */
static void test_provisioning_shows_no_key(void)
{
    struct sf_rig r;
    struct bus_liar l;
    uint8_t first[N_ZONES][32];
    uint8_t again[N_ZONES][32];
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
    bus_liar_attach(&l, &r.bus, capture, sizeof(capture));
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
    zone_keys(&r, first);
    CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
    zone_keys(&r, again);
    CHECK(l.captured > 1000u);
    no_key_on_the_wire(&l, first);
    no_key_on_the_wire(&l, again);
    /* Each provisioning draws a fresh salt: the keys change. */
    CHECK(memcmp(first, again, sizeof(first)) != 0);
    sf_crypto_zeroize(first, sizeof(first));
    sf_crypto_zeroize(again, sizeof(again));
    sf_rig_close(&r);
}

/* Keys are bound to the part: the same host, HUK and description give
 * another part other keys, so one part's keys open nothing on another. */
static void test_root_keys_are_bound_to_the_part(void)
{
    struct sf_rig a;
    struct sf_rig b;
    struct sf_model_config cfg;
    uint8_t ka[N_ZONES][32];
    uint8_t kb[N_ZONES][32];
    provisioned_rig(&a);
    sf_model_default_config(&cfg);
    cfg.device_seed = 2;
    CHECK_EQ(sf_rig_open(&b, &cfg, 1), SF_OK);
    CHECK_EQ(sf_rig_provision(&b, sf_rig_default_config), SF_OK);
    zone_keys(&a, ka);
    zone_keys(&b, kb);
    for (uint8_t z = 0; z < N_ZONES; z++) {
        CHECK(memcmp(ka[z], kb[z], 32) != 0);
    }
    sf_crypto_zeroize(ka, sizeof(ka));
    sf_crypto_zeroize(kb, sizeof(kb));
    sf_rig_close(&a);
    sf_rig_close(&b);
}

/* The part's GET_INFO payload with one more binding: client UNBOUND_CLIENT
 * on zone 0 and counter 0, as a whole plain response frame. */
static size_t forged_info(struct sf_rig *r, uint8_t *frame, size_t size)
{
    uint8_t f[SFP1_HEADER_LEN];
    sf_rig_frame_header(f, SFP1_CMD_GET_INFO, 0, 0);
    if (sf_rig_wire_exchange(r, f, sizeof(f), frame, size) != SFP1_OK) {
        return 0u; /* no answer to forge from: the substitution then fails the test */
    }
    size_t n = etss_get_le16(&frame[SFP1_OFF_LENGTH]);
    uint8_t *b = &frame[SFP1_HEADER_LEN + n];
    etss_put_le32(b, (uint32_t)UNBOUND_CLIENT);
    b[4] = 0u;
    b[5] = 0u;
    b[6] = 0u;
    b[7] = 0u;
    frame[SFP1_HEADER_LEN + 2u]++; /* number of bindings */
    etss_put_le16(&frame[SFP1_OFF_LENGTH], (uint16_t)(n + SFP1_INFO_BINDING_LEN));
    return SFP1_HEADER_LEN + n + SFP1_INFO_BINDING_LEN;
}

/* High: both tries of a REPROVISION corrupted on the wire, then a forged
 * GET_INFO with one more binding. The failed provisioning leaves the host
 * asking the part again in a session, where the lie shows: tampering, and
 * nobody is served until the host starts over; then the unbound client is
 * still unbound. */
static void test_a_failed_provisioning_does_not_make_get_info_authentic(void)
{
    static uint8_t frame[SFP1_MAX_FRAME];
    struct sf_rig r;
    struct bus_liar l;
    struct sf_binding b;
    uint32_t v = 0;
    provisioned_rig(&r);
    size_t len = forged_info(&r, frame, sizeof(frame));
    CHECK(len > SFP1_HEADER_LEN);
    bus_liar_attach(&l, &r.bus, capture, sizeof(capture));
    l.corrupt_type = SFP1_CMD_REPROVISION;
    l.corrupt_count = 2;
    l.substitute_type = SFP1_CMD_GET_INFO;
    l.substitute = frame;
    l.substitute_len = len;
    l.substitute_count = 1;
    CHECK(sf_rig_provision(&r, sf_rig_default_config) != SF_OK);
    CHECK_EQ(l.corrupt_count, 0u);
    CHECK_EQ(l.substitute_count, 0u);
    CHECK_EQ(sf_api_binding(&r.dev, UNBOUND_CLIENT, &b), SF_ERR_TAMPER);
    CHECK_EQ(sf_api_counter_read(&r.dev, UNBOUND_CLIENT, &v), SF_ERR_TAMPER);
    CHECK(!r.dev.info_authentic);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_ERR_TAMPER);
    /* Started over on a clean bus: the part as it was. */
    model_spi_set_tap(&r.bus, NULL, NULL);
    CHECK_EQ(sf_rig_attach(&r, 1), SF_OK);
    CHECK_EQ(sf_api_binding(&r.dev, UNBOUND_CLIENT, &b), SF_ERR_NO_BINDING);
    CHECK_EQ(r.dev.info.n_bindings, 4u);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    sf_rig_close(&r);
}

/* A GET_INFO that says something else than the part says in a session
 * (zone 1's reads "encrypted") is a bus that lies: refused, and the lie
 * never becomes what the host believes. */
static void test_a_get_info_that_disagrees_with_the_session_is_tampering(void)
{
    struct sf_rig r;
    struct bus_liar l;
    uint32_t v = 0;
    provisioned_rig(&r);
    bus_liar_attach(&l, &r.bus, capture, sizeof(capture));
    bus_liar_rewrite(
        &l,
        (struct liar_site){SFP1_OP_SECURE_READ, SFP1_CMD_GET_INFO | SFP1_RESPONSE_BIT,
                           SFP1_HEADER_LEN + SFP1_INFO_HEADER_LEN + SFP1_INFO_ZONE_LEN + 8u},
        0xFFu, SFP1_READ_AUTHENTICATED ^ SFP1_READ_ENCRYPTED);
    nor_model_power_cycle(r.nor);
    CHECK_EQ(sf_rig_attach(&r, 1), SF_ERR_TAMPER);
    CHECK(l.rewrites > 0u);
    CHECK(!r.dev.info_authentic);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_ERR_TAMPER);
    model_spi_set_tap(&r.bus, NULL, NULL);
    CHECK_EQ(sf_rig_attach(&r, 1), SF_OK);
    CHECK_EQ(r.dev.info.zones[1].read_policy, SFP1_READ_AUTHENTICATED);
    sf_rig_close(&r);
}

/* Where bits 31:24 of the SFP1 table's DWORD `dword` (counted from 1) sit
 * in SFDP space. */
static uint32_t sfp1_sfdp_top_byte(struct sf_rig *r, uint32_t dword)
{
    struct sfdp_table_ref ref;
    if (etss_sfdp_find_table(r->dev.spi, SFP1_SFDP_ID, &ref) != SF_OK) {
        return UINT32_MAX; /* the rewrite then never happens: the test fails */
    }
    return ref.address + 4u * (dword - 1u) + 3u;
}

#define SFDP_FEATURES_DWORD 2u   /* bits 31:24: the feature flags */
#define SFDP_FRAME_SIZE_DWORD 3u /* bits 31:24: the frame payload, in 16-byte units */

/* Medium: SFDP rewritten to hide confidentiality (a full secure flash
 * posing as an authentication flash), or to claim it on a part without
 * it. The certified device class disagrees: refused, nothing sent. */
static void test_sfdp_features_are_checked_against_the_certificate(void)
{
    for (int claim = 0; claim < 2; claim++) {
        struct sf_rig r;
        struct bus_liar l;
        struct sf_model_config cfg;
        sf_model_default_config(&cfg);
        if (claim) {
            cfg.features &= (uint8_t)~SFP1_FEATURE_CONFIDENTIALITY;
        }
        CHECK_EQ(sf_rig_open(&r, &cfg, 1), SF_OK);
        uint32_t at = sfp1_sfdp_top_byte(&r, SFDP_FEATURES_DWORD);
        bus_liar_attach(&l, &r.bus, capture, sizeof(capture));
        bus_liar_rewrite(&l, (struct liar_site){SPI_NOR_OP_RDSFDP, 0u, at}, 0xFFu,
                         SFP1_FEATURE_CONFIDENTIALITY);
        CHECK_EQ(sf_rig_attach(&r, 1), SF_ERR_TAMPER);
        CHECK(l.rewrites > 0u);
        CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_ERR_TAMPER);
        CHECK_EQ(l.clear_programs, 0u);
        CHECK_EQ(nor_model_stats(r.nor)->nv_writes, 0u);
        sf_rig_close(&r);
    }
}

/* Low: SFDP's frame size (DWORD 3, bits 31:24, in 16-byte units) lowered
 * below the 2,064-byte payload a 2 KiB PROGRAM needs: the host refuses the
 * part rather than send frames it might cut. Raised, it changes nothing:
 * the host keeps to its own limits. */
static void test_sfdp_frame_size_below_the_hosts_is_refused(void)
{
    static const uint8_t announced[] = {SFP1_MAX_PAYLOAD / 16u - 1u, 1u, 0u, 0xFFu};
    for (size_t i = 0; i < sizeof(announced); i++) {
        struct sf_rig r;
        struct bus_liar l;
        CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
        uint32_t at = sfp1_sfdp_top_byte(&r, SFDP_FRAME_SIZE_DWORD);
        bus_liar_attach(&l, &r.bus, capture, sizeof(capture));
        bus_liar_rewrite(&l, (struct liar_site){SPI_NOR_OP_RDSFDP, 0u, at}, 0x00u, announced[i]);
        bool bigger = announced[i] * 16u >= SFP1_MAX_PAYLOAD;
        CHECK_EQ(sf_rig_attach(&r, 1), bigger ? SF_OK : SF_ERR_NO_DEVICE);
        CHECK(l.rewrites > 0u);
        if (bigger) {
            CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
        } else {
            CHECK_EQ(nor_model_stats(r.nor)->nv_writes, 0u);
        }
        sf_rig_close(&r);
    }
}

/* Low: SFDP's protocol version is in clear. Lowered from 3 to 2, it
 * hides READ_STRIDED: the host reads run by run, one frame a run, and
 * gets the same bytes. Raised from 2 to 3 on a part without the command,
 * the part answers it UNSUPPORTED (authenticated) and the host reads run
 * by run after that one frame. A version the host does not know is not a
 * part it speaks to. */
static void test_a_forged_sfdp_version_only_slows_strided_reads(void)
{
    static const struct {
        uint8_t part;   /* what the part speaks */
        uint8_t forged; /* what the bus says it does */
        uint64_t frames;
    } parts[] = {{3u, 2u, 3u}, {3u, 3u, 1u}, {2u, 3u, 4u},
                 {2u, 2u, 3u}, {3u, 4u, 0u}, {2u, 1u, 0u}};
    static uint8_t data[3 * 4096];
    uint8_t got[3 * 132];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i * 13u + 1u);
    }
    for (size_t v = 0; v < sizeof(parts) / sizeof(parts[0]); v++) {
        struct sf_rig r;
        struct bus_liar l;
        struct sf_model_config cfg;
        sf_model_default_config(&cfg);
        cfg.protocol_version = parts[v].part;
        CHECK_EQ(sf_rig_open(&r, &cfg, 1), SF_OK);
        CHECK_EQ(sf_rig_provision(&r, sf_rig_default_config), SF_OK);
        CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0u, data, sizeof(data)), SF_OK);
        uint32_t at = sfp1_sfdp_top_byte(&r, SFDP_FEATURES_DWORD) - 3u;
        bus_liar_attach(&l, &r.bus, capture, sizeof(capture));
        bus_liar_rewrite(&l, (struct liar_site){SPI_NOR_OP_RDSFDP, 0u, at}, 0x00u, parts[v].forged);
        bool known = parts[v].frames != 0u;
        CHECK_EQ(sf_rig_attach(&r, 1), known ? SF_OK : SF_ERR_NO_DEVICE);
        CHECK(l.rewrites > 0u);
        if (known) {
            CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0u, got, 1u), SF_OK); /* session up */
            uint64_t frames = nor_model_stats(r.nor)->commands[SFP1_OP_SECURE_WRITE];
            uint32_t failures = r.dev.stats.comm_failures;
            CHECK_EQ(sf_api_read_strided(&r.dev, NS_CLIENT, 0u, 4096u, 3u, got, 132u), SF_OK);
            frames = nor_model_stats(r.nor)->commands[SFP1_OP_SECURE_WRITE] - frames;
            /* Through a binding without strided reads (the JESD261
             * HAL's), run by run whatever SFDP says. */
            CHECK_EQ(frames, r.dev.vendor->read_strided != NULL ? parts[v].frames : 3u);
            CHECK_EQ(r.dev.stats.comm_failures, failures);
            for (uint32_t k = 0; k < 3u; k++) {
                CHECK(memcmp(&got[k * 132u], &data[k * 4096u], 132u) == 0);
            }
        }
        sf_rig_close(&r);
    }
}

/* Low: the typical times a wait sleeps before its first poll come from
 * SFDP, in clear. Raised, they make a frame sleep longer than the part
 * takes (a page program 2,048 us; a 4 KiB erase 30 s, cut to the frame's
 * 2 s timeout, as a WIP held busy would be; a frame 255 us); the data
 * arrives whole and nothing else changes. */
static void test_forged_sfdp_times_only_slow_the_waits(void)
{
    static uint8_t data[1024];
    static uint8_t back[1024];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i * 7u + 3u);
    }
    for (int forged = 0; forged < 3; forged++) {
        struct sf_rig r;
        struct bus_liar l;
        struct sfdp_table_ref bfpt;
        provisioned_rig(&r);
        CHECK_EQ(etss_sfdp_find_table(r.dev.spi, 0xFF00u, &bfpt), SF_OK);
        bus_liar_attach(&l, &r.bus, capture, sizeof(capture));
        if (forged == 0) {
            /* DWORD 11 bits 13:8: 32 units of 64 us. */
            uint32_t at = bfpt.address + 4u * 10u + 1u;
            bus_liar_rewrite(&l, (struct liar_site){SPI_NOR_OP_RDSFDP, 0u, at}, 0xC0u, 0x3Fu);
        } else if (forged == 1) {
            /* DWORD 10 bits 10:9, the first (4 KiB) erase type's unit:
             * seconds where the part says milliseconds. */
            uint32_t at = bfpt.address + 4u * 9u + 1u;
            bus_liar_rewrite(&l, (struct liar_site){SPI_NOR_OP_RDSFDP, 0u, at}, 0xF8u, 0x07u);
        } else {
            /* The SFP1 table's frame time (DWORD 4 bits 23:16): 255 us. */
            uint32_t at = sfp1_sfdp_top_byte(&r, 4u) - 1u;
            bus_liar_rewrite(&l, (struct liar_site){SPI_NOR_OP_RDSFDP, 0u, at}, 0x00u, 0xFFu);
        }
        CHECK_EQ(sf_rig_attach(&r, 1), SF_OK);
        CHECK(l.rewrites > 0u);
        uint64_t before = nor_model_stats(r.nor)->device_time_ns;
        if (forged == 0) {
            CHECK_EQ(r.dev.nor.geo.page_program_typ_us, 2048u);
            CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0x2000u, data, sizeof(data)), SF_OK);
            uint64_t took_us = (nor_model_stats(r.nor)->device_time_ns - before) / 1000u;
            CHECK(took_us >= 4u * 2048u && took_us <= 4u * 2048u + 2000u); /* four pages */
        } else if (forged == 1) {
            CHECK_EQ(r.dev.nor.geo.erase[0].typ_time_us, 30000000u); /* 30 s, not 30 ms */
            CHECK_EQ(sf_api_erase(&r.dev, NS_CLIENT, 0x2000u), SF_OK);
            uint64_t took_us = (nor_model_stats(r.nor)->device_time_ns - before) / 1000u;
            CHECK(took_us >= 2000000u && took_us <= 2000000u + 40000u);
            CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0x2000u, data, sizeof(data)), SF_OK);
        } else {
            CHECK_EQ(sf_api_program(&r.dev, NS_CLIENT, 0x2000u, data, sizeof(data)), SF_OK);
            before = nor_model_stats(r.nor)->device_time_ns;
            CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0x2000u, back, 16u), SF_OK);
            uint64_t took_us = (nor_model_stats(r.nor)->device_time_ns - before) / 1000u;
            CHECK(took_us >= 255u && took_us <= 255u + 100u); /* one frame */
        }
        CHECK_EQ(sf_api_read(&r.dev, NS_CLIENT, 0x2000u, back, sizeof(back)), SF_OK);
        CHECK(memcmp(back, data, sizeof(data)) == 0);
        sf_rig_close(&r);
    }
}

/* Low: unauthenticated OPENs by the thousand cost the part one NV write
 * per 64 (its session counter is committed a range at a time), never give
 * a session counter value twice across power cycles, and leave the host
 * working. */
static void test_unauthenticated_opens_cost_a_bounded_nv_wear(void)
{
    struct sf_rig r;
    struct sf_model_view view;
    uint32_t v = 0;
    provisioned_rig(&r);
    uint64_t nv_before = nor_model_stats(r.nor)->nv_writes;
    uint32_t last = 0;
    for (unsigned i = 0; i < 1000u; i++) {
        uint8_t f[SFP1_HEADER_LEN + 1u + SFP1_NONCE_BYTES] = {0};
        uint8_t rsp[SFP1_HEADER_LEN + SFP1_OPEN_RESPONSE_LEN];
        sf_rig_frame_header(f, SFP1_CMD_OPEN, 0, 1u + SFP1_NONCE_BYTES);
        f[SFP1_HEADER_LEN + 1u] = (uint8_t)i;
        f[SFP1_HEADER_LEN + 2u] = (uint8_t)(i >> 8);
        CHECK_EQ(sf_rig_wire_exchange(&r, f, sizeof(f), rsp, sizeof(rsp)), SFP1_OK);
        uint32_t c = etss_get_le32(&rsp[SFP1_HEADER_LEN + 1u]);
        CHECK(c > last);
        last = c;
        if (i == 500u) {
            nor_model_power_cycle(r.nor);
        }
    }
    uint64_t nv = nor_model_stats(r.nor)->nv_writes - nv_before;
    CHECK(nv <= 1000u / 64u + 2u);
    sf_model_view(r.model, &view);
    CHECK_EQ(view.session_counter, last);
    sf_device_drop_sessions(&r.dev);
    CHECK_EQ(sf_api_counter_read(&r.dev, NS_CLIENT, &v), SF_OK);
    sf_rig_close(&r);
}

/* ---- through the service: its choices of where assets go, RPMC parts ---- */

#define PROVISIONER 300
#define SECURE_CLIENT 256

static const uint8_t service_huk[32] = "ETSS bus attack HUK (develop).";

/* The layout the example description had: a secure partition's zone with
 * authenticated (clear) reads beside a non-secure client's encrypted one. */
static const char mixed_zones[] = "lockout_threshold = 255\n"
                                  "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                  "read = encrypted\nwrite = authenticated\n"
                                  "[zone 1]\nbase = 0x10000\nsize = 0x10000\n"
                                  "read = authenticated\nwrite = authenticated\n"
                                  "[binding]\nclient = -1\nzone = 0\ncounter = 0\n"
                                  "[binding]\nclient = 256\nzone = 1\ncounter = 1\n";

static void service_provision(const char *description)
{
    uint8_t msg[512];
    size_t len = 0;
    CHECK_EQ(etss_suite_provisioning_message(description, msg, sizeof(msg), &len), 0);
    CHECK_EQ(etss_service_provision(PROVISIONER, msg, len), ETSS_SUCCESS);
}

/* High: a confidential asset is refused where reads come back in clear;
 * where they come back sealed, no byte of it crosses the bus in clear,
 * through writes, reclaims and the mount after a reboot. */
static void test_confidential_assets_only_where_reads_are_encrypted(void)
{
    static uint8_t secret[600];
    static uint8_t got[600];
    struct model_spi bus;
    struct bus_liar l;
    struct sf_model_config cfg;
    size_t n = 0;
    sf_model_default_config(&cfg);
    cfg.nor.size_bytes = 1u << 20;
    sf_model_t *m = sf_model_create(&cfg, NULL);
    CHECK(m != NULL);
    etss_host_set_spi(0, model_spi_bind(&bus, sf_model_nor(m)));
    bus_liar_attach(&l, &bus, capture, sizeof(capture));
    CHECK_EQ(etss_suite_host_up(service_huk, sizeof(service_huk)), 0);
    CHECK_EQ(etss_service_init(), ETSS_ERR_SF_UNPROVISIONED);
    service_provision(mixed_zones);
    CHECK_EQ(etss_service_set(SECURE_CLIENT, 1, "secret", 6, 0), ETSS_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_service_set(SECURE_CLIENT, 1, "public", 6, PSA_STORAGE_FLAG_NO_CONFIDENTIALITY),
             ETSS_SUCCESS);
    /* Enough rewrites of two assets to make the zone reclaim. */
    for (uint32_t round = 0; round < 200u; round++) {
        for (size_t i = 0; i < sizeof(secret); i++) {
            secret[i] = (uint8_t)("confidential!"[i % 13] ^ (uint8_t)(i / 13) ^ (uint8_t)round);
        }
        CHECK_EQ(etss_service_set(NS_CLIENT, 1 + round % 2u, secret, sizeof(secret), 0),
                 ETSS_SUCCESS);
    }
    nor_model_power_cycle(sf_model_nor(m));
    CHECK_EQ(etss_service_init(), ETSS_SUCCESS);
    CHECK_EQ(etss_service_get(NS_CLIENT, 2, 0, got, sizeof(got), &n), ETSS_SUCCESS);
    CHECK_EQ(n, sizeof(secret));
    CHECK_MEM_EQ(got, secret, sizeof(secret));
    CHECK(nor_model_stats(sf_model_nor(m))->sectors_erased > 0u); /* it did reclaim */
    CHECK(!bus_liar_saw(&l, secret, sizeof(secret), 8));
    CHECK_EQ(l.clear_programs, 0u);
    etss_host_set_spi(0, NULL);
    sf_model_destroy(m);
}

static const struct sf_binding rpmc_client[] = {{.client_id = NS_CLIENT, .counter = 1}};

static rpmc_model_t *rpmc_part(struct model_spi *bus)
{
    struct rpmc_model_config cfg;
    rpmc_model_default_config(&cfg);
    cfg.nor.size_bytes = 1u << 20;
    rpmc_model_t *p = rpmc_model_create(&cfg, NULL);
    if (p != NULL) {
        etss_host_set_spi(0, model_spi_bind(bus, rpmc_model_nor(p)));
        etss_host_set_counter_bindings(0, rpmc_client, 1);
    }
    return p;
}

static uint32_t counter_of(etss_err_t *err)
{
    uint8_t b[4] = {0};
    size_t n = 0;
    *err = etss_service_mc_get(NS_CLIENT, 1, b, sizeof(b), &n);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* High: an RPMC that says "no root key" (a forged status bit) after this
 * host provisioned it, and a blank RPMC swapped in for it: tampering. No
 * root key is written in clear again, and the counter never restarts. */
static void test_an_rpmc_cannot_be_made_blank_again(void)
{
    struct model_spi bus;
    struct bus_liar l;
    etss_err_t err = ETSS_SUCCESS;
    rpmc_model_t *p = rpmc_part(&bus);
    CHECK(p != NULL);
    CHECK_EQ(etss_suite_host_up(service_huk, sizeof(service_huk)), 0);
    CHECK_EQ(etss_service_init(), ETSS_ERR_SF_UNPROVISIONED);
    service_provision(mixed_zones);
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(etss_service_mc_increment(NS_CLIENT, 1), ETSS_SUCCESS);
    }
    for (int swap = 0; swap < 2; swap++) {
        bus_liar_attach(&l, &bus, capture, sizeof(capture));
        if (swap) {
            rpmc_model_destroy(p);
            p = rpmc_part(&bus); /* a blank part in the same place */
            CHECK(p != NULL);
            model_spi_set_tap(&bus, &bus_liar_tap, &l);
        } else {
            /* Every extended status says the root key is missing. */
            bus_liar_rewrite(&l, (struct liar_site){RPMC_OP2_DEFAULT, 0u, RPMC_OP2_OFF_STATUS}, 0u,
                             RPMC_ST_ROOT_KEY);
        }
        l.watch_opcode = RPMC_OP1_DEFAULT;
        l.watch_byte = RPMC_CMD_WRITE_ROOT_KEY;
        nor_model_power_cycle(rpmc_model_nor(p));
        CHECK_EQ(etss_service_init(), ETSS_ERR_SF_TAMPER);
        uint8_t msg[512];
        size_t len = 0;
        CHECK_EQ(etss_suite_provisioning_message(mixed_zones, msg, sizeof(msg), &len), 0);
        CHECK(etss_service_provision(PROVISIONER, msg, len) != ETSS_SUCCESS);
        CHECK_EQ(etss_service_mc_increment(NS_CLIENT, 1), ETSS_ERR_SF_TAMPER);
        CHECK_EQ(l.watched, 0u);
        CHECK(swap || l.rewrites > 0u);
    }
    /* The genuine part (the first one, were it back) is not what is on the
     * bus now: the counter is never shown as 0. */
    CHECK(counter_of(&err) == 0u && err != ETSS_SUCCESS);
    etss_host_set_spi(0, NULL);
    etss_host_set_counter_bindings(0, NULL, 0);
    rpmc_model_destroy(p);
}

/* High: a counter answer below what the host has seen (a part rolled
 * back) is tampering, never a value. */
static void test_a_counter_below_its_floor_is_tampering(void)
{
    struct model_spi bus;
    struct sf_model_config cfg;
    etss_err_t err = ETSS_SUCCESS;
    sf_model_default_config(&cfg);
    cfg.nor.size_bytes = 1u << 20;
    sf_model_t *m = sf_model_create(&cfg, NULL);
    CHECK(m != NULL);
    etss_host_set_spi(0, model_spi_bind(&bus, sf_model_nor(m)));
    CHECK_EQ(etss_suite_host_up(service_huk, sizeof(service_huk)), 0);
    CHECK_EQ(etss_service_init(), ETSS_ERR_SF_UNPROVISIONED);
    service_provision(mixed_zones);
    for (int i = 0; i < 5; i++) {
        CHECK_EQ(etss_service_mc_increment(NS_CLIENT, 0), ETSS_SUCCESS);
    }
    sf_model_test_set_counter(m, 0, 2);
    uint8_t b[4];
    size_t n = 0;
    CHECK_EQ(etss_service_mc_get(NS_CLIENT, 0, b, sizeof(b), &n), ETSS_ERR_SF_TAMPER);
    /* Caught once, the service serves nothing until the next boot. */
    CHECK_EQ(etss_service_set(NS_CLIENT, 1, "after", 5, 0), ETSS_ERR_SF_TAMPER);
    CHECK_EQ(etss_service_get(NS_CLIENT, 1, 0, b, sizeof(b), &n), ETSS_ERR_SF_TAMPER);
    nor_model_power_cycle(sf_model_nor(m));
    CHECK_EQ(etss_service_init(), ETSS_SUCCESS);
    CHECK_EQ(etss_service_mc_increment(NS_CLIENT, 0), ETSS_ERR_SF_TAMPER); /* 3 < 5 */
    (void)err;
    etss_host_set_spi(0, NULL);
    sf_model_destroy(m);
}

/* The sniffer every "nothing on the wire" check relies on finds a secret
 * that does cross in clear, wherever its pieces fall, and nothing else. */
static void test_the_sniffer_sees_what_crosses_in_clear(void)
{
    struct nor_model_config cfg;
    enum nor_model_status st;
    struct model_spi bus;
    struct bus_liar l;
    struct nor_flash flash;
    uint8_t clear[100];
    uint8_t other[100];
    for (size_t i = 0; i < sizeof(clear); i++) {
        clear[i] = (uint8_t)(i * 37u + 11u);
        other[i] = (uint8_t)(i * 37u + 12u);
    }
    nor_model_default_config(&cfg);
    nor_model_t *nor = nor_model_create(&cfg, &st);
    CHECK(nor != NULL);
    CHECK_EQ(etss_nor_init(&flash, model_spi_bind(&bus, nor)), SF_OK);
    bus_liar_attach(&l, &bus, capture, sizeof(capture));
    CHECK_EQ(etss_nor_erase(&flash, 0x3000u, 4096u), SF_OK);
    CHECK_EQ(etss_nor_program(&flash, 0x30F3u, &clear[40], 17u), SF_OK); /* across a page */
    CHECK(bus_liar_saw(&l, clear, sizeof(clear), 8u));
    CHECK(!bus_liar_saw(&l, other, sizeof(other), 8u));
    CHECK(!bus_liar_saw(&l, clear, 40u, 8u)); /* the part before what was sent */
    l.captured = 0u;
    CHECK(!bus_liar_saw(&l, clear, sizeof(clear), 8u));
    nor_model_destroy(nor);
}

static const struct test_case cases[] = {
    TEST_CASE(test_the_sniffer_sees_what_crosses_in_clear),
    TEST_CASE(test_a_forged_blank_lifecycle_gets_no_root_key),
    TEST_CASE(test_a_substituted_or_forged_part_gets_nothing),
    TEST_CASE(test_provisioning_shows_no_key),
    TEST_CASE(test_root_keys_are_bound_to_the_part),
    TEST_CASE(test_a_failed_provisioning_does_not_make_get_info_authentic),
    TEST_CASE(test_sfdp_features_are_checked_against_the_certificate),
    TEST_CASE(test_sfdp_frame_size_below_the_hosts_is_refused),
    TEST_CASE(test_a_forged_sfdp_version_only_slows_strided_reads),
    TEST_CASE(test_forged_sfdp_times_only_slow_the_waits),
    TEST_CASE(test_a_get_info_that_disagrees_with_the_session_is_tampering),
    TEST_CASE(test_unauthenticated_opens_cost_a_bounded_nv_wear),
    TEST_CASE(test_confidential_assets_only_where_reads_are_encrypted),
    TEST_CASE(test_an_rpmc_cannot_be_made_blank_again),
    TEST_CASE(test_a_counter_below_its_floor_is_tampering),
};

int main(void)
{
    return test_run("bus_attacks", cases, sizeof(cases) / sizeof(cases[0]));
}
