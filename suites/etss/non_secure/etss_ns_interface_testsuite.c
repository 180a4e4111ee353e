/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ETSS non-secure interface tests (TFM_ETSS_TEST_1xxx): the client API as a
 * non-secure client calls it, through IPC to the partition. The bodies are
 * shared with the secure suite (etss_interface_tests.c); here they run as
 * ETSS_NS_CLIENT, with ETSS_NS_CLIENT_2 as the second client of zone 0.
 */
#include <stddef.h>

#include "etss/etss_api.h"
#include "etss_interface_tests.h"
#include "etss_suite_env.h"
#include "test_harness.h"

static void TFM_ETSS_TEST_1001(void)
{
    etss_itest_set(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1002(void)
{
    etss_itest_get_valid(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1003(void)
{
    etss_itest_set_create_flags(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1004(void)
{
    etss_itest_set_null_data(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1005(void)
{
    etss_itest_set_write_once(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1006(void)
{
    etss_itest_get_zero_length(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1007(void)
{
    etss_itest_get_invalid_uids(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1008(void)
{
    etss_itest_get_invalid_lengths_offsets(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1009(void)
{
    etss_itest_get_null_data(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1010(void)
{
    etss_itest_get_info_valid(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1011(void)
{
    etss_itest_get_info_invalid_uids(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1012(void)
{
    etss_itest_remove_valid(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1013(void)
{
    etss_itest_remove_write_once(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1014(void)
{
    etss_itest_remove_invalid_uids(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1015(void)
{
    etss_itest_not_owner(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1016(void)
{
    etss_itest_same_uid_two_clients(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1017(void)
{
    etss_itest_alternate_sets(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1018(void)
{
    etss_itest_block_compaction(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1019(void)
{
    etss_itest_multiple_partial_gets(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1020(void)
{
    etss_itest_multiple_sets(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1021(void)
{
    etss_itest_asset_sizes(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1022(void)
{
    etss_itest_repetitive_set_get(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1023(void)
{
    etss_itest_repetitive_set_get_remove(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1024(void)
{
    etss_itest_asset_limit(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static void TFM_ETSS_TEST_1025(void)
{
    etss_itest_unbound_client(ETSS_NS_CLIENT, ETSS_UNBOUND_CLIENT);
}

/* The part's lifecycle is not the non-secure side's: provisioning and
 * locking are refused before the message is even read. */
static void TFM_ETSS_TEST_1026(void)
{
    static const char message[] = "any message";
    const int32_t ns_clients[] = {ETSS_NS_CLIENT, ETSS_NS_CLIENT_2, ETSS_UNBOUND_CLIENT};
    for (size_t i = 0; i < sizeof(ns_clients) / sizeof(ns_clients[0]); i++) {
        etss_suite_as(ns_clients[i]);
        CHECK_EQ(tfm_etss_secure_flash_provisioning(sizeof(message), message),
                 ETSS_ERR_NOT_PERMITTED);
        CHECK_EQ(tfm_etss_secure_flash_lock(), ETSS_ERR_NOT_PERMITTED);
    }
    /* The part was neither reconfigured nor locked: its clients go on. */
    etss_itest_set(ETSS_NS_CLIENT, ETSS_NS_CLIENT_2);
}

static const struct test_case cases[] = {
    TEST_CASE_DESC(TFM_ETSS_TEST_1001, "Set interface"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1002, "Get interface with valid data"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1003, "Set interface with create flags"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1004, "Set interface with NULL data pointer"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1005, "Set interface with write once UID"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1006, "Get interface with zero data length"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1007, "Get interface with invalid UIDs"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1008, "Get interface with invalid data lengths and offsets"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1009, "Get interface with NULL data pointer"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1010, "Get info interface with valid UID"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1011, "Get info interface with invalid UIDs"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1012, "Remove interface with valid UID"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1013, "Remove interface with write once UID"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1014, "Remove interface with invalid UIDs"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1015,
                   "Get, get info and remove from a client that is not the owner"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1016,
                   "Access to a UID of another client: same UID, independent assets"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1017, "Set the same UID alternately from two clients"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1018, "Block compaction after remove"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1019, "Multiple partial gets"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1020, "Multiple sets to the same UID"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1021, "Set, get and remove across asset sizes"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1022, "Repetitive sets and gets"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1023, "Repetitive sets, gets and removes"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1024, "Per-client asset limit"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1025, "Client without a binding"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1026, "Provisioning and locking refused to non-secure clients"),
};

int main(void)
{
    if (etss_suite_env_start(false) != 0) {
        return 1;
    }
    return test_run(NULL, cases, sizeof(cases) / sizeof(cases[0]));
}
