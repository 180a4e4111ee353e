/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS filesystem: a log of asset records in a ring of sectors, one
 * instance per secure zone (format, invariants and proofs:
 * docs/filesystem.md). A write appends one record; a power cut leaves
 * every asset with its old or its new value; every read that decides
 * what mount believes is checked, and re-read when the check fails.
 *
 * It reaches its storage only through `struct etss_fs_storage` (read,
 * program, erase of one erase unit, geometry): the service gives it a
 * secure zone through the secure flash API layer (etss_fs_zone.h), the
 * tests a RAM device with fault injection. It stores assets by (owner,
 * uid) and knows nothing of PSA semantics: the service above decides what
 * is allowed.
 */
#ifndef ETSS_FS_H
#define ETSS_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "etss_config.h"

/* Every function returns one of these. */
enum etss_fs_status {
    ETSS_FS_OK = 0,
    ETSS_FS_ERR_PARAM = -1,     /* bad argument: nothing was done */
    ETSS_FS_ERR_NOT_FOUND = -2, /* no such asset */
    ETSS_FS_ERR_NO_SPACE = -3,  /* zone or index full: nothing was changed */
    ETSS_FS_ERR_CORRUPT = -4,   /* stored content failed its check and no re-read passed */
    ETSS_FS_ERR_DEVICE = -5,    /* the storage failed; the next call mounts again */
    ETSS_FS_ERR_ZONE = -6,      /* the zone is too small to hold anything (etss_fs_capacity) */
    ETSS_FS_ERR_UNMOUNTED = -7, /* not mounted (or a failure unmounted it) */
    ETSS_FS_ERR_FORMAT = -8,    /* the zone holds another format version or geometry */
    ETSS_FS_ERR_INTERNAL = -9,  /* an invariant does not hold (debug builds check) */
};

/*
 * What the filesystem needs of its storage. Addresses are offsets in the
 * zone. Each operation returns 0 on success, anything else on failure (the
 * filesystem does not look at the value). `prog` only clears bits (NOR);
 * `erase` sets one erase unit, `erase_unit` bytes at an aligned address,
 * to 0xFF. A power cut may leave any operation half done.
 */
struct etss_fs_storage {
    int (*read)(void *ctx, uint32_t addr, void *buf, size_t len);
    int (*prog)(void *ctx, uint32_t addr, const void *data, size_t len);
    int (*erase)(void *ctx, uint32_t addr);
    /* Optional: `count` runs of `len` bytes, run i from addr + i x stride
     * (stride >= len), into `buf` back to back, in fewer requests than
     * `count` reads (mount reads sector headers so). NULL: the filesystem
     * reads run by run. */
    int (*read_strided)(void *ctx, uint32_t addr, uint32_t stride, uint32_t count, void *buf,
                        size_t len);
    void *ctx;
    uint32_t size;       /* bytes of the zone */
    uint32_t erase_unit; /* bytes; a power of two from 256 to 65536 */
};

struct etss_fs_entry {
    uint64_t uid;
    int32_t owner;
    uint32_t length;
    uint32_t addr; /* of the record */
    uint8_t flags;
    bool used;
    bool lost; /* its record failed every read when it had to be moved */
};

/* Words of the log programmed to 0 before the next write: a torn record's
 * state, a half-programmed word made whole. */
#define ETSS_FS_PENDING_ZEROES 4u

/* Records a sector's summary lists (docs/filesystem.md, "Summaries"): a
 * sector where more start is read record by record at mount. */
#define ETSS_FS_SUMMARY_RECORDS 6u

/* A record that starts in the head, as the head's summary will list it. */
struct etss_fs_listed {
    uint64_t uid;
    int32_t owner;
    uint16_t offset; /* in its sector */
    uint16_t length;
    uint8_t kind;
    uint8_t flags;
};

/* A sector's summary: the current records that start in it, whether more
 * did than it lists, what became of the one that runs on into it. */
struct etss_fs_summary {
    uint32_t count;
    bool unlisted;
    uint8_t carried;
    struct etss_fs_listed list[ETSS_FS_SUMMARY_RECORDS];
};

struct etss_fs {
    struct etss_fs_storage storage;
    uint32_t sector_size;
    uint32_t n_sectors;
    uint32_t capacity;   /* record bytes the log always holds */
    uint32_t live_bytes; /* record bytes of the current assets */
    bool mounted;
    /* The log: sectors tail_seq..head_seq, the head at head_slot. */
    bool has_log;
    uint32_t head_slot;
    uint32_t head_seq;
    uint32_t tail_seq;
    uint32_t head_advances; /* tail advances recorded in the head's header */
    uint32_t head_used;     /* bytes of the head sector in use */
    bool head_closed;       /* a torn write, or cells not erased, at its end: append elsewhere */
    uint32_t n_pending;
    uint32_t pending_zero[ETSS_FS_PENDING_ZEROES];
    /* The head's summary, written into the next sector's header when it
     * starts. */
    struct etss_fs_summary head_summary;
    struct etss_fs_entry entries[ETSS_MAX_ASSETS_PER_ZONE];
};

