/*
 * keys: key <-> action.  The list of actions with their default keys (one
 * X-macro that config.c turns into the [keys] rows of its table), key
 * names as config.ini writes them ("j", "C-d", "PgDn", "Space"), and the
 * lookup the UI does for every key press.  Pure: key codes are orrery's
 * own (below); ui.c translates curses' codes into them.
 */
#ifndef ORRERY_KEYS_H
#define ORRERY_KEYS_H

#include <stddef.h>

/* Where an action is looked up (bits, KEYS_IN_*): a key may mean different actions
 * in different views, but never two in one view. */
#define KEYS_IN_PLANET 0x1u
#define KEYS_IN_SOURCES 0x2u
#define KEYS_IN_PAGER 0x4u
#define KEYS_IN_LISTS (KEYS_IN_PLANET | KEYS_IN_SOURCES)
#define KEYS_IN_ALL (KEYS_IN_PLANET | KEYS_IN_SOURCES | KEYS_IN_PAGER)

/*
 * X(ID, "name", "default keys", contexts, "help").  The name is the
 * [keys] key; the default is a space-separated key list.
 */
#define KEYS_ACTIONS(X) \
	X(DOWN, "down", "j Down C-n C-e", KEYS_IN_ALL, "move down one line") \
	X(UP, "up", "k Up C-p C-y", KEYS_IN_ALL, "move up one line") \
	X(PAGE_DOWN, "page-down", "Space PgDn C-f f", KEYS_IN_ALL, \
	    "move down a page") \
	X(PAGE_UP, "page-up", "b PgUp C-b", KEYS_IN_ALL, "move up a page") \
	X(HALF_DOWN, "half-down", "d C-d", KEYS_IN_ALL, \
	    "move down half a page") \
	X(HALF_UP, "half-up", "C-u", KEYS_IN_ALL, "move up half a page") \
	X(TOP, "top", "g Home", KEYS_IN_ALL, "go to the first line") \
	X(BOTTOM, "bottom", "G End", KEYS_IN_ALL, "go to the last line") \
	X(OPEN, "open", "Enter l Right", KEYS_IN_LISTS, \
	    "open the selected entry or source") \
	X(BACK, "back", "q h", KEYS_IN_ALL, \
	    "go back; quit from the first view") \
	X(QUIT, "quit", "Q", KEYS_IN_ALL, "quit from anywhere") \
	X(REFRESH_ALL, "refresh-all", "r", KEYS_IN_ALL, "refresh every feed") \
	X(REFRESH_FEED, "refresh-feed", "R", KEYS_IN_ALL, \
	    "refresh the selected entry's or source's feed") \
	X(TOGGLE_READ, "toggle-read", "u", KEYS_IN_PLANET | KEYS_IN_PAGER, \
	    "mark read or unread") \
	X(TOGGLE_STAR, "toggle-star", "s", KEYS_IN_PLANET | KEYS_IN_PAGER, \
	    "star or unstar") \
	X(MARK_ALL_READ, "mark-all-read", "A", KEYS_IN_PLANET, \
	    "mark every entry shown read (asks first)") \
	X(UNREAD_ONLY, "unread-only", "t", KEYS_IN_PLANET, \
	    "show only unread entries, or all again") \
	X(STARRED_ONLY, "starred-only", "S", KEYS_IN_PLANET, \
	    "show only starred entries, or all again") \
	X(VIEWS, "views", "v", KEYS_IN_PLANET, \
	    "list the saved views of [views] to pick one (2v: the second)") \
	X(ALL_POSTS, "all-posts", "V", KEYS_IN_PLANET, \
	    "leave views and searches: every post again") \
	X(MUTE, "mute", "M", KEYS_IN_PLANET, \
	    "mute the selected entry's source (asks first)") \
	X(UNDO, "undo", "U", KEYS_IN_ALL, \
	    "take back the last marks (A, u, s, mark, mute), one batch a time") \
	X(SEARCH, "search", "/", KEYS_IN_ALL, \
	    "search entries (words, \"a phrase\", +unread, source:NAME ...)") \
	X(NEW_SINCE, "new-since", "`", KEYS_IN_PLANET, \
	    "go to where the entries new since the last quit begin") \
	X(NEXT_MATCH, "next-match", "n", KEYS_IN_LISTS, \
	    "go to the next entry or source matching the last search") \
	X(PREV_MATCH, "prev-match", "N", KEYS_IN_LISTS, \
	    "go to the previous match of the last search") \
	X(SOURCES, "sources", "Tab", KEYS_IN_ALL, \
	    "switch between the Planet and the sources view") \
	X(SORT, "sort", "O", KEYS_IN_SOURCES, \
	    "sort sources by name, unread count or error") \
	X(REMOVE_FEED, "remove-feed", "D", KEYS_IN_SOURCES, \
	    "unsubscribe from the selected source (asks first)") \
	X(ADD_FEED, "add-feed", "a", KEYS_IN_ALL, \
	    "subscribe to a feed (asks for its URL or file) and fetch it") \
	X(IMPORT, "import", "I", KEYS_IN_ALL, \
	    "subscribe to every feed of an OPML file or URL (asks)") \
	X(NEXT_ENTRY, "next-entry", "n", KEYS_IN_PAGER, "read the next entry") \
	X(PREV_ENTRY, "prev-entry", "p", KEYS_IN_PAGER, \
	    "read the previous entry") \
	X(NEXT_UNREAD, "next-unread", "N", KEYS_IN_PAGER, \
	    "read the next unread entry") \
	X(PREV_UNREAD, "prev-unread", "P", KEYS_IN_PAGER, \
	    "read the previous unread entry") \
	X(LINKS, "links", "L", KEYS_IN_PAGER, "go to the list of links") \
	X(FULL_ARTICLE, "full-article", "F", KEYS_IN_PAGER, \
	    "show the whole article from the post's page (fetched once, " \
	    "kept), or the feed's text again") \
	X(SCROLL_LEFT, "scroll-left", "Left", KEYS_IN_PAGER, \
	    "scroll wide code left") \
	X(SCROLL_RIGHT, "scroll-right", "Right", KEYS_IN_PAGER, \
	    "scroll wide code right") \
	X(BROWSER, "browser", "o", KEYS_IN_ALL, \
	    "open the entry's link in the browser (3o: link [3])") \
	X(COPY_LINK, "copy-link", "y", KEYS_IN_ALL, \
	    "copy the link to the clipboard (3y: link [3])") \
	X(REDRAW, "redraw", "C-l", KEYS_IN_ALL, "redraw the screen") \
	X(HELP, "help", "?", KEYS_IN_ALL, "list the keys")

