/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Secure flash common layer: discovery, sessions and dispatch. Sessions
 * are opened when a zone is first used, reused while they last, and
 * replaced when they fail, expire or the part was reset.
 */
#include <string.h>

#include "sf_device.h"
#include "sf_device_testing.h"

#define ROOT_KEY_LABEL "ETSS root key"
#define ROOT_KEY_LABEL_LEN 13u
#define SALT_LEN 16u
#define KNOWN_TO_HOST (SF_PART_PROVISIONED | SF_PART_PENDING)

_Static_assert(sizeof(((struct sf_part_record *)0)->salt) == SALT_LEN, "one salt size");

int sf_device_root_key_bytes(const struct sf_device *dev, uint8_t zone, const uint8_t salt[16],
                             uint8_t out[32])
{
    uint8_t info[2u + SF_SHA256_LEN + SALT_LEN];
    info[0] = dev->instance;
    info[1] = zone;
    memcpy(&info[2], dev->part.identity, SF_SHA256_LEN);
    memcpy(&info[2u + SF_SHA256_LEN], salt, SALT_LEN);
    return sf_crypto_hkdf_bytes(dev->huk, (const uint8_t *)ROOT_KEY_LABEL, ROOT_KEY_LABEL_LEN, info,
                                sizeof(info), out, 32u);
}

static int root_key(const struct sf_device *dev, uint8_t zone, const uint8_t salt[16],
                    sf_key_t *key)
{
    uint8_t bytes[32];
    int rc = sf_device_root_key_bytes(dev, zone, salt, bytes);
    if (rc == SF_OK) {
        rc = sf_crypto_import(SF_KEY_HKDF_SECRET, bytes, sizeof(bytes), key);
    }
    sf_crypto_zeroize(bytes, sizeof(bytes));
    return rc;
}

/* A digest of a description, its failure count aside (a confirmed session
 * resets it between discovery and the session's own answer). */
static int info_digest(struct sf_info *info, uint8_t out[SF_SHA256_LEN])
{
    uint8_t failures = info->failure_count;
    info->failure_count = 0u;
    int rc = sf_crypto_sha256((const uint8_t *)info, sizeof(*info), out);
    info->failure_count = failures;
    return rc;
}

/* The narrow view a binding gets (sf_vendor.h), refreshed before each call
 * from what the common layer holds now. */
static struct sf_vendor_ctx *view(struct sf_device *dev)
{
    struct sf_vendor_ctx *vc = &dev->vendor_view;
    vc->spi = dev->spi;
    vc->nor = &dev->nor;
    vc->frame = dev->frame;
    vc->scratch = dev->scratch;
    vc->state = dev->vendor_state.bytes;
    vc->huk = dev->huk;
    vc->instance = dev->instance;
    vc->features = dev->features;
    vc->info = &dev->info;
    vc->info_authentic = dev->info_authentic;
    vc->identity = dev->identified ? &dev->identity : NULL;
    vc->recorded_identity = (dev->part.flags & KNOWN_TO_HOST) != 0u ? dev->part.identity : NULL;
    vc->provisioned = (dev->part.flags & SF_PART_PROVISIONED) != 0u;
    vc->maker_key = dev->trust != NULL ? dev->trust->maker_key : NULL;
    vc->host_bindings = dev->host_bindings;
    vc->n_host_bindings = dev->n_host_bindings;
    return vc;
}

struct sf_vendor_ctx *sf_device_vendor_view(struct sf_device *dev)
{
    return dev != NULL ? view(dev) : NULL;
}

/* What a binding answered, with the common layer's bookkeeping: every
 * response that failed authentication or sequencing is counted here, for
 * every binding alike. */
static int counted(struct sf_device *dev, int rc)
{
    if (rc == SF_ERR_COMM) {
        dev->stats.comm_failures++;
    }
    return rc;
}

/* Close a session on the part and forget it here, whatever the part says. */
static void close_session(struct sf_device *dev, struct sf_session *s)
{
    (void)counted(dev, dev->vendor->session_close(view(dev), s));
    sf_session_end(s);
}

