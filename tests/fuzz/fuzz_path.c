/**
 * @file fuzz_path.c
 * @brief libFuzzer harness: the whole response path, hostile bytes from the server
 *        through a fake connector into the client (keep-alive, stale-connection
 *        resend, retries and backoff, clock-skew correction) and the watch helper.
 *
 * Input: 8 control bytes, then what the server sends on each connection the client
 * opens, the connections separated by ::SEP, and within a connection the responses to
 * successive (kept-alive) requests separated by ::RESP_SEP: a response is released
 * only when its request has been sent whole, as a server would. Connections beyond
 * those given fail to connect.
 * - c[0]: bit 0 first call is GetFunctionTask (else GetFunctionInstance; the second call
 *   is the other one); bit 1 ROA signing; bit 2 no sleep function (one attempt); bit 3
 *   STS credentials; bit 4 run a watch after the two calls; bit 5 every third random
 *   call fails; bits 6-7 device clock (1970, now, 2 h fast, 400 days slow).
 * - c[1]: buffer size, 256 + 64 * c bytes (allocated at exactly that size).
 * - c[2]: JSON tokens, 1 + c.
 * - c[3]: retry policy: max_attempts 1 + (c & 3); base delay 50 * ((c >> 2) & 7) ms
 *   (0: default); total deadline from a table (c >> 5).
 * - c[4]: clock step per reading 1 + (c & 31) ms; response timeout from a table (c >> 5).
 * - c[5]: the streams: end after the script (c % 5 + connection index: EOF, RESET,
 *   ERROR, TLS, HANG); bit 3 a "nothing yet" before each delivery; bits 4-5 per-recv
 *   limit (none, 1, 7, 64); bit 6 send fails (EOF) after 3000 bytes on a connection;
 *   bit 7 send takes 100 bytes at a time.
 * - c[6]: connect call i fails when bit (i % 8) is set (DNS, CONNECT, TIMEOUT or
 *   TLS_CERT by turn).
 * - c[7]: skew threshold 10 * (c & 15) s (0: default); bit 7 starts with a saved
 *   offset of 3600 * ((c >> 4) & 7) - 7200 s; watch deadline 2 s * (1 + ((c >> 4) & 7)).
 *
 * Invariants:
 * - the connector is used correctly: never a connect while connected, no send, recv or
 *   disconnect on a closed connection;
 * - every status is a known one; last_call matches; 1 <= attempts <= max_attempts + 1
 *   (the one immediate time retry), <= 2 without a sleep function; the sleeps of one
 *   call add up to no more than the total deadline;
 * - after a transport, framing or oversize failure the connection is closed;
 * - when the mapping ran, every result string is NUL-terminated inside the buffer or
 *   the static "", and parameter counts are within capacity;
 * - after every call the caller's buffer holds neither the secret nor the STS token
 *   (unless the server itself sent those bytes), the secret is never sent, and no two
 *   requests carry the same x-acs-signature-nonce;
 * - the watch ends with an outcome consistent with its status.
 *
 * Build with -DFUZZ_VERBOSE to print each call's status, attempts and offset (debugging).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fake_transport.h"
#include "fuzz_common.h"
#include "osfn/osfn_client.h"
#include "osfn/osfn_watch.h"

#define CONTROL 8u
#define MAX_CONN 6u
#define SEP "#NEXTCONN#"
#define SEP_LEN 10u
#define RESP_SEP "#NEXTRESP#"
#define RECORD_MAX 65536u
#define INPUT_MAX 65536u
#define MAX_NONCES 128u

static const char k_key_id[] = "LTAI5tFuzzKeyId";
static const char k_secret[] = "FuzzSecretKEY0123456789abcdefXYZ";
static const char k_token[] = "CAIS.FuzzSecurityToken/0123456789+==";

/** Most responses one connection serves. */
#define MAX_RESP 8u

/**
 * One connection the fake connector can hand out. Like a server, it releases the
 * k-th response only once the k-th request has been sent whole (its blank line seen);
 * after the last response, the stream ends as chosen (EOF, RESET, ...); before it,
 * "nothing yet".
 */
typedef struct {
    fake_transport_t ft;
    const uint8_t *data;   /**< The connection's script as in the input. */
    size_t len;
    uint8_t *wire;         /**< The responses without their separators. */
    size_t ends[MAX_RESP]; /**< End offset of each response in wire. */
    size_t n_resp;
    unsigned requests;     /**< Requests sent whole on this connection. */
    bool waiting;          /**< The last recv found nothing and nothing more is coming yet. */
    uint32_t tail;         /**< Last 4 bytes sent, to spot a request's end. */
} conn_t;