/* Statistics of the whole filesystem layer (all instances). */
struct etss_fs_stats {
    uint32_t records_written; /* asset and removal records */
    uint32_t records_copied;  /* moved by reclaiming the oldest sector */
    uint32_t records_lost;    /* could not be read back when they had to be moved */
    uint32_t sectors_reclaimed;
    uint32_t sectors_started;
    uint32_t reclaim_targets; /* sectors started to take one reclaim's copies */
    uint32_t reclaims_undone; /* interrupted reclaims rolled back at mount */
    uint32_t reads_retried;   /* reads repeated because a check failed */
    uint32_t head_probes;     /* sector headers read to find the head at mount */
};

/*
 * Mount the filesystem of `storage`. A blank zone mounts as an empty
 * filesystem. Mount writes only to roll back a reclaim that a power cut
 * interrupted (one erase).
 * \retval ETSS_FS_OK, ETSS_FS_ERR_PARAM (NULL, or a geometry it cannot use),
 *         ETSS_FS_ERR_ZONE, ETSS_FS_ERR_FORMAT, ETSS_FS_ERR_CORRUPT (the log
 *         is damaged beyond what mount can tell apart from a cut: it refuses
 *         rather than serve older values), ETSS_FS_ERR_DEVICE
 */
int etss_fs_mount(struct etss_fs *fs, const struct etss_fs_storage *storage);

/*
 * Create or replace an asset; on any failure the old value stays.
 * \retval ETSS_FS_OK, ETSS_FS_ERR_PARAM, ETSS_FS_ERR_NO_SPACE,
 *         ETSS_FS_ERR_UNMOUNTED, ETSS_FS_ERR_DEVICE, ETSS_FS_ERR_INTERNAL
 */
int etss_fs_write(struct etss_fs *fs, int32_t owner, uint64_t uid, const void *data, size_t len,
                  uint8_t flags);
/*
 * Copy up to `size` bytes from `offset` of an asset. The whole record is
 * checked first, and read again when the check fails: never wrong data.
 * \retval ETSS_FS_OK, ETSS_FS_ERR_PARAM, ETSS_FS_ERR_NOT_FOUND,
 *         ETSS_FS_ERR_CORRUPT, ETSS_FS_ERR_UNMOUNTED, ETSS_FS_ERR_DEVICE
 */
int etss_fs_read(struct etss_fs *fs, int32_t owner, uint64_t uid, size_t offset, void *buf,
                 size_t size, size_t *out_len);
/*
 * Length and flags of an asset. An asset whose value was lost still has
 * its flags: they are set, with length 0, and ETSS_FS_ERR_CORRUPT returned.
 * \retval ETSS_FS_OK, ETSS_FS_ERR_PARAM, ETSS_FS_ERR_NOT_FOUND,
 *         ETSS_FS_ERR_CORRUPT (its value was lost), ETSS_FS_ERR_UNMOUNTED
 */
int etss_fs_info(const struct etss_fs *fs, int32_t owner, uint64_t uid, uint32_t *length,
                 uint8_t *flags);
/*
 * \retval ETSS_FS_OK, ETSS_FS_ERR_PARAM, ETSS_FS_ERR_NOT_FOUND,
 *         ETSS_FS_ERR_UNMOUNTED, ETSS_FS_ERR_DEVICE, ETSS_FS_ERR_INTERNAL
 */
int etss_fs_remove(struct etss_fs *fs, int32_t owner, uint64_t uid);

/* Assets `owner` holds. */
uint32_t etss_fs_count(const struct etss_fs *fs, int32_t owner);

/* Record bytes a zone of `zone_size` bytes on storage with this erase unit
 * always accepts (0: too small); an asset of `len` bytes takes
 * etss_fs_record_size(len) of them. */
uint32_t etss_fs_capacity(uint32_t zone_size, uint32_t erase_unit);
/* The filesystem's sector: one erase unit, or 4 KiB of smaller ones (0: an
 * erase unit it cannot use). A zone with a capacity of 0 does not mount. */
uint32_t etss_fs_sector_size(uint32_t erase_unit);
uint32_t etss_fs_record_size(uint32_t len);

/*
 * Check the invariants of a mounted filesystem (docs/filesystem.md,
 * "Invariants"); debug builds (ETSS_FS_CHECK_INVARIANTS) run it after
 * every operation and unmount on a violation.
 * \retval ETSS_FS_OK, ETSS_FS_ERR_PARAM, ETSS_FS_ERR_UNMOUNTED,
 *         ETSS_FS_ERR_INTERNAL
 */
int etss_fs_check(const struct etss_fs *fs);

const struct etss_fs_stats *etss_fs_stats(void);

#endif /* ETSS_FS_H */
