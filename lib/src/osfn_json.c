/**
 * @file osfn_json.c
 * @brief Validated JSON over jsmn: tokenize, validate, navigate, decode.
 *
 * jsmn is compiled here, and only here, as static functions (strict mode,
 * parent links). jsmn is a tokenizer, not a validator: it accepts `{"a"}`,
 * `{"a":1,}`, `[1 2]`, `{}{}`, `[thanx]`, `01`, `1.2.3`, raw control bytes in
 * strings and lone surrogates. osfn__json_parse() therefore checks, after
 * jsmn, every token (shape, number grammar, literals, string contents) and
 * every byte between tokens (exactly the separators the grammar requires),
 * so an accepted text is exactly RFC 8259 JSON with an object or array (or
 * string) at the root.
 */
#if defined(__FRAMAC__)
/* Proofs (docs/proofs.md): jsmn is a contract (tests/proofs/stub_jsmn.c), not its body. */
#define JSMN_HEADER
#else
#define JSMN_STATIC
#endif
#define JSMN_PARENT_LINKS
#define JSMN_STRICT
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#endif
#include <jsmn.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "osfn/osfn_config_defaults.h"
#include "osfn/osfn_result.h"
#include "osfn/osfn_status.h"
#include "osfn_json.h"
#include "osfn_util.h"

/** Largest text jsmn can address: its offsets are `int`. */
#define OSFN__JSON_MAX_LEN ((size_t)(((unsigned int)-1) >> 1))
/** Largest token count jsmn takes (`unsigned int`). */
#define OSFN__JSON_MAX_TOKENS ((size_t)((unsigned int)-1))

/* ---- code points: the one reader of string contents ------------------------ */

/** Value of hex digit @p c, or -1. */
/*@ assigns \nothing;
    ensures -1 <= \result <= 15; */
static int json_hex_value(char c)
{
    int v = -1;
    if ((c >= '0') && (c <= '9')) {
        v = (int)c - (int)'0';
    } else if ((c >= 'a') && (c <= 'f')) {
        v = ((int)c - (int)'a') + 10;
    } else if ((c >= 'A') && (c <= 'F')) {
        v = ((int)c - (int)'A') + 10;
    } else {
        v = -1;
    }
    return v;
}

/** Read 4 hex digits at s[pos..pos+4) (all before @p end) into @p out. */
/*@ requires \valid_read(s + (0 .. end - 1));
    requires \valid(out);
    assigns *out;
    ensures \result ==> pos + 4 <= end;
*/
static bool read_hex4(const char *s, size_t pos, size_t end, uint32_t *out)
{
    uint32_t v = 0u;
    size_t i;
    if ((pos > end) || ((end - pos) < 4u)) {
        return false;
    }
    /*@ loop invariant 0 <= i <= 4;
        loop assigns i, v;
        loop variant 4 - i; */
    for (i = 0u; i < 4u; i++) {
        int d = json_hex_value(s[pos + i]);
        if (d < 0) {
            return false;
        }
        v = (v << 4) | (uint32_t)d;
    }
    *out = v;
    return true;
}

/** Decode `\uXXXX` (and its low-surrogate partner) at s[*pos]; advance *pos. */
/*@ requires \valid_read(s + (0 .. end - 1));
    requires \valid(pos) && \valid(cp) && \separated(pos, cp);
    requires *pos + 2 <= end;
    assigns *pos, *cp;
    ensures \result == OSFN_OK ==> \old(*pos) < *pos <= end;
*/
static osfn_status_t read_u_escape(const char *s, size_t end, size_t *pos, uint32_t *cp)
{
    uint32_t hi = 0u;
    uint32_t lo = 0u;
    size_t p = *pos + 2u; /* past the backslash and the 'u' */
    if (!read_hex4(s, p, end, &hi)) {
        return OSFN_ERR_JSON_ESCAPE;
    }
    p += 4u;
    if ((hi >= 0xDC00u) && (hi <= 0xDFFFu)) {
        return OSFN_ERR_JSON_ESCAPE; /* low surrogate without a high one */
    }
    if ((hi >= 0xD800u) && (hi <= 0xDBFFu)) {
        if (((end - p) < 6u) || (s[p] != '\\') || (s[p + 1u] != 'u') ||
            !read_hex4(s, p + 2u, end, &lo) || (lo < 0xDC00u) || (lo > 0xDFFFu)) {
            return OSFN_ERR_JSON_ESCAPE; /* high surrogate without a low one */
        }
        hi = 0x10000u + ((hi - 0xD800u) << 10) + (lo - 0xDC00u);
        p += 6u;
    }
    *cp = hi;
    *pos = p;
    return OSFN_OK;
}

/** Decode the escape sequence starting with the backslash at s[*pos]. */
/*@ requires \valid_read(s + (0 .. end - 1));
    requires \valid(pos) && \valid(cp) && \separated(pos, cp);
    requires *pos < end;
    assigns *pos, *cp;
    ensures \result == OSFN_OK ==> \old(*pos) < *pos <= end;
*/
static osfn_status_t read_escape(const char *s, size_t end, size_t *pos, uint32_t *cp)
{
    size_t p = *pos + 1u;
    uint32_t v;
    if (p >= end) {
        return OSFN_ERR_JSON_ESCAPE;
    }
    switch (s[p]) {
    case '"':  v = 0x22u; break;
    case '\\': v = 0x5Cu; break;
    case '/':  v = 0x2Fu; break;
    case 'b':  v = 0x08u; break;
    case 'f':  v = 0x0Cu; break;
    case 'n':  v = 0x0Au; break;
    case 'r':  v = 0x0Du; break;
    case 't':  v = 0x09u; break;
    case 'u':  return read_u_escape(s, end, pos, cp);
    default:   return OSFN_ERR_JSON_ESCAPE;
    }
    *cp = v;
    *pos = p + 1u;
    return OSFN_OK;
}

