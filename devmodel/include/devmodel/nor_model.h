/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Device model of a serial NOR flash (host-side).
 *
 * The model is driven at the pin level: chip select and full-duplex byte
 * clocking, exactly what a host SPI controller produces. It decodes the
 * standard command set itself and trusts nothing the host sends: a
 * malformed or out-of-order command is ignored as a real part would ignore
 * it. It behaves like NOR: erase sets bytes to 0xFF, programming only clears
 * bits, a page program wraps inside its page, program and erase keep the
 * part busy for their configured time.
 *
 * Time is virtual: bus clocking, the command overhead and host delays
 * advance the model's clock, so every figure it reports is deterministic.
 */
#ifndef ETSS_NOR_MODEL_H
#define ETSS_NOR_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum nor_model_status {
    NOR_MODEL_OK = 0,
    NOR_MODEL_ERR_CONFIG = -1, /* geometry or timing out of range */
    NOR_MODEL_ERR_NO_MEMORY = -2,
    NOR_MODEL_ERR_IMAGE_IO = -3,        /* cannot open, read or write the image file */
    NOR_MODEL_ERR_IMAGE_FORMAT = -4,    /* not an image of this model (magic, version) */
    NOR_MODEL_ERR_IMAGE_GEOMETRY = -5,  /* image made for another geometry */
    NOR_MODEL_ERR_IMAGE_TRUNCATED = -6, /* image shorter than its header declares */
    NOR_MODEL_ERR_IMAGE_TRAILING = -7,  /* image longer than its header declares */
};

/* Timing profile. Times are typical; the model is busy for exactly these. */
struct nor_model_timing {
    uint32_t spi_hz;         /* bus clock */
    uint32_t lanes;          /* 1, 2 or 4 data lanes used for every phase */
    uint32_t cs_overhead_ns; /* per transaction: select setup, deselect time */
    uint32_t t_pp_us;        /* page program */
    uint32_t t_se_us;        /* 4 KiB sector erase */
    uint32_t t_be32_us;      /* 32 KiB block erase */
    uint32_t t_be64_us;      /* 64 KiB block erase */
    uint32_t t_ce_us;        /* chip erase */
    uint32_t t_reset_us;     /* software reset recovery */
};

/* An extra SFDP parameter table, e.g. a vendor's security-feature table. */
struct nor_model_sfdp_table {
    uint16_t id; /* (MSB << 8) | LSB */
    uint8_t rev_major;
    uint8_t rev_minor;
    const uint32_t *dwords;
    uint8_t n_dwords;
};

#define NOR_MODEL_MAX_EXTRA_SFDP_TABLES 4u

struct nor_model_config {
    uint32_t size_bytes; /* multiple of 64 KiB, at most 16 MiB (3-byte addressing) */
    uint32_t page_size;  /* power of two, 16 .. 4096 */
    uint8_t jedec_id[3]; /* RDID answer: manufacturer, type, capacity */
    struct nor_model_timing timing;
    uint32_t endurance_cycles; /* erases per 4 KiB sector before it fails */
    const char *image_path;    /* NULL: the array lives in RAM only */
    struct nor_model_sfdp_table extra_sfdp[NOR_MODEL_MAX_EXTRA_SFDP_TABLES];
    size_t n_extra_sfdp;
    /* Device-internal non-volatile bytes outside the array, kept in the
     * image (a security engine's keys and counters); 0 for a plain NOR. */
    uint32_t nv_size;
};

/* Erase granularities the command set offers. */
#define NOR_MODEL_SECTOR_SIZE 4096u
#define NOR_MODEL_BLOCK32_SIZE 32768u
#define NOR_MODEL_BLOCK64_SIZE 65536u
#define NOR_MODEL_MAX_NV_SIZE 65536u

struct nor_model_stats {
    uint64_t device_time_ns;    /* everything: bus, overheads, host waits */
    uint64_t bus_time_ns;       /* bytes clocked plus per-transaction overhead */
    uint64_t busy_time_ns;      /* program and erase busy time */
    uint64_t work_time_ns;      /* an extension's internal work (crypto, NV writes) */
    uint64_t nv_writes;         /* writes to the non-volatile area */
    uint64_t bytes_to_device;   /* MOSI bytes of opcode, address, dummy, write data */
    uint64_t bytes_from_device; /* MISO bytes of response phases */
    uint64_t transactions;      /* chip-select cycles */
    uint64_t commands[256];     /* transactions by opcode */
    uint64_t pages_programmed;  /* page program operations that were executed */
    uint64_t bytes_programmed;  /* data bytes those programs carried */
    uint64_t sectors_erased;    /* 4 KiB sectors erased, whatever command erased them */
    uint64_t erase_operations;  /* erase commands executed (SE, BE32K, BE, CE) */
    uint64_t program_failures;  /* operations that set P_FAIL */
    uint64_t erase_failures;    /* operations that set E_FAIL */
    uint64_t plain_refused;     /* plain commands refused by an extension */
};

typedef struct nor_model nor_model_t;

/* Defaults: 16 MiB, 256 B pages, Macronix-class 128 Mbit timing, 100k cycles. */
void nor_model_default_config(struct nor_model_config *cfg);

/*
 * Create a model. With an image path, an existing image is loaded (and must
 * match the geometry); a missing one is created erased. Returns NULL and
 * sets *status on failure.
 */
