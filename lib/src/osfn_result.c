/**
 * @file osfn_result.c
 * @brief Mapping of the envelope, the instance result, the task result and
 *        every error form onto the structs of osfn_result.h.
 *
 * Each field is looked up by name in its object (case-insensitive, last
 * occurrence wins) with osfn__json_find(); nothing is recursive. A result
 * keeps going after a field fails so that as much as possible is filled,
 * and reports the first failure.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "osfn/osfn_result.h"
#include "osfn/osfn_status.h"
#include "osfn_json.h"
#include "osfn_util.h"

/** "No such token": an index past any token array. */
#define OSFN__NO_TOKEN ((size_t)-1)

/* Wire names, indexed by enum value; index 0 is the UNKNOWN value. */
static const char *const k_instance_status_names[] = {"unknown", "available", "unavailable"};
static const char *const k_instance_source_names[] = {"unknown", "user", "builtin"};
static const char *const k_dag_status_names[] = {"unknown", "success", "failed", "untrained",
                                                 "pending", "running"};
static const char *const k_task_status_names[] = {"unknown", "success", "failed", "running"};

/** Number of entries of a name table. */
#define OSFN__COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- small helpers ----------------------------------------------------------- */

/** The first failure of a sequence: @p a unless it is OK. */
/*@ assigns \nothing;
    ensures \result == (a != OSFN_OK ? a : b); */
static osfn_status_t keep_first(osfn_status_t a, osfn_status_t b)
{
    return (a != OSFN_OK) ? a : b;
}

/** An HTTP status that is known and not 2xx. */
/*@ assigns \nothing; */
static bool is_http_error(uint16_t status)
{
    return (status != 0u) && ((status < 200u) || (status > 299u));
}

/** Index (>= 1) of @p raw in @p names (ignoring case), or 0 (unknown). */
/*@ requires cstr(raw);
    requires 1 <= count && \valid_read(names + (0 .. count - 1));
    assigns \nothing;
    ensures \result < count; */
static size_t name_index(const char *const *names, size_t count, const char *raw)
{
    size_t len = strlen(raw);
    size_t i;
    /*@ loop invariant 1 <= i <= count;
        loop assigns i;
        loop variant count - i; */
    for (i = 1u; i < count; i++) {
        /*@ assert valid_read_string(names[i]); */
        if (osfn__ci_equal(raw, len, names[i])) {
            return i;
        }
    }
    return 0u;
}

/** Name of enum value @p v from @p names, "unknown" when out of range. */
static const char *name_of(const char *const *names, size_t count, int v)
{
    return ((v > 0) && ((size_t)v < count)) ? names[v] : names[0];
}

/* ---- field mappers --------------------------------------------------------------- */

/**
 * Map member @p key of object @p obj to a string: a string (unescaped in
 * place) or a number (its text). Absent or null leaves *dst unchanged ("").
 */
/*@ requires nav(doc) && doc->mut != \null;
    requires valid_read_string(key);
    requires \valid(dst) && \separated(dst, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires lit0(*dst, doc);
    assigns *dst, doc->mut[0 .. doc->len - 1];
    ensures cstr(*dst);
    ensures nav(doc); */
static osfn_status_t map_string(const osfn__json_t *doc, size_t obj, const char *key,
                                const char **dst)
{
    size_t v = 0u;
    osfn_json_kind_t k;
    if (!osfn__json_find(doc, obj, key, &v)) {
        return OSFN_OK;
    }
    k = osfn__json_kind(doc, v);
    if (k == OSFN_JSON_KIND_NULL) {
        return OSFN_OK;
    }
    if ((k != OSFN_JSON_KIND_STRING) && (k != OSFN_JSON_KIND_NUMBER)) {
        return OSFN_ERR_JSON_TYPE;
    }
    return osfn__json_terminate(doc, v, dst);
}

/** Map member @p key to text whatever its kind (strings unescaped, others raw JSON). */
/*@ requires nav(doc) && doc->mut != \null;
    requires valid_read_string(key);
    requires \valid(dst) && \separated(dst, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires lit0(*dst, doc);
    assigns *dst, doc->mut[0 .. doc->len - 1];
    ensures cstr(*dst);
    ensures nav(doc); */
static osfn_status_t map_any_as_text(const osfn__json_t *doc, size_t obj, const char *key,
                                     const char **dst)
{
    size_t v = 0u;
    if (!osfn__json_find(doc, obj, key, &v) || (osfn__json_kind(doc, v) == OSFN_JSON_KIND_NULL)) {
        return OSFN_OK;
    }
    return osfn__json_terminate(doc, v, dst);
}

