/**
 * @file osfn_cli.c
 * @brief `osfn`: the host command-line tool. Argument parsing, credentials,
 *        and `--print-request`; the network path lives in cli_call.c.
 */
#include "osfn_cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osfn/osfn_time.h"
#include "osfn_port_posix.h"

static const char k_usage[] =
    "usage: osfn [options] instance APP FUNCTION INSTANCE [--output simple|normal|detail]\n"
    "       osfn [options] task APP FUNCTION INSTANCE GENERATION\n"
    "       osfn [options] watch APP FUNCTION INSTANCE [--until available] [--task GENERATION]\n"
    "                            [--interval S] [--deadline S]\n"
    "          polls until the instance is available (or the task has finished);\n"
    "          exit 0 available/success, 3 task failed, 4 deadline (interval 5 s, deadline 600 s)\n"
    "  --region R              default " OSFN_DEFAULT_REGION "; host opensearch.R" OSFN_HOST_SUFFIX "\n"
    "  --endpoint HOST[:PORT]  override the host (HOST[:PORT] is the Host header; HOST is the\n"
    "                          TLS server name; PORT defaults to 443)\n"
    "  --sig v3|roa            signature scheme, default v3\n"
    "  --date YYYY-MM-DDTHH:MM:SSZ  sign with this time instead of the clock\n"
    "  --nonce HEX32           use this nonce instead of a random one\n"
    "  --print-request         print the exact request bytes and exit without connecting\n"
    "                          (the security token is shown as ***)\n"
    "  --ca-file PEM           trust these CAs (default " OSFN_CLI_DEFAULT_CA ")\n"
    "  --timeout SECONDS       deadline for connect, handshake and response (default 15)\n"
    "  --json                  print one JSON object (camelCase keys) on stdout\n"
    "  -v, --verbose           say what happens on stderr (never a secret)\n"
    "  -h, --help              this text\n"
    "options may stand before or after the command\n"
    "credentials: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,\n"
    "             ALIBABA_CLOUD_SECURITY_TOKEN (optional)\n"
    "exit codes: 0 ok, 2 usage or bad input, 3 API error, 4 network/TLS/timeout,\n"
    "            5 malformed or oversized response\n";

int cli_usage_error(const char *what, const char *arg)
{
    if (arg != NULL) {
        (void)fprintf(stderr, "osfn: %s: %s\n", what, arg);
    } else {
        (void)fprintf(stderr, "osfn: %s\n", what);
    }
    (void)fprintf(stderr, "try 'osfn --help'\n");
    return CLI_EXIT_USAGE;
}

/** Options that take a value: name and where it goes. */
static const char **value_slot(cli_args_t *a, const char *opt)
{
    static const struct {
        const char *name;
        size_t offset;
    } k_opts[] = {
        { "--region", offsetof(cli_args_t, region) },
        { "--endpoint", offsetof(cli_args_t, endpoint) },
        { "--sig", offsetof(cli_args_t, sig) },
        { "--date", offsetof(cli_args_t, date) },
        { "--nonce", offsetof(cli_args_t, nonce) },
        { "--output", offsetof(cli_args_t, output) },
        { "--ca-file", offsetof(cli_args_t, ca_file) },
        { "--timeout", offsetof(cli_args_t, timeout) },
        { "--until", offsetof(cli_args_t, until) },
        { "--task", offsetof(cli_args_t, task) },
        { "--interval", offsetof(cli_args_t, interval) },
        { "--deadline", offsetof(cli_args_t, deadline) },
    };
    size_t i;
    for (i = 0; i < sizeof(k_opts) / sizeof(k_opts[0]); i++) {
        if (strcmp(opt, k_opts[i].name) == 0) {
            return (const char **)(void *)((char *)a + k_opts[i].offset);
        }
    }
    return NULL;
}

