/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ETSS device-class tests (TFM_ETSS_TEST_5xxx): the service matrix. The
 * same suite is built once per device class (ETSS_SUITE_DEVICE_CLASS) and
 * checks that the partition offers exactly what the class's parts can do
 * safely, through the client API, for every client of the suites'
 * provisioning: what a class cannot do answers NOT_SUPPORTED and changes
 * nothing on any part; a client without a binding has nothing.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "devmodel/sf_model.h"
#include "etss/etss_api.h"
#include "etss_config.h"
#include "etss_suite_env.h"
#include "test_harness.h"

#define UID 0x5001u
#define COUNTER_LEN 4u
#define PUF_LEN 32u
#define SENTINEL 0xA5u

/* What each service answers in a class (for a bound client). */
struct service_matrix {
    etss_err_t confidential_assets; /* set without NO_CONFIDENTIALITY */
    etss_err_t public_assets;       /* set with NO_CONFIDENTIALITY */
    etss_err_t missing_asset;       /* get of a uid never stored */
    etss_err_t counters;
    etss_err_t puf;
    etss_err_t random;
    etss_err_t provision_again;
    etss_err_t lock;
};

static const struct service_matrix matrix[] = {
    [ETSS_SUITE_SECURE_FLASH] = {ETSS_SUCCESS, ETSS_SUCCESS, ETSS_ERR_DOES_NOT_EXIST, ETSS_SUCCESS,
                                 ETSS_SUCCESS, ETSS_SUCCESS, ETSS_SUCCESS, ETSS_SUCCESS},
    /* The RPMC part has no lifecycle: locking freezes the secure flash. */
    [ETSS_SUITE_SECURE_FLASH_AND_RPMC] = {ETSS_SUCCESS, ETSS_SUCCESS, ETSS_ERR_DOES_NOT_EXIST,
                                          ETSS_SUCCESS, ETSS_SUCCESS, ETSS_SUCCESS, ETSS_SUCCESS,
                                          ETSS_SUCCESS},
    /* Nothing the bus would show: no confidential asset, no PUF value,
     * no random numbers. Its keys travel sealed to its identity like any
     * part's, so developer mode provisions it again. */
    [ETSS_SUITE_AUTHENTICATION_FLASH] = {ETSS_ERR_NOT_SUPPORTED, ETSS_SUCCESS,
                                         ETSS_ERR_DOES_NOT_EXIST, ETSS_SUCCESS,
                                         ETSS_ERR_NOT_SUPPORTED, ETSS_ERR_NOT_SUPPORTED,
                                         ETSS_SUCCESS, ETSS_SUCCESS},
    /* Counters only; root keys are written once in the part's life, and
     * there is no lifecycle to lock. */
    [ETSS_SUITE_RPMC] = {ETSS_ERR_NOT_SUPPORTED, ETSS_ERR_NOT_SUPPORTED, ETSS_ERR_NOT_SUPPORTED,
                         ETSS_SUCCESS, ETSS_ERR_NOT_SUPPORTED, ETSS_ERR_NOT_SUPPORTED,
                         ETSS_ERR_NOT_PERMITTED, ETSS_ERR_NOT_SUPPORTED},
};

static const struct service_matrix *expected(void)
{
    return &matrix[etss_suite_device_class()];
}

/* Pages programmed on the secure flash (0 without one). */
static uint64_t pages_programmed(void)
{
    uint64_t n = 0;
    return etss_suite_pages_programmed(&n) ? n : 0u;
}

/* Set, read back, describe and remove an asset with `flags` as every bound
 * client; or, where the class refuses it, nothing is written anywhere. */
