/**
 * @file osfn_port_zephyr.h
 * @brief The Zephyr port: clock from `k_uptime_get()`, sleep with `k_msleep()`,
 *        random bytes from `sys_csrand_get()`, a wall clock kept from the uptime,
 *        and (with `CONFIG_OSFN_ZEPHYR_NET`) a TCP transport over the `zsock_*`
 *        socket API plus a connector that runs osfn's own TLS
 *        (port/mbedtls/osfn_tls.c, on the Zephyr mbedTLS module) on top of it.
 *
 * Built by the osfn Zephyr module (zephyr/module.yml) when `CONFIG_OSFN_ZEPHYR_PORT`
 * is set; docs/zephyr.md has the integration steps and the memory figures.
 * Compiles on Zephyr 2.7 (`<zephyr.h>`, `<net/socket.h>`) and on 3.1+
 * (`<zephyr/kernel.h>`, `<zephyr/net/socket.h>`): the source picks the include
 * layout from the kernel version.
 *
 * Threads: one client, and one ::osfn_zephyr_net_t, per thread; nothing here
 * takes a lock, nothing is global.
 *
 * Random bytes: `sys_csrand_get()` exists only where Zephyr has a CSPRNG (a board
 * with an entropy driver: `CONFIG_CSPRING_ENABLED` on 2.7, `CONFIG_CSPRNG_ENABLED`
 * later). Elsewhere ::osfn_zephyr_random fails (the client reports
 * ::OSFN_ERR_RANDOM), unless `CONFIG_OSFN_ZEPHYR_TEST_RANDOM` allows the
 * predictable `sys_rand_get()` for an emulator or a test.
 */
#ifndef OSFN_PORT_ZEPHYR_H
#define OSFN_PORT_ZEPHYR_H

#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_status.h"
#include "osfn/osfn_transport.h"
#if defined(CONFIG_OSFN_ZEPHYR_NET)
#include "osfn_tls.h"
#include "osfn_tls_endpoint.h"
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** @brief How long one send or recv waits before returning 0 ("nothing yet"), in ms. */
#ifndef OSFN_ZEPHYR_POLL_MS
#if defined(CONFIG_OSFN_ZEPHYR_POLL_MS)
#define OSFN_ZEPHYR_POLL_MS CONFIG_OSFN_ZEPHYR_POLL_MS
#else
#define OSFN_ZEPHYR_POLL_MS 50
#endif
#endif

/**
 * @brief ::osfn_clock_ms_fn from `k_uptime_get()`.
 * @param[in] ctx Unused.
 * @return Milliseconds since boot; wraps after 49.7 days (the library only takes differences).
 */
uint32_t osfn_zephyr_clock_ms(void *ctx);

/**
 * @brief ::osfn_sleep_fn with `k_msleep()`.
 * @param[in] ctx Unused.
 * @param[in] ms Milliseconds to sleep.
 */
void osfn_zephyr_sleep(void *ctx, uint32_t ms);

/**
 * @brief ::osfn_random_fn from `sys_csrand_get()` (see the file comment).
 * @param[in] ctx Unused.
 * @param[out] buf Where the random bytes go.
 * @param[in] len Number of bytes.
 * @return 0, or -1 when the system has no cryptographic source (or it failed).
 */
int osfn_zephyr_random(void *ctx, uint8_t *buf, size_t len);

/**
 * @brief A wall clock kept from the uptime: set it once from SNTP or an RTC, or
 *        leave it at 0 (the client then corrects its time from the server's Date
 *        header, at the cost of one refused request on the first call).
 */
typedef struct osfn_zephyr_epoch {
    int64_t base_s;    /**< Epoch seconds at the last set. */
    int64_t set_at_ms; /**< `k_uptime_get()` at the last set. */
} osfn_zephyr_epoch_t;

/**
 * @brief Set the wall clock.
 * @param[out] e The clock.
 * @param[in] now_s Seconds since 1970-01-01T00:00:00Z (0 when unknown).
 */
void osfn_zephyr_epoch_set(osfn_zephyr_epoch_t *e, int64_t now_s);

/**
 * @brief ::osfn_epoch_fn.
 * @param[in] ctx An ::osfn_zephyr_epoch_t (pass it as the client's `platform_ctx`),
 *            or NULL for "seconds since boot".
 * @return Epoch seconds: the last ::osfn_zephyr_epoch_set() value plus the uptime since.
 */
int64_t osfn_zephyr_epoch(void *ctx);

#if defined(CONFIG_OSFN_ZEPHYR_NET) || defined(OSFN_DOXYGEN)

/** @brief A TCP connection over Zephyr sockets; owned by the caller. */
typedef struct osfn_zephyr_tcp {
    int fd;         /**< Socket descriptor, -1 when closed. */
    int last_errno; /**< errno of the last failed socket call (connect, poll, send, recv), 0 if
                         none since the last connect; for diagnostics. */
} osfn_zephyr_tcp_t;

/**
 * @brief Prepare a connection object (closed).
 * @param[out] tcp The object.
 */
void osfn_zephyr_tcp_init(osfn_zephyr_tcp_t *tcp);

/**
 * @brief Resolve @p host and connect.
 *
 * An IP literal needs no DNS; a host name needs `CONFIG_DNS_RESOLVER`. Note that
 * Zephyr's `zsock_getaddrinfo()` takes its one result from the libc heap (and the
 * port frees it at once): give the libc a small heap (newlib has one; the minimal
 * libc needs `CONFIG_MINIMAL_LIBC_MALLOC_ARENA_SIZE` >= 256).
 * Zephyr 2.7's connect always blocks, bounded by its own
 * `CONFIG_NET_SOCKETS_CONNECT_TIMEOUT` (default 3000 ms): @p timeout_ms is
 * checked when it returns. Set that option to your connect deadline.
 *
 * @param[in,out] tcp A connection object (closed first if open).
 * @param[in] host Address literal or host name.
 * @param[in] port TCP port.
 * @param[in] timeout_ms Connect deadline.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG, ::OSFN_ERR_DNS, ::OSFN_ERR_CONNECT or ::OSFN_ERR_TIMEOUT.
 */
