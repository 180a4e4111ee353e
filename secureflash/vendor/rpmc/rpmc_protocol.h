/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * RPMC, the JEDEC serial-flash Replay Protected Monotonic Counter
 * (JESD260, announced through the JESD216 SFDP RPMC parameter table): the
 * facts both ends share (opcodes, command layouts, status bits, the SFDP
 * table). The host driver and the device model each include this one
 * header; docs/rpmc.md describes the protocol.
 */
#ifndef ETSS_RPMC_PROTOCOL_H
#define ETSS_RPMC_PROTOCOL_H

#include <stdint.h>

/* Default opcodes (the SFDP table announces the real ones). */
#define RPMC_OP1_DEFAULT 0x9Bu /* OP1: a command, written in one transaction */
#define RPMC_OP2_DEFAULT 0x96u /* OP2: dummy byte, then the extended status and data */

/* OP1 command types. */
#define RPMC_CMD_WRITE_ROOT_KEY 0x00u
#define RPMC_CMD_UPDATE_HMAC_KEY 0x01u
#define RPMC_CMD_INCREMENT_COUNTER 0x02u
#define RPMC_CMD_REQUEST_COUNTER 0x03u

/* Field sizes. Multi-byte numbers (counter data) are big-endian. */
#define RPMC_HEADER_LEN 4u /* opcode, command type, counter address, reserved (0) */
#define RPMC_ROOT_KEY_LEN 32u
#define RPMC_HMAC_KEY_LEN 32u
#define RPMC_KEY_DATA_LEN 4u
#define RPMC_COUNTER_LEN 4u
#define RPMC_TAG_LEN 12u
#define RPMC_SIGNATURE_LEN 32u
/* Write Root Key carries the last 28 bytes of HMAC(root key, header). */
#define RPMC_TRUNCATED_SIG_LEN 28u
#define RPMC_TRUNCATED_SIG_SKIP (RPMC_SIGNATURE_LEN - RPMC_TRUNCATED_SIG_LEN)

/* OP1 message lengths, the opcode included. */
#define RPMC_LEN_WRITE_ROOT_KEY (RPMC_HEADER_LEN + RPMC_ROOT_KEY_LEN + RPMC_TRUNCATED_SIG_LEN)
#define RPMC_LEN_UPDATE_HMAC_KEY (RPMC_HEADER_LEN + RPMC_KEY_DATA_LEN + RPMC_SIGNATURE_LEN)
#define RPMC_LEN_INCREMENT (RPMC_HEADER_LEN + RPMC_COUNTER_LEN + RPMC_SIGNATURE_LEN)
#define RPMC_LEN_REQUEST (RPMC_HEADER_LEN + RPMC_TAG_LEN + RPMC_SIGNATURE_LEN)
#define RPMC_MAX_OP1_LEN RPMC_LEN_WRITE_ROOT_KEY

/* OP2: opcode and one dummy byte, then this answer. */
#define RPMC_OP2_HEADER_LEN 2u
#define RPMC_OP2_OFF_STATUS 0u
#define RPMC_OP2_OFF_TAG 1u
#define RPMC_OP2_OFF_COUNTER (RPMC_OP2_OFF_TAG + RPMC_TAG_LEN)
#define RPMC_OP2_OFF_SIGNATURE (RPMC_OP2_OFF_COUNTER + RPMC_COUNTER_LEN)
#define RPMC_OP2_ANSWER_LEN (RPMC_OP2_OFF_SIGNATURE + RPMC_SIGNATURE_LEN)

/*
 * Extended status (first OP2 byte), as JESD260 assigns it (and flashrom
 * reads it). 0x00 after power-up or reset, 0x80 after a command that
 * succeeded, the error bits alone after one that failed.
 */
#define RPMC_ST_BUSY 0x01u /* 1 while busy (the busy-poll method "OP2") */
/* Root key register: overwrite attempt, truncated signature mismatch
 * (Write Root Key), or no root key yet (Update HMAC Key). */
#define RPMC_ST_ROOT_KEY 0x02u
/* Signature mismatch, counter address out of range, unknown command type,
 * wrong payload size or a non-zero reserved byte. */
#define RPMC_ST_BAD_REQUEST 0x04u
#define RPMC_ST_HMAC_KEY_UNINIT 0x08u  /* no HMAC key for this counter since reset */
#define RPMC_ST_COUNTER_MISMATCH 0x10u /* Increment: counter data is not the current value */
#define RPMC_ST_FATAL 0x20u /* the part could not do it (counter at its maximum, NV fail) */
#define RPMC_ST_SUCCESS 0x80u

#define RPMC_COUNTER_MAX 0xFFFFFFFFu

/* ---- SFDP RPMC parameter table (JESD216), 2 DWORDs, ID 0xFF03 rev 1.0 ---- */
#define RPMC_SFDP_ID 0xFF03u /* parameter ID MSB 0xFF, LSB 0x03 */
#define RPMC_SFDP_REV_MAJOR 1u
#define RPMC_SFDP_DWORDS 2u
#define RPMC_MAX_COUNTERS 16u /* a 4-bit "counters - 1" field */

/* DWORD 1 */
#define RPMC_SFDP_NOT_SUPPORTED 0x00000001u  /* bit 0: 0 = RPMC / flash hardening supported */
#define RPMC_SFDP_COUNTER_NOT_32 0x00000002u /* bit 1: 0 = 32-bit counters */
#define RPMC_SFDP_POLL_RDSR 0x00000004u      /* bit 2: 0 = poll OP2 busy bit, 1 = poll RDSR WIP */
#define RPMC_SFDP_RESERVED1 0x00000008u      /* bit 3: reserved, 1 */
#define RPMC_SFDP_COUNTERS_SHIFT 4u          /* bits 7:4: number of counters - 1 */
#define RPMC_SFDP_OP1_SHIFT 8u               /* bits 15:8 */
#define RPMC_SFDP_OP2_SHIFT 16u              /* bits 23:16 */
#define RPMC_SFDP_RATE_SHIFT 24u             /* bits 27:24: update rate 5 * 2^n seconds */
#define RPMC_SFDP_RESERVED_RATE 0xF0000000u  /* bits 31:28: reserved, 1s */
/* DWORD 2: read counter polling delay (byte 0), write counter polling
 * short delay (byte 1) and long delay (byte 2), byte 3 reserved 0xFF.
 * Each delay byte: bits 4:0 count, bits 6:5 unit. */
#define RPMC_SFDP_RESERVED_DW2 0xFF000000u
#define RPMC_DELAY_COUNT_MASK 0x1Fu
#define RPMC_DELAY_UNIT_SHIFT 5u
/* Units in us: short delays 1 us, 16 us, 128 us, 1 ms; long delays 1 ms,
 * 16 ms, 128 ms, 1 s. */
#define RPMC_SHORT_UNITS_US                                                                        \
    {                                                                                              \
        1u, 16u, 128u, 1000u                                                                       \
    }
#define RPMC_LONG_UNITS_US                                                                         \
    {                                                                                              \
        1000u, 16000u, 128000u, 1000000u                                                           \
    }

#endif /* ETSS_RPMC_PROTOCOL_H */
