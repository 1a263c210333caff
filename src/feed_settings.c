/*
 * feed_settings: the table of per-feed settings and the check of their
 * values (feed_settings.h).  Pure: no store, no I/O, nothing printed.
 */
#include "feed_settings.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "near.h"
#include "util.h"

static const struct feed_setting_info feed_settings_table[] = {
	{ FEED_SETTING_FULL_TEXT, "no",
	    "at refresh, fetch and keep the whole article of each new post "
	    "(yes or no)" },
};
#define FEED_SETTINGS_N \
	(sizeof feed_settings_table / sizeof feed_settings_table[0])

const struct feed_setting_info *
feed_settings_known(size_t *n)
{
	*n = FEED_SETTINGS_N;
	return feed_settings_table;
}

int
feed_setting_known(const char *key, char **cause)
{
	struct buf b;
	size_t i;
	int close = 0;
	char *list;

	for (i = 0; i < FEED_SETTINGS_N; i++)
		if (strcmp(key, feed_settings_table[i].key) == 0)
			return 0;
	buf_init(&b, 0);
	for (i = 0; i < FEED_SETTINGS_N; i++)
		if (near_close(key, feed_settings_table[i].key)) {
			buf_printf(&b, "%s%s", close ? " or " : "",
			    feed_settings_table[i].key);
			close = 1;
		}
	if (!close)
		for (i = 0; i < FEED_SETTINGS_N; i++)
			buf_printf(&b, "%s%s", i > 0 ? ", " : "",
			    feed_settings_table[i].key);
	list = buf_detach(&b, NULL);
	util_fail(cause, "no feed setting %s (%s %s%s)", key,
	    close ? "did you mean" : "the settings are:",
	    list != NULL ? list : "", close ? "?" : "");
	free(list);
	return -1;
}

int
feed_setting_check(
    const char *key, const char *value, char **norm, char **cause)
{
	static const char *const yes[] = { "yes", "on", "true", "1" };
	static const char *const no[] = { "no", "off", "false", "0" };
	size_t i;

	if (feed_setting_known(key, cause) != 0)
		return -1;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (util_strcaseeq(value, yes[i])) {
			*norm = xstrdup("yes");
			return 0;
		}
		if (util_strcaseeq(value, no[i])) {
			*norm = xstrdup("no");
			return 0;
		}
	}
	return util_fail(cause, "%s takes yes or no, not %s", key, value);
}
