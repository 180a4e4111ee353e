/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SFP1's packet builder and response parser: every frame the host sends
 * and every check a response must pass before a byte of it is believed
 * (docs/secure-flash-protocol.md, sections 3, 5 and 7).
 */
#include <string.h>

#include "etss_bytes.h"
#include "nor_flash.h"
#include "sfdp.h"
#include "sfp1_packet.h"

/* How long a frame may keep the part busy before it counts as dead. */
#define FRAME_TIMEOUT_US 2000000u

static void make_nonce(uint8_t nonce[SFP1_NONCE_LEN], uint8_t direction, uint8_t sid,
                       uint32_t sequence)
{
    memset(nonce, 0, SFP1_NONCE_LEN);
    nonce[0] = direction;
    nonce[1] = sid;
    etss_put_be32(&nonce[8], sequence);
}

static int status_to_sf(uint8_t status)
{
    switch (status) {
    case SFP1_OK:
        return SF_OK;
    case SFP1_MALFORMED:
        return SF_ERR_MALFORMED;
    case SFP1_AUTH_FAILED:
        return SF_ERR_AUTH;
    case SFP1_ZONE_VIOLATION:
    case SFP1_POLICY:
        return SF_ERR_DENIED;
    case SFP1_LIFECYCLE:
        return SF_ERR_LIFECYCLE;
    case SFP1_LOCKED_OUT:
        return SF_ERR_LOCKED_OUT;
    case SFP1_COUNTER_LIMIT:
        return SF_ERR_COUNTER_LIMIT;
    case SFP1_INTERNAL_ERROR:
        return SF_ERR_DEVICE;
    case SFP1_UNSUPPORTED:
        return SF_ERR_NOT_SUPPORTED;
    case SFP1_FLASH_FAILURE:
        return SF_ERR_FLASH;
    default:
        /* STALE_SEQUENCE, NO_SESSION or an unknown code: our session is gone. */
        return SF_ERR_COMM;
    }
}

/* SFP1's feature bits (SFDP, certificate, info) as the common layer's. */
static uint32_t features_of(uint32_t f)
{
    return ((f & SFP1_FEATURE_ZONES) != 0u ? SF_FEATURE_ZONES : 0u) |
           ((f & SFP1_FEATURE_COUNTERS) != 0u ? SF_FEATURE_COUNTERS : 0u) |
           ((f & SFP1_FEATURE_TRNG) != 0u ? SF_FEATURE_TRNG : 0u) |
           ((f & SFP1_FEATURE_PUF) != 0u ? SF_FEATURE_PUF : 0u) |
           ((f & SFP1_FEATURE_UID) != 0u ? SF_FEATURE_UID : 0u) |
           ((f & SFP1_FEATURE_CONFIDENTIALITY) != 0u ? SF_FEATURE_CONFIDENTIALITY : 0u) |
           ((f & SFP1_FEATURE_AUTHENTICATION) != 0u ? SF_FEATURE_AUTHENTICATION : 0u);
}

static struct sfp1_state *state_of(const struct sf_vendor_ctx *vc)
{
    return (struct sfp1_state *)vc->state;
}

