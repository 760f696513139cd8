/**
 * @file osfn_http.c
 * @brief HTTP/1.1 response reader: head scanner, head parser, in-place chunked
 *        decoder, and the driver that moves bytes from the transport.
 *
 * Layering (each parsing piece is a pure function of the bytes it is given,
 * so it can be tested at every split point):
 * - scan_head() finds the end of the head in the bytes received so far and
 *   rejects bad bytes as soon as they arrive;
 * - parse_head() parses one complete head into a ::head_t (status, framing,
 *   keep-alive, Date, Retry-After);
 * - chunk_decode() is a resumable chunked decoder with a tiny state struct: it
 *   consumes any number of raw bytes and writes the data bytes in place;
 * - the driver (osfn_http_read_response()) only moves bytes from the transport
 *   into the buffer and keeps the deadline.
 *
 * Buffer layout after a successful call (`cap` = buf_len - 1):
 * @verbatim
 *   buf: [ status line | headers | blank line | body ......... | NUL | unused ]
 *          0                                  head_len          head_len + body_len <= cap
 * @endverbatim
 * The last byte of the buffer is reserved for the body's NUL terminator: a
 * buffer of N bytes holds a response (head + de-chunked body) of at most N-1
 * bytes, and a successful body is always a C string.
 *
 * Reading policy (never ask for bytes that belong to the next response):
 * - head: read in blocks of up to the free room (the head's length is
 *   unknown); bytes past the head are kept as the start of the body;
 * - Content-Length: ask for at most the bytes still missing;
 * - chunked: ask for at most the fewest bytes the rest of the body can still
 *   take (chunk_min_remaining(), assuming bare-LF line ends), so a complete
 *   chunked body never makes recv go past its final line;
 * - close-delimited: read until EOF.
 * Bytes past the end of the response (only possible when the head block read
 * them, i.e. the server sent data nobody asked for) are a protocol violation:
 * they are dropped and the connection is reported not reusable.
 */
#include "osfn/osfn_http.h"

#include <string.h>

#include "osfn/osfn_config_defaults.h"
#include "osfn/osfn_time.h"
#include "osfn_time_private.h"
#include "osfn_util.h"

/** Every status line starts with these bytes (case-sensitive). */
#define HTTP_PREFIX "HTTP/1."
/** Length of ::HTTP_PREFIX. */
#define HTTP_PREFIX_LEN 7u
/** ::HTTP_PREFIX as an array (its bounds are visible to the proofs). */
static const char k_http_prefix[HTTP_PREFIX_LEN + 1u] = HTTP_PREFIX;
/** Shortest status line: `HTTP/1.1 200`. */
#define STATUS_LINE_MIN 12u
/** Largest Content-Length accepted (larger is MALFORMED). */
#define CL_MAX ((uint64_t)INT64_MAX)
/** Largest single recv request (recv returns an int32_t). */
#define RECV_MAX ((size_t)INT32_MAX)

/** What the first Retry-After header held. */
typedef enum {
    RA_NONE,  /**< No Retry-After header. */
    RA_DELTA, /**< Delta-seconds, in ra_value. */
    RA_DATE,  /**< An HTTP date, in ra_value (epoch seconds). */
    RA_BAD    /**< Neither (ignored). */
} ra_kind_t;

/** How the body of the final response is delimited. */
typedef enum {
    FRAME_NONE,    /**< No body (1xx, 204, 304). */
    FRAME_LENGTH,  /**< Content-Length bytes. */
    FRAME_CHUNKED, /**< Transfer-Encoding: chunked. */
    FRAME_CLOSE    /**< Until the peer closes the connection. */
} framing_t;

/** What parse_head() learns from one complete head (wide fields first: no padding holes). */
typedef struct {
    uint64_t cl;            /**< Content-Length value (when has_cl). */
    int64_t date;           /**< First Date header in epoch seconds, or -1 (absent or unparsable). */
    int64_t retry_after;    /**< retry_after_seconds() of the first Retry-After and the Date, or -1. */
    int64_t ra_value;       /**< First Retry-After: seconds (RA_DELTA) or epoch (RA_DATE). */
    size_t head_len;        /**< Status line through the blank line, inclusive. */
    size_t headers_off;     /**< First byte after the status line. */
    size_t headers_len;     /**< Header lines, excluding the blank line. */
    framing_t framing;      /**< Body framing (set by finish_head()). */
    ra_kind_t ra_kind;      /**< What the first Retry-After held. */
    unsigned te_chunked;    /**< `chunked` elements seen in Transfer-Encoding. */
    uint16_t status;        /**< Status code, 100..599. */
    uint8_t minor;          /**< Digit after `HTTP/1.`. */
    bool has_cl;            /**< A Content-Length header was seen. */
    bool te_present;        /**< A Transfer-Encoding header was seen. */
    bool te_other;          /**< Any other element seen in Transfer-Encoding. */
    bool conn_close;        /**< `Connection` lists `close`. */
    bool conn_keep_alive;   /**< `Connection` lists `keep-alive`. */
    bool has_date;          /**< A Date header was seen (the first one counts). */
    bool keep_alive;        /**< Connection reusable per the headers. */
} head_t;

/*@ predicate date_ok(int64_t d) = -1000000000000 <= d <= 1000000000000;
    predicate head_init(head_t *h) =
      \initialized(&h->cl) && \initialized(&h->date) && \initialized(&h->retry_after) &&
      \initialized(&h->head_len) && \initialized(&h->headers_off) && \initialized(&h->headers_len) &&
      \initialized(&h->ra_value) && \initialized(&h->ra_kind) && \initialized(&h->framing) &&
      \initialized(&h->te_chunked) && \initialized(&h->status) && \initialized(&h->minor) &&
      \initialized(&h->has_cl) && \initialized(&h->te_present) && \initialized(&h->te_other) &&
      \initialized(&h->conn_close) && \initialized(&h->conn_keep_alive) &&
      \initialized(&h->has_date) && \initialized(&h->keep_alive);
    predicate ra_ok(head_t *h) = h->ra_kind == RA_DATE ==> date_ok(h->ra_value);
*/

/** Result of scan_head(). */
typedef enum {
    SCAN_MORE, /**< No end of head yet. */
    SCAN_DONE, /**< The head ends at the returned length. */
    SCAN_BAD   /**< A byte that cannot be in a head. */
} scan_rc_t;

/** States of the chunked decoder. */
typedef enum {
    CH_SIZE_FIRST,    /**< First hex digit of a chunk size. */
    CH_SIZE,          /**< More hex digits, or what follows them. */
    CH_SIZE_WS,       /**< Whitespace after the size (before `;` or the line end). */
    CH_EXT,           /**< Inside a chunk extension (ignored). */
    CH_SIZE_LF,       /**< CR seen at the end of the size line. */
    CH_DATA,          /**< Chunk data; `size` bytes left. */
    CH_DATA_CR,       /**< Line end after chunk data. */
    CH_DATA_LF,       /**< CR seen after chunk data. */
    CH_TRAILER_START, /**< Start of a trailer line, or of the final blank line. */
    CH_TRAILER,       /**< Inside a trailer line (ignored). */
    CH_TRAILER_LF,    /**< CR seen at the end of a trailer line. */
    CH_END_LF,        /**< CR of the final blank line seen. */
    CH_DONE           /**< The body is complete. */
} chunk_state_t;

/** Chunked decoder state: zero-initialise to start. */
typedef struct {
    chunk_state_t state; /**< Where in the grammar the decoder is. */
    uint64_t size;       /**< Chunk size being parsed, then data bytes left. */
    size_t meta_len;     /**< Bytes of the current size line, or of the trailer section. */
} chunk_t;

/*@ predicate chunk_init(chunk_t *c) =
      \initialized(&c->state) && \initialized(&c->size) && \initialized(&c->meta_len); */

/** Result of chunk_decode(). */
typedef enum {
    CHUNK_MORE,     /**< All input consumed; the body is not complete yet. */
    CHUNK_DONE,     /**< The body is complete. */
    CHUNK_BAD,      /**< Not valid chunked coding (MALFORMED). */
    CHUNK_TOO_LARGE /**< A chunk does not fit the room left. */
} chunk_rc_t;

/** The driver's state for one call. */
typedef struct {
    const osfn_transport_t *t; /**< Where bytes come from. */
    osfn_clock_ms_fn clock;    /**< Deadline clock. */
    void *clock_ctx;           /**< Its context. */
    uint32_t start;            /**< Clock reading at the start of the call. */
    uint32_t timeout_ms;       /**< Allowed duration. */
    bool called;               /**< recv has been called at least once. */
    bool eof;                  /**< EOF seen (close-delimited body only). */
    bool excess;               /**< Bytes past the end of the response were read. */
    uint8_t *buf;              /**< Caller buffer. */
    size_t buf_len;            /**< Its size. */
    size_t cap;                /**< buf_len - 1: room for head and body. */
    size_t filled;             /**< Bytes of buf in use. */
    size_t received;           /**< Bytes received in this call. */
    size_t needed;             /**< Reported with RESPONSE_TOO_LARGE. */
} reader_t;

#ifdef __FRAMAC__
/* The proofs' transport and clock: contracts and bodies in tests/proofs/stub_transport.c
 * (what osfn_transport.h promises of recv and of a clock). The driver's indirect calls name
 * them (`calls`), so that WP proves the driver against those contracts. */
int32_t osfn__proof_recv(void *ctx, uint8_t *buf, size_t len);
uint32_t osfn__proof_clock(void *ctx);
#endif

/*@ predicate rd_base(reader_t *r) =
      \valid(r) && \valid_read(r->t) && \separated(r, r->t) &&
      1 <= r->buf_len && r->cap == r->buf_len - 1 && r->filled <= r->buf_len &&
      \valid(r->buf + (0 .. r->buf_len - 1)) &&
      \separated(r, r->buf + (0 .. r->buf_len - 1)) &&
      \separated(r->t, r->buf + (0 .. r->buf_len - 1)) &&
      r->t->recv == &osfn__proof_recv && r->clock == &osfn__proof_clock;
    predicate rd_init(reader_t *r) = \initialized(r->buf + (0 .. r->filled - 1));
*/