/** Decode one well-formed UTF-8 sequence (lead byte >= 0x80) at s[*pos]. */
/*@ requires \valid_read(s + (0 .. end - 1));
    requires \valid(pos) && \valid(cp) && \separated(pos, cp);
    requires *pos < end;
    assigns *pos, *cp;
    ensures \result == OSFN_OK ==> \old(*pos) < *pos <= end;
*/
static osfn_status_t read_utf8(const char *s, size_t end, size_t *pos, uint32_t *cp)
{
    uint8_t lead = (uint8_t)s[*pos];
    size_t n;
    size_t i;
    uint32_t v;
    uint32_t min;
    if ((lead >= 0xC2u) && (lead <= 0xDFu)) {
        n = 1u; v = (uint32_t)lead & 0x1Fu; min = 0x80u;
    } else if ((lead >= 0xE0u) && (lead <= 0xEFu)) {
        n = 2u; v = (uint32_t)lead & 0x0Fu; min = 0x800u;
    } else if ((lead >= 0xF0u) && (lead <= 0xF4u)) {
        n = 3u; v = (uint32_t)lead & 0x07u; min = 0x10000u;
    } else {
        return OSFN_ERR_JSON_MALFORMED;
    }
    if ((end - *pos) <= n) {
        return OSFN_ERR_JSON_MALFORMED;
    }
    /*@ loop invariant 1 <= i <= n + 1;
        loop assigns i, v;
        loop variant n + 1 - i; */
    for (i = 1u; i <= n; i++) {
        uint8_t b = (uint8_t)s[*pos + i];
        if ((b & 0xC0u) != 0x80u) {
            return OSFN_ERR_JSON_MALFORMED;
        }
        v = (v << 6) | ((uint32_t)b & 0x3Fu);
    }
    if ((v < min) || (v > 0x10FFFFu) || ((v >= 0xD800u) && (v <= 0xDFFFu))) {
        return OSFN_ERR_JSON_MALFORMED; /* overlong, too large, or an encoded surrogate */
    }
    *cp = v;
    *pos += n + 1u;
    return OSFN_OK;
}

/**
 * Read the next code point of string contents s[*pos .. end) and advance.
 * @return ::OSFN_OK, ::OSFN_ERR_JSON_ESCAPE (bad escape, lone surrogate),
 *         ::OSFN_ERR_JSON_MALFORMED (raw control byte, bad UTF-8).
 */
/*@ requires \valid_read(s + (0 .. end - 1));
    requires \valid(pos) && \valid(cp) && \separated(pos, cp);
    requires *pos < end;
    assigns *pos, *cp;
    ensures \result == OSFN_OK ==> \old(*pos) < *pos <= end;
*/
static osfn_status_t next_code_point(const char *s, size_t end, size_t *pos, uint32_t *cp)
{
    uint8_t c = (uint8_t)s[*pos];
    if (c == (uint8_t)'\\') {
        return read_escape(s, end, pos, cp);
    }
    if (c < 0x20u) {
        return OSFN_ERR_JSON_MALFORMED;
    }
    if (c < 0x80u) {
        *cp = c;
        *pos += 1u;
        return OSFN_OK;
    }
    return read_utf8(s, end, pos, cp);
}

/** The low byte of @p v as a char. */
/*@ assigns \nothing; */
static char low_byte(uint32_t v)
{
    return (char)(uint8_t)(v & 0xFFu);
}

/** Encode @p cp (<= 0x10FFFF, not a surrogate) as UTF-8 into @p out; return the byte count. */
/*@ requires \valid(out + (0 .. 3));
    assigns out[0 .. 3];
    ensures 1 <= \result <= 4; */
static size_t put_utf8(char out[4], uint32_t cp)
{
    size_t n;
    if (cp < 0x80u) {
        out[0] = low_byte(cp);
        n = 1u;
    } else if (cp < 0x800u) {
        out[0] = low_byte(0xC0u | (cp >> 6));
        out[1] = low_byte(0x80u | (cp & 0x3Fu));
        n = 2u;
    } else if (cp < 0x10000u) {
        out[0] = low_byte(0xE0u | (cp >> 12));
        out[1] = low_byte(0x80u | ((cp >> 6) & 0x3Fu));
        out[2] = low_byte(0x80u | (cp & 0x3Fu));
        n = 3u;
    } else {
        out[0] = low_byte(0xF0u | (cp >> 18));
        out[1] = low_byte(0x80u | ((cp >> 12) & 0x3Fu));
        out[2] = low_byte(0x80u | ((cp >> 6) & 0x3Fu));
        out[3] = low_byte(0x80u | (cp & 0x3Fu));
        n = 4u;
    }
    return n;
}

/**
 * Unescape s[pos .. end) into dst (at most @p cap bytes written; the full
 * length is counted in @p out_len). dst may equal s + pos: the output never
 * overtakes the input, since no escape or UTF-8 sequence grows when decoded.
 */
