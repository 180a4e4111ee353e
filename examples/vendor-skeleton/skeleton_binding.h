/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A vendor binding to start a new chip from (docs/vendor-binding.md): the
 * shape of every operation of the vendor contract (sf_vendor.h), with the
 * rules the common layer relies on written where they apply. Its probe is
 * complete: it looks for the chip's own SFDP parameter table and answers
 * SF_ERR_NO_DEVICE on any other part, so discovery moves on. The protocol
 * itself (the chip's commands) is the part to write: until then every
 * other operation answers SF_ERR_NOT_SUPPORTED, and no device comes up on
 * this binding.
 */
#ifndef ETSS_SKELETON_BINDING_H
#define ETSS_SKELETON_BINDING_H

#include "sf_vendor.h"

/* The chip's SFDP parameter table id (a JEDEC-assigned vendor id in a real
 * binding; this one is unassigned). */
#define SKELETON_SFDP_ID 0x01FEu

extern const struct sf_vendor_ops skeleton_vendor_ops;

#endif /* ETSS_SKELETON_BINDING_H */
