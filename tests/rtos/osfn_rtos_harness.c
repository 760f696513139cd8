/**
 * @file osfn_rtos_harness.c
 * @brief The osfn_test.h harness for the RTOS runners: suites one at a time, counts kept here.
 */
#include "osfn_rtos_harness.h"

#include <stdio.h>

#include "osfn_rtos_select.h" /* may define OSFN_RTOS_SELECT(X): this image's suites */
#include "osfn_test_suites.h"  /* generated: OSFN_TEST_SUITES(X) */

#ifndef OSFN_RTOS_SELECT
#define OSFN_RTOS_SELECT(X) OSFN_TEST_SUITES(X)
#endif

static unsigned s_passed;
static unsigned s_failed;
static int s_current_failed;
static const char *s_current;

static void report(const char *file, int line)
{
    if (!s_current_failed) {
        printf("FAIL %s\n", s_current);
    }
    s_current_failed = 1;
    printf("  %s:%d: ", file, line);
}

void osfn_test_fail(const char *file, int line, const char *what)
{
    report(file, line);
    printf("%s\n", what);
}

void osfn_test_fail_int(const char *file, int line, const char *what, long long a, long long b)
{
    report(file, line);
    printf("%s: %lld != %lld\n", what, a, b);
}

void osfn_test_fail_str(const char *file, int line, const char *what, const char *a, const char *b)
{
    report(file, line);
    printf("%s: \"%s\" != \"%s\"\n", what, (a != NULL) ? a : "(null)", (b != NULL) ? b : "(null)");
}

void osfn_test_run(const char *name, void (*fn)(void))
{
    s_current = name;
    s_current_failed = 0;
    fn();
    if (s_current_failed) {
        s_failed++;
    } else {
        s_passed++;
    }
}

#define OSFN_RTOS_DECLARE(name) void suite_##name(void);
OSFN_RTOS_SELECT(OSFN_RTOS_DECLARE)

/* The list may be empty (an image with none of the unit suites): a terminator keeps the
 * initializer valid C99. */
#define OSFN_RTOS_ENTRY(name) {#name, suite_##name},
const osfn_rtos_suite_t osfn_rtos_suites[] = {OSFN_RTOS_SELECT(OSFN_RTOS_ENTRY){NULL, NULL}};
const size_t osfn_rtos_suite_count = (sizeof(osfn_rtos_suites) / sizeof(osfn_rtos_suites[0])) - 1u;

unsigned osfn_rtos_run_suite(const osfn_rtos_suite_t *suite)
{
    unsigned before = s_passed + s_failed;
    suite->fn();
    return (s_passed + s_failed) - before;
}

int osfn_rtos_summary(void)
{
    printf("%u passed, %u failed\n", s_passed, s_failed);
    return ((s_failed == 0u) && (s_passed > 0u)) ? 0 : 1;
}
