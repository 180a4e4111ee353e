/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A fake vendor binding for tests of the common layer: a part that exists
 * only as the state below, answering every operation of the vendor
 * contract (sf_vendor.h) without a bus, with forced statuses and a hit
 * counter per operation. The common layer's rules (retries, session
 * renewal, eviction, which descriptions it believes) are tested through it
 * on their own, apart from any protocol.
 */
#ifndef ETSS_FAKE_VENDOR_H
#define ETSS_FAKE_VENDOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sf_vendor.h"

enum fake_op {
    FAKE_PROBE,
    FAKE_GET_INFO,
    FAKE_SEAL_PROVISIONING,
    FAKE_PROVISION,
    FAKE_REPROVISION,
    FAKE_SESSION_OPEN,
    FAKE_SESSION_CLOSE,
    FAKE_READ,
    FAKE_PROGRAM,
    FAKE_ERASE,
    FAKE_COUNTER_READ,
    FAKE_COUNTER_INCREMENT,
    FAKE_RANDOM,
    FAKE_SECURITY_INFO,
    FAKE_LOCK,
    FAKE_OPS
};

#define FAKE_ARRAY_BYTES 4096u
#define FAKE_COUNTERS 4u
#define FAKE_LOG 64u

struct fake_part {
    struct sf_info info; /* what get_info and security_info answer */
    uint32_t counters[FAKE_COUNTERS];
    uint8_t array[FAKE_ARRAY_BYTES]; /* reads, programs, erases (addresses modulo its size) */
    uint32_t calls[FAKE_OPS];        /* every call, forced or not */
    int forced[FAKE_OPS];            /* the status of the next forced_left[op] calls */
    uint32_t forced_left[FAKE_OPS];
    bool scribble; /* a forced security_info writes garbage into the caller's struct first */
    /* Zones of the sessions opened and closed, in order. */
    uint8_t opened[FAKE_LOG];
    size_t n_opened;
    uint8_t closed[FAKE_LOG];
    size_t n_closed;
    uint32_t highest_sequence; /* the highest session sequence an operation ran with */
};

/* The one fake part: a test reads and sets it directly. */
extern struct fake_part fake_part;
extern const struct sf_vendor_ops fake_vendor_ops;

/* A blank part of `n_zones` zones of 64 KiB each (at most SF_MAX_ZONES),
 * FAKE_COUNTERS counters, operations unlimited per session (session_max_ops 0). */
void fake_part_reset(uint8_t n_zones);
/* The next `times` calls of `op` return `status` without doing anything. */
void fake_force(enum fake_op op, int status, uint32_t times);

#endif /* ETSS_FAKE_VENDOR_H */
