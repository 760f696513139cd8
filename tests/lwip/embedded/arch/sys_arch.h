/* RTOS types for the lwIP cross-compile check: opaque handles, as an RTOS port has them. */
#ifndef OSFN_TEST_ARCH_SYS_ARCH_H
#define OSFN_TEST_ARCH_SYS_ARCH_H

typedef void *sys_sem_t;
typedef void *sys_mutex_t;
typedef void *sys_mbox_t;
typedef void *sys_thread_t;
typedef unsigned long sys_prot_t;

#define SYS_MBOX_NULL ((sys_mbox_t)0)
#define SYS_SEM_NULL ((sys_sem_t)0)
#define sys_sem_valid(s) (*(s) != 0)
#define sys_sem_set_invalid(s) (*(s) = 0)
#define sys_mutex_valid(m) (*(m) != 0)
#define sys_mutex_set_invalid(m) (*(m) = 0)
#define sys_mbox_valid(m) (*(m) != 0)
#define sys_mbox_set_invalid(m) (*(m) = 0)

#endif /* OSFN_TEST_ARCH_SYS_ARCH_H */
