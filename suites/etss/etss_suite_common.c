/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What every ETSS suite environment shares, wherever the partition runs
 * (the host SPM, the bare-metal twin, TF-M): the suites' clients and
 * provisioning, the device class, and small checks.
 */
#include <string.h>

#include "etss_suite_env.h"

/* ---- the suites' provisioning description, made at run time: the
 * environments number their clients differently (TF-M's partition ids) and
 * a TF-M board's flash is smaller ---- */

struct text {
    char *buf;
    size_t size;
    size_t len;
};

static void put(struct text *t, const char *s)
{
    while (*s != '\0' && t->len + 1u < t->size) {
        t->buf[t->len++] = *s++;
    }
    t->buf[t->len] = '\0';
}

static void put_number(struct text *t, long long v)
{
    char digits[24];
    size_t n = 0;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        digits[n++] = (char)('0' + (int)(u % 10u));
        u /= 10u;
    } while (u != 0u);
    if (v < 0) {
        put(t, "-");
    }
    while (n > 0u) {
        char one[2] = {digits[--n], '\0'};
        put(t, one);
    }
}

static void put_zone(struct text *t, int zone, uint32_t base, uint32_t size, const char *read)
{
    put(t, "[zone ");
    put_number(t, zone);
    put(t, "]\nbase = ");
    put_number(t, base);
    put(t, "\nsize = ");
    put_number(t, size);
    put(t, "\nread = ");
    put(t, read);
    put(t, "\nwrite = authenticated\n");
}

/* Zone 0 (the non-secure clients', ETSS_SUITE_ZONE0_BYTES) and zone 1 (the
 * secure clients', half as large) with reads `read`, and the four bound
 * clients. */
static const char *description(char *buf, size_t size, const char *read)
{
    static const uint8_t zones[ETSS_SUITE_CLIENTS] = {0u, 0u, 1u, 1u};
    struct text t = {buf, size, 0u};
    put(&t, "lockout_threshold = 255\nsession_max_ops = 4096\n");
    put_zone(&t, 0, 0u, ETSS_SUITE_ZONE0_BYTES, read);
    put_zone(&t, 1, ETSS_SUITE_ZONE0_BYTES, ETSS_SUITE_ZONE0_BYTES / 2u, read);
    for (size_t i = 0; i < ETSS_SUITE_CLIENTS; i++) {
        put(&t, "[binding]\nclient = ");
        put_number(&t, etss_suite_clients[i]);
        put(&t, "\nzone = ");
        put_number(&t, zones[i]);
        put(&t, "\ncounter = ");
        put_number(&t, etss_suite_counters[i]);
        put(&t, "\n");
    }
    return buf;
}

/* Every client's assets are confidential by default: both zones' reads
 * come back encrypted. */
const char *etss_suite_provisioning(void)
{
    static char text[640];
    return description(text, sizeof(text), "encrypted");
}

const int32_t etss_suite_clients[ETSS_SUITE_CLIENTS] = {ETSS_NS_CLIENT, ETSS_NS_CLIENT_2,
                                                        ETSS_S_CLIENT, ETSS_S_CLIENT_2};
const uint8_t etss_suite_counters[ETSS_SUITE_CLIENTS] = {ETSS_NS_COUNTER, ETSS_NS_2_COUNTER,
                                                         ETSS_S_COUNTER, ETSS_S_2_COUNTER};

bool etss_suite_all_bytes_are(const uint8_t *buf, size_t len, uint8_t value)
{
    for (size_t i = 0; i < len; i++) {
        if (buf[i] != value) {
            return false;
        }
    }
    return true;
}

const char *etss_suite_device_class_name(void)
{
    switch (etss_suite_device_class()) {
    case ETSS_SUITE_SECURE_FLASH:
        return "secure flash";
    case ETSS_SUITE_SECURE_FLASH_AND_RPMC:
        return "secure flash + RPMC";
    case ETSS_SUITE_AUTHENTICATION_FLASH:
        return "authentication flash";
    case ETSS_SUITE_RPMC:
        return "RPMC";
    }
    return "?";
}

const char *etss_suite_class_provisioning(void)
{
    /* The authentication flash cannot seal reads: the same clients and
     * zones, reads authenticated only (it keeps only assets that waive
     * confidentiality). */
    static char text[640];
    return etss_suite_device_class() == ETSS_SUITE_AUTHENTICATION_FLASH
               ? description(text, sizeof(text), "authenticated")
               : etss_suite_provisioning();
}

psa_storage_create_flags_t etss_suite_asset_flags(void)
{
    return etss_suite_device_class() == ETSS_SUITE_AUTHENTICATION_FLASH
               ? PSA_STORAGE_FLAG_NO_CONFIDENTIALITY
               : PSA_STORAGE_FLAG_NONE;
}
