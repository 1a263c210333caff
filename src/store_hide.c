/*
 * store_hide: posts kept out of sight.  Muted sources (the mutes table:
 * `orrery mute`, the reader's M) and the configuration's hide rules
 * (queries, compiled once per connection by store_hide_rules) make one
 * condition that store_where adds to every listing, count and mark-all,
 * so that a hidden post is nowhere unless asked for (filter.hidden).
 * It never prints; the caller says which rules apply.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "query.h"
#include "store_int.h"
#include "util.h"

/* Rules at most: each is a term of one OR in every listing. */
#define STORE_HIDE_MAX 64

/* A post of a muted source (never NULL). */
#define STORE_MUTED \
	"(e.source IS NOT NULL AND e.source IN (SELECT source FROM mutes))"

int
store_hide_rules(struct store *st, const char *const *rules, size_t n,
    int64_t now, int utc, char **cause)
{
	struct store_query **subs;
	struct query *q;
	char prefix[32];
	size_t i;

	store_query_free(st->hide);
	st->hide = NULL;
	free(st->hide_index);
	st->hide_index = NULL;
	if (n == 0)
		return 0;
	if (n > STORE_HIDE_MAX)
		return util_fail(
		    cause, "more than %d hide rules", STORE_HIDE_MAX);
	subs = xcalloc(n, sizeof *subs);
	for (i = 0; i < n; i++) {
		q = query_parse(rules[i], strlen(rules[i]), cause);
		if (q == NULL) {
			while (i > 0)
				store_query_free(subs[--i]);
			free(subs);
			return -1;
		}
		snprintf(prefix, sizeof prefix, "h%zu_", i);
		subs[i] = store_query_compile(q, now, utc, prefix);
		query_free(q);
	}
	st->hide = store_query_any(subs, n);
	return 0;
}

/*
 * The search index's structure record (FTS5 keeps it as row 10 of
 * entries_fts_data): every write to the index changes it (a segment
 * added or merged, a write counter), so while it is the same, the rows
 * the words of a rule match are the same.  NULL when it cannot be read.
 */
static void *
store_hide_index(struct store *st, size_t *len)
{
	sqlite3_stmt *s;
	void *blob = NULL;

	*len = 0;
	s = store_prepare(
	    st, "SELECT block FROM entries_fts_data WHERE id = 10", NULL);
	if (s == NULL)
		return NULL;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(s, 0);
		blob = xmalloc(*len + 1);
		if (*len > 0)
			memcpy(blob, sqlite3_column_blob(s, 0), *len);
	}
	sqlite3_finalize(s);
	return blob;
}

