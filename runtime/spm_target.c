/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The bare-metal port of the SPM (spm_core.h): spm_host.h, psa/client.h
 * and psa/service.h for an image without threads (the Cortex-M33 test
 * image, target/an505/). The core gives it the host SPM's semantics
 * (docs/host-runtime.md); what this port decides is how contexts run:
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

#include "spm_core.h"
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

enum run_state {
    RUN_ACTIVE,       /* the one running */
    RUN_READY,        /* gave way, may run any time */
    RUN_WAIT_REPLY,   /* a client waiting for `awaited` to be replied to */
    RUN_WAIT_SIGNALS, /* a partition in psa_wait(wait_mask, PSA_BLOCK) */
};

struct context {
    struct cpu_context cpu;
    enum run_state state;
    const struct spm_message *awaited;
    psa_signal_t wait_mask;
    int32_t client_id;               /* what its messages carry as msg.client_id */
    struct spm_partition *partition; /* NULL: the image's main */
};

const char spm_port_name[] = "spm_target";

/* Partition i's context and stack (STACK_WORDS words). */
static struct context partition_contexts[SPM_HOST_MAX_PARTITIONS];
static uint32_t partition_stacks[SPM_HOST_MAX_PARTITIONS][STACK_WORDS] __attribute__((aligned(8)));
static uint32_t context_switches;

/* The image's main: the client until it starts partitions, and after. */
static struct context main_context = {.state = RUN_ACTIVE, .client_id = -1};
static struct context *current = &main_context;

/* ---- scheduling ---------------------------------------------------------- */

/* Context i of 0 (main) .. partition count. */
static struct context *context_at(size_t i)
{
    return i == 0 ? &main_context : &partition_contexts[i - 1u];
}

static size_t context_index(const struct context *c)
{
    return c->partition == NULL ? 0 : spm_core_partition_index(c->partition) + 1u;
}

static bool can_run(const struct context *c)
{
    switch (c->state) {
    case RUN_READY:
        return true;
    case RUN_WAIT_REPLY:
        return c->awaited->replied;
    case RUN_WAIT_SIGNALS:
        return (spm_core_asserted_signals(c->partition) & c->wait_mask) != 0;
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
    size_t n = spm_core_partition_count() + 1u;
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
        spm_core_programmer_error("deadlock: psa_wait(0x%08" PRIx32 ") while every client waits "
                                  "for a reply (a message taken and never replied to?)",
                                  current->wait_mask);
    }
    spm_core_programmer_error("deadlock: waiting for a reply that no partition can give");
}

/* ---- the port (spm_core.h) ------------------------------------------------ */

/* Contexts switch only when they wait: nothing to lock. */
void spm_port_lock(void)
{
}

void spm_port_unlock(void)
{
}

struct spm_partition *spm_port_running_partition(void)
{
    return current->partition;
}

int32_t spm_port_client_id(void)
{
    return current->client_id;
}

void spm_port_set_client_id(int32_t client_id)
{
    current->client_id = client_id;
}

void spm_port_await_reply(struct spm_partition *partition, const struct spm_message *m)
{
    (void)partition; /* it runs when its turn comes */
    current->state = RUN_WAIT_REPLY;
    current->awaited = m;
    wait_for_turn();
    current->awaited = NULL;
}

void spm_port_replied(const struct spm_message *m)
{
    (void)m; /* the client runs again when this partition next waits */
}

void spm_port_await_signals(struct spm_partition *partition, psa_signal_t mask)
{
    (void)partition;
    current->state = RUN_WAIT_SIGNALS;
    current->wait_mask = mask;
    wait_for_turn();
}

/* Where a partition's context starts, on its fresh stack. */
static void partition_start(void)
{
    spm_core_run_partition(current->partition);
}

int spm_port_start(struct spm_partition *partition)
{
    size_t index = spm_core_partition_index(partition);
    uint32_t *stack = partition_stacks[index];
    for (size_t i = 0; i < STACK_WORDS; i++) {
        stack[i] = STACK_PAINT;
    }
    partition_contexts[index] = (struct context){
        .cpu.saved = {[CPU_SP] = (uint32_t)(uintptr_t)&stack[STACK_WORDS],
                      [CPU_SPLIM] = (uint32_t)(uintptr_t)stack,
                      [CPU_LR] = (uint32_t)(uintptr_t)partition_start},
        .state = RUN_READY,
        .client_id = partition->id,
        .partition = partition,
    };
    /* Boot: the partition runs until it first waits. */
    current->state = RUN_READY;
    switch_to(&partition_contexts[index]);
    return 0;
}

/* ---- figures (spm_target_extra.h) ---------------------------------------- */

size_t spm_target_stack_used(int32_t partition_id)
{
    const struct spm_partition *partition = spm_core_find_partition(partition_id);
    if (partition == NULL) {
        return 0;
    }
    const uint32_t *stack = partition_stacks[spm_core_partition_index(partition)];
    size_t untouched = 0;
    while (untouched < STACK_WORDS && stack[untouched] == STACK_PAINT) {
        untouched++;
    }
    return (STACK_WORDS - untouched) * sizeof(uint32_t);
}

size_t spm_target_stack_size(int32_t partition_id)
{
    return spm_core_find_partition(partition_id) != NULL ? SPM_TARGET_STACK_SIZE : 0;
}

size_t spm_target_partition_count(void)
{
    return spm_core_partition_count();
}

int32_t spm_target_partition_id(size_t index)
{
    const struct spm_partition *partition = spm_core_partition_at(index);
    return partition != NULL ? partition->id : 0;
}

uint32_t spm_target_context_switches(void)
{
    return context_switches;
}
