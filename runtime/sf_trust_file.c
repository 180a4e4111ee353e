/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>
#include <string.h>

#include "sf_part_record.h"
#include "sf_trust_file.h"

#define MAGIC "ETSSPART"
#define MAGIC_LEN 8u
#define FILE_BYTES (MAGIC_LEN + SF_TRUST_FILE_PARTS * SF_PART_RECORD_BYTES)

/* The whole file; a missing one holds nothing yet, a short or foreign one
 * is refused (the host must not take it for "never provisioned"). */
static int read_all(const struct sf_trust_file *f, uint8_t bytes[FILE_BYTES])
{
    memset(bytes, 0, FILE_BYTES);
    memcpy(bytes, MAGIC, MAGIC_LEN);
    FILE *in = fopen(f->path, "rb");
    if (in == NULL) {
        return SF_OK;
    }
    size_t n = fread(bytes, 1u, FILE_BYTES, in);
    fclose(in);
    return n == FILE_BYTES && memcmp(bytes, MAGIC, MAGIC_LEN) == 0 ? SF_OK : SF_ERR_DEVICE;
}

static int file_load(void *ctx, uint8_t instance, struct sf_part_record *rec)
{
    uint8_t bytes[FILE_BYTES];
    int rc = instance < SF_TRUST_FILE_PARTS ? read_all(ctx, bytes) : SF_ERR_PARAM;
    if (rc == SF_OK) {
        sf_part_record_decode(&bytes[MAGIC_LEN + instance * SF_PART_RECORD_BYTES], rec);
    }
    return rc;
}

static int file_save(void *ctx, uint8_t instance, const struct sf_part_record *rec)
{
    const struct sf_trust_file *f = ctx;
    uint8_t bytes[FILE_BYTES];
    int rc = instance < SF_TRUST_FILE_PARTS ? read_all(f, bytes) : SF_ERR_PARAM;
    if (rc != SF_OK) {
        return rc;
    }
    sf_part_record_encode(rec, &bytes[MAGIC_LEN + instance * SF_PART_RECORD_BYTES]);
    FILE *out = fopen(f->path, "wb");
    bool ok = out != NULL && fwrite(bytes, 1u, FILE_BYTES, out) == FILE_BYTES;
    ok = out != NULL && fclose(out) == 0 && ok;
    return ok ? SF_OK : SF_ERR_DEVICE;
}

int sf_trust_file_init(struct sf_trust_file *f, const char *path)
{
    if (strlen(path) >= sizeof(f->path)) {
        return -1;
    }
    strcpy(f->path, path);
    f->store = (struct sf_trust_store){.load = file_load, .save = file_save, .ctx = f};
    return 0;
}
