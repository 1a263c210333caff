/*
 * store: the SQLite store.  Every SQL statement lives in store.c, the only
 * file that includes sqlite3.h: schema and numbered migrations, feed and
 * entry upserts, the keyset queries behind the views, counts, FTS5 search,
 * retention.
 *
 * A struct store is one connection, opened without SQLite's own mutex
 * (SQLITE_OPEN_NOMUTEX): one thread at a time may use it, and nothing in
 * store.c locks, so a connection that threads share is serialized by its
 * owner.  The UI and each command open their own and keep it on their
 * thread; the fetching side has one, owned by fetch_pool, which its
 * workers and the curl thread share under the pool's store lock
 * (fetch_pool.h).  Strings returned in structs are owned by the struct
 * and freed by the matching _clear or _free function.
 */
#ifndef ORRERY_STORE_H
#define ORRERY_STORE_H

#include <stddef.h>
#include <stdint.h>

struct parsed_feed;
struct query;
struct store;
struct store_query;

/* No date: feeds and entries use this for absent times. */
#define STORE_NO_TIME INT64_MIN

struct store_feed {
	int64_t id;
	char *url;
	char *name;	 /* the user's name for it (add --name), or NULL */
	char *title;	 /* the feed's own title, or NULL */
	char *site_link; /* the feed's <link>, or NULL */
	char *category;	 /* folder path from OPML ("A/B"), or NULL */
	char *etag;	 /* validators for conditional requests */
	char *last_modified;
	int64_t added;
	int64_t last_attempt; /* STORE_NO_TIME when never */
	int64_t last_success;
	int64_t next_fetch; /* earliest next automatic fetch */
	long last_status;   /* HTTP status or 0 */
	char *last_error;   /* NULL when the last attempt succeeded */
	int disabled;	    /* 410 Gone, or by the user */
	int64_t unread;
	int64_t total;
};

struct store_entry {
	int64_t id;
	int64_t feed_id;
	char *guid;
	char *link;
	char *title;
	char *source; /* the entry's source, else the feed's name/title */
	char *author;
	int64_t published; /* STORE_NO_TIME when absent */
	int64_t updated;
	int64_t first_seen;
	int64_t time; /* what the views sort on: updated, published, seen */
	int read;
	int starred;
	/* Only filled by store_entry_get(..., 1): */
	char *summary;
	char *content;
	int summary_html;
	int content_html;
	struct store_enclosure *enclosures; /* in feed order */
	size_t nenclosures;
};

/* A podcast episode's audio and the like (store_enclosure.c). */
struct store_enclosure {
	int64_t entry_id;
	char *url;
	char *type;	  /* or NULL */
	long long length; /* bytes; -1: unknown */
	long duration;	  /* seconds; -1: unknown */
};

/* What the views and `orrery list` can ask for; zeroed = everything. */
struct store_filter {
	int unread;	    /* only unread */
	int starred;	    /* only starred */
	int64_t feed_id;    /* only this feed (0: all) */
	const char *source; /* only this source name (NULL: all) */
	int64_t since;	    /* only time >= since (0: no limit) */
	const char *match;  /* FTS5 query (NULL: none) */
	/* A compiled query's other conditions (store_query_filter sets it). */
	const struct store_query *query;
	/* 0: posts of muted sources and hide rules are left out; 1: only
	 * those posts are listed (orrery list --hidden). */
	int hidden;
	const struct store_query *hide; /* the store's own: leave NULL */
};

/*
 * A query (query.h) compiled for the store (store_query.c): its words as
 * one FTS5 expression, the rest as SQL conditions with bound values, its
 * dates worked out from now in local time or UTC.  The query is borrowed
 * for the call only.  store_query_free frees it (NULL is fine).
 */
struct store_query *store_query_new(const struct query *, int64_t now, int utc);
void store_query_free(struct store_query *);
/*
 * Add a compiled query to a filter: sets flt->query (borrowed: sq must
 * outlive the filter's use) and flt->match (any match the filter had is
 * replaced), and narrows unread, starred and since where the query says
 * so, which lets the store use its indexes.
 */
void store_query_filter(const struct store_query *, struct store_filter *);

