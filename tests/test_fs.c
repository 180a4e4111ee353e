/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS filesystem. On the secure flash model, through the zone
 * storage the service uses: round trips, limits, reclaiming under churn,
 * corruption detection, and a power cut at every program and erase of a
 * scripted workload. On the RAM device: the format's identity, a read
 * error at every read of a mount and of a reclaim, stuck bits, the
 * capacity the documentation promises, and the three failures the
 * randomized campaign was written against (tests/test_fs_campaign.c).
 */
#include <stdio.h>
#include <string.h>

#include "etss_crc32.h"
#include "etss_fs.h"
#include "etss_fs_zone.h"
#include "fs_format.h"
#include "fs_ram.h"
#include "seeded.h"
#include "nor_flash.h"
#include "sf_rig.h"
#include "test_harness.h"

#define OWNER_A (-1)
#define OWNER_B (-2)
#define ZONE_CLIENT (-1) /* zone 0 of the rig: 1 MiB, encrypted */

/* A small zone (16 sectors) so that reclaiming comes round quickly. */
static const char small_zone[] = "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                 "read = encrypted\nwrite = authenticated\n"
                                 "[binding]\nclient = -1\nzone = 0\ncounter = 0\n"
                                 "[binding]\nclient = -2\nzone = 0\ncounter = 1\n";

static void fill(uint8_t *buf, size_t len, uint32_t seed)
{
    for (size_t i = 0; i < len; i++) {
        seed = seed * 1103515245u + 12345u;
        buf[i] = (uint8_t)(seed >> 16);
    }
}

static struct etss_fs_zone zone;
static struct etss_fs_storage zone_storage;

static int mount_zone(struct sf_rig *r, struct etss_fs *fs, int32_t client)
{
    int rc = etss_fs_zone_storage(&zone, &r->dev, client, &zone_storage);
    return rc == ETSS_FS_OK ? etss_fs_mount(fs, &zone_storage) : rc;
}

static int open_fs(struct sf_rig *r, struct etss_fs *fs, const char *config)
{
    int rc = sf_rig_open(r, NULL, 1);
    if (rc == SF_OK) {
        rc = sf_rig_provision(r, config);
    }
    return rc == SF_OK ? mount_zone(r, fs, ZONE_CLIENT) : rc;
}

static void test_round_trip_and_remount(void)
{
    struct sf_rig r;
    static struct etss_fs fs;
    static uint8_t a[ETSS_MAX_ASSET_SIZE];
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    size_t n = 0;
    uint32_t len = 0;
    uint8_t flags = 0;
    CHECK_EQ(open_fs(&r, &fs, small_zone), ETSS_FS_OK);
    fill(a, sizeof(a), 1);
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 7, a, sizeof(a), 0x01), ETSS_FS_OK);
    CHECK_EQ(etss_fs_write(&fs, OWNER_B, 7, a, 10, 0), ETSS_FS_OK);   /* same uid, other owner */
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 8, NULL, 0, 0), ETSS_FS_OK); /* empty asset */
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 7, 0, got, sizeof(got), &n), ETSS_FS_OK);
    CHECK_EQ(n, sizeof(a));
    CHECK_MEM_EQ(got, a, sizeof(a));
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 7, 2000, got, 100, &n), ETSS_FS_OK);
    CHECK_EQ(n, 48);
    CHECK_MEM_EQ(got, &a[2000], 48);
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 7, 2049, got, 1, &n), ETSS_FS_ERR_PARAM);
    CHECK_EQ(etss_fs_info(&fs, OWNER_B, 7, &len, &flags), ETSS_FS_OK);
    CHECK_EQ(len, 10);
    CHECK_EQ(flags, 0);
    CHECK_EQ(etss_fs_info(&fs, OWNER_A, 9, &len, &flags), ETSS_FS_ERR_NOT_FOUND);
    CHECK_EQ(etss_fs_remove(&fs, OWNER_B, 7), ETSS_FS_OK);
    CHECK_EQ(etss_fs_remove(&fs, OWNER_B, 7), ETSS_FS_ERR_NOT_FOUND);
    /* A restart: everything as it was left. */
    nor_model_power_cycle(r.nor);
    sf_device_drop_sessions(&r.dev);
    CHECK_EQ(etss_fs_mount(&fs, &zone_storage), ETSS_FS_OK);
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 7, 0, got, sizeof(got), &n), ETSS_FS_OK);
    CHECK_MEM_EQ(got, a, sizeof(a));
    CHECK_EQ(etss_fs_info(&fs, OWNER_A, 7, &len, &flags), ETSS_FS_OK);
    CHECK_EQ(flags, 0x01);
    CHECK_EQ(etss_fs_info(&fs, OWNER_A, 8, &len, &flags), ETSS_FS_OK);
    CHECK_EQ(len, 0);
    CHECK_EQ(etss_fs_info(&fs, OWNER_B, 7, &len, &flags), ETSS_FS_ERR_NOT_FOUND);
    CHECK_EQ(etss_fs_count(&fs, OWNER_A), 2);
    CHECK_EQ(etss_fs_count(&fs, OWNER_B), 0);
    sf_rig_close(&r);
}

/* Many updates of a few assets: the ring goes round several times, the
 * values stay right, the wear spreads over every sector. */
static void test_churn_reclaims_and_spreads_wear(void)
{
    struct sf_rig r;
    static struct etss_fs fs;
    static uint8_t data[1024];
    static uint8_t got[1024];
    size_t n = 0;
    uint32_t last[6] = {0};
    CHECK_EQ(open_fs(&r, &fs, small_zone), ETSS_FS_OK);
    for (uint32_t i = 1; i <= 300; i++) {
        uint64_t uid = 1 + i % 6;
        fill(data, sizeof(data), i);
        CHECK_EQ(etss_fs_write(&fs, OWNER_A, uid, data, 200 + (i % 5) * 200, 0), ETSS_FS_OK);
        last[uid - 1] = i;
    }
    CHECK(etss_fs_stats()->sectors_reclaimed > 16);
    for (int pass = 0; pass < 2; pass++) {
        for (uint64_t uid = 1; uid <= 6; uid++) {
            uint32_t i = last[uid - 1];
            fill(data, sizeof(data), i);
            CHECK_EQ(etss_fs_read(&fs, OWNER_A, uid, 0, got, sizeof(got), &n), ETSS_FS_OK);
            CHECK_EQ(n, 200 + (i % 5) * 200);
            CHECK_MEM_EQ(got, data, n);
        }
        CHECK_EQ(etss_fs_mount(&fs, &zone_storage), ETSS_FS_OK); /* and after a remount */
    }
    uint32_t least = UINT32_MAX;
    uint32_t most = 0;
    for (uint32_t s = 0; s < 16; s++) {
        uint32_t e = nor_model_erase_count(r.nor, s);
        least = e < least ? e : least;
        most = e > most ? e : most;
    }
    CHECK(least > 0);
    CHECK(most - least <= 1);
    sf_rig_close(&r);
}

