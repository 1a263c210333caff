/*
 * cmd_settings: `orrery feed NAME|ID set KEY VALUE | get [KEY] | unset
 * KEY`, one feed's own settings (feed_settings.h says which there are),
 * and what `orrery feeds` shows of them (cmd_feed_settings_*).  The feed
 * is named as for remove and refresh (URL, id or name, a name in any
 * case; the closest names when none matches).  The store keeps them
 * (store_settings.h); nothing here fetches or parses options.
 */
#include "cmd.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "feed_settings.h"
#include "store.h"
#include "store_settings.h"
#include "util.h"

static int cmd_feed(struct cmd_ctx *, const struct cmd_args *);

const struct cmd_entry cmd_feed_entry = {
	.name = "feed",
	.usage = "URL|ID|NAME set KEY VALUE | get [KEY] | unset KEY",
	.help = "one feed's own settings (full-text ...)",
	.shortopts = "h",
	.longopts = cmd_help_only,
	.alone = "h",
	.maxargs = 4,
	.extra = "too many words: ",
	.flags = CMD_CONFIG | CMD_STORE | CMD_WORDS,
	.run = cmd_feed,
};

/* The value of key among the feed's settings, else its default. */
static const char *
settings_value(const struct store_setting *list, size_t n, int64_t feed,
    const struct feed_setting_info *k, int *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i].feed == feed && strcmp(list[i].key, k->key) == 0) {
			*set = 1;
			return list[i].value;
		}
	*set = 0;
	return k->def;
}

/* Print every known setting of feed: "KEY = VALUE" (with "(default)"). */
static int
feed_get_all(struct store *st, int64_t feed, const char *only)
{
	const struct feed_setting_info *known;
	struct store_setting *list;
	const char *v;
	char *cause = NULL, *safe;
	size_t n, nk, i;
	int set;

	if (store_settings(st, feed, &list, &n, &cause) != 0)
		return cmd_fail_cause(cause);
	known = feed_settings_known(&nk);
	for (i = 0; i < nk; i++) {
		if (only != NULL && strcmp(only, known[i].key) != 0)
			continue;
		v = settings_value(list, n, feed, &known[i], &set);
		safe = cmd_safe(v);
		if (only != NULL)
			printf("%s\n", safe);
		else
			printf("%s = %s%s\n", known[i].key, safe,
			    set ? "" : " (default)");
		free(safe);
	}
	store_settings_free(list, n);
	return 0;
}

/* One line, cleaned of anything a terminal would take as a command. */
static int
feed_fail(char *cause)
{
	char *safe = cmd_safe(cause);

	free(cause);
	cmd_fail("%s", safe);
	free(safe);
	return 1;
}

static int
feed_verb(struct cmd_ctx *x, struct store *st, const struct store_feed *f,
    const struct cmd_args *a)
{
	const char *verb = a->argv[1];
	char *cause = NULL, *norm = NULL, *name;
	int rv;

	if (strcmp(verb, "get") == 0) {
		if (a->argc > 3)
			return cmd_usage_error(x, "get takes one KEY at most");
		if (a->argc == 3 && feed_setting_known(a->argv[2], &cause) != 0)
			return feed_fail(cause);
		return feed_get_all(
		    st, f->id, a->argc == 3 ? a->argv[2] : NULL);
	}
	if (strcmp(verb, "set") == 0 && a->argc != 4)
		return cmd_usage_error(x, "set takes a KEY and a VALUE");
	if (strcmp(verb, "unset") == 0 && a->argc != 3)
		return cmd_usage_error(x, "unset takes a KEY");
	if (strcmp(verb, "set") != 0 && strcmp(verb, "unset") != 0) {
		name = cmd_safe(verb);
		rv = cmd_usage_error(x, "not set, get or unset: %s", name);
		free(name);
		return rv;
	}
	if (strcmp(verb, "set") == 0) {
		if (feed_setting_check(a->argv[2], a->argv[3], &norm, &cause) !=
			0 ||
		    store_setting_set(st, f->id, a->argv[2], norm, &cause) !=
			0) {
			free(norm);
			return feed_fail(cause);
		}
	} else if (feed_setting_known(a->argv[2], &cause) != 0 ||
	    store_setting_unset(st, f->id, a->argv[2], &cause) != 0)
		return feed_fail(cause);
	name = cmd_safe(cmd_feed_name(f));
	if (norm != NULL)
		printf("feed %" PRId64 " (%s): %s = %s\n", f->id, name,
		    a->argv[2], norm);
	else
		printf("feed %" PRId64 " (%s): %s unset\n", f->id, name,
		    a->argv[2]);
	free(name);
	free(norm);
	return 0;
}

static int
cmd_feed(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store *st;
	struct store_feed f;
	char *cause = NULL;
	int rv;

	if (a->argc < 2 || cmd_is_option(a->argv[0]))
		return cmd_usage_error(x,
		    "give a feed (URL, id or name) and "
		    "set, get or unset");
	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	memset(&f, 0, sizeof f);
	if (store_feed_find(st, a->argv[0], &f, &cause) != 0) {
		store_close(st);
		return cmd_fail_hint(cause, "no feed with id ", CMD_HINT_FEEDS);
	}
	rv = feed_verb(x, st, &f, a);
	store_feed_clear(&f);
	store_close(st);
	return rv;
}

int
cmd_feed_settings_get(
    struct store *st, struct store_setting **list, size_t *n, char **cause)
{
	return store_settings(st, 0, list, n, cause);
}

char *
cmd_feed_settings_line(const struct store_setting *list, size_t n, int64_t feed)
{
	const struct feed_setting_info *known;
	size_t nk, i;
	char *line = NULL, *more, *safe;
	int set;
	const char *v;

	known = feed_settings_known(&nk);
	for (i = 0; i < nk; i++) {
		v = settings_value(list, n, feed, &known[i], &set);
		if (!set)
			continue;
		safe = cmd_safe(v);
		more = xasprintf("%s%s%s = %s", line != NULL ? line : "",
		    line != NULL ? ", " : "", known[i].key, safe);
		free(safe);
		free(line);
		line = more;
	}
	return line;
}

struct json_t *
cmd_feed_settings_json(const struct store_setting *list, size_t n, int64_t feed)
{
	const struct feed_setting_info *known;
	json_t *o;
	size_t nk, i;
	int set;

	o = json_object();
	known = feed_settings_known(&nk);
	for (i = 0; i < nk; i++)
		json_object_set_new(o, known[i].key,
		    cmd_json_str(
			settings_value(list, n, feed, &known[i], &set)));
	return o;
}
