/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * etss-bench: what each ETSS operation costs on the device model, side by
 * side with two baselines on identical models:
 *   floor  - plain NOR through the raw driver, only the payload, appended
 *            with a sector erase whenever a new sector is entered;
 *   secure - the secure channel alone: the same appends as secure programs
 *            (and secure reads, counters, PUF, RNG) in an encrypted zone;
 *   etss   - the partition's service, filesystem and everything below.
 * Every figure comes from the model (device time, bus bytes, pages, erases,
 * bytes programmed), so it is the same on every run. Run under callgrind
 * (scripts/bench.sh), each measurement also dumps its host instruction
 * count, with the device model excluded.
 *
 * Output: one CSV row per (workload, variant), per operation.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <valgrind/callgrind.h>

#include "devmodel/model_spi.h"
#include "devmodel/sf_model.h"
#include "etss_config.h"
#include "etss_host.h"
#include "etss_service.h"
#include "nor_flash.h"
#include "provision_config.h"
#include "sf_api.h"
#include "sf_trust_ram.h"

#define CLIENT (-1)
#define PROVISIONER 300 /* a secure client: provisioning is secure-side only */
#define SECTOR 4096u
#define REGION 0x80000u /* baselines append inside 512 KiB */

static const uint8_t huk[32] = "ETSS benchmark HUK (developer).";

static const char zone_config[] = "lockout_threshold = 255\n"
                                  "session_max_ops = 100000\n"
                                  "[zone 0]\nbase = 0\nsize = 0x80000\n"
                                  "read = encrypted\nwrite = authenticated\n"
                                  "[binding]\nclient = -1\nzone = 0\ncounter = 0\n";

static FILE *csv;
static unsigned reps = 1;

/* ---- measuring ---- */

struct mark {
    struct nor_model_stats at;
};

static void begin(nor_model_t *nor, struct mark *m)
{
    m->at = *nor_model_stats(nor);
    CALLGRIND_ZERO_STATS;
}

static void end(nor_model_t *nor, const struct mark *m, const char *workload, const char *variant,
                double payload, unsigned ops)
{
    char label[96];
    snprintf(label, sizeof(label), "%s/%s", workload, variant);
    CALLGRIND_DUMP_STATS_AT(label);
    const struct nor_model_stats *now = nor_model_stats(nor);
    double n = ops;
    double programmed = (double)(now->bytes_programmed - m->at.bytes_programmed) / n;
    fprintf(csv, "%s,%s,%.0f,%u,%.2f,%.1f,%.1f,%.2f,%.3f,%.1f,%.2f\n", workload, variant, payload,
            ops, (double)(now->device_time_ns - m->at.device_time_ns) / 1000.0 / n,
            (double)(now->bytes_to_device - m->at.bytes_to_device) / n,
            (double)(now->bytes_from_device - m->at.bytes_from_device) / n,
            (double)(now->pages_programmed - m->at.pages_programmed) / n,
            (double)(now->sectors_erased - m->at.sectors_erased) / n, programmed,
            payload > 0.0 ? programmed / payload : 0.0);
}

static void fill(uint8_t *buf, size_t len, uint32_t seed)
{
    for (size_t i = 0; i < len; i++) {
        seed = seed * 1664525u + 1013904223u;
        buf[i] = (uint8_t)(seed >> 24);
    }
}

static void must(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "etss-bench: %s failed\n", what);
        exit(1);
    }
}

/* ---- the three targets ---- */

struct floor_target {
    nor_model_t *nor;
    struct model_spi bus;
    struct nor_flash flash;
    uint32_t next;
};

struct secure_target {
    sf_model_t *model;
    nor_model_t *nor;
    struct model_spi bus;
    struct sf_device dev;
    sf_key_t huk;
    struct sf_trust_ram records;
    struct sf_trust trust;
    uint32_t next;
};

struct etss_target {
    sf_model_t *model;
    nor_model_t *nor;
    struct model_spi bus;
};

static struct floor_target fl;
static struct secure_target sec;
static struct etss_target et;

