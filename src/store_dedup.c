/*
 * store_dedup: one post, however many feeds carry it (DESIGN §9).  Owns
 * the post key of an entry (link_key: url_post_key of FeedBurner's
 * origLink, else of the link; NULL without a link, and then never
 * merged), the choice of the copy shown (dup = 0; every other copy of
 * the post has dup = 1 and is left out of every listing and count), the
 * source heading a merged post is shown under, the read/starred state a
 * late copy arrives with, and the list of the feeds that carry a post.
 *
 * Marks need nothing here: triggers (store.c's migration) give every copy
 * a mark made on any one, promote another copy when the shown one is
 * deleted or changes its link, and keep the feeds' counts to shown copies.
 * Within one feed an entry's identity stays store.c's (guid, link, hash).
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "util.h"

/*
 * The copy shown is the fullest: the longer text (content or summary,
 * whichever is longer), a copy from the post's own feed (via = 0)
 * counted a quarter longer than one through an aggregator, so that the
 * blog's own text wins over the Planet's copy of it unless the Planet
 * has clearly more; then the older row.  store.c's triggers use the same
 * order (STORE_DEDUP_RANK) to promote a copy.
 */

/* orrery_post_key(link): the SQL face of url_post_key, for migrations. */
static void
store_dedup_sql_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *link;
	char *key;

	link = sqlite3_value_text(argv[0]);
	if (argc != 1 || link == NULL || *link == '\0') {
		sqlite3_result_null(ctx);
		return;
	}
	key = url_post_key((const char *)link);
	sqlite3_result_text(ctx, key, -1, free);
}

int
store_dedup_register(struct store *st, char **cause)
{
	if (sqlite3_create_function(st->db, "orrery_post_key", 1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, store_dedup_sql_key,
		NULL, NULL) != SQLITE_OK)
		return store_err(st, cause, "register orrery_post_key");
	return 0;
}

char *
store_dedup_key(const struct parsed_entry *e)
{
	const char *link;

	link = e->orig_link != NULL ? e->orig_link : e->link;
	if (link == NULL || *link == '\0')
		return NULL;
	return url_post_key(link);
}

int
store_dedup_heading(
    struct store *st, const char *key, char **source, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	*source = NULL;
	if (key == NULL)
		return 0;
	s = store_cached(st, ST_DEDUP_HEADING, cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*source = store_col_text(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_err(st, cause, "post heading");
	return 0;
}

/* Run a cached statement binding key (1) and id (2); 0 or -1. */
static int
store_dedup_step(struct store *st, enum store_stmt which, const char *key,
    int64_t id, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_cached(st, which, cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_err(st, cause, "merge copies");
	return 0;
}

int
store_dedup_put(
    struct store *st, int64_t id, const char *key, int inserted, char **cause)
{
	sqlite3_stmt *s;
	int64_t best;
	int rc;

	if (key == NULL)
		return store_dedup_step(st, ST_DEDUP_ALONE, NULL, id, cause);
	/* A copy that arrives late arrives as the post is: read, starred. */
	if (inserted &&
	    store_dedup_step(st, ST_DEDUP_STATE, key, id, cause) != 0)
		return -1;
	s = store_cached(st, ST_DEDUP_BEST, cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	best = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : id;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_err(st, cause, "merge copies");
	if (store_dedup_step(st, ST_DEDUP_SHOW, key, best, cause) != 0)
		return -1;
	/* The blog's name as the aggregator gives it, on the blog's copy,
	 * and in the search index (rows still queued for it take the
	 * stored source when they are written: store.c's ST_FTS_INSERT). */
	if (store_dedup_step(st, ST_DEDUP_RENAME, key, 0, cause) != 0)
		return -1;
	if (sqlite3_changes(st->db) == 0)
		return 0;
	return store_dedup_step(st, ST_DEDUP_REINDEX, key, 0, cause);
}

void
store_copies_free(struct store_copy *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].feed);
		free(list[i].url);
	}
	free(list);
}

int
store_entry_copies(struct store *st, int64_t id, struct store_copy **out,
    size_t *n, char **cause)
{
	sqlite3_stmt *s;
	struct store_copy *list = NULL;
	size_t count = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	s = store_prepare(st,
	    "SELECT c.id, c.feed_id, coalesce(f.name, f.title, f.url), f.url,"
	    " c.dup FROM entries e JOIN entries c ON c.id = e.id OR"
	    " (e.link_key IS NOT NULL AND c.link_key = e.link_key)"
	    " JOIN feeds f ON f.id = c.feed_id WHERE e.id = ?"
	    " ORDER BY c.dup, c.id",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == alloc) {
			alloc = alloc == 0 ? 4 : alloc * 2;
			list = xreallocarray(list, alloc, sizeof *list);
		}
		list[count].entry_id = sqlite3_column_int64(s, 0);
		list[count].feed_id = sqlite3_column_int64(s, 1);
		list[count].feed = store_col_text(s, 2);
		list[count].url = store_col_text(s, 3);
		list[count++].shown = sqlite3_column_int(s, 4) == 0;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_copies_free(list, count);
		return store_err(st, cause, "copies");
	}
	*out = list;
	*n = count;
	return 0;
}
