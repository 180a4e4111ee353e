/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An attacker on the SPI wire (the model_spi tap seam) for attack tests and
 * the unauthenticated-byte campaign: it records every byte in both
 * directions, and it lies. It rewrites one byte of what the part answers
 * (a site: one offset of one kind of answer), corrupts command frames of
 * one type, or replaces a whole answer with one of its own.
 *
 * Sites are the bytes the host reads outside an authenticated frame: the
 * bytes of plain SFP1 responses, SFDP, the status registers, an RPMC's
 * extended status. With a site callback set, the liar reports each one it
 * sees (to enumerate them).
 */
#ifndef ETSS_BUS_LIAR_H
#define ETSS_BUS_LIAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devmodel/model_spi.h"

struct liar_site {
    uint8_t opcode;  /* the transaction's opcode (SECURE_READ, RDSFDP, RDSR, ...) */
    uint8_t type;    /* SECURE_READ: the SFP1 response type; else 0 */
    uint32_t offset; /* frame offset (SECURE_READ), address (RDSFDP), byte index (others) */
};

struct bus_liar {
    /* Recording: every byte of both directions, up to capacity. */
    uint8_t *capture;
    size_t capacity;
    size_t captured;

    /* One site rewritten: byte = (byte & keep) ^ flip, at every occurrence
     * while armed. */
    bool armed;
    struct liar_site site;
    uint8_t keep;
    uint8_t flip;
    unsigned rewrites; /* bytes rewritten */

    /* Command frames of type `corrupt_type` get byte 12 (the payload's
     * first) flipped, the next `corrupt_count` times. */
    uint8_t corrupt_type;
    unsigned corrupt_count;

    /* The answer to the next `substitute_count` commands of type
     * `substitute_type` is replaced by `substitute` (a whole frame). */
    uint8_t substitute_type;
    const uint8_t *substitute;
    size_t substitute_len;
    unsigned substitute_count;

    /* While set, every byte of every SFP1 answer is flipped (^ 0x5A):
     * nothing the part says authenticates, its status register stays true. */
    bool garble;

    /* Transactions the host starts with watch_opcode, watch_byte. */
    uint8_t watch_opcode;
    uint8_t watch_byte;
    unsigned watched;

    /* Every PROGRAM frame sent without ENC, and the address it names. */
    unsigned clear_programs;
    uint32_t clear_program_addr[64];

    /* Site enumeration. */
    void (*on_site)(void *ctx, const struct liar_site *site);
    void *site_ctx;

    /* Transaction state (private). */
    uint8_t op;
    size_t pos;
    uint8_t head[4];
    uint8_t command[16]; /* a command frame's header and first 4 payload bytes */
    uint8_t last_command;
    bool substituting;
    bool response_plain;
};

/* The tap that drives a liar (ctx: the struct bus_liar). */
extern const struct model_spi_tap bus_liar_tap;

/* A clean liar (records into capture[capacity]) on `bus`. */
void bus_liar_attach(struct bus_liar *l, struct model_spi *bus, uint8_t *capture, size_t capacity);

/* Rewrite `site` from now on: byte = (byte & keep) ^ flip. */
void bus_liar_rewrite(struct bus_liar *l, struct liar_site site, uint8_t keep, uint8_t flip);

/* Does the capture contain one of the `window`-byte pieces `secret` is cut
 * into (so any 2 * window bytes of it in a row)? */
bool bus_liar_saw(const struct bus_liar *l, const uint8_t *secret, size_t len, size_t window);

#endif /* ETSS_BUS_LIAR_H */
