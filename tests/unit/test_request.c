/**
 * @file test_request.c
 * @brief The request builder: signing.md's five vectors, wire format, encoding,
 *        buffer sizes and every kind of bad input.
 */
#include "osfn_test.h"

#include "osfn/osfn_request.h"

#define HOST "opensearch.cn-hangzhou.aliyuncs.com"
#define T0 1795413600 /* 2026-11-23T06:00:00Z */

/* A random source that returns the bytes of a fixed 32-hex-char nonce. */
static int fixed_random(void *ctx, uint8_t *buf, size_t len)
{
    const char *hex = (const char *)ctx;
    size_t i;
    for (i = 0; i < len; i++) {
        unsigned hi = (unsigned)(hex[2 * i] <= '9' ? hex[2 * i] - '0' : hex[2 * i] - 'a' + 10);
        unsigned lo = (unsigned)(hex[2 * i + 1] <= '9' ? hex[2 * i + 1] - '0' : hex[2 * i + 1] - 'a' + 10);
        buf[i] = (uint8_t)((hi << 4) | lo);
    }
    return 0;
}

static int failing_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)buf;
    (void)len;
    return -1;
}

static const osfn_credentials_t k_key = { "LTAI5tExampleKeyId", "ExampleSecret0123456789abcdefXY", NULL };
static const osfn_credentials_t k_sts = { "STS.ExampleTempKeyId", "ExampleTempSecret",
                                          "CAIS.ExampleSecurityToken==" };

static osfn_request_opts_t opts(const osfn_credentials_t *c, osfn_sig_t scheme, int64_t t, const char *nonce)
{
    osfn_request_opts_t o;
    o.host = HOST;
    o.credentials = c;
    o.scheme = scheme;
    o.time = t;
    o.random = fixed_random;
    o.random_ctx = (void *)(uintptr_t)nonce;
    return o;
}

/* Copy the value of header @p name (lower-case, as the builder writes it) into @p out. */
static int header_value(const char *req, size_t len, const char *name, char *out, size_t out_len)
{
    size_t n = strlen(name);
    size_t i = 0;
    while (i < len) {
        const char *line = &req[i];
        const char *end = memchr(line, '\r', len - i);
        size_t l;
        if (end == NULL) {
            return 0;
        }
        l = (size_t)(end - line);
        if (l > n + 2 && memcmp(line, name, n) == 0 && line[n] == ':' && line[n + 1] == ' ') {
            if (l - n - 2 >= out_len) {
                return 0;
            }
            memcpy(out, line + n + 2, l - n - 2);
            out[l - n - 2] = '\0';
            return 1;
        }
        i += l + 2;
    }
    return 0;
}

static void test_vector1_v3_instance(void)
{
    osfn_request_opts_t o = opts(&k_key, OSFN_SIG_V3, T0, "3156853299f313e23d1673dc12e1703d");
    char buf[2048];
    char auth[300];
    size_t len = 0;
    CHECK_INT(osfn_request_get_instance(&o, "my_app_group", "ctr", "ctr_v1", "detail", buf, sizeof(buf), &len), OSFN_OK);
    CHECK(header_value(buf, len, "authorization", auth, sizeof(auth)));
    CHECK_STR(auth, "ACS3-HMAC-SHA256 Credential=LTAI5tExampleKeyId,SignedHeaders=host;x-acs-action;"
                    "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
                    "Signature=4d5ee2ad5eaaec5efd27ee582f65936f137b1df507e891b6cab91869180a2d7f");
}

