/**
 * @file main.c
 * @brief The library's unit tests inside Zephyr: each suite of tests/unit on its
 *        own freshly painted thread (its stack peak printed), then the Zephyr
 *        port's clock, sleep, wall clock and random bytes, then one line
 *        `N passed, N failed`. With OSFN_TEST_SEMIHOST_EXIT the status (0 pass,
 *        1 fail, 3 fatal error) ends QEMU through Arm semihosting.
 */
#if defined(__has_include)
#if __has_include(<zephyr/kernel.h>)
#include <zephyr/kernel.h>
#include <zephyr/fatal.h>
#include <zephyr/version.h>
#define OSFN_TEST_ZEPHYR3 1
#endif
#endif
#if !defined(OSFN_TEST_ZEPHYR3)
#include <zephyr.h>
#include <fatal.h>
#include <version.h>
#endif

#include <stdio.h>
#include <string.h>

#include "osfn/osfn_client.h"
#include "osfn_port_zephyr.h"
#include "osfn_rtos_harness.h"
#include "osfn_rtos_select.h" /* this image's suites (see CMakeLists.txt) */

#ifndef OSFN_TEST_PORT_SUITE
#define OSFN_TEST_PORT_SUITE 1
#endif

#ifndef OSFN_TEST_SUITE_STACK
#define OSFN_TEST_SUITE_STACK 8192
#endif
#define SUITE_PRIORITY 5

K_THREAD_STACK_DEFINE(s_suite_stack, OSFN_TEST_SUITE_STACK);
static struct k_thread s_suite_thread;

/* What the suite thread hands back. */
static unsigned s_tests_run;
static size_t s_unused;
static int s_stack_rc;

/* ---- semihosting exit ------------------------------------------------------ */

static void finish(int status)
{
#if defined(OSFN_TEST_SEMIHOST_EXIT)
    /* SYS_EXIT_EXTENDED (0x20) with ADP_Stopped_ApplicationExit and the status. */
    static volatile uint32_t block[2];
    register uint32_t r0 __asm__("r0") = 0x20u;
    register volatile uint32_t *r1 __asm__("r1") = block;
    block[0] = 0x20026u;
    block[1] = (uint32_t)status;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
#else
    (void)status;
#endif
    for (;;) {
        k_sleep(K_FOREVER);
    }
}

/* A fault or a stack overflow in a suite: say so and stop (instead of hanging). */
void k_sys_fatal_error_handler(unsigned int reason, const z_arch_esf_t *esf)
{
    (void)esf;
    printf("\nFATAL: Zephyr fatal error %u in a suite thread (stack overflow is 2)\n", reason);
    printf("0 passed, 1 failed\n");
    finish(3);
}

/* ---- suites on fresh threads --------------------------------------------- */

static void suite_entry(void *p1, void *p2, void *p3)
{
    (void)p2;
    (void)p3;
    s_tests_run = osfn_rtos_run_suite((const osfn_rtos_suite_t *)p1);
    s_stack_rc = k_thread_stack_space_get(k_current_get(), &s_unused);
}

/* Recorded as a failed test when a suite used its whole stack (it may have overflowed). */
static void stack_exhausted(void)
{
    osfn_test_fail(__FILE__, __LINE__, "the suite used its whole stack: raise OSFN_TEST_SUITE_STACK");
}

static void run_on_fresh_stack(const osfn_rtos_suite_t *suite)
{
    k_tid_t tid = k_thread_create(&s_suite_thread, s_suite_stack,
                                  K_THREAD_STACK_SIZEOF(s_suite_stack), suite_entry,
                                  (void *)suite, NULL, NULL, SUITE_PRIORITY, 0, K_NO_WAIT);
    (void)k_thread_join(tid, K_FOREVER);
    if (s_stack_rc == 0) {
        printf("suite %-12s %u tests, stack peak %u of %u bytes\n", suite->name, s_tests_run,
               (unsigned)(K_THREAD_STACK_SIZEOF(s_suite_stack) - s_unused),
               (unsigned)K_THREAD_STACK_SIZEOF(s_suite_stack));
        if (s_unused == 0u) {
            osfn_test_run(suite->name, stack_exhausted);
        }
    } else {
        printf("suite %-12s %u tests, stack peak unknown (%d)\n", suite->name, s_tests_run,
               s_stack_rc);
    }
}

/* ---- the Zephyr port itself ---------------------------------------------- */

