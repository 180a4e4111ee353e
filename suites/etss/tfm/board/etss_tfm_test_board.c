/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The board port of the ETSS suites' TF-M image: the an521_model board
 * (the modelled chip inside the ETSS partition, TF-M's builtin HUK, part
 * records in ITS) with room for the parts of every device class, and the
 * test door (etss_tfm_door.h) through which the secure suites look at the
 * chip and ask for new parts. At boot: one secure flash, as on the
 * an521_model board, for the factory partition to provision.
 *
 * It also takes the host port's setters (etss_host.h: buses, counter
 * bindings, a HUK from bytes, trust with records in RAM), for the suite
 * that makes its own parts inside the partition (etss_tfm_door_suite.c);
 * new parts from the door put the board's own back.
 */
#include <stdbool.h>
#include <string.h>

#include "crypto_keys/tfm_builtin_key_ids.h"
#include "devmodel/model_spi.h"
#include "devmodel/rpmc_model.h"
#include "devmodel/sf_model.h"
#include "etss_config.h"
#include "etss_host.h"
#include "etss_platform.h"
#include "etss_service.h"
#include "etss_tfm_board.h"
#include "etss_tfm_door.h"
#include "etss_trust_its.h"
#include "psa/internal_trusted_storage.h"
#include "psa/service.h"
#include "psa_manifest/etss.h"
#include "sf_trust_ram.h"

/* An RPMC's array is not used: the smallest the model takes. Its counters
 * reach those of the peers standing in for the NS clients (5 and 6). */
#define RPMC_ARRAY_BYTES 0x10000u
#define RPMC_COUNTERS 8u

static sf_model_t *flash;
static rpmc_model_t *rpmc;
static struct model_spi wires[ETSS_MAX_DEVICES];
static const struct etss_spi_driver *buses[ETSS_MAX_DEVICES];
static struct sf_binding rpmc_bindings[ETSS_DOOR_MAX_BINDINGS];
static struct {
    const struct sf_binding *table;
    size_t n;
} counter_bindings[ETSS_MAX_DEVICES];
static uint8_t maker_key[SF_EC_PUBLIC_KEY_LEN];
static struct sf_trust trust;
static struct sf_trust_ram ram_records;
static sf_key_t suite_huk = SF_KEY_NONE;

static void parts_down(void)
{
    sf_model_destroy(flash);
    rpmc_model_destroy(rpmc);
    flash = NULL;
    rpmc = NULL;
    memset(buses, 0, sizeof(buses));
    memset(counter_bindings, 0, sizeof(counter_bindings));
}

/* New blank parts on buses 0, 1; false when one could not be made. */
static bool parts_up(const struct etss_door_parts *p)
{
    uint8_t instance = 0;
    parts_down();
    if (p->secure_flash != 0u) {
        struct sf_model_config cfg;
        sf_model_default_config(&cfg);
        cfg.nor.size_bytes = ETSS_MODEL_FLASH_BYTES;
        cfg.features = p->features;
        flash = sf_model_create(&cfg, NULL);
        if (flash == NULL) {
            return false;
        }
        buses[instance] = model_spi_bind(&wires[instance], sf_model_nor(flash));
        instance++;
    }
    if (p->rpmc != 0u) {
        struct rpmc_model_config cfg;
        rpmc_model_default_config(&cfg);
        cfg.nor.size_bytes = RPMC_ARRAY_BYTES;
        cfg.n_counters = RPMC_COUNTERS;
        rpmc = rpmc_model_create(&cfg, NULL);
        if (rpmc == NULL || p->n_bindings > ETSS_DOOR_MAX_BINDINGS) {
            return false;
        }
        for (size_t i = 0; i < p->n_bindings; i++) {
            rpmc_bindings[i].client_id = p->clients[i];
            rpmc_bindings[i].counter = p->counters[i];
        }
        counter_bindings[instance].table = rpmc_bindings;
        counter_bindings[instance].n = p->n_bindings;
        buses[instance] = model_spi_bind(&wires[instance], rpmc_model_nor(rpmc));
    }
    return true;
}

/* What the board itself holds: TF-M's builtin HUK, and its trust in the
 * model parts' maker with the part records in ITS. */
static void board_own(void)
{
    sf_crypto_destroy(&suite_huk);
    trust.store = sf_model_maker_public_key(0u, maker_key) == 0 ? etss_trust_its() : NULL;
    trust.maker_key = maker_key;
}

/* The chip is made on the partition's first question: one secure flash. */
static void board_up(void)
{
    static bool tried;
    if (tried) {
        return;
    }
    tried = true;
    struct sf_model_config cfg;
    sf_model_default_config(&cfg);
    const struct etss_door_parts boot = {.secure_flash = 1u, .features = cfg.features};
    if (parts_up(&boot)) {
        board_own();
    }
}

const struct etss_spi_driver *etss_platform_spi(uint8_t instance)
{
    board_up();
    return instance < ETSS_MAX_DEVICES && trust.store != NULL ? buses[instance] : NULL;
}

sf_key_t etss_platform_huk(void)
{
    return suite_huk != SF_KEY_NONE ? suite_huk : (sf_key_t)TFM_BUILTIN_KEY_ID_HUK;
}

const struct sf_trust *etss_platform_trust(void)
{
    board_up();
    return trust.store != NULL ? &trust : NULL;
}

const struct sf_binding *etss_platform_counter_bindings(uint8_t instance, size_t *n)
{
    *n = instance < ETSS_MAX_DEVICES ? counter_bindings[instance].n : 0u;
    return instance < ETSS_MAX_DEVICES ? counter_bindings[instance].table : NULL;
}

