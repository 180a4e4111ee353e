/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The filesystem's storage on a secure zone (etss_fs_zone.h).
 */
#include "etss_fs_zone.h"
#include "sf_api.h"

/* An access's status, kept when it failed. */
static int noted(struct etss_fs_zone *z, int rc)
{
    if (rc != SF_OK) {
        z->failure = rc;
    }
    return rc;
}

static int zone_read(void *ctx, uint32_t addr, void *buf, size_t len)
{
    struct etss_fs_zone *z = ctx;
    return noted(z, sf_api_read(z->dev, z->zone_client, addr, buf, len));
}

static int zone_read_strided(void *ctx, uint32_t addr, uint32_t stride, uint32_t count, void *buf,
                             size_t len)
{
    struct etss_fs_zone *z = ctx;
    return noted(z, sf_api_read_strided(z->dev, z->zone_client, addr, stride, count, buf, len));
}

static int zone_prog(void *ctx, uint32_t addr, const void *data, size_t len)
{
    struct etss_fs_zone *z = ctx;
    return noted(z, sf_api_program(z->dev, z->zone_client, addr, data, len));
}

static int zone_erase(void *ctx, uint32_t addr)
{
    struct etss_fs_zone *z = ctx;
    return noted(z, sf_api_erase(z->dev, z->zone_client, addr));
}

int etss_fs_zone_storage(struct etss_fs_zone *zone, struct sf_device *dev, int32_t zone_client,
                         struct etss_fs_storage *storage)
{
    struct sf_zone client_zone;
    if (zone == NULL || dev == NULL || storage == NULL) {
        return ETSS_FS_ERR_PARAM;
    }
    if (sf_api_client_zone(dev, zone_client, &client_zone) != SF_OK) {
        return ETSS_FS_ERR_DEVICE;
    }
    zone->dev = dev;
    zone->zone_client = zone_client;
    zone->failure = SF_OK;
    *storage = (struct etss_fs_storage){
        .read = zone_read,
        .prog = zone_prog,
        .erase = zone_erase,
        .read_strided = zone_read_strided,
        .ctx = zone,
        .size = client_zone.size,
        .erase_unit = SF_API_ERASE_SIZE,
    };
    return ETSS_FS_OK;
}

int etss_fs_zone_take_failure(struct etss_fs_zone *zone)
{
    int failure = zone->failure;
    zone->failure = SF_OK;
    return failure;
}
