/*
 * store_int.h: what the store's files share and nothing else includes.
 * The store is split by subject (store.c: schema, feeds, entries, queries;
 * store_*.c: one subject each); every file here may include sqlite3.h,
 * no other file may.  The rules of store.c's opening comment hold for all.
 */
#ifndef ORRERY_STORE_INT_H
#define ORRERY_STORE_INT_H

#include <stdint.h>

#include <sqlite3.h>

#include "buf.h"
#include "parse.h"
#include "store.h"

/* Prepared once per connection, by index. */
enum store_stmt {
	ST_ENTRY_BY_GUID,
	ST_ENTRY_BY_LINK,
	ST_ENTRY_INSERT,
	ST_ENTRY_CHANGED,
	ST_ENTRY_UPDATE,
	ST_FTS_DELETE,
	ST_FTS_INSERT,
	ST_PRUNED,
	ST_DEDUP_HEADING,
	ST_DEDUP_ALONE,
	ST_DEDUP_STATE,
	ST_DEDUP_BEST,
	ST_DEDUP_SHOW,
	ST_DEDUP_RENAME,
	ST_DEDUP_REINDEX,
	ST_COUNT
};

/*
 * The order in which the copies of one post (same link_key) are chosen
 * to be shown, best first, over entries aliased x (store_dedup.c says
 * why): the longer text, the post's own feed's copy counted a quarter
 * longer than an aggregator's, then the older row.
 */
#define STORE_DEDUP_RANK \
	"max(coalesce(length(x.content), 0), coalesce(length(x.summary), 0))" \
	" * (5 - x.via) DESC, x.id"

/* The cached statements of store_dedup.c (store_sql in store.c). */
#define STORE_DEDUP_SQL_HEADING \
	"SELECT source FROM entries WHERE link_key = ?1 AND via = 1" \
	" AND source IS NOT NULL ORDER BY id LIMIT 1"
#define STORE_DEDUP_SQL_ALONE \
	"UPDATE entries SET dup = 0 WHERE id = ?2 AND dup != 0"
/* Only a row that changes is written: SQLite rewrites all of a row it
 * updates, body and all. */
#define STORE_DEDUP_SQL_STATE \
	"UPDATE entries SET" \
	" read = max(read, coalesce((SELECT max(c.read) FROM entries c" \
	" WHERE c.link_key = ?1 AND c.id != ?2), 0))," \
	" starred = max(starred, coalesce((SELECT max(c.starred) FROM" \
	" entries c WHERE c.link_key = ?1 AND c.id != ?2), 0)) WHERE id = ?2" \
	" AND EXISTS (SELECT 1 FROM entries c WHERE c.link_key = ?1" \
	" AND c.id != ?2 AND (c.read > entries.read" \
	" OR c.starred > entries.starred))"
#define STORE_DEDUP_SQL_BEST \
	"SELECT x.id FROM entries x WHERE x.link_key = ?1 ORDER BY " STORE_DEDUP_RANK \
	" LIMIT 1"
#define STORE_DEDUP_SQL_SHOW \
	"UPDATE entries SET dup = (id != ?2) WHERE link_key = ?1" \
	" AND dup != (id != ?2)"
#define STORE_DEDUP_SQL_REINDEX \
	"UPDATE entries_fts SET source = orrery_cjk((SELECT e.source FROM" \
	" entries e WHERE e.id = entries_fts.rowid)) WHERE rowid IN (SELECT" \
	" id FROM entries WHERE link_key = ?1 AND via = 0)"
#define STORE_DEDUP_SQL_RENAME \
	"UPDATE entries SET source = h.source FROM (" STORE_DEDUP_SQL_HEADING \
	") AS h WHERE entries.link_key = ?1 AND entries.via = 0" \
	" AND entries.source IS NOT h.source"

/*
 * When the shown copy of a post goes (deleted, or its link changed),
 * the best other copy is shown, unless one is already: the body of the
 * triggers that do it, over the row OLD.
 */
