/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The common layer's own rules, through the fake vendor binding
 * (harness/fake_vendor.h) on a NOR model's bus: what it retries and what it
 * never repeats, when it renews a session, which session it gives up when
 * every slot is taken, which descriptions it believes, and what it counts.
 */
#include <string.h>

#include "devmodel/model_spi.h"
#include "devmodel/nor_model.h"
#include "fake_vendor.h"
#include "sf_device.h"
#include "sf_trust_ram.h"
#include "test_harness.h"

#define ZONES 5u /* one more than the session slots */

static nor_model_t *nor;
static struct model_spi bus;
static struct sf_device dev;
static sf_key_t huk = SF_KEY_NONE;
static struct sf_trust_ram trusted;
static struct sf_trust trust;

/* A device on the fake part, provisioned by this host, with no session. */
static void up(void)
{
    struct nor_model_config cfg;
    enum nor_model_status st;
    uint8_t huk_bytes[32];
    static const uint8_t record[] = {1u};
    fake_part_reset(ZONES);
    if (nor == NULL) {
        nor_model_default_config(&cfg);
        nor = nor_model_create(&cfg, &st);
        CHECK(nor != NULL);
    }
    for (size_t i = 0; i < sizeof(huk_bytes); i++) {
        huk_bytes[i] = (uint8_t)(i * 11u + 3u);
    }
    CHECK_EQ(sf_crypto_init(), SF_OK);
    sf_crypto_destroy(&huk);
    CHECK_EQ(sf_crypto_import(SF_KEY_HKDF_SECRET, huk_bytes, sizeof(huk_bytes), &huk), SF_OK);
    CHECK_EQ(sf_device_init_with(&dev, model_spi_bind(&bus, nor), huk, 0u, &fake_vendor_ops),
             SF_OK);
    sf_trust_ram_init(&trusted);
    trust.maker_key = NULL; /* the fake part has no identity to certify */
    trust.store = &trusted.store;
    CHECK_EQ(sf_device_set_trust(&dev, &trust), SF_OK);
    CHECK_EQ(sf_device_provision(&dev, record, sizeof(record)), SF_OK);
    CHECK(sf_device_provisioned(&dev));
    sf_device_drop_sessions(&dev);
}

static void test_a_read_is_retried_once_on_a_new_session_after_a_communication_failure(void)
{
    uint8_t buf[16];
    CHECK_HELPER(up());
    CHECK_EQ(sf_device_read(&dev, 1u, 0u, buf, sizeof(buf)), SF_OK);
    uint32_t reads = fake_part.calls[FAKE_READ];
    size_t opened = fake_part.n_opened;
    struct sf_device_stats before = dev.stats;
    fake_force(FAKE_READ, SF_ERR_COMM, 1u);
    CHECK_EQ(sf_device_read(&dev, 1u, 0u, buf, sizeof(buf)), SF_OK);
    CHECK_EQ(fake_part.calls[FAKE_READ], reads + 2u);
    CHECK_EQ(fake_part.n_opened, opened + 1u); /* the failed session was not used again */
    CHECK_EQ(dev.stats.retries, before.retries + 1u);
    CHECK_EQ(dev.stats.comm_failures, before.comm_failures + 1u);
    /* Twice in a row: one retry only, and the failure is the caller's. */
    fake_force(FAKE_READ, SF_ERR_COMM, 2u);
    CHECK_EQ(sf_device_read(&dev, 1u, 0u, buf, sizeof(buf)), SF_ERR_COMM);
    CHECK_EQ(fake_part.calls[FAKE_READ], reads + 4u);
    CHECK_EQ(dev.stats.comm_failures, before.comm_failures + 3u);
    /* Other failures are answers, not accidents: never retried. */
    fake_force(FAKE_READ, SF_ERR_DENIED, 1u);
    CHECK_EQ(sf_device_read(&dev, 1u, 0u, buf, sizeof(buf)), SF_ERR_DENIED);
    CHECK_EQ(fake_part.calls[FAKE_READ], reads + 5u);
}

