/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Randomized, model-based campaign for the filesystem on the RAM device.
 *
 * Each trial draws from its seed a geometry (the fewest sectors that hold
 * anything to 60 more, erase units of 1, 4 or 8 KiB), a number of assets (1 to the index size, over
 * three owners), a size profile (0 bytes to ETSS_MAX_ASSET_SIZE) and a fault plan: power cuts at
 * random programs and erases, in mount and recovery too, repeated; transient bit flips on reads
 * during mount, reclaim and gets. It runs writes, overwrites, removals, gets and clean reboots, and
 * after every operation and every reboot checks against a reference model:
 * - every acknowledged asset reads back exactly its last acknowledged
 *   value; the interrupted operation is old or new, never mixed;
 * - no removed asset comes back; no false DOES_NOT_EXIST;
 * - a transient read error gives an error code or the right data, never
 *   wrong data; once reads are clean again everything reads back;
 * - a write within the documented capacity is accepted;
 * - etss_fs_check() holds, and nothing ever asks a 0 bit to become 1.
 *
 * A failing trial prints its seed and the command that replays it.
 *   test_fs_campaign [--trials N] [--seed S] [--seconds T] [--verbose]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "etss_fs.h"
#include "fs_ram.h"
#include "seeded.h"

#define KEYS ETSS_MAX_ASSETS_PER_ZONE

struct asset {
    bool present;
    uint32_t len;
    uint64_t data_seed;
};

struct trial {
    uint64_t seed;
    uint64_t rng;
    bool verbose;
    /* configuration */
    uint32_t erase_unit;
    uint32_t n_sectors;
    uint32_t n_keys;
    uint32_t max_len;
    uint32_t n_ops;
    uint32_t cut_per_mille;   /* chance per changing operation of a cut in it */
    uint32_t recut_per_mille; /* chance that the reboot after a cut is cut too */
    uint32_t flips_per_million;
    bool flips_in_mount;
    bool flips_in_writes;
    bool flips_in_gets;
    /* state */
    struct fs_ram ram;
    struct etss_fs_storage storage;
    struct etss_fs fs;
    struct asset model[KEYS];
    uint32_t cuts;
    uint32_t reboots;
    uint32_t violations;
    uint32_t op;
};

struct totals {
    uint64_t trials;
    uint64_t ops;
    uint64_t cuts;
    uint64_t reboots;
    uint64_t flips;
    uint64_t failed_trials;
};

static const char *program_name = "test_fs_campaign";

static uint32_t pick(struct trial *t, uint32_t n)
{
    return seeded_below(&t->rng, n);
}

static int32_t owner_of(uint32_t key)
{
    return -1 - (int32_t)(key % 3u);
}

static uint64_t uid_of(uint32_t key)
{
    return 1u + key / 3u;
}

static void violation(struct trial *t, const char *what, uint32_t key, int rc)
{
    if (t->violations++ == 0u) {
        printf("VIOLATION seed 0x%016" PRIx64 " op %u: %s (key %u: owner %d uid %" PRIu64
               ", rc %d)\n  config: %u sectors, erase unit %u, %u keys, sizes to %u, cuts %u/1000,"
               " flips %u/1e6 (mount %d, writes %d, gets %d)\n  replay: %s --seed 0x%016" PRIx64
               " --verbose\n",
               t->seed, t->op, what, key, owner_of(key), uid_of(key), rc, t->n_sectors,
               t->erase_unit, t->n_keys, t->max_len, t->cut_per_mille, t->flips_per_million,
               t->flips_in_mount, t->flips_in_writes, t->flips_in_gets, program_name, t->seed);
    }
}

static void flips(struct trial *t, bool on)
{
    fs_ram_set_flips(&t->ram, on ? t->flips_per_million : 0u);
}

static uint32_t live_bytes(const struct trial *t)
{
    uint32_t live = 0;
    for (uint32_t k = 0; k < t->n_keys; k++) {
        live += t->model[k].present ? etss_fs_record_size(t->model[k].len) : 0u;
    }
    return live;
}

/* Does the key hold exactly `a`? CORRUPT is accepted while reads flip. */
static bool holds(struct trial *t, uint32_t key, const struct asset *a, bool flipping, int *rc_out)
{
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    static uint8_t want[ETSS_MAX_ASSET_SIZE];
    size_t n = 0;
    int rc = etss_fs_read(&t->fs, owner_of(key), uid_of(key), 0, got, sizeof(got), &n);
    *rc_out = rc;
    if (!a->present) {
        return rc == ETSS_FS_ERR_NOT_FOUND || (flipping && rc == ETSS_FS_ERR_CORRUPT);
    }
    if (rc == ETSS_FS_ERR_CORRUPT && flipping) {
        return true;
    }
    seeded_fill(want, a->len, a->data_seed);
    return rc == ETSS_FS_OK && n == a->len && memcmp(got, want, n) == 0;
}

