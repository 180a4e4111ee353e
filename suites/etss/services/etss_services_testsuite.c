/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ETSS services tests (TFM_ETSS_TEST_4xxx): monotonic counters, PUF,
 * random numbers and provisioning on a provisioned part, as the clients of
 * the suite provisioning call them. Counter values are cross-checked with
 * the device model that serves them (the secure flash, or an RPMC part).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "devmodel/sf_model.h"
#include "etss/etss_api.h"
#include "etss_config.h"
#include "etss_suite_env.h"
#include "test_harness.h"

#define PUF_LEN 32u
#define COUNTER_LEN 4u
#define SENTINEL 0xA5u
#define RANDOM_MAX 4096u

/* Offsets in a provisioning message (docs/secure-flash-protocol.md,
 * "Provisioning record"): a 12-byte header, 44 bytes per zone, 8 per
 * binding. */
#define PROV_HEADER_LEN 12u
#define PROV_ZONE_LEN 44u
#define PROV_VERSION 4u
#define PROV_N_ZONES 5u
#define PROV_ZONE1_BASE (PROV_HEADER_LEN + PROV_ZONE_LEN)
#define PROV_BINDING0_ZONE (PROV_HEADER_LEN + 2u * PROV_ZONE_LEN + 4u)

#define NS_UID 0x4001u
#define S_UID 0x4002u
#define NS_DATA "non-secure asset, zone 0"
#define S_DATA "secure asset, zone 1"

/* `client`'s counter `id` through the API, which must agree with the part. */
static void read_counter(int32_t client, uint8_t id, uint32_t *value)
{
    uint8_t buf[COUNTER_LEN];
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_mc_get(id, buf, sizeof(buf)), ETSS_SUCCESS);
    *value =
        (uint32_t)buf[0] | (uint32_t)buf[1] << 8 | (uint32_t)buf[2] << 16 | (uint32_t)buf[3] << 24;
    CHECK_EQ(*value, etss_suite_counter(id));
}

static void read_all_counters(uint32_t values[ETSS_SUITE_CLIENTS])
{
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        CHECK_HELPER(read_counter(etss_suite_clients[i], etss_suite_counters[i], &values[i]));
    }
}

static void get_puf(int32_t client, uint8_t puf[PUF_LEN])
{
    uint32_t len = 0;
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_get_puf(puf, PUF_LEN, &len), ETSS_SUCCESS);
    CHECK_EQ(len, PUF_LEN);
}

/* One asset per zone, to see that provisioning calls leave them. */
static void set_assets(void)
{
    etss_suite_as(ETSS_NS_CLIENT);
    CHECK_EQ(tfm_etss_set(NS_UID, sizeof(NS_DATA), NS_DATA, PSA_STORAGE_FLAG_NONE), ETSS_SUCCESS);
    etss_suite_as(ETSS_S_CLIENT);
    CHECK_EQ(tfm_etss_set(S_UID, sizeof(S_DATA), S_DATA, PSA_STORAGE_FLAG_NONE), ETSS_SUCCESS);
}

static void check_asset(int32_t client, psa_storage_uid_t uid, const char *data, size_t len)
{
    uint8_t buf[64];
    size_t n = 0;
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_get(uid, 0, sizeof(buf), buf, &n), ETSS_SUCCESS);
    CHECK_EQ(n, len);
    CHECK_MEM_EQ(buf, data, len);
}

static void check_assets(void)
{
    CHECK_HELPER(check_asset(ETSS_NS_CLIENT, NS_UID, NS_DATA, sizeof(NS_DATA)));
    CHECK_HELPER(check_asset(ETSS_S_CLIENT, S_UID, S_DATA, sizeof(S_DATA)));
}

static void remove_assets(void)
{
    etss_suite_as(ETSS_NS_CLIENT);
    CHECK_EQ(tfm_etss_remove(NS_UID), ETSS_SUCCESS);
    etss_suite_as(ETSS_S_CLIENT);
    CHECK_EQ(tfm_etss_remove(S_UID), ETSS_SUCCESS);
}

/* After a test, whatever happened in it. */
static void clear_assets(void)
{
    etss_suite_as(ETSS_NS_CLIENT);
    (void)tfm_etss_remove(NS_UID);
    etss_suite_as(ETSS_S_CLIENT);
    (void)tfm_etss_remove(S_UID);
}

/* ---- monotonic counters ---- */