/* ---- the host port's setters, for a suite that makes its own parts ---- */

void etss_host_set_spi(uint8_t instance, const struct etss_spi_driver *spi)
{
    if (instance < ETSS_MAX_DEVICES) {
        buses[instance] = spi;
    }
}

void etss_host_set_counter_bindings(uint8_t instance, const struct sf_binding *bindings, size_t n)
{
    if (instance < ETSS_MAX_DEVICES) {
        counter_bindings[instance].table = bindings;
        counter_bindings[instance].n = n;
    }
}

int etss_host_set_huk(const uint8_t *huk, size_t len)
{
    sf_crypto_destroy(&suite_huk);
    return sf_crypto_import(SF_KEY_HKDF_SECRET, huk, len, &suite_huk) == SF_OK ? 0 : -1;
}

/* Records in RAM only: the partition has no files. */
int etss_host_set_trust(const uint8_t key[SF_EC_PUBLIC_KEY_LEN], const char *path)
{
    if (key == NULL || path != NULL) {
        return -1;
    }
    memcpy(maker_key, key, sizeof(maker_key));
    sf_trust_ram_init(&ram_records);
    trust.maker_key = maker_key;
    trust.store = &ram_records.store;
    return 0;
}

/* The suite's parts are gone: the board's own come back on the next new
 * parts, with the builtin HUK and the records in ITS. */
void etss_tfm_board_for_suite(void)
{
    board_up();
    parts_down();
}

/* ---- the door ---- */

static bool shape(const psa_msg_t *msg, size_t in, size_t out)
{
    for (size_t i = 0; i < PSA_MAX_IOVEC; i++) {
        if (msg->in_size[i] != (i == 0u ? in : 0u) || msg->out_size[i] != (i == 0u ? out : 0u)) {
            return false;
        }
    }
    return true;
}

static psa_status_t new_parts(const psa_msg_t *msg)
{
    struct etss_door_parts parts;
    if (!shape(msg, sizeof(parts), 0u)) {
        return PSA_ERROR_PROGRAMMER_ERROR;
    }
    (void)psa_read(msg->handle, 0, &parts, sizeof(parts));
    board_up();
    board_own();
    /* What the host remembered of the old parts goes with them. */
    for (uint32_t i = 0; i < ETSS_MAX_DEVICES; i++) {
        (void)psa_its_remove(ETSS_TRUST_ITS_UID_BASE + i);
    }
    if (!parts_up(&parts)) {
        parts_down();
        return PSA_ERROR_INSUFFICIENT_MEMORY;
    }
    return (psa_status_t)etss_service_init();
}

static psa_status_t door_call(const psa_msg_t *msg)
{
    switch (msg->type) {
    case ETSS_DOOR_NEW_PARTS:
        return new_parts(msg);
    case ETSS_DOOR_VIEW: {
        struct sf_model_view view;
        if (!shape(msg, 0u, sizeof(view))) {
            return PSA_ERROR_PROGRAMMER_ERROR;
        }
        if (flash == NULL) {
            return PSA_ERROR_DOES_NOT_EXIST;
        }
        sf_model_view(flash, &view);
        psa_write(msg->handle, 0, &view, sizeof(view));
        return PSA_SUCCESS;
    }
    case ETSS_DOOR_STATS: {
        struct etss_door_stats stats;
        if (!shape(msg, 0u, sizeof(stats))) {
            return PSA_ERROR_PROGRAMMER_ERROR;
        }
        if (flash == NULL) {
            return PSA_ERROR_DOES_NOT_EXIST;
        }
        const struct nor_model_stats *s = nor_model_stats(sf_model_nor(flash));
        stats.pages_programmed = s->pages_programmed;
        stats.sectors_erased = s->sectors_erased;
        psa_write(msg->handle, 0, &stats, sizeof(stats));
        return PSA_SUCCESS;
    }
    case ETSS_DOOR_COUNTER: {
        uint8_t id = 0;
        uint32_t value = 0;
        if (!shape(msg, sizeof(id), sizeof(value))) {
            return PSA_ERROR_PROGRAMMER_ERROR;
        }
        (void)psa_read(msg->handle, 0, &id, sizeof(id));
        if (rpmc != NULL) {
            struct rpmc_model_view view;
            rpmc_model_view(rpmc, &view);
            value = id < view.n_counters ? view.counters[id] : 0u;
        } else if (flash != NULL) {
            struct sf_model_view view;
            sf_model_view(flash, &view);
            value = id < view.n_counters ? view.counters[id] : 0u;
        }
        psa_write(msg->handle, 0, &value, sizeof(value));
        return PSA_SUCCESS;
    }
    case ETSS_DOOR_SUITE_CASES:
    case ETSS_DOOR_SUITE_NAME:
    case ETSS_DOOR_SUITE_RUN:
        return etss_tfm_door_suite_call(msg);
    default:
        return PSA_ERROR_PROGRAMMER_ERROR;
    }
}

void etss_platform_serve(uint32_t signals)
{
    psa_msg_t msg;
    if ((signals & TFM_ETSS_TEST_DOOR_SIGNAL) == 0u ||
        psa_get(TFM_ETSS_TEST_DOOR_SIGNAL, &msg) != PSA_SUCCESS) {
        return;
    }
    bool session = msg.type == PSA_IPC_CONNECT || msg.type == PSA_IPC_DISCONNECT;
    psa_reply(msg.handle, session ? PSA_SUCCESS : door_call(&msg));
}
