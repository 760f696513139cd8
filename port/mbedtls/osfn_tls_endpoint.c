/**
 * @file osfn_tls_endpoint.c
 * @brief TCP + TLS endpoint shared by the ports (the connector logic).
 */
#include "osfn_tls_endpoint.h"

#include <string.h>

#include "osfn/osfn_config_defaults.h"

osfn_status_t osfn_tls_endpoint_init(osfn_tls_endpoint_t *ep, const osfn_tls_endpoint_ops_t *ops,
                                     void *sock, osfn_tls_config_t *tls_cfg, const char *address,
                                     const char *server_name, uint16_t port)
{
    if ((ep == NULL) || (ops == NULL) || (sock == NULL) || (tls_cfg == NULL) || (address == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    (void)memset(ep, 0, sizeof(*ep));
    ops->init(sock);
    ep->ops = ops;
    ep->sock = sock;
    ep->tcp_transport.send = ops->send;
    ep->tcp_transport.recv = ops->recv;
    ep->tcp_transport.ctx = sock;
    ep->address = address;
    ep->server_name = (server_name != NULL) ? server_name : address;
    ep->port = port;
    ep->connect_timeout_ms = OSFN_CONNECT_TIMEOUT_MS;
    ep->handshake_timeout_ms = OSFN_HANDSHAKE_TIMEOUT_MS;
    return osfn_tls_init(&ep->tls, tls_cfg);
}

void osfn_tls_endpoint_connector(osfn_connector_t *c, osfn_tls_endpoint_t *ep)
{
    c->connect = osfn_tls_endpoint_connect;
    c->disconnect = osfn_tls_endpoint_disconnect;
    c->ctx = ep;
}

osfn_status_t osfn_tls_endpoint_connect(void *ctx, osfn_transport_t *transport)
{
    osfn_tls_endpoint_t *ep = (osfn_tls_endpoint_t *)ctx;
    osfn_status_t st;
    if ((ep == NULL) || (ep->ops == NULL) || (transport == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    osfn_tls_endpoint_disconnect(ep);
    st = ep->ops->open(ep->sock, ep->address, ep->port, ep->connect_timeout_ms);
    if (st == OSFN_OK) {
        ep->connects++;
        st = osfn_tls_handshake(&ep->tls, &ep->tcp_transport, ep->server_name, ep->ops->clock, NULL,
                                ep->handshake_timeout_ms);
    }
    if (st == OSFN_OK) {
        osfn_tls_transport(transport, &ep->tls);
    } else {
        osfn_tls_endpoint_disconnect(ep);
    }
    return st;
}

void osfn_tls_endpoint_disconnect(void *ctx)
{
    osfn_tls_endpoint_t *ep = (osfn_tls_endpoint_t *)ctx;
    if ((ep != NULL) && (ep->ops != NULL) && ep->ops->is_open(ep->sock)) {
        osfn_tls_close(&ep->tls);
        ep->ops->close(ep->sock);
    }
}

void osfn_tls_endpoint_free(osfn_tls_endpoint_t *ep)
{
    if (ep != NULL) {
        osfn_tls_endpoint_disconnect(ep);
        osfn_tls_free(&ep->tls);
    }
}
