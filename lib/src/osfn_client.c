/**
 * @file osfn_client.c
 * @brief One exchange: connect if needed, build, send, read; resend once on a
 *        stale keep-alive connection; map the body.
 */
#include "osfn/osfn_client.h"

#include <string.h>

/** The call being made: what the request builder needs. */
typedef struct {
    const char *app;
    const char *function;
    const char *instance;
    const char *output;     /**< GetFunctionInstance only. */
    const char *generation; /**< GetFunctionTask only (non-NULL marks a task call). */
} call_t;

osfn_status_t osfn_client_init(osfn_client_t *client, const osfn_client_config_t *config)
{
    const osfn_client_config_t *c = config;
    if ((client == NULL) || (c == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    (void)memset(client, 0, sizeof(*client));
    if ((c->connector.connect == NULL) || (c->connector.disconnect == NULL) || (c->clock == NULL) ||
        (c->epoch == NULL) || (c->random == NULL) || (c->buffer == NULL) || (c->buffer_len == 0u) ||
        (c->tokens == NULL) || (c->token_count == 0u) || (c->host == NULL)) {
        return OSFN_ERR_BAD_CONFIG;
    }
    if ((c->credentials.access_key_id == NULL) || (c->credentials.access_key_secret == NULL) ||
        (c->credentials.access_key_id[0] == '\0') || (c->credentials.access_key_secret[0] == '\0')) {
        return OSFN_ERR_NO_CREDENTIALS;
    }
    client->cfg = *c;
    if (client->cfg.response_timeout_ms == 0u) {
        client->cfg.response_timeout_ms = OSFN_RESPONSE_TIMEOUT_MS;
    }
    return OSFN_OK;
}

void osfn_client_close(osfn_client_t *client)
{
    if ((client != NULL) && client->connected) {
        client->cfg.connector.disconnect(client->cfg.connector.ctx);
        client->connected = false;
    }
}

static osfn_status_t ensure_connected(osfn_client_t *client)
{
    osfn_status_t st;
    if (client->connected) {
        return OSFN_OK;
    }
    st = client->cfg.connector.connect(client->cfg.connector.ctx, &client->transport);
    if (st == OSFN_OK) {
        client->connected = true;
        client->stats.connects++;
    }
    return st;
}

/** Sign and write the request into the client's buffer. */
static osfn_status_t build_request(osfn_client_t *client, const call_t *call, size_t *len)
{
    const osfn_client_config_t *c = &client->cfg;
    osfn_request_opts_t o;
    o.host = c->host;
    o.credentials = &c->credentials;
    o.scheme = c->scheme;
    o.time = c->epoch(c->platform_ctx);
    o.random = c->random;
    o.random_ctx = c->platform_ctx;
    if (call->generation != NULL) {
        return osfn_request_get_task(&o, call->app, call->function, call->instance, call->generation,
                                     (char *)c->buffer, c->buffer_len, len);
    }
    return osfn_request_get_instance(&o, call->app, call->function, call->instance, call->output,
                                     (char *)c->buffer, c->buffer_len, len);
}

static osfn_status_t send_error(int32_t n)
{
    if (n == OSFN_TRANSPORT_RESET) {
        return OSFN_ERR_CONN_RESET;
    }
    if (n == OSFN_TRANSPORT_EOF) {
        return OSFN_ERR_CONN_CLOSED;
    }
    return (n == OSFN_TRANSPORT_TLS) ? OSFN_ERR_TLS : OSFN_ERR_SEND;
}

/** Send @p len bytes of the buffer before the deadline. */
static osfn_status_t send_all(osfn_client_t *client, size_t len, uint32_t start)
{
    const osfn_client_config_t *c = &client->cfg;
    size_t done = 0u;
    while (done < len) {
        int32_t n = client->transport.send(client->transport.ctx, &c->buffer[done], len - done);
        if (n < 0) {
            return send_error(n);
        }
        if ((n == 0) && ((uint32_t)(c->clock(c->platform_ctx) - start) >= c->response_timeout_ms)) {
            return OSFN_ERR_TIMEOUT;
        }
        done += (size_t)n;
    }
    client->stats.bytes_sent += len;
    return OSFN_OK;
}

/** True when a failure means the kept-alive connection was already dead. */
static bool is_stale(osfn_status_t st, const osfn_http_response_t *http)
{
    return (http->received == 0u) &&
           ((st == OSFN_ERR_CONN_CLOSED) || (st == OSFN_ERR_CONN_RESET) || (st == OSFN_ERR_SEND));
}

/** One request and its response on the current (or a new) connection. */
static osfn_status_t attempt(osfn_client_t *client, const call_t *call, bool *reused)
{
    const osfn_client_config_t *c = &client->cfg;
    size_t len = 0u;
    uint32_t start;
    uint32_t spent;
    osfn_status_t st;

    *reused = client->connected;
    (void)memset(&client->http, 0, sizeof(client->http));
    st = ensure_connected(client);
    if (st == OSFN_OK) {
        st = build_request(client, call, &len);
    }
    if (st != OSFN_OK) {
        return st;
    }
    start = c->clock(c->platform_ctx);
    client->stats.requests++;
    st = send_all(client, len, start);
    if (st == OSFN_OK) {
        spent = (uint32_t)(c->clock(c->platform_ctx) - start);
        st = osfn_http_read_response(&client->transport, c->clock, c->platform_ctx,
                                     (spent < c->response_timeout_ms) ? (c->response_timeout_ms - spent) : 0u,
                                     c->buffer, c->buffer_len, &client->http);
        client->stats.bytes_received += client->http.received;
    }
    if ((st != OSFN_OK) || !client->http.keep_alive) {
        osfn_client_close(client);
    }
    return st;
}

/** Send the call; on a stale reused connection, reconnect and send once more. */
static osfn_status_t exchange(osfn_client_t *client, const call_t *call)
{
    bool reused = false;
    osfn_status_t st = attempt(client, call, &reused);
    if ((st != OSFN_OK) && reused && is_stale(st, &client->http)) {
        client->stats.reconnects++;
        st = attempt(client, call, &reused); /* fresh connection, fresh nonce and signature */
    }
    return st;
}

osfn_status_t osfn_client_get_instance(osfn_client_t *client, const char *app,
                                       const char *function, const char *instance,
                                       const char *output, osfn_instance_t *out)
{
    call_t call = { app, function, instance, output, NULL };
    osfn_status_t st;
    if ((client == NULL) || (out == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    st = exchange(client, &call);
    if (st == OSFN_OK) {
        st = osfn_parse_instance(client->http.body, client->http.body_len, client->http.status,
                                 client->cfg.tokens, client->cfg.token_count, out);
    }
    client->last_status = st;
    return st;
}

osfn_status_t osfn_client_get_task(osfn_client_t *client, const char *app,
                                   const char *function, const char *instance,
                                   const char *generation, osfn_task_t *out)
{
    call_t call = { app, function, instance, NULL, generation };
    osfn_status_t st;
    if ((client == NULL) || (out == NULL) || (generation == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    st = exchange(client, &call);
    if (st == OSFN_OK) {
        st = osfn_parse_task(client->http.body, client->http.body_len, client->http.status,
                             client->cfg.tokens, client->cfg.token_count, out);
    }
    client->last_status = st;
    return st;
}
