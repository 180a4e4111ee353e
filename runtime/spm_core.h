/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPM's core, shared by its two ports: the FF-M semantics of
 * psa/client.h, psa/service.h and spm_host.h (connections, messages,
 * vectors, handles, signals, the checks that make a PROGRAMMER ERROR),
 * kept apart from how contexts run and wait. A port (spm_host.c with
 * threads, spm_target.c with a cooperative switch on Cortex-M33) provides
 * the spm_port_* calls below; an image links exactly one port.
 */
#ifndef ETSS_SPM_CORE_H
#define ETSS_SPM_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spm_host.h"

struct spm_connection;

struct spm_message {
    psa_msg_t msg; /* what psa_get hands over; msg.handle names the message */
    psa_signal_t signal;
    struct spm_connection *connection;
    const void *in_base[PSA_MAX_IOVEC];
    void *out_base[PSA_MAX_IOVEC];
    size_t in_position[PSA_MAX_IOVEC];
    size_t out_written[PSA_MAX_IOVEC];
    bool received; /* taken by psa_get */
    bool replied;
    psa_status_t status;
    struct spm_message *next;
};

struct spm_partition {
    int32_t id;
    void (*entry)(void);
    struct spm_host_service services[SPM_HOST_MAX_SERVICES];
    size_t n_services;
    psa_signal_t service_signals;
    struct spm_message *messages; /* delivered, not yet replied; oldest first */
};

/* ---- what the core offers its port --------------------------------------- */

/* The signals of messages queued on partition and not yet taken. */
psa_signal_t spm_core_asserted_signals(const struct spm_partition *partition);

/* The started partition at index 0 .. spm_core_partition_count() - 1, or
 * the one with that id; NULL if none. */
size_t spm_core_partition_count(void);
struct spm_partition *spm_core_partition_at(size_t index);
struct spm_partition *spm_core_find_partition(int32_t partition_id);
size_t spm_core_partition_index(const struct spm_partition *partition);

/* What FF-M calls a PROGRAMMER ERROR: the image stops loudly, saying
 * "<port>: programmer error in partition|client <id>: <what>". */
void spm_core_programmer_error(const char *format, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/* ---- what a port provides ------------------------------------------------ */

/* "spm_host" or "spm_target": how programmer errors name the SPM. */
extern const char spm_port_name[];

/* Around every use of the core's state (a mutex on the host; nothing where
 * contexts only switch when they wait). */
void spm_port_lock(void);
void spm_port_unlock(void);

/* The partition whose context calls, NULL for a client; and the client id
 * the calling context's messages carry. */
struct spm_partition *spm_port_running_partition(void);
int32_t spm_port_client_id(void);
void spm_port_set_client_id(int32_t client_id);

/* m has just been queued on partition: returns once m->replied (the lock
 * held, as on entry). */
void spm_port_await_reply(struct spm_partition *partition, const struct spm_message *m);

/* m has just been replied to: its client may go on. */
void spm_port_replied(const struct spm_message *m);

/* The running partition waits, the lock held, until one of mask's signals
 * is asserted. */
void spm_port_await_signals(struct spm_partition *partition, psa_signal_t mask);

/* Starts partition (already counted and filled in, the lock held) so that
 * its entry runs in a context of its own; 0, or -1 if it cannot. */
int spm_port_start(struct spm_partition *partition);

/* A partition context's first and only call. */
void spm_core_run_partition(struct spm_partition *partition) __attribute__((noreturn));

#endif /* ETSS_SPM_CORE_H */
