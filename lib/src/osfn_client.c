/**
 * @file osfn_client.c
 * @brief One exchange: connect if needed, build, send, read; resend once on a
 *        stale keep-alive connection; map the body.
 */
#include "osfn/osfn_client.h"

#include <string.h>

#include "osfn_client_private.h"
#include "osfn_util.h"

/** The call being made: what the request builder needs, and where its result goes. */
typedef struct {
    const char *app;
    const char *function;
    const char *instance;
    const char *output;     /**< GetFunctionInstance only. */
    const char *generation; /**< GetFunctionTask only (non-NULL marks a task call). */
    osfn_instance_t *instance_out;
    osfn_task_t *task_out;
} call_t;

static void apply_defaults(osfn_client_config_t *c)
{
    if (c->response_timeout_ms == 0u) {
        c->response_timeout_ms = OSFN_RESPONSE_TIMEOUT_MS;
    }
    if (c->retry.max_attempts == 0u) {
        c->retry.max_attempts = OSFN_RETRY_MAX_ATTEMPTS;
    }
    if (c->retry.base_delay_ms == 0u) {
        c->retry.base_delay_ms = OSFN_RETRY_BASE_DELAY_MS;
    }
    if (c->retry.max_delay_ms == 0u) {
        c->retry.max_delay_ms = OSFN_RETRY_MAX_DELAY_MS;
    }
    if (c->retry.total_deadline_ms == 0u) {
        c->retry.total_deadline_ms = OSFN_RETRY_TOTAL_DEADLINE_MS;
    }
    if (c->skew_threshold_s <= 0) {
        c->skew_threshold_s = OSFN_SKEW_THRESHOLD_S;
    }
}

static void log_event(const osfn_client_t *client, osfn_log_event_t ev, int64_t a, int64_t b)
{
    if (client->cfg.log != NULL) {
        client->cfg.log(client->cfg.log_ctx, ev, a, b);
    }
}

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
    apply_defaults(&client->cfg);
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
        log_event(client, OSFN_LOG_CONNECT, (int64_t)client->stats.connects, 0);
    } else {
        log_event(client, OSFN_LOG_CONNECT_FAIL, (int64_t)st, 0);
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
    o.time = c->epoch(c->platform_ctx) + client->time_offset;
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
    if (n == (int32_t)OSFN_TRANSPORT_RESET) {
        return OSFN_ERR_CONN_RESET;
    }
    if (n == (int32_t)OSFN_TRANSPORT_EOF) {
        return OSFN_ERR_CONN_CLOSED;
    }
    return (n == (int32_t)OSFN_TRANSPORT_TLS) ? OSFN_ERR_TLS : OSFN_ERR_SEND;
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
        osfn__wipe(c->buffer, (len < c->buffer_len) ? len : c->buffer_len);
        return st;
    }
    start = c->clock(c->platform_ctx);
    client->stats.requests++;
    st = send_all(client, len, start);
    /* The request holds the STS token: leave no copy of it in the caller's buffer. */
    osfn__wipe(c->buffer, len);
    if (st == OSFN_OK) {
        spent = (uint32_t)(c->clock(c->platform_ctx) - start);
        st = osfn_http_read_response(&client->transport, c->clock, c->platform_ctx,
                                     (spent < c->response_timeout_ms) ? (c->response_timeout_ms - spent) : 0u,
                                     c->buffer, c->buffer_len, &client->http);
        client->stats.bytes_received += client->http.received;
        if (st == OSFN_OK) {
            log_event(client, OSFN_LOG_RESPONSE, (int64_t)client->http.status, (int64_t)client->http.received);
        }
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
        log_event(client, OSFN_LOG_STALE, (int64_t)st, 0);
        st = attempt(client, call, &reused); /* fresh connection, fresh nonce and signature */
    }
    return st;
}

/** Map the body of the last response into the call's result. */
static osfn_status_t parse(osfn_client_t *client, const call_t *call)
{
    const osfn_client_config_t *c = &client->cfg;
    if (call->generation != NULL) {
        return osfn_parse_task(client->http.body, client->http.body_len, client->http.status,
                               c->tokens, c->token_count, call->task_out);
    }
    return osfn_parse_instance(client->http.body, client->http.body_len, client->http.status,
                               c->tokens, c->token_count, call->instance_out);
}

static const osfn_envelope_t *envelope_of(const call_t *call)
{
    return (call->generation != NULL) ? &call->task_out->envelope : &call->instance_out->envelope;
}

/** Learn the server's clock from its Date header; true when the offset changed. */
static bool update_skew(osfn_client_t *client)
{
    const osfn_client_config_t *c = &client->cfg;
    int64_t device_now;
    int64_t diff;
    if (client->http.date < 0) {
        return false;
    }
    device_now = c->epoch(c->platform_ctx);
    diff = client->http.date - (device_now + client->time_offset);
    if ((diff <= (int64_t)c->skew_threshold_s) && (diff >= -(int64_t)c->skew_threshold_s)) {
        return false;
    }
    client->time_offset = client->http.date - device_now;
    log_event(client, OSFN_LOG_SKEW, client->time_offset, 0);
    return true;
}

/** The server refused the request's time (e.g. `InvalidTimeStamp.Expired`). */
static bool is_time_error(osfn_status_t st, const osfn_envelope_t *e)
{
    size_t n;
    if (st != OSFN_ERR_API) {
        return false;
    }
    n = strlen(e->code);
    return osfn__ci_contains(e->code, n, "timestamp") || osfn__ci_contains(e->code, n, "timetooskewed");
}

static bool is_retryable_http(uint16_t status)
{
    return (status == 429u) || (status == 500u) || (status == 502u) || (status == 503u) || (status == 504u);
}

