/**
 * @file sizes_probe.c
 * @brief sizeof of the caller-owned types, per architecture, without running anything:
 *        each `osfn_sizeof_<type>` array is as long as the type, and scripts/size-report.sh
 *        reads the lengths back with `nm -S` from this object.
 */
#include "osfn/osfn_client.h"
#include "osfn/osfn_watch.h"

#define SIZE_OF(t)                     \
    extern char osfn_sizeof_##t[sizeof(t)]; \
    char osfn_sizeof_##t[sizeof(t)]

SIZE_OF(osfn_client_t);
SIZE_OF(osfn_client_config_t);
SIZE_OF(osfn_instance_t);
SIZE_OF(osfn_task_t);
SIZE_OF(osfn_json_token_t);
SIZE_OF(osfn_param_t);
SIZE_OF(osfn_http_response_t);
SIZE_OF(osfn_request_opts_t);
SIZE_OF(osfn_watch_config_t);
