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
};

extern int test_case_failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);             \
            test_case_failed = 1;                                                                  \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        long long check_a_ = (long long)(a);                                                       \
        long long check_b_ = (long long)(b);                                                       \
        if (check_a_ != check_b_) {                                                                \
            fprintf(stderr, "  %s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a,    \
                    #b, check_a_, check_b_);                                                       \
            test_case_failed = 1;                                                                  \
            return;                                                                                \
        }                                                                                          \
    } while (0)

#define CHECK_MEM_EQ(a, b, n) CHECK(memcmp((a), (b), (n)) == 0)

#define TEST_CASE(fn)                                                                              \
    {                                                                                              \
#fn, fn                                                                                    \
    }

/* Runs the cases; returns the process exit status. */
int test_run(const char *suite, const struct test_case *cases, size_t n_cases);

#define TEST_MAIN(suite, cases)                                                                    \
    int main(void)                                                                                 \
    {                                                                                              \
        return test_run((suite), (cases), sizeof(cases) / sizeof((cases)[0]));                     \
    }

#endif /* ETSS_TEST_HARNESS_H */
