/**
 * @file osfn_request.c
 * @brief Request builder: validation, path encoding, V3 and ROA signing, wire format.
 *
 * Every byte is produced once, through a "sink" that either appends to the
 * caller's buffer (counting what would not fit) or feeds a hash. The
 * canonical request and the string to sign are streamed into the hash, so no
 * scratch buffer is needed and the peak stack stays small.
 */
#include "osfn/osfn_request.h"

#include <stdbool.h>
#include <string.h>

#include "osfn/osfn_time.h"
#include "osfn_crypto.h"
#include "osfn_util.h"

#define API_VERSION "2017-12-25"
#define EMPTY_SHA256 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define V3_ALGORITHM "ACS3-HMAC-SHA256"
#define ACCEPT_VALUE "application/json"
#define NONCE_BYTES 16u
#define MAX_HEADERS 10u
#define V3_SIG_HEX_LEN 64u

/** Where bytes go: the caller's buffer (counting overflow) or a hash. */
typedef struct {
    char *buf;        /**< Output buffer, or NULL when hashing. */
    size_t cap;       /**< Its size. */
    size_t len;       /**< Bytes produced so far (may exceed cap). */
    osfn_hash_t *hash; /**< Plain hash target, or NULL. */
    osfn_hmac_t *hmac; /**< HMAC target, or NULL. */
} sink_t;

/** One call: its action, path segments and query. */
typedef struct {
    const char *action;
    const char *app;
    const char *function;
    const char *instance;
    const char *generation; /**< NULL for GetFunctionInstance. */
    const char *output;     /**< NULL: no query. */
} request_call_t;

typedef struct {
    const char *name;
    const char *value;
} header_t;

/** Everything that varies per request, formatted once. */
typedef struct {
    char nonce[OSFN_NONCE_HEX_LEN + 1u];
    char date[OSFN_RFC1123_LEN + 1u]; /* ISO 8601 (V3) or RFC 1123 (ROA) */
    char signature[V3_SIG_HEX_LEN + 1u];
    header_t headers[MAX_HEADERS]; /* sorted by name */
    size_t header_count;
} signed_parts_t;

/* ------------------------------------------------------------------ sink -- */

/*@ requires \valid(s);
    requires \valid_read(p + (0 .. n - 1));
    requires \initialized(p + (0 .. n - 1));
    assigns s->len, s->buf[0 .. s->cap - 1], s->hmac->inner, *s->hash;
    behavior to_hmac:
      assumes s->hmac != \null;
      requires \valid(s->hmac) && \separated(s, s->hmac);
      assigns s->hmac->inner;
      ensures s->hmac->inner.alg == \old(s->hmac->inner.alg);
    behavior to_hash:
      assumes s->hmac == \null && s->hash != \null;
      requires \valid(s->hash) && \separated(s, s->hash);
      assigns *s->hash;
      ensures s->hash->alg == \old(s->hash->alg);
    behavior to_buffer:
      assumes s->hmac == \null && s->hash == \null;
      requires s->buf == \null ==> s->cap == 0;
      requires s->buf != \null ==> \valid(s->buf + (0 .. s->cap - 1));
      requires \separated(s, s->buf + (0 .. s->cap - 1));
      requires \separated(p + (0 .. n - 1), s->buf + (0 .. s->cap - 1));
      assigns s->len, s->buf[0 .. s->cap - 1];
      ensures s->len == (size_t)(\old(s->len) + n);
    complete behaviors;
    disjoint behaviors;
*/
static void put(sink_t *s, const char *p, size_t n)
{
    /* For Frama-C/Eva: one state per length keeps `n` tied to the pointer it
     * came with (tests/proofs, docs/proofs.md). */
    /*@ split n; */
    if (s->hmac != NULL) {
        osfn_hmac_update(s->hmac, p, n);
    } else if (s->hash != NULL) {
        osfn_hash_update(s->hash, p, n);
    } else {
        /* n > 0: memcpy needs valid pointers even for 0 bytes (C99 7.21.1), and
         * buf may be NULL (size query) or full (&buf[cap] is one past the end). */
        if ((n > 0u) && (s->len <= s->cap) && (n <= (s->cap - s->len))) {
            (void)memcpy(&s->buf[s->len], p, n);
        }
        s->len += n;
    }
}

static void put_str(sink_t *s, const char *str)
{
    put(s, str, strlen(str));
}

static bool is_unreserved(unsigned char uc)
{
    char c = (char)uc;
    return ((c >= 'A') && (c <= 'Z')) || ((c >= 'a') && (c <= 'z')) ||
           ((c >= '0') && (c <= '9')) || (c == '-') || (c == '_') || (c == '.') || (c == '~');
}

