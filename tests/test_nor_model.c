/* SPDX-License-Identifier: BSD-3-Clause */
/* The device model behaves like a serial NOR flash, on the wire. */
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devmodel/model_spi.h"
#include "spi_nor_defs.h"
#include "test_harness.h"

struct rig {
    nor_model_t *model;
    struct model_spi bus;
    const struct etss_spi_driver *spi;
};

static int rig_open_config(struct rig *r, const struct nor_model_config *cfg)
{
    enum nor_model_status st;
    r->model = nor_model_create(cfg, &st);
    if (r->model == NULL) {
        return st;
    }
    r->spi = model_spi_bind(&r->bus, r->model);
    return NOR_MODEL_OK;
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
    r->model = NULL;
}

static void cmd(struct rig *r, uint8_t op)
{
    (void)etss_spi_transaction(r->spi, &op, 1, NULL, 0, NULL, 0);
}

static void cmd_addr(struct rig *r, uint8_t op, uint32_t addr, const void *tx, size_t tx_len,
                     void *rx, size_t rx_len)
{
    uint8_t hdr[4] = {op, (uint8_t)(addr >> 16), (uint8_t)(addr >> 8), (uint8_t)addr};
    (void)etss_spi_transaction(r->spi, hdr, sizeof(hdr), tx, tx_len, rx, rx_len);
}

static uint8_t read_reg(struct rig *r, uint8_t op)
{
    uint8_t v = 0;
    (void)etss_spi_transaction(r->spi, &op, 1, NULL, 0, &v, 1);
    return v;
}

static void wait_idle(struct rig *r)
{
    for (int i = 0; i < 100000 && (read_reg(r, SPI_NOR_OP_RDSR) & SPI_NOR_SR_WIP); i++) {
        r->spi->ops->delay_us(r->spi->ctx, 1000);
    }
}

static void program(struct rig *r, uint32_t addr, const void *data, size_t len)
{
    cmd(r, SPI_NOR_OP_WREN);
    cmd_addr(r, SPI_NOR_OP_PP, addr, data, len, NULL, 0);
    wait_idle(r);
}

static void erase(struct rig *r, uint8_t op, uint32_t addr)
{
    cmd(r, SPI_NOR_OP_WREN);
    cmd_addr(r, op, addr, NULL, 0, NULL, 0);
    wait_idle(r);
}

static void read_data(struct rig *r, uint32_t addr, void *buf, size_t len)
{
    cmd_addr(r, SPI_NOR_OP_READ, addr, NULL, 0, buf, len);
}

static int all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != v) {
            return 0;
        }
    }
    return 1;
}

static void test_new_part_is_erased_and_identifies(void)
{
    struct rig r;
    uint8_t buf[512];
    uint8_t id[3];
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    read_data(&r, 0x123400, buf, sizeof(buf));
    CHECK(all_bytes(buf, sizeof(buf), 0xFF));
    uint8_t op = SPI_NOR_OP_RDID;
    (void)etss_spi_transaction(r.spi, &op, 1, NULL, 0, id, 3);
    CHECK_EQ(id[0], 0xC2);
    CHECK_EQ(id[1], 0x20);
    CHECK_EQ(id[2], 0x18);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), 0);
    rig_close(&r);
}

static void test_program_only_clears_bits(void)
{
    struct rig r;
    uint8_t a[4] = {0xF0, 0x0F, 0xAA, 0xFF};
    uint8_t b[4] = {0x3C, 0xFF, 0x55, 0x00};
    uint8_t got[4];
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    program(&r, 0x1000, a, 4);
    program(&r, 0x1000, b, 4);
    read_data(&r, 0x1000, got, 4);
    CHECK_EQ(got[0], 0x30);
    CHECK_EQ(got[1], 0x0F);
    CHECK_EQ(got[2], 0x00);
    CHECK_EQ(got[3], 0x00);
    rig_close(&r);
}

