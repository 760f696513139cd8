/**
 * @file test_result.c
 * @brief Mapping of GetFunctionInstance / GetFunctionTask bodies and of every
 *        error form: the seed samples and examples in both casings, edge cases,
 *        and every truncation of every fixture.
 *
 * The fixtures are embedded as C strings (so the suite runs unchanged on a
 * target without a file system); on the host, test_fixtures_match_files()
 * checks them byte for byte against the .json files in tests/fixtures. Bodies are copied
 * into heap blocks of exactly their length, without a NUL after them, so
 * AddressSanitizer catches any access outside the body.
 */
#include "osfn/osfn_result.h"

#include <stdlib.h>

#include "osfn_test.h"

#include <stdio.h>

#define TOKENS 256

#include "fixtures.h"

/* ---- helpers -------------------------------------------------------------- */

/** The embedded fixture called @p name (NULL if there is none). */
static const fixture_t *fixture(const char *name)
{
    size_t n = 0u;
    const fixture_t *t = fixture_table(&n);
    size_t i;
    for (i = 0u; i < n; i++) {
        if (strcmp(t[i].name, name) == 0) {
            return &t[i];
        }
    }
    return NULL;
}

/** A heap copy of @p n bytes of @p s, exactly n bytes long (no NUL after). */
static char *dup_exact(const char *s, size_t n)
{
    char *p = (char *)malloc((n > 0u) ? n : 1u);
    if ((p != NULL) && (n > 0u)) {
        memcpy(p, s, n);
    }
    return p;
}

/** A parse of a body held in an exact-size heap block. */
typedef struct body {
    char *data;  /**< Heap copy (strings in the result point here). */
    size_t len;  /**< Its length. */
} body_t;

/** Copy a NUL-terminated text into @p b. */
static void body_set(body_t *b, const char *text)
{
    b->len = strlen(text);
    b->data = dup_exact(text, b->len);
}

/** Copy fixture @p name into @p b (data NULL when missing). */
static void body_fixture(body_t *b, const char *name)
{
    const fixture_t *f = fixture(name);
    b->data = NULL;
    b->len = 0u;
    if (f != NULL) {
        body_set(b, f->body);
    }
}

/** Free @p b. */
static void body_free(body_t *b)
{
    free(b->data);
    b->data = NULL;
}

/** Parse text as an instance with its own params arrays. */
static osfn_status_t instance_of(body_t *b, const char *text, uint16_t http, osfn_instance_t *out,
                                 osfn_param_t *create, size_t nc, osfn_param_t *usage, size_t nu)
{
    static osfn_json_token_t tok[TOKENS];
    memset(out, 0xA5, sizeof(*out)); /* the parse must overwrite everything but the arrays */
    out->create_parameters.items = create;
    out->create_parameters.capacity = nc;
    out->usage_parameters.items = usage;
    out->usage_parameters.capacity = nu;
    body_set(b, text);
    return osfn_parse_instance(b->data, b->len, http, tok, TOKENS, out);
}

/** Parse text as a task. */
static osfn_status_t task_of(body_t *b, const char *text, uint16_t http, osfn_task_t *out)
{
    static osfn_json_token_t tok[TOKENS];
    memset(out, 0xA5, sizeof(*out));
    body_set(b, text);
    return osfn_parse_task(b->data, b->len, http, tok, TOKENS, out);
}

/* ---- fixtures in sync with the files ----------------------------------------- */

static void test_fixtures_match_files(void)
{
#if defined(OSFN_FIXTURE_DIR)
    size_t n = 0u;
    const fixture_t *t = fixture_table(&n);
    size_t i;
    CHECK(n >= 14u);
    for (i = 0u; i < n; i++) {
        char path[512];
        char buf[4096];
        size_t got;
        FILE *f;
        (void)snprintf(path, sizeof(path), "%s/%s", OSFN_FIXTURE_DIR, t[i].name);
        f = fopen(path, "rb");
        if (f == NULL) {
            osfn_test_fail_str(__FILE__, __LINE__, "fixture file opens", path, "");
            return;
        }
        got = fread(buf, 1u, sizeof(buf), f);
        (void)fclose(f);
        if ((got != strlen(t[i].body)) || (memcmp(buf, t[i].body, got) != 0)) {
            osfn_test_fail_str(__FILE__, __LINE__, "embedded fixture equals file", t[i].name, "differs");
            return;
        }
    }
#endif
}

/* ---- the seed samples (success) ------------------------------------------------ */

/** Check the GetFunctionInstance seed sample (either casing). */
static void check_instance_sample(const char *name)
{
    osfn_json_token_t tok[TOKENS];
    osfn_param_t create[4];
    osfn_param_t usage[4];
    osfn_instance_t r;
    body_t b;
    body_fixture(&b, name);
    CHECK(b.data != NULL);
    memset(&r, 0, sizeof(r));
    r.create_parameters.items = create;
    r.create_parameters.capacity = 4u;
    r.usage_parameters.items = usage;
    r.usage_parameters.capacity = 4u;
    CHECK_INT(osfn_parse_instance(b.data, b.len, 200u, tok, TOKENS, &r), OSFN_OK);
    CHECK_INT(r.tokens_needed, 65);
    CHECK_INT(r.envelope.http_status, 200);
    CHECK_STR(r.envelope.status, "OK");
    CHECK_STR(r.envelope.request_id, "");
    CHECK(r.envelope.has_http_code);
    CHECK_INT(r.envelope.http_code, 200);
    CHECK_STR(r.envelope.code, "");
    CHECK_STR(r.envelope.message, "");
    CHECK(r.envelope.has_latency);
    CHECK_INT(r.envelope.latency_ms, 123);
    CHECK(!r.envelope.retryable);
    CHECK(r.has_result);
    CHECK(r.has_version_id);
    CHECK_INT(r.version_id, 100);
    CHECK_STR(r.instance_name, "ctr_test");
    CHECK_STR(r.function_name, "ctr");
    CHECK_STR(r.function_type, "PAAS");
    CHECK_STR(r.model_type, "tf_checkpoint");
    CHECK_STR(r.description, "test"); /* "Description" in the camelCase sample */
    CHECK_INT(r.status, OSFN_INSTANCE_STATUS_AVAILABLE);
    CHECK_STR(r.status_raw, "available");
    CHECK_INT(r.source, OSFN_INSTANCE_SOURCE_UNKNOWN); /* the sample has no source */
    CHECK_STR(r.source_raw, "");
    CHECK_STR(r.belongs.domain, "ecommerce");
    CHECK_STR(r.belongs.category, "general");
    CHECK_STR(r.belongs.language, "zh");
    CHECK(r.has_create_time);
    CHECK_INT(r.create_time, 100010);
    CHECK_INT(r.create_parameters.total, 1);
    CHECK_INT(r.create_parameters.count, 1);
    CHECK(r.create_parameters.items == create);
    CHECK_INT(r.create_parameters.capacity, 4);
    CHECK_STR(create[0].name, "param1");
    CHECK_STR(create[0].value, "val1");
    CHECK_INT(r.usage_parameters.total, 1);
    CHECK_INT(r.usage_parameters.count, 1);
    CHECK_STR(usage[0].name, "use_param1");
    CHECK_STR(usage[0].value, "val1");
    CHECK_STR(r.extend_info, "{\"error\":{},\"dataReport\":{}}");
    CHECK_STR(r.cron, "");
    CHECK(r.has_task);
    CHECK_INT(r.task.dag_status, OSFN_DAG_STATUS_RUNNING);
    CHECK_STR(r.task.dag_status_raw, "running");
    CHECK(r.task.has_progress);
    CHECK_INT(r.task.progress, 30);
    CHECK(r.task.has_last_run_time);
    CHECK_INT(r.task.last_run_time, 200020);
    /* Every string points into the body. */
    CHECK((r.instance_name >= b.data) && (r.instance_name < (b.data + b.len)));
    CHECK((r.extend_info >= b.data) && (r.extend_info < (b.data + b.len)));
    body_free(&b);
}

