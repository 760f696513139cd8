/**
 * @file bench_heap.c
 * @brief calloc/free wrappers with a size header, counting bytes in use and the peak.
 */
#include "bench_heap.h"

#include <stdint.h>

void *__real_calloc(size_t n, size_t size);
void __real_free(void *p);

/** Size header in front of every block; as aligned as anything malloc returns. */
typedef union bench_heap_header {
    size_t size;
    long double align_ld;
    void *align_p;
    long long align_ll;
} bench_heap_header_t;

static bench_heap_stats_t s_heap; /* benchmark instrumentation, single-threaded */

bench_heap_stats_t bench_heap_get(void)
{
    return s_heap;
}

void bench_heap_reset_peak(void)
{
    s_heap.peak = s_heap.current;
    s_heap.allocs = 0u;
}

void *__wrap_calloc(size_t n, size_t size)
{
    bench_heap_header_t *h;
    size_t bytes;
    if ((size != 0u) && (n > (SIZE_MAX - sizeof(bench_heap_header_t)) / size)) {
        return NULL;
    }
    bytes = n * size;
    h = (bench_heap_header_t *)__real_calloc(1u, sizeof(bench_heap_header_t) + bytes);
    if (h == NULL) {
        return NULL;
    }
    h->size = bytes;
    s_heap.current += bytes;
    if (s_heap.current > s_heap.peak) {
        s_heap.peak = s_heap.current;
    }
    s_heap.allocs++;
    s_heap.total++;
    return h + 1;
}

void __wrap_free(void *p)
{
    bench_heap_header_t *h;
    if (p == NULL) {
        return;
    }
    h = (bench_heap_header_t *)p - 1;
    s_heap.current -= h->size;
    __real_free(h);
}