static void test_full_store_keeps_every_asset(void)
{
    struct sf_rig r;
    static struct etss_fs fs;
    static uint8_t data[ETSS_MAX_ASSET_SIZE];
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    size_t n = 0;
    CHECK_EQ(open_fs(&r, &fs, small_zone), ETSS_FS_OK);
    uint64_t uid = 1;
    int rc = ETSS_FS_OK;
    for (; rc == ETSS_FS_OK; uid++) {
        fill(data, sizeof(data), (uint32_t)uid);
        rc = etss_fs_write(&fs, OWNER_A, uid, data, sizeof(data), 0);
    }
    CHECK_EQ(rc, ETSS_FS_ERR_NO_SPACE);
    uint64_t stored = uid - 2;
    CHECK(stored >= 10); /* a 64 KiB zone holds at least ten 2 KiB assets */
    /* Updates of the same size still fit: space is counted per asset. */
    fill(data, sizeof(data), 999);
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1, data, sizeof(data), 0), ETSS_FS_OK);
    for (uint64_t u = 2; u <= stored; u++) {
        fill(data, sizeof(data), (uint32_t)u);
        CHECK_EQ(etss_fs_read(&fs, OWNER_A, u, 0, got, sizeof(got), &n), ETSS_FS_OK);
        CHECK_MEM_EQ(got, data, sizeof(data));
    }
    /* Removing makes room again. */
    CHECK_EQ(etss_fs_remove(&fs, OWNER_A, 2), ETSS_FS_OK);
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1000, data, sizeof(data), 0), ETSS_FS_OK);
    sf_rig_close(&r);
}

static void test_index_limit(void)
{
    struct sf_rig r;
    static struct etss_fs fs;
    uint8_t b = 1;
    CHECK_EQ(open_fs(&r, &fs, sf_rig_default_config), ETSS_FS_OK);
    for (uint64_t uid = 1; uid <= ETSS_MAX_ASSETS_PER_ZONE; uid++) {
        CHECK_EQ(etss_fs_write(&fs, uid % 2 ? OWNER_A : OWNER_B, uid, &b, 1, 0), ETSS_FS_OK);
    }
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 999, &b, 1, 0), ETSS_FS_ERR_NO_SPACE);
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1, &b, 1, 0), ETSS_FS_OK); /* an update is fine */
    sf_rig_close(&r);
}

static void test_corruption_is_detected(void)
{
    struct sf_rig r;
    static struct etss_fs fs;
    uint8_t data[64];
    uint8_t got[64];
    size_t n = 0;
    CHECK_EQ(open_fs(&r, &fs, small_zone), ETSS_FS_OK);
    fill(data, sizeof(data), 5);
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1, data, sizeof(data), 0), ETSS_FS_OK);
    /* Every read of the array flips bits now and then: never wrong data. */
    nor_model_set_read_bitflips(r.nor, 200, 77);
    int ok = 0;
    int detected = 0;
    for (int i = 0; i < 200; i++) {
        int rc = etss_fs_read(&fs, OWNER_A, 1, 0, got, sizeof(got), &n);
        if (rc == ETSS_FS_OK) {
            CHECK_MEM_EQ(got, data, sizeof(data));
            ok++;
        } else {
            CHECK_EQ(rc, ETSS_FS_ERR_CORRUPT);
            detected++;
        }
    }
    nor_model_set_read_bitflips(r.nor, 0, 0);
    CHECK(ok > 0);
    CHECK(detected > 0);
    sf_rig_close(&r);
}

/* Cells of the head's free space that are no longer erased (decay, or a
 * plain program into an open zone): the next record goes to a freshly
 * erased sector, not over them, and reads back after a remount. */
static void test_garbage_in_free_space_is_never_written_over(void)
{
    static const char open_zone[] = "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                    "read = open\nwrite = open\n"
                                    "[binding]\nclient = -1\nzone = 0\ncounter = 0\n";
    static const uint8_t garbage[2] = {0x74, 0x2F};
    struct sf_rig r;
    static struct etss_fs fs;
    uint8_t data[64];
    uint8_t got[64];
    size_t n = 0;
    CHECK_EQ(open_fs(&r, &fs, open_zone), ETSS_FS_OK);
    fill(data, sizeof(data), 9);
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1, data, sizeof(data), 0), ETSS_FS_OK);
    /* A clean remount appends to the same head sector. */
    CHECK_EQ(etss_fs_mount(&fs, &zone_storage), ETSS_FS_OK);
    CHECK(!fs.head_closed);
    uint32_t head = fs.head_slot;
    uint32_t spoiled = head * fs.sector_size + fs.head_used + 200u;
    CHECK_EQ(etss_nor_program(&r.dev.nor, spoiled, garbage, sizeof(garbage)), SF_OK);
    CHECK_EQ(etss_fs_mount(&fs, &zone_storage), ETSS_FS_OK);
    CHECK(fs.head_closed);
    fill(data, sizeof(data), 10);
    for (uint64_t uid = 2; uid < 10; uid++) { /* enough to reach the spoiled cells */
        CHECK_EQ(etss_fs_write(&fs, OWNER_A, uid, data, sizeof(data), 0), ETSS_FS_OK);
    }
    CHECK(fs.head_slot != head);
    CHECK_EQ(etss_fs_mount(&fs, &zone_storage), ETSS_FS_OK);
    for (uint64_t uid = 2; uid < 10; uid++) {
        CHECK_EQ(etss_fs_read(&fs, OWNER_A, uid, 0, got, sizeof(got), &n), ETSS_FS_OK);
        CHECK_EQ(n, sizeof(data));
        CHECK_MEM_EQ(got, data, sizeof(data));
    }
    sf_rig_close(&r);
}

static void test_bad_arguments(void)
{
    struct sf_rig r;
    static struct etss_fs fs;
    uint8_t b = 0;
    size_t n = 0;
    struct etss_fs_storage bad;
    CHECK_EQ(etss_fs_mount(NULL, NULL), ETSS_FS_ERR_PARAM);
    CHECK_EQ(etss_fs_write(NULL, OWNER_A, 1, &b, 1, 0), ETSS_FS_ERR_PARAM);
    CHECK_EQ(open_fs(&r, &fs, small_zone), ETSS_FS_OK);
    bad = zone_storage;
    bad.read = NULL;
    CHECK_EQ(etss_fs_mount(&fs, &bad), ETSS_FS_ERR_PARAM);
    bad = zone_storage;
    bad.erase_unit = 3000; /* not a power of two */
    CHECK_EQ(etss_fs_mount(&fs, &bad), ETSS_FS_ERR_PARAM);
    bad = zone_storage;
    bad.size = 3u * fs.sector_size; /* fewer than four sectors */
    CHECK_EQ(etss_fs_mount(&fs, &bad), ETSS_FS_ERR_ZONE);
    CHECK_EQ(etss_fs_mount(&fs, &zone_storage), ETSS_FS_OK);
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1, NULL, 1, 0), ETSS_FS_ERR_PARAM);
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1, &b, ETSS_MAX_ASSET_SIZE + 1, 0), ETSS_FS_ERR_PARAM);
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 1, 0, NULL, 1, &n), ETSS_FS_ERR_PARAM);
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 1, 0, &b, 1, NULL), ETSS_FS_ERR_PARAM);
    CHECK_EQ(mount_zone(&r, &fs, 4242), ETSS_FS_ERR_DEVICE); /* no such client */
    CHECK_EQ(etss_fs_zone_storage(NULL, &r.dev, ZONE_CLIENT, &bad), ETSS_FS_ERR_PARAM);
    sf_rig_close(&r);
}

