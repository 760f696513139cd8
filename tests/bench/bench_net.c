/**
 * @file bench_net.c
 * @brief The client against the emulator over real TLS on 127.0.0.1: wire bytes,
 *        TLS handshakes per 100 polls in three connection modes, mbedTLS heap, and
 *        (under callgrind) instructions of a whole call and of a handshake.
 *
 * Usage:
 *   osfn_bench_net wire PORT CA_FILE [CAPTURE_FILE]
 *       100 polls (GetFunctionTask, V3) in each mode -- fresh (a new TLS configuration
 *       and connection per poll, closed after it: no resumption), keep-alive (one
 *       connection), resume (closed after each poll, the TLS object kept so the next
 *       connection resumes the session) -- reading full and resumed handshakes from
 *       the emulator's /__admin/counters; bytes at the TCP transport (wrapped) and at
 *       HTTP level (client stats); mbedTLS heap (needs the calloc/free wrappers and a
 *       static mbedTLS). Writes one raw GetFunctionInstance?output=detail response to
 *       CAPTURE_FILE (for osfn_bench_cpu parse-detail).
 *   osfn_bench_net call-task|call-detail PORT CA_FILE N
 *       one warm-up call (connect + handshake), then N calls on the kept-alive
 *       connection through bench_call(): callgrind --toggle-collect=bench_call.
 *   osfn_bench_net handshakes PORT CA_FILE N
 *       one full handshake, then N resumed ones (a call on each connection so a
 *       TLS 1.3 ticket is read): callgrind --toggle-collect=osfn_tls_handshake.
 *   osfn_bench_net tls-info PORT CA_FILE
 *       the negotiated TLS version and suite, and whether a second connection resumed
 *       (full=1 resumed=1 when it did).
 * Output: `key=value` lines. Exit 0 when every call succeeded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/ssl.h>
#include <mbedtls/version.h>

#include "bench_heap.h"
#include "osfn/osfn_client.h"
#include "osfn_port_posix.h"
#include "osfn_posix_net.h"

#if defined(__GNUC__)
#define BENCH_NOINLINE __attribute__((noinline))
#else
#define BENCH_NOINLINE
#endif

#define BUF_LEN 16384u
#define TOKENS 512u
#define POLLS 100

static const osfn_credentials_t k_creds = { "LTAI5tExampleKeyId", "ExampleSecret0123456789abcdefXY", NULL };

/* ------------------------------------------------------- counting transport -- */

/** Wraps the POSIX TCP transport under TLS: every byte on the wire is counted. */
typedef struct {
    osfn_transport_t lower;
    size_t up;
    size_t down;
} counter_t;

static int32_t count_send(void *ctx, const uint8_t *buf, size_t len)
{
    counter_t *c = (counter_t *)ctx;
    int32_t n = c->lower.send(c->lower.ctx, buf, len);
    if (n > 0) {
        c->up += (size_t)n;
    }
    return n;
}

static int32_t count_recv(void *ctx, uint8_t *buf, size_t len)
{
    counter_t *c = (counter_t *)ctx;
    int32_t n = c->lower.recv(c->lower.ctx, buf, len);
    if (n > 0) {
        c->down += (size_t)n;
    }
    return n;
}

/* ------------------------------------------------------------------- rig -- */

/** Handshake facts, summed over the connects of a rig. */
typedef struct {
    unsigned connects;
    size_t first_up, first_down;      /* the first handshake's TCP bytes */
    size_t later_up, later_down;      /* the later handshakes' TCP bytes, summed */
    size_t first_peak, later_peak;    /* heap peaks (bytes in use) */
    size_t first_allocs, later_allocs;
} hs_facts_t;

/** One client with its port objects, buffers and counters. */
typedef struct {
    osfn_tls_config_t tls;
    osfn_posix_net_t net;
    counter_t count;
    osfn_client_t client;
    hs_facts_t hs;
    char host[64];
    uint8_t buffer[BUF_LEN];
    osfn_json_token_t tokens[TOKENS];
    osfn_param_t params[2][8];
} rig_t;