/* The whole request of vector 1, byte for byte. */
static void test_vector1_wire_format(void)
{
    static const char want[] =
        "GET /v4/openapi/app-groups/my_app_group/functions/ctr/instances/ctr_v1?output=detail HTTP/1.1\r\n"
        "host: " HOST "\r\n"
        "x-acs-action: GetFunctionInstance\r\n"
        "x-acs-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\r\n"
        "x-acs-date: 2026-11-23T06:00:00Z\r\n"
        "x-acs-signature-nonce: 3156853299f313e23d1673dc12e1703d\r\n"
        "x-acs-version: 2017-12-25\r\n"
        "accept: application/json\r\n"
        "authorization: ACS3-HMAC-SHA256 Credential=LTAI5tExampleKeyId,SignedHeaders=host;x-acs-action;"
        "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,"
        "Signature=4d5ee2ad5eaaec5efd27ee582f65936f137b1df507e891b6cab91869180a2d7f\r\n"
        "user-agent: osfn/" OSFN_VERSION_STRING "\r\n"
        "\r\n";
    osfn_request_opts_t o = opts(&k_key, OSFN_SIG_V3, T0, "3156853299f313e23d1673dc12e1703d");
    char buf[2048];
    size_t len = 0;
    CHECK_INT(osfn_request_get_instance(&o, "my_app_group", "ctr", "ctr_v1", "detail", buf, sizeof(buf), &len), OSFN_OK);
    CHECK_MEM(buf, len, want);
}

static void test_vector2_v3_task_sts(void)
{
    osfn_request_opts_t o = opts(&k_sts, OSFN_SIG_V3, T0 + 1, "a1b2c3d4e5f60718293a4b5c6d7e8f90");
    char buf[2048];
    char v[300];
    size_t len = 0;
    CHECK_INT(osfn_request_get_task(&o, "my_app_group", "ctr", "ctr_v1", "1626769100", buf, sizeof(buf), &len), OSFN_OK);
    static const char line[] = "GET /v4/openapi/app-groups/my_app_group/functions/ctr/instances/ctr_v1/tasks/1626769100 HTTP/1.1\r\n";
    CHECK(memcmp(buf, line, strlen(line)) == 0);
    CHECK(header_value(buf, len, "authorization", v, sizeof(v)));
    CHECK_STR(v, "ACS3-HMAC-SHA256 Credential=STS.ExampleTempKeyId,SignedHeaders=host;x-acs-accesskey-id;"
                 "x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;"
                 "x-acs-version,Signature=745ff5932124027e8639275d34504308eacb8f85e3afed24c055d7c06ffa87cb");
    CHECK(header_value(buf, len, "x-acs-security-token", v, sizeof(v)));
    CHECK_STR(v, "CAIS.ExampleSecurityToken==");
    CHECK(header_value(buf, len, "x-acs-accesskey-id", v, sizeof(v)));
    CHECK_STR(v, "STS.ExampleTempKeyId");
    CHECK(header_value(buf, len, "x-acs-action", v, sizeof(v)));
    CHECK_STR(v, "GetFunctionTask");
}

static void test_vector3_roa_instance(void)
{
    osfn_request_opts_t o = opts(&k_key, OSFN_SIG_ROA, T0, "3156853299f313e23d1673dc12e1703d");
    char buf[2048];
    char v[300];
    size_t len = 0;
    CHECK_INT(osfn_request_get_instance(&o, "my_app_group", "ctr", "ctr_v1", "detail", buf, sizeof(buf), &len), OSFN_OK);
    CHECK(header_value(buf, len, "authorization", v, sizeof(v)));
    CHECK_STR(v, "acs LTAI5tExampleKeyId:7IXoVnSz+WSGk88r2bEtCk4VXlk=");
    CHECK(header_value(buf, len, "date", v, sizeof(v)));
    CHECK_STR(v, "Mon, 23 Nov 2026 06:00:00 GMT");
    CHECK(header_value(buf, len, "x-acs-signature-method", v, sizeof(v)));
    CHECK_STR(v, "HMAC-SHA1");
    CHECK(header_value(buf, len, "x-acs-signature-version", v, sizeof(v)));
    CHECK_STR(v, "1.0");
    CHECK(!header_value(buf, len, "x-acs-date", v, sizeof(v)));
}

static void test_vector4_roa_task_sts(void)
{
    osfn_request_opts_t o = opts(&k_sts, OSFN_SIG_ROA, T0 + 1, "a1b2c3d4e5f60718293a4b5c6d7e8f90");
    char buf[2048];
    char v[300];
    size_t len = 0;
    CHECK_INT(osfn_request_get_task(&o, "my_app_group", "ctr", "ctr_v1", "1626769100", buf, sizeof(buf), &len), OSFN_OK);
    CHECK(header_value(buf, len, "authorization", v, sizeof(v)));
    CHECK_STR(v, "acs STS.ExampleTempKeyId:VWjaIH/Py6FzXvZE3jGghwPByCc=");
}

