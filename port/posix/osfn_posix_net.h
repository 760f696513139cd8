/**
 * @file osfn_posix_net.h
 * @brief The POSIX connector: TCP (getaddrinfo, connect deadline) + mbedTLS,
 *        with the TLS session kept for resumption across reconnects.
 */
#ifndef OSFN_POSIX_NET_H
#define OSFN_POSIX_NET_H

#include <stdint.h>

#include "osfn/osfn_transport.h"
#include "osfn_port_posix.h"
#include "osfn_tls.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief One TLS-over-TCP endpoint; caller-owned, no allocation by osfn. */
typedef struct osfn_posix_net {
    osfn_posix_tcp_t tcp;           /**< The socket. */
    osfn_transport_t tcp_transport; /**< Plain TCP transport under TLS. */
    osfn_tls_t tls;                 /**< TLS connection and saved session. */
    const char *server_name;        /**< Name to resolve, check and send as SNI (referenced). */
    uint16_t port;                  /**< TCP port. */
    uint32_t connect_timeout_ms;    /**< TCP connect deadline. */
    uint32_t handshake_timeout_ms;  /**< TLS handshake deadline. */
    uint32_t connects;              /**< Connections opened so far (for logs and tests). */
} osfn_posix_net_t;

/**
 * @brief Prepare an endpoint.
 * @param[out] net The endpoint.
 * @param[in] tls_cfg A TLS configuration with CAs loaded (must outlive @p net).
 * @param[in] server_name Host name (referenced, must outlive @p net).
 * @param[in] port TCP port (443 for the service).
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG or ::OSFN_ERR_TLS_CONFIG.
 */
osfn_status_t osfn_posix_net_init(osfn_posix_net_t *net, osfn_tls_config_t *tls_cfg,
                                  const char *server_name, uint16_t port);

/**
 * @brief Fill in a connector that opens and closes @p net.
 * @param[out] c The connector for ::osfn_client_config_t.
 * @param[in] net The endpoint.
 */
void osfn_posix_net_connector(osfn_connector_t *c, osfn_posix_net_t *net);

/** @brief ::osfn_connect_fn: TCP connect then TLS handshake (resuming when it can). */
osfn_status_t osfn_posix_net_connect(void *ctx, osfn_transport_t *transport);

/** @brief ::osfn_disconnect_fn: close_notify, then close the socket; keeps the session. */
void osfn_posix_net_disconnect(void *ctx);

/**
 * @brief Close and release everything.
 * @param[in,out] net The endpoint.
 */
void osfn_posix_net_free(osfn_posix_net_t *net);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_POSIX_NET_H */