osfn_status_t osfn_zephyr_tcp_connect(osfn_zephyr_tcp_t *tcp, const char *host, uint16_t port,
                                      uint32_t timeout_ms);

/**
 * @brief Close the connection (no-op when closed).
 * @param[in,out] tcp The connection.
 */
void osfn_zephyr_tcp_close(osfn_zephyr_tcp_t *tcp);

/**
 * @brief Fill @p t with send/recv over @p tcp.
 * @param[out] t The transport.
 * @param[in] tcp The connection (must outlive @p t).
 */
void osfn_zephyr_tcp_transport(osfn_transport_t *t, osfn_zephyr_tcp_t *tcp);

/**
 * @brief ::osfn_send_fn over a ::osfn_zephyr_tcp_t: waits up to ::OSFN_ZEPHYR_POLL_MS for room (`zsock_poll`),
 *        then sends what fits.
 * @param[in] ctx The ::osfn_zephyr_tcp_t.
 * @param[in] buf Bytes to send.
 * @param[in] len Number of bytes (> 0).
 * @return Bytes sent (1..len), 0 when there is no room yet, or a negative
 *         ::osfn_transport_error_t.
 */
int32_t osfn_zephyr_tcp_send(void *ctx, const uint8_t *buf, size_t len);

/**
 * @brief ::osfn_recv_fn: waits up to ::OSFN_ZEPHYR_POLL_MS (`zsock_poll`), then
 *        returns 0; the FIN gives ::OSFN_TRANSPORT_EOF, an RST ::OSFN_TRANSPORT_RESET.
 * @param[in] ctx The ::osfn_zephyr_tcp_t.
 * @param[out] buf Where the bytes go.
 * @param[in] len Room in @p buf (> 0).
 * @return Bytes received (1..len), 0 when nothing arrived yet, or a negative
 *         ::osfn_transport_error_t.
 */
int32_t osfn_zephyr_tcp_recv(void *ctx, uint8_t *buf, size_t len);

/**
 * @brief One TLS-over-TCP endpoint on Zephyr sockets; caller-owned, no allocation by osfn.
 *
 * The address, server name, timeouts (default ::OSFN_CONNECT_TIMEOUT_MS and
 * ::OSFN_HANDSHAKE_TIMEOUT_MS), the connection count, the TLS connection and the
 * plain TCP transport are in @ref ep (e.g. `net.ep.connect_timeout_ms`,
 * `net.ep.connects`). @ref ep comes first, so an ::osfn_zephyr_net_t pointer is a
 * valid connector `ctx`.
 */
typedef struct osfn_zephyr_net {
    osfn_tls_endpoint_t ep; /**< The shared endpoint (port/mbedtls; must stay the first member). */
    osfn_zephyr_tcp_t tcp;  /**< The socket. */
} osfn_zephyr_net_t;

/** @brief The Zephyr sockets as the shared endpoint uses them (osfn_tls_endpoint_init()). */
extern const osfn_tls_endpoint_ops_t osfn_zephyr_tcp_ops;

/**
 * @brief Prepare an endpoint (osfn_tls_endpoint_init() over @ref osfn_zephyr_net_t::tcp).
 * @param[out] net The endpoint (not NULL).
 * @param[in] tls_cfg A TLS configuration with CAs loaded (must outlive @p net).
 * @param[in] address Where to connect: IP literal or host name
 *            (referenced, must outlive @p net).
 * @param[in] server_name The TLS server name (certificate check and SNI); NULL
 *            takes @p address. Give the host name here when @p address is an IP.
 * @param[in] port TCP port (443 for the service).
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG or ::OSFN_ERR_TLS_CONFIG.
 */
#define osfn_zephyr_net_init(net, tls_cfg, address, server_name, port) \
    osfn_tls_endpoint_init(&(net)->ep, &osfn_zephyr_tcp_ops, &(net)->tcp, (tls_cfg), \
                           (address), (server_name), (port))

/**
 * @brief Fill in a connector that opens and closes @p net (osfn_tls_endpoint_connector()).
 * @param[out] c The connector for ::osfn_client_config_t.
 * @param[in] net The ::osfn_zephyr_net_t (not NULL).
 */
#define osfn_zephyr_net_connector(c, net) osfn_tls_endpoint_connector((c), &(net)->ep)

/** @brief ::osfn_connect_fn on an ::osfn_zephyr_net_t: TCP connect then TLS handshake (osfn_tls_endpoint_connect()). */
#define osfn_zephyr_net_connect osfn_tls_endpoint_connect

/** @brief ::osfn_disconnect_fn on an ::osfn_zephyr_net_t: close_notify, then close the socket; keeps the session. */
#define osfn_zephyr_net_disconnect osfn_tls_endpoint_disconnect

/**
 * @brief Close and release everything (osfn_tls_endpoint_free()).
 * @param[in,out] net The ::osfn_zephyr_net_t (not NULL).
 */
#define osfn_zephyr_net_free(net) osfn_tls_endpoint_free(&(net)->ep)

#endif /* CONFIG_OSFN_ZEPHYR_NET */

#ifdef __cplusplus
}
#endif

#endif /* OSFN_PORT_ZEPHYR_H */
