/* SPDX-License-Identifier: BSD-3-Clause */
/* SFDP discovery: the model's tables round-trip, and bad tables are refused. */
#include "devmodel/model_spi.h"
#include "sfdp.h"
#include "spi_nor_defs.h"
#include "test_harness.h"

static void good_bfpt(uint32_t dw[SFDP_BFPT_DWORDS])
{
    memset(dw, 0, SFDP_BFPT_DWORDS * sizeof(uint32_t));
    dw[0] = 0xFF8020E5u;                                          /* 3-byte, 4K erase 0x20 */
    dw[1] = 8u * 1024u * 1024u * 8u - 1u;                         /* 8 MiB */
    dw[7] = 0x0Cu | (0x20u << 8) | (0x10u << 16) | (0xD8u << 24); /* 4K, 64K */
    dw[8] = 0;
    dw[9] = 1u | (29u << 4) | ((15u | (1u << 5)) << 11); /* 30 ms, 256 ms; max 4x */
    dw[10] = 1u | (8u << 4) | ((7u | 0x20u) << 8) | ((9u | (2u << 5)) << 24);
}

static void test_parse_good_bfpt(void)
{
    uint32_t dw[SFDP_BFPT_DWORDS];
    struct sfdp_geometry g;
    good_bfpt(dw);
    CHECK_EQ(etss_sfdp_parse_bfpt(dw, SFDP_BFPT_DWORDS, &g), SF_OK);
    CHECK_EQ(g.size_bytes, 8u << 20);
    CHECK_EQ(g.page_size, 256);
    CHECK_EQ(g.n_erase_types, 2);
    CHECK_EQ(g.erase[0].size, 4096);
    CHECK_EQ(g.erase[0].opcode, 0x20);
    CHECK_EQ(g.erase[0].typ_time_us, 30000);
    CHECK_EQ(g.erase[0].max_time_us, 120000);
    CHECK_EQ(g.erase[1].size, 65536);
    CHECK_EQ(g.erase[1].opcode, 0xD8);
    CHECK_EQ(g.erase[1].typ_time_us, 256000);
    CHECK_EQ(g.page_program_typ_us, 512);
    CHECK_EQ(g.page_program_max_us, 2048);
    CHECK_EQ(g.chip_erase_typ_us, 40000000);
}

static void test_parse_rev_a_bfpt(void)
{
    uint32_t dw[SFDP_BFPT_DWORDS];
    struct sfdp_geometry g;
    good_bfpt(dw);
    CHECK_EQ(etss_sfdp_parse_bfpt(dw, SFDP_BFPT_MIN_DWORDS, &g), SF_OK);
    CHECK_EQ(g.page_size, 256);
    CHECK_EQ(g.page_program_typ_us, 0);
    CHECK_EQ(g.erase[0].typ_time_us, 0);
    CHECK_EQ(etss_sfdp_parse_bfpt(dw, SFDP_BFPT_MIN_DWORDS - 1, &g), SF_ERR_SFDP_FORMAT);
}

