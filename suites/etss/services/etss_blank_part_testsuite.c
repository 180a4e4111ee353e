/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ETSS lifecycle tests (TFM_ETSS_TEST_41xx): the partition on a part that
 * has never been provisioned, then provisioned, then locked. On the blank
 * part every call but provisioning answers ETSS_ERR_SF_UNPROVISIONED and a
 * malformed message leaves it blank; the suite provisioning then brings
 * storage and services up; locking freezes provisioning and nothing else.
 * The cases run in order, each from the state the one before left.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "devmodel/sf_model.h"
#include "etss/etss_api.h"
#include "etss_suite_env.h"
#include "test_harness.h"

#define PUF_LEN 32u
#define COUNTER_LEN 4u
#define SENTINEL 0xA5u
#define TEST_UID 0x4101u
#define LIFECYCLE_BLANK 0u
#define LIFECYCLE_PROVISIONED 1u
#define LIFECYCLE_LOCKED 2u

/* The secure flash's lifecycle; 0xFF when the suite cannot see it. */
static uint8_t lifecycle(void)
{
    struct sf_model_view view;
    return etss_suite_part_view(&view) ? view.lifecycle : 0xFFu;
}

/* Every storage call of `client`, with valid arguments, answers `want`. */
static void storage_answers(int32_t client, etss_err_t want)
{
    uint8_t buf[16];
    size_t n = 0;
    struct psa_storage_info_t info;
    struct psa_storage_info_t untouched;
    etss_suite_as(client);
    memset(buf, SENTINEL, sizeof(buf));
    memset(&info, SENTINEL, sizeof(info));
    memset(&untouched, SENTINEL, sizeof(untouched));
    CHECK_EQ(tfm_etss_set(TEST_UID, 3, "abc", PSA_STORAGE_FLAG_NONE), want);
    CHECK_EQ(tfm_etss_set(TEST_UID, 0, NULL, PSA_STORAGE_FLAG_WRITE_ONCE), want);
    CHECK_EQ(tfm_etss_get(TEST_UID, 0, sizeof(buf), buf, &n), want);
    CHECK(etss_suite_all_bytes_are(buf, sizeof(buf), SENTINEL));
    CHECK_EQ(tfm_etss_get_info(TEST_UID, &info), want);
    CHECK_MEM_EQ(&info, &untouched, sizeof(info));
    CHECK_EQ(tfm_etss_remove(TEST_UID), want);
}

/* Storage calls on a blank part */
static void TFM_ETSS_TEST_4101(void)
{
    CHECK_EQ(lifecycle(), LIFECYCLE_BLANK);
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        CHECK_HELPER(storage_answers(etss_suite_clients[i], ETSS_ERR_SF_UNPROVISIONED));
    }
    /* Nobody has a binding yet, so the unbound client is told the same. */
    CHECK_HELPER(storage_answers(ETSS_UNBOUND_CLIENT, ETSS_ERR_SF_UNPROVISIONED));
}

/* Counter, PUF, random number and lock calls on a blank part */
static void TFM_ETSS_TEST_4102(void)
{
    uint8_t buf[PUF_LEN];
    uint32_t len = 0;
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        etss_suite_as(etss_suite_clients[i]);
        memset(buf, SENTINEL, sizeof(buf));
        CHECK_EQ(tfm_etss_mc_increment(etss_suite_counters[i]), ETSS_ERR_SF_UNPROVISIONED);
        CHECK_EQ(tfm_etss_mc_get(etss_suite_counters[i], buf, COUNTER_LEN),
                 ETSS_ERR_SF_UNPROVISIONED);
        CHECK_EQ(tfm_etss_get_puf(buf, sizeof(buf), &len), ETSS_ERR_SF_UNPROVISIONED);
        CHECK_EQ(tfm_etss_generate_random_number(buf, sizeof(buf)), ETSS_ERR_SF_UNPROVISIONED);
        CHECK(etss_suite_all_bytes_are(buf, sizeof(buf), SENTINEL));
    }
    /* Locking a blank part would leave it unprovisionable: refused. */
    etss_suite_as(ETSS_S_CLIENT);
    CHECK_EQ(tfm_etss_secure_flash_lock(), ETSS_ERR_SF_UNPROVISIONED);
    if (etss_suite_ns_callers()) {
        etss_suite_as(ETSS_NS_CLIENT);
        CHECK_EQ(tfm_etss_secure_flash_lock(), ETSS_ERR_NOT_PERMITTED);
    }
    CHECK_EQ(lifecycle(), LIFECYCLE_BLANK);
}