static void test_instance_sample_camel(void)
{
    check_instance_sample("instance_sample_camel.json");
}

static void test_instance_sample_pascal(void)
{
    check_instance_sample("instance_sample_pascal.json");
}

/** Check the GetFunctionTask seed sample (either casing). */
static void check_task_sample(const char *name)
{
    osfn_json_token_t tok[TOKENS];
    osfn_task_t r;
    body_t b;
    body_fixture(&b, name);
    CHECK(b.data != NULL);
    CHECK_INT(osfn_parse_task(b.data, b.len, 200u, tok, TOKENS, &r), OSFN_OK);
    CHECK_INT(r.tokens_needed, 31);
    CHECK_STR(r.envelope.status, "OK");
    CHECK_INT(r.envelope.http_code, 200);
    CHECK_INT(r.envelope.latency_ms, 123);
    CHECK(r.has_result);
    CHECK_STR(r.function_name, "ctr");
    CHECK(r.has_progress);
    CHECK_INT(r.progress, 100);
    CHECK_INT(r.status, OSFN_TASK_STATUS_SUCCESS);
    CHECK_STR(r.status_raw, "success");
    CHECK(r.has_start_time);
    CHECK_INT(r.start_time, 100010);
    CHECK(r.has_end_time);
    CHECK_INT(r.end_time, 200020);
    CHECK_STR(r.extend_info, "{\"recall\":91,\"errors\":[]}");
    CHECK_STR(r.run_id, "trigger__2021-03-05T12:18:41");
    CHECK_STR(r.generation, "3");
    body_free(&b);
}

static void test_task_sample_camel(void)
{
    check_task_sample("task_sample_camel.json");
}

static void test_task_sample_pascal(void)
{
    check_task_sample("task_sample_pascal.json");
}

/* ---- the seed examples (Code with status OK) ------------------------------------ */

/** Check the GetFunctionInstance seed example (either casing): an API error with a full result. */
static void check_instance_example(const char *name)
{
    osfn_json_token_t tok[TOKENS];
    osfn_param_t create[2];
    osfn_param_t usage[2];
    osfn_instance_t r;
    body_t b;
    body_fixture(&b, name);
    CHECK(b.data != NULL);
    memset(&r, 0, sizeof(r));
    r.create_parameters.items = create;
    r.create_parameters.capacity = 2u;
    r.usage_parameters.items = usage;
    r.usage_parameters.capacity = 2u;
    CHECK_INT(osfn_parse_instance(b.data, b.len, 200u, tok, TOKENS, &r), OSFN_ERR_API);
    CHECK_STR(r.envelope.status, "OK");
    CHECK_STR(r.envelope.code, "Instance.NotExist");
    CHECK_STR(r.envelope.message, "instance not exist.");
    CHECK_STR(r.envelope.request_id, "68ED4E1B-92B8-5821-A886-9C90686139EB");
    CHECK_INT(r.envelope.http_code, 200);
    CHECK_INT(r.envelope.latency_ms, 123);
    CHECK(!r.envelope.retryable);
    /* The result is still mapped. */
    CHECK(r.has_result);
    CHECK_STR(r.belongs.category, "general");
    CHECK_STR(r.belongs.domain, "ecommerce");
    CHECK_STR(r.belongs.language, "zh(Default)");
    CHECK_INT(r.create_parameters.count, 1);
    CHECK_STR(create[0].name, "param1");
    CHECK_STR(create[0].value, "value1");
    CHECK_STR(usage[0].name, "use_param1");
    CHECK_STR(usage[0].value, "value1");
    CHECK_INT(r.create_time, 1234);
    CHECK_STR(r.cron, "0 3 ? * 0,1,3,5 (Sunday,Monday,Wednesday,Friday early morning3point)");
    CHECK_STR(r.description, "instance descriptions");
    /* Escaped twice on the wire: unescaped once, handed over as is. */
    CHECK_STR(r.extend_info, "{\\\"dataReport\\\":{},\\\"errors\\\":{}}");
    CHECK_STR(r.function_name, "ctr");
    CHECK_STR(r.function_type, "PAAS");
    CHECK_STR(r.instance_name, "ctr_test");
    CHECK_STR(r.model_type, "tf_checkpoint");
    CHECK_INT(r.source, OSFN_INSTANCE_SOURCE_USER);
    CHECK_STR(r.source_raw, "user");
    CHECK_INT(r.status, OSFN_INSTANCE_STATUS_AVAILABLE);
    CHECK(r.has_task);
    CHECK_INT(r.task.dag_status, OSFN_DAG_STATUS_SUCCESS);
    CHECK(r.task.has_last_run_time);
    CHECK_INT(r.task.last_run_time, 1234);
    CHECK(!r.task.has_progress);
    CHECK_INT(r.version_id, 101);
    body_free(&b);
}

static void test_instance_example_pascal(void)
{
    check_instance_example("instance_example_pascal.json");
}

static void test_instance_example_camel(void)
{
    check_instance_example("instance_example_camel.json");
}

/** Check the GetFunctionTask seed example (either casing). */
static void check_task_example(const char *name)
{
    osfn_json_token_t tok[TOKENS];
    osfn_task_t r;
    body_t b;
    body_fixture(&b, name);
    CHECK(b.data != NULL);
    CHECK_INT(osfn_parse_task(b.data, b.len, 200u, tok, TOKENS, &r), OSFN_ERR_API);
    CHECK_STR(r.envelope.code, "Task.NotExist");
    CHECK_STR(r.envelope.message, "operation success");
    CHECK_STR(r.envelope.request_id, "A4D487A9-A456-5AA5-A9C6-B7BF2889CF74");
    CHECK(r.has_result);
    CHECK(r.end_time == 1647213406267LL);
    CHECK(r.start_time == 1647212220000LL);
    CHECK_STR(r.extend_info, "{\\\"recall\\\":91,\\\"errors\\\":[]}");
    CHECK_STR(r.function_name, "ctr");
    CHECK_STR(r.generation, "1");
    CHECK_INT(r.progress, 90);
    CHECK_STR(r.run_id, "trigger__2021-03-05T12:18:41");
    CHECK_INT(r.status, OSFN_TASK_STATUS_SUCCESS);
    body_free(&b);
}