static void check_all(struct trial *t, bool flipping, const char *when)
{
    for (uint32_t k = 0; k < t->n_keys; k++) {
        int rc = 0;
        if (!holds(t, k, &t->model[k], flipping, &rc)) {
            violation(t, when, k, rc);
        }
    }
}

static void check_invariants(struct trial *t)
{
    int rc = etss_fs_check(&t->fs);
    if (rc != ETSS_FS_OK) {
        violation(t, "etss_fs_check failed", 0, rc);
    }
}

/* Power back on after a cut (maybe cutting again during the reboot) and
 * mount; then the interrupted operation must be old or new. */
static void reboot_after_cut(struct trial *t, int32_t key, const struct asset *after)
{
    for (int attempt = 0; attempt < 8; attempt++) {
        fs_ram_power_cycle(&t->ram);
        t->reboots++;
        if (pick(t, 1000) < t->recut_per_mille) {
            fs_ram_cut_after(&t->ram, 1u + pick(t, 24));
        }
        flips(t, t->flips_in_mount);
        int rc = etss_fs_mount(&t->fs, &t->storage);
        flips(t, false);
        if (rc == ETSS_FS_OK && !t->ram.dead) {
            break;
        }
        if (!t->ram.dead) {
            violation(t, "mount failed after a power cut", 0, rc);
            return;
        }
        t->cuts++;
    }
    /* The interrupted operation: adopt whichever value the store has. */
    if (key >= 0) {
        int rc = 0;
        if (holds(t, (uint32_t)key, after, false, &rc)) {
            t->model[key] = *after;
        } else if (!holds(t, (uint32_t)key, &t->model[key], false, &rc)) {
            violation(t, "interrupted operation left neither old nor new value", (uint32_t)key, rc);
        }
    }
    /* The first writes after the reboot may be cut again. */
    if (pick(t, 1000) < t->recut_per_mille) {
        fs_ram_cut_after(&t->ram, 1u + pick(t, 40));
    }
    check_all(t, false, "after a reboot");
    check_invariants(t);
}

static void clean_reboot(struct trial *t)
{
    t->reboots++;
    flips(t, t->flips_in_mount);
    int rc = etss_fs_mount(&t->fs, &t->storage);
    flips(t, false);
    if (t->ram.dead) { /* a cut armed for the first writes fell in this mount */
        t->cuts++;
        reboot_after_cut(t, -1, NULL);
        return;
    }
    if (rc != ETSS_FS_OK) {
        violation(t, "clean reboot: mount failed", 0, rc);
        return;
    }
    check_all(t, false, "after a clean reboot");
    check_invariants(t);
}

static uint32_t draw_len(struct trial *t)
{
    uint32_t r = pick(t, 10);
    return r == 0u ? 0u : r == 1u ? t->max_len : pick(t, t->max_len + 1u);
}

/* One write or removal; a cut in it ends in a reboot. */
static void change(struct trial *t, uint32_t key, bool removal)
{
    struct asset after = {.present = !removal};
    bool cut_armed = t->ram.cut_at != 0u;
    if (!cut_armed && pick(t, 1000) < t->cut_per_mille) {
        fs_ram_cut_after(&t->ram, 1u + pick(t, 48));
    }
    flips(t, t->flips_in_writes);
    int rc;
    if (removal) {
        rc = etss_fs_remove(&t->fs, owner_of(key), uid_of(key));
    } else {
        static uint8_t data[ETSS_MAX_ASSET_SIZE];
        after.len = draw_len(t);
        after.data_seed = seeded_next(&t->rng);
        seeded_fill(data, after.len, after.data_seed);
        rc =
            etss_fs_write(&t->fs, owner_of(key), uid_of(key), data, after.len, (uint8_t)(key & 1u));
    }
    flips(t, false);
    if (t->verbose) {
        printf("  op %u: %s key %u len %u -> %d%s\n", t->op, removal ? "remove" : "write", key,
               after.len, rc, t->ram.dead ? " (cut)" : "");
    }
    if (t->ram.dead) {
        t->cuts++;
        reboot_after_cut(t, (int32_t)key, &after);
        return;
    }
    const struct asset *old = &t->model[key];
    if (rc == ETSS_FS_OK) {
        if (removal && !old->present) {
            violation(t, "removed an asset that does not exist", key, rc);
        }
        t->model[key] = after;
    } else if (rc == ETSS_FS_ERR_NOT_FOUND) {
        if (!removal || old->present) {
            violation(t, "false DOES_NOT_EXIST", key, rc);
        }
    } else if (rc == ETSS_FS_ERR_NO_SPACE && !removal) {
        uint32_t used = 0;
        for (uint32_t k = 0; k < t->n_keys; k++) {
            used += t->model[k].present;
        }
        uint32_t live = live_bytes(t) - (old->present ? etss_fs_record_size(old->len) : 0u) +
                        etss_fs_record_size(after.len);
        if (live <= t->fs.capacity && (old->present || used < ETSS_MAX_ASSETS_PER_ZONE)) {
            violation(t, "refused a write within the documented capacity", key, rc);
        }
    } else {
        violation(t, removal ? "removal failed" : "write failed", key, rc);
    }
    check_invariants(t);
}