/*@ requires \valid_read(s + (0 .. end - 1));
    requires \valid(dst + (0 .. cap - 1));
    requires \valid(out_len) && \separated(out_len, s + (0 .. end - 1));
    requires \separated(out_len, dst + (0 .. cap - 1));
    requires pos <= end;
    assigns *out_len, dst[0 .. cap - 1];
*/
static osfn_status_t decode_string(const char *s, size_t pos, size_t end, char *dst, size_t cap,
                                   size_t *out_len)
{
    size_t w = 0u;
    /*@ loop invariant \at(pos, Pre) <= pos <= end;
        loop assigns pos, w, dst[0 .. cap - 1];
        loop variant end - pos; */
    while (pos < end) {
        char enc[4] = {'\0', '\0', '\0', '\0'};
        uint32_t cp = 0u;
        size_t k;
        size_t j;
        osfn_status_t st = next_code_point(s, end, &pos, &cp);
        if (st != OSFN_OK) {
            return st;
        }
        if (cp == 0u) {
            return OSFN_ERR_JSON_ESCAPE; /* \u0000 cannot live in a C string */
        }
        k = put_utf8(enc, cp);
        /*@ loop invariant 0 <= j <= k;
            loop assigns j, w, dst[0 .. cap - 1];
            loop variant k - j; */
        for (j = 0u; j < k; j++) {
            if (w < cap) {
                dst[w] = enc[j];
            }
            w++;
        }
    }
    *out_len = w;
    return OSFN_OK;
}

/** Validate string contents s[pos .. end) without writing. */
/*@ requires \valid_read(s + (0 .. end - 1));
    requires pos <= end;
    assigns \nothing;
*/
static osfn_status_t check_string(const char *s, size_t pos, size_t end)
{
    /*@ loop invariant \at(pos, Pre) <= pos <= end;
        loop assigns pos;
        loop variant end - pos; */
    while (pos < end) {
        uint32_t cp = 0u;
        osfn_status_t st = next_code_point(s, end, &pos, &cp);
        if (st != OSFN_OK) {
            return st;
        }
    }
    return OSFN_OK;
}

/* ---- primitives ---------------------------------------------------------- */

/** Index of the first non-digit in s[i .. n). */
/*@ requires \valid_read(s + (0 .. n - 1));
    requires from <= n;
    assigns \nothing;
    ensures from <= \result <= n;
*/
static size_t skip_digits(const char *s, size_t from, size_t n)
{
    size_t i = from;
    /*@ loop invariant from <= i <= n;
        loop assigns i;
        loop variant n - i; */
    while ((i < n) && (s[i] >= '0') && (s[i] <= '9')) {
        i++;
    }
    return i;
}

/** True when s[0 .. n) is exactly a JSON number. */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result ==> n >= 1;
*/
static bool is_json_number(const char *s, size_t n)
{
    size_t i = 0u;
    size_t j;
    if ((i < n) && (s[i] == '-')) {
        i++;
    }
    if ((i < n) && (s[i] == '0')) {
        i++;
    } else if ((i < n) && (s[i] >= '1') && (s[i] <= '9')) {
        i = skip_digits(s, i, n);
    } else {
        return false;
    }
    if ((i < n) && (s[i] == '.')) {
        j = skip_digits(s, i + 1u, n);
        if (j == (i + 1u)) {
            return false;
        }
        i = j;
    }
    if ((i < n) && ((s[i] == 'e') || (s[i] == 'E'))) {
        i++;
        if ((i < n) && ((s[i] == '+') || (s[i] == '-'))) {
            i++;
        }
        j = skip_digits(s, i, n);
        if (j == i) {
            return false;
        }
        i = j;
    }
    return i == n;
}

/** True when s[0 .. n) are the bytes of @p word (a literal of exactly @p n characters). */
/*@ requires \valid_read(s + (0 .. n - 1));
    requires \valid_read(word + (0 .. n - 1));
    assigns \nothing;
*/
static bool bytes_are(const char *s, size_t n, const char *word)
{
    size_t i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i; */
    for (i = 0u; i < n; i++) {
        if (s[i] != word[i]) {
            return false;
        }
    }
    return true;
}

/** True when s[0 .. n) is `true`, `false` or `null`. */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result ==> n >= 4;
*/
static bool is_json_literal(const char *s, size_t n)
{
    return ((n == 4u) && (bytes_are(s, 4u, "true") || bytes_are(s, 4u, "null"))) ||
           ((n == 5u) && bytes_are(s, 5u, "false"));
}

/* ---- tokens ---------------------------------------------------------------- */

/** Token start as a size_t (validated non-negative). */
/*@ requires \valid_read(&t->start) && \initialized(&t->start) && 0 <= t->start;
    assigns \nothing;
    ensures \result == t->start; */
static size_t tok_start(const osfn_json_token_t *t)
{
    return (size_t)t->start;
}

/** Token end as a size_t (validated non-negative). */
/*@ requires \valid_read(&t->end) && \initialized(&t->end) && 0 <= t->end;
    assigns \nothing;
    ensures \result == t->end; */
static size_t tok_end(const osfn_json_token_t *t)
{
    return (size_t)t->end;
}

/** True for objects and arrays. */
/*@ requires \valid_read(&t->type) && \initialized(&t->type);
    assigns \nothing;
    ensures \result <==> is_cont(t); */
static bool is_container(const osfn_json_token_t *t)
{
    return (t->type == JSMN_OBJECT) || (t->type == JSMN_ARRAY);
}

