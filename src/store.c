/*
 * store: every SQL statement of orrery.  Schema and numbered migrations
 * (PRAGMA user_version), feed bookkeeping, entry upserts that never touch
 * read/starred state, keyset-paginated queries on (time, id), counts kept
 * by triggers, FTS5 search, retention.
 *
 * With store_*.c (one subject each, sharing store_int.h), the only files
 * that include sqlite3.h.  It never prints, never calls
 * curses or curl, and holds no global state: one struct store is one
 * connection, used by one thread at a time (the fetching side's is
 * shared by the pool's threads under its store lock: fetch_pool.h).
 */
#include "store.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "buf.h"
#include "store_int.h"
#include "store_sync.h"
#include "html.h"
#include "parse.h"
#include "util.h"

/* The highest id ever deleted from table t (migration 7). */
#define STORE_HIGH(t) \
	"coalesce((SELECT CAST(value AS INTEGER) FROM meta" \
	" WHERE key = '" t "-high'), 0)"
/* The id for a new row of t: above every id it has and ever had. */
#define STORE_NEXT_ID(t) \
	"(max(coalesce((SELECT max(id) FROM " t "), 0), " STORE_HIGH(t) ") + 1)"

/*
 * Migrations: entry i brings user_version from i to i + 1.  Never edit a
 * released entry; append a new one.
 */
