/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS suites' environment in TF-M's non-secure image: the partition
 * runs in the secure image under TF-M's SPM and was provisioned at boot by
 * the factory partition (suites/etss/tfm/etss_tfm_suites.conf); the suite
 * takes each NS client id it needs through TF-M's NS client extension
 * (TFM_NS_MANAGE_NSID: the id of the test thread's context), and gives the
 * thread's own id back after every case.
 */
#include <stdint.h>
#include <string.h>

#include "etss/etss_api.h"
#include "etss_suite_env.h"
#include "etss_tfm_harness.h"
#include "extra_ns_tests.h"
#include "nsid_svc_handler.h"
#include "test_harness.h"
#include "tfm_ns_client_ext.h"
#include "tfm_nsid_manager.h"

/* The NS interface suite's main(), renamed by the build. */
int etss_tfm_suite_main(void);

static int32_t thread_nsid;

void etss_suite_as(int32_t client)
{
    if (nsid_load_ctx_svc(current_active_token, client) != TFM_NS_CLIENT_ERR_SUCCESS) {
        test_fail(__FILE__, __LINE__, "TF-M refused the NS client id");
    }
}

void etss_tfm_case_end(void)
{
    (void)nsid_load_ctx_svc(current_active_token, thread_nsid);
}

int etss_suite_env_start(bool blank)
{
    /* A blank part cannot be had here: the factory partition provisions. */
    if (blank) {
        return -1;
    }
    thread_nsid = nsid_mgr_query_nsid(current_active_token);
    return 0;
}

/* The chip is in the secure image: nothing of it shows here. */
bool etss_suite_sectors_erased(uint64_t *n)
{
    (void)n;
    return false;
}

bool etss_suite_pages_programmed(uint64_t *n)
{
    (void)n;
    return false;
}

bool etss_suite_part_view(struct sf_model_view *view)
{
    (void)view;
    return false;
}

enum etss_suite_class etss_suite_device_class(void)
{
    return ETSS_SUITE_SECURE_FLASH;
}

bool etss_suite_ns_callers(void)
{
    return true;
}

/* ---- what only TF-M's SPM can refuse: vectors the NS client does not own ---- */

/* The first word of the secure image's RAM (region_defs.h of the AN521:
 * S_DATA_START); the NS world may neither read nor write it. */
#define SECURE_RAM ((void *)0x38000000u)
#define B_TFM 0x1100u
#define TFM_UID(n) ((psa_storage_uid_t)B_TFM + (n))
#define SENTINEL 0x5Au

static const uint8_t stored[64] = "an asset the vector tests try to read out of bounds";

/* A get whose output vector claims more bytes than the client owns: the
 * SPM refuses the call before ETSS sees it, and nothing is written. */
static void TFM_ETSS_TEST_1101(void)
{
    static uint8_t small[16];
    size_t n = 0;
    etss_suite_as(ETSS_NS_CLIENT);
    CHECK_EQ(tfm_etss_set(TFM_UID(1), sizeof(stored), stored, PSA_STORAGE_FLAG_NONE), ETSS_SUCCESS);
    memset(small, SENTINEL, sizeof(small));
    CHECK_EQ(tfm_etss_get(TFM_UID(1), 0, UINT32_MAX, small, &n), ETSS_ERR_PROGRAMMER_ERROR);
    CHECK_EQ(n, 0);
    CHECK(etss_suite_all_bytes_are(small, sizeof(small), SENTINEL));
    /* The asset is intact, and the same get with the true size works. */
    CHECK_EQ(tfm_etss_get(TFM_UID(1), 0, sizeof(small), small, &n), ETSS_SUCCESS);
    CHECK_EQ(n, sizeof(small));
    CHECK_MEM_EQ(small, stored, sizeof(small));
    CHECK_EQ(tfm_etss_remove(TFM_UID(1)), ETSS_SUCCESS);
}

/* A get into secure memory (ETSS as a confused deputy writing for the NS
 * client where it may not): refused, the asset intact. */
static void TFM_ETSS_TEST_1102(void)
{
    uint8_t back[sizeof(stored)];
    size_t n = 0;
    etss_suite_as(ETSS_NS_CLIENT);
    CHECK_EQ(tfm_etss_set(TFM_UID(2), sizeof(stored), stored, PSA_STORAGE_FLAG_NONE), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_get(TFM_UID(2), 0, sizeof(stored), SECURE_RAM, &n),
             ETSS_ERR_PROGRAMMER_ERROR);
    CHECK_EQ(n, 0);
    CHECK_EQ(tfm_etss_get(TFM_UID(2), 0, sizeof(back), back, &n), ETSS_SUCCESS);
    CHECK_EQ(n, sizeof(back));
    CHECK_MEM_EQ(back, stored, sizeof(back));
    CHECK_EQ(tfm_etss_remove(TFM_UID(2)), ETSS_SUCCESS);
}

/* A set from secure memory (ETSS reading secure RAM into the NS client's
 * asset): refused, and no asset is created. */
static void TFM_ETSS_TEST_1103(void)
{
    struct psa_storage_info_t info;
    etss_suite_as(ETSS_NS_CLIENT);
    CHECK_EQ(tfm_etss_set(TFM_UID(3), 64, SECURE_RAM, PSA_STORAGE_FLAG_NONE),
             ETSS_ERR_PROGRAMMER_ERROR);
    CHECK_EQ(tfm_etss_get_info(TFM_UID(3), &info), ETSS_ERR_DOES_NOT_EXIST);
}

/* The UID under which the secure suite's case 2101, which runs first, left
 * an asset of the secure test partition (secure/etss_tfm_s_env.c). */
#define TFM_CROSS_UID ((psa_storage_uid_t)0x1104u)

/* A non-secure client under a secure client's UID: it neither sees nor
 * removes the secure asset, and its own asset under that UID is its own. */
static void TFM_ETSS_TEST_1104(void)
{
    static const char mine[] = "the NS client's own";
    uint8_t back[sizeof(mine)];
    struct psa_storage_info_t info;
    size_t n = 0;
    etss_suite_as(ETSS_NS_CLIENT);
    memset(back, SENTINEL, sizeof(back));
    CHECK_EQ(tfm_etss_get(TFM_CROSS_UID, 0, sizeof(back), back, &n), ETSS_ERR_DOES_NOT_EXIST);
    CHECK(etss_suite_all_bytes_are(back, sizeof(back), SENTINEL));
    CHECK_EQ(tfm_etss_get_info(TFM_CROSS_UID, &info), ETSS_ERR_DOES_NOT_EXIST);
    CHECK_EQ(tfm_etss_remove(TFM_CROSS_UID), ETSS_ERR_DOES_NOT_EXIST);
    CHECK_EQ(tfm_etss_set(TFM_CROSS_UID, sizeof(mine), mine, PSA_STORAGE_FLAG_NONE), ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_get(TFM_CROSS_UID, 0, sizeof(back), back, &n), ETSS_SUCCESS);
    CHECK_EQ(n, sizeof(mine));
    CHECK_MEM_EQ(back, mine, sizeof(mine));
    CHECK_EQ(tfm_etss_remove(TFM_CROSS_UID), ETSS_SUCCESS);
}

static const struct test_case tfm_cases[] = {
    TEST_CASE_DESC(TFM_ETSS_TEST_1101,
                   "Get with an output vector smaller than data_size: the SPM refuses"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1102, "Get into secure memory: the SPM refuses"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1103, "Set from secure memory: the SPM refuses"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1104,
                   "A secure client's asset under the same UID: not seen, not reached"),
};

/* One part: the NS interface suite, on the part the factory provisioned. */
void etss_tfm_part_select(size_t i)
{
    (void)i;
}

int etss_tfm_part_start(size_t i)
{
    (void)i;
    return 0;
}

void register_testsuite_extra_ns_interface(struct test_suite_t *p_test_suite)
{
    static const struct etss_tfm_part suite = {etss_tfm_suite_main, NULL};
    etss_tfm_register("ETSS non-secure interface tests (TFM_ETSS_TEST_1XXX)", &suite, 1u, tfm_cases,
                      sizeof(tfm_cases) / sizeof(tfm_cases[0]), p_test_suite);
}
