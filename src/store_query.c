/*
 * store_query: a parsed query (query.h) turned into what the store's
 * listing paths take: one FTS5 MATCH expression for the words, SQL
 * conditions for the rest, every value bound.  store_where (store.c)
 * appends the conditions, so listing, counting, marking and keyset
 * paging all see the same posts.  It never prints and never runs a
 * statement; the SQL it writes is made of fixed fragments only.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "query.h"
#include "store_int.h"
#include "util.h"

struct store_qparam {
	char *text; /* NULL: num */
	int64_t num;
};

struct store_query {
	char prefix[32]; /* of the parameter names: unique per statement */
	char *match;	 /* FTS5 expression, or NULL */
	char *sql;	 /* " AND ..." conditions, or NULL */
	struct store_qparam *params; /* :<prefix>1 ... */
	size_t nparams;
	int unread, starred;	   /* narrow the filter */
	int64_t since;		   /* 0: none */
	int64_t until;		   /* before it (in sql too); 0: none */
	char *cond;		   /* all of it as one condition, never NULL */
	size_t matchparam;	   /* the parameter of match in cond, 0: none */
	char *table;		   /* temp table of match's rowids, or NULL */
	struct store_query **subs; /* bound with it (store_hide_rules) */
	size_t nsubs;
};

/* Add a value; writes its parameter name to b. */
static void
store_qparam(struct store_query *sq, struct buf *b, char *text, int64_t num)
{
	sq->params =
	    xreallocarray(sq->params, sq->nparams + 1, sizeof *sq->params);
	sq->params[sq->nparams].text = text;
	sq->params[sq->nparams].num = num;
	sq->nparams++;
	buf_printf(b, ":%s%zu", sq->prefix, sq->nparams);
}

/* The [from, to) of a date term; to is 0 when open. */
static void
store_qdates(const struct query_date *dt, int64_t now, int utc, int64_t *from,
    int64_t *to)
{
	int y, m, d;

	*to = 0;
	if (!dt->ago) {
		*from = date_day_start(dt->y, dt->m, dt->d, utc);
		if (dt->y2 != 0)
			*to = date_day_start(dt->y2, dt->m2, dt->d2 + 1, utc);
		return;
	}
	if (date_ymd(now, utc, &y, &m, &d) != 0) {
		*from = 0;
		return;
	}
	switch (dt->unit) {
	case 'w':
		d -= 7 * dt->n;
		break;
	case 'm':
		m -= dt->n;
		break;
	case 'y':
		y -= dt->n;
		break;
	default:
		d -= dt->n;
		break;
	}
	*from = date_day_start(y, m, d, utc);
}

/* One term as an SQL condition that is never NULL. */
static void
store_qterm(struct store_query *sq, struct buf *b, const struct query_term *t,
    int64_t now, int utc)
{
	int64_t from, to;

	switch (t->kind) {
	case QUERY_WORD:
	case QUERY_TITLE:
	case QUERY_AUTHOR:
		buf_addstr(b, t->negate ? "e.id NOT IN" : "e.id IN");
		buf_addstr(b,
		    " (SELECT rowid FROM entries_fts WHERE"
		    " entries_fts MATCH ");
		store_qparam(sq, b, query_fts_term(t), 0);
		buf_addc(b, ')');
		break;
	case QUERY_SOURCE:
		buf_addstr(b, t->negate ? "e.source IS NOT " : "e.source IS ");
		store_qparam(sq, b, xstrdup(t->text), 0);
		break;
	case QUERY_FEED:
		buf_addstr(b, t->negate ? "e.feed_id != " : "e.feed_id = ");
		store_qparam(sq, b, NULL, t->feed);
		break;
	case QUERY_UNREAD:
		buf_addstr(b, t->negate ? "e.read = 1" : "e.read = 0");
		break;
	case QUERY_STARRED:
		buf_addstr(b, t->negate ? "e.starred = 0" : "e.starred = 1");
		break;
	case QUERY_DATE:
		store_qdates(&t->date, now, utc, &from, &to);
		buf_addstr(b, t->negate ? "NOT (e.time >= " : "(e.time >= ");
		store_qparam(sq, b, NULL, from);
		if (to != 0) {
			buf_addstr(b, " AND e.time < ");
			store_qparam(sq, b, NULL, to);
		}
		buf_addc(b, ')');
		break;
	}
}

/*
 * A clause of one term the filter or the FTS5 expression can take
 * whole: 1 when taken, 0 when it needs SQL.
 */