static const char *const store_migrations[] = {
	/* 1: the first schema. */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TABLE feeds("
	" id INTEGER PRIMARY KEY,"
	" url TEXT NOT NULL UNIQUE,"
	" name TEXT, title TEXT, site_link TEXT, category TEXT,"
	" etag TEXT, last_modified TEXT,"
	" added INTEGER NOT NULL,"
	" last_attempt INTEGER, last_success INTEGER,"
	" next_fetch INTEGER NOT NULL DEFAULT 0,"
	" last_status INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT,"
	" disabled INTEGER NOT NULL DEFAULT 0,"
	" unread INTEGER NOT NULL DEFAULT 0,"
	" total INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE entries("
	" id INTEGER PRIMARY KEY,"
	" feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	" guid TEXT NOT NULL,"
	" link TEXT, title TEXT, source TEXT, author TEXT,"
	" published INTEGER, updated INTEGER,"
	" first_seen INTEGER NOT NULL,"
	" time INTEGER NOT NULL,"
	" summary TEXT, content TEXT,"
	" summary_html INTEGER NOT NULL DEFAULT 1,"
	" content_html INTEGER NOT NULL DEFAULT 1,"
	" read INTEGER NOT NULL DEFAULT 0,"
	" starred INTEGER NOT NULL DEFAULT 0,"
	" UNIQUE(feed_id, guid));"
	"CREATE INDEX entries_time ON entries(time, id);"
	"CREATE INDEX entries_feed_time ON entries(feed_id, time, id);"
	"CREATE INDEX entries_source_time ON entries(source, time, id);"
	"CREATE INDEX entries_unread ON entries(time, id) WHERE read = 0;"
	"CREATE INDEX entries_starred ON entries(time, id) WHERE starred = 1;"
	"CREATE INDEX entries_feed_link ON entries(feed_id, link);"
	/* Entries pruned by keep-days, so a feed that still lists them
	 * does not bring them back as new. */
	"CREATE TABLE pruned(feed_id INTEGER NOT NULL"
	" REFERENCES feeds(id) ON DELETE CASCADE, guid TEXT NOT NULL,"
	" PRIMARY KEY(feed_id, guid)) WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE entries_fts USING fts5(title, source, author,"
	" body, tokenize = 'unicode61 remove_diacritics 2');"
	/* Counts are maintained, never recounted. */
	"CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN"
	" UPDATE feeds SET total = total + 1,"
	"  unread = unread + (NEW.read = 0) WHERE id = NEW.feed_id; END;"
	"CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN"
	" UPDATE feeds SET total = total - 1,"
	"  unread = unread - (OLD.read = 0) WHERE id = OLD.feed_id;"
	" DELETE FROM entries_fts WHERE rowid = OLD.id; END;"
	"CREATE TRIGGER entries_au_read AFTER UPDATE OF read ON entries"
	" WHEN OLD.read != NEW.read BEGIN"
	" UPDATE feeds SET unread = unread + (NEW.read = 0) - (OLD.read = 0)"
	"  WHERE id = NEW.feed_id; END;",
	/* 2: the search index starts merging a level at 8 segments, not 4:
	 * merging took a quarter of a refresh's storing, and searches (which
	 * stop early, in rowid order) do not notice the extra segments.  8
	 * stays under crisismerge (16), so merging stays incremental. */
	"INSERT INTO entries_fts(entries_fts, rank) VALUES('automerge', 8);",
	/* 3: muted sources (store_hide.c) and the last batches of marks,
	 * to undo them (store_undo.c). */
	"CREATE TABLE mutes(source TEXT PRIMARY KEY, added INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE undo_batches(id INTEGER PRIMARY KEY, what TEXT NOT NULL,"
	" made INTEGER NOT NULL, muted TEXT);"
	"CREATE TABLE undo_marks(batch INTEGER NOT NULL"
	" REFERENCES undo_batches(id) ON DELETE CASCADE,"
	" entry INTEGER NOT NULL, field INTEGER NOT NULL,"
	" old INTEGER NOT NULL, new INTEGER NOT NULL,"
	" PRIMARY KEY(batch, entry, field)) WITHOUT ROWID;",
	/* 4: sync (store_sync.c): the server's item id of an entry and
	 * stream id of a feed, and the marks waiting for the server. */
	"ALTER TABLE entries ADD COLUMN sync_id INTEGER;"
	"CREATE INDEX entries_sync_id ON entries(sync_id)"
	" WHERE sync_id IS NOT NULL;"
	"ALTER TABLE feeds ADD COLUMN sync_stream TEXT;"
	"CREATE TABLE sync_outbox(seq INTEGER PRIMARY KEY, item INTEGER,"
	" what INTEGER NOT NULL, stream TEXT, ts INTEGER);"
	"CREATE INDEX sync_outbox_item ON sync_outbox(item);",
	/* 5: one post, however many feeds carry it (store_dedup.c): the
	 * post key, the hidden copies (dup), copies through an aggregator
	 * (via); the copies already held are merged with the union of
	 * their read and starred state; marks reach every copy, counts
	 * count the shown copy, the shown copy's going shows another. */
	"ALTER TABLE entries ADD COLUMN link_key TEXT;"
	"ALTER TABLE entries ADD COLUMN dup INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE entries ADD COLUMN via INTEGER NOT NULL DEFAULT 0;"
	/* The one pass over every row: the rest works on the copies. */
	"UPDATE entries SET link_key = orrery_post_key(link), via = (source"
	" IS NOT (SELECT f.title FROM feeds f WHERE f.id = entries.feed_id));"
	"CREATE INDEX entries_link_key ON entries(link_key)"
	" WHERE link_key IS NOT NULL;"
	"DROP TRIGGER entries_ai; DROP TRIGGER entries_ad;"
	"DROP TRIGGER entries_au_read;"
	"CREATE TRIGGER entries_ai AFTER INSERT ON entries BEGIN"
	" UPDATE feeds SET total = total + (NEW.dup = 0), unread = unread"
	" + (NEW.read = 0 AND NEW.dup = 0) WHERE id = NEW.feed_id; END;"
	"CREATE TRIGGER entries_ad AFTER DELETE ON entries BEGIN"
	" UPDATE feeds SET total = total - (OLD.dup = 0), unread = unread"
	" - (OLD.read = 0 AND OLD.dup = 0) WHERE id = OLD.feed_id;"
	" DELETE FROM entries_fts WHERE rowid = OLD.id; " STORE_DEDUP_PROMOTE
	" END;"
	"CREATE TRIGGER entries_au_count AFTER UPDATE OF read, dup ON entries"
	" WHEN OLD.read != NEW.read OR OLD.dup != NEW.dup BEGIN"
	" UPDATE feeds SET total = total + (NEW.dup = 0) - (OLD.dup = 0),"
	" unread = unread + (NEW.read = 0 AND NEW.dup = 0)"
	" - (OLD.read = 0 AND OLD.dup = 0) WHERE id = NEW.feed_id; END;"
	"CREATE TRIGGER entries_au_key AFTER UPDATE OF link_key ON entries"
	" WHEN OLD.link_key IS NOT NEW.link_key BEGIN " STORE_DEDUP_PROMOTE
	" END;"
	"CREATE TRIGGER entries_au_read_copies AFTER UPDATE OF read ON entries"
	" WHEN NEW.link_key IS NOT NULL AND OLD.read != NEW.read BEGIN"
	" UPDATE entries SET read = NEW.read WHERE link_key = NEW.link_key"
	" AND read != NEW.read; END;"
	"CREATE TRIGGER entries_au_star_copies AFTER UPDATE OF starred"
	" ON entries WHEN NEW.link_key IS NOT NULL"
	" AND OLD.starred != NEW.starred BEGIN"
	" UPDATE entries SET starred = NEW.starred"
	" WHERE link_key = NEW.link_key AND starred != NEW.starred; END;"
	/* The posts held more than once (from the index alone), with the
	 * union of their copies' state; the triggers keep the feeds' counts
	 * as copies are marked and hidden. */
	"CREATE TEMP TABLE dedup_keys AS SELECT link_key AS k FROM entries"
	" WHERE link_key IS NOT NULL GROUP BY link_key HAVING count(*) > 1;"
	"UPDATE entries SET read = 1 WHERE read = 0 AND link_key IN (SELECT"
	" e.link_key FROM entries e WHERE e.link_key IN (SELECT k FROM"
	" dedup_keys) AND e.read = 1);"
	"UPDATE entries SET starred = 1 WHERE starred = 0 AND link_key IN"
	" (SELECT e.link_key FROM entries e WHERE e.link_key IN (SELECT k"
	" FROM dedup_keys) AND e.starred = 1);"
	"UPDATE entries SET dup = 1 WHERE link_key IN (SELECT k FROM"
	" dedup_keys) AND id != (SELECT x.id FROM entries x"
	" WHERE x.link_key = entries.link_key ORDER BY " STORE_DEDUP_RANK
	" LIMIT 1);"
	"UPDATE entries SET source = (SELECT h.source FROM entries h"
	" WHERE h.link_key = entries.link_key AND h.via = 1"
	" AND h.source IS NOT NULL ORDER BY h.id LIMIT 1)"
	" WHERE via = 0 AND link_key IN (SELECT k FROM dedup_keys) AND"
	" EXISTS (SELECT 1 FROM entries h WHERE h.link_key ="
	" entries.link_key AND h.via = 1 AND h.source IS NOT NULL);"
	"UPDATE entries_fts SET source = (SELECT e.source FROM entries e"
	" WHERE e.id = entries_fts.rowid) WHERE rowid IN (SELECT id FROM"
	" entries WHERE link_key IN (SELECT k FROM dedup_keys) AND via = 0);"
	"DROP TABLE temp.dedup_keys;"
	/* A FeedBurner post stored before knew no origLink: its feed is
	 * fetched whole next time (no 304), and the post merges then. */
	"UPDATE feeds SET etag = NULL, last_modified = NULL WHERE id IN"
	" (SELECT feed_id FROM entries WHERE (link_key >="
	" 'http://feedproxy.google.com/' AND link_key <"
	" 'http://feedproxy.google.com0') OR (link_key >="
	" 'http://feeds.feedburner.com/' AND link_key <"
	" 'http://feeds.feedburner.com0'));",
	/* 6: enclosures (podcast audio and the like), store_enclosure.c. */
	"CREATE TABLE enclosures("
	" entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,"
	" pos INTEGER NOT NULL,"
	" url TEXT NOT NULL, type TEXT, length INTEGER, duration INTEGER,"
	" PRIMARY KEY(entry_id, pos)) WITHOUT ROWID;",
	/* 7: feed and entry ids are never given again (undo batches, the
	 * sync outbox and people's scripts name them): the highest id ever
	 * deleted is kept in meta ('feeds-high', 'entries-high') and new
	 * rows are numbered above it (STORE_NEXT_ID).  No table rebuild:
	 * AUTOINCREMENT would copy every entry. */
	"INSERT OR REPLACE INTO meta(key, value) VALUES ('feeds-high',"
	" (SELECT coalesce(max(id), 0) FROM feeds)),"
	" ('entries-high', (SELECT coalesce(max(id), 0) FROM entries));"
	"CREATE TRIGGER feeds_ad_high AFTER DELETE ON feeds"
	" WHEN OLD.id > " STORE_HIGH(
	    "feeds") " BEGIN"
		     " UPDATE meta SET value = OLD.id WHERE key = 'feeds-high'; END;"
		     "CREATE TRIGGER entries_ad_high AFTER DELETE ON entries"
		     " WHEN OLD.id > " STORE_HIGH(
			 "entries") " BEGIN"
				    " UPDATE meta SET value = OLD.id WHERE key = 'entries-high'; END;",
	/* 8: whole articles fetched from the posts' pages, kept with their
	 * entry (store_article.c); text is the article's search text ... */
	"CREATE TABLE articles("
	" entry_id INTEGER PRIMARY KEY"
	" REFERENCES entries(id) ON DELETE CASCADE,"
	" url TEXT, html TEXT, text TEXT, fetched INTEGER NOT NULL,"
	" etag TEXT, last_modified TEXT, status INTEGER NOT NULL DEFAULT 0,"
	" error TEXT);"
	/* ... and per-feed settings (store_settings.c, feed_settings.h). */
	"CREATE TABLE feed_settings("
	" feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	" key TEXT NOT NULL, value TEXT NOT NULL,"
	" PRIMARY KEY(feed_id, key)) WITHOUT ROWID;",
	/* 9 (one of issue 16's): each CJK character a word of the search
	 * index (store_cjk.c):
	 * the rows indexed before, found through the index's own terms
	 * (a Hangul Jamo, U+1100, is the first such character) so that a
	 * store without them costs nothing. */
	"CREATE VIRTUAL TABLE temp.orrery_cjk_terms USING"
	" fts5vocab(main, 'entries_fts', 'instance');"
	"UPDATE entries_fts SET title = orrery_cjk(title),"
	" source = orrery_cjk(source), author = orrery_cjk(author),"
	" body = orrery_cjk(body) WHERE rowid IN (SELECT doc FROM"
	" temp.orrery_cjk_terms WHERE term >= char(4352)"
	" AND orrery_cjk_has(term));"
	"DROP TABLE temp.orrery_cjk_terms;"
	/* And -unread (read posts, newest first) without walking every
	 * unread one first, as entries_unread does for +unread. */
	"CREATE INDEX IF NOT EXISTS entries_read ON entries(time, id)"
	" WHERE read = 1;",
};

#define STORE_NMIGRATIONS (sizeof store_migrations / sizeof store_migrations[0])

static const char *const store_sql[ST_COUNT] = {
	[ST_ENTRY_BY_GUID] = "SELECT id, first_seen FROM entries"
			     " WHERE feed_id = ? AND guid = ?",
	[ST_ENTRY_BY_LINK] = "SELECT id, first_seen, guid FROM entries"
			     " WHERE feed_id = ? AND link = ? LIMIT 8",
	[ST_ENTRY_INSERT] =
	    "INSERT INTO entries(id, feed_id, guid, link, title, source,"
	    " author, published, updated, first_seen, time, summary, content,"
	    " summary_html, content_html, link_key, via)"
	    " VALUES (" STORE_NEXT_ID(
		"entries") ", ?1, ?2, ?3, ?4, ?5, ?6,"
			   " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
	/* Only a real change counts as an update. */
	/* Whether the entry changed, then its update: as one statement,
	 * SQLite would hold the old body and the new row at once.  Both
	 * take store_bind_entry's parameters (hence "?16 IS NULL", never
	 * true: via is a number). */
	[ST_ENTRY_CHANGED] =
	    "SELECT 1 FROM entries WHERE id = ?1 AND"
	    " (guid IS NOT ?2 OR link IS NOT ?3 OR title IS NOT ?4 OR"
	    " source IS NOT ?5 OR author IS NOT ?6 OR published IS NOT ?7 OR"
	    " updated IS NOT ?8 OR summary IS NOT ?11 OR content IS NOT ?12"
	    " OR link_key IS NOT ?15 OR ?16 IS NULL)",
	[ST_ENTRY_UPDATE] =
	    "UPDATE entries SET guid = ?2, link = ?3, title = ?4, source = ?5,"
	    " author = ?6, published = ?7, updated = ?8,"
	    " time = CASE WHEN ?7 IS NULL THEN time ELSE ?10 END,"
	    " summary = ?11, content = ?12, summary_html = ?13,"
	    " content_html = ?14, link_key = ?15, via = ?16 WHERE id = ?1",
	[ST_FTS_DELETE] = "DELETE FROM entries_fts WHERE rowid = ?",
	/* The source as stored: a merged post's heading (store_dedup.c)
	 * may not be the parsed one. */
	/* orrery_cjk: each CJK character a word (store_cjk.c). */
	[ST_FTS_INSERT] = "INSERT INTO entries_fts(rowid, title, source,"
			  " author, body) VALUES (?1, orrery_cjk(?2),"
			  " orrery_cjk(coalesce((SELECT source FROM entries"
			  " WHERE id = ?1), ?3)), orrery_cjk(?4),"
			  " orrery_cjk(?5))",
	[ST_PRUNED] = "SELECT 1 FROM pruned WHERE feed_id = ? AND guid = ?",
	[ST_DEDUP_HEADING] = STORE_DEDUP_SQL_HEADING,
	[ST_DEDUP_ALONE] = STORE_DEDUP_SQL_ALONE,
	[ST_DEDUP_STATE] = STORE_DEDUP_SQL_STATE,
	[ST_DEDUP_BEST] = STORE_DEDUP_SQL_BEST,
	[ST_DEDUP_SHOW] = STORE_DEDUP_SQL_SHOW,
	[ST_DEDUP_RENAME] = STORE_DEDUP_SQL_RENAME,
	[ST_DEDUP_REINDEX] = STORE_DEDUP_SQL_REINDEX,
};

int
store_readonly_err(struct store *st, char **cause, const char *what)
{
	return util_fail(cause,
	    "%s: %s: the store is read-only (its file or directory "
	    "cannot be written)",
	    st->path, what);
}

int
store_err(struct store *st, char **cause, const char *what)
{
	if ((sqlite3_errcode(st->db) & 0xff) == SQLITE_READONLY)
		return store_readonly_err(st, cause, what);
	return util_fail(
	    cause, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

int
store_exec(struct store *st, const char *sql, char **cause)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		util_fail(cause, "%s: %s", st->path,
		    msg != NULL ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

sqlite3_stmt *
store_prepare(struct store *st, const char *sql, char **cause)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_err(st, cause, "prepare");
		return NULL;
	}
	return s;
}

/* A cached statement, reset and ready to bind. */
sqlite3_stmt *
store_cached(struct store *st, enum store_stmt which, char **cause)
{
	sqlite3_stmt *s;

	s = st->stmt[which];
	if (s == NULL) {
		s = store_prepare(st, store_sql[which], cause);
		st->stmt[which] = s;
	} else {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
	return s;
}

/* Release every cached statement so no read transaction stays open. */
static void
store_reset_cached(struct store *st)
{
	size_t i;

	for (i = 0; i < ST_COUNT; i++)
		if (st->stmt[i] != NULL)
			sqlite3_reset(st->stmt[i]);
}

void
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/*
 * A body (a summary, a content, a search text) is bound without SQLite's
 * copy: a 16 MB post would otherwise be held three times over while it
 * is written.  v must live until the statement has been stepped; every
 * statement that takes one binds all its parameters before each step,
 * so the pointer left bound after it is never read.
 */
static void
store_bind_body(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

void
store_bind_time(sqlite3_stmt *s, int i, int64_t t)
{
	if (t == STORE_NO_TIME)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, t);
}

char *
store_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *v;

	v = sqlite3_column_text(s, i);
	return v != NULL ? xstrdup((const char *)v) : NULL;
}

int64_t
store_col_time(sqlite3_stmt *s, int i)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return STORE_NO_TIME;
	return sqlite3_column_int64(s, i);
}

char *
store_default_path(void)
{
	return util_xdg_path(
	    "XDG_DATA_HOME", ".local/share", "orrery/orrery.db");
}

/* mkdir -p for the parent directories of path, mode 0700. */
static int
store_mkdirs(const char *path, char **cause)
{
	char *dir, *p;

	dir = xstrdup(path);
	p = strrchr(dir, '/');
	if (p == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			util_fail(cause,
			    "%s: cannot create the store's directory: %s", dir,
			    strerror(errno));
			free(dir);
			return -1;
		}
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		util_fail(cause, "%s: cannot create the store's directory: %s",
		    dir, strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	return 0;
}

/*
 * The upgrade's notice: said once, when the migrations have run
 * STORE_NOTICE_STEPS progress calls of STORE_NOTICE_OPS virtual machine
 * instructions each: about a second's work (an upgrade that rewrites
 * every entry runs some 75 instructions per entry, and passes it from
 * some 70,000 entries on).  Counted in work, not time, so that it does
 * not depend on the machine's load.
 */
#define STORE_NOTICE_OPS 10000
#define STORE_NOTICE_STEPS 500

struct store_notice {
	void (*notice)(int64_t);
	int64_t entries;
	long steps;
};

static int
store_notice_step(void *arg)
{
	struct store_notice *n = arg;

	if (++n->steps == STORE_NOTICE_STEPS)
		n->notice(n->entries);
	return 0;
}

/* Watch the migrations' work for notice, with the count of entries. */
static void
store_notice_start(struct store *st, int version, struct store_notice *n)
{
	sqlite3_stmt *s;

	if (n->notice == NULL || version == 0)
		return;
	s = store_prepare(
	    st, "SELECT coalesce(sum(total), 0) FROM feeds", NULL);
	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		n->entries = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_progress_handler(
	    st->db, STORE_NOTICE_OPS, store_notice_step, n);
}

/* Migration i, in a transaction of its own. */
static int
store_migrate_one(struct store *st, size_t i, char **cause)
{
	char *sql;

	if (store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	sql = xasprintf(
	    "%s; PRAGMA user_version = %zu;", store_migrations[i], i + 1);
	if (store_exec(st, sql, cause) != 0) {
		free(sql);
		store_exec(st, "ROLLBACK", NULL);
		return -1;
	}
	free(sql);
	return store_exec(st, "COMMIT", cause);
}

static int
store_migrate(struct store *st, void (*notice)(int64_t), char **cause)
{
	struct store_notice n = { notice, 0, 0 };
	sqlite3_stmt *s;
	int version, rc = 0;
	size_t i;

	s = store_prepare(st, "PRAGMA user_version", cause);
	if (s == NULL)
		return -1;
	version = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	if (version > (int)STORE_NMIGRATIONS)
		return util_fail(cause,
		    "%s: made by a newer orrery (schema %d, this one knows "
		    "%zu; upgrade orrery)",
		    st->path, version, STORE_NMIGRATIONS);
	if (version < (int)STORE_NMIGRATIONS)
		store_notice_start(st, version, &n);
	for (i = (size_t)version; i < STORE_NMIGRATIONS && rc == 0; i++)
		rc = store_migrate_one(st, i, cause);
	sqlite3_progress_handler(st->db, 0, NULL, NULL);
	return rc;
}

static pthread_once_t store_once = PTHREAD_ONCE_INIT;

/*
 * Once per process, before the first connection: no memory statistics,
 * which SQLite otherwise keeps behind a global mutex taken on every
 * allocation by every connection.
 */
static void
store_global_init_once(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

void
store_global_init(void)
{
	pthread_once(&store_once, store_global_init_once);
}

/*
 * Create the file ourselves so that it is private from the start, but
 * only when it does not exist yet: closing any descriptor of a database
 * file drops the POSIX locks every connection of this process holds on
 * it (the fetcher opens its own connection while the main thread's is
 * open).  -1 when it was there (or cannot be made here, for SQLite to
 * say why), -2 with *cause on an error, else 0.
 */
static int
store_create_file(const char *path, char **cause)
{
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1 && errno != EEXIST && errno != EACCES && errno != EROFS) {
		util_fail(cause, "%s: cannot open the store: %s", path,
		    strerror(errno));
		return -2;
	}
	if (fd != -1)
		close(fd);
	return fd == -1 ? -1 : 0;
}

/*
 * Whether the existing store at path can only be read here: the file, or
 * its directory (where SQLite makes the -wal and -shm files of a
 * connection), cannot be written.
 */
static int
store_readonly_here(const char *path)
{
	char *dir, *slash;
	int ro;

	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	ro = access(path, W_OK) != 0 || access(dir, W_OK) != 0;
	free(dir);
	return ro;
}

/*
 * The name to open a read-only store by.  With no -wal file beside it
 * nothing can be writing it (a writer would have to make one, in a
 * directory it cannot write), so it opens as an immutable URI, which
 * needs no -shm file either; with one, by its path, to read the WAL too.
 */
static char *
store_readonly_name(const char *path, int *flags)
{
	struct buf b;
	struct stat sb;
	char *wal;
	const char *p;
	int has_wal;

	wal = xasprintf("%s-wal", path);
	has_wal = stat(wal, &sb) == 0;
	free(wal);
	*flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
	if (has_wal)
		return xstrdup(path);
	*flags |= SQLITE_OPEN_URI;
	buf_init(&b, 0);
	(void)buf_addstr(&b, "file:");
	for (p = path; *p != '\0'; p++) {
		if (isalnum((unsigned char)*p) || strchr("/._-~", *p) != NULL)
			(void)buf_addc(&b, *p);
		else
			(void)buf_printf(&b, "%%%02X", (unsigned char)*p);
	}
	(void)buf_addstr(&b, "?immutable=1");
	return buf_detach(&b, NULL);
}

/* A read-only store must be of this orrery's schema: it cannot migrate. */
static int
store_check_version(struct store *st, char **cause)
{
	sqlite3_stmt *s;
	int version;

	s = store_prepare(st, "PRAGMA user_version", cause);
	if (s == NULL)
		return -1;
	version = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	if (version == (int)STORE_NMIGRATIONS)
		return 0;
	return util_fail(cause,
	    "%s: the store is read-only and of %s orrery (schema %d, this "
	    "one knows %zu)",
	    st->path, version < (int)STORE_NMIGRATIONS ? "an older" : "a newer",
	    version, STORE_NMIGRATIONS);
}

struct store *
store_open(const char *path, char **cause)
{
	return store_open_mode(path, STORE_CREATE, NULL, cause);
}

struct store *
store_open_mode(const char *path, int mode, int *missing, char **cause)
{
	return store_open_notice(path, mode, missing, NULL, cause);
}

struct store *
store_open_notice(const char *path, int mode, int *missing,
    void (*notice)(int64_t), char **cause)
{
	struct store *st;
	struct stat sb;
	char *name = NULL;
	int rc, flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	if (missing != NULL)
		*missing = 0;
	if (mode == STORE_EXISTING) {
		/* Nothing is made: no directory, no file. */
		if (stat(path, &sb) != 0 && errno == ENOENT) {
			if (missing != NULL)
				*missing = 1;
			util_fail(cause, "%s: no store", path);
			return NULL;
		}
		/* Only read here: open it read-only, and work. */
		if (store_readonly_here(path))
			name = store_readonly_name(path, &flags);
	} else {
		flags |= SQLITE_OPEN_CREATE;
		if (store_mkdirs(path, cause) != 0)
			return NULL;
		if (store_create_file(path, cause) == -2)
			return NULL;
	}
	store_global_init();
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	rc = sqlite3_open_v2(name != NULL ? name : path, &st->db, flags, NULL);
	free(name);
	if (rc == SQLITE_OK && (flags & SQLITE_OPEN_READONLY) != 0) {
		sqlite3_extended_result_codes(st->db, 1);
		if (store_exec(st, "PRAGMA foreign_keys = ON", cause) != 0 ||
		    store_check_version(st, cause) != 0) {
			store_close(st);
			return NULL;
		}
		return st;
	}
	if (rc != SQLITE_OK) {
		if (st->db == NULL)
			util_fail(cause, "%s: cannot open the store", path);
		else
			store_err(st, cause, "cannot open the store");
		store_close(st);
		return NULL;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	if (store_exec(st,
		"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		" PRAGMA foreign_keys = ON;",
		cause) != 0 ||
	    store_dedup_register(st, cause) != 0 ||
	    store_cjk_register(st, cause) != 0 ||
	    store_migrate(st, notice, cause) != 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

void
store_busy_timeout(struct store *st, int ms)
{
	sqlite3_busy_timeout(st->db, ms);
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	store_query_free(st->hide);
	free(st->hide_index);
	sqlite3_close(st->db);
	free(st->fts);
	free(st->path);
	free(st);
}

/* ---- feeds --------------------------------------------------------- */

void
store_feed_from_row(sqlite3_stmt *s, struct store_feed *f)
{
	f->id = sqlite3_column_int64(s, 0);
	f->url = store_col_text(s, 1);
	f->name = store_col_text(s, 2);
	f->title = store_col_text(s, 3);
	f->site_link = store_col_text(s, 4);
	f->etag = store_col_text(s, 5);
	f->last_modified = store_col_text(s, 6);
	f->added = sqlite3_column_int64(s, 7);
	f->last_attempt = store_col_time(s, 8);
	f->last_success = store_col_time(s, 9);
	f->next_fetch = sqlite3_column_int64(s, 10);
	f->last_status = (long)sqlite3_column_int64(s, 11);
	f->last_error = store_col_text(s, 12);
	f->disabled = sqlite3_column_int(s, 13);
	f->unread = sqlite3_column_int64(s, 14);
	f->total = sqlite3_column_int64(s, 15);
	f->category = store_col_text(s, 16);
}

void
store_feed_clear(struct store_feed *f)
{
	free(f->url);
	free(f->name);
	free(f->title);
	free(f->site_link);
	free(f->etag);
	free(f->last_modified);
	free(f->last_error);
	free(f->category);
	memset(f, 0, sizeof *f);
}

void
store_feeds_free(struct store_feed *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_feed_clear(&list[i]);
	free(list);
}

int
store_feed_add(struct store *st, const char *url, const char *name,
    const char *category, int64_t *id, int *existed, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st,
	    "INSERT INTO feeds(id, url, name, category, added) VALUES (" STORE_NEXT_ID(
		"feeds") ", ?, ?, ?,"
			 " CAST(strftime('%s', 'now') AS INTEGER))"
			 " ON CONFLICT(url) DO NOTHING",
	    cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, url);
	store_bind_text(s, 2, name);
	store_bind_text(s, 3, category);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_err(st, cause, "add feed");
	if (existed != NULL)
		*existed = sqlite3_changes(st->db) == 0;
	s = store_prepare(st, "SELECT id FROM feeds WHERE url = ?", cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, url);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && id != NULL)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_err(st, cause, "add feed");
	return 0;
}

int
store_feed_remove(struct store *st, int64_t id, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, "DELETE FROM feeds WHERE id = ?", cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_err(st, cause, "remove feed");
	if (sqlite3_changes(st->db) == 0)
		return util_fail(cause, "no feed with id %lld", (long long)id);
	return 0;
}

int
store_feed_get(struct store *st, int64_t id, struct store_feed *f, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(
	    st, "SELECT " STORE_FEED_COLS " FROM feeds WHERE id = ?", cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_feed_from_row(s, f);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return util_fail(cause, "no feed with id %lld", (long long)id);
	return store_err(st, cause, "feed");
}

/* How many feeds are shown under this name (0 on error). */
static int64_t
store_feed_count_named(struct store *st, const char *name)
{
	sqlite3_stmt *s;
	int64_t n = 0;

	s = store_prepare(st,
	    "SELECT count(*) FROM feeds WHERE coalesce(name, title) = ?", NULL);
	if (s == NULL)
		return 0;
	store_bind_text(s, 1, name);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

int
store_feed_find(
    struct store *st, const char *what, struct store_feed *f, char **cause)
{
	sqlite3_stmt *s;
	long long id;
	int rc, found = 0;

	/* An id first; a feed may also be named with digits only. */
	if (util_parse_ll(what, &id) == 0) {
		if (store_feed_get(st, id, f, NULL) == 0)
			return 0;
		if (store_feed_count_named(st, what) == 0)
			return store_feed_get(st, id, f, cause);
	}
	/* The URL first; else the name the feed is shown under (the user's
	 * name, else the feed's title), which must be unambiguous. */
	s = store_prepare(st,
	    "SELECT " STORE_FEED_COLS " FROM feeds WHERE url = ?1"
	    " UNION ALL SELECT * FROM (SELECT " STORE_FEED_COLS " FROM feeds"
	    " WHERE coalesce(name, title) = ?1 AND NOT EXISTS"
	    " (SELECT 1 FROM feeds WHERE url = ?1) LIMIT 2)",
	    cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, what);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && found < 2)
		if (found++ == 0)
			store_feed_from_row(s, f);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		if (found > 0)
			store_feed_clear(f);
		return store_err(st, cause, "feed");
	}
	if (found == 1)
		return 0;
	if (found > 1) {
		store_feed_clear(f);
		return util_fail(cause,
		    "%s names more than one feed: give its id or URL "
		    "(orrery feeds)",
		    what);
	}
	/* A name in another case, else the closest names (store_names.c). */
	return store_feed_find_loose(st, what, f, cause);
}

int
store_feeds(struct store *st, struct store_feed **out, size_t *n, char **cause)
{
	sqlite3_stmt *s;
	struct store_feed *list = NULL;
	size_t count = 0, alloc = 0;
	int rc;

	s = store_prepare(st,
	    "SELECT " STORE_FEED_COLS " FROM feeds"
	    " ORDER BY lower(coalesce(name, title, url)), id",
	    cause);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == alloc) {
			alloc = alloc == 0 ? 32 : alloc * 2;
			list = xreallocarray(list, alloc, sizeof *list);
		}
		memset(&list[count], 0, sizeof list[count]);
		store_feed_from_row(s, &list[count++]);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_feeds_free(list, count);
		return store_err(st, cause, "feeds");
	}
	*out = list;
	*n = count;
	return 0;
}

int
store_feeds_counted(
    struct store *st, struct store_feed **out, size_t *n, char **cause)
{
	if (store_feeds(st, out, n, cause) != 0)
		return -1;
	if (store_hide_feed_counts(st, *out, *n, cause) != 0) {
		store_feeds_free(*out, *n);
		return -1;
	}
	return 0;
}

int
store_feed_count(struct store *st, int64_t *n)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, "SELECT count(*) FROM feeds", NULL);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* ---- storing a fetch ----------------------------------------------- */

/*
 * Search reads the first mebibyte of a body's text: a post is rarely a
 * tenth of it, and a 16 MB one would otherwise be held three times more
 * (its text, SQLite's copy, the index's) while it is stored.
 */
#define STORE_TEXT_MAX (1024 * 1024)

/* The text the search index holds for an entry's body. */
char *
store_body_text(const struct parsed_entry *e)
{
	const char *src;
	int html;
	char *text, *clean;
	size_t n;

	src = e->content != NULL ? e->content : e->summary;
	html = e->content != NULL ? e->content_html : e->summary_html;
	if (src == NULL)
		return NULL;
	n = strlen(src);
	if (html)
		text = html_to_text_max(src, n, STORE_TEXT_MAX);
	else
		text = xstrndup(src, util_utf8_cut(src, n, STORE_TEXT_MAX));
	clean = util_clean_text(text, strlen(text));
	free(text);
	return clean;
}

void
store_fetch_texts(struct store_fetch *r)
{
	size_t i;

	if (r->feed == NULL || r->texts != NULL || r->feed->nentries == 0)
		return;
	r->texts = xcalloc(r->feed->nentries, sizeof *r->texts);
	for (i = 0; i < r->feed->nentries; i++)
		r->texts[i] = store_body_text(&r->feed->entries[i]);
}

void
store_fetch_texts_free(struct store_fetch *r)
{
	size_t i;

	if (r->texts == NULL)
		return;
	for (i = 0; i < r->feed->nentries; i++)
		free(r->texts[i]);
	free(r->texts);
	r->texts = NULL;
}

/*
 * text: the body's search text, or NULL to work it out here.  An entry
 * put again keeps its whole article's text (store_article.c) after it.
 */
int
store_fts_put(struct store *st, int64_t rowid, const struct parsed_entry *e,
    const char *text, int replace, char **cause)
{
	sqlite3_stmt *s;
	char *body = NULL, *article = NULL, *both;
	int rc;

	if (replace && store_article_text(st, rowid, &article, cause) != 0)
		return -1;

	if (replace) {
		s = store_cached(st, ST_FTS_DELETE, cause);
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, rowid);
		if (sqlite3_step(s) != SQLITE_DONE)
			return store_err(st, cause, "search index");
	}
	s = store_cached(st, ST_FTS_INSERT, cause);
	if (s == NULL)
		return -1;
	if (text == NULL)
		text = body = store_body_text(e);
	if (article != NULL) {
		both = xasprintf("%s\n\n%s", text != NULL ? text : "", article);
		free(body);
		free(article);
		text = body = both;
	}
	sqlite3_bind_int64(s, 1, rowid);
	store_bind_text(s, 2, e->title);
	store_bind_text(s, 3, e->source);
	store_bind_text(s, 4, e->author);
	store_bind_body(s, 5, text);
	rc = sqlite3_step(s);
	free(body);
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "search index");
}

