/*
 * cmd_enclosures: `orrery enclosures` -- the enclosures (podcast audio,
 * videos) of the entries a filter matches, for people and for scripts
 * (--json).  The filter is list's (the same options, through the same
 * store_filter and so the same WHERE), plus search words.  Reads the
 * store through store.h; never fetches, never parses options (cmd.c
 * does).
 */
#include "cmd.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "date.h"
#include "enclosure.h"
#include "store.h"
#include "util.h"

static int cmd_enclosures(struct cmd_ctx *, const struct cmd_args *);

static const struct option enclosures_options[] = {
	{ "unread", no_argument, NULL, 'u' },
	{ "starred", no_argument, NULL, 's' },
	{ "source", required_argument, NULL, 'S' },
	{ "since", required_argument, NULL, 'D' },
	{ "limit", required_argument, NULL, 'l' },
	{ "json", no_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const struct cmd_need enclosures_needs[] = {
	{ 'D', "a date (such as 2026-05-29)" },
	{ 0, NULL },
};

const struct cmd_entry cmd_enclosures_entry = {
	.name = "enclosures",
	.usage = "[QUERY] [--unread] [--starred] [--source NAME] "
		 "[--since DATE] [--limit N] [--json]",
	.help = "list enclosures (podcast audio, video), newest first",
	.shortopts = "h",
	.longopts = enclosures_options,
	.needs = enclosures_needs,
	.maxargs = -1,
	.flags = CMD_CONFIG | CMD_STORE | CMD_READONLY | CMD_QUERY,
	.run = cmd_enclosures,
};

/* An entry's enclosures as JSON: for `list --json` too. */
json_t *
cmd_enclosures_json(const struct store_enclosure *list, size_t n)
{
	json_t *arr, *o;
	size_t i;

	arr = json_array();
	for (i = 0; i < n; i++) {
		o = json_object();
		json_object_set_new(
		    o, "entry_id", json_integer(list[i].entry_id));
		json_object_set_new(o, "url", cmd_json_str(list[i].url));
		json_object_set_new(o, "type", cmd_json_str(list[i].type));
		json_object_set_new(o, "length",
		    list[i].length < 0 ? json_null()
				       : json_integer(list[i].length));
		json_object_set_new(o, "duration",
		    list[i].duration < 0 ? json_null()
					 : json_integer(list[i].duration));
		json_array_append_new(arr, o);
	}
	return arr;
}

static void
enclosures_print(const struct store_enclosure *list, size_t n)
{
	char *url, *label, *safe;
	size_t i;

	for (i = 0; i < n; i++) {
		url = cmd_safe(list[i].url);
		label = enclosure_label(
		    list[i].type, list[i].length, list[i].duration);
		safe = cmd_safe(label);
		printf("%6" PRId64 " %s (%s)\n", list[i].entry_id, url, safe);
		free(url);
		free(label);
		free(safe);
	}
}

static int
cmd_enclosures(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store_filter flt;
	struct store_enclosure *list;
	struct store *st;
	const char *since = cmd_args_get(a, 'D'), *v = cmd_args_get(a, 'l');
	struct store_query *sq = NULL;
	char *cause = NULL, *text;
	long long limit = 100;
	size_t n;
	int rv;

	memset(&flt, 0, sizeof flt);
	if (since != NULL && date_parse(since, &flt.since) != 0)
		return cmd_usage_error(x,
		    "--since: not a date: %s (2026-05-29, "
		    "2026-05-29T08:00:00+02:00 or an RFC 822 date)",
		    since);
	if (v != NULL && (util_parse_ll(v, &limit) != 0 || limit <= 0))
		return cmd_usage_error(
		    x, "--limit wants a positive number, not %s", v);
	text = cmd_query_words(a, 0);
	rv = cmd_filter_query(x, text, &flt, &sq);
	free(text);
	if (rv != 0)
		return rv;
	/* The shorthands narrow what the query says. */
	if (cmd_args_has(a, 'u'))
		flt.unread = 1;
	if (cmd_args_has(a, 's'))
		flt.starred = 1;
	flt.source = cmd_args_get(a, 'S');
	st = cmd_open_store(x);
	if (st == NULL) {
		store_query_free(sq);
		return 1;
	}
	rv = store_enclosures_list(st, &flt, (size_t)limit, &list, &n, &cause);
	store_close(st);
	store_query_free(sq);
	if (rv != 0)
		return cmd_fail_cause(cause);
	if (cmd_args_has(a, 'j'))
		cmd_json_print(cmd_enclosures_json(list, n));
	else
		enclosures_print(list, n);
	store_enclosures_free(list, n);
	return 0;
}
