/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one status vocabulary of the secure flash framework, from the
 * transport up to the API layer: every function returns SF_OK or
 * one of these (negative) codes, passed up unchanged unless a layer knows
 * better what it means (a tag that does not verify in a response is
 * SF_ERR_COMM to the protocol). The partition maps them to ETSS errors in
 * one table (partition/service/etss_service.c).
 */
#ifndef ETSS_SF_STATUS_H
#define ETSS_SF_STATUS_H

enum sf_status {
    SF_OK = 0,
    SF_ERR_PARAM = -1,             /* bad argument from the caller */
    SF_ERR_BUS = -2,               /* transport failure or the part stopped answering */
    SF_ERR_NO_DEVICE = -3,         /* no known secure flash on this bus */
    SF_ERR_NOT_SUPPORTED = -4,     /* the part lacks this feature */
    SF_ERR_COMM = -5,              /* a response failed authentication or sequence checks */
    SF_ERR_AUTH = -6,              /* the part refused our authentication */
    SF_ERR_DENIED = -7,            /* outside the zone, foreign counter, or zone policy */
    SF_ERR_LIFECYCLE = -8,         /* not provisioned, or locked */
    SF_ERR_LOCKED_OUT = -9,        /* the part locked itself out after failures */
    SF_ERR_COUNTER_LIMIT = -10,    /* a counter is at its maximum */
    SF_ERR_FLASH = -11,            /* the array reported a program or erase failure */
    SF_ERR_CRYPTO = -12,           /* the crypto service failed */
    SF_ERR_MALFORMED = -13,        /* the part refused our request as malformed */
    SF_ERR_NO_BINDING = -14,       /* the client has no binding */
    SF_ERR_DEVICE = -15,           /* the part reported an internal failure */
    SF_ERR_TAMPER = -16,           /* the part contradicts what the host knows of it: the bus
                                    * lies or the part was substituted; nothing was sent */
    SF_ERR_VERIFY = -17,           /* a tag, MAC or signature did not verify (crypto) */
    SF_ERR_CRYPTO_RESOURCES = -18, /* the crypto service ran out of key slots or memory */
    /* The board's SPI driver (its CMSIS-Driver codes, etss_spi_transaction). */
    SF_ERR_BUS_BUSY = -19,        /* the driver is busy with another transfer */
    SF_ERR_BUS_TIMEOUT = -20,     /* the driver's transfer timed out */
    SF_ERR_BUS_UNSUPPORTED = -21, /* the driver cannot do this transfer */
    SF_ERR_BUS_PARAM = -22,       /* the driver refused the transfer's parameters */
    /* Discovery and the raw NOR driver (sfdp.h, nor_flash.h). */
    SF_ERR_TIMEOUT = -23,         /* the part stayed busy past its longest announced time */
    SF_ERR_NO_SFDP = -24,         /* no SFDP header: not a JEDEC serial flash */
    SF_ERR_SFDP_FORMAT = -25,     /* an SFDP header or table field is out of range */
    SF_ERR_SFDP_NO_TABLE = -26,   /* no SFDP parameter table with that id */
    SF_ERR_RANGE = -27,           /* outside the array */
    SF_ERR_ALIGNMENT = -28,       /* an erase range not on an erase boundary */
    SF_ERR_WRITE_ENABLE = -29,    /* the part did not latch write enable */
    SF_ERR_NOT_INITIALIZED = -30, /* the driver was not initialized */
    /* Counters-only parts (JESD260 RPMC, rpmc_host.h). */
    SF_ERR_ROOT_KEY_SET = -31,             /* the counter's root key is written already */
    SF_ERR_NO_ROOT_KEY = -32,              /* the counter has no root key yet */
    SF_ERR_NO_SESSION = -33,               /* no session key for the counter yet */
    SF_ERR_COUNTER_MOVED = -34,            /* the counter moved under us (another increment) */
    SF_ERR_UNCONFIRMED = -35,              /* an increment reported done, a re-read disagrees */
    SF_STATUS_LOWEST = SF_ERR_UNCONFIRMED, /* keep it the last code's */
};

/* A failure of the bus itself (the transport's, any cause). */
static inline int sf_bus_failed(int status)
{
    return status == SF_ERR_BUS || (status <= SF_ERR_BUS_BUSY && status >= SF_ERR_BUS_PARAM);
}

/* A failure after which a session cannot be trusted to be in step with
 * the part: an answer that failed its checks, the bus, a part that stopped
 * answering, or the crypto service. Bindings end the session
 * (sf_session_end); the common layer opens another. */
static inline int sf_session_failed(int status)
{
    return status == SF_ERR_COMM || sf_bus_failed(status) || status == SF_ERR_TIMEOUT ||
           status == SF_ERR_CRYPTO || status == SF_ERR_CRYPTO_RESOURCES;
}

/* A short text for a status (logs and tools; never a secret in it). */
const char *sf_strerror(int status);

#endif /* ETSS_SF_STATUS_H */
