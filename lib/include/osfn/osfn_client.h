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

/** @brief Retry policy of a client. All zero takes the `OSFN_RETRY_*` defaults. */
typedef struct osfn_retry_policy {
    uint32_t max_attempts;      /**< Attempts per call, the first included; 1 = never retry. */
    uint32_t base_delay_ms;     /**< Backoff ceiling of the first retry; doubles per retry. */
    uint32_t max_delay_ms;      /**< Largest jittered backoff (a server's Retry-After may ask for more). */
    uint32_t total_deadline_ms; /**< Every attempt and sleep of one call within this time; a delay
                                     that would pass it ends the retries. */
} osfn_retry_policy_t;

/** @brief Events a client reports through ::osfn_log_fn (never with a secret). */
typedef enum osfn_log_event {
    OSFN_LOG_CONNECT,      /**< Connected; a = connections so far. */
    OSFN_LOG_CONNECT_FAIL, /**< Connect failed; a = status. */
    OSFN_LOG_RESPONSE,     /**< Response read; a = HTTP status, b = bytes received. */
    OSFN_LOG_STALE,        /**< A reused connection was already closed; resending once. */
    OSFN_LOG_RETRY,        /**< Retrying; a = status of the failed attempt, b = delay in ms. */
    OSFN_LOG_SKEW,         /**< Clock offset changed; a = new offset in seconds. */
    OSFN_LOG_GIVE_UP       /**< No more attempts; a = final status, b = attempts made. */
} osfn_log_event_t;

/**
 * @brief Optional diagnostics hook: what happens, as numbers (no strings, no secrets).
 * @param[in] ctx ::osfn_client_config_t::log_ctx.
 * @param[in] event What happened.
 * @param[in] a First value (see ::osfn_log_event_t).
 * @param[in] b Second value.
 */
typedef void (*osfn_log_fn)(void *ctx, osfn_log_event_t event, int64_t a, int64_t b);

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
    osfn_sleep_fn sleep;             /**< Sleep between attempts (the port); NULL = never retry. */
    osfn_retry_policy_t retry;       /**< Retry policy; zeros take the defaults. */
    int32_t skew_threshold_s;        /**< Skew that triggers a correction; 0 takes ::OSFN_SKEW_THRESHOLD_S. */
    osfn_log_fn log;                 /**< Optional diagnostics hook, or NULL. */
    void *log_ctx;                   /**< Passed to @ref log. */
} osfn_client_config_t;

/** @brief How the last call went, beyond its status. */
typedef struct osfn_call_info {
    uint32_t attempts;          /**< Attempts made (1 when the first one settled it). */
    osfn_status_t last_error;   /**< Status of the last failed attempt (::OSFN_OK if none failed). */
    osfn_status_t status;       /**< Final status of the call. */
} osfn_call_info_t;

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
    osfn_call_info_t last_call;    /**< Attempts and errors of the last call. */
    int64_t time_offset;           /**< Seconds added to the device clock when signing. */
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
 * @brief How the last call went: attempts made and the last error.
 * @param[in] client The client.
 * @return Pointer into the client; never NULL for a non-NULL client.
 */
const osfn_call_info_t *osfn_client_last_call(const osfn_client_t *client);

/**
 * @brief The clock correction in use: server time - device time, in seconds.
 * @param[in] client The client.
 * @return The offset (0 until the server's clock was seen to differ).
 */
int64_t osfn_client_time_offset(const osfn_client_t *client);

/**
 * @brief Set the clock correction, e.g. one saved before a reboot.
 * @param[in,out] client The client.
 * @param[in] offset_s Seconds added to the device clock when signing.
 */
void osfn_client_set_time_offset(osfn_client_t *client, int64_t offset_s);

/**
 * @brief Close the connection (the next call reconnects).
 * @param[in,out] client The client.
 */
void osfn_client_close(osfn_client_t *client);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_CLIENT_H */
