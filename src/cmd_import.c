/*
 * cmd_import: subscriptions in and out -- import (an OPML or newsboat urls
 * file, a URL, or newsboat's whole state with --from-newsboat) and export
 * (OPML 2.0).  The newsboat reconciliation lives here: which cached feeds
 * to carry over, which guids newsboat made up, what to count.  opml.c
 * reads and writes the files, store.c reads newsboat's cache and writes
 * orrery's; nothing here parses options (cmd.c does).
 */
#include "cmd.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "date.h"
#include "fetch.h"
#include "opml.h"
#include "parse.h"
#include "store.h"
#include "sync.h"
#include "util.h"

static int cmd_import(struct cmd_ctx *, const struct cmd_args *);
static int cmd_export(struct cmd_ctx *, const struct cmd_args *);

static const struct option import_options[] = {
	{ "from-newsboat", no_argument, NULL, 'N' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/*
 * Words: what follows --from-newsboat, or stands in place of a file, is
 * the command's to judge ("-x" is neither a directory nor a file here).
 */
const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "FILE|URL|- | --from-newsboat [DIR]",
	.help = "subscribe to an OPML or newsboat urls file; switch from "
		"newsboat",
	.shortopts = "h",
	.longopts = import_options,
	.alone = "h",
	.maxargs = -1,
	.flags = CMD_CONFIG | CMD_STORE | CMD_NETWORK | CMD_WORDS,
	.run = cmd_import,
};

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "",
	.help = "print the subscriptions as OPML 2.0",
	.shortopts = "h",
	.longopts = cmd_help_only,
	.maxargs = 0,
	.extra = "unexpected argument: ",
	.flags = CMD_CONFIG | CMD_STORE | CMD_READONLY,
	.run = cmd_export,
};

/* Subscribe to every feed of a list; *ids (may be NULL) gets their ids. */
static int
import_feeds(struct store *st, const struct opml_feed *feeds, size_t n,
    int64_t *ids, size_t *added, size_t *had)
{
	char *cause = NULL;
	const char *name;
	size_t i;
	int64_t id;
	int existed;

	for (i = 0; i < n; i++) {
		/* orrery's own export tells the feed's title apart from a
		 * name the user chose: only the latter is pinned. */
		name = feeds[i].title;
		if (name != NULL && feeds[i].feed_title != NULL &&
		    strcmp(name, feeds[i].feed_title) == 0)
			name = NULL;
		if (store_feed_add(st, feeds[i].url, name, feeds[i].category,
			&id, &existed, &cause) != 0)
			return cmd_fail_cause(cause);
		if (ids != NULL)
			ids[i] = id;
		if (!existed &&
		    store_feed_title_init(st, id, feeds[i].feed_title,
			feeds[i].html_url, &cause) != 0)
			return cmd_fail_cause(cause);
		if (existed)
			(*had)++;
		else
			(*added)++;
	}
	if (store_meta_set(st, "first-start", "done", &cause) != 0)
		return cmd_fail_cause(cause);
	printf("imported %zu feed%s (%zu already subscribed)\n", *added,
	    *added == 1 ? "" : "s", *had);
	return 0;
}

/*
 * [sync]: subscribe on the server to every feed of the list not yet
 * subscribed (one login), then take the feeds as the server lists them.
 */
static int
import_on_server(struct cmd_ctx *x, struct store *st,
    const struct opml_feed *feeds, size_t n)
{
	const char **urls, **titles, **cats;
	struct store_feed f;
	char *cause = NULL;
	size_t i, k = 0;
	int rc = 0;

	urls = xcalloc(n + 1, sizeof *urls);
	titles = xcalloc(n + 1, sizeof *titles);
	cats = xcalloc(n + 1, sizeof *cats);
	for (i = 0; i < n; i++) {
		if (store_feed_find(st, feeds[i].url, &f, NULL) == 0) {
			store_feed_clear(&f);
			continue;
		}
		urls[k] = feeds[i].url;
		titles[k] = feeds[i].title;
		cats[k++] = feeds[i].category;
	}
	if (k > 0)
		rc = sync_subscribe(
		    x->cfg, st, k, urls, titles, cats, NULL, &cause);
	free(urls);
	free(titles);
	free(cats);
	if (rc != 0) {
		cmd_fail_cause(cause);
		return rc == SYNC_ERR_SERVER ? CMD_EXIT_PARTIAL : 1;
	}
	printf("imported %zu feed%s on the server (%zu already subscribed; "
	       "orrery sync brings their entries)\n",
	    k, k == 1 ? "" : "s", n - k);
	return 0;
}

