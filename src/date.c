/*
 * date: turns the date strings feeds carry into Unix seconds (UTC).
 *
 * Owns the grammar of RFC 822/2822/1123 and RFC 850 dates, RFC 3339 /
 * ISO 8601 timestamps, asctime/ctime and JavaScript Date strings and their
 * common sloppy variants, the table of zone names, and the calendar
 * arithmetic.
 *
 * Must not allocate, do I/O, keep state, look at the locale or TZ, or call
 * libc time conversion (mktime, timegm, strptime): the answer must be the
 * same on every machine.  When in doubt it rejects: the caller copes with a
 * missing date, but a wrong one reorders the planet view for good.
 *
 * Accepted shapes (case-insensitive words, any run of ASCII white space
 * where a space is shown, leading and trailing white space ignored):
 *
 *   [Wdy[.][,]] D Mon[.] Y [H:MM[:SS[.f]] [AM|PM] [zone]] [(comment)]
 *   [Wdy[.][,]] D-Mon-Y [H:MM[:SS[.f]] [zone]]          (RFC 850)
 *   [Wdy[.][,]] Mon[.] D[,] YYYY [H:MM[:SS[.f]] [AM|PM] [zone]] [(comment)]
 *   [Wdy[.][,]] Mon[.] D H:MM[:SS[.f]] [AM|PM] [zone] YYYY  (asctime, ctime)
 *   YYYY-M-D[(T| )H:MM[:SS[(.|,)f]] [zone]]             (RFC 3339, ISO 8601)
 *   YYYY/M/D[(T| )H:MM[:SS[(.|,)f]] [zone]]
 *   YYYYMMDDTHHMM[SS[(.|,)f]][zone]                     (ISO 8601 basic)
 *
 * Wdy and Mon are three-letter abbreviations or full English names (plus
 * "Sept", "Tues", "Thur", "Thurs").  The weekday is never checked against the
 * date: feeds get it wrong too often for it to be worth losing the date.
 * Y has two digits (RFC 2822 4.3: 00-49 is 2000-2049, 50-99 is 1950-1999),
 * three (RFC 2822 4.3: add 1900) or four.  Years outside 1000-9999 are
 * rejected.  Fractions of a second are truncated.  Second 60 (a leap second)
 * is read as 59 so that the date never moves; hour 24 is accepted only as
 * 24:00[:00], meaning midnight at the end of the day.
 */
#include "date.h"

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* Longer than any month, weekday or zone name we know. */
#define DATE_WORDMAX 16

/* Largest zone offset accepted: real zones span -12:00 to +14:00. */
#define DATE_OFFMAX (14 * 60)

struct datetime {
	int year;
	int mon;
	int day;
	int hour;
	int min;
	int sec;
	int frac; /* a non-zero digit followed the seconds */
	int off;  /* zone offset east of UTC, in minutes */
};

struct date_zone {
	const char *name;
	int off; /* minutes east of UTC */
};

/*
 * Zone names, matched case-insensitively.  The first block is RFC 822 5.1 /
 * RFC 2822 4.3.  The second is names that feeds use and that mean one thing
 * in practice (BST is British Summer Time in feeds, not Bangladesh).  Names
 * that are genuinely ambiguous (IST: India, Ireland or Israel; AST: Atlantic
 * or Arabia) are left out on purpose: like every name not listed, they
 * make the date unreadable rather than wrong (see date_zone()).
 */
static const struct date_zone date_zones[] = { { "ut", 0 }, { "utc", 0 },
	{ "gmt", 0 }, { "z", 0 }, { "est", -5 * 60 }, { "edt", -4 * 60 },
	{ "cst", -6 * 60 }, { "cdt", -5 * 60 }, { "mst", -7 * 60 },
	{ "mdt", -6 * 60 }, { "pst", -8 * 60 }, { "pdt", -7 * 60 },

	{ "wet", 0 }, { "west", 1 * 60 }, { "bst", 1 * 60 }, { "cet", 1 * 60 },
	{ "cest", 2 * 60 }, { "met", 1 * 60 }, { "mest", 2 * 60 },
	{ "eet", 2 * 60 }, { "eest", 3 * 60 }, { "msk", 3 * 60 },
	{ "jst", 9 * 60 }, { "kst", 9 * 60 }, { "awst", 8 * 60 },
	{ "acst", 9 * 60 + 30 }, { "acdt", 10 * 60 + 30 }, { "aest", 10 * 60 },
	{ "aedt", 11 * 60 }, { "nzst", 12 * 60 }, { "nzdt", 13 * 60 },
	{ "hst", -10 * 60 }, { "akst", -9 * 60 }, { "akdt", -8 * 60 },
	{ "nst", -(3 * 60 + 30) }, { "ndt", -(2 * 60 + 30) }, { NULL, 0 } };

