/* SPDX-License-Identifier: BSD-3-Clause */
/* The device models' memory on a host: the C heap. */
#include <stdlib.h>

#include "model_memory.h"

void *model_alloc(size_t size)
{
    return calloc(1, size);
}

void model_free(void *p)
{
    free(p);
}