/*
 * The time the views sort on: when the post was published; without a
 * published date, its updated date when it was first stored, else when we
 * first saw it.  Posts stay where they were written: an updated bump (a
 * typo fixed, a static site re-deployed) never moves one, unlike on
 * planetpython.org (ST_ENTRY_UPDATE keeps the time but for a new
 * published date).  A date in the future (a wrong clock, a scheduled
 * post) is clamped to now so it cannot sit on top of the list for months.
 */
static int64_t
store_entry_time(const struct parsed_entry *e, int64_t first_seen, int64_t now)
{
	int64_t t;

	t = e->published != PARSE_NO_DATE ? e->published
	    : e->updated != PARSE_NO_DATE ? e->updated
					  : first_seen;
	return t > now ? now : t;
}

/* Is id among the entries of this fetch? */
static int
store_parsed_has(const struct parsed_feed *pf, const char *id)
{
	size_t i;

	for (i = 0; i < pf->nentries; i++)
		if (pf->entries[i].id != NULL &&
		    strcmp(pf->entries[i].id, id) == 0)
			return 1;
	return 0;
}

/*
 * Find the stored row for e: same id; or, when the feed changed the id
 * but kept the link, the row with that link whose old id this fetch no
 * longer lists.  Returns 1 found, 0 new, -1 error.
 */
