/**
 * @file osfn_result.h
 * @brief Mapping of GetFunctionInstance and GetFunctionTask responses (and of
 *        every error body) into plain C structs, with no allocation.
 *
 * @par Input
 * The body and HTTP status delivered by osfn_http_read_response(). The body
 * buffer must be writable: strings are unescaped in place and NUL-terminated
 * inside it, so every `const char *` in a result points into the body and
 * stays valid as long as the body buffer does. Nothing is read or written
 * outside `body[0 .. body_len)`; the body does not need a terminating NUL.
 *
 * @par Tokens
 * The body is tokenized with jsmn into a token array the caller owns (one
 * ::osfn_json_token_t per JSON value or key; 20 bytes each on 32- and 64-bit
 * targets). Too few tokens gives ::OSFN_ERR_TOO_FEW_TOKENS and the exact
 * count in `tokens_needed`; the body is then still untouched, so the same
 * buffer can be parsed again with a bigger array. Passing `tokens = NULL,
 * token_count = 0` is a valid way to ask for the count. See
 * docs/response-sizing.md for sizes.
 *
 * @par Validation
 * The whole body must be one valid JSON value (RFC 8259: grammar, numbers,
 * literals, escapes, UTF-8) followed only by whitespace, nested at most
 * ::OSFN_JSON_MAX_DEPTH deep, before any field is mapped. Every string is
 * validated, but only the strings a result keeps are unescaped (in place).
 *
 * @par Keys
 * Matched ignoring ASCII case (`requestId`, `RequestId`, `REQUESTID`);
 * escapes in a key are decoded for the comparison (`"\u0063ode"` is `code`).
 * Unknown keys, objects and arrays are skipped. When a key occurs more than
 * once in the same object (in any casing), the **last occurrence wins** and
 * earlier ones are ignored entirely (not even type-checked).
 *
 * @par Absent values
 * An absent member and a member whose value is `null` are the same. Absent
 * strings are "" (never NULL); absent integers are 0 with their `has_*`
 * flag false; absent enums are `*_UNKNOWN` with raw string "".
 *
 * @par Types
 * Integer fields accept a JSON integer or a string holding one (`"123"`);
 * floats, booleans, other strings, objects and arrays give
 * ::OSFN_ERR_JSON_TYPE, values outside int64 ::OSFN_ERR_JSON_RANGE.
 * String fields accept a string or a number (given as its JSON text, e.g.
 * `generation: 3` gives "3"); a parameter's `value` also accepts `true`,
 * `false`, an object or an array, given as raw JSON text.
 *
 * @par Errors (in order of precedence)
 * 1. ::OSFN_ERR_NULL_ARG; ::OSFN_ERR_TOO_FEW_TOKENS (`tokens_needed` set).
 * 2. Body not JSON (HTML, empty, truncated, bad escape): ::OSFN_ERR_HTTP_STATUS
 *    when the HTTP status is an error (not 0 and not 2xx), else
 *    ::OSFN_ERR_JSON_MALFORMED or ::OSFN_ERR_JSON_ESCAPE. A JSON body whose
 *    root is not an object is treated the same way (::OSFN_ERR_JSON_TYPE for 2xx).
 * 3. An envelope field of the wrong type: ::OSFN_ERR_JSON_TYPE /
 *    ::OSFN_ERR_JSON_RANGE / ::OSFN_ERR_JSON_ESCAPE (::OSFN_ERR_HTTP_STATUS
 *    with an error HTTP status).
 * 4. ::OSFN_ERR_API when `code` is non-empty, or `status` is present and not
 *    "OK" (ignoring case), whatever the HTTP status and `httpCode` say. This
 *    covers gateway errors (HTTP 4xx/5xx with top-level `Code`/`Message`/
 *    `RequestId`) and the `status: OK` + `code: Instance.NotExist` form.
 * 5. ::OSFN_ERR_HTTP_STATUS: error HTTP status, JSON body without a code.
 * 6. ::OSFN_ERR_JSON_MISSING: no `result` (or `result: null`); a `result`
 *    that is not an object gives ::OSFN_ERR_JSON_TYPE.
 * 7. A result field of the wrong type (::OSFN_ERR_JSON_TYPE, _RANGE, _ESCAPE):
 *    the other fields are still mapped, the first failure is returned; treat
 *    the result as unusable.
 * 8. ::OSFN_ERR_ARRAY_TOO_SMALL: a parameter list held more entries than its
 *    capacity. Everything else in the result is mapped and valid; the first
 *    `capacity` entries are filled and `total` says how many there were.
 *
 * Whenever the body holds a `result` object it is mapped (`has_result`), also
 * under ::OSFN_ERR_API and ::OSFN_ERR_HTTP_STATUS: best effort, its own
 * mapping failures do not replace those statuses. The envelope (code,
 * message, request id, HTTP status, `httpCode`) is filled as far as the body
 * allowed in every case after step 1.
 *
 * A string that decodes to U+0000 (`\u0000`) cannot be a C string: a kept
 * field holding one gives ::OSFN_ERR_JSON_ESCAPE (elsewhere it is just valid JSON).
 *
 * `envelope.retryable` is set when the HTTP status or `httpCode` is 429 or
 * 503, or the code contains "Throttling" (ignoring case).
 */