/* ------------------------------------------------------------------------ */
/* Character classes                                                         */
/* ------------------------------------------------------------------------ */

/**
 * @brief Whether @p c is an ASCII decimal digit.
 * @param[in] c A byte.
 * @return true for '0'..'9'.
 */
/*@ assigns \nothing;
    ensures \result <==> ('0' <= c <= '9'); */
static bool is_digit(char c)
{
    return (c >= '0') && (c <= '9');
}

/**
 * @brief Whether @p c is optional whitespace (SP or HTAB).
 * @param[in] c A byte.
 * @return true for SP and HTAB.
 */
/*@ assigns \nothing; */
static bool is_ows(char c)
{
    return (c == ' ') || (c == '\t');
}

/**
 * @brief Whether @p c may not appear in a head or chunk metadata
 *        (control bytes and DEL, except HTAB; CR and LF are handled apart).
 * @param[in] c A byte.
 * @return true for a forbidden control byte.
 */
/*@ assigns \nothing; */
static bool is_bad_ctl(uint8_t c)
{
    return ((c < 0x20u) && (c != (uint8_t)'\t')) || (c == 0x7Fu);
}

/**
 * @brief Whether @p c is a `tchar` (RFC 9110 token character).
 * @param[in] c A byte.
 * @return true for ALPHA, DIGIT and !#$%&'*+-.^_`|~.
 */
/*@ assigns \nothing; */
static bool is_tchar(char c)
{
    static const char k_extra[] = "!#$%&'*+-.^_`|~";
    size_t i;
    if (is_digit(c) || ((osfn__lower(c) >= 'a') && (osfn__lower(c) <= 'z'))) {
        return true;
    }
    /*@ loop invariant 0 <= i <= sizeof(k_extra) - 1;
        loop assigns i;
        loop variant sizeof(k_extra) - 1 - i; */
    for (i = 0u; i < (sizeof(k_extra) - 1u); i++) {
        if (c == k_extra[i]) {
            return true;
        }
    }
    return false;
}

/**
 * @brief Value of a hex digit.
 * @param[in] c A byte.
 * @return 0..15, or -1 when @p c is not a hex digit (either case accepted).
 */
/*@ assigns \nothing;
    ensures -1 <= \result <= 15; */
static int http_hex_value(uint8_t c)
{
    if ((c >= (uint8_t)'0') && (c <= (uint8_t)'9')) {
        return (int)c - (int)'0';
    }
    if ((c >= (uint8_t)'a') && (c <= (uint8_t)'f')) {
        return (int)c - (int)'a' + 10;
    }
    if ((c >= (uint8_t)'A') && (c <= (uint8_t)'F')) {
        return (int)c - (int)'A' + 10;
    }
    return -1;
}

/* ------------------------------------------------------------------------ */
/* Small text helpers                                                        */
/* ------------------------------------------------------------------------ */

/**
 * @brief Remove leading and trailing SP/HTAB.
 * @param[in,out] s Start of the text; advanced past leading whitespace.
 * @param[in,out] n Its length; reduced accordingly.
 */
/*@ requires \valid(s) && \valid(n) && \separated(s, n);
    requires \initialized(s) && \initialized(n);
    requires \valid_read(*s + (0 .. *n - 1));
    requires \initialized(*s + (0 .. *n - 1));
    assigns *s, *n;
    ensures \base_addr(*s) == \base_addr(\old(*s));
    ensures \old(*s) <= *s;
    ensures *s + *n <= \old(*s) + \old(*n);
    ensures \valid_read(*s + (0 .. *n - 1));
    ensures \initialized(*s + (0 .. *n - 1));
    ensures \initialized(s) && \initialized(n);
*/
static void trim_ows(const char **s, size_t *n)
{
    /*@ loop invariant \at(*s, Pre) <= *s && *s + *n == \at(*s, Pre) + \at(*n, Pre);
        loop invariant \valid_read(*s + (0 .. *n - 1));
        loop invariant \initialized(*s + (0 .. *n - 1));
        loop invariant \initialized(s) && \initialized(n);
        loop assigns *s, *n;
        loop variant *n; */
    while ((*n > 0u) && is_ows((*s)[0])) {
        (*s)++;
        (*n)--;
    }
    /*@ loop invariant \at(*s, Pre) <= *s && *s + *n <= \at(*s, Pre) + \at(*n, Pre);
        loop invariant \valid_read(*s + (0 .. *n - 1));
        loop invariant \initialized(*s + (0 .. *n - 1));
        loop invariant \initialized(s) && \initialized(n);
        loop assigns *n;
        loop variant *n; */
    while ((*n > 0u) && is_ows((*s)[*n - 1u])) {
        (*n)--;
    }
}

/**
 * @brief Next element of a comma-separated list, trimmed (may be empty).
 * @param[in] v The list.
 * @param[in] len Its length.
 * @param[in,out] pos Where to continue; start at 0.
 * @param[out] el The element.
 * @param[out] el_len Its length.
 * @return false when the list is exhausted (an empty list has one empty element).
 */
/*@ requires \valid_read(v + (0 .. len - 1));
    requires \initialized(v + (0 .. len - 1));
    requires \valid(pos) && \valid(el) && \valid(el_len) && \initialized(pos);
    requires \separated(pos, el, el_len);
    requires *pos <= len + 1;
    requires len < SIZE_MAX;
    assigns *pos, *el, *el_len;
    ensures *pos <= len + 1;
    ensures \result ==> *pos > \old(*pos);
    ensures \result ==> v <= *el;
    ensures \result ==> *el + *el_len <= v + len;
    ensures \result ==> \valid_read(*el + (0 .. *el_len - 1));
    ensures \result ==> \initialized(*el + (0 .. *el_len - 1));
    ensures \initialized(pos);
    ensures \result ==> \initialized(el) && \initialized(el_len);
*/
static bool next_element(const char *v, size_t len, size_t *pos, const char **el, size_t *el_len)
{
    size_t end = *pos;
    if (*pos > len) {
        return false;
    }
    /*@ loop invariant *pos <= end <= len;
        loop assigns end;
        loop variant len - end; */
    while ((end < len) && (v[end] != ',')) {
        end++;
    }
    *el = &v[*pos];
    *el_len = end - *pos;
    trim_ows(el, el_len);
    *pos = end + 1u;
    return true;
}

/**
 * @brief Parse 1*DIGIT with an upper bound.
 * @param[in] s Text.
 * @param[in] n Its length.
 * @param[in] max Largest accepted value.
 * @param[out] out The value.
 * @return false when empty, not all digits, or above @p max.
 */
/*@ requires \valid_read(s + (0 .. n - 1));
    requires \initialized(s + (0 .. n - 1));
    requires \valid(out);
    requires max >= 9;
    assigns *out;
    ensures \result ==> *out <= max;
*/
static bool parse_decimal(const char *s, size_t n, uint64_t max, uint64_t *out)
{
    uint64_t v = 0u;
    size_t i;
    if (n == 0u) {
        return false;
    }
    /*@ loop invariant 0 <= i <= n;
        loop invariant v <= max;
        loop assigns i, v;
        loop variant n - i; */
    for (i = 0u; i < n; i++) {
        uint64_t d;
        if (!is_digit(s[i])) {
            return false;
        }
        d = (uint64_t)(uint8_t)s[i] - (uint64_t)'0';
        if (v > ((max - d) / 10u)) {
            return false;
        }
        /*@ assert no_overflow: (v * 10) + d <= max; */
        v = (v * 10u) + d;
    }
    *out = v;
    return true;
}

/**
 * @brief Next line of a complete head, without its CR LF / LF.
 * @param[in] p The head.
 * @param[in] len Its length.
 * @param[in,out] pos Start of the line; moved past its LF.
 * @param[out] line Start of the line.
 * @return The line's length; 0 for the blank line or when @p pos reached @p len.
 */
/*@ requires \valid_read(p + (0 .. len - 1));
    requires \initialized(p + (0 .. len - 1));
    requires \valid(pos) && \valid(line) && \separated(pos, line);
    requires \initialized(pos);
    requires *pos <= len;
    assigns *pos, *line;
    ensures \old(*pos) <= *pos <= len;
    ensures *line == p + \old(*pos);
    ensures \old(*pos) + \result <= len;
    ensures \result > 0 ==> *pos > \old(*pos);
    ensures \valid_read(*line + (0 .. \result - 1));
    ensures \initialized(*line + (0 .. \result - 1));
    ensures \initialized(pos) && \initialized(line);
*/
static size_t next_line(const char *p, size_t len, size_t *pos, const char **line)
{
    size_t start = *pos;
    size_t end = start;
    size_t n;
    *line = &p[start];
    if (start >= len) {
        return 0u;
    }
    /*@ loop invariant start <= end <= len;
        loop assigns end;
        loop variant len - end; */
    while ((end < len) && (p[end] != '\n')) {
        end++;
    }
    n = end - start;
    if ((n > 0u) && (p[end - 1u] == '\r')) {
        n--;
    }
    if (end < len) {
        *pos = end + 1u;
    } else {
        *pos = len;
    }
    return n;
}

/* ------------------------------------------------------------------------ */
/* Head scanning and parsing (pure functions of the bytes)                   */
/* ------------------------------------------------------------------------ */

/**
 * @brief Look for the end of a head in the bytes received so far.
 *
 * Checks every byte once: control bytes other than HTAB, CR and LF, a CR not
 * followed by LF, and a first line not starting with `HTTP/1.` are rejected
 * as soon as they are seen. A head ends at the first empty line (CRLF CRLF,
 * LF LF or a mix).
 *
 * @param[in] p Bytes received (the head starts at p[0]).
 * @param[in] len How many.
 * @param[in,out] pos First byte not yet checked; start at 0. A call with the
 *                same bytes and a larger @p len resumes from there.
 * @param[out] head_len On ::SCAN_DONE: the head's length including the blank line.
 * @return ::SCAN_MORE, ::SCAN_DONE or ::SCAN_BAD.
 */