static void asset_round_trip(psa_storage_create_flags_t flags, etss_err_t want)
{
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        uint8_t data[24] = "asset of bound client 0";
        uint8_t buf[sizeof(data)];
        size_t n = 0;
        struct psa_storage_info_t info;
        data[22] = (uint8_t)('0' + i);
        etss_suite_as(etss_suite_clients[i]);
        uint64_t before = pages_programmed();
        CHECK_EQ(tfm_etss_set(UID, sizeof(data), data, flags), want);
        if (want != ETSS_SUCCESS) {
            CHECK_EQ(pages_programmed(), before);
            CHECK_EQ(tfm_etss_get(UID, 0, sizeof(buf), buf, &n), expected()->missing_asset);
            continue;
        }
        memset(buf, SENTINEL, sizeof(buf));
        CHECK_EQ(tfm_etss_get(UID, 0, sizeof(buf), buf, &n), ETSS_SUCCESS);
        CHECK_EQ(n, sizeof(data));
        CHECK_MEM_EQ(buf, data, sizeof(data));
        CHECK_EQ(tfm_etss_get_info(UID, &info), ETSS_SUCCESS);
        CHECK_EQ(info.size, sizeof(data));
        CHECK_EQ(info.flags, flags);
        CHECK_EQ(tfm_etss_remove(UID), ETSS_SUCCESS);
        CHECK_EQ(tfm_etss_get(UID, 0, sizeof(buf), buf, &n), ETSS_ERR_DOES_NOT_EXIST);
    }
}

/* Confidential assets: kept where the class can keep them secret */
static void TFM_ETSS_TEST_5001(void)
{
    asset_round_trip(PSA_STORAGE_FLAG_NONE, expected()->confidential_assets);
}

/* Assets that waive confidentiality: kept wherever there is storage */
static void TFM_ETSS_TEST_5002(void)
{
    asset_round_trip(PSA_STORAGE_FLAG_NO_CONFIDENTIALITY, expected()->public_assets);
}

/* Counters: each bound client's own, on the part that serves counters */
static void TFM_ETSS_TEST_5003(void)
{
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        uint8_t id = etss_suite_counters[i];
        uint8_t buf[COUNTER_LEN];
        uint32_t before = etss_suite_counter(id);
        etss_suite_as(etss_suite_clients[i]);
        CHECK_EQ(tfm_etss_mc_increment(id), expected()->counters);
        CHECK_EQ(tfm_etss_mc_get(id, buf, sizeof(buf)), expected()->counters);
        uint32_t value = (uint32_t)buf[0] | (uint32_t)buf[1] << 8 | (uint32_t)buf[2] << 16 |
                         (uint32_t)buf[3] << 24;
        CHECK_EQ(value, before + 1u);
        CHECK_EQ(etss_suite_counter(id), value);
    }
    /* With an RPMC part for counters, the secure flash's never move. */
    if (etss_suite_device_class() == ETSS_SUITE_SECURE_FLASH_AND_RPMC) {
        struct sf_model_view view;
        CHECK(etss_suite_part_view(&view));
        for (size_t i = 0; i < view.n_counters; i++) {
            CHECK_EQ(view.counters[i], 0u);
        }
    }
}

/* PUF values: only where they can cross the bus sealed */
static void TFM_ETSS_TEST_5004(void)
{
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        uint8_t buf[PUF_LEN];
        uint32_t len = 0;
        memset(buf, SENTINEL, sizeof(buf));
        etss_suite_as(etss_suite_clients[i]);
        CHECK_EQ(tfm_etss_get_puf(buf, sizeof(buf), &len), expected()->puf);
        CHECK_EQ(len, expected()->puf == ETSS_SUCCESS ? PUF_LEN : 0u);
        CHECK(expected()->puf == ETSS_SUCCESS || etss_suite_all_bytes_are(buf, PUF_LEN, SENTINEL));
    }
}

/* Random numbers: only where they can cross the bus sealed */
static void TFM_ETSS_TEST_5005(void)
{
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        uint8_t buf[64];
        memset(buf, SENTINEL, sizeof(buf));
        etss_suite_as(etss_suite_clients[i]);
        CHECK_EQ(tfm_etss_generate_random_number(buf, sizeof(buf)), expected()->random);
        CHECK(etss_suite_all_bytes_are(buf, sizeof(buf), SENTINEL) ==
              (expected()->random != ETSS_SUCCESS));
    }
}

