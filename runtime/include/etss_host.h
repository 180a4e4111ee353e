/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS partition on a host: the platform port (etss_platform.h) on
 * whatever SPI buses the caller gives it, a HUK from bytes, and the
 * partition started in the host SPM, serving tfm_etss_* calls from any
 * thread of the process.
 */
#ifndef ETSS_HOST_H
#define ETSS_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "sf_device.h"
#include "spi_driver.h"

/* The bus of secure flash `instance` (before the partition starts). */
void etss_host_set_spi(uint8_t instance, const struct etss_spi_driver *spi);

/* The client -> counter bindings of a counters-only part `instance` (the
 * board's configuration); the table must outlive the partition. */
void etss_host_set_counter_bindings(uint8_t instance, const struct sf_binding *bindings, size_t n);

/* The HUK, as the MCU's key store would hold it; 0 or -1. */
int etss_host_set_huk(const uint8_t *huk, size_t len);

/* What the board trusts: the maker key that signs its parts' identities
 * (65 bytes, uncompressed P-256), and where it keeps its part records:
 * `path` NULL for records in RAM (as long as the process), else a file
 * (beside a device image). Empties the RAM records; 0 or -1. */
int etss_host_set_trust(const uint8_t maker_key[65], const char *path);

/* Start the partition in the host SPM (once per process); 0 or -1. */
int etss_host_start_partition(void);

/* Secure partition ids the host uses for secure clients in tests and tools. */
#define ETSS_HOST_SECURE_CLIENT_ID 256

#endif /* ETSS_HOST_H */
