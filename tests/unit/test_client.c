/**
 * @file test_client.c
 * @brief The client over a scripted connector (fake_server.h): configuration checks,
 *        keep-alive, reconnects, the stale-connection resend, every retryable and
 *        final error class, backoff bounds, the total deadline, clock-skew correction,
 *        call info, log events, and the wipe of the sent request.
 */
#include "osfn_test.h"

#include "fake_server.h"
#include "fixtures.h"
#include "osfn/osfn_client.h"

#define BUF_SIZE 4096u
#define TOKENS 256u
#define ARENA 16384u

static rig_t g_rig;
static osfn_client_config_t g_cfg;
static osfn_client_t g_client;
static uint8_t g_buf[BUF_SIZE];
static osfn_json_token_t g_tok[TOKENS];
static osfn_instance_t g_in;
static osfn_param_t g_params[16];
static osfn_task_t g_task;

/* ---- responses ------------------------------------------------------------------------ */

static char g_arena[ARENA];
static size_t g_arena_used;

/** The server's Date for the rig's clock: epoch0 + 1 s (the clock starts at 1000 ms). */
#define DATE_NOW "Date: Mon, 24 Nov 2025 16:00:01 GMT\r\n"

static char *arena_put(char *at, const char *s)
{
    size_t n = strlen(s);
    memcpy(at, s, n);
    return at + n;
}

static char *arena_num(char *at, size_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + (v % 10u));
        v /= 10u;
    } while (v > 0u);
    while (n > 0u) {
        *at++ = tmp[--n];
    }
    return at;
}

/** "HTTP/1.1 <status>\r\n<headers>Content-Length: N\r\n\r\n<body>" in the arena. */
static const char *resp(const char *status, const char *headers, const char *body)
{
    char *start = &g_arena[g_arena_used];
    char *at = start;
    size_t need = strlen(status) + strlen(headers) + strlen(body) + 64u;
    if (g_arena_used + need > ARENA) {
        return "";
    }
    at = arena_put(at, "HTTP/1.1 ");
    at = arena_put(at, status);
    at = arena_put(at, "\r\n");
    at = arena_put(at, headers);
    at = arena_put(at, "Content-Length: ");
    at = arena_num(at, strlen(body));
    at = arena_put(at, "\r\n\r\n");
    at = arena_put(at, body);
    *at++ = '\0';
    g_arena_used += (size_t)(at - start);
    return start;
}

static const char *fixture(const char *name)
{
    size_t n = 0;
    size_t i;
    const fixture_t *t = fixture_table(&n);
    for (i = 0; i < n; i++) {
        if (strcmp(t[i].name, name) == 0) {
            return t[i].body;
        }
    }
    return "";
}

static const char *ok_instance(void)
{
    return resp("200 OK", DATE_NOW, fixture("instance_detail.json"));
}

static const char *ok_task(void)
{
    return resp("200 OK", DATE_NOW, fixture("task_sample_camel.json"));
}

/** An API error body with @p code, under HTTP @p status. */
static const char *api_error(const char *status, const char *code)
{
    static char bodies[8][160];
    static unsigned next;
    char *b = bodies[next++ % 8u];
    char *at = b;
    at = arena_put(at, "{\"RequestId\":\"6C3E1C52-0B4A\",\"Code\":\"");
    at = arena_put(at, code);
    at = arena_put(at, "\",\"Message\":\"m\"}");
    *at = '\0';
    return resp(status, DATE_NOW, b);
}

static void add(fake_conn_t *c, const char *response)
{
    c->responses[c->n_responses++] = response;
}

/* ---- set-up ---------------------------------------------------------------------------- */

static void setup(void)
{
    rig_init(&g_rig);
    g_arena_used = 0;
    rig_config(&g_rig, &g_cfg, g_buf, sizeof(g_buf), g_tok, TOKENS);
    memset(&g_client, 0, sizeof(g_client));
    memset(&g_task, 0, sizeof(g_task));
    memset(g_buf, 0, sizeof(g_buf));
}

static osfn_status_t start(void)
{
    return osfn_client_init(&g_client, &g_cfg);
}

static osfn_status_t get_instance(void)
{
    memset(&g_in, 0, sizeof(g_in));
    g_in.create_parameters.items = g_params;
    g_in.create_parameters.capacity = 8;
    g_in.usage_parameters.items = g_params + 8;
    g_in.usage_parameters.capacity = 8;
    return osfn_client_get_instance(&g_client, "my-app", "ctr", "ctr_test", "detail", &g_in);
}

static osfn_status_t get_task(void)
{
    return osfn_client_get_task(&g_client, "my-app", "ctr", "ctr_test", "3", &g_task);
}

/** True when requests @p i and @p j carry different nonces (both present, 32 hex). */
static int nonces_differ(size_t i, size_t j)
{
    size_t la = 0;
    size_t lb = 0;
    const char *a = rig_request_header(&g_rig, i, "x-acs-signature-nonce", &la);
    const char *b = rig_request_header(&g_rig, j, "x-acs-signature-nonce", &lb);
    return (a != NULL) && (b != NULL) && (la == 32u) && (lb == 32u) && (memcmp(a, b, 32u) != 0);
}

/* ---- configuration ---------------------------------------------------------------------- */

/* Each missing piece of the configuration gives its own status. */
static void test_init_validation(void)
{
    osfn_client_config_t c;
    setup();
    CHECK_INT(osfn_client_init(NULL, &g_cfg), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_client_init(&g_client, NULL), OSFN_ERR_NULL_ARG);
#define EXPECT_BAD(field, value, want)            \
    c = g_cfg;                                    \
    c.field = value;                              \
    CHECK_INT(osfn_client_init(&g_client, &c), want)
    EXPECT_BAD(connector.connect, NULL, OSFN_ERR_BAD_CONFIG);
    EXPECT_BAD(connector.disconnect, NULL, OSFN_ERR_BAD_CONFIG);
    EXPECT_BAD(clock, NULL, OSFN_ERR_BAD_CONFIG);
    EXPECT_BAD(epoch, NULL, OSFN_ERR_BAD_CONFIG);
    EXPECT_BAD(random, NULL, OSFN_ERR_BAD_CONFIG);
    EXPECT_BAD(buffer, NULL, OSFN_ERR_BAD_CONFIG);
    EXPECT_BAD(buffer_len, 0u, OSFN_ERR_BAD_CONFIG);
    EXPECT_BAD(tokens, NULL, OSFN_ERR_BAD_CONFIG);
    EXPECT_BAD(token_count, 0u, OSFN_ERR_BAD_CONFIG);
    EXPECT_BAD(host, NULL, OSFN_ERR_BAD_CONFIG);
    EXPECT_BAD(credentials.access_key_id, NULL, OSFN_ERR_NO_CREDENTIALS);
    EXPECT_BAD(credentials.access_key_secret, NULL, OSFN_ERR_NO_CREDENTIALS);
    EXPECT_BAD(credentials.access_key_id, "", OSFN_ERR_NO_CREDENTIALS);
    EXPECT_BAD(credentials.access_key_secret, "", OSFN_ERR_NO_CREDENTIALS);
    /* optional: sleep, log, security token */
    EXPECT_BAD(sleep, NULL, OSFN_OK);
    EXPECT_BAD(log, NULL, OSFN_OK);
    EXPECT_BAD(credentials.security_token, NULL, OSFN_OK);
#undef EXPECT_BAD
    CHECK_INT(g_rig.connect_calls, 0); /* init does no I/O */
}

