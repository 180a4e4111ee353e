/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * etss: the ETSS service on the secure flash device model, as a user meets
 * it. Each run powers the device up from its image file, starts the ETSS
 * partition in the host SPM, makes one request through the client API
 * (tfm_etss_*) as the chosen client, and exits; the image carries the
 * device (array and internal state) from one run to the next.
 */
/* flock(2), a BSD call beside the POSIX level the host build sets. */
#define _DEFAULT_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devmodel/model_spi.h"
#include "devmodel/sf_model.h"
#include "etss/etss_api.h"
#include "etss_config.h"
#include "etss_fs.h"
#include "etss_host.h"
#include "developer_huk.h"
#include "provision_config.h"
#include "sf_api.h"
#include "spm_host.h"

#define EXIT_REFUSED 1     /* the service refused or failed */
#define EXIT_USAGE 2       /* the command line or the description is wrong */
#define EXIT_ENVIRONMENT 3 /* data directory, image or a file unusable */
#define EXIT_BUSY 4        /* another etss process holds the device */
#define EXIT_FAILED 5      /* the stored data, the part or the service failed */
#define EXIT_NO_PART 6     /* no usable secure flash: blank, absent, or not this host's */

#define DEFAULT_DATA_DIR "data/etss" /* the device make run leaves */
#define IMAGE_NAME "etss-flash.img"
#define RECORDS_NAME "etss-host-records.bin" /* the host's trusted record of the part */
#define SEED_NAME "etss-device-seed"         /* which die the model is: chosen at creation */
#define LOCK_NAME "etss.lock"
#define MAX_DESCRIPTION_BYTES 65536u
#define DEFAULT_CLIENT (-1) /* a non-secure client, as TF-M numbers them */
/* `provision` is for secure code: by default it runs as this secure
 * partition (the factory's provisioning flow in a product). */
#define DEFAULT_PROVISIONING_CLIENT 300
#define PUF_LEN 32u
#define COUNTER_LEN 4u
#define RANDOM_MAX 65536u
#define HEX_LINE 32u /* bytes per line of hex output */

enum option_id {
    OPT_DATA,
    OPT_CLIENT,
    OPT_VALUE,
    OPT_FILE,
    OPT_WRITE_ONCE,
    OPT_NO_CONFIDENTIALITY,
    OPT_NO_REPLAY_PROTECTION,
    OPT_OFFSET,
    OPT_SIZE,
    OPT_OUT,
    OPT_HEX,
    OPT_RAW,
    OPT_JSON,
    OPT_FORCE,
    OPT_CONFIRM,
    OPT_STATS,
    N_OPTIONS
};

#define BIT(opt) (1u << (opt))
#define GLOBAL_OPTIONS (BIT(OPT_DATA) | BIT(OPT_CLIENT) | BIT(OPT_STATS))

struct option_spec {
    const char *name;
    bool takes_value;
};

/* Indexed by enum option_id. */
static const struct option_spec option_specs[N_OPTIONS] = {
    {"--data", true},
    {"--client", true},
    {"--value", true},
    {"--file", true},
    {"--write-once", false},
    {"--no-confidentiality", false},
    {"--no-replay-protection", false},
    {"--offset", true},
    {"--size", true},
    {"--out", true},
    {"--hex", false},
    {"--raw", false},
    {"--json", false},
    {"--force", false},
    {"--confirm", false},
    {"--stats", false},
};

/* The commands whose refusals need explaining in their own terms. */
enum command_id { CMD_PROVISION, CMD_LOCK, CMD_SET, CMD_GET, CMD_COUNTER, CMD_OTHER };

struct request;

struct command {
    const char *name;
    enum command_id id;
    const char *synopsis; /* its arguments, for usage errors */
    size_t n_words;       /* positional arguments it takes */
    unsigned options;     /* BIT()s of the options it accepts besides the global ones */
    /* Check the words and load the inputs: 0, EXIT_USAGE or EXIT_ENVIRONMENT. */
    int (*prepare)(struct request *r);
    /* The request itself, on the running partition: an exit status. */
    int (*run)(struct request *r);
};

#define MAX_WORDS 2u

struct request {
    const struct command *cmd;
    const char *words[MAX_WORDS];
    size_t n_words;
    unsigned given; /* BIT()s of the options on the command line */
    bool help;      /* --help or -h where an option could be */
    const char *option_value[N_OPTIONS];
    const char *data_dir;
    int32_t client;
    uint64_t offset;
    uint64_t size;
    /* from the words */
    psa_storage_uid_t uid;
    uint8_t counter;
    bool increment;
    uint32_t random_len;
    /* inputs loaded before the device starts */
    const uint8_t *data; /* asset data or provisioning message */
    size_t len;
    uint8_t *owned; /* what must be freed */
    struct provision_config config;
    uint8_t message[SFP1_PROV_MAX_LEN];
};

static char image_path[PATH_MAX];
static char records_path[PATH_MAX];
static sf_model_t *model;
static struct model_spi bus; /* the partition's thread uses it until exit */

/* ---- messages ---- */