/** First byte of the token's text (a string's opening quote). */
/*@ requires \valid_read(t) && \initialized(&t->type) && \initialized(&t->start);
    requires 0 <= t->start && (t->type == JSMN_STRING ==> 1 <= t->start);
    assigns \nothing;
    ensures t->type == JSMN_STRING ==> \result == t->start - 1;
    ensures t->type != JSMN_STRING ==> \result == t->start; */
static size_t text_start(const osfn_json_token_t *t)
{
    return (t->type == JSMN_STRING) ? (tok_start(t) - 1u) : tok_start(t);
}

/** Position right after what the token opens: inside a container, after a scalar. */
/*@ requires \valid_read(t) && \initialized(&t->type) && \initialized(&t->start);
    requires \initialized(&t->end) && 0 <= t->start && 0 <= t->end;
    assigns \nothing; */
static size_t text_after_open(const osfn_json_token_t *t)
{
    size_t p;
    if (is_container(t)) {
        p = tok_start(t) + 1u;
    } else if (t->type == JSMN_STRING) {
        p = tok_end(t) + 1u;
    } else {
        p = tok_end(t);
    }
    return p;
}

/** True for JSON whitespace. */
/*@ assigns \nothing; */
static bool is_ws(char c)
{
    return (c == ' ') || (c == '\t') || (c == '\n') || (c == '\r');
}

/** True when s[from .. to) is whitespace, then @p sep (unless '\0'), then whitespace. */
/*@ requires \valid_read(s + (0 .. to - 1));
    assigns \nothing;
*/
static bool gap_is(const char *s, size_t from, size_t to, char sep)
{
    size_t p = from;
    if (from > to) {
        return false;
    }
    /*@ loop invariant from <= p <= to;
        loop assigns p;
        loop variant to - p; */
    while ((p < to) && is_ws(s[p])) {
        p++;
    }
    if (sep != '\0') {
        if ((p >= to) || (s[p] != sep)) {
            return false;
        }
        p++;
        /*@ loop invariant from <= p <= to;
            loop assigns p;
            loop variant to - p; */
        while ((p < to) && is_ws(s[p])) {
            p++;
        }
    }
    return p == to;
}

/** Check token @p i alone: links, bounds, shape rules, and its own text. */
/*@ requires doc_base(doc) && doc_init(doc);
    requires \initialized(doc->text + (0 .. doc->len - 1));
    requires i < doc->count;
    assigns \nothing;
    ensures \result == OSFN_OK ==> tok_ok(doc->tok + i, doc->len, i);
*/
static osfn_status_t check_token(const osfn__json_t *doc, size_t i)
{
    const osfn_json_token_t *t = &doc->tok[i];
    int p = t->parent;
    bool is_key;
    bool bad_link;
    if (i == 0u) {
        bad_link = (p != -1);
    } else {
        bad_link = (p < 0) || ((size_t)p >= i);
    }
    if (bad_link) {
        return OSFN_ERR_JSON_MALFORMED; /* a second root, or a broken link */
    }
    if ((t->start < 0) || (t->end < t->start) || ((size_t)t->end > doc->len) || (t->size < 0)) {
        return OSFN_ERR_JSON_MALFORMED;
    }
    if (((t->type == JSMN_STRING) && ((t->start < 1) || ((size_t)t->end >= doc->len))) ||
        (is_container(t) && ((t->end - t->start) < 2))) {
        /* Never from jsmn (a string's quotes and a container's brackets lie inside the
         * text); checked so that no later step depends on jsmn for memory safety. */
        return OSFN_ERR_JSON_MALFORMED;
    }
    is_key = (i > 0u) && (doc->tok[p].type == JSMN_OBJECT);
    if (is_key && ((t->type != JSMN_STRING) || (t->size != 1))) {
        return OSFN_ERR_JSON_MALFORMED; /* a key is a string with exactly one value */
    }
    if ((i > 0u) && (doc->tok[p].type == JSMN_PRIMITIVE)) {
        return OSFN_ERR_JSON_MALFORMED;
    }
    switch (t->type) {
    case JSMN_OBJECT:
    case JSMN_ARRAY:
        return OSFN_OK;
    case JSMN_STRING:
        if (!is_key && (t->size != 0)) {
            return OSFN_ERR_JSON_MALFORMED; /* a value string cannot own a value */
        }
        return check_string(doc->text, tok_start(t), tok_end(t));
    case JSMN_PRIMITIVE:
        if ((t->size != 0) || !(is_json_number(&doc->text[tok_start(t)], tok_end(t) - tok_start(t)) ||
                                is_json_literal(&doc->text[tok_start(t)], tok_end(t) - tok_start(t)))) {
            return OSFN_ERR_JSON_MALFORMED;
        }
        return OSFN_OK;
    case JSMN_UNDEFINED:
    default:
        return OSFN_ERR_JSON_MALFORMED;
    }
}

/** Walk from token @p a up to @p target, closing containers: only whitespace before each closer. */
/*@ requires doc_base(doc) && doc_init(doc) && toks_ok(doc, doc->count);
    requires a < doc->count && -1 <= target < doc->count;
    requires \valid(cursor) && \valid(depth) && \separated(cursor, depth, doc);
    requires \separated(cursor, depth, doc->tok + (0 .. doc->count - 1));
    assigns *cursor, *depth;
*/
static bool close_up(const osfn__json_t *doc, size_t a, int target, size_t *cursor, size_t *depth)
{
    int node = (int)a;
    /*@ loop invariant -1 <= node <= a;
        loop assigns node, *cursor, *depth;
        loop variant node; */
    while (node != target) {
        const osfn_json_token_t *t;
        if (node < 0) {
            return false;
        }
        t = &doc->tok[node];
        if (is_container(t)) {
            if (!gap_is(doc->text, *cursor, tok_end(t) - 1u, '\0')) {
                return false;
            }
            *cursor = tok_end(t);
            *depth -= 1u;
        }
        node = t->parent;
    }
    return true;
}

