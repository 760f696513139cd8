/**
 * @file client_probe.c
 * @brief The client calls on the target, for the stack figures: the unit tests exercise
 *        the request builder, the HTTP reader and the JSON mapping one by one, while the
 *        client (osfn_client_*) and osfn_watch() run only in the end-to-end tests on the
 *        host. This probe makes each of those calls once over an in-memory connection
 *        that answers every request with a canned response, so the per-call stack
 *        wrappers measure them too. Each call must succeed (else the run fails).
 */
#include "client_probe.h"

#include <stdio.h>
#include <string.h>

#include "osfn/osfn_client.h"
#include "osfn/osfn_watch.h"

/* Our own sample bodies (compact, as a server sends them): a finished task, and an
 * available instance at output=detail with parameters, a \u escape and extendInfo. */
static const char k_task_body[] =
    "{\"status\":\"OK\",\"requestId\":\"5E2A0C1B-7D3F-4C8A-9B61-2F0E4D6A8C10\",\"httpCode\":200,"
    "\"code\":\"\",\"message\":\"\",\"latency\":12,\"result\":{\"startTime\":1700000000000,"
    "\"endTime\":1700000600000,\"extendInfo\":\"{}\",\"functionName\":\"ctr\",\"generation\":\"7\","
    "\"progress\":100,\"runId\":\"trigger__2023-11-14T22:13:20\",\"status\":\"success\"}}";

static const char k_instance_body[] =
    "{\"status\":\"OK\",\"requestId\":\"0B9D3E2F-1A4C-4E7B-8D52-6C3F1B0A9E47\",\"httpCode\":200,"
    "\"code\":\"\",\"message\":\"\",\"latency\":20,\"result\":{\"versionId\":3,"
    "\"instanceName\":\"probe\",\"functionName\":\"ctr\",\"functionType\":\"PAAS\","
    "\"modelType\":\"tf_checkpoint\",\"description\":\"\\u6a21\\u578b probe\","
    "\"status\":\"available\",\"source\":\"user\",\"belongs\":{\"domain\":\"ecommerce\","
    "\"category\":\"general\",\"language\":\"zh(Default)\"},\"createTime\":1700000000000,"
    "\"createParameters\":[{\"name\":\"params.model.item_table\",\"value\":\"item\"},"
    "{\"name\":\"params.model.train_days\",\"value\":\"7\"}],"
    "\"usageParameters\":[{\"name\":\"model_name\",\"value\":\"probe\"}],"
    "\"extendInfo\":\"{\\\"dataReport\\\":{\\\"itemCount\\\":42}}\",\"cron\":\"0 3 * * *\","
    "\"task\":{\"dagStatus\":\"success\",\"progress\":100,\"lastRunTime\":1700000600000}}}";

typedef struct conn {
    char response[1536];
    size_t len;
    size_t pos;
    const char *body; /* answer to the next request */
    uint32_t now_ms;
} conn_t;

static conn_t s_conn;
static uint8_t s_buffer[4096];
static osfn_json_token_t s_tokens[128];

static int32_t conn_send(void *ctx, const uint8_t *buf, size_t len)
{
    conn_t *c = (conn_t *)ctx;
    int n;
    (void)buf;
    /* A request went out: arm the answer (the whole request is sent before reading). */
    n = snprintf(c->response, sizeof(c->response),
                 "HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\n"
                 "Content-Length: %u\r\nConnection: keep-alive\r\n\r\n%s",
                 (unsigned)strlen(c->body), c->body);
    c->len = ((n > 0) && ((size_t)n < sizeof(c->response))) ? (size_t)n : 0u;
    c->pos = 0u;
    return (int32_t)len;
}

static int32_t conn_recv(void *ctx, uint8_t *buf, size_t len)
{
    conn_t *c = (conn_t *)ctx;
    size_t n = c->len - c->pos;
    if (n == 0u) {
        return OSFN_TRANSPORT_EOF;
    }
    if (n > len) {
        n = len;
    }
    memcpy(buf, c->response + c->pos, n);
    c->pos += n;
    return (int32_t)n;
}

static osfn_status_t conn_connect(void *ctx, osfn_transport_t *t)
{
    t->send = conn_send;
    t->recv = conn_recv;
    t->ctx = ctx;
    return OSFN_OK;
}

