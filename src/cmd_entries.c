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
#include <time.h>

#include <jansson.h>

#include "buf.h"
#include "config.h"
#include "date.h"
#include "html.h"
#include "query.h"
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
	{ "view", required_argument, NULL, 'v' },
	{ "hidden", no_argument, NULL, 'H' },
	{ "sources", no_argument, NULL, 'L' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const struct cmd_need list_needs[] = {
	{ 'D', "a date (such as 2026-05-29)" },
	{ 'v', "a view's name (from [views] in the configuration)" },
	{ 0, NULL },
};

const struct cmd_entry cmd_list_entry = {
	.name = "list",
	.usage = "[QUERY] [--view NAME] [--hidden] [--unread] [--starred] "
		 "[--source NAME] [--since DATE] [--limit N] [--json] | "
		 "--sources",
	.help = "list entries matching a query, newest first",
	.shortopts = "h",
	.longopts = list_options,
	.alone = "L",
	.needs = list_needs,
	.maxargs = -1,
	.flags = CMD_CONFIG | CMD_STORE | CMD_READONLY | CMD_QUERY,
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
	.help =
	    "list posts matching a query of words, \"phrases\", prefix* ...",
	.shortopts = "h",
	.longopts = search_options,
	.maxargs = -1,
	.flags = CMD_CONFIG | CMD_STORE | CMD_READONLY | CMD_QUERY,
	.run = cmd_search,
};

static const struct option show_options[] = {
	{ "width", required_argument, NULL, 'w' },
	{ "color", no_argument, NULL, 'C' },
	{ "colour", no_argument, NULL, 'C' },
	{ "full", no_argument, NULL, 'F' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.usage = "ID [--full] [--width N] [--color]",
	.help = "print an entry the way the pager shows it",
	.shortopts = "hw:",
	.longopts = show_options,
	.maxargs = 1,
	.extra = "one entry only: ",
	/* the network for --full (cmd_article.c: the fetcher writes the
	 * article through its own connection) */
	.flags = CMD_CONFIG | CMD_STORE | CMD_READONLY | CMD_NETWORK,
	.run = cmd_show,
};

static const struct option mark_options[] = {
	{ "query", required_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const struct cmd_need mark_needs[] = {
	{ 'q', "a query (such as '+unread source:\"Real Python\"')" },
	{ 0, NULL },
};

const struct cmd_entry cmd_mark_entry = {
	.name = "mark",
	.usage = "read|unread|star|unstar ID ... | --query QUERY",
	.help = "change entries' state",
	.shortopts = "h",
	.longopts = mark_options,
	.needs = mark_needs,
	.maxargs = -1,
	.flags = CMD_CONFIG | CMD_STORE | CMD_QUERY,
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

/*
 * --source NAME: the source as stored, whatever the case NAME is given
 * in; an unknown one is an error naming the closest.
 */
static int
list_source_name(struct cmd_ctx *x, const char *what, char **name)
{
	struct store *st;
	char *cause = NULL;
	int r;

	st = cmd_open_store(x);
	if (st == NULL)
		return -1;
	r = store_source_find(st, what, name, &cause);
	store_close(st);
	if (r != 0) {
		cmd_fail_cause(cause);
		return -1;
	}
	return 0;
}

static int
list_cmp_name(const void *pa, const void *pb)
{
	const char *const *a = pa, *const *b = pb;
	int c = util_strcasecmp(*a, *b);

	return c != 0 ? c : strcmp(*a, *b);
}

/* list --sources: the names --source takes, one a line, by name as the
 * sources view sorts them. */
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
	if (n > 1)
		qsort(names, n, sizeof *names, list_cmp_name);
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

/* The words from argv[from] on, joined by spaces; the caller frees. */
char *
cmd_query_words(const struct cmd_args *a, int from)
{
	struct buf b;
	int i;

	buf_init(&b, 0);
	for (i = from; i < a->argc; i++) {
		if (i > from)
			buf_addc(&b, ' ');
		buf_addstr(&b, a->argv[i]);
	}
	buf_addc(&b, '\0');
	return buf_detach(&b, NULL);
}

/*
 * Parse text and add it to flt; *sq gets what flt borrows (the caller
 * frees it with store_query_free).  A malformed query is one line and
 * CMD_EXIT_USAGE.
 */
int
cmd_filter_query(struct cmd_ctx *x, const char *text, struct store_filter *flt,
    struct store_query **sq)
{
	struct query *q;
	char *cause = NULL;

	*sq = NULL;
	q = query_parse(text, strlen(text), &cause);
	if (q == NULL) {
		fprintf(stderr, "orrery %s: %s\n", x->entry->name, cause);
		free(cause);
		return CMD_EXIT_USAGE;
	}
	*sq = store_query_new(q, (int64_t)time(NULL), x->cfg->timezone_utc);
	query_free(q);
	store_query_filter(*sq, flt);
	return 0;
}

/* --view NAME: the view's query before the words in *text. */
static int
list_view(struct cmd_ctx *x, const char *name, char **text)
{
	const struct config *cfg = x->cfg;
	struct buf names;
	char *t;
	size_t i;

	for (i = 0; i < cfg->nviews; i++)
		if (util_strcaseeq(cfg->view_names[i], name)) {
			t = xasprintf("%s %s", cfg->view_queries[i], *text);
			free(*text);
			*text = t;
			return 0;
		}
	free(*text);
	*text = NULL;
	if (cfg->nviews == 0) {
		cmd_usage_error(x,
		    "no view %s: there are none (add [views] NAME = QUERY to "
		    "the configuration)",
		    name);
		return -1;
	}
	buf_init(&names, 0);
	for (i = 0; i < cfg->nviews; i++)
		buf_printf(
		    &names, "%s%s", i > 0 ? ", " : "", cfg->view_names[i]);
	buf_addc(&names, '\0');
	cmd_usage_error(x, "no view %s (the views: %s)", name, names.data);
	buf_free(&names);
	return -1;
}

static int
cmd_list(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store_filter flt;
	struct store_query *sq = NULL;
	const char *since = cmd_args_get(a, 'D');
	char *text;
	char *source = NULL;
	size_t limit;
	int rv;

	if (cmd_args_has(a, 'L')) {
		if (a->argc > 0)
			return cmd_usage_error(
			    x, "--sources takes no query: %s", a->argv[0]);
		return list_sources(x);
	}
	memset(&flt, 0, sizeof flt);
	if (since != NULL && date_parse(since, &flt.since) != 0)
		return cmd_usage_error(x,
		    "--since: not a date: %s (2026-05-29, "
		    "2026-05-29T08:00:00+02:00 or an RFC 822 date)",
		    since);
	if (parse_limit(x, a, &limit) != 0)
		return CMD_EXIT_USAGE;
	text = cmd_query_words(a, 0);
	if (cmd_args_has(a, 'v') && list_view(x, cmd_args_get(a, 'v'), &text))
		return CMD_EXIT_USAGE;
	rv = cmd_filter_query(x, text, &flt, &sq);
	free(text);
	if (rv != 0)
		return rv;
	/* The shorthands narrow what the query says. */
	if (cmd_args_has(a, 'u'))
		flt.unread = 1;
	if (cmd_args_has(a, 's'))
		flt.starred = 1;
	flt.hidden = cmd_args_has(a, 'H') != 0;
	if (cmd_args_get(a, 'S') != NULL &&
	    list_source_name(x, cmd_args_get(a, 'S'), &source) != 0) {
		store_query_free(sq);
		return 1;
	}
	flt.source = source;
	rv = run_query(x, &flt, limit, cmd_args_has(a, 'j'));
	store_query_free(sq);
	free(source);
	return rv;
}

static int
cmd_search(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store_filter flt;
	struct store_query *sq;
	char *text;
	size_t limit;
	int rv;

	if (parse_limit(x, a, &limit) != 0)
		return CMD_EXIT_USAGE;
	if (a->argc == 0)
		return cmd_usage_error(x, "search for what?");
	memset(&flt, 0, sizeof flt);
	text = cmd_query_words(a, 0);
	rv = cmd_filter_query(x, text, &flt, &sq);
	free(text);
	if (rv != 0)
		return rv;
	rv = run_query(x, &flt, limit, cmd_args_has(a, 'j'));
	store_query_free(sq);
	return rv;
}

/*
 * After a post that more than one feed carries: which, the copy shown
 * first (copies may be NULL: nothing to say).
 */
static void
show_copies(const struct store_copy *copies, size_t n)
{
	char *feed, *url;
	size_t i;

	if (n < 2)
		return;
	printf("\nCarried by %zu feeds:\n", n);
	for (i = 0; i < n; i++) {
		feed = cmd_safe(copies[i].feed);
		url = cmd_safe(copies[i].url);
		printf("  %s <%s> (entry %" PRId64 "%s)\n", feed, url,
		    copies[i].entry_id, copies[i].shown ? ", shown" : "");
		free(feed);
		free(url);
	}
}

static int
cmd_show(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct html_doc *doc;
	struct store *st;
	struct store_entry e;
	struct store_copy *copies;
	char *cause = NULL;
	long long id = 0;
	size_t ncopies;
	int width;

	if (a->argc == 0)
		return cmd_usage_error(x, "which entry? " CMD_HINT_ENTRIES);
	if (util_parse_ll(a->argv[0], &id) != 0 || id <= 0)
		return cmd_usage_error(
		    x, "not an entry id: %s " CMD_HINT_ENTRIES, a->argv[0]);
	if (cmd_text_width(x, cmd_args_get(a, 'w'), &width) != 0)
		return CMD_EXIT_USAGE;
	if (cmd_args_has(a, 'F'))
		return cmd_show_full(x, id, width, cmd_args_has(a, 'C'));
	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	if (store_entry_get(st, id, 1, &e, &cause) != 0) {
		store_close(st);
		return cmd_fail_hint(
		    cause, "no entry with id ", CMD_HINT_ENTRIES);
	}
	if (store_entry_copies(st, id, &copies, &ncopies, &cause) != 0) {
		store_close(st);
		store_entry_clear(&e);
		return cmd_fail_cause(cause);
	}
	store_close(st);
	doc = render_entry(&e, x->cfg->timezone_utc, width);
	html_write(stdout, doc, cmd_args_has(a, 'C'));
	html_doc_free(doc);
	show_copies(copies, ncopies);
	store_copies_free(copies, ncopies);
	store_entry_clear(&e);
	return 0;
}

/* mark HOW --query QUERY [WORDS]: every entry matching, in one go. */
static int
mark_query(struct cmd_ctx *x, const struct cmd_args *a, int how)
{
	static const char *const done[] = { "read", "unread", "starred",
		"unstarred" };
	struct store_filter flt;
	struct store_query *sq;
	struct store *st;
	char *text, *words, *cause = NULL;
	int64_t changed = 0;
	int rv;

	words = cmd_query_words(a, 1);
	text = xasprintf("%s %s", cmd_args_get(a, 'q'), words);
	free(words);
	memset(&flt, 0, sizeof flt);
	rv = cmd_filter_query(x, text, &flt, &sq);
	free(text);
	if (rv != 0)
		return rv;
	st = cmd_open_store(x);
	if (st == NULL) {
		store_query_free(sq);
		return 1;
	}
	rv = store_mark_all_as(
	    st, &flt, (enum store_mark)how, 0, &changed, &cause);
	store_query_free(sq);
	store_close(st);
	if (rv != 0)
		return cmd_fail_cause(cause);
	printf("marked %" PRId64 " %s %s\n", changed,
	    changed == 1 ? "entry" : "entries", done[how]);
	return 0;
}

static int
cmd_mark(struct cmd_ctx *x, const struct cmd_args *a)
{
	static const char *const names[] = { "read", "unread", "star",
		"unstar" };
	static const char *const batch[] = { "mark read", "mark unread", "star",
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
	if (cmd_args_has(a, 'q'))
		return mark_query(x, a, how);
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
	/* One batch for `orrery undo`, however many ids. */
	if (store_undo_begin(st, batch[how], &cause) != 0) {
		store_close(st);
		return cmd_fail_cause(cause);
	}
	for (i = 1; i < a->argc; i++) {
		util_parse_ll(a->argv[i], &id);
		if (store_mark(st, id, (enum store_mark)how, &cause) != 0)
			rv = cmd_fail_hint(
			    cause, "no entry with id ", CMD_HINT_ENTRIES);
		cause = NULL;
	}
	store_undo_end(st);
	store_close(st);
	return rv;
}
