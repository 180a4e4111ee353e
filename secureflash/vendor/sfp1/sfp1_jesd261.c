/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SFP1 under the JESD261 HAL: each HAL operation becomes one SFP1
 * exchange, described in pre_operation and then carried by the same
 * packet builder and response parser as the direct binding.
 */
#include <string.h>

#include "sfp1_jesd261.h"
#include "sfp1_request.h"

/* What one operation keeps between its sub-steps. */
struct sfp1_op_state {
    struct sfp1_exchange x;
    union {
        struct {
            uint8_t request[SFP1_REQUEST_MAX];
            uint8_t counter[SFP1_COUNTER_RESPONSE_LEN];
        } data;
        struct {
            uint8_t request[SFP1_OPEN_REQUEST_LEN];
            uint8_t response[SFP1_OPEN_RESPONSE_LEN];
        } open;
    } buf;
};

/* The HAL's programs fit SFP1_REQUEST_MAX. */
_Static_assert(JESD261_MAX_DATA <= SFP1_MAX_DATA, "a HAL program must fit the request buffer");
_Static_assert(sizeof(struct sfp1_op_state) <= JESD261_VENDOR_SCRATCH,
               "SFP1's per-operation state must fit the HAL's vendor scratch");
_Static_assert(sizeof(struct sfp1_state) <= JESD261_VENDOR_STATE,
               "SFP1's state must fit the HAL's vendor state");

static struct sfp1_op_state *state(struct jesd261_op *op)
{
    return (struct sfp1_op_state *)op->vendor;
}

static void expect_response(struct sfp1_exchange *x, uint8_t *response, size_t size, bool encrypted)
{
    x->response = response;
    x->response_size = size;
    x->response_encrypted = encrypted;
}

/* The SFP1 command for a HAL operation, with its payload and what its
 * response must look like. */
static int describe(struct sf_vendor_ctx *vc, struct jesd261_op *op, struct sfp1_op_state *st)
{
    struct sfp1_exchange *x = &st->x;
    uint8_t *req = st->buf.data.request;
    bool part_confidential = sfp1_part_confidential(vc);
    memset(x, 0, sizeof(*x));
    x->session = op->session;
    switch (op->type) {
    case JESD261_OP_GET_REGION_INFO:
        x->command = op->session != NULL ? SFP1_CMD_SECURITY_INFO : SFP1_CMD_GET_INFO;
        expect_response(x, vc->scratch, SF_MAX_FRAME, false);
        x->variable_length = true;
        return SF_OK;
    case JESD261_OP_CREATE_SESSION:
        if (op->out_size < SFP1_PROOF_LEN) {
            return SF_ERR_PARAM;
        }
        x->command = SFP1_CMD_OPEN;
        x->session = NULL; /* OPEN is a plain command */
        x->payload = st->buf.open.request;
        x->payload_len = SFP1_OPEN_REQUEST_LEN;
        expect_response(x, st->buf.open.response, SFP1_OPEN_RESPONSE_LEN, false);
        return sfp1_packet_open_request(op->region, st->buf.open.request);
    case JESD261_OP_CONFIRM_SESSION:
        if (op->in_len != SFP1_PROOF_LEN) {
            return SF_ERR_PARAM;
        }
        x->command = SFP1_CMD_CONFIRM;
        x->plain_in_session = true;
        x->payload = op->in;
        x->payload_len = op->in_len;
        return SF_OK;
    case JESD261_OP_TERMINATE_SESSION:
        x->command = SFP1_CMD_CLOSE;
        return SF_OK;
    case JESD261_OP_SECURE_READ:
        return sfp1_request_read(x, req, op->session, op->addr, op->out, op->out_size,
                                 sfp1_zone_confidential(vc, op->session));
    case JESD261_OP_SECURE_PROGRAM:
        return sfp1_request_program(x, req, op->session, op->addr, op->in, op->in_len,
                                    sfp1_seal_program(vc, op->session));
    case JESD261_OP_SECURE_ERASE:
        return sfp1_request_erase(x, req, op->session, op->addr);
    case JESD261_OP_GET_IDENTITY:
        x->command = SFP1_CMD_GET_CERT;
        expect_response(x, vc->scratch, SF_MAX_FRAME, false);
        return SF_OK;
    case JESD261_OP_PROVISION_REGIONS:
    case JESD261_OP_REPROVISION_REGIONS:
        /* The record comes sealed to the part's identity. */
        x->command = op->session != NULL ? SFP1_CMD_REPROVISION : SFP1_CMD_PROVISION;
        x->payload = op->in;
        x->payload_len = op->in_len;
        return SF_OK;
    case JESD261_OP_LOCK_REGIONS:
        x->command = SFP1_CMD_LOCK;
        return SF_OK;
    case JESD261_OP_COUNTER_READ:
    case JESD261_OP_COUNTER_INCREMENT:
        return sfp1_request_counter(x, req, op->session, op->type == JESD261_OP_COUNTER_INCREMENT,
                                    op->counter, st->buf.data.counter);
    case JESD261_OP_RANDOM:
        return sfp1_request_random(x, req, op->session, op->out, op->out_size, part_confidential);
    case JESD261_OP_PUF:
        return sfp1_request_puf(x, op->session, op->in, op->in_len, op->out, op->out_size,
                                part_confidential);
    case JESD261_OP_UID:
        return sfp1_request_uid(x, op->session, op->out, op->out_size);
    }
    return SF_ERR_NOT_SUPPORTED;
}

