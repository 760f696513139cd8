/**
 * @file osfn_tls.h
 * @brief TLS over any ::osfn_transport_t with mbedTLS (2.28 and 3.x).
 *
 * The TLS layer is itself a transport: it reads and writes records through a
 * lower transport (POSIX sockets, lwIP sockets, a test fake), so one
 * implementation serves every port.
 *
 * Policy, not options: the server certificate is always verified
 * (`MBEDTLS_SSL_VERIFY_REQUIRED`) against the configured CAs, the server name
 * is checked against the certificate and sent as SNI, TLS 1.2 is the minimum,
 * and the session is kept for resumption (session tickets, or session ids) on
 * the next connection. There is no way to skip verification: tests trust a
 * test CA instead.
 *
 * Memory: osfn's own code never allocates, but mbedTLS's SSL layer takes its
 * record buffers and certificate chain from mbedTLS's platform allocator
 * (`mbedtls_calloc`). On a build with `MBEDTLS_MEMORY_BUFFER_ALLOC_C`, call
 * osfn_tls_use_static_pool() once at start-up so those come from a static
 * array you own instead of the heap (Debian's libmbedtls is built without it,
 * so on such hosts the system heap is used).
 */
#ifndef OSFN_TLS_H
#define OSFN_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include "osfn/osfn_status.h"
#include "osfn/osfn_transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Shared TLS settings: trusted CAs and the random generator. One per process or per task. */
typedef struct osfn_tls_config {
    mbedtls_ssl_config conf;       /**< mbedTLS configuration. */
    mbedtls_x509_crt ca;           /**< Trusted CA chain. */
    mbedtls_ctr_drbg_context drbg; /**< Random generator seeded from the port. */
    osfn_random_fn random;         /**< The port's entropy source. */
    void *random_ctx;              /**< Passed to @ref random. */
    bool has_ca;                   /**< True once a CA was loaded. */
} osfn_tls_config_t;

/** @brief One TLS connection over a lower transport, with its resumable session. */
typedef struct osfn_tls {
    mbedtls_ssl_context ssl;        /**< mbedTLS connection state. */
    mbedtls_ssl_session session;    /**< Last session, for resumption. */
    bool has_session;               /**< True when @ref session may be offered. */
    bool set_up;                    /**< True after mbedtls_ssl_setup succeeded. */
    const osfn_transport_t *lower;  /**< Where records go. */
    int32_t lower_error;            /**< Last negative value of the lower transport. */
    int last_error;                 /**< mbedTLS code (negative) of the last failed handshake, read or
                                         write, 0 if none since the handshake began; for diagnostics
                                         (e.g. -0x7F00 out of heap; see `mbedtls_strerror()`). */
} osfn_tls_t;

/**
 * @brief Set up a TLS configuration: TLS 1.2 minimum, verification required,
 *        random generator seeded from @p random.
 * @param[out] cfg The configuration.
 * @param[in] random Entropy source (the port's).
 * @param[in] random_ctx Passed to @p random.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG, ::OSFN_ERR_RANDOM or ::OSFN_ERR_TLS_CONFIG.
 */
osfn_status_t osfn_tls_config_init(osfn_tls_config_t *cfg, osfn_random_fn random, void *random_ctx);

/**
 * @brief Trust the CAs in a PEM file (needs `MBEDTLS_FS_IO`).
 * @param[in,out] cfg The configuration.
 * @param[in] path PEM file, e.g. `/etc/ssl/certs/ca-certificates.crt`.
 * @return ::OSFN_OK or ::OSFN_ERR_TLS_CONFIG.
 */
osfn_status_t osfn_tls_config_ca_file(osfn_tls_config_t *cfg, const char *path);

/**
 * @brief Trust the CAs in a memory buffer, PEM (including its NUL terminator
 *        in @p len, as mbedTLS requires) or DER.
 * @param[in,out] cfg The configuration.
 * @param[in] buf The certificate(s).
 * @param[in] len Their length.
 * @return ::OSFN_OK or ::OSFN_ERR_TLS_CONFIG.
 */
