/* The host SPM: a toy partition's services reached through the FF-M client
 * API, with the SPM's checks on both sides. */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "psa/client.h"
#include "psa/service.h"
#include "spm_host.h"
#include "test_harness.h"

#define TOY_PARTITION_ID 256 /* as the abort test expects it printed */
#define TOY_SID 0x0000E000u
#define TOY_VERSION 2u
#define TOY_SIGNAL (1u << 4)
#define GRUMPY_SID 0x0000E001u /* refuses every connection */
#define GRUMPY_SIGNAL (1u << 5)
#define UNKNOWN_SID 0x0000EEEEu

enum toy_call_type {
    TOY_ECHO,          /* in_vec[0] -> out_vec[0], read 3 bytes at a time; each read's
                          count -> out_vec[1] if given, the final 0 included */
    TOY_SUM,           /* the sum of every input byte -> out_vec[0] (uint32_t) */
    TOY_CLIENT_ID,     /* msg.client_id -> out_vec[0] (int32_t) */
    TOY_SIZES,         /* msg.in_size then msg.out_size -> out_vec[0] (size_t[8]) */
    TOY_SKIP,          /* skips in_vec[1][0] bytes of in_vec[0], echoes the rest to
                          out_vec[0]; returns what psa_skip returned */
    TOY_WRITE_PARTS,   /* "ab" then "cde" -> out_vec[0]; an empty write -> out_vec[2] */
    TOY_CONNECTION_ID, /* returns the number the connection got at connect (rhandle) */
    TOY_COUNT,         /* returns how many messages the partition has received */
    TOY_OVERFLOW,      /* writes 8 bytes to out_vec[0] whatever its size */
};

/* --- the toy partition: written against psa/service.h only ---------------- */

static psa_status_t toy_echo(const psa_msg_t *msg)
{
    uint8_t chunk[3];
    size_t count;
    do {
        count = psa_read(msg->handle, 0, chunk, sizeof(chunk));
        psa_write(msg->handle, 0, chunk, count);
        if (msg->out_size[1] > 0) {
            uint8_t count_byte = (uint8_t)count;
            psa_write(msg->handle, 1, &count_byte, 1);
        }
    } while (count > 0);
    return PSA_SUCCESS;
}

static psa_status_t toy_sum(const psa_msg_t *msg)
{
    uint32_t sum = 0;
    for (uint32_t i = 0; i < PSA_MAX_IOVEC; i++) {
        uint8_t byte;
        while (psa_read(msg->handle, i, &byte, 1) == 1) {
            sum += byte;
        }
    }
    psa_write(msg->handle, 0, &sum, sizeof(sum));
    return PSA_SUCCESS;
}

static psa_status_t toy_sizes(const psa_msg_t *msg)
{
    psa_write(msg->handle, 0, msg->in_size, sizeof(msg->in_size));
    psa_write(msg->handle, 0, msg->out_size, sizeof(msg->out_size));
    return PSA_SUCCESS;
}

static psa_status_t toy_skip(const psa_msg_t *msg)
{
    uint8_t skip = 0;
    psa_read(msg->handle, 1, &skip, 1);
    size_t skipped = psa_skip(msg->handle, 0, skip);
    uint8_t byte;
    while (psa_read(msg->handle, 0, &byte, 1) == 1) {
        psa_write(msg->handle, 0, &byte, 1);
    }
    return (psa_status_t)skipped;
}

static psa_status_t toy_write_parts(const psa_msg_t *msg)
{
    psa_write(msg->handle, 0, "ab", 2);
    psa_write(msg->handle, 0, "cde", 3);
    psa_write(msg->handle, 2, "", 0);
    return PSA_SUCCESS;
}

static psa_status_t toy_overflow(const psa_msg_t *msg)
{
    const uint8_t eight[8] = {0};
    psa_write(msg->handle, 0, eight, sizeof(eight));
    return PSA_SUCCESS;
}

