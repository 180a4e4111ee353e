/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The flash image file: a 64-byte header, the array, the erase count of
 * every 4 KiB sector (little-endian u32), then the device's internal
 * non-volatile area (nv_size bytes; empty for a plain NOR). Every program and erase is
 * written through, so the file is the flash: a host process that dies
 * leaves it exactly as a power cut would leave the part.
 */
#include <string.h>

#include "etss_bytes.h"
#include "nor_model_internal.h"
#include "spi_nor_defs.h"

#define IMAGE_MAGIC "ETSSNOR\0"
#define IMAGE_VERSION 1u
#define IMAGE_HEADER_LEN 64u

static long counts_offset(const struct nor_model *m)
{
    return (long)IMAGE_HEADER_LEN + (long)m->cfg.size_bytes;
}

static void fail(struct nor_model *m)
{
    if (m->image_status == NOR_MODEL_OK) {
        m->image_status = NOR_MODEL_ERR_IMAGE_IO;
    }
}

static bool write_at(struct nor_model *m, long offset, const void *data, size_t len)
{
    if (fseek(m->image, offset, SEEK_SET) != 0 || fwrite(data, 1, len, m->image) != len) {
        return false;
    }
    return true;
}

void nor_model_image_write_array(struct nor_model *m, uint32_t addr, uint32_t len)
{
    if (m->image == NULL) {
        return;
    }
    if (!write_at(m, (long)IMAGE_HEADER_LEN + (long)addr, &m->array[addr], len) ||
        fflush(m->image) != 0) {
        fail(m);
    }
}

void nor_model_image_write_erase_counts(struct nor_model *m, uint32_t first, uint32_t count)
{
    if (m->image == NULL) {
        return;
    }
    if (fseek(m->image, counts_offset(m) + 4l * (long)first, SEEK_SET) != 0) {
        fail(m);
        return;
    }
    for (uint32_t i = 0; i < count; i++) {
        uint8_t le[4];
        etss_put_le32(le, m->erase_counts[first + i]);
        if (fwrite(le, 1, sizeof(le), m->image) != sizeof(le)) {
            fail(m);
            return;
        }
    }
    if (fflush(m->image) != 0) {
        fail(m);
    }
}

void nor_model_image_write_nv(struct nor_model *m, uint32_t offset, uint32_t len)
{
    if (m->image == NULL) {
        return;
    }
    long at = counts_offset(m) + 4l * (long)m->n_sectors + (long)offset;
    if (!write_at(m, at, &m->nv[offset], len) || fflush(m->image) != 0) {
        fail(m);
    }
}

static void make_header(const struct nor_model *m, uint8_t hdr[IMAGE_HEADER_LEN])
{
    memset(hdr, 0, IMAGE_HEADER_LEN);
    memcpy(hdr, IMAGE_MAGIC, 8);
    etss_put_le32(&hdr[8], IMAGE_VERSION);
    etss_put_le32(&hdr[12], IMAGE_HEADER_LEN);
    etss_put_le32(&hdr[16], m->cfg.size_bytes);
    etss_put_le32(&hdr[20], m->cfg.page_size);
    etss_put_le32(&hdr[24], NOR_MODEL_SECTOR_SIZE);
    etss_put_le32(&hdr[28], m->n_sectors);
    etss_put_le32(&hdr[32], m->cfg.nv_size);
}

static enum nor_model_status create_image(struct nor_model *m)
{
    uint8_t hdr[IMAGE_HEADER_LEN];
    m->image = fopen(m->cfg.image_path, "w+b");
    if (m->image == NULL) {
        return NOR_MODEL_ERR_IMAGE_IO;
    }
    make_header(m, hdr);
    if (!write_at(m, 0, hdr, sizeof(hdr)) ||
        fwrite(m->array, 1, m->cfg.size_bytes, m->image) != m->cfg.size_bytes) {
        return NOR_MODEL_ERR_IMAGE_IO;
    }
    nor_model_image_write_erase_counts(m, 0, m->n_sectors);
    nor_model_image_write_nv(m, 0, m->cfg.nv_size);
    return m->image_status;
}

static enum nor_model_status load_image(struct nor_model *m)
{
    uint8_t hdr[IMAGE_HEADER_LEN];
    uint8_t expected[IMAGE_HEADER_LEN];

    if (fread(hdr, 1, sizeof(hdr), m->image) != sizeof(hdr)) {
        return ferror(m->image) ? NOR_MODEL_ERR_IMAGE_IO : NOR_MODEL_ERR_IMAGE_FORMAT;
    }
    make_header(m, expected);
    if (memcmp(hdr, expected, 16) != 0) {
        return NOR_MODEL_ERR_IMAGE_FORMAT; /* magic, version, header length */
    }
    if (memcmp(hdr, expected, sizeof(hdr)) != 0) {
        return NOR_MODEL_ERR_IMAGE_GEOMETRY;
    }
    if (fread(m->array, 1, m->cfg.size_bytes, m->image) != m->cfg.size_bytes) {
        return ferror(m->image) ? NOR_MODEL_ERR_IMAGE_IO : NOR_MODEL_ERR_IMAGE_TRUNCATED;
    }
    uint8_t le[4];
    for (uint32_t s = 0; s < m->n_sectors; s++) {
        if (fread(le, 1, sizeof(le), m->image) != sizeof(le)) {
            return ferror(m->image) ? NOR_MODEL_ERR_IMAGE_IO : NOR_MODEL_ERR_IMAGE_TRUNCATED;
        }
        m->erase_counts[s] = etss_get_le32(le);
    }
    if (fread(m->nv, 1, m->cfg.nv_size, m->image) != m->cfg.nv_size) {
        return ferror(m->image) ? NOR_MODEL_ERR_IMAGE_IO : NOR_MODEL_ERR_IMAGE_TRUNCATED;
    }
    /* Bytes after the image are not part of any device: refuse, as a
     * truncated one is refused. */
    if (fread(le, 1, 1u, m->image) != 0u || ferror(m->image)) {
        return ferror(m->image) ? NOR_MODEL_ERR_IMAGE_IO : NOR_MODEL_ERR_IMAGE_TRAILING;
    }
    return NOR_MODEL_OK;
}

enum nor_model_status nor_model_image_open(struct nor_model *m)
{
    m->image = fopen(m->cfg.image_path, "r+b");
    if (m->image == NULL) {
        /* Absent: a new, erased part. Present but unopenable: an error. */
        FILE *probe = fopen(m->cfg.image_path, "rb");
        if (probe != NULL) {
            fclose(probe);
            return NOR_MODEL_ERR_IMAGE_IO;
        }
        return create_image(m);
    }
    return load_image(m);
}

void nor_model_image_close(struct nor_model *m)
{
    if (m->image != NULL) {
        if (fclose(m->image) != 0) {
            fail(m);
        }
        m->image = NULL;
    }
}