static void test_page_program_wraps_inside_page(void)
{
    struct rig r;
    uint8_t data[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    uint8_t got[8];
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    program(&r, 0x20FC, data, 8); /* 4 bytes to the page end, 4 wrap to its start */
    read_data(&r, 0x20FC, got, 4);
    CHECK_MEM_EQ(got, data, 4);
    read_data(&r, 0x2000, got, 4);
    CHECK_MEM_EQ(got, &data[4], 4);
    read_data(&r, 0x2100, got, 4);
    CHECK(all_bytes(got, 4, 0xFF));
    rig_close(&r);
}

static void test_write_enable_rules(void)
{
    struct rig r;
    uint8_t zero = 0;
    uint8_t got;
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    cmd_addr(&r, SPI_NOR_OP_PP, 0, &zero, 1, NULL, 0); /* no WREN: ignored */
    wait_idle(&r);
    read_data(&r, 0, &got, 1);
    CHECK_EQ(got, 0xFF);
    cmd(&r, SPI_NOR_OP_WREN);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), SPI_NOR_SR_WEL);
    cmd(&r, SPI_NOR_OP_WRDI);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), 0);
    cmd_addr(&r, SPI_NOR_OP_SE, 0, NULL, 0, NULL, 0);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), 0); /* not started */
    /* WREN with extra bytes clocked is not a WREN. */
    uint8_t wren2[2] = {SPI_NOR_OP_WREN, 0};
    (void)etss_spi_transaction(r.spi, wren2, 2, NULL, 0, NULL, 0);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), 0);
    /* A completed program clears WEL. */
    program(&r, 0, &zero, 1);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), 0);
    read_data(&r, 0, &got, 1);
    CHECK_EQ(got, 0);
    rig_close(&r);
}

static void test_busy_until_time_passes(void)
{
    struct rig r;
    uint8_t zero[4] = {0};
    uint8_t got[4];
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    const struct nor_model_config *cfg = nor_model_config(r.model);
    cmd(&r, SPI_NOR_OP_WREN);
    cmd_addr(&r, SPI_NOR_OP_PP, 0x40, zero, 4, NULL, 0);
    uint64_t start = nor_model_now_ns(r.model);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), SPI_NOR_SR_WIP | SPI_NOR_SR_WEL);
    read_data(&r, 0x40, got, 4); /* ignored while busy: nothing drives MISO */
    CHECK(all_bytes(got, 4, 0xFF));
    cmd(&r, SPI_NOR_OP_WREN); /* ignored while busy */
    r.spi->ops->delay_us(r.spi->ctx, cfg->timing.t_pp_us);
    CHECK(nor_model_now_ns(r.model) - start >= cfg->timing.t_pp_us * 1000ull);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), 0);
    read_data(&r, 0x40, got, 4);
    CHECK(all_bytes(got, 4, 0x00));
    rig_close(&r);
}

static void test_erase_granularity(void)
{
    struct rig r;
    static uint8_t zeros[256];
    uint8_t got[4];
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    /* Mark the first and last page of every 4 KiB sector in 0..192 KiB. */
    for (uint32_t a = 0; a < 0x30000; a += 0x1000) {
        program(&r, a, zeros, 256);
        program(&r, a + 0xF00, zeros, 256);
    }
    erase(&r, SPI_NOR_OP_SE, 0x1234); /* erases 0x1000..0x1FFF */
    erase(&r, SPI_NOR_OP_BE32K, 0x8000 + 77);
    erase(&r, SPI_NOR_OP_BE, 0x20000 + 5);
    for (uint32_t a = 0; a < 0x30000; a += 0x1000) {
        int erased = (a == 0x1000) || (a >= 0x8000 && a < 0x10000) || (a >= 0x20000);
        read_data(&r, a, got, 4);
        CHECK_EQ(got[0], erased ? 0xFF : 0x00);
        read_data(&r, a + 0xFFC, got, 4);
        CHECK_EQ(got[3], erased ? 0xFF : 0x00);
    }
    const struct nor_model_stats *st = nor_model_stats(r.model);
    CHECK_EQ(st->sectors_erased, 1 + 8 + 16);
    CHECK_EQ(st->erase_operations, 3);
    CHECK_EQ(nor_model_erase_count(r.model, 1), 1);
    CHECK_EQ(nor_model_erase_count(r.model, 0), 0);
    CHECK_EQ(nor_model_erase_count(r.model, 0x2F), 1);
    erase(&r, SPI_NOR_OP_CE, 0); /* CE takes no address: with one it is refused */
    read_data(&r, 0, got, 4);
    CHECK_EQ(got[0], 0x00);
    cmd(&r, SPI_NOR_OP_WREN);
    cmd(&r, SPI_NOR_OP_CE);
    wait_idle(&r);
    read_data(&r, 0, got, 4);
    CHECK(all_bytes(got, 4, 0xFF));
    CHECK_EQ(nor_model_erase_count(r.model, 0), 1);
    CHECK_EQ(nor_model_erase_count(r.model, 4095), 1);
    rig_close(&r);
}