int sfp1_packet_probe(struct sf_vendor_ctx *vc)
{
    struct sfdp_table_ref ref;
    uint32_t dw[SFP1_SFDP_DWORDS];
    size_t n = 0;
    int rc = etss_sfdp_find_table(vc->spi, SFP1_SFDP_ID, &ref);
    if (rc == SF_OK) {
        rc = etss_sfdp_read_table(vc->spi, &ref, dw, SFP1_SFDP_DWORDS, &n);
    }
    if (sf_bus_failed(rc)) {
        return rc;
    }
    if (rc != SF_OK || n < SFP1_SFDP_DWORDS || dw[0] != SFP1_SFDP_SIGNATURE ||
        ((dw[1] & 0xFFu) != SFP1_VERSION && (dw[1] & 0xFFu) != SFP1_SFDP_STRIDED_VERSION) ||
        (dw[3] & 0xFFu) != SFP1_AEAD_AES128_GCM || ((dw[3] >> 8) & 0xFFu) != SFP1_KDF_HKDF_SHA256 ||
        ((dw[2] >> 24) * 16u) < SFP1_MAX_PAYLOAD) {
        return SF_ERR_NO_DEVICE;
    }
    state_of(vc)->write_opcode = (uint8_t)(dw[1] >> 8);
    state_of(vc)->read_opcode = (uint8_t)(dw[1] >> 16);
    state_of(vc)->frame_us = (uint8_t)(dw[3] >> SFP1_SFDP_FRAME_US_SHIFT);
    state_of(vc)->per_256_us = (uint8_t)(dw[3] >> SFP1_SFDP_PER_256_US_SHIFT);
    state_of(vc)->strided = (dw[1] & 0xFFu) == SFP1_SFDP_STRIDED_VERSION;
    vc->features = features_of(dw[1] >> 24);
    return SF_OK;
}

bool sfp1_part_confidential(const struct sf_vendor_ctx *vc)
{
    return (vc->features & SF_FEATURE_CONFIDENTIALITY) != 0u;
}

bool sfp1_zone_confidential(const struct sf_vendor_ctx *vc, const struct sf_session *s)
{
    return vc->info_authentic && s->zone < vc->info->n_zones &&
           vc->info->zones[s->zone].read_policy == SFP1_READ_ENCRYPTED;
}

bool sfp1_seal_program(const struct sf_vendor_ctx *vc, const struct sf_session *s)
{
    return sfp1_part_confidential(vc) || sfp1_zone_confidential(vc, s);
}

/* ---- one exchange ---- */

int sfp1_packet_begin(struct sfp1_exchange *x)
{
    struct sf_session *s = x->session;
    x->sequence = 0u;
    x->response_len = 0u;
    x->frame_used = SFP1_HEADER_LEN + x->payload_len + SFP1_TAG_LEN;
    if (x->payload_len > SFP1_MAX_PAYLOAD || (x->payload_len != 0u && x->payload == NULL)) {
        return SF_ERR_PARAM;
    }
    if (s != NULL && !x->plain_in_session) {
        if (!s->open || s->sequence == INT32_MAX) {
            return SF_ERR_COMM;
        }
        x->sequence = ++s->sequence;
    }
    return SF_OK;
}

/* The array's typical busy time for the command in x (SFDP's basic
 * table), 0 when it starts none or the part announces none. */
static uint32_t array_busy_typ_us(const struct sf_vendor_ctx *vc, const struct sfp1_exchange *x)
{
    if ((x->command != SFP1_CMD_PROGRAM && x->command != SFP1_CMD_ERASE) ||
        x->payload_len < SFP1_REQ_ADDRESS + 4u) {
        return 0u;
    }
    uint32_t addr = etss_get_le32(&x->payload[SFP1_REQ_ADDRESS]);
    return x->command == SFP1_CMD_PROGRAM
               ? etss_nor_program_typ_us(vc->nor, addr, x->payload_len - SFP1_REQ_PROGRAM_DATA)
               : etss_nor_erase_typ_us(vc->nor, addr, SFP1_SECTOR_SIZE);
}

/* How long the part typically works on the frame in x, as its SFP1 table
 * says: the wait for the response sleeps that long before it polls. SFDP
 * is not authenticated: a forged time only moves the first poll, within
 * the frame's timeout. */
