/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS service. A client's storage lives in the zone its binding names,
 * on whichever device holds that binding; each (device, zone) has its own
 * filesystem, mounted on first use and again after a device failure.
 */
#include <string.h>

#include "etss_config.h"
#include "etss_fs_zone.h"
#include "etss_platform.h"
#include "etss_service.h"
#include "sf_api.h"

#define SUPPORTED_FLAGS                                                                            \
    (PSA_STORAGE_FLAG_WRITE_ONCE | PSA_STORAGE_FLAG_NO_CONFIDENTIALITY |                           \
     PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION)
#define PUF_LABEL "ETSS PUF"
#define PUF_LABEL_LEN 8u
#define PUF_LEN 32u
#define COUNTER_LEN 4u

struct zone_fs {
    struct etss_fs fs;
    struct etss_fs_zone storage; /* what fs reads and writes through */
    uint8_t device;
    uint8_t zone;
    bool used;
};

static struct sf_device devices[ETSS_MAX_DEVICES];
static bool device_present[ETSS_MAX_DEVICES];
static struct zone_fs filesystems[ETSS_MAX_FILESYSTEMS];
static etss_err_t init_status = ETSS_ERR_SF_INIT;

/* What a client is told of each status of the framework (sf_status.h),
 * one entry per code: when a call of its own fails with it, and when the
 * filesystem's access to the zone does. The flash refusing a well-formed
 * access of the filesystem's (an argument, a permission, a feature) is a
 * storage failure to the client, not its own fault. */
