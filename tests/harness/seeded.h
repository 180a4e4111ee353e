/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The seeded generator the randomized campaigns and the RAM device draw
 * from (splitmix64): one 64-bit seed replays a whole trial.
 */
#ifndef ETSS_SEEDED_H
#define ETSS_SEEDED_H

#include <stdint.h>

uint64_t seeded_next(uint64_t *state);
/* A number in [0, n). */
uint32_t seeded_below(uint64_t *state, uint32_t n);
/* len bytes that depend only on seed. */
void seeded_fill(uint8_t *buf, uint32_t len, uint64_t seed);

#endif /* ETSS_SEEDED_H */
