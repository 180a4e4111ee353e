/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SFP1, the secure flash protocol of docs/secure-flash-protocol.md: the
 * facts both ends share (opcodes, frame layout, codes, labels). The host
 * vendor layer and the device model each include this one header.
 */
#ifndef ETSS_SFP1_PROTOCOL_H
#define ETSS_SFP1_PROTOCOL_H

#include <stdint.h>

/* Transport (section 2). */
#define SFP1_OP_SECURE_WRITE 0xB1u
#define SFP1_OP_SECURE_READ 0xB2u
#define SFP1_SECURE_READ_HEADER_LEN 4u /* opcode, offset (u16 BE), dummy */

/* Frames (section 3). */
#define SFP1_VERSION 2u
#define SFP1_HEADER_LEN 12u
#define SFP1_TAG_LEN 16u
/* A PROGRAM of SFP1_MAX_PROGRAM bytes, a READ of SFP1_MAX_READ and a sealed
 * provisioning record fit (a multiple of 16: SFDP gives it in 16s). */
#define SFP1_MAX_PAYLOAD 2064u
#define SFP1_MAX_FRAME (SFP1_HEADER_LEN + SFP1_MAX_PAYLOAD + SFP1_TAG_LEN)
#define SFP1_NONCE_LEN 12u
#define SFP1_RESPONSE_BIT 0x80u
#define SFP1_FLAG_ENC 0x01u
#define SFP1_FLAG_AUTH 0x02u
#define SFP1_DIR_HOST_TO_DEVICE 0x01u
#define SFP1_DIR_DEVICE_TO_HOST 0x02u

/* Header field offsets. */
#define SFP1_OFF_VERSION 0u
#define SFP1_OFF_TYPE 1u
#define SFP1_OFF_SESSION 2u
#define SFP1_OFF_FLAGS 3u
#define SFP1_OFF_SEQUENCE 4u
#define SFP1_OFF_LENGTH 8u
#define SFP1_OFF_STATUS 10u
#define SFP1_OFF_RESERVED 11u

/* Lifecycle (section 4). */
#define SFP1_LIFECYCLE_BLANK 0u
#define SFP1_LIFECYCLE_PROVISIONED 1u
#define SFP1_LIFECYCLE_LOCKED 2u

/* Sessions (section 5). */
#define SFP1_NONCE_BYTES 16u /* Nh, Nd */
#define SFP1_ROOT_KEY_LEN 32u
#define SFP1_AEAD_KEY_LEN 16u
#define SFP1_CONFIRM_KEY_LEN 32u
#define SFP1_PROOF_LEN 32u
#define SFP1_KDF_LABEL "ETSS-SFP1"
#define SFP1_KDF_LABEL_LEN 9u
#define SFP1_TRANSCRIPT_LEN (1u + 1u + 4u + 2u * SFP1_NONCE_BYTES)
#define SFP1_OPEN_RESPONSE_LEN (1u + 4u + SFP1_NONCE_BYTES + SFP1_PROOF_LEN)
#define SFP1_MAX_SESSIONS 4u
/* session_max_ops: room for the set-up and a few commands; below 2^31 so
 * that sequence numbers never wrap. */
#define SFP1_MIN_SESSION_OPS 4u
#define SFP1_MAX_SESSION_OPS 0x7FFFFFFFu

/* Status codes (section 7). */
#define SFP1_OK 0x00u
#define SFP1_MALFORMED 0x01u
#define SFP1_AUTH_FAILED 0x02u
#define SFP1_STALE_SEQUENCE 0x03u
#define SFP1_NO_SESSION 0x04u
#define SFP1_ZONE_VIOLATION 0x05u
#define SFP1_POLICY 0x06u
#define SFP1_LIFECYCLE 0x07u
#define SFP1_LOCKED_OUT 0x08u
#define SFP1_COUNTER_LIMIT 0x09u
#define SFP1_INTERNAL_ERROR 0x0Au
#define SFP1_UNSUPPORTED 0x0Bu
#define SFP1_FLASH_FAILURE 0x0Cu

/* Commands (section 8). */
#define SFP1_CMD_GET_INFO 0x01u
#define SFP1_CMD_OPEN 0x02u
#define SFP1_CMD_CONFIRM 0x03u
#define SFP1_CMD_PROVISION 0x04u
#define SFP1_CMD_GET_CERT 0x05u
#define SFP1_CMD_READ 0x10u
#define SFP1_CMD_PROGRAM 0x11u
#define SFP1_CMD_ERASE 0x12u
#define SFP1_CMD_READ_STRIDED 0x13u /* parts of SFDP protocol version 3 (section 10) */
#define SFP1_CMD_COUNTER_READ 0x20u
#define SFP1_CMD_COUNTER_INCREMENT 0x21u
#define SFP1_CMD_RANDOM 0x30u
#define SFP1_CMD_PUF 0x31u
#define SFP1_CMD_UID 0x32u
#define SFP1_CMD_SECURITY_INFO 0x33u
#define SFP1_CMD_REPROVISION 0x3Eu
#define SFP1_CMD_LOCK 0x3Fu
#define SFP1_CMD_CLOSE 0x40u

#define SFP1_MAX_DATA 256u /* RANDOM */
/* READ and PROGRAM (across pages, the part programs them in order): a
 * 1 KiB record and its header in one exchange, one AEAD pass each way. */
#define SFP1_MAX_READ 2048u
#define SFP1_MAX_PROGRAM 2048u

