/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RPMC driver as a vendor binding of the secure flash framework: a
 * part that offers monotonic counters and nothing else (docs/rpmc.md).
 */
#ifndef ETSS_RPMC_BINDING_H
#define ETSS_RPMC_BINDING_H

#include "sf_vendor.h"

extern const struct sf_vendor_ops rpmc_vendor_ops;

#endif /* ETSS_RPMC_BINDING_H */
