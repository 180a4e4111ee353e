/*
 * The host SPM (spm_host.h). One mutex guards all of its state. A client
 * queues a message on the partition and sleeps on the message's own
 * condition variable until the partition replies; a partition sleeps on its
 * own until a message arrives. A message lives on the stack of the client
 * that waits for it, so nothing is allocated and nothing needs initialising
 * beyond the static state.
 */
#include "spm_host.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FF-M keeps bits 0 to 3 for the framework (PSA_DOORBELL is bit 3). */
#define FRAMEWORK_SIGNALS 0x0000000Fu

struct connection;

struct message {
    psa_msg_t msg; /* what psa_get hands over; msg.handle names the message */
    psa_signal_t signal;
    struct connection *connection;
    const void *in_base[PSA_MAX_IOVEC];
    void *out_base[PSA_MAX_IOVEC];
    size_t in_position[PSA_MAX_IOVEC];
    size_t out_written[PSA_MAX_IOVEC];
    bool received; /* taken by psa_get */
    bool replied;
    psa_status_t status;
    pthread_cond_t replied_cond;
    struct message *next;
};

struct partition {
    int32_t id;
    void (*entry)(void);
    struct spm_host_service services[SPM_HOST_MAX_SERVICES];
    size_t n_services;
    psa_signal_t service_signals;
    struct message *messages; /* delivered, not yet replied; oldest first */
    pthread_cond_t message_arrived;
};

enum connection_state {
    CONNECTION_FREE, /* zero: the static table starts free */
    CONNECTION_OPENING,
    CONNECTION_IDLE,
    CONNECTION_IN_CALL,
    CONNECTION_CLOSING,
};

struct connection {
    enum connection_state state;
    psa_handle_t handle;
    struct partition *partition;
    const struct spm_host_service *service;
    void *rhandle;
};

static pthread_mutex_t spm_lock = PTHREAD_MUTEX_INITIALIZER;
static struct partition partitions[SPM_HOST_MAX_PARTITIONS];
static size_t n_partitions;
static struct connection connections[SPM_HOST_MAX_CONNECTIONS];
static psa_handle_t last_handle;

static _Thread_local int32_t thread_client_id = -1;
static _Thread_local struct partition *thread_partition; /* NULL on a client's thread */

/* What FF-M calls a PROGRAMMER ERROR: on target the SPM panics; here the
 * process dies loudly so that a test sees the bug. */
