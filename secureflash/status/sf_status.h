/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one status vocabulary of the secure flash framework, from the
 * crypto interface up to the API layer: every function returns SF_OK or
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
    SF_STATUS_LOWEST = SF_ERR_CRYPTO_RESOURCES, /* keep it the last code's */
};

#endif /* ETSS_SF_STATUS_H */