static const char *etss_err_name(etss_err_t err)
{
    switch (err) {
    case ETSS_SUCCESS:
        return "ETSS_SUCCESS";
    case ETSS_ERR_PROGRAMMER_ERROR:
        return "ETSS_ERR_PROGRAMMER_ERROR";
    case ETSS_ERR_CONNECTION_REFUSED:
        return "ETSS_ERR_CONNECTION_REFUSED";
    case ETSS_ERR_CONNECTION_BUSY:
        return "ETSS_ERR_CONNECTION_BUSY";
    case ETSS_ERR_GENERIC_ERROR:
        return "ETSS_ERR_GENERIC_ERROR";
    case ETSS_ERR_NOT_PERMITTED:
        return "ETSS_ERR_NOT_PERMITTED";
    case ETSS_ERR_NOT_SUPPORTED:
        return "ETSS_ERR_NOT_SUPPORTED";
    case ETSS_ERR_INVALID_ARGUMENT:
        return "ETSS_ERR_INVALID_ARGUMENT";
    case ETSS_ERR_INVALID_HANDLE:
        return "ETSS_ERR_INVALID_HANDLE";
    case ETSS_ERR_BAD_STATE:
        return "ETSS_ERR_BAD_STATE";
    case ETSS_ERR_BUFFER_TOO_SMALL:
        return "ETSS_ERR_BUFFER_TOO_SMALL";
    case ETSS_ERR_ALREADY_EXISTS:
        return "ETSS_ERR_ALREADY_EXISTS";
    case ETSS_ERR_DOES_NOT_EXIST:
        return "ETSS_ERR_DOES_NOT_EXIST";
    case ETSS_ERR_INSUFFICIENT_MEMORY:
        return "ETSS_ERR_INSUFFICIENT_MEMORY";
    case ETSS_ERR_INSUFFICIENT_STORAGE:
        return "ETSS_ERR_INSUFFICIENT_STORAGE";
    case ETSS_ERR_INSUFFICIENT_DATA:
        return "ETSS_ERR_INSUFFICIENT_DATA";
    case ETSS_ERR_SERVICE_FAILURE:
        return "ETSS_ERR_SERVICE_FAILURE";
    case ETSS_ERR_COMMUNICATION_FAILURE:
        return "ETSS_ERR_COMMUNICATION_FAILURE";
    case ETSS_ERR_STORAGE_FAILURE:
        return "ETSS_ERR_STORAGE_FAILURE";
    case ETSS_ERR_HARDWARE_FAILURE:
        return "ETSS_ERR_HARDWARE_FAILURE";
    case ETSS_ERR_INVALID_SIGNATURE:
        return "ETSS_ERR_INVALID_SIGNATURE";
    case ETSS_ERR_DATA_CORRUPT:
        return "ETSS_ERR_DATA_CORRUPT";
    case ETSS_ERR_DATA_INVALID:
        return "ETSS_ERR_DATA_INVALID";
    case ETSS_ERR_DEPENDENCY_NEEDED:
        return "ETSS_ERR_DEPENDENCY_NEEDED";
    case ETSS_ERR_CURRENTLY_INSTALLING:
        return "ETSS_ERR_CURRENTLY_INSTALLING";
    case ETSS_ERR_SF_UNPROVISIONED:
        return "ETSS_ERR_SF_UNPROVISIONED";
    case ETSS_ERR_SF_INIT:
        return "ETSS_ERR_SF_INIT";
    case ETSS_ERR_SF_PROVISION:
        return "ETSS_ERR_SF_PROVISION";
    case ETSS_ERR_SF_TAMPER:
        return "ETSS_ERR_SF_TAMPER";
    default:
        return "unknown ETSS error";
    }
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: etss [--data DIR] [--client ID] COMMAND [ARGS]\n"
            "\n"
            "The ETSS secure storage service on the secure flash device model. Each run\n"
            "powers the device up from DIR/" IMAGE_NAME ", starts the ETSS partition,\n"
            "makes one request through the client API (tfm_etss_*) as client ID, and\n"
            "exits; the image keeps the device's array and internal state between runs,\n"
            "and DIR/" RECORDS_NAME " the host's own record of the part (its identity\n"
            "and key salt, as a board keeps it in its trusted storage).\n"
            "\n"
            "Options (anywhere on the line):\n"
            "  --data DIR   where the device lives (default " DEFAULT_DATA_DIR
            ", created if missing)\n"
            "  --client ID  the caller's TF-M client id: negative for a non-secure client,\n"
            "               positive for a secure partition (default -1; provision and\n"
            "               lock: 300)\n"
            "  --stats      after the command, what it alone cost the device (device\n"
            "               time, bus bytes, transactions, pages, erases), on stderr\n"
            "  -h, --help   this help\n"
            "\n"
            "Commands:\n"
            "  provision CONFIG [--force]\n"
            "      provision the secure flash from a description (docs/provisioning.md);\n"
            "      secure clients only; a provisioned part only with --force (its zones,\n"
            "      keys and bindings are replaced)\n"
            "  lock --confirm\n"
            "      lock the part for good (production): provisioning is frozen, storage\n"
            "      and services go on; secure clients only\n"
            "  set UID (--value TEXT | --file PATH) [--write-once] [--no-confidentiality]\n"
            "          [--no-replay-protection]\n"
            "      store an asset of at most %u bytes, with PSA storage create flags\n"
            "  get UID [--offset N] [--size N] [--out PATH | --hex | --raw | --json]\n"
            "      print an asset (as text if printable, else in hex; --hex always in hex,\n"
            "      --raw its bytes as they are, --json one JSON object) or write it to PATH\n"
            "  info UID\n"
            "      an asset's size, capacity and flags\n"
            "  remove UID\n"
            "      delete an asset\n"
            "  counter increment|get ID\n"
            "      the client's monotonic counter (ID 0..255: the one its binding names)\n"
            "  puf\n"
            "      the client's PUF value (device-unique, stable), in hex\n"
            "  random N\n"
            "      N random bytes (1..%u) from the device's TRNG, in hex\n"
            "  bindings\n"
            "      the part's zones and which client uses which zone and counter\n"
            "  stats\n"
            "      the device model: lifecycle, session counter, failure count, counters,\n"
            "      wear, and what this run cost (device time, bus traffic)\n"
            "\n"
            "UIDs are 1..2^64-1; numbers are decimal or 0x hexadecimal. Each client sees\n"
            "only its own assets and its own counter, and has none without a binding in\n"
            "the provisioning description.\n"
            "\n"
            "Developer mode: the HUK this tool gives the partition is a fixed developer\n"
            "key, public on purpose so that you can decode bus traces of your own device\n"
            "model; it protects nothing. Production parts use the MCU's secret HUK.\n"
            "\n"
            "Exit status:\n"
            "  0  success\n"
            "  1  the service refused the request as asked (NOT_PERMITTED, DOES_NOT_EXIST,\n"
            "     INVALID_ARGUMENT, NOT_SUPPORTED, INSUFFICIENT_STORAGE, ...; its ETSS\n"
            "     error and why are printed)\n"
            "  2  usage error: the command line or the provisioning description is wrong\n"
            "     (nothing was sent to the device)\n"
            "  3  environment error: the data directory or image cannot be used (or is\n"
            "     corrupt), or a file cannot be read or written\n"
            "  4  the device is in use by another etss process\n"
            "  5  the stored data, the part or the service failed (DATA_CORRUPT,\n"
            "     STORAGE_FAILURE, COMMUNICATION_FAILURE, ...)\n"
            "  6  no usable secure flash: blank (SF_UNPROVISIONED), none (SF_INIT), or\n"
            "     not this host's part (SF_TAMPER)\n"
            "\n"
            "Examples:\n"
            "  etss provision config/provision-example.conf\n"
            "  etss set 1 --value \"hello from the non-secure side\"\n"
            "  etss get 1\n"
            "  etss set 0x10 --file cert.der --write-once\n"
            "  etss get 0x10 --out copy.der\n"
            "  etss info 1\n"
            "  etss counter increment 0\n"
            "  etss --client 256 get 1      # another client: client -1's uid 1 is not there\n"
            "  etss random 16\n"
            "  etss --data /tmp/dev2 stats  # a second device\n",
            (unsigned)ETSS_MAX_ASSET_SIZE, RANDOM_MAX);
}

