/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SPI NOR command set, status bits and SFDP (JESD216) layout.
 *
 * These are facts of the bus protocol shared by the host driver and the
 * device model; both include this one header so they cannot drift apart.
 */
#ifndef ETSS_SPI_NOR_DEFS_H
#define ETSS_SPI_NOR_DEFS_H

#include <stdint.h>

/* Standard single-lane command set, 3-byte addressing. */
#define SPI_NOR_OP_PP 0x02u
#define SPI_NOR_OP_READ 0x03u
#define SPI_NOR_OP_WRDI 0x04u
#define SPI_NOR_OP_RDSR 0x05u
#define SPI_NOR_OP_WREN 0x06u
#define SPI_NOR_OP_FAST_READ 0x0Bu
#define SPI_NOR_OP_SE 0x20u     /* 4 KiB sector erase */
#define SPI_NOR_OP_RDSCUR 0x2Bu /* Macronix-style security register: program/erase fail flags */
#define SPI_NOR_OP_CLSR 0x30u   /* clear the fail flags */
#define SPI_NOR_OP_BE32K 0x52u
#define SPI_NOR_OP_RDSFDP 0x5Au
#define SPI_NOR_OP_CE_60 0x60u
#define SPI_NOR_OP_RSTEN 0x66u
#define SPI_NOR_OP_RST 0x99u
#define SPI_NOR_OP_RDID 0x9Fu
#define SPI_NOR_OP_CE 0xC7u
#define SPI_NOR_OP_BE 0xD8u /* 64 KiB block erase */

#define SPI_NOR_ADDR_BYTES 3u
#define SPI_NOR_MAX_SIZE (1ul << 24) /* the reach of 3-byte addressing */
#define SPI_NOR_DUMMY_FAST_READ 1u   /* dummy bytes after the address */
#define SPI_NOR_DUMMY_RDSFDP 1u

/* Status register (RDSR). */
#define SPI_NOR_SR_WIP 0x01u
#define SPI_NOR_SR_WEL 0x02u

/* Security register (RDSCUR): sticky until CLSR, reset or power cycle. */
#define SPI_NOR_SCUR_SEC_VIOLATION 0x08u /* a plain command was refused by a secure zone */
#define SPI_NOR_SCUR_P_FAIL 0x20u
#define SPI_NOR_SCUR_E_FAIL 0x40u

#define SPI_NOR_ERASED_BYTE 0xFFu

/* SFDP header and parameter headers (JESD216). */
#define SFDP_SIGNATURE 0x50444653u /* "SFDP" read little-endian */
#define SFDP_HEADER_LEN 8u
#define SFDP_PARAM_HEADER_LEN 8u
#define SFDP_MAX_PARAM_HEADERS 256u
#define SFDP_REV_MAJOR 1u
#define SFDP_REV_MINOR 6u /* JESD216B */
#define SFDP_ACCESS_PROTOCOL_LEGACY 0xFFu

/* A parameter id is (MSB << 8) | LSB; JEDEC-defined tables have MSB 0xFF. */
#define SFDP_ID_BFPT 0xFF00u
#define SFDP_ID_RPMC 0xFF03u
#define SFDP_ID_VENDOR(manufacturer_id) ((uint16_t)(0x0100u | (manufacturer_id)))

/* Basic Flash Parameter Table: 16 DWORDs in JESD216B. */
#define SFDP_BFPT_DWORDS 16u
#define SFDP_BFPT_MIN_DWORDS 9u /* JESD216 (rev A) length: density and erase types */
#define SFDP_MAX_TABLE_DWORDS 64u

/* DWORD 1 */
#define BFPT_DW1_ERASE_4K_SUPPORTED 0x1u /* bits 1:0 == 01 */
#define BFPT_DW1_WRITE_GRANULARITY_64 (1u << 2)
#define BFPT_DW1_ERASE_4K_OPCODE_SHIFT 8u
#define BFPT_DW1_ADDR_BYTES_SHIFT 17u /* 00: 3-byte only */
/* DWORD 2: density; bit 31 clear means bits 30:0 hold (size in bits) - 1. */
#define BFPT_DW2_DENSITY_POW2 0x80000000u
/* DWORDs 8 and 9: erase types 1..4, each (size exponent, opcode). */
#define BFPT_DW_ERASE_TYPES 8u
/* DWORD 10: erase typical times and the typical-to-max multiplier. */
#define BFPT_DW_ERASE_TIMES 10u
/* DWORD 11: page size, page program and chip erase times. */
#define BFPT_DW_PROGRAM_TIMES 11u

/* Erase type typical time field (7 bits): count in bits 4:0, unit in 6:5. */
#define BFPT_ERASE_TIME_UNIT_1MS 0u
#define BFPT_ERASE_TIME_UNIT_16MS 1u
#define BFPT_ERASE_TIME_UNIT_128MS 2u
#define BFPT_ERASE_TIME_UNIT_1S 3u
/* Chip erase typical time field: count in bits 28:24, unit in 30:29. */
#define BFPT_CE_TIME_UNIT_16MS 0u
#define BFPT_CE_TIME_UNIT_256MS 1u
#define BFPT_CE_TIME_UNIT_4S 2u
#define BFPT_CE_TIME_UNIT_64S 3u

#endif /* ETSS_SPI_NOR_DEFS_H */
