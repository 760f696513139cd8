/**
 * @file e2e_rig.c
 * @brief The end-to-end tests' client rig (e2e_rig.h).
 */
#include "e2e_rig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const osfn_credentials_t e2e_key = { "LTAI5tExampleKeyId", "ExampleSecret0123456789abcdefXY", NULL };
const osfn_credentials_t e2e_sts = { "STS.ExampleTempKeyId", "ExampleTempSecret",
                                     "CAIS.ExampleSecurityToken==" };

uint16_t env_port(const char *name)
{
    const char *v = getenv(name);
    return (v != NULL) ? (uint16_t)atoi(v) : 0u;
}

const char *ca_file(void)
{
    const char *v = getenv("OSFN_E2E_CA");
    return (v != NULL) ? v : "missing-ca.pem";
}

osfn_status_t rig_open(rig_t *r, uint16_t port, const osfn_credentials_t *creds, osfn_sig_t scheme,
                       uint32_t timeout_ms)
{
    osfn_status_t st = osfn_tls_config_init(&r->tls, osfn_posix_random, NULL);
    if (st == OSFN_OK) {
        st = osfn_tls_config_ca_file(&r->tls, ca_file());
    }
    if (st != OSFN_OK) {
        return st;
    }
    return rig_attach(r, port, creds, scheme, timeout_ms);
}

osfn_status_t rig_attach(rig_t *r, uint16_t port, const osfn_credentials_t *creds, osfn_sig_t scheme,
                         uint32_t timeout_ms)
{
    osfn_client_config_t cfg;
    osfn_status_t st;
    (void)snprintf(r->host, sizeof(r->host), "localhost:%u", (unsigned)port);
    st = osfn_posix_net_init(&r->net, &r->tls, "localhost", port);
    if (st != OSFN_OK) {
        return st;
    }
    r->net.ep.connect_timeout_ms = timeout_ms;
    r->net.ep.handshake_timeout_ms = timeout_ms;
    memset(&cfg, 0, sizeof(cfg));
    cfg.host = r->host;
    cfg.credentials = *creds;
    cfg.scheme = scheme;
    osfn_posix_net_connector(&cfg.connector, &r->net);
    cfg.clock = osfn_posix_clock_ms;
    cfg.epoch = osfn_posix_epoch;
    cfg.random = osfn_posix_random;
    cfg.buffer = r->buffer;
    cfg.buffer_len = sizeof(r->buffer);
    cfg.tokens = r->tokens;
    cfg.token_count = E2E_TOKENS;
    cfg.response_timeout_ms = timeout_ms;
    return osfn_client_init(&r->client, &cfg);
}

void rig_close(rig_t *r)
{
    osfn_client_close(&r->client);
    osfn_posix_net_free(&r->net);
    osfn_tls_config_free(&r->tls);
}
