/*
 * view_empty: the texts of empty and failed states (view_empty.h).  Reads
 * the feeds through the UI's store connection and the key bindings
 * through ui_key_name; draws nothing itself (the views do, wrapped) and
 * cleans every feed text it quotes.
 */
#include "view_empty.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "store.h"
#include "util.h"
#include "view.h"

/* Failing feeds named one by one; the rest are counted. */
#define VIEW_EMPTY_FAILURES 3

static const char *
view_empty_name(const struct store_feed *f)
{
	if (f->name != NULL && *f->name != '\0')
		return f->name;
	if (f->title != NULL && *f->title != '\0')
		return f->title;
	return f->url;
}

/* "NAME: WHY" for feed f, cleaned, into b. */
static void
view_empty_failure(struct buf *b, const struct store_feed *f)
{
	char *name, *why;
	const char *n = view_empty_name(f);

	name = util_clean_text(n, strlen(n));
	why = util_clean_text(f->last_error, strlen(f->last_error));
	buf_printf(b, "%s: %s", name != NULL ? name : "?",
	    why != NULL ? why : "failed");
	free(name);
	free(why);
}

/* The feeds whose last fetch failed (only feed_id's when not 0); returns
 * how many. */
static size_t
view_empty_failures(struct ui *ui, struct buf *b, int64_t feed_id)
{
	struct store_feed *feeds;
	size_t n, i, shown = 0, failing = 0;
	char *cause = NULL, key[32];

	if (store_feeds(ui_store(ui), &feeds, &n, &cause) != 0) {
		free(cause);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (feeds[i].last_error == NULL ||
		    (feed_id != 0 && feeds[i].id != feed_id))
			continue;
		failing++;
		if (shown == VIEW_EMPTY_FAILURES)
			continue;
		if (shown++ == 0)
			buf_printf(b, "%s:\n",
			    failing == 1 && feed_id != 0
				? "The last fetch failed"
				: "These feeds failed");
		buf_printf(b, "  ");
		view_empty_failure(b, &feeds[i]);
		buf_printf(b, "\n");
	}
	if (failing > shown) {
		buf_printf(b, "  and %zu more", failing - shown);
		if (*ui_key_name(ui, KEYS_A_SOURCES, key, sizeof key) != '\0')
			buf_printf(
			    b, " (%s: the sources view lists them)", key);
		buf_printf(b, "\n");
	}
	store_feeds_free(feeds, n);
	return failing;
}

/* "  KEY  what it does" when action a has a key. */
static void
view_empty_way(
    struct ui *ui, struct buf *b, enum keys_action a, const char *what)
{
	char key[32];

	if (*ui_key_name(ui, a, key, sizeof key) == '\0')
		return;
	buf_printf(b, "  %s  %s\n", key, what);
}

char *
view_empty_text(struct ui *ui, const char *headline, int64_t feed_id)
{
	struct buf b;
	int64_t feeds = 0;
	char *s;

	buf_init(&b, 0);
	buf_printf(
	    &b, "%s\n\n", headline != NULL ? headline : "No entries yet.");
	if (feed_id >= 0 && view_empty_failures(ui, &b, feed_id) > 0)
		buf_printf(&b, "\n");
	store_feed_count(ui_store(ui), &feeds);
	buf_printf(&b, "What to do:\n");
	view_empty_way(
	    ui, &b, KEYS_A_ADD_FEED, "subscribe to a feed: its URL or a file");
	view_empty_way(ui, &b, KEYS_A_IMPORT,
	    "import an OPML file or URL (Planet Python's blogs: "
	    "https://planetpython.org/opml.xml)");
	if (feeds > 0) {
		view_empty_way(ui, &b, KEYS_A_REFRESH_ALL,
		    ui_offline(ui) ? "refresh (not while offline)"
				   : "fetch every feed again");
		view_empty_way(ui, &b, KEYS_A_SOURCES,
		    "the sources view: every feed and its last error");
	}
	if (!ui_offline(ui))
		buf_printf(&b, "  orrery --offline  start without fetching\n");
	else
		buf_printf(
		    &b, "  orrery  (without --offline) fetches on start\n");
	s = xstrdup(b.data != NULL ? b.data : "");
	buf_free(&b);
	return s;
}

char *
view_feed_error(struct ui *ui, int64_t feed_id)
{
	struct store_feed f;
	struct buf b;
	char *s;

	memset(&f, 0, sizeof f);
	if (feed_id == 0 ||
	    store_feed_get(ui_store(ui), feed_id, &f, NULL) != 0)
		return NULL;
	s = NULL;
	if (f.last_error != NULL) {
		buf_init(&b, 0);
		buf_printf(&b, "The last fetch failed: ");
		view_empty_failure(&b, &f);
		s = xstrdup(b.data);
		buf_free(&b);
	}
	store_feed_clear(&f);
	return s;
}
