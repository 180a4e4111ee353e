/*
 * The bare-metal SPM: spm_host.h, psa/client.h and psa/service.h for an
 * image without threads (the Cortex-M33 test image, target/an505/). Same
 * semantics as the host SPM (runtime/spm_host.c, docs/host-runtime.md) for
 * a few partitions with connection-based services; what differs is how
 * they run:
 *
 * - Each partition's entry runs on its own stack, a static array painted
 *   with a pattern when the partition starts (spm_target_stack_used() tells
 *   how deep it went; target/an505/spm_target_extra.h).
 * - The image's main (the client) and the partitions are contexts that take
 *   turns: a cooperative switch (spm_target_switch_context below: r4-r11,
 *   lr, sp and the MSPLIM stack limit) moves from one to another. A context
 *   runs until it has to wait: a client for the reply to its message
 *   (psa_connect, psa_call, psa_close), a partition in psa_wait(PSA_BLOCK)
 *   for a message. Then the next context able to run (round robin from the
 *   one that waits) takes over; if none can, the image is deadlocked and
 *   the SPM says so as a programmer error.
 * - A partition starts at spm_host_start_partition(), which runs its entry
 *   until it first waits, as TF-M's boot runs every partition to its
 *   psa_wait.
 * - A programmer error prints `spm_target: programmer error in ...` on
 *   stderr and aborts (the image's run fails).
 *
 * Everything runs privileged in thread mode on MSP; a partition's stack is
 * bounded by MSPLIM while it runs, so an overflow faults instead of
 * trampling memory. Messages live on their client's stack, which stays put
 * while the client waits.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spm_host.h"
#include "spm_target_extra.h"

#if !defined(__ARM_ARCH_8M_MAIN__)
#error "spm_target.c switches contexts on Armv8-M Mainline (Cortex-M33) only"
#endif
#if !defined(__SOFTFP__)
#error "spm_target.c saves no FP registers: build with -mfloat-abi=soft"
#endif
#if SPM_TARGET_STACK_SIZE % 8 != 0 || SPM_TARGET_STACK_SIZE < 1024
#error "SPM_TARGET_STACK_SIZE: a multiple of 8, at least 1024"
#endif

/* FF-M keeps bits 0 to 3 for the framework (PSA_DOORBELL is bit 3). */
#define FRAMEWORK_SIGNALS 0x0000000Fu

#define STACK_PAINT 0xC5A5E5D5u
#define STACK_WORDS (SPM_TARGET_STACK_SIZE / 4u)

/* What the switch saves of a context, in the assembly's order: r4-r11,
 * sp, MSPLIM (the bottom of the context's stack), lr (where it resumes). */
enum { CPU_R4, CPU_SP = CPU_R4 + 8, CPU_SPLIM, CPU_LR, CPU_WORDS };
struct cpu_context {
    /* Read and written by the assembly only (and set up for a new partition). */
    // cppcheck-suppress unusedStructMember
    uint32_t saved[CPU_WORDS];
};

/* Saves the running context's callee-saved state into *from and resumes
 * *to; returns when something switches back to *from. */
void spm_target_switch_context(struct cpu_context *from, const struct cpu_context *to);

__asm__(".pushsection .text.spm_target_switch_context,\"ax\",%progbits\n"
        ".syntax unified\n"
        ".thumb\n"
        ".balign 4\n"
        ".global spm_target_switch_context\n"
        ".type spm_target_switch_context, %function\n"
        ".thumb_func\n"
        "spm_target_switch_context:\n"
        "    stmia r0!, {r4-r11}\n"
        "    mov r2, sp\n"
        "    mrs r3, msplim\n"
        "    stmia r0, {r2, r3, lr}\n"
        /* No limit while sp moves between stacks at any addresses. */
        "    movs r3, #0\n"
        "    msr msplim, r3\n"
        "    ldmia r1!, {r4-r11}\n"
        "    ldmia r1, {r2, r3, r12}\n"
        "    mov sp, r2\n"
        "    msr msplim, r3\n"
        "    bx r12\n"
        ".size spm_target_switch_context, . - spm_target_switch_context\n"
        ".popsection\n");

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
    struct message *next;
};

enum run_state {
    RUN_ACTIVE,       /* the one running */
    RUN_READY,        /* gave way, may run any time */
    RUN_WAIT_REPLY,   /* a client waiting for `awaited` to be replied to */
    RUN_WAIT_SIGNALS, /* a partition in psa_wait(wait_mask, PSA_BLOCK) */
};

struct partition;

struct context {
    struct cpu_context cpu;
    enum run_state state;
    const struct message *awaited;
    psa_signal_t wait_mask;
    int32_t client_id;           /* what its messages carry as msg.client_id */
    struct partition *partition; /* NULL: the image's main */
};

