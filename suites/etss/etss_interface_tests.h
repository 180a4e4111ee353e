/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS storage interface tests shared by the non-secure suite
 * (TFM_ETSS_TEST_1xxx) and the secure suite (TFM_ETSS_TEST_2xxx): one body
 * per test, run by each suite with its own clients.
 *
 * `client` owns the assets a test creates; `other` is a second client
 * bound to the same zone (the non-owner). Every test uses uids of its own
 * and removes what it created, even when a check fails half-way, so the
 * tests do not depend on each other.
 *
 * Assets created WRITE_ONCE cannot be removed: the three tests that make
 * one use fixed uids, and the asset limit test counts them.
 */
#ifndef ETSS_INTERFACE_TESTS_H
#define ETSS_INTERFACE_TESTS_H

#include <stdint.h>

void etss_itest_set(int32_t client, int32_t other);
void etss_itest_get_valid(int32_t client, int32_t other);
void etss_itest_set_create_flags(int32_t client, int32_t other);
void etss_itest_set_null_data(int32_t client, int32_t other);
void etss_itest_set_write_once(int32_t client, int32_t other);
void etss_itest_get_zero_length(int32_t client, int32_t other);
void etss_itest_get_invalid_uids(int32_t client, int32_t other);
void etss_itest_get_invalid_lengths_offsets(int32_t client, int32_t other);
void etss_itest_get_null_data(int32_t client, int32_t other);
void etss_itest_get_info_valid(int32_t client, int32_t other);
void etss_itest_get_info_invalid_uids(int32_t client, int32_t other);
void etss_itest_remove_valid(int32_t client, int32_t other);
void etss_itest_remove_write_once(int32_t client, int32_t other);
void etss_itest_remove_invalid_uids(int32_t client, int32_t other);
void etss_itest_not_owner(int32_t client, int32_t other);
void etss_itest_same_uid_two_clients(int32_t client, int32_t other);
void etss_itest_alternate_sets(int32_t client, int32_t other);
void etss_itest_block_compaction(int32_t client, int32_t other);
void etss_itest_multiple_partial_gets(int32_t client, int32_t other);
void etss_itest_multiple_sets(int32_t client, int32_t other);
void etss_itest_asset_sizes(int32_t client, int32_t other);
void etss_itest_repetitive_set_get(int32_t client, int32_t other);
void etss_itest_repetitive_set_get_remove(int32_t client, int32_t other);
void etss_itest_asset_limit(int32_t client, int32_t other);

/* `unbound` has no binding; `client` has one. */
void etss_itest_unbound_client(int32_t client, int32_t unbound);

/* `client` and `foreign` are bound to different zones. */
void etss_itest_zone_isolation(int32_t client, int32_t foreign);
void etss_itest_foreign_zone_asset(int32_t client, int32_t foreign);

#endif /* ETSS_INTERFACE_TESTS_H */
