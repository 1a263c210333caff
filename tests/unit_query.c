/*
 * unit_query: the query language's parser on its own: every term, every
 * error, hostile input (thousands of quotes, long OR chains, NUL and
 * escape bytes, random bytes).  Owns the tables and a dump of the tree;
 * must not touch a store or print anything but the ok / not ok lines.
 * Expected values are written by hand from the language in query.h.
 */
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "buf.h"
#include "check.h"
#include "date.h"

/* The tree as text: clauses " & ", terms " | ", "-" for negate. */
static char *
dump(const struct query *q)
{
	static const char *const kinds[] = { "w", "title", "author", "source",
		"feed", "unread", "starred", "date" };
	const struct query_term *t;
	const struct query_date *d;
	struct buf b;
	size_t i, j;

	buf_init(&b, 0);
	for (i = 0; i < q->n; i++) {
		for (j = 0; j < q->clauses[i].n; j++) {
			t = &q->clauses[i].terms[j];
			d = &t->date;
			buf_printf(&b, "%s%s%s",
			    j > 0	? " | "
				: i > 0 ? " & "
					: "",
			    t->negate ? "-" : "", kinds[t->kind]);
			if (t->text != NULL)
				buf_printf(
				    &b, ":%s%s", t->text, t->prefix ? "*" : "");
			if (t->kind == QUERY_FEED)
				buf_printf(&b, ":%lld", (long long)t->feed);
			if (t->kind == QUERY_DATE && d->ago)
				buf_printf(&b, ":%d%c-ago", d->n, d->unit);
			else if (t->kind == QUERY_DATE) {
				buf_printf(
				    &b, ":%04d-%02d-%02d", d->y, d->m, d->d);
				if (d->y2 != 0)
					buf_printf(&b, "..%04d-%02d-%02d",
					    d->y2, d->m2, d->d2);
			}
		}
	}
	buf_addc(&b, '\0');
	return buf_detach(&b, NULL);
}

struct good {
	const char *in;
	const char *tree;
	const char *fts; /* of the first term, or NULL */
};