__attribute__((format(printf, 1, 2))) static int usage_error(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    fputs("etss: ", stderr);
    vfprintf(stderr, format, ap);
    va_end(ap);
    fputs("\nRun `etss --help` for usage.\n", stderr);
    return EXIT_USAGE;
}

static bool is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

/* The counter the part binds `client` to (-1: none), from the model's view
 * (the partition has answered, so it is idle). */
static int bound_counter(int32_t client)
{
    struct sf_model_view v;
    sf_model_view(model, &v);
    for (uint8_t i = 0; i < v.n_bindings; i++) {
        if (v.bindings[i].client_id == client) {
            return v.bindings[i].counter;
        }
    }
    return -1;
}

/* NOT_PERMITTED has several causes: say which one this is. */
static void explain_not_permitted(const struct request *r, char *msg, size_t size)
{
    struct psa_storage_info_t info;
    if ((r->cmd->id == CMD_PROVISION || r->cmd->id == CMD_LOCK) && r->client < 0) {
        snprintf(msg, size,
                 "%s is for secure clients only, and client %" PRId32
                 " is non-secure (leave --client out to act as the secure client %d)",
                 r->cmd->id == CMD_LOCK ? "locking" : "provisioning", r->client,
                 DEFAULT_PROVISIONING_CLIENT);
        return;
    }
    if (r->cmd->id == CMD_PROVISION) {
        snprintf(msg, size, "the part is locked (production): it cannot be provisioned again");
        return;
    }
    /* Storage calls answer NOT_PERMITTED for any uid only to a client without
     * a binding, so asking about one tells the two refusals apart. */
    etss_err_t probe = tfm_etss_get_info(r->uid != ETSS_INVALID_UID ? r->uid : 1u, &info);
    if (probe == ETSS_ERR_NOT_PERMITTED) {
        snprintf(msg, size,
                 "client %" PRId32 " has no binding on this secure flash, so it has no "
                 "storage, counter or PUF (bindings come from the provisioning description)",
                 r->client);
    } else if (r->cmd->id == CMD_COUNTER) {
        snprintf(msg, size, "counter %u is not client %" PRId32 "'s: its binding names counter %d",
                 r->counter, r->client, bound_counter(r->client));
    } else if (probe == ETSS_SUCCESS && (info.flags & PSA_STORAGE_FLAG_WRITE_ONCE) != 0u) {
        snprintf(msg, size, "write-once asset: it cannot be changed or removed");
    } else {
        snprintf(msg, size,
                 "client %" PRId32 "'s zone is read-only: its assets cannot be set "
                 "or removed",
                 r->client);
    }
}

static void explain(const struct request *r, etss_err_t err, char *msg, size_t size)
{
    bool data_given = (r->given & BIT(OPT_DATA)) != 0u;
    switch (err) {
    case ETSS_ERR_SF_UNPROVISIONED:
        snprintf(msg, size,
                 "the secure flash is blank: run `etss %s%s%sprovision "
                 "config/provision-example.conf` first",
                 data_given ? "--data " : "", data_given ? r->data_dir : "", data_given ? " " : "");
        break;
    case ETSS_ERR_SF_INIT:
        snprintf(msg, size,
                 "no usable secure flash: the part does not answer as one, it locked "
                 "itself out after repeated failures (`etss stats` says so; it needs a "
                 "power cycle), or it does not hold this host's keys");
        break;
    case ETSS_ERR_SF_PROVISION:
        snprintf(msg, size, "the part refused the provisioning message");
        break;
    case ETSS_ERR_SF_TAMPER:
        snprintf(msg, size,
                 "the secure flash is not the part this host provisioned, or the bus lies "
                 "about it (the host's record is " RECORDS_NAME " beside the image); nothing "
                 "was sent to it");
        break;
    case ETSS_ERR_DOES_NOT_EXIST:
        snprintf(msg, size, "uid %" PRIu64 " does not exist for client %" PRId32, r->uid,
                 r->client);
        break;
    case ETSS_ERR_NOT_PERMITTED:
        explain_not_permitted(r, msg, size);
        break;
    case ETSS_ERR_INVALID_ARGUMENT:
        if (r->cmd->id == CMD_SET && r->len > ETSS_MAX_ASSET_SIZE) {
            /* --file reads one byte past the limit, no more. */
            snprintf(msg, size, "the asset is larger than %u bytes", (unsigned)ETSS_MAX_ASSET_SIZE);
        } else if (r->cmd->id == CMD_GET) {
            snprintf(msg, size, "offset %" PRIu64 " is past the end of uid %" PRIu64, r->offset,
                     r->uid);
        } else {
            snprintf(msg, size, "the service found an argument invalid");
        }
        break;
    case ETSS_ERR_NOT_SUPPORTED:
        snprintf(msg, size,
                 "this secure flash cannot do that (docs/partition.md says what each "
                 "kind of part offers)");
        break;
    case ETSS_ERR_INSUFFICIENT_STORAGE:
        snprintf(msg, size,
                 "no room: a client holds at most %u assets, and its zone must have space "
                 "for the new one",
                 (unsigned)ETSS_MAX_ASSETS_PER_CLIENT);
        break;
    case ETSS_ERR_INSUFFICIENT_MEMORY:
        snprintf(msg, size,
                 "the partition cannot mount another zone's filesystem, or the crypto "
                 "service ran out of key slots");
        break;
    case ETSS_ERR_BAD_STATE:
        snprintf(msg, size, "counter %u has reached its limit", r->counter);
        break;
    case ETSS_ERR_DATA_CORRUPT:
        snprintf(msg, size, "the stored data failed its integrity check");
        break;
    case ETSS_ERR_DATA_INVALID:
        snprintf(msg, size,
                 "the zone holds a filesystem of another format version or geometry "
                 "(written by another build)");
        break;
    case ETSS_ERR_SERVICE_FAILURE:
        snprintf(msg, size,
                 "the secure flash has locked itself out after too many failures, until "
                 "it is reset");
        break;
    case ETSS_ERR_COMMUNICATION_FAILURE:
        snprintf(msg, size,
                 "the secure channel failed: the part's answers did not "
                 "authenticate, or it stopped answering");
        break;
    case ETSS_ERR_STORAGE_FAILURE:
        snprintf(msg, size, "the secure flash refused or failed a read, program or erase");
        break;
    case ETSS_ERR_CONNECTION_REFUSED:
    case ETSS_ERR_CONNECTION_BUSY:
        snprintf(msg, size, "the ETSS service is not reachable");
        break;
    default:
        snprintf(msg, size, "the service failed");
        break;
    }
}

