/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * etss-sf-demo: the secure channel at work on the secure flash model.
 * Provisions a blank part from a config file (developer mode), writes a
 * secret through an authenticated, encrypted session, reads it back, and
 * shows what an observer of the SPI bus saw.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devmodel/model_spi.h"
#include "devmodel/sf_model.h"
#include "developer_huk.h"
#include "provision_config.h"
#include "sf_trust_file.h"
#include "sf_api.h"
#include "sfp1_protocol.h"

#define CLIENT_ID (-1) /* a non-secure client, as TF-M numbers them */
#define SECRET_OFFSET 0x2000u
#define CAPTURE_MAX 8192u

struct recorder {
    uint8_t bytes[CAPTURE_MAX];
    size_t len;
};

/* A tap callback: its bytes may be rewritten, this one only reads them. */
// cppcheck-suppress constParameter
static void record(void *ctx, uint8_t *b, size_t n)
{
    struct recorder *rec = ctx;
    for (size_t i = 0; i < n && rec->len < CAPTURE_MAX; i++) {
        rec->bytes[rec->len++] = b[i];
    }
}

static const struct model_spi_tap recorder_tap = {
    .host_to_device = record,
    .device_to_host = record,
};

static void usage(FILE *out)
{
    fprintf(out, "usage: etss-sf-demo [--image PATH] [--config PATH]\n"
                 "\n"
                 "Provision the secure flash model (if blank) and move a secret over\n"
                 "the authenticated, encrypted channel, showing what the bus saw.\n"
                 "  --image PATH   flash image (default data/secure-flash.img)\n"
                 "  --config PATH  provisioning description (default\n"
                 "                 config/provision-example.conf)\n"
                 "Exit status: 0 success, 1 device or protocol error, 2 usage error.\n");
}

static int load_record(const char *path, uint8_t *record, size_t size, size_t *len)
{
    static char text[16384];
    struct provision_config cfg;
    char err[200];
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "etss-sf-demo: cannot open %s\n", path);
        return -1;
    }
    size_t n = fread(text, 1, sizeof(text) - 1u, f);
    fclose(f);
    text[n] = '\0';
    if (provision_config_parse(text, n, &cfg, err, sizeof(err)) != 0 ||
        provision_config_encode(&cfg, record, size, len) != 0) {
        fprintf(stderr, "etss-sf-demo: %s: %s\n", path, err);
        return -1;
    }
    return 0;
}

static int fail(const char *what, int rc)
{
    fprintf(stderr, "etss-sf-demo: %s: %s\n", what, sf_strerror(rc));
    return 1;
}

