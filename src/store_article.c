/*
 * store_article: whole articles kept with their entries (the articles
 * table, store_article.h): read, kept, and made searchable by rebuilding
 * the entry's search row through store_fts_put (store.c), so that the
 * one text function (store_body_text) makes the article's search text
 * as it makes the feed's.  SQL only; it never fetches, extracts or
 * prints.
 */
#include "store_article.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parse.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

void
store_article_clear(struct store_article *a)
{
	free(a->url);
	free(a->html);
	free(a->etag);
	free(a->last_modified);
	free(a->error);
	memset(a, 0, sizeof *a);
}

int
store_article_get(
    struct store *st, int64_t entry, struct store_article *a, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	memset(a, 0, sizeof *a);
	s = store_prepare(st,
	    "SELECT url, html, fetched, etag, last_modified, status, error"
	    " FROM articles WHERE entry_id = ?",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, entry);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		a->entry_id = entry;
		a->url = store_col_text(s, 0);
		a->html = store_col_text(s, 1);
		a->fetched = sqlite3_column_int64(s, 2);
		a->etag = store_col_text(s, 3);
		a->last_modified = store_col_text(s, 4);
		a->status = (long)sqlite3_column_int64(s, 5);
		a->error = store_col_text(s, 6);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "article");
}

int
store_article_text(struct store *st, int64_t entry, char **text, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	*text = NULL;
	s = store_prepare(st,
	    "SELECT text FROM articles WHERE entry_id = ? AND text IS NOT NULL",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, entry);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*text = store_col_text(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	    ? 0
	    : store_err(st, cause, "article");
}

/* Write a's row: a new article replaces the old one; a failure or a
 * page not modified keeps the article held and records the rest. */
static int
store_article_row(struct store *st, const struct store_article *a,
    const char *text, int64_t now, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st,
	    "INSERT INTO articles(entry_id, url, html, text, fetched, etag,"
	    " last_modified, status, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	    " ?7, ?8, ?9) ON CONFLICT(entry_id) DO UPDATE SET"
	    " url = coalesce(?2, url), html = coalesce(?3, html),"
	    " text = CASE WHEN ?3 IS NULL THEN text ELSE ?4 END,"
	    " fetched = ?5, etag = CASE WHEN ?9 IS NULL THEN coalesce(?6, etag)"
	    " ELSE etag END, last_modified = CASE WHEN ?9 IS NULL THEN"
	    " coalesce(?7, last_modified) ELSE last_modified END,"
	    " status = ?8, error = ?9",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a->entry_id);
	store_bind_text(s, 2, a->url);
	store_bind_text(s, 3, a->html);
	store_bind_text(s, 4, text);
	sqlite3_bind_int64(s, 5, now);
	store_bind_text(
	    s, 6, a->html != NULL || a->status == 304 ? a->etag : NULL);
	store_bind_text(s, 7,
	    a->html != NULL || a->status == 304 ? a->last_modified : NULL);
	sqlite3_bind_int64(s, 8, a->status);
	store_bind_text(s, 9, a->error);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "keep article");
}

/* The entry's search row again, from what the store holds: its feed
 * text, then (store_fts_put) its article's.  -1 with "no entry with id
 * N" when the entry is gone. */
static int
store_article_reindex(struct store *st, int64_t entry, int index, char **cause)
{
	struct parsed_entry pe;
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st,
	    "SELECT title, source, author, summary, content, summary_html,"
	    " content_html FROM entries WHERE id = ?",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, entry);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		if (rc == SQLITE_DONE)
			return util_fail(
			    cause, "no entry with id %lld", (long long)entry);
		return store_err(st, cause, "entry");
	}
	if (!index) {
		sqlite3_finalize(s);
		return 0;
	}
	memset(&pe, 0, sizeof pe);
	pe.title = store_col_text(s, 0);
	pe.source = store_col_text(s, 1);
	pe.author = store_col_text(s, 2);
	pe.summary = store_col_text(s, 3);
	pe.content = store_col_text(s, 4);
	pe.summary_html = sqlite3_column_int(s, 5);
	pe.content_html = sqlite3_column_int(s, 6);
	sqlite3_finalize(s);
	rc = store_fts_put(st, entry, &pe, NULL, 1, cause);
	free(pe.title);
	free(pe.source);
	free(pe.author);
	free(pe.summary);
	free(pe.content);
	return rc;
}

int
store_article_put(struct store *st, const struct store_article *a, char **cause)
{
	struct parsed_entry pe;
	char *text = NULL;
	int rc;

	if (a->html != NULL) {
		/* The article's search text, by the feed text's function. */
		memset(&pe, 0, sizeof pe);
		pe.content = a->html;
		pe.content_html = 1;
		text = store_body_text(&pe);
	}
	if (store_exec(st, "BEGIN IMMEDIATE", cause) != 0) {
		free(text);
		return -1;
	}
	rc = store_article_reindex(st, a->entry_id, 0, cause);
	if (rc == 0)
		rc = store_article_row(st, a, text, (int64_t)time(NULL), cause);
	if (rc == 0 && a->html != NULL)
		rc = store_article_reindex(st, a->entry_id, 1, cause);
	free(text);
	if (rc == 0)
		return store_exec(st, "COMMIT", cause);
	store_exec(st, "ROLLBACK", NULL);
	return -1;
}

int
store_articles_wanted(struct store *st, int64_t feed, const char *key,
    int64_t since, size_t max, int64_t **ids, size_t *n, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	*ids = NULL;
	*n = 0;
	s = store_prepare(st,
	    "SELECT e.id FROM entries e WHERE e.feed_id = ?1"
	    " AND e.first_seen >= ?2 AND e.link IS NOT NULL"
	    " AND EXISTS (SELECT 1 FROM feed_settings s WHERE s.feed_id = ?1"
	    " AND s.key = ?3 AND s.value = 'yes') AND NOT EXISTS (SELECT 1"
	    " FROM articles a WHERE a.entry_id = e.id)"
	    " ORDER BY e.time DESC, e.id DESC LIMIT ?4",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed);
	sqlite3_bind_int64(s, 2, since);
	store_bind_text(s, 3, key);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 0;
	free(*ids);
	*ids = NULL;
	*n = 0;
	return store_err(st, cause, "articles wanted");
}
