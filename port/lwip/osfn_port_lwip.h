/**
 * @file osfn_port_lwip.h
 * @brief The lwIP port: TCP transport over lwIP's socket API, clock from
 *        `sys_now()`, sleep with `sys_msleep()`, and a connector that runs
 *        TCP + TLS (port/mbedtls) with the TLS session kept for resumption.
 *
 * Needs an lwIP 2.x stack with an OS (`NO_SYS 0`), `LWIP_SOCKET 1`,
 * `LWIP_SO_RCVTIMEO 1` (recv polls in slices of ::OSFN_LWIP_POLL_MS) and,
 * recommended, `LWIP_SO_SNDTIMEO 1` (else a send can block until the stack
 * takes the bytes). `LWIP_DNS 1` lets the connector resolve host names with
 * `netconn_gethostbyname()`; without it, give an IP address literal.
 * Only the `lwip_*` socket names are used, so `LWIP_COMPAT_SOCKETS` may be 0;
 * select/poll are not needed.
 *
 * Deadlines: the TCP connect is non-blocking (`lwip_fcntl(O_NONBLOCK)`) and
 * polled until the connector's deadline; a DNS lookup runs under lwIP's own
 * DNS retry timer (`DNS_MAX_RETRIES`), not under that deadline.
 *
 * Random bytes are not part of this port: lwIP's `LWIP_RAND()` is not meant
 * for cryptography. Give the client and ::osfn_tls_config_init() the board's
 * TRNG (or an entropy source mbedTLS trusts) as an ::osfn_random_fn.
 *
 * Threads: call everything from one application task (never from lwIP's
 * tcpip thread); one client and one ::osfn_lwip_net_t per task.
 */
#ifndef OSFN_PORT_LWIP_H
#define OSFN_PORT_LWIP_H

#include <stdint.h>

#include "osfn/osfn_status.h"
#include "osfn/osfn_transport.h"
#include "osfn_tls.h"
#include "osfn_tls_endpoint.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief How long one recv (and, with `LWIP_SO_SNDTIMEO`, one send) waits before returning 0, in ms. */
#ifndef OSFN_LWIP_POLL_MS
#define OSFN_LWIP_POLL_MS 50
#endif

/** @brief Step between two checks of a non-blocking connect, in ms. */
#ifndef OSFN_LWIP_CONNECT_STEP_MS
#define OSFN_LWIP_CONNECT_STEP_MS 10
#endif

/** @brief A TCP connection over lwIP sockets; owned by the caller (no allocation). */
typedef struct osfn_lwip_tcp {
    int fd; /**< lwIP socket descriptor, -1 when closed. */
} osfn_lwip_tcp_t;

/**
 * @brief Prepare a connection object (closed).
 * @param[out] tcp The object.
 */
void osfn_lwip_tcp_init(osfn_lwip_tcp_t *tcp);

/**
 * @brief Resolve @p host (an IPv4/IPv6 literal, or a name when the stack has
 *        `LWIP_DNS`) and connect, with a deadline on the connect.
 * @param[in,out] tcp A connection object (closed first if open).
 * @param[in] host Address literal or host name.
 * @param[in] port TCP port.
 * @param[in] timeout_ms Deadline for the TCP connect.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG, ::OSFN_ERR_DNS (not a literal and no
 *         DNS, or the lookup failed), ::OSFN_ERR_CONNECT (refused, no route, no
 *         socket left) or ::OSFN_ERR_TIMEOUT.
 */
osfn_status_t osfn_lwip_tcp_connect(osfn_lwip_tcp_t *tcp, const char *host, uint16_t port,
                                    uint32_t timeout_ms);

/**
 * @brief Close the connection (no-op when closed).
 * @param[in,out] tcp The connection.
 */
void osfn_lwip_tcp_close(osfn_lwip_tcp_t *tcp);

/**
 * @brief Fill @p t with send/recv over @p tcp.
 * @param[out] t The transport.
 * @param[in] tcp The connection (must outlive @p t).
 */
void osfn_lwip_tcp_transport(osfn_transport_t *t, osfn_lwip_tcp_t *tcp);

/**
 * @brief ::osfn_send_fn over a ::osfn_lwip_tcp_t.
 * @param[in] ctx The ::osfn_lwip_tcp_t.
 * @param[in] buf Bytes to send.
 * @param[in] len Number of bytes (> 0).
 * @return Bytes sent (1..len), 0 when there is no room yet, or a negative
 *         ::osfn_transport_error_t.
 */
int32_t osfn_lwip_tcp_send(void *ctx, const uint8_t *buf, size_t len);

/**
 * @brief ::osfn_recv_fn over a ::osfn_lwip_tcp_t: waits up to ::OSFN_LWIP_POLL_MS
 *        (`SO_RCVTIMEO`), then returns 0; the FIN gives ::OSFN_TRANSPORT_EOF, an
 *        RST ::OSFN_TRANSPORT_RESET.
 * @param[in] ctx The ::osfn_lwip_tcp_t.
 * @param[out] buf Where the bytes go.
 * @param[in] len Room in @p buf (> 0).
 * @return Bytes received (1..len), 0 when nothing arrived yet, or a negative
 *         ::osfn_transport_error_t.
 */
