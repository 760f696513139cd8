/**
 * @file osfn_tls_endpoint.h
 * @brief One TLS-over-TCP endpoint for every port: it owns the ::osfn_tls_t and
 *        the connect / disconnect / free logic, and reaches the port's TCP layer
 *        through a small ::osfn_tls_endpoint_ops_t table the port provides.
 *
 * A port wraps it in its own endpoint type (`osfn_posix_net_t`,
 * `osfn_lwip_net_t`, `osfn_zephyr_net_t`): that type holds the port's socket
 * and, as its first member, an ::osfn_tls_endpoint_t, so a pointer to the
 * port's endpoint is also a valid `ctx` for osfn_tls_endpoint_connect() and
 * osfn_tls_endpoint_disconnect().
 *
 * Connect: close what is open, TCP connect with ::osfn_tls_endpoint_t::connect_timeout_ms,
 * count the connection, TLS handshake (resuming the saved session when it can)
 * with ::osfn_tls_endpoint_t::handshake_timeout_ms on the port's clock, then hand
 * out the TLS transport; on any failure the connection is closed again.
 *
 * Memory: caller-owned, no allocation by osfn (mbedTLS's own allocations: see
 * osfn_tls.h). Threads: one endpoint per task; nothing here takes a lock.
 */
#ifndef OSFN_TLS_ENDPOINT_H
#define OSFN_TLS_ENDPOINT_H

#include <stdbool.h>
#include <stdint.h>

#include "osfn/osfn_status.h"
#include "osfn/osfn_transport.h"
#include "osfn_tls.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief The port's TCP layer, as the endpoint uses it; one constant table per port. */
typedef struct osfn_tls_endpoint_ops {
    /** @brief Prepare @p sock as a closed socket object (called by osfn_tls_endpoint_init()). */
    void (*init)(void *sock);
    /**
     * @brief Resolve @p address and connect @p sock (closed first if open).
     * @param[in,out] sock The port's socket object.
     * @param[in] address IP literal or host name.
     * @param[in] port TCP port.
     * @param[in] timeout_ms Connect deadline.
     * @return ::OSFN_OK, or the port's error (::OSFN_ERR_DNS, ::OSFN_ERR_CONNECT, ::OSFN_ERR_TIMEOUT...).
     */
    osfn_status_t (*open)(void *sock, const char *address, uint16_t port, uint32_t timeout_ms);
    /** @brief Close @p sock (no-op when closed). */
    void (*close)(void *sock);
    /** @brief True while @p sock holds an open connection. */
    bool (*is_open)(const void *sock);
    osfn_send_fn send;      /**< Plain TCP send; its `ctx` is the socket object. */
    osfn_recv_fn recv;      /**< Plain TCP recv; its `ctx` is the socket object. */
    osfn_clock_ms_fn clock; /**< The port's millisecond clock (called with a NULL `ctx`), for the handshake deadline. */
} osfn_tls_endpoint_ops_t;

/**
 * @brief Define `const osfn_tls_endpoint_ops_t name` over a port's TCP functions,
 *        with the small static adapters that take the socket object as `void *`.
 *
 * The port's socket type must have an `int fd` that is negative when closed
 * (that is what `is_open` checks). Use it once, at file scope, in the port's
 * source; declare the table `extern` in the port's header.
 *
 * @param name Name of the table (and prefix of its adapters).
 * @param sock_type The port's socket type, e.g. `osfn_posix_tcp_t`.
 * @param init_fn `void init_fn(sock_type *)`: prepare a closed socket object.
 * @param open_fn `osfn_status_t open_fn(sock_type *, const char *host, uint16_t port, uint32_t timeout_ms)`.
 * @param close_fn `void close_fn(sock_type *)`.
 * @param send_fn The port's ::osfn_send_fn over `sock_type`.
 * @param recv_fn The port's ::osfn_recv_fn over `sock_type`.
 * @param clock_fn The port's ::osfn_clock_ms_fn.
 */
