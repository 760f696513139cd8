/**
 * @file startup_freertos.c
 * @brief Reset, vector table and fault exit of osfn's FreeRTOS images on QEMU
 *        mps2-an385: the kernel's SVC, PendSV and SysTick handlers in the table, every
 *        other exception ends QEMU with status 100 + its number (103 = HardFault), and
 *        the FreeRTOS hooks (assert: 4, stack overflow: 2).
 *
 * Semihosting (QEMU `-semihosting-config enable=on`): newlib's rdimon library carries
 * printf; tests/target/semihost.c supplies _exit (status to the host) and _sbrk (newlib's
 * heap between the linker script's __osfn_heap_start and __osfn_heap_limit).
 */
#include <stdint.h>
#include <stdlib.h>

#include "FreeRTOS.h"
#include "task.h"

#include "semihost.h"

extern uint32_t osfn_freertos_data_start[];
extern uint32_t osfn_freertos_data_end[];
extern const uint32_t osfn_freertos_data_load[];
extern uint32_t osfn_freertos_bss_start[];
extern uint32_t osfn_freertos_bss_end[];
extern uint32_t osfn_freertos_msp_top[];

int main(void);
void initialise_monitor_handles(void); /* newlib rdimon: stdin, stdout, stderr */

void osfn_freertos_reset(void) __attribute__((noreturn));
void osfn_freertos_fault(void) __attribute__((noreturn));

/* The FreeRTOS ARM_CM3 port's handlers. */
void vPortSVCHandler(void);
void xPortPendSVHandler(void);
void xPortSysTickHandler(void);

#define EXIT_STACK_OVERFLOW 2
#define EXIT_ASSERT 4
#define EXIT_FAULT_BASE 100

__attribute__((section(".vectors"), used))
static void (*const s_vectors[16 + 32])(void) = {
    [0] = (void (*)(void))(uintptr_t)osfn_freertos_msp_top,
    [1] = osfn_freertos_reset,
    [2 ... 10] = osfn_freertos_fault, /* NMI, HardFault, MemManage, BusFault, UsageFault, reserved */
    [11] = vPortSVCHandler,           /* starts the first task */
    [12 ... 13] = osfn_freertos_fault,
    [14] = xPortPendSVHandler,        /* context switch */
    [15] = xPortSysTickHandler,       /* the tick */
    [16 ... 47] = osfn_freertos_fault /* the AN385's 32 interrupts: none is used */
};

void osfn_freertos_reset(void)
{
    const uint32_t *src = osfn_freertos_data_load;
    uint32_t *dst;
    for (dst = osfn_freertos_data_start; dst < osfn_freertos_data_end; dst++) {
        *dst = *src++;
    }
    for (dst = osfn_freertos_bss_start; dst < osfn_freertos_bss_end; dst++) {
        *dst = 0u;
    }
    initialise_monitor_handles();
    exit(main());
}

/** Any unexpected exception: name it (no stdio: its state may be broken) and stop QEMU. */
/* -nostartfiles leaves out crti/crtn: exit() still calls _fini (nothing to run here). */
void _init(void);
void _fini(void);
void _init(void)
{
}
void _fini(void)
{
}

void osfn_freertos_fault(void)
{
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    ipsr &= 0x1FFu;
    osfn_semihost_write0("\nosfn-freertos: exception ");
    osfn_semihost_write_dec(ipsr);
    osfn_semihost_write0(" (3 HardFault, 4 MemManage, 5 BusFault, 6 UsageFault)\n");
    osfn_semihost_exit(EXIT_FAULT_BASE + (int)ipsr);
}

void osfn_freertos_assert_failed(const char *file, int line)
{
    osfn_semihost_write0("\nosfn-freertos: configASSERT failed at ");
    osfn_semihost_write0(file);
    osfn_semihost_write0(":");
    osfn_semihost_write_dec((uint32_t)line);
    osfn_semihost_write0("\n");
    osfn_semihost_exit(EXIT_ASSERT);
}

void vApplicationStackOverflowHook(TaskHandle_t task, char *name);
void vApplicationStackOverflowHook(TaskHandle_t task, char *name)
{
    (void)task;
    osfn_semihost_write0("\nosfn-freertos: stack overflow in task ");
    osfn_semihost_write0(name);
    osfn_semihost_write0("\n");
    osfn_semihost_exit(EXIT_STACK_OVERFLOW);
}
