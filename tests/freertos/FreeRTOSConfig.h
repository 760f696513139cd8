/**
 * @file FreeRTOSConfig.h
 * @brief FreeRTOS configuration of osfn's FreeRTOS tests and example on QEMU
 *        mps2-an385 (Cortex-M3, ARM_CM3 port): static allocation only (no FreeRTOS
 *        heap), 1 kHz tick, stack painting for high-water marks, overflow checks.
 */
#ifndef FREERTOS_CONFIG_H
#define FREERTOS_CONFIG_H

/* Scheduling: SysTick runs from the AN385's 25 MHz CPU clock; 1 tick = 1 ms. */
#define configUSE_PREEMPTION 1
#define configCPU_CLOCK_HZ 25000000UL
#define configTICK_RATE_HZ 1000
#define configTICK_TYPE_WIDTH_IN_BITS TICK_TYPE_WIDTH_32_BITS /* osfn's clock needs 32-bit ticks */
#define configMAX_PRIORITIES 5
#define configMINIMAL_STACK_SIZE 128 /* words: the idle task */
#define configMAX_TASK_NAME_LEN 16
#define configUSE_TIMERS 0
#define configUSE_MUTEXES 0
#define configUSE_IDLE_HOOK 0
#define configUSE_TICK_HOOK 0
#define configUSE_TASK_NOTIFICATIONS 1

/* Every task is created with xTaskCreateStatic: no FreeRTOS heap is linked at all.
 * The kernel supplies the idle task's memory. */
#define configSUPPORT_STATIC_ALLOCATION 1
#define configSUPPORT_DYNAMIC_ALLOCATION 0
#define configKERNEL_PROVIDED_STATIC_MEMORY 1

#define INCLUDE_vTaskDelay 1
#define INCLUDE_vTaskDelete 1
#define INCLUDE_vTaskSuspend 1
#define INCLUDE_xTaskGetCurrentTaskHandle 1
/* New stacks are filled with a known byte: uxTaskGetStackHighWaterMark() then tells the
 * least free stack a task ever had (the tests print it per suite). */
#define INCLUDE_uxTaskGetStackHighWaterMark 1
/* Check the stack's end pattern on every context switch (vApplicationStackOverflowHook). */
#define configCHECK_FOR_STACK_OVERFLOW 2

/* NVIC priorities as written to the 8-bit priority register. QEMU implements all 8 bits
 * (a real AN385 implements 3); the port asserts that the syscall priority, seen through
 * those bits, is valid, so use values whose low bits do not matter. */
#define configKERNEL_INTERRUPT_PRIORITY 255
#define configMAX_SYSCALL_INTERRUPT_PRIORITY 160

void osfn_freertos_assert_failed(const char *file, int line);
#define configASSERT(x)                                          \
    do {                                                         \
        if (!(x)) {                                              \
            osfn_freertos_assert_failed(__FILE__, __LINE__);     \
        }                                                        \
    } while (0)

#endif /* FREERTOS_CONFIG_H */
