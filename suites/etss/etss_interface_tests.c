/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The storage interface test bodies shared by the non-secure (1xxx) and
 * secure (2xxx) suites. Each public function runs one body for the given
 * clients, then clears the body's uid block, so an early failure leaves
 * nothing behind for the next test.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "etss/etss_api.h"
#include "etss_config.h"
#include "etss_interface_tests.h"
#include "etss_suite_env.h"
#include "test_harness.h"

/* Each test has a block of uids: UID(block, 1..BLOCK_UIDS). */
#define BLOCK_UIDS 24u
#define UID(block, k) (((psa_storage_uid_t)(block) << 8) | (psa_storage_uid_t)(k))

/* WRITE_ONCE assets stay for the rest of the process: fixed uids, outside
 * every block. */
#define WO_UID_CREATE_FLAGS ((psa_storage_uid_t)0x574F000000000001u)
#define WO_UID_SET ((psa_storage_uid_t)0x574F000000000002u)
#define WO_UID_REMOVE ((psa_storage_uid_t)0x574F000000000003u)

/* The flags of the suites' assets: on a part that cannot encrypt (an
 * authentication flash) they waive confidentiality, the only assets such
 * a part keeps; elsewhere none. */
#define ASSET_FLAGS etss_suite_asset_flags()
#define WRITE_ONCE_FLAGS (ASSET_FLAGS | PSA_STORAGE_FLAG_WRITE_ONCE)
#define NO_REPLAY_PROTECTION_FLAGS (ASSET_FLAGS | PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION)

#define MAX_ASSET ((size_t)ETSS_MAX_ASSET_SIZE)
#define UNKNOWN_FLAG (1u << 3)
/* Fills buffers before a call, to see what the call wrote. */
#define SENTINEL 0xA5u

/* The largest zone of etss_suite_provisioning() (zone 0). */
#define LARGEST_ZONE_SECTORS (ETSS_SUITE_ZONE0_BYTES / 4096u)

#define WRITE_DATA "THE_FIVE_BOXING_WIZARDS_JUMP_QUICKLY"
#define WRITE_DATA_SIZE (sizeof(WRITE_DATA) - 1u)

static uint8_t want[MAX_ASSET + 1u];
static uint8_t got[MAX_ASSET + 64u];

/* Deterministic content that differs with the seed (xorshift32). */
static void pattern(uint8_t *buf, size_t len, uint32_t seed)
{
    uint32_t x = seed ^ 0x9E3779B9u;
    for (size_t i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        buf[i] = (uint8_t)(x >> 8);
    }
}

/* `client`'s asset `uid` holds exactly `data` (and nothing after it),
 * with these flags. */
static void check_asset(int32_t client, psa_storage_uid_t uid, const uint8_t *data, size_t len,
                        psa_storage_create_flags_t flags)
{
    struct psa_storage_info_t info;
    size_t n = 0;
    etss_suite_as(client);
    memset(&info, 0, sizeof(info));
    CHECK_EQ(tfm_etss_get_info(uid, &info), ETSS_SUCCESS);
    CHECK_EQ(info.size, len);
    CHECK_EQ(info.capacity, len);
    CHECK_EQ(info.flags, flags);
    memset(got, SENTINEL, sizeof(got));
    CHECK_EQ(tfm_etss_get(uid, 0, sizeof(got), got, &n), ETSS_SUCCESS);
    CHECK_EQ(n, len);
    CHECK(len == 0u || memcmp(got, data, len) == 0);
    CHECK(etss_suite_all_bytes_are(&got[len], sizeof(got) - len, SENTINEL));
}

/* `client` has no asset `uid`. */
static void check_absent(int32_t client, psa_storage_uid_t uid)
{
    struct psa_storage_info_t info;
    size_t n = 0;
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_get_info(uid, &info), ETSS_ERR_DOES_NOT_EXIST);
    CHECK_EQ(tfm_etss_get(uid, 0, sizeof(got), got, &n), ETSS_ERR_DOES_NOT_EXIST);
}

/* After a test, whatever happened in it: its uids are gone for both clients. */
static void clear_block(int32_t client, int32_t other, uint32_t block)
{
    for (uint32_t k = 1; k <= BLOCK_UIDS; k++) {
        etss_suite_as(client);
        (void)tfm_etss_remove(UID(block, k));
        etss_suite_as(other);
        (void)tfm_etss_remove(UID(block, k));
    }
}

typedef void (*test_body)(int32_t client, int32_t other);

static void run(test_body body, int32_t client, int32_t other, uint32_t block)
{
    body(client, other);
    clear_block(client, other, block);
}

/* ---- set ---- */

#define B_SET 1u
static void set_body(int32_t client, int32_t other)
{
    (void)other;
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(UID(B_SET, 1), WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_HELPER(check_asset(client, UID(B_SET, 1), (const uint8_t *)WRITE_DATA, WRITE_DATA_SIZE,
                             ASSET_FLAGS));
    CHECK_EQ(tfm_etss_remove(UID(B_SET, 1)), ETSS_SUCCESS);
}

void etss_itest_set(int32_t client, int32_t other)
{
    run(set_body, client, other, B_SET);
}

#define B_GET_VALID 2u
static void get_valid_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t uid = UID(B_GET_VALID, 1);
    uint8_t exact[WRITE_DATA_SIZE];
    size_t n = 0;
    (void)other;
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(uid, WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS), ETSS_SUCCESS);
    /* A buffer of exactly the asset's size. */
    memset(exact, SENTINEL, sizeof(exact));
    CHECK_EQ(tfm_etss_get(uid, 0, sizeof(exact), exact, &n), ETSS_SUCCESS);
    CHECK_EQ(n, WRITE_DATA_SIZE);
    CHECK_MEM_EQ(exact, WRITE_DATA, WRITE_DATA_SIZE);
    /* A larger one: the asset, then nothing. */
    CHECK_HELPER(
        check_asset(client, uid, (const uint8_t *)WRITE_DATA, WRITE_DATA_SIZE, ASSET_FLAGS));
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_get_valid(int32_t client, int32_t other)
{
    run(get_valid_body, client, other, B_GET_VALID);
}

