/* SPDX-License-Identifier: BSD-3-Clause */
/* The part records in TF-M's Internal Trusted Storage (etss_trust_its.h). */
#include <string.h>

#include "etss_trust_its.h"
#include "psa/internal_trusted_storage.h"
#include "sf_crypto.h"
#include "sf_part_record.h"

static int its_load(void *ctx, uint8_t instance, struct sf_part_record *rec)
{
    uint8_t bytes[SF_PART_RECORD_BYTES];
    size_t len = 0;
    (void)ctx;
    psa_status_t st =
        psa_its_get(ETSS_TRUST_ITS_UID_BASE + instance, 0, sizeof(bytes), bytes, &len);
    if (st == PSA_ERROR_DOES_NOT_EXIST) {
        memset(rec, 0, sizeof(*rec));
        return SF_OK;
    }
    /* A record of another size is not this layout's: refuse it rather than
     * take it for "never provisioned". */
    int rc = st == PSA_SUCCESS && len == sizeof(bytes) ? SF_OK : SF_ERR_DEVICE;
    if (rc == SF_OK) {
        sf_part_record_decode(bytes, rec);
    }
    sf_crypto_zeroize(bytes, sizeof(bytes));
    return rc;
}

static int its_save(void *ctx, uint8_t instance, const struct sf_part_record *rec)
{
    uint8_t bytes[SF_PART_RECORD_BYTES];
    (void)ctx;
    sf_part_record_encode(rec, bytes);
    psa_status_t st = psa_its_set(ETSS_TRUST_ITS_UID_BASE + instance, sizeof(bytes), bytes,
                                  PSA_STORAGE_FLAG_NONE);
    sf_crypto_zeroize(bytes, sizeof(bytes));
    return st == PSA_SUCCESS ? SF_OK : SF_ERR_DEVICE;
}

const struct sf_trust_store *etss_trust_its(void)
{
    static const struct sf_trust_store store = {.load = its_load, .save = its_save, .ctx = NULL};
    return &store;
}
