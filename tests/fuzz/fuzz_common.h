/**
 * @file fuzz_common.h
 * @brief What the libFuzzer harnesses share: an assertion that aborts (so
 *        libFuzzer records the input), a small PRNG, and pointer checks.
 */
#ifndef OSFN_FUZZ_COMMON_H
#define OSFN_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** Abort with file, line and condition when @p cond is false (an invariant broke). */
#define FUZZ_ASSERT(cond)                                                              \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/** splitmix64: a tiny deterministic generator, seeded from the input. */
static inline uint64_t fuzz_rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/** True when [p, p + n) lies inside [base, base + len). */
static inline bool fuzz_inside(const void *p, size_t n, const void *base, size_t len)
{
    const uint8_t *q = (const uint8_t *)p;
    const uint8_t *b = (const uint8_t *)base;
    return (q >= b) && (q <= b + len) && (n <= (size_t)((b + len) - q));
}

/**
 * A result string is either a static "" or NUL-terminated inside [base, base + len):
 * abort otherwise. Returns its length.
 */
static inline size_t fuzz_check_string(const char *s, const void *base, size_t len)
{
    const char *b = (const char *)base;
    FUZZ_ASSERT(s != NULL);
    if ((s >= b) && (s < b + len)) {
        const void *nul = memchr(s, '\0', (size_t)((b + len) - s));
        FUZZ_ASSERT(nul != NULL);
        return (size_t)((const char *)nul - s);
    }
    FUZZ_ASSERT(s[0] == '\0'); /* outside the body: only the static empty string */
    return 0u;
}

/** Naive memmem (glibc's needs _GNU_SOURCE). */
static inline const uint8_t *fuzz_memmem(const uint8_t *h, size_t hn, const void *needle, size_t nn)
{
    size_t i;
    if ((nn == 0u) || (hn < nn)) {
        return NULL;
    }
    for (i = 0u; i + nn <= hn; i++) {
        if ((h[i] == ((const uint8_t *)needle)[0]) && (memcmp(h + i, needle, nn) == 0)) {
            return h + i;
        }
    }
    return NULL;
}

#endif /* OSFN_FUZZ_COMMON_H */
