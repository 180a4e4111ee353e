/* SPDX-License-Identifier: BSD-3-Clause */
/* The raw NOR driver against the device model. */
#include <stdio.h>

#include "devmodel/model_spi.h"
#include "nor_flash.h"
#include "spi_nor_defs.h"
#include "test_harness.h"

struct rig {
    nor_model_t *model;
    struct model_spi bus;
    struct nor_flash flash;
};

static int rig_open_config(struct rig *r, const struct nor_model_config *cfg)
{
    enum nor_model_status st;
    r->model = nor_model_create(cfg, &st);
    if (r->model == NULL) {
        return -100;
    }
    return etss_nor_init(&r->flash, model_spi_bind(&r->bus, r->model));
}

static int rig_open(struct rig *r)
{
    struct nor_model_config cfg;
    nor_model_default_config(&cfg);
    return rig_open_config(r, &cfg);
}

static void rig_close(struct rig *r)
{
    nor_model_destroy(r->model);
}

static void fill(uint8_t *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (uint8_t)((i * 31u + seed) ^ (i >> 8));
    }
}

static void test_init_discovers_geometry(void)
{
    struct rig r;
    CHECK_EQ(rig_open(&r), SF_OK);
    CHECK_EQ(r.flash.jedec_id[0], 0xC2);
    CHECK_EQ(r.flash.geo.size_bytes, 16u << 20);
    CHECK_EQ(r.flash.geo.page_size, 256);
    CHECK_EQ(r.flash.geo.n_erase_types, 3);
    rig_close(&r);
}

static void test_write_read_across_pages(void)
{
    struct rig r;
    static uint8_t data[1000];
    static uint8_t got[1000];
    CHECK_EQ(rig_open(&r), SF_OK);
    fill(data, sizeof(data), 3);
    CHECK_EQ(etss_nor_program(&r.flash, 0x12345, data, sizeof(data)), SF_OK);
    CHECK_EQ(etss_nor_read(&r.flash, 0x12345, got, sizeof(got)), SF_OK);
    CHECK_MEM_EQ(got, data, sizeof(data));
    /* 0x12345..0x1272C touches pages 0x123, 0x124, 0x125, 0x126, 0x127. */
    CHECK_EQ(nor_model_stats(r.model)->pages_programmed, 5);
    CHECK_EQ(etss_nor_read(&r.flash, 0x12344, got, 1), SF_OK);
    CHECK_EQ(got[0], 0xFF);
    rig_close(&r);
}

static void test_program_ands_bits(void)
{
    struct rig r;
    uint8_t a = 0xF0;
    uint8_t b = 0x3C;
    uint8_t got;
    CHECK_EQ(rig_open(&r), SF_OK);
    CHECK_EQ(etss_nor_program(&r.flash, 77, &a, 1), SF_OK);
    CHECK_EQ(etss_nor_program(&r.flash, 77, &b, 1), SF_OK);
    CHECK_EQ(etss_nor_read(&r.flash, 77, &got, 1), SF_OK);
    CHECK_EQ(got, 0x30);
    rig_close(&r);
}

static void test_erase_picks_largest_blocks(void)
{
    struct rig r;
    uint8_t zero = 0;
    uint8_t got;
    CHECK_EQ(rig_open(&r), SF_OK);
    CHECK_EQ(etss_nor_program(&r.flash, 0x1000, &zero, 1), SF_OK);
    CHECK_EQ(etss_nor_program(&r.flash, 0x2F000, &zero, 1), SF_OK);
    CHECK_EQ(etss_nor_program(&r.flash, 0x30000, &zero, 1), SF_OK);
    const struct nor_model_stats *st = nor_model_stats(r.model);
    /* 0x1000..0x30000: 7 x 4K to 0x8000, 32K to 0x10000, 2 x 64K. */
    CHECK_EQ(etss_nor_erase(&r.flash, 0x1000, 0x2F000), SF_OK);
    CHECK_EQ(st->commands[SPI_NOR_OP_SE], 7);
    CHECK_EQ(st->commands[SPI_NOR_OP_BE32K], 1);
    CHECK_EQ(st->commands[SPI_NOR_OP_BE], 2);
    CHECK_EQ(st->sectors_erased, 0x2F);
    CHECK_EQ(etss_nor_read(&r.flash, 0x1000, &got, 1), SF_OK);
    CHECK_EQ(got, 0xFF);
    CHECK_EQ(etss_nor_read(&r.flash, 0x2F000, &got, 1), SF_OK);
    CHECK_EQ(got, 0xFF);
    CHECK_EQ(etss_nor_read(&r.flash, 0x30000, &got, 1), SF_OK);
    CHECK_EQ(got, 0x00); /* just past the range: untouched */
    rig_close(&r);
}

