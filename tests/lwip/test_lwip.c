/**
 * @file test_lwip.c
 * @brief The client through lwIP's own TCP/IP stack (Debian's liblwip, unix
 *        port, TAP netif) + mbedTLS to the emulator, inside a network
 *        namespace. Started by run_lwip_test.sh, which creates the namespace
 *        and tap0, starts the emulator on 192.0.2.1 and passes its port and CA
 *        in the environment. No kernel socket is opened by this program: every
 *        byte goes lwip_socket -> lwIP TCP -> tapif -> tap0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/random.h>

#include "lwip/opt.h"

#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"
#include "netif/tapif.h"

#include "osfn/osfn_client.h"
#include "osfn/osfn_http.h"
#include "osfn_port_lwip.h"
#include "osfn_test.h"

#define BUF_LEN 8192u
/* Debian's liblwip0 2.1.3 allocates its PBUF_POOL pbufs with 592 bytes of room (616-byte
 * blocks: the size lwIP's default TCP_MSS 536 gives, not the 1460 of its lwipopts.h), and
 * its tapif copies a whole incoming frame into one: a 1514-byte frame overruns lwIP's heap
 * (valgrind: invalid write in pbuf_take from the tapif thread; glibc then aborts with
 * "malloc(): corrupted top size"). So tap0 gets this MTU (576 + 14 bytes of Ethernet
 * header fit), and so does lwIP's netif. */
#define OSFN_LWIP_TEST_MTU 576u
#define TOKENS 256u

static const osfn_credentials_t k_key = { "LTAI5tExampleKeyId", "ExampleSecret0123456789abcdefXY", NULL };
static const osfn_credentials_t k_sts = { "STS.ExampleTempKeyId", "ExampleTempSecret",
                                          "CAIS.ExampleSecurityToken==" };

/** One client with its port objects and buffers (statics: test fixtures, not library state). */
typedef struct {
    osfn_tls_config_t tls;
    osfn_lwip_net_t net;
    osfn_lwip_epoch_t epoch;
    osfn_client_t client;
    char host[64];
    uint8_t buffer[BUF_LEN];
    osfn_json_token_t tokens[TOKENS];
    osfn_param_t params[2][8];
} rig_t;

static rig_t s_rig;
static rig_t s_admin_rig;
static struct netif s_netif;
static const char *s_server = "192.0.2.1";

/* ------------------------------------------------------------- platform -- */

/** Host entropy for the test (a board would use its TRNG). */
static int test_random(void *ctx, uint8_t *buf, size_t len)
{
    size_t got = 0u;
    (void)ctx;
    while (got < len) {
        ssize_t n = getrandom(&buf[got], len - got, 0);
        if (n <= 0) {
            return -1;
        }
        got += (size_t)n;
    }
    return 0;
}

static uint16_t env_port(const char *name)
{
    const char *v = getenv(name);
    return (v != NULL) ? (uint16_t)atoi(v) : 0u;
}

static const char *env_or(const char *name, const char *dflt)
{
    const char *v = getenv(name);
    return ((v != NULL) && (v[0] != '\0')) ? v : dflt;
}

/* ------------------------------------------------------------------ rig -- */

/** Set up @p r for @p address:@p port, checking the certificate against @p name. */
static osfn_status_t rig_open(rig_t *r, const char *address, const char *name, uint16_t port,
                              const osfn_credentials_t *creds, osfn_sig_t scheme, uint32_t timeout_ms)
{
    osfn_client_config_t cfg;
    osfn_status_t st;
    (void)snprintf(r->host, sizeof(r->host), "%s:%u", name, (unsigned)port);
    st = osfn_tls_config_init(&r->tls, test_random, NULL);
    if (st == OSFN_OK) {
        st = osfn_tls_config_ca_file(&r->tls, env_or("OSFN_LWIP_CA", "missing-ca.pem"));
    }
    if (st == OSFN_OK) {
        st = osfn_lwip_net_init(&r->net, &r->tls, address, name, port);
    }
    if (st != OSFN_OK) {
        return st;
    }
    r->net.ep.connect_timeout_ms = timeout_ms;
    r->net.ep.handshake_timeout_ms = timeout_ms;
    osfn_lwip_epoch_set(&r->epoch, (int64_t)time(NULL));
    memset(&cfg, 0, sizeof(cfg));
    cfg.host = r->host;
    cfg.credentials = *creds;
    cfg.scheme = scheme;
    osfn_lwip_net_connector(&cfg.connector, &r->net);
    cfg.clock = osfn_lwip_clock_ms;
    cfg.epoch = osfn_lwip_epoch;
    cfg.random = test_random;
    cfg.platform_ctx = &r->epoch;
    cfg.sleep = osfn_lwip_sleep;
    cfg.retry.max_attempts = 1u;
    cfg.buffer = r->buffer;
    cfg.buffer_len = sizeof(r->buffer);
    cfg.tokens = r->tokens;
    cfg.token_count = TOKENS;
    cfg.response_timeout_ms = timeout_ms;
    return osfn_client_init(&r->client, &cfg);
}

