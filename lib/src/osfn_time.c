/**
 * @file osfn_time.c
 * @brief Proleptic Gregorian calendar arithmetic on epoch seconds.
 *
 * Days are counted from 1970-01-01 using 400-year eras (146097 days each),
 * with March as the first month of the computational year so that the leap
 * day falls at the end of it.
 */
#include "osfn/osfn_time.h"

#include <stdbool.h>

#include "osfn_time_private.h"

#define SECS_PER_DAY 86400
#define DAYS_PER_ERA 146097
/** Days from 0000-03-01 to 1970-01-01. */
#define EPOCH_SHIFT 719468

static const char k_wday[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char k_mon[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

typedef struct {
    int64_t year;
    int month; /* 1..12 */
    int day;   /* 1..31 */
    int hour;
    int min;
    int sec;
    int wday;  /* 0 = Sunday */
} civil_t;

/*@ requires in_range: OSFN_EPOCH_MIN <= epoch <= OSFN_EPOCH_MAX;
    requires \valid(c);
    assigns *c;
    ensures 1 <= c->month <= 12 && 1 <= c->day <= 31 && 0 <= c->wday <= 6;
    ensures 0 <= c->hour <= 23 && 0 <= c->min <= 59 && 0 <= c->sec <= 59;
    ensures 1970 <= c->year <= 9999;
*/
static void civil_from_epoch(int64_t epoch, civil_t *c)
{
    int64_t days = epoch / SECS_PER_DAY;
    int64_t rem = epoch % SECS_PER_DAY; /* epoch >= 0, so rem >= 0 */
    int64_t z = days + EPOCH_SHIFT;
    int64_t era = z / DAYS_PER_ERA;
    int64_t doe = z - (era * DAYS_PER_ERA);
    int64_t yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
    int64_t doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
    int64_t mp;
    int64_t month;

    /* Facts a non-relational analyser cannot see; proved by WP (docs/proofs.md). */
    /*@ assert era_day: 0 <= doe <= 146096; */
    /*@ assert era_year: 0 <= yoe <= 399; */
    /*@ assert year_day: 0 <= doy <= 365; */
    mp = ((5 * doy) + 2) / 153;
    /*@ assert month_index: 0 <= mp <= 11; */

    c->day = (int)(doy - (((153 * mp) + 2) / 5) + 1);
    if (mp < 10) {
        month = mp + 3;
    } else {
        month = mp - 9;
    }
    c->month = (int)month;
    c->year = yoe + (era * 400) + ((c->month <= 2) ? 1 : 0);
    c->hour = (int)(rem / 3600);
    c->min = (int)((rem % 3600) / 60);
    c->sec = (int)(rem % 60);
    c->wday = (int)((days + 4) % 7);
}

/*@ requires 1970 <= y <= 9999 && 1 <= m <= 12 && 1 <= d <= 31;
    assigns \nothing;
    ensures -1000000 <= \result <= 3000000; */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t yy = y - ((m <= 2) ? 1 : 0);
    int64_t era = yy / 400; /* yy >= 1969 here, never negative */
    int64_t yoe = yy - (era * 400);
    int64_t mp = (m > 2) ? ((int64_t)m - 3) : ((int64_t)m + 9);
    int64_t doy = (((153 * mp) + 2) / 5) + (int64_t)d - 1;
    int64_t doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
    return (era * DAYS_PER_ERA) + doe - EPOCH_SHIFT;
}

/*@ assigns \nothing; */
static bool is_leap(int64_t y)
{
    return ((y % 4) == 0) && (((y % 100) != 0) || ((y % 400) == 0));
}

/*@ requires 1 <= m <= 12;
    assigns \nothing;
    ensures 28 <= \result <= 31; */
static int days_in_month(int64_t y, int m)
{
    static const unsigned char k_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return ((m == 2) && is_leap(y)) ? 29 : (int)k_days[m - 1];
}

static void put_digits(char *out, int64_t value, int width)
{
    int64_t v = value;
    int i;
    for (i = width - 1; i >= 0; i--) {
        int64_t ch = (int64_t)'0' + (v % 10);
        out[i] = (char)ch;
        v /= 10;
    }
}

static void put3(char *out, const char *s)
{
    out[0] = s[0];
    out[1] = s[1];
    out[2] = s[2];
}

static osfn_status_t check_epoch(int64_t epoch, const char *out)
{
    if (out == NULL) {
        return OSFN_ERR_NULL_ARG;
    }
    if ((epoch < OSFN_EPOCH_MIN) || (epoch > OSFN_EPOCH_MAX)) {
        return OSFN_ERR_BAD_TIME;
    }
    return OSFN_OK;
}

osfn_status_t osfn_time_format_iso8601(int64_t epoch, char *out)
{
    civil_t c;
    osfn_status_t st = check_epoch(epoch, out);
    if (st != OSFN_OK) {
        return st;
    }
    civil_from_epoch(epoch, &c);
    put_digits(&out[0], c.year, 4);
    out[4] = '-';
    put_digits(&out[5], c.month, 2);
    out[7] = '-';
    put_digits(&out[8], c.day, 2);
    out[10] = 'T';
    put_digits(&out[11], c.hour, 2);
    out[13] = ':';
    put_digits(&out[14], c.min, 2);
    out[16] = ':';
    put_digits(&out[17], c.sec, 2);
    out[19] = 'Z';
    out[20] = '\0';
    return OSFN_OK;
}

osfn_status_t osfn_time_format_rfc1123(int64_t epoch, char *out)
{
    civil_t c;
    osfn_status_t st = check_epoch(epoch, out);
    if (st != OSFN_OK) {
        return st;
    }
    civil_from_epoch(epoch, &c);
    put3(&out[0], k_wday[c.wday]);
    out[3] = ',';
    out[4] = ' ';
    put_digits(&out[5], c.day, 2);
    out[7] = ' ';
    put3(&out[8], k_mon[c.month - 1]);
    out[11] = ' ';
    put_digits(&out[12], c.year, 4);
    out[16] = ' ';
    put_digits(&out[17], c.hour, 2);
    out[19] = ':';
    put_digits(&out[20], c.min, 2);
    out[22] = ':';
    put_digits(&out[23], c.sec, 2);
    put3(&out[25], " GM");
    out[28] = 'T';
    out[29] = '\0';
    return OSFN_OK;
}

/** Read @p width decimal digits at @p s; false if any is not a digit. */
/*@ requires 1 <= width <= 4;
    requires \valid_read(s + (0 .. width - 1)) && \initialized(s + (0 .. width - 1));
    requires \valid(v) && \separated(v, s + (0 .. width - 1));
    assigns *v;
    ensures \initialized(v);
    ensures 0 <= *v <= 9999;
    ensures width <= 2 ==> *v <= 99;
*/
static bool get_digits(const char *s, int width, int64_t *v)
{
    int i;
    *v = 0;
    /*@ loop invariant 0 <= i <= width;
        loop invariant \initialized(v);
        loop invariant 0 <= *v;
        loop invariant i <= 0 ==> *v <= 0;
        loop invariant i <= 1 ==> *v <= 9;
        loop invariant i <= 2 ==> *v <= 99;
        loop invariant i <= 3 ==> *v <= 999;
        loop invariant *v <= 9999;
        loop assigns i, *v;
        loop variant width - i; */
    for (i = 0; i < width; i++) {
        if ((s[i] < '0') || (s[i] > '9')) {
            return false;
        }
        *v = (*v * 10) + ((int64_t)s[i] - (int64_t)'0');
    }
    return true;
}

/** Validate the fields of @p c and turn them into epoch seconds. */
/*@ requires \valid_read(c) && \valid(epoch) && \separated(c, epoch);
    requires \initialized(&c->year) && \initialized(&c->month) && \initialized(&c->day);
    requires \initialized(&c->hour) && \initialized(&c->min) && \initialized(&c->sec);
    requires 0 <= c->hour && 0 <= c->min && 0 <= c->sec;
    assigns *epoch;
    ensures \result == OSFN_OK || \result == OSFN_ERR_BAD_TIME;
    ensures \result == OSFN_OK ==> \initialized(epoch) && -1000000000000 <= *epoch <= 1000000000000;
*/
static osfn_status_t epoch_from_civil(const civil_t *c, int64_t *epoch)
{
    if ((c->year < 1970) || (c->year > 9999) || (c->month < 1) || (c->month > 12) ||
        (c->day < 1) || (c->day > days_in_month(c->year, c->month)) ||
        (c->hour > 23) || (c->min > 59) || (c->sec > 59)) {
        return OSFN_ERR_BAD_TIME;
    }
    *epoch = (days_from_civil(c->year, c->month, c->day) * SECS_PER_DAY) +
             ((int64_t)c->hour * 3600) + ((int64_t)c->min * 60) + (int64_t)c->sec;
    return OSFN_OK;
}

/** Parse `HH:MM:SS` at @p s into @p c. */
/*@ requires \valid_read(s + (0 .. 7)) && \initialized(s + (0 .. 7));
    requires \valid(c) && \separated(c, s + (0 .. 7));
    assigns c->hour, c->min, c->sec;
    ensures \result ==> \initialized(&c->hour) && \initialized(&c->min) && \initialized(&c->sec);
    ensures \result ==> 0 <= c->hour <= 99 && 0 <= c->min <= 99 && 0 <= c->sec <= 99;
*/
static bool get_clock(const char *s, civil_t *c)
{
    int64_t h;
    int64_t m;
    int64_t sec;
    if (!get_digits(&s[0], 2, &h) || (s[2] != ':') || !get_digits(&s[3], 2, &m) ||
        (s[5] != ':') || !get_digits(&s[6], 2, &sec)) {
        return false;
    }
    c->hour = (int)h;
    c->min = (int)m;
    c->sec = (int)sec;
    return true;
}

osfn_status_t osfn_time_parse_iso8601(const char *s, size_t len, int64_t *epoch)
{
    civil_t c;
    int64_t mo;
    int64_t d;
    if ((s == NULL) || (epoch == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    if ((len != OSFN_ISO8601_LEN) || !get_digits(&s[0], 4, &c.year) || (s[4] != '-') ||
        !get_digits(&s[5], 2, &mo) || (s[7] != '-') || !get_digits(&s[8], 2, &d) ||
        (s[10] != 'T') || !get_clock(&s[11], &c) || (s[19] != 'Z')) {
        return OSFN_ERR_BAD_TIME;
    }
    c.month = (int)mo;
    c.day = (int)d;
    return epoch_from_civil(&c, epoch);
}

/** Index of a three-letter name in @p table, or -1. */
/*@ requires 1 <= n <= 12;
    requires \valid_read(table + (0 .. n - 1)) && \initialized(table + (0 .. n - 1));
    requires \valid_read(s + (0 .. 2)) && \initialized(s + (0 .. 2));
    assigns \nothing;
    ensures -1 <= \result < n; */
static int find3(const char (*table)[4], int n, const char *s)
{
    int i;
    /*@ loop invariant 0 <= i <= n;
        loop assigns i;
        loop variant n - i; */
    for (i = 0; i < n; i++) {
        if ((table[i][0] == s[0]) && (table[i][1] == s[1]) && (table[i][2] == s[2])) {
            return i;
        }
    }
    return -1;
}

osfn_status_t osfn__parse_http_date(const char *s, size_t len, int64_t *epoch)
{
    civil_t c;
    int64_t d = 0;
    int64_t year = 0;
    int mon = -1;
    osfn_status_t st = OSFN_ERR_BAD_TIME;
    if ((len != OSFN_RFC1123_LEN) || (find3(k_wday, 7, s) < 0) || (s[3] != ',') ||
        (s[4] != ' ') || !get_digits(&s[5], 2, &d) || (s[7] != ' ') || (s[11] != ' ') ||
        !get_digits(&s[12], 4, &year) || (s[16] != ' ') || !get_clock(&s[17], &c) ||
        (s[25] != ' ') || (s[26] != 'G') || (s[27] != 'M') || (s[28] != 'T')) {
        return OSFN_ERR_BAD_TIME;
    }
    mon = find3(k_mon, 12, &s[8]);
    if (mon < 0) {
        return OSFN_ERR_BAD_TIME;
    }
    c.year = year;
    c.month = mon + 1;
    c.day = (int)d;
    st = epoch_from_civil(&c, epoch);
    return st;
}

osfn_status_t osfn_time_parse_http_date(const char *s, size_t len, int64_t *epoch)
{
    if ((s == NULL) || (epoch == NULL)) {
        return OSFN_ERR_NULL_ARG;
    }
    return osfn__parse_http_date(s, len, epoch);
}
