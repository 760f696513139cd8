/**
 * @file osfn_tls.c
 * @brief mbedTLS client over an ::osfn_transport_t (mbedTLS 2.28 and 3.x).
 */
#include "osfn_tls.h"

#include <string.h>

#include <mbedtls/net_sockets.h> /* MBEDTLS_ERR_NET_* codes only */
#include <mbedtls/version.h>
#include <mbedtls/x509.h>
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
#include <mbedtls/memory_buffer_alloc.h>
#endif
#if (MBEDTLS_VERSION_NUMBER >= 0x03000000) && defined(MBEDTLS_PSA_CRYPTO_C)
#include <psa/crypto.h>
#endif

static const unsigned char k_personalization[] = "osfn tls";

/* ----------------------------------------------------------- configuration -- */

static int entropy_from_port(void *ctx, unsigned char *out, size_t len)
{
    const osfn_tls_config_t *cfg = (const osfn_tls_config_t *)ctx;
    return (cfg->random(cfg->random_ctx, out, len) == 0) ? 0 : MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
}

static void set_min_tls12(mbedtls_ssl_config *conf)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03020000
    mbedtls_ssl_conf_min_tls_version(conf, MBEDTLS_SSL_VERSION_TLS1_2);
#else
    mbedtls_ssl_conf_min_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
#endif
}

