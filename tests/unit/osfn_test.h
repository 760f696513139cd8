/**
 * @file osfn_test.h
 * @brief A tiny unit-test harness: no allocation, no stdio beyond printf, so
 *        the same tests run on a host and on Cortex-M under QEMU semihosting.
 *
 * A suite file `tests/unit/test_<name>.c` defines `void suite_<name>(void)`
 * that calls OSFN_RUN(test_fn) for each test; the build finds it by its name.
 */
#ifndef OSFN_TEST_H
#define OSFN_TEST_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/** Record a failure of the running test (prints file, line and text). */
void osfn_test_fail(const char *file, int line, const char *what);
/** Record a failure with two integers shown. */
void osfn_test_fail_int(const char *file, int line, const char *what, long long a, long long b);
/** Record a failure with two strings shown. */
void osfn_test_fail_str(const char *file, int line, const char *what, const char *a, const char *b);
/** Run one test function under @p name. */
void osfn_test_run(const char *name, void (*fn)(void));

#define OSFN_RUN(fn) osfn_test_run(#fn, fn)

/** One suite (`void suite_<name>(void)` in `tests/unit/test_<name>.c`). */
typedef struct osfn_test_suite {
    const char *name;  /**< The suite's name. */
    void (*fn)(void);  /**< Its entry point. */
} osfn_test_suite_t;

/** The suites of this build, in order (all, or those an RTOS image selects). */
extern const osfn_test_suite_t osfn_test_suites[];
/** How many entries ::osfn_test_suites has. */
extern const size_t osfn_test_suite_count;
/** Run one suite in the calling thread; returns the number of tests it ran. */
unsigned osfn_test_run_suite(const osfn_test_suite_t *suite);
/** Print `N passed, N failed` for everything run so far; 0 when all passed (and some ran). */
int osfn_test_summary(void);
/** Run every suite (or only the one named), print a line per suite and the summary. */
int osfn_test_main(const char *only);

#define CHECK(cond)                                              \
    do {                                                         \
        if (!(cond)) {                                           \
            osfn_test_fail(__FILE__, __LINE__, #cond);           \
            return;                                              \
        }                                                        \
    } while (0)

#define CHECK_INT(a, b)                                                          \
    do {                                                                         \
        long long osfn_a_ = (long long)(a);                                      \
        long long osfn_b_ = (long long)(b);                                      \
        if (osfn_a_ != osfn_b_) {                                                \
            osfn_test_fail_int(__FILE__, __LINE__, #a " == " #b, osfn_a_, osfn_b_); \
            return;                                                              \
        }                                                                        \
    } while (0)

#define CHECK_STR(a, b)                                                          \
    do {                                                                         \
        const char *osfn_a_ = (a);                                               \
        const char *osfn_b_ = (b);                                               \
        if ((osfn_a_ == NULL) || (osfn_b_ == NULL) || (strcmp(osfn_a_, osfn_b_) != 0)) { \
            osfn_test_fail_str(__FILE__, __LINE__, #a " == " #b, osfn_a_, osfn_b_); \
            return;                                                              \
        }                                                                        \
    } while (0)

/** Compare @p n bytes at @p a with the NUL-terminated @p b (which must be n long). */
#define CHECK_MEM(a, n, b)                                                       \
    do {                                                                         \
        size_t osfn_n_ = (size_t)(n);                                            \
        if ((osfn_n_ != strlen(b)) || (memcmp((a), (b), osfn_n_) != 0)) {        \
            osfn_test_fail(__FILE__, __LINE__, #a " (" #n " bytes) == " #b);     \
            return;                                                              \
        }                                                                        \
    } while (0)

#endif /* OSFN_TEST_H */