/** Set a flag option; 0 when @p opt is not one. */
static int set_flag(cli_args_t *a, const char *opt)
{
    if ((strcmp(opt, "-h") == 0) || (strcmp(opt, "--help") == 0)) {
        a->help = 1;
    } else if (strcmp(opt, "--print-request") == 0) {
        a->print_request = 1;
    } else if (strcmp(opt, "--json") == 0) {
        a->json = 1;
    } else if ((strcmp(opt, "-v") == 0) || (strcmp(opt, "--verbose") == 0)) {
        a->verbose = 1;
    } else {
        return 0;
    }
    return 1;
}

/** Split argv into options and positionals; returns 0 or an exit code. */
static int parse_argv(int argc, char **argv, cli_args_t *a)
{
    int i;
    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char **slot;
        if ((arg[0] != '-') || (arg[1] == '\0')) {
            if (a->npos >= CLI_MAX_POSITIONAL) {
                return cli_usage_error("too many arguments at", arg);
            }
            a->pos[a->npos++] = arg;
        } else if (set_flag(a, arg)) {
            continue;
        } else if ((slot = value_slot(a, arg)) != NULL) {
            if ((i + 1) >= argc) {
                return cli_usage_error("option needs a value", arg);
            }
            *slot = argv[++i];
        } else {
            return cli_usage_error("unknown option", arg);
        }
    }
    return 0;
}

/** Check the command and its arity; returns 0 or an exit code. */
static int check_command(cli_args_t *a)
{
    if (a->npos == 0) {
        return cli_usage_error("missing command (instance or task)", NULL);
    }
    a->command = a->pos[0];
    if (strcmp(a->command, "instance") == 0) {
        if (a->npos != 4) {
            return cli_usage_error("instance needs APP FUNCTION INSTANCE", NULL);
        }
    } else if (strcmp(a->command, "task") == 0) {
        if (a->npos != 5) {
            return cli_usage_error("task needs APP FUNCTION INSTANCE GENERATION", NULL);
        }
        if (a->output != NULL) {
            return cli_usage_error("--output applies to instance only", NULL);
        }
    } else if (strcmp(a->command, "watch") == 0) {
        if (a->npos != 4) {
            return cli_usage_error("watch needs APP FUNCTION INSTANCE", NULL);
        }
        if ((a->until != NULL) && (strcmp(a->until, "available") != 0)) {
            return cli_usage_error("--until takes only 'available', not", a->until);
        }
        if (a->print_request) {
            return cli_usage_error("--print-request applies to instance and task", NULL);
        }
    } else {
        return cli_usage_error("unknown command", a->command);
    }
    if ((strcmp(a->command, "watch") != 0) &&
        ((a->until != NULL) || (a->task != NULL) || (a->interval != NULL) || (a->deadline != NULL))) {
        return cli_usage_error("--until, --task, --interval and --deadline apply to watch", NULL);
    }
    return 0;
}

/** Scheme, endpoint and host. */
static int resolve_endpoint(cli_args_t *a)
{
    const char *colon;
    if ((a->sig == NULL) || (strcmp(a->sig, "v3") == 0)) {
        a->scheme = OSFN_SIG_V3;
    } else if (strcmp(a->sig, "roa") == 0) {
        a->scheme = OSFN_SIG_ROA;
    } else {
        return cli_usage_error("--sig must be v3 or roa, not", a->sig);
    }
    if (a->endpoint != NULL) {
        if (strlen(a->endpoint) >= sizeof(a->host)) {
            return cli_usage_error("--endpoint too long", NULL);
        }
        (void)strcpy(a->host, a->endpoint);
    } else {
        const char *region = (a->region != NULL) ? a->region : OSFN_DEFAULT_REGION;
        int n = snprintf(a->host, sizeof(a->host), "opensearch.%s" OSFN_HOST_SUFFIX, region);
        if ((n < 0) || ((size_t)n >= sizeof(a->host))) {
            return cli_usage_error("--region too long", NULL);
        }
    }
    /* HOST[:PORT], with [v6]:PORT accepted */
    (void)strcpy(a->server_name, a->host);
    a->port = 443;
    colon = strrchr(a->host, ':');
    if ((colon != NULL) && (strchr(a->host, ']') == NULL || colon > strchr(a->host, ']'))) {
        char *end = NULL;
        unsigned long p = strtoul(colon + 1, &end, 10);
        if ((colon[1] == '\0') || (*end != '\0') || (p == 0ul) || (p > 65535ul)) {
            return cli_usage_error("bad port in --endpoint", a->host);
        }
        a->port = (uint16_t)p;
        a->server_name[colon - a->host] = '\0';
    }
    if ((a->server_name[0] == '[') && (a->server_name[strlen(a->server_name) - 1u] == ']')) {
        size_t n = strlen(a->server_name);
        (void)memmove(a->server_name, a->server_name + 1, n - 2u);
        a->server_name[n - 2u] = '\0';
    }
    return 0;
}

