/*
 * The ETSS suites' environment in TF-M's non-secure image: the partition
 * runs in the secure image under TF-M's SPM and was provisioned at boot by
 * the factory partition (suites/etss/tfm/etss_tfm_suites.conf); the suite
 * takes each NS client id it needs through TF-M's NS client extension
 * (TFM_NS_MANAGE_NSID: the id of the test thread's context), and gives the
 * thread's own id back after every case.
 */
#include "etss_suite_env.h"
#include "etss_tfm_harness.h"
#include "extra_ns_tests.h"
#include "nsid_svc_handler.h"
#include "test_harness.h"
#include "tfm_ns_client_ext.h"
#include "tfm_nsid_manager.h"

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

bool etss_suite_sectors_erased(uint64_t *n)
{
    (void)n;
    return false;
}

void register_testsuite_extra_ns_interface(struct test_suite_t *p_test_suite)
{
    etss_tfm_register("ETSS non-secure interface tests (TFM_ETSS_TEST_1XXX)", p_test_suite);
}