/** Connector: the POSIX one, measuring bytes and heap of each handshake. */
static osfn_status_t rig_connect(void *ctx, osfn_transport_t *t)
{
    rig_t *r = (rig_t *)ctx;
    size_t up0 = r->count.up;
    size_t down0 = r->count.down;
    bench_heap_stats_t h;
    osfn_status_t st;
    bench_heap_reset_peak();
    st = osfn_posix_net_connect(&r->net, t);
    h = bench_heap_get();
    if (st == OSFN_OK) {
        if (r->hs.connects == 0u) {
            r->hs.first_up = r->count.up - up0;
            r->hs.first_down = r->count.down - down0;
            r->hs.first_peak = h.peak;
            r->hs.first_allocs = h.allocs;
        } else {
            r->hs.later_up += r->count.up - up0;
            r->hs.later_down += r->count.down - down0;
            if (h.peak > r->hs.later_peak) {
                r->hs.later_peak = h.peak;
            }
            r->hs.later_allocs += h.allocs;
        }
        r->hs.connects++;
    }
    return st;
}

static void rig_disconnect(void *ctx)
{
    osfn_posix_net_disconnect(&((rig_t *)ctx)->net);
}

static osfn_status_t rig_open(rig_t *r, uint16_t port, const char *ca)
{
    osfn_client_config_t cfg;
    osfn_status_t st;
    (void)memset(&r->hs, 0, sizeof(r->hs));
    (void)snprintf(r->host, sizeof(r->host), "localhost:%u", (unsigned)port);
    st = osfn_tls_config_init(&r->tls, osfn_posix_random, NULL);
    if (st == OSFN_OK) {
        st = osfn_tls_config_ca_file(&r->tls, ca);
    }
    if (st == OSFN_OK) {
        st = osfn_posix_net_init(&r->net, &r->tls, "localhost", port);
    }
    if (st != OSFN_OK) {
        return st;
    }
    /* put the counter between TLS and TCP */
    r->count.lower = r->net.ep.tcp_transport;
    r->count.up = 0u;
    r->count.down = 0u;
    r->net.ep.tcp_transport.send = count_send;
    r->net.ep.tcp_transport.recv = count_recv;
    r->net.ep.tcp_transport.ctx = &r->count;
    (void)memset(&cfg, 0, sizeof(cfg));
    cfg.host = r->host;
    cfg.credentials = k_creds;
    cfg.scheme = OSFN_SIG_V3;
    cfg.connector.connect = rig_connect;
    cfg.connector.disconnect = rig_disconnect;
    cfg.connector.ctx = r;
    cfg.clock = osfn_posix_clock_ms;
    cfg.epoch = osfn_posix_epoch;
    cfg.random = osfn_posix_random;
    cfg.buffer = r->buffer;
    cfg.buffer_len = sizeof(r->buffer);
    cfg.tokens = r->tokens;
    cfg.token_count = TOKENS;
    cfg.response_timeout_ms = 10000u;
    return osfn_client_init(&r->client, &cfg);
}

static void rig_close(rig_t *r)
{
    osfn_client_close(&r->client);
    osfn_posix_net_free(&r->net);
    osfn_tls_config_free(&r->tls);
}

static osfn_status_t poll_task(rig_t *r)
{
    osfn_task_t task;
    osfn_status_t st = osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task);
    if ((st == OSFN_OK) && (task.progress != 100)) {
        st = OSFN_ERR_JSON_MISSING; /* not the fixture's answer */
    }
    return st;
}

static osfn_status_t poll_detail(rig_t *r)
{
    osfn_instance_t inst;
    (void)memset(&inst, 0, sizeof(inst));
    inst.create_parameters.items = r->params[0];
    inst.create_parameters.capacity = 8u;
    inst.usage_parameters.items = r->params[1];
    inst.usage_parameters.capacity = 8u;
    return osfn_client_get_instance(&r->client, "my-app", "ctr", "ctr_test", "detail", &inst);
}

static rig_t s_rig;   /* benchmark fixtures, not library state */
static rig_t s_admin;

/* ------------------------------------------------------------- admin API -- */

