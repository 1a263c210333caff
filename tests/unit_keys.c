/*
 * unit_keys: key names both ways, key lists, the key map (defaults,
 * overrides that take keys from defaults, collisions, lookup per view)
 * and the built-in table itself (no two defaults collide, every default
 * is written as keys_name writes it); also config_color_parse, the other
 * pure half of the [colors]/[keys] configuration.
 * Prints "ok - NAME" / "not ok - NAME: why" per check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "keys.h"
#include "util.h"

#include "check.h"

/* The hints the messages end with: what a value may be. */
#define NAME_HINT \
	" (a character, C-x, F1 to F12, U+XXXX or a name such as PageDown)"
#define COLOUR_HINT " (a name such as red or bright-red, default, or 0 to 255)"
#define ATTR_HINT \
	" (bold, dim, underline, reverse, italic, blink, standout or normal)"
#define NO_FG "no foreground colour (leave the key out for the default)"

/* lists[] for keys_map_new: NULL everywhere but what set() puts there. */
static char *lists[KEYS_NACTIONS];

static void
clear_lists(void)
{
	memset(lists, 0, sizeof lists);
}

static void
set(enum keys_action a, const char *list)
{
	lists[a] = (char *)(uintptr_t)list;
}

static struct keys_map *
map_of(const char *name)
{
	struct keys_map *m;
	char *cause = NULL;

	m = keys_map_new(lists, &cause);
	if (m == NULL) {
		check(0, name, "keys_map_new: %s", cause);
		free(cause);
	}
	return m;
}

static void
test_table(void)
{
	const struct keys_info *ki;
	char buf[64];
	int a, bad;

	bad = 0;
	for (a = KEYS_NONE + 1; a < KEYS_NACTIONS; a++) {
		ki = keys_info((enum keys_action)a);
		if (ki == NULL || ki->name == NULL || ki->def == NULL ||
		    ki->help == NULL || ki->contexts == 0 ||
		    (ki->contexts & ~KEYS_IN_ALL) != 0 ||
		    (int)keys_find(ki->name) != a) {
			bad = a;
			break;
		}
	}
	check(bad == 0, "every action has a name, keys, views and help",
	    "action %d", bad);
	check(keys_info(KEYS_NONE) == NULL && keys_info(KEYS_NACTIONS) == NULL,
	    "keys_info out of range", "not NULL");
	check(keys_find("nope") == KEYS_NONE && keys_find("") == KEYS_NONE &&
		keys_find(NULL) == KEYS_NONE,
	    "keys_find unknown", "found something");
	check(keys_find("next-match") == KEYS_A_NEXT_MATCH,
	    "keys_find next-match", "got %d", keys_find("next-match"));
	snprintf(buf, sizeof buf, "%s", keys_info(KEYS_A_HELP)->def);
	check(strcmp(buf, "?") == 0, "help is ?", "got %s", buf);
}

struct name_case {
	const char *name;
	int code;
};

