/**
 * @file osfn_client.h
 * @brief The client: one object per task, a kept-alive connection, both calls.
 *
 * The client ties the layers together: build and sign a request
 * (osfn_request.h) into the caller's buffer, send it over the port's
 * transport, read the response into the same buffer (osfn_http.h), and map
 * it (osfn_result.h). It holds no global state; each task owns its client
 * and its buffers. Results point into the client's buffer and stay valid
 * until the next call on the same client.
 *
 * Connections: the first call connects through the port's connector; later
 * calls reuse the connection (HTTP keep-alive). When a reused connection
 * turns out closed before any byte of the response (the server timed it out
 * while idle), the client reconnects (a TLS port resumes its session) and
 * sends once more with a fresh nonce and signature. Any other failure closes
 * the connection, so the next call starts clean.
 */
#ifndef OSFN_CLIENT_H
#define OSFN_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_config_defaults.h"
#include "osfn/osfn_http.h"
#include "osfn/osfn_request.h"
#include "osfn/osfn_result.h"
#include "osfn/osfn_status.h"
#include "osfn/osfn_transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Everything a client needs; copied by osfn_client_init() (strings and buffers are referenced). */
typedef struct osfn_client_config {
    const char *host;                /**< Host header: `opensearch.<region>.aliyuncs.com`, or `HOST:PORT`. */
    osfn_credentials_t credentials;  /**< Copied as a struct; the strings are referenced, not copied:
                                          keep them alive (and wipe them yourself when done). */
    osfn_sig_t scheme;               /**< ::OSFN_SIG_V3 (default) or ::OSFN_SIG_ROA. */
    osfn_connector_t connector;      /**< Opens and closes the connection (the port). */
    osfn_clock_ms_fn clock;          /**< Monotonic milliseconds (the port). */
    osfn_epoch_fn epoch;             /**< Wall clock, epoch seconds (the port). */
    osfn_random_fn random;           /**< Random bytes for nonces (the port). */
    void *platform_ctx;              /**< Passed to clock, epoch and random. */
    uint8_t *buffer;                 /**< Request, then response: the whole response must fit. */
    size_t buffer_len;               /**< Size of @ref buffer (see docs/response-sizing.md). */
    osfn_json_token_t *tokens;       /**< jsmn tokens for the response body. */
    size_t token_count;              /**< Entries in @ref tokens. */
    uint32_t response_timeout_ms;    /**< Deadline for sending a request and receiving its response;
                                          0 takes ::OSFN_RESPONSE_TIMEOUT_MS. */
} osfn_client_config_t;

/** @brief Counters, for logs, tests and benchmarks. */
typedef struct osfn_client_stats {
    uint32_t connects;    /**< Connections opened. */
    uint32_t reconnects;  /**< Of which: transparent reconnects after a stale keep-alive connection. */
    uint32_t requests;    /**< Requests sent (including resends). */
    size_t bytes_sent;    /**< Request bytes sent. */
    size_t bytes_received;/**< Response bytes received. */
} osfn_client_stats_t;

/** @brief A client; caller-owned, one per task. Treat the fields as private. */
typedef struct osfn_client {
    osfn_client_config_t cfg;      /**< Copy of the configuration. */
    osfn_transport_t transport;    /**< Current connection's transport. */
    bool connected;                /**< True while a connection is open. */
    osfn_http_response_t http;     /**< Last response's HTTP facts (status, Date, Retry-After). */
    osfn_status_t last_status;     /**< Status of the last call. */
    osfn_client_stats_t stats;     /**< Counters. */
} osfn_client_t;

/**
 * @brief Check a configuration and prepare a client (no I/O).
 * @param[out] client The client.
 * @param[in] config The configuration (copied).
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG, ::OSFN_ERR_BAD_CONFIG (missing function or
 *         buffer), ::OSFN_ERR_BAD_HOST or ::OSFN_ERR_NO_CREDENTIALS.
 */
osfn_status_t osfn_client_init(osfn_client_t *client, const osfn_client_config_t *config);

/**
 * @brief GetFunctionInstance.
 *
 * Before the call, point `out->create_parameters.items/.capacity` and
 * `out->usage_parameters.items/.capacity` at your arrays (or leave them zero).
 *
 * @param[in,out] client The client.
 * @param[in] app appGroupIdentity.
 * @param[in] function functionName.
 * @param[in] instance instanceName.
 * @param[in] output "simple", "normal", "detail", or NULL (the server's default, normal).
 * @param[in,out] out The result; its strings point into the client's buffer.
 * @return ::OSFN_OK; ::OSFN_ERR_API (see `out->envelope`); a request-building status
 *         (bad input, ::OSFN_ERR_BUFFER_TOO_SMALL); a transport status; an HTTP or
 *         JSON status; ::OSFN_ERR_ARRAY_TOO_SMALL (everything else mapped).
 */
osfn_status_t osfn_client_get_instance(osfn_client_t *client, const char *app,
                                       const char *function, const char *instance,
                                       const char *output, osfn_instance_t *out);

/**
 * @brief GetFunctionTask.
 * @param[in,out] client The client.
 * @param[in] app appGroupIdentity.
 * @param[in] function functionName.
 * @param[in] instance instanceName.
 * @param[in] generation The task's generation.
 * @param[out] out The result; its strings point into the client's buffer.
 * @return As osfn_client_get_instance() (never ::OSFN_ERR_ARRAY_TOO_SMALL).
 */
osfn_status_t osfn_client_get_task(osfn_client_t *client, const char *app,
                                   const char *function, const char *instance,
                                   const char *generation, osfn_task_t *out);

/**
 * @brief Close the connection (the next call reconnects).
 * @param[in,out] client The client.
 */
void osfn_client_close(osfn_client_t *client);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_CLIENT_H */
