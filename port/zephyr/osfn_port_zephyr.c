/**
 * @file osfn_port_zephyr.c
 * @brief Zephyr port: uptime clock, k_msleep, CSPRNG, and TCP over zsock_* with
 *        its ops for the shared TCP + TLS endpoint.
 */

/* ---- Zephyr's include layout: <zephyr.h> up to 3.0, <zephyr/...> from 3.1 ----
 * Zephyr's headers are not clean under the warnings osfn builds with (-Wextra -Wshadow
 * -Wstrict-prototypes ... -Werror): silence those for them only. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wignored-qualifiers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
#if defined(__has_include)
#if __has_include(<zephyr/version.h>)
#include <zephyr/version.h> /* generated; 3.x/4.x */
#define OSFN_ZEPHYR_HAVE_VERSION 1
#endif
#endif
#if !defined(OSFN_ZEPHYR_HAVE_VERSION)
#include <version.h> /* generated; 2.x and early 3.x */
#endif

#if defined(ZEPHYR_VERSION_CODE) && defined(ZEPHYR_VERSION)
#define OSFN_ZEPHYR_PREFIXED (ZEPHYR_VERSION_CODE >= ZEPHYR_VERSION(3, 1, 0))
#elif defined(KERNEL_VERSION_MAJOR)
#define OSFN_ZEPHYR_PREFIXED \
    ((KERNEL_VERSION_MAJOR > 3) || ((KERNEL_VERSION_MAJOR == 3) && (KERNEL_VERSION_MINOR >= 1)))
#else
#error "osfn_port_zephyr.c: no Zephyr version header"
#endif

#if OSFN_ZEPHYR_PREFIXED
#include <zephyr/kernel.h>
#if defined(__has_include)
#if __has_include(<zephyr/random/random.h>)
#include <zephyr/random/random.h> /* 3.5+ */
#else
#include <zephyr/random/rand32.h>
#endif
#else
#include <zephyr/random/rand32.h>
#endif
#if defined(CONFIG_OSFN_ZEPHYR_NET)
#include <zephyr/net/socket.h>
#endif
#else /* Zephyr 2.x */
#include <zephyr.h>
#include <random/rand32.h>
#if defined(CONFIG_OSFN_ZEPHYR_NET)
#include <net/socket.h>
#endif
#endif

#include <errno.h>
#include <string.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include "osfn_port_zephyr.h"

/* 2.7 spells the CSPRNG symbol CSPRING_ENABLED; later releases CSPRNG_ENABLED. */
#if defined(CONFIG_CSPRING_ENABLED) || defined(CONFIG_CSPRNG_ENABLED)
#define OSFN_ZEPHYR_HAVE_CSPRNG 1
#else
#define OSFN_ZEPHYR_HAVE_CSPRNG 0
#endif

/* --------------------------------------------------------------- clocks -- */

uint32_t osfn_zephyr_clock_ms(void *ctx)
{
    (void)ctx;
    return (uint32_t)k_uptime_get();
}

void osfn_zephyr_sleep(void *ctx, uint32_t ms)
{
    (void)ctx;
    /* k_msleep takes an int32_t; longer sleeps are split. */
    while (ms > (uint32_t)INT32_MAX) {
        (void)k_msleep(INT32_MAX);
        ms -= (uint32_t)INT32_MAX;
    }
    (void)k_msleep((int32_t)ms);
}

void osfn_zephyr_epoch_set(osfn_zephyr_epoch_t *e, int64_t now_s)
{
    if (e != NULL) {
        e->base_s = now_s;
        e->set_at_ms = k_uptime_get();
    }
}

int64_t osfn_zephyr_epoch(void *ctx)
{
    const osfn_zephyr_epoch_t *e = (const osfn_zephyr_epoch_t *)ctx;
    int64_t now_ms = k_uptime_get();
    if (e == NULL) {
        return now_ms / 1000;
    }
    return e->base_s + ((now_ms - e->set_at_ms) / 1000);
}

/* --------------------------------------------------------------- random -- */

int osfn_zephyr_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    if ((buf == NULL) && (len != 0u)) {
        return -1;
    }
