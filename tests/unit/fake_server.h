/**
 * @file fake_server.h
 * @brief A scripted connector ("server") and scripted platform hooks (clock, epoch,
 *        random, sleep, log) for the client and watch suites. No allocation, no OS
 *        call: runs on a host and on a target alike.
 *
 * The connector hands out scripted connections in order. Like a server, a connection
 * releases its k-th response only once the k-th request has been sent whole (its
 * blank line seen), so kept-alive calls read one response each. After its last
 * response a connection ends as scripted (EOF by default; RESET, ERROR, TLS, HANG).
 * Every request sent is recorded (which connection, where in the log) so a test can
 * compare them. Misuse of the connector (connect while connected, I/O or disconnect
 * on a closed connection) is counted in `misuse`.
 *
 * Typical use:
 * @code
 *   static rig_t rig;
 *   osfn_client_config_t cfg;
 *   rig_init(&rig);
 *   fake_conn_t *c = rig_conn(&rig);          // the first connection
 *   c->responses[c->n_responses++] = "HTTP/1.1 200 OK\r\n...";
 *   rig_config(&rig, &cfg, buf, sizeof(buf), tokens, 64);
 *   osfn_client_init(&client, &cfg);
 * @endcode
 */
#ifndef FAKE_SERVER_H
#define FAKE_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fake_transport.h"
#include "osfn/osfn_client.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FAKE_CONNS 8u        /**< Scripted connections per rig. */
#define FAKE_RESPONSES 8u    /**< Responses per connection. */
#define FAKE_LOG_BYTES 12288u /**< Bytes of all requests kept. */
#define FAKE_REQUESTS 48u    /**< Requests kept. */
#define FAKE_CONNECTS 16u    /**< Scripted connect results. */
#define FAKE_DRAWS 32u       /**< Scripted 4-byte random draws. */
#define FAKE_SLEEPS 64u      /**< Sleeps recorded. */
#define FAKE_EVENTS 64u      /**< Log events recorded. */

/** One scripted connection. */
typedef struct fake_conn {
    /* ---- script (set by the test) ---- */
    const char *responses[FAKE_RESPONSES]; /**< NUL-terminated; the k-th after the k-th request. */
    size_t n_responses;      /**< How many. */
    fake_end_t end;          /**< What recv does after the last response (default EOF). */
    int32_t send_error;      /**< Non-zero: every send fails with this ::osfn_transport_error_t. */
    bool send_stall;         /**< Every send returns 0 ("not yet") for ever. */
    size_t recv_chunk;       /**< Most bytes per recv (0 = as asked). */
    /* ---- observed ---- */
    bool opened;             /**< Handed out by connect. */
    bool closed;             /**< Disconnected. */
    unsigned requests;       /**< Requests sent whole. */
    /* ---- private ---- */
    fake_transport_t ft;     /**< Serves the current response. */
    size_t served;           /**< Responses started so far. */
    uint32_t tail;           /**< Last four bytes sent. */
} fake_conn_t;

/** Where one request sent lies in the log. */
typedef struct {
    unsigned conn;  /**< Index of its connection. */
    size_t off;     /**< Offset in the log. */
    size_t len;     /**< Length (whole when `complete`). */
    bool complete;  /**< Its blank line was sent. */
} fake_request_t;

/** One log event. */
typedef struct {
    osfn_log_event_t ev;
    int64_t a;
    int64_t b;
} fake_event_t;

