/*
 * Host side of SFP1 (docs/secure-flash-protocol.md): frame assembly,
 * sealing, the exchange on the wire, and the checks every response must
 * pass before a byte of it is believed.
 */
#include <string.h>

#include "etss_bytes.h"
#include "sf_device.h"
#include "sfp1_host.h"
#include "sfp1_protocol.h"
#include "sfdp.h"
#include "spi_nor_defs.h"

/* Polling a frame: fine steps first (most frames take well under a
 * millisecond), coarser ones for erases. */
#define POLL_FINE_US 10u
#define POLL_FINE_UNTIL_US 1000u
#define POLL_COARSE_US 500u
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

static int wait_frame_done(struct sf_device *dev)
{
    uint32_t waited = 0u;
    for (;;) {
        uint8_t op = SPI_NOR_OP_RDSR;
        uint8_t sr = 0xFFu;
        if (etss_spi_transaction(dev->spi, &op, 1u, NULL, 0u, &sr, 1u) != ETSS_SPI_OK) {
            return SF_ERR_BUS;
        }
        if ((sr & SPI_NOR_SR_WIP) == 0u) {
            return SF_OK;
        }
        if (waited >= FRAME_TIMEOUT_US) {
            return SF_ERR_BUS; /* a dead or stuck part */
        }
        uint32_t step = waited < POLL_FINE_UNTIL_US ? POLL_FINE_US : POLL_COARSE_US;
        dev->spi->ops->delay_us(dev->spi->ctx, step);
        waited += step;
    }
}

static int read_response(struct sf_device *dev, uint16_t offset, uint8_t *buf, size_t len)
{
    const uint8_t hdr[SFP1_SECURE_READ_HEADER_LEN] = {dev->secure_read_opcode,
                                                      (uint8_t)(offset >> 8), (uint8_t)offset, 0u};
    return etss_spi_transaction(dev->spi, hdr, sizeof(hdr), NULL, 0u, buf, len) == ETSS_SPI_OK
               ? SF_OK
               : SF_ERR_BUS;
}

/* What a request expects of its response. */
struct exchange {
    uint8_t command;
    struct sf_session *session; /* NULL: a plain command */
    bool plain_in_session;      /* CONFIRM: a plain command answered in the session */
    bool encrypt;               /* seal the payload (session commands) */
    const uint8_t *payload;
    size_t payload_len;
    bool response_encrypted; /* the response must carry ENC */
    uint8_t *response;       /* the response payload lands here */
    size_t response_size;
    size_t response_len;
    uint8_t response_session; /* session id the response carried */
};

static void end_session(struct sf_session *s)
{
    sf_crypto_destroy(&s->command_key);
    sf_crypto_destroy(&s->response_key);
    memset(s, 0, sizeof(*s));
}

/* Build, seal and send the command frame; returns its length or an error. */
static int send_command(struct sf_device *dev, struct exchange *x, uint32_t sequence)
{
    uint8_t *f = dev->frame;
    struct sf_session *s = x->session;
    size_t n = x->payload_len;

    if (n > SFP1_MAX_PAYLOAD || (n != 0u && x->payload == NULL)) {
        return SF_ERR_PARAM;
    }
    f[SFP1_OFF_VERSION] = SFP1_VERSION;
    f[SFP1_OFF_TYPE] = x->command;
    bool sealed = s != NULL && !x->plain_in_session;
    f[SFP1_OFF_SESSION] = s != NULL ? s->id : 0u;
    f[SFP1_OFF_FLAGS] = sealed ? (uint8_t)(SFP1_FLAG_AUTH | (x->encrypt ? SFP1_FLAG_ENC : 0u)) : 0u;
    etss_put_le32(&f[SFP1_OFF_SEQUENCE], sequence);
    etss_put_le16(&f[SFP1_OFF_LENGTH], (uint16_t)n);
    f[SFP1_OFF_STATUS] = 0u;
    f[SFP1_OFF_RESERVED] = 0u;
    size_t total = SFP1_HEADER_LEN + n;

    if (!sealed) {
        if (n != 0u) {
            memcpy(&f[SFP1_HEADER_LEN], x->payload, n);
        }
    } else {
        uint8_t nonce[SFP1_NONCE_LEN];
        int rc;
        make_nonce(nonce, SFP1_DIR_HOST_TO_DEVICE, s->id, sequence);
        if (x->encrypt) {
            rc = sf_crypto_aead_seal(s->command_key, nonce, f, SFP1_HEADER_LEN, x->payload, n,
                                     dev->scratch, sizeof(dev->scratch));
            memcpy(&f[SFP1_HEADER_LEN], dev->scratch, n + SFP1_TAG_LEN);
            sf_crypto_zeroize(dev->scratch, n + SFP1_TAG_LEN);
        } else {
            if (n != 0u) {
                memcpy(&f[SFP1_HEADER_LEN], x->payload, n);
            }
            rc = sf_crypto_aead_seal(s->command_key, nonce, f, total, NULL, 0u, &f[total],
                                     SFP1_TAG_LEN);
        }
        if (rc != SF_CRYPTO_OK) {
            return SF_ERR_CRYPTO;
        }
        total += SFP1_TAG_LEN;
    }
    const uint8_t op = dev->secure_write_opcode;
    if (etss_spi_transaction(dev->spi, &op, 1u, f, total, NULL, 0u) != ETSS_SPI_OK) {
        return SF_ERR_BUS;
    }
    return SF_OK;
}

