/**
 * @file test_e2e.c
 * @brief End to end: the client, the POSIX port and mbedTLS against the emulator
 *        (tests/emulator), over real TLS on loopback. Started by run_e2e.sh, which
 *        passes the emulators' ports and CA in the environment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e_rig.h"
#include "osfn_test.h"

static rig_t s_rig;       /* test fixtures, not library state */
static rig_t s_admin_rig;

static void prepare_instance(rig_t *r, osfn_instance_t *out)
{
    memset(out, 0, sizeof(*out));
    out->create_parameters.items = r->params[0];
    out->create_parameters.capacity = 8;
    out->usage_parameters.items = r->params[1];
    out->usage_parameters.capacity = 8;
}

/* ------------------------------------------------------------ admin calls -- */

/** POST @p path with @p body to the emulator's admin API; 0 on HTTP 200. */
static int admin(uint16_t port, const char *path, const char *body)
{
    rig_t *r = &s_admin_rig;
    osfn_transport_t t;
    osfn_http_response_t resp;
    char req[512];
    int n;
    int ok = 0;
    if (rig_open(r, port, &e2e_key, OSFN_SIG_V3, 5000) != OSFN_OK ||
        osfn_posix_net_connect(&r->net, &t) != OSFN_OK) {
        rig_close(r);
        return -1;
    }
    n = snprintf(req, sizeof(req),
                 "POST %s HTTP/1.1\r\nhost: %s\r\ncontent-type: application/json\r\n"
                 "content-length: %zu\r\nconnection: close\r\n\r\n%s",
                 path, r->host, strlen(body), body);
    if (t.send(t.ctx, (const uint8_t *)req, (size_t)n) == n &&
        osfn_http_read_response(&t, osfn_posix_clock_ms, NULL, 5000, r->buffer, sizeof(r->buffer), &resp) == OSFN_OK &&
        resp.status == 200) {
        ok = 1;
    }
    rig_close(r);
    return ok ? 0 : -1;
}

/** GET the emulator's counters and return the one named @p key (or -1). */
static long long counter(uint16_t port, const char *key)
{
    rig_t *r = &s_admin_rig;
    osfn_transport_t t;
    osfn_http_response_t resp;
    osfn_extend_info_t view;
    osfn_json_token_t toks[64];
    int64_t v = -1;
    char req[256];
    int n;
    if (rig_open(r, port, &e2e_key, OSFN_SIG_V3, 5000) != OSFN_OK ||
        osfn_posix_net_connect(&r->net, &t) != OSFN_OK) {
        rig_close(r);
        return -1;
    }
    n = snprintf(req, sizeof(req), "GET /__admin/counters HTTP/1.1\r\nhost: %s\r\nconnection: close\r\n\r\n", r->host);
    if (t.send(t.ctx, (const uint8_t *)req, (size_t)n) == n &&
        osfn_http_read_response(&t, osfn_posix_clock_ms, NULL, 5000, r->buffer, sizeof(r->buffer) - 1, &resp) == OSFN_OK) {
        resp.body[resp.body_len] = '\0';
        if (osfn_extend_info_parse(resp.body, toks, 64, &view) == OSFN_OK) {
            (void)osfn_extend_info_get_int(&view, key, &v);
        }
    }
    rig_close(r);
    return (long long)v;
}

static int fault(uint16_t port, const char *mode, long arg)
{
    char body[128];
    (void)snprintf(body, sizeof(body), "{\"mode\":\"%s\",\"arg\":%ld,\"count\":1}", mode, arg);
    return admin(port, "/__admin/fault", body);
}

/* ------------------------------------------------------------------ tests -- */