#define B_CREATE_FLAGS 3u
static void create_flags_body(int32_t client, int32_t other)
{
    static const psa_storage_create_flags_t accepted[] = {
        PSA_STORAGE_FLAG_NONE,
        PSA_STORAGE_FLAG_NO_CONFIDENTIALITY,
        PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION,
        PSA_STORAGE_FLAG_NO_CONFIDENTIALITY | PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION,
    };
    static const psa_storage_create_flags_t unknown[] = {
        UNKNOWN_FLAG,
        0x80000000u,
        PSA_STORAGE_FLAG_WRITE_ONCE | UNKNOWN_FLAG,
        PSA_STORAGE_FLAG_NO_CONFIDENTIALITY | 0x100u,
    };
    const size_t len = 48;
    (void)other;
    pattern(want, len, 3);
    for (size_t i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
        const psa_storage_uid_t uid = UID(B_CREATE_FLAGS, 1u + i);
        etss_suite_as(client);
        const psa_storage_create_flags_t flags = accepted[i] | ASSET_FLAGS;
        CHECK_EQ(tfm_etss_set(uid, len, want, flags), ETSS_SUCCESS);
        CHECK_HELPER(check_asset(client, uid, want, len, flags));
        CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
    }
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(WO_UID_CREATE_FLAGS, len, want, WRITE_ONCE_FLAGS), ETSS_SUCCESS);
    CHECK_HELPER(check_asset(client, WO_UID_CREATE_FLAGS, want, len, WRITE_ONCE_FLAGS));

    /* Unknown flags: refused, and nothing is created. */
    for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        const psa_storage_uid_t uid = UID(B_CREATE_FLAGS, 10u + i);
        etss_suite_as(client);
        CHECK_EQ(tfm_etss_set(uid, len, want, unknown[i]), ETSS_ERR_NOT_SUPPORTED);
        CHECK_HELPER(check_absent(client, uid));
    }
    /* ... nor is an existing asset changed. */
    const psa_storage_uid_t kept = UID(B_CREATE_FLAGS, 20);
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(kept, len, want, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_set(kept, WRITE_DATA_SIZE, WRITE_DATA, UNKNOWN_FLAG), ETSS_ERR_NOT_SUPPORTED);
    CHECK_HELPER(check_asset(client, kept, want, len, ASSET_FLAGS));
    CHECK_EQ(tfm_etss_remove(kept), ETSS_SUCCESS);
}

void etss_itest_set_create_flags(int32_t client, int32_t other)
{
    run(create_flags_body, client, other, B_CREATE_FLAGS);
}

