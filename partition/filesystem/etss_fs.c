/*
 * The ETSS filesystem (format and reasoning: docs/filesystem.md).
 *
 * Invariants the code keeps:
 * - Sectors are started in ring order; sequence numbers grow by one per
 *   started sector; the log is the run of sectors tail_seq..head_seq.
 * - Records are appended in order, never rewritten (only marked invalid:
 *   a NOR program can clear bits of a written word). So only the last
 *   record of the log can be torn, and the newest record of a uid is its
 *   current value.
 * - Reclaiming takes the oldest sector: its current records are copied to
 *   the head, everything else in it is older than the rest of the log, so
 *   removal records there can be dropped.
 */
#include <string.h>

#include "etss_bytes.h"
#include "etss_crc32.h"
#include "etss_fs.h"
#include "sf_api.h"

#define RECORD_HEADER_LEN 32u
#define MAX_RECORD (RECORD_HEADER_LEN + ETSS_MAX_ASSET_SIZE)

/* A filesystem sector is as many 4 KiB erase units as the largest record
 * needs: one with the default 2 KiB assets. */
#define ERASE_UNIT 4096u
#define SECTOR_HEADER_LEN 16u
#define SECTOR_UNITS ((SECTOR_HEADER_LEN + MAX_RECORD + ERASE_UNIT - 1u) / ERASE_UNIT)
#define SECTOR_SIZE (SECTOR_UNITS * ERASE_UNIT)
#define SECTOR_MAGIC 0x53465445u /* "ETFS" */
#define SECTOR_PAYLOAD (SECTOR_SIZE - SECTOR_HEADER_LEN)

#define RECORD_MAGIC 0x4552u /* "RE" */
#define RECORD_ASSET 1u
#define RECORD_REMOVAL 2u
#define RECORD_VALID 0xFFFFFFFFu /* state word as written; cleared to invalidate */
#define STATE_OFFSET 28u

/* Sectors the log keeps free: one for the next head, one for reclaiming. */
#define RESERVED_SECTORS 2u
#define MIN_SECTORS 4u

struct record {
    uint8_t kind;
    uint8_t flags;
    uint64_t uid;
    int32_t owner;
    uint32_t length;
    uint32_t data_crc;
    uint32_t state;
};

static struct etss_fs_stats stats;
/* One record in flight (partition: one request at a time). */
static uint8_t record_buf[MAX_RECORD];

static uint32_t record_size(uint32_t length)
{
    return RECORD_HEADER_LEN + ((length + 3u) & ~3u);
}

static uint32_t slot_addr(uint32_t slot)
{
    return slot * SECTOR_SIZE;
}

static uint32_t log_length(const struct etss_fs *fs)
{
    return fs->has_log ? fs->head_seq - fs->tail_seq + 1u : 0u;
}

static uint32_t slot_of_seq(const struct etss_fs *fs, uint32_t seq)
{
    return (fs->head_slot + fs->n_sectors - (fs->head_seq - seq) % fs->n_sectors) % fs->n_sectors;
}

/* ---- the device, through the secure flash API layer ---- */

static int device_read(struct etss_fs *fs, uint32_t addr, void *buf, size_t len)
{
    return sf_api_read(fs->dev, fs->zone_client, addr, buf, len) == SF_OK ? ETSS_FS_OK
                                                                          : ETSS_FS_ERR_DEVICE;
}

/* A failed write leaves RAM and flash out of step: only a mount can
 * resynchronise them. */
static int device_write_failed(struct etss_fs *fs)
{
    fs->mounted = false;
    return ETSS_FS_ERR_DEVICE;
}

static int device_program(struct etss_fs *fs, uint32_t addr, const void *data, size_t len)
{
    return sf_api_program(fs->dev, fs->zone_client, addr, data, len) == SF_OK
               ? ETSS_FS_OK
               : device_write_failed(fs);
}

/* ---- record headers ---- */

static void encode_header(uint8_t *h, const struct record *r)
{
    h[0] = (uint8_t)RECORD_MAGIC;
    h[1] = (uint8_t)(RECORD_MAGIC >> 8);
    h[2] = r->kind;
    h[3] = r->flags;
    etss_put_le32(&h[4], (uint32_t)r->uid);
    etss_put_le32(&h[8], (uint32_t)(r->uid >> 32));
    etss_put_le32(&h[12], (uint32_t)r->owner);
    etss_put_le32(&h[16], r->length);
    etss_put_le32(&h[20], r->data_crc);
    etss_put_le32(&h[24], etss_crc32(0u, h, 24u));
    etss_put_le32(&h[STATE_OFFSET], RECORD_VALID);
}