static void
test_parse(void)
{
	static const struct name_case good[] = {
		{ "j", 'j' },
		{ "G", 'G' },
		{ "g", 'g' },
		{ "?", '?' },
		{ "/", '/' },
		{ "^", '^' },
		{ "-", '-' },
		{ "C", 'C' },
		{ "F", 'F' },
		{ "\xc3\xa9", 0xe9 },		 /* é */
		{ "\xc3\x89", 0xc9 },		 /* É */
		{ "\xe4\xb8\xad", 0x4e2d },	 /* 中 */
		{ "\xf0\x9f\x98\x80", 0x1f600 }, /* an emoji */
		{ "C-a", 1 },
		{ "C-d", 4 },
		{ "C-D", 4 },
		{ "c-d", 4 },
		{ "^D", 4 },
		{ "^d", 4 },
		{ "C-z", 26 },
		{ "Space", ' ' },
		{ "SPACE", ' ' },
		{ "space", ' ' },
		{ "Enter", KEYS_ENTER },
		{ "Return", KEYS_ENTER },
		{ "enter", KEYS_ENTER },
		{ "C-m", KEYS_ENTER },
		{ "Tab", KEYS_TAB },
		{ "C-i", KEYS_TAB },
		{ "BTab", KEYS_K_BTAB },
		{ "btab", KEYS_K_BTAB },
		{ "Esc", KEYS_ESC },
		{ "ESC", KEYS_ESC },
		{ "Backspace", KEYS_BACKSPACE },
		{ "BS", KEYS_BACKSPACE },
		{ "bs", KEYS_BACKSPACE },
		{ "Up", KEYS_K_UP },
		{ "down", KEYS_K_DOWN },
		{ "LEFT", KEYS_K_LEFT },
		{ "Right", KEYS_K_RIGHT },
		{ "PgUp", KEYS_K_PGUP },
		{ "PageUp", KEYS_K_PGUP },
		{ "PgDn", KEYS_K_PGDN },
		{ "pgdn", KEYS_K_PGDN },
		{ "PageDown", KEYS_K_PGDN },
		{ "Home", KEYS_K_HOME },
		{ "End", KEYS_K_END },
		{ "Insert", KEYS_K_INSERT },
		{ "Ins", KEYS_K_INSERT },
		{ "Delete", KEYS_K_DELETE },
		{ "Del", KEYS_K_DELETE },
		{ "F1", KEYS_K_F1 },
		{ "f5", KEYS_K_F1 + 4 },
		{ "F10", KEYS_K_F1 + 9 },
		{ "F12", KEYS_K_F12 },
		{ "U+00E9", 0xe9 },
		{ "u+e9", 0xe9 },
		{ "U+0041", 'A' },
		{ "U+10FFFF", 0x10ffff },
		{ "U+0000", 0 },
	};
	static const char *const bad[] = { "", "Pgdown", "PageDn", "F0", "F13",
		"F01", "F1a", "C-1", "C-", "C-dd", "^1", "ab", "jj", "M-x",
		"Space2", "U+", "U+D800", "U+110000", "U+12345678", "U+12G4",
		"\x01", "\x1b", "\x7f", "\xc2\x85", "\xff", "\xc3", "j k" };
	char *cause, what[64];
	size_t i;
	int code;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		cause = NULL;
		code = keys_parse(good[i].name, &cause);
		snprintf(what, sizeof what, "parse \"%s\"", good[i].name);
		check(code == good[i].code, what, "got %d, want %d (%s)", code,
		    good[i].code, cause ? cause : "");
		free(cause);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		code = keys_parse(bad[i], &cause);
		snprintf(what, sizeof what, "bad name %zu", i);
		check(code == -1 && cause != NULL, what, "got %d", code);
		free(cause);
	}
	cause = NULL;
	code = keys_parse("Pgdown", &cause);
	check(code == -1 && cause != NULL &&
		strcmp(cause, "unknown key name \"Pgdown\"" NAME_HINT) == 0,
	    "bad name: message", "got %s", cause ? cause : "(null)");
	free(cause);
	/* A control character in a bad name is not echoed to the terminal. */
	cause = NULL;
	keys_parse("x\x1b[31m", &cause);
	check(cause != NULL && strchr(cause, '\x1b') == NULL,
	    "bad name: no control characters in the message", "got %s",
	    cause ? cause : "(null)");
	free(cause);
	check(keys_parse(NULL, NULL) == -1, "parse NULL", "accepted");
}