static void test_an_increment_or_a_lock_is_never_sent_twice(void)
{
    uint32_t value = 0;
    CHECK_HELPER(up());
    fake_force(FAKE_COUNTER_INCREMENT, SF_ERR_COMM, 1u);
    CHECK_EQ(sf_device_counter_increment(&dev, 1u, 2u, &value), SF_ERR_COMM);
    CHECK_EQ(fake_part.calls[FAKE_COUNTER_INCREMENT], 1u);
    fake_force(FAKE_LOCK, SF_ERR_COMM, 1u);
    CHECK_EQ(sf_device_lock(&dev, SF_ADMIN_ZONE), SF_ERR_COMM);
    CHECK_EQ(fake_part.calls[FAKE_LOCK], 1u);
    CHECK_EQ(fake_part.info.lifecycle, SF_LIFECYCLE_PROVISIONED);
    /* A session that failed to open sent nothing: the increment goes out
     * once, on the next session. */
    fake_force(FAKE_SESSION_OPEN, SF_ERR_COMM, 1u);
    CHECK_EQ(sf_device_counter_increment(&dev, 3u, 2u, &value), SF_OK);
    CHECK_EQ(fake_part.calls[FAKE_COUNTER_INCREMENT], 2u);
    CHECK_EQ(value, 1u);
    CHECK_EQ(fake_part.counters[2], 1u);
}

static void test_a_session_is_renewed_before_its_operation_budget_ends(void)
{
    uint8_t buf[8];
    CHECK_HELPER(up());
    for (uint32_t budget = 2u; budget <= 7u; budget++) {
        fake_part.info.session_max_ops = budget;
        dev.info.session_max_ops = budget; /* as the part's authenticated description says */
        sf_device_drop_sessions(&dev);
        fake_part.highest_sequence = 0u;
        size_t opened = fake_part.n_opened;
        uint32_t failures = dev.stats.comm_failures;
        const uint32_t ops = 40u;
        for (uint32_t i = 0; i < ops; i++) {
            CHECK_EQ(sf_device_read(&dev, 2u, i, buf, sizeof(buf)), SF_OK);
        }
        /* Never an operation at the budget's edge, never an expired session. */
        CHECK(fake_part.highest_sequence < budget);
        CHECK_EQ(dev.stats.comm_failures, failures);
        size_t per_session = budget - 1u;
        CHECK_EQ(fake_part.n_opened - opened, (ops + per_session - 1u) / per_session);
    }
}

static void test_the_least_recently_used_session_is_given_up_when_every_slot_is_taken(void)
{
    uint8_t buf[4];
    CHECK_HELPER(up());
    for (uint8_t zone = 1u; zone <= SF_MAX_SESSIONS; zone++) {
        CHECK_EQ(sf_device_read(&dev, zone, 0u, buf, sizeof(buf)), SF_OK);
    }
    size_t closed = fake_part.n_closed;
    size_t opened = fake_part.n_opened;
    /* Zone 1 used again: zone 2's session is now the oldest. */
    CHECK_EQ(sf_device_read(&dev, 1u, 0u, buf, sizeof(buf)), SF_OK);
    CHECK_EQ(fake_part.n_opened, opened);
    CHECK_EQ(sf_device_read(&dev, 0u, 0u, buf, sizeof(buf)), SF_OK);
    CHECK_EQ(fake_part.n_closed, closed + 1u);
    CHECK_EQ(fake_part.closed[closed], 2u);
    /* The others are still open: no new session for them. */
    opened = fake_part.n_opened;
    CHECK_EQ(sf_device_read(&dev, 1u, 0u, buf, sizeof(buf)), SF_OK);
    CHECK_EQ(sf_device_read(&dev, 3u, 0u, buf, sizeof(buf)), SF_OK);
    CHECK_EQ(sf_device_read(&dev, 4u, 0u, buf, sizeof(buf)), SF_OK);
    CHECK_EQ(fake_part.n_opened, opened);
    /* Then zone 2 again: the oldest now is zone 0's. */
    closed = fake_part.n_closed;
    CHECK_EQ(sf_device_read(&dev, 2u, 0u, buf, sizeof(buf)), SF_OK);
    CHECK_EQ(fake_part.closed[closed], 0u);
}

