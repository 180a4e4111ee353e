/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Randomized campaign at the service level, over the secure flash model:
 * what a client of the partition sees, with everything below it (service,
 * filesystem, secure flash API, the SFP1 channel, the model with its NV
 * state) and the MCU side booting again after each power cut.
 *
 * Each trial draws a zone of 8 to 32 sectors shared by two clients, up to
 * ETSS_MAX_ASSETS_PER_CLIENT assets each of 0 to ETSS_MAX_ASSET_SIZE
 * bytes, counter increments, and faults: power cuts at a random program,
 * erase or NV write of the model (during boot and the first request after
 * it too), and bit flips on the model's array reads. After every reboot:
 * each acknowledged asset reads back exactly, the interrupted operation is
 * old or new, nothing removed comes back, counters never go back and lose
 * no acknowledged increment; transient read errors give an error code or
 * the right data, never wrong data.
 *   test_service_campaign [--trials N] [--seed S] [--verbose]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devmodel/model_spi.h"
#include "devmodel/sf_model.h"
#include "etss_config.h"
#include "etss_host.h"
#include "etss_service.h"
#include "etss_suite_env.h"
#include "fs_ram.h"
#include "seeded.h"

#define PROVISIONER 300
#define CLIENTS 2u
#define KEYS (CLIENTS * ETSS_MAX_ASSETS_PER_CLIENT)

static const int32_t clients[CLIENTS] = {-1, -2};
static const uint8_t huk[32] = "ETSS service campaign HUK (dev)";

struct asset {
    bool present;
    uint32_t len;
    uint64_t data_seed;
};

struct trial {
    uint64_t seed;
    uint64_t rng;
    bool verbose;
    uint32_t sectors;
    uint32_t n_keys;
    uint32_t max_len;
    uint32_t n_ops;
    uint32_t cut_per_mille;
    uint32_t flips_one_in; /* a bit read flips with chance 1 in this; 0: never */
    sf_model_t *model;
    nor_model_t *nor;
    struct model_spi bus;
    struct asset model_assets[KEYS];
    uint32_t counter[CLIENTS];
    uint32_t violations;
    uint32_t cuts;
    uint32_t op;
};

static const char *program_name = "test_service_campaign";

static uint32_t pick(struct trial *t, uint32_t n)
{
    return seeded_below(&t->rng, n);
}

static int32_t client_of(uint32_t key)
{
    return clients[key % CLIENTS];
}

static uint64_t uid_of(uint32_t key)
{
    return 1u + key / CLIENTS;
}

static void violation(struct trial *t, const char *what, uint32_t key, etss_err_t err)
{
    if (t->violations++ == 0u) {
        printf("VIOLATION seed 0x%016" PRIx64 " op %u: %s (key %u: client %d uid %" PRIu64
               ", status %d)\n  config: %u sectors, %u keys, sizes to %u, cuts %u/1000, flips 1 in "
               "%u\n  replay: %s --seed 0x%016" PRIx64 " --verbose\n",
               t->seed, t->op, what, key, client_of(key), uid_of(key), (int)err, t->sectors,
               t->n_keys, t->max_len, t->cut_per_mille, t->flips_one_in, program_name, t->seed);
    }
}

static void flips(struct trial *t, bool on)
{
    nor_model_set_read_bitflips(t->nor, on ? t->flips_one_in : 0u, seeded_next(&t->rng));
}

static bool holds(uint32_t key, const struct asset *a, bool flipping, etss_err_t *err_out)
{
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    static uint8_t want[ETSS_MAX_ASSET_SIZE];
    size_t n = 0;
    etss_err_t err = etss_service_get(client_of(key), uid_of(key), 0, got, sizeof(got), &n);
    *err_out = err;
    if (flipping && err == ETSS_ERR_DATA_CORRUPT) {
        return true;
    }
    if (!a->present) {
        return err == ETSS_ERR_DOES_NOT_EXIST;
    }
    seeded_fill(want, a->len, a->data_seed);
    return err == ETSS_SUCCESS && n == a->len && memcmp(got, want, n) == 0;
}

