/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The filesystem's storage on a secure zone: reads, programs and erases
 * through the secure flash API layer as the client bound to the zone, so
 * every byte is authenticated on the bus (and, in an encrypted zone,
 * confidential). What the service mounts.
 */
#ifndef ETSS_FS_ZONE_H
#define ETSS_FS_ZONE_H

#include <stdint.h>

#include "etss_fs.h"
#include "sf_device.h"

struct etss_fs_zone {
    struct sf_device *dev;
    int32_t zone_client; /* a client bound to the zone: the API layer's handle on it */
    int failure;         /* the status of the last failed access, until taken */
};

/*
 * Describe the zone `zone_client` is bound to on `dev` as filesystem
 * storage; `zone` must outlive the filesystem mounted on it.
 * \retval ETSS_FS_OK, ETSS_FS_ERR_PARAM (NULL), ETSS_FS_ERR_DEVICE (no
 *         binding, or the part did not answer)
 */
int etss_fs_zone_storage(struct etss_fs_zone *zone, struct sf_device *dev, int32_t zone_client,
                         struct etss_fs_storage *storage);

/* Why the filesystem's storage failed: the secure flash status (sf_status.h)
 * of the zone's last failed access since the last call, SF_OK if none
 * failed. The filesystem itself says only ETSS_FS_ERR_DEVICE. */
int etss_fs_zone_take_failure(struct etss_fs_zone *zone);

#endif /* ETSS_FS_ZONE_H */