#ifndef OSFN_RESULT_H
#define OSFN_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_status.h"

/* ---- the token type (jsmn) --------------------------------------------------
 * osfn needs jsmn's token layout with parent links. If you use jsmn yourself,
 * include <jsmn.h> with JSMN_PARENT_LINKS defined BEFORE this header; if this
 * header comes first it includes jsmn.h in declaration-only mode, and a later
 * #include <jsmn.h> of yours would then be empty (its include guard is set). */
#if defined(JSMN_H) && !defined(JSMN_PARENT_LINKS)
#error "osfn_result.h: jsmn.h was included without JSMN_PARENT_LINKS; osfn needs that token layout"
#endif
#ifndef JSMN_PARENT_LINKS
#define JSMN_PARENT_LINKS
#endif
#ifndef JSMN_H
#ifndef JSMN_HEADER
#define JSMN_HEADER
#define OSFN_RESULT_DEFINED_JSMN_HEADER
#endif
#include <jsmn.h>
#ifdef OSFN_RESULT_DEFINED_JSMN_HEADER
#undef JSMN_HEADER
#undef OSFN_RESULT_DEFINED_JSMN_HEADER
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** @brief One JSON token (jsmn's `jsmntok_t` with parent links); declare arrays of it. */
typedef jsmntok_t osfn_json_token_t;

/* ---- envelope (both calls) ---------------------------------------------- */

/** @brief The response envelope and error information, common to both calls. */
typedef struct osfn_envelope {
    uint16_t http_status;    /**< HTTP status passed to the parse call (0 = not given). */
    const char *status;      /**< Envelope `status`, "OK" on success; "" when absent. */
    int64_t http_code;       /**< Envelope `httpCode`; meaningful when @ref has_http_code. */
    bool has_http_code;      /**< True when `httpCode` was present. */
    const char *request_id;  /**< `requestId`; "" when absent. Quote it in support requests. */
    const char *code;        /**< API error code (e.g. "Instance.NotExist"); "" when no error. */
    const char *message;     /**< Error or status message; "" when absent. */
    int64_t latency_ms;      /**< Server-side `latency` in ms; meaningful when @ref has_latency. */
    bool has_latency;        /**< True when `latency` was present. */
    bool retryable;          /**< True for HTTP/httpCode 429 or 503, or a code containing "Throttling". */
} osfn_envelope_t;

/* ---- GetFunctionInstance --------------------------------------------------- */

/** @brief Instance `status`. */
typedef enum osfn_instance_status {
    OSFN_INSTANCE_STATUS_UNKNOWN = 0,   /**< Absent or a value this version does not know (see the raw string). */
    OSFN_INSTANCE_STATUS_AVAILABLE,     /**< `available`: a trained model can be used. */
    OSFN_INSTANCE_STATUS_UNAVAILABLE    /**< `unavailable`: no model yet; train first. */
} osfn_instance_status_t;

/** @brief Instance `source`: who created it. */
typedef enum osfn_instance_source {
    OSFN_INSTANCE_SOURCE_UNKNOWN = 0,   /**< Absent or unknown value. */
    OSFN_INSTANCE_SOURCE_USER,          /**< `user`: created by a user. */
    OSFN_INSTANCE_SOURCE_BUILTIN        /**< `builtin`: created by the system. */
} osfn_instance_source_t;

/** @brief Training task `dagStatus` of an instance. */
typedef enum osfn_dag_status {
    OSFN_DAG_STATUS_UNKNOWN = 0,        /**< Absent or unknown value. */
    OSFN_DAG_STATUS_SUCCESS,            /**< `success`. */
    OSFN_DAG_STATUS_FAILED,             /**< `failed`. */
    OSFN_DAG_STATUS_UNTRAINED,          /**< `untrained`: to be trained. */
    OSFN_DAG_STATUS_PENDING,            /**< `pending`: being scheduled. */
    OSFN_DAG_STATUS_RUNNING             /**< `running`: being trained. */
} osfn_dag_status_t;

/** @brief One `{name, value}` entry of `createParameters` / `usageParameters`. */
typedef struct osfn_param {
    const char *name;   /**< `name`; "" when absent. */
    const char *value;  /**< `value`; "" when absent; non-string values as raw JSON text. */
} osfn_param_t;

/**
 * @brief A caller-provided array of parameters.
 *
 * Set @ref items and @ref capacity before the parse call (all zero is valid:
 * no room). The parse keeps them and writes @ref count and @ref total.
 */
typedef struct osfn_param_list {
    osfn_param_t *items;  /**< In: caller's array (may be NULL when capacity is 0). */
    size_t capacity;      /**< In: number of entries @ref items can hold. */
    size_t count;         /**< Out: entries filled, min(total, capacity). */
    size_t total;         /**< Out: entries in the response; > capacity means ::OSFN_ERR_ARRAY_TOO_SMALL. */
} osfn_param_list_t;

/** @brief Instance `belongs`: where the instance applies. */
typedef struct osfn_belongs {
    const char *domain;    /**< Industry, e.g. "ecommerce"; "" when absent. */
    const char *category;  /**< Category, e.g. "general"; "" when absent. */
    const char *language;  /**< Language, e.g. "zh(Default)"; "" when absent. */
} osfn_belongs_t;

/** @brief Instance `task`: the training task (output=detail only). */
typedef struct osfn_instance_task {
    osfn_dag_status_t dag_status;  /**< `dagStatus` as an enum. */
    const char *dag_status_raw;    /**< `dagStatus` as sent; "" when absent. */
    int64_t last_run_time;         /**< `lastRunTime` in ms; meaningful when @ref has_last_run_time. */
    bool has_last_run_time;        /**< True when `lastRunTime` was present. */
    int64_t progress;              /**< `progress` (90 = 90 %); meaningful when @ref has_progress. */
    bool has_progress;             /**< True when `progress` was present. */
} osfn_instance_task_t;

/** @brief Result of GetFunctionInstance. Strings point into the body buffer. */
typedef struct osfn_instance {
    osfn_envelope_t envelope;        /**< Envelope and error information. */
    size_t tokens_needed;            /**< Tokens the body needs (set on success and on ::OSFN_ERR_TOO_FEW_TOKENS). */
    bool has_result;                 /**< True when the body held a `result` object. */
    int64_t version_id;              /**< `versionId`; meaningful when @ref has_version_id. */
    bool has_version_id;             /**< True when `versionId` was present. */
    const char *instance_name;       /**< `instanceName`; "" when absent. */
    const char *function_name;       /**< `functionName`, e.g. "ctr"; "" when absent. */
    const char *function_type;       /**< `functionType`, e.g. "PAAS"; "" when absent. */
    const char *model_type;          /**< `modelType`, e.g. "tf_checkpoint"; "" when absent. */
    const char *description;         /**< `description`; "" when absent. */
    osfn_instance_status_t status;   /**< `status` as an enum. */
    const char *status_raw;          /**< `status` as sent; "" when absent. */
    osfn_instance_source_t source;   /**< `source` as an enum. */
    const char *source_raw;          /**< `source` as sent; "" when absent. */
    osfn_belongs_t belongs;          /**< `belongs` (all "" when absent). */
    int64_t create_time;             /**< `createTime`, ms since the epoch; meaningful when @ref has_create_time. */
    bool has_create_time;            /**< True when `createTime` was present. */
    osfn_param_list_t create_parameters; /**< `createParameters` (normal, detail); set items/capacity before the call. */
    osfn_param_list_t usage_parameters;  /**< `usageParameters`; set items/capacity before the call. */
    const char *extend_info;         /**< `extendInfo`, unescaped once (usually JSON text; see osfn_extend_info_parse()); "" when absent. */
    const char *cron;                /**< `cron`; "" = no periodic training (or absent). */
    bool has_task;                   /**< True when `task` was present (output=detail with a task). */
    osfn_instance_task_t task;       /**< `task`; meaningful when @ref has_task. */
} osfn_instance_t;

/* ---- GetFunctionTask -------------------------------------------------------- */

/** @brief Training task `status`. */
typedef enum osfn_task_status {
    OSFN_TASK_STATUS_UNKNOWN = 0,  /**< Absent or unknown value. */
    OSFN_TASK_STATUS_SUCCESS,      /**< `success`. */
    OSFN_TASK_STATUS_FAILED,       /**< `failed`. */
    OSFN_TASK_STATUS_RUNNING       /**< `running`. */
} osfn_task_status_t;

/** @brief Result of GetFunctionTask. Strings point into the body buffer. */
typedef struct osfn_task {
    osfn_envelope_t envelope;      /**< Envelope and error information. */
    size_t tokens_needed;          /**< Tokens the body needs (set on success and on ::OSFN_ERR_TOO_FEW_TOKENS). */
    bool has_result;               /**< True when the body held a `result` object. */
    int64_t start_time;            /**< `startTime`, ms since the epoch; meaningful when @ref has_start_time. */
    bool has_start_time;           /**< True when `startTime` was present. */
    int64_t end_time;              /**< `endTime`, ms since the epoch; meaningful when @ref has_end_time. */
    bool has_end_time;             /**< True when `endTime` was present. */
    const char *extend_info;       /**< `extendInfo`, unescaped once; "" when absent. */
    const char *function_name;     /**< `functionName`; "" when absent. */
    const char *generation;        /**< `generation` (a number is given as its text); "" when absent. */
    int64_t progress;              /**< `progress` (90 = 90 %); meaningful when @ref has_progress. */
    bool has_progress;             /**< True when `progress` was present. */
    const char *run_id;            /**< `runId`, e.g. "trigger__2021-03-05T12:18:41"; "" when absent. */
    osfn_task_status_t status;     /**< `status` as an enum. */
    const char *status_raw;        /**< `status` as sent; "" when absent. */
} osfn_task_t;

/* ---- parse calls -------------------------------------------------------------- */

/**
 * @brief Map a GetFunctionInstance response.
 *
 * Before the call set `out->create_parameters.items/.capacity` and
 * `out->usage_parameters.items/.capacity` (or zero the struct); every other
 * field is overwritten.
 *
 * @param[in,out] body Response body; modified in place (strings unescaped and
 *                NUL-terminated). May be NULL only when @p body_len is 0.
 * @param[in] body_len Body length in bytes.
 * @param[in] http_status HTTP status of the response (0 when unknown: treated as 2xx).
 * @param[out] tokens Token array (NULL allowed when @p token_count is 0).
 * @param[in] token_count Entries in @p tokens.
 * @param[in,out] out Result; see the file description for what is valid after each status.
 * @return ::OSFN_OK or an error as listed in the file description.
 */
osfn_status_t osfn_parse_instance(char *body, size_t body_len, uint16_t http_status,
                                  osfn_json_token_t *tokens, size_t token_count,
                                  osfn_instance_t *out);

/**
 * @brief Map a GetFunctionTask response.
 *
 * @param[in,out] body Response body; modified in place. May be NULL only when @p body_len is 0.
 * @param[in] body_len Body length in bytes.
 * @param[in] http_status HTTP status of the response (0 when unknown: treated as 2xx).
 * @param[out] tokens Token array (NULL allowed when @p token_count is 0).
 * @param[in] token_count Entries in @p tokens.
 * @param[out] out Result; fully overwritten.
 * @return ::OSFN_OK or an error as listed in the file description
 *         (never ::OSFN_ERR_ARRAY_TOO_SMALL).
 */
osfn_status_t osfn_parse_task(char *body, size_t body_len, uint16_t http_status,
                              osfn_json_token_t *tokens, size_t token_count, osfn_task_t *out);

/**
 * @brief Count the tokens a JSON text needs, without validating it.
 *
 * @param[in] json Text (not necessarily NUL-terminated; a NUL byte ends it).
 * @param[in] len Its length.
 * @param[out] count Token count; exact for valid JSON.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG, ::OSFN_ERR_JSON_MALFORMED (unterminated
 *         string, a number at the very end of the text as in a bare top-level
 *         `1`, a byte jsmn rejects), ::OSFN_ERR_JSON_ESCAPE (bad escape letter),
 *         ::OSFN_ERR_RESPONSE_TOO_LARGE (longer than jsmn's `int` offsets).
 */
osfn_status_t osfn_json_count_tokens(const char *json, size_t len, size_t *count);

/**
 * @brief Wire name of an instance status.
 * @param[in] s Any value, including ones not in the enum.
 * @return "available", "unavailable" or "unknown" (also for values not in the enum); never NULL.
 */
const char *osfn_instance_status_name(osfn_instance_status_t s);
/**
 * @brief Wire name of an instance source.
 * @param[in] s Any value, including ones not in the enum.
 * @return "user", "builtin" or "unknown"; never NULL.
 */
const char *osfn_instance_source_name(osfn_instance_source_t s);
/**
 * @brief Wire name of a training task `dagStatus`.
 * @param[in] s Any value, including ones not in the enum.
 * @return "success", "failed", "untrained", "pending", "running" or "unknown"; never NULL.
 */
const char *osfn_dag_status_name(osfn_dag_status_t s);
/**
 * @brief Wire name of a task status.
 * @param[in] s Any value, including ones not in the enum.
 * @return "success", "failed", "running" or "unknown"; never NULL.
 */
const char *osfn_task_status_name(osfn_task_status_t s);

/* ---- extendInfo as JSON (optional) ---------------------------------------- */

/** @brief Kind of a JSON value, as reported by osfn_extend_info_member(). */
typedef enum osfn_json_kind {
    OSFN_JSON_KIND_NULL = 0,  /**< `null`. */
    OSFN_JSON_KIND_BOOL,      /**< `true` or `false`. */
    OSFN_JSON_KIND_NUMBER,    /**< A number. */
    OSFN_JSON_KIND_STRING,    /**< A string. */
    OSFN_JSON_KIND_OBJECT,    /**< An object. */
    OSFN_JSON_KIND_ARRAY      /**< An array. */
} osfn_json_kind_t;

/**
 * @brief A parsed `extendInfo` object: a read-only view over the string and a token array.
 *
 * Fill it with osfn_extend_info_parse(); read it with osfn_extend_info_member()
 * and friends. The string is never modified.
 */
typedef struct osfn_extend_info {
    const char *json;            /**< The extendInfo string. */
    size_t len;                  /**< Its length. */
    osfn_json_token_t *tokens;   /**< The caller's tokens; NULL after a failed parse (the getters then report ::OSFN_ERR_JSON_MISSING). */
    size_t token_count;          /**< Tokens used; on ::OSFN_ERR_TOO_FEW_TOKENS, tokens needed. */
} osfn_extend_info_t;

/**
 * @brief Parse an `extendInfo` string (e.g. `{"recall":91,"errors":[]}`) as a JSON object.
 *
 * @param[in] extend_info NUL-terminated string (e.g. osfn_task_t::extend_info); not modified.
 * @param[out] tokens Token array (NULL allowed when @p token_count is 0).
 * @param[in] token_count Entries in @p tokens.
 * @param[out] out The view; `token_count` holds the tokens needed on ::OSFN_ERR_TOO_FEW_TOKENS.
 * @return ::OSFN_OK; ::OSFN_ERR_NULL_ARG; ::OSFN_ERR_TOO_FEW_TOKENS;
 *         ::OSFN_ERR_JSON_MALFORMED / ::OSFN_ERR_JSON_ESCAPE when the string is not
 *         valid JSON (an empty string, or the twice-escaped form some responses carry);
 *         ::OSFN_ERR_JSON_TYPE when it is JSON but not an object.
 */
osfn_status_t osfn_extend_info_parse(const char *extend_info, osfn_json_token_t *tokens,
                                     size_t token_count, osfn_extend_info_t *out);

/**
 * @brief Look up a top-level member of a parsed extendInfo (key ignoring ASCII case, last wins).
 *
 * @param[in] info Filled by osfn_extend_info_parse() with ::OSFN_OK.
 * @param[in] key Member name, NUL-terminated.
 * @param[out] kind Kind of the value.
 * @param[out] size Elements of an array or members of an object; 0 for other kinds.
 *             May be NULL. (`errors` is an empty array: kind ARRAY, size 0.)
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG, ::OSFN_ERR_JSON_MISSING (no such member).
 */
osfn_status_t osfn_extend_info_member(const osfn_extend_info_t *info, const char *key,
                                      osfn_json_kind_t *kind, size_t *size);

/**
 * @brief Read a top-level integer member (e.g. `recall`) of a parsed extendInfo.
 *
 * @param[in] info Filled by osfn_extend_info_parse() with ::OSFN_OK.
 * @param[in] key Member name, NUL-terminated.
 * @param[out] value The integer (a numeric string is accepted too).
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG, ::OSFN_ERR_JSON_MISSING (absent or null),
 *         ::OSFN_ERR_JSON_TYPE, ::OSFN_ERR_JSON_RANGE.
 */
osfn_status_t osfn_extend_info_get_int(const osfn_extend_info_t *info, const char *key,
                                       int64_t *value);

/**
 * @brief Copy a top-level string member of a parsed extendInfo, unescaped, into @p buf.
 *
 * @param[in] info Filled by osfn_extend_info_parse() with ::OSFN_OK.
 * @param[in] key Member name, NUL-terminated.
 * @param[out] buf Destination; NUL-terminated on success.
 * @param[in] buf_size Size of @p buf, including room for the NUL.
 * @param[out] out_len Decoded length without the NUL (also set on
 *             ::OSFN_ERR_BUFFER_TOO_SMALL: the buffer needs out_len + 1). May be NULL.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG, ::OSFN_ERR_JSON_MISSING, ::OSFN_ERR_JSON_TYPE,
 *         ::OSFN_ERR_BUFFER_TOO_SMALL, ::OSFN_ERR_JSON_ESCAPE (holds `\u0000`).
 */
osfn_status_t osfn_extend_info_get_string(const osfn_extend_info_t *info, const char *key,
                                          char *buf, size_t buf_size, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif /* OSFN_RESULT_H */