static void
test_names(void)
{
	static const struct name_case canon[] = {
		{ "j", 'j' },
		{ "G", 'G' },
		{ "?", '?' },
		{ "#", '#' },
		{ "\"", '"' },
		{ "\\", '\\' },
		{ "\xc3\xa9", 0xe9 },
		{ "C-d", 4 },
		{ "C-h", 8 },
		{ "Space", ' ' },
		{ "Enter", KEYS_ENTER },
		{ "Tab", KEYS_TAB },
		{ "BTab", KEYS_K_BTAB },
		{ "Esc", KEYS_ESC },
		{ "Backspace", KEYS_BACKSPACE },
		{ "Up", KEYS_K_UP },
		{ "Down", KEYS_K_DOWN },
		{ "Left", KEYS_K_LEFT },
		{ "Right", KEYS_K_RIGHT },
		{ "PgUp", KEYS_K_PGUP },
		{ "PgDn", KEYS_K_PGDN },
		{ "Home", KEYS_K_HOME },
		{ "End", KEYS_K_END },
		{ "Insert", KEYS_K_INSERT },
		{ "Delete", KEYS_K_DELETE },
		{ "F1", KEYS_K_F1 },
		{ "F12", KEYS_K_F12 },
		{ "U+0000", 0 },
		{ "U+001C", 28 },
		{ "U+0085", 0x85 },
		{ "U+00A0", 0xa0 }, /* invisible alone: named by code */
		{ "U+0301", 0x301 },
		{ "U+3000", 0x3000 },
	};
	char name[32], what[64], *cause;
	size_t i;
	int c, code, bad;

	for (i = 0; i < sizeof canon / sizeof canon[0]; i++) {
		keys_name(canon[i].code, name, sizeof name);
		snprintf(what, sizeof what, "canonical name %s", canon[i].name);
		check(strcmp(name, canon[i].name) == 0, what,
		    "code %d: got \"%s\", want \"%s\"", canon[i].code, name,
		    canon[i].name);
	}

	/* Every code with a name reads back as itself. */
	bad = -1;
	for (c = 0; c < 0x3100 && bad < 0; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		keys_name(c, name, sizeof name);
		cause = NULL;
		code = keys_parse(name, &cause);
		if (code != c)
			bad = c;
		free(cause);
	}
	for (c = KEYS_K_BASE; c < KEYS_K_MAX && bad < 0; c++) {
		keys_name(c, name, sizeof name);
		if (keys_parse(name, NULL) != c)
			bad = c;
	}
	for (c = 0x1f000; c < 0x1f700 && bad < 0; c++) {
		keys_name(c, name, sizeof name);
		if (keys_parse(name, NULL) != c)
			bad = c;
	}
	if (bad >= 0)
		keys_name(bad, name, sizeof name);
	check(bad < 0, "names round-trip", "code %d named \"%s\"", bad, name);

	keys_name(KEYS_K_MAX, name, sizeof name);
	check(strcmp(name, "unknown") == 0, "name of a code that is no key",
	    "got %s", name);
	keys_name(-3, name, sizeof name);
	check(strcmp(name, "unknown") == 0, "name of a negative code", "got %s",
	    name);
	memset(name, 'x', sizeof name);
	keys_name(KEYS_BACKSPACE, name, 4);
	check(strcmp(name, "Bac") == 0 && name[4] == 'x',
	    "keys_name stays in its buffer", "got %.8s", name);
	memset(name, 'x', sizeof name);
	keys_name(0xe9, name, 2);
	check(name[0] != '\xc3' && name[1] == '\0',
	    "keys_name never writes half a character", "got %02x",
	    (unsigned char)name[0]);
}