/* false: not a record (erased, torn or foreign bytes). */
static bool decode_header(const uint8_t *h, struct record *r)
{
    if (h[0] != (uint8_t)RECORD_MAGIC || h[1] != (uint8_t)(RECORD_MAGIC >> 8) ||
        etss_get_le32(&h[24]) != etss_crc32(0u, h, 24u)) {
        return false;
    }
    r->kind = h[2];
    r->flags = h[3];
    r->uid = (uint64_t)etss_get_le32(&h[4]) | ((uint64_t)etss_get_le32(&h[8]) << 32);
    r->owner = (int32_t)etss_get_le32(&h[12]);
    r->length = etss_get_le32(&h[16]);
    r->data_crc = etss_get_le32(&h[20]);
    r->state = etss_get_le32(&h[STATE_OFFSET]);
    return (r->kind == RECORD_ASSET && r->length <= ETSS_MAX_ASSET_SIZE) ||
           (r->kind == RECORD_REMOVAL && r->length == 0u);
}

static bool all_erased(const uint8_t *p, size_t len)
{
    uint8_t and_all = 0xFFu;
    for (size_t i = 0; i < len; i++) {
        and_all &= p[i];
    }
    return and_all == 0xFFu;
}

/* ---- the index ---- */

/* Index of the asset's entry, or ETSS_MAX_ASSETS_PER_ZONE. */
static size_t find_index(const struct etss_fs *fs, int32_t owner, uint64_t uid)
{
    size_t i = 0;
    while (i < ETSS_MAX_ASSETS_PER_ZONE &&
           !(fs->entries[i].used && fs->entries[i].uid == uid && fs->entries[i].owner == owner)) {
        i++;
    }
    return i;
}

static struct etss_fs_entry *find(struct etss_fs *fs, int32_t owner, uint64_t uid)
{
    size_t i = find_index(fs, owner, uid);
    return i < ETSS_MAX_ASSETS_PER_ZONE ? &fs->entries[i] : NULL;
}

static struct etss_fs_entry *free_entry(struct etss_fs *fs)
{
    for (size_t i = 0; i < ETSS_MAX_ASSETS_PER_ZONE; i++) {
        if (!fs->entries[i].used) {
            return &fs->entries[i];
        }
    }
    return NULL;
}

/* Make the index say what a record at `addr` says. */
static int apply(struct etss_fs *fs, const struct record *r, uint32_t addr)
{
    struct etss_fs_entry *e = find(fs, r->owner, r->uid);
    if (r->kind == RECORD_REMOVAL) {
        if (e != NULL) {
            fs->live_bytes -= record_size(e->length);
            e->used = false;
        }
        return ETSS_FS_OK;
    }
    if (e == NULL) {
        e = free_entry(fs);
        if (e == NULL) {
            return ETSS_FS_ERR_CORRUPT; /* more assets than this build indexes */
        }
        e->used = true;
        e->uid = r->uid;
        e->owner = r->owner;
    } else {
        fs->live_bytes -= record_size(e->length);
    }
    e->length = r->length;
    e->addr = addr;
    e->flags = r->flags;
    fs->live_bytes += record_size(r->length);
    return ETSS_FS_OK;
}

/* ---- mount ---- */

static bool read_sector_header(struct etss_fs *fs, uint32_t slot, uint32_t *seq, uint32_t *tail)
{
    uint8_t h[SECTOR_HEADER_LEN];
    if (device_read(fs, slot_addr(slot), h, sizeof(h)) != ETSS_FS_OK ||
        etss_get_le32(h) != SECTOR_MAGIC || etss_get_le32(&h[12]) != etss_crc32(0u, h, 12u)) {
        return false;
    }
    *seq = etss_get_le32(&h[4]);
    *tail = etss_get_le32(&h[8]);
    return true;
}

