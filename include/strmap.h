/*
 * strmap: a small hash table from strings to size_t values (open
 * addressing on util_fnv1a), for the sets and numberings of URLs and
 * names that html and opml keep.  Pure: no I/O, no globals.  The map
 * owns copies of its keys; a zeroed struct strmap is an empty map, and
 * strmap_free() empties it again.
 */
#ifndef ORRERY_STRMAP_H
#define ORRERY_STRMAP_H

#include <stddef.h>

struct strmap {
	char **keys; /* size slots, NULL when empty */
	size_t *vals;
	size_t size; /* a power of two, or 0 */
	size_t n;    /* keys held */
};

/* Is key in the map?  Its value goes to *val (when val is not NULL). */
int strmap_get(const struct strmap *, const char *key, size_t *val);

/* Add key (copied) with val unless it is there already: 1 when added,
 * 0 when it was there (its value is left as it was). */
int strmap_add(struct strmap *, const char *key, size_t val);

void strmap_free(struct strmap *);

#endif /* ORRERY_STRMAP_H */