/* Increment and read the client's own counter */
static void TFM_ETSS_TEST_4001(void)
{
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        uint32_t start = 0;
        CHECK_HELPER(read_counter(etss_suite_clients[i], etss_suite_counters[i], &start));
        for (uint32_t step = 1; step <= 5u; step++) {
            uint32_t value = 0;
            etss_suite_as(etss_suite_clients[i]);
            CHECK_EQ(tfm_etss_mc_increment(etss_suite_counters[i]), ETSS_SUCCESS);
            CHECK_HELPER(read_counter(etss_suite_clients[i], etss_suite_counters[i], &value));
            CHECK_EQ(value, start + step);
        }
    }
}

/* Another client's counter, or one nobody is bound to */
static void TFM_ETSS_TEST_4002(void)
{
    static const uint8_t foreign_ids[] = {4, 7, 8, 255};
    uint32_t before[ETSS_SUITE_CLIENTS];
    uint32_t after[ETSS_SUITE_CLIENTS];
    uint8_t buf[COUNTER_LEN];
    CHECK_HELPER(read_all_counters(before));
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        etss_suite_as(etss_suite_clients[i]);
        for (size_t j = 0; j < ETSS_SUITE_CLIENTS; j++) {
            if (j == i) {
                continue;
            }
            CHECK_EQ(tfm_etss_mc_increment(etss_suite_counters[j]), ETSS_ERR_NOT_PERMITTED);
            memset(buf, SENTINEL, sizeof(buf));
            CHECK_EQ(tfm_etss_mc_get(etss_suite_counters[j], buf, sizeof(buf)),
                     ETSS_ERR_NOT_PERMITTED);
            CHECK(etss_suite_all_bytes_are(buf, sizeof(buf), SENTINEL));
        }
        for (size_t k = 0; k < sizeof(foreign_ids); k++) {
            CHECK_EQ(tfm_etss_mc_increment(foreign_ids[k]), ETSS_ERR_NOT_PERMITTED);
            CHECK_EQ(tfm_etss_mc_get(foreign_ids[k], buf, sizeof(buf)), ETSS_ERR_NOT_PERMITTED);
        }
    }
    CHECK_HELPER(read_all_counters(after));
    CHECK_MEM_EQ(before, after, sizeof(before));
}

/* Counter read with a buffer too small, larger or missing */
static void TFM_ETSS_TEST_4003(void)
{
    uint8_t buf[2u * COUNTER_LEN];
    uint32_t value = 0;
    CHECK_HELPER(read_counter(ETSS_NS_CLIENT, ETSS_NS_COUNTER, &value));
    etss_suite_as(ETSS_NS_CLIENT);
    for (uint32_t size = 0; size < COUNTER_LEN; size++) {
        memset(buf, SENTINEL, sizeof(buf));
        CHECK_EQ(tfm_etss_mc_get(ETSS_NS_COUNTER, buf, size), ETSS_ERR_BUFFER_TOO_SMALL);
        CHECK(etss_suite_all_bytes_are(buf, sizeof(buf), SENTINEL));
    }
    CHECK_EQ(tfm_etss_mc_get(ETSS_NS_COUNTER, NULL, COUNTER_LEN), ETSS_ERR_INVALID_ARGUMENT);
    /* A larger buffer: 4 bytes, little-endian, and no more. */
    memset(buf, SENTINEL, sizeof(buf));
    CHECK_EQ(tfm_etss_mc_get(ETSS_NS_COUNTER, buf, sizeof(buf)), ETSS_SUCCESS);
    CHECK_EQ(buf[0], value & 0xFFu);
    CHECK_EQ(buf[1], (value >> 8) & 0xFFu);
    CHECK_EQ(buf[2], (value >> 16) & 0xFFu);
    CHECK_EQ(buf[3], value >> 24);
    CHECK(etss_suite_all_bytes_are(&buf[COUNTER_LEN], sizeof(buf) - COUNTER_LEN, SENTINEL));
    CHECK_EQ(etss_suite_counter(ETSS_NS_COUNTER), value);
}