/* Discovery's description (GET_INFO): kept to be checked against the
 * authenticated one, never to decide anything. */
static int discover(struct sf_device *dev)
{
    int rc = counted(dev, dev->vendor->get_info(view(dev), &dev->info));
    if (rc == SF_OK) {
        rc = info_digest(&dev->info, dev->discovered);
    }
    dev->info_discovered = rc == SF_OK;
    return rc;
}

/* Evidence that the part is not what the host's record says, or that the
 * bus lies: the part gets nothing more until the host starts over with it
 * (sf_device_set_trust, at the next boot). */
static int tampered(struct sf_device *dev)
{
    sf_device_drop_sessions(dev);
    dev->info_authentic = false;
    dev->trust_status = SF_ERR_TAMPER;
    return SF_ERR_TAMPER;
}

static int save_part(struct sf_device *dev)
{
    const struct sf_trust_store *st = dev->trust->store;
    return st->save(st->ctx, dev->instance, &dev->part);
}

int sf_device_init(struct sf_device *dev, const struct etss_spi_driver *spi, sf_key_t huk,
                   uint8_t instance)
{
    return sf_device_init_with(dev, spi, huk, instance, NULL);
}

int sf_device_init_with(struct sf_device *dev, const struct etss_spi_driver *spi, sf_key_t huk,
                        uint8_t instance, const struct sf_vendor_ops *vendor)
{
    if (dev == NULL || spi == NULL || huk == SF_KEY_NONE) {
        return SF_ERR_PARAM;
    }
    memset(dev, 0, sizeof(*dev));
    dev->trust_status = SF_ERR_PARAM; /* until sf_device_set_trust passes */
    dev->spi = spi;
    dev->huk = huk;
    dev->instance = instance;
    int rc = sf_crypto_init();
    if (rc != SF_OK) {
        return rc;
    }
    rc = etss_nor_init(&dev->nor, spi);
    if (rc != SF_OK) {
        return rc;
    }
    dev->vendor = vendor;
    rc = vendor != NULL ? vendor->probe(view(dev)) : SF_ERR_NO_DEVICE;
    for (size_t i = 0; vendor == NULL && i < sf_vendor_binding_count && rc == SF_ERR_NO_DEVICE;
         i++) {
        dev->vendor = sf_vendor_bindings[i];
        rc = dev->vendor->probe(view(dev));
    }
    if (rc != SF_OK) {
        dev->vendor = NULL;
        return rc;
    }
    dev->features = dev->vendor_view.features; /* the claim, checked against the maker's */
    return discover(dev);
}

/* The checks of sf_device_set_trust, with dev->trust and dev->part set. */
static int check_part(struct sf_device *dev)
{
    bool known = (dev->part.flags & KNOWN_TO_HOST) != 0u;
    if (dev->vendor->identity != NULL) {
        const uint8_t *id = dev->identity.digest;
        int rc = dev->trust->maker_key != NULL ? dev->vendor->identity(view(dev), &dev->identity)
                                               : SF_ERR_PARAM;
        if (rc != SF_OK) {
            return rc;
        }
        /* Discovery's claims are only believed where the maker vouches
         * for them; a part other than the one this host provisioned is a
         * substitution. */
        if (dev->identity.features != dev->features ||
            (known && !sf_crypto_equal(id, dev->part.identity, SF_SHA256_LEN))) {
            return SF_ERR_TAMPER;
        }
        memcpy(dev->part.identity, id, SF_SHA256_LEN);
        dev->identified = true;
    }
    /* A part that claims to be blank after this host provisioned it. */
    if ((dev->part.flags & SF_PART_PROVISIONED) != 0u &&
        dev->info.lifecycle == SF_LIFECYCLE_BLANK) {
        return SF_ERR_TAMPER;
    }
    return SF_OK;
}

