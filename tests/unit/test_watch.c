/**
 * @file test_watch.c
 * @brief osfn_watch() over a scripted connector (fake_server.h): each outcome
 *        (available, task success, task failed, deadline, lasting error), transient
 *        errors that keep it polling, the +-20 % interval jitter, and bad configurations.
 */
#include "osfn_test.h"

#include "fake_server.h"
#include "osfn/osfn_watch.h"

#define BUF_SIZE 2048u
#define TOKENS 96u
#define MAX_POLLS 16u

static rig_t g_rig;
static osfn_client_config_t g_cfg;
static osfn_client_t g_client;
static uint8_t g_buf[BUF_SIZE];
static osfn_json_token_t g_tok[TOKENS];
static osfn_instance_t g_in;
static osfn_param_t g_params[8];
static osfn_task_t g_task;
static osfn_watch_config_t g_w;
static osfn_watch_outcome_t g_outcome;

/** What the callback saw. */
static osfn_watch_poll_t g_polls[MAX_POLLS];
static unsigned g_n_polls;
static const void *g_ctx_seen;

static void on_poll(void *ctx, const osfn_watch_poll_t *poll)
{
    g_ctx_seen = ctx;
    if (g_n_polls < MAX_POLLS) {
        g_polls[g_n_polls] = *poll;
    }
    g_n_polls++;
}

/* ---- responses (bodies as the emulator serves them) ------------------------------------------ */

static const char k_inst_unavailable_body[] =
    "{\"status\":\"OK\",\"requestId\":\"r\",\"result\":{\"instanceName\":\"ctr_test\",\"status\":\"unavailable\","
    "\"task\":{\"progress\":30}}}";
static const char k_inst_unavailable_60_body[] =
    "{\"status\":\"OK\",\"requestId\":\"r\",\"result\":{\"instanceName\":\"ctr_test\",\"status\":\"unavailable\","
    "\"task\":{\"progress\":60}}}";
static const char k_inst_available_body[] =
    "{\"status\":\"OK\",\"requestId\":\"r\",\"result\":{\"instanceName\":\"ctr_test\",\"status\":\"available\","
    "\"task\":{\"progress\":100}}}";
static const char k_inst_available_params_body[] =
    "{\"status\":\"OK\",\"requestId\":\"r\",\"result\":{\"status\":\"available\",\"createParameters\":"
    "[{\"name\":\"a\",\"value\":\"1\"},{\"name\":\"b\",\"value\":\"2\"}]}}";
static const char k_inst_task_no_progress_body[] =
    "{\"status\":\"OK\",\"requestId\":\"r\",\"result\":{\"status\":\"unavailable\","
    "\"task\":{\"dagStatus\":\"pending\"}}}";
static const char k_task_running_30_body[] =
    "{\"status\":\"OK\",\"requestId\":\"r\",\"result\":{\"status\":\"running\",\"progress\":30}}";
static const char k_task_running_60_body[] =
    "{\"status\":\"OK\",\"requestId\":\"r\",\"result\":{\"status\":\"running\",\"progress\":60}}";
static const char k_task_running_none_body[] =
    "{\"status\":\"OK\",\"requestId\":\"r\",\"result\":{\"status\":\"running\"}}";
static const char k_task_success_body[] =
    "{\"status\":\"OK\",\"requestId\":\"r\",\"result\":{\"status\":\"success\",\"progress\":100}}";
static const char k_task_failed_body[] =
    "{\"status\":\"OK\",\"requestId\":\"r\",\"result\":{\"status\":\"failed\",\"progress\":60}}";
static const char k_task_not_exist_body[] =
    "{\"status\":\"OK\",\"requestId\":\"r\",\"code\":\"Task.NotExist\",\"message\":\"no such task\"}";
static const char k_503_body[] = "{\"code\":\"ServiceUnavailable\"}";

