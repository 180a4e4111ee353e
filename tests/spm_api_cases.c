/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPM's FF-M behaviour, one set of cases for both ports
 * (spm_api_cases.h).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "psa/service.h"
#include "spm_api_cases.h"

#define TOY_SIGNAL (1u << 4)
#define GRUMPY_SID 0x0000E001u /* refuses every connection */
#define GRUMPY_SIGNAL (1u << 5)
#define RELAY_SID 0x0000E100u
#define RELAY_SIGNAL (1u << 4)
#define UNKNOWN_SID 0x0000EEEEu

/* ---- the toy partition: written against psa/service.h only ---------------- */

uint32_t toy_boots;
/* Touched by the partition's context only. */
static uint32_t toy_messages;
static uint32_t toy_connections;

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

/* 256 bytes of stack per level, which the compiler cannot fold away. */
static __attribute__((noinline)) uint32_t recurse(uint32_t levels)
{
    volatile uint8_t frame[256];
    frame[0] = (uint8_t)levels;
    frame[255] = (uint8_t)(levels >> 8);
    uint32_t below = levels > 1u ? recurse(levels - 1u) : 0u;
    return below + frame[0] + frame[255];
}

static psa_status_t toy_recurse(const psa_msg_t *msg)
{
    uint32_t levels = 0;
    psa_read(msg->handle, 0, &levels, sizeof(levels));
    return recurse(levels) != 0u ? PSA_SUCCESS : PSA_ERROR_GENERIC_ERROR;
}

static psa_status_t toy_serve(const psa_msg_t *msg)
{
    static const uint8_t eight[8] = {0};
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
        psa_write(msg->handle, 0, msg->in_size, sizeof(msg->in_size));
        psa_write(msg->handle, 0, msg->out_size, sizeof(msg->out_size));
        return PSA_SUCCESS;
    case TOY_SKIP:
        return toy_skip(msg);
    case TOY_WRITE_PARTS:
        psa_write(msg->handle, 0, "ab", 2);
        psa_write(msg->handle, 0, "cde", 3);
        psa_write(msg->handle, 2, "", 0);
        return PSA_SUCCESS;
    case TOY_CONNECTION_ID:
        return (psa_status_t)(uintptr_t)msg->rhandle;
    case TOY_COUNT:
        return (psa_status_t)toy_messages;
    case TOY_OVERFLOW:
        psa_write(msg->handle, 0, eight, sizeof(eight));
        return PSA_SUCCESS;
    case TOY_RECURSE:
        return toy_recurse(msg);
    default:
        return PSA_ERROR_NOT_SUPPORTED;
    }
}

