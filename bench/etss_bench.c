/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * etss-bench: what each ETSS operation costs on the device model, side by
 * side with two baselines and two peer filesystems, each engine on a model
 * of its own (bench_engine.h):
 *   floor    - plain NOR through the raw driver, only the payload, appended
 *              with a sector erase whenever a new sector is entered;
 *   secure   - the secure channel alone: the same appends as secure programs
 *              (and secure reads, counters, PUF, RNG) in an encrypted zone;
 *   etss     - the partition's service, filesystem and everything below;
 *   littlefs - littlefs 2.11.2 on a plain NOR part (engine_littlefs.c);
 *   tfm-its  - TF-M 2.1.5's ITS flash filesystem on a plain NOR part
 *              (engine_its.c).
 * Every figure comes from the model (device time, bus bytes, pages, erases,
 * bytes programmed), so it is the same on every run. Run under callgrind
 * (scripts/bench.sh), each measurement also dumps its host instruction
 * count, with the device model excluded.
 *
 * Output: one CSV row per (workload, engine), per operation; with --store,
 * a second CSV of what each store holds and how evenly it wears.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <valgrind/callgrind.h>

#include "devmodel/model_spi.h"
#include "devmodel/sf_model.h"
#include "bench_engine.h"
#include "etss_config.h"
#include "etss_host.h"
#include "etss_service.h"
#include "nor_flash.h"
#include "provision_config.h"
#include "sf_api.h"
#include "sf_trust_ram.h"

#define CLIENT (-1)
#define PROVISIONER 300 /* a secure client: provisioning is secure-side only */

static const uint8_t huk[32] = "ETSS benchmark HUK (developer).";

static const char zone_config[] = "lockout_threshold = 255\n"
                                  "session_max_ops = 100000\n"
                                  "[zone 0]\nbase = 0\nsize = 0x80000\n"
                                  "read = encrypted\nwrite = authenticated\n"
                                  "[binding]\nclient = -1\nzone = 0\ncounter = 0\n";

static FILE *csv;
static FILE *store_csv;
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

/* ---- the project's three engines ---- */

/* An append baseline's writing: the payload appended in the area, each
 * sector erased as the append enters it, through the engine's own erase and
 * program (BENCH_OK or BENCH_ERROR). */
struct appender {
    uint32_t next;
    int (*erase)(uint32_t addr);
    int (*program)(uint32_t addr, const uint8_t *data, size_t len);
};

static int append(struct appender *a, const uint8_t *data, size_t len)
{
    for (size_t done = 0, n; done < len; done += n) {
        size_t room = BENCH_SECTOR - a->next % BENCH_SECTOR;
        n = room < len - done ? room : len - done;
        if (a->next % BENCH_SECTOR == 0u && a->erase(a->next) != BENCH_OK) {
            return BENCH_ERROR;
        }
        if (a->program(a->next, &data[done], n) != BENCH_OK) {
            return BENCH_ERROR;
        }
        a->next = (uint32_t)((a->next + n) % BENCH_AREA);
    }
    return BENCH_OK;
}

/* The next append starts at a sector boundary. */
static void align(struct appender *a)
{
    a->next = (a->next + BENCH_SECTOR - 1u) / BENCH_SECTOR * BENCH_SECTOR % BENCH_AREA;
}

struct floor_target {
    struct bench_nor part;
    struct appender appends;
};