/* Check and open a session response whose header and body are in dev->frame. */
static int open_session_response(struct sf_device *dev, struct exchange *x, uint32_t sequence,
                                 size_t n)
{
    struct sf_session *s = x->session;
    uint8_t *f = dev->frame;
    uint8_t flags = f[SFP1_OFF_FLAGS];
    uint8_t nonce[SFP1_NONCE_LEN];
    int rc;

    if ((flags & SFP1_FLAG_AUTH) == 0u) {
        return SF_ERR_COMM; /* a plain error: unauthenticated, so only a failure */
    }
    if (((flags & SFP1_FLAG_ENC) != 0u) != x->response_encrypted) {
        return SF_ERR_COMM;
    }
    make_nonce(nonce, SFP1_DIR_DEVICE_TO_HOST, s->id, sequence);
    if ((flags & SFP1_FLAG_ENC) != 0u) {
        rc = sf_crypto_aead_open(s->response_key, nonce, f, SFP1_HEADER_LEN, &f[SFP1_HEADER_LEN],
                                 n + SFP1_TAG_LEN, dev->scratch, n);
        if (rc == SF_CRYPTO_OK && n != 0u) {
            memcpy(&f[SFP1_HEADER_LEN], dev->scratch, n);
        }
        sf_crypto_zeroize(dev->scratch, n);
    } else {
        rc = sf_crypto_aead_open(s->response_key, nonce, f, SFP1_HEADER_LEN + n,
                                 &f[SFP1_HEADER_LEN + n], SFP1_TAG_LEN, dev->scratch, 0u);
    }
    if (rc == SF_CRYPTO_ERR_AUTH) {
        return SF_ERR_COMM;
    }
    return rc == SF_CRYPTO_OK ? SF_OK : SF_ERR_CRYPTO;
}

/*
 * One command and its response. A session command whose response fails
 * any check ends the session: the part ends it too on a failure, and a
 * desynchronised session cannot be trusted again.
 */
