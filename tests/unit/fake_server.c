/**
 * @file fake_server.c
 * @brief Scripted connector and platform hooks for the client and watch suites
 *        (see fake_server.h).
 */
#include "fake_server.h"

#include <string.h>

void rig_init(rig_t *r)
{
    memset(r, 0, sizeof(*r));
    r->now = 1000u;
    r->step = 1u;
    r->epoch0 = 1764000000; /* 2025-11-24T16:00:00Z */
}

fake_conn_t *rig_conn(rig_t *r)
{
    fake_conn_t *c = &r->conns[r->n_conns];
    if (r->n_conns < FAKE_CONNS - 1u) {
        r->n_conns++;
    }
    return c;
}

void rig_config(rig_t *r, osfn_client_config_t *cfg, uint8_t *buf, size_t buf_len,
                osfn_json_token_t *tokens, size_t token_count)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->host = "opensearch.cn-hangzhou.aliyuncs.com";
    cfg->credentials.access_key_id = "LTAI5tExampleKeyId";
    cfg->credentials.access_key_secret = "ExampleSecret0123456789abcdefXY";
    cfg->scheme = OSFN_SIG_V3;
    cfg->connector.connect = rig_connect;
    cfg->connector.disconnect = rig_disconnect;
    cfg->connector.ctx = r;
    cfg->clock = rig_clock;
    cfg->epoch = rig_epoch;
    cfg->random = rig_random;
    cfg->platform_ctx = r;
    cfg->buffer = buf;
    cfg->buffer_len = buf_len;
    cfg->tokens = tokens;
    cfg->token_count = token_count;
    cfg->sleep = rig_sleep;
    cfg->log = rig_log;
    cfg->log_ctx = r;
}

/* ---- the connection ---------------------------------------------------------------- */

/** The rig a connection belongs to is found through this (one rig in use at a time). */
static rig_t *s_rig;

static unsigned conn_index(const rig_t *r, const fake_conn_t *c)
{
    return (unsigned)(c - r->conns);
}

static int32_t conn_send(void *ctx, const uint8_t *buf, size_t len)
{
    fake_conn_t *c = (fake_conn_t *)ctx;
    rig_t *r = s_rig;
    size_t i;
    if ((r->open != c) || (len == 0u)) {
        r->misuse++;
    }
    if (c->send_error != 0) {
        return c->send_error;
    }
    if (c->send_stall) {
        return 0;
    }
    for (i = 0; i < len; i++) {
        fake_request_t *q;
        if ((r->n_req == 0u) || r->req[r->n_req - 1u].complete) {
            if (r->n_req < FAKE_REQUESTS) {
                q = &r->req[r->n_req++];
                q->conn = conn_index(r, c);
                q->off = r->log_len;
                q->len = 0u;
                q->complete = false;
            }
        }
        q = &r->req[r->n_req - 1u];
        if (r->log_len < FAKE_LOG_BYTES) {
            r->log[r->log_len++] = (char)buf[i];
            q->len++;
        }
        c->tail = (c->tail << 8) | buf[i];
        if (c->tail == 0x0D0A0D0Au) {
            q->complete = true;
            c->requests++;
        }
    }
    return (int32_t)len;
}

static int32_t end_code(fake_end_t end)
{
    switch (end) {
    case FAKE_END_RESET:
        return OSFN_TRANSPORT_RESET;
    case FAKE_END_ERROR:
        return OSFN_TRANSPORT_ERROR;
    case FAKE_END_TLS:
        return OSFN_TRANSPORT_TLS;
    case FAKE_END_HANG:
        return 0;
    case FAKE_END_EOF:
    default:
        return OSFN_TRANSPORT_EOF;
    }
}

static int32_t conn_recv(void *ctx, uint8_t *buf, size_t len)
{
    fake_conn_t *c = (fake_conn_t *)ctx;
    rig_t *r = s_rig;
    if ((r->open != c) || (len == 0u)) {
        r->misuse++;
    }
    for (;;) {
        if ((c->served > 0u) && (c->ft.pos < c->ft.len)) {
            return fake_transport_recv(&c->ft, buf, len);
        }
        if (c->served >= c->n_responses) {
            return end_code(c->end); /* all responses given */
        }
        if (c->served >= c->requests) {
            return 0; /* waiting for the next request */
        }
        fake_transport_init(&c->ft, c->responses[c->served], strlen(c->responses[c->served]));
        c->ft.chunk = c->recv_chunk;
        c->served++;
    }
}