struct secure_target {
    sf_model_t *model;
    nor_model_t *nor;
    struct model_spi bus;
    struct sf_device dev;
    sf_key_t huk;
    struct sf_trust_ram records;
    struct sf_trust trust;
    struct appender appends;
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

static sf_model_t *secure_model(uint64_t device_seed)
{
    struct sf_model_config cfg;
    enum nor_model_status st;
    sf_model_default_config(&cfg);
    cfg.device_seed = device_seed;
    sf_model_t *m = sf_model_create(&cfg, &st);
    must(m != NULL, "secure flash model");
    return m;
}

static int floor_erase(uint32_t addr)
{
    return etss_nor_erase(&fl.part.flash, addr, BENCH_SECTOR) == 0 ? BENCH_OK : BENCH_ERROR;
}

static int floor_program(uint32_t addr, const uint8_t *data, size_t len)
{
    return etss_nor_program(&fl.part.flash, addr, data, len) == 0 ? BENCH_OK : BENCH_ERROR;
}

static int floor_set(uint64_t uid, const uint8_t *data, size_t len)
{
    (void)uid;
    return append(&fl.appends, data, len);
}

static int floor_get(uint64_t uid, uint8_t *buf, size_t len)
{
    (void)uid;
    return etss_nor_read(&fl.part.flash, 0, buf, len) == 0 ? BENCH_OK : BENCH_ERROR;
}

static int floor_reboot(void)
{
    nor_model_power_cycle(fl.part.nor);
    return BENCH_OK;
}

static void floor_align(void)
{
    align(&fl.appends);
}

static int secure_erase(uint32_t addr)
{
    return sf_api_erase(&sec.dev, CLIENT, addr) == SF_OK ? BENCH_OK : BENCH_ERROR;
}

static int secure_program(uint32_t addr, const uint8_t *data, size_t len)
{
    return sf_api_program(&sec.dev, CLIENT, addr, data, len) == SF_OK ? BENCH_OK : BENCH_ERROR;
}

static int secure_set(uint64_t uid, const uint8_t *data, size_t len)
{
    (void)uid;
    return append(&sec.appends, data, len);
}

static int secure_get(uint64_t uid, uint8_t *buf, size_t len)
{
    (void)uid;
    return sf_api_read(&sec.dev, CLIENT, 0, buf, len) == SF_OK ? BENCH_OK : BENCH_ERROR;
}

static int secure_reboot(void)
{
    sf_device_drop_sessions(&sec.dev);
    nor_model_power_cycle(sec.nor);
    return BENCH_OK;
}

static void secure_align(void)
{
    align(&sec.appends);
}

static int etss_status(etss_err_t err)
{
    return err == ETSS_SUCCESS                    ? BENCH_OK
           : err == ETSS_ERR_INSUFFICIENT_STORAGE ? BENCH_FULL
                                                  : BENCH_ERROR;
}

static int etss_set(uint64_t uid, const uint8_t *data, size_t len)
{
    return etss_status(etss_service_set(CLIENT, uid, data, len, 0));
}

static int etss_get(uint64_t uid, uint8_t *buf, size_t len)
{
    size_t n = 0;
    etss_err_t err = etss_service_get(CLIENT, uid, 0, buf, len, &n);
    return err == ETSS_SUCCESS && n != len ? BENCH_ERROR : etss_status(err);
}

static int etss_remove(uint64_t uid)
{
    return etss_status(etss_service_remove(CLIENT, uid));
}

static int etss_reboot(void)
{
    nor_model_power_cycle(et.nor);
    return etss_status(etss_service_init());
}

static int etss_fresh(void);
static uint8_t maker[65]; /* the model maker's public key */

static struct bench_engine floor_engine = {.name = "floor",
                                           .set = floor_set,
                                           .get = floor_get,
                                           .reboot = floor_reboot,
                                           .align = floor_align};
static struct bench_engine secure_engine = {.name = "secure",
                                            .set = secure_set,
                                            .get = secure_get,
                                            .reboot = secure_reboot,
                                            .align = secure_align};
static struct bench_engine etss_engine = {.name = "etss",
                                          .set = etss_set,
                                          .get = etss_get,
                                          .remove = etss_remove,
                                          .reboot = etss_reboot,
                                          .fresh = etss_fresh};

/* A new part (a new identity) on a new board (the host's part records
 * empty), provisioned as the first. */
static int etss_fresh(void)
{
    static uint64_t parts;
    uint8_t msg[512];
    size_t len = provisioning_message(msg, sizeof(msg));
    if (et.model != NULL) {
        sf_model_destroy(et.model);
    }
    et.model = secure_model(100u + parts++);
    et.nor = sf_model_nor(et.model);
    etss_engine.nor = et.nor;
    etss_host_set_spi(0, model_spi_bind(&et.bus, et.nor));
    return etss_host_set_trust(maker, NULL) == 0 &&
                   etss_service_init() == ETSS_ERR_SF_UNPROVISIONED &&
                   etss_service_provision(PROVISIONER, msg, len) == ETSS_SUCCESS
               ? BENCH_OK
               : BENCH_ERROR;
}

/* Every engine, in the order of the table. */
static const struct bench_engine *engines[5];
static size_t n_engines;

static void setup(void)
{
    uint8_t msg[512];
    size_t len = provisioning_message(msg, sizeof(msg));
    must(sf_model_maker_public_key(0u, maker) == 0, "maker key");
    sf_trust_ram_init(&sec.records);
    sec.trust = (struct sf_trust){.maker_key = maker, .store = &sec.records.store};

    must(bench_nor_init(&fl.part) == BENCH_OK, "plain NOR");
    fl.appends = (struct appender){.erase = floor_erase, .program = floor_program};
    sec.appends = (struct appender){.erase = secure_erase, .program = secure_program};
    floor_engine.nor = fl.part.nor;

    sec.model = secure_model(1u);
    sec.nor = sf_model_nor(sec.model);
    must(sf_crypto_init() == SF_OK &&
             sf_crypto_import(SF_KEY_HKDF_SECRET, huk, sizeof(huk), &sec.huk) == SF_OK &&
             sf_device_init(&sec.dev, model_spi_bind(&sec.bus, sec.nor), sec.huk, 0) == SF_OK &&
             sf_device_set_trust(&sec.dev, &sec.trust) == SF_OK &&
             sf_api_provision(&sec.dev, msg, len) == SF_OK,
         "secure channel baseline");
    secure_engine.nor = sec.nor;

    must(etss_host_set_huk(huk, sizeof(huk)) == 0 && etss_fresh() == BENCH_OK, "ETSS");

    const struct bench_engine *peers[] = {bench_littlefs(), bench_its()};
    must(peers[0] != NULL, "littlefs");
    must(peers[1] != NULL, "TF-M ITS");
    engines[n_engines++] = &floor_engine;
    engines[n_engines++] = &secure_engine;
    engines[n_engines++] = &etss_engine;
    engines[n_engines++] = peers[0];
    engines[n_engines++] = peers[1];
}

static bool stores(const struct bench_engine *e)
{
    return e->remove != NULL;
}

/* ---- workloads ---- */

static const size_t sizes[] = {16, 256, 1024, ETSS_MAX_ASSET_SIZE};
#define OTHERS 31u /* assets stored beside the one re-set */
#define OTHER_UID 2000u

/* Two payloads that differ in every byte, set in turn, so that no engine
 * ever writes what is there already. */
static uint8_t payload[2][ETSS_MAX_ASSET_SIZE];

/* A steady re-set of one asset of each size with 31 others of that size
 * stored, its gets, then the 32 removals. The append baselines' floor
 * starts each workload at a sector boundary. */
static void bench_set_get_remove(void)
{
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    struct mark m;
    char name[32];
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        size_t len = sizes[s];
        /* Enough sets to go through several sectors: erases amortise. */
        unsigned ops = (len <= 256u ? 200u : len <= 1024u ? 100u : 24u) * reps;
        fill(payload[0], len, (uint32_t)len);
        fill(payload[1], len, (uint32_t)~len);
        for (size_t e = 0; e < n_engines; e++) {
            const struct bench_engine *en = engines[e];
            for (unsigned i = 0; stores(en) && i < OTHERS; i++) {
                must(en->set(OTHER_UID + i, payload[1], len) == BENCH_OK, "others");
            }
            if (en->align != NULL) {
                en->align();
            }
            snprintf(name, sizeof(name), "set-%zu", len);
            begin(en->nor, &m);
            for (unsigned i = 0; i < ops; i++) {
                must(en->set(1, payload[i & 1u], len) == BENCH_OK, "set");
            }
            end(en->nor, &m, name, en->name, (double)len, ops);

            snprintf(name, sizeof(name), "get-%zu", len);
            begin(en->nor, &m);
            for (unsigned i = 0; i < ops; i++) {
                must(en->get(1, got, len) == BENCH_OK, "get");
            }
            end(en->nor, &m, name, en->name, (double)len, ops);
            must(!stores(en) || memcmp(got, payload[(ops - 1u) & 1u], len) == 0, "got");

            if (!stores(en)) {
                continue;
            }
            snprintf(name, sizeof(name), "remove-%zu", len);
            begin(en->nor, &m);
            must(en->remove(1) == BENCH_OK, "remove");
            for (unsigned i = 0; i < OTHERS; i++) {
                must(en->remove(OTHER_UID + i) == BENCH_OK, "remove");
            }
            end(en->nor, &m, name, en->name, 0.0, OTHERS + 1u);
        }
    }
}