static void hexdump(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i += 32) {
        printf("    ");
        for (size_t j = i; j < n && j < i + 32; j++) {
            printf("%02x", p[j]);
        }
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    const char *image = "data/secure-flash.img";
    const char *config = "config/provision-example.conf";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--image") == 0 && i + 1 < argc) {
            image = argv[++i];
        } else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
            config = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }

    struct sf_model_config mcfg;
    enum nor_model_status st;
    sf_model_default_config(&mcfg);
    mcfg.nor.image_path = image;
    sf_model_t *model = sf_model_create(&mcfg, &st);
    if (model == NULL) {
        fprintf(stderr, "etss-sf-demo: %s: %s\n", image, nor_model_strerror(st));
        return 1;
    }
    nor_model_t *nor = sf_model_nor(model);
    static struct recorder rec;
    static struct sf_device dev;
    struct model_spi bus;
    sf_key_t huk = SF_KEY_NONE;
    int rc = sf_crypto_init() == SF_OK && sf_crypto_import(SF_KEY_HKDF_SECRET, developer_huk,
                                                           sizeof(developer_huk), &huk) == SF_OK
                 ? SF_OK
                 : SF_ERR_CRYPTO;
    if (rc == SF_OK) {
        rc = sf_device_init(&dev, model_spi_bind(&bus, nor), huk, 0u);
    }
    /* The host's record of the part lives beside its image, as a board
     * keeps it in its trusted storage; the maker of model parts is trusted. */
    static struct sf_trust_file records;
    static uint8_t maker[65];
    char records_path[600];
    snprintf(records_path, sizeof(records_path), "%s.records", image);
    struct sf_trust trust = {.maker_key = maker, .store = &records.store};
    if (rc == SF_OK && (sf_trust_file_init(&records, records_path) != 0 ||
                        sf_model_maker_public_key(0u, maker) != 0)) {
        rc = SF_ERR_PARAM;
    }
    if (rc == SF_OK) {
        rc = sf_device_set_trust(&dev, &trust);
    }
    if (rc != SF_OK) {
        sf_model_destroy(model);
        return fail("discovery", rc);
    }
    printf("secure flash model: image %s, vendor binding \"%s\", identity certified by its "
           "maker; %s\n",
           image, dev.vendor->name,
           sf_device_provisioned(&dev) ? "provisioned by this host"
                                       : "never provisioned by this host");
    /* The host's own record says whether to provision, never the part. */
    if (!sf_device_provisioned(&dev)) {
        uint8_t record_bytes[SFP1_PROV_MAX_LEN];
        size_t len = 0;
        if (load_record(config, record_bytes, sizeof(record_bytes), &len) != 0) {
            sf_model_destroy(model);
            return 1;
        }
        rc = sf_api_provision(&dev, record_bytes, len);
        if (rc != SF_OK) {
            sf_model_destroy(model);
            return fail("provisioning", rc);
        }
        printf("provisioned from %s: %u zones, %u bindings (root keys from the HUK, the part's "
               "identity and a fresh salt, sent sealed to the part)\n",
               config, dev.info.n_zones, dev.info.n_bindings);
    } else {
        rc = sf_api_init(&dev);
        if (rc != SF_OK) {
            sf_model_destroy(model);
            return fail("authenticated description", rc);
        }
    }

    struct sf_binding b;
    rc = sf_api_binding(&dev, CLIENT_ID, &b);
    if (rc != SF_OK) {
        sf_model_destroy(model);
        return fail("binding of client -1", rc);
    }
    uint32_t count = 0;
    rc = sf_api_counter_increment(&dev, CLIENT_ID, &count);
    if (rc != SF_OK) {
        sf_model_destroy(model);
        return fail("counter", rc);
    }
    char secret[64];
    snprintf(secret, sizeof(secret), "my secret asset, version %08" PRIu32, count);
    printf("client %d: zone %u at 0x%06" PRIX32 " (%s reads), counter %u = %" PRIu32 "\n",
           CLIENT_ID, b.zone, dev.info.zones[b.zone].base,
           dev.info.zones[b.zone].read_policy == SFP1_READ_ENCRYPTED ? "encrypted"
                                                                     : "authenticated",
           b.counter, count);

    uint32_t offset = SECRET_OFFSET + (count % 64u) * 64u;
    if (offset % 4096u == SECRET_OFFSET % 4096u) {
        rc = sf_api_erase(&dev, CLIENT_ID, offset);
    }
    const struct nor_model_stats *stats = nor_model_stats(nor);
    struct nor_model_stats mark = *stats;
    model_spi_set_tap(&bus, &recorder_tap, &rec);
    if (rc == SF_OK) {
        rc = sf_api_program(&dev, CLIENT_ID, offset, secret, sizeof(secret));
    }
    char back[sizeof(secret)];
    if (rc == SF_OK) {
        rc = sf_api_read(&dev, CLIENT_ID, offset, back, sizeof(back));
    }
    model_spi_set_tap(&bus, NULL, NULL);
    if (rc != SF_OK) {
        sf_model_destroy(model);
        return fail("secure write/read", rc);
    }
    int same = memcmp(secret, back, sizeof(secret)) == 0;
    int leaked = 0;
    for (size_t i = 0; i + 8u <= rec.len && !leaked; i++) {
        leaked = memcmp(&rec.bytes[i], secret, 8u) == 0;
    }
    printf("\nwrote and read back \"%s\": %s\n", secret, same ? "identical" : "DIFFERENT");
    printf("secure write + read cost %.3f ms device time, %" PRIu64 " B to device, %" PRIu64
           " B from device\n",
           (double)(stats->device_time_ns - mark.device_time_ns) / 1e6,
           stats->bytes_to_device - mark.bytes_to_device,
           stats->bytes_from_device - mark.bytes_from_device);
    printf("what the bus saw (%zu bytes, both directions):\n", rec.len);
    hexdump(rec.bytes, rec.len < 256u ? rec.len : 256u);
    if (rec.len > 256u) {
        printf("    ... (%zu more)\n", rec.len - 256u);
    }
    printf("plaintext on the bus: %s\n", leaked ? "YES - LEAKED" : "none (ciphertext only)");
    printf("sessions opened: %" PRIu32 ", communication failures: %" PRIu32 "\n",
           dev.stats.sessions_opened, dev.stats.comm_failures);

    sf_device_deinit(&dev);
    sf_crypto_destroy(&huk);
    sf_model_destroy(model);
    return same && !leaked ? 0 : 1;
}
