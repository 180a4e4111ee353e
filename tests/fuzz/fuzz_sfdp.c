/* SPDX-License-Identifier: BSD-3-Clause */
/* libFuzzer: the SFDP parsers take any bytes a device may return. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sfdp.h"
#include "spi_nor_defs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t nph;
    struct sfdp_table_ref ref;
    struct sfdp_geometry geo;
    uint32_t dwords[SFDP_MAX_TABLE_DWORDS];

    (void)etss_sfdp_parse_header(data, size, &nph);
    if (size >= SFDP_PARAM_HEADER_LEN) {
        (void)etss_sfdp_parse_param_header(data, &ref);
    }
    size_t n = size / 4u < SFDP_MAX_TABLE_DWORDS ? size / 4u : SFDP_MAX_TABLE_DWORDS;
    memcpy(dwords, data, n * 4u);
    if (etss_sfdp_parse_bfpt(dwords, n, &geo) == SF_OK) {
        /* What a caller relies on when parsing succeeds. */
        if (geo.n_erase_types == 0u || geo.n_erase_types > SFDP_MAX_ERASE_TYPES ||
            geo.size_bytes == 0u || geo.size_bytes > SPI_NOR_MAX_SIZE || geo.page_size == 0u ||
            geo.page_size > geo.erase[0].size || geo.size_bytes % geo.erase[0].size != 0u) {
            __builtin_trap();
        }
        for (unsigned i = 1; i < geo.n_erase_types; i++) {
            if (geo.erase[i].size < geo.erase[i - 1u].size) {
                __builtin_trap();
            }
        }
    }
    return 0;
}