osfn_status_t osfn_tls_config_ca_buf(osfn_tls_config_t *cfg, const uint8_t *buf, size_t len);

/**
 * @brief Release a configuration.
 * @param[in,out] cfg The configuration.
 */
void osfn_tls_config_free(osfn_tls_config_t *cfg);

/**
 * @brief Prepare a connection object bound to @p cfg (which must outlive it).
 * @param[out] tls The connection.
 * @param[in] cfg A configuration with a CA loaded.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG or ::OSFN_ERR_TLS_CONFIG (no CA, or mbedTLS out of memory).
 */
osfn_status_t osfn_tls_init(osfn_tls_t *tls, osfn_tls_config_t *cfg);

/**
 * @brief Run the handshake over @p lower, offering the saved session if any.
 * @param[in,out] tls The connection (fresh or closed with osfn_tls_close()).
 * @param[in] lower Connected lower transport (must outlive the TLS connection).
 * @param[in] server_name Name checked against the certificate and sent as SNI.
 * @param[in] clock Millisecond clock for the deadline.
 * @param[in] clock_ctx Passed to @p clock.
 * @param[in] timeout_ms Handshake deadline.
 * @return ::OSFN_OK, ::OSFN_ERR_TIMEOUT, ::OSFN_ERR_TLS_CERT, ::OSFN_ERR_TLS,
 *         ::OSFN_ERR_CONN_RESET, ::OSFN_ERR_CONN_CLOSED or ::OSFN_ERR_NULL_ARG.
 */
osfn_status_t osfn_tls_handshake(osfn_tls_t *tls, const osfn_transport_t *lower,
                                 const char *server_name, osfn_clock_ms_fn clock,
                                 void *clock_ctx, uint32_t timeout_ms);

/**
 * @brief Fill @p t with send/recv through the TLS connection.
 * @param[out] t The transport.
 * @param[in] tls The connection (must outlive @p t).
 */
void osfn_tls_transport(osfn_transport_t *t, osfn_tls_t *tls);

/**
 * @brief Send close_notify (best effort) and reset the connection for the
 *        next handshake; the saved session is kept for resumption.
 * @param[in,out] tls The connection.
 */
void osfn_tls_close(osfn_tls_t *tls);

/**
 * @brief Forget the saved session (the next handshake is a full one).
 * @param[in,out] tls The connection.
 */
void osfn_tls_forget_session(osfn_tls_t *tls);

/**
 * @brief Release the connection and its saved session.
 * @param[in,out] tls The connection.
 */
void osfn_tls_free(osfn_tls_t *tls);

/**
 * @brief Make mbedTLS allocate from @p pool instead of the heap. Only with
 *        `MBEDTLS_MEMORY_BUFFER_ALLOC_C`; process-wide; call once before any TLS use.
 * @param[in] pool A static array you own (it must outlive every mbedTLS use).
 * @param[in] len Its size. Measured peaks of one call with 16 KB records: 47 KB
 *            (mbedTLS 2.28, TLS 1.2, docs/bench.md), 60 KB (3.6, TLS 1.3: the e2e suite
 *            `tls_pool` prints it); with 2 KB records about 12.5 KB (docs/freertos.md).
 * @return ::OSFN_OK; ::OSFN_ERR_NULL_ARG when @p pool is NULL; ::OSFN_ERR_TLS_CONFIG when
 *         mbedTLS lacks the buffer allocator (`MBEDTLS_MEMORY_BUFFER_ALLOC_C`, which needs
 *         `MBEDTLS_PLATFORM_MEMORY`). When the pool runs out, TLS calls fail
 *         (::OSFN_ERR_TLS or ::OSFN_ERR_TLS_CONFIG): nothing falls back to the heap.
 */
osfn_status_t osfn_tls_use_static_pool(uint8_t *pool, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_TLS_H */
