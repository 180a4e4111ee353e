/* SPDX-License-Identifier: BSD-3-Clause */
/* What the vendor contract implements itself (sf_vendor.h). */
#include <string.h>

#include "sf_vendor.h"

void sf_session_end(struct sf_session *s)
{
    sf_crypto_destroy(&s->command_key);
    sf_crypto_destroy(&s->response_key);
    memset(s, 0, sizeof(*s));
}