/** True when @p needle occurs in the @p n bytes at @p hay. */
static int contains(const uint8_t *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    size_t i;
    for (i = 0; i + k <= n; i++) {
        if (memcmp(&hay[i], needle, k) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Both calls x both schemes x with/without STS x both casings. */
static void test_matrix(void)
{
    static const char *const casings[2] = { "{\"casing\":\"camel\"}", "{\"casing\":\"pascal\"}" };
    uint16_t port = env_port("OSFN_E2E_PORT");
    int c;
    int s;
    int k;
    for (c = 0; c < 2; c++) {
        CHECK_INT(admin(port, "/__admin/config", casings[c]), 0);
        for (s = 0; s < 2; s++) {
            for (k = 0; k < 2; k++) {
                rig_t *r = &s_rig;
                osfn_instance_t inst;
                osfn_task_t task;
                CHECK_INT(rig_open(r, port, k ? &e2e_sts : &e2e_key, s ? OSFN_SIG_ROA : OSFN_SIG_V3, 5000), OSFN_OK);
                prepare_instance(r, &inst);
                CHECK_INT(osfn_client_get_instance(&r->client, "my-app", "ctr", "ctr_test", "detail", &inst), OSFN_OK);
                CHECK_STR(inst.instance_name, "ctr_test");
                CHECK_STR(inst.description, "test");
                CHECK_INT(inst.status, OSFN_INSTANCE_STATUS_AVAILABLE);
                CHECK_INT(inst.create_time, 100010);
                CHECK_INT(inst.create_parameters.count, 1);
                CHECK_STR(inst.create_parameters.items[0].name, "param1");
                CHECK(inst.has_task);
                CHECK_INT(inst.task.dag_status, OSFN_DAG_STATUS_RUNNING);
                CHECK_INT(inst.task.progress, 30);
                CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
                CHECK_STR(task.run_id, "trigger__2021-03-05T12:18:41");
                CHECK_INT(task.status, OSFN_TASK_STATUS_SUCCESS);
                CHECK_INT(task.progress, 100);
                CHECK_INT(task.end_time, 200020);
                CHECK_STR(task.extend_info, "{\"recall\":91,\"errors\":[]}");
                CHECK_INT(r->client.stats.connects, 1);
                /* no credential is left in the caller-visible buffer after a call */
                CHECK(!contains(r->buffer, sizeof(r->buffer), e2e_sts.security_token));
                CHECK(!contains(r->buffer, sizeof(r->buffer), e2e_sts.access_key_secret));
                CHECK(!contains(r->buffer, sizeof(r->buffer), e2e_key.access_key_secret));
                rig_close(r);
            }
        }
    }
    CHECK_INT(admin(port, "/__admin/config", casings[0]), 0);
}

/* Non-ASCII and reserved characters in path parameters reach the emulator intact. */
static void test_encoded_names(void)
{
    uint16_t port = env_port("OSFN_E2E_PORT");
    rig_t *r = &s_rig;
    osfn_instance_t inst;
    CHECK_INT(rig_open(r, port, &e2e_key, OSFN_SIG_V3, 5000), OSFN_OK);
    prepare_instance(r, &inst);
    CHECK_INT(osfn_client_get_instance(&r->client, "my app", "\xe6\xa8\xa1\xe5\x9e\x8b", "a~b.c-d_e", "simple", &inst), OSFN_OK);
    CHECK_STR(inst.instance_name, "a~b.c-d_e");
    prepare_instance(r, &inst);
    CHECK_INT(osfn_client_get_instance(&r->client, "my-app", "ctr", "ctr/v2", NULL, &inst), OSFN_OK);
    CHECK_STR(inst.instance_name, "ctr/v2");
    rig_close(r);
}

static void test_api_errors(void)
{
    uint16_t port = env_port("OSFN_E2E_PORT");
    rig_t *r = &s_rig;
    osfn_instance_t inst;
    osfn_task_t task;
    osfn_credentials_t wrong = e2e_key;
    CHECK_INT(rig_open(r, port, &e2e_key, OSFN_SIG_V3, 5000), OSFN_OK);
    prepare_instance(r, &inst);
    CHECK_INT(osfn_client_get_instance(&r->client, "my-app", "ctr", "nope", NULL, &inst), OSFN_ERR_API);
    CHECK_STR(inst.envelope.code, "Instance.NotExist");
    CHECK(inst.envelope.request_id[0] != '\0');
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "99", &task), OSFN_ERR_API);
    CHECK_STR(task.envelope.code, "Task.NotExist");
    CHECK_INT(r->client.stats.connects, 1); /* errors with a complete response keep the connection */
    rig_close(r);

    wrong.access_key_secret = "not-the-secret";
    CHECK_INT(rig_open(r, port, &wrong, OSFN_SIG_V3, 5000), OSFN_OK);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_ERR_API);
    CHECK_STR(task.envelope.code, "SignatureDoesNotMatch");
    CHECK_INT(task.envelope.http_status, 400);
    rig_close(r);
    wrong = e2e_key;
    wrong.access_key_id = "LTAI5tUnknownKeyId";
    CHECK_INT(rig_open(r, port, &wrong, OSFN_SIG_ROA, 5000), OSFN_OK);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_ERR_API);
    CHECK_STR(task.envelope.code, "InvalidAccessKeyId.NotFound");
    rig_close(r);
}

