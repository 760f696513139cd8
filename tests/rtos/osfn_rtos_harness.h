/**
 * @file osfn_rtos_harness.h
 * @brief The unit-test harness (the API of tests/unit/osfn_test.h) for the RTOS
 *        runners of tests/zephyr and tests/freertos, which replace
 *        tests/unit/osfn_test.c: they run each suite on its own freshly painted
 *        thread stack to measure that suite's stack peak, so they need the suites
 *        one by one and the pass/fail counts without a summary line per suite.
 *
 * Output is the same as osfn_test.c's: `FAIL <test>` and `  file:line: what` per
 * failure, then (printed by the runner) one line per suite and one final
 * `N passed, N failed`.
 */
#ifndef OSFN_RTOS_HARNESS_H
#define OSFN_RTOS_HARNESS_H

#include <stddef.h>

#include "osfn_test.h"

/** One suite of tests/unit (`void suite_<name>(void)`). */
typedef struct osfn_rtos_suite {
    const char *name;  /**< The suite's name (`test_<name>.c`). */
    void (*fn)(void);  /**< Its entry point. */
} osfn_rtos_suite_t;

/** The suites of this image: OSFN_RTOS_SELECT(X) of osfn_rtos_select.h, else every
 *  suite of the generated osfn_test_suites.h, in that order. */
extern const osfn_rtos_suite_t osfn_rtos_suites[];
/** How many entries ::osfn_rtos_suites has. */
extern const size_t osfn_rtos_suite_count;

/**
 * @brief Run one suite in the calling thread.
 * @return The number of tests it ran.
 */
unsigned osfn_rtos_run_suite(const osfn_rtos_suite_t *suite);

/**
 * @brief Print `N passed, N failed` for everything run so far.
 * @return 0 when nothing failed and at least one test passed, else 1.
 */
int osfn_rtos_summary(void);

#endif /* OSFN_RTOS_HARNESS_H */
