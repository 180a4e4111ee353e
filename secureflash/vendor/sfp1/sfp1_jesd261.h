/* SPDX-License-Identifier: BSD-3-Clause */
/* SFP1's sub-steps under the JESD261 HAL, for the HAL's vendor table. */
#ifndef ETSS_SFP1_JESD261_H
#define ETSS_SFP1_JESD261_H

#include "jesd261_hal.h"

extern const struct jesd261_vendor_steps sfp1_jesd261_steps;

#endif /* ETSS_SFP1_JESD261_H */