#if OSFN_TEST_PORT_SUITE
static void test_zephyr_clock_and_sleep(void)
{
    uint32_t t0 = osfn_zephyr_clock_ms(NULL);
    uint32_t t1;
    osfn_zephyr_sleep(NULL, 50u);
    t1 = osfn_zephyr_clock_ms(NULL);
    CHECK((uint32_t)(t1 - t0) >= 50u);
    /* Upper bound catches a unit mix-up (50 s), not speed: QEMU's clock jumps under host load. */
    CHECK((uint32_t)(t1 - t0) < 10000u);
}

static void test_zephyr_epoch(void)
{
    osfn_zephyr_epoch_t e;
    int64_t now;
    osfn_zephyr_epoch_set(&e, 1700000000);
    CHECK_INT(osfn_zephyr_epoch(&e), 1700000000);
    osfn_zephyr_sleep(NULL, 1010u);
    now = osfn_zephyr_epoch(&e);
    CHECK(now >= 1700000001);
    CHECK(now <= 1700000011); /* a unit mix-up would give 1700001010; QEMU under load may lag */
    CHECK(osfn_zephyr_epoch(NULL) >= 1); /* seconds since boot */
}

static void test_zephyr_random(void)
{
    uint8_t a[16];
    uint8_t b[16];
    (void)memset(a, 0, sizeof(a));
    (void)memset(b, 0, sizeof(b));
    CHECK_INT(osfn_zephyr_random(NULL, a, sizeof(a)), 0);
    CHECK_INT(osfn_zephyr_random(NULL, b, sizeof(b)), 0);
    CHECK(memcmp(a, b, sizeof(a)) != 0);
    CHECK_INT(osfn_zephyr_random(NULL, NULL, 4u), -1);
}

#if defined(CONFIG_OSFN_ZEPHYR_NET)
/* The sockets transport and the connector, without a peer (QEMU's -net none). */
static osfn_tls_config_t s_tls_cfg;
static osfn_zephyr_net_t s_net;

static void test_zephyr_transport_closed(void)
{
    osfn_zephyr_tcp_t tcp;
    osfn_transport_t t;
    uint8_t b[4] = {0};
    osfn_zephyr_tcp_init(&tcp);
    osfn_zephyr_tcp_transport(&t, &tcp);
    CHECK_INT(t.send(t.ctx, b, sizeof(b)), OSFN_TRANSPORT_ERROR);
    CHECK_INT(t.recv(t.ctx, b, sizeof(b)), OSFN_TRANSPORT_ERROR);
    osfn_zephyr_tcp_close(&tcp); /* closing a closed connection is a no-op */
    CHECK_INT(tcp.fd, -1);
    CHECK_INT(osfn_zephyr_tcp_connect(&tcp, NULL, 443u, 1000u), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_zephyr_tcp_connect(&tcp, "not-an-address", 443u, 1000u), OSFN_ERR_DNS); /* no DNS here */
}

static void test_zephyr_tls_needs_ca(void)
{
    CHECK_INT(osfn_tls_config_init(&s_tls_cfg, osfn_zephyr_random, NULL), OSFN_OK);
    /* No CA loaded: the connector refuses to exist rather than skip verification. */
    CHECK_INT(osfn_zephyr_net_init(&s_net, &s_tls_cfg, "192.0.2.1", "opensearch.cn-hangzhou.aliyuncs.com",
                                   443u),
              OSFN_ERR_TLS_CONFIG);
    osfn_tls_config_free(&s_tls_cfg);
}

static void test_zephyr_tcp_no_peer(void)
{
    osfn_zephyr_tcp_t tcp;
    uint32_t t0 = osfn_zephyr_clock_ms(NULL);
    osfn_status_t st;
    osfn_zephyr_tcp_init(&tcp);
    st = osfn_zephyr_tcp_connect(&tcp, "192.0.2.1", 9u, 1000u);
    CHECK((st == OSFN_ERR_TIMEOUT) || (st == OSFN_ERR_CONNECT));
    CHECK_INT(tcp.fd, -1);
    /* Zephyr 2.7 bounds a connect with CONFIG_NET_SOCKETS_CONNECT_TIMEOUT (3 s here). */
    CHECK((uint32_t)(osfn_zephyr_clock_ms(NULL) - t0) < 10000u);
}
#endif /* CONFIG_OSFN_ZEPHYR_NET */

#if defined(OSFN_TEST_LIVE)
/* Both calls through Zephyr's TCP/IP stack (Stellaris Ethernet, a TAP device on the host)
 * and osfn's TLS on the Zephyr mbedTLS module, to the emulator at OSFN_TEST_LIVE_ADDR
 * (run_zephyr_tests.sh starts it in a network namespace; the select header carries its
 * address, port, CA and the fixtures' key). The device clock starts at 1970: the first
 * call is refused for its time and retried at once with the server's (clock skew). */