/** Everything the fakes share for one input. */
typedef struct {
    conn_t conns[MAX_CONN];
    size_t n_conns;       /**< Connection scripts in the input. */
    size_t next_conn;     /**< Scripts handed out so far. */
    unsigned connect_calls;
    conn_t *open;         /**< The connection in use, or NULL. */
    uint8_t c5;
    uint8_t c6;
    /* clock, epoch, random, sleep */
    uint32_t now;
    uint32_t step;
    int64_t epoch_base;
    uint64_t rng;
    unsigned random_calls;
    bool random_fails;
    uint64_t slept;       /**< Sleeps since the mark (ms). */
    /* what was sent */
    uint8_t record[RECORD_MAX];
    size_t record_len;
    uint8_t wire[MAX_CONN][INPUT_MAX]; /**< Each connection's responses, separators removed. */
} world_t;

static world_t g_w;

/* ---- transport wrappers: check the connection is open ------------------------------ */

static int32_t w_send(void *ctx, const uint8_t *buf, size_t len)
{
    conn_t *c = (conn_t *)ctx;
    int32_t n;
    FUZZ_ASSERT(g_w.open == c);
    FUZZ_ASSERT(len > 0u);
    c->waiting = false;
    n = fake_transport_send(&c->ft, buf, len);
    if (n > 0) {
        size_t i;
        FUZZ_ASSERT((size_t)n <= len);
        if (g_w.record_len + (size_t)n <= RECORD_MAX) {
            memcpy(g_w.record + g_w.record_len, buf, (size_t)n);
            g_w.record_len += (size_t)n;
        }
        for (i = 0; i < (size_t)n; i++) {
            c->tail = (c->tail << 8) | buf[i];
            if (c->tail == 0x0D0A0D0Au) { /* CR LF CR LF: a whole request */
                c->requests++;
            }
        }
        /* release the responses of the requests sent so far */
        if (c->n_resp > 0u) {
            size_t k = (c->requests < c->n_resp) ? c->requests : c->n_resp;
            c->ft.len = (k > 0u) ? c->ends[k - 1u] : 0u;
        }
    }
    return n;
}

static int32_t w_recv(void *ctx, uint8_t *buf, size_t len)
{
    conn_t *c = (conn_t *)ctx;
    FUZZ_ASSERT(g_w.open == c);
    FUZZ_ASSERT(len > 0u);
    int32_t n;
    if ((c->ft.pos >= c->ft.len) && (c->requests < c->n_resp)) {
        c->ft.recv_calls++;
        c->waiting = true;
        return 0; /* the server waits for the next request */
    }
    n = fake_transport_recv(&c->ft, buf, len);
    c->waiting = (n == 0) && (c->ft.pos >= c->ft.len); /* hung for good */
    return n;
}

/** Split a connection's script into responses (copied into @p wire without separators). */
static void split_responses(conn_t *c, uint8_t *wire)
{
    const uint8_t *p = c->data;
    size_t n = c->len;
    size_t at = 0;
    c->wire = wire;
    c->n_resp = 0;
    while (c->n_resp < MAX_RESP) {
        const uint8_t *sep = fuzz_memmem(p, n, RESP_SEP, SEP_LEN);
        size_t len = (sep != NULL) ? (size_t)(sep - p) : n;
        if (c->n_resp == MAX_RESP - 1u) {
            len = n; /* the last one takes the rest, separators and all */
            sep = NULL;
        }
        memcpy(wire + at, p, len);
        at += len;
        c->ends[c->n_resp++] = at;
        if (sep == NULL) {
            break;
        }
        p = sep + SEP_LEN;
        n -= len + SEP_LEN;
    }
}

