/**
 * @file cli_call.c
 * @brief The network path of `osfn`: POSIX port + mbedTLS + client, then print.
 */
#include <stdio.h>
#include <string.h>

#include "osfn/osfn_client.h"
#include "osfn_cli.h"
#include "osfn_port_posix.h"
#include "osfn_posix_net.h"

#define CLI_RESPONSE_BUF 65536u
#define CLI_TOKENS 2048u
#define CLI_PARAMS 64u

/** Buffers of one CLI run (static: too large for a small stack, and one per process). */
typedef struct {
    uint8_t buffer[CLI_RESPONSE_BUF];
    osfn_json_token_t tokens[CLI_TOKENS];
    osfn_param_t create_params[CLI_PARAMS];
    osfn_param_t usage_params[CLI_PARAMS];
} cli_buffers_t;

/* ------------------------------------------------------------------ JSON out -- */

static void json_str(const char *s)
{
    const unsigned char *p;
    (void)putchar('"');
    for (p = (const unsigned char *)s; *p != 0u; p++) {
        if ((*p == '"') || (*p == '\\')) {
            (void)printf("\\%c", *p);
        } else if (*p < 0x20u) {
            (void)printf("\\u%04x", *p);
        } else {
            (void)putchar(*p);
        }
    }
    (void)putchar('"');
}

static void json_kv_str(const char *k, const char *v, int comma)
{
    (void)printf("%s\"%s\":", comma ? "," : "", k);
    json_str(v);
}

static void json_kv_int(const char *k, long long v, int present)
{
    if (present) {
        (void)printf(",\"%s\":%lld", k, v);
    }
}

static void json_params(const char *k, const osfn_param_list_t *l)
{
    size_t i;
    (void)printf(",\"%s\":[", k);
    for (i = 0; i < l->count; i++) {
        (void)printf("%s{", (i > 0u) ? "," : "");
        json_kv_str("name", l->items[i].name, 0);
        json_kv_str("value", l->items[i].value, 1);
        (void)putchar('}');
    }
    (void)putchar(']');
}

static void json_envelope(const osfn_envelope_t *e)
{
    (void)printf("\"httpStatus\":%u", (unsigned)e->http_status);
    json_kv_str("requestId", e->request_id, 1);
    json_kv_str("code", e->code, 1);
    json_kv_str("message", e->message, 1);
}

static void print_instance_json(const osfn_instance_t *r)
{
    (void)putchar('{');
    json_envelope(&r->envelope);
    (void)printf(",\"result\":{");
    json_kv_str("instanceName", r->instance_name, 0);
    json_kv_str("functionName", r->function_name, 1);
    json_kv_str("functionType", r->function_type, 1);
    json_kv_str("modelType", r->model_type, 1);
    json_kv_str("description", r->description, 1);
    json_kv_str("status", r->status_raw, 1);
    json_kv_str("source", r->source_raw, 1);
    json_kv_int("versionId", (long long)r->version_id, r->has_version_id);
    json_kv_int("createTime", (long long)r->create_time, r->has_create_time);
    (void)printf(",\"belongs\":{");
    json_kv_str("domain", r->belongs.domain, 0);
    json_kv_str("category", r->belongs.category, 1);
    json_kv_str("language", r->belongs.language, 1);
    (void)putchar('}');
    json_params("createParameters", &r->create_parameters);
    json_params("usageParameters", &r->usage_parameters);
    json_kv_str("extendInfo", r->extend_info, 1);
    json_kv_str("cron", r->cron, 1);
    if (r->has_task) {
        (void)printf(",\"task\":{");
        json_kv_str("dagStatus", r->task.dag_status_raw, 0);
        json_kv_int("lastRunTime", (long long)r->task.last_run_time, r->task.has_last_run_time);
        json_kv_int("progress", (long long)r->task.progress, r->task.has_progress);
        (void)putchar('}');
    }
    (void)printf("}}\n");
}

static void print_task_json(const osfn_task_t *r)
{
    (void)putchar('{');
    json_envelope(&r->envelope);
    (void)printf(",\"result\":{");
    json_kv_str("functionName", r->function_name, 0);
    json_kv_str("generation", r->generation, 1);
    json_kv_str("runId", r->run_id, 1);
    json_kv_str("status", r->status_raw, 1);
    json_kv_int("progress", (long long)r->progress, r->has_progress);
    json_kv_int("startTime", (long long)r->start_time, r->has_start_time);
    json_kv_int("endTime", (long long)r->end_time, r->has_end_time);
    json_kv_str("extendInfo", r->extend_info, 1);
    (void)printf("}}\n");
}

