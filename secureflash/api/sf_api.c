/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Secure flash API layer. Every decision uses the description the part
 * gave inside an authenticated session, never the public GET_INFO an
 * attacker on the bus could rewrite.
 */
#include <string.h>

#include "sf_api.h"

static int authentic_info(struct sf_device *dev)
{
    if (dev == NULL || dev->vendor == NULL) {
        return SF_ERR_PARAM;
    }
    if (dev->info_authentic) {
        return SF_OK;
    }
    /* Any zone's session authenticates the description of every zone (a
     * part without zones describes itself in its zone-0 "session"); a part
     * the host never provisioned gets SF_ERR_LIFECYCLE, nothing sent. */
    struct sf_info info;
    return sf_device_security_info(dev, 0u, &info);
}

int sf_api_init(struct sf_device *dev)
{
    int rc = authentic_info(dev);
    return rc == SF_ERR_LIFECYCLE ? SF_OK : rc; /* a blank part waits for provisioning */
}

int sf_api_binding(struct sf_device *dev, int32_t client_id, struct sf_binding *binding)
{
    int rc = authentic_info(dev);
    if (rc != SF_OK) {
        return rc;
    }
    if (binding == NULL) {
        return SF_ERR_PARAM;
    }
    for (uint8_t i = 0; i < dev->info.n_bindings; i++) {
        if (dev->info.bindings[i].client_id == client_id) {
            *binding = dev->info.bindings[i];
            return SF_OK;
        }
    }
    return SF_ERR_NO_BINDING;
}

int sf_api_client_zone(struct sf_device *dev, int32_t client_id, struct sf_zone *zone)
{
    struct sf_binding b;
    int rc = sf_api_binding(dev, client_id, &b);
    if (rc == SF_OK && zone == NULL) {
        rc = SF_ERR_PARAM;
    }
    if (rc == SF_OK) {
        *zone = dev->info.zones[b.zone];
        zone->base = 0u; /* clients address their zone from 0 */
    }
    return rc;
}

uint32_t sf_api_features(const struct sf_device *dev)
{
    return dev != NULL ? dev->features : 0u;
}

uint8_t sf_api_zone_count(const struct sf_device *dev)
{
    return dev != NULL && dev->info_authentic ? dev->info.n_zones : 0u;
}

/* The client's zone, with [offset, offset + len) checked to lie inside it. */
static int zone_range(struct sf_device *dev, int32_t client_id, uint32_t offset, size_t len,
                      struct sf_binding *b)
{
    int rc = sf_api_binding(dev, client_id, b);
    if (rc != SF_OK) {
        return rc;
    }
    uint32_t size = dev->info.zones[b->zone].size;
    if (offset > size || len > size - offset) {
        return SF_ERR_DENIED;
    }
    return SF_OK;
}

int sf_api_read(struct sf_device *dev, int32_t client_id, uint32_t offset, void *buf, size_t len)
{
    struct sf_binding b;
    uint8_t *out = buf;
    int rc = zone_range(dev, client_id, offset, len, &b);
    if (rc == SF_OK && buf == NULL && len != 0u) {
        rc = SF_ERR_PARAM;
    }
    if (rc != SF_OK) {
        return rc;
    }
    uint32_t base = dev->info.zones[b.zone].base + offset;
    size_t chunk = dev->vendor->max_read != 0u ? dev->vendor->max_read : dev->vendor->max_data;
    for (size_t done = 0; rc == SF_OK && done < len;) {
        size_t n = len - done < chunk ? len - done : chunk;
        rc = sf_device_read(dev, b.zone, base + (uint32_t)done, &out[done], n);
        done += n;
    }
    return rc;
}

int sf_api_read_strided(struct sf_device *dev, int32_t client_id, uint32_t offset, uint32_t stride,
                        uint32_t count, void *buf, size_t len)
{
    if (count == 0u || len == 0u) {
        return sf_api_read(dev, client_id, offset, buf, 0u);
    }
    uint64_t span = (uint64_t)(count - 1u) * stride + len;
    struct sf_binding b;
    int rc = zone_range(dev, client_id, offset, span > UINT32_MAX ? SIZE_MAX : (size_t)span, &b);
    if (rc == SF_OK && (buf == NULL || stride < len)) {
        rc = SF_ERR_PARAM;
    }
    if (rc != SF_OK) {
        return rc;
    }
    uint8_t *out = buf;
    size_t chunk = dev->vendor->max_read != 0u ? dev->vendor->max_read : dev->vendor->max_data;
    /* Runs per request; a run longer than one request is read on its own. */
    uint32_t per = len <= chunk ? (uint32_t)(chunk / len) : 1u;
    for (uint32_t i = 0; rc == SF_OK && i < count;) {
        uint32_t n = count - i < per ? count - i : per;
        uint32_t at = offset + i * stride;
        rc = len <= chunk ? sf_device_read_strided(dev, b.zone, dev->info.zones[b.zone].base + at,
                                                   stride, n, &out[(size_t)i * len], len)
                          : sf_api_read(dev, client_id, at, &out[(size_t)i * len], len);
        i += n;
    }
    return rc;
}

