/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Raw NOR driver. Each program or erase is: WREN, check that WEL latched,
 * the command, poll WIP within the part's announced maximum time, then
 * check the sticky fail flags (and clear them so the next step starts
 * clean).
 */
#include <string.h>

#include "nor_flash.h"
#include "spi_nor_defs.h"

/* When SFDP gives no time: generous bounds for any serial NOR. */
#define DEFAULT_PROGRAM_TIMEOUT_US 10000u
#define DEFAULT_ERASE_TIMEOUT_US 4000000u
#define DEFAULT_CHIP_ERASE_TIMEOUT_US 400000000u
#define RESET_RECOVERY_US 100u
/* Poll steps (etss_nor_poll_idle) stay within these. */
#define POLL_FINE_US 10u
#define POLL_COARSE_US 500u
#define READ_CHUNK 4096u

static int command(const struct nor_flash *flash, uint8_t opcode)
{
    return etss_spi_transaction(flash->spi, &opcode, 1u, NULL, 0u, NULL, 0u);
}

static void address_header(uint8_t hdr[1 + SPI_NOR_ADDR_BYTES], uint8_t opcode, uint32_t addr)
{
    hdr[0] = opcode;
    hdr[1] = (uint8_t)(addr >> 16);
    hdr[2] = (uint8_t)(addr >> 8);
    hdr[3] = (uint8_t)addr;
}

static int read_register(const struct nor_flash *flash, uint8_t opcode, uint8_t *value)
{
    return etss_spi_transaction(flash->spi, &opcode, 1u, NULL, 0u, value, 1u);
}

static int usable(const struct nor_flash *flash)
{
    if (flash == NULL) {
        return SF_ERR_PARAM;
    }
    return flash->initialized ? SF_OK : SF_ERR_NOT_INITIALIZED;
}

/* The range [addr, addr + len) lies inside the array (overflow-safe). */
static int in_range(const struct nor_flash *flash, uint32_t addr, size_t len)
{
    return addr <= flash->geo.size_bytes && len <= flash->geo.size_bytes - addr;
}

int etss_nor_read_status(struct nor_flash *flash, uint8_t *status)
{
    int rc = usable(flash);
    if (rc != SF_OK) {
        return rc;
    }
    if (status == NULL) {
        return SF_ERR_PARAM;
    }
    return read_register(flash, SPI_NOR_OP_RDSR, status);
}

int etss_nor_poll_idle(const struct etss_spi_driver *spi, uint32_t typ_us, uint32_t timeout_us)
{
    if (spi == NULL || spi->ops == NULL) {
        return SF_ERR_PARAM;
    }
    const uint32_t typ = typ_us < timeout_us ? typ_us : timeout_us;
    uint32_t waited = typ;
    if (typ != 0u) {
        spi->ops->delay_us(spi->ctx, typ);
    }
    for (;;) {
        uint8_t op = SPI_NOR_OP_RDSR;
        uint8_t sr = 0xFFu;
        int rc = etss_spi_transaction(spi, &op, 1u, NULL, 0u, &sr, 1u);
        if (rc != SF_OK) {
            return rc;
        }
        if ((sr & SPI_NOR_SR_WIP) == 0u) {
            return SF_OK;
        }
        if (waited >= timeout_us) {
            return SF_ERR_TIMEOUT; /* a dead or stuck part */
        }
        /* Past the typical time, what is left is unknown: steps of a
         * quarter of the time past it, never more than a 32nd of all. */
        uint32_t past = (waited - typ) / 4u;
        uint32_t step = past < waited / 32u ? past : waited / 32u;
        step = step < POLL_FINE_US ? POLL_FINE_US : step > POLL_COARSE_US ? POLL_COARSE_US : step;
        spi->ops->delay_us(spi->ctx, step);
        waited = waited > UINT32_MAX - step ? UINT32_MAX : waited + step;
    }
}

int etss_nor_wait_ready(struct nor_flash *flash, uint32_t timeout_us)
{
    int rc = usable(flash);
    return rc != SF_OK ? rc : etss_nor_poll_idle(flash->spi, 0u, timeout_us);
}

int etss_nor_clear_errors(struct nor_flash *flash)
{
    int rc = usable(flash);
    return rc != SF_OK ? rc : command(flash, SPI_NOR_OP_CLSR);
}

static int write_enable(const struct nor_flash *flash)
{
    uint8_t sr;
    int rc = command(flash, SPI_NOR_OP_WREN);
    if (rc == SF_OK) {
        rc = read_register(flash, SPI_NOR_OP_RDSR, &sr);
    }
    if (rc == SF_OK && (sr & (SPI_NOR_SR_WEL | SPI_NOR_SR_WIP)) != SPI_NOR_SR_WEL) {
        rc = SF_ERR_WRITE_ENABLE;
    }
    return rc;
}