/** One admin request on its own connection; fills @p out with the body (NUL-terminated). */
static int admin(uint16_t port, const char *ca, const char *method, const char *path, char *out, size_t out_len)
{
    rig_t *r = &s_admin;
    osfn_transport_t t;
    osfn_http_response_t resp;
    char req[256];
    int n;
    int ok = -1;
    if ((rig_open(r, port, ca) != OSFN_OK) || (osfn_posix_net_connect(&r->net, &t) != OSFN_OK)) {
        rig_close(r);
        return -1;
    }
    n = snprintf(req, sizeof(req), "%s %s HTTP/1.1\r\nhost: %s\r\ncontent-type: application/json\r\n"
                                   "content-length: %u\r\nconnection: close\r\n\r\n%s",
                 method, path, r->host, (strcmp(method, "POST") == 0) ? 2u : 0u,
                 (strcmp(method, "POST") == 0) ? "{}" : "");
    if ((n > 0) && (t.send(t.ctx, (const uint8_t *)req, (size_t)n) == n) &&
        (osfn_http_read_response(&t, osfn_posix_clock_ms, NULL, 5000u, r->buffer, sizeof(r->buffer), &resp) == OSFN_OK) &&
        (resp.status == 200u) && (resp.body_len < out_len)) {
        (void)memcpy(out, resp.body, resp.body_len + 1u);
        ok = 0;
    }
    rig_close(r);
    return ok;
}

typedef struct {
    long long full;
    long long resumed;
    long long connections;
    long long requests;
} emu_counters_t;

/** Read the emulator's counters, less the counters request's own connection and handshake. */
static int counters(uint16_t port, const char *ca, emu_counters_t *c)
{
    char body[2048];
    osfn_json_token_t toks[96];
    osfn_extend_info_t view;
    int64_t v[4] = { -1, -1, -1, -1 };
    if ((admin(port, ca, "GET", "/__admin/counters", body, sizeof(body)) != 0) ||
        (osfn_extend_info_parse(body, toks, 96u, &view) != OSFN_OK) ||
        (osfn_extend_info_get_int(&view, "fullHandshakes", &v[0]) != OSFN_OK) ||
        (osfn_extend_info_get_int(&view, "resumedHandshakes", &v[1]) != OSFN_OK) ||
        (osfn_extend_info_get_int(&view, "connections", &v[2]) != OSFN_OK) ||
        (osfn_extend_info_get_int(&view, "requests", &v[3]) != OSFN_OK)) {
        return -1;
    }
    c->full = (long long)v[0] - 1;
    c->resumed = (long long)v[1];
    c->connections = (long long)v[2] - 1;
    c->requests = (long long)v[3];
    return 0;
}

static int reset_counters(uint16_t port, const char *ca)
{
    char body[512];
    return admin(port, ca, "POST", "/__admin/reset", body, sizeof(body));
}

/* ------------------------------------------------------------------ wire -- */

typedef enum { MODE_FRESH, MODE_KEEPALIVE, MODE_RESUME } bench_mode_t;
static const char *const k_mode_names[3] = { "fresh", "keepalive", "resume" };

typedef struct {
    size_t tcp_up, tcp_down;     /* all bytes at TCP over the 100 polls */
    size_t http_up, http_down;   /* request and response bytes (client stats) */
    size_t call_peak;            /* heap peak during a call on an open connection */
    size_t held_connected;       /* heap in use between calls while connected */
    size_t held_idle;            /* heap in use between calls while closed (resume mode) */
    size_t setup_heap;           /* TLS config + CA + connection object (mbedtls_ssl_setup) */
    hs_facts_t hs;
    emu_counters_t emu;
} mode_result_t;

static void add_rig(mode_result_t *m, const rig_t *r)
{
    m->tcp_up += r->count.up;
    m->tcp_down += r->count.down;
    m->http_up += r->client.stats.bytes_sent;
    m->http_down += r->client.stats.bytes_received;
}

