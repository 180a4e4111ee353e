/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The JESD261 HAL as a vendor binding: every operation of the common
 * layer is one HAL call, so the common layer, the API layer and the
 * partition serve a part through the HAL without knowing it. With it, the
 * vendors this build's HAL knows: a library of its own above the HAL and
 * the vendors' sub-steps, so that neither refers up to the other.
 */
#include "jesd261_binding.h"
#include "jesd261_hal.h"
#include "sfp1_jesd261.h"

/* The vendors the HAL knows, in the order secure init tries them. */
static const struct jesd261_vendor_steps *const vendors[] = {
    &sfp1_jesd261_steps,
};

static int hal_probe(struct sf_vendor_ctx *vc)
{
    return jesd261_secure_init(vc, vendors, sizeof(vendors) / sizeof(vendors[0]));
}

static int hal_get_info(struct sf_vendor_ctx *vc, struct sf_info *info)
{
    return jesd261_get_region_info(vc, NULL, info);
}

static int hal_security_info(struct sf_vendor_ctx *vc, struct sf_session *s, struct sf_info *info)
{
    return jesd261_get_region_info(vc, s, info);
}

static int hal_provision(struct sf_vendor_ctx *vc, const uint8_t *record, size_t len)
{
    return jesd261_manage_region(vc, NULL, JESD261_REGIONS_PROVISION, record, len);
}

static int hal_reprovision(struct sf_vendor_ctx *vc, struct sf_session *s, const uint8_t *record,
                           size_t len)
{
    return jesd261_manage_region(vc, s, JESD261_REGIONS_REPROVISION, record, len);
}

static int hal_lock(struct sf_vendor_ctx *vc, struct sf_session *s)
{
    return jesd261_manage_region(vc, s, JESD261_REGIONS_LOCK, NULL, 0u);
}

static int hal_read(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr, void *buf,
                    size_t len)
{
    return jesd261_secure_read(vc, s, addr, buf, len);
}

static int hal_program(struct sf_vendor_ctx *vc, struct sf_session *s, uint32_t addr,
                       const void *data, size_t len)
{
    return jesd261_secure_program(vc, s, addr, data, len);
}

static int hal_counter_read(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t id,
                            uint32_t *value)
{
    return jesd261_counter(vc, s, false, id, value);
}

static int hal_counter_increment(struct sf_vendor_ctx *vc, struct sf_session *s, uint8_t id,
                                 uint32_t *value)
{
    return jesd261_counter(vc, s, true, id, value);
}

static int hal_random(struct sf_vendor_ctx *vc, struct sf_session *s, void *buf, size_t len)
{
    return jesd261_random(vc, s, buf, len);
}

const struct sf_vendor_ops jesd261_vendor_ops = {
    .name = "jesd261",
    .probe = hal_probe,
    .get_info = hal_get_info,
    .identity = jesd261_get_identity,
    .seal_provisioning = jesd261_seal_provisioning,
    .provision = hal_provision,
    .reprovision = hal_reprovision,
    .session_open = jesd261_create_session,
    .session_close = jesd261_terminate_session,
    .read = hal_read,
    .program = hal_program,
    .erase = jesd261_secure_erase,
    .counter_read = hal_counter_read,
    .counter_increment = hal_counter_increment,
    .random = hal_random,
    .puf = jesd261_puf,
    .uid = jesd261_uid,
    .security_info = hal_security_info,
    .lock = hal_lock,
    .release = jesd261_secure_uninit,
    .max_data = JESD261_MAX_DATA,
};
