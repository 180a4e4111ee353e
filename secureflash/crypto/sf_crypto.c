/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "sf_crypto.h"

#define AEAD_ALG PSA_ALG_GCM
#define AEAD_TAG_LEN 16u
#define HMAC_ALG PSA_ALG_HMAC(PSA_ALG_SHA_256)
#define HKDF_ALG PSA_ALG_HKDF(PSA_ALG_SHA_256)

/* Every PSA cause the framework acts on, kept apart. */
static int status_of(psa_status_t st)
{
    switch (st) {
    case PSA_SUCCESS:
        return SF_OK;
    case PSA_ERROR_INVALID_SIGNATURE:
        return SF_ERR_VERIFY;
    case PSA_ERROR_INSUFFICIENT_MEMORY:
    case PSA_ERROR_INSUFFICIENT_STORAGE:
        return SF_ERR_CRYPTO_RESOURCES;
    case PSA_ERROR_NOT_SUPPORTED:
        return SF_ERR_NOT_SUPPORTED;
    case PSA_ERROR_INVALID_ARGUMENT:
        return SF_ERR_PARAM;
    default:
        return SF_ERR_CRYPTO;
    }
}

int sf_crypto_init(void)
{
    return status_of(psa_crypto_init());
}

int sf_crypto_random(void *buf, size_t len)
{
    return status_of(psa_generate_random(buf, len));
}

static psa_key_attributes_t attributes_for(enum sf_key_kind kind)
{
    psa_key_attributes_t attr = PSA_KEY_ATTRIBUTES_INIT;
    switch (kind) {
    case SF_KEY_HKDF_SECRET:
        psa_set_key_type(&attr, PSA_KEY_TYPE_DERIVE);
        psa_set_key_usage_flags(&attr, PSA_KEY_USAGE_DERIVE);
        psa_set_key_algorithm(&attr, HKDF_ALG);
        break;
    case SF_KEY_AES128_GCM:
        psa_set_key_type(&attr, PSA_KEY_TYPE_AES);
        psa_set_key_bits(&attr, 128u);
        psa_set_key_usage_flags(&attr, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
        psa_set_key_algorithm(&attr, AEAD_ALG);
        break;
    case SF_KEY_HMAC_SHA256:
        psa_set_key_type(&attr, PSA_KEY_TYPE_HMAC);
        psa_set_key_bits(&attr, 256u);
        psa_set_key_usage_flags(&attr, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE);
        psa_set_key_algorithm(&attr, HMAC_ALG);
        break;
    }
    return attr;
}

int sf_crypto_import(enum sf_key_kind kind, const uint8_t *bytes, size_t len, sf_key_t *key)
{
    psa_key_attributes_t attr = attributes_for(kind);
    return status_of(psa_import_key(&attr, bytes, len, key));
}

void sf_crypto_destroy(sf_key_t *key)
{
    if (*key != SF_KEY_NONE) {
        (void)psa_destroy_key(*key);
        *key = SF_KEY_NONE;
    }
}

/*
 * With Mbed TLS the derivation state is large (its HMAC contexts): keep one
 * static instance instead of a stack frame the partition cannot afford. The
 * partition serves one request at a time, so it is never shared; each use
 * ends with an abort, which returns it to its initial state.
 */
static psa_key_derivation_operation_t derivation = PSA_KEY_DERIVATION_OPERATION_INIT;

static psa_status_t hkdf_setup(psa_key_derivation_operation_t *op, sf_key_t secret,
                               const uint8_t *salt, size_t salt_len, const uint8_t *info,
                               size_t info_len)
{
    psa_status_t st = psa_key_derivation_setup(op, HKDF_ALG);
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_input_bytes(op, PSA_KEY_DERIVATION_INPUT_SALT, salt, salt_len);
    }
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_input_key(op, PSA_KEY_DERIVATION_INPUT_SECRET, secret);
    }
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_input_bytes(op, PSA_KEY_DERIVATION_INPUT_INFO, info, info_len);
    }
    return st;
}

int sf_crypto_hkdf_bytes(sf_key_t secret, const uint8_t *salt, size_t salt_len, const uint8_t *info,
                         size_t info_len, uint8_t *out, size_t out_len)
{
    psa_status_t st = hkdf_setup(&derivation, secret, salt, salt_len, info, info_len);
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_output_bytes(&derivation, out, out_len);
    }
    (void)psa_key_derivation_abort(&derivation);
    if (st != PSA_SUCCESS) {
        sf_crypto_zeroize(out, out_len);
    }
    return status_of(st);
}