static const char *date_months[] = { "january", "february", "march", "april",
	"may", "june", "july", "august", "september", "october", "november",
	"december" };

static const char *date_weekdays[] = { "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday" };

/* Days before the first of each month in a common year. */
static const int date_cumdays[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273,
	304, 334 };

static int date_isdigit(int);
static int date_isalpha(int);
static void date_skipspace(const char **);
static int date_digits(const char **, int *);
static size_t date_word(const char **, char *, size_t);
static int date_month(const char **, int *);
static int date_isweekday(const char *, size_t);
static void date_fraction(const char **, struct datetime *);
static int date_clock(const char **, struct datetime *);
static int date_ampm(const char **, struct datetime *);
static int date_offset(const char **, int *);
static int date_zone(const char **, int *);
static int date_end(const char *);
static int date_timezone(const char *, struct datetime *, int);
static int date_rest(const char *, struct datetime *, int);
static int date_iso(const char *, struct datetime *);
static int date_dayfirst(const char *, struct datetime *);
static int date_monthfirst(const char *, struct datetime *);
static int date_words(const char *, struct datetime *);
static int date_isleap(int);
static int date_mdays(int, int);
static int date_valid(const struct datetime *);
static int64_t date_days(int, int, int);

/* ASCII only: the locale must not change what a date means. */
static int
date_isdigit(int c)
{
	return (c >= '0' && c <= '9');
}

