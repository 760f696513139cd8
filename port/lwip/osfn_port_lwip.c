/**
 * @file osfn_port_lwip.c
 * @brief lwIP port: TCP over lwIP sockets with a connect deadline, sys_now()
 *        clock, and the TCP layer's ops for the shared TCP + TLS endpoint.
 */
#include "osfn_port_lwip.h"

#include <string.h>

#include "lwip/opt.h"

#include "lwip/def.h"
#include "lwip/errno.h"
#include "lwip/ip_addr.h"
#include "lwip/sockets.h"
#include "lwip/sys.h"
#if LWIP_DNS
#include "lwip/api.h" /* netconn_gethostbyname */
#endif

#if NO_SYS
#error "osfn_port_lwip needs lwIP with an OS (NO_SYS 0): it uses the socket API"
#endif
#if !LWIP_SOCKET
#error "osfn_port_lwip needs LWIP_SOCKET 1"
#endif
#if !LWIP_SO_RCVTIMEO
#error "osfn_port_lwip needs LWIP_SO_RCVTIMEO 1 (recv returns after OSFN_LWIP_POLL_MS)"
#endif

/* --------------------------------------------------------------- clocks -- */

uint32_t osfn_lwip_clock_ms(void *ctx)
{
    (void)ctx;
    return (uint32_t)sys_now();
}

void osfn_lwip_sleep(void *ctx, uint32_t ms)
{
    (void)ctx;
    sys_msleep((u32_t)ms);
}

void osfn_lwip_epoch_set(osfn_lwip_epoch_t *e, int64_t now_s)
{
    if (e != NULL) {
        e->seconds = now_s;
        e->frac_ms = 0u;
        e->last_ms = (uint32_t)sys_now();
    }
}

int64_t osfn_lwip_epoch(void *ctx)
{
    osfn_lwip_epoch_t *e = (osfn_lwip_epoch_t *)ctx;
    uint32_t now;
    uint32_t elapsed;
    if (e == NULL) {
        return 0;
    }
    now = (uint32_t)sys_now();
    elapsed = now - e->last_ms; /* unsigned: counts across one wrap of sys_now() */
    e->last_ms = now;
    /* 32-bit division only (no 64-bit division helper on Cortex-M) */
    e->frac_ms += elapsed % 1000u;
    e->seconds += (int64_t)(elapsed / 1000u);
    if (e->frac_ms >= 1000u) {
        e->frac_ms -= 1000u;
        e->seconds++;
    }
    return e->seconds;
}

/* ------------------------------------------------------------------ TCP -- */

/** A socket address of either family, without sockaddr_storage (not in every lwIP build). */
typedef union {
    struct sockaddr sa;
#if LWIP_IPV4
    struct sockaddr_in in4;
#endif
#if LWIP_IPV6
    struct sockaddr_in6 in6;
#endif
} sock_addr_t;

void osfn_lwip_tcp_init(osfn_lwip_tcp_t *tcp)
{
    if (tcp != NULL) {
        tcp->fd = -1;
    }
}

void osfn_lwip_tcp_close(osfn_lwip_tcp_t *tcp)
{
    if ((tcp != NULL) && (tcp->fd >= 0)) {
        (void)lwip_close(tcp->fd);
        tcp->fd = -1;
    }
}

/** An address literal, else a DNS lookup where the stack has DNS. */
static osfn_status_t resolve(const char *host, ip_addr_t *ip)
{
    if (ipaddr_aton(host, ip) != 0) {
        return OSFN_OK;
    }
#if LWIP_DNS
    return (netconn_gethostbyname(host, ip) == ERR_OK) ? OSFN_OK : OSFN_ERR_DNS;
#else
    return OSFN_ERR_DNS;
#endif
}