static void test_task_example_pascal(void)
{
    check_task_example("task_example_pascal.json");
}

static void test_task_example_camel(void)
{
    check_task_example("task_example_camel.json");
}

/* ---- output levels --------------------------------------------------------------- */

static void test_output_levels(void)
{
    osfn_json_token_t tok[TOKENS];
    osfn_param_t create[8];
    osfn_param_t usage[8];
    osfn_instance_t r;
    body_t b;
    /* simple: basic fields only */
    body_fixture(&b, "instance_simple.json");
    memset(&r, 0, sizeof(r));
    CHECK_INT(osfn_parse_instance(b.data, b.len, 200u, tok, TOKENS, &r), OSFN_OK);
    CHECK_INT(r.tokens_needed, 43);
    CHECK_INT(r.create_parameters.total, 0);
    CHECK_INT(r.usage_parameters.total, 0);
    CHECK(!r.has_task);
    CHECK_STR(r.cron, "");
    CHECK_STR(r.source_raw, "user");
    CHECK(r.create_time == 1647212220000LL);
    body_free(&b);
    /* normal: parameters and cron */
    body_fixture(&b, "instance_normal.json");
    memset(&r, 0, sizeof(r));
    r.create_parameters.items = create;
    r.create_parameters.capacity = 8u;
    r.usage_parameters.items = usage;
    r.usage_parameters.capacity = 8u;
    CHECK_INT(osfn_parse_instance(b.data, b.len, 200u, tok, TOKENS, &r), OSFN_OK);
    CHECK_INT(r.tokens_needed, 79);
    CHECK_INT(r.create_parameters.count, 4);
    CHECK_STR(create[3].name, "params.model.train_days");
    CHECK_STR(create[3].value, "7");
    CHECK_INT(r.usage_parameters.count, 2);
    CHECK_STR(usage[1].value, "101");
    CHECK_STR(r.cron, "0 3 ? * 0,1,3,5");
    CHECK(!r.has_task);
    body_free(&b);
    /* detail: also the task; UTF-8 from \u escapes */
    body_fixture(&b, "instance_detail.json");
    CHECK_INT(osfn_parse_instance(b.data, b.len, 200u, tok, TOKENS, &r), OSFN_OK);
    CHECK_INT(r.tokens_needed, 87);
    CHECK_STR(r.description, "\xE9\xA6\x96\xE9\xA1\xB5\xE6\x8E\xA8\xE8\x8D\x90 CTR \xE6\xA8\xA1\xE5\x9E\x8B (home page feed)");
    CHECK(r.has_task);
    CHECK_INT(r.task.dag_status, OSFN_DAG_STATUS_SUCCESS);
    CHECK_INT(r.task.progress, 100);
    CHECK(r.task.last_run_time == 1647213406267LL);
    body_free(&b);
}

/* ---- errors ------------------------------------------------------------------------ */

static void test_gateway_signature_error(void)
{
    osfn_json_token_t tok[TOKENS];
    osfn_instance_t r;
    body_t b;
    body_fixture(&b, "gateway_signature.json");
    memset(&r, 0, sizeof(r));
    CHECK_INT(osfn_parse_instance(b.data, b.len, 400u, tok, TOKENS, &r), OSFN_ERR_API);
    CHECK_INT(r.envelope.http_status, 400);
    CHECK_STR(r.envelope.code, "SignatureDoesNotMatch");
    CHECK_STR(r.envelope.message, "Specified signature is not matched with our calculation.");
    CHECK_STR(r.envelope.request_id, "6C3E1C52-0B4A-5E3B-8F4A-2D1E1B2B7C11");
    CHECK(!r.envelope.has_http_code);
    CHECK(!r.envelope.retryable);
    CHECK(!r.has_result);
    CHECK_STR(r.instance_name, "");
    body_free(&b);
}

static void test_gateway_throttling_is_retryable(void)
{
    osfn_json_token_t tok[TOKENS];
    osfn_task_t r;
    body_t b;
    body_fixture(&b, "gateway_throttling.json");
    CHECK_INT(osfn_parse_task(b.data, b.len, 429u, tok, TOKENS, &r), OSFN_ERR_API);
    CHECK_STR(r.envelope.code, "Throttling.User");
    CHECK_STR(r.envelope.request_id, "0F6A8D7C-4B2E-5D31-9A8B-3C2D1E0F9A8B");
    CHECK_INT(r.envelope.http_status, 429);
    CHECK(r.envelope.retryable);
    body_free(&b);
    /* The code alone is enough (any casing), and so is the status alone. */
    CHECK_INT(task_of(&b, "{\"Code\":\"THROTTLING.Api\",\"Message\":\"m\"}", 400u, &r), OSFN_ERR_API);
    CHECK(r.envelope.retryable);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"Code\":\"ServiceUnavailable\"}", 503u, &r), OSFN_ERR_API);
    CHECK(r.envelope.retryable);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"code\":\"X\",\"httpCode\":429,\"status\":\"FAIL\"}", 200u, &r), OSFN_ERR_API);
    CHECK(r.envelope.retryable);
    body_free(&b);
}

static void test_non_json_error_bodies(void)
{
    static const char *const bodies[] = {
        "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        "", "   \r\n", "Service Unavailable", "{\"RequestId\":\"cut", "[1,2,3]", "\"text\"",
        "{\"Code\":\"x\\u0000\"}",
    };
    size_t i;
    for (i = 0u; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        osfn_instance_t r;
        osfn_task_t t;
        body_t b;
        CHECK_INT(instance_of(&b, bodies[i], 502u, &r, NULL, 0u, NULL, 0u), OSFN_ERR_HTTP_STATUS);
        CHECK_INT(r.envelope.http_status, 502);
        CHECK(!r.envelope.retryable);
        body_free(&b);
        CHECK_INT(task_of(&b, bodies[i], 503u, &t), OSFN_ERR_HTTP_STATUS);
        CHECK_INT(t.envelope.http_status, 503);
        CHECK(t.envelope.retryable);
        body_free(&b);
    }
    {
        /* The same bodies with 200 are JSON errors. */
        osfn_task_t t;
        body_t b;
        CHECK_INT(task_of(&b, "", 200u, &t), OSFN_ERR_JSON_MALFORMED);
        body_free(&b);
        CHECK_INT(task_of(&b, bodies[0], 200u, &t), OSFN_ERR_JSON_MALFORMED);
        body_free(&b);
        CHECK_INT(task_of(&b, "[1,2,3]", 200u, &t), OSFN_ERR_JSON_TYPE);
        body_free(&b);
        CHECK_INT(task_of(&b, "{\"a\":\"\\q\"}", 200u, &t), OSFN_ERR_JSON_ESCAPE);
        body_free(&b);
        CHECK_INT(task_of(&b, "{\"a\":\"\\ud800\"}", 0u, &t), OSFN_ERR_JSON_ESCAPE);
        body_free(&b);
    }
}

static void test_json_error_without_code(void)
{
    osfn_task_t t;
    body_t b;
    /* An error status with JSON but no code: the HTTP status is the error. */
    CHECK_INT(task_of(&b, "{\"requestId\":\"r1\",\"message\":\"internal\"}", 500u, &t), OSFN_ERR_HTTP_STATUS);
    CHECK_STR(t.envelope.request_id, "r1");
    CHECK_STR(t.envelope.message, "internal");
    body_free(&b);
    /* A status other than OK is an API error even without a code. */
    CHECK_INT(task_of(&b, "{\"status\":\"FAIL\",\"message\":\"m\"}", 200u, &t), OSFN_ERR_API);
    CHECK_STR(t.envelope.status, "FAIL");
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"status\":\"ok\",\"result\":{}}", 200u, &t), OSFN_OK);
    body_free(&b);
    /* HTTP 3xx is an error status too; 0 means "not given" and behaves as 2xx. */
    CHECK_INT(task_of(&b, "{\"result\":{}}", 302u, &t), OSFN_ERR_HTTP_STATUS);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"result\":{}}", 0u, &t), OSFN_OK);
    body_free(&b);
    /* A bad envelope field under an error status is reported as the status. */
    CHECK_INT(task_of(&b, "{\"Code\":true}", 500u, &t), OSFN_ERR_HTTP_STATUS);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"Code\":true}", 200u, &t), OSFN_ERR_JSON_TYPE);
    body_free(&b);
}