/** Map member @p key to an int64 and its presence flag. Absent or null: *has stays false. */
/*@ requires nav(doc);
    requires valid_read_string(key);
    requires \valid(dst) && \separated(dst, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1)) && \valid(has) && \separated(has, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires \separated(dst, has);
    assigns *dst, *has;
    ensures nav(doc); */
static osfn_status_t map_int(const osfn__json_t *doc, size_t obj, const char *key, int64_t *dst,
                             bool *has)
{
    size_t v = 0u;
    int64_t n = 0;
    osfn_status_t st;
    if (!osfn__json_find(doc, obj, key, &v) || (osfn__json_kind(doc, v) == OSFN_JSON_KIND_NULL)) {
        return OSFN_OK;
    }
    st = osfn__json_get_int64(doc, v, &n);
    if (st == OSFN_OK) {
        *dst = n;
        *has = true;
    }
    return st;
}

/**
 * Find member @p key of @p obj that must be an object (or absent/null).
 * @return OK with *found = index or ::OSFN__NO_TOKEN; TYPE for another kind.
 */
/*@ requires nav(doc);
    requires valid_read_string(key);
    requires \valid(found) && \separated(found, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    assigns *found;
    ensures *found == OSFN__NO_TOKEN || *found < doc->count;
    ensures nav(doc); */
static osfn_status_t find_object(const osfn__json_t *doc, size_t obj, const char *key, size_t *found)
{
    size_t v = 0u;
    osfn_json_kind_t k;
    *found = OSFN__NO_TOKEN;
    if (!osfn__json_find(doc, obj, key, &v)) {
        return OSFN_OK;
    }
    k = osfn__json_kind(doc, v);
    if (k == OSFN_JSON_KIND_NULL) {
        return OSFN_OK;
    }
    if (k != OSFN_JSON_KIND_OBJECT) {
        return OSFN_ERR_JSON_TYPE;
    }
    *found = v;
    return OSFN_OK;
}

/** Map one `{name, value}` element at token @p e. */
/*@ requires nav(doc) && e < doc->count && doc->mut != \null;
    requires \valid(p) && \separated(p, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    assigns p->name, p->value, doc->mut[0 .. doc->len - 1];
    ensures nav(doc); */
static osfn_status_t map_param(const osfn__json_t *doc, size_t e, osfn_param_t *p)
{
    osfn_status_t st;
    p->name = "";
    p->value = "";
    /*@ assert lit0(p->name, doc) && lit0(p->value, doc); */
    if (osfn__json_kind(doc, e) != OSFN_JSON_KIND_OBJECT) {
        return OSFN_ERR_JSON_TYPE;
    }
    st = map_string(doc, e, "name", &p->name);
    return keep_first(st, map_any_as_text(doc, e, "value", &p->value));
}

/**
 * Map the array member @p key into @p list: count every element, fill the
 * first `capacity`. Being short is not an error here (see list->total).
 */
/*@ requires nav(doc) && doc->mut != \null;
    requires valid_read_string(key);
    requires \valid(list) && \separated(list, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires \valid(list->items + (0 .. list->capacity - 1));
    requires \separated(list->items + (0 .. list->capacity - 1), doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires \separated(list, list->items + (0 .. list->capacity - 1));
    assigns list->count, list->total, list->items[0 .. list->capacity - 1],
            doc->mut[0 .. doc->len - 1];
    ensures nav(doc); */
static osfn_status_t map_params(const osfn__json_t *doc, size_t obj, const char *key,
                                osfn_param_list_t *list)
{
    size_t arr = 0u;
    size_t e;
    size_t i;
    osfn_json_kind_t k;
    osfn_status_t st = OSFN_OK;
    osfn_param_t *items = list->items;
    size_t cap = list->capacity;
    size_t total;
    list->count = 0u;
    list->total = 0u;
    if (!osfn__json_find(doc, obj, key, &arr)) {
        return OSFN_OK;
    }
    k = osfn__json_kind(doc, arr);
    if (k == OSFN_JSON_KIND_NULL) {
        return OSFN_OK;
    }
    if (k != OSFN_JSON_KIND_ARRAY) {
        return OSFN_ERR_JSON_TYPE;
    }
    list->total = osfn__json_size(doc, arr);
    total = list->total;
    e = arr + 1u;
    /* e < doc->count always holds for jsmn's sizes; checked so that no read depends on them. */
    /*@ loop invariant 0 <= i <= cap;
        loop invariant arr < e;
        loop invariant nav(doc);
        loop assigns i, e, st, items[0 .. cap - 1], doc->mut[0 .. doc->len - 1];
        loop variant cap - i; */
    for (i = 0u; (i < total) && (i < cap) && (e < doc->count); i++) {
        st = keep_first(st, map_param(doc, e, &items[i]));
        e = osfn__json_skip(doc, e);
    }
    list->count = i;
    return st;
}

/* ---- envelope ---------------------------------------------------------------------- */

