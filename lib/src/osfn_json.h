/**
 * @file osfn_json.h
 * @brief Private validated-JSON layer over jsmn (not public API).
 *
 * osfn__json_parse() tokenizes a text with jsmn (strict mode, parent links)
 * into the caller's token array and then validates what jsmn does not: object
 * shape, separators, number grammar, literals, string contents (escapes,
 * surrogates, control bytes, UTF-8), nesting depth and trailing bytes. After
 * it returns ::OSFN_OK every token can be trusted.
 *
 * Navigation is iterative (token indices, no recursion). Value tokens are
 * addressed by their index in the token array; an object member is a key
 * token (a string) whose value is the next token.
 *
 * Only the in-place functions write to the text, and only inside the token
 * they are given (plus, for a number, the one delimiter byte after it).
 */
#ifndef OSFN_JSON_H
#define OSFN_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "osfn/osfn_result.h"
#include "osfn/osfn_status.h"

/** One validated document: the text and its tokens (tokens[0] is the root). */
typedef struct osfn__json {
    const char *text;         /**< The JSON text (not necessarily NUL-terminated). */
    char *mut;                /**< Same bytes, writable; NULL for read-only documents. */
    size_t len;               /**< Length of @ref text in bytes. */
    osfn_json_token_t *tok;   /**< Caller's tokens. */
    size_t count;             /**< Tokens in use. */
} osfn__json_t;

/**
 * Tokenize and validate @p text. @p mut is @p text writable, or NULL.
 * On ::OSFN_ERR_TOO_FEW_TOKENS (and on ::OSFN_OK) @p needed receives the
 * exact token count of the text (exact when the text is valid JSON).
 * @return ::OSFN_OK, ::OSFN_ERR_TOO_FEW_TOKENS, ::OSFN_ERR_JSON_MALFORMED,
 *         ::OSFN_ERR_JSON_ESCAPE, ::OSFN_ERR_RESPONSE_TOO_LARGE (text longer
 *         than jsmn's int offsets allow).
 */
osfn_status_t osfn__json_parse(osfn__json_t *doc, const char *text, char *mut, size_t len,
                               osfn_json_token_t *tok, size_t tok_cap, size_t *needed_out);

/** Kind of the value at token @p i (an ::osfn_json_kind_t). */
osfn_json_kind_t osfn__json_kind(const osfn__json_t *doc, size_t i);

/** Index of the first token after the value at @p i and all its descendants. */
size_t osfn__json_skip(const osfn__json_t *doc, size_t i);

/** Members of an object / elements of an array at @p i; 0 for scalars. */
size_t osfn__json_size(const osfn__json_t *doc, size_t i);

/** True when key token @p key equals @p name, ignoring ASCII case (escapes in the key are decoded for the comparison). */
bool osfn__json_key_is(const osfn__json_t *doc, size_t key, const char *name);

/**
 * Find member @p name of the object at @p obj (case-insensitive). When the key
 * occurs more than once the last occurrence wins.
 * @return true and the value's index in @p value, or false when absent or
 *         when @p obj is not an object.
 */
bool osfn__json_find(const osfn__json_t *doc, size_t obj, const char *name, size_t *value);

/**
 * Read the value at @p i as an int64: a JSON integer, or a string holding one
 * (`-?(0|[1-9][0-9]*)`, no escapes).
 * @return ::OSFN_OK, ::OSFN_ERR_JSON_TYPE (float, bool, null, container,
 *         other string), ::OSFN_ERR_JSON_RANGE (outside int64).
 */
osfn_status_t osfn__json_get_int64(const osfn__json_t *doc, size_t i, int64_t *value);

/**
 * Turn the value at @p i into a NUL-terminated C string inside the writable
 * text: a string is unescaped in place (its closing quote holds the NUL);
 * any other value is given as its raw JSON text, NUL-terminated over the
 * delimiter byte that follows it. Call it at most once per token.
 * @return ::OSFN_OK, ::OSFN_ERR_NULL_ARG (read-only document),
 *         ::OSFN_ERR_JSON_ESCAPE (decodes to U+0000, which a C string cannot hold).
 */
osfn_status_t osfn__json_terminate(const osfn__json_t *doc, size_t i, const char **out);

/**
 * Decode the string at @p i into @p buf (NUL-terminated), leaving the text untouched.
 * @p out_len receives the decoded length (also when the buffer is too small).
 * @return ::OSFN_OK, ::OSFN_ERR_JSON_TYPE (not a string), ::OSFN_ERR_BUFFER_TOO_SMALL,
 *         ::OSFN_ERR_JSON_ESCAPE (decodes to U+0000).
 */
osfn_status_t osfn__json_copy_string(const osfn__json_t *doc, size_t i, char *buf, size_t buf_size,
                                     size_t *out_len);

#endif /* OSFN_JSON_H */
