/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The CMSIS-Driver SPI adapter (integration/cmsis) on the host, against
 * CMSIS 6's own Driver_SPI.h: a CMSIS SPI controller emulated over the
 * device model (its transfers clock the model's bus, its chip select is
 * the model's, it stays busy for a seeded number of status polls), the
 * raw NOR driver and the whole service run over the adapter, and every
 * failure a CMSIS driver can report is forced once and must reach the
 * framework as its status, with the chip deselected.
 */
#include <string.h>

#include "Driver_SPI.h"
#include "devmodel/sf_model.h"
#include "etss_host.h"
#include "etss_service.h"
#include "etss_spi_cmsis.h"
#include "nor_flash.h"
#include "provision_config.h"
#include "seeded.h"
#include "spi_nor_defs.h"
#include "test_harness.h"

/* ---- a CMSIS SPI controller wired to a device model ---- */

static struct controller {
    nor_model_t *nor;
    bool initialized;
    bool powered;
    bool selected;
    uint32_t mode; /* the last ARM_SPI_MODE_* control */
    uint32_t bus_speed_hz;
    uint32_t count;     /* frames the last transfer moved */
    uint32_t busy_left; /* polls the current transfer stays busy for */
    uint64_t seed;      /* draws each transfer's busy polls */
    unsigned aborts;
    unsigned transfers;
    /* Forced once: the next transfer's start answers `start`; the next
     * one loses data, moves one frame less, or never ends. */
    int32_t start;
    bool data_lost;
    bool short_count;
    bool stuck;
    bool refuse_init; /* Initialize answers BUSY */
} ctl;

static int32_t start_transfer(const void *out, void *in, uint32_t num)
{
    if (!ctl.powered || !ctl.selected) {
        return ARM_DRIVER_ERROR;
    }
    if (ctl.start != ARM_DRIVER_OK) {
        int32_t rc = ctl.start;
        ctl.start = ARM_DRIVER_OK;
        return rc;
    }
    ctl.transfers++;
    nor_model_clock(ctl.nor, out, in, num);
    ctl.count = ctl.short_count ? num - 1u : num;
    ctl.short_count = false;
    ctl.busy_left = seeded_below(&ctl.seed, 4u);
    return ARM_DRIVER_OK;
}

static int32_t spi_initialize(ARM_SPI_SignalEvent_t cb)
{
    if (ctl.refuse_init) {
        return ARM_DRIVER_ERROR_BUSY;
    }
    ctl.initialized = cb == NULL; /* the adapter polls; it sets no callback */
    return ctl.initialized ? ARM_DRIVER_OK : ARM_DRIVER_ERROR;
}

static int32_t spi_uninitialize(void)
{
    ctl.initialized = false;
    return ARM_DRIVER_OK;
}

static int32_t spi_power_control(ARM_POWER_STATE state)
{
    ctl.powered = ctl.initialized && state == ARM_POWER_FULL;
    return ctl.initialized ? ARM_DRIVER_OK : ARM_DRIVER_ERROR;
}

static int32_t spi_send(const void *data, uint32_t num)
{
    return start_transfer(data, NULL, num);
}

static int32_t spi_receive(void *data, uint32_t num)
{
    return start_transfer(NULL, data, num);
}

static int32_t spi_transfer(const void *out, void *in, uint32_t num)
{
    return start_transfer(out, in, num);
}

static uint32_t spi_data_count(void)
{
    return ctl.count;
}

static int32_t spi_control(uint32_t control, uint32_t arg)
{
    switch (control & ARM_SPI_CONTROL_Msk) {
    case ARM_SPI_MODE_MASTER:
        ctl.mode = control;
        ctl.bus_speed_hz = arg;
        return ARM_DRIVER_OK;
    case ARM_SPI_CONTROL_SS:
        if (arg == ARM_SPI_SS_ACTIVE && !ctl.selected) {
            nor_model_select(ctl.nor);
        } else if (arg == ARM_SPI_SS_INACTIVE && ctl.selected) {
            nor_model_deselect(ctl.nor);
        }
        ctl.selected = arg == ARM_SPI_SS_ACTIVE;
        return ARM_DRIVER_OK;
    case ARM_SPI_ABORT_TRANSFER:
        ctl.aborts++;
        ctl.stuck = false;
        ctl.busy_left = 0;
        return ARM_DRIVER_OK;
    default:
        return ARM_DRIVER_ERROR_UNSUPPORTED;
    }
}

static ARM_SPI_STATUS spi_status(void)
{
    ARM_SPI_STATUS s = {0};
    s.busy = ctl.stuck || ctl.busy_left > 0u ? 1u : 0u;
    if (ctl.busy_left > 0u) {
        ctl.busy_left--;
    }
    if (!s.busy && ctl.data_lost) {
        s.data_lost = 1u;
    }
    return s;
}

static ARM_DRIVER_VERSION spi_version(void)
{
    return (ARM_DRIVER_VERSION){ARM_SPI_API_VERSION, ARM_DRIVER_VERSION_MAJOR_MINOR(1, 0)};
}

static ARM_SPI_CAPABILITIES spi_capabilities(void)
{
    return (ARM_SPI_CAPABILITIES){0};
}

static ARM_DRIVER_SPI controller_driver = {
    .GetVersion = spi_version,
    .GetCapabilities = spi_capabilities,
    .Initialize = spi_initialize,
    .Uninitialize = spi_uninitialize,
    .PowerControl = spi_power_control,
    .Send = spi_send,
    .Receive = spi_receive,
    .Transfer = spi_transfer,
    .GetDataCount = spi_data_count,
    .Control = spi_control,
    .GetStatus = spi_status,
};

static void board_delay_us(uint32_t us)
{
    nor_model_advance(ctl.nor, (uint64_t)us * 1000u);
}

static struct etss_spi_cmsis port;
static struct etss_spi_driver transport;

/* The controller on `nor`, and the adapter over it. */
static const struct etss_spi_driver *wire(nor_model_t *nor, uint64_t seed)
{
    memset(&ctl, 0, sizeof(ctl));
    ctl.nor = nor;
    ctl.seed = seed;
    port = (struct etss_spi_cmsis){.spi = &controller_driver,
                                   .bus_speed_hz = 50000000u,
                                   .max_polls = 100u,
                                   .delay_us = board_delay_us};
    return etss_spi_cmsis_bind(&port, &transport);
}

static nor_model_t *plain_nor(void)
{
    struct nor_model_config cfg;
    enum nor_model_status st;
    nor_model_default_config(&cfg);
    return nor_model_create(&cfg, &st);
}

/* ---- tests ---- */

static void test_bind_refuses_an_incomplete_port(void)
{
    struct etss_spi_driver out;
    struct etss_spi_cmsis p = {
        .spi = &controller_driver, .max_polls = 1u, .delay_us = board_delay_us};
    CHECK(etss_spi_cmsis_bind(&p, &out) == &out);
    CHECK(etss_spi_cmsis_bind(NULL, &out) == NULL);
    CHECK(etss_spi_cmsis_bind(&p, NULL) == NULL);
    p.spi = NULL;
    CHECK(etss_spi_cmsis_bind(&p, &out) == NULL);
    p.spi = &controller_driver;
    p.delay_us = NULL;
    CHECK(etss_spi_cmsis_bind(&p, &out) == NULL);
    p.delay_us = board_delay_us;
    p.max_polls = 0u;
    CHECK(etss_spi_cmsis_bind(&p, &out) == NULL);
}

/* Initialize configures the controller as the adapter documents it. */
static void test_initialize_sets_mode_0_master(void)
{
    nor_model_t *nor = plain_nor();
    const struct etss_spi_driver *spi = wire(nor, 1u);
    CHECK_EQ(spi->ops->initialize(spi->ctx), ETSS_SPI_OK);
    CHECK(ctl.initialized && ctl.powered && !ctl.selected);
    CHECK_EQ(ctl.mode, ARM_SPI_MODE_MASTER | ARM_SPI_CPOL0_CPHA0 | ARM_SPI_MSB_LSB |
                           ARM_SPI_SS_MASTER_SW | ARM_SPI_DATA_BITS(8));
    CHECK_EQ(ctl.bus_speed_hz, 50000000u);
    CHECK_EQ(spi->ops->control(spi->ctx, ETSS_SPI_CONTROL_SS, 7u), ETSS_SPI_ERROR_PARAMETER);
    CHECK_EQ(spi->ops->control(spi->ctx, 99u, ETSS_SPI_SS_ACTIVE), ETSS_SPI_ERROR_PARAMETER);
    CHECK(!ctl.selected);
    CHECK_EQ(spi->ops->uninitialize(spi->ctx), ETSS_SPI_OK);
    CHECK(!ctl.initialized && !ctl.powered);
    /* The NOR driver brings the bus up itself, and says when it cannot. */
    struct nor_flash flash;
    ctl.refuse_init = true;
    CHECK_EQ(etss_nor_init(&flash, spi), SF_ERR_BUS_BUSY);
    ctl.refuse_init = false;
    CHECK_EQ(etss_nor_init(&flash, spi), SF_OK);
    CHECK(ctl.powered && !ctl.selected);
    nor_model_destroy(nor);
}

/* Seeded programs, reads and erases through the raw NOR driver over the
 * adapter, checked against a copy of what the array must hold. */
static void test_raw_nor_over_the_adapter(void)
{
    enum { SPAN = 64u * 1024u };
    static uint8_t expect[SPAN];
    static uint8_t data[1024];
    static uint8_t got[SPAN];
    struct nor_flash flash;
    nor_model_t *nor = plain_nor();
    uint64_t seed = 0x5eedc5150001ull;
    CHECK_EQ(etss_nor_init(&flash, wire(nor, seed)), SF_OK);
    CHECK_EQ(flash.jedec_id[0], 0xC2);
    CHECK_EQ(flash.geo.size_bytes, 16u << 20);
    CHECK_EQ(etss_nor_erase(&flash, 0, SPAN), SF_OK);
    memset(expect, 0xFF, sizeof(expect));
    for (unsigned op = 0; op < 300u; op++) {
        uint32_t addr = seeded_below(&seed, SPAN - sizeof(data));
        uint32_t len = 1u + seeded_below(&seed, sizeof(data));
        switch (seeded_below(&seed, 8u)) {
        case 0: { /* erase one sector */
            uint32_t sector = addr / 4096u * 4096u;
            CHECK_EQ(etss_nor_erase(&flash, sector, 4096u), SF_OK);
            memset(&expect[sector], 0xFF, 4096u);
            break;
        }
        case 1:
        case 2:
        case 3:
            seeded_fill(data, len, seeded_next(&seed));
            CHECK_EQ(etss_nor_program(&flash, addr, data, len), SF_OK);
            for (uint32_t i = 0; i < len; i++) {
                expect[addr + i] &= data[i]; /* NOR: a program only clears bits */
            }
            break;
        default:
            CHECK_EQ(etss_nor_read(&flash, addr, got, len), SF_OK);
            CHECK_MEM_EQ(got, &expect[addr], len);
        }
    }
    CHECK_EQ(etss_nor_read(&flash, 0, got, SPAN), SF_OK);
    CHECK_MEM_EQ(got, expect, SPAN);
    CHECK(!ctl.selected);
    nor_model_destroy(nor);
}

/* The service on a secure flash whose only way to the host is the adapter:
 * boot, provisioning, sets and gets, a counter, a reboot. */
static void test_service_over_the_adapter(void)
{
    static const char zone_config[] = "[zone 0]\nbase = 0\nsize = 0x40000\n"
                                      "read = encrypted\nwrite = authenticated\n"
                                      "[binding]\nclient = -1\nzone = 0\ncounter = 0\n";
    static const uint8_t huk[32] = "ETSS CMSIS adapter test HUK....";
    uint8_t maker[65];
    uint8_t msg[512];
    uint8_t value[200];
    uint8_t got[200];
    size_t len = 0;
    size_t n = 0;
    char err[128];
    struct provision_config cfg;
    struct sf_model_config mcfg;
    enum nor_model_status st;
    sf_model_default_config(&mcfg);
    sf_model_t *part = sf_model_create(&mcfg, &st);
    CHECK(part != NULL);
    CHECK_EQ(provision_config_parse(zone_config, strlen(zone_config), &cfg, err, sizeof(err)), 0);
    CHECK_EQ(provision_config_encode(&cfg, msg, sizeof(msg), &len), 0);
    CHECK_EQ(sf_model_maker_public_key(0u, maker), 0);
    etss_host_set_spi(0, wire(sf_model_nor(part), 0x5eedc5150002ull));
    CHECK_EQ(etss_host_set_trust(maker, NULL), 0);
    CHECK_EQ(etss_host_set_huk(huk, sizeof(huk)), 0);
    CHECK_EQ(etss_service_init(), ETSS_ERR_SF_UNPROVISIONED);
    CHECK_EQ(etss_service_provision(300, msg, len), ETSS_SUCCESS);
    for (uint64_t uid = 1; uid <= 8u; uid++) {
        seeded_fill(value, sizeof(value), uid);
        CHECK_EQ(etss_service_set(-1, uid, value, (size_t)(uid * 20u), 0), ETSS_SUCCESS);
    }
    CHECK_EQ(etss_service_mc_increment(-1, 0), ETSS_SUCCESS);
    nor_model_power_cycle(sf_model_nor(part));
    CHECK_EQ(etss_service_init(), ETSS_SUCCESS);
    for (uint64_t uid = 1; uid <= 8u; uid++) {
        seeded_fill(value, sizeof(value), uid);
        CHECK_EQ(etss_service_get(-1, uid, 0, got, sizeof(got), &n), ETSS_SUCCESS);
        CHECK_EQ(n, uid * 20u);
        CHECK_MEM_EQ(got, value, n);
    }
    CHECK(ctl.transfers > 100u && !ctl.selected);
    sf_model_destroy(part);
}

/* Each failure a CMSIS driver reports, once: its status reaches the
 * framework (etss_spi_transaction), the chip ends deselected, and the
 * next transaction works. */
static void test_driver_failures_reach_the_framework(void)
{
    static const struct {
        int32_t start;
        bool data_lost, short_count, stuck;
        int want;
    } failures[] = {
        {ARM_DRIVER_ERROR_BUSY, false, false, false, SF_ERR_BUS_BUSY},
        {ARM_DRIVER_ERROR_TIMEOUT, false, false, false, SF_ERR_BUS_TIMEOUT},
        {ARM_DRIVER_ERROR_UNSUPPORTED, false, false, false, SF_ERR_BUS_UNSUPPORTED},
        {ARM_DRIVER_ERROR_PARAMETER, false, false, false, SF_ERR_BUS_PARAM},
        {ARM_DRIVER_ERROR, false, false, false, SF_ERR_BUS},
        {ARM_DRIVER_ERROR_SPECIFIC - 3, false, false, false, SF_ERR_BUS},
        {ARM_DRIVER_OK, true, false, false, SF_ERR_BUS},
        {ARM_DRIVER_OK, false, true, false, SF_ERR_BUS},
        {ARM_DRIVER_OK, false, false, true, SF_ERR_BUS_TIMEOUT},
    };
    static const uint8_t rdid = SPI_NOR_OP_RDID;
    uint8_t id[3];
    nor_model_t *nor = plain_nor();
    const struct etss_spi_driver *spi = wire(nor, 3u);
    CHECK_EQ(spi->ops->initialize(spi->ctx), ETSS_SPI_OK);
    for (size_t i = 0; i < sizeof(failures) / sizeof(failures[0]); i++) {
        unsigned aborts = ctl.aborts;
        ctl.start = failures[i].start;
        ctl.data_lost = failures[i].data_lost;
        ctl.short_count = failures[i].short_count;
        ctl.stuck = failures[i].stuck;
        CHECK_EQ(etss_spi_transaction(spi, &rdid, 1u, NULL, 0u, id, sizeof(id)), failures[i].want);
        CHECK(!ctl.selected);
        CHECK_EQ(ctl.aborts - aborts,
                 failures[i].stuck ? 1u : 0u); /* a stuck transfer is aborted */
        ctl.data_lost = false;
        CHECK_EQ(etss_spi_transaction(spi, &rdid, 1u, NULL, 0u, id, sizeof(id)), SF_OK);
        CHECK_EQ(id[0], 0xC2);
    }
    nor_model_destroy(nor);
}

static const struct test_case cases[] = {
    TEST_CASE(test_bind_refuses_an_incomplete_port),
    TEST_CASE(test_initialize_sets_mode_0_master),
    TEST_CASE(test_raw_nor_over_the_adapter),
    TEST_CASE(test_service_over_the_adapter),
    TEST_CASE(test_driver_failures_reach_the_framework),
};

TEST_MAIN("the CMSIS-Driver SPI adapter", cases)