int sf_device_set_trust(struct sf_device *dev, const struct sf_trust *trust)
{
    if (dev == NULL || dev->vendor == NULL || trust == NULL || trust->store == NULL ||
        trust->store->load == NULL || trust->store->save == NULL) {
        return SF_ERR_PARAM;
    }
    sf_device_drop_sessions(dev);
    dev->trust = trust;
    dev->identified = false;
    dev->info_authentic = false;
    int rc = trust->store->load(trust->store->ctx, dev->instance, &dev->part);
    if (rc == SF_OK) {
        /* Discovery's description again, now that the binding can see the
         * record (a part that says nothing of itself is described by it). */
        rc = discover(dev);
    }
    if (rc == SF_OK) {
        rc = check_part(dev);
    }
    if (rc != SF_OK) {
        memset(&dev->part, 0, sizeof(dev->part));
        dev->identified = false;
    }
    dev->trust_status = rc;
    return rc;
}

bool sf_device_tampered(const struct sf_device *dev)
{
    return dev != NULL && dev->trust_status == SF_ERR_TAMPER;
}

bool sf_device_provisioned(const struct sf_device *dev)
{
    return dev != NULL && dev->trust_status == SF_OK &&
           (dev->part.flags & SF_PART_PROVISIONED) != 0u;
}

int sf_device_set_host_bindings(struct sf_device *dev, const struct sf_binding *bindings, size_t n)
{
    if (dev == NULL || (bindings == NULL && n != 0u) || n > SF_MAX_BINDINGS) {
        return SF_ERR_PARAM;
    }
    dev->host_bindings = bindings;
    dev->n_host_bindings = n;
    dev->info_authentic = false; /* the description changed: ask again */
    return SF_OK;
}

void sf_device_drop_sessions(struct sf_device *dev)
{
    for (size_t i = 0; i < SF_MAX_SESSIONS; i++) {
        sf_session_end(&dev->sessions[i]);
    }
}

void sf_device_deinit(struct sf_device *dev)
{
    if (dev == NULL || dev->vendor == NULL) {
        return;
    }
    for (size_t i = 0; i < SF_MAX_SESSIONS; i++) {
        if (dev->sessions[i].open) {
            close_session(dev, &dev->sessions[i]);
        }
    }
    sf_device_forget(dev);
}

void sf_device_forget(struct sf_device *dev)
{
    if (dev == NULL) {
        return;
    }
    sf_device_drop_sessions(dev);
    if (dev->vendor != NULL && dev->vendor->release != NULL) {
        dev->vendor->release(view(dev));
    }
}

int sf_device_get_info(struct sf_device *dev, struct sf_info *info)
{
    if (dev == NULL || dev->vendor == NULL || info == NULL) {
        return SF_ERR_PARAM;
    }
    return dev->vendor->get_info(view(dev), info);
}

static struct sf_session *find_session(struct sf_device *dev, uint8_t zone)
{
    for (size_t i = 0; i < SF_MAX_SESSIONS; i++) {
        if (dev->sessions[i].open && dev->sessions[i].zone == zone) {
            return &dev->sessions[i];
        }
    }
    return NULL;
}

static int open_with(struct sf_device *dev, struct sf_session *s, uint8_t zone,
                     const uint8_t salt[16])
{
    sf_key_t rk = SF_KEY_NONE;
    int rc = root_key(dev, zone, salt, &rk);
    if (rc == SF_OK) {
        rc = counted(dev, dev->vendor->session_open(view(dev), s, zone, rk));
    }
    sf_crypto_destroy(&rk);
    if (rc == SF_OK) {
        dev->stats.sessions_opened++;
    } else {
        sf_session_end(s); /* whatever the binding left of it */
    }
    return rc;
}

/*
 * Open a session with the keys the host's record says may be in force.
 * While a provisioning is pending the part holds either its new keys or
 * the old ones, and a session with one of them settles which, for good
 * (except while that provisioning is being sent).
 */