static void test_a_failed_security_info_leaves_the_description_as_it_was(void)
{
    uint8_t buf[4];
    struct sf_info mine;
    struct sf_info before;
    CHECK_HELPER(up());
    /* The device's own description, asked for again after the trust check. */
    CHECK_EQ(sf_device_set_trust(&dev, &trust), SF_OK);
    before = dev.info;
    fake_part.scribble = true;
    fake_force(FAKE_SECURITY_INFO, SF_ERR_COMM, 2u);
    CHECK_EQ(sf_device_read(&dev, 1u, 0u, buf, sizeof(buf)), SF_ERR_COMM);
    CHECK_EQ(memcmp(&dev.info, &before, sizeof(before)), 0);
    /* A refusal that is not a communication failure: the same. */
    fake_force(FAKE_SECURITY_INFO, SF_ERR_DEVICE, 1u);
    CHECK_EQ(sf_device_read(&dev, 1u, 0u, buf, sizeof(buf)), SF_ERR_DEVICE);
    CHECK_EQ(memcmp(&dev.info, &before, sizeof(before)), 0);
    /* The caller's own copy too. */
    CHECK_EQ(sf_device_read(&dev, 1u, 0u, buf, sizeof(buf)), SF_OK);
    memset(&mine, 0x3C, sizeof(mine));
    struct sf_info kept = mine;
    fake_force(FAKE_SECURITY_INFO, SF_ERR_COMM, 2u);
    CHECK_EQ(sf_device_security_info(&dev, 1u, &mine), SF_ERR_COMM);
    CHECK_EQ(memcmp(&mine, &kept, sizeof(mine)), 0);
    CHECK_EQ(sf_device_security_info(&dev, 1u, &mine), SF_OK);
    CHECK_EQ(mine.n_zones, ZONES);
}

static void test_every_communication_failure_a_binding_answers_is_counted_once(void)
{
    uint8_t buf[4];
    uint32_t value = 0;
    CHECK_HELPER(up());
    uint32_t failures = dev.stats.comm_failures;
    fake_force(FAKE_SESSION_OPEN, SF_ERR_COMM, 1u);
    CHECK_EQ(sf_device_read(&dev, 1u, 0u, buf, sizeof(buf)), SF_OK);
    fake_force(FAKE_COUNTER_READ, SF_ERR_COMM, 1u);
    CHECK_EQ(sf_device_counter_read(&dev, 1u, 0u, &value), SF_OK);
    fake_force(FAKE_SESSION_CLOSE, SF_ERR_COMM, 1u);
    sf_device_deinit(&dev); /* closes the open sessions */
    CHECK_EQ(dev.stats.comm_failures, failures + 3u);
}

/* No status is folded on its way up: what a binding answers (a key slot
 * the crypto service lacked, a verify that failed...) is what the caller
 * gets, after the one retry of a communication failure. */
static void test_every_status_a_binding_answers_reaches_the_caller_unchanged(void)
{
    uint8_t buf[4];
    for (int status = SF_ERR_PARAM; status >= SF_STATUS_LOWEST; status--) {
        CHECK_HELPER(up());
        fake_force(FAKE_READ, status, 2u);
        CHECK_EQ(sf_device_read(&dev, 1u, 0u, buf, sizeof(buf)), status);
    }
}

int main(void)
{
    static const struct test_case cases[] = {
        TEST_CASE(test_a_read_is_retried_once_on_a_new_session_after_a_communication_failure),
        TEST_CASE(test_an_increment_or_a_lock_is_never_sent_twice),
        TEST_CASE(test_a_session_is_renewed_before_its_operation_budget_ends),
        TEST_CASE(test_the_least_recently_used_session_is_given_up_when_every_slot_is_taken),
        TEST_CASE(test_a_failed_security_info_leaves_the_description_as_it_was),
        TEST_CASE(test_every_communication_failure_a_binding_answers_is_counted_once),
        TEST_CASE(test_every_status_a_binding_answers_reaches_the_caller_unchanged),
    };
    return test_run("sf_common", cases, sizeof(cases) / sizeof(cases[0]));
}
