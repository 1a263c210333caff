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

#include "parse.h"
#include "store.h"

/* Prepared once per connection, by index. */
enum store_stmt {
	ST_ENTRY_BY_GUID,
	ST_ENTRY_BY_LINK,
	ST_ENTRY_INSERT,
	ST_ENTRY_UPDATE,
	ST_FTS_DELETE,
	ST_FTS_INSERT,
	ST_PRUNED,
	ST_COUNT
};

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
/* Rows selected with STORE_FEED_COLS / STORE_ENTRY_COLS. */
void store_feed_from_row(sqlite3_stmt *, struct store_feed *);
void store_entry_from_row(sqlite3_stmt *, struct store_entry *);

/* Entry listings' WHERE (store.c): every listing and count goes through
 * it, so that a filter means the same everywhere; and its bindings. */
struct buf;
struct store_filter;
void store_where(struct buf *, const struct store_filter *);
void store_bind_filter(sqlite3_stmt *, const struct store_filter *);

/* store_enclosure.c: write an entry's enclosures (replace: drop those it
 * had first), inside the caller's transaction. */
struct parsed_entry;
int store_enclosures_put(struct store *, int64_t entry,
    const struct parsed_entry *, int replace, char **cause);

/* store_discover.c: a subscription never fetched yet whose URL is a
 * page naming a feed moves to that feed (unless it is subscribed). */
int store_feed_follow_page(
    struct store *, int64_t feed, const char *url, char **cause);

#endif
