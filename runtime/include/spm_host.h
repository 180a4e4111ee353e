/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host SPM: an in-process Secure Partition Manager that provides
 * psa/client.h and psa/service.h on Linux, so an IPC-model partition's
 * unchanged source runs in tests and tools. Each partition runs its entry
 * function in its own thread; clients are any other threads. See
 * docs/host-runtime.md.
 */
#ifndef ETSS_SPM_HOST_H
#define ETSS_SPM_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "psa/service.h"

/* One RoT Service of a partition, as its manifest would declare it. */
struct spm_host_service {
    uint32_t sid;
    uint32_t version;    /* the newest the service accepts; >= 1 */
    psa_signal_t signal; /* one bit, not one of bits 0 to 3 */
};

#define SPM_HOST_MAX_PARTITIONS 4
#define SPM_HOST_MAX_SERVICES 8 /* per partition */
#define SPM_HOST_MAX_CONNECTIONS 64

/*
 * Starts a partition: entry runs in a new thread (and must never return)
 * and serves the listed services. Returns 0, or -1 when the id is not > 0 or
 * taken, a SID is taken, a signal is not a single free service bit, or the
 * SPM is full.
 */
int spm_host_start_partition(int32_t partition_id, void (*entry)(void),
                             const struct spm_host_service *services, size_t n_services);

/*
 * Who the calling thread is, as the SPM tells partitions (msg.client_id):
 * negative for a non-secure client, positive for a secure partition (TF-M's
 * convention); 0 is not a client id. A thread that never set it is -1; a
 * partition's thread is the partition id.
 */
void spm_host_set_client_id(int32_t client_id);

#endif /* ETSS_SPM_HOST_H */
