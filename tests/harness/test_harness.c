#include "test_harness.h"

int test_case_failed;

int test_run(const char *suite, const struct test_case *cases, size_t n_cases)
{
    unsigned passed = 0;
    unsigned failed = 0;
    for (size_t i = 0; i < n_cases; i++) {
        test_case_failed = 0;
        cases[i].fn();
        if (test_case_failed) {
            failed++;
            printf("TEST: %s/%s - FAILED\n", suite, cases[i].name);
        } else {
            passed++;
            printf("TEST: %s/%s - PASSED!\n", suite, cases[i].name);
        }
    }
    printf("%u passed, %u failed\n", passed, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
