/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host driver of an RPMC serial flash (docs/rpmc.md). Nothing the part
 * answers is believed without a check: a counter value counts only with
 * the echo of our fresh tag and a valid signature under the counter's HMAC
 * key, and an increment only once a second authenticated read confirms it.
 */
#include <string.h>

#include "etss_bytes.h"
#include "rpmc_host.h"
#include "sfdp.h"
#include "spi_nor_defs.h"

#define MIN_TIMEOUT_US 1000u

static bool valid_counter(const struct rpmc *r, uint32_t counter)
{
    return r != NULL && r->spi != NULL && counter < r->info.n_counters;
}

static uint32_t decode_delay(uint8_t b, bool long_units)
{
    static const uint32_t short_units[4] = RPMC_SHORT_UNITS_US;
    static const uint32_t long_units_us[4] = RPMC_LONG_UNITS_US;
    uint32_t unit = (uint32_t)(b >> RPMC_DELAY_UNIT_SHIFT) & 3u;
    return (uint32_t)(b & RPMC_DELAY_COUNT_MASK) * (long_units ? long_units_us : short_units)[unit];
}

static void header(const struct rpmc *r, uint8_t *msg, uint8_t type, uint32_t counter)
{
    msg[0] = r->info.op1;
    msg[1] = type;
    msg[2] = (uint8_t)counter;
    msg[3] = 0u;
}

/* ---- the bus ---- */

static int xfer(const struct rpmc *r, const uint8_t *hdr, size_t hdr_len, const uint8_t *tx,
                size_t tx_len, uint8_t *rx, size_t rx_len)
{
    return etss_spi_transaction(r->spi, hdr, hdr_len, tx, tx_len, rx, rx_len);
}

static int read_answer(const struct rpmc *r, uint8_t *buf, size_t len)
{
    const uint8_t hdr[RPMC_OP2_HEADER_LEN] = {r->info.op2, 0u};
    return xfer(r, hdr, sizeof(hdr), NULL, 0u, buf, len);
}

static uint32_t timeout_us(const struct rpmc *r)
{
    return r->info.write_long_delay_us > MIN_TIMEOUT_US ? r->info.write_long_delay_us
                                                        : MIN_TIMEOUT_US;
}

/* Wait `first_us`, then poll the announced way until the part is idle. */
static int wait_ready(const struct rpmc *r, uint32_t first_us, bool by_rdsr)
{
    const uint32_t limit = timeout_us(r);
    uint32_t step = first_us / 4u != 0u ? first_us / 4u : 1u;
    uint32_t waited = 0u;
    if (first_us != 0u) {
        r->spi->ops->delay_us(r->spi->ctx, first_us);
        waited = first_us;
    }
    for (;;) {
        uint8_t st = 0xFFu;
        int rc;
        if (by_rdsr) {
            const uint8_t op = SPI_NOR_OP_RDSR;
            rc = xfer(r, &op, 1u, NULL, 0u, &st, 1u);
            st &= SPI_NOR_SR_WIP;
        } else {
            rc = read_answer(r, &st, 1u);
            st &= RPMC_ST_BUSY;
        }
        if (rc != SF_OK) {
            return rc;
        }
        if (st == 0u) {
            return SF_OK;
        }
        if (waited >= limit) {
            return SF_ERR_TIMEOUT; /* a dead or stuck part */
        }
        r->spi->ops->delay_us(r->spi->ctx, step);
        waited += step;
    }
}

/* Send one OP1 message and fetch the extended status it left. A busy part
 * would ignore the command and leave an old status, so wait for idle first. */
static int send_op1(struct rpmc *r, const uint8_t *msg, size_t len, uint32_t first_wait_us)
{
    int rc = wait_ready(r, 0u, true);
    if (rc == SF_OK) {
        rc = xfer(r, msg, len, NULL, 0u, NULL, 0u);
    }
    if (rc == SF_OK) {
        rc = wait_ready(r, first_wait_us, r->info.poll_rdsr);
    }
    uint8_t st = 0u;
    if (rc == SF_OK) {
        rc = read_answer(r, &st, 1u);
    }
    r->last_status = rc == SF_OK ? st : 0u;
    return rc;
}