bool osfn__is_transient(osfn_status_t st, const osfn_envelope_t *e, uint16_t http_status)
{
    switch (st) {
    case OSFN_ERR_DNS:
    case OSFN_ERR_CONNECT:
    case OSFN_ERR_TIMEOUT:
    case OSFN_ERR_SEND:
    case OSFN_ERR_RECV:
    case OSFN_ERR_CONN_RESET:
    case OSFN_ERR_CONN_CLOSED:
    case OSFN_ERR_SHORT_READ:
    case OSFN_ERR_TLS:
        return true;
    case OSFN_ERR_HTTP_STATUS:
        return is_retryable_http(http_status);
    case OSFN_ERR_API:
        return e->retryable || is_retryable_http(http_status) ||
               osfn__ci_contains(e->code, strlen(e->code), "throttling");
    default:
        return false;
    }
}

uint32_t osfn__random_below(const osfn_client_t *client, uint32_t bound)
{
    uint8_t r[4];
    uint32_t v;
    if (client->cfg.random(client->cfg.platform_ctx, r, sizeof(r)) != 0) {
        return bound / 2u;
    }
    v = ((uint32_t)r[0] << 24) | ((uint32_t)r[1] << 16) | ((uint32_t)r[2] << 8) | (uint32_t)r[3];
    return (bound == UINT32_MAX) ? v : (v % (bound + 1u));
}

/** Full jitter: a random delay in [0, min(max, base * 2^retry)], at least Retry-After. */
static uint32_t backoff_ms(const osfn_client_t *client, uint32_t retry)
{
    const osfn_client_config_t *c = &client->cfg;
    uint32_t ceiling = c->retry.base_delay_ms;
    uint32_t delay;
    uint32_t i;
    for (i = 0u; (i < retry) && (ceiling < c->retry.max_delay_ms); i++) {
        ceiling = (ceiling > (UINT32_MAX / 2u)) ? UINT32_MAX : (ceiling * 2u);
    }
    if (ceiling > c->retry.max_delay_ms) {
        ceiling = c->retry.max_delay_ms;
    }
    delay = osfn__random_below(client, ceiling);
    if ((client->http.retry_after >= 0) && (client->http.retry_after <= ((int64_t)UINT32_MAX / 1000)) &&
        (((uint32_t)client->http.retry_after * 1000u) > delay)) {
        delay = (uint32_t)client->http.retry_after * 1000u;
    }
    return delay;
}

/** One attempt: exchange, then map the body; learn the server's clock on the way. */
static osfn_status_t try_once(osfn_client_t *client, const call_t *call, bool *skew_changed)
{
    osfn_status_t st = exchange(client, call);
    *skew_changed = (client->http.received > 0u) && update_skew(client);
    if (st == OSFN_OK) {
        st = parse(client, call);
    }
    return st;
}

/** Attempts until success, a final error, or the policy runs out. */
static osfn_status_t call_with_retries(osfn_client_t *client, const call_t *call)
{
    const osfn_client_config_t *c = &client->cfg;
    osfn_call_info_t *info = &client->last_call;
    uint32_t start = c->clock(c->platform_ctx);
    uint32_t retries = 0u;
    bool time_retried = false;
    osfn_status_t st;

    info->attempts = 0u;
    info->last_error = OSFN_OK;
    for (;;) {
        bool skew_changed = false;
        uint32_t delay;
        uint32_t spent;
        info->attempts++;
        st = try_once(client, call, &skew_changed);
        if ((st == OSFN_OK) || (st == OSFN_ERR_ARRAY_TOO_SMALL)) {
            break;
        }
        info->last_error = st;
        if (!time_retried && skew_changed && is_time_error(st, envelope_of(call))) {
            time_retried = true; /* once, at once, with the corrected time */
            log_event(client, OSFN_LOG_RETRY, (int64_t)st, 0);
            continue;
        }
        if ((c->sleep == NULL) || ((retries + 1u) >= c->retry.max_attempts) ||
            !osfn__is_transient(st, envelope_of(call), client->http.status)) {
            break;
        }
        delay = backoff_ms(client, retries);
        spent = (uint32_t)(c->clock(c->platform_ctx) - start);
        if ((spent >= c->retry.total_deadline_ms) || (delay > (c->retry.total_deadline_ms - spent))) {
            break;
        }
        log_event(client, OSFN_LOG_RETRY, (int64_t)st, (int64_t)delay);
        c->sleep(c->platform_ctx, delay);
        retries++;
    }
    info->status = st;
    if (st != OSFN_OK) {
        log_event(client, OSFN_LOG_GIVE_UP, (int64_t)st, (int64_t)info->attempts);
    }
    return st;
}

osfn_status_t osfn_client_get_instance(osfn_client_t *client, const char *app,
                                       const char *function, const char *instance,
                                       const char *output, osfn_instance_t *out)
{
    call_t call = { app, function, instance, output, NULL, out, NULL };
    if ((client == NULL) || (out == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    return call_with_retries(client, &call);
}

osfn_status_t osfn_client_get_task(osfn_client_t *client, const char *app,
                                   const char *function, const char *instance,
                                   const char *generation, osfn_task_t *out)
{
    call_t call = { app, function, instance, NULL, generation, NULL, out };
    if ((client == NULL) || (out == NULL) || (generation == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    return call_with_retries(client, &call);
}

const osfn_call_info_t *osfn_client_last_call(const osfn_client_t *client)
{
    return (client != NULL) ? &client->last_call : NULL;
}

int64_t osfn_client_time_offset(const osfn_client_t *client)
{
    return (client != NULL) ? client->time_offset : 0;
}

void osfn_client_set_time_offset(osfn_client_t *client, int64_t offset_s)
{
    if (client != NULL) {
        client->time_offset = offset_s;
    }
}
