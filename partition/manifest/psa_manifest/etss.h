/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS partition's signals, as TF-M generates them from
 * partition/manifest/etss.yaml into psa_manifest/etss.h (this copy serves
 * builds outside TF-M). Bits 0..3 are reserved by FF-M.
 */
#ifndef ETSS_PSA_MANIFEST_ETSS_H
#define ETSS_PSA_MANIFEST_ETSS_H

#define TFM_ETSS_SERVICE_SIGNAL (1U << 4)

#endif /* ETSS_PSA_MANIFEST_ETSS_H */
