/**
 * @file osfn_time.h
 * @brief Calendar conversions without libc's gmtime (which RTOS libcs often lack).
 */
#ifndef OSFN_TIME_H
#define OSFN_TIME_H

#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Length of an ISO 8601 time `YYYY-MM-DDTHH:MM:SSZ`, without the NUL. */
#define OSFN_ISO8601_LEN 20u
/** @brief Length of an RFC 1123 time `Mon, 23 Nov 2026 06:00:00 GMT`, without the NUL. */
#define OSFN_RFC1123_LEN 29u

/** @brief Earliest time accepted: 1970-01-01T00:00:00Z. */
#define OSFN_EPOCH_MIN ((int64_t)0)
/** @brief Latest time accepted: 9999-12-31T23:59:59Z. */
#define OSFN_EPOCH_MAX ((int64_t)253402300799)

/**
 * @brief Format epoch seconds as `YYYY-MM-DDTHH:MM:SSZ`.
 * @param[in] epoch Seconds since 1970, in [::OSFN_EPOCH_MIN, ::OSFN_EPOCH_MAX].
 * @param[out] out At least ::OSFN_ISO8601_LEN + 1 bytes; NUL-terminated.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG or ::OSFN_ERR_BAD_TIME.
 */
osfn_status_t osfn_time_format_iso8601(int64_t epoch, char *out);

/**
 * @brief Format epoch seconds as `Www, DD Mmm YYYY HH:MM:SS GMT`.
 * @param[in] epoch Seconds since 1970, in [::OSFN_EPOCH_MIN, ::OSFN_EPOCH_MAX].
 * @param[out] out At least ::OSFN_RFC1123_LEN + 1 bytes; NUL-terminated.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG or ::OSFN_ERR_BAD_TIME.
 */
osfn_status_t osfn_time_format_rfc1123(int64_t epoch, char *out);

/**
 * @brief Parse `YYYY-MM-DDTHH:MM:SSZ` (exactly that form).
 * @param[in] s Text (need not be NUL-terminated).
 * @param[in] len Its length.
 * @param[out] epoch Seconds since 1970.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG or ::OSFN_ERR_BAD_TIME.
 */
osfn_status_t osfn_time_parse_iso8601(const char *s, size_t len, int64_t *epoch);

/**
 * @brief Parse an HTTP date (RFC 9110 IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`).
 * @param[in] s Text (need not be NUL-terminated).
 * @param[in] len Its length.
 * @param[out] epoch Seconds since 1970.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG or ::OSFN_ERR_BAD_TIME.
 */
/*@ requires s == \null || (\valid_read(s + (0 .. len - 1)) && \initialized(s + (0 .. len - 1)));
    requires epoch == \null || (\valid(epoch) && (s == \null || \separated(epoch, s + (0 .. len - 1))));
    assigns *epoch;
    ensures \result == OSFN_OK || \result == OSFN_ERR_NULL_ARG || \result == OSFN_ERR_BAD_TIME;
    ensures \result == OSFN_OK ==> \initialized(epoch) && -1000000000000 <= *epoch <= 1000000000000;
*/
osfn_status_t osfn_time_parse_http_date(const char *s, size_t len, int64_t *epoch);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_TIME_H */