static int open_session(struct sf_device *dev, struct sf_session *s, uint8_t zone)
{
    struct sf_part_record *p = &dev->part;
    if (dev->trust_status != SF_OK) {
        return dev->trust_status; /* a part the host does not trust gets nothing */
    }
    if ((p->flags & KNOWN_TO_HOST) == 0u) {
        return SF_ERR_LIFECYCLE; /* no keys of ours on it: nothing to send */
    }
    int rc = SF_ERR_COMM;
    bool pending = (p->flags & SF_PART_PENDING) != 0u;
    if (pending) {
        rc = open_with(dev, s, zone, p->next_salt);
    }
    bool landed = pending && rc == SF_OK;
    if ((p->flags & SF_PART_PROVISIONED) != 0u && rc == SF_ERR_COMM) {
        rc = open_with(dev, s, zone, p->salt);
    }
    /* "Blank" from a part this host provisioned is a substitution or a lie
     * (a part really blank gets provisioned only through a new record). */
    if (rc == SF_ERR_LIFECYCLE && (p->flags & SF_PART_PROVISIONED) != 0u) {
        return tampered(dev);
    }
    if (rc == SF_OK && pending && (landed || !dev->provisioning)) {
        if (landed) {
            memcpy(p->salt, p->next_salt, SALT_LEN);
        }
        p->flags = SF_PART_PROVISIONED;
        sf_crypto_zeroize(p->next_salt, SALT_LEN);
        rc = save_part(dev);
        if (rc != SF_OK) {
            close_session(dev, s);
        }
    }
    return rc;
}

/* A slot for a new session: a free one, or the least recently used one,
 * closed first. */
static struct sf_session *free_slot(struct sf_device *dev)
{
    size_t oldest = 0;
    for (size_t i = 0; i < SF_MAX_SESSIONS; i++) {
        if (!dev->sessions[i].open) {
            return &dev->sessions[i];
        }
        if (dev->session_last_use[i] < dev->session_last_use[oldest]) {
            oldest = i;
        }
    }
    close_session(dev, &dev->sessions[oldest]);
    return &dev->sessions[oldest];
}

/* A session on `zone`, reused or opened; the first one also fetches the
 * authenticated description of the part. */
static int session_for(struct sf_device *dev, uint8_t zone, struct sf_session **out)
{
    struct sf_session *s = find_session(dev, zone);
    /* Leave the part's operation budget a margin: a session must never
     * expire under a command whose repetition is not harmless. */
    if (s != NULL && dev->info.session_max_ops != 0u &&
        s->sequence + 1u >= dev->info.session_max_ops) {
        close_session(dev, s);
        s = NULL;
    }
    if (s == NULL) {
        s = free_slot(dev);
        int rc = open_session(dev, s, zone);
        if (rc != SF_OK) {
            return rc;
        }
    }
    dev->session_last_use[s - dev->sessions] = ++dev->session_clock;
    if (!dev->info_authentic) {
        /* The description is replaced only by a whole, checked answer: a
         * failed one leaves the one before. */
        static struct sf_info info;
        int rc = counted(dev, dev->vendor->security_info(view(dev), s, &info));
        /* The maker's word and the part's own authenticated word must agree,
         * and so must what the part said in discovery: a difference is a bus
         * that lies. (A part without an identity, an RPMC, says nothing of
         * itself: its description is the host's record.) */
        if (rc == SF_OK && dev->identified && info.features != dev->identity.features) {
            rc = SF_ERR_TAMPER;
        }
        if (rc == SF_OK && dev->identified && dev->info_discovered) {
            uint8_t digest[SF_SHA256_LEN];
            rc = info_digest(&info, digest);
            rc = rc == SF_OK && !sf_crypto_equal(digest, dev->discovered, SF_SHA256_LEN)
                     ? SF_ERR_TAMPER
                     : rc;
        }
        if (rc == SF_ERR_TAMPER) {
            return tampered(dev);
        }
        if (rc != SF_OK) {
            return rc;
        }
        dev->info = info;
        dev->info_discovered = false;
        dev->info_authentic = true;
    }
    *out = s;
    return SF_OK;
}

enum request_kind {
    REQ_READ,
    REQ_READ_STRIDED,
    REQ_PROGRAM,
    REQ_ERASE,
    REQ_COUNTER_READ,
    REQ_COUNTER_INCREMENT,
    REQ_RANDOM,
    REQ_PUF,
    REQ_UID,
    REQ_SECURITY_INFO,
    REQ_LOCK,
    REQ_REPROVISION,
};

