/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS suites' environment in TF-M's secure test partition
 * (tf-m-tests, EXTRA_S_TEST_SUITE_PATH), under TF-M's SPM. The test
 * partition calls ETSS as itself (ETSS_S_CLIENT, its partition id); to call
 * as another client it calls that client's peer partition
 * (suites/etss/tfm/peers), which makes the same call with its own
 * partition id. ETSS_TFM_PEERS, from etss_tfm_test_config.cmake, pairs each
 * borrowed client id with its peer's service. The non-secure clients'
 * places are taken by peers too: a secure partition cannot call as a
 * non-secure client (etss_suite_ns_callers()).
 *
 * The suites run one after the other, each on parts of its own: before a
 * suite's first case the test board's door (suites/etss/tfm/board) puts
 * new blank parts of the suite's device class under the partition and
 * starts its service again, and the suite's provisioning is sent through
 * the API. The reliability suite runs inside the partition, case by case
 * through the door (it cuts power and boots the service itself). The
 * secure interface suite runs last, on a part provisioned with the
 * factory's record as at boot, which the NS image's suite then finds.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "etss/etss_api.h"
#include "etss_config.h"
#include "etss_factory_record.h"
#include "etss_suite_env.h"
#include "etss_tfm_door.h"
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

bool etss_suite_ns_callers(void)
{
    return false;
}

/* ---- the test door ---- */

static psa_status_t door(int32_t type, const void *in, size_t in_len, void *out, size_t out_len)
{
    psa_handle_t h = psa_connect(TFM_ETSS_TEST_DOOR_SID, TFM_ETSS_TEST_DOOR_VERSION);
    if (h <= 0) {
        return PSA_ERROR_CONNECTION_REFUSED;
    }
    psa_invec iv = {in, in_len};
    psa_outvec ov = {out, out_len};
    psa_status_t status = psa_call(h, type, in != NULL ? &iv : NULL, in != NULL ? 1u : 0u,
                                   out != NULL ? &ov : NULL, out != NULL ? 1u : 0u);
    psa_close(h);
    return status;
}

bool etss_suite_part_view(struct sf_model_view *view)
{
    return door(ETSS_DOOR_VIEW, NULL, 0, view, sizeof(*view)) == PSA_SUCCESS;
}

static bool stats(struct etss_door_stats *s)
{
    return door(ETSS_DOOR_STATS, NULL, 0, s, sizeof(*s)) == PSA_SUCCESS;
}

bool etss_suite_pages_programmed(uint64_t *n)
{
    struct etss_door_stats s;
    if (!stats(&s)) {
        return false;
    }
    *n = s.pages_programmed;
    return true;
}

bool etss_suite_sectors_erased(uint64_t *n)
{
    struct etss_door_stats s;
    if (!stats(&s)) {
        return false;
    }
    *n = s.sectors_erased;
    return true;
}

uint32_t etss_suite_counter(uint8_t id)
{
    uint32_t value = 0;
    return door(ETSS_DOOR_COUNTER, &id, sizeof(id), &value, sizeof(value)) == PSA_SUCCESS ? value
                                                                                          : 0u;
}

/* ---- the reliability suite, which runs inside the partition ---- */

/* Its cases as the door names them, each run there by a case of ours. */
#define INSIDE_MAX 16u
static struct etss_door_case inside_names[INSIDE_MAX];
static struct test_case inside_cases[INSIDE_MAX];

static void run_inside(uint32_t k)
{
    static struct etss_door_result r;
    if (door(ETSS_DOOR_SUITE_RUN, &k, sizeof(k), &r, sizeof(r)) != PSA_SUCCESS) {
        test_fail(__FILE__, __LINE__, "the test door did not run the case");
        return;
    }
    r.output[sizeof(r.output) - 1u] = '\0';
    r.reason[sizeof(r.reason) - 1u] = '\0';
    printf("%s", r.output);
    if (r.failed != 0) {
        test_fail(__FILE__, __LINE__, r.reason);
    }
}

/* clang-format off */
#define INSIDE(k) static void inside_##k(void) { run_inside(k); }
INSIDE(0) INSIDE(1) INSIDE(2) INSIDE(3) INSIDE(4) INSIDE(5) INSIDE(6) INSIDE(7)
INSIDE(8) INSIDE(9) INSIDE(10) INSIDE(11) INSIDE(12) INSIDE(13) INSIDE(14) INSIDE(15)
static void (*const inside[INSIDE_MAX])(void) = {
    inside_0, inside_1, inside_2, inside_3, inside_4, inside_5, inside_6, inside_7,
    inside_8, inside_9, inside_10, inside_11, inside_12, inside_13, inside_14, inside_15,
};
/* clang-format on */

static int reliability_main(void)
{
    uint32_t n = 0;
    if (door(ETSS_DOOR_SUITE_CASES, NULL, 0, &n, sizeof(n)) != PSA_SUCCESS || n > INSIDE_MAX) {
        return -1;
    }
    for (uint32_t k = 0; k < n; k++) {
        struct etss_door_case *c = &inside_names[k];
        if (door(ETSS_DOOR_SUITE_NAME, &k, sizeof(k), c, sizeof(*c)) != PSA_SUCCESS) {
            return -1;
        }
        c->name[sizeof(c->name) - 1u] = '\0';
        c->description[sizeof(c->description) - 1u] = '\0';
        inside_cases[k] = (struct test_case){c->name, inside[k], c->description};
    }
    return test_run(NULL, inside_cases, n);
}

