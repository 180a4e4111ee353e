/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ETSS filesystem (format, invariants and why they hold:
 * docs/filesystem.md).
 *
 * In short:
 * - Sectors are started in ring order with sequence numbers one apart;
 *   the log is the run tail_seq..head_seq, and every sector in it has a
 *   valid header with the sequence number its ring position implies.
 * - The tail only moves on once the tail sector's current records are
 *   copied; the move is recorded in the head's header at once (an advance
 *   word programmed to 0), so the committed log never names a sector that
 *   may be erased, and a sector is erased only when it lies outside it.
 * - Records are appended, never rewritten (only a state word cleared).
 *   Only the newest record of the log can be torn.
 * - At least one ring slot is free between operations. A reclaim whose
 *   copies do not fit the head starts a "target" sector for them; if a
 *   power cut stops it before the tail advance, mount erases the target
 *   (its records are copies) and the slot is free again.
 * - Each sector's header carries a summary of the sector before (its
 *   current records, up to ETSS_FS_SUMMARY_RECORDS): mount reads one
 *   header per sector, and record headers only in the head.
 */
#include <string.h>

#include "etss_bytes.h"
#include "etss_crc32.h"
#include "etss_fs.h"
#include "sf_crypto.h"

#define FORMAT_VERSION 4u

#define SECTOR_MAGIC 0x53465445u /* "ETFS" */
#define SECTOR_CRC_OFFSET 32u
#define SECTOR_ADVANCE_OFFSET 36u
/* Tail moves one head's header records; a reclaim finding none left
 * starts a target, whose header has them all. */
#define MAX_ADVANCES 4u
/* The summary of the sector before, programmed with the header. What the
 * head search reads of a header ends where it begins. */
#define SUMMARY_OFFSET (SECTOR_ADVANCE_OFFSET + 4u * MAX_ADVANCES)
#define SUMMARY_CRC_OFFSET 4u
#define SUMMARY_ENTRIES_OFFSET 8u
#define SUMMARY_ENTRY_LEN 18u
#define SUMMARY_LEN (SUMMARY_ENTRIES_OFFSET + SUMMARY_ENTRY_LEN * ETSS_FS_SUMMARY_RECORDS)
#define SUMMARY_UNLISTED 0x04u /* more records start in the sector than it lists */
#define SUMMARY_CARRIED_MASK 0x03u
/* What became of the record that runs into the sector from the one before. */
#define CARRIED_NONE 0u
#define CARRIED_CURRENT 1u
#define CARRIED_INVALID 2u
/* Records start after it: the header, its advance words and the summary. */
#define SECTOR_HEADER_LEN (SUMMARY_OFFSET + SUMMARY_LEN)
/* A started sector's header goes out with the first bytes of the record
 * that runs on into it, up to 256 bytes in all (a NOR page, or several on
 * a part of smaller pages): that page is programmed once, not twice. */
#define HEADER_LEAD (256u - SECTOR_HEADER_LEN)
_Static_assert(SECTOR_HEADER_LEN < 256u, "a sector header leaves room in its page");
/* The smallest filesystem sector: small erase units are grouped so that
 * sector headers stay a small share of the zone. */
#define MIN_SECTOR 4096u
#define SECTOR_TARGET 0x0001u /* started to take one reclaim's copies */

#define RECORD_HEADER_LEN 32u
#define RECORD_MAGIC 0x4552u /* "RE" */
#define RECORD_ASSET 1u
#define RECORD_REMOVAL 2u
#define RECORD_LOST 3u /* the asset exists but its value could not be moved */
#define STATE_OFFSET 28u
#define WORD_CLEAR 0xFFFFFFFFu /* a state or advance word as written */
/* A state or advance word is set when it is programmed to 0; one cut short
 * is taken either way (both are safe, docs/filesystem.md). A few flipped
 * bits of a clear word, a transient read error, never make it set. */
#define WORD_SET_BELOW 24u
#define MAX_RECORD (RECORD_HEADER_LEN + ((ETSS_MAX_ASSET_SIZE + 3u) & ~3u))

/* Reads of one thing before its check is taken as failed for good. */
#define READ_TRIES 32u

struct record {
    uint8_t kind;
    uint8_t flags;
    uint64_t uid;
    int32_t owner;
    uint32_t length;
    uint32_t data_crc;
    uint32_t state;
};

struct sector {
    bool read; /* its header was read; else only its sequence number is known */
    uint16_t flags;
    uint32_t seq;
    uint32_t tail;
    uint32_t first; /* offset of the first record that starts in it */
    uint32_t advances;
    bool partial_advance; /* an advance word set but not 0: a cut mid-program */
};

enum sector_kind { SECTOR_VALID, SECTOR_ERASED, SECTOR_BAD };

static struct etss_fs_stats stats;
/* One record in flight (partition: one request at a time). */
static uint8_t record_buf[MAX_RECORD];

uint32_t etss_fs_record_size(uint32_t len)
{
    return RECORD_HEADER_LEN + ((len + 3u) & ~3u);
}

static bool geometry_ok(uint32_t erase_unit)
{
    return erase_unit >= 256u && erase_unit <= 65536u && (erase_unit & (erase_unit - 1u)) == 0u;
}

uint32_t etss_fs_sector_size(uint32_t erase_unit)
{
    if (!geometry_ok(erase_unit)) {
        return 0u;
    }
    return erase_unit < MIN_SECTOR ? MIN_SECTOR : erase_unit;
}

static uint32_t div_up(uint32_t a, uint32_t b)
{
    return (a + b - 1u) / b;
}

/* A sector's payload less the end a record header may not fit in: what
 * records are sure to fill of it. */
static uint32_t filled_payload(uint32_t sector)
{
    return sector - SECTOR_HEADER_LEN - RECORD_HEADER_LEN;
}

/* Free slots every operation leaves: what one run of reclaims may start
 * beyond what it frees (docs/filesystem.md, "Space"). */
static uint32_t reserve_slots(uint32_t n, uint32_t sector)
{
    uint32_t fill = filled_payload(sector);
    return 3u + div_up(MAX_RECORD, fill) + div_up(n * RECORD_HEADER_LEN, fill);
}

uint32_t etss_fs_capacity(uint32_t zone_size, uint32_t erase_unit)
{
    uint32_t sector = etss_fs_sector_size(erase_unit);
    if (sector == 0u) {
        return 0u;
    }
    uint32_t n = zone_size / sector;
    uint32_t kept = reserve_slots(n, sector) + div_up(MAX_RECORD, filled_payload(sector)) + 1u;
    return n > kept ? (n - kept) * filled_payload(sector) : 0u;
}

static uint32_t slot_addr(const struct etss_fs *fs, uint32_t slot)
{
    return slot * fs->sector_size;
}

static uint32_t log_length(const struct etss_fs *fs)
{
    return fs->has_log ? fs->head_seq - fs->tail_seq + 1u : 0u;
}

static uint32_t free_slots(const struct etss_fs *fs)
{
    return fs->n_sectors - log_length(fs);
}

static uint32_t slot_of_seq(const struct etss_fs *fs, uint32_t seq)
{
    return (fs->head_slot + fs->n_sectors - (fs->head_seq - seq) % fs->n_sectors) % fs->n_sectors;
}

static uint32_t seq_of_addr(const struct etss_fs *fs, uint32_t addr)
{
    uint32_t slot = addr / fs->sector_size;
    return fs->head_seq - (fs->head_slot + fs->n_sectors - slot) % fs->n_sectors;
}

static uint32_t head_room(const struct etss_fs *fs)
{
    return fs->has_log && !fs->head_closed ? fs->sector_size - fs->head_used : 0u;
}

static uint32_t payload(const struct etss_fs *fs)
{
    return fs->sector_size - SECTOR_HEADER_LEN;
}

/* Records run on from a sector's end into the payload of the next slot:
 * the sectors a record of `len` bytes at offset `off` runs into. */
static uint32_t sectors_after(const struct etss_fs *fs, uint32_t off, uint32_t len)
{
    return off + len <= fs->sector_size ? 0u : div_up(off + len - fs->sector_size, payload(fs));
}

/* Where in its last sector such a record ends. */
static uint32_t end_offset(const struct etss_fs *fs, uint32_t off, uint32_t len)
{
    uint32_t after = sectors_after(fs, off, len);
    return after == 0u
               ? off + len
               : SECTOR_HEADER_LEN + (off + len - fs->sector_size) - (after - 1u) * payload(fs);
}

static bool word_set(uint32_t w)
{
    uint32_t ones = 0;
    for (; w != 0u; w &= w - 1u) {
        ones++;
    }
    return ones < WORD_SET_BELOW;
}

static bool all_erased(const uint8_t *p, size_t len)
{
    uint8_t and_all = 0xFFu;
    for (size_t i = 0; i < len; i++) {
        and_all &= p[i];
    }
    return and_all == 0xFFu;
}

/* ---- the storage ---- */

static int storage_read(struct etss_fs *fs, uint32_t addr, void *buf, size_t len)
{
    return fs->storage.read(fs->storage.ctx, addr, buf, len) == 0 ? ETSS_FS_OK : ETSS_FS_ERR_DEVICE;
}