/*@ requires \valid_read(p + (0 .. len - 1));
    requires \initialized(p + (0 .. len - 1));
    requires \valid(pos) && \valid(head_len) && \separated(pos, head_len);
    requires \initialized(pos);
    requires *pos <= len;
    assigns *pos, *head_len;
    ensures *pos <= len;
    ensures \result == SCAN_DONE ==> 0 < *head_len <= len;
*/
static scan_rc_t scan_head(const uint8_t *p, size_t len, size_t *pos, size_t *head_len)
{
    size_t i;
    /*@ loop invariant 0 <= i <= HTTP_PREFIX_LEN;
        loop assigns i;
        loop variant HTTP_PREFIX_LEN - i; */
    for (i = 0u; (i < len) && (i < HTTP_PREFIX_LEN); i++) {
        if (p[i] != (uint8_t)k_http_prefix[i]) {
            return SCAN_BAD;
        }
    }
    /*@ loop invariant \at(*pos, Pre) <= i <= len;
        loop assigns i;
        loop variant len - i; */
    for (i = *pos; i < len; i++) {
        uint8_t c = p[i];
        if (c == (uint8_t)'\n') {
            if (((i >= 1u) && (p[i - 1u] == (uint8_t)'\n')) ||
                ((i >= 2u) && (p[i - 1u] == (uint8_t)'\r') && (p[i - 2u] == (uint8_t)'\n'))) {
                *pos = i + 1u;
                *head_len = i + 1u;
                return SCAN_DONE;
            }
        } else if (c == (uint8_t)'\r') {
            if ((i + 1u) == len) {
                break; /* decide when the next byte arrives */
            }
            if (p[i + 1u] != (uint8_t)'\n') {
                return SCAN_BAD;
            }
        } else if (is_bad_ctl(c)) {
            return SCAN_BAD;
        } else {
            /* an ordinary byte */
        }
    }
    *pos = i;
    return SCAN_MORE;
}

/**
 * @brief Whether two texts of @p n bytes are equal ignoring ASCII case.
 * @param[in] a Text.
 * @param[in] b Text.
 * @param[in] n Their length.
 * @return true when equal.
 */
/*@ requires \valid_read(a + (0 .. n - 1)) && \initialized(a + (0 .. n - 1));
    requires \valid_read(b + (0 .. n - 1)) && \initialized(b + (0 .. n - 1));
    assigns \nothing; */
static bool ci_equal_n(const char *a, const char *b, size_t n)
{
    size_t i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i; */
    for (i = 0u; i < n; i++) {
        if (osfn__lower(a[i]) != osfn__lower(b[i])) {
            return false;
        }
    }
    return true;
}

/**
 * @brief Whether @p a (length @p a_len) is the token @p k (length @p k_len), ignoring case
 *        (what osfn__ci_equal() does for a NUL-terminated @p k).
 * @param[in] a Text.
 * @param[in] a_len Its length.
 * @param[in] k Token (no NUL inside).
 * @param[in] k_len Its length.
 * @return true when equal.
 */
/*@ requires \valid_read(a + (0 .. a_len - 1)) && \initialized(a + (0 .. a_len - 1));
    requires \valid_read(k + (0 .. k_len - 1)) && \initialized(k + (0 .. k_len - 1));
    assigns \nothing; */
static bool is_token(const char *a, size_t a_len, const char *k, size_t k_len)
{
    return (a_len == k_len) && ci_equal_n(a, k, a_len);
}

/**
 * @brief Whether @p s starts with ::HTTP_PREFIX (byte comparison, not a C string one).
 * @param[in] s At least ::HTTP_PREFIX_LEN bytes.
 * @return true when the first ::HTTP_PREFIX_LEN bytes are `HTTP/1.`.
 */
/*@ requires \valid_read(s + (0 .. HTTP_PREFIX_LEN - 1));
    requires \initialized(s + (0 .. HTTP_PREFIX_LEN - 1));
    assigns \nothing; */
static bool has_http_prefix(const char *s)
{
    size_t i;
    /*@ loop invariant 0 <= i <= HTTP_PREFIX_LEN;
        loop assigns i;
        loop variant HTTP_PREFIX_LEN - i; */
    for (i = 0u; i < HTTP_PREFIX_LEN; i++) {
        if (s[i] != k_http_prefix[i]) {
            return false;
        }
    }
    return true;
}

/**
 * @brief Parse `HTTP/1.x NNN[ reason]`.
 * @param[in] s The status line without its line end.
 * @param[in] n Its length.
 * @param[out] h Receives status and minor version.
 * @return ::OSFN_OK or ::OSFN_ERR_HTTP_MALFORMED.
 */
/*@ requires \valid_read(s + (0 .. n - 1)) && \initialized(s + (0 .. n - 1));
    requires \valid(h) && \initialized(&h->status) && \initialized(&h->minor);
    assigns h->status, h->minor;
    ensures \result == OSFN_OK || \result == OSFN_ERR_HTTP_MALFORMED;
    ensures \result == OSFN_OK ==> 100 <= h->status <= 599;
    ensures \initialized(&h->status) && \initialized(&h->minor);
*/
static osfn_status_t parse_status_line(const char *s, size_t n, head_t *h)
{
    unsigned code;
    if ((n < STATUS_LINE_MIN) || !has_http_prefix(s) ||
        !is_digit(s[7]) || (s[8] != ' ') ||
        !is_digit(s[9]) || !is_digit(s[10]) || !is_digit(s[11])) {
        return OSFN_ERR_HTTP_MALFORMED;
    }
    if ((n > STATUS_LINE_MIN) && (s[STATUS_LINE_MIN] != ' ')) {
        return OSFN_ERR_HTTP_MALFORMED;
    }
    code = ((((unsigned)(uint8_t)s[9] - (unsigned)'0') * 100u) +
            (((unsigned)(uint8_t)s[10] - (unsigned)'0') * 10u)) +
           ((unsigned)(uint8_t)s[11] - (unsigned)'0');
    if ((code < 100u) || (code > 599u)) {
        return OSFN_ERR_HTTP_MALFORMED;
    }
    h->status = (uint16_t)code;
    h->minor = (uint8_t)((unsigned)(uint8_t)s[7] - (unsigned)'0');
    return OSFN_OK;
}

/**
 * @brief Split a header line into name and trimmed value.
 * @param[in] s The line without its line end (not empty).
 * @param[in] n Its length.
 * @param[out] name_len Length of the name (which starts at @p s).
 * @param[out] value Start of the trimmed value.
 * @param[out] value_len Its length.
 * @return ::OSFN_OK; ::OSFN_ERR_HTTP_AMBIGUOUS for obs-fold (a line starting
 *         with SP/HTAB); ::OSFN_ERR_HTTP_MALFORMED for an empty or invalid
 *         name, whitespace before the colon, or no colon.
 */
/*@ requires \valid_read(s + (0 .. n - 1));
    requires \initialized(s + (0 .. n - 1));
    requires \valid(name_len) && \valid(value) && \valid(value_len);
    requires \separated(name_len, value, value_len);
    assigns *name_len, *value, *value_len;
    ensures \result == OSFN_OK ==> 0 < *name_len < n;
    ensures \result == OSFN_OK ==> s < *value && \base_addr(*value) == \base_addr(s);
    ensures \result == OSFN_OK ==> *value + *value_len <= s + n;
    ensures \result == OSFN_OK ==> \valid_read(*value + (0 .. *value_len - 1));
    ensures \result == OSFN_OK ==> \initialized(*value + (0 .. *value_len - 1));
    ensures \result == OSFN_OK ==> *value_len < n;
    ensures \result == OSFN_OK ==>
            \initialized(name_len) && \initialized(value) && \initialized(value_len);
    ensures \result == OSFN_OK || \result == OSFN_ERR_HTTP_MALFORMED || \result == OSFN_ERR_HTTP_AMBIGUOUS;
*/
static osfn_status_t split_header_line(const char *s, size_t n, size_t *name_len,
                                       const char **value, size_t *value_len)
{
    size_t i = 0u;
    if ((n > 0u) && is_ows(s[0])) {
        return OSFN_ERR_HTTP_AMBIGUOUS;
    }
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i; */
    while ((i < n) && is_tchar(s[i])) {
        i++;
    }
    if ((i == 0u) || (i == n) || (s[i] != ':')) {
        return OSFN_ERR_HTTP_MALFORMED;
    }
    *name_len = i;
    *value = &s[i + 1u];
    *value_len = n - i - 1u;
    trim_ows(value, value_len);
    return OSFN_OK;
}

/**
 * @brief Apply a Content-Length value (a single number, or a list of equal numbers).
 * @param[in,out] h Head being parsed.
 * @param[in] v Trimmed value.
 * @param[in] n Its length.
 * @return ::OSFN_OK; ::OSFN_ERR_HTTP_MALFORMED for an empty, non-numeric,
 *         signed or too large element; ::OSFN_ERR_HTTP_AMBIGUOUS when it
 *         differs from an earlier value.
 */
