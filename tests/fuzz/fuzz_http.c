/**
 * @file fuzz_http.c
 * @brief libFuzzer harness: the HTTP/1.1 response reader on hostile bytes,
 *        split at points the input chooses, into a buffer whose size the input
 *        chooses (allocated at exactly that size, so ASan sees any overrun).
 *
 * Input: 4 control bytes, then the bytes the "server" sends.
 * - c[0]: buffer size: bits 7-6 pick the rule (00 roomy 16 KiB; 01 the wire + 1 +
 *   (c & 63); 10 tiny, 1..64 bytes; 11 the wire + 1 - (c & 63)), the low bits the amount.
 * - c[1]: what the stream does after the script (c % 5: EOF, RESET, ERROR, TLS, HANG),
 *   how many "nothing yet" (0) returns come before each delivery ((c / 5) % 3),
 *   and a top bit that turns on a per-recv byte limit.
 * - c[2], c[3]: seed of the split points (up to 31 offsets no recv crosses) and the
 *   per-recv limit.
 *
 * Invariants checked on every input:
 * - on OK: status 200..599, HTTP/1.x; headers and body inside the buffer, in that
 *   order, body[body_len] == '\0' inside the buffer; received <= bytes sent;
 *   every header found by osfn_http_find_header() lies inside the header block;
 * - on error: body NULL, keep_alive false, received <= bytes sent; with
 *   RESPONSE_TOO_LARGE, a non-zero `needed` is more than the buffer, and a buffer of
 *   `needed` bytes no longer gives RESPONSE_TOO_LARGE;
 * - the outcome (status, and on OK the HTTP status, body bytes, Date, Retry-After) is
 *   the same when the bytes arrive in one piece as when they arrive split.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fake_transport.h"
#include "fuzz_common.h"
#include "osfn/osfn_http.h"

#define CONTROL 4u
#define WIRE_MAX 16384u
#define ROOMY 16384u
#define TIMEOUT_MS 200000u
#define MAX_SPLITS 31u

/** A clock that moves 1 ms per reading, or 1000 ms while the stream hangs after its script. */
typedef struct {
    const fake_transport_t *ft;
    uint32_t now;
} hang_clock_t;

static uint32_t hang_clock_ms(void *ctx)
{
    hang_clock_t *c = (hang_clock_t *)ctx;
    uint32_t v = c->now;
    bool hung = (c->ft->pos >= c->ft->len) && (c->ft->end == FAKE_END_HANG);
    c->now += hung ? 1000u : 1u;
    return v;
}

static size_t pick_buf_len(uint8_t sel, size_t wire_len)
{
    size_t amount = (size_t)(sel & 63u);
    switch (sel >> 6) {
    case 0:
        return ROOMY;
    case 1:
        return wire_len + 1u + amount;
    case 2:
        return amount + 1u;
    default:
        return (wire_len + 1u > amount + 1u) ? (wire_len + 1u - amount) : 1u;
    }
}

typedef struct {
    osfn_status_t st;
    osfn_http_response_t r;
    uint8_t *buf;
    size_t buf_len;
} outcome_t;

/** Read @p wire through a fake transport set up by the caller; check the invariants. */
static void read_once(fake_transport_t *ft, const uint8_t *wire, size_t wire_len, size_t buf_len,
                      outcome_t *o)
{
    osfn_transport_t t = fake_transport_as(ft);
    hang_clock_t clk = { ft, 0u };
    o->buf = (uint8_t *)malloc(buf_len);
    o->buf_len = buf_len;
    FUZZ_ASSERT(o->buf != NULL);
    o->st = osfn_http_read_response(&t, hang_clock_ms, &clk, TIMEOUT_MS, o->buf, buf_len, &o->r);
    FUZZ_ASSERT(o->r.received <= wire_len);
    if (o->st == OSFN_OK) {
        const char *b = (const char *)o->buf;
        static const char *const k_names[] = { "content-length", "date", "connection", "retry-after",
                                               "transfer-encoding", "x-acs-request-id" };
        size_t i;
        FUZZ_ASSERT((o->r.status >= 200u) && (o->r.status <= 599u));
        FUZZ_ASSERT(o->r.http_minor <= 9u);
        FUZZ_ASSERT(o->r.body_terminated);
        FUZZ_ASSERT(fuzz_inside(o->r.headers, o->r.headers_len, b, buf_len));
        FUZZ_ASSERT(fuzz_inside(o->r.body, o->r.body_len + 1u, b, buf_len));
        FUZZ_ASSERT(o->r.headers + o->r.headers_len <= o->r.body);
        FUZZ_ASSERT(o->r.body[o->r.body_len] == '\0');
        FUZZ_ASSERT(o->r.retry_after >= -1);
        for (i = 0; i < sizeof(k_names) / sizeof(k_names[0]); i++) {
            const char *v = NULL;
            size_t vn = 0u;
            if (osfn_http_find_header(&o->r, k_names[i], &v, &vn)) {
                FUZZ_ASSERT(fuzz_inside(v, vn, o->r.headers, o->r.headers_len));
            }
        }
    } else {
        FUZZ_ASSERT(o->r.body == NULL);
        FUZZ_ASSERT(!o->r.keep_alive);
        FUZZ_ASSERT(o->r.date == -1);
        if ((o->st == OSFN_ERR_RESPONSE_TOO_LARGE) && (o->r.needed != 0u)) {
            FUZZ_ASSERT(o->r.needed > buf_len);
        } else {
            FUZZ_ASSERT(o->r.needed == 0u);
        }
    }
    (void)wire;
}