static const struct good goods[] = {
	{ "", "", NULL },
	{ "   ", "", NULL },
	{ "python", "w:python", "\"python\"" },
	{ "python typing", "w:python & w:typing", NULL },
	{ "\"type hints\"", "w:type hints", "\"type hints\"" },
	{ "pyth*", "w:pyth*", "pyth*" },
	{ "PYTH*", "w:PYTH*", "pyth*" },
	{ "\"type hi\"*", "w:type hi*", "\"type hi\" *" },
	{ "asyncio.ru*", "w:asyncio.ru*", "\"asyncio.ru\" *" },
	{ "python OR rust", "w:python | w:rust", NULL },
	{ "a OR b c", "w:a | w:b & w:c", NULL },
	{ "a OR b OR c", "w:a | w:b | w:c", NULL },
	{ "-python", "-w:python", "\"python\"" },
	{ "-\"type hints\"", "-w:type hints", NULL },
	{ "+unread", "unread", NULL },
	{ "-unread", "-unread", NULL },
	{ "+starred", "starred", NULL },
	{ "-starred", "-starred", NULL },
	{ "+Unread", "unread", NULL },
	{ "unread", "w:unread", NULL },
	{ "@3-days-ago", "date:3d-ago", NULL },
	{ "@1-day-ago", "date:1d-ago", NULL },
	{ "@2-weeks-ago", "date:2w-ago", NULL },
	{ "@1-month-ago", "date:1m-ago", NULL },
	{ "@6-months-ago", "date:6m-ago", NULL },
	{ "@1-year-ago", "date:1y-ago", NULL },
	{ "@today", "date:0d-ago", NULL },
	{ "@yesterday", "date:1d-ago", NULL },
	{ "@2026-05-01", "date:2026-05-01", NULL },
	{ "@2026-05-01--2026-05-20", "date:2026-05-01..2026-05-20", NULL },
	{ "@2024-02-29", "date:2024-02-29", NULL },
	{ "-@2026-05-01", "-date:2026-05-01", NULL },
	{ "source:Ned", "source:Ned", NULL },
	{ "source:\"Real Python\"", "source:Real Python", NULL },
	{ "SOURCE:\"Real Python\"", "source:Real Python", NULL },
	{ "-source:\"Real Python\"", "-source:Real Python", NULL },
	{ "source:C++*", "source:C++*", NULL },
	{ "feed:12", "feed:12", NULL },
	{ "-feed:3", "-feed:3", NULL },
	{ "title:typing", "title:typing", "title : \"typing\"" },
	{ "title:\"type hints\"", "title:type hints",
	    "title : \"type hints\"" },
	{ "title:typ*", "title:typ*", "title : typ*" },
	{ "author:guido", "author:guido", "author : \"guido\"" },
	/* The user's own inputs: words, never syntax. */
	{ "f-strings", "w:f-strings", "\"f-strings\"" },
	{ "asyncio.run", "w:asyncio.run", "\"asyncio.run\"" },
	{ "python3.12", "w:python3.12", "\"python3.12\"" },
	{ "C++", "w:C++", "\"C++\"" },
	{ "@dataclass", "w:@dataclass", "\"@dataclass\"" },
	{ "@property", "w:@property", NULL },
	{ "don't", "w:don't", "\"don't\"" },
	{ "type-hints", "w:type-hints", "\"type-hints\"" },
	{ "pandas:", "w:pandas:", "\"pandas:\"" },
	{ "http://example.com/a", "w:http://example.com/a", NULL },
	{ "NEAR(a b)", "w:NEAR(a & w:b)", "\"NEAR(a\"" },
	{ "a AND b", "w:a & w:AND & w:b", NULL },
	{ "NOT", "w:NOT", "\"NOT\"" },
	{ "^start", "w:^start", "\"^start\"" },
	{ "{title}:x", "w:{title}:x", NULL },
	{ "a\"b c\"d", "w:ab cd", "\"ab cd\"" },
	{ "caf\xc3\xa9", "w:caf\xc3\xa9", NULL },
	/* Nothing to match: dropped. */
	{ "-", "", NULL },
	{ "*", "", NULL },
	{ "+", "", NULL },
	{ "\"\"", "", NULL },
	{ "python - *", "w:python", NULL },
	/* OR with nothing on one side is a word. */
	{ "OR", "w:OR", NULL },
	{ "OR python", "w:OR & w:python", NULL },
	{ "python OR", "w:python & w:OR", NULL },
	{ "or", "w:or", NULL },
	{ "+unread OR +starred", "unread | starred", NULL },
	{ "python OR -rust", "w:python | -w:rust", NULL },
	{ "+unread @1-week-ago source:\"Real Python\" typing",
	    "unread & date:1w-ago & source:Real Python & w:typing", NULL },
	/* Control bytes are white space. */
	{ "py\tthon\n", "w:py & w:thon", NULL },
	{ "\x1b[31mred", "w:[31mred", NULL },
};

struct bad {
	const char *in;
	const char *cause;
};

#define HINT \
	" (dates: @3-days-ago, @2-weeks-ago, @1-month-ago, @1-year-ago," \
	" @today, @2026-05-01, @2026-05-01--2026-05-20)"

