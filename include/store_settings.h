/*
 * store_settings: the per-feed settings as the store keeps them
 * (feed_settings(feed_id, key, value), removed with the feed), in
 * store_settings.c; which keys and values are valid is feed_settings.h's
 * business, not the store's.  Nothing here prints.
 */
#ifndef ORRERY_STORE_SETTINGS_H
#define ORRERY_STORE_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* One setting of a feed. */
struct store_setting {
	int64_t feed;
	char *key, *value;
};

/* Set (replacing) or unset key for feed; unsetting what is not set is
 * no error.  -1 and *cause on failure. */
int store_setting_set(struct store *, int64_t feed, const char *key,
    const char *value, char **cause);
int store_setting_unset(
    struct store *, int64_t feed, const char *key, char **cause);
/*
 * The settings of feed (feed 0: of every feed), by feed then key, as a
 * malloc'd array of n (NULL when none); the caller frees it with
 * store_settings_free.
 */
int store_settings(struct store *, int64_t feed, struct store_setting **list,
    size_t *n, char **cause);
void store_settings_free(struct store_setting *, size_t);

#endif /* ORRERY_STORE_SETTINGS_H */
