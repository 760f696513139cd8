/**
 * @file test_edges.c
 * @brief Edge cases found by the coverage report (docs/coverage.md): each test here
 *        takes a branch of lib/ that no other suite took. Public API only.
 */
#include "osfn_test.h"

#include <limits.h>

#include "fake_transport.h"
#include "osfn/osfn_http.h"
#include "osfn/osfn_request.h"
#include "osfn/osfn_result.h"
#include "osfn/osfn_time.h"

/* ---- time: every field of both formats, rejected one at a time ------------------------------ */

static void test_time_each_field_rejected(void)
{
    static const char *const bad_iso[] = {
        "2025-00-10T10:00:00Z", /* month 0 */
        "2025-11x10T10:00:00Z", /* separator after the month */
        "2025-11-1xT10:00:00Z", /* day digits */
        "2025-11-10T10-00:00Z", /* first clock colon */
        "2025-11-10T10:x0:00Z", /* minute digits */
        "2025-11-10T10:00-00Z", /* second clock colon */
        "2025-11-10T10:00:0xZ", /* second digits */
        "2025-11-10T10:00:00+", /* zone */
    };
    static const char *const bad_rfc[] = {
        "Mon,x24 Nov 2025 16:00:00 GMT", /* space after the comma */
        "Mon, 2x Nov 2025 16:00:00 GMT", /* day digits */
        "Mon, 24xNov 2025 16:00:00 GMT", /* space after the day */
        "Mon, 24 Novx2025 16:00:00 GMT", /* space after the month */
        "Mon, 24 Nov 2x25 16:00:00 GMT", /* year digits */
        "Mon, 24 Nov 2025x16:00:00 GMT", /* space after the year */
        "Mon, 24 Nov 2025 16:00:00xGMT", /* space before the zone */
        "Mon, 24 Nov 2025 16:00:00 GxT", /* zone M */
        "Mon, 24 Nov 2025 16:00:00 GMx", /* zone T */
    };
    size_t i;
    int64_t t = 0;
    for (i = 0; i < sizeof(bad_iso) / sizeof(bad_iso[0]); i++) {
        if (osfn_time_parse_iso8601(bad_iso[i], OSFN_ISO8601_LEN, &t) != OSFN_ERR_BAD_TIME) {
            osfn_test_fail_str(__FILE__, __LINE__, "ISO accepted", bad_iso[i], "");
            return;
        }
    }
    for (i = 0; i < sizeof(bad_rfc) / sizeof(bad_rfc[0]); i++) {
        if (osfn_time_parse_http_date(bad_rfc[i], OSFN_RFC1123_LEN, &t) != OSFN_ERR_BAD_TIME) {
            osfn_test_fail_str(__FILE__, __LINE__, "RFC 1123 accepted", bad_rfc[i], "");
            return;
        }
    }
    CHECK_INT(osfn_time_parse_iso8601("2025-11-10T10:00:00Z", OSFN_ISO8601_LEN, NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_time_parse_http_date(NULL, OSFN_RFC1123_LEN, &t), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_time_parse_http_date("Mon, 24 Nov 2025 16:00:00 GMT", OSFN_RFC1123_LEN, &t), OSFN_OK);
    CHECK_INT(t, 1764000000);
}

/* ---- status names ------------------------------------------------------------------------------ */

static void test_unknown_status(void)
{
    CHECK_STR(osfn_strerror((osfn_status_t)99), "unknown status");
    CHECK_STR(osfn_status_name((osfn_status_t)99), "OSFN_UNKNOWN");
    CHECK_STR(osfn_status_name(OSFN_ERR_API), "OSFN_ERR_API");
}

/* ---- request: host characters, output=normal, a flush of exactly one block ----------------------- */

static int rnd(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    memset(buf, 0x5a, len);
    return 0;
}

static osfn_status_t build_with_host(const char *host, const char *instance, const char *output, osfn_sig_t scheme)
{
    static char buf[2048];
    osfn_credentials_t cred = { "LTAI5tExampleKeyId", "ExampleSecret0123456789abcdefXY", NULL };
    osfn_request_opts_t o;
    size_t len = 0;
    o.host = host;
    o.credentials = &cred;
    o.scheme = scheme;
    o.time = 1764000000;
    o.random = rnd;
    o.random_ctx = NULL;
    return osfn_request_get_instance(&o, "my-app", "ctr", instance, output, buf, sizeof(buf), &len);
}

static void test_host_characters(void)
{
    static const char *const good[] = { "[::1]:8443", "Host_Name.EXAMPLE-2:443", "AZaz09-._:[]" };
    static const char *const bad[] = { "a@b", "a{b", "a`b", "a~b", "a/b", "a b", "a\x80z", "a^b", "a|b" };
    size_t i;
    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        CHECK_INT(build_with_host(good[i], "ctr_test", NULL, OSFN_SIG_V3), OSFN_OK);
    }
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (build_with_host(bad[i], "ctr_test", NULL, OSFN_SIG_V3) != OSFN_ERR_BAD_HOST) {
            osfn_test_fail_str(__FILE__, __LINE__, "host accepted", bad[i], "");
            return;
        }
    }
}