static osfn_status_t w_connect(void *ctx, osfn_transport_t *t)
{
    static const osfn_status_t k_fail[4] = { OSFN_ERR_DNS, OSFN_ERR_CONNECT, OSFN_ERR_TIMEOUT, OSFN_ERR_TLS_CERT };
    static const size_t k_chunk[4] = { 0u, 1u, 7u, 64u };
    unsigned i = g_w.connect_calls++;
    conn_t *c;
    (void)ctx;
    FUZZ_ASSERT(g_w.open == NULL); /* never two connections, never a leaked one */
    if ((g_w.c6 >> (i % 8u)) & 1u) {
        return k_fail[i % 4u];
    }
    if (g_w.next_conn >= g_w.n_conns) {
        return OSFN_ERR_CONNECT;
    }
    c = &g_w.conns[g_w.next_conn];
    split_responses(c, g_w.wire[g_w.next_conn]);
    fake_transport_init(&c->ft, c->wire, 0u); /* nothing before the first request */
    c->requests = 0u;
    c->tail = 0u;
    c->waiting = false;
    c->ft.end = (fake_end_t)((g_w.c5 + g_w.next_conn) % 5u);
    c->ft.zeros_between = (g_w.c5 & 0x08u) ? 1u : 0u;
    c->ft.chunk = k_chunk[(g_w.c5 >> 4) & 3u];
    if (g_w.c5 & 0x40u) {
        c->ft.send_error = OSFN_TRANSPORT_EOF;
        c->ft.send_limit = 3000u;
    }
    if (g_w.c5 & 0x80u) {
        c->ft.send_chunk = 100u;
    }
    g_w.next_conn++;
    g_w.open = c;
    t->send = w_send;
    t->recv = w_recv;
    t->ctx = c;
    return OSFN_OK;
}

static void w_disconnect(void *ctx)
{
    (void)ctx;
    FUZZ_ASSERT(g_w.open != NULL);
    g_w.open = NULL;
}

/* ---- platform fakes ------------------------------------------------------------------- */

static uint32_t w_clock(void *ctx)
{
    uint32_t v = g_w.now;
    const conn_t *c = g_w.open;
    (void)ctx;
    g_w.now += g_w.step;
    if ((c != NULL) && c->waiting) {
        g_w.now += 1000u; /* waiting on a silent stream: time flies, so deadlines end it quickly */
    }
    return v;
}

static int64_t w_epoch(void *ctx)
{
    (void)ctx;
    return g_w.epoch_base + (int64_t)(g_w.now / 1000u);
}

static int w_random(void *ctx, uint8_t *buf, size_t len)
{
    size_t i;
    (void)ctx;
    g_w.random_calls++;
    if (g_w.random_fails && ((g_w.random_calls % 3u) == 0u)) {
        return -1;
    }
    for (i = 0; i < len; i++) {
        buf[i] = (uint8_t)fuzz_rng_next(&g_w.rng); /* a counter: never the same nonce twice */
    }
    return 0;
}

static void w_sleep(void *ctx, uint32_t ms)
{
    (void)ctx;
    g_w.slept += ms;
    g_w.now += ms;
}

static void w_log(void *ctx, osfn_log_event_t ev, int64_t a, int64_t b)
{
    (void)ctx;
    (void)a;
    FUZZ_ASSERT((int)ev >= (int)OSFN_LOG_CONNECT && (int)ev <= (int)OSFN_LOG_GIVE_UP);
    if (ev == OSFN_LOG_RETRY) {
        FUZZ_ASSERT(b >= 0);
    }
}

/* ---- checks ---------------------------------------------------------------------------- */

static bool known(osfn_status_t st)
{
    return strcmp(osfn_status_name(st), "OSFN_UNKNOWN") != 0;
}

/** Statuses that only the mapping of a received body gives. */
static bool from_mapping(osfn_status_t st)
{
    return (st == OSFN_OK) || (st == OSFN_ERR_ARRAY_TOO_SMALL) || (st == OSFN_ERR_API) ||
           (st == OSFN_ERR_HTTP_STATUS) || (st == OSFN_ERR_TOO_FEW_TOKENS) ||
           ((st >= OSFN_ERR_JSON_MALFORMED) && (st <= OSFN_ERR_JSON_ESCAPE));
}

static void check_envelope(const osfn_envelope_t *e, const uint8_t *buf, size_t len)
{
    (void)fuzz_check_string(e->status, buf, len);
    (void)fuzz_check_string(e->request_id, buf, len);
    (void)fuzz_check_string(e->code, buf, len);
    (void)fuzz_check_string(e->message, buf, len);
}

