/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Trust store in RAM: the part records of a board whose trusted storage
 * is its own RAM (the target images; tests). A record lives as long as
 * the store does, which on a real board is only until the next reset:
 * a product keeps its records in storage that survives (TF-M's ITS).
 */
#ifndef ETSS_SF_TRUST_RAM_H
#define ETSS_SF_TRUST_RAM_H

#include "sf_device.h"

#define SF_TRUST_RAM_PARTS 4u

struct sf_trust_ram {
    struct sf_part_record records[SF_TRUST_RAM_PARTS];
    struct sf_trust_store store; /* what sf_trust.store points at */
};

/* Empty records, and ram->store set up to serve them. */
void sf_trust_ram_init(struct sf_trust_ram *ram);

#endif /* ETSS_SF_TRUST_RAM_H */
