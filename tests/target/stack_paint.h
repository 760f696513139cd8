/**
 * @file stack_paint.h
 * @brief Stack painting for the target test run: the program stack is filled with a
 *        pattern, and the lowest word no longer holding it tells how deep the stack went.
 *
 * Three figures come out of one run (printed by osfn_stack_report()):
 *  - the whole run's peak (painted once at reset);
 *  - each suite's peak: the generated osfn_test_suites.h renames `suite_<name>` so the
 *    runner calls a generated wrapper that calls osfn_stack_suite_begin/end around it;
 *  - each public library call's own peak: the link wraps every public `osfn_*` function
 *    (`--wrap`), and the generated wrapper paints a window below the stack pointer, calls
 *    the real function, and finds how far below its entry stack pointer it wrote
 *    (OSFN_STACK_WRAP_CALL). Calls made by the library to its own public functions are
 *    not wrapped (the library is linked as one relocatable object first).
 * Single-threaded, no interrupts: nothing else writes below the stack pointer.
 */
#ifndef OSFN_TARGET_STACK_PAINT_H
#define OSFN_TARGET_STACK_PAINT_H

#include <stdint.h>

#define OSFN_STACK_PATTERN 0x5CA1AB1Eu
/** Bytes below the stack pointer kept painted for each wrapped call (a call that writes
 *  the window's lowest word is reported as ">= window"). The library's deepest call is
 *  under 2 KB; the tests make some 500 000 wrapped calls, so the window sets the run time. */
#define OSFN_STACK_WINDOW 4096u

/** One wrapped public function (table generated with the wrappers). */
typedef struct osfn_stack_call {
    const char *name;     /**< Function name. */
    uint32_t calls;       /**< Outermost calls seen. */
    uint32_t peak;        /**< Deepest write below the entry stack pointer, in bytes. */
    uint32_t window_full; /**< Non-zero when a call wrote the window's lowest word (peak >= window). */
} osfn_stack_call_t;

extern osfn_stack_call_t osfn_stack_calls[];
extern const unsigned osfn_stack_call_count;
/** Non-zero while a wrapped call runs (nested wrapped calls are passed straight through). */
extern unsigned osfn_stack_nesting;

extern uint32_t __osfn_stack_bottom[];
extern uint32_t __osfn_stack_top[];

/** Fill the words of [lo, hi) with the pattern. */
void osfn_stack_paint_range(uintptr_t lo, uintptr_t hi);
/** Remember that the stack was used down to @p addr (kept for the run and suite figures). */
void osfn_stack_note(uintptr_t addr);
/** Record one wrapped call of table entry @p idx: it wrote down to @p low, entered at @p sp. */
void osfn_stack_record(unsigned idx, uintptr_t sp, uintptr_t low, uintptr_t window_lo);

void osfn_stack_suite_begin(const char *name);
void osfn_stack_suite_end(void);
/** Print the run, suite and per-call figures (lines starting with "stack:"). */
void osfn_stack_report(void);

/* ---- inline parts of the call wrappers: no function call may write below the stack
 *      pointer between painting the window and scanning it. ---- */

static inline __attribute__((always_inline)) uintptr_t osfn_stack_sp(void)
{
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/** Lowest address in [lo, hi) whose word lost the pattern, or @p hi when none did. */
static inline __attribute__((always_inline)) uintptr_t osfn_stack_scan(uintptr_t lo, uintptr_t hi)
{
    const volatile uint32_t *p = (const volatile uint32_t *)lo;
    while (((uintptr_t)p < hi) && (*p == OSFN_STACK_PATTERN)) {
        p++;
    }
    return (uintptr_t)p;
}

static inline __attribute__((always_inline)) void osfn_stack_fill(uintptr_t lo, uintptr_t hi)
{
    volatile uint32_t *p = (volatile uint32_t *)lo;
    while ((uintptr_t)p < hi) {
        *p++ = OSFN_STACK_PATTERN;
    }
}

/* The wrappers take and pass on 12 argument words: AAPCS puts the first four in r0-r3
 * and the rest on the stack in order, so forwarding the words forwards any argument list
 * of up to 12 words (64-bit arguments and by-value structs included); a 64-bit result
 * comes back in r0:r1, a struct result through the hidden pointer in r0. */
#define OSFN_STACK_WORDS_DECL                                                          \
    uint32_t w0, uint32_t w1, uint32_t w2, uint32_t w3, uint32_t w4, uint32_t w5,      \
        uint32_t w6, uint32_t w7, uint32_t w8, uint32_t w9, uint32_t w10, uint32_t w11
#define OSFN_STACK_WORDS w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11

#define OSFN_STACK_WRAP_CALL(idx, real)                                                \
    do {                                                                               \
        uint64_t r_;                                                                   \
        uintptr_t sp_, lo_, sp_low_;                                                   \
        if (osfn_stack_nesting != 0u) {                                                \
            return real(OSFN_STACK_WORDS);                                             \
        }                                                                              \
        sp_ = osfn_stack_sp() & ~(uintptr_t)3u;                                        \
        lo_ = ((sp_ - (uintptr_t)__osfn_stack_bottom) > OSFN_STACK_WINDOW)            \
                  ? (sp_ - OSFN_STACK_WINDOW)                                          \
                  : (uintptr_t)__osfn_stack_bottom;                                    \
        /* [lo_, first written word) still holds the pattern: repaint only above it. */  \
        sp_low_ = osfn_stack_scan(lo_, sp_);                                           \
        osfn_stack_note(sp_low_);                                                      \
        osfn_stack_fill(sp_low_, sp_);                                                 \
        osfn_stack_nesting++;                                                          \
        r_ = real(OSFN_STACK_WORDS);                                                   \
        osfn_stack_nesting--;                                                          \
        osfn_stack_record((idx), sp_, osfn_stack_scan(lo_, sp_), lo_);                 \
        return r_;                                                                     \
    } while (0)

#endif /* OSFN_TARGET_STACK_PAINT_H */