/** Fill @p a for @p ip and @p port; returns the address family, 0 if unsupported. */
static int make_address(const ip_addr_t *ip, uint16_t port, sock_addr_t *a, socklen_t *len)
{
    (void)memset(a, 0, sizeof(*a));
#if LWIP_IPV6
    if (IP_IS_V6(ip)) {
        a->in6.sin6_family = AF_INET6;
        a->in6.sin6_port = lwip_htons(port);
        (void)memcpy(&a->in6.sin6_addr, ip_2_ip6(ip)->addr, 16u);
        *len = (socklen_t)sizeof(a->in6);
        return AF_INET6;
    }
#endif
#if LWIP_IPV4
    if (!IP_IS_V6(ip)) {
        a->in4.sin_family = AF_INET;
        a->in4.sin_port = lwip_htons(port);
        a->in4.sin_addr.s_addr = ip4_addr_get_u32(ip_2_ip4(ip));
        *len = (socklen_t)sizeof(a->in4);
        return AF_INET;
    }
#endif
    (void)port;
    (void)len;
    return 0;
}

/** Set SO_RCVTIMEO or SO_SNDTIMEO in the option type this lwIP build expects. */
static int set_timeout(int fd, int option, uint32_t ms)
{
#if LWIP_SO_SNDRCVTIMEO_NONSTANDARD
    int v = (int)ms;
#else
    struct timeval v;
    v.tv_sec = (long)(ms / 1000u);
    v.tv_usec = (long)((ms % 1000u) * 1000u);
#endif
    return lwip_setsockopt(fd, SOL_SOCKET, option, &v, (socklen_t)sizeof(v));
}

/**
 * Wait for a non-blocking connect: lwIP answers a repeated connect with
 * EALREADY while the handshake runs and EISCONN once it is done, so no
 * select/poll is needed (Debian's build has neither select nor a poll it
 * documents; many firmware builds leave them out too).
 */
static osfn_status_t wait_connected(int fd, const sock_addr_t *a, socklen_t len,
                                    uint32_t start, uint32_t timeout_ms)
{
    for (;;) {
        int e;
        if (lwip_connect(fd, &a->sa, len) == 0) {
            return OSFN_OK;
        }
        e = errno;
        if (e == EISCONN) {
            return OSFN_OK;
        }
        if ((e != EALREADY) && (e != EINPROGRESS) && (e != EINTR)) {
            return OSFN_ERR_CONNECT;
        }
        if ((uint32_t)(sys_now() - start) >= timeout_ms) {
            return OSFN_ERR_TIMEOUT;
        }
        sys_msleep(OSFN_LWIP_CONNECT_STEP_MS);
    }
}

/** Connect @p fd to @p a before the deadline; non-blocking when the stack allows it. */
static osfn_status_t connect_with_deadline(int fd, const sock_addr_t *a, socklen_t len,
                                           uint32_t start, uint32_t timeout_ms)
{
    osfn_status_t st;
    if (lwip_fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
        /* No non-blocking sockets in this build: a blocking connect, bounded by lwIP's own SYN retries. */
        return (lwip_connect(fd, &a->sa, len) == 0) ? OSFN_OK : OSFN_ERR_CONNECT;
    }
    if (lwip_connect(fd, &a->sa, len) == 0) {
        st = OSFN_OK;
    } else if ((errno == EINPROGRESS) || (errno == EALREADY)) {
        st = wait_connected(fd, a, len, start, timeout_ms);
    } else {
        st = OSFN_ERR_CONNECT;
    }
    if ((st == OSFN_OK) && (lwip_fcntl(fd, F_SETFL, 0) != 0)) {
        st = OSFN_ERR_CONNECT;
    }
    return st;
}