static int
store_find_entry(struct store *st, int64_t feed, const struct parsed_feed *pf,
    const struct parsed_entry *e, int64_t *rowid, int64_t *first_seen,
    char **cause)
{
	sqlite3_stmt *s;
	int rc;
	const char *guid;

	s = store_cached(st, ST_ENTRY_BY_GUID, cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed);
	store_bind_text(s, 2, e->id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*rowid = sqlite3_column_int64(s, 0);
		*first_seen = sqlite3_column_int64(s, 1);
		return 1;
	}
	if (rc != SQLITE_DONE)
		return store_err(st, cause, "entry lookup");
	if (e->link == NULL)
		return 0;
	s = store_cached(st, ST_ENTRY_BY_LINK, cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed);
	store_bind_text(s, 2, e->link);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		guid = (const char *)sqlite3_column_text(s, 2);
		if (guid != NULL && !store_parsed_has(pf, guid)) {
			*rowid = sqlite3_column_int64(s, 0);
			*first_seen = sqlite3_column_int64(s, 1);
			return 1;
		}
	}
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "entry lookup");
}

/* What an entry is stored with besides the parsed fields: its post key,
 * whether it came through an aggregator, the source it is shown under. */
struct store_post {
	char *key;
	int via;
	const char *source;
	char *heading;
};

static void
store_bind_entry(sqlite3_stmt *s, int64_t first, const struct parsed_entry *e,
    const struct store_post *p, int64_t first_seen, int64_t now)
{
	sqlite3_bind_int64(s, 1, first);
	store_bind_text(s, 2, e->id);
	store_bind_text(s, 3, e->link);
	store_bind_text(s, 4, e->title);
	store_bind_text(s, 5, p->source);
	store_bind_text(s, 6, e->author);
	store_bind_time(
	    s, 7, e->published == PARSE_NO_DATE ? STORE_NO_TIME : e->published);
	store_bind_time(
	    s, 8, e->updated == PARSE_NO_DATE ? STORE_NO_TIME : e->updated);
	sqlite3_bind_int64(s, 9, first_seen);
	sqlite3_bind_int64(s, 10, store_entry_time(e, first_seen, now));
	store_bind_body(s, 11, e->summary);
	store_bind_body(s, 12, e->content);
	sqlite3_bind_int(s, 13, e->summary_html);
	sqlite3_bind_int(s, 14, e->content_html);
	store_bind_text(s, 15, p->key);
	sqlite3_bind_int(s, 16, p->via);
}

/*
 * The search rows of the entries put in go in last, all together: FTS5
 * writes out what it holds whenever a statement opens a savepoint, and
 * every entry insert does (its trigger makes it a multi-row write), so
 * indexing between them would make one index segment per entry.  They
 * wait here until store_fts_flush: at the end of the feed, or of the
 * store_begin batch.  e and text must live until then.
 */
static void
store_fts_queue(struct store *st, int64_t rowid, const struct parsed_entry *e,
    const char *text, int replace)
{
	if (st->nfts == st->afts) {
		st->afts = st->afts == 0 ? 256 : st->afts * 2;
		st->fts = xreallocarray(st->fts, st->afts, sizeof *st->fts);
	}
	st->fts[st->nfts].rowid = rowid;
	st->fts[st->nfts].e = e;
	st->fts[st->nfts].text = text;
	st->fts[st->nfts++].replace = replace;
}

static int
store_fts_flush(struct store *st, char **cause)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < st->nfts && rc == 0; i++)
		rc = store_fts_put(st, st->fts[i].rowid, st->fts[i].e,
		    st->fts[i].text, st->fts[i].replace, cause);
	st->nfts = 0;
	return rc;
}

/*
 * The post e is a copy of (store_dedup.c): its key; through an
 * aggregator when its source is not its feed's title; shown under the
 * aggregator's name for the post when it has come from one.
 */
static int
store_post_of(struct store *st, const struct parsed_feed *pf,
    const struct parsed_entry *e, struct store_post *p, char **cause)
{
	memset(p, 0, sizeof *p);
	p->source = e->source;
	p->key = store_dedup_key(e);
	p->via = e->source != NULL && pf->title != NULL &&
	    strcmp(e->source, pf->title) != 0;
	if (p->key == NULL || p->via)
		return 0;
	if (store_dedup_heading(st, p->key, &p->heading, cause) != 0)
		return -1;
	if (p->heading != NULL)
		p->source = p->heading;
	return 0;
}

static int
store_put_entry(struct store *st, int64_t feed, const struct parsed_feed *pf,
    const struct parsed_entry *e, int keep, int64_t now, int *nnew, int *nupd,
    const char *text, char **cause)
{
	sqlite3_stmt *s;
	struct store_post p;
	int64_t rowid = 0, first_seen = 0;
	int found, rc = -1;

	if (e->id == NULL)
		return 0;
	found = store_find_entry(st, feed, pf, e, &rowid, &first_seen, cause);
	if (found < 0)
		return -1;
	if (found && keep)
		return 0; /* what the store has wins (an import) */
	if (store_post_of(st, pf, e, &p, cause) != 0)
		goto out;
	if (found) {
		s = store_cached(st, ST_ENTRY_CHANGED, cause);
		if (s == NULL)
			goto out;
		store_bind_entry(s, rowid, e, &p, first_seen, now);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			rc = store_err(st, cause, "update entry");
			goto out;
		}
		if (rc == SQLITE_DONE) {
			rc = 0;
			goto out;
		}
		rc = -1;
		s = store_cached(st, ST_ENTRY_UPDATE, cause);
		if (s == NULL)
			goto out;
		store_bind_entry(s, rowid, e, &p, first_seen, now);
		if (sqlite3_step(s) != SQLITE_DONE) {
			store_err(st, cause, "update entry");
			goto out;
		}
		rc = 0;
		(*nupd)++;
		store_fts_queue(st, rowid, e, text, 1);
		rc = store_dedup_put(st, rowid, p.key, 0, cause);
		if (rc == 0)
			rc = store_enclosures_put(st, rowid, e, 1, cause);
		goto out;
	}
	s = store_cached(st, ST_PRUNED, cause);
	if (s == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, feed);
	store_bind_text(s, 2, e->id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		rc = 0;
		goto out;
	}
	s = store_cached(st, ST_ENTRY_INSERT, cause);
	if (s == NULL)
		goto out;
	store_bind_entry(s, feed, e, &p, now, now);
	if (sqlite3_step(s) != SQLITE_DONE) {
		store_err(st, cause, "insert entry");
		goto out;
	}
	(*nnew)++;
	rowid = sqlite3_last_insert_rowid(st->db);
	store_fts_queue(st, rowid, e, text, 0);
	rc = store_dedup_put(st, rowid, p.key, 1, cause);
	if (rc == 0)
		rc = store_enclosures_put(st, rowid, e, 0, cause);
out:
	free(p.key);
	free(p.heading);
	return rc;
}

