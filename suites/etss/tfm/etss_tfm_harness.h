/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS suites inside TF-M's test framework (tf-m-tests): suites of
 * suites/etss/, unchanged, register as one TF-M test suite. Each main is
 * compiled under a name of its own; its test_run() call hands the case
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

/* One suite of suites/etss/ in a TF-M image: its main(), renamed by the
 * build, and the names of its cases this image leaves out (NULL-terminated,
 * or NULL), each for a reason its environment states. */
struct etss_tfm_part {
    int (*main)(void);
    const char *const *left_out;
};

/* Fill `p_test_suite`, under `name`, with the cases of `parts` in order,
 * then `extra` (cases only TF-M can run: what its SPM enforces). */
void etss_tfm_register(const char *name, const struct etss_tfm_part *parts, size_t n_parts,
                       const struct test_case *extra, size_t n_extra,
                       struct test_suite_t *p_test_suite);

/* The environment's hooks: part `i` is about to register its cases (its
 * main() runs), and its first case is about to run, which fails when this
 * answers non-zero (with test_fail()'s reason). */
void etss_tfm_part_select(size_t i);
int etss_tfm_part_start(size_t i);

/* The secure environment's psa_connect() for the client API, whose calls
 * the build renames: ETSS itself, or the peer partition of the client the
 * suite calls as (suites/etss/tfm/secure). */
psa_handle_t etss_tfm_s_connect(uint32_t sid, uint32_t version);

/* Called after every case: the environment puts back what a case may have
 * changed (the NS image: its client id). Each environment defines it. */
void etss_tfm_case_end(void);

#endif /* ETSS_TFM_HARNESS_H */