static void test_bad_arguments_change_nothing(void)
{
    struct rig r;
    uint8_t buf[16] = {0};
    CHECK_EQ(rig_open(&r), SF_OK);
    uint64_t ops = nor_model_operation_count(r.model);
    CHECK_EQ(etss_nor_erase(&r.flash, 0x1001, 4096), SF_ERR_ALIGNMENT);
    CHECK_EQ(etss_nor_erase(&r.flash, 0x1000, 100), SF_ERR_ALIGNMENT);
    CHECK_EQ(etss_nor_erase(&r.flash, 0xFFF000, 0x2000), SF_ERR_RANGE);
    CHECK_EQ(etss_nor_program(&r.flash, 0xFFFFF8, buf, 16), SF_ERR_RANGE);
    CHECK_EQ(etss_nor_program(&r.flash, 0xFFFFFFF0u, buf, 32), SF_ERR_RANGE);
    CHECK_EQ(etss_nor_read(&r.flash, 0x1000000, buf, 1), SF_ERR_RANGE);
    CHECK_EQ(etss_nor_read(&r.flash, 0, NULL, 1), SF_ERR_PARAM);
    CHECK_EQ(etss_nor_program(&r.flash, 0, NULL, 1), SF_ERR_PARAM);
    CHECK_EQ(etss_nor_read(NULL, 0, buf, 1), SF_ERR_PARAM);
    CHECK_EQ(etss_nor_read(&r.flash, 0, buf, 0), SF_OK);
    CHECK_EQ(etss_nor_read_status(&r.flash, NULL), SF_ERR_PARAM);
    CHECK_EQ(etss_nor_init(NULL, NULL), SF_ERR_PARAM);
    CHECK_EQ(nor_model_operation_count(r.model), ops);
    struct nor_flash blank;
    memset(&blank, 0, sizeof(blank));
    CHECK_EQ(etss_nor_read(&blank, 0, buf, 1), SF_ERR_NOT_INITIALIZED);
    CHECK(sf_strerror(SF_ERR_RANGE)[0] != '\0');
    rig_close(&r);
}

static void test_worn_sector_reports_failure(void)
{
    struct rig r;
    struct nor_model_config cfg;
    uint8_t zero = 0;
    nor_model_default_config(&cfg);
    cfg.endurance_cycles = 3;
    CHECK_EQ(rig_open_config(&r, &cfg), SF_OK);
    for (int i = 0; i < 3; i++) {
        CHECK_EQ(etss_nor_erase(&r.flash, 0x8000, 4096), SF_OK);
    }
    CHECK_EQ(etss_nor_erase(&r.flash, 0x8000, 4096), SF_ERR_FLASH);
    CHECK_EQ(etss_nor_program(&r.flash, 0x8000, &zero, 1), SF_ERR_FLASH);
    /* The flags were cleared: a healthy sector works at once. */
    CHECK_EQ(etss_nor_program(&r.flash, 0x9000, &zero, 1), SF_OK);
    CHECK_EQ(etss_nor_erase(&r.flash, 0x9000, 4096), SF_OK);
    rig_close(&r);
}

static void test_dead_part_times_out(void)
{
    struct rig r;
    uint8_t zero = 0;
    CHECK_EQ(rig_open(&r), SF_OK);
    nor_model_power_cut(r.model, 1);
    CHECK_EQ(etss_nor_program(&r.flash, 0, &zero, 1), SF_ERR_TIMEOUT); /* MISO floats: WIP */
    CHECK_EQ(etss_nor_wait_ready(&r.flash, 1000), SF_ERR_TIMEOUT);
    struct nor_flash again;
    CHECK_EQ(etss_nor_init(&again, r.flash.spi), SF_ERR_NO_DEVICE);
    nor_model_power_cycle(r.model);
    CHECK_EQ(etss_nor_init(&again, r.flash.spi), SF_OK);
    CHECK_EQ(etss_nor_program(&again, 0, &zero, 1), SF_OK);
    rig_close(&r);
}

static void test_power_cut_mid_program_times_out(void)
{
    struct rig r;
    static uint8_t data[256];
    CHECK_EQ(rig_open(&r), SF_OK);
    nor_model_arm_power_loss(r.model, 2, 9);
    CHECK_EQ(etss_nor_program(&r.flash, 0, data, sizeof(data)), SF_OK);
    CHECK_EQ(etss_nor_program(&r.flash, 256, data, sizeof(data)), SF_ERR_TIMEOUT);
    rig_close(&r);
}

static void test_device_time_close_to_part_time(void)
{
    struct rig r;
    static uint8_t data[256];
    CHECK_EQ(rig_open(&r), SF_OK);
    const struct nor_model_timing *t = &nor_model_config(r.model)->timing;
    nor_model_reset_stats(r.model);
    CHECK_EQ(etss_nor_program(&r.flash, 0x400, data, sizeof(data)), SF_OK);
    const struct nor_model_stats *st = nor_model_stats(r.model);
    uint64_t floor_ns = t->t_pp_us * 1000ull + st->bus_time_ns;
    CHECK(st->device_time_ns >= t->t_pp_us * 1000ull);
    CHECK(st->device_time_ns <= floor_ns + floor_ns / 10u);
    nor_model_reset_stats(r.model);
    CHECK_EQ(etss_nor_erase(&r.flash, 0x10000, 65536), SF_OK);
    floor_ns = t->t_be64_us * 1000ull + st->bus_time_ns;
    CHECK(st->device_time_ns <= floor_ns + floor_ns / 10u);
    rig_close(&r);
}