/*@ requires \valid_read(v + (0 .. n - 1)) && \initialized(v + (0 .. n - 1));
    requires n < SIZE_MAX;
    requires \valid(h) && \initialized(&h->has_cl) && \initialized(&h->cl);
    requires \separated(h, v + (0 .. n - 1));
    assigns h->has_cl, h->cl;
    ensures \initialized(&h->has_cl) && \initialized(&h->cl);
    ensures \result == OSFN_OK || \result == OSFN_ERR_HTTP_MALFORMED || \result == OSFN_ERR_HTTP_AMBIGUOUS;
*/
static osfn_status_t apply_content_length(head_t *h, const char *v, size_t n)
{
    size_t pos = 0u;
    const char *el = NULL;
    size_t el_len = 0u;
    bool has_cl = h->has_cl;
    uint64_t cl = h->cl;
    /*@ loop invariant pos <= n + 1;
        loop assigns pos, el, el_len, has_cl, cl; */
    while (next_element(v, n, &pos, &el, &el_len)) {
        uint64_t value = 0u;
        if (!parse_decimal(el, el_len, CL_MAX, &value)) {
            h->has_cl = has_cl;
            h->cl = cl;
            return OSFN_ERR_HTTP_MALFORMED;
        }
        if (has_cl && (cl != value)) {
            h->has_cl = has_cl;
            h->cl = cl;
            return OSFN_ERR_HTTP_AMBIGUOUS;
        }
        has_cl = true;
        cl = value;
    }
    h->has_cl = has_cl;
    h->cl = cl;
    return OSFN_OK;
}

/**
 * @brief Record the codings of a Transfer-Encoding value (judged in finish_head()).
 * @param[in,out] h Head being parsed.
 * @param[in] v Trimmed value.
 * @param[in] n Its length.
 */
/*@ requires \valid_read(v + (0 .. n - 1)) && \initialized(v + (0 .. n - 1));
    requires n < SIZE_MAX;
    requires \valid(h) && \initialized(&h->te_chunked) && \initialized(&h->te_other);
    requires \separated(h, v + (0 .. n - 1));
    assigns h->te_present, h->te_chunked, h->te_other;
    ensures \initialized(&h->te_present) && \initialized(&h->te_chunked) && \initialized(&h->te_other);
*/
static void apply_transfer_encoding(head_t *h, const char *v, size_t n)
{
    static const char k_chunked[] = "chunked";
    size_t pos = 0u;
    const char *el = NULL;
    size_t el_len = 0u;
    unsigned chunked = h->te_chunked;
    bool other = h->te_other;
    h->te_present = true;
    /*@ loop invariant pos <= n + 1;
        loop assigns pos, el, el_len, chunked, other; */
    while (next_element(v, n, &pos, &el, &el_len)) {
        if (el_len == 0u) {
            continue; /* empty list elements are allowed and mean nothing */
        }
        if (is_token(el, el_len, k_chunked, sizeof(k_chunked) - 1u)) {
            chunked++;
        } else {
            other = true;
        }
    }
    h->te_chunked = chunked;
    h->te_other = other;
}

/**
 * @brief Record the `close` and `keep-alive` tokens of a Connection value.
 * @param[in,out] h Head being parsed.
 * @param[in] v Trimmed value.
 * @param[in] n Its length.
 */
/*@ requires \valid_read(v + (0 .. n - 1)) && \initialized(v + (0 .. n - 1));
    requires n < SIZE_MAX;
    requires \valid(h) && \initialized(&h->conn_close) && \initialized(&h->conn_keep_alive);
    requires \separated(h, v + (0 .. n - 1));
    assigns h->conn_close, h->conn_keep_alive;
    ensures \initialized(&h->conn_close) && \initialized(&h->conn_keep_alive);
*/
static void apply_connection(head_t *h, const char *v, size_t n)
{
    static const char k_close[] = "close";
    static const char k_keep_alive[] = "keep-alive";
    size_t pos = 0u;
    const char *el = NULL;
    size_t el_len = 0u;
    bool close_seen = h->conn_close;
    bool keep_seen = h->conn_keep_alive;
    /*@ loop invariant pos <= n + 1;
        loop assigns pos, el, el_len, close_seen, keep_seen; */
    while (next_element(v, n, &pos, &el, &el_len)) {
        if (is_token(el, el_len, k_close, sizeof(k_close) - 1u)) {
            close_seen = true;
        } else if (is_token(el, el_len, k_keep_alive, sizeof(k_keep_alive) - 1u)) {
            keep_seen = true;
        } else {
            /* other connection options do not concern us */
        }
    }
    h->conn_close = close_seen;
    h->conn_keep_alive = keep_seen;
}

/**
 * @brief Keep a Retry-After value: delta-seconds or an HTTP date.
 *
 * Parsed when seen, converted once the whole head (and its Date) is known.
 * @param[in,out] h Head being parsed.
 * @param[in] v Trimmed value.
 * @param[in] n Its length.
 */
/*@ requires \valid_read(v + (0 .. n - 1)) && \initialized(v + (0 .. n - 1));
    requires \valid(h) && \separated(h, v + (0 .. n - 1));
    assigns h->ra_kind, h->ra_value;
    ensures \initialized(&h->ra_kind) && \initialized(&h->ra_value);
    ensures ra_ok(h);
*/
static void apply_retry_after(head_t *h, const char *v, size_t n)
{
    uint64_t secs = 0u;
    int64_t when = 0;
    if (parse_decimal(v, n, (uint64_t)INT64_MAX, &secs)) {
        h->ra_kind = RA_DELTA;
        h->ra_value = (int64_t)secs;
    } else if (osfn__parse_http_date(v, n, &when) == OSFN_OK) {
        h->ra_kind = RA_DATE;
        h->ra_value = when;
    } else {
        h->ra_kind = RA_BAD;
        h->ra_value = -1;
    }
}

/**
 * @brief Apply one header field to the head being parsed.
 * @param[in,out] h Head being parsed.
 * @param[in] name Field name.
 * @param[in] name_len Its length.
 * @param[in] v Trimmed value.
 * @param[in] n Its length.
 * @return ::OSFN_OK or the Content-Length error.
 */
/*@ requires \valid_read(name + (0 .. name_len - 1)) && \initialized(name + (0 .. name_len - 1));
    requires \valid_read(v + (0 .. n - 1)) && \initialized(v + (0 .. n - 1));
    requires n < SIZE_MAX;
    requires \valid(h) && head_init(h) && date_ok(h->date) && ra_ok(h);
    requires \separated(h, v + (0 .. n - 1)) && \separated(h, name + (0 .. name_len - 1));
    assigns *h;
    ensures h->headers_off == \old(h->headers_off) && h->status == \old(h->status);
    ensures head_init(h) && date_ok(h->date);
    ensures ra_ok(h);
*/
static osfn_status_t apply_header(head_t *h, const char *name, size_t name_len,
                                  const char *v, size_t n)
{
    /* header names, compared ignoring case */
    static const char k_content_length[] = "content-length";
    static const char k_transfer_encoding[] = "transfer-encoding";
    static const char k_connection[] = "connection";
    static const char k_date[] = "date";
    static const char k_retry_after[] = "retry-after";
    if (is_token(name, name_len, k_content_length, sizeof(k_content_length) - 1u)) {
        return apply_content_length(h, v, n);
    }
    if (is_token(name, name_len, k_transfer_encoding, sizeof(k_transfer_encoding) - 1u)) {
        apply_transfer_encoding(h, v, n);
    } else if (is_token(name, name_len, k_connection, sizeof(k_connection) - 1u)) {
        apply_connection(h, v, n);
    } else if (is_token(name, name_len, k_date, sizeof(k_date) - 1u)) {
        if (!h->has_date) {
            h->has_date = true;
            if (osfn__parse_http_date(v, n, &h->date) != OSFN_OK) {
                h->date = -1;
            }
        }
    } else if (is_token(name, name_len, k_retry_after, sizeof(k_retry_after) - 1u)) {
        if (h->ra_kind == RA_NONE) {
            apply_retry_after(h, v, n);
        }
    } else {
        /* other headers are found later with osfn_http_find_header() */
    }
    return OSFN_OK;
}

/**
 * @brief Seconds from now the first Retry-After asks to wait.
 * @param[in] h The parsed head (its Date and Retry-After).
 * @return Delta-seconds as given; an HTTP date minus the Date, clamped at 0
 *         (-1 without a usable Date); -1 when absent or unparsable.
 */
/*@ requires \valid_read(h) && head_init(h) && date_ok(h->date) && ra_ok(h);
    assigns \nothing; */
static int64_t retry_after_seconds(const head_t *h)
{
    int64_t secs = -1;
    if (h->ra_kind == RA_DELTA) {
        secs = h->ra_value;
    } else if ((h->ra_kind == RA_DATE) && (h->date >= 0)) {
        secs = (h->ra_value > h->date) ? (h->ra_value - h->date) : 0;
    } else {
        /* absent, unparsable, or a date without a Date to count from */
    }
    return secs;
}

/**
 * @brief Decide framing and keep-alive once every header is known.
 *
 * Transfer-Encoding is judged only for responses that have a body: 1xx, 204
 * and 304 have none whatever their headers say (RFC 9112 6.1 lets a 304 carry
 * the Transfer-Encoding a 200 would have had).
 *
 * @param[in,out] h Head being parsed.
 * @return ::OSFN_OK; ::OSFN_ERR_HTTP_AMBIGUOUS for Transfer-Encoding together
 *         with Content-Length or in an HTTP/1.0 response;
 *         ::OSFN_ERR_HTTP_MALFORMED for a Transfer-Encoding other than exactly
 *         `chunked`.
 */
/*@ requires \valid(h) && head_init(h);
    assigns h->framing, h->keep_alive;
    ensures head_init(h);
*/
static osfn_status_t finish_head(head_t *h)
{
    bool no_body = (h->status < 200u) || (h->status == 204u) || (h->status == 304u);
    if (!no_body && h->te_present) {
        if (h->has_cl || (h->minor == 0u)) {
            return OSFN_ERR_HTTP_AMBIGUOUS;
        }
        if (h->te_other || (h->te_chunked != 1u)) {
            return OSFN_ERR_HTTP_MALFORMED;
        }
    }
    if (no_body) {
        h->framing = FRAME_NONE;
    } else if (h->te_present) {
        h->framing = FRAME_CHUNKED;
    } else if (h->has_cl) {
        h->framing = FRAME_LENGTH;
    } else {
        h->framing = FRAME_CLOSE;
    }
    if (h->minor == 0u) {
        h->keep_alive = h->conn_keep_alive && !h->conn_close;
    } else {
        h->keep_alive = !h->conn_close;
    }
    if (h->framing == FRAME_CLOSE) {
        h->keep_alive = false;
    }
    return OSFN_OK;
}