/* ---- the suites, each on parts of its own ---- */

/* What a suite's first case finds: blank parts, parts provisioned with the
 * suite's description or with the factory's record, or nothing of ours
 * (the reliability suite makes its own inside the partition). */
enum start { START_BLANK, START_PROVISIONED, START_FACTORY, START_INSIDE };

struct setup {
    enum etss_suite_class cls;
    enum start start;
};

int etss_tfm_suite_main(void);      /* the secure interface suite */
int etss_tfm_services_main(void);   /* services */
int etss_tfm_blank_part_main(void); /* a blank part */
int etss_tfm_classes_main(void);    /* the service matrix of a device class */

/* Only a non-secure caller is refused provisioning; the NS image's 1026
 * checks it on TF-M. */
static const char *const ns_only[] = {"TFM_ETSS_TEST_4015", NULL};

static const struct etss_tfm_part parts[] = {
    {reliability_main, NULL},          /* 3xxx */
    {etss_tfm_services_main, ns_only}, /* 4001-4014 */
    {etss_tfm_blank_part_main, NULL},  /* 4101-4105 */
    {etss_tfm_classes_main, NULL},     /* 5xxx: secure flash */
    {etss_tfm_classes_main, NULL},     /* 5xxx: secure flash + RPMC */
    {etss_tfm_classes_main, NULL},     /* 5xxx: authentication flash */
    {etss_tfm_classes_main, NULL},     /* 5xxx: RPMC */
    {etss_tfm_suite_main, NULL},       /* 2xxx */
};
static const struct setup setups[sizeof(parts) / sizeof(parts[0])] = {
    {ETSS_SUITE_SECURE_FLASH, START_INSIDE},
    {ETSS_SUITE_SECURE_FLASH, START_PROVISIONED},
    {ETSS_SUITE_SECURE_FLASH, START_BLANK},
    {ETSS_SUITE_SECURE_FLASH, START_PROVISIONED},
    {ETSS_SUITE_SECURE_FLASH_AND_RPMC, START_PROVISIONED},
    {ETSS_SUITE_AUTHENTICATION_FLASH, START_PROVISIONED},
    {ETSS_SUITE_RPMC, START_PROVISIONED},
    {ETSS_SUITE_SECURE_FLASH, START_FACTORY},
};

static enum etss_suite_class current = ETSS_SUITE_SECURE_FLASH;

enum etss_suite_class etss_suite_device_class(void)
{
    return current;
}

static size_t registering;

void etss_tfm_part_select(size_t i)
{
    registering = i;
    current = setups[i].cls;
}

/* Each suite's main() starts its environment when it registers; here the
 * parts come before each suite's first case instead, as its setup says:
 * a suite that asks for a blank part where the setup provisions (or the
 * other way round) does not register. */
int etss_suite_env_start(bool blank)
{
    return blank == (setups[registering].start == START_BLANK) ? 0 : -1;
}

int etss_tfm_part_start(size_t i)
{
    static uint8_t msg[ETSS_MAX_PROVISIONING_LEN];
    const struct setup *s = &setups[i];
    struct etss_door_parts want = {
        .secure_flash = s->cls != ETSS_SUITE_RPMC,
        .features = etss_suite_class_features(s->cls),
        .rpmc = s->cls == ETSS_SUITE_SECURE_FLASH_AND_RPMC || s->cls == ETSS_SUITE_RPMC,
        .n_bindings = ETSS_SUITE_CLIENTS,
    };
    for (size_t k = 0; k < ETSS_SUITE_CLIENTS; k++) {
        want.clients[k] = etss_suite_clients[k];
        want.counters[k] = etss_suite_counters[k];
    }
    current = s->cls;
    if (s->start == START_INSIDE) {
        return 0;
    }
    printf("device class: %s\n", etss_suite_device_class_name());
    if (door(ETSS_DOOR_NEW_PARTS, &want, sizeof(want), NULL, 0) != ETSS_ERR_SF_UNPROVISIONED) {
        test_fail(__FILE__, __LINE__, "the test door gave no blank parts");
        return -1;
    }
    if (s->start == START_BLANK) {
        return 0;
    }
    const uint8_t *message = etss_factory_record;
    size_t len = sizeof(etss_factory_record);
    if (s->start == START_PROVISIONED) {
        if (etss_suite_provisioning_message(etss_suite_class_provisioning(), msg, sizeof(msg),
                                            &len) != 0) {
            test_fail(__FILE__, __LINE__, "the suite's description does not encode");
            return -1;
        }
        message = msg;
    }
    /* Each call provisions the first blank part; the test partition is a
     * secure client. */
    for (unsigned k = 0; k < (unsigned)want.secure_flash + want.rpmc; k++) {
        if (tfm_etss_secure_flash_provisioning(len, message) != ETSS_SUCCESS) {
            test_fail(__FILE__, __LINE__, "provisioning a new part failed");
            return -1;
        }
    }
    return 0;
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
    etss_tfm_register("ETSS secure tests (TFM_ETSS_TEST_2XXX to 5XXX)", parts,
                      sizeof(parts) / sizeof(parts[0]), tfm_cases,
                      sizeof(tfm_cases) / sizeof(tfm_cases[0]), p_test_suite);
}
