/**
 * @file proof_http.c
 * @brief Frama-C/EVA harness for osfn_http_read_response().
 *
 * The transport and the clock are in stub_transport.c (any number of
 * arbitrary bytes in any split, 0, every negative code, a broken port's
 * claim of more than asked for; any clock value). The caller's buffer has any size
 * 0..HTTP_MAX_BUF and is an uninitialised local placed at the end of a
 * bigger array: a read of a byte never received, or an access past
 * buf[buf_len - 1], is an alarm.
 */
#include <stddef.h>
#include <stdint.h>

#include "__fc_builtin.h"
#include "osfn/osfn_http.h"

#ifndef HTTP_MAX_BUF
#define HTTP_MAX_BUF 1024
#endif

/* The transport and the clock: tests/proofs/stub_transport.c. */
int32_t osfn__proof_recv(void *ctx, uint8_t *buf, size_t len);
uint32_t osfn__proof_clock(void *ctx);

static int32_t proof_send(void *ctx, const uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    (void)len;
    return -1;
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
    t.recv = osfn__proof_recv;
    t.ctx = NULL;
    st = osfn_http_read_response(&t, osfn__proof_clock, NULL, timeout, buf, buf_len, &resp);
    if (st == OSFN_OK) {
        const char *v = NULL;
        size_t v_len = 0u;
        /* the result points into the buffer: read all of it */
        (void)osfn_http_find_header(&resp, "content-type", &v, &v_len);
    }
    return 0;
}
