/* SPDX-License-Identifier: BSD-3-Clause */
/* The host SPM: the shared FF-M cases (spm_api_cases.c) on its threads,
 * plus what only a hosted process can show: a programmer error aborting
 * the process, and clients on two threads at once. */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "psa/client.h"
#include "spm_api_cases.h"
#include "spm_host.h"
#include "test_harness.h"

static bool started;

/*
 * Runs first: fork() copies only the calling thread, so the child must be the
 * one to start the partition. The child's partition writes past a bound; the
 * SPM must name the bug on stderr and abort.
 */
static void test_write_past_out_vec_aborts(void)
{
    CHECK(!started);
    int err_pipe[2];
    CHECK_EQ(pipe(err_pipe), 0);
    pid_t child = fork();
    CHECK(child >= 0);
    if (child == 0) {
        const struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        dup2(err_pipe[1], STDERR_FILENO);
        uint8_t four[4];
        psa_outvec out = {four, sizeof(four)};
        if (spm_api_start_partitions() == 0) {
            psa_call(psa_connect(TOY_SID, TOY_VERSION), TOY_OVERFLOW, NULL, 0, &out, 1);
        }
        _exit(0); /* not aborted: the parent reports it */
    }
    close(err_pipe[1]);
    int status = 0;
    CHECK_EQ(waitpid(child, &status, 0), child);
    char report[512] = {0};
    ssize_t n = read(err_pipe[0], report, sizeof(report) - 1);
    close(err_pipe[0]);
    CHECK(WIFSIGNALED(status));
    CHECK_EQ(WTERMSIG(status), SIGABRT);
    CHECK(n > 0);
    CHECK(strstr(report, "programmer error in partition 256: psa_write(") != NULL);
}

static void test_start_partitions(void)
{
    CHECK_EQ(spm_api_start_partitions(), 0);
    started = true;
}

/* --- two clients at once --------------------------------------------------- */

#define CALLS_PER_CLIENT 300

struct client_run {
    int32_t client_id; /* 0: leave the thread's default */
    uint8_t value;     /* what this client sums, distinct per client */
    int32_t expected_client_id;
    unsigned wrong_answers;
};

static void *client_thread(void *arg)
{
    struct client_run *run = arg;
    if (run->client_id != 0) {
        spm_host_set_client_id(run->client_id);
    }
    psa_handle_t handle = psa_connect(TOY_SID, TOY_VERSION);
    for (unsigned i = 0; i < CALLS_PER_CLIENT; i++) {
        uint8_t data[3] = {run->value, run->value, (uint8_t)i};
        uint32_t sum = 0;
        psa_invec in = {data, sizeof(data)};
        psa_outvec out = {&sum, sizeof(sum)};
        bool right = psa_call(handle, TOY_SUM, &in, 1, &out, 1) == PSA_SUCCESS &&
                     sum == 2u * run->value + (uint8_t)i &&
                     toy_client_id(handle) == run->expected_client_id;
        run->wrong_answers += right ? 0u : 1u;
    }
    psa_close(handle);
    return NULL;
}

static void test_concurrent_clients(void)
{
    struct client_run runs[2] = {
        {.client_id = 0, .value = 7, .expected_client_id = -1},
        {.client_id = 7, .value = 100, .expected_client_id = 7},
    };
    pthread_t threads[2];
    for (size_t i = 0; i < 2; i++) {
        CHECK_EQ(pthread_create(&threads[i], NULL, client_thread, &runs[i]), 0);
    }
    for (size_t i = 0; i < 2; i++) {
        CHECK_EQ(pthread_join(threads[i], NULL), 0);
    }
    CHECK_EQ(runs[0].wrong_answers, 0);
    CHECK_EQ(runs[1].wrong_answers, 0);
}

static const struct test_case cases[] = {
    TEST_CASE(test_write_past_out_vec_aborts), /* first: see there */
    TEST_CASE(test_start_partitions),
    SPM_API_TEST_CASES,
    TEST_CASE(test_concurrent_clients),
};

TEST_MAIN("spm_host", cases)
