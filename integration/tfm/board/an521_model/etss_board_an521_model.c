/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ETSS board port for TF-M's arm/mps2/an521 under QEMU, which has no secure
 * flash: the project's secure flash model is the "chip", linked into the
 * secure image inside the ETSS partition, its array in a static pool of
 * secure RAM (no heap, no image file), on an in-memory SPI wire. Everything
 * above the wire is what runs on a real board: the partition sees only
 * etss_platform.h.
 *
 * The HUK is TF-M's builtin key, which TF-M's crypto service derives per
 * calling partition (docs/tfm-integration.md); the board trusts the model
 * parts' maker and keeps its part records in TF-M's ITS.
 */
#include <stdbool.h>

#include "crypto_keys/tfm_builtin_key_ids.h"
#include "devmodel/model_spi.h"
#include "devmodel/sf_model.h"
#include "etss_platform.h"
#include "etss_trust_its.h"

static sf_model_t *chip;
static struct model_spi wire;
static const struct etss_spi_driver *bus;
static uint8_t maker_key[SF_EC_PUBLIC_KEY_LEN];
static struct sf_trust trust;

/* The chip is made on the partition's first question, once. */
static void board_up(void)
{
    static bool tried;
    if (tried) {
        return;
    }
    tried = true;
    struct sf_model_config cfg;
    sf_model_default_config(&cfg);
    cfg.nor.size_bytes = ETSS_MODEL_FLASH_BYTES;
    chip = sf_model_create(&cfg, NULL);
    if (chip == NULL || sf_model_maker_public_key(0u, maker_key) != 0) {
        return;
    }
    bus = model_spi_bind(&wire, sf_model_nor(chip));
    trust.maker_key = maker_key;
    trust.store = etss_trust_its();
}

const struct etss_spi_driver *etss_platform_spi(uint8_t instance)
{
    board_up();
    return instance == 0u ? bus : NULL;
}

sf_key_t etss_platform_huk(void)
{
    return (sf_key_t)TFM_BUILTIN_KEY_ID_HUK;
}

const struct sf_trust *etss_platform_trust(void)
{
    board_up();
    return bus != NULL ? &trust : NULL;
}

const struct sf_binding *etss_platform_counter_bindings(uint8_t instance, size_t *n)
{
    (void)instance;
    *n = 0;
    return NULL;
}