static size_t provisioning_message(uint8_t *msg, size_t size)
{
    struct provision_config cfg;
    char err[160];
    size_t len = 0;
    must(provision_config_parse(zone_config, strlen(zone_config), &cfg, err, sizeof(err)) == 0 &&
             provision_config_encode(&cfg, msg, size, &len) == 0,
         "provisioning description");
    return len;
}

static sf_model_t *secure_model(void)
{
    struct sf_model_config cfg;
    enum nor_model_status st;
    sf_model_default_config(&cfg);
    sf_model_t *m = sf_model_create(&cfg, &st);
    must(m != NULL, "secure flash model");
    return m;
}

static void setup(void)
{
    struct nor_model_config cfg;
    enum nor_model_status st;
    uint8_t msg[512];
    size_t len = provisioning_message(msg, sizeof(msg));
    static uint8_t maker[65];
    must(sf_model_maker_public_key(0u, maker) == 0, "maker key");
    sf_trust_ram_init(&sec.records);
    sec.trust = (struct sf_trust){.maker_key = maker, .store = &sec.records.store};

    nor_model_default_config(&cfg);
    fl.nor = nor_model_create(&cfg, &st);
    must(fl.nor != NULL && etss_nor_init(&fl.flash, model_spi_bind(&fl.bus, fl.nor)) == 0,
         "plain NOR");

    sec.model = secure_model();
    sec.nor = sf_model_nor(sec.model);
    must(sf_crypto_init() == SF_OK &&
             sf_crypto_import(SF_KEY_HKDF_SECRET, huk, sizeof(huk), &sec.huk) == SF_OK &&
             sf_device_init(&sec.dev, model_spi_bind(&sec.bus, sec.nor), sec.huk, 0) == SF_OK &&
             sf_device_set_trust(&sec.dev, &sec.trust) == SF_OK &&
             sf_api_provision(&sec.dev, msg, len) == SF_OK,
         "secure channel baseline");

    et.model = secure_model();
    et.nor = sf_model_nor(et.model);
    etss_host_set_spi(0, model_spi_bind(&et.bus, et.nor));
    must(etss_host_set_trust(maker, NULL) == 0 && etss_host_set_huk(huk, sizeof(huk)) == 0 &&
             etss_service_init() == ETSS_ERR_SF_UNPROVISIONED &&
             etss_service_provision(PROVISIONER, msg, len) == ETSS_SUCCESS,
         "ETSS");
}

/* Baselines append the payload, erasing each sector as they enter it. */
static void floor_append(const uint8_t *data, size_t len)
{
    for (size_t done = 0; done < len;) {
        if (fl.next % SECTOR == 0u) {
            must(etss_nor_erase(&fl.flash, fl.next, SECTOR) == 0, "floor erase");
        }
        size_t n = SECTOR - fl.next % SECTOR < len - done ? SECTOR - fl.next % SECTOR : len - done;
        must(etss_nor_program(&fl.flash, fl.next, &data[done], n) == 0, "floor program");
        done += n;
        fl.next = (fl.next + (uint32_t)n) % REGION;
    }
}

static void secure_append(const uint8_t *data, size_t len)
{
    for (size_t done = 0; done < len;) {
        if (sec.next % SECTOR == 0u) {
            must(sf_api_erase(&sec.dev, CLIENT, sec.next) == SF_OK, "secure erase");
        }
        size_t n =
            SECTOR - sec.next % SECTOR < len - done ? SECTOR - sec.next % SECTOR : len - done;
        must(sf_api_program(&sec.dev, CLIENT, sec.next, &data[done], n) == SF_OK, "secure program");
        done += n;
        sec.next = (sec.next + (uint32_t)n) % REGION;
    }
}

/* ---- workloads ---- */

static const size_t sizes[] = {16, 256, 1024, ETSS_MAX_ASSET_SIZE};

