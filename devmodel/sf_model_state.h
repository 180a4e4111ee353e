/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Persistent state of the secure flash model: lifecycle, provisioning,
 * counters and failure count, kept in the NOR model's non-volatile area
 * (docs/device-model.md, "Secure flash state"). Every update is one atomic
 * NV write; the RAM copy changes only after the write landed.
 */
#ifndef ETSS_SF_MODEL_STATE_H
#define ETSS_SF_MODEL_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devmodel/nor_model.h"
#include "sfp1_protocol.h"

#define SF_MODEL_MAX_COUNTERS 8u

struct sf_model_zone {
    uint32_t base;
    uint32_t size;
    uint8_t read_policy;
    uint8_t write_policy;
    uint8_t root_key[SFP1_ROOT_KEY_LEN];
};

struct sf_model_binding {
    int32_t client_id;
    uint8_t zone;
    uint8_t counter;
};

struct sf_model_state {
    uint8_t lifecycle;
    uint8_t failure_count;
    uint32_t session_counter;
    uint32_t counters[SF_MODEL_MAX_COUNTERS];
    /* Provisioned (lifecycle above BLANK). */
    uint8_t n_zones;
    uint8_t n_bindings;
    uint8_t lockout_threshold;
    uint32_t session_max_ops;
    struct sf_model_zone zones[SFP1_MAX_ZONES];
    struct sf_model_binding bindings[SFP1_MAX_BINDINGS];
};

/* Bytes of NV area the state needs. */
uint32_t sf_model_state_nv_size(void);

/* Read the state from NV (at power-up). */
void sf_model_state_load(nor_model_t *nor, struct sf_model_state *st);

/* Check a provisioning record against protocol section 8; true when it is
 * valid for an array of `array_size` bytes and `n_counters` counters. */
bool sf_model_record_valid(const uint8_t *rec, size_t len, uint32_t array_size, uint8_t n_counters);

/* Does a (valid) record ask for a zone whose reads are encrypted? */
bool sf_model_record_has_encrypted_zone(const uint8_t *rec);

/* Updates: false when the power was cut before the write landed (nothing
 * changed). */
bool sf_model_state_provision(nor_model_t *nor, struct sf_model_state *st, const uint8_t *rec,
                              size_t len);
bool sf_model_state_set_lifecycle(nor_model_t *nor, struct sf_model_state *st, uint8_t lifecycle);
bool sf_model_state_set_session_counter(nor_model_t *nor, struct sf_model_state *st,
                                        uint32_t value);
bool sf_model_state_set_counter(nor_model_t *nor, struct sf_model_state *st, uint8_t id,
                                uint32_t value);
bool sf_model_state_set_failures(nor_model_t *nor, struct sf_model_state *st, uint8_t count);

/* Encode the info payload of GET_INFO / SECURITY_INFO; returns its length. */
size_t sf_model_state_info(const struct sf_model_state *st, uint8_t n_counters,
                           uint8_t max_sessions, uint8_t features, uint8_t *out);

#endif /* ETSS_SF_MODEL_STATE_H */
