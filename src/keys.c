/*
 * keys: owns the table of actions (from the KEYS_ACTIONS X-macro), key
 * names both ways, and the key map built from the defaults and the [keys]
 * lists of a configuration.  Pure: no curses (ui.c translates curses'
 * codes into orrery's), no I/O, no globals beyond constant tables.
 *
 * Overrides work per action, not per view: a key the user gives to action
 * A is removed from the default list of every other action that shares a
 * view with A, so each action has one list of keys (what the help screen
 * shows and what `orrery config` prints, and printing it reads back as the
 * same map).
 */
#include "keys.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "width.h"

#define KEYS_NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Room for any key name and its NUL ("Backspace", "U+10FFFF", "C-a"). */
#define KEYS_NAME_LEN 16

/* How much of a bad key name an error message repeats. */
#define KEYS_SHOW_MAX 32

static const struct keys_info keys_table[] = {
	{ NULL, NULL, 0, NULL }, /* KEYS_NONE */
#define KEYS_ROW(id, name, def, ctx, help) { name, def, ctx, help },
	KEYS_ACTIONS(KEYS_ROW)
#undef KEYS_ROW
};

/* Names of keys without a character of their own; the first name of a
 * code is the one keys_name writes. */
static const struct {
	const char *name;
	int code;
} keys_names[] = {
	{ "Space", ' ' },
	{ "Enter", KEYS_ENTER },
	{ "Return", KEYS_ENTER },
	{ "Tab", KEYS_TAB },
	{ "BTab", KEYS_K_BTAB },
	{ "Esc", KEYS_ESC },
	{ "Backspace", KEYS_BACKSPACE },
	{ "BS", KEYS_BACKSPACE },
	{ "Up", KEYS_K_UP },
	{ "Down", KEYS_K_DOWN },
	{ "Left", KEYS_K_LEFT },
	{ "Right", KEYS_K_RIGHT },
	{ "PgUp", KEYS_K_PGUP },
	{ "PageUp", KEYS_K_PGUP },
	{ "PgDn", KEYS_K_PGDN },
	{ "PageDown", KEYS_K_PGDN },
	{ "Home", KEYS_K_HOME },
	{ "End", KEYS_K_END },
	{ "Insert", KEYS_K_INSERT },
	{ "Ins", KEYS_K_INSERT },
	{ "Delete", KEYS_K_DELETE },
	{ "Del", KEYS_K_DELETE },
};

struct keys_map {
	int codes[KEYS_NACTIONS][KEYS_MAX_PER_ACTION];
	int n[KEYS_NACTIONS];
};

const struct keys_info *
keys_info(enum keys_action a)
{
	if (a <= KEYS_NONE || a >= KEYS_NACTIONS)
		return NULL;
	return &keys_table[a];
}

enum keys_action
keys_find(const char *name)
{
	int a;

	if (name == NULL)
		return KEYS_NONE;
	for (a = KEYS_NONE + 1; a < KEYS_NACTIONS; a++) {
		if (util_strcaseeq(keys_table[a].name, name))
			return (enum keys_action)a;
	}
	return KEYS_NONE;
}

static int
keys_unknown(const char *s, size_t n, char **cause)
{
	char *safe;

	safe = util_safe(s, n, KEYS_SHOW_MAX);
	util_fail(cause,
	    "unknown key name \"%s\" (a character, C-x, F1 to F12, U+XXXX or "
	    "a name such as PageDown)",
	    safe);
	free(safe);
	return -1;
}

