/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mbed TLS 2.28 configuration for the ETSS Cortex-M33 image: only what the
 * crypto interface (secureflash/crypto/sf_crypto.c) and the device model's
 * security engine call, through the PSA Crypto API:
 *
 *   psa_crypto_init, psa_generate_random
 *   psa_import_key, psa_destroy_key          (volatile keys only)
 *   psa_key_derivation_*                     HKDF-SHA256
 *   psa_aead_encrypt / psa_aead_decrypt      AES-128-GCM
 *   psa_mac_compute / psa_mac_verify         HMAC-SHA256
 *
 * Bare metal: no file system, network, threads, time or stdio. Entropy comes
 * from mbedtls_hardware_poll(), which the image provides (a TRNG driver on a
 * board; entropy_test_only.c in the link check). On a TF-M product none of
 * this is linked into the partition: TF-M's crypto service implements the
 * PSA calls (see README.md).
 *
 * Used as MBEDTLS_CONFIG_FILE, it replaces mbedtls/config.h entirely: every
 * option not defined here is off. Mbed TLS derives the PSA_WANT_* set from
 * these legacy options (mbedtls/config_psa.h), and the last line applies
 * Mbed TLS's own consistency rules (check_config.h) to every file compiled.
 */
#ifndef MBEDTLS_CONFIG_ETSS_H
#define MBEDTLS_CONFIG_ETSS_H

/* ---- PSA Crypto core ---------------------------------------------------- */
#define MBEDTLS_PSA_CRYPTO_C
/* Volatile keys only: MBEDTLS_PSA_CRYPTO_STORAGE_C and MBEDTLS_PSA_ITS_FILE_C
 * stay off, so no key ever reaches a file or ITS. Slots held at once, worst
 * case: 2 (command, response) per session x SF_MAX_SESSIONS (4) x
 * ETSS_MAX_DEVICES (2) = 16, the HUK, and the transients of a session open
 * (root key, confirmation key) and of the device model's engine: about 20.
 * Mbed TLS's default (32, as on the host) keeps headroom. */
#define MBEDTLS_PSA_KEY_SLOT_COUNT 32

/* ---- Algorithms ETSS uses ----------------------------------------------- */
/* AES-128-GCM: GCM runs AES through the generic cipher layer. */
#define MBEDTLS_AES_C
#define MBEDTLS_GCM_C
#define MBEDTLS_CIPHER_C
/* AES tables as const data in flash, and the small (2 KiB) set: RAM and
 * flash matter more here than a few cycles per block. */
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_AES_FEWER_TABLES

/* SHA-256 for HMAC, HKDF and the entropy pool. The smaller implementation:
 * the channel hashes a few hundred bytes per command. */
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER
/* HMAC keys and PSA_ALG_HMAC (config_psa.h keys them on MD_C). */
#define MBEDTLS_MD_C
/* PSA_ALG_HKDF: PSA computes HKDF itself on its HMAC; HKDF_C is only the
 * switch config_psa.h reads (its own functions are left out by the linker). */
#define MBEDTLS_HKDF_C

/* P-256: part identities (ECDSA) and provisioning envelopes (ECDH). */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C

/* ---- Random numbers: CTR_DRBG seeded from the image's hardware source ---- */
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
/* No /dev/urandom, getrandom or Windows CryptoAPI on bare metal. */
#define MBEDTLS_NO_PLATFORM_ENTROPY
/* The only entropy source: int mbedtls_hardware_poll(void *data,
 * unsigned char *output, size_t len, size_t *olen), provided by the image. */
#define MBEDTLS_ENTROPY_HARDWARE_ALT
/* SHA-512 is not built: the entropy pool and CTR_DRBG seed sizes use SHA-256. */
#define MBEDTLS_ENTROPY_FORCE_SHA256

/*
 * Deliberately off (not defined), for a freestanding image:
 *   MBEDTLS_FS_IO, MBEDTLS_PSA_ITS_FILE_C, MBEDTLS_PSA_CRYPTO_STORAGE_C  files
 *   MBEDTLS_NET_C                                                        sockets
 *   MBEDTLS_TIMING_C, MBEDTLS_HAVE_TIME, MBEDTLS_HAVE_TIME_DATE          clocks
 *   MBEDTLS_THREADING_C                                                  threads
 *   MBEDTLS_PLATFORM_C                  mbedtls_calloc/free are libc's calloc/free
 *   MBEDTLS_SELF_TEST, MBEDTLS_ERROR_C, MBEDTLS_VERSION_C, MBEDTLS_DEBUG_C  printf
 *   MBEDTLS_HAVE_ASM                    no bignum here (no RSA, no ECC)
 *   everything TLS, X.509, PK, RSA, ECC, SHA-1/512, CCM, ChaCha, CMAC
 */

#include "mbedtls/check_config.h"

#endif /* MBEDTLS_CONFIG_ETSS_H */
