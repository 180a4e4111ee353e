/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vendor contract: what the common layer and a vendor binding share.
 * A part's description (zones, bindings, lifecycle, features), its
 * identity, a session, the view of a device a binding gets, and the
 * operations it implements (struct sf_vendor_ops); the status codes are
 * the framework's (sf_status.h). A binding
 * includes this and the layers below it (crypto, NOR driver, transport).
 */
#ifndef ETSS_SF_VENDOR_H
#define ETSS_SF_VENDOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nor_flash.h"
#include "sf_crypto.h"
#include "sf_status.h"
#include "spi_driver.h"

#define SF_MAX_ZONES 8u
#define SF_MAX_BINDINGS 16u
#define SF_MAX_SESSIONS 4u
#define SF_MAX_FRAME 2092u /* the largest frame a binding may use: 2 KiB of data and more */

/* Features a part may offer (discovered, never assumed). */
#define SF_FEATURE_ZONES 0x01u
#define SF_FEATURE_COUNTERS 0x02u
#define SF_FEATURE_TRNG 0x04u
#define SF_FEATURE_PUF 0x08u
#define SF_FEATURE_UID 0x10u
#define SF_FEATURE_CONFIDENTIALITY 0x20u
#define SF_FEATURE_AUTHENTICATION 0x40u

/* Lifecycle of a part, as every vendor binding reports it. */
#define SF_LIFECYCLE_BLANK 0u       /* no zones yet: takes provisioning only */
#define SF_LIFECYCLE_PROVISIONED 1u /* developer mode: may be provisioned again */
#define SF_LIFECYCLE_LOCKED 2u      /* production: provisioning frozen */

/* A zone's read policy under which every read comes back encrypted. */
#define SF_READ_ENCRYPTED 2u

/* A zone's write policy that forbids every write. */
#define SF_WRITE_READ_ONLY 2u

/* The zone whose session may lock the part or provision it again. */
#define SF_ADMIN_ZONE 0u

struct sf_zone {
    uint32_t base;
    uint32_t size;
    uint8_t read_policy;
    uint8_t write_policy;
};

struct sf_binding {
    int32_t client_id;
    uint8_t zone;
    uint8_t key_id;
    uint8_t counter;
};

struct sf_info {
    uint8_t lifecycle;
    uint32_t features; /* SF_FEATURE_*: believed only from an authenticated answer */
    uint8_t n_zones;
    uint8_t n_bindings;
    uint8_t n_counters;
    uint8_t max_sessions;
    uint8_t lockout_threshold;
    uint8_t failure_count;
    uint32_t session_max_ops;
    struct sf_zone zones[SF_MAX_ZONES];
    struct sf_binding bindings[SF_MAX_BINDINGS];
};

/* A part's identity: its key pair's public half and its device class,
 * certified by its maker (the vendor binding checks the signature). */
struct sf_identity {
    uint8_t digest[SF_SHA256_LEN]; /* SHA-256 of the certified body: names the part */
    uint8_t public_key[SF_EC_PUBLIC_KEY_LEN];
    uint8_t uid[16];
    uint32_t features; /* SF_FEATURE_*, as the maker certified them */
};

struct sf_session {
    bool open;
    uint8_t zone;
    uint8_t id;
    uint32_t sequence; /* last command sent */
    sf_key_t command_key;
    sf_key_t response_key;
};

/* Room in a device for its vendor binding's own state (a driver context). */
#define SF_VENDOR_STATE_BYTES 400u

/*
 * What a vendor binding sees of one device: the narrow view the common
 * layer hands every operation. The binding uses the bus, the NOR driver,
 * the two frame buffers and its own state; it writes `features` in probe
 * and nothing else of the view. The rest is the common layer's, refreshed
 * before every call and read only here.
 */
struct sf_vendor_ctx {
    const struct etss_spi_driver *spi; /* the part's bus */
    struct nor_flash *nor;             /* plain array access, geometry from SFDP */
    uint8_t *frame;                    /* SF_MAX_FRAME bytes: one frame on the wire */
    uint8_t *scratch;                  /* SF_MAX_FRAME bytes: its sealed or opened form */
    void *state;                       /* SF_VENDOR_STATE_BYTES, 8-byte aligned: the binding's */
    sf_key_t huk;                      /* the host's hardware unique key */
    uint8_t instance;                  /* tells several parts on one host apart */
    uint32_t features;                 /* probe's claim, SF_FEATURE_*; checked above */
    /* Established by the common layer. */
    const struct sf_info *info;         /* the part's description... */
    bool info_authentic;                /* ...from SECURITY_INFO in a session */
    const struct sf_identity *identity; /* the part's verified identity, or NULL */
    const uint8_t *recorded_identity;   /* the identity digest the host's record names, or NULL */
    bool provisioned;                   /* by the host's record: root keys in force */
    const uint8_t *maker_key;           /* SF_EC_PUBLIC_KEY_LEN bytes the board trusts, or NULL */
    const struct sf_binding *host_bindings; /* a counters-only part's client bindings */
    size_t n_host_bindings;
};