#define B_SET_NULL 4u
static void set_null_data_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t empty = UID(B_SET_NULL, 1);
    const psa_storage_uid_t refused = UID(B_SET_NULL, 2);
    const psa_storage_uid_t kept = UID(B_SET_NULL, 3);
    (void)other;
    etss_suite_as(client);
    /* NULL with length 0: a valid empty asset. */
    CHECK_EQ(tfm_etss_set(empty, 0, NULL, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_HELPER(check_asset(client, empty, NULL, 0, ASSET_FLAGS));
    /* NULL with a length: refused, nothing created. */
    CHECK_EQ(tfm_etss_set(refused, 5, NULL, ASSET_FLAGS), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_HELPER(check_absent(client, refused));
    /* ... and an existing asset keeps its value. */
    CHECK_EQ(tfm_etss_set(kept, WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_set(kept, 5, NULL, ASSET_FLAGS), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_HELPER(
        check_asset(client, kept, (const uint8_t *)WRITE_DATA, WRITE_DATA_SIZE, ASSET_FLAGS));
    /* An asset emptied by a NULL, 0 set. */
    CHECK_EQ(tfm_etss_set(kept, 0, NULL, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_HELPER(check_asset(client, kept, NULL, 0, ASSET_FLAGS));
    CHECK_EQ(tfm_etss_remove(empty), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_remove(kept), ETSS_SUCCESS);
}

void etss_itest_set_null_data(int32_t client, int32_t other)
{
    run(set_null_data_body, client, other, B_SET_NULL);
}

#define B_WRITE_ONCE 5u
static void write_once_body(int32_t client, int32_t other)
{
    const size_t len = 64;
    uint8_t other_data[16];
    pattern(want, len, 5);
    pattern(other_data, sizeof(other_data), 55);
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(WO_UID_SET, len, want, WRITE_ONCE_FLAGS), ETSS_SUCCESS);
    /* No later set, whatever its flags or data, and no remove. */
    CHECK_EQ(tfm_etss_set(WO_UID_SET, WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS),
             ETSS_ERR_NOT_PERMITTED);
    CHECK_EQ(tfm_etss_set(WO_UID_SET, WRITE_DATA_SIZE, WRITE_DATA, WRITE_ONCE_FLAGS),
             ETSS_ERR_NOT_PERMITTED);
    CHECK_EQ(tfm_etss_set(WO_UID_SET, len, want, WRITE_ONCE_FLAGS), ETSS_ERR_NOT_PERMITTED);
    CHECK_EQ(tfm_etss_set(WO_UID_SET, 0, NULL, ASSET_FLAGS), ETSS_ERR_NOT_PERMITTED);
    CHECK_HELPER(check_asset(client, WO_UID_SET, want, len, WRITE_ONCE_FLAGS));
    CHECK_EQ(tfm_etss_remove(WO_UID_SET), ETSS_ERR_NOT_PERMITTED);
    CHECK_HELPER(check_asset(client, WO_UID_SET, want, len, WRITE_ONCE_FLAGS));
    /* Write-once binds the owner's asset only: another client's asset with
     * the same uid is its own, and ordinary. */
    etss_suite_as(other);
    CHECK_EQ(tfm_etss_set(WO_UID_SET, sizeof(other_data), other_data, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_HELPER(check_asset(other, WO_UID_SET, other_data, sizeof(other_data), ASSET_FLAGS));
    CHECK_EQ(tfm_etss_remove(WO_UID_SET), ETSS_SUCCESS);
    CHECK_HELPER(check_asset(client, WO_UID_SET, want, len, WRITE_ONCE_FLAGS));
}

void etss_itest_set_write_once(int32_t client, int32_t other)
{
    run(write_once_body, client, other, B_WRITE_ONCE);
    /* The other client's asset is outside the block. */
    etss_suite_as(other);
    (void)tfm_etss_remove(WO_UID_SET);
}

/* ---- get ---- */

#define B_GET_ZERO 6u
static void get_zero_length_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t uid = UID(B_GET_ZERO, 1);
    const psa_storage_uid_t empty = UID(B_GET_ZERO, 2);
    size_t n = 99;
    (void)other;
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(uid, WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS), ETSS_SUCCESS);
    /* data_size 0: success, nothing written. */
    memset(got, SENTINEL, sizeof(got));
    CHECK_EQ(tfm_etss_get(uid, 0, 0, got, &n), ETSS_SUCCESS);
    CHECK_EQ(n, 0);
    n = 99;
    CHECK_EQ(tfm_etss_get(uid, 5, 0, got, &n), ETSS_SUCCESS);
    CHECK_EQ(n, 0);
    CHECK(etss_suite_all_bytes_are(got, sizeof(got), SENTINEL));
    /* A zero-length asset: any get returns nothing. */
    CHECK_EQ(tfm_etss_set(empty, 0, NULL, ASSET_FLAGS), ETSS_SUCCESS);
    n = 99;
    CHECK_EQ(tfm_etss_get(empty, 0, sizeof(got), got, &n), ETSS_SUCCESS);
    CHECK_EQ(n, 0);
    CHECK(etss_suite_all_bytes_are(got, sizeof(got), SENTINEL));
    CHECK_EQ(tfm_etss_get(empty, 1, sizeof(got), got, &n), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_remove(empty), ETSS_SUCCESS);
}

void etss_itest_get_zero_length(int32_t client, int32_t other)
{
    run(get_zero_length_body, client, other, B_GET_ZERO);
}

#define B_GET_INVALID_UID 7u
static void get_invalid_uids_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t never = UID(B_GET_INVALID_UID, 1);
    const psa_storage_uid_t removed = UID(B_GET_INVALID_UID, 2);
    size_t n = 0;
    (void)other;
    etss_suite_as(client);
    /* Failed gets write nothing (p_data_length is unspecified on failure). */
    memset(got, SENTINEL, sizeof(got));
    CHECK_EQ(tfm_etss_get(ETSS_INVALID_UID, 0, sizeof(got), got, &n), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_get(never, 0, sizeof(got), got, &n), ETSS_ERR_DOES_NOT_EXIST);
    CHECK_EQ(tfm_etss_set(removed, WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_remove(removed), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_get(removed, 0, sizeof(got), got, &n), ETSS_ERR_DOES_NOT_EXIST);
    CHECK(etss_suite_all_bytes_are(got, sizeof(got), SENTINEL));
}

void etss_itest_get_invalid_uids(int32_t client, int32_t other)
{
    run(get_invalid_uids_body, client, other, B_GET_INVALID_UID);
}

#define B_GET_INVALID_LEN 8u
static void get_invalid_lengths_offsets_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t uid = UID(B_GET_INVALID_LEN, 1);
    const size_t len = 100;
    size_t n = 0;
    (void)other;
    pattern(want, len, 8);
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(uid, len, want, ASSET_FLAGS), ETSS_SUCCESS);
    memset(got, SENTINEL, sizeof(got));
    /* Offsets beyond the asset. */
    CHECK_EQ(tfm_etss_get(uid, len + 1u, 10, got, &n), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_get(uid, UINT32_MAX, 10, got, &n), ETSS_ERR_INVALID_ARGUMENT);
#if SIZE_MAX > UINT32_MAX
    CHECK_EQ(tfm_etss_get(uid, (size_t)UINT32_MAX + 1u, 10, got, &n), ETSS_ERR_INVALID_ARGUMENT);
#endif
    CHECK(etss_suite_all_bytes_are(got, sizeof(got), SENTINEL));
    /* Offset == size: nothing, successfully. */
    n = 99;
    CHECK_EQ(tfm_etss_get(uid, len, 10, got, &n), ETSS_SUCCESS);
    CHECK_EQ(n, 0);
    CHECK(etss_suite_all_bytes_are(got, sizeof(got), SENTINEL));
    /* More asked than stored: what there is. */
    CHECK_EQ(tfm_etss_get(uid, 0, 2u * len, got, &n), ETSS_SUCCESS);
    CHECK_EQ(n, len);
    CHECK_MEM_EQ(got, want, len);
    CHECK(etss_suite_all_bytes_are(&got[len], sizeof(got) - len, SENTINEL));
    /* Partial: from the middle, and a tail shorter than asked. */
    memset(got, SENTINEL, sizeof(got));
    CHECK_EQ(tfm_etss_get(uid, 10, 20, got, &n), ETSS_SUCCESS);
    CHECK_EQ(n, 20);
    CHECK_MEM_EQ(got, &want[10], 20);
    CHECK(etss_suite_all_bytes_are(&got[20], sizeof(got) - 20u, SENTINEL));
    memset(got, SENTINEL, sizeof(got));
    CHECK_EQ(tfm_etss_get(uid, 90, 20, got, &n), ETSS_SUCCESS);
    CHECK_EQ(n, 10);
    CHECK_MEM_EQ(got, &want[90], 10);
    CHECK(etss_suite_all_bytes_are(&got[10], sizeof(got) - 10u, SENTINEL));
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_get_invalid_lengths_offsets(int32_t client, int32_t other)
{
    run(get_invalid_lengths_offsets_body, client, other, B_GET_INVALID_LEN);
}

#define B_GET_NULL 9u
static void get_null_data_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t uid = UID(B_GET_NULL, 1);
    size_t n = 99;
    (void)other;
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(uid, WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_get(uid, 0, 0, NULL, &n), ETSS_SUCCESS);
    CHECK_EQ(n, 0);
    CHECK_EQ(tfm_etss_get(uid, 0, WRITE_DATA_SIZE, NULL, &n), ETSS_ERR_INVALID_ARGUMENT);
    memset(got, SENTINEL, sizeof(got));
    CHECK_EQ(tfm_etss_get(uid, 0, sizeof(got), got, NULL), ETSS_ERR_INVALID_ARGUMENT);
    CHECK(etss_suite_all_bytes_are(got, sizeof(got), SENTINEL));
    CHECK_HELPER(
        check_asset(client, uid, (const uint8_t *)WRITE_DATA, WRITE_DATA_SIZE, ASSET_FLAGS));
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_get_null_data(int32_t client, int32_t other)
{
    run(get_null_data_body, client, other, B_GET_NULL);
}

/* ---- get_info ---- */

#define B_INFO_VALID 10u
static void get_info_valid_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t uid = UID(B_INFO_VALID, 1);
    struct psa_storage_info_t info;
    (void)other;
    pattern(want, 37, 10);
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(uid, 37, want, ASSET_FLAGS), ETSS_SUCCESS);
    memset(&info, SENTINEL, sizeof(info));
    CHECK_EQ(tfm_etss_get_info(uid, &info), ETSS_SUCCESS);
    CHECK_EQ(info.size, 37);
    CHECK_EQ(info.capacity, 37);
    CHECK_EQ(info.flags, ASSET_FLAGS);
    /* A new value brings its own size and flags. */
    CHECK_EQ(tfm_etss_set(uid, 5, want, NO_REPLAY_PROTECTION_FLAGS), ETSS_SUCCESS);
    memset(&info, SENTINEL, sizeof(info));
    CHECK_EQ(tfm_etss_get_info(uid, &info), ETSS_SUCCESS);
    CHECK_EQ(info.size, 5);
    CHECK_EQ(info.capacity, 5);
    CHECK_EQ(info.flags, NO_REPLAY_PROTECTION_FLAGS);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_get_info_valid(int32_t client, int32_t other)
{
    run(get_info_valid_body, client, other, B_INFO_VALID);
}

#define B_INFO_INVALID 11u
static void get_info_invalid_uids_body(int32_t client, int32_t other)
{
    struct psa_storage_info_t info;
    struct psa_storage_info_t untouched;
    (void)other;
    etss_suite_as(client);
    memset(&info, SENTINEL, sizeof(info));
    memset(&untouched, SENTINEL, sizeof(untouched));
    CHECK_EQ(tfm_etss_get_info(ETSS_INVALID_UID, &info), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_get_info(UID(B_INFO_INVALID, 1), &info), ETSS_ERR_DOES_NOT_EXIST);
    CHECK_MEM_EQ(&info, &untouched, sizeof(info));
    /* No place for the answer. */
    CHECK_EQ(tfm_etss_set(UID(B_INFO_INVALID, 2), WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS),
             ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_get_info(UID(B_INFO_INVALID, 2), NULL), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_remove(UID(B_INFO_INVALID, 2)), ETSS_SUCCESS);
}

void etss_itest_get_info_invalid_uids(int32_t client, int32_t other)
{
    run(get_info_invalid_uids_body, client, other, B_INFO_INVALID);
}

/* ---- remove ---- */

#define B_REMOVE_VALID 12u
static void remove_valid_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t uid = UID(B_REMOVE_VALID, 1);
    const psa_storage_uid_t neighbour = UID(B_REMOVE_VALID, 2);
    (void)other;
    pattern(want, 200, 12);
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(uid, WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_set(neighbour, 200, want, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
    CHECK_HELPER(check_absent(client, uid));
    CHECK_EQ(tfm_etss_remove(uid), ETSS_ERR_DOES_NOT_EXIST);
    CHECK_HELPER(check_asset(client, neighbour, want, 200, ASSET_FLAGS));
    /* The uid can be used again. */
    CHECK_EQ(tfm_etss_set(uid, 3, "new", ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_HELPER(check_asset(client, uid, (const uint8_t *)"new", 3, ASSET_FLAGS));
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_remove(neighbour), ETSS_SUCCESS);
    CHECK_HELPER(check_absent(client, neighbour));
}

void etss_itest_remove_valid(int32_t client, int32_t other)
{
    run(remove_valid_body, client, other, B_REMOVE_VALID);
}

#define B_REMOVE_WO 13u
static void remove_write_once_body(int32_t client, int32_t other)
{
    (void)other;
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(WO_UID_REMOVE, WRITE_DATA_SIZE, WRITE_DATA, WRITE_ONCE_FLAGS),
             ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_remove(WO_UID_REMOVE), ETSS_ERR_NOT_PERMITTED);
    CHECK_EQ(tfm_etss_remove(WO_UID_REMOVE), ETSS_ERR_NOT_PERMITTED);
    CHECK_HELPER(check_asset(client, WO_UID_REMOVE, (const uint8_t *)WRITE_DATA, WRITE_DATA_SIZE,
                             WRITE_ONCE_FLAGS));
}

void etss_itest_remove_write_once(int32_t client, int32_t other)
{
    run(remove_write_once_body, client, other, B_REMOVE_WO);
}

#define B_REMOVE_INVALID 14u
static void remove_invalid_uids_body(int32_t client, int32_t other)
{
    (void)other;
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_remove(ETSS_INVALID_UID), ETSS_ERR_INVALID_ARGUMENT);
    CHECK_EQ(tfm_etss_remove(UID(B_REMOVE_INVALID, 1)), ETSS_ERR_DOES_NOT_EXIST);
}

void etss_itest_remove_invalid_uids(int32_t client, int32_t other)
{
    run(remove_invalid_uids_body, client, other, B_REMOVE_INVALID);
}

/* ---- ownership ---- */

#define B_NOT_OWNER 15u
static void not_owner_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t uid = UID(B_NOT_OWNER, 1);
    struct psa_storage_info_t info;
    size_t n = 0;
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(uid, WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS), ETSS_SUCCESS);
    /* Same zone, same uid, not the owner: as if there were nothing. */
    etss_suite_as(other);
    memset(got, SENTINEL, sizeof(got));
    CHECK_EQ(tfm_etss_get(uid, 0, sizeof(got), got, &n), ETSS_ERR_DOES_NOT_EXIST);
    CHECK(etss_suite_all_bytes_are(got, sizeof(got), SENTINEL));
    CHECK_EQ(tfm_etss_get_info(uid, &info), ETSS_ERR_DOES_NOT_EXIST);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_ERR_DOES_NOT_EXIST);
    CHECK_HELPER(
        check_asset(client, uid, (const uint8_t *)WRITE_DATA, WRITE_DATA_SIZE, ASSET_FLAGS));
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_not_owner(int32_t client, int32_t other)
{
    run(not_owner_body, client, other, B_NOT_OWNER);
}

#define B_SAME_UID 16u
static void same_uid_two_clients_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t uid = UID(B_SAME_UID, 1);
    uint8_t theirs[70];
    pattern(want, 40, 16);
    pattern(theirs, sizeof(theirs), 160);
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(uid, 40, want, ASSET_FLAGS), ETSS_SUCCESS);
    etss_suite_as(other);
    CHECK_EQ(tfm_etss_set(uid, sizeof(theirs), theirs, PSA_STORAGE_FLAG_NO_CONFIDENTIALITY),
             ETSS_SUCCESS);
    CHECK_HELPER(check_asset(client, uid, want, 40, ASSET_FLAGS));
    CHECK_HELPER(
        check_asset(other, uid, theirs, sizeof(theirs), PSA_STORAGE_FLAG_NO_CONFIDENTIALITY));
    /* Removing one leaves the other. */
    etss_suite_as(other);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
    CHECK_HELPER(check_absent(other, uid));
    CHECK_HELPER(check_asset(client, uid, want, 40, ASSET_FLAGS));
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_same_uid_two_clients(int32_t client, int32_t other)
{
    run(same_uid_two_clients_body, client, other, B_SAME_UID);
}

