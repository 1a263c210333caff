/*
 * fuzz_query: libFuzzer target for the query language (query.c).
 * Promises checked: a refusal is one line with no control character; a
 * parsed query keeps to QUERY_MAX_TERMS, its texts are never empty and
 * hold no control byte, its dates are real days; printed back in the
 * language (fuzz_query_print) it parses to the same tree; each full-text
 * term's FTS5 text is one quoted phrase (with '"' doubled) or one plain
 * lower-case word before a '*', never FTS5 syntax.
 */
#include <stdint.h>

#include "buf.h"
#include "fuzz.h"
#include "query.h"

static const char *const fuzz_units[] = { "days", "weeks", "months", "years" };

static const char *
fuzz_unit(char u)
{
	switch (u) {
	case 'd':
		return fuzz_units[0];
	case 'w':
		return fuzz_units[1];
	case 'm':
		return fuzz_units[2];
	case 'y':
		return fuzz_units[3];
	}
	abort();
}

/* One term as the language spells it. */
static void
fuzz_query_term(struct buf *b, const struct query_term *t)
{
	static const char *const field[] = { "",
		"title:", "author:", "source:" };
	const struct query_date *d = &t->date;

	switch (t->kind) {
	case QUERY_UNREAD:
	case QUERY_STARRED:
		buf_printf(b, "%c%s", t->negate ? '-' : '+',
		    t->kind == QUERY_UNREAD ? "unread" : "starred");
		return;
	default:
		break;
	}
	if (t->negate)
		buf_addc(b, '-');
	switch (t->kind) {
	case QUERY_WORD:
	case QUERY_TITLE:
	case QUERY_AUTHOR:
	case QUERY_SOURCE:
		buf_printf(b, "%s\"%s\"%s", field[t->kind], t->text,
		    t->prefix ? "*" : "");
		break;
	case QUERY_FEED:
		buf_printf(b, "feed:%lld", (long long)t->feed);
		break;
	case QUERY_DATE:
		if (d->ago)
			buf_printf(b, "@%d-%s-ago", d->n, fuzz_unit(d->unit));
		else {
			buf_printf(b, "@%04d-%02d-%02d", d->y, d->m, d->d);
			if (d->y2 != 0)
				buf_printf(
				    b, "--%04d-%02d-%02d", d->y2, d->m2, d->d2);
		}
		break;
	default:
		abort();
	}
}

/* The query as text: clauses joined by spaces, terms by " OR ". */
static char *
fuzz_query_print(const struct query *q, size_t *len)
{
	struct buf b;
	size_t i, j;

	buf_init(&b, 0);
	for (i = 0; i < q->n; i++)
		for (j = 0; j < q->clauses[i].n; j++) {
			if (i > 0 || j > 0)
				buf_addstr(&b, j > 0 ? " OR " : " ");
			fuzz_query_term(&b, &q->clauses[i].terms[j]);
		}
	buf_addc(&b, '\0');
	return buf_detach(&b, len);
}

static int
fuzz_term_eq(const struct query_term *a, const struct query_term *b)
{
	if (a->kind != b->kind || a->negate != b->negate ||
	    a->prefix != b->prefix || a->feed != b->feed ||
	    memcmp(&a->date, &b->date, sizeof a->date) != 0)
		return 0;
	if (a->text == NULL || b->text == NULL)
		return a->text == b->text;
	return strcmp(a->text, b->text) == 0;
}

static int
fuzz_query_eq(const struct query *a, const struct query *b)
{
	size_t i, j;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		if (a->clauses[i].n != b->clauses[i].n)
			return 0;
		for (j = 0; j < a->clauses[i].n; j++)
			if (!fuzz_term_eq(&a->clauses[i].terms[j],
				&b->clauses[i].terms[j]))
				return 0;
	}
	return 1;
}

/* An FTS5 expression a user cannot have written syntax into. */
static void
fuzz_fts(const struct query_term *t)
{
	char *e = query_fts_term(t), *p = e;
	size_t n;

	if (t->kind == QUERY_TITLE && strncmp(p, "title : ", 8) == 0)
		p += 8;
	else if (t->kind == QUERY_AUTHOR && strncmp(p, "author : ", 9) == 0)
		p += 9;
	else if (t->kind != QUERY_WORD)
		abort();
	if (*p == '"') {
		/* One string: "" inside, nothing after it but " *". */
		for (p++; *p != '\0'; p++)
			if (*p == '"') {
				if (p[1] != '"')
					break;
				p++;
			}
		if (*p != '"' || strcmp(p + 1, t->prefix ? " *" : "") != 0)
			goto bad;
	} else {
		n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789");
		if (n == 0 || strcmp(p + n, "*") != 0 || !t->prefix)
			goto bad;
	}
	free(e);
	return;
bad:
	fprintf(stderr, "fuzz: FTS5 text of \"%s\" is %s\n", t->text, e);
	abort();
}

static void
fuzz_query_check(const struct query *q)
{
	const struct query_term *t;
	size_t i, j, n = 0;

	for (i = 0; i < q->n; i++) {
		if (q->clauses[i].n == 0)
			abort();
		for (j = 0; j < q->clauses[i].n; j++, n++) {
			t = &q->clauses[i].terms[j];
			if (t->text != NULL) {
				if (t->text[0] == '\0' ||
				    strpbrk(t->text, "\"\t\n\r\177") != NULL)
					abort();
			}
			if (query_is_fts(t))
				fuzz_fts(t);
			if (t->kind == QUERY_DATE && !t->date.ago &&
			    (t->date.y < 1970 || t->date.y > 9999 ||
				t->date.m < 1 || t->date.m > 12 ||
				t->date.d < 1 || t->date.d > 31))
				abort();
		}
	}
	if (n > QUERY_MAX_TERMS) {
		fprintf(stderr, "fuzz: %zu terms, more than %d\n", n,
		    QUERY_MAX_TERMS);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct query *q, *back;
	char *cause = NULL, *text;
	size_t len;

	q = query_parse((const char *)data, size, &cause);
	if (q == NULL) {
		if (cause == NULL)
			abort();
		fuzz_plain("query error", cause, 0);
		free(cause);
		return 0;
	}
	fuzz_query_check(q);
	text = fuzz_query_print(q, &len);
	len = strlen(text);
	if (len <= QUERY_MAX_LEN) {
		back = query_parse(text, len, &cause);
		if (back == NULL || !fuzz_query_eq(q, back)) {
			fprintf(stderr, "fuzz: \"%s\" %s\n", text,
			    back == NULL ? cause : "reads as another query");
			abort();
		}
		query_free(back);
	}
	free(text);
	query_free(q);
	return 0;
}
