/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Secure flash common layer: one device instance, driven through a vendor
 * binding (the vendor contract, sf_vendor.h), and the sessions open on
 * it. Discovery picks the vendor
 * binding from what the part announces in SFDP; the common layer opens
 * sessions on demand, reuses them, reopens them after a device reset, an
 * expiry or a communication failure, and dispatches every operation to
 * the vendor binding.
 */
#ifndef ETSS_SF_DEVICE_H
#define ETSS_SF_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nor_flash.h"
#include "sf_crypto.h"
#include "sf_vendor.h"
#include "spi_driver.h"

/* What the host keeps of each part in its own trusted storage, where the
 * bus cannot reach: the bus can make a part look blank, or swap it; this
 * record says what the host itself did. */
#define SF_PART_PROVISIONED 0x01u /* root keys from `salt` are in force */
#define SF_PART_PENDING 0x02u     /* a provisioning with `next_salt` was sent, outcome unknown */
#define SF_MAX_COUNTERS 16u       /* the most any part has (a JEDEC RPMC's 16) */
struct sf_part_record {
    uint8_t flags;
    uint8_t identity[SF_SHA256_LEN]; /* the part's identity digest (struct sf_identity) */
    uint8_t salt[16];
    uint8_t next_salt[16];
    uint32_t counter_floor[SF_MAX_COUNTERS]; /* the highest value each counter showed */
};

/* The board's trusted storage for part records (TF-M: Internal Trusted
 * Storage; a host: a file; the target images: RAM). load gives an all-zero
 * record for a part never seen. Both return SF_OK or an SF_ERR_ code. */
struct sf_trust_store {
    int (*load)(void *ctx, uint8_t instance, struct sf_part_record *rec);
    int (*save)(void *ctx, uint8_t instance, const struct sf_part_record *rec);
    void *ctx;
};

/* What the board trusts: its parts' maker and its own storage. */
struct sf_trust {
    const uint8_t *maker_key; /* SF_EC_PUBLIC_KEY_LEN bytes: signs part identities */
    const struct sf_trust_store *store;
};

/* The common layer's counts (bindings do not keep them). */
struct sf_device_stats {
    uint32_t sessions_opened;
    uint32_t comm_failures; /* SF_ERR_COMM answers of the binding: responses that failed
                             * authentication or sequencing */
    uint32_t retries;
};

struct sf_device {
    const struct etss_spi_driver *spi;
    struct nor_flash nor; /* geometry and plain access */
    const struct sf_vendor_ops *vendor;
    uint32_t features;    /* the binding's claim in probe, believed once the maker vouches */
    uint8_t instance;     /* tells root keys of several parts apart */
    sf_key_t huk;         /* the host's hardware unique key (HKDF secret) */
    struct sf_info info;  /* zones, policies, bindings of the part */
    bool info_authentic;  /* info came from SECURITY_INFO in a session */
    bool info_discovered; /* info came from GET_INFO, and ... */
    uint8_t discovered[SF_SHA256_LEN]; /* ... its digest, for the check against SECURITY_INFO */
    const struct sf_trust *trust;
    int trust_status; /* sf_device_set_trust's outcome, SF_ERR_TAMPER once the part is caught
                       * contradicting the record: nothing is sent unless SF_OK */
    struct sf_part_record part; /* this part's record in the trust store */
    struct sf_identity identity;
    bool identified;   /* identity holds the part's verified certificate */
    bool provisioning; /* a provisioning is being sent: its outcome is not known yet */
    struct sf_session sessions[SF_MAX_SESSIONS];
    uint32_t session_last_use[SF_MAX_SESSIONS]; /* session_clock at each one's last use */
    uint32_t session_clock;                     /* counts the uses of sessions */
    /* The client bindings of a part that keeps none itself (a counters-only
     * part): the host's configuration, given after discovery. */
    const struct sf_binding *host_bindings;
    size_t n_host_bindings;
    struct sf_vendor_ctx vendor_view; /* what the binding sees (sf_vendor.h) */
    union {
        uint64_t align;
        uint8_t bytes[SF_VENDOR_STATE_BYTES];
    } vendor_state;
    uint8_t frame[SF_MAX_FRAME];   /* one frame on the wire */
    uint8_t scratch[SF_MAX_FRAME]; /* its sealed or opened form */
    struct sf_device_stats stats;
};

/* The vendor bindings this build knows, tried in order by discovery. */
extern const struct sf_vendor_ops *const sf_vendor_bindings[];
extern const size_t sf_vendor_binding_count;

/*
 * Discover the part on `spi` (geometry from SFDP, then the first vendor
 * binding that recognises it). `huk` must stay valid while the device is
 * in use; `instance` tells several parts on one host apart.
 *   SF_OK
 *   SF_ERR_PARAM      dev or spi NULL, or no HUK
 *   SF_ERR_NO_DEVICE  no binding of this build recognises the part
 *   etss_nor_init's codes for a part the NOR driver cannot discover (the
 *   bus's failures, SF_ERR_NO_DEVICE, SFDP's), and the crypto service's
 */
