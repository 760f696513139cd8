/* Compiler/platform glue for the lwIP cross-compile check (arm-none-eabi + newlib). */
#ifndef OSFN_TEST_ARCH_CC_H
#define OSFN_TEST_ARCH_CC_H

#include <stdint.h>
#include <sys/time.h>

#define BYTE_ORDER LITTLE_ENDIAN
#define LWIP_PLATFORM_DIAG(x) \
    do {                      \
    } while (0)
#define LWIP_PLATFORM_ASSERT(x) \
    do {                        \
        for (;;) {              \
        }                       \
    } while (0)

#endif /* OSFN_TEST_ARCH_CC_H */
