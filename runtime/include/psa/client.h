/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PSA Firmware Framework-M 1.1 client API: what a client (non-secure code or
 * another partition) calls to reach a connection-based RoT Service.
 */
#ifndef ETSS_PSA_CLIENT_H
#define ETSS_PSA_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "psa/error.h"

typedef int32_t psa_handle_t;

#define PSA_NULL_HANDLE ((psa_handle_t)0)

#define PSA_FRAMEWORK_VERSION (0x0101u)
#define PSA_VERSION_NONE (0u)

/* Message types: a psa_call type is >= 0; the SPM uses the negative ones. */
#define PSA_IPC_CONNECT (-1)
#define PSA_IPC_CALL (0)
#define PSA_IPC_DISCONNECT (-2)

/* Input plus output vectors of one call. */
#define PSA_MAX_IOVEC (4u)

typedef struct psa_invec {
    const void *base;
    size_t len;
} psa_invec;

typedef struct psa_outvec {
    void *base;
    size_t len;
} psa_outvec;

uint32_t psa_framework_version(void);

/* The service's version, or PSA_VERSION_NONE when no such service. */
uint32_t psa_version(uint32_t sid);

/* A handle > 0, or PSA_ERROR_CONNECTION_REFUSED / PSA_ERROR_CONNECTION_BUSY. */
psa_handle_t psa_connect(uint32_t sid, uint32_t version);

/* The service's status; on return out_vec[i].len is the number of bytes the
 * service wrote to out_vec[i]. */
psa_status_t psa_call(psa_handle_t handle, int32_t type, const psa_invec *in_vec, size_t in_len,
                      psa_outvec *out_vec, size_t out_len);

/* PSA_NULL_HANDLE is accepted and ignored. */
void psa_close(psa_handle_t handle);

#endif /* ETSS_PSA_CLIENT_H */
