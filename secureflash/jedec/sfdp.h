/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SFDP (JESD216) discovery: find parameter tables and decode the Basic
 * Flash Parameter Table into a geometry. The parsers take bytes read from
 * the device and trust none of them: every length, pointer and field is
 * range-checked before use.
 *
 * Every function returns SF_OK or an SF_ERR_ code (sf_status.h):
 * SF_ERR_PARAM for the caller's NULL pointers, the transport's failures as
 * etss_spi_transaction gave them, SF_ERR_NO_SFDP (no SFDP signature),
 * SF_ERR_SFDP_FORMAT (a header or table field out of range),
 * SF_ERR_SFDP_NO_TABLE (no parameter table with that id) and
 * SF_ERR_NOT_SUPPORTED (valid, but it describes a part the driver cannot
 * drive).
 */
#ifndef ETSS_SFDP_H
#define ETSS_SFDP_H

#include <stddef.h>
#include <stdint.h>

#include "spi_driver.h"

struct sfdp_table_ref {
    uint16_t id;
    uint8_t rev_major;
    uint8_t rev_minor;
    uint8_t n_dwords;
    uint32_t address; /* in SFDP space */
};

#define SFDP_MAX_ERASE_TYPES 4u

struct sfdp_erase_type {
    uint32_t size; /* bytes, power of two; 0: slot unused */
    uint8_t opcode;
    uint32_t typ_time_us; /* 0: not given */
    uint32_t max_time_us;
};

struct sfdp_geometry {
    uint32_t size_bytes;
    uint32_t page_size;
    struct sfdp_erase_type erase[SFDP_MAX_ERASE_TYPES]; /* ascending size */
    uint8_t n_erase_types;
    uint32_t page_program_typ_us; /* 0: not given */
    uint32_t page_program_max_us;
    uint32_t chip_erase_typ_us;
    uint32_t chip_erase_max_us;
};

/* Read the SFDP header and look for the parameter table `id`. */
int etss_sfdp_find_table(const struct etss_spi_driver *spi, uint16_t id,
                         struct sfdp_table_ref *ref);

/* Read a table's DWORDs (at most max_dwords) into `dwords`. */
int etss_sfdp_read_table(const struct etss_spi_driver *spi, const struct sfdp_table_ref *ref,
                         uint32_t *dwords, size_t max_dwords, size_t *n_read);

/* Pure parsers, separate from the bus so they can be fuzzed. */
int etss_sfdp_parse_header(const uint8_t *bytes, size_t len, uint8_t *n_param_headers);
int etss_sfdp_parse_param_header(const uint8_t bytes[8], struct sfdp_table_ref *ref);
int etss_sfdp_parse_bfpt(const uint32_t *dwords, size_t n_dwords, struct sfdp_geometry *geo);

#endif /* ETSS_SFDP_H */
