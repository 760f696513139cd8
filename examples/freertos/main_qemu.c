/**
 * @file main_qemu.c
 * @brief The watch task on QEMU mps2-an385 with the stub connector: it polls a
 *        (canned) instance until it is available, reports each change, and the
 *        monitor prints the watch task's stack high-water mark and exits (0 when the
 *        instance became available).
 *
 * On a board, replace the stub with lwIP + TLS (README.md) and the random hook with
 * the board's TRNG; the watch task itself stays as it is.
 */
#include <stdio.h>
#include <stdlib.h>

#include "FreeRTOS.h"
#include "task.h"

#include "osfn_watch_task.h"
#include "stub_connector.h"

static StaticTask_t s_watch_tcb;
static StackType_t s_watch_stack[OSFN_WATCH_TASK_STACK_WORDS];
static StaticTask_t s_monitor_tcb;
static StackType_t s_monitor_stack[512];

static osfn_freertos_platform_t s_platform;
static osfn_stub_server_t s_server;
static osfn_watch_task_params_t s_params;
static TaskHandle_t s_watch;

/* QEMU has no TRNG. This xorshift is NOT a source of randomness: on a board, give
 * osfn_freertos_platform_init() the TRNG driver instead. */
static int demo_random(void *ctx, uint8_t *buf, size_t len)
{
    uint32_t *x = (uint32_t *)ctx;
    size_t i;
    for (i = 0u; i < len; i++) {
        *x ^= *x << 13;
        *x ^= *x >> 17;
        *x ^= *x << 5;
        buf[i] = (uint8_t)*x;
    }
    return 0;
}

static void report(void *ctx, const osfn_watch_poll_t *poll, const osfn_watch_outcome_t *outcome,
                   osfn_status_t status)
{
    (void)ctx;
    if (poll != NULL) {
        const osfn_instance_t *in = poll->instance;
        printf("watch: poll %u at %u ms: %s", (unsigned)poll->polls, (unsigned)poll->elapsed_ms,
               osfn_status_name(poll->status));
        if ((poll->status == OSFN_OK) && (in != NULL)) {
            printf(", instance %s is %s", in->instance_name, in->status_raw);
            if (in->has_task && in->task.has_progress) {
                printf(", training %ld %%", (long)in->task.progress);
            }
        }
        printf("\n");
    } else {
        static const char *const k_outcomes[] = {"done", "failed", "deadline", "error"};
        printf("watch: ended: %s (%s)\n", k_outcomes[(unsigned)*outcome & 3u], osfn_status_name(status));
    }
}

static void monitor_task(void *arg)
{
    (void)arg;
    while (!s_params.done) {
        vTaskDelay(pdMS_TO_TICKS(50));
    }
    printf("watch task: stack high-water mark %u words free of %u (peak %u bytes); %u requests, %u connection(s)\n",
           (unsigned)uxTaskGetStackHighWaterMark(s_watch), (unsigned)OSFN_WATCH_TASK_STACK_WORDS,
           (unsigned)((OSFN_WATCH_TASK_STACK_WORDS - uxTaskGetStackHighWaterMark(s_watch)) * sizeof(StackType_t)),
           s_server.requests, s_server.connects);
    vTaskDelete(s_watch);
    fflush(stdout);
    exit(((s_params.status == OSFN_OK) && (s_params.outcome == OSFN_WATCH_DONE)) ? 0 : 1);
}

int main(void)
{
    static uint32_t seed = 0x2545F491u;
    static const char k_key_id[] = "LTAI-example-key-id";         /* the stub checks no signature */
    static const char k_key_secret[] = "example-key-secret";

    osfn_freertos_platform_init(&s_platform, demo_random, &seed);
    osfn_stub_connector(&s_params.connector, &s_server);
    s_params.host = "opensearch.cn-hangzhou.aliyuncs.com";
    s_params.credentials.access_key_id = k_key_id;
    s_params.credentials.access_key_secret = k_key_secret;
    s_params.platform = &s_platform;
    s_params.watch.app = "my-app";
    s_params.watch.function = "ctr";
    s_params.watch.instance = "ctr_test";
    s_params.watch.generation = NULL; /* until the instance is available */
    s_params.watch.interval_ms = 300u;
    s_params.watch.deadline_ms = 20000u;
    s_params.report = report;

    printf("osfn FreeRTOS example: watch task on QEMU mps2-an385 (stub connector)\n");
    s_watch = xTaskCreateStatic(osfn_watch_task, "osfn-watch", OSFN_WATCH_TASK_STACK_WORDS, &s_params,
                                tskIDLE_PRIORITY + 1u, s_watch_stack, &s_watch_tcb);
    (void)xTaskCreateStatic(monitor_task, "monitor", 512u, NULL, tskIDLE_PRIORITY + 2u, s_monitor_stack,
                            &s_monitor_tcb);
    vTaskStartScheduler();
    return 1;
}
