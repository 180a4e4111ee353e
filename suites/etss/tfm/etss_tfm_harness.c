/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The project's test harness (tests/harness/test_harness.h) on TF-M's test
 * framework (etss_tfm_harness.h).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "etss_tfm_harness.h"

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

static void run_case(size_t i, struct test_result_t *ret);

/* TF-M's test_t takes a function per case and no argument: one trampoline
 * per case index, eight to a row. */
/* clang-format off */
#define CASE(row, k)                                                                               \
    static void case_##row##_##k(struct test_result_t *ret)                                        \
    {                                                                                              \
        run_case((row) * 8u + (k), ret);                                                           \
    }
#define ROW(r) CASE(r, 0) CASE(r, 1) CASE(r, 2) CASE(r, 3) CASE(r, 4) CASE(r, 5) CASE(r, 6) CASE(r, 7)
ROW(0)
ROW(1)
ROW(2)
ROW(3)
ROW(4)
ROW(5)
ROW(6)
ROW(7)
ROW(8)
ROW(9)
ROW(10)
ROW(11)
#define ENTRY(row, k) {case_##row##_##k, NULL, NULL},
#define ENTRIES(r)                                                                                 \
    ENTRY(r, 0) ENTRY(r, 1) ENTRY(r, 2) ENTRY(r, 3) ENTRY(r, 4) ENTRY(r, 5) ENTRY(r, 6) ENTRY(r, 7)
static struct test_t tests[] = {
    ENTRIES(0) ENTRIES(1) ENTRIES(2) ENTRIES(3) ENTRIES(4) ENTRIES(5)
    ENTRIES(6) ENTRIES(7) ENTRIES(8) ENTRIES(9) ENTRIES(10) ENTRIES(11)
};
/* clang-format on */

/* The parts' cases, then the TF-M-only ones; each case's part (SIZE_MAX:
 * none), and whether it is its part's first. */
static const struct test_case *all_cases[sizeof(tests) / sizeof(tests[0])];
static size_t part_of[sizeof(tests) / sizeof(tests[0])];
static bool first_of_part[sizeof(tests) / sizeof(tests[0])];

static void run_case(size_t i, struct test_result_t *ret)
{
    test_case_failed = 0;
    test_failure_reason[0] = '\0';
    if (!first_of_part[i] || etss_tfm_part_start(part_of[i]) == 0) {
        all_cases[i]->fn();
    } else if (!test_case_failed) {
        test_fail(__FILE__, __LINE__, "the suite's environment did not come up");
    }
    etss_tfm_case_end();
    if (test_case_failed) {
        set_test_failed(test_failure_reason, failure_file, (uint32_t)failure_line, ret);
        return;
    }
    ret->val = TEST_PASSED;
}

static bool left_out(const struct etss_tfm_part *part, const char *name)
{
    for (size_t k = 0; part->left_out != NULL && part->left_out[k] != NULL; k++) {
        if (strcmp(part->left_out[k], name) == 0) {
            return true;
        }
    }
    return false;
}

/* Part p's cases into the table after the n taken; false when it does not
 * start or there is no room. */
static bool add_part(size_t p, const struct etss_tfm_part *part, size_t *n)
{
    const size_t room = sizeof(tests) / sizeof(tests[0]);
    bool first = true;
    n_suite_cases = 0;
    etss_tfm_part_select(p);
    if (part->main() != 0) {
        return false;
    }
    for (size_t i = 0; i < n_suite_cases; i++) {
        if (left_out(part, suite_cases[i].name)) {
            continue;
        }
        if (*n == room) {
            return false;
        }
        all_cases[*n] = &suite_cases[i];
        part_of[*n] = p;
        first_of_part[*n] = first;
        first = false;
        (*n)++;
    }
    return true;
}

void etss_tfm_register(const char *name, const struct etss_tfm_part *parts, size_t n_parts,
                       const struct test_case *extra, size_t n_extra,
                       struct test_suite_t *p_test_suite)
{
    const size_t room = sizeof(tests) / sizeof(tests[0]);
    size_t n = 0;
    bool ok = true;
    for (size_t p = 0; ok && p < n_parts; p++) {
        ok = add_part(p, &parts[p], &n);
    }
    for (size_t i = 0; ok && i < n_extra; i++) {
        ok = n < room;
        if (ok) {
            all_cases[n] = &extra[i];
            part_of[n] = SIZE_MAX;
            first_of_part[n] = false;
            n++;
        }
    }
    /* A part that does not start, or too many cases: none is registered,
     * and TF-M reports the suite as invalid. */
    n = ok ? n : 0u;
    for (size_t i = 0; i < n; i++) {
        tests[i].name = all_cases[i]->name;
        tests[i].desc = all_cases[i]->description;
    }
    (void)set_testsuite(name, tests, (uint32_t)n, p_test_suite);
}
