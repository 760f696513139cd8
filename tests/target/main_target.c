/**
 * @file main_target.c
 * @brief Target entry point of the unit tests (QEMU mps2-an385, semihosting): runs every
 *        suite, then the client probe (the client calls, for their stack figures), prints
 *        the stack figures, returns the status (0 only when every test and the probe
 *        passed; the startup code passes it to exit(), which QEMU turns into its own).
 */
#include <stdio.h>

#include "client_probe.h"
#include "stack_paint.h"

int osfn_test_main(const char *only);

int main(void)
{
    int rc;
    printf("osfn unit tests on %s\n", OSFN_TARGET_DESCRIPTION);
    rc = osfn_test_main(NULL);
    if (osfn_target_client_probe() != 0) {
        rc = 1;
    }
    osfn_stack_report();
    (void)fflush(stdout);
    return rc;
}