/* The root keys a provisioning installs, derived by the common layer from
 * the HUK: derive(ctx, zone, out) writes the zone's key. */
#define SF_ROOT_KEY_LEN 32u
struct sf_root_keys {
    int (*derive)(const void *ctx, uint8_t zone, uint8_t out[SF_ROOT_KEY_LEN]);
    const void *ctx;
};

/* A vendor binding: how to talk to one kind of secure flash
 * (docs/vendor-binding.md). probe, get_info, seal_provisioning, provision,
 * session_open/close and security_info are required; an operation the part
 * does not have may be left NULL (the common layer answers
 * SF_ERR_NOT_SUPPORTED).
 *
 * Every operation returns SF_OK or an SF_ERR_ code. The common layer calls
 * it with a device the binding probed, pointers it checked are not NULL and,
 * in a session, an open session on a zone of the part's description. An
 * answer that fails authentication, freshness or sequencing is SF_ERR_COMM:
 * the common layer then ends the session and retries once, on a new one,
 * every operation but counter_increment and lock, which it never sends
 * twice. A binding ends a session that failed (sf_session_end), writes no
 * more than the caller's sizes, and leaves the caller's outputs as they
 * were when it refuses an answer. */
struct sf_vendor_ops {
    const char *name;
    /* Does the part on vc->spi speak this protocol? Fills vc->features. */
    int (*probe)(struct sf_vendor_ctx *vc);
    int (*get_info)(struct sf_vendor_ctx *vc, struct sf_info *info);
    /* The part's identity, its certificate checked against the board's
     * maker key, vc->maker_key (SF_ERR_TAMPER if it does not verify); a certificate whose
     * digest is vc->recorded_identity was checked when first recorded. */
    int (*identity)(struct sf_vendor_ctx *vc, struct sf_identity *id);
    /* Required with provision: the message that provisions the part, from
     * `record` (the binding's own format: no layer above reads it), with
     * the root keys of `keys` written in and, for a part with an identity,
     * sealed to it (vc->identity). Into `out` (`out_size` bytes), its
     * length in *out_len. SF_ERR_PARAM for a record too large for `out`;
     * whether the record is valid is the part's to say. Nothing is sent. */
    int (*seal_provisioning)(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len,
                             const struct sf_root_keys *keys, uint8_t *out, size_t out_size,
                             size_t *out_len);
    /* Provision a blank part with the message seal_provisioning made. */
    int (*provision)(struct sf_vendor_ctx *vc, const uint8_t *message, size_t len);
    /* Provision a provisioned part again, in a session on SF_ADMIN_ZONE. */
    int (*reprovision)(struct sf_vendor_ctx *vc, struct sf_session *s, const uint8_t *record,
                       size_t len);
    int (*session_open)(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t zone,
                        sf_key_t root_key);
    int (*session_close)(struct sf_vendor_ctx *vc, struct sf_session *s);
    int (*read)(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr, void *buf,
                size_t len);
    /* Optional: `count` runs of `len` bytes in one exchange, run i from
     * addr + i x stride (stride >= len), into `buf` back to back; at most
     * max_read bytes in all. SF_ERR_NOT_SUPPORTED, with nothing sent, from
     * a part without it: the common layer then reads run by run. */
    int (*read_strided)(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr,
                        uint32_t stride, uint32_t count, void *buf, size_t len);
    int (*program)(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr, const void *data,
                   size_t len);
    int (*erase)(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr);
    int (*counter_read)(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t id,
                        uint32_t *value);
    int (*counter_increment)(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t id,
                             uint32_t *value);
    int (*random)(struct sf_vendor_ctx *vc, struct sf_session *s, void *buf, size_t len);
    int (*puf)(struct sf_vendor_ctx *vc, struct sf_session *s, const uint8_t *challenge,
               size_t challenge_len, uint8_t *out, size_t out_size, size_t *out_len);
    int (*uid)(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t *out, size_t out_size,
               size_t *out_len);
    int (*security_info)(struct sf_vendor_ctx *vc, struct sf_session *s, struct sf_info *info);
    int (*lock)(struct sf_vendor_ctx *vc, struct sf_session *s);
    /* Optional: forget the part, freeing what the binding holds (key slots). */
    void (*release)(struct sf_vendor_ctx *vc);
    /* Largest data chunk of one random request, and of a read or program
     * unless the fields below say more. */
    size_t max_data;
    /* Largest data chunk of one read request; 0: max_data. */
    size_t max_read;
    /* Largest data chunk of one program request, which may then cross
     * pages (the part programs them in order); 0: max_data, within a page. */
    size_t max_program;
};

/* Forget one session: destroy its keys and clear it (bindings call this
 * when a session fails, since the part ends it too). */
void sf_session_end(struct sf_session *s);

#endif /* ETSS_SF_VENDOR_H */
