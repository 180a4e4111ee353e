/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS client API over FF-M IPC: connect to the ETSS service, one call
 * with in/out vectors, close. The same source serves non-secure clients
 * (linked into the NSPE, where TF-M's NS interface carries psa_* calls to
 * the SPM) and other secure partitions (linked into the SPE); the SPM tells
 * the partition which one called.
 */
#include "etss/etss_api.h"
#include "etss/etss_ipc_defs.h"
#include "psa/client.h"
#include "psa_manifest/sid.h"

#define IN(p, n)                                                                                   \
    {                                                                                              \
        .base = (p), .len = (n)                                                                    \
    }

/* One request: connect, call, close. */
static etss_err_t request(int32_t type, const psa_invec *in, size_t n_in, psa_outvec *out,
                          size_t n_out)
{
    psa_handle_t handle = psa_connect(TFM_ETSS_SERVICE_SID, TFM_ETSS_SERVICE_VERSION);
    if (handle <= 0) {
        return ETSS_ERR_CONNECTION_REFUSED;
    }
    psa_status_t status = psa_call(handle, type, in, n_in, out, n_out);
    psa_close(handle);
    return (etss_err_t)status;
}

etss_err_t tfm_etss_secure_flash_provisioning(size_t data_length, const void *p_data)
{
    if (p_data == NULL || data_length == 0u) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    psa_invec in[] = {IN(p_data, data_length)};
    return request(ETSS_CALL_PROVISIONING, in, 1, NULL, 0);
}

etss_err_t tfm_etss_secure_flash_lock(void)
{
    return request(ETSS_CALL_LOCK, NULL, 0, NULL, 0);
}

etss_err_t tfm_etss_set(psa_storage_uid_t uid, size_t data_length, const void *p_data,
                        psa_storage_create_flags_t create_flags)
{
    if (p_data == NULL && data_length != 0u) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    uint32_t flags = create_flags;
    psa_invec in[] = {IN(&uid, sizeof(uid)), IN(p_data, data_length), IN(&flags, sizeof(flags))};
    return request(ETSS_CALL_SET, in, 3, NULL, 0);
}

etss_err_t tfm_etss_get(psa_storage_uid_t uid, size_t data_offset, size_t data_size, void *p_data,
                        size_t *p_data_length)
{
    if (p_data_length == NULL) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    *p_data_length = 0u;
    if ((p_data == NULL && data_size != 0u) || data_offset > UINT32_MAX) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    uint32_t offset = (uint32_t)data_offset;
    psa_invec in[] = {IN(&uid, sizeof(uid)), IN(&offset, sizeof(offset))};
    psa_outvec out[] = {{.base = p_data, .len = data_size}};
    etss_err_t err = request(ETSS_CALL_GET, in, 2, out, 1);
    *p_data_length = err == ETSS_SUCCESS ? out[0].len : 0u;
    return err;
}

etss_err_t tfm_etss_get_info(psa_storage_uid_t uid, struct psa_storage_info_t *p_info)
{
    if (p_info == NULL) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    psa_invec in[] = {IN(&uid, sizeof(uid))};
    psa_outvec out[] = {{.base = p_info, .len = sizeof(*p_info)}};
    return request(ETSS_CALL_GET_INFO, in, 1, out, 1);
}

etss_err_t tfm_etss_remove(psa_storage_uid_t uid)
{
    psa_invec in[] = {IN(&uid, sizeof(uid))};
    return request(ETSS_CALL_REMOVE, in, 1, NULL, 0);
}

etss_err_t tfm_etss_get_puf(uint8_t *buf, uint32_t buf_size, uint32_t *puf_len)
{
    if (puf_len == NULL) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    *puf_len = 0u;
    if (buf == NULL) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    psa_outvec out[] = {{.base = buf, .len = buf_size}};
    etss_err_t err = request(ETSS_CALL_GET_PUF, NULL, 0, out, 1);
    *puf_len = err == ETSS_SUCCESS ? (uint32_t)out[0].len : 0u;
    return err;
}

etss_err_t tfm_etss_generate_random_number(uint8_t *buf, uint32_t buf_size)
{
    if (buf == NULL || buf_size == 0u) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    psa_outvec out[] = {{.base = buf, .len = buf_size}};
    return request(ETSS_CALL_RANDOM, NULL, 0, out, 1);
}

etss_err_t tfm_etss_mc_increment(uint8_t mc_id)
{
    psa_invec in[] = {IN(&mc_id, sizeof(mc_id))};
    return request(ETSS_CALL_MC_INCREMENT, in, 1, NULL, 0);
}

etss_err_t tfm_etss_mc_get(uint8_t mc_id, uint8_t *buf, uint32_t buf_size)
{
    if (buf == NULL) {
        return ETSS_ERR_INVALID_ARGUMENT;
    }
    psa_invec in[] = {IN(&mc_id, sizeof(mc_id))};
    psa_outvec out[] = {{.base = buf, .len = buf_size}};
    return request(ETSS_CALL_MC_GET, in, 1, out, 1);
}
