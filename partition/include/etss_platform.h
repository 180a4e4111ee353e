/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the ETSS partition needs from its platform: the SPI bus of each
 * secure flash, the hardware unique key, what the board trusts (its parts'
 * maker and its trusted storage for the host's part records) and the
 * client bindings of a part without a table of its own. A board port
 * implements these on its SPI controller, key store and trusted storage;
 * on a host, the runtime implements them on the device model
 * (runtime/etss_host.c).
 */
#ifndef ETSS_PLATFORM_H
#define ETSS_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#include "sf_crypto.h"
#include "sf_device.h"
#include "spi_driver.h"

/* The bus of secure flash `instance` (0..ETSS_MAX_DEVICES-1), or NULL
 * when the platform has no such device. */
const struct etss_spi_driver *etss_platform_spi(uint8_t instance);

/* The HUK as a PSA key usable for HKDF-SHA256 (derive usage): the root of
 * every zone key. SF_KEY_NONE when it is not available. */
sf_key_t etss_platform_huk(void);

/* What the board trusts: the maker key that signs its parts' identities
 * and its trusted storage for part records (sf_device.h). NULL when the
 * board has none, which leaves every part unusable. */
const struct sf_trust *etss_platform_trust(void);

/* The client bindings of secure flash `instance` when the part keeps no
 * binding table itself (a counters-only RPMC part): client -> counter, from
 * the board's configuration. NULL with *n = 0 when there are none. */
const struct sf_binding *etss_platform_counter_bindings(uint8_t instance, size_t *n);

#ifdef ETSS_BOARD_SIGNALS
/* A board may serve RoT services of its own from the ETSS partition (a
 * diagnostics or a test service): their manifest entries come from
 * ETSS_BOARD_SERVICES (integration/tfm/etss_config.cmake) and the board
 * defines ETSS_BOARD_SIGNALS, their signals. The partition's loop calls
 * this with those of `signals` that are asserted, between two ETSS
 * requests; the board gets and replies to their messages itself. */
void etss_platform_serve(uint32_t signals);
#endif

#endif /* ETSS_PLATFORM_H */