/* 100 calls on one client: one connection, one full handshake. */
static void test_keep_alive_100(void)
{
    uint16_t port = env_port("OSFN_E2E_PORT");
    rig_t *r = &s_rig;
    osfn_task_t task;
    int i;
    CHECK_INT(admin(port, "/__admin/reset", "{}"), 0);
    CHECK_INT(rig_open(r, port, &e2e_key, OSFN_SIG_V3, 5000), OSFN_OK);
    for (i = 0; i < 100; i++) {
        CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
    }
    CHECK_INT(r->client.stats.connects, 1);
    CHECK_INT(r->client.stats.requests, 100);
    rig_close(r);
    /* the admin calls themselves each add one connection and handshake; count before them */
    CHECK_INT(counter(port, "requests"), 100);
    CHECK_INT(counter(port, "fullHandshakes"), 3); /* the client, and each counter call (fresh TLS config) */
    CHECK_INT(counter(port, "resumedHandshakes"), 0);
}

/* The server closes the idle connection; the next call reconnects, resumes TLS, and succeeds. */
static void test_idle_close_reconnects_with_resumption(void)
{
    uint16_t port = env_port("OSFN_E2E_PORT");
    rig_t *r = &s_rig;
    osfn_task_t task;
    long long resumed_before;
    CHECK_INT(rig_open(r, port, &e2e_key, OSFN_SIG_V3, 5000), OSFN_OK);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
    CHECK_INT(admin(port, "/__admin/close-idle", "{}"), 0);
    resumed_before = counter(port, "resumedHandshakes");
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
    CHECK_INT(r->client.stats.connects, 2);
    CHECK_INT(r->client.stats.reconnects, 1);
    CHECK_INT(counter(port, "resumedHandshakes"), resumed_before + 1);
    rig_close(r);
}

typedef struct {
    const char *mode;
    long arg;
    osfn_status_t want;
    uint16_t http; /* expected HTTP status when a response arrived, 0 otherwise */
    int fresh;     /* 1: close the kept-alive connection first, so the fault hits a new one */
} fault_case_t;