static void test_vector5_encoding(void)
{
    osfn_request_opts_t o = opts(&k_key, OSFN_SIG_V3, T0 + 2, "00000000000000000000000000000000");
    char buf[2048];
    char v[300];
    size_t len = 0;
    static const char line[] =
        "GET /v4/openapi/app-groups/my%20app/functions/%E6%A8%A1%E5%9E%8B/instances/a~b.c-d_e?output=simple HTTP/1.1\r\n";
    CHECK_INT(osfn_request_get_instance(&o, "my app", "\xe6\xa8\xa1\xe5\x9e\x8b", "a~b.c-d_e", "simple", buf, sizeof(buf), &len), OSFN_OK);
    CHECK(len > strlen(line));
    CHECK(memcmp(buf, line, strlen(line)) == 0);
    CHECK(header_value(buf, len, "authorization", v, sizeof(v)));
    CHECK(strstr(v, ",Signature=1669dfd217ae4d70e0025844ee0c88f68f307ff4d5d9f3ca1fba88080715641a") != NULL);
}

/* Every byte 0x01..0xFF through the segment encoder. */
static void test_encode_every_byte(void)
{
    char in[2];
    char out[4];
    size_t need = 0;
    unsigned c;
    for (c = 1; c < 256; c++) {
        int plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.' || c == '~';
        char want[4];
        in[0] = (char)c;
        in[1] = '\0';
        CHECK_INT(osfn_percent_encode(in, out, sizeof(out), &need), OSFN_OK);
        if (plain) {
            want[0] = (char)c;
            want[1] = '\0';
        } else {
            want[0] = '%';
            want[1] = "0123456789ABCDEF"[c >> 4];
            want[2] = "0123456789ABCDEF"[c & 15];
            want[3] = '\0';
        }
        CHECK_STR(out, want);
        CHECK_INT(need, strlen(want) + 1);
    }
    CHECK_INT(osfn_percent_encode("", out, 1, &need), OSFN_OK);
    CHECK_INT(need, 1);
    CHECK_INT(osfn_percent_encode("a/b", out, 4, &need), OSFN_ERR_BUFFER_TOO_SMALL);
    CHECK_INT(need, 6);
    CHECK_INT(osfn_percent_encode("a/b", NULL, 0, &need), OSFN_ERR_BUFFER_TOO_SMALL);
    CHECK_INT(need, 6);
    CHECK_INT(osfn_percent_encode(NULL, out, 4, &need), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_percent_encode("a", NULL, 4, &need), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_percent_encode("a", out, 4, NULL), OSFN_ERR_NULL_ARG);
}

/* A long segment crosses the encoder's internal block many times. */
static void test_encode_long_value(void)
{
    char in[301];
    char out[1000];
    size_t need = 0;
    size_t i;
    for (i = 0; i < 300; i++) {
        in[i] = (i % 3 == 0) ? '/' : 'a';
    }
    in[300] = '\0';
    CHECK_INT(osfn_percent_encode(in, out, sizeof(out), &need), OSFN_OK);
    CHECK_INT(need, 100 * 3 + 200 + 1);
    CHECK(memcmp(out, "%2Faa%2Faa", 10) == 0);
    CHECK_INT(strlen(out), 500);
}

