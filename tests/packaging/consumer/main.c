/* Consumer of the installed osfn: build a signed GetFunctionTask request, then ask for it
 * in a buffer that is too small, and print both outcomes with osfn_strerror(). */
#include <stdio.h>
#include <string.h>

#include "osfn/osfn_client.h" /* every public header must compile from the install */
#include "osfn/osfn_config_defaults.h"
#include "osfn/osfn_http.h"
#include "osfn/osfn_request.h"
#include "osfn/osfn_result.h"
#include "osfn/osfn_status.h"
#include "osfn/osfn_time.h"
#include "osfn/osfn_transport.h"
#include "osfn/osfn_watch.h"

static int fixed_random(void *ctx, uint8_t *buf, size_t len)
{
    (void)ctx;
    memset(buf, 0x42, len);
    return 0;
}

int main(void)
{
    static const osfn_credentials_t creds = { "LTAI5tExampleKeyId", "ExampleSecret0123456789abcdefXY", NULL };
    static char buf[2048];
    osfn_request_opts_t o;
    size_t len = 0;
    size_t first_line;
    osfn_status_t st;
    osfn_status_t small;

    memset(&o, 0, sizeof(o));
    o.host = "opensearch.cn-hangzhou.aliyuncs.com";
    o.credentials = &creds;
    o.scheme = OSFN_SIG_V3;
    o.time = 1700000000;
    o.random = fixed_random;
    st = osfn_request_get_task(&o, "my-app", "ctr", "ctr_test", "3", buf, sizeof(buf), &len);
    if (st != OSFN_OK) {
        printf("osfn_request_get_task: %s\n", osfn_strerror(st));
        return 1;
    }
    for (first_line = 0; (first_line < len) && (buf[first_line] != '\r'); first_line++) {
    }
    printf("osfn %s: %s, %u bytes: %.*s\n", OSFN_VERSION_STRING, osfn_strerror(st), (unsigned)len,
           (int)first_line, buf);
    small = osfn_request_get_task(&o, "my-app", "ctr", "ctr_test", "3", buf, 16, &len);
    printf("16-byte buffer: %s (needs %u)\n", osfn_strerror(small), (unsigned)len);
    return (small == OSFN_ERR_BUFFER_TOO_SMALL) ? 0 : 1;
}
