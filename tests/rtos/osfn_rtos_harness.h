/**
 * @file osfn_rtos_harness.h
 * @brief The names the RTOS runners (tests/zephyr, tests/freertos) use for the unit-test
 *        harness of tests/unit/osfn_test.c: they run each suite on its own freshly painted
 *        thread stack to measure that suite's stack peak, so they take the suites one by one
 *        and print the summary themselves. Which suites an image holds: OSFN_RTOS_SELECT(X)
 *        in osfn_rtos_select.h (see osfn_rtos_suites.cmake).
 */
#ifndef OSFN_RTOS_HARNESS_H
#define OSFN_RTOS_HARNESS_H

#include "osfn_test.h"

typedef osfn_test_suite_t osfn_rtos_suite_t;
#define osfn_rtos_suites osfn_test_suites
#define osfn_rtos_suite_count osfn_test_suite_count
#define osfn_rtos_run_suite osfn_test_run_suite
#define osfn_rtos_summary osfn_test_summary

#endif /* OSFN_RTOS_HARNESS_H */