static void test_missing_result(void)
{
    osfn_instance_t r;
    osfn_task_t t;
    body_t b;
    CHECK_INT(task_of(&b, "{\"status\":\"OK\",\"code\":\"\",\"requestId\":\"r\"}", 200u, &t), OSFN_ERR_JSON_MISSING);
    CHECK_STR(t.envelope.request_id, "r");
    CHECK(!t.has_result);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"result\":null}", 200u, &t), OSFN_ERR_JSON_MISSING);
    body_free(&b);
    CHECK_INT(task_of(&b, "{}", 200u, &t), OSFN_ERR_JSON_MISSING);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"result\":[]}", 200u, &t), OSFN_ERR_JSON_TYPE);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"result\":\"x\"}", 200u, &t), OSFN_ERR_JSON_TYPE);
    body_free(&b);
    CHECK_INT(instance_of(&b, "{\"Result\":{}}", 200u, &r, NULL, 0u, NULL, 0u), OSFN_OK);
    CHECK(r.has_result);
    CHECK(!r.has_version_id);
    CHECK_STR(r.description, "");
    CHECK_INT(r.status, OSFN_INSTANCE_STATUS_UNKNOWN);
    body_free(&b);
    /* code + no result */
    CHECK_INT(task_of(&b, "{\"code\":\"Task.NotExist\",\"result\":null}", 200u, &t), OSFN_ERR_API);
    CHECK(!t.has_result);
    body_free(&b);
}

/* ---- parameters ---------------------------------------------------------------------- */

#define THREE_PARAMS                                                                   \
    "{\"result\":{\"createParameters\":[{\"name\":\"a\",\"value\":\"1\"},{\"name\":\"b\"," \
    "\"value\":\"2\"},{\"name\":\"c\",\"value\":\"3\"}],\"usageParameters\":[],"          \
    "\"functionName\":\"ctr\"}}"

static void test_params_capacity(void)
{
    osfn_param_t create[3];
    osfn_param_t usage[1];
    osfn_instance_t r;
    body_t b;
    /* exactly enough */
    CHECK_INT(instance_of(&b, THREE_PARAMS, 200u, &r, create, 3u, usage, 1u), OSFN_OK);
    CHECK_INT(r.create_parameters.count, 3);
    CHECK_INT(r.create_parameters.total, 3);
    CHECK_STR(create[2].name, "c");
    CHECK_INT(r.usage_parameters.total, 0);
    CHECK_INT(r.usage_parameters.count, 0);
    body_free(&b);
    /* one short: first two filled, the rest of the result valid */
    CHECK_INT(instance_of(&b, THREE_PARAMS, 200u, &r, create, 2u, usage, 1u), OSFN_ERR_ARRAY_TOO_SMALL);
    CHECK_INT(r.create_parameters.count, 2);
    CHECK_INT(r.create_parameters.total, 3);
    CHECK_INT(r.create_parameters.capacity, 2);
    CHECK_STR(create[0].name, "a");
    CHECK_STR(create[1].value, "2");
    CHECK_STR(r.function_name, "ctr");
    CHECK(r.has_result);
    body_free(&b);
    /* no room at all */
    CHECK_INT(instance_of(&b, THREE_PARAMS, 200u, &r, NULL, 0u, NULL, 0u), OSFN_ERR_ARRAY_TOO_SMALL);
    CHECK_INT(r.create_parameters.count, 0);
    CHECK_INT(r.create_parameters.total, 3);
    CHECK_STR(r.function_name, "ctr");
    body_free(&b);
    /* an API error outranks a short array */
    CHECK_INT(instance_of(&b, "{\"code\":\"E\",\"result\":{\"usageParameters\":[{},{}]}}", 200u, &r,
                          NULL, 0u, usage, 1u), OSFN_ERR_API);
    CHECK_INT(r.usage_parameters.total, 2);
    CHECK_INT(r.usage_parameters.count, 1);
    body_free(&b);
    /* capacity without an array is a caller error */
    memset(&r, 0, sizeof(r));
    r.create_parameters.capacity = 1u;
    CHECK_INT(osfn_parse_instance(NULL, 0u, 200u, NULL, 0u, &r), OSFN_ERR_NULL_ARG);
}

static void test_param_values(void)
{
    osfn_param_t p[8];
    osfn_instance_t r;
    body_t b;
    CHECK_INT(instance_of(&b,
                          "{\"result\":{\"usageParameters\":[{\"Name\":\"n\",\"VALUE\":7},"
                          "{\"name\":\"b\",\"value\":true},{\"name\":\"o\",\"value\":{\"k\":[1, 2]}},"
                          "{\"name\":\"z\",\"value\":null},{\"x\":1},{\"name\":\"e\\u00e9\",\"value\":-1.5e3},"
                          "{\"name\":\"a\",\"value\":[]}]}}",
                          200u, &r, NULL, 0u, p, 8u),
              OSFN_OK);
    CHECK_INT(r.usage_parameters.count, 7);
    CHECK_STR(p[0].name, "n");
    CHECK_STR(p[0].value, "7");
    CHECK_STR(p[1].value, "true");
    CHECK_STR(p[2].value, "{\"k\":[1, 2]}");
    CHECK_STR(p[3].value, "");
    CHECK_STR(p[4].name, "");
    CHECK_STR(p[4].value, "");
    CHECK_STR(p[5].name, "e\xC3\xA9");
    CHECK_STR(p[5].value, "-1.5e3");
    CHECK_STR(p[6].value, "[]");
    body_free(&b);
    /* elements must be objects; the list must be an array */
    CHECK_INT(instance_of(&b, "{\"result\":{\"usageParameters\":[\"x\"]}}", 200u, &r, NULL, 0u, p, 8u),
              OSFN_ERR_JSON_TYPE);
    body_free(&b);
    CHECK_INT(instance_of(&b, "{\"result\":{\"usageParameters\":{}}}", 200u, &r, NULL, 0u, p, 8u),
              OSFN_ERR_JSON_TYPE);
    body_free(&b);
    CHECK_INT(instance_of(&b, "{\"result\":{\"usageParameters\":[{\"name\":[]}]}}", 200u, &r, NULL, 0u, p, 8u),
              OSFN_ERR_JSON_TYPE);
    body_free(&b);
}

