/**
 * @file osfn_posix_net.c
 * @brief TCP + TLS connector for POSIX hosts.
 */
#include "osfn_posix_net.h"

#include <string.h>

#include "osfn/osfn_config_defaults.h"

osfn_status_t osfn_posix_net_init(osfn_posix_net_t *net, osfn_tls_config_t *tls_cfg,
                                  const char *server_name, uint16_t port)
{
    if ((net == NULL) || (tls_cfg == NULL) || (server_name == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    (void)memset(net, 0, sizeof(*net));
    osfn_posix_tcp_init(&net->tcp);
    osfn_posix_tcp_transport(&net->tcp_transport, &net->tcp);
    net->server_name = server_name;
    net->port = port;
    net->connect_timeout_ms = OSFN_CONNECT_TIMEOUT_MS;
    net->handshake_timeout_ms = OSFN_HANDSHAKE_TIMEOUT_MS;
    return osfn_tls_init(&net->tls, tls_cfg);
}

void osfn_posix_net_connector(osfn_connector_t *c, osfn_posix_net_t *net)
{
    c->connect = osfn_posix_net_connect;
    c->disconnect = osfn_posix_net_disconnect;
    c->ctx = net;
}

osfn_status_t osfn_posix_net_connect(void *ctx, osfn_transport_t *transport)
{
    osfn_posix_net_t *net = (osfn_posix_net_t *)ctx;
    osfn_status_t st;
    if ((net == NULL) || (transport == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    osfn_posix_net_disconnect(net);
    st = osfn_posix_tcp_connect(&net->tcp, net->server_name, net->port, net->connect_timeout_ms);
    if (st == OSFN_OK) {
        net->connects++;
        st = osfn_tls_handshake(&net->tls, &net->tcp_transport, net->server_name,
                                osfn_posix_clock_ms, NULL, net->handshake_timeout_ms);
    }
    if (st == OSFN_OK) {
        osfn_tls_transport(transport, &net->tls);
    } else {
        osfn_posix_net_disconnect(net);
    }
    return st;
}

void osfn_posix_net_disconnect(void *ctx)
{
    osfn_posix_net_t *net = (osfn_posix_net_t *)ctx;
    if ((net != NULL) && (net->tcp.fd >= 0)) {
        osfn_tls_close(&net->tls);
        osfn_posix_tcp_close(&net->tcp);
    }
}

void osfn_posix_net_free(osfn_posix_net_t *net)
{
    if (net != NULL) {
        osfn_posix_net_disconnect(net);
        osfn_tls_free(&net->tls);
    }
}