/**
 * Check every byte between tokens, in document order: whitespace before the
 * root, ':' between a key and its value, ',' between siblings, nothing but
 * whitespace before a closer, only whitespace after the root. Also bounds the
 * nesting depth.
 */
/*@ requires doc_base(doc) && doc_init(doc) && toks_ok(doc, doc->count);
    requires 1 <= doc->count;
    assigns \nothing;
*/
static osfn_status_t check_structure(const osfn__json_t *doc)
{
    size_t cursor;
    size_t depth;
    size_t i;
    if (!gap_is(doc->text, 0u, text_start(&doc->tok[0]), '\0')) {
        return OSFN_ERR_JSON_MALFORMED;
    }
    cursor = text_after_open(&doc->tok[0]);
    depth = is_container(&doc->tok[0]) ? 1u : 0u;
    /*@ loop invariant 1 <= i <= doc->count + 1;
        loop assigns i, cursor, depth;
        loop variant doc->count + 1 - i; */
    for (i = 1u; i <= doc->count; i++) {
        int target = (i < doc->count) ? doc->tok[i].parent : -1;
        size_t to = (i < doc->count) ? text_start(&doc->tok[i]) : doc->len;
        char sep = '\0';
        if ((target >= 0) && ((size_t)target == (i - 1u))) {
            sep = (doc->tok[i - 1u].type == JSMN_STRING) ? ':' : '\0';
        } else {
            if (!close_up(doc, i - 1u, target, &cursor, &depth)) {
                return OSFN_ERR_JSON_MALFORMED;
            }
            sep = (i < doc->count) ? ',' : '\0';
        }
        if (!gap_is(doc->text, cursor, to, sep)) {
            return OSFN_ERR_JSON_MALFORMED;
        }
        if (i < doc->count) {
            cursor = text_after_open(&doc->tok[i]);
            if (is_container(&doc->tok[i])) {
                depth++;
            }
            if (depth > (size_t)OSFN_JSON_MAX_DEPTH) {
                return OSFN_ERR_JSON_MALFORMED;
            }
        }
    }
    return OSFN_OK;
}

/** Map a jsmn error code to a status; @p pos is where jsmn stopped. */
/*@ requires \valid_read(text + (0 .. len - 1));
    assigns \nothing;
    ensures \result == OSFN_ERR_JSON_ESCAPE || \result == OSFN_ERR_JSON_MALFORMED; */
static osfn_status_t jsmn_error_status(int r, const char *text, size_t len, size_t pos)
{
    /* jsmn rewinds to the opening quote when a string has a bad escape. */
    if ((r == (int)JSMN_ERROR_INVAL) && (pos < len) && (text[pos] == '"')) {
        return OSFN_ERR_JSON_ESCAPE;
    }
    return OSFN_ERR_JSON_MALFORMED;
}

/*@ predicate text_ok(char *text, integer len) =
      len <= 2147483647 && \valid_read(text + (0 .. len - 1));
    predicate text_init(char *text, integer len) = \initialized(text + (0 .. len - 1));
*/

/** jsmn in counting mode (no tokens written). */
/*@ requires text_ok(text, len) && text_init(text, len);
    requires \valid(count) && \separated(count, text + (0 .. len - 1));
    assigns *count;
    ensures \result == OSFN_OK || \result == OSFN_ERR_JSON_ESCAPE ||
            \result == OSFN_ERR_JSON_MALFORMED; */
static osfn_status_t count_tokens(const char *text, size_t len, size_t *count)
{
    jsmn_parser p;
    int r;
    jsmn_init(&p);
    r = jsmn_parse(&p, text, len, NULL, 0u);
    if (r < 0) {
        return jsmn_error_status(r, text, len, (size_t)p.pos);
    }
    *count = (size_t)r;
    return OSFN_OK;
}

osfn_status_t osfn_json_count_tokens(const char *json, size_t len, size_t *count)
{
    if ((count == NULL) || ((json == NULL) && (len > 0u))) {
        return OSFN_ERR_NULL_ARG;
    }
    *count = 0u;
    if (len > OSFN__JSON_MAX_LEN) {
        return OSFN_ERR_RESPONSE_TOO_LARGE;
    }
    return count_tokens((json != NULL) ? json : "", len, count);
}

/** Tokens ran out: count them, and report TOO_FEW_TOKENS (or MALFORMED if the count fits). */
/*@ requires text_ok(text, len) && text_init(text, len);
    requires \valid(needed) && \separated(needed, text + (0 .. len - 1));
    assigns *needed;
    ensures \result != OSFN_OK; */
static osfn_status_t too_few_tokens(const char *text, size_t len, size_t cap, size_t *needed)
{
    size_t n = 0u;
    osfn_status_t st = count_tokens(text, len, &n);
    if (st != OSFN_OK) {
        return st;
    }
    if (n == 0u) {
        return OSFN_ERR_JSON_MALFORMED; /* empty or whitespace only */
    }
    if (n <= cap) {
        return OSFN_ERR_JSON_MALFORMED; /* jsmn ran out on an invalid text */
    }
    *needed = n;
    return OSFN_ERR_TOO_FEW_TOKENS;
}

