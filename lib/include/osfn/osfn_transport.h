/**
 * @file osfn_transport.h
 * @brief The transport interface a port implements, and the platform hooks
 *        (clock, random bytes, sleep) the library calls.
 *
 * The library never opens a socket or reads a clock itself. A port (see
 * `port/posix`, `port/lwip`, ...) supplies these functions; a test supplies
 * fakes. The TLS layer (`port/mbedtls`) is itself a transport that wraps
 * another transport, so one TLS implementation serves every socket API.
 *
 * Contract for send and recv:
 * - return the number of bytes moved (> 0);
 * - return 0 when nothing could be moved yet: the port should block for a
 *   short while (a poll interval, typically <= 100 ms) before returning 0, so
 *   that the caller's loop, which keeps the deadline, does not spin;
 * - return a negative ::osfn_transport_error_t on failure or end of stream.
 */
#ifndef OSFN_TRANSPORT_H
#define OSFN_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Negative return values of ::osfn_transport_t send and recv. */
typedef enum osfn_transport_error {
    OSFN_TRANSPORT_EOF = -1,    /**< The peer closed the stream in order (TCP FIN, TLS close_notify). */
    OSFN_TRANSPORT_RESET = -2,  /**< The peer reset the connection. */
    OSFN_TRANSPORT_ERROR = -3,  /**< Any other failure of the socket. */
    OSFN_TRANSPORT_TLS = -4     /**< A TLS record or alert error. */
} osfn_transport_error_t;

/**
 * @brief Send up to @p len bytes.
 * @param[in] ctx The port's connection context.
 * @param[in] buf Bytes to send.
 * @param[in] len How many; never 0.
 * @return Bytes sent (> 0), 0 if none could be sent yet, or a negative ::osfn_transport_error_t.
 */
typedef int32_t (*osfn_send_fn)(void *ctx, const uint8_t *buf, size_t len);

/**
 * @brief Receive up to @p len bytes.
 * @param[in] ctx The port's connection context.
 * @param[out] buf Where to put them.
 * @param[in] len Room in @p buf; never 0.
 * @return Bytes received (> 0), 0 if none arrived within the port's poll
 *         interval, or a negative ::osfn_transport_error_t.
 */
typedef int32_t (*osfn_recv_fn)(void *ctx, uint8_t *buf, size_t len);

/** @brief A byte stream: what a port fills in. */
typedef struct osfn_transport {
    osfn_send_fn send; /**< Send function. */
    osfn_recv_fn recv; /**< Receive function. */
    void *ctx;         /**< Passed to both; owned by the port. */
} osfn_transport_t;

/**
 * @brief A monotonic millisecond clock. It may wrap: the library only ever
 *        compares differences of two readings (unsigned subtraction).
 * @param[in] ctx The port's context (may be NULL).
 * @return Milliseconds since an arbitrary origin.
 */
typedef uint32_t (*osfn_clock_ms_fn)(void *ctx);

/**
 * @brief Fill @p buf with @p len bytes from a cryptographically strong source.
 * @param[in] ctx The port's context (may be NULL).
 * @param[out] buf Where to write.
 * @param[in] len How many bytes.
 * @return 0 on success, non-zero on failure.
 */
typedef int (*osfn_random_fn)(void *ctx, uint8_t *buf, size_t len);

/**
 * @brief Wall-clock time.
 * @param[in] ctx The port's context (may be NULL).
 * @return Seconds since 1970-01-01T00:00:00Z (a device without an RTC may
 *         return a small number; the client corrects it from the server's Date).
 */
typedef int64_t (*osfn_epoch_fn)(void *ctx);

/**
 * @brief Yield the calling task for @p ms milliseconds.
 * @param[in] ctx The port's context (may be NULL).
 * @param[in] ms How long.
 */
typedef void (*osfn_sleep_fn)(void *ctx, uint32_t ms);

/**
 * @brief Open a connection (TCP, then TLS where the port does TLS) and fill
 *        in the transport that carries requests over it. The port keeps its
 *        own connect and handshake deadlines.
 * @param[in] ctx The port's connector context.
 * @param[out] transport Filled in on success; valid until the disconnect call.
 * @return ::OSFN_OK or a transport status (::OSFN_ERR_DNS, ::OSFN_ERR_CONNECT,
 *         ::OSFN_ERR_TIMEOUT, ::OSFN_ERR_TLS, ::OSFN_ERR_TLS_CERT, ...).
 */
typedef osfn_status_t (*osfn_connect_fn)(void *ctx, osfn_transport_t *transport);

/**
 * @brief Close the connection opened by ::osfn_connect_fn (no-op when closed).
 *        A TLS port keeps the session so that the next connect can resume it.
 * @param[in] ctx The port's connector context.
 */
typedef void (*osfn_disconnect_fn)(void *ctx);

/** @brief How the client opens and closes connections: what a port fills in. */
typedef struct osfn_connector {
    osfn_connect_fn connect;       /**< Open a connection. */
    osfn_disconnect_fn disconnect; /**< Close it. */
    void *ctx;                     /**< Passed to both; owned by the port. */
} osfn_connector_t;

#ifdef __cplusplus
}
#endif

#endif /* OSFN_TRANSPORT_H */