/* ---- power cut at every program and erase ---- */

#define CAMPAIGN_UIDS 4

struct expected {
    uint8_t seed[CAMPAIGN_UIDS + 1]; /* 0: absent */
    uint16_t len[CAMPAIGN_UIDS + 1];
};

/* The scripted workload: step k writes, updates or removes one asset. */
static void step_of(uint32_t k, uint64_t *uid, uint8_t *seed, uint16_t *len)
{
    *uid = 1 + k % CAMPAIGN_UIDS;
    *seed = (uint8_t)(k % 7 == 6 ? 0 : 1 + k % 250); /* every 7th step removes */
    *len = (uint16_t)(*seed == 0 ? 0 : 40 + (k * 337u) % 1500u);
}

static int run_step(struct etss_fs *fs, uint32_t k, struct expected *e)
{
    uint64_t uid;
    uint8_t seed;
    uint16_t len;
    step_of(k, &uid, &seed, &len);
    int rc;
    if (seed == 0) {
        rc = etss_fs_remove(fs, OWNER_A, uid);
        if (rc == ETSS_FS_ERR_NOT_FOUND) {
            rc = ETSS_FS_OK;
        }
    } else {
        static uint8_t data[ETSS_MAX_ASSET_SIZE];
        fill(data, len, seed);
        rc = etss_fs_write(fs, OWNER_A, uid, data, len, 0);
    }
    /* What the step meant to leave, whether or not it got there. */
    e->seed[uid] = seed;
    e->len[uid] = len;
    return rc;
}

/* Every uid holds its value before or after the interrupted step. */
static void check_state(struct etss_fs *fs, const struct expected *before,
                        const struct expected *after, unsigned *violations)
{
    static uint8_t data[ETSS_MAX_ASSET_SIZE];
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    for (uint64_t uid = 1; uid <= CAMPAIGN_UIDS; uid++) {
        size_t n = 0;
        int rc = etss_fs_read(fs, OWNER_A, uid, 0, got, sizeof(got), &n);
        bool matches = false;
        const struct expected *cands[2] = {before, after};
        for (int c = 0; c < 2 && !matches; c++) {
            const struct expected *x = cands[c];
            if (x->seed[uid] == 0) {
                matches = rc == ETSS_FS_ERR_NOT_FOUND;
            } else if (rc == ETSS_FS_OK && n == x->len[uid]) {
                fill(data, n, x->seed[uid]);
                matches = memcmp(got, data, n) == 0;
            }
        }
        if (!matches) {
            printf("  uid %llu: rc %d len %zu matches neither old nor new value\n",
                   (unsigned long long)uid, rc, n);
            (*violations)++;
        }
    }
}

/* What the filesystem holds, as read back. */
struct contents {
    int rc[CAMPAIGN_UIDS + 1];
    size_t len[CAMPAIGN_UIDS + 1];
    uint8_t data[CAMPAIGN_UIDS + 1][ETSS_MAX_ASSET_SIZE];
};

static void snapshot(struct etss_fs *fs, struct contents *c)
{
    for (uint64_t uid = 1; uid <= CAMPAIGN_UIDS; uid++) {
        c->len[uid] = 0;
        c->rc[uid] =
            etss_fs_read(fs, OWNER_A, uid, 0, c->data[uid], ETSS_MAX_ASSET_SIZE, &c->len[uid]);
    }
}

static void test_power_cut_at_every_program_and_erase(void)
{
    static struct contents seen;
    static struct contents again;
    const uint32_t steps = 160; /* enough to take the ring round */
    unsigned violations = 0;
    unsigned cuts = 0;
    struct sf_rig r;
    static struct etss_fs fs;
    /* Count the operations of the whole workload once. */
    CHECK_EQ(open_fs(&r, &fs, small_zone), ETSS_FS_OK);
    struct expected e;
    memset(&e, 0, sizeof(e));
    uint32_t reclaimed0 = etss_fs_stats()->sectors_reclaimed;
    uint64_t ops0 = nor_model_operation_count(r.nor);
    for (uint32_t k = 0; k < steps; k++) {
        CHECK_EQ(run_step(&fs, k, &e), ETSS_FS_OK);
    }
    uint64_t total = nor_model_operation_count(r.nor) - ops0;
    uint32_t reclaimed = etss_fs_stats()->sectors_reclaimed - reclaimed0;
    sf_rig_close(&r);

    /* Then cut at each of them in turn: one fresh run per cut point. */
    for (uint64_t cut = 1; cut <= total; cut++) {
        struct expected before;
        struct expected after;
        memset(&before, 0, sizeof(before));
        CHECK_EQ(open_fs(&r, &fs, small_zone), ETSS_FS_OK);
        nor_model_arm_power_loss(r.nor, cut, cut);
        uint32_t k = 0;
        int rc = ETSS_FS_OK;
        for (; k < steps && rc == ETSS_FS_OK; k++) {
            after = before;
            rc = run_step(&fs, k, &after);
            if (rc == ETSS_FS_OK) {
                before = after;
            }
        }
        if (rc == ETSS_FS_OK) {
            sf_rig_close(&r);
            continue; /* this cut point fell into the session set-up's NV writes */
        }
        cuts++;
        /* `before` holds every acknowledged step; `after` the interrupted one. */
        nor_model_disarm_power_loss(r.nor);
        nor_model_power_cycle(r.nor);
        CHECK_EQ(sf_rig_attach(&r, 1), SF_OK);
        CHECK_EQ(etss_fs_mount(&fs, &zone_storage), ETSS_FS_OK);
        check_state(&fs, &before, &after, &violations);
        /* What the first mount decided stays decided: write on, remount,
         * and every other asset still reads the same. */
        snapshot(&fs, &seen);
        uint8_t probe[8] = "go on...";
        CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1, probe, sizeof(probe), 0), ETSS_FS_OK);
        CHECK_EQ(etss_fs_mount(&fs, &zone_storage), ETSS_FS_OK);
        snapshot(&fs, &again);
        CHECK_EQ(again.len[1], sizeof(probe));
        CHECK_MEM_EQ(again.data[1], probe, sizeof(probe));
        for (uint64_t uid = 2; uid <= CAMPAIGN_UIDS; uid++) {
            if (again.rc[uid] != seen.rc[uid] || again.len[uid] != seen.len[uid] ||
                memcmp(again.data[uid], seen.data[uid], seen.len[uid]) != 0) {
                printf("  uid %llu changed after writing on\n", (unsigned long long)uid);
                violations++;
            }
        }
        sf_rig_close(&r);
    }
    printf("  power cut at %u of %llu program/erase/NV operations (%u sectors reclaimed), "
           "%u violations\n",
           cuts, (unsigned long long)total, reclaimed, violations);
    CHECK_EQ(violations, 0);
    CHECK(cuts > 100);
    CHECK(reclaimed >= 16); /* the ring went round: cuts also fell on reclaiming */
}

/* ---- on the RAM device ---- */

#define RAM_UNIT 4096u
#define UIDS 6u

