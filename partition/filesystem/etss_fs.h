/*
 * The ETSS filesystem: a log of asset records in a ring of 4 KiB sectors,
 * one instance per secure zone (docs/filesystem.md). A write appends one
 * record; a power cut leaves every asset with its old or its new value;
 * mount reads headers and writes nothing; the oldest sector is reclaimed
 * first, so wear goes round the whole zone.
 *
 * It stores assets by (owner, uid) and knows nothing of PSA semantics:
 * the service above decides what is allowed.
 */
#ifndef ETSS_FS_H
#define ETSS_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "etss_config.h"
#include "sf_device.h"

enum etss_fs_status {
    ETSS_FS_OK = 0,
    ETSS_FS_ERR_PARAM = -1,     /* bad argument */
    ETSS_FS_ERR_NOT_FOUND = -2, /* no such asset */
    ETSS_FS_ERR_NO_SPACE = -3,  /* zone or index full: nothing was changed */
    ETSS_FS_ERR_CORRUPT = -4,   /* stored content failed its check */
    ETSS_FS_ERR_DEVICE = -5,    /* the secure flash failed; remount before going on */
    ETSS_FS_ERR_ZONE = -6,      /* the zone is too small for a filesystem */
    ETSS_FS_ERR_UNMOUNTED = -7, /* not mounted (or a failure unmounted it) */
};

struct etss_fs_entry {
    uint64_t uid;
    int32_t owner;
    uint32_t length;
    uint32_t addr; /* of the record, zone-relative */
    uint8_t flags;
    bool used;
};

struct etss_fs {
    struct sf_device *dev;
    int32_t zone_client; /* a client bound to the zone: the API layer's handle on it */
    uint32_t n_sectors;
    uint32_t capacity;   /* record bytes the log can always hold */
    uint32_t live_bytes; /* record bytes of the current assets */
    bool mounted;
    /* The log: sectors tail_seq..head_seq, the head at head_slot. */
    bool has_log;
    uint32_t head_slot;
    uint32_t head_seq;
    uint32_t tail_seq;
    uint32_t head_used; /* bytes of the head sector in use */
    bool head_closed;   /* a torn write, or cells not erased, at its end: append elsewhere */
    /* A torn last record found at mount, to be marked invalid before the
     * next write. */
    bool invalidate_pending;
    uint32_t invalidate_addr;
    struct etss_fs_entry entries[ETSS_MAX_ASSETS_PER_ZONE];
};

/* Statistics of the whole filesystem layer (all instances). */
struct etss_fs_stats {
    uint32_t records_written; /* asset and removal records */
    uint32_t records_copied;  /* moved by reclaiming the oldest sector */
    uint32_t sectors_reclaimed;
    uint32_t sectors_started;
};

/* Mount the filesystem of the zone `zone_client` is bound to. Reads, never
 * writes. A blank zone mounts as an empty filesystem. */
int etss_fs_mount(struct etss_fs *fs, struct sf_device *dev, int32_t zone_client);

/* Create or replace an asset; on any failure the old value stays. */
int etss_fs_write(struct etss_fs *fs, int32_t owner, uint64_t uid, const void *data, size_t len,
                  uint8_t flags);
/* Copy up to `size` bytes from `offset` of an asset (the whole asset is
 * checked first: never wrong data). */
int etss_fs_read(struct etss_fs *fs, int32_t owner, uint64_t uid, size_t offset, void *buf,
                 size_t size, size_t *out_len);
/* Length and flags of an asset. */
int etss_fs_info(const struct etss_fs *fs, int32_t owner, uint64_t uid, uint32_t *length,
                 uint8_t *flags);
int etss_fs_remove(struct etss_fs *fs, int32_t owner, uint64_t uid);

/* Assets `owner` holds. */
uint32_t etss_fs_count(const struct etss_fs *fs, int32_t owner);

const struct etss_fs_stats *etss_fs_stats(void);

#endif /* ETSS_FS_H */