/* The exit status of a service error: its class, so a script can tell a
 * request refused as asked (1) from a failure (5) and a part not there to
 * serve (6) without reading the message. */
static int exit_status_of(etss_err_t err)
{
    switch (err) {
    case ETSS_ERR_SF_UNPROVISIONED:
    case ETSS_ERR_SF_INIT:
    case ETSS_ERR_SF_TAMPER:
        return EXIT_NO_PART;
    case ETSS_ERR_DATA_CORRUPT:
    case ETSS_ERR_DATA_INVALID:
    case ETSS_ERR_STORAGE_FAILURE:
    case ETSS_ERR_COMMUNICATION_FAILURE:
    case ETSS_ERR_HARDWARE_FAILURE:
    case ETSS_ERR_SERVICE_FAILURE:
    case ETSS_ERR_GENERIC_ERROR:
    case ETSS_ERR_INSUFFICIENT_MEMORY:
        return EXIT_FAILED;
    default:
        return EXIT_REFUSED; /* not permitted, does not exist, invalid, unsupported, full... */
    }
}

static int refused(const struct request *r, etss_err_t err)
{
    char msg[256];
    explain(r, err, msg, sizeof(msg));
    fprintf(stderr, "etss: %s: %s\n", etss_err_name(err), msg);
    return exit_status_of(err);
}

static const char *plural(size_t n)
{
    return n == 1u ? "" : "s";
}

static void print_hex(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        printf("%02x%s", p[i], (i + 1u) % HEX_LINE == 0u || i + 1u == n ? "\n" : "");
    }
}

/* ---- inputs ---- */

static bool parse_client(const char *text, int32_t *out)
{
    bool negative = text[0] == '-';
    uint64_t magnitude = 0u;
    if (!provision_config_parse_u64(negative ? text + 1 : text, &magnitude) || magnitude == 0u ||
        magnitude > (negative ? (uint64_t)INT32_MAX + 1u : (uint64_t)INT32_MAX)) {
        return false;
    }
    *out = negative ? (int32_t)(-(int64_t)magnitude) : (int32_t)magnitude;
    return true;
}

/* A file's first limit + 1 bytes at most (so a longer one shows as too
 * long, and /dev/zero ends), in a buffer the caller frees; NULL with errno
 * set. */
static uint8_t *read_file(const char *path, size_t limit, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    uint8_t *buf = NULL;
    size_t cap = 0u;
    size_t n = 0u;
    bool failed = false;
    while (!failed && n <= limit) {
        if (n == cap) {
            cap = cap == 0u ? 4096u : 2u * cap;
            uint8_t *bigger = realloc(buf, cap);
            failed = bigger == NULL;
            buf = bigger != NULL ? bigger : buf;
            continue;
        }
        size_t want = cap - n < limit + 1u - n ? cap - n : limit + 1u - n;
        size_t got = fread(&buf[n], 1, want, f);
        n += got;
        if (got == 0u) {
            failed = ferror(f) != 0;
            break;
        }
    }
    int saved = errno;
    fclose(f);
    if (failed) {
        free(buf);
        errno = saved;
        return NULL;
    }
    *len = n;
    return buf;
}

static int prepare_uid(struct request *r)
{
    if (!provision_config_parse_u64(r->words[0], &r->uid) || r->uid == ETSS_INVALID_UID) {
        return usage_error("bad uid \"%s\": a uid is 1..2^64-1, decimal or 0x hex", r->words[0]);
    }
    return 0;
}

static int prepare_set(struct request *r)
{
    int rc = prepare_uid(r);
    bool by_value = (r->given & BIT(OPT_VALUE)) != 0u;
    if (rc != 0) {
        return rc;
    }
    if (by_value == ((r->given & BIT(OPT_FILE)) != 0u)) {
        return usage_error("set needs the asset as exactly one of --value TEXT or --file PATH");
    }
    if (by_value) {
        r->data = (const uint8_t *)r->option_value[OPT_VALUE];
        r->len = strlen(r->option_value[OPT_VALUE]);
        return 0;
    }
    /* One byte more than an asset may hold: the service refuses it. */
    r->owned = read_file(r->option_value[OPT_FILE], ETSS_MAX_ASSET_SIZE, &r->len);
    if (r->owned == NULL) {
        fprintf(stderr, "etss: cannot read %s: %s\n", r->option_value[OPT_FILE], strerror(errno));
        return EXIT_ENVIRONMENT;
    }
    r->data = r->owned;
    return 0;
}

/* get's ways to give the value: one at most (none: text if printable). */
#define GET_OUTPUTS (BIT(OPT_OUT) | BIT(OPT_HEX) | BIT(OPT_RAW) | BIT(OPT_JSON))

static int prepare_get(struct request *r)
{
    int rc = prepare_uid(r);
    unsigned outputs = r->given & GET_OUTPUTS;
    if (rc == 0 && r->offset > UINT32_MAX) {
        rc = usage_error("--offset must be at most %" PRIu32, UINT32_MAX);
    }
    if (rc == 0 && (outputs & (outputs - 1u)) != 0u) {
        rc = usage_error("get takes at most one of --out, --hex, --raw and --json");
    }
    return rc;
}

static int prepare_provision(struct request *r)
{
    const char *path = r->words[0];
    char err[200];
    size_t len = 0u;
    uint8_t *text = read_file(path, MAX_DESCRIPTION_BYTES, &len);
    if (text == NULL) {
        fprintf(stderr, "etss: cannot read %s: %s\n", path, strerror(errno));
        return EXIT_ENVIRONMENT;
    }
    if (len > MAX_DESCRIPTION_BYTES) {
        free(text);
        return usage_error("%s: a provisioning description is at most %u bytes", path,
                           MAX_DESCRIPTION_BYTES);
    }
    int rc = provision_config_parse((const char *)text, len, &r->config, err, sizeof(err));
    free(text);
    if (rc == 0) {
        rc = provision_config_encode(&r->config, r->message, sizeof(r->message), &r->len);
    }
    if (rc != 0) {
        fprintf(stderr, "etss: %s: %s\n(see docs/provisioning.md)\n", path, err);
        return EXIT_USAGE;
    }
    r->data = r->message;
    return 0;
}

static int prepare_counter(struct request *r)
{
    uint64_t id = 0u;
    r->increment = strcmp(r->words[0], "increment") == 0;
    if (!r->increment && strcmp(r->words[0], "get") != 0) {
        return usage_error("counter takes increment or get, not \"%s\"", r->words[0]);
    }
    if (!provision_config_parse_u64(r->words[1], &id) || id > UINT8_MAX) {
        return usage_error("bad counter id \"%s\": a counter id is 0..255", r->words[1]);
    }
    r->counter = (uint8_t)id;
    return 0;
}