/** Reset an envelope: every string "", every flag false. */
static void envelope_reset(osfn_envelope_t *env, uint16_t http_status)
{
    (void)memset(env, 0, sizeof(*env));
    env->http_status = http_status;
    env->status = "";
    env->request_id = "";
    env->code = "";
    env->message = "";
}

/** The `status` member says the call failed: non-empty and not "OK". */
/*@ requires \valid_read(env) && cstr(env->status);
    assigns \nothing; */
static bool status_is_error(const osfn_envelope_t *env)
{
    return (env->status[0] != '\0') && !osfn__ci_equal(env->status, strlen(env->status), "OK");
}

/**
 * Map the top-level envelope members of the root object. *status_error is
 * status_is_error(), decided before the later members are terminated in place.
 */
/*@ requires nav(doc) && doc->mut != \null;
    requires \valid(env) && \separated(env, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires \valid(status_error) && \separated(status_error, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1)) && \separated(env, status_error);
    requires lit0(env->status, doc) && lit0(env->request_id, doc);
    requires lit0(env->message, doc) && lit0(env->code, doc);
    assigns env->status, env->http_code, env->has_http_code, env->request_id, env->message,
            env->code, env->latency_ms, env->has_latency, *status_error,
            doc->mut[0 .. doc->len - 1];
    ensures cstr(env->code);
    ensures nav(doc); */
static osfn_status_t map_envelope(const osfn__json_t *doc, osfn_envelope_t *env, bool *status_error)
{
    osfn_status_t st = map_string(doc, 0u, "status", &env->status);
    *status_error = status_is_error(env);
    st = keep_first(st, map_int(doc, 0u, "httpCode", &env->http_code, &env->has_http_code));
    st = keep_first(st, map_string(doc, 0u, "requestId", &env->request_id));
    st = keep_first(st, map_string(doc, 0u, "message", &env->message));
    st = keep_first(st, map_string(doc, 0u, "code", &env->code));
    st = keep_first(st, map_int(doc, 0u, "latency", &env->latency_ms, &env->has_latency));
    return st;
}

/** Throttling or overload: worth retrying later. */
/*@ requires \valid_read(env) && cstr(env->code);
    assigns \nothing; */
static bool is_retryable(const osfn_envelope_t *env)
{
    static const char k_throttling[] = "Throttling";
    if ((env->http_status == 429u) || (env->http_status == 503u)) {
        return true;
    }
    if (env->has_http_code && ((env->http_code == 429) || (env->http_code == 503))) {
        return true;
    }
    return osfn__ci_contains(env->code, strlen(env->code), k_throttling);
}

/** The service reported an error: a non-empty code, or a status other than OK (@p status_error). */
/*@ requires \valid_read(env) && cstr(env->code);
    assigns \nothing; */
static bool is_api_error(const osfn_envelope_t *env, bool status_error)
{
    return (env->code[0] != '\0') || status_error;
}

/** After a good envelope: decide the outcome and locate `result` (*result, or ::OSFN__NO_TOKEN). */
/*@ requires nav(doc);
    requires \valid_read(env) && cstr(env->code);
    requires \valid(result) && \separated(result, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    assigns *result;
    ensures *result == OSFN__NO_TOKEN || *result < doc->count; */
static osfn_status_t classify(const osfn__json_t *doc, const osfn_envelope_t *env,
                              bool status_error, size_t *result)
{
    size_t r = 0u;
    bool found = osfn__json_find(doc, 0u, "result", &r) &&
                 (osfn__json_kind(doc, r) != OSFN_JSON_KIND_NULL);
    bool is_object = found && (osfn__json_kind(doc, r) == OSFN_JSON_KIND_OBJECT);
    *result = is_object ? r : OSFN__NO_TOKEN;
    if (is_api_error(env, status_error)) {
        return OSFN_ERR_API;
    }
    if (is_http_error(env->http_status)) {
        return OSFN_ERR_HTTP_STATUS;
    }
    if (!found) {
        return OSFN_ERR_JSON_MISSING;
    }
    return is_object ? OSFN_OK : OSFN_ERR_JSON_TYPE;
}

/**
 * The part both calls share: tokenize and validate the body, map the
 * envelope, classify. On ::OSFN_OK or ::OSFN_ERR_API, *result is the index of
 * the result object to map (or ::OSFN__NO_TOKEN).
 */
