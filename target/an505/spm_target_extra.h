/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the bare-metal SPM (runtime/spm_target.c) offers beyond spm_host.h,
 * whose API it implements without threads: each partition's entry runs on
 * a stack of its own (a static array), and the image's main (the client)
 * and the partitions take turns through a cooperative context switch.
 */
#ifndef ETSS_SPM_TARGET_EXTRA_H
#define ETSS_SPM_TARGET_EXTRA_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of each partition's stack (a multiple of 8). */
#ifndef SPM_TARGET_STACK_SIZE
#define SPM_TARGET_STACK_SIZE 16384u
#endif

/*
 * The deepest the partition's stack has been used since it started, in
 * bytes: the stack is painted with a pattern when the partition starts, and
 * this counts from its top down to the lowest word no longer holding the
 * pattern. 0 for an id that names no started partition.
 */
size_t spm_target_stack_used(int32_t partition_id);

/* The size of that partition's stack (SPM_TARGET_STACK_SIZE), 0 for an id
 * that names no started partition. */
size_t spm_target_stack_size(int32_t partition_id);

/* The partitions started so far, and the id of the i-th (0 when i is out of
 * range). */
size_t spm_target_partition_count(void);
int32_t spm_target_partition_id(size_t index);

/* Context switches made since reset (between main and partitions). */
uint32_t spm_target_context_switches(void);

#endif /* ETSS_SPM_TARGET_EXTRA_H */