static uint32_t busy_typ_us(const struct sf_vendor_ctx *vc, const struct sfp1_exchange *x)
{
    const struct sfp1_state *st = state_of(vc);
    /* Both frames, a session answer's payload as long as asked (one of
     * variable length, or a plain command's, counts as empty: the wait
     * then polls for the rest). */
    size_t answer = x->session != NULL && !x->variable_length ? x->response_size : 0u;
    size_t bytes = x->frame_len + SFP1_HEADER_LEN + answer + SFP1_TAG_LEN;
    uint32_t per_bytes = (uint32_t)((bytes * st->per_256_us + 255u) / 256u);
    uint32_t frame = st->frame_us == 0u ? 0u : st->frame_us + per_bytes;
    return frame + array_busy_typ_us(vc, x);
}

int sfp1_packet_wait_ready(struct sf_vendor_ctx *vc)
{
    return etss_nor_poll_idle(vc->spi, 0u, FRAME_TIMEOUT_US);
}

int sfp1_packet_build(struct sf_vendor_ctx *vc, struct sfp1_exchange *x)
{
    uint8_t *f = vc->frame;
    struct sf_session *s = x->session;
    size_t n = x->payload_len;

    f[SFP1_OFF_VERSION] = SFP1_VERSION;
    f[SFP1_OFF_TYPE] = x->command;
    bool sealed = s != NULL && !x->plain_in_session;
    f[SFP1_OFF_SESSION] = s != NULL ? s->id : 0u;
    f[SFP1_OFF_FLAGS] = sealed ? (uint8_t)(SFP1_FLAG_AUTH | (x->encrypt ? SFP1_FLAG_ENC : 0u)) : 0u;
    etss_put_le32(&f[SFP1_OFF_SEQUENCE], x->sequence);
    etss_put_le16(&f[SFP1_OFF_LENGTH], (uint16_t)n);
    f[SFP1_OFF_STATUS] = 0u;
    f[SFP1_OFF_RESERVED] = 0u;
    x->frame_len = SFP1_HEADER_LEN + n;

    if (!sealed) {
        if (n != 0u) {
            memcpy(&f[SFP1_HEADER_LEN], x->payload, n);
        }
        return SF_OK;
    }
    uint8_t nonce[SFP1_NONCE_LEN];
    int rc;
    make_nonce(nonce, SFP1_DIR_HOST_TO_DEVICE, s->id, x->sequence);
    if (x->encrypt) {
        rc = sf_crypto_aead_seal(s->command_key, nonce, f, SFP1_HEADER_LEN, x->payload, n,
                                 vc->scratch, SF_MAX_FRAME);
        memcpy(&f[SFP1_HEADER_LEN], vc->scratch, n + SFP1_TAG_LEN);
        sf_crypto_zeroize(vc->scratch, n + SFP1_TAG_LEN);
    } else {
        if (n != 0u) {
            memcpy(&f[SFP1_HEADER_LEN], x->payload, n);
        }
        rc = sf_crypto_aead_seal(s->command_key, nonce, f, x->frame_len, NULL, 0u, &f[x->frame_len],
                                 SFP1_TAG_LEN);
    }
    if (rc != SF_OK) {
        return rc;
    }
    x->frame_len += SFP1_TAG_LEN;
    return SF_OK;
}

const struct sfp1_state *sfp1_packet_state(const struct sf_vendor_ctx *vc)
{
    return state_of(vc);
}

int sfp1_packet_send(struct sf_vendor_ctx *vc, const struct sfp1_exchange *x)
{
    const uint8_t op = state_of(vc)->write_opcode;
    return etss_spi_transaction(vc->spi, &op, 1u, vc->frame, x->frame_len, NULL, 0u);
}

static int read_response(struct sf_vendor_ctx *vc, uint16_t offset, uint8_t *buf, size_t len)
{
    const uint8_t hdr[SFP1_SECURE_READ_HEADER_LEN] = {state_of(vc)->read_opcode,
                                                      (uint8_t)(offset >> 8), (uint8_t)offset, 0u};
    return etss_spi_transaction(vc->spi, hdr, sizeof(hdr), NULL, 0u, buf, len);
}

