/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ETSS secure interface tests (TFM_ETSS_TEST_2xxx): the client API as
 * another secure partition calls it. The bodies are shared with the
 * non-secure suite (etss_interface_tests.c); here they run as
 * ETSS_S_CLIENT, with ETSS_S_CLIENT_2 as the second client of zone 1. The
 * last tests check that secure and non-secure storage are apart: the two
 * sides are bound to different zones.
 */
#include "etss_interface_tests.h"
#include "etss_suite_env.h"
#include "test_harness.h"

static void TFM_ETSS_TEST_2001(void)
{
    etss_itest_set(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2002(void)
{
    etss_itest_get_valid(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2003(void)
{
    etss_itest_set_create_flags(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2004(void)
{
    etss_itest_set_null_data(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2005(void)
{
    etss_itest_set_write_once(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2006(void)
{
    etss_itest_get_zero_length(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2007(void)
{
    etss_itest_get_invalid_uids(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2008(void)
{
    etss_itest_get_invalid_lengths_offsets(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2009(void)
{
    etss_itest_get_null_data(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2010(void)
{
    etss_itest_get_info_valid(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2011(void)
{
    etss_itest_get_info_invalid_uids(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2012(void)
{
    etss_itest_remove_valid(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2013(void)
{
    etss_itest_remove_write_once(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2014(void)
{
    etss_itest_remove_invalid_uids(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2015(void)
{
    etss_itest_not_owner(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2016(void)
{
    etss_itest_same_uid_two_clients(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2017(void)
{
    etss_itest_alternate_sets(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2018(void)
{
    etss_itest_block_compaction(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2019(void)
{
    etss_itest_multiple_partial_gets(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2020(void)
{
    etss_itest_multiple_sets(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2021(void)
{
    etss_itest_asset_sizes(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2022(void)
{
    etss_itest_repetitive_set_get(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2023(void)
{
    etss_itest_repetitive_set_get_remove(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2024(void)
{
    etss_itest_asset_limit(ETSS_S_CLIENT, ETSS_S_CLIENT_2);
}

static void TFM_ETSS_TEST_2025(void)
{
    etss_itest_unbound_client(ETSS_S_CLIENT, ETSS_S_UNBOUND_CLIENT);
}

static void TFM_ETSS_TEST_2026(void)
{
    etss_itest_zone_isolation(ETSS_S_CLIENT, ETSS_NS_CLIENT);
}

static void TFM_ETSS_TEST_2027(void)
{
    etss_itest_foreign_zone_asset(ETSS_S_CLIENT, ETSS_NS_CLIENT);
}

static const struct test_case cases[] = {
    TEST_CASE_DESC(TFM_ETSS_TEST_2001, "Set interface"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2002, "Get interface with valid data"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2003, "Set interface with create flags"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2004, "Set interface with NULL data pointer"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2005, "Set interface with write once UID"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2006, "Get interface with zero data length"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2007, "Get interface with invalid UIDs"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2008, "Get interface with invalid data lengths and offsets"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2009, "Get interface with NULL data pointer"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2010, "Get info interface with valid UID"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2011, "Get info interface with invalid UIDs"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2012, "Remove interface with valid UID"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2013, "Remove interface with write once UID"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2014, "Remove interface with invalid UIDs"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2015,
                   "Get, get info and remove from a client that is not the owner"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2016,
                   "Access to a UID of another client: same UID, independent assets"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2017, "Set the same UID alternately from two clients"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2018, "Block compaction after remove"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2019, "Multiple partial gets"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2020, "Multiple sets to the same UID"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2021, "Set, get and remove across asset sizes"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2022, "Repetitive sets and gets"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2023, "Repetitive sets, gets and removes"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2024, "Per-client asset limit"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2025, "Client without a binding"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2026,
                   "Secure and non-secure clients with the same UID are isolated"),
    TEST_CASE_DESC(TFM_ETSS_TEST_2027, "Secure client reaching for a non-secure client's asset"),
};

int main(void)
{
    if (etss_suite_env_start(false) != 0) {
        return 1;
    }
    return test_run(NULL, cases, sizeof(cases) / sizeof(cases[0]));
}
