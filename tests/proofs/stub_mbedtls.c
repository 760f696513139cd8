/**
 * @file stub_mbedtls.c
 * @brief ACSL contracts standing in for the mbedTLS SHA-1 / SHA-256 calls.
 *
 * The proofs are about osfn's code, not mbedTLS's: each hash call is replaced
 * by a contract, checked at every call site (Eva and WP), and a trivial body
 * that does what the contract allows (Eva analyses the body; WP uses the
 * contract). The contracts say what osfn may
 * rely on and nothing more: a context is written only through its pointer;
 * `update` reads exactly `ilen` initialised bytes; `finish` writes exactly the
 * digest length into `output`; every call may fail (returns 0 or a negative
 * mbedTLS error), so the error paths are explored too.
 */
#include <stddef.h>

#include "__fc_builtin.h"

#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>
#include <mbedtls/version.h>

/*@ requires \valid(ctx);
    assigns *ctx \from \nothing; */
void mbedtls_sha1_init(mbedtls_sha1_context *ctx)
{
    Frama_C_make_unknown((char *)ctx, sizeof(*ctx));
}

/*@ requires ctx == \null || \valid(ctx);
    assigns *ctx \from \nothing; */
void mbedtls_sha1_free(mbedtls_sha1_context *ctx)
{
    if (ctx != NULL) {
        Frama_C_make_unknown((char *)ctx, sizeof(*ctx));
    }
}

/*@ requires \valid(ctx);
    assigns *ctx \from \nothing; */
void mbedtls_sha256_init(mbedtls_sha256_context *ctx)
{
    Frama_C_make_unknown((char *)ctx, sizeof(*ctx));
}

/*@ requires ctx == \null || \valid(ctx);
    assigns *ctx \from \nothing; */
void mbedtls_sha256_free(mbedtls_sha256_context *ctx)
{
    if (ctx != NULL) {
        Frama_C_make_unknown((char *)ctx, sizeof(*ctx));
    }
}

#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#define OSFN_STUB(name) name
#else
#define OSFN_STUB(name) name##_ret
#endif

/*@ requires \valid(ctx);
    assigns *ctx \from \nothing;
    assigns \result \from \nothing;
    ensures \result == 0 || \result == -1; */
int OSFN_STUB(mbedtls_sha1_starts)(mbedtls_sha1_context *ctx)
{
    Frama_C_make_unknown((char *)ctx, sizeof(*ctx));
    return -Frama_C_interval(0, 1);
}

/*@ requires \valid(ctx);
    requires \valid_read(input + (0 .. ilen - 1));
    requires \initialized(input + (0 .. ilen - 1));
    assigns *ctx \from *ctx, input[0 .. ilen - 1];
    assigns \result \from \nothing;
    ensures \result == 0 || \result == -1; */
int OSFN_STUB(mbedtls_sha1_update)(mbedtls_sha1_context *ctx, const unsigned char *input,
                                   size_t ilen)
{
    (void)input;
    (void)ilen;
    Frama_C_make_unknown((char *)ctx, sizeof(*ctx));
    return -Frama_C_interval(0, 1);
}

/*@ requires \valid(ctx);
    requires \valid(output + (0 .. 19));
    assigns *ctx \from *ctx;
    assigns output[0 .. 19] \from *ctx;
    assigns \result \from \nothing;
    ensures \initialized(output + (0 .. 19));
    ensures \result == 0 || \result == -1; */
int OSFN_STUB(mbedtls_sha1_finish)(mbedtls_sha1_context *ctx, unsigned char output[20])
{
    Frama_C_make_unknown((char *)ctx, sizeof(*ctx));
    Frama_C_make_unknown((char *)output, 20u);
    return -Frama_C_interval(0, 1);
}

/*@ requires \valid(ctx);
    requires is224 == 0;
    assigns *ctx \from \nothing;
    assigns \result \from \nothing;
    ensures \result == 0 || \result == -1; */
int OSFN_STUB(mbedtls_sha256_starts)(mbedtls_sha256_context *ctx, int is224)
{
    (void)is224;
    Frama_C_make_unknown((char *)ctx, sizeof(*ctx));
    return -Frama_C_interval(0, 1);
}

/*@ requires \valid(ctx);
    requires \valid_read(input + (0 .. ilen - 1));
    requires \initialized(input + (0 .. ilen - 1));
    assigns *ctx \from *ctx, input[0 .. ilen - 1];
    assigns \result \from \nothing;
    ensures \result == 0 || \result == -1; */
int OSFN_STUB(mbedtls_sha256_update)(mbedtls_sha256_context *ctx, const unsigned char *input,
                                     size_t ilen)
{
    (void)input;
    (void)ilen;
    Frama_C_make_unknown((char *)ctx, sizeof(*ctx));
    return -Frama_C_interval(0, 1);
}

/*@ requires \valid(ctx);
    requires \valid(output + (0 .. 31));
    assigns *ctx \from *ctx;
    assigns output[0 .. 31] \from *ctx;
    assigns \result \from \nothing;
    ensures \initialized(output + (0 .. 31));
    ensures \result == 0 || \result == -1; */
int OSFN_STUB(mbedtls_sha256_finish)(mbedtls_sha256_context *ctx, unsigned char output[32])
{
    Frama_C_make_unknown((char *)ctx, sizeof(*ctx));
    Frama_C_make_unknown((char *)output, 32u);
    return -Frama_C_interval(0, 1);
}
