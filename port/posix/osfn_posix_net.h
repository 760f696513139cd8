/**
 * @file osfn_posix_net.h
 * @brief The POSIX connector: TCP (getaddrinfo, connect deadline) + mbedTLS,
 *        with the TLS session kept for resumption across reconnects. A thin
 *        layer over the shared ::osfn_tls_endpoint_t (port/mbedtls).
 */
#ifndef OSFN_POSIX_NET_H
#define OSFN_POSIX_NET_H

#include <stdint.h>

#include "osfn/osfn_transport.h"
#include "osfn_port_posix.h"
#include "osfn_tls.h"
#include "osfn_tls_endpoint.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @brief One TLS-over-TCP endpoint; caller-owned, no allocation by osfn.
 *
 * The timeouts, the connection count, the TLS connection and the plain TCP
 * transport are in @ref ep (e.g. `net.ep.connect_timeout_ms`, `net.ep.connects`).
 * @ref ep comes first, so an ::osfn_posix_net_t pointer is a valid connector `ctx`.
 */
typedef struct osfn_posix_net {
    osfn_tls_endpoint_t ep; /**< The shared endpoint (must stay the first member). */
    osfn_posix_tcp_t tcp;   /**< The socket. */
} osfn_posix_net_t;

/** @brief The POSIX sockets as the shared endpoint uses them (osfn_tls_endpoint_init()). */
extern const osfn_tls_endpoint_ops_t osfn_posix_tcp_ops;

/**
 * @brief Prepare an endpoint (osfn_tls_endpoint_init() over @ref osfn_posix_net_t::tcp).
 * @param[out] net The endpoint (not NULL).
 * @param[in] tls_cfg A TLS configuration with CAs loaded (must outlive @p net).
 * @param[in] server_name Host name to resolve, check and send as SNI (referenced, must outlive @p net).
 * @param[in] port TCP port (443 for the service).
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG or ::OSFN_ERR_TLS_CONFIG.
 */
#define osfn_posix_net_init(net, tls_cfg, server_name, port) \
    osfn_tls_endpoint_init(&(net)->ep, &osfn_posix_tcp_ops, &(net)->tcp, (tls_cfg), \
                           (server_name), NULL, (port))

/**
 * @brief Fill in a connector that opens and closes @p net (osfn_tls_endpoint_connector()).
 * @param[out] c The connector for ::osfn_client_config_t.
 * @param[in] net The ::osfn_posix_net_t (not NULL).
 */
#define osfn_posix_net_connector(c, net) osfn_tls_endpoint_connector((c), &(net)->ep)

/** @brief ::osfn_connect_fn on an ::osfn_posix_net_t: TCP connect then TLS handshake (osfn_tls_endpoint_connect()). */
#define osfn_posix_net_connect osfn_tls_endpoint_connect

/** @brief ::osfn_disconnect_fn on an ::osfn_posix_net_t: close_notify, then close the socket; keeps the session. */
#define osfn_posix_net_disconnect osfn_tls_endpoint_disconnect

/**
 * @brief Close and release everything (osfn_tls_endpoint_free()).
 * @param[in,out] net The ::osfn_posix_net_t (not NULL).
 */
#define osfn_posix_net_free(net) osfn_tls_endpoint_free(&(net)->ep)

#ifdef __cplusplus
}
#endif

#endif /* OSFN_POSIX_NET_H */