static int storage_read_strided(struct etss_fs *fs, uint32_t addr, uint32_t stride, uint32_t count,
                                uint8_t *buf, uint32_t len)
{
    if (fs->storage.read_strided != NULL) {
        int rc = fs->storage.read_strided(fs->storage.ctx, addr, stride, count, buf, len);
        return rc == 0 ? ETSS_FS_OK : ETSS_FS_ERR_DEVICE;
    }
    int rc = ETSS_FS_OK;
    for (uint32_t i = 0; rc == ETSS_FS_OK && i < count; i++) {
        rc = storage_read(fs, addr + i * stride, &buf[i * len], len);
    }
    return rc;
}

/* A failed write leaves RAM and flash out of step: only a mount can
 * resynchronise them. */
static int write_failed(struct etss_fs *fs)
{
    fs->mounted = false;
    return ETSS_FS_ERR_DEVICE;
}

static int storage_prog(struct etss_fs *fs, uint32_t addr, const void *data, size_t len)
{
    return fs->storage.prog(fs->storage.ctx, addr, data, len) == 0 ? ETSS_FS_OK : write_failed(fs);
}

/* Read or program `len` bytes of a record from `addr`, one piece per
 * sector it runs through; the first `done` bytes of each piece after the
 * first are left out (programmed with their sector's header). */
static int stream_io(struct etss_fs *fs, uint32_t addr, uint8_t *buf, uint32_t len, bool prog,
                     uint32_t done)
{
    uint32_t slot = addr / fs->sector_size;
    uint32_t off = addr % fs->sector_size;
    for (uint32_t skip = 0; len > 0u; skip = done) {
        uint32_t n = fs->sector_size - off < len ? fs->sector_size - off : len;
        uint32_t k = skip < n ? skip : n;
        uint32_t at = slot_addr(fs, slot) + off + k;
        int rc = k == n ? ETSS_FS_OK
                 : prog ? storage_prog(fs, at, buf + k, n - k)
                        : storage_read(fs, at, buf + k, n - k);
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        buf += n;
        len -= n;
        slot = (slot + 1u) % fs->n_sectors;
        off = SECTOR_HEADER_LEN;
    }
    return ETSS_FS_OK;
}

static int storage_erase_sector(struct etss_fs *fs, uint32_t slot)
{
    for (uint32_t off = 0; off < fs->sector_size; off += fs->storage.erase_unit) {
        if (fs->storage.erase(fs->storage.ctx, slot_addr(fs, slot) + off) != 0) {
            return write_failed(fs);
        }
    }
    return ETSS_FS_OK;
}

/* The failed reads of one thing. A check that fails is read again, up to
 * READ_TRIES times, unless SAME_BAD_READS failed reads in a row brought the
 * same bytes: then they are bad on the flash, not on the way (one flipped
 * bit that comes back in the same place is not rare enough to stop at two).
 * Bytes that never read the same twice are neither: the reads are too
 * noisy to tell, and the caller refuses (ETSS_FS_ERR_CORRUPT) rather than
 * decide. */
#define SAME_BAD_READS 4u

struct retry {
    uint32_t tries;
    uint32_t same;
    uint32_t last_crc;
};

static bool read_again(struct retry *t, const void *bytes, size_t len)
{
    uint32_t crc = etss_crc32(0u, bytes, len);
    t->same = t->tries > 0u && crc == t->last_crc ? t->same + 1u : 1u;
    t->tries++;
    t->last_crc = crc;
    if (t->same == SAME_BAD_READS || t->tries == READ_TRIES) {
        return false;
    }
    stats.reads_retried++;
    return true;
}

static int bad_for_good(const struct retry *t)
{
    return t->same == SAME_BAD_READS ? ETSS_FS_OK : ETSS_FS_ERR_CORRUPT;
}

/* ---- sector headers ---- */

static void encode_sector(const struct etss_fs *fs, uint8_t *h, uint16_t flags, uint32_t seq,
                          uint32_t tail, uint32_t first)
{
    etss_put_le32(h, SECTOR_MAGIC);
    h[4] = (uint8_t)FORMAT_VERSION;
    h[5] = (uint8_t)(FORMAT_VERSION >> 8);
    h[6] = (uint8_t)flags;
    h[7] = (uint8_t)(flags >> 8);
    etss_put_le32(&h[8], fs->storage.erase_unit);
    etss_put_le32(&h[12], fs->sector_size);
    etss_put_le32(&h[16], ETSS_MAX_ASSET_SIZE);
    etss_put_le32(&h[20], seq);
    etss_put_le32(&h[24], tail);
    etss_put_le32(&h[28], first);
    etss_put_le32(&h[SECTOR_CRC_OFFSET], etss_crc32(0u, h, SECTOR_CRC_OFFSET));
    memset(&h[SECTOR_ADVANCE_OFFSET], 0xFF, 4u * MAX_ADVANCES);
}

/* A whole sector header of format 1 (magic, sequence, tail, CRC) or 2
 * (version 2, its CRC of bytes 0..27 at 28). */
static bool older_format(const uint8_t *h)
{
    return etss_get_le32(&h[12]) == etss_crc32(0u, h, 12u) ||
           (h[4] == 2u && h[5] == 0u && etss_get_le32(&h[28]) == etss_crc32(0u, h, 28u));
}

/* ETSS_FS_OK: a header of this format and geometry; ETSS_FS_ERR_FORMAT: a
 * whole header of another; ETSS_FS_ERR_CORRUPT: no header. */
static int decode_sector(const struct etss_fs *fs, const uint8_t *h, struct sector *s)
{
    if (etss_get_le32(h) != SECTOR_MAGIC) {
        return ETSS_FS_ERR_CORRUPT;
    }
    if (etss_get_le32(&h[SECTOR_CRC_OFFSET]) != etss_crc32(0u, h, SECTOR_CRC_OFFSET)) {
        return older_format(h) ? ETSS_FS_ERR_FORMAT : ETSS_FS_ERR_CORRUPT;
    }
    if ((uint32_t)(h[4] | (h[5] << 8)) != FORMAT_VERSION ||
        etss_get_le32(&h[8]) != fs->storage.erase_unit ||
        etss_get_le32(&h[12]) != fs->sector_size || etss_get_le32(&h[16]) != ETSS_MAX_ASSET_SIZE) {
        return ETSS_FS_ERR_FORMAT;
    }
    s->read = true;
    s->flags = (uint16_t)(h[6] | (h[7] << 8));
    s->seq = etss_get_le32(&h[20]);
    s->tail = etss_get_le32(&h[24]);
    s->first = etss_get_le32(&h[28]);
    s->advances = 0;
    s->partial_advance = false;
    for (uint32_t i = 0; i < MAX_ADVANCES; i++) {
        uint32_t w = etss_get_le32(&h[SECTOR_ADVANCE_OFFSET + 4u * i]);
        s->advances += word_set(w);
        s->partial_advance = s->partial_advance || (word_set(w) && w != 0u);
    }
    return ETSS_FS_OK;
}

/* A sector's header, checked: a failed check is read again. The first
 * `len` bytes of the sector are read into `h` (at least its header), so
 * that what follows the header comes in the same exchange. *kind is
 * SECTOR_ERASED for an erased header, SECTOR_BAD when no read passes (a
 * half-erased or half-started sector). */
static int read_sector(struct etss_fs *fs, uint32_t slot, uint8_t *h, uint32_t len,
                       struct sector *s, enum sector_kind *kind)
{
    struct retry t = {0};
    *kind = SECTOR_BAD;
    do {
        int rc = storage_read(fs, slot_addr(fs, slot), h, len);
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        if (all_erased(h, SUMMARY_OFFSET)) {
            *kind = SECTOR_ERASED;
            return ETSS_FS_OK;
        }
        rc = decode_sector(fs, h, s);
        if (rc == ETSS_FS_ERR_FORMAT) {
            return rc;
        }
        if (rc == ETSS_FS_OK) {
            *kind = SECTOR_VALID;
            return ETSS_FS_OK;
        }
    } while (read_again(&t, h, SUMMARY_OFFSET));
    return bad_for_good(&t);
}

/* ---- summaries ---- */

/* The check of a summary covers the sequence number of the sector whose
 * header holds it: a summary found in another sector fails. */
static uint32_t summary_crc(uint32_t seq, const uint8_t *m)
{
    uint8_t where[4];
    etss_put_le32(where, seq);
    uint32_t crc = etss_crc32(etss_crc32(0u, where, sizeof(where)), m, SUMMARY_CRC_OFFSET);
    return etss_crc32(crc, &m[SUMMARY_ENTRIES_OFFSET], SUMMARY_LEN - SUMMARY_ENTRIES_OFFSET);
}

/* A summary, for the header of sector `seq` that follows the sector it
 * describes. */
