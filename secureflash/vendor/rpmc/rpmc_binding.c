/*
 * RPMC vendor binding. A counters-only part: no zones, no sessions, no
 * binding table (the host's configuration gives the client bindings,
 * sf_device_set_host_bindings). Each counter's root key is derived from
 * the HUK with its own label; provisioning writes them all, once in the
 * part's life; the driver keys a counter (Update HMAC Key) on first use.
 */
#include <string.h>

#include "rpmc_binding.h"
#include "rpmc_host.h"

#define ROOT_KEY_LABEL "ETSS RPMC root key"
#define ROOT_KEY_LABEL_LEN 18u

_Static_assert(sizeof(struct rpmc) <= SF_VENDOR_STATE_BYTES, "RPMC state does not fit");

static struct rpmc *part(struct sf_device *dev)
{
    return (struct rpmc *)(void *)dev->vendor_state.bytes;
}

static int from_rpmc(int rc)
{
    switch (rc) {
    case RPMC_OK:
        return SF_OK;
    case RPMC_ERR_PARAM:
        return SF_ERR_PARAM;
    case RPMC_ERR_BUS:
    case RPMC_ERR_TIMEOUT:
        return SF_ERR_BUS;
    case RPMC_ERR_NO_RPMC:
        return SF_ERR_NO_DEVICE;
    case RPMC_ERR_NO_ROOT_KEY:
    case RPMC_ERR_ROOT_KEY_SET:
        return SF_ERR_LIFECYCLE;
    case RPMC_ERR_COUNTER_LIMIT:
        return SF_ERR_COUNTER_LIMIT;
    case RPMC_ERR_CRYPTO:
        return SF_ERR_CRYPTO;
    case RPMC_ERR_DEVICE:
        return SF_ERR_DEVICE;
    default:
        /* An answer that is not authentic, refused, or contradicted. */
        return SF_ERR_COMM;
    }
}

static int root_key(const struct sf_device *dev, uint32_t counter, uint8_t out[RPMC_ROOT_KEY_LEN])
{
    const uint8_t info[2] = {dev->instance, (uint8_t)counter};
    return sf_crypto_hkdf_bytes(dev->huk, (const uint8_t *)ROOT_KEY_LABEL, ROOT_KEY_LABEL_LEN, info,
                                sizeof(info), out, RPMC_ROOT_KEY_LEN) == SF_CRYPTO_OK
               ? SF_OK
               : SF_ERR_CRYPTO;
}

/* Give the counter its HMAC key, from a fresh key data. */
static int key_counter(struct sf_device *dev, uint32_t counter)
{
    uint8_t key[RPMC_ROOT_KEY_LEN];
    uint8_t key_data[RPMC_KEY_DATA_LEN];
    int rc = root_key(dev, counter, key);
    if (rc == SF_OK) {
        rc = sf_crypto_random(key_data, sizeof(key_data)) == SF_CRYPTO_OK ? SF_OK : SF_ERR_CRYPTO;
    }
    if (rc == SF_OK) {
        rc = from_rpmc(rpmc_update_hmac_key(part(dev), counter, key, key_data));
    }
    sf_crypto_zeroize(key, sizeof(key));
    return rc;
}

static int rpmc_probe(struct sf_device *dev)
{
    int rc = from_rpmc(rpmc_init(part(dev), dev->spi));
    if (rc == SF_OK) {
        dev->features = SF_FEATURE_COUNTERS;
    }
    return rc;
}

/* The part says nothing of itself but its counters: whether they have
 * root keys shows in keying the first one. */
static int rpmc_get_info(struct sf_device *dev, struct sf_info *info)
{
    struct rpmc *r = part(dev);
    memset(info, 0, sizeof(*info));
    info->n_counters = r->info.n_counters;
    info->max_sessions = 1u;
    int rc = r->hmac_key[0] != SF_KEY_NONE ? SF_OK : key_counter(dev, 0u);
    if (rc == SF_ERR_LIFECYCLE) {
        info->lifecycle = SF_LIFECYCLE_BLANK;
        return SF_OK;
    }
    if (rc != SF_OK) {
        return rc;
    }
    info->lifecycle = SF_LIFECYCLE_LOCKED; /* root keys are once in a part's life */
    for (size_t i = 0; i < dev->n_host_bindings; i++) {
        const struct sf_binding *b = &dev->host_bindings[i];
        if (b->counter < info->n_counters) {
            info->bindings[info->n_bindings++] = *b;
        }
    }
    return SF_OK;
}

