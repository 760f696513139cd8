/**
 * @file osfn_request.h
 * @brief Builds the whole signed HTTP/1.1 request of each call into a caller buffer.
 *
 * No allocation, no I/O: the caller passes the time (epoch seconds) and a
 * random-bytes function for the nonce, and gets back the exact bytes to send.
 * When the buffer is short, the call fails with ::OSFN_ERR_BUFFER_TOO_SMALL
 * and reports the exact size it needs; nothing truncated is ever returned.
 */
#ifndef OSFN_REQUEST_H
#define OSFN_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_config_defaults.h"
#include "osfn/osfn_status.h"
#include "osfn/osfn_transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Signature scheme. */
typedef enum osfn_sig {
    OSFN_SIG_V3 = 0, /**< ACS3-HMAC-SHA256 (the official SDK's default). */
    OSFN_SIG_ROA = 1 /**< ROA HMAC-SHA1, `authorization: acs <id>:<sig>` (legacy gateways). */
} osfn_sig_t;

/** @brief An Alibaba Cloud AccessKey, or STS temporary credentials. */
typedef struct osfn_credentials {
    const char *access_key_id;     /**< AccessKeyId (required). */
    const char *access_key_secret; /**< AccessKeySecret (required); only ever used as the HMAC key. */
    const char *security_token;    /**< STS SecurityToken, or NULL / "" for a long-term key. */
} osfn_credentials_t;

/** @brief What every request needs besides the call's own parameters. */
typedef struct osfn_request_opts {
    const char *host;                       /**< Host header: `opensearch.<region>.aliyuncs.com` or `HOST:PORT`. */
    const osfn_credentials_t *credentials;  /**< Signing key (referenced, not copied). */
    osfn_sig_t scheme;                      /**< ::OSFN_SIG_V3 or ::OSFN_SIG_ROA. */
    int64_t time;                           /**< Signing time, epoch seconds (already skew-corrected). */
    osfn_random_fn random;                  /**< Source of the 16 nonce bytes. */
    void *random_ctx;                       /**< Passed to @ref random. */
} osfn_request_opts_t;

/** @brief Length of the nonce in hex characters (16 random bytes). */
#define OSFN_NONCE_HEX_LEN 32u

/**
 * @brief Bytes a request buffer should have for typical names (each path
 *        parameter up to 32 plain characters, STS token up to 1 KB, V3).
 *        The exact figure is always reported on ::OSFN_ERR_BUFFER_TOO_SMALL.
 */
#define OSFN_REQUEST_BUF_TYPICAL 1800u

/**
 * @brief Build a signed GetFunctionInstance request.
 *
 * `GET /v4/openapi/app-groups/{app}/functions/{function}/instances/{instance}[?output=...]`
 *
 * @param[in] opts Host, credentials, scheme, time and random source.
 * @param[in] app appGroupIdentity (any bytes but control bytes; percent-encoded).
 * @param[in] function functionName.
 * @param[in] instance instanceName.
 * @param[in] output "simple", "normal", "detail", or NULL to leave it to the server (normal).
 * @param[out] buf Where the request goes (not NUL-terminated).
 * @param[in] buf_len Size of @p buf.
 * @param[out] out_len Length written on ::OSFN_OK; the size needed on ::OSFN_ERR_BUFFER_TOO_SMALL.
 * @return ::OSFN_OK, ::OSFN_ERR_BUFFER_TOO_SMALL, ::OSFN_ERR_NULL_ARG, ::OSFN_ERR_EMPTY_ARG,
 *         ::OSFN_ERR_BAD_CHAR, ::OSFN_ERR_BAD_OUTPUT, ::OSFN_ERR_BAD_HOST, ::OSFN_ERR_BAD_TIME,
 *         ::OSFN_ERR_NO_CREDENTIALS, ::OSFN_ERR_BAD_CONFIG (scheme), ::OSFN_ERR_RANDOM, ::OSFN_ERR_CRYPTO.
 */
osfn_status_t osfn_request_get_instance(const osfn_request_opts_t *opts,
                                        const char *app, const char *function,
                                        const char *instance, const char *output,
                                        char *buf, size_t buf_len, size_t *out_len);

/**
 * @brief Build a signed GetFunctionTask request.
 *
 * `GET /v4/openapi/app-groups/{app}/functions/{function}/instances/{instance}/tasks/{generation}`
 *
 * @param[in] opts Host, credentials, scheme, time and random source.
 * @param[in] app appGroupIdentity.
 * @param[in] function functionName.
 * @param[in] instance instanceName.
 * @param[in] generation The task's generation, e.g. "3".
 * @param[out] buf Where the request goes (not NUL-terminated).
 * @param[in] buf_len Size of @p buf.
 * @param[out] out_len Length written on ::OSFN_OK; the size needed on ::OSFN_ERR_BUFFER_TOO_SMALL.
 * @return As osfn_request_get_instance() (without ::OSFN_ERR_BAD_OUTPUT).
 */
osfn_status_t osfn_request_get_task(const osfn_request_opts_t *opts,
                                    const char *app, const char *function,
                                    const char *instance, const char *generation,
                                    char *buf, size_t buf_len, size_t *out_len);

/**
 * @brief Percent-encode one path segment (RFC 3986: `A-Z a-z 0-9 - _ . ~` kept,
 *        every other byte as upper-case `%XX`).
 *
 * @param[in] in NUL-terminated input.
 * @param[out] out Output buffer (NUL-terminated on success); may be NULL when @p out_len is 0.
 * @param[in] out_len Size of @p out.
 * @param[out] needed Encoded length plus 1 for the NUL, whatever the outcome.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG or ::OSFN_ERR_BUFFER_TOO_SMALL.
 */
osfn_status_t osfn_percent_encode(const char *in, char *out, size_t out_len, size_t *needed);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_REQUEST_H */