/* ---- integers -------------------------------------------------------------------------- */

/** Parse `{"result":{"progress":<v>}}` as a task; return the status and the value. */
static osfn_status_t task_progress(const char *v, int64_t *out)
{
    char text[128];
    osfn_task_t t;
    body_t b;
    osfn_status_t st;
    (void)snprintf(text, sizeof(text), "{\"result\":{\"progress\":%s}}", v);
    st = task_of(&b, text, 200u, &t);
    *out = t.has_progress ? t.progress : -12345;
    body_free(&b);
    return st;
}

static void test_integer_fields(void)
{
    int64_t v = 0;
    CHECK_INT(task_progress("9223372036854775807", &v), OSFN_OK);
    CHECK(v == INT64_MAX);
    CHECK_INT(task_progress("-9223372036854775808", &v), OSFN_OK);
    CHECK(v == INT64_MIN);
    CHECK_INT(task_progress("9223372036854775808", &v), OSFN_ERR_JSON_RANGE);
    CHECK_INT(task_progress("-9223372036854775809", &v), OSFN_ERR_JSON_RANGE);
    CHECK_INT(task_progress("\"90\"", &v), OSFN_OK);
    CHECK_INT(v, 90);
    CHECK_INT(task_progress("\"-9223372036854775808\"", &v), OSFN_OK);
    CHECK(v == INT64_MIN);
    CHECK_INT(task_progress("null", &v), OSFN_OK);
    CHECK_INT(v, -12345); /* absent */
    CHECK_INT(task_progress("90.5", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(task_progress("9e1", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(task_progress("true", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(task_progress("\"ninety\"", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(task_progress("\"\"", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(task_progress("[90]", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(task_progress("{}", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(task_progress("-0", &v), OSFN_OK);
    CHECK_INT(v, 0);
}

static void test_envelope_integer_types(void)
{
    osfn_task_t t;
    body_t b;
    CHECK_INT(task_of(&b, "{\"httpCode\":\"200\",\"latency\":\"7\",\"result\":{}}", 200u, &t), OSFN_OK);
    CHECK_INT(t.envelope.http_code, 200);
    CHECK_INT(t.envelope.latency_ms, 7);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"latency\":1.5,\"result\":{}}", 200u, &t), OSFN_ERR_JSON_TYPE);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"httpCode\":99999999999999999999,\"result\":{}}", 200u, &t), OSFN_ERR_JSON_RANGE);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"requestId\":{},\"result\":{}}", 200u, &t), OSFN_ERR_JSON_TYPE);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"requestId\":false,\"result\":{}}", 200u, &t), OSFN_ERR_JSON_TYPE);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"requestId\":null,\"message\":null,\"code\":null,\"result\":{}}", 200u, &t), OSFN_OK);
    CHECK_STR(t.envelope.request_id, "");
    CHECK_STR(t.envelope.code, "");
    body_free(&b);
}

static void test_result_field_errors(void)
{
    osfn_instance_t r;
    osfn_task_t t;
    body_t b;
    /* The first failing field is reported; the others are still mapped. */
    CHECK_INT(instance_of(&b, "{\"result\":{\"versionId\":1.5,\"instanceName\":\"i\"}}", 200u, &r, NULL, 0u,
                          NULL, 0u), OSFN_ERR_JSON_TYPE);
    CHECK_STR(r.instance_name, "i");
    body_free(&b);
    CHECK_INT(instance_of(&b, "{\"result\":{\"belongs\":[]}}", 200u, &r, NULL, 0u, NULL, 0u), OSFN_ERR_JSON_TYPE);
    body_free(&b);
    CHECK_INT(instance_of(&b, "{\"result\":{\"task\":\"x\"}}", 200u, &r, NULL, 0u, NULL, 0u), OSFN_ERR_JSON_TYPE);
    CHECK(!r.has_task);
    body_free(&b);
    CHECK_INT(instance_of(&b, "{\"result\":{\"task\":null,\"belongs\":null}}", 200u, &r, NULL, 0u, NULL, 0u), OSFN_OK);
    CHECK(!r.has_task);
    CHECK_STR(r.belongs.domain, "");
    body_free(&b);
    CHECK_INT(instance_of(&b, "{\"result\":{\"task\":{}}}", 200u, &r, NULL, 0u, NULL, 0u), OSFN_OK);
    CHECK(r.has_task);
    CHECK_INT(r.task.dag_status, OSFN_DAG_STATUS_UNKNOWN);
    CHECK_STR(r.task.dag_status_raw, "");
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"result\":{\"runId\":\"a\\u0000b\"}}", 200u, &t), OSFN_ERR_JSON_ESCAPE);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"result\":{\"startTime\":\"1647212220000\",\"endTime\":true}}", 200u, &t),
              OSFN_ERR_JSON_TYPE);
    CHECK(t.start_time == 1647212220000LL);
    CHECK(!t.has_end_time);
    body_free(&b);
}

/* ---- keys, duplicates, strings ----------------------------------------------------------- */

static void test_duplicate_keys_last_wins(void)
{
    osfn_instance_t r;
    osfn_param_t p[2];
    body_t b;
    CHECK_INT(instance_of(&b,
                          "{\"code\":\"E1\",\"Code\":\"\",\"result\":{\"functionName\":\"a\","
                          "\"FunctionName\":\"b\",\"versionId\":\"bad\",\"VERSIONID\":7,"
                          "\"createParameters\":[{},{},{}],\"createParameters\":[{\"name\":\"x\",\"NAME\":\"y\"}],"
                          "\"task\":{\"dagStatus\":\"failed\"},\"Task\":{\"DagStatus\":\"pending\"}},"
                          "\"Result\":{\"functionName\":\"winner\"}}",
                          200u, &r, p, 2u, NULL, 0u),
              OSFN_OK);
    CHECK_STR(r.envelope.code, "");
    CHECK_STR(r.function_name, "winner"); /* the second "Result" object wins as a whole */
    CHECK(!r.has_version_id);
    body_free(&b);
    CHECK_INT(instance_of(&b,
                          "{\"result\":{\"functionName\":\"a\",\"FunctionName\":\"b\",\"versionId\":\"bad\","
                          "\"VERSIONID\":7,\"createParameters\":[{},{},{}],"
                          "\"createParameters\":[{\"name\":\"x\",\"NAME\":\"y\"}],"
                          "\"task\":{\"dagStatus\":\"failed\"},\"Task\":{\"DagStatus\":\"pending\"}}}",
                          200u, &r, p, 2u, NULL, 0u),
              OSFN_OK);
    CHECK_STR(r.function_name, "b");
    CHECK_INT(r.version_id, 7); /* the earlier bad value is ignored */
    CHECK_INT(r.create_parameters.total, 1);
    CHECK_STR(p[0].name, "y");
    CHECK_INT(r.task.dag_status, OSFN_DAG_STATUS_PENDING);
    body_free(&b);
}

