/**
 * @file osfn_time_private.h
 * @brief What the time module shares with the HTTP reader (not public API).
 */
#ifndef OSFN_TIME_PRIVATE_H
#define OSFN_TIME_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_status.h"

/**
 * osfn_time_parse_http_date() for callers that hold valid pointers (the HTTP
 * head parser): no NULL checks, so the proofs need no pointer comparison.
 */
/*@ requires \valid_read(s + (0 .. len - 1)) && \initialized(s + (0 .. len - 1));
    requires \valid(epoch) && \separated(epoch, s + (0 .. len - 1));
    assigns *epoch;
    ensures \result == OSFN_OK || \result == OSFN_ERR_BAD_TIME;
    ensures \result == OSFN_OK ==> \initialized(epoch) && -1000000000000 <= *epoch <= 1000000000000;
*/
osfn_status_t osfn__parse_http_date(const char *s, size_t len, int64_t *epoch);

#endif /* OSFN_TIME_PRIVATE_H */