int sfp1_packet_receive(struct sf_vendor_ctx *vc, struct sfp1_exchange *x)
{
    uint8_t *f = vc->frame;
    const struct sf_session *s = x->session;
    int rc = etss_nor_poll_idle(vc->spi, busy_typ_us(vc, x), FRAME_TIMEOUT_US);
    if (rc == SF_OK) {
        rc = read_response(vc, 0u, f, SFP1_HEADER_LEN);
    }
    if (rc != SF_OK) {
        return rc;
    }
    uint8_t flags = f[SFP1_OFF_FLAGS];
    size_t n = etss_get_le16(&f[SFP1_OFF_LENGTH]);
    bool well_formed = f[SFP1_OFF_VERSION] == SFP1_VERSION &&
                       f[SFP1_OFF_TYPE] == (uint8_t)(x->command | SFP1_RESPONSE_BIT) &&
                       f[SFP1_OFF_RESERVED] == 0u &&
                       etss_get_le32(&f[SFP1_OFF_SEQUENCE]) == x->sequence &&
                       (flags & ~(uint8_t)(SFP1_FLAG_AUTH | SFP1_FLAG_ENC)) == 0u &&
                       (flags == 0u || (flags & SFP1_FLAG_AUTH) != 0u) && n <= SFP1_MAX_PAYLOAD &&
                       (s == NULL || f[SFP1_OFF_SESSION] == s->id);
    if (!well_formed) {
        return SF_ERR_COMM;
    }
    size_t rest = n + ((flags & SFP1_FLAG_AUTH) != 0u ? SFP1_TAG_LEN : 0u);
    x->frame_len = SFP1_HEADER_LEN + rest;
    x->frame_used = x->frame_used > x->frame_len ? x->frame_used : x->frame_len;
    x->response_len = n;
    return read_response(vc, SFP1_HEADER_LEN, &f[SFP1_HEADER_LEN], rest);
}

/* Checks and opens a session response whose header and body are in vc->frame. */
static int open_session_response(struct sf_vendor_ctx *vc, const struct sfp1_exchange *x)
{
    struct sf_session *s = x->session;
    uint8_t *f = vc->frame;
    uint8_t flags = f[SFP1_OFF_FLAGS];
    size_t n = x->response_len;
    uint8_t nonce[SFP1_NONCE_LEN];
    int rc;

    if ((flags & SFP1_FLAG_AUTH) == 0u) {
        return SF_ERR_COMM; /* a plain error: unauthenticated, so only a failure */
    }
    if (((flags & SFP1_FLAG_ENC) != 0u) != x->response_encrypted) {
        return SF_ERR_COMM;
    }
    make_nonce(nonce, SFP1_DIR_DEVICE_TO_HOST, s->id, x->sequence);
    if ((flags & SFP1_FLAG_ENC) != 0u) {
        rc = sf_crypto_aead_open(s->response_key, nonce, f, SFP1_HEADER_LEN, &f[SFP1_HEADER_LEN],
                                 n + SFP1_TAG_LEN, vc->scratch, n);
        if (rc == SF_OK && n != 0u) {
            memcpy(&f[SFP1_HEADER_LEN], vc->scratch, n);
        }
        sf_crypto_zeroize(vc->scratch, n);
    } else {
        rc = sf_crypto_aead_open(s->response_key, nonce, f, SFP1_HEADER_LEN + n,
                                 &f[SFP1_HEADER_LEN + n], SFP1_TAG_LEN, vc->scratch, 0u);
    }
    return rc == SF_ERR_VERIFY ? SF_ERR_COMM : rc; /* a forged or tampered answer */
}

