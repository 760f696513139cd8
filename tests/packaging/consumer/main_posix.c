/* Consumer of the installed POSIX port: set up a TLS configuration with the port's
 * random source and read the port's clocks (no network). */
#include <stdio.h>

#include "osfn/osfn_status.h"
#include "osfn_port_posix.h"
#include "osfn_tls.h"

int main(void)
{
    static osfn_tls_config_t tls;
    osfn_status_t st = osfn_tls_config_init(&tls, osfn_posix_random, NULL);
    long long now = (long long)osfn_posix_epoch(NULL);
    printf("tls config: %s; epoch %lld; clock %u ms\n", osfn_strerror(st), now,
           (unsigned)osfn_posix_clock_ms(NULL));
    osfn_tls_config_free(&tls);
    return ((st == OSFN_OK) && (now > 1600000000LL)) ? 0 : 1;
}