static void check_instance(const osfn_instance_t *in, const uint8_t *buf, size_t len)
{
    size_t i;
    check_envelope(&in->envelope, buf, len);
    (void)fuzz_check_string(in->instance_name, buf, len);
    (void)fuzz_check_string(in->function_name, buf, len);
    (void)fuzz_check_string(in->description, buf, len);
    (void)fuzz_check_string(in->status_raw, buf, len);
    (void)fuzz_check_string(in->extend_info, buf, len);
    (void)fuzz_check_string(in->belongs.language, buf, len);
    (void)fuzz_check_string(in->task.dag_status_raw, buf, len);
    FUZZ_ASSERT(in->create_parameters.count <= in->create_parameters.capacity);
    FUZZ_ASSERT(in->usage_parameters.count <= in->usage_parameters.capacity);
    for (i = 0; i < in->create_parameters.count; i++) {
        (void)fuzz_check_string(in->create_parameters.items[i].name, buf, len);
        (void)fuzz_check_string(in->create_parameters.items[i].value, buf, len);
    }
}

static void check_task(const osfn_task_t *t, const uint8_t *buf, size_t len)
{
    check_envelope(&t->envelope, buf, len);
    (void)fuzz_check_string(t->extend_info, buf, len);
    (void)fuzz_check_string(t->generation, buf, len);
    (void)fuzz_check_string(t->run_id, buf, len);
    (void)fuzz_check_string(t->status_raw, buf, len);
}

/** No secret and no token left in the caller's buffer (unless the server sent them). */
static void check_no_secrets(const uint8_t *buf, size_t len, const uint8_t *input, size_t input_len)
{
    if (fuzz_memmem(input, input_len, k_secret, sizeof(k_secret) - 1u) == NULL) {
        FUZZ_ASSERT(fuzz_memmem(buf, len, k_secret, sizeof(k_secret) - 1u) == NULL);
    }
    if (fuzz_memmem(input, input_len, k_token, sizeof(k_token) - 1u) == NULL) {
        FUZZ_ASSERT(fuzz_memmem(buf, len, k_token, sizeof(k_token) - 1u) == NULL);
    }
    FUZZ_ASSERT(fuzz_memmem(g_w.record, g_w.record_len, k_secret, sizeof(k_secret) - 1u) == NULL);
}

static bool is_hex(uint8_t b)
{
    return ((b >= '0') && (b <= '9')) || ((b >= 'a') && (b <= 'f'));
}

/** Every complete nonce sent is different from every other. */
static void check_nonces(void)
{
    static const char k_name[] = "x-acs-signature-nonce: ";
    const uint8_t *nonces[MAX_NONCES];
    size_t n = 0;
    size_t pos = 0;
    size_t i;
    size_t j;
    for (;;) {
        const uint8_t *p = fuzz_memmem(g_w.record + pos, g_w.record_len - pos, k_name, sizeof(k_name) - 1u);
        size_t at;
        bool whole = true;
        if (p == NULL) {
            break;
        }
        at = (size_t)(p - g_w.record) + sizeof(k_name) - 1u;
        pos = at;
        if (at + OSFN_NONCE_HEX_LEN > g_w.record_len) {
            break;
        }
        for (i = 0; i < OSFN_NONCE_HEX_LEN; i++) {
            whole = whole && is_hex(g_w.record[at + i]);
        }
        if (whole && (n < MAX_NONCES)) {
            nonces[n++] = g_w.record + at;
        }
    }
    for (i = 0; i < n; i++) {
        for (j = i + 1u; j < n; j++) {
            FUZZ_ASSERT(memcmp(nonces[i], nonces[j], OSFN_NONCE_HEX_LEN) != 0);
        }
    }
}

