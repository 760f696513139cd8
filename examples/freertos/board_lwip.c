/**
 * @file board_lwip.c
 * @brief lwIP + TLS connector for the watch task (see board_lwip.h).
 */
#include "board_lwip.h"

#include "osfn_port_lwip.h"
#include "osfn_tls.h"

static osfn_tls_config_t s_tls;
static osfn_lwip_net_t s_net;

osfn_status_t osfn_board_lwip_connector(osfn_connector_t *connector, osfn_freertos_platform_t *platform,
                                        const char *host, const uint8_t *ca_pem, size_t ca_len,
                                        uint8_t *mbedtls_pool, size_t pool_len)
{
    osfn_status_t st = OSFN_OK;
    if ((connector == NULL) || (platform == NULL) || (host == NULL) || (ca_pem == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    if (mbedtls_pool != NULL) {
        st = osfn_tls_use_static_pool(mbedtls_pool, pool_len);
    }
    if (st == OSFN_OK) {
        st = osfn_tls_config_init(&s_tls, osfn_freertos_random, platform);
    }
    if (st == OSFN_OK) {
        st = osfn_tls_config_ca_buf(&s_tls, ca_pem, ca_len);
    }
    if (st == OSFN_OK) {
        /* Host name for DNS, certificate check and SNI alike; port 443. */
        st = osfn_lwip_net_init(&s_net, &s_tls, host, NULL, 443u);
    }
    if (st == OSFN_OK) {
        osfn_lwip_net_connector(connector, &s_net);
    }
    return st;
}