static void bench_set_get_remove(void)
{
    static uint8_t data[ETSS_MAX_ASSET_SIZE];
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    struct mark m;
    char name[32];
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        size_t len = sizes[s];
        /* Enough sets to go through several sectors: erases amortise. */
        unsigned ops = (len <= 256u ? 200u : len <= 1024u ? 100u : 24u) * reps;
        fill(data, len, (uint32_t)len);

        snprintf(name, sizeof(name), "set-%zu", len);
        begin(fl.nor, &m);
        for (unsigned i = 0; i < ops; i++) {
            floor_append(data, len);
        }
        end(fl.nor, &m, name, "floor", (double)len, ops);
        begin(sec.nor, &m);
        for (unsigned i = 0; i < ops; i++) {
            secure_append(data, len);
        }
        end(sec.nor, &m, name, "secure", (double)len, ops);
        begin(et.nor, &m);
        for (unsigned i = 0; i < ops; i++) {
            must(etss_service_set(CLIENT, 1000u + i, data, len, 0) == ETSS_SUCCESS, "set");
        }
        end(et.nor, &m, name, "etss", (double)len, ops);

        snprintf(name, sizeof(name), "get-%zu", len);
        begin(fl.nor, &m);
        for (unsigned i = 0; i < ops; i++) {
            must(etss_nor_read(&fl.flash, 0, got, len) == 0, "floor read");
        }
        end(fl.nor, &m, name, "floor", (double)len, ops);
        begin(sec.nor, &m);
        for (unsigned i = 0; i < ops; i++) {
            must(sf_api_read(&sec.dev, CLIENT, 0, got, len) == SF_OK, "secure read");
        }
        end(sec.nor, &m, name, "secure", (double)len, ops);
        begin(et.nor, &m);
        for (unsigned i = 0; i < ops; i++) {
            size_t n = 0;
            must(etss_service_get(CLIENT, 1000u + i, 0, got, len, &n) == ETSS_SUCCESS && n == len,
                 "get");
        }
        end(et.nor, &m, name, "etss", (double)len, ops);

        /* A removal has no payload: the baselines do nothing. */
        snprintf(name, sizeof(name), "remove-%zu", len);
        begin(et.nor, &m);
        for (unsigned i = 0; i < ops; i++) {
            must(etss_service_remove(CLIENT, 1000u + i) == ETSS_SUCCESS, "remove");
        }
        end(et.nor, &m, name, "etss", 0.0, ops);
    }
}

/* One 1 KiB value updated again and again, then a full store churned: the
 * baselines' floor is the same append either way. */
static void bench_updates(void)
{
    static uint8_t data[1024];
    struct mark m;
    unsigned ops = 100u * reps;
    begin(fl.nor, &m);
    for (unsigned i = 0; i < ops; i++) {
        fill(data, sizeof(data), i);
        floor_append(data, sizeof(data));
    }
    end(fl.nor, &m, "update-1024", "floor", 1024.0, ops);
    begin(sec.nor, &m);
    for (unsigned i = 0; i < ops; i++) {
        fill(data, sizeof(data), i);
        secure_append(data, sizeof(data));
    }
    end(sec.nor, &m, "update-1024", "secure", 1024.0, ops);
    begin(et.nor, &m);
    for (unsigned i = 0; i < ops; i++) {
        fill(data, sizeof(data), i);
        must(etss_service_set(CLIENT, 1, data, sizeof(data), 0) == ETSS_SUCCESS, "update");
    }
    end(et.nor, &m, "update-1024", "etss", 1024.0, ops);

    /* Fill the zone with 1 KiB assets, then churn at full. */
    uint64_t stored = 1; /* uid 1 from above */
    while (etss_service_set(CLIENT, 1 + stored, data, sizeof(data), 0) == ETSS_SUCCESS) {
        stored++;
    }
    fprintf(stderr, "etss-bench: the zone holds %" PRIu64 " assets of 1 KiB\n", stored);
    /* Updates in random order: reclaiming the oldest sector then finds
     * current records to copy. */
    uint32_t pick = 12345u;
    unsigned churn = 6u * ops; /* enough to take the ring round at least once */
    begin(et.nor, &m);
    for (unsigned i = 0; i < churn; i++) {
        pick = pick * 1103515245u + 12345u;
        fill(data, sizeof(data), 5000u + i);
        must(etss_service_set(CLIENT, 1 + (pick >> 8) % stored, data, sizeof(data), 0) ==
                 ETSS_SUCCESS,
             "churn");
    }
    end(et.nor, &m, "churn-full-1024", "etss", 1024.0, churn);
    for (uint64_t uid = 1; uid <= stored; uid++) {
        must(etss_service_remove(CLIENT, uid) == ETSS_SUCCESS, "cleanup");
    }
}

