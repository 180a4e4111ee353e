/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * etss-nor-demo: a real host driver against the device model. Discovers
 * the part from SFDP, reads what the previous run left, erases a sector,
 * writes a record, reads it back, and shows what each step cost in device
 * time and bus traffic.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devmodel/model_spi.h"
#include "nor_flash.h"

#define RECORD_ADDR 0x10000u
#define RECORD_MAGIC 0x45545353u /* "ETSS" */

struct demo_record {
    uint32_t magic;
    uint32_t run;
    char text[56];
};

static void usage(FILE *out)
{
    fprintf(out, "usage: etss-nor-demo [--image PATH]\n"
                 "\n"
                 "Drive the SPI NOR device model through the raw NOR driver.\n"
                 "  --image PATH  flash image file (created erased if absent;\n"
                 "                default data/nor-flash.img)\n"
                 "Exit status: 0 success, 1 device or driver error, 2 usage error.\n");
}

static void report(const char *what, nor_model_t *model, struct nor_model_stats *before)
{
    const struct nor_model_stats *now = nor_model_stats(model);
    printf("  %-28s %10.3f ms  bus %6" PRIu64 " B out / %6" PRIu64 " B in  pages %" PRIu64
           "  sectors erased %" PRIu64 "\n",
           what, (double)(now->device_time_ns - before->device_time_ns) / 1e6,
           now->bytes_to_device - before->bytes_to_device,
           now->bytes_from_device - before->bytes_from_device,
           now->pages_programmed - before->pages_programmed,
           now->sectors_erased - before->sectors_erased);
    *before = *now;
}

static int fail(const char *what, int rc)
{
    fprintf(stderr, "etss-nor-demo: %s: %s\n", what, sf_strerror(rc));
    return 1;
}

int main(int argc, char **argv)
{
    const char *image = "data/nor-flash.img";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--image") == 0 && i + 1 < argc) {
            image = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }

    struct nor_model_config cfg;
    enum nor_model_status st;
    nor_model_default_config(&cfg);
    cfg.image_path = image;
    nor_model_t *model = nor_model_create(&cfg, &st);
    if (model == NULL) {
        fprintf(stderr, "etss-nor-demo: %s: %s\n", image, nor_model_strerror(st));
        return 1;
    }

    struct model_spi bus;
    struct nor_flash flash;
    struct nor_model_stats mark = *nor_model_stats(model);
    const struct etss_spi_driver *spi = model_spi_bind(&bus, model);
    int rc = etss_nor_init(&flash, spi);
    if (rc != SF_OK) {
        nor_model_destroy(model);
        return fail("discovery", rc);
    }

    printf("device model: image %s\n", image);
    printf("discovered over SFDP: JEDEC id %02X %02X %02X, %" PRIu32 " KiB, page %" PRIu32
           " B, program typ %" PRIu32 " us\n",
           flash.jedec_id[0], flash.jedec_id[1], flash.jedec_id[2], flash.geo.size_bytes / 1024u,
           flash.geo.page_size, flash.geo.page_program_typ_us);
    for (unsigned i = 0; i < flash.geo.n_erase_types; i++) {
        printf("  erase type %u: %6" PRIu32 " B with opcode 0x%02X, typ %" PRIu32 " us\n", i + 1,
               flash.geo.erase[i].size, flash.geo.erase[i].opcode, flash.geo.erase[i].typ_time_us);
    }
    printf("\ncost of each step:\n");
    report("reset + id + SFDP discovery", model, &mark);

    struct demo_record rec;
    rc = etss_nor_read(&flash, RECORD_ADDR, &rec, sizeof(rec));
    if (rc != SF_OK) {
        nor_model_destroy(model);
        return fail("read", rc);
    }
    report("read previous record", model, &mark);
    uint32_t run = 1;
    char previous[sizeof(rec.text) + 1] = "(none: a fresh image)";
    if (rec.magic == RECORD_MAGIC) {
        run = rec.run + 1u;
        memcpy(previous, rec.text, sizeof(rec.text));
        previous[sizeof(rec.text)] = '\0';
    }

    rc = etss_nor_erase(&flash, RECORD_ADDR, 4096u);
    if (rc != SF_OK) {
        nor_model_destroy(model);
        return fail("erase", rc);
    }
    report("erase 4 KiB sector", model, &mark);

    memset(&rec, 0, sizeof(rec));
    rec.magic = RECORD_MAGIC;
    rec.run = run;
    snprintf(rec.text, sizeof(rec.text), "hello from run %" PRIu32, run);
    rc = etss_nor_program(&flash, RECORD_ADDR, &rec, sizeof(rec));
    if (rc != SF_OK) {
        nor_model_destroy(model);
        return fail("program", rc);
    }
    report("program 64-byte record", model, &mark);

    struct demo_record back;
    rc = etss_nor_read(&flash, RECORD_ADDR, &back, sizeof(back));
    if (rc != SF_OK) {
        nor_model_destroy(model);
        return fail("read back", rc);
    }
    report("read it back", model, &mark);

    int same = memcmp(&rec, &back, sizeof(rec)) == 0;
    const struct nor_model_stats *total = nor_model_stats(model);
    printf("\nprevious record: %s\n", previous);
    printf("written record:  %s -> read back %s\n", rec.text, same ? "identical" : "DIFFERENT");
    printf("total: %.3f ms device time (%.3f ms busy), %" PRIu64 " transactions, %" PRIu64
           " B to device, %" PRIu64 " B from device; sector 0x%X erased %" PRIu32 " times\n",
           (double)total->device_time_ns / 1e6, (double)total->busy_time_ns / 1e6,
           total->transactions, total->bytes_to_device, total->bytes_from_device,
           RECORD_ADDR / 4096u, nor_model_erase_count(model, RECORD_ADDR / 4096u));
    printf("run again: the image keeps the record across restarts.\n");

    st = nor_model_image_status(model);
    nor_model_destroy(model);
    if (st != NOR_MODEL_OK) {
        fprintf(stderr, "etss-nor-demo: %s: %s\n", image, nor_model_strerror(st));
        return 1;
    }
    return same ? 0 : 1;
}
