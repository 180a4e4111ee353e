/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Trust store in TF-M's Internal Trusted Storage: the host's part records
 * (sf_device.h) where a TF-M board keeps them, one ITS asset per secure
 * flash instance, owned by the ETSS partition (ITS separates its assets by
 * partition, so no other partition can read or replace them). A record
 * never written reads as all zero: a part this host never provisioned.
 */
#ifndef ETSS_TRUST_ITS_H
#define ETSS_TRUST_ITS_H

#include "sf_device.h"

/* The ITS uid of instance i's record is ETSS_TRUST_ITS_UID_BASE + i. */
#define ETSS_TRUST_ITS_UID_BASE 0x45545353u /* "ETSS" */

/* The store's operations (struct sf_trust.store). */
const struct sf_trust_store *etss_trust_its(void);

#endif /* ETSS_TRUST_ITS_H */