static void test_sfdp_header_readable(void)
{
    struct rig r;
    uint8_t hdr[8];
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    uint8_t cmd5[5] = {SPI_NOR_OP_RDSFDP, 0, 0, 0, 0};
    (void)etss_spi_transaction(r.spi, cmd5, 5, NULL, 0, hdr, 8);
    CHECK_MEM_EQ(hdr, "SFDP", 4);
    CHECK_EQ(hdr[5], SFDP_REV_MAJOR);
    CHECK_EQ(hdr[6], 0); /* one parameter header: the BFPT */
    rig_close(&r);
}

static void make_temp_path(char *path, size_t len, const char *tag)
{
    snprintf(path, len, "/tmp/etss-test-%s-%ld.img", tag, (long)getpid());
    unlink(path);
}

static void test_image_persists_across_reopen(void)
{
    struct rig r;
    struct nor_model_config cfg;
    char path[128];
    uint8_t data[300];
    uint8_t got[300];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i * 7u);
    }
    make_temp_path(path, sizeof(path), "persist");
    nor_model_default_config(&cfg);
    cfg.size_bytes = 1u << 20;
    cfg.image_path = path;
    CHECK_EQ(rig_open_config(&r, &cfg), NOR_MODEL_OK);
    read_data(&r, 0, got, 16);
    CHECK(all_bytes(got, 16, 0xFF)); /* created erased */
    erase(&r, SPI_NOR_OP_SE, 0x3000);
    program(&r, 0x30F0, data, 16);
    program(&r, 0x3100, &data[16], 256);
    program(&r, 0x3200, &data[272], 28);
    CHECK_EQ(nor_model_image_status(r.model), NOR_MODEL_OK);
    rig_close(&r);

    CHECK_EQ(rig_open_config(&r, &cfg), NOR_MODEL_OK);
    read_data(&r, 0x30F0, got, sizeof(got));
    CHECK_MEM_EQ(got, data, sizeof(data));
    CHECK_EQ(nor_model_erase_count(r.model, 3), 1);
    rig_close(&r);
    unlink(path);
}