/* Write every counter's root key. The record is the secure flash's
 * business; an RPMC part takes its keys from the HUK. A power cut midway
 * leaves some written: provisioning again writes the rest. */
static int rpmc_provision(struct sf_device *dev, const uint8_t *record, size_t len)
{
    (void)record;
    (void)len;
    struct rpmc *r = part(dev);
    unsigned written = 0;
    int rc = SF_OK;
    for (uint32_t c = 0; c < r->info.n_counters && rc == SF_OK; c++) {
        uint8_t key[RPMC_ROOT_KEY_LEN];
        rc = root_key(dev, c, key);
        if (rc == SF_OK) {
            int w = rpmc_write_root_key(r, c, key);
            written += w == RPMC_OK;
            rc = w == RPMC_OK || w == RPMC_ERR_ROOT_KEY_SET ? SF_OK : from_rpmc(w);
        }
        sf_crypto_zeroize(key, sizeof(key));
    }
    return rc == SF_OK && written == 0u ? SF_ERR_LIFECYCLE : rc;
}

static int rpmc_reprovision(struct sf_device *dev, struct sf_session *s, const uint8_t *record,
                            size_t len)
{
    (void)dev;
    (void)s;
    (void)record;
    (void)len;
    return SF_ERR_LIFECYCLE; /* root keys cannot change */
}

/* No sessions on the part: a session is only the common layer's handle. */
static int rpmc_session_open(struct sf_device *dev, struct sf_session *s, uint8_t zone,
                             sf_key_t root)
{
    (void)dev;
    (void)root;
    memset(s, 0, sizeof(*s));
    s->open = true;
    s->zone = zone;
    s->id = 1u;
    return SF_OK;
}

static int rpmc_session_close(struct sf_device *dev, struct sf_session *s)
{
    (void)dev;
    memset(s, 0, sizeof(*s));
    return SF_OK;
}

static int keyed(struct sf_device *dev, uint8_t id)
{
    if (id >= part(dev)->info.n_counters) {
        return SF_ERR_DENIED;
    }
    return part(dev)->hmac_key[id] != SF_KEY_NONE ? SF_OK : key_counter(dev, id);
}

static int rpmc_counter_read(struct sf_device *dev, struct sf_session *s, uint8_t id,
                             uint32_t *value)
{
    (void)s;
    int rc = keyed(dev, id);
    return rc == SF_OK ? from_rpmc(rpmc_read_counter(part(dev), id, value)) : rc;
}

static int rpmc_counter_increment(struct sf_device *dev, struct sf_session *s, uint8_t id,
                                  uint32_t *value)
{
    (void)s;
    int rc = keyed(dev, id);
    return rc == SF_OK ? from_rpmc(rpmc_increment_counter(part(dev), id, value)) : rc;
}

static int rpmc_security_info(struct sf_device *dev, struct sf_session *s, struct sf_info *info)
{
    (void)s;
    return rpmc_get_info(dev, info);
}

static void rpmc_release(struct sf_device *dev)
{
    rpmc_deinit(part(dev));
}

const struct sf_vendor_ops rpmc_vendor_ops = {
    .name = "rpmc",
    .probe = rpmc_probe,
    .get_info = rpmc_get_info,
    .provision = rpmc_provision,
    .reprovision = rpmc_reprovision,
    .session_open = rpmc_session_open,
    .session_close = rpmc_session_close,
    .counter_read = rpmc_counter_read,
    .counter_increment = rpmc_counter_increment,
    .security_info = rpmc_security_info,
    /* No array, TRNG, PUF, UID or lock: the common layer answers
     * SF_ERR_NOT_SUPPORTED for operations a binding leaves out. */
    .release = rpmc_release,
    .max_data = 256u,
};