static void encode_summary(const struct etss_fs_summary *in, uint8_t *m, uint32_t seq)
{
    memset(m, 0xFF, SUMMARY_LEN);
    m[0] = (uint8_t)in->count;
    m[1] = (uint8_t)(in->carried | (in->unlisted ? SUMMARY_UNLISTED : 0u));
    m[2] = 0u;
    m[3] = 0u;
    for (uint32_t i = 0; i < in->count; i++) {
        const struct etss_fs_listed *l = &in->list[i];
        uint8_t *e = &m[SUMMARY_ENTRIES_OFFSET + SUMMARY_ENTRY_LEN * i];
        etss_put_le16(e, l->offset);
        etss_put_le16(&e[2], l->length);
        e[4] = l->kind;
        e[5] = l->flags;
        etss_put_le32(&e[6], (uint32_t)l->owner);
        etss_put_le32(&e[10], (uint32_t)l->uid);
        etss_put_le32(&e[14], (uint32_t)(l->uid >> 32));
    }
    etss_put_le32(&m[SUMMARY_CRC_OFFSET], summary_crc(seq, m));
}

/* false: no summary of ours (torn, damaged); what it lists is checked
 * against the sector when it is taken. */
static bool decode_summary(const uint8_t *m, uint32_t seq, struct etss_fs_summary *out)
{
    uint8_t carried = m[1] & SUMMARY_CARRIED_MASK;
    if (etss_get_le32(&m[SUMMARY_CRC_OFFSET]) != summary_crc(seq, m) ||
        m[0] > ETSS_FS_SUMMARY_RECORDS ||
        (m[1] & (uint8_t) ~(SUMMARY_UNLISTED | SUMMARY_CARRIED_MASK)) != 0u ||
        carried > CARRIED_INVALID || m[2] != 0u || m[3] != 0u) {
        return false;
    }
    out->count = m[0];
    out->unlisted = (m[1] & SUMMARY_UNLISTED) != 0u;
    out->carried = carried;
    for (uint32_t i = 0; i < out->count; i++) {
        const uint8_t *e = &m[SUMMARY_ENTRIES_OFFSET + SUMMARY_ENTRY_LEN * i];
        struct etss_fs_listed *l = &out->list[i];
        l->offset = etss_get_le16(e);
        l->length = etss_get_le16(&e[2]);
        l->kind = e[4];
        l->flags = e[5];
        l->owner = (int32_t)etss_get_le32(&e[6]);
        l->uid = (uint64_t)etss_get_le32(&e[10]) | ((uint64_t)etss_get_le32(&e[14]) << 32);
    }
    return true;
}

/* A record that starts in the head goes into the head's summary. */
static void list_record(struct etss_fs *fs, const struct record *r, uint32_t off)
{
    struct etss_fs_summary *h = &fs->head_summary;
    if (h->count == ETSS_FS_SUMMARY_RECORDS) {
        h->unlisted = true;
        return;
    }
    h->list[h->count++] = (struct etss_fs_listed){.uid = r->uid,
                                                  .owner = r->owner,
                                                  .offset = (uint16_t)off,
                                                  .length = (uint16_t)r->length,
                                                  .kind = r->kind,
                                                  .flags = r->flags};
}

/* ---- record headers ---- */

/* A record's header check covers where it stands (sequence number of its
 * sector and its address): a record image found anywhere else, an old
 * record of a reused sector, or one written inside another's data, fails. */
static uint32_t header_crc(uint32_t seq, uint32_t addr, const uint8_t *h)
{
    uint8_t where[8];
    etss_put_le32(where, seq);
    etss_put_le32(&where[4], addr);
    return etss_crc32(etss_crc32(0u, where, sizeof(where)), h, 24u);
}

static void encode_header(uint8_t *h, const struct record *r, uint32_t seq, uint32_t addr)
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
    etss_put_le32(&h[24], header_crc(seq, addr, h));
    etss_put_le32(&h[STATE_OFFSET], WORD_CLEAR);
}

static bool record_makes_sense(const struct record *r)
{
    return (r->kind == RECORD_ASSET && r->length <= ETSS_MAX_ASSET_SIZE) ||
           ((r->kind == RECORD_REMOVAL || r->kind == RECORD_LOST) && r->length == 0u);
}

/* false: not a record of this place (erased, torn, damaged or foreign). */
static bool decode_header(const uint8_t *h, uint32_t seq, uint32_t addr, struct record *r)
{
    if (h[0] != (uint8_t)RECORD_MAGIC || h[1] != (uint8_t)(RECORD_MAGIC >> 8) ||
        etss_get_le32(&h[24]) != header_crc(seq, addr, h)) {
        return false;
    }
    r->kind = h[2];
    r->flags = h[3];
    r->uid = (uint64_t)etss_get_le32(&h[4]) | ((uint64_t)etss_get_le32(&h[8]) << 32);
    r->owner = (int32_t)etss_get_le32(&h[12]);
    r->length = etss_get_le32(&h[16]);
    r->data_crc = etss_get_le32(&h[20]);
    r->state = etss_get_le32(&h[STATE_OFFSET]);
    return record_makes_sense(r);
}

/* The same record: what the index or a summary says against a header. */
static bool same_record(const struct record *a, const struct record *b)
{
    return a->kind == b->kind && a->uid == b->uid && a->owner == b->owner && a->length == b->length;
}

/* Read the whole record at `addr` into record_buf until it checks out:
 * header (of this place, and the record `want` names) and data; *intact
 * false: it is bad on the flash. */
static int read_record(struct etss_fs *fs, uint32_t addr, const struct record *want,
                       struct record *r, bool *intact)
{
    uint32_t length = want->length;
    uint32_t size = etss_fs_record_size(length);
    uint32_t seq = seq_of_addr(fs, addr);
    struct retry t = {0};
    do {
        int rc = stream_io(fs, addr, record_buf, size, false, 0u);
        if (rc != ETSS_FS_OK) {
            sf_crypto_zeroize(record_buf, size);
            return rc;
        }
        *intact = decode_header(record_buf, seq, addr, r) && same_record(r, want) &&
                  etss_crc32(0u, &record_buf[RECORD_HEADER_LEN], length) == r->data_crc;
    } while (!*intact && read_again(&t, record_buf, size));
    int rc = *intact ? ETSS_FS_OK : bad_for_good(&t);
    if (rc != ETSS_FS_OK) {
        sf_crypto_zeroize(record_buf, size); /* what it held is nobody's answer */
    }
    return rc;
}

/* ---- the index ---- */

/* The index is a hash table with linear probing, so that mount, which
 * applies every record of the log, does not search it from the start
 * each time. */
#define N_ENTRIES ((size_t)ETSS_MAX_ASSETS_PER_ZONE)

static size_t next_entry(size_t i)
{
    return i + 1u == N_ENTRIES ? 0u : i + 1u;
}

static size_t home_entry(int32_t owner, uint64_t uid)
{
    uint64_t h = (uid ^ ((uint64_t)(uint32_t)owner << 29)) * 0x9E3779B97F4A7C15ull;
    return (size_t)((h >> 32) % N_ENTRIES);
}

/* The entry of (owner, uid) or, when it has none, the free one where it
 * would go; N_ENTRIES when it has none and the index is full. */
static size_t probe(const struct etss_fs *fs, int32_t owner, uint64_t uid)
{
    size_t i = home_entry(owner, uid);
    for (size_t n = 0; n < N_ENTRIES; n++, i = next_entry(i)) {
        const struct etss_fs_entry *e = &fs->entries[i];
        if (!e->used || (e->uid == uid && e->owner == owner)) {
            return i;
        }
    }
    return N_ENTRIES;
}

/* Index of the asset's entry, or N_ENTRIES. */
static size_t find_index(const struct etss_fs *fs, int32_t owner, uint64_t uid)
{
    size_t i = probe(fs, owner, uid);
    return i < N_ENTRIES && fs->entries[i].used ? i : N_ENTRIES;
}

static struct etss_fs_entry *find(struct etss_fs *fs, int32_t owner, uint64_t uid)
{
    size_t i = find_index(fs, owner, uid);
    return i < N_ENTRIES ? &fs->entries[i] : NULL;
}

/* Free an entry; the ones after it that could no longer be reached from
 * their home entry move into the hole. */
static void remove_entry(struct etss_fs *fs, size_t hole)
{
    fs->entries[hole].used = false;
    for (size_t j = next_entry(hole); fs->entries[j].used; j = next_entry(j)) {
        size_t home = home_entry(fs->entries[j].owner, fs->entries[j].uid);
        bool passes_hole = home <= j ? home <= hole && hole < j : hole >= home || hole < j;
        if (passes_hole) {
            fs->entries[hole] = fs->entries[j];
            fs->entries[j].used = false;
            hole = j;
        }
    }
}

/* The asset record an index entry stands for. */
static struct record asset_of(const struct etss_fs_entry *e)
{
    return (struct record){
        .kind = RECORD_ASSET, .uid = e->uid, .owner = e->owner, .length = e->length};
}

static uint32_t entry_size(const struct etss_fs_entry *e)
{
    return etss_fs_record_size(e->length);
}

