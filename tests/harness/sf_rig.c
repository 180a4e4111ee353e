/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "etss_bytes.h"
#include "provision_config.h"
#include "sf_rig.h"
#include "sfp1_protocol.h"

const char sf_rig_default_config[] = "flash_size = 0x1000000\n"
                                     "counters = 8\n"
                                     "lockout_threshold = 255\n"
                                     "session_max_ops = 4096\n"
                                     "[zone 0]\n"
                                     "base = 0x000000\n"
                                     "size = 0x100000\n"
                                     "read = encrypted\n"
                                     "write = authenticated\n"
                                     "[zone 1]\n"
                                     "base = 0x100000\n"
                                     "size = 0x100000\n"
                                     "read = authenticated\n"
                                     "write = authenticated\n"
                                     "[zone 2]\n"
                                     "base = 0x200000\n"
                                     "size = 0x10000\n"
                                     "read = authenticated\n"
                                     "write = read-only\n"
                                     "[binding]\n"
                                     "client = -1\n"
                                     "zone = 0\n"
                                     "counter = 0\n"
                                     "[binding]\n"
                                     "client = -2\n"
                                     "zone = 0\n"
                                     "counter = 2\n"
                                     "[binding]\n"
                                     "client = 256\n"
                                     "zone = 1\n"
                                     "counter = 1\n"
                                     "[binding]\n"
                                     "client = -3\n"
                                     "zone = 2\n"
                                     "counter = 3\n";

static int import_huk(struct sf_rig *r, uint8_t huk_seed)
{
    /* A developer HUK: known, as developer mode allows. */
    uint8_t huk[32];
    for (size_t i = 0; i < sizeof(huk); i++) {
        huk[i] = (uint8_t)(huk_seed * 131u + i * 7u);
    }
    if (sf_crypto_init() != SF_OK) {
        return SF_ERR_CRYPTO;
    }
    sf_crypto_destroy(&r->huk);
    int rc = sf_crypto_import(SF_KEY_HKDF_SECRET, huk, sizeof(huk), &r->huk);
    return rc == SF_OK ? SF_OK : SF_ERR_CRYPTO;
}

int sf_rig_attach(struct sf_rig *r, uint8_t huk_seed)
{
    return sf_rig_attach_with(r, huk_seed, NULL);
}

int sf_rig_attach_with(struct sf_rig *r, uint8_t huk_seed, const struct sf_vendor_ops *vendor)
{
    sf_device_drop_sessions(&r->dev);
    int rc = import_huk(r, huk_seed);
    if (rc == SF_OK) {
        /* A tap on the wire stays there through the new discovery. */
        const struct model_spi_tap *tap = r->bus.tap;
        void *tap_ctx = r->bus.tap_ctx;
        const struct etss_spi_driver *spi = model_spi_bind(&r->bus, r->nor);
        model_spi_set_tap(&r->bus, tap, tap_ctx);
        rc = sf_device_init_with(&r->dev, spi, r->huk, 0u, vendor);
    }
    if (rc == SF_OK) {
        rc = sf_device_set_trust(&r->dev, &r->trust);
    }
    if (rc == SF_OK) {
        rc = sf_api_init(&r->dev);
    }
    return rc;
}

static int power_up(struct sf_rig *r, const struct sf_model_config *cfg, uint8_t huk_seed)
{
    struct sf_model_config defaults;
    enum nor_model_status st;
    if (cfg == NULL) {
        sf_model_default_config(&defaults);
        cfg = &defaults;
    }
    r->model = sf_model_create(cfg, &st);
    if (r->model == NULL) {
        return -100 + (int)st;
    }
    r->nor = sf_model_nor(r->model);
    r->trust.maker_key = r->maker_key;
    r->trust.store = &r->trusted.store;
    return sf_rig_attach(r, huk_seed);
}

int sf_rig_open(struct sf_rig *r, const struct sf_model_config *cfg, uint8_t huk_seed)
{
    memset(r, 0, sizeof(*r));
    sf_trust_ram_init(&r->trusted);
    if (sf_model_maker_public_key(0u, r->maker_key) != 0) {
        return SF_ERR_CRYPTO;
    }
    return power_up(r, cfg, huk_seed);
}

int sf_rig_restart(struct sf_rig *r, const struct sf_model_config *cfg, uint8_t huk_seed)
{
    sf_device_forget(&r->dev);
    sf_model_destroy(r->model);
    r->model = NULL;
    return power_up(r, cfg, huk_seed);
}

