/*
 * The ETSS filesystem on a real secure flash model: round trips, limits,
 * reclaiming under churn, corruption detection, its cost per write, and a
 * power cut at every program and erase of a scripted workload.
 */
#include <stdio.h>
#include <string.h>

#include "etss_fs.h"
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

static int open_fs(struct sf_rig *r, struct etss_fs *fs, const char *config)
{
    int rc = sf_rig_open(r, NULL, 1);
    if (rc == SF_OK) {
        rc = sf_rig_provision(r, config);
    }
    return rc == SF_OK ? etss_fs_mount(fs, &r->dev, ZONE_CLIENT) : rc;
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
    CHECK_EQ(etss_fs_mount(&fs, &r.dev, ZONE_CLIENT), ETSS_FS_OK);
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
        CHECK_EQ(etss_fs_mount(&fs, &r.dev, ZONE_CLIENT), ETSS_FS_OK); /* and after a remount */
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
    CHECK_EQ(etss_fs_mount(&fs, &r.dev, ZONE_CLIENT), ETSS_FS_OK);
    CHECK(!fs.head_closed);
    uint32_t head = fs.head_slot;
    uint32_t spoiled = head * 4096u + fs.head_used + 200u;
    CHECK_EQ(nor_flash_program(&r.dev.nor, spoiled, garbage, sizeof(garbage)), NOR_FLASH_OK);
    CHECK_EQ(etss_fs_mount(&fs, &r.dev, ZONE_CLIENT), ETSS_FS_OK);
    CHECK(fs.head_closed);
    fill(data, sizeof(data), 10);
    for (uint64_t uid = 2; uid < 10; uid++) { /* enough to reach the spoiled cells */
        CHECK_EQ(etss_fs_write(&fs, OWNER_A, uid, data, sizeof(data), 0), ETSS_FS_OK);
    }
    CHECK(fs.head_slot != head);
    CHECK_EQ(etss_fs_mount(&fs, &r.dev, ZONE_CLIENT), ETSS_FS_OK);
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
    CHECK_EQ(etss_fs_mount(NULL, NULL, 0), ETSS_FS_ERR_PARAM);
    CHECK_EQ(etss_fs_write(NULL, OWNER_A, 1, &b, 1, 0), ETSS_FS_ERR_PARAM);
    CHECK_EQ(open_fs(&r, &fs, small_zone), ETSS_FS_OK);
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1, NULL, 1, 0), ETSS_FS_ERR_PARAM);
    CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1, &b, ETSS_MAX_ASSET_SIZE + 1, 0), ETSS_FS_ERR_PARAM);
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 1, 0, NULL, 1, &n), ETSS_FS_ERR_PARAM);
    CHECK_EQ(etss_fs_read(&fs, OWNER_A, 1, 0, &b, 1, NULL), ETSS_FS_ERR_PARAM);
    CHECK_EQ(etss_fs_mount(&fs, &r.dev, 4242), ETSS_FS_ERR_DEVICE); /* no such client */
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
        CHECK_EQ(etss_fs_mount(&fs, &r.dev, ZONE_CLIENT), ETSS_FS_OK);
        check_state(&fs, &before, &after, &violations);
        /* What the first mount decided stays decided: write on, remount,
         * and every other asset still reads the same. */
        snapshot(&fs, &seen);
        uint8_t probe[8] = "go on...";
        CHECK_EQ(etss_fs_write(&fs, OWNER_A, 1, probe, sizeof(probe), 0), ETSS_FS_OK);
        CHECK_EQ(etss_fs_mount(&fs, &r.dev, ZONE_CLIENT), ETSS_FS_OK);
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

static const struct test_case cases[] = {
    TEST_CASE(test_round_trip_and_remount),
    TEST_CASE(test_churn_reclaims_and_spreads_wear),
    TEST_CASE(test_full_store_keeps_every_asset),
    TEST_CASE(test_index_limit),
    TEST_CASE(test_corruption_is_detected),
    TEST_CASE(test_garbage_in_free_space_is_never_written_over),
    TEST_CASE(test_bad_arguments),
    TEST_CASE(test_power_cut_at_every_program_and_erase),
};

TEST_MAIN("fs", cases)
