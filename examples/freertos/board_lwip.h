/**
 * @file board_lwip.h
 * @brief The watch task's connector on a board with FreeRTOS + lwIP: TCP over lwIP
 *        sockets (port/lwip) and osfn's TLS (port/mbedtls), seeded from the board's
 *        random hook. Not linked into the QEMU build (no lwIP for arm-none-eabi here:
 *        run_freertos_tests.sh only compiles it); this is the code a board uses instead
 *        of stub_connector.c.
 */
#ifndef OSFN_BOARD_LWIP_H
#define OSFN_BOARD_LWIP_H

#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_status.h"
#include "osfn/osfn_transport.h"
#include "osfn_port_freertos.h"

/**
 * @brief Set up TLS and the lwIP endpoint, and fill in @p connector.
 *
 * Call once, from the watch task or before it starts (after lwIP's tcpip_init and the
 * network interface are up). The TLS state and the endpoint are static here: one
 * connector for one watch task.
 *
 * @param[out] connector For ::osfn_watch_task_params_t.connector.
 * @param[in] platform The watch task's platform context (its random hook seeds TLS).
 * @param[in] host The service's host name, e.g. "opensearch.cn-hangzhou.aliyuncs.com"
 *            (resolved with lwIP's DNS, checked against the certificate, sent as SNI).
 * @param[in] ca_pem The root CA(s) to trust, PEM, with its terminating NUL.
 * @param[in] ca_len Length of @p ca_pem including the NUL.
 * @param[in] mbedtls_pool A static array for mbedTLS's allocations (record buffers,
 *            certificates), or NULL to keep mbedTLS's own allocator. Needs
 *            MBEDTLS_MEMORY_BUFFER_ALLOC_C; see README.md for the size.
 * @param[in] pool_len Size of @p mbedtls_pool.
 * @return ::OSFN_OK or the failing step's status (::OSFN_ERR_TLS_CONFIG, ::OSFN_ERR_RANDOM...).
 */
osfn_status_t osfn_board_lwip_connector(osfn_connector_t *connector, osfn_freertos_platform_t *platform,
                                        const char *host, const uint8_t *ca_pem, size_t ca_len,
                                        uint8_t *mbedtls_pool, size_t pool_len);

#endif /* OSFN_BOARD_LWIP_H */
