/**
 * @file stub_transport.c
 * @brief The transport and clock of the `http` harness, with their contracts.
 *
 * The contracts say what osfn_transport.h asks of a port's recv and of a
 * clock: recv writes nothing but buf[0 .. len-1] and, when it returns
 * 0 < n <= len, the first n bytes were received (initialised); any other
 * value (0 "nothing yet", a negative code, or a broken port's n > len) says
 * nothing about the buffer. The clock changes nothing and may return any
 * value. WP proves the receive driver of osfn_http.c against these contracts
 * (its indirect calls carry `calls osfn__proof_recv` / `calls
 * osfn__proof_clock`) and proves the bodies below against them; Eva runs them.
 *
 * The bodies draw every choice from volatile reads (so they write nothing
 * else): recv returns a negative code (the four osfn_transport_error_t values
 * or any other), 0, 1..len arbitrary bytes, or claims len + 1 (more than
 * asked for: the reader must reject it); the clock returns any value. There is
 * no bound on how many bytes the peer sends: the reader's own bounds (the
 * caller's buffer, the deadline) are what ends a call.
 */
#include <stddef.h>
#include <stdint.h>

/** What the peer does next (any value at every read). */
static volatile int32_t g_next;
/** The next byte on the wire (any value at every read). */
static volatile uint8_t g_byte;
/** The clock (any value at every read). */
static volatile uint32_t g_now;

/*@ requires \valid(buf + (0 .. len - 1));
    assigns buf[0 .. len - 1] \from g_byte, g_next, len;
    assigns \result \from g_next, len;
    ensures 0 < \result && (size_t)\result <= len ==>
            (\forall integer j; 0 <= j < \result ==> \initialized(buf + j)); */
int32_t osfn__proof_recv(void *ctx, uint8_t *buf, size_t len)
{
    int32_t k = g_next;
    size_t i;
    (void)ctx;
    if ((k <= 0) || ((size_t)k > len)) {
        /* EOF, RESET, ERROR, TLS, any other negative code, nothing yet, or a port that
         * claims more than it was asked for (the reader must reject it) */
        return k;
    }
    /*@ loop invariant 0 <= i <= (size_t)k;
        loop invariant \forall integer j; 0 <= j < i ==> \initialized(buf + j);
        loop assigns i, buf[0 .. (size_t)k - 1];
        loop variant (size_t)k - i; */
    for (i = 0u; i < (size_t)k; i++) {
        buf[i] = g_byte;
    }
    return k;
}

/*@ assigns \result \from g_now; */
uint32_t osfn__proof_clock(void *ctx)
{
    (void)ctx;
    return g_now;
}
