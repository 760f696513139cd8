/**
 * @file fuzz_result.c
 * @brief libFuzzer harness: JSON validation and result mapping on hostile bodies.
 *
 * Input: 4 control bytes, then the body.
 * - c[0]: the HTTP status handed to the parse calls (low 4 bits pick from a table);
 * - c[1]: token count (0: NULL tokens; 255: 4096; else c[1]);
 * - c[2]: capacities of createParameters (low 4 bits) and usageParameters (high 4 bits);
 * - c[3]: token count for the extendInfo parse (low 6 bits; 63: 512) and the size of the
 *   string buffer for osfn_extend_info_get_string (bits 6-7: 0, 1, 8 or 64 bytes).
 *
 * The body is copied into a heap block of exactly its length (no NUL after it), so
 * ASan sees any read past it. Invariants:
 * - every string in a result is NUL-terminated inside the body, or the static "";
 *   parameter counts are min(total, capacity); has_* flags agree with the values;
 * - TOO_FEW_TOKENS leaves the body untouched and reports more tokens than given, and
 *   that many tokens then suffice; the status does not depend on the token count
 *   once it suffices;
 * - the validator agrees with an independent strict RFC 8259 checker written here
 *   (with osfn's documented extra rules: depth <= OSFN_JSON_MAX_DEPTH, no lone
 *   surrogate escapes): osfn never accepts a text the checker rejects, and accepts
 *   every object or array the checker accepts;
 * - extendInfo getters stay inside the caller's buffer and NUL-terminate it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "osfn/osfn_config_defaults.h"
#include "osfn/osfn_result.h"
#include "osfn_json.h" /* lib/src: the validator itself, for the differential check */

#define CONTROL 4u
#define BODY_MAX 65536u

/* ---- an independent strict JSON checker (recursive descent) -------------------- */

typedef struct {
    const uint8_t *s;
    size_t n;
    size_t i;
    unsigned depth;
    bool too_deep;
} chk_t;

static void skip_ws(chk_t *c)
{
    while ((c->i < c->n) && ((c->s[c->i] == ' ') || (c->s[c->i] == '\t') || (c->s[c->i] == '\n') ||
                             (c->s[c->i] == '\r'))) {
        c->i++;
    }
}

static int hexv(uint8_t b)
{
    if ((b >= '0') && (b <= '9')) {
        return b - '0';
    }
    if ((b >= 'a') && (b <= 'f')) {
        return b - 'a' + 10;
    }
    if ((b >= 'A') && (b <= 'F')) {
        return b - 'A' + 10;
    }
    return -1;
}

static bool read_u4(chk_t *c, unsigned *v)
{
    unsigned k;
    *v = 0;
    if (c->n - c->i < 4u) {
        return false;
    }
    for (k = 0; k < 4u; k++) {
        int h = hexv(c->s[c->i + k]);
        if (h < 0) {
            return false;
        }
        *v = (*v << 4) | (unsigned)h;
    }
    c->i += 4u;
    return true;
}

static bool chk_string(chk_t *c)
{
    c->i++; /* opening quote */
    while (c->i < c->n) {
        uint8_t b = c->s[c->i];
        if (b == '"') {
            c->i++;
            return true;
        }
        if (b < 0x20u) {
            return false;
        }
        if (b == '\\') {
            uint8_t e;
            c->i++;
            if (c->i >= c->n) {
                return false;
            }
            e = c->s[c->i++];
            if (e == 'u') {
                unsigned v;
                if (!read_u4(c, &v)) {
                    return false;
                }
                if ((v >= 0xDC00u) && (v <= 0xDFFFu)) {
                    return false; /* lone low surrogate (osfn rule) */
                }
                if ((v >= 0xD800u) && (v <= 0xDBFFu)) {
                    unsigned lo;
                    if ((c->n - c->i < 2u) || (c->s[c->i] != '\\') || (c->s[c->i + 1u] != 'u')) {
                        return false;
                    }
                    c->i += 2u;
                    if (!read_u4(c, &lo) || (lo < 0xDC00u) || (lo > 0xDFFFu)) {
                        return false;
                    }
                }
            } else if (strchr("\"\\/bfnrt", (int)e) == NULL || e == 0u) {
                return false;
            }
            continue;
        }
        if (b < 0x80u) {
            c->i++;
            continue;
        }
        {
            /* UTF-8: well-formed, shortest form, no surrogates, <= U+10FFFF */
            unsigned need;
            uint32_t cp;
            uint32_t min;
            unsigned k;
            if ((b >= 0xC2u) && (b <= 0xDFu)) {
                need = 1; cp = b & 0x1Fu; min = 0x80u;
            } else if ((b >= 0xE0u) && (b <= 0xEFu)) {
                need = 2; cp = b & 0x0Fu; min = 0x800u;
            } else if ((b >= 0xF0u) && (b <= 0xF4u)) {
                need = 3; cp = b & 0x07u; min = 0x10000u;
            } else {
                return false;
            }
            if (c->n - c->i <= need) {
                return false;
            }
            for (k = 1; k <= need; k++) {
                uint8_t t = c->s[c->i + k];
                if ((t & 0xC0u) != 0x80u) {
                    return false;
                }
                cp = (cp << 6) | (t & 0x3Fu);
            }
            if ((cp < min) || (cp > 0x10FFFFu) || ((cp >= 0xD800u) && (cp <= 0xDFFFu))) {
                return false;
            }
            c->i += need + 1u;
        }
    }
    return false;
}