/**
 * @brief Set every field of a head to its "nothing seen" value.
 * @param[out] h The head.
 */
/*@ requires \valid(h);
    assigns *h;
    ensures head_init(h) && h->date == -1 && h->ra_kind == RA_NONE;
*/
static void head_reset(head_t *h)
{
    h->cl = 0u;
    h->date = -1;
    h->retry_after = -1;
    h->head_len = 0u;
    h->headers_off = 0u;
    h->headers_len = 0u;
    h->ra_value = -1;
    h->framing = FRAME_NONE;
    h->ra_kind = RA_NONE;
    h->te_chunked = 0u;
    h->status = 0u;
    h->minor = 0u;
    h->has_cl = false;
    h->te_present = false;
    h->te_other = false;
    h->conn_close = false;
    h->conn_keep_alive = false;
    h->has_date = false;
    h->keep_alive = false;
}

/**
 * @brief Parse one complete head, as delimited by scan_head().
 * @param[in] p The head (its bytes were checked by scan_head()).
 * @param[in] len Its length, including the blank line.
 * @param[out] h The result.
 * @return ::OSFN_OK, ::OSFN_ERR_HTTP_MALFORMED or ::OSFN_ERR_HTTP_AMBIGUOUS.
 */
/*@ requires \valid_read(p + (0 .. len - 1)) && \initialized(p + (0 .. len - 1));
    requires len < SIZE_MAX;
    requires \valid(h) && \separated(h, p + (0 .. len - 1));
    assigns *h;
    ensures head_init(h);
    ensures \result == OSFN_OK ==> h->head_len == len && 100 <= h->status <= 599;
    ensures \result == OSFN_OK ==> h->headers_off <= len && h->headers_len <= len - h->headers_off;
*/
static osfn_status_t parse_head(const char *p, size_t len, head_t *h)
{
    size_t pos = 0u;
    const char *line = NULL;
    size_t n = 0u;
    osfn_status_t st = OSFN_OK;

    head_reset(h);
    n = next_line(p, len, &pos, &line);
    st = parse_status_line(line, n, h);
    h->headers_off = pos;
    /*@ loop invariant pos <= len && h->headers_off <= pos;
        loop invariant st == OSFN_OK ==> 100 <= h->status <= 599;
        loop invariant head_init(h) && date_ok(h->date);
        loop invariant ra_ok(h);
        loop assigns pos, n, line, st, *h; */
    while (st == OSFN_OK) {
        size_t line_start = pos;
        size_t name_len = 0u;
        const char *value = NULL;
        size_t value_len = 0u;
        n = next_line(p, len, &pos, &line);
        if (n == 0u) {
            h->headers_len = line_start - h->headers_off;
            break;
        }
        st = split_header_line(line, n, &name_len, &value, &value_len);
        if (st == OSFN_OK) {
            /*@ assert in_head: line == p + line_start && line_start + n <= len; */
            /*@ assert name_in_head: \subset(line + (0 .. name_len - 1), p + (0 .. len - 1)); */
            /*@ assert value_in_head: p <= value && value + value_len <= p + len; */
            /*@ assert value_in_head2: \subset(value + (0 .. value_len - 1), p + (0 .. len - 1)); */
            st = apply_header(h, line, name_len, value, value_len);
        }
    }
    if (st != OSFN_OK) {
        return st;
    }
    h->head_len = len;
    h->retry_after = retry_after_seconds(h);
    return finish_head(h);
}

/* ------------------------------------------------------------------------ */
/* Chunked decoder (resumable, in place)                                     */
/* ------------------------------------------------------------------------ */

/**
 * @brief Start a new chunk-size line.
 * @param[out] c Decoder state.
 */
/*@ requires \valid(c);
    assigns *c;
    ensures c->state == CH_SIZE_FIRST;
    ensures chunk_init(c); */
static void chunk_begin_size(chunk_t *c)
{
    c->state = CH_SIZE_FIRST;
    c->size = 0u;
    c->meta_len = 0u;
}

/**
 * @brief The chunk-size line is complete: go to data, or to the trailer.
 * @param[in,out] c Decoder state.
 * @param[in] room Data bytes the output can still take.
 * @return ::CHUNK_MORE or ::CHUNK_TOO_LARGE.
 */
/*@ requires \valid(c) && chunk_init(c);
    requires c->state != CH_DATA;
    assigns *c;
    ensures chunk_init(c);
    ensures c->state == CH_DATA ==> 0 < c->size <= room; */
static chunk_rc_t chunk_size_done(chunk_t *c, size_t room)
{
    if (c->size == 0u) {
        c->state = CH_TRAILER_START;
        c->meta_len = 0u;
        return CHUNK_MORE;
    }
    if (c->size > (uint64_t)room) {
        return CHUNK_TOO_LARGE;
    }
    c->state = CH_DATA;
    c->meta_len = 0u;
    return CHUNK_MORE;
}

/**
 * @brief Handle a byte that may end the chunk-size line (CR or LF).
 * @param[in,out] c Decoder state.
 * @param[in] b The byte.
 * @param[in] room Data bytes the output can still take.
 * @return ::CHUNK_MORE, ::CHUNK_TOO_LARGE or ::CHUNK_BAD.
 */
/*@ requires \valid(c) && chunk_init(c);
    requires c->state != CH_DATA;
    assigns *c;
    ensures chunk_init(c);
    ensures c->state == CH_DATA ==> 0 < c->size <= room; */
static chunk_rc_t chunk_size_line_end(chunk_t *c, uint8_t b, size_t room)
{
    if (b == (uint8_t)'\r') {
        c->state = CH_SIZE_LF;
        return CHUNK_MORE;
    }
    if (b == (uint8_t)'\n') {
        return chunk_size_done(c, room);
    }
    return CHUNK_BAD;
}

/**
 * @brief One byte of a chunk-size line: `1*HEXDIG [ BWS ";" ext ] CRLF`.
 * @param[in,out] c Decoder state (one of the CH_SIZE* or CH_EXT states).
 * @param[in] b The byte.
 * @param[in] room Data bytes the output can still take.
 * @return ::CHUNK_MORE, ::CHUNK_TOO_LARGE or ::CHUNK_BAD (bad byte, or a size
 *         above 2^64-1).
 */
/*@ requires \valid(c) && chunk_init(c);
    requires c->state != CH_DATA;
    assigns *c;
    ensures chunk_init(c);
    ensures c->state == CH_DATA ==> 0 < c->size <= room; */
static chunk_rc_t chunk_step_size(chunk_t *c, uint8_t b, size_t room)
{
    int hex = http_hex_value(b);
    if (((c->state == CH_SIZE_FIRST) || (c->state == CH_SIZE)) && (hex >= 0)) {
        if (c->size > (UINT64_MAX >> 4)) {
            return CHUNK_BAD;
        }
        c->size = (c->size << 4) | (uint64_t)hex;
        c->state = CH_SIZE;
        return CHUNK_MORE;
    }
    if (c->state == CH_SIZE_FIRST) {
        return CHUNK_BAD;
    }
    if (c->state == CH_SIZE_LF) {
        return (b == (uint8_t)'\n') ? chunk_size_done(c, room) : CHUNK_BAD;
    }
    if (c->state == CH_EXT) {
        if ((b == (uint8_t)'\r') || (b == (uint8_t)'\n')) {
            return chunk_size_line_end(c, b, room);
        }
        return is_bad_ctl(b) ? CHUNK_BAD : CHUNK_MORE;
    }
    /* CH_SIZE after its digits, or CH_SIZE_WS */
    if (is_ows((char)b)) {
        c->state = CH_SIZE_WS;
        return CHUNK_MORE;
    }
    if (b == (uint8_t)';') {
        c->state = CH_EXT;
        return CHUNK_MORE;
    }
    return chunk_size_line_end(c, b, room);
}

/**
 * @brief One byte of the line end after chunk data.
 * @param[in,out] c Decoder state (CH_DATA_CR or CH_DATA_LF).
 * @param[in] b The byte.
 * @return ::CHUNK_MORE or ::CHUNK_BAD.
 */
/*@ requires \valid(c) && chunk_init(c);
    requires c->state != CH_DATA;
    assigns *c;
    ensures chunk_init(c);
    ensures c->state != CH_DATA; */
static chunk_rc_t chunk_step_data_end(chunk_t *c, uint8_t b)
{
    if ((c->state == CH_DATA_CR) && (b == (uint8_t)'\r')) {
        c->state = CH_DATA_LF;
        return CHUNK_MORE;
    }
    if (b == (uint8_t)'\n') {
        chunk_begin_size(c);
        return CHUNK_MORE;
    }
    return CHUNK_BAD;
}

/**
 * @brief One byte of the trailer section (trailer fields are skipped).
 * @param[in,out] c Decoder state (CH_TRAILER_START .. CH_END_LF).
 * @param[in] b The byte.
 * @return ::CHUNK_MORE, ::CHUNK_DONE or ::CHUNK_BAD.
 */
/*@ requires \valid(c) && chunk_init(c);
    requires c->state != CH_DATA;
    assigns *c;
    ensures chunk_init(c);
    ensures c->state != CH_DATA; */
