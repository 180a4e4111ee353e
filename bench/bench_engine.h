/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One storage engine under measurement: ETSS, a baseline of the project's
 * (the plain NOR floor, the bare secure channel) or a peer filesystem
 * (littlefs, TF-M's ITS flash filesystem). Each has a NOR model of its own,
 * whose counters are its costs, and stores in the same 512 KiB area.
 */
#ifndef ETSS_BENCH_ENGINE_H
#define ETSS_BENCH_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "devmodel/model_spi.h"
#include "devmodel/nor_model.h"
#include "nor_flash.h"

#define BENCH_AREA 0x80000u /* the area every engine stores in */
#define BENCH_SECTOR 4096u

/* What an operation returns. */
#define BENCH_OK 0
#define BENCH_FULL 1   /* no room for it: the store is full */
#define BENCH_ERROR -1 /* anything else */

struct bench_engine {
    const char *name;
    nor_model_t *nor;
    /* Store (or replace) asset uid. The floor and the secure channel
     * append the bytes instead: they keep no index. */
    int (*set)(uint64_t uid, const uint8_t *data, size_t len);
    /* Read len bytes of asset uid (the baselines: the area's first bytes). */
    int (*get)(uint64_t uid, uint8_t *buf, size_t len);
    /* Forget asset uid; NULL for the baselines, which keep nothing. */
    int (*remove)(uint64_t uid);
    /* Power cycle the part, then what a boot does before its first
     * request (discovery, a session, a mount). */
    int (*reboot)(void);
    /* The append baselines: start the next append at a sector boundary, so
     * that each workload's floor is aligned. NULL for the others. */
    void (*align)(void);
    /* The storing engines: a new part (its erase counts at 0) with an empty
     * store on it; `nor` names the new part. NULL for the baselines. */
    int (*fresh)(void);
};

/* The peers, each made on its first call (NULL when it cannot be). */
const struct bench_engine *bench_littlefs(void);
const struct bench_engine *bench_its(void);

/* A plain NOR part (the default model) and its driver, for the floor and
 * the peers; BENCH_OK or BENCH_ERROR. */
struct bench_nor {
    nor_model_t *nor;
    struct model_spi bus;
    struct nor_flash flash;
};
int bench_nor_init(struct bench_nor *n);

#endif /* ETSS_BENCH_ENGINE_H */
