/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Device model of a full-featured secure flash (ArmorFlash class): the
 * NOR model plus a security engine speaking SFP1
 * (docs/secure-flash-protocol.md). The engine trusts nothing from the bus;
 * its keys, counters and lifecycle live in the NOR model's internal
 * non-volatile area, so they persist in the image file.
 */
#ifndef ETSS_SF_MODEL_H
#define ETSS_SF_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "devmodel/nor_model.h"

struct sf_model_config {
    struct nor_model_config nor; /* nv_size and extra_sfdp are set by the model */
    uint8_t n_counters;          /* monotonic counters, 4..8 */
    uint8_t max_sessions;        /* 1..SFP1_MAX_SESSIONS */
    uint8_t features;            /* SFP1_FEATURE_* the part has (SFDP announces them) */
    uint8_t protocol_version;    /* 2, or 3 with READ_STRIDED (SFDP announces it) */
    uint64_t device_seed;        /* makes the part unique: UID, PUF secret, identity key */
    uint64_t maker_seed;         /* whose key signs its identity: 0 the genuine maker */
    uint32_t t_frame_us;         /* per frame: parsing and AEAD set-up */
    uint32_t t_per_16_bytes_us;  /* per 16 payload bytes of AEAD */
    uint32_t t_kdf_us;           /* per session key derivation */
};

typedef struct sf_model sf_model_t;

/* Defaults: the NOR defaults, every feature, protocol version 3, 8
 * counters, 4 sessions, seed 1, the timing of protocol section 11. */
void sf_model_default_config(struct sf_model_config *cfg);

sf_model_t *sf_model_create(const struct sf_model_config *cfg, enum nor_model_status *status);
void sf_model_destroy(sf_model_t *sf);

/* The public key of the maker `maker_seed` names (0: the genuine maker of
 * every model part), which a board trusts to sign identities (65 bytes,
 * uncompressed P-256). 0 on success. */
int sf_model_maker_public_key(uint64_t maker_seed, uint8_t out[65]);

/* The NOR underneath: bind it to the SPI wire, read its statistics,
 * inject faults, power-cycle it. */
nor_model_t *sf_model_nor(sf_model_t *sf);

/* Inspection for tests (bypasses the bus; costs no device time). */
struct sf_model_view {
    uint8_t lifecycle;
    uint8_t failure_count;
    bool locked_out;
    uint32_t session_counter; /* the last one an OPEN used */
    uint8_t open_sessions;    /* pending or confirmed */
    uint8_t n_counters;
    uint32_t counters[8];
    /* The provisioning in force (no root keys). */
    uint8_t n_zones;
    struct {
        uint32_t base;
        uint32_t size;
        uint8_t read_policy;  /* SFP1_READ_* */
        uint8_t write_policy; /* SFP1_WRITE_* */
    } zones[8];
    uint8_t n_bindings;
    struct {
        int32_t client_id;
        uint8_t zone;
        uint8_t counter;
    } bindings[16];
};
void sf_model_view(const sf_model_t *sf, struct sf_model_view *view);

#endif /* ETSS_SF_MODEL_H */