static void same_outcome(const outcome_t *a, const outcome_t *b)
{
    FUZZ_ASSERT(a->st == b->st);
    if (a->st != OSFN_OK) {
        return;
    }
    FUZZ_ASSERT(a->r.status == b->r.status);
    FUZZ_ASSERT(a->r.http_minor == b->r.http_minor);
    FUZZ_ASSERT(a->r.body_len == b->r.body_len);
    FUZZ_ASSERT(memcmp(a->r.body, b->r.body, a->r.body_len) == 0);
    FUZZ_ASSERT(a->r.headers_len == b->r.headers_len);
    FUZZ_ASSERT(a->r.date == b->r.date);
    FUZZ_ASSERT(a->r.retry_after == b->r.retry_after);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *wire;
    size_t wire_len;
    size_t buf_len;
    size_t splits[MAX_SPLITS];
    size_t n_splits;
    uint64_t seed;
    fake_end_t end;
    fake_transport_t ft;
    outcome_t whole;
    outcome_t split;
    size_t i;

    if (size < CONTROL) {
        return 0;
    }
    wire = data + CONTROL;
    wire_len = size - CONTROL;
    if (wire_len > WIRE_MAX) {
        wire_len = WIRE_MAX;
    }
    buf_len = pick_buf_len(data[0], wire_len);
    end = (fake_end_t)(data[1] % 5u);

    /* 1. all bytes as one delivery */
    fake_transport_init(&ft, wire, wire_len);
    ft.end = end;
    read_once(&ft, wire, wire_len, buf_len, &whole);

    /* 2. split where the input says, with "nothing yet" returns in between */
    seed = ((uint64_t)data[2] << 8) | data[3];
    n_splits = (size_t)(data[2] & 31u);
    {
        size_t at = 0u;
        size_t step = (wire_len / (n_splits + 1u)) * 2u + 1u;
        for (i = 0; i < n_splits; i++) {
            at += 1u + (size_t)(fuzz_rng_next(&seed) % step);
            splits[i] = at;
        }
    }
    fake_transport_init(&ft, wire, wire_len);
    ft.end = end;
    ft.splits = splits;
    ft.n_splits = n_splits;
    ft.zeros_between = (unsigned)((data[1] / 5u) % 3u);
    ft.chunk = (data[1] & 0x80u) ? (size_t)(1u + (data[3] & 15u)) : 0u;
    read_once(&ft, wire, wire_len, buf_len, &split);
    same_outcome(&whole, &split);

    /* 3. a buffer of the size the reader asked for is no longer too small */
    if ((whole.st == OSFN_ERR_RESPONSE_TOO_LARGE) && (whole.r.needed != 0u) && (whole.r.needed <= 4u * WIRE_MAX)) {
        outcome_t again;
        fake_transport_init(&ft, wire, wire_len);
        ft.end = end;
        read_once(&ft, wire, wire_len, whole.r.needed, &again);
        FUZZ_ASSERT(again.st != OSFN_ERR_RESPONSE_TOO_LARGE);
        free(again.buf);
    }
    free(whole.buf);
    free(split.buf);
    return 0;
}
