/* SPDX-License-Identifier: BSD-3-Clause */
/* The part record's byte layout (sf_part_record.h). */
#include <string.h>

#include "etss_bytes.h"
#include "sf_part_record.h"

#define IDENTITY_AT 1u
#define SALT_AT (IDENTITY_AT + SF_SHA256_LEN)
#define NEXT_SALT_AT (SALT_AT + 16u)
#define FLOORS_AT (NEXT_SALT_AT + 16u)

void sf_part_record_encode(const struct sf_part_record *rec, uint8_t out[SF_PART_RECORD_BYTES])
{
    out[0] = rec->flags;
    memcpy(&out[IDENTITY_AT], rec->identity, SF_SHA256_LEN);
    memcpy(&out[SALT_AT], rec->salt, 16u);
    memcpy(&out[NEXT_SALT_AT], rec->next_salt, 16u);
    for (size_t i = 0; i < SF_MAX_COUNTERS; i++) {
        etss_put_le32(&out[FLOORS_AT + 4u * i], rec->counter_floor[i]);
    }
}

void sf_part_record_decode(const uint8_t in[SF_PART_RECORD_BYTES], struct sf_part_record *rec)
{
    memset(rec, 0, sizeof(*rec));
    rec->flags = in[0];
    memcpy(rec->identity, &in[IDENTITY_AT], SF_SHA256_LEN);
    memcpy(rec->salt, &in[SALT_AT], 16u);
    memcpy(rec->next_salt, &in[NEXT_SALT_AT], 16u);
    for (size_t i = 0; i < SF_MAX_COUNTERS; i++) {
        rec->counter_floor[i] = etss_get_le32(&in[FLOORS_AT + 4u * i]);
    }
}
