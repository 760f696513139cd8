/**
 * @file osfn_crypto.h
 * @brief SHA-1, SHA-256 and their HMACs on mbedTLS's low-level contexts (private).
 *
 * mbedTLS's generic `md` API allocates its context (`mbedtls_md_setup`), so
 * the library builds HMAC itself (RFC 2104) on the allocation-free
 * `mbedtls_sha1_*` / `mbedtls_sha256_*` calls. Works with mbedTLS 2.28 and 3.x.
 */
#ifndef OSFN_CRYPTO_H
#define OSFN_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>

#include "osfn/osfn_status.h"

#define OSFN_SHA1_LEN 20u
#define OSFN_SHA256_LEN 32u
#define OSFN_HASH_BLOCK 64u

/*@ logic integer osfn_digest_len(integer alg) = (alg == 0) ? 20 : 32; */

/** Which hash an ::osfn_hash_t runs. */
typedef enum { OSFN_HASH_SHA1, OSFN_HASH_SHA256 } osfn_hash_alg_t;

/** A running hash of either kind. */
typedef struct {
    osfn_hash_alg_t alg;
    int err; /**< Non-zero once any mbedTLS call failed. */
    union {
        mbedtls_sha1_context sha1;
        mbedtls_sha256_context sha256;
    } u;
} osfn_hash_t;

/** A running HMAC: the inner hash plus the outer key pad kept for the end. */
typedef struct {
    osfn_hash_t inner;
    uint8_t opad[OSFN_HASH_BLOCK];
} osfn_hmac_t;

/** Digest length of @p alg in bytes. */
/*@ assigns \nothing;
    ensures \result == osfn_digest_len(alg); */
size_t osfn_hash_len(osfn_hash_alg_t alg);

/** Start a hash. */
/*@ requires \valid(h);
    assigns *h;
    ensures h->alg == alg; */
void osfn_hash_start(osfn_hash_t *h, osfn_hash_alg_t alg);
/** Feed @p len bytes. */
/*@ requires \valid(h);
    requires \valid_read((const unsigned char *)data + (0 .. len - 1));
    requires \initialized((const unsigned char *)data + (0 .. len - 1));
    assigns *h;
    ensures h->alg == \old(h->alg);
*/
void osfn_hash_update(osfn_hash_t *h, const void *data, size_t len);
/** Finish into @p out (osfn_hash_len bytes) and wipe the context. */
/*@ requires \valid(h) && (h->alg == OSFN_HASH_SHA1 || h->alg == OSFN_HASH_SHA256);
    requires \valid(out + (0 .. osfn_digest_len(h->alg) - 1));
    requires \separated(h, out + (0 .. osfn_digest_len(h->alg) - 1));
    assigns *h, out[0 .. osfn_digest_len(h->alg) - 1];
    ensures h->alg == \old(h->alg); */
osfn_status_t osfn_hash_finish(osfn_hash_t *h, uint8_t *out);

/** Start an HMAC keyed with @p key (any length; keys over 64 bytes are hashed first). */
/*@ requires \valid(m);
    requires alg == OSFN_HASH_SHA1 || alg == OSFN_HASH_SHA256;
    requires \valid_read((const unsigned char *)key + (0 .. key_len - 1));
    requires \initialized((const unsigned char *)key + (0 .. key_len - 1));
    requires \separated(m, (const unsigned char *)key + (0 .. key_len - 1));
    assigns *m;
    ensures m->inner.alg == alg; */
void osfn_hmac_start(osfn_hmac_t *m, osfn_hash_alg_t alg, const void *key, size_t key_len);
/** Feed @p len bytes. */
/*@ requires \valid(m);
    requires \valid_read((const unsigned char *)data + (0 .. len - 1));
    requires \initialized((const unsigned char *)data + (0 .. len - 1));
    assigns m->inner;
    ensures m->inner.alg == \old(m->inner.alg);
*/
void osfn_hmac_update(osfn_hmac_t *m, const void *data, size_t len);
/** Finish into @p out and wipe the context (the key pads with it). */
/*@ requires \valid(m) && (m->inner.alg == OSFN_HASH_SHA1 || m->inner.alg == OSFN_HASH_SHA256);
    requires \valid(out + (0 .. osfn_digest_len(m->inner.alg) - 1));
    requires \separated(m, out + (0 .. osfn_digest_len(m->inner.alg) - 1));
    assigns *m, out[0 .. osfn_digest_len(\at(m->inner.alg, Pre)) - 1]; */
osfn_status_t osfn_hmac_finish(osfn_hmac_t *m, uint8_t *out);

/** One-shot HMAC: `out = HMAC(alg, key, msg)`. */
osfn_status_t osfn_hmac(osfn_hash_alg_t alg, const void *key, size_t key_len,
                        const void *msg, size_t msg_len, uint8_t *out);

#endif /* OSFN_CRYPTO_H */