static int
store_update_feed_row(struct store *st, int64_t id, const struct store_fetch *r,
    int64_t now, char **cause)
{
	sqlite3_stmt *s;
	const struct parsed_feed *pf = r->feed;
	int rc;

	s = store_prepare(st,
	    "UPDATE feeds SET last_attempt = ?2, last_status = ?3,"
	    " last_error = coalesce(?4, ?11), next_fetch = ?5,"
	    " last_success = CASE WHEN ?4 IS NULL THEN ?2 ELSE last_success END,"
	    " etag = coalesce(?6, etag),"
	    " last_modified = coalesce(?7, last_modified),"
	    " disabled = CASE WHEN ?4 IS NULL THEN 0 ELSE disabled OR ?8 END,"
	    " title = coalesce(?9, title), site_link = coalesce(?10, site_link)"
	    " WHERE id = ?1",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int64(s, 3, r->status);
	store_bind_text(s, 4, r->error);
	sqlite3_bind_int64(s, 5, r->next_fetch);
	store_bind_text(s, 6, r->etag);
	store_bind_text(s, 7, r->last_modified);
	sqlite3_bind_int(s, 8, r->disable != 0);
	store_bind_text(s, 9, pf != NULL ? pf->title : NULL);
	store_bind_text(s, 10, pf != NULL ? pf->link : NULL);
	store_bind_text(s, 11, r->error == NULL ? r->note : NULL);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_err(st, cause, "update feed");
	if (r->found_url != NULL &&
	    store_feed_follow_page(st, id, r->found_url, cause) != 0)
		return -1;
	if (r->new_url == NULL)
		return 0;
	/* A permanent redirect: follow it, unless another subscription
	 * already has that URL. */
	s = store_prepare(st,
	    "UPDATE feeds SET url = ?2 WHERE id = ?1 AND NOT EXISTS"
	    " (SELECT 1 FROM feeds WHERE url = ?2)",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, r->new_url);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "update feed URL");
}

/*
 * Put every entry of pf into feed id, inside the caller's transaction;
 * texts (may be NULL) are the search texts from store_fetch_texts,
 * entries with skip[i] set (skip may be NULL) are left out, and with keep
 * an entry the store has already is left as it is (an import).
 */
static int
store_put_entries(struct store *st, int64_t id, const struct parsed_feed *pf,
    char **texts, const int *skip, int keep, int64_t now, int *nnew,
    int *nupdated, char **cause)
{
	int n = 0, u = 0;
	size_t i, ne = pf != NULL ? pf->nentries : 0;

	for (i = 0; i < ne; i++)
		if ((skip == NULL || !skip[i]) &&
		    store_put_entry(st, id, pf, &pf->entries[i], keep, now, &n,
			&u, texts != NULL ? texts[i] : NULL, cause) != 0) {
			if (!st->batch)
				st->nfts = 0;
			return -1;
		}
	/* In a batch the search rows wait for its commit (one segment for
	 * all its feeds). */
	if (!st->batch && store_fts_flush(st, cause) != 0)
		return -1;
	if (nnew != NULL)
		*nnew = n;
	if (nupdated != NULL)
		*nupdated = u;
	return 0;
}

int
store_begin(struct store *st, char **cause)
{
	if (store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	st->batch = 1;
	st->nfts = 0;
	return 0;
}

int
store_commit(struct store *st, char **cause)
{
	int rc;

	rc = store_fts_flush(st, cause);
	st->batch = 0;
	store_reset_cached(st);
	return rc == 0 ? store_exec(st, "COMMIT", cause) : -1;
}

void
store_rollback(struct store *st)
{
	st->nfts = 0;
	st->batch = 0;
	store_reset_cached(st);
	/* Some errors (a full disk, say) have rolled back already. */
	if (!sqlite3_get_autocommit(st->db))
		store_exec(st, "ROLLBACK", NULL);
}

int
store_feed_update(struct store *st, int64_t id, const struct store_fetch *r,
    int64_t now, int *nnew, int *nupdated, char **cause)
{
	const struct parsed_feed *pf = NULL;
	int own;

	/*
	 * Inside the caller's transaction (store_begin) this is one part of
	 * it: no savepoint of its own, since FTS5 writes out its pending
	 * index data at every savepoint, and on error the caller rolls back.
	 */
	own = sqlite3_get_autocommit(st->db) != 0;
	if (own && store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	if (store_update_feed_row(st, id, r, now, cause) != 0)
		goto fail;
	if (r->feed != NULL && !r->not_modified && r->error == NULL)
		pf = r->feed;
	if (store_put_entries(
		st, id, pf, r->texts, NULL, 0, now, nnew, nupdated, cause) != 0)
		goto fail;
	store_reset_cached(st);
	if (own && store_exec(st, "COMMIT", cause) != 0)
		goto fail;
	return 0;
fail:
	store_reset_cached(st);
	if (own)
		store_exec(st, "ROLLBACK", NULL);
	return -1;
}

/*
 * Entries the user deleted in the other reader go where keep-days puts
 * pruned ones, so a feed that still lists them does not bring them back;
 * unless the store has them already, which stay as they are.
 */
static int
store_import_gone(struct store *st, int64_t id, const struct parsed_feed *pf,
    const int *gone, char **cause)
{
	sqlite3_stmt *s;
	size_t i;
	int rc = SQLITE_DONE;

	s = store_prepare(st,
	    "INSERT OR IGNORE INTO pruned(feed_id, guid) SELECT ?1, ?2"
	    " WHERE NOT EXISTS (SELECT 1 FROM entries"
	    " WHERE feed_id = ?1 AND guid = ?2)",
	    cause);
	if (s == NULL)
		return -1;
	for (i = 0; i < pf->nentries && rc == SQLITE_DONE; i++) {
		if (!gone[i] || pf->entries[i].id == NULL)
			continue;
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, pf->entries[i].id);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "pruned entry");
}

int
store_feed_import(struct store *st, int64_t id, const struct parsed_feed *pf,
    const int *read, const int *starred, const int *gone, int64_t now,
    int *nnew, char **cause)
{
	sqlite3_stmt *s = NULL;
	size_t i;
	int r, t, rc;

	if (store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	s = store_prepare(st,
	    "UPDATE feeds SET title = coalesce(title, ?2),"
	    " site_link = coalesce(site_link, ?3) WHERE id = ?1",
	    cause);
	if (s == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, pf->title);
	store_bind_text(s, 3, pf->link);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	s = NULL;
	if (rc != SQLITE_DONE) {
		store_err(st, cause, "update feed");
		goto fail;
	}
	if (store_put_entries(
		st, id, pf, NULL, gone, 1, now, nnew, NULL, cause) != 0)
		goto fail;
	if (gone != NULL && store_import_gone(st, id, pf, gone, cause) != 0)
		goto fail;
	s = store_prepare(st,
	    "UPDATE entries SET read = max(read, ?3),"
	    " starred = max(starred, ?4) WHERE feed_id = ?1 AND guid = ?2"
	    " AND (read < ?3 OR starred < ?4)",
	    cause);
	if (s == NULL)
		goto fail;
	for (i = 0; i < pf->nentries; i++) {
		r = read != NULL && read[i];
		t = starred != NULL && starred[i];
		if (pf->entries[i].id == NULL || (!r && !t) ||
		    (gone != NULL && gone[i]))
			continue;
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, pf->entries[i].id);
		sqlite3_bind_int(s, 3, r);
		sqlite3_bind_int(s, 4, t);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE) {
			store_err(st, cause, "mark entry");
			goto fail;
		}
	}
	sqlite3_finalize(s);
	s = NULL;
	store_reset_cached(st);
	if (store_exec(st, "COMMIT", cause) != 0)
		goto fail;
	return 0;
fail:
	sqlite3_finalize(s);
	store_reset_cached(st);
	store_exec(st, "ROLLBACK", NULL);
	return -1;
}

/* ---- entries ------------------------------------------------------- */

void
store_entry_from_row(sqlite3_stmt *s, struct store_entry *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(s, 0);
	e->feed_id = sqlite3_column_int64(s, 1);
	e->guid = store_col_text(s, 2);
	e->link = store_col_text(s, 3);
	e->title = store_col_text(s, 4);
	e->source = store_col_text(s, 5);
	e->author = store_col_text(s, 6);
	e->published = store_col_time(s, 7);
	e->updated = store_col_time(s, 8);
	e->first_seen = sqlite3_column_int64(s, 9);
	e->time = sqlite3_column_int64(s, 10);
	e->read = sqlite3_column_int(s, 11);
	e->starred = sqlite3_column_int(s, 12);
}

void
store_entry_clear(struct store_entry *e)
{
	free(e->guid);
	free(e->link);
	free(e->title);
	free(e->source);
	free(e->author);
	free(e->summary);
	free(e->content);
	store_enclosures_free(e->enclosures, e->nenclosures);
	memset(e, 0, sizeof *e);
}

void
store_entries_free(struct store_entry *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_entry_clear(&list[i]);
	free(list);
}

enum store_page {
	STORE_FIRST, /* newest */
	STORE_LAST,  /* oldest */
	STORE_OLDER, /* after the key in display order */
	STORE_NEWER  /* before the key in display order */
};

/* The conditions of a filter, appended to a "... WHERE 1" over entries e. */
void
store_where(struct buf *sql, const struct store_filter *flt)
{
	/* One post once: its other copies are hidden (store_dedup.c). */
	buf_addstr(sql, " AND e.dup = 0");
	if (flt->unread)
		buf_addstr(sql, " AND e.read = 0");
	if (flt->starred)
		buf_addstr(sql, " AND e.starred = 1");
	if (flt->feed_id != 0)
		buf_addstr(sql, " AND e.feed_id = :feed");
	if (flt->source != NULL)
		buf_addstr(sql, " AND e.source = :source");
	if (flt->since != 0)
		buf_addstr(sql, " AND e.time >= :since");
	if (flt->match != NULL)
		buf_addstr(sql,
		    " AND e.id IN (SELECT rowid FROM entries_fts"
		    " WHERE entries_fts MATCH :match)");
	if (store_query_sql(flt->query) != NULL)
		buf_addstr(sql, store_query_sql(flt->query));
	store_hide_where(sql, flt);
}

void
store_bind_filter(sqlite3_stmt *s, const struct store_filter *flt)
{
	int k;

	if ((k = sqlite3_bind_parameter_index(s, ":feed")) != 0)
		sqlite3_bind_int64(s, k, flt->feed_id);
	if ((k = sqlite3_bind_parameter_index(s, ":source")) != 0)
		store_bind_text(s, k, flt->source);
	if ((k = sqlite3_bind_parameter_index(s, ":since")) != 0)
		sqlite3_bind_int64(s, k, flt->since);
	if ((k = sqlite3_bind_parameter_index(s, ":match")) != 0)
		store_bind_text(s, k, flt->match);
	store_query_bind(s, flt->query);
	store_query_bind(s, flt->hide);
}

/*
 * One page of entries, always returned newest first.  The WHERE clause is
 * assembled from fixed fragments only; every value is bound.
 */
/*
 * Searching.  A search page is the first (or last, or next) `limit`
 * matches in time order, and three ways get there:
 *
 * "Stream" reads the matches from FTS5 in rowid order -- FTS5 walks its
 * doclists in that order and stops when asked to -- keeping the best
 * `limit` by time.  New entries get higher rowids, so the matches that
 * come first are nearly always the ones wanted, and it is known when to
 * stop: once the page is full and the worst entry on it beats the best
 * entry of all those with a rowid not yet reached (one walk down the
 * time index), no unread match can get onto the page.  When rowids do not
 * follow time (a bulk import) it reads on, to the end at worst, which is
 * what collecting costs anyway.
 *
 * "Probe" walks the time index from the keyset position and asks FTS5
 * about each of the next STORE_PROBE rows (a rowid lookup per term):
 * cheap when the words are common; a probe that does not fill the page
 * proves nothing.  It serves the page before a position (scrolling back
 * up), where streaming would start at the wrong end.
 *
 * "Collect" gets every matching rowid first, then the time order: the
 * fallback, and for pages larger than STORE_PROBE.
 *
 * A prefix (word*) costs FTS5 a merge of every doclist under it before
 * the first row, so prefixes are first expanded into the terms the index
 * holds (store_expand), which stream like words.
 */