int sf_api_program(struct sf_device *dev, int32_t client_id, uint32_t offset, const void *data,
                   size_t len)
{
    struct sf_binding b;
    const uint8_t *in = data;
    int rc = zone_range(dev, client_id, offset, len, &b);
    if (rc == SF_OK && data == NULL && len != 0u) {
        rc = SF_ERR_PARAM;
    }
    if (rc != SF_OK) {
        return rc;
    }
    uint32_t base = dev->info.zones[b.zone].base + offset;
    uint32_t page = dev->nor.geo.page_size;
    size_t chunk =
        dev->vendor->max_program != 0u ? dev->vendor->max_program : dev->vendor->max_data;
    for (size_t done = 0; rc == SF_OK && done < len;) {
        uint32_t at = base + (uint32_t)done;
        size_t n = len - done < chunk ? len - done : chunk;
        if (dev->vendor->max_program == 0u) { /* the vendor programs within a page */
            size_t room = page - (at & (page - 1u));
            n = n < room ? n : room;
        }
        rc = sf_device_program(dev, b.zone, at, &in[done], n);
        done += n;
    }
    return rc;
}

int sf_api_erase(struct sf_device *dev, int32_t client_id, uint32_t offset)
{
    struct sf_binding b;
    int rc = zone_range(dev, client_id, offset, SF_API_ERASE_SIZE, &b);
    if (rc == SF_OK && offset % SF_API_ERASE_SIZE != 0u) {
        rc = SF_ERR_PARAM;
    }
    return rc == SF_OK ? sf_device_erase(dev, b.zone, dev->info.zones[b.zone].base + offset) : rc;
}

static int with_feature(struct sf_device *dev, int32_t client_id, uint32_t feature,
                        struct sf_binding *b)
{
    if (dev == NULL || dev->vendor == NULL) {
        return SF_ERR_PARAM;
    }
    if ((dev->features & feature) == 0u) {
        return SF_ERR_NOT_SUPPORTED;
    }
    return sf_api_binding(dev, client_id, b);
}

int sf_api_counter_read(struct sf_device *dev, int32_t client_id, uint32_t *value)
{
    struct sf_binding b;
    int rc = with_feature(dev, client_id, SF_FEATURE_COUNTERS, &b);
    return rc == SF_OK ? sf_device_counter_read(dev, b.zone, b.counter, value) : rc;
}

int sf_api_counter_increment(struct sf_device *dev, int32_t client_id, uint32_t *value)
{
    struct sf_binding b;
    int rc = with_feature(dev, client_id, SF_FEATURE_COUNTERS, &b);
    return rc == SF_OK ? sf_device_counter_increment(dev, b.zone, b.counter, value) : rc;
}

int sf_api_random(struct sf_device *dev, int32_t client_id, void *buf, size_t len)
{
    struct sf_binding b;
    uint8_t *out = buf;
    int rc = with_feature(dev, client_id, SF_FEATURE_TRNG, &b);
    if (rc == SF_OK && buf == NULL && len != 0u) {
        rc = SF_ERR_PARAM;
    }
    for (size_t done = 0; rc == SF_OK && done < len;) {
        size_t n = len - done < dev->vendor->max_data ? len - done : dev->vendor->max_data;
        rc = sf_device_random(dev, b.zone, &out[done], n);
        done += n;
    }
    return rc;
}

int sf_api_puf(struct sf_device *dev, int32_t client_id, const uint8_t *challenge,
               size_t challenge_len, uint8_t *out, size_t out_size, size_t *out_len)
{
    struct sf_binding b;
    int rc = with_feature(dev, client_id, SF_FEATURE_PUF, &b);
    return rc == SF_OK
               ? sf_device_puf(dev, b.zone, challenge, challenge_len, out, out_size, out_len)
               : rc;
}

int sf_api_uid(struct sf_device *dev, int32_t client_id, uint8_t *out, size_t out_size,
               size_t *out_len)
{
    struct sf_binding b;
    int rc = with_feature(dev, client_id, SF_FEATURE_UID, &b);
    return rc == SF_OK ? sf_device_uid(dev, b.zone, out, out_size, out_len) : rc;
}

int sf_api_provision(struct sf_device *dev, const uint8_t *record, size_t len)
{
    /* The record is the binding's and the part's to check. */
    int rc = sf_device_provision(dev, record, len);
    if (rc == SF_OK) {
        rc = authentic_info(dev);
    }
    return rc;
}

int sf_api_lock(struct sf_device *dev)
{
    int rc = authentic_info(dev);
    if (rc == SF_OK && dev->vendor->lock != NULL && dev->info.lifecycle == SF_LIFECYCLE_LOCKED) {
        return SF_OK; /* locked already, as the part said in a session */
    }
    if (rc == SF_OK) {
        rc = sf_device_lock(dev, SF_ADMIN_ZONE);
        dev->info_authentic = false; /* the lifecycle changed: ask again */
    }
    return rc;
}
