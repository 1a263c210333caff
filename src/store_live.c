/*
 * store_live: noticing what other connections wrote.  SQLite's
 * data_version changes on a connection whenever another connection (in
 * this process or another) commits to the file, and never for the
 * connection's own writes; the reader polls it to reload after a cron
 * refresh, an `orrery remove` or its own fetcher.  Reads only a pragma:
 * must not write or hold a transaction open.
 */
#include "store_int.h"

int
store_data_version(struct store *st, int64_t *version, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, "PRAGMA data_version", cause);
	if (s == NULL)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*version = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return store_err(st, cause, "data_version");
	return 0;
}