/* Make the index say what a record at `addr` says. */
static int apply(struct etss_fs *fs, const struct record *r, uint32_t addr)
{
    size_t i = probe(fs, r->owner, r->uid);
    if (i == N_ENTRIES) {
        return r->kind == RECORD_REMOVAL ? ETSS_FS_OK
                                         : ETSS_FS_ERR_CORRUPT; /* more assets than indexed */
    }
    struct etss_fs_entry *e = &fs->entries[i];
    if (e->used) {
        fs->live_bytes -= entry_size(e);
    }
    if (r->kind == RECORD_REMOVAL) {
        if (e->used) {
            remove_entry(fs, i);
        }
        return ETSS_FS_OK;
    }
    if (!e->used) {
        e->used = true;
        e->uid = r->uid;
        e->owner = r->owner;
    }
    e->length = r->length;
    e->addr = addr;
    e->flags = r->flags;
    e->lost = r->kind == RECORD_LOST;
    fs->live_bytes += entry_size(e);
    return ETSS_FS_OK;
}

static int add_pending_zero(struct etss_fs *fs, uint32_t addr)
{
    if (fs->n_pending == ETSS_FS_PENDING_ZEROES) {
        return ETSS_FS_ERR_CORRUPT; /* more half-written words than cuts can leave */
    }
    fs->pending_zero[fs->n_pending++] = addr;
    return ETSS_FS_OK;
}

/* ---- mount ---- */

/* Mount reads record headers through a window in record_buf, which is
 * free while the log is scanned: one read brings the headers of several
 * small records. An exchange costs about what 150 bytes more on the bus
 * do, so the window is as wide as one exchange carries (2 KiB) after
 * records of under 128 bytes, 256 bytes after records of up to 224, and
 * only the header after larger ones, whose next header is far away. */
#define WIDE_WINDOW (sizeof(record_buf) < 2048u ? (uint32_t)sizeof(record_buf) : 2048u)
#define SCAN_WINDOW 256u

struct scan {
    uint32_t seq;
    uint32_t base;
    uint32_t start;
    uint32_t len;
    /* Bytes of the last record found, in this sector or the one before:
     * after a small one, the next header is read with a window. */
    uint32_t last_size;
    /* The newest record seen so far, held back until its data is checked;
     * known: its own header was read (a summary does not say whether a
     * record that runs on was torn after it was written). */
    struct record pending;
    uint32_t pending_addr;
    bool have_pending;
    bool pending_known;
    /* Bytes of a current record still to come in the sectors after. */
    uint32_t carry;
    /* The current record that runs on into the head (0: none). */
    uint32_t into_head;
    /* The most records a summary of this mount listed: a header is read
     * with that many entries, the rest only for one that lists more. */
    uint32_t entries_read;
};

static struct scan scan_state;

/* Bytes to read for the next record header: a window that may hold
 * several headers after a small record, else the header alone. */
static uint32_t header_read_length(const struct scan *w)
{
    if (w->last_size < 128u) {
        return WIDE_WINDOW;
    }
    return w->last_size <= SCAN_WINDOW - RECORD_HEADER_LEN ? SCAN_WINDOW : RECORD_HEADER_LEN;
}

static int scan_read(struct etss_fs *fs, struct scan *w, uint32_t addr, uint8_t *out)
{
    uint32_t end = w->base + fs->sector_size;
    if (addr < w->start || addr + RECORD_HEADER_LEN > w->start + w->len) {
        uint32_t want = header_read_length(w);
        w->start = addr;
        w->len = end - addr < want ? end - addr : want;
        int rc = storage_read(fs, addr, record_buf, w->len);
        if (rc != ETSS_FS_OK) {
            w->len = 0;
            return rc;
        }
    }
    memcpy(out, &record_buf[addr - w->start], RECORD_HEADER_LEN);
    return ETSS_FS_OK;
}

enum header_kind { HEADER_ERASED, HEADER_VALID, HEADER_BAD };

/* The record header at `addr`, checked: a header that fails is read again. */
static int read_record_header(struct etss_fs *fs, struct scan *w, uint32_t addr, struct record *r,
                              enum header_kind *kind)
{
    uint8_t h[RECORD_HEADER_LEN];
    struct retry t = {0};
    int rc = scan_read(fs, w, addr, h);
    while (rc == ETSS_FS_OK) {
        if (all_erased(h, sizeof(h))) {
            *kind = HEADER_ERASED;
            return ETSS_FS_OK;
        }
        if (decode_header(h, w->seq, addr, r)) {
            *kind = HEADER_VALID;
            return ETSS_FS_OK;
        }
        if (!read_again(&t, h, sizeof(h))) {
            *kind = HEADER_BAD;
            return bad_for_good(&t);
        }
        rc = storage_read(fs, addr, h, sizeof(h));
    }
    return rc;
}

/* After a header that stays bad: is there a record of this sector further
 * on? Then one in the middle was lost, and mount must not guess. If not,
 * the bad header is where a cut stopped the last write of the sector. A
 * flipped bit can hide a header but never make one, so each window is
 * searched in several reads. */
static int valid_record_after(struct etss_fs *fs, struct scan *w, uint32_t off, bool *found)
{
    *found = false;
    for (uint32_t at = off + 4u; at + RECORD_HEADER_LEN <= fs->sector_size && !*found;) {
        uint32_t n = fs->sector_size - at < WIDE_WINDOW ? fs->sector_size - at : WIDE_WINDOW;
        uint32_t i = 0;
        for (uint32_t tries = 0; tries < SAME_BAD_READS && !*found; tries++) {
            int rc = storage_read(fs, w->base + at, record_buf, n);
            if (rc != ETSS_FS_OK) {
                return rc;
            }
            struct record r;
            for (i = 0; i + RECORD_HEADER_LEN <= n && !*found; i += 4u) {
                *found = decode_header(&record_buf[i], w->seq, w->base + at + i, &r);
            }
        }
        at += i;
    }
    w->len = 0;
    return ETSS_FS_OK;
}

/* Is [addr, end) erased? Appends go to the head's free space, and NOR
 * programming only clears bits: a record written over cells that are not
 * erased (decayed, or tampered with) would read back broken. One erased
 * read is believed; "not erased" must read the same twice. The reads are
 * as large as record_buf (free while the log is scanned). */
static int free_space_erased(struct etss_fs *fs, struct scan *w, uint32_t addr, uint32_t end,
                             bool *erased)
{
    int rc = ETSS_FS_OK;
    *erased = true;
    while (rc == ETSS_FS_OK && addr < end && *erased) {
        uint32_t n = end - addr < sizeof(record_buf) ? end - addr : (uint32_t)sizeof(record_buf);
        struct retry t = {0};
        do {
            rc = storage_read(fs, addr, record_buf, n);
            if (rc != ETSS_FS_OK) {
                break;
            }
            *erased = all_erased(record_buf, n);
        } while (!*erased && read_again(&t, record_buf, n));
        addr += n;
    }
    sf_crypto_zeroize(record_buf, sizeof(record_buf)); /* cells not erased may hold anything */
    w->len = 0;
    return rc;
}

/* Scan one sector of the log, applying its records; the newest record of
 * the whole log is held back until its data is checked. */
static int scan_sector(struct etss_fs *fs, uint32_t slot, const struct sector *s, bool is_head)
{
    struct scan *w = &scan_state;
    uint32_t seq = s->seq;
    int rc = ETSS_FS_OK;
    uint32_t off = s->first;
    bool torn = false;
    w->seq = seq;
    w->base = slot_addr(fs, slot);
    while (rc == ETSS_FS_OK && off + RECORD_HEADER_LEN <= fs->sector_size) {
        struct record r;
        enum header_kind kind;
        rc = read_record_header(fs, w, w->base + off, &r, &kind);
        if (rc != ETSS_FS_OK || kind == HEADER_ERASED) {
            break;
        }
        if (kind == HEADER_BAD) {
            bool later = false;
            rc = valid_record_after(fs, w, off, &later);
            if (rc == ETSS_FS_OK && later) {
                rc = ETSS_FS_ERR_CORRUPT; /* a record in mid-sector is lost for good */
            }
            torn = true; /* a write cut short: nothing follows it in this sector */
            break;
        }
        uint32_t size = etss_fs_record_size(r.length);
        uint32_t after = sectors_after(fs, off, size);
        bool current = !word_set(r.state);
        if (current && after != 0u && seq + after > fs->head_seq && !is_head) {
            rc = ETSS_FS_ERR_CORRUPT; /* only the newest can run past the head */
            break;
        }
        if (current) {
            if (w->have_pending) {
                rc = apply(fs, &w->pending, w->pending_addr);
            }
            w->pending = r;
            w->pending_addr = w->base + off;
            w->have_pending = true;
            w->pending_known = true;
            if (is_head) {
                list_record(fs, &r, off);
            }
        } else if (r.state != 0u) { /* an invalidation cut short: finish it */
            rc = add_pending_zero(fs, w->base + off + STATE_OFFSET);
        }
        if (after != 0u) {
            /* Nothing else starts in this sector. In the head, the record
             * runs into a target a roll-back erased: it is torn. */
            w->carry = current && !is_head ? off + size - fs->sector_size : 0u;
            torn = is_head;
            off = fs->sector_size;
            break;
        }
        w->last_size = size;
        off += size;
    }
    /* The free space the window brought with the last header, when it
     * reads erased, need not be read again (one erased read is believed). */
    uint32_t free_from = w->base + off + RECORD_HEADER_LEN;
    uint32_t window_end = w->start + w->len;
    if (w->len != 0u && free_from >= w->start && free_from < window_end &&
        all_erased(&record_buf[free_from - w->start], window_end - free_from)) {
        free_from = window_end;
    }
    sf_crypto_zeroize(record_buf, sizeof(record_buf)); /* it held small records' data too */
    w->len = 0;
    if (rc == ETSS_FS_OK && is_head) {
        /* A torn record, or free space that is not all erased, closes the
         * head: the next write starts a freshly erased sector. */
        bool erased = !torn;
        if (!torn && free_from < w->base + fs->sector_size) {
            rc = free_space_erased(fs, w, free_from, w->base + fs->sector_size, &erased);
        }
        fs->head_used = off;
        fs->head_closed = !erased;
    }
    return rc;
}