/* Counter values survive between calls and other clients' increments */
static void TFM_ETSS_TEST_4004(void)
{
    uint32_t before[ETSS_SUITE_CLIENTS];
    uint32_t after[ETSS_SUITE_CLIENTS];
    CHECK_HELPER(read_all_counters(before));
    CHECK_HELPER(read_all_counters(after));
    CHECK_MEM_EQ(before, after, sizeof(before));
    /* Each client's increments move its counter only. */
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        etss_suite_as(etss_suite_clients[i]);
        for (size_t k = 0; k <= i; k++) {
            CHECK_EQ(tfm_etss_mc_increment(etss_suite_counters[i]), ETSS_SUCCESS);
        }
        CHECK_HELPER(read_all_counters(after));
        for (size_t j = 0; j < ETSS_SUITE_CLIENTS; j++) {
            CHECK_EQ(after[j], before[j] + (j <= i ? j + 1u : 0u));
        }
    }
}

/* A client without a binding: no counter, no PUF */
static void TFM_ETSS_TEST_4005(void)
{
    uint8_t buf[PUF_LEN];
    uint32_t len = 0;
    uint32_t before[ETSS_SUITE_CLIENTS];
    uint32_t after[ETSS_SUITE_CLIENTS];
    CHECK_HELPER(read_all_counters(before));
    etss_suite_as(ETSS_UNBOUND_CLIENT);
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        CHECK_EQ(tfm_etss_mc_increment(etss_suite_counters[i]), ETSS_ERR_NOT_PERMITTED);
        memset(buf, SENTINEL, sizeof(buf));
        CHECK_EQ(tfm_etss_mc_get(etss_suite_counters[i], buf, COUNTER_LEN), ETSS_ERR_NOT_PERMITTED);
        CHECK(etss_suite_all_bytes_are(buf, sizeof(buf), SENTINEL));
    }
    CHECK_EQ(tfm_etss_get_puf(buf, sizeof(buf), &len), ETSS_ERR_NOT_PERMITTED);
    CHECK(etss_suite_all_bytes_are(buf, sizeof(buf), SENTINEL));
    CHECK_HELPER(read_all_counters(after));
    CHECK_MEM_EQ(before, after, sizeof(before));
}

/* ---- PUF ---- */

/* PUF: 32 bytes, the same on every call */
static void TFM_ETSS_TEST_4006(void)
{
    uint8_t first[PUF_LEN];
    uint8_t again[PUF_LEN];
    uint8_t large[2u * PUF_LEN];
    uint32_t len = 0;
    CHECK_HELPER(get_puf(ETSS_NS_CLIENT, first));
    CHECK(!etss_suite_all_bytes_are(first, sizeof(first), first[0]));
    for (int i = 0; i < 3; i++) {
        CHECK_HELPER(get_puf(ETSS_NS_CLIENT, again));
        CHECK_MEM_EQ(first, again, PUF_LEN);
    }
    /* A larger buffer gets the 32 bytes and no more. */
    memset(large, SENTINEL, sizeof(large));
    etss_suite_as(ETSS_NS_CLIENT);
    CHECK_EQ(tfm_etss_get_puf(large, sizeof(large), &len), ETSS_SUCCESS);
    CHECK_EQ(len, PUF_LEN);
    CHECK_MEM_EQ(large, first, PUF_LEN);
    CHECK(etss_suite_all_bytes_are(&large[PUF_LEN], PUF_LEN, SENTINEL));
}

/* PUF: one value per client */
static void TFM_ETSS_TEST_4007(void)
{
    uint8_t puf[ETSS_SUITE_CLIENTS][PUF_LEN];
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        CHECK_HELPER(get_puf(etss_suite_clients[i], puf[i]));
    }
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        for (size_t j = i + 1u; j < ETSS_SUITE_CLIENTS; j++) {
            CHECK(memcmp(puf[i], puf[j], PUF_LEN) != 0);
        }
    }
}

/* PUF with a buffer too small or NULL arguments */
static void TFM_ETSS_TEST_4008(void)
{
    uint8_t buf[PUF_LEN];
    uint32_t len = 0;
    etss_suite_as(ETSS_S_CLIENT);
    for (uint32_t size = 0; size < PUF_LEN; size += 31u) {
        memset(buf, SENTINEL, sizeof(buf));
        CHECK_EQ(tfm_etss_get_puf(buf, size, &len), ETSS_ERR_BUFFER_TOO_SMALL);
        CHECK(etss_suite_all_bytes_are(buf, sizeof(buf), SENTINEL));
    }
    CHECK_EQ(tfm_etss_get_puf(NULL, PUF_LEN, &len), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_get_puf(buf, PUF_LEN, NULL), ETSS_ERR_INVALID_ARGUMENT);
    CHECK(etss_suite_all_bytes_are(buf, sizeof(buf), SENTINEL));
}

/* ---- random numbers ---- */