static void test_enums_and_generation(void)
{
    osfn_instance_t r;
    osfn_task_t t;
    body_t b;
    CHECK_INT(instance_of(&b, "{\"result\":{\"status\":\"UNAVAILABLE\",\"source\":\"BuiltIn\","
                              "\"task\":{\"dagStatus\":\"untrained\"}}}", 200u, &r, NULL, 0u, NULL, 0u), OSFN_OK);
    CHECK_INT(r.status, OSFN_INSTANCE_STATUS_UNAVAILABLE);
    CHECK_INT(r.source, OSFN_INSTANCE_SOURCE_BUILTIN);
    CHECK_STR(r.source_raw, "BuiltIn");
    CHECK_INT(r.task.dag_status, OSFN_DAG_STATUS_UNTRAINED);
    body_free(&b);
    CHECK_INT(instance_of(&b, "{\"result\":{\"status\":\"retired\",\"source\":\"\",\"task\":{\"dagStatus\":\"x\"}}}",
                          200u, &r, NULL, 0u, NULL, 0u), OSFN_OK);
    CHECK_INT(r.status, OSFN_INSTANCE_STATUS_UNKNOWN);
    CHECK_STR(r.status_raw, "retired");
    CHECK_INT(r.source, OSFN_INSTANCE_SOURCE_UNKNOWN);
    CHECK_INT(r.task.dag_status, OSFN_DAG_STATUS_UNKNOWN);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"result\":{\"generation\":3,\"status\":\"FAILED\"}}", 200u, &t), OSFN_OK);
    CHECK_STR(t.generation, "3");
    CHECK_INT(t.status, OSFN_TASK_STATUS_FAILED);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"result\":{\"generation\":12 ,\"status\":\"running\"}}", 200u, &t), OSFN_OK);
    CHECK_STR(t.generation, "12");
    CHECK_INT(t.status, OSFN_TASK_STATUS_RUNNING);
    body_free(&b);
    CHECK_INT(task_of(&b, "{\"result\":{\"generation\":true}}", 200u, &t), OSFN_ERR_JSON_TYPE);
    body_free(&b);
}

static void test_enum_names(void)
{
    CHECK_STR(osfn_instance_status_name(OSFN_INSTANCE_STATUS_AVAILABLE), "available");
    CHECK_STR(osfn_instance_status_name(OSFN_INSTANCE_STATUS_UNAVAILABLE), "unavailable");
    CHECK_STR(osfn_instance_status_name(OSFN_INSTANCE_STATUS_UNKNOWN), "unknown");
    CHECK_STR(osfn_instance_status_name((osfn_instance_status_t)99), "unknown");
    CHECK_STR(osfn_instance_source_name(OSFN_INSTANCE_SOURCE_USER), "user");
    CHECK_STR(osfn_instance_source_name(OSFN_INSTANCE_SOURCE_BUILTIN), "builtin");
    CHECK_STR(osfn_instance_source_name((osfn_instance_source_t)-1), "unknown");
    CHECK_STR(osfn_dag_status_name(OSFN_DAG_STATUS_SUCCESS), "success");
    CHECK_STR(osfn_dag_status_name(OSFN_DAG_STATUS_FAILED), "failed");
    CHECK_STR(osfn_dag_status_name(OSFN_DAG_STATUS_UNTRAINED), "untrained");
    CHECK_STR(osfn_dag_status_name(OSFN_DAG_STATUS_PENDING), "pending");
    CHECK_STR(osfn_dag_status_name(OSFN_DAG_STATUS_RUNNING), "running");
    CHECK_STR(osfn_dag_status_name(OSFN_DAG_STATUS_UNKNOWN), "unknown");
    CHECK_STR(osfn_task_status_name(OSFN_TASK_STATUS_SUCCESS), "success");
    CHECK_STR(osfn_task_status_name(OSFN_TASK_STATUS_FAILED), "failed");
    CHECK_STR(osfn_task_status_name(OSFN_TASK_STATUS_RUNNING), "running");
    CHECK_STR(osfn_task_status_name((osfn_task_status_t)4), "unknown");
}

static void test_unknown_fields_and_escapes(void)
{
    osfn_json_token_t tok[TOKENS];
    osfn_param_t p[2];
    osfn_instance_t r;
    body_t b;
    body_fixture(&b, "instance_unknown_fields.json");
    CHECK(b.data != NULL);
    memset(&r, 0, sizeof(r));
    r.create_parameters.items = p;
    r.create_parameters.capacity = 2u;
    CHECK_INT(osfn_parse_instance(b.data, b.len, 200u, tok, TOKENS, &r), OSFN_OK);
    CHECK_INT(r.tokens_needed, 100);
    CHECK_STR(r.envelope.request_id, "R-\xC3\xA9\xF0\x9F\x98\x80-\"q\"\\/\b\f\n\r\t");
    CHECK_STR(r.envelope.message, "");
    CHECK_INT(r.envelope.latency_ms, 123);
    CHECK(r.version_id == INT64_MAX);
    CHECK(r.create_time == INT64_MIN);
    CHECK_STR(r.instance_name, "inst");
    CHECK_STR(r.belongs.domain, "d");
    CHECK_STR(r.belongs.category, "");
    CHECK_INT(r.create_parameters.total, 0);
    CHECK_INT(r.usage_parameters.total, 0);
    CHECK(r.has_task);
    CHECK_INT(r.task.dag_status, OSFN_DAG_STATUS_PENDING);
    CHECK(!r.task.has_progress);
    CHECK_INT(r.status, OSFN_INSTANCE_STATUS_UNKNOWN); /* result.future.status is not result.status */
    body_free(&b);
}

static void test_body_outside_untouched(void)
{
    /* Parse a body in the middle of a larger buffer: bytes around it stay as they were. */
    const char *json = "{\"result\":{\"runId\":\"a\\tb\",\"generation\":7}}";
    char buf[96];
    osfn_json_token_t tok[16];
    osfn_task_t t;
    size_t n = strlen(json);
    size_t i;
    memset(buf, '#', sizeof(buf));
    memcpy(&buf[8], json, n);
    CHECK_INT(osfn_parse_task(&buf[8], n, 200u, tok, 16u, &t), OSFN_OK);
    CHECK_STR(t.run_id, "a\tb");
    CHECK_STR(t.generation, "7");
    for (i = 0u; i < 8u; i++) {
        CHECK(buf[i] == '#');
    }
    for (i = 8u + n; i < sizeof(buf); i++) {
        CHECK(buf[i] == '#');
    }
}

/* ---- tokens ------------------------------------------------------------------------------- */

