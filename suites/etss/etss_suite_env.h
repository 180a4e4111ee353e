/*
 * The environment every ETSS suite runs in: a secure flash model on an
 * in-process SPI bus, a developer HUK, the ETSS partition started in the
 * host SPM, and (unless a suite wants a blank part) the part provisioned
 * through tfm_etss_secure_flash_provisioning() from the description below.
 * Suites switch identities with spm_host_set_client_id().
 */
#ifndef ETSS_SUITE_ENV_H
#define ETSS_SUITE_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devmodel/sf_model.h"

/* Clients of the suites' provisioning (TF-M numbering). */
#define ETSS_NS_CLIENT (-1)       /* zone 0 (encrypted), counter 0 */
#define ETSS_NS_CLIENT_2 (-2)     /* zone 0 as well, counter 2 */
#define ETSS_S_CLIENT 256         /* zone 1 (authenticated), counter 1 */
#define ETSS_S_CLIENT_2 257       /* zone 1 as well, counter 3 */
#define ETSS_UNBOUND_CLIENT (-99) /* no binding */
#define ETSS_NS_COUNTER 0u
#define ETSS_NS_2_COUNTER 2u
#define ETSS_S_COUNTER 1u
#define ETSS_S_2_COUNTER 3u

/* The four bound clients and their counters, in the same order. */
#define ETSS_SUITE_CLIENTS 4u
extern const int32_t etss_suite_clients[ETSS_SUITE_CLIENTS];
extern const uint8_t etss_suite_counters[ETSS_SUITE_CLIENTS];

extern const char etss_suite_provisioning[];

/* Start everything, once per process; provision unless `blank`. Returns 0,
 * or -1 with a message on stderr. */
int etss_suite_env_start(bool blank);

/* Encode a provisioning description into `out` (the message the API takes). */
int etss_suite_provisioning_message(const char *description, uint8_t *out, size_t size,
                                    size_t *len);

/* Call the API as `client` from now on (the SPM's client id). */
void etss_suite_as(int32_t client);

/* Every byte of buf is value (nothing was written where it must not be). */
bool etss_suite_all_bytes_are(const uint8_t *buf, size_t len, uint8_t value);

/* The model under the partition: statistics, fault injection. */
sf_model_t *etss_suite_model(void);

#endif /* ETSS_SUITE_ENV_H */
