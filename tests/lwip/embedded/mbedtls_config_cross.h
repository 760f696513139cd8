/* mbedTLS configuration for the lwIP cross-compile check: the host's (Debian's) default
 * configuration without its pthread threading layer, which a bare-metal toolchain lacks.
 * Given as MBEDTLS_CONFIG_FILE (mbedTLS 2.28). Only headers are compiled. */
#include "mbedtls/config.h"
#undef MBEDTLS_THREADING_C
#undef MBEDTLS_THREADING_PTHREAD
