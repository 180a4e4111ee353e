/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A RAM storage device for the filesystem, with NOR semantics (erase to
 * 0xFF, program only clears bits, page-sized programs) and fault
 * injection: a power cut during the Nth page program or unit erase from
 * now (the page or unit is left half done, every later operation fails
 * until the power comes back), transient bit flips on reads (at a rate,
 * or in a chosen read) and stuck bits. The filesystem's tests and its fuzz
 * target run on it at memory speed, with no crypto.
 */
#ifndef ETSS_FS_RAM_H
#define ETSS_FS_RAM_H

#include <stdbool.h>
#include <stdint.h>

#include "etss_fs.h"

#define FS_RAM_MAX_STUCK 16u

struct fs_ram {
    uint8_t *mem;
    uint32_t size;
    uint32_t erase_unit;
    uint32_t page;
    uint64_t rng;
    /* Power cut: the operation numbered cut_at (page programs and unit
     * erases, counted from 1) is torn; after it the device is dead. */
    uint64_t ops;
    uint64_t cut_at;
    bool dead;
    /* Transient read errors. */
    uint32_t flips_per_million; /* chance that a read call returns one flipped bit */
    uint64_t reads;
    uint64_t flip_read; /* this read call (counted from 1) returns a flipped bit; 0: none */
    uint32_t n_stuck;
    struct {
        uint32_t addr;
        uint8_t mask;  /* bits forced */
        uint8_t value; /* to these values */
    } stuck[FS_RAM_MAX_STUCK];
    /* What it was asked to do. */
    uint64_t page_programs;
    uint64_t unit_erases;
    uint64_t bytes_read;
    uint64_t strided_reads; /* read_strided requests (each run also counts in reads) */
    uint64_t flips;
    uint64_t overprograms; /* programs asking a 0 bit to become 1: a filesystem bug */
    /* Where and how much each read asked for, the first read_log_size of
     * them from read_log_len = 0 (kept only when read_log is set). */
    struct fs_ram_read {
        uint32_t addr;
        uint32_t len;
    } * read_log;
    uint32_t read_log_size;
    uint32_t read_log_len;
    /* The same for each page program (address and bytes in the page). */
    struct fs_ram_read *prog_log;
    uint32_t prog_log_size;
    uint32_t prog_log_len;
};

/* A blank device; `size` a multiple of `erase_unit`, pages of 256 bytes.
 * Returns 0, or -1 when out of memory. */
int fs_ram_init(struct fs_ram *r, uint32_t size, uint32_t erase_unit, uint64_t seed);
void fs_ram_free(struct fs_ram *r);
/* Its operations, read_strided included (a caller may drop it). */
void fs_ram_storage(struct fs_ram *r, struct etss_fs_storage *storage);

/* Tear the nth page program or erase from now (0: no cut). */
void fs_ram_cut_after(struct fs_ram *r, uint64_t n);
/* Power back on: the device answers again, no cut armed. */
void fs_ram_power_cycle(struct fs_ram *r);
void fs_ram_set_flips(struct fs_ram *r, uint32_t per_million);
/* Flip one bit in the nth read call from now. */
void fs_ram_flip_read(struct fs_ram *r, uint64_t n);
/* Every read of `addr` sees the bits of `mask` as in `value`. Returns 0,
 * or -1 when the table is full. */
int fs_ram_stick(struct fs_ram *r, uint32_t addr, uint8_t mask, uint8_t value);

#endif /* ETSS_FS_RAM_H */
