/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS partition's id, as TF-M generates it from the manifest list
 * (partition/manifest/etss_manifest_list.yaml) into psa_manifest/pid.h
 * (this copy serves builds outside TF-M).
 */
#ifndef ETSS_PSA_MANIFEST_PID_H
#define ETSS_PSA_MANIFEST_PID_H

#define TFM_SP_ETSS (445)

#endif /* ETSS_PSA_MANIFEST_PID_H */