struct request {
    enum request_kind kind;
    uint32_t addr;
    uint32_t stride; /* REQ_READ_STRIDED: from run to run, and how many */
    uint32_t count;
    const void *in;
    size_t in_len;
    void *out;
    size_t out_size;
    size_t *out_len;
    uint8_t id;
    uint32_t *value;
    struct sf_info *info;
};

/* An operation a binding leaves out is one its parts do not have. */
#define CALL(op, ...) (v->op != NULL ? v->op(__VA_ARGS__) : SF_ERR_NOT_SUPPORTED)

static int dispatch(struct sf_device *dev, struct sf_session *s, const struct request *r)
{
    const struct sf_vendor_ops *v = dev->vendor;
    struct sf_vendor_ctx *vc = view(dev);
    switch (r->kind) {
    case REQ_READ:
        return CALL(read, vc, s, r->addr, r->out, r->out_size);
    case REQ_READ_STRIDED:
        return CALL(read_strided, vc, s, r->addr, r->stride, r->count, r->out, r->out_size);
    case REQ_PROGRAM:
        return CALL(program, vc, s, r->addr, r->in, r->in_len);
    case REQ_ERASE:
        return CALL(erase, vc, s, r->addr);
    case REQ_COUNTER_READ:
        return CALL(counter_read, vc, s, r->id, r->value);
    case REQ_COUNTER_INCREMENT:
        return CALL(counter_increment, vc, s, r->id, r->value);
    case REQ_RANDOM:
        return CALL(random, vc, s, r->out, r->out_size);
    case REQ_PUF:
        return CALL(puf, vc, s, r->in, r->in_len, r->out, r->out_size, r->out_len);
    case REQ_UID:
        return CALL(uid, vc, s, r->out, r->out_size, r->out_len);
    case REQ_SECURITY_INFO: {
        /* The caller's description changes only with a whole answer. */
        static struct sf_info info;
        int rc = v->security_info(vc, s, &info);
        if (rc == SF_OK) {
            *r->info = info;
        }
        return rc;
    }
    case REQ_LOCK:
        return CALL(lock, vc, s);
    case REQ_REPROVISION:
        return CALL(reprovision, vc, s, r->in, r->in_len);
    }
    return SF_ERR_PARAM;
}

/* Run a request in a session on `zone`; a failed session is replaced and,
 * when repeating the request is harmless, the request retried once. */
static int run(struct sf_device *dev, uint8_t zone, const struct request *r)
{
    if (dev == NULL || dev->vendor == NULL) {
        return SF_ERR_PARAM;
    }
    bool idempotent = r->kind != REQ_COUNTER_INCREMENT && r->kind != REQ_LOCK;
    int rc = SF_ERR_COMM;
    for (int attempt = 0; attempt < 2; attempt++) {
        struct sf_session *s = NULL;
        rc = session_for(dev, zone, &s);
        if (rc == SF_OK) {
            rc = counted(dev, dispatch(dev, s, r));
        }
        if (rc == SF_ERR_COMM && s != NULL) {
            sf_session_end(s); /* the part ends a session that failed, and so does the host */
        }
        if (rc != SF_ERR_COMM || (!idempotent && s != NULL)) {
            break;
        }
        if (attempt == 0) {
            dev->stats.retries++;
        }
    }
    return rc;
}

int sf_device_read(struct sf_device *dev, uint8_t zone, uint32_t addr, void *buf, size_t len)
{
    struct request r = {.kind = REQ_READ, .addr = addr, .out = buf, .out_size = len};
    return buf == NULL ? SF_ERR_PARAM : run(dev, zone, &r);
}

