/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Inside the test board of the ETSS suites' TF-M image: the door's half
 * that runs a suite in the partition (etss_tfm_door_suite.c), and what it
 * asks of the board (etss_tfm_test_board.c).
 */
#ifndef ETSS_TFM_BOARD_H
#define ETSS_TFM_BOARD_H

#include "psa/service.h"

/* The board's own parts go, their memory the suite's; the setters of
 * etss_host.h then describe the suite's parts. */
void etss_tfm_board_for_suite(void);

/* The reliability suite's main() (its build renames it, and includes this
 * header first). */
int etss_tfm_reliability_main(void);

/* The printf of the suite run in the partition (its build renames it): into
 * the running case's output. */
int etss_tfm_door_printf(const char *format, ...);

/* ETSS_DOOR_SUITE_CASES, _NAME and _RUN (etss_tfm_door.h). */
psa_status_t etss_tfm_door_suite_call(const psa_msg_t *msg);

#endif /* ETSS_TFM_BOARD_H */
