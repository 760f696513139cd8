/**
 * @file stack_paint.c
 * @brief Run, suite and per-call stack figures from the painted program stack.
 */
#include "stack_paint.h"

#include <stdio.h>

unsigned osfn_stack_nesting;

static uintptr_t s_low_run = UINTPTR_MAX;   /* lowest address written, whole run */
static uintptr_t s_low_suite = UINTPTR_MAX; /* lowest address written, current suite */
static uintptr_t s_suite_sp;                /* stack pointer when the suite began */

#define MAX_SUITES 32u
static struct {
    const char *name;
    uint32_t peak;     /* bytes below the stack top */
    uint32_t own_peak; /* bytes below the suite's entry stack pointer */
} s_suites[MAX_SUITES];
static unsigned s_suite_count;

void osfn_stack_paint_range(uintptr_t lo, uintptr_t hi)
{
    osfn_stack_fill(lo, hi);
}

void osfn_stack_note(uintptr_t addr)
{
    if (addr < s_low_run) {
        s_low_run = addr;
    }
    if (addr < s_low_suite) {
        s_low_suite = addr;
    }
}

void osfn_stack_record(unsigned idx, uintptr_t sp, uintptr_t low, uintptr_t window_lo)
{
    osfn_stack_call_t *c = &osfn_stack_calls[idx];
    uint32_t used = (uint32_t)(sp - low);
    osfn_stack_note(low);
    c->calls++;
    if (used > c->peak) {
        c->peak = used;
    }
    if ((low == window_lo) && (used > 0u)) {
        c->window_full = 1u;
    }
}

/** Lowest written address of the whole stack below the current frame. */
static uintptr_t scan_all(uintptr_t sp)
{
    return osfn_stack_scan((uintptr_t)__osfn_stack_bottom, sp);
}

void osfn_stack_suite_begin(const char *name)
{
    uintptr_t sp = osfn_stack_sp() & ~(uintptr_t)3u;
    osfn_stack_note(scan_all(sp));
    osfn_stack_paint_range((uintptr_t)__osfn_stack_bottom, sp);
    s_low_suite = sp;
    s_suite_sp = sp;
    if (s_suite_count < MAX_SUITES) {
        s_suites[s_suite_count].name = name;
    }
}

void osfn_stack_suite_end(void)
{
    uintptr_t sp = osfn_stack_sp() & ~(uintptr_t)3u;
    osfn_stack_note(scan_all(sp));
    if (s_suite_count < MAX_SUITES) {
        s_suites[s_suite_count].peak = (uint32_t)((uintptr_t)__osfn_stack_top - s_low_suite);
        s_suites[s_suite_count].own_peak = (uint32_t)(s_suite_sp - s_low_suite);
        s_suite_count++;
    }
}

void osfn_stack_report(void)
{
    unsigned i;
    uintptr_t sp = osfn_stack_sp() & ~(uintptr_t)3u;
    uint32_t size = (uint32_t)((uintptr_t)__osfn_stack_top - (uintptr_t)__osfn_stack_bottom);
    osfn_stack_note(scan_all(sp));
    printf("stack: run peak %lu bytes of the %lu-byte program stack (painted; the tests' own frames included)\n",
           (unsigned long)((uintptr_t)__osfn_stack_top - s_low_run), (unsigned long)size);
    for (i = 0u; i < s_suite_count; i++) {
        printf("stack: suite %-10s peak %5lu bytes from the stack top, %5lu below the suite's entry\n",
               s_suites[i].name, (unsigned long)s_suites[i].peak, (unsigned long)s_suites[i].own_peak);
    }
    for (i = 0u; i < osfn_stack_call_count; i++) {
        const osfn_stack_call_t *c = &osfn_stack_calls[i];
        if (c->calls == 0u) {
            printf("stack: call %-32s not called\n", c->name);
        } else {
            printf("stack: call %-32s %s%5lu bytes, %lu calls\n", c->name, c->window_full ? ">=" : "  ",
                   (unsigned long)c->peak, (unsigned long)c->calls);
        }
    }
}
