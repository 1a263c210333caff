/*
 * store_sync: the SQL of sync (store_sync.h): server item ids, stream ids,
 * the outbox and reconciling the server's read and starred sets.  Shares
 * store_int.h with store.c; never prints, never talks to the network, and
 * never writes the password anywhere (it never sees it).
 */
#include "store_sync.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "buf.h"
#include "parse.h"
#include "store_int.h"
#include "util.h"

/* Marks go to the outbox only once sync has been on for this store. */
#define SYNC_ON "EXISTS (SELECT 1 FROM meta WHERE key = 'sync-server')"

static int
sync_step(struct store *st, sqlite3_stmt *s, const char *what, char **cause)
{
	int rc;

	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_err(st, cause, what);
	return 0;
}

int
store_sync_enable(struct store *st, const char *server, char **cause)
{
	char *old = NULL;
	int rc;

	if (store_meta_get(st, "sync-server", &old, cause) != 0)
		return -1;
	rc = old != NULL && strcmp(old, server) == 0
	    ? 0
	    : store_meta_set(st, "sync-server", server, cause);
	free(old);
	return rc;
}

int
store_sync_outbox(
    struct store *st, struct store_sync_mark **out, size_t *n, char **cause)
{
	sqlite3_stmt *s;
	struct store_sync_mark *list = NULL;
	size_t count = 0, alloc = 0;
	int rc;

	s = store_prepare(st,
	    "SELECT seq, item, what, stream, ts FROM sync_outbox ORDER BY seq",
	    cause);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == alloc) {
			alloc = alloc == 0 ? 64 : alloc * 2;
			list = xreallocarray(list, alloc, sizeof *list);
		}
		list[count].seq = sqlite3_column_int64(s, 0);
		list[count].item = sqlite3_column_int64(s, 1);
		list[count].what = sqlite3_column_int(s, 2);
		list[count].stream = store_col_text(s, 3);
		list[count++].ts = sqlite3_column_int64(s, 4);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_sync_marks_free(list, count);
		return store_err(st, cause, "sync outbox");
	}
	*out = list;
	*n = count;
	return 0;
}

void
store_sync_marks_free(struct store_sync_mark *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i].stream);
	free(list);
}

int
store_sync_outbox_done(
    struct store *st, const int64_t *seq, size_t n, char **cause)
{
	sqlite3_stmt *s;
	size_t i;
	int rc = SQLITE_DONE;

	if (store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	s = store_prepare(st, "DELETE FROM sync_outbox WHERE seq = ?", cause);
	if (s == NULL) {
		store_exec(st, "ROLLBACK", NULL);
		return -1;
	}
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(s, 1, seq[i]);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_err(st, cause, "sync outbox");
		store_exec(st, "ROLLBACK", NULL);
		return -1;
	}
	return store_exec(st, "COMMIT", cause);
}

int
store_sync_outbox_count(struct store *st, int64_t *n, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	*n = 0;
	s = store_prepare(st, "SELECT count(*) FROM sync_outbox", cause);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_err(st, cause, "sync outbox");
}

/* ---- feeds ---------------------------------------------------------- */

int
store_sync_feed(struct store *st, const char *stream, const char *url,
    const char *title, const char *category, int64_t *id, char **cause)
{
	sqlite3_stmt *s;

	if (store_feed_add(st, url, NULL, category, id, NULL, cause) != 0)
		return -1;
	s = store_prepare(st,
	    "UPDATE feeds SET sync_stream = ?2, title = coalesce(?3, title),"
	    " category = ?4 WHERE id = ?1 AND (sync_stream IS NOT ?2 OR"
	    " title IS NOT coalesce(?3, title) OR category IS NOT ?4)",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, *id);
	store_bind_text(s, 2, stream);
	store_bind_text(s, 3, title);
	store_bind_text(s, 4, category);
	return sync_step(st, s, "sync feed", cause);
}

int
store_sync_feed_by_stream(struct store *st, const char *stream, int64_t *id)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(
	    st, "SELECT id FROM feeds WHERE sync_stream = ?", NULL);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, stream);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

char *
store_sync_feed_stream(struct store *st, int64_t feed)
{
	sqlite3_stmt *s;
	char *v = NULL;

	s = store_prepare(
	    st, "SELECT sync_stream FROM feeds WHERE id = ?", NULL);
	if (s == NULL)
		return NULL;
	sqlite3_bind_int64(s, 1, feed);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = store_col_text(s, 0);
	sqlite3_finalize(s);
	return v;
}

int
store_sync_feeds_gone(struct store *st, char *const *streams, size_t n,
    int *removed, char **cause)
{
	sqlite3_stmt *s;
	size_t i;
	int rc = SQLITE_DONE;

	*removed = 0;
	if (store_exec(st,
		"BEGIN IMMEDIATE; CREATE TEMP TABLE IF NOT EXISTS sync_streams"
		"(s TEXT PRIMARY KEY); DELETE FROM temp.sync_streams;",
		cause) != 0)
		return -1;
	s = store_prepare(
	    st, "INSERT OR IGNORE INTO temp.sync_streams(s) VALUES (?)", cause);
	if (s == NULL)
		goto fail;
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		store_bind_text(s, 1, streams[i]);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_err(st, cause, "sync feeds");
		goto fail;
	}
	s = store_prepare(st,
	    "DELETE FROM feeds WHERE sync_stream IS NOT NULL AND sync_stream"
	    " NOT IN (SELECT s FROM temp.sync_streams)",
	    cause);
	if (sync_step(st, s, "sync feeds", cause) != 0)
		goto fail;
	*removed = sqlite3_changes(st->db);
	return store_exec(st, "COMMIT", cause);