/* Zeros take the documented defaults; explicit values are kept. */
static void test_init_defaults(void)
{
    setup();
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(g_client.cfg.response_timeout_ms, OSFN_RESPONSE_TIMEOUT_MS);
    CHECK_INT(g_client.cfg.retry.max_attempts, OSFN_RETRY_MAX_ATTEMPTS);
    CHECK_INT(g_client.cfg.retry.base_delay_ms, OSFN_RETRY_BASE_DELAY_MS);
    CHECK_INT(g_client.cfg.retry.max_delay_ms, OSFN_RETRY_MAX_DELAY_MS);
    CHECK_INT(g_client.cfg.retry.total_deadline_ms, OSFN_RETRY_TOTAL_DEADLINE_MS);
    CHECK_INT(g_client.cfg.skew_threshold_s, OSFN_SKEW_THRESHOLD_S);
    CHECK(!g_client.connected);
    CHECK_INT(osfn_client_time_offset(&g_client), 0);
    g_cfg.response_timeout_ms = 7;
    g_cfg.retry.max_attempts = 9;
    g_cfg.retry.base_delay_ms = 11;
    g_cfg.retry.max_delay_ms = 13;
    g_cfg.retry.total_deadline_ms = 17;
    g_cfg.skew_threshold_s = 19;
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(g_client.cfg.response_timeout_ms, 7);
    CHECK_INT(g_client.cfg.retry.max_attempts, 9);
    CHECK_INT(g_client.cfg.retry.base_delay_ms, 11);
    CHECK_INT(g_client.cfg.retry.max_delay_ms, 13);
    CHECK_INT(g_client.cfg.retry.total_deadline_ms, 17);
    CHECK_INT(g_client.cfg.skew_threshold_s, 19);
    g_cfg.skew_threshold_s = -5; /* negative: the default */
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(g_client.cfg.skew_threshold_s, OSFN_SKEW_THRESHOLD_S);
}

/* NULL arguments are refused without I/O; the getters tolerate NULL. */
static void test_null_arguments(void)
{
    setup();
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(osfn_client_get_instance(NULL, "a", "f", "i", NULL, &g_in), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_client_get_instance(&g_client, "a", "f", "i", NULL, NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_client_get_task(NULL, "a", "f", "i", "3", &g_task), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_client_get_task(&g_client, "a", "f", "i", "3", NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_client_get_task(&g_client, "a", "f", "i", NULL, &g_task), OSFN_ERR_NULL_ARG);
    CHECK(osfn_client_last_call(NULL) == NULL);
    CHECK(osfn_client_last_call(&g_client) == &g_client.last_call);
    CHECK_INT(osfn_client_time_offset(NULL), 0);
    osfn_client_set_time_offset(NULL, 5);
    osfn_client_close(NULL);
    osfn_client_close(&g_client); /* not connected: no disconnect */
    CHECK_INT(g_rig.connect_calls, 0);
    CHECK_INT(g_rig.disconnect_calls, 0);
}

/* ---- connections ---------------------------------------------------------------------------- */

/* Three calls on one kept-alive connection: one connect, three requests, three results. */
static void test_keep_alive_reuse(void)
{
    fake_conn_t *c;
    setup();
    c = rig_conn(&g_rig);
    add(c, ok_instance());
    add(c, ok_task());
    add(c, ok_instance());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_instance(), OSFN_OK);
    CHECK_STR(g_in.instance_name, "ctr_test");
    CHECK(g_client.connected);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_STR(g_task.run_id, "trigger__2021-03-05T12:18:41");
    CHECK_INT(get_instance(), OSFN_OK);
    CHECK_INT(g_rig.connect_calls, 1);
    CHECK_INT(g_client.stats.connects, 1);
    CHECK_INT(g_client.stats.reconnects, 0);
    CHECK_INT(g_client.stats.requests, 3);
    CHECK_INT(c->requests, 3);
    CHECK_INT(g_rig.n_req, 3);
    CHECK(nonces_differ(0, 1) && nonces_differ(1, 2) && nonces_differ(0, 2));
    CHECK(g_client.stats.bytes_sent == g_rig.log_len);
    CHECK(g_client.stats.bytes_received > 3u * 300u);
    CHECK_INT(g_rig.misuse, 0);
    osfn_client_close(&g_client);
    CHECK(!g_client.connected);
    CHECK(c->closed);
}

/* `Connection: close` (and HTTP/1.0 without keep-alive) end the connection after the
 * response; the next call connects again. */
static void test_connection_close_reconnects(void)
{
    fake_conn_t *c1;
    fake_conn_t *c2;
    fake_conn_t *c3;
    setup();
    c1 = rig_conn(&g_rig);
    c2 = rig_conn(&g_rig);
    c3 = rig_conn(&g_rig);
    add(c1, resp("200 OK", DATE_NOW "Connection: close\r\n", fixture("instance_detail.json")));
    add(c2, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    add(c3, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_instance(), OSFN_OK);
    CHECK(!g_client.connected);
    CHECK(c1->closed);
    CHECK_INT(get_task(), OSFN_ERR_JSON_MISSING); /* {} has no result: mapped, final */
    CHECK(!g_client.connected);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK(g_client.connected);
    CHECK_INT(g_rig.connect_calls, 3);
    CHECK_INT(g_client.stats.reconnects, 0); /* planned reconnects, not stale ones */
    CHECK_INT(g_rig.misuse, 0);
}

/* A failing connect is retried like any network error; without a sleep function, once. */
static void test_connect_failure(void)
{
    fake_conn_t *c;
    setup();
    c = rig_conn(&g_rig);
    add(c, ok_task());
    g_rig.connect_status[0] = OSFN_ERR_DNS;
    g_rig.connect_status[1] = OSFN_ERR_CONNECT;
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 3);
    CHECK_INT(osfn_client_last_call(&g_client)->last_error, OSFN_ERR_CONNECT);
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_CONNECT_FAIL), 2);
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_CONNECT), 1);
    CHECK_INT(g_rig.n_sleeps, 2);
    CHECK_INT(g_rig.n_req, 1); /* nothing was built for the failed connects */

    setup();
    g_cfg.sleep = NULL;
    g_rig.connect_status[0] = OSFN_ERR_CONNECT;
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_CONNECT);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(osfn_client_last_call(&g_client)->status, OSFN_ERR_CONNECT);
    CHECK_INT(g_rig.connect_calls, 1);
    CHECK_INT(g_rig.n_req, 0);
    CHECK(!g_client.connected);

    /* an untrusted certificate is final: another try meets the same certificate */
    setup();
    add(rig_conn(&g_rig), ok_task());
    g_rig.connect_status[0] = OSFN_ERR_TLS_CERT;
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_TLS_CERT);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(g_rig.n_sleeps, 0);
}

/** A kept-alive connection that the server closed while idle (as scripted by @p end or
 *  @p send_error): the next call resends once on a new connection, with a new nonce. */
