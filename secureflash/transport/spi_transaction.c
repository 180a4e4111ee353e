/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The board's driver brought up, and one SPI transaction over it
 * (spi_driver.h).
 */
#include "spi_driver.h"

/* The driver's code as the framework's status: every cause kept. */
static int status_of(int32_t rc)
{
    switch (rc) {
    case ETSS_SPI_OK:
        return SF_OK;
    case ETSS_SPI_ERROR_BUSY:
        return SF_ERR_BUS_BUSY;
    case ETSS_SPI_ERROR_TIMEOUT:
        return SF_ERR_BUS_TIMEOUT;
    case ETSS_SPI_ERROR_UNSUPPORTED:
        return SF_ERR_BUS_UNSUPPORTED;
    case ETSS_SPI_ERROR_PARAMETER:
        return SF_ERR_BUS_PARAM;
    default:
        return SF_ERR_BUS;
    }
}

int etss_spi_initialize(const struct etss_spi_driver *spi)
{
    if (spi == NULL || spi->ops == NULL || spi->ops->initialize == NULL) {
        return SF_ERR_PARAM;
    }
    return status_of(spi->ops->initialize(spi->ctx));
}

int etss_spi_transaction(const struct etss_spi_driver *spi, const uint8_t *header,
                         size_t header_len, const void *tx, size_t tx_len, void *rx, size_t rx_len)
{
    if (spi == NULL || spi->ops == NULL || header == NULL || header_len == 0u ||
        header_len > UINT32_MAX || tx_len > UINT32_MAX || rx_len > UINT32_MAX ||
        (tx == NULL && tx_len != 0u) || (rx == NULL && rx_len != 0u)) {
        return SF_ERR_PARAM;
    }

    int32_t rc = spi->ops->control(spi->ctx, ETSS_SPI_CONTROL_SS, ETSS_SPI_SS_ACTIVE);
    if (rc != ETSS_SPI_OK) {
        return status_of(rc);
    }
    rc = spi->ops->send(spi->ctx, header, (uint32_t)header_len);
    if (rc == ETSS_SPI_OK && tx_len != 0u) {
        rc = spi->ops->send(spi->ctx, tx, (uint32_t)tx_len);
    }
    if (rc == ETSS_SPI_OK && rx_len != 0u) {
        rc = spi->ops->receive(spi->ctx, rx, (uint32_t)rx_len);
    }
    int32_t rc_release = spi->ops->control(spi->ctx, ETSS_SPI_CONTROL_SS, ETSS_SPI_SS_INACTIVE);
    return status_of(rc != ETSS_SPI_OK ? rc : rc_release);
}