/* Session request payloads (section 7), fields little-endian. */
#define SFP1_REQ_ADDRESS 0u     /* READ, PROGRAM, ERASE: u32 array address */
#define SFP1_REQ_READ_LENGTH 4u /* READ: u16 bytes to read (1..SFP1_MAX_READ) */
#define SFP1_READ_REQUEST_LEN 6u
/* READ_STRIDED: `count` runs of `length` bytes, run i at address + i x stride. */
#define SFP1_REQ_STRIDE 4u         /* u32, at least the length */
#define SFP1_REQ_STRIDED_LENGTH 8u /* u16 bytes of each run */
#define SFP1_REQ_STRIDED_COUNT 10u /* u16 runs; count x length is 1..SFP1_MAX_READ */
#define SFP1_READ_STRIDED_REQUEST_LEN 12u
#define SFP1_REQ_PROGRAM_DATA 4u /* PROGRAM: the data, to the payload's end */
#define SFP1_PROGRAM_REQUEST_MAX (SFP1_REQ_PROGRAM_DATA + SFP1_MAX_PROGRAM)
#define SFP1_ERASE_REQUEST_LEN 4u
#define SFP1_REQ_COUNTER_ID 0u /* COUNTER_READ, COUNTER_INCREMENT: u8 counter id */
#define SFP1_COUNTER_REQUEST_LEN 1u
#define SFP1_COUNTER_RESPONSE_LEN 4u /* u32: the value (after the increment) */
#define SFP1_REQ_RANDOM_LENGTH 0u    /* RANDOM: u16 bytes wanted (1..SFP1_MAX_DATA) */
#define SFP1_RANDOM_REQUEST_LEN 2u
#define SFP1_MAX_PUF_CHALLENGE 64u
#define SFP1_PUF_RESPONSE_LEN 32u
#define SFP1_UID_LEN 16u
#define SFP1_SECTOR_SIZE 4096u
#define SFP1_ADMIN_ZONE 0u /* LOCK and REPROVISION need a session on it */

/* Zone policies. */
#define SFP1_READ_OPEN 0u
#define SFP1_READ_AUTHENTICATED 1u
#define SFP1_READ_ENCRYPTED 2u
#define SFP1_WRITE_OPEN 0u
#define SFP1_WRITE_AUTHENTICATED 1u
#define SFP1_WRITE_READ_ONLY 2u

/* Info (GET_INFO, SECURITY_INFO). */
#define SFP1_INFO_HEADER_LEN 12u
#define SFP1_INFO_ZONE_LEN 12u
#define SFP1_INFO_BINDING_LEN 8u

/* Identity certificate (GET_CERT, section 4): the part's public key and
 * device class, signed at manufacture by its maker's key. */
#define SFP1_CERT_MAGIC "ESCT"
#define SFP1_CERT_VERSION 1u
#define SFP1_CERT_OFF_FEATURES 5u
#define SFP1_CERT_OFF_UID 8u
#define SFP1_CERT_OFF_KEY 24u
#define SFP1_CERT_BODY_LEN (SFP1_CERT_OFF_KEY + 65u)
#define SFP1_CERT_LEN (SFP1_CERT_BODY_LEN + 64u)
/* The HKDF info of a provisioning envelope sealed to the part's key. */
#define SFP1_ENVELOPE_LABEL "ETSS-SFP1 provisioning"
#define SFP1_ENVELOPE_LABEL_LEN 22u

/* Provisioning record. */
#define SFP1_PROV_MAGIC "ESFP"
#define SFP1_PROV_VERSION 1u
#define SFP1_PROV_HEADER_LEN 12u
#define SFP1_PROV_ZONE_LEN 44u
#define SFP1_PROV_ZONE_KEY_OFFSET 12u /* base, size, policies, reserved: then the root key */
#define SFP1_PROV_BINDING_LEN 8u
#define SFP1_MAX_ZONES 8u
#define SFP1_MAX_BINDINGS 16u
#define SFP1_PROV_MAX_LEN                                                                          \
    (SFP1_PROV_HEADER_LEN + SFP1_MAX_ZONES * SFP1_PROV_ZONE_LEN +                                  \
     SFP1_MAX_BINDINGS * SFP1_PROV_BINDING_LEN)
/* PROVISION and REPROVISION carry the record sealed: ephemeral key || record || tag. */
#define SFP1_ENVELOPE_OVERHEAD (65u + 16u)

/* SFDP vendor table (section 10). */
#define SFP1_SFDP_ID 0x01C2u
#define SFP1_SFDP_DWORDS 4u
#define SFP1_SFDP_SIGNATURE 0x31465345u /* "ESF1" */
/* DWORD 2 bits 7:0: the frame version, SFP1_VERSION, or the protocol
 * version that adds READ_STRIDED to it (frames unchanged). */
#define SFP1_SFDP_STRIDED_VERSION 3u
#define SFP1_FEATURE_ZONES 0x01u
#define SFP1_FEATURE_COUNTERS 0x02u
#define SFP1_FEATURE_TRNG 0x04u
#define SFP1_FEATURE_PUF 0x08u
#define SFP1_FEATURE_UID 0x10u
#define SFP1_FEATURE_CONFIDENTIALITY 0x20u
#define SFP1_FEATURE_AUTHENTICATION 0x40u
#define SFP1_AEAD_AES128_GCM 1u
#define SFP1_KDF_HKDF_SHA256 1u
/* DWORD 4 bits 23:16 and 31:24: a frame's typical processing time, in us,
 * and what it adds per 256 bytes of command and response, in us (0: not
 * announced). */
#define SFP1_SFDP_FRAME_US_SHIFT 16u
#define SFP1_SFDP_PER_256_US_SHIFT 24u

#endif /* ETSS_SFP1_PROTOCOL_H */
