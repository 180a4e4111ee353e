/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Start-up code of the ETSS test image on QEMU's mps2-an505: the vector
 * table, Reset_Handler (.data, .bss, newlib with semihosting stdio, main),
 * a fault handler that reports through semihosting and fails the run, the
 * heap for newlib's malloc, and the semihosting exit with a status.
 *
 * The core resets in the secure state with the vector table at the secure
 * VTOR's reset value, 0x10000000 (an505.ld puts .vectors there). Everything
 * runs privileged in thread mode on MSP; MSPLIM bounds the main stack (the
 * SPM moves it with each partition stack it switches to).
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "an505.h"

int main(void);
void Reset_Handler(void) __attribute__((noreturn));
void Default_Handler(void);
void HardFault_Handler(void);
void an505_fault_report(const uint32_t *frame, uint32_t exc_return) __attribute__((noreturn));
void *_sbrk(ptrdiff_t increment);
void _init(void);
void _fini(void);

/* newlib: semihosting stdio (librdimon) and the constructors. */
void initialise_monitor_handles(void);
void __libc_init_array(void);

/* an505.ld */
extern uint32_t __data_start[];
extern uint32_t __data_end[];
extern const uint32_t __data_load[];
extern uint32_t __bss_start[];
extern uint32_t __bss_end[];
extern uint8_t __heap_start[];
extern uint8_t __heap_end[];
extern uint32_t __main_stack_limit[];
extern uint32_t __main_stack_top[];

#define STACK_PAINT 0x5AA5C33Cu

/* ---- semihosting (Arm semihosting 2.0; QEMU: -semihosting-config enable=on) ---- */

#define SYS_OPEN 0x01u
#define SYS_CLOSE 0x02u
#define SYS_WRITE0 0x04u
#define SYS_READ 0x06u
#define SYS_FLEN 0x0Cu
#define SYS_CLOCK 0x10u
#define SYS_EXIT 0x18u
#define SYS_EXIT_EXTENDED 0x20u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define ADP_STOPPED_RUN_TIME_ERROR_UNKNOWN 0x20023u
#define SH_EXT_EXIT_EXTENDED 0x01u

static uint32_t semihost(uint32_t operation, const void *argument)
{
    register uint32_t r0 __asm__("r0") = operation;
    register const void *r1 __asm__("r1") = argument;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

static void semihost_puts(const char *s)
{
    (void)semihost(SYS_WRITE0, s);
}

/* Does the host take SYS_EXIT_EXTENDED (an exit status from A32/T32)? It
 * says so in the ":semihosting-features" pseudo-file. */
static bool exit_extended_supported(void)
{
    static const char name[] = ":semihosting-features";
    const uint32_t open_args[3] = {(uint32_t)(uintptr_t)name, 1u /* "rb" */, sizeof(name) - 1u};
    uint32_t handle = semihost(SYS_OPEN, open_args);
    if ((int32_t)handle < 0) {
        return false;
    }
    bool supported = false;
    uint8_t bytes[5] = {0};
    const uint32_t handle_arg[1] = {handle};
    if ((int32_t)semihost(SYS_FLEN, handle_arg) >= (int32_t)sizeof(bytes)) {
        const uint32_t read_args[3] = {handle, (uint32_t)(uintptr_t)bytes, sizeof(bytes)};
        /* SYS_READ answers the number of bytes it did NOT read. */
        if (semihost(SYS_READ, read_args) == 0u && memcmp(bytes, "SHFB", 4) == 0) {
            supported = (bytes[4] & SH_EXT_EXIT_EXTENDED) != 0u;
        }
    }
    (void)semihost(SYS_CLOSE, handle_arg);
    return supported;
}

/*
 * SYS_EXIT on A32/T32 carries only a reason: QEMU exits 0 for
 * ADP_Stopped_ApplicationExit and 1 for anything else. SYS_EXIT_EXTENDED
 * carries (ApplicationExit, status) and QEMU exits with that status.
 */
static void semihost_exit(int status) __attribute__((noreturn));
static void semihost_exit(int status)
{
    if (status != 0 && exit_extended_supported()) {
        /* A status whose low byte is 0 would read as success. */
        uint32_t code = ((uint32_t)status & 0xFFu) != 0u ? (uint32_t)status : 1u;
        const uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, code};
        (void)semihost(SYS_EXIT_EXTENDED, block);
    }
    (void)semihost(SYS_EXIT,
                   (const void *)(uintptr_t)(status == 0 ? ADP_STOPPED_APPLICATION_EXIT
                                                         : ADP_STOPPED_RUN_TIME_ERROR_UNKNOWN));
    for (;;) {
        __asm__ volatile("wfi");
    }
}

