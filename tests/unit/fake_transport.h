/**
 * @file fake_transport.h
 * @brief A scripted ::osfn_transport_t and a stepping millisecond clock for tests.
 *
 * The fake transport serves a fixed byte string (the "script") through recv,
 * in a chosen split pattern, then ends the stream in a chosen way. Its send
 * records what the code under test sent into a caller-provided buffer. It
 * allocates nothing and keeps every counter a test may want to check.
 *
 * Typical use:
 * @code
 *   fake_transport_t ft;
 *   fake_clock_t fc;
 *   osfn_transport_t t;
 *   fake_transport_init(&ft, resp, strlen(resp));
 *   ft.chunk = 1;            // one byte per recv
 *   ft.zeros_between = 2;    // and two "nothing yet" before each
 *   ft.end = FAKE_END_EOF;   // then an orderly close
 *   t = fake_transport_as(&ft);
 *   fake_clock_init(&fc, 0u, 10u);
 *   st = osfn_http_read_response(&t, fake_clock_ms, &fc, 1000u, buf, sizeof(buf), &r);
 * @endcode
 *
 * recv pattern: each call that delivers data first returns 0 `zeros_between`
 * times, then returns at most `chunk` bytes (0 = no limit), never crossing the
 * next offset of `splits`, and never more than asked for. Once the script is
 * exhausted, every call returns the `end` behaviour (repeatedly).
 */
#ifndef FAKE_TRANSPORT_H
#define FAKE_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_transport.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief What recv does once the script is exhausted. */
typedef enum fake_end {
    FAKE_END_EOF = 0, /**< Return ::OSFN_TRANSPORT_EOF (the default). */
    FAKE_END_RESET,   /**< Return ::OSFN_TRANSPORT_RESET. */
    FAKE_END_ERROR,   /**< Return ::OSFN_TRANSPORT_ERROR. */
    FAKE_END_TLS,     /**< Return ::OSFN_TRANSPORT_TLS. */
    FAKE_END_HANG     /**< Return 0 ("nothing yet") forever. */
} fake_end_t;

/** @brief State of one fake connection; fields may be set after fake_transport_init(). */
typedef struct fake_transport {
    /* ---- recv script (set by the test) ---- */
    const uint8_t *data;     /**< Bytes to serve. */
    size_t len;              /**< How many. */
    size_t chunk;            /**< Most bytes per recv; 0 = as many as asked for. */
    const size_t *splits;    /**< Ascending offsets into data that no recv crosses; may be NULL. */
    size_t n_splits;         /**< Entries in splits. */
    unsigned zeros_between;  /**< recv returns 0 this many times before each data delivery. */
    fake_end_t end;          /**< Behaviour after the script. */

    /* ---- send recording (set by the test) ---- */
    uint8_t *sent;           /**< Where sent bytes are copied; may be NULL. */
    size_t sent_cap;         /**< Its size; bytes beyond it are counted but not kept. */
    size_t send_chunk;       /**< Most bytes accepted per send; 0 = all. */
    size_t send_limit;       /**< After this many bytes in total, send returns send_error (when non-zero). */
    int32_t send_error;      /**< 0 = never fail; else a negative ::osfn_transport_error_t. */

    /* ---- observed (read by the test) ---- */
    size_t pos;              /**< Script bytes served so far. */
    size_t sent_len;         /**< Bytes accepted by send in total. */
    bool sent_overflow;      /**< sent_len exceeded sent_cap. */
    unsigned recv_calls;     /**< recv calls, including those that returned 0 or an end code. */
    unsigned send_calls;     /**< send calls. */
    size_t max_request;      /**< Largest len passed to recv. */
    size_t overask;          /**< Largest (len asked - script bytes left) seen while data remained; 0 if never more. */

    /* ---- private ---- */
    unsigned zeros_done;     /**< 0-returns given before the next delivery. */
    size_t next_split;       /**< Index of the next split offset to honour. */
} fake_transport_t;

/**
 * @brief Reset @p f to serve @p len bytes at @p data, one recv taking as much
 *        as asked, then EOF; nothing recorded on send.
 * @param[out] f The fake.
 * @param[in] data Script (not copied: must outlive the fake).
 * @param[in] len Its length (0: the stream ends at once).
 */
void fake_transport_init(fake_transport_t *f, const void *data, size_t len);

/**
 * @brief An ::osfn_transport_t whose ctx is @p f.
 * @param[in] f The fake.
 * @return The transport (send = fake_transport_send, recv = fake_transport_recv).
 */
osfn_transport_t fake_transport_as(fake_transport_t *f);

/**
 * @brief ::osfn_recv_fn of the fake (ctx is a ::fake_transport_t).
 * @param[in] ctx The fake.
 * @param[out] buf Destination.
 * @param[in] len Room (the contract says never 0; 0 is answered with 0).
 * @return Bytes served, 0, or the end code.
 */
int32_t fake_transport_recv(void *ctx, uint8_t *buf, size_t len);

/**
 * @brief ::osfn_send_fn of the fake: copies into f->sent and counts.
 * @param[in] ctx The fake.
 * @param[in] buf Bytes.
 * @param[in] len How many.
 * @return Bytes accepted, or send_error once send_limit is reached.
 */
int32_t fake_transport_send(void *ctx, const uint8_t *buf, size_t len);

/** @brief A millisecond clock that advances by a fixed step on every reading. */
typedef struct fake_clock {
    uint32_t now;    /**< Value the next reading returns. */
    uint32_t step;   /**< Added after every reading (wraps modulo 2^32). */
    unsigned reads;  /**< Readings so far. */
} fake_clock_t;

/**
 * @brief Start the clock at @p start, advancing @p step ms per reading.
 * @param[out] c The clock.
 * @param[in] start First value returned.
 * @param[in] step Increment per reading.
 */
void fake_clock_init(fake_clock_t *c, uint32_t start, uint32_t step);

/**
 * @brief ::osfn_clock_ms_fn of the fake clock: returns now, then now += step.
 * @param[in] ctx A ::fake_clock_t.
 * @return The reading.
 */
uint32_t fake_clock_ms(void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* FAKE_TRANSPORT_H */