#define B_ALTERNATE 17u
static void alternate_sets_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t uid = UID(B_ALTERNATE, 1);
    uint8_t theirs[200];
    for (uint32_t round = 0; round < 10u; round++) {
        const size_t mine_len = 10u + round * 13u;
        const size_t their_len = 200u - round * 7u;
        pattern(want, mine_len, 2u * round);
        pattern(theirs, their_len, 2u * round + 1u);
        etss_suite_as(client);
        CHECK_EQ(tfm_etss_set(uid, mine_len, want, ASSET_FLAGS), ETSS_SUCCESS);
        etss_suite_as(other);
        CHECK_EQ(tfm_etss_set(uid, their_len, theirs, ASSET_FLAGS), ETSS_SUCCESS);
        CHECK_HELPER(check_asset(client, uid, want, mine_len, ASSET_FLAGS));
        CHECK_HELPER(check_asset(other, uid, theirs, their_len, ASSET_FLAGS));
    }
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
    etss_suite_as(other);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_alternate_sets(int32_t client, int32_t other)
{
    run(alternate_sets_body, client, other, B_ALTERNATE);
}

/* ---- the store under load ---- */

#define B_COMPACTION 18u
#define COMPACTION_ASSETS 8u
#define COMPACTION_ROUNDS 64u
static void block_compaction_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t bystander = UID(B_COMPACTION, 20);
    static uint8_t small[100];
    uint32_t seed[COMPACTION_ASSETS];
    uint64_t erased_before = 0;
    const bool erases_seen = etss_suite_sectors_erased(&erased_before);
    (void)other;
    pattern(small, sizeof(small), 18);
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(bystander, sizeof(small), small, ASSET_FLAGS), ETSS_SUCCESS);
    for (uint32_t i = 0; i < COMPACTION_ASSETS; i++) {
        seed[i] = 1000u + i;
        pattern(want, MAX_ASSET, seed[i]);
        CHECK_EQ(tfm_etss_set(UID(B_COMPACTION, 1u + i), MAX_ASSET, want, ASSET_FLAGS),
                 ETSS_SUCCESS);
    }
    /* Each round frees half the large assets and writes new ones in their
     * place: a large record fills a sector, so the log runs round the zone
     * several times and its oldest sectors are reclaimed with live assets in
     * them. */
    for (uint32_t round = 0; round < COMPACTION_ROUNDS; round++) {
        for (uint32_t i = round % 2u; i < COMPACTION_ASSETS; i += 2u) {
            etss_suite_as(client);
            CHECK_EQ(tfm_etss_remove(UID(B_COMPACTION, 1u + i)), ETSS_SUCCESS);
            CHECK_HELPER(check_absent(client, UID(B_COMPACTION, 1u + i)));
        }
        for (uint32_t i = round % 2u; i < COMPACTION_ASSETS; i += 2u) {
            seed[i] = 2000u + round * COMPACTION_ASSETS + i;
            pattern(want, MAX_ASSET, seed[i]);
            etss_suite_as(client);
            CHECK_EQ(tfm_etss_set(UID(B_COMPACTION, 1u + i), MAX_ASSET, want, ASSET_FLAGS),
                     ETSS_SUCCESS);
        }
        for (uint32_t i = 0; i < COMPACTION_ASSETS; i++) {
            pattern(want, MAX_ASSET, seed[i]);
            CHECK_HELPER(
                check_asset(client, UID(B_COMPACTION, 1u + i), want, MAX_ASSET, ASSET_FLAGS));
        }
        CHECK_HELPER(check_asset(client, bystander, small, sizeof(small), ASSET_FLAGS));
    }
    /* The test did what it says: the log went round the largest zone
     * (where the suite can see the chip). */
    uint64_t erased_after = 0;
    if (erases_seen) {
        CHECK(etss_suite_sectors_erased(&erased_after));
        CHECK(erased_after - erased_before > LARGEST_ZONE_SECTORS);
    }
    etss_suite_as(client);
    for (uint32_t i = 0; i < COMPACTION_ASSETS; i++) {
        CHECK_EQ(tfm_etss_remove(UID(B_COMPACTION, 1u + i)), ETSS_SUCCESS);
    }
    CHECK_EQ(tfm_etss_remove(bystander), ETSS_SUCCESS);
}

