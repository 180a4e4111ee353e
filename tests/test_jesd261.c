/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The JESD261-style HAL binding: the same requests give the same bus
 * traffic and results as the direct SFP1 binding; the HAL calls refuse
 * bad arguments before the bus; hostile responses and impersonated
 * session set-ups fail safely; secure copy and region management work.
 */
#include <string.h>

#include "jesd261_binding.h"
#include "jesd261_hal.h"
#include "sf_rig.h"
#include "sfp1_host.h"
#include "sfp1_protocol.h"
#include "test_harness.h"
#include "sf_device_testing.h"

#define CLIENT (-1) /* zone 0 (encrypted) in sf_rig_default_config */
#define ZONE0 0u
#define GUARD 0x5Au

/* ---- a tap that records what each transaction looks like ---- */

#define MAX_TRANSACTIONS 4096u

struct transaction {
    uint8_t opcode;
    uint8_t header[SFP1_HEADER_LEN]; /* a SECURE_WRITE frame's header */
    size_t to_device;
    size_t from_device;
};

struct trace {
    struct transaction t[MAX_TRANSACTIONS];
    size_t n;
    bool overflow;
    /* Hostile: add `grow` to the length field of SECURE_READ response
     * number `grow_read` (1-based). */
    unsigned grow_read;
    unsigned secure_reads;
    uint8_t grow;
};

static void trace_select(void *ctx)
{
    struct trace *tr = ctx;
    if (tr->n == MAX_TRANSACTIONS) {
        tr->overflow = true;
        return;
    }
    memset(&tr->t[tr->n++], 0, sizeof(tr->t[0]));
}

/* The tap's signature lets it rewrite; this one only records. */
// cppcheck-suppress constParameter
static void trace_to_device(void *ctx, uint8_t *b, size_t n)
{
    struct trace *tr = ctx;
    struct transaction *t = &tr->t[tr->n - 1u];
    for (size_t i = 0; i < n; i++, t->to_device++) {
        if (t->to_device == 0u) {
            t->opcode = b[i];
            tr->secure_reads += b[i] == SFP1_OP_SECURE_READ ? 1u : 0u;
        } else if (t->opcode == SFP1_OP_SECURE_WRITE && t->to_device <= SFP1_HEADER_LEN) {
            t->header[t->to_device - 1u] = b[i];
        }
    }
}

static void trace_from_device(void *ctx, uint8_t *b, size_t n)
{
    struct trace *tr = ctx;
    struct transaction *t = &tr->t[tr->n - 1u];
    for (size_t i = 0; i < n; i++, t->from_device++) {
        /* The response header's length field (bytes 8-9, LE) of a read at offset 0. */
        if (t->opcode == SFP1_OP_SECURE_READ && tr->secure_reads == tr->grow_read &&
            t->from_device == SFP1_OFF_LENGTH) {
            b[i] = (uint8_t)(b[i] + tr->grow);
        }
    }
}

static const struct model_spi_tap trace_tap = {
    .on_select = trace_select,
    .host_to_device = trace_to_device,
    .device_to_host = trace_from_device,
};

/* A rig bound through `vendor`, provisioned with the default config. */
static void rig_with(struct sf_rig *r, const struct sf_vendor_ops *vendor, struct trace *tr)
{
    CHECK_EQ(sf_rig_open(r, NULL, 1), SF_OK);
    CHECK_EQ(sf_rig_attach_with(r, 1, vendor), SF_OK);
    CHECK(r->dev.vendor == vendor);
    if (tr != NULL) {
        memset(tr, 0, sizeof(*tr));
        model_spi_set_tap(&r->bus, &trace_tap, tr);
    }
    CHECK_EQ(sf_rig_provision(r, sf_rig_default_config), SF_OK);
}

/* What a workload answered, apart from the random bytes. */
struct answers {
    int rc[16];
    uint8_t data[600];
    uint32_t counters[3];
    uint8_t puf[32];
    uint8_t uid[16];
    struct sf_info info;
};