int sfp1_packet_parse(struct sf_vendor_ctx *vc, struct sfp1_exchange *x)
{
    const uint8_t *f = vc->frame;
    size_t n = x->response_len;
    int rc = x->session != NULL ? open_session_response(vc, x) : SF_OK;
    if (rc == SF_OK) {
        rc = status_to_sf(f[SFP1_OFF_STATUS]);
        if (rc == SF_ERR_COMM && x->session == NULL) {
            rc = SF_ERR_MALFORMED; /* a plain command refused for its session id */
        }
    }
    if (rc != SF_OK) {
        return rc;
    }
    /* Never past the caller's array; a session command's answer has
     * exactly the length its command implies. */
    bool sealed = x->session != NULL && !x->plain_in_session;
    if (n > x->response_size || (sealed && !x->variable_length && n != x->response_size)) {
        return SF_ERR_COMM;
    }
    if (n != 0u) {
        memcpy(x->response, &f[SFP1_HEADER_LEN], n);
    }
    x->response_session = f[SFP1_OFF_SESSION];
    return SF_OK;
}

int sfp1_packet_end(struct sf_vendor_ctx *vc, struct sfp1_exchange *x, int rc)
{
    size_t used = x->frame_used < SF_MAX_FRAME ? x->frame_used : SF_MAX_FRAME;
    sf_crypto_zeroize(&vc->frame[SFP1_HEADER_LEN], used - SFP1_HEADER_LEN);
    if (x->session != NULL && sf_session_failed(rc)) {
        sf_session_end(x->session);
    }
    return rc;
}

/* ---- session set-up (section 5) ---- */

static void kdf_info(uint8_t *info, uint8_t zone, uint8_t sid, uint32_t counter,
                     const char purpose[3])
{
    memcpy(info, SFP1_KDF_LABEL, SFP1_KDF_LABEL_LEN);
    info[SFP1_KDF_LABEL_LEN] = zone;
    info[SFP1_KDF_LABEL_LEN + 1u] = sid;
    etss_put_be32(&info[SFP1_KDF_LABEL_LEN + 2u], counter);
    memcpy(&info[SFP1_KDF_LABEL_LEN + 6u], purpose, 3u);
}

#define KDF_INFO_LEN (SFP1_KDF_LABEL_LEN + 6u + 3u)
#define PROOF_INPUT_LEN (6u + SFP1_TRANSCRIPT_LEN)

int sfp1_packet_open_request(uint8_t zone, uint8_t request[SFP1_OPEN_REQUEST_LEN])
{
    request[0] = zone;
    return sf_crypto_random(&request[1], SFP1_NONCE_BYTES);
}

int sfp1_packet_session_keys(struct sf_session *s, sf_key_t root_key,
                             const uint8_t request[SFP1_OPEN_REQUEST_LEN], const uint8_t *response,
                             size_t response_len, uint8_t response_session,
                             uint8_t proof[SFP1_PROOF_LEN])
{
    uint8_t salt[2u * SFP1_NONCE_BYTES];
    uint8_t info[KDF_INFO_LEN];
    uint8_t proof_input[PROOF_INPUT_LEN];
    sf_key_t confirm_key = SF_KEY_NONE;
    uint8_t zone = request[0];

    memset(s, 0, sizeof(*s));
    if (response_len != SFP1_OPEN_RESPONSE_LEN || response[0] == 0u ||
        response[0] != response_session) {
        return SF_ERR_COMM;
    }
    uint8_t sid = response[0];
    uint32_t counter = etss_get_le32(&response[1]);
    memcpy(salt, &request[1], SFP1_NONCE_BYTES);
    memcpy(&salt[SFP1_NONCE_BYTES], &response[5], SFP1_NONCE_BYTES);

    /* T = zone || sid || C (BE) || Nh || Nd, after a 6-byte role label. */
    uint8_t *t = &proof_input[6];
    t[0] = zone;
    t[1] = sid;
    etss_put_be32(&t[2], counter);
    memcpy(&t[6], salt, sizeof(salt));

    /* Separate keys for each direction and for the proofs. */
    kdf_info(info, zone, sid, counter, "cmd");
    int rc = sf_crypto_hkdf_key(root_key, salt, sizeof(salt), info, sizeof(info), SF_KEY_AES128_GCM,
                                &s->command_key);
    if (rc == SF_OK) {
        kdf_info(info, zone, sid, counter, "rsp");
        rc = sf_crypto_hkdf_key(root_key, salt, sizeof(salt), info, sizeof(info), SF_KEY_AES128_GCM,
                                &s->response_key);
    }
    if (rc == SF_OK) {
        kdf_info(info, zone, sid, counter, "cfm");
        rc = sf_crypto_hkdf_key(root_key, salt, sizeof(salt), info, sizeof(info),
                                SF_KEY_HMAC_SHA256, &confirm_key);
    }
    if (rc == SF_OK) {
        /* The part proves it holds the zone's root key... */
        memcpy(proof_input, "device", 6u);
        rc = sf_crypto_hmac_verify(confirm_key, proof_input, sizeof(proof_input),
                                   &response[1u + 4u + SFP1_NONCE_BYTES]);
    }
    if (rc == SF_OK) {
        /* ...and so do we: "host" || T. */
        memcpy(&proof_input[2], "host", 4u);
        rc = sf_crypto_hmac(confirm_key, &proof_input[2], 4u + SFP1_TRANSCRIPT_LEN, proof);
    }
    sf_crypto_destroy(&confirm_key);
    if (rc != SF_OK) {
        sf_session_end(s);
        return rc == SF_ERR_VERIFY ? SF_ERR_COMM : rc; /* an impersonator, or a tampered answer */
    }
    s->id = sid;
    s->zone = zone;
    s->open = true;
    return SF_OK;
}

