/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Device model of an RPMC serial flash (JESD260 Replay Protected
 * Monotonic Counter): the NOR model plus an RPMC engine that decodes OP1
 * and OP2 (docs/rpmc.md). The plain NOR array keeps working; root keys and
 * counters live in the NOR model's internal non-volatile area, so they
 * persist in the image file; HMAC keys are volatile.
 */
#ifndef ETSS_RPMC_MODEL_H
#define ETSS_RPMC_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "devmodel/nor_model.h"

#define RPMC_MODEL_MAX_COUNTERS 16u

struct rpmc_model_config {
    struct nor_model_config nor; /* nv_size and one extra SFDP table are set by the model */
    uint8_t n_counters;          /* 1..16, default 4 */
    uint8_t op1;                 /* OP1 opcode, default 0x9B */
    uint8_t op2;                 /* OP2 opcode, default 0x96 */
    bool poll_rdsr;              /* announce busy polling by RDSR WIP instead of OP2 bit 0 */
    uint8_t update_rate;         /* announced update rate: 5 * 2^n s (0..15), not enforced */
    uint32_t t_cmd_us;           /* per OP1 command: parsing and HMAC work */
};

typedef struct rpmc_model rpmc_model_t;

/* Defaults: the NOR defaults, 4 counters, 0x9B/0x96, OP2 polling,
 * update rate 0 (5 s), 20 us per command (plus tPP per NV write). */
void rpmc_model_default_config(struct rpmc_model_config *cfg);

rpmc_model_t *rpmc_model_create(const struct rpmc_model_config *cfg, enum nor_model_status *status);
void rpmc_model_destroy(rpmc_model_t *rm);

/* The NOR underneath: bind it to the wire, read statistics, inject faults. */
nor_model_t *rpmc_model_nor(rpmc_model_t *rm);

/* Inspection for tests (bypasses the bus; costs no device time). */
struct rpmc_model_view {
    uint8_t n_counters;
    uint8_t ext_status; /* what OP2 would answer first */
    uint32_t counters[RPMC_MODEL_MAX_COUNTERS];
    bool root_key_set[RPMC_MODEL_MAX_COUNTERS];
    bool hmac_key_set[RPMC_MODEL_MAX_COUNTERS];
};
void rpmc_model_view(const rpmc_model_t *rm, struct rpmc_model_view *view);

/* Test-only back door (not part of the device): set counter `id` as if it
 * had been incremented to `value` (persisted; its busy time is let pass). */
void rpmc_model_test_set_counter(rpmc_model_t *rm, uint8_t id, uint32_t value);

#endif /* ETSS_RPMC_MODEL_H */
