/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Crypto interface of the secure flash framework: the only door to
 * cryptography, and it opens onto the PSA Crypto API alone (TF-M's crypto
 * service on target, Mbed TLS on a host). Keys stay in PSA key slots;
 * the few secrets that must exist as bytes are zeroized by their users
 * with sf_crypto_zeroize(). Every function returns SF_OK or an SF_ERR_
 * code (sf_status.h): SF_ERR_VERIFY for a tag, MAC or signature that does
 * not verify, SF_ERR_CRYPTO_RESOURCES when the crypto service is out of
 * key slots or memory, SF_ERR_NOT_SUPPORTED for an algorithm it lacks,
 * SF_ERR_PARAM for arguments it refuses, SF_ERR_CRYPTO for any other
 * failure of the service.
 */
#ifndef ETSS_SF_CRYPTO_H
#define ETSS_SF_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <psa/crypto.h>

#include "sf_status.h"

typedef psa_key_id_t sf_key_t;

#define SF_KEY_NONE ((sf_key_t)0)

/* What a derived key is for. */
enum sf_key_kind {
    SF_KEY_HKDF_SECRET, /* input secret of HKDF-SHA256 */
    SF_KEY_AES128_GCM,  /* AEAD */
    SF_KEY_HMAC_SHA256, /* MAC, 32-byte key */
};

int sf_crypto_init(void);
int sf_crypto_random(void *buf, size_t len);

/* Import raw key bytes (the caller zeroizes its copy). */
int sf_crypto_import(enum sf_key_kind kind, const uint8_t *bytes, size_t len, sf_key_t *key);
void sf_crypto_destroy(sf_key_t *key);

/* HKDF-SHA256 (RFC 5869) from `secret` (an SF_KEY_HKDF_SECRET key). */
int sf_crypto_hkdf_bytes(sf_key_t secret, const uint8_t *salt, size_t salt_len, const uint8_t *info,
                         size_t info_len, uint8_t *out, size_t out_len);
int sf_crypto_hkdf_key(sf_key_t secret, const uint8_t *salt, size_t salt_len, const uint8_t *info,
                       size_t info_len, enum sf_key_kind kind, sf_key_t *out);

/* AES-GCM with a 16-byte tag: out = ciphertext || tag. */
int sf_crypto_aead_seal(sf_key_t key, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                        const uint8_t *plaintext, size_t len, uint8_t *out, size_t out_size);
/* in = ciphertext || tag; SF_ERR_VERIFY when it does not verify. */
int sf_crypto_aead_open(sf_key_t key, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                        const uint8_t *in, size_t in_len, uint8_t *out, size_t out_size);

/* HMAC-SHA256; verification is constant-time. */
int sf_crypto_hmac(sf_key_t key, const uint8_t *data, size_t len, uint8_t mac[32]);
int sf_crypto_hmac_verify(sf_key_t key, const uint8_t *data, size_t len, const uint8_t mac[32]);

/* HMAC-SHA256 under a 32-byte key given as bytes, imported for this one
 * operation only; with `expected` (mac unused), a constant-time check. */
int sf_crypto_hmac_with_key_bytes(const uint8_t key[32], const uint8_t *data, size_t len,
                                  uint8_t mac[32], const uint8_t *expected);

/* Are a and b equal over n bytes? Time independent of where they differ
 * (for tags and truncated MACs the PSA verify calls cannot take). */
bool sf_crypto_equal(const uint8_t *a, const uint8_t *b, size_t n);

/* ---- Part identity and provisioning (NIST P-256) ---- */

#define SF_EC_PUBLIC_KEY_LEN 65u /* uncompressed point: 0x04 || X || Y */
#define SF_EC_PRIVATE_KEY_LEN 32u
#define SF_EC_SIGNATURE_LEN 64u /* r || s */
#define SF_SHA256_LEN 32u
/* A sealed envelope: the sender's ephemeral public key || ciphertext || tag. */
#define SF_ENVELOPE_OVERHEAD (SF_EC_PUBLIC_KEY_LEN + 16u)

int sf_crypto_sha256(const uint8_t *data, size_t len, uint8_t out[SF_SHA256_LEN]);

/* ECDSA-P256-SHA256 of `msg` under a public key given as bytes: SF_OK
 * only for a valid signature (SF_ERR_VERIFY otherwise). */
int sf_crypto_ecdsa_verify(const uint8_t public_key[SF_EC_PUBLIC_KEY_LEN], const uint8_t *msg,
                           size_t len, const uint8_t signature[SF_EC_SIGNATURE_LEN]);
/* The signer's side (a part's maker): key bytes imported for this call only. */
int sf_crypto_ecdsa_sign(const uint8_t private_key[SF_EC_PRIVATE_KEY_LEN], const uint8_t *msg,
                         size_t len, uint8_t signature[SF_EC_SIGNATURE_LEN]);
/* The public key of a private key given as bytes. */
int sf_crypto_ec_public_key(const uint8_t private_key[SF_EC_PRIVATE_KEY_LEN],
                            uint8_t public_key[SF_EC_PUBLIC_KEY_LEN]);

/*
 * Envelope to a recipient's static P-256 key: a fresh ephemeral key pair,
 * ECDH with the recipient's key, HKDF-SHA256 (salt = both public keys,
 * info = `label`) to an AES-128-GCM key used once (zero nonce), so only the
 * holder of the recipient's private key can open it. out = ephemeral
 * public key || ciphertext || tag (len + SF_ENVELOPE_OVERHEAD bytes).
 */
int sf_crypto_envelope_seal(const uint8_t recipient[SF_EC_PUBLIC_KEY_LEN], const uint8_t *label,
                            size_t label_len, const uint8_t *plaintext, size_t len, uint8_t *out,
                            size_t out_size);
/* The recipient's side; SF_ERR_VERIFY when it does not verify. */
int sf_crypto_envelope_open(const uint8_t private_key[SF_EC_PRIVATE_KEY_LEN], const uint8_t *label,
                            size_t label_len, const uint8_t *in, size_t in_len, uint8_t *out,
                            size_t out_size);

/* Wipe a secret in a way the compiler cannot elide. */
void sf_crypto_zeroize(void *buf, size_t len);

#endif /* ETSS_SF_CRYPTO_H */
