/**
 * @file bench_cpu.c
 * @brief CPU cost of the library's own work, without a network: sign + build one
 *        request (V3 and ROA, both calls), and read + map one `detail` response
 *        (the HTTP reader over an in-memory transport, then osfn_parse_instance()).
 *
 * Usage: osfn_bench_cpu OP N [RESPONSE_FILE]
 *   OP: sign-v3-task, sign-v3-instance, sign-roa-task, sign-roa-instance, parse-detail
 *   N:  how many times bench_op() runs (after one warm-up run outside it)
 *   RESPONSE_FILE: the raw bytes of a GetFunctionInstance?output=detail response
 *   (status line to body, as captured from the emulator by `osfn_bench_net wire`);
 *   without it, the fixture tests/fixtures/instance_detail.json gets a plain head.
 *
 * Run it under `valgrind --tool=callgrind --toggle-collect=bench_op`: only
 * bench_op() and what it calls are counted, so the total divided by N is the cost
 * of one operation. Everything is deterministic (fixed time, fixed nonce bytes).
 * It prints `key=value` lines: the sizes involved, and `ok=1` when every run worked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osfn/osfn_http.h"
#include "osfn/osfn_request.h"
#include "osfn/osfn_result.h"

#if defined(__GNUC__)
#define BENCH_NOINLINE __attribute__((noinline))
#else
#define BENCH_NOINLINE
#endif

#define RESPONSE_MAX 16384u
#define TOKENS 256u

static const osfn_credentials_t k_creds = { "LTAI5tExampleKeyId", "ExampleSecret0123456789abcdefXY", NULL };
static const char k_host[] = "opensearch.cn-hangzhou.aliyuncs.com";

/* ---------------------------------------------------------------- fixtures -- */

static int fixed_random(void *ctx, uint8_t *buf, size_t len)
{
    size_t i;
    (void)ctx;
    for (i = 0u; i < len; i++) {
        buf[i] = (uint8_t)(0xA5u ^ (uint8_t)(i * 29u));
    }
    return 0;
}

static uint32_t fixed_clock(void *ctx)
{
    (void)ctx;
    return 0u;
}

/** An in-memory transport that hands out one canned response. */
typedef struct {
    const uint8_t *data;
    size_t len;
    size_t pos;
} mem_source_t;

static int32_t mem_send(void *ctx, const uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    return (int32_t)len;
}

static int32_t mem_recv(void *ctx, uint8_t *buf, size_t len)
{
    mem_source_t *s = (mem_source_t *)ctx;
    size_t n = s->len - s->pos;
    if (n == 0u) {
        return OSFN_TRANSPORT_EOF;
    }
    if (n > len) {
        n = len;
    }
    if (n > 16384u) {
        n = 16384u; /* at most one TLS record's worth per read, like a real port */
    }
    (void)memcpy(buf, &s->data[s->pos], n);
    s->pos += n;
    return (int32_t)n;
}

/* ---------------------------------------------------------------- state -- */

typedef struct {
    osfn_request_opts_t opts;
    char request[2048];
    size_t request_len;
    uint8_t response[RESPONSE_MAX];  /* the canned response */
    size_t response_len;
    mem_source_t source;
    osfn_transport_t transport;
    uint8_t buffer[RESPONSE_MAX];    /* the reader's buffer (a client's buffer) */
    osfn_http_response_t http;
    osfn_json_token_t tokens[TOKENS];
    osfn_param_t params[2][8];
    osfn_instance_t instance;
    int failures;
} bench_t;

static bench_t s_bench; /* benchmark state, single-threaded */

typedef void (*bench_fn)(bench_t *b);

static void op_sign_task(bench_t *b)
{
    if (osfn_request_get_task(&b->opts, "my-app", "ctr", "ctr_test", "3", b->request,
                              sizeof(b->request), &b->request_len) != OSFN_OK) {
        b->failures++;
    }
}

static void op_sign_instance(bench_t *b)
{
    if (osfn_request_get_instance(&b->opts, "my-app", "ctr", "ctr_test", "detail", b->request,
                                  sizeof(b->request), &b->request_len) != OSFN_OK) {
        b->failures++;
    }
}

static void op_parse_detail(bench_t *b)
{
    osfn_status_t st;
    b->source.pos = 0u;
    st = osfn_http_read_response(&b->transport, fixed_clock, NULL, 1000u, b->buffer, sizeof(b->buffer), &b->http);
    if (st == OSFN_OK) {
        (void)memset(&b->instance, 0, sizeof(b->instance));
        b->instance.create_parameters.items = b->params[0];
        b->instance.create_parameters.capacity = 8u;
        b->instance.usage_parameters.items = b->params[1];
        b->instance.usage_parameters.capacity = 8u;
        st = osfn_parse_instance(b->http.body, b->http.body_len, b->http.status, b->tokens, TOKENS, &b->instance);
    }
    if (st != OSFN_OK) {
        b->failures++;
    }
}

