/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The TF-M configuration the ITS flash filesystem is compiled with in the
 * benchmark: TF-M 2.1.5's defaults (Kconfig.comp), metadata validated on
 * every read from flash, no encryption.
 */
#ifndef ETSS_BENCH_CONFIG_TFM_H
#define ETSS_BENCH_CONFIG_TFM_H

#define ITS_VALIDATE_METADATA_FROM_FLASH 1
#define ITS_MAX_ASSET_SIZE 4096
#define ITS_RAM_FS 0

#endif /* ETSS_BENCH_CONFIG_TFM_H */
