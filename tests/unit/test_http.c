/**
 * @file test_http.c
 * @brief HTTP/1.1 response reader: framings, rejections, every split point,
 *        truncation at every byte, buffer limits, deadlines, keep-alive.
 */
#include "osfn_test.h"

#include <stdbool.h>

#include "fake_transport.h"
#include "fixtures.h"
#include "osfn/osfn_config_defaults.h"
#include "osfn/osfn_http.h"

/** Generous deadline for tests that are not about time (clock steps 1 ms per reading). */
#define LONG_TIMEOUT 10000000u
/** Size of the read buffer and of built scripts. */
#define BIG 16384u

static uint8_t g_buf[BIG];
static char g_script[BIG];
static char g_script2[BIG];
static osfn_http_response_t g_r;
static fake_transport_t g_ft;
static fake_clock_t g_fc;

/* Sample bodies from the seeds (GetFunctionInstance, GetFunctionTask), as embedded in fixtures.c. */
static const char *seed_body(const char *name)
{
    size_t n = 0;
    size_t i;
    const fixture_t *t = fixture_table(&n);
    for (i = 0; i < n; i++) {
        if (strcmp(t[i].name, name) == 0) {
            return t[i].body;
        }
    }
    return "";
}

#define k_body_instance seed_body("instance_sample_camel.json")
#define k_body_task seed_body("task_sample_camel.json")

/** Fail the running test showing the loop index @p k, when @p cond is false. */
#define CHECK_AT(cond, k)                                                              \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            osfn_test_fail_int(__FILE__, __LINE__, #cond " (at k; 0)", (long long)(k), 0); \
            return;                                                                    \
        }                                                                              \
    } while (0)

/* ------------------------------------------------------------------------ */
/* Script building (no stdio)                                                */
/* ------------------------------------------------------------------------ */

/** A string being appended to. */
typedef struct {
    char *p;
    size_t len;
    size_t cap;
} sb_t;

static void sb_init(sb_t *s, char *p, size_t cap)
{
    s->p = p;
    s->len = 0u;
    s->cap = cap;
    p[0] = '\0';
}

static void sb_mem(sb_t *s, const char *m, size_t n)
{
    if ((s->len + n) < s->cap) {
        memcpy(s->p + s->len, m, n);
        s->len += n;
        s->p[s->len] = '\0';
    }
}

static void sb_str(sb_t *s, const char *m)
{
    sb_mem(s, m, strlen(m));
}

static void sb_num(sb_t *s, size_t v, unsigned base, bool upper)
{
    char tmp[24];
    size_t n = 0u;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v > 0u);
    while (n > 0u) {
        n--;
        sb_mem(s, &tmp[n], 1u);
    }
}

/** Framings of the generated responses. */
typedef enum { F_LENGTH, F_CHUNKED, F_CLOSE } framing_t;

/** Head common to the generated responses. */
static void put_common_head(sb_t *s)
{
    sb_str(s, "HTTP/1.1 200 OK\r\n"
              "Server: Tengine\r\n"
              "Content-Type: application/json;charset=utf-8\r\n"
              "Date: Mon, 23 Nov 2026 06:00:00 GMT\r\n"
              "x-acs-request-id: 68ED4E1B-92B8-5821-A886-9C90686139EB\r\n");
}

/**
 * Chunked body: chunk sizes cycle through 1, 2, 3, 5, 8, 13, 21, 34, 55
 * (or all @p fixed when non-zero), hex case alternates, every third chunk
 * carries an extension, and a trailer ends it.
 */
static void put_chunked_body(sb_t *s, const char *body, size_t fixed)
{
    static const size_t k_sizes[] = { 1u, 2u, 3u, 5u, 8u, 13u, 21u, 34u, 55u };
    size_t len = strlen(body);
    size_t pos = 0u;
    size_t i = 0u;
    while (pos < len) {
        size_t n = (fixed > 0u) ? fixed : k_sizes[i % (sizeof(k_sizes) / sizeof(k_sizes[0]))];
        if (n > (len - pos)) {
            n = len - pos;
        }
        sb_num(s, n, 16u, (i % 2u) == 0u);
        if ((i % 3u) == 2u) {
            sb_str(s, ";ext=\"v\";flag");
        }
        sb_str(s, "\r\n");
        sb_mem(s, body + pos, n);
        sb_str(s, "\r\n");
        pos += n;
        i++;
    }
    sb_str(s, "0\r\nX-Checksum: abc\r\n\r\n");
}

/** Build a response carrying @p body in framing @p f into @p out; return its length. */
static size_t build(char *out, framing_t f, const char *body, size_t chunk)
{
    sb_t s;
    sb_init(&s, out, BIG);
    put_common_head(&s);
    if (f == F_LENGTH) {
        sb_str(&s, "Content-Length: ");
        sb_num(&s, strlen(body), 10u, false);
        sb_str(&s, "\r\n\r\n");
        sb_str(&s, body);
    } else if (f == F_CHUNKED) {
        sb_str(&s, "Transfer-Encoding: chunked\r\n\r\n");
        put_chunked_body(&s, body, chunk);
    } else {
        sb_str(&s, "Connection: close\r\n\r\n");
        sb_str(&s, body);
    }
    return s.len;
}

/** Length of the head of @p s (through the first CRLF CRLF). */
static size_t head_len_of(const char *s)
{
    const char *e = strstr(s, "\r\n\r\n");
    return (e != NULL) ? (size_t)(e - s) + 4u : 0u;
}

/* ------------------------------------------------------------------------ */
/* Running the reader                                                        */
/* ------------------------------------------------------------------------ */

/** Read one response from @p ft into g_buf[0..buf_len) with the given clock. */
static osfn_status_t read_clock(fake_transport_t *ft, size_t buf_len, uint32_t start,
                                uint32_t step, uint32_t timeout)
{
    osfn_transport_t t = fake_transport_as(ft);
    fake_clock_init(&g_fc, start, step);
    memset(g_buf, 0xA5, sizeof(g_buf));
    return osfn_http_read_response(&t, fake_clock_ms, &g_fc, timeout, g_buf, buf_len, &g_r);
}

/** Read one response from @p ft with the whole buffer and a long deadline. */
static osfn_status_t read_ft(fake_transport_t *ft)
{
    return read_clock(ft, BIG, 0u, 1u, LONG_TIMEOUT);
}

/** Serve @p len bytes of @p s in one piece, then EOF. */
static osfn_status_t read_mem(const char *s, size_t len)
{
    fake_transport_init(&g_ft, s, len);
    return read_ft(&g_ft);
}

/** Serve the NUL-terminated @p s in one piece, then EOF. */
static osfn_status_t read_str(const char *s)
{
    return read_mem(s, strlen(s));
}