static void test_refuse_bad_bfpt(void)
{
    uint32_t dw[SFDP_BFPT_DWORDS];
    struct sfdp_geometry g;
    memset(&g, 0x5A, sizeof(g));
    struct sfdp_geometry untouched = g;

    good_bfpt(dw);
    dw[0] |= 2u << BFPT_DW1_ADDR_BYTES_SHIFT; /* 4-byte addressing only */
    CHECK_EQ(etss_sfdp_parse_bfpt(dw, SFDP_BFPT_DWORDS, &g), SF_ERR_NOT_SUPPORTED);
    good_bfpt(dw);
    dw[1] = 256u * 1024u * 1024u - 1u; /* 32 MiB: beyond 3-byte reach */
    CHECK_EQ(etss_sfdp_parse_bfpt(dw, SFDP_BFPT_DWORDS, &g), SF_ERR_NOT_SUPPORTED);
    good_bfpt(dw);
    dw[1] = 0x80000000u | 40u; /* 2^40 bits */
    CHECK_EQ(etss_sfdp_parse_bfpt(dw, SFDP_BFPT_DWORDS, &g), SF_ERR_NOT_SUPPORTED);
    good_bfpt(dw);
    dw[1] = 12u; /* 13 bits: not whole bytes */
    CHECK_EQ(etss_sfdp_parse_bfpt(dw, SFDP_BFPT_DWORDS, &g), SF_ERR_SFDP_FORMAT);
    good_bfpt(dw);
    dw[7] = 0x1Fu | (0x20u << 8); /* erase size 2^31 */
    CHECK_EQ(etss_sfdp_parse_bfpt(dw, SFDP_BFPT_DWORDS, &g), SF_ERR_SFDP_FORMAT);
    good_bfpt(dw);
    dw[7] = 0;
    dw[8] = 0; /* no erase type at all */
    CHECK_EQ(etss_sfdp_parse_bfpt(dw, SFDP_BFPT_DWORDS, &g), SF_ERR_NOT_SUPPORTED);
    good_bfpt(dw);
    dw[10] = (dw[10] & ~0xF0u) | (13u << 4); /* 8 KiB page, larger than the 4K erase */
    CHECK_EQ(etss_sfdp_parse_bfpt(dw, SFDP_BFPT_DWORDS, &g), SF_ERR_SFDP_FORMAT);
    CHECK_MEM_EQ(&g, &untouched, sizeof(g)); /* nothing written on failure */
    CHECK_EQ(etss_sfdp_parse_bfpt(NULL, SFDP_BFPT_DWORDS, &g), SF_ERR_PARAM);
    CHECK_EQ(etss_sfdp_parse_bfpt(dw, SFDP_BFPT_DWORDS, NULL), SF_ERR_PARAM);
}

static void test_parse_headers(void)
{
    uint8_t hdr[8] = {'S', 'F', 'D', 'P', 6, 1, 2, 0xFF};
    uint8_t nph;
    CHECK_EQ(etss_sfdp_parse_header(hdr, sizeof(hdr), &nph), SF_OK);
    CHECK_EQ(nph, 2);
    hdr[0] = 'X';
    CHECK_EQ(etss_sfdp_parse_header(hdr, sizeof(hdr), &nph), SF_ERR_NO_SFDP);
    hdr[0] = 'S';
    hdr[5] = 2;
    CHECK_EQ(etss_sfdp_parse_header(hdr, sizeof(hdr), &nph), SF_ERR_NOT_SUPPORTED);
    CHECK_EQ(etss_sfdp_parse_header(hdr, 7, &nph), SF_ERR_PARAM);

    struct sfdp_table_ref ref;
    uint8_t ph[8] = {0x00, 6, 1, 16, 0x30, 0x00, 0x00, 0xFF};
    CHECK_EQ(etss_sfdp_parse_param_header(ph, &ref), SF_OK);
    CHECK_EQ(ref.id, SFDP_ID_BFPT);
    CHECK_EQ(ref.address, 0x30);
    CHECK_EQ(ref.n_dwords, 16);
    ph[4] = 0x31; /* not DWORD aligned */
    CHECK_EQ(etss_sfdp_parse_param_header(ph, &ref), SF_ERR_SFDP_FORMAT);
    ph[4] = 0x30;
    ph[3] = 0; /* empty table */
    CHECK_EQ(etss_sfdp_parse_param_header(ph, &ref), SF_ERR_SFDP_FORMAT);
}

static int discover(const struct nor_model_config *cfg, struct sfdp_geometry *g)
{
    enum nor_model_status st;
    struct model_spi bus;
    struct sfdp_table_ref ref;
    uint32_t dw[SFDP_MAX_TABLE_DWORDS];
    size_t n = 0;
    nor_model_t *m = nor_model_create(cfg, &st);
    if (m == NULL) {
        return -100;
    }
    const struct etss_spi_driver *spi = model_spi_bind(&bus, m);
    int rc = etss_sfdp_find_table(spi, SFDP_ID_BFPT, &ref);
    if (rc == SF_OK) {
        rc = etss_sfdp_read_table(spi, &ref, dw, SFDP_MAX_TABLE_DWORDS, &n);
    }
    if (rc == SF_OK) {
        rc = etss_sfdp_parse_bfpt(dw, n, g);
    }
    nor_model_destroy(m);
    return rc;
}