/*
 * What import was given is a feed, not a list of them: say to subscribe
 * to it with add (*cause is replaced).
 */
static void
import_not_a_feed(const char *src, const char *data, size_t len, char **cause)
{
	struct parsed_feed *pf;
	char *why = NULL, *abs, *safe;

	pf = parse_feed(data, len, NULL, &why);
	free(why);
	if (pf == NULL)
		return;
	parse_free(pf);
	abs = strstr(src, "://") != NULL || strcmp(src, "-") == 0
	    ? NULL
	    : realpath(src, NULL);
	safe = util_safe(
	    abs != NULL ? abs : src, strlen(abs != NULL ? abs : src), 0);
	free(*cause);
	*cause = xasprintf("not OPML but a feed: "
			   "subscribe to it with: orrery add %s%s",
	    abs != NULL ? "file://" : "", strcmp(src, "-") == 0 ? "URL" : safe);
	free(safe);
	free(abs);
}

/* Read and parse a subscription list (OPML or a newsboat urls file). */
static int
import_read_list(
    struct cmd_ctx *x, const char *src, struct opml_feed **feeds, size_t *n)
{
	char *data, *cause = NULL, **notes;
	size_t len, nnotes, i;

	if (util_strncaseeq(src, "http://", 7) ||
	    util_strncaseeq(src, "https://", 8)) {
		if (x->offline)
			return cmd_fail("%s: offline: not downloading (leave "
					"out --offline, or import a saved "
					"file)",
			    src);
		if (fetch_get(x->cfg, src, &data, &len, &cause) != 0)
			return cmd_fail_cause(cause);
	} else {
		data = cmd_read_input(src, cmd_max_bytes(x), &len, &cause);
		if (data == NULL)
			return cmd_fail_cause(cause);
	}
	if (opml_parse(data, len, feeds, n, &notes, &nnotes, &cause) != 0) {
		import_not_a_feed(src, data, len, &cause);
		free(data);
		cmd_fail("%s: %s", src, cause);
		free(cause);
		return 1;
	}
	free(data);
	for (i = 0; i < nnotes; i++)
		cmd_fail("%s: %s", src, notes[i]);
	opml_free_notes(notes, nnotes);
	return 0;
}

/* What import --from-newsboat carries over from newsboat's cache. */
struct import_nb {
	struct store *st;
	const struct opml_feed *feeds; /* the urls file, subscribed */
	const int64_t *ids;
	size_t nfeeds;
	int64_t now;
	size_t entries, fresh, read, starred, deleted, orphans;
};

/* Is id newsboat's link-and-date stand-in for a missing guid? */
static int
newsboat_made_up(const char *id, int64_t published)
{
	const char *p;
	int64_t when;

	if (published == PARSE_NO_DATE)
		return 0;
	for (p = id + 1; *p != '\0'; p++) {
		if (!isalpha((unsigned char)*p) && !isdigit((unsigned char)*p))
			continue;
		if (strchr(p, ' ') != NULL && date_parse(p, &when) == 0 &&
		    when == published)
			return 1;
	}
	return 0;
}