static void programmer_error(const char *format, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

static void programmer_error(const char *format, ...)
{
    va_list args;
    if (thread_partition != NULL) {
        fprintf(stderr, "spm_host: programmer error in partition %" PRId32 ": ",
                thread_partition->id);
    } else {
        fprintf(stderr, "spm_host: programmer error in client %" PRId32 ": ", thread_client_id);
    }
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    abort();
}

static const struct spm_host_service *find_service(uint32_t sid, struct partition **owner)
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

static struct connection *find_connection(psa_handle_t handle)
{
    for (size_t i = 0; i < SPM_HOST_MAX_CONNECTIONS; i++) {
        if (connections[i].state != CONNECTION_FREE && connections[i].handle == handle) {
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
        for (const struct message *m = partitions[p].messages; m != NULL; m = m->next) {
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

/* Queues m (its connection and vectors filled in) on the connection's
 * partition and waits for the reply; called and returns with spm_lock held. */
static psa_status_t deliver(struct message *m, int32_t type)
{
    const struct connection *connection = m->connection;
    struct partition *partition = connection->partition;
    m->msg.type = type;
    m->msg.handle = new_handle();
    m->msg.client_id = thread_client_id;
    m->msg.rhandle = connection->rhandle;
    m->signal = connection->service->signal;
    pthread_cond_init(&m->replied_cond, NULL);

    struct message **tail = &partition->messages;
    while (*tail != NULL) {
        tail = &(*tail)->next;
    }
    *tail = m;
    pthread_cond_signal(&partition->message_arrived);

    while (!m->replied) {
        pthread_cond_wait(&m->replied_cond, &spm_lock);
    }
    pthread_cond_destroy(&m->replied_cond);
    return m->status;
}

uint32_t psa_framework_version(void)
{
    return PSA_FRAMEWORK_VERSION;
}

uint32_t psa_version(uint32_t sid)
{
    pthread_mutex_lock(&spm_lock);
    const struct spm_host_service *service = find_service(sid, NULL);
    uint32_t version = service != NULL ? service->version : PSA_VERSION_NONE;
    pthread_mutex_unlock(&spm_lock);
    return version;
}

static struct connection *free_connection(void)
{
    for (size_t i = 0; i < SPM_HOST_MAX_CONNECTIONS; i++) {
        if (connections[i].state == CONNECTION_FREE) {
            return &connections[i];
        }
    }
    return NULL;
}

/* psa_connect with spm_lock held. */
static psa_handle_t open_connection(uint32_t sid, uint32_t version)
{
    struct partition *partition = NULL;
    const struct spm_host_service *service = find_service(sid, &partition);
    if (service == NULL || version == 0 || version > service->version) {
        return PSA_ERROR_CONNECTION_REFUSED;
    }
    if (partition == thread_partition) {
        programmer_error("psa_connect(0x%08" PRIx32 "): a partition's own service would wait "
                         "for itself forever",
                         sid);
    }
    struct connection *connection = free_connection();
    if (connection == NULL) {
        return PSA_ERROR_CONNECTION_BUSY;
    }
    *connection = (struct connection){.state = CONNECTION_OPENING,
                                      .handle = new_handle(),
                                      .partition = partition,
                                      .service = service};
    struct message m = {.connection = connection};
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
    pthread_mutex_lock(&spm_lock);
    psa_handle_t result = open_connection(sid, version);
    pthread_mutex_unlock(&spm_lock);
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
    pthread_mutex_lock(&spm_lock);
    struct connection *connection = find_connection(handle);
    /* A call already in progress on the connection is an error too (FF-M). */
    if (connection == NULL || connection->state != CONNECTION_IDLE) {
        pthread_mutex_unlock(&spm_lock);
        return PSA_ERROR_PROGRAMMER_ERROR;
    }
    struct message m = {.connection = connection};
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
    pthread_mutex_unlock(&spm_lock);

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
    pthread_mutex_lock(&spm_lock);
    struct connection *connection = find_connection(handle);
    if (connection == NULL || connection->state != CONNECTION_IDLE) {
        programmer_error("psa_close(%" PRId32 "): not an open connection without a call in "
                         "progress",
                         handle);
    }
    connection->state = CONNECTION_CLOSING;
    struct message m = {.connection = connection};
    (void)deliver(&m, PSA_IPC_DISCONNECT); /* FF-M: the reply status is ignored */
    connection->state = CONNECTION_FREE;
    pthread_mutex_unlock(&spm_lock);
}

static struct partition *calling_partition(const char *function)
{
    if (thread_partition == NULL) {
        programmer_error("%s called outside a partition's thread", function);
    }
    return thread_partition;
}

static psa_signal_t asserted_signals(const struct partition *partition)
{
    psa_signal_t signals = 0;
    for (const struct message *m = partition->messages; m != NULL; m = m->next) {
        if (!m->received) {
            signals |= m->signal;
        }
    }
    return signals;
}

psa_signal_t psa_wait(psa_signal_t signal_mask, uint32_t timeout)
{
    struct partition *partition = calling_partition(__func__);
    /* Blocking on none of its own signals would hang the partition. */
    if ((signal_mask & partition->service_signals) == 0) {
        programmer_error("psa_wait(0x%08" PRIx32 "): none of the partition's signals", signal_mask);
    }
    pthread_mutex_lock(&spm_lock);
    while ((timeout & PSA_BLOCK) != 0 && (asserted_signals(partition) & signal_mask) == 0) {
        pthread_cond_wait(&partition->message_arrived, &spm_lock);
    }
    psa_signal_t signals = asserted_signals(partition) & signal_mask;
    pthread_mutex_unlock(&spm_lock);
    return signals;
}

psa_status_t psa_get(psa_signal_t signal, psa_msg_t *msg)
{
    struct partition *partition = calling_partition(__func__);
    if (msg == NULL) {
        programmer_error("psa_get(0x%08" PRIx32 ", NULL)", signal);
    }
    pthread_mutex_lock(&spm_lock);
    struct message *m = partition->messages;
    while (m != NULL && (m->received || m->signal != signal)) {
        m = m->next;
    }
    if (m == NULL) {
        programmer_error("psa_get(0x%08" PRIx32 "): not one asserted service signal", signal);
    }
    m->received = true;
    *msg = m->msg;
    pthread_mutex_unlock(&spm_lock);
    return PSA_SUCCESS;
}

/* The message msg_handle names, when the partition has taken it with psa_get
 * and not yet replied to it; called with spm_lock held. */
static struct message *current_message(const struct partition *partition, psa_handle_t msg_handle,
                                       const char *function)
{
    for (struct message *m = partition->messages; m != NULL; m = m->next) {
        if (m->received && m->msg.handle == msg_handle) {
            return m;
        }
    }
    programmer_error("%s(%" PRId32 "): not a message the partition holds", function, msg_handle);
}

/* Like current_message, for the calls that reach into a vector. */
static struct message *call_message(const struct partition *partition, psa_handle_t msg_handle,
                                    uint32_t vector_index, const char *function)
{
    struct message *m = current_message(partition, msg_handle, function);
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
    struct partition *partition = calling_partition(function);
    pthread_mutex_lock(&spm_lock);
    struct message *m = call_message(partition, msg_handle, invec_idx, function);
    size_t remaining = m->msg.in_size[invec_idx] - m->in_position[invec_idx];
    size_t count = num_bytes < remaining ? num_bytes : remaining;
    if (buffer != NULL && count > 0) {
        memcpy(buffer, (const unsigned char *)m->in_base[invec_idx] + m->in_position[invec_idx],
               count);
    }
    m->in_position[invec_idx] += count;
    pthread_mutex_unlock(&spm_lock);
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
    struct partition *partition = calling_partition(__func__);
    if (buffer == NULL && num_bytes > 0) {
        programmer_error("psa_write(%" PRId32 "): NULL buffer", msg_handle);
    }
    pthread_mutex_lock(&spm_lock);
    struct message *m = call_message(partition, msg_handle, outvec_idx, __func__);
    size_t room = m->msg.out_size[outvec_idx] - m->out_written[outvec_idx];
    if (num_bytes > room) {
        programmer_error("psa_write(%" PRId32 ", %" PRIu32 ", %zu bytes): out_vec[%" PRIu32
                         "] holds %zu bytes and has %zu left",
                         msg_handle, outvec_idx, num_bytes, outvec_idx, m->msg.out_size[outvec_idx],
                         room);
    }
    if (num_bytes > 0) {
        memcpy((unsigned char *)m->out_base[outvec_idx] + m->out_written[outvec_idx], buffer,
               num_bytes);
    }
    m->out_written[outvec_idx] += num_bytes;
    pthread_mutex_unlock(&spm_lock);
}

void psa_reply(psa_handle_t msg_handle, psa_status_t status)
{
    struct partition *partition = calling_partition(__func__);
    pthread_mutex_lock(&spm_lock);
    struct message *m = current_message(partition, msg_handle, __func__);
    if (m->msg.type == PSA_IPC_CONNECT && status != PSA_SUCCESS &&
        status != PSA_ERROR_CONNECTION_REFUSED && status != PSA_ERROR_CONNECTION_BUSY) {
        programmer_error("psa_reply(%" PRId32 ", %" PRId32 "): a connect is accepted, refused "
                         "or busy",
                         msg_handle, status);
    }
    struct message **link = &partition->messages;
    while (*link != m) {
        link = &(*link)->next;
    }
    *link = m->next;
    m->status = status;
    m->replied = true;
    pthread_cond_signal(&m->replied_cond);
    pthread_mutex_unlock(&spm_lock);
}

void psa_set_rhandle(psa_handle_t msg_handle, void *rhandle)
{
    struct partition *partition = calling_partition(__func__);
    pthread_mutex_lock(&spm_lock);
    current_message(partition, msg_handle, __func__)->connection->rhandle = rhandle;
    pthread_mutex_unlock(&spm_lock);
}

void psa_panic(void)
{
    programmer_error("psa_panic()");
}

void spm_host_set_client_id(int32_t client_id)
{
    if (client_id == 0) {
        programmer_error("spm_host_set_client_id(0): 0 is no client id");
    }
    thread_client_id = client_id;
}

static void *partition_thread(void *arg)
{
    thread_partition = arg;
    thread_client_id = thread_partition->id;
    thread_partition->entry();
    programmer_error("the entry function returned; its clients would wait forever");
}

static struct partition *find_partition(int32_t partition_id)
{
    for (size_t p = 0; p < n_partitions; p++) {
        if (partitions[p].id == partition_id) {
            return &partitions[p];
        }
    }
    return NULL;
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

/* spm_host_start_partition with spm_lock held. */
static int add_partition(int32_t partition_id, void (*entry)(void),
                         const struct spm_host_service *services, size_t n_services)
{
    if (partition_id <= 0 || entry == NULL || n_partitions == SPM_HOST_MAX_PARTITIONS ||
        find_partition(partition_id) != NULL || !services_valid(services, n_services)) {
        return -1;
    }
    struct partition *partition = &partitions[n_partitions];
    *partition = (struct partition){.id = partition_id, .entry = entry, .n_services = n_services};
    memcpy(partition->services, services, n_services * sizeof(services[0]));
    for (size_t i = 0; i < n_services; i++) {
        partition->service_signals |= services[i].signal;
    }
    if (pthread_cond_init(&partition->message_arrived, NULL) != 0) {
        return -1;
    }
    pthread_t thread;
    if (pthread_create(&thread, NULL, partition_thread, partition) != 0) {
        pthread_cond_destroy(&partition->message_arrived);
        return -1;
    }
    pthread_detach(thread); /* it never ends: nobody joins it */
    n_partitions++;
    return 0;
}

int spm_host_start_partition(int32_t partition_id, void (*entry)(void),
                             const struct spm_host_service *services, size_t n_services)
{
    pthread_mutex_lock(&spm_lock);
    int result = add_partition(partition_id, entry, services, n_services);
    pthread_mutex_unlock(&spm_lock);
    return result;
}
