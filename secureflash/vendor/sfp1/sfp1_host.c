/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The direct SFP1 vendor binding (docs/secure-flash-protocol.md): each
 * operation is one exchange, or two for a session's set-up, through
 * SFP1's packet builder and response parser (sfp1_packet.c).
 */
#include <string.h>

#include "sf_vendor.h"
#include "sfp1_host.h"
#include "sfp1_packet.h"
#include "sfp1_protocol.h"
#include "sfp1_request.h"

_Static_assert(sizeof(struct sfp1_state) <= SF_VENDOR_STATE_BYTES,
               "SFP1's state must fit the device's vendor state");

/*
 * One command and its response. A session command whose response fails
 * any check ends the session: the part ends it too on a failure, and a
 * desynchronised session cannot be trusted again.
 */
static int exchange(struct sf_vendor_ctx *vc, struct sfp1_exchange *x)
{
    int rc = sfp1_packet_begin(x);
    if (rc != SF_OK) {
        return rc;
    }
    rc = sfp1_packet_wait_ready(vc);
    if (rc == SF_OK) {
        rc = sfp1_packet_build(vc, x);
    }
    if (rc == SF_OK) {
        rc = sfp1_packet_send(vc, x);
    }
    if (rc == SF_OK) {
        rc = sfp1_packet_receive(vc, x);
    }
    if (rc == SF_OK) {
        rc = sfp1_packet_parse(vc, x);
    }
    return sfp1_packet_end(vc, x, rc);
}

/* A session command with a plain payload and an empty response. */
static int session_command(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t command,
                           const uint8_t *payload, size_t len)
{
    struct sfp1_exchange x = {
        .command = command,
        .session = s,
        .payload = payload,
        .payload_len = len,
    };
    return exchange(vc, &x);
}

/* ---- discovery ---- */

static int sfp1_get_info(struct sf_vendor_ctx *vc, struct sf_info *info)
{
    struct sfp1_exchange x = {
        .command = SFP1_CMD_GET_INFO, .response = vc->scratch, .response_size = SF_MAX_FRAME};
    int rc = exchange(vc, &x);
    return rc == SF_OK ? sfp1_packet_parse_info(vc->scratch, x.response_len, info) : rc;
}

static int sfp1_identity(struct sf_vendor_ctx *vc, struct sf_identity *id)
{
    struct sfp1_exchange x = {
        .command = SFP1_CMD_GET_CERT, .response = vc->scratch, .response_size = SF_MAX_FRAME};
    int rc = exchange(vc, &x);
    return rc == SF_OK ? sfp1_packet_parse_cert(vc, vc->scratch, x.response_len, id) : rc;
}

static int sfp1_provision(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len)
{
    struct sfp1_exchange x = {.command = SFP1_CMD_PROVISION, .payload = record, .payload_len = len};
    return exchange(vc, &x);
}

/* ---- sessions ---- */

/* OPEN: the part proves it holds the zone's root key; CONFIRM: the host
 * does. Only then does the session carry commands. */
static int sfp1_session_open(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t zone,
                             sf_key_t root_key)
{
    uint8_t open_req[SFP1_OPEN_REQUEST_LEN];
    uint8_t open_rsp[SFP1_OPEN_RESPONSE_LEN];
    uint8_t proof[SFP1_PROOF_LEN];

    memset(s, 0, sizeof(*s));
    int rc = sfp1_packet_open_request(zone, open_req);
    struct sfp1_exchange x = {.command = SFP1_CMD_OPEN,
                              .payload = open_req,
                              .payload_len = sizeof(open_req),
                              .response = open_rsp,
                              .response_size = sizeof(open_rsp)};
    if (rc == SF_OK) {
        rc = exchange(vc, &x);
    }
    if (rc == SF_OK) {
        rc = sfp1_packet_session_keys(s, root_key, open_req, open_rsp, x.response_len,
                                      x.response_session, proof);
    }
    if (rc != SF_OK) {
        return rc;
    }
    struct sfp1_exchange confirm = {.command = SFP1_CMD_CONFIRM,
                                    .session = s,
                                    .plain_in_session = true,
                                    .payload = proof,
                                    .payload_len = sizeof(proof)};
    rc = exchange(vc, &confirm);
    if (rc != SF_OK) {
        sf_session_end(s);
        return rc;
    }
    return SF_OK;
}

static int sfp1_session_close(struct sf_vendor_ctx *vc, struct sf_session *s)
{
    int rc = session_command(vc, s, SFP1_CMD_CLOSE, NULL, 0u);
    sf_session_end(s);
    return rc;
}

/* ---- session commands ---- */

/* A request laid out by sfp1_request.c, then exchanged. */
static int run_request(struct sf_vendor_ctx *vc, struct sfp1_exchange *x, int described)
{
    return described == SF_OK ? exchange(vc, x) : described;
}

static int sfp1_read(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr, void *buf,
                     size_t len)
{
    uint8_t req[SFP1_READ_REQUEST_LEN];
    struct sfp1_exchange x;
    return run_request(
        vc, &x, sfp1_request_read(&x, req, s, addr, buf, len, sfp1_zone_confidential(vc, s)));
}

