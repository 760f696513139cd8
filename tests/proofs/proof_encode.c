/**
 * @file proof_encode.c
 * @brief Frama-C/EVA harness for osfn_percent_encode().
 *
 * Input: any NUL-terminated string of 0..ENC_MAX_IN bytes (every byte value
 * 1..255 in every position). Output buffer: any size 0..3*ENC_MAX_IN+1,
 * placed at the very end of a static array so that any write at or past
 * out[out_len] is outside the array and raises an alarm. The NULL-buffer
 * form (out == NULL, out_len == 0) is covered too.
 */
#include <stddef.h>
#include <stdint.h>

#include "__fc_builtin.h"
#include "osfn/osfn_request.h"

#ifndef ENC_MAX_IN
#define ENC_MAX_IN 16
#endif
#define ENC_MAX_OUT ((3 * ENC_MAX_IN) + 1)

static char in_buf[ENC_MAX_IN + 1];
static char out_buf[ENC_MAX_OUT];

int main(void)
{
    size_t needed = 0u;
    osfn_status_t st;
    int in_len = Frama_C_interval(0, ENC_MAX_IN);
    int out_len = Frama_C_interval(0, ENC_MAX_OUT);
    char *out;

    Frama_C_make_unknown(in_buf, (size_t)in_len);
    in_buf[in_len] = '\0';
    /*@ split out_len; */
    out = (out_len == 0) ? (char *)NULL : &out_buf[ENC_MAX_OUT - out_len];
    st = osfn_percent_encode(in_buf, out, (size_t)out_len, &needed);
    (void)st;
    return 0;
}
