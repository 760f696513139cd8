/**
 * @file stub_jsmn.c
 * @brief ACSL contracts standing in for jsmn (jsmn_init / jsmn_parse).
 *
 * jsmn is a third-party header; the proofs are about osfn's use of it. Under
 * __FRAMAC__ osfn_json.c includes <jsmn.h> in declaration-only mode
 * (JSMN_HEADER) and these contracts replace jsmn's bodies. They state only
 * what osfn may rely on: jsmn_parse reads js[0 .. len-1], writes only *parser
 * and tokens[0 .. num_tokens-1], and returns either a negative JSMN_ERROR_*
 * or a count r >= 0; with tokens, r <= num_tokens and tokens[0 .. r-1] are
 * initialised. Nothing is said about the token values (type, start, end,
 * size, parent): osfn's own validation must be safe for ANY values.
 * The bodies do what the contracts allow (Eva analyses them and checks the
 * contracts against them; WP uses the contracts).
 */
#include <limits.h>
#include <stddef.h>

#include "__fc_builtin.h"

#define JSMN_HEADER
#define JSMN_PARENT_LINKS
#include <jsmn.h>

/*@ requires \valid(parser);
    assigns *parser \from \nothing;
    ensures \initialized(parser);
    ensures parser->pos == 0 && parser->toknext == 0 && parser->toksuper == -1; */
void jsmn_init(jsmn_parser *parser)
{
    parser->pos = 0u;
    parser->toknext = 0u;
    parser->toksuper = -1;
}

/*@ requires \valid(parser) && \initialized(parser);
    requires \valid_read(js + (0 .. len - 1)) && \initialized(js + (0 .. len - 1));
    requires tokens == \null || \valid(tokens + (0 .. num_tokens - 1));
    requires tokens == \null ==> num_tokens == 0;
    requires \separated(parser, js + (0 .. len - 1));
    requires tokens != \null ==> \separated(parser, tokens + (0 .. num_tokens - 1));
    requires tokens != \null ==> \separated(js + (0 .. len - 1), tokens + (0 .. num_tokens - 1));
    assigns *parser \from *parser, js[0 .. len - 1];
    assigns tokens[0 .. num_tokens - 1] \from *parser, js[0 .. len - 1];
    assigns \result \from *parser, js[0 .. len - 1];
    ensures \initialized(parser);
    ensures \result == JSMN_ERROR_NOMEM || \result == JSMN_ERROR_INVAL ||
            \result == JSMN_ERROR_PART || \result >= 0;
    ensures tokens != \null && \result >= 0 ==> \result <= num_tokens;
    ensures tokens != \null && \result >= 0 ==> \initialized(tokens + (0 .. \result - 1)); */
int jsmn_parse(jsmn_parser *parser, const char *js, const size_t len, jsmntok_t *tokens,
               const unsigned int num_tokens)
{
    int r;
    unsigned int i;
    (void)js;
    (void)len;
    Frama_C_make_unknown((char *)parser, sizeof(*parser));
    if (Frama_C_nondet(0, 1) != 0) {
        r = -Frama_C_interval(1, 3);
        return r;
    }
    if (tokens == NULL) {
        return Frama_C_interval(0, INT_MAX);
    }
    r = Frama_C_interval(0, (num_tokens > (unsigned int)INT_MAX) ? INT_MAX : (int)num_tokens);
    /*@ split r; */
    for (i = 0u; i < (unsigned int)r; i++) {
        Frama_C_make_unknown((char *)&tokens[i], sizeof(tokens[i]));
    }
    return r;
}
