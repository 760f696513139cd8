/**
 * @file cli_call.c
 * @brief The network path of `osfn` (filled in by the end-to-end issue).
 */
#include <stdio.h>

#include "osfn_cli.h"

int cli_call(cli_args_t *a)
{
    (void)a;
    (void)fprintf(stderr, "osfn: sending is not built yet; use --print-request\n");
    return CLI_EXIT_NETWORK;
}