/* The outcome of one fetch of one feed, as store_feed_update() records it. */
struct store_fetch {
	long status;	   /* HTTP status, 0 for none/file */
	const char *error; /* NULL on success */
	const char *etag;  /* new validators (NULL: keep) */
	const char *last_modified;
	int64_t next_fetch;  /* earliest next fetch, 0: now */
	const char *new_url; /* permanent redirect target */
	/* The URL answered with an HTML page naming this feed (discover.c):
	 * a subscription never fetched yet (an import's page URL) moves to
	 * it; others only report it in error. */
	const char *found_url;
	int disable;			/* 410 Gone */
	int not_modified;		/* 304: nothing to store */
	const struct parsed_feed *feed; /* parsed body, or NULL */
	char **texts; /* search text per entry (store_fetch_texts), or NULL */
	const char *note; /* on success, recorded as the feed's last_error
			     ("first 10,000 entries kept"), or NULL */
};

/*
 * Work out the search-index text of every entry of r->feed into r->texts
 * (markup stripped: the costly part of storing a feed).  Pure, so it can
 * run on any thread before store_feed_update, which otherwise does it
 * itself.  store_fetch_texts_free releases them.
 */
void store_fetch_texts(struct store_fetch *);
void store_fetch_texts_free(struct store_fetch *);

/*
 * The default path: $XDG_DATA_HOME/orrery/orrery.db, else
 * ~/.local/share/orrery/orrery.db.  The caller frees it; NULL when neither
 * variable is set.
 */
char *store_default_path(void);

/*
 * Open (and create, mode 0600, with missing parent directories) the store
 * at path and bring its schema up to date.  Returns NULL and sets *cause
 * on failure.
 */
struct store *store_open(const char *path, char **cause);
/*
 * store_open with a mode: STORE_CREATE is store_open; STORE_EXISTING
 * opens only a store that is there, creating no file and no directory
 * (the read-only commands), and sets *missing (may be NULL) when the
 * file does not exist.
 */
#define STORE_CREATE 0
#define STORE_EXISTING 1
struct store *store_open_mode(
    const char *path, int mode, int *missing, char **cause);
/*
 * store_open_mode, and when bringing the schema up to date turns out to be
 * long work (about a second's: an upgrade that rewrites every entry of a
 * large store), notice(entries) is called once, while it goes on, with the
 * number of entries the store holds: the caller says so (store.c never
 * prints).  notice may be NULL.
 */
struct store *store_open_notice(const char *path, int mode, int *missing,
    void (*notice)(int64_t), char **cause);
void store_close(struct store *);
/*
 * How long a statement waits for another connection's write lock before
 * it fails with "database is locked" (store_open sets 5 s; the reader
 * asks for less, so that a key never hangs on another program's lock).
 */
void store_busy_timeout(struct store *, int ms);

/* Feeds. */
int store_feed_add(struct store *, const char *url, const char *name,
    const char *category, int64_t *id, int *existed, char **cause);
int store_feed_remove(struct store *, int64_t id, char **cause);
/* Give feed id its own title and site link as an import found them,
 * where a fetch has not set them; NULL leaves one be (store_feedtitle.c). */
int store_feed_title_init(struct store *, int64_t id, const char *title,
    const char *site, char **cause);
/* Find by id (all digits), exact URL or the unambiguous name a feed is shown
 * under (its name, else its title); 0 found, -1 not found/error. */
int store_feed_find(
    struct store *, const char *, struct store_feed *, char **cause);
int store_feed_get(
    struct store *, int64_t id, struct store_feed *, char **cause);
/* All feeds, by name; the caller frees with store_feeds_free(). */
int store_feeds(struct store *, struct store_feed **, size_t *, char **cause);
/* The same, each feed's unread and total without its hidden posts (muted
 * sources, hide rules): the counts to show a user. */
int store_feeds_counted(
    struct store *, struct store_feed **, size_t *, char **cause);
void store_feed_clear(struct store_feed *);
void store_feeds_free(struct store_feed *, size_t);
int store_feed_count(struct store *, int64_t *);
/*
 * Record one fetch: validators, status, error, schedule, redirects and,
 * when a feed was parsed, its entries (new ones inserted, changed ones
 * updated without touching read/starred).  *nnew and *nupdated receive
 * the counts (either may be NULL).  On its own it is one transaction,
 * rolled back on error.  Inside one the caller opened with store_begin it
 * is a part of that transaction and nothing more: it neither commits nor
 * rolls back, and on error (-1) the transaction holds whatever was
 * written before the failure, so the caller must store_rollback it.
 */
int store_feed_update(struct store *, int64_t id, const struct store_fetch *,
    int64_t now, int *nnew, int *nupdated, char **cause);

