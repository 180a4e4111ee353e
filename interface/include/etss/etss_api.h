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

/*
 * Every function may also answer, whatever it was asked:
 *   ETSS_ERR_SF_INIT            no usable secure flash (no part, no HUK, no
 *                               trust store; or a part found locked out at boot)
 *   ETSS_ERR_SF_UNPROVISIONED   the part is blank (by the host's own record):
 *                               everything but provisioning
 *   ETSS_ERR_SF_TAMPER          the part contradicts the host's record (another
 *                               identity, "blank" after provisioning, a counter
 *                               below its floor): nothing is sent, until reboot
 *   ETSS_ERR_COMMUNICATION_FAILURE  the channel failed (after one retry of an
 *                               operation that may be repeated)
 *   ETSS_ERR_SERVICE_FAILURE    the part locked itself out after repeated
 *                               failures, or an internal check failed
 *   ETSS_ERR_HARDWARE_FAILURE   the part or the crypto service reported a failure
 *   ETSS_ERR_INSUFFICIENT_MEMORY  the crypto service ran out of key slots or
 *                               memory (nothing was sent that needed them)
 *   ETSS_ERR_CONNECTION_REFUSED the ETSS service cannot be reached
 *   ETSS_ERR_PROGRAMMER_ERROR   (TF-M) the SPM refused the call's vectors: a
 *                               buffer the caller does not own, or a size larger
 *                               than its buffer; nothing reaches ETSS
 * The lists below name what each call answers beyond those.
 */

/* Provision the secure flash from a provisioning message
 * (docs/provisioning.md): the first part the host never provisioned, or
 * part 0 again (developer mode). Secure callers only.
 *   ETSS_SUCCESS
 *   ETSS_ERR_NOT_PERMITTED      a non-secure caller; or a locked part
 *   ETSS_ERR_INVALID_ARGUMENT   p_data NULL or data_length 0
 *   ETSS_ERR_SF_PROVISION       the message is malformed, or the part refused it */
etss_err_t tfm_etss_secure_flash_provisioning(size_t data_length, const void *p_data);

/* Lock every provisioned part for good (an ETSS extension of the upstream
 * API): its lifecycle goes from developer mode to production, where
 * provisioning is frozen; storage, counters and services go on. A part
 * locked already stays so; a blank part beside a provisioned one is left
 * blank. Irreversible. Secure callers only.
 *   ETSS_SUCCESS                every provisioned part that has a lifecycle
 *                               is locked
 *   ETSS_ERR_NOT_PERMITTED      a non-secure caller
 *   ETSS_ERR_NOT_SUPPORTED      no provisioned part can lock (counters only)
 *   ETSS_ERR_SF_UNPROVISIONED   no part is provisioned: nothing is locked */
etss_err_t tfm_etss_secure_flash_lock(void);

/* PSA Secure Storage semantics (ITS 1.0) on the caller's own assets, in the
 * zone its binding names (docs/partition.md, "Storage semantics"). */

/* Create or replace asset `uid`.
 *   ETSS_SUCCESS
 *   ETSS_ERR_INVALID_ARGUMENT   uid 0; data_length above ETSS_MAX_ASSET_SIZE;
 *                               p_data NULL with a non-zero length
 *   ETSS_ERR_NOT_SUPPORTED      a create flag other than WRITE_ONCE,
 *                               NO_CONFIDENTIALITY, NO_REPLAY_PROTECTION; or a
 *                               confidential asset for a zone whose reads are
 *                               not encrypted (nothing written)
 *   ETSS_ERR_NOT_PERMITTED      the asset was written once; a client without a binding
 *   ETSS_ERR_INSUFFICIENT_STORAGE  the client's ETSS_MAX_ASSETS_PER_CLIENT-th
 *                               asset, a full zone or index (nothing changed)
 *   ETSS_ERR_INSUFFICIENT_MEMORY   more zones in use than the partition serves
 *   ETSS_ERR_DATA_INVALID       the zone holds a filesystem of another format
 *   ETSS_ERR_STORAGE_FAILURE    the flash failed */
etss_err_t tfm_etss_set(psa_storage_uid_t uid, size_t data_length, const void *p_data,
                        psa_storage_create_flags_t create_flags);