osfn_status_t osfn_lwip_tcp_connect(osfn_lwip_tcp_t *tcp, const char *host, uint16_t port,
                                    uint32_t timeout_ms)
{
    ip_addr_t ip;
    sock_addr_t a;
    socklen_t len = 0;
    uint32_t start = (uint32_t)sys_now();
    osfn_status_t st;
    int family;
    int fd;

    if ((tcp == NULL) || (host == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    osfn_lwip_tcp_close(tcp);
    (void)memset(&ip, 0, sizeof(ip));
    st = resolve(host, &ip);
    if (st != OSFN_OK) {
        return st;
    }
    family = make_address(&ip, port, &a, &len);
    if (family == 0) {
        return OSFN_ERR_CONNECT;
    }
    fd = lwip_socket(family, SOCK_STREAM, 0);
    if (fd < 0) {
        return OSFN_ERR_CONNECT; /* no socket left: MEMP_NUM_NETCONN */
    }
    st = connect_with_deadline(fd, &a, len, start, timeout_ms);
    if ((st == OSFN_OK) && (set_timeout(fd, SO_RCVTIMEO, OSFN_LWIP_POLL_MS) != 0)) {
        st = OSFN_ERR_CONNECT;
    }
#if LWIP_SO_SNDTIMEO
    if ((st == OSFN_OK) && (set_timeout(fd, SO_SNDTIMEO, OSFN_LWIP_POLL_MS) != 0)) {
        st = OSFN_ERR_CONNECT;
    }
#endif
    if (st == OSFN_OK) {
        /* A request goes out whole (one TLS record); with lwIP's usual 536-byte MSS it
         * spans segments, and Nagle would hold the last one for the peer's delayed ACK
         * (~40 ms per call, measured). Best effort: a stack without the option still works. */
        int one = 1;
        (void)lwip_setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, (socklen_t)sizeof(one));
    }
    if (st == OSFN_OK) {
        tcp->fd = fd;
    } else {
        (void)lwip_close(fd);
    }
    return st;
}

void osfn_lwip_tcp_transport(osfn_transport_t *t, osfn_lwip_tcp_t *tcp)
{
    t->send = osfn_lwip_tcp_send;
    t->recv = osfn_lwip_tcp_recv;
    t->ctx = tcp;
}

/** Map lwIP's errno after a failed send or recv to the transport contract. */
static int32_t map_errno(int e)
{
    /* EWOULDBLOCK: SO_RCVTIMEO/SO_SNDTIMEO expired (lwIP 2.1); ETIMEDOUT: the same in
     * lwIP 2.0 (ERR_TIMEOUT). lwIP reports a dead connection as ECONNRESET/ECONNABORTED. */
    if ((e == EWOULDBLOCK) || (e == EAGAIN) || (e == EINTR) || (e == ETIMEDOUT)) {
        return 0;
    }
    if ((e == ECONNRESET) || (e == ECONNABORTED) || (e == EPIPE) || (e == ENOTCONN)) {
        return OSFN_TRANSPORT_RESET;
    }
    return OSFN_TRANSPORT_ERROR;
}

static size_t clamp_len(size_t len)
{
    return (len > (size_t)INT32_MAX) ? (size_t)INT32_MAX : len;
}

int32_t osfn_lwip_tcp_send(void *ctx, const uint8_t *buf, size_t len)
{
    const osfn_lwip_tcp_t *tcp = (const osfn_lwip_tcp_t *)ctx;
    ssize_t n;
    if ((tcp == NULL) || (tcp->fd < 0) || (buf == NULL)) {
        return OSFN_TRANSPORT_ERROR;
    }
    n = lwip_send(tcp->fd, buf, clamp_len(len), 0);
    return (n >= 0) ? (int32_t)n : map_errno(errno);
}

int32_t osfn_lwip_tcp_recv(void *ctx, uint8_t *buf, size_t len)
{
    const osfn_lwip_tcp_t *tcp = (const osfn_lwip_tcp_t *)ctx;
    ssize_t n;
    if ((tcp == NULL) || (tcp->fd < 0) || (buf == NULL)) {
        return OSFN_TRANSPORT_ERROR;
    }
    n = lwip_recv(tcp->fd, buf, clamp_len(len), 0);
    if (n == 0) {
        return OSFN_TRANSPORT_EOF;
    }
    return (n > 0) ? (int32_t)n : map_errno(errno);
}

/* ------------------------------------------------------------ connector -- */

OSFN_TLS_ENDPOINT_OPS(osfn_lwip_tcp_ops, osfn_lwip_tcp_t, osfn_lwip_tcp_init, osfn_lwip_tcp_connect,
                      osfn_lwip_tcp_close, osfn_lwip_tcp_send, osfn_lwip_tcp_recv, osfn_lwip_clock_ms);