#define STORE_DEDUP_PROMOTE \
	"UPDATE entries SET dup = 0 WHERE OLD.dup = 0 AND id = (SELECT x.id" \
	" FROM entries x WHERE x.link_key = OLD.link_key AND x.id != OLD.id" \
	" ORDER BY " STORE_DEDUP_RANK " LIMIT 1) AND NOT EXISTS (SELECT 1" \
	" FROM entries y WHERE y.link_key = OLD.link_key AND y.id != OLD.id" \
	" AND y.dup = 0);"

/* A search row waiting for store_fts_flush (see store_fts_queue). */
struct store_fts_row {
	int64_t rowid;
	const struct parsed_entry *e;
	const char *text;
	int replace;
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[ST_COUNT];
	int batch; /* inside store_begin .. store_commit/rollback */
	struct store_fts_row *fts;
	size_t nfts, afts;
	struct store_query *hide; /* the hide rules (store_hide_rules) */
	void *hide_index;	  /* the search index hide's tables are of */
	size_t hide_indexlen;	  /* (store_hide.c); NULL: none made */
	int undo_ready;		  /* store_undo.c's temp trigger is made */
	int undo_open;		  /* inside store_undo_begin .. _end */
	int64_t undo_last;	  /* the batch marks go to now, 0: none */
};

#define STORE_ENTRY_COLS \
	"e.id, e.feed_id, e.guid, e.link, e.title, e.source, e.author," \
	" e.published, e.updated, e.first_seen, e.time, e.read, e.starred"

#define STORE_FEED_COLS \
	"id, url, name, title, site_link, etag, last_modified, added," \
	" last_attempt, last_success, next_fetch, last_status, last_error," \
	" disabled, unread, total, category"

/* Before any connection, once per process (idempotent, thread-safe). */
void store_global_init(void);
/* "PATH: WHAT: sqlite's message" into *cause; returns -1. */
int store_err(struct store *, char **, const char *);
/* "PATH: WHAT: the store is read-only (...)"; returns -1. */
int store_readonly_err(struct store *, char **, const char *);
/* Runs SQL (several statements allowed); -1 and *cause on failure. */
int store_exec(struct store *, const char *, char **);
/* A new statement the caller finalizes; NULL and *cause on failure. */
sqlite3_stmt *store_prepare(struct store *, const char *, char **);
/* A cached statement, reset and ready to bind; owned by the store. */
sqlite3_stmt *store_cached(struct store *, enum store_stmt, char **);
/* NULL binds NULL; STORE_NO_TIME binds NULL. */
void store_bind_text(sqlite3_stmt *, int, const char *);
void store_bind_time(sqlite3_stmt *, int, int64_t);
/* A column as a new string (NULL for NULL) / a time (STORE_NO_TIME). */
char *store_col_text(sqlite3_stmt *, int);
int64_t store_col_time(sqlite3_stmt *, int);
/* A filter's conditions, appended to "... WHERE 1" over entries e, and
 * its values bound (store.c: every listing, count and mark-all). */
struct buf;
void store_where(struct buf *, const struct store_filter *);
void store_bind_filter(sqlite3_stmt *, const struct store_filter *);
/*
 * store_dedup.c.  store_dedup_register: the SQL function
 * orrery_post_key(link) on this connection (before the migrations, which
 * call it).  store_dedup_key: the post key of a parsed entry (origLink,
 * else link, through url_post_key), NULL without a link; the caller
 * frees it.  store_dedup_heading: into *source (the caller frees; NULL
 * for none) the source an aggregator gives the post with this key.
 * store_dedup_put: after entry id with this key (NULL: none) was
 * inserted (inserted = 1) or changed, bring its copies together: the
 * state a new copy arrives with, the copy shown, the heading.
 */
int store_dedup_register(struct store *, char **);
char *store_dedup_key(const struct parsed_entry *);
int store_dedup_heading(struct store *, const char *, char **, char **);
int store_dedup_put(struct store *, int64_t, const char *, int, char **);