#define STORE_PROBE 200
#define STORE_DRIVE 4000 /* posts few enough to probe each */
#define STORE_STR_(x) #x
#define STORE_STR(x) STORE_STR_(x)
#define STORE_EXPAND_MAX 64 /* terms a prefix may become */

static int store_page_sql(struct store *, const struct store_filter *, int64_t,
    enum store_page, int64_t, int64_t, size_t, struct store_entry **, size_t *,
    char **);
static int store_stream(struct store *, const struct store_filter *,
    enum store_page, int64_t, int64_t, size_t, struct store_entry **, size_t *,
    char **);
static char *store_expand(struct store *, const char *);

/* The keyset condition of a page older or newer than (:t, :id). */
static void
store_keyset_sql(struct buf *sql, enum store_page page)
{
	if (page == STORE_OLDER)
		buf_addstr(sql, " AND (e.time, e.id) < (:t, :id)");
	else if (page == STORE_NEWER)
		buf_addstr(sql, " AND (e.time, e.id) > (:t, :id)");
}

/* The keyset position, where the statement has it. */
static void
store_bind_keyset(sqlite3_stmt *s, int64_t t, int64_t id)
{
	int k;

	if ((k = sqlite3_bind_parameter_index(s, ":t")) != 0)
		sqlite3_bind_int64(s, k, t);
	if ((k = sqlite3_bind_parameter_index(s, ":id")) != 0)
		sqlite3_bind_int64(s, k, id);
}

/*
 * How many posts the filter's other conditions (all but the words) let
 * through from the keyset position on, counted up to cap: when they are
 * fewer, probing every one of them is the whole answer.  -1 on error.
 */
static int64_t
store_count_capped(struct store *st, const struct store_filter *flt,
    enum store_page page, int64_t t, int64_t id, int64_t cap)
{
	struct store_filter inner;
	struct buf sql;
	sqlite3_stmt *s;
	int64_t count = -1;

	inner = *flt;
	inner.match = NULL;
	buf_init(&sql, 0);
	buf_addstr(
	    &sql, "SELECT count(*) FROM (SELECT 1 FROM entries e WHERE 1");
	store_where(&sql, &inner);
	store_keyset_sql(&sql, page);
	buf_addstr(&sql, " LIMIT :cap)");
	s = store_prepare(st, sql.data, NULL);
	buf_free(&sql);
	if (s == NULL)
		return -1;
	store_bind_filter(s, &inner);
	store_bind_keyset(s, t, id);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, ":cap"), cap);
	if (sqlite3_step(s) == SQLITE_ROW)
		count = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return count;
}

/*
 * "Drive": walk the posts the other conditions allow in time order from
 * the keyset position and ask FTS5 about each (a rowid lookup), until
 * the page is full, they run out (*done = 1 either way) or budget
 * lookups are spent (*done = 0): for when they are few (store_page_as).
 */
static int
store_drive(struct store *st, const struct store_filter *flt,
    enum store_page page, int64_t t, int64_t id, size_t limit, size_t budget,
    struct store_entry **out, size_t *n, int *done, char **cause)
{
	struct store_filter inner;
	struct store_entry *list, tmp;
	struct buf sql;
	sqlite3_stmt *s, *m;
	size_t count = 0, i;
	int rc = SQLITE_DONE, mrc, asc;

	*out = NULL;
	*n = 0;
	asc = page == STORE_LAST || page == STORE_NEWER;
	inner = *flt;
	inner.match = NULL;
	buf_init(&sql, 0);
	buf_addstr(&sql, "SELECT " STORE_ENTRY_COLS " FROM entries e WHERE 1");
	store_where(&sql, &inner);
	store_keyset_sql(&sql, page);
	buf_addstr(&sql,
	    asc ? " ORDER BY e.time ASC, e.id ASC"
		: " ORDER BY e.time DESC, e.id DESC");
	s = store_prepare(st, sql.data, cause);
	buf_free(&sql);
	if (s == NULL)
		return -1;
	m = store_prepare(st,
	    "SELECT 1 FROM entries_fts WHERE entries_fts MATCH ?1"
	    " AND rowid = ?2",
	    cause);
	if (m == NULL) {
		sqlite3_finalize(s);
		return -1;
	}
	store_bind_filter(s, &inner);
	store_bind_keyset(s, t, id);
	store_bind_text(m, 1, flt->match);
	list = xcalloc(limit + 1, sizeof *list);
	*done = 1;
	while (count < limit && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (budget-- == 0) {
			*done = 0;
			break;
		}
		sqlite3_bind_int64(m, 2, sqlite3_column_int64(s, 0));
		mrc = sqlite3_step(m);
		sqlite3_reset(m);
		if (mrc == SQLITE_ROW)
			store_entry_from_row(s, &list[count++]);
		else if (mrc != SQLITE_DONE) {
			rc = mrc;
			break;
		}
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		util_fail(cause, "search: %s", sqlite3_errmsg(st->db));
		sqlite3_finalize(s);
		sqlite3_finalize(m);
		store_entries_free(list, count);
		return -1;
	}
	sqlite3_finalize(s);
	sqlite3_finalize(m);
	for (i = 0; asc && i < count / 2; i++) {
		tmp = list[i];
		list[i] = list[count - 1 - i];
		list[count - 1 - i] = tmp;
	}
	*out = list;
	*n = count;
	return 0;
}

/*
 * One search or list page with the filter as it is.  With words, the
 * cheaper plan for what is asked (the comment above says what each
 * costs): when other conditions (+starred, source:, a range of days ...)
 * allow fewer than STORE_DRIVE posts (a count that stops there), those
 * are driven (title:compiler +starred, however many titles say
 * compiler), as long as two lookups a row of the page fill it; else next
 * to a position the rows right there are probed, and the matches are
 * streamed.  A lookup costs FTS5 a seek per segment and term, a row
 * streamed far less: hence the budget.
 */
static int
store_page_as(struct store *st, const struct store_filter *flt,
    enum store_page page, int64_t t, int64_t id, size_t limit,
    struct store_entry **out, size_t *n, char **cause)
{
	int r, words, done;
	int64_t posts;

	/* Words and phrases (a prefix left as typed is collected). */
	words = flt->match != NULL && strchr(flt->match, '*') == NULL &&
	    limit <= STORE_PROBE;
	if (words &&
	    (flt->unread || flt->starred || flt->feed_id != 0 ||
		flt->source != NULL || flt->since != 0 || flt->hidden ||
		store_query_sql(flt->query) != NULL)) {
		posts = store_count_capped(st, flt, page, t, id, STORE_DRIVE);
		if (posts >= 0 && posts < STORE_DRIVE) {
			r = store_drive(st, flt, page, t, id, limit, 2 * limit,
			    out, n, &done, cause);
			if (r != 0 || done)
				return r;
			store_entries_free(*out, *n);
		}
	}
	if (words && page != STORE_FIRST && page != STORE_LAST) {
		/* Next to a position: the rows right there first. */
		r = store_page_sql(
		    st, flt, STORE_PROBE, page, t, id, limit, out, n, cause);
		if (r != 0 || *n == limit)
			return r;
		store_entries_free(*out, *n);
	}
	if (words && page != STORE_NEWER)
		return store_stream(st, flt, page, t, id, limit, out, n, cause);
	return store_page_sql(st, flt, 0, page, t, id, limit, out, n, cause);
}

static int
store_page(struct store *st, const struct store_filter *flt,
    enum store_page page, int64_t t, int64_t id, size_t limit,
    struct store_entry **out, size_t *n, char **cause)
{
	struct store_filter none, expanded;
	char *q;
	int r;

	if (flt == NULL) {
		memset(&none, 0, sizeof none);
		flt = &none;
	}
	flt = store_hide_filter(st, flt, &none);
	if (flt->match == NULL || strchr(flt->match, '*') == NULL ||
	    (q = store_expand(st, flt->match)) == NULL)
		return store_page_as(
		    st, flt, page, t, id, limit, out, n, cause);
	expanded = *flt;
	expanded.match = q;
	r = store_page_as(st, &expanded, page, t, id, limit, out, n, NULL);
	free(q);
	if (r == 0)
		return 0;
	/* Never worse than the query as typed, errors included. */
	return store_page_as(st, flt, page, t, id, limit, out, n, cause);
}

/* A key in time order: (time, id), compared as a pair. */
struct store_key {
	int64_t time;
	int64_t id;
};

