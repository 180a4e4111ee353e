/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ETSS client API, source-compatible with upstream ETSS (tf-m-extras):
 * the same functions, types and error codes. Non-secure clients and other
 * secure partitions call it alike; the SPM tells the partition who called.
 */
#ifndef ETSS_API_H
#define ETSS_API_H

#include <stddef.h>
#include <stdint.h>

#include "etss/etss_defs.h"
#include "psa/storage_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Provision the secure flash from a provisioning message (docs/provisioning.md).
 * Secure callers only: a non-secure client gets ETSS_ERR_NOT_PERMITTED. */
etss_err_t tfm_etss_secure_flash_provisioning(size_t data_length, const void *p_data);

/* PSA Secure Storage semantics (ITS 1.0) on the caller's own assets. */
etss_err_t tfm_etss_set(psa_storage_uid_t uid, size_t data_length, const void *p_data,
                        psa_storage_create_flags_t create_flags);
etss_err_t tfm_etss_get(psa_storage_uid_t uid, size_t data_offset, size_t data_size, void *p_data,
                        size_t *p_data_length);
etss_err_t tfm_etss_get_info(psa_storage_uid_t uid, struct psa_storage_info_t *p_info);
etss_err_t tfm_etss_remove(psa_storage_uid_t uid);

/* The device's PUF value for the caller (device-unique, stable). */
etss_err_t tfm_etss_get_puf(uint8_t *buf, uint32_t buf_size, uint32_t *puf_len);
/* Random bytes from the device's TRNG. */
etss_err_t tfm_etss_generate_random_number(uint8_t *buf, uint32_t buf_size);
/* The caller's bound monotonic counter: increment, or read (4 bytes, little-endian). */
etss_err_t tfm_etss_mc_increment(uint8_t mc_id);
etss_err_t tfm_etss_mc_get(uint8_t mc_id, uint8_t *buf, uint32_t buf_size);

#ifdef __cplusplus
}
#endif

#endif /* ETSS_API_H */