static void stale_case(fake_end_t end, int32_t send_error, osfn_status_t stale_status)
{
    fake_conn_t *c1;
    fake_conn_t *c2;
    setup();
    g_cfg.sleep = NULL; /* the resend is not a retry: it happens without one */
    c1 = rig_conn(&g_rig);
    c2 = rig_conn(&g_rig);
    add(c1, ok_instance());
    c1->end = end;
    add(c2, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_instance(), OSFN_OK);
    CHECK(g_client.connected);
    c1->send_error = send_error;
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_STR(g_task.generation, "3");
    CHECK_INT(g_client.stats.connects, 2);
    CHECK_INT(g_client.stats.reconnects, 1);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(osfn_client_last_call(&g_client)->last_error, OSFN_OK);
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_STALE), 1);
    CHECK_INT(g_rig.events[g_rig.n_events - 2u].ev, OSFN_LOG_CONNECT); /* STALE, CONNECT, RESPONSE */
    CHECK_INT(g_rig.events[g_rig.n_events - 3u].ev, OSFN_LOG_STALE);
    CHECK_INT(g_rig.events[g_rig.n_events - 3u].a, stale_status);
    CHECK(c1->closed);
    if (send_error == 0) {
        /* the dead connection got the whole request, the new one a re-signed copy */
        CHECK_INT(g_rig.n_req, 3);
        CHECK_INT(g_rig.req[1].conn, 0);
        CHECK_INT(g_rig.req[2].conn, 1);
        CHECK(nonces_differ(1, 2));
    } else {
        CHECK_INT(g_rig.n_req, 2);
        CHECK_INT(g_rig.req[1].conn, 1);
        CHECK(nonces_differ(0, 1));
    }
    CHECK_INT(g_rig.misuse, 0);
}

/* EOF or RESET before any byte, or a failing send, on a reused connection: one
 * transparent resend with a new nonce and signature. */
static void test_stale_connection_resend(void)
{
    stale_case(FAKE_END_EOF, 0, OSFN_ERR_CONN_CLOSED);
    stale_case(FAKE_END_RESET, 0, OSFN_ERR_CONN_RESET);
    stale_case(FAKE_END_EOF, OSFN_TRANSPORT_EOF, OSFN_ERR_CONN_CLOSED);
    stale_case(FAKE_END_EOF, OSFN_TRANSPORT_RESET, OSFN_ERR_CONN_RESET);
    stale_case(FAKE_END_EOF, OSFN_TRANSPORT_ERROR, OSFN_ERR_SEND);
}

/* The resend happens once: a second dead connection is an error (retried by the policy
 * only). A TLS error, or a close on a fresh connection, is no reason to resend. */
static void test_stale_resend_limits(void)
{
    fake_conn_t *c1;
    fake_conn_t *c2;
    setup();
    g_cfg.sleep = NULL;
    c1 = rig_conn(&g_rig);
    c2 = rig_conn(&g_rig);
    add(c1, ok_instance());
    c2->end = FAKE_END_EOF; /* dead at once */
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_instance(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_CONN_CLOSED);
    CHECK_INT(g_client.stats.connects, 2);
    CHECK_INT(g_client.stats.reconnects, 1);
    CHECK(!g_client.connected);

    /* TLS error on the reused connection: not stale */
    setup();
    g_cfg.sleep = NULL;
    c1 = rig_conn(&g_rig);
    add(c1, ok_instance());
    c1->end = FAKE_END_TLS;
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_instance(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_TLS);
    CHECK_INT(g_client.stats.reconnects, 0);
    CHECK_INT(g_rig.connect_calls, 1);

    /* send fails with a TLS error on the reused connection: not stale either */
    setup();
    g_cfg.sleep = NULL;
    c1 = rig_conn(&g_rig);
    add(c1, ok_instance());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_instance(), OSFN_OK);
    c1->send_error = OSFN_TRANSPORT_TLS;
    CHECK_INT(get_task(), OSFN_ERR_TLS);
    CHECK_INT(g_client.stats.reconnects, 0);

    /* a fresh connection closed before any byte: an error, not a resend */
    setup();
    g_cfg.sleep = NULL;
    (void)rig_conn(&g_rig);
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_CONN_CLOSED);
    CHECK_INT(g_client.stats.reconnects, 0);
    CHECK_INT(g_rig.connect_calls, 1);

    /* a reused connection that dies in the middle of the response: SHORT_READ, no resend */
    setup();
    g_cfg.sleep = NULL;
    c1 = rig_conn(&g_rig);
    add(c1, ok_instance());
    add(c1, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"status\":");
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_instance(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_SHORT_READ);
    CHECK_INT(g_client.stats.reconnects, 0);
    CHECK(!g_client.connected);
    CHECK_INT(g_rig.misuse, 0);
}

/* ---- error classes ----------------------------------------------------------------------------- */

typedef struct {
    const char *what;
    const char *status;
    const char *headers;
    const char *body;
    osfn_status_t first; /* status of the first attempt */
} retry_case_t;

/* Retried: 429, 500, 502, 503, 504 (JSON or HTML body), throttling codes (also under 400). */
static void test_retryable_classes(void)
{
    static const char html[] = "<html><body><h1>Bad Gateway</h1></body></html>";
    static const char json5xx[] = "{\"code\":\"InternalError\",\"message\":\"try later\",\"requestId\":\"r\"}";
    static const char throttled[] = "{\"Code\":\"Throttling.User\",\"Message\":\"slow down\"}";
    static const retry_case_t cases[] = {
        { "429 JSON", "429 Too Many Requests", "Retry-After: 1\r\n", throttled, OSFN_ERR_API },
        { "500 JSON", "500 Internal Server Error", "", json5xx, OSFN_ERR_API },
        { "502 JSON", "502 Bad Gateway", "", json5xx, OSFN_ERR_API },
        { "503 JSON", "503 Service Unavailable", "", json5xx, OSFN_ERR_API },
        { "504 JSON", "504 Gateway Timeout", "", json5xx, OSFN_ERR_API },
        { "500 HTML", "500 Internal Server Error", "Content-Type: text/html\r\n", html, OSFN_ERR_HTTP_STATUS },
        { "502 HTML", "502 Bad Gateway", "Content-Type: text/html\r\n", html, OSFN_ERR_HTTP_STATUS },
        { "503 HTML", "503 Service Unavailable", "Content-Type: text/html\r\n", html, OSFN_ERR_HTTP_STATUS },
        { "504 HTML", "504 Gateway Timeout", "Content-Type: text/html\r\n", html, OSFN_ERR_HTTP_STATUS },
        { "503 empty", "503 Service Unavailable", "", "", OSFN_ERR_HTTP_STATUS },
        { "429 HTML", "429 Too Many Requests", "Content-Type: text/html\r\n", html, OSFN_ERR_HTTP_STATUS },
        { "400 Throttling", "400 Bad Request", "", throttled, OSFN_ERR_API },
        { "200 Throttling", "200 OK", "", "{\"status\":\"OK\",\"code\":\"Throttling\"}", OSFN_ERR_API },
        { "200 httpCode 503", "200 OK", "", "{\"status\":\"FAIL\",\"httpCode\":503,\"code\":\"Busy\"}", OSFN_ERR_API },
    };
    size_t i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fake_conn_t *c;
        setup();
        g_cfg.retry.max_attempts = 2;
        c = rig_conn(&g_rig);
        add(c, resp(cases[i].status, cases[i].headers, cases[i].body));
        add(c, ok_task());
        CHECK_INT(start(), OSFN_OK);
        if (get_task() != OSFN_OK) {
            osfn_test_fail_str(__FILE__, __LINE__, "retried case", cases[i].what, "OK");
            return;
        }
        CHECK_INT(osfn_client_last_call(&g_client)->attempts, 2);
        CHECK_INT(osfn_client_last_call(&g_client)->last_error, cases[i].first);
        CHECK_INT(g_rig.n_sleeps, 1);
        CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_RETRY), 1);
        CHECK(nonces_differ(0, 1));
    }
}