static int
import_nb_feed(void *arg, const struct store_newsboat_feed *f, char **cause)
{
	struct import_nb *im = arg;
	struct parse_record *recs;
	struct parsed_feed *pf;
	size_t i, k;
	int nnew = 0, rv;

	for (k = 0; k < im->nfeeds; k++)
		if (strcmp(im->feeds[k].url, f->url) == 0)
			break;
	if (k == im->nfeeds) {
		/* Cached, but no longer in the urls file. */
		im->orphans++;
		return 0;
	}
	/*
	 * newsboat makes up the guid of an item that has none as its link
	 * as the feed wrote it followed by its date as the feed wrote it;
	 * orrery uses the link, and must, or the next refresh would store
	 * the item a second time.  Such a guid ends in a date (with a blank
	 * in it: RFC 822) that is the item's own.
	 */
	recs = xcalloc(f->n + 1, sizeof *recs);
	for (i = 0; i < f->n; i++) {
		recs[i] = f->items[i];
		if (recs[i].id != NULL && recs[i].link != NULL &&
		    newsboat_made_up(recs[i].id, recs[i].published))
			recs[i].id = recs[i].link;
	}
	pf = parse_records(f->title, f->link, recs, f->n);
	free(recs);
	rv = store_feed_import(im->st, im->ids[k], pf, f->read, f->flagged,
	    f->deleted, im->now, &nnew, cause);
	parse_free(pf);
	if (rv != 0) {
		/* Say which feed: store errors do not. */
		char *what = xasprintf("%s: %s", f->url,
		    cause != NULL && *cause != NULL ? *cause : "failed");

		if (cause != NULL) {
			free(*cause);
			*cause = what;
		} else
			free(what);
		return -1;
	}
	im->fresh += (size_t)nnew;
	for (i = 0; i < f->n; i++) {
		if (f->deleted[i]) {
			im->deleted++;
			continue;
		}
		im->entries++;
		im->read += f->read[i] != 0;
		im->starred += f->flagged[i] != 0;
	}
	return 0;
}

/*
 * Where newsboat keeps its files: DIR/urls and DIR/cache.db; without a
 * DIR, ~/.newsboat when it exists, else $XDG_CONFIG_HOME/newsboat/urls and
 * $XDG_DATA_HOME/newsboat/cache.db (newsboat's own order).
 */