struct ram_fs {
    struct fs_ram ram;
    struct etss_fs_storage storage;
    uint32_t seed[UIDS + 1]; /* what each uid holds: 0 absent */
    uint32_t len[UIDS + 1];
};

static int ram_open(struct ram_fs *t, uint32_t sectors, struct etss_fs *fs)
{
    memset(t->seed, 0, sizeof(t->seed));
    if (fs_ram_init(&t->ram, sectors * RAM_UNIT, RAM_UNIT, 7) != 0) {
        return -1;
    }
    fs_ram_storage(&t->ram, &t->storage);
    return etss_fs_mount(fs, &t->storage);
}

/* Step k of a workload that takes a small ring round: writes of 0..2,000
 * bytes over six uids, every fifth step a removal. */
static int ram_step_over(struct ram_fs *t, struct etss_fs *fs, uint32_t k, uint32_t uids)
{
    static uint8_t data[ETSS_MAX_ASSET_SIZE];
    uint32_t uid = 1u + (k * 7u) % uids;
    if (k % 5u == 4u) {
        int rc = etss_fs_remove(fs, OWNER_A, uid);
        t->seed[uid] = 0;
        return rc == ETSS_FS_ERR_NOT_FOUND ? ETSS_FS_OK : rc;
    }
    t->seed[uid] = k + 1u;
    t->len[uid] = (k * 389u) % 2001u;
    fill(data, t->len[uid], t->seed[uid]);
    return etss_fs_write(fs, OWNER_A, uid, data, t->len[uid], 0);
}

static int ram_step(struct ram_fs *t, struct etss_fs *fs, uint32_t k)
{
    return ram_step_over(t, fs, k, UIDS);
}

/* Every uid holds exactly what the workload left. */
static void ram_check(struct ram_fs *t, struct etss_fs *fs)
{
    static uint8_t want[ETSS_MAX_ASSET_SIZE];
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    for (uint32_t uid = 1; uid <= UIDS; uid++) {
        size_t n = 0;
        int rc = etss_fs_read(fs, OWNER_A, uid, 0, got, sizeof(got), &n);
        if (t->seed[uid] == 0u) {
            CHECK_EQ(rc, ETSS_FS_ERR_NOT_FOUND);
            continue;
        }
        CHECK_EQ(rc, ETSS_FS_OK);
        CHECK_EQ(n, t->len[uid]);
        fill(want, t->len[uid], t->seed[uid]);
        CHECK_MEM_EQ(got, want, n);
    }
    CHECK_EQ(etss_fs_check(fs), ETSS_FS_OK);
}

/* Write a sector header as another build would, over slot 0. */
static void forge_sector_zero(struct ram_fs *t, const uint8_t *h, size_t len)
{
    memset(t->ram.mem, 0xFF, RAM_UNIT);
    memcpy(t->ram.mem, h, len);
}

/* The same with a header (its fields and advance words, what the head
 * search reads) whose CRC (bytes 32..35) is made right. */
static void forge_header_zero(struct ram_fs *t, uint8_t *h)
{
    uint32_t crc = etss_crc32(0u, h, 32u);
    memcpy(&h[32], &crc, 4u);
    forge_sector_zero(t, h, FS_SECTOR_FIELDS);
}

/* The sector header names the format version and the geometry; a zone
 * written with another is refused with ETSS_FS_ERR_FORMAT, never read. A
 * header of this format with numbers no log of ours has is refused as
 * corrupt. */
static void test_format_version_and_geometry_are_checked(void)
{
    static struct ram_fs t;
    static struct etss_fs fs;
    uint8_t h[FS_SECTOR_FIELDS];
    CHECK_EQ(ram_open(&t, 16, &fs), ETSS_FS_OK);
    CHECK_EQ(ram_step(&t, &fs, 0), ETSS_FS_OK);
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
    CHECK_HELPER(ram_check(&t, &fs));
    /* The same zone seen with another erase unit: another geometry. */
    struct etss_fs_storage other = t.storage;
    other.erase_unit = 2u * RAM_UNIT;
    CHECK_EQ(etss_fs_mount(&fs, &other), ETSS_FS_ERR_FORMAT);
    memcpy(h, t.ram.mem, sizeof(h));
    CHECK_EQ(h[4], 4); /* format version 4 */
    /* Written by a build with 4 KiB assets (the field at 16, CRC redone). */
    uint8_t good[FS_SECTOR_FIELDS];
    memcpy(good, h, sizeof(good));
    h[16] = 0x00;
    h[17] = 0x10;
    forge_header_zero(&t, h);
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_ERR_FORMAT);
    /* A later format version; format 3, the same header without the
     * summary after it. */
    memcpy(h, good, sizeof(h));
    h[4] = 5;
    forge_header_zero(&t, h);
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_ERR_FORMAT);
    h[4] = 3;
    forge_header_zero(&t, h);
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_ERR_FORMAT);
    /* A first record beyond the sector: no header of ours says that. */
    memcpy(h, good, sizeof(h));
    h[28] = 0x01;
    h[29] = 0x10; /* 4097 */
    forge_header_zero(&t, h);
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_ERR_CORRUPT);
    /* Format 2: version 2, a 40-byte header with its CRC at 28. */
    memcpy(h, good, sizeof(h));
    h[4] = 2;
    uint32_t crc2 = etss_crc32(0u, h, 28u);
    memcpy(&h[28], &crc2, 4u);
    memset(&h[32], 0xFF, 8u);
    forge_sector_zero(&t, h, 40u);
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_ERR_FORMAT);
    /* Sequence numbers no log of ours can have: the last one there is
     * (the walk would wrap), and more tail advances than sectors behind. */
    memcpy(h, good, sizeof(h));
    memset(&h[20], 0xFF, 8u); /* sequence and tail UINT32_MAX */
    forge_header_zero(&t, h);
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_ERR_CORRUPT);
    memcpy(h, good, sizeof(h));
    memset(&h[36], 0x00, 4u); /* sequence 1, tail 1, one advance */
    forge_header_zero(&t, h);
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_ERR_CORRUPT);
    /* Format 1 (no version: magic, sequence, tail, CRC). */
    static const uint8_t v1[12] = {0x45, 0x54, 0x46, 0x53, 1, 0, 0, 0, 1, 0, 0, 0};
    memcpy(h, v1, sizeof(v1));
    uint32_t crc = etss_crc32(0u, h, 12u);
    memcpy(&h[12], &crc, 4u);
    forge_sector_zero(&t, h, 16u);
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_ERR_FORMAT);
    fs_ram_free(&t.ram);
}

/* A bit flipped in any one read of a mount never changes what mount
 * believes: every read that decides is checked and read again. */