fail:
	store_exec(st, "ROLLBACK", NULL);
	return -1;
}

/* ---- entries -------------------------------------------------------- */

/* No mark of this kind (0 read, 1 star) waits for item. */
#define SYNC_NOT_PENDING(col, kinds) \
	" AND " col " NOT IN (SELECT item FROM sync_outbox" \
	" WHERE item IS NOT NULL AND what IN " kinds ")"

int
store_sync_entries(struct store *st, int64_t feed, const struct parsed_feed *pf,
    const int64_t *items, const int *read, const int *starred, int64_t now,
    int *nnew, char **cause)
{
	struct store_fetch r;
	sqlite3_stmt *s;
	size_t i;
	int rc = SQLITE_DONE;

	memset(&r, 0, sizeof r);
	r.status = 200;
	r.feed = pf;
	if (store_feed_update(st, feed, &r, now, nnew, NULL, cause) != 0)
		return -1;
	s = store_prepare(st,
	    "UPDATE entries SET sync_id = ?3,"
	    " read = CASE WHEN ?3 IN (SELECT item FROM sync_outbox WHERE"
	    "  what IN (0, 1) AND item IS NOT NULL) THEN read ELSE ?4 END,"
	    " starred = CASE WHEN ?3 IN (SELECT item FROM sync_outbox WHERE"
	    "  what IN (2, 3) AND item IS NOT NULL) THEN starred ELSE ?5 END"
	    " WHERE feed_id = ?1 AND guid = ?2 AND (sync_id IS NOT ?3 OR"
	    " read != ?4 OR starred != ?5)",
	    cause);
	if (s == NULL)
		return -1;
	for (i = 0; i < pf->nentries && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(s, 1, feed);
		store_bind_text(s, 2, pf->entries[i].id);
		sqlite3_bind_int64(s, 3, items[i]);
		sqlite3_bind_int(s, 4, read[i] != 0);
		sqlite3_bind_int(s, 5, starred[i] != 0);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "sync entry");
}

int
store_sync_reconcile(struct store *st, int what, const int64_t *items, size_t n,
    int64_t *changed, char **cause)
{
	sqlite3_stmt *s;
	size_t i;
	int rc = SQLITE_DONE;

	*changed = 0;
	if (store_exec(st,
		"BEGIN IMMEDIATE; CREATE TEMP TABLE IF NOT EXISTS sync_set"
		"(item INTEGER PRIMARY KEY); DELETE FROM temp.sync_set;",
		cause) != 0)
		return -1;
	s = store_prepare(
	    st, "INSERT OR IGNORE INTO temp.sync_set(item) VALUES (?)", cause);
	if (s == NULL)
		goto fail;
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(s, 1, items[i]);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_err(st, cause, "sync state");
		goto fail;
	}
	/* A mark-all still waiting covers every read state. */
	s = store_prepare(st,
	    what == 0
		? "UPDATE entries SET read = (sync_id NOT IN"
		  " (SELECT item FROM temp.sync_set)) WHERE sync_id IS NOT NULL"
		  " AND read != (sync_id NOT IN (SELECT item FROM"
		  " temp.sync_set))" SYNC_NOT_PENDING("sync_id",
		      "(0, 1)") " AND NOT EXISTS (SELECT 1 FROM sync_outbox WHERE what = 4)"
		: "UPDATE entries SET starred = (sync_id IN"
		  " (SELECT item FROM temp.sync_set)) WHERE sync_id IS NOT NULL"
		  " AND starred != (sync_id IN (SELECT item FROM"
		  " temp.sync_set))" SYNC_NOT_PENDING("sync_id", "(2, 3)"),
	    cause);
	if (sync_step(st, s, "sync state", cause) != 0)
		goto fail;
	*changed = sqlite3_changes(st->db);
	return store_exec(st, "COMMIT", cause);
fail:
	store_exec(st, "ROLLBACK", NULL);
	return -1;
}

/* ---- the hooks of store_mark and store_mark_all --------------------- */

int
store_sync_mark_hook(
    struct store *st, int64_t id, enum store_mark m, char **cause)
{
	sqlite3_stmt *s;

	/* The newest mark of an item and kind is the one that counts. */
	s = store_prepare(st,
	    "DELETE FROM sync_outbox WHERE item = (SELECT sync_id FROM entries"
	    " WHERE id = ?1) AND what IN (?2, ?3) AND " SYNC_ON,
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, (int)m & ~1);
	sqlite3_bind_int(s, 3, (int)m | 1);
	if (sync_step(st, s, "sync outbox", cause) != 0)
		return -1;
	s = store_prepare(st,
	    "INSERT INTO sync_outbox(item, what) SELECT sync_id, ?2 FROM"
	    " entries WHERE id = ?1 AND sync_id IS NOT NULL AND " SYNC_ON,
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, (int)m);
	return sync_step(st, s, "sync outbox", cause);
}