/* ---- info ---- */

int sfp1_packet_parse_info(const uint8_t *p, size_t len, struct sf_info *info)
{
    if (len < SFP1_INFO_HEADER_LEN) {
        return SF_ERR_COMM;
    }
    uint8_t nz = p[1];
    uint8_t nb = p[2];
    if (nz > SF_MAX_ZONES || nb > SF_MAX_BINDINGS || p[0] > SFP1_LIFECYCLE_LOCKED ||
        len != SFP1_INFO_HEADER_LEN + nz * SFP1_INFO_ZONE_LEN + nb * SFP1_INFO_BINDING_LEN) {
        return SF_ERR_COMM;
    }
    /* Every check before the first byte of *info changes: a refused
     * answer leaves the caller's description as it was. */
    const uint8_t *bindings = &p[SFP1_INFO_HEADER_LEN + nz * SFP1_INFO_ZONE_LEN];
    for (uint8_t i = 0; i < nb; i++) {
        if (bindings[i * SFP1_INFO_BINDING_LEN + 4u] >= nz) {
            return SF_ERR_COMM;
        }
    }
    memset(info, 0, sizeof(*info));
    info->lifecycle = p[0];
    info->n_zones = nz;
    info->n_bindings = nb;
    info->n_counters = p[3];
    info->max_sessions = p[4];
    info->lockout_threshold = p[5];
    info->failure_count = p[6];
    info->features = features_of(p[7]);
    info->session_max_ops = etss_get_le32(&p[8]);
    const uint8_t *z = &p[SFP1_INFO_HEADER_LEN];
    for (uint8_t i = 0; i < nz; i++, z += SFP1_INFO_ZONE_LEN) {
        info->zones[i].base = etss_get_le32(z);
        info->zones[i].size = etss_get_le32(&z[4]);
        info->zones[i].read_policy = z[8];
        info->zones[i].write_policy = z[9];
    }
    for (uint8_t i = 0; i < nb; i++, z += SFP1_INFO_BINDING_LEN) {
        info->bindings[i].client_id = (int32_t)etss_get_le32(z);
        info->bindings[i].zone = z[4];
        info->bindings[i].key_id = z[5];
        info->bindings[i].counter = z[6];
    }
    return SF_OK;
}

/* ---- provisioning (section 5) ---- */

