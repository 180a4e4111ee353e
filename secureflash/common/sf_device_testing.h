/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * For tests only: what they need of a device that the partition never
 * does. Only tests include this header (and sf_device.c, which defines
 * what it declares).
 */
#ifndef ETSS_SF_DEVICE_TESTING_H
#define ETSS_SF_DEVICE_TESTING_H

#include "sf_device.h"

/* The device as its binding sees it (sf_vendor.h), refreshed now: for
 * tests that drive a binding's operations directly. NULL for NULL. */
struct sf_vendor_ctx *sf_device_vendor_view(struct sf_device *dev);

#endif /* ETSS_SF_DEVICE_TESTING_H */