static uint8_t pattern[600];

static void workload(struct sf_rig *r, struct answers *a)
{
    const uint8_t *data = pattern;
    uint8_t random[64];
    uint8_t blank[16];
    size_t n = 0;
    int i = 0;
    for (size_t k = 0; k < sizeof(pattern); k++) {
        pattern[k] = (uint8_t)(k * 7u + 3u);
    }
    memset(a, 0, sizeof(*a));
    a->rc[i++] = sf_api_erase(&r->dev, CLIENT, 0x1000u);
    /* In the HAL's chunks (pages): a direct binding programs and reads up
     * to SFP1_MAX_PROGRAM / SFP1_MAX_READ at once
     * (test_the_direct_binding_moves_a_record_in_one_exchange). */
    int rc = SF_OK;
    for (size_t at = 0; at < sizeof(pattern) && rc == SF_OK; at += JESD261_MAX_DATA) {
        size_t n_chunk =
            sizeof(pattern) - at < JESD261_MAX_DATA ? sizeof(pattern) - at : JESD261_MAX_DATA;
        rc = sf_api_program(&r->dev, CLIENT, 0x1000u + (uint32_t)at, &data[at], n_chunk);
    }
    a->rc[i++] = rc;
    for (size_t at = 0; at < sizeof(a->data) && rc == SF_OK; at += JESD261_MAX_DATA) {
        size_t n_chunk =
            sizeof(a->data) - at < JESD261_MAX_DATA ? sizeof(a->data) - at : JESD261_MAX_DATA;
        rc = sf_api_read(&r->dev, CLIENT, 0x1000u + (uint32_t)at, &a->data[at], n_chunk);
    }
    a->rc[i++] = rc;
    a->rc[i++] = sf_api_counter_increment(&r->dev, CLIENT, &a->counters[0]);
    a->rc[i++] = sf_api_counter_increment(&r->dev, CLIENT, &a->counters[1]);
    a->rc[i++] = sf_api_counter_read(&r->dev, CLIENT, &a->counters[2]);
    a->rc[i++] = sf_api_random(&r->dev, CLIENT, random, sizeof(random));
    a->rc[i++] =
        sf_api_puf(&r->dev, CLIENT, (const uint8_t *)"challenge", 9u, a->puf, sizeof(a->puf), &n);
    a->rc[i++] = sf_api_uid(&r->dev, CLIENT, a->uid, sizeof(a->uid), &n);
    a->rc[i++] = sf_api_read(&r->dev, -3, 0u, blank, sizeof(blank)); /* zone 2: a new session */
    a->rc[i++] = sf_api_program(&r->dev, -3, 0u, data, 16u);         /* refused by the part */
    a->rc[i++] = sf_rig_provision(r, sf_rig_default_config);         /* again: sealed, zone 0 */
    a->rc[i++] = sf_api_lock(&r->dev);
    a->rc[i++] = sf_rig_provision(r, sf_rig_default_config); /* locked: refused */
    a->info = r->dev.info;
}

