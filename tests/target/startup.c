/**
 * @file startup.c
 * @brief Reset and fault handling for the unit tests on QEMU mps2-an385 (Cortex-M3).
 *
 * Reset (on the MSP, at the top of RAM): copy .data, zero .bss, paint the program stack,
 * arm an MPU no-access guard below it, enable the configurable faults, then switch thread
 * mode to the PSP (the painted program stack) and call main(); its status goes to exit().
 * Faults run on the MSP, so a program-stack overflow can still be reported.
 *
 * QEMU exit status: main()'s (0 pass, 1 fail), 2 = program stack overflow (MPU guard hit),
 * 100 + exception number for any other fault or unexpected exception (103 HardFault,
 * 104 MemManage, 105 BusFault, 106 UsageFault, 116+ an interrupt); 124 is `timeout`.
 */
#include <stdint.h>
#include <stdlib.h>

#include "semihost.h"
#include "stack_paint.h"

extern uint32_t __osfn_data_start[];
extern uint32_t __osfn_data_end[];
extern const uint32_t __osfn_data_load[];
extern uint32_t __osfn_bss_start[];
extern uint32_t __osfn_bss_end[];
extern uint32_t __osfn_stack_guard[];
extern uint32_t __osfn_stack_bottom[];
extern uint32_t __osfn_stack_top[];
extern uint32_t __osfn_msp_top[];

int main(void);
void initialise_monitor_handles(void); /* newlib rdimon: opens stdin/stdout/stderr */

void osfn_reset_handler(void);
void osfn_target_init(void);
void osfn_target_run(void) __attribute__((noreturn));
void osfn_fault_entry(void);
void osfn_fault_report(uint32_t exc_return, uint32_t psp, uint32_t msp) __attribute__((noreturn));

/* ---- system registers (ARMv7-M) ------------------------------------------------ */
#define REG(a) (*(volatile uint32_t *)(a))
#define SCB_CCR REG(0xE000ED14u)
#define SCB_SHCSR REG(0xE000ED24u)
#define SCB_CFSR REG(0xE000ED28u)
#define SCB_HFSR REG(0xE000ED2Cu)
#define SCB_MMFAR REG(0xE000ED34u)
#define SCB_BFAR REG(0xE000ED38u)
#define MPU_TYPE REG(0xE000ED90u)
#define MPU_CTRL REG(0xE000ED94u)
#define MPU_RNR REG(0xE000ED98u)
#define MPU_RBAR REG(0xE000ED9Cu)
#define MPU_RASR REG(0xE000EDA0u)

#define CCR_DIV_0_TRP (1u << 4)
#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)
#define CFSR_MSTKERR (1u << 4)
#define CFSR_MMARVALID (1u << 7)
#define MPU_CTRL_ENABLE (1u << 0)
#define MPU_CTRL_PRIVDEFENA (1u << 2)
#define MPU_RASR_XN (1u << 28)
#define MPU_RASR_ENABLE (1u << 0)

#define EXIT_STACK_OVERFLOW 2
#define EXIT_FAULT_BASE 100

/* ---- vector table ----------------------------------------------------------------- */

#define VECTORS (16 + 32) /* 16 system exceptions + the AN385's 32 interrupts */

__attribute__((section(".isr_vector"), used))
static void (*const s_vectors[VECTORS])(void) = {
    [0] = (void (*)(void))(uintptr_t)__osfn_msp_top,
    [1] = osfn_reset_handler,
    [2 ... VECTORS - 1] = osfn_fault_entry,
    /* 7..10 and 13 are reserved; they never fire, the default is harmless. */
};

/* ---- reset ------------------------------------------------------------------------- */

/** Runs on the MSP before .data and .bss exist: no globals until they are set up. */
__attribute__((naked, noreturn)) void osfn_reset_handler(void)
{
    __asm__ volatile(
        "bl osfn_target_init\n"
        "ldr r0, =__osfn_stack_top\n"
        "msr psp, r0\n"
        "movs r0, #2\n" /* CONTROL.SPSEL = 1: thread mode on the PSP, still privileged */
        "msr control, r0\n"
        "isb\n"
        "bl osfn_target_run\n"
        "b .\n"
        ".ltorg\n");
}

