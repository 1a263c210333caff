/*
 * store_cjk: the SQL side of cjk.h.  orrery_cjk(text) is the text as the
 * search index takes it (each Han, Kana or Hangul character a word of
 * its own, cjk_split), used by every statement that writes the search
 * index's columns (ST_FTS_INSERT under store_fts_put, the dedup reindex)
 * and by the migration that applies it to the rows stored before;
 * orrery_cjk_has(text) finds them.  Registered on every connection
 * before the migrations.  It never prints.
 */
#include "store.h"

#include <stdlib.h>

#include "cjk.h"
#include "store_int.h"

static void
store_cjk_sql_split(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s;
	char *out;
	size_t len;

	if (argc != 1 || sqlite3_value_type(argv[0]) != SQLITE_TEXT) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	s = (const char *)sqlite3_value_text(argv[0]);
	out = s == NULL
	    ? NULL
	    : cjk_split(s, (size_t)sqlite3_value_bytes(argv[0]), &len);
	if (out == NULL) {
		sqlite3_result_value(ctx, argv[0]);
		return;
	}
	sqlite3_result_text64(ctx, out, len, free, SQLITE_UTF8);
}

static void
store_cjk_sql_has(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s;

	s = argc == 1 ? (const char *)sqlite3_value_text(argv[0]) : NULL;
	sqlite3_result_int(
	    ctx, s != NULL && cjk_has(s, (size_t)sqlite3_value_bytes(argv[0])));
}

int
store_cjk_register(struct store *st, char **cause)
{
	int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	if (sqlite3_create_function(st->db, "orrery_cjk", 1, flags, NULL,
		store_cjk_sql_split, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(st->db, "orrery_cjk_has", 1, flags, NULL,
		store_cjk_sql_has, NULL, NULL) != SQLITE_OK)
		return store_err(st, cause, "register orrery_cjk");
	return 0;
}
