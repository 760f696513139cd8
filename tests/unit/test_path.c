/**
 * @file test_path.c
 * @brief The whole response path, reader then mapping, over every fixture:
 *        framed with Content-Length, chunked (with extensions and a trailer)
 *        and close-delimited; fed at every split point and one byte at a time;
 *        truncated at every byte (never a success); the mapped result is the
 *        same as mapping the bare body.
 */
#include "osfn_test.h"

#include <stdio.h>

#include "fake_transport.h"
#include "fixtures.h"
#include "osfn/osfn_http.h"
#include "osfn/osfn_result.h"

#define WIRE_MAX 8192
#define BUF_MAX 8192
#define TOKENS 256

typedef enum { FRAME_LENGTH, FRAME_CHUNKED, FRAME_CLOSE } frame_t;

/** Which call a fixture belongs to, from its name. */
static int is_task(const char *name)
{
    return strncmp(name, "task_", 5) == 0;
}

static size_t append(char *out, size_t at, const char *s, size_t n)
{
    if (at + n <= WIRE_MAX) {
        memcpy(&out[at], s, n);
    }
    return at + n;
}

/** Frame @p body as an HTTP/1.1 200 response. */
static size_t frame(const char *body, frame_t how, char *out)
{
    char line[128];
    size_t blen = strlen(body);
    size_t at = 0;
    size_t i;
    int n;
    at = append(out, at, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n", 49);
    if (how == FRAME_LENGTH) {
        n = snprintf(line, sizeof(line), "Content-Length: %zu\r\n\r\n", blen);
        at = append(out, at, line, (size_t)n);
        return append(out, at, body, blen);
    }
    if (how == FRAME_CLOSE) {
        at = append(out, at, "Connection: close\r\n\r\n", 21);
        return append(out, at, body, blen);
    }
    at = append(out, at, "Transfer-Encoding: chunked\r\n\r\n", 30);
    for (i = 0; i < blen; i += 13) {
        size_t k = (blen - i < 13) ? blen - i : 13;
        n = snprintf(line, sizeof(line), (i % 2) ? "%zX;ext=1\r\n" : "%zx\r\n", k);
        at = append(out, at, line, (size_t)n);
        at = append(out, at, &body[i], k);
        at = append(out, at, "\r\n", 2);
    }
    return append(out, at, "0\r\nX-Trailer: t\r\n\r\n", 19);
}

/** A digest of a mapped result: status plus the fields that differ between fixtures. */
typedef struct {
    osfn_status_t st;
    char text[512];
} digest_t;

static void digest_of(const char *name, char *body, size_t len, digest_t *d)
{
    static osfn_json_token_t toks[TOKENS];
    if (is_task(name)) {
        osfn_task_t t;
        memset(&t, 0, sizeof(t));
        d->st = osfn_parse_task(body, len, 200, toks, TOKENS, &t);
        (void)snprintf(d->text, sizeof(d->text), "%s|%s|%s|%s|%lld|%lld|%s", t.envelope.code, t.run_id,
                       t.generation, t.status_raw, (long long)t.progress, (long long)t.end_time, t.extend_info);
    } else {
        osfn_instance_t in;
        osfn_param_t params[2][8];
        memset(&in, 0, sizeof(in));
        in.create_parameters.items = params[0];
        in.create_parameters.capacity = 8;
        in.usage_parameters.items = params[1];
        in.usage_parameters.capacity = 8;
        d->st = osfn_parse_instance(body, len, 200, toks, TOKENS, &in);
        (void)snprintf(d->text, sizeof(d->text), "%s|%s|%s|%s|%lld|%zu|%s|%d|%s", in.envelope.code,
                       in.instance_name, in.description, in.status_raw, (long long)in.create_time,
                       in.create_parameters.total, in.extend_info, in.has_task, in.task.dag_status_raw);
    }
}

/** Read @p wire through the fake transport as scripted, then map the body. */
static osfn_status_t read_and_map(const char *name, const char *wire, size_t len, fake_transport_t *ft,
                                  digest_t *d)
{
    static uint8_t buf[BUF_MAX];
    osfn_http_response_t r;
    osfn_transport_t t;
    fake_clock_t clk;
    osfn_status_t st;
    ft->data = (const uint8_t *)wire;
    ft->len = len;
    t = fake_transport_as(ft);
    fake_clock_init(&clk, 0u, 1u);
    st = osfn_http_read_response(&t, fake_clock_ms, &clk, 1000000u, buf, sizeof(buf), &r);
    if (st != OSFN_OK) {
        d->st = st;
        return st;
    }
    digest_of(name, r.body, r.body_len, d);
    return d->st;
}

/* Every fixture x every framing x every split point gives the bare body's result. */
static void test_every_split_every_fixture(void)
{
    static char wire[WIRE_MAX];
    static char body[BUF_MAX];
    size_t n = 0;
    const fixture_t *fx = fixture_table(&n);
    size_t i;
    for (i = 0; i < n; i++) {
        frame_t how;
        digest_t want;
        size_t blen = strlen(fx[i].body);
        CHECK(blen < sizeof(body));
        memcpy(body, fx[i].body, blen + 1);
        digest_of(fx[i].name, body, blen, &want);
        for (how = FRAME_LENGTH; how <= FRAME_CLOSE; how++) {
            size_t len = frame(fx[i].body, how, wire);
            size_t split;
            fake_transport_t ft;
            digest_t got;
            CHECK(len <= WIRE_MAX);
            for (split = 0; split <= len; split++) {
                fake_transport_init(&ft, wire, len);
                ft.splits = &split;
                ft.n_splits = 1;
                (void)read_and_map(fx[i].name, wire, len, &ft, &got);
                if (got.st != want.st || strcmp(got.text, want.text) != 0) {
                    printf("  %s framing %d split %zu: %s\n", fx[i].name, (int)how, split, osfn_status_name(got.st));
                }
                CHECK_INT(got.st, want.st);
                CHECK_STR(got.text, want.text);
            }
            fake_transport_init(&ft, wire, len);
            ft.chunk = 1;
            ft.zeros_between = 1;
            (void)read_and_map(fx[i].name, wire, len, &ft, &got);
            CHECK_INT(got.st, want.st);
            CHECK_STR(got.text, want.text);
        }
    }
}

/** True when wire[from..len) is only JSON whitespace (what a cut may lose unnoticed). */
static int only_whitespace(const char *wire, size_t from, size_t len)
{
    size_t i;
    for (i = from; i < len; i++) {
        if (wire[i] != ' ' && wire[i] != '\n' && wire[i] != '\r' && wire[i] != '\t') {
            return 0;
        }
    }
    return 1;
}

/* Truncated anywhere (EOF or reset), a response never maps to a success. A close-delimited
 * body cut short cannot be told from a whole one by HTTP; the JSON check catches it, except
 * when only trailing whitespace was lost. */
static void test_every_truncation_fails(void)
{
    static char wire[WIRE_MAX];
    size_t n = 0;
    const fixture_t *fx = fixture_table(&n);
    size_t i;
    for (i = 0; i < n; i++) {
        frame_t how;
        for (how = FRAME_LENGTH; how <= FRAME_CLOSE; how++) {
            size_t len = frame(fx[i].body, how, wire);
            size_t cut;
            for (cut = 0; cut < len; cut++) {
                fake_transport_t ft;
                digest_t got;
                osfn_status_t st;
                fake_transport_init(&ft, wire, cut);
                ft.end = (cut % 2) ? FAKE_END_RESET : FAKE_END_EOF;
                st = read_and_map(fx[i].name, wire, cut, &ft, &got);
                if ((how == FRAME_CLOSE) && (ft.end == FAKE_END_EOF) && only_whitespace(wire, cut, len)) {
                    continue;
                }
                if ((st == OSFN_OK) || (st == OSFN_ERR_API) || (st == OSFN_ERR_ARRAY_TOO_SMALL)) {
                    printf("  %s framing %d cut at %zu of %zu: %s\n", fx[i].name, (int)how, cut, len,
                           osfn_status_name(st));
                }
                CHECK(st != OSFN_OK);
                CHECK(st != OSFN_ERR_API);
                CHECK(st != OSFN_ERR_ARRAY_TOO_SMALL);
            }
        }
    }
}

void suite_path(void)
{
    OSFN_RUN(test_every_split_every_fixture);
    OSFN_RUN(test_every_truncation_fails);
}
