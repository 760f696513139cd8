/**
 * @file stub_connector.h
 * @brief A connector without a network, for running the example on QEMU: each request
 *        gets the next of a few canned HTTP responses (an instance training at 30 %,
 *        then 60 %, then available). It replaces the lwIP + TLS connector of a real
 *        board (see README.md); nothing is checked but the request's framing.
 */
#ifndef OSFN_STUB_CONNECTOR_H
#define OSFN_STUB_CONNECTOR_H

#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_transport.h"

/** The stub's state; caller-owned. */
typedef struct osfn_stub_server {
    char response[512];  /**< The response being served. */
    size_t response_len; /**< Its length. */
    size_t served;       /**< Bytes of it already read by the client. */
    size_t head_seen;    /**< How much of the "\r\n\r\n" that ends a request has been seen. */
    unsigned requests;   /**< Requests received so far. */
    unsigned connects;   /**< Connections opened so far. */
    int connected;       /**< 1 while a connection is open. */
} osfn_stub_server_t;

/**
 * @brief Fill in a connector served by @p server.
 * @param[out] c The connector for osfn_client_config_t.
 * @param[out] server The stub's state (reset here).
 */
void osfn_stub_connector(osfn_connector_t *c, osfn_stub_server_t *server);

#endif /* OSFN_STUB_CONNECTOR_H */
