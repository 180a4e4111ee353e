/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host port of the ETSS partition: etss_platform.h on caller-given buses
 * and a HUK imported into PSA, and the partition's start in the host SPM
 * with the service its manifest declares.
 */
#include <string.h>

#include "etss_host.h"
#include "etss_config.h"
#include "etss_platform.h"
#include "psa_manifest/etss.h"
#include "psa_manifest/pid.h"
#include "psa_manifest/sid.h"
#include "sf_trust_file.h"
#include "sf_trust_ram.h"
#include "spm_host.h"

static const struct etss_spi_driver *buses[ETSS_MAX_DEVICES];
static sf_key_t huk_key = SF_KEY_NONE;
static struct {
    const struct sf_binding *table;
    size_t n;
} counter_bindings[ETSS_MAX_DEVICES];

/* ---- trust: the maker key and the part records ---- */

static uint8_t maker_key[SF_EC_PUBLIC_KEY_LEN];
static struct sf_trust_ram ram_records;
static struct sf_trust_file file_records;
static struct sf_trust trust;
static bool trust_set;

int etss_host_set_trust(const uint8_t key[SF_EC_PUBLIC_KEY_LEN], const char *path)
{
    if (key == NULL || (path != NULL && sf_trust_file_init(&file_records, path) != 0)) {
        return -1;
    }
    memcpy(maker_key, key, sizeof(maker_key));
    sf_trust_ram_init(&ram_records);
    trust.maker_key = maker_key;
    trust.store = path != NULL ? &file_records.store : &ram_records.store;
    trust_set = true;
    return 0;
}

const struct sf_trust *etss_platform_trust(void)
{
    return trust_set ? &trust : NULL;
}

void etss_host_set_counter_bindings(uint8_t instance, const struct sf_binding *bindings, size_t n)
{
    if (instance < ETSS_MAX_DEVICES) {
        counter_bindings[instance].table = bindings;
        counter_bindings[instance].n = n;
    }
}

const struct sf_binding *etss_platform_counter_bindings(uint8_t instance, size_t *n)
{
    *n = instance < ETSS_MAX_DEVICES ? counter_bindings[instance].n : 0u;
    return instance < ETSS_MAX_DEVICES ? counter_bindings[instance].table : NULL;
}

void etss_host_set_spi(uint8_t instance, const struct etss_spi_driver *spi)
{
    if (instance < ETSS_MAX_DEVICES) {
        buses[instance] = spi;
    }
}

int etss_host_set_huk(const uint8_t *huk, size_t len)
{
    if (sf_crypto_init() != SF_OK) {
        return -1;
    }
    sf_crypto_destroy(&huk_key);
    return sf_crypto_import(SF_KEY_HKDF_SECRET, huk, len, &huk_key) == SF_OK ? 0 : -1;
}

const struct etss_spi_driver *etss_platform_spi(uint8_t instance)
{
    return instance < ETSS_MAX_DEVICES ? buses[instance] : NULL;
}

sf_key_t etss_platform_huk(void)
{
    return huk_key;
}

void etss_partition_main(void);

int etss_host_start_partition(void)
{
    static const struct spm_host_service service = {
        .sid = TFM_ETSS_SERVICE_SID,
        .version = TFM_ETSS_SERVICE_VERSION,
        .signal = TFM_ETSS_SERVICE_SIGNAL,
    };
    return spm_host_start_partition(TFM_SP_ETSS, etss_partition_main, &service, 1);
}