/* Map a failed status; `command` tells what bit 1 means. */
static int status_error(uint8_t st, uint8_t command)
{
    if (st == RPMC_ST_SUCCESS) {
        return SF_OK;
    }
    if ((st & (RPMC_ST_SUCCESS | RPMC_ST_BUSY | RPMC_ST_FATAL)) != 0u) {
        return SF_ERR_DEVICE;
    }
    if ((st & RPMC_ST_HMAC_KEY_UNINIT) != 0u) {
        return SF_ERR_NO_SESSION;
    }
    if ((st & RPMC_ST_COUNTER_MISMATCH) != 0u) {
        return SF_ERR_COUNTER_MOVED;
    }
    if ((st & RPMC_ST_ROOT_KEY) != 0u) {
        return command == RPMC_CMD_WRITE_ROOT_KEY ? SF_ERR_ROOT_KEY_SET : SF_ERR_NO_ROOT_KEY;
    }
    if ((st & RPMC_ST_BAD_REQUEST) != 0u) {
        return SF_ERR_AUTH;
    }
    return SF_ERR_DEVICE;
}

/* ---- discovery ---- */

int rpmc_init(struct rpmc *r, const struct etss_spi_driver *spi)
{
    if (r == NULL || spi == NULL || spi->ops == NULL) {
        return SF_ERR_PARAM;
    }
    memset(r, 0, sizeof(*r));
    int rc = sf_crypto_init();
    if (rc != SF_OK) {
        return rc;
    }
    struct sfdp_table_ref ref;
    rc = etss_sfdp_find_table(spi, RPMC_SFDP_ID, &ref);
    if (rc != SF_OK) {
        return sf_bus_failed(rc) ? rc : SF_ERR_NO_DEVICE;
    }
    uint32_t dw[RPMC_SFDP_DWORDS] = {0u, 0u};
    size_t n = 0u;
    if (ref.rev_major != RPMC_SFDP_REV_MAJOR || ref.n_dwords < RPMC_SFDP_DWORDS) {
        return SF_ERR_NO_DEVICE;
    }
    rc = etss_sfdp_read_table(spi, &ref, dw, RPMC_SFDP_DWORDS, &n);
    if (rc != SF_OK) {
        return sf_bus_failed(rc) ? rc : SF_ERR_NO_DEVICE;
    }
    struct rpmc_info *in = &r->info;
    in->op1 = (uint8_t)(dw[0] >> RPMC_SFDP_OP1_SHIFT);
    in->op2 = (uint8_t)(dw[0] >> RPMC_SFDP_OP2_SHIFT);
    if (n != RPMC_SFDP_DWORDS || (dw[0] & RPMC_SFDP_NOT_SUPPORTED) != 0u ||
        (dw[0] & RPMC_SFDP_COUNTER_NOT_32) != 0u || (dw[0] & RPMC_SFDP_RESERVED1) == 0u ||
        (dw[0] & RPMC_SFDP_RESERVED_RATE) != RPMC_SFDP_RESERVED_RATE ||
        (dw[1] & RPMC_SFDP_RESERVED_DW2) != RPMC_SFDP_RESERVED_DW2 || in->op1 == in->op2) {
        memset(in, 0, sizeof(*in));
        return SF_ERR_NO_DEVICE;
    }
    in->n_counters = (uint8_t)(((dw[0] >> RPMC_SFDP_COUNTERS_SHIFT) & 0xFu) + 1u);
    in->poll_rdsr = (dw[0] & RPMC_SFDP_POLL_RDSR) != 0u;
    in->update_rate_s = 5u << ((dw[0] >> RPMC_SFDP_RATE_SHIFT) & 0xFu);
    in->read_delay_us = decode_delay((uint8_t)dw[1], false);
    in->write_short_delay_us = decode_delay((uint8_t)(dw[1] >> 8), false);
    in->write_long_delay_us = decode_delay((uint8_t)(dw[1] >> 16), true);
    r->spi = spi;
    return SF_OK;
}

void rpmc_deinit(struct rpmc *r)
{
    if (r == NULL) {
        return;
    }
    for (size_t i = 0; i < RPMC_MAX_COUNTERS; i++) {
        sf_crypto_destroy(&r->hmac_key[i]);
    }
    sf_crypto_zeroize(r, sizeof(*r));
}

/* ---- commands ---- */