/* A cold boot, then the first get: what a store costs to start. */
static void bench_start(const struct bench_engine *en, const char *workload, uint64_t uid,
                        size_t len)
{
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    struct mark m;
    begin(en->nor, &m);
    must(en->reboot() == BENCH_OK && en->get(uid, got, len) == BENCH_OK, workload);
    end(en->nor, &m, workload, en->name, (double)len, 1);
}

/* Random re-sets of the `stored` 1 KiB assets. */
static void bench_churn(const struct bench_engine *en, unsigned stored, unsigned percent)
{
    char name[32];
    struct mark m;
    uint32_t pick = 12345u + percent;
    unsigned ops = 1000u * reps; /* about twice the area: the whole store turns over */
    snprintf(name, sizeof(name), "churn-%u%%-1024", percent);
    begin(en->nor, &m);
    for (unsigned i = 0; i < ops; i++) {
        pick = pick * 1103515245u + 12345u;
        must(en->set(1u + (pick >> 8) % stored, payload[i & 1u], 1024u) == BENCH_OK, "churn");
    }
    end(en->nor, &m, name, en->name, 1024.0, ops);
}

/* Per storing engine, on a new part: start with one asset stored; fill it with 1 KiB assets
 * until it is full (its capacity), start again; churn at 95, 80 and 50 %
 * of that capacity, starting again after the 80 % churn; then how evenly
 * its sectors wore. */