static int sfp1_pre_operation(struct sf_vendor_ctx *vc, struct jesd261_op *op)
{
    int rc = describe(vc, op, state(op));
    return rc == SF_OK ? sfp1_packet_begin(&state(op)->x) : rc;
}

static int sfp1_packet_step(struct sf_vendor_ctx *vc, struct jesd261_op *op, uint8_t *opcode,
                            size_t *len)
{
    struct sfp1_exchange *x = &state(op)->x;
    /* The part ignores a packet while busy: let it finish first. */
    int rc = sfp1_packet_wait_ready(vc);
    if (rc == SF_OK) {
        rc = sfp1_packet_build(vc, x);
    }
    *opcode = sfp1_packet_state(vc)->write_opcode;
    *len = x->frame_len;
    return rc;
}

static int sfp1_post_operation(struct sf_vendor_ctx *vc, struct jesd261_op *op)
{
    return sfp1_packet_receive(vc, &state(op)->x);
}

static int sfp1_response_parse(struct sf_vendor_ctx *vc, struct jesd261_op *op)
{
    struct sfp1_op_state *st = state(op);
    struct sfp1_exchange *x = &st->x;
    int rc = sfp1_packet_parse(vc, x);
    if (rc != SF_OK) {
        return rc;
    }
    if (op->type == JESD261_OP_GET_REGION_INFO) {
        return sfp1_packet_parse_info(vc->scratch, x->response_len, op->info);
    }
    if (op->type == JESD261_OP_GET_IDENTITY) {
        return sfp1_packet_parse_cert(vc, vc->scratch, x->response_len, op->identity);
    }
    if (op->type == JESD261_OP_CREATE_SESSION) {
        rc = sfp1_packet_session_keys(op->session, op->root_key, st->buf.open.request,
                                      st->buf.open.response, x->response_len, x->response_session,
                                      op->out);
        op->out_len = rc == SF_OK ? SFP1_PROOF_LEN : 0u;
        return rc;
    }
    if (op->type == JESD261_OP_COUNTER_READ || op->type == JESD261_OP_COUNTER_INCREMENT) {
        op->value = sfp1_counter_value(st->buf.data.counter);
        return SF_OK;
    }
    op->out_len = op->out != NULL ? x->response_len : 0u;
    return SF_OK;
}

static int sfp1_end_operation(struct sf_vendor_ctx *vc, struct jesd261_op *op, int rc)
{
    struct sfp1_op_state *st = state(op);
    if (op->type == JESD261_OP_SECURE_PROGRAM) {
        sf_crypto_zeroize(st->buf.data.request, sizeof(st->buf.data.request)); /* asset data */
    }
    return sfp1_packet_end(vc, &st->x, rc);
}

const struct jesd261_vendor_steps sfp1_jesd261_steps = {
    .name = "sfp1",
    .detect = sfp1_packet_probe,
    .pre_operation = sfp1_pre_operation,
    .packet_build = sfp1_packet_step,
    .post_operation = sfp1_post_operation,
    .response_parse = sfp1_response_parse,
    .end_operation = sfp1_end_operation,
    .seal_provisioning = sfp1_packet_seal_provisioning,
    .max_data = SFP1_MAX_DATA,
};
