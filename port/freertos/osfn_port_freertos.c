/**
 * @file osfn_port_freertos.c
 * @brief FreeRTOS platform functions: tick clock, vTaskDelay, wall clock, random hook.
 */
#include "osfn_port_freertos.h"

#include <string.h>

#include "FreeRTOS.h"
#include "task.h"

/* The millisecond clock wraps with the tick count only if the tick count is 32 bits. */
typedef char osfn_freertos_tick_is_32_bits[(sizeof(TickType_t) >= 4u) ? 1 : -1];

/* Milliseconds per tick when the tick rate divides 1000 (1 kHz, 500 Hz, 100 Hz...); plain
 * C constants rather than #if, since configTICK_RATE_HZ is often written with a cast. */
#define OSFN_TICK_HZ ((uint32_t)configTICK_RATE_HZ)
#define OSFN_TICK_RATE_DIVIDES_1000 ((OSFN_TICK_HZ <= 1000u) && ((1000u % OSFN_TICK_HZ) == 0u))
#define OSFN_TICK_MS (OSFN_TICK_RATE_DIVIDES_1000 ? (1000u / OSFN_TICK_HZ) : 1u)

void osfn_freertos_platform_init(osfn_freertos_platform_t *p, osfn_random_fn random,
                                 void *random_ctx)
{
    if (p != NULL) {
        (void)memset(p, 0, sizeof(*p));
        p->random = random;
        p->random_ctx = random_ctx;
        p->epoch_last_ms = osfn_freertos_clock_ms(NULL);
    }
}

void osfn_freertos_epoch_set(osfn_freertos_platform_t *p, int64_t now_s)
{
    if (p != NULL) {
        p->epoch_base_s = now_s;
        p->epoch_acc_ms = 0u;
        p->epoch_last_ms = osfn_freertos_clock_ms(NULL);
    }
}

uint32_t osfn_freertos_clock_ms(void *ctx)
{
    TickType_t ticks = xTaskGetTickCount();
    (void)ctx;
    if (OSFN_TICK_RATE_DIVIDES_1000) {
        /* ticks x portTICK_PERIOD_MS, modulo 2^32: continuous across the tick count's wrap. */
        return (uint32_t)ticks * OSFN_TICK_MS;
    }
    /* A tick rate that does not divide 1000 (e.g. 1024 Hz): exact, but the value jumps
     * once when the tick count wraps (every 2^32 ticks, 48 days at 1024 Hz). */
    return (uint32_t)(((uint64_t)ticks * 1000u) / (uint64_t)OSFN_TICK_HZ);
}

int64_t osfn_freertos_epoch(void *ctx)
{
    osfn_freertos_platform_t *p = (osfn_freertos_platform_t *)ctx;
    uint32_t now = osfn_freertos_clock_ms(NULL);
    if (p == NULL) {
        return (int64_t)(now / 1000u);
    }
    p->epoch_acc_ms += (uint64_t)(uint32_t)(now - p->epoch_last_ms); /* counts one wrap */
    p->epoch_last_ms = now;
    return p->epoch_base_s + (int64_t)(p->epoch_acc_ms / 1000u);
}

int osfn_freertos_random(void *ctx, uint8_t *buf, size_t len)
{
    const osfn_freertos_platform_t *p = (const osfn_freertos_platform_t *)ctx;
    if ((p == NULL) || (p->random == NULL) || ((buf == NULL) && (len != 0u))) {
        return -1;
    }
    return p->random(p->random_ctx, buf, len);
}

void osfn_freertos_sleep(void *ctx, uint32_t ms)
{
    uint64_t ticks;
    (void)ctx;
    if (OSFN_TICK_RATE_DIVIDES_1000) {
        ticks = ((uint64_t)ms + (OSFN_TICK_MS - 1u)) / OSFN_TICK_MS;
    } else {
        ticks = (((uint64_t)ms * (uint64_t)OSFN_TICK_HZ) + 999u) / 1000u;
    }
    /* vTaskDelay takes a TickType_t (and portMAX_DELAY would mean something else). */
    while (ticks >= (uint64_t)portMAX_DELAY) {
        vTaskDelay(portMAX_DELAY - 1u);
        ticks -= (uint64_t)(portMAX_DELAY - 1u);
    }
    vTaskDelay((TickType_t)ticks);
}

void osfn_freertos_client_platform(osfn_client_config_t *cfg, osfn_freertos_platform_t *p)
{
    if (cfg != NULL) {
        cfg->clock = osfn_freertos_clock_ms;
        cfg->epoch = osfn_freertos_epoch;
        cfg->random = osfn_freertos_random;
        cfg->sleep = osfn_freertos_sleep;
        cfg->platform_ctx = p;
    }
}