void an505_exit(int status)
{
    fflush(stdout);
    fflush(stderr);
    semihost_exit(status);
}

int32_t an505_clock_cs(void)
{
    return (int32_t)semihost(SYS_CLOCK, NULL);
}

/* ---- faults -------------------------------------------------------------- */

static void put_hex(const char *label, uint32_t value)
{
    static const char digits[] = "0123456789abcdef";
    char text[11] = "0x";
    for (unsigned i = 0; i < 8u; i++) {
        text[2u + i] = digits[(value >> (28u - 4u * i)) & 0xFu];
    }
    text[10] = '\0';
    semihost_puts(label);
    semihost_puts(text);
}

static const char *exception_name(uint32_t number)
{
    switch (number) {
    case 2:
        return "NMI";
    case 3:
        return "HardFault";
    case 4:
        return "MemManage fault";
    case 5:
        return "BusFault";
    case 6:
        return "UsageFault";
    case 7:
        return "SecureFault";
    case 11:
        return "SVCall";
    case 12:
        return "DebugMonitor";
    case 14:
        return "PendSV";
    case 15:
        return "SysTick";
    default:
        return number >= 16u ? "interrupt" : "reserved exception";
    }
}

#define REG(address) (*(volatile const uint32_t *)(address))

/* Runs on its own stack (HardFault_Handler switched to it): prints what the
 * fault registers and the stacked frame say, then fails the run. */
void an505_fault_report(const uint32_t *frame, uint32_t exc_return)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    uint32_t number = ipsr & 0x1FFu;
    semihost_puts("\n[an505] FATAL: ");
    semihost_puts(exception_name(number));
    put_hex(" (exception ", number);
    semihost_puts(")\n");
    put_hex("[an505]   HFSR ", REG(0xE000ED2Cu));
    put_hex("  CFSR ", REG(0xE000ED28u));
    put_hex("  SFSR ", REG(0xE000EDE4u));
    semihost_puts("\n");
    put_hex("[an505]   MMFAR ", REG(0xE000ED34u));
    put_hex("  BFAR ", REG(0xE000ED38u));
    put_hex("  SFAR ", REG(0xE000EDE8u));
    semihost_puts("\n");
    if ((REG(0xE000ED28u) & (1u << 20)) != 0u) {
        semihost_puts("[an505]   stack overflow (UsageFault STKOF: a stack hit its MSPLIM)\n");
    }
    uintptr_t at = (uintptr_t)frame;
    put_hex("[an505]   EXC_RETURN ", exc_return);
    put_hex("  frame at ", (uint32_t)at);
    semihost_puts("\n");
    /* The frame only where a stack can be: RAM (an505.ld). */
    if ((at & 7u) == 0u && at >= 0x38000000u && at <= 0x38400000u - 32u) {
        put_hex("[an505]   r0 ", frame[0]);
        put_hex("  r1 ", frame[1]);
        put_hex("  r2 ", frame[2]);
        put_hex("  r3 ", frame[3]);
        semihost_puts("\n");
        put_hex("[an505]   r12 ", frame[4]);
        put_hex("  lr ", frame[5]);
        put_hex("  pc ", frame[6]);
        put_hex("  xpsr ", frame[7]);
        semihost_puts("\n");
    }
    semihost_puts("[an505] SUMMARY: FAIL (fault)\n");
    semihost_exit(3);
}

/* Stack for the fault report, whatever state the faulting stack is in. */
__attribute__((used, aligned(8))) uint8_t an505_fault_stack[1024];

/*
 * Every exception: lift MSPLIM (the fault may be a stack overflow), pick
 * the stack the frame went to, move to the fault stack and report.
 */
