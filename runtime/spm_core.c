/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPM's core (spm_core.h): FF-M's client and service calls over static
 * tables, for whichever port the image links. A message lives on the stack
 * of the client that waits for it, so nothing is allocated and nothing
 * needs initialising beyond the static state.
 */
#include "spm_core.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FF-M keeps bits 0 to 3 for the framework (PSA_DOORBELL is bit 3). */
#define FRAMEWORK_SIGNALS 0x0000000Fu

enum connection_state {
    CONNECTION_FREE, /* zero: the static table starts free */
    CONNECTION_OPENING,
    CONNECTION_IDLE,
    CONNECTION_IN_CALL,
    CONNECTION_CLOSING,
};

struct spm_connection {
    enum connection_state state;
    psa_handle_t handle;
    struct spm_partition *partition;
    const struct spm_host_service *service;
    void *rhandle;
};

static struct spm_partition partitions[SPM_HOST_MAX_PARTITIONS];
static size_t n_partitions;
static struct spm_connection connections[SPM_HOST_MAX_CONNECTIONS];
static psa_handle_t last_handle;

void spm_core_programmer_error(const char *format, ...)
{
    va_list args;
    const struct spm_partition *partition = spm_port_running_partition();
    fflush(stdout);
    if (partition != NULL) {
        fprintf(stderr, "%s: programmer error in partition %" PRId32 ": ", spm_port_name,
                partition->id);
    } else {
        fprintf(stderr, "%s: programmer error in client %" PRId32 ": ", spm_port_name,
                spm_port_client_id());
    }
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    fflush(stderr);
    abort();
}

#define programmer_error spm_core_programmer_error

/* ---- tables --------------------------------------------------------------- */

size_t spm_core_partition_count(void)
{
    return n_partitions;
}

struct spm_partition *spm_core_partition_at(size_t index)
{
    return index < n_partitions ? &partitions[index] : NULL;
}

size_t spm_core_partition_index(const struct spm_partition *partition)
{
    return (size_t)(partition - partitions);
}

struct spm_partition *spm_core_find_partition(int32_t partition_id)
{
    for (size_t p = 0; p < n_partitions; p++) {
        if (partitions[p].id == partition_id) {
            return &partitions[p];
        }
    }
    return NULL;
}

psa_signal_t spm_core_asserted_signals(const struct spm_partition *partition)
{
    psa_signal_t signals = 0;
    for (const struct spm_message *m = partition->messages; m != NULL; m = m->next) {
        if (!m->received) {
            signals |= m->signal;
        }
    }
    return signals;
}

static const struct spm_host_service *find_service(uint32_t sid, struct spm_partition **owner)
{
    for (size_t p = 0; p < n_partitions; p++) {
        for (size_t s = 0; s < partitions[p].n_services; s++) {
            if (partitions[p].services[s].sid == sid) {
                if (owner != NULL) {
                    *owner = &partitions[p];
                }
                return &partitions[p].services[s];
            }
        }
    }
    return NULL;
}

static struct spm_connection *find_connection(psa_handle_t handle)
{
    for (size_t i = 0; i < SPM_HOST_MAX_CONNECTIONS; i++) {
        if (connections[i].state != CONNECTION_FREE && connections[i].handle == handle) {
            return &connections[i];
        }
    }
    return NULL;
}

static struct spm_connection *free_connection(void)
{
    for (size_t i = 0; i < SPM_HOST_MAX_CONNECTIONS; i++) {
        if (connections[i].state == CONNECTION_FREE) {
            return &connections[i];
        }
    }
    return NULL;
}

static bool handle_in_use(psa_handle_t handle)
{
    if (find_connection(handle) != NULL) {
        return true;
    }
    for (size_t p = 0; p < n_partitions; p++) {
        for (const struct spm_message *m = partitions[p].messages; m != NULL; m = m->next) {
            if (m->msg.handle == handle) {
                return true;
            }
        }
    }
    return false;
}

/* Connections and messages draw from one counter, so a client that passes a
 * message handle to psa_call (or the reverse) is caught. */
static psa_handle_t new_handle(void)
{
    do {
        last_handle = last_handle == INT32_MAX ? 1 : last_handle + 1;
    } while (handle_in_use(last_handle));
    return last_handle;
}

/* ---- client side ---------------------------------------------------------- */

/* Queues m (its connection and vectors filled in) on the connection's
 * partition and returns the reply; called with the lock held. */