/* The newest record: whole, or torn by a power cut (the old value stands,
 * and the record is marked invalid before anything is written after it,
 * or a later mount would take it for a good record). */
static int settle_newest(struct etss_fs *fs)
{
    struct scan *w = &scan_state;
    if (!w->have_pending) {
        return ETSS_FS_OK;
    }
    bool intact = w->pending.kind != RECORD_ASSET;
    uint32_t off = w->pending_addr % fs->sector_size;
    uint32_t after = sectors_after(fs, off, etss_fs_record_size(w->pending.length));
    if (!intact && seq_of_addr(fs, w->pending_addr) + after <= fs->head_seq) {
        struct record r;
        int rc = read_record(fs, w->pending_addr, &w->pending, &r, &intact);
        sf_crypto_zeroize(record_buf, etss_fs_record_size(w->pending.length));
        if (rc != ETSS_FS_OK) {
            return rc;
        }
    }
    if (intact) {
        return apply(fs, &w->pending, w->pending_addr);
    }
    struct etss_fs_summary *h = &fs->head_summary;
    if (w->pending_addr / fs->sector_size == fs->head_slot && h->count > 0u &&
        h->list[h->count - 1u].offset == off) {
        h->count--; /* it was the last record the head's summary was to list */
    }
    w->into_head = w->pending_addr == w->into_head ? 0u : w->into_head;
    return add_pending_zero(fs, w->pending_addr + STATE_OFFSET);
}

/* Summaries of the log read ahead of their turn, several in one storage
 * request: mount takes the log's sectors in order, each summary once. */
#define READ_AHEAD_BYTES 2048u
static struct {
    uint32_t seq;   /* of the sector whose header holds the first summary held */
    uint32_t count; /* summaries held */
    uint32_t len;   /* bytes of each */
    uint8_t bytes[READ_AHEAD_BYTES];
} ahead;

/* The first `*len` bytes of the summary in sector `seq` of the log, read
 * with those of the sectors after it up to the head or the end of the
 * zone; *len becomes what the read took of each (an earlier batch may
 * hold fewer). */
static int read_ahead(struct etss_fs *fs, uint32_t seq, uint32_t *len, const uint8_t **bytes)
{
    if (seq < ahead.seq || seq - ahead.seq >= ahead.count) {
        uint32_t slot = slot_of_seq(fs, seq);
        /* Until a summary has been read, how many of its entries to read
         * is not known: the first batch holds two. */
        uint32_t count = scan_state.entries_read != 0u ? READ_AHEAD_BYTES / *len : 2u;
        count = count < fs->head_seq - seq + 1u ? count : fs->head_seq - seq + 1u;
        count = count < fs->n_sectors - slot ? count : fs->n_sectors - slot;
        ahead.count = 0u;
        int rc = storage_read_strided(fs, slot_addr(fs, slot) + SUMMARY_OFFSET, fs->sector_size,
                                      count, ahead.bytes, *len);
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        ahead.seq = seq;
        ahead.count = count;
        ahead.len = *len;
    }
    *len = ahead.len;
    *bytes = &ahead.bytes[(seq - ahead.seq) * ahead.len];
    return ETSS_FS_OK;
}

static uint32_t summary_bytes(uint32_t entries)
{
    return SUMMARY_ENTRIES_OFFSET + SUMMARY_ENTRY_LEN * entries;
}

/* The summary in the header of sector `seq` of the log, of the sector
 * before it. Its check binds it to `seq`: passing, it also says that
 * sector seq was started at this place in the ring, header and all (one
 * program wrote both). A summary that fails is read again; *listed is
 * false when it stays bad. */
static int read_summary(struct etss_fs *fs, uint32_t seq, struct etss_fs_summary *m, bool *listed)
{
    struct scan *w = &scan_state;
    const uint32_t addr = slot_addr(fs, slot_of_seq(fs, seq)) + SUMMARY_OFFSET;
    uint8_t b[SUMMARY_LEN];
    struct retry t = {0};
    uint32_t len = summary_bytes(w->entries_read);
    const uint8_t *first = NULL;
    int rc = read_ahead(fs, seq, &len, &first);
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    do {
        /* Entries not read count as what the writer left there, erased
         * bytes: the CRC still covers every entry. */
        memset(&b[len], 0xFF, sizeof(b) - len);
        if (first != NULL) {
            memcpy(b, first, len); /* the first read, made with other sectors' */
            first = NULL;
        } else {
            rc = storage_read(fs, addr, b, len);
        }
        uint32_t count = b[0];
        if (rc == ETSS_FS_OK && summary_bytes(count) > len && count <= ETSS_FS_SUMMARY_RECORDS) {
            rc = storage_read(fs, addr + len, &b[len], summary_bytes(count) - len);
            /* The summaries read ahead with this one lack as many entries:
             * they are read again, with them. */
            ahead.count = seq - ahead.seq + 1u;
        }
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        *listed = decode_summary(b, seq, m);
    } while (!*listed && read_again(&t, b, SUMMARY_LEN));
    if (*listed && m->count > w->entries_read) {
        w->entries_read = m->count;
    }
    return ETSS_FS_OK;
}

/* The header fields of sector `seq` of the log, which must be there, for
 * reading it record by record: what follows the header comes in the same
 * read, as the scan's first window. */
static int read_log_header(struct etss_fs *fs, uint32_t seq, struct sector *s)
{
    struct scan *w = &scan_state;
    const uint32_t slot = slot_of_seq(fs, seq);
    /* At most a wide window in all: one exchange, and what the record
     * buffer holds. */
    uint32_t want = SECTOR_HEADER_LEN + header_read_length(w);
    want = want < WIDE_WINDOW ? want : WIDE_WINDOW;
    w->start = slot_addr(fs, slot);
    w->len = want < fs->sector_size ? want : fs->sector_size;
    int rc = storage_read(fs, w->start, record_buf, w->len);
    if (rc != ETSS_FS_OK) {
        w->len = 0;
        return rc;
    }
    if (decode_sector(fs, record_buf, s) == ETSS_FS_OK && s->seq == seq) {
        return ETSS_FS_OK;
    }
    uint8_t h[SUMMARY_OFFSET];
    enum sector_kind kind;
    rc = read_sector(fs, slot, h, sizeof(h), s, &kind);
    if (rc == ETSS_FS_OK && (kind != SECTOR_VALID || s->seq != seq)) {
        rc = ETSS_FS_ERR_CORRUPT; /* a sector of the log lost its header */
    }
    return rc;
}

/* Sector p of the log begins where the record that runs on into it from
 * the sector before ends: p was started for it. *ends: that record ends
 * in p. */
static int enter_sector(struct etss_fs *fs, struct sector *p, bool *ends)
{
    struct scan *w = &scan_state;
    uint32_t here = w->carry < payload(fs) ? w->carry : payload(fs);
    *ends = false;
    if (!p->read) {
        /* Only its summary was read: its records start past what runs on
         * into it, where its start put them. */
        p->first = SECTOR_HEADER_LEN + here;
    }
    if (p->first < SECTOR_HEADER_LEN || p->first > fs->sector_size) {
        return ETSS_FS_ERR_CORRUPT; /* a checked header of ours cannot say this */
    }
    if (w->carry == 0u) {
        return ETSS_FS_OK;
    }
    if (p->first != SECTOR_HEADER_LEN + here) {
        return ETSS_FS_ERR_CORRUPT;
    }
    w->carry -= here;
    *ends = w->carry == 0u;
    return ETSS_FS_OK;
}

/* The held-back record runs on into a sector: was it torn and invalidated
 * after a summary listed it (as the sectors it runs into started, before
 * it was programmed)? The summary `m` of that sector says; without one,
 * in the sector where it ends (the head, or one whose summary stays bad),
 * the record's own header does. */