__asm__(".pushsection .text.HardFault_Handler,\"ax\",%progbits\n"
        ".syntax unified\n"
        ".thumb\n"
        ".balign 4\n"
        ".global HardFault_Handler\n"
        ".global Default_Handler\n"
        ".type HardFault_Handler, %function\n"
        ".type Default_Handler, %function\n"
        ".thumb_func\n"
        "HardFault_Handler:\n"
        ".thumb_func\n"
        "Default_Handler:\n"
        "    movs r0, #0\n"
        "    msr msplim, r0\n"
        "    msr psplim, r0\n"
        "    mov r1, lr\n"
        "    tst r1, #4\n"
        "    ite eq\n"
        "    mrseq r0, msp\n"
        "    mrsne r0, psp\n"
        "    ldr r2, =an505_fault_stack + 1024\n"
        "    mov sp, r2\n"
        "    b an505_fault_report\n"
        ".pool\n"
        ".size HardFault_Handler, . - HardFault_Handler\n"
        ".popsection\n");

/* Core exceptions only: the image enables no interrupt. */
typedef void (*vector_t)(void);
__attribute__((used, section(".vectors"))) const vector_t an505_vectors[16] = {
    (vector_t)(uintptr_t)__main_stack_top, /* initial MSP */
    Reset_Handler,
    Default_Handler,   /* NMI */
    HardFault_Handler, /* HardFault */
    Default_Handler,   /* MemManage */
    Default_Handler,   /* BusFault */
    Default_Handler,   /* UsageFault */
    Default_Handler,   /* SecureFault */
    NULL,
    NULL,
    NULL,
    Default_Handler, /* SVCall */
    Default_Handler, /* DebugMonitor */
    NULL,
    Default_Handler, /* PendSV */
    Default_Handler, /* SysTick */
};

/* ---- reset --------------------------------------------------------------- */

/* 32-bit words from `from` up to `to` (to >= from). */
static size_t words_between(const void *from, const void *to)
{
    return (size_t)((uintptr_t)to - (uintptr_t)from) / sizeof(uint32_t);
}

void _init(void)
{
}

void _fini(void)
{
}

__attribute__((section(".text.Reset_Handler"))) void Reset_Handler(void)
{
    __asm__ volatile("msr msplim, %0" : : "r"(__main_stack_limit));
    /* Sizes from addresses: the linker's symbols are distinct objects to C. */
    size_t data_words = words_between(__data_start, __data_end);
    for (size_t i = 0; i < data_words; i++) {
        __data_start[i] = __data_load[i];
    }
    size_t bss_words = words_between(__bss_start, __bss_end);
    for (size_t i = 0; i < bss_words; i++) {
        __bss_start[i] = 0u;
    }
    /* Paint the main stack up to 256 bytes below this frame, to measure its
     * deepest use. */
    uint32_t *sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    size_t paint_words = words_between(__main_stack_limit, sp) - 64u;
    for (size_t i = 0; i < paint_words; i++) {
        __main_stack_limit[i] = STACK_PAINT;
    }
    initialise_monitor_handles();
    __libc_init_array();
    an505_exit(main());
}

/* ---- heap and stack figures ---------------------------------------------- */

static uint8_t *program_break = __heap_start;
static size_t heap_high;

/* newlib's malloc grows the heap here (librdimon's _sbrk is weak); the
 * heap is what an505.ld leaves between .bss and the main stack. */
void *_sbrk(ptrdiff_t increment)
{
    uint8_t *previous = program_break;
    size_t used = (size_t)((uintptr_t)program_break - (uintptr_t)__heap_start);
    if (increment >= 0 ? (size_t)increment > an505_heap_size() - used : (size_t)-increment > used) {
        errno = ENOMEM;
        return (void *)-1;
    }
    program_break += increment;
    used = (size_t)((uintptr_t)program_break - (uintptr_t)__heap_start);
    heap_high = used > heap_high ? used : heap_high;
    return previous;
}

size_t an505_heap_used(void)
{
    return heap_high;
}

size_t an505_heap_size(void)
{
    return (size_t)((uintptr_t)__heap_end - (uintptr_t)__heap_start);
}

size_t an505_main_stack_used(void)
{
    size_t words = words_between(__main_stack_limit, __main_stack_top);
    size_t untouched = 0;
    while (untouched < words && __main_stack_limit[untouched] == STACK_PAINT) {
        untouched++;
    }
    return (words - untouched) * sizeof(uint32_t);
}

size_t an505_main_stack_size(void)
{
    return words_between(__main_stack_limit, __main_stack_top) * sizeof(uint32_t);
}