/* A client without a binding has no service at all, in any class */
static void TFM_ETSS_TEST_5006(void)
{
    uint8_t buf[PUF_LEN];
    uint32_t len = 0;
    size_t n = 0;
    uint64_t before = pages_programmed();
    etss_suite_as(ETSS_UNBOUND_CLIENT);
    CHECK_EQ(tfm_etss_set(UID, 4, "mine", PSA_STORAGE_FLAG_NO_CONFIDENTIALITY),
             ETSS_ERR_NOT_PERMITTED);
    CHECK_EQ(tfm_etss_get(UID, 0, sizeof(buf), buf, &n), ETSS_ERR_NOT_PERMITTED);
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        CHECK_EQ(tfm_etss_mc_increment(etss_suite_counters[i]), ETSS_ERR_NOT_PERMITTED);
    }
    CHECK_EQ(tfm_etss_get_puf(buf, sizeof(buf), &len), ETSS_ERR_NOT_PERMITTED);
    CHECK_EQ(pages_programmed(), before);
}

/* Provision the part again with the class's description as a secure
 * client: `want`; whatever the answer, every client keeps its counter and
 * its service. */
static void reprovision(etss_err_t want)
{
    uint8_t msg[ETSS_MAX_PROVISIONING_LEN];
    size_t len = 0;
    uint32_t before[ETSS_SUITE_CLIENTS];
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        before[i] = etss_suite_counter(etss_suite_counters[i]);
    }
    CHECK_EQ(
        etss_suite_provisioning_message(etss_suite_class_provisioning(), msg, sizeof(msg), &len),
        0);
    etss_suite_as(ETSS_S_CLIENT);
    CHECK_EQ(tfm_etss_secure_flash_provisioning(len, msg), want);
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        uint8_t buf[COUNTER_LEN];
        etss_suite_as(etss_suite_clients[i]);
        CHECK_EQ(tfm_etss_mc_get(etss_suite_counters[i], buf, sizeof(buf)), ETSS_SUCCESS);
        CHECK_EQ(buf[0], before[i] & 0xFFu);
    }
    CHECK_HELPER(asset_round_trip(PSA_STORAGE_FLAG_NO_CONFIDENTIALITY, expected()->public_assets));
}

/* Provisioning again: developer mode where the keys can travel sealed */
static void TFM_ETSS_TEST_5007(void)
{
    CHECK_HELPER(reprovision(expected()->provision_again));
}

/* Locking: where the class has a lifecycle; then provisioning is frozen */
static void TFM_ETSS_TEST_5008(void)
{
    if (etss_suite_ns_callers()) {
        etss_suite_as(ETSS_NS_CLIENT);
        CHECK_EQ(tfm_etss_secure_flash_lock(), ETSS_ERR_NOT_PERMITTED);
    }
    etss_suite_as(ETSS_S_CLIENT);
    CHECK_EQ(tfm_etss_secure_flash_lock(), expected()->lock);
    CHECK_HELPER(reprovision(ETSS_ERR_NOT_PERMITTED));
}

static const struct test_case cases[] = {
    TEST_CASE_DESC(TFM_ETSS_TEST_5001,
                   "Confidential assets: kept where the class can keep them secret"),
    TEST_CASE_DESC(TFM_ETSS_TEST_5002,
                   "Assets that waive confidentiality: kept wherever there is storage"),
    TEST_CASE_DESC(TFM_ETSS_TEST_5003,
                   "Counters: each bound client's own, on the part that serves counters"),
    TEST_CASE_DESC(TFM_ETSS_TEST_5004, "PUF values: only where they can cross the bus sealed"),
    TEST_CASE_DESC(TFM_ETSS_TEST_5005, "Random numbers: only where they can cross the bus sealed"),
    TEST_CASE_DESC(TFM_ETSS_TEST_5006,
                   "A client without a binding has no service at all, in any class"),
    TEST_CASE_DESC(TFM_ETSS_TEST_5007,
                   "Provisioning again: developer mode where the keys can travel sealed"),
    TEST_CASE_DESC(TFM_ETSS_TEST_5008,
                   "Locking: where the class has a lifecycle; then provisioning is frozen"),
};

int main(void)
{
    if (etss_suite_env_start(false) != 0) {
        return 1;
    }
    printf("device class: %s\n", etss_suite_device_class_name());
    return test_run(NULL, cases, sizeof(cases) / sizeof(cases[0]));
}
