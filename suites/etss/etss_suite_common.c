/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What every ETSS suite environment shares, wherever the partition runs
 * (the host SPM, the bare-metal twin, TF-M): the suites' clients and
 * provisioning, the device class, and small checks.
 */
#include <string.h>

#include "etss_suite_env.h"

/* The suites' provisioning, apart from the zones' read policies. */
#define SUITE_SETTINGS "lockout_threshold = 255\nsession_max_ops = 4096\n"
#define SUITE_ZONE0 "[zone 0]\nbase = 0x000000\nsize = 0x80000\nwrite = authenticated\n"
#define SUITE_ZONE1 "[zone 1]\nbase = 0x080000\nsize = 0x40000\nwrite = authenticated\n"
#define SUITE_BINDINGS                                                                             \
    "[binding]\nclient = -1\nzone = 0\ncounter = 0\n"                                              \
    "[binding]\nclient = -2\nzone = 0\ncounter = 2\n"                                              \
    "[binding]\nclient = 256\nzone = 1\ncounter = 1\n"                                             \
    "[binding]\nclient = 257\nzone = 1\ncounter = 3\n"

/* Every client's assets are confidential by default: both zones' reads
 * come back encrypted. */
const char etss_suite_provisioning[] =
    SUITE_SETTINGS SUITE_ZONE0 "read = encrypted\n" SUITE_ZONE1 "read = encrypted\n" SUITE_BINDINGS;

/* The authentication flash cannot seal reads: the same clients and zones,
 * reads authenticated only (it keeps only assets that waive confidentiality). */
static const char auth_flash_provisioning[] = SUITE_SETTINGS SUITE_ZONE0
    "read = authenticated\n" SUITE_ZONE1 "read = authenticated\n" SUITE_BINDINGS;

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

#ifndef ETSS_SUITE_DEVICE_CLASS
#define ETSS_SUITE_DEVICE_CLASS ETSS_SUITE_SECURE_FLASH
#endif

enum etss_suite_class etss_suite_device_class(void)
{
    return ETSS_SUITE_DEVICE_CLASS;
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
    /* The class is a build setting: constant in each build. */
    // cppcheck-suppress knownConditionTrueFalse
    return etss_suite_device_class() == ETSS_SUITE_AUTHENTICATION_FLASH ? auth_flash_provisioning
                                                                        : etss_suite_provisioning;
}

psa_storage_create_flags_t etss_suite_asset_flags(void)
{
    // cppcheck-suppress knownConditionTrueFalse
    return etss_suite_device_class() == ETSS_SUITE_AUTHENTICATION_FLASH
               ? PSA_STORAGE_FLAG_NO_CONFIDENTIALITY
               : PSA_STORAGE_FLAG_NONE;
}