static const struct bad bads[] = {
	{ "\"type hints", "unterminated quote: \"type hints" },
	{ "python \"a", "unterminated quote: \"a" },
	{ "source:\"Real Python", "unterminated quote: source:\"Real Python" },
	{ "\"\"\"", "unterminated quote: \"\"\"" },
	{ "@soon", "not a date: @soon" HINT },
	{ "@tomorrow", "not a date: @tomorrow" HINT },
	{ "@now", "not a date: @now" HINT },
	{ "@last-week", "not a date: @last-week" HINT },
	{ "@2-fortnights-ago", "not a date: @2-fortnights-ago" HINT },
	{ "@2-weeks", "not a date: @2-weeks" HINT },
	{ "@2026-13-01", "not a date: @2026-13-01" HINT },
	{ "@2026-02-30", "not a date: @2026-02-30" HINT },
	{ "@2026-05-01--", "not a date: @2026-05-01--" HINT },
	{ "@2026-5-1", "not a date: @2026-5-1" HINT },
	{ "@2026-05-01x", "not a date: @2026-05-01x" HINT },
	{ "@123456-days-ago", "not a date: @123456-days-ago" HINT },
	{ "@2026-05-20--2026-05-01",
	    "date range ends before it starts: @2026-05-20--2026-05-01" },
	{ "feed:abc",
	    "not a feed id: feed:abc (feed:ID takes a number: orrery feeds "
	    "lists them)" },
	{ "feed:",
	    "not a feed id: feed: (feed:ID takes a number: orrery "
	    "feeds lists them)" },
	{ "source:",
	    "empty: source: (source:NAME, source:\"Two Words\", title:word, "
	    "author:name)" },
	{ "source:\"  \"",
	    "empty: source:\"  \" (source:NAME, "
	    "source:\"Two Words\", title:word, author:name)" },
	{ "title:",
	    "empty: title: (source:NAME, source:\"Two Words\", "
	    "title:word, author:name)" },
	{ "author:--",
	    "empty: author:-- (source:NAME, source:\"Two Words\", "
	    "title:word, author:name)" },
	{ "\"\x1b]0;evil\x07", "unterminated quote: \"?]0;evil?" },
};

static void
test_goods(void)
{
	const struct good *g;
	struct query *q;
	char *cause = NULL, *tree, *fts;
	size_t i;

	for (i = 0; i < sizeof goods / sizeof goods[0]; i++) {
		g = &goods[i];
		q = query_parse(g->in, strlen(g->in), &cause);
		if (q == NULL) {
			check_fail("parse %s: %s", g->in, cause);
			free(cause);
			cause = NULL;
			continue;
		}
		tree = dump(q);
		check(strcmp(tree, g->tree) == 0, "parse", "%s -> %s (got %s)",
		    g->in, g->tree, tree);
		if (g->fts != NULL) {
			fts = query_fts_term(&q->clauses[0].terms[0]);
			check(strcmp(fts, g->fts) == 0, "fts",
			    "%s -> %s (got %s)", g->in, g->fts, fts);
			free(fts);
		}
		free(tree);
		query_free(q);
	}
}

static void
test_bads(void)
{
	const struct bad *b;
	struct query *q;
	char *cause;
	size_t i;

	for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		b = &bads[i];
		cause = NULL;
		q = query_parse(b->in, strlen(b->in), &cause);
		check(
		    q == NULL && cause != NULL && strcmp(cause, b->cause) == 0,
		    "error", "%s -> %s (got %s)", b->in, b->cause,
		    cause != NULL ? cause : "no error");
		query_free(q);
		free(cause);
	}
}

/* A query of n copies of s; NULL when it errs (cause kept). */
static struct query *
repeat(const char *s, size_t n, char **cause, size_t *len)
{
	struct query *q;
	char *text;
	size_t i, k = strlen(s);

	text = malloc(k * n + 1);
	for (i = 0; i < n; i++)
		memcpy(text + i * k, s, k);
	text[k * n] = '\0';
	*len = k * n;
	q = query_parse(text, k * n, cause);
	free(text);
	return q;
}

