/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The bare-metal ETSS test image on QEMU's mps2-an505 (Cortex-M33, secure
 * state): what the start-up code (an505_startup.c) and the board glue
 * (an505_board.c) give the image's main.
 */
#ifndef ETSS_AN505_H
#define ETSS_AN505_H

#include <stddef.h>
#include <stdint.h>

#include "devmodel/sf_model.h"

/* The NOR array of every secure flash model the image's suites create
 * through the suite environment: 1 MiB (the model's default, 16 MiB, does
 * not fit the AN505's RAM). */
#define AN505_FLASH_BYTES (1u << 20)

/*
 * sf_model_default_config() with AN505_FLASH_BYTES of array. The image
 * compiles suites/etss/etss_suite_env.c with
 * -Dsf_model_default_config=an505_suite_model_config, so the suite
 * environment's model gets this configuration, the file itself unchanged.
 */
void an505_suite_model_config(struct sf_model_config *cfg);

/* Flush stdio and end the QEMU run through semihosting with `status` as
 * QEMU's exit status (0: success). Never returns. */
void an505_exit(int status) __attribute__((noreturn));

/* The highest the heap (program break) has been, and its room. */
size_t an505_heap_used(void);
size_t an505_heap_size(void);

/* The main (client) stack: deepest use since reset (painted), and its size. */
size_t an505_main_stack_used(void);
size_t an505_main_stack_size(void);

/* Centiseconds since the run started (semihosting SYS_CLOCK), or -1. */
int32_t an505_clock_cs(void);

#endif /* ETSS_AN505_H */