/* Never retried: signature and auth errors, *.NotExist, other 4xx, oversize, malformed
 * HTTP or JSON: one attempt, no sleep, the error returned as is. */
static void test_final_classes(void)
{
    static const retry_case_t cases[] = {
        { "SignatureDoesNotMatch", "403 Forbidden", "", "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"m\"}",
          OSFN_ERR_API },
        { "InvalidAccessKeyId", "404 Not Found", "", "{\"Code\":\"InvalidAccessKeyId.NotFound\"}", OSFN_ERR_API },
        { "Task.NotExist", "200 OK", "",
          "{\"status\":\"OK\",\"code\":\"Task.NotExist\",\"message\":\"m\",\"requestId\":\"r\"}", OSFN_ERR_API },
        { "Instance.NotExist 404", "404 Not Found", "", "{\"code\":\"Instance.NotExist\"}", OSFN_ERR_API },
        { "400 HTML", "400 Bad Request", "", "<html>bad</html>", OSFN_ERR_HTTP_STATUS },
        { "401 JSON without code", "401 Unauthorized", "", "{\"message\":\"who?\"}", OSFN_ERR_HTTP_STATUS },
        { "200 not JSON", "200 OK", "", "{\"status\":", OSFN_ERR_JSON_MALFORMED },
        { "200 no result", "200 OK", "", "{\"status\":\"OK\"}", OSFN_ERR_JSON_MISSING },
        { "200 wrong type", "200 OK", "", "{\"status\":\"OK\",\"result\":{\"progress\":true}}", OSFN_ERR_JSON_TYPE },
    };
    size_t i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fake_conn_t *c;
        osfn_status_t st;
        setup();
        c = rig_conn(&g_rig);
        add(c, resp(cases[i].status, cases[i].headers, cases[i].body));
        add(c, ok_task());
        CHECK_INT(start(), OSFN_OK);
        st = get_task();
        if (st != cases[i].first) {
            osfn_test_fail_str(__FILE__, __LINE__, "final case", cases[i].what, osfn_status_name(st));
            return;
        }
        CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
        CHECK_INT(osfn_client_last_call(&g_client)->last_error, st);
        CHECK_INT(g_rig.n_sleeps, 0);
        CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_GIVE_UP), 1);
        CHECK(g_client.connected); /* a complete response: the connection stays */
    }
}

/* Oversized and malformed responses are final and close the connection. */
static void test_final_transport_classes(void)
{
    static char big[BUF_SIZE + 64u];
    fake_conn_t *c;
    memset(big, 'x', sizeof(big) - 1u);
    big[sizeof(big) - 1u] = '\0';

    setup();
    c = rig_conn(&g_rig);
    add(c, resp("200 OK", "", big));
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_RESPONSE_TOO_LARGE);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK(!g_client.connected);
    CHECK(g_client.http.needed > BUF_SIZE);

    setup();
    c = rig_conn(&g_rig);
    add(c, "HTTP/1.1 2OO OK\r\n\r\n");
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_HTTP_MALFORMED);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK(!g_client.connected);

    setup();
    c = rig_conn(&g_rig);
    add(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}");
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_HTTP_AMBIGUOUS);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(g_rig.n_sleeps, 0);
    CHECK_INT(g_rig.misuse, 0);
}

/* Network failures before a complete response are retried on a new connection. */
static void test_transport_errors_retried(void)
{
    static const fake_end_t ends[] = { FAKE_END_ERROR, FAKE_END_TLS, FAKE_END_RESET, FAKE_END_HANG };
    static const osfn_status_t want[] = { OSFN_ERR_RECV, OSFN_ERR_TLS, OSFN_ERR_CONN_RESET, OSFN_ERR_TIMEOUT };
    size_t i;
    for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
        fake_conn_t *c1;
        fake_conn_t *c2;
        setup();
        g_cfg.response_timeout_ms = 100;
        c1 = rig_conn(&g_rig);
        c1->end = ends[i];
        add(c1, "HTTP/1.1 200 OK\r\nContent-Len"); /* cut short */
        c2 = rig_conn(&g_rig);
        add(c2, ok_task());
        CHECK_INT(start(), OSFN_OK);
        CHECK_INT(get_task(), OSFN_OK);
        CHECK_INT(osfn_client_last_call(&g_client)->attempts, 2);
        CHECK_INT(osfn_client_last_call(&g_client)->last_error, want[i]);
        CHECK(c1->closed);
        CHECK_INT(g_client.stats.connects, 2);
        CHECK_INT(g_client.stats.reconnects, 0);
    }
    /* the stream ends cleanly in the middle of the response: SHORT_READ, retried */
    {
        fake_conn_t *c1;
        setup();
        c1 = rig_conn(&g_rig);
        add(c1, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{}");
        add(rig_conn(&g_rig), ok_task());
        CHECK_INT(start(), OSFN_OK);
        CHECK_INT(get_task(), OSFN_OK);
        CHECK_INT(osfn_client_last_call(&g_client)->last_error, OSFN_ERR_SHORT_READ);
    }
}

/* ---- backoff -------------------------------------------------------------------------------- */

/** Script @p n 503 responses then a success on one connection. */
static void script_503s(unsigned n)
{
    fake_conn_t *c = rig_conn(&g_rig);
    unsigned i;
    for (i = 0; i < n && i < FAKE_RESPONSES - 1u; i++) {
        add(c, api_error("503 Service Unavailable", "ServiceUnavailable"));
    }
    add(c, ok_task());
}

