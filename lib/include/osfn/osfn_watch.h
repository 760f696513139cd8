/**
 * @file osfn_watch.h
 * @brief Poll until an instance is available or a training task has finished.
 *
 * The watch polls on the client's kept-alive connection at jittered intervals
 * (each interval drawn uniformly from 80 % to 120 % of the configured one, so
 * a fleet of devices does not poll in step), sleeping through the port's
 * sleep function between polls. Each call inside is retried by the client's
 * own policy; a poll that still fails with a transient error (network, 5xx,
 * throttling) does not end the watch, any other error does.
 */
#ifndef OSFN_WATCH_H
#define OSFN_WATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "osfn/osfn_client.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief How a watch ended. */
typedef enum osfn_watch_outcome {
    OSFN_WATCH_DONE = 0,    /**< The instance is available, or the task succeeded. */
    OSFN_WATCH_FAILED = 1,  /**< The task failed. */
    OSFN_WATCH_DEADLINE = 2,/**< The deadline passed first. */
    OSFN_WATCH_ERROR = 3    /**< A poll failed with an error that polling again will not fix. */
} osfn_watch_outcome_t;

/** @brief What the watch saw at one poll (handed to ::osfn_watch_fn). */
typedef struct osfn_watch_poll {
    uint32_t polls;                 /**< Polls so far, this one included. */
    uint32_t elapsed_ms;            /**< Since the watch started. */
    osfn_status_t status;           /**< Status of this poll. */
    bool changed;                   /**< True when status or progress differs from the previous poll. */
    const osfn_instance_t *instance;/**< The instance result (instance watch), else NULL. */
    const osfn_task_t *task;        /**< The task result (task watch), else NULL. */
} osfn_watch_poll_t;

/**
 * @brief Called after every poll (for a progress display or a report).
 * @param[in] ctx ::osfn_watch_config_t::ctx.
 * @param[in] poll What this poll saw; valid during the call only.
 */
typedef void (*osfn_watch_fn)(void *ctx, const osfn_watch_poll_t *poll);

/** @brief What to watch, how often, and for how long. */
typedef struct osfn_watch_config {
    const char *app;          /**< appGroupIdentity. */
    const char *function;     /**< functionName. */
    const char *instance;     /**< instanceName. */
    const char *generation;   /**< NULL: wait until the instance is available; else: until this task finishes. */
    uint32_t interval_ms;     /**< Mean time between polls (jittered +-20 %); must be > 0. */
    uint32_t deadline_ms;     /**< Give up after this long; must be > 0. */
    osfn_watch_fn on_poll;    /**< Optional; called after each poll. */
    void *ctx;                /**< Passed to @ref on_poll. */
} osfn_watch_config_t;

/**
 * @brief Poll until done, failed, the deadline, or a lasting error.
 *
 * @param[in,out] client A client whose config has a sleep function.
 * @param[in] watch What to watch.
 * @param[in,out] instance Result storage for an instance watch (set its parameter arrays, or zero it).
 * @param[out] task Result storage for a task watch.
 * @param[out] outcome How it ended.
 * @return ::OSFN_OK when the watch ran to an outcome (DONE, FAILED or DEADLINE);
 *         the poll's status with ::OSFN_WATCH_ERROR; ::OSFN_ERR_NULL_ARG or
 *         ::OSFN_ERR_BAD_CONFIG (no sleep function, zero interval or deadline).
 */
osfn_status_t osfn_watch(osfn_client_t *client, const osfn_watch_config_t *watch,
                         osfn_instance_t *instance, osfn_task_t *task,
                         osfn_watch_outcome_t *outcome);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_WATCH_H */
