/**
 * @file size_tokens.c
 * @brief Host helper of scripts/size-report.sh: for each JSON body file, its size as
 *        stored, its size without insignificant whitespace (what a server sends), and
 *        the jsmn tokens osfn needs for it (osfn_json_count_tokens()).
 *
 * Output, one line per file: NAME BYTES_AS_STORED BYTES_COMPACT TOKENS STATUS
 */
#include <stdio.h>
#include <string.h>

#include "osfn/osfn_result.h"
#include "osfn/osfn_status.h"

static char s_text[65536];
static char s_compact[65536];

/** Copy @p in without whitespace outside strings; returns the new length. */
static size_t compact(const char *in, size_t len, char *out)
{
    size_t i;
    size_t o = 0u;
    int in_string = 0;
    for (i = 0u; i < len; i++) {
        char c = in[i];
        if (in_string) {
            out[o++] = c;
            if (c == '\\' && (i + 1u) < len) {
                out[o++] = in[++i];
            } else if (c == '"') {
                in_string = 0;
            }
        } else if (c == '"') {
            in_string = 1;
            out[o++] = c;
        } else if ((c != ' ') && (c != '\n') && (c != '\r') && (c != '\t')) {
            out[o++] = c;
        }
    }
    return o;
}

int main(int argc, char **argv)
{
    int i;
    int rc = 0;
    for (i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        size_t len;
        size_t clen;
        size_t tokens = 0u;
        osfn_status_t st;
        const char *name = strrchr(argv[i], '/');
        if (f == NULL) {
            fprintf(stderr, "size_tokens: cannot open %s\n", argv[i]);
            rc = 1;
            continue;
        }
        len = fread(s_text, 1u, sizeof(s_text) - 1u, f);
        (void)fclose(f);
        clen = compact(s_text, len, s_compact);
        st = osfn_json_count_tokens(s_text, len, &tokens);
        printf("%s %lu %lu %lu %s\n", (name != NULL) ? name + 1 : argv[i], (unsigned long)len,
               (unsigned long)clen, (unsigned long)tokens, osfn_status_name(st));
    }
    return rc;
}
