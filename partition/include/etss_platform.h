/*
 * What the ETSS partition needs from its platform: the SPI bus of each
 * secure flash and the hardware unique key. A board port implements these
 * on its SPI controller and its HUK; on a host, the runtime implements
 * them on the device model (runtime/etss_platform_host.c).
 */
#ifndef ETSS_PLATFORM_H
#define ETSS_PLATFORM_H

#include <stdint.h>

#include "sf_crypto.h"
#include "spi_driver.h"

/* The bus of secure flash `instance` (0..ETSS_MAX_DEVICES-1), or NULL
 * when the platform has no such device. */
const struct etss_spi_driver *etss_platform_spi(uint8_t instance);

/* The HUK as a PSA key usable for HKDF-SHA256 (derive usage): the root of
 * every zone key. SF_KEY_NONE when it is not available. */
sf_key_t etss_platform_huk(void);

#endif /* ETSS_PLATFORM_H */