/*@ requires \valid(body + (0 .. body_len - 1)) && \initialized(body + (0 .. body_len - 1));
    requires tokens == \null || \valid(tokens + (0 .. token_count - 1));
    requires \valid(doc) && \valid(env) && \valid(tokens_needed) && \valid(result);
    requires \separated(doc, env, tokens_needed, result, body + (0 .. body_len - 1));
    requires tokens != \null ==> \separated(tokens + (0 .. token_count - 1), doc, env,
                                             tokens_needed, result, body + (0 .. body_len - 1));
    requires lit0b(env->status, body, body_len) && lit0b(env->request_id, body, body_len);
    requires lit0b(env->message, body, body_len) && lit0b(env->code, body, body_len);
    assigns *doc, *env, *tokens_needed, *result, tokens[0 .. token_count - 1],
            body[0 .. body_len - 1];
    ensures *result == OSFN__NO_TOKEN || *result < doc->count;
    ensures *result != OSFN__NO_TOKEN ==> nav(doc) && doc->mut == body && doc->len == body_len;
    ensures *result != OSFN__NO_TOKEN ==> body != \null;
    ensures *result != OSFN__NO_TOKEN ==> doc->tok == tokens && doc->count <= token_count;
    ensures *result != OSFN__NO_TOKEN && body_len > 0 ==> doc->text == body; */
static osfn_status_t parse_common(char *body, size_t body_len, osfn_json_token_t *tokens,
                                  size_t token_count, osfn__json_t *doc, osfn_envelope_t *env,
                                  size_t *tokens_needed, size_t *result)
{
    bool http_error = is_http_error(env->http_status);
    bool status_error = false;
    osfn_status_t st = osfn__json_parse(doc, body, body, body_len, tokens, token_count, tokens_needed);
    *result = OSFN__NO_TOKEN;
    if ((st == OSFN_ERR_TOO_FEW_TOKENS) || (st == OSFN_ERR_NULL_ARG)) {
        return st;
    }
    if ((st == OSFN_OK) && (osfn__json_kind(doc, 0u) != OSFN_JSON_KIND_OBJECT)) {
        st = OSFN_ERR_JSON_TYPE;
    }
    if (st == OSFN_OK) {
        st = map_envelope(doc, env, &status_error);
        env->retryable = is_retryable(env);
    }
    if (st != OSFN_OK) {
        /* Not a JSON API body: with an error status, the status is the news. */
        env->retryable = is_retryable(env);
        return http_error ? OSFN_ERR_HTTP_STATUS : st;
    }
    return classify(doc, env, status_error, result);
}

/* ---- GetFunctionInstance ---------------------------------------------------------- */

/** Reset an instance result, keeping the caller's parameter arrays. */
/*@ requires \valid(out);
    assigns *out; */
static void instance_reset(osfn_instance_t *out, uint16_t http_status)
{
    osfn_param_list_t create = out->create_parameters;
    osfn_param_list_t usage = out->usage_parameters;
    (void)memset(out, 0, sizeof(*out));
    envelope_reset(&out->envelope, http_status);
    out->create_parameters.items = create.items;
    out->create_parameters.capacity = create.capacity;
    out->usage_parameters.items = usage.items;
    out->usage_parameters.capacity = usage.capacity;
    out->instance_name = "";
    out->function_name = "";
    out->function_type = "";
    out->model_type = "";
    out->description = "";
    out->status_raw = "";
    out->source_raw = "";
    out->belongs.domain = "";
    out->belongs.category = "";
    out->belongs.language = "";
    out->extend_info = "";
    out->cron = "";
    out->task.dag_status_raw = "";
}

/** Map `belongs` of the result object @p r. */
/*@ requires nav(doc) && doc->mut != \null;
    requires \valid(b) && \separated(b, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires lit0(b->domain, doc) && lit0(b->category, doc) && lit0(b->language, doc);
    assigns b->domain, b->category, b->language, doc->mut[0 .. doc->len - 1];
    ensures nav(doc); */
static osfn_status_t map_belongs(const osfn__json_t *doc, size_t r, osfn_belongs_t *b)
{
    size_t obj = OSFN__NO_TOKEN;
    osfn_status_t st = find_object(doc, r, "belongs", &obj);
    if ((st != OSFN_OK) || (obj == OSFN__NO_TOKEN)) {
        return st;
    }
    st = map_string(doc, obj, "domain", &b->domain);
    st = keep_first(st, map_string(doc, obj, "category", &b->category));
    return keep_first(st, map_string(doc, obj, "language", &b->language));
}

/** Map `task` of the result object @p r. */
/*@ requires nav(doc) && doc->mut != \null;
    requires \valid(out) && \separated(out, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires lit0(out->task.dag_status_raw, doc);
    assigns out->has_task, out->task, doc->mut[0 .. doc->len - 1];
    ensures nav(doc); */
