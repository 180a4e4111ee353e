/*
 * libFuzzer: the filesystem mounts whatever a zone holds. A valid log is
 * written first (assets, updates, a removal, round the ring), then the
 * input is programmed over the zone through plain NOR commands, which can
 * only clear bits: damaged sector headers, torn records, garbage between
 * them. The filesystem must mount or refuse cleanly, never return data
 * whose checks fail, and, when it mounted, keep working: a new asset
 * written reads back after a remount.
 *
 * Input: records of sector (1), offset (2, LE), length (1), bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "etss_fs.h"
#include "nor_flash.h"
#include "sf_rig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ZONE_SECTORS 16u
#define CLIENT (-1)

static const char open_zone[] = "[zone 0]\nbase = 0\nsize = 0x10000\nread = open\nwrite = open\n"
                                "[binding]\nclient = -1\nzone = 0\ncounter = 0\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct etss_fs fs;
    static uint8_t buf[ETSS_MAX_ASSET_SIZE];
    struct sf_rig r;
    struct sf_model_config cfg;
    sf_model_default_config(&cfg);
    cfg.nor.size_bytes = 1u << 20;
    if (sf_rig_open(&r, &cfg, 1) != SF_OK || sf_rig_provision(&r, open_zone) != SF_OK) {
        abort();
    }
    if (etss_fs_mount(&fs, &r.dev, CLIENT) != ETSS_FS_OK) {
        abort();
    }
    for (uint32_t i = 0; i < 40u; i++) {
        memset(buf, (int)i, 300u + i * 37u);
        if (etss_fs_write(&fs, CLIENT, 1u + i % 5u, buf, 300u + i * 37u, 0) != ETSS_FS_OK) {
            abort();
        }
    }
    if (etss_fs_remove(&fs, CLIENT, 3) != ETSS_FS_OK) {
        abort();
    }
    for (size_t at = 0; at + 4u <= size;) {
        uint32_t addr = (uint32_t)(data[at] % ZONE_SECTORS) * 4096u +
                        (((uint32_t)data[at + 1] | ((uint32_t)data[at + 2] << 8)) % 4096u);
        size_t len = data[at + 3];
        at += 4u;
        len = len < size - at ? len : size - at;
        if (len != 0u && nor_flash_program(&r.dev.nor, addr, &data[at], len) != NOR_FLASH_OK) {
            abort();
        }
        at += len;
    }
    int rc = etss_fs_mount(&fs, &r.dev, CLIENT);
    if (rc == ETSS_FS_OK) {
        for (size_t i = 0; i < ETSS_MAX_ASSETS_PER_ZONE; i++) {
            const struct etss_fs_entry *e = &fs.entries[i];
            size_t n = 0;
            if (e->used) {
                int got = etss_fs_read(&fs, e->owner, e->uid, 0, buf, sizeof(buf), &n);
                if (got != ETSS_FS_OK && got != ETSS_FS_ERR_CORRUPT) {
                    abort();
                }
            }
        }
        static const uint8_t probe[] = "written after a hostile mount";
        size_t n = 0;
        rc = etss_fs_write(&fs, CLIENT, 0x5EED, probe, sizeof(probe), 0);
        if (rc == ETSS_FS_OK) {
            if (etss_fs_mount(&fs, &r.dev, CLIENT) != ETSS_FS_OK ||
                etss_fs_read(&fs, CLIENT, 0x5EED, 0, buf, sizeof(buf), &n) != ETSS_FS_OK ||
                n != sizeof(probe) || memcmp(buf, probe, n) != 0) {
                abort();
            }
        } else if (rc != ETSS_FS_ERR_NO_SPACE && rc != ETSS_FS_ERR_CORRUPT) {
            abort();
        }
    } else if (rc != ETSS_FS_ERR_CORRUPT) {
        abort();
    }
    sf_rig_close(&r);
    return 0;
}