void etss_itest_block_compaction(int32_t client, int32_t other)
{
    run(block_compaction_body, client, other, B_COMPACTION);
}

#define B_PARTIAL 19u
static void multiple_partial_gets_body(int32_t client, int32_t other)
{
    static const size_t chunks[] = {1, 7, 64};
    static uint8_t assembled[MAX_ASSET];
    const psa_storage_uid_t uid = UID(B_PARTIAL, 1);
    (void)other;
    pattern(want, MAX_ASSET, 19);
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(uid, MAX_ASSET, want, ASSET_FLAGS), ETSS_SUCCESS);
    for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
        memset(assembled, 0, sizeof(assembled));
        size_t offset = 0;
        while (offset < MAX_ASSET) {
            const size_t expect = MAX_ASSET - offset < chunks[c] ? MAX_ASSET - offset : chunks[c];
            size_t n = 0;
            memset(got, SENTINEL, sizeof(got));
            CHECK_EQ(tfm_etss_get(uid, offset, chunks[c], got, &n), ETSS_SUCCESS);
            CHECK_EQ(n, expect);
            CHECK(etss_suite_all_bytes_are(&got[n], sizeof(got) - n, SENTINEL));
            memcpy(&assembled[offset], got, n);
            offset += n;
        }
        CHECK_MEM_EQ(assembled, want, MAX_ASSET);
        size_t none = 99;
        CHECK_EQ(tfm_etss_get(uid, MAX_ASSET, chunks[c], got, &none), ETSS_SUCCESS);
        CHECK_EQ(none, 0);
    }
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_multiple_partial_gets(int32_t client, int32_t other)
{
    run(multiple_partial_gets_body, client, other, B_PARTIAL);
}