/** Run jsmn into the caller's tokens; set doc->count. */
/*@ requires \valid(doc) && \valid(needed) && \separated(doc, needed);
    requires text_ok(doc->text, doc->len) && text_init(doc->text, doc->len);
    requires cap <= 4294967295;
    requires cap > 0 ==> \valid(doc->tok + (0 .. cap - 1));
    requires cap > 0 ==> \separated(doc->tok + (0 .. cap - 1), doc, needed,
                                     doc->text + (0 .. doc->len - 1));
    requires \separated(doc->text + (0 .. doc->len - 1), doc, needed);
    requires \initialized(&doc->count);
    assigns doc->count, *needed, doc->tok[0 .. cap - 1];
    ensures \initialized(&doc->count);
    ensures \result == OSFN_OK ==> 1 <= doc->count <= cap && doc->count <= 2147483647;
    ensures \result == OSFN_OK ==> \initialized(doc->tok + (0 .. doc->count - 1));
    ensures \result != OSFN_OK ==> doc->count == \old(doc->count);
*/
static osfn_status_t tokenize(osfn__json_t *doc, size_t cap, size_t *needed)
{
    jsmn_parser p;
    int r;
    if (cap == 0u) {
        return too_few_tokens(doc->text, doc->len, 0u, needed);
    }
    jsmn_init(&p);
    r = jsmn_parse(&p, doc->text, doc->len, doc->tok, (unsigned int)cap);
    if (r == (int)JSMN_ERROR_NOMEM) {
        return too_few_tokens(doc->text, doc->len, cap, needed);
    }
    if (r < 0) {
        return jsmn_error_status(r, doc->text, doc->len, (size_t)p.pos);
    }
    if (r == 0) {
        return OSFN_ERR_JSON_MALFORMED; /* empty or whitespace only */
    }
    doc->count = (size_t)r;
    *needed = doc->count;
    return OSFN_OK;
}

/*@ requires \valid(doc);
    requires \valid_read(text + (0 .. len - 1)) && \initialized(text + (0 .. len - 1));
    requires mut == \null || (mut == text && \valid(mut + (0 .. len - 1)));
    requires tok == \null || \valid(tok + (0 .. tok_cap - 1));
    requires needed_out == \null || \valid(needed_out);
    requires \separated(doc, text + (0 .. len - 1));
    requires tok != \null ==> \separated(tok + (0 .. tok_cap - 1), doc, text + (0 .. len - 1));
    requires needed_out != \null ==> \separated(needed_out, doc, text + (0 .. len - 1));
    requires needed_out != \null && tok != \null ==>
             \separated(needed_out, tok + (0 .. tok_cap - 1));
    assigns *doc, *needed_out, tok[0 .. tok_cap - 1];
    ensures \result == OSFN_OK ==> doc_ok(doc);
    ensures \result == OSFN_OK ==> doc_init(doc);
    ensures \result == OSFN_OK ==> doc->count <= tok_cap && doc->tok == tok && doc->len == len;
    ensures \result == OSFN_OK ==> doc->mut == mut;
    ensures \result == OSFN_OK && len > 0 ==> doc->text == text;
    ensures \result == OSFN_OK ==> len >= 1;
*/
osfn_status_t osfn__json_parse(osfn__json_t *doc, const char *text, char *mut, size_t len,
                               osfn_json_token_t *tok, size_t tok_cap, size_t *needed_out)
{
    size_t cap = (tok == NULL) ? 0u : tok_cap;
    size_t dummy = 0u;
    size_t *needed = (needed_out != NULL) ? needed_out : &dummy;
    size_t i;
    osfn_status_t st;
    if ((doc == NULL) || ((text == NULL) && (len > 0u))) {
        return OSFN_ERR_NULL_ARG;
    }
    *needed = 0u;
    doc->text = (text != NULL) ? text : "";
    doc->mut = mut;
    doc->len = len;
    doc->tok = tok;
    doc->count = 0u;
    if (len > OSFN__JSON_MAX_LEN) {
        return OSFN_ERR_RESPONSE_TOO_LARGE;
    }
    if (cap > OSFN__JSON_MAX_TOKENS) {
        cap = OSFN__JSON_MAX_TOKENS;
    }
    st = tokenize(doc, cap, needed);
    /*@ loop invariant 0 <= i <= doc->count;
        loop invariant st == OSFN_OK ==> toks_ok(doc, i);
        loop invariant st == OSFN_OK ==> doc_base(doc);
        loop invariant st == OSFN_OK ==> doc_init(doc);
        loop invariant st == OSFN_OK ==> 1 <= doc->count <= cap;
        loop assigns i, st;
        loop variant doc->count - i; */
    for (i = 0u; (st == OSFN_OK) && (i < doc->count); i++) {
        st = check_token(doc, i);
    }
    if (st == OSFN_OK) {
        st = check_structure(doc);
    }
    if ((st != OSFN_OK) && (st != OSFN_ERR_TOO_FEW_TOKENS)) {
        doc->count = 0u; /* never navigate an invalid document */
    }
    return st;
}

/* ---- navigation ------------------------------------------------------------ */