/* A page program started by hand, for the poll to wait on. */
static void start_page_program(struct rig *r, uint32_t addr)
{
    static const uint8_t data[256];
    const uint8_t wren = SPI_NOR_OP_WREN;
    const uint8_t pp[4] = {SPI_NOR_OP_PP, (uint8_t)(addr >> 16), (uint8_t)(addr >> 8),
                           (uint8_t)addr};
    CHECK_EQ(etss_spi_transaction(r->flash.spi, &wren, 1u, NULL, 0u, NULL, 0u), SF_OK);
    CHECK_EQ(etss_spi_transaction(r->flash.spi, pp, sizeof(pp), data, sizeof(data), NULL, 0u),
             SF_OK);
}

/* Told the typical time, a wait sleeps it and then polls a few times; told
 * less than the part takes, it still ends soon after the part does; told
 * more than the timeout, it gives up at the timeout. */
static void test_waits_sleep_the_typical_time(void)
{
    struct rig r;
    CHECK_EQ(rig_open(&r), SF_OK);
    const uint64_t t_pp = nor_model_config(r.model)->timing.t_pp_us;
    const struct nor_model_stats *st = nor_model_stats(r.model);
    uint64_t untold_polls = 0;
    for (uint64_t quarter = 0; quarter <= 4u; quarter++) {
        const uint32_t typ = (uint32_t)(t_pp * quarter / 4u);
        start_page_program(&r, 0x1000u * (uint32_t)quarter);
        nor_model_reset_stats(r.model);
        CHECK_EQ(etss_nor_poll_idle(r.flash.spi, typ, 10000u), SF_OK);
        /* Past the time told, steps of at most a quarter of the time
         * since. */
        uint64_t late_us = 10u + (t_pp - typ) / 3u;
        CHECK(st->device_time_ns <= (t_pp + late_us) * 1000u + st->bus_time_ns);
        printf("  told %u of %u us: %u polls, %.1f us over\n", typ, (unsigned)t_pp,
               (unsigned)st->commands[SPI_NOR_OP_RDSR],
               (double)(st->device_time_ns - st->bus_time_ns) / 1000.0 - (double)t_pp);
        /* Told nothing, it polls in steps of a 32nd of the time waited;
         * told more, never more often. */
        if (quarter == 0u) {
            untold_polls = st->commands[SPI_NOR_OP_RDSR];
        }
        CHECK(st->commands[SPI_NOR_OP_RDSR] <= (typ == t_pp ? 2u : untold_polls));
    }
    CHECK_EQ(etss_nor_poll_idle(r.flash.spi, 0u, 10000u), SF_OK); /* idle: one poll */
    nor_model_power_cut(r.model, 1);                              /* MISO floats: busy for ever */
    nor_model_reset_stats(r.model);
    CHECK_EQ(etss_nor_poll_idle(r.flash.spi, UINT32_MAX, 1000u), SF_ERR_TIMEOUT);
    CHECK(st->device_time_ns <= 1100000u);
    CHECK_EQ(etss_nor_poll_idle(NULL, 0u, 1000u), SF_ERR_PARAM);
    /* What a wait is told: the driver's own reading of SFDP. */
    const struct nor_model_timing *tm = &nor_model_config(r.model)->timing;
    CHECK_EQ(etss_nor_program_typ_us(&r.flash, 0x400u, 256u), tm->t_pp_us);
    CHECK_EQ(etss_nor_program_typ_us(&r.flash, 0x4F0u, 32u), 2u * tm->t_pp_us); /* two pages */
    CHECK_EQ(etss_nor_program_typ_us(&r.flash, 0x400u, 0u), 0u);
    CHECK_EQ(etss_nor_erase_typ_us(&r.flash, 0x1000u, 4096u), tm->t_se_us);
    CHECK_EQ(etss_nor_erase_typ_us(&r.flash, 0x10000u, 65536u + 4096u),
             tm->t_be64_us + tm->t_se_us);
    CHECK_EQ(etss_nor_erase_typ_us(&r.flash, 0x1001u, 4096u), 0u); /* refused by etss_nor_erase */
    CHECK_EQ(etss_nor_erase_typ_us(NULL, 0u, 4096u), 0u);
    rig_close(&r);
}

static const struct test_case cases[] = {
    TEST_CASE(test_init_discovers_geometry),
    TEST_CASE(test_write_read_across_pages),
    TEST_CASE(test_program_ands_bits),
    TEST_CASE(test_erase_picks_largest_blocks),
    TEST_CASE(test_bad_arguments_change_nothing),
    TEST_CASE(test_worn_sector_reports_failure),
    TEST_CASE(test_dead_part_times_out),
    TEST_CASE(test_power_cut_mid_program_times_out),
    TEST_CASE(test_device_time_close_to_part_time),
    TEST_CASE(test_waits_sleep_the_typical_time),
};

TEST_MAIN("nor_flash", cases)
