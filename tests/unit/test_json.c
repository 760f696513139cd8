/**
 * @file test_json.c
 * @brief The validated-JSON layer: what jsmn lets through and we must reject,
 *        escapes and UTF-8, numbers, navigation, token counting.
 *
 * Every text is copied into a heap block of exactly its length (no NUL after
 * it), so AddressSanitizer catches any read past the end.
 */
#include "osfn/osfn_result.h" /* first on purpose: the public header must stand alone */

#include <stdlib.h>

#include "osfn/osfn_config_defaults.h"
#include "osfn_json.h"
#include "osfn_test.h"

#define MAX_TOK 128

/** Copy @p n bytes of @p s into a fresh heap block of exactly n bytes (1 when n is 0). */
static char *dup_exact(const char *s, size_t n)
{
    char *p = (char *)malloc((n > 0u) ? n : 1u);
    if ((p != NULL) && (n > 0u)) {
        memcpy(p, s, n);
    }
    return p;
}

/** Parse @p n bytes of @p s (copied to an exact heap block) and return the status. */
static osfn_status_t parse_n(const char *s, size_t n)
{
    osfn_json_token_t tok[MAX_TOK];
    osfn__json_t doc;
    size_t needed = 0u;
    char *p = dup_exact(s, n);
    osfn_status_t st = osfn__json_parse(&doc, p, p, n, tok, MAX_TOK, &needed);
    free(p);
    return st;
}

/** Parse a NUL-terminated text (the NUL is not part of it). */
static osfn_status_t parse_s(const char *s)
{
    return parse_n(s, strlen(s));
}

/* ---- jsmn accepts these; we must not ---------------------------------------- */

static void test_rejects_what_jsmn_accepts(void)
{
    static const char *const bad[] = {
        "{\"a\"}", "{\"a\":1,}", "{}{}", "[thanx]", "[01]", "[-]", "[1.2.3]", "[tru]",
        "[1 2]", "[1,,2]", "{\"a\":1 \"b\":2}", "{\"a\" 1}", "[,1]", "{,\"a\":1}",
        "[\"a\":1]", "{\"a\"::1}", "{\"a\":1:2}", "[1,]", "{\"a\":{\"b\":1}:2}",
        "{\"a\":\"b\":1}", "{\"a\":\"b\" \"c\"}", "[1]]", "{} x", "{} 1", "[nul]", "[truex]",
        "[+1]", "[1.]", "[.5]", "[1e]", "[1e+]", "[-01]", "[0x10]", "[1.5e3.2]", "[--1]",
        "[1,2,]", "{\"a\":[1,2],}", "{:1}", "[:1]", "[1:]", "{\"a\":1,,\"b\":2}",
        "{\"a\":1}}", "{]", "[}", "[1}", "", "   ", "\n", "1", "-1", "true", "{\"a\":01}",
        "[\"a\" \"b\"]", "{\"a\":1}\"x\"", "[{}{}]", "[[] []]", "{\"a\":,}", "{\"a\"}",
        "[\"x\",]", "{\"a\":tru}", "{\"a\":nulll}", "{\"a\":-}", "{\"a\":1.e5}",
    };
    size_t i;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        osfn_status_t st = parse_s(bad[i]);
        if (st != OSFN_ERR_JSON_MALFORMED) {
            osfn_test_fail_str(__FILE__, __LINE__, "rejected as MALFORMED", bad[i], osfn_status_name(st));
            return;
        }
    }
}

