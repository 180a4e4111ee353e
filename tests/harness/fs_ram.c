/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The RAM storage device with fault injection (fs_ram.h).
 */
#include "fs_ram.h"
#include "seeded.h"

#include <stdlib.h>
#include <string.h>

#define PAGE 256u

int fs_ram_init(struct fs_ram *r, uint32_t size, uint32_t erase_unit, uint64_t seed)
{
    memset(r, 0, sizeof(*r));
    r->mem = malloc(size);
    if (r->mem == NULL) {
        return -1;
    }
    memset(r->mem, 0xFF, size);
    r->size = size;
    r->erase_unit = erase_unit;
    r->page = PAGE;
    r->rng = seed;
    return 0;
}

void fs_ram_free(struct fs_ram *r)
{
    free(r->mem);
    r->mem = NULL;
}

/* Is this operation the one the power cut falls in? */
static bool cut_now(struct fs_ram *r)
{
    r->ops++;
    if (r->cut_at != 0u && r->ops == r->cut_at) {
        r->dead = true;
        return true;
    }
    return false;
}

static int ram_read(void *ctx, uint32_t addr, void *buf, size_t len)
{
    struct fs_ram *r = ctx;
    if (r->dead || addr > r->size || len > r->size - addr) {
        return -1;
    }
    uint8_t *out = buf;
    memcpy(out, &r->mem[addr], len);
    for (uint32_t i = 0; i < r->n_stuck; i++) {
        uint32_t a = r->stuck[i].addr;
        if (a >= addr && a < addr + len) {
            out[a - addr] = (uint8_t)((out[a - addr] & ~r->stuck[i].mask) |
                                      (r->stuck[i].value & r->stuck[i].mask));
        }
    }
    r->reads++;
    r->bytes_read += len;
    if (r->read_log != NULL && r->read_log_len < r->read_log_size) {
        r->read_log[r->read_log_len++] = (struct fs_ram_read){addr, (uint32_t)len};
    }
    bool flip =
        r->flip_read == r->reads ||
        (r->flips_per_million != 0u && seeded_next(&r->rng) % 1000000u < r->flips_per_million);
    if (flip && len != 0u) {
        uint64_t bit = seeded_next(&r->rng) % (len * 8u);
        out[bit / 8u] ^= (uint8_t)(1u << (bit % 8u));
        r->flips++;
    }
    return 0;
}

/* Run by run, each a read of its own for the faults and the logs. */
static int ram_read_strided(void *ctx, uint32_t addr, uint32_t stride, uint32_t count, void *buf,
                            size_t len)
{
    struct fs_ram *r = ctx;
    uint8_t *out = buf;
    if (stride < len) {
        return -1;
    }
    r->strided_reads++;
    for (uint32_t i = 0; i < count; i++) {
        if (ram_read(ctx, addr + i * stride, &out[(size_t)i * len], len) != 0) {
            return -1;
        }
    }
    return 0;
}

static int ram_prog(void *ctx, uint32_t addr, const void *data, size_t len)
{
    struct fs_ram *r = ctx;
    const uint8_t *in = data;
    if (r->dead || addr > r->size || len > r->size - addr) {
        return -1;
    }
    while (len > 0u) {
        size_t n = r->page - addr % r->page;
        n = n < len ? n : len;
        r->page_programs++;
        if (r->prog_log != NULL && r->prog_log_len < r->prog_log_size) {
            r->prog_log[r->prog_log_len++] = (struct fs_ram_read){addr, (uint32_t)n};
        }
        bool torn = cut_now(r);
        for (size_t i = 0; i < n; i++) {
            uint8_t want = in[i];
            if ((want & ~r->mem[addr + i]) != 0u) {
                r->overprograms++;
            }
            if (torn) {
                /* Some cells got there, some part of the way. */
                uint64_t x = seeded_next(&r->rng);
                want = (x & 3u) == 0u ? 0xFFu : (x & 3u) == 1u ? want : (uint8_t)(want | (x >> 8));
            }
            r->mem[addr + i] &= want;
        }
        if (torn) {
            return -1;
        }
        addr += (uint32_t)n;
        in += n;
        len -= n;
    }
    return 0;
}

static int ram_erase(void *ctx, uint32_t addr)
{
    struct fs_ram *r = ctx;
    if (r->dead || addr % r->erase_unit != 0u || addr >= r->size) {
        return -1;
    }
    r->unit_erases++;
    if (cut_now(r)) {
        /* Erasing only sets bits: each cell is somewhere on its way. */
        for (uint32_t i = 0; i < r->erase_unit; i++) {
            uint64_t x = seeded_next(&r->rng);
            r->mem[addr + i] |= (x & 1u) != 0u ? 0xFFu : (uint8_t)(x >> 8);
        }
        return -1;
    }
    memset(&r->mem[addr], 0xFF, r->erase_unit);
    return 0;
}

void fs_ram_storage(struct fs_ram *r, struct etss_fs_storage *storage)
{
    *storage = (struct etss_fs_storage){
        .read = ram_read,
        .prog = ram_prog,
        .erase = ram_erase,
        .read_strided = ram_read_strided,
        .ctx = r,
        .size = r->size,
        .erase_unit = r->erase_unit,
    };
}

void fs_ram_cut_after(struct fs_ram *r, uint64_t n)
{
    r->cut_at = n == 0u ? 0u : r->ops + n;
}

void fs_ram_power_cycle(struct fs_ram *r)
{
    r->dead = false;
    r->cut_at = 0;
}

void fs_ram_set_flips(struct fs_ram *r, uint32_t per_million)
{
    r->flips_per_million = per_million;
}

void fs_ram_flip_read(struct fs_ram *r, uint64_t n)
{
    r->flip_read = n == 0u ? 0u : r->reads + n;
}

int fs_ram_stick(struct fs_ram *r, uint32_t addr, uint8_t mask, uint8_t value)
{
    if (r->n_stuck == FS_RAM_MAX_STUCK) {
        return -1;
    }
    r->stuck[r->n_stuck].addr = addr;
    r->stuck[r->n_stuck].mask = mask;
    r->stuck[r->n_stuck].value = value;
    r->n_stuck++;
    return 0;
}
