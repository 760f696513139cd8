/**
 * @file osfn_port_posix.h
 * @brief The POSIX port: TCP transport over BSD sockets, clocks, random bytes, sleep.
 */
#ifndef OSFN_PORT_POSIX_H
#define OSFN_PORT_POSIX_H

#include <stdint.h>

#include "osfn/osfn_status.h"
#include "osfn/osfn_transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief How long one send/recv call waits before returning 0 ("nothing yet"), in ms. */
#define OSFN_POSIX_POLL_MS 50

/** @brief A TCP connection; owned by the caller (no allocation). */
typedef struct osfn_posix_tcp {
    int fd; /**< Socket descriptor, -1 when closed. */
} osfn_posix_tcp_t;

/**
 * @brief Prepare a connection object (closed).
 * @param[out] tcp The object.
 */
void osfn_posix_tcp_init(osfn_posix_tcp_t *tcp);

/**
 * @brief Resolve @p host with getaddrinfo and connect (non-blocking, with a deadline).
 * @param[in,out] tcp A closed connection object.
 * @param[in] host Name or address literal.
 * @param[in] port TCP port.
 * @param[in] timeout_ms Deadline for resolving and connecting.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG, ::OSFN_ERR_DNS, ::OSFN_ERR_CONNECT or ::OSFN_ERR_TIMEOUT.
 */
osfn_status_t osfn_posix_tcp_connect(osfn_posix_tcp_t *tcp, const char *host, uint16_t port,
                                     uint32_t timeout_ms);

/**
 * @brief Close the connection (no-op when closed).
 * @param[in,out] tcp The connection.
 */
void osfn_posix_tcp_close(osfn_posix_tcp_t *tcp);

/**
 * @brief Fill @p t with send/recv over @p tcp.
 * @param[out] t The transport.
 * @param[in] tcp The connection (must outlive @p t).
 */
void osfn_posix_tcp_transport(osfn_transport_t *t, osfn_posix_tcp_t *tcp);

/**
 * @brief ::osfn_send_fn over a ::osfn_posix_tcp_t (waits at most ::OSFN_POSIX_POLL_MS).
 * @param[in] ctx The ::osfn_posix_tcp_t.
 * @param[in] buf Bytes to send.
 * @param[in] len Number of bytes (> 0).
 * @return Bytes sent (1..len), 0 when the socket is not writable yet, or a negative
 *         ::osfn_transport_error_t.
 */
int32_t osfn_posix_tcp_send(void *ctx, const uint8_t *buf, size_t len);

/**
 * @brief ::osfn_recv_fn over a ::osfn_posix_tcp_t (waits at most ::OSFN_POSIX_POLL_MS).
 * @param[in] ctx The ::osfn_posix_tcp_t.
 * @param[out] buf Where the bytes go.
 * @param[in] len Room in @p buf (> 0).
 * @return Bytes received (1..len), 0 when nothing arrived yet, or a negative
 *         ::osfn_transport_error_t (::OSFN_TRANSPORT_EOF at an orderly close).
 */
int32_t osfn_posix_tcp_recv(void *ctx, uint8_t *buf, size_t len);

/**
 * @brief ::osfn_clock_ms_fn from CLOCK_MONOTONIC.
 * @param[in] ctx Unused.
 * @return Milliseconds since an arbitrary origin, wrapping at 2^32.
 */
uint32_t osfn_posix_clock_ms(void *ctx);

/**
 * @brief ::osfn_epoch_fn from CLOCK_REALTIME.
 * @param[in] ctx Unused.
 * @return Seconds since 1970-01-01T00:00:00Z.
 */
int64_t osfn_posix_epoch(void *ctx);

/**
 * @brief ::osfn_random_fn from getrandom(2), falling back to /dev/urandom.
 * @param[in] ctx Unused.
 * @param[out] buf Where the random bytes go.
 * @param[in] len Number of bytes.
 * @return 0 when all @p len bytes were written, non-zero otherwise.
 */
int osfn_posix_random(void *ctx, uint8_t *buf, size_t len);

/**
 * @brief ::osfn_sleep_fn with nanosleep (resumed after signals).
 * @param[in] ctx Unused.
 * @param[in] ms Milliseconds to sleep.
 */
void osfn_posix_sleep(void *ctx, uint32_t ms);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_PORT_POSIX_H */