/** Connector + platform fakes for one test. */
typedef struct rig {
    /* connector */
    fake_conn_t conns[FAKE_CONNS];  /**< Scripted connections, handed out in order. */
    size_t n_conns;                 /**< How many are scripted (rig_conn() adds one). */
    osfn_status_t connect_status[FAKE_CONNECTS]; /**< Non-OK: connect call i fails with it. */
    unsigned connect_calls;         /**< connect calls so far. */
    unsigned disconnect_calls;      /**< disconnect calls so far. */
    size_t next_conn;               /**< Connections handed out. */
    fake_conn_t *open;              /**< The open connection, or NULL. */
    unsigned misuse;                /**< Wrong uses of the connector seen. */
    /* requests */
    char log[FAKE_LOG_BYTES];       /**< Every byte sent, in order. */
    size_t log_len;                 /**< Bytes in the log. */
    fake_request_t req[FAKE_REQUESTS]; /**< Requests, in order. */
    size_t n_req;                   /**< Requests begun. */
    /* clock, epoch */
    uint32_t now;                   /**< Next clock reading (ms). */
    uint32_t step;                  /**< Added after every reading (default 1). */
    int64_t epoch0;                 /**< Device epoch seconds at now == 0 (epoch = epoch0 + now / 1000). */
    /* random */
    uint32_t draws[FAKE_DRAWS];     /**< Values returned, big-endian, by 4-byte random calls. */
    unsigned n_draws;               /**< Scripted draws; after them every draw is 0x9E3779B9. */
    unsigned next_draw;             /**< Draws taken. */
    bool fail_draws;                /**< 4-byte random calls fail. */
    bool fail_nonce;                /**< 16-byte (nonce) random calls fail. */
    unsigned nonce_calls;           /**< 16-byte random calls so far. */
    /* sleep */
    uint32_t sleeps[FAKE_SLEEPS];   /**< Each sleep asked for (ms). */
    unsigned n_sleeps;              /**< How many. */
    uint64_t slept;                 /**< Their sum. */
    /* log */
    fake_event_t events[FAKE_EVENTS]; /**< Log events. */
    unsigned n_events;              /**< How many. */
} rig_t;

/** Reset @p r: nothing scripted, clock at 1000 ms stepping 1, epoch0 = 1764000000 (2025-11-24T16:00Z). */
void rig_init(rig_t *r);

/** Add a scripted connection and return it (responses empty, end EOF). */
fake_conn_t *rig_conn(rig_t *r);

/**
 * Fill @p cfg for a client over the rig: host, a V3 key, the connector, clock, epoch,
 * random, sleep and log hooks, the buffer and tokens; retry policy and timeouts zero
 * (the defaults). Tests change what they need before osfn_client_init().
 */
void rig_config(rig_t *r, osfn_client_config_t *cfg, uint8_t *buf, size_t buf_len,
                osfn_json_token_t *tokens, size_t token_count);

/** The connector's connect (ctx is the rig). */
osfn_status_t rig_connect(void *ctx, osfn_transport_t *t);
/** The connector's disconnect. */
void rig_disconnect(void *ctx);
/** Clock: returns now, then now += step. */
uint32_t rig_clock(void *ctx);
/** Epoch: epoch0 + now / 1000. */
int64_t rig_epoch(void *ctx);
/** Random: 4-byte calls take the scripted draws; others give counter bytes (distinct nonces). */
int rig_random(void *ctx, uint8_t *buf, size_t len);
/** Sleep: records @p ms and advances the clock by it. */
void rig_sleep(void *ctx, uint32_t ms);
/** Log hook: records the event. */
void rig_log(void *ctx, osfn_log_event_t ev, int64_t a, int64_t b);

/**
 * Value of header @p name in request @p i (case-sensitive name, as osfn writes it).
 * @return Pointer into the log (not NUL-terminated) and its length in @p len; NULL if absent.
 */
const char *rig_request_header(const rig_t *r, size_t i, const char *name, size_t *len);

/** True when the @p n bytes at @p needle occur anywhere in the @p hay_len bytes at @p hay. */
bool rig_contains(const void *hay, size_t hay_len, const void *needle, size_t n);

/** Events of kind @p ev recorded so far. */
unsigned rig_count_events(const rig_t *r, osfn_log_event_t ev);

#ifdef __cplusplus
}
#endif

#endif /* FAKE_SERVER_H */