/** Kind of a primitive from its first character. */
/*@ assigns \nothing;
    ensures \result == OSFN_JSON_KIND_NULL || \result == OSFN_JSON_KIND_BOOL ||
            \result == OSFN_JSON_KIND_NUMBER; */
static osfn_json_kind_t primitive_kind(char first)
{
    osfn_json_kind_t k;
    if (first == 'n') {
        k = OSFN_JSON_KIND_NULL;
    } else if ((first == 't') || (first == 'f')) {
        k = OSFN_JSON_KIND_BOOL;
    } else {
        k = OSFN_JSON_KIND_NUMBER;
    }
    return k;
}

/*@ requires doc_ok(doc) && doc_init(doc);
    requires i < doc->count;
    assigns \nothing;
    ensures \result == OSFN_JSON_KIND_OBJECT <==> doc->tok[i].type == JSMN_OBJECT;
    ensures \result == OSFN_JSON_KIND_ARRAY <==> doc->tok[i].type == JSMN_ARRAY;
    ensures \result == OSFN_JSON_KIND_STRING <==> doc->tok[i].type == JSMN_STRING;
*/
osfn_json_kind_t osfn__json_kind(const osfn__json_t *doc, size_t i)
{
    const osfn_json_token_t *t = &doc->tok[i];
    osfn_json_kind_t k;
    switch (t->type) {
    case JSMN_OBJECT:
        k = OSFN_JSON_KIND_OBJECT;
        break;
    case JSMN_ARRAY:
        k = OSFN_JSON_KIND_ARRAY;
        break;
    case JSMN_STRING:
        k = OSFN_JSON_KIND_STRING;
        break;
    case JSMN_PRIMITIVE:
    case JSMN_UNDEFINED: /* never in a validated document */
    default:
        k = primitive_kind(doc->text[tok_start(t)]);
        break;
    }
    return k;
}

/*@ requires doc_ok(doc) && doc_init(doc);
    requires i < doc->count;
    assigns \nothing;
    ensures i < \result <= doc->count;
*/
size_t osfn__json_skip(const osfn__json_t *doc, size_t i)
{
    size_t j = i + 1u;
    if (is_container(&doc->tok[i])) {
        /* Descendants start before the container ends; the next sibling after. */
        /*@ loop invariant i < j <= doc->count;
            loop assigns j;
            loop variant doc->count - j; */
        while ((j < doc->count) && (doc->tok[j].start < doc->tok[i].end)) {
            j++;
        }
    }
    return j;
}

/*@ requires doc_ok(doc) && doc_init(doc);
    requires i < doc->count;
    assigns \nothing;
    ensures \result <= 2147483647;
*/
size_t osfn__json_size(const osfn__json_t *doc, size_t i)
{
    return is_container(&doc->tok[i]) ? (size_t)doc->tok[i].size : 0u;
}

/*@ requires doc_ok(doc) && doc_init(doc);
    requires key < doc->count;
    requires valid_read_string(name);
    assigns \nothing;
*/
bool osfn__json_key_is(const osfn__json_t *doc, size_t key, const char *name)
{
    const osfn_json_token_t *t = &doc->tok[key];
    size_t p = tok_start(t);
    size_t end = tok_end(t);
    size_t j = 0u;
    /*@ loop invariant t->start <= p <= end && 0 <= j <= p - t->start;
        loop invariant \forall integer k; 0 <= k < j ==> name[k] != '\0';
        loop assigns p, j;
        loop variant end - p; */
    while (p < end) {
        uint32_t cp = 0u;
        if ((next_code_point(doc->text, end, &p, &cp) != OSFN_OK) || (cp >= 0x80u) ||
            (name[j] == '\0') || (osfn__lower((char)cp) != osfn__lower(name[j]))) {
            return false;
        }
        j++;
    }
    return name[j] == '\0';
}

/*@ requires doc_ok(doc) && doc_init(doc);
    requires valid_read_string(name);
    requires \valid(value) && \separated(value, doc, doc->tok + (0 .. doc->count - 1));
    assigns *value;
    ensures \result ==> *value < doc->count;
*/
bool osfn__json_find(const osfn__json_t *doc, size_t obj, const char *name, size_t *value)
{
    size_t k;
    size_t m;
    size_t members;
    bool found = false;
    if ((obj >= doc->count) || (doc->tok[obj].type != JSMN_OBJECT)) {
        return false;
    }
    members = (size_t)doc->tok[obj].size;
    k = obj + 1u;
    /*@ loop invariant obj < k && 0 <= m <= members;
        loop invariant found ==> *value < doc->count;
        loop invariant k <= doc->count;
        loop assigns k, m, found, *value;
        loop variant members - m; */
    for (m = 0u; (m < members) && ((k + 1u) < doc->count); m++) {
        if (osfn__json_key_is(doc, k, name)) {
            *value = k + 1u; /* keep going: the last occurrence wins */
            found = true;
        }
        k = osfn__json_skip(doc, k + 1u);
    }
    return found;
}

/**
 * Parse s[0 .. n) as `-?(0|[1-9][0-9]*)` into an int64. The overflow bound is
 * a constant (INT64_MAX / 10 and its last digit, 7, or 8 for a negative
 * number), so no 64-bit division (a libgcc call on Cortex-M) is needed.
 */
