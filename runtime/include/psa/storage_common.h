/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PSA Certified Secure Storage API 1.0: the types the storage calls share.
 * Host-only: on target the framework's own header (TF-M's
 * interface/include/psa/storage_common.h) is used, and the two agree.
 */
#ifndef PSA_STORAGE_COMMON_H
#define PSA_STORAGE_COMMON_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t psa_storage_uid_t;
typedef uint32_t psa_storage_create_flags_t;

struct psa_storage_info_t {
    size_t capacity; /* bytes allocated to the asset */
    size_t size;     /* bytes stored */
    psa_storage_create_flags_t flags;
};

#define PSA_STORAGE_FLAG_NONE 0u
#define PSA_STORAGE_FLAG_WRITE_ONCE (1u << 0)
#define PSA_STORAGE_FLAG_NO_CONFIDENTIALITY (1u << 1)
#define PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION (1u << 2)

#define PSA_STORAGE_SUPPORT_SET_EXTENDED (1u << 0)

#endif /* PSA_STORAGE_COMMON_H */