static chunk_rc_t chunk_step_trailer(chunk_t *c, uint8_t b)
{
    bool is_lf = (b == (uint8_t)'\n');
    switch (c->state) {
    case CH_TRAILER_START:
        if (is_lf) {
            c->state = CH_DONE;
            return CHUNK_DONE;
        }
        if (b == (uint8_t)'\r') {
            c->state = CH_END_LF;
            return CHUNK_MORE;
        }
        if (is_ows((char)b) || is_bad_ctl(b)) {
            return CHUNK_BAD;
        }
        c->state = CH_TRAILER;
        return CHUNK_MORE;
    case CH_TRAILER:
        if (is_lf) {
            c->state = CH_TRAILER_START;
        } else if (b == (uint8_t)'\r') {
            c->state = CH_TRAILER_LF;
        } else if (is_bad_ctl(b)) {
            return CHUNK_BAD;
        } else {
            /* trailer content is ignored */
        }
        return CHUNK_MORE;
    case CH_TRAILER_LF:
        c->state = CH_TRAILER_START;
        return is_lf ? CHUNK_MORE : CHUNK_BAD;
    case CH_END_LF:
        c->state = CH_DONE;
        return is_lf ? CHUNK_DONE : CHUNK_BAD;
    case CH_SIZE_FIRST:
    case CH_SIZE:
    case CH_SIZE_WS:
    case CH_EXT:
    case CH_SIZE_LF:
    case CH_DATA:
    case CH_DATA_CR:
    case CH_DATA_LF:
    case CH_DONE:
    default:
        return CHUNK_BAD; /* not a trailer state: unreachable */
    }
}

/**
 * @brief One framing byte (anything but chunk data).
 * @param[in,out] c Decoder state.
 * @param[in] b The byte.
 * @param[in] room Data bytes the output can still take.
 * @return ::CHUNK_MORE, ::CHUNK_DONE, ::CHUNK_BAD or ::CHUNK_TOO_LARGE;
 *         ::CHUNK_BAD also when a size line or the trailer section is longer
 *         than ::OSFN_HTTP_MAX_HEAD.
 */
/*@ requires \valid(c) && chunk_init(c);
    requires c->state != CH_DATA;
    assigns *c;
    ensures chunk_init(c);
    ensures c->state == CH_DATA ==> 0 < c->size <= room; */
static chunk_rc_t chunk_step(chunk_t *c, uint8_t b, size_t room)
{
    c->meta_len++;
    if (c->meta_len > (size_t)OSFN_HTTP_MAX_HEAD) {
        return CHUNK_BAD;
    }
    switch (c->state) {
    case CH_SIZE_FIRST:
    case CH_SIZE:
    case CH_SIZE_WS:
    case CH_EXT:
    case CH_SIZE_LF:
        return chunk_step_size(c, b, room);
    case CH_DATA_CR:
    case CH_DATA_LF:
        return chunk_step_data_end(c, b);
    case CH_TRAILER_START:
    case CH_TRAILER:
    case CH_TRAILER_LF:
    case CH_END_LF:
        return chunk_step_trailer(c, b);
    case CH_DATA:
    case CH_DONE:
    default:
        return CHUNK_BAD; /* data is copied by chunk_decode(); nothing follows the end */
    }
}

/**
 * @brief Decode chunked bytes in place.
 *
 * Raw bytes p[0..len) are consumed; the data bytes they carry are written to
 * p[0..*out_len) (never ahead of the input, so in place is safe). The state
 * @p c carries over between calls, so the input may be split anywhere.
 *
 * @param[in,out] c Decoder state; zero-initialised (or chunk_begin_size()) at the start.
 * @param[in,out] p Raw input; decoded output.
 * @param[in] len Raw bytes available.
 * @param[in] out_cap Data bytes that may be written at @p p.
 * @param[out] out_len Data bytes written.
 * @param[out] used Raw bytes consumed: all of them unless ::CHUNK_DONE
 *             (bytes after the body are left) or an error.
 * @return ::CHUNK_MORE, ::CHUNK_DONE, ::CHUNK_BAD or ::CHUNK_TOO_LARGE.
 */
/*@ requires \valid(c) && \valid(out_len) && \valid(used);
    requires \valid(p + (0 .. len - 1));
    requires \initialized(p + (0 .. len - 1));
    requires chunk_init(c);
    requires \separated(c, out_len, used, p + (0 .. len - 1));
    requires c->state == CH_DATA ==> 0 < c->size <= out_cap;
    assigns *c, *out_len, *used, p[0 .. len - 1];
    ensures chunk_init(c);
    ensures *out_len <= *used <= len;
    ensures *out_len <= out_cap;
    ensures c->state == CH_DATA ==> 0 < c->size <= out_cap - *out_len;
*/
static chunk_rc_t chunk_decode(chunk_t *c, uint8_t *p, size_t len, size_t out_cap,
                               size_t *out_len, size_t *used)
{
    size_t in = 0u;
    size_t out = 0u;
    chunk_rc_t rc = (c->state == CH_DONE) ? CHUNK_DONE : CHUNK_MORE;
    /*@ loop invariant 0 <= out <= in <= len;
        loop invariant out <= out_cap;
        loop invariant c->state == CH_DATA ==> 0 < c->size <= out_cap - out;
        loop invariant \initialized(p + (in .. len - 1));
        loop invariant chunk_init(c);
        loop assigns in, out, rc, *c, p[0 .. len - 1];
        loop variant len - in; */
    while ((in < len) && (rc == CHUNK_MORE)) {
        if (c->state == CH_DATA) {
            size_t n = len - in;
            if ((uint64_t)n > c->size) {
                n = (size_t)c->size;
            }
            if (out != in) {
                (void)memmove(&p[out], &p[in], n);
            }
            in += n;
            out += n;
            c->size -= (uint64_t)n;
            if (c->size == 0u) {
                c->state = CH_DATA_CR;
            }
        } else {
            rc = chunk_step(c, p[in], out_cap - out);
            in++;
        }
    }
    *out_len = out;
    *used = in;
    return rc;
}

/**
 * @brief Saturating addition.
 * @param[in] a Term.
 * @param[in] b Term.
 * @return a + b, or UINT64_MAX on overflow.
 */
/*@ assigns \nothing; */
static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return (a > (UINT64_MAX - b)) ? UINT64_MAX : (a + b);
}

/**
 * @brief Fewest raw bytes that can still complete the body from this state
 *        (assuming bare-LF line ends and an empty trailer).
 *
 * Asking recv for at most this many bytes can never read past the body.
 *
 * @param[in] c Decoder state.
 * @return A lower bound of the bytes still to come (>= 1 unless done).
 */
/*@ requires \valid_read(c) && chunk_init(c);
    assigns \nothing; */
static uint64_t chunk_min_remaining(const chunk_t *c)
{
    switch (c->state) {
    case CH_SIZE_FIRST:
        return 3u; /* "0\n\n" */
    case CH_SIZE:
    case CH_SIZE_WS:
    case CH_EXT:
    case CH_SIZE_LF:
        /* "\n" [data "\n" "0\n"] "\n" */
        return (c->size == 0u) ? 2u : sat_add(c->size, 5u);
    case CH_DATA:
        return sat_add(c->size, 4u); /* data "\n" "0\n\n" */
    case CH_DATA_CR:
    case CH_DATA_LF:
        return 4u; /* "\n" "0\n\n" */
    case CH_TRAILER:
    case CH_TRAILER_LF:
        return 2u; /* "\n" "\n" */
    case CH_TRAILER_START:
    case CH_END_LF:
        return 1u;
    case CH_DONE:
    default:
        return 0u;
    }
}

/* ------------------------------------------------------------------------ */
/* Driver: moves bytes and keeps the deadline                                */
/* ------------------------------------------------------------------------ */

/**
 * @brief Whether the deadline has passed (wrap-safe).
 * @param[in] r Reader.
 * @return true when at least timeout_ms elapsed since the start.
 */
/*@ requires \valid_read(r) && r->clock == &osfn__proof_clock;
    assigns \nothing; */
static bool deadline_passed(const reader_t *r)
{
    uint32_t now;
    /*@ calls osfn__proof_clock; */
    now = r->clock(r->clock_ctx);
    return (uint32_t)(now - r->start) >= r->timeout_ms;
}

/**
 * @brief Map a negative recv result to a status.
 * @param[in,out] r Reader (its eof flag is set when @p eof_ok and the stream ended).
 * @param[in] rc The negative value.
 * @param[in] eof_ok EOF ends a close-delimited body: report it as ::OSFN_OK.
 * @return The status.
 */
/*@ requires \valid(r);
    assigns r->eof;
    ensures \result != OSFN_OK ==> r->eof == \old(r->eof); */
static osfn_status_t recv_error(reader_t *r, int32_t rc, bool eof_ok)
{
    switch (rc) {
    case OSFN_TRANSPORT_EOF:
        if (eof_ok) {
            r->eof = true;
            return OSFN_OK;
        }
        return (r->received == 0u) ? OSFN_ERR_CONN_CLOSED : OSFN_ERR_SHORT_READ;
    case OSFN_TRANSPORT_RESET:
        return OSFN_ERR_CONN_RESET;
    case OSFN_TRANSPORT_TLS:
        return OSFN_ERR_TLS;
    default:
        return OSFN_ERR_RECV;
    }
}

/**
 * @brief One recv call appending at buf[filled]; checks the deadline before
 *        every call but the first.
 * @param[in,out] r Reader.
 * @param[in] want Bytes to ask for (> 0, and no more than the room).
 * @param[in] eof_ok See recv_error().
 * @return ::OSFN_OK (0 or more bytes arrived), ::OSFN_ERR_TIMEOUT or a receive error.
 */
/*@ requires rd_base(r);
    requires 0 < want_in <= r->buf_len - r->filled;
    assigns r->called, r->filled, r->received, r->eof, r->buf[r->filled .. r->buf_len - 1];
    ensures rd_base(r);
    ensures \old(r->filled) <= r->filled <= \old(r->filled) + want_in;
    ensures \initialized(r->buf + (\old(r->filled) .. r->filled - 1)); */
