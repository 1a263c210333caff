/*
 * query: the filter language of `orrery list`, `search`, `mark --query`,
 * the reader's `/`, saved views and hide rules, parsed to a small tree.
 * Pure: text in, a struct query out; no SQL, no I/O, no clock, no
 * globals (store_query.c turns a query into SQL and FTS5 for the store).
 *
 * The language (terms are separated by white space and combine with AND;
 * OR between two terms joins them; a leading '-' excludes a term):
 *
 *   word "a phrase" pre*     full-text over title, source, author, body;
 *                            punctuation inside a word (f-strings, C++,
 *                            asyncio.run) is only ever text, never syntax
 *   +unread -unread +starred -starred
 *   @3-days-ago @2-weeks-ago @1-month-ago @1-year-ago @today @yesterday
 *   @2026-05-01  @2026-05-01--2026-05-20   (since that day; a range)
 *   source:NAME source:"Two Words" feed:ID title:word author:name
 *
 * An @ term is a date when what follows the @ starts with a digit, ends
 * in -ago or is a word about time (today, yesterday, soon, now, ...);
 * any other @word (@dataclass) is a word.  A word with no letter or digit
 * in it (a lone "-" or "*") stands for nothing and is dropped.
 */
#ifndef ORRERY_QUERY_H
#define ORRERY_QUERY_H

#include <stddef.h>
#include <stdint.h>

/* Bounds that keep any input cheap: longer text or more terms is an
 * error, not a slow query. */
#define QUERY_MAX_LEN 4096
#define QUERY_MAX_TERMS 64

enum query_kind {
	QUERY_WORD,    /* text: full-text over every column */
	QUERY_TITLE,   /* text: full-text over the title */
	QUERY_AUTHOR,  /* text: full-text over the author */
	QUERY_SOURCE,  /* text: the source name, exactly */
	QUERY_FEED,    /* feed: a feed id */
	QUERY_UNREAD,  /* unread (negated: read) */
	QUERY_STARRED, /* starred (negated: not starred) */
	QUERY_DATE     /* the post's time within date */
};

/*
 * A date term.  Relative (ago != 0): from the start of the day n units
 * back from today ('d', 'w', 'm', 'y'), to now.  Calendar: from the start
 * of y-m-d to the end of y2-m2-d2, or with no end when y2 is 0.  Days are
 * those of the configured time zone; store_query works them out.
 */
struct query_date {
	int ago;
	int n;
	char unit;
	int y, m, d;
	int y2, m2, d2;
};

struct query_term {
	enum query_kind kind;
	int negate;		/* '-' before it */
	int prefix;		/* a trailing '*' (full-text kinds) */
	char *text;		/* words, phrases, source names: owned */
	int64_t feed;		/* QUERY_FEED */
	struct query_date date; /* QUERY_DATE */
};

/* Terms joined by OR. */
struct query_clause {
	struct query_term *terms;
	size_t n;
};

/* Clauses joined by AND; n == 0 is the empty query: every post. */
struct query {
	struct query_clause *clauses;
	size_t n;
};

/*
 * Parse len bytes of text (NUL and other control bytes count as white
 * space).  Returns a new query the caller frees with query_free, or NULL
 * with *cause set to one line naming the offending term (the term quoted
 * safely: no control characters).
 */
struct query *query_parse(const char *text, size_t len, char **cause);
void query_free(struct query *);

/* Is this a full-text term (word, title:, author:)? */
int query_is_fts(const struct query_term *);

/*
 * The FTS5 expression of one full-text term (negate not applied): the
 * text as one quoted phrase with '"' doubled, a column filter for title:
 * and author:, " *" for a prefix, so that nothing the user typed is FTS5
 * syntax.  A plain ASCII prefix word is written bare (pyth*) so the
 * store can expand it.  The caller frees it.
 */
char *query_fts_term(const struct query_term *);

#endif /* ORRERY_QUERY_H */