static int hex_nibble(char c)
{
    if ((c >= '0') && (c <= '9')) {
        return c - '0';
    }
    if ((c >= 'a') && (c <= 'f')) {
        return c - 'a' + 10;
    }
    if ((c >= 'A') && (c <= 'F')) {
        return c - 'A' + 10;
    }
    return -1;
}

/** Time and nonce overrides. */
static int resolve_time_and_nonce(cli_args_t *a)
{
    size_t i;
    a->fixed_time = -1;
    if (a->date != NULL) {
        if (osfn_time_parse_iso8601(a->date, strlen(a->date), &a->fixed_time) != OSFN_OK) {
            return cli_usage_error("--date must be YYYY-MM-DDTHH:MM:SSZ, not", a->date);
        }
    }
    if (a->nonce != NULL) {
        if (strlen(a->nonce) != 32u) {
            return cli_usage_error("--nonce must be 32 hex characters", NULL);
        }
        for (i = 0; i < 16u; i++) {
            int hi = hex_nibble(a->nonce[2u * i]);
            int lo = hex_nibble(a->nonce[(2u * i) + 1u]);
            if ((hi < 0) || (lo < 0)) {
                return cli_usage_error("--nonce must be 32 hex characters", NULL);
            }
            a->nonce_bytes[i] = (uint8_t)((hi << 4) | lo);
        }
        a->nonce_left = 1;
    }
    return 0;
}

/** Parse seconds in (0, max_s] into milliseconds; @p def_ms when absent. */
static int parse_seconds(const char *opt, const char *text, double max_s, uint32_t def_ms, uint32_t *ms)
{
    char *end = NULL;
    double s;
    *ms = def_ms;
    if (text == NULL) {
        return 0;
    }
    s = strtod(text, &end);
    if ((end == text) || (*end != '\0') || !(s > 0.0) || (s > max_s)) {
        (void)fprintf(stderr, "osfn: %s must be seconds in (0, %.0f], not %s\n", opt, max_s, text);
        return CLI_EXIT_USAGE;
    }
    *ms = (uint32_t)(s * 1000.0);
    if (*ms == 0u) {
        *ms = 1u;
    }
    return 0;
}

static int resolve_timeout(cli_args_t *a)
{
    int rc = parse_seconds("--timeout", a->timeout, 3600.0, 15000u, &a->timeout_ms);
    if (rc == 0) {
        rc = parse_seconds("--interval", a->interval, 3600.0, 5000u, &a->interval_ms);
    }
    if (rc == 0) {
        rc = parse_seconds("--deadline", a->deadline, 30.0 * 86400.0, 600000u, &a->deadline_ms);
    }
    return rc;
}

/** Credentials from the environment; exit code 2 naming the variables when missing. */
static int load_credentials(cli_args_t *a)
{
    a->creds.access_key_id = getenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
    a->creds.access_key_secret = getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    a->creds.security_token = getenv("ALIBABA_CLOUD_SECURITY_TOKEN");
    if ((a->creds.access_key_id == NULL) || (a->creds.access_key_id[0] == '\0') ||
        (a->creds.access_key_secret == NULL) || (a->creds.access_key_secret[0] == '\0')) {
        (void)fprintf(stderr,
                      "osfn: missing credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and "
                      "ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS)\n");
        return CLI_EXIT_USAGE;
    }
    return 0;
}

