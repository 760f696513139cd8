/**
 * @file cli_call.c
 * @brief The network path of `osfn`: POSIX port + mbedTLS + client, then print.
 */
#include <stdio.h>
#include <string.h>

#include <unistd.h>

#include "osfn/osfn_client.h"
#include "osfn/osfn_watch.h"
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

/* ------------------------------------------------------------------ verbose -- */

/** The client's diagnostics hook: numbers only, so no secret can reach the log. */
static void verbose_log(void *ctx, osfn_log_event_t ev, int64_t a, int64_t b)
{
    (void)ctx;
    switch (ev) {
    case OSFN_LOG_CONNECT:
        (void)fprintf(stderr, "osfn: connected (connection %lld)\n", (long long)a);
        break;
    case OSFN_LOG_CONNECT_FAIL:
        (void)fprintf(stderr, "osfn: connect failed: %s\n", osfn_status_name((osfn_status_t)a));
        break;
    case OSFN_LOG_RESPONSE:
        (void)fprintf(stderr, "osfn: HTTP %lld, %lld bytes\n", (long long)a, (long long)b);
        break;
    case OSFN_LOG_STALE:
        (void)fprintf(stderr, "osfn: kept-alive connection was closed (%s); reconnecting\n",
                      osfn_status_name((osfn_status_t)a));
        break;
    case OSFN_LOG_RETRY:
        (void)fprintf(stderr, "osfn: %s; retrying in %lld ms\n", osfn_status_name((osfn_status_t)a), (long long)b);
        break;
    case OSFN_LOG_SKEW:
        (void)fprintf(stderr, "osfn: device clock corrected by %lld s from the server's Date\n", (long long)a);
        break;
    case OSFN_LOG_GIVE_UP:
        (void)fprintf(stderr, "osfn: giving up after %lld attempt(s): %s\n", (long long)b,
                      osfn_status_name((osfn_status_t)a));
        break;
    default:
        break;
    }
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
    net->ep.connect_timeout_ms = a->timeout_ms;
    net->ep.handshake_timeout_ms = a->timeout_ms;
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
    cfg.sleep = osfn_posix_sleep;
    if (a->verbose) {
        cfg.log = verbose_log;
    }
    return osfn_client_init(client, &cfg);
}

/* cli_random and the clock share one context: the client passes platform_ctx
 * (the args) to clock and epoch too, which ignore it, or honour --date. */
static int64_t cli_epoch(void *ctx)
{
    const cli_args_t *a = (const cli_args_t *)ctx;
    return (a->fixed_time >= 0) ? a->fixed_time : osfn_posix_epoch(NULL);
}

/* ------------------------------------------------------------------- watch -- */

/** Progress display state of a watch. */
typedef struct {
    const cli_args_t *args;
    int tty; /**< 1: one line updated in place; 0: one line per change */
} watch_view_t;

static void on_poll(void *ctx, const osfn_watch_poll_t *p)
{
    const watch_view_t *v = (const watch_view_t *)ctx;
    char line[160];
    if (p->task != NULL) {
        (void)snprintf(line, sizeof(line), "task %s: %s, %lld%%, %.1f s",
                       v->args->task, (p->status == OSFN_OK) ? p->task->status_raw : osfn_status_name(p->status),
                       (long long)(p->task->has_progress ? p->task->progress : 0), p->elapsed_ms / 1000.0);
    } else {
        const osfn_instance_t *i = p->instance;
        (void)snprintf(line, sizeof(line), "instance %s: %s%s%s, %.1f s", v->args->pos[3],
                       (p->status == OSFN_OK) ? i->status_raw : osfn_status_name(p->status),
                       (p->status == OSFN_OK && i->has_task) ? ", training " : "",
                       (p->status == OSFN_OK && i->has_task) ? i->task.dag_status_raw : "", p->elapsed_ms / 1000.0);
    }
    if (v->tty) {
        (void)printf("\r%s\033[K", line);
        (void)fflush(stdout);
    } else if (p->changed) {
        (void)printf("%s\n", line);
        (void)fflush(stdout);
    }
}

