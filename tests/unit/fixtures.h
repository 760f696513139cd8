/**
 * @file fixtures.h
 * @brief Embedded copies of the .json files in tests/fixtures (kept in sync by the result suite).
 */
#ifndef OSFN_TEST_FIXTURES_H
#define OSFN_TEST_FIXTURES_H

#include <stddef.h>

/** One embedded fixture. */
typedef struct fixture {
    const char *name; /**< File name under tests/fixtures. */
    const char *body; /**< Its exact content. */
} fixture_t;

/** All embedded fixtures; @p count receives how many. */
const fixture_t *fixture_table(size_t *count);

#endif /* OSFN_TEST_FIXTURES_H */
