/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The flash image file left out, for an image with no file system (the
 * model inside a secure image): the array lives in memory only, and a
 * configuration naming an image file is refused.
 */
#include "nor_model_internal.h"

enum nor_model_status nor_model_image_open(struct nor_model *m)
{
    (void)m;
    return NOR_MODEL_ERR_IMAGE_IO;
}

void nor_model_image_write_array(struct nor_model *m, uint32_t addr, uint32_t len)
{
    (void)m;
    (void)addr;
    (void)len;
}

void nor_model_image_write_erase_counts(struct nor_model *m, uint32_t first, uint32_t count)
{
    (void)m;
    (void)first;
    (void)count;
}

void nor_model_image_write_nv(struct nor_model *m, uint32_t offset, uint32_t len)
{
    (void)m;
    (void)offset;
    (void)len;
}

void nor_model_image_close(struct nor_model *m)
{
    (void)m;
}