/* Prepare sql (entries e ... WHERE 1 ...) with flt and upto appended. */
static sqlite3_stmt *
sync_filtered(struct store *st, const char *head,
    const struct store_filter *flt, int64_t upto, const char *tail,
    char **cause)
{
	struct buf sql;
	sqlite3_stmt *s;
	int k;

	buf_init(&sql, 0);
	buf_addstr(&sql, head);
	store_where(&sql, flt);
	if (upto != 0)
		buf_addstr(&sql, " AND e.time <= :upto");
	buf_addstr(&sql, tail);
	s = store_prepare(st, sql.data, cause);
	buf_free(&sql);
	if (s == NULL)
		return NULL;
	store_bind_filter(s, flt);
	if ((k = sqlite3_bind_parameter_index(s, ":upto")) != 0)
		sqlite3_bind_int64(s, k, upto);
	return s;
}

/*
 * Can the server do this mark-all itself (mark-all-as-read with ts)?  A
 * whole feed or everything, up to no unread entry left out.  Its stream
 * in *stream, or NULL.
 */
static char *
sync_mark_all_stream(
    struct store *st, const struct store_filter *flt, int64_t upto)
{
	struct store_filter rest;
	sqlite3_stmt *s;
	int64_t left = 1;

	if (flt->starred || flt->source != NULL || flt->since != 0 ||
	    flt->match != NULL || flt->query != NULL || flt->hidden ||
	    flt->hide != NULL || store_any_muted(st))
		return NULL;
	if (upto != 0) {
		memset(&rest, 0, sizeof rest);
		rest.feed_id = flt->feed_id;
		s = sync_filtered(st,
		    "SELECT count(*) FROM entries e WHERE e.read = 0 AND"
		    " e.time > :after",
		    &rest, 0, "", NULL);
		if (s == NULL)
			return NULL;
		sqlite3_bind_int64(
		    s, sqlite3_bind_parameter_index(s, ":after"), upto);
		if (sqlite3_step(s) == SQLITE_ROW)
			left = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		if (left != 0)
			return NULL;
	}
	if (flt->feed_id != 0)
		return store_sync_feed_stream(st, flt->feed_id);
	return xstrdup("user/-/state/com.google/reading-list");
}

int
store_sync_mark_all_hook(struct store *st, const struct store_filter *flt,
    enum store_mark m, int64_t upto, char **cause)
{
	/* The entries this mark changes, as store_mark_all_as picks them. */
	static const char *const changes[] = {
		[STORE_MARK_READ] = "e.read = 0",
		[STORE_MARK_UNREAD] = "e.read = 1",
		[STORE_MARK_STAR] = "e.starred = 0",
		[STORE_MARK_UNSTAR] = "e.starred = 1",
	};
	struct buf head;
	sqlite3_stmt *s;
	char *on = NULL, *ts = NULL, *stream = NULL;
	long long t;
	int rc;

	if (store_meta_get(st, "sync-server", &on, cause) != 0)
		return -1;
	if (on == NULL)
		return 0;
	free(on);
	/* Marks of single items it covers are superseded. */
	buf_init(&head, 0);
	buf_printf(&head,
	    "DELETE FROM sync_outbox WHERE what IN (%d, %d) AND item IN"
	    " (SELECT e.sync_id FROM entries e WHERE e.sync_id IS NOT NULL",
	    (int)m & ~1, (int)m | 1);
	s = sync_filtered(st, head.data, flt, upto, ")", cause);
	buf_free(&head);
	if (sync_step(st, s, "sync outbox", cause) != 0)
		return -1;
	/* ts: the newest item orrery has seen (sync.c), so that what came
	 * since stays unread. */
	if (store_meta_get(st, "sync-ts", &ts, cause) != 0)
		return -1;
	if (m == STORE_MARK_READ && ts != NULL && util_parse_ll(ts, &t) == 0)
		stream = sync_mark_all_stream(st, flt, upto);
	free(ts);
	if (stream != NULL) {
		s = store_prepare(st,
		    "INSERT INTO sync_outbox(what, stream, ts) VALUES (4, ?, ?)",
		    cause);
		if (s != NULL) {
			store_bind_text(s, 1, stream);
			sqlite3_bind_int64(s, 2, (int64_t)t);
		}
		free(stream);
		return sync_step(st, s, "sync outbox", cause);
	}
	buf_init(&head, 0);
	buf_printf(&head,
	    "INSERT INTO sync_outbox(item, what) SELECT e.sync_id, %d FROM"
	    " entries e WHERE %s AND e.sync_id IS NOT NULL",
	    (int)m, changes[m]);
	s = sync_filtered(st, head.data, flt, upto, " ORDER BY e.id", cause);
	buf_free(&head);
	rc = sync_step(st, s, "sync outbox", cause);
	return rc;
}
