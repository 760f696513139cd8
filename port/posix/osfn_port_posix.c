/**
 * @file osfn_port_posix.c
 * @brief POSIX port: sockets with poll(2) deadlines, monotonic clock, getrandom.
 */
#include "osfn_port_posix.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/random.h>
#endif

void osfn_posix_tcp_init(osfn_posix_tcp_t *tcp)
{
    if (tcp != NULL) {
        tcp->fd = -1;
    }
}

void osfn_posix_tcp_close(osfn_posix_tcp_t *tcp)
{
    if ((tcp != NULL) && (tcp->fd >= 0)) {
        (void)close(tcp->fd);
        tcp->fd = -1;
    }
}

static uint32_t remaining_ms(uint32_t start, uint32_t timeout_ms)
{
    uint32_t spent = osfn_posix_clock_ms(NULL) - start;
    return (spent >= timeout_ms) ? 0u : (timeout_ms - spent);
}

/** Wait for a non-blocking connect on @p fd to finish; map the outcome to a status. */
static osfn_status_t wait_connected(int fd, uint32_t start, uint32_t timeout_ms)
{
    struct pollfd p;
    int err = 0;
    socklen_t len = (socklen_t)sizeof(err);
    int n;
    p.fd = fd;
    p.events = POLLOUT;
    p.revents = 0;
    do {
        n = poll(&p, 1, (int)remaining_ms(start, timeout_ms));
    } while ((n < 0) && (errno == EINTR));
    if (n == 0) {
        return OSFN_ERR_TIMEOUT;
    }
    if ((n < 0) || (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) || (err != 0)) {
        return OSFN_ERR_CONNECT;
    }
    return OSFN_OK;
}

/** Try one resolved address; on success the socket is left in @p tcp. */
static osfn_status_t try_address(osfn_posix_tcp_t *tcp, const struct addrinfo *ai,
                                 uint32_t start, uint32_t timeout_ms)
{
    osfn_status_t st = OSFN_ERR_CONNECT;
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    int one = 1;
    if (fd < 0) {
        return OSFN_ERR_CONNECT;
    }
    /* TLS sends its handshake records in separate writes (CCS, then Finished): with Nagle
     * on, the second waits for the server's delayed ACK, ~40 ms per handshake. Best effort. */
    (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, (socklen_t)sizeof(one));
    if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK) == 0) {
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            st = OSFN_OK;
        } else if (errno == EINPROGRESS) {
            st = wait_connected(fd, start, timeout_ms);
        } else {
            st = OSFN_ERR_CONNECT;
        }
    }
    if (st == OSFN_OK) {
        tcp->fd = fd;
    } else {
        (void)close(fd);
    }
    return st;
}

