/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The reliability suite (TFM_ETSS_TEST_3xxx, suites/etss/reliability,
 * unchanged) inside the ETSS partition of the suites' TF-M image, case by
 * case through the test door: it makes its own parts, cuts their power,
 * flips their bits and boots the partition's service again, which only
 * code beside the service can do. Its checks are the project's test
 * harness (test_harness.h) kept here; what it prints goes back with each
 * case's verdict, and the secure test partition reports both.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "devmodel/sf_model.h"
#include "etss_host.h"
#include "etss_suite_env.h"
#include "etss_tfm_board.h"
#include "etss_tfm_door.h"
#include "test_harness.h"

int test_case_failed;
char test_failure_reason[160];
static struct etss_door_result result;
static size_t printed;

static const struct test_case *suite_cases;
static size_t n_suite_cases;

int test_run(const char *suite, const struct test_case *cases, size_t n_cases)
{
    (void)suite;
    suite_cases = cases;
    n_suite_cases = n_cases;
    return 0;
}

void test_fail(const char *file, int line, const char *what)
{
    if (!test_case_failed) {
        test_case_failed = 1;
        (void)snprintf(test_failure_reason, sizeof(test_failure_reason), "%s:%d: %s", file, line,
                       what);
    }
}

void test_fail_eq(const char *file, int line, const char *a_text, const char *b_text, long long a,
                  long long b)
{
    char what[120];
    /* newlib-nano's printf has no %lld: the values checked are 32-bit. */
    (void)snprintf(what, sizeof(what), "%s == %s failed: %ld != %ld", a_text, b_text, (long)a,
                   (long)b);
    test_fail(file, line, what);
}

/* The suite's printf (the build renames it): into the case's output. */
int etss_tfm_door_printf(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(&result.output[printed], sizeof(result.output) - printed, format, ap);
    va_end(ap);
    if (n > 0) {
        printed += (size_t)n < sizeof(result.output) - printed
                       ? (size_t)n
                       : sizeof(result.output) - 1u - printed;
    }
    return n;
}

/* ---- the environment the suite asks for (etss_suite_env.h) ---- */

int etss_suite_host_up(const uint8_t *huk, size_t len)
{
    uint8_t maker[SF_EC_PUBLIC_KEY_LEN];
    return sf_model_maker_public_key(0u, maker) == 0 && etss_host_set_trust(maker, NULL) == 0 &&
                   etss_host_set_huk(huk, len) == 0
               ? 0
               : -1;
}

/* ---- the door's calls ---- */

static bool sizes(const psa_msg_t *msg, size_t in, size_t out)
{
    for (size_t i = 0; i < PSA_MAX_IOVEC; i++) {
        if (msg->in_size[i] != (i == 0u ? in : 0u) || msg->out_size[i] != (i == 0u ? out : 0u)) {
            return false;
        }
    }
    return true;
}

static void copy(char *to, size_t size, const char *from)
{
    (void)snprintf(to, size, "%s", from != NULL ? from : "");
}

psa_status_t etss_tfm_door_suite_call(const psa_msg_t *msg)
{
    static bool registered;
    uint32_t k = 0;
    if (!registered) {
        registered = etss_tfm_reliability_main() == 0;
    }
    if (msg->type == ETSS_DOOR_SUITE_CASES) {
        uint32_t n = (uint32_t)n_suite_cases;
        if (!sizes(msg, 0u, sizeof(n))) {
            return PSA_ERROR_PROGRAMMER_ERROR;
        }
        psa_write(msg->handle, 0, &n, sizeof(n));
        return PSA_SUCCESS;
    }
    size_t out = msg->type == ETSS_DOOR_SUITE_NAME ? sizeof(struct etss_door_case)
                                                   : sizeof(struct etss_door_result);
    if (!sizes(msg, sizeof(k), out)) {
        return PSA_ERROR_PROGRAMMER_ERROR;
    }
    (void)psa_read(msg->handle, 0, &k, sizeof(k));
    if (k >= n_suite_cases) {
        return PSA_ERROR_DOES_NOT_EXIST;
    }
    if (msg->type == ETSS_DOOR_SUITE_NAME) {
        struct etss_door_case c;
        copy(c.name, sizeof(c.name), suite_cases[k].name);
        copy(c.description, sizeof(c.description), suite_cases[k].description);
        psa_write(msg->handle, 0, &c, sizeof(c));
        return PSA_SUCCESS;
    }
    memset(&result, 0, sizeof(result));
    printed = 0;
    test_case_failed = 0;
    test_failure_reason[0] = '\0';
    etss_tfm_board_for_suite();
    suite_cases[k].fn();
    result.failed = test_case_failed;
    copy(result.reason, sizeof(result.reason), test_failure_reason);
    psa_write(msg->handle, 0, &result, sizeof(result));
    return PSA_SUCCESS;
}
