#include <stdio.h>
#include <string.h>

#include "devmodel/model_spi.h"
#include "etss/etss_api.h"
#include "etss_host.h"
#include "etss_suite_env.h"
#include "provision_config.h"
#include "spm_host.h"

const char etss_suite_provisioning[] = "lockout_threshold = 255\n"
                                       "session_max_ops = 4096\n"
                                       "[zone 0]\nbase = 0x000000\nsize = 0x80000\n"
                                       "read = encrypted\nwrite = authenticated\n"
                                       "[zone 1]\nbase = 0x080000\nsize = 0x40000\n"
                                       "read = authenticated\nwrite = authenticated\n"
                                       "[binding]\nclient = -1\nzone = 0\ncounter = 0\n"
                                       "[binding]\nclient = -2\nzone = 0\ncounter = 2\n"
                                       "[binding]\nclient = 256\nzone = 1\ncounter = 1\n"
                                       "[binding]\nclient = 257\nzone = 1\ncounter = 3\n";

const int32_t etss_suite_clients[ETSS_SUITE_CLIENTS] = {ETSS_NS_CLIENT, ETSS_NS_CLIENT_2,
                                                        ETSS_S_CLIENT, ETSS_S_CLIENT_2};
const uint8_t etss_suite_counters[ETSS_SUITE_CLIENTS] = {ETSS_NS_COUNTER, ETSS_NS_2_COUNTER,
                                                         ETSS_S_COUNTER, ETSS_S_2_COUNTER};

void etss_suite_as(int32_t client)
{
    spm_host_set_client_id(client);
}

bool etss_suite_all_bytes_are(const uint8_t *buf, size_t len, uint8_t value)
{
    for (size_t i = 0; i < len; i++) {
        if (buf[i] != value) {
            return false;
        }
    }
    return true;
}

/* A developer HUK: known on purpose (developer mode). */
static const uint8_t suite_huk[32] = "ETSS suite HUK, developer mode.";

static sf_model_t *model;
static struct model_spi bus;

sf_model_t *etss_suite_model(void)
{
    return model;
}

int etss_suite_provisioning_message(const char *description, uint8_t *out, size_t size, size_t *len)
{
    struct provision_config cfg;
    char err[160];
    if (provision_config_parse(description, strlen(description), &cfg, err, sizeof(err)) != 0) {
        fprintf(stderr, "suite: bad provisioning description: %s\n", err);
        return -1;
    }
    return provision_config_encode(&cfg, out, size, len);
}

int etss_suite_env_start(bool blank)
{
    struct sf_model_config cfg;
    enum nor_model_status st;
    sf_model_default_config(&cfg);
    model = sf_model_create(&cfg, &st);
    if (model == NULL) {
        fprintf(stderr, "suite: device model: %s\n", nor_model_strerror(st));
        return -1;
    }
    etss_host_set_spi(0, model_spi_bind(&bus, sf_model_nor(model)));
    if (etss_host_set_huk(suite_huk, sizeof(suite_huk)) != 0 || etss_host_start_partition() != 0) {
        fprintf(stderr, "suite: cannot start the partition\n");
        return -1;
    }
    if (blank) {
        return 0;
    }
    uint8_t msg[512];
    size_t len = 0;
    if (etss_suite_provisioning_message(etss_suite_provisioning, msg, sizeof(msg), &len) != 0) {
        return -1;
    }
    spm_host_set_client_id(ETSS_S_CLIENT);
    etss_err_t err = tfm_etss_secure_flash_provisioning(len, msg);
    if (err != ETSS_SUCCESS) {
        fprintf(stderr, "suite: provisioning failed: %d\n", (int)err);
        return -1;
    }
    return 0;
}