static void test_token_count_exact_and_short(void)
{
    size_t f;
    size_t n = 0u;
    const fixture_t *table = fixture_table(&n);
    for (f = 0u; f < n; f++) {
        static osfn_json_token_t tok[TOKENS];
        osfn_instance_t r;
        osfn_task_t t;
        size_t need = 0u;
        body_t b;
        osfn_status_t full;
        CHECK_INT(osfn_json_count_tokens(table[f].body, strlen(table[f].body), &need), OSFN_OK);
        /* sizing call with no tokens */
        body_set(&b, table[f].body);
        memset(&r, 0, sizeof(r));
        CHECK_INT(osfn_parse_instance(b.data, b.len, 200u, NULL, 0u, &r), OSFN_ERR_TOO_FEW_TOKENS);
        CHECK_INT(r.tokens_needed, need);
        body_free(&b);
        /* one short */
        body_set(&b, table[f].body);
        CHECK_INT(osfn_parse_task(b.data, b.len, 200u, tok, need - 1u, &t), OSFN_ERR_TOO_FEW_TOKENS);
        CHECK_INT(t.tokens_needed, need);
        body_free(&b);
        /* exactly enough gives the same answer as plenty */
        body_set(&b, table[f].body);
        full = osfn_parse_task(b.data, b.len, 200u, tok, TOKENS, &t);
        body_free(&b);
        body_set(&b, table[f].body);
        CHECK_INT(osfn_parse_task(b.data, b.len, 200u, tok, need, &t), full);
        CHECK_INT(t.tokens_needed, need);
        CHECK(full != OSFN_ERR_TOO_FEW_TOKENS);
        body_free(&b);
    }
}

static void test_retry_same_buffer_after_too_few_tokens(void)
{
    osfn_json_token_t tok[TOKENS];
    osfn_task_t t;
    body_t b;
    body_fixture(&b, "task_sample_pascal.json");
    CHECK_INT(osfn_parse_task(b.data, b.len, 200u, tok, 30u, &t), OSFN_ERR_TOO_FEW_TOKENS);
    CHECK_INT(t.tokens_needed, 31);
    CHECK(memcmp(b.data, fixture("task_sample_pascal.json")->body, b.len) == 0); /* untouched */
    CHECK_INT(osfn_parse_task(b.data, b.len, 200u, tok, t.tokens_needed, &t), OSFN_OK);
    CHECK_STR(t.extend_info, "{\"recall\":91,\"errors\":[]}");
    body_free(&b);
}

static void test_result_mapped_under_http_error(void)
{
    osfn_task_t t;
    body_t b;
    CHECK_INT(task_of(&b, "{\"message\":\"busy\",\"result\":{\"runId\":\"r7\",\"progress\":1.5}}", 500u, &t),
              OSFN_ERR_HTTP_STATUS);
    CHECK(t.has_result);
    CHECK_STR(t.run_id, "r7");
    CHECK_STR(t.envelope.message, "busy");
    body_free(&b);
}

/* ---- truncation --------------------------------------------------------------------------- */

/** True when s[from .. n) is JSON whitespace only. */
static int only_ws(const char *s, size_t from, size_t n)
{
    size_t i;
    for (i = from; i < n; i++) {
        if ((s[i] != ' ') && (s[i] != '\n') && (s[i] != '\r') && (s[i] != '\t')) {
            return 0;
        }
    }
    return 1;
}

static void test_every_truncation_fails(void)
{
    size_t f;
    size_t n = 0u;
    const fixture_t *table = fixture_table(&n);
    for (f = 0u; f < n; f++) {
        size_t full = strlen(table[f].body);
        size_t len;
        for (len = 0u; len < full; len++) {
            static osfn_json_token_t tok[TOKENS];
            osfn_param_t p[4];
            osfn_instance_t r;
            osfn_task_t t;
            char *body = dup_exact(table[f].body, len);
            int complete = only_ws(table[f].body, len, full);
            osfn_status_t st;
            memset(&r, 0, sizeof(r));
            r.create_parameters.items = p;
            r.create_parameters.capacity = 4u;
            r.usage_parameters.items = p;
            r.usage_parameters.capacity = 4u;
            st = osfn_parse_instance(body, len, 200u, tok, TOKENS, &r);
            if (!complete && (st != OSFN_ERR_JSON_MALFORMED)) {
                osfn_test_fail_str(__FILE__, __LINE__, "truncated instance body rejected", table[f].name,
                                   osfn_status_name(st));
                free(body);
                return;
            }
            free(body);
            body = dup_exact(table[f].body, len);
            st = osfn_parse_task(body, len, 503u, tok, TOKENS, &t);
            free(body);
            if (!complete && (st != OSFN_ERR_HTTP_STATUS)) {
                osfn_test_fail_str(__FILE__, __LINE__, "truncated error body rejected", table[f].name,
                                   osfn_status_name(st));
                return;
            }
        }
    }
}

/* ---- extendInfo ---------------------------------------------------------------------------- */

static void test_extend_info_valid(void)
{
    osfn_json_token_t tok[TOKENS];
    osfn_json_token_t info_tok[16];
    osfn_extend_info_t info;
    osfn_json_kind_t kind = OSFN_JSON_KIND_NULL;
    osfn_task_t t;
    int64_t v = 0;
    size_t size = 99u;
    body_t b;
    body_fixture(&b, "task_sample_camel.json");
    CHECK_INT(osfn_parse_task(b.data, b.len, 200u, tok, TOKENS, &t), OSFN_OK);
    CHECK_INT(osfn_extend_info_parse(t.extend_info, info_tok, 16u, &info), OSFN_OK);
    CHECK_INT(info.token_count, 5);
    CHECK_INT(osfn_extend_info_get_int(&info, "recall", &v), OSFN_OK);
    CHECK_INT(v, 91);
    CHECK_INT(osfn_extend_info_get_int(&info, "RECALL", &v), OSFN_OK);
    CHECK_INT(osfn_extend_info_member(&info, "errors", &kind, &size), OSFN_OK);
    CHECK_INT(kind, OSFN_JSON_KIND_ARRAY);
    CHECK_INT(size, 0); /* no errors */
    CHECK_INT(osfn_extend_info_member(&info, "recall", &kind, NULL), OSFN_OK);
    CHECK_INT(kind, OSFN_JSON_KIND_NUMBER);
    CHECK_INT(osfn_extend_info_member(&info, "dataReport", &kind, &size), OSFN_ERR_JSON_MISSING);
    CHECK_INT(osfn_extend_info_get_int(&info, "errors", &v), OSFN_ERR_JSON_TYPE);
    CHECK_INT(osfn_extend_info_get_int(&info, "nope", &v), OSFN_ERR_JSON_MISSING);
    CHECK_STR(t.extend_info, "{\"recall\":91,\"errors\":[]}"); /* untouched */
    /* too few tokens: the count is reported */
    CHECK_INT(osfn_extend_info_parse(t.extend_info, info_tok, 4u, &info), OSFN_ERR_TOO_FEW_TOKENS);
    CHECK_INT(info.token_count, 5);
    CHECK_INT(osfn_extend_info_parse(t.extend_info, NULL, 0u, &info), OSFN_ERR_TOO_FEW_TOKENS);
    CHECK_INT(info.token_count, 5);
    CHECK_INT(osfn_extend_info_get_int(&info, "recall", &v), OSFN_ERR_JSON_MISSING); /* not parsed */
    body_free(&b);
}

