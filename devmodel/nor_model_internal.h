/* SPDX-License-Identifier: BSD-3-Clause */
/* Internals shared by the device model's files; not part of its API. */
#ifndef ETSS_NOR_MODEL_INTERNAL_H
#define ETSS_NOR_MODEL_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "devmodel/nor_model.h"

#define NOR_MODEL_SFDP_SPACE 2048u

enum pending_op { PENDING_NONE, PENDING_PROGRAM, PENDING_ERASE };

struct nor_model {
    struct nor_model_config cfg;
    uint8_t *array;
    uint32_t *erase_counts; /* per 4 KiB sector */
    uint32_t n_sectors;
    uint8_t *nv; /* extension's non-volatile area, cfg.nv_size bytes */
    uint8_t sfdp[NOR_MODEL_SFDP_SPACE];
    uint32_t sfdp_len;

    FILE *image;
    enum nor_model_status image_status;

    /* Time: nanoseconds, plus the sub-nanosecond remainder of bus clocking. */
    uint64_t now_ns;
    uint64_t clock_remainder;
    uint64_t busy_until_ns;

    /* Volatile device state. */
    bool powered;
    bool wel;
    bool reset_enabled; /* the previous command was RSTEN */
    uint8_t scur;

    /* The program or erase in progress; it lands when its busy time ends. */
    enum pending_op pending;
    uint32_t pending_addr; /* page base, or erase base */
    uint32_t pending_len;  /* page size, or erase size */
    uint8_t *page_buffer;  /* program data, 0xFF where nothing was sent */

    /* The transaction being clocked. */
    bool selected;
    bool ignoring; /* refused at its opcode: the part stays silent */
    uint8_t opcode;
    uint64_t position; /* bytes clocked since select */
    uint32_t address;
    uint32_t page_data_count;
    bool claimed; /* decoded by the extension */
    bool refused; /* a plain access was refused by the extension */

    const struct nor_model_extension *ext;
    void *ext_ctx;

    /* Faults. */
    uint64_t operation_count;
    uint64_t power_loss_at; /* operation number to tear; 0: disarmed */
    uint64_t power_loss_seed;
    uint32_t bitflip_one_in;
    uint64_t bitflip_state;

    struct nor_model_stats stats;
};

/* SFDP space: header, parameter headers, BFPT and the extra tables. */
enum nor_model_status nor_model_build_sfdp(struct nor_model *m);

/* Image file: load or create at creation, write through on every change. */
enum nor_model_status nor_model_image_open(struct nor_model *m);
void nor_model_image_write_array(struct nor_model *m, uint32_t addr, uint32_t len);
void nor_model_image_write_erase_counts(struct nor_model *m, uint32_t first, uint32_t count);
void nor_model_image_write_nv(struct nor_model *m, uint32_t offset, uint32_t len);
void nor_model_image_close(struct nor_model *m);

#endif /* ETSS_NOR_MODEL_INTERNAL_H */