/* Rule i's matches into its temp table; 0 or -1. */
static int
store_hide_table(struct store *st, size_t i, const char *match)
{
	sqlite3_stmt *s;
	char sql[256];
	int rc;

	snprintf(sql, sizeof sql,
	    "CREATE TEMP TABLE IF NOT EXISTS orrery_hide_%zu"
	    "(id INTEGER PRIMARY KEY); DELETE FROM temp.orrery_hide_%zu;",
	    i, i);
	if (store_exec(st, sql, NULL) != 0)
		return -1;
	snprintf(sql, sizeof sql,
	    "INSERT INTO temp.orrery_hide_%zu SELECT rowid FROM entries_fts"
	    " WHERE entries_fts MATCH ?",
	    i);
	s = store_prepare(st, sql, NULL);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, match);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The words of a hide rule cost a full FTS5 match on every listing and
 * count when matched in place: match them once into a temp table per
 * rule, again only when the search index has changed since (another
 * process's refresh included).  Not inside a transaction, whose
 * rollback would empty the tables behind our back; then, or when
 * anything fails, the rules match in place as before.
 */
static void
store_hide_fresh(struct store *st)
{
	struct store_query *sub;
	void *index;
	size_t len = 0, i, n;
	char table[48];
	int ok = 1, any = 0;

	n = store_query_nsubs(st->hide);
	for (i = 0; i < n; i++)
		if (store_query_match(store_query_sub(st->hide, i)) != NULL)
			any = 1;
	if (!any)
		return;
	if (!sqlite3_get_autocommit(st->db))
		index = NULL;
	else
		index = store_hide_index(st, &len);
	if (index != NULL && st->hide_index != NULL &&
	    len == st->hide_indexlen &&
	    memcmp(index, st->hide_index, len) == 0) {
		free(index);
		return;
	}
	free(st->hide_index);
	st->hide_index = NULL;
	if (index != NULL && store_exec(st, "BEGIN", NULL) != 0)
		ok = 0;
	for (i = 0; i < n; i++) {
		sub = store_query_sub(st->hide, i);
		if (store_query_match(sub) == NULL)
			continue;
		if (index == NULL || !ok ||
		    store_hide_table(st, i, store_query_match(sub)) != 0)
			ok = 0;
	}
	if (index != NULL &&
	    store_exec(st, ok ? "COMMIT" : "ROLLBACK", NULL) != 0)
		ok = 0;
	for (i = 0; i < n; i++) {
		sub = store_query_sub(st->hide, i);
		if (store_query_match(sub) == NULL)
			continue;
		snprintf(table, sizeof table, "orrery_hide_%zu", i);
		store_query_use_table(sub, index != NULL && ok ? table : NULL);
	}
	store_query_any_update(st->hide);
	if (index != NULL && ok) {
		st->hide_index = index;
		st->hide_indexlen = len;
	} else
		free(index);
}

const struct store_filter *
store_hide_filter(struct store *st, const struct store_filter *flt,
    struct store_filter *local)
{
	if (st->hide != NULL)
		store_hide_fresh(st);
	if (local != flt)
		*local = *flt;
	local->hide = st->hide;
	return local;
}

void
store_hide_where(struct buf *sql, const struct store_filter *flt)
{
	buf_addstr(sql, flt->hidden ? " AND (" : " AND NOT (");
	buf_addstr(sql, STORE_MUTED);
	if (flt->hide != NULL) {
		buf_addstr(sql, " OR ");
		buf_addstr(sql, store_query_cond(flt->hide));
	}
	buf_addc(sql, ')');
}

int
store_any_muted(struct store *st)
{
	sqlite3_stmt *s;
	int r = 0;

	s = store_prepare(st, "SELECT EXISTS (SELECT 1 FROM mutes)", NULL);
	if (s == NULL)
		return 1;
	if (sqlite3_step(s) == SQLITE_ROW)
		r = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return r;
}

/*
 * The statement counting hidden posts (shown copies only), "SELECT
 * [e.feed_id,] count, unread", in *out: NULL when nothing is hidden.
 * -1 with *cause when it cannot be prepared.
 */
static int
store_hide_count_stmt(
    struct store *st, int by_feed, sqlite3_stmt **out, char **cause)
{
	struct store_filter f;
	struct buf sql;
	sqlite3_stmt *s;

	*out = NULL;
	if (st->hide == NULL && !store_any_muted(st))
		return 0;
	if (st->hide != NULL)
		store_hide_fresh(st);
	memset(&f, 0, sizeof f);
	f.hidden = 1;
	f.hide = st->hide;
	buf_init(&sql, 0);
	buf_addstr(&sql, by_feed ? "SELECT e.feed_id," : "SELECT");
	buf_addstr(&sql,
	    " count(*), coalesce(sum(e.read = 0), 0)"
	    " FROM entries e WHERE e.dup = 0");
	store_hide_where(&sql, &f);
	if (by_feed)
		buf_addstr(&sql, " GROUP BY e.feed_id");
	buf_addc(&sql, '\0');
	s = store_prepare(st, sql.data, cause);
	buf_free(&sql);
	if (s == NULL)
		return -1;
	store_query_bind(s, st->hide);
	*out = s;
	return 0;
}

int
store_hide_counts(
    struct store *st, int64_t *unread, int64_t *total, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	if (store_hide_count_stmt(st, 0, &s, cause) != 0)
		return -1;
	if (s == NULL)
		return 0;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (total != NULL)
			*total -= sqlite3_column_int64(s, 0);
		if (unread != NULL)
			*unread -= sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_err(st, cause, "hidden counts");
}

/*
 * Each feed's counts without its hidden posts (muted sources, hide
 * rules), as the Planet view counts them: list is store_feeds' answer.
 * Costs nothing when nothing is hidden.
 */
int
store_hide_feed_counts(
    struct store *st, struct store_feed *list, size_t n, char **cause)
{
	sqlite3_stmt *s;
	int64_t id;
	size_t i;
	int rc;

	if (store_hide_count_stmt(st, 1, &s, cause) != 0)
		return -1;
	if (s == NULL)
		return 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		for (i = 0; i < n; i++)
			if (list[i].id == id) {
				list[i].total -= sqlite3_column_int64(s, 1);
				list[i].unread -= sqlite3_column_int64(s, 2);
				break;
			}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "hidden counts");
}

