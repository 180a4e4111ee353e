/*
 * ETSS non-secure interface tests (TFM_ETSS_TEST_1xxx): the client API as a
 * non-secure client calls it, through IPC to the partition.
 */
#include <string.h>

#include "etss/etss_api.h"
#include "etss_suite_env.h"
#include "spm_host.h"
#include "test_harness.h"

#define TEST_UID_1 2u
#define WRITE_DATA "THE_FIVE_BOXING_WIZARDS_JUMP_QUICKLY"
#define WRITE_DATA_SIZE (sizeof(WRITE_DATA) - 1u)

static void as_ns_client(void)
{
    spm_host_set_client_id(ETSS_NS_CLIENT);
}

/* Set interface */
static void TFM_ETSS_TEST_1001(void)
{
    as_ns_client();
    CHECK_EQ(tfm_etss_set(TEST_UID_1, WRITE_DATA_SIZE, WRITE_DATA, PSA_STORAGE_FLAG_NONE),
             ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_remove(TEST_UID_1), ETSS_SUCCESS);
}

/* Get interface with valid data */
static void TFM_ETSS_TEST_1002(void)
{
    uint8_t got[WRITE_DATA_SIZE];
    size_t len = 0;
    as_ns_client();
    CHECK_EQ(tfm_etss_set(TEST_UID_1, WRITE_DATA_SIZE, WRITE_DATA, PSA_STORAGE_FLAG_NONE),
             ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_get(TEST_UID_1, 0, sizeof(got), got, &len), ETSS_SUCCESS);
    CHECK_EQ(len, WRITE_DATA_SIZE);
    CHECK_MEM_EQ(got, WRITE_DATA, WRITE_DATA_SIZE);
    CHECK_EQ(tfm_etss_remove(TEST_UID_1), ETSS_SUCCESS);
}

static const struct test_case cases[] = {
    TEST_CASE_DESC(TFM_ETSS_TEST_1001, "Set interface"),
    TEST_CASE_DESC(TFM_ETSS_TEST_1002, "Get interface with valid data"),
};

int main(void)
{
    if (etss_suite_env_start(false) != 0) {
        return 1;
    }
    return test_run(NULL, cases, sizeof(cases) / sizeof(cases[0]));
}
