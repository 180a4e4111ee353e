/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The skeleton binding keeps to the contract a new binding starts from:
 * every required operation is there, its probe passes over a part without
 * its SFDP table (discovery moves on), and recognises one with it.
 */
#include "devmodel/model_spi.h"
#include "devmodel/nor_model.h"
#include "sf_device.h"
#include "skeleton_binding.h"
#include "test_harness.h"

static const uint32_t skeleton_table[2] = {0x000000A5u, 0u};

/* Discovery with the skeleton alone on a NOR model, into *rc. */
static void discover_on(bool with_table, int *rc)
{
    static struct sf_device dev;
    static struct model_spi bus;
    struct nor_model_config cfg;
    enum nor_model_status st;
    sf_key_t huk = SF_KEY_NONE;
    static const uint8_t huk_bytes[32] = {1, 2, 3};
    nor_model_default_config(&cfg);
    if (with_table) {
        cfg.extra_sfdp[0] = (struct nor_model_sfdp_table){
            .id = SKELETON_SFDP_ID, .rev_major = 1, .dwords = skeleton_table, .n_dwords = 2};
        cfg.n_extra_sfdp = 1;
    }
    nor_model_t *nor = nor_model_create(&cfg, &st);
    CHECK(nor != NULL);
    CHECK_EQ(sf_crypto_init(), SF_OK);
    CHECK_EQ(sf_crypto_import(SF_KEY_HKDF_SECRET, huk_bytes, sizeof(huk_bytes), &huk), SF_OK);
    *rc = sf_device_init_with(&dev, model_spi_bind(&bus, nor), huk, 0u, &skeleton_vendor_ops);
    sf_crypto_destroy(&huk);
    nor_model_destroy(nor);
}

static void test_every_required_operation_is_there(void)
{
    const struct sf_vendor_ops *v = &skeleton_vendor_ops;
    CHECK(v->name != NULL);
    CHECK(v->probe != NULL);
    CHECK(v->get_info != NULL);
    CHECK(v->seal_provisioning != NULL);
    CHECK(v->provision != NULL);
    CHECK(v->session_open != NULL);
    CHECK(v->session_close != NULL);
    CHECK(v->security_info != NULL);
    CHECK(v->max_data > 0u);
}

static void test_a_part_without_its_table_is_not_its_own(void)
{
    int rc = SF_OK;
    CHECK_HELPER(discover_on(false, &rc));
    CHECK_EQ(rc, SF_ERR_NO_DEVICE);
}

static void test_a_part_with_its_table_is_recognised_and_not_served_yet(void)
{
    /* Probe passes; the description it cannot fetch yet stops the device. */
    int rc = SF_OK;
    CHECK_HELPER(discover_on(true, &rc));
    CHECK_EQ(rc, SF_ERR_NOT_SUPPORTED);
}

int main(void)
{
    static const struct test_case cases[] = {
        TEST_CASE(test_every_required_operation_is_there),
        TEST_CASE(test_a_part_without_its_table_is_not_its_own),
        TEST_CASE(test_a_part_with_its_table_is_recognised_and_not_served_yet),
    };
    return test_run("skeleton_binding", cases, sizeof(cases) / sizeof(cases[0]));
}