static etss_err_t counter_value(uint32_t c, uint32_t *value)
{
    uint8_t b[4] = {0};
    size_t n = 0;
    etss_err_t err = etss_service_mc_get(clients[c], (uint8_t)c, b, sizeof(b), &n);
    *value =
        (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
    return err;
}

static void check_all(struct trial *t, const char *when)
{
    for (uint32_t k = 0; k < t->n_keys; k++) {
        etss_err_t err = ETSS_SUCCESS;
        if (!holds(k, &t->model_assets[k], false, &err)) {
            violation(t, when, k, err);
        }
    }
    for (uint32_t c = 0; c < CLIENTS; c++) {
        uint32_t v = 0;
        etss_err_t err = counter_value(c, &v);
        if (err != ETSS_SUCCESS || v != t->counter[c]) {
            violation(t, "a counter lost an increment or went back", c, err);
        }
    }
}

/* Boot after a cut (the boot, or the first request after it, may be cut
 * too), then settle the interrupted operation. */
static void reboot_after_cut(struct trial *t, int32_t key, const struct asset *after,
                             int32_t counter)
{
    for (int attempt = 0; attempt < 8; attempt++) {
        nor_model_disarm_power_loss(t->nor);
        nor_model_power_cycle(t->nor);
        if (pick(t, 4) == 0u) {
            nor_model_arm_power_loss(t->nor, 1u + pick(t, 12), seeded_next(&t->rng));
        }
        flips(t, true);
        etss_err_t err = etss_service_init();
        uint32_t v = 0;
        if (err == ETSS_SUCCESS) {
            err = counter_value(0, &v); /* a first request: mounts nothing, but talks */
        }
        if (err == ETSS_SUCCESS) {
            etss_err_t ignored;
            (void)holds(0, &t->model_assets[0], true, &ignored); /* the first mount */
        }
        flips(t, false);
        if (!!nor_model_is_powered(t->nor)) {
            break;
        }
        t->cuts++;
    }
    nor_model_disarm_power_loss(t->nor);
    if (!nor_model_is_powered(t->nor)) {
        nor_model_power_cycle(t->nor);
        (void)etss_service_init();
    }
    etss_err_t err = ETSS_SUCCESS;
    if (key >= 0) {
        if (holds((uint32_t)key, after, false, &err)) {
            t->model_assets[key] = *after;
        } else if (!holds((uint32_t)key, &t->model_assets[key], false, &err)) {
            violation(t, "interrupted operation left neither old nor new value", (uint32_t)key,
                      err);
        }
    }
    if (counter >= 0) {
        uint32_t v = 0;
        err = counter_value((uint32_t)counter, &v);
        if (err == ETSS_SUCCESS && v == t->counter[counter] + 1u) {
            t->counter[counter]++;
        }
    }
    check_all(t, "after a reboot");
}

static void operation(struct trial *t)
{
    uint32_t key = pick(t, t->n_keys);
    uint32_t r = pick(t, 100);
    if (pick(t, 1000) < t->cut_per_mille) {
        nor_model_arm_power_loss(t->nor, 1u + pick(t, 40), seeded_next(&t->rng));
    }
    struct asset after = {.present = r < 60u};
    int32_t counter = -1;
    etss_err_t err;
    flips(t, true);
    if (r < 60u) {
        static uint8_t data[ETSS_MAX_ASSET_SIZE];
        uint32_t q = pick(t, 10);
        after.len = q == 0u ? 0u : q == 1u ? t->max_len : pick(t, t->max_len + 1u);
        after.data_seed = seeded_next(&t->rng);
        seeded_fill(data, after.len, after.data_seed);
        err = etss_service_set(client_of(key), uid_of(key), data, after.len, 0);
    } else if (r < 75u) {
        err = etss_service_remove(client_of(key), uid_of(key));
    } else if (r < 88u) {
        err = ETSS_SUCCESS;
        if (!holds(key, &t->model_assets[key], true, &err)) {
            violation(t, "get returned a wrong answer", key, err);
        }
        after = t->model_assets[key];
    } else if (r < 96u) {
        counter = (int32_t)(key % CLIENTS);
        err = etss_service_mc_increment(clients[counter], (uint8_t)counter);
    } else {
        flips(t, false);
        nor_model_disarm_power_loss(t->nor);
        nor_model_power_cycle(t->nor);
        err = etss_service_init();
        if (err != ETSS_SUCCESS) {
            violation(t, "a clean reboot failed", 0, err);
        }
        check_all(t, "after a clean reboot");
        return;
    }
    flips(t, false);
    bool dead = !nor_model_is_powered(t->nor);
    nor_model_disarm_power_loss(t->nor);
    if (t->verbose) {
        printf("  op %u: %s key %u len %u -> %d%s\n", t->op,
               r < 60u   ? "set"
               : r < 75u ? "remove"
               : r < 88u ? "get"
                         : "increment",
               key, after.len, (int)err, dead ? " (cut)" : "");
    }
    if (dead) {
        t->cuts++;
        reboot_after_cut(t, r < 88u ? (int32_t)key : -1, &after, counter);
        return;
    }
    if (counter >= 0) {
        if (err == ETSS_SUCCESS) {
            t->counter[counter]++;
        } else {
            violation(t, "counter increment failed", key, err);
        }
        return;
    }
    bool existed = t->model_assets[key].present;
    if (err == ETSS_SUCCESS && r < 75u) {
        t->model_assets[key] = after;
    } else if (err == ETSS_ERR_DOES_NOT_EXIST && r < 75u && r >= 60u && !existed) {
        /* removing what is not there */
    } else if (err == ETSS_ERR_INSUFFICIENT_STORAGE && r < 60u) {
        /* the zone or the client's quota is full: nothing changed */
    } else if (err == ETSS_ERR_DATA_CORRUPT && r < 75u) {
        /* a read error no re-read fixed: the write refused, nothing changed */
    } else if (r < 75u) {
        violation(t, r < 60u ? "set failed" : "remove failed", key, err);
    }
}

static struct trial trial_state;

static uint32_t run_trial(uint64_t seed, bool verbose, uint64_t *cuts)
{
    static char description[512];
    uint8_t msg[512];
    size_t len = 0;
    struct trial *t = &trial_state;
    memset(t, 0, sizeof(*t));
    t->seed = seed;
    t->rng = seed;
    t->verbose = verbose;
    t->sectors = 8u + pick(t, 25); /* the fewest a zone holds anything in, to 32 */
    t->n_keys = 1u + pick(t, KEYS);
    static const uint32_t sizes[] = {16u, 256u, 1024u, ETSS_MAX_ASSET_SIZE};
    t->max_len = sizes[pick(t, 4)];
    t->n_ops = 20u + pick(t, 100);
    t->cut_per_mille = pick(t, 4) == 0u ? 0u : 50u + pick(t, 200);
    /* Per bit of the array read: from a storm (a 2 KiB read never clean)
     * to now and then. */
    static const uint32_t flip_rates[] = {0u, 0u, 0u, 2000u, 20000u, 200000u};
    t->flips_one_in = flip_rates[pick(t, 6)];
    snprintf(description, sizeof(description),
             "lockout_threshold = 255\n[zone 0]\nbase = 0\nsize = 0x%x\n"
             "read = encrypted\nwrite = authenticated\n"
             "[binding]\nclient = -1\nzone = 0\ncounter = 0\n"
             "[binding]\nclient = -2\nzone = 0\ncounter = 1\n",
             (unsigned)(t->sectors * 4096u));
    struct sf_model_config cfg;
    enum nor_model_status st;
    sf_model_default_config(&cfg);
    cfg.nor.size_bytes = 1u << 20;
    t->model = sf_model_create(&cfg, &st);
    t->nor = t->model != NULL ? sf_model_nor(t->model) : NULL;
    if (t->model == NULL) {
        printf("cannot create the device model\n");
        return 1;
    }
    etss_host_set_spi(0, model_spi_bind(&t->bus, t->nor));
    if (etss_suite_host_up(huk, sizeof(huk)) != 0 ||
        etss_service_init() != ETSS_ERR_SF_UNPROVISIONED ||
        etss_suite_provisioning_message(description, msg, sizeof(msg), &len) != 0 ||
        etss_service_provision(PROVISIONER, msg, len) != ETSS_SUCCESS) {
        violation(t, "provisioning failed", 0, 0);
    }
    if (verbose) {
        printf("seed 0x%016" PRIx64 ": %u sectors, %u keys, sizes to %u, %u ops, cuts %u/1000, "
               "flips 1 in %u\n",
               seed, t->sectors, t->n_keys, t->max_len, t->n_ops, t->cut_per_mille,
               t->flips_one_in);
    }
    for (t->op = 0; t->op < t->n_ops && t->violations == 0u; t->op++) {
        operation(t);
    }
    if (t->violations == 0u) {
        nor_model_power_cycle(t->nor);
        if (etss_service_init() != ETSS_SUCCESS) {
            violation(t, "the last reboot failed", 0, 0);
        }
        check_all(t, "after the last reboot");
    }
    *cuts += t->cuts;
    etss_host_set_spi(0, NULL);
    sf_model_destroy(t->model);
    return t->violations;
}

int main(int argc, char **argv)
{
    uint64_t trials = 300;
    uint64_t first_seed = 0;
    bool one_seed = false;
    bool verbose = false;
    program_name = argv[0];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--trials") == 0 && i + 1 < argc) {
            trials = strtoull(argv[++i], NULL, 0);
        } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            first_seed = strtoull(argv[++i], NULL, 0);
            one_seed = true;
        } else if (strcmp(argv[i], "--verbose") == 0) {
            verbose = true;
        } else {
            fprintf(stderr, "usage: %s [--trials N] [--seed S] [--verbose]\n", argv[0]);
            return 2;
        }
    }
    uint64_t failed = 0;
    uint64_t cuts = 0;
    uint64_t n = one_seed ? 1u : trials;
    for (uint64_t i = 0; i < n; i++) {
        failed +=
            run_trial(one_seed ? first_seed : 0x5E41000000000000ull + i, verbose, &cuts) != 0u;
    }
    printf("service campaign over the secure flash model: %" PRIu64 " trials, %" PRIu64
           " power cuts\n",
           n, cuts);
    printf("%" PRIu64 " passed, %" PRIu64 " failed\n", n - failed, failed);
    return failed == 0u ? 0 : 1;
}