/** True when the last result carries exactly @p body, terminated, status 200. */
static bool body_is(const char *body)
{
    size_t n = strlen(body);
    return (g_r.status == 200u) && (g_r.body != NULL) && (g_r.body_len == n) &&
           (memcmp(g_r.body, body, n) == 0) && g_r.body_terminated && (g_r.body[n] == '\0');
}

/** True when the last result looks like a failure: nothing reported but received/needed. */
static bool failed_clean(void)
{
    return !g_r.keep_alive && (g_r.body == NULL) && (g_r.body_len == 0u) &&
           (g_r.headers == NULL) && (g_r.status == 0u) && !g_r.body_terminated;
}

/* ------------------------------------------------------------------------ */
/* Framings                                                                  */
/* ------------------------------------------------------------------------ */

static void test_content_length(void)
{
    static const char k[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
    const char *v = NULL;
    size_t vl = 0u;
    CHECK_INT(read_str(k), OSFN_OK);
    CHECK(body_is("hello"));
    CHECK_INT(g_r.http_minor, 1);
    CHECK(g_r.keep_alive);
    CHECK_INT(g_r.date, -1);
    CHECK_INT(g_r.retry_after, -1);
    CHECK_INT(g_r.received, strlen(k));
    CHECK_INT(g_r.needed, 0);
    CHECK(g_r.headers == (const char *)g_buf + 17);
    CHECK_MEM(g_r.headers, g_r.headers_len, "Content-Type: text/plain\r\nContent-Length: 5\r\n");
    CHECK(osfn_http_find_header(&g_r, "content-type", &v, &vl));
    CHECK_MEM(v, vl, "text/plain");
    CHECK_INT(g_ft.pos, strlen(k));
}

static void test_content_length_zero_and_binary(void)
{
    static const char k_bin[] = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\na\0b";
    CHECK_INT(read_str("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK(body_is(""));
    CHECK(g_r.keep_alive);
    CHECK_INT(read_mem(k_bin, sizeof(k_bin) - 1u), OSFN_OK); /* NUL bytes are fine in a body */
    CHECK_INT(g_r.body_len, 3);
    CHECK(memcmp(g_r.body, "a\0b", 4) == 0);
}

static void test_chunked_extensions_trailers_hex(void)
{
    static const char k[] =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "5;name=value\r\nhello\r\n"
        "a ; x = \"y\"\r\n0123456789\r\n"
        "A\r\nABCDEFGHIJ\r\n"
        "0000F\r\n!!!!!!!!!!!!!!!\r\n"
        "1B;z\r\n---------------------------\r\n"
        "0;last=1\r\nX-Trailer: v\r\nContent-MD5: x\r\n\r\n";
    CHECK_INT(read_str(k), OSFN_OK);
    CHECK(body_is("hello0123456789ABCDEFGHIJ!!!!!!!!!!!!!!!---------------------------"));
    CHECK(g_r.keep_alive);
    CHECK_INT(g_r.received, strlen(k));
    CHECK(g_r.body == (char *)g_buf + 47);
}

static void test_chunked_many_tiny_and_empty(void)
{
    sb_t s;
    size_t len;
    sb_init(&s, g_script, BIG);
    sb_str(&s, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    put_chunked_body(&s, k_body_task, 1u);
    len = s.len;
    CHECK_INT(read_mem(g_script, len), OSFN_OK);
    CHECK(body_is(k_body_task));

    CHECK_INT(read_str("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), OSFN_OK);
    CHECK(body_is(""));
    CHECK(g_r.keep_alive);
    CHECK_INT(read_str("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n000\n\n"), OSFN_OK);
    CHECK(body_is(""));
}

static void test_close_delimited(void)
{
    static const char k[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";
    CHECK_INT(read_str(k), OSFN_OK);
    CHECK(body_is("until the end"));
    CHECK(!g_r.keep_alive);
    CHECK_INT(read_str("HTTP/1.1 200 OK\r\n\r\n"), OSFN_OK); /* no headers, empty body */
    CHECK(body_is(""));
    CHECK_INT(g_r.headers_len, 0);
    CHECK(!g_r.keep_alive);
    /* a reset is never an end of body */
    fake_transport_init(&g_ft, k, strlen(k));
    g_ft.end = FAKE_END_RESET;
    CHECK_INT(read_ft(&g_ft), OSFN_ERR_CONN_RESET);
    CHECK(failed_clean());
}

static void test_interim_responses(void)
{
    static const char k[] =
        "HTTP/1.1 100 Continue\r\n\r\n"
        "HTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n"
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
    size_t k_len = strlen(k);
    size_t i;
    CHECK_INT(read_str(k), OSFN_OK);
    CHECK(body_is("hi"));
    CHECK(!osfn_http_find_header(&g_r, "link", NULL, NULL)); /* headers of the final response only */
    CHECK(osfn_http_find_header(&g_r, "content-length", NULL, NULL));
    CHECK_INT(g_r.received, k_len);
    for (i = 1u; i < k_len; i++) {
        size_t split = i;
        fake_transport_init(&g_ft, k, k_len);
        g_ft.splits = &split;
        g_ft.n_splits = 1u;
        CHECK_AT(read_ft(&g_ft) == OSFN_OK, i);
        CHECK_AT(body_is("hi"), i);
    }
}

static void test_interim_limits(void)
{
    sb_t s;
    unsigned i;
    sb_init(&s, g_script, BIG);
    for (i = 0u; i < (unsigned)OSFN_HTTP_MAX_INTERIM; i++) {
        sb_str(&s, "HTTP/1.1 100 Continue\r\n\r\n");
    }
    sb_str(&s, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
    CHECK_INT(read_str(g_script), OSFN_OK);
    CHECK(body_is("x"));

    sb_init(&s, g_script, BIG);
    for (i = 0u; i <= (unsigned)OSFN_HTTP_MAX_INTERIM; i++) {
        sb_str(&s, "HTTP/1.1 102 Processing\r\n\r\n");
    }
    sb_str(&s, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
    CHECK_INT(read_str(g_script), OSFN_ERR_HTTP_MALFORMED);
    CHECK(failed_clean());

    CHECK_INT(read_str("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n"), OSFN_ERR_HTTP_MALFORMED);
}

static void test_no_body_statuses(void)
{
    static const char *const k[] = {
        "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n",
        "HTTP/1.1 304 Not Modified\r\nContent-Length: 1000\r\nETag: \"x\"\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n\r\n",
        "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "HTTP/1.1 204 No Content\r\n\r\n",
    };
    size_t i;
    for (i = 0u; i < (sizeof(k) / sizeof(k[0])); i++) {
        /* the transport hangs after the head: reading on would time out */
        fake_transport_init(&g_ft, k[i], strlen(k[i]));
        g_ft.end = FAKE_END_HANG;
        g_ft.chunk = 1u;
        CHECK_AT(read_clock(&g_ft, BIG, 0u, 1u, 100000u) == OSFN_OK, i);
        CHECK_AT(g_r.body_len == 0u, i);
        CHECK_AT(g_r.body_terminated && (g_r.body[0] == '\0'), i);
        CHECK_AT(g_r.keep_alive, i);
        CHECK_AT(g_ft.pos == strlen(k[i]), i);
    }
    CHECK_INT(g_r.status, 204);
}

/* ------------------------------------------------------------------------ */
/* Header handling                                                           */
/* ------------------------------------------------------------------------ */

static void test_header_case_trim_find(void)
{
    static const char k[] =
        "HTTP/1.1 200 OK\r\n"
        "cOnTeNt-LeNgTh: \t 3 \t \r\n"
        "X-Dup:   first  \r\n"
        "x-dup: second\r\n"
        "X-Empty:\r\n"
        "X-Spaces: \t \r\n"
        "X-Inner:  a  b  \r\n"
        "Content:nope\r\n"
        "\r\nabc";
    const char *v = NULL;
    size_t vl = 99u;
    CHECK_INT(read_str(k), OSFN_OK);
    CHECK(body_is("abc"));
    CHECK(osfn_http_find_header(&g_r, "X-DUP", &v, &vl));
    CHECK_MEM(v, vl, "first");
    CHECK(osfn_http_find_header(&g_r, "x-empty", &v, &vl));
    CHECK_INT(vl, 0);
    CHECK(osfn_http_find_header(&g_r, "x-spaces", &v, &vl));
    CHECK_INT(vl, 0);
    CHECK(osfn_http_find_header(&g_r, "X-Inner", &v, &vl));
    CHECK_MEM(v, vl, "a  b");
    CHECK(osfn_http_find_header(&g_r, "content", &v, &vl));
    CHECK_MEM(v, vl, "nope");
    CHECK(osfn_http_find_header(&g_r, "CONTENT-LENGTH", &v, &vl));
    CHECK_MEM(v, vl, "3");
    CHECK(!osfn_http_find_header(&g_r, "Content-Len", &v, &vl));
    CHECK(!osfn_http_find_header(&g_r, "X-Dup-More", &v, &vl));
    CHECK(!osfn_http_find_header(&g_r, "", &v, &vl));
    CHECK(!osfn_http_find_header(NULL, "x", &v, &vl));
    CHECK(!osfn_http_find_header(&g_r, NULL, &v, &vl));
}

static void test_bare_lf(void)
{
    CHECK_INT(read_str("HTTP/1.1 200 OK\nContent-Length: 2\nX-A: b\n\nok"), OSFN_OK);
    CHECK(body_is("ok"));
    CHECK(osfn_http_find_header(&g_r, "x-a", NULL, NULL));
    CHECK_INT(read_str("HTTP/1.1 200 OK\r\nContent-Length: 2\nX: y\r\n\nok"), OSFN_OK); /* mixed */
    CHECK(body_is("ok"));
    CHECK_INT(read_str("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n"), OSFN_OK);
    CHECK(body_is("ok"));
    CHECK_INT(g_ft.pos, strlen("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n"));
    CHECK_INT(read_str("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n"
                       "2;ext\nok\n1 \n!\n0;e=1\nX-T: 1\nY: 2\r\n\n"), OSFN_OK);
    CHECK(body_is("ok!"));
    CHECK(g_r.keep_alive);
}

static void test_status_lines(void)
{
    static const char *const good[] = {
        "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 \xC3\xA9 t\tab\r\nContent-Length: 0\r\n\r\n",
    };
    static const char *const bad[] = {
        "HTTP/2 200 OK\r\n\r\n", "HTTP/2.0 200 OK\r\n\r\n", "http/1.1 200 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 200OK\r\n\r\n",
        "HTTP/1.1  200 OK\r\n\r\n", "HTTP/1.1 abc OK\r\n\r\n", "HTTP/1.x 200 OK\r\n\r\n",
        "HTTP/1.1 099 Low\r\n\r\n", "HTTP/1.1 600 High\r\n\r\n", "ICY 200 OK\r\n\r\n",
        "\r\nHTTP/1.1 200 OK\r\n\r\n", "HTTP/1.1\t200 OK\r\n\r\n", "HTTP/1.1 2\r\n\r\n",
        "HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n",
        "HTTP/1.1 20x OK\r\n\r\n",
    };
    size_t i;
    for (i = 0u; i < (sizeof(good) / sizeof(good[0])); i++) {
        CHECK_AT(read_str(good[i]) == OSFN_OK, i);
        CHECK_AT(g_r.status == 200u, i);
    }
    for (i = 0u; i < (sizeof(bad) / sizeof(bad[0])); i++) {
        CHECK_AT(read_str(bad[i]) == OSFN_ERR_HTTP_MALFORMED, i);
        CHECK_AT(failed_clean(), i);
    }
    CHECK_INT(read_str("HTTP/1.0 404 Not Found\r\nContent-Length: 1\r\n\r\nx"), OSFN_OK);
    CHECK_INT(g_r.status, 404);
    CHECK_INT(g_r.http_minor, 0);
    CHECK_INT(read_str("HTTP/1.1 599 Edge\r\nContent-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.status, 599);
}

static void test_header_syntax_rejects(void)
{
    static const struct {
        const char *s;
        osfn_status_t want;
    } k[] = {
        { "HTTP/1.1 200 OK\r\nX Y: z\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nX : z\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\n: z\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nX(y): z\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nX-A: a\r\n folded\r\nContent-Length: 0\r\n\r\n", OSFN_ERR_HTTP_AMBIGUOUS },
        { "HTTP/1.1 200 OK\r\nX-A: a\r\n\tfolded\r\nContent-Length: 0\r\n\r\n", OSFN_ERR_HTTP_AMBIGUOUS },
        { "HTTP/1.1 200 OK\r\n Content-Length: 0\r\n\r\n", OSFN_ERR_HTTP_AMBIGUOUS },
        { "HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nX-A: a\x01" "b\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nX-A: a\x7f" "b\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nX-A: a\x1b" "b\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 O\x0bK\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
    };
    size_t i;
    for (i = 0u; i < (sizeof(k) / sizeof(k[0])); i++) {
        CHECK_AT(read_str(k[i].s) == k[i].want, i);
        CHECK_AT(failed_clean(), i);
    }
}

static void test_nul_and_garbage_rejected_early(void)
{
    static const char k_nul_value[] = "HTTP/1.1 200 OK\r\nX-A: a\0b\r\nContent-Length: 0\r\n\r\n";
    static const char k_nul_status[] = "HTTP/1.1 200 O\0K\r\n\r\n";
    static const char k_nul_first[] = "\0HTTP/1.1 200 OK\r\n\r\n";
    static const char k_ssh[] = "SSH-2.0-OpenSSH_9.6";
    /* the transport then hangs: the reader must not wait for the deadline */
    fake_transport_init(&g_ft, k_nul_value, 26u);
    g_ft.end = FAKE_END_HANG;
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 1u, 1000u), OSFN_ERR_HTTP_MALFORMED);
    CHECK_INT(g_r.received, 26);
    CHECK_INT(read_mem(k_nul_value, sizeof(k_nul_value) - 1u), OSFN_ERR_HTTP_MALFORMED);
    CHECK_INT(read_mem(k_nul_status, sizeof(k_nul_status) - 1u), OSFN_ERR_HTTP_MALFORMED);
    CHECK_INT(read_mem(k_nul_first, sizeof(k_nul_first) - 1u), OSFN_ERR_HTTP_MALFORMED);
    fake_transport_init(&g_ft, k_ssh, 3u);
    g_ft.end = FAKE_END_HANG;
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 1u, 1000u), OSFN_ERR_HTTP_MALFORMED);
    CHECK_INT(g_ft.recv_calls, 1);
}

static void test_content_length_rejects(void)
{
    static const struct {
        const char *s;
        osfn_status_t want;
    } k[] = {
        { "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nContent-Length: 1 2\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nContent-Length: 0x5\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5,\r\n\r\nhello", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551616\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775808\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!", OSFN_ERR_HTTP_AMBIGUOUS },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", OSFN_ERR_HTTP_AMBIGUOUS },
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 5, 6\r\n\r\nhello!", OSFN_ERR_HTTP_AMBIGUOUS },
        { "HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775807\r\n\r\n", OSFN_ERR_RESPONSE_TOO_LARGE },
    };
    size_t i;
    for (i = 0u; i < (sizeof(k) / sizeof(k[0])); i++) {
        CHECK_AT(read_str(k[i].s) == k[i].want, i);
        CHECK_AT(failed_clean(), i);
    }
    /* identical duplicates are accepted */
    CHECK_INT(read_str("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\nContent-Length:5\r\n\r\nhello"), OSFN_OK);
    CHECK(body_is("hello"));
    CHECK_INT(read_str("HTTP/1.1 200 OK\r\nContent-Length: 007\r\n\r\nleading"), OSFN_OK);
    CHECK(body_is("leading"));
}

static void test_transfer_encoding_rejects(void)
{
    static const struct {
        const char *s;
        osfn_status_t want;
    } k[] = {
        { "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", OSFN_ERR_HTTP_AMBIGUOUS },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\nok\r\n0\r\n\r\n", OSFN_ERR_HTTP_AMBIGUOUS },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\nContent-Length: 2\r\n\r\nok", OSFN_ERR_HTTP_AMBIGUOUS },
        { "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n", OSFN_ERR_HTTP_AMBIGUOUS },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\n\r\nok", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: \r\n\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunk\r\n\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
    };
    size_t i;
    for (i = 0u; i < (sizeof(k) / sizeof(k[0])); i++) {
        CHECK_AT(read_str(k[i].s) == k[i].want, i);
        CHECK_AT(failed_clean(), i);
    }
    CHECK_INT(read_str("HTTP/1.1 200 OK\r\nTransfer-Encoding: CHUNKED , \r\n\r\n2\r\nok\r\n0\r\n\r\n"), OSFN_OK);
    CHECK(body_is("ok"));
}

static void test_chunked_rejects(void)
{
    static const struct {
        const char *body;
        osfn_status_t want;
    } k[] = {
        { "FFFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },   /* 2^68-1: overflow */
        { "10000000000000000\r\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },   /* 2^64: overflow */
        { "FFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n", OSFN_ERR_RESPONSE_TOO_LARGE }, /* 2^64-1: fits no buffer */
        { "zz\r\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "\r\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "-1\r\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "+1\r\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "0x1\r\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { " 1\r\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "1 x\r\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "1\rx\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "1;a\x01\r\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "1;a\0\r\nx\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "5\r\nhelloX\r\n0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },   /* no line end after data */
        { "5\r\nhello\rX0\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "5\r\nhello\r\n0\r\n \r\n\r\n", OSFN_ERR_HTTP_MALFORMED }, /* obs-fold in trailer */
        { "5\r\nhello\r\n0\r\nX: a\x02\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "5\r\nhello\r\n0\r\nX: a\rb\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
        { "5\r\nhello\r\n0\r\n\rX", OSFN_ERR_HTTP_MALFORMED },
        { "5\r\nhello\r\n0\r\n\x01X: a\r\n\r\n", OSFN_ERR_HTTP_MALFORMED },
    };
    size_t i;
    for (i = 0u; i < (sizeof(k) / sizeof(k[0])); i++) {
        sb_t s;
        size_t body_len = strlen(k[i].body);
        if (i == 12u) {
            body_len = 4u + 10u; /* embedded NUL: count by hand */
        }
        sb_init(&s, g_script, BIG);
        sb_str(&s, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        sb_mem(&s, k[i].body, body_len);
        CHECK_AT(read_mem(g_script, s.len) == k[i].want, i);
        CHECK_AT(failed_clean(), i);
        CHECK_AT(g_r.needed == 0u, i);
    }
}

static void test_chunked_metadata_limits(void)
{
    sb_t s;
    size_t i;
    /* a size line of OSFN_HTTP_MAX_HEAD bytes (leading zeros) is accepted; one more is not */
    sb_init(&s, g_script, BIG);
    sb_str(&s, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (i = 0u; i < ((size_t)OSFN_HTTP_MAX_HEAD - 3u); i++) {
        sb_str(&s, "0");
    }
    sb_str(&s, "2\r\nok\r\n0\r\n\r\n");
    CHECK_INT(read_mem(g_script, s.len), OSFN_OK);
    CHECK(body_is("ok"));
    sb_init(&s, g_script, BIG);
    sb_str(&s, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (i = 0u; i < ((size_t)OSFN_HTTP_MAX_HEAD - 2u); i++) {
        sb_str(&s, "0");
    }
    sb_str(&s, "2\r\nok\r\n0\r\n\r\n");
    CHECK_INT(read_mem(g_script, s.len), OSFN_ERR_HTTP_MALFORMED);
    /* an endless trailer is cut off */
    sb_init(&s, g_script, BIG);
    sb_str(&s, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n");
    for (i = 0u; i < ((size_t)OSFN_HTTP_MAX_HEAD / 8u) + 1u; i++) {
        sb_str(&s, "X-T: 1\r\n");
    }
    CHECK_INT(read_mem(g_script, s.len), OSFN_ERR_HTTP_MALFORMED);
}

/* ------------------------------------------------------------------------ */
/* Seed bodies at every split point                                          */
/* ------------------------------------------------------------------------ */

/** Read g_script[0..len) with the current g_ft pattern; 0 if the body matched. */
static int seed_read_ok(const char *body, bool keep_alive)
{
    osfn_status_t st = read_ft(&g_ft);
    if (st != OSFN_OK) {
        return (int)st;
    }
    if (!body_is(body)) {
        return 1000;
    }
    if (g_r.keep_alive != keep_alive) {
        return 1001;
    }
    if (g_r.received != g_ft.len) {
        return 1002;
    }
    if (g_r.date != 1795413600) {
        return 1003;
    }
    return 0;
}

static void test_seed_bodies_every_split(void)
{
    const char *const bodies[2] = { k_body_instance, k_body_task };
    static const framing_t framings[] = { F_LENGTH, F_CHUNKED, F_CLOSE };
    size_t b;
    size_t f;
    for (b = 0u; b < 2u; b++) {
        for (f = 0u; f < 3u; f++) {
            bool ka = (framings[f] != F_CLOSE);
            size_t len = build(g_script, framings[f], bodies[b], 0u);
            size_t k;
            size_t ctx = (b * 10u) + f; /* shown on failure */
            /* all at once */
            fake_transport_init(&g_ft, g_script, len);
            CHECK_AT(seed_read_ok(bodies[b], ka) == 0, ctx);
            /* one byte per recv; then with "nothing yet" interleaved */
            fake_transport_init(&g_ft, g_script, len);
            g_ft.chunk = 1u;
            CHECK_AT(seed_read_ok(bodies[b], ka) == 0, ctx);
            fake_transport_init(&g_ft, g_script, len);
            g_ft.chunk = 1u;
            g_ft.zeros_between = 2u;
            CHECK_AT(seed_read_ok(bodies[b], ka) == 0, ctx);
            /* every chunk size from 2 to 70, with one 0-return between */
            for (k = 2u; k <= 70u; k++) {
                fake_transport_init(&g_ft, g_script, len);
                g_ft.chunk = k;
                g_ft.zeros_between = 1u;
                CHECK_AT(seed_read_ok(bodies[b], ka) == 0, (ctx * 100000u) + k);
            }
            /* every single split point */
            for (k = 1u; k < len; k++) {
                size_t split = k;
                fake_transport_init(&g_ft, g_script, len);
                g_ft.splits = &split;
                g_ft.n_splits = 1u;
                CHECK_AT(seed_read_ok(bodies[b], ka) == 0, (ctx * 100000u) + k);
            }
        }
    }
}

static void test_seed_chunked_variants(void)
{
    static const size_t sizes[] = { 1u, 2u, 7u, 16u, 255u, 256u, 1000u, 4096u };
    size_t i;
    for (i = 0u; i < (sizeof(sizes) / sizeof(sizes[0])); i++) {
        size_t len = build(g_script, F_CHUNKED, k_body_instance, sizes[i]);
        fake_transport_init(&g_ft, g_script, len);
        CHECK_AT(seed_read_ok(k_body_instance, true) == 0, i);
        fake_transport_init(&g_ft, g_script, len);
        g_ft.chunk = 3u;
        g_ft.zeros_between = 1u;
        CHECK_AT(seed_read_ok(k_body_instance, true) == 0, i);
    }
}

/* ------------------------------------------------------------------------ */
/* Truncation and transport errors                                           */
/* ------------------------------------------------------------------------ */

static void test_truncated_every_byte(void)
{
    const char *const bodies[2] = { k_body_instance, k_body_task };
    static const framing_t framings[] = { F_LENGTH, F_CHUNKED };
    size_t b;
    size_t f;
    for (b = 0u; b < 2u; b++) {
        for (f = 0u; f < 2u; f++) {
            size_t len = build(g_script, framings[f], bodies[b], 0u);
            size_t k;
            for (k = 0u; k < len; k++) {
                osfn_status_t want = (k == 0u) ? OSFN_ERR_CONN_CLOSED : OSFN_ERR_SHORT_READ;
                fake_transport_init(&g_ft, g_script, k);
                CHECK_AT(read_ft(&g_ft) == want, k);
                CHECK_AT(g_r.received == k, k);
                CHECK_AT(failed_clean(), k);
                fake_transport_init(&g_ft, g_script, k);
                g_ft.chunk = 5u;
                CHECK_AT(read_ft(&g_ft) == want, k);
                fake_transport_init(&g_ft, g_script, k);
                g_ft.end = FAKE_END_RESET;
                CHECK_AT(read_ft(&g_ft) == OSFN_ERR_CONN_RESET, k);
                CHECK_AT(g_r.received == k, k);
                CHECK_AT(failed_clean(), k);
            }
        }
    }
}

static void test_truncated_close_delimited(void)
{
    size_t len = build(g_script, F_CLOSE, k_body_task, 0u);
    size_t head = head_len_of(g_script);
    size_t k;
    for (k = 0u; k < len; k++) {
        osfn_status_t st;
        fake_transport_init(&g_ft, g_script, k);
        g_ft.chunk = 1u;
        st = read_ft(&g_ft);
        if (k == 0u) {
            CHECK_AT(st == OSFN_ERR_CONN_CLOSED, k);
        } else if (k < head) {
            CHECK_AT(st == OSFN_ERR_SHORT_READ, k);
        } else {
            /* inherent to close-delimited bodies: a shorter body looks complete */
            CHECK_AT(st == OSFN_OK, k);
            CHECK_AT(g_r.body_len == (k - head), k);
            CHECK_AT(!g_r.keep_alive, k);
        }
        fake_transport_init(&g_ft, g_script, k);
        g_ft.end = FAKE_END_RESET;
        CHECK_AT(read_ft(&g_ft) == OSFN_ERR_CONN_RESET, k);
        CHECK_AT(failed_clean(), k);
    }
}

/** A transport that claims more bytes than it was asked for. */
static int32_t liar_recv(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    return (int32_t)len + 1;
}

static void test_transport_errors(void)
{
    static const char k[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
    static const struct {
        fake_end_t end;
        size_t at;
        osfn_status_t want;
    } cases[] = {
        { FAKE_END_EOF, 0u, OSFN_ERR_CONN_CLOSED },  { FAKE_END_RESET, 0u, OSFN_ERR_CONN_RESET },
        { FAKE_END_ERROR, 0u, OSFN_ERR_RECV },       { FAKE_END_TLS, 0u, OSFN_ERR_TLS },
        { FAKE_END_EOF, 5u, OSFN_ERR_SHORT_READ },   { FAKE_END_RESET, 5u, OSFN_ERR_CONN_RESET },
        { FAKE_END_ERROR, 40u, OSFN_ERR_RECV },      { FAKE_END_TLS, 40u, OSFN_ERR_TLS },
    };
    osfn_transport_t liar;
    size_t i;
    for (i = 0u; i < (sizeof(cases) / sizeof(cases[0])); i++) {
        fake_transport_init(&g_ft, k, cases[i].at);
        g_ft.end = cases[i].end;
        CHECK_AT(read_ft(&g_ft) == cases[i].want, i);
        CHECK_AT(g_r.received == cases[i].at, i);
        CHECK_AT(failed_clean(), i);
    }
    liar.recv = liar_recv;
    liar.send = NULL;
    liar.ctx = NULL;
    fake_clock_init(&g_fc, 0u, 1u);
    CHECK_INT(osfn_http_read_response(&liar, fake_clock_ms, &g_fc, 100u, g_buf, 64u, &g_r),
              OSFN_ERR_RECV);
    CHECK(failed_clean());
}

static void test_null_args(void)
{
    osfn_transport_t t;
    osfn_transport_t no_recv;
    fake_transport_init(&g_ft, "x", 1u);
    t = fake_transport_as(&g_ft);
    no_recv = t;
    no_recv.recv = NULL;
    fake_clock_init(&g_fc, 0u, 1u);
    CHECK_INT(osfn_http_read_response(&t, fake_clock_ms, &g_fc, 10u, g_buf, 10u, NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_http_read_response(NULL, fake_clock_ms, &g_fc, 10u, g_buf, 10u, &g_r), OSFN_ERR_NULL_ARG);
    CHECK(failed_clean());
    CHECK_INT(g_r.date, -1);
    CHECK_INT(g_r.retry_after, -1);
    CHECK_INT(osfn_http_read_response(&no_recv, fake_clock_ms, &g_fc, 10u, g_buf, 10u, &g_r), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_http_read_response(&t, NULL, &g_fc, 10u, g_buf, 10u, &g_r), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_http_read_response(&t, fake_clock_ms, &g_fc, 10u, NULL, 10u, &g_r), OSFN_ERR_NULL_ARG);
    CHECK_INT(g_ft.recv_calls, 0);
    /* nothing to find in a failed result */
    CHECK_INT(read_str("HTTP/1.1 200 OK\r\nX: y\r\nContent-Length: 9\r\n\r\nshort"), OSFN_ERR_SHORT_READ);
    CHECK(!osfn_http_find_header(&g_r, "x", NULL, NULL));
}

/* ------------------------------------------------------------------------ */
/* Buffer limits                                                             */
/* ------------------------------------------------------------------------ */

static void test_buffer_exact_content_length(void)
{
    size_t len = build(g_script, F_LENGTH, k_body_instance, 0u);
    size_t c;
    for (c = 0u; c < 3u; c++) {
        size_t chunk = (c == 0u) ? 0u : ((c == 1u) ? 1u : 100u);
        fake_transport_init(&g_ft, g_script, len);
        g_ft.chunk = chunk;
        CHECK_AT(read_clock(&g_ft, len + 1u, 0u, 1u, LONG_TIMEOUT) == OSFN_OK, c);
        CHECK_AT(body_is(k_body_instance), c);
        CHECK_AT(g_r.keep_alive, c);
        fake_transport_init(&g_ft, g_script, len);
        g_ft.chunk = chunk;
        CHECK_AT(read_clock(&g_ft, len, 0u, 1u, LONG_TIMEOUT) == OSFN_ERR_RESPONSE_TOO_LARGE, c);
        CHECK_AT(g_r.needed == len + 1u, c);
        CHECK_AT(failed_clean(), c);
        CHECK_AT(g_buf[len] == 0xA5u, c); /* nothing written past the buffer */
    }
    /* the head alone does not fit: size unknown */
    fake_transport_init(&g_ft, g_script, len);
    CHECK_INT(read_clock(&g_ft, 40u, 0u, 1u, LONG_TIMEOUT), OSFN_ERR_RESPONSE_TOO_LARGE);
    CHECK_INT(g_r.needed, 0);
    CHECK_INT(g_r.received, 39);
    fake_transport_init(&g_ft, g_script, len);
    CHECK_INT(read_clock(&g_ft, 1u, 0u, 1u, LONG_TIMEOUT), OSFN_ERR_RESPONSE_TOO_LARGE);
    CHECK_INT(read_clock(&g_ft, 0u, 0u, 1u, LONG_TIMEOUT), OSFN_ERR_RESPONSE_TOO_LARGE);
    CHECK_INT(g_ft.recv_calls, 0);
}

static void test_buffer_exact_chunked_and_close(void)
{
    static const framing_t framings[] = { F_CHUNKED, F_CLOSE };
    size_t f;
    for (f = 0u; f < 2u; f++) {
        size_t len = build(g_script, framings[f], k_body_task, 0u);
        size_t exact = head_len_of(g_script) + strlen(k_body_task) + 1u;
        size_t c;
        for (c = 0u; c < 3u; c++) {
            size_t chunk = (c == 0u) ? 0u : ((c == 1u) ? 1u : 64u);
            size_t ctx = (f * 10u) + c;
            fake_transport_init(&g_ft, g_script, len);
            g_ft.chunk = chunk;
            CHECK_AT(read_clock(&g_ft, exact, 0u, 1u, LONG_TIMEOUT) == OSFN_OK, ctx);
            CHECK_AT(body_is(k_body_task), ctx);
            CHECK_AT(g_buf[exact] == 0xA5u, ctx);
            fake_transport_init(&g_ft, g_script, len);
            g_ft.chunk = chunk;
            CHECK_AT(read_clock(&g_ft, exact - 1u, 0u, 1u, LONG_TIMEOUT) ==
                         OSFN_ERR_RESPONSE_TOO_LARGE, ctx);
            CHECK_AT(g_r.needed == 0u, ctx);
            CHECK_AT(failed_clean(), ctx);
            CHECK_AT(g_buf[exact - 1u] == 0xA5u, ctx);
        }
    }
}

static void test_head_size_limit(void)
{
    sb_t s;
    size_t len;
    /* a head of exactly OSFN_HTTP_MAX_HEAD bytes is accepted */
    sb_init(&s, g_script, BIG);
    sb_str(&s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Pad: ");
    while (s.len < ((size_t)OSFN_HTTP_MAX_HEAD - 4u)) {
        sb_str(&s, "a");
    }
    sb_str(&s, "\r\n\r\nok");
    len = s.len;
    CHECK_INT(head_len_of(g_script), OSFN_HTTP_MAX_HEAD);
    CHECK_INT(read_mem(g_script, len), OSFN_OK);
    CHECK(body_is("ok"));
    /* one byte more is rejected, whether it arrives at once or bit by bit */
    sb_init(&s, g_script, BIG);
    sb_str(&s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Pad: ");
    while (s.len < ((size_t)OSFN_HTTP_MAX_HEAD - 3u)) {
        sb_str(&s, "a");
    }
    sb_str(&s, "\r\n\r\nok");
    len = s.len;
    CHECK_INT(read_mem(g_script, len), OSFN_ERR_HTTP_MALFORMED);
    fake_transport_init(&g_ft, g_script, len);
    g_ft.chunk = 100u;
    CHECK_INT(read_ft(&g_ft), OSFN_ERR_HTTP_MALFORMED);
    /* an endless head stops at the limit, not at the deadline */
    fake_transport_init(&g_ft, g_script, (size_t)OSFN_HTTP_MAX_HEAD - 100u);
    g_ft.end = FAKE_END_HANG;
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 1u, 1000u), OSFN_ERR_TIMEOUT);
    memset(g_script2, 'a', sizeof(g_script2));
    memcpy(g_script2, "HTTP/1.1 200 OK\r\nX: ", 20u);
    fake_transport_init(&g_ft, g_script2, sizeof(g_script2));
    g_ft.end = FAKE_END_HANG;
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 1u, 1000u), OSFN_ERR_HTTP_MALFORMED);
    CHECK(g_r.received >= (size_t)OSFN_HTTP_MAX_HEAD);
}

/* ------------------------------------------------------------------------ */
/* Deadline                                                                  */
/* ------------------------------------------------------------------------ */

static void test_deadline_hang(void)
{
    static const char k[] = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc";
    fake_transport_init(&g_ft, "", 0u);
    g_ft.end = FAKE_END_HANG;
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 10u, 1000u), OSFN_ERR_TIMEOUT);
    CHECK_INT(g_r.received, 0);
    CHECK(failed_clean());
    CHECK_INT(g_ft.recv_calls, 100); /* one recv per 10 ms reading, 1000 ms in all */
    fake_transport_init(&g_ft, k, strlen(k));
    g_ft.end = FAKE_END_HANG;
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 10u, 1000u), OSFN_ERR_TIMEOUT);
    CHECK_INT(g_r.received, strlen(k));
    CHECK(failed_clean());
    /* chunked that never finishes */
    fake_transport_init(&g_ft, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", 53u);
    g_ft.end = FAKE_END_HANG;
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 10u, 1000u), OSFN_ERR_TIMEOUT);
    /* close-delimited body that never closes */
    fake_transport_init(&g_ft, "HTTP/1.1 200 OK\r\n\r\nabc", 22u);
    g_ft.end = FAKE_END_HANG;
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 10u, 1000u), OSFN_ERR_TIMEOUT);
}

static void test_deadline_drip(void)
{
    size_t len = build(g_script, F_CHUNKED, k_body_task, 0u);
    /* about 4 recv per byte (3 zeros + 1 byte), 1 ms per recv */
    fake_transport_init(&g_ft, g_script, len);
    g_ft.chunk = 1u;
    g_ft.zeros_between = 3u;
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 1u, (uint32_t)(len * 4u) + 10u), OSFN_OK);
    CHECK(body_is(k_body_task));
    /* the same drip with too little time */
    fake_transport_init(&g_ft, g_script, len);
    g_ft.chunk = 1u;
    g_ft.zeros_between = 3u;
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 1u, (uint32_t)(len * 2u)), OSFN_ERR_TIMEOUT);
    CHECK(g_r.received > 0u);
    CHECK(g_r.received < len);
    CHECK(failed_clean());
    /* timeout 0: the first recv still happens, so a response that is there is taken */
    fake_transport_init(&g_ft, g_script, len);
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 1u, 0u), OSFN_OK);
    CHECK(body_is(k_body_task));
    fake_transport_init(&g_ft, g_script, len);
    g_ft.chunk = 1u;
    CHECK_INT(read_clock(&g_ft, BIG, 0u, 1u, 0u), OSFN_ERR_TIMEOUT);
    CHECK_INT(g_r.received, 1);
}

static void test_deadline_clock_wrap(void)
{
    size_t len = build(g_script, F_LENGTH, k_body_task, 0u);
    /* the clock wraps during the read */
    fake_transport_init(&g_ft, g_script, len);
    g_ft.chunk = 1u;
    g_ft.zeros_between = 1u;
    CHECK_INT(read_clock(&g_ft, BIG, UINT32_MAX - 50u, 1u, (uint32_t)(len * 2u) + 10u), OSFN_OK);
    CHECK(body_is(k_body_task));
    CHECK(g_fc.now < 10000u); /* it did wrap */
    /* and a hang across the wrap still ends exactly at the deadline */
    fake_transport_init(&g_ft, "", 0u);
    g_ft.end = FAKE_END_HANG;
    CHECK_INT(read_clock(&g_ft, BIG, UINT32_MAX - 5u, 10u, 1000u), OSFN_ERR_TIMEOUT);
    CHECK_INT(g_ft.recv_calls, 100);
    fake_transport_init(&g_ft, "", 0u);
    g_ft.end = FAKE_END_HANG;
    CHECK_INT(read_clock(&g_ft, BIG, UINT32_MAX, 1u, 5u), OSFN_ERR_TIMEOUT);
    CHECK_INT(g_ft.recv_calls, 5);
}

/* ------------------------------------------------------------------------ */
/* Date, Retry-After, keep-alive                                             */
/* ------------------------------------------------------------------------ */

static void test_date_and_retry_after(void)
{
    CHECK_INT(read_str("HTTP/1.1 503 Busy\r\nDate: Mon, 23 Nov 2026 06:00:00 GMT\r\n"
                       "Retry-After: 120\r\nContent-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.status, 503);
    CHECK_INT(g_r.date, 1795413600);
    CHECK_INT(g_r.retry_after, 120);
    /* an HTTP date is converted against Date, even when Date comes later */
    CHECK_INT(read_str("HTTP/1.1 429 Slow\r\nretry-after:  Mon, 23 Nov 2026 06:01:30 GMT \r\n"
                       "date: Mon, 23 Nov 2026 06:00:00 GMT\r\nContent-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.retry_after, 90);
    CHECK_INT(read_str("HTTP/1.1 429 Slow\r\nRetry-After: Mon, 23 Nov 2026 05:59:00 GMT\r\n"
                       "Date: Mon, 23 Nov 2026 06:00:00 GMT\r\nContent-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.retry_after, 0); /* in the past: clamped */
    CHECK_INT(read_str("HTTP/1.1 429 Slow\r\nRetry-After: Mon, 23 Nov 2026 06:01:30 GMT\r\n"
                       "Content-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.retry_after, -1); /* nothing to compare with */
    CHECK_INT(g_r.date, -1);
    CHECK_INT(read_str("HTTP/1.1 429 Slow\r\nRetry-After: soon\r\nDate: yesterday\r\n"
                       "Content-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.retry_after, -1);
    CHECK_INT(g_r.date, -1);
    CHECK_INT(read_str("HTTP/1.1 429 Slow\r\nRetry-After: -5\r\nContent-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.retry_after, -1);
    CHECK_INT(read_str("HTTP/1.1 429 Slow\r\nRetry-After: 0\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.retry_after, 0); /* the first one counts */
    CHECK_INT(read_str("HTTP/1.1 429 Slow\r\nRetry-After: soon\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.retry_after, -1); /* even when it is unusable */
    CHECK_INT(read_str("HTTP/1.1 429 Slow\r\nRetry-After: Mon, 23 Nov 2026 06:01:30 GMT\r\n"
                       "Date: yesterday\r\nContent-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.retry_after, -1); /* a date, but no usable Date to count from */
    CHECK_INT(read_str("HTTP/1.1 429 Slow\r\nRetry-After: 99999999999999999999\r\nContent-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.retry_after, -1);
    CHECK_INT(read_str("HTTP/1.1 200 OK\r\nDate: Sat, 29 Feb 2020 12:34:56 GMT\r\n"
                       "Date: Mon, 23 Nov 2026 06:00:00 GMT\r\nContent-Length: 0\r\n\r\n"), OSFN_OK);
    CHECK_INT(g_r.date, 1582979696); /* the first one counts */
}

static void test_keep_alive_rules(void)
{
    static const struct {
        const char *s;
        bool keep;
    } k[] = {
        { "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", true },
        { "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false },
        { "HTTP/1.1 200 OK\r\nConnection: Upgrade, CLOSE\r\nContent-Length: 0\r\n\r\n", false },
        { "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false },
        { "HTTP/1.1 200 OK\r\nConnection: closed\r\nContent-Length: 0\r\n\r\n", true },
        { "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", true },
        { "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false },
        { "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", true },
        { "HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 0\r\n\r\n", false },
        { "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\nbody", false }, /* close-delimited */
        { "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\nbody", false },
        { "HTTP/1.1 204 No Content\r\n\r\n", true },
    };
    size_t i;
    for (i = 0u; i < (sizeof(k) / sizeof(k[0])); i++) {
        CHECK_AT(read_str(k[i].s) == OSFN_OK, i);
        CHECK_AT(g_r.keep_alive == k[i].keep, i);
    }
}

/* ------------------------------------------------------------------------ */
/* Reading only what belongs to the response                                 */
/* ------------------------------------------------------------------------ */

static void test_no_read_past_response(void)
{
    static const framing_t framings[] = { F_LENGTH, F_CHUNKED };
    static const char k_next[] = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext";
    size_t f;
    for (f = 0u; f < 2u; f++) {
        size_t len = build(g_script, framings[f], k_body_task, 0u);
        size_t head = head_len_of(g_script);
        size_t total;
        size_t k;
        memcpy(g_script + len, k_next, sizeof(k_next));
        total = len + strlen(k_next);
        /* delivered in pieces that end with the head: recv is never asked past the response */
        for (k = head; k < len; k++) {
            size_t split = k;
            fake_transport_init(&g_ft, g_script, total);
            g_ft.splits = &split;
            g_ft.n_splits = 1u;
            CHECK_AT(read_ft(&g_ft) == OSFN_OK, k);
            CHECK_AT(body_is(k_body_task), k);
            CHECK_AT(g_r.keep_alive, k);
            CHECK_AT(g_ft.pos == len, k);
            CHECK_AT(g_r.received == len, k);
            /* the next response is then read on the same connection */
            CHECK_AT(read_ft(&g_ft) == OSFN_OK, k);
            CHECK_AT(body_is("next"), k);
        }
        /* one byte per recv, with 0-returns */
        fake_transport_init(&g_ft, g_script, total);
        g_ft.chunk = 1u;
        g_ft.zeros_between = 1u;
        CHECK_AT(read_ft(&g_ft) == OSFN_OK, f);
        CHECK_AT(g_r.keep_alive && (g_ft.pos == len), f);
        /* everything in one recv: the head read took bytes past the response */
        fake_transport_init(&g_ft, g_script, total);
        CHECK_AT(read_ft(&g_ft) == OSFN_OK, f);
        CHECK_AT(body_is(k_body_task), f);
        CHECK_AT(!g_r.keep_alive, f);
    }
    /* no body: bytes after the head make the connection unusable */
    CHECK_INT(read_str("HTTP/1.1 204 No Content\r\n\r\nextra"), OSFN_OK);
    CHECK(!g_r.keep_alive);
    CHECK_INT(g_r.body_len, 0);
}

void suite_http(void)
{
    OSFN_RUN(test_content_length);
    OSFN_RUN(test_content_length_zero_and_binary);
    OSFN_RUN(test_chunked_extensions_trailers_hex);
    OSFN_RUN(test_chunked_many_tiny_and_empty);
    OSFN_RUN(test_close_delimited);
    OSFN_RUN(test_interim_responses);
    OSFN_RUN(test_interim_limits);
    OSFN_RUN(test_no_body_statuses);
    OSFN_RUN(test_header_case_trim_find);
    OSFN_RUN(test_bare_lf);
    OSFN_RUN(test_status_lines);
    OSFN_RUN(test_header_syntax_rejects);
    OSFN_RUN(test_nul_and_garbage_rejected_early);
    OSFN_RUN(test_content_length_rejects);
    OSFN_RUN(test_transfer_encoding_rejects);
    OSFN_RUN(test_chunked_rejects);
    OSFN_RUN(test_chunked_metadata_limits);
    OSFN_RUN(test_seed_bodies_every_split);
    OSFN_RUN(test_seed_chunked_variants);
    OSFN_RUN(test_truncated_every_byte);
    OSFN_RUN(test_truncated_close_delimited);
    OSFN_RUN(test_transport_errors);
    OSFN_RUN(test_null_args);
    OSFN_RUN(test_buffer_exact_content_length);
    OSFN_RUN(test_buffer_exact_chunked_and_close);
    OSFN_RUN(test_head_size_limit);
    OSFN_RUN(test_deadline_hang);
    OSFN_RUN(test_deadline_drip);
    OSFN_RUN(test_deadline_clock_wrap);
    OSFN_RUN(test_date_and_retry_after);
    OSFN_RUN(test_keep_alive_rules);
    OSFN_RUN(test_no_read_past_response);
}