static void test_both_bindings_give_the_same_traffic_and_answers(void)
{
    static struct sf_rig direct;
    static struct sf_rig hal;
    static struct trace direct_trace;
    static struct trace hal_trace;
    static struct answers direct_answers;
    static struct answers hal_answers;
    CHECK_HELPER(rig_with(&direct, &sfp1_vendor_ops, &direct_trace));
    CHECK_HELPER(rig_with(&hal, &jesd261_vendor_ops, &hal_trace));
    CHECK_HELPER(workload(&direct, &direct_answers));
    CHECK_HELPER(workload(&hal, &hal_answers));

    CHECK_MEM_EQ(direct_answers.rc, hal_answers.rc, sizeof(direct_answers.rc));
    CHECK_EQ(direct_answers.rc[0], SF_OK);
    CHECK_EQ(direct_answers.rc[2], SF_OK);
    CHECK_MEM_EQ(direct_answers.data, pattern, sizeof(pattern));
    CHECK_MEM_EQ(hal_answers.data, pattern, sizeof(pattern));
    CHECK_EQ(direct_answers.rc[10], SF_ERR_DENIED);
    CHECK_EQ(direct_answers.rc[12], SF_OK);
    CHECK_EQ(direct_answers.rc[13], SF_ERR_LIFECYCLE);
    CHECK_MEM_EQ(&direct_answers.counters, &hal_answers.counters, sizeof(hal_answers.counters));
    CHECK_EQ(hal_answers.counters[1], hal_answers.counters[0] + 1u);
    CHECK_MEM_EQ(direct_answers.puf, hal_answers.puf, sizeof(hal_answers.puf));
    CHECK_MEM_EQ(direct_answers.uid, hal_answers.uid, sizeof(hal_answers.uid));
    CHECK_MEM_EQ(&direct_answers.info, &hal_answers.info, sizeof(hal_answers.info));

    /* Transaction for transaction: same opcode, same lengths, same frame
     * header (type, session, flags, sequence, length). Only the nonces,
     * ciphertexts and tags differ. */
    CHECK(!direct_trace.overflow);
    CHECK_EQ(direct_trace.n, hal_trace.n);
    CHECK(direct_trace.n > 100u);
    for (size_t i = 0; i < direct_trace.n; i++) {
        const struct transaction *d = &direct_trace.t[i];
        const struct transaction *h = &hal_trace.t[i];
        CHECK_EQ(d->opcode, h->opcode);
        CHECK_EQ(d->to_device, h->to_device);
        CHECK_EQ(d->from_device, h->from_device);
        CHECK_MEM_EQ(d->header, h->header, sizeof(d->header));
    }
    const struct nor_model_stats *ds = nor_model_stats(direct.nor);
    const struct nor_model_stats *hs = nor_model_stats(hal.nor);
    CHECK_EQ(ds->device_time_ns, hs->device_time_ns);
    CHECK_EQ(ds->bytes_to_device, hs->bytes_to_device);
    CHECK_EQ(ds->bytes_from_device, hs->bytes_from_device);
    CHECK_EQ(ds->pages_programmed, hs->pages_programmed);
    CHECK_EQ(ds->sectors_erased, hs->sectors_erased);
    CHECK_EQ(ds->nv_writes, hs->nv_writes);
    sf_rig_close(&direct);
    sf_rig_close(&hal);
}

/* Requests sent (SECURE_WRITE transactions) since transaction `from`. */
static size_t secure_writes(const struct trace *t, size_t from)
{
    size_t n = 0;
    for (size_t i = from; i < t->n; i++) {
        n += t->t[i].opcode == SFP1_OP_SECURE_WRITE ? 1u : 0u;
    }
    return n;
}

/* One request per binding's largest chunk: the direct binding programs and
 * reads a 1 KiB record with its header in one exchange each (one AEAD pass
 * each way), the HAL in JESD261_MAX_DATA pieces (a page each); both store
 * and read the same bytes at the same device cost in pages. */
