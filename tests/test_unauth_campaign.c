/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The unauthenticated-byte campaign (docs/threat-model.md): every byte the
 * host reads outside an authenticated frame is a byte an attacker on the
 * bus chooses. A recording run of a life (boot, provisioning, normal
 * operation, reboot) on a full secure flash and on an RPMC part lists
 * every such byte: SFDP, the plain SFP1 answers (GET_INFO, GET_CERT, OPEN,
 * PROVISION, plain errors) and the unauthenticated header bytes of sealed
 * ones, the status registers, the RPMC extended status. Then each byte is
 * rewritten in each phase of the life, with each single-bit flip and with
 * 0x00 and 0xFF, in a run of its own, and the security invariants are
 * checked after every run:
 *
 *   - no root key and no byte of the confidential asset on the wire;
 *   - no PROGRAM into the encrypted zone in clear;
 *   - nothing believed that the part did not say in a session: when the
 *     host holds an authenticated description, it is the true one, and its
 *     features are the certified ones;
 *   - every answer given as success is right (the data read back, each
 *     counter value the part's own), and no counter below its floor;
 *   - and failures are reported as errors, never as success.
 *
 *   test_unauth_campaign [--stride N] [--verbose]
 *
 * --stride N runs every Nth mutation only (the sanitizer builds).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bus_liar.h"
#include "devmodel/rpmc_model.h"
#include "devmodel/sf_model.h"
#include "provision_config.h"
#include "sf_api.h"
#include "sf_trust_ram.h"
#include "sfp1_protocol.h"

enum part_kind { PART_SECURE_FLASH, PART_RPMC, N_KINDS };
enum phase { PHASE_BOOT, PHASE_PROVISION, PHASE_OPERATE, PHASE_REBOOT, N_PHASES };
static const char *const kind_names[N_KINDS] = {"secure flash", "RPMC"};
static const char *const phase_names[N_PHASES] = {"boot", "provisioning", "operation", "reboot"};

#define CLIENT (-1)
#define ZONE0_SIZE 0x100000u
#define MAX_SITES 4096u
#define N_MUTATIONS 10u /* 8 single-bit flips, 0x00, 0xFF */
#define N_SALTS 4u

static const char description[] = "lockout_threshold = 255\n"
                                  "[zone 0]\nbase = 0\nsize = 0x100000\n"
                                  "read = encrypted\nwrite = authenticated\n"
                                  "[zone 1]\nbase = 0x100000\nsize = 0x10000\n"
                                  "read = authenticated\nwrite = authenticated\n"
                                  "[binding]\nclient = -1\nzone = 0\ncounter = 0\n"
                                  "[binding]\nclient = 256\nzone = 1\ncounter = 1\n";
static const struct sf_binding rpmc_bindings[] = {{.client_id = CLIENT, .counter = 0}};
static const uint8_t huk_bytes[32] = "ETSS unauthenticated-byte HUK.";

struct site_entry {
    enum phase phase;
    struct liar_site site;
};

struct world {
    enum part_kind kind;
    sf_model_t *sf;
    rpmc_model_t *rpmc;
    nor_model_t *nor;
    struct model_spi bus;
    struct sf_device dev;
    sf_key_t huk;
    struct sf_trust_ram records;
    struct sf_trust trust;
    uint8_t maker[65];
    struct bus_liar liar;
    enum phase phase;
    unsigned errors; /* steps of the life that reported a failure */
    bool programmed; /* the PROGRAM of the secret reported success */
    /* Every salt whose keys were in force or pending in the life. */
    uint8_t salts[N_SALTS][16];
    /* What the run must not break. */
    const char *violation;
};

static uint8_t capture[256u * 1024u];
static uint8_t secret[256];
static struct site_entry sites[MAX_SITES];
static size_t n_sites;
static struct sf_info truth;
static bool verbose;
static unsigned long runs_with_errors;

/* A step's outcome: failures are allowed (reported), counted. */
static int step(struct world *w, int rc)
{
    w->errors += rc != SF_OK;
    return rc;
}

static void violated(struct world *w, const char *what)
{
    if (w->violation == NULL) {
        w->violation = what;
    }
}

/* The recording run's site callback: each distinct (phase, site) once. */
static void note_site(void *ctx, const struct liar_site *s)
{
    const struct world *w = ctx;
    for (size_t i = n_sites; i > 0u; i--) {
        const struct site_entry *e = &sites[i - 1u];
        if (e->phase == w->phase && e->site.opcode == s->opcode && e->site.type == s->type &&
            e->site.offset == s->offset) {
            return;
        }
    }
    if (n_sites < MAX_SITES) {
        sites[n_sites++] = (struct site_entry){w->phase, *s};
    }
}

static bool part_up(struct world *w)
{
    enum nor_model_status st;
    if (w->kind == PART_SECURE_FLASH) {
        struct sf_model_config cfg;
        sf_model_default_config(&cfg);
        cfg.nor.size_bytes = 4u << 20;
        w->sf = sf_model_create(&cfg, &st);
        w->nor = w->sf != NULL ? sf_model_nor(w->sf) : NULL;
    } else {
        struct rpmc_model_config cfg;
        rpmc_model_default_config(&cfg);
        cfg.nor.size_bytes = 1u << 20;
        w->rpmc = rpmc_model_create(&cfg, &st);
        w->nor = w->rpmc != NULL ? rpmc_model_nor(w->rpmc) : NULL;
    }
    return w->nor != NULL;
}

static void part_down(struct world *w)
{
    sf_device_forget(&w->dev);
    sf_model_destroy(w->sf);
    rpmc_model_destroy(w->rpmc);
    sf_crypto_destroy(&w->huk);
    w->sf = NULL;
    w->rpmc = NULL;
}

/* The host comes up on the part (first boot, or again after a reset). */
static int host_up(struct world *w)
{
    sf_device_forget(&w->dev);
    const struct etss_spi_driver *spi = model_spi_bind(&w->bus, w->nor);
    model_spi_set_tap(&w->bus, &bus_liar_tap, &w->liar);
    int rc = sf_device_init(&w->dev, spi, w->huk, 0u);
    if (rc == SF_OK && w->kind == PART_RPMC) {
        rc = sf_device_set_host_bindings(&w->dev, rpmc_bindings, 1u);
    }
    if (rc == SF_OK) {
        rc = sf_device_set_trust(&w->dev, &w->trust);
    }
    return rc == SF_OK ? sf_api_init(&w->dev) : rc;
}

/* The part's own counter 0, read past the bus. */
static uint32_t true_counter(const struct world *w)
{
    if (w->kind == PART_SECURE_FLASH) {
        struct sf_model_view v;
        sf_model_view(w->sf, &v);
        return v.counters[0];
    }
    struct rpmc_model_view v;
    rpmc_model_view(w->rpmc, &v);
    return v.counters[0];
}

static void check_counter(struct world *w, bool increment)
{
    uint32_t value = 0;
    int rc = step(w, increment ? sf_api_counter_increment(&w->dev, CLIENT, &value)
                               : sf_api_counter_read(&w->dev, CLIENT, &value));
    if (rc == SF_OK && value != true_counter(w)) {
        violated(w, "a counter value the part does not hold, given as success");
    }
}

static void check_read(struct world *w)
{
    static uint8_t got[sizeof(secret)];
    int rc = step(w, sf_api_read(&w->dev, CLIENT, 0x1000u, got, sizeof(got)));
    /* A PROGRAM reported failed may have happened whole (its answer lost),
     * not at all, or in part (the reboot's power cut tore it): only one
     * reported done promises the data. */
    if (rc == SF_OK && w->programmed && memcmp(got, secret, sizeof(got)) != 0) {
        violated(w, "wrong data read back as success");
    }
}

static void enter(struct world *w, enum phase p, const struct site_entry *mutation, uint8_t keep,
                  uint8_t flip)
{
    w->phase = p;
    w->liar.armed = mutation != NULL && mutation->phase == p;
    if (mutation != NULL) {
        w->liar.site = mutation->site;
        w->liar.keep = keep;
        w->liar.flip = flip;
    }
}

/* One life of the part and its host, with one mutation (NULL: clean). */
static const char *live(enum part_kind kind, const struct site_entry *mutation, uint8_t keep,
                        uint8_t flip, bool record_sites)
{
    static uint8_t record[SFP1_PROV_MAX_LEN];
    static struct world w;
    size_t len = 0;
    memset(&w, 0, sizeof(w));
    w.kind = kind;
    struct provision_config cfg;
    char err[128];
    if (!part_up(&w) ||
        sf_crypto_import(SF_KEY_HKDF_SECRET, huk_bytes, sizeof(huk_bytes), &w.huk) != SF_OK ||
        sf_model_maker_public_key(0u, w.maker) != 0 ||
        provision_config_parse(description, strlen(description), &cfg, err, sizeof(err)) != 0 ||
        provision_config_encode(&cfg, record, sizeof(record), &len) != 0) {
        part_down(&w);
        return "the campaign's own set-up failed";
    }
    sf_trust_ram_init(&w.records);
    w.trust = (struct sf_trust){.maker_key = w.maker, .store = &w.records.store};
    bus_liar_attach(&w.liar, &w.bus, capture, sizeof(capture));
    if (record_sites) {
        w.liar.on_site = note_site;
        w.liar.site_ctx = &w;
    }

    enter(&w, PHASE_BOOT, mutation, keep, flip);
    (void)step(&w, host_up(&w));

    enter(&w, PHASE_PROVISION, mutation, keep, flip);
    (void)step(&w, sf_api_provision(&w.dev, record, len));

    memcpy(w.salts[0], w.dev.part.salt, sizeof(w.salts[0]));

    enter(&w, PHASE_OPERATE, mutation, keep, flip);
    if (kind == PART_SECURE_FLASH) {
        w.programmed =
            step(&w, sf_api_program(&w.dev, CLIENT, 0x1000u, secret, sizeof(secret))) == SF_OK;
        check_read(&w);
    }
    check_counter(&w, true);
    check_counter(&w, true);
    check_counter(&w, false);

    enter(&w, PHASE_REBOOT, mutation, keep, flip);
    nor_model_power_cycle(w.nor);
    (void)step(&w, host_up(&w));
    if (kind == PART_SECURE_FLASH) {
        check_read(&w);
        /* Developer mode: a secure client provisions again (where a host
         * that believed a forged "blank" sent its keys in clear). */
        memcpy(w.salts[1], w.dev.part.salt, sizeof(w.salts[1]));
        (void)step(&w, sf_api_provision(&w.dev, record, len));
        check_read(&w);
    }
    check_counter(&w, false);
    w.liar.armed = false;

    /* What crossed the bus, and what the host now believes. */
    memcpy(w.salts[2], w.dev.part.salt, sizeof(w.salts[2]));
    memcpy(w.salts[3], w.dev.part.next_salt, sizeof(w.salts[3]));
    for (uint8_t z = 0; z < 2u; z++) {
        uint8_t key[32];
        for (size_t k = 0; k < N_SALTS; k++) {
            if (sf_device_root_key_bytes(&w.dev, z, w.salts[k], key) == SF_OK &&
                bus_liar_saw(&w.liar, key, sizeof(key), 8u)) {
                violated(&w, "a root key on the wire");
            }
        }
        sf_crypto_zeroize(key, sizeof(key));
    }
    if (kind == PART_SECURE_FLASH && bus_liar_saw(&w.liar, secret, sizeof(secret), 8u)) {
        violated(&w, "confidential data on the wire");
    }
    for (unsigned i = 0; i < w.liar.clear_programs && i < 64u; i++) {
        if (w.liar.clear_program_addr[i] < ZONE0_SIZE) {
            violated(&w, "a PROGRAM into the encrypted zone in clear");
        }
    }
    if (mutation == NULL && record_sites) {
        truth = w.dev.info;
        if (w.errors != 0u || !w.dev.info_authentic) {
            violated(&w, "the clean life failed: the campaign would prove nothing");
        }
    }
    runs_with_errors += mutation != NULL && w.errors != 0u;
    if (w.dev.info_authentic) {
        const struct sf_info *i = &w.dev.info;
        bool same = i->lifecycle == truth.lifecycle && i->features == truth.features &&
                    i->n_zones == truth.n_zones && i->n_bindings == truth.n_bindings &&
                    memcmp(i->zones, truth.zones, sizeof(i->zones)) == 0 &&
                    memcmp(i->bindings, truth.bindings, sizeof(i->bindings)) == 0;
        if (!same) {
            violated(&w, "an authenticated description that is not the part's");
        }
    }
    if (w.dev.trust_status == SF_OK && w.dev.identified &&
        w.dev.features != w.dev.identity.features) {
        violated(&w, "features the maker did not certify");
    }
    const char *v = w.violation;
    part_down(&w);
    return v;
}

/* Mutation m of a byte: keep/flip such that byte = (byte & keep) ^ flip. */
static void mutation_of(unsigned m, uint8_t *keep, uint8_t *flip)
{
    static const uint8_t flips[N_MUTATIONS] = {0x01u, 0x02u, 0x04u, 0x08u, 0x10u,
                                               0x20u, 0x40u, 0x80u, 0x00u, 0xFFu};
    *keep = m < 8u ? 0xFFu : 0x00u;
    *flip = flips[m];
}

/* One mutation given on the command line (a failure's replay line). */
static int replay_one(const char *spec)
{
    unsigned v[7];
    if (sscanf(spec, "%u,%u,%x,%x,%u,%x,%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6]) !=
            7 ||
        v[0] >= N_KINDS || v[1] >= N_PHASES) {
        fprintf(stderr, "bad replay: %s\n", spec);
        return 2;
    }
    n_sites = 0;
    if (live((enum part_kind)v[0], NULL, 0xFFu, 0u, true) != NULL) {
        return 1;
    }
    const struct site_entry e = {(enum phase)v[1], {(uint8_t)v[2], (uint8_t)v[3], v[4]}};
    verbose = true;
    const char *r = live((enum part_kind)v[0], &e, (uint8_t)v[5], (uint8_t)v[6], false);
    printf("%s\n", r != NULL ? r : "held");
    return r != NULL ? 1 : 0;
}

int main(int argc, char **argv)
{
    unsigned stride = 1;
    const char *replay = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--stride") == 0 && i + 1 < argc) {
            stride = (unsigned)strtoul(argv[++i], NULL, 0);
        } else if (strcmp(argv[i], "--replay") == 0 && i + 1 < argc) {
            replay = argv[++i];
        } else if (strcmp(argv[i], "--verbose") == 0) {
            verbose = true;
        } else {
            fprintf(stderr,
                    "usage: %s [--stride N] [--verbose] [--replay "
                    "KIND,PHASE,OP,TYPE,OFFSET,KEEP,FLIP]\n",
                    argv[0]);
            return 2;
        }
    }
    stride = stride == 0u ? 1u : stride;
    if (sf_crypto_init() != SF_OK) {
        return 1;
    }
    for (size_t i = 0; i < sizeof(secret); i++) {
        secret[i] = (uint8_t)("unauthenticated?"[i % 16] ^ (uint8_t)(i / 16));
    }
    if (replay != NULL) {
        return replay_one(replay);
    }
    unsigned long runs = 0;
    unsigned long failures = 0;
    for (int k = 0; k < N_KINDS; k++) {
        n_sites = 0;
        const char *v = live((enum part_kind)k, NULL, 0xFFu, 0u, true);
        if (v != NULL) {
            printf("%s: the clean life already breaks an invariant: %s\n", kind_names[k], v);
            return 1;
        }
        size_t per_phase[N_PHASES] = {0};
        for (size_t s = 0; s < n_sites; s++) {
            per_phase[sites[s].phase]++;
        }
        unsigned long kind_runs = 0;
        for (size_t s = 0; s < n_sites; s++) {
            for (unsigned m = 0; m < N_MUTATIONS; m++) {
                if ((s * N_MUTATIONS + m) % stride != 0u) {
                    continue;
                }
                uint8_t keep = 0;
                uint8_t flip = 0;
                mutation_of(m, &keep, &flip);
                const struct site_entry *e = &sites[s];
                v = live((enum part_kind)k, e, keep, flip, false);
                kind_runs++;
                if (v != NULL || verbose) {
                    printf("%s, %s: opcode 0x%02X type 0x%02X offset %" PRIu32
                           ", byte & 0x%02X ^ 0x%02X: %s\n",
                           kind_names[k], phase_names[e->phase], e->site.opcode, e->site.type,
                           e->site.offset, keep, flip, v != NULL ? v : "held");
                }
                if (v != NULL) {
                    printf("  replay: %s --replay %d,%d,0x%02X,0x%02X,%" PRIu32 ",0x%02X,0x%02X\n",
                           argv[0], k, (int)e->phase, e->site.opcode, e->site.type, e->site.offset,
                           keep, flip);
                }
                failures += v != NULL;
            }
        }
        runs += kind_runs;
        printf("unauthenticated bytes, %s: %zu sites (boot %zu, provisioning %zu, operation %zu, "
               "reboot %zu), %lu mutations\n",
               kind_names[k], n_sites, per_phase[PHASE_BOOT], per_phase[PHASE_PROVISION],
               per_phase[PHASE_OPERATE], per_phase[PHASE_REBOOT], kind_runs);
    }
    printf("unauthenticated-byte campaign: %lu runs, %lu reported a failure, %lu broke an "
           "invariant\n",
           runs, runs_with_errors, failures);
    return failures == 0u ? 0 : 1;
}