int sf_device_read_strided(struct sf_device *dev, uint8_t zone, uint32_t addr, uint32_t stride,
                           uint32_t count, void *buf, size_t len)
{
    if (buf == NULL || len == 0u || stride < len || count == 0u || len > SIZE_MAX / count) {
        return SF_ERR_PARAM;
    }
    if ((uint64_t)addr + (uint64_t)(count - 1u) * stride + len > (uint64_t)UINT32_MAX + 1u) {
        return SF_ERR_DENIED; /* past the end of any array: in no zone */
    }
    struct request r = {.kind = REQ_READ_STRIDED,
                        .addr = addr,
                        .stride = stride,
                        .count = count,
                        .out = buf,
                        .out_size = len};
    int rc = run(dev, zone, &r);
    if (rc != SF_ERR_NOT_SUPPORTED) {
        return rc;
    }
    /* Run by run, the last first: a range that leaves the zone is refused
     * before anything is read. */
    uint8_t *out = buf;
    uint32_t last = count - 1u;
    rc = sf_device_read(dev, zone, addr + last * stride, &out[(size_t)last * len], len);
    for (uint32_t i = 0; rc == SF_OK && i < last; i++) {
        rc = sf_device_read(dev, zone, addr + i * stride, &out[(size_t)i * len], len);
    }
    return rc;
}

int sf_device_program(struct sf_device *dev, uint8_t zone, uint32_t addr, const void *data,
                      size_t len)
{
    struct request r = {.kind = REQ_PROGRAM, .addr = addr, .in = data, .in_len = len};
    return data == NULL ? SF_ERR_PARAM : run(dev, zone, &r);
}

int sf_device_erase(struct sf_device *dev, uint8_t zone, uint32_t addr)
{
    struct request r = {.kind = REQ_ERASE, .addr = addr};
    return run(dev, zone, &r);
}

/* A counter never shows less than this host has seen of it: below its
 * floor, the part was rolled back or swapped, or the answer is forged. A
 * higher value raises the floor in trusted storage. */
static int above_floor(struct sf_device *dev, uint8_t id, int rc, const uint32_t *value)
{
    if (rc != SF_OK) {
        return rc;
    }
    if (id >= SF_MAX_COUNTERS) {
        return SF_ERR_DENIED; /* no part has such a counter, and none goes unchecked */
    }
    uint32_t *floor = &dev->part.counter_floor[id];
    if (*value < *floor) {
        return tampered(dev);
    }
    if (*value == *floor) {
        return SF_OK;
    }
    *floor = *value;
    return save_part(dev);
}

int sf_device_counter_read(struct sf_device *dev, uint8_t zone, uint8_t id, uint32_t *value)
{
    struct request r = {.kind = REQ_COUNTER_READ, .id = id, .value = value};
    return value == NULL ? SF_ERR_PARAM : above_floor(dev, id, run(dev, zone, &r), value);
}

int sf_device_counter_increment(struct sf_device *dev, uint8_t zone, uint8_t id, uint32_t *value)
{
    struct request r = {.kind = REQ_COUNTER_INCREMENT, .id = id, .value = value};
    return value == NULL ? SF_ERR_PARAM : above_floor(dev, id, run(dev, zone, &r), value);
}

int sf_device_random(struct sf_device *dev, uint8_t zone, void *buf, size_t len)
{
    struct request r = {.kind = REQ_RANDOM, .out = buf, .out_size = len};
    return buf == NULL ? SF_ERR_PARAM : run(dev, zone, &r);
}

int sf_device_puf(struct sf_device *dev, uint8_t zone, const uint8_t *challenge,
                  size_t challenge_len, uint8_t *out, size_t out_size, size_t *out_len)
{
    struct request r = {.kind = REQ_PUF,
                        .in = challenge,
                        .in_len = challenge_len,
                        .out = out,
                        .out_size = out_size,
                        .out_len = out_len};
    return challenge == NULL || out == NULL || out_len == NULL ? SF_ERR_PARAM : run(dev, zone, &r);
}

int sf_device_uid(struct sf_device *dev, uint8_t zone, uint8_t *out, size_t out_size,
                  size_t *out_len)
{
    struct request r = {.kind = REQ_UID, .out = out, .out_size = out_size, .out_len = out_len};
    return out == NULL || out_len == NULL ? SF_ERR_PARAM : run(dev, zone, &r);
}

int sf_device_security_info(struct sf_device *dev, uint8_t zone, struct sf_info *info)
{
    struct request r = {.kind = REQ_SECURITY_INFO, .info = info};
    return info == NULL ? SF_ERR_PARAM : run(dev, zone, &r);
}