static const struct {
    int sf;
    etss_err_t etss;
    etss_err_t in_storage;
} sf_statuses[] = {
    {SF_OK, ETSS_SUCCESS, ETSS_SUCCESS},
    {SF_ERR_PARAM, ETSS_ERR_INVALID_ARGUMENT, ETSS_ERR_STORAGE_FAILURE},
    {SF_ERR_BUS, ETSS_ERR_COMMUNICATION_FAILURE, ETSS_ERR_COMMUNICATION_FAILURE},
    {SF_ERR_NO_DEVICE, ETSS_ERR_SF_INIT, ETSS_ERR_SF_INIT},
    {SF_ERR_NOT_SUPPORTED, ETSS_ERR_NOT_SUPPORTED, ETSS_ERR_STORAGE_FAILURE},
    {SF_ERR_COMM, ETSS_ERR_COMMUNICATION_FAILURE, ETSS_ERR_COMMUNICATION_FAILURE},
    {SF_ERR_AUTH, ETSS_ERR_COMMUNICATION_FAILURE, ETSS_ERR_COMMUNICATION_FAILURE},
    {SF_ERR_DENIED, ETSS_ERR_NOT_PERMITTED, ETSS_ERR_STORAGE_FAILURE},
    {SF_ERR_LIFECYCLE, ETSS_ERR_NOT_PERMITTED, ETSS_ERR_STORAGE_FAILURE},
    {SF_ERR_LOCKED_OUT, ETSS_ERR_SERVICE_FAILURE, ETSS_ERR_SERVICE_FAILURE},
    {SF_ERR_COUNTER_LIMIT, ETSS_ERR_BAD_STATE, ETSS_ERR_BAD_STATE},
    {SF_ERR_FLASH, ETSS_ERR_STORAGE_FAILURE, ETSS_ERR_STORAGE_FAILURE},
    {SF_ERR_CRYPTO, ETSS_ERR_HARDWARE_FAILURE, ETSS_ERR_HARDWARE_FAILURE},
    {SF_ERR_MALFORMED, ETSS_ERR_COMMUNICATION_FAILURE, ETSS_ERR_COMMUNICATION_FAILURE},
    {SF_ERR_NO_BINDING, ETSS_ERR_NOT_PERMITTED, ETSS_ERR_STORAGE_FAILURE},
    {SF_ERR_DEVICE, ETSS_ERR_HARDWARE_FAILURE, ETSS_ERR_HARDWARE_FAILURE},
    {SF_ERR_TAMPER, ETSS_ERR_SF_TAMPER, ETSS_ERR_SF_TAMPER},
    {SF_ERR_VERIFY, ETSS_ERR_COMMUNICATION_FAILURE,
     ETSS_ERR_COMMUNICATION_FAILURE}, /* an answer that did not authenticate */
    {SF_ERR_CRYPTO_RESOURCES, ETSS_ERR_INSUFFICIENT_MEMORY, ETSS_ERR_INSUFFICIENT_MEMORY},
    {SF_ERR_BUS_BUSY, ETSS_ERR_COMMUNICATION_FAILURE, ETSS_ERR_COMMUNICATION_FAILURE},
    {SF_ERR_BUS_TIMEOUT, ETSS_ERR_COMMUNICATION_FAILURE, ETSS_ERR_COMMUNICATION_FAILURE},
    {SF_ERR_BUS_UNSUPPORTED, ETSS_ERR_COMMUNICATION_FAILURE, ETSS_ERR_COMMUNICATION_FAILURE},
    {SF_ERR_BUS_PARAM, ETSS_ERR_COMMUNICATION_FAILURE, ETSS_ERR_COMMUNICATION_FAILURE},
    {SF_ERR_TIMEOUT, ETSS_ERR_COMMUNICATION_FAILURE,
     ETSS_ERR_COMMUNICATION_FAILURE}, /* the part stopped answering */
    {SF_ERR_NO_SFDP, ETSS_ERR_SF_INIT, ETSS_ERR_SF_INIT},
    {SF_ERR_SFDP_FORMAT, ETSS_ERR_SF_INIT, ETSS_ERR_SF_INIT},
    {SF_ERR_SFDP_NO_TABLE, ETSS_ERR_SF_INIT, ETSS_ERR_SF_INIT},
    {SF_ERR_RANGE, ETSS_ERR_SERVICE_FAILURE,
     ETSS_ERR_SERVICE_FAILURE}, /* the layers above checked every range */
    {SF_ERR_ALIGNMENT, ETSS_ERR_SERVICE_FAILURE, ETSS_ERR_SERVICE_FAILURE},
    {SF_ERR_WRITE_ENABLE, ETSS_ERR_STORAGE_FAILURE, ETSS_ERR_STORAGE_FAILURE},
    {SF_ERR_NOT_INITIALIZED, ETSS_ERR_SERVICE_FAILURE, ETSS_ERR_SERVICE_FAILURE},
    {SF_ERR_ROOT_KEY_SET, ETSS_ERR_NOT_PERMITTED,
     ETSS_ERR_STORAGE_FAILURE}, /* as the lifecycle it stands for */
    {SF_ERR_NO_ROOT_KEY, ETSS_ERR_NOT_PERMITTED, ETSS_ERR_STORAGE_FAILURE},
    {SF_ERR_NO_SESSION, ETSS_ERR_COMMUNICATION_FAILURE, ETSS_ERR_COMMUNICATION_FAILURE},
    {SF_ERR_COUNTER_MOVED, ETSS_ERR_COMMUNICATION_FAILURE, ETSS_ERR_COMMUNICATION_FAILURE},
    {SF_ERR_UNCONFIRMED, ETSS_ERR_COMMUNICATION_FAILURE, ETSS_ERR_COMMUNICATION_FAILURE},
};
_Static_assert(sizeof(sf_statuses) / sizeof(sf_statuses[0]) == (size_t)(1 - SF_STATUS_LOWEST),
               "every status of sf_status.h has its entry");

static etss_err_t from_sf_in(int rc, bool in_storage)
{
    for (size_t i = 0; i < sizeof(sf_statuses) / sizeof(sf_statuses[0]); i++) {
        if (sf_statuses[i].sf == rc) {
            return in_storage ? sf_statuses[i].in_storage : sf_statuses[i].etss;
        }
    }
    return ETSS_ERR_HARDWARE_FAILURE; /* none: a status from outside the framework */
}

