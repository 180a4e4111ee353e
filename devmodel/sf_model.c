/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Security engine of the secure flash model: the device side of SFP1
 * (docs/secure-flash-protocol.md). It sits on the NOR model as an
 * extension: it decodes SECURE_WRITE / SECURE_READ itself and guards the
 * array against plain commands. It trusts nothing from the bus: every
 * frame is checked in full before anything changes, and a failed command
 * changes nothing.
 *
 * Session keys live as bytes in the engine (the part's internal RAM) and
 * are imported into a PSA key slot only for the operation that uses them,
 * so several models and a host can share one PSA key store.
 */
#include <string.h>

#include "devmodel/sf_model.h"
#include "devmodel/sf_model_testing.h"
#include "etss_bytes.h"
#include "model_memory.h"
#include "sf_crypto.h"
#include "sf_model_state.h"
#include "sfp1_protocol.h"

#define PUF_LABEL "PUF"
#define PUF_LABEL_LEN 3u
#define KDF_INFO_LEN (SFP1_KDF_LABEL_LEN + 6u + 3u)
#define PROOF_LABEL_LEN 6u /* "device"; "host" is 4 */
/* Session counter values committed to NV at a time (protocol section 5). */
#define SESSION_COUNTER_RANGE 64u
/* Internal outcome of a handler: the power was cut, there is no answer. */
#define POWER_LOST 0xFFu

enum slot_state { SLOT_FREE, SLOT_PENDING, SLOT_CONFIRMED };

struct session {
    enum slot_state state;
    uint8_t zone;
    uint32_t last_sequence;
    uint32_t ops;
    uint64_t last_used;
    uint8_t command_key[SFP1_AEAD_KEY_LEN];
    uint8_t response_key[SFP1_AEAD_KEY_LEN];
    uint8_t confirm_key[SFP1_CONFIRM_KEY_LEN];
    uint8_t transcript[SFP1_TRANSCRIPT_LEN];
};

struct sf_model {
    nor_model_t *nor;
    struct sf_model_config cfg;
    uint32_t sfdp_table[SFP1_SFDP_DWORDS];
    struct sf_model_state state;
    bool locked_out;
    struct session sessions[SFP1_MAX_SESSIONS];
    bool sessions_void; /* provisioned anew: every session ends after this answer */
    /* The last session counter value used; NV holds a bound above it (every
     * value up to that bound may have been used before a power loss). */
    uint32_t session_counter;
    uint64_t tick; /* frames processed: the age of a session */
    uint8_t puf_secret[32];
    uint8_t uid[SFP1_UID_LEN];
    uint8_t device_key[SF_EC_PRIVATE_KEY_LEN]; /* identity: opens provisioning envelopes */
    uint8_t cert[SFP1_CERT_LEN];               /* its public half, signed by the maker */
    uint8_t record[SFP1_PROV_MAX_LEN];         /* an opened provisioning record */
    /* The transaction on the wire. */
    uint8_t opcode;
    uint16_t read_offset;
    bool overflow;
    size_t in_len;
    uint8_t in[SFP1_MAX_FRAME];
    /* A command's plaintext payload and its answer. */
    uint8_t plain[SFP1_MAX_PAYLOAD];
    uint8_t out[SFP1_MAX_PAYLOAD];
    size_t out_len;
    /* The response buffer SECURE_READ clocks out. */
    uint8_t rsp[SFP1_MAX_FRAME];
    size_t rsp_len;
};

/* ---- crypto on key bytes, through the PSA crypto interface ---- */

static bool hkdf(const uint8_t *secret, size_t secret_len, const uint8_t *salt, size_t salt_len,
                 const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len)
{
    sf_key_t k = SF_KEY_NONE;
    bool ok = sf_crypto_import(SF_KEY_HKDF_SECRET, secret, secret_len, &k) == SF_OK &&
              sf_crypto_hkdf_bytes(k, salt, salt_len, info, info_len, out, out_len) == SF_OK;
    sf_crypto_destroy(&k);
    return ok;
}

static int aead(bool seal, const uint8_t key[SFP1_AEAD_KEY_LEN], const uint8_t *nonce,
                const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t in_len, uint8_t *out,
                size_t out_size)
{
    sf_key_t k = SF_KEY_NONE;
    int rc = sf_crypto_import(SF_KEY_AES128_GCM, key, SFP1_AEAD_KEY_LEN, &k);
    if (rc == SF_OK) {
        rc = seal ? sf_crypto_aead_seal(k, nonce, aad, aad_len, in, in_len, out, out_size)
                  : sf_crypto_aead_open(k, nonce, aad, aad_len, in, in_len, out, out_size);
    }
    sf_crypto_destroy(&k);
    return rc;
}

static void make_nonce(uint8_t nonce[SFP1_NONCE_LEN], uint8_t direction, uint8_t sid,
                       uint32_t sequence)
{
    memset(nonce, 0, SFP1_NONCE_LEN);
    nonce[0] = direction;
    nonce[1] = sid;
    etss_put_be32(&nonce[8], sequence);
}

/* ---- responses ---- */

static void write_header(uint8_t *h, uint8_t type, uint8_t sid, uint8_t flags, uint32_t sequence,
                         size_t len, uint8_t status)
{
    h[SFP1_OFF_VERSION] = SFP1_VERSION;
    h[SFP1_OFF_TYPE] = (uint8_t)(type | SFP1_RESPONSE_BIT);
    h[SFP1_OFF_SESSION] = sid;
    h[SFP1_OFF_FLAGS] = flags;
    etss_put_le32(&h[SFP1_OFF_SEQUENCE], sequence);
    etss_put_le16(&h[SFP1_OFF_LENGTH], (uint16_t)len);
    h[SFP1_OFF_STATUS] = status;
    h[SFP1_OFF_RESERVED] = 0u;
}

/* A plain response: m->out as payload when the status is OK. */
static void respond_plain(struct sf_model *m, uint8_t type, uint8_t sid, uint32_t sequence,
                          uint8_t status)
{
    size_t n = status == SFP1_OK ? m->out_len : 0u;
    write_header(m->rsp, type, sid, 0u, sequence, n, status);
    memcpy(&m->rsp[SFP1_HEADER_LEN], m->out, n);
    m->rsp_len = SFP1_HEADER_LEN + n;
}

/* An error answer that proves nothing: echo of the command's identity. */
static void respond_error(struct sf_model *m, uint8_t status)
{
    uint8_t h[SFP1_HEADER_LEN];
    memset(h, 0, sizeof(h));
    memcpy(h, m->in, m->in_len < sizeof(h) ? m->in_len : sizeof(h));
    m->out_len = 0u;
    respond_plain(m, (uint8_t)(h[SFP1_OFF_TYPE] & (uint8_t)~SFP1_RESPONSE_BIT), h[SFP1_OFF_SESSION],
                  etss_get_le32(&h[SFP1_OFF_SEQUENCE]), status);
}

/* A response sealed under the session's K_rsp; false if sealing failed. */
static bool respond_sealed(struct sf_model *m, const struct session *s, uint8_t type, uint8_t sid,
                           uint32_t sequence, uint8_t status, bool encrypt)
{
    uint8_t nonce[SFP1_NONCE_LEN];
    uint8_t *f = m->rsp;
    size_t n = status == SFP1_OK ? m->out_len : 0u;
    int rc;
    write_header(f, type, sid, (uint8_t)(SFP1_FLAG_AUTH | (encrypt ? SFP1_FLAG_ENC : 0u)), sequence,
                 n, status);
    make_nonce(nonce, SFP1_DIR_DEVICE_TO_HOST, sid, sequence);
    if (encrypt) {
        rc = aead(true, s->response_key, nonce, f, SFP1_HEADER_LEN, m->out, n, &f[SFP1_HEADER_LEN],
                  SFP1_MAX_PAYLOAD + SFP1_TAG_LEN);
    } else {
        memcpy(&f[SFP1_HEADER_LEN], m->out, n);
        rc = aead(true, s->response_key, nonce, f, SFP1_HEADER_LEN + n, NULL, 0u,
                  &f[SFP1_HEADER_LEN + n], SFP1_TAG_LEN);
    }
    sf_crypto_zeroize(m->out, sizeof(m->out));
    m->rsp_len = SFP1_HEADER_LEN + n + SFP1_TAG_LEN;
    return rc == SF_OK;
}

/* ---- persistent failure count and lock-out (protocol section 9) ---- */

/* False when the power was cut while counting. */
static bool count_failure(struct sf_model *m)
{
    struct sf_model_state *st = &m->state;
    if (st->lifecycle == SFP1_LIFECYCLE_BLANK) {
        return true;
    }
    if (st->failure_count < UINT8_MAX &&
        !sf_model_state_set_failures(m->nor, st, (uint8_t)(st->failure_count + 1u))) {
        return false;
    }
    if (st->failure_count >= st->lockout_threshold) {
        m->locked_out = true;
    }
    return true;
}

/* ---- sessions ---- */

static void end_session(struct session *s)
{
    sf_crypto_zeroize(s, sizeof(*s));
    s->state = SLOT_FREE;
}

static void end_all_sessions(struct sf_model *m)
{
    for (size_t i = 0; i < SFP1_MAX_SESSIONS; i++) {
        end_session(&m->sessions[i]);
    }
    m->sessions_void = false;
}

static struct session *find_session(struct sf_model *m, uint8_t sid, enum slot_state state)
{
    if (sid == 0u || sid > m->cfg.max_sessions || m->sessions[sid - 1u].state != state) {
        return NULL;
    }
    return &m->sessions[sid - 1u];
}

/* A free slot, else the least recently used pending one, else the least
 * recently used confirmed one: the number of sessions stays bounded and a
 * host that lost track of its sessions can always open a new one. */
static uint8_t pick_slot(const struct sf_model *m)
{
    uint8_t best = 0u;
    for (uint8_t i = 1u; i < m->cfg.max_sessions; i++) {
        const struct session *a = &m->sessions[i];
        const struct session *b = &m->sessions[best];
        if (a->state < b->state || (a->state == b->state && a->last_used < b->last_used)) {
            best = i;
        }
    }
    return best;
}

static void kdf_info(uint8_t info[KDF_INFO_LEN], const uint8_t *transcript, const char *purpose)
{
    memcpy(info, SFP1_KDF_LABEL, SFP1_KDF_LABEL_LEN);
    memcpy(&info[SFP1_KDF_LABEL_LEN], transcript, 6u); /* zone, sid, C (BE) */
    memcpy(&info[SFP1_KDF_LABEL_LEN + 6u], purpose, 3u);
}

/* K_cmd, K_rsp, K_cfm from the zone's root key and the transcript. */
static bool derive_session_keys(struct session *s, const uint8_t root_key[SFP1_ROOT_KEY_LEN])
{
    uint8_t info[KDF_INFO_LEN];
    const uint8_t *salt = &s->transcript[6]; /* Nh || Nd */
    bool ok = true;
    kdf_info(info, s->transcript, "cmd");
    ok = ok && hkdf(root_key, SFP1_ROOT_KEY_LEN, salt, 2u * SFP1_NONCE_BYTES, info, sizeof(info),
                    s->command_key, sizeof(s->command_key));
    kdf_info(info, s->transcript, "rsp");
    ok = ok && hkdf(root_key, SFP1_ROOT_KEY_LEN, salt, 2u * SFP1_NONCE_BYTES, info, sizeof(info),
                    s->response_key, sizeof(s->response_key));
    kdf_info(info, s->transcript, "cfm");
    ok = ok && hkdf(root_key, SFP1_ROOT_KEY_LEN, salt, 2u * SFP1_NONCE_BYTES, info, sizeof(info),
                    s->confirm_key, sizeof(s->confirm_key));
    return ok;
}

/* HMAC(K_cfm, label || T): make it, or check `expected` in constant time. */
static int proof(const struct session *s, const char *label, uint8_t mac[SFP1_PROOF_LEN],
                 const uint8_t *expected)
{
    uint8_t input[PROOF_LABEL_LEN + SFP1_TRANSCRIPT_LEN];
    size_t label_len = strlen(label);
    memcpy(input, label, label_len);
    memcpy(&input[label_len], s->transcript, SFP1_TRANSCRIPT_LEN);
    return sf_crypto_hmac_with_key_bytes(s->confirm_key, input, label_len + SFP1_TRANSCRIPT_LEN,
                                         mac, expected);
}

/* ---- plain commands ---- */

static uint8_t cmd_open(struct sf_model *m, const uint8_t *payload, uint8_t *sid_out)
{
    struct sf_model_state *st = &m->state;
    uint8_t zone = payload[0];
    if (st->lifecycle == SFP1_LIFECYCLE_BLANK) {
        return SFP1_LIFECYCLE;
    }
    if (zone >= st->n_zones) {
        return count_failure(m) ? SFP1_ZONE_VIOLATION : POWER_LOST;
    }
    if (m->session_counter == UINT32_MAX) {
        return SFP1_COUNTER_LIMIT;
    }
    /* Committed before any key exists, so no two sessions ever share keys
     * whatever happens to the power; committed a range at a time, so an
     * unauthenticated OPEN costs one NV write in SESSION_COUNTER_RANGE. */
    uint32_t c = m->session_counter + 1u;
    if (c > st->session_counter) {
        uint32_t bound = c > UINT32_MAX - (SESSION_COUNTER_RANGE - 1u)
                             ? UINT32_MAX
                             : c + (SESSION_COUNTER_RANGE - 1u);
        if (!sf_model_state_set_session_counter(m->nor, st, bound)) {
            return POWER_LOST;
        }
    }
    m->session_counter = c;
    uint8_t slot = pick_slot(m);
    struct session *s = &m->sessions[slot];
    uint8_t sid = (uint8_t)(slot + 1u);
    end_session(s);
    uint8_t *t = s->transcript;
    t[0] = zone;
    t[1] = sid;
    etss_put_be32(&t[2], c);
    memcpy(&t[6], &payload[1], SFP1_NONCE_BYTES);
    uint8_t *o = m->out;
    if (sf_crypto_random(&t[6 + SFP1_NONCE_BYTES], SFP1_NONCE_BYTES) != SF_OK ||
        !derive_session_keys(s, st->zones[zone].root_key) ||
        proof(s, "device", &o[5u + SFP1_NONCE_BYTES], NULL) != SF_OK) {
        end_session(s);
        return SFP1_INTERNAL_ERROR;
    }
    nor_model_add_busy(m->nor, m->cfg.t_kdf_us);
    o[0] = sid;
    etss_put_le32(&o[1], c);
    memcpy(&o[5], &t[6 + SFP1_NONCE_BYTES], SFP1_NONCE_BYTES);
    m->out_len = SFP1_OPEN_RESPONSE_LEN;
    s->state = SLOT_PENDING;
    s->zone = zone;
    s->last_used = m->tick;
    *sid_out = sid;
    return SFP1_OK;
}

/* CONFIRM answers sealed on success, so it runs its own response. */
static void cmd_confirm(struct sf_model *m, uint8_t sid, const uint8_t *payload)
{
    struct session *s = find_session(m, sid, SLOT_PENDING);
    if (s == NULL) {
        respond_error(m, SFP1_NO_SESSION);
        return;
    }
    int rc = proof(s, "host", NULL, payload);
    if (rc != SF_OK) {
        end_session(s);
        if (rc == SF_ERR_VERIFY && !count_failure(m)) {
            return;
        }
        respond_error(m, rc == SF_ERR_VERIFY ? SFP1_AUTH_FAILED : SFP1_INTERNAL_ERROR);
        return;
    }
    if (m->state.failure_count != 0u && !sf_model_state_set_failures(m->nor, &m->state, 0u)) {
        return;
    }
    sf_crypto_zeroize(s->confirm_key, sizeof(s->confirm_key));
    s->state = SLOT_CONFIRMED;
    s->last_used = m->tick;
    m->out_len = 0u;
    if (!respond_sealed(m, s, SFP1_CMD_CONFIRM, sid, 0u, SFP1_OK, false)) {
        end_session(s);
        respond_error(m, SFP1_INTERNAL_ERROR);
    }
}

/* GET_INFO's and SECURITY_INFO's answer. */
static void describe(struct sf_model *m)
{
    m->out_len = sf_model_state_info(&m->state, m->cfg.n_counters, m->cfg.max_sessions,
                                     m->cfg.features, m->out);
}

/* Does the part have a cipher (not an authentication flash)? */
static bool confidential(const struct sf_model *m)
{
    return (m->cfg.features & SFP1_FEATURE_CONFIDENTIALITY) != 0u;
}

/* Store a provisioning record: the plain PROVISION of a blank part, or
 * REPROVISION in a session. Every session ends (after the answer). */
static uint8_t apply_provisioning(struct sf_model *m, uint8_t lifecycle, const uint8_t *payload,
                                  size_t n)
{
    if (m->state.lifecycle != lifecycle) {
        return SFP1_LIFECYCLE;
    }
    /* The record arrives sealed to this part's identity key: only the
     * part it was made for reads the root keys in it. */
    if (n < SFP1_ENVELOPE_OVERHEAD || n - SFP1_ENVELOPE_OVERHEAD > sizeof(m->record)) {
        return SFP1_MALFORMED;
    }
    size_t len = n - SFP1_ENVELOPE_OVERHEAD;
    int rc =
        sf_crypto_envelope_open(m->device_key, (const uint8_t *)SFP1_ENVELOPE_LABEL,
                                SFP1_ENVELOPE_LABEL_LEN, payload, n, m->record, sizeof(m->record));
    nor_model_add_busy(m->nor, m->cfg.t_kdf_us); /* the key agreement */
    uint8_t status = SFP1_OK;
    if (rc != SF_OK) {
        status = rc == SF_ERR_VERIFY ? SFP1_AUTH_FAILED : SFP1_INTERNAL_ERROR;
    } else if (!sf_model_record_valid(m->record, len, nor_model_config(m->nor)->size_bytes,
                                      m->cfg.n_counters) ||
               (!confidential(m) && sf_model_record_has_encrypted_zone(m->record))) {
        status = SFP1_MALFORMED;
    } else if (!sf_model_state_provision(m->nor, &m->state, m->record, len)) {
        status = POWER_LOST;
    } else {
        m->sessions_void = true;
        m->out_len = 0u;
    }
    sf_crypto_zeroize(m->record, sizeof(m->record));
    return status;
}

static void plain_command(struct sf_model *m, uint8_t type, uint8_t sid, uint32_t sequence,
                          const uint8_t *payload, size_t n)
{
    bool plain_type = type == SFP1_CMD_GET_INFO || type == SFP1_CMD_GET_CERT ||
                      type == SFP1_CMD_OPEN || type == SFP1_CMD_CONFIRM ||
                      type == SFP1_CMD_PROVISION;
    bool well_formed = sequence == 0u && (type == SFP1_CMD_CONFIRM ? sid != 0u : sid == 0u) &&
                       (type == SFP1_CMD_GET_INFO || type == SFP1_CMD_GET_CERT ? n == 0u
                        : type == SFP1_CMD_OPEN    ? n == 1u + SFP1_NONCE_BYTES
                        : type == SFP1_CMD_CONFIRM ? n == SFP1_PROOF_LEN
                                                   : true);
    uint8_t status;
    if (!plain_type) {
        /* Session commands need their tag; anything else is unknown. */
        respond_error(m, type >= SFP1_CMD_READ && type <= SFP1_CMD_CLOSE ? SFP1_MALFORMED
                                                                         : SFP1_UNSUPPORTED);
        return;
    }
    if (!well_formed) {
        respond_error(m, SFP1_MALFORMED);
        return;
    }
    if (type == SFP1_CMD_GET_INFO) {
        describe(m);
        respond_plain(m, type, 0u, 0u, SFP1_OK);
        return;
    }
    if (type == SFP1_CMD_GET_CERT) {
        memcpy(m->out, m->cert, SFP1_CERT_LEN);
        m->out_len = SFP1_CERT_LEN;
        respond_plain(m, type, 0u, 0u, SFP1_OK);
        return;
    }
    if (m->locked_out) {
        respond_error(m, SFP1_LOCKED_OUT);
        return;
    }
    switch (type) {
    case SFP1_CMD_OPEN:
        status = cmd_open(m, payload, &sid);
        break;
    case SFP1_CMD_CONFIRM:
        cmd_confirm(m, sid, payload);
        return;
    default:
        /* In clear, so only a blank part takes it; a provisioned one is
         * provisioned again in a session (REPROVISION). */
        status = apply_provisioning(m, SFP1_LIFECYCLE_BLANK, payload, n);
        break;
    }
    if (status == POWER_LOST) {
        return;
    }
    if (status == SFP1_OK) {
        respond_plain(m, type, sid, 0u, SFP1_OK);
    } else {
        respond_error(m, status);
    }
    if (m->sessions_void) {
        end_all_sessions(m);
    }
}

/* ---- session commands ---- */

static bool in_zone(const struct sf_model_zone *z, uint32_t addr, uint32_t len)
{
    return addr >= z->base && (uint64_t)addr + len <= (uint64_t)z->base + z->size;
}

static bool counter_bound(const struct sf_model_state *st, uint8_t zone, uint8_t id)
{
    for (uint8_t i = 0; i < st->n_bindings; i++) {
        if (st->bindings[i].zone == zone && st->bindings[i].counter == id) {
            return true;
        }
    }
    return false;
}

/* Does the answer to this command travel encrypted? Depends on the command
 * and the zone only, never on the outcome. */
static bool response_encrypted(const struct sf_model *m, const struct session *s, uint8_t type)
{
    /* An authentication flash has no cipher: its answers are only sealed. */
    return confidential(m) && (type == SFP1_CMD_RANDOM || type == SFP1_CMD_PUF ||
                               ((type == SFP1_CMD_READ || type == SFP1_CMD_READ_STRIDED) &&
                                m->state.zones[s->zone].read_policy == SFP1_READ_ENCRYPTED));
}

static uint8_t array_result(const struct sf_model *m, bool started)
{
    if (started) {
        return SFP1_OK;
    }
    return nor_model_is_powered(m->nor) ? SFP1_FLASH_FAILURE : POWER_LOST;
}

static uint8_t cmd_read(struct sf_model *m, const struct sf_model_zone *z, const uint8_t *p,
                        size_t n)
{
    if (n != SFP1_READ_REQUEST_LEN) {
        return SFP1_MALFORMED;
    }
    uint32_t addr = etss_get_le32(&p[SFP1_REQ_ADDRESS]);
    uint16_t len = etss_get_le16(&p[SFP1_REQ_READ_LENGTH]);
    if (len == 0u || len > SFP1_MAX_READ) {
        return SFP1_MALFORMED;
    }
    if (!in_zone(z, addr, len)) {
        return SFP1_ZONE_VIOLATION;
    }
    nor_model_read_array(m->nor, addr, m->out, len);
    m->out_len = len;
    return SFP1_OK;
}

/* Runs of one length at a stride, each wholly in the zone, answered back
 * to back. */
static uint8_t cmd_read_strided(struct sf_model *m, const struct sf_model_zone *z, const uint8_t *p,
                                size_t n)
{
    if (n != SFP1_READ_STRIDED_REQUEST_LEN) {
        return SFP1_MALFORMED;
    }
    uint32_t addr = etss_get_le32(&p[SFP1_REQ_ADDRESS]);
    uint32_t stride = etss_get_le32(&p[SFP1_REQ_STRIDE]);
    uint16_t len = etss_get_le16(&p[SFP1_REQ_STRIDED_LENGTH]);
    uint16_t count = etss_get_le16(&p[SFP1_REQ_STRIDED_COUNT]);
    if (len == 0u || count == 0u || (uint32_t)len * count > SFP1_MAX_READ || stride < len) {
        return SFP1_MALFORMED;
    }
    uint64_t last = addr + (uint64_t)(count - 1u) * stride;
    if (last > UINT32_MAX || !in_zone(z, addr, len) || !in_zone(z, (uint32_t)last, len)) {
        return SFP1_ZONE_VIOLATION;
    }
    for (uint32_t i = 0; i < count; i++) {
        nor_model_read_array(m->nor, addr + i * stride, &m->out[i * len], len);
    }
    m->out_len = (size_t)len * count;
    return SFP1_OK;
}

static uint8_t cmd_program(struct sf_model *m, const struct sf_model_zone *z, bool encrypted,
                           const uint8_t *p, size_t n)
{
    if (n <= SFP1_REQ_PROGRAM_DATA || n > SFP1_PROGRAM_REQUEST_MAX) {
        return SFP1_MALFORMED;
    }
    uint32_t addr = etss_get_le32(&p[SFP1_REQ_ADDRESS]);
    uint32_t len = (uint32_t)(n - SFP1_REQ_PROGRAM_DATA);
    if (!in_zone(z, addr, len)) {
        return SFP1_ZONE_VIOLATION;
    }
    if (z->write_policy == SFP1_WRITE_READ_ONLY ||
        (z->read_policy == SFP1_READ_ENCRYPTED && !encrypted)) {
        return SFP1_POLICY;
    }
    return array_result(m, nor_model_start_program(m->nor, addr, &p[SFP1_REQ_PROGRAM_DATA], len));
}

static uint8_t cmd_erase(struct sf_model *m, const struct sf_model_zone *z, const uint8_t *p,
                         size_t n)
{
    uint32_t addr = n == SFP1_ERASE_REQUEST_LEN ? etss_get_le32(&p[SFP1_REQ_ADDRESS]) : 0u;
    if (n != SFP1_ERASE_REQUEST_LEN || addr % SFP1_SECTOR_SIZE != 0u) {
        return SFP1_MALFORMED;
    }
    if (!in_zone(z, addr, SFP1_SECTOR_SIZE)) {
        return SFP1_ZONE_VIOLATION;
    }
    if (z->write_policy == SFP1_WRITE_READ_ONLY) {
        return SFP1_POLICY;
    }
    return array_result(m, nor_model_start_erase(m->nor, addr, SFP1_SECTOR_SIZE));
}

static uint8_t cmd_counter(struct sf_model *m, const struct session *s, bool increment,
                           const uint8_t *p, size_t n)
{
    struct sf_model_state *st = &m->state;
    if (n != SFP1_COUNTER_REQUEST_LEN || p[SFP1_REQ_COUNTER_ID] >= m->cfg.n_counters) {
        return SFP1_MALFORMED;
    }
    uint8_t id = p[SFP1_REQ_COUNTER_ID];
    if (!counter_bound(st, s->zone, id)) {
        return SFP1_ZONE_VIOLATION;
    }
    if (increment) {
        if (st->counters[id] == UINT32_MAX) {
            return SFP1_COUNTER_LIMIT;
        }
        if (!sf_model_state_set_counter(m->nor, st, id, st->counters[id] + 1u)) {
            return POWER_LOST;
        }
    }
    etss_put_le32(m->out, st->counters[id]);
    m->out_len = SFP1_COUNTER_RESPONSE_LEN;
    return SFP1_OK;
}

static uint8_t cmd_random(struct sf_model *m, const uint8_t *p, size_t n)
{
    size_t len = n == SFP1_RANDOM_REQUEST_LEN ? etss_get_le16(&p[SFP1_REQ_RANDOM_LENGTH]) : 0u;
    if (len == 0u || len > SFP1_MAX_DATA) {
        return SFP1_MALFORMED;
    }
    m->out_len = len;
    return sf_crypto_random(m->out, m->out_len) == SF_OK ? SFP1_OK : SFP1_INTERNAL_ERROR;
}

static uint8_t cmd_puf(struct sf_model *m, const uint8_t *p, size_t n)
{
    uint8_t input[PUF_LABEL_LEN + SFP1_MAX_PUF_CHALLENGE];
    if (n == 0u || n > SFP1_MAX_PUF_CHALLENGE) {
        return SFP1_MALFORMED;
    }
    memcpy(input, PUF_LABEL, PUF_LABEL_LEN);
    memcpy(&input[PUF_LABEL_LEN], p, n);
    m->out_len = SFP1_PUF_RESPONSE_LEN;
    return sf_crypto_hmac_with_key_bytes(m->puf_secret, input, PUF_LABEL_LEN + n, m->out, NULL) ==
                   SF_OK
               ? SFP1_OK
               : SFP1_INTERNAL_ERROR;
}

static uint8_t cmd_lock(struct sf_model *m)
{
    if (m->state.lifecycle != SFP1_LIFECYCLE_PROVISIONED) {
        return SFP1_LIFECYCLE;
    }
    return sf_model_state_set_lifecycle(m->nor, &m->state, SFP1_LIFECYCLE_LOCKED) ? SFP1_OK
                                                                                  : POWER_LOST;
}

/* Commands without a payload: anything sent with them is malformed. */
static uint8_t no_payload(size_t n, uint8_t status)
{
    return n == 0u ? status : (uint8_t)SFP1_MALFORMED;
}

/* The feature a command needs, 0 for the core ones. */
static uint8_t feature_of(uint8_t type)
{
    switch (type) {
    case SFP1_CMD_COUNTER_READ:
    case SFP1_CMD_COUNTER_INCREMENT:
        return SFP1_FEATURE_COUNTERS;
    case SFP1_CMD_RANDOM:
        return SFP1_FEATURE_TRNG;
    case SFP1_CMD_PUF:
        return SFP1_FEATURE_PUF;
    case SFP1_CMD_UID:
        return SFP1_FEATURE_UID;
    default:
        return 0u;
    }
}

static uint8_t execute(struct sf_model *m, const struct session *s, uint8_t type, bool encrypted,
                       const uint8_t *p, size_t n)
{
    const struct sf_model_zone *z = &m->state.zones[s->zone];
    m->out_len = 0u;
    if ((feature_of(type) & ~m->cfg.features) != 0u) {
        return SFP1_UNSUPPORTED; /* a part without it, as its SFDP table says */
    }
    switch (type) {
    case SFP1_CMD_READ:
        return cmd_read(m, z, p, n);
    case SFP1_CMD_READ_STRIDED:
        return m->cfg.protocol_version == SFP1_SFDP_STRIDED_VERSION ? cmd_read_strided(m, z, p, n)
                                                                    : (uint8_t)SFP1_UNSUPPORTED;
    case SFP1_CMD_PROGRAM:
        return cmd_program(m, z, encrypted, p, n);
    case SFP1_CMD_ERASE:
        return cmd_erase(m, z, p, n);
    case SFP1_CMD_COUNTER_READ:
    case SFP1_CMD_COUNTER_INCREMENT:
        return cmd_counter(m, s, type == SFP1_CMD_COUNTER_INCREMENT, p, n);
    case SFP1_CMD_RANDOM:
        return cmd_random(m, p, n);
    case SFP1_CMD_PUF:
        return cmd_puf(m, p, n);
    case SFP1_CMD_UID:
        memcpy(m->out, m->uid, SFP1_UID_LEN);
        m->out_len = SFP1_UID_LEN;
        return no_payload(n, SFP1_OK);
    case SFP1_CMD_SECURITY_INFO:
        describe(m);
        return no_payload(n, SFP1_OK);
    case SFP1_CMD_LOCK:
        if (s->zone != SFP1_ADMIN_ZONE) {
            return SFP1_ZONE_VIOLATION;
        }
        return n == 0u ? cmd_lock(m) : (uint8_t)SFP1_MALFORMED;
    case SFP1_CMD_REPROVISION:
        /* Only a host holding zone 0's key; the record is sealed to the
         * part's identity, whatever the frame's own ENC flag. */
        if (s->zone != SFP1_ADMIN_ZONE) {
            return SFP1_ZONE_VIOLATION;
        }
        return apply_provisioning(m, SFP1_LIFECYCLE_PROVISIONED, p, n);
    case SFP1_CMD_CLOSE:
        return no_payload(n, SFP1_OK);
    default:
        return SFP1_UNSUPPORTED;
    }
}

/* Check the tag (and decrypt) of a session frame into m->plain. */
static int authenticate(struct sf_model *m, const struct session *s, const uint8_t *f, size_t n)
{
    uint8_t nonce[SFP1_NONCE_LEN];
    make_nonce(nonce, SFP1_DIR_HOST_TO_DEVICE, f[SFP1_OFF_SESSION],
               etss_get_le32(&f[SFP1_OFF_SEQUENCE]));
    if ((f[SFP1_OFF_FLAGS] & SFP1_FLAG_ENC) != 0u) {
        return aead(false, s->command_key, nonce, f, SFP1_HEADER_LEN, &f[SFP1_HEADER_LEN],
                    n + SFP1_TAG_LEN, m->plain, sizeof(m->plain));
    }
    memcpy(m->plain, &f[SFP1_HEADER_LEN], n);
    return aead(false, s->command_key, nonce, f, SFP1_HEADER_LEN + n, &f[SFP1_HEADER_LEN + n],
                SFP1_TAG_LEN, NULL, 0u);
}

static void session_command(struct sf_model *m, const uint8_t *f, size_t n)
{
    uint8_t type = f[SFP1_OFF_TYPE];
    uint8_t sid = f[SFP1_OFF_SESSION];
    uint32_t sequence = etss_get_le32(&f[SFP1_OFF_SEQUENCE]);
    if (m->locked_out) {
        respond_error(m, SFP1_LOCKED_OUT);
        return;
    }
    struct session *s = find_session(m, sid, SLOT_CONFIRMED);
    if (s == NULL) {
        respond_error(m, SFP1_NO_SESSION);
        return;
    }
    if ((f[SFP1_OFF_FLAGS] & SFP1_FLAG_ENC) != 0u && !confidential(m)) {
        respond_error(m, SFP1_UNSUPPORTED); /* no cipher to open it with */
        return;
    }
    int rc = authenticate(m, s, f, n);
    /* A forged frame, or a replayed or reordered one, ends the session. A
     * stale frame is never answered sealed: its sequence number's nonce is
     * spent. */
    uint8_t refusal = rc == SF_ERR_VERIFY            ? SFP1_AUTH_FAILED
                      : rc != SF_OK                  ? SFP1_INTERNAL_ERROR
                      : sequence <= s->last_sequence ? SFP1_STALE_SEQUENCE
                                                     : SFP1_OK;
    if (refusal != SFP1_OK) {
        sf_crypto_zeroize(m->plain, sizeof(m->plain));
        end_session(s);
        if (refusal != SFP1_INTERNAL_ERROR && !count_failure(m)) {
            return;
        }
        respond_error(m, refusal);
        return;
    }
    s->last_sequence = sequence;
    s->ops++;
    s->last_used = m->tick;
    bool encrypted = (f[SFP1_OFF_FLAGS] & SFP1_FLAG_ENC) != 0u;
    uint8_t status = execute(m, s, type, encrypted, m->plain, n);
    sf_crypto_zeroize(m->plain, sizeof(m->plain));
    if (status == POWER_LOST || (status == SFP1_ZONE_VIOLATION && !count_failure(m))) {
        return;
    }
    if (!respond_sealed(m, s, type, sid, sequence, status, response_encrypted(m, s, type))) {
        respond_error(m, SFP1_INTERNAL_ERROR);
    }
    if (type == SFP1_CMD_CLOSE || s->ops >= m->state.session_max_ops) {
        end_session(s);
    }
    if (m->sessions_void) {
        end_all_sessions(m);
    }
}

/* ---- the frame as a whole ---- */

static bool header_valid(const uint8_t *f, size_t total)
{
    if (total < SFP1_HEADER_LEN) {
        return false;
    }
    uint8_t flags = f[SFP1_OFF_FLAGS];
    size_t n = etss_get_le16(&f[SFP1_OFF_LENGTH]);
    bool auth = (flags & SFP1_FLAG_AUTH) != 0u;
    return f[SFP1_OFF_VERSION] == SFP1_VERSION && (f[SFP1_OFF_TYPE] & SFP1_RESPONSE_BIT) == 0u &&
           (flags & ~(uint8_t)(SFP1_FLAG_AUTH | SFP1_FLAG_ENC)) == 0u && (auth || flags == 0u) &&
           f[SFP1_OFF_STATUS] == 0u && f[SFP1_OFF_RESERVED] == 0u && n <= SFP1_MAX_PAYLOAD &&
           total == SFP1_HEADER_LEN + n + (auth ? SFP1_TAG_LEN : 0u);
}

static void process_frame(struct sf_model *m)
{
    const uint8_t *f = m->in;
    m->tick++;
    memset(m->rsp, 0xFF, sizeof(m->rsp));
    m->rsp_len = 0u;
    if (!header_valid(f, m->in_len)) {
        respond_error(m, SFP1_MALFORMED);
    } else if ((f[SFP1_OFF_FLAGS] & SFP1_FLAG_AUTH) != 0u) {
        session_command(m, f, etss_get_le16(&f[SFP1_OFF_LENGTH]));
    } else {
        plain_command(m, f[SFP1_OFF_TYPE], f[SFP1_OFF_SESSION],
                      etss_get_le32(&f[SFP1_OFF_SEQUENCE]), &f[SFP1_HEADER_LEN],
                      etss_get_le16(&f[SFP1_OFF_LENGTH]));
    }
    if (!nor_model_is_powered(m->nor)) {
        return;
    }
    /* Parsing and AEAD over both payloads. */
    size_t bytes = m->in_len + m->rsp_len;
    nor_model_add_busy(m->nor, m->cfg.t_frame_us +
                                   m->cfg.t_per_16_bytes_us * (uint32_t)((bytes + 15u) / 16u));
}

/* ---- NOR model extension hooks ---- */

static bool ext_claims(void *ctx, uint8_t opcode)
{
    (void)ctx;
    return opcode == SFP1_OP_SECURE_WRITE || opcode == SFP1_OP_SECURE_READ;
}

static uint8_t ext_clock(void *ctx, uint64_t position, uint8_t mosi, bool *response)
{
    struct sf_model *m = ctx;
    *response = false;
    if (position == 0u) {
        m->opcode = mosi;
        m->in_len = 0u;
        m->overflow = false;
        m->read_offset = 0u;
        return 0xFFu;
    }
    if (m->opcode == SFP1_OP_SECURE_WRITE) {
        if (m->in_len < sizeof(m->in)) {
            m->in[m->in_len++] = mosi;
        } else {
            m->overflow = true;
        }
        return 0xFFu;
    }
    /* SECURE_READ: offset (BE), one dummy, then the response buffer. */
    if (position <= 2u) {
        m->read_offset = (uint16_t)((m->read_offset << 8) | mosi);
        return 0xFFu;
    }
    if (position < SFP1_SECURE_READ_HEADER_LEN) {
        return 0xFFu;
    }
    *response = true;
    uint64_t at = m->read_offset + (position - SFP1_SECURE_READ_HEADER_LEN);
    return at < m->rsp_len ? m->rsp[at] : 0xFFu;
}

static void ext_release(void *ctx, uint64_t length)
{
    struct sf_model *m = ctx;
    (void)length;
    if (m->opcode == SFP1_OP_SECURE_WRITE && m->in_len != 0u && !m->overflow) {
        process_frame(m);
    }
    sf_crypto_zeroize(m->in, sizeof(m->in));
    m->in_len = 0u;
}

static bool ext_plain_access_allowed(void *ctx, uint32_t addr, uint32_t len, bool write)
{
    const struct sf_model *m = ctx;
    const struct sf_model_state *st = &m->state;
    if (st->lifecycle == SFP1_LIFECYCLE_BLANK) {
        return true;
    }
    if (st->n_zones == 0u) {
        return false; /* a damaged provisioning record: fail closed */
    }
    for (uint8_t i = 0; i < st->n_zones; i++) {
        const struct sf_model_zone *z = &st->zones[i];
        bool touches = (uint64_t)addr < (uint64_t)z->base + z->size &&
                       (uint64_t)z->base < (uint64_t)addr + len;
        bool open = write ? z->write_policy == SFP1_WRITE_OPEN : z->read_policy == SFP1_READ_OPEN;
        if (touches && !open) {
            return false;
        }
    }
    return true;
}

static void ext_violation(void *ctx)
{
    (void)count_failure(ctx);
}

static void ext_reset(void *ctx)
{
    struct sf_model *m = ctx;
    end_all_sessions(m);
    m->session_counter = m->state.session_counter; /* power-up: past every value used */
    m->locked_out = false;
    memset(m->rsp, 0xFF, sizeof(m->rsp));
    m->rsp_len = 0u;
    sf_crypto_zeroize(m->in, sizeof(m->in));
    sf_crypto_zeroize(m->plain, sizeof(m->plain));
    sf_crypto_zeroize(m->out, sizeof(m->out));
    m->in_len = 0u;
}

static const struct nor_model_extension engine_hooks = {
    .claims = ext_claims,
    .clock = ext_clock,
    .release = ext_release,
    .plain_access_allowed = ext_plain_access_allowed,
    .violation = ext_violation,
    .reset = ext_reset,
};

/* ---- life of a model ---- */

void sf_model_default_config(struct sf_model_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    nor_model_default_config(&cfg->nor);
    cfg->features = SFP1_FEATURE_ZONES | SFP1_FEATURE_COUNTERS | SFP1_FEATURE_TRNG |
                    SFP1_FEATURE_PUF | SFP1_FEATURE_UID | SFP1_FEATURE_CONFIDENTIALITY |
                    SFP1_FEATURE_AUTHENTICATION;
    cfg->protocol_version = SFP1_SFDP_STRIDED_VERSION;
    cfg->n_counters = SF_MODEL_MAX_COUNTERS;
    cfg->max_sessions = SFP1_MAX_SESSIONS;
    cfg->device_seed = 1u;
    cfg->t_frame_us = 20u;
    cfg->t_per_16_bytes_us = 1u;
    cfg->t_kdf_us = 150u;
}

static void build_sfdp_table(struct sf_model *m)
{
    const uint32_t features = m->cfg.features;
    m->sfdp_table[0] = SFP1_SFDP_SIGNATURE;
    m->sfdp_table[1] = m->cfg.protocol_version | (SFP1_OP_SECURE_WRITE << 8) |
                       (SFP1_OP_SECURE_READ << 16) | (features << 24);
    m->sfdp_table[2] = SFP1_MAX_ZONES | ((uint32_t)m->cfg.n_counters << 8) |
                       ((uint32_t)m->cfg.max_sessions << 16) | ((SFP1_MAX_PAYLOAD / 16u) << 24);
    const uint32_t per_256 = m->cfg.t_per_16_bytes_us * 16u;
    m->sfdp_table[3] =
        SFP1_AEAD_AES128_GCM | (SFP1_KDF_HKDF_SHA256 << 8) |
        ((m->cfg.t_frame_us < 255u ? m->cfg.t_frame_us : 255u) << SFP1_SFDP_FRAME_US_SHIFT) |
        ((per_256 < 255u ? per_256 : 255u) << SFP1_SFDP_PER_256_US_SHIFT);
}

/* A P-256 private key made from a seed (a scalar out of range, about one
 * seed in 2^32, takes the next try). */
static bool ec_key_from_seed(const char *salt, uint64_t seed, uint8_t key[SF_EC_PRIVATE_KEY_LEN],
                             uint8_t public_key[SF_EC_PUBLIC_KEY_LEN])
{
    uint8_t ikm[8];
    for (size_t i = 0; i < sizeof(ikm); i++) {
        ikm[i] = (uint8_t)(seed >> (8u * i));
    }
    bool ok = false;
    for (uint8_t attempt = 0; attempt < 8u && !ok; attempt++) {
        uint8_t info[4] = {'E', 'C', 'K', attempt};
        ok = hkdf(ikm, sizeof(ikm), (const uint8_t *)salt, strlen(salt), info, sizeof(info), key,
                  SF_EC_PRIVATE_KEY_LEN) &&
             sf_crypto_ec_public_key(key, public_key) == SF_OK;
    }
    sf_crypto_zeroize(ikm, sizeof(ikm));
    return ok;
}

#define MAKER_SALT "ETSS model maker"

int sf_model_maker_public_key(uint64_t maker_seed, uint8_t out[SF_EC_PUBLIC_KEY_LEN])
{
    uint8_t key[SF_EC_PRIVATE_KEY_LEN];
    bool ok = sf_crypto_init() == SF_OK && ec_key_from_seed(MAKER_SALT, maker_seed, key, out);
    sf_crypto_zeroize(key, sizeof(key));
    return ok ? 0 : -1;
}

/* "Chip manufacture": the part's unique secrets, fixed by its seed as a
 * die's are by silicon, and its identity certificate signed by its maker. */
static bool compute_device_secrets(struct sf_model *m)
{
    static const char salt[] = "ETSS model device";
    uint8_t ikm[8];
    uint8_t maker_key[SF_EC_PRIVATE_KEY_LEN];
    uint8_t maker_public[SF_EC_PUBLIC_KEY_LEN];
    uint8_t *c = m->cert;
    for (size_t i = 0; i < sizeof(ikm); i++) {
        ikm[i] = (uint8_t)(m->cfg.device_seed >> (8u * i));
    }
    bool ok = hkdf(ikm, sizeof(ikm), (const uint8_t *)salt, sizeof(salt) - 1u,
                   (const uint8_t *)"PUF secret", 10u, m->puf_secret, sizeof(m->puf_secret)) &&
              hkdf(ikm, sizeof(ikm), (const uint8_t *)salt, sizeof(salt) - 1u,
                   (const uint8_t *)"UID", 3u, m->uid, sizeof(m->uid));
    sf_crypto_zeroize(ikm, sizeof(ikm));
    memset(c, 0, SFP1_CERT_LEN);
    memcpy(c, SFP1_CERT_MAGIC, 4u);
    c[4] = SFP1_CERT_VERSION;
    c[SFP1_CERT_OFF_FEATURES] = m->cfg.features;
    memcpy(&c[SFP1_CERT_OFF_UID], m->uid, SFP1_UID_LEN);
    ok = ok && ec_key_from_seed(salt, m->cfg.device_seed, m->device_key, &c[SFP1_CERT_OFF_KEY]) &&
         ec_key_from_seed(MAKER_SALT, m->cfg.maker_seed, maker_key, maker_public) &&
         sf_crypto_ecdsa_sign(maker_key, c, SFP1_CERT_BODY_LEN, &c[SFP1_CERT_BODY_LEN]) == SF_OK;
    sf_crypto_zeroize(maker_key, sizeof(maker_key));
    return ok;
}

/* The secrets of the last part made: a function of its seeds and features
 * alone, and dear to compute (two P-256 keys and a signature), while tests
 * make thousands of parts with the same seeds. A real part's certificate
 * is made once too, at its factory. */
static struct {
    bool valid;
    uint64_t device_seed;
    uint64_t maker_seed;
    uint8_t features;
    uint8_t puf_secret[32];
    uint8_t uid[SFP1_UID_LEN];
    uint8_t device_key[SF_EC_PRIVATE_KEY_LEN];
    uint8_t cert[SFP1_CERT_LEN];
} last_part;

static bool derive_device_secrets(struct sf_model *m)
{
    if (!last_part.valid || last_part.device_seed != m->cfg.device_seed ||
        last_part.maker_seed != m->cfg.maker_seed || last_part.features != m->cfg.features) {
        last_part.valid = compute_device_secrets(m);
        if (!last_part.valid) {
            return false;
        }
        last_part.device_seed = m->cfg.device_seed;
        last_part.maker_seed = m->cfg.maker_seed;
        last_part.features = m->cfg.features;
        memcpy(last_part.puf_secret, m->puf_secret, sizeof(m->puf_secret));
        memcpy(last_part.uid, m->uid, sizeof(m->uid));
        memcpy(last_part.device_key, m->device_key, sizeof(m->device_key));
        memcpy(last_part.cert, m->cert, sizeof(m->cert));
        return true;
    }
    memcpy(m->puf_secret, last_part.puf_secret, sizeof(m->puf_secret));
    memcpy(m->uid, last_part.uid, sizeof(m->uid));
    memcpy(m->device_key, last_part.device_key, sizeof(m->device_key));
    memcpy(m->cert, last_part.cert, sizeof(m->cert));
    return true;
}

sf_model_t *sf_model_create(const struct sf_model_config *cfg, enum nor_model_status *status)
{
    enum nor_model_status ignored = NOR_MODEL_OK;
    status = status != NULL ? status : &ignored;
    *status = NOR_MODEL_ERR_CONFIG;
    if (cfg == NULL || cfg->n_counters < 4u || cfg->n_counters > SF_MODEL_MAX_COUNTERS ||
        cfg->max_sessions == 0u || cfg->max_sessions > SFP1_MAX_SESSIONS ||
        (cfg->protocol_version != SFP1_VERSION &&
         cfg->protocol_version != SFP1_SFDP_STRIDED_VERSION) ||
        cfg->nor.n_extra_sfdp >= NOR_MODEL_MAX_EXTRA_SFDP_TABLES || sf_crypto_init() != SF_OK) {
        return NULL;
    }
    struct sf_model *m = model_alloc(sizeof(*m));
    if (m == NULL) {
        *status = NOR_MODEL_ERR_NO_MEMORY;
        return NULL;
    }
    m->cfg = *cfg;
    build_sfdp_table(m);
    struct nor_model_config nor = cfg->nor;
    nor.nv_size = sf_model_state_nv_size();
    nor.extra_sfdp[nor.n_extra_sfdp++] = (struct nor_model_sfdp_table){
        .id = SFP1_SFDP_ID,
        .rev_major = 1u,
        .rev_minor = 0u,
        .dwords = m->sfdp_table,
        .n_dwords = SFP1_SFDP_DWORDS,
    };
    m->cfg.nor = nor;
    if (!derive_device_secrets(m)) {
        model_free(m);
        return NULL;
    }
    m->nor = nor_model_create(&nor, status);
    if (m->nor == NULL) {
        sf_crypto_zeroize(m, sizeof(*m));
        model_free(m);
        return NULL;
    }
    sf_model_state_load(m->nor, &m->state);
    m->session_counter = m->state.session_counter;
    memset(m->rsp, 0xFF, sizeof(m->rsp));
    nor_model_set_extension(m->nor, &engine_hooks, m);
    *status = NOR_MODEL_OK;
    return m;
}

void sf_model_destroy(sf_model_t *sf)
{
    if (sf == NULL) {
        return;
    }
    nor_model_destroy(sf->nor);
    sf_crypto_zeroize(sf, sizeof(*sf));
    model_free(sf);
}

nor_model_t *sf_model_nor(sf_model_t *sf)
{
    return sf->nor;
}

void sf_model_view(const sf_model_t *sf, struct sf_model_view *view)
{
    memset(view, 0, sizeof(*view));
    view->lifecycle = sf->state.lifecycle;
    view->failure_count = sf->state.failure_count;
    view->locked_out = sf->locked_out;
    view->session_counter = sf->session_counter;
    for (size_t i = 0; i < SFP1_MAX_SESSIONS; i++) {
        view->open_sessions = (uint8_t)(view->open_sessions + (sf->sessions[i].state != SLOT_FREE));
    }
    view->n_counters = sf->cfg.n_counters;
    memcpy(view->counters, sf->state.counters, sizeof(view->counters));
    view->n_zones = sf->state.n_zones;
    for (uint8_t i = 0; i < sf->state.n_zones; i++) {
        view->zones[i].base = sf->state.zones[i].base;
        view->zones[i].size = sf->state.zones[i].size;
        view->zones[i].read_policy = sf->state.zones[i].read_policy;
        view->zones[i].write_policy = sf->state.zones[i].write_policy;
    }
    view->n_bindings = sf->state.n_bindings;
    for (uint8_t i = 0; i < sf->state.n_bindings; i++) {
        view->bindings[i].client_id = sf->state.bindings[i].client_id;
        view->bindings[i].zone = sf->state.bindings[i].zone;
        view->bindings[i].counter = sf->state.bindings[i].counter;
    }
}

void sf_model_test_set_counter(sf_model_t *sf, uint8_t id, uint32_t value)
{
    if (id < sf->cfg.n_counters && sf_model_state_set_counter(sf->nor, &sf->state, id, value)) {
        while (nor_model_is_busy(sf->nor)) {
            nor_model_advance(sf->nor, 1000u);
        }
    }
}