static size_t digits(chk_t *c)
{
    size_t k = 0;
    while ((c->i < c->n) && (c->s[c->i] >= '0') && (c->s[c->i] <= '9')) {
        c->i++;
        k++;
    }
    return k;
}

static bool chk_number(chk_t *c)
{
    if (c->s[c->i] == '-') {
        c->i++;
    }
    if ((c->i < c->n) && (c->s[c->i] == '0')) {
        c->i++;
    } else if ((c->i < c->n) && (c->s[c->i] >= '1') && (c->s[c->i] <= '9')) {
        (void)digits(c);
    } else {
        return false;
    }
    if ((c->i < c->n) && (c->s[c->i] == '.')) {
        c->i++;
        if (digits(c) == 0) {
            return false;
        }
    }
    if ((c->i < c->n) && ((c->s[c->i] == 'e') || (c->s[c->i] == 'E'))) {
        c->i++;
        if ((c->i < c->n) && ((c->s[c->i] == '+') || (c->s[c->i] == '-'))) {
            c->i++;
        }
        if (digits(c) == 0) {
            return false;
        }
    }
    return true;
}

static bool chk_literal(chk_t *c, const char *lit)
{
    size_t n = strlen(lit);
    if ((c->n - c->i < n) || (memcmp(c->s + c->i, lit, n) != 0)) {
        return false;
    }
    c->i += n;
    return true;
}

static bool chk_value(chk_t *c);

static bool chk_container(chk_t *c, uint8_t close, bool object)
{
    bool ok = false;
    c->i++;
    c->depth++;
    if (c->depth > OSFN_JSON_MAX_DEPTH) {
        c->too_deep = true;
    }
    if (c->depth > OSFN_JSON_MAX_DEPTH + 2u) {
        c->depth--;
        return false; /* deep enough to decide; bounds the recursion */
    }
    skip_ws(c);
    if ((c->i < c->n) && (c->s[c->i] == close)) {
        c->i++;
        c->depth--;
        return true;
    }
    for (;;) {
        if (object) {
            if ((c->i >= c->n) || (c->s[c->i] != '"') || !chk_string(c)) {
                break;
            }
            skip_ws(c);
            if ((c->i >= c->n) || (c->s[c->i] != ':')) {
                break;
            }
            c->i++;
        }
        if (!chk_value(c)) {
            break;
        }
        skip_ws(c);
        if ((c->i < c->n) && (c->s[c->i] == ',')) {
            c->i++;
            skip_ws(c);
            continue;
        }
        if ((c->i < c->n) && (c->s[c->i] == close)) {
            c->i++;
            ok = true;
        }
        break;
    }
    c->depth--;
    return ok;
}

static bool chk_value(chk_t *c)
{
    skip_ws(c);
    if (c->i >= c->n) {
        return false;
    }
    switch (c->s[c->i]) {
    case '{':
        return chk_container(c, '}', true);
    case '[':
        return chk_container(c, ']', false);
    case '"':
        return chk_string(c);
    case 't':
        return chk_literal(c, "true");
    case 'f':
        return chk_literal(c, "false");
    case 'n':
        return chk_literal(c, "null");
    default:
        return chk_number(c);
    }
}