/** The measured function: callgrind counts it (and its callees) with --toggle-collect=bench_op. */
BENCH_NOINLINE void bench_op(bench_fn fn, bench_t *b);
BENCH_NOINLINE void bench_op(bench_fn fn, bench_t *b)
{
    fn(b);
}

/* ------------------------------------------------------------ the response -- */

static size_t read_file(const char *path, uint8_t *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    if (f == NULL) {
        return 0u;
    }
    n = fread(buf, 1u, cap, f);
    if (!feof(f)) {
        n = 0u; /* larger than the buffer */
    }
    (void)fclose(f);
    return n;
}

/** Load the captured response, or wrap the fixture body in a plain head. */
static int load_response(bench_t *b, const char *path)
{
    static uint8_t body[RESPONSE_MAX];
    size_t body_len;
    int head_len;
    if (path != NULL) {
        b->response_len = read_file(path, b->response, sizeof(b->response));
        return (b->response_len > 0u) ? 0 : -1;
    }
    body_len = read_file(OSFN_BENCH_FIXTURE_DIR "/instance_detail.json", body, sizeof(body));
    if (body_len == 0u) {
        return -1;
    }
    head_len = snprintf((char *)b->response, sizeof(b->response),
                        "HTTP/1.1 200 OK\r\nDate: Tue, 14 Nov 2023 22:13:20 GMT\r\n"
                        "Content-Type: application/json;charset=utf-8\r\nContent-Length: %lu\r\n"
                        "Connection: keep-alive\r\nx-acs-request-id: 1B4E7C2A-5D3F-5A8E-9C71-0E2F4A6B8D13\r\n\r\n",
                        (unsigned long)body_len);
    if ((head_len < 0) || ((size_t)head_len + body_len > sizeof(b->response))) {
        return -1;
    }
    (void)memcpy(&b->response[head_len], body, body_len);
    b->response_len = (size_t)head_len + body_len;
    return 0;
}

/* ------------------------------------------------------------------ main -- */

int main(int argc, char **argv)
{
    bench_t *b = &s_bench;
    bench_fn fn = NULL;
    const char *op;
    long n;
    long i;
    if (argc < 3) {
        fprintf(stderr, "usage: %s sign-v3-task|sign-v3-instance|sign-roa-task|sign-roa-instance|parse-detail N [RESPONSE_FILE]\n",
                argv[0]);
        return 2;
    }
    op = argv[1];
    n = strtol(argv[2], NULL, 10);
    b->opts.host = k_host;
    b->opts.credentials = &k_creds;
    b->opts.time = 1700000000; /* 2023-11-14T22:13:20Z */
    b->opts.random = fixed_random;
    b->opts.random_ctx = NULL;
    b->opts.scheme = (strstr(op, "roa") != NULL) ? OSFN_SIG_ROA : OSFN_SIG_V3;
    if ((strcmp(op, "sign-v3-task") == 0) || (strcmp(op, "sign-roa-task") == 0)) {
        fn = op_sign_task;
    } else if ((strcmp(op, "sign-v3-instance") == 0) || (strcmp(op, "sign-roa-instance") == 0)) {
        fn = op_sign_instance;
    } else if (strcmp(op, "parse-detail") == 0) {
        if (load_response(b, (argc > 3) ? argv[3] : NULL) != 0) {
            fprintf(stderr, "cannot load the detail response\n");
            return 1;
        }
        b->source.data = b->response;
        b->source.len = b->response_len;
        b->transport.send = mem_send;
        b->transport.recv = mem_recv;
        b->transport.ctx = &b->source;
        fn = op_parse_detail;
    }
    if ((fn == NULL) || (n <= 0)) {
        fprintf(stderr, "bad operation or count\n");
        return 2;
    }
    fn(b); /* warm-up outside bench_op: lazy binding, first-touch of the buffers */
    for (i = 0; i < n; i++) {
        bench_op(fn, b);
    }
    printf("op=%s\nruns=%ld\n", op, n);
    if (fn == op_parse_detail) {
        printf("response_bytes=%lu\nbody_bytes=%lu\ntokens=%lu\n", (unsigned long)b->response_len,
               (unsigned long)b->http.body_len, (unsigned long)b->instance.tokens_needed);
    } else {
        printf("request_bytes=%lu\n", (unsigned long)b->request_len);
    }
    printf("ok=%d\n", (b->failures == 0) ? 1 : 0);
    return (b->failures == 0) ? 0 : 1;
}
