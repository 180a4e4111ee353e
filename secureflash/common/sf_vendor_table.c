/* SPDX-License-Identifier: BSD-3-Clause */
/* The vendor bindings this build knows, in the order discovery tries them. */
#include "jesd261_binding.h"
#include "rpmc_binding.h"
#include "sf_device.h"
#include "sfp1_host.h"

/* ETSS_SFP1_VIA_JESD261 (a build setting): SFP1 parts through the JESD261
 * HAL and SFP1's sub-steps instead of the direct SFP1 binding. */
const struct sf_vendor_ops *const sf_vendor_bindings[] = {
#ifdef ETSS_SFP1_VIA_JESD261
    &jesd261_vendor_ops, /* first: a part with both tables is a secure flash */
#else
    &sfp1_vendor_ops,
#endif
    &rpmc_vendor_ops,
};

const size_t sf_vendor_binding_count = sizeof(sf_vendor_bindings) / sizeof(sf_vendor_bindings[0]);