static int prepare_random(struct request *r)
{
    uint64_t n = 0u;
    if (!provision_config_parse_u64(r->words[0], &n) || n == 0u || n > RANDOM_MAX) {
        return usage_error("bad byte count \"%s\": random takes 1..%u", r->words[0], RANDOM_MAX);
    }
    r->random_len = (uint32_t)n;
    return 0;
}

static int prepare_lock(struct request *r)
{
    if ((r->given & BIT(OPT_CONFIRM)) == 0u) {
        return usage_error("lock is for good: the part leaves developer mode and can never be "
                           "provisioned again (its zones, keys and bindings stay as they are); "
                           "add --confirm to do it");
    }
    return 0;
}

static int prepare_nothing(struct request *r)
{
    (void)r;
    return 0;
}

/* ---- the commands ---- */

/* Any reply means the partition has finished starting up (discovery) and
 * waits idle, so this thread may inspect the model it drives. */
static void wait_for_partition(void)
{
    struct psa_storage_info_t info;
    (void)tfm_etss_get_info(ETSS_INVALID_UID, &info);
}

/* What the service and this part need of a description beyond its own
 * consistency (the parser's): every zone a client uses is large enough
 * for the filesystem to hold anything, and the part has the array and the
 * counters the description counts on. 0, or EXIT_USAGE with the reason. */
static int check_against_part(const struct request *r, const struct sf_model_view *view)
{
    const struct provision_config *c = &r->config;
    uint32_t part_size = nor_model_config(sf_model_nor(model))->size_bytes;
    if (c->flash_size > part_size) {
        return usage_error("%s: flash_size is 0x%" PRIx32 " but this part has 0x%" PRIx32 " bytes",
                           r->words[0], c->flash_size, part_size);
    }
    if (c->n_counters > view->n_counters) {
        return usage_error("%s: counters is %u but this part has %u", r->words[0],
                           (unsigned)c->n_counters, (unsigned)view->n_counters);
    }
    for (uint8_t i = 0; i < c->n_bindings; i++) {
        const struct provision_binding *b = &c->bindings[i];
        uint32_t size = c->zones[b->zone].size;
        if (etss_fs_capacity(size, SF_API_ERASE_SIZE) == 0u) {
            return usage_error("%s: [zone %u] (0x%" PRIx32 " bytes, client %" PRId32
                               "'s) is smaller than the filesystem needs: it would hold nothing "
                               "in sectors of 0x%" PRIx32 " bytes (docs/filesystem.md, \"Space\")",
                               r->words[0], (unsigned)b->zone, size, b->client_id,
                               etss_fs_sector_size(SF_API_ERASE_SIZE));
        }
    }
    return 0;
}

static int run_provision(struct request *r)
{
    const struct provision_config *c = &r->config;
    struct sf_model_view view;
    wait_for_partition();
    sf_model_view(model, &view);
    int checked = check_against_part(r, &view);
    if (checked != 0) {
        return checked;
    }
    if (view.lifecycle == SFP1_LIFECYCLE_PROVISIONED && (r->given & BIT(OPT_FORCE)) == 0u) {
        fprintf(stderr, "etss: the part is provisioned already: provisioning it again replaces "
                        "its zones, keys and bindings, and the assets of a zone that moves or "
                        "of a client that loses its binding are lost; add --force to do it\n");
        return EXIT_USAGE;
    }
    etss_err_t err = tfm_etss_secure_flash_provisioning(r->len, r->data);
    if (err != ETSS_SUCCESS) {
        return refused(r, err);
    }
    printf("provisioned from %s (developer mode: root keys from the developer HUK, the part's "
           "identity and a fresh salt, sent sealed to the part)\n",
           r->words[0]);
    provision_config_print(c, stdout);
    return 0;
}

static int run_lock(struct request *r)
{
    struct sf_model_view view;
    wait_for_partition();
    sf_model_view(model, &view);
    uint8_t before = view.lifecycle;
    etss_err_t err = tfm_etss_secure_flash_lock();
    if (err != ETSS_SUCCESS) {
        return refused(r, err);
    }
    printf(before == SFP1_LIFECYCLE_LOCKED
               ? "the part was locked already (production): provisioning stays frozen\n"
               : "locked (production): the part can never be provisioned again; its zones, "
                 "keys, bindings and assets stay, and every client is served as before\n");
    return 0;
}

/* Each create flag, and the option of set that asks for it (whose name,
 * without its dashes, is the flag's name in the output). */
static const struct {
    psa_storage_create_flags_t flag;
    enum option_id option;
} create_flag_options[] = {
    {PSA_STORAGE_FLAG_WRITE_ONCE, OPT_WRITE_ONCE},
    {PSA_STORAGE_FLAG_NO_CONFIDENTIALITY, OPT_NO_CONFIDENTIALITY},
    {PSA_STORAGE_FLAG_NO_REPLAY_PROTECTION, OPT_NO_REPLAY_PROTECTION},
};
#define N_CREATE_FLAGS (sizeof(create_flag_options) / sizeof(create_flag_options[0]))

static void print_flags(psa_storage_create_flags_t flags)
{
    const char *sep = "";
    if (flags == PSA_STORAGE_FLAG_NONE) {
        printf("none");
    }
    for (size_t i = 0; i < N_CREATE_FLAGS; i++) {
        if ((flags & create_flag_options[i].flag) != 0u) {
            printf("%s%s", sep, option_specs[create_flag_options[i].option].name + 2);
            sep = ", ";
            flags &= ~create_flag_options[i].flag;
        }
    }
    if (flags != 0u) {
        printf("%s0x%" PRIx32, sep, flags);
    }
}

static psa_storage_create_flags_t create_flags(const struct request *r)
{
    psa_storage_create_flags_t flags = PSA_STORAGE_FLAG_NONE;
    for (size_t i = 0; i < N_CREATE_FLAGS; i++) {
        if ((r->given & BIT(create_flag_options[i].option)) != 0u) {
            flags |= create_flag_options[i].flag;
        }
    }
    return flags;
}

static int run_set(struct request *r)
{
    psa_storage_create_flags_t flags = create_flags(r);
    etss_err_t err = tfm_etss_set(r->uid, r->len, r->data, flags);
    if (err != ETSS_SUCCESS) {
        return refused(r, err);
    }
    printf("uid %" PRIu64 ": stored %zu byte%s for client %" PRId32 " (flags: ", r->uid, r->len,
           plural(r->len), r->client);
    print_flags(flags);
    printf(")\n");
    return 0;
}