int sf_crypto_hkdf_key(sf_key_t secret, const uint8_t *salt, size_t salt_len, const uint8_t *info,
                       size_t info_len, enum sf_key_kind kind, sf_key_t *out)
{
    psa_key_attributes_t attr = attributes_for(kind);
    if (kind == SF_KEY_HKDF_SECRET) {
        psa_set_key_bits(&attr, 256u);
    }
    psa_status_t st = hkdf_setup(&derivation, secret, salt, salt_len, info, info_len);
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_output_key(&attr, &derivation, out);
    }
    (void)psa_key_derivation_abort(&derivation);
    return status_of(st);
}

int sf_crypto_aead_seal(sf_key_t key, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                        const uint8_t *plaintext, size_t len, uint8_t *out, size_t out_size)
{
    size_t out_len = 0;
    psa_status_t st = psa_aead_encrypt(key, AEAD_ALG, nonce, 12u, aad, aad_len, plaintext, len, out,
                                       out_size, &out_len);
    if (st == PSA_SUCCESS && out_len != len + AEAD_TAG_LEN) {
        st = PSA_ERROR_GENERIC_ERROR;
    }
    return status_of(st);
}

int sf_crypto_aead_open(sf_key_t key, const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                        const uint8_t *in, size_t in_len, uint8_t *out, size_t out_size)
{
    size_t out_len = 0;
    if (in_len < AEAD_TAG_LEN) {
        return SF_ERR_VERIFY;
    }
    psa_status_t st = psa_aead_decrypt(key, AEAD_ALG, nonce, 12u, aad, aad_len, in, in_len, out,
                                       out_size, &out_len);
    if (st == PSA_SUCCESS && out_len != in_len - AEAD_TAG_LEN) {
        st = PSA_ERROR_GENERIC_ERROR;
    }
    if (st != PSA_SUCCESS) {
        sf_crypto_zeroize(out, out_size);
    }
    return status_of(st);
}

int sf_crypto_hmac(sf_key_t key, const uint8_t *data, size_t len, uint8_t mac[32])
{
    size_t mac_len = 0;
    psa_status_t st = psa_mac_compute(key, HMAC_ALG, data, len, mac, 32u, &mac_len);
    return status_of(st == PSA_SUCCESS && mac_len != 32u ? PSA_ERROR_GENERIC_ERROR : st);
}

int sf_crypto_hmac_verify(sf_key_t key, const uint8_t *data, size_t len, const uint8_t mac[32])
{
    return status_of(psa_mac_verify(key, HMAC_ALG, data, len, mac, 32u));
}

int sf_crypto_hmac_with_key_bytes(const uint8_t key[32], const uint8_t *data, size_t len,
                                  uint8_t mac[32], const uint8_t *expected)
{
    sf_key_t k = SF_KEY_NONE;
    int rc = sf_crypto_import(SF_KEY_HMAC_SHA256, key, 32u, &k);
    if (rc == SF_OK) {
        rc = expected != NULL ? sf_crypto_hmac_verify(k, data, len, expected)
                              : sf_crypto_hmac(k, data, len, mac);
    }
    sf_crypto_destroy(&k);
    return rc;
}

/* ---- P-256: identity and provisioning envelopes ---- */

#define EC_KEY_TYPE PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1)
#define EC_PUBLIC_TYPE PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1)
#define ECDSA_ALG PSA_ALG_ECDSA(PSA_ALG_SHA_256)
#define ENVELOPE_ALG PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, HKDF_ALG)

int sf_crypto_sha256(const uint8_t *data, size_t len, uint8_t out[SF_SHA256_LEN])
{
    size_t n = 0;
    psa_status_t st = psa_hash_compute(PSA_ALG_SHA_256, data, len, out, SF_SHA256_LEN, &n);
    return status_of(st == PSA_SUCCESS && n != SF_SHA256_LEN ? PSA_ERROR_GENERIC_ERROR : st);
}

static psa_status_t import_ec(psa_key_type_t type, psa_key_usage_t usage, psa_algorithm_t alg,
                              const uint8_t *bytes, size_t len, psa_key_id_t *key)
{
    psa_key_attributes_t attr = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&attr, type);
    psa_set_key_bits(&attr, 256u);
    psa_set_key_usage_flags(&attr, usage);
    psa_set_key_algorithm(&attr, alg);
    return psa_import_key(&attr, bytes, len, key);
}

