/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The suites' environment on a host (and on the bare-metal twin): the
 * device models on in-process SPI buses, the partition in the project's SPM,
 * provisioning through the API as a secure client (etss_suite_env.h).
 */
#include <stdio.h>
#include <string.h>

#include "devmodel/model_spi.h"
#include "devmodel/rpmc_model.h"
#include "etss/etss_api.h"
#include "etss_host.h"
#include "etss_suite_env.h"
#include "spm_host.h"

void etss_suite_as(int32_t client)
{
    spm_host_set_client_id(client);
}

/* The board's client -> counter table of an RPMC part (it keeps none): the
 * suites' clients and their counters. */
static const struct sf_binding rpmc_bindings[ETSS_SUITE_CLIENTS] = {
    {.client_id = ETSS_NS_CLIENT, .counter = ETSS_NS_COUNTER},
    {.client_id = ETSS_NS_CLIENT_2, .counter = ETSS_NS_2_COUNTER},
    {.client_id = ETSS_S_CLIENT, .counter = ETSS_S_COUNTER},
    {.client_id = ETSS_S_CLIENT_2, .counter = ETSS_S_2_COUNTER},
};

/* A developer HUK: known on purpose (developer mode). */
static const uint8_t suite_huk[32] = "ETSS suite HUK, developer mode.";

static sf_model_t *model;
static struct model_spi bus;
static rpmc_model_t *rpmc;
static struct model_spi rpmc_bus;
static uint8_t n_devices;

bool etss_suite_part_view(struct sf_model_view *view)
{
    if (model == NULL) {
        return false;
    }
    sf_model_view(model, view);
    return true;
}

bool etss_suite_pages_programmed(uint64_t *n)
{
    if (model == NULL) {
        return false;
    }
    *n = nor_model_stats(sf_model_nor(model))->pages_programmed;
    return true;
}

bool etss_suite_sectors_erased(uint64_t *n)
{
    if (model == NULL) {
        return false;
    }
    *n = nor_model_stats(sf_model_nor(model))->sectors_erased;
    return true;
}

uint32_t etss_suite_counter(uint8_t id)
{
    if (rpmc != NULL) {
        struct rpmc_model_view view;
        rpmc_model_view(rpmc, &view);
        return id < view.n_counters ? view.counters[id] : 0u;
    }
    struct sf_model_view view;
    sf_model_view(model, &view);
    return id < view.n_counters ? view.counters[id] : 0u;
}

int etss_suite_host_up(const uint8_t *huk, size_t len)
{
    uint8_t maker[65];
    return sf_model_maker_public_key(0u, maker) == 0 && etss_host_set_trust(maker, NULL) == 0 &&
                   etss_host_set_huk(huk, len) == 0
               ? 0
               : -1;
}

#ifndef ETSS_SUITE_DEVICE_CLASS
#define ETSS_SUITE_DEVICE_CLASS ETSS_SUITE_SECURE_FLASH
#endif

enum etss_suite_class etss_suite_device_class(void)
{
    return ETSS_SUITE_DEVICE_CLASS;
}

bool etss_suite_ns_callers(void)
{
    return true;
}

static int secure_flash_up(void)
{
    struct sf_model_config cfg;
    enum nor_model_status st;
    sf_model_default_config(&cfg);
    cfg.features = etss_suite_class_features(etss_suite_device_class());
    model = sf_model_create(&cfg, &st);
    if (model == NULL) {
        fprintf(stderr, "suite: device model: %s\n", nor_model_strerror(st));
        return -1;
    }
    etss_host_set_spi(n_devices++, model_spi_bind(&bus, sf_model_nor(model)));
    return 0;
}

static int rpmc_up(void)
{
    struct rpmc_model_config cfg;
    enum nor_model_status st;
    rpmc_model_default_config(&cfg);
    cfg.nor.size_bytes = 1u << 20; /* its array is not used */
    rpmc = rpmc_model_create(&cfg, &st);
    if (rpmc == NULL) {
        fprintf(stderr, "suite: RPMC model: %s\n", nor_model_strerror(st));
        return -1;
    }
    etss_host_set_spi(n_devices, model_spi_bind(&rpmc_bus, rpmc_model_nor(rpmc)));
    etss_host_set_counter_bindings(n_devices++, rpmc_bindings,
                                   sizeof(rpmc_bindings) / sizeof(rpmc_bindings[0]));
    return 0;
}

static int devices_up(void)
{
    switch (etss_suite_device_class()) {
    case ETSS_SUITE_SECURE_FLASH:
    case ETSS_SUITE_AUTHENTICATION_FLASH:
        return secure_flash_up();
    case ETSS_SUITE_SECURE_FLASH_AND_RPMC:
        return secure_flash_up() == 0 ? rpmc_up() : -1;
    case ETSS_SUITE_RPMC:
        return rpmc_up();
    }
    return -1;
}

int etss_suite_env_start(bool blank)
{
    if (devices_up() != 0) {
        return -1;
    }
    if (etss_suite_host_up(suite_huk, sizeof(suite_huk)) != 0 || etss_host_start_partition() != 0) {
        fprintf(stderr, "suite: cannot start the partition\n");
        return -1;
    }
    if (blank) {
        return 0;
    }
    uint8_t msg[512];
    size_t len = 0;
    if (etss_suite_provisioning_message(etss_suite_class_provisioning(), msg, sizeof(msg), &len) !=
        0) {
        return -1;
    }
    /* Each call provisions the first blank part; a secure client makes them. */
    spm_host_set_client_id(ETSS_S_CLIENT);
    for (uint8_t i = 0; i < n_devices; i++) {
        etss_err_t err = tfm_etss_secure_flash_provisioning(len, msg);
        if (err != ETSS_SUCCESS) {
            fprintf(stderr, "suite: provisioning part %u of the %s failed: %d\n", i,
                    etss_suite_device_class_name(), (int)err);
            return -1;
        }
    }
    return 0;
}