static void test_the_direct_binding_moves_a_record_in_one_exchange(void)
{
    static struct sf_rig direct;
    static struct sf_rig hal;
    static struct trace direct_trace;
    static struct trace hal_trace;
    static uint8_t data[1056];
    static uint8_t back[2][sizeof(data)];
    for (size_t k = 0; k < sizeof(data); k++) {
        data[k] = (uint8_t)(k * 13u + 1u);
    }
    CHECK_HELPER(rig_with(&direct, &sfp1_vendor_ops, &direct_trace));
    CHECK_HELPER(rig_with(&hal, &jesd261_vendor_ops, &hal_trace));
    struct sf_rig *rigs[2] = {&direct, &hal};
    struct trace *traces[2] = {&direct_trace, &hal_trace};
    size_t programs[2];
    size_t reads[2];
    uint64_t pages[2];
    for (int b = 0; b < 2; b++) {
        CHECK_EQ(sf_api_erase(&rigs[b]->dev, CLIENT, 0x2000u), SF_OK);
        uint64_t pages_before = nor_model_stats(rigs[b]->nor)->pages_programmed;
        size_t before = traces[b]->n;
        CHECK_EQ(sf_api_program(&rigs[b]->dev, CLIENT, 0x2010u, data, sizeof(data)), SF_OK);
        programs[b] = secure_writes(traces[b], before);
        pages[b] = nor_model_stats(rigs[b]->nor)->pages_programmed - pages_before;
        before = traces[b]->n;
        CHECK_EQ(sf_api_read(&rigs[b]->dev, CLIENT, 0x2010u, back[b], sizeof(data)), SF_OK);
        reads[b] = secure_writes(traces[b], before);
        CHECK_MEM_EQ(back[b], data, sizeof(data));
        CHECK(!traces[b]->overflow);
    }
    /* 1056 bytes from 16 into a page touch 5 pages: the HAL sends a
     * request per page, the direct binding one for all. */
    CHECK_EQ(programs[0], 1u);
    CHECK_EQ(programs[1], 5u);
    CHECK_EQ(pages[0], 5u);
    CHECK_EQ(pages[1], 5u);
    CHECK_EQ(reads[0], 1u);
    CHECK_EQ(reads[1], 5u);
    sf_rig_close(&direct);
    sf_rig_close(&hal);
}

/* The device as the HAL (a vendor binding) sees it. */
static struct sf_vendor_ctx *hal_view(struct sf_rig *r)
{
    return sf_device_vendor_view(&r->dev);
}

/* An open session on zone 0 through the HAL. */
static void hal_session(struct sf_rig *r, struct sf_session *s)
{
    uint8_t key[32];
    sf_key_t root = SF_KEY_NONE;
    CHECK_EQ(sf_device_root_key_bytes(&r->dev, ZONE0, r->dev.part.salt, key), SF_OK);
    CHECK_EQ(sf_crypto_import(SF_KEY_HKDF_SECRET, key, sizeof(key), &root), SF_OK);
    sf_crypto_zeroize(key, sizeof(key));
    int rc = jesd261_create_session(hal_view(r), s, ZONE0, root);
    sf_crypto_destroy(&root);
    CHECK_EQ(rc, SF_OK);
    CHECK(s->open);
    /* The binding's own read of the zone's policy (encrypted reads). */
    CHECK_EQ(jesd261_get_region_info(hal_view(r), s, &r->dev.info), SF_OK);
    r->dev.info_authentic = true;
}

