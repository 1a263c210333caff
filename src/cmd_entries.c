/*
 * cmd_entries: the commands on entries -- list, search, show, mark.  They
 * read and mark the store's entries through store.h and print them (show
 * through render.h, as the pager does); they never fetch and never parse
 * options (cmd.c does).
 */
#include "cmd.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "date.h"
#include "html.h"
#include "render.h"
#include "store.h"
#include "util.h"

static int cmd_list(struct cmd_ctx *, const struct cmd_args *);
static int cmd_search(struct cmd_ctx *, const struct cmd_args *);
static int cmd_show(struct cmd_ctx *, const struct cmd_args *);
static int cmd_mark(struct cmd_ctx *, const struct cmd_args *);

static const struct option list_options[] = {
	{ "unread", no_argument, NULL, 'u' },
	{ "starred", no_argument, NULL, 's' },
	{ "source", required_argument, NULL, 'S' },
	{ "since", required_argument, NULL, 'D' },
	{ "limit", required_argument, NULL, 'l' },
	{ "json", no_argument, NULL, 'j' },
	{ "sources", no_argument, NULL, 'L' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const struct cmd_need list_needs[] = {
	{ 'D', "a date (such as 2026-05-29)" },
	{ 0, NULL },
};

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.usage = "[--unread] [--starred] [--source NAME] [--since DATE] "
		 "[--limit N] [--json] | --sources",
	.help = "list entries, newest first",
	.shortopts = "h",
	.longopts = list_options,
	.alone = "L",
	.needs = list_needs,
	.maxargs = 0,
	.extra = "unexpected argument: ",
	.flags = CMD_CONFIG | CMD_STORE | CMD_READONLY,
	.run = cmd_list,
};

static const struct option search_options[] = {
	{ "limit", required_argument, NULL, 'l' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_search_entry = {
	.name = "search",
	.usage = "QUERY [--limit N] [--json]",
	.help = "full-text search (words, prefix*, \"phrases\")",
	.shortopts = "h",
	.longopts = search_options,
	.maxargs = 1,
	.extra = "one query (quote it): unexpected ",
	.flags = CMD_CONFIG | CMD_STORE | CMD_READONLY,
	.run = cmd_search,
};

static const struct option show_options[] = {
	{ "width", required_argument, NULL, 'w' },
	{ "color", no_argument, NULL, 'C' },
	{ "colour", no_argument, NULL, 'C' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.usage = "ID [--width N] [--color]",
	.help = "print an entry the way the pager shows it",
	.shortopts = "hw:",
	.longopts = show_options,
	.maxargs = 1,
	.extra = "one entry only: ",
	.flags = CMD_CONFIG | CMD_STORE | CMD_READONLY,
	.run = cmd_show,
};

const struct cmd_entry cmd_mark_entry = {
	.name = "mark",
	.usage = "read|unread|star|unstar ID ...",
	.help = "change entries' state",
	.shortopts = "h",
	.longopts = cmd_help_only,
	.maxargs = -1,
	.flags = CMD_CONFIG | CMD_STORE | CMD_WORDS,
	.run = cmd_mark,
};

static json_t *
entry_json(struct store *st, const struct store_entry *e)
{
	struct store_enclosure *encs = NULL;
	size_t nencs = 0;
	json_t *o;

	o = json_object();
	json_object_set_new(o, "id", json_integer(e->id));
	json_object_set_new(o, "feed_id", json_integer(e->feed_id));
	json_object_set_new(o, "guid", cmd_json_str(e->guid));
	json_object_set_new(o, "title", cmd_json_str(e->title));
	json_object_set_new(o, "link", cmd_json_str(e->link));
	json_object_set_new(o, "source", cmd_json_str(e->source));
	json_object_set_new(o, "author", cmd_json_str(e->author));
	json_object_set_new(o, "published", cmd_json_time(e->published));
	json_object_set_new(o, "updated", cmd_json_time(e->updated));
	json_object_set_new(o, "time", json_integer(e->time));
	json_object_set_new(o, "read", json_boolean(e->read));
	json_object_set_new(o, "starred", json_boolean(e->starred));
	/* Enclosures: an empty list when there are none or they cannot be
	 * read (the entry itself still is). */
	if (store_enclosures_get(st, e->id, &encs, &nencs, NULL) != 0)
		nencs = 0;
	json_object_set_new(o, "enclosures", cmd_enclosures_json(encs, nencs));
	store_enclosures_free(encs, nencs);
	return o;
}

static void
print_entries(const struct cmd_ctx *x, struct store *st,
    const struct store_entry *list, size_t n, int json)
{
	json_t *arr;
	char when[32], *source, *title;
	size_t i;

	if (json) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, entry_json(st, &list[i]));
		cmd_json_print(arr);
		return;
	}
	for (i = 0; i < n; i++) {
		cmd_format_time(x, list[i].time, when, sizeof when);
		source = cmd_safe(list[i].source);
		title = cmd_safe(list[i].title);
		printf("%6" PRId64 " %s %c%c %s%s%s\n", list[i].id, when,
		    list[i].read ? ' ' : 'N', list[i].starred ? '*' : ' ',
		    source, *source != '\0' ? ": " : "",
		    *title != '\0' ? title : "(untitled)");
		free(source);
		free(title);
	}
}

/* --limit N: a positive number, 100 when not given; -1 after an error. */
static int
parse_limit(struct cmd_ctx *x, const struct cmd_args *a, size_t *limit)
{
	const char *v = cmd_args_get(a, 'l');
	long long n;

	*limit = 100;
	if (v == NULL)
		return 0;
	if (util_parse_ll(v, &n) != 0 || n <= 0) {
		cmd_usage_error(
		    x, "--limit wants a positive number, not %s", v);
		return -1;
	}
	*limit = (size_t)n;
	return 0;
}

static int
run_query(
    struct cmd_ctx *x, const struct store_filter *flt, size_t limit, int json)
{
	struct store *st;
	struct store_entry *list;
	char *cause = NULL;
	size_t n;

	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	if (store_entries_first(st, flt, limit, &list, &n, &cause) != 0) {
		store_close(st);
		/* SQLite's "fts5: " prefix names nothing a user knows. */
		if (flt->match != NULL && cause != NULL &&
		    strncmp(cause, "search: fts5: ", 14) == 0)
			memmove(cause + 8, cause + 14, strlen(cause + 14) + 1);
		if (flt->match != NULL)
			return cmd_fail_hint(
			    cause, "search: ", CMD_HINT_SEARCH);
		return cmd_fail_cause(cause);
	}
	print_entries(x, st, list, n, json);
	store_entries_free(list, n);
	store_close(st);
	return 0;
}

/* list --sources: the names --source takes, one a line. */
static int
list_sources(struct cmd_ctx *x)
{
	struct store *st;
	char **names, *cause = NULL, *name;
	size_t n, i;

	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	if (store_sources(st, &names, &n, &cause) != 0) {
		store_close(st);
		return cmd_fail_cause(cause);
	}
	for (i = 0; i < n; i++) {
		name = cmd_safe(names[i]);
		printf("%s\n", name);
		free(name);
		free(names[i]);
	}
	free(names);
	store_close(st);
	return 0;
}

static int
cmd_list(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store_filter flt;
	const char *since = cmd_args_get(a, 'D');
	size_t limit;

	if (cmd_args_has(a, 'L'))
		return list_sources(x);
	memset(&flt, 0, sizeof flt);
	flt.unread = cmd_args_has(a, 'u');
	flt.starred = cmd_args_has(a, 's');
	flt.source = cmd_args_get(a, 'S');
	if (since != NULL && date_parse(since, &flt.since) != 0)
		return cmd_usage_error(x,
		    "--since: not a date: %s (2026-05-29, "
		    "2026-05-29T08:00:00+02:00 or an RFC 822 date)",
		    since);
	if (parse_limit(x, a, &limit) != 0)
		return CMD_EXIT_USAGE;
	return run_query(x, &flt, limit, cmd_args_has(a, 'j'));
}

static int
cmd_search(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store_filter flt;
	size_t limit;

	if (parse_limit(x, a, &limit) != 0)
		return CMD_EXIT_USAGE;
	if (a->argc == 0)
		return cmd_usage_error(x, "search for what?");
	memset(&flt, 0, sizeof flt);
	flt.match = a->argv[0];
	return run_query(x, &flt, limit, cmd_args_has(a, 'j'));
}

static int
cmd_show(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct html_doc *doc;
	struct store *st;
	struct store_entry e;
	char *cause = NULL;
	long long id = 0;
	int width;

	if (a->argc == 0)
		return cmd_usage_error(x, "which entry? " CMD_HINT_ENTRIES);
	if (util_parse_ll(a->argv[0], &id) != 0 || id <= 0)
		return cmd_usage_error(
		    x, "not an entry id: %s " CMD_HINT_ENTRIES, a->argv[0]);
	if (cmd_text_width(x, cmd_args_get(a, 'w'), &width) != 0)
		return CMD_EXIT_USAGE;
	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	if (store_entry_get(st, id, 1, &e, &cause) != 0) {
		store_close(st);
		return cmd_fail_hint(
		    cause, "no entry with id ", CMD_HINT_ENTRIES);
	}
	store_close(st);
	doc = render_entry(&e, x->cfg->timezone_utc, width);
	html_write(stdout, doc, cmd_args_has(a, 'C'));
	html_doc_free(doc);
	store_entry_clear(&e);
	return 0;
}

static int
cmd_mark(struct cmd_ctx *x, const struct cmd_args *a)
{
	static const char *const names[] = { "read", "unread", "star",
		"unstar" };
	struct store *st;
	char *cause = NULL;
	long long id;
	int i, how = -1, rv = 0;

	if (a->argc < 1)
		return cmd_usage_error(x, "read, unread, star or unstar?");
	for (i = 0; i < 4; i++)
		if (strcmp(a->argv[0], names[i]) == 0)
			how = i;
	if (how < 0)
		return cmd_usage_error(
		    x, "not read, unread, star or unstar: %s", a->argv[0]);
	if (a->argc < 2)
		return cmd_usage_error(x, "which entries? " CMD_HINT_ENTRIES);
	for (i = 1; i < a->argc; i++)
		if (util_parse_ll(a->argv[i], &id) != 0 || id <= 0)
			return cmd_usage_error(x,
			    "not an entry id: %s " CMD_HINT_ENTRIES,
			    a->argv[i]);
	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	for (i = 1; i < a->argc; i++) {
		util_parse_ll(a->argv[i], &id);
		if (store_mark(st, id, (enum store_mark)how, &cause) != 0)
			rv = cmd_fail_hint(
			    cause, "no entry with id ", CMD_HINT_ENTRIES);
		cause = NULL;
	}
	store_close(st);
	return rv;
}