static int
store_qsimple(struct store_query *sq, struct buf *pos, struct buf *neg,
    struct buf *sql, const struct query_term *t, int64_t now, int utc)
{
	int64_t from, to;
	char *fts;

	if (query_is_fts(t)) {
		fts = query_fts_term(t);
		if (t->negate)
			buf_printf(neg, " NOT %s", fts);
		else
			buf_printf(
			    pos, "%s%s", pos->len > 0 ? " AND " : "", fts);
		free(fts);
		return 1;
	}
	if (t->negate)
		return 0;
	if (t->kind == QUERY_UNREAD)
		sq->unread = 1;
	else if (t->kind == QUERY_STARRED)
		sq->starred = 1;
	else if (t->kind == QUERY_DATE) {
		store_qdates(&t->date, now, utc, &from, &to);
		if (from > sq->since)
			sq->since = from;
		if (to != 0) {
			buf_addstr(sql, " AND e.time < ");
			store_qparam(sq, sql, NULL, to);
			if (sq->until == 0 || to < sq->until)
				sq->until = to;
		}
	} else
		return 0;
	return 1;
}

/* A clause of several terms: all words, one FTS5 group, else SQL. */
static void
store_qclause(struct store_query *sq, struct buf *pos, struct buf *sql,
    const struct query_clause *c, int64_t now, int utc)
{
	size_t i;
	int words = 1;
	char *fts;

	for (i = 0; i < c->n; i++)
		if (!query_is_fts(&c->terms[i]) || c->terms[i].negate)
			words = 0;
	if (words) {
		buf_addstr(pos, pos->len > 0 ? " AND (" : "(");
		for (i = 0; i < c->n; i++) {
			fts = query_fts_term(&c->terms[i]);
			buf_printf(pos, "%s%s", i > 0 ? " OR " : "", fts);
			free(fts);
		}
		buf_addc(pos, ')');
		return;
	}
	buf_addstr(sql, " AND (");
	for (i = 0; i < c->n; i++) {
		if (i > 0)
			buf_addstr(sql, " OR ");
		store_qterm(sq, sql, &c->terms[i], now, utc);
	}
	buf_addc(sql, ')');
}

/* Words excluded with nothing to exclude them from: one SQL test each. */
static void
store_qnegatives(struct store_query *sq, struct buf *sql, const struct query *q)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		if (q->clauses[i].n == 1 &&
		    query_is_fts(&q->clauses[i].terms[0]) &&
		    q->clauses[i].terms[0].negate) {
			buf_addstr(sql, " AND ");
			store_qterm(sq, sql, &q->clauses[i].terms[0], 0, 0);
		}
}

/*
 * The whole query as one condition (a hide rule): "1 AND ...".  The
 * words' matches are read from table (store_query_use_table) when it is
 * given, else matched in place.
 */
static void
store_qcond(struct store_query *sq)
{
	struct buf b;

	free(sq->cond);
	buf_init(&b, 0);
	buf_addc(&b, '1');
	if (sq->match != NULL && sq->table != NULL)
		buf_printf(&b, " AND e.id IN temp.%s", sq->table);
	else if (sq->match != NULL) {
		buf_addstr(&b,
		    " AND e.id IN (SELECT rowid FROM entries_fts"
		    " WHERE entries_fts MATCH ");
		if (sq->matchparam == 0) {
			store_qparam(sq, &b, xstrdup(sq->match), 0);
			sq->matchparam = sq->nparams;
		} else
			buf_printf(&b, ":%s%zu", sq->prefix, sq->matchparam);
		buf_addc(&b, ')');
	}
	if (sq->sql != NULL)
		buf_addstr(&b, sq->sql);
	if (sq->unread)
		buf_addstr(&b, " AND e.read = 0");
	if (sq->starred)
		buf_addstr(&b, " AND e.starred = 1");
	if (sq->since != 0) {
		buf_addstr(&b, " AND e.time >= ");
		store_qparam(sq, &b, NULL, sq->since);
	}
	buf_addc(&b, '\0');
	sq->cond = buf_detach(&b, NULL);
}