#if OSFN_ZEPHYR_HAVE_CSPRNG
    return (sys_csrand_get(buf, len) == 0) ? 0 : -1;
#elif defined(CONFIG_OSFN_ZEPHYR_TEST_RANDOM)
    sys_rand_get(buf, len); /* predictable: CONFIG_TEST_RANDOM_GENERATOR, tests only */
    return 0;
#else
    (void)buf;
    (void)len;
    return -1; /* no cryptographic source on this build: refuse rather than return weak bytes */
#endif
}

/* ------------------------------------------------------------------ TCP -- */
#if defined(CONFIG_OSFN_ZEPHYR_NET)

/* Zephyr 4.x prefixes the socket constants with NET_; earlier releases only have
 * the plain names (some as enumerators, hence no #ifdef on those). */
#if defined(NET_SOCK_STREAM)
#define OSFN_SOCK_STREAM NET_SOCK_STREAM
#else
#define OSFN_SOCK_STREAM SOCK_STREAM
#endif
#if defined(NET_IPPROTO_TCP)
#define OSFN_IPPROTO_TCP NET_IPPROTO_TCP
#else
#define OSFN_IPPROTO_TCP IPPROTO_TCP
#endif
#if defined(NET_AF_UNSPEC)
#define OSFN_AF_UNSPEC NET_AF_UNSPEC
#else
#define OSFN_AF_UNSPEC AF_UNSPEC
#endif

void osfn_zephyr_tcp_init(osfn_zephyr_tcp_t *tcp)
{
    if (tcp != NULL) {
        tcp->fd = -1;
        tcp->last_errno = 0;
    }
}

void osfn_zephyr_tcp_close(osfn_zephyr_tcp_t *tcp)
{
    if ((tcp != NULL) && (tcp->fd >= 0)) {
        (void)zsock_close(tcp->fd);
        tcp->fd = -1;
    }
}

/** Decimal port for getaddrinfo's service argument. */
static void port_string(uint16_t port, char out[6])
{
    char tmp[6];
    size_t n = 0u;
    size_t i;
    do {
        tmp[n++] = (char)('0' + (port % 10u));
        port = (uint16_t)(port / 10u);
    } while (port != 0u);
    for (i = 0u; i < n; i++) {
        out[i] = tmp[n - 1u - i];
    }
    out[n] = '\0';
}

