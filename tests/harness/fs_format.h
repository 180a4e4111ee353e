/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The filesystem's on-flash format as docs/filesystem.md states it, for the
 * tests and the fuzz target that read or forge it. Written from the
 * document, not taken from etss_fs.c, so that they hold the code to it.
 */
#ifndef ETSS_FS_FORMAT_H
#define ETSS_FS_FORMAT_H

#include <stdint.h>

#include "etss_crc32.h"
#include "etss_fs.h"

/* A sector header: its fields and advance words (what the head search
 * reads), then the summary of the sector before; records start after. */
#define FS_SECTOR_FIELDS 52u
#define FS_SUMMARY_LEN (8u + 18u * ETSS_FS_SUMMARY_RECORDS)
#define FS_SECTOR_HEADER (FS_SECTOR_FIELDS + FS_SUMMARY_LEN)

/* The CRC a summary must carry (at its bytes 4..7), from the header that
 * holds it: over that header's sequence number, bytes 0..3 and 8.. of
 * the summary. */
static inline uint32_t fs_summary_crc(const uint8_t *header)
{
    const uint8_t *m = &header[FS_SECTOR_FIELDS];
    uint32_t crc = etss_crc32(etss_crc32(0u, &header[20], 4u), m, 4u);
    return etss_crc32(crc, &m[8], FS_SUMMARY_LEN - 8u);
}

#endif /* ETSS_FS_FORMAT_H */