/* Random numbers of 1, 32, 300 and 4096 bytes */
static void TFM_ETSS_TEST_4009(void)
{
    static const uint32_t sizes[] = {1, 32, 300, RANDOM_MAX};
    static uint8_t buf[RANDOM_MAX + 16u];
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        memset(buf, SENTINEL, sizeof(buf));
        etss_suite_as(ETSS_NS_CLIENT);
        CHECK_EQ(tfm_etss_generate_random_number(buf, sizes[i]), ETSS_SUCCESS);
        /* Exactly the bytes asked for, and random-looking ones. */
        CHECK(etss_suite_all_bytes_are(&buf[sizes[i]], sizeof(buf) - sizes[i], SENTINEL));
        if (sizes[i] >= 32u) {
            CHECK(!etss_suite_all_bytes_are(buf, sizes[i], buf[0]));
            /* Its last 32 bytes too (a long request is served in parts). */
            CHECK(!etss_suite_all_bytes_are(&buf[sizes[i] - 32u], 32u, buf[sizes[i] - 32u]));
        }
    }
    /* A secure client gets them as well. */
    etss_suite_as(ETSS_S_CLIENT);
    CHECK_EQ(tfm_etss_generate_random_number(buf, 32), ETSS_SUCCESS);
}

/* Random numbers are spread over byte values and differ between calls */
static void TFM_ETSS_TEST_4010(void)
{
    static uint8_t a[RANDOM_MAX];
    static uint8_t b[RANDOM_MAX];
    uint32_t count[256];
    uint32_t distinct = 0;
    uint32_t most = 0;
    etss_suite_as(ETSS_NS_CLIENT);
    CHECK_EQ(tfm_etss_generate_random_number(a, RANDOM_MAX), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_generate_random_number(b, RANDOM_MAX), ETSS_SUCCESS);
    memset(count, 0, sizeof(count));
    for (size_t i = 0; i < RANDOM_MAX; i++) {
        count[a[i]]++;
    }
    for (size_t v = 0; v < 256u; v++) {
        distinct += count[v] != 0u ? 1u : 0u;
        most = count[v] > most ? count[v] : most;
    }
    /* 16 expected per value: a missing value or 48 of one is far beyond chance. */
    CHECK(distinct >= 250u);
    CHECK(most <= 48u);
    CHECK(memcmp(a, b, RANDOM_MAX) != 0);
    /* The halves of one request are not one block served twice. */
    CHECK(memcmp(a, &a[RANDOM_MAX / 2u], RANDOM_MAX / 2u) != 0);
    CHECK_EQ(tfm_etss_generate_random_number(a, 16), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_generate_random_number(b, 16), ETSS_SUCCESS);
    CHECK(memcmp(a, b, 16) != 0);
}

/* Random numbers: zero size or NULL buffer */
static void TFM_ETSS_TEST_4011(void)
{
    uint8_t buf[16];
    memset(buf, SENTINEL, sizeof(buf));
    etss_suite_as(ETSS_NS_CLIENT);
    CHECK_EQ(tfm_etss_generate_random_number(buf, 0), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_generate_random_number(NULL, sizeof(buf)), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_generate_random_number(NULL, 0), ETSS_ERR_INVALID_ARGUMENT);
    CHECK(etss_suite_all_bytes_are(buf, sizeof(buf), SENTINEL));
}

/* ---- provisioning ---- */

static uint8_t message[ETSS_MAX_PROVISIONING_LEN + 1u];
static size_t message_len;

static void make_message(void)
{
    CHECK_EQ(etss_suite_provisioning_message(etss_suite_provisioning(), message, sizeof(message),
                                             &message_len),
             0);
    CHECK(message_len > PROV_BINDING0_ZONE);
}

