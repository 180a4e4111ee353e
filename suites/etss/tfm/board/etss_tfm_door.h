/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The test door of the ETSS suites' TF-M image: a service of the test
 * board port (etss_tfm_test_board.c) inside the ETSS partition, where the
 * modelled chip lives, for the suites that look at the chip or need new
 * parts (services, blank part, device classes). Secure callers only; test
 * images only: a product board has no door.
 *
 * Calls (psa_call type, vectors):
 *   ETSS_DOOR_NEW_PARTS   in: struct etss_door_parts. Power off, new blank
 *                         parts on the buses, the part records in ITS
 *                         removed, the partition's service started again;
 *                         answers what etss_service_init() answered.
 *   ETSS_DOOR_VIEW        out: struct sf_model_view of the secure flash;
 *                         PSA_ERROR_DOES_NOT_EXIST without one.
 *   ETSS_DOOR_STATS       out: struct etss_door_stats of the secure flash;
 *                         PSA_ERROR_DOES_NOT_EXIST without one.
 *   ETSS_DOOR_COUNTER     in: uint8_t id; out: uint32_t, counter `id` of the
 *                         part that serves the counters (the RPMC if any).
 *   ETSS_DOOR_SUITE_CASES out: uint32_t, the cases of the suite the partition
 *                         runs itself (the reliability suite, 3xxx: it makes
 *                         its own parts, cuts their power and boots the
 *                         service again, all inside the partition).
 *   ETSS_DOOR_SUITE_NAME  in: uint32_t case; out: struct etss_door_case.
 *   ETSS_DOOR_SUITE_RUN   in: uint32_t case; out: struct etss_door_result.
 *                         The board's own parts go first (their memory is
 *                         the case's); ETSS_DOOR_NEW_PARTS brings some back.
 * A call of another shape answers PSA_ERROR_PROGRAMMER_ERROR.
 */
#ifndef ETSS_TFM_DOOR_H
#define ETSS_TFM_DOOR_H

#include <stdint.h>

#define ETSS_DOOR_NEW_PARTS 1
#define ETSS_DOOR_VIEW 2
#define ETSS_DOOR_STATS 3
#define ETSS_DOOR_COUNTER 4
#define ETSS_DOOR_SUITE_CASES 5
#define ETSS_DOOR_SUITE_NAME 6
#define ETSS_DOOR_SUITE_RUN 7

#define ETSS_DOOR_MAX_BINDINGS 4u

/* The parts of a device class: a secure flash (on bus 0) with its SFDP
 * features, an RPMC (on the next bus) with the board's client -> counter
 * table. */
struct etss_door_parts {
    uint8_t secure_flash; /* 0 or 1 */
    uint8_t features;
    uint8_t rpmc; /* 0 or 1 */
    uint8_t n_bindings;
    int32_t clients[ETSS_DOOR_MAX_BINDINGS];
    uint8_t counters[ETSS_DOOR_MAX_BINDINGS];
};

struct etss_door_stats {
    uint64_t pages_programmed;
    uint64_t sectors_erased;
};

struct etss_door_case {
    char name[24];
    char description[128];
};

/* A case's verdict: its first failed check (empty: passed) and what it
 * printed. */
struct etss_door_result {
    int32_t failed;
    char reason[160];
    char output[320];
};

#endif /* ETSS_TFM_DOOR_H */
