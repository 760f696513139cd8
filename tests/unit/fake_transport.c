/**
 * @file fake_transport.c
 * @brief Scripted transport and stepping clock for tests (see fake_transport.h).
 */
#include "fake_transport.h"

#include <string.h>

void fake_transport_init(fake_transport_t *f, const void *data, size_t len)
{
    memset(f, 0, sizeof(*f));
    f->data = (const uint8_t *)data;
    f->len = len;
    f->end = FAKE_END_EOF;
}

osfn_transport_t fake_transport_as(fake_transport_t *f)
{
    osfn_transport_t t;
    t.send = fake_transport_send;
    t.recv = fake_transport_recv;
    t.ctx = f;
    return t;
}

/** Code returned once the script is exhausted. */
static int32_t end_code(const fake_transport_t *f)
{
    switch (f->end) {
    case FAKE_END_RESET:
        return OSFN_TRANSPORT_RESET;
    case FAKE_END_ERROR:
        return OSFN_TRANSPORT_ERROR;
    case FAKE_END_TLS:
        return OSFN_TRANSPORT_TLS;
    case FAKE_END_HANG:
        return 0;
    case FAKE_END_EOF:
    default:
        return OSFN_TRANSPORT_EOF;
    }
}

/** Bytes the next delivery may carry, before the caller's len is applied. */
static size_t next_piece(fake_transport_t *f)
{
    size_t n = f->len - f->pos;
    if ((f->chunk > 0u) && (n > f->chunk)) {
        n = f->chunk;
    }
    while ((f->next_split < f->n_splits) && (f->splits[f->next_split] <= f->pos)) {
        f->next_split++;
    }
    if ((f->next_split < f->n_splits) && ((f->splits[f->next_split] - f->pos) < n)) {
        n = f->splits[f->next_split] - f->pos;
    }
    return n;
}

int32_t fake_transport_recv(void *ctx, uint8_t *buf, size_t len)
{
    fake_transport_t *f = (fake_transport_t *)ctx;
    size_t n;
    f->recv_calls++;
    if (len > f->max_request) {
        f->max_request = len;
    }
    if (f->pos >= f->len) {
        return end_code(f);
    }
    if ((len > (f->len - f->pos)) && ((len - (f->len - f->pos)) > f->overask)) {
        f->overask = len - (f->len - f->pos);
    }
    if ((len == 0u) || (f->zeros_done < f->zeros_between)) {
        f->zeros_done++;
        return 0;
    }
    n = next_piece(f);
    if (n > len) {
        n = len;
    }
    if (n > (size_t)INT32_MAX) {
        n = (size_t)INT32_MAX;
    }
    memcpy(buf, f->data + f->pos, n);
    f->pos += n;
    f->zeros_done = 0u;
    return (int32_t)n;
}

int32_t fake_transport_send(void *ctx, const uint8_t *buf, size_t len)
{
    fake_transport_t *f = (fake_transport_t *)ctx;
    size_t n = len;
    f->send_calls++;
    if ((f->send_error != 0) && (f->sent_len >= f->send_limit)) {
        return f->send_error;
    }
    if ((f->send_chunk > 0u) && (n > f->send_chunk)) {
        n = f->send_chunk;
    }
    if ((f->send_error != 0) && (n > (f->send_limit - f->sent_len))) {
        n = f->send_limit - f->sent_len;
    }
    if (n > (size_t)INT32_MAX) {
        n = (size_t)INT32_MAX;
    }
    if ((f->sent != NULL) && (f->sent_len < f->sent_cap)) {
        size_t keep = f->sent_cap - f->sent_len;
        memcpy(f->sent + f->sent_len, buf, (keep < n) ? keep : n);
    }
    f->sent_len += n;
    if (f->sent_len > f->sent_cap) {
        f->sent_overflow = true;
    }
    return (int32_t)n;
}

void fake_clock_init(fake_clock_t *c, uint32_t start, uint32_t step)
{
    c->now = start;
    c->step = step;
    c->reads = 0u;
}

uint32_t fake_clock_ms(void *ctx)
{
    fake_clock_t *c = (fake_clock_t *)ctx;
    uint32_t v = c->now;
    c->now = (uint32_t)(c->now + c->step);
    c->reads++;
    return v;
}
