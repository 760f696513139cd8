/**
 * @file osfn_http.h
 * @brief HTTP/1.1 response reader over an ::osfn_transport_t, into one caller buffer.
 *
 * The reader receives a whole response (status line, headers, body) into the
 * caller's buffer, decodes a chunked body in place, and fills an
 * ::osfn_http_response_t whose pointers point into that buffer. It never
 * reports a partial response as success.
 */
#ifndef OSFN_HTTP_H
#define OSFN_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_status.h"
#include "osfn/osfn_transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A parsed response; every pointer points into the caller's buffer. */
typedef struct osfn_http_response {
    uint16_t status;          /**< Final status code (1xx interim responses are skipped). */
    uint8_t http_minor;       /**< 0 for HTTP/1.0, 1 for HTTP/1.1. */
    const char *headers;      /**< Header block of the final response (after the status line). */
    size_t headers_len;       /**< Its length in bytes, up to and excluding the blank line. */
    char *body;               /**< Body, de-chunked; NUL-terminated when the buffer had room (see body_terminated). */
    size_t body_len;          /**< Body length in bytes. */
    bool body_terminated;     /**< True when body[body_len] == '\0' was written. */
    bool keep_alive;          /**< True when the connection may carry another request. */
    int64_t date;             /**< Server `Date` in epoch seconds, or -1 when absent or unparsable. */
    int64_t retry_after;      /**< `Retry-After` in seconds from now (an HTTP date is converted against `Date`), or -1. */
    size_t received;          /**< Bytes received from the transport in this call (0: nothing arrived). */
    size_t needed;            /**< On ::OSFN_ERR_RESPONSE_TOO_LARGE: buffer size that would fit, or 0 when unknown. */
} osfn_http_response_t;

/**
 * @brief Receive one complete HTTP/1.x response.
 *
 * @param[in] transport Where the bytes come from.
 * @param[in] clock Millisecond clock for the deadline.
 * @param[in] clock_ctx Passed to @p clock.
 * @param[in] timeout_ms The whole response must arrive within this time.
 * @param[in] buf The caller's buffer; it holds the whole response afterwards.
 * @param[in] buf_len Size of @p buf.
 * @param[out] resp Filled in; on error, `received`, `keep_alive` (false) and `needed` are still meaningful.
 *
 * @return ::OSFN_OK; ::OSFN_ERR_NULL_ARG; ::OSFN_ERR_TIMEOUT; ::OSFN_ERR_CONN_CLOSED
 *         (closed before any byte); ::OSFN_ERR_CONN_RESET; ::OSFN_ERR_SHORT_READ;
 *         ::OSFN_ERR_RECV; ::OSFN_ERR_TLS; ::OSFN_ERR_RESPONSE_TOO_LARGE;
 *         ::OSFN_ERR_HTTP_MALFORMED; ::OSFN_ERR_HTTP_AMBIGUOUS.
 */
osfn_status_t osfn_http_read_response(const osfn_transport_t *transport,
                                      osfn_clock_ms_fn clock, void *clock_ctx,
                                      uint32_t timeout_ms,
                                      uint8_t *buf, size_t buf_len,
                                      osfn_http_response_t *resp);

/**
 * @brief Find a header of a parsed response by name (case-insensitive).
 *
 * @param[in] resp A response filled by osfn_http_read_response().
 * @param[in] name Header name, NUL-terminated.
 * @param[out] value Start of the trimmed value (not NUL-terminated).
 * @param[out] value_len Its length.
 * @return true when found (the first occurrence), false otherwise.
 */
bool osfn_http_find_header(const osfn_http_response_t *resp, const char *name,
                           const char **value, size_t *value_len);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_HTTP_H */
