/**
 * @file osfn_status.c
 * @brief Names and descriptions of ::osfn_status_t values.
 */
#include "osfn/osfn_status.h"

#include <stddef.h>

#include "osfn/osfn_config_defaults.h"

#if OSFN_ENABLE_STATUS_TEXT
/** One row per status: value, enum name, description. */
typedef struct {
    osfn_status_t status;
    const char *name;
    const char *text;
} status_row_t;

#define ROW(s, t) { (s), #s, (t) }
#else
/** One row per status: value and enum name (descriptions compiled out). */
typedef struct {
    osfn_status_t status;
    const char *name;
} status_row_t;

#define ROW(s, t) { (s), #s }
#endif

static const status_row_t *find_row(osfn_status_t status)
{
    static const status_row_t k_rows[] = {
        ROW(OSFN_OK, "success"),
        ROW(OSFN_ERR_NULL_ARG, "a required argument is NULL"),
        ROW(OSFN_ERR_EMPTY_ARG, "a required argument is empty"),
        ROW(OSFN_ERR_BAD_CHAR, "a value holds a control character or is a dot segment"),
        ROW(OSFN_ERR_BAD_OUTPUT, "output must be simple, normal or detail"),
        ROW(OSFN_ERR_BAD_HOST, "host is empty or holds an illegal character"),
        ROW(OSFN_ERR_BAD_TIME, "time is outside 1970..9999"),
        ROW(OSFN_ERR_BAD_CONFIG, "configuration value out of range"),
        ROW(OSFN_ERR_NO_CREDENTIALS, "access key id or secret missing"),
        ROW(OSFN_ERR_BUFFER_TOO_SMALL, "buffer too small"),
        ROW(OSFN_ERR_RESPONSE_TOO_LARGE, "response does not fit in the response buffer"),
        ROW(OSFN_ERR_TOO_FEW_TOKENS, "too few JSON tokens"),
        ROW(OSFN_ERR_ARRAY_TOO_SMALL, "result array shorter than the response's"),
        ROW(OSFN_ERR_CRYPTO, "hash backend error"),
        ROW(OSFN_ERR_RANDOM, "random source failed"),
        ROW(OSFN_ERR_DNS, "host name not resolved"),
        ROW(OSFN_ERR_CONNECT, "connect failed"),
        ROW(OSFN_ERR_TIMEOUT, "deadline passed"),
        ROW(OSFN_ERR_SEND, "send failed"),
        ROW(OSFN_ERR_RECV, "receive failed"),
        ROW(OSFN_ERR_CONN_RESET, "connection reset by peer"),
        ROW(OSFN_ERR_CONN_CLOSED, "connection closed before the response"),
        ROW(OSFN_ERR_SHORT_READ, "connection closed in the middle of the response"),
        ROW(OSFN_ERR_TLS, "TLS error"),
        ROW(OSFN_ERR_TLS_CERT, "server certificate not trusted"),
        ROW(OSFN_ERR_TLS_CONFIG, "TLS configuration error"),
        ROW(OSFN_ERR_HTTP_MALFORMED, "malformed HTTP response"),
        ROW(OSFN_ERR_HTTP_AMBIGUOUS, "ambiguous HTTP framing rejected"),
        ROW(OSFN_ERR_HTTP_STATUS, "HTTP error status"),
        ROW(OSFN_ERR_JSON_MALFORMED, "malformed JSON"),
        ROW(OSFN_ERR_JSON_TYPE, "JSON field has the wrong type"),
        ROW(OSFN_ERR_JSON_RANGE, "JSON number out of range"),
        ROW(OSFN_ERR_JSON_MISSING, "required JSON member missing"),
        ROW(OSFN_ERR_JSON_ESCAPE, "bad JSON string escape"),
        ROW(OSFN_ERR_API, "the service returned an error"),
    };
    size_t i;
    for (i = 0u; i < sizeof(k_rows) / sizeof(k_rows[0]); i++) {
        if (k_rows[i].status == status) {
            return &k_rows[i];
        }
    }
    return NULL;
}

const char *osfn_strerror(osfn_status_t status)
{
#if OSFN_ENABLE_STATUS_TEXT
    const status_row_t *row = find_row(status);
    return (row != NULL) ? row->text : "unknown status";
#else
    return osfn_status_name(status);
#endif
}

const char *osfn_status_name(osfn_status_t status)
{
    const status_row_t *row = find_row(status);
    return (row != NULL) ? row->name : "OSFN_UNKNOWN";
}
