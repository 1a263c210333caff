/*
 * strmap: string-keyed hash table, linear probing, kept at most half
 * full.  Owns the key copies and the slot arrays; must stay pure (no
 * I/O, no globals) and know nothing of what the values mean.
 */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The slot holding key, or the empty slot where it would go. */
static size_t
strmap_slot(const struct strmap *m, const char *key)
{
	size_t h;

	h = (size_t)util_fnv1a(UTIL_FNV1A_INIT, key, strlen(key));
	h &= m->size - 1;
	while (m->keys[h] != NULL && strcmp(m->keys[h], key) != 0)
		h = (h + 1) & (m->size - 1);
	return h;
}

/* Double the slots (16 to start), moving every key. */
static void
strmap_grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t i, h;

	m->size = old.size == 0 ? 16 : old.size * 2;
	m->keys = xcalloc(m->size, sizeof *m->keys);
	m->vals = xcalloc(m->size, sizeof *m->vals);
	for (i = 0; i < old.size; i++) {
		if (old.keys[i] == NULL)
			continue;
		h = strmap_slot(m, old.keys[i]);
		m->keys[h] = old.keys[i];
		m->vals[h] = old.vals[i];
	}
	free(old.keys);
	free(old.vals);
}

int
strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	size_t h;

	if (m->size == 0)
		return 0;
	h = strmap_slot(m, key);
	if (m->keys[h] == NULL)
		return 0;
	if (val != NULL)
		*val = m->vals[h];
	return 1;
}

int
strmap_add(struct strmap *m, const char *key, size_t val)
{
	size_t h;

	if ((m->n + 1) * 2 > m->size)
		strmap_grow(m);
	h = strmap_slot(m, key);
	if (m->keys[h] != NULL)
		return 0;
	m->keys[h] = xstrdup(key);
	m->vals[h] = val;
	m->n++;
	return 1;
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->size; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