static int exchange(struct sf_device *dev, struct exchange *x)
{
    struct sf_session *s = x->session;
    uint32_t sequence = 0u;
    uint8_t *f = dev->frame;
    /* Bytes of the frame buffer this exchange fills, to be wiped after. */
    size_t used = SFP1_HEADER_LEN + x->payload_len + SFP1_TAG_LEN;

    if (s != NULL && !x->plain_in_session) {
        if (!s->open || s->sequence == INT32_MAX) {
            return SF_ERR_COMM;
        }
        sequence = ++s->sequence;
    }
    /* The part ignores a frame while busy (with a refused plain command's
     * bookkeeping, say): let it finish first. */
    int rc = wait_frame_done(dev);
    if (rc == SF_OK) {
        rc = send_command(dev, x, sequence);
    }
    if (rc == SF_OK) {
        rc = wait_frame_done(dev);
    }
    if (rc == SF_OK) {
        rc = read_response(dev, 0u, f, SFP1_HEADER_LEN);
    }
    size_t n = 0u;
    if (rc == SF_OK) {
        uint8_t flags = f[SFP1_OFF_FLAGS];
        n = etss_get_le16(&f[SFP1_OFF_LENGTH]);
        bool well_formed = f[SFP1_OFF_VERSION] == SFP1_VERSION &&
                           f[SFP1_OFF_TYPE] == (uint8_t)(x->command | SFP1_RESPONSE_BIT) &&
                           f[SFP1_OFF_RESERVED] == 0u &&
                           etss_get_le32(&f[SFP1_OFF_SEQUENCE]) == sequence &&
                           (flags & ~(uint8_t)(SFP1_FLAG_AUTH | SFP1_FLAG_ENC)) == 0u &&
                           (flags == 0u || (flags & SFP1_FLAG_AUTH) != 0u) &&
                           n <= SFP1_MAX_PAYLOAD && (s == NULL || f[SFP1_OFF_SESSION] == s->id);
        rc = well_formed ? SF_OK : SF_ERR_COMM;
        if (rc == SF_OK) {
            size_t rest = n + ((flags & SFP1_FLAG_AUTH) != 0u ? SFP1_TAG_LEN : 0u);
            used = used > SFP1_HEADER_LEN + rest ? used : SFP1_HEADER_LEN + rest;
            rc = read_response(dev, SFP1_HEADER_LEN, &f[SFP1_HEADER_LEN], rest);
        }
    }
    if (rc == SF_OK && s != NULL) {
        rc = open_session_response(dev, x, sequence, n);
    }
    if (rc == SF_OK) {
        rc = status_to_sf(f[SFP1_OFF_STATUS]);
        if (rc == SF_ERR_COMM && s == NULL) {
            rc = SF_ERR_MALFORMED; /* a plain command refused for its session id */
        }
    }
    if (rc == SF_OK) {
        if (n > x->response_size) {
            rc = SF_ERR_COMM;
        } else {
            if (n != 0u) {
                memcpy(x->response, &f[SFP1_HEADER_LEN], n);
            }
            x->response_len = n;
            x->response_session = f[SFP1_OFF_SESSION];
        }
    }
    used = used < SF_MAX_FRAME ? used : SF_MAX_FRAME;
    sf_crypto_zeroize(&f[SFP1_HEADER_LEN], used - SFP1_HEADER_LEN);
    if (rc == SF_ERR_COMM) {
        dev->stats.comm_failures++;
    }
    if (s != NULL && (rc == SF_ERR_COMM || rc == SF_ERR_BUS || rc == SF_ERR_CRYPTO)) {
        end_session(s);
    }
    return rc;
}

/* A session command with an exact response length. */
static int session_request(struct sf_device *dev, struct sf_session *s, uint8_t command,
                           const uint8_t *payload, size_t len, bool encrypt,
                           bool response_encrypted, uint8_t *response, size_t response_len)
{
    struct exchange x = {
        .command = command,
        .session = s,
        .encrypt = encrypt,
        .payload = payload,
        .payload_len = len,
        .response_encrypted = response_encrypted,
        .response = response,
        .response_size = response_len,
    };
    int rc = exchange(dev, &x);
    if (rc == SF_OK && x.response_len != response_len) {
        dev->stats.comm_failures++;
        end_session(s);
        rc = SF_ERR_COMM;
    }
    return rc;
}

/* ---- discovery ---- */

static int sfp1_probe(struct sf_device *dev)
{
    struct sfdp_table_ref ref;
    uint32_t dw[SFP1_SFDP_DWORDS];
    size_t n = 0;
    int rc = sfdp_find_table(dev->spi, SFP1_SFDP_ID, &ref);
    if (rc == SFDP_OK) {
        rc = sfdp_read_table(dev->spi, &ref, dw, SFP1_SFDP_DWORDS, &n);
    }
    if (rc == SFDP_ERR_BUS) {
        return SF_ERR_BUS;
    }
    if (rc != SFDP_OK || n < SFP1_SFDP_DWORDS || dw[0] != SFP1_SFDP_SIGNATURE ||
        (dw[1] & 0xFFu) != SFP1_VERSION || (dw[3] & 0xFFu) != SFP1_AEAD_AES128_GCM ||
        ((dw[3] >> 8) & 0xFFu) != SFP1_KDF_HKDF_SHA256 || ((dw[2] >> 24) * 16u) < SFP1_MAX_DATA) {
        return SF_ERR_NO_DEVICE;
    }
    dev->secure_write_opcode = (uint8_t)(dw[1] >> 8);
    dev->secure_read_opcode = (uint8_t)(dw[1] >> 16);
    uint32_t f = dw[1] >> 24;
    dev->features = ((f & SFP1_FEATURE_ZONES) != 0u ? SF_FEATURE_ZONES : 0u) |
                    ((f & SFP1_FEATURE_COUNTERS) != 0u ? SF_FEATURE_COUNTERS : 0u) |
                    ((f & SFP1_FEATURE_TRNG) != 0u ? SF_FEATURE_TRNG : 0u) |
                    ((f & SFP1_FEATURE_PUF) != 0u ? SF_FEATURE_PUF : 0u) |
                    ((f & SFP1_FEATURE_UID) != 0u ? SF_FEATURE_UID : 0u) |
                    ((f & SFP1_FEATURE_CONFIDENTIALITY) != 0u ? SF_FEATURE_CONFIDENTIALITY : 0u) |
                    ((f & SFP1_FEATURE_AUTHENTICATION) != 0u ? SF_FEATURE_AUTHENTICATION : 0u);
    return SF_OK;
}