static void test_bad_arguments_never_reach_the_bus(void)
{
    static struct sf_rig r;
    struct sf_session s;
    struct sf_session none;
    uint8_t buf[JESD261_MAX_DATA + 1u];
    size_t n = 99;
    uint32_t value = 0;
    CHECK_HELPER(rig_with(&r, &jesd261_vendor_ops, NULL));
    CHECK_HELPER(hal_session(&r, &s));
    memset(&none, 0, sizeof(none));
    uint64_t before = nor_model_stats(r.nor)->transactions;
    CHECK_EQ(jesd261_secure_read(hal_view(&r), &s, 0u, NULL, 16u), SF_ERR_PARAM);
    CHECK_EQ(jesd261_secure_read(hal_view(&r), &s, 0u, buf, 0u), SF_ERR_PARAM);
    CHECK_EQ(jesd261_secure_read(hal_view(&r), &s, 0u, buf, sizeof(buf)), SF_ERR_PARAM);
    CHECK_EQ(jesd261_secure_read(hal_view(&r), NULL, 0u, buf, 16u), SF_ERR_PARAM);
    CHECK_EQ(jesd261_secure_read(NULL, &s, 0u, buf, 16u), SF_ERR_PARAM);
    CHECK_EQ(jesd261_secure_program(hal_view(&r), &s, 0u, NULL, 16u), SF_ERR_PARAM);
    CHECK_EQ(jesd261_secure_program(hal_view(&r), &s, 0u, buf, sizeof(buf)), SF_ERR_PARAM);
    CHECK_EQ(jesd261_secure_erase(hal_view(&r), NULL, 0u), SF_ERR_PARAM);
    CHECK_EQ(jesd261_secure_copy(hal_view(&r), &s, 0x1000u, 0x1800u, 0x1000u), SF_ERR_PARAM);
    CHECK_EQ(jesd261_secure_copy(hal_view(&r), &s, 0x1000u, 0x2000u, 0u), SF_ERR_PARAM);
    CHECK_EQ(jesd261_secure_copy(hal_view(&r), &s, 0xFFFFFFF0u, 0u, 0x20u), SF_ERR_PARAM);
    CHECK_EQ(jesd261_counter(hal_view(&r), &s, true, 0u, NULL), SF_ERR_PARAM);
    CHECK_EQ(jesd261_random(hal_view(&r), &s, buf, 0u), SF_ERR_PARAM);
    CHECK_EQ(jesd261_random(hal_view(&r), &s, buf, sizeof(buf)), SF_ERR_PARAM);
    CHECK_EQ(jesd261_puf(hal_view(&r), &s, buf, 65u, buf, 32u, &n), SF_ERR_PARAM);
    CHECK_EQ(jesd261_puf(hal_view(&r), &s, buf, 8u, buf, 31u, &n), SF_ERR_PARAM);
    CHECK_EQ(n, 0u);
    CHECK_EQ(jesd261_uid(hal_view(&r), &s, buf, 15u, &n), SF_ERR_PARAM);
    CHECK_EQ(jesd261_get_region_info(hal_view(&r), NULL, NULL), SF_ERR_PARAM);
    CHECK_EQ(jesd261_manage_region(hal_view(&r), NULL, JESD261_REGIONS_LOCK, NULL, 0u),
             SF_ERR_PARAM);
    CHECK_EQ(jesd261_manage_region(hal_view(&r), &s, JESD261_REGIONS_PROVISION, buf, 8u),
             SF_ERR_PARAM);
    CHECK_EQ(jesd261_manage_region(hal_view(&r), &s, JESD261_REGIONS_REPROVISION, NULL, 8u),
             SF_ERR_PARAM);
    CHECK_EQ(jesd261_manage_region(hal_view(&r), &s, JESD261_REGIONS_LOCK, buf, 8u), SF_ERR_PARAM);
    CHECK_EQ(jesd261_manage_region(hal_view(&r), &s, (enum jesd261_region_action)7, NULL, 0u),
             SF_ERR_PARAM);
    CHECK_EQ(jesd261_create_session(hal_view(&r), &none, ZONE0, SF_KEY_NONE), SF_ERR_PARAM);
    CHECK_EQ(nor_model_stats(r.nor)->transactions, before);
    /* The session is still good, and a closed one is reported as gone. */
    CHECK_EQ(jesd261_counter(hal_view(&r), &s, false, 0u, &value), SF_OK);
    CHECK_EQ(jesd261_secure_read(hal_view(&r), &none, 0u, buf, 16u), SF_ERR_COMM);
    CHECK_EQ(jesd261_terminate_session(hal_view(&r), &s), SF_OK);
    CHECK(!s.open);
    sf_rig_close(&r);
}

