/**
 * @file osfn_watch_task.c
 * @brief The watch task: one client, its buffers, osfn_watch(), a report per change.
 */
#include "osfn_watch_task.h"

#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

/* The client's memory (one watch task: static; for several, put these in the params).
 * Sizes from docs/response-sizing.md: OSFN_RESPONSE_BUF_SIZE (4 KB by default) holds
 * the request, then any response measured (instance detail ~1 KB body + the head);
 * OSFN_WATCH_TASK_TOKENS (144 = 2.9 KB) covers output=detail with 8 + 8 parameters. */
static uint8_t s_buffer[OSFN_RESPONSE_BUF_SIZE];
static osfn_json_token_t s_tokens[OSFN_WATCH_TASK_TOKENS];
static osfn_param_t s_create_params[OSFN_WATCH_TASK_MAX_PARAMS];
static osfn_param_t s_usage_params[OSFN_WATCH_TASK_MAX_PARAMS];
static osfn_client_t s_client;
static osfn_instance_t s_instance;
static osfn_task_t s_task;

static void on_poll(void *ctx, const osfn_watch_poll_t *poll)
{
    const osfn_watch_task_params_t *p = (const osfn_watch_task_params_t *)ctx;
    if (poll->changed && (p->report != NULL)) {
        p->report(p->report_ctx, poll, NULL, poll->status);
    }
}

void osfn_watch_task(void *arg)
{
    osfn_watch_task_params_t *p = (osfn_watch_task_params_t *)arg;
    osfn_client_config_t cfg;
    osfn_watch_config_t watch;
    osfn_status_t st;

    (void)memset(&cfg, 0, sizeof(cfg));
    cfg.host = p->host;
    cfg.credentials = p->credentials;
    cfg.scheme = OSFN_DEFAULT_SIG_ROA ? OSFN_SIG_ROA : OSFN_SIG_V3;
    cfg.connector = p->connector;
    osfn_freertos_client_platform(&cfg, p->platform); /* clock, epoch, random, sleep */
    cfg.buffer = s_buffer;
    cfg.buffer_len = sizeof(s_buffer);
    cfg.tokens = s_tokens;
    cfg.token_count = sizeof(s_tokens) / sizeof(s_tokens[0]);

    (void)memset(&s_instance, 0, sizeof(s_instance));
    s_instance.create_parameters.items = s_create_params;
    s_instance.create_parameters.capacity = OSFN_WATCH_TASK_MAX_PARAMS;
    s_instance.usage_parameters.items = s_usage_params;
    s_instance.usage_parameters.capacity = OSFN_WATCH_TASK_MAX_PARAMS;

    watch = p->watch;
    watch.on_poll = on_poll;
    watch.ctx = p;

    st = osfn_client_init(&s_client, &cfg);
    if (st == OSFN_OK) {
        st = osfn_watch(&s_client, &watch, &s_instance, &s_task, &p->outcome);
    } else {
        p->outcome = OSFN_WATCH_ERROR;
    }
    osfn_client_close(&s_client);
    p->status = st;
    if (p->report != NULL) {
        p->report(p->report_ctx, NULL, &p->outcome, st);
    }
    p->done = 1;
    for (;;) {
        vTaskSuspend(NULL); /* a FreeRTOS task must not return: wait to be deleted */
    }
}