static void
test_hostile(void)
{
	struct query *q;
	char *cause = NULL, buf[64], many[64 * 2 + 3];
	size_t len, i;

	q = repeat("\"", 4000, &cause, &len);
	check(q != NULL && q->n == 0, "hostile", "4,000 quotes: every post");
	query_free(q);
	q = repeat("\"", 4001, &cause, &len);
	check(q == NULL && cause != NULL &&
		strncmp(cause, "unterminated quote: ", 20) == 0 &&
		strlen(cause) < 100,
	    "hostile", "4,001 quotes: one short line (%s)", cause);
	free(cause);
	cause = NULL;
	q = repeat("\"", 10000, &cause, &len);
	check(q == NULL && cause != NULL &&
		strcmp(cause, "query longer than 4096 bytes") == 0,
	    "hostile", "10,000 quotes: too long (%s)", cause);
	free(cause);
	cause = NULL;
	q = repeat("a OR ", 12, &cause, &len);
	check(q != NULL && q->n == 2 && q->clauses[0].n == 12, "hostile",
	    "12 ORs: one clause of 12 and a trailing word");
	query_free(q);
	q = repeat("a OR ", 800, &cause, &len);
	check(q == NULL && cause != NULL &&
		strcmp(cause, "query has more than 64 terms") == 0,
	    "hostile", "800 ORs: too many terms (%s)", cause);
	free(cause);
	cause = NULL;
	q = repeat("a ", 64, &cause, &len);
	check(q != NULL && q->n == 64, "hostile", "64 terms: allowed");
	query_free(q);
	for (i = 0; i < 64; i++)
		memcpy(many + 2 * i, "a ", 2);
	memcpy(many + 128, "OR", 3);
	q = query_parse(many, 130, &cause);
	check(q == NULL && cause != NULL &&
		strcmp(cause, "query has more than 64 terms") == 0,
	    "hostile", "64 terms and a trailing OR: too many (%s)", cause);
	free(cause);
	cause = NULL;
	q = repeat("OR ", 1000, &cause, &len);
	check(q == NULL && cause != NULL &&
		strcmp(cause, "query has more than 64 terms") == 0,
	    "hostile", "1,000 ORs alone: words, too many (%s)", cause);
	free(cause);
	cause = NULL;
	q = repeat("OR ", 20, &cause, &len);
	check(q != NULL && q->n == 2 && q->clauses[0].n == 10, "hostile",
	    "20 ORs alone: ten words ORed and a trailing word");
	query_free(q);
	q = query_parse("py\0thon", 7, &cause);
	if (q != NULL) {
		char *t = dump(q);

		check(strcmp(t, "w:py & w:thon") == 0, "hostile",
		    "a NUL byte is white space (got %s)", t);
		free(t);
	} else
		check_fail("hostile: NUL byte: %s", cause);
	query_free(q);
	q = query_parse("\"a\0b\"", 5, &cause);
	check(q != NULL && q->n == 1 &&
		strcmp(q->clauses[0].terms[0].text, "a b") == 0,
	    "hostile", "a NUL byte inside a phrase is a space");
	query_free(q);
	/* Random bytes: a query or one line, and FTS5 text that quotes. */
	srand(16);
	for (i = 0; i < 20000; i++) {
		size_t n = (size_t)(rand() % 40), j;
		const char alphabet[] = "\"*-+@:OR a1\0\x1b\x80()^{}";

		for (j = 0; j < n; j++)
			buf[j] = alphabet[rand() % (int)(sizeof alphabet - 1)];
		cause = NULL;
		q = query_parse(buf, n, &cause);
		if ((q == NULL) == (cause == NULL)) {
			check_fail("hostile: random: query or cause");
			break;
		}
		query_free(q);
		free(cause);
	}
	check(i == 20000, "hostile",
	    "20,000 random queries: a query or an "
	    "error each");
}

/* The days dates stand for (values from Python's calendar.timegm). */
static void
test_days(void)
{
	check(date_day_start(2026, 5, 1, 1) == 1777593600, "days",
	    "2026-05-01 UTC");
	check(date_day_start(2026, 3 - 1, 31, 1) == 1772236800, "days",
	    "a month before March 31 is February 28");
	check(date_day_start(2026, 3, 3 - 7, 1) == 1771891200, "days",
	    "a week before March 3 is February 24");
	check(date_day_start(2026, 3 - 3, 15, 1) == 1765756800, "days",
	    "three months before March is December of the year before");
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	check(date_day_start(2026, 5, 1, 0) == 1777586400, "days",
	    "2026-05-01 in Berlin (summer time) starts 22:00 UTC before");
	check(date_day_start(2026, 3, 29, 0) == 1774738800, "days",
	    "the day summer time starts begins in winter time");
	check(date_day_start(2026, 3, 30, 0) == 1774821600, "days",
	    "the day after, in summer time");
}

int
main(void)
{
	check_begin("query");
	test_goods();
	test_bads();
	test_hostile();
	test_days();
	return check_done();
}
