/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer: the provisioning description parser takes any text. Whatever
 * it accepts must encode into a record the part itself accepts (once the
 * partition has filled in the root keys): the tool and the part agree.
 */
#include <stdlib.h>
#include <string.h>

#include "provision_config.h"
#include "sf_model_state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct provision_config cfg;
    uint8_t record[SFP1_PROV_MAX_LEN];
    size_t len = 0;
    char err[160];
    if (provision_config_parse((const char *)data, size, &cfg, err, sizeof(err)) != 0) {
        if (err[0] == '\0' || strlen(err) >= sizeof(err)) {
            abort(); /* a refusal always says why */
        }
        return 0;
    }
    if (provision_config_encode(&cfg, record, sizeof(record), &len) != 0) {
        abort();
    }
    for (uint8_t z = 0; z < cfg.n_zones; z++) {
        memset(&record[SFP1_PROV_HEADER_LEN + z * SFP1_PROV_ZONE_LEN + 12u], 0xA5, 32);
    }
    if (!sf_model_record_valid(record, len, cfg.flash_size, cfg.n_counters)) {
        abort();
    }
    return 0;
}