/** 1 valid (root kind in *root), 0 invalid; *too_deep when nesting passes the limit. */
static bool strict_json(const uint8_t *s, size_t n, uint8_t *root, bool *too_deep)
{
    chk_t c = { s, n, 0u, 0u, false };
    bool ok;
    skip_ws(&c);
    *root = (c.i < n) ? s[c.i] : 0u;
    ok = chk_value(&c);
    skip_ws(&c);
    *too_deep = c.too_deep;
    return ok && (c.i == n) && !c.too_deep;
}

/* ---- result invariants ----------------------------------------------------------- */

static void check_envelope(const osfn_envelope_t *e, const char *body, size_t len, uint16_t http)
{
    FUZZ_ASSERT(e->http_status == http);
    (void)fuzz_check_string(e->status, body, len);
    (void)fuzz_check_string(e->request_id, body, len);
    (void)fuzz_check_string(e->code, body, len);
    (void)fuzz_check_string(e->message, body, len);
    if (!e->has_http_code) {
        FUZZ_ASSERT(e->http_code == 0);
    }
    if (!e->has_latency) {
        FUZZ_ASSERT(e->latency_ms == 0);
    }
}

static void check_list(const osfn_param_list_t *l, osfn_param_t *items, size_t cap, const char *body, size_t len)
{
    size_t i;
    FUZZ_ASSERT(l->items == items);
    FUZZ_ASSERT(l->capacity == cap);
    FUZZ_ASSERT(l->count <= l->capacity);
    FUZZ_ASSERT(l->count == ((l->total < cap) ? l->total : cap));
    for (i = 0; i < l->count; i++) {
        (void)fuzz_check_string(items[i].name, body, len);
        (void)fuzz_check_string(items[i].value, body, len);
    }
}

static bool known(osfn_status_t st)
{
    return strcmp(osfn_status_name(st), "OSFN_UNKNOWN") != 0;
}

static uint16_t pick_http(uint8_t c)
{
    static const uint16_t k[16] = { 0, 200, 201, 204, 299, 400, 403, 404, 429, 500, 502, 503, 504, 100, 302, 599 };
    return k[c & 15u];
}

typedef struct {
    osfn_status_t st;
    size_t needed;
} parsed_t;

static parsed_t run_instance(const uint8_t *body, size_t len, uint16_t http, size_t ntok, uint8_t caps)
{
    osfn_param_t create[15];
    osfn_param_t usage[15];
    size_t cc = caps & 15u;
    size_t uc = caps >> 4;
    char *b = (char *)malloc(len ? len : 1u);
    osfn_json_token_t *tok = ntok ? (osfn_json_token_t *)malloc(ntok * sizeof(*tok)) : NULL;
    osfn_instance_t in;
    parsed_t p;
    FUZZ_ASSERT(b != NULL);
    memcpy(b, body, len);
    memset(&in, 0, sizeof(in));
    in.create_parameters.items = cc ? create : NULL;
    in.create_parameters.capacity = cc;
    in.usage_parameters.items = uc ? usage : NULL;
    in.usage_parameters.capacity = uc;
    p.st = osfn_parse_instance(b, len, http, tok, ntok, &in);
    p.needed = in.tokens_needed;
    FUZZ_ASSERT(known(p.st));
    FUZZ_ASSERT(p.st != OSFN_ERR_NULL_ARG);
    check_envelope(&in.envelope, b, len, http);
    if (p.st == OSFN_ERR_TOO_FEW_TOKENS) {
        FUZZ_ASSERT(in.tokens_needed > ntok);
        FUZZ_ASSERT(memcmp(b, body, len) == 0); /* untouched, so it can be parsed again */
        FUZZ_ASSERT(!in.has_result);
    }
    if (p.st == OSFN_OK) {
        FUZZ_ASSERT(in.has_result);
        FUZZ_ASSERT(in.tokens_needed <= ntok);
        FUZZ_ASSERT(in.envelope.code[0] == '\0');
    }
    if (p.st == OSFN_ERR_API) {
        FUZZ_ASSERT((in.envelope.code[0] != '\0') || (in.envelope.status[0] != '\0'));
    }
    if (p.st == OSFN_ERR_ARRAY_TOO_SMALL) {
        FUZZ_ASSERT((in.create_parameters.total > cc) || (in.usage_parameters.total > uc));
    }
    (void)fuzz_check_string(in.instance_name, b, len);
    (void)fuzz_check_string(in.function_name, b, len);
    (void)fuzz_check_string(in.function_type, b, len);
    (void)fuzz_check_string(in.model_type, b, len);
    (void)fuzz_check_string(in.description, b, len);
    (void)fuzz_check_string(in.status_raw, b, len);
    (void)fuzz_check_string(in.source_raw, b, len);
    (void)fuzz_check_string(in.belongs.domain, b, len);
    (void)fuzz_check_string(in.belongs.category, b, len);
    (void)fuzz_check_string(in.belongs.language, b, len);
    (void)fuzz_check_string(in.extend_info, b, len);
    (void)fuzz_check_string(in.cron, b, len);
    (void)fuzz_check_string(in.task.dag_status_raw, b, len);
    (void)osfn_instance_status_name(in.status);
    (void)osfn_instance_source_name(in.source);
    (void)osfn_dag_status_name(in.task.dag_status);
    FUZZ_ASSERT((int)in.status >= 0 && (int)in.status <= (int)OSFN_INSTANCE_STATUS_UNAVAILABLE);
    FUZZ_ASSERT((int)in.task.dag_status >= 0 && (int)in.task.dag_status <= (int)OSFN_DAG_STATUS_RUNNING);
    if (!in.has_task) {
        FUZZ_ASSERT(!in.task.has_progress && !in.task.has_last_run_time);
    }
    check_list(&in.create_parameters, cc ? create : NULL, cc, b, len);
    check_list(&in.usage_parameters, uc ? usage : NULL, uc, b, len);
    free(tok);
    free(b);
    return p;
}

