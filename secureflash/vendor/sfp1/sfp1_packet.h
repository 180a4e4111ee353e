/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SFP1's packet builder and response parser (docs/secure-flash-protocol.md),
 * shared by the two host bindings of an SFP1 part: the direct vendor
 * binding (sfp1_host.c) and the sub-steps under the JESD261 HAL
 * (sfp1_jesd261.c). One exchange is: begin (session and sequence checks),
 * wait until the part is ready, build and send the command frame, receive
 * the response (header checks, then the rest), parse it (authenticate,
 * open, status, copy out), end (wipe; a failed session is ended).
 */
#ifndef ETSS_SFP1_PACKET_H
#define ETSS_SFP1_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sf_vendor.h"
#include "sfp1_protocol.h"

/* One command and what it expects of its response. */
struct sfp1_exchange {
    uint8_t command;
    struct sf_session *session; /* NULL: a plain command */
    bool plain_in_session;      /* CONFIRM: a plain command answered in the session */
    bool encrypt;               /* seal the payload (session commands) */
    const uint8_t *payload;
    size_t payload_len;
    bool response_encrypted; /* the response must carry ENC */
    uint8_t *response;       /* the response payload lands here */
    size_t response_size;    /* a session command's response has exactly this length... */
    bool variable_length;    /* ...unless it may be shorter (info) */
    /* Filled in by the steps. */
    uint32_t sequence;
    size_t frame_len;         /* the command frame's length, then the response's */
    size_t frame_used;        /* bytes of vc->frame to wipe at the end */
    size_t response_len;      /* the response payload's length */
    uint8_t response_session; /* session id the response carried */
};

/* What SFP1 keeps of a part, in vc->state: the opcodes its SFDP table
 * names for frames to the part and responses from it, and the frame
 * timing it announces there. */
struct sfp1_state {
    uint8_t write_opcode;
    uint8_t read_opcode;
    uint8_t frame_us;   /* a frame's typical processing time (0: not announced) */
    uint8_t per_256_us; /* and what 256 bytes of it add */
    bool strided;       /* it takes READ_STRIDED (SFDP protocol version 3) */
};

/* The part's SFP1 SFDP table: the opcodes and frame timing into
 * vc->state, the features into vc->features. */
int sfp1_packet_probe(struct sf_vendor_ctx *vc);

/* Checks the session and takes the next sequence number. */
int sfp1_packet_begin(struct sfp1_exchange *x);
/* Waits until the part is not busy (it ignores a frame while busy). */
int sfp1_packet_wait_ready(struct sf_vendor_ctx *vc);
/* The command frame, sealed as the exchange says, in vc->frame. */
int sfp1_packet_build(struct sf_vendor_ctx *vc, struct sfp1_exchange *x);
/* What probe found (the opcodes that carry frames each way). */
const struct sfp1_state *sfp1_packet_state(const struct sf_vendor_ctx *vc);
/* Sends vc->frame with the part's secure-write opcode. */
int sfp1_packet_send(struct sf_vendor_ctx *vc, const struct sfp1_exchange *x);
/* Waits for the part, then reads the response header, checks it, and
 * reads the rest into vc->frame. */
int sfp1_packet_receive(struct sf_vendor_ctx *vc, struct sfp1_exchange *x);
/* Authenticates (and opens) the response, maps its status, copies the
 * payload to x->response. */
int sfp1_packet_parse(struct sf_vendor_ctx *vc, struct sfp1_exchange *x);
/* Wipes the frame; on a failure that desynchronises a session, ends it
 * (the part ends it too). Returns rc. */
int sfp1_packet_end(struct sf_vendor_ctx *vc, struct sfp1_exchange *x, int rc);

/* The OPEN request for `zone`: zone || a fresh host nonce Nh. */
#define SFP1_OPEN_REQUEST_LEN (1u + SFP1_NONCE_BYTES)
int sfp1_packet_open_request(uint8_t zone, uint8_t request[SFP1_OPEN_REQUEST_LEN]);
/* From OPEN's request and response: the session keys into `s` (open for
 * CONFIRM), the part's proof checked, and the host's proof for CONFIRM.
 * SF_ERR_COMM: a malformed answer, or a part without the zone's key. */
int sfp1_packet_session_keys(struct sf_session *s, sf_key_t root_key,
                             const uint8_t request[SFP1_OPEN_REQUEST_LEN], const uint8_t *response,
                             size_t response_len, uint8_t response_session,
                             uint8_t proof[SFP1_PROOF_LEN]);

/* Decodes a GET_INFO / SECURITY_INFO payload, range-checked. */
int sfp1_packet_parse_info(const uint8_t *p, size_t len, struct sf_info *info);

/* The provisioning record (SFP1's format, sfp1_protocol.h) with every zone's
 * root key written in, sealed to the part's identity key (sf_vendor_ops'
 * seal_provisioning). */
int sfp1_packet_seal_provisioning(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len,
                                  const struct sf_root_keys *keys, uint8_t *out, size_t out_size,
                                  size_t *out_len);

/* Decodes a GET_CERT payload and checks its signature against the maker
 * key the board trusts (vc->trust): SF_ERR_TAMPER if it fails. */
int sfp1_packet_parse_cert(const struct sf_vendor_ctx *vc, const uint8_t *p, size_t len,
                           struct sf_identity *id);

/* Reads of a confidential zone come back sealed (the common layer learns
 * the policies from the authenticated SECURITY_INFO before any read). */
bool sfp1_zone_confidential(const struct sf_vendor_ctx *vc, const struct sf_session *s);
/* The part can encrypt (its certified features, which discovery's must
 * match): PUF values and random numbers go sealed. */
bool sfp1_part_confidential(const struct sf_vendor_ctx *vc);
/* PROGRAM data is sealed whenever the part can open it, and always for a
 * zone whose authenticated read policy is ENCRYPTED (a part that then
 * cannot open it refuses: fail closed). */
bool sfp1_seal_program(const struct sf_vendor_ctx *vc, const struct sf_session *s);

#endif /* ETSS_SFP1_PACKET_H */
