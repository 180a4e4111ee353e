/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS suites inside TF-M's test framework (tf-m-tests): a suite of
 * suites/etss/, unchanged, registers as one TF-M test suite. Its main is
 * compiled as etss_tfm_suite_main; its test_run() call hands the case
 * table over instead of running it, and TF-M's framework then runs each
 * case, reporting the first failed check of the case as TF-M's failure.
 */
#ifndef ETSS_TFM_HARNESS_H
#define ETSS_TFM_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "psa/client.h"

#include "test_framework.h"
#include "test_harness.h"

/* The suite's main(), renamed by the build. */
int etss_tfm_suite_main(void);

/* Fill `p_test_suite` with the cases of the suite etss_tfm_suite_main()
 * hands over, then `extra` (cases only TF-M can run: what its SPM
 * enforces), under `name`. */
void etss_tfm_register(const char *name, const struct test_case *extra, size_t n_extra,
                       struct test_suite_t *p_test_suite);

/* The secure environment's psa_connect() for the client API, whose calls
 * the build renames: ETSS itself, or the peer partition of the client the
 * suite calls as (suites/etss/tfm/secure). */
psa_handle_t etss_tfm_s_connect(uint32_t sid, uint32_t version);

/* Called after every case: the environment puts back what a case may have
 * changed (the NS image: its client id). Each environment defines it. */
void etss_tfm_case_end(void);

#endif /* ETSS_TFM_HARNESS_H */
