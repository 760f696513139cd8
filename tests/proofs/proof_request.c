/**
 * @file proof_request.c
 * @brief Frama-C/EVA harness for the request builder: osfn_request_get_instance()
 *        and osfn_request_get_task() (canonical request, V3 and ROA signing, wire format).
 *
 * Every string (app, function, instance, generation, host, AccessKeyId,
 * AccessKeySecret, SecurityToken, output) is any NUL-terminated byte string of
 * bounded length (REQ_MAX_STR; the secret up to REQ_MAX_SECRET, which covers
 * keys longer than the 64-byte HMAC block); the token, output and the opts
 * pointers may also be NULL; output may also be each valid value. Scheme,
 * time and the random source's outcome are arbitrary. The request buffer has
 * any size 0..REQ_MAX_BUF (or is NULL with size 0). Every byte of the request
 * goes through the static put() of osfn_request.c, which this analysis takes
 * by its contract (-eva-use-spec put): Eva checks the contract's preconditions
 * at each of the ~50 call sites; WP proves, for every buffer size, that put()
 * writes only buf[0 .. buf_len - 1] (prove.sh runs both). mbedTLS is replaced
 * by the contracts in stub_mbedtls.c.
 */
#include <stddef.h>
#include <stdint.h>

#include "__fc_builtin.h"
#include "osfn/osfn_request.h"

#ifndef REQ_MAX_STR
#define REQ_MAX_STR 4
#endif
#ifndef REQ_MAX_SECRET
#define REQ_MAX_SECRET 66
#endif
#ifndef REQ_MAX_BUF
#define REQ_MAX_BUF 1024
#endif

/** Fill @p s (room for max + 1) with any string of 0..max bytes. */
static const char *any_string(char *s, int max)
{
    int n = Frama_C_interval(0, max);
    Frama_C_make_unknown(s, (size_t)n);
    s[n] = '\0';
    return s;
}

/**
 * Any string, or NULL. The choice is split (one Eva state each) so that the
 * library's NULL checks stay tied to the later uses of the pointer.
 */
static const char *any_string_or_null(char *s, int max)
{
    int is_null = Frama_C_nondet(0, 1);
    /*@ split is_null; */
    return (is_null != 0) ? (const char *)NULL : any_string(s, max);
}

static int proof_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    Frama_C_make_unknown((char *)buf, len);
    return Frama_C_nondet(0, 1);
}

static char s_app[REQ_MAX_STR + 1];
static char s_fn[REQ_MAX_STR + 1];
static char s_inst[REQ_MAX_STR + 1];
static char s_gen[REQ_MAX_STR + 1];
static char s_out[REQ_MAX_STR + 1];
static char s_host[REQ_MAX_STR + 1];
static char s_id[REQ_MAX_STR + 1];
static char s_secret[REQ_MAX_SECRET + 1];
static char s_token[REQ_MAX_STR + 1];

/** One call of the builder with everything but the credentials chosen here. */
static void run(const osfn_credentials_t *cred)
{
    char mem[REQ_MAX_BUF];
    osfn_request_opts_t opts;
    size_t out_len = 0u;
    size_t buf_len = (size_t)Frama_C_interval(0, REQ_MAX_BUF);
    int output_kind = Frama_C_interval(0, 4);
    int creds_null = Frama_C_nondet(0, 1);
    int random_null = Frama_C_nondet(0, 1);
    int scheme = Frama_C_interval(0, 2);
    int call = Frama_C_nondet(0, 1);
    char *buf;
    const char *output;
    osfn_status_t st;

    /*@ split output_kind; */
    /*@ split creds_null; */
    /*@ split random_null; */
    /*@ split scheme; */
    /*@ split call; */
    opts.host = any_string_or_null(s_host, REQ_MAX_STR);
    opts.credentials = (creds_null != 0) ? NULL : cred;
    opts.scheme = (osfn_sig_t)scheme;
    opts.time = (int64_t)Frama_C_long_long_interval(INT64_MIN, INT64_MAX);
    opts.random = (random_null != 0) ? NULL : proof_random;
    opts.random_ctx = NULL;
    switch (output_kind) {
    case 0: output = NULL; break;
    case 1: output = "simple"; break;
    case 2: output = "normal"; break;
    case 3: output = "detail"; break;
    default: output = any_string(s_out, REQ_MAX_STR); break;
    }

    int buf_null = Frama_C_nondet(0, 1);
    /*@ split buf_null; */
    buf = (buf_null == 0) ? mem : (char *)NULL;
    if (buf_null != 0) {
        buf_len = 0u; /* the size query */
    }
    if (call != 0) {
        st = osfn_request_get_instance(&opts, any_string_or_null(s_app, REQ_MAX_STR),
                                       any_string_or_null(s_fn, REQ_MAX_STR),
                                       any_string_or_null(s_inst, REQ_MAX_STR), output,
                                       buf, buf_len, &out_len);
    } else {
        st = osfn_request_get_task(&opts, any_string_or_null(s_app, REQ_MAX_STR),
                                   any_string_or_null(s_fn, REQ_MAX_STR),
                                   any_string_or_null(s_inst, REQ_MAX_STR),
                                   any_string_or_null(s_gen, REQ_MAX_STR), buf, buf_len,
                                   &out_len);
    }
    (void)st;
}

int main(void)
{
    osfn_credentials_t cred;

    cred.access_key_id = any_string_or_null(s_id, REQ_MAX_STR);
    cred.access_key_secret = any_string_or_null(s_secret, REQ_MAX_SECRET);
    /* One call site per kind of security token (none, empty, non-empty). */
    switch (Frama_C_interval(0, 2)) {
    case 0:
        cred.security_token = NULL;
        run(&cred);
        break;
    case 1:
        cred.security_token = "";
        run(&cred);
        break;
    default: {
        int n = Frama_C_interval(1, REQ_MAX_STR);
        Frama_C_make_unknown(s_token, (size_t)n);
        /* non-empty; 1..127 rather than any non-zero char: Eva's interval for
         * [-128..-1] U [1..127] would include 0 */
        s_token[0] = (char)Frama_C_unsigned_char_interval(1u, 127u);
        s_token[n] = '\0';
        cred.security_token = s_token;
        run(&cred);
        break;
    }
    }
    return 0;
}