/* Is the record at `addr` whole? Its data must match its checksum. */
static int record_intact(struct etss_fs *fs, uint32_t addr, const struct record *r, bool *intact)
{
    int rc = device_read(fs, addr + RECORD_HEADER_LEN, record_buf, r->length);
    *intact = rc == ETSS_FS_OK && etss_crc32(0u, record_buf, r->length) == r->data_crc;
    sf_crypto_zeroize(record_buf, r->length);
    return rc;
}

/* Mount reads record headers through a window: one secure read brings
 * the headers of several small records. After a large record the next
 * header is far away, and a header-sized read is cheaper. */
#define SCAN_WINDOW 256u

struct scan_window {
    uint32_t start;
    uint32_t len;
    uint8_t bytes[SCAN_WINDOW];
};

static int scan_read(struct etss_fs *fs, struct scan_window *w, uint32_t addr, uint32_t end,
                     uint32_t last_record, uint8_t *out)
{
    if (addr < w->start || addr + RECORD_HEADER_LEN > w->start + w->len) {
        uint32_t want =
            last_record <= SCAN_WINDOW - RECORD_HEADER_LEN ? SCAN_WINDOW : RECORD_HEADER_LEN;
        w->start = addr;
        w->len = end - addr < want ? end - addr : want;
        int rc = device_read(fs, addr, w->bytes, w->len);
        if (rc != ETSS_FS_OK) {
            w->len = 0;
            return rc;
        }
    }
    memcpy(out, &w->bytes[addr - w->start], RECORD_HEADER_LEN);
    return ETSS_FS_OK;
}

/* Is [addr, end) erased? Appends go to the head's free space, and NOR
 * programming only clears bits: a record written over cells that are not
 * erased (decayed, or tampered with) would read back broken. */
static int free_space_erased(struct etss_fs *fs, struct scan_window *w, uint32_t addr, uint32_t end,
                             bool *erased)
{
    *erased = true;
    while (addr < end && *erased) {
        uint32_t n = end - addr < SCAN_WINDOW ? end - addr : SCAN_WINDOW;
        int rc = device_read(fs, addr, w->bytes, n);
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        *erased = all_erased(w->bytes, n);
        addr += n;
    }
    return ETSS_FS_OK;
}

/* Scan one log sector, applying its records; the newest record of the
 * whole log is held back in *pending until its data is checked. */
static int scan_sector(struct etss_fs *fs, uint32_t slot, bool is_head, struct record *pending,
                       uint32_t *pending_addr, bool *have_pending)
{
    static struct scan_window window;
    uint32_t base = slot_addr(slot);
    uint32_t off = SECTOR_HEADER_LEN;
    uint32_t last_record = 0;
    bool torn = false;
    window.len = 0;
    while (off + RECORD_HEADER_LEN <= SECTOR_SIZE) {
        uint8_t h[RECORD_HEADER_LEN];
        struct record r;
        int rc = scan_read(fs, &window, base + off, base + SECTOR_SIZE, last_record, h);
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        if (all_erased(h, sizeof(h))) {
            break;
        }
        if (!decode_header(h, &r) || off + record_size(r.length) > SECTOR_SIZE) {
            torn = true; /* a write cut short: nothing follows it in this sector */
            break;
        }
        if (r.state == RECORD_VALID) {
            if (*have_pending) {
                rc = apply(fs, pending, *pending_addr);
                if (rc != ETSS_FS_OK) {
                    return rc;
                }
            }
            *pending = r;
            *pending_addr = base + off;
            *have_pending = true;
        }
        last_record = record_size(r.length);
        off += last_record;
    }
    sf_crypto_zeroize(window.bytes, window.len); /* it held small records' data too */
    window.len = 0;
    if (is_head) {
        /* A torn record, or free space that is not all erased, closes the
         * head: the next write starts a freshly erased sector. */
        bool erased = !torn;
        if (!torn && off + RECORD_HEADER_LEN < SECTOR_SIZE) {
            int rc = free_space_erased(fs, &window, base + off + RECORD_HEADER_LEN,
                                       base + SECTOR_SIZE, &erased);
            if (rc != ETSS_FS_OK) {
                return rc;
            }
        }
        fs->head_used = off;
        fs->head_closed = !erased;
    }
    return ETSS_FS_OK;
}