static void
test_lists(void)
{
	int codes[KEYS_MAX_PER_ACTION + 4];
	char *cause;
	int n;

	n = keys_parse_list("j Down C-n", codes, KEYS_MAX_PER_ACTION, NULL);
	check(n == 3 && codes[0] == 'j' && codes[1] == KEYS_K_DOWN &&
		codes[2] == 14,
	    "list", "got %d", n);
	n = keys_parse_list("  j\tk  ", codes, KEYS_MAX_PER_ACTION, NULL);
	check(n == 2 && codes[0] == 'j' && codes[1] == 'k', "list blanks",
	    "got %d", n);
	check(keys_parse_list("none", codes, KEYS_MAX_PER_ACTION, NULL) == 0,
	    "none", "not empty");
	check(keys_parse_list(" NONE ", codes, KEYS_MAX_PER_ACTION, NULL) == 0,
	    "NONE", "not empty");
	check(keys_parse_list("", codes, KEYS_MAX_PER_ACTION, NULL) == 0,
	    "empty list", "not empty");
	n = keys_parse_list("j j J", codes, KEYS_MAX_PER_ACTION, NULL);
	check(n == 2 && codes[0] == 'j' && codes[1] == 'J',
	    "a key listed twice counts once", "got %d", n);
	check(keys_parse_list(
		  "1 2 3 4 5 6 7 8", codes, KEYS_MAX_PER_ACTION, NULL) == 8,
	    "8 keys", "refused");
	cause = NULL;
	n = keys_parse_list(
	    "1 2 3 4 5 6 7 8 9", codes, KEYS_MAX_PER_ACTION, &cause);
	check(
	    n == -1 && cause != NULL && strcmp(cause, "more than 8 keys") == 0,
	    "9 keys", "got %d %s", n, cause ? cause : "");
	free(cause);
	cause = NULL;
	n = keys_parse_list("none j", codes, KEYS_MAX_PER_ACTION, &cause);
	check(n == -1 && cause != NULL, "none with a key", "got %d", n);
	free(cause);
	cause = NULL;
	n = keys_parse_list("j Pgdown k", codes, KEYS_MAX_PER_ACTION, &cause);
	check(n == -1 && cause != NULL &&
		strcmp(cause, "unknown key name \"Pgdown\"" NAME_HINT) == 0,
	    "list with a bad name", "got %d %s", n, cause ? cause : "");
	free(cause);
	check(keys_check("C-D ^u PageDown", NULL) == 0, "keys_check good",
	    "refused");
	cause = NULL;
	check(keys_check("C-1", &cause) == -1 && cause != NULL,
	    "keys_check bad", "accepted");
	free(cause);
}

/* Each default list is written the way keys_name writes it. */
static void
test_defaults(void)
{
	const struct keys_info *ki, *kj;
	int codes[KEYS_MAX_PER_ACTION], cj[KEYS_MAX_PER_ACTION];
	char name[32], text[256], *cause;
	int a, b, i, j, n, m, bad;
	size_t used;

	bad = 0;
	for (a = KEYS_NONE + 1; a < KEYS_NACTIONS && bad == 0; a++) {
		ki = keys_info((enum keys_action)a);
		cause = NULL;
		n = keys_parse_list(
		    ki->def, codes, KEYS_MAX_PER_ACTION, &cause);
		if (n <= 0) {
			check(0, "defaults parse", "%s: %s", ki->name,
			    cause ? cause : "no keys");
			free(cause);
			bad = a;
			break;
		}
		used = 0;
		text[0] = '\0';
		for (i = 0; i < n; i++) {
			keys_name(codes[i], name, sizeof name);
			used += (size_t)snprintf(text + used,
			    sizeof text - used, "%s%s", i > 0 ? " " : "", name);
		}
		if (strcmp(text, ki->def) != 0) {
			check(0, "defaults are canonical",
			    "%s: \"%s\" is \"%s\"", ki->name, ki->def, text);
			bad = a;
		}
	}
	check(bad == 0, "defaults parse and are canonical", "see above");

	/* No two defaults give one view the same key. */
	bad = 0;
	for (a = KEYS_NONE + 1; a < KEYS_NACTIONS; a++) {
		ki = keys_info((enum keys_action)a);
		n = keys_parse_list(ki->def, codes, KEYS_MAX_PER_ACTION, NULL);
		for (b = a + 1; b < KEYS_NACTIONS; b++) {
			kj = keys_info((enum keys_action)b);
			if ((ki->contexts & kj->contexts) == 0)
				continue;
			m = keys_parse_list(
			    kj->def, cj, KEYS_MAX_PER_ACTION, NULL);
			for (i = 0; i < n; i++) {
				for (j = 0; j < m; j++) {
					if (codes[i] != cj[j])
						continue;
					keys_name(codes[i], name, sizeof name);
					check(0, "defaults do not collide",
					    "%s and %s both have %s", ki->name,
					    kj->name, name);
					bad = 1;
				}
			}
		}
	}
	check(bad == 0, "no two defaults share a key in one view", "see above");
	clear_lists();
	cause = NULL;
	{
		struct keys_map *m0 = keys_map_new(NULL, &cause);

		check(
		    m0 != NULL, "keys_map_new(NULL)", "%s", cause ? cause : "");
		keys_map_free(m0);
		free(cause);
	}
}