static void provision_malformed_body(void)
{
    static uint8_t bad[ETSS_MAX_PROVISIONING_LEN];
    static const char garbage[] = "this is no provisioning message";
    uint32_t before[ETSS_SUITE_CLIENTS];
    uint32_t after[ETSS_SUITE_CLIENTS];
    uint8_t puf_before[PUF_LEN];
    uint8_t puf_after[PUF_LEN];
    CHECK_HELPER(make_message());
    CHECK_HELPER(set_assets());
    CHECK_HELPER(read_all_counters(before));
    CHECK_HELPER(get_puf(ETSS_NS_CLIENT, puf_before));
    for (int variant = 0; variant < 9; variant++) {
        size_t len = message_len;
        memcpy(bad, message, message_len);
        switch (variant) {
        case 0: /* not a provisioning message at all */
            len = sizeof(garbage);
            memcpy(bad, garbage, len);
            break;
        case 1: /* shorter than a header */
            len = 4;
            break;
        case 2: /* one byte short */
            len = message_len - 1u;
            break;
        case 3: /* one byte too many */
            bad[message_len] = 0;
            len = message_len + 1u;
            break;
        case 4: /* wrong magic */
            bad[0] ^= 0x20u;
            break;
        case 5: /* unknown format version */
            bad[PROV_VERSION] = 2;
            break;
        case 6: /* no zone */
            bad[PROV_N_ZONES] = 0;
            break;
        case 7: /* zone 1 overlapping zone 0 */
            memset(&bad[PROV_ZONE1_BASE], 0, 4);
            break;
        default: /* a binding to a zone that does not exist */
            bad[PROV_BINDING0_ZONE] = 5;
            break;
        }
        etss_suite_as(ETSS_S_CLIENT);
        CHECK_EQ(tfm_etss_secure_flash_provisioning(len, bad), ETSS_ERR_SF_PROVISION);
        /* Nothing changed: assets, counters, bindings. */
        CHECK_HELPER(check_assets());
    }
    CHECK_HELPER(read_all_counters(after));
    CHECK_MEM_EQ(before, after, sizeof(before));
    CHECK_HELPER(get_puf(ETSS_NS_CLIENT, puf_after));
    CHECK_MEM_EQ(puf_before, puf_after, PUF_LEN);
    CHECK_HELPER(remove_assets());
}

/* Provisioning a malformed message is refused and changes nothing */
static void TFM_ETSS_TEST_4012(void)
{
    provision_malformed_body();
    clear_assets();
}

static void provision_invalid_body(void)
{
    static uint8_t oversized[ETSS_MAX_PROVISIONING_LEN + 1u];
    CHECK_HELPER(make_message());
    CHECK_HELPER(set_assets());
    etss_suite_as(ETSS_S_CLIENT);
    CHECK_EQ(tfm_etss_secure_flash_provisioning(message_len, NULL), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_secure_flash_provisioning(0, message), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_secure_flash_provisioning(0, NULL), ETSS_ERR_INVALID_ARGUMENT);
    /* More than the partition takes: refused before it reaches the part. */
    memcpy(oversized, message, message_len);
    memset(&oversized[message_len], 0, sizeof(oversized) - message_len);
    CHECK_EQ(tfm_etss_secure_flash_provisioning(sizeof(oversized), oversized),
             ETSS_ERR_INVALID_ARGUMENT);
    CHECK_HELPER(check_assets());
    CHECK_HELPER(remove_assets());
}

/* Provisioning with a NULL, empty or oversized message */
static void TFM_ETSS_TEST_4013(void)
{
    provision_invalid_body();
    clear_assets();
}

static void provision_again_body(void)
{
    uint32_t before[ETSS_SUITE_CLIENTS];
    uint32_t after[ETSS_SUITE_CLIENTS];
    uint8_t puf_before[PUF_LEN];
    uint8_t puf_after[PUF_LEN];
    struct sf_model_view view;
    CHECK_HELPER(make_message());
    CHECK_HELPER(set_assets());
    CHECK_HELPER(read_all_counters(before));
    CHECK_HELPER(get_puf(ETSS_S_CLIENT, puf_before));
    etss_suite_as(ETSS_S_CLIENT);
    CHECK_EQ(tfm_etss_secure_flash_provisioning(message_len, message), ETSS_SUCCESS);
    CHECK(etss_suite_part_view(&view));
    CHECK_EQ(view.lifecycle, 1); /* PROVISIONED: developer mode still */
    /* Same zones, same keys (derived from the same HUK): every asset reads
     * back; counters are never reset; the bindings are the same. */
    CHECK_HELPER(check_assets());
    CHECK_HELPER(read_all_counters(after));
    CHECK_MEM_EQ(before, after, sizeof(before));
    CHECK_HELPER(get_puf(ETSS_S_CLIENT, puf_after));
    CHECK_MEM_EQ(puf_before, puf_after, PUF_LEN);
    etss_suite_as(ETSS_NS_CLIENT);
    CHECK_EQ(tfm_etss_mc_increment(ETSS_NS_COUNTER), ETSS_SUCCESS);
    CHECK_HELPER(read_counter(ETSS_NS_CLIENT, ETSS_NS_COUNTER, &after[0]));
    CHECK_EQ(after[0], before[0] + 1u);
    /* And the store takes new writes. */
    etss_suite_as(ETSS_NS_CLIENT);
    CHECK_EQ(tfm_etss_set(NS_UID, 3, "new", PSA_STORAGE_FLAG_NONE), ETSS_SUCCESS);
    CHECK_HELPER(check_asset(ETSS_NS_CLIENT, NS_UID, "new", 3));
    CHECK_HELPER(check_asset(ETSS_S_CLIENT, S_UID, S_DATA, sizeof(S_DATA)));
    CHECK_HELPER(remove_assets());
}