static bool printable(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((p[i] < 0x20u || p[i] > 0x7eu) && p[i] != '\n' && p[i] != '\t') {
            return false;
        }
    }
    return true;
}

static int write_out(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    bool ok = f != NULL && fwrite(p, 1, n, f) == n;
    int saved = errno;
    if (f != NULL && fclose(f) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
        fprintf(stderr, "etss: cannot write %s: %s\n", path, strerror(saved));
        return EXIT_ENVIRONMENT;
    }
    return 0;
}

static int run_get(struct request *r)
{
    static uint8_t value[ETSS_MAX_ASSET_SIZE];
    size_t want = (r->given & BIT(OPT_SIZE)) != 0u && r->size < sizeof(value) ? (size_t)r->size
                                                                              : sizeof(value);
    size_t n = 0u;
    etss_err_t err = tfm_etss_get(r->uid, (size_t)r->offset, want, value, &n);
    if (err != ETSS_SUCCESS) {
        return refused(r, err);
    }
    if ((r->given & BIT(OPT_OUT)) != 0u) {
        int rc = write_out(r->option_value[OPT_OUT], value, n);
        if (rc == 0) {
            printf("uid %" PRIu64 ": wrote %zu byte%s to %s\n", r->uid, n, plural(n),
                   r->option_value[OPT_OUT]);
        }
        return rc;
    }
    if ((r->given & BIT(OPT_RAW)) != 0u) {
        return fwrite(value, 1u, n, stdout) == n && fflush(stdout) == 0 ? 0 : EXIT_ENVIRONMENT;
    }
    if ((r->given & BIT(OPT_JSON)) != 0u) {
        printf("{\"uid\": %" PRIu64 ", \"client\": %" PRId32 ", \"offset\": %" PRIu64
               ", \"size\": %zu, \"hex\": \"",
               r->uid, r->client, r->offset, n);
        for (size_t i = 0; i < n; i++) {
            printf("%02x", value[i]);
        }
        printf("\"}\n");
    } else if ((r->given & BIT(OPT_HEX)) == 0u && printable(value, n)) {
        printf("%.*s\n", (int)n, (const char *)value);
    } else {
        print_hex(value, n);
    }
    return 0;
}

static int run_info(struct request *r)
{
    struct psa_storage_info_t info;
    etss_err_t err = tfm_etss_get_info(r->uid, &info);
    if (err != ETSS_SUCCESS) {
        return refused(r, err);
    }
    printf("uid %" PRIu64 " of client %" PRId32 "\n", r->uid, r->client);
    printf("  size      %zu byte%s\n", info.size, plural(info.size));
    printf("  capacity  %zu byte%s\n", info.capacity, plural(info.capacity));
    printf("  flags     ");
    print_flags(info.flags);
    printf("\n");
    return 0;
}

static int run_remove(struct request *r)
{
    etss_err_t err = tfm_etss_remove(r->uid);
    if (err != ETSS_SUCCESS) {
        return refused(r, err);
    }
    printf("uid %" PRIu64 ": removed for client %" PRId32 "\n", r->uid, r->client);
    return 0;
}

static int run_counter(struct request *r)
{
    uint8_t le[COUNTER_LEN];
    etss_err_t err = r->increment ? tfm_etss_mc_increment(r->counter) : ETSS_SUCCESS;
    if (err == ETSS_SUCCESS) {
        err = tfm_etss_mc_get(r->counter, le, sizeof(le));
    }
    if (err != ETSS_SUCCESS) {
        return refused(r, err);
    }
    uint32_t value =
        (uint32_t)le[0] | (uint32_t)le[1] << 8 | (uint32_t)le[2] << 16 | (uint32_t)le[3] << 24;
    printf("counter %u: %" PRIu32 "%s\n", r->counter, value, r->increment ? " (incremented)" : "");
    return 0;
}

static int run_puf(struct request *r)
{
    uint8_t puf[PUF_LEN];
    uint32_t len = 0u;
    etss_err_t err = tfm_etss_get_puf(puf, sizeof(puf), &len);
    if (err != ETSS_SUCCESS) {
        return refused(r, err);
    }
    print_hex(puf, len);
    return 0;
}

static int run_random(struct request *r)
{
    static uint8_t bytes[RANDOM_MAX];
    etss_err_t err = tfm_etss_generate_random_number(bytes, r->random_len);
    if (err != ETSS_SUCCESS) {
        return refused(r, err);
    }
    print_hex(bytes, r->random_len);
    return 0;
}

static const char *lifecycle_name(uint8_t lifecycle)
{
    switch (lifecycle) {
    case SFP1_LIFECYCLE_BLANK:
        return "blank";
    case SFP1_LIFECYCLE_PROVISIONED:
        return "provisioned (developer mode)";
    case SFP1_LIFECYCLE_LOCKED:
        return "locked (production)";
    default:
        return "unknown";
    }
}

/* The part's zones and bindings, as its provisioning set them (the
 * model's view, past the bus: the same as the service's authenticated one). */
static int run_bindings(struct request *r)
{
    static const char *const reads[] = {"open", "authenticated", "encrypted"};
    static const char *const writes[] = {"open", "authenticated", "read-only"};
    struct sf_model_view v;
    (void)r;
    wait_for_partition();
    sf_model_view(model, &v);
    if (v.lifecycle == SFP1_LIFECYCLE_BLANK) {
        printf("the part is blank: no zones, no bindings\n");
        return 0;
    }
    for (uint8_t i = 0; i < v.n_zones; i++) {
        printf("zone %u: 0x%06" PRIX32 " + 0x%06" PRIX32 ", read %s, write %s\n", i,
               v.zones[i].base, v.zones[i].size, reads[v.zones[i].read_policy % 3u],
               writes[v.zones[i].write_policy % 3u]);
    }
    for (uint8_t i = 0; i < v.n_bindings; i++) {
        printf("client %" PRId32 " -> zone %u, counter %u\n", v.bindings[i].client_id,
               v.bindings[i].zone, v.bindings[i].counter);
    }
    return 0;
}