_Static_assert(SFP1_MAX_FRAME <= SF_MAX_FRAME, "an SFP1 frame must fit the device's buffers");
_Static_assert(SF_ENVELOPE_OVERHEAD == SFP1_ENVELOPE_OVERHEAD,
               "the protocol's sealed record is the crypto interface's envelope");
_Static_assert(SFP1_PROV_MAX_LEN + SFP1_ENVELOPE_OVERHEAD <= SF_MAX_FRAME,
               "a sealed record fits one frame");

int sfp1_packet_seal_provisioning(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len,
                                  const struct sf_root_keys *keys, uint8_t *out, size_t out_size,
                                  size_t *out_len)
{
    static uint8_t filled[SFP1_PROV_MAX_LEN];
    *out_len = 0u;
    if (len > sizeof(filled) || out_size < len + SFP1_ENVELOPE_OVERHEAD) {
        return SF_ERR_PARAM;
    }
    /* A record that cannot hold the key of every zone it declares is not
     * sent; whether the rest of it is valid is the part's to say. */
    size_t n_zones = len >= SFP1_PROV_HEADER_LEN ? record[5] : 0u;
    if (len < SFP1_PROV_HEADER_LEN || n_zones > SFP1_MAX_ZONES ||
        len < SFP1_PROV_HEADER_LEN + n_zones * SFP1_PROV_ZONE_LEN) {
        return SF_ERR_PARAM;
    }
    memcpy(filled, record, len);
    int rc = SF_OK;
    for (uint8_t z = 0; z < n_zones && rc == SF_OK; z++) {
        rc = keys->derive(
            keys->ctx, z,
            &filled[SFP1_PROV_HEADER_LEN + z * SFP1_PROV_ZONE_LEN + SFP1_PROV_ZONE_KEY_OFFSET]);
    }
    if (rc == SF_OK) {
        rc = sf_crypto_envelope_seal(vc->identity->public_key, (const uint8_t *)SFP1_ENVELOPE_LABEL,
                                     SFP1_ENVELOPE_LABEL_LEN, filled, len, out,
                                     len + SFP1_ENVELOPE_OVERHEAD);
    }
    sf_crypto_zeroize(filled, sizeof(filled));
    *out_len = rc == SF_OK ? len + SFP1_ENVELOPE_OVERHEAD : 0u;
    return rc;
}

/* ---- identity (section 4) ---- */

int sfp1_packet_parse_cert(const struct sf_vendor_ctx *vc, const uint8_t *p, size_t len,
                           struct sf_identity *id)
{
    memset(id, 0, sizeof(*id));
    if (len != SFP1_CERT_LEN || memcmp(p, SFP1_CERT_MAGIC, 4u) != 0 || p[4] != SFP1_CERT_VERSION) {
        return SF_ERR_TAMPER;
    }
    int rc = sf_crypto_sha256(p, SFP1_CERT_BODY_LEN, id->digest);
    if (rc != SF_OK) {
        return rc;
    }
    /* The body the host recorded was verified before it was recorded: the
     * same body needs no second signature check (it costs some 18 million
     * instructions, at every boot). */
    bool known = vc->recorded_identity != NULL &&
                 sf_crypto_equal(id->digest, vc->recorded_identity, SF_SHA256_LEN);
    rc = known
             ? SF_OK
             : sf_crypto_ecdsa_verify(vc->maker_key, p, SFP1_CERT_BODY_LEN, &p[SFP1_CERT_BODY_LEN]);
    if (rc != SF_OK) {
        memset(id, 0, sizeof(*id));
        return rc == SF_ERR_VERIFY ? SF_ERR_TAMPER : rc;
    }
    memcpy(id->public_key, &p[SFP1_CERT_OFF_KEY], SF_EC_PUBLIC_KEY_LEN);
    memcpy(id->uid, &p[SFP1_CERT_OFF_UID], sizeof(id->uid));
    id->features = features_of(p[SFP1_CERT_OFF_FEATURES]);
    return SF_OK;
}
