/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SFDP discovery. Every byte comes from the device and is validated
 * before it is used: a hostile or broken part yields an error, never an
 * out-of-range access or a geometry we would misdrive.
 */
#include <string.h>

#include "etss_bytes.h"
#include "sfdp.h"
#include "spi_nor_defs.h"

static int read_sfdp(const struct etss_spi_driver *spi, uint32_t addr, void *buf, size_t len)
{
    const uint8_t hdr[1 + SPI_NOR_ADDR_BYTES + SPI_NOR_DUMMY_RDSFDP] = {
        SPI_NOR_OP_RDSFDP, (uint8_t)(addr >> 16), (uint8_t)(addr >> 8), (uint8_t)addr, 0u};
    return etss_spi_transaction(spi, hdr, sizeof(hdr), NULL, 0u, buf, len);
}

int etss_sfdp_parse_header(const uint8_t *bytes, size_t len, uint8_t *n_param_headers)
{
    if (bytes == NULL || n_param_headers == NULL || len < SFDP_HEADER_LEN) {
        return SF_ERR_PARAM;
    }
    if (etss_get_le32(bytes) != SFDP_SIGNATURE) {
        return SF_ERR_NO_SFDP;
    }
    if (bytes[5] != SFDP_REV_MAJOR) {
        return SF_ERR_NOT_SUPPORTED;
    }
    *n_param_headers = bytes[6]; /* NPH: the number of headers minus one */
    return SF_OK;
}

int etss_sfdp_parse_param_header(const uint8_t bytes[8], struct sfdp_table_ref *ref)
{
    if (bytes == NULL || ref == NULL) {
        return SF_ERR_PARAM;
    }
    uint32_t pointer = (uint32_t)bytes[4] | ((uint32_t)bytes[5] << 8) | ((uint32_t)bytes[6] << 16);
    if (bytes[3] == 0u || (pointer & 3u) != 0u) {
        return SF_ERR_SFDP_FORMAT;
    }
    ref->id = (uint16_t)(((uint16_t)bytes[7] << 8) | bytes[0]);
    ref->rev_minor = bytes[1];
    ref->rev_major = bytes[2];
    ref->n_dwords = bytes[3];
    ref->address = pointer;
    return SF_OK;
}

int etss_sfdp_find_table(const struct etss_spi_driver *spi, uint16_t id, struct sfdp_table_ref *ref)
{
    uint8_t buf[SFDP_PARAM_HEADER_LEN];
    uint8_t nph;
    int found = 0;

    if (spi == NULL || ref == NULL) {
        return SF_ERR_PARAM;
    }
    int rc = read_sfdp(spi, 0u, buf, SFDP_HEADER_LEN);
    if (rc == SF_OK) {
        rc = etss_sfdp_parse_header(buf, SFDP_HEADER_LEN, &nph);
    }
    for (uint32_t i = 0; rc == SF_OK && i <= nph; i++) {
        struct sfdp_table_ref candidate;
        rc = read_sfdp(spi, SFDP_HEADER_LEN + i * SFDP_PARAM_HEADER_LEN, buf, sizeof(buf));
        if (rc != SF_OK) {
            break;
        }
        /* A malformed header of another table does not hide the one we want. */
        if (etss_sfdp_parse_param_header(buf, &candidate) != SF_OK || candidate.id != id ||
            candidate.rev_major != SFDP_REV_MAJOR) {
            continue;
        }
        if (!found || candidate.rev_minor > ref->rev_minor) {
            *ref = candidate;
            found = 1;
        }
    }
    if (rc != SF_OK) {
        return rc;
    }
    return found ? SF_OK : SF_ERR_SFDP_NO_TABLE;
}

int etss_sfdp_read_table(const struct etss_spi_driver *spi, const struct sfdp_table_ref *ref,
                         uint32_t *dwords, size_t max_dwords, size_t *n_read)
{
    uint8_t le[4];
    if (spi == NULL || ref == NULL || dwords == NULL || n_read == NULL || max_dwords == 0u) {
        return SF_ERR_PARAM;
    }
    size_t n = ref->n_dwords < max_dwords ? ref->n_dwords : max_dwords;
    for (size_t i = 0; i < n; i++) {
        if (read_sfdp(spi, ref->address + 4u * (uint32_t)i, le, sizeof(le)) != SF_OK) {
            return SF_ERR_BUS;
        }
        dwords[i] = etss_get_le32(le);
    }
    *n_read = n;
    return SF_OK;
}

/* (count + 1) * unit, with the unit picked by a 2-bit field. */
static uint32_t decode_time(uint32_t count, uint32_t unit_index, const uint32_t units_us[4])
{
    return (count + 1u) * units_us[unit_index & 3u];
}

