/*
 * Host port of the ETSS partition: etss_platform.h on caller-given buses
 * and a HUK imported into PSA, and the partition's start in the host SPM
 * with the service its manifest declares.
 */
#include <stdio.h>
#include <string.h>

#include "etss_host.h"
#include "etss_config.h"
#include "etss_platform.h"
#include "psa_manifest/etss.h"
#include "psa_manifest/pid.h"
#include "psa_manifest/sid.h"
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
static char records_path[512];
static struct sf_trust_store file_store;
static struct sf_trust trust;
static bool trust_set;

#define RECORDS_MAGIC "ETSSPART"
#define RECORD_BYTES (1u + SF_SHA256_LEN + 16u + 16u + 4u * SF_MAX_COUNTERS)

/* The file holds one fixed-size record per instance after its magic. */
static void encode(const struct sf_part_record *r, uint8_t *b)
{
    b[0] = r->flags;
    memcpy(&b[1], r->identity, SF_SHA256_LEN);
    memcpy(&b[1 + SF_SHA256_LEN], r->salt, 16u);
    memcpy(&b[17 + SF_SHA256_LEN], r->next_salt, 16u);
    for (size_t i = 0; i < SF_MAX_COUNTERS; i++) {
        for (size_t k = 0; k < 4u; k++) {
            b[33 + SF_SHA256_LEN + 4u * i + k] = (uint8_t)(r->counter_floor[i] >> (8u * k));
        }
    }
}

static void decode(const uint8_t *b, struct sf_part_record *r)
{
    memset(r, 0, sizeof(*r));
    r->flags = b[0];
    memcpy(r->identity, &b[1], SF_SHA256_LEN);
    memcpy(r->salt, &b[1 + SF_SHA256_LEN], 16u);
    memcpy(r->next_salt, &b[17 + SF_SHA256_LEN], 16u);
    for (size_t i = 0; i < SF_MAX_COUNTERS; i++) {
        for (size_t k = 0; k < 4u; k++) {
            r->counter_floor[i] |= (uint32_t)b[33 + SF_SHA256_LEN + 4u * i + k] << (8u * k);
        }
    }
}

static uint8_t file_bytes[8u + ETSS_MAX_DEVICES * RECORD_BYTES];

/* The whole file into file_bytes; a missing file is a host that has
 * provisioned nothing yet. */
static int read_records(void)
{
    memset(file_bytes, 0, sizeof(file_bytes));
    memcpy(file_bytes, RECORDS_MAGIC, 8u);
    FILE *f = fopen(records_path, "rb");
    if (f == NULL) {
        return SF_OK;
    }
    size_t n = fread(file_bytes, 1u, sizeof(file_bytes), f);
    fclose(f);
    return n == sizeof(file_bytes) && memcmp(file_bytes, RECORDS_MAGIC, 8u) == 0 ? SF_OK
                                                                                 : SF_ERR_DEVICE;
}

static int file_load(void *ctx, uint8_t instance, struct sf_part_record *rec)
{
    (void)ctx;
    int rc = instance < ETSS_MAX_DEVICES ? read_records() : SF_ERR_PARAM;
    if (rc == SF_OK) {
        decode(&file_bytes[8u + instance * RECORD_BYTES], rec);
    }
    return rc;
}

static int file_save(void *ctx, uint8_t instance, const struct sf_part_record *rec)
{
    (void)ctx;
    int rc = instance < ETSS_MAX_DEVICES ? read_records() : SF_ERR_PARAM;
    if (rc != SF_OK) {
        return rc;
    }
    encode(rec, &file_bytes[8u + instance * RECORD_BYTES]);
    FILE *f = fopen(records_path, "wb");
    bool ok = f != NULL && fwrite(file_bytes, 1u, sizeof(file_bytes), f) == sizeof(file_bytes);
    ok = f != NULL && fclose(f) == 0 && ok;
    return ok ? SF_OK : SF_ERR_DEVICE;
}

int etss_host_set_trust(const uint8_t key[SF_EC_PUBLIC_KEY_LEN], const char *path)
{
    if (key == NULL || (path != NULL && strlen(path) >= sizeof(records_path))) {
        return -1;
    }
    memcpy(maker_key, key, sizeof(maker_key));
    sf_trust_ram_init(&ram_records);
    file_store = (struct sf_trust_store){.load = file_load, .save = file_save};
    if (path != NULL) {
        strcpy(records_path, path);
    }
    trust.maker_key = maker_key;
    trust.store = path != NULL ? &file_store : &ram_records.store;
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
    if (sf_crypto_init() != SF_CRYPTO_OK) {
        return -1;
    }
    sf_crypto_destroy(&huk_key);
    return sf_crypto_import(SF_KEY_HKDF_SECRET, huk, len, &huk_key) == SF_CRYPTO_OK ? 0 : -1;
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