static psa_status_t deliver(struct spm_message *m, int32_t type)
{
    const struct spm_connection *connection = m->connection;
    struct spm_partition *partition = connection->partition;
    m->msg.type = type;
    m->msg.handle = new_handle();
    m->msg.client_id = spm_port_client_id();
    m->msg.rhandle = connection->rhandle;
    m->signal = connection->service->signal;

    struct spm_message **tail = &partition->messages;
    while (*tail != NULL) {
        tail = &(*tail)->next;
    }
    *tail = m;
    spm_port_await_reply(partition, m);
    return m->status;
}

uint32_t psa_framework_version(void)
{
    return PSA_FRAMEWORK_VERSION;
}

uint32_t psa_version(uint32_t sid)
{
    spm_port_lock();
    const struct spm_host_service *service = find_service(sid, NULL);
    uint32_t version = service != NULL ? service->version : PSA_VERSION_NONE;
    spm_port_unlock();
    return version;
}

/* psa_connect with the lock held. */
static psa_handle_t open_connection(uint32_t sid, uint32_t version)
{
    struct spm_partition *partition = NULL;
    const struct spm_host_service *service = find_service(sid, &partition);
    if (service == NULL || version == 0 || version > service->version) {
        return PSA_ERROR_CONNECTION_REFUSED;
    }
    if (partition == spm_port_running_partition()) {
        programmer_error("psa_connect(0x%08" PRIx32 "): a partition's own service would wait "
                         "for itself forever",
                         sid);
    }
    struct spm_connection *connection = free_connection();
    if (connection == NULL) {
        return PSA_ERROR_CONNECTION_BUSY;
    }
    *connection = (struct spm_connection){.state = CONNECTION_OPENING,
                                          .handle = new_handle(),
                                          .partition = partition,
                                          .service = service};
    struct spm_message m = {.connection = connection};
    psa_status_t status = deliver(&m, PSA_IPC_CONNECT);
    if (status != PSA_SUCCESS) {
        connection->state = CONNECTION_FREE;
        return status; /* psa_reply let through only a refusal or busy */
    }
    connection->state = CONNECTION_IDLE;
    return connection->handle;
}

psa_handle_t psa_connect(uint32_t sid, uint32_t version)
{
    spm_port_lock();
    psa_handle_t result = open_connection(sid, version);
    spm_port_unlock();
    return result;
}

/* The client's PROGRAMMER ERRORs of psa_call that the SPM can see in the
 * vectors alone. */
static bool vectors_valid(const psa_invec *in_vec, size_t in_len, const psa_outvec *out_vec,
                          size_t out_len)
{
    if (in_len > PSA_MAX_IOVEC || out_len > PSA_MAX_IOVEC - in_len) {
        return false;
    }
    if ((in_len > 0 && in_vec == NULL) || (out_len > 0 && out_vec == NULL)) {
        return false;
    }
    for (size_t i = 0; i < in_len; i++) {
        if (in_vec[i].base == NULL && in_vec[i].len > 0) {
            return false;
        }
    }
    for (size_t i = 0; i < out_len; i++) {
        if (out_vec[i].base == NULL && out_vec[i].len > 0) {
            return false;
        }
    }
    return true;
}

psa_status_t psa_call(psa_handle_t handle, int32_t type, const psa_invec *in_vec, size_t in_len,
                      psa_outvec *out_vec, size_t out_len)
{
    if (type < PSA_IPC_CALL || !vectors_valid(in_vec, in_len, out_vec, out_len)) {
        return PSA_ERROR_PROGRAMMER_ERROR;
    }
    spm_port_lock();
    struct spm_connection *connection = find_connection(handle);
    /* A call already in progress on the connection is an error too (FF-M). */
    if (connection == NULL || connection->state != CONNECTION_IDLE) {
        spm_port_unlock();
        return PSA_ERROR_PROGRAMMER_ERROR;
    }
    struct spm_message m = {.connection = connection};
    for (size_t i = 0; i < in_len; i++) {
        m.in_base[i] = in_vec[i].base;
        m.msg.in_size[i] = in_vec[i].len;
    }
    for (size_t i = 0; i < out_len; i++) {
        m.out_base[i] = out_vec[i].base;
        m.msg.out_size[i] = out_vec[i].len;
    }
    connection->state = CONNECTION_IN_CALL;
    psa_status_t status = deliver(&m, type);
    connection->state = CONNECTION_IDLE;
    spm_port_unlock();

    for (size_t i = 0; i < out_len; i++) {
        out_vec[i].len = m.out_written[i];
    }
    return status;
}

void psa_close(psa_handle_t handle)
{
    if (handle == PSA_NULL_HANDLE) {
        return;
    }
    spm_port_lock();
    struct spm_connection *connection = find_connection(handle);
    if (connection == NULL || connection->state != CONNECTION_IDLE) {
        programmer_error("psa_close(%" PRId32 "): not an open connection without a call in "
                         "progress",
                         handle);
    }
    connection->state = CONNECTION_CLOSING;
    struct spm_message m = {.connection = connection};
    (void)deliver(&m, PSA_IPC_DISCONNECT); /* FF-M: the reply status is ignored */
    connection->state = CONNECTION_FREE;
    spm_port_unlock();
}

