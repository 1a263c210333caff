/*
 * feed_settings: the settings a feed can be given one by one (`orrery
 * feed NAME set KEY VALUE`), kept in the store's feed_settings table
 * (store_settings.h).  One table of known keys (name, values, default,
 * help) that the command, `orrery feeds` and the manual follow; today
 * full-text (fetch the whole article of each new post at refresh).
 * Pure: no store, no I/O.
 */
#ifndef ORRERY_FEED_SETTINGS_H
#define ORRERY_FEED_SETTINGS_H

#include <stddef.h>

/* Fetch the whole article of each new post of the feed during refresh. */
#define FEED_SETTING_FULL_TEXT "full-text"

struct feed_setting_info {
	const char *key;
	const char *def;  /* the value when unset */
	const char *help; /* one line */
};

/* The known keys, in the order they are listed; n of them. */
const struct feed_setting_info *feed_settings_known(size_t *n);

/*
 * Check value for key: 0 with the value as stored in *norm (malloc'd;
 * yes/no for a yes/no setting, which takes yes, no, on, off, true,
 * false, 1, 0 in any case), else -1 and *cause (one line: the unknown
 * key with the closest known ones, or what the value may be).
 */
int feed_setting_check(
    const char *key, const char *value, char **norm, char **cause);
/* 0 when key is known, else -1 and *cause as above. */
int feed_setting_known(const char *key, char **cause);

#endif /* ORRERY_FEED_SETTINGS_H */
