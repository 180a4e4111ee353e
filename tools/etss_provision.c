/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * etss-provision: turn a provisioning description into the SFP1
 * provisioning message that tfm_etss_secure_flash_provisioning() (and
 * sf_api_provision()) take. The message carries no key: the secure
 * partition derives each zone's root key from its HUK and fills it in.
 */
#include <stdio.h>
#include <string.h>

#include "provision_config.h"

/* The classes of the etss tool's exit status (docs/etss-tool.md). */
#define EXIT_USAGE 2       /* the command line or the description is wrong */
#define EXIT_ENVIRONMENT 3 /* a file cannot be read or written */

static void usage(FILE *out)
{
    fprintf(out, "usage: etss-provision CONFIG [--out FILE]\n"
                 "\n"
                 "Check a provisioning description and encode the provisioning message.\n"
                 "  --out FILE  write the message (binary) to FILE; without it, print it in hex\n"
                 "Exit status: 0 success, 2 usage error or invalid description, 3 a file cannot\n"
                 "be read or written (the same classes as etss).\n");
}

int main(int argc, char **argv)
{
    const char *config = NULL;
    const char *out_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out_path = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (config == NULL && argv[i][0] != '-') {
            config = argv[i];
        } else {
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (config == NULL) {
        usage(stderr);
        return EXIT_USAGE;
    }
    static char text[65536];
    FILE *f = fopen(config, "r");
    if (f == NULL) {
        fprintf(stderr, "etss-provision: cannot open %s\n", config);
        return EXIT_ENVIRONMENT;
    }
    size_t n = fread(text, 1, sizeof(text), f);
    int too_long = n == sizeof(text);
    fclose(f);
    if (too_long) {
        fprintf(stderr, "etss-provision: %s: larger than %zu bytes\n", config, sizeof(text));
        return EXIT_USAGE;
    }
    struct provision_config cfg;
    uint8_t record[SFP1_PROV_MAX_LEN];
    size_t len = 0;
    char err[200];
    if (provision_config_parse(text, n, &cfg, err, sizeof(err)) != 0 ||
        provision_config_encode(&cfg, record, sizeof(record), &len) != 0) {
        fprintf(stderr, "etss-provision: %s: %s\n", config, err);
        return EXIT_USAGE;
    }
    provision_config_print(&cfg, stdout);
    if (out_path == NULL) {
        for (size_t i = 0; i < len; i++) {
            printf("%02x%s", record[i], (i + 1u) % 32u == 0u || i + 1u == len ? "\n" : "");
        }
        return 0;
    }
    FILE *o = fopen(out_path, "wb");
    if (o == NULL || fwrite(record, 1, len, o) != len) {
        fprintf(stderr, "etss-provision: cannot write %s\n", out_path);
        if (o != NULL) {
            fclose(o);
        }
        return EXIT_ENVIRONMENT;
    }
    if (fclose(o) != 0) {
        fprintf(stderr, "etss-provision: cannot write %s\n", out_path);
        return EXIT_ENVIRONMENT;
    }
    printf("wrote %zu bytes to %s\n", len, out_path);
    return 0;
}
