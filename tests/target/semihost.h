/**
 * @file semihost.h
 * @brief The few Arm semihosting calls the target test runner makes itself (QEMU with
 *        `-semihosting-config enable=on`): write a string, exit with a status.
 *        Everything else (printf, fopen) goes through newlib's rdimon library.
 */
#ifndef OSFN_TARGET_SEMIHOST_H
#define OSFN_TARGET_SEMIHOST_H

#include <stdint.h>

/** Write a NUL-terminated string to the host's stdout (SYS_WRITE0), no buffering. */
void osfn_semihost_write0(const char *s);

/** Write @p v as 0x%08x (no stdio: usable from a fault handler). */
void osfn_semihost_write_hex(uint32_t v);

/** Write @p v in decimal (no stdio). */
void osfn_semihost_write_dec(uint32_t v);

/** Stop QEMU with exit status @p status (SYS_EXIT_EXTENDED: the code reaches the host). */
void osfn_semihost_exit(int status) __attribute__((noreturn));

#endif /* OSFN_TARGET_SEMIHOST_H */