#define B_MULTI_SET 20u
static void multiple_sets_body(int32_t client, int32_t other)
{
    static const size_t lengths[] = {300, 20, MAX_ASSET, 0, 77, 1};
    const psa_storage_uid_t uid = UID(B_MULTI_SET, 1);
    (void)other;
    for (uint32_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
        pattern(want, lengths[i], 20u + i);
        etss_suite_as(client);
        CHECK_EQ(tfm_etss_set(uid, lengths[i], want, ASSET_FLAGS), ETSS_SUCCESS);
        CHECK_HELPER(check_asset(client, uid, want, lengths[i], ASSET_FLAGS));
    }
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_multiple_sets(int32_t client, int32_t other)
{
    run(multiple_sets_body, client, other, B_MULTI_SET);
}

#define B_SIZES 21u
static void asset_sizes_body(int32_t client, int32_t other)
{
    static const size_t sizes[] = {1, 16, 256, 1024, MAX_ASSET - 1u, MAX_ASSET};
    const size_t n_sizes = sizeof(sizes) / sizeof(sizes[0]);
    (void)other;
    /* All sizes side by side, then each checked. */
    for (uint32_t i = 0; i < n_sizes; i++) {
        pattern(want, sizes[i], 210u + i);
        etss_suite_as(client);
        CHECK_EQ(tfm_etss_set(UID(B_SIZES, 1u + i), sizes[i], want, ASSET_FLAGS), ETSS_SUCCESS);
    }
    for (uint32_t i = 0; i < n_sizes; i++) {
        pattern(want, sizes[i], 210u + i);
        CHECK_HELPER(check_asset(client, UID(B_SIZES, 1u + i), want, sizes[i], ASSET_FLAGS));
    }
    /* One byte over the limit: refused, for a new uid and an existing one. */
    pattern(want, MAX_ASSET + 1u, 299);
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(UID(B_SIZES, 10), MAX_ASSET + 1u, want, ASSET_FLAGS),
             ETSS_ERR_INVALID_ARGUMENT);
    CHECK_HELPER(check_absent(client, UID(B_SIZES, 10)));
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(UID(B_SIZES, 1), MAX_ASSET + 1u, want, ASSET_FLAGS),
             ETSS_ERR_INVALID_ARGUMENT);
    for (uint32_t i = 0; i < n_sizes; i++) {
        pattern(want, sizes[i], 210u + i);
        CHECK_HELPER(check_asset(client, UID(B_SIZES, 1u + i), want, sizes[i], ASSET_FLAGS));
        CHECK_EQ(tfm_etss_remove(UID(B_SIZES, 1u + i)), ETSS_SUCCESS);
        CHECK_HELPER(check_absent(client, UID(B_SIZES, 1u + i)));
    }
}