int sf_rig_provision(struct sf_rig *r, const char *config_text)
{
    struct provision_config cfg;
    uint8_t record[SFP1_PROV_MAX_LEN];
    size_t len = 0;
    char err[160];
    if (provision_config_parse(config_text, strlen(config_text), &cfg, err, sizeof(err)) != 0 ||
        provision_config_encode(&cfg, record, sizeof(record), &len) != 0) {
        fprintf(stderr, "  rig: bad provisioning config: %s\n", err);
        return SF_ERR_PARAM;
    }
    return sf_api_provision(&r->dev, record, len);
}

void sf_rig_close(struct sf_rig *r)
{
    sf_device_drop_sessions(&r->dev);
    sf_crypto_destroy(&r->huk);
    sf_model_destroy(r->model);
    r->model = NULL;
}

uint8_t sf_rig_wire_exchange(struct sf_rig *r, const uint8_t *frame, size_t len, uint8_t *rsp,
                             size_t rsp_len)
{
    uint8_t op = SFP1_OP_SECURE_WRITE;
    uint8_t header[SFP1_HEADER_LEN];
    const uint8_t rd[SFP1_SECURE_READ_HEADER_LEN] = {SFP1_OP_SECURE_READ, 0, 0, 0};
    while (nor_model_is_busy(r->nor)) {
        nor_model_advance(r->nor, 10000);
    }
    nor_model_select(r->nor);
    nor_model_clock(r->nor, &op, NULL, 1);
    nor_model_clock(r->nor, frame, NULL, len);
    nor_model_deselect(r->nor);
    while (nor_model_is_busy(r->nor)) {
        nor_model_advance(r->nor, 10000);
    }
    nor_model_select(r->nor);
    nor_model_clock(r->nor, rd, NULL, sizeof(rd));
    nor_model_clock(r->nor, NULL, header, sizeof(header));
    if (rsp != NULL) {
        memcpy(rsp, header, rsp_len < sizeof(header) ? rsp_len : sizeof(header));
        if (rsp_len > sizeof(header)) {
            nor_model_clock(r->nor, NULL, &rsp[sizeof(header)], rsp_len - sizeof(header));
        }
    }
    nor_model_deselect(r->nor);
    return header[SFP1_OFF_STATUS];
}

void sf_rig_frame_header(uint8_t *f, uint8_t type, uint8_t sid, uint16_t len)
{
    memset(f, 0, SFP1_HEADER_LEN);
    f[SFP1_OFF_VERSION] = SFP1_VERSION;
    f[SFP1_OFF_TYPE] = type;
    f[SFP1_OFF_SESSION] = sid;
    f[SFP1_OFF_LENGTH] = (uint8_t)len;
    f[SFP1_OFF_LENGTH + 1] = (uint8_t)(len >> 8);
}

uint8_t sf_rig_sealed_exchange(struct sf_rig *r, const struct sf_session *s, uint8_t type, bool enc,
                               const uint8_t *payload, size_t n, uint8_t *rsp, size_t rsp_len)
{
    static uint8_t f[SFP1_MAX_FRAME];
    uint8_t nonce[SFP1_NONCE_LEN] = {SFP1_DIR_HOST_TO_DEVICE, s->id};
    n = n < SFP1_MAX_PAYLOAD ? n : SFP1_MAX_PAYLOAD;
    etss_put_be32(&nonce[8], s->sequence);
    sf_rig_frame_header(f, type, s->id, (uint16_t)n);
    f[SFP1_OFF_FLAGS] = (uint8_t)(SFP1_FLAG_AUTH | (enc ? SFP1_FLAG_ENC : 0u));
    etss_put_le32(&f[SFP1_OFF_SEQUENCE], s->sequence);
    int rc;
    if (enc) {
        rc = sf_crypto_aead_seal(s->command_key, nonce, f, SFP1_HEADER_LEN, payload, n,
                                 &f[SFP1_HEADER_LEN], SFP1_MAX_PAYLOAD + SFP1_TAG_LEN);
    } else {
        memcpy(&f[SFP1_HEADER_LEN], payload, n);
        rc = sf_crypto_aead_seal(s->command_key, nonce, f, SFP1_HEADER_LEN + n, NULL, 0,
                                 &f[SFP1_HEADER_LEN + n], SFP1_TAG_LEN);
    }
    if (rc != SF_OK) {
        abort(); /* the host's own crypto failed: no test can go on */
    }
    return sf_rig_wire_exchange(r, f, SFP1_HEADER_LEN + n + SFP1_TAG_LEN, rsp, rsp_len);
}