/* Exact size succeeds, one byte short fails with the exact need, for both calls and schemes. */
static void test_buffer_sizes(void)
{
    static const osfn_sig_t schemes[2] = { OSFN_SIG_V3, OSFN_SIG_ROA };
    char full[2048];
    char small[2048];
    size_t i;
    for (i = 0; i < 4; i++) {
        osfn_request_opts_t o = opts((i & 2) ? &k_sts : &k_key, schemes[i & 1], T0, "3156853299f313e23d1673dc12e1703d");
        size_t len = 0;
        size_t need = 0;
        size_t len2 = 0;
        CHECK_INT(osfn_request_get_task(&o, "a", "b", "c", "3", full, sizeof(full), &len), OSFN_OK);
        CHECK_INT(osfn_request_get_task(&o, "a", "b", "c", "3", NULL, 0, &need), OSFN_ERR_BUFFER_TOO_SMALL);
        CHECK_INT(need, len);
        CHECK_INT(osfn_request_get_task(&o, "a", "b", "c", "3", small, len - 1, &need), OSFN_ERR_BUFFER_TOO_SMALL);
        CHECK_INT(need, len);
        CHECK_INT(osfn_request_get_task(&o, "a", "b", "c", "3", small, len, &len2), OSFN_OK);
        CHECK_INT(len2, len);
        CHECK(memcmp(small, full, len) == 0);
        CHECK_INT(osfn_request_get_instance(&o, "a", "b", "c", NULL, full, sizeof(full), &len), OSFN_OK);
        CHECK_INT(osfn_request_get_instance(&o, "a", "b", "c", NULL, small, len - 1, &need), OSFN_ERR_BUFFER_TOO_SMALL);
        CHECK_INT(need, len);
    }
}

static void test_no_output_means_no_query(void)
{
    osfn_request_opts_t o = opts(&k_key, OSFN_SIG_V3, T0, "3156853299f313e23d1673dc12e1703d");
    char buf[2048];
    size_t len = 0;
    CHECK_INT(osfn_request_get_instance(&o, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_OK);
    CHECK(memcmp(buf, "GET /v4/openapi/app-groups/a/functions/b/instances/c HTTP/1.1\r\n", 63) == 0);
}

static void test_bad_inputs(void)
{
    osfn_request_opts_t o = opts(&k_key, OSFN_SIG_V3, T0, "3156853299f313e23d1673dc12e1703d");
    osfn_request_opts_t b;
    osfn_credentials_t c;
    char buf[2048];
    size_t len = 0;
    /* NULL and empty parameters */
    CHECK_INT(osfn_request_get_instance(NULL, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_request_get_instance(&o, NULL, "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_request_get_instance(&o, "a", NULL, "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_request_get_instance(&o, "a", "b", NULL, NULL, buf, sizeof(buf), &len), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_request_get_task(&o, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_request_get_instance(&o, "a", "b", "c", NULL, buf, sizeof(buf), NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_request_get_instance(&o, "a", "b", "c", NULL, NULL, 10, &len), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_request_get_instance(&o, "", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_EMPTY_ARG);
    CHECK_INT(osfn_request_get_instance(&o, "a", "", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_EMPTY_ARG);
    CHECK_INT(osfn_request_get_instance(&o, "a", "b", "", NULL, buf, sizeof(buf), &len), OSFN_ERR_EMPTY_ARG);
    CHECK_INT(osfn_request_get_task(&o, "a", "b", "c", "", buf, sizeof(buf), &len), OSFN_ERR_EMPTY_ARG);
    /* control bytes in any value */
    CHECK_INT(osfn_request_get_instance(&o, "a\r\nx: y", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_CHAR);
    CHECK_INT(osfn_request_get_instance(&o, "a", "b\n", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_CHAR);
    CHECK_INT(osfn_request_get_instance(&o, "a", "b", "\tc", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_CHAR);
    CHECK_INT(osfn_request_get_task(&o, "a", "b", "c", "3\x7f", buf, sizeof(buf), &len), OSFN_ERR_BAD_CHAR);
    /* dot segments would be resolved by servers and proxies: rejected; other dots are fine */
    CHECK_INT(osfn_request_get_instance(&o, "..", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_CHAR);
    CHECK_INT(osfn_request_get_instance(&o, "a", ".", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_CHAR);
    CHECK_INT(osfn_request_get_task(&o, "a", "b", "c", "..", buf, sizeof(buf), &len), OSFN_ERR_BAD_CHAR);
    CHECK_INT(osfn_request_get_instance(&o, "...", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_OK);
    CHECK_INT(osfn_request_get_instance(&o, "a..b", ".b", "c.", NULL, buf, sizeof(buf), &len), OSFN_OK);
    /* output */
    CHECK_INT(osfn_request_get_instance(&o, "a", "b", "c", "full", buf, sizeof(buf), &len), OSFN_ERR_BAD_OUTPUT);
    CHECK_INT(osfn_request_get_instance(&o, "a", "b", "c", "Detail", buf, sizeof(buf), &len), OSFN_ERR_BAD_OUTPUT);
    CHECK_INT(osfn_request_get_instance(&o, "a", "b", "c", "", buf, sizeof(buf), &len), OSFN_ERR_BAD_OUTPUT);
    /* host */
    b = o;
    b.host = "";
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_HOST);
    b.host = "bad host";
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_HOST);
    b.host = "host\r\nx: y";
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_HOST);
    b.host = "host/path";
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_HOST);
    b.host = "127.0.0.1:8443";
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_OK);
    b.host = NULL;
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_NULL_ARG);
    /* time */
    b = o;
    b.time = -1;
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_TIME);
    b.time = 253402300800LL;
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_TIME);
    /* scheme, random */
    b = o;
    b.scheme = (osfn_sig_t)7;
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_CONFIG);
    b = o;
    b.random = failing_random;
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_RANDOM);
    b.random = NULL;
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_NULL_ARG);
    /* credentials */
    b = o;
    b.credentials = NULL;
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_NULL_ARG);
    c = k_key;
    b.credentials = &c;
    c.access_key_id = "";
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_NO_CREDENTIALS);
    c.access_key_id = NULL;
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_NO_CREDENTIALS);
    c = k_key;
    c.access_key_secret = "";
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_NO_CREDENTIALS);
    c.access_key_secret = NULL;
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_NO_CREDENTIALS);
    c = k_key;
    c.access_key_id = "LTAI x";
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_CHAR);
    c.access_key_id = "LTAI,SignedHeaders=x";
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_CHAR);
    c.access_key_id = "LTAI:x";
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_CHAR);
    c = k_sts;
    c.security_token = "tok\r\nen";
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_ERR_BAD_CHAR);
    c.security_token = ""; /* empty token: a long-term key */
    CHECK_INT(osfn_request_get_instance(&b, "a", "b", "c", NULL, buf, sizeof(buf), &len), OSFN_OK);
    CHECK(len < sizeof(buf));
    buf[len] = '\0'; /* the request is not NUL-terminated */
    CHECK(strstr(buf, "x-acs-security-token") == NULL);
}