/* Decode an info payload; everything is range-checked against its length. */
static int parse_info(const uint8_t *p, size_t len, struct sf_info *info)
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
    memset(info, 0, sizeof(*info));
    info->lifecycle = p[0];
    info->n_zones = nz;
    info->n_bindings = nb;
    info->n_counters = p[3];
    info->max_sessions = p[4];
    info->lockout_threshold = p[5];
    info->failure_count = p[6];
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
        if (z[4] >= nz) {
            return SF_ERR_COMM;
        }
    }
    return SF_OK;
}

static int sfp1_get_info(struct sf_device *dev, struct sf_info *info)
{
    struct exchange x = {.command = SFP1_CMD_GET_INFO,
                         .response = dev->scratch,
                         .response_size = sizeof(dev->scratch)};
    int rc = exchange(dev, &x);
    return rc == SF_OK ? parse_info(dev->scratch, x.response_len, info) : rc;
}

static int sfp1_provision(struct sf_device *dev, const uint8_t *record, size_t len)
{
    struct exchange x = {.command = SFP1_CMD_PROVISION, .payload = record, .payload_len = len};
    return exchange(dev, &x);
}

/* ---- sessions ---- */

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

static int sfp1_session_open(struct sf_device *dev, struct sf_session *s, uint8_t zone,
                             sf_key_t root_key)
{
    uint8_t open_req[1u + SFP1_NONCE_BYTES];
    uint8_t open_rsp[SFP1_OPEN_RESPONSE_LEN];
    uint8_t salt[2u * SFP1_NONCE_BYTES];
    uint8_t info[KDF_INFO_LEN];
    uint8_t proof_input[PROOF_INPUT_LEN];
    uint8_t proof[SFP1_PROOF_LEN];
    sf_key_t confirm_key = SF_KEY_NONE;

    memset(s, 0, sizeof(*s));
    open_req[0] = zone;
    if (sf_crypto_random(&open_req[1], SFP1_NONCE_BYTES) != SF_CRYPTO_OK) {
        return SF_ERR_CRYPTO;
    }
    struct exchange x = {.command = SFP1_CMD_OPEN,
                         .payload = open_req,
                         .payload_len = sizeof(open_req),
                         .response = open_rsp,
                         .response_size = sizeof(open_rsp)};
    int rc = exchange(dev, &x);
    if (rc != SF_OK) {
        return rc;
    }
    uint8_t sid = open_rsp[0];
    uint32_t counter = etss_get_le32(&open_rsp[1]);
    if (x.response_len != sizeof(open_rsp) || sid == 0u || sid != x.response_session) {
        dev->stats.comm_failures++;
        return SF_ERR_COMM;
    }
    memcpy(salt, &open_req[1], SFP1_NONCE_BYTES);
    memcpy(&salt[SFP1_NONCE_BYTES], &open_rsp[5], SFP1_NONCE_BYTES);

    /* T = zone || sid || C (BE) || Nh || Nd, after a 6-byte role label. */
    uint8_t *t = &proof_input[6];
    t[0] = zone;
    t[1] = sid;
    etss_put_be32(&t[2], counter);
    memcpy(&t[6], salt, sizeof(salt));

    kdf_info(info, zone, sid, counter, "cmd");
    rc = sf_crypto_hkdf_key(root_key, salt, sizeof(salt), info, sizeof(info), SF_KEY_AES128_GCM,
                            &s->command_key);
    if (rc == SF_CRYPTO_OK) {
        kdf_info(info, zone, sid, counter, "rsp");
        rc = sf_crypto_hkdf_key(root_key, salt, sizeof(salt), info, sizeof(info), SF_KEY_AES128_GCM,
                                &s->response_key);
    }
    if (rc == SF_CRYPTO_OK) {
        kdf_info(info, zone, sid, counter, "cfm");
        rc = sf_crypto_hkdf_key(root_key, salt, sizeof(salt), info, sizeof(info),
                                SF_KEY_HMAC_SHA256, &confirm_key);
    }
    if (rc != SF_CRYPTO_OK) {
        sf_crypto_destroy(&confirm_key);
        end_session(s);
        return SF_ERR_CRYPTO;
    }
    /* The part proves it holds the zone's root key... */
    memcpy(proof_input, "device", 6u);
    rc = sf_crypto_hmac_verify(confirm_key, proof_input, sizeof(proof_input), &open_rsp[21]);
    if (rc == SF_CRYPTO_OK) {
        /* ...and so do we: "host" || T. */
        memcpy(&proof_input[2], "host", 4u);
        rc = sf_crypto_hmac(confirm_key, &proof_input[2], 4u + SFP1_TRANSCRIPT_LEN, proof);
    }
    sf_crypto_destroy(&confirm_key);
    if (rc != SF_CRYPTO_OK) {
        end_session(s);
        if (rc == SF_CRYPTO_ERR_AUTH) {
            dev->stats.comm_failures++;
            return SF_ERR_COMM; /* an impersonator, or a tampered answer */
        }
        return SF_ERR_CRYPTO;
    }
    s->id = sid;
    s->zone = zone;
    s->open = true;
    struct exchange confirm = {.command = SFP1_CMD_CONFIRM,
                               .session = s,
                               .plain_in_session = true,
                               .payload = proof,
                               .payload_len = sizeof(proof)};
    rc = exchange(dev, &confirm);
    if (rc == SF_OK) {
        dev->stats.sessions_opened++;
    }
    return rc;
}