static osfn_status_t read_some(reader_t *r, size_t want_in, bool eof_ok)
{
    int32_t rc;
    uint8_t *at;
    size_t want = want_in;
    if (r->called && deadline_passed(r)) {
        return OSFN_ERR_TIMEOUT;
    }
    r->called = true;
    if (want > RECV_MAX) {
        want = RECV_MAX;
    }
    at = &r->buf[r->filled];
    /*@ calls osfn__proof_recv; */
    rc = r->t->recv(r->t->ctx, at, want);
    if (rc > 0) {
        if ((size_t)rc > want) {
            return OSFN_ERR_RECV; /* the port broke its contract */
        }
        /*@ assert \forall integer j; 0 <= j < rc ==> \initialized(at + j); */
        /*@ assert at == r->buf + r->filled; */
        /*@ ghost
            int32_t g = 0;
            /@ loop invariant 0 <= g <= rc;
               loop invariant \forall integer i; r->filled <= i < r->filled + g ==> \initialized(r->buf + i);
               loop assigns g;
               loop variant rc - g; @/
            while (g < rc) {
                /@ assert \initialized(at + g); @/
                g++;
            }
        */
        /*@ assert \forall integer j; r->filled <= j < r->filled + rc ==> \initialized(r->buf + j); */
        /*@ assert \initialized(r->buf + (r->filled .. r->filled + rc - 1)); */
        r->filled += (size_t)rc;
        r->received += (size_t)rc;
        return OSFN_OK;
    }
    if (rc == 0) {
        return OSFN_OK;
    }
    return recv_error(r, rc, eof_ok);
}

/**
 * @brief Drop the first @p n bytes of the buffer (an interim response).
 * @param[in,out] r Reader.
 * @param[in] n Bytes to drop (<= filled).
 */
/*@ requires rd_base(r) && rd_init(r) && n <= r->filled;
    assigns r->filled, r->buf[0 .. r->filled - 1];
    ensures rd_base(r) && rd_init(r);
    ensures r->filled == \old(r->filled) - n; */
static void drop_front(reader_t *r, size_t n)
{
    size_t keep = r->filled - n;
    size_t i;
    /* A byte loop rather than memmove: it keeps "every byte in use was received"
     * visible to the proofs (memmove's contract says nothing about it). */
    /*@ loop invariant 0 <= i <= keep;
        loop invariant \initialized(r->buf + (0 .. r->filled - 1));
        loop assigns i, r->buf[0 .. keep - 1];
        loop variant keep - i; */
    for (i = 0u; i < keep; i++) {
        r->buf[i] = r->buf[n + i];
    }
    r->filled = keep;
}

/**
 * @brief Receive and parse heads until a final (non-1xx) one.
 * @param[in,out] r Reader; on success the head sits at buf[0..head_len).
 * @param[out] h The final head.
 * @return ::OSFN_OK; ::OSFN_ERR_HTTP_MALFORMED (bad head, head longer than
 *         ::OSFN_HTTP_MAX_HEAD, 101, too many 1xx); ::OSFN_ERR_HTTP_AMBIGUOUS;
 *         ::OSFN_ERR_RESPONSE_TOO_LARGE (head does not fit the buffer); or a
 *         receive error.
 */
/*@ requires rd_base(r) && rd_init(r) && r->filled <= r->cap;
    requires \valid(h) && \separated(h, r, r->t, r->buf + (0 .. r->buf_len - 1));
    assigns *h, r->called, r->filled, r->received, r->eof, r->buf[0 .. r->buf_len - 1];
    ensures rd_base(r);
    ensures rd_init(r);
    ensures r->filled <= r->cap;
    ensures \result == OSFN_OK ==> head_init(h);
    ensures \result == OSFN_OK ==> 0 < h->head_len <= r->filled;
    ensures \result == OSFN_OK ==> \initialized(r->buf + (0 .. h->head_len - 1));
    ensures \result == OSFN_OK ==> h->headers_off <= h->head_len &&
                                   h->headers_len <= h->head_len - h->headers_off; */
static osfn_status_t read_head(reader_t *r, head_t *h)
{
    size_t scanned = 0u;
    unsigned interim = 0u;
    /*@ loop invariant rd_base(r);
        loop invariant rd_init(r);
        loop invariant r->filled <= r->cap;
        loop invariant scanned <= r->filled;
        loop assigns scanned, interim, *h, r->called, r->filled, r->received, r->eof,
                     r->buf[0 .. r->buf_len - 1]; */
    for (;;) {
        size_t head_len = 0u;
        osfn_status_t st;
        scan_rc_t sc = scan_head(r->buf, r->filled, &scanned, &head_len);
        if (sc == SCAN_BAD) {
            return OSFN_ERR_HTTP_MALFORMED;
        }
        if (sc == SCAN_DONE) {
            if (head_len > (size_t)OSFN_HTTP_MAX_HEAD) {
                return OSFN_ERR_HTTP_MALFORMED;
            }
            /*@ ghost size_t f0 = r->filled; */
            st = parse_head((const char *)r->buf, head_len, h);
            /*@ assert r->filled == f0 && r->filled <= r->cap; */
            /*@ assert rd_base(r); */
            /*@ assert rd_init(r); */
            if ((st != OSFN_OK) || (h->status >= 200u)) {
                return st;
            }
            if ((h->status == 101u) || (interim >= (unsigned)OSFN_HTTP_MAX_INTERIM)) {
                return OSFN_ERR_HTTP_MALFORMED;
            }
            interim++;
            drop_front(r, head_len);
            scanned = 0u;
            continue;
        }
        if (r->filled >= (size_t)OSFN_HTTP_MAX_HEAD) {
            return OSFN_ERR_HTTP_MALFORMED;
        }
        if (r->filled >= r->cap) {
            return OSFN_ERR_RESPONSE_TOO_LARGE;
        }
        /*@ ghost size_t before = r->filled; */
        st = read_some(r, r->cap - r->filled, false);
        /*@ assert \initialized(r->buf + (0 .. before - 1)); */
        /*@ assert \initialized(r->buf + (before .. r->filled - 1)); */
        /*@ assert rd_init(r); */
        if (st != OSFN_OK) {
            return st;
        }
    }
}

/**
 * @brief Receive a Content-Length body.
 * @param[in,out] r Reader.
 * @param[in] h The head.
 * @return ::OSFN_OK, ::OSFN_ERR_RESPONSE_TOO_LARGE (r->needed set) or a receive error.
 */
/*@ requires rd_base(r) && \valid_read(h) && \separated(h, r, r->buf + (0 .. r->buf_len - 1));
    requires head_init(h) && h->head_len <= r->filled && h->head_len <= r->cap;
    assigns r->called, r->filled, r->received, r->eof, r->excess, r->needed,
            r->buf[r->filled .. r->buf_len - 1];
    ensures rd_base(r) && \old(r->filled) <= r->filled;
    ensures \result == OSFN_OK ==> h->cl <= r->cap - h->head_len; */
static osfn_status_t read_length_body(reader_t *r, const head_t *h)
{
    size_t have = r->filled - h->head_len;
    if (h->cl > (uint64_t)(r->cap - h->head_len)) {
        uint64_t need = sat_add(sat_add((uint64_t)h->head_len, h->cl), 1u);
        r->needed = (need <= (uint64_t)SIZE_MAX) ? (size_t)need : 0u;
        return OSFN_ERR_RESPONSE_TOO_LARGE;
    }
    /*@ loop invariant rd_base(r) && \at(r->filled, Pre) <= r->filled;
        loop invariant have == r->filled - h->head_len;
        loop assigns have, r->called, r->filled, r->received, r->eof,
                     r->buf[\at(r->filled, Pre) .. r->buf_len - 1]; */
    while ((uint64_t)have < h->cl) {
        osfn_status_t st = read_some(r, (size_t)h->cl - have, false);
        if (st != OSFN_OK) {
            return st;
        }
        have = r->filled - h->head_len;
    }
    r->excess = ((uint64_t)have > h->cl);
    return OSFN_OK;
}

/**
 * @brief Receive and decode a chunked body in place.
 * @param[in,out] r Reader.
 * @param[in] h The head.
 * @param[out] body_len Decoded length.
 * @return ::OSFN_OK, ::OSFN_ERR_HTTP_MALFORMED, ::OSFN_ERR_RESPONSE_TOO_LARGE
 *         or a receive error.
 */
/*@ requires rd_base(r) && \valid_read(h) && \valid(body_len);
    requires \separated(h, body_len, r, r->buf + (0 .. r->buf_len - 1));
    requires head_init(h) && h->head_len <= r->filled && h->head_len <= r->cap;
    requires \initialized(r->buf + (h->head_len .. r->filled - 1));
    assigns r->called, r->filled, r->received, r->eof, r->excess, *body_len,
            r->buf[h->head_len .. r->buf_len - 1];
    ensures rd_base(r);
    ensures \result == OSFN_OK ==> h->head_len + *body_len <= r->cap; */
static osfn_status_t read_chunked_body(reader_t *r, const head_t *h, size_t *body_len)
{
    chunk_t c;
    size_t wr = h->head_len; /* end of the decoded body; raw bytes follow it */
    chunk_begin_size(&c);
    /*@ loop invariant rd_base(r);
        loop invariant chunk_init(&c);
        loop invariant h->head_len <= wr <= r->cap;
        loop invariant wr <= r->filled;
        loop invariant \initialized(r->buf + (wr .. r->filled - 1));
        loop invariant c.state == CH_DATA ==> 0 < c.size <= r->cap - wr;
        loop assigns wr, c, r->called, r->filled, r->received, r->eof,
                     r->buf[h->head_len .. r->buf_len - 1]; */
    for (;;) {
        size_t out = 0u;
        size_t used = 0u;
        size_t raw = r->filled - wr;
        uint64_t want;
        osfn_status_t st;
        chunk_rc_t rc = chunk_decode(&c, &r->buf[wr], raw, r->cap - wr, &out, &used);
        wr += out;
        if (rc == CHUNK_BAD) {
            return OSFN_ERR_HTTP_MALFORMED;
        }
        if (rc == CHUNK_TOO_LARGE) {
            return OSFN_ERR_RESPONSE_TOO_LARGE;
        }
        if (rc == CHUNK_DONE) {
            r->excess = (used < raw);
            r->filled = wr;
            *body_len = wr - h->head_len;
            return OSFN_OK;
        }
        r->filled = wr;
        /* Framing bytes may use the reserved last byte as scratch: they
         * decode to nothing, and data never goes past cap. */
        want = chunk_min_remaining(&c);
        if (want == 0u) {
            want = 1u; /* not done, so at least one byte is still to come */
        }
        if (want > (uint64_t)(r->buf_len - wr)) {
            want = (uint64_t)(r->buf_len - wr);
        }
        /*@ assert chunk_init(&c) && r->filled == wr; */
        st = read_some(r, (size_t)want, false);
        /*@ assert \initialized(r->buf + (wr .. r->filled - 1)); */
        /*@ assert chunk_init(&c); */
        if (st != OSFN_OK) {
            return st;
        }
    }
}

