/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Parser and encoder of the provisioning description. It checks
 * everything the part checks (protocol section 8), so a description that
 * passes here is never refused by the part for its content, and reports
 * the first problem with its line number.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "etss_bytes.h"
#include "provision_config.h"

#define MAX_LINE 160u

enum section { SECTION_GLOBAL, SECTION_ZONE, SECTION_BINDING };

/* Which keys a section has seen, for duplicates and missing ones. */
#define SEEN_BASE 0x01u
#define SEEN_SIZE 0x02u
#define SEEN_READ 0x04u
#define SEEN_WRITE 0x08u
#define ZONE_KEYS (SEEN_BASE | SEEN_SIZE | SEEN_READ | SEEN_WRITE)
#define SEEN_CLIENT 0x01u
#define SEEN_ZONE 0x02u
#define SEEN_COUNTER 0x04u
#define BINDING_KEYS (SEEN_CLIENT | SEEN_ZONE | SEEN_COUNTER)
#define SEEN_FLASH_SIZE 0x01u
#define SEEN_COUNTERS 0x02u
#define SEEN_LOCKOUT 0x04u
#define SEEN_SESSION_OPS 0x08u

struct parser {
    struct provision_config *cfg;
    enum section section;
    unsigned seen;
    unsigned seen_global;
    unsigned line_no;
    unsigned section_line;
    char *err;
    size_t err_size;
};