/** Check what one call left behind. */
static void check_call(osfn_client_t *client, osfn_status_t st, bool task, const osfn_instance_t *in,
                       const osfn_task_t *t, const uint8_t *buf, size_t buf_len, const uint8_t *input,
                       size_t input_len)
{
    const osfn_call_info_t *info = osfn_client_last_call(client);
    uint32_t max_attempts = client->cfg.retry.max_attempts;
#ifdef FUZZ_VERBOSE
    fprintf(stderr, "%s: %s attempts %u last_error %s connects %u offset %lld slept %llu\n",
            task ? "task" : "instance", osfn_status_name(st), (unsigned)info->attempts,
            osfn_status_name(info->last_error), (unsigned)client->stats.connects,
            (long long)client->time_offset, (unsigned long long)g_w.slept);
#endif
    FUZZ_ASSERT(known(st));
    FUZZ_ASSERT(info->status == st);
    FUZZ_ASSERT(info->attempts >= 1u);
    FUZZ_ASSERT(info->attempts <= max_attempts + 1u);
    if (client->cfg.sleep == NULL) {
        FUZZ_ASSERT(info->attempts <= 2u);
        FUZZ_ASSERT(g_w.slept == 0u);
    }
    FUZZ_ASSERT(g_w.slept <= client->cfg.retry.total_deadline_ms);
    if ((st == OSFN_OK) || (st == OSFN_ERR_ARRAY_TOO_SMALL)) {
        FUZZ_ASSERT((info->attempts == 1u) == (info->last_error == OSFN_OK));
    } else {
        FUZZ_ASSERT(info->last_error == st);
    }
    if ((st == OSFN_ERR_RESPONSE_TOO_LARGE) ||
        ((st >= OSFN_ERR_DNS) && (st <= OSFN_ERR_HTTP_AMBIGUOUS))) {
        FUZZ_ASSERT(!client->connected);
        FUZZ_ASSERT(g_w.open == NULL);
    }
    FUZZ_ASSERT(client->connected == (g_w.open != NULL));
    if (from_mapping(st)) {
        if (task) {
            check_task(t, buf, buf_len);
        } else {
            check_instance(in, buf, buf_len);
        }
    }
    check_no_secrets(buf, buf_len, input, input_len);
    check_nonces();
}

/** Split the input after the control bytes into connection scripts. */
static void split_connections(const uint8_t *p, size_t n)
{
    g_w.n_conns = 0;
    while (g_w.n_conns < MAX_CONN) {
        const uint8_t *sep = fuzz_memmem(p, n, SEP, SEP_LEN);
        size_t len = (sep != NULL) ? (size_t)(sep - p) : n;
        g_w.conns[g_w.n_conns].data = p;
        g_w.conns[g_w.n_conns].len = len;
        g_w.n_conns++;
        if (sep == NULL) {
            break;
        }
        p = sep + SEP_LEN;
        n -= len + SEP_LEN;
    }
}

static void on_poll(void *ctx, const osfn_watch_poll_t *poll)
{
    (void)ctx;
    FUZZ_ASSERT(poll->polls >= 1u);
    FUZZ_ASSERT((poll->instance == NULL) != (poll->task == NULL));
#ifdef FUZZ_VERBOSE
    fprintf(stderr, "poll %u: %s at %u ms%s\n", (unsigned)poll->polls, osfn_status_name(poll->status),
            (unsigned)poll->elapsed_ms, poll->changed ? " (changed)" : "");
#endif
}

