/*
 * date: the date strings feeds carry (RFC 822/2822/1123, RFC 850, RFC 3339 /
 * ISO 8601, asctime/ctime and their common sloppy variants) to Unix seconds
 * in UTC.  Pure: no I/O, no allocation, no globals, no locale, no TZ; it must
 * not call mktime/timegm/strptime or any other libc time conversion.
 */
#ifndef ORRERY_DATE_H
#define ORRERY_DATE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse a feed date to Unix seconds (UTC). Returns 0 and sets *out, or -1
 * when the string is not a date it can read with certainty. Pure,
 * thread-safe, no locale, no globals, no TZ dependence.
 *
 * s is borrowed for the call only; *out is left alone on failure.  A NULL s
 * or out is a failure.
 */
int date_parse(const char *s, int64_t *out);

/*
 * Format t (UTC seconds) with an strftime format in local time, or in UTC
 * when utc is set ("%Z" then says UTC).  Writes none instead when t is
 * INT64_MIN (no time) or cannot be converted.
 */
void date_format(int64_t t, int utc, const char *fmt, const char *none,
    char *out, size_t len) __attribute__((format(strftime, 3, 0)));

/* The day t falls on, local or UTC, as a day number (days since
 * 1970-01-01 in that zone's calendar): equal numbers, same day. */
long date_day(int64_t t, int utc);

/* The calendar date t falls on, local or UTC: 0, or -1 (no time). */
int date_ymd(int64_t t, int utc, int *y, int *m, int *d);

/*
 * The first second of day y-m-d, local or UTC.  Out-of-range months count
 * on into other years (month 0 is December of y - 1) and a day past the
 * month's end is its last day, so "a month before March 31" is a day;
 * a day below 1 counts back into the months before (d - 7: a week back).
 */
int64_t date_day_start(int y, int m, int d, int utc);

#endif /* ORRERY_DATE_H */