static int run_mode(bench_mode_t mode, uint16_t port, const char *ca, mode_result_t *m)
{
    rig_t *r = &s_rig;
    int i;
    (void)memset(m, 0, sizeof(*m));
    if (reset_counters(port, ca) != 0) {
        fprintf(stderr, "admin reset failed\n");
        return -1;
    }
    for (i = 0; i < POLLS; i++) {
        bench_heap_stats_t h;
        osfn_status_t st;
        if ((i == 0) || (mode == MODE_FRESH)) {
            size_t before = bench_heap_get().current;
            st = rig_open(r, port, ca);
            if (st != OSFN_OK) {
                fprintf(stderr, "set-up: %s\n", osfn_status_name(st));
                return -1;
            }
            if (i == 0) {
                m->setup_heap = bench_heap_get().current - before;
            }
        }
        bench_heap_reset_peak();
        st = poll_task(r);
        h = bench_heap_get();
        if (st != OSFN_OK) {
            fprintf(stderr, "%s poll %d: %s\n", k_mode_names[mode], i, osfn_status_name(st));
            rig_close(r);
            return -1;
        }
        if ((mode == MODE_KEEPALIVE) && (i > 0) && (h.peak > m->call_peak)) {
            m->call_peak = h.peak; /* a call on an open connection: no handshake in it */
        }
        if (mode == MODE_KEEPALIVE) {
            m->held_connected = h.current;
        }
        if (mode != MODE_KEEPALIVE) {
            osfn_client_close(&r->client);
            if (mode == MODE_RESUME) {
                m->held_idle = bench_heap_get().current;
            }
        }
        if (mode == MODE_FRESH) {
            add_rig(m, r);
            if (i == 0) {
                m->hs = r->hs;
            }
            rig_close(r);
        }
    }
    if (mode != MODE_FRESH) {
        add_rig(m, r);
        m->hs = r->hs;
        rig_close(r);
    }
    if (counters(port, ca, &m->emu) != 0) {
        fprintf(stderr, "admin counters failed\n");
        return -1;
    }
    return 0;
}

/** Config + CA heap: measured on its own. */
static size_t config_heap(const char *ca)
{
    osfn_tls_config_t *cfg = &s_admin.tls;
    size_t before = bench_heap_get().current;
    size_t after = before;
    if ((osfn_tls_config_init(cfg, osfn_posix_random, NULL) == OSFN_OK) &&
        (osfn_tls_config_ca_file(cfg, ca) == OSFN_OK)) {
        after = bench_heap_get().current;
    }
    osfn_tls_config_free(cfg);
    return after - before;
}

/** One detail call on its own connection: TLS facts, HTTP sizes, and the raw response. */
static int detail_and_capture(uint16_t port, const char *ca, const char *capture)
{
    rig_t *r = &s_rig;
    osfn_request_opts_t o;
    osfn_http_response_t resp;
    osfn_transport_t t;
    size_t req_len = 0u;
    const char *te = NULL;
    size_t te_len = 0u;
    int ok = -1;
    if ((rig_open(r, port, ca) != OSFN_OK) || (osfn_posix_net_connect(&r->net, &t) != OSFN_OK)) {
        rig_close(r);
        return -1;
    }
    printf("tls_version=%s\nciphersuite=%s\n", mbedtls_ssl_get_version(&r->net.ep.tls.ssl),
           mbedtls_ssl_get_ciphersuite(&r->net.ep.tls.ssl));
    (void)memset(&o, 0, sizeof(o));
    o.host = r->host;
    o.credentials = &k_creds;
    o.scheme = OSFN_SIG_V3;
    o.time = osfn_posix_epoch(NULL);
    o.random = osfn_posix_random;
    if ((osfn_request_get_instance(&o, "my-app", "ctr", "ctr_test", "detail", (char *)r->buffer, sizeof(r->buffer),
                                   &req_len) == OSFN_OK) &&
        (t.send(t.ctx, r->buffer, req_len) == (int32_t)req_len) &&
        (osfn_http_read_response(&t, osfn_posix_clock_ms, NULL, 5000u, r->buffer, sizeof(r->buffer), &resp) == OSFN_OK) &&
        (resp.status == 200u) && !osfn_http_find_header(&resp, "transfer-encoding", &te, &te_len)) {
        printf("detail_request_bytes=%lu\ndetail_response_bytes=%lu\ndetail_body_bytes=%lu\n",
               (unsigned long)req_len, (unsigned long)resp.received, (unsigned long)resp.body_len);
        ok = 0;
        if (capture != NULL) {
            FILE *f = fopen(capture, "wb");
            /* Content-Length framing: the buffer holds the bytes as received */
            if ((f == NULL) || (fwrite(r->buffer, 1u, resp.received, f) != resp.received)) {
                ok = -1;
            }
            if ((f != NULL) && (fclose(f) != 0)) {
                ok = -1;
            }
        }
    }
    rig_close(r);
    return ok;
}