/* Each fault gives its own status within the deadline, and the next call on the same client works. */
static void test_faults(void)
{
    static const fault_case_t cases[] = {
        { "truncate", 60, OSFN_ERR_SHORT_READ, 0, 0 },
        { "reset", 0, OSFN_ERR_CONN_RESET, 0, 1 },
        { "reset", 0, OSFN_OK, 200, 0 }, /* on a reused connection: looks stale, resent once */
        { "drip", 2, OSFN_OK, 200, 0 },
        { "drip", 20, OSFN_ERR_TIMEOUT, 0, 0 }, /* bytes keep coming, but too slowly */
        { "stall", 4, OSFN_ERR_TIMEOUT, 0, 0 },
        { "chunked-ext", 0, OSFN_OK, 200, 0 },
        { "close-delimited", 0, OSFN_OK, 200, 0 },
        { "oversize", 100000, OSFN_ERR_RESPONSE_TOO_LARGE, 0, 0 },
        { "status500", 0, OSFN_ERR_API, 500, 0 },
        { "status503", 0, OSFN_ERR_API, 503, 0 },
        { "status429", 2, OSFN_ERR_API, 429, 0 },
        { "html", 0, OSFN_ERR_HTTP_STATUS, 502, 0 },
        { "empty-error", 0, OSFN_ERR_HTTP_STATUS, 503, 0 },
        { "connection-close", 0, OSFN_OK, 200, 0 },
        { "interim", 0, OSFN_OK, 200, 0 },
        { "http10", 0, OSFN_OK, 200, 0 },
    };
    uint16_t port = env_port("OSFN_E2E_PORT");
    rig_t *r = &s_rig;
    size_t i;
    CHECK_INT(rig_open(r, port, &e2e_key, OSFN_SIG_V3, 1500), OSFN_OK);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const fault_case_t *fc = &cases[i];
        osfn_task_t task;
        uint32_t t0;
        uint32_t took;
        osfn_status_t st;
        uint32_t reconnects = r->client.stats.reconnects;
        CHECK_INT(fault(port, fc->mode, fc->arg), 0);
        if (fc->fresh) {
            osfn_client_close(&r->client);
        }
        t0 = osfn_posix_clock_ms(NULL);
        st = osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task);
        took = osfn_posix_clock_ms(NULL) - t0;
        if (st != fc->want) {
            printf("  fault %s: %s, want %s\n", fc->mode, osfn_status_name(st), osfn_status_name(fc->want));
        }
        CHECK_INT(st, fc->want);
        CHECK(took < 1500 + 500); /* within the deadline (plus scheduling slack) */
        if (fc->http != 0) {
            CHECK_INT(r->client.http.status, fc->http);
        }
        if ((fc->want == OSFN_OK) && (strcmp(fc->mode, "reset") == 0)) {
            CHECK_INT(r->client.stats.reconnects, reconnects + 1);
        }
        if (fc->want == OSFN_OK) {
            CHECK_STR(task.run_id, "trigger__2021-03-05T12:18:41");
        }
        if (fc->want == OSFN_ERR_API) {
            CHECK(task.envelope.retryable == (fc->http != 500));
        }
        if (strcmp(fc->mode, "status429") == 0) {
            CHECK_INT(r->client.http.retry_after, 2);
        }
        if (strcmp(fc->mode, "oversize") == 0) {
            CHECK(r->client.http.needed > 100000);
        }
        /* the next call on the same client succeeds */
        CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
        CHECK_INT(task.progress, 100);
    }
    rig_close(r);
}

/* Untrusted CA, wrong host name, expired certificate: TLS error, and no request reaches the server. */
static void test_bad_certificates(void)
{
    static const char *const ports[3] = { "OSFN_E2E_PORT_OTHER_CA", "OSFN_E2E_PORT_WRONG_HOST", "OSFN_E2E_PORT_EXPIRED" };
    int i;
    for (i = 0; i < 3; i++) {
        uint16_t port = env_port(ports[i]);
        rig_t *r = &s_rig;
        osfn_task_t task;
        CHECK(port != 0);
        CHECK_INT(rig_open(r, port, &e2e_key, OSFN_SIG_V3, 5000), OSFN_OK);
        CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_ERR_TLS_CERT);
        CHECK_INT(r->client.stats.requests, 0);
        CHECK(!r->client.connected);
        rig_close(r);
    }
}

/* ------------------------------------------------------ retries and skew -- */

static uint32_t s_sleeps[16]; /* delays the client asked for, in ms */
static size_t s_sleep_count;
static int64_t s_clock_shift; /* seconds added to the real clock: a device with a wrong RTC */

static void record_sleep(void *ctx, uint32_t ms)
{
    (void)ctx;
    if (s_sleep_count < 16) {
        s_sleeps[s_sleep_count] = ms;
    }
    s_sleep_count++;
    osfn_posix_sleep(NULL, ms > 50 ? 50 : ms); /* the server does not care how long we wait */
}

static int64_t shifted_epoch(void *ctx)
{
    (void)ctx;
    return osfn_posix_epoch(NULL) + s_clock_shift;
}

static osfn_status_t rig_open_retrying(rig_t *r, uint16_t port)
{
    osfn_status_t st = rig_open(r, port, &e2e_key, OSFN_SIG_V3, 1500);
    r->client.cfg.sleep = record_sleep;
    r->client.cfg.epoch = shifted_epoch;
    s_sleep_count = 0;
    return st;
}

static int fault_n(uint16_t port, const char *mode, long arg, int count)
{
    char body[128];
    (void)snprintf(body, sizeof(body), "{\"mode\":\"%s\",\"arg\":%ld,\"count\":%d}", mode, arg, count);
    return admin(port, "/__admin/fault", body);
}