static int sfp1_session_close(struct sf_device *dev, struct sf_session *s)
{
    int rc = session_request(dev, s, SFP1_CMD_CLOSE, NULL, 0u, false, false, NULL, 0u);
    end_session(s);
    return rc;
}

/* ---- session commands ---- */

/* Reads of a confidential zone come back sealed (the common layer learns
 * the policies from the authenticated SECURITY_INFO before any read). */
static bool part_confidential(const struct sf_device *dev)
{
    return (dev->features & SF_FEATURE_CONFIDENTIALITY) != 0u;
}

static bool zone_confidential(const struct sf_device *dev, const struct sf_session *s)
{
    return dev->info_authentic && s->zone < dev->info.n_zones &&
           dev->info.zones[s->zone].read_policy == SFP1_READ_ENCRYPTED;
}

static int sfp1_read(struct sf_device *dev, struct sf_session *s, uint32_t addr, void *buf,
                     size_t len)
{
    uint8_t req[6];
    if (len == 0u || len > SFP1_MAX_DATA) {
        return SF_ERR_PARAM;
    }
    etss_put_le32(req, addr);
    etss_put_le16(&req[4], (uint16_t)len);
    return session_request(dev, s, SFP1_CMD_READ, req, sizeof(req), false,
                           zone_confidential(dev, s), buf, len);
}

static int sfp1_program(struct sf_device *dev, struct sf_session *s, uint32_t addr,
                        const void *data, size_t len)
{
    uint8_t req[4u + SFP1_MAX_DATA];
    if (len == 0u || len > SFP1_MAX_DATA) {
        return SF_ERR_PARAM;
    }
    etss_put_le32(req, addr);
    memcpy(&req[4], data, len);
    /* Written data is sealed whenever the part can open it: confidential
     * by default costs nothing more than authentication with AES-GCM. An
     * authentication flash only authenticates it. */
    int rc = session_request(dev, s, SFP1_CMD_PROGRAM, req, 4u + len, part_confidential(dev), false,
                             NULL, 0u);
    sf_crypto_zeroize(req, sizeof(req));
    return rc;
}

static int sfp1_erase(struct sf_device *dev, struct sf_session *s, uint32_t addr)
{
    uint8_t req[4];
    etss_put_le32(req, addr);
    return session_request(dev, s, SFP1_CMD_ERASE, req, sizeof(req), false, false, NULL, 0u);
}

