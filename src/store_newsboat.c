/*
 * store_newsboat: reading newsboat's cache.db for `orrery newsboat`.
 * Opens that file read-only and never changes it; hands each feed over
 * with its items, and knows nothing of orrery's own schema.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

/* ---- newsboat's cache.db ------------------------------------------- */

/*
 * The columns read from rss_item, in order; those marked optional are
 * missing from some of newsboat's schema versions and read as NULL then.
 */
static const struct {
	const char *name;
	int optional;
} store_nb_cols[] = {
	{ "feedurl", 0 },
	{ "guid", 0 },
	{ "title", 0 },
	{ "author", 0 },
	{ "url", 0 },
	{ "pubDate", 0 },
	{ "content", 0 },
	{ "unread", 0 },
	{ "enclosure_url", 1 },
	{ "enclosure_type", 1 },
	{ "flags", 1 },
	{ "deleted", 1 },
	{ "base", 1 },
	{ "content_mime_type", 1 },
};
enum {
	NB_FEEDURL,
	NB_GUID,
	NB_TITLE,
	NB_AUTHOR,
	NB_URL,
	NB_PUBDATE,
	NB_CONTENT,
	NB_UNREAD,
	NB_ENC_URL,
	NB_ENC_TYPE,
	NB_FLAGS,
	NB_DELETED,
	NB_BASE,
	NB_MIME,
	NB_NCOLS
};

/* The SELECT over rss_item for the columns this cache has. */
static int
store_nb_query(sqlite3 *db, struct buf *sql, const char *path, char **cause)
{
	sqlite3_stmt *s;
	int have[NB_NCOLS], rc;
	size_t i;

	memset(have, 0, sizeof have);
	rc = sqlite3_prepare_v2(
	    db, "SELECT name FROM pragma_table_info('rss_item')", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return util_fail(cause, "%s: %s", path, sqlite3_errmsg(db));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		for (i = 0; i < NB_NCOLS; i++)
			if (sqlite3_stricmp(
				(const char *)sqlite3_column_text(s, 0),
				store_nb_cols[i].name) == 0)
				have[i] = 1;
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return util_fail(cause, "%s: %s", path, sqlite3_errmsg(db));
	for (i = 0; i < NB_NCOLS; i++)
		if (!have[i] && !store_nb_cols[i].optional)
			return util_fail(cause,
			    "%s: not a newsboat cache (no rss_item.%s)", path,
			    store_nb_cols[i].name);
	buf_addstr(sql, "SELECT ");
	for (i = 0; i < NB_NCOLS; i++) {
		if (i > 0)
			buf_addstr(sql, ", ");
		buf_addstr(sql, have[i] ? store_nb_cols[i].name : "NULL");
	}
	buf_addstr(sql, " FROM rss_item ORDER BY feedurl, pubDate, id");
	return 0;
}

/* Items of one feed being collected; strings owned. */
struct store_nb_acc {
	char *url;
	struct parse_record *items;
	int *read, *flagged, *deleted;
	size_t n, alloc;
};

static char *
store_nb_text(sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	return t != NULL && t[0] != '\0' ? xstrdup((const char *)t) : NULL;
}

static void
store_nb_reset(struct store_nb_acc *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->items[i].id);
		free(a->items[i].title);
		free(a->items[i].link);
		free(a->items[i].author);
		free(a->items[i].content);
		free(a->items[i].base);
		free(a->items[i].enclosure_url);
		free(a->items[i].enclosure_type);
	}
	free(a->url);
	a->url = NULL;
	a->n = 0;
}

