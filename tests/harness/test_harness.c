/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdarg.h>

#include "test_harness.h"

int test_case_failed;
char test_failure_reason[160];

/* Report a failed check; the first one of a case is its reason. */
static void fail_with(const char *file, int line, const char *fmt, ...)
{
    char what[sizeof(test_failure_reason)];
    va_list ap;
    va_start(ap, fmt);
    (void)vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    fprintf(stderr, "  %s:%d: %s\n", file, line, what);
    if (!test_case_failed) {
        int n = snprintf(test_failure_reason, sizeof(test_failure_reason), "%s:%d: ", file, line);
        if (n > 0 && (size_t)n < sizeof(test_failure_reason)) {
            /* Cut short if need be: the start of a reason says enough. */
            size_t room = sizeof(test_failure_reason) - (size_t)n;
            size_t len = strnlen(what, room - 1u);
            memcpy(&test_failure_reason[n], what, len);
            test_failure_reason[(size_t)n + len] = '\0';
        }
    }
    test_case_failed = 1;
}

void test_fail(const char *file, int line, const char *what)
{
    fail_with(file, line, "%s", what);
}

void test_fail_eq(const char *file, int line, const char *a_text, const char *b_text, long long a,
                  long long b)
{
    fail_with(file, line, "%s == %s failed: %lld != %lld", a_text, b_text, a, b);
}

int test_run(const char *suite, const struct test_case *cases, size_t n_cases)
{
    unsigned passed = 0;
    unsigned failed = 0;
    for (size_t i = 0; i < n_cases; i++) {
        char name[160];
        snprintf(name, sizeof(name), "%s%s%s", suite != NULL ? suite : "", suite != NULL ? "/" : "",
                 cases[i].name);
        if (cases[i].description != NULL) {
            printf("> Executing '%s'\n  Description: '%s'\n", cases[i].name, cases[i].description);
        }
        fflush(stdout);
        test_case_failed = 0;
        test_failure_reason[0] = '\0';
        cases[i].fn();
        if (test_case_failed) {
            failed++;
            printf("TEST: %s - FAILED (%s)\n", name, test_failure_reason);
        } else {
            passed++;
            printf("TEST: %s - PASSED!\n", name);
        }
    }
    printf("%u passed, %u failed\n", passed, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