static etss_err_t from_sf(int rc)
{
    return from_sf_in(rc, false);
}

static etss_err_t from_fs(int rc)
{
    switch (rc) {
    case ETSS_FS_OK:
        return ETSS_SUCCESS;
    case ETSS_FS_ERR_PARAM:
        return ETSS_ERR_INVALID_ARGUMENT;
    case ETSS_FS_ERR_NOT_FOUND:
        return ETSS_ERR_DOES_NOT_EXIST;
    case ETSS_FS_ERR_NO_SPACE:
        return ETSS_ERR_INSUFFICIENT_STORAGE;
    case ETSS_FS_ERR_CORRUPT:
        return ETSS_ERR_DATA_CORRUPT;
    case ETSS_FS_ERR_FORMAT:
        return ETSS_ERR_DATA_INVALID;
    case ETSS_FS_ERR_INTERNAL:
        return ETSS_ERR_SERVICE_FAILURE;
    default:
        return ETSS_ERR_STORAGE_FAILURE;
    }
}

/* A filesystem's answer, with the cause of a storage failure (which the
 * filesystem only calls ETSS_FS_ERR_DEVICE): the secure flash's own status,
 * as a storage access's. */
static etss_err_t from_zone(struct zone_fs *z, int rc)
{
    int cause = etss_fs_zone_take_failure(&z->storage);
    return rc == ETSS_FS_ERR_DEVICE && cause != SF_OK ? from_sf_in(cause, true) : from_fs(rc);
}

/* By the host's own record of the part, never by what the part says. */
static bool provisioned(uint8_t i)
{
    return device_present[i] && sf_device_provisioned(&devices[i]);
}

etss_err_t etss_service_init(void)
{
    sf_key_t huk = etss_platform_huk();
    const struct sf_trust *trust = etss_platform_trust();
    bool any_present = false;
    bool any_provisioned = false;
    bool any_tampered = false;
    memset(filesystems, 0, sizeof(filesystems));
    for (uint8_t i = 0; i < ETSS_MAX_DEVICES; i++) {
        const struct etss_spi_driver *spi = etss_platform_spi(i);
        /* Booting again: whatever the last boot held of the part (session
         * keys, a driver's key slots) goes back to the key store, whether
         * or not the part was usable then. */
        sf_device_forget(&devices[i]);
        size_t n_bound = 0;
        const struct sf_binding *bound = etss_platform_counter_bindings(i, &n_bound);
        int rc = spi == NULL || huk == SF_KEY_NONE || trust == NULL
                     ? SF_ERR_NO_DEVICE
                     : sf_device_init(&devices[i], spi, huk, i);
        if (rc == SF_OK) {
            rc = sf_device_set_host_bindings(&devices[i], bound, n_bound);
        }
        if (rc == SF_OK) {
            rc = sf_device_set_trust(&devices[i], trust);
        }
        if (rc == SF_OK) {
            rc = sf_api_init(&devices[i]);
        }
        device_present[i] = rc == SF_OK;
        any_tampered = any_tampered || rc == SF_ERR_TAMPER;
        any_present = any_present || device_present[i];
        any_provisioned = any_provisioned || provisioned(i);
    }
    /* A substituted part, or a bus that lies about one, stops the service:
     * fail closed rather than serve on beside it. */
    init_status = any_tampered       ? ETSS_ERR_SF_TAMPER
                  : !any_present     ? ETSS_ERR_SF_INIT
                  : !any_provisioned ? ETSS_ERR_SF_UNPROVISIONED
                                     : ETSS_SUCCESS;
    return init_status;
}

/* What a request needs of the device that serves it. */
enum need { NEED_STORAGE, NEED_COUNTERS, NEED_PUF, NEED_TRNG };