static int run_watch(cli_args_t *a, osfn_client_t *client, osfn_instance_t *inst, osfn_task_t *task)
{
    watch_view_t view;
    osfn_watch_config_t w;
    osfn_watch_outcome_t outcome = OSFN_WATCH_ERROR;
    osfn_status_t st;
    view.args = a;
    view.tty = isatty(STDOUT_FILENO);
    (void)memset(&w, 0, sizeof(w));
    w.app = a->pos[1];
    w.function = a->pos[2];
    w.instance = a->pos[3];
    w.generation = a->task;
    w.interval_ms = a->interval_ms;
    w.deadline_ms = a->deadline_ms;
    w.on_poll = on_poll;
    w.ctx = &view;
    st = osfn_watch(client, &w, inst, task, &outcome);
    if (view.tty) {
        (void)printf("\n");
    }
    switch (outcome) {
    case OSFN_WATCH_DONE:
        (void)printf("%s\n", (a->task != NULL) ? "task succeeded" : "instance available");
        return CLI_EXIT_OK;
    case OSFN_WATCH_FAILED:
        (void)fprintf(stderr, "osfn: task %s failed\n", a->task);
        return CLI_EXIT_TASK_FAILED;
    case OSFN_WATCH_DEADLINE:
        (void)fprintf(stderr, "osfn: deadline passed before the %s\n",
                      (a->task != NULL) ? "task finished" : "instance became available");
        return CLI_EXIT_DEADLINE;
    default:
        report_failure(st, (a->task != NULL) ? &task->envelope : &inst->envelope, client);
        return cli_exit_for_status(st);
    }
}

/* ------------------------------------------------------------- single call -- */

static int run_once(cli_args_t *a, osfn_client_t *client, osfn_instance_t *inst, osfn_task_t *task)
{
    int is_instance = (strcmp(a->command, "instance") == 0);
    const osfn_envelope_t *env = is_instance ? &inst->envelope : &task->envelope;
    osfn_status_t st;
    if (is_instance) {
        st = osfn_client_get_instance(client, a->pos[1], a->pos[2], a->pos[3], a->output, inst);
    } else {
        st = osfn_client_get_task(client, a->pos[1], a->pos[2], a->pos[3], a->pos[4], task);
    }
    if (a->verbose) {
        (void)fprintf(stderr, "osfn: %zu bytes sent, %zu received, %u connection(s), %u attempt(s): %s\n",
                      client->stats.bytes_sent, client->stats.bytes_received, (unsigned)client->stats.connects,
                      (unsigned)osfn_client_last_call(client)->attempts, osfn_status_name(st));
    }
    if ((st == OSFN_OK) || (st == OSFN_ERR_ARRAY_TOO_SMALL)) {
        if (is_instance && a->json) {
            print_instance_json(inst);
        } else if (is_instance) {
            print_instance_text(inst);
        } else if (a->json) {
            print_task_json(task);
        } else {
            print_task_text(task);
        }
    }
    if (st != OSFN_OK) {
        report_failure(st, env, client);
    }
    return cli_exit_for_status(st);
}

int cli_call(cli_args_t *a)
{
    static cli_buffers_t b;
    osfn_tls_config_t tls;
    osfn_posix_net_t net;
    osfn_client_t client;
    osfn_instance_t inst;
    osfn_task_t task;
    osfn_status_t st;
    int rc;

    (void)memset(&inst, 0, sizeof(inst));
    (void)memset(&task, 0, sizeof(task));
    (void)memset(&client, 0, sizeof(client));
    inst.create_parameters.items = b.create_params;
    inst.create_parameters.capacity = CLI_PARAMS;
    inst.usage_parameters.items = b.usage_params;
    inst.usage_parameters.capacity = CLI_PARAMS;
    st = setup(a, &tls, &net, &client, &b);
    if (st != OSFN_OK) {
        (void)fprintf(stderr, "osfn: set-up failed: %s (%s)\n", osfn_strerror(st), osfn_status_name(st));
        osfn_tls_config_free(&tls);
        return CLI_EXIT_NETWORK;
    }
    client.cfg.epoch = cli_epoch;
    if (a->verbose) {
        (void)fprintf(stderr, "osfn: %s %s:%u as %s, %s signature\n", a->command, a->server_name,
                      (unsigned)a->port, a->host, (a->scheme == OSFN_SIG_ROA) ? "ROA" : "V3");
    }
    if (strcmp(a->command, "watch") == 0) {
        rc = run_watch(a, &client, &inst, &task);
    } else {
        rc = run_once(a, &client, &inst, &task);
    }
    osfn_client_close(&client);
    osfn_posix_net_free(&net);
    osfn_tls_config_free(&tls);
    return rc;
}