/* Touched by the partition's thread only. */
static uint32_t toy_messages;
static uint32_t toy_connections;

static psa_status_t toy_serve(const psa_msg_t *msg)
{
    switch (msg->type) {
    case PSA_IPC_CONNECT:
        toy_connections++;
        psa_set_rhandle(msg->handle, (void *)(uintptr_t)toy_connections);
        return PSA_SUCCESS;
    case PSA_IPC_DISCONNECT:
        return PSA_SUCCESS;
    case TOY_ECHO:
        return toy_echo(msg);
    case TOY_SUM:
        return toy_sum(msg);
    case TOY_CLIENT_ID:
        psa_write(msg->handle, 0, &msg->client_id, sizeof(msg->client_id));
        return PSA_SUCCESS;
    case TOY_SIZES:
        return toy_sizes(msg);
    case TOY_SKIP:
        return toy_skip(msg);
    case TOY_WRITE_PARTS:
        return toy_write_parts(msg);
    case TOY_CONNECTION_ID:
        return (psa_status_t)(uintptr_t)msg->rhandle;
    case TOY_COUNT:
        return (psa_status_t)toy_messages;
    case TOY_OVERFLOW:
        return toy_overflow(msg);
    default:
        return PSA_ERROR_NOT_SUPPORTED;
    }
}

static void toy_partition_entry(void)
{
    for (;;) {
        psa_signal_t signals = psa_wait(PSA_WAIT_ANY, PSA_BLOCK);
        psa_msg_t msg;
        if ((signals & TOY_SIGNAL) != 0) {
            psa_get(TOY_SIGNAL, &msg);
            toy_messages++;
            psa_reply(msg.handle, toy_serve(&msg));
        }
        if ((signals & GRUMPY_SIGNAL) != 0) {
            psa_get(GRUMPY_SIGNAL, &msg);
            toy_messages++;
            psa_reply(msg.handle, PSA_ERROR_CONNECTION_REFUSED);
        }
    }
}

static const struct spm_host_service toy_services[] = {
    {.sid = TOY_SID, .version = TOY_VERSION, .signal = TOY_SIGNAL},
    {.sid = GRUMPY_SID, .version = 1, .signal = GRUMPY_SIGNAL},
};

/* --- client side ------------------------------------------------------------ */

static bool toy_started;

/* Connects to the toy service, starting the partition on first use. */
static psa_handle_t toy_connect(void)
{
    if (!toy_started) {
        toy_started =
            spm_host_start_partition(TOY_PARTITION_ID, toy_partition_entry, toy_services, 2) == 0;
    }
    return psa_connect(TOY_SID, TOY_VERSION);
}

static psa_status_t toy_message_count(psa_handle_t handle)
{
    return psa_call(handle, TOY_COUNT, NULL, 0, NULL, 0);
}

static int32_t toy_client_id(psa_handle_t handle)
{
    int32_t client_id = 0;
    psa_outvec out = {&client_id, sizeof(client_id)};
    if (psa_call(handle, TOY_CLIENT_ID, NULL, 0, &out, 1) != PSA_SUCCESS) {
        return 0;
    }
    return client_id;
}

/*
 * Runs first: fork() copies only the calling thread, so the child must be the
 * one to start the partition. The child's partition writes past a bound; the
 * SPM must name the bug on stderr and abort.
 */
