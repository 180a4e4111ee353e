/* SPDX-License-Identifier: BSD-3-Clause */
/* The SFP1 vendor binding (host side), for the vendor table. */
#ifndef ETSS_SFP1_HOST_H
#define ETSS_SFP1_HOST_H

#include "sf_vendor.h"

extern const struct sf_vendor_ops sfp1_vendor_ops;

#endif /* ETSS_SFP1_HOST_H */