void toy_partition_entry(void)
{
    toy_boots++;
    for (;;) {
        psa_signal_t signals = psa_wait(PSA_WAIT_ANY, PSA_BLOCK);
        psa_msg_t msg;
        if ((signals & TOY_SIGNAL) != 0) {
            psa_get(TOY_SIGNAL, &msg);
            toy_messages++;
            if (msg.type != TOY_NO_REPLY) {
                psa_reply(msg.handle, toy_serve(&msg));
            }
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

/* ---- the relay partition: a secure client of the toy ----------------------- */

/* Asks the toy who is calling (the relay itself: its partition id), and
 * passes the answer back with the caller's own id. */
static psa_status_t relay_call(const psa_msg_t *msg)
{
    int32_t ids[2] = {msg->client_id, 0};
    psa_handle_t toy = psa_connect(TOY_SID, 1);
    if (toy <= 0) {
        return toy;
    }
    psa_outvec out = {&ids[1], sizeof(ids[1])};
    psa_status_t status = psa_call(toy, TOY_CLIENT_ID, NULL, 0, &out, 1);
    psa_close(toy);
    psa_write(msg->handle, 0, ids, sizeof(ids));
    return status;
}

static void relay_partition_entry(void)
{
    for (;;) {
        if ((psa_wait(RELAY_SIGNAL, PSA_BLOCK) & RELAY_SIGNAL) != 0) {
            psa_msg_t msg;
            psa_get(RELAY_SIGNAL, &msg);
            psa_reply(msg.handle, msg.type == PSA_IPC_CALL ? relay_call(&msg) : PSA_SUCCESS);
        }
    }
}

static const struct spm_host_service relay_service = {
    .sid = RELAY_SID, .version = 1, .signal = RELAY_SIGNAL};

int spm_api_start_partitions(void)
{
    return spm_host_start_partition(TOY_PARTITION_ID, toy_partition_entry, toy_services, 2) == 0 &&
                   spm_host_start_partition(RELAY_PARTITION_ID, relay_partition_entry,
                                            &relay_service, 1) == 0
               ? 0
               : -1;
}

/* ---- client side ------------------------------------------------------------ */

static psa_status_t toy_message_count(psa_handle_t handle)
{
    return psa_call(handle, TOY_COUNT, NULL, 0, NULL, 0);
}

int32_t toy_client_id(psa_handle_t handle)
{
    int32_t client_id = 0;
    psa_outvec out = {&client_id, sizeof(client_id)};
    if (psa_call(handle, TOY_CLIENT_ID, NULL, 0, &out, 1) != PSA_SUCCESS) {
        return 0;
    }
    return client_id;
}

void spm_api_test_framework_version(void)
{
    CHECK_EQ(psa_framework_version(), 0x0101);
}

void spm_api_test_connect_call_close(void)
{
    psa_handle_t handle = psa_connect(TOY_SID, TOY_VERSION);
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

void spm_api_test_client_id_delivered(void)
{
    psa_handle_t handle = psa_connect(TOY_SID, TOY_VERSION);
    CHECK(handle > 0);
    int32_t by_default = toy_client_id(handle);
    spm_host_set_client_id(-5);
    int32_t non_secure = toy_client_id(handle);
    spm_host_set_client_id(3000);
    int32_t secure = toy_client_id(handle);
    spm_host_set_client_id(-1);
    psa_close(handle);
    CHECK_EQ(by_default, -1);
    CHECK_EQ(non_secure, -5);
    CHECK_EQ(secure, 3000);
}

void spm_api_test_sizes_reported(void)
{
    psa_handle_t handle = psa_connect(TOY_SID, TOY_VERSION);
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

void spm_api_test_partial_and_repeated_reads(void)
{
    psa_handle_t handle = psa_connect(TOY_SID, TOY_VERSION);
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

void spm_api_test_skip(void)
{
    psa_handle_t handle = psa_connect(TOY_SID, TOY_VERSION);
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

void spm_api_test_out_lengths_are_bytes_written(void)
{
    psa_handle_t handle = psa_connect(TOY_SID, TOY_VERSION);
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

void spm_api_test_rhandle_kept_per_connection(void)
{
    psa_handle_t first = psa_connect(TOY_SID, TOY_VERSION);
    psa_handle_t second = psa_connect(TOY_SID, TOY_VERSION);
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

void spm_api_test_call_programmer_errors_not_delivered(void)
{
    psa_handle_t closed = psa_connect(TOY_SID, TOY_VERSION);
    CHECK(closed > 0);
    psa_close(closed);
    psa_handle_t handle = psa_connect(TOY_SID, TOY_VERSION);
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

void spm_api_test_connect_refused(void)
{
    psa_handle_t handle = psa_connect(TOY_SID, TOY_VERSION);
    CHECK(handle > 0);
    psa_status_t before = toy_message_count(handle);
    CHECK_EQ(psa_version(UNKNOWN_SID), PSA_VERSION_NONE);
    CHECK_EQ(psa_connect(UNKNOWN_SID, 1), PSA_ERROR_CONNECTION_REFUSED);
    CHECK_EQ(psa_connect(TOY_SID, TOY_VERSION + 1), PSA_ERROR_CONNECTION_REFUSED);
    CHECK_EQ(psa_connect(TOY_SID, 0), PSA_ERROR_CONNECTION_REFUSED);
    psa_status_t after_spm = toy_message_count(handle);
    CHECK_EQ(psa_connect(GRUMPY_SID, 1), PSA_ERROR_CONNECTION_REFUSED);
    psa_status_t after_partition = toy_message_count(handle);
    psa_handle_t older_version = psa_connect(TOY_SID, 1);
    CHECK(older_version > 0);
    psa_close(older_version);
    psa_close(handle);
    CHECK_EQ(after_spm, before + 1);          /* the SPM refused alone */
    CHECK_EQ(after_partition, after_spm + 2); /* the refused connect reached it */
}

void spm_api_test_connections_run_out(void)
{
    psa_handle_t handles[SPM_HOST_MAX_CONNECTIONS];
    size_t opened = 0;
    while (opened < SPM_HOST_MAX_CONNECTIONS) {
        handles[opened] = psa_connect(TOY_SID, TOY_VERSION);
        if (handles[opened] <= 0) {
            break;
        }
        opened++;
    }
    psa_handle_t one_more = psa_connect(TOY_SID, TOY_VERSION);
    for (size_t i = 0; i < opened; i++) {
        psa_close(handles[i]);
    }
    CHECK_EQ(opened, SPM_HOST_MAX_CONNECTIONS);
    CHECK_EQ(one_more, PSA_ERROR_CONNECTION_BUSY);
    psa_handle_t again = psa_connect(TOY_SID, TOY_VERSION);
    CHECK(again > 0);
    psa_close(again);
}

/* A partition calls another: the relay's messages carry its partition id. */
void spm_api_test_partition_calls_partition(void)
{
    spm_host_set_client_id(-7);
    psa_handle_t relay = psa_connect(RELAY_SID, 1);
    CHECK(relay > 0);
    int32_t ids[2] = {0, 0};
    psa_outvec out = {ids, sizeof(ids)};
    psa_status_t status = psa_call(relay, PSA_IPC_CALL, NULL, 0, &out, 1);
    psa_close(relay);
    spm_host_set_client_id(-1);
    CHECK_EQ(status, PSA_SUCCESS);
    CHECK_EQ(out.len, sizeof(ids));
    CHECK_EQ(ids[0], -7);
    CHECK_EQ(ids[1], RELAY_PARTITION_ID);
}

void spm_api_test_start_refuses_bad_manifests(void)
{
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
