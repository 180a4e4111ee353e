/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Secure flash API layer: what the partition's filesystem and services
 * call. It maps a client id to its binding (zone, key, counter) from the
 * part's authenticated description, refuses clients without a binding and
 * offsets outside the client's zone, and addresses each client's zone
 * from 0.
 */
#ifndef ETSS_SF_API_H
#define ETSS_SF_API_H

#include <stddef.h>
#include <stdint.h>

#include "sf_device.h"

/*
 * Every function returns SF_OK or an SF_ERR_ code (sf_status.h). Besides
 * the codes listed with each, any call that reaches the part may answer
 * what the common layer does (sf_device.h): SF_ERR_TAMPER (the part
 * contradicts the host's record; nothing is sent), SF_ERR_LIFECYCLE (a part
 * this host never provisioned), SF_ERR_COMM (the channel, after one retry of
 * what may be repeated), SF_ERR_LOCKED_OUT, SF_ERR_DEVICE, SF_ERR_FLASH, and
 * whatever the layers below said, unchanged: the bus's failures
 * (SF_ERR_BUS, SF_ERR_BUS_*, SF_ERR_TIMEOUT) and the crypto service's
 * (SF_ERR_CRYPTO, SF_ERR_CRYPTO_RESOURCES).
 */

/* Bind the API to a discovered device whose trust is set
 * (sf_device_set_trust): fetches the authenticated description of a part
 * this host provisioned.
 *   SF_OK            also for a part it did not provision (it waits for that)
 *   SF_ERR_PARAM     dev NULL or not discovered */
int sf_api_init(struct sf_device *dev);

/* Provision the part: `record` is a provisioning record in the format of
 * the part's binding (SFP1's: protocol section 8) with zero root keys; each
 * zone's root key is derived from the HUK, the part's identity and a fresh
 * salt, filled in and sealed to the part (sf_device_provision), never
 * leaving the partition in clear.
 *   SF_OK
 *   SF_ERR_PARAM          dev or record NULL, len 0, or a record its binding
 *                         cannot key (nothing sent)
 *   SF_ERR_MALFORMED      the part refused the record
 *   SF_ERR_NOT_SUPPORTED  the binding cannot provision
 *   SF_ERR_LIFECYCLE      a locked part (provisioning is frozen) */
int sf_api_provision(struct sf_device *dev, const uint8_t *record, size_t len);
/* Lock the part for good (production), in a session on zone 0.
 *   SF_OK                 locked; also a part locked already (its
 *                         authenticated description says so; nothing sent)
 *   SF_ERR_PARAM          dev NULL
 *   SF_ERR_NOT_SUPPORTED  the part cannot lock
 *   SF_ERR_LIFECYCLE      a part the host never provisioned */
int sf_api_lock(struct sf_device *dev);

/* The binding of `client_id` (from the authenticated description).
 *   SF_OK
 *   SF_ERR_PARAM       dev or binding NULL
 *   SF_ERR_NO_BINDING  the client has none */
int sf_api_binding(struct sf_device *dev, int32_t client_id, struct sf_binding *binding);
/* The client's zone: its size and policies (from the authenticated
 * description; the base stays the API's). SF_OK, SF_ERR_PARAM (zone NULL),
 * or sf_api_binding's codes. */
int sf_api_client_zone(struct sf_device *dev, int32_t client_id, struct sf_zone *zone);

/* What the part can do: SF_FEATURE_* as its maker certified them and
 * discovery agreed (0 for NULL or a part not discovered). */
uint32_t sf_api_features(const struct sf_device *dev);
/* The zones the part's authenticated description has (0 before it is
 * provisioned, and for a part without storage). */
uint8_t sf_api_zone_count(const struct sf_device *dev);

/* Offsets are relative to the client's zone. Any length: split as needed.
 *   SF_OK
 *   SF_ERR_PARAM       buf / data NULL with a non-zero length
 *   SF_ERR_NO_BINDING  the client has none
 *   SF_ERR_DENIED      the range leaves the client's zone, or the zone's
 *                      policy forbids it (a read-only zone's program) */
int sf_api_read(struct sf_device *dev, int32_t client_id, uint32_t offset, void *buf, size_t len);
/* `count` runs of `len` bytes, run i from offset + i x stride, into `buf`
 * back to back (count x len bytes): as many runs in one exchange as the
 * part takes (SFP1's READ_STRIDED), else run by run. sf_api_read's codes;
 * SF_ERR_PARAM also for a stride below `len`, SF_ERR_DENIED for any run
 * outside the zone (nothing read). */
int sf_api_read_strided(struct sf_device *dev, int32_t client_id, uint32_t offset, uint32_t stride,
                        uint32_t count, void *buf, size_t len);
int sf_api_program(struct sf_device *dev, int32_t client_id, uint32_t offset, const void *data,
                   size_t len);
/* What sf_api_erase erases: one 4 KiB sector. */
#define SF_API_ERASE_SIZE 4096u

/* Erase the SF_API_ERASE_SIZE sector at `offset`: sf_api_program's codes,
 * and SF_ERR_PARAM for an offset that is not aligned. */
int sf_api_erase(struct sf_device *dev, int32_t client_id, uint32_t offset);

/* The client's bound counter.
 *   SF_OK
 *   SF_ERR_PARAM          dev or value NULL
 *   SF_ERR_NOT_SUPPORTED  the part has no counters
 *   SF_ERR_NO_BINDING     the client has none
 *   SF_ERR_COUNTER_LIMIT  (increment) the counter is at its maximum
 *   SF_ERR_TAMPER         the value is below what this host saw of it */
int sf_api_counter_read(struct sf_device *dev, int32_t client_id, uint32_t *value);
int sf_api_counter_increment(struct sf_device *dev, int32_t client_id, uint32_t *value);

/* Device services, in a session on the client's zone: sf_api_counter_read's
 * codes (SF_ERR_NOT_SUPPORTED: the part lacks the feature), and
 * SF_ERR_PARAM for a NULL output (random: with a non-zero length) or a
 * PUF challenge or output the part cannot take. */
int sf_api_random(struct sf_device *dev, int32_t client_id, void *buf, size_t len);
int sf_api_puf(struct sf_device *dev, int32_t client_id, const uint8_t *challenge,
               size_t challenge_len, uint8_t *out, size_t out_size, size_t *out_len);
int sf_api_uid(struct sf_device *dev, int32_t client_id, uint8_t *out, size_t out_size,
               size_t *out_len);

#endif /* ETSS_SF_API_H */