int rpmc_write_root_key(struct rpmc *r, uint32_t counter, const uint8_t root_key[RPMC_ROOT_KEY_LEN])
{
    if (!valid_counter(r, counter) || root_key == NULL) {
        return SF_ERR_PARAM;
    }
    uint8_t msg[RPMC_LEN_WRITE_ROOT_KEY];
    uint8_t mac[RPMC_SIGNATURE_LEN];
    header(r, msg, RPMC_CMD_WRITE_ROOT_KEY, counter);
    memcpy(&msg[RPMC_HEADER_LEN], root_key, RPMC_ROOT_KEY_LEN);
    int rc = sf_crypto_hmac_with_key_bytes(root_key, msg, RPMC_HEADER_LEN, mac, NULL);
    if (rc == SF_OK) {
        memcpy(&msg[RPMC_HEADER_LEN + RPMC_ROOT_KEY_LEN], &mac[RPMC_TRUNCATED_SIG_SKIP],
               RPMC_TRUNCATED_SIG_LEN);
        rc = send_op1(r, msg, sizeof(msg), r->info.write_short_delay_us);
    }
    sf_crypto_zeroize(msg, sizeof(msg));
    sf_crypto_zeroize(mac, sizeof(mac));
    return rc != SF_OK ? rc : status_error(r->last_status, RPMC_CMD_WRITE_ROOT_KEY);
}

/* Send Update HMAC Key signed with `key` (the HMAC key it sets). */
static int send_update(struct rpmc *r, uint32_t counter, sf_key_t key,
                       const uint8_t key_data[RPMC_KEY_DATA_LEN])
{
    uint8_t msg[RPMC_LEN_UPDATE_HMAC_KEY];
    header(r, msg, RPMC_CMD_UPDATE_HMAC_KEY, counter);
    memcpy(&msg[RPMC_HEADER_LEN], key_data, RPMC_KEY_DATA_LEN);
    int rc = sf_crypto_hmac(key, msg, RPMC_HEADER_LEN + RPMC_KEY_DATA_LEN,
                            &msg[RPMC_HEADER_LEN + RPMC_KEY_DATA_LEN]);
    if (rc != SF_OK) {
        return rc;
    }
    rc = send_op1(r, msg, sizeof(msg), r->info.read_delay_us);
    return rc != SF_OK ? rc : status_error(r->last_status, RPMC_CMD_UPDATE_HMAC_KEY);
}

int rpmc_update_hmac_key_psa(struct rpmc *r, uint32_t counter, sf_key_t root_key,
                             const uint8_t key_data[RPMC_KEY_DATA_LEN])
{
    if (!valid_counter(r, counter) || key_data == NULL || root_key == SF_KEY_NONE) {
        return SF_ERR_PARAM;
    }
    uint8_t derived[RPMC_HMAC_KEY_LEN];
    sf_key_t k = SF_KEY_NONE;
    int rc = sf_crypto_hmac(root_key, key_data, RPMC_KEY_DATA_LEN, derived);
    if (rc == SF_OK) {
        rc = sf_crypto_import(SF_KEY_HMAC_SHA256, derived, sizeof(derived), &k);
    }
    sf_crypto_zeroize(derived, sizeof(derived));
    if (rc == SF_OK) {
        rc = send_update(r, counter, k, key_data);
    }
    if (rc != SF_OK) {
        sf_crypto_destroy(&k);
        return rc;
    }
    sf_crypto_destroy(&r->hmac_key[counter]);
    r->hmac_key[counter] = k;
    memcpy(r->key_data[counter], key_data, RPMC_KEY_DATA_LEN);
    return SF_OK;
}

int rpmc_update_hmac_key(struct rpmc *r, uint32_t counter,
                         const uint8_t root_key[RPMC_ROOT_KEY_LEN],
                         const uint8_t key_data[RPMC_KEY_DATA_LEN])
{
    if (!valid_counter(r, counter) || root_key == NULL || key_data == NULL) {
        return SF_ERR_PARAM;
    }
    sf_key_t k = SF_KEY_NONE;
    int rc = sf_crypto_import(SF_KEY_HMAC_SHA256, root_key, RPMC_ROOT_KEY_LEN, &k);
    if (rc != SF_OK) {
        return rc;
    }
    rc = rpmc_update_hmac_key_psa(r, counter, k, key_data);
    sf_crypto_destroy(&k);
    return rc;
}

/* The part lost its HMAC key (a reset): send the same key again. The
 * command needs only the key data and the derived key we hold. */
static int rekey(struct rpmc *r, uint32_t counter)
{
    return send_update(r, counter, r->hmac_key[counter], r->key_data[counter]);
}

static bool part_lost_key(const struct rpmc *r, int rc, uint32_t counter)
{
    return rc == SF_ERR_NO_SESSION && r->hmac_key[counter] != SF_KEY_NONE;
}

