/**
 * @file kconfig_probe.c
 * @brief Built against a library compiled with a Kconfig-generated header: prints
 *        the `OSFN_*` values the defaults header derived from it, and whether a ROA
 *        and a V3 request can be built. check_kconfig.sh compares the lines with
 *        the `.config`.
 */
#include <stdio.h>
#include <string.h>

#include "osfn/osfn_config_defaults.h"
#include "osfn/osfn_request.h"
#include "osfn/osfn_status.h"

static int fixed_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    (void)memset(buf, 0x5a, len);
    return 0;
}

static const char *build(osfn_sig_t scheme)
{
    static const osfn_credentials_t creds = { "LTAI5tExampleKeyId", "ExampleSecret0123456789abcdefXY", NULL };
    static char buf[2048];
    osfn_request_opts_t o;
    size_t len = 0u;
    (void)memset(&o, 0, sizeof(o));
    o.host = "opensearch." OSFN_DEFAULT_REGION OSFN_HOST_SUFFIX;
    o.credentials = &creds;
    o.scheme = scheme;
    o.time = 1700000000;
    o.random = fixed_random;
    return osfn_status_name(osfn_request_get_task(&o, "my-app", "ctr", "ctr_test", "3", buf, sizeof(buf), &len));
}

#define SHOW_INT(name) (void)printf("%s=%lu\n", #name, (unsigned long)(name))
#define SHOW_STR(name) (void)printf("%s=%s\n", #name, name)

int main(void)
{
    SHOW_INT(OSFN_ENABLE_ROA);
    SHOW_INT(OSFN_ENABLE_WATCH);
    SHOW_INT(OSFN_ENABLE_STATUS_TEXT);
    SHOW_INT(OSFN_DEFAULT_SIG_ROA);
    SHOW_INT(OSFN_CONNECT_TIMEOUT_MS);
    SHOW_INT(OSFN_HANDSHAKE_TIMEOUT_MS);
    SHOW_INT(OSFN_RESPONSE_TIMEOUT_MS);
    SHOW_INT(OSFN_RETRY_MAX_ATTEMPTS);
    SHOW_INT(OSFN_RETRY_BASE_DELAY_MS);
    SHOW_INT(OSFN_RETRY_MAX_DELAY_MS);
    SHOW_INT(OSFN_RETRY_TOTAL_DEADLINE_MS);
    SHOW_INT(OSFN_SKEW_THRESHOLD_S);
    SHOW_INT(OSFN_RESPONSE_BUF_SIZE);
    SHOW_INT(OSFN_JSON_TOKENS);
    SHOW_INT(OSFN_HTTP_MAX_HEAD);
    SHOW_INT(OSFN_HTTP_MAX_INTERIM);
    SHOW_INT(OSFN_JSON_MAX_DEPTH);
    SHOW_STR(OSFN_DEFAULT_REGION);
    SHOW_STR(OSFN_HOST_SUFFIX);
    (void)printf("request.v3=%s\n", build(OSFN_SIG_V3));
    (void)printf("request.roa=%s\n", build(OSFN_SIG_ROA));
    (void)printf("strerror.timeout=%s\n", osfn_strerror(OSFN_ERR_TIMEOUT));
    return 0;
}
