/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "sf_trust_ram.h"

static int ram_load(void *ctx, uint8_t instance, struct sf_part_record *rec)
{
    struct sf_trust_ram *ram = ctx;
    if (instance >= SF_TRUST_RAM_PARTS) {
        return SF_ERR_PARAM;
    }
    *rec = ram->records[instance];
    return SF_OK;
}

static int ram_save(void *ctx, uint8_t instance, const struct sf_part_record *rec)
{
    struct sf_trust_ram *ram = ctx;
    if (instance >= SF_TRUST_RAM_PARTS) {
        return SF_ERR_PARAM;
    }
    ram->records[instance] = *rec;
    return SF_OK;
}

void sf_trust_ram_init(struct sf_trust_ram *ram)
{
    memset(ram, 0, sizeof(*ram));
    ram->store.load = ram_load;
    ram->store.save = ram_save;
    ram->store.ctx = ram;
}
