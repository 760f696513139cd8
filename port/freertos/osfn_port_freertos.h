/**
 * @file osfn_port_freertos.h
 * @brief The FreeRTOS platform functions: a millisecond clock from the tick count,
 *        sleep with `vTaskDelay()`, a wall clock kept from the tick count, and random
 *        bytes from a hook the application supplies.
 *
 * Sockets are not part of this port: FreeRTOS has no socket API of its own. With
 * lwIP (the usual pairing, `NO_SYS 0` on its FreeRTOS sys_arch), use the lwIP port's
 * connector (port/lwip/osfn_port_lwip.h: TCP over lwIP sockets + osfn's TLS) and take
 * the clock, sleep, wall clock and random bytes from here; docs/freertos.md shows the
 * whole set-up. Any other stack (FreeRTOS+TCP, a modem's AT sockets, ...) needs a
 * transport and connector written like port/lwip's.
 *
 * Random bytes: FreeRTOS has no entropy source. Give
 * ::osfn_freertos_platform_init() the board's TRNG (or an RNG peripheral driver, or
 * an entropy source your mbedTLS trusts) as an ::osfn_random_fn; without one,
 * ::osfn_freertos_random() fails and the client reports ::OSFN_ERR_RANDOM. The
 * same function seeds TLS: `osfn_tls_config_init(&tls, osfn_freertos_random, &platform)`.
 *
 * Threads: mutex-free. One client, one ::osfn_freertos_platform_t and one connector
 * per task; nothing here is global. Call from tasks only (not from an ISR, nor
 * before the scheduler starts: `vTaskDelay()` needs a running scheduler).
 *
 * Ticks: `TickType_t` must be 32 bits (`configTICK_TYPE_WIDTH_IN_BITS` 32, or
 * `configUSE_16_BIT_TICKS` 0 on older kernels); the millisecond clock then wraps with
 * the 32-bit tick count, and the library only takes differences of two readings.
 */
#ifndef OSFN_PORT_FREERTOS_H
#define OSFN_PORT_FREERTOS_H

#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_client.h"
#include "osfn/osfn_transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief A task's platform context: pass it as the client's `platform_ctx`. */
typedef struct osfn_freertos_platform {
    osfn_random_fn random; /**< The board's entropy source (required for nonces and TLS). */
    void *random_ctx;      /**< Passed to @ref random. */
    int64_t epoch_base_s;  /**< Wall clock at the last ::osfn_freertos_epoch_set() (0: unknown). */
    uint64_t epoch_acc_ms; /**< Milliseconds counted since then. */
    uint32_t epoch_last_ms;/**< The clock at the last reading. */
} osfn_freertos_platform_t;

/**
 * @brief Prepare a platform context (wall clock unknown, i.e. 1970 + uptime).
 * @param[out] p The context.
 * @param[in] random The board's entropy source (NULL: random bytes fail).
 * @param[in] random_ctx Passed to @p random.
 */
void osfn_freertos_platform_init(osfn_freertos_platform_t *p, osfn_random_fn random,
                                 void *random_ctx);

/**
 * @brief Set the wall clock (from SNTP, an RTC, a GNSS fix...). Without it the client
 *        corrects its time from the server's Date header, at the cost of one refused
 *        request on the first call (see README, "Clock skew").
 * @param[in,out] p The context.
 * @param[in] now_s Seconds since 1970-01-01T00:00:00Z.
 */
void osfn_freertos_epoch_set(osfn_freertos_platform_t *p, int64_t now_s);

/**
 * @brief ::osfn_clock_ms_fn: `xTaskGetTickCount()` in milliseconds.
 * @param[in] ctx Unused.
 * @return Milliseconds since the scheduler started, wrapping with the 32-bit tick count.
 */
uint32_t osfn_freertos_clock_ms(void *ctx);

/**
 * @brief ::osfn_epoch_fn. It must be read at least once per 49 days (every signed
 *        request reads it) so that a wrap of the millisecond clock is counted.
 * @param[in,out] ctx The ::osfn_freertos_platform_t (its counters advance).
 * @return Seconds since 1970-01-01T00:00:00Z: the last ::osfn_freertos_epoch_set()
 *         value plus the time counted since, or the uptime when never set.
 */
int64_t osfn_freertos_epoch(void *ctx);

/**
 * @brief ::osfn_random_fn: calls the hook of the ::osfn_freertos_platform_t.
 * @param[in] ctx The ::osfn_freertos_platform_t.
 * @param[out] buf Where the random bytes go.
 * @param[in] len Number of bytes.
 * @return The hook's result (0 on success); -1 when @p ctx is NULL or has no hook.
 */
int osfn_freertos_random(void *ctx, uint8_t *buf, size_t len);

/**
 * @brief ::osfn_sleep_fn: `vTaskDelay()` for at least @p ms, rounded up to whole ticks.
 * @param[in] ctx Unused.
 * @param[in] ms Milliseconds to sleep.
 */
void osfn_freertos_sleep(void *ctx, uint32_t ms);

/**
 * @brief Fill the platform fields of a client configuration: clock, epoch, random,
 *        sleep and `platform_ctx` = @p p. The connector, buffers and credentials are
 *        yours to set.
 * @param[in,out] cfg The configuration.
 * @param[in] p The task's platform context (must outlive the client).
 */
void osfn_freertos_client_platform(osfn_client_config_t *cfg, osfn_freertos_platform_t *p);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_PORT_FREERTOS_H */