static osfn_status_t map_instance_task(const osfn__json_t *doc, size_t r, osfn_instance_t *out)
{
    size_t obj = OSFN__NO_TOKEN;
    osfn_instance_task_t *t = &out->task;
    osfn_status_t st = find_object(doc, r, "task", &obj);
    if ((st != OSFN_OK) || (obj == OSFN__NO_TOKEN)) {
        return st;
    }
    out->has_task = true;
    st = map_string(doc, obj, "dagStatus", &t->dag_status_raw);
    t->dag_status = (osfn_dag_status_t)name_index(k_dag_status_names,
                                                  OSFN__COUNT(k_dag_status_names), t->dag_status_raw);
    st = keep_first(st, map_int(doc, obj, "lastRunTime", &t->last_run_time, &t->has_last_run_time));
    return keep_first(st, map_int(doc, obj, "progress", &t->progress, &t->has_progress));
}

/* The two enum members: each enum is read right after its raw string is mapped, before
 * another member is terminated in place. (One function each keeps WP's goals small; the
 * assert spells out, for WP, that the enum store leaves the tokens alone.) */

/** Map `status` of the instance result @p r and its enum. */
/*@ requires nav(doc) && doc->mut != \null;
    requires \valid(out) && \separated(out, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires lit0(out->status_raw, doc);
    assigns out->status_raw, out->status, doc->mut[0 .. doc->len - 1];
    ensures nav(doc); */
static osfn_status_t map_instance_status(const osfn__json_t *doc, size_t r, osfn_instance_t *out)
{
    osfn_status_t st = map_string(doc, r, "status", &out->status_raw);
    /*@ assert \forall integer k; 0 <= k < doc->count ==>
          \separated(&out->status, &doc->tok[k].type) && \separated(&out->status, &doc->tok[k].start) &&
          \separated(&out->status, &doc->tok[k].end) && \separated(&out->status, &doc->tok[k].size) &&
          \separated(&out->status, &doc->tok[k].parent); */
    out->status = (osfn_instance_status_t)name_index(
        k_instance_status_names, OSFN__COUNT(k_instance_status_names), out->status_raw);
    return st;
}

/** Map `source` of the instance result @p r and its enum. */
/*@ requires nav(doc) && doc->mut != \null;
    requires \valid(out) && \separated(out, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires lit0(out->source_raw, doc);
    assigns out->source_raw, out->source, doc->mut[0 .. doc->len - 1];
    ensures nav(doc); */
static osfn_status_t map_instance_source(const osfn__json_t *doc, size_t r, osfn_instance_t *out)
{
    osfn_status_t st = map_string(doc, r, "source", &out->source_raw);
    /*@ assert \forall integer k; 0 <= k < doc->count ==>
          \separated(&out->source, &doc->tok[k].type) && \separated(&out->source, &doc->tok[k].start) &&
          \separated(&out->source, &doc->tok[k].end) && \separated(&out->source, &doc->tok[k].size) &&
          \separated(&out->source, &doc->tok[k].parent); */
    out->source = (osfn_instance_source_t)name_index(
        k_instance_source_names, OSFN__COUNT(k_instance_source_names), out->source_raw);
    return st;
}

/** Map the string members of the instance result @p r. */
/*@ requires nav(doc) && doc->mut != \null;
    requires \valid(out) && \separated(out, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires lit0(out->instance_name, doc) && lit0(out->function_name, doc);
    requires lit0(out->function_type, doc) && lit0(out->model_type, doc);
    requires lit0(out->description, doc) && lit0(out->extend_info, doc);
    requires lit0(out->cron, doc) && lit0(out->status_raw, doc) && lit0(out->source_raw, doc);
    assigns out->instance_name, out->function_name, out->function_type, out->model_type,
            out->description, out->extend_info, out->cron, out->status_raw, out->source_raw,
            out->status, out->source, doc->mut[0 .. doc->len - 1];
    ensures nav(doc); */
static osfn_status_t map_instance_strings(const osfn__json_t *doc, size_t r, osfn_instance_t *out)
{
    osfn_status_t st = map_string(doc, r, "instanceName", &out->instance_name);
    st = keep_first(st, map_string(doc, r, "functionName", &out->function_name));
    st = keep_first(st, map_string(doc, r, "functionType", &out->function_type));
    st = keep_first(st, map_string(doc, r, "modelType", &out->model_type));
    st = keep_first(st, map_string(doc, r, "description", &out->description));
    st = keep_first(st, map_string(doc, r, "extendInfo", &out->extend_info));
    st = keep_first(st, map_string(doc, r, "cron", &out->cron));
    st = keep_first(st, map_instance_status(doc, r, out));
    return keep_first(st, map_instance_source(doc, r, out));
}

