/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ===========================================================================
 *  TEST ONLY -- NOT AN ENTROPY SOURCE -- MUST NEVER SHIP IN ANY IMAGE
 * ===========================================================================
 *
 * mbedtls_hardware_poll() for the Cortex-M33 link check (and, later, an
 * emulator run): a xorshift64* generator seeded with a CONSTANT. Every boot
 * produces the SAME byte stream, so every "random" value derived from it --
 * PSA's CTR_DRBG state, session nonces, generated keys -- is predictable by
 * anyone who has read this file.
 *
 * It exists only so that the library, configured with
 * MBEDTLS_ENTROPY_HARDWARE_ALT (mbedtls_config_etss.h), links and runs
 * without a board. A real image links its TRNG driver's mbedtls_hardware_poll
 * instead (see README.md), and a TF-M product links neither: the partition
 * calls TF-M's crypto service, which owns the platform's entropy.
 *
 * Kept out of libmbedcrypto_etss.a on purpose (its own CMake target,
 * etss_entropy_test_only), so an image gets it only by asking for it.
 */
#include <stddef.h>
#include <stdint.h>

#include "mbedtls/entropy_poll.h"

/* TEST ONLY: a fixed seed, i.e. no entropy at all. */
#define TEST_ONLY_SEED UINT64_C(0x4554535354455354) /* "ETSSTEST" in ASCII */

static uint64_t test_only_state = TEST_ONLY_SEED;

/* xorshift64* (Vigna): a deterministic sequence, not a secure one. */
static uint64_t test_only_next(void)
{
    test_only_state ^= test_only_state >> 12;
    test_only_state ^= test_only_state << 25;
    test_only_state ^= test_only_state >> 27;
    return test_only_state * UINT64_C(0x2545F4914F6CDD1D);
}

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen)
{
    (void)data; /* Mbed TLS passes NULL */
    for (size_t i = 0; i < len; i += 8u) {
        uint64_t word = test_only_next();
        for (size_t j = 0; j < 8u && i + j < len; j++) {
            output[i + j] = (unsigned char)(word >> (8u * j));
        }
    }
    *olen = len;
    return 0;
}
