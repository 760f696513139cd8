/**
 * @file test_time.c
 * @brief Calendar formatting and parsing against known dates.
 */
#include "osfn_test.h"

#include "osfn/osfn_time.h"

static void test_format_vectors(void)
{
    char iso[OSFN_ISO8601_LEN + 1];
    char rfc[OSFN_RFC1123_LEN + 1];
    CHECK_INT(osfn_time_format_iso8601(1795413600, iso), OSFN_OK);
    CHECK_STR(iso, "2026-11-23T06:00:00Z");
    CHECK_INT(osfn_time_format_rfc1123(1795413600, rfc), OSFN_OK);
    CHECK_STR(rfc, "Mon, 23 Nov 2026 06:00:00 GMT");
    CHECK_INT(osfn_time_format_iso8601(0, iso), OSFN_OK);
    CHECK_STR(iso, "1970-01-01T00:00:00Z");
    CHECK_INT(osfn_time_format_rfc1123(0, rfc), OSFN_OK);
    CHECK_STR(rfc, "Thu, 01 Jan 1970 00:00:00 GMT");
    CHECK_INT(osfn_time_format_iso8601(951782400, iso), OSFN_OK); /* leap day 2000 */
    CHECK_STR(iso, "2000-02-29T00:00:00Z");
    CHECK_INT(osfn_time_format_iso8601(OSFN_EPOCH_MAX, iso), OSFN_OK);
    CHECK_STR(iso, "9999-12-31T23:59:59Z");
    CHECK_INT(osfn_time_format_rfc1123(4107542399, rfc), OSFN_OK); /* 2100 is not leap */
    CHECK_STR(rfc, "Sun, 28 Feb 2100 23:59:59 GMT");
}

static void test_format_rejects(void)
{
    char iso[OSFN_ISO8601_LEN + 1];
    CHECK_INT(osfn_time_format_iso8601(-1, iso), OSFN_ERR_BAD_TIME);
    CHECK_INT(osfn_time_format_iso8601(OSFN_EPOCH_MAX + 1, iso), OSFN_ERR_BAD_TIME);
    CHECK_INT(osfn_time_format_rfc1123(-1, iso), OSFN_ERR_BAD_TIME);
    CHECK_INT(osfn_time_format_iso8601(0, NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_time_format_rfc1123(0, NULL), OSFN_ERR_NULL_ARG);
}

/* Every day from 1970 to 2200 formats and parses back to itself. */
static void test_round_trip_every_day(void)
{
    int64_t t;
    for (t = 0; t < 7258118400LL; t += 86400 + 3661) {
        char iso[OSFN_ISO8601_LEN + 1];
        char rfc[OSFN_RFC1123_LEN + 1];
        int64_t back = -1;
        CHECK_INT(osfn_time_format_iso8601(t, iso), OSFN_OK);
        CHECK_INT(osfn_time_parse_iso8601(iso, OSFN_ISO8601_LEN, &back), OSFN_OK);
        CHECK_INT(back, t);
        CHECK_INT(osfn_time_format_rfc1123(t, rfc), OSFN_OK);
        back = -1;
        CHECK_INT(osfn_time_parse_http_date(rfc, OSFN_RFC1123_LEN, &back), OSFN_OK);
        CHECK_INT(back, t);
    }
}

static void test_parse_rejects(void)
{
    static const char *const bad_iso[] = {
        "2026-11-23T06:00:00", "2026-11-23 06:00:00Z", "2026-13-23T06:00:00Z",
        "2026-02-29T06:00:00Z", "2026-11-00T06:00:00Z", "2026-11-23T24:00:00Z",
        "2026-11-23T06:60:00Z", "2026-11-23T06:00:60Z", "1969-12-31T23:59:59Z",
        "2026-1a-23T06:00:00Z", "2026/11/23T06:00:00Z", "+026-11-23T06:00:00Z",
    };
    static const char *const bad_http[] = {
        "Mon, 23 Nov 2026 06:00:00 UTC", "Mon 23 Nov 2026 06:00:00 GMT ",
        "Xyz, 23 Nov 2026 06:00:00 GMT", "Mon, 23 Noe 2026 06:00:00 GMT",
        "Mon, 31 Nov 2026 06:00:00 GMT", "Mon, 23 Nov 2026 06:00:00 GMT\r",
        "Monday, 23-Nov-26 06:00:00 GMT", "Mon, 23 Nov 2026 6:00:00 GMT ",
    };
    size_t i;
    int64_t t;
    for (i = 0; i < sizeof(bad_iso) / sizeof(bad_iso[0]); i++) {
        CHECK_INT(osfn_time_parse_iso8601(bad_iso[i], strlen(bad_iso[i]), &t), OSFN_ERR_BAD_TIME);
    }
    for (i = 0; i < sizeof(bad_http) / sizeof(bad_http[0]); i++) {
        CHECK_INT(osfn_time_parse_http_date(bad_http[i], strlen(bad_http[i]), &t), OSFN_ERR_BAD_TIME);
    }
    CHECK_INT(osfn_time_parse_iso8601(NULL, 20, &t), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_time_parse_http_date("x", 1, NULL), OSFN_ERR_NULL_ARG);
    CHECK_INT(osfn_time_parse_http_date("Sat, 29 Feb 2020 12:34:56 GMT", 29, &t), OSFN_OK);
    CHECK_INT(t, 1582979696);
}

void suite_time(void)
{
    OSFN_RUN(test_format_vectors);
    OSFN_RUN(test_format_rejects);
    OSFN_RUN(test_round_trip_every_day);
    OSFN_RUN(test_parse_rejects);
}
