/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * In-process SPI bus between a host driver and a device model.
 *
 * The binding is the wire: it carries bytes and chip-select edges and knows
 * nothing of commands. A tap can sit on it, between host and device, to
 * record traffic or to act as an attacker on the wire: it sees every byte in
 * both directions and may rewrite it.
 */
#ifndef ETSS_MODEL_SPI_H
#define ETSS_MODEL_SPI_H

#include <stddef.h>
#include <stdint.h>

#include "devmodel/nor_model.h"
#include "spi_driver.h"

struct model_spi_tap {
    /* Chip select went active / inactive. */
    void (*on_select)(void *ctx);
    void (*on_deselect)(void *ctx);
    /* Host to device bytes, before the device sees them; may be rewritten. */
    void (*host_to_device)(void *ctx, uint8_t *bytes, size_t n);
    /* Device to host bytes, before the host sees them; may be rewritten. */
    void (*device_to_host)(void *ctx, uint8_t *bytes, size_t n);
};

struct model_spi {
    nor_model_t *model;
    const struct model_spi_tap *tap; /* NULL: a clean wire */
    void *tap_ctx;
    int selected;
    struct etss_spi_driver driver;
};

/* Bind a model; the returned driver is valid as long as `bus` is. */
const struct etss_spi_driver *model_spi_bind(struct model_spi *bus, nor_model_t *model);
void model_spi_set_tap(struct model_spi *bus, const struct model_spi_tap *tap, void *ctx);

#endif /* ETSS_MODEL_SPI_H */
