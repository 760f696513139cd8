/**
 * @file osfn_status.h
 * @brief The one status enum of the osfn library and its strerror function.
 *
 * Every public osfn function that can fail returns an ::osfn_status_t. The
 * values are stable and grouped by layer (input, buffers, crypto, transport,
 * HTTP, JSON, API) so a caller can react by range as well as by value.
 */
#ifndef OSFN_STATUS_H
#define OSFN_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Result of every osfn call that can fail. */
typedef enum osfn_status {
    OSFN_OK = 0,                     /**< Success. */

    /* ---- caller input (1..19) ---- */
    OSFN_ERR_NULL_ARG = 1,           /**< A required pointer argument was NULL. */
    OSFN_ERR_EMPTY_ARG = 2,          /**< A required string argument was empty. */
    OSFN_ERR_BAD_CHAR = 3,           /**< A value holds a control byte (CR, LF, TAB, DEL, ...), or a path value is "." or "..". */
    OSFN_ERR_BAD_OUTPUT = 4,         /**< `output` is not one of simple, normal, detail. */
    OSFN_ERR_BAD_HOST = 5,           /**< Host is empty or holds a space, control or illegal byte. */
    OSFN_ERR_BAD_TIME = 6,           /**< Time is outside 1970-01-01 .. 9999-12-31. */
    OSFN_ERR_BAD_CONFIG = 7,         /**< A configuration value is out of range or inconsistent. */
    OSFN_ERR_NO_CREDENTIALS = 8,     /**< AccessKeyId or AccessKeySecret is missing. */

    /* ---- caller buffers (20..29) ---- */
    OSFN_ERR_BUFFER_TOO_SMALL = 20,  /**< An output buffer is too small; the call reports the size it needs. */
    OSFN_ERR_RESPONSE_TOO_LARGE = 21,/**< The response does not fit in the response buffer. */
    OSFN_ERR_TOO_FEW_TOKENS = 22,    /**< The jsmn token array is too short; the call reports how many are needed. */
    OSFN_ERR_ARRAY_TOO_SMALL = 23,   /**< A result array (parameters) is shorter than the response's; the count is reported. */

    /* ---- platform (30..39) ---- */
    OSFN_ERR_CRYPTO = 30,            /**< The hash backend (mbedTLS) reported an error. */
    OSFN_ERR_RANDOM = 31,            /**< The random-bytes function failed. */

    /* ---- transport (40..59) ---- */
    OSFN_ERR_DNS = 40,               /**< The host name could not be resolved. */
    OSFN_ERR_CONNECT = 41,           /**< TCP connect failed or was refused. */
    OSFN_ERR_TIMEOUT = 42,           /**< A deadline (connect, handshake, response) passed. */
    OSFN_ERR_SEND = 43,              /**< Sending failed. */
    OSFN_ERR_RECV = 44,              /**< Receiving failed (error other than an orderly close). */
    OSFN_ERR_CONN_RESET = 45,        /**< The peer reset the connection. */
    OSFN_ERR_CONN_CLOSED = 46,       /**< The peer closed the connection before any response byte. */
    OSFN_ERR_SHORT_READ = 47,        /**< The peer closed the connection in the middle of a response. */
    OSFN_ERR_TLS = 48,               /**< The TLS layer failed (handshake or record error). */
    OSFN_ERR_TLS_CERT = 49,          /**< The server certificate did not verify (CA, name or validity). */
    OSFN_ERR_TLS_CONFIG = 50,        /**< The TLS configuration (CA, pool) could not be loaded. */

    /* ---- HTTP (60..69) ---- */
    OSFN_ERR_HTTP_MALFORMED = 60,    /**< The response is not valid HTTP/1.x. */
    OSFN_ERR_HTTP_AMBIGUOUS = 61,    /**< Framing is ambiguous (conflicting Content-Length, CL with TE, obs-fold): rejected. */
    OSFN_ERR_HTTP_STATUS = 62,       /**< HTTP error status with a body that is not a JSON error. */

    /* ---- JSON (70..79) ---- */
    OSFN_ERR_JSON_MALFORMED = 70,    /**< The body is not valid JSON. */
    OSFN_ERR_JSON_TYPE = 71,         /**< A field has the wrong JSON type. */
    OSFN_ERR_JSON_RANGE = 72,        /**< A number does not fit the field's integer type. */
    OSFN_ERR_JSON_MISSING = 73,      /**< A required member (such as `result`) is missing. */
    OSFN_ERR_JSON_ESCAPE = 74,       /**< A string holds a bad escape or a lone surrogate. */

    /* ---- API (80..89) ---- */
    OSFN_ERR_API = 80                /**< The service answered with an error code; see the result's error fields. */
} osfn_status_t;

/**
 * @brief A short, constant, English description of a status.
 *
 * @param[in] status Any value, including ones not in the enum.
 * @return A static NUL-terminated string; never NULL. Unknown values give
 *         "unknown status". Built with ::OSFN_ENABLE_STATUS_TEXT 0, the enum name
 *         instead (as osfn_status_name()), "OSFN_UNKNOWN" for unknown values.
 */
const char *osfn_strerror(osfn_status_t status);

/**
 * @brief The enum name of a status, e.g. "OSFN_ERR_TIMEOUT".
 *
 * @param[in] status Any value.
 * @return A static string; "OSFN_UNKNOWN" for values not in the enum.
 */
const char *osfn_status_name(osfn_status_t status);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_STATUS_H */