/* Full jitter: the k-th delay is a draw in [0, min(max, base * 2^k)], both ends included. */
static void test_backoff_full_jitter_bounds(void)
{
    static const uint32_t ceilings[5] = { 100u, 200u, 400u, 800u, 1000u };
    unsigned k;
    /* draws equal to the ceiling give the ceiling: the doubling and the cap */
    setup();
    g_cfg.retry.max_attempts = 6;
    g_cfg.retry.base_delay_ms = 100;
    g_cfg.retry.max_delay_ms = 1000;
    script_503s(5);
    for (k = 0; k < 5; k++) {
        g_rig.draws[k] = ceilings[k];
    }
    g_rig.n_draws = 5;
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 6);
    CHECK_INT(g_rig.n_sleeps, 5);
    for (k = 0; k < 5; k++) {
        CHECK_INT(g_rig.sleeps[k], ceilings[k]);
    }
    /* one more than the ceiling wraps to 0 */
    setup();
    g_cfg.retry.max_attempts = 6;
    g_cfg.retry.base_delay_ms = 100;
    g_cfg.retry.max_delay_ms = 1000;
    script_503s(5);
    for (k = 0; k < 5; k++) {
        g_rig.draws[k] = ceilings[k] + 1u;
    }
    g_rig.n_draws = 5;
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    for (k = 0; k < 5; k++) {
        CHECK_INT(g_rig.sleeps[k], 0);
    }
    /* any draw stays within the ceiling */
    setup();
    g_cfg.retry.max_attempts = 6;
    g_cfg.retry.base_delay_ms = 100;
    g_cfg.retry.max_delay_ms = 1000;
    script_503s(5);
    g_rig.draws[0] = 0xFFFFFFFFu;
    g_rig.draws[1] = 0x80000000u;
    g_rig.draws[2] = 12345u;
    g_rig.draws[3] = 0u;
    g_rig.draws[4] = 0xDEADBEEFu;
    g_rig.n_draws = 5;
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    for (k = 0; k < 5; k++) {
        CHECK(g_rig.sleeps[k] <= ceilings[k]);
    }
    CHECK_INT(g_rig.sleeps[0], 0xFFFFFFFFu % 101u);
    CHECK_INT(g_rig.sleeps[3], 0);
    /* the log tells the delay of each retry */
    CHECK_INT(g_rig.events[2].ev, OSFN_LOG_RETRY); /* after CONNECT, RESPONSE */
    CHECK_INT(g_rig.events[2].a, OSFN_ERR_API);
    CHECK_INT(g_rig.events[2].b, g_rig.sleeps[0]);
}

/* A base above the maximum: every delay is capped at the maximum. */
static void test_backoff_base_above_max(void)
{
    setup();
    g_cfg.retry.max_attempts = 3;
    g_cfg.retry.base_delay_ms = 2000;
    g_cfg.retry.max_delay_ms = 500;
    g_rig.draws[0] = 500u;
    g_rig.draws[1] = 500u;
    g_rig.n_draws = 2;
    script_503s(2);
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(g_rig.sleeps[0], 500);
    CHECK_INT(g_rig.sleeps[1], 500);
}

/* A failing random source gives half the ceiling, not zero and not a failure. */
static void test_backoff_random_fails(void)
{
    static const uint32_t halves[4] = { 50u, 100u, 200u, 300u };
    unsigned k;
    setup();
    g_cfg.retry.max_attempts = 5;
    g_cfg.retry.base_delay_ms = 100;
    g_cfg.retry.max_delay_ms = 600;
    g_rig.fail_draws = true;
    script_503s(4);
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(g_rig.n_sleeps, 4);
    for (k = 0; k < 4; k++) {
        CHECK_INT(g_rig.sleeps[k], halves[k]);
    }
}

/* Huge delays do not overflow: base above 2^31 saturates; a ceiling of 2^32-1 takes the
 * draw as is. */
static void test_backoff_saturation(void)
{
    setup();
    g_cfg.retry.max_attempts = 3;
    g_cfg.retry.base_delay_ms = 3000000000u;
    g_cfg.retry.max_delay_ms = 4000000000u;
    g_cfg.retry.total_deadline_ms = 0xFFFFFFFFu;
    g_rig.draws[0] = 3000000005u; /* first retry: ceiling = base, so 3000000005 % 3000000001 */
    g_rig.draws[1] = 4000000000u; /* second: 2 * base saturates, then the cap: == ceiling */
    g_rig.n_draws = 2;
    script_503s(2);
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(g_rig.sleeps[0], 4);
    CHECK_INT(g_rig.sleeps[1], 4000000000u); /* the clock wraps meanwhile: differences still hold */

    setup();
    g_cfg.retry.max_attempts = 3;
    g_cfg.retry.base_delay_ms = 3000000000u;
    g_cfg.retry.max_delay_ms = 0xFFFFFFFFu;
    g_cfg.retry.total_deadline_ms = 0xFFFFFFFFu;
    g_rig.draws[0] = 1u;
    g_rig.draws[1] = 0xFFFF0000u; /* ceiling 2^32-1: the draw itself */
    g_rig.n_draws = 2;
    script_503s(2);
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(g_rig.sleeps[0], 1);
    CHECK_INT(g_rig.sleeps[1], 0xFFFF0000u);
}

/* Retry-After sets a floor under the jitter (delta seconds or an HTTP date); a value
 * too large to express in ms is ignored; below the jitter it changes nothing. */
static void test_retry_after(void)
{
    fake_conn_t *c;
    setup();
    g_cfg.retry.max_attempts = 4;
    g_cfg.retry.total_deadline_ms = 100000;
    g_rig.draws[0] = 150u;
    g_rig.draws[1] = 150u;
    g_rig.draws[2] = 150u;
    g_rig.n_draws = 3;
    c = rig_conn(&g_rig);
    add(c, resp("429 Too Many Requests", DATE_NOW "Retry-After: 2\r\n", "{\"Code\":\"Throttling.User\"}"));
    add(c, resp("503 Service Unavailable", DATE_NOW "Retry-After: Mon, 24 Nov 2025 16:00:04 GMT\r\n", ""));
    add(c, resp("503 Service Unavailable", "Retry-After: 99999999999\r\n", ""));
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(g_rig.n_sleeps, 3);
    CHECK_INT(g_rig.sleeps[0], 2000);
    CHECK_INT(g_rig.sleeps[1], 3000); /* 16:00:04 - Date 16:00:01 */
    CHECK_INT(g_rig.sleeps[2], 150);  /* absurd Retry-After ignored: the jitter */

    setup();
    g_rig.draws[0] = 150u;
    g_rig.n_draws = 1;
    c = rig_conn(&g_rig);
    add(c, resp("503 Service Unavailable", "Retry-After: 0\r\n", ""));
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(g_rig.sleeps[0], 150);
}

/* The total deadline ends the retries: no sleep would pass it, even with attempts left. */
static void test_total_deadline(void)
{
    fake_conn_t *c;
    setup();
    g_cfg.retry.max_attempts = 10;
    g_cfg.retry.base_delay_ms = 400;
    g_cfg.retry.max_delay_ms = 5000;
    g_cfg.retry.total_deadline_ms = 1500;
    g_rig.draws[0] = 400u;
    g_rig.draws[1] = 800u;  /* 400 + 800 fits in 1500 (a few ms spent besides) */
    g_rig.draws[2] = 1600u; /* would pass the deadline */
    g_rig.n_draws = 3;
    script_503s(6);
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 3);
    CHECK_INT(g_rig.n_sleeps, 2);
    CHECK(g_rig.slept <= 1500u);
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_GIVE_UP), 1);
    CHECK_INT(g_rig.events[g_rig.n_events - 1u].a, OSFN_ERR_API);
    CHECK_INT(g_rig.events[g_rig.n_events - 1u].b, 3);

    /* a Retry-After beyond the deadline ends them at once */
    setup();
    g_cfg.retry.total_deadline_ms = 1500;
    c = rig_conn(&g_rig);
    add(c, resp("429 Too Many Requests", "Retry-After: 3\r\n", "{\"Code\":\"Throttling\"}"));
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(g_rig.n_sleeps, 0);

    /* the attempts themselves used up the deadline: no sleep at all */
    setup();
    g_cfg.retry.total_deadline_ms = 1000;
    g_rig.step = 300; /* every clock reading costs 300 ms */
    script_503s(2);
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(g_rig.n_sleeps, 0);
}

