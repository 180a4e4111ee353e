/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PSA Firmware Framework-M 1.1 partition API, IPC model: what a secure
 * partition calls to receive and answer the messages of its RoT Services.
 */
#ifndef ETSS_PSA_SERVICE_H
#define ETSS_PSA_SERVICE_H

#include <stddef.h>
#include <stdint.h>

#include "psa/client.h"

typedef uint32_t psa_signal_t;

#define PSA_WAIT_ANY (0xFFFFFFFFu)
#define PSA_BLOCK (0x80000000u)
#define PSA_POLL (0x00000000u)

/* Bits 0 to 3 of a partition's signals belong to the framework. */
#define PSA_DOORBELL (0x00000008u)

typedef struct psa_msg_t {
    int32_t type; /* PSA_IPC_CONNECT, PSA_IPC_DISCONNECT or the psa_call type */
    psa_handle_t handle;
    int32_t client_id; /* < 0: non-secure client; > 0: secure partition */
    void *rhandle;
    size_t in_size[PSA_MAX_IOVEC];
    size_t out_size[PSA_MAX_IOVEC];
} psa_msg_t;

/* The asserted signals within signal_mask; with PSA_BLOCK, waits for one. */
psa_signal_t psa_wait(psa_signal_t signal_mask, uint32_t timeout);

/* Takes the oldest message of an asserted service signal. */
psa_status_t psa_get(psa_signal_t signal, psa_msg_t *msg);

/* Copies the next bytes of in_vec[invec_idx]; returns how many (0 at its end). */
size_t psa_read(psa_handle_t msg_handle, uint32_t invec_idx, void *buffer, size_t num_bytes);

/* Like psa_read without copying. */
size_t psa_skip(psa_handle_t msg_handle, uint32_t invec_idx, size_t num_bytes);

/* Appends to out_vec[outvec_idx]; writing past its size is a programmer error. */
void psa_write(psa_handle_t msg_handle, uint32_t outvec_idx, const void *buffer, size_t num_bytes);

/* Completes the message; the client's call returns status. */
void psa_reply(psa_handle_t msg_handle, psa_status_t status);

/* Sets the value msg.rhandle carries in the connection's later messages. */
void psa_set_rhandle(psa_handle_t msg_handle, void *rhandle);

/* Does not return. */
void psa_panic(void);

#endif /* ETSS_PSA_SERVICE_H */