/* The root keys of a provisioning with one salt (struct sf_root_keys). */
struct salted_keys {
    const struct sf_device *dev;
    const uint8_t *salt;
};

static int salted_key(const void *ctx, uint8_t zone, uint8_t out[SF_ROOT_KEY_LEN])
{
    const struct salted_keys *k = ctx;
    return sf_device_root_key_bytes(k->dev, zone, k->salt, out);
}

int sf_device_provision(struct sf_device *dev, const uint8_t *record, size_t len)
{
    /* The message must fit one frame on the wire. */
    static uint8_t sealed[SF_MAX_FRAME];
    size_t sealed_len = 0;
    if (dev == NULL || dev->vendor == NULL || record == NULL || len == 0u) {
        return SF_ERR_PARAM;
    }
    if (dev->trust_status != SF_OK) {
        return dev->trust_status; /* sf_device_set_trust first, and it must have passed */
    }
    if (dev->vendor->seal_provisioning == NULL || dev->vendor->provision == NULL) {
        return SF_ERR_NOT_SUPPORTED;
    }
    struct sf_part_record *p = &dev->part;
    /* A salt already pending (an attempt whose outcome is unknown) is used
     * again; otherwise a fresh one. */
    uint8_t new_salt[SALT_LEN];
    bool pending = (p->flags & SF_PART_PENDING) != 0u;
    int rc = SF_OK;
    if (pending) {
        memcpy(new_salt, p->next_salt, SALT_LEN);
    } else {
        rc = sf_crypto_random(new_salt, SALT_LEN);
    }
    const struct salted_keys salted = {.dev = dev, .salt = new_salt};
    const struct sf_root_keys keys = {.derive = salted_key, .ctx = &salted};
    if (rc == SF_OK) {
        rc = dev->vendor->seal_provisioning(view(dev), record, len, &keys, sealed, sizeof(sealed),
                                            &sealed_len);
    }
    /* The new keys' salt is in trusted storage before anything leaves, so
     * whatever the part does the host can still reach it. */
    if (rc == SF_OK && !pending) {
        memcpy(p->next_salt, new_salt, SALT_LEN);
        p->flags |= SF_PART_PENDING;
        rc = save_part(dev);
    }
    if (rc != SF_OK) {
        sf_crypto_zeroize(sealed, sizeof(sealed));
        sf_crypto_zeroize(new_salt, sizeof(new_salt));
        return rc; /* nothing was sent */
    }
    dev->provisioning = true;
    if ((p->flags & SF_PART_PROVISIONED) != 0u) {
        /* The host's own record, not the part's word, says it holds our
         * keys: only a session with them provisions it again. */
        struct request r = {.kind = REQ_REPROVISION, .in = sealed, .in_len = sealed_len};
        rc = run(dev, SF_ADMIN_ZONE, &r);
    } else {
        sf_device_drop_sessions(dev);
        rc = counted(dev, dev->vendor->provision(view(dev), sealed, sealed_len));
    }
    dev->provisioning = false;
    sf_crypto_zeroize(sealed, sizeof(sealed));
    /* Whatever the part answered (a plain answer proves nothing), its
     * sessions ended or may have, and only a session says which keys it
     * now holds and what it is. */
    sf_device_drop_sessions(dev);
    dev->info_authentic = false;
    (void)discover(dev);
    struct sf_info info;
    int settled = sf_device_security_info(dev, SF_ADMIN_ZONE, &info);
    bool landed = (p->flags & SF_PART_PENDING) == 0u && settled == SF_OK &&
                  sf_crypto_equal(p->salt, new_salt, SALT_LEN);
    sf_crypto_zeroize(new_salt, sizeof(new_salt));
    if (rc != SF_OK || landed) {
        return rc;
    }
    /* "Done", yet the part still holds the old keys: the answer was forged. */
    return settled == SF_OK ? tampered(dev) : settled;
}

int sf_device_lock(struct sf_device *dev, uint8_t zone)
{
    struct request r = {.kind = REQ_LOCK};
    return run(dev, zone, &r);
}
