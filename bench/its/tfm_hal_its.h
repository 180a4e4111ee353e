/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What its_flash.h takes from the platform's HAL in TF-M: the program unit
 * of the ITS flash (a serial NOR programs single bytes). The benchmark
 * hands the filesystem its flash operations itself (engine_its.c), so no
 * CMSIS flash driver is named.
 */
#ifndef ETSS_BENCH_TFM_HAL_ITS_H
#define ETSS_BENCH_TFM_HAL_ITS_H

#define TFM_HAL_ITS_PROGRAM_UNIT 1

#endif /* ETSS_BENCH_TFM_HAL_ITS_H */