static int cmd_wire(uint16_t port, const char *ca, const char *capture)
{
    mode_result_t m[3];
    int i;
    printf("mbedtls_version=%s\n", MBEDTLS_VERSION_STRING);
    printf("polls=%d\n", POLLS);
    if (detail_and_capture(port, ca, capture) != 0) {
        fprintf(stderr, "detail call / capture failed\n");
        return 1;
    }
    printf("heap_config=%lu\n", (unsigned long)config_heap(ca));
    for (i = 0; i < 3; i++) {
        const char *n = k_mode_names[i];
        if (run_mode((bench_mode_t)i, port, ca, &m[i]) != 0) {
            return 1;
        }
        printf("%s_full=%lld\n%s_resumed=%lld\n%s_connections=%lld\n%s_requests=%lld\n", n, m[i].emu.full, n,
               m[i].emu.resumed, n, m[i].emu.connections, n, m[i].emu.requests);
        printf("%s_tcp_up=%lu\n%s_tcp_down=%lu\n%s_http_up=%lu\n%s_http_down=%lu\n", n, (unsigned long)m[i].tcp_up, n,
               (unsigned long)m[i].tcp_down, n, (unsigned long)m[i].http_up, n, (unsigned long)m[i].http_down);
    }
    /* handshake bytes and heap: the resume rig has one full handshake, then resumed ones */
    printf("hs_full_up=%lu\nhs_full_down=%lu\n", (unsigned long)m[MODE_RESUME].hs.first_up,
           (unsigned long)m[MODE_RESUME].hs.first_down);
    if (m[MODE_RESUME].hs.connects > 1u) {
        unsigned k = m[MODE_RESUME].hs.connects - 1u;
        printf("hs_resumed_up=%lu\nhs_resumed_down=%lu\nhs_resumed_allocs=%lu\n",
               (unsigned long)(m[MODE_RESUME].hs.later_up / k), (unsigned long)(m[MODE_RESUME].hs.later_down / k),
               (unsigned long)(m[MODE_RESUME].hs.later_allocs / k));
    }
    printf("heap_rig=%lu\n", (unsigned long)m[MODE_KEEPALIVE].setup_heap);
    printf("heap_peak_full_handshake=%lu\nheap_full_allocs=%lu\n", (unsigned long)m[MODE_RESUME].hs.first_peak,
           (unsigned long)m[MODE_RESUME].hs.first_allocs);
    printf("heap_peak_resumed_handshake=%lu\n", (unsigned long)m[MODE_RESUME].hs.later_peak);
    printf("heap_peak_call=%lu\n", (unsigned long)m[MODE_KEEPALIVE].call_peak);
    printf("heap_held_connected=%lu\nheap_held_closed=%lu\n", (unsigned long)m[MODE_KEEPALIVE].held_connected,
           (unsigned long)m[MODE_RESUME].held_idle);
    printf("heap_end=%lu\nheap_calloc_calls=%lu\n", (unsigned long)bench_heap_get().current,
           (unsigned long)bench_heap_get().total);
    printf("ok=1\n");
    return 0;
}

/* ----------------------------------------------------- callgrind drivers -- */

typedef osfn_status_t (*poll_fn)(rig_t *r);

/** The measured call: callgrind --toggle-collect=bench_call. */
BENCH_NOINLINE osfn_status_t bench_call(poll_fn fn, rig_t *r);
BENCH_NOINLINE osfn_status_t bench_call(poll_fn fn, rig_t *r)
{
    return fn(r);
}

