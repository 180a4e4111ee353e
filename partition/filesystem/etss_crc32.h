/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CRC-32 (IEEE 802.3, reflected, as zlib): the filesystem's check against
 * torn writes and decayed cells. Not a security measure: the secure flash
 * channel authenticates every byte that crosses the bus.
 */
#ifndef ETSS_CRC32_H
#define ETSS_CRC32_H

#include <stddef.h>
#include <stdint.h>

/* Continue a CRC: start with crc = 0. */
uint32_t etss_crc32(uint32_t crc, const void *data, size_t len);

#endif /* ETSS_CRC32_H */