static void test_write_past_out_vec_aborts(void)
{
    CHECK(!toy_started);
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
        psa_call(toy_connect(), TOY_OVERFLOW, NULL, 0, &out, 1);
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

static void test_framework_version(void)
{
    CHECK_EQ(psa_framework_version(), 0x0101);
}

static void test_connect_call_close(void)
{
    psa_handle_t handle = toy_connect();
    CHECK(handle > 0);
    CHECK_EQ(psa_version(TOY_SID), TOY_VERSION);
    const char text[] = "hello, partition";
    char echo[32] = {0};
    psa_invec in = {text, sizeof(text)};
    psa_outvec out = {echo, sizeof(echo)};
    CHECK_EQ(psa_call(handle, TOY_ECHO, &in, 1, &out, 1), PSA_SUCCESS);
    CHECK_EQ(out.len, sizeof(text));
    CHECK_MEM_EQ(echo, text, sizeof(text));
    psa_close(handle);
    CHECK_EQ(psa_call(handle, TOY_ECHO, &in, 1, &out, 1), PSA_ERROR_PROGRAMMER_ERROR);
    psa_close(PSA_NULL_HANDLE);
}

static void test_client_id_delivered(void)
{
    psa_handle_t handle = toy_connect();
    CHECK(handle > 0);
    spm_host_set_client_id(-5);
    int32_t non_secure = toy_client_id(handle);
    spm_host_set_client_id(3000);
    int32_t secure = toy_client_id(handle);
    spm_host_set_client_id(-1);
    psa_close(handle);
    CHECK_EQ(non_secure, -5);
    CHECK_EQ(secure, 3000);
}

static void test_sizes_reported(void)
{
    psa_handle_t handle = toy_connect();
    CHECK(handle > 0);
    const uint8_t data[5] = {0};
    size_t sizes[2 * PSA_MAX_IOVEC];
    uint8_t spare[7];
    psa_invec in[2] = {{data, 3}, {data, 5}};
    psa_outvec out[2] = {{sizes, sizeof(sizes)}, {spare, sizeof(spare)}};
    CHECK_EQ(psa_call(handle, TOY_SIZES, in, 2, out, 2), PSA_SUCCESS);
    psa_close(handle);
    const size_t expected[2 * PSA_MAX_IOVEC] = {3, 5, 0, 0, sizeof(sizes), sizeof(spare), 0, 0};
    CHECK_EQ(out[0].len, sizeof(sizes));
    CHECK_MEM_EQ(sizes, expected, sizeof(expected));
    CHECK_EQ(out[1].len, 0);
}

static void test_partial_and_repeated_reads(void)
{
    psa_handle_t handle = toy_connect();
    CHECK(handle > 0);
    const uint8_t data[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    uint8_t echo[8] = {0};
    uint8_t counts[8] = {0};
    psa_invec in = {data, sizeof(data)};
    psa_outvec out[2] = {{echo, sizeof(echo)}, {counts, sizeof(counts)}};
    CHECK_EQ(psa_call(handle, TOY_ECHO, &in, 1, out, 2), PSA_SUCCESS);
    psa_close(handle);
    const uint8_t expected_counts[4] = {3, 3, 2, 0};
    CHECK_EQ(out[0].len, sizeof(data));
    CHECK_MEM_EQ(echo, data, sizeof(data));
    CHECK_EQ(out[1].len, sizeof(expected_counts));
    CHECK_MEM_EQ(counts, expected_counts, sizeof(expected_counts));
}

static void test_skip(void)
{
    psa_handle_t handle = toy_connect();
    CHECK(handle > 0);
    const uint8_t data[6] = {10, 11, 12, 13, 14, 15};
    const uint8_t skip_some = 2;
    const uint8_t skip_past_end = 100; /* skips what is there */
    uint8_t rest[6] = {0};
    psa_invec in[2] = {{data, sizeof(data)}, {&skip_some, 1}};
    psa_outvec out = {rest, sizeof(rest)};
    CHECK_EQ(psa_call(handle, TOY_SKIP, in, 2, &out, 1), 2);
    CHECK_EQ(out.len, 4);
    CHECK_MEM_EQ(rest, data + 2, 4);
    in[1].base = &skip_past_end;
    out.len = sizeof(rest);
    CHECK_EQ(psa_call(handle, TOY_SKIP, in, 2, &out, 1), sizeof(data));
    CHECK_EQ(out.len, 0);
    psa_close(handle);
}

static void test_out_lengths_are_bytes_written(void)
{
    psa_handle_t handle = toy_connect();
    CHECK(handle > 0);
    char first[10] = {0};
    char second[10];
    char third[10];
    psa_outvec out[3] = {{first, sizeof(first)}, {second, sizeof(second)}, {third, sizeof(third)}};
    CHECK_EQ(psa_call(handle, TOY_WRITE_PARTS, NULL, 0, out, 3), PSA_SUCCESS);
    psa_close(handle);
    CHECK_EQ(out[0].len, 5);
    CHECK_MEM_EQ(first, "abcde", 5);
    CHECK_EQ(out[1].len, 0);
    CHECK_EQ(out[2].len, 0);
}

static void test_rhandle_kept_per_connection(void)
{
    psa_handle_t first = toy_connect();
    psa_handle_t second = toy_connect();
    CHECK(first > 0 && second > 0 && first != second);
    psa_status_t first_id = psa_call(first, TOY_CONNECTION_ID, NULL, 0, NULL, 0);
    psa_status_t second_id = psa_call(second, TOY_CONNECTION_ID, NULL, 0, NULL, 0);
    psa_status_t first_again = psa_call(first, TOY_CONNECTION_ID, NULL, 0, NULL, 0);
    psa_close(first);
    psa_close(second);
    CHECK(first_id > 0);
    CHECK_EQ(second_id, first_id + 1);
    CHECK_EQ(first_again, first_id);
}

static void test_call_programmer_errors_not_delivered(void)
{
    psa_handle_t closed = toy_connect();
    CHECK(closed > 0);
    psa_close(closed);
    psa_handle_t handle = toy_connect();
    CHECK(handle > 0);
    psa_status_t before = toy_message_count(handle);

    uint8_t byte = 0;
    psa_invec three_in[3] = {{&byte, 1}, {&byte, 1}, {&byte, 1}};
    psa_outvec two_out[2] = {{&byte, 1}, {&byte, 1}};
    psa_invec null_in = {NULL, 1};
    psa_outvec null_out = {NULL, 1};
    CHECK_EQ(psa_call(handle, TOY_SUM, three_in, 3, two_out, 2), PSA_ERROR_PROGRAMMER_ERROR);
    CHECK_EQ(psa_call(handle, TOY_SUM, NULL, 1, NULL, 0), PSA_ERROR_PROGRAMMER_ERROR);
    CHECK_EQ(psa_call(handle, TOY_SUM, &null_in, 1, NULL, 0), PSA_ERROR_PROGRAMMER_ERROR);
    CHECK_EQ(psa_call(handle, TOY_SUM, NULL, 0, &null_out, 1), PSA_ERROR_PROGRAMMER_ERROR);
    CHECK_EQ(psa_call(handle, -1, NULL, 0, NULL, 0), PSA_ERROR_PROGRAMMER_ERROR);
    CHECK_EQ(psa_call(closed, TOY_SUM, NULL, 0, NULL, 0), PSA_ERROR_PROGRAMMER_ERROR);
    CHECK_EQ(psa_call(PSA_NULL_HANDLE, TOY_SUM, NULL, 0, NULL, 0), PSA_ERROR_PROGRAMMER_ERROR);
    CHECK_EQ(psa_call(0x7FFF0000, TOY_SUM, NULL, 0, NULL, 0), PSA_ERROR_PROGRAMMER_ERROR);

    psa_status_t after = toy_message_count(handle);
    psa_close(handle);
    CHECK_EQ(after, before + 1); /* only the second count itself */
}

static void test_connect_refused_by_spm(void)
{
    psa_handle_t handle = toy_connect();
    CHECK(handle > 0);
    psa_status_t before = toy_message_count(handle);
    CHECK_EQ(psa_version(UNKNOWN_SID), PSA_VERSION_NONE);
    CHECK_EQ(psa_connect(UNKNOWN_SID, 1), PSA_ERROR_CONNECTION_REFUSED);
    CHECK_EQ(psa_connect(TOY_SID, TOY_VERSION + 1), PSA_ERROR_CONNECTION_REFUSED);
    CHECK_EQ(psa_connect(TOY_SID, 0), PSA_ERROR_CONNECTION_REFUSED);
    psa_status_t after = toy_message_count(handle);
    psa_handle_t older_version = psa_connect(TOY_SID, 1);
    psa_close(older_version);
    psa_close(handle);
    CHECK_EQ(after, before + 1);
    CHECK(older_version > 0);
}

static void test_connect_refused_by_partition(void)
{
    psa_handle_t handle = toy_connect();
    CHECK(handle > 0);
    psa_status_t before = toy_message_count(handle);
    CHECK_EQ(psa_connect(GRUMPY_SID, 1), PSA_ERROR_CONNECTION_REFUSED);
    psa_status_t after = toy_message_count(handle);
    psa_close(handle);
    CHECK_EQ(after, before + 2); /* the refused connect reached it */
}

static void test_start_refuses_bad_manifests(void)
{
    CHECK(toy_started); /* its SIDs are taken */
    const struct spm_host_service fresh = {.sid = 0xF000, .version = 1, .signal = 1u << 4};
    const struct spm_host_service taken_sid = {.sid = TOY_SID, .version = 1, .signal = 1u << 4};
    const struct spm_host_service two_bits = {.sid = 0xF000, .version = 1, .signal = 3u << 4};
    const struct spm_host_service doorbell = {.sid = 0xF000, .version = 1, .signal = PSA_DOORBELL};
    const struct spm_host_service no_version = {.sid = 0xF000, .version = 0, .signal = 1u << 4};
    const struct spm_host_service same_signal[2] = {
        fresh, {.sid = 0xF001, .version = 1, .signal = 1u << 4}};
    CHECK_EQ(spm_host_start_partition(TOY_PARTITION_ID, toy_partition_entry, &fresh, 1), -1);
    CHECK_EQ(spm_host_start_partition(0, toy_partition_entry, &fresh, 1), -1);
    CHECK_EQ(spm_host_start_partition(0x200, NULL, &fresh, 1), -1);
    CHECK_EQ(spm_host_start_partition(0x200, toy_partition_entry, &fresh, 0), -1);
    CHECK_EQ(spm_host_start_partition(0x200, toy_partition_entry, &taken_sid, 1), -1);
    CHECK_EQ(spm_host_start_partition(0x200, toy_partition_entry, &two_bits, 1), -1);
    CHECK_EQ(spm_host_start_partition(0x200, toy_partition_entry, &doorbell, 1), -1);
    CHECK_EQ(spm_host_start_partition(0x200, toy_partition_entry, &no_version, 1), -1);
    CHECK_EQ(spm_host_start_partition(0x200, toy_partition_entry, same_signal, 2), -1);
    CHECK_EQ(psa_version(0xF000), PSA_VERSION_NONE);
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
    psa_close(toy_connect()); /* the partition is up */
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
    TEST_CASE(test_framework_version),
    TEST_CASE(test_connect_call_close),
    TEST_CASE(test_client_id_delivered),
    TEST_CASE(test_sizes_reported),
    TEST_CASE(test_partial_and_repeated_reads),
    TEST_CASE(test_skip),
    TEST_CASE(test_out_lengths_are_bytes_written),
    TEST_CASE(test_rhandle_kept_per_connection),
    TEST_CASE(test_call_programmer_errors_not_delivered),
    TEST_CASE(test_connect_refused_by_spm),
    TEST_CASE(test_connect_refused_by_partition),
    TEST_CASE(test_start_refuses_bad_manifests),
    TEST_CASE(test_concurrent_clients),
};

TEST_MAIN("spm_host", cases)
