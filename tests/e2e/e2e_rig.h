/**
 * @file e2e_rig.h
 * @brief The end-to-end tests' client rig: TLS config, POSIX endpoint and client over
 *        the emulator that run_e2e.sh started (ports and CA from the environment).
 *        Shared by test_e2e.c and test_tls_pool.c.
 */
#ifndef OSFN_E2E_RIG_H
#define OSFN_E2E_RIG_H

#include <stdint.h>

#include "osfn/osfn_client.h"
#include "osfn_port_posix.h"
#include "osfn_posix_net.h"

#define E2E_BUF_LEN 16384u
#define E2E_TOKENS 512u

/** An AccessKey pair and an STS triple the emulator accepts. */
extern const osfn_credentials_t e2e_key;
extern const osfn_credentials_t e2e_sts;

/** One client with its port objects and buffers. */
typedef struct {
    osfn_tls_config_t tls;
    osfn_posix_net_t net;
    osfn_client_t client;
    char host[64];
    uint8_t buffer[E2E_BUF_LEN];
    osfn_json_token_t tokens[E2E_TOKENS];
    osfn_param_t params[2][8];
} rig_t;

/** The port number in environment variable @p name (0 when unset). */
uint16_t env_port(const char *name);

/** The emulators' CA file ($OSFN_E2E_CA). */
const char *ca_file(void);

/**
 * Set up @p r for the emulator on @p port: TLS config trusting ca_file(), then
 * rig_attach(). Returns the first status that is not OSFN_OK.
 */
osfn_status_t rig_open(rig_t *r, uint16_t port, const osfn_credentials_t *creds, osfn_sig_t scheme,
                       uint32_t timeout_ms);

/**
 * The endpoint and client of @p r over its already configured @p r->tls (connect,
 * handshake and response deadlines @p timeout_ms).
 */
osfn_status_t rig_attach(rig_t *r, uint16_t port, const osfn_credentials_t *creds, osfn_sig_t scheme,
                         uint32_t timeout_ms);

/** Close the client and free the endpoint and the TLS config. */
void rig_close(rig_t *r);

#endif /* OSFN_E2E_RIG_H */
