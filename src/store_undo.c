/*
 * store_undo: the last batches of marks, kept in the store so that
 * `orrery undo` and the reader's U take one back whatever made it and
 * whichever process it was.  A batch is one store_mark or
 * store_mark_all_as call (store_undo_hook, called by both before they
 * change anything), or everything between store_undo_begin and
 * store_undo_end (mark with several ids), or one mute.  What a batch
 * changes is recorded by a TEMP trigger on this connection only, so the
 * marks of other connections are not part of it, and undoing puts back
 * only the posts still as the batch left them.  It never prints.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_int.h"
#include "util.h"

/* Batches kept; older ones are forgotten. */
#define STORE_UNDO_KEEP "20"

const char *const store_undo_what[] = {
	[STORE_MARK_READ] = "mark read",
	[STORE_MARK_UNREAD] = "mark unread",
	[STORE_MARK_STAR] = "star",
	[STORE_MARK_UNSTAR] = "unstar",
};

const char *const store_undo_what_all[] = {
	[STORE_MARK_READ] = "mark all read",
	[STORE_MARK_UNREAD] = "mark all unread",
	[STORE_MARK_STAR] = "star all",
	[STORE_MARK_UNSTAR] = "unstar all",
};

/*
 * The recording: undo_now holds the batch marks go to (no row: none),
 * and a change of read or starred adds the post's old and new value to
 * it, the first old value and the last new one.
 */
static int
store_undo_ready(struct store *st, char **cause)
{
	if (st->undo_ready)
		return 0;
	if (store_exec(st,
		"CREATE TEMP TABLE IF NOT EXISTS undo_now(batch INTEGER);"
		"CREATE TEMP TRIGGER IF NOT EXISTS undo_read AFTER UPDATE OF"
		" read ON main.entries WHEN OLD.read != NEW.read BEGIN"
		" INSERT INTO undo_marks(batch, entry, field, old, new)"
		" SELECT batch, NEW.id, 0, OLD.read, NEW.read FROM undo_now"
		" WHERE true ON CONFLICT(batch, entry, field) DO UPDATE SET"
		" new = excluded.new; END;"
		"CREATE TEMP TRIGGER IF NOT EXISTS undo_starred AFTER UPDATE OF"
		" starred ON main.entries WHEN OLD.starred != NEW.starred BEGIN"
		" INSERT INTO undo_marks(batch, entry, field, old, new)"
		" SELECT batch, NEW.id, 1, OLD.starred, NEW.starred FROM"
		" undo_now WHERE true ON CONFLICT(batch, entry, field) DO"
		" UPDATE SET new = excluded.new; END;",
		cause) != 0)
		return -1;
	st->undo_ready = 1;
	return 0;
}

/* Stop recording; the batch goes when nothing came of it. */
static void
store_undo_close(struct store *st)
{
	sqlite3_stmt *s;

	if (!st->undo_ready)
		return;
	store_exec(st, "DELETE FROM undo_now", NULL);
	if (st->undo_last == 0)
		return;
	s = store_prepare(st,
	    "DELETE FROM undo_batches WHERE id = ?1 AND muted IS NULL AND"
	    " NOT EXISTS (SELECT 1 FROM undo_marks WHERE batch = ?1)",
	    NULL);
	if (s != NULL) {
		sqlite3_bind_int64(s, 1, st->undo_last);
		sqlite3_step(s);
		sqlite3_finalize(s);
	}
	st->undo_last = 0;
}

/* Keep the newest batches that did something; older ones go. */
static int
store_undo_trim(struct store *st, char **cause)
{
	return store_exec(st,
	    "DELETE FROM undo_batches WHERE id < (SELECT min(id) FROM"
	    " (SELECT id FROM undo_batches b WHERE b.muted IS NOT NULL OR"
	    " EXISTS (SELECT 1 FROM undo_marks m WHERE m.batch = b.id)"
	    " ORDER BY id DESC LIMIT " STORE_UNDO_KEEP "));"
	    "DELETE FROM undo_marks WHERE batch NOT IN"
	    " (SELECT id FROM undo_batches);",
	    cause);
}

/* A new batch, recording from now on; the oldest go past the limit. */
static int
store_undo_new(
    struct store *st, const char *what, const char *muted, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	store_undo_close(st);
	s = store_prepare(st,
	    "INSERT INTO undo_batches(what, made, muted) VALUES (?, ?, ?)",
	    cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, what);
	sqlite3_bind_int64(s, 2, (int64_t)time(NULL));
	store_bind_text(s, 3, muted);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_err(st, cause, "undo");
	st->undo_last = sqlite3_last_insert_rowid(st->db);
	s = store_prepare(st, "INSERT INTO undo_now(batch) VALUES (?)", cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, st->undo_last);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_err(st, cause, "undo");
	return store_undo_trim(st, cause);
}

int
store_undo_hook(struct store *st, const char *what, char **cause)
{
	if (st->undo_open)
		return 0;
	if (store_undo_ready(st, cause) != 0)
		return -1;
	return store_undo_new(st, what, NULL, cause);
}