static int
store_key_cmp(const struct store_key *a, const struct store_key *b)
{
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/*
 * The best entry (the newest when desc) of those with a rowid below x
 * (above it when !below), within the keyset position and the since
 * filter (the others are left out, which only makes the bound looser):
 * one walk along the time index, skipping the rows already read.  0 found, 1 none, -1 error.
 */
static int
store_stream_bound(struct store *st, int desc, int below, int cursor, int64_t t,
    int64_t id, int64_t since, int64_t until, int64_t x, struct store_key *best,
    char **cause)
{
	sqlite3_stmt *s;
	char sql[256];
	int rc;

	snprintf(sql, sizeof sql,
	    "SELECT time, id FROM entries WHERE id %s ?3%s%s%s"
	    " ORDER BY time %s, id %s LIMIT 1",
	    below ? "<" : ">", since != 0 ? " AND time >= ?4" : "",
	    until != 0 ? " AND time < ?5" : "",
	    !cursor    ? ""
		: desc ? " AND (time, id) < (?1, ?2)"
		       : " AND (time, id) > (?1, ?2)",
	    desc ? "DESC" : "ASC", desc ? "DESC" : "ASC");
	s = store_prepare(st, sql, cause);
	if (s == NULL)
		return -1;
	if (cursor) {
		sqlite3_bind_int64(s, 1, t);
		sqlite3_bind_int64(s, 2, id);
	}
	sqlite3_bind_int64(s, 3, x);
	if (since != 0)
		sqlite3_bind_int64(s, 4, since);
	if (until != 0)
		sqlite3_bind_int64(s, 5, until);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		best->time = sqlite3_column_int64(s, 0);
		best->id = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : store_err(st, cause, "search bound");
}

/*
 * Do rowids grow with time in this store?  They do in a store that has
 * been fetching for a while; a first fetch or an import stores each
 * feed newest first, and a store made only of those runs the other way.
 */
static int
store_rowids_follow_time(struct store *st)
{
	sqlite3_stmt *s;
	int64_t newest = 0, oldest = 0;

	s = store_prepare(st,
	    "SELECT (SELECT id FROM entries ORDER BY time DESC, id DESC"
	    " LIMIT 1), (SELECT id FROM entries ORDER BY time, id LIMIT 1)",
	    NULL);
	if (s == NULL)
		return 1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		newest = sqlite3_column_int64(s, 0);
		oldest = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return newest >= oldest;
}

/* Fetch the rows of the page's keys, newest first. */
static int
store_stream_rows(struct store *st, const struct store_key *keys, size_t k,
    int desc, struct store_entry **out, size_t *n, char **cause)
{
	sqlite3_stmt *s;
	struct store_entry *list;
	size_t i, j, got = 0;
	int rc;

	s = store_prepare(st,
	    "SELECT " STORE_ENTRY_COLS " FROM entries e WHERE e.id = ?", cause);
	if (s == NULL)
		return -1;
	list = xcalloc(k + 1, sizeof *list);
	for (i = 0; i < k; i++) {
		/* keys are best first: newest first when desc. */
		j = desc ? i : k - 1 - i;
		sqlite3_bind_int64(s, 1, keys[j].id);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			store_entry_from_row(s, &list[got++]);
		else if (rc != SQLITE_DONE) {
			/* (DONE: deleted by another process meanwhile.) */
			sqlite3_finalize(s);
			store_entries_free(list, got);
			return store_err(st, cause, "entries");
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	*out = list;
	*n = got;
	return 0;
}

static int
store_stream(struct store *st, const struct store_filter *flt,
    enum store_page page, int64_t t, int64_t id, size_t limit,
    struct store_entry **out, size_t *n, char **cause)
{
	struct store_filter inner;
	struct store_key *keys, key, bound = { 0, 0 };
	struct buf sql;
	sqlite3_stmt *s;
	size_t k = 0, i, seen = 0, check;
	int desc, cursor, below, rc, b;

	*out = NULL;
	*n = 0;
	if (limit == 0)
		return 0;
	desc = page == STORE_FIRST || page == STORE_OLDER;
	cursor = page == STORE_OLDER || page == STORE_NEWER;
	/* Read rowids from the end where the page's entries should be. */
	below = desc == store_rowids_follow_time(st);
	inner = *flt;
	inner.match = NULL;
	buf_init(&sql, 0);
	/*
	 * Every match comes back, with whether the filter takes it: the
	 * bound is checked after so many rows read, not taken (a range of
	 * days taking none of the rows read for long would never stop).
	 */
	buf_addstr(&sql, "SELECT e.time, e.id, (1");
	store_where(&sql, &inner);
	store_keyset_sql(&sql, page);
	buf_addstr(&sql,
	    ") FROM entries_fts f JOIN entries e ON e.id = f.rowid"
	    " WHERE f.entries_fts MATCH :match");
	buf_addstr(
	    &sql, below ? " ORDER BY f.rowid DESC" : " ORDER BY f.rowid");
	s = store_prepare(st, sql.data, cause);
	buf_free(&sql);
	if (s == NULL)
		return -1;
	store_bind_filter(s, flt);
	store_bind_keyset(s, t, id);
	/* keys: the best so far, best first ("best" = newest when desc). */
	keys = xcalloc(limit + 1, sizeof *keys);
	check = limit;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		key.time = sqlite3_column_int64(s, 0);
		key.id = sqlite3_column_int64(s, 1);
		seen++;
		/* Column 2: does the filter take it? */
		if (sqlite3_column_int(s, 2) &&
		    (k < limit ||
			(desc ? store_key_cmp(&key, &keys[k - 1]) > 0
			      : store_key_cmp(&key, &keys[k - 1]) < 0))) {
			i = k < limit ? k++ : k - 1;
			while (i > 0 &&
			    (desc ? store_key_cmp(&key, &keys[i - 1]) > 0
				  : store_key_cmp(&key, &keys[i - 1]) < 0)) {
				keys[i] = keys[i - 1];
				i--;
			}
			keys[i] = key;
		}
		if (k < limit || seen < check)
			continue;
		/* Full: can anything not yet read still get on? */
		check *= 2;
		b = store_stream_bound(st, desc, below, cursor, t, id,
		    flt->since, store_query_until(flt->query), key.id, &bound,
		    cause);
		if (b < 0) {
			rc = SQLITE_ERROR;
			break;
		}
		if (b == 1 ||
		    (desc ? store_key_cmp(&keys[k - 1], &bound) > 0
			  : store_key_cmp(&keys[k - 1], &bound) < 0)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE) {
		if (cause != NULL && *cause == NULL)
			util_fail(cause, "search: %s", sqlite3_errmsg(st->db));
		sqlite3_finalize(s);
		free(keys);
		return -1;
	}
	sqlite3_finalize(s);
	rc = store_stream_rows(st, keys, k, desc, out, n, cause);
	free(keys);
	return rc;
}

/* Is the word at w..w+n one of FTS5's operators AND, OR, NOT? */
static int
store_is_op(const char *w, size_t n)
{
	return (n == 3 &&
		   (strncmp(w, "AND", 3) == 0 || strncmp(w, "NOT", 3) == 0)) ||
	    (n == 2 && strncmp(w, "OR", 2) == 0);
}

/*
 * May a group stand at w (a prefix starting at w, ending before end)?
 * FTS5 joins neighbouring phrases with an implicit AND, which a
 * parenthesised group cannot take part in; an explicit AND says the same,
 * except where NOT is about (the implicit AND binds tighter than NOT, the
 * explicit one looser).  Returns -1 when it may not, else STORE_AND_BEFORE
 * and STORE_AND_AFTER for the ANDs to write around the group.
 */
#define STORE_AND_BEFORE 1
#define STORE_AND_AFTER 2

static int
store_group_fits(const char *q, const char *w, const char *end)
{
	const char *p = w, *e;
	int and = 0;

	while (p > q && p[-1] == ' ')
		p--;
	if (p > q && p[-1] != '(' && p[-1] != ':') {
		e = p;
		while (p > q && isalpha((unsigned char)p[-1]))
			p--;
		if (!store_is_op(p, (size_t)(e - p)) ||
		    (p > q && p[-1] != ' ' && p[-1] != ')'))
			and |= STORE_AND_BEFORE;
	}
	p = end;
	while (*p == ' ')
		p++;
	if (*p != '\0' && *p != ')') {
		e = p;
		while (isalpha((unsigned char)*e))
			e++;
		if (!store_is_op(p, (size_t)(e - p)) ||
		    (*e != ' ' && *e != '(' && *e != '"'))
			and |= STORE_AND_AFTER;
	}
	if (and != 0 && (strstr(q, "NOT") != NULL || strchr(q, '^') != NULL))
		return -1;
	return and;
}

/*
 * Expand each prefix term of an FTS5 query (a bare word followed by '*',
 * outside quotes, standing between operators) into the terms of the index
 * it stands for, as ("t1" OR "t2" ...).  NULL when there is nothing to expand or a prefix
 * stands for too many terms (or none: FTS5 then says "no match" itself),
 * and the query is used as it is.
 */
static char *
store_expand(struct store *st, const char *q)
{
	sqlite3_stmt *s = NULL;
	struct buf out;
	const char *p, *w, *term;
	char lo[256], hi[256];
	size_t len, i, nterms;
	int quoted = 0, done = 0, rc, and;

	/* NEAR() and '+' take phrases, which cannot hold an OR. */
	if (strstr(q, "NEAR") != NULL || strchr(q, '+') != NULL)
		return NULL;
	buf_init(&out, 0);
	if (sqlite3_exec(st->db,
		"CREATE VIRTUAL TABLE IF NOT EXISTS temp.entries_vocab USING"
		" fts5vocab(main, 'entries_fts', 'row')",
		NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	s = store_prepare(st,
	    "SELECT term FROM temp.entries_vocab WHERE term >= ?1 AND"
	    " term < ?2 LIMIT " STORE_STR(STORE_EXPAND_MAX + 1),
	    NULL);
	if (s == NULL)
		goto fail;
	for (p = q; *p != '\0';) {
		if (*p == '"') {
			quoted = !quoted;
			buf_addc(&out, *p++);
			continue;
		}
		w = p;
		while (!quoted && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		len = (size_t)(p - w);
		if (len == 0) {
			buf_addc(&out, *p++);
			continue;
		}
		if (*p != '*' || len >= sizeof lo - 1 ||
		    (w > q && (w[-1] == '^' || (unsigned char)w[-1] >= 0x80)) ||
		    (and = store_group_fits(q, w, p + 1)) < 0) {
			buf_add(&out, w, len);
			continue;
		}
		/* The index holds terms folded to lower case. */
		for (i = 0; i < len; i++)
			lo[i] = (char)util_lower((unsigned char)w[i]);
		lo[len] = '\0';
		memcpy(hi, lo, len + 1);
		hi[len - 1]++;
		sqlite3_bind_text(s, 1, lo, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, hi, -1, SQLITE_STATIC);
		buf_addstr(&out, and&STORE_AND_BEFORE ? " AND (" : "(");
		nterms = 0;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			term = (const char *)sqlite3_column_text(s, 0);
			if (nterms++ > 0)
				buf_addstr(&out, " OR ");
			buf_addc(&out, '"');
			for (; term != NULL && *term != '\0'; term++) {
				if (*term == '"')
					buf_addc(&out, '"');
				buf_addc(&out, *term);
			}
			buf_addc(&out, '"');
		}
		sqlite3_reset(s);
		if (rc != SQLITE_DONE || nterms == 0 ||
		    nterms > STORE_EXPAND_MAX)
			goto fail;
		buf_addstr(&out, and&STORE_AND_AFTER ? ") AND " : ")");
		p++; /* the '*' */
		done++;
	}
	sqlite3_finalize(s);
	if (done == 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out, NULL);
fail:
	sqlite3_finalize(s);
	buf_free(&out);
	return NULL;
}

static int
store_page_sql(struct store *st, const struct store_filter *flt, int64_t probe,
    enum store_page page, int64_t t, int64_t id, size_t limit,
    struct store_entry **out, size_t *n, char **cause)
{
	struct store_filter inner;
	struct buf sql;
	sqlite3_stmt *s;
	struct store_entry *list = NULL, tmp;
	size_t count = 0, alloc = 0, i;
	int rc, asc, k;
	const char *order;

	*out = NULL;
	*n = 0;
	asc = page == STORE_LAST || page == STORE_NEWER;
	order = asc ? " ORDER BY e.time ASC, e.id ASC"
		    : " ORDER BY e.time DESC, e.id DESC";
	inner = *flt;
	if (probe)
		inner.match = NULL;
	buf_init(&sql, 0);
	buf_addstr(&sql, "SELECT " STORE_ENTRY_COLS " FROM ");
	if (probe)
		buf_addstr(&sql,
		    "(SELECT " STORE_ENTRY_COLS " FROM entries e WHERE 1");
	else
		buf_addstr(&sql, "entries e WHERE 1");
	store_where(&sql, &inner);
	store_keyset_sql(&sql, page);
	if (probe) {
		buf_addstr(&sql, order);
		buf_addstr(&sql,
		    " LIMIT :probe) AS e WHERE EXISTS (SELECT 1 FROM"
		    " entries_fts f WHERE f.entries_fts MATCH :match"
		    " AND f.rowid = e.id)");
	}
	buf_addstr(&sql, order);
	buf_addstr(&sql, " LIMIT :limit");
	s = store_prepare(st, sql.data, cause);
	buf_free(&sql);
	if (s == NULL)
		return -1;
	store_bind_filter(s, flt);
	store_bind_keyset(s, t, id);
	if ((k = sqlite3_bind_parameter_index(s, ":probe")) != 0)
		sqlite3_bind_int64(s, k, probe);
	sqlite3_bind_int64(
	    s, sqlite3_bind_parameter_index(s, ":limit"), (sqlite3_int64)limit);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == alloc) {
			alloc = alloc == 0 ? 32 : alloc * 2;
			list = xreallocarray(list, alloc, sizeof *list);
		}
		store_entry_from_row(s, &list[count++]);
	}
	if (rc != SQLITE_DONE) {
		/* An FTS5 syntax error is the user's, say so plainly. */
		if (flt->match != NULL)
			util_fail(cause, "search: %s", sqlite3_errmsg(st->db));
		else
			store_err(st, cause, "entries");
		sqlite3_finalize(s);
		store_entries_free(list, count);
		return -1;
	}
	sqlite3_finalize(s);
	if (asc) {
		for (i = 0; i < count / 2; i++) {
			tmp = list[i];
			list[i] = list[count - 1 - i];
			list[count - 1 - i] = tmp;
		}
	}
	*out = list;
	*n = count;
	return 0;
}

int
store_entries_before(struct store *st, const struct store_filter *f, int64_t t,
    int64_t id, size_t limit, struct store_entry **out, size_t *n, char **cause)
{
	return store_page(st, f, STORE_NEWER, t, id, limit, out, n, cause);
}

int
store_entries_after(struct store *st, const struct store_filter *f, int64_t t,
    int64_t id, size_t limit, struct store_entry **out, size_t *n, char **cause)
{
	return store_page(st, f, STORE_OLDER, t, id, limit, out, n, cause);
}

int
store_entries_first(struct store *st, const struct store_filter *f,
    size_t limit, struct store_entry **out, size_t *n, char **cause)
{
	return store_page(st, f, STORE_FIRST, 0, 0, limit, out, n, cause);
}

int
store_entries_last(struct store *st, const struct store_filter *f, size_t limit,
    struct store_entry **out, size_t *n, char **cause)
{
	return store_page(st, f, STORE_LAST, 0, 0, limit, out, n, cause);
}

int
store_entry_get(struct store *st, int64_t id, int bodies, struct store_entry *e,
    char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st,
	    "SELECT " STORE_ENTRY_COLS ", e.summary, e.content,"
	    " e.summary_html, e.content_html FROM entries e WHERE e.id = ?",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		store_entry_from_row(s, e);
		if (bodies) {
			e->summary = store_col_text(s, 13);
			e->content = store_col_text(s, 14);
			e->summary_html = sqlite3_column_int(s, 15);
			e->content_html = sqlite3_column_int(s, 16);
		}
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW && bodies &&
	    store_enclosures_get(
		st, id, &e->enclosures, &e->nenclosures, cause) != 0) {
		store_entry_clear(e);
		return -1;
	}
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return util_fail(cause, "no entry with id %lld", (long long)id);
	return store_err(st, cause, "entry");
}

int
store_mark(struct store *st, int64_t id, enum store_mark m, char **cause)
{
	static const char *const sql[] = {
		[STORE_MARK_READ] = "UPDATE entries SET read = 1 WHERE id = ?",
		[STORE_MARK_UNREAD] =
		    "UPDATE entries SET read = 0 WHERE id = ?",
		[STORE_MARK_STAR] =
		    "UPDATE entries SET starred = 1 WHERE id = ?",
		[STORE_MARK_UNSTAR] =
		    "UPDATE entries SET starred = 0 WHERE id = ?",
	};
	sqlite3_stmt *s;
	int rc, own;

	if (sqlite3_db_readonly(st->db, "main") == 1)
		return store_readonly_err(st, cause, "mark");
	/* One transaction with what the hooks write. */
	own = sqlite3_get_autocommit(st->db) != 0;
	if (own && store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	if (store_undo_hook(st, store_undo_what[m], cause) != 0)
		goto fail;
	s = store_prepare(st, sql[m], cause);
	if (s == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_err(st, cause, "mark");
		goto fail;
	}
	if (sqlite3_changes(st->db) == 0) {
		/* No change can also mean it already had that state. */
		struct store_entry e;

		if (store_entry_get(st, id, 0, &e, cause) != 0)
			goto fail;
		store_entry_clear(&e);
	}
	if (store_sync_mark_hook(st, id, m, cause) != 0)
		goto fail;
	if (own && store_exec(st, "COMMIT", cause) != 0)
		goto fail;
	return 0;
fail:
	if (own && !sqlite3_get_autocommit(st->db))
		store_exec(st, "ROLLBACK", NULL);
	return -1;
}

int
store_entries_count(struct store *st, const struct store_filter *flt,
    int64_t *count, char **cause)
{
	struct store_filter none;
	struct buf sql;
	sqlite3_stmt *s;
	int rc;

	if (flt == NULL) {
		memset(&none, 0, sizeof none);
		flt = &none;
	}
	flt = store_hide_filter(st, flt, &none);
	buf_init(&sql, 0);
	buf_addstr(&sql, "SELECT count(*) FROM entries e WHERE 1");
	store_where(&sql, flt);
	s = store_prepare(st, sql.data, cause);
	buf_free(&sql);
	if (s == NULL)
		return -1;
	store_bind_filter(s, flt);
	rc = sqlite3_step(s);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW) {
		if (flt->match != NULL)
			return util_fail(
			    cause, "search: %s", sqlite3_errmsg(st->db));
		return store_err(st, cause, "count");
	}
	return 0;
}

int
store_entries_first_new(struct store *st, const struct store_filter *flt,
    int64_t after_id, int64_t *t, int64_t *id, char **cause)
{
	struct buf sql;
	sqlite3_stmt *s;
	int rc;

	/* The rowid range first (what arrived since: few rows), never a
	 * walk of the time index (+ keeps it off it). */
	buf_init(&sql, 0);
	buf_addstr(
	    &sql, "SELECT e.time, e.id FROM entries e WHERE e.id > :after");
	store_where(&sql, flt);
	buf_addstr(&sql, " ORDER BY +e.time, +e.id LIMIT 1");
	s = store_prepare(st, sql.data, cause);
	buf_free(&sql);
	if (s == NULL)
		return -1;
	store_bind_filter(s, flt);
	sqlite3_bind_int64(
	    s, sqlite3_bind_parameter_index(s, ":after"), after_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*t = sqlite3_column_int64(s, 0);
		*id = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "new entries");
}

int
store_entries_max_id(struct store *st, int64_t *id, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	*id = 0;
	s = store_prepare(
	    st, "SELECT coalesce(max(id), 0) FROM entries", cause);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_err(st, cause, "entries");
}

int
store_mark_all(struct store *st, const struct store_filter *flt, int64_t upto,
    int64_t *changed, char **cause)
{
	return store_mark_all_as(
	    st, flt, STORE_MARK_READ, upto, changed, cause);
}

int
store_mark_all_as(struct store *st, const struct store_filter *flt,
    enum store_mark m, int64_t upto, int64_t *changed, char **cause)
{
	static const char *const sql_of[] = {
		[STORE_MARK_READ] = "SET read = 1 WHERE e.read = 0",
		[STORE_MARK_UNREAD] = "SET read = 0 WHERE e.read = 1",
		[STORE_MARK_STAR] = "SET starred = 1 WHERE e.starred = 0",
		[STORE_MARK_UNSTAR] = "SET starred = 0 WHERE e.starred = 1",
	};
	struct store_filter none;
	struct buf sql;
	sqlite3_stmt *s;
	int rc, k, own;

	if (flt == NULL) {
		memset(&none, 0, sizeof none);
		flt = &none;
	}
	flt = store_hide_filter(st, flt, &none);
	if (sqlite3_db_readonly(st->db, "main") == 1)
		return store_readonly_err(st, cause, "mark");
	/* One transaction with what the hooks write. */
	own = sqlite3_get_autocommit(st->db) != 0;
	if (own && store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	if (store_undo_hook(st, store_undo_what_all[m], cause) != 0 ||
	    store_sync_mark_all_hook(st, flt, m, upto, cause) != 0)
		goto fail;
	buf_init(&sql, 0);
	buf_addstr(&sql, "UPDATE entries AS e ");
	buf_addstr(&sql, sql_of[m]);
	store_where(&sql, flt);
	if (upto != 0)
		buf_addstr(&sql, " AND e.time <= :upto");
	s = store_prepare(st, sql.data, cause);
	buf_free(&sql);
	if (s == NULL)
		goto fail;
	store_bind_filter(s, flt);
	if ((k = sqlite3_bind_parameter_index(s, ":upto")) != 0)
		sqlite3_bind_int64(s, k, upto);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_err(st, cause, "mark");
		goto fail;
	}
	if (changed != NULL)
		*changed = sqlite3_changes(st->db);
	if (own && store_exec(st, "COMMIT", cause) != 0)
		goto fail;
	return 0;
fail:
	if (own && !sqlite3_get_autocommit(st->db))
		store_exec(st, "ROLLBACK", NULL);
	return -1;
}

int
store_sources(struct store *st, char ***out, size_t *n, char **cause)
{
	sqlite3_stmt *s;
	char **list = NULL;
	size_t count = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	/* A skip-scan down entries_source_time: one seek per source. */
	s = store_prepare(st,
	    "WITH RECURSIVE s(x) AS (SELECT min(source) FROM entries"
	    " UNION ALL SELECT (SELECT min(source) FROM entries"
	    " WHERE source > s.x) FROM s WHERE s.x IS NOT NULL)"
	    " SELECT x FROM s WHERE x IS NOT NULL",
	    cause);
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == alloc) {
			alloc = alloc == 0 ? 64 : alloc * 2;
			list = xreallocarray(list, alloc, sizeof *list);
		}
		list[count++] =
		    xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		while (count > 0)
			free(list[--count]);
		free(list);
		return store_err(st, cause, "sources");
	}
	*out = list;
	*n = count;
	return 0;
}