/* The responses, framed once by frame_all(). */
static char k_inst_unavailable[320];
static char k_inst_unavailable_60[320];
static char k_inst_available[320];
static char k_inst_available_params[320];
static char k_inst_task_no_progress[320];
static char k_task_running_30[320];
static char k_task_running_60[320];
static char k_task_running_none[320];
static char k_task_success[320];
static char k_task_failed[320];
static char k_task_not_exist[320];
static char k_503[320];

/** "HTTP/1.1 <status>\r\nDate: ...\r\nContent-Length: N\r\n\r\n<body>" into @p out (320 bytes). */
static void frame(char *out, const char *status, const char *body)
{
    static const char k_date[] = "\r\nDate: Mon, 24 Nov 2025 16:00:01 GMT\r\nContent-Length: ";
    size_t n = strlen(body);
    char num[8];
    size_t k = 0;
    size_t at;
    do {
        num[k++] = (char)('0' + (n % 10u));
        n /= 10u;
    } while (n > 0u);
    memcpy(out, "HTTP/1.1 ", 9);
    at = 9;
    memcpy(out + at, status, strlen(status));
    at += strlen(status);
    memcpy(out + at, k_date, sizeof(k_date) - 1u);
    at += sizeof(k_date) - 1u;
    while (k > 0u) {
        out[at++] = num[--k];
    }
    memcpy(out + at, "\r\n\r\n", 4);
    at += 4;
    memcpy(out + at, body, strlen(body) + 1u);
}

static void frame_all(void)
{
    frame(k_inst_unavailable, "200 OK", k_inst_unavailable_body);
    frame(k_inst_unavailable_60, "200 OK", k_inst_unavailable_60_body);
    frame(k_inst_available, "200 OK", k_inst_available_body);
    frame(k_inst_available_params, "200 OK", k_inst_available_params_body);
    frame(k_inst_task_no_progress, "200 OK", k_inst_task_no_progress_body);
    frame(k_task_running_30, "200 OK", k_task_running_30_body);
    frame(k_task_running_60, "200 OK", k_task_running_60_body);
    frame(k_task_running_none, "200 OK", k_task_running_none_body);
    frame(k_task_success, "200 OK", k_task_success_body);
    frame(k_task_failed, "200 OK", k_task_failed_body);
    frame(k_task_not_exist, "200 OK", k_task_not_exist_body);
    frame(k_503, "503 Service Unavailable", k_503_body);
}

static void add(fake_conn_t *c, const char *response)
{
    c->responses[c->n_responses++] = response;
}

/* ---- set-up -------------------------------------------------------------------------------- */

static void setup(const char *generation)
{
    frame_all();
    rig_init(&g_rig);
    rig_config(&g_rig, &g_cfg, g_buf, sizeof(g_buf), g_tok, TOKENS);
    g_cfg.retry.max_attempts = 1; /* each poll is one request: the watch's own logic shows */
    memset(&g_client, 0, sizeof(g_client));
    memset(&g_in, 0, sizeof(g_in));
    g_in.create_parameters.items = g_params;
    g_in.create_parameters.capacity = 8;
    memset(&g_task, 0, sizeof(g_task));
    memset(&g_w, 0, sizeof(g_w));
    g_w.app = "my-app";
    g_w.function = "ctr";
    g_w.instance = "ctr_test";
    g_w.generation = generation;
    g_w.interval_ms = 1000;
    g_w.deadline_ms = 60000;
    g_w.on_poll = on_poll;
    g_w.ctx = &g_w;
    g_outcome = OSFN_WATCH_ERROR; /* a valid value: targets build with -fshort-enums */
    g_n_polls = 0;
    g_ctx_seen = NULL;
}

static osfn_status_t run(void)
{
    osfn_status_t st = osfn_client_init(&g_client, &g_cfg);
    if (st != OSFN_OK) {
        return st;
    }
    return osfn_watch(&g_client, &g_w, &g_in, &g_task, &g_outcome);
}

/* ---- configuration --------------------------------------------------------------------------- */

