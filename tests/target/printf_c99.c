/**
 * @file printf_c99.c
 * @brief C99 length modifiers for newlib's printf family on the target.
 *
 * Debian's newlib for arm-none-eabi is built without C99 I/O formats: `%zu`, `%jd`,
 * `%td` and `%hhu` print the letters instead of the value and shift every later
 * argument. The tests are C99 and use them, so the target link wraps the printf family
 * (`--wrap`) with these functions, which rewrite each length modifier to one newlib
 * knows for the same argument size (z, t by sizeof; j as ll; hh dropped: the argument
 * is promoted to int anyway) and call the real function.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FORMAT_MAX 256u

/** The length modifier newlib understands for an integer argument of @p size bytes. */
static const char *modifier_for(size_t size)
{
    if (size == sizeof(long long) && size != sizeof(long)) {
        return "ll";
    }
    if (size == sizeof(long) && size != sizeof(int)) {
        return "l";
    }
    return "";
}

/** @p fmt with C99 modifiers rewritten into @p buf, or @p fmt itself when unchanged or too long. */
static const char *c99_format(const char *fmt, char *buf, size_t size)
{
    const char *p = fmt;
    size_t o = 0u;
    int changed = 0;
    while (*p != '\0') {
        const char *mod = NULL;
        if (o + 4u >= size) {
            return fmt;
        }
        buf[o++] = *p;
        if (*p++ != '%') {
            continue;
        }
        while ((*p != '\0') && (strchr("-+ #0'123456789.*", *p) != NULL)) {
            if (o + 4u >= size) {
                return fmt;
            }
            buf[o++] = *p++;
        }
        if (*p == 'z') {
            mod = modifier_for(sizeof(size_t));
            p++;
        } else if (*p == 't') {
            mod = modifier_for(sizeof(ptrdiff_t));
            p++;
        } else if (*p == 'j') {
            mod = modifier_for(sizeof(intmax_t));
            if (*mod == '\0') {
                mod = (sizeof(intmax_t) == sizeof(long long)) ? "ll" : "";
            }
            p++;
        } else if ((p[0] == 'h') && (p[1] == 'h')) {
            mod = "";
            p += 2;
        }
        if (mod != NULL) {
            changed = 1;
            while (*mod != '\0') {
                buf[o++] = *mod++;
            }
        }
    }
    buf[o] = '\0';
    return changed ? buf : fmt;
}

int __real_vsnprintf(char *s, size_t n, const char *fmt, va_list ap);
int __real_vsprintf(char *s, const char *fmt, va_list ap);
int __real_vfprintf(FILE *f, const char *fmt, va_list ap);

int __wrap_vsnprintf(char *s, size_t n, const char *fmt, va_list ap);
int __wrap_vsprintf(char *s, const char *fmt, va_list ap);
int __wrap_vfprintf(FILE *f, const char *fmt, va_list ap);
int __wrap_vprintf(const char *fmt, va_list ap);
int __wrap_snprintf(char *s, size_t n, const char *fmt, ...);
int __wrap_sprintf(char *s, const char *fmt, ...);
int __wrap_fprintf(FILE *f, const char *fmt, ...);
int __wrap_printf(const char *fmt, ...);

int __wrap_vsnprintf(char *s, size_t n, const char *fmt, va_list ap)
{
    char buf[FORMAT_MAX];
    return __real_vsnprintf(s, n, c99_format(fmt, buf, sizeof(buf)), ap);
}

int __wrap_vsprintf(char *s, const char *fmt, va_list ap)
{
    char buf[FORMAT_MAX];
    return __real_vsprintf(s, c99_format(fmt, buf, sizeof(buf)), ap);
}

int __wrap_vfprintf(FILE *f, const char *fmt, va_list ap)
{
    char buf[FORMAT_MAX];
    return __real_vfprintf(f, c99_format(fmt, buf, sizeof(buf)), ap);
}

int __wrap_vprintf(const char *fmt, va_list ap)
{
    return __wrap_vfprintf(stdout, fmt, ap);
}

int __wrap_snprintf(char *s, size_t n, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = __wrap_vsnprintf(s, n, fmt, ap);
    va_end(ap);
    return r;
}

int __wrap_sprintf(char *s, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = __wrap_vsprintf(s, fmt, ap);
    va_end(ap);
    return r;
}

int __wrap_fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = __wrap_vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}

int __wrap_printf(const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = __wrap_vfprintf(stdout, fmt, ap);
    va_end(ap);
    return r;
}
