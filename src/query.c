/*
 * query: the filter language's parser (query.h says the language).  It
 * owns splitting text into terms, telling a term's kind, the errors a
 * user sees for a malformed term, and the FTS5 text of a full-text term.
 * Pure: no SQL, no I/O, no clock, no globals; it must never pass user
 * text on as FTS5 syntax (every word becomes a quoted phrase).
 */
#include "query.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cjk.h"
#include "util.h"

/* White space: the ASCII controls (NUL included), space and DEL. */
static int
query_space(unsigned char c)
{
	return c <= 0x20 || c == 0x7f;
}

static int
query_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Does text hold anything a tokenizer keeps (a letter or digit)? */
static int
query_has_token(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || *p >= 0x80)
			return 1;
	return 0;
}

/* "what: TERM (hint)" with the term quoted safely; returns -1. */
static int
query_err(
    char **cause, const char *what, const char *p, size_t n, const char *hint)
{
	char *safe;

	safe = util_safe(p, n, 60);
	util_fail(cause, "%s: %s%s%s", what, safe, hint != NULL ? " " : "",
	    hint != NULL ? hint : "");
	free(safe);
	return -1;
}

/*
 * The end of the term at p: up to white space outside quotes.  Sets
 * *open when a quote is never closed.
 */
static const char *
query_token_end(const char *p, const char *end, int *open)
{
	int quoted = 0;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && query_space((unsigned char)*p))
			break;
	}
	*open = quoted;
	return p;
}

/*
 * A term's value as text: quotes removed, control bytes made spaces, a
 * '*' at the very end (outside quotes) taken as a prefix when prefix
 * is not NULL.
 */
static char *
query_value(const char *p, const char *end, int *prefix)
{
	struct buf b;

	if (prefix != NULL)
		*prefix = 0;
	if (prefix != NULL && end > p && end[-1] == '*') {
		*prefix = 1;
		end--;
	}
	buf_init(&b, 0);
	for (; p < end; p++) {
		if (*p == '"')
			continue;
		buf_addc(&b, query_space((unsigned char)*p) ? ' ' : *p);
	}
	buf_addc(&b, '\0');
	return buf_detach(&b, NULL);
}

/* Read 1-5 digits at *pp as a number; -1 when there are none. */
static int
query_number(const char **pp, const char *end, int maxdigits)
{
	const char *p = *pp;
	int v = 0, n = 0;

	while (p < end && query_digit((unsigned char)*p) && n < maxdigits) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n == 0 || (p < end && query_digit((unsigned char)*p)))
		return -1;
	*pp = p;
	return v;
}

static int
query_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* YYYY-MM-DD at *pp, a real day; 0 and advanced, or -1. */
static int
query_ymd(const char **pp, const char *end, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	const char *p = *pp;

	if (end - p < 10 || p[4] != '-' || p[7] != '-')
		return -1;
	if ((*y = query_number(&p, p + 4, 4)) < 0 || p != *pp + 4)
		return -1;
	p++;
	if ((*m = query_number(&p, p + 2, 2)) < 1 || *m > 12)
		return -1;
	p++;
	if ((*d = query_number(&p, p + 2, 2)) < 1)
		return -1;
	if (*y < 1970 || *d > mdays[*m - 1] + (*m == 2 && query_leap(*y)))
		return -1;
	if (p < end && query_digit((unsigned char)*p))
		return -1;
	*pp = p;
	return 0;
}

static int
query_word_is(const char *p, const char *end, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(end - p) == n && util_strncaseeq(p, w, n);
}

/* N-unit(s)-ago at p..end; 0 and the date, or -1. */
static int
query_ago(const char *p, const char *end, struct query_date *dt)
{
	static const char *const units[] = { "day", "days", "week", "weeks",
		"month", "months", "year", "years" };
	const char *u;
	size_t i;

	if ((dt->n = query_number(&p, end, 5)) < 0 || p == end || *p != '-')
		return -1;
	u = ++p;
	while (p < end && *p != '-')
		p++;
	if (!query_word_is(p, end, "-ago"))
		return -1;
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (query_word_is(u, p, units[i])) {
			dt->ago = 1;
			dt->unit = units[i][0];
			return 0;
		}
	return -1;
}

/* Is p..end (after the @) about time, and so meant as a date? */
static int
query_timeish(const char *p, const char *end)
{
	static const char *const words[] = { "today", "yesterday", "tomorrow",
		"now", "soon", "later", "recent", "recently", "ago", "day",
		"days", "week", "weeks", "month", "months", "year", "years",
		"last", "this", "next", "hour", "hours", "minute", "minutes" };
	const char *w;
	size_t i;

	if (p < end && query_digit((unsigned char)*p))
		return 1;
	while (p < end) {
		w = p;
		while (p < end && *p != '-')
			p++;
		for (i = 0; i < sizeof words / sizeof words[0]; i++)
			if (query_word_is(w, p, words[i]))
				return 1;
		if (p < end)
			p++;
	}
	return 0;
}

