/**
 * @file osfn_watch.c
 * @brief Poll an instance or a task until it settles, at jittered intervals.
 */
#include "osfn/osfn_watch.h"

#include <string.h>

#include "osfn_client_private.h"

#if OSFN_ENABLE_WATCH

/** What one poll found, reduced to what decides the next step. */
typedef struct {
    int kind;        /**< Instance status or task status enum value. */
    int64_t progress;
} snapshot_t;

static uint32_t since(const osfn_client_t *client, uint32_t start)
{
    return (uint32_t)(client->cfg.clock(client->cfg.platform_ctx) - start);
}

/** Make one poll; fill @p now and tell whether the watch is over. */
static osfn_status_t poll_once(osfn_client_t *client, const osfn_watch_config_t *w,
                               osfn_instance_t *instance, osfn_task_t *task,
                               snapshot_t *now, const osfn_envelope_t **env)
{
    osfn_status_t st;
    if (w->generation == NULL) {
        st = osfn_client_get_instance(client, w->app, w->function, w->instance, "detail", instance);
        now->kind = (int)instance->status;
        now->progress = (instance->has_task && instance->task.has_progress) ? instance->task.progress : -1;
        *env = &instance->envelope;
    } else {
        st = osfn_client_get_task(client, w->app, w->function, w->instance, w->generation, task);
        now->kind = (int)task->status;
        now->progress = task->has_progress ? task->progress : -1;
        *env = &task->envelope;
    }
    if ((st != OSFN_OK) && (st != OSFN_ERR_ARRAY_TOO_SMALL)) {
        now->kind = -1;
    }
    return st;
}

/** The outcome a settled poll implies, or -1 when polling goes on. */
static int settled(const osfn_watch_config_t *w, const snapshot_t *now)
{
    if (w->generation == NULL) {
        return (now->kind == (int)OSFN_INSTANCE_STATUS_AVAILABLE) ? (int)OSFN_WATCH_DONE : -1;
    }
    if (now->kind == (int)OSFN_TASK_STATUS_SUCCESS) {
        return (int)OSFN_WATCH_DONE;
    }
    return (now->kind == (int)OSFN_TASK_STATUS_FAILED) ? (int)OSFN_WATCH_FAILED : -1;
}

/** Sleep a jittered interval, or less if the deadline comes first; false when it has passed. */
static bool wait_next(osfn_client_t *client, const osfn_watch_config_t *w, uint32_t start)
{
    uint32_t spread = w->interval_ms / 5u; /* +-20 % */
    uint32_t delay = (w->interval_ms - spread) + osfn__random_below(client, 2u * spread);
    uint32_t spent = since(client, start);
    if (spent >= w->deadline_ms) {
        return false;
    }
    if (delay > (w->deadline_ms - spent)) {
        delay = w->deadline_ms - spent;
    }
    client->cfg.sleep(client->cfg.platform_ctx, delay);
    return since(client, start) < w->deadline_ms;
}

osfn_status_t osfn_watch(osfn_client_t *client, const osfn_watch_config_t *watch,
                         osfn_instance_t *instance, osfn_task_t *task,
                         osfn_watch_outcome_t *outcome)
{
    const osfn_watch_config_t *w = watch;
    snapshot_t prev = { -2, -2 };
    osfn_watch_poll_t poll;
    uint32_t start;

    if ((client == NULL) || (w == NULL) || (outcome == NULL) ||
        ((w->generation == NULL) && (instance == NULL)) || ((w->generation != NULL) && (task == NULL))) {
        return OSFN_ERR_NULL_ARG;
    }
    if ((client->cfg.sleep == NULL) || (w->interval_ms == 0u) || (w->deadline_ms == 0u)) {
        return OSFN_ERR_BAD_CONFIG;
    }
    (void)memset(&poll, 0, sizeof(poll));
    poll.instance = (w->generation == NULL) ? instance : NULL;
    poll.task = (w->generation != NULL) ? task : NULL;
    start = client->cfg.clock(client->cfg.platform_ctx);
    for (;;) {
        snapshot_t now;
        const osfn_envelope_t *env = NULL;
        int done;
        poll.status = poll_once(client, w, instance, task, &now, &env);
        poll.polls++;
        poll.elapsed_ms = since(client, start);
        poll.changed = (now.kind != prev.kind) || (now.progress != prev.progress);
        prev = now;
        if (w->on_poll != NULL) {
            w->on_poll(w->ctx, &poll);
        }
        done = settled(w, &now);
        if (done >= 0) {
            *outcome = (osfn_watch_outcome_t)done;
            return OSFN_OK;
        }
        if ((now.kind == -1) && !osfn__is_transient(poll.status, env, client->http.status)) {
            *outcome = OSFN_WATCH_ERROR;
            return poll.status;
        }
        if (!wait_next(client, w, start)) {
            *outcome = OSFN_WATCH_DEADLINE;
            return OSFN_OK;
        }
    }
}

#endif /* OSFN_ENABLE_WATCH */