/* Without a sleep function the client makes one attempt. */
static void test_no_sleep_single_attempt(void)
{
    setup();
    g_cfg.sleep = NULL;
    g_cfg.retry.max_attempts = 5;
    script_503s(2);
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(g_task.envelope.http_status, 503);
    CHECK(g_task.envelope.retryable);
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_RETRY), 0);
}

/* max_attempts 1 never retries either. */
static void test_single_attempt_policy(void)
{
    setup();
    g_cfg.retry.max_attempts = 1;
    script_503s(2);
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(g_rig.n_sleeps, 0);
}

/* ---- clock skew ------------------------------------------------------------------------------ */

/** A task response with a given Date line. */
static const char *task_at(const char *date_line)
{
    return resp("200 OK", date_line, fixture("task_sample_camel.json"));
}

/* The offset is learnt only beyond the threshold, in both directions. */
static void test_skew_threshold_both_ways(void)
{
    fake_conn_t *c;
    setup();
    g_cfg.skew_threshold_s = 30;
    c = rig_conn(&g_rig);
    /* the device reads 16:00:01 throughout (the clock moves a few ms) */
    add(c, task_at("Date: Mon, 24 Nov 2025 16:00:31 GMT\r\n"));  /* +30: kept */
    add(c, task_at("Date: Mon, 24 Nov 2025 15:59:31 GMT\r\n"));  /* -30: kept */
    add(c, task_at("Date: Mon, 24 Nov 2025 16:00:32 GMT\r\n"));  /* +31: corrected */
    add(c, task_at("Date: Mon, 24 Nov 2025 16:00:40 GMT\r\n"));  /* +39 raw, +8 corrected: kept */
    add(c, task_at("Date: Mon, 24 Nov 2025 15:59:31 GMT\r\n"));  /* -61 corrected: back */
    add(c, task_at("Date: not a date\r\n"));                    /* unparsable: ignored */
    add(c, task_at(""));                                         /* absent: ignored */
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_time_offset(&g_client), 0);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_time_offset(&g_client), 0);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_time_offset(&g_client), 31);
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_SKEW), 1);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_time_offset(&g_client), 31);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_time_offset(&g_client), -30);
    CHECK_INT(g_rig.events[g_rig.n_events - 1u].ev, OSFN_LOG_SKEW); /* after the RESPONSE */
    CHECK_INT(g_rig.events[g_rig.n_events - 1u].a, -30);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_time_offset(&g_client), -30);
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_SKEW), 2);
}

/* A device at 1970: the time error is retried at once (no sleep), once, with the
 * server's time; the next call signs with the corrected time from the start. */
static void test_time_error_retried_with_corrected_time(void)
{
    fake_conn_t *c;
    size_t n = 0;
    const char *d;
    setup();
    g_rig.epoch0 = 0; /* 1970 */
    c = rig_conn(&g_rig);
    add(c, api_error("400 Bad Request", "InvalidTimeStamp.Expired"));
    add(c, ok_task());
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 2);
    CHECK_INT(osfn_client_last_call(&g_client)->last_error, OSFN_ERR_API);
    CHECK_INT(g_rig.n_sleeps, 0); /* at once */
    CHECK_INT(osfn_client_time_offset(&g_client), 1764000001 - 1);
    d = rig_request_header(&g_rig, 0, "x-acs-date", &n);
    CHECK(d != NULL);
    CHECK_MEM(d, n, "1970-01-01T00:00:01Z");
    d = rig_request_header(&g_rig, 1, "x-acs-date", &n);
    CHECK(d != NULL);
    CHECK_MEM(d, n, "2025-11-24T16:00:01Z");
    CHECK(nonces_differ(0, 1));
    /* the retry event has no delay */
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_RETRY), 1);
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_SKEW), 1);
    /* the next call: one attempt */
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    d = rig_request_header(&g_rig, 2, "x-acs-date", &n);
    CHECK(d != NULL);
    CHECK_MEM(d, n, "2025-11-24T16:00:01Z");

    /* a device two hours fast, ROA, the other time-error code */
    setup();
    g_cfg.scheme = OSFN_SIG_ROA;
    g_rig.epoch0 = 1764000000 + 7200;
    c = rig_conn(&g_rig);
    add(c, api_error("403 Forbidden", "RequestTimeTooSkewed"));
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 2);
    CHECK_INT(osfn_client_time_offset(&g_client), -7200);
    d = rig_request_header(&g_rig, 1, "date", &n);
    CHECK(d != NULL);
    CHECK_MEM(d, n, "Mon, 24 Nov 2025 16:00:01 GMT");
}

/* A time error is not retried when the offset did not change (the clock is right, the
 * server complains anyway), nor a second time, nor without a Date to learn from. */
static void test_time_error_limits(void)
{
    fake_conn_t *c;
    setup();
    c = rig_conn(&g_rig);
    add(c, api_error("400 Bad Request", "InvalidTimeStamp.Expired")); /* Date = device time */
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_STR(g_task.envelope.code, "InvalidTimeStamp.Expired");

    /* twice in a row, the offset changing each time: retried once only */
    setup();
    g_rig.epoch0 = 0;
    c = rig_conn(&g_rig);
    add(c, api_error("400 Bad Request", "InvalidTimeStamp.Expired"));
    add(c, resp("400 Bad Request", "Date: Tue, 25 Nov 2025 16:00:01 GMT\r\n",
                "{\"Code\":\"InvalidTimeStamp.Expired\"}"));
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 2);
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_SKEW), 2);
    CHECK_INT(osfn_client_time_offset(&g_client), 1764086401 - 1);

    /* no Date header: nothing learnt, no retry */
    setup();
    g_rig.epoch0 = 0;
    c = rig_conn(&g_rig);
    add(c, resp("400 Bad Request", "", "{\"Code\":\"InvalidTimeStamp.Expired\"}"));
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(osfn_client_time_offset(&g_client), 0);

    /* a changed offset with another error: no immediate retry (and 400 is final) */
    setup();
    g_rig.epoch0 = 0;
    c = rig_conn(&g_rig);
    add(c, api_error("400 Bad Request", "InvalidParameter"));
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK(osfn_client_time_offset(&g_client) != 0);
}

/* The clock is learnt from any response with a Date, an HTML 503 included; that is no
 * time error, so the retry is an ordinary one (after a sleep). */
static void test_skew_learnt_from_error_page(void)
{
    fake_conn_t *c;
    setup();
    g_rig.epoch0 = 0;
    c = rig_conn(&g_rig);
    add(c, resp("503 Service Unavailable", DATE_NOW "Content-Type: text/html\r\n", "<html>busy</html>"));
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 2);
    CHECK_INT(osfn_client_last_call(&g_client)->last_error, OSFN_ERR_HTTP_STATUS);
    CHECK_INT(g_rig.n_sleeps, 1);
    CHECK_INT(osfn_client_time_offset(&g_client), 1764000000);
}