static void test_read_error_at_every_read_of_a_mount(void)
{
    static struct ram_fs t;
    static struct etss_fs fs;
    CHECK_EQ(ram_open(&t, 10, &fs), ETSS_FS_OK);
    for (uint32_t k = 0; k < 60u; k++) {
        CHECK_EQ(ram_step(&t, &fs, k), ETSS_FS_OK);
    }
    CHECK(etss_fs_stats()->sectors_reclaimed > 0u);
    uint64_t reads0 = t.ram.reads;
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
    uint64_t reads = t.ram.reads - reads0;
    uint32_t retried0 = etss_fs_stats()->reads_retried;
    for (uint64_t k = 1; k <= reads; k++) {
        fs_ram_flip_read(&t.ram, k);
        CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
        fs_ram_flip_read(&t.ram, 0);
        CHECK_HELPER(ram_check(&t, &fs));
    }
    printf("  a flipped bit in each of the %llu reads of a mount: same answers (%u re-reads)\n",
           (unsigned long long)reads, etss_fs_stats()->reads_retried - retried0);
    CHECK(reads > 10u);
    fs_ram_free(&t.ram);
}

/* A bit flipped in any one read of a write that reclaims: the copies are
 * checked before they are programmed, never a bad copy, nothing lost. */
static void test_read_error_at_every_read_of_a_reclaim(void)
{
    static struct ram_fs t;
    static struct ram_fs saved;
    static struct etss_fs fs;
    static uint8_t image[13u * RAM_UNIT];
    CHECK_EQ(ram_open(&t, 13, &fs), ETSS_FS_OK); /* room for six 2 KiB assets */
    /* All six uids once, then only two: the others must be copied when
     * the ring comes round. Find a step whose write reclaims with copies. */
    uint32_t k = 0;
    for (; k < UIDS; k++) {
        CHECK_EQ(ram_step(&t, &fs, k), ETSS_FS_OK);
    }
    uint32_t copied = 0;
    for (; copied == 0u && k < 400u; k++) {
        memcpy(image, t.ram.mem, sizeof(image));
        saved = t;
        uint32_t before = etss_fs_stats()->records_copied;
        CHECK_EQ(ram_step_over(&t, &fs, k, 2), ETSS_FS_OK);
        copied = etss_fs_stats()->records_copied - before;
    }
    CHECK(copied > 0u);
    k--;
    uint32_t lost0 = etss_fs_stats()->records_lost;
    /* Replay that step from the saved image with a flip in each read. */
    memcpy(t.ram.mem, image, sizeof(image));
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
    uint64_t reads0 = t.ram.reads;
    CHECK_EQ(ram_step_over(&t, &fs, k, 2), ETSS_FS_OK);
    uint64_t reads = t.ram.reads - reads0;
    for (uint64_t n = 1; n <= reads; n++) {
        memcpy(t.ram.mem, image, sizeof(image));
        memcpy(t.seed, saved.seed, sizeof(t.seed));
        memcpy(t.len, saved.len, sizeof(t.len));
        CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
        fs_ram_flip_read(&t.ram, n);
        CHECK_EQ(ram_step_over(&t, &fs, k, 2), ETSS_FS_OK);
        fs_ram_flip_read(&t.ram, 0);
        CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
        CHECK_HELPER(ram_check(&t, &fs));
    }
    printf("  a flipped bit in each of the %llu reads of a write that copies %u records\n",
           (unsigned long long)reads, copied);
    CHECK_EQ(etss_fs_stats()->records_lost, lost0);
    CHECK_EQ(t.ram.overprograms, 0);
    fs_ram_free(&t.ram);
}

/* Where the record of an asset is (0: it has none). */
static uint32_t record_of(const struct etss_fs *fs, int32_t owner, uint64_t uid)
{
    for (size_t i = 0; i < ETSS_MAX_ASSETS_PER_ZONE; i++) {
        const struct etss_fs_entry *e = &fs->entries[i];
        if (e->used && e->owner == owner && e->uid == uid) {
            return e->addr;
        }
    }
    return 0;
}

/* Bits that stay wrong. A record header in mid-sector that no re-read
 * fixes: in the head, mount refuses (DATA_CORRUPT) rather than serve
 * older values; once a summary lists it, only its own asset fails. A
 * record whose data stays bad when it must be moved: it is not copied, a
 * LOST record keeps its place (reads say DATA_CORRUPT, its flags stay),
 * and it can be replaced or removed. */
static void test_stuck_bits(void)
{
    static struct ram_fs t;
    static struct etss_fs fs;
    static uint8_t data[300];
    static uint8_t got[300];
    uint32_t len = 0;
    uint8_t flags = 0;
    size_t n = 0;
    CHECK_EQ(ram_open(&t, 8, &fs), ETSS_FS_OK);
    fill(data, sizeof(data), 1);
    for (uint64_t uid = 1; uid <= 3; uid++) {
        CHECK_EQ(etss_fs_write(&fs, OWNER_A, uid, data, 100, (uint8_t)uid), ETSS_FS_OK);
    }
    uint32_t second = record_of(&fs, OWNER_A, 2);
    CHECK_EQ(fs_ram_stick(&t.ram, second + 5u, 0x07u, 0x07u), 0); /* three bits of its uid */
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_ERR_CORRUPT);
    t.ram.n_stuck = 0;
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
    /* Once the head has moved on, the next header's summary lists that
     * sector (six records at most): mount does not read the record, and
     * only its asset fails. */
    static uint8_t large[1500];
    while (fs.head_seq == 1u) {
        CHECK_EQ(etss_fs_write(&fs, OWNER_A, 4, large, sizeof(large), 0), ETSS_FS_OK);
    }
    CHECK_EQ(fs_ram_stick(&t.ram, second + 5u, 0x07u, 0x07u), 0);
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 2, 0, got, sizeof(got), &n), ETSS_FS_ERR_CORRUPT);
    for (uint64_t uid = 1; uid <= 3; uid += 2) {
        CHECK_EQ(etss_fs_read(&fs, OWNER_A, uid, 0, got, sizeof(got), &n), ETSS_FS_OK);
        CHECK_MEM_EQ(got, data, 100);
    }
    t.ram.n_stuck = 0;

    /* uid 1's data goes bad for good; churn uid 9 until its sector is
     * reclaimed. */
    uint32_t first = record_of(&fs, OWNER_A, 1);
    CHECK_EQ(fs_ram_stick(&t.ram, first + 40u, 0xFFu, 0x5Au), 0);
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 1, 0, got, sizeof(got), &n), ETSS_FS_ERR_CORRUPT);
    uint32_t lost0 = etss_fs_stats()->records_lost;
    for (uint32_t i = 0; etss_fs_stats()->records_lost == lost0 && i < 200u; i++) {
        CHECK_EQ(etss_fs_write(&fs, OWNER_A, 9, data, sizeof(data), 0), ETSS_FS_OK);
    }
    CHECK_EQ(etss_fs_stats()->records_lost, lost0 + 1u);
    CHECK_EQ(t.ram.overprograms, 0);
    for (int pass = 0; pass < 2; pass++) { /* and after a remount: LOST is on the flash */
        CHECK_EQ(etss_fs_read(&fs, OWNER_A, 1, 0, got, sizeof(got), &n), ETSS_FS_ERR_CORRUPT);
        CHECK_EQ(etss_fs_info(&fs, OWNER_A, 1, &len, &flags), ETSS_FS_ERR_CORRUPT);
        CHECK_EQ(flags, 1);
        CHECK_EQ(etss_fs_read(&fs, OWNER_A, 2, 0, got, sizeof(got), &n), ETSS_FS_OK);
        CHECK_MEM_EQ(got, data, 100);
        CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
    }
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1, data, 50, 0), ETSS_FS_OK);
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 1, 0, got, sizeof(got), &n), ETSS_FS_OK);
    CHECK_EQ(n, 50);
    CHECK_EQ(etss_fs_remove(&fs, OWNER_A, 2), ETSS_FS_OK);
    fs_ram_free(&t.ram);
}

