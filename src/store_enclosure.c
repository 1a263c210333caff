/*
 * store_enclosure: an entry's enclosures (a podcast episode's audio, a
 * screencast's video) in the enclosures table: written with the entry
 * (store_enclosures_put, from store_put_entry), read with it
 * (store_enclosures_get, from store_entry_get) and listed across entries
 * for `orrery enclosures` through the same WHERE as every entry listing
 * (store_where).  SQL only; no formatting, nothing printed.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse.h"
#include "store.h"
#include "util.h"

int
store_enclosures_put(struct store *st, int64_t entry,
    const struct parsed_entry *e, int replace, char **cause)
{
	const struct parsed_enclosure *enc;
	sqlite3_stmt *s;
	size_t i;
	int rc;

	if (replace) {
		s = store_prepare(
		    st, "DELETE FROM enclosures WHERE entry_id = ?", cause);
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, entry);
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return store_err(st, cause, "delete enclosures");
	}
	if (e->nenclosures == 0)
		return 0;
	s = store_prepare(st,
	    "INSERT OR IGNORE INTO enclosures(entry_id, pos, url, type, length,"
	    " duration) VALUES (?, ?, ?, ?, ?, ?)",
	    cause);
	if (s == NULL)
		return -1;
	for (i = 0; i < e->nenclosures; i++) {
		enc = &e->enclosures[i];
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, entry);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		store_bind_text(s, 3, enc->url);
		store_bind_text(s, 4, enc->type);
		if (enc->length >= 0)
			sqlite3_bind_int64(s, 5, enc->length);
		else
			sqlite3_bind_null(s, 5);
		if (enc->duration >= 0)
			sqlite3_bind_int64(s, 6, enc->duration);
		else
			sqlite3_bind_null(s, 6);
		if (sqlite3_step(s) != SQLITE_DONE) {
			sqlite3_finalize(s);
			return store_err(st, cause, "insert enclosure");
		}
	}
	sqlite3_finalize(s);
	return 0;
}

static void
enclosure_from_row(sqlite3_stmt *s, struct store_enclosure *n)
{
	n->entry_id = sqlite3_column_int64(s, 0);
	n->url = store_col_text(s, 1);
	n->type = store_col_text(s, 2);
	n->length = sqlite3_column_type(s, 3) == SQLITE_NULL
	    ? -1
	    : sqlite3_column_int64(s, 3);
	n->duration = sqlite3_column_type(s, 4) == SQLITE_NULL
	    ? -1
	    : (long)sqlite3_column_int64(s, 4);
}

/* Step s to the end, collecting rows. */
static int
enclosures_collect(struct store *st, sqlite3_stmt *s,
    struct store_enclosure **list, size_t *n, char **cause)
{
	size_t size = 0;
	int rc;

	*list = NULL;
	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == size) {
			size = size == 0 ? 4 : size * 2;
			*list = xreallocarray(*list, size, sizeof **list);
		}
		enclosure_from_row(s, &(*list)[(*n)++]);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_enclosures_free(*list, *n);
		*list = NULL;
		*n = 0;
		return store_err(st, cause, "enclosures");
	}
	return 0;
}

int
store_enclosures_get(struct store *st, int64_t entry,
    struct store_enclosure **list, size_t *n, char **cause)
{
	sqlite3_stmt *s;

	s = store_prepare(st,
	    "SELECT entry_id, url, type, length, duration FROM enclosures"
	    " WHERE entry_id = ? ORDER BY pos",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, entry);
	return enclosures_collect(st, s, list, n, cause);
}

int
store_enclosures_list(struct store *st, const struct store_filter *flt,
    size_t limit, struct store_enclosure **list, size_t *n, char **cause)
{
	struct buf sql;
	sqlite3_stmt *s;
	char *q;

	buf_init(&sql, 0);
	buf_addstr(&sql,
	    "SELECT n.entry_id, n.url, n.type, n.length, n.duration"
	    " FROM enclosures n JOIN entries e ON e.id = n.entry_id WHERE 1");
	store_where(&sql, flt);
	buf_printf(
	    &sql, " ORDER BY e.time DESC, e.id DESC, n.pos LIMIT %zu", limit);
	q = buf_detach(&sql, NULL);
	s = store_prepare(st, q, cause);
	free(q);
	if (s == NULL)
		return -1;
	store_bind_filter(s, flt);
	return enclosures_collect(st, s, list, n, cause);
}

void
store_enclosures_free(struct store_enclosure *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].url);
		free(list[i].type);
	}
	free(list);
}
