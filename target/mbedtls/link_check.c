/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Link check for libmbedcrypto_etss.a on Cortex-M33: every PSA call ETSS's
 * crypto interface makes (secureflash/crypto/sf_crypto.c), once, so the link
 * pulls in exactly what the partition would and the image size is honest.
 * Linked, not run (no emulator yet); the exit code would tell which step
 * failed.
 */
#include <stddef.h>
#include <stdint.h>

#include "psa/crypto.h"

#define HKDF_ALG PSA_ALG_HKDF(PSA_ALG_SHA_256)
#define HMAC_ALG PSA_ALG_HMAC(PSA_ALG_SHA_256)

static psa_key_attributes_t attributes(psa_key_type_t type, size_t bits, psa_key_usage_t usage,
                                       psa_algorithm_t alg)
{
    psa_key_attributes_t attr = PSA_KEY_ATTRIBUTES_INIT;
    psa_set_key_type(&attr, type);
    psa_set_key_bits(&attr, bits);
    psa_set_key_usage_flags(&attr, usage);
    psa_set_key_algorithm(&attr, alg);
    return attr;
}

/* HKDF-SHA256 from `secret` into an HMAC key, as sf_crypto_hkdf_key does. */
static psa_status_t derive_hmac_key(psa_key_id_t secret, psa_key_id_t *out)
{
    static const uint8_t salt[] = "etss-salt";
    static const uint8_t info[] = "etss-info";
    psa_key_attributes_t attr =
        attributes(PSA_KEY_TYPE_HMAC, 256u,
                   PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE, HMAC_ALG);
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_status_t st = psa_key_derivation_setup(&op, HKDF_ALG);
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, salt, sizeof(salt));
    }
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, secret);
    }
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, info, sizeof(info));
    }
    if (st == PSA_SUCCESS) {
        st = psa_key_derivation_output_key(&attr, &op, out);
    }
    (void)psa_key_derivation_abort(&op);
    return st;
}

int main(void)
{
    static const uint8_t aes_bytes[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    static const uint8_t secret_bytes[32] = {0x5e, 0xc7, 0xe7};
    static const uint8_t aad[] = "header";
    static const uint8_t plain[] = "a sector of secret data";
    uint8_t nonce[12];
    uint8_t sealed[sizeof(plain) + 16u];
    uint8_t opened[sizeof(plain)];
    uint8_t mac[32];
    size_t len = 0;
    psa_key_id_t aes = 0;
    psa_key_id_t secret = 0;
    psa_key_id_t hmac = 0;

    if (psa_crypto_init() != PSA_SUCCESS) {
        return 1;
    }
    if (psa_generate_random(nonce, sizeof(nonce)) != PSA_SUCCESS) {
        return 2;
    }

    /* AES-128-GCM: import, seal, open. */
    psa_key_attributes_t attr = attributes(
        PSA_KEY_TYPE_AES, 128u, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT, PSA_ALG_GCM);
    if (psa_import_key(&attr, aes_bytes, sizeof(aes_bytes), &aes) != PSA_SUCCESS) {
        return 3;
    }
    if (psa_aead_encrypt(aes, PSA_ALG_GCM, nonce, sizeof(nonce), aad, sizeof(aad), plain,
                         sizeof(plain), sealed, sizeof(sealed), &len) != PSA_SUCCESS) {
        return 4;
    }
    if (psa_aead_decrypt(aes, PSA_ALG_GCM, nonce, sizeof(nonce), aad, sizeof(aad), sealed, len,
                         opened, sizeof(opened), &len) != PSA_SUCCESS) {
        return 5;
    }

    /* HKDF-SHA256: a derivation secret, then an HMAC key derived from it. */
    attr = attributes(PSA_KEY_TYPE_DERIVE, 0u, PSA_KEY_USAGE_DERIVE, HKDF_ALG);
    if (psa_import_key(&attr, secret_bytes, sizeof(secret_bytes), &secret) != PSA_SUCCESS) {
        return 6;
    }
    if (derive_hmac_key(secret, &hmac) != PSA_SUCCESS) {
        return 7;
    }

    /* HMAC-SHA256: compute, verify. */
    if (psa_mac_compute(hmac, HMAC_ALG, plain, sizeof(plain), mac, sizeof(mac), &len) !=
        PSA_SUCCESS) {
        return 8;
    }
    if (psa_mac_verify(hmac, HMAC_ALG, plain, sizeof(plain), mac, len) != PSA_SUCCESS) {
        return 9;
    }

    (void)psa_destroy_key(hmac);
    (void)psa_destroy_key(secret);
    (void)psa_destroy_key(aes);
    return 0;
}