static void
store_nb_add(struct store_nb_acc *a, sqlite3_stmt *s)
{
	struct parse_record *r;
	const unsigned char *flags, *mime;

	if (a->n == a->alloc) {
		a->alloc = a->alloc == 0 ? 64 : a->alloc * 2;
		a->items = xreallocarray(a->items, a->alloc, sizeof *a->items);
		a->read = xreallocarray(a->read, a->alloc, sizeof *a->read);
		a->flagged =
		    xreallocarray(a->flagged, a->alloc, sizeof *a->flagged);
		a->deleted =
		    xreallocarray(a->deleted, a->alloc, sizeof *a->deleted);
	}
	r = &a->items[a->n];
	memset(r, 0, sizeof *r);
	r->id = store_nb_text(s, NB_GUID);
	r->title = store_nb_text(s, NB_TITLE);
	r->link = store_nb_text(s, NB_URL);
	r->author = store_nb_text(s, NB_AUTHOR);
	r->content = store_nb_text(s, NB_CONTENT);
	r->base = store_nb_text(s, NB_BASE);
	r->enclosure_url = store_nb_text(s, NB_ENC_URL);
	r->enclosure_type = store_nb_text(s, NB_ENC_TYPE);
	/* newsboat sets pubDate to the fetch time when the feed had none. */
	r->published = sqlite3_column_type(s, NB_PUBDATE) == SQLITE_INTEGER &&
		sqlite3_column_int64(s, NB_PUBDATE) > 0
	    ? sqlite3_column_int64(s, NB_PUBDATE)
	    : PARSE_NO_DATE;
	mime = sqlite3_column_text(s, NB_MIME);
	r->content_text =
	    mime != NULL && strcmp((const char *)mime, "text/plain") == 0;
	flags = sqlite3_column_text(s, NB_FLAGS);
	a->read[a->n] = sqlite3_column_int(s, NB_UNREAD) == 0;
	a->flagged[a->n] = flags != NULL && flags[0] != '\0';
	a->deleted[a->n] = sqlite3_column_int(s, NB_DELETED) != 0;
	a->n++;
}

/* Hand the collected feed to fn, with its rss_feed row. */
static int
store_nb_flush(sqlite3_stmt *fs, struct store_nb_acc *a,
    int (*fn)(void *, const struct store_newsboat_feed *, char **), void *arg,
    char **cause)
{
	struct store_newsboat_feed f;
	char *title = NULL, *link = NULL;
	int rv;

	if (a->url == NULL)
		return 0;
	sqlite3_bind_text(fs, 1, a->url, -1, SQLITE_STATIC);
	if (sqlite3_step(fs) == SQLITE_ROW) {
		title = store_nb_text(fs, 0);
		link = store_nb_text(fs, 1);
	}
	sqlite3_reset(fs);
	memset(&f, 0, sizeof f);
	f.url = a->url;
	f.title = title;
	f.link = link;
	f.items = a->items;
	f.read = a->read;
	f.flagged = a->flagged;
	f.n = a->n;
	f.deleted = a->deleted;
	rv = fn(arg, &f, cause);
	free(title);
	free(link);
	store_nb_reset(a);
	return rv;
}

int
store_newsboat_each(const char *path,
    int (*fn)(void *, const struct store_newsboat_feed *, char **), void *arg,
    char **cause)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL, *fs = NULL;
	struct store_nb_acc a;
	struct buf sql;
	const unsigned char *url;
	int rc, rv = -1;

	store_global_init();
	memset(&a, 0, sizeof a);
	buf_init(&sql, 0);
	rc = sqlite3_open_v2(
	    path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		util_fail(cause, "%s: %s", path,
		    db != NULL ? sqlite3_errmsg(db) : "cannot open");
		goto out;
	}
	sqlite3_busy_timeout(db, 5000);
	if (store_nb_query(db, &sql, path, cause) != 0)
		goto out;
	if (sqlite3_prepare_v2(db, sql.data, -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
		"SELECT title, url FROM rss_feed WHERE rssurl = ?", -1, &fs,
		NULL) != SQLITE_OK) {
		util_fail(cause, "%s: %s", path, sqlite3_errmsg(db));
		goto out;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		url = sqlite3_column_text(s, NB_FEEDURL);
		if (url == NULL)
			continue;
		if (a.url == NULL || strcmp(a.url, (const char *)url) != 0) {
			if (store_nb_flush(fs, &a, fn, arg, cause) != 0)
				goto out;
			a.url = xstrdup((const char *)url);
		}
		store_nb_add(&a, s);
	}
	if (rc != SQLITE_DONE) {
		util_fail(cause, "%s: %s", path, sqlite3_errmsg(db));
		goto out;
	}
	rv = store_nb_flush(fs, &a, fn, arg, cause);
out:
	store_nb_reset(&a);
	free(a.items);
	free(a.read);
	free(a.flagged);
	free(a.deleted);
	buf_free(&sql);
	sqlite3_finalize(s);
	sqlite3_finalize(fs);
	sqlite3_close(db);
	return rv;
}