static void test_bad_images_are_refused(void)
{
    struct nor_model_config cfg;
    enum nor_model_status st;
    char path[128];
    make_temp_path(path, sizeof(path), "bad");
    nor_model_default_config(&cfg);
    cfg.size_bytes = 1u << 20;
    cfg.image_path = path;
    nor_model_t *m = nor_model_create(&cfg, &st);
    CHECK(m != NULL);
    nor_model_destroy(m);

    /* One byte too many is no device either; without it, the image loads. */
    struct stat whole;
    CHECK_EQ(stat(path, &whole), 0);
    FILE *extra = fopen(path, "ab");
    CHECK(extra != NULL);
    fputc('x', extra);
    fclose(extra);
    CHECK(nor_model_create(&cfg, &st) == NULL);
    CHECK_EQ(st, NOR_MODEL_ERR_IMAGE_TRAILING);
    CHECK_EQ(truncate(path, whole.st_size), 0);
    m = nor_model_create(&cfg, &st);
    CHECK(m != NULL);
    nor_model_destroy(m);

    cfg.size_bytes = 2u << 20; /* another geometry */
    CHECK(nor_model_create(&cfg, &st) == NULL);
    CHECK_EQ(st, NOR_MODEL_ERR_IMAGE_GEOMETRY);
    cfg.size_bytes = 1u << 20;
    cfg.page_size = 512;
    CHECK(nor_model_create(&cfg, &st) == NULL);
    CHECK_EQ(st, NOR_MODEL_ERR_IMAGE_GEOMETRY);
    cfg.page_size = 256;

    CHECK_EQ(truncate(path, 64 + 1000), 0);
    CHECK(nor_model_create(&cfg, &st) == NULL);
    CHECK_EQ(st, NOR_MODEL_ERR_IMAGE_TRUNCATED);
    CHECK_EQ(truncate(path, 64 + (1 << 20) + 10), 0); /* erase counts cut short */
    CHECK(nor_model_create(&cfg, &st) == NULL);
    CHECK_EQ(st, NOR_MODEL_ERR_IMAGE_TRUNCATED);

    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    fputs("this is not a flash image, just some text that is long enough.....", f);
    fclose(f);
    CHECK(nor_model_create(&cfg, &st) == NULL);
    CHECK_EQ(st, NOR_MODEL_ERR_IMAGE_FORMAT);
    unlink(path);

    cfg.image_path = "/nonexistent-dir/etss.img";
    CHECK(nor_model_create(&cfg, &st) == NULL);
    CHECK_EQ(st, NOR_MODEL_ERR_IMAGE_IO);
    cfg.image_path = "/tmp"; /* a directory is no image */
    CHECK(nor_model_create(&cfg, &st) == NULL);
    CHECK(st == NOR_MODEL_ERR_IMAGE_IO || st == NOR_MODEL_ERR_IMAGE_FORMAT);
    CHECK(nor_model_strerror(st)[0] != '\0');
}

static void test_bad_configs_are_refused(void)
{
    struct nor_model_config cfg;
    enum nor_model_status st;
    nor_model_default_config(&cfg);
    cfg.size_bytes = 32u << 20; /* beyond 3-byte addressing */
    CHECK(nor_model_create(&cfg, &st) == NULL);
    CHECK_EQ(st, NOR_MODEL_ERR_CONFIG);
    nor_model_default_config(&cfg);
    cfg.size_bytes = 100000; /* not whole 64 KiB blocks */
    CHECK(nor_model_create(&cfg, &st) == NULL);
    nor_model_default_config(&cfg);
    cfg.page_size = 300;
    CHECK(nor_model_create(&cfg, &st) == NULL);
    nor_model_default_config(&cfg);
    cfg.timing.lanes = 3;
    CHECK(nor_model_create(&cfg, &st) == NULL);
    nor_model_default_config(&cfg);
    cfg.timing.t_pp_us = 5000; /* cannot be announced in SFDP */
    CHECK(nor_model_create(&cfg, &st) == NULL);
    CHECK(nor_model_create(NULL, &st) == NULL);
    CHECK_EQ(st, NOR_MODEL_ERR_CONFIG);
}

/* Run a fixed workload with a power cut armed at operation `nth`. */
static void cut_workload(struct rig *r, uint64_t nth, uint64_t seed)
{
    static uint8_t data[256];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i ^ 0x5A);
    }
    nor_model_arm_power_loss(r->model, nth, seed);
    program(r, 0x0000, data, 256);
    erase(r, SPI_NOR_OP_SE, 0x0000);
    program(r, 0x0100, data, 256);
}

static void test_power_loss_tears_reproducibly(void)
{
    struct rig a;
    struct rig b;
    uint8_t page_a[4096];
    uint8_t page_b[4096];
    CHECK_EQ(rig_open(&a), NOR_MODEL_OK);
    CHECK_EQ(rig_open(&b), NOR_MODEL_OK);
    cut_workload(&a, 1, 42);
    cut_workload(&b, 1, 42);
    CHECK(!nor_model_is_powered(a.model));
    CHECK_EQ(nor_model_operation_count(a.model), 1);
    /* A dead part answers nothing: MISO floats high. */
    CHECK_EQ(read_reg(&a, SPI_NOR_OP_RDSR), 0xFF);
    CHECK(nor_model_peek(a.model, 0, page_a, sizeof(page_a)));
    CHECK(nor_model_peek(b.model, 0, page_b, sizeof(page_b)));
    CHECK_MEM_EQ(page_a, page_b, sizeof(page_a));

    /* A torn program: new data up to the cut, old data after it. */
    size_t cut = 0;
    while (cut < 256 && page_a[cut] == (uint8_t)(cut ^ 0x5A)) {
        cut++;
    }
    for (size_t i = cut + 1; i < 256; i++) {
        CHECK_EQ(page_a[i], 0xFF);
    }
    nor_model_power_cycle(a.model);
    CHECK(nor_model_is_powered(a.model));
    CHECK_EQ(read_reg(&a, SPI_NOR_OP_RDSR), 0);
    rig_close(&a);
    rig_close(&b);
}