static void
test_lookup(void)
{
	struct keys_map *m;
	char d[128];

	clear_lists();
	m = map_of("defaults");
	if (m == NULL)
		return;
	check(keys_lookup(m, KEYS_IN_PLANET, 'n') == KEYS_A_NEXT_MATCH,
	    "n in the Planet view is next-match", "got %d",
	    keys_lookup(m, KEYS_IN_PLANET, 'n'));
	check(keys_lookup(m, KEYS_IN_SOURCES, 'n') == KEYS_A_NEXT_MATCH,
	    "n in the sources view is next-match", "got %d",
	    keys_lookup(m, KEYS_IN_SOURCES, 'n'));
	check(keys_lookup(m, KEYS_IN_PAGER, 'n') == KEYS_A_NEXT_ENTRY,
	    "n in the pager is next-entry", "got %d",
	    keys_lookup(m, KEYS_IN_PAGER, 'n'));
	check(keys_lookup(m, KEYS_IN_PAGER, 'N') == KEYS_A_NEXT_UNREAD,
	    "N in the pager is next-unread", "got %d",
	    keys_lookup(m, KEYS_IN_PAGER, 'N'));
	check(keys_lookup(m, KEYS_IN_PLANET, KEYS_K_RIGHT) == KEYS_A_OPEN &&
		keys_lookup(m, KEYS_IN_SOURCES, KEYS_K_RIGHT) == KEYS_A_OPEN,
	    "Right in the lists is open", "got %d",
	    keys_lookup(m, KEYS_IN_PLANET, KEYS_K_RIGHT));
	check(
	    keys_lookup(m, KEYS_IN_PAGER, KEYS_K_RIGHT) == KEYS_A_SCROLL_RIGHT,
	    "Right in the pager is scroll-right", "got %d",
	    keys_lookup(m, KEYS_IN_PAGER, KEYS_K_RIGHT));
	check(keys_lookup(m, KEYS_IN_PLANET, KEYS_K_LEFT) == KEYS_NONE,
	    "Left in the Planet view is nothing", "got %d",
	    keys_lookup(m, KEYS_IN_PLANET, KEYS_K_LEFT));
	check(keys_lookup(m, KEYS_IN_PAGER, 'l') == KEYS_NONE,
	    "l in the pager is nothing", "got %d",
	    keys_lookup(m, KEYS_IN_PAGER, 'l'));
	check(keys_lookup(m, KEYS_IN_PAGER, 'j') == KEYS_A_DOWN &&
		keys_lookup(m, KEYS_IN_PLANET, 'j') == KEYS_A_DOWN &&
		keys_lookup(m, KEYS_IN_SOURCES, 'j') == KEYS_A_DOWN,
	    "j is down everywhere", "no");
	check(keys_lookup(m, KEYS_IN_PLANET, KEYS_ENTER) == KEYS_A_OPEN,
	    "Enter opens", "got %d", keys_lookup(m, KEYS_IN_PLANET, 13));
	check(keys_lookup(m, KEYS_IN_PLANET, 'J') == KEYS_NONE,
	    "J is nothing (keys are case-sensitive)", "got %d",
	    keys_lookup(m, KEYS_IN_PLANET, 'J'));
	check(keys_lookup(m, KEYS_IN_SOURCES, 'D') == KEYS_A_REMOVE_FEED &&
		keys_lookup(m, KEYS_IN_PLANET, 'D') == KEYS_NONE,
	    "D only in the sources view", "no");
	check(keys_lookup(NULL, KEYS_IN_PLANET, 'j') == KEYS_NONE,
	    "lookup in no map", "found");

	keys_describe(m, KEYS_A_DOWN, d, sizeof d);
	check(strcmp(d, "j, Down, C-n, C-e") == 0, "describe", "got \"%s\"", d);
	keys_describe(m, KEYS_A_DOWN, d, 8);
	check(strcmp(d, "j, Down") == 0, "describe cut on whole names",
	    "got \"%s\"", d);
	keys_describe(m, KEYS_A_DOWN, d, 1);
	check(d[0] == '\0', "describe in one byte", "got \"%s\"", d);
	keys_describe(m, KEYS_A_HELP, d, sizeof d);
	check(strcmp(d, "?") == 0, "describe help", "got \"%s\"", d);
	keys_describe(m, KEYS_NONE, d, sizeof d);
	check(d[0] == '\0', "describe KEYS_NONE", "got \"%s\"", d);
	keys_map_free(m);
	keys_map_free(NULL);
}