/* The documented capacity is accepted in any mix of sizes, and churn at
 * that fill never corners the log. */
static uint32_t documented_capacity(uint32_t n)
{
    uint32_t filled = RAM_UNIT - FS_SECTOR_HEADER - 32u; /* less the sector and a record header */
    uint32_t spill = (etss_fs_record_size(ETSS_MAX_ASSET_SIZE) + filled - 1u) / filled;
    uint32_t kept = 4u + 2u * spill + (n * 32u + filled - 1u) / filled;
    return n > kept ? (n - kept) * filled : 0u;
}

static void test_capacity_holds_under_churn(void)
{
    static const uint32_t geometries[] = {8, 9, 12, 16, 33, 64};
    static struct etss_fs fs;
    static uint8_t data[ETSS_MAX_ASSET_SIZE];
    static struct ram_fs t;
    CHECK_EQ(etss_fs_capacity(0x10000, 4096), 9u * 3896u); /* a 64 KiB zone */
    CHECK_EQ(etss_fs_capacity(0x80000, 4096), 120u * 3896u);
    CHECK_EQ(etss_fs_capacity(7u * 4096u, 4096), 0);
    uint64_t rng = 3;
    for (size_t g = 0; g < sizeof(geometries) / sizeof(geometries[0]); g++) {
        uint32_t n = geometries[g];
        CHECK_EQ(ram_open(&t, n, &fs), ETSS_FS_OK);
        CHECK_EQ(fs.capacity, documented_capacity(n));
        uint32_t sizes[ETSS_MAX_ASSETS_PER_ZONE] = {0};
        uint32_t live = 0;
        for (uint32_t i = 0; i < 3000u; i++) {
            uint32_t uid = (uint32_t)(seeded_next(&rng) % ETSS_MAX_ASSETS_PER_ZONE);
            uint32_t len = (uint32_t)(seeded_next(&rng) % (ETSS_MAX_ASSET_SIZE + 1u));
            uint32_t after = live - sizes[uid] + etss_fs_record_size(len);
            int rc = etss_fs_write(&fs, OWNER_A, uid, data, len, 0);
            if (after <= fs.capacity) {
                CHECK_EQ(rc, ETSS_FS_OK);
                live = after;
                sizes[uid] = etss_fs_record_size(len);
            } else {
                CHECK_EQ(rc, ETSS_FS_ERR_NO_SPACE);
            }
        }
        printf("  %u sectors: %u of %u bytes used after churn\n", n, live, fs.capacity);
        if (n <= 12u) { /* the index holds enough to fill these */
            CHECK(live + 2u * etss_fs_record_size(ETSS_MAX_ASSET_SIZE) > fs.capacity);
        }
        CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
        CHECK_EQ(fs.live_bytes, live);
        fs_ram_free(&t.ram);
    }
}

/* The summary slot `next` holds of the sector before (docs/filesystem.md,
 * "Summaries"): true when it is whole and lists every record that starts
 * there; *runs_on is the offset of its last record when that one runs on
 * into the next sector (0: none). */
static bool summary_lists_all(const struct ram_fs *t, uint32_t next, uint32_t *runs_on)
{
    uint8_t h[FS_SECTOR_HEADER];
    memcpy(h, t->ram.mem + (size_t)next * RAM_UNIT, sizeof(h));
    const uint8_t *m = &h[FS_SECTOR_FIELDS];
    uint32_t crc = fs_summary_crc(h);
    *runs_on = 0;
    if (memcmp(&crc, &m[4], 4u) != 0 || (m[1] & 0x04u) != 0u) {
        return false;
    }
    if (m[0] != 0u) {
        const uint8_t *e = &m[8u + 18u * (m[0] - 1u)];
        uint32_t off = (uint32_t)(e[0] | (e[1] << 8));
        uint32_t len = (uint32_t)(e[2] | (e[3] << 8));
        *runs_on = off + etss_fs_record_size(len) > RAM_UNIT ? off : 0u;
    }
    return true;
}

/* Mount finds the head in 1 + log2(n) header reads on any ring a workload
 * leaves, over several passes; a damaged or erased header outside the log
 * sends it back to reading every header, and it finds the same head. A
 * sector of the log that the next one's summary lists in full is not read
 * beyond its header; one whose summary is damaged is read record by
 * record, and mount finds the same values. */
