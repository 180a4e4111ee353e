/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS partition's FF-M entry: it waits for requests, checks the
 * number and size of every vector before touching it, copies the
 * arguments in, calls the service with the client id the SPM gave, and
 * writes the results out. Vector layouts: interface/include/etss/etss_ipc_defs.h.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "etss/etss_ipc_defs.h"
#include "etss_config.h"
#include "etss_platform.h"
#include "etss_service.h"
#include "psa/service.h"
#include "psa_manifest/etss.h"

#define UID_LEN sizeof(psa_storage_uid_t)
#define WORD_LEN sizeof(uint32_t)
#define MC_ID_LEN 1u
#define PUF_MAX 32u
#define COUNTER_MAX 4u
#define BUFFER_SIZE                                                                                \
    (ETSS_MAX_ASSET_SIZE > ETSS_MAX_PROVISIONING_LEN ? ETSS_MAX_ASSET_SIZE                         \
                                                     : ETSS_MAX_PROVISIONING_LEN)

/* One request at a time: one buffer for the data it carries. */
static uint8_t data_buf[BUFFER_SIZE];

/* The vectors a call type takes: the size of each in_vec (ANY: up to
 * `limit`) and how many out_vecs. Everything else must be absent. */
#define ANY SIZE_MAX
struct call_shape {
    size_t in[PSA_MAX_IOVEC];
    size_t n_out;
};

static bool shape_ok(const psa_msg_t *msg, const struct call_shape *shape)
{
    for (size_t i = 0; i < PSA_MAX_IOVEC; i++) {
        if (shape->in[i] != ANY && msg->in_size[i] != shape->in[i]) {
            return false;
        }
        if (i >= shape->n_out && msg->out_size[i] != 0u) {
            return false;
        }
    }
    return true;
}

static void read_in(const psa_msg_t *msg, uint32_t idx, void *buf, size_t len)
{
    /* The size was checked against the shape: this reads all of it. */
    (void)psa_read(msg->handle, idx, buf, len);
}

static psa_storage_uid_t read_uid(const psa_msg_t *msg)
{
    psa_storage_uid_t uid = 0;
    read_in(msg, 0, &uid, UID_LEN);
    return uid;
}

static etss_err_t handle_provisioning(const psa_msg_t *msg)
{
    static const struct call_shape shape = {{ANY, 0, 0, 0}, 0};
    size_t len = msg->in_size[0];
    if (!shape_ok(msg, &shape)) {
        return ETSS_ERR_PROGRAMMER_ERROR;
    }
    if (len == 0u || len > ETSS_MAX_PROVISIONING_LEN) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    read_in(msg, 0, data_buf, len);
    etss_err_t err = etss_service_provision(msg->client_id, data_buf, len);
    etss_service_wipe(data_buf, len);
    return err;
}

static etss_err_t handle_lock(const psa_msg_t *msg)
{
    static const struct call_shape shape = {{0, 0, 0, 0}, 0};
    return shape_ok(msg, &shape) ? etss_service_lock(msg->client_id) : ETSS_ERR_PROGRAMMER_ERROR;
}

static etss_err_t handle_set(const psa_msg_t *msg)
{
    static const struct call_shape shape = {{UID_LEN, ANY, WORD_LEN, 0}, 0};
    size_t len = msg->in_size[1];
    uint32_t flags = 0;
    if (!shape_ok(msg, &shape)) {
        return ETSS_ERR_PROGRAMMER_ERROR;
    }
    if (len > ETSS_MAX_ASSET_SIZE) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    psa_storage_uid_t uid = read_uid(msg);
    read_in(msg, 1, data_buf, len);
    read_in(msg, 2, &flags, WORD_LEN);
    etss_err_t err = etss_service_set(msg->client_id, uid, data_buf, len, flags);
    etss_service_wipe(data_buf, len); /* the asset stays on the flash only */
    return err;
}

static etss_err_t handle_get(const psa_msg_t *msg)
{
    static const struct call_shape shape = {{UID_LEN, WORD_LEN, 0, 0}, 1};
    uint32_t offset = 0;
    size_t n = 0;
    if (!shape_ok(msg, &shape)) {
        return ETSS_ERR_PROGRAMMER_ERROR;
    }
    psa_storage_uid_t uid = read_uid(msg);
    read_in(msg, 1, &offset, WORD_LEN);
    size_t want = msg->out_size[0] < sizeof(data_buf) ? msg->out_size[0] : sizeof(data_buf);
    etss_err_t err = etss_service_get(msg->client_id, uid, offset, data_buf, want, &n);
    if (err == ETSS_SUCCESS && n != 0u) {
        psa_write(msg->handle, 0, data_buf, n);
    }
    etss_service_wipe(data_buf, n);
    return err;
}

static etss_err_t handle_get_info(const psa_msg_t *msg)
{
    static const struct call_shape shape = {{UID_LEN, 0, 0, 0}, 1};
    struct psa_storage_info_t info;
    if (!shape_ok(msg, &shape) || msg->out_size[0] != sizeof(info)) {
        return ETSS_ERR_PROGRAMMER_ERROR;
    }
    etss_err_t err = etss_service_get_info(msg->client_id, read_uid(msg), &info);
    if (err == ETSS_SUCCESS) {
        psa_write(msg->handle, 0, &info, sizeof(info));
    }
    return err;
}

static etss_err_t handle_remove(const psa_msg_t *msg)
{
    static const struct call_shape shape = {{UID_LEN, 0, 0, 0}, 0};
    return shape_ok(msg, &shape) ? etss_service_remove(msg->client_id, read_uid(msg))
                                 : ETSS_ERR_PROGRAMMER_ERROR;
}

