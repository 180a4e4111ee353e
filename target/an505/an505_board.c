/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Board glue of the ETSS test image: the suite environment's secure flash
 * model, sized for the AN505's RAM.
 */
#include "an505.h"

/* etss_suite_env.c calls this as sf_model_default_config (compiled with
 * -Dsf_model_default_config=an505_suite_model_config; see an505.h). */
void an505_suite_model_config(struct sf_model_config *cfg)
{
    sf_model_default_config(cfg);
    cfg->nor.size_bytes = AN505_FLASH_BYTES;
}