static uint32_t capacity_of(uint32_t n_sectors)
{
    /* Worst case, each sector wastes just under one record at its end. */
    return (n_sectors - RESERVED_SECTORS) * (SECTOR_PAYLOAD - MAX_RECORD);
}

int etss_fs_mount(struct etss_fs *fs, struct sf_device *dev, int32_t zone_client)
{
    uint32_t zone_size = 0;
    if (fs == NULL || dev == NULL) {
        return ETSS_FS_ERR_PARAM;
    }
    memset(fs, 0, sizeof(*fs));
    fs->dev = dev;
    fs->zone_client = zone_client;
    if (sf_api_zone_size(dev, zone_client, &zone_size) != SF_OK) {
        return ETSS_FS_ERR_DEVICE;
    }
    fs->n_sectors = zone_size / SECTOR_SIZE;
    if (fs->n_sectors < MIN_SECTORS) {
        return ETSS_FS_ERR_ZONE;
    }
    fs->capacity = capacity_of(fs->n_sectors);

    /* The head is the sector with the highest sequence number. */
    for (uint32_t slot = 0; slot < fs->n_sectors; slot++) {
        uint32_t seq = 0;
        uint32_t tail = 0;
        if (read_sector_header(fs, slot, &seq, &tail) && (!fs->has_log || seq > fs->head_seq)) {
            fs->has_log = true;
            fs->head_slot = slot;
            fs->head_seq = seq;
            fs->tail_seq = tail;
        }
    }
    if (!fs->has_log) {
        fs->mounted = true; /* blank zone: the first write starts the log */
        return ETSS_FS_OK;
    }
    if (fs->tail_seq > fs->head_seq || log_length(fs) > fs->n_sectors - 1u) {
        return ETSS_FS_ERR_CORRUPT;
    }

    struct record pending;
    uint32_t pending_addr = 0;
    bool have_pending = false;
    for (uint32_t seq = fs->tail_seq; seq <= fs->head_seq; seq++) {
        uint32_t slot = slot_of_seq(fs, seq);
        uint32_t found = 0;
        uint32_t tail = 0;
        if (!read_sector_header(fs, slot, &found, &tail) || found != seq) {
            return ETSS_FS_ERR_CORRUPT; /* a sector of the log lost its header */
        }
        int rc = scan_sector(fs, slot, seq == fs->head_seq, &pending, &pending_addr, &have_pending);
        if (rc != ETSS_FS_OK) {
            return rc;
        }
    }
    if (have_pending) {
        bool intact = false;
        int rc = pending.kind == RECORD_ASSET ? record_intact(fs, pending_addr, &pending, &intact)
                                              : ETSS_FS_OK;
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        if (pending.kind == RECORD_REMOVAL || intact) {
            rc = apply(fs, &pending, pending_addr);
        } else {
            /* Torn by a power cut: the old value stands. Mark it before
             * anything is written after it, or a later mount would take
             * it for a good record. */
            fs->invalidate_pending = true;
            fs->invalidate_addr = pending_addr + STATE_OFFSET;
        }
        if (rc != ETSS_FS_OK) {
            return rc;
        }
    }
    fs->mounted = true;
    return ETSS_FS_OK;
}

/* ---- appending ---- */

static int flush_invalidation(struct etss_fs *fs)
{
    static const uint8_t cleared[4] = {0u, 0u, 0u, 0u};
    if (!fs->invalidate_pending) {
        return ETSS_FS_OK;
    }
    int rc = device_program(fs, fs->invalidate_addr, cleared, sizeof(cleared));
    if (rc == ETSS_FS_OK) {
        fs->invalidate_pending = false;
    }
    return rc;
}

/* Erase the next ring slot and make it the head. */
static int start_sector(struct etss_fs *fs)
{
    uint8_t h[SECTOR_HEADER_LEN];
    uint32_t slot = fs->has_log ? (fs->head_slot + 1u) % fs->n_sectors : 0u;
    uint32_t seq = fs->has_log ? fs->head_seq + 1u : 1u;
    uint32_t tail = fs->has_log ? fs->tail_seq : seq;
    for (uint32_t unit = 0; unit < SECTOR_UNITS; unit++) {
        if (sf_api_erase(fs->dev, fs->zone_client, slot_addr(slot) + unit * ERASE_UNIT) != SF_OK) {
            return device_write_failed(fs);
        }
    }
    etss_put_le32(h, SECTOR_MAGIC);
    etss_put_le32(&h[4], seq);
    etss_put_le32(&h[8], tail);
    etss_put_le32(&h[12], etss_crc32(0u, h, 12u));
    int rc = device_program(fs, slot_addr(slot), h, sizeof(h));
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    fs->head_slot = slot;
    fs->head_seq = seq;
    fs->tail_seq = tail;
    fs->has_log = true;
    fs->head_used = SECTOR_HEADER_LEN;
    fs->head_closed = false;
    stats.sectors_started++;
    return ETSS_FS_OK;
}