/* -------------------------------------------------------------- readable out -- */

static void print_params(const char *title, const osfn_param_list_t *l)
{
    size_t i;
    if (l->total == 0u) {
        return;
    }
    (void)printf("%-14s", title);
    for (i = 0; i < l->count; i++) {
        (void)printf("%s%s=%s", (i > 0u) ? ", " : "", l->items[i].name, l->items[i].value);
    }
    (void)printf("\n");
}

static void print_instance_text(const osfn_instance_t *r)
{
    (void)printf("instance      %s (function %s, %s, model %s)\n", r->instance_name, r->function_name,
                 r->function_type, r->model_type);
    (void)printf("status        %s\n", r->status_raw);
    if (r->source_raw[0] != '\0') {
        (void)printf("source        %s\n", r->source_raw);
    }
    if (r->description[0] != '\0') {
        (void)printf("description   %s\n", r->description);
    }
    if (r->has_version_id) {
        (void)printf("version       %lld\n", (long long)r->version_id);
    }
    if (r->has_create_time) {
        (void)printf("created       %lld ms\n", (long long)r->create_time);
    }
    if (r->belongs.domain[0] != '\0') {
        (void)printf("belongs       %s / %s / %s\n", r->belongs.domain, r->belongs.category, r->belongs.language);
    }
    print_params("create params", &r->create_parameters);
    print_params("usage params", &r->usage_parameters);
    if (r->cron[0] != '\0') {
        (void)printf("cron          %s\n", r->cron);
    }
    if (r->extend_info[0] != '\0') {
        (void)printf("extend info   %s\n", r->extend_info);
    }
    if (r->has_task) {
        (void)printf("task          %s", r->task.dag_status_raw);
        if (r->task.has_progress) {
            (void)printf(", %lld%%", (long long)r->task.progress);
        }
        if (r->task.has_last_run_time) {
            (void)printf(", last run %lld ms", (long long)r->task.last_run_time);
        }
        (void)printf("\n");
    }
    (void)printf("request id    %s\n", r->envelope.request_id);
}

static void print_task_text(const osfn_task_t *r)
{
    (void)printf("task          %s generation %s (run %s)\n", r->function_name, r->generation, r->run_id);
    (void)printf("status        %s", r->status_raw);
    if (r->has_progress) {
        (void)printf(", %lld%%", (long long)r->progress);
    }
    (void)printf("\n");
    if (r->has_start_time) {
        (void)printf("started       %lld ms\n", (long long)r->start_time);
    }
    if (r->has_end_time) {
        (void)printf("ended         %lld ms\n", (long long)r->end_time);
    }
    if (r->extend_info[0] != '\0') {
        (void)printf("extend info   %s\n", r->extend_info);
    }
    (void)printf("request id    %s\n", r->envelope.request_id);
}

/* ------------------------------------------------------------------ the call -- */

static void report_failure(osfn_status_t st, const osfn_envelope_t *e, const osfn_client_t *client)
{
    if (st == OSFN_ERR_API) {
        (void)fprintf(stderr, "osfn: API error %s: %s (HTTP %u, request id %s)\n", e->code,
                      e->message, (unsigned)e->http_status,
                      (e->request_id[0] != '\0') ? e->request_id : "none");
    } else if (st == OSFN_ERR_HTTP_STATUS) {
        (void)fprintf(stderr, "osfn: HTTP %u with a body that is not a JSON error\n",
                      (unsigned)client->http.status);
    } else if ((st == OSFN_ERR_RESPONSE_TOO_LARGE) && (client->http.needed > 0u)) {
        (void)fprintf(stderr, "osfn: %s: needs a %zu-byte buffer, have %u\n", osfn_strerror(st),
                      client->http.needed, CLI_RESPONSE_BUF);
    } else {
        (void)fprintf(stderr, "osfn: %s (%s)\n", osfn_strerror(st), osfn_status_name(st));
    }
}