static etss_err_t handle_get_puf(const psa_msg_t *msg)
{
    static const struct call_shape shape = {{0, 0, 0, 0}, 1};
    uint8_t puf[PUF_MAX];
    size_t n = 0;
    if (!shape_ok(msg, &shape)) {
        return ETSS_ERR_PROGRAMMER_ERROR;
    }
    size_t room = msg->out_size[0] < sizeof(puf) ? msg->out_size[0] : sizeof(puf);
    etss_err_t err = etss_service_get_puf(msg->client_id, puf, room, &n);
    if (err == ETSS_SUCCESS) {
        psa_write(msg->handle, 0, puf, n);
    }
    etss_service_wipe(puf, sizeof(puf));
    return err;
}

static etss_err_t handle_random(const psa_msg_t *msg)
{
    static const struct call_shape shape = {{0, 0, 0, 0}, 1};
    if (!shape_ok(msg, &shape)) {
        return ETSS_ERR_PROGRAMMER_ERROR;
    }
    size_t left = msg->out_size[0];
    if (left == 0u) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    etss_err_t err = ETSS_SUCCESS;
    while (err == ETSS_SUCCESS && left != 0u) {
        size_t n = left < sizeof(data_buf) ? left : sizeof(data_buf);
        err = etss_service_random(msg->client_id, data_buf, n);
        if (err == ETSS_SUCCESS) {
            psa_write(msg->handle, 0, data_buf, n);
            left -= n;
        }
    }
    etss_service_wipe(data_buf, sizeof(data_buf));
    return err;
}

static etss_err_t handle_mc_increment(const psa_msg_t *msg)
{
    static const struct call_shape shape = {{MC_ID_LEN, 0, 0, 0}, 0};
    uint8_t mc_id = 0;
    if (!shape_ok(msg, &shape)) {
        return ETSS_ERR_PROGRAMMER_ERROR;
    }
    read_in(msg, 0, &mc_id, MC_ID_LEN);
    return etss_service_mc_increment(msg->client_id, mc_id);
}

static etss_err_t handle_mc_get(const psa_msg_t *msg)
{
    static const struct call_shape shape = {{MC_ID_LEN, 0, 0, 0}, 1};
    uint8_t mc_id = 0;
    uint8_t value[COUNTER_MAX];
    size_t n = 0;
    if (!shape_ok(msg, &shape)) {
        return ETSS_ERR_PROGRAMMER_ERROR;
    }
    read_in(msg, 0, &mc_id, MC_ID_LEN);
    size_t room = msg->out_size[0] < sizeof(value) ? msg->out_size[0] : sizeof(value);
    etss_err_t err = etss_service_mc_get(msg->client_id, mc_id, value, room, &n);
    if (err == ETSS_SUCCESS) {
        psa_write(msg->handle, 0, value, n);
    }
    return err;
}

static etss_err_t dispatch(const psa_msg_t *msg)
{
    switch (msg->type) {
    case ETSS_CALL_PROVISIONING:
        return handle_provisioning(msg);
    case ETSS_CALL_LOCK:
        return handle_lock(msg);
    case ETSS_CALL_SET:
        return handle_set(msg);
    case ETSS_CALL_GET:
        return handle_get(msg);
    case ETSS_CALL_GET_INFO:
        return handle_get_info(msg);
    case ETSS_CALL_REMOVE:
        return handle_remove(msg);
    case ETSS_CALL_GET_PUF:
        return handle_get_puf(msg);
    case ETSS_CALL_RANDOM:
        return handle_random(msg);
    case ETSS_CALL_MC_INCREMENT:
        return handle_mc_increment(msg);
    case ETSS_CALL_MC_GET:
        return handle_mc_get(msg);
    default:
        return ETSS_ERR_NOT_SUPPORTED;
    }
}

static void serve(void)
{
    psa_msg_t msg;
    if (psa_get(TFM_ETSS_SERVICE_SIGNAL, &msg) != PSA_SUCCESS) {
        return;
    }
    switch (msg.type) {
    case PSA_IPC_CONNECT:
    case PSA_IPC_DISCONNECT:
        psa_reply(msg.handle, PSA_SUCCESS);
        break;
    default:
        psa_reply(msg.handle, (psa_status_t)dispatch(&msg));
        break;
    }
}

/* ETSS's service, and the board's own services in this partition when its
 * manifest declares some (etss_platform.h). */
#ifdef ETSS_BOARD_SIGNALS
#define PARTITION_SIGNALS (TFM_ETSS_SERVICE_SIGNAL | (ETSS_BOARD_SIGNALS))
#else
#define PARTITION_SIGNALS TFM_ETSS_SERVICE_SIGNAL
#endif

/* The entry point named in partition/manifest/etss.yaml. */
void etss_partition_main(void);

void etss_partition_main(void)
{
    /* A blank or missing part is not fatal: each request then answers
     * ETSS_ERR_SF_UNPROVISIONED or ETSS_ERR_SF_INIT, and provisioning
     * works on a blank part. */
    (void)etss_service_init();
    for (;;) {
        psa_signal_t signals = psa_wait(PARTITION_SIGNALS, PSA_BLOCK);
        if ((signals & TFM_ETSS_SERVICE_SIGNAL) != 0u) {
            serve();
        }
#ifdef ETSS_BOARD_SIGNALS
        if ((signals & (ETSS_BOARD_SIGNALS)) != 0u) {
            etss_platform_serve(signals & (ETSS_BOARD_SIGNALS));
        }
#endif
    }
}