void osfn_target_init(void)
{
    const uint32_t *src = __osfn_data_load;
    uint32_t *dst;
    uint32_t guard_size = (uint32_t)((uintptr_t)__osfn_stack_bottom - (uintptr_t)__osfn_stack_guard);
    uint32_t size_field = 0u;

    for (dst = __osfn_data_start; dst < __osfn_data_end; dst++) {
        *dst = *src++;
    }
    for (dst = __osfn_bss_start; dst < __osfn_bss_end; dst++) {
        *dst = 0u;
    }
    /* We are on the MSP: the whole program stack can be painted. */
    osfn_stack_paint_range((uintptr_t)__osfn_stack_bottom, (uintptr_t)__osfn_stack_top);

    /* MPU region 0: the guard below the program stack, no access, never executable.
     * Everything else keeps the default memory map (PRIVDEFENA; we run privileged). */
    while ((2u << size_field) < guard_size) {
        size_field++;
    }
    if (((MPU_TYPE >> 8) & 0xFFu) != 0u) {
        MPU_RNR = 0u;
        MPU_RBAR = (uint32_t)(uintptr_t)__osfn_stack_guard;
        MPU_RASR = MPU_RASR_XN | (size_field << 1) | MPU_RASR_ENABLE; /* AP = 000: no access */
        MPU_CTRL = MPU_CTRL_PRIVDEFENA | MPU_CTRL_ENABLE;
        __asm__ volatile("dsb\n isb\n" ::: "memory");
    }
    SCB_SHCSR |= SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;
    SCB_CCR |= CCR_DIV_0_TRP;
}

/** Thread mode on the painted PSP stack. */
void osfn_target_run(void)
{
    initialise_monitor_handles();
    exit(main());
}

/* crti.o is not linked (-nostartfiles) but newlib's __libc_fini_array still calls _fini:
 * C tests have no constructors or destructors to run. */
void _init(void);
void _fini(void);
void _init(void)
{
}
void _fini(void)
{
}

/* ---- faults ------------------------------------------------------------------------ */

/** Every exception but reset: hand EXC_RETURN and both stack pointers to the reporter. */
__attribute__((naked)) void osfn_fault_entry(void)
{
    __asm__ volatile(
        "mov r0, lr\n"
        "mrs r1, psp\n"
        "mrs r2, msp\n"
        "b osfn_fault_report\n");
}

static const char *exception_name(uint32_t n)
{
    switch (n) {
    case 2u: return "NMI";
    case 3u: return "HardFault";
    case 4u: return "MemManage";
    case 5u: return "BusFault";
    case 6u: return "UsageFault";
    case 11u: return "SVCall";
    case 12u: return "DebugMonitor";
    case 14u: return "PendSV";
    case 15u: return "SysTick";
    default: return (n >= 16u) ? "interrupt" : "reserved exception";
    }
}

static void field(const char *name, uint32_t v)
{
    osfn_semihost_write0(name);
    osfn_semihost_write_hex(v);
}

/** Print what is known about the fault (no stdio: its state may be broken) and exit. */
void osfn_fault_report(uint32_t exc_return, uint32_t psp, uint32_t msp)
{
    uint32_t ipsr;
    uint32_t cfsr = SCB_CFSR;
    uint32_t mmfar = SCB_MMFAR;
    uint32_t frame = ((exc_return & 4u) != 0u) ? psp : msp;
    uint32_t guard_lo = (uint32_t)(uintptr_t)__osfn_stack_guard;
    uint32_t stack_lo = (uint32_t)(uintptr_t)__osfn_stack_bottom;
    uint32_t stack_hi = (uint32_t)(uintptr_t)__osfn_stack_top;
    int overflow;

    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    ipsr &= 0x1FFu;
    overflow = ((exc_return & 4u) != 0u) &&
               ((psp < stack_lo + 64u) ||
                (((cfsr & CFSR_MMARVALID) != 0u) && (mmfar >= guard_lo) && (mmfar < stack_lo)) ||
                ((cfsr & CFSR_MSTKERR) != 0u));

    osfn_semihost_write0("\nosfn-target: ");
    osfn_semihost_write0(overflow ? "program stack overflow (MPU guard), " : "");
    osfn_semihost_write0(exception_name(ipsr));
    osfn_semihost_write0(" (exception ");
    osfn_semihost_write_dec(ipsr);
    osfn_semihost_write0(")");
    field(" cfsr=", cfsr);
    field(" hfsr=", SCB_HFSR);
    field(" mmfar=", mmfar);
    field(" bfar=", SCB_BFAR);
    field(" psp=", psp);
    field(" msp=", msp);
    /* The stacked frame is readable only when it lies wholly inside the stack it was
     * pushed on (an overflowing push leaves it in the guard, which faults again). */
    if ((((exc_return & 4u) != 0u) && (frame >= stack_lo) && (frame + 32u <= stack_hi)) ||
        (((exc_return & 4u) == 0u) && (frame >= stack_hi) && (frame + 32u <= (uint32_t)(uintptr_t)__osfn_msp_top))) {
        const volatile uint32_t *f = (const volatile uint32_t *)(uintptr_t)frame;
        field(" lr=", f[5]);
        field(" pc=", f[6]);
    }
    osfn_semihost_write0("\n");
    osfn_semihost_exit(overflow ? EXIT_STACK_OVERFLOW : (int)(EXIT_FAULT_BASE + ipsr));
}