#define OSFN_TLS_ENDPOINT_OPS(name, sock_type, init_fn, open_fn, close_fn, send_fn, recv_fn, clock_fn) \
    static void name##_init(void *sock)                                                               \
    {                                                                                                 \
        init_fn((sock_type *)sock);                                                                   \
    }                                                                                                 \
    static osfn_status_t name##_open(void *sock, const char *address, uint16_t port,                  \
                                     uint32_t timeout_ms)                                             \
    {                                                                                                 \
        return open_fn((sock_type *)sock, address, port, timeout_ms);                                 \
    }                                                                                                 \
    static void name##_close(void *sock)                                                              \
    {                                                                                                 \
        close_fn((sock_type *)sock);                                                                  \
    }                                                                                                 \
    static bool name##_is_open(const void *sock)                                                      \
    {                                                                                                 \
        return ((const sock_type *)sock)->fd >= 0;                                                    \
    }                                                                                                 \
    const osfn_tls_endpoint_ops_t name = {name##_init,    name##_open, name##_close,                  \
                                          name##_is_open, send_fn,     recv_fn,                       \
                                          clock_fn}

/** @brief One TLS-over-TCP endpoint; caller-owned, no allocation by osfn. */
typedef struct osfn_tls_endpoint {
    const osfn_tls_endpoint_ops_t *ops; /**< The port's TCP layer (referenced). */
    void *sock;                         /**< The port's socket object (referenced). */
    osfn_transport_t tcp_transport;     /**< Plain TCP transport under TLS (over @ref sock). */
    osfn_tls_t tls;                     /**< TLS connection and saved session. */
    const char *address;                /**< What to connect to: IP literal or DNS name (referenced). */
    const char *server_name;            /**< Name checked against the certificate and sent as SNI (referenced). */
    uint16_t port;                      /**< TCP port. */
    uint32_t connect_timeout_ms;        /**< TCP connect deadline (default ::OSFN_CONNECT_TIMEOUT_MS). */
    uint32_t handshake_timeout_ms;      /**< TLS handshake deadline (default ::OSFN_HANDSHAKE_TIMEOUT_MS). */
    uint32_t connects;                  /**< TCP connections opened so far (for logs and tests). */
} osfn_tls_endpoint_t;

/**
 * @brief Prepare an endpoint (closed) over a socket object of the port.
 * @param[out] ep The endpoint.
 * @param[in] ops The port's TCP layer (must outlive @p ep).
 * @param[out] sock The port's socket object, prepared here with ops->init (must outlive @p ep).
 * @param[in] tls_cfg A TLS configuration with CAs loaded (must outlive @p ep).
 * @param[in] address Where to connect: IP literal or host name (referenced, must outlive @p ep).
 * @param[in] server_name The TLS server name (certificate check and SNI); NULL takes @p address.
 * @param[in] port TCP port (443 for the service).
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG or ::OSFN_ERR_TLS_CONFIG.
 */
osfn_status_t osfn_tls_endpoint_init(osfn_tls_endpoint_t *ep, const osfn_tls_endpoint_ops_t *ops,
                                     void *sock, osfn_tls_config_t *tls_cfg, const char *address,
                                     const char *server_name, uint16_t port);

/**
 * @brief Fill in a connector that opens and closes @p ep.
 * @param[out] c The connector for ::osfn_client_config_t.
 * @param[in] ep The endpoint.
 */
void osfn_tls_endpoint_connector(osfn_connector_t *c, osfn_tls_endpoint_t *ep);

/**
 * @brief ::osfn_connect_fn: TCP connect then TLS handshake (resuming when it can).
 * @param[in,out] ctx The ::osfn_tls_endpoint_t (or a port endpoint that starts with one).
 * @param[out] transport Filled with the TLS transport on success.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG, the port's TCP error or the TLS error
 *         of osfn_tls_handshake(); the connection is closed on failure.
 */
osfn_status_t osfn_tls_endpoint_connect(void *ctx, osfn_transport_t *transport);

/**
 * @brief ::osfn_disconnect_fn: close_notify, then close the socket (when open); keeps the session.
 * @param[in,out] ctx The ::osfn_tls_endpoint_t (or a port endpoint that starts with one); NULL is ignored.
 */
void osfn_tls_endpoint_disconnect(void *ctx);

/**
 * @brief Close and release everything (the saved session too).
 * @param[in,out] ep The endpoint; NULL is ignored.
 */
void osfn_tls_endpoint_free(osfn_tls_endpoint_t *ep);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_TLS_ENDPOINT_H */