osfn_status_t osfn_tls_config_init(osfn_tls_config_t *cfg, osfn_random_fn random, void *random_ctx)
{
    if ((cfg == NULL) || (random == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    (void)memset(cfg, 0, sizeof(*cfg));
    cfg->random = random;
    cfg->random_ctx = random_ctx;
    mbedtls_ssl_config_init(&cfg->conf);
    mbedtls_x509_crt_init(&cfg->ca);
    mbedtls_ctr_drbg_init(&cfg->drbg);
#if (MBEDTLS_VERSION_NUMBER >= 0x03000000) && defined(MBEDTLS_PSA_CRYPTO_C)
    if (psa_crypto_init() != PSA_SUCCESS) {
        return OSFN_ERR_TLS_CONFIG;
    }
#endif
    if (mbedtls_ctr_drbg_seed(&cfg->drbg, entropy_from_port, cfg, k_personalization,
                              sizeof(k_personalization) - 1u) != 0) {
        return OSFN_ERR_RANDOM;
    }
    if (mbedtls_ssl_config_defaults(&cfg->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT) != 0) {
        return OSFN_ERR_TLS_CONFIG;
    }
    mbedtls_ssl_conf_authmode(&cfg->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_rng(&cfg->conf, mbedtls_ctr_drbg_random, &cfg->drbg);
    set_min_tls12(&cfg->conf);
#if defined(MBEDTLS_SSL_SESSION_TICKETS)
    mbedtls_ssl_conf_session_tickets(&cfg->conf, MBEDTLS_SSL_SESSION_TICKETS_ENABLED);
#endif
#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && defined(MBEDTLS_SSL_SESSION_TICKETS) && \
    defined(MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED)
    /* mbedTLS >= 3.6.1 drops TLS 1.3 NewSessionTicket messages unless asked to hand them
     * over (then mbedtls_ssl_read() returns MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET and
     * tls_recv() saves the session): without this, no TLS 1.3 session is ever resumed. */
    mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(&cfg->conf,
                                                             MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
#endif
    return OSFN_OK;
}

/** Use the chain parsed so far if it holds at least one certificate. */
static osfn_status_t adopt_ca(osfn_tls_config_t *cfg, int parse_ret)
{
    /* A positive return counts certificates that failed to parse (a system
     * bundle may hold some mbedTLS does not support); the rest are usable. */
    if ((parse_ret < 0) || (cfg->ca.version == 0)) {
        return OSFN_ERR_TLS_CONFIG;
    }
    mbedtls_ssl_conf_ca_chain(&cfg->conf, &cfg->ca, NULL);
    cfg->has_ca = true;
    return OSFN_OK;
}

osfn_status_t osfn_tls_config_ca_file(osfn_tls_config_t *cfg, const char *path)
{
    if ((cfg == NULL) || (path == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
#if defined(MBEDTLS_FS_IO)
    return adopt_ca(cfg, mbedtls_x509_crt_parse_file(&cfg->ca, path));
#else
    return OSFN_ERR_TLS_CONFIG;
#endif
}

osfn_status_t osfn_tls_config_ca_buf(osfn_tls_config_t *cfg, const uint8_t *buf, size_t len)
{
    if ((cfg == NULL) || (buf == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    return adopt_ca(cfg, mbedtls_x509_crt_parse(&cfg->ca, buf, len));
}

void osfn_tls_config_free(osfn_tls_config_t *cfg)
{
    if (cfg != NULL) {
        mbedtls_ssl_config_free(&cfg->conf);
        mbedtls_x509_crt_free(&cfg->ca);
        mbedtls_ctr_drbg_free(&cfg->drbg);
        cfg->has_ca = false;
    }
}

/* ---------------------------------------------------------- record I/O (BIO) -- */

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    osfn_tls_t *tls = (osfn_tls_t *)ctx;
    int32_t n = tls->lower->send(tls->lower->ctx, buf, len);
    if (n > 0) {
        return (int)n;
    }
    if (n == 0) {
        return MBEDTLS_ERR_SSL_WANT_WRITE;
    }
    tls->lower_error = n;
    return (n == OSFN_TRANSPORT_RESET) ? MBEDTLS_ERR_NET_CONN_RESET : MBEDTLS_ERR_NET_SEND_FAILED;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    osfn_tls_t *tls = (osfn_tls_t *)ctx;
    int32_t n = tls->lower->recv(tls->lower->ctx, buf, len);
    if (n > 0) {
        return (int)n;
    }
    if (n == 0) {
        return MBEDTLS_ERR_SSL_WANT_READ;
    }
    tls->lower_error = n;
    if (n == OSFN_TRANSPORT_EOF) {
        return 0; /* mbedTLS reads 0 as end of stream */
    }
    return (n == OSFN_TRANSPORT_RESET) ? MBEDTLS_ERR_NET_CONN_RESET : MBEDTLS_ERR_NET_RECV_FAILED;
}

/* -------------------------------------------------------------- connection -- */

osfn_status_t osfn_tls_init(osfn_tls_t *tls, osfn_tls_config_t *cfg)
{
    if ((tls == NULL) || (cfg == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    (void)memset(tls, 0, sizeof(*tls));
    mbedtls_ssl_init(&tls->ssl);
    mbedtls_ssl_session_init(&tls->session);
    if (!cfg->has_ca || (mbedtls_ssl_setup(&tls->ssl, &cfg->conf) != 0)) {
        return OSFN_ERR_TLS_CONFIG;
    }
    tls->set_up = true;
    return OSFN_OK;
}

/** Map a failed handshake to a status. */
static osfn_status_t handshake_error(const osfn_tls_t *tls, int ret)
{
    if ((ret == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) ||
        (mbedtls_ssl_get_verify_result(&tls->ssl) != 0u)) {
        return OSFN_ERR_TLS_CERT;
    }
    if (tls->lower_error == OSFN_TRANSPORT_RESET) {
        return OSFN_ERR_CONN_RESET;
    }
    if ((tls->lower_error == OSFN_TRANSPORT_EOF) || (ret == MBEDTLS_ERR_SSL_CONN_EOF)) {
        return OSFN_ERR_CONN_CLOSED;
    }
    return OSFN_ERR_TLS;
}

/** Keep the negotiated session for the next connection. */
static void save_session(osfn_tls_t *tls)
{
    mbedtls_ssl_session_free(&tls->session);
    mbedtls_ssl_session_init(&tls->session);
    tls->has_session = (mbedtls_ssl_get_session(&tls->ssl, &tls->session) == 0);
}

osfn_status_t osfn_tls_handshake(osfn_tls_t *tls, const osfn_transport_t *lower,
                                 const char *server_name, osfn_clock_ms_fn clock,
                                 void *clock_ctx, uint32_t timeout_ms)
{
    uint32_t start;
    int ret;
    if ((tls == NULL) || (lower == NULL) || (server_name == NULL) || (clock == NULL) || !tls->set_up) {
        return OSFN_ERR_NULL_ARG;
    }
    tls->lower = lower;
    tls->lower_error = 0;
    tls->last_error = 0;
    if (mbedtls_ssl_set_hostname(&tls->ssl, server_name) != 0) {
        return OSFN_ERR_TLS_CONFIG;
    }
    if (tls->has_session) {
        (void)mbedtls_ssl_set_session(&tls->ssl, &tls->session); /* else: a full handshake */
    }
    mbedtls_ssl_set_bio(&tls->ssl, tls, bio_send, bio_recv, NULL);
    start = clock(clock_ctx);
    do {
        ret = mbedtls_ssl_handshake(&tls->ssl);
        if ((ret != MBEDTLS_ERR_SSL_WANT_READ) && (ret != MBEDTLS_ERR_SSL_WANT_WRITE)) {
            break;
        }
    } while ((uint32_t)(clock(clock_ctx) - start) < timeout_ms);
    if (ret == 0) {
        save_session(tls);
        return OSFN_OK;
    }
    tls->last_error = ret; /* a timeout leaves WANT_READ/WANT_WRITE here */
    if ((ret == MBEDTLS_ERR_SSL_WANT_READ) || (ret == MBEDTLS_ERR_SSL_WANT_WRITE)) {
        return OSFN_ERR_TIMEOUT;
    }
    return handshake_error(tls, ret);
}

/** Map an mbedTLS read/write result to the transport contract (a failure is kept in last_error). */
static int32_t map_io(osfn_tls_t *tls, int ret)
{
    if (ret > 0) {
        return (int32_t)ret;
    }
    if ((ret == MBEDTLS_ERR_SSL_WANT_READ) || (ret == MBEDTLS_ERR_SSL_WANT_WRITE)) {
        return 0;
    }
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
    if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
        return 0;
    }
#endif
    if (ret < 0) {
        tls->last_error = ret;
    }
    if ((ret == 0) || (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) || (ret == MBEDTLS_ERR_SSL_CONN_EOF) ||
        (tls->lower_error == OSFN_TRANSPORT_EOF)) {
        return OSFN_TRANSPORT_EOF;
    }
    if ((ret == MBEDTLS_ERR_NET_CONN_RESET) || (tls->lower_error == OSFN_TRANSPORT_RESET)) {
        return OSFN_TRANSPORT_RESET;
    }
    return OSFN_TRANSPORT_TLS;
}

static int32_t tls_send(void *ctx, const uint8_t *buf, size_t len)
{
    osfn_tls_t *tls = (osfn_tls_t *)ctx;
    return map_io(tls, mbedtls_ssl_write(&tls->ssl, buf, len));
}

static int32_t tls_recv(void *ctx, uint8_t *buf, size_t len)
{
    osfn_tls_t *tls = (osfn_tls_t *)ctx;
    int ret = mbedtls_ssl_read(&tls->ssl, buf, len);
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
    if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
        save_session(tls); /* TLS 1.3 tickets arrive after the handshake */
    }
#endif
    return map_io(tls, ret);
}

void osfn_tls_transport(osfn_transport_t *t, osfn_tls_t *tls)
{
    t->send = tls_send;
    t->recv = tls_recv;
    t->ctx = tls;
}

void osfn_tls_close(osfn_tls_t *tls)
{
    if ((tls != NULL) && tls->set_up) {
        if (tls->lower != NULL) {
            (void)mbedtls_ssl_close_notify(&tls->ssl); /* best effort, one try */
        }
        (void)mbedtls_ssl_session_reset(&tls->ssl);
        tls->lower = NULL;
    }
}

void osfn_tls_forget_session(osfn_tls_t *tls)
{
    if (tls != NULL) {
        mbedtls_ssl_session_free(&tls->session);
        mbedtls_ssl_session_init(&tls->session);
        tls->has_session = false;
    }
}

void osfn_tls_free(osfn_tls_t *tls)
{
    if (tls != NULL) {
        mbedtls_ssl_free(&tls->ssl);
        mbedtls_ssl_session_free(&tls->session);
        tls->has_session = false;
        tls->set_up = false;
    }
}

osfn_status_t osfn_tls_use_static_pool(uint8_t *pool, size_t len)
{
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
    if (pool == NULL) {
        return OSFN_ERR_NULL_ARG;
    }
    mbedtls_memory_buffer_alloc_init(pool, len);
    return OSFN_OK;
#else
    (void)pool;
    (void)len;
    return OSFN_ERR_TLS_CONFIG;
#endif
}