static void
test_overrides(void)
{
	struct keys_map *m;
	char d[128], *cause;

	/* open takes n: next-match loses it, next-entry (pager) keeps it. */
	clear_lists();
	set(KEYS_A_OPEN, "n");
	m = map_of("open = n");
	if (m != NULL) {
		check(keys_lookup(m, KEYS_IN_PLANET, 'n') == KEYS_A_OPEN,
		    "override: n opens", "got %d",
		    keys_lookup(m, KEYS_IN_PLANET, 'n'));
		check(keys_lookup(m, KEYS_IN_PAGER, 'n') == KEYS_A_NEXT_ENTRY,
		    "override: n is still next-entry in the pager", "got %d",
		    keys_lookup(m, KEYS_IN_PAGER, 'n'));
		keys_describe(m, KEYS_A_NEXT_MATCH, d, sizeof d);
		check(d[0] == '\0', "override: next-match lost n", "has %s", d);
		check(keys_lookup(m, KEYS_IN_PLANET, KEYS_ENTER) == KEYS_NONE,
		    "override: a list replaces the default", "Enter is %d",
		    keys_lookup(m, KEYS_IN_PLANET, KEYS_ENTER));
		keys_map_free(m);
	}

	/* An action of every view takes a key from each view's default. */
	clear_lists();
	set(KEYS_A_TOP, "n Home");
	m = map_of("top = n Home");
	if (m != NULL) {
		check(keys_lookup(m, KEYS_IN_PLANET, 'n') == KEYS_A_TOP &&
			keys_lookup(m, KEYS_IN_PAGER, 'n') == KEYS_A_TOP,
		    "override in every view", "no");
		keys_describe(m, KEYS_A_NEXT_ENTRY, d, sizeof d);
		check(d[0] == '\0', "override: next-entry lost n", "has %s", d);
		keys_describe(m, KEYS_A_PREV_ENTRY, d, sizeof d);
		check(strcmp(d, "p") == 0, "override: others keep theirs",
		    "prev-entry has %s", d);
		keys_map_free(m);
	}

	/* Views that do not meet do not take keys from each other. */
	clear_lists();
	set(KEYS_A_SORT, "u O");
	m = map_of("sort = u O");
	if (m != NULL) {
		check(keys_lookup(m, KEYS_IN_SOURCES, 'u') == KEYS_A_SORT &&
			keys_lookup(m, KEYS_IN_PLANET, 'u') ==
			    KEYS_A_TOGGLE_READ &&
			keys_lookup(m, KEYS_IN_PAGER, 'u') ==
			    KEYS_A_TOGGLE_READ,
		    "override in one view only", "no");
		keys_map_free(m);
	}

	/* A pager action takes g from top everywhere: an action has one
	 * list of keys, the one the help and `orrery config` show. */
	clear_lists();
	set(KEYS_A_NEXT_ENTRY, "g");
	m = map_of("next-entry = g");
	if (m != NULL) {
		check(keys_lookup(m, KEYS_IN_PAGER, 'g') == KEYS_A_NEXT_ENTRY,
		    "override: g is next-entry", "got %d",
		    keys_lookup(m, KEYS_IN_PAGER, 'g'));
		keys_describe(m, KEYS_A_TOP, d, sizeof d);
		check(strcmp(d, "Home") == 0, "override: top lost g",
		    "top has %s", d);
		check(keys_lookup(m, KEYS_IN_PAGER, 'n') == KEYS_NONE,
		    "override: n is free in the pager", "got %d",
		    keys_lookup(m, KEYS_IN_PAGER, 'n'));
		keys_map_free(m);
	}

	/* Swapping two defaults is two user lists: fine. */
	clear_lists();
	set(KEYS_A_DOWN, "k");
	set(KEYS_A_UP, "j");
	m = map_of("swap j and k");
	if (m != NULL) {
		check(keys_lookup(m, KEYS_IN_PLANET, 'k') == KEYS_A_DOWN &&
			keys_lookup(m, KEYS_IN_PLANET, 'j') == KEYS_A_UP,
		    "swap j and k", "no");
		keys_map_free(m);
	}

	/* "none" unbinds. */
	clear_lists();
	set(KEYS_A_HELP, "none");
	m = map_of("help = none");
	if (m != NULL) {
		check(keys_lookup(m, KEYS_IN_PLANET, '?') == KEYS_NONE,
		    "help = none", "? is %d",
		    keys_lookup(m, KEYS_IN_PLANET, '?'));
		keys_map_free(m);
	}

	/* Two user lists with one key in one view. */
	clear_lists();
	set(KEYS_A_OPEN, "x");
	set(KEYS_A_NEXT_MATCH, "y x");
	cause = NULL;
	m = keys_map_new(lists, &cause);
	check(m == NULL && cause != NULL &&
		strcmp(cause,
		    "key \"x\" is bound to both open and "
		    "next-match in the Planet view (remove it from one)") == 0,
	    "user collision", "got %s", cause ? cause : "a map");
	keys_map_free(m);
	free(cause);

	clear_lists();
	set(KEYS_A_REMOVE_FEED, "x");
	set(KEYS_A_LINKS, "x");
	set(KEYS_A_TOGGLE_STAR, "x");
	cause = NULL;
	m = keys_map_new(lists, &cause);
	check(m == NULL && cause != NULL &&
		strstr(cause, "toggle-star and links in the pager") != NULL,
	    "user collision names the view", "got %s", cause ? cause : "a map");
	keys_map_free(m);
	free(cause);

	clear_lists();
	set(KEYS_A_SEARCH, "\"");
	set(KEYS_A_HELP, "\"");
	cause = NULL;
	m = keys_map_new(lists, &cause);
	check(m == NULL && cause != NULL && strstr(cause, "key '\"' ") != NULL,
	    "user collision on the key \"", "got %s", cause ? cause : "a map");
	keys_map_free(m);
	free(cause);

	/* Same key, views that do not meet: fine. */
	clear_lists();
	set(KEYS_A_REMOVE_FEED, "x");
	set(KEYS_A_LINKS, "x");
	m = map_of("one key, two views");
	if (m != NULL) {
		check(keys_lookup(m, KEYS_IN_SOURCES, 'x') ==
			    KEYS_A_REMOVE_FEED &&
			keys_lookup(m, KEYS_IN_PAGER, 'x') == KEYS_A_LINKS &&
			keys_lookup(m, KEYS_IN_PLANET, 'x') == KEYS_NONE,
		    "one key, two views", "no");
		keys_map_free(m);
	}

	/* A list that does not parse names its action. */
	clear_lists();
	set(KEYS_A_OPEN, "Enter Pgdown");
	cause = NULL;
	m = keys_map_new(lists, &cause);
	check(m == NULL && cause != NULL &&
		strcmp(cause, "open: unknown key name \"Pgdown\"" NAME_HINT) ==
		    0,
	    "bad list names its action", "got %s", cause ? cause : "a map");
	keys_map_free(m);
	free(cause);
	clear_lists();
}