static void get(struct trial *t, uint32_t key)
{
    int rc = 0;
    flips(t, t->flips_in_gets);
    bool ok = holds(t, key, &t->model[key], t->flips_in_gets, &rc);
    flips(t, false);
    if (!ok) {
        violation(t, "get returned a wrong answer", key, rc);
    }
}

/* The fewest sectors a zone of this erase unit needs to hold anything. */
static uint32_t min_sectors(uint32_t erase_unit)
{
    uint32_t sector = etss_fs_sector_size(erase_unit);
    uint32_t n = 1;
    while (etss_fs_capacity(n * sector, erase_unit) == 0u) {
        n++;
    }
    return n;
}

static void configure(struct trial *t)
{
    static const uint32_t units[] = {4096u, 4096u, 4096u, 1024u, 8192u};
    static const uint32_t sizes[] = {16u, 256u, 1024u, ETSS_MAX_ASSET_SIZE, ETSS_MAX_ASSET_SIZE};
    t->erase_unit = units[pick(t, 5)];
    uint32_t r = pick(t, 10);
    uint32_t least = min_sectors(t->erase_unit);
    t->n_sectors = least + (r < 5u ? pick(t, 5) : r < 8u ? 5u + pick(t, 16) : 21u + pick(t, 40));
    t->n_keys = 1u + pick(t, KEYS);
    t->max_len = sizes[pick(t, 5)];
    t->n_ops = 40u + pick(t, 400);
    r = pick(t, 10);
    t->cut_per_mille = r < 3u ? 0u : 20u + pick(t, 200);
    t->recut_per_mille = pick(t, 3) == 0u ? 300u : 0u;
    r = pick(t, 10);
    t->flips_per_million = r < 6u ? 0u : 1000u + pick(t, 19000);
    t->flips_in_mount = t->flips_per_million != 0u && pick(t, 4) != 0u;
    t->flips_in_writes = t->flips_per_million != 0u && pick(t, 2) != 0u;
    t->flips_in_gets = t->flips_per_million != 0u && pick(t, 2) != 0u;
}

static struct trial trial_state;

/* Returns the violations of the trial with this seed. */
static uint32_t run_trial(uint64_t seed, bool verbose, struct totals *tot)
{
    struct trial *t = &trial_state;
    memset(t, 0, sizeof(*t));
    t->seed = seed;
    t->rng = seed;
    t->verbose = verbose;
    configure(t);
    uint32_t sector = etss_fs_sector_size(t->erase_unit);
    /* Sometimes a zone that is not a whole number of sectors. */
    uint32_t size = t->n_sectors * sector + (pick(t, 4) == 0u ? t->erase_unit : 0u);
    if (fs_ram_init(&t->ram, size, t->erase_unit, seeded_next(&t->rng)) != 0) {
        printf("out of memory\n");
        return 1;
    }
    fs_ram_storage(&t->ram, &t->storage);
    /* Every other trial, a storage without strided reads: the filesystem
     * then reads run by run itself. */
    bool strided = ((seed >> 1) & 1u) != 0u;
    if (!strided) {
        t->storage.read_strided = NULL;
    }
    if (verbose) {
        printf("seed 0x%016" PRIx64 ": %u sectors of %u, erase unit %u, %u keys, sizes to %u, "
               "%u ops, cuts %u/1000 (recut %u), flips %u/1e6 (mount %d writes %d gets %d), "
               "strided reads %d\n",
               seed, t->n_sectors, sector, t->erase_unit, t->n_keys, t->max_len, t->n_ops,
               t->cut_per_mille, t->recut_per_mille, t->flips_per_million, t->flips_in_mount,
               t->flips_in_writes, t->flips_in_gets, strided);
    }
    int rc = etss_fs_mount(&t->fs, &t->storage);
    if (rc != ETSS_FS_OK || t->fs.capacity != etss_fs_capacity(size, t->erase_unit)) {
        violation(t, "a blank zone does not mount", 0, rc);
    }
    for (t->op = 0; t->op < t->n_ops && t->violations == 0u; t->op++) {
        uint32_t key = pick(t, t->n_keys);
        uint32_t r = pick(t, 100);
        if (r < 62u) {
            change(t, key, false);
        } else if (r < 80u) {
            change(t, key, true);
        } else if (r < 96u) {
            get(t, key);
        } else {
            clean_reboot(t);
        }
    }
    /* At the end: no fault armed, a clean reboot, everything exact. */
    if (t->violations == 0u) {
        fs_ram_cut_after(&t->ram, 0);
        clean_reboot(t);
    }
    if (t->ram.overprograms != 0u) {
        violation(t, "programmed a 0 bit back to 1", 0, (int)t->ram.overprograms);
    }
    tot->trials++;
    tot->ops += t->op;
    tot->cuts += t->cuts;
    tot->reboots += t->reboots;
    tot->flips += t->ram.flips;
    fs_ram_free(&t->ram);
    return t->violations;
}