/* After a program or erase: report a sticky failure and clear it. */
static int check_failure(const struct nor_flash *flash, uint8_t fail_bit)
{
    uint8_t scur;
    int rc = read_register(flash, SPI_NOR_OP_RDSCUR, &scur);
    if (rc != SF_OK) {
        return rc;
    }
    if ((scur & (fail_bit | SPI_NOR_SCUR_SEC_VIOLATION)) == 0u) {
        return SF_OK;
    }
    rc = command(flash, SPI_NOR_OP_CLSR);
    if (rc != SF_OK) {
        return rc;
    }
    return (scur & SPI_NOR_SCUR_SEC_VIOLATION) != 0u ? SF_ERR_DENIED : SF_ERR_FLASH;
}

/* One write-type command: WREN, the command with its data, wait, check. */
static int write_step(const struct nor_flash *flash, const uint8_t *hdr, size_t hdr_len,
                      const void *data, size_t len, uint32_t typ_us, uint32_t max_us,
                      uint8_t fail_bit)
{
    /* The part may still be busy with work of its own (a secure flash
     * updating its internal state): WREN would be ignored. */
    int rc = etss_nor_poll_idle(flash->spi, 0u, DEFAULT_PROGRAM_TIMEOUT_US);
    if (rc == SF_OK) {
        rc = write_enable(flash);
    }
    if (rc == SF_OK) {
        rc = etss_spi_transaction(flash->spi, hdr, hdr_len, data, len, NULL, 0u);
    }
    if (rc == SF_OK) {
        rc = etss_nor_poll_idle(flash->spi, typ_us, max_us);
    }
    if (rc == SF_OK) {
        rc = check_failure(flash, fail_bit);
    }
    return rc;
}

int etss_nor_reset(struct nor_flash *flash)
{
    if (flash == NULL || flash->spi == NULL) {
        return SF_ERR_PARAM;
    }
    int rc = command(flash, SPI_NOR_OP_RSTEN);
    if (rc == SF_OK) {
        rc = command(flash, SPI_NOR_OP_RST);
    }
    if (rc == SF_OK) {
        flash->spi->ops->delay_us(flash->spi->ctx, RESET_RECOVERY_US);
    }
    return rc;
}

int etss_nor_init(struct nor_flash *flash, const struct etss_spi_driver *spi)
{
    struct sfdp_table_ref bfpt;
    uint32_t dwords[SFDP_BFPT_DWORDS];
    size_t n;
    uint8_t opcode = SPI_NOR_OP_RDID;

    if (flash == NULL || spi == NULL || spi->ops == NULL || spi->ops->delay_us == NULL) {
        return SF_ERR_PARAM;
    }
    memset(flash, 0, sizeof(*flash));
    flash->spi = spi;
    int rc = etss_spi_initialize(spi);
    if (rc == SF_OK) {
        rc = etss_nor_reset(flash);
    }
    if (rc == SF_OK) {
        rc = etss_spi_transaction(spi, &opcode, 1u, NULL, 0u, flash->jedec_id, 3u);
    }
    if (rc != SF_OK) {
        return rc;
    }
    /* A floating or shorted bus reads all ones or all zeros. */
    if ((flash->jedec_id[0] == 0xFFu && flash->jedec_id[1] == 0xFFu) ||
        (flash->jedec_id[0] == 0x00u && flash->jedec_id[1] == 0x00u)) {
        return SF_ERR_NO_DEVICE;
    }
    int src = etss_sfdp_find_table(spi, SFDP_ID_BFPT, &bfpt);
    if (src == SF_OK) {
        src = etss_sfdp_read_table(spi, &bfpt, dwords, SFDP_BFPT_DWORDS, &n);
    }
    if (src == SF_OK) {
        src = etss_sfdp_parse_bfpt(dwords, n, &flash->geo);
    }
    if (src != SF_OK) {
        return src;
    }
    flash->initialized = 1;
    return SF_OK;
}

int etss_nor_read(struct nor_flash *flash, uint32_t addr, void *buf, size_t len)
{
    uint8_t hdr[1 + SPI_NOR_ADDR_BYTES];
    uint8_t *out = buf;
    int rc = usable(flash);
    if (rc != SF_OK) {
        return rc;
    }
    if (buf == NULL && len != 0u) {
        return SF_ERR_PARAM;
    }
    if (!in_range(flash, addr, len)) {
        return SF_ERR_RANGE;
    }
    for (size_t done = 0; done < len;) {
        size_t n = len - done < READ_CHUNK ? len - done : READ_CHUNK;
        address_header(hdr, SPI_NOR_OP_READ, addr + (uint32_t)done);
        rc = etss_spi_transaction(flash->spi, hdr, sizeof(hdr), NULL, 0u, &out[done], n);
        if (rc != SF_OK) {
            return rc;
        }
        done += n;
    }
    return SF_OK;
}