static void test_power_loss_during_erase_leaves_partial_erase(void)
{
    struct rig r;
    static uint8_t zeros[256];
    uint8_t sector[4096];
    int tore = 0;
    for (uint64_t seed = 1; seed < 6; seed++) {
        CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
        for (uint32_t a = 0; a < 4096; a += 256) {
            program(&r, a, zeros, 256);
        }
        nor_model_arm_power_loss(r.model, 1, seed);
        erase(&r, SPI_NOR_OP_SE, 0);
        CHECK(!nor_model_is_powered(r.model));
        CHECK(nor_model_peek(r.model, 0, sector, sizeof(sector)));
        size_t cut = 0;
        while (cut < 4096 && sector[cut] == 0xFF) {
            cut++;
        }
        for (size_t i = cut + 1; i < 4096; i++) {
            CHECK_EQ(sector[i], 0x00);
        }
        tore += cut > 0 && cut < 4095;
        rig_close(&r);
    }
    CHECK(tore > 0);
}

static void test_every_cut_point_is_reachable(void)
{
    struct rig r;
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    cut_workload(&r, 0, 0); /* disarmed: count the operations */
    uint64_t ops = nor_model_operation_count(r.model);
    CHECK_EQ(ops, 3);
    rig_close(&r);
    for (uint64_t n = 1; n <= ops; n++) {
        CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
        cut_workload(&r, n, n);
        CHECK(!nor_model_is_powered(r.model));
        CHECK_EQ(nor_model_operation_count(r.model), n);
        rig_close(&r);
    }
}

/* A device's own program of several pages (what a secure flash engine
 * does with one PROGRAM request) runs them in order: a cut on page k lands
 * pages before it whole, tears page k, leaves the pages after it erased. */
static void test_multi_page_program_is_cut_page_by_page(void)
{
    static uint8_t data[1000];
    static uint8_t got[1024 + 256];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i * 7u + 1u);
    }
    const uint32_t addr = 0x2040u; /* 1000 bytes from 64 into a page: pages 0..4 */
    struct rig r;
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    uint64_t pages = nor_model_stats(r.model)->pages_programmed;
    CHECK(nor_model_start_program(r.model, addr, data, sizeof(data)));
    CHECK_EQ(nor_model_operation_count(r.model), 5u);
    CHECK_EQ(nor_model_stats(r.model)->pages_programmed - pages, 5u);
    wait_idle(&r);
    read_data(&r, addr, got, sizeof(data));
    CHECK_MEM_EQ(got, data, sizeof(data));
    CHECK(!nor_model_start_program(r.model, 0x1000u, data, NOR_MODEL_MAX_PROGRAM + 1u));
    rig_close(&r);

    for (uint64_t k = 1; k <= 5u; k++) {
        for (uint64_t seed = 1; seed <= 8u; seed++) {
            CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
            nor_model_arm_power_loss(r.model, k, seed * 977u + k);
            CHECK(!nor_model_start_program(r.model, addr, data, sizeof(data)));
            CHECK(!nor_model_is_powered(r.model));
            CHECK_EQ(nor_model_operation_count(r.model), k);
            CHECK(nor_model_peek(r.model, 0x2000u, got, sizeof(got)));
            uint32_t torn_from = (uint32_t)(k - 1u) * 256u; /* page k-1 of the span */
            for (uint32_t i = 0; i < sizeof(got); i++) {
                uint32_t at = 0x2000u + i;
                bool data_byte = at >= addr && at < addr + sizeof(data);
                uint8_t want = data_byte ? data[at - addr] : 0xFFu;
                if (i < torn_from) {
                    CHECK_EQ(got[i], want);
                } else if (i >= torn_from + 256u) {
                    CHECK_EQ(got[i], 0xFFu);
                } else {
                    CHECK_EQ(got[i] & want, want); /* only bits cleared, no more than asked */
                }
            }
            rig_close(&r);
        }
    }
}