static int
date_isalpha(int c)
{
	return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

static void
date_skipspace(const char **pp)
{
	while (util_isspace((unsigned char)**pp))
		(*pp)++;
}

/*
 * Read a whole run of digits and return its length; the value goes to *val.
 * Runs longer than nine digits return 10 (and a meaningless value): no
 * field is that long, so the caller rejects them.  Reading the whole run
 * keeps "00:0012" from passing as a minute followed by something else.
 */
static int
date_digits(const char **pp, int *val)
{
	const char *p = *pp;
	int n = 0, v = 0;

	while (date_isdigit((unsigned char)*p)) {
		if (n < 9)
			v = v * 10 + (*p - '0');
		if (n < 10)
			n++;
		p++;
	}
	*pp = p;
	*val = v;
	return (n);
}

/*
 * Read a whole run of letters, lower-cased into buf (size bytes) when it
 * fits.  Returns the length of the run; a return of size or more means buf
 * holds nothing useful.
 */
static size_t
date_word(const char **pp, char *buf, size_t size)
{
	const char *p = *pp;
	size_t n = 0;
	int c;

	while (date_isalpha((unsigned char)*p)) {
		c = util_lower((unsigned char)*p);
		if (n + 1 < size)
			buf[n] = (char)c;
		if (n < size)
			n++;
		p++;
	}
	if (n < size)
		buf[n] = '\0';
	*pp = p;
	return (n);
}

/* A month name, abbreviated or full, with an optional '.'; sets *mon. */
static int
date_month(const char **pp, int *mon)
{
	const char *p = *pp;
	char w[DATE_WORDMAX];
	size_t len;
	int i;

	len = date_word(&p, w, sizeof w);
	if (len < 3 || len >= sizeof w)
		return (-1);
	*mon = 0;
	for (i = 0; i < 12; i++) {
		if (strcmp(w, date_months[i]) == 0 ||
		    (len == 3 && strncmp(w, date_months[i], 3) == 0)) {
			*mon = i + 1;
			break;
		}
	}
	if (strcmp(w, "sept") == 0)
		*mon = 9;
	if (*mon == 0)
		return (-1);
	if (*p == '.')
		p++;
	*pp = p;
	return (0);
}

static int
date_isweekday(const char *w, size_t len)
{
	int i;

	if (len < 3)
		return (0);
	for (i = 0; i < 7; i++) {
		if (strcmp(w, date_weekdays[i]) == 0 ||
		    (len == 3 && strncmp(w, date_weekdays[i], 3) == 0))
			return (1);
	}
	return (strcmp(w, "tues") == 0 || strcmp(w, "thur") == 0 ||
	    strcmp(w, "thurs") == 0);
}

/* Digits after the decimal mark: any number of them, truncated. */
static void
date_fraction(const char **pp, struct datetime *dt)
{
	const char *p = *pp;

	while (date_isdigit((unsigned char)*p)) {
		if (*p != '0')
			dt->frac = 1;
		p++;
	}
	*pp = p;
}

/* H:MM[:SS[(.|,)f]], the hour with one or two digits; ranges come later. */
static int
date_clock(const char **pp, struct datetime *dt)
{
	const char *p = *pp;
	int n, v;

	n = date_digits(&p, &v);
	if (n < 1 || n > 2)
		return (-1);
	dt->hour = v;
	if (*p != ':')
		return (-1);
	p++;
	if (date_digits(&p, &v) != 2)
		return (-1);
	dt->min = v;
	dt->sec = 0;
	if (*p == ':') {
		p++;
		if (date_digits(&p, &v) != 2)
			return (-1);
		dt->sec = v;
		if ((*p == '.' || *p == ',') &&
		    date_isdigit((unsigned char)p[1])) {
			p++;
			date_fraction(&p, dt);
		}
	}
	*pp = p;
	return (0);
}

/*
 * An optional AM or PM after the clock (white space before it already
 * skipped).  Only a 1-12 hour makes sense with it; anything else is
 * rejected rather than guessed.  Without this, "PM" would pass for an
 * unknown zone name and the date would be twelve hours off.
 */
static int
date_ampm(const char **pp, struct datetime *dt)
{
	const char *p = *pp;
	char w[DATE_WORDMAX];
	size_t len;
	int pm;

	len = date_word(&p, w, sizeof w);
	if (len != 2)
		return (0);
	if (strcmp(w, "am") == 0)
		pm = 0;
	else if (strcmp(w, "pm") == 0)
		pm = 1;
	else
		return (0);
	if (dt->hour < 1 || dt->hour > 12)
		return (-1);
	if (dt->hour == 12)
		dt->hour = 0;
	if (pm)
		dt->hour += 12;
	*pp = p;
	return (1);
}

/* (+|-)HHMM, (+|-)HH:MM or (+|-)HH; sets *off in minutes east of UTC. */
static int
date_offset(const char **pp, int *off)
{
	const char *p = *pp;
	int sign, n, v, hh, mm;

	sign = (*p == '-') ? -1 : 1;
	p++;
	n = date_digits(&p, &v);
	if (n == 4) {
		hh = v / 100;
		mm = v % 100;
	} else if (n == 2) {
		hh = v;
		mm = 0;
		if (*p == ':') {
			p++;
			if (date_digits(&p, &v) != 2)
				return (-1);
			mm = v;
		}
	} else
		return (-1);
	if (mm > 59 || hh * 60 + mm > DATE_OFFMAX)
		return (-1);
	*off = sign * (hh * 60 + mm);
	*pp = p;
	return (0);
}

/*
 * A zone at *pp: returns 1 and sets *off (minutes east of UTC) when there
 * is one, 0 when there is none (nothing consumed), -1 when the text there
 * is not a zone we accept.
 *
 * Named zones come from date_zones.  GMT, UTC and UT may carry an offset
 * right after them ("GMT+0200", as JavaScript's Date.toString() writes it);
 * the offset wins.  Single letters are the RFC 822 military zones, which
 * RFC 2822 4.3 says to read as -0000 (RFC 822 had their signs backwards), so
 * they are UTC.  Any other word rejects the date: an abbreviation we do
 * not know could be up to fourteen hours off, and an absent date is
 * better than a wrong one.
 */
static int
date_zone(const char **pp, int *off)
{
	const char *p = *pp;
	char w[DATE_WORDMAX];
	size_t len, i;

	if ((*p == '+' || *p == '-') && date_isdigit((unsigned char)p[1])) {
		if (date_offset(&p, off) == -1)
			return (-1);
		*pp = p;
		return (1);
	}
	if (!date_isalpha((unsigned char)*p))
		return (0);

	len = date_word(&p, w, sizeof w);
	if (len >= sizeof w)
		return (-1);
	if (strcmp(w, "am") == 0 || strcmp(w, "pm") == 0)
		return (-1);
	for (i = 0; date_zones[i].name != NULL; i++) {
		if (strcmp(w, date_zones[i].name) == 0)
			break;
	}
	if (date_zones[i].name != NULL) {
		*off = date_zones[i].off;
		if ((strcmp(w, "gmt") == 0 || strcmp(w, "utc") == 0 ||
			strcmp(w, "ut") == 0) &&
		    (*p == '+' || *p == '-') &&
		    date_isdigit((unsigned char)p[1])) {
			if (date_offset(&p, off) == -1)
				return (-1);
		}
		*pp = p;
		return (1);
	}
	if (len == 1) {
		*off = 0;
		*pp = p;
		return (1);
	}
	/* A zone we do not know: reading it as UTC could be hours off,
	 * and a wrong date is worse than none. */
	return (-1);
}

/*
 * The end of the string: white space, at most one parenthesised comment
 * (RFC 2822 3.2.3: nested parentheses and backslash quoting allowed), white
 * space.
 */
static int
date_end(const char *p)
{
	int depth = 0, c;

	date_skipspace(&p);
	if (*p == '(') {
		for (;;) {
			c = (unsigned char)*p;
			if (c == '\0')
				return (-1);
			p++;
			if (c == '\\') {
				if (*p == '\0')
					return (-1);
				p++;
			} else if (c == '(')
				depth++;
			else if (c == ')') {
				depth--;
				if (depth == 0)
					break;
			}
		}
		date_skipspace(&p);
	}
	return (*p == '\0' ? 0 : -1);
}

/*
 * A clock, then (after optional white space) AM/PM when ampm is set, then an
 * optional zone, then the end.
 */
static int
date_timezone(const char *p, struct datetime *dt, int ampm)
{
	if (date_clock(&p, dt) == -1)
		return (-1);
	date_skipspace(&p);
	if (ampm) {
		if (date_ampm(&p, dt) == -1)
			return (-1);
		date_skipspace(&p);
	}
	if (date_zone(&p, &dt->off) == -1)
		return (-1);
	return (date_end(p));
}

/*
 * What may follow a date: nothing (midnight UTC), or white space and a
 * clock with an optional zone.
 */
static int
date_rest(const char *p, struct datetime *dt, int ampm)
{
	const char *q = p;

	date_skipspace(&q);
	if (q == p || !date_isdigit((unsigned char)*q))
		return (date_end(p));
	return (date_timezone(q, dt, ampm));
}

/* RFC 3339 and ISO 8601 calendar dates, extended and basic. */
static int
date_iso(const char *p, struct datetime *dt)
{
	int n, v, sep;

	n = date_digits(&p, &v);
	if (n == 8) {
		/*
		 * Basic format.  A bare run of eight digits could be many
		 * things, so only take it with its time: YYYYMMDDTHHMM[SS].
		 */
		dt->year = v / 10000;
		dt->mon = v / 100 % 100;
		dt->day = v % 100;
		if (*p != 'T' && *p != 't')
			return (-1);
		p++;
		n = date_digits(&p, &v);
		if (n == 4) {
			dt->hour = v / 100;
			dt->min = v % 100;
		} else if (n == 6) {
			dt->hour = v / 10000;
			dt->min = v / 100 % 100;
			dt->sec = v % 100;
			if ((*p == '.' || *p == ',') &&
			    date_isdigit((unsigned char)p[1])) {
				p++;
				date_fraction(&p, dt);
			}
		} else
			return (-1);
		date_skipspace(&p);
		if (date_zone(&p, &dt->off) == -1)
			return (-1);
		return (date_end(p));
	}
	if (n != 4)
		return (-1);

	/* Extended format, or the same with '/' (year first is unambiguous). */
	dt->year = v;
	sep = *p;
	if (sep != '-' && sep != '/')
		return (-1);
	p++;
	n = date_digits(&p, &v);
	if (n < 1 || n > 2)
		return (-1);
	dt->mon = v;
	if (*p != sep)
		return (-1);
	p++;
	n = date_digits(&p, &v);
	if (n < 1 || n > 2)
		return (-1);
	dt->day = v;
	if (*p == 'T' || *p == 't')
		return (date_timezone(p + 1, dt, 0));
	return (date_rest(p, dt, 0));
}

/* D Mon Y ..., and RFC 850's D-Mon-Y ... */
static int
date_dayfirst(const char *p, struct datetime *dt)
{
	int n, v, dash;

	n = date_digits(&p, &v);
	if (n < 1 || n > 2)
		return (-1);
	dt->day = v;
	dash = (*p == '-');
	if (dash)
		p++;
	else {
		if (!util_isspace((unsigned char)*p))
			return (-1);
		date_skipspace(&p);
	}
	if (date_month(&p, &dt->mon) == -1)
		return (-1);
	if (dash) {
		if (*p != '-')
			return (-1);
		p++;
	} else {
		if (!util_isspace((unsigned char)*p))
			return (-1);
		date_skipspace(&p);
	}
	n = date_digits(&p, &v);
	if (n == 2)
		dt->year = v < 50 ? 2000 + v : 1900 + v;
	else if (n == 3)
		dt->year = 1900 + v;
	else if (n == 4)
		dt->year = v;
	else
		return (-1);
	return (date_rest(p, dt, !dash));
}

/*
 * Mon D[,] YYYY ... (also JavaScript's "Sep 07 2002 00:00:01 GMT+0200
 * (CEST)"), and asctime/ctime's Mon D H:MM:SS [zone] YYYY.  The year must
 * have four digits here: nothing writes these shapes with short years.
 */
static int
date_monthfirst(const char *p, struct datetime *dt)
{
	const char *q;
	int n, v, r;

	if (date_month(&p, &dt->mon) == -1)
		return (-1);
	if (!util_isspace((unsigned char)*p))
		return (-1);
	date_skipspace(&p);
	n = date_digits(&p, &v);
	if (n < 1 || n > 2)
		return (-1);
	dt->day = v;
	if (*p == ',')
		p++;
	if (!util_isspace((unsigned char)*p))
		return (-1);
	date_skipspace(&p);

	q = p;
	n = date_digits(&q, &v);
	if (*q != ':') {
		if (n != 4)
			return (-1);
		dt->year = v;
		return (date_rest(q, dt, 1));
	}

	if (date_clock(&p, dt) == -1)
		return (-1);
	date_skipspace(&p);
	if (date_ampm(&p, dt) == -1)
		return (-1);
	date_skipspace(&p);
	r = date_zone(&p, &dt->off);
	if (r == -1)
		return (-1);
	if (r == 1) {
		if (!util_isspace((unsigned char)*p))
			return (-1);
		date_skipspace(&p);
	}
	if (date_digits(&p, &v) != 4)
		return (-1);
	dt->year = v;
	return (date_end(p));
}

/* Everything that starts with a word: an optional weekday, then a date. */
static int
date_words(const char *p, struct datetime *dt)
{
	const char *q = p;
	char w[DATE_WORDMAX];
	size_t len;

	len = date_word(&q, w, sizeof w);
	if (len < sizeof w && date_isweekday(w, len)) {
		if (*q == '.')
			q++;
		p = q;
		date_skipspace(&q);
		if (*q == ',') {
			q++;
			date_skipspace(&q);
		}
		if (q == p)
			return (-1);
		p = q;
	}
	if (date_isdigit((unsigned char)*p))
		return (date_dayfirst(p, dt));
	if (date_isalpha((unsigned char)*p))
		return (date_monthfirst(p, dt));
	return (-1);
}

static int
date_isleap(int y)
{
	return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

static int
date_mdays(int y, int m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	if (m == 2 && date_isleap(y))
		return (29);
	return (mdays[m - 1]);
}

static int
date_valid(const struct datetime *dt)
{
	if (dt->year < 1000 || dt->year > 9999)
		return (-1);
	if (dt->mon < 1 || dt->mon > 12)
		return (-1);
	if (dt->day < 1 || dt->day > date_mdays(dt->year, dt->mon))
		return (-1);
	if (dt->hour == 24) {
		if (dt->min != 0 || dt->sec != 0 || dt->frac)
			return (-1);
	} else if (dt->hour < 0 || dt->hour > 23)
		return (-1);
	if (dt->min < 0 || dt->min > 59)
		return (-1);
	if (dt->sec < 0 || dt->sec > 60)
		return (-1);
	return (0);
}

/*
 * Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (valid
 * for y >= 1): days from 0001-01-01 to the start of year y, plus the days
 * into the year, minus the same count for 1970 (719162).
 */
static int64_t
date_days(int y, int m, int d)
{
	int64_t py = (int64_t)y - 1, days;

	days = py * 365 + py / 4 - py / 100 + py / 400;
	days += date_cumdays[m - 1] + d - 1;
	if (m > 2 && date_isleap(y))
		days++;
	return (days - 719162);
}

int
date_parse(const char *s, int64_t *out)
{
	struct datetime dt;
	const char *p, *q;
	int n, v, r;

	if (s == NULL || out == NULL)
		return (-1);
	memset(&dt, 0, sizeof dt);

	p = s;
	date_skipspace(&p);
	if (date_isdigit((unsigned char)*p)) {
		q = p;
		n = date_digits(&q, &v);
		if (n == 4 || n == 8)
			r = date_iso(p, &dt);
		else if (n == 1 || n == 2)
			r = date_dayfirst(p, &dt);
		else
			r = -1;
	} else if (date_isalpha((unsigned char)*p))
		r = date_words(p, &dt);
	else
		r = -1;
	if (r == -1 || date_valid(&dt) == -1)
		return (-1);

	/* A leap second: keep the date and the minute rather than roll over. */
	if (dt.sec == 60)
		dt.sec = 59;
	*out = date_days(dt.year, dt.mon, dt.day) * 86400 +
	    (int64_t)dt.hour * 3600 + dt.min * 60 + dt.sec -
	    (int64_t)dt.off * 60;
	return (0);
}

void
date_format(int64_t t, int utc, const char *fmt, const char *none, char *out,
    size_t len)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (len == 0)
		return;
	if (t == INT64_MIN ||
	    (utc ? gmtime_r(&tt, &tm) : localtime_r(&tt, &tm)) == NULL) {
		snprintf(out, len, "%s", none);
		return;
	}
	if (utc) {
		/* gmtime_r leaves the zone name to the C library: say UTC. */
		tm.tm_zone = "UTC";
	}
	/* fmt is checked at every call (the format attribute in date.h). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (strftime(out, len, fmt, &tm) == 0)
		out[0] = '\0';
#pragma GCC diagnostic pop
}

long
date_day(int64_t t, int utc)
{
	struct tm tm;
	time_t tt = (time_t)t;
	long y, m, era, yoe, doy, doe;

	if (t == INT64_MIN ||
	    (utc ? gmtime_r(&tt, &tm) : localtime_r(&tt, &tm)) == NULL)
		return LONG_MIN;
	/* Days from civil (proleptic Gregorian), March-based years. */
	y = (long)tm.tm_year + 1900;
	m = (long)tm.tm_mon + 1;
	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + tm.tm_mday - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
date_ymd(int64_t t, int utc, int *y, int *m, int *d)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (t == INT64_MIN ||
	    (utc ? gmtime_r(&tt, &tm) : localtime_r(&tt, &tm)) == NULL)
		return -1;
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
	return 0;
}

/* Seconds east of UTC in the local zone at t (0 when unknown). */
static long
date_gmtoff(int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (localtime_r(&tt, &tm) == NULL)
		return 0;
	return tm.tm_gmtoff;
}

int64_t
date_day_start(int y, int m, int d, int utc)
{
	int64_t t, day;

	/* Months first (m may be 0 or less after "3 months ago"). */
	y += (m - 1 >= 0 ? (m - 1) / 12 : -((12 - m) / 12));
	m = ((m - 1) % 12 + 12) % 12 + 1;
	if (y < 1)
		y = 1;
	if (d > date_mdays(y, m))
		d = date_mdays(y, m);
	/* Days before the 1st count back into earlier months. */
	day = (date_days(y, m, 1) + d - 1) * 86400;
	if (utc)
		return day;
	/* Local midnight: the offset there, checked once more across a
	 * change of offset between t and the answer. */
	t = day - date_gmtoff(day);
	return day - date_gmtoff(t);
}
