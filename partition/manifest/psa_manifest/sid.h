/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS service's id, as TF-M generates it from partition/manifest/etss.yaml
 * into psa_manifest/sid.h (this copy serves builds outside TF-M).
 */
#ifndef ETSS_PSA_MANIFEST_SID_H
#define ETSS_PSA_MANIFEST_SID_H

#define TFM_ETSS_SERVICE_SID (0x00000F10U)
#define TFM_ETSS_SERVICE_VERSION (1U)

#endif /* ETSS_PSA_MANIFEST_SID_H */