/**
 * @brief Receive a body delimited by the connection's close.
 * @param[in,out] r Reader.
 * @return ::OSFN_OK at EOF, ::OSFN_ERR_RESPONSE_TOO_LARGE when the body
 *         reaches the reserved last byte, or a receive error.
 */
/*@ requires rd_base(r);
    assigns r->called, r->filled, r->received, r->eof, r->buf[r->filled .. r->buf_len - 1];
    ensures rd_base(r) && \old(r->filled) <= r->filled;
    ensures \result == OSFN_OK ==> r->filled <= r->cap; */
static osfn_status_t read_close_body(reader_t *r)
{
    /*@ loop invariant rd_base(r) && \at(r->filled, Pre) <= r->filled;
        loop assigns r->called, r->filled, r->received, r->eof,
                     r->buf[\at(r->filled, Pre) .. r->buf_len - 1]; */
    while (!r->eof) {
        osfn_status_t st;
        if (r->filled > r->cap) {
            return OSFN_ERR_RESPONSE_TOO_LARGE;
        }
        /* Asking for the reserved byte too tells "fits exactly" (EOF comes
         * next) from "one byte too many". */
        st = read_some(r, r->buf_len - r->filled, true);
        if (st != OSFN_OK) {
            return st;
        }
    }
    return (r->filled > r->cap) ? OSFN_ERR_RESPONSE_TOO_LARGE : OSFN_OK;
}

/**
 * @brief Receive the body the head announces.
 * @param[in,out] r Reader.
 * @param[in] h The final head.
 * @param[out] body_len Body length.
 * @return ::OSFN_OK or the error of the framing's reader.
 */
/*@ requires rd_base(r) && \valid_read(h) && \valid(body_len);
    requires \separated(h, body_len, r, r->buf + (0 .. r->buf_len - 1));
    requires head_init(h) && h->head_len <= r->filled <= r->cap;
    requires rd_init(r);
    assigns r->called, r->filled, r->received, r->eof, r->excess, r->needed, *body_len,
            r->buf[h->head_len .. r->buf_len - 1];
    ensures rd_base(r);
    ensures \result == OSFN_OK ==> h->head_len + *body_len <= r->cap; */
static osfn_status_t read_body(reader_t *r, const head_t *h, size_t *body_len)
{
    osfn_status_t st = OSFN_OK;
    switch (h->framing) {
    case FRAME_LENGTH:
        st = read_length_body(r, h);
        *body_len = (size_t)h->cl;
        break;
    case FRAME_CHUNKED:
        st = read_chunked_body(r, h, body_len);
        break;
    case FRAME_CLOSE:
        st = read_close_body(r);
        *body_len = r->filled - h->head_len;
        break;
    case FRAME_NONE:
    default:
        r->excess = (r->filled > h->head_len);
        *body_len = 0u;
        break;
    }
    return st;
}

/**
 * @brief Set a result to its "nothing" values (keep_alive false, date -1, ...).
 * @param[out] resp The result.
 */
/*@ requires \valid(resp);
    assigns *resp;
    ensures \initialized(&resp->headers) && \initialized(&resp->headers_len); */
static void reset_result(osfn_http_response_t *resp)
{
    resp->status = 0u;
    resp->http_minor = 0u;
    resp->headers = NULL;
    resp->headers_len = 0u;
    resp->body = NULL;
    resp->body_len = 0u;
    resp->body_terminated = false;
    resp->keep_alive = false;
    resp->date = -1;
    resp->retry_after = -1;
    resp->received = 0u;
    resp->needed = 0u;
}

/*@ requires resp == \null || \valid(resp);
    requires transport == \null || \valid_read(transport);
    requires transport != \null ==> transport->recv == \null || transport->recv == &osfn__proof_recv;
    requires clock == \null || clock == &osfn__proof_clock;
    requires buf == \null || \valid(buf + (0 .. buf_len - 1));
    requires buf != \null && resp != \null ==> \separated(resp, buf + (0 .. buf_len - 1));
    requires buf != \null && transport != \null ==> \separated(transport, buf + (0 .. buf_len - 1));
    requires resp != \null && transport != \null ==> \separated(resp, transport);
    assigns *resp, buf[0 .. buf_len - 1];
    ensures resp != \null ==> \initialized(&resp->headers) && \initialized(&resp->headers_len);
    ensures \result == OSFN_OK ==> \valid_read(resp->headers + (0 .. resp->headers_len - 1));
    ensures \result == OSFN_OK ==> \initialized(resp->headers + (0 .. resp->headers_len - 1)); */
osfn_status_t osfn_http_read_response(const osfn_transport_t *transport,
                                      osfn_clock_ms_fn clock, void *clock_ctx,
                                      uint32_t timeout_ms,
                                      uint8_t *buf, size_t buf_len,
                                      osfn_http_response_t *resp)
{
    reader_t r;
    head_t h;
    size_t body_len = 0u;
    const char *text = NULL;
    const char *headers = NULL;
    osfn_status_t st;

    if (resp == NULL) {
        return OSFN_ERR_NULL_ARG;
    }
    reset_result(resp);
    if ((transport == NULL) || (transport->recv == NULL) || (clock == NULL) || (buf == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    if (buf_len == 0u) {
        return OSFN_ERR_RESPONSE_TOO_LARGE;
    }
    r.t = transport;
    r.clock = clock;
    r.clock_ctx = clock_ctx;
    r.called = false;
    r.eof = false;
    r.excess = false;
    r.filled = 0u;
    r.received = 0u;
    r.needed = 0u;
    /*@ calls osfn__proof_clock; */
    r.start = clock(clock_ctx);
    r.timeout_ms = timeout_ms;
    r.buf = buf;
    r.buf_len = buf_len;
    r.cap = buf_len - 1u;

    st = read_head(&r, &h);
    /*@ assert r.buf == buf; */
    /*@ assert st == OSFN_OK ==> \initialized(buf + (0 .. h.head_len - 1)); */
    /*@ assert \initialized(&resp->headers) && \initialized(&resp->headers_len); */
    if (st == OSFN_OK) {
        st = read_body(&r, &h, &body_len);
    }
    /*@ assert \initialized(&resp->headers) && \initialized(&resp->headers_len); */
    /* The order below is for the proof (docs/proofs.md): the headers' offset and length
     * are read from the head before any other store into *resp (hence `received` is set
     * in each branch), and viewed through one `const char *` of the whole buffer. */
    if (st != OSFN_OK) {
        resp->received = r.received;
        resp->needed = r.needed;
        return st;
    }
    /*@ assert \initialized(buf + (h.headers_off .. h.headers_off + h.headers_len - 1)); */
    text = (const char *)buf;
    /*@ assert \initialized(text + (h.headers_off .. h.headers_off + h.headers_len - 1)); */
    headers = &text[h.headers_off];
    /*@ assert \initialized(headers + (0 .. h.headers_len - 1)); */
    resp->headers = headers;
    resp->headers_len = h.headers_len;
    buf[h.head_len + body_len] = 0u; /* the body's terminator */
    resp->received = r.received;
    resp->status = h.status;
    resp->http_minor = h.minor;
    resp->body = (char *)&buf[h.head_len];
    resp->body_len = body_len;
    resp->body_terminated = true;
    resp->keep_alive = h.keep_alive && !r.excess;
    resp->date = h.date;
    resp->retry_after = h.retry_after;
    return OSFN_OK;
}

/*@ requires resp == \null || \valid_read(resp);
    requires resp != \null ==> \initialized(&resp->headers) && \initialized(&resp->headers_len);
    requires resp != \null && resp->headers != \null ==>
             \valid_read(resp->headers + (0 .. resp->headers_len - 1)) &&
             \initialized(resp->headers + (0 .. resp->headers_len - 1));
    requires name == \null || (valid_read_string(name) && \initialized(name + (0 .. strlen(name))));
    requires value == \null || \valid(value);
    requires value_len == \null || \valid(value_len);
    assigns *value, *value_len;
*/
bool osfn_http_find_header(const osfn_http_response_t *resp, const char *name,
                           const char **value, size_t *value_len)
{
    size_t pos = 0u;
    size_t want = 0u;
    if ((resp == NULL) || (name == NULL) || (resp->headers == NULL)) {
        return false;
    }
    want = strlen(name);
    /*@ loop invariant pos <= resp->headers_len;
        loop assigns pos; */
    for (;;) {
        const char *line = NULL;
        const char *v = NULL;
        size_t v_len = 0u;
        size_t name_len = 0u;
        size_t n = 0u;
        n = next_line(resp->headers, resp->headers_len, &pos, &line);
        if (n == 0u) {
            return false;
        }
        if ((split_header_line(line, n, &name_len, &v, &v_len) == OSFN_OK) &&
            is_token(line, name_len, name, want)) {
            if (value != NULL) {
                *value = v;
            }
            if (value_len != NULL) {
                *value_len = v_len;
            }
            return true;
        }
    }
}
