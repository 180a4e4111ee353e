/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RPMC vendor binding. A counters-only part: no zones, no sessions, no
 * binding table (the host's configuration gives the client bindings,
 * vc->host_bindings), no identity and nothing authenticated but its
 * counters' signed answers. So it says nothing the host believes about
 * itself: whether it was provisioned is the host's own record
 * (vc->provisioned),
 * and a "session" is proof that the part holds the root keys of the salt
 * the record names. Each counter's root key is derived from the zone-0 root
 * key the common layer derives (HUK, host instance, the host's salt); the
 * part takes them once in its life, in clear (Write Root Key, as JESD260
 * has it), and only when the host's record says it never was provisioned.
 */
#include <string.h>

#include "rpmc_binding.h"
#include "rpmc_host.h"
#include "sf_vendor.h"

#define ROOT_KEY_LABEL "ETSS RPMC root key"
#define ROOT_KEY_LABEL_LEN 18u

_Static_assert(sizeof(struct rpmc) <= SF_VENDOR_STATE_BYTES, "RPMC state does not fit");

static struct rpmc *part(struct sf_vendor_ctx *vc)
{
    return (struct rpmc *)(void *)vc->state;
}

/* What the driver's statuses mean to the common layer. An answer refused
 * or contradicted says the session's HMAC keys are not the part's (a reset
 * loses them): a communication failure, so that a new session keys them
 * again. A root key missing, or written already, is the part's lifecycle. */
static int contract_status(int rc)
{
    switch (rc) {
    case SF_ERR_AUTH:
    case SF_ERR_NO_SESSION:
    case SF_ERR_COUNTER_MOVED:
    case SF_ERR_UNCONFIRMED:
        return SF_ERR_COMM;
    case SF_ERR_NO_ROOT_KEY:
    case SF_ERR_ROOT_KEY_SET:
        return SF_ERR_LIFECYCLE;
    default:
        return rc;
    }
}

/* Counter `counter`'s root key, from the zone-0 root key. */
static int counter_root_key(sf_key_t zone_key, uint32_t counter, uint8_t out[RPMC_ROOT_KEY_LEN])
{
    const uint8_t info[1] = {(uint8_t)counter};
    return sf_crypto_hkdf_bytes(zone_key, (const uint8_t *)ROOT_KEY_LABEL, ROOT_KEY_LABEL_LEN, info,
                                sizeof(info), out, RPMC_ROOT_KEY_LEN);
}

/* Give the counter its HMAC key, from a fresh key data. */
static int key_counter(struct sf_vendor_ctx *vc, sf_key_t zone_key, uint32_t counter)
{
    uint8_t key[RPMC_ROOT_KEY_LEN];
    uint8_t key_data[RPMC_KEY_DATA_LEN];
    int rc = counter_root_key(zone_key, counter, key);
    if (rc == SF_OK) {
        rc = sf_crypto_random(key_data, sizeof(key_data));
    }
    if (rc == SF_OK) {
        rc = contract_status(rpmc_update_hmac_key(part(vc), counter, key, key_data));
    }
    sf_crypto_zeroize(key, sizeof(key));
    return rc;
}

static int rpmc_probe(struct sf_vendor_ctx *vc)
{
    int rc = contract_status(rpmc_init(part(vc), vc->spi));
    if (rc == SF_OK) {
        vc->features = SF_FEATURE_COUNTERS;
    }
    return rc;
}

/* The part says nothing of itself the host could believe: what it is, is
 * what the host's record says (a counters part, provisioned or not). */
static int rpmc_get_info(struct sf_vendor_ctx *vc, struct sf_info *info)
{
    memset(info, 0, sizeof(*info));
    info->n_counters = part(vc)->info.n_counters;
    info->max_sessions = 1u;
    info->features = SF_FEATURE_COUNTERS;
    if (!vc->provisioned) {
        info->lifecycle = SF_LIFECYCLE_BLANK;
        return SF_OK;
    }
    info->lifecycle = SF_LIFECYCLE_LOCKED; /* root keys are once in a part's life */
    for (size_t i = 0; i < vc->n_host_bindings; i++) {
        const struct sf_binding *b = &vc->host_bindings[i];
        if (b->counter < info->n_counters) {
            info->bindings[info->n_bindings++] = *b;
        }
    }
    return SF_OK;
}

/* An RPMC keeps no description: whatever the record says, the message is
 * the zone-0 root key that every counter's root key derives from. */
static int rpmc_seal_provisioning(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len,
                                  const struct sf_root_keys *keys, uint8_t *out, size_t out_size,
                                  size_t *out_len)
{
    (void)vc;
    (void)record;
    (void)len;
    *out_len = 0u;
    if (out_size < SF_ROOT_KEY_LEN) {
        return SF_ERR_PARAM;
    }
    int rc = keys->derive(keys->ctx, SF_ADMIN_ZONE, out);
    *out_len = rc == SF_OK ? SF_ROOT_KEY_LEN : 0u;
    return rc;
}

/* Write every counter's root key, derived from `record` (the zone-0 root
 * key rpmc_seal_provisioning gave). A power cut midway leaves some written:
 * provisioning again with the same salt writes the rest. */
static int rpmc_provision(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len)
{
    struct rpmc *r = part(vc);
    sf_key_t zone_key = SF_KEY_NONE;
    if (len != RPMC_ROOT_KEY_LEN) {
        return SF_ERR_PARAM;
    }
    int rc = sf_crypto_import(SF_KEY_HKDF_SECRET, record, len, &zone_key);
    unsigned written = 0;
    for (uint32_t c = 0; c < r->info.n_counters && rc == SF_OK; c++) {
        uint8_t key[RPMC_ROOT_KEY_LEN];
        rc = counter_root_key(zone_key, c, key);
        if (rc == SF_OK) {
            int w = rpmc_write_root_key(r, c, key);
            written += w == SF_OK;
            rc = w == SF_OK || w == SF_ERR_ROOT_KEY_SET ? SF_OK : contract_status(w);
        }
        sf_crypto_zeroize(key, sizeof(key));
    }
    sf_crypto_destroy(&zone_key);
    return rc == SF_OK && written == 0u ? SF_ERR_LIFECYCLE : rc;
}

static int rpmc_reprovision(struct sf_vendor_ctx *vc, struct sf_session *s, const uint8_t *record,
                            size_t len)
{
    (void)vc;
    (void)s;
    (void)record;
    (void)len;
    return SF_ERR_LIFECYCLE; /* root keys cannot change */
}

static void forget_keys(struct rpmc *r)
{
    for (size_t i = 0; i < RPMC_MAX_COUNTERS; i++) {
        sf_crypto_destroy(&r->hmac_key[i]);
    }
    sf_crypto_zeroize(r->key_data, sizeof(r->key_data));
}

/*
 * No sessions on the part: the common layer's session is the proof that
 * the part holds the root keys of `root`. Every counter gets its HMAC key
 * from them, and counter 0's signed answer shows the part has the same one
 * (a part with other keys fails that check: SF_ERR_COMM, so the common
 * layer can try the other salt of a pending provisioning).
 */
static int rpmc_session_open(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t zone,
                             sf_key_t root)
{
    struct rpmc *r = part(vc);
    uint32_t value = 0;
    memset(s, 0, sizeof(*s));
    int rc = SF_OK;
    for (uint32_t c = 0; c < r->info.n_counters && rc == SF_OK; c++) {
        rc = key_counter(vc, root, c);
    }
    if (rc == SF_OK) {
        rc = contract_status(rpmc_read_counter(r, 0u, &value));
    }
    if (rc != SF_OK) {
        forget_keys(r); /* no HMAC key of a failed proof stays */
        return rc == SF_ERR_LIFECYCLE || sf_session_failed(rc) ? rc : SF_ERR_COMM;
    }
    s->open = true;
    s->zone = zone;
    s->id = 1u;
    return SF_OK;
}

static int rpmc_session_close(struct sf_vendor_ctx *vc, struct sf_session *s)
{
    (void)vc;
    memset(s, 0, sizeof(*s));
    return SF_OK;
}

static int counter_id(struct sf_vendor_ctx *vc, uint8_t id)
{
    return id < part(vc)->info.n_counters ? SF_OK : SF_ERR_DENIED;
}

static int rpmc_counter_read(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t id,
                             uint32_t *value)
{
    (void)s;
    int rc = counter_id(vc, id);
    return rc == SF_OK ? contract_status(rpmc_read_counter(part(vc), id, value)) : rc;
}

static int rpmc_counter_increment(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t id,
                                  uint32_t *value)
{
    (void)s;
    int rc = counter_id(vc, id);
    return rc == SF_OK ? contract_status(rpmc_increment_counter(part(vc), id, value)) : rc;
}

static int rpmc_security_info(struct sf_vendor_ctx *vc, struct sf_session *s, struct sf_info *info)
{
    (void)s;
    return rpmc_get_info(vc, info);
}

static void rpmc_release(struct sf_vendor_ctx *vc)
{
    rpmc_deinit(part(vc));
}

const struct sf_vendor_ops rpmc_vendor_ops = {
    .name = "rpmc",
    .probe = rpmc_probe,
    .get_info = rpmc_get_info,
    .seal_provisioning = rpmc_seal_provisioning,
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