void etss_itest_asset_sizes(int32_t client, int32_t other)
{
    run(asset_sizes_body, client, other, B_SIZES);
}

#define B_REPEAT_SET_GET 22u
#define REPEAT_ROUNDS 100u
static void repetitive_set_get_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t uid = UID(B_REPEAT_SET_GET, 1);
    (void)other;
    for (uint32_t round = 0; round < REPEAT_ROUNDS; round++) {
        const size_t len = 1u + (size_t)round * 37u % MAX_ASSET;
        pattern(want, len, 2200u + round);
        etss_suite_as(client);
        CHECK_EQ(tfm_etss_set(uid, len, want, ASSET_FLAGS), ETSS_SUCCESS);
        CHECK_HELPER(check_asset(client, uid, want, len, ASSET_FLAGS));
    }
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_repetitive_set_get(int32_t client, int32_t other)
{
    run(repetitive_set_get_body, client, other, B_REPEAT_SET_GET);
}

#define B_REPEAT_SET_GET_REMOVE 23u
static void repetitive_set_get_remove_body(int32_t client, int32_t other)
{
    const psa_storage_uid_t uid = UID(B_REPEAT_SET_GET_REMOVE, 1);
    (void)other;
    for (uint32_t round = 0; round < REPEAT_ROUNDS; round++) {
        const size_t len = 1u + (size_t)round * 53u % MAX_ASSET;
        pattern(want, len, 2300u + round);
        etss_suite_as(client);
        CHECK_EQ(tfm_etss_set(uid, len, want, ASSET_FLAGS), ETSS_SUCCESS);
        CHECK_HELPER(check_asset(client, uid, want, len, ASSET_FLAGS));
        CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
        CHECK_HELPER(check_absent(client, uid));
    }
}

void etss_itest_repetitive_set_get_remove(int32_t client, int32_t other)
{
    run(repetitive_set_get_remove_body, client, other, B_REPEAT_SET_GET_REMOVE);
}

/* ---- limits and bindings ---- */

#define B_LIMIT 24u
static void limit_data(uint32_t k)
{
    pattern(want, 8u + k, 2400u + k);
}

static void asset_limit_body(int32_t client, int32_t other)
{
    static const psa_storage_uid_t write_once[] = {WO_UID_CREATE_FLAGS, WO_UID_SET, WO_UID_REMOVE};
    struct psa_storage_info_t info;
    uint32_t held = 0;
    /* The write-once assets earlier tests left count against the limit. */
    etss_suite_as(client);
    for (size_t i = 0; i < sizeof(write_once) / sizeof(write_once[0]); i++) {
        etss_err_t err = tfm_etss_get_info(write_once[i], &info);
        CHECK(err == ETSS_SUCCESS || err == ETSS_ERR_DOES_NOT_EXIST);
        held += err == ETSS_SUCCESS ? 1u : 0u;
    }
    const uint32_t room = ETSS_MAX_ASSETS_PER_CLIENT - held;
    for (uint32_t k = 1; k <= room; k++) {
        limit_data(k);
        etss_suite_as(client);
        CHECK_EQ(tfm_etss_set(UID(B_LIMIT, k), 8u + k, want, ASSET_FLAGS), ETSS_SUCCESS);
    }
    /* One more: no room, nothing created, nothing lost. */
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(UID(B_LIMIT, room + 1u), WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS),
             ETSS_ERR_INSUFFICIENT_STORAGE);
    CHECK_HELPER(check_absent(client, UID(B_LIMIT, room + 1u)));
    for (uint32_t k = 1; k <= room; k++) {
        limit_data(k);
        CHECK_HELPER(check_asset(client, UID(B_LIMIT, k), want, 8u + k, ASSET_FLAGS));
    }
    /* Replacing an asset at the limit is not a new asset. */
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(UID(B_LIMIT, 1), WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_HELPER(check_asset(client, UID(B_LIMIT, 1), (const uint8_t *)WRITE_DATA, WRITE_DATA_SIZE,
                             ASSET_FLAGS));
    /* The limit is per client: the other client of the zone still has room. */
    etss_suite_as(other);
    CHECK_EQ(tfm_etss_set(UID(B_LIMIT, room + 1u), WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS),
             ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_remove(UID(B_LIMIT, room + 1u)), ETSS_SUCCESS);
    /* A remove makes room for one, and only one. */
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_remove(UID(B_LIMIT, 1)), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_set(UID(B_LIMIT, room + 1u), WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS),
             ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_set(UID(B_LIMIT, room + 2u), WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS),
             ETSS_ERR_INSUFFICIENT_STORAGE);
    CHECK_HELPER(check_asset(client, UID(B_LIMIT, room + 1u), (const uint8_t *)WRITE_DATA,
                             WRITE_DATA_SIZE, ASSET_FLAGS));
    etss_suite_as(client);
    for (uint32_t k = 2; k <= room + 1u; k++) {
        CHECK_EQ(tfm_etss_remove(UID(B_LIMIT, k)), ETSS_SUCCESS);
    }
}

