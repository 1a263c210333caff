/*
 * store_discover: what the store does with a feed found on a page
 * (discover.c): a subscription that has never been fetched -- an OPML's
 * xmlUrl or an --offline add that turned out to be a blog's page -- moves
 * to the feed the page names, due at once; one that has been fetched
 * keeps its URL (only a permanent redirect moves it).  SQL only.
 */
#include "store_int.h"

#include "store.h"

int
store_feed_follow_page(
    struct store *st, int64_t feed, const char *url, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st,
	    "UPDATE feeds SET url = ?2, next_fetch = 0, etag = NULL,"
	    " last_modified = NULL WHERE id = ?1 AND last_success IS NULL"
	    " AND NOT EXISTS (SELECT 1 FROM feeds WHERE url = ?2)",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, feed);
	store_bind_text(s, 2, url);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_err(st, cause, "follow a page");
}
