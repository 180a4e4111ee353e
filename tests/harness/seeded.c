/* SPDX-License-Identifier: BSD-3-Clause */
#include "seeded.h"

uint64_t seeded_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint32_t seeded_below(uint64_t *state, uint32_t n)
{
    return (uint32_t)(seeded_next(state) % n);
}

void seeded_fill(uint8_t *buf, uint32_t len, uint64_t seed)
{
    uint64_t s = seed;
    for (uint32_t i = 0; i < len; i++) {
        if (i % 8u == 0u) {
            s = seeded_next(&s);
        }
        buf[i] = (uint8_t)(s >> (8u * (i % 8u)));
    }
}