static bool serves(const struct sf_device *d, enum need need)
{
    uint32_t features = sf_api_features(d);
    switch (need) {
    case NEED_STORAGE:
        return sf_api_zone_count(d) != 0u;
    case NEED_COUNTERS:
        return (features & SF_FEATURE_COUNTERS) != 0u;
    /* PUF values and random numbers must not cross the bus in clear. */
    case NEED_PUF:
        return (features & (SF_FEATURE_PUF | SF_FEATURE_CONFIDENTIALITY)) ==
               (SF_FEATURE_PUF | SF_FEATURE_CONFIDENTIALITY);
    case NEED_TRNG:
        return (features & (SF_FEATURE_TRNG | SF_FEATURE_CONFIDENTIALITY)) ==
               (SF_FEATURE_TRNG | SF_FEATURE_CONFIDENTIALITY);
    }
    return false;
}

/* A part that offers counters and no storage (an RPMC). */
static bool counters_only(const struct sf_device *d)
{
    return (sf_api_features(d) & (SF_FEATURE_COUNTERS | SF_FEATURE_ZONES)) == SF_FEATURE_COUNTERS;
}

/* A counters-only part the board binds the client to, whose root keys are
 * not written yet. Its counters are the client's: no other part's counter
 * may stand in for them meanwhile, or the value would jump when it comes up. */
static bool counters_part_pending(int32_t client_id)
{
    for (uint8_t i = 0; i < ETSS_MAX_DEVICES; i++) {
        if (!device_present[i] || provisioned(i) || !counters_only(&devices[i])) {
            continue;
        }
        size_t n = 0;
        const struct sf_binding *bound = etss_platform_counter_bindings(i, &n);
        for (size_t k = 0; k < n; k++) {
            if (bound[k].client_id == client_id) {
                return true;
            }
        }
    }
    return false;
}

/* A part caught contradicting the host's record since boot stops the whole
 * service, as one found so at boot does (and the filesystem's own errors do
 * not hide it). */
static etss_err_t fail_closed(etss_err_t err)
{
    for (uint8_t i = 0; i < ETSS_MAX_DEVICES; i++) {
        if (device_present[i] && sf_device_tampered(&devices[i])) {
            init_status = ETSS_ERR_SF_TAMPER;
        }
    }
    return init_status == ETSS_ERR_SF_TAMPER ? ETSS_ERR_SF_TAMPER : err;
}

/* The device that serves the client's request: one that binds the client
 * and has what the request needs. Counters come from a counters-only part
 * (an RPMC) when one binds the client. A bound client whose
 * devices lack the feature gets NOT_SUPPORTED; an unbound one, which has
 * nothing here, NOT_PERMITTED. */
static etss_err_t locate(int32_t client_id, enum need need, uint8_t *device, struct sf_binding *b)
{
    bool bound = false;
    if (fail_closed(init_status) != ETSS_SUCCESS) {
        return init_status;
    }
    if (need == NEED_COUNTERS && counters_part_pending(client_id)) {
        return ETSS_ERR_SF_UNPROVISIONED;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (uint8_t i = 0; i < ETSS_MAX_DEVICES; i++) {
            struct sf_device *d = &devices[i];
            if (!provisioned(i) || sf_api_binding(d, client_id, b) != SF_OK) {
                continue;
            }
            bound = true;
            bool preferred = need == NEED_COUNTERS && counters_only(d);
            if (serves(d, need) && (pass == 1 || preferred)) {
                *device = i;
                return ETSS_SUCCESS;
            }
        }
    }
    return bound ? ETSS_ERR_NOT_SUPPORTED : ETSS_ERR_NOT_PERMITTED;
}

/* The filesystem of the client's zone, mounted; `write`: the request
 * changes it, which a read-only zone refuses. */