static void test_output_normal_and_block_sized_values(void)
{
    /* 46 plain bytes fill the encoder's block exactly: the last write is empty */
    static const char k46[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ";
    CHECK_INT((int)strlen(k46), 46);
    CHECK_INT(build_with_host("h.example.com", "ctr_test", "normal", OSFN_SIG_V3), OSFN_OK);
    CHECK_INT(build_with_host("h.example.com", k46, "normal", OSFN_SIG_V3), OSFN_OK);
    CHECK_INT(build_with_host("h.example.com", k46, "simple", OSFN_SIG_ROA), OSFN_OK);
}

/* ---- HTTP reader ----------------------------------------------------------------------------------- */

static uint8_t g_hbuf[1024];

static osfn_status_t read_script(const char *script, size_t len, const size_t *splits, size_t n_splits,
                                 size_t buf_len, osfn_http_response_t *r, fake_transport_t *ft)
{
    osfn_transport_t t;
    fake_clock_t clk;
    fake_transport_init(ft, script, len);
    ft->splits = splits;
    ft->n_splits = n_splits;
    t = fake_transport_as(ft);
    fake_clock_init(&clk, 0u, 1u);
    return osfn_http_read_response(&t, fake_clock_ms, &clk, 100000u, g_hbuf, buf_len, r);
}

/* Header names with digits and with '|' / '~' are tokens too. */
static void test_header_name_characters(void)
{
    static const char k_resp[] = "HTTP/1.1 200 OK\r\nX-1: one\r\nX~a|b: two\r\nContent-Length: 2\r\n\r\n{}";
    osfn_http_response_t r;
    fake_transport_t ft;
    const char *v = NULL;
    size_t n = 0;
    CHECK_INT(read_script(k_resp, sizeof(k_resp) - 1u, NULL, 0, sizeof(g_hbuf), &r, &ft), OSFN_OK);
    CHECK(osfn_http_find_header(&r, "x-1", &v, &n));
    CHECK_MEM(v, n, "one");
    CHECK(osfn_http_find_header(&r, "X~A|B", &v, &n));
    CHECK_MEM(v, n, "two");
}

/* A chunk size of 2^64-1 whose line is still open asks for no more than the room left,
 * then is refused as too large. */
static void test_chunk_size_at_the_limit(void)
{
    static const char k_resp[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                 "ffffffffffffffff\r\nabc";
    static const size_t split = sizeof("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff") - 1u;
    osfn_http_response_t r;
    fake_transport_t ft;
    CHECK_INT(read_script(k_resp, sizeof(k_resp) - 1u, &split, 1, sizeof(g_hbuf), &r, &ft),
              OSFN_ERR_RESPONSE_TOO_LARGE);
    CHECK(ft.max_request <= sizeof(g_hbuf));
}

/* recv is never asked for more than INT32_MAX bytes, however large the buffer claims to
 * be (only the bytes that arrive are written, so a small real buffer is enough here). */
static void test_recv_request_clamped(void)
{
    static const char k_resp[] = "HTTP/1.1 204 No Content\r\n\r\n";
    osfn_http_response_t r;
    fake_transport_t ft;
    size_t claimed = (size_t)INT32_MAX + 100u;
    CHECK_INT(read_script(k_resp, sizeof(k_resp) - 1u, NULL, 0, claimed, &r, &ft), OSFN_OK);
    CHECK_INT(ft.max_request, INT32_MAX);
    CHECK_INT(r.status, 204);
    CHECK_INT(r.body_len, 0);
}

/* osfn_http_find_header() on a response the caller filled in: a last line without its
 * line end, and a line that is not a header, are handled. */
static void test_find_header_hand_made(void)
{
    static const char k_headers[] = "not a header\nA: b\nLast: value";
    osfn_http_response_t r;
    const char *v = NULL;
    size_t n = 0;
    memset(&r, 0, sizeof(r));
    r.headers = k_headers;
    r.headers_len = sizeof(k_headers) - 1u;
    CHECK(osfn_http_find_header(&r, "a", &v, &n));
    CHECK_MEM(v, n, "b");
    CHECK(osfn_http_find_header(&r, "last", &v, &n));
    CHECK_MEM(v, n, "value");
    CHECK(osfn_http_find_header(&r, "last", NULL, NULL));
    CHECK(!osfn_http_find_header(&r, "missing", &v, &n));
    CHECK(!osfn_http_find_header(&r, NULL, &v, &n));
    CHECK(!osfn_http_find_header(NULL, "a", &v, &n));
}

/* ---- JSON and mapping --------------------------------------------------------------------------- */

static osfn_json_token_t g_tok[64];

static osfn_status_t parse_task_text(const char *text, uint16_t http, osfn_task_t *t)
{
    static char body[512];
    size_t n = strlen(text);
    memcpy(body, text, n);
    return osfn_parse_task(body, n, http, g_tok, 64, t);
}

/* Bad surrogate pairs and bad UTF-8 continuation bytes are refused; bytes before the
 * root other than whitespace too. */
static void test_json_string_edges(void)
{
    osfn_task_t t;
    CHECK_INT(parse_task_text("{\"a\":\"\\ud800abcdefg\"}", 200, &t), OSFN_ERR_JSON_ESCAPE); /* no \\u after */
    CHECK_INT(parse_task_text("{\"a\":\"\\ud800\\nabcdef\"}", 200, &t), OSFN_ERR_JSON_ESCAPE); /* \\n, not \\u */
    CHECK_INT(parse_task_text("{\"a\":\"\\ud800\\ue000\"}", 200, &t), OSFN_ERR_JSON_ESCAPE); /* not a low half */
    CHECK_INT(parse_task_text("{\"a\":\"\\ud83d\\ude00\"}", 200, &t), OSFN_ERR_JSON_MISSING); /* a good pair */
    CHECK_INT(parse_task_text("{\"a\":\"\xc3(\"}", 200, &t), OSFN_ERR_JSON_MALFORMED); /* bad continuation */
    CHECK_INT(parse_task_text(",{\"result\":{}}", 200, &t), OSFN_ERR_JSON_MALFORMED);   /* a comma before */
    CHECK_INT(parse_task_text(":{\"result\":{}}", 200, &t), OSFN_ERR_JSON_MALFORMED);   /* a colon before */
    CHECK_INT(parse_task_text("{\"result\":{},\"a\",:1}", 200, &t), OSFN_ERR_JSON_MALFORMED); /* ",:" (found by fuzzing) */
    CHECK_INT(parse_task_text("{\"result\":{}}", 200, &t), OSFN_OK);
}

/* An interim HTTP status handed to the mapping counts as an error status. */
static void test_json_interim_http_status(void)
{
    osfn_task_t t;
    CHECK_INT(parse_task_text("{\"status\":\"OK\",\"result\":{}}", 100, &t), OSFN_ERR_HTTP_STATUS);
    CHECK_INT(t.envelope.http_status, 100);
    CHECK(t.has_result);
}

/* Lengths beyond jsmn's int offsets, and token counts beyond its unsigned count, are
 * handled before any byte is read. */
static void test_json_size_limits(void)
{
    static char text[] = "{\"result\":{\"progress\":5}}";
    size_t huge = (size_t)INT_MAX + 1u;
    size_t count = 0;
    osfn_task_t t;
    CHECK_INT(osfn_json_count_tokens(text, huge, &count), OSFN_ERR_RESPONSE_TOO_LARGE);
    CHECK_INT(osfn_parse_task(text, huge, 200, g_tok, 64, &t), OSFN_ERR_RESPONSE_TOO_LARGE);
#if SIZE_MAX > UINT_MAX
    /* a token count above UINT_MAX is clamped (only the tokens needed are written) */
    CHECK_INT(osfn_parse_task(text, strlen(text), 200, g_tok, (size_t)UINT_MAX + 5u, &t), OSFN_OK);
    CHECK_INT(t.progress, 5);
#endif
}

/* NULL arguments of the parse and extendInfo calls. */
static void test_result_null_arguments(void)
{
    static osfn_param_t items[2];
    static char body[] = "{\"result\":{}}";
    osfn_instance_t in;
    osfn_extend_info_t info;
    osfn_json_kind_t kind;
    int64_t v = 0;
    char out[16];
    size_t n = 99;
    memset(&in, 0, sizeof(in));
    in.usage_parameters.capacity = 2; /* capacity without an array */
    CHECK_INT(osfn_parse_instance(body, strlen(body), 200, g_tok, 64, &in), OSFN_ERR_NULL_ARG);
    in.usage_parameters.items = items;
    CHECK_INT(osfn_parse_instance(body, strlen(body), 200, g_tok, 64, &in), OSFN_OK);

    CHECK_INT(osfn_extend_info_parse("{\"recall\":91,\"name\":\"x\"}", g_tok, 64, &info), OSFN_OK);
    CHECK_INT(osfn_extend_info_member(NULL, "recall", &kind, NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_extend_info_member(&info, "recall", NULL, NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_extend_info_member(&info, "recall", &kind, NULL), OSFN_OK); /* size optional */
    CHECK_INT(kind, OSFN_JSON_KIND_NUMBER);
    CHECK_INT(osfn_extend_info_get_int(NULL, "recall", &v), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_extend_info_get_int(&info, NULL, &v), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_extend_info_get_string(&info, NULL, out, sizeof(out), &n), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_extend_info_get_string(&info, "absent", out, sizeof(out), &n), OSFN_ERR_JSON_MISSING);
    CHECK_INT(osfn_extend_info_get_string(&info, "name", out, sizeof(out), NULL), OSFN_OK); /* out_len optional */
    CHECK_STR(out, "x");
    /* a string holding U+0000 is valid JSON but cannot be copied out as a C string */
    CHECK_INT(osfn_extend_info_parse("{\"z\":\"a\\u0000b\"}", g_tok, 64, &info), OSFN_OK);
    CHECK_INT(osfn_extend_info_get_string(&info, "z", out, sizeof(out), &n), OSFN_ERR_JSON_ESCAPE);
}

/* A view whose parse failed never lets a getter read past the caller's token array. */
static void test_extend_info_after_failed_parse(void)
{
    static osfn_json_token_t three[3];
    osfn_extend_info_t info;
    osfn_json_kind_t kind;
    int64_t v = 0;
    CHECK_INT(osfn_extend_info_parse("{\"a\":{\"x\":1},\"recall\":91}", three, 3, &info), OSFN_ERR_TOO_FEW_TOKENS);
    CHECK_INT(info.token_count, 7);
    CHECK_INT(osfn_extend_info_get_int(&info, "recall", &v), OSFN_ERR_JSON_MISSING);
    CHECK_INT(osfn_extend_info_member(&info, "a", &kind, NULL), OSFN_ERR_JSON_MISSING);
}

void suite_edges(void)
{
    OSFN_RUN(test_extend_info_after_failed_parse);
    OSFN_RUN(test_time_each_field_rejected);
    OSFN_RUN(test_unknown_status);
    OSFN_RUN(test_host_characters);
    OSFN_RUN(test_output_normal_and_block_sized_values);
    OSFN_RUN(test_header_name_characters);
    OSFN_RUN(test_chunk_size_at_the_limit);
    OSFN_RUN(test_recv_request_clamped);
    OSFN_RUN(test_find_header_hand_made);
    OSFN_RUN(test_json_string_edges);
    OSFN_RUN(test_json_interim_http_status);
    OSFN_RUN(test_json_size_limits);
    OSFN_RUN(test_result_null_arguments);
}
