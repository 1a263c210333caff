/*
 * cmd_feeds: the subscription commands -- add, remove, feeds.  They change
 * and list the store's feeds through store.h.  add fetches the URL once
 * (cmd_discover.c) to tell a feed from a page that names one; nothing
 * here fetches feeds (refresh does) or parses options (cmd.c does).
 */
#include "cmd.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "discover.h"
#include "store.h"
#include "store_settings.h"
#include "sync.h"
#include "url.h"
#include "util.h"

static int cmd_add(struct cmd_ctx *, const struct cmd_args *);
static int cmd_remove(struct cmd_ctx *, const struct cmd_args *);
static int cmd_feeds(struct cmd_ctx *, const struct cmd_args *);

static const struct option add_options[] = {
	{ "name", required_argument, NULL, 'n' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_add_entry = {
	.name = "add",
	.usage = "URL|PATH [--name NAME]",
	.help = "subscribe to a feed, or the feed a page names",
	.shortopts = "h",
	.longopts = add_options,
	.maxargs = 1,
	.extra = "one URL only: ",
	.flags = CMD_CONFIG | CMD_STORE | CMD_NETWORK,
	.run = cmd_add,
};

const struct cmd_entry cmd_remove_entry = {
	.name = "remove",
	.usage = "URL|ID|NAME",
	.help = "unsubscribe and delete its entries",
	.shortopts = "h",
	.longopts = cmd_help_only,
	.alone = "h",
	.maxargs = -1,
	.flags = CMD_CONFIG | CMD_STORE | CMD_WORDS | CMD_NETWORK,
	.run = cmd_remove,
};

static const struct option feeds_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "urls", no_argument, NULL, 'u' },
	{ "names", no_argument, NULL, 'n' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_feeds_entry = {
	.name = "feeds",
	.usage = "[--json | --urls | --names]",
	.help = "list subscriptions with counts and errors",
	.shortopts = "h",
	.longopts = feeds_options,
	.alone = "junh", /* one view at a time */
	.maxargs = 0,
	.extra = "unexpected argument: ",
	.flags = CMD_CONFIG | CMD_STORE | CMD_READONLY,
	.run = cmd_feeds,
};

/*
 * The subscription url is already, spelt perhaps with another case of
 * scheme or host or with the default port: 1 with its id and stored URL
 * (freed by the caller), 0 when there is none, -1 with *cause.
 */
static int
add_find_same(
    struct store *st, const char *url, int64_t *id, char **stored, char **cause)
{
	struct store_feed *feeds;
	size_t n, i;
	char *key, *k;
	int found = 0;

	if (store_feeds(st, &feeds, &n, cause) != 0)
		return -1;
	key = url_same_key(url);
	for (i = 0; i < n && !found; i++) {
		k = url_same_key(feeds[i].url);
		if (strcmp(k, key) == 0) {
			*id = feeds[i].id;
			*stored = xstrdup(feeds[i].url);
			found = 1;
		}
		free(k);
	}
	free(key);
	store_feeds_free(feeds, n);
	return found;
}

/* [sync]: the server subscribes, and the feed comes from its list. */
static int
add_on_server(struct cmd_ctx *x, struct store *st, const char *url,
    const char *name, int64_t *id, char **cause)
{
	const char *names[1];

	names[0] = name;
	return sync_subscribe(x->cfg, st, 1, &url, names, NULL, id, cause);
}

/* The URL add was given: a URL as it is, a local file as file://. */
static char *
add_given_url(const char *arg, char **cause)
{
	if (util_strncaseeq(arg, "http://", 7) ||
	    util_strncaseeq(arg, "https://", 8) ||
	    util_strncaseeq(arg, "file://", 7))
		return xstrdup(arg);
	if (strstr(arg, "://") != NULL) {
		util_fail(cause,
		    "%s: not a feed URL (http, https or file only)", arg);
		return NULL;
	}
	return cmd_file_url(arg, cause);
}

/* What add says: the feed, where it was found, what else the page
 * names; all of it may come from a hostile page. */
static void
add_print(int existed, int server, int64_t id, const char *url,
    const struct cmd_found *f)
{
	char *u, *s, *t;
	size_t i;

	u = cmd_safe(url);
	if (existed)
		printf("already subscribed: %" PRId64 " %s", id, u);
	else
		printf("added feed %" PRId64 "%s: %s", id,
		    server ? " on the server" : "", u);
	free(u);
	if (f->page != NULL) {
		s = cmd_safe(f->page);
		printf(" (found on %s)", s);
		free(s);
	}
	printf("\n");
	for (i = 0; i < f->nothers; i++) {
		s = cmd_safe(f->others[i].url);
		t = f->others[i].title != NULL ? cmd_safe(f->others[i].title)
					       : NULL;
		printf("  the page also names: %s%s%s%s\n", s,
		    t != NULL ? " (" : "", t != NULL ? t : "",
		    t != NULL ? ")" : "");
		free(s);
		free(t);
	}
	if (server && !existed)
		printf("  orrery sync brings its entries\n");
}

static int
cmd_add(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store *st;
	struct cmd_found f;
	const char *name = cmd_args_get(a, 'n');
	char *cause = NULL, *clean, *stored = NULL, *url;
	int64_t id;
	int r, existed;

	if (a->argc == 0)
		return cmd_usage_error(x, "which URL?");
	url = add_given_url(a->argv[0], &cause);
	if (url == NULL)
		return cmd_fail_cause(cause);
	st = cmd_open_store(x);
	if (st == NULL) {
		free(url);
		return 1;
	}
	memset(&f, 0, sizeof f);
	r = existed = add_find_same(st, url, &id, &stored, &cause);
	if (r == 0) {
		/* Not subscribed: is it a feed, or a page naming one? */
		r = cmd_find_feed(x, url, &f, &cause);
		if (r == 0 && f.page != NULL)
			r = existed =
			    add_find_same(st, f.url, &id, &stored, &cause);
	}
	clean = name != NULL ? util_clean_text(name, strlen(name)) : NULL;
	if (r == 0 && sync_configured(x->cfg))
		r = add_on_server(x, st, f.url, clean, &id, &cause);
	else if (r == 0)
		r = store_feed_add(
		    st, f.url, clean, NULL, &id, &existed, &cause);
	else if (r == 1)
		r = 0;
	free(clean);
	if (r == 0)
		r = store_meta_set(st, "first-start", "done", &cause);
	store_close(st);
	if (r != 0) {
		free(stored);
		free(url);
		cmd_found_free(&f);
		cmd_fail_cause(cause);
		return r == SYNC_ERR_SERVER ? CMD_EXIT_PARTIAL : 1;
	}
	if (existed)
		add_print(1, 0, id, stored != NULL ? stored : url, &f);
	else
		add_print(0, sync_configured(x->cfg), id, f.url, &f);
	if (f.note != NULL)
		cmd_fail(
		    "note: not checked now (%s); refresh will tell", f.note);
	free(stored);
	free(url);
	cmd_found_free(&f);
	return 0;
}

static int
cmd_remove(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store *st;
	struct store_feed f;
	char *cause = NULL;
	int rv;

	if (a->argc != 1 || cmd_is_option(a->argv[0]))
		return cmd_usage_error(
		    x, "give one URL, feed id or name (orrery feeds)");
	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	memset(&f, 0, sizeof f);
	rv = store_feed_find(st, a->argv[0], &f, &cause);
	/* [sync]: unsubscribed on the server first. */
	if (rv == 0)
		rv = sync_configured(x->cfg)
		    ? sync_unsubscribe(x->cfg, st, f.id, &cause)
		    : store_feed_remove(st, f.id, &cause);
	if (rv == 0)
		printf("removed feed %" PRId64 ": %s (%" PRId64 " entr%s)\n",
		    f.id, f.url, f.total, f.total == 1 ? "y" : "ies");
	store_feed_clear(&f);
	store_close(st);
	if (rv == SYNC_ERR_SERVER) {
		cmd_fail_cause(cause);
		return CMD_EXIT_PARTIAL;
	}
	return rv == 0
	    ? 0
	    : cmd_fail_hint(cause, "no feed with id ", CMD_HINT_FEEDS);
}

static json_t *
feed_json(
    const struct store_feed *f, const struct store_setting *set, size_t nset)
{
	json_t *o;

	o = json_object();
	json_object_set_new(o, "id", json_integer(f->id));
	json_object_set_new(o, "url", cmd_json_str(f->url));
	json_object_set_new(o, "name", cmd_json_str(f->name));
	json_object_set_new(o, "title", cmd_json_str(f->title));
	json_object_set_new(o, "site_link", cmd_json_str(f->site_link));
	json_object_set_new(o, "category", cmd_json_str(f->category));
	json_object_set_new(o, "unread", json_integer(f->unread));
	json_object_set_new(o, "total", json_integer(f->total));
	json_object_set_new(o, "last_attempt", cmd_json_time(f->last_attempt));
	json_object_set_new(o, "last_success", cmd_json_time(f->last_success));
	json_object_set_new(o, "last_status", json_integer(f->last_status));
	json_object_set_new(o, "last_error", cmd_json_str(f->last_error));
	json_object_set_new(o, "next_fetch", json_integer(f->next_fetch));
	json_object_set_new(o, "disabled", json_boolean(f->disabled));
	json_object_set_new(o, "etag", cmd_json_str(f->etag));
	json_object_set_new(o, "last_modified", cmd_json_str(f->last_modified));
	json_object_set_new(
	    o, "settings", cmd_feed_settings_json(set, nset, f->id));
	return o;
}

/* The table a person reads: id, unread/total, last success, name, error. */
static void
feeds_print(const struct cmd_ctx *x, const struct store_feed *list, size_t n,
    const struct store_setting *set, size_t nset)
{
	char *name, *err, *line, when[32];
	size_t i;

	if (n == 0)
		printf("no feeds: add one with 'orrery add URL' or "
		       "'orrery import FILE'\n");
	else if (isatty(STDOUT_FILENO))
		/* For a person: what the columns are (scripts get rows). */
		printf("%4s %6s/%-6s %-16s %s\n", "id", "unread", "total",
		    "last success", "name");
	for (i = 0; i < n; i++) {
		cmd_format_time(x, list[i].last_success, when, sizeof when);
		name = cmd_safe(cmd_feed_name(&list[i]));
		printf("%4" PRId64 " %6" PRId64 "/%-6" PRId64 " %-16s %s%s\n",
		    list[i].id, list[i].unread, list[i].total, when, name,
		    list[i].disabled ? " (disabled)" : "");
		free(name);
		if (list[i].last_error != NULL) {
			err = cmd_safe(list[i].last_error);
			printf("%29s error: %s\n", "", err);
			free(err);
		}
		/* orrery feed NAME set ...: what is not the default. */
		line = cmd_feed_settings_line(set, nset, list[i].id);
		if (line != NULL)
			printf("%29s settings: %s\n", "", line);
		free(line);
	}
}

static int
cmd_feeds(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store *st;
	struct store_feed *list;
	struct store_setting *set;
	json_t *arr;
	char *cause = NULL, *name;
	size_t n, i, nset;

	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	if (store_feeds_counted(st, &list, &n, &cause) != 0) {
		store_close(st);
		return cmd_fail_cause(cause);
	}
	if (cmd_feed_settings_get(st, &set, &nset, &cause) != 0) {
		store_feeds_free(list, n);
		store_close(st);
		return cmd_fail_cause(cause);
	}
	if (cmd_args_has(a, 'u') || cmd_args_has(a, 'n')) {
		/* One per line, for scripts and shell completion. */
		for (i = 0; i < n; i++) {
			name = cmd_safe(cmd_args_has(a, 'u')
				? list[i].url
				: cmd_feed_name(&list[i]));
			printf("%s\n", name);
			free(name);
		}
	} else if (cmd_args_has(a, 'j')) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(
			    arr, feed_json(&list[i], set, nset));
		cmd_json_print(arr);
	} else
		feeds_print(x, list, n, set, nset);
	store_settings_free(set, nset);
	store_feeds_free(list, n);
	store_close(st);
	return 0;
}