int sf_crypto_ecdsa_verify(const uint8_t public_key[SF_EC_PUBLIC_KEY_LEN], const uint8_t *msg,
                           size_t len, const uint8_t signature[SF_EC_SIGNATURE_LEN])
{
    uint8_t hash[SF_SHA256_LEN];
    psa_key_id_t key = 0;
    if (sf_crypto_sha256(msg, len, hash) != SF_OK) {
        return SF_ERR_CRYPTO;
    }
    psa_status_t st = import_ec(EC_PUBLIC_TYPE, PSA_KEY_USAGE_VERIFY_HASH, ECDSA_ALG, public_key,
                                SF_EC_PUBLIC_KEY_LEN, &key);
    if (st == PSA_SUCCESS) {
        st = psa_verify_hash(key, ECDSA_ALG, hash, sizeof(hash), signature, SF_EC_SIGNATURE_LEN);
    }
    (void)psa_destroy_key(key);
    /* A point that is not on the curve is as bad as a wrong signature. */
    return st == PSA_ERROR_INVALID_ARGUMENT ? SF_ERR_VERIFY : status_of(st);
}

int sf_crypto_ecdsa_sign(const uint8_t private_key[SF_EC_PRIVATE_KEY_LEN], const uint8_t *msg,
                         size_t len, uint8_t signature[SF_EC_SIGNATURE_LEN])
{
    uint8_t hash[SF_SHA256_LEN];
    psa_key_id_t key = 0;
    size_t n = 0;
    if (sf_crypto_sha256(msg, len, hash) != SF_OK) {
        return SF_ERR_CRYPTO;
    }
    psa_status_t st = import_ec(EC_KEY_TYPE, PSA_KEY_USAGE_SIGN_HASH, ECDSA_ALG, private_key,
                                SF_EC_PRIVATE_KEY_LEN, &key);
    if (st == PSA_SUCCESS) {
        st = psa_sign_hash(key, ECDSA_ALG, hash, sizeof(hash), signature, SF_EC_SIGNATURE_LEN, &n);
    }
    (void)psa_destroy_key(key);
    return status_of(st == PSA_SUCCESS && n != SF_EC_SIGNATURE_LEN ? PSA_ERROR_GENERIC_ERROR : st);
}

int sf_crypto_ec_public_key(const uint8_t private_key[SF_EC_PRIVATE_KEY_LEN],
                            uint8_t public_key[SF_EC_PUBLIC_KEY_LEN])
{
    psa_key_id_t key = 0;
    size_t n = 0;
    psa_status_t st = import_ec(EC_KEY_TYPE, PSA_KEY_USAGE_DERIVE, ENVELOPE_ALG, private_key,
                                SF_EC_PRIVATE_KEY_LEN, &key);
    if (st == PSA_SUCCESS) {
        st = psa_export_public_key(key, public_key, SF_EC_PUBLIC_KEY_LEN, &n);
    }
    (void)psa_destroy_key(key);
    return status_of(st == PSA_SUCCESS && n != SF_EC_PUBLIC_KEY_LEN ? PSA_ERROR_GENERIC_ERROR : st);
}

/* The envelope's AES key: ECDH of `own` with `peer`, through HKDF with
 * salt = sender's public key || recipient's public key. */
static psa_status_t envelope_key(psa_key_id_t own, const uint8_t salt[2u * SF_EC_PUBLIC_KEY_LEN],
                                 const uint8_t *peer, const uint8_t *label, size_t label_len,
                                 psa_key_id_t *aes)
{
    psa_key_attributes_t attr = attributes_for(SF_KEY_AES128_GCM);
    psa_status_t st = psa_key_derivation_setup(&derivation, ENVELOPE_ALG);
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_input_bytes(&derivation, PSA_KEY_DERIVATION_INPUT_SALT, salt,
                                            2u * SF_EC_PUBLIC_KEY_LEN);
    }
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_key_agreement(&derivation, PSA_KEY_DERIVATION_INPUT_SECRET, own,
                                              peer, SF_EC_PUBLIC_KEY_LEN);
    }
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_input_bytes(&derivation, PSA_KEY_DERIVATION_INPUT_INFO, label,
                                            label_len);
    }
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_output_key(&attr, &derivation, aes);
    }
    (void)psa_key_derivation_abort(&derivation);
    return st;
}

/* Each envelope key seals exactly one message: a zero nonce is safe. */
static const uint8_t envelope_nonce[12] = {0};