/* Retried: 503, 429 (honouring Retry-After), a truncated response; each attempt signed anew. */
static void test_retries(void)
{
    uint16_t port = env_port("OSFN_E2E_PORT");
    rig_t *r = &s_rig;
    osfn_task_t task;
    s_clock_shift = 0;
    CHECK_INT(rig_open_retrying(r, port), OSFN_OK);

    CHECK_INT(fault_n(port, "status503", 0, 2), 0);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&r->client)->attempts, 3);
    CHECK_INT(osfn_client_last_call(&r->client)->last_error, OSFN_ERR_API);
    CHECK_INT(s_sleep_count, 2);
    CHECK(s_sleeps[0] <= 200 && s_sleeps[1] <= 400); /* full jitter under base * 2^n */

    s_sleep_count = 0;
    CHECK_INT(fault_n(port, "status429", 1, 1), 0);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&r->client)->attempts, 2);
    CHECK_INT(s_sleep_count, 1);
    CHECK(s_sleeps[0] >= 1000); /* Retry-After: 1 */

    s_sleep_count = 0;
    CHECK_INT(fault_n(port, "truncate", 40, 1), 0);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&r->client)->attempts, 2);
    CHECK_INT(osfn_client_last_call(&r->client)->last_error, OSFN_ERR_SHORT_READ);

    /* three failures exhaust three attempts: the last error is reported */
    s_sleep_count = 0;
    CHECK_INT(fault_n(port, "status500", 0, 3), 0);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&r->client)->attempts, 3);
    CHECK_INT(task.envelope.http_status, 500);
    rig_close(r);
}

/* Never retried: signature, unknown key, NotExist, oversize. */
static void test_not_retried(void)
{
    uint16_t port = env_port("OSFN_E2E_PORT");
    rig_t *r = &s_rig;
    osfn_task_t task;
    osfn_credentials_t wrong = e2e_key;
    s_clock_shift = 0;
    CHECK_INT(rig_open_retrying(r, port), OSFN_OK);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "99", &task), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&r->client)->attempts, 1);
    CHECK_INT(fault_n(port, "oversize", 100000, 1), 0);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_ERR_RESPONSE_TOO_LARGE);
    CHECK_INT(osfn_client_last_call(&r->client)->attempts, 1);
    CHECK_INT(s_sleep_count, 0);
    rig_close(r);
    wrong.access_key_secret = "wrong";
    CHECK_INT(rig_open(r, port, &wrong, OSFN_SIG_V3, 1500), OSFN_OK);
    r->client.cfg.sleep = record_sleep;
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_ERR_API);
    CHECK_STR(task.envelope.code, "SignatureDoesNotMatch");
    CHECK_INT(osfn_client_last_call(&r->client)->attempts, 1);
    rig_close(r);
}

/* The total deadline ends the retries even with attempts left. */
static void test_retry_deadline(void)
{
    uint16_t port = env_port("OSFN_E2E_PORT");
    rig_t *r = &s_rig;
    osfn_task_t task;
    s_clock_shift = 0;
    CHECK_INT(rig_open_retrying(r, port), OSFN_OK);
    r->client.cfg.retry.max_attempts = 10;
    r->client.cfg.retry.total_deadline_ms = 1500;
    CHECK_INT(fault_n(port, "status429", 3, 2), 0); /* Retry-After 3 s > the deadline */
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_ERR_API);
    CHECK_INT(osfn_client_last_call(&r->client)->attempts, 1);
    CHECK_INT(s_sleep_count, 0);
    CHECK_INT(admin(port, "/__admin/reset", "{}"), 0);
    rig_close(r);
}

/* A device clock at 1970, and one 2 hours fast: the second attempt succeeds, and every later call at once. */
static void test_clock_skew(void)
{
    static const int64_t shifts[2] = { 0, 7200 };
    uint16_t port = env_port("OSFN_E2E_PORT");
    int i;
    for (i = 0; i < 2; i++) {
        rig_t *r = &s_rig;
        osfn_task_t task;
        int64_t offset;
        int k;
        s_clock_shift = (i == 0) ? (1000 - osfn_posix_epoch(NULL)) : shifts[1]; /* 1970-01-01T00:16:40Z */
        CHECK_INT(rig_open_retrying(r, port), OSFN_OK);
        CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
        CHECK_INT(osfn_client_last_call(&r->client)->attempts, 2);
        offset = osfn_client_time_offset(&r->client);
        CHECK(offset > -s_clock_shift - 5 && offset < -s_clock_shift + 5);
        for (k = 0; k < 3; k++) {
            CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
            CHECK_INT(osfn_client_last_call(&r->client)->attempts, 1);
        }
        rig_close(r);
        /* a saved offset works from the first call of a new client (after a reboot) */
        CHECK_INT(rig_open_retrying(r, port), OSFN_OK);
        osfn_client_set_time_offset(&r->client, offset);
        CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
        CHECK_INT(osfn_client_last_call(&r->client)->attempts, 1);
        rig_close(r);
    }
    s_clock_shift = 0;
}

