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

#define DECLARE_SUITE(name) void suite_##name(void);
OSFN_TEST_SUITES(DECLARE_SUITE)

#define RUN_SUITE(name)                                              \
    if ((only == NULL) || (strcmp(only, #name) == 0)) {              \
        unsigned before = s_passed + s_failed;                       \
        suite_##name();                                              \
        printf("suite %-12s %u tests\n", #name, (s_passed + s_failed) - before); \
    }

int osfn_test_main(const char *only);

/** Run all suites (or only the one named); return the process exit status. */
int osfn_test_main(const char *only)
{
    OSFN_TEST_SUITES(RUN_SUITE)
    printf("%u passed, %u failed\n", s_passed, s_failed);
    return (s_failed == 0u && (s_passed > 0u)) ? 0 : 1;
}
