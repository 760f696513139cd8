/**
 * @file proof_json.c
 * @brief Frama-C/EVA harness for osfn_parse_instance() and osfn_parse_task().
 *
 * Body: JSON_MAX_BODY bytes at most, every byte arbitrary, placed at the very
 * end of a bigger uninitialised array, so that reading or writing outside
 * body[0 .. body_len) is an alarm (the header promises neither happens).
 * Tokens: any count 0..JSON_MAX_TOKENS (NULL when 0), also at the end of an
 * array. Parameter lists: any capacity 0..JSON_MAX_PARAMS. HTTP status: any.
 * Compile with -DJSON_TASK to check osfn_parse_task() instead.
 */
#include <stddef.h>
#include <stdint.h>

#include "__fc_builtin.h"
#include "osfn/osfn_result.h"

#ifndef JSON_MAX_BODY
#define JSON_MAX_BODY 64
#endif
#ifndef JSON_MAX_TOKENS
#define JSON_MAX_TOKENS 16
#endif
#ifndef JSON_MAX_PARAMS
#define JSON_MAX_PARAMS 2
#endif

int main(void)
{
    char mem[JSON_MAX_BODY + 1];
    osfn_json_token_t toks[JSON_MAX_TOKENS];
    size_t body_len = (size_t)Frama_C_interval(0, JSON_MAX_BODY);
    size_t tok_count = (size_t)Frama_C_interval(0, JSON_MAX_TOKENS);
    uint16_t http_status = Frama_C_unsigned_short_interval(0u, UINT16_MAX);
    char *body;
    osfn_json_token_t *tokens;
    osfn_status_t st;

    /*@ split body_len; */
    /*@ split tok_count; */
    body = &mem[JSON_MAX_BODY + 1 - body_len];
    Frama_C_make_unknown(body, body_len);
    tokens = (tok_count == 0u) ? NULL : &toks[JSON_MAX_TOKENS - tok_count];
#ifdef JSON_TASK
    {
        osfn_task_t task;
        st = osfn_parse_task(body, body_len, http_status, tokens, tok_count, &task);
    }
#else
    {
        osfn_param_t cp_mem[JSON_MAX_PARAMS];
        osfn_param_t up_mem[JSON_MAX_PARAMS];
        osfn_instance_t inst;
        size_t cp_cap = (size_t)Frama_C_interval(0, JSON_MAX_PARAMS);
        size_t up_cap = (size_t)Frama_C_interval(0, JSON_MAX_PARAMS);
        /*@ split cp_cap; */
        /*@ split up_cap; */
        inst.create_parameters.capacity = cp_cap;
        inst.create_parameters.items = (cp_cap == 0u) ? NULL : &cp_mem[JSON_MAX_PARAMS - cp_cap];
        inst.usage_parameters.capacity = up_cap;
        inst.usage_parameters.items = (up_cap == 0u) ? NULL : &up_mem[JSON_MAX_PARAMS - up_cap];
        st = osfn_parse_instance(body, body_len, http_status, tokens, tok_count, &inst);
    }
#endif
    (void)st;
    return 0;
}