static void test_endurance_limit_reports_failure(void)
{
    struct rig r;
    struct nor_model_config cfg;
    uint8_t zero = 0;
    uint8_t got;
    nor_model_default_config(&cfg);
    cfg.endurance_cycles = 3;
    CHECK_EQ(rig_open_config(&r, &cfg), NOR_MODEL_OK);
    for (int i = 0; i < 3; i++) {
        program(&r, 0x5000, &zero, 1);
        erase(&r, SPI_NOR_OP_SE, 0x5000);
        CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSCUR), 0);
    }
    program(&r, 0x5000, &zero, 1);
    erase(&r, SPI_NOR_OP_SE, 0x5000); /* the fourth erase: worn out */
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSCUR), SPI_NOR_SCUR_E_FAIL);
    read_data(&r, 0x5000, &got, 1);
    CHECK_EQ(got, 0x00); /* not erased */
    cmd(&r, SPI_NOR_OP_CLSR);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSCUR), 0);
    program(&r, 0x5001, &zero, 1);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSCUR), SPI_NOR_SCUR_P_FAIL);
    read_data(&r, 0x5001, &got, 1);
    CHECK_EQ(got, 0xFF);
    /* Other sectors are unaffected. */
    cmd(&r, SPI_NOR_OP_CLSR);
    program(&r, 0x6000, &zero, 1);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSCUR), 0);
    CHECK_EQ(nor_model_stats(r.model)->erase_failures, 1);
    CHECK_EQ(nor_model_stats(r.model)->program_failures, 1);
    rig_close(&r);
}

static void test_timing_and_statistics(void)
{
    struct rig r;
    static uint8_t data[256];
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    const struct nor_model_timing *t = &nor_model_config(r.model)->timing;
    nor_model_reset_stats(r.model);
    uint64_t t0 = nor_model_now_ns(r.model);
    cmd(&r, SPI_NOR_OP_WREN);
    cmd_addr(&r, SPI_NOR_OP_PP, 0x100, data, 256, NULL, 0);
    const struct nor_model_stats *st = nor_model_stats(r.model);
    uint64_t byte_ns = 8ull * 1000000000ull / t->spi_hz;
    CHECK_EQ(st->bytes_to_device, 1 + 4 + 256);
    CHECK_EQ(st->bytes_from_device, 0);
    CHECK_EQ(st->transactions, 2);
    CHECK_EQ(nor_model_now_ns(r.model) - t0, 2 * t->cs_overhead_ns + 261 * byte_ns);
    CHECK_EQ(st->bus_time_ns, 2 * t->cs_overhead_ns + 261 * byte_ns);
    r.spi->ops->delay_us(r.spi->ctx, t->t_pp_us);
    uint8_t buf[100];
    read_data(&r, 0x100, buf, sizeof(buf));
    CHECK_EQ(st->bytes_from_device, 100);
    CHECK_EQ(st->bytes_to_device, 261 + 4);
    CHECK_EQ(st->commands[SPI_NOR_OP_WREN], 1);
    CHECK_EQ(st->commands[SPI_NOR_OP_PP], 1);
    CHECK_EQ(st->commands[SPI_NOR_OP_READ], 1);
    CHECK_EQ(st->pages_programmed, 1);
    CHECK_EQ(st->bytes_programmed, 256);
    CHECK_EQ(st->busy_time_ns, t->t_pp_us * 1000ull);
    CHECK_EQ(st->device_time_ns, nor_model_now_ns(r.model) - t0);
    rig_close(&r);

    /* Four lanes at twice the clock: an eighth of the bus time. */
    struct nor_model_config cfg;
    nor_model_default_config(&cfg);
    cfg.timing.lanes = 4;
    cfg.timing.spi_hz *= 2;
    cfg.timing.cs_overhead_ns = 0;
    CHECK_EQ(rig_open_config(&r, &cfg), NOR_MODEL_OK);
    read_data(&r, 0, buf, 96);
    CHECK_EQ(nor_model_stats(r.model)->bus_time_ns, 100 * byte_ns / 8);
    rig_close(&r);
}

