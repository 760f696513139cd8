/**
 * @file osfn_util.h
 * @brief Small private helpers shared by the library's modules (not public API).
 */
#ifndef OSFN_UTIL_H
#define OSFN_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h> /* for the ACSL contracts below (valid_read_string) */

/** ASCII lower-case of @p c; other bytes unchanged. */
/*@ assigns \nothing; */
static inline char osfn__lower(char c)
{
    char r = c;
    if ((c >= 'A') && (c <= 'Z')) {
        int lower = (int)c + ((int)'a' - (int)'A');
        r = (char)lower;
    }
    return r;
}

/** True when @p a (length @p a_len) equals the NUL-terminated @p b, ignoring ASCII case. */
/*@ requires \valid_read(a + (0 .. a_len - 1));
    requires valid_read_string(b);
    assigns \nothing; */
static inline bool osfn__ci_equal(const char *a, size_t a_len, const char *b)
{
    size_t i;
    /*@ loop invariant 0 <= i <= a_len;
        loop invariant \forall integer k; 0 <= k < i ==> b[k] != '\0';
        loop assigns i;
        loop variant a_len - i; */
    for (i = 0u; i < a_len; i++) {
        if ((b[i] == '\0') || (osfn__lower(a[i]) != osfn__lower(b[i]))) {
            return false;
        }
    }
    return b[a_len] == '\0';
}

/** True when @p a (length @p a_len) contains the NUL-terminated @p b, ignoring ASCII case. */
/*@ requires \valid_read(a + (0 .. a_len - 1));
    requires \exists integer n; 0 <= n && \valid_read(b + (0 .. n)) && b[n] == '\0';
    assigns \nothing; */
static inline bool osfn__ci_contains(const char *a, size_t a_len, const char *b)
{
    size_t b_len = 0u;
    size_t i;
    /*@ loop invariant \forall integer k; 0 <= k < b_len ==> b[k] != '\0';
        loop invariant \exists integer n; b_len <= n && \valid_read(b + (0 .. n)) && b[n] == '\0';
        loop assigns b_len; */
    while (b[b_len] != '\0') {
        b_len++;
    }
    /*@ loop invariant b_len <= a_len ==> i <= a_len - b_len + 1;
        loop assigns i; */
    for (i = 0u; (b_len <= a_len) && (i <= (a_len - b_len)); i++) {
        size_t j = 0u;
        /*@ loop invariant 0 <= j <= b_len;
            loop assigns j;
            loop variant b_len - j; */
        while ((j < b_len) && (osfn__lower(a[i + j]) == osfn__lower(b[j]))) {
            j++;
        }
        if (j == b_len) {
            return true;
        }
    }
    return false;
}

/** Overwrite @p len bytes at @p p with zeros in a way the compiler keeps. */
/*@ requires \valid((unsigned char *)p + (0 .. len - 1));
    assigns ((unsigned char *)p)[0 .. len - 1]; */
void osfn__wipe(void *p, size_t len);

#endif /* OSFN_UTIL_H */