static int settle_carried(struct etss_fs *fs, const struct etss_fs_summary *m, bool ends)
{
    struct scan *w = &scan_state;
    if (m != NULL) {
        if (m->carried == CARRIED_NONE) {
            return ETSS_FS_ERR_CORRUPT; /* the sector was started for this record */
        }
        if (m->carried == CARRIED_INVALID) {
            w->have_pending = false;
            w->carry = 0;
        }
        return ETSS_FS_OK;
    }
    if (!ends || w->pending_known) {
        return ETSS_FS_OK;
    }
    struct record r;
    enum header_kind kind;
    w->seq = seq_of_addr(fs, w->pending_addr);
    w->base = w->pending_addr - w->pending_addr % fs->sector_size;
    w->len = 0;
    int rc = read_record_header(fs, w, w->pending_addr, &r, &kind);
    sf_crypto_zeroize(record_buf, sizeof(record_buf));
    w->len = 0;
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    if (kind == HEADER_VALID && !same_record(&r, &w->pending)) {
        return ETSS_FS_ERR_CORRUPT; /* not the record its summary listed */
    }
    if (kind == HEADER_VALID && word_set(r.state) && r.state != 0u) {
        rc = add_pending_zero(fs, w->pending_addr + STATE_OFFSET); /* finish the invalidation */
    }
    /* Torn before its header was whole, or invalidated: it does not count. */
    w->have_pending = kind == HEADER_VALID && !word_set(r.state);
    w->pending_known = true;
    return rc;
}

/* Apply the records a summary lists for sector p, in order. */
static int take_listed(struct etss_fs *fs, uint32_t slot, const struct sector *p,
                       const struct etss_fs_summary *m)
{
    struct scan *w = &scan_state;
    uint32_t next = p->first; /* where the next record may start */
    int rc = ETSS_FS_OK;
    for (uint32_t i = 0; rc == ETSS_FS_OK && i < m->count; i++) {
        const struct etss_fs_listed *l = &m->list[i];
        struct record r = {.kind = l->kind,
                           .flags = l->flags,
                           .uid = l->uid,
                           .owner = l->owner,
                           .length = l->length,
                           .state = WORD_CLEAR};
        uint32_t size = etss_fs_record_size(r.length);
        uint32_t after = sectors_after(fs, l->offset, size);
        if (l->offset < next || l->offset + RECORD_HEADER_LEN > fs->sector_size ||
            !record_makes_sense(&r) || (after != 0u && i + 1u != m->count)) {
            return ETSS_FS_ERR_CORRUPT; /* no summary of ours lists this */
        }
        if (p->seq + after > fs->head_seq) {
            break; /* listed as the sectors it runs into started; a cut came before it */
        }
        if (w->have_pending) {
            rc = apply(fs, &w->pending, w->pending_addr);
        }
        w->pending = r;
        w->pending_addr = slot_addr(fs, slot) + l->offset;
        w->have_pending = true;
        w->pending_known = false;
        w->carry = after != 0u ? l->offset + size - fs->sector_size : 0u;
        w->last_size = size;
        next = l->offset + size;
    }
    return rc;
}

/* Sector p of the log before the head, from the summary `m` of it in the
 * next sector's header, or record by record (m NULL or not listing all). */
static int take_sector(struct etss_fs *fs, uint32_t slot, struct sector *p,
                       const struct etss_fs_summary *m)
{
    bool into = scan_state.carry != 0u;
    bool ends = false;
    int rc = enter_sector(fs, p, &ends);
    if (rc == ETSS_FS_OK && into) {
        rc = settle_carried(fs, m, ends);
    }
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    return m != NULL && !m->unlisted ? take_listed(fs, slot, p, m)
                                     : scan_sector(fs, slot, p, false);
}

/* The head, record by record; what runs on into it from the sector before
 * is settled by that record's own header. */
static int take_head(struct etss_fs *fs, struct sector *head)
{
    struct scan *w = &scan_state;
    bool into = w->carry != 0u;
    bool ends = false;
    int rc = enter_sector(fs, head, &ends);
    if (rc == ETSS_FS_OK && into) {
        rc = settle_carried(fs, NULL, ends);
        w->into_head = w->have_pending ? w->pending_addr : 0u;
    }
    if (rc == ETSS_FS_OK && w->carry != 0u) {
        rc = ETSS_FS_ERR_CORRUPT; /* only the newest can run past the head */
    }
    return rc == ETSS_FS_OK ? scan_sector(fs, fs->head_slot, head, true) : rc;
}

static int probe_sector(struct etss_fs *fs, uint32_t slot, struct sector *s, enum sector_kind *kind)
{
    uint8_t h[SUMMARY_OFFSET];
    stats.head_probes++;
    return read_sector(fs, slot, h, sizeof(h), s, kind);
}

/* The head, from every header: the valid one with the highest sequence
 * number. The headers come many in one request; one that fails its check
 * is read again on its own. */
static int scan_for_head(struct etss_fs *fs, struct sector *head)
{
    const uint32_t per = READ_AHEAD_BYTES / SUMMARY_OFFSET;
    ahead.count = 0u; /* it holds headers now, not summaries */
    for (uint32_t slot = 0; slot < fs->n_sectors; slot++) {
        int rc = ETSS_FS_OK;
        if (slot % per == 0u) {
            const uint32_t left = fs->n_sectors - slot;
            rc = storage_read_strided(fs, slot_addr(fs, slot), fs->sector_size,
                                      left < per ? left : per, ahead.bytes, SUMMARY_OFFSET);
        }
        const uint8_t *h = &ahead.bytes[(slot % per) * SUMMARY_OFFSET];
        struct sector s;
        enum sector_kind kind = SECTOR_ERASED;
        stats.head_probes++;
        if (rc == ETSS_FS_OK && !all_erased(h, SUMMARY_OFFSET)) {
            kind = SECTOR_VALID;
            rc = decode_sector(fs, h, &s);
        }
        if (rc == ETSS_FS_ERR_CORRUPT) {
            uint8_t again[SUMMARY_OFFSET];
            rc = read_sector(fs, slot, again, sizeof(again), &s, &kind);
        }
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        if (kind == SECTOR_VALID && (!fs->has_log || s.seq > fs->head_seq)) {
            fs->has_log = true;
            fs->head_slot = slot;
            fs->head_seq = s.seq;
            *head = s;
        }
    }
    return ETSS_FS_OK;
}

/* The head, in 1 + log2(n) reads. Sector seq is started at slot
 * (seq - 1) mod n, slot after slot, and only the slot after the head is
 * ever erased or left half done (a start, or a roll-back, which makes it the
 * slot after the head). So when slot 0 holds a header of pass k, slots
 * 0..head hold pass k and every later slot an erased header or one of pass
 * k - 1: a binary search finds the last of pass k. Anything else (a damaged
 * header, a sequence number at a slot it does not imply, slot 0 erased)
 * leaves *found false, and mount reads every header. */
static int search_head(struct etss_fs *fs, struct sector *head, bool *found)
{
    const uint32_t n = fs->n_sectors;
    struct sector s;
    enum sector_kind kind;
    *found = false;
    int rc = probe_sector(fs, 0u, &s, &kind);
    if (rc != ETSS_FS_OK || kind != SECTOR_VALID || (s.seq - 1u) % n != 0u) {
        return rc;
    }
    const uint32_t first = s.seq;
    *head = s;
    uint32_t lo = 0u; /* the last slot known to hold pass k */
    uint32_t hi = n;  /* the first slot known not to */
    while (hi - lo > 1u) {
        uint32_t mid = lo + (hi - lo) / 2u;
        rc = probe_sector(fs, mid, &s, &kind);
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        if (kind == SECTOR_VALID && s.seq == first + mid) {
            lo = mid;
            *head = s;
        } else if (kind == SECTOR_ERASED ||
                   (kind == SECTOR_VALID && first > n && s.seq == first + mid - n)) {
            hi = mid;
        } else {
            return ETSS_FS_OK;
        }
    }
    fs->has_log = true;
    fs->head_slot = lo;
    fs->head_seq = head->seq;
    *found = true;
    return ETSS_FS_OK;
}

/* Mount proper; sets *undo when the head is a reclaim's target whose
 * reclaim a cut interrupted. */