/* Read up to data_size bytes of asset `uid` from data_offset; *p_data_length
 * says how many (0 on any failure).
 *   ETSS_SUCCESS                (an offset at the asset's size gives 0 bytes)
 *   ETSS_ERR_INVALID_ARGUMENT   uid 0; p_data_length NULL; p_data NULL with a
 *                               non-zero data_size; an offset beyond the size
 *   ETSS_ERR_DOES_NOT_EXIST     no such asset of this client
 *   ETSS_ERR_NOT_PERMITTED      a client without a binding
 *   ETSS_ERR_DATA_CORRUPT       the stored content fails its check (never wrong data)
 *   ETSS_ERR_DATA_INVALID, ETSS_ERR_STORAGE_FAILURE, ETSS_ERR_INSUFFICIENT_MEMORY
 *                               as for tfm_etss_set */
etss_err_t tfm_etss_get(psa_storage_uid_t uid, size_t data_offset, size_t data_size, void *p_data,
                        size_t *p_data_length);

/* Size, capacity and flags of asset `uid`.
 *   ETSS_SUCCESS
 *   ETSS_ERR_INVALID_ARGUMENT   uid 0; p_info NULL
 *   ETSS_ERR_DOES_NOT_EXIST, ETSS_ERR_NOT_PERMITTED, ETSS_ERR_DATA_CORRUPT,
 *   ETSS_ERR_DATA_INVALID, ETSS_ERR_STORAGE_FAILURE  as for tfm_etss_get */
etss_err_t tfm_etss_get_info(psa_storage_uid_t uid, struct psa_storage_info_t *p_info);

/* Remove asset `uid` (one whose value was lost too, unless written once).
 *   ETSS_SUCCESS
 *   ETSS_ERR_INVALID_ARGUMENT   uid 0
 *   ETSS_ERR_NOT_PERMITTED      the asset was written once; a client without a binding
 *   ETSS_ERR_DOES_NOT_EXIST, ETSS_ERR_DATA_INVALID, ETSS_ERR_STORAGE_FAILURE
 *                               as for tfm_etss_get */
etss_err_t tfm_etss_remove(psa_storage_uid_t uid);

/* The device's PUF value for the caller: 32 bytes, device-unique, stable,
 * one value per client.
 *   ETSS_SUCCESS                *puf_len = 32
 *   ETSS_ERR_INVALID_ARGUMENT   buf or puf_len NULL
 *   ETSS_ERR_BUFFER_TOO_SMALL   buf_size below 32
 *   ETSS_ERR_NOT_SUPPORTED      no part serving the caller has a PUF it can
 *                               return sealed
 *   ETSS_ERR_NOT_PERMITTED      a client without a binding */
etss_err_t tfm_etss_get_puf(uint8_t *buf, uint32_t buf_size, uint32_t *puf_len);

/* buf_size random bytes from the device's TRNG, over the encrypted channel.
 *   ETSS_SUCCESS
 *   ETSS_ERR_INVALID_ARGUMENT   buf NULL or buf_size 0
 *   ETSS_ERR_NOT_SUPPORTED, ETSS_ERR_NOT_PERMITTED  as for tfm_etss_get_puf */
etss_err_t tfm_etss_generate_random_number(uint8_t *buf, uint32_t buf_size);

/* Increment the caller's bound monotonic counter `mc_id` (sent once, never
 * repeated).
 *   ETSS_SUCCESS
 *   ETSS_ERR_NOT_PERMITTED      not the caller's counter; a client without a binding
 *   ETSS_ERR_NOT_SUPPORTED      no part serving the caller has counters
 *   ETSS_ERR_BAD_STATE          the counter is at its maximum */
etss_err_t tfm_etss_mc_increment(uint8_t mc_id);

/* Read the caller's bound counter `mc_id`: 4 bytes, little-endian.
 *   ETSS_SUCCESS
 *   ETSS_ERR_INVALID_ARGUMENT   buf NULL
 *   ETSS_ERR_BUFFER_TOO_SMALL   buf_size below 4
 *   ETSS_ERR_NOT_PERMITTED, ETSS_ERR_NOT_SUPPORTED  as for tfm_etss_mc_increment */
etss_err_t tfm_etss_mc_get(uint8_t mc_id, uint8_t *buf, uint32_t buf_size);

#ifdef __cplusplus
}
#endif

#endif /* ETSS_API_H */