/* ------------------------------------------------------ path injection -- */

typedef struct {
    const char *value;  /* the instance name the caller passes */
    const char *echo;   /* what the emulator must have decoded, as JSON (ASCII-escaped) */
} inject_case_t;

/* Reserved, percent, quote, backslash and non-ASCII values reach the server unchanged. */
static void test_path_injection(void)
{
    static char long_value[301];
    static char long_echo[400];
    static const inject_case_t cases[] = {
        { "a/b", "[\"my-app\",\"ctr\",\"a/b\"]" },
        { "a?output=simple", "[\"my-app\",\"ctr\",\"a?output=simple\"]" },
        { "a#frag", "[\"my-app\",\"ctr\",\"a#frag\"]" },
        { "%", "[\"my-app\",\"ctr\",\"%\"]" },
        { "%2F", "[\"my-app\",\"ctr\",\"%2F\"]" },
        { "a b+c;d=e&f", "[\"my-app\",\"ctr\",\"a b+c;d=e&f\"]" },
        { "../../x", "[\"my-app\",\"ctr\",\"../../x\"]" },
        { "...", "[\"my-app\",\"ctr\",\"...\"]" },
        { "q\"uo\\te", "[\"my-app\",\"ctr\",\"q\\\"uo\\\\te\"]" },
        { "caf\xc3\xa9 \xe6\xa8\xa1\xe5\x9e\x8b", "[\"my-app\",\"ctr\",\"caf\\u00e9 \\u6a21\\u578b\"]" },
        { long_value, long_echo },
    };
    static const char *const rejected[] = { "a\rb", "a\nb", "a\tb", "\x7f", "..", "." };
    uint16_t port = env_port("OSFN_E2E_PORT");
    rig_t *r = &s_rig;
    size_t i;
    memset(long_value, 'x', 300);
    long_value[300] = '\0';
    (void)snprintf(long_echo, sizeof(long_echo), "[\"my-app\",\"ctr\",\"%s\"]", long_value);
    CHECK_INT(rig_open(r, port, &e2e_key, OSFN_SIG_V3, 5000), OSFN_OK);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        osfn_instance_t inst;
        const char *v = NULL;
        size_t n = 0;
        prepare_instance(r, &inst);
        CHECK_INT(osfn_client_get_instance(&r->client, "my-app", "ctr", cases[i].value, NULL, &inst), OSFN_ERR_API);
        CHECK_STR(inst.envelope.code, "Instance.NotExist"); /* signed and verified, then looked up */
        CHECK(osfn_http_find_header(&r->client.http, "x-emulator-path-params", &v, &n));
        if (n != strlen(cases[i].echo) || memcmp(v, cases[i].echo, n) != 0) {
            printf("  sent %s, server saw %.*s\n", cases[i].echo, (int)n, v);
        }
        CHECK_MEM(v, n, cases[i].echo);
    }
    for (i = 0; i < sizeof(rejected) / sizeof(rejected[0]); i++) {
        osfn_instance_t inst;
        uint32_t sent = r->client.stats.requests;
        prepare_instance(r, &inst);
        CHECK_INT(osfn_client_get_instance(&r->client, "my-app", "ctr", rejected[i], NULL, &inst), OSFN_ERR_BAD_CHAR);
        CHECK_INT(r->client.stats.requests, sent); /* nothing sent */
    }
    rig_close(r);
}

/* After a call, the caller-visible buffer holds no credential: the request (with the STS
 * token) is wiped once sent, even when the response is too short to overwrite it. */