static void rig_close(rig_t *r)
{
    osfn_client_close(&r->client);
    osfn_lwip_net_free(&r->net);
    osfn_tls_config_free(&r->tls);
}

static void prepare_instance(rig_t *r, osfn_instance_t *out)
{
    memset(out, 0, sizeof(*out));
    out->create_parameters.items = r->params[0];
    out->create_parameters.capacity = 8;
    out->usage_parameters.items = r->params[1];
    out->usage_parameters.capacity = 8;
}

/* ------------------------------------------------- emulator admin via lwIP -- */

/** Send one admin request through lwIP + TLS; the response lands in s_admin_rig.buffer. */
static int admin(const char *method, const char *path, const char *body, osfn_http_response_t *resp)
{
    rig_t *r = &s_admin_rig;
    uint16_t port = env_port("OSFN_LWIP_PORT");
    osfn_transport_t t;
    char req[512];
    int n;
    int ok = 0;
    if ((rig_open(r, s_server, "localhost", port, &k_key, OSFN_SIG_V3, 5000) != OSFN_OK) ||
        (osfn_lwip_net_connect(&r->net, &t) != OSFN_OK)) {
        rig_close(r);
        return -1;
    }
    n = snprintf(req, sizeof(req),
                 "%s %s HTTP/1.1\r\nhost: %s\r\ncontent-type: application/json\r\n"
                 "content-length: %u\r\nconnection: close\r\n\r\n%s",
                 method, path, r->host, (unsigned)strlen(body), body);
    if ((t.send(t.ctx, (const uint8_t *)req, (size_t)n) == n) &&
        (osfn_http_read_response(&t, osfn_lwip_clock_ms, NULL, 5000, r->buffer, sizeof(r->buffer), resp) == OSFN_OK) &&
        (resp->status == 200)) {
        ok = 1;
    }
    rig_close(r);
    return ok ? 0 : -1;
}

/** The emulator counter @p key, or -1. */
static long long counter(const char *key)
{
    osfn_http_response_t resp;
    osfn_extend_info_t view;
    osfn_json_token_t toks[64];
    int64_t v = -1;
    if ((admin("GET", "/__admin/counters", "", &resp) == 0) &&
        (osfn_extend_info_parse(resp.body, toks, 64, &view) == OSFN_OK)) {
        (void)osfn_extend_info_get_int(&view, key, &v);
    }
    return (long long)v;
}

/* ------------------------------------------------------------------ tests -- */

/** Both calls with one scheme and credential; checks keep-alive; prints the figures. */
static void run_both_calls(osfn_sig_t scheme, const osfn_credentials_t *creds, const char *label)
{
    rig_t *r = &s_rig;
    osfn_instance_t inst;
    osfn_task_t task;
    uint32_t t0;
    uint32_t t1;
    uint32_t t2;
    CHECK_INT(rig_open(r, s_server, "localhost", env_port("OSFN_LWIP_PORT"), creds, scheme, 5000), OSFN_OK);
    prepare_instance(r, &inst);
    t0 = osfn_lwip_clock_ms(NULL);
    CHECK_INT(osfn_client_get_instance(&r->client, "my-app", "ctr", "ctr_test", "detail", &inst), OSFN_OK);
    t1 = osfn_lwip_clock_ms(NULL);
    CHECK_STR(inst.instance_name, "ctr_test");
    CHECK_STR(inst.description, "test");
    CHECK_INT(inst.status, OSFN_INSTANCE_STATUS_AVAILABLE);
    CHECK_INT(inst.create_parameters.count, 1);
    CHECK_STR(inst.create_parameters.items[0].name, "param1");
    CHECK(inst.has_task);
    CHECK_INT(inst.task.progress, 30);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
    t2 = osfn_lwip_clock_ms(NULL);
    CHECK_STR(task.run_id, "trigger__2021-03-05T12:18:41");
    CHECK_INT(task.status, OSFN_TASK_STATUS_SUCCESS);
    CHECK_INT(task.progress, 100);
    CHECK_STR(task.extend_info, "{\"recall\":91,\"errors\":[]}");
    CHECK_INT(r->client.stats.connects, 1); /* the task call reused the connection */
    CHECK_INT(r->net.ep.connects, 1);
    printf("  %s via lwIP: GetFunctionInstance(detail) %u ms (TCP + TLS handshake + call), "
           "GetFunctionTask %u ms (kept-alive), %u B sent, %u B received\n",
           label, (unsigned)(t1 - t0), (unsigned)(t2 - t1), (unsigned)r->client.stats.bytes_sent,
           (unsigned)r->client.stats.bytes_received);
    rig_close(r);
}