struct partition {
    int32_t id;
    void (*entry)(void);
    struct spm_host_service services[SPM_HOST_MAX_SERVICES];
    size_t n_services;
    psa_signal_t service_signals;
    struct message *messages; /* delivered, not yet replied; oldest first */
    struct context context;
    uint32_t *stack; /* STACK_WORDS words */
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

static uint32_t partition_stacks[SPM_HOST_MAX_PARTITIONS][STACK_WORDS] __attribute__((aligned(8)));
static struct partition partitions[SPM_HOST_MAX_PARTITIONS];
static size_t n_partitions;
static struct connection connections[SPM_HOST_MAX_CONNECTIONS];
static psa_handle_t last_handle;
static uint32_t context_switches;

/* The image's main: the client until it starts partitions, and after. */
static struct context main_context = {.state = RUN_ACTIVE, .client_id = -1};
static struct context *current = &main_context;

/* What FF-M calls a PROGRAMMER ERROR: on target TF-M's SPM panics; here
 * the image stops loudly so that a test run sees the bug. */
static void programmer_error(const char *format, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

static void programmer_error(const char *format, ...)
{
    va_list args;
    fflush(stdout);
    if (current->partition != NULL) {
        fprintf(stderr, "spm_target: programmer error in partition %" PRId32 ": ",
                current->partition->id);
    } else {
        fprintf(stderr, "spm_target: programmer error in client %" PRId32 ": ", current->client_id);
    }
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    fflush(stderr);
    abort();
}

/* ---- scheduling ---------------------------------------------------------- */

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

/* Context i of 0 (main) .. n_partitions. */
static struct context *context_at(size_t i)
{
    return i == 0 ? &main_context : &partitions[i - 1u].context;
}

static size_t context_index(const struct context *c)
{
    return c->partition == NULL ? 0 : (size_t)(c->partition - partitions) + 1u;
}

static bool can_run(const struct context *c)
{
    switch (c->state) {
    case RUN_READY:
        return true;
    case RUN_WAIT_REPLY:
        return c->awaited->replied;
    case RUN_WAIT_SIGNALS:
        return (asserted_signals(c->partition) & c->wait_mask) != 0;
    case RUN_ACTIVE:
        break;
    }
    return false;
}

static void switch_to(struct context *next)
{
    struct context *previous = current;
    next->state = RUN_ACTIVE;
    current = next;
    context_switches++;
    spm_target_switch_context(&previous->cpu, &next->cpu);
    /* Back: whoever switched here made this context current again. */
}

/* The running context has set why it waits (its state): run the next one
 * that can, round robin from this one, and return when this one can go on. */
static void wait_for_turn(void)
{
    size_t n = n_partitions + 1u;
    size_t self = context_index(current);
    for (size_t k = 1; k <= n; k++) {
        struct context *c = context_at((self + k) % n);
        if (can_run(c)) {
            if (c == current) {
                c->state = RUN_ACTIVE;
            } else {
                switch_to(c);
            }
            return;
        }
    }
    if (current->state == RUN_WAIT_SIGNALS) {
        programmer_error("deadlock: psa_wait(0x%08" PRIx32 ") while every client waits for a "
                         "reply (a message taken and never replied to?)",
                         current->wait_mask);
    }
    programmer_error("deadlock: waiting for a reply that no partition can give");
}

/* ---- client side --------------------------------------------------------- */

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
 * partition, runs the partitions until it is replied to, returns the reply. */
static psa_status_t deliver(struct message *m, int32_t type)
{
    const struct connection *connection = m->connection;
    struct partition *partition = connection->partition;
    m->msg.type = type;
    m->msg.handle = new_handle();
    m->msg.client_id = current->client_id;
    m->msg.rhandle = connection->rhandle;
    m->signal = connection->service->signal;

    struct message **tail = &partition->messages;
    while (*tail != NULL) {
        tail = &(*tail)->next;
    }
    *tail = m;

    current->state = RUN_WAIT_REPLY;
    current->awaited = m;
    wait_for_turn();
    current->awaited = NULL;
    return m->status;
}

uint32_t psa_framework_version(void)
{
    return PSA_FRAMEWORK_VERSION;
}

uint32_t psa_version(uint32_t sid)
{
    const struct spm_host_service *service = find_service(sid, NULL);
    return service != NULL ? service->version : PSA_VERSION_NONE;
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

psa_handle_t psa_connect(uint32_t sid, uint32_t version)
{
    struct partition *partition = NULL;
    const struct spm_host_service *service = find_service(sid, &partition);
    if (service == NULL || version == 0 || version > service->version) {
        return PSA_ERROR_CONNECTION_REFUSED;
    }
    if (partition == current->partition) {
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
    struct connection *connection = find_connection(handle);
    /* A call already in progress on the connection is an error too (FF-M). */
    if (connection == NULL || connection->state != CONNECTION_IDLE) {
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
}

/* ---- partition side ------------------------------------------------------ */

static struct partition *calling_partition(const char *function)
{
    if (current->partition == NULL) {
        programmer_error("%s called outside a partition", function);
    }
    return current->partition;
}

psa_signal_t psa_wait(psa_signal_t signal_mask, uint32_t timeout)
{
    struct partition *partition = calling_partition(__func__);
    /* Blocking on none of its own signals would hang the partition. */
    if ((signal_mask & partition->service_signals) == 0) {
        programmer_error("psa_wait(0x%08" PRIx32 "): none of the partition's signals", signal_mask);
    }
    if ((timeout & PSA_BLOCK) != 0 && (asserted_signals(partition) & signal_mask) == 0) {
        current->state = RUN_WAIT_SIGNALS;
        current->wait_mask = signal_mask;
        wait_for_turn();
    }
    return asserted_signals(partition) & signal_mask;
}

psa_status_t psa_get(psa_signal_t signal, psa_msg_t *msg)
{
    struct partition *partition = calling_partition(__func__);
    if (msg == NULL) {
        programmer_error("psa_get(0x%08" PRIx32 ", NULL)", signal);
    }
    struct message *m = partition->messages;
    while (m != NULL && (m->received || m->signal != signal)) {
        m = m->next;
    }
    if (m == NULL) {
        programmer_error("psa_get(0x%08" PRIx32 "): not one asserted service signal", signal);
    }
    m->received = true;
    *msg = m->msg;
    return PSA_SUCCESS;
}

/* The message msg_handle names, when the partition has taken it with psa_get
 * and not yet replied to it. */
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
    struct message *m = call_message(partition, msg_handle, invec_idx, function);
    size_t remaining = m->msg.in_size[invec_idx] - m->in_position[invec_idx];
    size_t count = num_bytes < remaining ? num_bytes : remaining;
    if (buffer != NULL && count > 0) {
        memcpy(buffer, (const unsigned char *)m->in_base[invec_idx] + m->in_position[invec_idx],
               count);
    }
    m->in_position[invec_idx] += count;
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
    struct message *m = call_message(partition, msg_handle, outvec_idx, __func__);
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
}

void psa_reply(psa_handle_t msg_handle, psa_status_t status)
{
    struct partition *partition = calling_partition(__func__);
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
    /* The client runs again when this partition next waits. */
    m->replied = true;
}

void psa_set_rhandle(psa_handle_t msg_handle, void *rhandle)
{
    struct partition *partition = calling_partition(__func__);
    current_message(partition, msg_handle, __func__)->connection->rhandle = rhandle;
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
    current->client_id = client_id;
}

/* ---- partitions ---------------------------------------------------------- */

/* Where a partition's context starts, on its fresh stack. */
static void partition_start(void)
{
    current->partition->entry();
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

int spm_host_start_partition(int32_t partition_id, void (*entry)(void),
                             const struct spm_host_service *services, size_t n_services)
{
    if (partition_id <= 0 || entry == NULL || n_partitions == SPM_HOST_MAX_PARTITIONS ||
        find_partition(partition_id) != NULL || !services_valid(services, n_services)) {
        return -1;
    }
    struct partition *partition = &partitions[n_partitions];
    uint32_t *stack = partition_stacks[n_partitions];
    *partition = (struct partition){
        .id = partition_id, .entry = entry, .n_services = n_services, .stack = stack};
    memcpy(partition->services, services, n_services * sizeof(services[0]));
    for (size_t i = 0; i < n_services; i++) {
        partition->service_signals |= services[i].signal;
    }
    for (size_t i = 0; i < STACK_WORDS; i++) {
        stack[i] = STACK_PAINT;
    }
    partition->context = (struct context){
        .cpu.saved = {[CPU_SP] = (uint32_t)(uintptr_t)&stack[STACK_WORDS],
                      [CPU_SPLIM] = (uint32_t)(uintptr_t)stack,
                      [CPU_LR] = (uint32_t)(uintptr_t)partition_start},
        .state = RUN_READY,
        .client_id = partition_id,
        .partition = partition,
    };
    n_partitions++;

    /* Boot: the partition runs until it first waits. */
    current->state = RUN_READY;
    switch_to(&partition->context);
    return 0;
}

/* ---- figures (spm_target_extra.h) ---------------------------------------- */

size_t spm_target_stack_used(int32_t partition_id)
{
    const struct partition *partition = find_partition(partition_id);
    if (partition == NULL) {
        return 0;
    }
    size_t untouched = 0;
    while (untouched < STACK_WORDS && partition->stack[untouched] == STACK_PAINT) {
        untouched++;
    }
    return (STACK_WORDS - untouched) * sizeof(uint32_t);
}

size_t spm_target_stack_size(int32_t partition_id)
{
    return find_partition(partition_id) != NULL ? SPM_TARGET_STACK_SIZE : 0;
}

size_t spm_target_partition_count(void)
{
    return n_partitions;
}

int32_t spm_target_partition_id(size_t index)
{
    return index < n_partitions ? partitions[index].id : 0;
}

uint32_t spm_target_context_switches(void)
{
    return context_switches;
}