osfn_status_t osfn_zephyr_tcp_connect(osfn_zephyr_tcp_t *tcp, const char *host, uint16_t port,
                                      uint32_t timeout_ms)
{
    struct zsock_addrinfo hints;
    struct zsock_addrinfo *res = NULL;
    char service[6];
    int64_t start = k_uptime_get();
    osfn_status_t st = OSFN_OK;
    int fd;

    if ((tcp == NULL) || (host == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    osfn_zephyr_tcp_close(tcp);
    tcp->last_errno = 0;
    (void)memset(&hints, 0, sizeof(hints));
    hints.ai_family = OSFN_AF_UNSPEC;
    hints.ai_socktype = OSFN_SOCK_STREAM;
    port_string(port, service);
    if ((zsock_getaddrinfo(host, service, &hints, &res) != 0) || (res == NULL)) {
        return OSFN_ERR_DNS;
    }
    fd = zsock_socket(res->ai_family, OSFN_SOCK_STREAM, OSFN_IPPROTO_TCP);
    if (fd < 0) {
        tcp->last_errno = errno;
        st = OSFN_ERR_CONNECT; /* no socket or net_context left */
    } else if (zsock_connect(fd, res->ai_addr, res->ai_addrlen) != 0) {
        /* Zephyr 2.7 blocks here for up to CONFIG_NET_SOCKETS_CONNECT_TIMEOUT. */
        tcp->last_errno = errno;
        st = ((errno == ETIMEDOUT) || ((uint32_t)(k_uptime_get() - start) >= timeout_ms))
                 ? OSFN_ERR_TIMEOUT
                 : OSFN_ERR_CONNECT;
    }
    zsock_freeaddrinfo(res);
    if (st == OSFN_OK) {
        tcp->fd = fd;
    } else if (fd >= 0) {
        (void)zsock_close(fd);
    }
    return st;
}

void osfn_zephyr_tcp_transport(osfn_transport_t *t, osfn_zephyr_tcp_t *tcp)
{
    t->send = osfn_zephyr_tcp_send;
    t->recv = osfn_zephyr_tcp_recv;
    t->ctx = tcp;
}

/** Map errno after a failed send or recv to the transport contract. */
static int32_t map_errno(int e)
{
    if ((e == EAGAIN) || (e == EWOULDBLOCK) || (e == EINTR)) {
        return 0;
    }
    if ((e == ECONNRESET) || (e == ECONNABORTED) || (e == EPIPE) || (e == ENOTCONN)) {
        return OSFN_TRANSPORT_RESET;
    }
    return OSFN_TRANSPORT_ERROR;
}

/** Map a failed call's errno (kept in @p tcp for diagnostics unless it only means "not yet"). */
static int32_t failed(osfn_zephyr_tcp_t *tcp, int e)
{
    int32_t r = map_errno(e);
    if (r != 0) {
        tcp->last_errno = e;
    }
    return r;
}

/** Wait up to OSFN_ZEPHYR_POLL_MS for @p events: 1 ready (or an error to read), 0 not yet, < 0 failure. */
static int32_t wait_for(osfn_zephyr_tcp_t *tcp, short events)
{
    struct zsock_pollfd p;
    int n;
    p.fd = tcp->fd;
    p.events = events;
    p.revents = 0;
    n = zsock_poll(&p, 1, OSFN_ZEPHYR_POLL_MS);
    if (n < 0) {
        return failed(tcp, errno);
    }
    if ((n > 0) && ((p.revents & ZSOCK_POLLNVAL) != 0)) {
        return OSFN_TRANSPORT_ERROR;
    }
    return (n > 0) ? 1 : 0;
}

static size_t clamp_len(size_t len)
{
    return (len > (size_t)INT32_MAX) ? (size_t)INT32_MAX : len;
}

int32_t osfn_zephyr_tcp_send(void *ctx, const uint8_t *buf, size_t len)
{
    osfn_zephyr_tcp_t *tcp = (osfn_zephyr_tcp_t *)ctx;
    ssize_t n;
    int32_t w;
    if ((tcp == NULL) || (tcp->fd < 0) || (buf == NULL)) {
        return OSFN_TRANSPORT_ERROR;
    }
    w = wait_for(tcp, ZSOCK_POLLOUT);
    if (w <= 0) {
        return w;
    }
    n = zsock_send(tcp->fd, buf, clamp_len(len), ZSOCK_MSG_DONTWAIT);
    return (n >= 0) ? (int32_t)n : failed(tcp, errno);
}

int32_t osfn_zephyr_tcp_recv(void *ctx, uint8_t *buf, size_t len)
{
    osfn_zephyr_tcp_t *tcp = (osfn_zephyr_tcp_t *)ctx;
    ssize_t n;
    int32_t w;
    if ((tcp == NULL) || (tcp->fd < 0) || (buf == NULL)) {
        return OSFN_TRANSPORT_ERROR;
    }
    w = wait_for(tcp, ZSOCK_POLLIN);
    if (w <= 0) {
        return w;
    }
    n = zsock_recv(tcp->fd, buf, clamp_len(len), ZSOCK_MSG_DONTWAIT);
    if (n == 0) {
        return OSFN_TRANSPORT_EOF;
    }
    return (n > 0) ? (int32_t)n : failed(tcp, errno);
}

/* ------------------------------------------------------------ connector -- */

OSFN_TLS_ENDPOINT_OPS(osfn_zephyr_tcp_ops, osfn_zephyr_tcp_t, osfn_zephyr_tcp_init, osfn_zephyr_tcp_connect,
                      osfn_zephyr_tcp_close, osfn_zephyr_tcp_send, osfn_zephyr_tcp_recv, osfn_zephyr_clock_ms);

#endif /* CONFIG_OSFN_ZEPHYR_NET */