static int run_stats(struct request *r)
{
    struct sf_model_view view;
    const nor_model_t *nor = sf_model_nor(model);
    (void)r;
    wait_for_partition();

    sf_model_view(model, &view);
    printf("secure flash model %s\n", image_path);
    printf("  lifecycle         %s\n", lifecycle_name(view.lifecycle));
    printf("  session counter   %" PRIu32 " (the last session's: never used twice), %u open now\n",
           view.session_counter, view.open_sessions);
    printf("  failure count     %u%s\n", view.failure_count,
           view.locked_out ? ", LOCKED OUT" : ", not locked out");
    printf("  counters         ");
    for (uint8_t i = 0; i < view.n_counters; i++) {
        printf(" %u:%" PRIu32, i, view.counters[i]);
    }
    printf("\n");
    uint32_t sectors = nor_model_config(nor)->size_bytes / NOR_MODEL_SECTOR_SIZE;
    uint32_t least = UINT32_MAX;
    uint32_t most = 0u;
    for (uint32_t s = 0; s < sectors; s++) {
        uint32_t count = nor_model_erase_count(nor, s);
        least = count < least ? count : least;
        most = count > most ? count : most;
    }
    printf("  erase count       %" PRIu32 "..%" PRIu32 " over %" PRIu32 " sectors of 4 KiB\n",
           least, most, sectors);

    const struct nor_model_stats *s = nor_model_stats(nor);
    printf("this run (power-up and the partition's start-up):\n");
    printf("  device time       %.3f ms\n", (double)s->device_time_ns / 1e6);
    printf("  bus               %" PRIu64 " B to device, %" PRIu64 " B from device, %" PRIu64
           " transactions\n",
           s->bytes_to_device, s->bytes_from_device, s->transactions);
    printf("  pages programmed  %" PRIu64 "\n", s->pages_programmed);
    printf("  sectors erased    %" PRIu64 "\n", s->sectors_erased);
    return 0;
}

static const struct command commands[] = {
    {"provision", CMD_PROVISION, "provision CONFIG [--force]", 1, BIT(OPT_FORCE), prepare_provision,
     run_provision},
    {"lock", CMD_LOCK, "lock --confirm", 0, BIT(OPT_CONFIRM), prepare_lock, run_lock},
    {"set", CMD_SET,
     "set UID (--value TEXT | --file PATH) [--write-once] [--no-confidentiality] "
     "[--no-replay-protection]",
     1,
     BIT(OPT_VALUE) | BIT(OPT_FILE) | BIT(OPT_WRITE_ONCE) | BIT(OPT_NO_CONFIDENTIALITY) |
         BIT(OPT_NO_REPLAY_PROTECTION),
     prepare_set, run_set},
    {"get", CMD_GET, "get UID [--offset N] [--size N] [--out PATH | --hex | --raw | --json]", 1,
     BIT(OPT_OFFSET) | BIT(OPT_SIZE) | GET_OUTPUTS, prepare_get, run_get},
    {"info", CMD_OTHER, "info UID", 1, 0u, prepare_uid, run_info},
    {"remove", CMD_OTHER, "remove UID", 1, 0u, prepare_uid, run_remove},
    {"counter", CMD_COUNTER, "counter increment|get ID", 2, 0u, prepare_counter, run_counter},
    {"puf", CMD_OTHER, "puf", 0, 0u, prepare_nothing, run_puf},
    {"random", CMD_OTHER, "random N", 1, 0u, prepare_random, run_random},
    {"bindings", CMD_OTHER, "bindings", 0, 0u, prepare_nothing, run_bindings},
    {"stats", CMD_OTHER, "stats", 0, 0u, prepare_nothing, run_stats},
};

/* ---- the command line ---- */

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(commands[i].name, name) == 0) {
            return &commands[i];
        }
    }
    return NULL;
}

static int find_option(const char *name)
{
    for (int i = 0; i < N_OPTIONS; i++) {
        if (strcmp(option_specs[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

static int parse_number_option(const struct request *r, enum option_id opt, uint64_t *out)
{
    const char *text = r->option_value[opt];
    if (text != NULL && !provision_config_parse_u64(text, out)) {
        return usage_error("bad number \"%s\" for %s", text, option_specs[opt].name);
    }
    return 0;
}

static int parse_numbers(struct request *r)
{
    const char *client = r->option_value[OPT_CLIENT];
    if (client == NULL && (r->cmd->id == CMD_PROVISION || r->cmd->id == CMD_LOCK)) {
        r->client = DEFAULT_PROVISIONING_CLIENT;
    }
    if (client != NULL && !parse_client(client, &r->client)) {
        return usage_error("bad client id \"%s\": a TF-M client id is a non-zero 32-bit number, "
                           "negative for non-secure clients",
                           client);
    }
    int rc = parse_number_option(r, OPT_OFFSET, &r->offset);
    return rc != 0 ? rc : parse_number_option(r, OPT_SIZE, &r->size);
}

static int parse_args(int argc, char **argv, struct request *r)
{
    bool words_only = false; /* after "--": a word may start with '-' */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!words_only && strcmp(arg, "--") == 0) {
            words_only = true;
            continue;
        }
        if (!words_only && is_help(arg)) {
            r->help = true; /* where an option could be: not an option's value */
            return 0;
        }
        if (words_only || arg[0] != '-' || arg[1] == '\0') {
            if (r->cmd == NULL) {
                r->cmd = find_command(arg);
                if (r->cmd == NULL) {
                    return usage_error("unknown command \"%s\"", arg);
                }
            } else if (r->n_words == r->cmd->n_words) {
                return usage_error("unexpected argument \"%s\": usage: etss %s", arg,
                                   r->cmd->synopsis);
            } else {
                r->words[r->n_words++] = arg;
            }
            continue;
        }
        int opt = find_option(arg);
        if (opt < 0) {
            return usage_error("unknown option %s", arg);
        }
        if ((r->given & BIT(opt)) != 0u) {
            return usage_error("%s given twice", arg);
        }
        r->given |= BIT(opt);
        if (option_specs[opt].takes_value) {
            if (i + 1 == argc) {
                return usage_error("%s needs a value", arg);
            }
            r->option_value[opt] = argv[++i];
        }
    }
    if (r->cmd == NULL) {
        return usage_error("no command given");
    }
    if (r->n_words < r->cmd->n_words) {
        return usage_error("missing argument: usage: etss %s", r->cmd->synopsis);
    }
    for (int opt = 0; opt < N_OPTIONS; opt++) {
        if ((r->given & BIT(opt) & ~(GLOBAL_OPTIONS | r->cmd->options)) != 0u) {
            return usage_error("%s is not an option of %s: usage: etss %s", option_specs[opt].name,
                               r->cmd->name, r->cmd->synopsis);
        }
    }
    if (r->option_value[OPT_DATA] != NULL) {
        r->data_dir = r->option_value[OPT_DATA];
    }
    return parse_numbers(r);
}

/* ---- the device ---- */

/* mkdir -p */
static int make_dirs(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;
    if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = path;; p++) {
        if ((*p == '/' && p != path) || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (mkdir(path, 0777) != 0 && errno != EEXIST) {
                return -1;
            }
            *p = c;
            if (c == '\0') {
                break;
            }
        }
    }
    if (stat(dir, &st) != 0) {
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* One etss process per device at a time: the lock is held until exit
 * (the descriptor is never closed before). 0, EXIT_BUSY or EXIT_ENVIRONMENT. */
static int lock_device(const char *dir)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof(path), "%s/%s", dir, LOCK_NAME) >= (int)sizeof(path)) {
        fprintf(stderr, "etss: the data directory's path is too long\n");
        return EXIT_ENVIRONMENT;
    }
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        fprintf(stderr, "etss: cannot open %s: %s\n", path, strerror(errno));
        return EXIT_ENVIRONMENT;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int busy = errno == EWOULDBLOCK;
        fprintf(stderr, "etss: %s\n",
                busy ? "the device is in use by another etss process (try again when it ends)"
                     : strerror(errno));
        close(fd);
        return busy ? EXIT_BUSY : EXIT_ENVIRONMENT;
    }
    return 0;
}