/** Percent-encode @p str into @p s, a small block at a time. */
static void put_encoded(sink_t *s, const char *str)
{
    static const char k_hex_upper[] = "0123456789ABCDEF";
    char block[48] = { 0 }; /* zeroed: lets Frama-C see every byte hashed is initialised */
    size_t n = 0u;
    const unsigned char *p;
    for (p = (const unsigned char *)str; *p != 0u; p++) {
        if (is_unreserved(*p)) {
            block[n] = (char)*p;
            n++;
        } else {
            block[n] = '%';
            block[n + 1u] = k_hex_upper[*p >> 4];
            block[n + 2u] = k_hex_upper[*p & 0x0fu];
            n += 3u;
        }
        if (n > (sizeof(block) - 3u)) {
            put(s, block, n);
            n = 0u;
        }
    }
    put(s, block, n);
}

/* ------------------------------------------------------------- validation -- */

/** True when no byte of @p str is a C0 control or DEL (and, if @p no_space, a space). */
static bool is_clean(const char *str, bool no_space)
{
    const unsigned char *p;
    for (p = (const unsigned char *)str; *p != 0u; p++) {
        if ((*p < 0x20u) || (*p == 0x7fu) || (no_space && (*p == 0x20u))) {
            return false;
        }
    }
    return true;
}

static bool is_host_char(unsigned char uc)
{
    char c = (char)uc;
    return ((c >= 'A') && (c <= 'Z')) || ((c >= 'a') && (c <= 'z')) ||
           ((c >= '0') && (c <= '9')) || (c == '-') || (c == '.') || (c == ':') ||
           (c == '[') || (c == ']') || (c == '_');
}

static osfn_status_t check_host(const char *host)
{
    const unsigned char *p = (const unsigned char *)host;
    if (*p == 0u) {
        return OSFN_ERR_BAD_HOST;
    }
    for (; *p != 0u; p++) {
        if (!is_host_char(*p)) {
            return OSFN_ERR_BAD_HOST;
        }
    }
    return OSFN_OK;
}

static osfn_status_t check_credentials(const osfn_credentials_t *c)
{
    if ((c->access_key_id == NULL) || (c->access_key_secret == NULL) ||
        (c->access_key_id[0] == '\0') || (c->access_key_secret[0] == '\0')) {
        return OSFN_ERR_NO_CREDENTIALS;
    }
    if (!is_clean(c->access_key_id, true) || (strchr(c->access_key_id, ',') != NULL) ||
        (strchr(c->access_key_id, ':') != NULL)) {
        return OSFN_ERR_BAD_CHAR;
    }
    if ((c->security_token != NULL) && !is_clean(c->security_token, true)) {
        return OSFN_ERR_BAD_CHAR;
    }
    return OSFN_OK;
}

/** "." and ".." are path dot-segments: servers and proxies may resolve them (RFC 3986 5.2.4). */
static bool is_dot_segment(const char *v)
{
    return (strcmp(v, ".") == 0) || (strcmp(v, "..") == 0);
}

static osfn_status_t check_param(const char *v)
{
    if (v == NULL) {
        return OSFN_ERR_NULL_ARG;
    }
    if (v[0] == '\0') {
        return OSFN_ERR_EMPTY_ARG;
    }
    return (is_clean(v, false) && !is_dot_segment(v)) ? OSFN_OK : OSFN_ERR_BAD_CHAR;
}

static osfn_status_t check_output(const char *output)
{
    if ((output == NULL) || (strcmp(output, "simple") == 0) ||
        (strcmp(output, "normal") == 0) || (strcmp(output, "detail") == 0)) {
        return OSFN_OK;
    }
    return OSFN_ERR_BAD_OUTPUT;
}

static osfn_status_t check_scheme(osfn_sig_t scheme)
{
    if (scheme == OSFN_SIG_V3) {
        return OSFN_OK;
    }
#if OSFN_ENABLE_ROA
    if (scheme == OSFN_SIG_ROA) {
        return OSFN_OK;
    }
#endif
    return OSFN_ERR_BAD_CONFIG;
}

