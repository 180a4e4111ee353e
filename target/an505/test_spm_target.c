/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The bare-metal SPM (runtime/spm_target.c) on the target: the shared FF-M
 * cases (tests/spm_api_cases.c, which the host SPM runs too), plus what
 * only this port shows: partitions run to their first psa_wait at start,
 * and each partition's stack and its high-water mark.
 *
 * Built a second time with AN505_SPM_FAULT set, it is an image that must
 * FAIL, proving that the run catches it (scripts/target-qemu.sh checks the
 * exit status and the message):
 *   1  the partition writes past an out_vec: programmer error, status 1
 *   2  the partition overflows its stack: MSPLIM fault, HardFault report, 3
 *   3  the partition takes a message and never replies: deadlock, status 1
 */
#include <stddef.h>
#include <stdint.h>

#include "psa/client.h"
#include "spm_api_cases.h"
#include "spm_host.h"
#include "spm_target_extra.h"
#include "test_harness.h"

#ifndef AN505_SPM_FAULT
#define AN505_SPM_FAULT 0
#endif

/* Runs first: the partitions start, each running to its first psa_wait. */
static void test_start_runs_entry_to_wait(void)
{
    CHECK_EQ(toy_boots, 0);
    CHECK_EQ(spm_target_stack_used(TOY_PARTITION_ID), 0);
    CHECK_EQ(spm_api_start_partitions(), 0);
    CHECK_EQ(toy_boots, 1);
    CHECK(spm_target_stack_used(TOY_PARTITION_ID) > 0);
    CHECK_EQ(spm_target_stack_size(TOY_PARTITION_ID), SPM_TARGET_STACK_SIZE);
    CHECK_EQ(spm_target_stack_size(0x200), 0); /* no such partition */
    CHECK(spm_target_context_switches() >= 4);
}

#if AN505_SPM_FAULT == 0

/* The high-water mark follows what the partition's stack went through. */
static void test_stack_high_water(void)
{
    size_t before = spm_target_stack_used(TOY_PARTITION_ID);
    psa_handle_t handle = psa_connect(TOY_SID, TOY_VERSION);
    CHECK(handle > 0);
    const uint32_t levels = 16; /* 4 KiB and a bit */
    psa_invec in = {&levels, sizeof(levels)};
    CHECK_EQ(psa_call(handle, TOY_RECURSE, &in, 1, NULL, 0), PSA_SUCCESS);
    psa_close(handle);
    size_t after = spm_target_stack_used(TOY_PARTITION_ID);
    CHECK(after >= levels * 256u);
    CHECK(after > before);
    CHECK(after < SPM_TARGET_STACK_SIZE);
}

static const struct test_case cases[] = {
    TEST_CASE(test_start_runs_entry_to_wait),
    SPM_API_TEST_CASES,
    TEST_CASE(test_stack_high_water),
};

#else /* AN505_SPM_FAULT: an image that must fail */

static void test_fault(void)
{
    psa_handle_t handle = psa_connect(TOY_SID, TOY_VERSION);
    CHECK(handle > 0);
#if AN505_SPM_FAULT == 1
    uint8_t four[4];
    psa_outvec out = {four, sizeof(four)};
    (void)psa_call(handle, TOY_OVERFLOW, NULL, 0, &out, 1);
#elif AN505_SPM_FAULT == 2
    const uint32_t levels = 4u * SPM_TARGET_STACK_SIZE / 256u;
    psa_invec in = {&levels, sizeof(levels)};
    (void)psa_call(handle, TOY_RECURSE, &in, 1, NULL, 0);
#elif AN505_SPM_FAULT == 3
    (void)psa_call(handle, TOY_NO_REPLY, NULL, 0, NULL, 0);
#else
#error "AN505_SPM_FAULT: 1, 2 or 3"
#endif
    test_fail(__FILE__, __LINE__, "still running after the fault");
}

static const struct test_case cases[] = {
    TEST_CASE(test_start_runs_entry_to_wait),
    TEST_CASE(test_fault),
};

#endif

int main(void)
{
    return test_run(NULL, cases, sizeof(cases) / sizeof(cases[0]));
}
