/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Trust store in a file: the host's part records (sf_device.h) where a
 * host keeps them, beside the device image they belong to. One fixed-size
 * record per instance after a magic; every save rewrites the file.
 * Host-only (stdio).
 */
#ifndef ETSS_SF_TRUST_FILE_H
#define ETSS_SF_TRUST_FILE_H

#include "sf_device.h"

#define SF_TRUST_FILE_PARTS 4u

struct sf_trust_file {
    char path[512];
    struct sf_trust_store store; /* what sf_trust.store points at */
};

/* Records in the file at `path` (a missing file: nothing provisioned
 * yet); 0, or -1 for a path too long. */
int sf_trust_file_init(struct sf_trust_file *f, const char *path);

#endif /* ETSS_SF_TRUST_FILE_H */
