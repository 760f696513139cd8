/**
 * @file semihost.c
 * @brief Raw Arm semihosting (BKPT 0xAB on M-profile) and the newlib hooks that must not
 *        come from rdimon: _exit (rdimon's returns status 0 or 1 only, since plain
 *        SYS_EXIT carries no status on AArch32) and _sbrk (bounded by our linker script).
 */
#include "semihost.h"

#include <errno.h>
#include <stddef.h>

#define SYS_WRITE0 0x04u
#define SYS_EXIT_EXTENDED 0x20u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static uint32_t semihost_call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void osfn_semihost_write0(const char *s)
{
    (void)semihost_call(SYS_WRITE0, s);
}

void osfn_semihost_write_hex(uint32_t v)
{
    static const char digits[] = "0123456789abcdef";
    char buf[11];
    unsigned i;
    buf[0] = '0';
    buf[1] = 'x';
    for (i = 0u; i < 8u; i++) {
        buf[2u + i] = digits[(v >> (28u - (4u * i))) & 0xFu];
    }
    buf[10] = '\0';
    osfn_semihost_write0(buf);
}

void osfn_semihost_write_dec(uint32_t v)
{
    char buf[11];
    unsigned i = sizeof(buf) - 1u;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + (v % 10u));
        v /= 10u;
    } while ((v != 0u) && (i > 0u));
    osfn_semihost_write0(&buf[i]);
}

void osfn_semihost_exit(int status)
{
    /* The parameter block of SYS_EXIT_EXTENDED: reason, then the status code. */
    volatile uint32_t block[2];
    block[0] = ADP_STOPPED_APPLICATION_EXIT;
    block[1] = (uint32_t)status;
    (void)semihost_call(SYS_EXIT_EXTENDED, (const void *)block);
    for (;;) {
        /* not reached: QEMU has exited */
    }
}

/* ---- newlib hooks ------------------------------------------------------------ */

void _exit(int status);
void *_sbrk(ptrdiff_t incr);

/** newlib's exit() ends here after flushing stdio. */
void _exit(int status)
{
    osfn_semihost_exit(status);
}

extern char __osfn_heap_start[];
extern char __osfn_heap_limit[];

/** The heap for malloc (tests only: the library never allocates): bss end to the MSP stack. */
void *_sbrk(ptrdiff_t incr)
{
    static char *brk = NULL;
    char *prev;
    if (brk == NULL) {
        brk = __osfn_heap_start;
    }
    if ((incr > 0) ? ((size_t)(__osfn_heap_limit - brk) < (size_t)incr)
                   : ((size_t)(brk - __osfn_heap_start) < (size_t)(-incr))) {
        errno = ENOMEM;
        return (void *)-1;
    }
    prev = brk;
    brk += incr;
    return prev;
}