static void bench_store(void)
{
    fill(payload[0], 1024u, 7u);
    fill(payload[1], 1024u, ~7u);
    for (size_t e = 0; e < n_engines; e++) {
        const struct bench_engine *en = engines[e];
        if (!stores(en)) {
            continue;
        }
        must(en->fresh() == BENCH_OK, "a new part");
        must(en->set(1, payload[0], 1024u) == BENCH_OK, "first asset");
        bench_start(en, "start-fresh-1024", 1, 1024u);
        unsigned stored = 1;
        int st;
        while ((st = en->set(1u + stored, payload[1], 1024u)) == BENCH_OK) {
            stored++;
        }
        must(st == BENCH_FULL, "fill");
        const unsigned capacity = stored;
        bench_start(en, "start-full-1024", 1, 1024u);
        static const unsigned levels[] = {95, 80, 50};
        for (size_t l = 0; l < sizeof(levels) / sizeof(levels[0]); l++) {
            unsigned keep = stored * levels[l] / 100u;
            for (unsigned uid = keep + 1u; uid <= stored; uid++) {
                must(en->remove(uid) == BENCH_OK, "thin");
            }
            stored = keep;
            bench_churn(en, stored, levels[l]);
            if (levels[l] == 80u) {
                bench_start(en, "start-churned-1024", 1, 1024u);
            }
        }
        uint32_t max = 0;
        uint64_t sum = 0;
        for (uint32_t i = 0; i < BENCH_AREA / BENCH_SECTOR; i++) {
            uint32_t n = nor_model_erase_count(en->nor, i);
            max = n > max ? n : max;
            sum += n;
        }
        double mean = (double)sum / (BENCH_AREA / BENCH_SECTOR);
        fprintf(store_csv, "%s,%u,%.1f,%u,%.2f,%.3f\n", en->name, capacity,
                100.0 * capacity * 1024.0 / BENCH_AREA, max, mean, mean > 0.0 ? max / mean : 0.0);
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
 * as a function of the assets stored, on a new part (so that the curve is
 * of what is stored, not of the history); then the same request warm. */
static void bench_mount(void)
{
    static const unsigned counts[] = {1, 10, 100, ETSS_MAX_ASSETS_PER_ZONE};
    uint8_t data[16] = "sixteen bytes..";
    uint8_t got[16];
    struct mark m;
    char name[32];
    unsigned stored = 0;
    must(etss_fresh() == BENCH_OK, "a new part");
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
    begin(fl.part.nor, &w);
    must(floor_get(0, got, sizeof(got)) == BENCH_OK, "floor get");
    end(fl.part.nor, &w, "warm-get-16", "floor", 16.0, 1);
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
    const char *store_out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(argv[i], "--store") == 0 && i + 1 < argc) {
            store_out = argv[++i];
        } else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
            reps = (unsigned)strtoul(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--build") == 0) {
            /* What the figures are of: the plot's title names it. */
            printf("assets up to %u B, %u per zone\n", (unsigned)ETSS_MAX_ASSET_SIZE,
                   (unsigned)ETSS_MAX_ASSETS_PER_ZONE);
            return 0;
        } else {
            fprintf(stderr, "usage: etss-bench [--csv PATH] [--store PATH] [--reps N] [--build]\n"
                            "Per-operation costs of ETSS, its two baselines and two peer\n"
                            "filesystems on the device model, as CSV (default: standard\n"
                            "output); --store: each store's capacity and wear, as CSV;\n"
                            "--build: the build's limits the figures hold for.\n");
            return 2;
        }
    }
    csv = out != NULL ? fopen(out, "w") : stdout;
    store_csv = store_out != NULL ? fopen(store_out, "w") : csv;
    if (csv == NULL || store_csv == NULL || reps == 0u) {
        fprintf(stderr, "etss-bench: cannot write %s\n", csv == NULL ? out : store_out);
        return 1;
    }
    fprintf(csv, "workload,engine,payload_bytes,ops,device_us,bytes_to_device,"
                 "bytes_from_device,pages_programmed,sectors_erased,bytes_programmed,"
                 "write_amplification\n");
    fprintf(store_csv, "engine,capacity_1k_assets,capacity_percent,erases_max,erases_mean,"
                       "wear_max_over_mean\n");
    setup();
    bench_set_get_remove();
    bench_store();
    bench_device_services();
    bench_mount();
    bench_identity();
    bool written = store_csv == csv || fclose(store_csv) == 0;
    return fclose(csv) == 0 && written ? 0 : 1;
}
