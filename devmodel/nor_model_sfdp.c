/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The model's SFDP space (JESD216B): header, one parameter header per
 * table, the Basic Flash Parameter Table describing the configured geometry
 * and timing, then any extra tables (a vendor's security features, RPMC).
 */
#include <string.h>

#include "etss_bytes.h"
#include "nor_model_internal.h"
#include "spi_nor_defs.h"

/*
 * Encode a typical time as (count + 1) * unit with the smallest unit that
 * fits a 5-bit count, rounding up: the part never announces less time than
 * it takes. Returns the field (count | unit_index << 5).
 */
static uint32_t encode_time(uint32_t us, const uint32_t units_us[4])
{
    for (uint32_t u = 0; u < 4u; u++) {
        uint32_t count = (us + units_us[u] - 1u) / units_us[u];
        if (count <= 32u) {
            return (count == 0u ? 0u : count - 1u) | (u << 5);
        }
    }
    return 31u | (3u << 5); /* unreachable: the config check bounds every time */
}

static uint32_t log2_u32(uint32_t v)
{
    uint32_t n = 0;
    while (v > 1u) {
        v >>= 1;
        n++;
    }
    return n;
}

static void build_bfpt(const struct nor_model_config *cfg, uint32_t dw[SFDP_BFPT_DWORDS])
{
    static const uint32_t erase_units[4] = {1000u, 16000u, 128000u, 1000000u};
    static const uint32_t program_units[4] = {8u, 64u, 64u, 64u};
    static const uint32_t chip_units[4] = {16000u, 256000u, 4000000u, 64000000u};
    const struct nor_model_timing *t = &cfg->timing;

    memset(dw, 0, SFDP_BFPT_DWORDS * sizeof(uint32_t));
    /* DW1: uniform 4 KiB erase, 64 B+ write granularity, 3-byte addressing,
     * no multi-lane reads; unused bits set as the standard asks. */
    dw[0] = BFPT_DW1_ERASE_4K_SUPPORTED | BFPT_DW1_WRITE_GRANULARITY_64 | (0x7u << 5) |
            (SPI_NOR_OP_SE << BFPT_DW1_ERASE_4K_OPCODE_SHIFT) | (0x1FFu << 23);
    dw[1] = cfg->size_bytes * 8u - 1u;
    dw[4] = 0xFFFFFFEEu; /* no 2-2-2, no 4-4-4 */
    dw[5] = 0x0000FFFFu;
    dw[6] = 0x0000FFFFu;
    dw[7] = log2_u32(NOR_MODEL_SECTOR_SIZE) | (SPI_NOR_OP_SE << 8) |
            (log2_u32(NOR_MODEL_BLOCK32_SIZE) << 16) | (SPI_NOR_OP_BE32K << 24);
    dw[8] = log2_u32(NOR_MODEL_BLOCK64_SIZE) | (SPI_NOR_OP_BE << 8);
    /* Max = 2 * (1 + 1) * typical for erase and program. */
    dw[9] = 1u | (encode_time(t->t_se_us, erase_units) << 4) |
            (encode_time(t->t_be32_us, erase_units) << 11) |
            (encode_time(t->t_be64_us, erase_units) << 18);
    uint32_t pp = encode_time(t->t_pp_us, program_units);
    uint32_t pp_field = (pp & 0x1Fu) | ((pp >> 5) != 0u ? 0x20u : 0u);
    dw[10] = 1u | (log2_u32(cfg->page_size) << 4) | (pp_field << 8) |
             (encode_time(t->t_ce_us, chip_units) << 24);
    dw[11] = 0x80000000u; /* no program/erase suspend */
    dw[13] = 0x80000004u; /* no deep power-down; legacy RDSR WIP polling */
    dw[15] = 0x00001000u; /* soft reset: RSTEN 0x66 then RST 0x99 */
}

static void put_param_header(uint8_t *p, uint16_t id, uint8_t major, uint8_t minor,
                             uint8_t n_dwords, uint32_t pointer)
{
    p[0] = (uint8_t)id;
    p[1] = minor;
    p[2] = major;
    p[3] = n_dwords;
    p[4] = (uint8_t)pointer;
    p[5] = (uint8_t)(pointer >> 8);
    p[6] = (uint8_t)(pointer >> 16);
    p[7] = (uint8_t)(id >> 8);
}

enum nor_model_status nor_model_build_sfdp(struct nor_model *m)
{
    const struct nor_model_config *cfg = &m->cfg;
    uint32_t n_tables = 1u + (uint32_t)cfg->n_extra_sfdp;
    uint32_t table_ptr = SFDP_HEADER_LEN + n_tables * SFDP_PARAM_HEADER_LEN;
    uint32_t bfpt[SFDP_BFPT_DWORDS];

    memset(m->sfdp, SPI_NOR_ERASED_BYTE, sizeof(m->sfdp));
    etss_put_le32(&m->sfdp[0], SFDP_SIGNATURE);
    m->sfdp[4] = SFDP_REV_MINOR;
    m->sfdp[5] = SFDP_REV_MAJOR;
    m->sfdp[6] = (uint8_t)(n_tables - 1u);
    m->sfdp[7] = SFDP_ACCESS_PROTOCOL_LEGACY;

    build_bfpt(cfg, bfpt);
    for (uint32_t t = 0; t < n_tables; t++) {
        const uint32_t *dwords = bfpt;
        uint8_t n_dwords = SFDP_BFPT_DWORDS;
        uint16_t id = SFDP_ID_BFPT;
        uint8_t major = SFDP_REV_MAJOR;
        uint8_t minor = SFDP_REV_MINOR;
        if (t > 0u) {
            const struct nor_model_sfdp_table *x = &cfg->extra_sfdp[t - 1u];
            dwords = x->dwords;
            n_dwords = x->n_dwords;
            id = x->id;
            major = x->rev_major;
            minor = x->rev_minor;
        }
        if (table_ptr + 4u * n_dwords > sizeof(m->sfdp)) {
            return NOR_MODEL_ERR_CONFIG;
        }
        put_param_header(&m->sfdp[SFDP_HEADER_LEN + t * SFDP_PARAM_HEADER_LEN], id, major, minor,
                         n_dwords, table_ptr);
        for (uint32_t i = 0; i < n_dwords; i++) {
            etss_put_le32(&m->sfdp[table_ptr + 4u * i], dwords[i]);
        }
        table_ptr += 4u * n_dwords;
    }
    m->sfdp_len = table_ptr;
    return NOR_MODEL_OK;
}