int sf_device_init(struct sf_device *dev, const struct etss_spi_driver *spi, sf_key_t huk,
                   uint8_t instance);
/* The same with one given binding instead of discovery's table (a board
 * that knows its part; tests comparing bindings). */
int sf_device_init_with(struct sf_device *dev, const struct etss_spi_driver *spi, sf_key_t huk,
                        uint8_t instance, const struct sf_vendor_ops *vendor);
/* The client bindings of a part without a binding table of its own
 * (the table must stay valid while the device is in use). */
int sf_device_set_host_bindings(struct sf_device *dev, const struct sf_binding *bindings, size_t n);
/*
 * What the board trusts (kept by pointer; must stay valid). Loads the
 * part's record and checks the part against it: its certificate, the
 * features its SFDP table claims against the certified ones, and a claim
 * to be blank against the host's own knowledge. SF_ERR_TAMPER when the
 * part is not the one the record names or the bus lies about it.
 */
int sf_device_set_trust(struct sf_device *dev, const struct sf_trust *trust);
/* Did this host provision the part (by its own record, not the part's word)? */
bool sf_device_provisioned(const struct sf_device *dev);
/* Was the part caught contradicting the host's record (SF_ERR_TAMPER, until
 * sf_device_set_trust starts over with it)? */
bool sf_device_tampered(const struct sf_device *dev);
/* Close every session (the part forgets them too) and free what the
 * binding holds. */
void sf_device_deinit(struct sf_device *dev);
/* Forget every session without talking to the part (after its reset). */
void sf_device_drop_sessions(struct sf_device *dev);
/* Forget the part without talking to it (it may be gone, or the host is
 * starting again): its sessions and what the binding holds. */
void sf_device_forget(struct sf_device *dev);

/* The root key of a zone of a provisioning with `salt`: HKDF of the HUK,
 * bound to the host instance, the zone, the part's identity and the salt. */
int sf_device_root_key_bytes(const struct sf_device *dev, uint8_t zone, const uint8_t salt[16],
                             uint8_t out[32]);

/* Plain (session-less) requests. */
int sf_device_get_info(struct sf_device *dev, struct sf_info *info);
/*
 * Provision the part with `record` (in its binding's format, e.g. SFP1's
 * provisioning record): the binding writes in each zone's root key, derived
 * here under a fresh salt, and seals the message to the part's identity
 * (sf_vendor_ops' seal_provisioning); the salt is kept in the trust store
 * before anything is sent. A part this host provisioned is provisioned
 * again in a session on SF_ADMIN_ZONE. Whatever the part answers, its
 * description is read again afterwards.
 */
int sf_device_provision(struct sf_device *dev, const uint8_t *record, size_t len);

/* Requests in a session on `zone`, opened or reused on demand; retried
 * once on a fresh session after a communication failure when repeating
 * them is harmless. */
int sf_device_read(struct sf_device *dev, uint8_t zone, uint32_t addr, void *buf, size_t len);
/* `count` runs of `len` bytes, run i from addr + i x stride, into `buf`
 * back to back (count x len bytes, at most the binding's max_read), in one
 * exchange where the binding and the part can, else run by run, the last
 * first (either way a range that leaves the zone reads nothing).
 * SF_ERR_PARAM: buf NULL, len or count 0, a stride below len. */
int sf_device_read_strided(struct sf_device *dev, uint8_t zone, uint32_t addr, uint32_t stride,
                           uint32_t count, void *buf, size_t len);
int sf_device_program(struct sf_device *dev, uint8_t zone, uint32_t addr, const void *data,
                      size_t len);
int sf_device_erase(struct sf_device *dev, uint8_t zone, uint32_t addr);
/* Counter answers are checked against the floor the host keeps for each
 * counter (SF_ERR_TAMPER below it), and a higher value raises it. */
int sf_device_counter_read(struct sf_device *dev, uint8_t zone, uint8_t id, uint32_t *value);
/* Not retried: an increment whose answer was lost may have happened. */
int sf_device_counter_increment(struct sf_device *dev, uint8_t zone, uint8_t id, uint32_t *value);
int sf_device_random(struct sf_device *dev, uint8_t zone, void *buf, size_t len);
int sf_device_puf(struct sf_device *dev, uint8_t zone, const uint8_t *challenge,
                  size_t challenge_len, uint8_t *out, size_t out_size, size_t *out_len);
int sf_device_uid(struct sf_device *dev, uint8_t zone, uint8_t *out, size_t out_size,
                  size_t *out_len);
int sf_device_security_info(struct sf_device *dev, uint8_t zone, struct sf_info *info);
int sf_device_lock(struct sf_device *dev, uint8_t zone);

#endif /* ETSS_SF_DEVICE_H */