static void test_no_credential_left_in_buffer(void)
{
    static char long_name[401];
    uint16_t port = env_port("OSFN_E2E_PORT");
    rig_t *r = &s_rig;
    osfn_task_t task;
    osfn_credentials_t wrong = e2e_sts;
    int scheme;
    memset(long_name, 'n', 400);
    long_name[400] = '\0'; /* pushes the token header past the end of the short response */
    wrong.access_key_id = "STS.UnknownTempKeyId"; /* answered by a short gateway error */
    for (scheme = 0; scheme < 2; scheme++) {
        CHECK_INT(rig_open(r, port, &wrong, scheme ? OSFN_SIG_ROA : OSFN_SIG_V3, 5000), OSFN_OK);
        CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", long_name, "3", &task), OSFN_ERR_API);
        CHECK_STR(task.envelope.code, "InvalidAccessKeyId.NotFound");
        CHECK(r->client.http.received < 600);
        CHECK(!contains(r->buffer, sizeof(r->buffer), e2e_sts.security_token));
        CHECK(!contains(r->buffer, sizeof(r->buffer), wrong.access_key_secret));
        rig_close(r);
    }
}

/** Read a whole file into @p buf; its length, or 0 on failure. */
static size_t read_file(const char *path, uint8_t *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    if (f == NULL) {
        return 0;
    }
    n = fread(buf, 1, cap, f);
    fclose(f);
    return (n < cap) ? n : 0;
}

/* The CA can come from memory, as PEM (with its NUL) or DER, instead of a file. */
static void test_ca_from_memory(void)
{
    static uint8_t ca[8192];
    static const char *const suffixes[2] = { ".crt", ".der" };
    uint16_t port = env_port("OSFN_E2E_PORT");
    int i;
    for (i = 0; i < 2; i++) {
        rig_t *r = &s_rig;
        osfn_task_t task;
        char path[512];
        size_t n;
        const char *crt = ca_file();
        size_t base = strlen(crt) - 4; /* strip ".crt" */
        (void)snprintf(path, sizeof(path), "%.*s%s", (int)base, crt, suffixes[i]);
        n = read_file(path, ca, sizeof(ca) - 1);
        CHECK(n > 0);
        if (i == 0) {
            ca[n++] = '\0'; /* mbedTLS wants PEM with its terminating NUL counted */
        }
        CHECK_INT(osfn_tls_config_init(&r->tls, osfn_posix_random, NULL), OSFN_OK);
        CHECK_INT(osfn_tls_config_ca_buf(&r->tls, ca, n), OSFN_OK);
        CHECK_INT(rig_attach(r, port, &e2e_key, OSFN_SIG_V3, 5000), OSFN_OK);
        CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
        CHECK_INT(task.progress, 100);
        rig_close(r);
    }
    /* garbage is refused, and a config without a CA cannot make a connection object */
    {
        rig_t *r = &s_rig;
        CHECK_INT(osfn_tls_config_init(&r->tls, osfn_posix_random, NULL), OSFN_OK);
        CHECK_INT(osfn_tls_config_ca_buf(&r->tls, (const uint8_t *)"not a certificate", 18), OSFN_ERR_TLS_CONFIG);
        CHECK_INT(osfn_tls_config_ca_file(&r->tls, "/nonexistent/ca.pem"), OSFN_ERR_TLS_CONFIG);
        CHECK_INT(osfn_posix_net_init(&r->net, &r->tls, "localhost", port), OSFN_ERR_TLS_CONFIG);
        osfn_posix_net_free(&r->net);
        osfn_tls_config_free(&r->tls);
    }
}

void suite_e2e(void)
{
    OSFN_RUN(test_matrix);
    OSFN_RUN(test_encoded_names);
    OSFN_RUN(test_path_injection);
    OSFN_RUN(test_no_credential_left_in_buffer);
    OSFN_RUN(test_api_errors);
    OSFN_RUN(test_keep_alive_100);
    OSFN_RUN(test_idle_close_reconnects_with_resumption);
    OSFN_RUN(test_faults);
    OSFN_RUN(test_bad_certificates);
    OSFN_RUN(test_ca_from_memory);
    OSFN_RUN(test_retries);
    OSFN_RUN(test_not_retried);
    OSFN_RUN(test_retry_deadline);
    OSFN_RUN(test_clock_skew);
}
