/**
 * @file osfn_config_defaults.h
 * @brief Every compile-time tunable of osfn, with its default.
 *
 * Override a value in one of three ways, in this order of precedence:
 * 1. define it on the compiler command line (`-DOSFN_DEFAULT_TIMEOUT_MS=5000`);
 * 2. define `OSFN_CONFIG_FILE` as a header name (`-DOSFN_CONFIG_FILE='"my_osfn_config.h"'`)
 *    and define the values there;
 * 3. under Zephyr or ESP-IDF, set the Kconfig symbol `CONFIG_OSFN_<NAME>` (the top-level
 *    `Kconfig` defines them all); elsewhere, a header of `#define CONFIG_OSFN_...` lines
 *    generated from a `.config` (kconfiglib's `genconfig`) can be given as `OSFN_CONFIG_FILE`.
 * Anything left undefined takes the default below. Kconfig booleans follow its header
 * convention: `CONFIG_X` defined (as 1) when y, absent when n; with `CONFIG_OSFN` defined,
 * an absent feature symbol means the feature is off.
 */
#ifndef OSFN_CONFIG_DEFAULTS_H
#define OSFN_CONFIG_DEFAULTS_H

#ifdef OSFN_CONFIG_FILE
#include OSFN_CONFIG_FILE
#endif

/** @brief Library version, as sent in `user-agent: osfn/<version>`. */
#define OSFN_VERSION_STRING "0.1.0"
/** @brief Major version number. */
#define OSFN_VERSION_MAJOR 0
/** @brief Minor version number. */
#define OSFN_VERSION_MINOR 1
/** @brief Patch version number. */
#define OSFN_VERSION_PATCH 0

/** @brief Compile the ROA (HMAC-SHA1, `acs`) signature scheme in (1) or out (0). */
#ifndef OSFN_ENABLE_ROA
#if defined(CONFIG_OSFN_ENABLE_ROA)
#define OSFN_ENABLE_ROA 1
#elif defined(CONFIG_OSFN) && !defined(CONFIG_OSFN_ENABLE_ROA)
#define OSFN_ENABLE_ROA 0
#else
#define OSFN_ENABLE_ROA 1
#endif
#endif

/** @brief Compile the watch helper (osfn_watch.h) in (1) or out (0). */
#ifndef OSFN_ENABLE_WATCH
#if defined(CONFIG_OSFN_ENABLE_WATCH)
#define OSFN_ENABLE_WATCH 1
#elif defined(CONFIG_OSFN) && !defined(CONFIG_OSFN_ENABLE_WATCH)
#define OSFN_ENABLE_WATCH 0
#else
#define OSFN_ENABLE_WATCH 1
#endif
#endif

/**
 * @brief Keep the English descriptions behind osfn_strerror() (1), or drop them (0):
 *        osfn_strerror() then returns the enum name, as osfn_status_name() does,
 *        and about 1.3 KB of read-only data leaves the image.
 */
#ifndef OSFN_ENABLE_STATUS_TEXT
#if defined(CONFIG_OSFN_ENABLE_STATUS_TEXT)
#define OSFN_ENABLE_STATUS_TEXT 1
#elif defined(CONFIG_OSFN) && !defined(CONFIG_OSFN_ENABLE_STATUS_TEXT)
#define OSFN_ENABLE_STATUS_TEXT 0
#else
#define OSFN_ENABLE_STATUS_TEXT 1
#endif
#endif

/**
 * @brief The signature scheme an application should pick by default: 1 for ROA
 *        (::OSFN_SIG_ROA), 0 for V3 (::OSFN_SIG_V3). The client signs with the scheme
 *        in its configuration; this only carries the build's choice to the application
 *        (`cfg.scheme = OSFN_DEFAULT_SIG_ROA ? OSFN_SIG_ROA : OSFN_SIG_V3;`).
 */
#ifndef OSFN_DEFAULT_SIG_ROA
#if defined(CONFIG_OSFN_DEFAULT_SIG_ROA)
#define OSFN_DEFAULT_SIG_ROA 1
#else
#define OSFN_DEFAULT_SIG_ROA 0
#endif
#endif
#if OSFN_DEFAULT_SIG_ROA && !OSFN_ENABLE_ROA
#error "OSFN_DEFAULT_SIG_ROA is 1 but ROA is compiled out (OSFN_ENABLE_ROA 0)"
#endif

/** @brief Seconds after which a TCP connect attempt is abandoned, in ms. */
#ifndef OSFN_CONNECT_TIMEOUT_MS
#ifdef CONFIG_OSFN_CONNECT_TIMEOUT_MS
#define OSFN_CONNECT_TIMEOUT_MS CONFIG_OSFN_CONNECT_TIMEOUT_MS
#else
#define OSFN_CONNECT_TIMEOUT_MS 10000u
#endif
#endif

/** @brief Deadline for the TLS handshake, in ms. */
#ifndef OSFN_HANDSHAKE_TIMEOUT_MS
#ifdef CONFIG_OSFN_HANDSHAKE_TIMEOUT_MS
#define OSFN_HANDSHAKE_TIMEOUT_MS CONFIG_OSFN_HANDSHAKE_TIMEOUT_MS
#else
#define OSFN_HANDSHAKE_TIMEOUT_MS 10000u
#endif
#endif

/** @brief Deadline for sending a request and receiving its whole response, in ms. */
#ifndef OSFN_RESPONSE_TIMEOUT_MS
#ifdef CONFIG_OSFN_RESPONSE_TIMEOUT_MS
#define OSFN_RESPONSE_TIMEOUT_MS CONFIG_OSFN_RESPONSE_TIMEOUT_MS
#else
#define OSFN_RESPONSE_TIMEOUT_MS 15000u
#endif
#endif

