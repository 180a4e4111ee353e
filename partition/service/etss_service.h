/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS service: PSA Secure Storage semantics over the per-zone
 * filesystems, and the device services (counters, PUF, random numbers,
 * provisioning, locking). Callers are identified by the client id the SPM gave
 * their request; arguments have been copied in by the request manager.
 */
#ifndef ETSS_SERVICE_H
#define ETSS_SERVICE_H

#include <stddef.h>
#include <stdint.h>

#include "etss/etss_defs.h"
#include "psa/storage_common.h"

/* Discover the devices. ETSS_ERR_SF_UNPROVISIONED: a blank part, which
 * takes provisioning only; ETSS_ERR_SF_INIT: no usable part. */
etss_err_t etss_service_init(void);

/* Secure clients (client_id > 0) only; see docs/partition.md. */
etss_err_t etss_service_provision(int32_t client_id, const uint8_t *data, size_t len);
etss_err_t etss_service_lock(int32_t client_id);
etss_err_t etss_service_set(int32_t client_id, psa_storage_uid_t uid, const void *data, size_t len,
                            psa_storage_create_flags_t flags);
etss_err_t etss_service_get(int32_t client_id, psa_storage_uid_t uid, size_t offset, void *buf,
                            size_t size, size_t *out_len);
etss_err_t etss_service_get_info(int32_t client_id, psa_storage_uid_t uid,
                                 struct psa_storage_info_t *info);
etss_err_t etss_service_remove(int32_t client_id, psa_storage_uid_t uid);
etss_err_t etss_service_get_puf(int32_t client_id, uint8_t *buf, size_t size, size_t *out_len);
etss_err_t etss_service_random(int32_t client_id, uint8_t *buf, size_t size);
etss_err_t etss_service_mc_increment(int32_t client_id, uint8_t mc_id);
etss_err_t etss_service_mc_get(int32_t client_id, uint8_t mc_id, uint8_t *buf, size_t size,
                               size_t *out_len);

/* Wipe a buffer that carried a client's secret (an asset, a provisioning
 * message, a PUF value) in a way the compiler keeps. */
void etss_service_wipe(void *buf, size_t len);

#endif /* ETSS_SERVICE_H */
