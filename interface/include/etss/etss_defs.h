/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ETSS error codes: the values of upstream ETSS (tf-m-extras), which are
 * the PSA status codes plus the secure flash states.
 */
#ifndef ETSS_DEFS_H
#define ETSS_DEFS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t etss_err_t;

#define ETSS_SUCCESS ((etss_err_t)0)

#define ETSS_ERR_PROGRAMMER_ERROR ((etss_err_t)-129)
#define ETSS_ERR_CONNECTION_REFUSED ((etss_err_t)-130)
#define ETSS_ERR_CONNECTION_BUSY ((etss_err_t)-131)
#define ETSS_ERR_GENERIC_ERROR ((etss_err_t)-132)
#define ETSS_ERR_NOT_PERMITTED ((etss_err_t)-133)
#define ETSS_ERR_NOT_SUPPORTED ((etss_err_t)-134)
#define ETSS_ERR_INVALID_ARGUMENT ((etss_err_t)-135)
#define ETSS_ERR_INVALID_HANDLE ((etss_err_t)-136)
#define ETSS_ERR_BAD_STATE ((etss_err_t)-137)
#define ETSS_ERR_BUFFER_TOO_SMALL ((etss_err_t)-138)
#define ETSS_ERR_ALREADY_EXISTS ((etss_err_t)-139)
#define ETSS_ERR_DOES_NOT_EXIST ((etss_err_t)-140)
#define ETSS_ERR_INSUFFICIENT_MEMORY ((etss_err_t)-141)
#define ETSS_ERR_INSUFFICIENT_STORAGE ((etss_err_t)-142)
#define ETSS_ERR_INSUFFICIENT_DATA ((etss_err_t)-143)
#define ETSS_ERR_SERVICE_FAILURE ((etss_err_t)-144)
#define ETSS_ERR_COMMUNICATION_FAILURE ((etss_err_t)-145)
#define ETSS_ERR_STORAGE_FAILURE ((etss_err_t)-146)
#define ETSS_ERR_HARDWARE_FAILURE ((etss_err_t)-147)
#define ETSS_ERR_INVALID_SIGNATURE ((etss_err_t)-149)
#define ETSS_ERR_DATA_CORRUPT ((etss_err_t)-152)
#define ETSS_ERR_DATA_INVALID ((etss_err_t)-153) /* a zone of another format version */
#define ETSS_ERR_DEPENDENCY_NEEDED ((etss_err_t)-156)
#define ETSS_ERR_CURRENTLY_INSTALLING ((etss_err_t)-157)
#define ETSS_ERR_SF_UNPROVISIONED ((etss_err_t)-158) /* the secure flash is blank */
#define ETSS_ERR_SF_INIT ((etss_err_t)-159)          /* no usable secure flash */
#define ETSS_ERR_SF_PROVISION ((etss_err_t)-160)     /* the part refused the provisioning */
/* The part contradicts the host's own record of it: substituted, or the
 * bus lies about it. Nothing was sent to it. */
#define ETSS_ERR_SF_TAMPER ((etss_err_t)-161)

/* Invalid UID */
#define ETSS_INVALID_UID 0u

#ifdef __cplusplus
}
#endif

#endif /* ETSS_DEFS_H */