/** @brief Attempts per call, the first included (1 = never retry). */
#ifndef OSFN_RETRY_MAX_ATTEMPTS
#ifdef CONFIG_OSFN_RETRY_MAX_ATTEMPTS
#define OSFN_RETRY_MAX_ATTEMPTS CONFIG_OSFN_RETRY_MAX_ATTEMPTS
#else
#define OSFN_RETRY_MAX_ATTEMPTS 3u
#endif
#endif

/** @brief First backoff ceiling in ms; doubled per attempt (full jitter below it). */
#ifndef OSFN_RETRY_BASE_DELAY_MS
#ifdef CONFIG_OSFN_RETRY_BASE_DELAY_MS
#define OSFN_RETRY_BASE_DELAY_MS CONFIG_OSFN_RETRY_BASE_DELAY_MS
#else
#define OSFN_RETRY_BASE_DELAY_MS 200u
#endif
#endif

/** @brief Largest backoff between two attempts, in ms (a longer Retry-After ends the retries). */
#ifndef OSFN_RETRY_MAX_DELAY_MS
#ifdef CONFIG_OSFN_RETRY_MAX_DELAY_MS
#define OSFN_RETRY_MAX_DELAY_MS CONFIG_OSFN_RETRY_MAX_DELAY_MS
#else
#define OSFN_RETRY_MAX_DELAY_MS 5000u
#endif
#endif

/** @brief All attempts of one call, sleeps included, must end within this time (ms). */
#ifndef OSFN_RETRY_TOTAL_DEADLINE_MS
#ifdef CONFIG_OSFN_RETRY_TOTAL_DEADLINE_MS
#define OSFN_RETRY_TOTAL_DEADLINE_MS CONFIG_OSFN_RETRY_TOTAL_DEADLINE_MS
#else
#define OSFN_RETRY_TOTAL_DEADLINE_MS 30000u
#endif
#endif

/** @brief Clock skew (s) between the server's Date and the device that makes the client correct its time. */
#ifndef OSFN_SKEW_THRESHOLD_S
#ifdef CONFIG_OSFN_SKEW_THRESHOLD_S
#define OSFN_SKEW_THRESHOLD_S CONFIG_OSFN_SKEW_THRESHOLD_S
#else
#define OSFN_SKEW_THRESHOLD_S 30
#endif
#endif

/** @brief Largest HTTP header section (status line + headers) the reader accepts, in bytes. */
#ifndef OSFN_HTTP_MAX_HEAD
#ifdef CONFIG_OSFN_HTTP_MAX_HEAD
#define OSFN_HTTP_MAX_HEAD CONFIG_OSFN_HTTP_MAX_HEAD
#else
#define OSFN_HTTP_MAX_HEAD 8192u
#endif
#endif

/** @brief Most 1xx interim responses skipped before the reader gives up. */
#ifndef OSFN_HTTP_MAX_INTERIM
#ifdef CONFIG_OSFN_HTTP_MAX_INTERIM
#define OSFN_HTTP_MAX_INTERIM CONFIG_OSFN_HTTP_MAX_INTERIM
#else
#define OSFN_HTTP_MAX_INTERIM 4u
#endif
#endif

/** @brief Deepest JSON nesting the mapper walks (objects and arrays). */
#ifndef OSFN_JSON_MAX_DEPTH
#ifdef CONFIG_OSFN_JSON_MAX_DEPTH
#define OSFN_JSON_MAX_DEPTH CONFIG_OSFN_JSON_MAX_DEPTH
#else
#define OSFN_JSON_MAX_DEPTH 32u
#endif
#endif

/**
 * @brief Recommended size of the client's buffer (request, then the whole response), in
 *        bytes: size static buffers with it (`static uint8_t buf[OSFN_RESPONSE_BUF_SIZE];`).
 *        The library never uses it itself; see docs/response-sizing.md.
 */
#ifndef OSFN_RESPONSE_BUF_SIZE
#ifdef CONFIG_OSFN_RESPONSE_BUF_SIZE
#define OSFN_RESPONSE_BUF_SIZE CONFIG_OSFN_RESPONSE_BUF_SIZE
#else
#define OSFN_RESPONSE_BUF_SIZE 4096u
#endif
#endif

/**
 * @brief Recommended number of JSON tokens for the client's token array (about 20 bytes
 *        each); a short array is reported with the exact count needed.
 */
#ifndef OSFN_JSON_TOKENS
#ifdef CONFIG_OSFN_JSON_TOKENS
#define OSFN_JSON_TOKENS CONFIG_OSFN_JSON_TOKENS
#else
#define OSFN_JSON_TOKENS 128u
#endif
#endif

/** @brief Default host suffix: the endpoint is `opensearch.<region>` OSFN_HOST_SUFFIX. */
#ifndef OSFN_HOST_SUFFIX
#ifdef CONFIG_OSFN_HOST_SUFFIX
#define OSFN_HOST_SUFFIX CONFIG_OSFN_HOST_SUFFIX
#else
#define OSFN_HOST_SUFFIX ".aliyuncs.com"
#endif
#endif

/** @brief Default region when none is given. */
#ifndef OSFN_DEFAULT_REGION
#ifdef CONFIG_OSFN_DEFAULT_REGION
#define OSFN_DEFAULT_REGION CONFIG_OSFN_DEFAULT_REGION
#else
#define OSFN_DEFAULT_REGION "cn-hangzhou"
#endif
#endif

#endif /* OSFN_CONFIG_DEFAULTS_H */