static void test_model_round_trip_default(void)
{
    struct nor_model_config cfg;
    struct sfdp_geometry g;
    nor_model_default_config(&cfg);
    CHECK_EQ(discover(&cfg, &g), SF_OK);
    CHECK_EQ(g.size_bytes, cfg.size_bytes);
    CHECK_EQ(g.page_size, cfg.page_size);
    CHECK_EQ(g.n_erase_types, 3);
    CHECK_EQ(g.erase[0].size, 4096);
    CHECK_EQ(g.erase[0].opcode, SPI_NOR_OP_SE);
    CHECK_EQ(g.erase[1].size, 32768);
    CHECK_EQ(g.erase[1].opcode, SPI_NOR_OP_BE32K);
    CHECK_EQ(g.erase[2].size, 65536);
    CHECK_EQ(g.erase[2].opcode, SPI_NOR_OP_BE);
    /* The default profile is exactly representable. */
    CHECK_EQ(g.page_program_typ_us, cfg.timing.t_pp_us);
    CHECK_EQ(g.erase[0].typ_time_us, cfg.timing.t_se_us);
    CHECK_EQ(g.erase[1].typ_time_us, cfg.timing.t_be32_us);
    CHECK_EQ(g.erase[2].typ_time_us, cfg.timing.t_be64_us);
    CHECK_EQ(g.chip_erase_typ_us, cfg.timing.t_ce_us);
}

static void test_model_round_trip_rounds_up(void)
{
    struct nor_model_config cfg;
    struct sfdp_geometry g;
    nor_model_default_config(&cfg);
    cfg.size_bytes = 1u << 20;
    cfg.page_size = 512;
    cfg.timing.t_pp_us = 700;     /* 64 us units: 704 */
    cfg.timing.t_se_us = 45000;   /* 16 ms units: 48 ms */
    cfg.timing.t_be64_us = 70000; /* 16 ms units: 80 ms */
    CHECK_EQ(discover(&cfg, &g), SF_OK);
    CHECK_EQ(g.size_bytes, 1u << 20);
    CHECK_EQ(g.page_size, 512);
    CHECK_EQ(g.page_program_typ_us, 704);
    CHECK_EQ(g.erase[0].typ_time_us, 48000);
    CHECK_EQ(g.erase[2].typ_time_us, 80000);
    CHECK(g.page_program_max_us >= cfg.timing.t_pp_us);
}

static void test_find_extra_table(void)
{
    static const uint32_t vendor[3] = {0x11111111u, 0x22222222u, 0x33333333u};
    struct nor_model_config cfg;
    enum nor_model_status st;
    struct model_spi bus;
    struct sfdp_table_ref ref;
    uint32_t dw[8];
    size_t n = 0;
    nor_model_default_config(&cfg);
    cfg.extra_sfdp[0] = (struct nor_model_sfdp_table){SFDP_ID_VENDOR(0xC2), 1, 0, vendor, 3};
    cfg.n_extra_sfdp = 1;
    nor_model_t *m = nor_model_create(&cfg, &st);
    CHECK(m != NULL);
    const struct etss_spi_driver *spi = model_spi_bind(&bus, m);
    CHECK_EQ(etss_sfdp_find_table(spi, SFDP_ID_VENDOR(0xC2), &ref), SF_OK);
    CHECK_EQ(etss_sfdp_read_table(spi, &ref, dw, 8, &n), SF_OK);
    CHECK_EQ(n, 3);
    CHECK_EQ(dw[2], 0x33333333u);
    CHECK_EQ(etss_sfdp_read_table(spi, &ref, dw, 2, &n), SF_OK); /* bounded by the caller */
    CHECK_EQ(n, 2);
    CHECK_EQ(etss_sfdp_find_table(spi, SFDP_ID_RPMC, &ref), SF_ERR_SFDP_NO_TABLE);
    nor_model_destroy(m);
}

static const struct test_case cases[] = {
    TEST_CASE(test_parse_good_bfpt),          TEST_CASE(test_parse_rev_a_bfpt),
    TEST_CASE(test_refuse_bad_bfpt),          TEST_CASE(test_parse_headers),
    TEST_CASE(test_model_round_trip_default), TEST_CASE(test_model_round_trip_rounds_up),
    TEST_CASE(test_find_extra_table),
};

TEST_MAIN("sfdp", cases)