/*@ requires \valid_read(s + (0 .. n - 1));
    requires \valid(value);
    assigns *value;
*/
static osfn_status_t parse_integer(const char *s, size_t n, int64_t *value)
{
    const uint64_t max_div10 = (uint64_t)INT64_MAX / 10u;
    bool neg = (n > 0u) && (s[0] == '-');
    size_t i = neg ? (size_t)1 : (size_t)0;
    uint64_t last_digit_max = neg ? (uint64_t)8 : (uint64_t)7;
    uint64_t mag = 0u;
    if ((i >= n) || ((s[i] == '0') && ((n - i) > 1u))) {
        return OSFN_ERR_JSON_TYPE;
    }
    /*@ loop invariant 0 <= i <= n;
        loop invariant mag <= 922337203685477580 * 10 + 8;
        loop assigns i, mag;
        loop variant n - i; */
    for (; i < n; i++) {
        uint64_t d;
        if ((s[i] < '0') || (s[i] > '9')) {
            return OSFN_ERR_JSON_TYPE;
        }
        d = (uint64_t)(uint8_t)s[i] - (uint64_t)(uint8_t)'0';
        if ((mag > max_div10) || ((mag == max_div10) && (d > last_digit_max))) {
            return OSFN_ERR_JSON_RANGE;
        }
        mag = (mag * 10u) + d;
    }
    if (!neg) {
        *value = (int64_t)mag;
    } else if (mag == 0u) {
        *value = 0;
    } else {
        uint64_t below = mag - 1u;
        *value = -(int64_t)below - 1; /* reaches INT64_MIN without overflow */
    }
    return OSFN_OK;
}

/** True when the number text holds a fraction or an exponent. */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
*/
static bool has_fraction_or_exponent(const char *s, size_t n)
{
    size_t i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i; */
    for (i = 0u; i < n; i++) {
        if ((s[i] == '.') || (s[i] == 'e') || (s[i] == 'E')) {
            return true;
        }
    }
    return false;
}

/*@ requires doc_ok(doc) && doc_init(doc);
    requires i < doc->count;
    requires \valid(value) && \separated(value, doc, doc->tok + (0 .. doc->count - 1));
    assigns *value;
*/
osfn_status_t osfn__json_get_int64(const osfn__json_t *doc, size_t i, int64_t *value)
{
    const osfn_json_token_t *t = &doc->tok[i];
    const char *s = &doc->text[tok_start(t)];
    size_t n = tok_end(t) - tok_start(t);
    osfn_json_kind_t k = osfn__json_kind(doc, i);
    if (k == OSFN_JSON_KIND_NUMBER) {
        return has_fraction_or_exponent(s, n) ? OSFN_ERR_JSON_TYPE : parse_integer(s, n, value);
    }
    if (k == OSFN_JSON_KIND_STRING) {
        return parse_integer(s, n, value);
    }
    return OSFN_ERR_JSON_TYPE;
}

/** Terminate the string at @p r after @p n bytes. */
/*@ requires \valid(r + (0 .. n));
    assigns r[n];
    ensures r[n] == '\0';
    ensures cstr(r); */
static void put_nul(char *r, size_t n)
{
    r[n] = '\0';
}

/*@ requires doc_ok(doc) && doc_init(doc);
    requires i < doc->count;
    requires \valid(out) && \separated(out, doc, doc->tok + (0 .. doc->count - 1));
    requires doc->mut != \null ==> \separated(out, doc->mut + (0 .. doc->len - 1));
    assigns *out, doc->mut[0 .. doc->len - 1];
    ensures \result == OSFN_OK ==> cstr(*out);
    ensures \result != OSFN_OK ==> *out == \old(*out);
    ensures doc_ok(doc);
    ensures doc_init(doc);
*/
osfn_status_t osfn__json_terminate(const osfn__json_t *doc, size_t i, const char **out)
{
    const osfn_json_token_t *t = &doc->tok[i];
    size_t start = tok_start(t);
    size_t n = 0u;
    char *r;
    osfn_status_t st;
    if (doc->mut == NULL) {
        return OSFN_ERR_NULL_ARG;
    }
    r = &doc->mut[start];
    if (t->type == JSMN_STRING) {
        st = decode_string(doc->text, start, tok_end(t), r, tok_end(t) - start, &n);
        if (st != OSFN_OK) {
            return st;
        }
        if (n > (tok_end(t) - start)) {
            /* Never: decoding never makes a string longer (escapes shrink, UTF-8 is
             * re-encoded at its validated length); checked for the proof of the write below. */
            return OSFN_ERR_JSON_ESCAPE;
        }
        put_nul(r, n); /* at most the closing quote */
    } else {
        if (tok_end(t) >= doc->len) {
            return OSFN_ERR_JSON_TYPE; /* a root value has no delimiter byte to hold the NUL */
        }
        put_nul(r, tok_end(t) - start); /* the delimiter after the value */
    }
    *out = r;
    return OSFN_OK;
}

osfn_status_t osfn__json_copy_string(const osfn__json_t *doc, size_t i, char *buf, size_t buf_size,
                                     size_t *out_len)
{
    const osfn_json_token_t *t = &doc->tok[i];
    size_t n = 0u;
    osfn_status_t st;
    if (t->type != JSMN_STRING) {
        return OSFN_ERR_JSON_TYPE;
    }
    st = decode_string(doc->text, tok_start(t), tok_end(t), buf, buf_size, &n);
    if (st != OSFN_OK) {
        return st;
    }
    *out_len = n;
    if (n >= buf_size) {
        return OSFN_ERR_BUFFER_TOO_SMALL;
    }
    buf[n] = '\0';
    return OSFN_OK;
}