#define QUERY_DATE_HINT \
	"(dates: @3-days-ago, @2-weeks-ago, @1-month-ago, @1-year-ago," \
	" @today, @2026-05-01, @2026-05-01--2026-05-20)"

/*
 * An @ term at p..end (p after the '@'): 1 when it is a word after all
 * (@dataclass), 0 with *dt filled, -1 with *cause.
 */
static int
query_date(const char *p, const char *end, struct query_date *dt, char **cause)
{
	const char *s = p;

	memset(dt, 0, sizeof *dt);
	if (!query_timeish(p, end))
		return 1;
	if (query_word_is(p, end, "today") ||
	    query_word_is(p, end, "yesterday")) {
		dt->ago = 1;
		dt->unit = 'd';
		dt->n = util_lower((unsigned char)*p) == 'y';
		return 0;
	}
	if (query_ago(p, end, dt) == 0)
		return 0;
	memset(dt, 0, sizeof *dt);
	if (query_ymd(&p, end, &dt->y, &dt->m, &dt->d) == 0) {
		if (p == end)
			return 0;
		if (end - p > 2 && p[0] == '-' && p[1] == '-') {
			p += 2;
			if (query_ymd(&p, end, &dt->y2, &dt->m2, &dt->d2) ==
				0 &&
			    p == end) {
				if (dt->y2 * 10000 + dt->m2 * 100 + dt->d2 <
				    dt->y * 10000 + dt->m * 100 + dt->d)
					return query_err(cause,
					    "date range ends before it starts",
					    s - 1, (size_t)(end - s + 1), NULL);
				return 0;
			}
		}
	}
	return query_err(
	    cause, "not a date", s - 1, (size_t)(end - s + 1), QUERY_DATE_HINT);
}

/* A field name before a ':' at p..end, or -1 (then the term is a word). */
static int
query_field(const char *p, const char *end, const char **value)
{
	static const struct {
		const char *name;
		enum query_kind kind;
	} fields[] = {
		{ "source", QUERY_SOURCE },
		{ "feed", QUERY_FEED },
		{ "title", QUERY_TITLE },
		{ "author", QUERY_AUTHOR },
	};
	const char *c;
	size_t i;

	for (c = p; c < end && *c != ':' && *c != '"'; c++)
		;
	if (c == end || *c != ':')
		return -1;
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (query_word_is(p, c, fields[i].name)) {
			*value = c + 1;
			return (int)fields[i].kind;
		}
	return -1;
}

/* A flag term (+unread, -starred): its kind, or -1. */
static int
query_flag(const char *p, const char *end, int *negate)
{
	if (end - p < 2 || (*p != '+' && *p != '-'))
		return -1;
	*negate = *p == '-';
	if (query_word_is(p + 1, end, "unread"))
		return QUERY_UNREAD;
	if (query_word_is(p + 1, end, "starred"))
		return QUERY_STARRED;
	return -1;
}

/* A field's value: a name or a feed id. */
static int
query_field_value(struct query_term *t, const char *tok, const char *v,
    const char *end, char **cause)
{
	long long id;
	int prefix;

	t->text = query_value(v, end, &prefix);
	if (t->kind == QUERY_FEED) {
		if (util_parse_ll(t->text, &id) != 0 || id <= 0)
			return query_err(cause, "not a feed id", tok,
			    (size_t)(end - tok),
			    "(feed:ID takes a number: orrery feeds lists them)");
		t->feed = id;
		free(t->text);
		t->text = NULL;
		return 0;
	}
	if (t->kind == QUERY_SOURCE) {
		/* A name is matched whole: a '*' is part of it. */
		free(t->text);
		t->text = query_value(v, end, NULL);
	} else
		t->prefix = prefix;
	if (*util_trim(t->text) == '\0' ||
	    (t->kind != QUERY_SOURCE && !query_has_token(t->text)))
		return query_err(cause, "empty", tok, (size_t)(end - tok),
		    "(source:NAME, source:\"Two Words\", title:word, "
		    "author:name)");
	return 0;
}

/*
 * One term at tok..end into *t.  Returns 0 with a term, 1 when it stands
 * for nothing (dropped), -1 with *cause.
 */