int cli_random(void *ctx, uint8_t *buf, size_t len)
{
    cli_args_t *a = (cli_args_t *)ctx;
    if (a->nonce_left && (len == sizeof(a->nonce_bytes))) {
        /* --nonce serves the first request only: a retry must not reuse it */
        a->nonce_left = 0;
        (void)memcpy(buf, a->nonce_bytes, len);
        return 0;
    }
    return osfn_posix_random(NULL, buf, len);
}

osfn_status_t cli_build_request(cli_args_t *a, int64_t now, char *buf, size_t buf_len, size_t *len)
{
    osfn_request_opts_t o;
    o.host = a->host;
    o.credentials = &a->creds;
    o.scheme = a->scheme;
    o.time = (a->fixed_time >= 0) ? a->fixed_time : now;
    o.random = cli_random;
    o.random_ctx = a;
    if (strcmp(a->command, "instance") == 0) {
        return osfn_request_get_instance(&o, a->pos[1], a->pos[2], a->pos[3], a->output, buf, buf_len, len);
    }
    return osfn_request_get_task(&o, a->pos[1], a->pos[2], a->pos[3], a->pos[4], buf, buf_len, len);
}

int cli_exit_for_status(osfn_status_t st)
{
    if (st == OSFN_OK) {
        return CLI_EXIT_OK;
    }
    if (st == OSFN_ERR_API) {
        return CLI_EXIT_API;
    }
    if ((st >= OSFN_ERR_DNS) && (st <= OSFN_ERR_TLS_CONFIG)) {
        return CLI_EXIT_NETWORK;
    }
    if ((st >= OSFN_ERR_HTTP_MALFORMED) || (st == OSFN_ERR_RESPONSE_TOO_LARGE) ||
        (st == OSFN_ERR_TOO_FEW_TOKENS) || (st == OSFN_ERR_ARRAY_TOO_SMALL)) {
        return CLI_EXIT_RESPONSE;
    }
    return CLI_EXIT_USAGE;
}

/** Write @p len request bytes to stdout with the security token's value masked. */
static void print_masked(const char *buf, size_t len)
{
    static const char k_tok[] = "x-acs-security-token: ";
    size_t i = 0;
    while (i < len) {
        const char *line = &buf[i];
        const char *nl = memchr(line, '\n', len - i);
        size_t l = (nl != NULL) ? (size_t)(nl - line) + 1u : len - i;
        if ((l > sizeof(k_tok) - 1u) && (memcmp(line, k_tok, sizeof(k_tok) - 1u) == 0)) {
            (void)fputs("x-acs-security-token: ***\r\n", stdout);
        } else {
            (void)fwrite(line, 1, l, stdout);
        }
        i += l;
    }
}

static int print_request(cli_args_t *a)
{
    char buf[CLI_REQUEST_BUF];
    size_t len = 0;
    osfn_status_t st = cli_build_request(a, osfn_posix_epoch(NULL), buf, sizeof(buf), &len);
    if (st != OSFN_OK) {
        (void)fprintf(stderr, "osfn: cannot build the request: %s (%s)\n", osfn_strerror(st),
                      osfn_status_name(st));
        return CLI_EXIT_USAGE;
    }
    print_masked(buf, len);
    return (fflush(stdout) == 0) ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    static cli_args_t args; /* zeroed; one per process, not library state */
    int rc = parse_argv(argc, argv, &args);
    if (rc != 0) {
        return rc;
    }
    if (args.help) {
        (void)fputs(k_usage, stdout);
        return CLI_EXIT_OK;
    }
    rc = check_command(&args);
    if (rc == 0) {
        rc = resolve_endpoint(&args);
    }
    if (rc == 0) {
        rc = resolve_time_and_nonce(&args);
    }
    if (rc == 0) {
        rc = resolve_timeout(&args);
    }
    if (rc == 0) {
        rc = load_credentials(&args);
    }
    if (rc != 0) {
        return rc;
    }
    if (args.print_request) {
        return print_request(&args);
    }
    return cli_call(&args);
}