static void test_mount_reads_few_headers(void)
{
    static const uint32_t geometries[] = {8, 9, 16, 33, 64};
    static struct etss_fs fs;
    static uint8_t data[ETSS_MAX_ASSET_SIZE];
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    static struct ram_fs t;
    static struct fs_ram_read reads[4096];
    uint64_t rng = 11;
    for (size_t g = 0; g < sizeof(geometries) / sizeof(geometries[0]); g++) {
        const uint32_t n = geometries[g];
        uint32_t bound = 1u;
        while ((1u << (bound - 1u)) < n) {
            bound++;
        }
        uint32_t len[8] = {0};
        uint32_t seed[8] = {0};
        bool stored[8] = {false};
        uint32_t damaged = 0;
        uint32_t summaries_damaged = 0;
        uint32_t listed_reads = 0;
        uint32_t max_batches = 0;
        CHECK_EQ(ram_open(&t, n, &fs), ETSS_FS_OK);
        while (fs.head_seq < 4u * n) {
            uint32_t uid = (uint32_t)(seeded_next(&rng) % 8u);
            uint32_t size = (uint32_t)(seeded_next(&rng) % (ETSS_MAX_ASSET_SIZE + 1u));
            uint32_t k = fs.head_seq * 131u + uid;
            fill(data, size, k);
            int rc = etss_fs_write(&fs, OWNER_A, uid + 1u, data, size, 0);
            CHECK(rc == ETSS_FS_OK || rc == ETSS_FS_ERR_NO_SPACE);
            if (rc == ETSS_FS_OK) {
                len[uid] = size;
                seed[uid] = k;
                stored[uid] = true;
            }
            if (seeded_next(&rng) % 4u != 0u) {
                continue;
            }
            const uint32_t head_slot = fs.head_slot;
            const uint32_t head_seq = fs.head_seq;
            const uint32_t tail_seq = fs.tail_seq;
            const uint32_t probes = etss_fs_stats()->head_probes;
            bool fall_back = false;
            if (fs.head_seq - fs.tail_seq + 1u < n && seeded_next(&rng) % 3u == 0u) {
                /* A header outside the log programmed to garbage; or
                 * erased, where the filesystem erases (after the head, or
                 * slot 0 when it is not in the log). */
                uint32_t out = (head_slot + 1u +
                                (uint32_t)(seeded_next(&rng) % (n - 1u - (head_seq - tail_seq)))) %
                               n;
                bool erase = seeded_next(&rng) % 2u == 0u && (out > head_slot || out == 0u);
                memset(&t.ram.mem[out * RAM_UNIT], erase ? 0xFF : 0x00, FS_SECTOR_FIELDS);
                fall_back = out == 0u;
                damaged++;
            }
            if (head_seq > tail_seq && seeded_next(&rng) % 3u == 0u) {
                /* A summary in the log decayed, for good. */
                uint32_t at = (uint32_t)(seeded_next(&rng) % (head_seq - tail_seq));
                uint32_t slot = (head_slot + n - at) % n;
                t.ram
                    .mem[slot * RAM_UNIT + FS_SECTOR_FIELDS + seeded_next(&rng) % FS_SUMMARY_LEN] ^=
                    (uint8_t)(1u + seeded_next(&rng) % 255u);
                summaries_damaged++;
            }
            t.ram.read_log = reads;
            t.ram.read_log_size = sizeof(reads) / sizeof(reads[0]);
            t.ram.read_log_len = 0;
            const uint64_t strided = t.ram.strided_reads;
            CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
            CHECK_EQ(fs.head_slot, head_slot);
            CHECK_EQ(fs.head_seq, head_seq);
            CHECK_EQ(fs.tail_seq, tail_seq);
            CHECK(t.ram.read_log_len < t.ram.read_log_size);
            /* Outside the head, records are read only in sectors a summary
             * does not list in full, and the one running on into the
             * next sector (its header and the newest record's data).
             * Reads inside a sector header are the header's own (the
             * summary entries past those read with it). */
            for (uint32_t i = 0; i < t.ram.read_log_len; i++) {
                const struct fs_ram_read *r = &reads[i];
                uint32_t slot = r->addr / RAM_UNIT;
                uint32_t runs_on = 0;
                if (slot != head_slot && r->addr % RAM_UNIT >= FS_SECTOR_HEADER &&
                    summary_lists_all(&t, (slot + 1u) % n, &runs_on)) {
                    CHECK_EQ(r->addr % RAM_UNIT, runs_on);
                    listed_reads++;
                }
            }
            t.ram.read_log = NULL;
            uint32_t used = etss_fs_stats()->head_probes - probes;
            /* A search that falls back reads every header, 39 of 52 bytes
             * in a request. The log's summaries come in batches: the first
             * of two, then as many as 2 KiB holds (at least 17 whole
             * ones), one more where the log wraps round the zone, and one
             * more after each summary that lists more entries than any
             * before it. */
            const uint32_t log = head_seq - tail_seq + 1u;
            const uint32_t scan = used > n ? (n + 38u) / 39u : 0u;
            const uint64_t batches = t.ram.strided_reads - strided - scan;
            CHECK(t.ram.strided_reads - strided >= scan);
            CHECK(log == 1u || batches <= 2u + (log + 16u) / 17u + ETSS_FS_SUMMARY_RECORDS);
            CHECK(batches <= log && (log == 1u || batches > 0u));
            max_batches = batches > max_batches ? (uint32_t)batches : max_batches;
            if (fall_back) {
                CHECK_EQ(used, 1u + n); /* slot 0, then every header */
            } else if (damaged == 0u) {
                CHECK(used <= bound);
            } else {
                CHECK(used <= bound || (used > n && used <= bound + n));
            }
            for (uint32_t u = 0; u < 8u; u++) {
                size_t got_len = 0;
                int read = etss_fs_read(&fs, OWNER_A, u + 1u, 0, got, sizeof(got), &got_len);
                if (!stored[u]) {
                    CHECK_EQ(read, ETSS_FS_ERR_NOT_FOUND);
                    continue;
                }
                fill(data, len[u], seed[u]);
                CHECK_EQ(read, ETSS_FS_OK);
                CHECK_EQ(got_len, len[u]);
                CHECK_MEM_EQ(got, data, len[u]);
            }
        }
        printf("  %u sectors: head found in at most %u reads, %u headers outside the log "
               "damaged, %u summaries in it; %u reads of a listed record running on; "
               "log summaries in at most %u batches\n",
               n, bound, damaged, summaries_damaged, listed_reads, max_batches);
        fs_ram_free(&t.ram);
    }
}

/* Mount reads a sector's summary, in the next sector's header, and not
 * its own header fields: those decayed in every sector between the tail
 * and the head change nothing, while the sectors live. A sector whose
 * summary decays as well is read by its header, which then must be
 * there: the mount is refused rather than guessed. */
static void test_a_listed_sector_needs_no_header_fields(void)
{
    static struct ram_fs t;
    static struct etss_fs fs;
    static uint8_t data[1000];
    static uint8_t got[1000];
    CHECK_EQ(ram_open(&t, 16, &fs), ETSS_FS_OK);
    for (uint32_t k = 0; k < 60u; k++) {
        fill(data, sizeof(data), k);
        CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1u + k % 20u, data, sizeof(data), 0), ETSS_FS_OK);
    }
    const uint32_t tail = fs.tail_seq;
    const uint32_t head = fs.head_seq;
    CHECK(head - tail >= 8u);
    for (uint32_t seq = tail + 1u; seq < head; seq++) {
        const uint32_t at = ((seq - 1u) % 16u) * RAM_UNIT;
        for (uint32_t i = 0; i < FS_SECTOR_FIELDS; i++) {
            t.ram.mem[at + i] &= (uint8_t)(0x5Au + i); /* cells lose charge: bits go 0 */
        }
    }
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
    CHECK_EQ(fs.tail_seq, tail);
    CHECK_EQ(fs.head_seq, head);
    for (uint32_t k = 40; k < 60u; k++) {
        size_t n = 0;
        fill(data, sizeof(data), k);
        CHECK_EQ(etss_fs_read(&fs, OWNER_A, 1u + k % 20u, 0, got, sizeof(got), &n), ETSS_FS_OK);
        CHECK_EQ(n, sizeof(data));
        CHECK_MEM_EQ(got, data, sizeof(data));
    }
    /* The summary of sector tail + 2, in tail + 3, decays too. */
    const uint32_t summary = ((tail + 2u) % 16u) * RAM_UNIT + FS_SECTOR_FIELDS + 12u;
    t.ram.mem[summary] ^= 0x10u;
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_ERR_CORRUPT);
    size_t n = 0;
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 1u, 0, got, sizeof(got), &n), ETSS_FS_ERR_UNMOUNTED);
    /* With that summary whole again, the damaged sectors serve to the end:
     * each becomes the tail and is reclaimed, and every mount on the way
     * works. */
    t.ram.mem[summary] ^= 0x10u;
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
    for (uint32_t k = 60; k < 140u; k++) {
        fill(data, sizeof(data), k);
        CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1u + k % 20u, data, sizeof(data), 0), ETSS_FS_OK);
        if (k % 5u == 0u) {
            CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
        }
    }
    CHECK(fs.tail_seq >= head); /* every damaged sector was reclaimed */
    for (uint32_t k = 120; k < 140u; k++) {
        fill(data, sizeof(data), k);
        CHECK_EQ(etss_fs_read(&fs, OWNER_A, 1u + k % 20u, 0, got, sizeof(got), &n), ETSS_FS_OK);
        CHECK_MEM_EQ(got, data, sizeof(data));
    }
    fs_ram_free(&t.ram);
}

