/**
 * @file main_freertos.c
 * @brief The library's unit tests inside FreeRTOS on QEMU mps2-an385.
 *
 * A runner task starts one task per suite of tests/unit, each on the same static
 * stack, which FreeRTOS fills with a known byte at creation; when the suite is done
 * the task reads its own high-water mark (uxTaskGetStackHighWaterMark: the least free
 * stack it ever had) and the runner prints it. Then the FreeRTOS port's own checks
 * (clock, sleep, wall clock, random hook) and one line `N passed, N failed`; the exit
 * status (0 pass, 1 fail) reaches the host through semihosting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

#include "osfn_port_freertos.h"
#include "osfn_rtos_harness.h"

/** Stack of every suite task, in words (StackType_t). */
#ifndef OSFN_SUITE_STACK_WORDS
#define OSFN_SUITE_STACK_WORDS 4096u
#endif
#define RUNNER_STACK_WORDS 1024u
#define RUNNER_PRIORITY (tskIDLE_PRIORITY + 2u)
#define SUITE_PRIORITY (tskIDLE_PRIORITY + 1u)

static StaticTask_t s_runner_tcb;
static StackType_t s_runner_stack[RUNNER_STACK_WORDS];
static StaticTask_t s_suite_tcb;
static StackType_t s_suite_stack[OSFN_SUITE_STACK_WORDS];

static TaskHandle_t s_runner;
static const osfn_rtos_suite_t *s_suite;
static unsigned s_suite_tests;
static UBaseType_t s_suite_free_words;

/* ---- one task per suite ------------------------------------------------------ */

static void suite_task(void *arg)
{
    (void)arg;
    s_suite_tests = osfn_rtos_run_suite(s_suite);
    s_suite_free_words = uxTaskGetStackHighWaterMark(NULL);
    xTaskNotifyGive(s_runner);
    vTaskSuspend(NULL); /* the runner deletes this task */
}

static void stack_exhausted(void)
{
    osfn_test_fail(__FILE__, __LINE__, "the suite used its whole stack: raise OSFN_SUITE_STACK_WORDS");
}

static void run_suite_task(const osfn_rtos_suite_t *suite)
{
    TaskHandle_t t;
    unsigned used_words;
    s_suite = suite;
    t = xTaskCreateStatic(suite_task, "suite", OSFN_SUITE_STACK_WORDS, NULL, SUITE_PRIORITY,
                          s_suite_stack, &s_suite_tcb);
    (void)ulTaskNotifyTake(pdTRUE, portMAX_DELAY);
    vTaskDelete(t);
    used_words = (unsigned)(OSFN_SUITE_STACK_WORDS - s_suite_free_words);
    printf("suite %-14s %3u tests, stack high-water mark %4u words free, peak %5u bytes of %u\n",
           suite->name, s_suite_tests, (unsigned)s_suite_free_words,
           used_words * (unsigned)sizeof(StackType_t),
           (unsigned)(OSFN_SUITE_STACK_WORDS * sizeof(StackType_t)));
    if (s_suite_free_words == 0u) {
        osfn_test_run(suite->name, stack_exhausted);
    }
}

/* ---- the FreeRTOS port itself ---------------------------------------------------- */

static unsigned s_hook_calls;

static int counting_random(void *ctx, uint8_t *buf, size_t len)
{
    size_t i;
    uint8_t *seed = (uint8_t *)ctx;
    s_hook_calls++;
    for (i = 0u; i < len; i++) {
        buf[i] = (uint8_t)(*seed + i); /* a test pattern, not randomness */
    }
    (*seed)++;
    return 0;
}

static void test_freertos_clock_and_sleep(void)
{
    uint32_t t0 = osfn_freertos_clock_ms(NULL);
    uint32_t t1;
    CHECK_INT(t0, (uint32_t)xTaskGetTickCount() * portTICK_PERIOD_MS);
    osfn_freertos_sleep(NULL, 25u);
    t1 = osfn_freertos_clock_ms(NULL);
    CHECK((uint32_t)(t1 - t0) >= 25u);
    CHECK((uint32_t)(t1 - t0) < 500u);
    osfn_freertos_sleep(NULL, 0u); /* a yield */
}

static void test_freertos_epoch(void)
{
    osfn_freertos_platform_t p;
    int64_t now;
    osfn_freertos_platform_init(&p, NULL, NULL);
    CHECK(osfn_freertos_epoch(&p) < 1000); /* unknown: seconds since boot */
    osfn_freertos_epoch_set(&p, 1700000000);
    CHECK_INT(osfn_freertos_epoch(&p), 1700000000);
    osfn_freertos_sleep(NULL, 1001u);
    now = osfn_freertos_epoch(&p);
    CHECK(now >= 1700000001);
    CHECK(now <= 1700000002);
}

static void test_freertos_random_hook(void)
{
    osfn_freertos_platform_t p;
    uint8_t seed = 7u;
    uint8_t buf[4];
    osfn_freertos_platform_init(&p, NULL, NULL);
    CHECK_INT(osfn_freertos_random(&p, buf, sizeof(buf)), -1); /* no hook: refuse */
    CHECK_INT(osfn_freertos_random(NULL, buf, sizeof(buf)), -1);
    osfn_freertos_platform_init(&p, counting_random, &seed);
    s_hook_calls = 0u;
    CHECK_INT(osfn_freertos_random(&p, buf, sizeof(buf)), 0);
    CHECK_INT(s_hook_calls, 1);
    CHECK_INT(buf[0], 7);
    CHECK_INT(buf[3], 10);
    CHECK_INT(seed, 8);
}

static void test_freertos_client_platform(void)
{
    osfn_freertos_platform_t p;
    osfn_client_config_t cfg;
    (void)memset(&cfg, 0, sizeof(cfg));
    osfn_freertos_platform_init(&p, NULL, NULL);
    osfn_freertos_client_platform(&cfg, &p);
    CHECK(cfg.clock == osfn_freertos_clock_ms);
    CHECK(cfg.epoch == osfn_freertos_epoch);
    CHECK(cfg.random == osfn_freertos_random);
    CHECK(cfg.sleep == osfn_freertos_sleep);
    CHECK(cfg.platform_ctx == &p);
}

static void suite_freertos_port(void)
{
    OSFN_RUN(test_freertos_clock_and_sleep);
    OSFN_RUN(test_freertos_epoch);
    OSFN_RUN(test_freertos_random_hook);
    OSFN_RUN(test_freertos_client_platform);
}

/* ---- runner -------------------------------------------------------------------- */

static void runner_task(void *arg)
{
    static const osfn_rtos_suite_t port_suite = {"freertos_port", suite_freertos_port};
    size_t i;
    int status;
    (void)arg;
    for (i = 0u; i < osfn_rtos_suite_count; i++) {
        run_suite_task(&osfn_rtos_suites[i]);
    }
    run_suite_task(&port_suite);
    printf("runner task: stack high-water mark %u words free of %u\n",
           (unsigned)uxTaskGetStackHighWaterMark(NULL), (unsigned)RUNNER_STACK_WORDS);
    status = osfn_rtos_summary();
    fflush(stdout);
    exit(status);
}

int main(void)
{
    printf("osfn unit tests in FreeRTOS %s on QEMU mps2-an385 (Cortex-M3), one task per suite\n",
           tskKERNEL_VERSION_NUMBER);
    s_runner = xTaskCreateStatic(runner_task, "runner", RUNNER_STACK_WORDS, NULL, RUNNER_PRIORITY,
                                 s_runner_stack, &s_runner_tcb);
    vTaskStartScheduler();
    printf("the scheduler returned\n");
    return 1;
}
