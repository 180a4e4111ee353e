/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test-only back doors into the secure flash model, for states a test
 * cannot reach through the bus in reasonable time. Not part of the device.
 */
#ifndef ETSS_SF_MODEL_TESTING_H
#define ETSS_SF_MODEL_TESTING_H

#include <stdint.h>

#include "devmodel/sf_model.h"

/* Set monotonic counter `id` as if it had been incremented to `value`
 * (persisted; the NV write's busy time is let pass). */
void sf_model_test_set_counter(sf_model_t *sf, uint8_t id, uint32_t value);

#endif /* ETSS_SF_MODEL_TESTING_H */
