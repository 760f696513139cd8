/**
 * @file proof_http.c
 * @brief Frama-C/EVA harness for osfn_http_read_response().
 *
 * The transport's recv returns, at each call, any of: a negative code (the
 * four ::osfn_transport_error_t values and one unknown code), 0 ("nothing
 * yet"), or 1..len bytes of arbitrary content, and it may also claim one byte
 * more than asked for (a port breaking its contract, which the reader must
 * reject without touching memory). The total number of bytes the peer sends
 * is bounded by HTTP_MAX_WIRE. The clock returns any value at each call, so
 * every deadline outcome is explored. The caller's buffer has any size
 * 0..HTTP_MAX_BUF and is an uninitialised local placed at the end of a
 * bigger array: a read of a byte never received, or an access past
 * buf[buf_len - 1], is an alarm.
 */
#include <stddef.h>
#include <stdint.h>

#include "__fc_builtin.h"
#include "osfn/osfn_http.h"

#ifndef HTTP_MAX_WIRE
#define HTTP_MAX_WIRE 512
#endif
#ifndef HTTP_MAX_BUF
#define HTTP_MAX_BUF 1024
#endif

/** Bytes the peer has sent so far. */
static size_t g_sent;

static int32_t proof_recv(void *ctx, uint8_t *buf, size_t len)
{
    size_t before = g_sent;
    size_t left = (before < (size_t)HTTP_MAX_WIRE) ? ((size_t)HTTP_MAX_WIRE - before) : 0u;
    size_t k;
    (void)ctx;
    if ((left == 0u) || (Frama_C_nondet(0, 1) != 0)) {
        /* EOF, RESET, ERROR, TLS, an unknown negative code, or nothing yet */
        return (int32_t)Frama_C_interval(-5, 0);
    }
    if (len == 0u) {
        return OSFN_TRANSPORT_ERROR; /* never happens: recv is called with len >= 1 */
    }
    k = (size_t)Frama_C_interval(1, (int)((len < left) ? len : left));
    g_sent = before + k;
    Frama_C_make_unknown((char *)buf, k);
    if (Frama_C_nondet(0, 1) != 0) {
        return (int32_t)(len + 1u); /* claims more than asked for: must be rejected */
    }
    return (int32_t)k;
}

static int32_t proof_send(void *ctx, const uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    (void)len;
    return -1;
}

static uint32_t proof_clock(void *ctx)
{
    (void)ctx;
    return Frama_C_unsigned_int_interval(0u, UINT32_MAX);
}

int main(void)
{
    uint8_t mem[HTTP_MAX_BUF];
    osfn_http_response_t resp;
    osfn_transport_t t;
    size_t buf_len = (size_t)Frama_C_interval(0, HTTP_MAX_BUF);
    uint32_t timeout = Frama_C_unsigned_int_interval(0u, UINT32_MAX);
    uint8_t *buf;
    osfn_status_t st;

    /*@ split buf_len; */
    buf = &mem[HTTP_MAX_BUF - buf_len];

    t.send = proof_send;
    t.recv = proof_recv;
    t.ctx = NULL;
    g_sent = 0u;
    st = osfn_http_read_response(&t, proof_clock, NULL, timeout, buf, buf_len, &resp);
    if (st == OSFN_OK) {
        const char *v = NULL;
        size_t v_len = 0u;
        /* the result points into the buffer: read all of it */
        (void)osfn_http_find_header(&resp, "content-type", &v, &v_len);
    }
    return 0;
}
