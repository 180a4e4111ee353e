/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test rig for the secure flash: a secure flash model on an in-process SPI
 * wire (with its tap seam), a host framework instance on top, a developer
 * HUK, and provisioning from a config text through the real tool library.
 */
#ifndef ETSS_SF_RIG_H
#define ETSS_SF_RIG_H

#include "devmodel/model_spi.h"
#include "devmodel/sf_model.h"
#include "sf_api.h"
#include "sf_device.h"
#include "sf_trust_ram.h"

struct sf_rig {
    sf_model_t *model;
    nor_model_t *nor;
    struct model_spi bus;
    struct sf_device dev;
    sf_key_t huk;
    /* The host's trusted storage and the maker it trusts (the genuine
     * model maker); it survives sf_rig_attach, as ITS survives a reboot. */
    struct sf_trust_ram trusted;
    uint8_t maker_key[65];
    struct sf_trust trust;
};

/* Lock-out threshold 255 (attack tests provoke many failures);
 * zone 0: 1 MiB encrypted (client -1, counter 0; client -2, counter 2);
 * zone 1: 1 MiB authenticated (secure partition 256, counter 1);
 * zone 2: 64 KiB read-only (client -3, counter 3). */
extern const char sf_rig_default_config[];

/* cfg NULL: model defaults. huk_seed tells host identities apart. */
int sf_rig_open(struct sf_rig *r, const struct sf_model_config *cfg, uint8_t huk_seed);
/* A restart of host and part (the model made again from cfg, its image
 * kept if it has one), the host's trusted records kept. */
int sf_rig_restart(struct sf_rig *r, const struct sf_model_config *cfg, uint8_t huk_seed);
/* Provision through sf_api_provision from a config text. */
int sf_rig_provision(struct sf_rig *r, const char *config_text);
/* Re-discover after a power cycle or with another HUK, keeping the model
 * and any tap on the wire. */
int sf_rig_attach(struct sf_rig *r, uint8_t huk_seed);
/* The same through one given vendor binding (NULL: discovery). */
int sf_rig_attach_with(struct sf_rig *r, uint8_t huk_seed, const struct sf_vendor_ops *vendor);
void sf_rig_close(struct sf_rig *r);

/* Impersonating the host: an attacker's own frame straight onto the wire.
 * The response's first rsp_len bytes land in rsp; returns its status. */
uint8_t sf_rig_wire_exchange(struct sf_rig *r, const uint8_t *frame, size_t len, uint8_t *rsp,
                             size_t rsp_len);
/* A command header: version 1, flags 0, sequence 0. */
void sf_rig_frame_header(uint8_t *f, uint8_t type, uint8_t sid, uint16_t len);
/* A command of the host's own session `s` with any payload (up to
 * SFP1_MAX_PAYLOAD bytes), sealed under its key with sequence number
 * s->sequence (the caller moves it on; ENC: the payload encrypted too),
 * exchanged as sf_rig_wire_exchange does: what the part does with fields
 * the host's own requests never carry. */
uint8_t sf_rig_sealed_exchange(struct sf_rig *r, const struct sf_session *s, uint8_t type, bool enc,
                               const uint8_t *payload, size_t n, uint8_t *rsp, size_t rsp_len);

#endif /* ETSS_SF_RIG_H */