static void bench_device_services(void)
{
    uint8_t buf[32];
    size_t n = 0;
    uint32_t v = 0;
    struct mark m;
    unsigned ops = 8u * reps;
    begin(sec.nor, &m);
    for (unsigned i = 0; i < ops; i++) {
        must(sf_api_counter_increment(&sec.dev, CLIENT, &v) == SF_OK, "secure counter");
    }
    end(sec.nor, &m, "counter-increment", "secure", 0.0, ops);
    begin(et.nor, &m);
    for (unsigned i = 0; i < ops; i++) {
        must(etss_service_mc_increment(CLIENT, 0) == ETSS_SUCCESS, "counter");
    }
    end(et.nor, &m, "counter-increment", "etss", 0.0, ops);

    static const uint8_t challenge[12] = "ETSS PUF\xff\xff\xff\xff";
    begin(sec.nor, &m);
    for (unsigned i = 0; i < ops; i++) {
        must(sf_api_puf(&sec.dev, CLIENT, challenge, sizeof(challenge), buf, sizeof(buf), &n) ==
                 SF_OK,
             "secure puf");
    }
    end(sec.nor, &m, "puf", "secure", 0.0, ops);
    begin(et.nor, &m);
    for (unsigned i = 0; i < ops; i++) {
        must(etss_service_get_puf(CLIENT, buf, sizeof(buf), &n) == ETSS_SUCCESS, "puf");
    }
    end(et.nor, &m, "puf", "etss", 0.0, ops);

    begin(sec.nor, &m);
    for (unsigned i = 0; i < ops; i++) {
        must(sf_api_random(&sec.dev, CLIENT, buf, sizeof(buf)) == SF_OK, "secure random");
    }
    end(sec.nor, &m, "random-32", "secure", 32.0, ops);
    begin(et.nor, &m);
    for (unsigned i = 0; i < ops; i++) {
        must(etss_service_random(CLIENT, buf, sizeof(buf)) == ETSS_SUCCESS, "random");
    }
    end(et.nor, &m, "random-32", "etss", 32.0, ops);
}

/* Boot (discovery, a session) and the first request (mounting the zone),
 * as a function of the assets stored; then the same request warm. */
static void bench_mount(void)
{
    static const unsigned counts[] = {1, 10, 100, ETSS_MAX_ASSETS_PER_ZONE};
    uint8_t data[16] = "sixteen bytes..";
    uint8_t got[16];
    struct mark m;
    char name[32];
    unsigned stored = 0;
    for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
        for (; stored < counts[c]; stored++) {
            must(etss_service_set(CLIENT, 100000u + stored, data, sizeof(data), 0) == ETSS_SUCCESS,
                 "mount fill");
        }
        nor_model_power_cycle(et.nor);
        snprintf(name, sizeof(name), "boot-%u-assets", counts[c]);
        begin(et.nor, &m);
        must(etss_service_init() == ETSS_SUCCESS, "boot");
        end(et.nor, &m, name, "etss", 0.0, 1);
        snprintf(name, sizeof(name), "mount-%u-assets", counts[c]);
        size_t n = 0;
        begin(et.nor, &m);
        must(etss_service_get(CLIENT, 100000u, 0, got, sizeof(got), &n) == ETSS_SUCCESS, "cold");
        end(et.nor, &m, name, "etss", 16.0, 1);
    }
    struct mark w;
    size_t n = 0;
    begin(et.nor, &w);
    must(etss_service_get(CLIENT, 100000u, 0, got, sizeof(got), &n) == ETSS_SUCCESS, "warm");
    end(et.nor, &w, "warm-get-16", "etss", 16.0, 1);
    /* The same get on the bare channel, cold (new session) and warm. */
    sf_device_drop_sessions(&sec.dev);
    nor_model_power_cycle(sec.nor);
    begin(sec.nor, &w);
    must(sf_api_read(&sec.dev, CLIENT, 0, got, sizeof(got)) == SF_OK, "secure cold");
    end(sec.nor, &w, "cold-get-16", "secure", 16.0, 1);
    begin(sec.nor, &w);
    must(sf_api_read(&sec.dev, CLIENT, 0, got, sizeof(got)) == SF_OK, "secure warm");
    end(sec.nor, &w, "warm-get-16", "secure", 16.0, 1);
    begin(fl.nor, &w);
    must(etss_nor_read(&fl.flash, 0, got, sizeof(got)) == 0, "floor get");
    end(fl.nor, &w, "warm-get-16", "floor", 16.0, 1);
}

