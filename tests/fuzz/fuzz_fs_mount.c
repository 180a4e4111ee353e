/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer: the filesystem mounts whatever a zone holds. A valid log is
 * written first on the RAM device (assets, updates, a removal, round the
 * ring, with a reclaim target), then the input is programmed over the
 * zone, which can only clear bits: damaged sector headers, torn records,
 * garbage between them. The filesystem must mount or refuse cleanly, never
 * return data other than what was written, and, when it mounted, keep
 * working: a new asset written reads back after a remount.
 *
 * Input: records of sector (1), offset (2, LE), length (1), bytes. A
 * sector byte with its top bit set writes the bytes into that sector's
 * summary of the sector before, from the offset, and makes its CRC right:
 * a summary forged whole must be refused or served just as safely.
 */
#include <stdlib.h>
#include <string.h>

#include "etss_fs.h"
#include "fs_format.h"
#include "fs_ram.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ZONE_SECTORS 16u
#define UNIT 4096u
#define OWNER (-1)
#define WRITES 40u

static uint32_t len_of(uint32_t i)
{
    return 300u + i * 37u;
}

/* Is it what some write of the workload stored under this uid? */
static bool was_written(uint64_t uid, const uint8_t *buf, size_t n)
{
    for (uint32_t i = 0; i < WRITES; i++) {
        if (1u + i % 5u == uid && len_of(i) == n) {
            size_t k = 0;
            while (k < n && buf[k] == (uint8_t)i) {
                k++;
            }
            if (k == n) {
                return true;
            }
        }
    }
    return false;
}

/* The summary in a sector's header: bytes written over it, its CRC made
 * right. */
static void forge_summary(struct fs_ram *ram, uint32_t sector, uint32_t off, const uint8_t *bytes,
                          size_t len)
{
    uint8_t *h = &ram->mem[sector * UNIT];
    uint8_t *m = &h[FS_SECTOR_FIELDS];
    off %= FS_SUMMARY_LEN;
    len = len < FS_SUMMARY_LEN - off ? len : FS_SUMMARY_LEN - off;
    memcpy(&m[off], bytes, len);
    uint32_t crc = fs_summary_crc(h);
    memcpy(&m[4], &crc, sizeof(crc));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct etss_fs fs;
    static uint8_t buf[ETSS_MAX_ASSET_SIZE];
    struct fs_ram ram;
    struct etss_fs_storage storage;
    if (fs_ram_init(&ram, ZONE_SECTORS * UNIT, UNIT, 1) != 0) {
        abort();
    }
    fs_ram_storage(&ram, &storage);
    if (etss_fs_mount(&fs, &storage) != ETSS_FS_OK) {
        abort();
    }
    for (uint32_t i = 0; i < WRITES; i++) {
        memset(buf, (int)i, len_of(i));
        if (etss_fs_write(&fs, OWNER, 1u + i % 5u, buf, len_of(i), 0) != ETSS_FS_OK) {
            abort();
        }
    }
    if (etss_fs_remove(&fs, OWNER, 3) != ETSS_FS_OK) {
        abort();
    }
    for (size_t at = 0; at + 4u <= size;) {
        uint32_t addr = (uint32_t)(data[at] % ZONE_SECTORS) * UNIT +
                        (((uint32_t)data[at + 1] | ((uint32_t)data[at + 2] << 8)) % UNIT);
        size_t len = data[at + 3];
        at += 4u;
        len = len < size - at ? len : size - at;
        len = len < ZONE_SECTORS * UNIT - addr ? len : ZONE_SECTORS * UNIT - addr;
        if ((data[at - 4u] & 0x80u) != 0u) {
            forge_summary(&ram, addr / UNIT, addr % UNIT, &data[at], len);
        } else if (len != 0u && storage.prog(storage.ctx, addr, &data[at], len) != 0) {
            abort();
        }
        at += len;
    }
    int rc = etss_fs_mount(&fs, &storage);
    if (rc == ETSS_FS_OK) {
        if (etss_fs_check(&fs) != ETSS_FS_OK) {
            abort();
        }
        for (size_t i = 0; i < ETSS_MAX_ASSETS_PER_ZONE; i++) {
            const struct etss_fs_entry *e = &fs.entries[i];
            size_t n = 0;
            if (e->used) {
                int got = etss_fs_read(&fs, e->owner, e->uid, 0, buf, sizeof(buf), &n);
                if ((got != ETSS_FS_OK && got != ETSS_FS_ERR_CORRUPT) ||
                    (got == ETSS_FS_OK && !was_written(e->uid, buf, n))) {
                    abort();
                }
            }
        }
        static const uint8_t probe[] = "written after a hostile mount";
        size_t n = 0;
        rc = etss_fs_write(&fs, OWNER, 0x5EED, probe, sizeof(probe), 0);
        if (rc == ETSS_FS_OK) {
            if (etss_fs_mount(&fs, &storage) != ETSS_FS_OK ||
                etss_fs_read(&fs, OWNER, 0x5EED, 0, buf, sizeof(buf), &n) != ETSS_FS_OK ||
                n != sizeof(probe) || memcmp(buf, probe, n) != 0) {
                abort();
            }
        } else if (rc != ETSS_FS_ERR_NO_SPACE && rc != ETSS_FS_ERR_CORRUPT) {
            abort();
        }
    } else if (rc != ETSS_FS_ERR_CORRUPT && rc != ETSS_FS_ERR_FORMAT) {
        abort();
    }
    fs_ram_free(&ram);
    return 0;
}
