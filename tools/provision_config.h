/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The provisioning description: a small INI-style text a person writes
 * (docs/provisioning.md), parsed and checked here, and encoded into the
 * SFP1 provisioning record (docs/secure-flash-protocol.md, section 8) with
 * empty root keys. The keys never appear in the description: the secure
 * partition derives them from its HUK and fills them in before sending.
 */
#ifndef ETSS_PROVISION_CONFIG_H
#define ETSS_PROVISION_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sfp1_protocol.h"

/* The numbers of the description (and of the etss tool): decimal or 0x
 * hexadecimal digits, nothing else; false on anything else or overflow. */
bool provision_config_parse_u64(const char *text, uint64_t *out);

struct provision_zone {
    uint32_t base;
    uint32_t size;
    uint8_t read_policy;  /* SFP1_READ_* */
    uint8_t write_policy; /* SFP1_WRITE_* */
};

struct provision_binding {
    int32_t client_id; /* TF-M numbering: negative non-secure, positive secure */
    uint8_t zone;
    uint8_t counter;
};

struct provision_config {
    uint32_t flash_size; /* the array the zones must fit in */
    uint8_t n_counters;  /* monotonic counters the part has */
    uint8_t lockout_threshold;
    uint32_t session_max_ops;
    uint8_t n_zones;
    struct provision_zone zones[SFP1_MAX_ZONES];
    uint8_t n_bindings;
    struct provision_binding bindings[SFP1_MAX_BINDINGS];
};

/* Defaults of the keys a description may leave out. */
#define PROVISION_DEFAULT_FLASH_SIZE 0x1000000u
#define PROVISION_DEFAULT_COUNTERS 8u
#define PROVISION_DEFAULT_LOCKOUT 8u
#define PROVISION_DEFAULT_SESSION_OPS 4096u

/*
 * Parse and check `len` bytes of text. Returns 0, or -1 with a message
 * naming the line and the problem in `err` (always NUL-terminated).
 */
int provision_config_parse(const char *text, size_t len, struct provision_config *cfg, char *err,
                           size_t err_size);

/* Encode a parsed description; returns 0, or -1 if `size` is too small. */
int provision_config_encode(const struct provision_config *cfg, uint8_t *out, size_t size,
                            size_t *out_len);

/* A summary a person reads: settings, zones with their policies, bindings. */
void provision_config_print(const struct provision_config *cfg, FILE *out);

#endif /* ETSS_PROVISION_CONFIG_H */