/* The nonce is the random bytes in lower-case hex, and a new one each call. */
static int counting_random(void *ctx, uint8_t *buf, size_t len)
{
    uint8_t *counter = (uint8_t *)ctx;
    size_t i;
    for (i = 0; i < len; i++) {
        buf[i] = (uint8_t)(*counter + i * 17);
    }
    (*counter)++;
    return 0;
}

static void test_nonce_from_random(void)
{
    osfn_request_opts_t o = opts(&k_key, OSFN_SIG_V3, T0, NULL);
    uint8_t counter = 0xa0;
    char buf[2048];
    char n1[40];
    char n2[40];
    size_t len = 0;
    o.random = counting_random;
    o.random_ctx = &counter;
    CHECK_INT(osfn_request_get_task(&o, "a", "b", "c", "1", buf, sizeof(buf), &len), OSFN_OK);
    CHECK(header_value(buf, len, "x-acs-signature-nonce", n1, sizeof(n1)));
    CHECK_STR(n1, "a0b1c2d3e4f5061728394a5b6c7d8e9f");
    CHECK_INT(osfn_request_get_task(&o, "a", "b", "c", "1", buf, sizeof(buf), &len), OSFN_OK);
    CHECK(header_value(buf, len, "x-acs-signature-nonce", n2, sizeof(n2)));
    CHECK_STR(n2, "a1b2c3d4e5f60718293a4b5c6d7e8fa0");
}

void suite_request(void)
{
    OSFN_RUN(test_vector1_v3_instance);
    OSFN_RUN(test_vector1_wire_format);
    OSFN_RUN(test_vector2_v3_task_sts);
    OSFN_RUN(test_vector3_roa_instance);
    OSFN_RUN(test_vector4_roa_task_sts);
    OSFN_RUN(test_vector5_encoding);
    OSFN_RUN(test_encode_every_byte);
    OSFN_RUN(test_encode_long_value);
    OSFN_RUN(test_buffer_sizes);
    OSFN_RUN(test_no_output_means_no_query);
    OSFN_RUN(test_bad_inputs);
    OSFN_RUN(test_nonce_from_random);
}
