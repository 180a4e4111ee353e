/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What travels in a psa_call to the ETSS service: the call types and the
 * shape of their vectors. Shared by the client API and the request
 * manager; fixed-width fields so that a 32-bit client and the partition
 * agree.
 *
 *   type                     in_vec                          out_vec
 *   ETSS_CALL_PROVISIONING   [message]                       -
 *   ETSS_CALL_SET            [uid u64] [data] [flags u32]    -
 *   ETSS_CALL_GET            [uid u64] [offset u32]          [data]
 *   ETSS_CALL_GET_INFO       [uid u64]                       [psa_storage_info_t]
 *   ETSS_CALL_REMOVE         [uid u64]                       -
 *   ETSS_CALL_GET_PUF        -                               [puf]
 *   ETSS_CALL_RANDOM         -                               [bytes]
 *   ETSS_CALL_MC_INCREMENT   [mc_id u8]                      -
 *   ETSS_CALL_MC_GET         [mc_id u8]                      [value]
 *   ETSS_CALL_LOCK           -                               -
 */
#ifndef ETSS_IPC_DEFS_H
#define ETSS_IPC_DEFS_H

#define ETSS_CALL_PROVISIONING 1001
#define ETSS_CALL_SET 1002
#define ETSS_CALL_GET 1003
#define ETSS_CALL_GET_INFO 1004
#define ETSS_CALL_REMOVE 1005
#define ETSS_CALL_GET_PUF 1006
#define ETSS_CALL_RANDOM 1007
#define ETSS_CALL_MC_INCREMENT 1008
#define ETSS_CALL_MC_GET 1009
#define ETSS_CALL_LOCK 1010

/* The service's version (psa_connect). */
#define ETSS_SERVICE_VERSION 1u

#endif /* ETSS_IPC_DEFS_H */