int etss_nor_program(struct nor_flash *flash, uint32_t addr, const void *data, size_t len)
{
    uint8_t hdr[1 + SPI_NOR_ADDR_BYTES];
    const uint8_t *in = data;
    int rc = usable(flash);
    if (rc != SF_OK) {
        return rc;
    }
    if (data == NULL && len != 0u) {
        return SF_ERR_PARAM;
    }
    if (!in_range(flash, addr, len)) {
        return SF_ERR_RANGE;
    }
    uint32_t typ = flash->geo.page_program_typ_us;
    uint32_t max = flash->geo.page_program_max_us != 0u ? flash->geo.page_program_max_us
                                                        : DEFAULT_PROGRAM_TIMEOUT_US;
    for (size_t done = 0; done < len;) {
        uint32_t at = addr + (uint32_t)done;
        size_t room = flash->geo.page_size - (at & (flash->geo.page_size - 1u));
        size_t n = len - done < room ? len - done : room;
        address_header(hdr, SPI_NOR_OP_PP, at);
        rc = write_step(flash, hdr, sizeof(hdr), &in[done], n, typ, max, SPI_NOR_SCUR_P_FAIL);
        if (rc != SF_OK) {
            return rc;
        }
        done += n;
    }
    return SF_OK;
}

/* The largest erase type aligned at addr that fits in the remaining length. */
static const struct sfdp_erase_type *pick_erase(const struct nor_flash *flash, uint32_t addr,
                                                size_t remaining)
{
    for (uint8_t i = flash->geo.n_erase_types; i > 0u; i--) {
        const struct sfdp_erase_type *e = &flash->geo.erase[i - 1u];
        if ((addr & (e->size - 1u)) == 0u && e->size <= remaining) {
            return e;
        }
    }
    return NULL;
}

/* a + b, a * b, held at UINT32_MAX (no 64-bit arithmetic in a partition). */
static uint32_t add_held(uint32_t a, uint32_t b)
{
    return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

static uint32_t mul_held(uint32_t a, uint32_t b)
{
    return b != 0u && a > UINT32_MAX / b ? UINT32_MAX : a * b;
}

uint32_t etss_nor_program_typ_us(const struct nor_flash *flash, uint32_t addr, size_t len)
{
    uint32_t page = flash != NULL ? flash->geo.page_size : 0u;
    if (page == 0u || len == 0u || len > UINT32_MAX - page) {
        return 0u;
    }
    uint32_t span = addr % page + (uint32_t)len;
    uint32_t pages = span / page + (span % page != 0u ? 1u : 0u);
    return mul_held(pages, flash->geo.page_program_typ_us);
}

uint32_t etss_nor_erase_typ_us(const struct nor_flash *flash, uint32_t addr, size_t len)
{
    uint32_t us = 0;
    for (size_t done = 0; flash != NULL && done < len;) {
        const struct sfdp_erase_type *e = pick_erase(flash, addr + (uint32_t)done, len - done);
        if (e == NULL) {
            return 0u; /* a range etss_nor_erase refuses */
        }
        us = add_held(us, e->typ_time_us);
        done += e->size;
    }
    return us;
}

int etss_nor_erase(struct nor_flash *flash, uint32_t addr, size_t len)
{
    uint8_t hdr[1 + SPI_NOR_ADDR_BYTES];
    int rc = usable(flash);
    if (rc != SF_OK) {
        return rc;
    }
    if (!in_range(flash, addr, len)) {
        return SF_ERR_RANGE;
    }
    uint32_t unit = flash->geo.erase[0].size;
    if ((addr % unit) != 0u || (len % unit) != 0u) {
        return SF_ERR_ALIGNMENT;
    }
    for (size_t done = 0; done < len;) {
        uint32_t at = addr + (uint32_t)done;
        const struct sfdp_erase_type *e = pick_erase(flash, at, len - done);
        if (e == NULL) {
            return SF_ERR_ALIGNMENT; /* unreachable: the smallest always fits */
        }
        address_header(hdr, e->opcode, at);
        rc = write_step(flash, hdr, sizeof(hdr), NULL, 0u, e->typ_time_us,
                        e->max_time_us != 0u ? e->max_time_us : DEFAULT_ERASE_TIMEOUT_US,
                        SPI_NOR_SCUR_E_FAIL);
        if (rc != SF_OK) {
            return rc;
        }
        done += e->size;
    }
    return SF_OK;
}

int etss_nor_erase_chip(struct nor_flash *flash)
{
    const uint8_t op = SPI_NOR_OP_CE;
    int rc = usable(flash);
    if (rc != SF_OK) {
        return rc;
    }
    return write_step(flash, &op, 1u, NULL, 0u, flash->geo.chip_erase_typ_us,
                      flash->geo.chip_erase_max_us != 0u ? flash->geo.chip_erase_max_us
                                                         : DEFAULT_CHIP_ERASE_TIMEOUT_US,
                      SPI_NOR_SCUR_E_FAIL);
}
