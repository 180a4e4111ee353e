/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the environments that make and provision the suites' parts share
 * (the host's and the bare-metal twin's, etss_suite_env.c; TF-M's, through
 * the test board's door): what each class's secure flash announces, and
 * the provisioning message of a description.
 */
#include <stdio.h>
#include <string.h>

#include "etss_suite_env.h"
#include "provision_config.h"
#include "sfp1_protocol.h"

uint8_t etss_suite_class_features(enum etss_suite_class cls)
{
    const uint8_t common = SFP1_FEATURE_ZONES | SFP1_FEATURE_COUNTERS | SFP1_FEATURE_UID |
                           SFP1_FEATURE_AUTHENTICATION | SFP1_FEATURE_TRNG;
    /* An authentication flash cannot seal reads and has no PUF. */
    return cls == ETSS_SUITE_AUTHENTICATION_FLASH
               ? common
               : (uint8_t)(common | SFP1_FEATURE_PUF | SFP1_FEATURE_CONFIDENTIALITY);
}

int etss_suite_provisioning_message(const char *description, uint8_t *out, size_t size, size_t *len)
{
    struct provision_config cfg;
    char err[160];
    if (provision_config_parse(description, strlen(description), &cfg, err, sizeof(err)) != 0) {
        printf("suite: bad provisioning description: %s\n", err);
        return -1;
    }
    return provision_config_encode(&cfg, out, size, len);
}