/* Missing pieces and zero timings are refused before any I/O. */
static void test_watch_bad_config(void)
{
    setup(NULL);
    g_outcome = OSFN_WATCH_DEADLINE; /* must stay untouched */
    CHECK_INT(osfn_client_init(&g_client, &g_cfg), OSFN_OK);
    CHECK_INT(osfn_watch(NULL, &g_w, &g_in, &g_task, &g_outcome), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_watch(&g_client, NULL, &g_in, &g_task, &g_outcome), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_watch(&g_client, &g_w, &g_in, &g_task, NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_watch(&g_client, &g_w, NULL, &g_task, &g_outcome), OSFN_ERR_NULL_ARG); /* instance watch */
    g_w.generation = "3";
    CHECK_INT(osfn_watch(&g_client, &g_w, &g_in, NULL, &g_outcome), OSFN_ERR_NULL_ARG); /* task watch */
    g_w.interval_ms = 0;
    CHECK_INT(osfn_watch(&g_client, &g_w, &g_in, &g_task, &g_outcome), OSFN_ERR_BAD_CONFIG);
    g_w.interval_ms = 1000;
    g_w.deadline_ms = 0;
    CHECK_INT(osfn_watch(&g_client, &g_w, &g_in, &g_task, &g_outcome), OSFN_ERR_BAD_CONFIG);
    g_w.deadline_ms = 1000;
    g_cfg.sleep = NULL;
    CHECK_INT(osfn_client_init(&g_client, &g_cfg), OSFN_OK);
    CHECK_INT(osfn_watch(&g_client, &g_w, &g_in, &g_task, &g_outcome), OSFN_ERR_BAD_CONFIG);
    CHECK_INT(g_rig.connect_calls, 0);
    CHECK_INT(g_n_polls, 0);
    CHECK_INT(g_outcome, OSFN_WATCH_DEADLINE); /* untouched */
}

/* ---- outcomes ---------------------------------------------------------------------------------- */

/* An instance that becomes available: DONE after three polls on one connection; the
 * callback sees each poll, `changed` when status or progress moved. */
static void test_watch_instance_available(void)
{
    fake_conn_t *c;
    setup(NULL);
    c = rig_conn(&g_rig);
    add(c, k_inst_task_no_progress);
    add(c, k_inst_unavailable);
    add(c, k_inst_unavailable);
    add(c, k_inst_unavailable_60);
    add(c, k_inst_available);
    CHECK_INT(run(), OSFN_OK);
    CHECK_INT(g_outcome, OSFN_WATCH_DONE);
    CHECK_INT(g_n_polls, 5);
    CHECK(g_polls[1].changed); /* progress: none -> 30 */
    memmove(g_polls, g_polls + 1, 4u * sizeof(g_polls[0]));
    CHECK(g_ctx_seen == &g_w);
    CHECK(g_polls[0].changed && !g_polls[1].changed && g_polls[2].changed && g_polls[3].changed);
    CHECK_INT(g_polls[0].polls, 2);
    CHECK_INT(g_polls[3].polls, 5);
    CHECK(g_polls[0].instance == &g_in);
    CHECK(g_polls[0].task == NULL);
    CHECK_INT(g_polls[0].status, OSFN_OK);
    CHECK(g_polls[1].elapsed_ms > g_polls[0].elapsed_ms);
    CHECK_INT(g_in.status, OSFN_INSTANCE_STATUS_AVAILABLE);
    CHECK_INT(g_rig.connect_calls, 1); /* kept alive between polls */
    CHECK_INT(g_rig.n_sleeps, 4);
    CHECK(rig_contains(g_rig.log, g_rig.log_len, "?output=detail", 14));
    CHECK_INT(g_rig.misuse, 0);
}

/* A task that finishes: DONE; one that fails: FAILED (both with OSFN_OK). */
static void test_watch_task_outcomes(void)
{
    fake_conn_t *c;
    setup("3");
    c = rig_conn(&g_rig);
    add(c, k_task_running_30);
    add(c, k_task_running_60);
    add(c, k_task_success);
    CHECK_INT(run(), OSFN_OK);
    CHECK_INT(g_outcome, OSFN_WATCH_DONE);
    CHECK_INT(g_n_polls, 3);
    CHECK(g_polls[0].task == &g_task);
    CHECK(g_polls[0].instance == NULL);
    CHECK(g_polls[1].changed); /* progress 30 -> 60 */
    CHECK_INT(g_task.progress, 100);
    CHECK(rig_contains(g_rig.log, g_rig.log_len, "/tasks/3 HTTP/1.1", 17));

    setup("3");
    c = rig_conn(&g_rig);
    add(c, k_task_running_30);
    add(c, k_task_failed);
    CHECK_INT(run(), OSFN_OK);
    CHECK_INT(g_outcome, OSFN_WATCH_FAILED);
    CHECK_INT(g_n_polls, 2);
    CHECK_INT(g_task.status, OSFN_TASK_STATUS_FAILED);
    CHECK_INT(g_rig.n_sleeps, 1);
}

/* Still running at the deadline: DEADLINE (OSFN_OK); the sleeps never pass the deadline
 * and the last one is cut to what is left. */
static void test_watch_deadline(void)
{
    fake_conn_t *c;
    unsigned i;
    setup("3");
    g_w.deadline_ms = 3000;
    for (i = 0; i < 5; i++) {
        g_rig.draws[i] = 400u; /* the longest interval: 1200 ms */
    }
    g_rig.n_draws = 5;
    c = rig_conn(&g_rig);
    for (i = 0; i < 6; i++) {
        add(c, k_task_running_none);
    }
    CHECK_INT(run(), OSFN_OK);
    CHECK_INT(g_outcome, OSFN_WATCH_DEADLINE);
    CHECK_INT(g_n_polls, 3);
    CHECK_INT(g_rig.n_sleeps, 3);
    CHECK_INT(g_rig.sleeps[0], 1200);
    CHECK_INT(g_rig.sleeps[1], 1200);
    CHECK(g_rig.sleeps[2] < 600u); /* what was left of the 3000 ms */
    CHECK(g_rig.slept <= 3000u);
    CHECK(!g_polls[1].changed); /* no progress field: -1 each time */

    /* the first poll itself took longer than the deadline: no sleep at all */
    setup("3");
    g_w.deadline_ms = 50;
    g_rig.step = 100;
    add(rig_conn(&g_rig), k_task_running_30);
    CHECK_INT(run(), OSFN_OK);
    CHECK_INT(g_outcome, OSFN_WATCH_DEADLINE);
    CHECK_INT(g_n_polls, 1);
    CHECK_INT(g_rig.n_sleeps, 0);
}

/* An error that polling again will not fix ends the watch with that status. */
static void test_watch_lasting_error(void)
{
    setup("3");
    add(rig_conn(&g_rig), k_task_not_exist);
    CHECK_INT(run(), OSFN_ERR_API);
    CHECK_INT(g_outcome, OSFN_WATCH_ERROR);
    CHECK_INT(g_n_polls, 1);
    CHECK_INT(g_polls[0].status, OSFN_ERR_API);
    CHECK_STR(g_task.envelope.code, "Task.NotExist");
    CHECK_INT(g_rig.n_sleeps, 0);

    setup(NULL);
    (void)rig_conn(&g_rig);
    g_w.instance = "..";
    CHECK_INT(run(), OSFN_ERR_BAD_CHAR);
    CHECK_INT(g_outcome, OSFN_WATCH_ERROR);

    setup(NULL);
    g_rig.connect_status[0] = OSFN_ERR_TLS_CERT;
    CHECK_INT(run(), OSFN_ERR_TLS_CERT);
    CHECK_INT(g_outcome, OSFN_WATCH_ERROR);
}

/* Transient errors (5xx, network) do not end the watch: it polls again. */
static void test_watch_transient_error_keeps_polling(void)
{
    fake_conn_t *c;
    setup(NULL);
    c = rig_conn(&g_rig);
    add(c, k_inst_unavailable);
    add(c, k_503);
    add(c, k_inst_available);
    CHECK_INT(run(), OSFN_OK);
    CHECK_INT(g_outcome, OSFN_WATCH_DONE);
    CHECK_INT(g_n_polls, 3);
    CHECK_INT(g_polls[1].status, OSFN_ERR_API);
    CHECK(g_polls[1].changed && g_polls[2].changed);

    /* the connection drops and the next connect fails once: still polling */
    setup("3");
    c = rig_conn(&g_rig);
    add(c, k_task_running_30);
    c->end = FAKE_END_RESET;
    g_rig.connect_status[1] = OSFN_ERR_CONNECT; /* the stale resend's connect */
    add(rig_conn(&g_rig), k_task_success);
    CHECK_INT(run(), OSFN_OK);
    CHECK_INT(g_outcome, OSFN_WATCH_DONE);
    CHECK_INT(g_n_polls, 3);
    CHECK_INT(g_polls[1].status, OSFN_ERR_CONNECT);
}

/* ---- timing ------------------------------------------------------------------------------------ */

/* Each interval is drawn uniformly from 80 % to 120 % of the configured one (both ends
 * included); a failing random source gives the mean. */
static void test_watch_interval_jitter(void)
{
    static const uint32_t draws[6] = { 0u, 400u, 401u, 0xFFFFFFFFu, 200u, 123456789u };
    static const uint32_t want[6] = { 800u, 1200u, 800u, 800u + (0xFFFFFFFFu % 401u), 1000u, 800u + (123456789u % 401u) };
    fake_conn_t *c;
    unsigned i;
    setup("3");
    for (i = 0; i < 6; i++) {
        g_rig.draws[i] = draws[i];
    }
    g_rig.n_draws = 6;
    c = rig_conn(&g_rig);
    for (i = 0; i < 6; i++) {
        add(c, k_task_running_30);
    }
    add(c, k_task_success);
    CHECK_INT(run(), OSFN_OK);
    CHECK_INT(g_outcome, OSFN_WATCH_DONE);
    CHECK_INT(g_rig.n_sleeps, 6);
    for (i = 0; i < 6; i++) {
        CHECK_INT(g_rig.sleeps[i], want[i]);
        CHECK((g_rig.sleeps[i] >= 800u) && (g_rig.sleeps[i] <= 1200u));
    }

    setup("3");
    g_rig.fail_draws = true;
    c = rig_conn(&g_rig);
    add(c, k_task_running_30);
    add(c, k_task_success);
    CHECK_INT(run(), OSFN_OK);
    CHECK_INT(g_rig.sleeps[0], 1000);

    /* an interval too short to jitter (spread 0) */
    setup("3");
    g_w.interval_ms = 4;
    c = rig_conn(&g_rig);
    add(c, k_task_running_30);
    add(c, k_task_success);
    CHECK_INT(run(), OSFN_OK);
    CHECK_INT(g_rig.sleeps[0], 4);
}

/* Without a callback, and with a result that only ARRAY_TOO_SMALL can hold, the watch
 * still decides from the mapped status. */
static void test_watch_no_callback_short_array(void)
{
    fake_conn_t *c;
    setup(NULL);
    g_w.on_poll = NULL;
    g_in.create_parameters.items = NULL;
    g_in.create_parameters.capacity = 0;
    c = rig_conn(&g_rig);
    add(c, k_inst_available_params);
    CHECK_INT(run(), OSFN_OK);
    CHECK_INT(g_outcome, OSFN_WATCH_DONE);
    CHECK_INT(g_n_polls, 0);
    CHECK_INT(g_in.create_parameters.total, 2);
    CHECK_INT(osfn_client_last_call(&g_client)->status, OSFN_ERR_ARRAY_TOO_SMALL);
}

void suite_watch(void)
{
    OSFN_RUN(test_watch_bad_config);
    OSFN_RUN(test_watch_instance_available);
    OSFN_RUN(test_watch_task_outcomes);
    OSFN_RUN(test_watch_deadline);
    OSFN_RUN(test_watch_lasting_error);
    OSFN_RUN(test_watch_transient_error_keeps_polling);
    OSFN_RUN(test_watch_interval_jitter);
    OSFN_RUN(test_watch_no_callback_short_array);
}
