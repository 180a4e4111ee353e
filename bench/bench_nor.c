/* SPDX-License-Identifier: BSD-3-Clause */
#include "bench_engine.h"

int bench_nor_init(struct bench_nor *n)
{
    struct nor_model_config cfg;
    enum nor_model_status st;
    nor_model_default_config(&cfg);
    n->nor = nor_model_create(&cfg, &st);
    if (n->nor == NULL || etss_nor_init(&n->flash, model_spi_bind(&n->bus, n->nor)) != 0) {
        return BENCH_ERROR;
    }
    return BENCH_OK;
}