static int counter_request(struct sf_device *dev, struct sf_session *s, uint8_t command, uint8_t id,
                           uint32_t *value)
{
    uint8_t rsp[4];
    int rc = session_request(dev, s, command, &id, 1u, false, false, rsp, sizeof(rsp));
    if (rc == SF_OK) {
        *value = etss_get_le32(rsp);
    }
    return rc;
}

static int sfp1_counter_read(struct sf_device *dev, struct sf_session *s, uint8_t id,
                             uint32_t *value)
{
    return counter_request(dev, s, SFP1_CMD_COUNTER_READ, id, value);
}

static int sfp1_counter_increment(struct sf_device *dev, struct sf_session *s, uint8_t id,
                                  uint32_t *value)
{
    return counter_request(dev, s, SFP1_CMD_COUNTER_INCREMENT, id, value);
}

static int sfp1_random(struct sf_device *dev, struct sf_session *s, void *buf, size_t len)
{
    uint8_t req[2];
    if (len == 0u || len > SFP1_MAX_DATA) {
        return SF_ERR_PARAM;
    }
    etss_put_le16(req, (uint16_t)len);
    return session_request(dev, s, SFP1_CMD_RANDOM, req, sizeof(req), false, part_confidential(dev),
                           buf, len);
}

static int sfp1_puf(struct sf_device *dev, struct sf_session *s, const uint8_t *challenge,
                    size_t challenge_len, uint8_t *out, size_t out_size, size_t *out_len)
{
    if (challenge_len == 0u || challenge_len > SFP1_MAX_PUF_CHALLENGE ||
        out_size < SFP1_PUF_RESPONSE_LEN) {
        return SF_ERR_PARAM;
    }
    int rc = session_request(dev, s, SFP1_CMD_PUF, challenge, challenge_len, false,
                             part_confidential(dev), out, SFP1_PUF_RESPONSE_LEN);
    *out_len = rc == SF_OK ? SFP1_PUF_RESPONSE_LEN : 0u;
    return rc;
}

static int sfp1_uid(struct sf_device *dev, struct sf_session *s, uint8_t *out, size_t out_size,
                    size_t *out_len)
{
    if (out_size < SFP1_UID_LEN) {
        return SF_ERR_PARAM;
    }
    int rc = session_request(dev, s, SFP1_CMD_UID, NULL, 0u, false, false, out, SFP1_UID_LEN);
    *out_len = rc == SF_OK ? SFP1_UID_LEN : 0u;
    return rc;
}

static int sfp1_security_info(struct sf_device *dev, struct sf_session *s, struct sf_info *info)
{
    struct exchange x = {.command = SFP1_CMD_SECURITY_INFO,
                         .session = s,
                         .response = dev->scratch,
                         .response_size = sizeof(dev->scratch)};
    int rc = exchange(dev, &x);
    if (rc == SF_OK) {
        rc = parse_info(dev->scratch, x.response_len, info);
    }
    return rc;
}

static int sfp1_reprovision(struct sf_device *dev, struct sf_session *s, const uint8_t *record,
                            size_t len)
{
    /* The record carries root keys: sealed, or not at all (an
     * authentication flash is provisioned once). */
    if (!part_confidential(dev)) {
        return SF_ERR_NOT_SUPPORTED;
    }
    return session_request(dev, s, SFP1_CMD_REPROVISION, record, len, true, false, NULL, 0u);
}

static int sfp1_lock(struct sf_device *dev, struct sf_session *s)
{
    return session_request(dev, s, SFP1_CMD_LOCK, NULL, 0u, false, false, NULL, 0u);
}

const struct sf_vendor_ops sfp1_vendor_ops = {
    .name = "sfp1",
    .probe = sfp1_probe,
    .get_info = sfp1_get_info,
    .provision = sfp1_provision,
    .reprovision = sfp1_reprovision,
    .session_open = sfp1_session_open,
    .session_close = sfp1_session_close,
    .read = sfp1_read,
    .program = sfp1_program,
    .erase = sfp1_erase,
    .counter_read = sfp1_counter_read,
    .counter_increment = sfp1_counter_increment,
    .random = sfp1_random,
    .puf = sfp1_puf,
    .uid = sfp1_uid,
    .security_info = sfp1_security_info,
    .lock = sfp1_lock,
    .max_data = SFP1_MAX_DATA,
};
