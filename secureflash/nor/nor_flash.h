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

struct nor_flash {
    const struct etss_spi_driver *spi;
    struct sfdp_geometry geo;
    uint8_t jedec_id[3];
    int initialized;
};

/*
 * Every function returns SF_OK or an SF_ERR_ code (sf_status.h). Any of
 * them may answer SF_ERR_PARAM (flash NULL), SF_ERR_NOT_INITIALIZED
 * (before etss_nor_init succeeded) and the transport's failures
 * (SF_ERR_BUS and SF_ERR_BUS_*, as etss_spi_transaction gave them); the
 * lists below name the rest.
 */

/* Bring the bus up (etss_spi_initialize), reset the part, read its id and
 * discover the geometry from SFDP.
 *   SF_ERR_PARAM      spi NULL, or without its ops, an initialize or a delay
 *   SF_ERR_NO_DEVICE  no part answers (the bus reads all ones or zeros)
 *   SF_ERR_NO_SFDP, SF_ERR_SFDP_FORMAT, SF_ERR_SFDP_NO_TABLE,
 *   SF_ERR_NOT_SUPPORTED  what SFDP discovery said (sfdp.h): no SFDP, a
 *                     malformed one, no basic table, or a part it cannot drive */
int etss_nor_init(struct nor_flash *flash, const struct etss_spi_driver *spi);
/* Read any range.
 *   SF_ERR_PARAM  buf NULL with a non-zero len
 *   SF_ERR_RANGE  the range leaves the array */
int etss_nor_read(struct nor_flash *flash, uint32_t addr, void *buf, size_t len);
/* Program any range, split at page boundaries.
 *   SF_ERR_PARAM, SF_ERR_RANGE  as for etss_nor_read
 *   SF_ERR_WRITE_ENABLE    WEL did not latch (nothing programmed)
 *   SF_ERR_TIMEOUT         still busy after the part's maximum time
 *   SF_ERR_FLASH           the part reported P_FAIL (cleared)
 *   SF_ERR_DENIED          the part refused: a protected region */
int etss_nor_program(struct nor_flash *flash, uint32_t addr, const void *data, size_t len);
/* Erase [addr, addr+len), aligned to the smallest erase size, with the
 * largest erase each step allows.
 *   SF_ERR_RANGE        the range leaves the array
 *   SF_ERR_ALIGNMENT    not on the smallest erase boundary
 *   SF_ERR_FLASH        the part reported E_FAIL (cleared)
 *   SF_ERR_WRITE_ENABLE, SF_ERR_TIMEOUT, SF_ERR_DENIED
 *                              as for etss_nor_program */
int etss_nor_erase(struct nor_flash *flash, uint32_t addr, size_t len);
/* What the part typically takes, by its SFDP times, to program `len`
 * bytes from `addr` (tPP per page touched), or to erase [addr, addr + len)
 * the way etss_nor_erase would; 0 when it announces none, for an empty,
 * misaligned or 4 GiB range, or flash NULL. For a host that waits on the
 * array through another protocol (SFP1's frames). */
uint32_t etss_nor_program_typ_us(const struct nor_flash *flash, uint32_t addr, size_t len);
uint32_t etss_nor_erase_typ_us(const struct nor_flash *flash, uint32_t addr, size_t len);
/* Erase the whole array: etss_nor_erase's codes but range and alignment. */
int etss_nor_erase_chip(struct nor_flash *flash);

/* The status register (RDSR). SF_ERR_PARAM: status NULL. */
int etss_nor_read_status(struct nor_flash *flash, uint8_t *status);
/* Poll WIP, waiting in steps, until clear (SF_OK) or timeout_us has
 * passed (SF_ERR_TIMEOUT). */
int etss_nor_wait_ready(struct nor_flash *flash, uint32_t timeout_us);
/*
 * How every wait for a busy part polls, on any part's bus (the SFP1
 * binding's frames too). With typ_us, the part's typical time for what it
 * was asked (SFDP), it sleeps that long, then polls in steps of a quarter
 * of the time past it, never more than a 32nd of all it waited: a few
 * polls, a few microseconds over, and a part faster than its own typical
 * time loses the difference. Without (0), it polls in steps of a 32nd of
 * the time waited so far, about 3 % over. Steps stay within 10 .. 500 us.
 *   SF_OK            WIP clear
 *   SF_ERR_PARAM     spi or its ops NULL
 *   SF_ERR_TIMEOUT   still busy after timeout_us
 *   SF_ERR_BUS_*, SF_ERR_BUS as for etss_spi_transaction
 */
int etss_nor_poll_idle(const struct etss_spi_driver *spi, uint32_t typ_us, uint32_t timeout_us);
/* Clear sticky program/erase fail flags (CLSR). */
int etss_nor_clear_errors(struct nor_flash *flash);
/* Software reset (RSTEN + RST) and its recovery time. */
int etss_nor_reset(struct nor_flash *flash);

#endif /* ETSS_NOR_FLASH_H */