static void test_secure_copy_within_a_session(void)
{
    static struct sf_rig r;
    struct sf_session s;
    static uint8_t data[700];
    static uint8_t back[700];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i ^ 0xA5u);
    }
    CHECK_HELPER(rig_with(&r, &jesd261_vendor_ops, NULL));
    CHECK_HELPER(hal_session(&r, &s));
    CHECK_EQ(jesd261_secure_erase(hal_view(&r), &s, 0x3000u), SF_OK);
    CHECK_EQ(jesd261_secure_erase(hal_view(&r), &s, 0x5000u), SF_OK);
    for (size_t done = 0; done < sizeof(data); done += JESD261_MAX_DATA) {
        size_t n = sizeof(data) - done < JESD261_MAX_DATA ? sizeof(data) - done : JESD261_MAX_DATA;
        CHECK_EQ(jesd261_secure_program(hal_view(&r), &s, 0x3000u + (uint32_t)done, &data[done], n),
                 SF_OK);
    }
    CHECK_EQ(jesd261_secure_copy(hal_view(&r), &s, 0x3000u, 0x5000u, sizeof(data)), SF_OK);
    for (size_t done = 0; done < sizeof(back); done += JESD261_MAX_DATA) {
        size_t n = sizeof(back) - done < JESD261_MAX_DATA ? sizeof(back) - done : JESD261_MAX_DATA;
        CHECK_EQ(jesd261_secure_read(hal_view(&r), &s, 0x5000u + (uint32_t)done, &back[done], n),
                 SF_OK);
    }
    CHECK_MEM_EQ(back, data, sizeof(data));
    /* Outside the session's region: the part refuses, nothing is copied. */
    CHECK_EQ(jesd261_secure_copy(hal_view(&r), &s, 0x3000u, 0x100000u, 16u), SF_ERR_DENIED);
    sf_rig_close(&r);
}

static void test_hostile_response_never_writes_past_the_callers_array(void)
{
    static struct sf_rig r;
    static struct trace tr;
    struct sf_session s;
    uint8_t buf[64];
    CHECK_HELPER(rig_with(&r, &jesd261_vendor_ops, NULL));
    CHECK_HELPER(hal_session(&r, &s));
    memset(&tr, 0, sizeof(tr));
    model_spi_set_tap(&r.bus, &trace_tap, &tr);
    /* The response to a 16-byte read claims 16 + 32 bytes. */
    for (uint8_t grow = 1u; grow <= 32u; grow = (uint8_t)(grow * 2u)) {
        memset(buf, GUARD, sizeof(buf));
        tr.grow = grow;
        tr.grow_read = tr.secure_reads + 1u;
        CHECK_EQ(jesd261_secure_read(hal_view(&r), &s, 0x1000u, buf, 16u), SF_ERR_COMM);
        for (size_t i = 16u; i < sizeof(buf); i++) {
            CHECK_EQ(buf[i], GUARD);
        }
        CHECK(!s.open); /* a desynchronised session is never used again */
        tr.grow_read = 0u;
        CHECK_HELPER(hal_session(&r, &s));
    }
    model_spi_set_tap(&r.bus, NULL, NULL);
    sf_rig_close(&r);
}

static void test_session_needs_the_regions_key_both_ways(void)
{
    static struct sf_rig r;
    struct sf_session s;
    uint8_t wrong[32];
    sf_key_t root = SF_KEY_NONE;
    CHECK_HELPER(rig_with(&r, &jesd261_vendor_ops, NULL));
    /* A host with another key for zone 0: the part's proof does not check. */
    memset(wrong, 0x42, sizeof(wrong));
    CHECK_EQ(sf_crypto_import(SF_KEY_HKDF_SECRET, wrong, sizeof(wrong), &root), SF_OK);
    CHECK_EQ(jesd261_create_session(hal_view(&r), &s, ZONE0, root), SF_ERR_COMM);
    sf_crypto_destroy(&root);
    CHECK(!s.open);
    CHECK_EQ(s.command_key, SF_KEY_NONE);
    /* The host never confirmed that session: no command goes through it. */
    uint8_t buf[16];
    CHECK_EQ(jesd261_secure_read(hal_view(&r), &s, 0u, buf, sizeof(buf)), SF_ERR_COMM);
    /* With the right key, both ends prove it and the session works. */
    CHECK_HELPER(hal_session(&r, &s));
    CHECK_EQ(jesd261_secure_read(hal_view(&r), &s, 0u, buf, sizeof(buf)), SF_OK);
    sf_rig_close(&r);
}

