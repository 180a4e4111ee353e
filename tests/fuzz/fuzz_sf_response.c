/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer: the host framework takes any bytes a hostile device (or a
 * tampered wire) returns. The input is XORed over every byte the part
 * answers to SECURE_READ, from discovery on: the host must fail cleanly,
 * never read or write out of bounds, never accept a forged answer.
 */
#include <stdlib.h>
#include <string.h>

#include "devmodel/sf_model.h"
#include "sf_rig.h"
#include "sfp1_protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct corrupter {
    const uint8_t *p;
    size_t left;
    uint8_t opcode;
    size_t position;
};

static void on_select(void *ctx)
{
    struct corrupter *c = ctx;
    c->position = 0;
}

static void host_to_device(void *ctx, uint8_t *b, size_t n)
{
    struct corrupter *c = ctx;
    if (c->position == 0 && n != 0) {
        c->opcode = b[0];
    }
    c->position += n;
}

static void device_to_host(void *ctx, uint8_t *b, size_t n)
{
    struct corrupter *c = ctx;
    if (c->opcode != SFP1_OP_SECURE_READ) {
        return;
    }
    for (size_t i = 0; i < n && c->left > 0; i++) {
        b[i] ^= *c->p++;
        c->left--;
    }
}

static const struct model_spi_tap corrupting_tap = {
    .on_select = on_select,
    .host_to_device = host_to_device,
    .device_to_host = device_to_host,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sf_rig r;
    struct sf_model_config cfg;
    struct corrupter c = {.p = data, .left = size};
    uint8_t buf[300];
    uint32_t value = 0;
    size_t n = 0;
    sf_model_default_config(&cfg);
    cfg.nor.size_bytes = 0x220000u;
    if (sf_rig_open(&r, &cfg, 1) != SF_OK || sf_rig_provision(&r, sf_rig_default_config) != SF_OK) {
        abort();
    }
    model_spi_set_tap(&r.bus, &corrupting_tap, &c);
    if (sf_rig_attach(&r, 1) == SF_OK) {
        (void)sf_api_counter_read(&r.dev, -1, &value);
        (void)sf_api_read(&r.dev, -1, 0, buf, sizeof(buf));
        (void)sf_api_read(&r.dev, 256, 0x10, buf, 16);
        (void)sf_api_program(&r.dev, 256, 0x20, buf, 16);
        (void)sf_api_random(&r.dev, -1, buf, 32);
        (void)sf_api_puf(&r.dev, -1, buf, 16, buf, sizeof(buf), &n);
        (void)sf_api_uid(&r.dev, -3, buf, sizeof(buf), &n);
        (void)sf_api_counter_increment(&r.dev, -3, &value);
    }
    model_spi_set_tap(&r.bus, NULL, NULL);
    /* Once the wire is clean again the rightful host works. */
    if (sf_rig_attach(&r, 1) != SF_OK || sf_api_counter_read(&r.dev, -1, &value) != SF_OK) {
        abort();
    }
    sf_rig_close(&r);
    return 0;
}
