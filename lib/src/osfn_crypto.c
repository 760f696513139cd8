/**
 * @file osfn_crypto.c
 * @brief Hash and HMAC over mbedTLS's allocation-free SHA contexts.
 */
#include "osfn_crypto.h"

#include <string.h>

#include <mbedtls/version.h>

#include "osfn/osfn_config_defaults.h"
#include "osfn_util.h"

/* mbedTLS 3.0 renamed the *_ret functions to the plain names. */
#if defined(MBEDTLS_VERSION_NUMBER) && (MBEDTLS_VERSION_NUMBER >= 0x03000000)
#define OSFN_MBEDTLS_3 1
#else
#define OSFN_MBEDTLS_3 0
#endif

#if OSFN_MBEDTLS_3
#define SHA256_STARTS(c) mbedtls_sha256_starts((c), 0)
#define SHA256_UPDATE(c, p, n) mbedtls_sha256_update((c), (p), (n))
#define SHA256_FINISH(c, o) mbedtls_sha256_finish((c), (o))
#else
#define SHA256_STARTS(c) mbedtls_sha256_starts_ret((c), 0)
#define SHA256_UPDATE(c, p, n) mbedtls_sha256_update_ret((c), (p), (n))
#define SHA256_FINISH(c, o) mbedtls_sha256_finish_ret((c), (o))
#endif

#if !OSFN_ENABLE_ROA
/* SHA-1 serves the ROA scheme only: without it no mbedtls_sha1_* function is
 * referenced (mbedTLS may be built without MBEDTLS_SHA1_C) and a SHA-1 hash fails. */
#define SHA1_INIT(c) ((void)(c))
#define SHA1_FREE(c) ((void)(c))
#define SHA1_STARTS(c) (-1)
#define SHA1_UPDATE(c, p, n) (-1)
#define SHA1_FINISH(c, o) (-1)
#elif OSFN_MBEDTLS_3
#define SHA1_INIT(c) mbedtls_sha1_init(c)
#define SHA1_FREE(c) mbedtls_sha1_free(c)
#define SHA1_STARTS(c) mbedtls_sha1_starts(c)
#define SHA1_UPDATE(c, p, n) mbedtls_sha1_update((c), (p), (n))
#define SHA1_FINISH(c, o) mbedtls_sha1_finish((c), (o))
#else
#define SHA1_INIT(c) mbedtls_sha1_init(c)
#define SHA1_FREE(c) mbedtls_sha1_free(c)
#define SHA1_STARTS(c) mbedtls_sha1_starts_ret(c)
#define SHA1_UPDATE(c, p, n) mbedtls_sha1_update_ret((c), (p), (n))
#define SHA1_FINISH(c, o) mbedtls_sha1_finish_ret((c), (o))
#endif

size_t osfn_hash_len(osfn_hash_alg_t alg)
{
    return (alg == OSFN_HASH_SHA1) ? OSFN_SHA1_LEN : OSFN_SHA256_LEN;
}

void osfn_hash_start(osfn_hash_t *h, osfn_hash_alg_t alg)
{
    h->alg = alg;
    if (alg == OSFN_HASH_SHA1) {
        SHA1_INIT(&h->u.sha1);
        h->err = SHA1_STARTS(&h->u.sha1);
    } else {
        mbedtls_sha256_init(&h->u.sha256);
        h->err = SHA256_STARTS(&h->u.sha256);
    }
}

void osfn_hash_update(osfn_hash_t *h, const void *data, size_t len)
{
    if ((h->err != 0) || (len == 0u)) {
        return;
    }
    if (h->alg == OSFN_HASH_SHA1) {
        h->err = SHA1_UPDATE(&h->u.sha1, (const unsigned char *)data, len);
    } else {
        h->err = SHA256_UPDATE(&h->u.sha256, (const unsigned char *)data, len);
    }
}

osfn_status_t osfn_hash_finish(osfn_hash_t *h, uint8_t *out)
{
    /* The digest is always written (zeros on failure): callers hex-encode or
     * hash it before they look at the status (Frama-C found the unwritten
     * digest as an uninitialised read). */
    (void)memset(out, 0, osfn_hash_len(h->alg));
    if (h->err == 0) {
        if (h->alg == OSFN_HASH_SHA1) {
            h->err = SHA1_FINISH(&h->u.sha1, out);
        } else {
            h->err = SHA256_FINISH(&h->u.sha256, out);
        }
    }
    if (h->alg == OSFN_HASH_SHA1) {
        SHA1_FREE(&h->u.sha1);
    } else {
        mbedtls_sha256_free(&h->u.sha256);
    }
    return (h->err == 0) ? OSFN_OK : OSFN_ERR_CRYPTO;
}

void osfn_hmac_start(osfn_hmac_t *m, osfn_hash_alg_t alg, const void *key, size_t key_len)
{
    uint8_t k[OSFN_HASH_BLOCK];
    uint8_t ipad[OSFN_HASH_BLOCK];
    size_t i;

    (void)memset(k, 0, sizeof(k));
    if (key_len > OSFN_HASH_BLOCK) {
        osfn_hash_t kh;
        osfn_hash_start(&kh, alg);
        osfn_hash_update(&kh, key, key_len);
        if (osfn_hash_finish(&kh, k) == OSFN_OK) {
            m->inner.err = 0;
        } else {
            m->inner.err = 1;
        }
        osfn__wipe(&kh, sizeof(kh));
    } else {
        (void)memcpy(k, key, key_len);
        m->inner.err = 0;
    }
    for (i = 0u; i < OSFN_HASH_BLOCK; i++) {
        ipad[i] = (uint8_t)(k[i] ^ 0x36u);
        m->opad[i] = (uint8_t)(k[i] ^ 0x5cu);
    }
    {
        int key_err = m->inner.err;
        osfn_hash_start(&m->inner, alg);
        if (key_err != 0) {
            m->inner.err = key_err;
        }
    }
    osfn_hash_update(&m->inner, ipad, sizeof(ipad));
    osfn__wipe(k, sizeof(k));
    osfn__wipe(ipad, sizeof(ipad));
}

void osfn_hmac_update(osfn_hmac_t *m, const void *data, size_t len)
{
    osfn_hash_update(&m->inner, data, len);
}

osfn_status_t osfn_hmac_finish(osfn_hmac_t *m, uint8_t *out)
{
    uint8_t ihash[OSFN_SHA256_LEN];
    osfn_hash_alg_t alg = m->inner.alg;
    osfn_hash_t outer;
    osfn_status_t st = osfn_hash_finish(&m->inner, ihash);

    osfn_hash_start(&outer, alg);
    osfn_hash_update(&outer, m->opad, sizeof(m->opad));
    osfn_hash_update(&outer, ihash, osfn_hash_len(alg));
    if (osfn_hash_finish(&outer, out) != OSFN_OK) {
        st = OSFN_ERR_CRYPTO;
    }
    osfn__wipe(ihash, sizeof(ihash));
    osfn__wipe(&outer, sizeof(outer));
    osfn__wipe(m, sizeof(*m));
    return st;
}

osfn_status_t osfn_hmac(osfn_hash_alg_t alg, const void *key, size_t key_len,
                        const void *msg, size_t msg_len, uint8_t *out)
{
    osfn_hmac_t m;
    osfn_hmac_start(&m, alg, key, key_len);
    osfn_hmac_update(&m, msg, msg_len);
    return osfn_hmac_finish(&m, out);
}
