/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A JEDEC JESD261-style serial NOR security HAL (docs/jesd261.md): the
 * manufacturer-neutral calls (secure init / uninit, create and terminate
 * session, secure program, erase, read and copy, get region info, manage
 * region) carried out by a vendor's sub-steps around one common flow:
 *
 *   pre_operation -> packet_build -> (HAL sends the packet) ->
 *   post_operation -> response_parse -> end_operation
 *
 * with every key and tag through the crypto interface (sf_crypto). ETSS's
 * device services (counters, random numbers, PUF, UID) are extensions over
 * the same flow. Regions are the part's zones.
 *
 * What the HAL holds every vendor to, against the known weaknesses of
 * public JESD261 code: a session exists only after both ends proved the
 * region's key (create, then confirm); separate keys for each direction
 * and for the proofs (the vendor's key schedule); every response parsed
 * and checked before it is used, and never more written than the caller's
 * array holds (checked again here after the vendor's parse).
 */
#ifndef ETSS_JESD261_HAL_H
#define ETSS_JESD261_HAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sf_vendor.h"

/* Largest data chunk of one read, program or random request. */
#define JESD261_MAX_DATA 256u
/* Largest proof the host sends to confirm a session. */
#define JESD261_MAX_PROOF 64u
/* Room for a vendor's own state while one operation runs: in the device
 * (static memory), not on the partition's stack. */
#define JESD261_VENDOR_SCRATCH 384u
/* Room for a vendor's state from secure init on (its opcodes): what the
 * vendor's steps see as vc->state. */
#define JESD261_VENDOR_STATE 8u

enum jesd261_op_type {
    JESD261_OP_GET_REGION_INFO, /* plain, or in a session (authenticated) */
    JESD261_OP_GET_IDENTITY,    /* plain: the part's certified identity */
    JESD261_OP_CREATE_SESSION,  /* the part proves the region's key; out: the host's proof */
    JESD261_OP_CONFIRM_SESSION, /* in: the host's proof */
    JESD261_OP_TERMINATE_SESSION,
    JESD261_OP_SECURE_READ,
    JESD261_OP_SECURE_PROGRAM,
    JESD261_OP_SECURE_ERASE,
    JESD261_OP_PROVISION_REGIONS,   /* manage region: a blank part, plain */
    JESD261_OP_REPROVISION_REGIONS, /* manage region: in an admin-region session */
    JESD261_OP_LOCK_REGIONS,        /* manage region: in an admin-region session */
    /* Extensions: ETSS's device services. */
    JESD261_OP_COUNTER_READ,
    JESD261_OP_COUNTER_INCREMENT,
    JESD261_OP_RANDOM,
    JESD261_OP_PUF,
    JESD261_OP_UID,
};

/* One operation as the vendor sub-steps see it. */
struct jesd261_op {
    enum jesd261_op_type type;
    struct sf_session *session; /* NULL: outside a session */
    uint8_t region;             /* create session */
    sf_key_t root_key;          /* create session: the region's root key */
    uint32_t addr;
    uint8_t counter;
    const uint8_t *in; /* data to the part */
    size_t in_len;
    uint8_t *out; /* data from the part: at most out_size bytes */
    size_t out_size;
    size_t out_len;
    uint32_t value;       /* a counter's value */
    struct sf_info *info; /* region info */
    struct sf_identity *identity;
    /* The vendor's state for this operation: JESD261_VENDOR_SCRATCH bytes,
     * 8-byte aligned, set by the HAL. */
    void *vendor;
};

/* A vendor's sub-steps. Every step is required. */
struct jesd261_vendor_steps {
    const char *name;
    /* Secure init: does the part on vc->spi speak this vendor's protocol?
     * Fills vc->features and its own state (vc->state, JESD261_VENDOR_STATE
     * bytes, which every later step sees); SF_ERR_NO_DEVICE if not. */
    int (*detect)(struct sf_vendor_ctx *vc);
    /* Checks the operation's arguments and the session, waits for the part. */
    int (*pre_operation)(struct sf_vendor_ctx *vc, struct jesd261_op *op);
    /* The packet to send (in vc->frame) and the opcode that carries it. */
    int (*packet_build)(struct sf_vendor_ctx *vc, struct jesd261_op *op, uint8_t *opcode,
                        size_t *len);
    /* Waits for the part to finish and reads its response. */
    int (*post_operation)(struct sf_vendor_ctx *vc, struct jesd261_op *op);
    /* Checks the response (authenticity, freshness, status, lengths) and
     * decodes it into the operation's outputs. */
    int (*response_parse)(struct sf_vendor_ctx *vc, struct jesd261_op *op);
    /* Winds the operation up whatever happened (wipes, a failed session
     * ended); returns the operation's status. */
    int (*end_operation)(struct sf_vendor_ctx *vc, struct jesd261_op *op, int rc);
    /* The vendor's provisioning message (sf_vendor_ops' seal_provisioning). */
    int (*seal_provisioning)(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len,
                             const struct sf_root_keys *keys, uint8_t *out, size_t out_size,
                             size_t *out_len);
    /* Largest data chunk of one operation (at least JESD261_MAX_DATA). */
    size_t max_data;
};

/* Find the part's vendor among `vendors` (tried in order: the first whose
 * detect recognises the part) and start the HAL on it. */
int jesd261_secure_init(struct sf_vendor_ctx *vc, const struct jesd261_vendor_steps *const *vendors,
                        size_t n_vendors);
void jesd261_secure_uninit(struct sf_vendor_ctx *vc);

/* The provisioning message in the format of the part's vendor. */
int jesd261_seal_provisioning(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len,
                              const struct sf_root_keys *keys, uint8_t *out, size_t out_size,
                              size_t *out_len);

int jesd261_create_session(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t region,
                           sf_key_t root_key);
/* Ends the session on the part and here, whatever the part answers. */
int jesd261_terminate_session(struct sf_vendor_ctx *vc, struct sf_session *s);

int jesd261_secure_read(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr, uint8_t *buf,
                        size_t len);
int jesd261_secure_program(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr,
                           const uint8_t *data, size_t len);
int jesd261_secure_erase(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr);
/* Copies `len` bytes within the session's region (read, then program,
 * chunk by chunk); the destination must be erased. */
int jesd261_secure_copy(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t src, uint32_t dst,
                        size_t len);

/* s NULL: the part's plain description; else the authenticated one. */
int jesd261_get_region_info(struct sf_vendor_ctx *vc, struct sf_session *s, struct sf_info *info);

/* The part's identity, its certificate checked (SF_ERR_TAMPER if forged). */
int jesd261_get_identity(struct sf_vendor_ctx *vc, struct sf_identity *id);

enum jesd261_region_action {
    JESD261_REGIONS_PROVISION,   /* s NULL: a blank part; record sealed to its identity */
    JESD261_REGIONS_REPROVISION, /* s on the admin region; record sealed to its identity */
    JESD261_REGIONS_LOCK,        /* s on the admin region: no record */
};
int jesd261_manage_region(struct sf_vendor_ctx *vc, struct sf_session *s,
                          enum jesd261_region_action action, const uint8_t *record, size_t len);

/* Extensions. */
int jesd261_counter(struct sf_vendor_ctx *vc, struct sf_session *s, bool increment, uint8_t id,
                    uint32_t *value);
int jesd261_random(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t *buf, size_t len);
int jesd261_puf(struct sf_vendor_ctx *vc, struct sf_session *s, const uint8_t *challenge,
                size_t challenge_len, uint8_t *out, size_t out_size, size_t *out_len);
int jesd261_uid(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t *out, size_t out_size,
                size_t *out_len);

#endif /* ETSS_JESD261_HAL_H */
