/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The developer-mode HUK the tools give the partition: public on purpose,
 * so developers can decode their own bus traces and re-provision their
 * model parts. It protects nothing; a production part is driven with the
 * MCU's real, secret HUK.
 */
#ifndef ETSS_DEVELOPER_HUK_H
#define ETSS_DEVELOPER_HUK_H

#include <stdint.h>

static const uint8_t developer_huk[32] = "ETSS developer HUK - not secret";

#endif /* ETSS_DEVELOPER_HUK_H */