int
store_undo_begin(struct store *st, const char *what, char **cause)
{
	char *verb;

	/* A store that cannot be written: say so of the marks ("mark"), not
	 * of the undo batch they would have made. */
	if (sqlite3_db_readonly(st->db, "main") == 1) {
		verb = xstrndup(what, strcspn(what, " "));
		store_readonly_err(st, cause, verb);
		free(verb);
		return -1;
	}
	if (store_undo_ready(st, cause) != 0 ||
	    store_undo_new(st, what, NULL, cause) != 0)
		return -1;
	st->undo_open = 1;
	return 0;
}

void
store_undo_end(struct store *st)
{
	store_undo_close(st);
	st->undo_open = 0;
}

int
store_undo_muted(struct store *st, const char *source, char **cause)
{
	sqlite3_stmt *s;
	char *what;
	int rc;

	if (!st->undo_open) {
		if (store_undo_ready(st, cause) != 0)
			return -1;
		what = xasprintf("mute %s", source);
		rc = store_undo_new(st, what, source, cause);
		free(what);
		store_undo_close(st);
		return rc;
	}
	s = store_prepare(
	    st, "UPDATE undo_batches SET muted = ? WHERE id = ?", cause);
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, source);
	sqlite3_bind_int64(s, 2, st->undo_last);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "undo");
}

/*
 * Put field (0 read, 1 starred) back on the posts batch left as it did:
 * on the copy shown of each, whose triggers (store.c) give it to the
 * post's other copies, so that *n counts posts.
 */
static int
store_undo_field(struct store *st, int64_t batch, int field, int64_t *n)
{
	static const char *const sql[] = {
		"UPDATE entries SET read = u.old FROM undo_marks u"
		" WHERE u.batch = ?1 AND u.field = 0 AND u.old != u.new AND"
		" entries.id = u.entry AND entries.read = u.new"
		" AND entries.dup = 0",
		"UPDATE entries SET starred = u.old FROM undo_marks u"
		" WHERE u.batch = ?1 AND u.field = 1 AND u.old != u.new AND"
		" entries.id = u.entry AND entries.starred = u.new"
		" AND entries.dup = 0",
	};
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, sql[field], NULL);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, batch);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return -1;
	*n += sqlite3_changes(st->db);
	return 0;
}

/* The newest batch: 0 and its row, 1 none, -1 error. */
static int
store_undo_newest(struct store *st, int64_t *id, struct store_undone *u,
    int *empty, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st,
	    "SELECT id, what, muted, NOT EXISTS (SELECT 1 FROM undo_marks m"
	    " WHERE m.batch = b.id) FROM undo_batches b ORDER BY id DESC"
	    " LIMIT 1",
	    cause);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		u->what = store_col_text(s, 1);
		u->muted = store_col_text(s, 2);
		*empty = sqlite3_column_int(s, 3) && u->muted == NULL;
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : store_err(st, cause, "undo");
}

/* Undo batch id: its marks, its mute, and then the batch itself. */
static int
store_undo_batch(struct store *st, int64_t id, struct store_undone *u)
{
	sqlite3_stmt *s;
	int rc;

	if (store_undo_field(st, id, 0, &u->marks) != 0 ||
	    store_undo_field(st, id, 1, &u->marks) != 0)
		return -1;
	if (u->muted != NULL) {
		s = store_prepare(
		    st, "DELETE FROM mutes WHERE source = ?", NULL);
		if (s == NULL)
			return -1;
		store_bind_text(s, 1, u->muted);
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return -1;
	}
	s = store_prepare(st, "DELETE FROM undo_marks WHERE batch = ?1;", NULL);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return -1;
	s = store_prepare(st, "DELETE FROM undo_batches WHERE id = ?1", NULL);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_undo(struct store *st, struct store_undone *u, char **cause)
{
	int64_t id = 0;
	int r, empty = 0;

	memset(u, 0, sizeof *u);
	store_undo_end(st);
	if (store_exec(st, "BEGIN IMMEDIATE", cause) != 0)
		return -1;
	/* The batch being made when the last was kept is one too many. */
	r = store_undo_trim(st, cause);
	for (; r == 0;) {
		store_undone_clear(u);
		r = store_undo_newest(st, &id, u, &empty, cause);
		if (r != 0)
			break;
		if (store_undo_batch(st, id, u) != 0) {
			r = store_err(st, cause, "undo");
			break;
		}
		/* A batch that changed nothing is no step back. */
		if (!empty)
			break;
	}
	if (r < 0 || store_exec(st, "COMMIT", cause) != 0) {
		store_exec(st, "ROLLBACK", NULL);
		store_undone_clear(u);
		return -1;
	}
	if (r == 1)
		store_undone_clear(u);
	return r;
}

void
store_undone_clear(struct store_undone *u)
{
	free(u->what);
	free(u->muted);
	memset(u, 0, sizeof *u);
}
