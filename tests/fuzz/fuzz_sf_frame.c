/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer: the secure flash model's frame parser and command engine take
 * any bytes a hostile host puts on the bus. Besides raw frames, the input
 * can ask for frames sealed under a real session key, so the fuzzer also
 * reaches the command handlers behind the tag check.
 *
 * Input: a sequence of records, each starting with a selector byte:
 *   0: raw frame        len (u16 LE), bytes
 *   1: sealed command   type, flags, sequence step, len (u8), payload
 *   2: provisioning     len (u16 LE), bytes after "ESFP" 1
 *   3: plain NOR        opcode, 3 address bytes, len (u8), data
 */
#include <stdlib.h>
#include <string.h>

#include "devmodel/sf_model.h"
#include "sf_rig.h"
#include "sfp1_protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct input {
    const uint8_t *p;
    size_t left;
};

static size_t take(struct input *in, uint8_t *out, size_t n)
{
    n = n < in->left ? n : in->left;
    if (out != NULL) {
        memcpy(out, in->p, n);
    }
    in->p += n;
    in->left -= n;
    return n;
}

static uint8_t byte(struct input *in)
{
    uint8_t b = 0;
    (void)take(in, &b, 1);
    return b;
}

/* A plain NOR command, e.g. aimed at a secure zone. */
static void plain_command(nor_model_t *nor, const uint8_t *out, size_t n)
{
    nor_model_select(nor);
    nor_model_clock(nor, out, NULL, n);
    nor_model_clock(nor, NULL, NULL, 16);
    nor_model_deselect(nor);
    while (nor_model_is_busy(nor)) {
        nor_model_advance(nor, 10000);
    }
}

/* Send a frame and read the whole response buffer back. */
static void frame(struct sf_rig *r, const uint8_t *f, size_t n)
{
    static uint8_t rsp[SFP1_MAX_FRAME];
    (void)sf_rig_wire_exchange(r, f, n, rsp, sizeof(rsp));
}

static void sealed(struct sf_rig *r, struct sf_session *s, struct input *in)
{
    static uint8_t payload[SFP1_MAX_PAYLOAD];
    static uint8_t rsp[SFP1_MAX_FRAME];
    uint8_t type = byte(in);
    bool enc = (byte(in) & SFP1_FLAG_ENC) != 0u;
    s->sequence += byte(in);
    size_t n = take(in, payload, byte(in));
    (void)sf_rig_sealed_exchange(r, s, type, enc, payload, n, rsp, sizeof(rsp));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t f[SFP1_MAX_FRAME + 64];
    struct sf_rig r;
    struct sf_model_config cfg;
    struct input in = {data, size};
    uint32_t value = 0;
    sf_model_default_config(&cfg);
    cfg.nor.size_bytes = 0x220000u; /* the rig's zones just fit: a fresh part per input is cheap */
    if (sf_rig_open(&r, &cfg, 1) != SF_OK || sf_rig_provision(&r, sf_rig_default_config) != SF_OK ||
        sf_api_counter_read(&r.dev, -1, &value) != SF_OK) {
        abort();
    }
    struct sf_session *s = &r.dev.sessions[0];
    while (in.left > 0u) {
        size_t n;
        switch (byte(&in) % 4u) {
        case 0:
            n = byte(&in);
            n |= (size_t)byte(&in) << 8;
            n = take(&in, f, n % sizeof(f));
            frame(&r, f, n);
            break;
        case 1:
            sealed(&r, s, &in);
            break;
        case 2:
            n = byte(&in);
            n |= (size_t)byte(&in) << 8;
            n = take(&in, &f[SFP1_HEADER_LEN + 5], n % (SFP1_PROV_MAX_LEN - 4u));
            memcpy(&f[SFP1_HEADER_LEN], "ESFP\x01", 5);
            sf_rig_frame_header(f, SFP1_CMD_PROVISION, 0, (uint16_t)(n + 5));
            frame(&r, f, SFP1_HEADER_LEN + n + 5);
            break;
        default:
            n = take(&in, f, 4);
            n += take(&in, &f[n], byte(&in));
            plain_command(r.nor, f, n);
            break;
        }
    }
    struct sf_model_view view;
    sf_model_view(r.model, &view);
    if (view.open_sessions > SFP1_MAX_SESSIONS || view.n_counters != cfg.n_counters) {
        abort();
    }
    sf_rig_close(&r);
    return 0;
}