#include <mbedtls/memory_buffer_alloc.h>

static osfn_tls_config_t s_live_tls;
static osfn_zephyr_net_t s_live_net;
static osfn_client_t s_live_client;
static uint8_t s_live_buf[4096];
static osfn_json_token_t s_live_tok[96];
static osfn_param_t s_live_params[4];
static osfn_instance_t s_live_instance;
static osfn_task_t s_live_task;

/* cfg.log: one short line per client event, with the uptime; a failed connect also shows
 * where it failed: "tcp" (no connection was counted: the TCP connect itself) with the socket
 * errno, or the TLS handshake's mbedTLS code, the lower transport's value and errno. */
static void live_log(void *ctx, osfn_log_event_t event, int64_t a, int64_t b)
{
    static const char *const k_names[] = {"connect", "connect-fail", "response", "stale",
                                          "retry",   "skew",         "give-up"};
    static uint32_t s_connects_seen;
    const osfn_zephyr_net_t *net = (const osfn_zephyr_net_t *)ctx;
    unsigned e = (unsigned)event;
    printf("live: %u ms %s ", (unsigned)osfn_zephyr_clock_ms(NULL),
           (e < (sizeof(k_names) / sizeof(k_names[0]))) ? k_names[e] : "?");
    if ((event == OSFN_LOG_CONNECT_FAIL) || (event == OSFN_LOG_RETRY) || (event == OSFN_LOG_GIVE_UP)) {
        printf("%s %lld", osfn_status_name((osfn_status_t)a), (long long)b); /* a is a status */
    } else {
        printf("%lld %lld", (long long)a, (long long)b);
    }
    if (event == OSFN_LOG_CONNECT_FAIL) {
        if (net->ep.connects == s_connects_seen) {
            printf(" (tcp errno %d)", net->tcp.last_errno);
        } else {
            printf(" (tls -0x%04x lower %d errno %d)", (unsigned)-net->ep.tls.last_error,
                   (int)net->ep.tls.lower_error, net->tcp.last_errno);
        }
    }
    s_connects_seen = net->ep.connects;
    printf("\n");
}

