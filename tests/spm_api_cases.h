/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPM's FF-M behaviour, one set of cases for both ports: the host SPM
 * (tests/test_spm_host.c) and the bare-metal one under QEMU
 * (target/an505/test_spm_target.c). A toy partition, written against
 * psa/service.h only, serves them; a relay partition is a secure client
 * of the toy. Each port's test adds what only it can show.
 */
#ifndef ETSS_SPM_API_CASES_H
#define ETSS_SPM_API_CASES_H

#include <stdint.h>

#include "psa/client.h"
#include "spm_host.h"
#include "test_harness.h"

#define TOY_PARTITION_ID 256 /* as the ports' fault checks expect it printed */
#define TOY_SID 0x0000E000u
#define TOY_VERSION 2u
#define RELAY_PARTITION_ID 257

enum toy_call_type {
    TOY_ECHO,          /* in_vec[0] -> out_vec[0], 3 bytes at a time; each read's count ->
                          out_vec[1] if given, the final 0 included */
    TOY_SUM,           /* the sum of every input byte -> out_vec[0] (uint32_t) */
    TOY_CLIENT_ID,     /* msg.client_id -> out_vec[0] (int32_t) */
    TOY_SIZES,         /* msg.in_size then msg.out_size -> out_vec[0] (size_t[8]) */
    TOY_SKIP,          /* skips in_vec[1][0] bytes of in_vec[0], echoes the rest;
                          returns what psa_skip returned */
    TOY_WRITE_PARTS,   /* "ab" then "cde" -> out_vec[0]; an empty write -> out_vec[2] */
    TOY_CONNECTION_ID, /* returns the number the connection got at connect (rhandle) */
    TOY_COUNT,         /* returns how many messages the partition has received */
    TOY_OVERFLOW,      /* writes 8 bytes to out_vec[0] whatever its size */
    TOY_RECURSE,       /* recurses in_vec[0] (uint32_t) levels of 256 bytes; returns 0 */
    TOY_NO_REPLY,      /* takes the message and never replies */
};

/* Times the toy partition's entry has run (read it from the client only
 * where the port runs one context at a time). */
extern uint32_t toy_boots;

/* Starts the toy, then the relay; 0 or -1. */
int spm_api_start_partitions(void);
void toy_partition_entry(void);

/* The shared cases, in order; the partitions must have been started. */
void spm_api_test_framework_version(void);
void spm_api_test_connect_call_close(void);
void spm_api_test_client_id_delivered(void);
void spm_api_test_sizes_reported(void);
void spm_api_test_partial_and_repeated_reads(void);
void spm_api_test_skip(void);
void spm_api_test_out_lengths_are_bytes_written(void);
void spm_api_test_rhandle_kept_per_connection(void);
void spm_api_test_call_programmer_errors_not_delivered(void);
void spm_api_test_connect_refused(void);
void spm_api_test_connections_run_out(void);
void spm_api_test_partition_calls_partition(void);
void spm_api_test_start_refuses_bad_manifests(void);

#define SPM_API_TEST_CASES                                                                         \
    TEST_CASE(spm_api_test_framework_version), TEST_CASE(spm_api_test_connect_call_close),         \
        TEST_CASE(spm_api_test_client_id_delivered), TEST_CASE(spm_api_test_sizes_reported),       \
        TEST_CASE(spm_api_test_partial_and_repeated_reads), TEST_CASE(spm_api_test_skip),          \
        TEST_CASE(spm_api_test_out_lengths_are_bytes_written),                                     \
        TEST_CASE(spm_api_test_rhandle_kept_per_connection),                                       \
        TEST_CASE(spm_api_test_call_programmer_errors_not_delivered),                              \
        TEST_CASE(spm_api_test_connect_refused), TEST_CASE(spm_api_test_connections_run_out),      \
        TEST_CASE(spm_api_test_partition_calls_partition),                                         \
        TEST_CASE(spm_api_test_start_refuses_bad_manifests)

/* The toy's answer to TOY_CLIENT_ID on `handle` (0 on failure). */
int32_t toy_client_id(psa_handle_t handle);

#endif /* ETSS_SPM_API_CASES_H */