static etss_err_t fs_for(int32_t client_id, bool write, struct zone_fs **out)
{
    struct sf_binding b;
    uint8_t device = 0;
    etss_err_t err = locate(client_id, NEED_STORAGE, &device, &b);
    if (err != ETSS_SUCCESS) {
        return err;
    }
    struct sf_zone zone;
    if (write && (sf_api_client_zone(&devices[device], client_id, &zone) != SF_OK ||
                  zone.write_policy == SF_WRITE_READ_ONLY)) {
        return ETSS_ERR_NOT_PERMITTED;
    }
    struct zone_fs *slot = NULL;
    for (size_t i = 0; i < ETSS_MAX_FILESYSTEMS && slot == NULL; i++) {
        struct zone_fs *z = &filesystems[i];
        if (z->used && z->device == device && z->zone == b.zone) {
            slot = z;
        }
    }
    for (size_t i = 0; i < ETSS_MAX_FILESYSTEMS && slot == NULL; i++) {
        if (!filesystems[i].used) {
            slot = &filesystems[i];
        }
    }
    if (slot == NULL) {
        return ETSS_ERR_INSUFFICIENT_MEMORY; /* more zones in use than ETSS_MAX_FILESYSTEMS */
    }
    if (!slot->used || !slot->fs.mounted) {
        struct etss_fs_storage storage;
        int rc = etss_fs_zone_storage(&slot->storage, &devices[device], client_id, &storage);
        if (rc == ETSS_FS_OK) {
            rc = etss_fs_mount(&slot->fs, &storage);
        }
        slot->used = rc == ETSS_FS_OK;
        slot->device = device;
        slot->zone = b.zone;
        if (rc != ETSS_FS_OK) {
            return fail_closed(rc == ETSS_FS_ERR_CORRUPT || rc == ETSS_FS_ERR_FORMAT ||
                                       rc == ETSS_FS_ERR_DEVICE
                                   ? from_zone(slot, rc)
                                   : ETSS_ERR_STORAGE_FAILURE);
        }
    }
    *out = slot;
    return ETSS_SUCCESS;
}

etss_err_t etss_service_provision(int32_t client_id, const uint8_t *data, size_t len)
{
    /* Provisioning sets every client's zone, keys and bindings: it is for
     * secure code (a provisioning partition, the factory flow). A
     * non-secure caller is refused whatever the part's lifecycle, since in
     * developer mode the partition itself holds the keys REPROVISION needs. */
    if (client_id <= 0) {
        return ETSS_ERR_NOT_PERMITTED;
    }
    if (data == NULL || len == 0u) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    /* The first blank part; with none, the first part (developer mode:
     * provisioned again, unless it is locked). */
    uint8_t target = ETSS_MAX_DEVICES;
    for (uint8_t i = 0; i < ETSS_MAX_DEVICES; i++) {
        if (device_present[i] && !provisioned(i) && target == ETSS_MAX_DEVICES) {
            target = i;
        }
    }
    for (uint8_t i = 0; i < ETSS_MAX_DEVICES && target == ETSS_MAX_DEVICES; i++) {
        target = device_present[i] ? i : target;
    }
    if (target == ETSS_MAX_DEVICES) {
        return ETSS_ERR_SF_INIT;
    }
    int rc = sf_api_provision(&devices[target], data, len);
    /* Zones and bindings may have changed: every filesystem of the part
     * is mounted afresh. */
    for (size_t i = 0; i < ETSS_MAX_FILESYSTEMS; i++) {
        if (filesystems[i].device == target) {
            filesystems[i].used = false;
        }
    }
    if (rc == SF_OK) {
        init_status = ETSS_SUCCESS;
        return ETSS_SUCCESS;
    }
    return rc == SF_ERR_PARAM || rc == SF_ERR_MALFORMED ? ETSS_ERR_SF_PROVISION : from_sf(rc);
}

etss_err_t etss_service_lock(int32_t client_id)
{
    /* Locking freezes every client's zone, keys and binding for good: it
     * is for secure code, as provisioning is. */
    if (client_id <= 0) {
        return ETSS_ERR_NOT_PERMITTED;
    }
    if (fail_closed(init_status) != ETSS_SUCCESS) {
        return init_status;
    }
    etss_err_t err = ETSS_ERR_NOT_SUPPORTED;
    for (uint8_t i = 0; i < ETSS_MAX_DEVICES; i++) {
        if (!provisioned(i)) {
            continue;
        }
        int rc = sf_api_lock(&devices[i]);
        if (rc == SF_ERR_NOT_SUPPORTED) {
            continue; /* no lifecycle to freeze: a counters-only part */
        }
        if (rc != SF_OK) {
            return fail_closed(from_sf(rc));
        }
        err = ETSS_SUCCESS;
    }
    return err;
}