static void test_v3_both_calls(void)
{
    run_both_calls(OSFN_SIG_V3, &k_key, "V3");
}

static void test_roa_both_calls(void)
{
    run_both_calls(OSFN_SIG_ROA, &k_key, "ROA");
}

static void test_roa_sts_both_calls(void)
{
    run_both_calls(OSFN_SIG_ROA, &k_sts, "ROA+STS");
}

/* The server closes the idle kept-alive connection (close_notify + FIN through lwIP);
 * the next call reconnects and resumes the TLS session kept by the connector. */
static void test_stale_connection_resumes(void)
{
    rig_t *r = &s_rig;
    osfn_http_response_t resp;
    osfn_task_t task;
    long long resumed;
    CHECK_INT(rig_open(r, s_server, "localhost", env_port("OSFN_LWIP_PORT"), &k_key, OSFN_SIG_V3, 5000), OSFN_OK);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
    CHECK_INT(admin("POST", "/__admin/close-idle", "{}", &resp), 0);
    resumed = counter("resumedHandshakes");
    CHECK(resumed >= 0);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
    CHECK_INT(task.progress, 100);
    CHECK_INT(r->net.ep.connects, 2);
    CHECK_INT(counter("resumedHandshakes"), resumed + 1);
    printf("  stale keep-alive connection: reconnected %u time(s), TLS session resumed\n",
           (unsigned)r->client.stats.reconnects);
    rig_close(r);
}

/* A device without an RTC (epoch 0): the first request is refused for its time,
 * the client learns the server's clock from Date and the retry goes through. */
static void test_no_rtc_learns_time(void)
{
    rig_t *r = &s_rig;
    osfn_task_t task;
    CHECK_INT(rig_open(r, s_server, "localhost", env_port("OSFN_LWIP_PORT"), &k_key, OSFN_SIG_V3, 5000), OSFN_OK);
    osfn_lwip_epoch_set(&r->epoch, 0);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_OK);
    CHECK_INT(osfn_client_last_call(&r->client)->attempts, 2);
    CHECK(osfn_client_time_offset(&r->client) > 1600000000);
    rig_close(r);
}

/* Verifying a name the certificate does not carry fails the handshake. */
static void test_wrong_server_name(void)
{
    rig_t *r = &s_rig;
    osfn_task_t task;
    CHECK_INT(rig_open(r, s_server, "wrong-host.invalid", env_port("OSFN_LWIP_PORT"), &k_key, OSFN_SIG_V3, 5000),
              OSFN_OK);
    CHECK_INT(osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task), OSFN_ERR_TLS_CERT);
    rig_close(r);
}

/* A closed port answers RST: a quick OSFN_ERR_CONNECT. */
static void test_connect_refused(void)
{
    osfn_lwip_tcp_t tcp;
    uint32_t t0 = osfn_lwip_clock_ms(NULL);
    osfn_lwip_tcp_init(&tcp);
    CHECK_INT(osfn_lwip_tcp_connect(&tcp, s_server, 1u, 3000u), OSFN_ERR_CONNECT);
    CHECK((uint32_t)(osfn_lwip_clock_ms(NULL) - t0) < 2000u);
    CHECK_INT(tcp.fd, -1);
}

/* Nobody at 192.0.2.3 (ARP unanswered): the connect deadline holds. */
static void test_connect_deadline(void)
{
    osfn_lwip_tcp_t tcp;
    uint32_t t0 = osfn_lwip_clock_ms(NULL);
    uint32_t spent;
    osfn_lwip_tcp_init(&tcp);
    CHECK_INT(osfn_lwip_tcp_connect(&tcp, "192.0.2.3", 443u, 700u), OSFN_ERR_TIMEOUT);
    spent = (uint32_t)(osfn_lwip_clock_ms(NULL) - t0);
    CHECK(spent >= 700u);
    CHECK(spent < 1500u);
    CHECK_INT(tcp.fd, -1);
    printf("  connect deadline 700 ms: returned after %u ms\n", (unsigned)spent);
}

/* A name, not an address: OSFN_ERR_DNS when the stack has no DNS. */
static void test_name_without_dns(void)
{
#if !LWIP_DNS
    osfn_lwip_tcp_t tcp;
    osfn_lwip_tcp_init(&tcp);
    CHECK_INT(osfn_lwip_tcp_connect(&tcp, "opensearch.cn-hangzhou.aliyuncs.com", 443u, 1000u), OSFN_ERR_DNS);
#endif
}

