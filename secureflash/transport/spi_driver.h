/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SPI transport: the one door between the secure flash framework and the
 * bus. Shaped like CMSIS-Driver SPI (Initialize, Control with slave-select,
 * Send, Receive, Transfer) so a board's CMSIS driver binds with a thin shim,
 * with two differences: every call is blocking (the framework has no event
 * loop), and every operation takes the instance context so that several
 * devices can be driven at once.
 */
#ifndef ETSS_SPI_DRIVER_H
#define ETSS_SPI_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "sf_status.h"

/* What a board's driver operations return, numerically equal to CMSIS
 * ARM_DRIVER_* codes (etss_spi_transaction turns them into the framework's
 * statuses, one for one). */
#define ETSS_SPI_OK 0
#define ETSS_SPI_ERROR (-1)
#define ETSS_SPI_ERROR_BUSY (-2)
#define ETSS_SPI_ERROR_TIMEOUT (-3)
#define ETSS_SPI_ERROR_UNSUPPORTED (-4)
#define ETSS_SPI_ERROR_PARAMETER (-5)

/* control() codes. */
#define ETSS_SPI_CONTROL_SS 1u /* arg: ETSS_SPI_SS_ACTIVE or ETSS_SPI_SS_INACTIVE */
#define ETSS_SPI_SS_INACTIVE 0u
#define ETSS_SPI_SS_ACTIVE 1u

struct etss_spi_ops {
    int32_t (*initialize)(void *ctx);
    int32_t (*uninitialize)(void *ctx);
    int32_t (*control)(void *ctx, uint32_t control, uint32_t arg);
    int32_t (*send)(void *ctx, const void *data, uint32_t num);
    int32_t (*receive)(void *ctx, void *data, uint32_t num);
    int32_t (*transfer)(void *ctx, const void *data_out, void *data_in, uint32_t num);
    /*
     * Wait at least `us` microseconds. Polling a busy flash needs a time
     * base, and only the platform owns one; on the host the device model's
     * binding advances the model's clock, so device time stays exact.
     */
    void (*delay_us)(void *ctx, uint32_t us);
};

struct etss_spi_driver {
    const struct etss_spi_ops *ops;
    void *ctx;
};

/*
 * Bring the driver up (its initialize(): power, mode, clock, the slave
 * deselected) before its first transaction; the NOR driver does it when it
 * binds (etss_nor_init), and doing it again is harmless.
 *   SF_OK
 *   SF_ERR_PARAM            spi, its ops or initialize NULL
 *   SF_ERR_BUS_*, SF_ERR_BUS as for etss_spi_transaction
 */
int etss_spi_initialize(const struct etss_spi_driver *spi);

/*
 * One bus transaction: select, send `header` (opcode, address, dummy bytes),
 * then send `tx` and/or receive into `rx`, deselect. Either data part may be
 * empty. The slave is always deselected, even when a step fails.
 *   SF_OK
 *   SF_ERR_PARAM            spi or header NULL, header_len 0, a length above
 *                           UINT32_MAX, NULL data with a non-zero length
 *   SF_ERR_BUS_BUSY, SF_ERR_BUS_TIMEOUT, SF_ERR_BUS_UNSUPPORTED,
 *   SF_ERR_BUS_PARAM        the driver's ETSS_SPI_ERROR_BUSY, _TIMEOUT,
 *                           _UNSUPPORTED, _PARAMETER
 *   SF_ERR_BUS              the driver's ETSS_SPI_ERROR, or a code of its own
 */
int etss_spi_transaction(const struct etss_spi_driver *spi, const uint8_t *header,
                         size_t header_len, const void *tx, size_t tx_len, void *rx, size_t rx_len);

#endif /* ETSS_SPI_DRIVER_H */
