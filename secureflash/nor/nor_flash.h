/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Raw NOR driver: plain read, program and erase of a serial NOR flash over
 * the SPI transport, with the geometry discovered from SFDP. No security:
 * the framework's non-secure operations and the "plain flash" baseline of
 * the benchmarks run on it.
 */
#ifndef ETSS_NOR_FLASH_H
#define ETSS_NOR_FLASH_H

#include <stddef.h>
#include <stdint.h>

#include "sfdp.h"
#include "spi_driver.h"

enum nor_flash_status {
    NOR_FLASH_OK = 0,
    NOR_FLASH_ERR_PARAM = -1,          /* NULL pointer, zero or oversized length */
    NOR_FLASH_ERR_BUS = -2,            /* the transport failed */
    NOR_FLASH_ERR_TIMEOUT = -3,        /* still busy after the part's maximum time */
    NOR_FLASH_ERR_DISCOVERY = -4,      /* no usable SFDP description */
    NOR_FLASH_ERR_RANGE = -5,          /* outside the array */
    NOR_FLASH_ERR_ALIGNMENT = -6,      /* erase range not on an erase boundary */
    NOR_FLASH_ERR_WRITE_ENABLE = -7,   /* WEL did not latch */
    NOR_FLASH_ERR_PROGRAM_FAILED = -8, /* the part reported P_FAIL */
    NOR_FLASH_ERR_ERASE_FAILED = -9,   /* the part reported E_FAIL */
    NOR_FLASH_ERR_NOT_INITIALIZED = -10,
    NOR_FLASH_ERR_PROTECTED = -11, /* the part refused: a protected (secure) region */
};

struct nor_flash {
    const struct etss_spi_driver *spi;
    struct sfdp_geometry geo;
    uint8_t jedec_id[3];
    int initialized;
};

/*
 * Every function returns NOR_FLASH_OK or a NOR_FLASH_ERR_ code. Any of them
 * may answer NOR_FLASH_ERR_PARAM (flash NULL), NOR_FLASH_ERR_NOT_INITIALIZED
 * (before etss_nor_init succeeded) and NOR_FLASH_ERR_BUS (the transport
 * failed); the lists below name the rest.
 */

/* Reset the part, read its id and discover the geometry from SFDP.
 *   NOR_FLASH_ERR_PARAM      spi NULL, or without its ops or a delay
 *   NOR_FLASH_ERR_DISCOVERY  no part answers (the bus reads all ones or zeros),
 *                            no SFDP, or one that describes no usable part */
int etss_nor_init(struct nor_flash *flash, const struct etss_spi_driver *spi);
/* Read any range.
 *   NOR_FLASH_ERR_PARAM  buf NULL with a non-zero len
 *   NOR_FLASH_ERR_RANGE  the range leaves the array */
int etss_nor_read(struct nor_flash *flash, uint32_t addr, void *buf, size_t len);
/* Program any range, split at page boundaries.
 *   NOR_FLASH_ERR_PARAM, NOR_FLASH_ERR_RANGE  as for etss_nor_read
 *   NOR_FLASH_ERR_WRITE_ENABLE    WEL did not latch (nothing programmed)
 *   NOR_FLASH_ERR_TIMEOUT         still busy after the part's maximum time
 *   NOR_FLASH_ERR_PROGRAM_FAILED  the part reported P_FAIL (cleared)
 *   NOR_FLASH_ERR_PROTECTED       the part refused: a protected region */
int etss_nor_program(struct nor_flash *flash, uint32_t addr, const void *data, size_t len);
/* Erase [addr, addr+len), aligned to the smallest erase size, with the
 * largest erase each step allows.
 *   NOR_FLASH_ERR_RANGE        the range leaves the array
 *   NOR_FLASH_ERR_ALIGNMENT    not on the smallest erase boundary
 *   NOR_FLASH_ERR_ERASE_FAILED the part reported E_FAIL (cleared)
 *   NOR_FLASH_ERR_WRITE_ENABLE, NOR_FLASH_ERR_TIMEOUT, NOR_FLASH_ERR_PROTECTED
 *                              as for etss_nor_program */
int etss_nor_erase(struct nor_flash *flash, uint32_t addr, size_t len);
/* Erase the whole array: etss_nor_erase's codes but range and alignment. */
int etss_nor_erase_chip(struct nor_flash *flash);

/* The status register (RDSR). NOR_FLASH_ERR_PARAM: status NULL. */
int etss_nor_read_status(struct nor_flash *flash, uint8_t *status);
/* Poll WIP, waiting in steps, until clear (NOR_FLASH_OK) or timeout_us has
 * passed (NOR_FLASH_ERR_TIMEOUT). */
int etss_nor_wait_ready(struct nor_flash *flash, uint32_t timeout_us);
/* Clear sticky program/erase fail flags (CLSR). */
int etss_nor_clear_errors(struct nor_flash *flash);
/* Software reset (RSTEN + RST) and its recovery time. */
int etss_nor_reset(struct nor_flash *flash);

const char *etss_nor_strerror(int status);

#endif /* ETSS_NOR_FLASH_H */