static parsed_t run_task(const uint8_t *body, size_t len, uint16_t http, size_t ntok,
                         char **keep, size_t *keep_len, const char **extend_info)
{
    char *b = (char *)malloc(len ? len : 1u);
    osfn_json_token_t *tok = ntok ? (osfn_json_token_t *)malloc(ntok * sizeof(*tok)) : NULL;
    osfn_task_t t;
    parsed_t p;
    FUZZ_ASSERT(b != NULL);
    memcpy(b, body, len);
    p.st = osfn_parse_task(b, len, http, tok, ntok, &t);
    p.needed = t.tokens_needed;
    FUZZ_ASSERT(known(p.st));
    FUZZ_ASSERT(p.st != OSFN_ERR_ARRAY_TOO_SMALL);
    check_envelope(&t.envelope, b, len, http);
    if (p.st == OSFN_ERR_TOO_FEW_TOKENS) {
        FUZZ_ASSERT(t.tokens_needed > ntok);
        FUZZ_ASSERT(memcmp(b, body, len) == 0);
    }
    (void)fuzz_check_string(t.extend_info, b, len);
    (void)fuzz_check_string(t.function_name, b, len);
    (void)fuzz_check_string(t.generation, b, len);
    (void)fuzz_check_string(t.run_id, b, len);
    (void)fuzz_check_string(t.status_raw, b, len);
    (void)osfn_task_status_name(t.status);
    FUZZ_ASSERT((int)t.status >= 0 && (int)t.status <= (int)OSFN_TASK_STATUS_RUNNING);
    free(tok);
    *keep = b; /* the caller frees it, after using extend_info that points into it */
    *keep_len = len;
    *extend_info = t.extend_info;
    return p;
}