static int cmd_calls(poll_fn fn, uint16_t port, const char *ca, long n)
{
    rig_t *r = &s_rig;
    long i;
    if ((rig_open(r, port, ca) != OSFN_OK) || (fn(r) != OSFN_OK)) { /* warm-up: connect + handshake */
        fprintf(stderr, "warm-up call failed\n");
        return 1;
    }
    for (i = 0; i < n; i++) {
        osfn_status_t st = bench_call(fn, r);
        if (st != OSFN_OK) {
            fprintf(stderr, "call %ld: %s\n", i, osfn_status_name(st));
            return 1;
        }
    }
    printf("calls=%ld\nconnects=%u\nhttp_up=%lu\nhttp_down=%lu\nok=%d\n", n, (unsigned)r->client.stats.connects,
           (unsigned long)r->client.stats.bytes_sent, (unsigned long)r->client.stats.bytes_received,
           (r->client.stats.connects == 1u) ? 1 : 0);
    rig_close(r);
    return 0;
}

static int cmd_handshakes(uint16_t port, const char *ca, long n)
{
    rig_t *r = &s_rig;
    long i;
    if (rig_open(r, port, ca) != OSFN_OK) {
        return 1;
    }
    for (i = 0; i <= n; i++) {
        osfn_status_t st = poll_task(r); /* a call on each connection, so a TLS 1.3 ticket is read */
        if (st != OSFN_OK) {
            fprintf(stderr, "poll %ld: %s\n", i, osfn_status_name(st));
            return 1;
        }
        osfn_client_close(&r->client);
    }
    printf("handshakes=%ld\nconnects=%u\nok=1\n", n + 1, (unsigned)r->client.stats.connects);
    rig_close(r);
    return 0;
}

/** TLS version and suite, then whether a second connection resumes the session. */
static int cmd_tls_info(uint16_t port, const char *ca)
{
    rig_t *r = &s_rig;
    emu_counters_t c;
    osfn_status_t st;
    if ((reset_counters(port, ca) != 0) || (rig_open(r, port, ca) != OSFN_OK)) {
        return 1;
    }
    st = poll_task(r);
    if (st == OSFN_OK) {
        printf("mbedtls_version=%s\ntls_version=%s\nciphersuite=%s\n", MBEDTLS_VERSION_STRING,
               mbedtls_ssl_get_version(&r->net.ep.tls.ssl), mbedtls_ssl_get_ciphersuite(&r->net.ep.tls.ssl));
        osfn_client_close(&r->client);
        st = poll_task(r);
    }
    rig_close(r);
    if ((st != OSFN_OK) || (counters(port, ca, &c) != 0)) {
        fprintf(stderr, "tls-info: %s\n", osfn_status_name(st));
        return 1;
    }
    printf("full=%lld\nresumed=%lld\nok=1\n", c.full, c.resumed);
    return 0;
}

int main(int argc, char **argv)
{
    uint16_t port;
    const char *ca;
    if (argc < 4) {
        fprintf(stderr, "usage: %s wire PORT CA [CAPTURE] | call-task|call-detail PORT CA N | handshakes PORT CA N | tls-info PORT CA\n",
                argv[0]);
        return 2;
    }
    port = (uint16_t)atoi(argv[2]);
    ca = argv[3];
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (strcmp(argv[1], "wire") == 0) {
        return cmd_wire(port, ca, (argc > 4) ? argv[4] : NULL);
    }
    if (strcmp(argv[1], "tls-info") == 0) {
        return cmd_tls_info(port, ca);
    }
    if ((argc > 4) && (strcmp(argv[1], "call-task") == 0)) {
        return cmd_calls(poll_task, port, ca, strtol(argv[4], NULL, 10));
    }
    if ((argc > 4) && (strcmp(argv[1], "call-detail") == 0)) {
        return cmd_calls(poll_detail, port, ca, strtol(argv[4], NULL, 10));
    }
    if ((argc > 4) && (strcmp(argv[1], "handshakes") == 0)) {
        return cmd_handshakes(port, ca, strtol(argv[4], NULL, 10));
    }
    fprintf(stderr, "unknown command %s\n", argv[1]);
    return 2;
}