void spm_host_set_client_id(int32_t client_id)
{
    if (client_id == 0) {
        programmer_error("spm_host_set_client_id(0): 0 is no client id");
    }
    spm_port_set_client_id(client_id);
}

/* ---- partition side ------------------------------------------------------- */

static struct spm_partition *calling_partition(const char *function)
{
    struct spm_partition *partition = spm_port_running_partition();
    if (partition == NULL) {
        programmer_error("%s called outside a partition", function);
    }
    return partition;
}

psa_signal_t psa_wait(psa_signal_t signal_mask, uint32_t timeout)
{
    struct spm_partition *partition = calling_partition(__func__);
    /* Blocking on none of its own signals would hang the partition. */
    if ((signal_mask & partition->service_signals) == 0) {
        programmer_error("psa_wait(0x%08" PRIx32 "): none of the partition's signals", signal_mask);
    }
    spm_port_lock();
    if ((timeout & PSA_BLOCK) != 0 && (spm_core_asserted_signals(partition) & signal_mask) == 0) {
        spm_port_await_signals(partition, signal_mask);
    }
    psa_signal_t signals = spm_core_asserted_signals(partition) & signal_mask;
    spm_port_unlock();
    return signals;
}

psa_status_t psa_get(psa_signal_t signal, psa_msg_t *msg)
{
    struct spm_partition *partition = calling_partition(__func__);
    if (msg == NULL) {
        programmer_error("psa_get(0x%08" PRIx32 ", NULL)", signal);
    }
    spm_port_lock();
    struct spm_message *m = partition->messages;
    while (m != NULL && (m->received || m->signal != signal)) {
        m = m->next;
    }
    if (m == NULL) {
        programmer_error("psa_get(0x%08" PRIx32 "): not one asserted service signal", signal);
    }
    m->received = true;
    *msg = m->msg;
    spm_port_unlock();
    return PSA_SUCCESS;
}

/* The message msg_handle names, when the partition has taken it with psa_get
 * and not yet replied to it; called with the lock held. */
static struct spm_message *current_message(const struct spm_partition *partition,
                                           psa_handle_t msg_handle, const char *function)
{
    for (struct spm_message *m = partition->messages; m != NULL; m = m->next) {
        if (m->received && m->msg.handle == msg_handle) {
            return m;
        }
    }
    programmer_error("%s(%" PRId32 "): not a message the partition holds", function, msg_handle);
}

/* Like current_message, for the calls that reach into a vector. */
static struct spm_message *call_message(const struct spm_partition *partition,
                                        psa_handle_t msg_handle, uint32_t vector_index,
                                        const char *function)
{
    struct spm_message *m = current_message(partition, msg_handle, function);
    if (m->msg.type < PSA_IPC_CALL) {
        programmer_error("%s(%" PRId32 "): a connect or disconnect message has no vectors",
                         function, msg_handle);
    }
    if (vector_index >= PSA_MAX_IOVEC) {
        programmer_error("%s(%" PRId32 ", %" PRIu32 "): no such vector", function, msg_handle,
                         vector_index);
    }
    return m;
}

/* psa_read, and psa_skip when buffer is NULL. */
static size_t consume_input(psa_handle_t msg_handle, uint32_t invec_idx, void *buffer,
                            size_t num_bytes, const char *function)
{
    struct spm_partition *partition = calling_partition(function);
    spm_port_lock();
    struct spm_message *m = call_message(partition, msg_handle, invec_idx, function);
    size_t remaining = m->msg.in_size[invec_idx] - m->in_position[invec_idx];
    size_t count = num_bytes < remaining ? num_bytes : remaining;
    if (buffer != NULL && count > 0) {
        memcpy(buffer, (const unsigned char *)m->in_base[invec_idx] + m->in_position[invec_idx],
               count);
    }
    m->in_position[invec_idx] += count;
    spm_port_unlock();
    return count;
}

size_t psa_read(psa_handle_t msg_handle, uint32_t invec_idx, void *buffer, size_t num_bytes)
{
    if (buffer == NULL && num_bytes > 0) {
        programmer_error("psa_read(%" PRId32 "): NULL buffer", msg_handle);
    }
    return consume_input(msg_handle, invec_idx, buffer, num_bytes, __func__);
}

size_t psa_skip(psa_handle_t msg_handle, uint32_t invec_idx, size_t num_bytes)
{
    return consume_input(msg_handle, invec_idx, NULL, num_bytes, __func__);
}