struct color_case {
	const char *text;
	int fg, bg;
	unsigned attrs;
};

static void
test_colors(void)
{
	static const struct color_case good[] = {
		{ "red", 1, -1, 0 },
		{ "default", -1, -1, 0 },
		{ "default default", -1, -1, 0 },
		{ "RED Blue BOLD", 1, 4, CONFIG_A_BOLD },
		{ "black white", 0, 7, 0 },
		{ "bright-black bright-white", 8, 15, 0 },
		{ "Bright-Red", 9, -1, 0 },
		{ "color0 color255", 0, 255, 0 },
		{ "COLOR17", 17, -1, 0 },
		{ "200 0 normal", 200, 0, 0 },
		{ "042", 42, -1, 0 },
		{ "  green \t default   dim  ", 2, -1, CONFIG_A_DIM },
		{ "cyan magenta bold dim underline reverse italic blink "
		  "standout",
		    6, 5,
		    CONFIG_A_BOLD | CONFIG_A_DIM | CONFIG_A_UNDERLINE |
			CONFIG_A_REVERSE | CONFIG_A_ITALIC | CONFIG_A_BLINK |
			CONFIG_A_STANDOUT },
		{ "yellow bold", 3, -1, CONFIG_A_BOLD },
		{ "default default normal bold", -1, -1, CONFIG_A_BOLD },
	};
	static const struct {
		const char *text, *cause;
	} bad[] = {
		{ "purpel", "unknown colour \"purpel\"" COLOUR_HINT },
		{ "red purpel",
		    "unknown colour or attribute \"purpel\" "
		    "(orrery.ini(5) lists them)" },
		{ "red blue purpel", "unknown attribute \"purpel\"" ATTR_HINT },
		{ "red bold purpel", "unknown attribute \"purpel\"" ATTR_HINT },
		{ "red blue green",
		    "a third colour \"green\" (a foreground and a background "
		    "at most)" },
		{ "red bold blue",
		    "colour \"blue\" after an attribute (colours come first)" },
		{ "bold", "\"bold\" comes before the foreground colour" },
		{ "color256",
		    "colour \"color256\" is out of range (0 to 255)" },
		{ "red 9223372036854775807",
		    "colour \"9223372036854775807\" is out of range (0 to 255)" },
		{ "", NO_FG },
		{ "   ", NO_FG },
		{ "bright-default",
		    "unknown colour \"bright-default\"" COLOUR_HINT },
		{ "color", "unknown colour \"color\"" COLOUR_HINT },
		{ "color-1", "unknown colour \"color-1\"" COLOUR_HINT },
		{ "-1", "unknown colour \"-1\"" COLOUR_HINT },
		{ "red\x1b[0m", "unknown colour \"red?[0m\"" COLOUR_HINT },
	};
	struct config_color cc;
	char *cause;
	size_t i;
	int r;

	check_begin("color");
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		cause = NULL;
		memset(&cc, 0x55, sizeof cc);
		r = config_color_parse(good[i].text, &cc, &cause);
		if (r == 0) {
			check_pass("\"%s\"", good[i].text);
			if (cc.fg != good[i].fg || cc.bg != good[i].bg ||
			    cc.attrs != good[i].attrs)
				check_fail("\"%s\": got %d %d %#x",
				    good[i].text, cc.fg, cc.bg, cc.attrs);
		} else
			check_fail("\"%s\": %s", good[i].text, cause);
		free(cause);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		r = config_color_parse(bad[i].text, &cc, &cause);
		if (r == -1 && cause != NULL &&
		    strcmp(cause, bad[i].cause) == 0)
			check_pass("bad \"%s\"", bad[i].cause);
		else
			check_fail("bad %zu: got %d \"%s\", want \"%s\"", i, r,
			    cause ? cause : "", bad[i].cause);
		free(cause);
	}

	/* Every built-in default parses. */
	r = 0;
#define COLOR_DEFAULT(id, name, def, help) \
	if (config_color_parse(def, NULL, NULL) != 0) { \
		check_fail("default of %s: \"%s\"", name, def); \
		r = 1; \
	}
	CONFIG_COLORS(COLOR_DEFAULT)
#undef COLOR_DEFAULT
	if (r == 0)
		check_pass("every default parses");
	check_begin("keys");
}

int
main(void)
{
	check_begin("keys");
	test_table();
	test_parse();
	test_names();
	test_lists();
	test_defaults();
	test_lookup();
	test_overrides();
	test_colors();
	return check_done();
}
