/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS test image's main on QEMU's mps2-an505: runs one suite of
 * suites/etss/ (its own main, compiled as AN505_SUITE_MAIN), counts its
 * cases as they run, prints a summary with the partition's stack
 * high-water mark, and ends the QEMU run with status 0 only when the suite
 * ran cases and every one passed.
 *
 * Build-time settings (target/an505/CMakeLists.txt, one image per suite):
 *   AN505_SUITE_MAIN   the suite's renamed main, e.g. suite_secure_main
 *   AN505_SUITE_NAME   its name in the summary, e.g. "secure (TFM_ETSS_TEST_2xxx)"
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "an505.h"
#include "psa_manifest/etss.h"
#include "psa_manifest/pid.h"
#include "spm_target_extra.h"
#include "test_harness.h"

#ifndef AN505_SUITE_MAIN
#error "AN505_SUITE_MAIN: the suite's main, renamed"
#endif
#ifndef AN505_SUITE_NAME
#define AN505_SUITE_NAME "?"
#endif

int AN505_SUITE_MAIN(void);

/* ---- counting the suite's cases: test_run wrapped (-Wl,--wrap=test_run) ---- */

#define MAX_CASES 64u

int __real_test_run(const char *suite, const struct test_case *cases, size_t n_cases);
int __wrap_test_run(const char *suite, const struct test_case *cases, size_t n_cases);

static const struct test_case *running_cases;
static size_t next_case;
static unsigned cases_declared;
static unsigned cases_passed;
static unsigned cases_failed;

/* Stands in for every case: runs the next one and counts its outcome. The
 * harness calls the cases in order, one at a time. */
static void counted_case(void)
{
    const struct test_case *c = &running_cases[next_case++];
    c->fn();
    if (test_case_failed) {
        cases_failed++;
    } else {
        cases_passed++;
    }
}

int __wrap_test_run(const char *suite, const struct test_case *cases, size_t n_cases)
{
    static struct test_case wrapped[MAX_CASES];
    if (n_cases > MAX_CASES) {
        printf("[an505] %lu cases in one test_run, at most %u: not run\n", (unsigned long)n_cases,
               MAX_CASES);
        cases_failed++;
        return EXIT_FAILURE;
    }
    for (size_t i = 0; i < n_cases; i++) {
        wrapped[i] = cases[i];
        wrapped[i].fn = counted_case;
    }
    running_cases = cases;
    next_case = 0;
    cases_declared += (unsigned)n_cases;
    return __real_test_run(suite, wrapped, n_cases);
}

/* ---- the run ------------------------------------------------------------- */

static void print_kib(const char *what, size_t used, size_t size)
{
    /* %lu: this newlib's printf has no %zu (no C99 formats). */
    printf("[an505] %s: %lu of %lu bytes (%.1f of %.1f KiB)\n", what, (unsigned long)used,
           (unsigned long)size, (double)used / 1024.0, (double)size / 1024.0);
}

int main(void)
{
    printf("[an505] ETSS on mps2-an505 (Cortex-M33, secure state, semihosting); suite %s\n",
           AN505_SUITE_NAME);
    printf("[an505] secure flash model: %u KiB array in RAM; Mbed TLS with TEST-ONLY "
           "entropy (not for any product)\n",
           AN505_FLASH_BYTES / 1024u);
    fflush(stdout);
    int32_t start_cs = an505_clock_cs();

    int status = AN505_SUITE_MAIN();

    int32_t end_cs = an505_clock_cs();
    unsigned run = cases_passed + cases_failed;
    bool pass = status == 0 && cases_declared > 0 && run == cases_declared && cases_failed == 0;

    printf("[an505] ---- summary: suite %s ----\n", AN505_SUITE_NAME);
    printf("[an505] cases: %u declared, %u run, %u passed, %u failed; suite status %d\n",
           cases_declared, run, cases_passed, cases_failed, status);
    for (size_t i = 0; i < spm_target_partition_count(); i++) {
        int32_t id = spm_target_partition_id(i);
        char what[80];
        snprintf(what, sizeof(what), "partition %" PRId32 "%s stack high-water", id,
                 id == TFM_SP_ETSS ? " (ETSS)" : "");
        print_kib(what, spm_target_stack_used(id), spm_target_stack_size(id));
    }
    if (spm_target_partition_count() > 0) {
        printf("[an505] context switches: %" PRIu32 "\n", spm_target_context_switches());
    } else {
        printf("[an505] no partition started in this image (the suite calls the ETSS service "
               "directly, on the main stack)\n");
    }
    print_kib("main stack high-water", an505_main_stack_used(), an505_main_stack_size());
    print_kib("heap high-water", an505_heap_used(), an505_heap_size());
    if (start_cs >= 0 && end_cs >= start_cs) {
        printf("[an505] suite time (semihosting SYS_CLOCK): %.2f s\n",
               (double)(end_cs - start_cs) / 100.0);
    }
    printf("[an505] SUMMARY: %s\n", pass ? "PASS" : "FAIL");
    return pass ? 0 : 1;
}