/*
 * The source name a post has that name stands for: itself when posts
 * have it, else the one name that matches whatever the case.  NULL and
 * *cause otherwise.
 */
static char *
store_source_named(struct store *st, const char *name, char **cause)
{
	char **names, *found = NULL;
	size_t n, i, matches = 0;

	if (store_sources(st, &names, &n, cause) != 0)
		return NULL;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0) {
			free(found);
			found = xstrdup(names[i]);
			matches = 1;
			break;
		} else if (util_strcasecmp(names[i], name) == 0) {
			free(found);
			found = xstrdup(names[i]);
			matches++;
		}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (matches == 1)
		return found;
	free(found);
	if (matches > 1)
		util_fail(cause,
		    "%s: more than one source has that name in "
		    "another case: give it exactly",
		    name);
	else
		util_fail(cause, "no posts from %s", name);
	return NULL;
}

int
store_mute(struct store *st, const char *source, char **name, char **cause)
{
	sqlite3_stmt *s;
	char *found;
	int rc, changed;

	found = store_source_named(st, source, cause);
	if (found == NULL)
		return -1;
	if (store_exec(st, "BEGIN IMMEDIATE", cause) != 0) {
		free(found);
		return -1;
	}
	s = store_prepare(st,
	    "INSERT OR IGNORE INTO mutes(source, added) VALUES (?, ?)", cause);
	if (s == NULL)
		goto fail;
	store_bind_text(s, 1, found);
	sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_err(st, cause, "mute");
		goto fail;
	}
	changed = sqlite3_changes(st->db) > 0;
	if (changed && store_undo_muted(st, found, cause) != 0)
		goto fail;
	if (store_exec(st, "COMMIT", cause) != 0)
		goto fail;
	if (name != NULL)
		*name = found;
	else
		free(found);
	return changed ? 0 : 1;
fail:
	store_exec(st, "ROLLBACK", NULL);
	free(found);
	return -1;
}

int
store_unmute(struct store *st, const char *source, char **name, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st,
	    "DELETE FROM mutes WHERE source = ?1 OR (lower(source) = lower(?1)"
	    " AND (SELECT count(*) FROM mutes WHERE lower(source) ="
	    " lower(?1)) = 1) RETURNING source",
	    cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, source);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && name != NULL)
		*name = store_col_text(s, 0);
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_err(st, cause, "unmute");
	if (sqlite3_changes(st->db) == 0)
		return util_fail(cause, "%s is not muted", source);
	return 0;
}

int
store_mutes(struct store *st, char ***out, size_t *n, char **cause)
{
	sqlite3_stmt *s;
	char **list = NULL;
	size_t count = 0;
	int rc;

	*out = NULL;
	*n = 0;
	s = store_prepare(
	    st, "SELECT source FROM mutes ORDER BY source", cause);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		list = xreallocarray(list, count + 1, sizeof *list);
		list[count++] = store_col_text(s, 0);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		while (count > 0)
			free(list[--count]);
		free(list);
		return store_err(st, cause, "mutes");
	}
	*out = list;
	*n = count;
	return 0;
}