int sf_crypto_envelope_seal(const uint8_t recipient[SF_EC_PUBLIC_KEY_LEN], const uint8_t *label,
                            size_t label_len, const uint8_t *plaintext, size_t len, uint8_t *out,
                            size_t out_size)
{
    uint8_t salt[2u * SF_EC_PUBLIC_KEY_LEN];
    psa_key_attributes_t attr = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_id_t eph = 0;
    psa_key_id_t aes = 0;
    size_t n = 0;
    if (out_size < len + SF_ENVELOPE_OVERHEAD) {
        return SF_ERR_CRYPTO;
    }
    psa_set_key_type(&attr, EC_KEY_TYPE);
    psa_set_key_bits(&attr, 256u);
    psa_set_key_usage_flags(&attr, PSA_KEY_USAGE_DERIVE);
    psa_set_key_algorithm(&attr, ENVELOPE_ALG);
    psa_status_t st = psa_generate_key(&attr, &eph);
    if (st == PSA_SUCCESS) {
        st = psa_export_public_key(eph, salt, SF_EC_PUBLIC_KEY_LEN, &n);
    }
    if (st == PSA_SUCCESS) {
        memcpy(&salt[SF_EC_PUBLIC_KEY_LEN], recipient, SF_EC_PUBLIC_KEY_LEN);
        st = envelope_key(eph, salt, recipient, label, label_len, &aes);
    }
    (void)psa_destroy_key(eph); /* the ephemeral secret never outlives the envelope */
    if (st == PSA_SUCCESS) {
        memcpy(out, salt, SF_EC_PUBLIC_KEY_LEN);
        st = psa_aead_encrypt(aes, AEAD_ALG, envelope_nonce, sizeof(envelope_nonce), salt,
                              sizeof(salt), plaintext, len, &out[SF_EC_PUBLIC_KEY_LEN],
                              out_size - SF_EC_PUBLIC_KEY_LEN, &n);
    }
    (void)psa_destroy_key(aes);
    if (st == PSA_SUCCESS && n != len + AEAD_TAG_LEN) {
        st = PSA_ERROR_GENERIC_ERROR;
    }
    if (st != PSA_SUCCESS) {
        sf_crypto_zeroize(out, out_size);
    }
    return status_of(st);
}

int sf_crypto_envelope_open(const uint8_t private_key[SF_EC_PRIVATE_KEY_LEN], const uint8_t *label,
                            size_t label_len, const uint8_t *in, size_t in_len, uint8_t *out,
                            size_t out_size)
{
    uint8_t salt[2u * SF_EC_PUBLIC_KEY_LEN];
    psa_key_id_t own = 0;
    psa_key_id_t aes = 0;
    size_t n = 0;
    /* Only an uncompressed point (0x04 || X || Y) is a sender's key. */
    if (in_len < SF_ENVELOPE_OVERHEAD || out_size < in_len - SF_ENVELOPE_OVERHEAD ||
        in[0] != 0x04u) {
        return SF_ERR_VERIFY;
    }
    memcpy(salt, in, SF_EC_PUBLIC_KEY_LEN);
    psa_status_t st = import_ec(EC_KEY_TYPE, PSA_KEY_USAGE_DERIVE, ENVELOPE_ALG, private_key,
                                SF_EC_PRIVATE_KEY_LEN, &own);
    if (st == PSA_SUCCESS) {
        st = psa_export_public_key(own, &salt[SF_EC_PUBLIC_KEY_LEN], SF_EC_PUBLIC_KEY_LEN, &n);
    }
    if (st == PSA_SUCCESS) {
        /* A sender's point off the curve fails here, as a forgery. */
        st = envelope_key(own, salt, in, label, label_len, &aes);
        st = st == PSA_ERROR_INVALID_ARGUMENT ? PSA_ERROR_INVALID_SIGNATURE : st;
    }
    (void)psa_destroy_key(own);
    if (st == PSA_SUCCESS) {
        st = psa_aead_decrypt(aes, AEAD_ALG, envelope_nonce, sizeof(envelope_nonce), salt,
                              sizeof(salt), &in[SF_EC_PUBLIC_KEY_LEN],
                              in_len - SF_EC_PUBLIC_KEY_LEN, out, out_size, &n);
    }
    (void)psa_destroy_key(aes);
    if (st == PSA_SUCCESS && n != in_len - SF_ENVELOPE_OVERHEAD) {
        st = PSA_ERROR_GENERIC_ERROR;
    }
    if (st != PSA_SUCCESS) {
        sf_crypto_zeroize(out, out_size);
    }
    return status_of(st);
}

bool sf_crypto_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
    uint8_t diff = 0u;
    for (size_t i = 0; i < n; i++) {
        diff = (uint8_t)(diff | (a[i] ^ b[i]));
    }
    return diff == 0u;
}

/* memset called through a volatile pointer: the compiler cannot know what
 * it calls, so it never drops a wipe of a buffer that is not read again,
 * and the wipe runs at memset's speed (word-wise) instead of byte by byte. */
static void *(*const volatile wipe)(void *, int, size_t) = memset;

void sf_crypto_zeroize(void *buf, size_t len)
{
    if (buf != NULL && len != 0u) {
        (void)wipe(buf, 0, len);
    }
}