int32_t osfn_lwip_tcp_recv(void *ctx, uint8_t *buf, size_t len);

/**
 * @brief ::osfn_clock_ms_fn from lwIP's `sys_now()`.
 * @param[in] ctx Unused.
 * @return Milliseconds; wraps after 49.7 days (the library only takes differences).
 */
uint32_t osfn_lwip_clock_ms(void *ctx);

/**
 * @brief ::osfn_sleep_fn with lwIP's `sys_msleep()`.
 * @param[in] ctx Unused.
 * @param[in] ms Milliseconds to sleep.
 */
void osfn_lwip_sleep(void *ctx, uint32_t ms);

/**
 * @brief A wall clock kept from `sys_now()`: set it once from SNTP or an RTC,
 *        or leave it at 0 (the client then corrects its time from the server's
 *        Date header on the first call, at the cost of one refused request).
 */
typedef struct osfn_lwip_epoch {
    int64_t seconds;  /**< Epoch seconds at the last reading. */
    uint32_t frac_ms; /**< Milliseconds past @ref seconds (< 1000). */
    uint32_t last_ms; /**< `sys_now()` at the last reading. */
} osfn_lwip_epoch_t;

/**
 * @brief Set the wall clock.
 * @param[out] e The clock.
 * @param[in] now_s Seconds since 1970-01-01T00:00:00Z (0 when unknown).
 */
void osfn_lwip_epoch_set(osfn_lwip_epoch_t *e, int64_t now_s);

/**
 * @brief ::osfn_epoch_fn; @p ctx is an ::osfn_lwip_epoch_t (pass it as the
 *        client's `platform_ctx`). It must be read at least once every 49 days
 *        (every call reads it) so that `sys_now()` wrapping is counted.
 * @param[in,out] ctx The ::osfn_lwip_epoch_t, or NULL (returns 0).
 * @return Epoch seconds.
 */
int64_t osfn_lwip_epoch(void *ctx);

/**
 * @brief One TLS-over-TCP endpoint on lwIP; caller-owned, no allocation by osfn.
 *
 * The address, server name, timeouts (default ::OSFN_CONNECT_TIMEOUT_MS and
 * ::OSFN_HANDSHAKE_TIMEOUT_MS), the connection count, the TLS connection and the
 * plain TCP transport are in @ref ep (e.g. `net.ep.connect_timeout_ms`,
 * `net.ep.connects`). @ref ep comes first, so an ::osfn_lwip_net_t pointer is a
 * valid connector `ctx`.
 */
typedef struct osfn_lwip_net {
    osfn_tls_endpoint_t ep; /**< The shared endpoint (port/mbedtls; must stay the first member). */
    osfn_lwip_tcp_t tcp;    /**< The socket. */
} osfn_lwip_net_t;

/** @brief The lwIP sockets as the shared endpoint uses them (osfn_tls_endpoint_init()). */
extern const osfn_tls_endpoint_ops_t osfn_lwip_tcp_ops;

/**
 * @brief Prepare an endpoint (osfn_tls_endpoint_init() over @ref osfn_lwip_net_t::tcp).
 * @param[out] net The endpoint (not NULL).
 * @param[in] tls_cfg A TLS configuration with CAs loaded (must outlive @p net).
 * @param[in] address Where to connect: IP literal, or a host name with `LWIP_DNS`
 *            (referenced, must outlive @p net).
 * @param[in] server_name The TLS server name (certificate check and SNI); NULL
 *            takes @p address. Give the host name here when @p address is an IP.
 * @param[in] port TCP port (443 for the service).
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG or ::OSFN_ERR_TLS_CONFIG.
 */
#define osfn_lwip_net_init(net, tls_cfg, address, server_name, port) \
    osfn_tls_endpoint_init(&(net)->ep, &osfn_lwip_tcp_ops, &(net)->tcp, (tls_cfg), \
                           (address), (server_name), (port))

/**
 * @brief Fill in a connector that opens and closes @p net (osfn_tls_endpoint_connector()).
 * @param[out] c The connector for ::osfn_client_config_t.
 * @param[in] net The ::osfn_lwip_net_t (not NULL).
 */
#define osfn_lwip_net_connector(c, net) osfn_tls_endpoint_connector((c), &(net)->ep)

/** @brief ::osfn_connect_fn on an ::osfn_lwip_net_t: TCP connect then TLS handshake (osfn_tls_endpoint_connect()). */
#define osfn_lwip_net_connect osfn_tls_endpoint_connect

/** @brief ::osfn_disconnect_fn on an ::osfn_lwip_net_t: close_notify, then close the socket; keeps the session. */
#define osfn_lwip_net_disconnect osfn_tls_endpoint_disconnect

/**
 * @brief Close and release everything (osfn_tls_endpoint_free()).
 * @param[in,out] net The ::osfn_lwip_net_t (not NULL).
 */
#define osfn_lwip_net_free(net) osfn_tls_endpoint_free(&(net)->ep)

#ifdef __cplusplus
}
#endif

#endif /* OSFN_PORT_LWIP_H */
