/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Minimal test harness: each test binary lists its cases, runs them all and
 * prints one line per case plus a closing "N passed, N failed" line; the
 * exit status is non-zero when any case failed.
 */
#ifndef ETSS_TEST_HARNESS_H
#define ETSS_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct test_case {
    const char *name;
    void (*fn)(void);
    const char *description; /* optional */
};

extern int test_case_failed;
/* Why the current case failed: its first failed check. */
extern char test_failure_reason[160];
void test_fail(const char *file, int line, const char *what);
void test_fail_eq(const char *file, int line, const char *a_text, const char *b_text, long long a,
                  long long b);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            test_fail(__FILE__, __LINE__, "check failed: " #cond);                                 \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        long long check_a_ = (long long)(a);                                                       \
        long long check_b_ = (long long)(b);                                                       \
        if (check_a_ != check_b_) {                                                                \
            test_fail_eq(__FILE__, __LINE__, #a, #b, check_a_, check_b_);                          \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_MEM_EQ(a, b, n) CHECK(memcmp((a), (b), (n)) == 0)

/* Run a helper that checks; stop the test at its first failure. */
#define CHECK_HELPER(call)                                                                         \
    do {                                                                                           \
        call;                                                                                      \
        if (test_case_failed) {                                                                    \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define TEST_CASE(fn)                                                                              \
    {                                                                                              \
#fn, fn, NULL                                                                              \
    }

/* A case with a description, printed before it runs (the seed's suites). */
#define TEST_CASE_DESC(fn, desc)                                                                   \
    {                                                                                              \
#fn, fn, desc                                                                              \
    }

/* Runs the cases; returns the process exit status. A NULL suite prints
 * bare case names ("TEST: TFM_ETSS_TEST_1001 - PASSED!"). */
int test_run(const char *suite, const struct test_case *cases, size_t n_cases);

#define TEST_MAIN(suite, cases)                                                                    \
    int main(void)                                                                                 \
    {                                                                                              \
        return test_run((suite), (cases), sizeof(cases) / sizeof((cases)[0]));                     \
    }

#endif /* ETSS_TEST_HARNESS_H */