static void test_zephyr_live_calls(void)
{
    static const char k_ca[] = OSFN_TEST_LIVE_CA;
    osfn_client_config_t cfg;
    osfn_status_t st;
    uint32_t t0;
    (void)memset(&cfg, 0, sizeof(cfg));
    CHECK_INT(osfn_tls_config_init(&s_live_tls, osfn_zephyr_random, NULL), OSFN_OK);
    CHECK_INT(osfn_tls_config_ca_buf(&s_live_tls, (const uint8_t *)k_ca, sizeof(k_ca)), OSFN_OK);
    CHECK_INT(osfn_zephyr_net_init(&s_live_net, &s_live_tls, OSFN_TEST_LIVE_ADDR, OSFN_TEST_LIVE_HOST,
                                   OSFN_TEST_LIVE_PORT),
              OSFN_OK);
    cfg.host = OSFN_TEST_LIVE_HOST;
    cfg.credentials.access_key_id = OSFN_TEST_LIVE_KEY_ID;
    cfg.credentials.access_key_secret = OSFN_TEST_LIVE_KEY_SECRET;
    cfg.scheme = OSFN_SIG_V3;
    osfn_zephyr_net_connector(&cfg.connector, &s_live_net);
    cfg.clock = osfn_zephyr_clock_ms;
    cfg.epoch = osfn_zephyr_epoch;
    cfg.random = osfn_zephyr_random;
    cfg.sleep = osfn_zephyr_sleep;
    cfg.buffer = s_live_buf;
    cfg.buffer_len = sizeof(s_live_buf);
    cfg.tokens = s_live_tok;
    cfg.token_count = sizeof(s_live_tok) / sizeof(s_live_tok[0]);
    /* An emulated Stellaris NIC on a loaded host is slow (docs/zephyr.md): generous deadlines,
     * so the test checks behaviour, not the host's speed. Measured with one or two busy host
     * cores (QEMU with -icount, run_zephyr_tests.sh: without it the uptime races ahead and
     * every deadline here runs out early): TCP connect + handshake up to 4.4 s (the endpoint's
     * 10 s default), one call up to 8.7 s, on a kept-alive connection too (60 s here). */
    cfg.response_timeout_ms = 60000u;
    cfg.retry.total_deadline_ms = 120000u;
    cfg.log = live_log;
    cfg.log_ctx = &s_live_net;
    CHECK_INT(osfn_client_init(&s_live_client, &cfg), OSFN_OK);

    (void)memset(&s_live_instance, 0, sizeof(s_live_instance));
    s_live_instance.create_parameters.items = s_live_params;
    s_live_instance.create_parameters.capacity = 2u;
    s_live_instance.usage_parameters.items = &s_live_params[2];
    s_live_instance.usage_parameters.capacity = 2u;
    t0 = osfn_zephyr_clock_ms(NULL);
    st = osfn_client_get_instance(&s_live_client, "my-app", "ctr", "ctr_test", "detail", &s_live_instance);
    printf("live: GetFunctionInstance %s in %u ms (%u attempts, %u connection(s)): %s %s\n",
           osfn_status_name(st), (unsigned)(osfn_zephyr_clock_ms(NULL) - t0),
           (unsigned)osfn_client_last_call(&s_live_client)->attempts, (unsigned)s_live_net.ep.connects,
           (st == OSFN_OK) ? s_live_instance.instance_name : "-",
           (st == OSFN_OK) ? s_live_instance.status_raw : "-");
    CHECK_INT(st, OSFN_OK);
    CHECK_STR(s_live_instance.status_raw, "available");

    t0 = osfn_zephyr_clock_ms(NULL);
    st = osfn_client_get_task(&s_live_client, "my-app", "ctr", "ctr_test", "3", &s_live_task);
    printf("live: GetFunctionTask %s in %u ms (%u attempts, %u connection(s)): %s %lld%%\n",
           osfn_status_name(st), (unsigned)(osfn_zephyr_clock_ms(NULL) - t0),
           (unsigned)osfn_client_last_call(&s_live_client)->attempts, (unsigned)s_live_net.ep.connects,
           (st == OSFN_OK) ? s_live_task.status_raw : "-", (long long)s_live_task.progress);
    CHECK_INT(st, OSFN_OK);
    CHECK_STR(s_live_task.status_raw, "success");
    CHECK_INT(s_live_net.ep.connects, 1); /* kept alive */
#if defined(MBEDTLS_MEMORY_DEBUG)
    {
        size_t max_used = 0u;
        size_t max_blocks = 0u;
        mbedtls_memory_buffer_alloc_max_get(&max_used, &max_blocks);
        printf("live: mbedTLS heap peak %u bytes in %u blocks (CONFIG_MBEDTLS_HEAP_SIZE %u)\n",
               (unsigned)max_used, (unsigned)max_blocks, (unsigned)CONFIG_MBEDTLS_HEAP_SIZE);
    }
#endif
    osfn_client_close(&s_live_client);
    osfn_zephyr_net_free(&s_live_net);
    osfn_tls_config_free(&s_live_tls);
}
#endif /* OSFN_TEST_LIVE */

static void suite_zephyr_port(void)
{
    OSFN_RUN(test_zephyr_clock_and_sleep);
    OSFN_RUN(test_zephyr_epoch);
    OSFN_RUN(test_zephyr_random);
#if defined(CONFIG_OSFN_ZEPHYR_NET)
    OSFN_RUN(test_zephyr_transport_closed);
    OSFN_RUN(test_zephyr_tls_needs_ca);
    OSFN_RUN(test_zephyr_tcp_no_peer);
#endif
#if defined(OSFN_TEST_LIVE)
    OSFN_RUN(test_zephyr_live_calls);
#endif
}
#endif /* OSFN_TEST_PORT_SUITE */

/* Zephyr 3.4 made main() return int; 2.7 declares void main(void). */
#if defined(OSFN_TEST_ZEPHYR3)
int main(void)
#else
void main(void)
#endif
{
#if OSFN_TEST_PORT_SUITE
    static const osfn_rtos_suite_t port_suite = {"zephyr_port", suite_zephyr_port};
#endif
    size_t i;
    int status;

    printf("osfn unit tests on Zephyr %s (%s), one thread per suite\n", KERNEL_VERSION_STRING,
           CONFIG_BOARD);
    for (i = 0u; i < osfn_rtos_suite_count; i++) {
        run_on_fresh_stack(&osfn_rtos_suites[i]);
    }
#if OSFN_TEST_PORT_SUITE
    run_on_fresh_stack(&port_suite);
#endif
    status = osfn_rtos_summary();
    finish(status);
#if defined(OSFN_TEST_ZEPHYR3)
    return status;
#endif
}
