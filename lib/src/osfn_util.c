/**
 * @file osfn_util.c
 * @brief Private helpers that need a real function body.
 */
#include "osfn_util.h"

void osfn__wipe(void *p, size_t len)
{
    /* A volatile pointer stops the compiler from dropping stores to memory
     * that is about to go out of scope. */
    volatile uint8_t *v = (volatile uint8_t *)p;
    size_t i;
    for (i = 0u; i < len; i++) {
        v[i] = 0u;
    }
}