/* A malformed or missing provisioning message leaves the part blank */
static void TFM_ETSS_TEST_4103(void)
{
    static const char garbage[] = "this is no provisioning message";
    uint8_t msg[512];
    size_t len = 0;
    CHECK_EQ(etss_suite_provisioning_message(etss_suite_provisioning(), msg, sizeof(msg), &len), 0);
    etss_suite_as(ETSS_S_CLIENT);
    CHECK_EQ(tfm_etss_secure_flash_provisioning(sizeof(garbage), garbage), ETSS_ERR_SF_PROVISION);
    CHECK_EQ(tfm_etss_secure_flash_provisioning(len - 1u, msg), ETSS_ERR_SF_PROVISION);
    msg[0] ^= 0x20u; /* the magic */
    CHECK_EQ(tfm_etss_secure_flash_provisioning(len, msg), ETSS_ERR_SF_PROVISION);
    CHECK_EQ(tfm_etss_secure_flash_provisioning(len, NULL), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_secure_flash_provisioning(0, msg), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(lifecycle(), LIFECYCLE_BLANK);
    CHECK_HELPER(storage_answers(ETSS_NS_CLIENT, ETSS_ERR_SF_UNPROVISIONED));
    CHECK_HELPER(storage_answers(ETSS_S_CLIENT, ETSS_ERR_SF_UNPROVISIONED));
}

/* Provisioning the blank part brings storage and services up */
static void TFM_ETSS_TEST_4104(void)
{
    uint8_t msg[512];
    size_t len = 0;
    uint8_t buf[PUF_LEN];
    size_t n = 0;
    uint32_t puf_len = 0;
    CHECK_EQ(etss_suite_provisioning_message(etss_suite_provisioning(), msg, sizeof(msg), &len), 0);
    /* Not from the non-secure side, even on a blank part. */
    if (etss_suite_ns_callers()) {
        etss_suite_as(ETSS_NS_CLIENT);
        CHECK_EQ(tfm_etss_secure_flash_provisioning(len, msg), ETSS_ERR_NOT_PERMITTED);
        etss_suite_as(ETSS_UNBOUND_CLIENT);
        CHECK_EQ(tfm_etss_secure_flash_provisioning(len, msg), ETSS_ERR_NOT_PERMITTED);
        CHECK_EQ(lifecycle(), LIFECYCLE_BLANK);
    }
    etss_suite_as(ETSS_S_CLIENT_2);
    CHECK_EQ(tfm_etss_secure_flash_provisioning(len, msg), ETSS_SUCCESS);
    CHECK_EQ(lifecycle(), LIFECYCLE_PROVISIONED);
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        uint8_t data[8] = {'c', 'l', 'i', 'e', 'n', 't', ' ', (uint8_t)('0' + i)};
        etss_suite_as(etss_suite_clients[i]);
        CHECK_EQ(tfm_etss_set(TEST_UID, sizeof(data), data, PSA_STORAGE_FLAG_NONE), ETSS_SUCCESS);
        memset(buf, SENTINEL, sizeof(buf));
        CHECK_EQ(tfm_etss_get(TEST_UID, 0, sizeof(buf), buf, &n), ETSS_SUCCESS);
        CHECK_EQ(n, sizeof(data));
        CHECK_MEM_EQ(buf, data, sizeof(data));
        CHECK_EQ(tfm_etss_mc_increment(etss_suite_counters[i]), ETSS_SUCCESS);
        CHECK_EQ(tfm_etss_mc_get(etss_suite_counters[i], buf, COUNTER_LEN), ETSS_SUCCESS);
        CHECK_EQ(buf[0], 1); /* counters start at 0 on a new part */
        CHECK(etss_suite_all_bytes_are(&buf[1], COUNTER_LEN - 1u, 0));
        CHECK_EQ(tfm_etss_get_puf(buf, sizeof(buf), &puf_len), ETSS_SUCCESS);
        CHECK_EQ(puf_len, PUF_LEN);
        memset(buf, SENTINEL, sizeof(buf));
        CHECK_EQ(tfm_etss_generate_random_number(buf, sizeof(buf)), ETSS_SUCCESS);
        CHECK(!etss_suite_all_bytes_are(buf, sizeof(buf), buf[0]));
    }
    /* Each client's asset is its own. */
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        etss_suite_as(etss_suite_clients[i]);
        CHECK_EQ(tfm_etss_get(TEST_UID, 7, 1, buf, &n), ETSS_SUCCESS);
        CHECK_EQ(n, 1);
        CHECK_EQ(buf[0], '0' + i);
        CHECK_EQ(tfm_etss_remove(TEST_UID), ETSS_SUCCESS);
    }
    CHECK_HELPER(storage_answers(ETSS_UNBOUND_CLIENT, ETSS_ERR_NOT_PERMITTED));
}

