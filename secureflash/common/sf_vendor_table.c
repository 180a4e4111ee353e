/* The vendor bindings this build knows, in the order discovery tries them. */
#include "sf_device.h"
#include "rpmc_binding.h"
#include "sfp1_host.h"

const struct sf_vendor_ops *const sf_vendor_bindings[] = {
    &sfp1_vendor_ops, /* first: a part with both tables is a secure flash */
    &rpmc_vendor_ops,
};

const size_t sf_vendor_binding_count = sizeof(sf_vendor_bindings) / sizeof(sf_vendor_bindings[0]);
