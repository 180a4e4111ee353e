/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS suites' environment in TF-M's secure test partition
 * (tf-m-tests, EXTRA_S_TEST_SUITE_PATH): the partition runs under TF-M's
 * SPM and was provisioned at boot by the factory partition
 * (suites/etss/tfm/etss_tfm_suites.conf). The test partition calls ETSS as
 * itself (ETSS_S_CLIENT, its partition id); to call as another client it
 * calls that client's peer partition (suites/etss/tfm/peers), which makes
 * the same call with its own partition id. ETSS_TFM_PEERS, from
 * etss_tfm_test_config.cmake, pairs each borrowed client id with its
 * peer's service.
 */
#include <stdint.h>

#include "etss/etss_api.h"
#include "etss_suite_env.h"
#include "etss_tfm_harness.h"
#include "extra_s_tests.h"
#include "psa/client.h"
#include "psa_manifest/sid.h"
#include "test_harness.h"

struct peer {
    int32_t client;
    uint32_t sid;
};

static const struct peer peers[] = {ETSS_TFM_PEERS};

/* The peer of the client the suite calls as; NULL: the test partition. */
static const struct peer *caller;

static const struct peer *peer_of(int32_t client)
{
    for (size_t i = 0; i < sizeof(peers) / sizeof(peers[0]); i++) {
        if (peers[i].client == client) {
            return &peers[i];
        }
    }
    return NULL;
}

void etss_suite_as(int32_t client)
{
    caller = peer_of(client);
    if (caller == NULL && client != ETSS_S_CLIENT) {
        test_fail(__FILE__, __LINE__, "no partition of this image has that client id");
    }
}

void etss_tfm_case_end(void)
{
    caller = NULL;
}

psa_handle_t etss_tfm_s_connect(uint32_t sid, uint32_t version)
{
    return caller == NULL ? psa_connect(sid, version) : psa_connect(caller->sid, 1u);
}

int etss_suite_env_start(bool blank)
{
    /* A blank part cannot be had here: the factory partition provisions. */
    return blank ? -1 : 0;
}

bool etss_suite_sectors_erased(uint64_t *n)
{
    (void)n;
    return false;
}

/* ---- what only TF-M can show: the two worlds' clients apart ---- */

#define TFM_CROSS_UID ((psa_storage_uid_t)0x1104u)

/* An asset the secure test partition keeps for the NS suite's case 1104,
 * which runs after the secure suites, under the same UID: a non-secure
 * client must neither see it nor reach it. */
static void TFM_ETSS_TEST_2101(void)
{
    static const char secret[] = "kept by the secure test partition";
    uint8_t back[sizeof(secret)];
    size_t n = 0;
    etss_suite_as(ETSS_S_CLIENT);
    (void)tfm_etss_remove(TFM_CROSS_UID);
    CHECK_EQ(tfm_etss_set(TFM_CROSS_UID, sizeof(secret), secret, PSA_STORAGE_FLAG_NONE),
             ETSS_SUCCESS);
    CHECK_EQ(tfm_etss_get(TFM_CROSS_UID, 0, sizeof(back), back, &n), ETSS_SUCCESS);
    CHECK_EQ(n, sizeof(secret));
    CHECK_MEM_EQ(back, secret, sizeof(secret));
}

static const struct test_case tfm_cases[] = {
    TEST_CASE_DESC(TFM_ETSS_TEST_2101,
                   "A secure asset left for the non-secure suite under the UID it uses"),
};

void register_testsuite_extra_s_interface(struct test_suite_t *p_test_suite)
{
    etss_tfm_register("ETSS secure interface tests (TFM_ETSS_TEST_2XXX)", tfm_cases,
                      sizeof(tfm_cases) / sizeof(tfm_cases[0]), p_test_suite);
}