osfn_status_t rig_connect(void *ctx, osfn_transport_t *t)
{
    rig_t *r = (rig_t *)ctx;
    unsigned i = r->connect_calls++;
    fake_conn_t *c;
    s_rig = r;
    if (r->open != NULL) {
        r->misuse++;
    }
    if ((i < FAKE_CONNECTS) && (r->connect_status[i] != OSFN_OK)) {
        return r->connect_status[i];
    }
    if (r->next_conn >= r->n_conns) {
        return OSFN_ERR_CONNECT;
    }
    c = &r->conns[r->next_conn++];
    c->opened = true;
    c->served = 0u;
    c->requests = 0u;
    c->tail = 0u;
    r->open = c;
    t->send = conn_send;
    t->recv = conn_recv;
    t->ctx = c;
    return OSFN_OK;
}

void rig_disconnect(void *ctx)
{
    rig_t *r = (rig_t *)ctx;
    r->disconnect_calls++;
    if (r->open == NULL) {
        r->misuse++;
        return;
    }
    r->open->closed = true;
    r->open = NULL;
}

/* ---- platform ---------------------------------------------------------------------- */

uint32_t rig_clock(void *ctx)
{
    rig_t *r = (rig_t *)ctx;
    uint32_t v = r->now;
    r->now += r->step;
    return v;
}

int64_t rig_epoch(void *ctx)
{
    const rig_t *r = (const rig_t *)ctx;
    return r->epoch0 + (int64_t)(r->now / 1000u);
}

int rig_random(void *ctx, uint8_t *buf, size_t len)
{
    rig_t *r = (rig_t *)ctx;
    size_t i;
    if (len == 4u) {
        uint32_t v = (r->next_draw < r->n_draws) ? r->draws[r->next_draw] : 0x9E3779B9u;
        r->next_draw++;
        if (r->fail_draws) {
            return -1;
        }
        buf[0] = (uint8_t)(v >> 24);
        buf[1] = (uint8_t)(v >> 16);
        buf[2] = (uint8_t)(v >> 8);
        buf[3] = (uint8_t)v;
        return 0;
    }
    r->nonce_calls++;
    if (r->fail_nonce) {
        return -1;
    }
    for (i = 0; i < len; i++) {
        buf[i] = (uint8_t)((r->nonce_calls * 31u) + (unsigned)i); /* distinct per call */
    }
    return 0;
}

void rig_sleep(void *ctx, uint32_t ms)
{
    rig_t *r = (rig_t *)ctx;
    if (r->n_sleeps < FAKE_SLEEPS) {
        r->sleeps[r->n_sleeps] = ms;
    }
    r->n_sleeps++;
    r->slept += ms;
    r->now += ms;
}

void rig_log(void *ctx, osfn_log_event_t ev, int64_t a, int64_t b)
{
    rig_t *r = (rig_t *)ctx;
    if (r->n_events < FAKE_EVENTS) {
        r->events[r->n_events].ev = ev;
        r->events[r->n_events].a = a;
        r->events[r->n_events].b = b;
    }
    r->n_events++;
}

/* ---- inspection ----------------------------------------------------------------------- */

bool rig_contains(const void *hay, size_t hay_len, const void *needle, size_t n)
{
    const uint8_t *h = (const uint8_t *)hay;
    size_t i;
    if ((n == 0u) || (hay_len < n)) {
        return false;
    }
    for (i = 0; i + n <= hay_len; i++) {
        if (memcmp(h + i, needle, n) == 0) {
            return true;
        }
    }
    return false;
}

const char *rig_request_header(const rig_t *r, size_t i, const char *name, size_t *len)
{
    const char *p;
    const char *end;
    size_t n = strlen(name);
    if (i >= r->n_req) {
        return NULL;
    }
    p = &r->log[r->req[i].off];
    end = p + r->req[i].len;
    while (p < end) {
        const char *eol = p;
        while ((eol < end) && (*eol != '\r')) {
            eol++;
        }
        if (((size_t)(eol - p) > n + 1u) && (memcmp(p, name, n) == 0) && (p[n] == ':')) {
            const char *v = p + n + 1u;
            while ((v < eol) && (*v == ' ')) {
                v++;
            }
            *len = (size_t)(eol - v);
            return v;
        }
        p = eol + 2;
    }
    return NULL;
}

unsigned rig_count_events(const rig_t *r, osfn_log_event_t ev)
{
    unsigned i;
    unsigned n = 0u;
    for (i = 0; (i < r->n_events) && (i < FAKE_EVENTS); i++) {
        if (r->events[i].ev == ev) {
            n++;
        }
    }
    return n;
}
