/**
 * @file osfn_http.h
 * @brief HTTP/1.1 response reader over an ::osfn_transport_t, into one caller buffer.
 *
 * The reader receives a whole response (status line, headers, body) into the
 * caller's buffer, decodes a chunked body in place, and fills an
 * ::osfn_http_response_t whose pointers point into that buffer. It never
 * reports a partial response as success.
 *
 * Buffer: the last byte of the buffer is reserved for the body's NUL
 * terminator, so a buffer of N bytes holds a response of at most N-1 bytes
 * (head + de-chunked body), and on success `body` is always a C string.
 * Interim 1xx heads are dropped from the buffer and cost nothing at the end.
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
    uint8_t http_minor;       /**< 0 for HTTP/1.0, 1 for HTTP/1.1 (a later 1.x is treated like 1.1). */
    const char *headers;      /**< Header block of the final response (after the status line). */
    size_t headers_len;       /**< Its length in bytes, up to and excluding the blank line. */
    char *body;               /**< Body, de-chunked and contiguous; on success always NUL-terminated (the buffer's last byte is reserved). */
    size_t body_len;          /**< Body length in bytes. */
    bool body_terminated;     /**< True when body[body_len] == '\0' was written: always on ::OSFN_OK. */
    bool keep_alive;          /**< True when the connection may carry another request (false after any error). */
    int64_t date;             /**< Server `Date` in epoch seconds, or -1 when absent or unparsable. */
    int64_t retry_after;      /**< First `Retry-After` in seconds: delta-seconds as sent, or an HTTP date minus `Date` (clamped at 0; -1 without a usable `Date`); -1 when absent or unparsable. */
    size_t received;          /**< Bytes received from the transport in this call (0: nothing arrived). */
    size_t needed;            /**< On ::OSFN_ERR_RESPONSE_TOO_LARGE: buffer size that would fit (head + Content-Length + 1 for the NUL), or 0 when unknown (chunked, close-delimited, head too big). */
} osfn_http_response_t;

/**
 * @brief Receive one complete HTTP/1.x response.
 *
 * Framing: `Content-Length`; `Transfer-Encoding: chunked` (extensions and
 * trailers ignored, decoded in place); otherwise the body runs to the
 * connection's close (then keep_alive is false). 1xx, 204 and 304 have no
 * body. Up to ::OSFN_HTTP_MAX_INTERIM 1xx responses are skipped. Header names
 * match case-insensitively, values are trimmed of SP/HTAB, a bare LF ends a
 * line like CRLF.
 *
 * Reading: the head is read in blocks of up to the free room; after it recv
 * is never asked for more than the rest of the response can hold (the rest of
 * a Content-Length body; for chunked, the fewest bytes that could finish the
 * body). Bytes found past the end of the response (the server sent data
 * nobody asked for, and it arrived with the head) are dropped and the
 * connection is reported not reusable (keep_alive false); the call still
 * succeeds.
 *
 * Deadline: measured from the start of the call with @p clock (wrap-safe);
 * checked before every recv except the first, so a response that is already
 * there is taken even with @p timeout_ms 0, and recv returning 0 for ever
 * ends in ::OSFN_ERR_TIMEOUT.
 *
 * Rejections:
 * - ::OSFN_ERR_HTTP_AMBIGUOUS: obsolete line folding (a header line starting
 *   with SP/HTAB); Content-Length values that differ (in one list `5, 6` or
 *   over several headers; equal duplicates are accepted); Transfer-Encoding
 *   together with Content-Length, or in an HTTP/1.0 response.
 * - ::OSFN_ERR_HTTP_MALFORMED: status line not `HTTP/1.<digit> <100..599>`
 *   followed by the line end or SP reason (the reason may be empty); NUL,
 *   other control bytes (except HTAB) or a CR not followed by LF in the head;
 *   a header line with no colon, an empty or non-token name, or whitespace
 *   before the colon; a Content-Length element that is empty, not all digits,
 *   signed, or above 2^63-1; a Transfer-Encoding other than exactly `chunked`
 *   (`gzip, chunked`, `identity`, `chunked, chunked`, ...) on a response with
 *   a body; bad chunked coding (non-hex size, size above 2^64-1, missing line
 *   end after data, control bytes in extensions or trailers, a size line or
 *   trailer section longer than ::OSFN_HTTP_MAX_HEAD); a head (status line
 *   through blank line) longer than ::OSFN_HTTP_MAX_HEAD; a 101 response;
 *   more than ::OSFN_HTTP_MAX_INTERIM 1xx responses.
 * - ::OSFN_ERR_RESPONSE_TOO_LARGE: the head, or head + body + 1 (NUL), does
 *   not fit @p buf_len; see `needed`. The connection is not reusable.
 *
 * @param[in] transport Where the bytes come from.
 * @param[in] clock Millisecond clock for the deadline.
 * @param[in] clock_ctx Passed to @p clock.
 * @param[in] timeout_ms The whole response must arrive within this time.
 * @param[in] buf The caller's buffer; it holds the whole response afterwards.
 * @param[in] buf_len Size of @p buf (a response of at most buf_len - 1 bytes fits).
 * @param[out] resp Filled in; on error, `received`, `keep_alive` (false) and
 *             `needed` are meaningful, the rest is zero (date and
 *             retry_after -1, pointers NULL).
 *
 * @return ::OSFN_OK; ::OSFN_ERR_NULL_ARG; ::OSFN_ERR_TIMEOUT; ::OSFN_ERR_CONN_CLOSED
 *         (EOF before any byte); ::OSFN_ERR_CONN_RESET (before or after the
 *         first byte: see `received`); ::OSFN_ERR_SHORT_READ (EOF inside the
 *         response); ::OSFN_ERR_RECV (other transport error, or recv returned
 *         more than asked); ::OSFN_ERR_TLS; ::OSFN_ERR_RESPONSE_TOO_LARGE;
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