/*
 * An explicit write transaction, to store several fetches at once: one
 * commit (index flush, WAL write, checkpoint) for them all.  Nothing
 * else may use the connection between store_begin and the commit or
 * rollback, so a connection shared under a lock stays locked all that
 * time (fetch_pool's storer holds its store lock for the whole batch).
 * store_begin (BEGIN IMMEDIATE) takes the write lock, waiting up to the
 * busy timeout; -1 and *cause when it cannot, and then no transaction is
 * open.  The search index rows of what store_feed_update puts in are
 * written by store_commit, all together (FTS5 writes out what it holds
 * whenever a statement opens a savepoint, and each entry insert does;
 * so the index gets one new segment for the batch, not one per feed):
 * the feeds and texts given to store_feed_update must stay alive until
 * store_commit or store_rollback returns.  store_commit makes it
 * durable; on -1 and *cause the transaction may still be open and the
 * caller must store_rollback.  store_rollback
 * undoes everything since store_begin and cannot fail (it does nothing
 * when SQLite has already rolled back after an error).
 */
int store_begin(struct store *, char **cause);
int store_commit(struct store *, char **cause);
void store_rollback(struct store *);

/* Entries.  Keyset pagination on (time, id), newest first. */
int store_entries_before(struct store *, const struct store_filter *,
    int64_t time, int64_t id, size_t limit, struct store_entry **, size_t *,
    char **cause);
int store_entries_after(struct store *, const struct store_filter *,
    int64_t time, int64_t id, size_t limit, struct store_entry **, size_t *,
    char **cause);
/* The newest matching entries (first page). */
int store_entries_first(struct store *, const struct store_filter *,
    size_t limit, struct store_entry **, size_t *, char **cause);
/* The oldest matching entries, oldest last (the last page). */
int store_entries_last(struct store *, const struct store_filter *,
    size_t limit, struct store_entry **, size_t *, char **cause);
int store_entry_get(
    struct store *, int64_t id, int bodies, struct store_entry *, char **cause);
void store_entry_clear(struct store_entry *);
void store_entries_free(struct store_entry *, size_t);

enum store_mark {
	STORE_MARK_READ,
	STORE_MARK_UNREAD,
	STORE_MARK_STAR,
	STORE_MARK_UNSTAR
};
/* 0 done, -1 error (an unknown id is an error). */
int store_mark(struct store *, int64_t id, enum store_mark, char **cause);

/*
 * Undo.  Every store_mark and store_mark_all_as call is a batch of its
 * own, unless it falls between store_undo_begin and store_undo_end (what
 * names the batch: "mark read"); a mute is one too.  The store keeps the
 * last 20 batches that changed something.  store_undo takes the newest
 * back: each post it changed that is still as it left it gets its old
 * state again (a post changed since keeps the later change), a source it
 * muted is unmuted.  Returns 0 with *u filled (store_undone_clear frees
 * it), 1 when there is nothing to undo, -1 and *cause on error.
 */
struct store_undone {
	char *what;    /* the batch's name */
	char *muted;   /* the source its mute muted, or NULL */
	int64_t marks; /* posts put back */
};
int store_undo_begin(struct store *, const char *what, char **cause);
void store_undo_end(struct store *);
int store_undo(struct store *, struct store_undone *, char **cause);
void store_undone_clear(struct store_undone *);

/*
 * Mute: the posts of a source (as entries name it, the Planet view's
 * heading) are hidden from every listing and count, like those of the
 * hide rules (store_hide_rules: queries, compiled with now and the time
 * zone; the connection keeps them), unless the filter asks for hidden
 * ones.  store_mute takes the name as posts have it or, when only one
 * matches, in another case: 0 muted, 1 already muted (*name, may be NULL,
 * gets the name), -1 and *cause (no posts from it).  store_unmute: 0,
 * or -1 when it is not muted.  store_mutes: the muted sources, sorted;
 * the caller frees each and the array.
 */
int store_hide_rules(struct store *, const char *const *rules, size_t n,
    int64_t now, int utc, char **cause);
int store_mute(struct store *, const char *source, char **name, char **cause);
int store_unmute(struct store *, const char *source, char **name, char **cause);
int store_mutes(struct store *, char ***, size_t *, char **cause);

/*
 * One post, many feeds (DESIGN §9): entries whose links are the same
 * after url_post_key are copies of one post.  Only one copy, the fullest,
 * is listed and counted (in the feed it came from), read and starred are
 * the post's (a mark on any copy marks them all, a copy that arrives
 * later takes them), and removing a feed shows another feed's copy.
 * store_entry_copies: every copy of entry id's post (id itself included;
 * just id when it has no link), the shown one first; the caller frees
 * with store_copies_free.
 */
struct store_copy {
	int64_t entry_id;
	int64_t feed_id;
	char *feed; /* the feed's name, else its title, else its URL */
	char *url;  /* the feed's URL */
	int shown;
};
int store_entry_copies(
    struct store *, int64_t id, struct store_copy **, size_t *, char **cause);
