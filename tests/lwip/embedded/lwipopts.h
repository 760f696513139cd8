/*
 * An embedded-style lwIP configuration for the cross-compile check of the lwIP port
 * (check_lwip_cross.sh): lwIP's own socket headers (not a host's), its own errno,
 * an RTOS (NO_SYS 0). OSFN_LWIPOPTS_VARIANT picks the option sets that change code
 * paths in port/lwip/osfn_port_lwip.c:
 *   1: IPv4 only, DNS, SO_RCVTIMEO/SO_SNDTIMEO as int milliseconds (NONSTANDARD)
 *   2: IPv4 + IPv6, no DNS, standard struct timeval, no SO_SNDTIMEO
 * Not a tuned configuration for a product: see docs/porting.md for the options osfn needs.
 */
#ifndef OSFN_TEST_LWIPOPTS_H
#define OSFN_TEST_LWIPOPTS_H

#define NO_SYS 0
#define LWIP_SOCKET 1
#define LWIP_NETCONN 1
#define LWIP_COMPAT_SOCKETS 0
#define LWIP_PROVIDE_ERRNO 1
#define LWIP_TIMEVAL_PRIVATE 0 /* newlib's struct timeval (arch/cc.h includes sys/time.h) */
#define LWIP_SO_RCVTIMEO 1
#define LWIP_TCP 1
#define LWIP_IPV4 1
#define TCP_MSS 536
#define MEM_ALIGNMENT 4
#define MEM_SIZE (16 * 1024)
#define LWIP_TCPIP_CORE_LOCKING 1

#if OSFN_LWIPOPTS_VARIANT == 1
#define LWIP_IPV6 0
#define LWIP_DNS 1
#define LWIP_UDP 1
#define LWIP_SO_SNDTIMEO 1
#define LWIP_SO_SNDRCVTIMEO_NONSTANDARD 1
#else
#define LWIP_IPV6 1
#define LWIP_DNS 0
#define LWIP_SO_SNDTIMEO 0
#define LWIP_SO_SNDRCVTIMEO_NONSTANDARD 0
#endif

#endif /* OSFN_TEST_LWIPOPTS_H */