void psa_write(psa_handle_t msg_handle, uint32_t outvec_idx, const void *buffer, size_t num_bytes)
{
    struct spm_partition *partition = calling_partition(__func__);
    if (buffer == NULL && num_bytes > 0) {
        programmer_error("psa_write(%" PRId32 "): NULL buffer", msg_handle);
    }
    spm_port_lock();
    struct spm_message *m = call_message(partition, msg_handle, outvec_idx, __func__);
    size_t room = m->msg.out_size[outvec_idx] - m->out_written[outvec_idx];
    if (num_bytes > room) {
        /* %lu: newlib's printf may lack C99's %zu. */
        programmer_error("psa_write(%" PRId32 ", %" PRIu32 ", %lu bytes): out_vec[%" PRIu32
                         "] holds %lu bytes and has %lu left",
                         msg_handle, outvec_idx, (unsigned long)num_bytes, outvec_idx,
                         (unsigned long)m->msg.out_size[outvec_idx], (unsigned long)room);
    }
    if (num_bytes > 0) {
        memcpy((unsigned char *)m->out_base[outvec_idx] + m->out_written[outvec_idx], buffer,
               num_bytes);
    }
    m->out_written[outvec_idx] += num_bytes;
    spm_port_unlock();
}

void psa_reply(psa_handle_t msg_handle, psa_status_t status)
{
    struct spm_partition *partition = calling_partition(__func__);
    spm_port_lock();
    struct spm_message *m = current_message(partition, msg_handle, __func__);
    if (m->msg.type == PSA_IPC_CONNECT && status != PSA_SUCCESS &&
        status != PSA_ERROR_CONNECTION_REFUSED && status != PSA_ERROR_CONNECTION_BUSY) {
        programmer_error("psa_reply(%" PRId32 ", %" PRId32 "): a connect is accepted, refused "
                         "or busy",
                         msg_handle, status);
    }
    struct spm_message **link = &partition->messages;
    while (*link != m) {
        link = &(*link)->next;
    }
    *link = m->next;
    m->status = status;
    m->replied = true;
    spm_port_replied(m);
    spm_port_unlock();
}

void psa_set_rhandle(psa_handle_t msg_handle, void *rhandle)
{
    struct spm_partition *partition = calling_partition(__func__);
    spm_port_lock();
    current_message(partition, msg_handle, __func__)->connection->rhandle = rhandle;
    spm_port_unlock();
}

void psa_panic(void)
{
    programmer_error("psa_panic()");
}

/* ---- partitions ----------------------------------------------------------- */

void spm_core_run_partition(struct spm_partition *partition)
{
    partition->entry();
    programmer_error("the entry function returned; its clients would wait forever");
}

static bool services_valid(const struct spm_host_service *services, size_t n_services)
{
    if (services == NULL || n_services == 0 || n_services > SPM_HOST_MAX_SERVICES) {
        return false;
    }
    psa_signal_t taken = FRAMEWORK_SIGNALS;
    for (size_t i = 0; i < n_services; i++) {
        const struct spm_host_service *service = &services[i];
        bool one_bit = service->signal != 0 && (service->signal & (service->signal - 1)) == 0;
        if (service->version == 0 || !one_bit || (service->signal & taken) != 0 ||
            find_service(service->sid, NULL) != NULL) {
            return false;
        }
        for (size_t j = 0; j < i; j++) {
            if (services[j].sid == service->sid) {
                return false;
            }
        }
        taken |= service->signal;
    }
    return true;
}

/* spm_host_start_partition with the lock held. */
static int add_partition(int32_t partition_id, void (*entry)(void),
                         const struct spm_host_service *services, size_t n_services)
{
    if (partition_id <= 0 || entry == NULL || n_partitions == SPM_HOST_MAX_PARTITIONS ||
        spm_core_find_partition(partition_id) != NULL || !services_valid(services, n_services)) {
        return -1;
    }
    struct spm_partition *partition = &partitions[n_partitions];
    *partition =
        (struct spm_partition){.id = partition_id, .entry = entry, .n_services = n_services};
    memcpy(partition->services, services, n_services * sizeof(services[0]));
    for (size_t i = 0; i < n_services; i++) {
        partition->service_signals |= services[i].signal;
    }
    n_partitions++; /* before it runs: its first psa_wait finds it */
    if (spm_port_start(partition) != 0) {
        n_partitions--;
        return -1;
    }
    return 0;
}

int spm_host_start_partition(int32_t partition_id, void (*entry)(void),
                             const struct spm_host_service *services, size_t n_services)
{
    spm_port_lock();
    int result = add_partition(partition_id, entry, services, n_services);
    spm_port_unlock();
    return result;
}
