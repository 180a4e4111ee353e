/* SPDX-License-Identifier: BSD-3-Clause */
#include <string.h>

#include "bus_liar.h"
#include "rpmc_protocol.h"
#include "sfp1_protocol.h"
#include "spi_nor_defs.h"

static void record(struct bus_liar *l, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n && l->captured < l->capacity; i++) {
        l->capture[l->captured++] = b[i];
    }
}

static void liar_select(void *ctx)
{
    struct bus_liar *l = ctx;
    l->pos = 0;
}

/* A new command: the answer to the last one is no longer being replaced. */
static void command_starts(struct bus_liar *l)
{
    if (l->substituting && l->substitute_count > 0u) {
        l->substitute_count--;
    }
    l->substituting = false;
}

static void command_byte(struct bus_liar *l, size_t at, uint8_t *b)
{
    if (at < sizeof(l->command)) {
        l->command[at] = *b;
    }
    if (at == SFP1_OFF_TYPE) {
        l->last_command = *b;
        l->substituting = l->substitute_count > 0u && *b == l->substitute_type;
    }
    if (at == SFP1_HEADER_LEN && l->corrupt_count > 0u && l->last_command == l->corrupt_type) {
        *b ^= 0x01u;
        l->corrupt_count--;
    }
    /* An unsealed PROGRAM shows its address at payload offset 0..3. */
    if (at == SFP1_HEADER_LEN + 3u && l->command[SFP1_OFF_TYPE] == SFP1_CMD_PROGRAM &&
        (l->command[SFP1_OFF_FLAGS] & SFP1_FLAG_ENC) == 0u) {
        uint32_t addr = (uint32_t)l->command[12] | (uint32_t)l->command[13] << 8 |
                        (uint32_t)l->command[14] << 16 | (uint32_t)*b << 24;
        if (l->clear_programs < sizeof(l->clear_program_addr) / sizeof(l->clear_program_addr[0])) {
            l->clear_program_addr[l->clear_programs] = addr;
        }
        l->clear_programs++;
    }
}

static void liar_host_to_device(void *ctx, uint8_t *b, size_t n)
{
    struct bus_liar *l = ctx;
    for (size_t i = 0; i < n; i++, l->pos++) {
        if (l->pos == 0u) {
            l->op = b[i];
            if (b[i] == SFP1_OP_SECURE_WRITE) {
                command_starts(l);
            }
        } else if (l->op == SFP1_OP_SECURE_WRITE) {
            command_byte(l, l->pos - 1u, &b[i]);
        } else if (l->pos < sizeof(l->head)) {
            l->head[l->pos] = b[i];
        }
        if (l->pos == 1u && l->op == l->watch_opcode && b[i] == l->watch_byte &&
            l->watch_opcode != 0u) {
            l->watched++;
        }
    }
    record(l, b, n);
}

/* Where answer byte `pos` of the transaction sits, as a site; false for
 * bytes that are not an answer. */
static bool site_of(const struct bus_liar *l, size_t pos, struct liar_site *s)
{
    s->opcode = l->op;
    s->type = 0u;
    switch (l->op) {
    case SFP1_OP_SECURE_READ:
        if (pos < SFP1_SECURE_READ_HEADER_LEN) {
            return false;
        }
        s->type = (uint8_t)(l->last_command | SFP1_RESPONSE_BIT);
        s->offset = (((uint32_t)l->head[1] << 8) | l->head[2]) +
                    (uint32_t)(pos - SFP1_SECURE_READ_HEADER_LEN);
        return true;
    case SPI_NOR_OP_RDSFDP:
        if (pos < 5u) {
            return false;
        }
        s->offset = (((uint32_t)l->head[1] << 16) | ((uint32_t)l->head[2] << 8) | l->head[3]) +
                    (uint32_t)(pos - 5u);
        return true;
    case SPI_NOR_OP_RDSR:
    case SPI_NOR_OP_RDSCUR:
        s->offset = (uint32_t)(pos - 1u);
        return pos >= 1u;
    case RPMC_OP2_DEFAULT:
        s->offset = (uint32_t)(pos - 2u);
        return pos >= 2u;
    default:
        return false;
    }
}

static void liar_device_to_host(void *ctx, uint8_t *b, size_t n)
{
    struct bus_liar *l = ctx;
    size_t start = l->pos - n; /* host_to_device has counted these clocks */
    for (size_t i = 0; i < n; i++) {
        struct liar_site s;
        if (!site_of(l, start + i, &s)) {
            continue;
        }
        if (s.opcode == SFP1_OP_SECURE_READ && l->substituting) {
            b[i] = s.offset < l->substitute_len ? l->substitute[s.offset] : 0xFFu;
        }
        if (s.opcode == SFP1_OP_SECURE_READ && l->garble) {
            b[i] ^= 0x5Au;
        }
        bool unauthenticated = true;
        if (s.opcode == SFP1_OP_SECURE_READ) {
            if (s.offset == SFP1_OFF_FLAGS) {
                l->response_plain = (b[i] & SFP1_FLAG_AUTH) == 0u;
            }
            /* Header bytes before the flags count as the frame turns out. */
            unauthenticated = s.offset < SFP1_OFF_FLAGS || l->response_plain;
        }
        if (l->on_site != NULL && unauthenticated) {
            l->on_site(l->site_ctx, &s);
        }
        if (l->armed && s.opcode == l->site.opcode && s.type == l->site.type &&
            s.offset == l->site.offset) {
            b[i] = (uint8_t)((b[i] & l->keep) ^ l->flip);
            l->rewrites++;
        }
    }
    record(l, b, n);
}

const struct model_spi_tap bus_liar_tap = {
    .on_select = liar_select,
    .host_to_device = liar_host_to_device,
    .device_to_host = liar_device_to_host,
};

void bus_liar_attach(struct bus_liar *l, struct model_spi *bus, uint8_t *capture, size_t capacity)
{
    memset(l, 0, sizeof(*l));
    l->capture = capture;
    l->capacity = capacity;
    l->keep = 0xFFu;
    model_spi_set_tap(bus, &bus_liar_tap, l);
}

void bus_liar_rewrite(struct bus_liar *l, struct liar_site site, uint8_t keep, uint8_t flip)
{
    l->armed = true;
    l->site = site;
    l->keep = keep;
    l->flip = flip;
}

/* Does hay[0, n) contain needle[0, w)? Candidates found by memchr: the
 * capture is searched for many pieces in every run of a campaign. */
static bool contains(const uint8_t *hay, size_t n, const uint8_t *needle, size_t w)
{
    for (size_t i = 0; w != 0u && i + w <= n;) {
        const uint8_t *p = memchr(&hay[i], needle[0], n - w + 1u - i);
        if (p == NULL) {
            return false;
        }
        if (memcmp(p, needle, w) == 0) {
            return true;
        }
        i = (size_t)(p - hay) + 1u;
    }
    return false;
}

bool bus_liar_saw(const struct bus_liar *l, const uint8_t *secret, size_t len, size_t window)
{
    /* Windows side by side: any run of 2 * window secret bytes contains one. */
    for (size_t k = 0; window != 0u && k + window <= len; k += window) {
        if (contains(l->capture, l->captured, &secret[k], window)) {
            return true;
        }
    }
    return false;
}