static void test_region_management(void)
{
    static struct sf_rig r;
    struct sf_session s;
    struct sf_info plain;
    struct sf_info authentic;
    CHECK_HELPER(rig_with(&r, &jesd261_vendor_ops, NULL));
    CHECK_HELPER(hal_session(&r, &s));
    CHECK_EQ(jesd261_get_region_info(hal_view(&r), NULL, &plain), SF_OK);
    CHECK_EQ(jesd261_get_region_info(hal_view(&r), &s, &authentic), SF_OK);
    CHECK_EQ(plain.n_zones, 3u);
    CHECK_EQ(authentic.n_zones, 3u);
    CHECK_EQ(authentic.lifecycle, SF_LIFECYCLE_PROVISIONED);
    CHECK_EQ(jesd261_manage_region(hal_view(&r), &s, JESD261_REGIONS_LOCK, NULL, 0u), SF_OK);
    CHECK_EQ(jesd261_get_region_info(hal_view(&r), NULL, &plain), SF_OK);
    CHECK_EQ(plain.lifecycle, SF_LIFECYCLE_LOCKED);
    /* A locked part takes no record, in clear or sealed. */
    uint8_t record[8] = "ESFP";
    CHECK_EQ(jesd261_manage_region(hal_view(&r), NULL, JESD261_REGIONS_PROVISION, record,
                                   sizeof(record)),
             SF_ERR_LIFECYCLE);
    sf_rig_close(&r);
}

static void test_no_vendor_no_device(void)
{
    static struct sf_rig r;
    struct sf_device dev;
    nor_model_t *nor = NULL;
    struct nor_model_config cfg;
    enum nor_model_status st;
    struct model_spi bus;
    nor_model_default_config(&cfg);
    nor = nor_model_create(&cfg, &st);
    CHECK(nor != NULL);
    CHECK_HELPER(rig_with(&r, &jesd261_vendor_ops, NULL)); /* for its HUK */
    /* A plain NOR part: no vendor's sub-steps recognise it. */
    CHECK_EQ(sf_device_init_with(&dev, model_spi_bind(&bus, nor), r.huk, 0u, &jesd261_vendor_ops),
             SF_ERR_NO_DEVICE);
    /* After uninit, the HAL refuses to run anything on the part. */
    struct sf_info info;
    jesd261_secure_uninit(hal_view(&r));
    CHECK_EQ(jesd261_get_region_info(hal_view(&r), NULL, &info), SF_ERR_NO_DEVICE);
    nor_model_destroy(nor);
    sf_rig_close(&r);
}

static void test_the_build_setting_picks_the_binding(void)
{
    static struct sf_rig r;
    CHECK_EQ(sf_rig_open(&r, NULL, 1), SF_OK);
#ifdef ETSS_SFP1_VIA_JESD261
    CHECK(r.dev.vendor == &jesd261_vendor_ops);
#else
    CHECK(r.dev.vendor == &sfp1_vendor_ops);
#endif
    sf_rig_close(&r);
}

static const struct test_case cases[] = {
    TEST_CASE(test_both_bindings_give_the_same_traffic_and_answers),
    TEST_CASE(test_the_direct_binding_moves_a_record_in_one_exchange),
    TEST_CASE(test_bad_arguments_never_reach_the_bus),
    TEST_CASE(test_secure_copy_within_a_session),
    TEST_CASE(test_hostile_response_never_writes_past_the_callers_array),
    TEST_CASE(test_session_needs_the_regions_key_both_ways),
    TEST_CASE(test_region_management),
    TEST_CASE(test_no_vendor_no_device),
    TEST_CASE(test_the_build_setting_picks_the_binding),
};

TEST_MAIN("jesd261", cases)
