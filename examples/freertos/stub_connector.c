/**
 * @file stub_connector.c
 * @brief Canned responses instead of a network (see stub_connector.h).
 */
#include "stub_connector.h"

#include <stdio.h>
#include <string.h>

/* The service's JSON, as GetFunctionInstance (output=detail) answers it, trimmed. */
static const char *const k_bodies[] = {
    "{\"status\":\"OK\",\"requestId\":\"stub-1\",\"httpCode\":200,\"result\":{\"instanceName\":\"ctr_test\","
    "\"functionName\":\"ctr\",\"status\":\"unavailable\",\"task\":{\"dagStatus\":\"running\",\"progress\":30}}}",
    "{\"status\":\"OK\",\"requestId\":\"stub-2\",\"httpCode\":200,\"result\":{\"instanceName\":\"ctr_test\","
    "\"functionName\":\"ctr\",\"status\":\"unavailable\",\"task\":{\"dagStatus\":\"running\",\"progress\":60}}}",
    "{\"status\":\"OK\",\"requestId\":\"stub-3\",\"httpCode\":200,\"result\":{\"instanceName\":\"ctr_test\","
    "\"functionName\":\"ctr\",\"status\":\"available\",\"task\":{\"dagStatus\":\"success\",\"progress\":100}}}",
};
#define BODIES (sizeof(k_bodies) / sizeof(k_bodies[0]))

/** Prepare the response to request number @p n (the last one repeats). */
static void prepare(osfn_stub_server_t *s, unsigned n)
{
    const char *body = k_bodies[(n < BODIES) ? n : (BODIES - 1u)];
    int len = snprintf(s->response, sizeof(s->response),
                       "HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\n"
                       "Connection: keep-alive\r\nContent-Length: %u\r\n\r\n%s",
                       (unsigned)strlen(body), body);
    s->response_len = ((len > 0) && ((size_t)len < sizeof(s->response))) ? (size_t)len : 0u;
    s->served = 0u;
}

static int32_t stub_send(void *ctx, const uint8_t *buf, size_t len)
{
    static const char k_end[] = "\r\n\r\n";
    osfn_stub_server_t *s = (osfn_stub_server_t *)ctx;
    size_t i;
    if (!s->connected) {
        return OSFN_TRANSPORT_RESET;
    }
    /* A GET has no body: the request ends with its head. */
    for (i = 0u; i < len; i++) {
        s->head_seen = (buf[i] == (uint8_t)k_end[s->head_seen]) ? (s->head_seen + 1u)
                       : ((buf[i] == (uint8_t)'\r') ? 1u : 0u);
        if (s->head_seen == 4u) {
            prepare(s, s->requests);
            s->requests++;
            s->head_seen = 0u;
        }
    }
    return (int32_t)len;
}

static int32_t stub_recv(void *ctx, uint8_t *buf, size_t len)
{
    osfn_stub_server_t *s = (osfn_stub_server_t *)ctx;
    size_t n;
    if (!s->connected) {
        return OSFN_TRANSPORT_EOF;
    }
    n = s->response_len - s->served;
    if (n == 0u) {
        return 0; /* nothing yet (a real port would have waited its poll interval) */
    }
    if (n > len) {
        n = len;
    }
    if (n > 100u) {
        n = 100u; /* arrive in pieces, as from a socket */
    }
    (void)memcpy(buf, &s->response[s->served], n);
    s->served += n;
    return (int32_t)n;
}

static osfn_status_t stub_connect(void *ctx, osfn_transport_t *t)
{
    osfn_stub_server_t *s = (osfn_stub_server_t *)ctx;
    s->connected = 1;
    s->connects++;
    s->response_len = 0u;
    s->served = 0u;
    s->head_seen = 0u;
    t->send = stub_send;
    t->recv = stub_recv;
    t->ctx = s;
    return OSFN_OK;
}

static void stub_disconnect(void *ctx)
{
    osfn_stub_server_t *s = (osfn_stub_server_t *)ctx;
    s->connected = 0;
}

void osfn_stub_connector(osfn_connector_t *c, osfn_stub_server_t *server)
{
    (void)memset(server, 0, sizeof(*server));
    c->connect = stub_connect;
    c->disconnect = stub_disconnect;
    c->ctx = server;
}
