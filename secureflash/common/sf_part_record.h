/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A part record (sf_device.h) as bytes, for the trust stores that keep it
 * outside RAM (a file on a host, TF-M's Internal Trusted Storage): flags,
 * identity digest, salt, next salt, then each counter floor as a
 * little-endian u32. Fixed size, no padding, the same on every build.
 */
#ifndef ETSS_SF_PART_RECORD_H
#define ETSS_SF_PART_RECORD_H

#include <stdint.h>

#include "sf_device.h"

#define SF_PART_RECORD_BYTES (1u + SF_SHA256_LEN + 16u + 16u + 4u * SF_MAX_COUNTERS)

void sf_part_record_encode(const struct sf_part_record *rec, uint8_t out[SF_PART_RECORD_BYTES]);
void sf_part_record_decode(const uint8_t in[SF_PART_RECORD_BYTES], struct sf_part_record *rec);

#endif /* ETSS_SF_PART_RECORD_H */
