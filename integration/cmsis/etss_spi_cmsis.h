/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A CMSIS-Driver SPI (ARM_DRIVER_SPI) as the ETSS SPI transport
 * (struct etss_spi_driver): what a board with a CMSIS SPI driver gives
 * etss_platform_spi(). The driver runs as SPI master, mode 0, 8-bit frames,
 * MSB first, at `bus_speed_hz`, with the chip select under software
 * control; every call blocks, polling GetStatus() until the transfer ends
 * (the driver is initialized without an event callback).
 */
#ifndef ETSS_SPI_CMSIS_H
#define ETSS_SPI_CMSIS_H

#include <stdint.h>

#include "Driver_SPI.h"
#include "spi_driver.h"

struct etss_spi_cmsis {
    /* Set by the board before etss_spi_cmsis_bind(). */
    ARM_DRIVER_SPI *spi;
    uint32_t bus_speed_hz;
    uint32_t max_polls;            /* GetStatus() polls before a transfer times out */
    void (*delay_us)(uint32_t us); /* the board's time base */
};

/* The transport over `port`; valid as long as `port` is. NULL when the
 * port is incomplete (no driver, no time base, no poll bound). */
const struct etss_spi_driver *etss_spi_cmsis_bind(struct etss_spi_cmsis *port,
                                                  struct etss_spi_driver *out);

#endif /* ETSS_SPI_CMSIS_H */