etss_err_t etss_service_set(int32_t client_id, psa_storage_uid_t uid, const void *data, size_t len,
                            psa_storage_create_flags_t flags)
{
    struct zone_fs *z = NULL;
    uint32_t old_len = 0;
    uint8_t old_flags = 0;
    if (uid == ETSS_INVALID_UID || len > ETSS_MAX_ASSET_SIZE || (data == NULL && len != 0u)) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    if ((flags & ~SUPPORTED_FLAGS) != 0u) {
        return ETSS_ERR_NOT_SUPPORTED;
    }
    etss_err_t err = fs_for(client_id, true, &z);
    if (err != ETSS_SUCCESS) {
        return err;
    }
    /* A confidential asset goes only where every read of it comes back
     * encrypted (the zone's authenticated read policy): anywhere else it
     * would cross the bus in clear at every mount and reclaim. */
    struct sf_zone zone;
    if ((flags & PSA_STORAGE_FLAG_NO_CONFIDENTIALITY) == 0u &&
        (sf_api_client_zone(&devices[z->device], client_id, &zone) != SF_OK ||
         zone.read_policy != SF_READ_ENCRYPTED)) {
        return ETSS_ERR_NOT_SUPPORTED;
    }
    /* An asset whose value was lost (DATA_CORRUPT) keeps its flags, so it
     * can be replaced or removed unless it was written once. */
    int rc = etss_fs_info(&z->fs, client_id, uid, &old_len, &old_flags);
    if ((rc == ETSS_FS_OK || rc == ETSS_FS_ERR_CORRUPT) &&
        (old_flags & PSA_STORAGE_FLAG_WRITE_ONCE) != 0u) {
        return ETSS_ERR_NOT_PERMITTED;
    }
    if (rc == ETSS_FS_ERR_NOT_FOUND &&
        etss_fs_count(&z->fs, client_id) >= ETSS_MAX_ASSETS_PER_CLIENT) {
        return ETSS_ERR_INSUFFICIENT_STORAGE;
    }
    return fail_closed(
        from_zone(z, etss_fs_write(&z->fs, client_id, uid, data, len, (uint8_t)flags)));
}

etss_err_t etss_service_get(int32_t client_id, psa_storage_uid_t uid, size_t offset, void *buf,
                            size_t size, size_t *out_len)
{
    struct zone_fs *z = NULL;
    if (uid == ETSS_INVALID_UID || (buf == NULL && size != 0u) || out_len == NULL) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    *out_len = 0u;
    etss_err_t err = fs_for(client_id, false, &z);
    return err != ETSS_SUCCESS
               ? err
               : fail_closed(from_zone(
                     z, etss_fs_read(&z->fs, client_id, uid, offset, buf, size, out_len)));
}

etss_err_t etss_service_get_info(int32_t client_id, psa_storage_uid_t uid,
                                 struct psa_storage_info_t *info)
{
    struct zone_fs *z = NULL;
    uint32_t len = 0;
    uint8_t flags = 0;
    if (uid == ETSS_INVALID_UID || info == NULL) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    etss_err_t err = fs_for(client_id, false, &z);
    if (err == ETSS_SUCCESS) {
        err = fail_closed(from_zone(z, etss_fs_info(&z->fs, client_id, uid, &len, &flags)));
    }
    if (err == ETSS_SUCCESS) {
        info->size = len;
        info->capacity = len;
        info->flags = flags;
    }
    return err;
}

