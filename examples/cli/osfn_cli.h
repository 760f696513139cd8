/**
 * @file osfn_cli.h
 * @brief Shared declarations of the `osfn` command-line tool (not library API).
 */
#ifndef OSFN_CLI_H
#define OSFN_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_request.h"
#include "osfn/osfn_status.h"

#define CLI_EXIT_OK 0
#define CLI_EXIT_USAGE 2
#define CLI_EXIT_API 3
#define CLI_EXIT_NETWORK 4
#define CLI_EXIT_RESPONSE 5

#define CLI_MAX_POSITIONAL 5
#define CLI_EXIT_TASK_FAILED 3
#define CLI_EXIT_DEADLINE 4
#define CLI_REQUEST_BUF 8192
#define OSFN_CLI_DEFAULT_CA "/etc/ssl/certs/ca-certificates.crt"

/** Everything the command line said, and what follows from it. */
typedef struct {
    const char *pos[CLI_MAX_POSITIONAL];
    int npos;
    const char *command;
    const char *region;
    const char *endpoint;
    const char *sig;
    const char *date;
    const char *nonce;
    const char *output;
    const char *ca_file;
    const char *timeout;
    const char *until;
    const char *task;
    const char *interval;
    const char *deadline;
    int help;
    int print_request;
    int json;
    int verbose;
    /* derived */
    osfn_sig_t scheme;
    char host[256];        /**< Host header (HOST[:PORT]). */
    char server_name[256]; /**< TLS server name and the name to connect to. */
    uint16_t port;
    int64_t fixed_time;    /**< --date as epoch seconds, or -1. */
    uint8_t nonce_bytes[16];
    int nonce_left;        /**< 1 while --nonce has not been used yet. */
    uint32_t timeout_ms;
    uint32_t interval_ms;
    uint32_t deadline_ms;
    osfn_credentials_t creds;
} cli_args_t;

/** Print a usage error naming the problem; returns the usage exit code. */
int cli_usage_error(const char *what, const char *arg);
/** ::osfn_random_fn that serves --nonce once, then the system's random bytes. */
int cli_random(void *ctx, uint8_t *buf, size_t len);
/** Build the request the arguments describe, signed at @p now unless --date was given. */
osfn_status_t cli_build_request(cli_args_t *a, int64_t now, char *buf, size_t buf_len, size_t *len);
/** Map a library status to the tool's exit code. */
int cli_exit_for_status(osfn_status_t st);
/** Send the call and print its result; returns the exit code. */
int cli_call(cli_args_t *a);

#endif /* OSFN_CLI_H */