/** Parse an extendInfo string and read a few members; check the getters' contracts. */
static void run_extend_info(const char *s, uint8_t c)
{
    static const char *const k_keys[] = { "recall", "errors", "dataReport", "a", "" };
    static const size_t k_sizes[4] = { 0u, 1u, 8u, 64u };
    size_t ntok = (c & 63u) == 63u ? 512u : (size_t)(c & 63u);
    size_t bsize = k_sizes[c >> 6];
    osfn_json_token_t *tok = ntok ? (osfn_json_token_t *)malloc(ntok * sizeof(*tok)) : NULL;
    osfn_extend_info_t info;
    osfn_status_t st = osfn_extend_info_parse(s, tok, ntok, &info);
    size_t i;
    FUZZ_ASSERT(known(st));
    if (st == OSFN_ERR_TOO_FEW_TOKENS) {
        FUZZ_ASSERT(info.token_count > ntok);
    }
    if (st == OSFN_OK) {
        FUZZ_ASSERT(info.token_count <= ntok);
        for (i = 0; i < sizeof(k_keys) / sizeof(k_keys[0]); i++) {
            osfn_json_kind_t kind;
            size_t members = 0;
            int64_t v = 0;
            size_t out_len = 0;
            char *buf = bsize ? (char *)malloc(bsize) : NULL;
            osfn_status_t g = osfn_extend_info_member(&info, k_keys[i], &kind, &members);
            FUZZ_ASSERT((g == OSFN_OK) || (g == OSFN_ERR_JSON_MISSING));
            if (g == OSFN_OK) {
                FUZZ_ASSERT((int)kind >= 0 && (int)kind <= (int)OSFN_JSON_KIND_ARRAY);
                FUZZ_ASSERT(members <= info.token_count);
            }
            g = osfn_extend_info_get_int(&info, k_keys[i], &v);
            FUZZ_ASSERT(known(g));
            g = osfn_extend_info_get_string(&info, k_keys[i], buf, bsize, &out_len);
            FUZZ_ASSERT(known(g));
            if (g == OSFN_OK) {
                FUZZ_ASSERT(out_len < bsize);
                FUZZ_ASSERT(buf[out_len] == '\0');
                FUZZ_ASSERT(strlen(buf) == out_len);
            }
            if (g == OSFN_ERR_BUFFER_TOO_SMALL) {
                FUZZ_ASSERT(out_len >= bsize);
            }
            free(buf);
        }
    }
    free(tok);
}

/** The differential check of the validator against strict_json(). */
static void check_validator(const uint8_t *body, size_t len)
{
    static osfn_json_token_t tok[4096];
    osfn__json_t doc;
    size_t needed = 0;
    uint8_t root = 0;
    bool too_deep = false;
    bool strict = strict_json(body, len, &root, &too_deep);
    osfn_status_t st = osfn__json_parse(&doc, (const char *)body, NULL, len, tok, 4096u, &needed);
    if (st == OSFN_ERR_TOO_FEW_TOKENS) {
        return; /* more than 4096 tokens: not judged */
    }
    if (st == OSFN_OK) {
        FUZZ_ASSERT(strict); /* osfn accepted a text strict JSON rejects */
    }
    if (strict && ((root == '{') || (root == '['))) {
        FUZZ_ASSERT(st == OSFN_OK); /* osfn rejected a valid object or array */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *body;
    size_t len;
    uint16_t http;
    size_t ntok;
    parsed_t pi;
    parsed_t pt;
    char *task_body = NULL;
    size_t task_len = 0;
    const char *xi = "";
    size_t count = 0;

    if (size < CONTROL) {
        return 0;
    }
    body = data + CONTROL;
    len = size - CONTROL;
    if (len > BODY_MAX) {
        len = BODY_MAX;
    }
    http = pick_http(data[0]);
    ntok = (data[1] == 255u) ? 4096u : (size_t)data[1];

    check_validator(body, len);
    (void)osfn_json_count_tokens((const char *)body, len, &count);

    pi = run_instance(body, len, http, ntok, data[2]);
    if (pi.st == OSFN_ERR_TOO_FEW_TOKENS) {
        parsed_t again = run_instance(body, len, http, pi.needed, data[2]);
        FUZZ_ASSERT(again.st != OSFN_ERR_TOO_FEW_TOKENS);
        if ((again.st != OSFN_ERR_JSON_MALFORMED) && (again.st != OSFN_ERR_JSON_ESCAPE) &&
            (again.st != OSFN_ERR_HTTP_STATUS)) {
            FUZZ_ASSERT(again.needed == pi.needed); /* exact for valid JSON */
        }
    } else if ((pi.st != OSFN_ERR_NULL_ARG) && (pi.needed > 0u) && (pi.needed < ntok)) {
        parsed_t exact = run_instance(body, len, http, pi.needed, data[2]);
        FUZZ_ASSERT(exact.st == pi.st);
    }

    pt = run_task(body, len, http, ntok, &task_body, &task_len, &xi);
    if (pt.st == OSFN_ERR_TOO_FEW_TOKENS) {
        FUZZ_ASSERT(pt.needed == pi.needed);
    }
    run_extend_info(xi, data[3]);
    free(task_body);

    {
        /* the body itself as an extendInfo string (up to its first NUL) */
        char *s = (char *)malloc(len + 1u);
        FUZZ_ASSERT(s != NULL);
        memcpy(s, body, len);
        s[len] = '\0';
        run_extend_info(s, data[3]);
        free(s);
    }
    return 0;
}
