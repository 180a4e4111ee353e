/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SFP1's session requests, each laid out once (the offsets are
 * sfp1_protocol.h's): what a data, counter or device command carries and
 * what its response must be, as an exchange the packet steps then run.
 * Both host bindings describe their commands through these (sfp1_host.c,
 * sfp1_jesd261.c).
 */
#ifndef ETSS_SFP1_REQUEST_H
#define ETSS_SFP1_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sfp1_packet.h"

/* Room for any request below; a PROGRAM of more than SFP1_MAX_DATA bytes
 * needs SFP1_PROGRAM_REQUEST_MAX. */
#define SFP1_REQUEST_MAX (SFP1_REQ_PROGRAM_DATA + SFP1_MAX_DATA)

/*
 * Each fills *x for one command in session `s`, with its payload laid out
 * in `req` (SFP1_REQUEST_MAX bytes; it must live until the exchange ends)
 * and the response the part must give; `encrypted`: the response must come
 * sealed, `seal`: the payload goes sealed.
 *   SF_OK
 *   SF_ERR_PARAM   a length the command cannot carry (0, or above
 *                  SFP1_MAX_READ, SFP1_MAX_PROGRAM or SFP1_MAX_DATA; a PUF
 *                  challenge above SFP1_MAX_PUF_CHALLENGE;
 *                  room for less than the response)
 */
int sfp1_request_read(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s, uint32_t addr,
                      void *buf, size_t len, bool encrypted);
/* `count` runs of `len` bytes into `buf`, back to back, run i from
 * addr + i x stride; also SF_ERR_PARAM for count 0, runs of more than
 * SFP1_MAX_READ bytes in all, or a stride below `len`. */
int sfp1_request_read_strided(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s,
                              uint32_t addr, uint32_t stride, uint32_t count, void *buf, size_t len,
                              bool encrypted);
int sfp1_request_program(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s, uint32_t addr,
                         const void *data, size_t len, bool seal);
int sfp1_request_erase(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s, uint32_t addr);
/* The value comes back in response[] (sfp1_counter_value). */
int sfp1_request_counter(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s,
                         bool increment, uint8_t id, uint8_t response[SFP1_COUNTER_RESPONSE_LEN]);
int sfp1_request_random(struct sfp1_exchange *x, uint8_t *req, struct sf_session *s, void *buf,
                        size_t len, bool encrypted);
int sfp1_request_puf(struct sfp1_exchange *x, struct sf_session *s, const uint8_t *challenge,
                     size_t challenge_len, uint8_t *out, size_t out_size, bool encrypted);
int sfp1_request_uid(struct sfp1_exchange *x, struct sf_session *s, uint8_t *out, size_t out_size);

/* A counter response's value. */
uint32_t sfp1_counter_value(const uint8_t response[SFP1_COUNTER_RESPONSE_LEN]);

#endif /* ETSS_SFP1_REQUEST_H */