static int mount_log(struct etss_fs *fs, bool *undo)
{
    struct sector head = {0};
    bool found;
    *undo = false;
    int rc = search_head(fs, &head, &found);
    if (rc == ETSS_FS_OK && !found) {
        rc = scan_for_head(fs, &head);
    }
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    if (!fs->has_log) {
        return ETSS_FS_OK; /* blank zone: the first write starts the log */
    }
    /* Sequence numbers never wrap (a part wears out long before 2^32
     * sector starts): a header that says otherwise is not ours. */
    if (fs->head_seq == UINT32_MAX || head.tail > fs->head_seq ||
        head.advances > fs->head_seq - head.tail) {
        return ETSS_FS_ERR_CORRUPT;
    }
    fs->tail_seq = head.tail + head.advances;
    fs->head_advances = head.advances;
    if (log_length(fs) > fs->n_sectors) {
        return ETSS_FS_ERR_CORRUPT;
    }
    if ((head.flags & SECTOR_TARGET) != 0u && head.advances == 0u) {
        *undo = true;
        return ETSS_FS_OK;
    }
    if (free_slots(fs) == 0u) {
        return ETSS_FS_ERR_CORRUPT; /* only an unfinished target takes the last slot */
    }
    if (head.partial_advance) {
        rc = add_pending_zero(fs, slot_addr(fs, fs->head_slot) + SECTOR_ADVANCE_OFFSET +
                                      4u * (head.advances - 1u));
        if (rc != ETSS_FS_OK) {
            return rc;
        }
    }
    struct scan *w = &scan_state;
    w->have_pending = false;
    w->carry = 0;
    w->last_size = SCAN_WINDOW - RECORD_HEADER_LEN; /* the first window: 256 bytes */
    w->len = 0;
    w->into_head = 0;
    w->entries_read = 0;
    ahead.count = 0u;
    /* Each sector before the head is taken once the summary of it in the
     * next one's header is read; its own header is read only when that
     * summary does not list it in full. */
    static struct etss_fs_summary m;
    struct sector before = {.seq = fs->tail_seq};
    for (uint32_t seq = fs->tail_seq + 1u; rc == ETSS_FS_OK && seq <= fs->head_seq; seq++) {
        bool listed = false;
        rc = read_summary(fs, seq, &m, &listed);
        if (rc == ETSS_FS_OK && (!listed || m.unlisted) && !before.read) {
            rc = read_log_header(fs, seq - 1u, &before);
        }
        if (rc == ETSS_FS_OK) {
            rc = take_sector(fs, slot_of_seq(fs, seq - 1u), &before, listed ? &m : NULL);
        }
        before = (struct sector){.seq = seq};
    }
    if (rc == ETSS_FS_OK) {
        rc = take_head(fs, &head); /* as the search read it: its advances were used above */
    }
    if (rc == ETSS_FS_OK) {
        rc = settle_newest(fs);
    }
    if (rc == ETSS_FS_OK && fs->live_bytes > fs->capacity) {
        rc = ETSS_FS_ERR_CORRUPT; /* writes never let it: not a log we wrote */
    }
    fs->head_summary.carried = (uint8_t)(head.first == SECTOR_HEADER_LEN ? CARRIED_NONE
                                         : w->into_head != 0u            ? CARRIED_CURRENT
                                                                         : CARRIED_INVALID);
    return rc;
}

static void reset(struct etss_fs *fs, const struct etss_fs_storage *storage)
{
    memset(fs, 0, sizeof(*fs));
    fs->storage = *storage;
    fs->sector_size = etss_fs_sector_size(storage->erase_unit);
    fs->n_sectors = storage->size / fs->sector_size;
    fs->capacity = etss_fs_capacity(storage->size, storage->erase_unit);
}

static int finish(struct etss_fs *fs, int rc);

int etss_fs_mount(struct etss_fs *fs, const struct etss_fs_storage *storage)
{
    if (fs == NULL || storage == NULL || storage->read == NULL || storage->prog == NULL ||
        storage->erase == NULL || !geometry_ok(storage->erase_unit)) {
        return ETSS_FS_ERR_PARAM;
    }
    reset(fs, storage);
    if (fs->capacity == 0u) {
        return ETSS_FS_ERR_ZONE;
    }
    bool undo = false;
    int rc = mount_log(fs, &undo);
    if (rc == ETSS_FS_OK && undo) {
        stats.reclaims_undone++;
    }
    /* The targets of an interrupted reclaim hold copies whose originals
     * still stand in the tail, which never advanced: erase them, newest
     * first, and their slots are free again. */
    for (uint32_t erased = 0; rc == ETSS_FS_OK && undo; erased++) {
        if (erased == reserve_slots(fs->n_sectors, fs->sector_size)) {
            rc = ETSS_FS_ERR_CORRUPT; /* more than one reclaim starts: not a log we wrote */
            break;
        }
        rc = storage_erase_sector(fs, fs->head_slot);
        reset(fs, storage);
        if (rc == ETSS_FS_OK) {
            rc = mount_log(fs, &undo);
        }
    }
    if (rc != ETSS_FS_OK) {
        memset(fs->entries, 0, sizeof(fs->entries));
        return rc;
    }
    fs->mounted = true;
    return finish(fs, ETSS_FS_OK);
}

/* ---- appending ---- */

static int flush_pending_zeroes(struct etss_fs *fs)
{
    static const uint8_t zero[4] = {0u, 0u, 0u, 0u};
    while (fs->n_pending > 0u) {
        int rc = storage_prog(fs, fs->pending_zero[fs->n_pending - 1u], zero, sizeof(zero));
        if (rc != ETSS_FS_OK) {
            return rc;
        }
        fs->n_pending--;
    }
    return ETSS_FS_OK;
}

/* The slot and sequence number start_sector gives the next sector. */
static uint32_t next_slot(const struct etss_fs *fs)
{
    return fs->has_log ? (fs->head_slot + 1u) % fs->n_sectors : 0u;
}

static uint32_t next_seq(const struct etss_fs *fs)
{
    return fs->has_log ? fs->head_seq + 1u : 1u;
}

/* Erase the next ring slot and make it the head; its first record starts
 * at `first` (after the end of one that runs on into it). The header is
 * programmed with the first `lead_len` (at most HEADER_LEAD) bytes of
 * what runs on, so that its page is programmed once. Never a slot of the
 * log. */
static int start_sector(struct etss_fs *fs, uint16_t flags, uint32_t first, const uint8_t *lead,
                        uint32_t lead_len)
{
    uint8_t h[SECTOR_HEADER_LEN + HEADER_LEAD];
    if (fs->has_log && free_slots(fs) == 0u) {
        return ETSS_FS_ERR_INTERNAL;
    }
    uint32_t slot = next_slot(fs);
    uint32_t seq = next_seq(fs);
    uint32_t tail = fs->has_log ? fs->tail_seq : seq;
    int rc = storage_erase_sector(fs, slot);
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    encode_sector(fs, h, flags, seq, tail, first);
    encode_summary(&fs->head_summary, &h[SUMMARY_OFFSET], seq);
    if (lead_len != 0u) {
        memcpy(&h[SECTOR_HEADER_LEN], lead, lead_len);
    }
    /* The advance words stay erased. */
    rc = storage_prog(fs, slot_addr(fs, slot), h, SECTOR_HEADER_LEN + lead_len);
    sf_crypto_zeroize(&h[SECTOR_HEADER_LEN], lead_len); /* asset data */
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    fs->head_summary = (struct etss_fs_summary){
        .carried = (uint8_t)(first == SECTOR_HEADER_LEN ? CARRIED_NONE : CARRIED_CURRENT)};
    fs->head_slot = slot;
    fs->head_seq = seq;
    fs->tail_seq = tail;
    fs->has_log = true;
    fs->head_used = first;
    fs->head_closed = false;
    fs->head_advances = 0;
    stats.sectors_started++;
    stats.reclaim_targets += (flags & SECTOR_TARGET) != 0u;
    return ETSS_FS_OK;
}

/* Sectors a record of `size` bytes starts when it is appended now. */
static uint32_t sectors_needed(const struct etss_fs *fs, uint32_t size)
{
    uint32_t room = head_room(fs);
    if (room < RECORD_HEADER_LEN) {
        return div_up(size, payload(fs));
    }
    return size <= room ? 0u : div_up(size - room, payload(fs));
}

/* Append a record to the log; record_buf holds its data. The sectors it
 * runs into are started (with `flags`) before its first sector's part,
 * which holds its header, is programmed, so a cut leaves it torn as the
 * newest record of the log. A record that starts a sector and fits in it
 * goes out with that sector's header. */
static int program_record(struct etss_fs *fs, const struct record *r, uint16_t flags,
                          uint32_t *addr)
{
    uint32_t size = etss_fs_record_size(r->length);
    bool starts_sector = head_room(fs) < RECORD_HEADER_LEN;
    uint32_t seq = starts_sector ? next_seq(fs) : fs->head_seq;
    uint32_t off = starts_sector ? SECTOR_HEADER_LEN : fs->head_used;
    *addr = slot_addr(fs, starts_sector ? next_slot(fs) : fs->head_slot) + off;
    encode_header(record_buf, r, seq, *addr);
    if (size > RECORD_HEADER_LEN + r->length) {
        memset(&record_buf[RECORD_HEADER_LEN + r->length], 0xFF,
               size - RECORD_HEADER_LEN - r->length);
    }
    uint32_t lead = 0;
    int rc = ETSS_FS_OK;
    if (starts_sector) {
        lead = size > payload(fs) ? 0u : size < HEADER_LEAD ? size : HEADER_LEAD;
        rc = start_sector(fs, flags, SECTOR_HEADER_LEN, record_buf, lead);
    }
    list_record(fs, r, off); /* before the sectors it runs into start: their headers list it */
    for (uint32_t left = off + size > fs->sector_size ? off + size - fs->sector_size : 0u;
         rc == ETSS_FS_OK && left > 0u;) {
        uint32_t here = left < payload(fs) ? left : payload(fs);
        rc = start_sector(fs, flags, SECTOR_HEADER_LEN + here, &record_buf[size - left],
                          here < HEADER_LEAD ? here : HEADER_LEAD);
        left -= here;
    }
    if (rc == ETSS_FS_OK) {
        rc = stream_io(fs, *addr + lead, &record_buf[lead], size - lead, true, HEADER_LEAD);
    }
    sf_crypto_zeroize(record_buf, size); /* asset data: on the flash only */
    if (rc == ETSS_FS_OK) {
        fs->head_used = end_offset(fs, off, size);
    }
    return rc;
}

