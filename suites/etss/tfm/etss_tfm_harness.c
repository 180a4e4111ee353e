/*
 * The project's test harness (tests/harness/test_harness.h) on TF-M's test
 * framework (etss_tfm_harness.h).
 */
#include <stdio.h>

#include "etss_tfm_harness.h"
#include "test_harness.h"

int test_case_failed;
char test_failure_reason[160];
/* Where the case's first failed check is. */
static const char *failure_file;
static int failure_line;

static void first_failure(const char *file, int line)
{
    test_case_failed = 1;
    failure_file = file;
    failure_line = line;
}

void test_fail(const char *file, int line, const char *what)
{
    if (!test_case_failed) {
        (void)snprintf(test_failure_reason, sizeof(test_failure_reason), "%s", what);
        first_failure(file, line);
    }
}

void test_fail_eq(const char *file, int line, const char *a_text, const char *b_text, long long a,
                  long long b)
{
    if (!test_case_failed) {
        /* newlib-nano's printf has no %lld: the values checked are 32-bit. */
        (void)snprintf(test_failure_reason, sizeof(test_failure_reason),
                       "%s == %s failed: %ld != %ld", a_text, b_text, (long)a, (long)b);
        first_failure(file, line);
    }
}

static const struct test_case *suite_cases;
static size_t n_suite_cases;

int test_run(const char *suite, const struct test_case *cases, size_t n_cases)
{
    (void)suite;
    suite_cases = cases;
    n_suite_cases = n_cases;
    return 0;
}

static void run_case(size_t i, struct test_result_t *ret)
{
    test_case_failed = 0;
    test_failure_reason[0] = '\0';
    suite_cases[i].fn();
    etss_tfm_case_end();
    if (test_case_failed) {
        set_test_failed(test_failure_reason, failure_file, (uint32_t)failure_line, ret);
        return;
    }
    ret->val = TEST_PASSED;
}

/* TF-M's test_t takes a function per case and no argument: one trampoline
 * per case index, eight to a row. */
#define CASE(row, k)                                                                               \
    static void case_##row##_##k(struct test_result_t *ret)                                       \
    {                                                                                              \
        run_case((row) * 8u + (k), ret);                                                           \
    }
#define ROW(r) CASE(r, 0) CASE(r, 1) CASE(r, 2) CASE(r, 3) CASE(r, 4) CASE(r, 5) CASE(r, 6) CASE(r, 7)
ROW(0) ROW(1) ROW(2) ROW(3) ROW(4) ROW(5)
#define ENTRY(row, k) {case_##row##_##k, NULL, NULL},
#define ENTRIES(r)                                                                                 \
    ENTRY(r, 0) ENTRY(r, 1) ENTRY(r, 2) ENTRY(r, 3) ENTRY(r, 4) ENTRY(r, 5) ENTRY(r, 6) ENTRY(r, 7)
static struct test_t tests[] = {ENTRIES(0) ENTRIES(1) ENTRIES(2) ENTRIES(3) ENTRIES(4) ENTRIES(5)};

void etss_tfm_register(const char *name, struct test_suite_t *p_test_suite)
{
    n_suite_cases = 0;
    if (etss_tfm_suite_main() != 0 || n_suite_cases > sizeof(tests) / sizeof(tests[0])) {
        /* No cases: TF-M reports the suite as failed with nothing run. */
        n_suite_cases = 0;
    }
    for (size_t i = 0; i < n_suite_cases; i++) {
        tests[i].name = suite_cases[i].name;
        tests[i].desc = suite_cases[i].description;
    }
    (void)set_testsuite(name, tests, (uint32_t)n_suite_cases, p_test_suite);
}
