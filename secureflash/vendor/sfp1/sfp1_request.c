/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SFP1's session requests: payload layouts and response expectations
 * (sfp1_request.h).
 */
#include <string.h>

#include "etss_bytes.h"
#include "sfp1_request.h"

static void request(struct sfp1_exchange *x, uint8_t command, struct sf_session *s,
                    const uint8_t *payload, size_t len)
{
    memset(x, 0, sizeof(*x));
    x->command = command;
    x->session = s;
    x->payload = payload;
    x->payload_len = len;
}

static void expect_response(struct sfp1_exchange *x, void *buf, size_t len, bool encrypted)
{
    x->response = buf;
    x->response_size = len;
    x->response_encrypted = encrypted;
}

static bool data_length_ok(size_t len, size_t max)
{
    return len != 0u && len <= max;
}

int sfp1_request_read(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s, uint32_t addr,
                      void *buf, size_t len, bool encrypted)
{
    if (!data_length_ok(len, SFP1_MAX_READ)) {
        return SF_ERR_PARAM;
    }
    etss_put_le32(&req[SFP1_REQ_ADDRESS], addr);
    etss_put_le16(&req[SFP1_REQ_READ_LENGTH], (uint16_t)len);
    request(x, SFP1_CMD_READ, s, req, SFP1_READ_REQUEST_LEN);
    expect_response(x, buf, len, encrypted);
    return SF_OK;
}

int sfp1_request_read_strided(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s,
                              uint32_t addr, uint32_t stride, uint32_t count, void *buf, size_t len,
                              bool encrypted)
{
    if (len == 0u || count == 0u || len > SFP1_MAX_READ / count || stride < len) {
        return SF_ERR_PARAM;
    }
    etss_put_le32(&req[SFP1_REQ_ADDRESS], addr);
    etss_put_le32(&req[SFP1_REQ_STRIDE], stride);
    etss_put_le16(&req[SFP1_REQ_STRIDED_LENGTH], (uint16_t)len);
    etss_put_le16(&req[SFP1_REQ_STRIDED_COUNT], (uint16_t)count);
    request(x, SFP1_CMD_READ_STRIDED, s, req, SFP1_READ_STRIDED_REQUEST_LEN);
    expect_response(x, buf, len * count, encrypted);
    return SF_OK;
}

int sfp1_request_program(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s, uint32_t addr,
                         const void *data, size_t len, bool seal)
{
    if (!data_length_ok(len, SFP1_MAX_PROGRAM)) {
        return SF_ERR_PARAM;
    }
    etss_put_le32(&req[SFP1_REQ_ADDRESS], addr);
    memcpy(&req[SFP1_REQ_PROGRAM_DATA], data, len);
    request(x, SFP1_CMD_PROGRAM, s, req, SFP1_REQ_PROGRAM_DATA + len);
    x->encrypt = seal;
    return SF_OK;
}

int sfp1_request_erase(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s, uint32_t addr)
{
    etss_put_le32(&req[SFP1_REQ_ADDRESS], addr);
    request(x, SFP1_CMD_ERASE, s, req, SFP1_ERASE_REQUEST_LEN);
    return SF_OK;
}

int sfp1_request_counter(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s,
                         bool increment, uint8_t id, uint8_t response[SFP1_COUNTER_RESPONSE_LEN])
{
    req[SFP1_REQ_COUNTER_ID] = id;
    request(x, increment ? SFP1_CMD_COUNTER_INCREMENT : SFP1_CMD_COUNTER_READ, s, req,
            SFP1_COUNTER_REQUEST_LEN);
    expect_response(x, response, SFP1_COUNTER_RESPONSE_LEN, false);
    return SF_OK;
}

int sfp1_request_random(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s, void *buf,
                        size_t len, bool encrypted)
{
    if (!data_length_ok(len, SFP1_MAX_DATA)) {
        return SF_ERR_PARAM;
    }
    etss_put_le16(&req[SFP1_REQ_RANDOM_LENGTH], (uint16_t)len);
    request(x, SFP1_CMD_RANDOM, s, req, SFP1_RANDOM_REQUEST_LEN);
    expect_response(x, buf, len, encrypted);
    return SF_OK;
}

int sfp1_request_puf(struct sfp1_exchange *x, struct sf_session *s, const uint8_t *challenge,
                     size_t challenge_len, uint8_t *out, size_t out_size, bool encrypted)
{
    if (challenge_len == 0u || challenge_len > SFP1_MAX_PUF_CHALLENGE ||
        out_size < SFP1_PUF_RESPONSE_LEN) {
        return SF_ERR_PARAM;
    }
    request(x, SFP1_CMD_PUF, s, challenge, challenge_len);
    expect_response(x, out, SFP1_PUF_RESPONSE_LEN, encrypted);
    return SF_OK;
}

int sfp1_request_uid(struct sfp1_exchange *x, struct sf_session *s, uint8_t *out, size_t out_size)
{
    if (out_size < SFP1_UID_LEN) {
        return SF_ERR_PARAM;
    }
    request(x, SFP1_CMD_UID, s, NULL, 0u);
    expect_response(x, out, SFP1_UID_LEN, false);
    return SF_OK;
}

uint32_t sfp1_counter_value(const uint8_t response[SFP1_COUNTER_RESPONSE_LEN])
{
    return etss_get_le32(response);
}