static int fail(struct parser *p, const char *fmt, ...)
{
    /* Line 0: a check of the description as a whole. */
    int n = p->line_no != 0u ? snprintf(p->err, p->err_size, "line %u: ", p->line_no) : 0;
    if (n >= 0 && (size_t)n < p->err_size) {
        va_list ap;
        va_start(ap, fmt);
        (void)vsnprintf(&p->err[n], p->err_size - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Trim in place; returns the start. */
static char *trim(char *s)
{
    while (is_space(*s)) {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0u && is_space(s[n - 1u])) {
        s[--n] = '\0';
    }
    return s;
}

bool provision_config_parse_u64(const char *text, uint64_t *out)
{
    uint64_t base = 10u;
    uint64_t v = 0u;
    const char *p = text;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16u;
        p += 2;
    }
    if (*p == '\0') {
        return false;
    }
    for (; *p != '\0'; p++) {
        uint64_t d;
        if (*p >= '0' && *p <= '9') {
            d = (uint64_t)(*p - '0');
        } else if (*p >= 'a' && *p <= 'f') {
            d = (uint64_t)(*p - 'a') + 10u;
        } else if (*p >= 'A' && *p <= 'F') {
            d = (uint64_t)(*p - 'A') + 10u;
        } else {
            return false;
        }
        if (d >= base || v > (UINT64_MAX - d) / base) {
            return false;
        }
        v = v * base + d;
    }
    *out = v;
    return true;
}

/* A number of the description in [min, max], an optional '-' first. */
static bool parse_number(const char *s, long long min, long long max, long long *out)
{
    bool negative = *s == '-';
    uint64_t v = 0u;
    if (!provision_config_parse_u64(negative ? s + 1 : s, &v) || v > (uint64_t)LLONG_MAX) {
        return false;
    }
    long long value = negative ? -(long long)v : (long long)v;
    if (value < min || value > max) {
        return false;
    }
    *out = value;
    return true;
}

static int number(struct parser *p, const char *key, const char *value, long long min,
                  long long max, long long *out)
{
    if (!parse_number(value, min, max, out)) {
        return fail(p, "%s must be a number from %lld to %lld, not \"%s\"", key, min, max, value);
    }
    return 0;
}

static int mark_seen(struct parser *p, unsigned *seen, unsigned bit, const char *key)
{
    if ((*seen & bit) != 0u) {
        return fail(p, "%s given twice", key);
    }
    *seen |= bit;
    return 0;
}

static int policy(struct parser *p, const char *key, const char *value, const char *const names[3],
                  uint8_t *out)
{
    for (uint8_t i = 0; i < 3u; i++) {
        if (strcmp(value, names[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    return fail(p, "%s must be %s, %s or %s, not \"%s\"", key, names[0], names[1], names[2], value);
}

static const char *const read_policies[3] = {"open", "authenticated", "encrypted"};
static const char *const write_policies[3] = {"open", "authenticated", "read-only"};

static int global_key(struct parser *p, const char *key, const char *value)
{
    struct provision_config *cfg = p->cfg;
    long long v = 0;
    int rc;
    if (strcmp(key, "flash_size") == 0) {
        rc = mark_seen(p, &p->seen_global, SEEN_FLASH_SIZE, key);
        rc = rc == 0 ? number(p, key, value, SFP1_SECTOR_SIZE, 0xFFFFFFFFll, &v) : rc;
        cfg->flash_size = (uint32_t)v;
    } else if (strcmp(key, "counters") == 0) {
        rc = mark_seen(p, &p->seen_global, SEEN_COUNTERS, key);
        rc = rc == 0 ? number(p, key, value, 1, 255, &v) : rc;
        cfg->n_counters = (uint8_t)v;
    } else if (strcmp(key, "lockout_threshold") == 0) {
        rc = mark_seen(p, &p->seen_global, SEEN_LOCKOUT, key);
        rc = rc == 0 ? number(p, key, value, 1, 255, &v) : rc;
        cfg->lockout_threshold = (uint8_t)v;
    } else if (strcmp(key, "session_max_ops") == 0) {
        rc = mark_seen(p, &p->seen_global, SEEN_SESSION_OPS, key);
        rc = rc == 0 ? number(p, key, value, SFP1_MIN_SESSION_OPS, SFP1_MAX_SESSION_OPS, &v) : rc;
        cfg->session_max_ops = (uint32_t)v;
    } else {
        return fail(p, "unknown key \"%s\" before any section", key);
    }
    return rc;
}

static int zone_key(struct parser *p, const char *key, const char *value)
{
    struct provision_zone *z = &p->cfg->zones[p->cfg->n_zones - 1u];
    long long v = 0;
    int rc;
    if (strcmp(key, "base") == 0 || strcmp(key, "size") == 0) {
        bool is_base = key[0] == 'b';
        rc = mark_seen(p, &p->seen, is_base ? SEEN_BASE : SEEN_SIZE, key);
        rc = rc == 0 ? number(p, key, value, is_base ? 0 : SFP1_SECTOR_SIZE, 0xFFFFFFFFll, &v) : rc;
        if (rc == 0 && v % SFP1_SECTOR_SIZE != 0) {
            rc = fail(p, "%s must be a multiple of 4 KiB (0x1000)", key);
        }
        *(is_base ? &z->base : &z->size) = (uint32_t)v;
    } else if (strcmp(key, "read") == 0) {
        rc = mark_seen(p, &p->seen, SEEN_READ, key);
        rc = rc == 0 ? policy(p, key, value, read_policies, &z->read_policy) : rc;
    } else if (strcmp(key, "write") == 0) {
        rc = mark_seen(p, &p->seen, SEEN_WRITE, key);
        rc = rc == 0 ? policy(p, key, value, write_policies, &z->write_policy) : rc;
    } else {
        return fail(p, "unknown key \"%s\" in a zone (base, size, read, write)", key);
    }
    return rc;
}

static int binding_key(struct parser *p, const char *key, const char *value)
{
    struct provision_binding *b = &p->cfg->bindings[p->cfg->n_bindings - 1u];
    long long v = 0;
    int rc;
    if (strcmp(key, "client") == 0) {
        rc = mark_seen(p, &p->seen, SEEN_CLIENT, key);
        rc = rc == 0 ? number(p, key, value, INT32_MIN, INT32_MAX, &v) : rc;
        if (rc == 0 && v == 0) {
            rc = fail(p, "client 0 is no TF-M client id (negative: non-secure, positive: secure)");
        }
        b->client_id = (int32_t)v;
    } else if (strcmp(key, "zone") == 0) {
        rc = mark_seen(p, &p->seen, SEEN_ZONE, key);
        rc = rc == 0 ? number(p, key, value, 0, SFP1_MAX_ZONES - 1, &v) : rc;
        b->zone = (uint8_t)v;
    } else if (strcmp(key, "counter") == 0) {
        rc = mark_seen(p, &p->seen, SEEN_COUNTER, key);
        rc = rc == 0 ? number(p, key, value, 0, 255, &v) : rc;
        b->counter = (uint8_t)v;
    } else {
        return fail(p, "unknown key \"%s\" in a binding (client, zone, counter)", key);
    }
    return rc;
}

/* The section being left must be complete. */
static int close_section(struct parser *p)
{
    unsigned line = p->line_no;
    int rc = 0;
    p->line_no = p->section_line;
    if (p->section == SECTION_ZONE && p->seen != ZONE_KEYS) {
        rc = fail(p, "zone %u needs base, size, read and write", p->cfg->n_zones - 1u);
    } else if (p->section == SECTION_BINDING && p->seen != BINDING_KEYS) {
        rc = fail(p, "binding needs client, zone and counter");
    }
    p->line_no = line;
    p->seen = 0u;
    return rc;
}

static int open_section(struct parser *p, char *name)
{
    struct provision_config *cfg = p->cfg;
    long long index = 0;
    if (close_section(p) != 0) {
        return -1;
    }
    p->section_line = p->line_no;
    if (strcmp(name, "binding") == 0) {
        if (cfg->n_bindings == SFP1_MAX_BINDINGS) {
            return fail(p, "more than %u bindings", SFP1_MAX_BINDINGS);
        }
        cfg->n_bindings++;
        p->section = SECTION_BINDING;
        return 0;
    }
    if (strncmp(name, "zone", 4) == 0 && is_space(name[4])) {
        if (!parse_number(trim(&name[5]), 0, SFP1_MAX_ZONES - 1, &index) || index != cfg->n_zones) {
            return fail(p, "zones are numbered 0, 1, 2, ... in order; expected [zone %u]",
                        cfg->n_zones);
        }
        if (cfg->n_bindings != 0u) {
            return fail(p, "zones come before bindings");
        }
        cfg->n_zones++;
        p->section = SECTION_ZONE;
        return 0;
    }
    return fail(p, "unknown section [%s] (zone N or binding)", name);
}

static int parse_line(struct parser *p, char *line)
{
    char *hash = strchr(line, '#');
    if (hash != NULL) {
        *hash = '\0';
    }
    char *s = trim(line);
    if (*s == '\0') {
        return 0;
    }
    if (*s == '[') {
        size_t n = strlen(s);
        if (s[n - 1u] != ']') {
            return fail(p, "a section header ends with ']'");
        }
        s[n - 1u] = '\0';
        return open_section(p, trim(&s[1]));
    }
    char *eq = strchr(s, '=');
    if (eq == NULL) {
        return fail(p, "expected key = value");
    }
    *eq = '\0';
    char *key = trim(s);
    char *value = trim(&eq[1]);
    switch (p->section) {
    case SECTION_GLOBAL:
        return global_key(p, key, value);
    case SECTION_ZONE:
        return zone_key(p, key, value);
    case SECTION_BINDING:
        return binding_key(p, key, value);
    }
    return -1;
}

/* What the description says as a whole: the checks across sections. */
static int check_whole(struct parser *p)
{
    const struct provision_config *cfg = p->cfg;
    p->line_no = 0u;
    if (cfg->n_zones == 0u) {
        return fail(p, "at least one [zone 0] is needed");
    }
    for (uint8_t i = 0; i < cfg->n_zones; i++) {
        const struct provision_zone *z = &cfg->zones[i];
        if ((uint64_t)z->base + z->size > cfg->flash_size) {
            return fail(p, "zone %u ends beyond flash_size 0x%X", i, cfg->flash_size);
        }
        for (uint8_t j = 0; j < i; j++) {
            const struct provision_zone *o = &cfg->zones[j];
            if ((uint64_t)z->base < (uint64_t)o->base + o->size &&
                (uint64_t)o->base < (uint64_t)z->base + z->size) {
                return fail(p, "zones %u and %u overlap", j, i);
            }
        }
    }
    for (uint8_t i = 0; i < cfg->n_bindings; i++) {
        const struct provision_binding *b = &cfg->bindings[i];
        if (b->zone >= cfg->n_zones) {
            return fail(p, "binding of client %d names zone %u, which is not defined",
                        (int)b->client_id, b->zone);
        }
        if (b->counter >= cfg->n_counters) {
            return fail(p, "binding of client %d names counter %u; the part has %u",
                        (int)b->client_id, b->counter, cfg->n_counters);
        }
        for (uint8_t j = 0; j < i; j++) {
            if (cfg->bindings[j].client_id == b->client_id) {
                return fail(p, "client %d is bound twice", (int)b->client_id);
            }
        }
    }
    return 0;
}

int provision_config_parse(const char *text, size_t len, struct provision_config *cfg, char *err,
                           size_t err_size)
{
    static char empty_err[1];
    char line[MAX_LINE + 1u];
    struct parser p = {.cfg = cfg, .err = err, .err_size = err_size};
    if (err == NULL || err_size == 0u) {
        p.err = empty_err;
        p.err_size = sizeof(empty_err);
    }
    p.err[0] = '\0';
    if (text == NULL || cfg == NULL) {
        return fail(&p, "no description");
    }
    memset(cfg, 0, sizeof(*cfg));
    cfg->flash_size = PROVISION_DEFAULT_FLASH_SIZE;
    cfg->n_counters = PROVISION_DEFAULT_COUNTERS;
    cfg->lockout_threshold = PROVISION_DEFAULT_LOCKOUT;
    cfg->session_max_ops = PROVISION_DEFAULT_SESSION_OPS;
    size_t at = 0u;
    while (at < len) {
        size_t n = 0u;
        p.line_no++;
        while (at < len && text[at] != '\n') {
            if (text[at] == '\0') {
                return fail(&p, "a NUL byte in the text");
            }
            if (n == MAX_LINE) {
                return fail(&p, "line longer than %u characters", MAX_LINE);
            }
            line[n++] = text[at++];
        }
        line[n] = '\0';
        at++; /* the newline */
        if (parse_line(&p, line) != 0) {
            return -1;
        }
    }
    if (close_section(&p) != 0) {
        return -1;
    }
    return check_whole(&p);
}

int provision_config_encode(const struct provision_config *cfg, uint8_t *out, size_t size,
                            size_t *out_len)
{
    if (cfg == NULL || out == NULL || out_len == NULL || cfg->n_zones > SFP1_MAX_ZONES ||
        cfg->n_bindings > SFP1_MAX_BINDINGS) {
        return -1;
    }
    size_t len = SFP1_PROV_HEADER_LEN + (size_t)cfg->n_zones * SFP1_PROV_ZONE_LEN +
                 (size_t)cfg->n_bindings * SFP1_PROV_BINDING_LEN;
    if (size < len) {
        return -1;
    }
    memset(out, 0, len);
    memcpy(out, SFP1_PROV_MAGIC, 4u);
    out[4] = SFP1_PROV_VERSION;
    out[5] = cfg->n_zones;
    out[6] = cfg->n_bindings;
    out[7] = cfg->lockout_threshold;
    etss_put_le32(&out[8], cfg->session_max_ops);
    uint8_t *p = &out[SFP1_PROV_HEADER_LEN];
    for (uint8_t i = 0; i < cfg->n_zones; i++, p += SFP1_PROV_ZONE_LEN) {
        etss_put_le32(p, cfg->zones[i].base);
        etss_put_le32(&p[4], cfg->zones[i].size);
        p[8] = cfg->zones[i].read_policy;
        p[9] = cfg->zones[i].write_policy;
        /* p[12..43]: the root key, filled in by the secure partition. */
    }
    for (uint8_t i = 0; i < cfg->n_bindings; i++, p += SFP1_PROV_BINDING_LEN) {
        etss_put_le32(p, (uint32_t)cfg->bindings[i].client_id);
        p[4] = cfg->bindings[i].zone;
        p[5] = cfg->bindings[i].zone; /* key id: one root key per zone */
        p[6] = cfg->bindings[i].counter;
    }
    *out_len = len;
    return 0;
}

void provision_config_print(const struct provision_config *cfg, FILE *out)
{
    fprintf(out, "%u zone(s), %u binding(s), lock-out after %u failures, %u commands per session\n",
            cfg->n_zones, cfg->n_bindings, cfg->lockout_threshold, (unsigned)cfg->session_max_ops);
    for (uint8_t i = 0; i < cfg->n_zones; i++) {
        const struct provision_zone *z = &cfg->zones[i];
        fprintf(out, "  zone %u: 0x%06X + 0x%06X, read %s, write %s\n", i, (unsigned)z->base,
                (unsigned)z->size, read_policies[z->read_policy], write_policies[z->write_policy]);
    }
    for (uint8_t i = 0; i < cfg->n_bindings; i++) {
        const struct provision_binding *b = &cfg->bindings[i];
        fprintf(out, "  client %d -> zone %u, counter %u\n", (int)b->client_id, b->zone,
                b->counter);
    }
}
