/**
 * @file osfn_posix_net.c
 * @brief TCP + TLS connector for POSIX hosts: the POSIX sockets under the shared
 *        ::osfn_tls_endpoint_t.
 */
#include "osfn_posix_net.h"

OSFN_TLS_ENDPOINT_OPS(osfn_posix_tcp_ops, osfn_posix_tcp_t, osfn_posix_tcp_init, osfn_posix_tcp_connect,
                      osfn_posix_tcp_close, osfn_posix_tcp_send, osfn_posix_tcp_recv, osfn_posix_clock_ms);
