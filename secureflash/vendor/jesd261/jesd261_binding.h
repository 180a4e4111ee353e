/* SPDX-License-Identifier: BSD-3-Clause */
/* The JESD261 HAL as a vendor binding of the common layer. */
#ifndef ETSS_JESD261_BINDING_H
#define ETSS_JESD261_BINDING_H

#include "sf_vendor.h"

extern const struct sf_vendor_ops jesd261_vendor_ops;

#endif /* ETSS_JESD261_BINDING_H */
