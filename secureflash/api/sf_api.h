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

/* Bind the API to a discovered device whose trust is set
 * (sf_device_set_trust): fetches the authenticated description of a part
 * this host provisioned. SF_OK for a part it did not (it waits for
 * provisioning). */
int sf_api_init(struct sf_device *dev);

/* Provision the part: `record` is a provisioning record in the format of
 * the part's binding (SFP1's: protocol section 8) with zero root keys; each
 * zone's root key is derived from the HUK, the part's identity and a fresh
 * salt, filled in and sealed to the part (sf_device_provision), never
 * leaving the partition in clear. */
int sf_api_provision(struct sf_device *dev, const uint8_t *record, size_t len);
int sf_api_lock(struct sf_device *dev);

/* The binding of `client_id` (authenticated). */
int sf_api_binding(struct sf_device *dev, int32_t client_id, struct sf_binding *binding);
int sf_api_zone_size(struct sf_device *dev, int32_t client_id, uint32_t *size);

/* Offsets are relative to the client's zone. Any length: split as needed. */
int sf_api_read(struct sf_device *dev, int32_t client_id, uint32_t offset, void *buf, size_t len);
int sf_api_program(struct sf_device *dev, int32_t client_id, uint32_t offset, const void *data,
                   size_t len);
/* What sf_api_erase erases: one 4 KiB sector. */
#define SF_API_ERASE_SIZE 4096u

/* Erase the SF_API_ERASE_SIZE sector at `offset` (aligned). */
int sf_api_erase(struct sf_device *dev, int32_t client_id, uint32_t offset);

/* The client's bound counter. */
int sf_api_counter_read(struct sf_device *dev, int32_t client_id, uint32_t *value);
int sf_api_counter_increment(struct sf_device *dev, int32_t client_id, uint32_t *value);

int sf_api_random(struct sf_device *dev, int32_t client_id, void *buf, size_t len);
int sf_api_puf(struct sf_device *dev, int32_t client_id, const uint8_t *challenge,
               size_t challenge_len, uint8_t *out, size_t out_size, size_t *out_len);
int sf_api_uid(struct sf_device *dev, int32_t client_id, uint8_t *out, size_t out_size,
               size_t *out_len);

#endif /* ETSS_SF_API_H */