void store_copies_free(struct store_copy *, size_t);

/* Entries matching a filter (costs a scan of what matches). */
int store_entries_count(
    struct store *, const struct store_filter *, int64_t *, char **cause);
/*
 * What arrived since the reader last looked: of the entries matching the
 * filter and stored after entry after_id, the oldest in (time, id) order
 * into *t and *id.  1 found, 0 none, -1 error.  store_entries_max_id:
 * the newest entry's id (0 for none), to give it next time.
 */
int store_entries_first_new(struct store *, const struct store_filter *,
    int64_t after_id, int64_t *t, int64_t *id, char **cause);
int store_entries_max_id(struct store *, int64_t *, char **cause);

/*
 * Mark every unread entry matching the filter read, those no newer than
 * upto (0: all), in one statement; *changed (may be NULL) gets how many.
 */
int store_mark_all(struct store *, const struct store_filter *, int64_t upto,
    int64_t *changed, char **cause);
/* store_mark_all with any mark: every entry matching the filter that
 * the mark changes (unread ones for read, starred ones for unstar ...). */
int store_mark_all_as(struct store *, const struct store_filter *,
    enum store_mark, int64_t upto, int64_t *changed, char **cause);

/* The distinct source names entries have, sorted (one index seek each);
 * the caller frees each and the array. */
int store_sources(struct store *, char ***, size_t *, char **cause);
/* The source name what stands for, as stored (*name, the caller frees):
 * the same, else the one that differs only in case; else -1 with the
 * closest names in *cause (store_names.c). */
int store_source_find(
    struct store *, const char *what, char **name, char **cause);

/* Maintained counts: cheap at any size. */
int store_counts(struct store *, int64_t *unread, int64_t *total, char **cause);

/* Retention: delete read, unstarred entries older than keep_days. */
int store_prune(struct store *, long keep_days, int64_t now, int64_t *deleted,
    char **cause);
int store_vacuum(struct store *, char **cause);

/*
 * A number that changes whenever another connection (another process, or
 * the fetcher's) has committed to the store since the last call; the
 * connection's own writes leave it alone (store_live.c).
 */
int store_data_version(struct store *, int64_t *version, char **cause);

/* Small key/value settings kept in the store (e.g. first-start state). */
int store_meta_get(struct store *, const char *key, char **value, char **cause);
int store_meta_set(
    struct store *, const char *key, const char *value, char **cause);

/*
 * Switching from another reader: store the entries of pf (built by
 * parse_records) into feed id as new or merged entries, with read[i] and
 * starred[i] (may be NULL) added to what the store has: an entry read or
 * starred in either stays so.  Entries with gone[i] set (gone may be
 * NULL), deleted by the user in the other reader, are not stored, and a
 * feed that still lists them does not bring them back (as with keep-days);
 * one the store has already stays.  The feed's title and site link are
 * taken when it has none.  *nnew (may be NULL) gets how many entries were
 * new.
 */
int store_feed_import(struct store *, int64_t id, const struct parsed_feed *,
    const int *read, const int *starred, const int *gone, int64_t now,
    int *nnew, char **cause);

/* One feed of newsboat's cache.db, as store_newsboat_each hands it over:
 * valid only during the call. */
struct store_newsboat_feed {
	const char *url; /* rssurl: what newsboat subscribed to */
	const char *title;
	const char *link;
	const struct parse_record *items;
	const int *read;
	const int *flagged; /* had any newsboat flag */
	const int *deleted; /* deleted by the user in newsboat */
	size_t n;
};

/*
 * Read newsboat's cache.db at path (read-only, never changed) one feed at
 * a time, calling fn for each; fn returns 0 to go on, -1 to stop (its
 * error in *cause).  Returns 0, or -1 with *cause saying what is wrong
 * with the file.
 */
int store_newsboat_each(const char *path,
    int (*fn)(void *, const struct store_newsboat_feed *, char **), void *arg,
    char **cause);

/*
 * Enclosures of the entries a filter matches (as `list` takes it), newest
 * entry first, at most limit; the caller frees them with
 * store_enclosures_free().  store_entry_get(..., 1, ...) gives an entry's
 * own.
 */
int store_enclosures_list(struct store *, const struct store_filter *,
    size_t limit, struct store_enclosure **, size_t *, char **cause);
int store_enclosures_get(struct store *, int64_t entry,
    struct store_enclosure **, size_t *, char **cause);
void store_enclosures_free(struct store_enclosure *, size_t);

#endif /* ORRERY_STORE_H */