static int sfp1_read_strided(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr,
                             uint32_t stride, uint32_t count, void *buf, size_t len)
{
    if (!sfp1_packet_state(vc)->strided) {
        return SF_ERR_NOT_SUPPORTED; /* a part of protocol version 2: nothing sent */
    }
    uint8_t req[SFP1_READ_STRIDED_REQUEST_LEN];
    struct sfp1_exchange x;
    return run_request(vc, &x,
                       sfp1_request_read_strided(&x, req, s, addr, stride, count, buf, len,
                                                 sfp1_zone_confidential(vc, s)));
}

static int sfp1_program(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr,
                        const void *data, size_t len)
{
    /* Static: 2 KiB is too much for a partition's stack; one request runs
     * at a time. */
    static uint8_t req[SFP1_PROGRAM_REQUEST_MAX];
    struct sfp1_exchange x;
    int rc = run_request(
        vc, &x, sfp1_request_program(&x, req, s, addr, data, len, sfp1_seal_program(vc, s)));
    sf_crypto_zeroize(req, SFP1_REQ_PROGRAM_DATA + len); /* asset data */
    return rc;
}

static int sfp1_erase(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr)
{
    uint8_t req[SFP1_ERASE_REQUEST_LEN];
    struct sfp1_exchange x;
    return run_request(vc, &x, sfp1_request_erase(&x, req, s, addr));
}

static int counter_request(struct sf_vendor_ctx *vc, struct sf_session *s, bool increment,
                           uint8_t id, uint32_t *value)
{
    uint8_t req[SFP1_COUNTER_REQUEST_LEN];
    uint8_t rsp[SFP1_COUNTER_RESPONSE_LEN];
    struct sfp1_exchange x;
    int rc = run_request(vc, &x, sfp1_request_counter(&x, req, s, increment, id, rsp));
    if (rc == SF_OK) {
        *value = sfp1_counter_value(rsp);
    }
    return rc;
}

static int sfp1_counter_read(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t id,
                             uint32_t *value)
{
    return counter_request(vc, s, false, id, value);
}

static int sfp1_counter_increment(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t id,
                                  uint32_t *value)
{
    return counter_request(vc, s, true, id, value);
}

static int sfp1_random(struct sf_vendor_ctx *vc, struct sf_session *s, void *buf, size_t len)
{
    uint8_t req[SFP1_RANDOM_REQUEST_LEN];
    struct sfp1_exchange x;
    return run_request(vc, &x,
                       sfp1_request_random(&x, req, s, buf, len, sfp1_part_confidential(vc)));
}

static int sfp1_puf(struct sf_vendor_ctx *vc, struct sf_session *s, const uint8_t *challenge,
                    size_t challenge_len, uint8_t *out, size_t out_size, size_t *out_len)
{
    struct sfp1_exchange x;
    int rc = run_request(vc, &x,
                         sfp1_request_puf(&x, s, challenge, challenge_len, out, out_size,
                                          sfp1_part_confidential(vc)));
    *out_len = rc == SF_OK ? SFP1_PUF_RESPONSE_LEN : 0u;
    return rc;
}

static int sfp1_uid(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t *out, size_t out_size,
                    size_t *out_len)
{
    struct sfp1_exchange x;
    int rc = run_request(vc, &x, sfp1_request_uid(&x, s, out, out_size));
    *out_len = rc == SF_OK ? SFP1_UID_LEN : 0u;
    return rc;
}

static int sfp1_security_info(struct sf_vendor_ctx *vc, struct sf_session *s, struct sf_info *info)
{
    struct sfp1_exchange x = {.command = SFP1_CMD_SECURITY_INFO,
                              .session = s,
                              .response = vc->scratch,
                              .response_size = SF_MAX_FRAME,
                              .variable_length = true};
    int rc = exchange(vc, &x);
    if (rc == SF_OK) {
        rc = sfp1_packet_parse_info(vc->scratch, x.response_len, info);
    }
    return rc;
}

/* The record is sealed to the part's identity already; the session shows
 * the part that we hold zone 0's key. */
static int sfp1_reprovision(struct sf_vendor_ctx *vc, struct sf_session *s, const uint8_t *record,
                            size_t len)
{
    return session_command(vc, s, SFP1_CMD_REPROVISION, record, len);
}

static int sfp1_lock(struct sf_vendor_ctx *vc, struct sf_session *s)
{
    return session_command(vc, s, SFP1_CMD_LOCK, NULL, 0u);
}

const struct sf_vendor_ops sfp1_vendor_ops = {
    .name = "sfp1",
    .probe = sfp1_packet_probe,
    .get_info = sfp1_get_info,
    .identity = sfp1_identity,
    .seal_provisioning = sfp1_packet_seal_provisioning,
    .provision = sfp1_provision,
    .reprovision = sfp1_reprovision,
    .session_open = sfp1_session_open,
    .session_close = sfp1_session_close,
    .read = sfp1_read,
    .read_strided = sfp1_read_strided,
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
    .max_read = SFP1_MAX_READ,
    .max_program = SFP1_MAX_PROGRAM,
};