nor_model_t *nor_model_create(const struct nor_model_config *cfg, enum nor_model_status *status);
void nor_model_destroy(nor_model_t *m);
/* NOR_MODEL_OK, or the first error met writing the image file through. */
enum nor_model_status nor_model_image_status(const nor_model_t *m);
const char *nor_model_strerror(enum nor_model_status status);

/* Pin level: what the SPI binding drives. */
void nor_model_select(nor_model_t *m);
void nor_model_deselect(nor_model_t *m); /* program and erase start here */
/* Clock n bytes full-duplex; mosi NULL sends 0xFF, miso NULL discards. */
void nor_model_clock(nor_model_t *m, const uint8_t *mosi, uint8_t *miso, size_t n);
/* Time passes with the bus idle (a host delay). */
void nor_model_advance(nor_model_t *m, uint64_t ns);
uint64_t nor_model_now_ns(const nor_model_t *m);

/* Fault injection. */
/*
 * Cut the power during the n-th program or erase operation from now
 * (n >= 1): that operation is torn (a seeded, reproducible part of it takes
 * effect) and the part stays dead until nor_model_power_cycle().
 */
void nor_model_arm_power_loss(nor_model_t *m, uint64_t nth_operation, uint64_t seed);
void nor_model_disarm_power_loss(nor_model_t *m);
/* Cut the power now; a program or erase still in progress is torn. */
void nor_model_power_cut(nor_model_t *m, uint64_t seed);
bool nor_model_is_powered(const nor_model_t *m);
/* Power back on: volatile state (WEL, WIP, fail flags) is cleared. */
void nor_model_power_cycle(nor_model_t *m);
/* Program and erase operations executed (torn ones included) since creation. */
uint64_t nor_model_operation_count(const nor_model_t *m);
/* Flip each bit read out of the array with probability 1/one_in (0: off). */
void nor_model_set_read_bitflips(nor_model_t *m, uint32_t one_in, uint64_t seed);

/* Inspection (tests, tools, benchmarks): bypasses the bus and costs no time. */
const struct nor_model_stats *nor_model_stats(const nor_model_t *m);
void nor_model_reset_stats(nor_model_t *m);
const struct nor_model_config *nor_model_config(const nor_model_t *m);
uint32_t nor_model_erase_count(const nor_model_t *m, uint32_t sector_index);
/* Copy len bytes of the array at addr; false when out of range. */
bool nor_model_peek(const nor_model_t *m, uint32_t addr, void *buf, size_t len);

/*
 * Extension: a device built on this NOR (a secure flash) decodes its own
 * opcodes and guards the array against plain commands. All callbacks get
 * the context given to nor_model_set_extension().
 */
struct nor_model_extension {
    /* Does the extension decode this opcode? Asked at each opcode byte. */
    bool (*claims)(void *ctx, uint8_t opcode);
    /* A claimed transaction: byte `position` (0 is the opcode) in, MISO
     * out; *response tells the statistics which way the byte counts. */
    uint8_t (*clock)(void *ctx, uint64_t position, uint8_t mosi, bool *response);
    /* A claimed transaction ended after `length` bytes. */
    void (*release)(void *ctx, uint64_t length);
    /* May a plain (non-secure) command read or write [addr, addr + len)? */
    bool (*plain_access_allowed)(void *ctx, uint32_t addr, uint32_t len, bool write);
    /* A plain command was refused (once per transaction). */
    void (*violation)(void *ctx);
    /* Reset or power loss: the device's volatile state is gone. */
    void (*reset)(void *ctx);
};

void nor_model_set_extension(nor_model_t *m, const struct nor_model_extension *ext, void *ctx);

/* Services for an extension; they act like the device's own hardware. */
/* The non-volatile area (config nv_size bytes). A write is atomic and
 * written through; it is a power-cut point like a program: false when the
 * power was cut before it landed (nothing written). */
bool nor_model_nv_read(const nor_model_t *m, uint32_t offset, void *buf, uint32_t len);
bool nor_model_nv_write(nor_model_t *m, uint32_t offset, const void *data, uint32_t len);
/* The device is busy with internal work for `us` more microseconds. */
void nor_model_add_busy(nor_model_t *m, uint32_t us);
bool nor_model_is_busy(const nor_model_t *m);
/* Read the array as the device sees it (read bit flips apply). */
void nor_model_read_array(nor_model_t *m, uint32_t addr, uint8_t *buf, uint32_t len);
/* Start a program of up to NOR_MODEL_MAX_PROGRAM bytes (the device's own
 * engine programming the pages it covers one after the other: each page
 * counts as one operation and takes t_pp; a cut on one lands the pages
 * before it, tears it and leaves the rest), or an erase of an aligned
 * 4/32/64 KiB block, with the timing, wear and faults of the plain
 * commands. False when it failed (P_FAIL / E_FAIL set) or the power was
 * cut. */
#define NOR_MODEL_MAX_PROGRAM 4096u
bool nor_model_start_program(nor_model_t *m, uint32_t addr, const uint8_t *data, uint32_t len);
bool nor_model_start_erase(nor_model_t *m, uint32_t addr, uint32_t size);

#endif /* ETSS_NOR_MODEL_H */