void etss_itest_asset_limit(int32_t client, int32_t other)
{
    run(asset_limit_body, client, other, B_LIMIT);
}

#define B_UNBOUND 25u
static void unbound_client_body(int32_t client, int32_t unbound)
{
    const psa_storage_uid_t uid = UID(B_UNBOUND, 1);
    struct psa_storage_info_t info;
    size_t n = 0;
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(uid, WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS), ETSS_SUCCESS);
    /* No binding, no storage: not even "does not exist". */
    etss_suite_as(unbound);
    CHECK_EQ(tfm_etss_set(uid, 3, "abc", ASSET_FLAGS), ETSS_ERR_NOT_PERMITTED);
    CHECK_EQ(tfm_etss_set(UID(B_UNBOUND, 2), 3, "abc", ASSET_FLAGS), ETSS_ERR_NOT_PERMITTED);
    memset(got, SENTINEL, sizeof(got));
    CHECK_EQ(tfm_etss_get(uid, 0, sizeof(got), got, &n), ETSS_ERR_NOT_PERMITTED);
    CHECK(etss_suite_all_bytes_are(got, sizeof(got), SENTINEL));
    CHECK_EQ(tfm_etss_get_info(uid, &info), ETSS_ERR_NOT_PERMITTED);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_ERR_NOT_PERMITTED);
    CHECK_HELPER(
        check_asset(client, uid, (const uint8_t *)WRITE_DATA, WRITE_DATA_SIZE, ASSET_FLAGS));
    CHECK_HELPER(check_absent(client, UID(B_UNBOUND, 2)));
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_unbound_client(int32_t client, int32_t unbound)
{
    run(unbound_client_body, client, unbound, B_UNBOUND);
}

/* ---- zones ---- */

#define B_ZONE_ISOLATION 26u
static void zone_isolation_body(int32_t client, int32_t foreign)
{
    const psa_storage_uid_t uid = UID(B_ZONE_ISOLATION, 1);
    uint8_t theirs[90];
    pattern(want, 60, 26);
    pattern(theirs, sizeof(theirs), 260);
    etss_suite_as(foreign);
    CHECK_EQ(tfm_etss_set(uid, sizeof(theirs), theirs, ASSET_FLAGS), ETSS_SUCCESS);
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(uid, 60, want, ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_HELPER(check_asset(client, uid, want, 60, ASSET_FLAGS));
    CHECK_HELPER(check_asset(foreign, uid, theirs, sizeof(theirs), ASSET_FLAGS));
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
    CHECK_HELPER(check_absent(client, uid));
    CHECK_HELPER(check_asset(foreign, uid, theirs, sizeof(theirs), ASSET_FLAGS));
    etss_suite_as(foreign);
    CHECK_EQ(tfm_etss_remove(uid), ETSS_SUCCESS);
}

void etss_itest_zone_isolation(int32_t client, int32_t foreign)
{
    run(zone_isolation_body, client, foreign, B_ZONE_ISOLATION);
}

#define B_FOREIGN_ASSET 27u
static void foreign_zone_asset_body(int32_t client, int32_t foreign)
{
    const psa_storage_uid_t theirs = UID(B_FOREIGN_ASSET, 1);
    const psa_storage_uid_t mine = UID(B_FOREIGN_ASSET, 2);
    struct psa_storage_info_t info;
    size_t n = 0;
    etss_suite_as(foreign);
    CHECK_EQ(tfm_etss_set(theirs, WRITE_DATA_SIZE, WRITE_DATA, ASSET_FLAGS), ETSS_SUCCESS);
    etss_suite_as(client);
    memset(got, SENTINEL, sizeof(got));
    CHECK_EQ(tfm_etss_get(theirs, 0, sizeof(got), got, &n), ETSS_ERR_DOES_NOT_EXIST);
    CHECK(etss_suite_all_bytes_are(got, sizeof(got), SENTINEL));
    CHECK_EQ(tfm_etss_get_info(theirs, &info), ETSS_ERR_DOES_NOT_EXIST);
    CHECK_EQ(tfm_etss_remove(theirs), ETSS_ERR_DOES_NOT_EXIST);
    CHECK_HELPER(
        check_asset(foreign, theirs, (const uint8_t *)WRITE_DATA, WRITE_DATA_SIZE, ASSET_FLAGS));
    /* And the other way round. */
    etss_suite_as(client);
    CHECK_EQ(tfm_etss_set(mine, 3, "abc", ASSET_FLAGS), ETSS_SUCCESS);
    CHECK_HELPER(check_absent(foreign, mine));
    etss_suite_as(foreign);
    CHECK_EQ(tfm_etss_remove(mine), ETSS_ERR_DOES_NOT_EXIST);
    CHECK_HELPER(check_asset(client, mine, (const uint8_t *)"abc", 3, ASSET_FLAGS));
    CHECK_EQ(tfm_etss_remove(mine), ETSS_SUCCESS);
    etss_suite_as(foreign);
    CHECK_EQ(tfm_etss_remove(theirs), ETSS_SUCCESS);
}

void etss_itest_foreign_zone_asset(int32_t client, int32_t foreign)
{
    run(foreign_zone_asset_body, client, foreign, B_FOREIGN_ASSET);
}
