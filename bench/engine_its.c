/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TF-M 2.1.5's ITS flash filesystem as a peer, driven as TF-M's ITS
 * service drives it (tfm_internal_trusted_storage.c): a set reads the
 * file's info, then writes it whole with CREATE | TRUNCATE; a get reads the
 * info, then the data; a boot prepares the filesystem, wiping it when
 * there is none. Files are named by a client id and the uid, as TF-M names
 * them. Configuration: the 512 KiB area of a plain NOR part as 64 blocks
 * of two 4 KiB sectors, a 1-byte program unit (a serial NOR's), files up to
 * 4 KiB, and as many files as a metadata block can describe (139). With
 * one-sector blocks a metadata block describes 128 blocks and only 22
 * files, too few for the workloads' 32 assets. The flash
 * operations map a block to its sector through the raw NOR driver, as
 * TF-M's its_flash_nor.c maps it through a CMSIS flash driver.
 */
#include <string.h>

#include "bench_engine.h"
#include "its_flash_fs.h"

#define CLIENT_ID (-1) /* a non-secure client, as the other engines' */

static struct bench_nor part;
static its_flash_fs_ctx_t fs;

static uint32_t address(const struct its_flash_fs_config_t *cfg, uint32_t block, size_t offset)
{
    return cfg->flash_area_addr + block * cfg->block_size + (uint32_t)offset;
}

static psa_status_t flash_init(const struct its_flash_fs_config_t *cfg)
{
    (void)cfg;
    return PSA_SUCCESS;
}

static psa_status_t flash_read(const struct its_flash_fs_config_t *cfg, uint32_t block,
                               uint8_t *buf, size_t offset, size_t size)
{
    return etss_nor_read(&part.flash, address(cfg, block, offset), buf, size) == 0
               ? PSA_SUCCESS
               : PSA_ERROR_STORAGE_FAILURE;
}

static psa_status_t flash_write(const struct its_flash_fs_config_t *cfg, uint32_t block,
                                const uint8_t *buf, size_t offset, size_t size)
{
    return etss_nor_program(&part.flash, address(cfg, block, offset), buf, size) == 0
               ? PSA_SUCCESS
               : PSA_ERROR_STORAGE_FAILURE;
}

static psa_status_t flash_flush(const struct its_flash_fs_config_t *cfg, uint32_t block)
{
    (void)cfg;
    (void)block;
    return PSA_SUCCESS; /* every write is programmed when it returns */
}

static psa_status_t flash_erase(const struct its_flash_fs_config_t *cfg, uint32_t block)
{
    return etss_nor_erase(&part.flash, address(cfg, block, 0), cfg->block_size) == 0
               ? PSA_SUCCESS
               : PSA_ERROR_STORAGE_FAILURE;
}

static const struct its_flash_fs_ops_t ops = {
    .init = flash_init,
    .read = flash_read,
    .write = flash_write,
    .flush = flash_flush,
    .erase = flash_erase,
};

#define BLOCK_SIZE (2u * BENCH_SECTOR)
#define BLOCKS (BENCH_AREA / BLOCK_SIZE)
/* One metadata block holds the header, the data blocks' entries (all
 * blocks but the metadata block and the two scratch blocks) and one entry
 * per file. */
#define FILES                                                                                      \
    ((BLOCK_SIZE - sizeof(struct its_metadata_block_header_t) -                                    \
      (BLOCKS - 2u) * sizeof(struct its_block_meta_t)) /                                           \
     sizeof(struct its_file_meta_t))

static const struct its_flash_fs_config_t config = {
    .flash_dev = &part,
    .flash_area_addr = 0,
    .sector_size = BENCH_SECTOR,
    .block_size = BLOCK_SIZE,
    .num_blocks = BLOCKS,
    .program_unit = 1,
    .max_file_size = 4096,
    .max_num_files = FILES,
    .erase_val = 0xFF,
};

static void fid_of(uint64_t uid, uint8_t fid[ITS_FILE_ID_SIZE])
{
    int32_t client = CLIENT_ID;
    memcpy(fid, &client, sizeof(client));
    memcpy(&fid[sizeof(client)], &uid, sizeof(uid));
}

static int status(psa_status_t st)
{
    return st == PSA_SUCCESS                      ? BENCH_OK
           : st == PSA_ERROR_INSUFFICIENT_STORAGE ? BENCH_FULL
                                                  : BENCH_ERROR;
}

static int its_set(uint64_t uid, const uint8_t *data, size_t len)
{
    uint8_t fid[ITS_FILE_ID_SIZE];
    struct its_flash_fs_file_info_t info;
    fid_of(uid, fid);
    psa_status_t st = its_flash_fs_file_get_info(&fs, fid, &info);
    if (st != PSA_SUCCESS && st != PSA_ERROR_DOES_NOT_EXIST) {
        return BENCH_ERROR;
    }
    info.size_max = len;
    info.flags = ITS_FLASH_FS_FLAG_CREATE | ITS_FLASH_FS_FLAG_TRUNCATE;
    return status(its_flash_fs_file_write(&fs, fid, &info, len, 0, data));
}

static int its_get(uint64_t uid, uint8_t *buf, size_t len)
{
    uint8_t fid[ITS_FILE_ID_SIZE];
    struct its_flash_fs_file_info_t info;
    fid_of(uid, fid);
    if (its_flash_fs_file_get_info(&fs, fid, &info) != PSA_SUCCESS || info.size_current < len) {
        return BENCH_ERROR;
    }
    return status(its_flash_fs_file_read(&fs, fid, len, 0, buf));
}

static int its_forget(uint64_t uid)
{
    uint8_t fid[ITS_FILE_ID_SIZE];
    struct its_flash_fs_file_info_t info;
    fid_of(uid, fid);
    if (its_flash_fs_file_get_info(&fs, fid, &info) != PSA_SUCCESS) {
        return BENCH_ERROR;
    }
    return status(its_flash_fs_file_delete(&fs, fid));
}

/* What TF-M's ITS does at its partition's start. */
static int its_boot(void)
{
    memset(&fs, 0, sizeof(fs));
    if (its_flash_fs_init_ctx(&fs, &config, &ops) != PSA_SUCCESS) {
        return BENCH_ERROR;
    }
    if (its_flash_fs_prepare(&fs) == PSA_SUCCESS) {
        return BENCH_OK;
    }
    if (its_flash_fs_wipe_all(&fs) != PSA_SUCCESS) {
        return BENCH_ERROR;
    }
    return status(its_flash_fs_prepare(&fs));
}

static int its_reboot(void)
{
    nor_model_power_cycle(part.nor);
    return its_boot();
}

static int its_fresh(void);

static struct bench_engine engine = {
    .name = "tfm-its",
    .set = its_set,
    .get = its_get,
    .remove = its_forget,
    .reboot = its_reboot,
    .fresh = its_fresh,
};

/* A blank part: the first boot finds no filesystem and makes one. */
static int its_fresh(void)
{
    if (part.nor != NULL) {
        nor_model_destroy(part.nor);
    }
    if (bench_nor_init(&part) != BENCH_OK || its_boot() != BENCH_OK) {
        return BENCH_ERROR;
    }
    engine.nor = part.nor;
    return BENCH_OK;
}

const struct bench_engine *bench_its(void)
{
    return engine.nor != NULL || its_fresh() == BENCH_OK ? &engine : NULL;
}
