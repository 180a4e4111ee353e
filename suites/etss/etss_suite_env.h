/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The environment every ETSS suite runs in: the security memories of one
 * device class, the ETSS partition started under an SPM, and (unless a
 * suite wants a blank part) every part provisioned through
 * tfm_etss_secure_flash_provisioning() from the class's description.
 * Suites switch identities with etss_suite_as().
 *
 * On a host and the bare-metal twin (etss_suite_env.c): in-process SPI
 * buses, a developer HUK, the host SPM; the class is a build setting of
 * the suite executable, ETSS_SUITE_DEVICE_CLASS (enum etss_suite_class;
 * default: a secure flash). Inside TF-M (suites/etss/tfm): the test
 * board's chip, TF-M's SPM, the class the environment's at run time.
 */
#ifndef ETSS_SUITE_ENV_H
#define ETSS_SUITE_ENV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "devmodel/sf_model.h"
#include "psa/storage_common.h"

/* Clients of the suites' provisioning (TF-M numbering). An environment
 * whose SPM hands out other ids defines them on the compiler's command line
 * (TF-M's secure test partition and its peers: suites/etss/tfm). */
#ifndef ETSS_NS_CLIENT
#define ETSS_NS_CLIENT (-1) /* zone 0 (encrypted), counter 0 */
#endif
#ifndef ETSS_NS_CLIENT_2
#define ETSS_NS_CLIENT_2 (-2) /* zone 0 as well, counter 2 */
#endif
#ifndef ETSS_S_CLIENT
#define ETSS_S_CLIENT 256 /* zone 1 (encrypted), counter 1 */
#endif
#ifndef ETSS_S_CLIENT_2
#define ETSS_S_CLIENT_2 257 /* zone 1 as well, counter 3 */
#endif
#ifndef ETSS_S_UNBOUND_CLIENT
#define ETSS_S_UNBOUND_CLIENT 300 /* a secure partition id without a binding */
#endif
#ifndef ETSS_UNBOUND_CLIENT
#define ETSS_UNBOUND_CLIENT (-99) /* no binding */
#endif
#ifndef ETSS_NS_COUNTER
#define ETSS_NS_COUNTER 0u
#endif
#ifndef ETSS_NS_2_COUNTER
#define ETSS_NS_2_COUNTER 2u
#endif
#define ETSS_S_COUNTER 1u
#define ETSS_S_2_COUNTER 3u

/* The array of each part a suite makes itself (the reliability suite's). */
#ifndef ETSS_SUITE_PART_BYTES
#define ETSS_SUITE_PART_BYTES 0x100000u
#endif

/* Zone 0 of the suites' provisioning (zone 1 is half as large, after it). */
#ifndef ETSS_SUITE_ZONE0_BYTES
#define ETSS_SUITE_ZONE0_BYTES 0x80000u
#endif

/* The four bound clients and their counters, in the same order. */
#define ETSS_SUITE_CLIENTS 4u
extern const int32_t etss_suite_clients[ETSS_SUITE_CLIENTS];
extern const uint8_t etss_suite_counters[ETSS_SUITE_CLIENTS];

/* The security memories a suite runs against. */
enum etss_suite_class {
    ETSS_SUITE_SECURE_FLASH = 0,          /* full-featured: zones, counters, PUF, TRNG */
    ETSS_SUITE_SECURE_FLASH_AND_RPMC = 1, /* the same for assets, an RPMC part for counters */
    ETSS_SUITE_AUTHENTICATION_FLASH = 2,  /* authenticates, cannot encrypt; no PUF */
    ETSS_SUITE_RPMC = 3,                  /* replay-protected monotonic counters only */
};

/* The class the suite runs on (each environment's). */
enum etss_suite_class etss_suite_device_class(void);
const char *etss_suite_device_class_name(void);

/* For the environments that make parts (etss_suite_parts.c): what the
 * class's secure flash announces (SFP1 features). An RPMC part keeps no
 * bindings: the board gives it the suites' clients and their counters. */
uint8_t etss_suite_class_features(enum etss_suite_class cls);

/* The suites' provisioning description (zone 0 encrypted), and the one the
 * environment provisions its class with (an authentication flash has no
 * encrypted zone). */
const char *etss_suite_provisioning(void);
const char *etss_suite_class_provisioning(void);

/* Whether ETSS_NS_CLIENT, ETSS_NS_CLIENT_2 and ETSS_UNBOUND_CLIENT are
 * non-secure callers. In TF-M's secure image they are secure partitions
 * that stand in for them wherever the world does not matter; what only a
 * non-secure caller is refused is checked from the NS image there. */
bool etss_suite_ns_callers(void);

/* Start everything, once per process; provision unless `blank`. Returns 0,
 * or -1 with a message on stderr. */
int etss_suite_env_start(bool blank);

/* A host as a board starts it: the HUK, and trust in the model parts'
 * maker with empty part records in RAM (a host that has provisioned
 * nothing yet); 0 or -1. */
int etss_suite_host_up(const uint8_t *huk, size_t len);
/* Encode a provisioning description into `out` (the message the API takes). */
int etss_suite_provisioning_message(const char *description, uint8_t *out, size_t size,
                                    size_t *len);

/* The create flags the suites' assets carry in this class:
 * PSA_STORAGE_FLAG_NO_CONFIDENTIALITY on an authentication flash (the only
 * assets it keeps), PSA_STORAGE_FLAG_NONE elsewhere. */
psa_storage_create_flags_t etss_suite_asset_flags(void);

/* Call the API as `client` from now on (the SPM's client id). */
void etss_suite_as(int32_t client);

/* Every byte of buf is value (nothing was written where it must not be). */
bool etss_suite_all_bytes_are(const uint8_t *buf, size_t len, uint8_t value);

/* What the secure flash under the partition shows of itself (lifecycle,
 * counters, failure count), into *view; false in a class without one or
 * where the suite cannot see the chip (TF-M's NS image). */
bool etss_suite_part_view(struct sf_model_view *view);

/* Pages the secure flash has programmed so far, into *n; false as above. */
bool etss_suite_pages_programmed(uint64_t *n);

/* Sectors the secure flash has erased so far, into *n; false when the
 * suite cannot see the chip (no model, or TF-M's NS image). */
bool etss_suite_sectors_erased(uint64_t *n);

/* Counter `id` as the part that serves the suites' counters holds it. */
uint32_t etss_suite_counter(uint8_t id);

#endif /* ETSS_SUITE_ENV_H */