int main(int argc, char **argv)
{
    uint64_t trials = 20000;
    uint64_t first_seed = 0;
    bool one_seed = false;
    bool verbose = false;
    double seconds = 0;
    program_name = argv[0];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--trials") == 0 && i + 1 < argc) {
            trials = strtoull(argv[++i], NULL, 0);
        } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            first_seed = strtoull(argv[++i], NULL, 0);
            one_seed = true;
        } else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            seconds = strtod(argv[++i], NULL);
        } else if (strcmp(argv[i], "--verbose") == 0) {
            verbose = true;
        } else {
            fprintf(stderr,
                    "usage: %s [--trials N] [--seed S] [--seconds T] [--verbose]\n"
                    "  --seed S: replay the one trial with seed S\n"
                    "  --seconds T: stop after T seconds even if trials remain\n",
                    argv[0]);
            return 2;
        }
    }
    /* Regression seeds, run first: trials that broke the filesystem before
     * format 2 (found by running this campaign over the old code through a
     * shim; the ones for read errors pass there with the flips turned off).
     * They keep their meaning only while the generator draws as it does now. */
    static const uint64_t regressions[] = {
        /* a zone that no longer mounts after a clean reboot, no fault at all */
        0x5eed000000000006ull,
        0x5eed000000000031ull,
        /* bit flips during mount only: a false DOES_NOT_EXIST, an older value as SUCCESS */
        0x5eed000000000115ull,
        0x5eed000000000210ull,
        /* bit flips during writes only, programmed into reclaim's copies: DATA_CORRUPT
         * for good, and a wrong value as SUCCESS */
        0x5eed00000000cfdeull,
        0x5eed0000000134bfull,
    };
    struct totals tot = {0};
    clock_t start = clock();
    for (size_t i = 0; !one_seed && i < sizeof(regressions) / sizeof(regressions[0]); i++) {
        tot.failed_trials += run_trial(regressions[i], verbose, &tot) != 0u;
    }
    for (uint64_t i = 0; i < (one_seed ? 1u : trials); i++) {
        uint64_t seed = one_seed ? first_seed : 0x5EED000000000000ull + i;
        tot.failed_trials += run_trial(seed, verbose, &tot) != 0u;
        if (seconds > 0 && (double)(clock() - start) / CLOCKS_PER_SEC > seconds) {
            break;
        }
    }
    double took = (double)(clock() - start) / CLOCKS_PER_SEC;
    printf("fs campaign (ETSS_MAX_ASSET_SIZE %u, %u index entries): %" PRIu64 " trials, %" PRIu64
           " operations, %" PRIu64 " power cuts, %" PRIu64 " reboots, %" PRIu64
           " bit flips on reads, %.1f s\n",
           (unsigned)ETSS_MAX_ASSET_SIZE, (unsigned)ETSS_MAX_ASSETS_PER_ZONE, tot.trials, tot.ops,
           tot.cuts, tot.reboots, tot.flips, took);
    const struct etss_fs_stats *st = etss_fs_stats();
    printf(
        "  filesystem: %u sectors reclaimed, %u reclaim targets started, %u interrupted reclaims "
        "undone, %u records copied, %u lost, %u reads repeated after a failed check\n",
        st->sectors_reclaimed, st->reclaim_targets, st->reclaims_undone, st->records_copied,
        st->records_lost, st->reads_retried);
    printf("%" PRIu64 " passed, %" PRIu64 " failed\n", tot.trials - tot.failed_trials,
           tot.failed_trials);
    return tot.failed_trials == 0u ? 0 : 1;
}