/** Set up TLS, the connector and the client. */
static osfn_status_t setup(cli_args_t *a, osfn_tls_config_t *tls, osfn_posix_net_t *net,
                           osfn_client_t *client, cli_buffers_t *b)
{
    osfn_client_config_t cfg;
    const char *ca = (a->ca_file != NULL) ? a->ca_file : OSFN_CLI_DEFAULT_CA;
    osfn_status_t st = osfn_tls_config_init(tls, osfn_posix_random, NULL);
    if (st == OSFN_OK) {
        st = osfn_tls_config_ca_file(tls, ca);
        if (st != OSFN_OK) {
            (void)fprintf(stderr, "osfn: cannot load CA certificates from %s\n", ca);
        }
    }
    if (st == OSFN_OK) {
        st = osfn_posix_net_init(net, tls, a->server_name, a->port);
    }
    if (st != OSFN_OK) {
        return st;
    }
    net->connect_timeout_ms = a->timeout_ms;
    net->handshake_timeout_ms = a->timeout_ms;
    (void)memset(&cfg, 0, sizeof(cfg));
    cfg.host = a->host;
    cfg.credentials = a->creds;
    cfg.scheme = a->scheme;
    osfn_posix_net_connector(&cfg.connector, net);
    cfg.clock = osfn_posix_clock_ms;
    cfg.epoch = osfn_posix_epoch;
    cfg.random = cli_random;
    cfg.platform_ctx = a;
    cfg.buffer = b->buffer;
    cfg.buffer_len = sizeof(b->buffer);
    cfg.tokens = b->tokens;
    cfg.token_count = CLI_TOKENS;
    cfg.response_timeout_ms = a->timeout_ms;
    return osfn_client_init(client, &cfg);
}

/* cli_random and the clock share one context: the client passes platform_ctx
 * (the args) to clock and epoch too, which ignore it, or honour --date. */
static int64_t cli_epoch(void *ctx)
{
    const cli_args_t *a = (const cli_args_t *)ctx;
    return (a->fixed_time >= 0) ? a->fixed_time : osfn_posix_epoch(NULL);
}

int cli_call(cli_args_t *a)
{
    static cli_buffers_t b;
    osfn_tls_config_t tls;
    osfn_posix_net_t net;
    osfn_client_t client;
    osfn_instance_t inst;
    osfn_task_t task;
    const osfn_envelope_t *env = &inst.envelope;
    osfn_status_t st;

    (void)memset(&inst, 0, sizeof(inst));
    (void)memset(&task, 0, sizeof(task));
    st = setup(a, &tls, &net, &client, &b);
    if (st != OSFN_OK) {
        report_failure(st, env, &client);
        osfn_tls_config_free(&tls);
        return cli_exit_for_status(st) == CLI_EXIT_USAGE ? CLI_EXIT_NETWORK : cli_exit_for_status(st);
    }
    client.cfg.epoch = cli_epoch;
    if (a->verbose) {
        (void)fprintf(stderr, "osfn: %s %s:%u as %s, %s signature\n", a->command, a->server_name,
                      (unsigned)a->port, a->host, (a->scheme == OSFN_SIG_ROA) ? "ROA" : "V3");
    }
    if (strcmp(a->command, "instance") == 0) {
        inst.create_parameters.items = b.create_params;
        inst.create_parameters.capacity = CLI_PARAMS;
        inst.usage_parameters.items = b.usage_params;
        inst.usage_parameters.capacity = CLI_PARAMS;
        st = osfn_client_get_instance(&client, a->pos[1], a->pos[2], a->pos[3], a->output, &inst);
    } else {
        env = &task.envelope;
        st = osfn_client_get_task(&client, a->pos[1], a->pos[2], a->pos[3], a->pos[4], &task);
    }
    if (a->verbose) {
        (void)fprintf(stderr, "osfn: HTTP %u, %zu bytes sent, %zu received, %u connection(s): %s\n",
                      (unsigned)client.http.status, client.stats.bytes_sent, client.stats.bytes_received,
                      (unsigned)client.stats.connects, osfn_status_name(st));
    }
    if ((st == OSFN_OK) || (st == OSFN_ERR_ARRAY_TOO_SMALL)) {
        if (strcmp(a->command, "instance") == 0) {
            a->json ? print_instance_json(&inst) : print_instance_text(&inst);
        } else {
            a->json ? print_task_json(&task) : print_task_text(&task);
        }
    }
    if (st != OSFN_OK) {
        report_failure(st, env, &client);
    }
    osfn_client_close(&client);
    osfn_posix_net_free(&net);
    osfn_tls_config_free(&tls);
    return cli_exit_for_status(st);
}