static int
keys_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "U+XXXX" (1 to 6 hex digits) of a Unicode scalar value, else -1. */
static int
keys_parse_uplus(const char *s, size_t n)
{
	size_t i;
	long v;
	int d;

	if (n < 3 || n > 8 || (s[0] != 'U' && s[0] != 'u') || s[1] != '+')
		return -1;
	v = 0;
	for (i = 2; i < n; i++) {
		d = keys_hex((unsigned char)s[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return -1;
	return (int)v;
}

/* The n bytes at s as a key name (not NUL-terminated: a list's word). */
static int
keys_parse_n(const char *s, size_t n, char **cause)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned int cp;
	size_t i, len;
	int c, f;

	if (n == 0)
		return util_fail(cause, "empty key name");

	/* One character is itself. */
	len = util_utf8_decode(u, n, &cp);
	if (len == n) {
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
			return util_fail(cause,
			    "a control character is not a key name; "
			    "write its name (Tab, Esc, C-a ...)");
		}
		return (int)cp;
	}

	/* C-a .. C-z and ^A .. ^Z, either case. */
	if ((n == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-') ||
	    (n == 2 && s[0] == '^')) {
		c = util_lower((unsigned char)s[n - 1]);
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		return keys_unknown(s, n, cause);
	}

	/* F1 .. F12 */
	if ((n == 2 || n == 3) && (s[0] == 'F' || s[0] == 'f') && s[1] >= '1' &&
	    s[1] <= '9') {
		f = s[1] - '0';
		if (n == 3) {
			if (s[2] < '0' || s[2] > '9')
				return keys_unknown(s, n, cause);
			f = f * 10 + (s[2] - '0');
		}
		if (f > 12)
			return keys_unknown(s, n, cause);
		return KEYS_K_F1 + f - 1;
	}

	c = keys_parse_uplus(s, n);
	if (c >= 0)
		return c;

	for (i = 0; i < KEYS_NITEMS(keys_names); i++) {
		if (strlen(keys_names[i].name) == n &&
		    util_strncaseeq(keys_names[i].name, s, n))
			return keys_names[i].code;
	}
	return keys_unknown(s, n, cause);
}

int
keys_parse(const char *s, char **cause)
{
	if (s == NULL)
		return util_fail(cause, "empty key name");
	return keys_parse_n(s, strlen(s), cause);
}

static int
keys_blank(char c)
{
	return c == ' ' || c == '\t';
}

int
keys_parse_list(const char *s, int *codes, size_t max, char **cause)
{
	const char *p;
	size_t n, count, words, i;
	int code, none;

	count = words = 0;
	none = 0;
	for (p = s != NULL ? s : ""; *p != '\0'; p += n) {
		while (keys_blank(*p))
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, " \t");
		words++;
		if (n == 4 && util_strncaseeq(p, "none", 4)) {
			none = 1;
			continue;
		}
		code = keys_parse_n(p, n, cause);
		if (code < 0)
			return -1;
		/* A key listed twice is harmless: keep it once. */
		for (i = 0; i < count; i++) {
			if (codes[i] == code)
				break;
		}
		if (i < count)
			continue;
		if (count == max)
			return util_fail(cause, "more than %zu keys", max);
		codes[count++] = code;
	}
	if (none && words > 1)
		return util_fail(cause, "\"none\" cannot go with other keys");
	return (int)count;
}

/* Characters that a key list shows by code: they are invisible alone. */
static int
keys_invisible(int c)
{
	if (c < 0x20 || (c >= 0x7f && c <= 0xa0))
		return 1;
	if (c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 ||
	    c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000 ||
	    c == 0xfeff)
		return 1;
	return width_char((unsigned int)c) == 0;
}

void
keys_name(int code, char *out, size_t len)
{
	char u[8];
	size_t i, n;

	if (len == 0)
		return;
	for (i = 0; i < KEYS_NITEMS(keys_names); i++) {
		if (keys_names[i].code == code) {
			snprintf(out, len, "%s", keys_names[i].name);
			return;
		}
	}
	if (code >= 1 && code <= 26) {
		snprintf(out, len, "C-%c", 'a' + code - 1);
		return;
	}
	if (code >= KEYS_K_F1 && code <= KEYS_K_F12) {
		snprintf(out, len, "F%d", code - KEYS_K_F1 + 1);
		return;
	}
	if (code < 0 || code >= KEYS_K_BASE ||
	    (code >= 0xd800 && code <= 0xdfff)) {
		snprintf(out, len, "unknown");
		return;
	}
	if (keys_invisible(code)) {
		snprintf(out, len, "U+%04X", (unsigned)code);
		return;
	}
	n = util_utf8_encode((unsigned int)code, u);
	u[n] = '\0';
	if (n >= len)
		snprintf(out, len, "?");
	else
		snprintf(out, len, "%s", u);
}

static const char *
keys_view_name(unsigned context)
{
	if (context & KEYS_IN_PLANET)
		return "the Planet view";
	if (context & KEYS_IN_SOURCES)
		return "the sources view";
	return "the pager";
}

static int
keys_has(const int *codes, int n, int code)
{
	int i;

	for (i = 0; i < n; i++) {
		if (codes[i] == code)
			return 1;
	}
	return 0;
}

struct keys_map *
keys_map_new(char *const *lists, char **cause)
{
	struct keys_map *map;
	int user[KEYS_NACTIONS];
	const char *list;
	char *msg, name[KEYS_NAME_LEN];
	unsigned shared;
	int a, b, i, j, n, q;

	map = xcalloc(1, sizeof *map);
	for (a = KEYS_NONE + 1; a < KEYS_NACTIONS; a++) {
		user[a] = lists != NULL && lists[a] != NULL;
		list = user[a] ? lists[a] : keys_table[a].def;
		n = keys_parse_list(
		    list, map->codes[a], KEYS_MAX_PER_ACTION, &msg);
		if (n < 0) {
			util_fail(cause, "%s%s: %s",
			    user[a] ? "" : "built-in default of ",
			    keys_table[a].name, msg);
			free(msg);
			free(map);
			return NULL;
		}
		map->n[a] = n;
	}

	/* A user's key leaves the defaults of actions that share a view. */
	for (a = KEYS_NONE + 1; a < KEYS_NACTIONS; a++) {
		if (user[a])
			continue;
		for (i = 0; i < map->n[a]; i++) {
			for (b = KEYS_NONE + 1; b < KEYS_NACTIONS; b++) {
				if (!user[b] ||
				    !(keys_table[a].contexts &
					keys_table[b].contexts))
					continue;
				if (keys_has(map->codes[b], map->n[b],
					map->codes[a][i]))
					break;
			}
			if (b == KEYS_NACTIONS)
				continue;
			memmove(&map->codes[a][i], &map->codes[a][i + 1],
			    (size_t)(map->n[a] - i - 1) *
				sizeof map->codes[a][0]);
			map->n[a]--;
			i--;
		}
	}

	/* What is left may not give one view a key twice. */
	for (a = KEYS_NONE + 1; a < KEYS_NACTIONS; a++) {
		for (b = a + 1; b < KEYS_NACTIONS; b++) {
			shared =
			    keys_table[a].contexts & keys_table[b].contexts;
			if (shared == 0)
				continue;
			for (i = 0; i < map->n[a]; i++) {
				j = map->codes[a][i];
				if (!keys_has(map->codes[b], map->n[b], j))
					continue;
				keys_name(j, name, sizeof name);
				/* The key '"' in other quotes. */
				q = j == '"' ? '\'' : '"';
				util_fail(cause,
				    "key %c%s%c is bound to both %s and %s in %s "
				    "(remove it from one)",
				    q, name, q, keys_table[a].name,
				    keys_table[b].name, keys_view_name(shared));
				free(map);
				return NULL;
			}
		}
	}
	/* A way out: a reader that cannot be left is no reader. */
	if (map->n[KEYS_A_BACK] == 0 && map->n[KEYS_A_QUIT] == 0) {
		util_fail(cause,
		    "no key is left to go back or quit: give back or quit a "
		    "key (their defaults: back = %s, quit = %s)",
		    keys_table[KEYS_A_BACK].def, keys_table[KEYS_A_QUIT].def);
		free(map);
		return NULL;
	}
	return map;
}

void
keys_map_free(struct keys_map *map)
{
	free(map);
}

enum keys_action
keys_lookup(const struct keys_map *map, unsigned context, int key)
{
	int a;

	if (map == NULL)
		return KEYS_NONE;
	for (a = KEYS_NONE + 1; a < KEYS_NACTIONS; a++) {
		if ((keys_table[a].contexts & context) != 0 &&
		    keys_has(map->codes[a], map->n[a], key))
			return (enum keys_action)a;
	}
	return KEYS_NONE;
}

void
keys_describe(
    const struct keys_map *map, enum keys_action a, char *out, size_t len)
{
	char name[KEYS_NAME_LEN];
	size_t used, n, sep;
	int i;

	if (len == 0)
		return;
	out[0] = '\0';
	if (map == NULL || a <= KEYS_NONE || a >= KEYS_NACTIONS)
		return;
	used = 0;
	for (i = 0; i < map->n[a]; i++) {
		keys_name(map->codes[a][i], name, sizeof name);
		sep = i > 0 ? 2 : 0;
		n = strlen(name);
		/* Whole names only: never half a name or half a character. */
		if (used + sep + n >= len)
			break;
		if (sep != 0)
			memcpy(out + used, ", ", 2);
		memcpy(out + used + sep, name, n);
		used += sep + n;
		out[used] = '\0';
	}
}

int
keys_first(
    const struct keys_map *map, enum keys_action a, char *out, size_t len)
{
	if (len > 0)
		out[0] = '\0';
	if (map == NULL || a <= KEYS_NONE || a >= KEYS_NACTIONS ||
	    map->n[a] == 0)
		return -1;
	keys_name(map->codes[a][0], out, len);
	return 0;
}

int
keys_check(const char *s, char **cause)
{
	int codes[KEYS_MAX_PER_ACTION];

	if (keys_parse_list(s, codes, KEYS_MAX_PER_ACTION, cause) < 0)
		return -1;
	return 0;
}
