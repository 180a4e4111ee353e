/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The provisioning description: what it accepts, the record it makes, and
 * a clear, line-numbered refusal for each mistake a person can make.
 */
#include <string.h>

#include "provision_config.h"
#include "sfp1_protocol.h"
#include "test_harness.h"

static int parse(const char *text, struct provision_config *cfg, char *err, size_t err_size)
{
    return provision_config_parse(text, strlen(text), cfg, err, err_size);
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void test_example_encodes_to_the_record_layout(void)
{
    static const char text[] = "# a comment\r\n"
                               "lockout_threshold = 5\r\n"
                               "session_max_ops = 0x100   # hex works\n"
                               "\n"
                               "[zone 0]\n"
                               "  base = 0x10000\n"
                               "size = 8192\n"
                               "read = encrypted\n"
                               "write = read-only\n"
                               "[ zone 1 ]\n"
                               "base = 0x20000\nsize = 0x1000\nread = open\nwrite = open\n"
                               "[binding]\n"
                               "client = -2147483648\nzone = 1\ncounter = 7\n";
    struct provision_config cfg;
    uint8_t rec[SFP1_PROV_MAX_LEN];
    size_t len = 0;
    char err[160];
    CHECK_EQ(parse(text, &cfg, err, sizeof(err)), 0);
    CHECK_EQ(cfg.flash_size, PROVISION_DEFAULT_FLASH_SIZE);
    CHECK_EQ(cfg.n_counters, PROVISION_DEFAULT_COUNTERS);
    CHECK_EQ(provision_config_encode(&cfg, rec, sizeof(rec), &len), 0);
    CHECK_EQ(len, SFP1_PROV_HEADER_LEN + 2 * SFP1_PROV_ZONE_LEN + SFP1_PROV_BINDING_LEN);
    CHECK_MEM_EQ(rec, "ESFP", 4);
    CHECK_EQ(rec[4], SFP1_PROV_VERSION);
    CHECK_EQ(rec[5], 2);
    CHECK_EQ(rec[6], 1);
    CHECK_EQ(rec[7], 5);
    CHECK_EQ(le32(&rec[8]), 0x100);
    const uint8_t *z0 = &rec[SFP1_PROV_HEADER_LEN];
    CHECK_EQ(le32(z0), 0x10000);
    CHECK_EQ(le32(&z0[4]), 8192);
    CHECK_EQ(z0[8], SFP1_READ_ENCRYPTED);
    CHECK_EQ(z0[9], SFP1_WRITE_READ_ONLY);
    for (size_t i = 10; i < SFP1_PROV_ZONE_LEN; i++) {
        CHECK_EQ(z0[i], 0); /* reserved and the root key: empty */
    }
    const uint8_t *z1 = &z0[SFP1_PROV_ZONE_LEN];
    CHECK_EQ(z1[8], SFP1_READ_OPEN);
    CHECK_EQ(z1[9], SFP1_WRITE_OPEN);
    const uint8_t *b = &z1[SFP1_PROV_ZONE_LEN];
    CHECK_EQ(le32(b), 0x80000000u);
    CHECK_EQ(b[4], 1);
    CHECK_EQ(b[5], 1); /* key id = zone */
    CHECK_EQ(b[6], 7);
    CHECK_EQ(b[7], 0);
    CHECK_EQ(provision_config_encode(&cfg, rec, len - 1, &len), -1);
}

struct bad_case {
    const char *text;
    const char *says; /* part of the message */
};

static void test_mistakes_are_refused_with_their_line(void)
{
    static const struct bad_case bad[] = {
        {"", "at least one [zone 0]"},
        {"color = blue\n", "line 1: unknown key \"color\""},
        {"[zone 0]\nbase = 0\nsize = 0x1000\nread = open\n", "line 1: zone 0 needs"},
        {"[zone 0]\nbase = 0\nbase = 0\n", "line 3: base given twice"},
        {"[zone 0]\nbase = 0x800\n", "line 2: base must be a multiple of 4 KiB"},
        {"[zone 0]\nsize = 0\n", "line 2: size must be a number from 4096"},
        {"[zone 0]\nread = secret\n", "line 2: read must be open, authenticated or encrypted"},
        {"[zone 0]\nwrite = open-ish\n", "write must be open, authenticated or read-only"},
        {"[zone 1]\n", "line 1: zones are numbered"},
        {"[zone x]\n", "zones are numbered"},
        {"[zone]\n", "unknown section"},
        {"[partition]\n", "line 1: unknown section [partition]"},
        {"[zone 0\n", "ends with ']'"},
        {"just words\n", "line 1: expected key = value"},
        {"counters = 12abc\n", "counters must be a number"},
        {"lockout_threshold = 0\n", "lockout_threshold must be a number from 1 to 255"},
        {"session_max_ops = 3\n", "session_max_ops must be a number from 4"},
        {"session_max_ops = 0x80000000\n", "session_max_ops must be a number"},
        {"flash_size = 99999999999999999999\n", "flash_size must be a number"},
        {"[zone 0]\nbase=0\nsize=0x1000\nread=open\nwrite=open\n[binding]\nclient=1\nzone=0\n",
         "line 6: binding needs client, zone and counter"},
        {"[zone 0]\nbase=0\nsize=0x1000\nread=open\nwrite=open\n"
         "[binding]\nclient=1\nzone=0\ncounter=0\n[zone 1]\n",
         "zones come before bindings"},
        {"[zone 0]\nbase=0\nsize=0x2000\nread=open\nwrite=open\n"
         "[zone 1]\nbase=0x1000\nsize=0x1000\nread=open\nwrite=open\n",
         "zones 0 and 1 overlap"},
        {"flash_size = 0x10000\n[zone 0]\nbase=0xF000\nsize=0x2000\nread=open\nwrite=open\n",
         "zone 0 ends beyond flash_size"},
        {"[zone 0]\nbase=0\nsize=0x1000\nread=open\nwrite=open\n"
         "[binding]\nclient=1\nzone=1\ncounter=0\n",
         "names zone 1, which is not defined"},
        {"counters = 4\n[zone 0]\nbase=0\nsize=0x1000\nread=open\nwrite=open\n"
         "[binding]\nclient=1\nzone=0\ncounter=4\n",
         "names counter 4; the part has 4"},
        {"[zone 0]\nbase=0\nsize=0x1000\nread=open\nwrite=open\n"
         "[binding]\nclient=-1\nzone=0\ncounter=0\n[binding]\nclient=-1\nzone=0\ncounter=1\n",
         "client -1 is bound twice"},
        {"[zone 0]\nbase=0\nsize=0x1000\nread=open\nwrite=open\n"
         "[binding]\nclient=0\nzone=0\ncounter=0\n",
         "line 7: client 0 is no TF-M client id"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct provision_config cfg;
        char err[160];
        CHECK_EQ(parse(bad[i].text, &cfg, err, sizeof(err)), -1);
        if (strstr(err, bad[i].says) == NULL) {
            printf("  case %zu: \"%s\" does not say \"%s\"\n", i, err, bad[i].says);
            CHECK(0);
        }
    }
}

static void test_limits(void)
{
    static char text[8192];
    struct provision_config cfg;
    char err[160];
    size_t n = 0;
    for (int z = 0; z < 9; z++) {
        n += (size_t)snprintf(&text[n], sizeof(text) - n,
                              "[zone %d]\nbase=0x%x\nsize=0x1000\nread=open\nwrite=open\n", z,
                              z * 0x1000);
    }
    CHECK_EQ(parse(text, &cfg, err, sizeof(err)), -1);
    CHECK(strstr(err, "expected [zone 9]") == NULL); /* 9 is out of range: not a valid index */
    CHECK(strstr(err, "line 41") != NULL);
    /* 16 bindings fit, a 17th does not. */
    n = (size_t)snprintf(text, sizeof(text),
                         "[zone 0]\nbase=0\nsize=0x1000\nread=open\nwrite=open\n");
    for (int b = 0; b < 17; b++) {
        n += (size_t)snprintf(&text[n], sizeof(text) - n,
                              "[binding]\nclient=%d\nzone=0\ncounter=0\n", b + 1);
    }
    CHECK_EQ(parse(text, &cfg, err, sizeof(err)), -1);
    CHECK(strstr(err, "more than 16 bindings") != NULL);
    /* Overlong lines and NUL bytes. */
    memset(text, 'a', 300);
    text[300] = '\0';
    CHECK_EQ(parse(text, &cfg, err, sizeof(err)), -1);
    CHECK(strstr(err, "longer than") != NULL);
    CHECK_EQ(provision_config_parse("a\0b", 3, &cfg, err, sizeof(err)), -1);
    CHECK(strstr(err, "NUL") != NULL);
    /* NULL arguments, a tiny error buffer. */
    CHECK_EQ(provision_config_parse(NULL, 0, &cfg, err, sizeof(err)), -1);
    CHECK_EQ(provision_config_parse("x", 1, NULL, err, sizeof(err)), -1);
    CHECK_EQ(provision_config_parse("x", 1, &cfg, err, 4), -1);
    CHECK_EQ(strlen(err), 3);
    CHECK_EQ(provision_config_parse("x", 1, &cfg, NULL, 0), -1);
    size_t len = 0;
    CHECK_EQ(provision_config_encode(NULL, (uint8_t *)text, sizeof(text), &len), -1);
}

/* The number syntax the description and the etss tool share. */
static void test_numbers(void)
{
    static const char *const refused[] = {"",
                                          "0x",
                                          "-1",
                                          "+1",
                                          " 1",
                                          "1 ",
                                          "12a",
                                          "0xg",
                                          "1e3",
                                          "0b1",
                                          "18446744073709551616",
                                          "0x10000000000000000"};
    uint64_t v = 7;
    CHECK(provision_config_parse_u64("0", &v));
    CHECK_EQ(v, 0u);
    CHECK(provision_config_parse_u64("4096", &v));
    CHECK_EQ(v, 4096u);
    CHECK(provision_config_parse_u64("0xFfFf", &v));
    CHECK_EQ(v, 0xFFFFu);
    CHECK(provision_config_parse_u64("18446744073709551615", &v));
    CHECK_EQ(v, UINT64_MAX);
    CHECK(provision_config_parse_u64("0xffffffffffffffff", &v));
    CHECK_EQ(v, UINT64_MAX);
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        v = 7;
        CHECK(!provision_config_parse_u64(refused[i], &v));
        CHECK_EQ(v, 7u); /* untouched */
    }
}

static const struct test_case cases[] = {
    TEST_CASE(test_example_encodes_to_the_record_layout),
    TEST_CASE(test_mistakes_are_refused_with_their_line),
    TEST_CASE(test_limits),
    TEST_CASE(test_numbers),
};

TEST_MAIN("provision_config", cases)
