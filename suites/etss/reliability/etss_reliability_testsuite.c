/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ETSS reliability tests (TFM_ETSS_TEST_3xxx): power cuts, decaying reads,
 * wear and a full store, on the partition's service and everything below
 * it. Each test boots the partition afresh on its own device model (the
 * platform port takes the model's bus, etss_service_init() is the boot),
 * so a power cut can be followed by a real restart of the MCU side too.
 */
#include <stdio.h>
#include <string.h>

#include "bus_liar.h"
#include "devmodel/model_spi.h"
#include "devmodel/rpmc_model.h"
#include "devmodel/sf_model.h"
#include "etss_config.h"
#include "etss_host.h"
#include "etss_service.h"
#include "etss_suite_env.h"
#include "sfp1_protocol.h"
#include "test_harness.h"

/* 3001 cuts power at every operation of its workload, or at every Nth
 * where a run must stay short (inside TF-M under QEMU: each cut boots and
 * provisions a new part through TF-M's crypto service). */
#ifndef ETSS_RELIABILITY_CUT_STRIDE
#define ETSS_RELIABILITY_CUT_STRIDE 1u
#endif

#define CLIENT ETSS_NS_CLIENT
#define PROVISIONER 300 /* a secure client: provisioning is secure-side only */
#define UIDS 4u

/* A 64 KiB zone: the filesystem's ring goes round quickly. */
static const char small_zone[] = "lockout_threshold = 255\n"
                                 "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                 "read = encrypted\nwrite = authenticated\n"
                                 "[binding]\nclient = -1\nzone = 0\ncounter = 0\n";

static const uint8_t huk[32] = "ETSS reliability HUK (develop).";

struct device {
    sf_model_t *model;
    nor_model_t *nor;
    struct model_spi bus;
};

/* A fresh, provisioned part with the partition booted on it; `without`:
 * features the part lacks. */
static int device_up_without(struct device *d, uint8_t without)
{
    struct sf_model_config cfg;
    enum nor_model_status st;
    uint8_t msg[512];
    size_t len = 0;
    sf_model_default_config(&cfg);
    cfg.nor.size_bytes = ETSS_SUITE_PART_BYTES;
    cfg.features &= (uint8_t)~without;
    d->model = sf_model_create(&cfg, &st);
    if (d->model == NULL) {
        return -1;
    }
    d->nor = sf_model_nor(d->model);
    etss_host_set_spi(0, model_spi_bind(&d->bus, d->nor));
    if (etss_suite_host_up(huk, sizeof(huk)) != 0 ||
        etss_service_init() != ETSS_ERR_SF_UNPROVISIONED ||
        etss_suite_provisioning_message(small_zone, msg, sizeof(msg), &len) != 0 ||
        etss_service_provision(PROVISIONER, msg, len) != ETSS_SUCCESS) {
        return -1;
    }
    return 0;
}

static int device_up(struct device *d)
{
    return device_up_without(d, 0u);
}

static void device_down(struct device *d)
{
    etss_host_set_spi(0, NULL);
    sf_model_destroy(d->model);
    d->model = NULL;
}

/* Power back on, and the MCU boots again. */
static etss_err_t reboot(struct device *d)
{
    nor_model_disarm_power_loss(d->nor);
    nor_model_power_cycle(d->nor);
    return etss_service_init();
}

static void fill(uint8_t *buf, size_t len, uint32_t seed)
{
    for (size_t i = 0; i < len; i++) {
        seed = seed * 1664525u + 1013904223u;
        buf[i] = (uint8_t)(seed >> 24);
    }
}

/* ---- the scripted workload ---- */

struct state {
    uint32_t seed[UIDS + 1]; /* 0: absent */
    uint32_t len[UIDS + 1];
    uint32_t counter;
};

/* Step k: every 9th bumps the counter, every 7th removes, the rest write
 * 40..1,540 bytes; four uids in turn. */
static etss_err_t run_step(uint32_t k, struct state *s)
{
    static uint8_t data[ETSS_MAX_ASSET_SIZE];
    uint64_t uid = 1u + k % UIDS;
    if (k % 9u == 8u) {
        s->counter++;
        return etss_service_mc_increment(CLIENT, ETSS_NS_COUNTER);
    }
    if (k % 7u == 6u) {
        etss_err_t err = etss_service_remove(CLIENT, uid);
        s->seed[uid] = 0;
        s->len[uid] = 0;
        return err == ETSS_ERR_DOES_NOT_EXIST ? ETSS_SUCCESS : err;
    }
    s->seed[uid] = k + 1u;
    s->len[uid] = 40u + (k * 337u) % 1500u;
    fill(data, s->len[uid], s->seed[uid]);
    return etss_service_set(CLIENT, uid, data, s->len[uid], PSA_STORAGE_FLAG_NONE);
}

static bool holds(uint64_t uid, const struct state *s)
{
    static uint8_t want[ETSS_MAX_ASSET_SIZE];
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    size_t n = 0;
    etss_err_t err = etss_service_get(CLIENT, uid, 0, got, sizeof(got), &n);
    if (s->seed[uid] == 0u) {
        return err == ETSS_ERR_DOES_NOT_EXIST;
    }
    fill(want, s->len[uid], s->seed[uid]);
    return err == ETSS_SUCCESS && n == s->len[uid] && memcmp(got, want, n) == 0;
}

static uint32_t counter_value(void)
{
    uint8_t b[4] = {0};
    size_t n = 0;
    if (etss_service_mc_get(CLIENT, ETSS_NS_COUNTER, b, sizeof(b), &n) != ETSS_SUCCESS) {
        return UINT32_MAX;
    }
    return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}

/* Every uid old or new, the counter every acknowledged increment and at
 * most the interrupted one; returns the violations found. */
static unsigned check_after_cut(const struct state *before, const struct state *after)
{
    unsigned violations = 0;
    for (uint64_t uid = 1; uid <= UIDS; uid++) {
        if (!holds(uid, before) && !holds(uid, after)) {
            printf("  uid %lu holds neither its old nor its new value\n", (unsigned long)uid);
            violations++;
        }
    }
    uint32_t c = counter_value();
    if (c != before->counter && c != after->counter) {
        printf("  counter %u, expected %u or %u\n", (unsigned)c, (unsigned)before->counter,
               (unsigned)after->counter);
        violations++;
    }
    return violations;
}

/* What the service returns for each uid. */
struct contents {
    etss_err_t err[UIDS + 1];
    size_t len[UIDS + 1];
    uint8_t data[UIDS + 1][ETSS_MAX_ASSET_SIZE];
};

static void snapshot(struct contents *c)
{
    for (uint64_t uid = 1; uid <= UIDS; uid++) {
        c->len[uid] = 0;
        c->err[uid] =
            etss_service_get(CLIENT, uid, 0, c->data[uid], ETSS_MAX_ASSET_SIZE, &c->len[uid]);
    }
}

/* Power cut at every program, erase and NV write of the workload in turn,
 * then boot again and check every invariant. */
static void TFM_ETSS_TEST_3001(void)
{
    static struct contents seen;
    static struct contents again;
    const uint32_t steps = 120;
    struct device d;
    struct state s;
    unsigned cuts = 0;
    unsigned violations = 0;

    /* One clean run counts the operations. */
    memset(&s, 0, sizeof(s));
    CHECK_EQ(device_up(&d), 0);
    uint64_t ops0 = nor_model_operation_count(d.nor);
    for (uint32_t k = 0; k < steps; k++) {
        CHECK_EQ(run_step(k, &s), ETSS_SUCCESS);
    }
    uint64_t total = nor_model_operation_count(d.nor) - ops0;
    device_down(&d);

    for (uint64_t cut = 1; cut <= total; cut += ETSS_RELIABILITY_CUT_STRIDE) {
        struct state before;
        struct state after;
        memset(&before, 0, sizeof(before));
        CHECK_EQ(device_up(&d), 0);
        nor_model_arm_power_loss(d.nor, cut, cut * 31u);
        etss_err_t err = ETSS_SUCCESS;
        for (uint32_t k = 0; k < steps && err == ETSS_SUCCESS; k++) {
            after = before;
            err = run_step(k, &after);
            if (err == ETSS_SUCCESS) {
                before = after;
            }
        }
        if (err == ETSS_SUCCESS) {
            device_down(&d);
            continue; /* the cut fell on a session set-up after the last step */
        }
        cuts++;
        CHECK_EQ(reboot(&d), ETSS_SUCCESS);
        violations += check_after_cut(&before, &after);
        /* What this boot decided stays decided: write on, boot again,
         * and the other assets read the same. */
        snapshot(&seen);
        static const uint8_t probe[] = "after the cut";
        CHECK_EQ(etss_service_set(CLIENT, 1, probe, sizeof(probe), 0), ETSS_SUCCESS);
        CHECK_EQ(reboot(&d), ETSS_SUCCESS);
        snapshot(&again);
        for (uint64_t uid = 2; uid <= UIDS; uid++) {
            if (again.err[uid] != seen.err[uid] || again.len[uid] != seen.len[uid] ||
                memcmp(again.data[uid], seen.data[uid], seen.len[uid]) != 0) {
                printf("  uid %lu changed after writing on\n", (unsigned long)uid);
                violations++;
            }
        }
        device_down(&d);
    }
    printf("  power cut at %u points of %lu operations, %u violations\n", cuts,
           (unsigned long)total, violations);
    CHECK_EQ(violations, 0);
    CHECK(cuts >= 100u / ETSS_RELIABILITY_CUT_STRIDE);
}

/* Reads of the array flip bits: the service never returns wrong data. */
static void TFM_ETSS_TEST_3002(void)
{
    struct device d;
    uint8_t data[700];
    uint8_t got[700];
    size_t n = 0;
    unsigned right = 0;
    unsigned refused = 0;
    CHECK_EQ(device_up(&d), 0);
    fill(data, sizeof(data), 3002);
    CHECK_EQ(etss_service_set(CLIENT, 1, data, sizeof(data), 0), ETSS_SUCCESS);
    nor_model_set_read_bitflips(d.nor, 3000, 9);
    for (int i = 0; i < 300; i++) {
        etss_err_t err = etss_service_get(CLIENT, 1, 0, got, sizeof(got), &n);
        if (err == ETSS_SUCCESS) {
            CHECK_EQ(n, sizeof(data));
            CHECK_MEM_EQ(got, data, sizeof(data));
            right++;
        } else {
            CHECK_EQ(err, ETSS_ERR_DATA_CORRUPT);
            refused++;
        }
    }
    nor_model_set_read_bitflips(d.nor, 0, 0);
    printf("  %u reads right, %u refused as corrupt, none wrong\n", right, refused);
    CHECK(right > 0 && refused > 0);
    device_down(&d);
}

/* One asset updated 1,000 times: wear goes round the whole zone, and the
 * cost per update stays near the floor. */
static void TFM_ETSS_TEST_3003(void)
{
    struct device d;
    static uint8_t data[1024];
    CHECK_EQ(device_up(&d), 0);
    const struct nor_model_stats before = *nor_model_stats(d.nor);
    for (uint32_t i = 0; i < 1000; i++) {
        fill(data, sizeof(data), i);
        CHECK_EQ(etss_service_set(CLIENT, 1, data, sizeof(data), 0), ETSS_SUCCESS);
    }
    uint32_t least = UINT32_MAX;
    uint32_t most = 0;
    for (uint32_t sector = 0; sector < 16; sector++) {
        uint32_t e = nor_model_erase_count(d.nor, sector);
        least = e < least ? e : least;
        most = e > most ? e : most;
    }
    const struct nor_model_stats *after = nor_model_stats(d.nor);
    /* Per update, in thousandths (1,000 updates; no floating point in a
     * secure partition's printf). */
    unsigned pages = (unsigned)(after->pages_programmed - before.pages_programmed);
    unsigned erases = (unsigned)(after->sectors_erased - before.sectors_erased);
    printf("  1 KiB update: %u.%03u pages programmed, 0.%03u sectors erased; erase counts %u..%u\n",
           pages / 1000u, pages % 1000u, erases, (unsigned)least, (unsigned)most);
    CHECK(most - least <= 1);
    CHECK(pages < 6500u); /* 1,056 bytes of record: 5 or 6 pages */
    CHECK(erases < 350u); /* about one sector per 3.8 records */
    fill(data, sizeof(data), 999);
    uint8_t got[1024];
    size_t n = 0;
    CHECK_EQ(etss_service_get(CLIENT, 1, 0, got, sizeof(got), &n), ETSS_SUCCESS);
    CHECK_MEM_EQ(got, data, sizeof(got));
    device_down(&d);
}

/* Fill the zone, then churn: every update fits, every asset stays right. */
static void TFM_ETSS_TEST_3004(void)
{
    struct device d;
    static uint8_t data[ETSS_MAX_ASSET_SIZE];
    static uint8_t got[ETSS_MAX_ASSET_SIZE];
    size_t n = 0;
    CHECK_EQ(device_up(&d), 0);
    uint64_t stored = 0;
    etss_err_t err = ETSS_SUCCESS;
    while (err == ETSS_SUCCESS) {
        fill(data, sizeof(data), (uint32_t)(stored + 1u));
        err = etss_service_set(CLIENT, stored + 1u, data, sizeof(data), 0);
        stored += err == ETSS_SUCCESS;
    }
    CHECK_EQ(err, ETSS_ERR_INSUFFICIENT_STORAGE);
    CHECK(stored >= 10);
    for (uint32_t i = 0; i < 200; i++) {
        uint64_t uid = 1u + i % stored;
        fill(data, sizeof(data), 1000u + i);
        CHECK_EQ(etss_service_set(CLIENT, uid, data, sizeof(data), 0), ETSS_SUCCESS);
    }
    CHECK_EQ(reboot(&d), ETSS_SUCCESS);
    for (uint64_t uid = 1; uid <= stored; uid++) {
        uint32_t last = 0;
        for (uint32_t i = 0; i < 200; i++) {
            last = 1u + i % stored == uid ? 1000u + i : last;
        }
        fill(data, sizeof(data), last != 0u ? last : (uint32_t)uid);
        CHECK_EQ(etss_service_get(CLIENT, uid, 0, got, sizeof(got), &n), ETSS_SUCCESS);
        CHECK_MEM_EQ(got, data, sizeof(data));
    }
    printf("  %lu assets of 2 KiB fill a 64 KiB zone; 200 updates at full\n",
           (unsigned long)stored);
    device_down(&d);
}

/* The part resets under the partition's feet: the next calls reopen their
 * sessions and find everything in place. */
static void TFM_ETSS_TEST_3005(void)
{
    struct device d;
    uint8_t data[100];
    uint8_t got[100];
    size_t n = 0;
    CHECK_EQ(device_up(&d), 0);
    fill(data, sizeof(data), 5);
    CHECK_EQ(etss_service_set(CLIENT, 9, data, sizeof(data), 0), ETSS_SUCCESS);
    for (int i = 0; i < 5; i++) {
        nor_model_power_cycle(d.nor); /* no reboot of the MCU side */
        CHECK_EQ(etss_service_get(CLIENT, 9, 0, got, sizeof(got), &n), ETSS_SUCCESS);
        CHECK_MEM_EQ(got, data, sizeof(data));
        CHECK_EQ(etss_service_mc_increment(CLIENT, ETSS_NS_COUNTER), ETSS_SUCCESS);
    }
    CHECK_EQ(counter_value(), 5);
    device_down(&d);
}

/* Two secure flash parts at once: each client's storage on the part that
 * holds its binding, each part's zones kept apart. */
static void TFM_ETSS_TEST_3006(void)
{
    static const char part_b[] = "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                 "read = encrypted\nwrite = authenticated\n"
                                 "[binding]\nclient = 300\nzone = 0\ncounter = 0\n";
    struct device a;
    struct device b;
    uint8_t msg[512];
    size_t len = 0;
    uint8_t got[16];
    size_t n = 0;
    struct sf_model_config cfg;
    enum nor_model_status st;
    CHECK_EQ(device_up(&a), 0); /* part 0, client -1 */
    sf_model_default_config(&cfg);
    cfg.nor.size_bytes = ETSS_SUITE_PART_BYTES;
    cfg.device_seed = 2;
    b.model = sf_model_create(&cfg, &st);
    CHECK(b.model != NULL);
    b.nor = sf_model_nor(b.model);
    etss_host_set_spi(1, model_spi_bind(&b.bus, b.nor));
    CHECK_EQ(etss_service_init(), ETSS_SUCCESS); /* part 0 provisioned, part 1 blank */
    CHECK_EQ(etss_suite_provisioning_message(part_b, msg, sizeof(msg), &len), 0);
    CHECK_EQ(etss_service_provision(PROVISIONER, msg, len),
             ETSS_SUCCESS); /* goes to the blank one */
    CHECK_EQ(etss_service_set(CLIENT, 5, "on part zero", 12, 0), ETSS_SUCCESS);
    CHECK_EQ(etss_service_set(300, 5, "on part one!", 12, 0), ETSS_SUCCESS);
    CHECK_EQ(etss_service_get(CLIENT, 5, 0, got, sizeof(got), &n), ETSS_SUCCESS);
    CHECK_MEM_EQ(got, "on part zero", 12);
    CHECK_EQ(etss_service_get(300, 5, 0, got, sizeof(got), &n), ETSS_SUCCESS);
    CHECK_MEM_EQ(got, "on part one!", 12);
    /* Both parts were written, and each counts its own client's increment. */
    const struct nor_model_stats *sa = nor_model_stats(a.nor);
    const struct nor_model_stats *sb = nor_model_stats(b.nor);
    CHECK(sa->pages_programmed > 0 && sb->pages_programmed > 0);
    CHECK_EQ(etss_service_mc_increment(300, 0), ETSS_SUCCESS);
    CHECK_EQ(etss_service_mc_increment(CLIENT, ETSS_NS_COUNTER), ETSS_SUCCESS);
    struct sf_model_view va;
    struct sf_model_view vb;
    sf_model_view(a.model, &va);
    sf_model_view(b.model, &vb);
    CHECK_EQ(va.counters[0], 1);
    CHECK_EQ(vb.counters[0], 1);
    etss_host_set_spi(1, NULL);
    sf_model_destroy(b.model);
    device_down(&a);
}

/* A part without counters, TRNG or PUF: those services say so; storage
 * works as ever. */
static void TFM_ETSS_TEST_3007(void)
{
    struct device d;
    uint8_t buf[32];
    size_t n = 0;
    CHECK_EQ(device_up_without(&d, SFP1_FEATURE_COUNTERS | SFP1_FEATURE_TRNG | SFP1_FEATURE_PUF),
             0);
    CHECK_EQ(etss_service_mc_increment(CLIENT, ETSS_NS_COUNTER), ETSS_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_service_mc_get(CLIENT, ETSS_NS_COUNTER, buf, sizeof(buf), &n),
             ETSS_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_service_random(CLIENT, buf, sizeof(buf)), ETSS_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_service_get_puf(CLIENT, buf, sizeof(buf), &n), ETSS_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_service_set(CLIENT, 1, "still stores", 12, 0), ETSS_SUCCESS);
    CHECK_EQ(etss_service_get(CLIENT, 1, 0, buf, sizeof(buf), &n), ETSS_SUCCESS);
    CHECK_MEM_EQ(buf, "still stores", 12);
    device_down(&d);
}

/* A zone its policy makes read-only: writes are not permitted, reads work. */
static void TFM_ETSS_TEST_3008(void)
{
    static const char read_only[] = "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                    "read = authenticated\nwrite = read-only\n"
                                    "[binding]\nclient = -1\nzone = 0\ncounter = 0\n";
    struct device d;
    uint8_t msg[512];
    size_t len = 0;
    uint8_t buf[8];
    size_t n = 0;
    CHECK_EQ(device_up(&d), 0);
    CHECK_EQ(etss_suite_provisioning_message(read_only, msg, sizeof(msg), &len), 0);
    CHECK_EQ(etss_service_provision(PROVISIONER, msg, len),
             ETSS_SUCCESS); /* developer mode: again */
    CHECK_EQ(etss_service_set(CLIENT, 1, "no", 2, 0), ETSS_ERR_NOT_PERMITTED);
    CHECK_EQ(etss_service_remove(CLIENT, 1), ETSS_ERR_NOT_PERMITTED);
    CHECK_EQ(etss_service_get(CLIENT, 1, 0, buf, sizeof(buf), &n), ETSS_ERR_DOES_NOT_EXIST);
    device_down(&d);
}

/* A counters-only RPMC part on the bus of secure flash `instance`, with
 * the board's client -> counter table. */
struct rpmc_part {
    rpmc_model_t *model;
    nor_model_t *nor;
    struct model_spi bus;
};

static int rpmc_up(struct rpmc_part *p, uint8_t instance, const struct sf_binding *bindings,
                   size_t n)
{
    struct rpmc_model_config cfg;
    enum nor_model_status st;
    rpmc_model_default_config(&cfg);
    cfg.nor.size_bytes = ETSS_SUITE_PART_BYTES;
    p->model = rpmc_model_create(&cfg, &st);
    if (p->model == NULL) {
        return -1;
    }
    p->nor = rpmc_model_nor(p->model);
    etss_host_set_spi(instance, model_spi_bind(&p->bus, p->nor));
    etss_host_set_counter_bindings(instance, bindings, n);
    return 0;
}

static void rpmc_down(struct rpmc_part *p, uint8_t instance)
{
    etss_host_set_spi(instance, NULL);
    etss_host_set_counter_bindings(instance, NULL, 0);
    rpmc_model_destroy(p->model);
}

static uint32_t rpmc_counter(const struct rpmc_part *p, uint8_t id)
{
    struct rpmc_model_view view;
    rpmc_model_view(p->model, &view);
    return view.counters[id];
}

/* Two security memories at once: a secure flash for assets, an RPMC part
 * for the counters; the client's counter moves on the RPMC, not on the
 * secure flash. */
static void TFM_ETSS_TEST_3009(void)
{
    static const struct sf_binding counters[] = {{.client_id = CLIENT, .counter = 2}};
    struct device d;
    struct rpmc_part rp;
    uint8_t msg[512];
    size_t len = 0;
    uint8_t got[16];
    size_t n = 0;
    CHECK_EQ(device_up(&d), 0); /* part 0: the secure flash, provisioned */
    CHECK_EQ(rpmc_up(&rp, 1, counters, 1), 0);
    CHECK_EQ(etss_service_init(), ETSS_SUCCESS); /* the RPMC is blank: no root keys */
    /* Until it has them, the client's counters are not served at all: the
     * secure flash's counter must not stand in for the RPMC's. */
    CHECK_EQ(etss_service_mc_increment(CLIENT, ETSS_NS_COUNTER), ETSS_ERR_SF_UNPROVISIONED);
    CHECK_EQ(etss_service_mc_increment(CLIENT, 2), ETSS_ERR_SF_UNPROVISIONED);
    CHECK_EQ(etss_suite_provisioning_message(small_zone, msg, sizeof(msg), &len), 0);
    CHECK_EQ(etss_service_provision(PROVISIONER, msg, len),
             ETSS_SUCCESS); /* writes its root keys */
    CHECK_EQ(etss_service_set(CLIENT, 1, "asset on the sf", 15, 0), ETSS_SUCCESS);
    CHECK_EQ(etss_service_mc_increment(CLIENT, 2), ETSS_SUCCESS);
    CHECK_EQ(etss_service_mc_increment(CLIENT, 2), ETSS_SUCCESS);
    CHECK_EQ(rpmc_counter(&rp, 2), 2);
    struct sf_model_view sf;
    sf_model_view(d.model, &sf);
    CHECK_EQ(sf.counters[ETSS_NS_COUNTER], 0);
    CHECK_EQ(sf.counters[2], 0);
    CHECK_EQ(etss_service_mc_increment(CLIENT, ETSS_NS_COUNTER), ETSS_ERR_NOT_PERMITTED);
    /* Boot again: both parts found, the counter read through the RPMC. */
    nor_model_power_cycle(rp.nor);
    CHECK_EQ(reboot(&d), ETSS_SUCCESS);
    uint8_t b[4] = {0};
    CHECK_EQ(etss_service_mc_get(CLIENT, 2, b, sizeof(b), &n), ETSS_SUCCESS);
    CHECK_EQ(b[0], 2);
    CHECK_EQ(etss_service_get(CLIENT, 1, 0, got, sizeof(got), &n), ETSS_SUCCESS);
    CHECK_MEM_EQ(got, "asset on the sf", 15);
    /* Its root keys are once in a part's life. */
    CHECK_EQ(etss_service_provision(PROVISIONER, msg, len),
             ETSS_SUCCESS); /* the secure flash again */
    rpmc_down(&rp, 1);
    device_down(&d);
}

/* An RPMC part alone: counters work; storage, PUF and random numbers are
 * not supported; a client without a counter binding has nothing. */
static void TFM_ETSS_TEST_3010(void)
{
    static const struct sf_binding counters[] = {{.client_id = CLIENT, .counter = 1}};
    struct rpmc_part rp;
    uint8_t buf[32];
    size_t n = 0;
    uint8_t msg[512];
    size_t len = 0;
    CHECK_EQ(rpmc_up(&rp, 0, counters, 1), 0);
    CHECK_EQ(etss_suite_host_up(huk, sizeof(huk)), 0);
    CHECK_EQ(etss_service_init(), ETSS_ERR_SF_UNPROVISIONED);
    CHECK_EQ(etss_service_mc_increment(CLIENT, 1), ETSS_ERR_SF_UNPROVISIONED);
    CHECK_EQ(etss_suite_provisioning_message(small_zone, msg, sizeof(msg), &len), 0);
    CHECK_EQ(etss_service_provision(PROVISIONER, msg, len), ETSS_SUCCESS);
    CHECK_EQ(etss_service_mc_increment(CLIENT, 1), ETSS_SUCCESS);
    CHECK_EQ(etss_service_mc_get(CLIENT, 1, buf, sizeof(buf), &n), ETSS_SUCCESS);
    CHECK_EQ(n, 4);
    CHECK_EQ(buf[0], 1);
    CHECK_EQ(rpmc_counter(&rp, 1), 1);
    CHECK_EQ(etss_service_set(CLIENT, 1, "x", 1, 0), ETSS_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_service_get(CLIENT, 1, 0, buf, sizeof(buf), &n), ETSS_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_service_get_puf(CLIENT, buf, sizeof(buf), &n), ETSS_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_service_random(CLIENT, buf, sizeof(buf)), ETSS_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_service_mc_increment(ETSS_NS_CLIENT_2, 1), ETSS_ERR_NOT_PERMITTED);
    /* A second provisioning finds every root key written. */
    CHECK_EQ(etss_service_provision(PROVISIONER, msg, len), ETSS_ERR_NOT_PERMITTED);
    rpmc_down(&rp, 0);
}

/* An authentication flash (a part that authenticates but cannot encrypt
 * its traffic): no zone with encrypted reads, assets only if they waive
 * confidentiality, no PUF or random numbers over a bus that would show them. */
static void TFM_ETSS_TEST_3011(void)
{
    static const char authenticated[] = "[zone 0]\nbase = 0\nsize = 0x10000\n"
                                        "read = authenticated\nwrite = authenticated\n"
                                        "[binding]\nclient = -1\nzone = 0\ncounter = 0\n";
    struct sf_model_config cfg;
    enum nor_model_status st;
    struct device d;
    uint8_t msg[512];
    size_t len = 0;
    uint8_t buf[32];
    size_t n = 0;
    sf_model_default_config(&cfg);
    cfg.nor.size_bytes = ETSS_SUITE_PART_BYTES;
    cfg.features = SFP1_FEATURE_ZONES | SFP1_FEATURE_COUNTERS | SFP1_FEATURE_UID |
                   SFP1_FEATURE_AUTHENTICATION | SFP1_FEATURE_TRNG;
    d.model = sf_model_create(&cfg, &st);
    CHECK(d.model != NULL);
    d.nor = sf_model_nor(d.model);
    etss_host_set_spi(0, model_spi_bind(&d.bus, d.nor));
    CHECK_EQ(etss_suite_host_up(huk, sizeof(huk)), 0);
    CHECK_EQ(etss_service_init(), ETSS_ERR_SF_UNPROVISIONED);
    CHECK_EQ(etss_suite_provisioning_message(small_zone, msg, sizeof(msg), &len), 0);
    CHECK_EQ(etss_service_provision(PROVISIONER, msg, len),
             ETSS_ERR_SF_PROVISION); /* encrypted zone */
    CHECK_EQ(etss_suite_provisioning_message(authenticated, msg, sizeof(msg), &len), 0);
    CHECK_EQ(etss_service_provision(PROVISIONER, msg, len), ETSS_SUCCESS);
    CHECK_EQ(etss_service_set(CLIENT, 1, "secret", 6, 0), ETSS_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_service_set(CLIENT, 1, "public", 6, PSA_STORAGE_FLAG_NO_CONFIDENTIALITY),
             ETSS_SUCCESS);
    CHECK_EQ(etss_service_get(CLIENT, 1, 0, buf, sizeof(buf), &n), ETSS_SUCCESS);
    CHECK_MEM_EQ(buf, "public", 6);
    CHECK_EQ(etss_service_mc_increment(CLIENT, 0), ETSS_SUCCESS);
    CHECK_EQ(etss_service_random(CLIENT, buf, sizeof(buf)), ETSS_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_service_get_puf(CLIENT, buf, sizeof(buf), &n), ETSS_ERR_NOT_SUPPORTED);
    /* Its keys travel sealed to its identity like any part's: developer
     * mode provisions it again, and its public asset stays. */
    CHECK_EQ(etss_service_provision(PROVISIONER, msg, len), ETSS_SUCCESS);
    CHECK_EQ(etss_service_get(CLIENT, 1, 0, buf, sizeof(buf), &n), ETSS_SUCCESS);
    CHECK_MEM_EQ(buf, "public", 6);
    device_down(&d);
}

/* A failure says its cause: the channel, or a part that stopped answering */
static void TFM_ETSS_TEST_3012(void)
{
    struct device d;
    struct bus_liar liar;
    uint8_t got[16];
    size_t n = 0;
    CHECK_EQ(device_up(&d), 0);
    CHECK_EQ(etss_service_set(CLIENT, 1, "kept", 4, 0), ETSS_SUCCESS);
    /* Answers that do not authenticate: the channel failed, not the flash. */
    bus_liar_attach(&liar, &d.bus, NULL, 0u);
    liar.garble = true;
    n = 7u;
    CHECK_EQ(etss_service_get(CLIENT, 1, 0, got, sizeof(got), &n), ETSS_ERR_COMMUNICATION_FAILURE);
    CHECK_EQ(n, 0);
    CHECK_EQ(etss_service_set(CLIENT, 2, "new", 3, 0), ETSS_ERR_COMMUNICATION_FAILURE);
    model_spi_set_tap(&d.bus, NULL, NULL);
    CHECK_EQ(etss_service_get(CLIENT, 1, 0, got, sizeof(got), &n), ETSS_SUCCESS);
    CHECK_EQ(n, 4);
    CHECK_MEM_EQ(got, "kept", 4);
    /* The failed set either happened whole or not at all. */
    etss_err_t err = etss_service_get(CLIENT, 2, 0, got, sizeof(got), &n);
    CHECK(err == ETSS_ERR_DOES_NOT_EXIST || (err == ETSS_SUCCESS && n == 3u));
    /* A part with its power gone: it answers nothing. */
    nor_model_power_cut(d.nor, 3012u);
    CHECK_EQ(etss_service_get(CLIENT, 1, 0, got, sizeof(got), &n), ETSS_ERR_COMMUNICATION_FAILURE);
    nor_model_power_cycle(d.nor);
    CHECK_EQ(etss_service_get(CLIENT, 1, 0, got, sizeof(got), &n), ETSS_SUCCESS);
    CHECK_MEM_EQ(got, "kept", 4);
    device_down(&d);
}

static const struct test_case cases[] = {
    TEST_CASE_DESC(TFM_ETSS_TEST_3001,
                   "Power cut at every program, erase and NV write of a workload; reboot; "
                   "every asset old or new, counters monotonic"),
    TEST_CASE_DESC(TFM_ETSS_TEST_3002, "Bit flips on array reads never give wrong data"),
    TEST_CASE_DESC(TFM_ETSS_TEST_3003, "Wear spread and cost of repeated 1 KiB updates"),
    TEST_CASE_DESC(TFM_ETSS_TEST_3004, "Full zone, then churn"),
    TEST_CASE_DESC(TFM_ETSS_TEST_3005, "Device resets between calls"),
    TEST_CASE_DESC(TFM_ETSS_TEST_3006, "Two secure flash parts at once"),
    TEST_CASE_DESC(TFM_ETSS_TEST_3007, "A part without counters, TRNG or PUF"),
    TEST_CASE_DESC(TFM_ETSS_TEST_3008, "A read-only zone refuses writes"),
    TEST_CASE_DESC(TFM_ETSS_TEST_3009, "A secure flash for assets and an RPMC part for counters"),
    TEST_CASE_DESC(TFM_ETSS_TEST_3010, "An RPMC part alone: the service matrix"),
    TEST_CASE_DESC(TFM_ETSS_TEST_3011, "An authentication flash: the service matrix"),
    TEST_CASE_DESC(TFM_ETSS_TEST_3012,
                   "A failure says its cause: the channel, or a part that stopped answering"),
};

int main(void)
{
    return test_run(NULL, cases, sizeof(cases) / sizeof(cases[0]));
}