/* store_cjk.c: orrery_cjk() and orrery_cjk_has() on this connection
 * (before the migrations, which call them). */
int store_cjk_register(struct store *, char **);

/* store_feed_find's last resort: the one feed whose name is what in
 * another case; else -1 with the closest names in *cause. */
int store_feed_find_loose(
    struct store *, const char *what, struct store_feed *, char **cause);
/* Rows selected with STORE_FEED_COLS / STORE_ENTRY_COLS. */
void store_feed_from_row(sqlite3_stmt *, struct store_feed *);
void store_entry_from_row(sqlite3_stmt *, struct store_entry *);

/* store_query.c: a query compiled with its parameters named :PREFIX1 ...
 * (a prefix unique within one statement); its SQL conditions (" AND ...",
 * or NULL), and their values bound into s where s names them. */
struct store_query *store_query_compile(
    const struct query *, int64_t now, int utc, const char *prefix);
const char *store_query_sql(const struct store_query *);
void store_query_bind(sqlite3_stmt *, const struct store_query *);
/* The whole query as one condition that is never NULL. */
const char *store_query_cond(const struct store_query *);
/* Any of subs (taken over, with the array) as one query whose condition
 * is theirs joined by OR; binds them all. */
struct store_query *store_query_any(struct store_query **, size_t);
/* A query's FTS5 expression (NULL: no words), and its words read from a
 * temp table of their rowids instead (NULL: matched in place again); an
 * "any" query's subqueries, and its condition made again from theirs. */
const char *store_query_match(const struct store_query *);
/* The end of its range of days (posts before it; 0: none; NULL too). */
int64_t store_query_until(const struct store_query *);
void store_query_use_table(struct store_query *, const char *);
size_t store_query_nsubs(const struct store_query *);
struct store_query *store_query_sub(struct store_query *, size_t);
void store_query_any_update(struct store_query *);

/* store_hide.c: posts hidden by muted sources and hide rules.  The
 * filter as the store uses it, hide rules added (*local may be flt);
 * their conditions for store_where; the counts without them. */
const struct store_filter *store_hide_filter(
    struct store *, const struct store_filter *, struct store_filter *local);
void store_hide_where(struct buf *, const struct store_filter *);
/* Is any source muted?  (1 too when it cannot tell.) */
int store_any_muted(struct store *);
int store_hide_feed_counts(
    struct store *, struct store_feed *, size_t, char **cause);
int store_hide_counts(
    struct store *, int64_t *unread, int64_t *total, char **cause);

/* store_undo.c: the hook store_mark and store_mark_all_as call before
 * they change anything: records what they change in a batch of marks
 * (what names the batch when it is their own). */
int store_undo_hook(struct store *, const char *what, char **cause);
extern const char *const store_undo_what[];
/* A mute (store_mute, in its transaction): a batch of its own, or part
 * of the one begun. */
int store_undo_muted(struct store *, const char *source, char **cause);
extern const char *const store_undo_what_all[];

/* store_enclosure.c: write an entry's enclosures (replace: drop those it
 * had first), inside the caller's transaction. */
struct parsed_entry;
int store_enclosures_put(struct store *, int64_t entry,
    const struct parsed_entry *, int replace, char **cause);

/* The search text of an entry's body (the one function for it), NULL
 * for none; the caller frees it.  store_fts_put: (re)write entry rowid's
 * search row (text NULL: worked out from e), inside the caller's
 * transaction. */
char *store_body_text(const struct parsed_entry *);
int store_fts_put(struct store *, int64_t rowid, const struct parsed_entry *,
    const char *text, int replace, char **cause);

/* store_article.c: the search text of entry's whole article into *text
 * (NULL: none kept; the caller frees it). */
int store_article_text(
    struct store *, int64_t entry, char **text, char **cause);

/* store_discover.c: a subscription never fetched yet whose URL is a
 * page naming a feed moves to that feed (unless it is subscribed). */
int store_feed_follow_page(
    struct store *, int64_t feed, const char *url, char **cause);

#endif
