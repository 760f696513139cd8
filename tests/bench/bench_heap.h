/**
 * @file bench_heap.h
 * @brief Heap accounting for the benchmark: wrappers of calloc/free (linked with
 *        `-Wl,--wrap=calloc -Wl,--wrap=free`) that keep the bytes in use and their peak.
 *
 * Only code linked statically into the benchmark goes through the wrappers: the osfn
 * library (which never allocates), the port, and mbedTLS when its static archives are
 * linked. mbedTLS without MBEDTLS_PLATFORM_MEMORY (Debian's 2.28, and 3.6's default)
 * calls calloc/free directly, so the figures are mbedTLS's heap. libc's own allocations
 * (getaddrinfo, stdio) happen inside libc.so and are not counted.
 */
#ifndef OSFN_BENCH_HEAP_H
#define OSFN_BENCH_HEAP_H

#include <stddef.h>

/** @brief Heap counters: bytes requested (the wrapper's header is not counted). */
typedef struct bench_heap_stats {
    size_t current;   /**< Bytes in use now. */
    size_t peak;      /**< Most bytes in use since the last bench_heap_reset_peak(). */
    size_t allocs;    /**< calloc calls since the last bench_heap_reset_peak(). */
    size_t total;     /**< calloc calls since start. */
} bench_heap_stats_t;

/** @brief The counters now. */
bench_heap_stats_t bench_heap_get(void);

/** @brief Start a new peak window: peak = current, allocs = 0. */
void bench_heap_reset_peak(void);

void *__wrap_calloc(size_t n, size_t size);
void __wrap_free(void *p);

#endif /* OSFN_BENCH_HEAP_H */
