/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ARM_DRIVER_SPI to struct etss_spi_driver (etss_spi_cmsis.h). The ETSS
 * return codes equal CMSIS's ARM_DRIVER_* codes; a driver-specific error
 * (ARM_DRIVER_ERROR_SPECIFIC and below) becomes ETSS_SPI_ERROR.
 */
#include <stddef.h>

#include "etss_spi_cmsis.h"

static int32_t status_of(int32_t rc)
{
    return rc <= ARM_DRIVER_ERROR_SPECIFIC ? ETSS_SPI_ERROR : rc;
}

/* Wait for the transfer the driver just started; it must have moved
 * exactly `num` frames. */
static int32_t finish(const struct etss_spi_cmsis *port, int32_t started, uint32_t num)
{
    if (started != ARM_DRIVER_OK) {
        return status_of(started);
    }
    for (uint32_t polls = 0; port->spi->GetStatus().busy != 0u; polls++) {
        if (polls >= port->max_polls) {
            (void)port->spi->Control(ARM_SPI_ABORT_TRANSFER, 0u);
            return ETSS_SPI_ERROR_TIMEOUT;
        }
        port->delay_us(1u);
    }
    ARM_SPI_STATUS status = port->spi->GetStatus();
    if (status.data_lost != 0u || status.mode_fault != 0u || port->spi->GetDataCount() != num) {
        return ETSS_SPI_ERROR;
    }
    return ETSS_SPI_OK;
}

static int32_t cmsis_initialize(void *ctx)
{
    struct etss_spi_cmsis *port = ctx;
    int32_t rc = port->spi->Initialize(NULL);
    if (rc == ARM_DRIVER_OK) {
        rc = port->spi->PowerControl(ARM_POWER_FULL);
    }
    if (rc == ARM_DRIVER_OK) {
        rc = port->spi->Control(ARM_SPI_MODE_MASTER | ARM_SPI_CPOL0_CPHA0 | ARM_SPI_MSB_LSB |
                                    ARM_SPI_SS_MASTER_SW | ARM_SPI_DATA_BITS(8),
                                port->bus_speed_hz);
    }
    if (rc == ARM_DRIVER_OK) {
        rc = port->spi->Control(ARM_SPI_CONTROL_SS, ARM_SPI_SS_INACTIVE);
    }
    return status_of(rc);
}

static int32_t cmsis_uninitialize(void *ctx)
{
    struct etss_spi_cmsis *port = ctx;
    (void)port->spi->PowerControl(ARM_POWER_OFF);
    return status_of(port->spi->Uninitialize());
}

static int32_t cmsis_control(void *ctx, uint32_t control, uint32_t arg)
{
    struct etss_spi_cmsis *port = ctx;
    if (control != ETSS_SPI_CONTROL_SS ||
        (arg != ETSS_SPI_SS_ACTIVE && arg != ETSS_SPI_SS_INACTIVE)) {
        return ETSS_SPI_ERROR_PARAMETER;
    }
    return status_of(port->spi->Control(
        ARM_SPI_CONTROL_SS, arg == ETSS_SPI_SS_ACTIVE ? ARM_SPI_SS_ACTIVE : ARM_SPI_SS_INACTIVE));
}

static int32_t cmsis_send(void *ctx, const void *data, uint32_t num)
{
    struct etss_spi_cmsis *port = ctx;
    return finish(port, port->spi->Send(data, num), num);
}

static int32_t cmsis_receive(void *ctx, void *data, uint32_t num)
{
    struct etss_spi_cmsis *port = ctx;
    return finish(port, port->spi->Receive(data, num), num);
}

static int32_t cmsis_transfer(void *ctx, const void *data_out, void *data_in, uint32_t num)
{
    struct etss_spi_cmsis *port = ctx;
    return finish(port, port->spi->Transfer(data_out, data_in, num), num);
}

static void cmsis_delay_us(void *ctx, uint32_t us)
{
    const struct etss_spi_cmsis *port = ctx;
    port->delay_us(us);
}

static const struct etss_spi_ops cmsis_ops = {
    .initialize = cmsis_initialize,
    .uninitialize = cmsis_uninitialize,
    .control = cmsis_control,
    .send = cmsis_send,
    .receive = cmsis_receive,
    .transfer = cmsis_transfer,
    .delay_us = cmsis_delay_us,
};

const struct etss_spi_driver *etss_spi_cmsis_bind(struct etss_spi_cmsis *port,
                                                  struct etss_spi_driver *out)
{
    if (port == NULL || out == NULL || port->spi == NULL || port->delay_us == NULL ||
        port->max_polls == 0u) {
        return NULL;
    }
    out->ops = &cmsis_ops;
    out->ctx = port;
    return out;
}
