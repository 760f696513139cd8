/**
 * @file osfn_test.c
 * @brief Harness runner: runs every suite, prints failures and a summary line.
 */
#include "osfn_test.h"

#include <stdio.h>

#include "osfn_test_suites.h" /* generated: OSFN_TEST_SUITES(X) */

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

/* A runner may pick a subset of the suites (an RTOS image with little RAM): a header
 * named by OSFN_TEST_SELECT_HEADER may define OSFN_RTOS_SELECT(X); else every suite. */
#ifdef OSFN_TEST_SELECT_HEADER
#include OSFN_TEST_SELECT_HEADER
#endif
#ifdef OSFN_RTOS_SELECT
#define OSFN_TEST_SELECTED(X) OSFN_RTOS_SELECT(X)
#else
#define OSFN_TEST_SELECTED(X) OSFN_TEST_SUITES(X)
#endif

#define DECLARE_SUITE(name) void suite_##name(void);
OSFN_TEST_SELECTED(DECLARE_SUITE)

/* The list may be empty (an image with none of the unit suites): a terminator keeps the
 * initializer valid C99. */
#define SUITE_ENTRY(name) { #name, suite_##name },
const osfn_test_suite_t osfn_test_suites[] = { OSFN_TEST_SELECTED(SUITE_ENTRY) { NULL, NULL } };
const size_t osfn_test_suite_count = (sizeof(osfn_test_suites) / sizeof(osfn_test_suites[0])) - 1u;

unsigned osfn_test_run_suite(const osfn_test_suite_t *suite)
{
    unsigned before = s_passed + s_failed;
    suite->fn();
    return (s_passed + s_failed) - before;
}

int osfn_test_summary(void)
{
    printf("%u passed, %u failed\n", s_passed, s_failed);
    return ((s_failed == 0u) && (s_passed > 0u)) ? 0 : 1;
}

int osfn_test_main(const char *only)
{
    size_t i;
    for (i = 0u; i < osfn_test_suite_count; i++) {
        const osfn_test_suite_t *suite = &osfn_test_suites[i];
        if ((only == NULL) || (strcmp(only, suite->name) == 0)) {
            printf("suite %-12s %u tests\n", suite->name, osfn_test_run_suite(suite));
        }
    }
    return osfn_test_summary();
}