static void sort_erase_types(struct sfdp_geometry *geo)
{
    for (uint8_t i = 1; i < geo->n_erase_types; i++) {
        for (uint8_t j = i; j > 0u && geo->erase[j - 1u].size > geo->erase[j].size; j--) {
            struct sfdp_erase_type tmp = geo->erase[j];
            geo->erase[j] = geo->erase[j - 1u];
            geo->erase[j - 1u] = tmp;
        }
    }
}

int etss_sfdp_parse_bfpt(const uint32_t *dw, size_t n_dwords, struct sfdp_geometry *geo)
{
    static const uint32_t erase_units[4] = {1000u, 16000u, 128000u, 1000000u};
    static const uint32_t program_units[4] = {8u, 64u, 8u, 64u};
    static const uint32_t chip_units[4] = {16000u, 256000u, 4000000u, 64000000u};
    struct sfdp_geometry g;

    if (dw == NULL || geo == NULL) {
        return SF_ERR_PARAM;
    }
    if (n_dwords < SFDP_BFPT_MIN_DWORDS) {
        return SF_ERR_SFDP_FORMAT;
    }
    memset(&g, 0, sizeof(g));

    uint32_t addr_bytes = (dw[0] >> BFPT_DW1_ADDR_BYTES_SHIFT) & 3u;
    if (addr_bytes == 2u) {
        return SF_ERR_NOT_SUPPORTED; /* 4-byte addressing only */
    }
    if (addr_bytes == 3u) {
        return SF_ERR_SFDP_FORMAT;
    }

    uint64_t bits;
    if ((dw[1] & BFPT_DW2_DENSITY_POW2) != 0u) {
        uint32_t n = dw[1] & ~BFPT_DW2_DENSITY_POW2;
        if (n < 3u || n > 63u) {
            return n > 63u ? SF_ERR_NOT_SUPPORTED : SF_ERR_SFDP_FORMAT;
        }
        bits = 1ull << n;
    } else {
        bits = (uint64_t)dw[1] + 1u;
    }
    if (bits % 8u != 0u) {
        return SF_ERR_SFDP_FORMAT;
    }
    if (bits / 8u > SPI_NOR_MAX_SIZE) {
        return SF_ERR_NOT_SUPPORTED;
    }
    g.size_bytes = (uint32_t)(bits / 8u);

    g.page_size = 256u; /* JESD216 rev A does not say: the common page */
    if (n_dwords >= BFPT_DW_PROGRAM_TIMES) {
        uint32_t d11 = dw[BFPT_DW_PROGRAM_TIMES - 1u];
        uint32_t page_exp = (d11 >> 4) & 0xFu;
        uint32_t multiplier = 2u * ((d11 & 0xFu) + 1u);
        g.page_size = 1u << page_exp;
        g.page_program_typ_us = decode_time((d11 >> 8) & 0x1Fu, (d11 >> 13) & 1u, program_units);
        g.page_program_max_us = g.page_program_typ_us * multiplier;
        g.chip_erase_typ_us = decode_time((d11 >> 24) & 0x1Fu, (d11 >> 29) & 3u, chip_units);
        g.chip_erase_max_us = g.chip_erase_typ_us > UINT32_MAX / multiplier
                                  ? UINT32_MAX
                                  : g.chip_erase_typ_us * multiplier;
    }

    uint32_t erase_multiplier = 0u;
    if (n_dwords >= BFPT_DW_ERASE_TIMES) {
        erase_multiplier = 2u * ((dw[BFPT_DW_ERASE_TIMES - 1u] & 0xFu) + 1u);
    }
    for (uint32_t t = 0; t < SFDP_MAX_ERASE_TYPES; t++) {
        uint32_t word = dw[BFPT_DW_ERASE_TYPES - 1u + t / 2u] >> (16u * (t % 2u));
        uint32_t exponent = word & 0xFFu;
        if (exponent == 0u) {
            continue;
        }
        if (exponent < 8u || exponent > 24u) {
            return SF_ERR_SFDP_FORMAT;
        }
        struct sfdp_erase_type *e = &g.erase[g.n_erase_types++];
        e->size = 1u << exponent;
        e->opcode = (uint8_t)(word >> 8);
        if (erase_multiplier != 0u) {
            uint32_t field = (dw[BFPT_DW_ERASE_TIMES - 1u] >> (4u + 7u * t)) & 0x7Fu;
            e->typ_time_us = decode_time(field & 0x1Fu, field >> 5, erase_units);
            e->max_time_us = e->typ_time_us > UINT32_MAX / erase_multiplier
                                 ? UINT32_MAX
                                 : e->typ_time_us * erase_multiplier;
        }
    }
    if (g.n_erase_types == 0u) {
        return SF_ERR_NOT_SUPPORTED;
    }
    sort_erase_types(&g);
    if (g.page_size > g.erase[0].size || g.size_bytes < g.erase[0].size ||
        g.size_bytes % g.erase[0].size != 0u) {
        return SF_ERR_SFDP_FORMAT;
    }
    *geo = g;
    return SF_OK;
}