static void conn_disconnect(void *ctx)
{
    (void)ctx;
}

static uint32_t clock_ms(void *ctx)
{
    conn_t *c = (conn_t *)ctx;
    c->now_ms += 5u;
    return c->now_ms;
}

static int64_t epoch_s(void *ctx)
{
    (void)ctx;
    return 1700000000;
}

static int random_bytes(void *ctx, uint8_t *buf, size_t len)
{
    size_t i;
    (void)ctx;
    for (i = 0u; i < len; i++) {
        buf[i] = (uint8_t)(0x5Au ^ i);
    }
    return 0;
}

static void sleep_ms(void *ctx, uint32_t ms)
{
    ((conn_t *)ctx)->now_ms += ms;
}

static int check(const char *what, osfn_status_t st)
{
    if (st != OSFN_OK) {
        printf("FAIL stack probe: %s returned %s\n", what, osfn_status_name(st));
        return 1;
    }
    return 0;
}

int osfn_target_client_probe(void)
{
    osfn_client_config_t cfg;
    osfn_client_t client;
    osfn_instance_t inst;
    osfn_task_t task;
    osfn_param_t create[4];
    osfn_param_t usage[4];
    osfn_watch_config_t w;
    osfn_watch_outcome_t outcome = OSFN_WATCH_ERROR;
    int failed = 0;

    memset(&cfg, 0, sizeof(cfg));
    cfg.host = "opensearch.cn-hangzhou.aliyuncs.com";
    cfg.credentials.access_key_id = "LTAI5tProbeKeyId";
    cfg.credentials.access_key_secret = "probe-secret-not-a-real-one";
    cfg.scheme = OSFN_SIG_V3;
    cfg.connector.connect = conn_connect;
    cfg.connector.disconnect = conn_disconnect;
    cfg.connector.ctx = &s_conn;
    cfg.clock = clock_ms;
    cfg.epoch = epoch_s;
    cfg.random = random_bytes;
    cfg.sleep = sleep_ms;
    cfg.platform_ctx = &s_conn;
    cfg.buffer = s_buffer;
    cfg.buffer_len = sizeof(s_buffer);
    cfg.tokens = s_tokens;
    cfg.token_count = sizeof(s_tokens) / sizeof(s_tokens[0]);

    failed |= check("osfn_client_init", osfn_client_init(&client, &cfg));
    if (failed) {
        return 1;
    }

    s_conn.body = k_task_body;
    memset(&task, 0, sizeof(task));
    failed |= check("osfn_client_get_task", osfn_client_get_task(&client, "app", "ctr", "probe", "7", &task));

    s_conn.body = k_instance_body;
    memset(&inst, 0, sizeof(inst));
    inst.create_parameters.items = create;
    inst.create_parameters.capacity = 4u;
    inst.usage_parameters.items = usage;
    inst.usage_parameters.capacity = 4u;
    failed |= check("osfn_client_get_instance",
                    osfn_client_get_instance(&client, "app", "ctr", "probe", "detail", &inst));
    (void)osfn_client_last_call(&client);
    osfn_client_set_time_offset(&client, osfn_client_time_offset(&client));

    /* Watch the instance until it is available (it already is: one poll). */
    memset(&w, 0, sizeof(w));
    w.app = "app";
    w.function = "ctr";
    w.instance = "probe";
    w.interval_ms = 1000u;
    w.deadline_ms = 10000u;
    memset(&inst, 0, sizeof(inst));
    inst.create_parameters.items = create;
    inst.create_parameters.capacity = 4u;
    inst.usage_parameters.items = usage;
    inst.usage_parameters.capacity = 4u;
    failed |= check("osfn_watch", osfn_watch(&client, &w, &inst, &task, &outcome));
    if (outcome != OSFN_WATCH_DONE) {
        printf("FAIL stack probe: osfn_watch outcome %d, want OSFN_WATCH_DONE\n", (int)outcome);
        failed = 1;
    }
    (void)osfn_strerror(OSFN_ERR_TIMEOUT);
    (void)osfn_status_name(OSFN_ERR_TIMEOUT);
    osfn_client_close(&client);
    printf("stack probe: client calls on the target %s\n", failed ? "FAILED" : "ok");
    return failed;
}