static void test_extend_info_strings(void)
{
    const char *text = "{\"errors\":[\"bad \\\"row\\\" 7\"],\"msg\":\"caf\\u00e9\",\"n\":null,\"d\":{\"a\":1}}";
    osfn_json_token_t tok[16];
    osfn_extend_info_t info;
    osfn_json_kind_t kind = OSFN_JSON_KIND_NULL;
    char buf[8];
    size_t n = 0u;
    int64_t v = 0;
    CHECK_INT(osfn_extend_info_parse(text, tok, 16u, &info), OSFN_OK);
    CHECK_INT(osfn_extend_info_member(&info, "errors", &kind, &n), OSFN_OK);
    CHECK_INT(kind, OSFN_JSON_KIND_ARRAY);
    CHECK_INT(n, 1);
    CHECK_INT(osfn_extend_info_get_string(&info, "msg", buf, sizeof(buf), &n), OSFN_OK);
    CHECK_STR(buf, "caf\xC3\xA9");
    CHECK_INT(n, 5);
    CHECK_INT(osfn_extend_info_get_string(&info, "msg", buf, 5u, &n), OSFN_ERR_BUFFER_TOO_SMALL);
    CHECK_INT(n, 5);
    CHECK_INT(osfn_extend_info_get_string(&info, "msg", NULL, 0u, &n), OSFN_ERR_BUFFER_TOO_SMALL);
    CHECK_INT(osfn_extend_info_get_string(&info, "d", buf, sizeof(buf), &n), OSFN_ERR_JSON_TYPE);
    CHECK_INT(osfn_extend_info_get_string(&info, "n", buf, sizeof(buf), &n), OSFN_ERR_JSON_MISSING);
    CHECK_INT(osfn_extend_info_get_int(&info, "n", &v), OSFN_ERR_JSON_MISSING);
    CHECK_INT(osfn_extend_info_member(&info, "n", &kind, &n), OSFN_OK);
    CHECK_INT(kind, OSFN_JSON_KIND_NULL);
    CHECK_INT(osfn_extend_info_member(&info, "d", &kind, &n), OSFN_OK);
    CHECK_INT(kind, OSFN_JSON_KIND_OBJECT);
    CHECK_INT(n, 1);
    CHECK_INT(osfn_extend_info_get_string(NULL, "msg", buf, sizeof(buf), &n), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_extend_info_get_string(&info, "msg", NULL, 4u, &n), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_extend_info_member(&info, NULL, &kind, &n), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_extend_info_get_int(&info, "msg", NULL), OSFN_ERR_NULL_ARG);
}

static void test_extend_info_invalid(void)
{
    osfn_json_token_t tok[TOKENS];
    osfn_json_token_t info_tok[16];
    osfn_extend_info_t info;
    osfn_task_t t;
    body_t b;
    /* The example's extendInfo is escaped twice: after one unescape it is not JSON. */
    body_fixture(&b, "task_example_pascal.json");
    CHECK_INT(osfn_parse_task(b.data, b.len, 200u, tok, TOKENS, &t), OSFN_ERR_API);
    CHECK_INT(osfn_extend_info_parse(t.extend_info, info_tok, 16u, &info), OSFN_ERR_JSON_MALFORMED);
    CHECK_STR(t.extend_info, "{\\\"recall\\\":91,\\\"errors\\\":[]}"); /* raw string still there */
    CHECK(info.json == t.extend_info);
    body_free(&b);
    CHECK_INT(osfn_extend_info_parse("", info_tok, 16u, &info), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(osfn_extend_info_parse("not json", info_tok, 16u, &info), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(osfn_extend_info_parse("{\"a\":1,}", info_tok, 16u, &info), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(osfn_extend_info_parse("[1,2]", info_tok, 16u, &info), OSFN_ERR_JSON_TYPE);
    CHECK_INT(osfn_extend_info_parse(NULL, info_tok, 16u, &info), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_extend_info_parse("{}", info_tok, 16u, NULL), OSFN_ERR_NULL_ARG);
}

/* ---- arguments ------------------------------------------------------------------------------ */

static void test_null_arguments(void)
{
    osfn_json_token_t tok[4];
    osfn_instance_t r;
    osfn_task_t t;
    CHECK_INT(osfn_parse_instance(NULL, 0u, 200u, tok, 4u, NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_parse_task(NULL, 0u, 200u, tok, 4u, NULL), OSFN_ERR_NULL_ARG);
    memset(&r, 0, sizeof(r));
    CHECK_INT(osfn_parse_instance(NULL, 5u, 200u, tok, 4u, &r), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_parse_task(NULL, 5u, 200u, tok, 4u, &t), OSFN_ERR_NULL_ARG);
    CHECK_STR(t.envelope.code, ""); /* still reset */
    CHECK_INT(osfn_parse_task(NULL, 0u, 200u, tok, 4u, &t), OSFN_ERR_JSON_MALFORMED);
    CHECK_INT(osfn_parse_task(NULL, 0u, 404u, tok, 4u, &t), OSFN_ERR_HTTP_STATUS);
}

void suite_result(void)
{
    OSFN_RUN(test_fixtures_match_files);
    OSFN_RUN(test_instance_sample_camel);
    OSFN_RUN(test_instance_sample_pascal);
    OSFN_RUN(test_task_sample_camel);
    OSFN_RUN(test_task_sample_pascal);
    OSFN_RUN(test_instance_example_pascal);
    OSFN_RUN(test_instance_example_camel);
    OSFN_RUN(test_task_example_pascal);
    OSFN_RUN(test_task_example_camel);
    OSFN_RUN(test_output_levels);
    OSFN_RUN(test_gateway_signature_error);
    OSFN_RUN(test_gateway_throttling_is_retryable);
    OSFN_RUN(test_non_json_error_bodies);
    OSFN_RUN(test_json_error_without_code);
    OSFN_RUN(test_missing_result);
    OSFN_RUN(test_params_capacity);
    OSFN_RUN(test_param_values);
    OSFN_RUN(test_integer_fields);
    OSFN_RUN(test_envelope_integer_types);
    OSFN_RUN(test_result_field_errors);
    OSFN_RUN(test_duplicate_keys_last_wins);
    OSFN_RUN(test_enums_and_generation);
    OSFN_RUN(test_enum_names);
    OSFN_RUN(test_unknown_fields_and_escapes);
    OSFN_RUN(test_body_outside_untouched);
    OSFN_RUN(test_token_count_exact_and_short);
    OSFN_RUN(test_retry_same_buffer_after_too_few_tokens);
    OSFN_RUN(test_result_mapped_under_http_error);
    OSFN_RUN(test_every_truncation_fails);
    OSFN_RUN(test_extend_info_valid);
    OSFN_RUN(test_extend_info_strings);
    OSFN_RUN(test_extend_info_invalid);
    OSFN_RUN(test_null_arguments);
}

/* ---- embedded fixtures ------------------------------------------------------------------- */