/* Provisioning again in developer mode keeps assets, counters and bindings */
static void TFM_ETSS_TEST_4014(void)
{
    provision_again_body();
    clear_assets();
}

static void provision_from_non_secure_body(void)
{
    /* One open zone over the whole part, handed to the unbound client. */
    static const char hijack[] = "[zone 0]\nbase = 0\nsize = 0x100000\n"
                                 "read = open\nwrite = open\n"
                                 "[binding]\nclient = -99\nzone = 0\ncounter = 0\n";
    static const int32_t callers[] = {ETSS_NS_CLIENT, ETSS_NS_CLIENT_2, ETSS_UNBOUND_CLIENT};
    uint8_t msg[ETSS_MAX_PROVISIONING_LEN];
    size_t len = 0;
    uint32_t before[ETSS_SUITE_CLIENTS];
    uint32_t after[ETSS_SUITE_CLIENTS];
    uint8_t puf_before[PUF_LEN];
    uint8_t puf_after[PUF_LEN];
    struct sf_model_view view;
    struct psa_storage_info_t info;
    CHECK_EQ(etss_suite_provisioning_message(hijack, msg, sizeof(msg), &len), 0);
    CHECK_HELPER(set_assets());
    CHECK_HELPER(read_all_counters(before));
    CHECK_HELPER(get_puf(ETSS_NS_CLIENT, puf_before));
    for (size_t i = 0; i < sizeof(callers) / sizeof(callers[0]); i++) {
        etss_suite_as(callers[i]);
        CHECK_EQ(tfm_etss_secure_flash_provisioning(len, msg), ETSS_ERR_NOT_PERMITTED);
    }
    /* Same part, same keys, same bindings. */
    CHECK(etss_suite_part_view(&view));
    CHECK_EQ(view.lifecycle, 1);
    CHECK_HELPER(check_assets());
    CHECK_HELPER(read_all_counters(after));
    CHECK_MEM_EQ(before, after, sizeof(before));
    CHECK_HELPER(get_puf(ETSS_NS_CLIENT, puf_after));
    CHECK_MEM_EQ(puf_before, puf_after, PUF_LEN);
    etss_suite_as(ETSS_UNBOUND_CLIENT);
    CHECK_EQ(tfm_etss_get_info(NS_UID, &info), ETSS_ERR_NOT_PERMITTED);
    CHECK_HELPER(remove_assets());
}

/* A non-secure client cannot provision: part, keys and bindings stay */
static void TFM_ETSS_TEST_4015(void)
{
    provision_from_non_secure_body();
    clear_assets();
}

static const struct test_case cases[] = {
    TEST_CASE_DESC(TFM_ETSS_TEST_4001, "Increment and read the client's own counter"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4002, "Counters of other clients, or of no client, are refused"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4003, "Counter read with a buffer too small, larger or missing"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4004,
                   "Counter values survive between calls and other clients' increments"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4005, "Client without a binding: no counter, no PUF"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4006, "PUF: 32 bytes, the same on every call"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4007, "PUF: one value per client"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4008, "PUF with a buffer too small or NULL arguments"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4009, "Random numbers of 1, 32, 300 and 4096 bytes"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4010,
                   "Random numbers are spread over byte values and differ between calls"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4011, "Random numbers: zero size or NULL buffer"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4012,
                   "Provisioning a malformed message is refused and changes nothing"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4013, "Provisioning with a NULL, empty or oversized message"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4014,
                   "Provisioning again in developer mode keeps assets, counters and bindings"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4015,
                   "A non-secure client cannot provision: part, keys and bindings stay"),
};

int main(void)
{
    if (etss_suite_env_start(false) != 0) {
        return 1;
    }
    return test_run(NULL, cases, sizeof(cases) / sizeof(cases[0]));
}