int
store_counts(struct store *st, int64_t *unread, int64_t *total, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st,
	    "SELECT coalesce(sum(unread), 0), coalesce(sum(total), 0)"
	    " FROM feeds",
	    cause);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (unread != NULL)
			*unread = sqlite3_column_int64(s, 0);
		if (total != NULL)
			*total = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_err(st, cause, "counts");
	/* Hidden posts do not count. */
	return store_hide_counts(st, unread, total, cause);
}

int
store_prune(struct store *st, long keep_days, int64_t now, int64_t *deleted,
    char **cause)
{
	sqlite3_stmt *s;
	int rc;

	if (deleted != NULL)
		*deleted = 0;
	if (keep_days <= 0)
		return 0;
	if (store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	s = store_prepare(st,
	    "INSERT OR IGNORE INTO pruned(feed_id, guid) SELECT feed_id, guid"
	    " FROM entries WHERE read = 1 AND starred = 0 AND time < ?",
	    cause);
	if (s == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, now - (int64_t)keep_days * 86400);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_err(st, cause, "prune");
		goto fail;
	}
	s = store_prepare(st,
	    "DELETE FROM entries WHERE read = 1 AND starred = 0 AND time < ?",
	    cause);
	if (s == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, now - (int64_t)keep_days * 86400);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_err(st, cause, "prune");
		goto fail;
	}
	if (deleted != NULL)
		*deleted = sqlite3_changes(st->db);
	return store_exec(st, "COMMIT", cause);
fail:
	store_exec(st, "ROLLBACK", NULL);
	return -1;
}

int
store_vacuum(struct store *st, char **cause)
{
	return store_exec(st,
	    "INSERT INTO entries_fts(entries_fts) VALUES ('optimize');"
	    " VACUUM; PRAGMA wal_checkpoint(TRUNCATE);",
	    cause);
}

int
store_meta_get(struct store *st, const char *key, char **value, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	*value = NULL;
	s = store_prepare(st, "SELECT value FROM meta WHERE key = ?", cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*value = store_col_text(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	    ? 0
	    : store_err(st, cause, "meta");
}

int
store_meta_set(
    struct store *st, const char *key, const char *value, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st,
	    "INSERT INTO meta(key, value) VALUES (?, ?)"
	    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	    cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, key);
	store_bind_text(s, 2, value);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "meta");
}