etss_err_t etss_service_remove(int32_t client_id, psa_storage_uid_t uid)
{
    struct zone_fs *z = NULL;
    uint32_t len = 0;
    uint8_t flags = 0;
    if (uid == ETSS_INVALID_UID) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    etss_err_t err = fs_for(client_id, true, &z);
    if (err == ETSS_SUCCESS) {
        int rc = etss_fs_info(&z->fs, client_id, uid, &len, &flags);
        err = rc == ETSS_FS_ERR_CORRUPT ? ETSS_SUCCESS : from_zone(z, rc);
    }
    if (err == ETSS_SUCCESS && (flags & PSA_STORAGE_FLAG_WRITE_ONCE) != 0u) {
        err = ETSS_ERR_NOT_PERMITTED;
    }
    return fail_closed(err == ETSS_SUCCESS ? from_zone(z, etss_fs_remove(&z->fs, client_id, uid))
                                           : err);
}

etss_err_t etss_service_get_puf(int32_t client_id, uint8_t *buf, size_t size, size_t *out_len)
{
    struct sf_binding b;
    uint8_t device = 0;
    uint8_t challenge[PUF_LABEL_LEN + 4u];
    if (buf == NULL || out_len == NULL) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    if (size < PUF_LEN) {
        return ETSS_ERR_BUFFER_TOO_SMALL;
    }
    etss_err_t err = locate(client_id, NEED_PUF, &device, &b);
    if (err != ETSS_SUCCESS) {
        return err;
    }
    /* One value per client: no client learns another's. */
    memcpy(challenge, PUF_LABEL, PUF_LABEL_LEN);
    for (size_t i = 0; i < 4u; i++) {
        challenge[PUF_LABEL_LEN + i] = (uint8_t)((uint32_t)client_id >> (8u * i));
    }
    return from_sf(
        sf_api_puf(&devices[device], client_id, challenge, sizeof(challenge), buf, size, out_len));
}

etss_err_t etss_service_random(int32_t client_id, uint8_t *buf, size_t size)
{
    struct sf_binding b;
    uint8_t device = 0;
    if (buf == NULL || size == 0u) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    etss_err_t err = locate(client_id, NEED_TRNG, &device, &b);
    return err != ETSS_SUCCESS ? err
                               : from_sf(sf_api_random(&devices[device], client_id, buf, size));
}

/* The client's own counter, and only that one. */
static etss_err_t bound_counter(int32_t client_id, uint8_t mc_id, uint8_t *device)
{
    struct sf_binding b;
    etss_err_t err = locate(client_id, NEED_COUNTERS, device, &b);
    if (err == ETSS_SUCCESS && b.counter != mc_id) {
        err = ETSS_ERR_NOT_PERMITTED;
    }
    return err;
}

etss_err_t etss_service_mc_increment(int32_t client_id, uint8_t mc_id)
{
    uint8_t device = 0;
    uint32_t value = 0;
    etss_err_t err = bound_counter(client_id, mc_id, &device);
    return err != ETSS_SUCCESS
               ? err
               : from_sf(sf_api_counter_increment(&devices[device], client_id, &value));
}

etss_err_t etss_service_mc_get(int32_t client_id, uint8_t mc_id, uint8_t *buf, size_t size,
                               size_t *out_len)
{
    uint8_t device = 0;
    uint32_t value = 0;
    if (buf == NULL || out_len == NULL) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    if (size < COUNTER_LEN) {
        return ETSS_ERR_BUFFER_TOO_SMALL;
    }
    etss_err_t err = bound_counter(client_id, mc_id, &device);
    if (err == ETSS_SUCCESS) {
        err = from_sf(sf_api_counter_read(&devices[device], client_id, &value));
    }
    if (err == ETSS_SUCCESS) {
        for (size_t i = 0; i < COUNTER_LEN; i++) {
            buf[i] = (uint8_t)(value >> (8u * i));
        }
        *out_len = COUNTER_LEN;
    }
    return err;
}

void etss_service_wipe(void *buf, size_t len)
{
    sf_crypto_zeroize(buf, len);
}
