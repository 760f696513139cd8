/**
 * @file mbedtls_target_config.h
 * @brief mbedTLS 2.28 configuration for the bare-metal targets (MBEDTLS_CONFIG_FILE):
 *        only what the osfn library itself uses, SHA-1 and SHA-256 contexts (HMAC is
 *        osfn's own) and mbedtls_platform_zeroize(). TLS lives in port/mbedtls and is
 *        not part of the target unit tests.
 */
#ifndef OSFN_MBEDTLS_TARGET_CONFIG_H
#define OSFN_MBEDTLS_TARGET_CONFIG_H

/* SHA-1: the ROA signature (HMAC-SHA1). */
#define MBEDTLS_SHA1_C
/* SHA-256: the ACS3-HMAC-SHA256 signature and the body hash. */
#define MBEDTLS_SHA256_C
/* The rolled-up SHA-256 compression loop: about 1.5 KB less flash, a little slower. */
#define MBEDTLS_SHA256_SMALLER

/* No platform layer (no calloc/free/printf hooks), no self tests, no time, no entropy:
 * platform_util.c is built only for mbedtls_platform_zeroize(). */
#define MBEDTLS_NO_PLATFORM_ENTROPY

#include "mbedtls/check_config.h"

#endif /* OSFN_MBEDTLS_TARGET_CONFIG_H */
