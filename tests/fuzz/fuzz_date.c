/*
 * fuzz_date: libFuzzer target for date.c.  Promises checked: date_parse
 * reads a time in the years 1000-9999 (give or take a day of zone offset)
 * or nothing; a time it reads, written out by date_format as RFC 3339 and
 * as RFC 822 (UTC), parses back to the same second; date_ymd and
 * date_day agree with date_day_start, which gives the start of the day
 * the time falls on.  The first 8 bytes also make a y-m-d for
 * date_day_start, whose answer must fall on a real day it names.
 */
#include <stdint.h>

#include "date.h"
#include "fuzz.h"

/* 1000-01-01 and 10000-01-01 in Unix seconds, with a day either side. */
#define FUZZ_DATE_MIN (INT64_C(-30610224000) - 86400)
#define FUZZ_DATE_MAX (INT64_C(253402300800) + 86400)

static void
fuzz_date_back(int64_t t, const char *fmt, const char *what)
{
	char out[128];
	int64_t back;

	date_format(t, 1, fmt, "", out, sizeof out);
	if (date_parse(out, &back) != 0 || back != t) {
		fprintf(stderr, "fuzz: %s: %lld written \"%s\" reads back %s\n",
		    what, (long long)t, out,
		    date_parse(out, &back) != 0 ? "as nothing" : "otherwise");
		abort();
	}
}

static void
fuzz_date_day(int64_t t)
{
	int y, m, d;
	int64_t start;

	if (date_ymd(t, 1, &y, &m, &d) != 0)
		abort();
	start = date_day_start(y, m, d, 1);
	if (start > t || t - start >= 86400 ||
	    date_day(t, 1) != (long)(start / 86400)) {
		fprintf(stderr,
		    "fuzz: %lld is on %d-%02d-%02d, which starts "
		    "at %lld\n",
		    (long long)t, y, m, d, (long long)start);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *s;
	int64_t t, start;
	int y, m, d, y2, m2, d2;

	if (size > 512)
		return 0;
	if (size >= 8) {
		/* A day as date_day_start takes them: any month, any day. */
		y = 20 + (data[0] | data[1] << 8) % 9970;
		m = (signed char)data[2];
		d = (signed char)data[3];
		start = date_day_start(y, m, d, 1);
		if (start % 86400 != 0 ||
		    date_ymd(start, 1, &y2, &m2, &d2) != 0 ||
		    date_day_start(y2, m2, d2, 1) != start) {
			fprintf(stderr, "fuzz: day %d-%d-%d starts at %lld\n",
			    y, m, d, (long long)start);
			abort();
		}
	}
	s = xstrndup((const char *)data, size);
	if (date_parse(s, &t) == 0) {
		if (t < FUZZ_DATE_MIN || t > FUZZ_DATE_MAX) {
			fprintf(stderr, "fuzz: \"%s\" read as %lld\n", s,
			    (long long)t);
			abort();
		}
		/* Years 1000-9999 only: those date_parse reads. */
		if (t >= INT64_C(-30610224000) && t < INT64_C(253402300800)) {
			fuzz_date_back(t, "%Y-%m-%dT%H:%M:%SZ", "RFC 3339");
			fuzz_date_back(
			    t, "%a, %d %b %Y %H:%M:%S +0000", "RFC 822");
			fuzz_date_day(t);
		}
	}
	free(s);
	return 0;
}
