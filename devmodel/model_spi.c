/* SPDX-License-Identifier: BSD-3-Clause */
/* The wire between an SPI host driver and a device model, with its tap. */
#include <string.h>

#include "devmodel/model_spi.h"

#define WIRE_CHUNK 256u

static struct model_spi *bus_of(void *ctx)
{
    return (struct model_spi *)ctx;
}

/* The signature is the transport's; the wire has nothing to set up. */
// cppcheck-suppress constParameter
static int32_t bus_initialize(void *ctx)
{
    return ctx != NULL ? ETSS_SPI_OK : ETSS_SPI_ERROR_PARAMETER;
}

static int32_t bus_control(void *ctx, uint32_t control, uint32_t arg)
{
    struct model_spi *bus = bus_of(ctx);
    if (bus == NULL) {
        return ETSS_SPI_ERROR_PARAMETER;
    }
    if (control != ETSS_SPI_CONTROL_SS) {
        return ETSS_SPI_ERROR_UNSUPPORTED;
    }
    if (arg == ETSS_SPI_SS_ACTIVE) {
        if (bus->tap != NULL && bus->tap->on_select != NULL) {
            bus->tap->on_select(bus->tap_ctx);
        }
        nor_model_select(bus->model);
        bus->selected = 1;
        return ETSS_SPI_OK;
    }
    if (arg == ETSS_SPI_SS_INACTIVE) {
        nor_model_deselect(bus->model);
        bus->selected = 0;
        if (bus->tap != NULL && bus->tap->on_deselect != NULL) {
            bus->tap->on_deselect(bus->tap_ctx);
        }
        return ETSS_SPI_OK;
    }
    return ETSS_SPI_ERROR_PARAMETER;
}

/* Clock bytes through the tap and the device; either side may be absent. */
static int32_t bus_transfer(void *ctx, const void *data_out, void *data_in, uint32_t num)
{
    struct model_spi *bus = bus_of(ctx);
    if (bus == NULL || (num != 0u && data_out == NULL && data_in == NULL)) {
        return ETSS_SPI_ERROR_PARAMETER;
    }
    if (!bus->selected) {
        return ETSS_SPI_ERROR;
    }
    const uint8_t *out = data_out;
    uint8_t *in = data_in;
    uint8_t mosi[WIRE_CHUNK];
    uint8_t miso[WIRE_CHUNK];

    for (uint32_t done = 0; done < num;) {
        uint32_t n = num - done < WIRE_CHUNK ? num - done : WIRE_CHUNK;
        if (out != NULL) {
            memcpy(mosi, &out[done], n);
        } else {
            memset(mosi, 0xFF, n);
        }
        if (bus->tap != NULL && bus->tap->host_to_device != NULL) {
            bus->tap->host_to_device(bus->tap_ctx, mosi, n);
        }
        nor_model_clock(bus->model, mosi, miso, n);
        if (bus->tap != NULL && bus->tap->device_to_host != NULL) {
            bus->tap->device_to_host(bus->tap_ctx, miso, n);
        }
        if (in != NULL) {
            memcpy(&in[done], miso, n);
        }
        done += n;
    }
    return ETSS_SPI_OK;
}

static int32_t bus_send(void *ctx, const void *data, uint32_t num)
{
    if (data == NULL && num != 0u) {
        return ETSS_SPI_ERROR_PARAMETER;
    }
    return bus_transfer(ctx, data, NULL, num);
}

static int32_t bus_receive(void *ctx, void *data, uint32_t num)
{
    if (data == NULL && num != 0u) {
        return ETSS_SPI_ERROR_PARAMETER;
    }
    return bus_transfer(ctx, NULL, data, num);
}

static void bus_delay_us(void *ctx, uint32_t us)
{
    struct model_spi *bus = bus_of(ctx);
    if (bus != NULL) {
        nor_model_advance(bus->model, (uint64_t)us * 1000u);
    }
}

static const struct etss_spi_ops model_spi_ops = {
    .initialize = bus_initialize,
    .uninitialize = bus_initialize,
    .control = bus_control,
    .send = bus_send,
    .receive = bus_receive,
    .transfer = bus_transfer,
    .delay_us = bus_delay_us,
};

const struct etss_spi_driver *model_spi_bind(struct model_spi *bus, nor_model_t *model)
{
    memset(bus, 0, sizeof(*bus));
    bus->model = model;
    bus->driver.ops = &model_spi_ops;
    bus->driver.ctx = bus;
    return &bus->driver;
}

void model_spi_set_tap(struct model_spi *bus, const struct model_spi_tap *tap, void *ctx)
{
    bus->tap = tap;
    bus->tap_ctx = ctx;
}