static int reserve(struct etss_fs *fs, uint32_t size, bool reclaiming);

/* Reclaim the oldest sector: copy its current records to the head. */
static int reclaim_oldest(struct etss_fs *fs)
{
    if (log_length(fs) < 2u) {
        return ETSS_FS_ERR_NO_SPACE;
    }
    uint32_t base = slot_addr(slot_of_seq(fs, fs->tail_seq));
    for (size_t i = 0; i < ETSS_MAX_ASSETS_PER_ZONE; i++) {
        struct etss_fs_entry *e = &fs->entries[i];
        if (!e->used || e->addr < base || e->addr >= base + SECTOR_SIZE) {
            continue;
        }
        uint32_t size = record_size(e->length);
        int rc = reserve(fs, size, true);
        if (rc == ETSS_FS_OK) {
            /* Copied as stored: a record that fails its check stays
             * detectably bad instead of being laundered. */
            rc = device_read(fs, e->addr, record_buf, size);
        }
        uint32_t to = slot_addr(fs->head_slot) + fs->head_used;
        if (rc == ETSS_FS_OK) {
            rc = device_program(fs, to, record_buf, size);
        }
        sf_crypto_zeroize(record_buf, size);
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        e->addr = to;
        fs->head_used += size;
        stats.records_copied++;
    }
    fs->tail_seq++;
    stats.sectors_reclaimed++;
    return ETSS_FS_OK;
}

/* Room for `size` bytes at the head, starting (and, for a normal write,
 * reclaiming) sectors as needed. */
static int reserve(struct etss_fs *fs, uint32_t size, bool reclaiming)
{
    int rc = flush_invalidation(fs);
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    if (fs->has_log && !fs->head_closed && fs->head_used + size <= SECTOR_SIZE) {
        return ETSS_FS_OK;
    }
    /* Copies may use the last free sector; new data leaves it for them. */
    uint32_t keep_free = reclaiming ? 1u : RESERVED_SECTORS;
    /* One pass over the log compacts it; two are a generous bound. */
    for (uint32_t guard = 0; fs->n_sectors - log_length(fs) < keep_free; guard++) {
        if (reclaiming || guard == 2u * fs->n_sectors) {
            return ETSS_FS_ERR_NO_SPACE;
        }
        rc = reclaim_oldest(fs);
        if (rc != ETSS_FS_OK) {
            return rc;
        }
    }
    /* Reclaiming may have left room in the head after all. */
    if (fs->has_log && !fs->head_closed && fs->head_used + size <= SECTOR_SIZE) {
        return ETSS_FS_OK;
    }
    return start_sector(fs);
}

static int append(struct etss_fs *fs, const struct record *r, const void *data, uint32_t *addr)
{
    uint32_t size = record_size(r->length);
    int rc = reserve(fs, size, false);
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    /* Built only now: reclaiming above used the same buffer. */
    memset(record_buf, 0xFF, size);
    encode_header(record_buf, r);
    if (r->length != 0u) {
        memcpy(&record_buf[RECORD_HEADER_LEN], data, r->length);
    }
    *addr = slot_addr(fs->head_slot) + fs->head_used;
    rc = device_program(fs, *addr, record_buf, size);
    sf_crypto_zeroize(record_buf, size); /* asset data: on the flash only */
    if (rc == ETSS_FS_OK) {
        fs->head_used += size;
        stats.records_written++;
    }
    return rc;
}

static int usable(const struct etss_fs *fs)
{
    if (fs == NULL) {
        return ETSS_FS_ERR_PARAM;
    }
    return fs->mounted ? ETSS_FS_OK : ETSS_FS_ERR_UNMOUNTED;
}

