/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The device models' memory in an image without a heap: one static pool,
 * handed out from the front. A model is created once at boot and lives as
 * long as the image, so the pool only needs to come back whole: when every
 * allocation has been freed, the next one starts from the front again.
 *
 * MODEL_MEMORY_POOL_BYTES sizes the pool (the flash array is most of it).
 */
#include <stdint.h>
#include <string.h>

#include "model_memory.h"

#ifndef MODEL_MEMORY_POOL_BYTES
#error "MODEL_MEMORY_POOL_BYTES: the bytes of the models' static pool"
#endif

#define ALIGN 8u

static union {
    uint64_t align;
    uint8_t bytes[MODEL_MEMORY_POOL_BYTES];
} pool;
static size_t used;
static size_t live;

void *model_alloc(size_t size)
{
    size_t rounded = (size + ALIGN - 1u) & ~(size_t)(ALIGN - 1u);
    if (rounded < size || rounded > sizeof(pool.bytes) - used) {
        return NULL;
    }
    void *p = &pool.bytes[used];
    used += rounded;
    live++;
    memset(p, 0, size);
    return p;
}

void model_free(void *p)
{
    if (p != NULL && live > 0u && --live == 0u) {
        used = 0;
    }
}