static int request_once(struct rpmc *r, uint32_t counter, uint32_t *value)
{
    uint8_t msg[RPMC_LEN_REQUEST];
    uint8_t answer[RPMC_OP2_ANSWER_LEN];
    const sf_key_t key = r->hmac_key[counter];
    header(r, msg, RPMC_CMD_REQUEST_COUNTER, counter);
    int rc = sf_crypto_random(&msg[RPMC_HEADER_LEN], RPMC_TAG_LEN);
    if (rc == SF_OK) {
        rc = sf_crypto_hmac(key, msg, RPMC_HEADER_LEN + RPMC_TAG_LEN,
                            &msg[RPMC_HEADER_LEN + RPMC_TAG_LEN]);
    }
    if (rc != SF_OK) {
        return rc;
    }
    rc = send_op1(r, msg, sizeof(msg), r->info.read_delay_us);
    if (rc == SF_OK) {
        rc = status_error(r->last_status, RPMC_CMD_REQUEST_COUNTER);
    }
    if (rc == SF_OK) {
        rc = read_answer(r, answer, sizeof(answer));
    }
    if (rc != SF_OK) {
        return rc;
    }
    /* The status byte is not signed; tag and counter are. */
    bool tag_ok = sf_crypto_equal(&answer[RPMC_OP2_OFF_TAG], &msg[RPMC_HEADER_LEN], RPMC_TAG_LEN);
    int v = sf_crypto_hmac_verify(key, &answer[RPMC_OP2_OFF_TAG], RPMC_TAG_LEN + RPMC_COUNTER_LEN,
                                  &answer[RPMC_OP2_OFF_SIGNATURE]);
    if (v != SF_OK && v != SF_ERR_VERIFY) {
        return v; /* the service failed: not the part's answer */
    }
    if (!tag_ok || v != SF_OK || answer[RPMC_OP2_OFF_STATUS] != RPMC_ST_SUCCESS) {
        return SF_ERR_COMM;
    }
    *value = etss_get_be32(&answer[RPMC_OP2_OFF_COUNTER]);
    return SF_OK;
}

int rpmc_read_counter(struct rpmc *r, uint32_t counter, uint32_t *value)
{
    if (!valid_counter(r, counter) || value == NULL) {
        return SF_ERR_PARAM;
    }
    if (r->hmac_key[counter] == SF_KEY_NONE) {
        return SF_ERR_NO_SESSION;
    }
    int rc = request_once(r, counter, value);
    if (part_lost_key(r, rc, counter)) {
        rc = rekey(r, counter);
        if (rc == SF_OK) {
            rc = request_once(r, counter, value);
        }
    }
    return rc;
}

static int send_increment(struct rpmc *r, uint32_t counter, uint32_t current)
{
    uint8_t msg[RPMC_LEN_INCREMENT];
    header(r, msg, RPMC_CMD_INCREMENT_COUNTER, counter);
    etss_put_be32(&msg[RPMC_HEADER_LEN], current);
    int rc = sf_crypto_hmac(r->hmac_key[counter], msg, RPMC_HEADER_LEN + RPMC_COUNTER_LEN,
                            &msg[RPMC_HEADER_LEN + RPMC_COUNTER_LEN]);
    if (rc != SF_OK) {
        return rc;
    }
    rc = send_op1(r, msg, sizeof(msg), r->info.write_short_delay_us);
    return rc != SF_OK ? rc : status_error(r->last_status, RPMC_CMD_INCREMENT_COUNTER);
}

int rpmc_increment_counter(struct rpmc *r, uint32_t counter, uint32_t *new_value)
{
    if (!valid_counter(r, counter) || new_value == NULL) {
        return SF_ERR_PARAM;
    }
    uint32_t before = 0u;
    int rc = rpmc_read_counter(r, counter, &before);
    if (rc != SF_OK) {
        return rc;
    }
    if (before == RPMC_COUNTER_MAX) {
        return SF_ERR_COUNTER_LIMIT; /* counters never wrap */
    }
    rc = send_increment(r, counter, before);
    if (part_lost_key(r, rc, counter)) {
        rc = rekey(r, counter);
        if (rc == SF_OK) {
            rc = send_increment(r, counter, before);
        }
    }
    if (rc != SF_OK) {
        return rc;
    }
    uint32_t after = 0u;
    rc = rpmc_read_counter(r, counter, &after);
    if (rc != SF_OK) {
        return rc;
    }
    if (after != before + 1u) {
        return SF_ERR_UNCONFIRMED;
    }
    *new_value = after;
    return SF_OK;
}