/* Move one current record of the tail to the head: read until it checks
 * out; one that never does is not copied, a LOST record says so. */
static int copy_record(struct etss_fs *fs, struct etss_fs_entry *e)
{
    struct record r;
    bool intact = e->lost;
    if (!e->lost) {
        const struct record want = asset_of(e);
        int rc = read_record(fs, e->addr, &want, &r, &intact);
        if (rc != ETSS_FS_OK) {
            return rc;
        }
    }
    if (e->lost || !intact) {
        sf_crypto_zeroize(record_buf, entry_size(e));
        r = (struct record){
            .kind = RECORD_LOST, .flags = e->flags, .uid = e->uid, .owner = e->owner};
        stats.records_lost += !e->lost;
    }
    uint32_t addr = 0;
    int rc = program_record(fs, &r, SECTOR_TARGET, &addr);
    if (rc == ETSS_FS_OK) {
        rc = apply(fs, &r, addr);
        stats.records_copied++;
    }
    return rc;
}

/* Reclaim the tail: copy the current records that start in it to the end
 * of the log, then record in the head's header that the tail moved on.
 * Every sector the copies start is a target: a cut before the advance
 * makes mount erase it, and the originals still stand. */
static int reclaim_tail(struct etss_fs *fs)
{
    if (log_length(fs) < 2u) {
        return ETSS_FS_ERR_INTERNAL;
    }
    uint32_t base = slot_addr(fs, slot_of_seq(fs, fs->tail_seq));
    int rc = ETSS_FS_OK;
    for (size_t i = 0; rc == ETSS_FS_OK && i < ETSS_MAX_ASSETS_PER_ZONE; i++) {
        struct etss_fs_entry *e = &fs->entries[i];
        if (e->used && e->addr >= base && e->addr < base + fs->sector_size) {
            rc = copy_record(fs, e);
        }
    }
    if (rc == ETSS_FS_OK && fs->head_advances == MAX_ADVANCES) {
        rc =
            start_sector(fs, SECTOR_TARGET, SECTOR_HEADER_LEN, NULL, 0u); /* for its advance word */
    }
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    static const uint8_t zero[4] = {0u, 0u, 0u, 0u};
    rc = storage_prog(fs,
                      slot_addr(fs, fs->head_slot) + SECTOR_ADVANCE_OFFSET + 4u * fs->head_advances,
                      zero, sizeof(zero));
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    fs->head_advances++;
    fs->tail_seq++;
    stats.sectors_reclaimed++;
    return ETSS_FS_OK;
}

/* Reclaim until the record of `size` bytes, and the sectors it starts,
 * leave the reserve of free slots a run of reclaims may need. The
 * capacity bound makes the loop end within one pass over the log
 * (docs/filesystem.md, "Space"). */
static int reserve(struct etss_fs *fs, uint32_t size)
{
    int rc = flush_pending_zeroes(fs);
    uint32_t keep = reserve_slots(fs->n_sectors, fs->sector_size);
    for (uint32_t guard = 0;
         rc == ETSS_FS_OK && fs->has_log && free_slots(fs) < keep + sectors_needed(fs, size);
         guard++) {
        rc = guard == 2u * fs->n_sectors ? ETSS_FS_ERR_INTERNAL : reclaim_tail(fs);
    }
    return rc;
}

static int append(struct etss_fs *fs, const struct record *r, const void *data, uint32_t *addr)
{
    int rc = reserve(fs, etss_fs_record_size(r->length));
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    /* Filled only now: reclaiming above used the same buffer. */
    if (data != NULL && r->length != 0u) {
        memcpy(&record_buf[RECORD_HEADER_LEN], data, r->length);
    }
    rc = program_record(fs, r, 0u, addr);
    stats.records_written += rc == ETSS_FS_OK;
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
    uint32_t size = etss_fs_record_size((uint32_t)len);
    uint32_t freed = old != NULL ? entry_size(old) : 0u;
    if ((old == NULL && probe(fs, owner, uid) == N_ENTRIES) ||
        fs->live_bytes - freed + size > fs->capacity) {
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
    return finish(fs, rc == ETSS_FS_OK ? apply(fs, &r, addr) : rc);
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
    return finish(fs, rc == ETSS_FS_OK ? apply(fs, &r, addr) : rc);
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
    if (e->lost) {
        return ETSS_FS_ERR_CORRUPT;
    }
    struct record r;
    bool intact = false;
    const struct record want = asset_of(e);
    rc = read_record(fs, e->addr, &want, &r, &intact);
    if (rc == ETSS_FS_OK && !intact) {
        rc = ETSS_FS_ERR_CORRUPT;
    }
    size_t n = e->length - offset < size ? e->length - offset : size;
    if (rc == ETSS_FS_OK && n != 0u) {
        memcpy(buf, &record_buf[RECORD_HEADER_LEN + offset], n);
    }
    sf_crypto_zeroize(record_buf, entry_size(e));
    if (rc == ETSS_FS_OK) {
        *out_len = n;
    }
    return rc;
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
    if (i == N_ENTRIES) {
        return ETSS_FS_ERR_NOT_FOUND;
    }
    *length = fs->entries[i].length;
    *flags = fs->entries[i].flags;
    return fs->entries[i].lost ? ETSS_FS_ERR_CORRUPT : ETSS_FS_OK;
}

uint32_t etss_fs_count(const struct etss_fs *fs, int32_t owner)
{
    uint32_t n = 0;
    for (size_t i = 0; fs != NULL && i < ETSS_MAX_ASSETS_PER_ZONE; i++) {
        n += fs->entries[i].used && fs->entries[i].owner == owner;
    }
    return n;
}

/* ---- invariants ---- */

static bool in_log(const struct etss_fs *fs, const struct etss_fs_entry *e)
{
    uint32_t seq = seq_of_addr(fs, e->addr);
    uint32_t off = e->addr % fs->sector_size;
    uint32_t last = seq + sectors_after(fs, off, entry_size(e));
    return e->addr < fs->n_sectors * fs->sector_size && seq >= fs->tail_seq &&
           last <= fs->head_seq && off >= SECTOR_HEADER_LEN &&
           off + RECORD_HEADER_LEN <= fs->sector_size &&
           (last < fs->head_seq || end_offset(fs, off, entry_size(e)) <= fs->head_used);
}

int etss_fs_check(const struct etss_fs *fs)
{
    int rc = usable(fs);
    if (rc != ETSS_FS_OK) {
        return rc;
    }
    uint32_t live = 0;
    bool ok = fs->live_bytes <= fs->capacity && fs->n_pending <= ETSS_FS_PENDING_ZEROES;
    if (fs->has_log) {
        /* One slot is always free, so a reclaim can always start its
         * target; the head's header has room for the advances left. */
        ok = ok && fs->tail_seq <= fs->head_seq && free_slots(fs) >= 1u &&
             fs->head_slot < fs->n_sectors && fs->head_advances <= MAX_ADVANCES &&
             fs->head_used >= SECTOR_HEADER_LEN && fs->head_used <= fs->sector_size;
    }
    /* What the head's summary will list lies in order in its used part. */
    const struct etss_fs_summary *h = &fs->head_summary;
    ok = ok && h->count <= ETSS_FS_SUMMARY_RECORDS && h->carried <= CARRIED_INVALID;
    for (uint32_t i = 0, next = SECTOR_HEADER_LEN; ok && i < h->count; i++) {
        const struct etss_fs_listed *l = &h->list[i];
        ok = l->offset >= next && l->offset < fs->head_used;
        next = l->offset + etss_fs_record_size(l->length);
    }
    for (size_t i = 0; i < ETSS_MAX_ASSETS_PER_ZONE && ok; i++) {
        const struct etss_fs_entry *e = &fs->entries[i];
        if (!e->used) {
            continue;
        }
        ok = fs->has_log && in_log(fs, e) && e->length <= ETSS_MAX_ASSET_SIZE &&
             (!e->lost || e->length == 0u) && find_index(fs, e->owner, e->uid) == i;
        live += entry_size(e);
    }
    return ok && live == fs->live_bytes ? ETSS_FS_OK : ETSS_FS_ERR_INTERNAL;
}

/* The end of every operation that changes the filesystem. */
static int finish(struct etss_fs *fs, int rc)
{
#ifdef ETSS_FS_CHECK_INVARIANTS
    if (fs->mounted && etss_fs_check(fs) != ETSS_FS_OK) {
        fs->mounted = false;
        return ETSS_FS_ERR_INTERNAL;
    }
#endif
    (void)fs;
    return rc;
}

const struct etss_fs_stats *etss_fs_stats(void)
{
    return &stats;
}