/* Which die the device is: drawn when its image is created and kept beside
 * it, so every data directory is a part of its own (PUF, unique id,
 * identity). A directory from before the seed was kept is the die of
 * seed 1, which every device then was. */
static int device_seed(const char *dir, bool new_device, uint64_t *seed)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof(path), "%s/%s", dir, SEED_NAME) >= (int)sizeof(path)) {
        return -1;
    }
    FILE *f = fopen(path, "r");
    if (f != NULL) {
        int n = fscanf(f, "%" SCNx64, seed);
        fclose(f);
        return n == 1 ? 0 : -1;
    }
    *seed = 1u;
    if (new_device) {
        FILE *u = fopen("/dev/urandom", "rb");
        bool drawn = u != NULL && fread(seed, sizeof(*seed), 1u, u) == 1u;
        if (u != NULL) {
            fclose(u);
        }
        if (!drawn) {
            return -1;
        }
    }
    f = fopen(path, "w");
    bool ok = f != NULL && fprintf(f, "%016" PRIx64 "\n", *seed) > 0;
    ok = f != NULL && fclose(f) == 0 && ok;
    return ok ? 0 : -1;
}

/* Power the device up from its image and start the partition on it. */
static int power_up(const struct request *r)
{
    struct sf_model_config cfg;
    enum nor_model_status st;
    if (make_dirs(r->data_dir) != 0) {
        fprintf(stderr, "etss: cannot create the data directory %s: %s\n", r->data_dir,
                strerror(errno));
        return EXIT_ENVIRONMENT;
    }
    int rc = lock_device(r->data_dir);
    if (rc != 0) {
        return rc;
    }
    if (snprintf(image_path, sizeof(image_path), "%s/%s", r->data_dir, IMAGE_NAME) >=
        (int)sizeof(image_path)) {
        fprintf(stderr, "etss: the data directory's path is too long\n");
        return EXIT_ENVIRONMENT;
    }
    sf_model_default_config(&cfg);
    cfg.nor.image_path = image_path;
    if (device_seed(r->data_dir, access(image_path, F_OK) != 0, &cfg.device_seed) != 0) {
        fprintf(stderr, "etss: cannot read or write %s/%s\n", r->data_dir, SEED_NAME);
        return EXIT_ENVIRONMENT;
    }
    model = sf_model_create(&cfg, &st);
    if (model == NULL) {
        fprintf(stderr, "etss: %s: %s\n", image_path, nor_model_strerror(st));
        return EXIT_ENVIRONMENT;
    }
    etss_host_set_spi(0, model_spi_bind(&bus, sf_model_nor(model)));
    /* The host's record of the part lives beside the part's image, as a
     * board keeps it in its own trusted storage. */
    uint8_t maker[65];
    if (snprintf(records_path, sizeof(records_path), "%s/%s", r->data_dir, RECORDS_NAME) >=
            (int)sizeof(records_path) ||
        sf_model_maker_public_key(0u, maker) != 0 ||
        etss_host_set_trust(maker, records_path) != 0 ||
        etss_host_set_huk(developer_huk, sizeof(developer_huk)) != 0 ||
        etss_host_start_partition() != 0) {
        fprintf(stderr, "etss: cannot start the ETSS partition\n");
        sf_model_destroy(model);
        return EXIT_ENVIRONMENT;
    }
    spm_host_set_client_id(r->client);
    return 0;
}

/* Every command has had its reply, so the partition waits idle and the
 * model can go. It wrote every program and erase through to the image;
 * an error doing so means the image is no longer the device. */
static int power_down(int rc)
{
    enum nor_model_status st = nor_model_image_status(sf_model_nor(model));
    sf_model_destroy(model);
    if (st != NOR_MODEL_OK) {
        fprintf(stderr, "etss: %s: %s\n", image_path, nor_model_strerror(st));
        return EXIT_ENVIRONMENT;
    }
    return rc;
}

/* The command; with --stats, what it alone cost the device (the power-up
 * and the partition's start-up left out), on standard error. */
static int run_measured(struct request *r)
{
    if ((r->given & BIT(OPT_STATS)) == 0u) {
        return r->cmd->run(r);
    }
    wait_for_partition();
    const struct nor_model_stats *now = nor_model_stats(sf_model_nor(model));
    struct nor_model_stats before = *now;
    int rc = r->cmd->run(r);
    wait_for_partition();
    fprintf(stderr,
            "this command: %.3f ms device time, %" PRIu64 " B to device, %" PRIu64
            " B from device, %" PRIu64 " transactions, %" PRIu64 " pages programmed, %" PRIu64
            " sectors erased\n",
            (double)(now->device_time_ns - before.device_time_ns) / 1e6,
            now->bytes_to_device - before.bytes_to_device,
            now->bytes_from_device - before.bytes_from_device,
            now->transactions - before.transactions,
            now->pages_programmed - before.pages_programmed,
            now->sectors_erased - before.sectors_erased);
    return rc;
}

int main(int argc, char **argv)
{
    static struct request r;
    r.data_dir = DEFAULT_DATA_DIR;
    r.client = DEFAULT_CLIENT;
    int rc = parse_args(argc, argv, &r);
    if (rc == 0 && r.help) {
        usage(stdout);
        return 0;
    }
    if (rc == 0) {
        rc = r.cmd->prepare(&r);
    }
    if (rc == 0) {
        rc = power_up(&r);
        if (rc == 0) {
            rc = power_down(run_measured(&r));
        }
    }
    free(r.owned);
    /* The partition's thread never ends: returning ends the process with it. */
    return rc;
}
