/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Where the device models get their memory: the host's heap
 * (model_memory_heap.c), or a static pool for a firmware image that has no
 * heap (model_memory_pool.c: the model as the "chip" inside a secure
 * image). A build links exactly one of the two.
 */
#ifndef MODEL_MEMORY_H
#define MODEL_MEMORY_H

#include <stddef.h>

/* `size` zeroed bytes aligned for any type, or NULL when there are none. */
void *model_alloc(size_t size);

/* Give back what model_alloc() returned (NULL is ignored). */
void model_free(void *p);

#endif /* MODEL_MEMORY_H */