/** Map the instance result object @p r (everything, then the short-array verdict). */
/*@ requires nav(doc) && doc->mut != \null;
    requires \valid(out) && \separated(out, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires lit0(out->instance_name, doc) && lit0(out->function_name, doc);
    requires lit0(out->function_type, doc) && lit0(out->model_type, doc);
    requires lit0(out->description, doc) && lit0(out->extend_info, doc);
    requires lit0(out->cron, doc) && lit0(out->status_raw, doc) && lit0(out->source_raw, doc);
    requires lit0(out->belongs.domain, doc) && lit0(out->belongs.category, doc);
    requires lit0(out->belongs.language, doc) && lit0(out->task.dag_status_raw, doc);
    requires \valid(out->create_parameters.items + (0 .. out->create_parameters.capacity - 1));
    requires \separated(out->create_parameters.items + (0 .. out->create_parameters.capacity - 1), doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires \separated(out, out->create_parameters.items + (0 .. out->create_parameters.capacity - 1));
    requires \valid(out->usage_parameters.items + (0 .. out->usage_parameters.capacity - 1));
    requires \separated(out->usage_parameters.items + (0 .. out->usage_parameters.capacity - 1), doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires \separated(out, out->usage_parameters.items + (0 .. out->usage_parameters.capacity - 1));
    assigns *out, out->create_parameters.items[0 .. out->create_parameters.capacity - 1],
            out->usage_parameters.items[0 .. out->usage_parameters.capacity - 1],
            doc->mut[0 .. doc->len - 1]; */
static osfn_status_t map_instance_result(const osfn__json_t *doc, size_t r, osfn_instance_t *out)
{
    osfn_status_t st = map_instance_strings(doc, r, out);
    st = keep_first(st, map_int(doc, r, "versionId", &out->version_id, &out->has_version_id));
    st = keep_first(st, map_int(doc, r, "createTime", &out->create_time, &out->has_create_time));
    st = keep_first(st, map_belongs(doc, r, &out->belongs));
    st = keep_first(st, map_instance_task(doc, r, out));
    st = keep_first(st, map_params(doc, r, "createParameters", &out->create_parameters));
    st = keep_first(st, map_params(doc, r, "usageParameters", &out->usage_parameters));
    if ((st == OSFN_OK) && ((out->create_parameters.total > out->create_parameters.capacity) ||
                            (out->usage_parameters.total > out->usage_parameters.capacity))) {
        st = OSFN_ERR_ARRAY_TOO_SMALL;
    }
    return st;
}

/** A parameter list whose capacity has no array behind it. */
/*@ requires \valid_read(list);
    assigns \nothing; */
static bool list_is_bad(const osfn_param_list_t *list)
{
    return (list->capacity > 0u) && (list->items == NULL);
}

/*@ requires \valid(body + (0 .. body_len - 1)) && \initialized(body + (0 .. body_len - 1));
    requires tokens == \null || \valid(tokens + (0 .. token_count - 1));
    requires \valid(out) && \separated(out, body + (0 .. body_len - 1));
    requires tokens != \null ==>
             \separated(tokens + (0 .. token_count - 1), out, body + (0 .. body_len - 1));
    requires \valid(out->create_parameters.items + (0 .. out->create_parameters.capacity - 1));
    requires \valid(out->usage_parameters.items + (0 .. out->usage_parameters.capacity - 1));
    requires \separated(out->create_parameters.items + (0 .. out->create_parameters.capacity - 1),
                        out, body + (0 .. body_len - 1));
    requires \separated(out->usage_parameters.items + (0 .. out->usage_parameters.capacity - 1),
                        out, body + (0 .. body_len - 1));
    requires tokens != \null ==>
             \separated(tokens + (0 .. token_count - 1),
                        out->create_parameters.items + (0 .. out->create_parameters.capacity - 1),
                        out->usage_parameters.items + (0 .. out->usage_parameters.capacity - 1));
*/
osfn_status_t osfn_parse_instance(char *body, size_t body_len, uint16_t http_status,
                                  osfn_json_token_t *tokens, size_t token_count,
                                  osfn_instance_t *out)
{
    osfn__json_t doc;
    size_t result = OSFN__NO_TOKEN;
    osfn_status_t st;
    if ((out == NULL) || list_is_bad(&out->create_parameters) ||
        list_is_bad(&out->usage_parameters)) {
        return OSFN_ERR_NULL_ARG;
    }
    instance_reset(out, http_status);
    /* What the reset left, as the proof of the mapping uses it (checked by Eva). */
    /*@ assert lit0b(out->envelope.status, body, body_len) &&
               lit0b(out->envelope.request_id, body, body_len) &&
               lit0b(out->envelope.message, body, body_len) &&
               lit0b(out->envelope.code, body, body_len); */
    /*@ assert lit0b(out->instance_name, body, body_len) &&
               lit0b(out->function_name, body, body_len) &&
               lit0b(out->function_type, body, body_len) &&
               lit0b(out->model_type, body, body_len) &&
               lit0b(out->description, body, body_len) &&
               lit0b(out->extend_info, body, body_len) &&
               lit0b(out->cron, body, body_len) && lit0b(out->status_raw, body, body_len) &&
               lit0b(out->source_raw, body, body_len); */
    /*@ assert lit0b(out->belongs.domain, body, body_len) &&
               lit0b(out->belongs.category, body, body_len) &&
               lit0b(out->belongs.language, body, body_len) &&
               lit0b(out->task.dag_status_raw, body, body_len); */
    /*@ assert \valid(out->create_parameters.items + (0 .. out->create_parameters.capacity - 1)) &&
               \valid(out->usage_parameters.items + (0 .. out->usage_parameters.capacity - 1)); */
    /*@ assert \separated(out->create_parameters.items + (0 .. out->create_parameters.capacity - 1),
                          out, body + (0 .. body_len - 1)) &&
               \separated(out->usage_parameters.items + (0 .. out->usage_parameters.capacity - 1),
                          out, body + (0 .. body_len - 1)); */
    /*@ assert tokens != \null ==>
               \separated(tokens + (0 .. token_count - 1),
                          out->create_parameters.items + (0 .. out->create_parameters.capacity - 1),
                          out->usage_parameters.items + (0 .. out->usage_parameters.capacity - 1)); */
    /*@ assert \separated(&doc,
                          out->create_parameters.items + (0 .. out->create_parameters.capacity - 1),
                          out->usage_parameters.items + (0 .. out->usage_parameters.capacity - 1)); */
    st = parse_common(body, body_len, tokens, token_count, &doc, &out->envelope,
                      &out->tokens_needed, &result);
    if (result != OSFN__NO_TOKEN) {
        out->has_result = true;
        st = keep_first(st, map_instance_result(&doc, result, out));
    }
    return st;
}