/* A sector of small records is read in a few wide reads, its free space
 * with them, not a 256-byte window at a time: 60 records of 48 bytes and
 * the free space after them in at most five reads (the first window, two
 * of 2 KiB, the newest record's data, one to spare); the values stay. */
static void test_small_records_are_read_wide(void)
{
    static struct ram_fs t;
    static struct etss_fs fs;
    static struct fs_ram_read reads[256];
    uint8_t data[16];
    uint8_t got[16];
    size_t n = 0;
    CHECK_EQ(ram_open(&t, 8, &fs), ETSS_FS_OK);
    for (uint32_t k = 0; k < 60u; k++) {
        fill(data, sizeof(data), k);
        CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1u + k % 8u, data, sizeof(data), 0), ETSS_FS_OK);
    }
    CHECK_EQ(fs.head_seq, 1u);
    t.ram.read_log = reads;
    t.ram.read_log_size = sizeof(reads) / sizeof(reads[0]);
    t.ram.read_log_len = 0;
    CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
    uint32_t in_records = 0;
    for (uint32_t i = 0; i < t.ram.read_log_len; i++) {
        in_records +=
            reads[i].addr / RAM_UNIT == 0u && reads[i].addr % RAM_UNIT >= FS_SECTOR_HEADER;
    }
    t.ram.read_log = NULL;
    printf("  60 records of 48 bytes and the free space: %u reads\n", in_records);
    CHECK(in_records <= 5u);
    CHECK(!fs.head_closed);
    for (uint32_t k = 52; k < 60u; k++) {
        fill(data, sizeof(data), k);
        CHECK_EQ(etss_fs_read(&fs, OWNER_A, 1u + k % 8u, 0, got, sizeof(got), &n), ETSS_FS_OK);
        CHECK_MEM_EQ(got, data, sizeof(data));
    }
    fs_ram_free(&t.ram);
}

/* The CRC against its definition, a bit at a time: the check value, and
 * random runs fed whole and in pieces. */
static uint32_t crc32_bitwise(uint32_t crc, const uint8_t *p, size_t len)
{
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= p[i];
        for (int b = 0; b < 8; b++) {
            crc = (crc >> 1) ^ ((crc & 1u) != 0u ? 0xEDB88320u : 0u);
        }
    }
    return ~crc;
}

static void test_crc32_matches_its_definition(void)
{
    static uint8_t buf[4096];
    CHECK_EQ(etss_crc32(0u, "123456789", 9u), 0xCBF43926u);
    CHECK_EQ(etss_crc32(0u, buf, 0u), 0u);
    uint64_t rng = 5;
    for (int trial = 0; trial < 200; trial++) {
        uint32_t len = seeded_below(&rng, sizeof(buf) + 1u);
        uint32_t cut = seeded_below(&rng, len + 1u);
        seeded_fill(buf, len, seeded_next(&rng));
        uint32_t want = crc32_bitwise(0u, buf, len);
        CHECK_EQ(etss_crc32(0u, buf, len), want);
        CHECK_EQ(etss_crc32(etss_crc32(0u, buf, cut), &buf[cut], len - cut), want);
    }
}

/* Within one write that reclaims nothing, no page is programmed twice: a
 * sector the record starts or runs into has its header programmed with
 * the record's bytes that follow it. Random sizes, several zone sizes. */
static void test_a_write_programs_each_page_once(void)
{
    static const uint32_t geometries[] = {12, 24, 64};
    static struct ram_fs t;
    static struct etss_fs fs;
    static uint8_t data[ETSS_MAX_ASSET_SIZE];
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    static struct fs_ram_read progs[64];
    uint64_t rng = 23;
    uint32_t writes = 0;
    uint32_t started = 0;
    for (size_t g = 0; g < sizeof(geometries) / sizeof(geometries[0]); g++) {
        CHECK_EQ(ram_open(&t, geometries[g], &fs), ETSS_FS_OK);
        uint32_t last_uid = 0;
        uint32_t last_len = 0;
        uint64_t last_seed = 0;
        for (uint32_t k = 0;; k++) {
            uint32_t uid = 1u + k % 4u;
            uint32_t len = seeded_below(&rng, ETSS_MAX_ASSET_SIZE + 1u);
            uint64_t seed = seeded_next(&rng);
            uint32_t reclaimed = etss_fs_stats()->sectors_reclaimed;
            uint32_t seq = fs.head_seq;
            seeded_fill(data, len, seed);
            t.ram.prog_log = progs;
            t.ram.prog_log_size = sizeof(progs) / sizeof(progs[0]);
            t.ram.prog_log_len = 0;
            CHECK_EQ(etss_fs_write(&fs, OWNER_A, uid, data, len, 0), ETSS_FS_OK);
            t.ram.prog_log = NULL;
            if (etss_fs_stats()->sectors_reclaimed != reclaimed) {
                break; /* its copies share pages with what came before */
            }
            writes++;
            started += fs.head_seq - seq;
            for (uint32_t i = 0; i < t.ram.prog_log_len; i++) {
                for (uint32_t j = 0; j < i; j++) {
                    if (progs[i].addr / t.ram.page == progs[j].addr / t.ram.page) {
                        printf("  zone of %u sectors, write %u of %u bytes: page 0x%x twice\n",
                               geometries[g], k, len, progs[i].addr);
                        CHECK(false);
                    }
                }
            }
            last_uid = uid;
            last_len = len;
            last_seed = seed;
        }
        /* The last write checked above reads back after a remount (the
         * write that reclaimed went to another uid). */
        CHECK_EQ(etss_fs_mount(&fs, &t.storage), ETSS_FS_OK);
        size_t n = 0;
        seeded_fill(data, last_len, last_seed);
        CHECK_EQ(etss_fs_read(&fs, OWNER_A, last_uid, 0, got, sizeof(got), &n), ETSS_FS_OK);
        CHECK_EQ(n, last_len);
        CHECK_MEM_EQ(got, data, last_len);
        fs_ram_free(&t.ram);
    }
    printf("  %u writes, %u sectors started\n", writes, started);
    CHECK(started > 20u);
}

static const struct test_case cases[] = {
    TEST_CASE(test_round_trip_and_remount),
    TEST_CASE(test_churn_reclaims_and_spreads_wear),
    TEST_CASE(test_full_store_keeps_every_asset),
    TEST_CASE(test_index_limit),
    TEST_CASE(test_corruption_is_detected),
    TEST_CASE(test_garbage_in_free_space_is_never_written_over),
    TEST_CASE(test_bad_arguments),
    TEST_CASE(test_power_cut_at_every_program_and_erase),
    TEST_CASE(test_format_version_and_geometry_are_checked),
    TEST_CASE(test_read_error_at_every_read_of_a_mount),
    TEST_CASE(test_read_error_at_every_read_of_a_reclaim),
    TEST_CASE(test_stuck_bits),
    TEST_CASE(test_capacity_holds_under_churn),
    TEST_CASE(test_mount_reads_few_headers),
    TEST_CASE(test_a_listed_sector_needs_no_header_fields),
    TEST_CASE(test_small_records_are_read_wide),
    TEST_CASE(test_crc32_matches_its_definition),
    TEST_CASE(test_a_write_programs_each_page_once),
};

TEST_MAIN("fs", cases)
