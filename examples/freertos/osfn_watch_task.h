/**
 * @file osfn_watch_task.h
 * @brief A firmware-style FreeRTOS task that watches one OpenSearch instance (or one
 *        training task) with osfn_watch() and reports each change.
 *
 * Create it with xTaskCreateStatic() (or xTaskCreate()) and a stack of
 * ::OSFN_WATCH_TASK_STACK_WORDS; give it an ::osfn_watch_task_params_t that outlives
 * it. Everything the task needs is in that struct or static in osfn_watch_task.c:
 * the request/response buffer, the JSON tokens, the parameter arrays and the client.
 * See README.md for the sizes and how they were measured.
 */
#ifndef OSFN_WATCH_TASK_H
#define OSFN_WATCH_TASK_H

#include <stdint.h>

#include "osfn/osfn_client.h"
#include "osfn/osfn_watch.h"
#include "osfn_port_freertos.h"

/**
 * Stack of the watch task, in words (StackType_t, 4 bytes on Cortex-M). 2048 words
 * (8 KB) is what this example gives it under QEMU, where the measured peak is 1.8 KB
 * (client, V3 signing, HTTP reading, JSON mapping, watch loop and the report's newlib
 * printf; stub connector, so no TLS and no lwIP). On a board the TLS handshake and the
 * lwIP socket calls run on this stack too: see README.md for what to add.
 */
#ifndef OSFN_WATCH_TASK_STACK_WORDS
#define OSFN_WATCH_TASK_STACK_WORDS 2048u
#endif

/** Entries of each parameter array (createParameters, usageParameters). */
#ifndef OSFN_WATCH_TASK_MAX_PARAMS
#define OSFN_WATCH_TASK_MAX_PARAMS 8u
#endif

/** JSON tokens: an instance with output=detail needs 57 + 5 per parameter
 *  (docs/response-sizing.md); both arrays full, plus a margin of 7 for unknown members. */
#ifndef OSFN_WATCH_TASK_TOKENS
#define OSFN_WATCH_TASK_TOKENS (64u + (10u * OSFN_WATCH_TASK_MAX_PARAMS))
#endif

/** How the task reports: once per poll whose status or progress changed, and at the end. */
typedef void (*osfn_watch_task_report_fn)(void *ctx, const osfn_watch_poll_t *poll,
                                          const osfn_watch_outcome_t *outcome, osfn_status_t status);

/** What the task needs; owned by the caller, read by the task. */
typedef struct osfn_watch_task_params {
    const char *host;                  /**< Host header, e.g. "opensearch.cn-hangzhou.aliyuncs.com". */
    osfn_credentials_t credentials;    /**< AccessKey (and STS token): referenced, keep them alive. */
    osfn_connector_t connector;        /**< TCP + TLS (e.g. osfn_lwip_net_connector()). */
    osfn_freertos_platform_t *platform;/**< Clock, wall clock, random hook (one per task). */
    osfn_watch_config_t watch;         /**< What to watch, how often, for how long (on_poll is set by the task). */
    osfn_watch_task_report_fn report;  /**< Called on changes and at the end (from the watch task). */
    void *report_ctx;                  /**< Passed to @ref report. */
    volatile int done;                 /**< Set to 1 by the task when the watch has ended. */
    osfn_watch_outcome_t outcome;      /**< How it ended (valid when @ref done). */
    osfn_status_t status;              /**< osfn_watch()'s status (valid when @ref done). */
} osfn_watch_task_params_t;

/**
 * @brief The task function: set up a client, watch, report, then wait to be deleted.
 * @param[in] arg An ::osfn_watch_task_params_t.
 */
void osfn_watch_task(void *arg);

#endif /* OSFN_WATCH_TASK_H */
