/* SPDX-License-Identifier: BSD-3-Clause */
/* The framework's statuses in words (sf_status.h). */
#include "sf_status.h"

const char *sf_strerror(int status)
{
    switch (status) {
    case SF_OK:
        return "success";
    case SF_ERR_PARAM:
        return "invalid argument";
    case SF_ERR_BUS:
        return "bus failure or the part stopped answering";
    case SF_ERR_NO_DEVICE:
        return "no known secure flash on the bus";
    case SF_ERR_NOT_SUPPORTED:
        return "the part does not support this";
    case SF_ERR_COMM:
        return "communication failure: a response failed authentication or sequencing";
    case SF_ERR_AUTH:
        return "the part refused our authentication";
    case SF_ERR_DENIED:
        return "access denied by zone or policy";
    case SF_ERR_LIFECYCLE:
        return "not allowed in the part's lifecycle state";
    case SF_ERR_LOCKED_OUT:
        return "the part locked itself out after repeated failures";
    case SF_ERR_COUNTER_LIMIT:
        return "counter at its maximum";
    case SF_ERR_FLASH:
        return "the flash array reported a failure";
    case SF_ERR_CRYPTO:
        return "crypto service failure";
    case SF_ERR_VERIFY:
        return "a tag, MAC or signature did not verify";
    case SF_ERR_CRYPTO_RESOURCES:
        return "the crypto service ran out of key slots or memory";
    case SF_ERR_BUS_BUSY:
        return "the SPI driver is busy";
    case SF_ERR_BUS_TIMEOUT:
        return "the SPI driver's transfer timed out";
    case SF_ERR_BUS_UNSUPPORTED:
        return "the SPI driver cannot do this transfer";
    case SF_ERR_BUS_PARAM:
        return "the SPI driver refused the transfer's parameters";
    case SF_ERR_TIMEOUT:
        return "the flash stayed busy past its longest announced time";
    case SF_ERR_NO_SFDP:
        return "no SFDP on the bus: not a JEDEC serial flash";
    case SF_ERR_SFDP_FORMAT:
        return "the part's SFDP description is malformed";
    case SF_ERR_SFDP_NO_TABLE:
        return "no such SFDP parameter table";
    case SF_ERR_RANGE:
        return "address range outside the flash";
    case SF_ERR_ALIGNMENT:
        return "erase range not on an erase boundary";
    case SF_ERR_WRITE_ENABLE:
        return "write enable did not latch";
    case SF_ERR_NOT_INITIALIZED:
        return "driver not initialized";
    case SF_ERR_ROOT_KEY_SET:
        return "the counter's root key is written already";
    case SF_ERR_NO_ROOT_KEY:
        return "the counter has no root key";
    case SF_ERR_NO_SESSION:
        return "no session key for the counter yet";
    case SF_ERR_COUNTER_MOVED:
        return "the counter moved under us";
    case SF_ERR_UNCONFIRMED:
        return "an increment was not confirmed";
    case SF_ERR_MALFORMED:
        return "the part refused the request as malformed";
    case SF_ERR_NO_BINDING:
        return "no binding for this client";
    case SF_ERR_DEVICE:
        return "the part reported an internal failure";
    case SF_ERR_TAMPER:
        return "the part contradicts the host's own record: substituted, or the bus lies";
    default:
        return "unknown error";
    }
}