/* ---- GetFunctionTask ------------------------------------------------------------------- */

/** Reset a task result. */
/*@ requires \valid(out);
    assigns *out; */
static void task_reset(osfn_task_t *out, uint16_t http_status)
{
    (void)memset(out, 0, sizeof(*out));
    envelope_reset(&out->envelope, http_status);
    out->extend_info = "";
    out->function_name = "";
    out->generation = "";
    out->run_id = "";
    out->status_raw = "";
}

/** Map the task result object @p r. */
/*@ requires nav(doc) && doc->mut != \null;
    requires \valid(out) && \separated(out, doc, doc->tok + (0 .. doc->count - 1), doc->text + (0 .. doc->len - 1));
    requires lit0(out->extend_info, doc) && lit0(out->function_name, doc);
    requires lit0(out->generation, doc) && lit0(out->run_id, doc) && lit0(out->status_raw, doc);
    assigns *out, doc->mut[0 .. doc->len - 1]; */
static osfn_status_t map_task_result(const osfn__json_t *doc, size_t r, osfn_task_t *out)
{
    osfn_status_t st = map_int(doc, r, "startTime", &out->start_time, &out->has_start_time);
    st = keep_first(st, map_int(doc, r, "endTime", &out->end_time, &out->has_end_time));
    st = keep_first(st, map_int(doc, r, "progress", &out->progress, &out->has_progress));
    st = keep_first(st, map_string(doc, r, "extendInfo", &out->extend_info));
    st = keep_first(st, map_string(doc, r, "functionName", &out->function_name));
    st = keep_first(st, map_string(doc, r, "generation", &out->generation));
    st = keep_first(st, map_string(doc, r, "runId", &out->run_id));
    st = keep_first(st, map_string(doc, r, "status", &out->status_raw));
    out->status = (osfn_task_status_t)name_index(k_task_status_names,
                                                 OSFN__COUNT(k_task_status_names), out->status_raw);
    return st;
}

/*@ requires \valid(body + (0 .. body_len - 1)) && \initialized(body + (0 .. body_len - 1));
    requires tokens == \null || \valid(tokens + (0 .. token_count - 1));
    requires \valid(out) && \separated(out, body + (0 .. body_len - 1));
    requires tokens != \null ==>
             \separated(tokens + (0 .. token_count - 1), out, body + (0 .. body_len - 1));
*/
osfn_status_t osfn_parse_task(char *body, size_t body_len, uint16_t http_status,
                              osfn_json_token_t *tokens, size_t token_count, osfn_task_t *out)
{
    osfn__json_t doc;
    size_t result = OSFN__NO_TOKEN;
    osfn_status_t st;
    if (out == NULL) {
        return OSFN_ERR_NULL_ARG;
    }
    task_reset(out, http_status);
    /* What the reset left, as the proof of the mapping uses it (checked by Eva). */
    /*@ assert lit0b(out->envelope.status, body, body_len) &&
               lit0b(out->envelope.request_id, body, body_len) &&
               lit0b(out->envelope.message, body, body_len) &&
               lit0b(out->envelope.code, body, body_len); */
    /*@ assert lit0b(out->extend_info, body, body_len) &&
               lit0b(out->function_name, body, body_len) &&
               lit0b(out->generation, body, body_len) && lit0b(out->run_id, body, body_len) &&
               lit0b(out->status_raw, body, body_len); */
    st = parse_common(body, body_len, tokens, token_count, &doc, &out->envelope,
                      &out->tokens_needed, &result);
    if (result != OSFN__NO_TOKEN) {
        out->has_result = true;
        st = keep_first(st, map_task_result(&doc, result, out));
    }
    return st;
}

