/*
 * store_settings: the feed_settings table (store_settings.h).  SQL only;
 * the keys and values were checked by the caller (feed_settings.h).
 */
#include "store_settings.h"

#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

int
store_setting_set(struct store *st, int64_t feed, const char *key,
    const char *value, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st,
	    "INSERT INTO feed_settings(feed_id, key, value) VALUES (?, ?, ?)"
	    " ON CONFLICT(feed_id, key) DO UPDATE SET value = excluded.value",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed);
	store_bind_text(s, 2, key);
	store_bind_text(s, 3, value);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "feed setting");
}

int
store_setting_unset(
    struct store *st, int64_t feed, const char *key, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st,
	    "DELETE FROM feed_settings WHERE feed_id = ? AND key = ?", cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed);
	store_bind_text(s, 2, key);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "feed setting");
}

int
store_settings(struct store *st, int64_t feed, struct store_setting **list,
    size_t *n, char **cause)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	*list = NULL;
	*n = 0;
	s = store_prepare(st,
	    "SELECT feed_id, key, value FROM feed_settings"
	    " WHERE ?1 = 0 OR feed_id = ?1 ORDER BY feed_id, key",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc == 0 ? 8 : alloc * 2;
			*list = xreallocarray(*list, alloc, sizeof **list);
		}
		(*list)[*n].feed = sqlite3_column_int64(s, 0);
		(*list)[*n].key = store_col_text(s, 1);
		(*list)[(*n)++].value = store_col_text(s, 2);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 0;
	store_settings_free(*list, *n);
	*list = NULL;
	*n = 0;
	return store_err(st, cause, "feed settings");
}

void
store_settings_free(struct store_setting *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].key);
		free(list[i].value);
	}
	free(list);
}