enum keys_action {
	KEYS_NONE = 0,
#define KEYS_ENUM(id, name, def, ctx, help) KEYS_A_##id,
	KEYS_ACTIONS(KEYS_ENUM)
#undef KEYS_ENUM
	KEYS_NACTIONS
};

/*
 * Key codes.  A character is its Unicode code point; Ctrl-letter is 1-26
 * (C-a .. C-z); Enter is 13 (curses' KEY_ENTER, \n and \r all arrive as
 * Enter), Tab 9, Esc 27, Backspace 127.  Keys without a character are
 * KEYS_K_BASE and up.
 */
#define KEYS_ENTER 13
#define KEYS_TAB 9
#define KEYS_ESC 27
#define KEYS_BACKSPACE 127
#define KEYS_K_BASE 0x110000
enum keys_special {
	KEYS_K_UP = KEYS_K_BASE,
	KEYS_K_DOWN,
	KEYS_K_LEFT,
	KEYS_K_RIGHT,
	KEYS_K_PGUP,
	KEYS_K_PGDN,
	KEYS_K_HOME,
	KEYS_K_END,
	KEYS_K_INSERT,
	KEYS_K_DELETE,
	KEYS_K_BTAB, /* Shift-Tab */
	KEYS_K_F1,   /* F1 .. F12 follow */
	KEYS_K_F12 = KEYS_K_F1 + 11,
	KEYS_K_MAX
};

/* One action's facts from the X-macro. */
struct keys_info {
	const char *name;
	const char *def; /* default key list */
	unsigned contexts;
	const char *help;
};
/* Info for action a (KEYS_NONE < a < KEYS_NACTIONS). */
const struct keys_info *keys_info(enum keys_action);
/* The action called name, or KEYS_NONE. */
enum keys_action keys_find(const char *name);

/*
 * Parse one key name ("j", "?", "C-d", "Space", "PgDn", "F5", "U+00E9"
 * ...).  Names of special keys are case-insensitive; a single character
 * is itself.  Returns the code, or -1 with *cause set.
 */
int keys_parse(const char *, char **cause);
/*
 * Parse a space-separated list of key names into codes (at most max);
 * "none" or an empty string is no keys.  Returns the count, or -1 with
 * *cause set ("unknown key name \"Pgdown\"").
 */
int keys_parse_list(const char *, int *codes, size_t max, char **cause);
/* Write the name of a key (as keys_parse reads it) into out. */
void keys_name(int code, char *out, size_t len);

/* The most keys one action may have. */
#define KEYS_MAX_PER_ACTION 8

/*
 * A key map: the bindings of every action, from the defaults with the
 * [keys] lists of a configuration over them.
 */
struct keys_map;

/*
 * Build the map.  lists[a] is the configured key list for action a, or
 * NULL for its default (lists itself may be NULL: all defaults).  A key
 * the user gives to one action is taken away from any other action's
 * default in a view where both apply.  Fails, with *cause naming the
 * action, when a list does not parse or one view would get a key twice
 * from the user's lists.
 */
struct keys_map *keys_map_new(char *const *lists, char **cause);
void keys_map_free(struct keys_map *);
/* The action of key in a view (a KEYS_IN_PLANET/... bit), or KEYS_NONE. */
enum keys_action keys_lookup(
    const struct keys_map *, unsigned context, int key);
/*
 * The keys of action a, as names joined by ", " into out ("j, Down");
 * empty when it has none.
 */
void keys_describe(
    const struct keys_map *, enum keys_action, char *out, size_t len);

/* The name of action a's first key into out (for hints): 0, or -1 and
 * "" when it has none. */
int keys_first(
    const struct keys_map *, enum keys_action, char *out, size_t len);

/* Check a [keys] value: 0, or -1 with *cause (for config.c). */
int keys_check(const char *, char **cause);

#endif /* ORRERY_KEYS_H */