/* Locking freezes provisioning; storage, counters and services go on */
static void TFM_ETSS_TEST_4105(void)
{
    static const uint8_t data[] = "kept across the lock";
    uint8_t msg[512];
    uint8_t buf[sizeof(data)];
    uint8_t counter[COUNTER_LEN];
    size_t len = 0;
    size_t n = 0;
    CHECK_EQ(etss_suite_provisioning_message(etss_suite_provisioning(), msg, sizeof(msg), &len), 0);
    etss_suite_as(ETSS_S_CLIENT);
    CHECK_EQ(tfm_etss_set(TEST_UID, sizeof(data), data, PSA_STORAGE_FLAG_NONE), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_mc_get(ETSS_S_COUNTER, counter, sizeof(counter)), ETSS_SUCCESS);
    /* Non-secure callers and unbound ones alike: refused, nothing changes. */
    if (etss_suite_ns_callers()) {
        etss_suite_as(ETSS_NS_CLIENT);
        CHECK_EQ(tfm_etss_secure_flash_lock(), ETSS_ERR_NOT_PERMITTED);
        etss_suite_as(ETSS_UNBOUND_CLIENT);
        CHECK_EQ(tfm_etss_secure_flash_lock(), ETSS_ERR_NOT_PERMITTED);
    }
    CHECK_EQ(lifecycle(), LIFECYCLE_PROVISIONED);
    /* Any secure partition may lock; a second lock finds it done. */
    etss_suite_as(ETSS_S_UNBOUND_CLIENT);
    CHECK_EQ(tfm_etss_secure_flash_lock(), ETSS_SUCCESS);
    CHECK_EQ(lifecycle(), LIFECYCLE_LOCKED);
    etss_suite_as(ETSS_S_CLIENT_2);
    CHECK_EQ(tfm_etss_secure_flash_lock(), ETSS_SUCCESS);
    CHECK_EQ(lifecycle(), LIFECYCLE_LOCKED);
    /* Provisioning is frozen, even with the very same message. */
    CHECK_EQ(tfm_etss_secure_flash_provisioning(len, msg), ETSS_ERR_NOT_PERMITTED);
    CHECK_EQ(lifecycle(), LIFECYCLE_LOCKED);
    /* What was stored stays, and every client is served as before. */
    etss_suite_as(ETSS_S_CLIENT);
    memset(buf, SENTINEL, sizeof(buf));
    CHECK_EQ(tfm_etss_get(TEST_UID, 0, sizeof(buf), buf, &n), ETSS_SUCCESS);
    CHECK_EQ(n, sizeof(data));
    CHECK_MEM_EQ(buf, data, sizeof(data));
    CHECK_EQ(tfm_etss_remove(TEST_UID), ETSS_SUCCESS);
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        etss_suite_as(etss_suite_clients[i]);
        CHECK_EQ(tfm_etss_set(TEST_UID, 3, "abc", PSA_STORAGE_FLAG_NONE), ETSS_SUCCESS);
        CHECK_EQ(tfm_etss_remove(TEST_UID), ETSS_SUCCESS);
        CHECK_EQ(tfm_etss_mc_increment(etss_suite_counters[i]), ETSS_SUCCESS);
    }
    etss_suite_as(ETSS_S_CLIENT);
    uint8_t after[COUNTER_LEN];
    CHECK_EQ(tfm_etss_mc_get(ETSS_S_COUNTER, after, sizeof(after)), ETSS_SUCCESS);
    CHECK_EQ(after[0], (uint8_t)(counter[0] + 1u));
}

static const struct test_case cases[] = {
    TEST_CASE_DESC(TFM_ETSS_TEST_4101, "Storage calls on a blank part"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4102,
                   "Counter, PUF, random number and lock calls on a blank part"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4103,
                   "A malformed or missing provisioning message leaves the part blank"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4104,
                   "Provisioning the blank part brings storage and services up"),
    TEST_CASE_DESC(TFM_ETSS_TEST_4105,
                   "Locking freezes provisioning; storage, counters and services go on"),
};

int main(void)
{
    if (etss_suite_env_start(true) != 0) {
        return 1;
    }
    return test_run(NULL, cases, sizeof(cases) / sizeof(cases[0]));
}