osfn_status_t osfn_posix_tcp_connect(osfn_posix_tcp_t *tcp, const char *host, uint16_t port,
                                     uint32_t timeout_ms)
{
    struct addrinfo hints;
    struct addrinfo *res = NULL;
    const struct addrinfo *ai;
    char port_str[8];
    uint32_t start = osfn_posix_clock_ms(NULL);
    osfn_status_t st = OSFN_ERR_CONNECT;

    if ((tcp == NULL) || (host == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    osfn_posix_tcp_close(tcp);
    (void)memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    (void)snprintf(port_str, sizeof(port_str), "%u", (unsigned)port);
    if ((getaddrinfo(host, port_str, &hints, &res) != 0) || (res == NULL)) {
        return OSFN_ERR_DNS;
    }
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        if (remaining_ms(start, timeout_ms) == 0u) {
            st = OSFN_ERR_TIMEOUT;
            break;
        }
        st = try_address(tcp, ai, start, timeout_ms);
        if (st == OSFN_OK) {
            break;
        }
    }
    freeaddrinfo(res);
    return st;
}

void osfn_posix_tcp_transport(osfn_transport_t *t, osfn_posix_tcp_t *tcp)
{
    t->send = osfn_posix_tcp_send;
    t->recv = osfn_posix_tcp_recv;
    t->ctx = tcp;
}

/** Wait up to the poll interval for @p events; 1 ready, 0 not yet, -1 error. */
static int wait_ready(int fd, short events)
{
    struct pollfd p;
    int n;
    p.fd = fd;
    p.events = events;
    p.revents = 0;
    n = poll(&p, 1, OSFN_POSIX_POLL_MS);
    if (n < 0) {
        return (errno == EINTR) ? 0 : -1;
    }
    return (n > 0) ? 1 : 0;
}

static int32_t map_errno(int e)
{
    if ((e == EAGAIN) || (e == EWOULDBLOCK) || (e == EINTR)) {
        return 0;
    }
    if ((e == ECONNRESET) || (e == EPIPE)) {
        return OSFN_TRANSPORT_RESET;
    }
    return OSFN_TRANSPORT_ERROR;
}

static size_t clamp_len(size_t len)
{
    return (len > (size_t)INT32_MAX) ? (size_t)INT32_MAX : len;
}

int32_t osfn_posix_tcp_send(void *ctx, const uint8_t *buf, size_t len)
{
    const osfn_posix_tcp_t *tcp = (const osfn_posix_tcp_t *)ctx;
    ssize_t n;
    int ready;
    if ((tcp == NULL) || (tcp->fd < 0)) {
        return OSFN_TRANSPORT_ERROR;
    }
    ready = wait_ready(tcp->fd, POLLOUT);
    if (ready <= 0) {
        return (ready == 0) ? 0 : OSFN_TRANSPORT_ERROR;
    }
    n = send(tcp->fd, buf, clamp_len(len), MSG_NOSIGNAL);
    return (n >= 0) ? (int32_t)n : map_errno(errno);
}

int32_t osfn_posix_tcp_recv(void *ctx, uint8_t *buf, size_t len)
{
    const osfn_posix_tcp_t *tcp = (const osfn_posix_tcp_t *)ctx;
    ssize_t n;
    int ready;
    if ((tcp == NULL) || (tcp->fd < 0)) {
        return OSFN_TRANSPORT_ERROR;
    }
    ready = wait_ready(tcp->fd, POLLIN);
    if (ready <= 0) {
        return (ready == 0) ? 0 : OSFN_TRANSPORT_ERROR;
    }
    n = recv(tcp->fd, buf, clamp_len(len), 0);
    if (n == 0) {
        return OSFN_TRANSPORT_EOF;
    }
    return (n > 0) ? (int32_t)n : map_errno(errno);
}

uint32_t osfn_posix_clock_ms(void *ctx)
{
    struct timespec ts;
    (void)ctx;
    (void)clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)(((uint64_t)ts.tv_sec * 1000u) + ((uint64_t)ts.tv_nsec / 1000000u));
}

int64_t osfn_posix_epoch(void *ctx)
{
    struct timespec ts;
    (void)ctx;
    (void)clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec;
}

static int urandom(uint8_t *buf, size_t len)
{
    size_t got = 0u;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    while (got < len) {
        ssize_t n = read(fd, &buf[got], len - got);
        if (n <= 0) {
            if ((n < 0) && (errno == EINTR)) {
                continue;
            }
            break;
        }
        got += (size_t)n;
    }
    (void)close(fd);
    return (got == len) ? 0 : -1;
}

int osfn_posix_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
#if defined(__linux__)
    {
        size_t got = 0u;
        while (got < len) {
            ssize_t n = getrandom(&buf[got], len - got, 0);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return urandom(buf, len);
            }
            got += (size_t)n;
        }
        return 0;
    }
#else
    return urandom(buf, len);
#endif
}

void osfn_posix_sleep(void *ctx, uint32_t ms)
{
    struct timespec ts;
    (void)ctx;
    ts.tv_sec = (time_t)(ms / 1000u);
    ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
    while ((nanosleep(&ts, &ts) != 0) && (errno == EINTR)) {
    }
}