/* ---- enum names -------------------------------------------------------------------------- */

const char *osfn_instance_status_name(osfn_instance_status_t s)
{
    return name_of(k_instance_status_names, OSFN__COUNT(k_instance_status_names), (int)s);
}

const char *osfn_instance_source_name(osfn_instance_source_t s)
{
    return name_of(k_instance_source_names, OSFN__COUNT(k_instance_source_names), (int)s);
}

const char *osfn_dag_status_name(osfn_dag_status_t s)
{
    return name_of(k_dag_status_names, OSFN__COUNT(k_dag_status_names), (int)s);
}

const char *osfn_task_status_name(osfn_task_status_t s)
{
    return name_of(k_task_status_names, OSFN__COUNT(k_task_status_names), (int)s);
}

/* ---- extendInfo ------------------------------------------------------------------------------ */

osfn_status_t osfn_extend_info_parse(const char *extend_info, osfn_json_token_t *tokens,
                                     size_t token_count, osfn_extend_info_t *out)
{
    osfn__json_t doc;
    size_t needed = 0u;
    osfn_status_t st;
    if ((extend_info == NULL) || (out == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    out->json = extend_info;
    out->len = strlen(extend_info);
    out->tokens = tokens;
    out->token_count = 0u;
    st = osfn__json_parse(&doc, extend_info, NULL, out->len, tokens, token_count, &needed);
    if ((st == OSFN_OK) && (osfn__json_kind(&doc, 0u) != OSFN_JSON_KIND_OBJECT)) {
        st = OSFN_ERR_JSON_TYPE;
    }
    if ((st == OSFN_OK) || (st == OSFN_ERR_TOO_FEW_TOKENS)) {
        out->token_count = needed;
    }
    if (st != OSFN_OK) {
        out->tokens = NULL; /* a failed view: the getters find nothing, never read past the array */
    }
    return st;
}

/** Find top-level member @p key of a parsed extendInfo; false when absent or not parsed. */
static bool info_find(const osfn_extend_info_t *info, const char *key, osfn__json_t *doc,
                      size_t *v)
{
    doc->text = info->json;
    doc->mut = NULL;
    doc->len = info->len;
    doc->tok = info->tokens;
    doc->count = (info->tokens != NULL) ? info->token_count : 0u;
    return osfn__json_find(doc, 0u, key, v);
}

osfn_status_t osfn_extend_info_member(const osfn_extend_info_t *info, const char *key,
                                      osfn_json_kind_t *kind, size_t *size)
{
    osfn__json_t doc;
    size_t v = 0u;
    if ((info == NULL) || (key == NULL) || (kind == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    if (!info_find(info, key, &doc, &v)) {
        return OSFN_ERR_JSON_MISSING;
    }
    *kind = osfn__json_kind(&doc, v);
    if (size != NULL) {
        *size = osfn__json_size(&doc, v);
    }
    return OSFN_OK;
}

osfn_status_t osfn_extend_info_get_int(const osfn_extend_info_t *info, const char *key,
                                       int64_t *value)
{
    osfn__json_t doc;
    size_t v = 0u;
    if ((info == NULL) || (key == NULL) || (value == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    if (!info_find(info, key, &doc, &v) || (osfn__json_kind(&doc, v) == OSFN_JSON_KIND_NULL)) {
        return OSFN_ERR_JSON_MISSING;
    }
    return osfn__json_get_int64(&doc, v, value);
}

osfn_status_t osfn_extend_info_get_string(const osfn_extend_info_t *info, const char *key,
                                          char *buf, size_t buf_size, size_t *out_len)
{
    osfn__json_t doc;
    size_t v = 0u;
    size_t n = 0u;
    osfn_status_t st;
    if ((info == NULL) || (key == NULL) || ((buf == NULL) && (buf_size > 0u))) {
        return OSFN_ERR_NULL_ARG;
    }
    if (!info_find(info, key, &doc, &v) || (osfn__json_kind(&doc, v) == OSFN_JSON_KIND_NULL)) {
        return OSFN_ERR_JSON_MISSING;
    }
    st = osfn__json_copy_string(&doc, v, buf, buf_size, &n);
    if (out_len != NULL) {
        *out_len = n;
    }
    return st;
}