static osfn_status_t one_call(osfn_client_t *client, bool task, osfn_instance_t *in, osfn_param_t *params,
                              osfn_task_t *t)
{
    g_w.slept = 0;
    if (task) {
        memset(t, 0, sizeof(*t));
        return osfn_client_get_task(client, "my-app", "ctr", "ctr_test", "3", t);
    }
    memset(in, 0, sizeof(*in));
    in->create_parameters.items = params;
    in->create_parameters.capacity = 4;
    in->usage_parameters.items = params + 4;
    in->usage_parameters.capacity = 2;
    return osfn_client_get_instance(client, "my-app", "ctr", "ctr_test", "detail", in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t k_deadline[8] = { 0u, 100u, 1000u, 5000u, 10000u, 60000u, 200u, 3000u };
    static const uint32_t k_timeout[8] = { 0u, 50u, 500u, 2000u, 15000u, 1u, 100u, 8000u };
    static const int64_t k_epoch[4] = { 0, 1764000000, 1764000000 + 7200, 1764000000 - 400 * 86400 };
    osfn_client_config_t cfg;
    osfn_client_t client;
    osfn_credentials_t cred;
    osfn_json_token_t *tokens;
    uint8_t *buf;
    size_t buf_len;
    size_t ntok;
    osfn_instance_t in;
    osfn_param_t params[6];
    osfn_task_t t;
    osfn_status_t st;
    bool task;
    const uint8_t *c = data;

    if (size < CONTROL) {
        return 0;
    }
    if (size > INPUT_MAX) {
        size = INPUT_MAX;
    }
    memset(&g_w, 0, offsetof(world_t, record)); /* the large buffers need no clearing */
    g_w.record_len = 0;
    split_connections(data + CONTROL, size - CONTROL);
    g_w.c5 = c[5];
    g_w.c6 = c[6];
    g_w.now = 1000u;
    g_w.step = 1u + (c[4] & 31u);
    g_w.epoch_base = k_epoch[c[0] >> 6];
    g_w.rng = 0x0123456789ABCDEFull ^ (uint64_t)size;
    g_w.random_fails = (c[0] & 0x20u) != 0u;

    buf_len = 256u + 64u * (size_t)c[1];
    ntok = 1u + (size_t)c[2];
    buf = (uint8_t *)malloc(buf_len);
    tokens = (osfn_json_token_t *)malloc(ntok * sizeof(*tokens));
    FUZZ_ASSERT((buf != NULL) && (tokens != NULL));
    memset(buf, 0, buf_len); /* heap reuse must not carry a token over from an earlier input */

    memset(&cfg, 0, sizeof(cfg));
    cred.access_key_id = (c[0] & 0x08u) ? "STS.FuzzTempKeyId" : k_key_id;
    cred.access_key_secret = k_secret;
    cred.security_token = (c[0] & 0x08u) ? k_token : NULL;
    cfg.host = "opensearch.cn-hangzhou.aliyuncs.com";
    cfg.credentials = cred;
    cfg.scheme = (c[0] & 0x02u) ? OSFN_SIG_ROA : OSFN_SIG_V3;
    cfg.connector.connect = w_connect;
    cfg.connector.disconnect = w_disconnect;
    cfg.clock = w_clock;
    cfg.epoch = w_epoch;
    cfg.random = w_random;
    cfg.buffer = buf;
    cfg.buffer_len = buf_len;
    cfg.tokens = tokens;
    cfg.token_count = ntok;
    cfg.response_timeout_ms = k_timeout[c[4] >> 5];
    cfg.sleep = (c[0] & 0x04u) ? NULL : w_sleep;
    cfg.retry.max_attempts = 1u + (c[3] & 3u);
    cfg.retry.base_delay_ms = 50u * ((c[3] >> 2) & 7u);
    cfg.retry.total_deadline_ms = k_deadline[c[3] >> 5];
    cfg.skew_threshold_s = 10 * (int32_t)(c[7] & 15u);
    cfg.log = w_log;
    FUZZ_ASSERT(osfn_client_init(&client, &cfg) == OSFN_OK);
    if (c[7] & 0x80u) {
        osfn_client_set_time_offset(&client, 3600 * (int64_t)((c[7] >> 4) & 7u) - 7200);
    }

    /* two calls: the second reuses the connection (or finds it dead) and the learnt offset */
    task = (c[0] & 0x01u) != 0u;
    st = one_call(&client, task, &in, params, &t);
    check_call(&client, st, task, &in, &t, buf, buf_len, data, size);
    st = one_call(&client, !task, &in, params, &t);
    check_call(&client, st, !task, &in, &t, buf, buf_len, data, size);

    if (c[0] & 0x10u) {
        osfn_watch_config_t w;
        osfn_watch_outcome_t outcome = OSFN_WATCH_ERROR;
        memset(&w, 0, sizeof(w));
        w.app = "my-app";
        w.function = "ctr";
        w.instance = "ctr_test";
        w.generation = task ? "3" : NULL;
        w.interval_ms = 1000u;
        w.deadline_ms = 2000u * (1u + ((c[7] >> 4) & 7u));
        w.on_poll = on_poll;
        memset(&in, 0, sizeof(in));
        g_w.slept = 0;
        st = osfn_watch(&client, &w, &in, &t, &outcome);
#ifdef FUZZ_VERBOSE
        fprintf(stderr, "watch: %s outcome %d\n", osfn_status_name(st), (int)outcome);
#endif
        FUZZ_ASSERT(known(st));
        if (cfg.sleep == NULL) {
            FUZZ_ASSERT(st == OSFN_ERR_BAD_CONFIG);
        } else if (st == OSFN_OK) {
            FUZZ_ASSERT((outcome == OSFN_WATCH_DONE) || (outcome == OSFN_WATCH_FAILED) ||
                        (outcome == OSFN_WATCH_DEADLINE));
        } else {
            FUZZ_ASSERT(outcome == OSFN_WATCH_ERROR);
        }
        check_no_secrets(buf, buf_len, data, size);
        check_nonces();
    }

    osfn_client_close(&client);
    FUZZ_ASSERT(g_w.open == NULL);
    free(tokens);
    free(buf);
    return 0;
}
