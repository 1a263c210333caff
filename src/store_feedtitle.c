/*
 * store_feedtitle: what a subscription list says of a feed itself -- its
 * own title (orrery's exported OPML names it apart from the name the user
 * chose) and its site -- so that an import gives back a title the next
 * fetch may change rather than a name pinned for good.  Writes only
 * feeds.title and feeds.site_link, and only where no fetch has set them.
 */
#include "store_int.h"

int
store_feed_title_init(struct store *st, int64_t id, const char *title,
    const char *site, char **cause)
{
	sqlite3_stmt *s;
	int rc;

	if (title == NULL && site == NULL)
		return 0;
	s = store_prepare(st,
	    "UPDATE feeds SET title = coalesce(title, ?2),"
	    " site_link = coalesce(site_link, ?3) WHERE id = ?1",
	    cause);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, title);
	store_bind_text(s, 3, site);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_err(st, cause, "set a feed's title");
	return 0;
}
