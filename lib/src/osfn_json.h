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

/* ---- ACSL predicates of the proofs (docs/proofs.md); comments only -------- */

/*@ // A NUL-terminated string that can be read (the libc's valid_read_string, self-contained).
    predicate cstr(char *s) = \exists integer n; 0 <= n && \valid_read(s + (0 .. n)) && s[n] == '\0';
*/

/*@ // The fields of the document a function may read: the text and the first `count` tokens.
    // (Initialisation facts are kept in their own predicate: WP drops a hypothesis that
    // mixes them with others when a goal does not involve initialisation.)
    predicate doc_base(osfn__json_t *d) =
      \valid_read(d) && d->len <= 2147483647 && d->count <= 2147483647 &&
      \valid_read(d->text + (0 .. d->len - 1)) && \valid_read(d->tok + (0 .. d->count - 1));

    predicate doc_init(osfn__json_t *d) =
      \initialized(&d->text) && \initialized(&d->mut) && \initialized(&d->len) &&
      \initialized(&d->tok) && \initialized(&d->count) &&
      (\forall integer k; 0 <= k < d->count ==>
         \initialized(&d->tok[k].type) && \initialized(&d->tok[k].start) &&
         \initialized(&d->tok[k].end) && \initialized(&d->tok[k].size) &&
         \initialized(&d->tok[k].parent));

    predicate is_cont(jsmntok_t *t) = t->type == JSMN_OBJECT || t->type == JSMN_ARRAY;

    // What check_token() establishes for token i of a text of len bytes.
    predicate tok_ok(jsmntok_t *t, integer len, integer i) =
      0 <= t->start <= t->end <= len && 0 <= t->size &&
      (i == 0 ==> t->parent == -1) && (i != 0 ==> 0 <= t->parent < i) &&
      (t->type == JSMN_OBJECT || t->type == JSMN_ARRAY || t->type == JSMN_STRING ||
       t->type == JSMN_PRIMITIVE) &&
      (t->type == JSMN_STRING ==> 1 <= t->start && t->end < len) &&
      (t->type == JSMN_PRIMITIVE ==> t->start < t->end) &&
      (is_cont(t) ==> t->start + 2 <= t->end);

    predicate toks_ok(osfn__json_t *d, integer n) =
      \forall integer k; 0 <= k < n ==> tok_ok(d->tok + k, d->len, k);

    // A validated document (osfn__json_parse() returned OSFN_OK): what navigation relies on.
    predicate doc_ok(osfn__json_t *d) =
      doc_base(d) && 1 <= d->count && toks_ok(d, d->count) &&
      \separated(d, d->text + (0 .. d->len - 1), d->tok + (0 .. d->count - 1)) &&
      (d->mut == \null || (d->mut == d->text && \valid(d->mut + (0 .. d->len - 1))));
*/

/*@ // What the navigation functions require: a validated document.
    predicate nav(osfn__json_t *d) = doc_ok(d) && doc_init(d);
    // A string field still holding its reset value: "" outside the text.
    lemma empty_cstr{L}: \forall char *s; \valid_read(s) && s[0] == '\0' ==> cstr(s);
    predicate lit0b(char *s, char *text, integer len) =
      \valid_read(s) && s[0] == '\0' && \separated(s, text + (0 .. len - 1));
    predicate lit0(char *s, osfn__json_t *d) = lit0b(s, d->text, d->len);
*/

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
