/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host driver of an RPMC serial flash (JESD260 Replay Protected Monotonic
 * Counter), partition side: freestanding, no heap, no stdio. It discovers
 * the part's RPMC parameter table over SFDP, provisions root keys, keeps
 * each counter's HMAC key in a PSA key slot, and reads and increments
 * counters with every answer checked for authenticity (docs/rpmc.md).
 * Every function returns SF_OK or an SF_ERR_ code (sf_status.h):
 * SF_ERR_PARAM (NULL, a counter out of range; nothing sent), the bus's
 * failures as etss_spi_transaction gave them, SF_ERR_NO_DEVICE (no usable
 * RPMC table in SFDP), SF_ERR_TIMEOUT (busy past the announced long
 * delay), SF_ERR_COMM (an answer's tag or signature did not verify),
 * SF_ERR_AUTH (the part refused the request's signature: wrong key?),
 * SF_ERR_ROOT_KEY_SET, SF_ERR_NO_ROOT_KEY, SF_ERR_NO_SESSION (no HMAC key
 * for the counter yet), SF_ERR_COUNTER_MOVED, SF_ERR_COUNTER_LIMIT,
 * SF_ERR_UNCONFIRMED, SF_ERR_DEVICE (a fatal or unexpected status), and the
 * crypto service's statuses.
 */
#ifndef ETSS_RPMC_HOST_H
#define ETSS_RPMC_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "rpmc_protocol.h"
#include "sf_crypto.h"
#include "spi_driver.h"

/* What the SFDP RPMC table says. */
struct rpmc_info {
    uint8_t n_counters;
    uint8_t op1;
    uint8_t op2;
    bool poll_rdsr;                /* busy polling by RDSR WIP, else by OP2 bit 0 */
    uint32_t update_rate_s;        /* 5 * 2^n seconds */
    uint32_t read_delay_us;        /* read counter polling delay */
    uint32_t write_short_delay_us; /* write counter polling short delay */
    uint32_t write_long_delay_us;  /* write counter polling long delay: the timeout */
};

struct rpmc {
    const struct etss_spi_driver *spi;
    struct rpmc_info info;
    sf_key_t hmac_key[RPMC_MAX_COUNTERS]; /* SF_KEY_NONE: none */
    uint8_t key_data[RPMC_MAX_COUNTERS][RPMC_KEY_DATA_LEN];
    uint8_t last_status; /* extended status of the last command */
};

/* Discover the part's RPMC table; SF_ERR_NO_DEVICE for a part without. */
int rpmc_init(struct rpmc *r, const struct etss_spi_driver *spi);
/* Destroy every HMAC key slot. */
void rpmc_deinit(struct rpmc *r);

/* Write the counter's root key (once in the part's life). */
int rpmc_write_root_key(struct rpmc *r, uint32_t counter,
                        const uint8_t root_key[RPMC_ROOT_KEY_LEN]);

/* Set the counter's HMAC key = HMAC-SHA256(root key, key_data) in the part
 * and in a PSA key slot of the driver. The root key is given as bytes (the
 * caller zeroizes them) or as a PSA key (SF_KEY_HMAC_SHA256). */
int rpmc_update_hmac_key(struct rpmc *r, uint32_t counter,
                         const uint8_t root_key[RPMC_ROOT_KEY_LEN],
                         const uint8_t key_data[RPMC_KEY_DATA_LEN]);
int rpmc_update_hmac_key_psa(struct rpmc *r, uint32_t counter, sf_key_t root_key,
                             const uint8_t key_data[RPMC_KEY_DATA_LEN]);

/* Read a counter, authenticated with a fresh random tag. After a reset of
 * the part (its HMAC key lost) the driver re-keys it once and retries. */
int rpmc_read_counter(struct rpmc *r, uint32_t counter, uint32_t *value);

/* Read, increment by one, read again to confirm; *new_value is the
 * confirmed value. */
int rpmc_increment_counter(struct rpmc *r, uint32_t counter, uint32_t *new_value);

#endif /* ETSS_RPMC_HOST_H */