/* recv on a quiet connection returns 0 after about OSFN_LWIP_POLL_MS; FIN gives EOF. */
static void test_recv_poll_and_eof(void)
{
    osfn_lwip_tcp_t tcp;
    osfn_transport_t t;
    uint8_t b[64];
    const char req[] = "GET / HTTP/1.0\r\n\r\n"; /* not TLS: the server drops us */
    uint32_t t0;
    uint32_t spent;
    int32_t n = 0;
    int i;
    osfn_lwip_tcp_init(&tcp);
    CHECK_INT(osfn_lwip_tcp_connect(&tcp, s_server, env_port("OSFN_LWIP_PORT"), 3000u), OSFN_OK);
    osfn_lwip_tcp_transport(&t, &tcp);
    t0 = osfn_lwip_clock_ms(NULL);
    CHECK_INT(t.recv(t.ctx, b, sizeof(b)), 0);
    spent = (uint32_t)(osfn_lwip_clock_ms(NULL) - t0);
    CHECK(spent >= (OSFN_LWIP_POLL_MS / 2u));
    CHECK(spent < 1000u);
    CHECK_INT(t.send(t.ctx, (const uint8_t *)req, sizeof(req) - 1u), (int32_t)(sizeof(req) - 1u));
    for (i = 0; i < 100; i++) { /* bounded: 100 polls */
        n = t.recv(t.ctx, b, sizeof(b));
        if (n < 0) {
            break;
        }
    }
    CHECK((n == OSFN_TRANSPORT_EOF) || (n == OSFN_TRANSPORT_RESET));
    osfn_lwip_tcp_close(&tcp);
    printf("  recv poll on a quiet connection: %u ms; server's close seen as %s\n", (unsigned)spent,
           (n == OSFN_TRANSPORT_EOF) ? "EOF" : "RESET");
}

void suite_lwip(void)
{
    OSFN_RUN(test_v3_both_calls);
    OSFN_RUN(test_roa_both_calls);
    OSFN_RUN(test_roa_sts_both_calls);
    OSFN_RUN(test_stale_connection_resumes);
    OSFN_RUN(test_no_rtc_learns_time);
    OSFN_RUN(test_wrong_server_name);
    OSFN_RUN(test_connect_refused);
    OSFN_RUN(test_connect_deadline);
    OSFN_RUN(test_name_without_dns);
    OSFN_RUN(test_recv_poll_and_eof);
}

/* ------------------------------------------------------------ lwIP start -- */

static void tcpip_ready(void *arg)
{
    sys_sem_signal((sys_sem_t *)arg);
}

/** Start lwIP's thread and bring up the TAP netif with @p addr/24; 0 on success. */
static int start_lwip(const char *addr)
{
    sys_sem_t ready;
    ip4_addr_t ip;
    ip4_addr_t mask;
    ip4_addr_t gw;
    struct netif *added;
    if ((ip4addr_aton(addr, &ip) == 0) || (sys_sem_new(&ready, 0) != ERR_OK)) {
        return -1;
    }
    tcpip_init(tcpip_ready, &ready);
    if (sys_arch_sem_wait(&ready, 5000) == SYS_ARCH_TIMEOUT) {
        return -1;
    }
    sys_sem_free(&ready);
    IP4_ADDR(&mask, 255, 255, 255, 0);
    ip4_addr_set_zero(&gw);
    LOCK_TCPIP_CORE();
    added = netif_add(&s_netif, &ip, &mask, &gw, NULL, tapif_init, tcpip_input);
    if (added != NULL) {
        s_netif.mtu = OSFN_LWIP_TEST_MTU; /* see OSFN_LWIP_TEST_MTU */
        netif_set_default(&s_netif);
        netif_set_up(&s_netif);
        netif_set_link_up(&s_netif);
    }
    UNLOCK_TCPIP_CORE();
    return (added != NULL) ? 0 : -1;
}

int osfn_test_main(const char *only);

int main(void)
{
    const char *addr = env_or("OSFN_LWIP_ADDR", "192.0.2.2");
    s_server = env_or("OSFN_LWIP_SERVER", "192.0.2.1");
    setvbuf(stdout, NULL, _IONBF, 0);
    if (env_port("OSFN_LWIP_PORT") == 0u) {
        printf("OSFN_LWIP_PORT not set: run tests/lwip/run_lwip_test.sh\n");
        return 2;
    }
    if (start_lwip(addr) != 0) {
        printf("lwIP did not start (tap0 missing? PRECONFIGURED_TAPIF=%s)\n", env_or("PRECONFIGURED_TAPIF", "(unset)"));
        return 2;
    }
    printf("lwIP %s up on %s (tap %s), server %s\n", LWIP_VERSION_STRING, addr,
           env_or("PRECONFIGURED_TAPIF", "tap0"), s_server);
    return osfn_test_main(NULL);
}