static void test_software_reset(void)
{
    struct rig r;
    uint8_t zero = 0;
    uint8_t got;
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    cmd(&r, SPI_NOR_OP_WREN);
    cmd(&r, SPI_NOR_OP_RST); /* without RSTEN: ignored */
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), SPI_NOR_SR_WEL);
    cmd(&r, SPI_NOR_OP_RSTEN);
    cmd(&r, SPI_NOR_OP_RST);
    wait_idle(&r);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), 0);
    /* RSTEN must come right before RST. */
    cmd(&r, SPI_NOR_OP_WREN);
    cmd(&r, SPI_NOR_OP_RSTEN);
    cmd(&r, SPI_NOR_OP_RDSR);
    cmd(&r, SPI_NOR_OP_RST);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), SPI_NOR_SR_WEL);
    /* A reset during a program aborts it: old data or part of the new. */
    cmd(&r, SPI_NOR_OP_WREN);
    cmd_addr(&r, SPI_NOR_OP_PP, 0x10, &zero, 1, NULL, 0);
    cmd(&r, SPI_NOR_OP_RSTEN);
    cmd(&r, SPI_NOR_OP_RST);
    wait_idle(&r);
    read_data(&r, 0x10, &got, 1);
    CHECK_EQ(read_reg(&r, SPI_NOR_OP_RDSR), 0);
    CHECK_EQ(nor_model_stats(r.model)->commands[SPI_NOR_OP_RST], 4);
    rig_close(&r);
}

static void test_read_bitflips_are_transient(void)
{
    struct rig r;
    static uint8_t buf[4096];
    static uint8_t array[4096];
    CHECK_EQ(rig_open(&r), NOR_MODEL_OK);
    nor_model_set_read_bitflips(r.model, 64, 7);
    read_data(&r, 0, buf, sizeof(buf));
    unsigned flips = 0;
    for (size_t i = 0; i < sizeof(buf); i++) {
        flips += (unsigned)__builtin_popcount((unsigned)(buf[i] ^ 0xFFu));
    }
    /* 32768 bits at 1/64: about 512 flips. */
    CHECK(flips > 300 && flips < 800);
    CHECK(nor_model_peek(r.model, 0, array, sizeof(array)));
    CHECK(all_bytes(array, sizeof(array), 0xFF));
    nor_model_set_read_bitflips(r.model, 0, 0);
    read_data(&r, 0, buf, sizeof(buf));
    CHECK(all_bytes(buf, sizeof(buf), 0xFF));
    rig_close(&r);
}

static const struct test_case cases[] = {
    TEST_CASE(test_new_part_is_erased_and_identifies),
    TEST_CASE(test_program_only_clears_bits),
    TEST_CASE(test_page_program_wraps_inside_page),
    TEST_CASE(test_write_enable_rules),
    TEST_CASE(test_busy_until_time_passes),
    TEST_CASE(test_erase_granularity),
    TEST_CASE(test_sfdp_header_readable),
    TEST_CASE(test_image_persists_across_reopen),
    TEST_CASE(test_bad_images_are_refused),
    TEST_CASE(test_bad_configs_are_refused),
    TEST_CASE(test_power_loss_tears_reproducibly),
    TEST_CASE(test_power_loss_during_erase_leaves_partial_erase),
    TEST_CASE(test_multi_page_program_is_cut_page_by_page),
    TEST_CASE(test_every_cut_point_is_reachable),
    TEST_CASE(test_endurance_limit_reports_failure),
    TEST_CASE(test_timing_and_statistics),
    TEST_CASE(test_software_reset),
    TEST_CASE(test_read_bitflips_are_transient),
};

TEST_MAIN("nor_model", cases)