static int
query_term(const char *tok, const char *end, struct query_term *t, char **cause)
{
	const char *p = tok, *v;
	int kind, r;

	memset(t, 0, sizeof *t);
	if ((kind = query_flag(p, end, &t->negate)) >= 0) {
		t->kind = (enum query_kind)kind;
		return 0;
	}
	if (*p == '-' && end - p > 1) {
		t->negate = 1;
		p++;
	}
	if (*p == '@' && end - p > 1) {
		r = query_date(p + 1, end, &t->date, cause);
		if (r < 0)
			return -1;
		if (r == 0) {
			t->kind = QUERY_DATE;
			return 0;
		}
	} else if ((kind = query_field(p, end, &v)) >= 0) {
		t->kind = (enum query_kind)kind;
		if (query_field_value(t, tok, v, end, cause) != 0) {
			free(t->text);
			t->text = NULL;
			return -1;
		}
		return 0;
	}
	t->kind = QUERY_WORD;
	t->text = query_value(p, end, &t->prefix);
	if (!query_has_token(t->text)) {
		free(t->text);
		t->text = NULL;
		return 1;
	}
	return 0;
}

void
query_free(struct query *q)
{
	size_t i, j;

	if (q == NULL)
		return;
	for (i = 0; i < q->n; i++) {
		for (j = 0; j < q->clauses[i].n; j++)
			free(q->clauses[i].terms[j].text);
		free(q->clauses[i].terms);
	}
	free(q->clauses);
	free(q);
}

/* Add t to the last clause (or) or to a new one. */
static void
query_add(struct query *q, const struct query_term *t, int or)
{
	struct query_clause *c;

	if (! or || q->n == 0) {
		q->clauses =
		    xreallocarray(q->clauses, q->n + 1, sizeof *q->clauses);
		c = &q->clauses[q->n++];
		c->terms = NULL;
		c->n = 0;
	}
	c = &q->clauses[q->n - 1];
	c->terms = xreallocarray(c->terms, c->n + 1, sizeof *c->terms);
	c->terms[c->n++] = *t;
}

struct query *
query_parse(const char *text, size_t len, char **cause)
{
	struct query *q;
	struct query_term t;
	const char *p, *end, *tok;
	size_t nterms = 0;
	int open, or = 0, r;

	if (len > QUERY_MAX_LEN) {
		util_fail(cause, "query longer than %d bytes", QUERY_MAX_LEN);
		return NULL;
	}
	q = xcalloc(1, sizeof *q);
	p = text;
	end = text + len;
	for (;;) {
		while (p < end && query_space((unsigned char)*p))
			p++;
		if (p == end)
			break;
		tok = p;
		p = query_token_end(tok, end, &open);
		if (open) {
			query_err(cause, "unterminated quote", tok,
			    (size_t)(p - tok), NULL);
			goto fail;
		}
		/* OR joins the terms either side of it. */
		if (p - tok == 2 && tok[0] == 'O' && tok[1] == 'R' && ! or
		    &&q->n > 0) {
			or = 1;
			continue;
		}
		r = query_term(tok, p, &t, cause);
		if (r < 0)
			goto fail;
		if (r > 0)
			continue;
		if (++nterms > QUERY_MAX_TERMS) {
			free(t.text);
			util_fail(cause, "query has more than %d terms",
			    QUERY_MAX_TERMS);
			goto fail;
		}
		query_add(q, &t, or);
		or = 0;
	}
	if (or) {
		/* A trailing OR joins nothing: it is the word "or". */
		if (++nterms > QUERY_MAX_TERMS) {
			util_fail(cause, "query has more than %d terms",
			    QUERY_MAX_TERMS);
			goto fail;
		}
		memset(&t, 0, sizeof t);
		t.text = xstrdup("OR");
		query_add(q, &t, 0);
	}
	return q;
fail:
	query_free(q);
	return NULL;
}

int
query_is_fts(const struct query_term *t)
{
	return t->kind == QUERY_WORD || t->kind == QUERY_TITLE ||
	    t->kind == QUERY_AUTHOR;
}

/* Is s one plain ASCII word (letters and digits only)? */
static int
query_plain(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
			(*s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

char *
query_fts_term(const struct query_term *t)
{
	struct buf b;
	const char *s;
	char *split;

	buf_init(&b, 0);
	if (t->kind == QUERY_TITLE)
		buf_addstr(&b, "title : ");
	else if (t->kind == QUERY_AUTHOR)
		buf_addstr(&b, "author : ");
	if (t->prefix && query_plain(t->text)) {
		/* Lower case: never AND, OR, NOT or NEAR. */
		for (s = t->text; *s != '\0'; s++)
			buf_addc(&b, (char)util_lower((unsigned char)*s));
		buf_addc(&b, '*');
	} else {
		/* A word of CJK characters is the phrase of them (cjk.h). */
		split = cjk_split(t->text, strlen(t->text), NULL);
		buf_addc(&b, '"');
		for (s = split != NULL ? split : t->text; *s != '\0'; s++) {
			if (*s == '"')
				buf_addc(&b, '"');
			buf_addc(&b, *s);
		}
		buf_addc(&b, '"');
		free(split);
		if (t->prefix)
			buf_addstr(&b, " *");
	}
	buf_addc(&b, '\0');
	return buf_detach(&b, NULL);
}