/* A saved offset is used from the first request; the getter returns what was set. */
static void test_time_offset_get_set(void)
{
    fake_conn_t *c;
    size_t n = 0;
    const char *d;
    setup();
    g_rig.epoch0 = 0;
    c = rig_conn(&g_rig);
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    osfn_client_set_time_offset(&g_client, 1764000000);
    CHECK_INT(osfn_client_time_offset(&g_client), 1764000000);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    d = rig_request_header(&g_rig, 0, "x-acs-date", &n);
    CHECK(d != NULL);
    CHECK_MEM(d, n, "2025-11-24T16:00:01Z");
    CHECK_INT(osfn_client_time_offset(&g_client), 1764000000); /* within the threshold: kept */
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_SKEW), 0);
    osfn_client_set_time_offset(&g_client, -42);
    CHECK_INT(osfn_client_time_offset(&g_client), -42);
}

/* A corrected time out of the signable range is a final input error, not a retry loop. */
static void test_time_out_of_range(void)
{
    setup();
    g_rig.epoch0 = 0;
    add(rig_conn(&g_rig), ok_task());
    CHECK_INT(start(), OSFN_OK);
    osfn_client_set_time_offset(&g_client, -100000);
    CHECK_INT(get_task(), OSFN_ERR_BAD_TIME);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(g_rig.n_req, 0);
}

/* ---- results and call info -------------------------------------------------------------------- */

/* A parameter array shorter than the response's: ARRAY_TOO_SMALL, everything else
 * mapped, no retry. */
static void test_array_too_small_passes_through(void)
{
    osfn_param_t one[1];
    setup();
    add(rig_conn(&g_rig), ok_instance());
    CHECK_INT(start(), OSFN_OK);
    memset(&g_in, 0, sizeof(g_in));
    g_in.create_parameters.items = one;
    g_in.create_parameters.capacity = 1;
    CHECK_INT(osfn_client_get_instance(&g_client, "my-app", "ctr", "ctr_test", NULL, &g_in),
              OSFN_ERR_ARRAY_TOO_SMALL);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(osfn_client_last_call(&g_client)->status, OSFN_ERR_ARRAY_TOO_SMALL);
    CHECK_INT(osfn_client_last_call(&g_client)->last_error, OSFN_OK);
    CHECK_INT(g_in.create_parameters.count, 1);
    CHECK_INT(g_in.create_parameters.total, 4);
    CHECK_INT(g_in.usage_parameters.total, 2);
    CHECK_STR(one[0].name, "params.model.behavior_table");
    CHECK_STR(g_in.instance_name, "ctr_test");
    CHECK_INT(g_in.status, OSFN_INSTANCE_STATUS_AVAILABLE);
    CHECK(g_in.has_task);
    CHECK_INT(g_in.task.progress, 100);
    CHECK_INT(rig_count_events(&g_rig, OSFN_LOG_GIVE_UP), 1);
    CHECK_INT(g_rig.n_sleeps, 0);
    CHECK(g_client.connected);
}

/* last_call: attempts, last failure and final status, reset by each call. */
static void test_last_call_info(void)
{
    fake_conn_t *c;
    const osfn_call_info_t *info;
    setup();
    c = rig_conn(&g_rig);
    add(c, api_error("502 Bad Gateway", "BadGateway"));
    add(c, ok_task());
    add(c, ok_task());
    add(c, api_error("404 Not Found", "Task.NotExist"));
    CHECK_INT(start(), OSFN_OK);
    info = osfn_client_last_call(&g_client);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(info->attempts, 2);
    CHECK_INT(info->last_error, OSFN_ERR_API);
    CHECK_INT(info->status, OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(info->attempts, 1);
    CHECK_INT(info->last_error, OSFN_OK);
    CHECK_INT(info->status, OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_API);
    CHECK_INT(info->attempts, 1);
    CHECK_INT(info->last_error, OSFN_ERR_API);
    CHECK_INT(info->status, OSFN_ERR_API);
    CHECK_STR(g_task.envelope.code, "Task.NotExist");
    CHECK_STR(g_task.envelope.request_id, "6C3E1C52-0B4A");
}

/* The log hook sees each step as numbers: connect, response, retry with its delay,
 * skew, give-up with the attempts. */
static void test_log_events(void)
{
    fake_conn_t *c;
    setup();
    g_rig.epoch0 = 0;
    g_rig.draws[0] = 77u;
    g_rig.n_draws = 1;
    c = rig_conn(&g_rig);
    add(c, api_error("503 Service Unavailable", "ServiceUnavailable"));
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(g_rig.n_events, 5);
    CHECK_INT(g_rig.events[0].ev, OSFN_LOG_CONNECT);
    CHECK_INT(g_rig.events[0].a, 1);
    CHECK_INT(g_rig.events[1].ev, OSFN_LOG_RESPONSE);
    CHECK_INT(g_rig.events[1].a, 503);
    CHECK(g_rig.events[1].b > 0);
    CHECK_INT(g_rig.events[2].ev, OSFN_LOG_SKEW);
    CHECK_INT(g_rig.events[2].a, 1764000000);
    CHECK_INT(g_rig.events[3].ev, OSFN_LOG_RETRY);
    CHECK_INT(g_rig.events[3].a, OSFN_ERR_API);
    CHECK_INT(g_rig.events[3].b, 77);
    CHECK_INT(g_rig.events[4].ev, OSFN_LOG_RESPONSE);
    CHECK_INT(g_rig.events[4].a, 200);
    CHECK_INT(g_rig.events[4].b, (int64_t)strlen(c->responses[1]));

    /* no hook: the same calls work */
    setup();
    g_cfg.log = NULL;
    add(rig_conn(&g_rig), ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(g_rig.n_events, 0);
}

/* ---- secrets in the caller's buffer ---------------------------------------------------------------- */

static const char k_token[] = "CAIS.ExampleSecurityToken/0123456789abcdefghijklmnopqrstuvwxyz+==";

static int buffer_holds(const char *s)
{
    return rig_contains(g_buf, sizeof(g_buf), s, strlen(s));
}

/* After a call whose response is shorter than the request, the caller's buffer holds
 * no STS token (the request is wiped once sent); nor after a failed send, nor after a
 * request that did not fit. The secret is never in it, nor ever sent. */
static void test_request_buffer_wiped(void)
{
    fake_conn_t *c;
    setup();
    g_cfg.credentials.access_key_id = "STS.ExampleTempKeyId";
    g_cfg.credentials.security_token = k_token;
    c = rig_conn(&g_rig);
    add(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_JSON_MISSING);
    CHECK(rig_contains(g_rig.log, g_rig.log_len, k_token, strlen(k_token))); /* it was sent */
    CHECK(g_rig.log_len > 200u);
    CHECK(!buffer_holds(k_token));
    CHECK(!buffer_holds("STS.ExampleTempKeyId"));
    CHECK(!buffer_holds(g_cfg.credentials.access_key_secret));
    CHECK(!rig_contains(g_rig.log, g_rig.log_len, g_cfg.credentials.access_key_secret,
                        strlen(g_cfg.credentials.access_key_secret)));

    /* the send fails half-way: wiped too */
    setup();
    g_cfg.credentials.security_token = k_token;
    g_cfg.sleep = NULL;
    c = rig_conn(&g_rig);
    c->send_error = OSFN_TRANSPORT_ERROR;
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_SEND);
    CHECK(!buffer_holds(k_token));

    /* the request does not fit the buffer: nothing of it stays */
    setup();
    g_cfg.credentials.security_token = k_token;
    g_cfg.buffer_len = 400;
    add(rig_conn(&g_rig), ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_BUFFER_TOO_SMALL);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK(!buffer_holds(k_token));
    CHECK(!buffer_holds("CAIS."));
    CHECK_INT(g_rig.n_req, 0);

    /* the request times out while sending */
    setup();
    g_cfg.credentials.security_token = k_token;
    g_cfg.sleep = NULL;
    g_cfg.response_timeout_ms = 50;
    c = rig_conn(&g_rig);
    c->send_stall = true;
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_TIMEOUT);
    CHECK(!buffer_holds(k_token));
    CHECK(!g_client.connected);
}