static int
import_nb_paths(const char *dir, char **urls, char **cache)
{
	const char *home = getenv("HOME");
	struct stat sb;
	char *dot;

	if (dir != NULL) {
		*urls = xasprintf("%s/urls", dir);
		*cache = xasprintf("%s/cache.db", dir);
		return 0;
	}
	if (home != NULL && home[0] != '\0') {
		dot = xasprintf("%s/.newsboat", home);
		if (stat(dot, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			*urls = xasprintf("%s/urls", dot);
			*cache = xasprintf("%s/cache.db", dot);
			free(dot);
			return 0;
		}
		free(dot);
	}
	*urls = util_xdg_path("XDG_CONFIG_HOME", ".config", "newsboat/urls");
	*cache =
	    util_xdg_path("XDG_DATA_HOME", ".local/share", "newsboat/cache.db");
	if (*urls != NULL && *cache != NULL)
		return 0;
	free(*urls);
	free(*cache);
	return -1;
}

/* What the cache gave, and what was left out. */
static void
import_nb_summary(
    const struct import_nb *im, const char *urls, const char *cache)
{
	printf("imported %zu entr%s from %s: %zu new, %zu read, %zu "
	       "starred (flagged)\n",
	    im->entries, im->entries == 1 ? "y" : "ies", cache, im->fresh,
	    im->read, im->starred);
	if (im->deleted > 0)
		printf("left out %zu entr%s deleted in newsboat (a refresh "
		       "will not bring %s back)\n",
		    im->deleted, im->deleted == 1 ? "y" : "ies",
		    im->deleted == 1 ? "it" : "them");
	if (im->orphans > 0)
		printf("left out %zu cached feed%s not subscribed to (not "
		       "in %s, or a query, exec or filter line)\n",
		    im->orphans, im->orphans == 1 ? "" : "s", urls);
}

/*
 * Carry newsboat's cache over once its urls file is subscribed (feeds,
 * ids: n of them).  0, or 1 after printing.
 */
static int
import_nb_cache(struct cmd_ctx *x, struct store *st, const char *urls,
    const char *cache, const struct opml_feed *feeds, const int64_t *ids,
    size_t n)
{
	struct import_nb im;
	struct stat sb;
	char *cause = NULL;

	if (stat(cache, &sb) != 0) {
		cmd_fail("%s: %s: only the subscriptions were imported", cache,
		    strerror(errno));
		return 0;
	}
	memset(&im, 0, sizeof im);
	im.st = st;
	im.feeds = feeds;
	im.ids = ids;
	im.nfeeds = n;
	im.now = (int64_t)time(NULL);
	if (store_newsboat_each(cache, import_nb_feed, &im, &cause) != 0) {
		cmd_fail("%s (the subscriptions were imported; run the "
			 "import again once it is fixed)",
		    cause);
		free(cause);
		return 1;
	}
	import_nb_summary(&im, urls, cache);
	return 0;
}

static int
import_newsboat(struct cmd_ctx *x, const char *dir)
{
	struct opml_feed *feeds = NULL;
	struct store *st;
	struct stat sb;
	char *urls, *cache;
	int64_t *ids = NULL;
	size_t n = 0, added = 0, had = 0;
	int rv = 1;

	if (import_nb_paths(dir, &urls, &cache) != 0)
		return cmd_fail("where is newsboat? set HOME, or give its "
				"directory (orrery import --from-newsboat "
				"DIR)");
	if (stat(urls, &sb) != 0) {
		cmd_fail("%s: %s: is newsboat's directory elsewhere? "
			 "(orrery import --from-newsboat DIR)",
		    urls, strerror(errno));
		goto out;
	}
	if (import_read_list(x, urls, &feeds, &n) != 0)
		goto out;
	st = cmd_open_store(x);
	if (st == NULL)
		goto out;
	ids = xcalloc(n + 1, sizeof *ids);
	if (import_feeds(st, feeds, n, ids, &added, &had) == 0)
		rv = import_nb_cache(x, st, urls, cache, feeds, ids, n);
	store_close(st);
out:
	opml_free(feeds, n);
	free(ids);
	free(urls);
	free(cache);
	return rv;
}

static int
cmd_import(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store *st;
	struct opml_feed *feeds;
	size_t n, added = 0, had = 0;
	int rv;

	if (cmd_args_has(a, 'N')) {
		if (cmd_args_has(a, 'N') > 1 || a->argc > 1 ||
		    (a->argc == 1 && cmd_is_option(a->argv[0])))
			return cmd_usage_error(x,
			    "--from-newsboat takes one "
			    "directory, or none");
		return import_newsboat(x, a->argc == 1 ? a->argv[0] : NULL);
	}
	if (a->argc != 1 || cmd_is_option(a->argv[0]))
		return cmd_usage_error(x,
		    "give one file or URL, or "
		    "--from-newsboat [DIR]");
	if (import_read_list(x, a->argv[0], &feeds, &n) != 0)
		return 1;
	st = cmd_open_store(x);
	if (st == NULL) {
		opml_free(feeds, n);
		return 1;
	}
	if (sync_configured(x->cfg))
		rv = import_on_server(x, st, feeds, n);
	else
		rv = import_feeds(st, feeds, n, NULL, &added, &had);
	store_close(st);
	opml_free(feeds, n);
	return rv;
}

static int
cmd_export(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store *st;
	struct store_feed *list;
	struct opml_feed *out;
	char *cause = NULL, *doc;
	size_t n, i;

	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	if (store_feeds(st, &list, &n, &cause) != 0) {
		store_close(st);
		return cmd_fail_cause(cause);
	}
	out = xcalloc(n + 1, sizeof *out);
	for (i = 0; i < n; i++) {
		/* Borrowed: list outlives out. */
		out[i].url = list[i].url;
		out[i].title = (char *)(uintptr_t)cmd_feed_name(&list[i]);
		out[i].html_url = list[i].site_link;
		out[i].category = list[i].category;
		out[i].feed_title = list[i].title;
	}
	doc = opml_write(out, n, "orrery subscriptions");
	fputs(doc, stdout);
	free(doc);
	free(out);
	store_feeds_free(list, n);
	store_close(st);
	return 0;
}