struct store_query *
store_query_compile(
    const struct query *q, int64_t now, int utc, const char *prefix)
{
	struct store_query *sq;
	struct buf pos, neg, sql;
	size_t i;

	sq = xcalloc(1, sizeof *sq);
	snprintf(sq->prefix, sizeof sq->prefix, "%s", prefix);
	buf_init(&pos, 0);
	buf_init(&neg, 0);
	buf_init(&sql, 0);
	for (i = 0; q != NULL && i < q->n; i++) {
		if (q->clauses[i].n == 1 &&
		    store_qsimple(sq, &pos, &neg, &sql, &q->clauses[i].terms[0],
			now, utc))
			continue;
		if (q->clauses[i].n == 1) {
			buf_addstr(&sql, " AND ");
			store_qterm(
			    sq, &sql, &q->clauses[i].terms[0], now, utc);
		} else
			store_qclause(sq, &pos, &sql, &q->clauses[i], now, utc);
	}
	if (pos.len > 0) {
		/* FTS5's NOT needs something on its left. */
		if (neg.len > 0) {
			buf_addc(&pos, '\0');
			sq->match = xasprintf(
			    "(%s)%.*s", pos.data, (int)neg.len, neg.data);
		} else {
			buf_addc(&pos, '\0');
			sq->match = xstrdup(pos.data);
		}
	} else if (neg.len > 0)
		store_qnegatives(sq, &sql, q);
	if (sql.len > 0) {
		buf_addc(&sql, '\0');
		sq->sql = xstrdup(sql.data);
	}
	buf_free(&pos);
	buf_free(&neg);
	buf_free(&sql);
	store_qcond(sq);
	return sq;
}

struct store_query *
store_query_new(const struct query *q, int64_t now, int utc)
{
	return store_query_compile(q, now, utc, "q");
}

void
store_query_free(struct store_query *sq)
{
	size_t i;

	if (sq == NULL)
		return;
	for (i = 0; i < sq->nparams; i++)
		free(sq->params[i].text);
	free(sq->params);
	free(sq->match);
	free(sq->sql);
	free(sq->cond);
	free(sq->table);
	for (i = 0; i < sq->nsubs; i++)
		store_query_free(sq->subs[i]);
	free(sq->subs);
	free(sq);
}

void
store_query_filter(const struct store_query *sq, struct store_filter *flt)
{
	flt->query = sq;
	flt->match = sq->match;
	if (sq->unread)
		flt->unread = 1;
	if (sq->starred)
		flt->starred = 1;
	if (sq->since > flt->since)
		flt->since = sq->since;
}

const char *
store_query_sql(const struct store_query *sq)
{
	return sq != NULL ? sq->sql : NULL;
}

void
store_query_bind(sqlite3_stmt *s, const struct store_query *sq)
{
	char name[64];
	size_t i;
	int k;

	if (sq == NULL)
		return;
	for (i = 0; i < sq->nsubs; i++)
		store_query_bind(s, sq->subs[i]);
	for (i = 0; i < sq->nparams; i++) {
		snprintf(name, sizeof name, ":%s%zu", sq->prefix, i + 1);
		if ((k = sqlite3_bind_parameter_index(s, name)) == 0)
			continue;
		if (sq->params[i].text != NULL)
			store_bind_text(s, k, sq->params[i].text);
		else
			sqlite3_bind_int64(s, k, sq->params[i].num);
	}
}

const char *
store_query_cond(const struct store_query *sq)
{
	return sq->cond;
}

int64_t
store_query_until(const struct store_query *sq)
{
	return sq != NULL ? sq->until : 0;
}

const char *
store_query_match(const struct store_query *sq)
{
	return sq->match;
}

void
store_query_use_table(struct store_query *sq, const char *table)
{
	free(sq->table);
	sq->table = table != NULL ? xstrdup(table) : NULL;
	store_qcond(sq);
}

/* The condition of an "any" query: its subqueries' joined by OR. */
static void
store_qany(struct store_query *sq)
{
	struct buf b;
	size_t i;

	free(sq->cond);
	buf_init(&b, 0);
	for (i = 0; i < sq->nsubs; i++)
		buf_printf(
		    &b, "%s(%s)", i > 0 ? " OR " : "", sq->subs[i]->cond);
	buf_addc(&b, '\0');
	sq->cond = buf_detach(&b, NULL);
}

struct store_query *
store_query_any(struct store_query **subs, size_t n)
{
	struct store_query *sq;

	sq = xcalloc(1, sizeof *sq);
	sq->subs = subs;
	sq->nsubs = n;
	store_qany(sq);
	return sq;
}

size_t
store_query_nsubs(const struct store_query *sq)
{
	return sq->nsubs;
}

struct store_query *
store_query_sub(struct store_query *sq, size_t i)
{
	return sq->subs[i];
}

void
store_query_any_update(struct store_query *sq)
{
	store_qany(sq);
}
