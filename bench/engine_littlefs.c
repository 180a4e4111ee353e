/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * littlefs 2.11.2 as a peer: one file per asset, named by its uid, in the
 * 512 KiB area of a plain NOR part, through the raw NOR driver. The
 * configuration is a typical one for a 4 KiB-sector serial NOR: 4 KiB
 * blocks, 16-byte reads and programs, a 256-byte cache (one page),
 * wear levelling every 500 erase cycles.
 */
#include <stdio.h>
#include <string.h>

#include "bench_engine.h"
#include "lfs.h"

static struct bench_nor part;
static lfs_t fs;

static int bd_read(const struct lfs_config *c, lfs_block_t block, lfs_off_t off, void *buffer,
                   lfs_size_t size)
{
    (void)c;
    return etss_nor_read(&part.flash, block * BENCH_SECTOR + off, buffer, size) == 0 ? 0
                                                                                     : LFS_ERR_IO;
}

static int bd_prog(const struct lfs_config *c, lfs_block_t block, lfs_off_t off, const void *buffer,
                   lfs_size_t size)
{
    (void)c;
    return etss_nor_program(&part.flash, block * BENCH_SECTOR + off, buffer, size) == 0
               ? 0
               : LFS_ERR_IO;
}

static int bd_erase(const struct lfs_config *c, lfs_block_t block)
{
    (void)c;
    return etss_nor_erase(&part.flash, block * BENCH_SECTOR, BENCH_SECTOR) == 0 ? 0 : LFS_ERR_IO;
}

static int bd_sync(const struct lfs_config *c)
{
    (void)c;
    return 0; /* the driver waits for each program and erase to finish */
}

static const struct lfs_config config = {
    .read = bd_read,
    .prog = bd_prog,
    .erase = bd_erase,
    .sync = bd_sync,
    .read_size = 16,
    .prog_size = 16,
    .block_size = BENCH_SECTOR,
    .block_count = BENCH_AREA / BENCH_SECTOR,
    .block_cycles = 500,
    .cache_size = 256,
    .lookahead_size = 16,
};

static void name_of(uint64_t uid, char name[17])
{
    snprintf(name, 17, "%016llx", (unsigned long long)uid);
}

static int status(int err)
{
    return err >= 0 ? BENCH_OK : err == LFS_ERR_NOSPC ? BENCH_FULL : BENCH_ERROR;
}

static int lfs_set(uint64_t uid, const uint8_t *data, size_t len)
{
    char name[17];
    lfs_file_t f;
    name_of(uid, name);
    int err = lfs_file_open(&fs, &f, name, LFS_O_WRONLY | LFS_O_CREAT | LFS_O_TRUNC);
    if (err < 0) {
        return status(err);
    }
    lfs_ssize_t n = lfs_file_write(&fs, &f, data, (lfs_size_t)len);
    err = lfs_file_close(&fs, &f); /* commits the file */
    return n < 0 ? status((int)n) : n != (lfs_ssize_t)len ? BENCH_ERROR : status(err);
}

static int lfs_get(uint64_t uid, uint8_t *buf, size_t len)
{
    char name[17];
    lfs_file_t f;
    name_of(uid, name);
    if (lfs_file_open(&fs, &f, name, LFS_O_RDONLY) < 0) {
        return BENCH_ERROR;
    }
    lfs_ssize_t n = lfs_file_read(&fs, &f, buf, (lfs_size_t)len);
    int err = lfs_file_close(&fs, &f);
    return n == (lfs_ssize_t)len && err >= 0 ? BENCH_OK : BENCH_ERROR;
}

static int lfs_forget(uint64_t uid)
{
    char name[17];
    name_of(uid, name);
    return status(lfs_remove(&fs, name));
}

static int lfs_reboot(void)
{
    (void)lfs_unmount(&fs); /* frees nothing on flash: RAM state only */
    nor_model_power_cycle(part.nor);
    memset(&fs, 0, sizeof(fs));
    return status(lfs_mount(&fs, &config));
}

static int lfs_fresh(void);

static struct bench_engine engine = {
    .name = "littlefs",
    .set = lfs_set,
    .get = lfs_get,
    .remove = lfs_forget,
    .reboot = lfs_reboot,
    .fresh = lfs_fresh,
};

static int lfs_fresh(void)
{
    if (part.nor != NULL) {
        (void)lfs_unmount(&fs);
        nor_model_destroy(part.nor);
    }
    memset(&fs, 0, sizeof(fs));
    if (bench_nor_init(&part) != BENCH_OK || lfs_format(&fs, &config) < 0 ||
        lfs_mount(&fs, &config) < 0) {
        return BENCH_ERROR;
    }
    engine.nor = part.nor;
    return BENCH_OK;
}

const struct bench_engine *bench_littlefs(void)
{
    return engine.nor != NULL || lfs_fresh() == BENCH_OK ? &engine : NULL;
}