int etss_fs_write(struct etss_fs *fs, int32_t owner, uint64_t uid, const void *data, size_t len,
                  uint8_t flags)
{
    int rc = usable(fs);
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    if (len > ETSS_MAX_ASSET_SIZE || (data == NULL && len != 0u)) {
        return ETSS_FS_ERR_PARAM;
    }
    const struct etss_fs_entry *old = find(fs, owner, uid);
    uint32_t size = record_size((uint32_t)len);
    uint32_t freed = old != NULL ? record_size(old->length) : 0u;
    if ((old == NULL && free_entry(fs) == NULL) || fs->live_bytes - freed + size > fs->capacity) {
        return ETSS_FS_ERR_NO_SPACE;
    }
    struct record r = {
        .kind = RECORD_ASSET,
        .flags = flags,
        .uid = uid,
        .owner = owner,
        .length = (uint32_t)len,
        .data_crc = etss_crc32(0u, data, len),
    };
    uint32_t addr = 0;
    rc = append(fs, &r, data, &addr);
    return rc == ETSS_FS_OK ? apply(fs, &r, addr) : rc;
}

int etss_fs_remove(struct etss_fs *fs, int32_t owner, uint64_t uid)
{
    int rc = usable(fs);
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    if (find(fs, owner, uid) == NULL) {
        return ETSS_FS_ERR_NOT_FOUND;
    }
    struct record r = {.kind = RECORD_REMOVAL, .uid = uid, .owner = owner};
    uint32_t addr = 0;
    rc = append(fs, &r, NULL, &addr);
    return rc == ETSS_FS_OK ? apply(fs, &r, addr) : rc;
}

int etss_fs_read(struct etss_fs *fs, int32_t owner, uint64_t uid, size_t offset, void *buf,
                 size_t size, size_t *out_len)
{
    int rc = usable(fs);
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    if ((buf == NULL && size != 0u) || out_len == NULL) {
        return ETSS_FS_ERR_PARAM;
    }
    const struct etss_fs_entry *e = find(fs, owner, uid);
    if (e == NULL) {
        return ETSS_FS_ERR_NOT_FOUND;
    }
    if (offset > e->length) {
        return ETSS_FS_ERR_PARAM;
    }
    /* Two tries: a read disturbed on its way out is not a decayed cell. */
    bool intact = false;
    for (int attempt = 0; attempt < 2 && !intact; attempt++) {
        struct record r;
        rc = device_read(fs, e->addr, record_buf, record_size(e->length));
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        intact = decode_header(record_buf, &r) && r.kind == RECORD_ASSET && r.uid == uid &&
                 r.owner == owner && r.length == e->length &&
                 etss_crc32(0u, &record_buf[RECORD_HEADER_LEN], r.length) == r.data_crc;
    }
    if (!intact) {
        sf_crypto_zeroize(record_buf, record_size(e->length));
        return ETSS_FS_ERR_CORRUPT;
    }
    size_t n = e->length - offset < size ? e->length - offset : size;
    if (n != 0u) {
        memcpy(buf, &record_buf[RECORD_HEADER_LEN + offset], n);
    }
    sf_crypto_zeroize(record_buf, record_size(e->length));
    *out_len = n;
    return ETSS_FS_OK;
}

int etss_fs_info(const struct etss_fs *fs, int32_t owner, uint64_t uid, uint32_t *length,
                 uint8_t *flags)
{
    int rc = usable(fs);
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    if (length == NULL || flags == NULL) {
        return ETSS_FS_ERR_PARAM;
    }
    size_t i = find_index(fs, owner, uid);
    if (i == ETSS_MAX_ASSETS_PER_ZONE) {
        return ETSS_FS_ERR_NOT_FOUND;
    }
    *length = fs->entries[i].length;
    *flags = fs->entries[i].flags;
    return ETSS_FS_OK;
}

uint32_t etss_fs_count(const struct etss_fs *fs, int32_t owner)
{
    uint32_t n = 0;
    for (size_t i = 0; fs != NULL && i < ETSS_MAX_ASSETS_PER_ZONE; i++) {
        n += fs->entries[i].used && fs->entries[i].owner == owner;
    }
    return n;
}

const struct etss_fs_stats *etss_fs_stats(void)
{
    return &stats;
}