/* What provisioning costs now that the record is sealed to the part, and
 * what an ephemeral key agreement per session (forward secrecy) would add
 * to a session's set-up: one exchange, both ends' work. */
static void bench_identity(void)
{
    uint8_t msg[512];
    static uint8_t sealed[64 + SF_ENVELOPE_OVERHEAD];
    uint8_t opened[64];
    uint8_t device_key[SF_EC_PRIVATE_KEY_LEN];
    uint8_t device_public[SF_EC_PUBLIC_KEY_LEN];
    struct mark m;
    size_t len = provisioning_message(msg, sizeof(msg));
    begin(sec.nor, &m);
    must(sf_api_provision(&sec.dev, msg, len) == SF_OK, "provisioning again");
    end(sec.nor, &m, "provision-again", "secure", 0.0, 1);
    must(sf_crypto_random(device_key, sizeof(device_key)) == SF_OK &&
             sf_crypto_ec_public_key(device_key, device_public) == SF_OK,
         "a device key");
    begin(sec.nor, &m);
    must(sf_crypto_envelope_seal(device_public, (const uint8_t *)"fs", 2u, msg, sizeof(opened),
                                 sealed, sizeof(sealed)) == SF_OK &&
             sf_crypto_envelope_open(device_key, (const uint8_t *)"fs", 2u, sealed,
                                     sizeof(opened) + SF_ENVELOPE_OVERHEAD, opened,
                                     sizeof(opened)) == SF_OK,
         "ECDH exchange");
    end(sec.nor, &m, "ecdh-exchange", "secure", 0.0, 1);
    sf_crypto_zeroize(device_key, sizeof(device_key));
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
            reps = (unsigned)strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--build") == 0) {
            /* What the figures are of: the plot's title names it. */
            printf("assets up to %u B, %u per zone\n", (unsigned)ETSS_MAX_ASSET_SIZE,
                   (unsigned)ETSS_MAX_ASSETS_PER_ZONE);
            return 0;
        } else {
            fprintf(stderr, "usage: etss-bench [--csv PATH] [--reps N] [--build]\n"
                            "Per-operation costs of ETSS and its two baselines on the device\n"
                            "model, as CSV (default: standard output); --build: the build's\n"
                            "limits the figures hold for.\n");
            return 2;
        }
    }
    csv = out != NULL ? fopen(out, "w") : stdout;
    if (csv == NULL || reps == 0u) {
        fprintf(stderr, "etss-bench: cannot write %s\n", out);
        return 1;
    }
    fprintf(csv, "workload,variant,payload_bytes,ops,device_us,bytes_to_device,"
                 "bytes_from_device,pages_programmed,sectors_erased,bytes_programmed,"
                 "write_amplification\n");
    setup();
    bench_set_get_remove();
    bench_updates();
    bench_device_services();
    bench_mount();
    bench_identity();
    return fclose(csv) == 0 ? 0 : 1;
}
