/**
 * @file test_tls_pool.c
 * @brief osfn_tls_use_static_pool(): a whole TLS call with every mbedTLS allocation
 *        taken from the caller's array. Each suite runs in a process of its own
 *        (`osfn_e2e_tests tls_pool`, `osfn_e2e_tests tls_pool_small`, from run_e2e.sh):
 *        the pool is process-wide, must be in place before mbedTLS allocates anything,
 *        and mbedTLS keeps some global state (PSA) in it until the process ends.
 *
 * With `MBEDTLS_MEMORY_BUFFER_ALLOC_C` (the mbedTLS 3.6 build of scripts/mbedtls36.sh
 * enables it) the call succeeds from the pool, the pool's bookkeeping verifies, the
 * bytes the call used are measured, and a pool too small makes the call fail with a
 * TLS status instead of falling back to the heap. Without it (Debian's 2.28) the
 * function must refuse with ::OSFN_ERR_TLS_CONFIG.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e2e_rig.h"
#include "osfn_test.h"

#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
#include <mbedtls/memory_buffer_alloc.h>
#endif

#define POOL_LEN (128u * 1024u)

static uint8_t s_pool[POOL_LEN]; /* the caller's pool: test fixture, not library state */
static rig_t s_rig;

/** Open a client on the emulator and fetch one task; returns the first status that is not OSFN_OK. */
static osfn_status_t one_call(rig_t *r)
{
    osfn_task_t task;
    osfn_status_t st = rig_open(r, env_port("OSFN_E2E_PORT"), &e2e_key, OSFN_SIG_V3, 5000u);
    if (st == OSFN_OK) {
        st = osfn_client_get_task(&r->client, "my-app", "ctr", "ctr_test", "3", &task);
        if ((st == OSFN_OK) && (task.progress != 100)) {
            st = OSFN_ERR_JSON_RANGE;
        }
    }
    rig_close(r);
    return st;
}

#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
/* The whole call (TLS config, CA parsing, handshake, request, response) from the pool;
 * with MBEDTLS_MEMORY_DEBUG also its peak, and that a second call leaks nothing. */
static void test_call_from_pool(void)
{
    CHECK_INT(osfn_tls_use_static_pool(NULL, POOL_LEN), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_tls_use_static_pool(s_pool, POOL_LEN), OSFN_OK);
    CHECK_INT(one_call(&s_rig), OSFN_OK);
    CHECK_INT(mbedtls_memory_buffer_alloc_verify(), 0);
#if defined(MBEDTLS_MEMORY_DEBUG)
    {
        size_t peak = 0u, peak_blocks = 0u, kept = 0u, kept_blocks = 0u, now = 0u, now_blocks = 0u;
        mbedtls_memory_buffer_alloc_max_get(&peak, &peak_blocks);
        mbedtls_memory_buffer_alloc_cur_get(&kept, &kept_blocks);
        /* two TLS record buffers alone are more than 16 KB each */
        CHECK(peak > 32768u);
        CHECK(peak < POOL_LEN);
        printf("tls_pool: one call (config, CA, handshake, request, response): peak %zu B in %zu blocks "
               "of the %u B pool; %zu B in %zu blocks stay (mbedTLS's global state)\n",
               peak, peak_blocks, (unsigned)POOL_LEN, kept, kept_blocks);
        CHECK_INT(one_call(&s_rig), OSFN_OK);
        mbedtls_memory_buffer_alloc_cur_get(&now, &now_blocks);
        CHECK_INT(now, kept); /* a call gives back all it took */
        CHECK_INT(now_blocks, kept_blocks);
    }
#else
    CHECK_INT(one_call(&s_rig), OSFN_OK);
#endif
    CHECK_INT(mbedtls_memory_buffer_alloc_verify(), 0);
}

/* A pool too small: the call fails with a TLS status, nothing is taken from the heap. */
static void test_pool_too_small(void)
{
    osfn_status_t st;
    CHECK_INT(osfn_tls_use_static_pool(s_pool, 8192u), OSFN_OK);
    st = one_call(&s_rig);
    CHECK((st == OSFN_ERR_TLS) || (st == OSFN_ERR_TLS_CONFIG));
    printf("tls_pool: with an 8 KB pool the call fails with %s\n", osfn_status_name(st));
    CHECK_INT(mbedtls_memory_buffer_alloc_verify(), 0);
}
#else
/* Without the buffer allocator the function refuses (and says why, in its status). */
static void test_no_buffer_allocator(void)
{
    CHECK_INT(osfn_tls_use_static_pool(s_pool, POOL_LEN), OSFN_ERR_TLS_CONFIG);
    CHECK_INT(osfn_tls_use_static_pool(NULL, 0u), OSFN_ERR_TLS_CONFIG);
    /* and TLS keeps working from the heap */
    CHECK_INT(one_call(&s_rig), OSFN_OK);
    printf("tls_pool: mbedTLS built without MBEDTLS_MEMORY_BUFFER_ALLOC_C: the pool is refused\n");
}
#endif

void suite_tls_pool(void)
{
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
    OSFN_RUN(test_call_from_pool);
#else
    OSFN_RUN(test_no_buffer_allocator);
#endif
}

void suite_tls_pool_small(void)
{
#if defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C)
    OSFN_RUN(test_pool_too_small);
#else
    OSFN_RUN(test_no_buffer_allocator);
#endif
}