/* ---- request building and deadlines ---------------------------------------------------------------- */

/* Input errors, a failing random source and a short buffer are final, found before
 * anything is sent. */
static void test_build_errors_final(void)
{
    fake_conn_t *c;
    setup();
    c = rig_conn(&g_rig);
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(osfn_client_get_task(&g_client, "my\napp", "ctr", "ctr_test", "3", &g_task), OSFN_ERR_BAD_CHAR);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(osfn_client_get_task(&g_client, "my-app", "", "ctr_test", "3", &g_task), OSFN_ERR_EMPTY_ARG);
    CHECK_INT(osfn_client_get_instance(&g_client, "my-app", "ctr", "ctr_test", "full", &g_in), OSFN_ERR_BAD_OUTPUT);
    CHECK_INT(osfn_client_get_task(&g_client, "my-app", "ctr", "..", "3", &g_task), OSFN_ERR_BAD_CHAR);
    g_rig.fail_nonce = true;
    CHECK_INT(get_task(), OSFN_ERR_RANDOM);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 1);
    CHECK_INT(g_rig.n_req, 0);
    CHECK_INT(g_rig.n_sleeps, 0);
    g_rig.fail_nonce = false;
    CHECK_INT(get_task(), OSFN_OK); /* the connection opened for them is still good */
    CHECK_INT(g_rig.connect_calls, 1);

    setup();
    g_cfg.host = "bad host";
    add(rig_conn(&g_rig), ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_BAD_HOST);
}

/* A send that never moves a byte ends at the response deadline. */
static void test_send_stall_times_out(void)
{
    fake_conn_t *c;
    setup();
    g_cfg.response_timeout_ms = 200;
    c = rig_conn(&g_rig);
    c->send_stall = true;
    add(rig_conn(&g_rig), ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&g_client)->last_error, OSFN_ERR_TIMEOUT);
    CHECK_INT(osfn_client_last_call(&g_client)->attempts, 2);
}

/* The response deadline counts the send: a send that used all of it leaves the reader
 * none, and a response already there is still taken. */
static void test_response_deadline_after_send(void)
{
    fake_conn_t *c;
    setup();
    g_cfg.response_timeout_ms = 1;
    g_rig.step = 5;
    c = rig_conn(&g_rig);
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);

    /* ... but a response that needs a second recv does not make it */
    setup();
    g_cfg.response_timeout_ms = 1;
    g_cfg.sleep = NULL;
    g_rig.step = 5;
    c = rig_conn(&g_rig);
    c->recv_chunk = 10;
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_ERR_TIMEOUT);
}

/* ROA and V3 calls of both kinds work over the same client path. */
static void test_both_schemes_both_calls(void)
{
    fake_conn_t *c;
    size_t n = 0;
    setup();
    g_cfg.scheme = OSFN_SIG_ROA;
    c = rig_conn(&g_rig);
    add(c, ok_instance());
    add(c, ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_instance(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK(rig_request_header(&g_rig, 0, "authorization", &n) != NULL);
    CHECK(rig_contains(g_rig.log, g_rig.req[0].len, "acs LTAI5tExampleKeyId:", 23));
    CHECK(rig_contains(g_rig.log, g_rig.req[0].len, "?output=detail", 14));
    CHECK(rig_contains(&g_rig.log[g_rig.req[1].off], g_rig.req[1].len, "/tasks/3 HTTP/1.1", 17));
    CHECK_INT(g_task.progress, 100);
    CHECK_INT(g_task.status, OSFN_TASK_STATUS_SUCCESS);
}

/* close() ends the connection; the next call opens a new one. */
static void test_close_then_call(void)
{
    setup();
    add(rig_conn(&g_rig), ok_task());
    add(rig_conn(&g_rig), ok_task());
    CHECK_INT(start(), OSFN_OK);
    CHECK_INT(get_task(), OSFN_OK);
    osfn_client_close(&g_client);
    CHECK(!g_client.connected);
    CHECK_INT(g_rig.disconnect_calls, 1);
    osfn_client_close(&g_client);
    CHECK_INT(g_rig.disconnect_calls, 1);
    CHECK_INT(get_task(), OSFN_OK);
    CHECK_INT(g_rig.connect_calls, 2);
    CHECK_INT(g_client.stats.reconnects, 0);
    CHECK_INT(g_rig.misuse, 0);
}

void suite_client(void)
{
    OSFN_RUN(test_init_validation);
    OSFN_RUN(test_init_defaults);
    OSFN_RUN(test_null_arguments);
    OSFN_RUN(test_keep_alive_reuse);
    OSFN_RUN(test_connection_close_reconnects);
    OSFN_RUN(test_connect_failure);
    OSFN_RUN(test_stale_connection_resend);
    OSFN_RUN(test_stale_resend_limits);
    OSFN_RUN(test_retryable_classes);
    OSFN_RUN(test_final_classes);
    OSFN_RUN(test_final_transport_classes);
    OSFN_RUN(test_transport_errors_retried);
    OSFN_RUN(test_backoff_full_jitter_bounds);
    OSFN_RUN(test_backoff_base_above_max);
    OSFN_RUN(test_backoff_random_fails);
    OSFN_RUN(test_backoff_saturation);
    OSFN_RUN(test_retry_after);
    OSFN_RUN(test_total_deadline);
    OSFN_RUN(test_no_sleep_single_attempt);
    OSFN_RUN(test_single_attempt_policy);
    OSFN_RUN(test_skew_threshold_both_ways);
    OSFN_RUN(test_time_error_retried_with_corrected_time);
    OSFN_RUN(test_time_error_limits);
    OSFN_RUN(test_skew_learnt_from_error_page);
    OSFN_RUN(test_time_offset_get_set);
    OSFN_RUN(test_time_out_of_range);
    OSFN_RUN(test_array_too_small_passes_through);
    OSFN_RUN(test_last_call_info);
    OSFN_RUN(test_log_events);
    OSFN_RUN(test_request_buffer_wiped);
    OSFN_RUN(test_build_errors_final);
    OSFN_RUN(test_send_stall_times_out);
    OSFN_RUN(test_response_deadline_after_send);
    OSFN_RUN(test_both_schemes_both_calls);
    OSFN_RUN(test_close_then_call);
}
