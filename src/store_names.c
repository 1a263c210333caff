/*
 * store_names: finding a feed or a source by the name a person types --
 * whatever its case -- and, when none has it, the closest names for the
 * error.  store_feed_find (store.c) comes here when no URL or exact name
 * matched.  Reads only.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "near.h"
#include "util.h"

/* Names suggested at most. */
#define STORE_NAMES_NEAR 3

static const char *
store_names_shown(const struct store_feed *f)
{
	if (f->name != NULL && *f->name != '\0')
		return f->name;
	return f->title;
}

/*
 * The closest of names[0..n) to what, as "\"A\", \"B\"" (best first), or
 * NULL when none is close.
 */
static char *
store_names_near(const char *what, const char *const *names, size_t n)
{
	const char *best[STORE_NAMES_NEAR];
	int bestd[STORE_NAMES_NEAR], d;
	size_t i, k, nb = 0;
	struct buf b;
	char *s, *safe;

	for (i = 0; i < n; i++) {
		if (names[i] == NULL || !near_close(what, names[i]))
			continue;
		d = near_distance(what, names[i]);
		for (k = nb; k > 0 && bestd[k - 1] > d; k--) {
			if (k < STORE_NAMES_NEAR) {
				best[k] = best[k - 1];
				bestd[k] = bestd[k - 1];
			}
		}
		if (k < STORE_NAMES_NEAR) {
			best[k] = names[i];
			bestd[k] = d;
			if (nb < STORE_NAMES_NEAR)
				nb++;
		}
	}
	if (nb == 0)
		return NULL;
	buf_init(&b, 0);
	for (k = 0; k < nb; k++) {
		safe = util_safe(best[k], strlen(best[k]), 80);
		buf_printf(&b, "%s\"%s\"", k > 0 ? ", " : "", safe);
		free(safe);
	}
	s = xstrdup(b.data);
	buf_free(&b);
	return s;
}

/* "no WHAT X (the closest: ...; HINT)" into *cause; returns -1. */
static int
store_names_fail(char **cause, const char *kind, const char *what,
    const char *const *names, size_t n, const char *hint)
{
	char *near, *safe;

	near = store_names_near(what, names, n);
	safe = util_safe(what, strlen(what), 80);
	util_fail(cause, "no %s %s (%s%s%s%s)", kind, safe,
	    near != NULL ? "the closest: " : "", near != NULL ? near : "",
	    near != NULL ? "; " : "", hint);
	free(near);
	free(safe);
	return -1;
}

int
store_feed_find_loose(
    struct store *st, const char *what, struct store_feed *f, char **cause)
{
	struct store_feed *feeds;
	const char **names;
	size_t n, i, at = 0, found = 0;
	int rv;

	if (store_feeds(st, &feeds, &n, cause) != 0)
		return -1;
	names = xcalloc(n > 0 ? n : 1, sizeof *names);
	for (i = 0; i < n; i++) {
		names[i] = store_names_shown(&feeds[i]);
		if (names[i] != NULL && util_strcasecmp(names[i], what) == 0) {
			at = i;
			found++;
		}
	}
	if (found == 1) {
		/* The feed moves to *f; the list frees the rest. */
		*f = feeds[at];
		memset(&feeds[at], 0, sizeof feeds[at]);
		rv = 0;
	} else if (found > 1)
		rv = util_fail(cause,
		    "%s names more than one feed: give its id or URL "
		    "(orrery feeds)",
		    what);
	else
		rv = store_names_fail(cause, "feed with URL or name", what,
		    names, n, "orrery feeds lists them");
	free(names);
	store_feeds_free(feeds, n);
	return rv;
}

int
store_source_find(struct store *st, const char *what, char **name, char **cause)
{
	char **list;
	size_t n, i, found = 0, at = 0;
	int rv;

	*name = NULL;
	if (store_sources(st, &list, &n, cause) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(list[i], what) == 0)
			break;
	if (i < n) {
		found = 1;
		at = i;
	} else
		for (i = 0; i < n; i++)
			if (util_strcasecmp(list[i], what) == 0) {
				found++;
				at = i;
			}
	if (found == 1) {
		*name = list[at];
		list[at] = NULL;
		rv = 0;
	} else if (found > 1)
		rv = util_fail(cause,
		    "%s names more than one source, in different cases: give "
		    "it as orrery list --sources prints it",
		    what);
	else
		rv = store_names_fail(cause, "source named", what,
		    (const char *const *)list, n,
		    "orrery list --sources lists them");
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	return rv;
}