static void test_rejects_nul_and_garbage_bytes(void)
{
    CHECK_INT(parse_n("{}\0", 3), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(parse_n("\0{}", 3), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(parse_n("{\"a\":\"b\0c\"}", 11), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(parse_n("{\"a\":1\0}", 8), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(parse_s("<html><body>502 Bad Gateway</body></html>"), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(parse_s("\xEF\xBB\xBF{}"), OSFN_ERR_JSON_MALFORMED); /* a BOM is not JSON whitespace */
}

static void test_accepts_valid(void)
{
    static const char *const good[] = {
        "{}", "[]", " {\"a\" : [ 1 , -0.5e+10 , true , false , null , \"x\" ] } \r\n\t",
        "[[[]]]", "[0,-0,1E5,1e-5,123.456,-7,0.0,1E+2]", "{\"\":\"\"}", "\"root string\"",
        "[{},{\"a\":{}},[]]", "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}",
        "{\"a\":1,\"a\":2}",
    };
    size_t i;
    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        osfn_status_t st = parse_s(good[i]);
        if (st != OSFN_OK) {
            osfn_test_fail_str(__FILE__, __LINE__, "accepted", good[i], osfn_status_name(st));
            return;
        }
    }
}

/* ---- strings -------------------------------------------------------------- */

static void test_rejects_bad_strings(void)
{
    /* Escapes: ESCAPE. */
    CHECK_INT(parse_s("[\"\\x\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"\\u12\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"\\u12G4\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"\\U0041\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"\\'\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("{\"k\\a\":1}"), OSFN_ERR_JSON_ESCAPE);
    /* Lone surrogates: ESCAPE. */
    CHECK_INT(parse_s("[\"\\ud800\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"\\udbff\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"\\udc00\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"\\udfff\\ud800\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"\\ud800\\u0041\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"\\ud800x\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"\\ud800\\ud800\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"\\ud800\\n\"]"), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(parse_s("[\"x\\ud83d\"]"), OSFN_ERR_JSON_ESCAPE);
    /* Raw control bytes: MALFORMED. */
    CHECK_INT(parse_s("[\"a\x01\"]"), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(parse_s("[\"tab\there\"]"), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(parse_s("[\"line\nbreak\"]"), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(parse_s("[\"\x1f\"]"), OSFN_ERR_JSON_MALFORMED);
    /* Bad UTF-8: MALFORMED. */
    CHECK_INT(parse_s("[\"\xC0\x80\"]"), OSFN_ERR_JSON_MALFORMED);         /* overlong NUL */
    CHECK_INT(parse_s("[\"\xE0\x80\xAF\"]"), OSFN_ERR_JSON_MALFORMED);     /* overlong '/' */
    CHECK_INT(parse_s("[\"\xED\xA0\x80\"]"), OSFN_ERR_JSON_MALFORMED);     /* encoded surrogate */
    CHECK_INT(parse_s("[\"\xF4\x90\x80\x80\"]"), OSFN_ERR_JSON_MALFORMED); /* > U+10FFFF */
    CHECK_INT(parse_s("[\"\xF5\x80\x80\x80\"]"), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(parse_s("[\"\x80\"]"), OSFN_ERR_JSON_MALFORMED);             /* lone continuation */
    CHECK_INT(parse_s("[\"\xE4\xB8\"]"), OSFN_ERR_JSON_MALFORMED);         /* cut sequence */
    CHECK_INT(parse_s("[\"\xFF\"]"), OSFN_ERR_JSON_MALFORMED);
    /* Unterminated. */
    CHECK_INT(parse_s("[\"abc"), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(parse_s("[\"abc\\"), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(parse_s("[\"\\u00"), OSFN_ERR_JSON_MALFORMED);
}

/** Parse @p json (a one-element array holding a string) and decode that string in place. */
static osfn_status_t decode_first(const char *json, char *buf, size_t buf_size, const char **out)
{
    osfn_json_token_t tok[8];
    osfn__json_t doc;
    size_t n = strlen(json);
    osfn_status_t st;
    if (n > buf_size) {
        return OSFN_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(buf, json, n);
    st = osfn__json_parse(&doc, buf, buf, n, tok, 8u, NULL);
    if (st == OSFN_OK) {
        st = osfn__json_terminate(&doc, 1u, out);
    }
    return st;
}

static void test_decode_escapes(void)
{
    char buf[128];
    const char *s = NULL;
    CHECK_INT(decode_first("[\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"]", buf, sizeof(buf), &s), OSFN_OK);
    CHECK_STR(s, "a\"b\\c/d\be\ff\ng\rh\ti");
    CHECK_INT(decode_first("[\"\\u0041\\u00e9\\u00E9\\u4e2d\\uFFFF\"]", buf, sizeof(buf), &s), OSFN_OK);
    CHECK_STR(s, "A\xC3\xA9\xC3\xA9\xE4\xB8\xAD\xEF\xBF\xBF");
    CHECK_INT(decode_first("[\"\\ud83d\\ude00|\\uD800\\uDC00|\\udbff\\udfff\"]", buf, sizeof(buf), &s), OSFN_OK);
    CHECK_STR(s, "\xF0\x9F\x98\x80|\xF0\x90\x80\x80|\xF4\x8F\xBF\xBF");
    CHECK_INT(decode_first("[\"raw \xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80\"]", buf, sizeof(buf), &s), OSFN_OK);
    CHECK_STR(s, "raw \xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80");
    CHECK_INT(decode_first("[\"\"]", buf, sizeof(buf), &s), OSFN_OK);
    CHECK_STR(s, "");
    CHECK_INT(decode_first("[\"\\u007f\\u0080\\u07ff\\u0800\"]", buf, sizeof(buf), &s), OSFN_OK);
    CHECK_STR(s, "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80");
    /* \u0000 is valid JSON but cannot be part of a C string. */
    CHECK_INT(decode_first("[\"a\\u0000b\"]", buf, sizeof(buf), &s), OSFN_ERR_JSON_ESCAPE);
}

static void test_decode_in_place_stays_inside_token(void)
{
    /* The decoded string and its NUL must stay inside the quotes. */
    char buf[64];
    const char *s = NULL;
    const char *json = "[\"\\n\\t\",\"next\"]";
    size_t n = strlen(json);
    memset(buf, '#', sizeof(buf));
    CHECK_INT(decode_first(json, buf, sizeof(buf), &s), OSFN_OK);
    CHECK(s == &buf[2]);
    CHECK(memcmp(buf, "[\"\n\t\0", 5u) == 0);
    CHECK_MEM(&buf[6], n - 6u, "\",\"next\"]"); /* untouched from the closing quote on */
    CHECK(buf[n] == '#');
    /* No escapes: the NUL lands on the closing quote. */
    CHECK_INT(decode_first("[\"abc\"]", buf, sizeof(buf), &s), OSFN_OK);
    CHECK(memcmp(buf, "[\"abc\0]", 7u) == 0);
}

static void test_copy_string(void)
{
    osfn_json_token_t tok[8];
    osfn__json_t doc;
    const char *json = "[\"caf\\u00e9\",1]";
    char out[8];
    size_t n = 0u;
    CHECK_INT(osfn__json_parse(&doc, json, NULL, strlen(json), tok, 8u, NULL), OSFN_OK);
    CHECK_INT(osfn__json_copy_string(&doc, 1u, out, sizeof(out), &n), OSFN_OK);
    CHECK_STR(out, "caf\xC3\xA9");
    CHECK_INT(n, 5);
    CHECK_INT(osfn__json_copy_string(&doc, 1u, out, 5u, &n), OSFN_ERR_BUFFER_TOO_SMALL);
    CHECK_INT(n, 5);
    CHECK_INT(osfn__json_copy_string(&doc, 1u, NULL, 0u, &n), OSFN_ERR_BUFFER_TOO_SMALL);
    CHECK_INT(osfn__json_copy_string(&doc, 2u, out, sizeof(out), &n), OSFN_ERR_JSON_TYPE);
    /* A read-only document cannot be decoded in place. */
    {
        const char *s = NULL;
        CHECK_INT(osfn__json_terminate(&doc, 1u, &s), OSFN_ERR_NULL_ARG);
    }
}

/* ---- depth ------------------------------------------------------------------ */

static void test_depth_limit(void)
{
    char buf[2 * (OSFN_JSON_MAX_DEPTH + 1u)];
    osfn_json_token_t tok[OSFN_JSON_MAX_DEPTH + 1u];
    osfn__json_t doc;
    size_t d = OSFN_JSON_MAX_DEPTH;
    memset(buf, '[', d);
    memset(&buf[d], ']', d);
    CHECK_INT(osfn__json_parse(&doc, buf, NULL, 2u * d, tok, OSFN_JSON_MAX_DEPTH + 1u, NULL), OSFN_OK);
    d = OSFN_JSON_MAX_DEPTH + 1u;
    memset(buf, '[', d);
    memset(&buf[d], ']', d);
    CHECK_INT(osfn__json_parse(&doc, buf, NULL, 2u * d, tok, OSFN_JSON_MAX_DEPTH + 1u, NULL),
              OSFN_ERR_JSON_MALFORMED);
}

/* ---- numbers ------------------------------------------------------------------ */

/** Parse `{"v": <value>}` and read v as an int64. */
static osfn_status_t int_of(const char *value_text, int64_t *v)
{
    char json[96];
    osfn_json_token_t tok[4];
    osfn__json_t doc;
    size_t idx = 0u;
    osfn_status_t st;
    size_t n = strlen(value_text);
    if (n + 7u > sizeof(json)) {
        return OSFN_ERR_BUFFER_TOO_SMALL;
    }
    memcpy(json, "{\"v\":", 5u);
    memcpy(&json[5], value_text, n);
    json[5u + n] = '}';
    st = osfn__json_parse(&doc, json, NULL, n + 6u, tok, 4u, NULL);
    if (st != OSFN_OK) {
        return st;
    }
    if (!osfn__json_find(&doc, 0u, "v", &idx)) {
        return OSFN_ERR_JSON_MISSING;
    }
    return osfn__json_get_int64(&doc, idx, v);
}

static void test_integers(void)
{
    int64_t v = 0;
    CHECK_INT(int_of("0", &v), OSFN_OK);
    CHECK_INT(v, 0);
    CHECK_INT(int_of("-0", &v), OSFN_OK);
    CHECK_INT(v, 0);
    CHECK_INT(int_of("1647213406267", &v), OSFN_OK);
    CHECK(v == 1647213406267LL);
    CHECK_INT(int_of("9223372036854775807", &v), OSFN_OK);
    CHECK(v == INT64_MAX);
    CHECK_INT(int_of("-9223372036854775808", &v), OSFN_OK);
    CHECK(v == INT64_MIN);
    CHECK_INT(int_of("9223372036854775808", &v), OSFN_ERR_JSON_RANGE);
    CHECK_INT(int_of("-9223372036854775809", &v), OSFN_ERR_JSON_RANGE);
    CHECK_INT(int_of("99999999999999999999999", &v), OSFN_ERR_JSON_RANGE);
    CHECK_INT(int_of("\"123\"", &v), OSFN_OK);
    CHECK_INT(v, 123);
    CHECK_INT(int_of("\"-42\"", &v), OSFN_OK);
    CHECK_INT(v, -42);
    CHECK_INT(int_of("\"9223372036854775807\"", &v), OSFN_OK);
    CHECK(v == INT64_MAX);
    CHECK_INT(int_of("\"-9223372036854775808\"", &v), OSFN_OK);
    CHECK(v == INT64_MIN);
    CHECK_INT(int_of("\"9223372036854775808\"", &v), OSFN_ERR_JSON_RANGE);
    CHECK_INT(int_of("1.5", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("1.0", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("1e3", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("1E400", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("true", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("false", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("null", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("[]", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("{}", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("\"abc\"", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("\"\"", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("\"1.5\"", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("\" 1\"", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("\"+1\"", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("\"01\"", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("\"-\"", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(int_of("\"\\u0031\"", &v), OSFN_ERR_JSON_TYPE); /* numeric strings: no escapes */
}

/* ---- navigation ------------------------------------------------------------------ */

static void test_find_and_skip(void)
{
    const char *json = "{\"skip\":{\"a\":[1,{\"code\":\"inner\"}]},\"Code\":\"first\",\"x\":[],"
                       "\"\\u0063ODE\":\"last\",\"c\\u00f6de\":\"no\"}";
    osfn_json_token_t tok[32];
    osfn__json_t doc;
    size_t v = 0u;
    CHECK_INT(osfn__json_parse(&doc, json, NULL, strlen(json), tok, 32u, NULL), OSFN_OK);
    CHECK(osfn__json_find(&doc, 0u, "code", &v)); /* top level only, last one wins */
    CHECK_INT(osfn__json_kind(&doc, v), OSFN_JSON_KIND_STRING);
    CHECK_MEM(&json[tok[v].start], (size_t)(tok[v].end - tok[v].start), "last");
    CHECK(!osfn__json_find(&doc, 0u, "cod", &v));
    CHECK(!osfn__json_find(&doc, 0u, "codes", &v));
    CHECK(!osfn__json_find(&doc, 0u, "a", &v));
    CHECK(osfn__json_find(&doc, 0u, "X", &v));
    CHECK_INT(osfn__json_kind(&doc, v), OSFN_JSON_KIND_ARRAY);
    CHECK_INT(osfn__json_size(&doc, v), 0);
    CHECK(osfn__json_find(&doc, 0u, "skip", &v));
    CHECK_INT(osfn__json_skip(&doc, v), v + 7u); /* {a:[1,{code:inner}]} is 7 tokens */
    CHECK(!osfn__json_find(&doc, v + 2u, "code", &v)); /* not an object */
    CHECK(!osfn__json_key_is(&doc, 1u, "SKIP!"));
    CHECK(osfn__json_key_is(&doc, 1u, "SKIP"));
}

static void test_kinds(void)
{
    const char *json = "[null,true,false,-1,\"s\",{},[]]";
    osfn_json_token_t tok[8];
    osfn__json_t doc;
    CHECK_INT(osfn__json_parse(&doc, json, NULL, strlen(json), tok, 8u, NULL), OSFN_OK);
    CHECK_INT(doc.count, 8);
    CHECK_INT(osfn__json_kind(&doc, 1u), OSFN_JSON_KIND_NULL);
    CHECK_INT(osfn__json_kind(&doc, 2u), OSFN_JSON_KIND_BOOL);
    CHECK_INT(osfn__json_kind(&doc, 3u), OSFN_JSON_KIND_BOOL);
    CHECK_INT(osfn__json_kind(&doc, 4u), OSFN_JSON_KIND_NUMBER);
    CHECK_INT(osfn__json_kind(&doc, 5u), OSFN_JSON_KIND_STRING);
    CHECK_INT(osfn__json_kind(&doc, 6u), OSFN_JSON_KIND_OBJECT);
    CHECK_INT(osfn__json_kind(&doc, 7u), OSFN_JSON_KIND_ARRAY);
}

/* ---- tokens ------------------------------------------------------------------------ */

static void test_count_tokens(void)
{
    static const struct {
        const char *json;
        size_t tokens;
    } cases[] = {
        {"{}", 1}, {"[]", 1}, {"{\"a\":1}", 3}, {"{\"a\":[1,2,{\"b\":null}]}", 8},
        {"[\"x\",\"y\"]", 3}, {"\"s\"", 1},
    };
    size_t i;
    size_t n = 99u;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        osfn_json_token_t tok[16];
        osfn__json_t doc;
        size_t needed = 0u;
        CHECK_INT(osfn_json_count_tokens(cases[i].json, strlen(cases[i].json), &n), OSFN_OK);
        CHECK_INT(n, cases[i].tokens);
        /* Exactly enough works and reports the count. */
        CHECK_INT(osfn__json_parse(&doc, cases[i].json, NULL, strlen(cases[i].json), tok, n, &needed), OSFN_OK);
        CHECK_INT(needed, n);
        CHECK_INT(doc.count, n);
        /* One short fails and reports the exact count. */
        needed = 0u;
        CHECK_INT(osfn__json_parse(&doc, cases[i].json, NULL, strlen(cases[i].json), tok, n - 1u, &needed),
                  OSFN_ERR_TOO_FEW_TOKENS);
        CHECK_INT(needed, n);
        /* No tokens at all is a sizing call. */
        needed = 0u;
        CHECK_INT(osfn__json_parse(&doc, cases[i].json, NULL, strlen(cases[i].json), NULL, 0u, &needed),
                  OSFN_ERR_TOO_FEW_TOKENS);
        CHECK_INT(needed, n);
    }
    CHECK_INT(osfn_json_count_tokens("", 0u, &n), OSFN_OK);
    CHECK_INT(n, 0);
    CHECK_INT(osfn_json_count_tokens(NULL, 0u, &n), OSFN_OK);
    CHECK_INT(osfn_json_count_tokens(NULL, 1u, &n), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_json_count_tokens("{}", 2u, NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_json_count_tokens("[\"abc", 5u, &n), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(osfn_json_count_tokens("[\"\\x\"]", 6u, &n), OSFN_ERR_JSON_ESCAPE);
    CHECK_INT(osfn_json_count_tokens("<html>", 6u, &n), OSFN_ERR_JSON_MALFORMED);
}

static void test_too_few_tokens_on_invalid_text(void)
{
    /* Whitespace only or garbage with no tokens: MALFORMED, not TOO_FEW_TOKENS. */
    osfn__json_t doc;
    size_t needed = 7u;
    CHECK_INT(osfn__json_parse(&doc, "  ", NULL, 2u, NULL, 0u, &needed), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(needed, 0);
    CHECK_INT(osfn__json_parse(&doc, "<p>", NULL, 3u, NULL, 0u, &needed), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(osfn__json_parse(NULL, "{}", NULL, 2u, NULL, 0u, &needed), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn__json_parse(&doc, NULL, NULL, 2u, NULL, 0u, &needed), OSFN_ERR_NULL_ARG);
}

static void test_token_type_layout(void)
{
    /* The public token type is jsmn's with parent links. */
    osfn_json_token_t t;
    t.parent = -1;
    CHECK_INT(t.parent, -1);
    /* type + start, end, size, parent: the enum is 1 byte with arm-none-eabi's short
     * enums, padded to an int: 20 bytes on x86-64 and Cortex-M alike. */
    CHECK_INT(sizeof(osfn_json_token_t), 5u * sizeof(int));
}

void suite_json(void)
{
    OSFN_RUN(test_rejects_what_jsmn_accepts);
    OSFN_RUN(test_rejects_nul_and_garbage_bytes);
    OSFN_RUN(test_accepts_valid);
    OSFN_RUN(test_rejects_bad_strings);
    OSFN_RUN(test_decode_escapes);
    OSFN_RUN(test_decode_in_place_stays_inside_token);
    OSFN_RUN(test_copy_string);
    OSFN_RUN(test_depth_limit);
    OSFN_RUN(test_integers);
    OSFN_RUN(test_find_and_skip);
    OSFN_RUN(test_kinds);
    OSFN_RUN(test_count_tokens);
    OSFN_RUN(test_too_few_tokens_on_invalid_text);
    OSFN_RUN(test_token_type_layout);
}