static osfn_status_t check_opts(const osfn_request_opts_t *o)
{
    osfn_status_t st;
    if ((o->host == NULL) || (o->credentials == NULL) || (o->random == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    st = check_scheme(o->scheme);
    if (st == OSFN_OK) {
        st = check_host(o->host);
    }
    if (st == OSFN_OK) {
        st = check_credentials(o->credentials);
    }
    if ((st == OSFN_OK) && ((o->time < OSFN_EPOCH_MIN) || (o->time > OSFN_EPOCH_MAX))) {
        st = OSFN_ERR_BAD_TIME;
    }
    return st;
}

static osfn_status_t check_call(const request_call_t *c)
{
    osfn_status_t st = check_param(c->app);
    if (st == OSFN_OK) {
        st = check_param(c->function);
    }
    if (st == OSFN_OK) {
        st = check_param(c->instance);
    }
    if ((st == OSFN_OK) && (c->generation != NULL)) {
        st = check_param(c->generation);
    }
    if (st == OSFN_OK) {
        st = check_output(c->output);
    }
    return st;
}

/* ---------------------------------------------------------- request parts -- */

static void put_path(sink_t *s, const request_call_t *c)
{
    put_str(s, "/v4/openapi/app-groups/");
    put_encoded(s, c->app);
    put_str(s, "/functions/");
    put_encoded(s, c->function);
    put_str(s, "/instances/");
    put_encoded(s, c->instance);
    if (c->generation != NULL) {
        put_str(s, "/tasks/");
        put_encoded(s, c->generation);
    }
}

/** The query without "?", identical in every form since `output` is a plain token. */
static void put_query(sink_t *s, const request_call_t *c)
{
    if (c->output != NULL) {
        put_str(s, "output=");
        put_str(s, c->output);
    }
}

static bool has_token(const osfn_credentials_t *c)
{
    return (c->security_token != NULL) && (c->security_token[0] != '\0');
}

static void add_header(signed_parts_t *p, const char *name, const char *value)
{
    p->headers[p->header_count].name = name;
    p->headers[p->header_count].value = value;
    p->header_count++;
}

/** The signed headers of V3, in sorted order. */
static void collect_v3(signed_parts_t *p, const osfn_request_opts_t *o, const request_call_t *c)
{
    bool sts = has_token(o->credentials);
    add_header(p, "host", o->host);
    if (sts) {
        add_header(p, "x-acs-accesskey-id", o->credentials->access_key_id);
    }
    add_header(p, "x-acs-action", c->action);
    add_header(p, "x-acs-content-sha256", EMPTY_SHA256);
    add_header(p, "x-acs-date", p->date);
    if (sts) {
        add_header(p, "x-acs-security-token", o->credentials->security_token);
    }
    add_header(p, "x-acs-signature-nonce", p->nonce);
    add_header(p, "x-acs-version", API_VERSION);
}

#if OSFN_ENABLE_ROA
/** The headers of ROA; those starting with x-acs- are signed, in sorted order. */
static void collect_roa(signed_parts_t *p, const osfn_request_opts_t *o, const request_call_t *c)
{
    bool sts = has_token(o->credentials);
    add_header(p, "date", p->date);
    add_header(p, "host", o->host);
    if (sts) {
        add_header(p, "x-acs-accesskey-id", o->credentials->access_key_id);
    }
    add_header(p, "x-acs-action", c->action);
    if (sts) {
        add_header(p, "x-acs-security-token", o->credentials->security_token);
    }
    add_header(p, "x-acs-signature-method", "HMAC-SHA1");
    add_header(p, "x-acs-signature-nonce", p->nonce);
    add_header(p, "x-acs-signature-version", "1.0");
    add_header(p, "x-acs-version", API_VERSION);
}
#endif

static void hex_encode(const uint8_t *in, size_t n, char *out)
{
    static const char k_hex[] = "0123456789abcdef";
    size_t i;
    for (i = 0u; i < n; i++) {
        out[2u * i] = k_hex[in[i] >> 4];
        out[(2u * i) + 1u] = k_hex[in[i] & 0x0fu];
    }
    out[2u * n] = '\0';
}

static osfn_status_t make_nonce(const osfn_request_opts_t *o, char *out)
{
    uint8_t rnd[NONCE_BYTES];
    if (o->random(o->random_ctx, rnd, sizeof(rnd)) != 0) {
        return OSFN_ERR_RANDOM;
    }
    hex_encode(rnd, sizeof(rnd), out);
    return OSFN_OK;
}

/* ---------------------------------------------------------------- signing -- */

static void put_signed_header_names(sink_t *s, const signed_parts_t *p)
{
    size_t i;
    /*@ loop unroll MAX_HEADERS; */
    for (i = 0u; i < p->header_count; i++) {
        if (i > 0u) {
            put(s, ";", 1u);
        }
        put_str(s, p->headers[i].name);
    }
}

/** "name:value\n" for each header accepted by @p x_acs_only. */
static void put_canonical_headers(sink_t *s, const signed_parts_t *p, bool x_acs_only)
{
    size_t i;
    /*@ loop unroll MAX_HEADERS; */
    for (i = 0u; i < p->header_count; i++) {
        if (!x_acs_only || (strncmp(p->headers[i].name, "x-acs-", 6u) == 0)) {
            put_str(s, p->headers[i].name);
            put(s, ":", 1u);
            put_str(s, p->headers[i].value);
            put(s, "\n", 1u);
        }
    }
}

static osfn_status_t sign_v3(signed_parts_t *p, const osfn_request_opts_t *o, const request_call_t *c)
{
    osfn_hash_t h;
    osfn_hmac_t m;
    uint8_t digest[OSFN_SHA256_LEN];
    char digest_hex[(2u * OSFN_SHA256_LEN) + 1u];
    sink_t s = { NULL, 0u, 0u, &h, NULL };
    osfn_status_t st;

    osfn_hash_start(&h, OSFN_HASH_SHA256);
    put_str(&s, "GET\n");
    put_path(&s, c);
    put(&s, "\n", 1u);
    put_query(&s, c);
    put(&s, "\n", 1u);
    put_canonical_headers(&s, p, false);
    put(&s, "\n", 1u);
    put_signed_header_names(&s, p);
    put_str(&s, "\n" EMPTY_SHA256);
    st = osfn_hash_finish(&h, digest);
    hex_encode(digest, sizeof(digest), digest_hex);

    osfn_hmac_start(&m, OSFN_HASH_SHA256, o->credentials->access_key_secret,
                    strlen(o->credentials->access_key_secret));
    osfn_hmac_update(&m, V3_ALGORITHM "\n", sizeof(V3_ALGORITHM));
    osfn_hmac_update(&m, digest_hex, 2u * OSFN_SHA256_LEN);
    if (osfn_hmac_finish(&m, digest) != OSFN_OK) {
        st = OSFN_ERR_CRYPTO;
    }
    hex_encode(digest, sizeof(digest), p->signature);
    osfn__wipe(digest, sizeof(digest));
    return st;
}

#if OSFN_ENABLE_ROA
static void base64_encode(const uint8_t *in, size_t n, char *out)
{
    static const char k_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t i;
    size_t o = 0u;
    for (i = 0u; i < n; i += 3u) {
        uint32_t v = (uint32_t)in[i] << 16;
        if ((i + 1u) < n) {
            v |= (uint32_t)in[i + 1u] << 8;
        }
        if ((i + 2u) < n) {
            v |= (uint32_t)in[i + 2u];
        }
        out[o] = k_b64[(v >> 18) & 0x3fu];
        out[o + 1u] = k_b64[(v >> 12) & 0x3fu];
        out[o + 2u] = ((i + 1u) < n) ? k_b64[(v >> 6) & 0x3fu] : '=';
        out[o + 3u] = ((i + 2u) < n) ? k_b64[v & 0x3fu] : '=';
        o += 4u;
    }
    out[o] = '\0';
}

static osfn_status_t sign_roa(signed_parts_t *p, const osfn_request_opts_t *o, const request_call_t *c)
{
    osfn_hmac_t m;
    uint8_t digest[OSFN_SHA1_LEN];
    sink_t s = { NULL, 0u, 0u, NULL, &m };
    osfn_status_t st;

    osfn_hmac_start(&m, OSFN_HASH_SHA1, o->credentials->access_key_secret,
                    strlen(o->credentials->access_key_secret));
    /* METHOD, Accept, Content-MD5 (empty), Content-Type (empty), Date */
    put_str(&s, "GET\n" ACCEPT_VALUE "\n\n\n");
    put_str(&s, p->date);
    put(&s, "\n", 1u);
    put_canonical_headers(&s, p, true);
    put_path(&s, c);
    if (c->output != NULL) {
        put(&s, "?", 1u);
        put_query(&s, c);
    }
    st = osfn_hmac_finish(&m, digest);
    base64_encode(digest, sizeof(digest), p->signature);
    osfn__wipe(digest, sizeof(digest));
    return st;
}
#endif

/** Format the date, collect the headers and compute the signature. */
static osfn_status_t sign(signed_parts_t *p, const osfn_request_opts_t *o, const request_call_t *c)
{
    osfn_status_t st;
#if OSFN_ENABLE_ROA
    if (o->scheme == OSFN_SIG_ROA) {
        st = osfn_time_format_rfc1123(o->time, p->date);
        if (st == OSFN_OK) {
            collect_roa(p, o, c);
            st = sign_roa(p, o, c);
        }
        return st;
    }
#endif
    st = osfn_time_format_iso8601(o->time, p->date);
    if (st == OSFN_OK) {
        collect_v3(p, o, c);
        st = sign_v3(p, o, c);
    }
    return st;
}

/* ------------------------------------------------------------ wire format -- */

static void put_authorization(sink_t *s, const signed_parts_t *p, const osfn_request_opts_t *o)
{
    put_str(s, "authorization: ");
#if OSFN_ENABLE_ROA
    if (o->scheme == OSFN_SIG_ROA) {
        put_str(s, "acs ");
        put_str(s, o->credentials->access_key_id);
        put(s, ":", 1u);
        put_str(s, p->signature);
        put(s, "\r\n", 2u);
        return;
    }
#endif
    put_str(s, V3_ALGORITHM " Credential=");
    put_str(s, o->credentials->access_key_id);
    put_str(s, ",SignedHeaders=");
    put_signed_header_names(s, p);
    put_str(s, ",Signature=");
    put_str(s, p->signature);
    put(s, "\r\n", 2u);
}

static void put_request(sink_t *s, const signed_parts_t *p, const osfn_request_opts_t *o,
                        const request_call_t *c)
{
    size_t i;
    put_str(s, "GET ");
    put_path(s, c);
    if (c->output != NULL) {
        put(s, "?", 1u);
        put_query(s, c);
    }
    put_str(s, " HTTP/1.1\r\n");
    /*@ loop unroll MAX_HEADERS; */
    for (i = 0u; i < p->header_count; i++) {
        put_str(s, p->headers[i].name);
        put(s, ": ", 2u);
        put_str(s, p->headers[i].value);
        put(s, "\r\n", 2u);
    }
    put_str(s, "accept: " ACCEPT_VALUE "\r\n");
    put_authorization(s, p, o);
    put_str(s, "user-agent: osfn/" OSFN_VERSION_STRING "\r\n\r\n");
}

static osfn_status_t build(const osfn_request_opts_t *opts, const request_call_t *call,
                           char *buf, size_t buf_len, size_t *out_len)
{
    signed_parts_t parts;
    sink_t out = { buf, buf_len, 0u, NULL, NULL };
    osfn_status_t st;

    if ((opts == NULL) || (out_len == NULL) || ((buf == NULL) && (buf_len > 0u))) {
        return OSFN_ERR_NULL_ARG;
    }
    *out_len = 0u;
    st = check_opts(opts);
    if (st == OSFN_OK) {
        st = check_call(call);
    }
    if (st == OSFN_OK) {
        parts.header_count = 0u;
        st = make_nonce(opts, parts.nonce);
    }
    if (st == OSFN_OK) {
        st = sign(&parts, opts, call);
    }
    if (st == OSFN_OK) {
        put_request(&out, &parts, opts, call);
        *out_len = out.len;
        st = (out.len <= buf_len) ? OSFN_OK : OSFN_ERR_BUFFER_TOO_SMALL;
    }
    return st;
}

osfn_status_t osfn_request_get_instance(const osfn_request_opts_t *opts,
                                        const char *app, const char *function,
                                        const char *instance, const char *output,
                                        char *buf, size_t buf_len, size_t *out_len)
{
    request_call_t call = { "GetFunctionInstance", app, function, instance, NULL, output };
    return build(opts, &call, buf, buf_len, out_len);
}

osfn_status_t osfn_request_get_task(const osfn_request_opts_t *opts,
                                    const char *app, const char *function,
                                    const char *instance, const char *generation,
                                    char *buf, size_t buf_len, size_t *out_len)
{
    request_call_t call = { "GetFunctionTask", app, function, instance, generation, NULL };
    if (generation == NULL) {
        return OSFN_ERR_NULL_ARG;
    }
    return build(opts, &call, buf, buf_len, out_len);
}

osfn_status_t osfn_percent_encode(const char *in, char *out, size_t out_len, size_t *needed)
{
    sink_t s = { out, out_len, 0u, NULL, NULL };
    if ((in == NULL) || (needed == NULL) || ((out == NULL) && (out_len > 0u))) {
        return OSFN_ERR_NULL_ARG;
    }
    put_encoded(&s, in);
    put(&s, "", 1u); /* the NUL terminator */
    *needed = s.len;
    return (s.len <= out_len) ? OSFN_OK : OSFN_ERR_BUFFER_TOO_SMALL;
}
