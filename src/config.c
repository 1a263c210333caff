/*
 * config: owns the key table and turns config.ini into an immutable struct
 * config (defaults, parsing, validation) and back into text (`orrery
 * config`).  The only file that includes iniparser, which it wraps once:
 * iniparser must never print, and its octal-reading getint is never used.
 * Must not print anything itself: every error goes back through cause.
 * The [colors] and [keys] rows come from the X-macros in config.h and
 * keys.h; their values are checked by config_color_parse (here, pure) and
 * by keys.c, which also decides how key lists override the defaults.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iniparser.h>

#include "query.h"
#include "near.h"
#include "util.h"

/* A config file larger than this is a mistake, not a configuration. */
#define CONFIG_MAX_SIZE (1024 * 1024)

/* How much of a bad line an error message shows. */
#define CONFIG_SHOW_MAX 72

#define CONFIG_OFF(f) offsetof(struct config, f)
#define CONFIG_OFF_COLOR(id) \
	(CONFIG_OFF(colors) + (size_t)CONFIG_C_##id * sizeof(char *))
#define CONFIG_OFF_KEYS(id) \
	(CONFIG_OFF(keys) + (size_t)KEYS_A_##id * sizeof(char *))

/* A key list as `orrery config` prints it: at most 8 names and ", ". */
#define CONFIG_KEYS_TEXT 256

/* The [colors] and [keys] rows, one per CONFIG_COLORS / KEYS_ACTIONS item. */
#define CONFIG_COLOR_ROW(id, name, def, help) \
	{ "colors", name, CONFIG_COLOR, def, 0, 0, NULL, help, \
		CONFIG_OFF_COLOR(id) },
#define CONFIG_KEYS_ROW(id, name, def, ctx, help) \
	{ "keys", name, CONFIG_KEYS, def, 0, 0, NULL, help, \
		CONFIG_OFF_KEYS(id) },

static const struct config_key config_table[] = {
	{ "general", "refresh-interval", CONFIG_INT, "60", 0, 10080, NULL,
	    "minutes between automatic refreshes; 0 = only on demand",
	    CONFIG_OFF(refresh_interval) },
	{ "general", "refresh-on-start", CONFIG_BOOL, "yes", 0, 0, NULL,
	    "refresh every feed when orrery starts",
	    CONFIG_OFF(refresh_on_start) },
	{ "general", "max-connections", CONFIG_INT, "16", 1, 256, NULL,
	    "parallel downloads overall", CONFIG_OFF(max_connections) },
	{ "general", "max-connections-per-host", CONFIG_INT, "2", 1, 256, NULL,
	    "parallel downloads from one host",
	    CONFIG_OFF(max_connections_per_host) },
	{ "general", "timeout", CONFIG_INT, "30", 1, 600, NULL,
	    "seconds allowed per request", CONFIG_OFF(timeout) },
	{ "general", "user-agent", CONFIG_STRING, "orrery/" ORRERY_VERSION, 0,
	    0, NULL, "User-Agent header sent with every request",
	    CONFIG_OFF(user_agent) },
	{ "general", "ca-file", CONFIG_STRING, "", 0, 0, NULL,
	    "PEM file of certificate authorities to trust for https; empty: "
	    "the system's",
	    CONFIG_OFF(ca_file) },
	{ "general", "browser", CONFIG_STRING, "", 0, 0, NULL,
	    "command that opens links; empty: $BROWSER, else xdg-open",
	    CONFIG_OFF(browser) },
	{ "general", "player", CONFIG_STRING, "", 0, 0, NULL,
	    "command that plays enclosures (podcast audio, video); empty: "
	    "the browser",
	    CONFIG_OFF(player) },
	{ "general", "browser-schemes", CONFIG_STRING, "http https mailto", 0,
	    0, NULL,
	    "URL schemes o gives the browser (blank-separated); others are "
	    "refused",
	    CONFIG_OFF(browser_schemes) },
	{ "general", "timezone", CONFIG_ENUM, "local", 0, 0, "local|utc",
	    "zone for the day headings; planetpython.org uses UTC",
	    CONFIG_OFF(timezone_utc) },
	{ "general", "text-width", CONFIG_INT, "80", 20, 400, NULL,
	    "pager text width; the window width when narrower",
	    CONFIG_OFF(text_width) },
	{ "general", "default-feed", CONFIG_STRING,
	    "https://planetpython.org/rss20.xml", 0, 0, NULL,
	    "feed subscribed on first start when the store is empty",
	    CONFIG_OFF(default_feed) },
	{ "general", "max-feed-size", CONFIG_INT, "16", 1, 1024, NULL,
	    "largest feed accepted, in MiB; larger feeds are refused",
	    CONFIG_OFF(max_feed_size) },
	{ "general", "keep-days", CONFIG_INT, "0", 0, 36500, NULL,
	    "days to keep read entries that are not starred; 0 keeps "
	    "everything",
	    CONFIG_OFF(keep_days) },
	{ "general", "mouse", CONFIG_BOOL, "no", 0, 0, NULL,
	    "mouse wheel scrolls, a click selects, a double click opens",
	    CONFIG_OFF(mouse) },
	{ "general", "mark-read-on-open", CONFIG_BOOL, "yes", 0, 0, NULL,
	    "the pager marks the entry it shows read",
	    CONFIG_OFF(mark_read_on_open) },
	{ "sync", "server", CONFIG_STRING, "", 0, 0, NULL,
	    "Google Reader API URL of a FreshRSS, Miniflux ... server to sync "
	    "with; empty: no sync",
	    CONFIG_OFF(sync_server) },
	{ "sync", "user", CONFIG_STRING, "", 0, 0, NULL,
	    "the user name on the sync server", CONFIG_OFF(sync_user) },
	{ "sync", "password-file", CONFIG_STRING, "", 0, 0, NULL,
	    "file holding the sync password (readable by you alone)",
	    CONFIG_OFF(sync_password_file) },
	{ "sync", "password-command", CONFIG_STRING, "", 0, 0, NULL,
	    "command printing the sync password (run without a shell)",
	    CONFIG_OFF(sync_password_command) },
	{ "general", "key-hints", CONFIG_BOOL, "yes", 0, 0, NULL,
	    "a line of the keys that matter in each view, above the status "
	    "line",
	    CONFIG_OFF(key_hints) },
	/* The rows generated from the X-macros. */
	/* clang-format off */
	CONFIG_COLORS(CONFIG_COLOR_ROW)
	KEYS_ACTIONS(CONFIG_KEYS_ROW)
	/* clang-format on */
};
#define CONFIG_NKEYS (sizeof config_table / sizeof config_table[0])

static const char *const config_section_names[] = { "general", "sync", "colors",
	"keys", "views", "filters", NULL };
/* The sections as an error names them. */
#define CONFIG_SECTIONS_HINT \
	"[general], [sync], [colors], [keys], [views] or [filters]"

/*
 * iniparser reports errors only through one global callback.  The
 * configuration is loaded once, at startup, on the main thread, so a
 * static buffer is enough; the callback keeps the first message of a load
 * (iniparser goes on and reports every bad line) and drops the rest.
 */
static char config_ini_msg[8192];
static int config_ini_have;

/* What the file scan gathers; see config_scan(). */
/* A [views] or [filters] key, as the scan found it. */
struct config_named {
	char *name;
	int line; /* of its last value (the one iniparser keeps) */
};

struct config_scan {
	int last[CONFIG_NKEYS]; /* last line of each key, 0 = absent */
	struct config_named *views, *hides; /* in the file's order */
	size_t nviews, nhides;
	char *section; /* current section, NULL before any */
	int errline;   /* line of the earliest error, 0 = none */
	char *err;     /* its message, without FILE:LINE */
};

static int config_ini_error(const char *, ...)
    __attribute__((format(printf, 1, 2)));

static int
config_ini_error(const char *fmt, ...)
{
	va_list ap;

	if (config_ini_have)
		return 0;
	va_start(ap, fmt);
	vsnprintf(config_ini_msg, sizeof config_ini_msg, fmt, ap);
	va_end(ap);
	config_ini_have = 1;
	return 0;
}

const struct config_key *
config_keys(size_t *n)
{
	if (n != NULL)
		*n = CONFIG_NKEYS;
	return config_table;
}

const char *const *
config_sections(void)
{
	return config_section_names;
}

char *
config_default_path(void)
{
	return util_xdg_path("XDG_CONFIG_HOME", ".config", "orrery/config.ini");
}

static void *
config_field(struct config *cfg, const struct config_key *k)
{
	return (char *)cfg + k->offset;
}

static const void *
config_cfield(const struct config *cfg, const struct config_key *k)
{
	return (const char *)cfg + k->offset;
}

/* The n-th choice of "a|b|c", as a pointer and a length. */
static const char *
config_choice(const char *choices, int n, size_t *len)
{
	const char *p = choices, *bar;

	for (;;) {
		bar = strchr(p, '|');
		if (n == 0) {
			*len = bar != NULL ? (size_t)(bar - p) : strlen(p);
			return p;
		}
		if (bar == NULL)
			return NULL;
		p = bar + 1;
		n--;
	}
}

/* "a|b|c" -> "a, b, c"; the caller frees the result. */
static char *
config_choice_list(const char *choices)
{
	char *out, *p;

	out = xmalloc(strlen(choices) * 2 + 1);
	for (p = out; *choices != '\0'; choices++) {
		if (*choices == '|') {
			*p++ = ',';
			*p++ = ' ';
		} else
			*p++ = *choices;
	}
	*p = '\0';
	return out;
}

/* The colour names of [colors]; "bright-NAME" adds 8 to NAME's. */
static const char *const config_color_names[] = { "black", "red", "green",
	"yellow", "blue", "magenta", "cyan", "white" };

static const struct {
	const char *name;
	unsigned attr;
} config_attr_names[] = {
	{ "bold", CONFIG_A_BOLD },
	{ "dim", CONFIG_A_DIM },
	{ "underline", CONFIG_A_UNDERLINE },
	{ "reverse", CONFIG_A_REVERSE },
	{ "italic", CONFIG_A_ITALIC },
	{ "blink", CONFIG_A_BLINK },
	{ "standout", CONFIG_A_STANDOUT },
	{ "normal", 0 },
};

/*
 * A colour word: 1 with *c set (-1 for "default"), 0 when w is no colour,
 * -1 when it is a colour number out of range.
 */
static int
config_color_word(const char *w, int *c)
{
	const char *d;
	size_t i;
	long v;

	if (util_strcaseeq(w, "default")) {
		*c = -1;
		return 1;
	}
	for (i = 0; i < 8; i++) {
		if (util_strcaseeq(w, config_color_names[i])) {
			*c = (int)i;
			return 1;
		}
		if (util_strncaseeq(w, "bright-", 7) &&
		    util_strcaseeq(w + 7, config_color_names[i])) {
			*c = (int)i + 8;
			return 1;
		}
	}
	d = util_strncaseeq(w, "color", 5) ? w + 5 : w;
	if (*d == '\0')
		return 0;
	for (v = 0; *d >= '0' && *d <= '9'; d++) {
		if (v <= 255)
			v = v * 10 + (*d - '0');
	}
	if (*d != '\0')
		return 0;
	if (v > 255)
		return -1;
	*c = (int)v;
	return 1;
}

/* What a colour and an attribute may be, for errors. */
#define CONFIG_COLORS_HINT \
	"(a name such as red or bright-red, default, or 0 to 255)"
#define CONFIG_ATTRS_HINT \
	"(bold, dim, underline, reverse, italic, blink, standout or normal)"

/* "BEFORE\"WORD\"AFTER", the word made safe to show. */
static int
config_color_fail(
    char **cause, const char *before, const char *w, const char *after)
{
	char *safe;

	safe = util_safe(w, strlen(w), 0);
	util_fail(cause, "%s\"%s\"%s", before, safe, after);
	free(safe);
	return -1;
}

int
config_color_parse(const char *value, struct config_color *out, char **cause)
{
	struct config_color cc;
	char *copy, *w, *next;
	size_t i;
	int ncolors, nattrs, c, r;

	cc.fg = cc.bg = -1;
	cc.attrs = 0;
	ncolors = nattrs = 0;
	copy = xstrdup(value);
	r = 0;
	for (w = copy; r == 0; w = next) {
		while (*w == ' ' || *w == '\t')
			w++;
		if (*w == '\0')
			break;
		next = w + strcspn(w, " \t");
		if (*next != '\0')
			*next++ = '\0';

		for (i = 0;
		     i < sizeof config_attr_names / sizeof config_attr_names[0];
		     i++) {
			if (util_strcaseeq(w, config_attr_names[i].name))
				break;
		}
		if (i <
		    sizeof config_attr_names / sizeof config_attr_names[0]) {
			if (ncolors == 0) {
				r = config_color_fail(cause, "", w,
				    " comes before the foreground colour");
			}
			cc.attrs |= config_attr_names[i].attr;
			nattrs++;
			continue;
		}

		switch (config_color_word(w, &c)) {
		case 1:
			if (nattrs > 0) {
				r = config_color_fail(cause, "colour ", w,
				    " after an attribute (colours come first)");
			} else if (ncolors == 2) {
				r = config_color_fail(cause, "a third colour ",
				    w,
				    " (a foreground and a background at most)");
			} else if (ncolors++ == 0)
				cc.fg = c;
			else
				cc.bg = c;
			break;
		case -1:
			r = config_color_fail(
			    cause, "colour ", w, " is out of range (0 to 255)");
			break;
		default:
			if (ncolors == 0)
				r = config_color_fail(cause, "unknown colour ",
				    w, " " CONFIG_COLORS_HINT);
			else if (ncolors == 1 && nattrs == 0)
				r = config_color_fail(cause,
				    "unknown colour or attribute ", w,
				    " (orrery.ini(5) lists them)");
			else
				r = config_color_fail(cause,
				    "unknown attribute ", w,
				    " " CONFIG_ATTRS_HINT);
			break;
		}
	}
	free(copy);
	if (r != 0)
		return -1;
	if (ncolors == 0)
		return util_fail(cause,
		    "no foreground colour (leave the key out for the "
		    "default)");
	if (out != NULL)
		*out = cc;
	return 0;
}

/*
 * Set one key from its text.  On error, *msg is "KEY: what is wrong" (the
 * caller adds FILE:LINE).
 */
static int
config_set(struct config *cfg, const struct config_key *k, const char *value,
    char **msg)
{
	long long ll;
	const char *c;
	char *safe, *list, **sp, *why;
	size_t len;
	int i, r;

	safe = NULL;
	switch (k->type) {
	case CONFIG_INT:
		if (util_parse_ll(value, &ll) != 0) {
			safe = util_safe(value, strlen(value), 0);
			util_fail(msg,
			    "%s: \"%s\" is not a number (%ld to %ld)", k->name,
			    safe, k->min, k->max);
			free(safe);
			return -1;
		}
		if (ll < k->min || ll > k->max) {
			return util_fail(msg,
			    "%s: %lld is out of range (%ld to %ld)", k->name,
			    ll, k->min, k->max);
		}
		*(long *)config_field(cfg, k) = (long)ll;
		return 0;
	case CONFIG_BOOL:
		if (util_strcaseeq(value, "yes") ||
		    util_strcaseeq(value, "true") ||
		    util_strcaseeq(value, "on") || strcmp(value, "1") == 0) {
			*(int *)config_field(cfg, k) = 1;
			return 0;
		}
		if (util_strcaseeq(value, "no") ||
		    util_strcaseeq(value, "false") ||
		    util_strcaseeq(value, "off") || strcmp(value, "0") == 0) {
			*(int *)config_field(cfg, k) = 0;
			return 0;
		}
		safe = util_safe(value, strlen(value), 0);
		util_fail(msg, "%s: \"%s\" is not yes or no", k->name, safe);
		free(safe);
		return -1;
	case CONFIG_ENUM:
		for (i = 0;; i++) {
			c = config_choice(k->choices, i, &len);
			if (c == NULL)
				break;
			if (strlen(value) == len &&
			    util_strncaseeq(value, c, len)) {
				*(int *)config_field(cfg, k) = i;
				return 0;
			}
		}
		safe = util_safe(value, strlen(value), 0);
		list = config_choice_list(k->choices);
		util_fail(
		    msg, "%s: \"%s\" is not one of %s", k->name, safe, list);
		free(list);
		free(safe);
		return -1;
	case CONFIG_COLOR:
	case CONFIG_KEYS:
		r = k->type == CONFIG_COLOR
		    ? config_color_parse(value, NULL, &why)
		    : keys_check(value, &why);
		if (r != 0) {
			util_fail(msg, "%s: %s", k->name, why);
			free(why);
			return -1;
		}
		/* FALLTHROUGH */
	case CONFIG_STRING:
		sp = config_field(cfg, k);
		free(*sp);
		*sp = xstrdup(value);
		return 0;
	}
	return util_fail(msg, "%s: unknown type", k->name);
}

static const struct config_key *
config_find(const char *section, const char *name, size_t *idx)
{
	size_t i;

	for (i = 0; i < CONFIG_NKEYS; i++) {
		if (strcmp(config_table[i].section, section) == 0 &&
		    strcmp(config_table[i].name, name) == 0) {
			*idx = i;
			return &config_table[i];
		}
	}
	return NULL;
}

/* The key of section nearest to a mistyped name, or NULL. */
static const char *
config_nearest(const char *section, const char *name)
{
	const char *best = NULL;
	size_t i;
	int d, bestd = 1000;

	for (i = 0; i < CONFIG_NKEYS; i++) {
		if (strcmp(config_table[i].section, section) != 0 ||
		    !near_close(name, config_table[i].name))
			continue;
		d = near_distance(name, config_table[i].name);
		if (d < bestd) {
			bestd = d;
			best = config_table[i].name;
		}
	}
	return best;
}

static int
config_known_section(const char *name)
{
	const char *const *s;

	for (s = config_section_names; *s != NULL; s++) {
		if (strcmp(*s, name) == 0)
			return 1;
	}
	return 0;
}

/* Remember msg (a "what" without FILE:LINE) if it is the earliest yet. */
static void
config_scan_error(struct config_scan *sc, int line, char *msg)
{
	if (sc->errline != 0 && sc->errline <= line) {
		free(msg);
		return;
	}
	free(sc->err);
	sc->err = msg;
	sc->errline = line;
}

/* Add name at line to a list, or move its line on when it is there. */
static int
config_named_add(
    struct config_named **list, size_t *n, const char *name, int line)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*list)[i].name, name) == 0) {
			(*list)[i].line = line;
			return 1;
		}
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[*n].name = xstrdup(name);
	(*list)[*n].line = line;
	(*n)++;
	return 0;
}

/*
 * iniparser ends an unquoted value at the first ';' or '#', wherever it
 * is: `hide = C# jobs` would hide every post with the word "c".  A
 * query is where a word like C# or a;b is likely, so one of them glued
 * to the text before it (not a comment after a space) is an error that
 * says to quote the value; a quoted value keeps both.
 */
static void
config_scan_cut(
    struct config_scan *sc, const char *name, const char *value, int lineno)
{
	const char *v = value, *cut;
	char *safe;

	while (*v == ' ' || *v == '\t')
		v++;
	if (*v == '"' || *v == '\'')
		return;
	cut = strpbrk(v, ";#");
	if (cut == NULL || cut == v || cut[-1] == ' ' || cut[-1] == '\t')
		return;
	safe = util_safe(name, strlen(name), 0);
	config_scan_error(sc, lineno,
	    xasprintf("[%s] %s: the value would end at '%c' (the rest read "
		      "as a comment): put the query in quotes, \"...\" or "
		      "'...' when it holds a \"",
		sc->section, safe, *cut));
	free(safe);
}

/*
 * [views] takes any name; [filters] hide and hide-ANYTHING, each once
 * (iniparser would keep only the last of a repeated key, silently).
 * Returns 1 when the line was one of theirs.
 */
static int
config_scan_named(
    struct config_scan *sc, const char *name, const char *value, int lineno)
{
	char *safe;

	if (strcmp(sc->section, "views") == 0) {
		config_named_add(&sc->views, &sc->nviews, name, lineno);
		config_scan_cut(sc, name, value, lineno);
		return 1;
	}
	if (strcmp(sc->section, "filters") != 0)
		return 0;
	config_scan_cut(sc, name, value, lineno);
	safe = util_safe(name, strlen(name), 0);
	if (strcmp(name, "hide") != 0 && strncmp(name, "hide-", 5) != 0)
		config_scan_error(sc, lineno,
		    xasprintf("unknown key \"%s\" in [filters] (hide = QUERY, "
			      "or hide-NAME = QUERY for more rules)",
			safe));
	else if (config_named_add(&sc->hides, &sc->nhides, name, lineno))
		config_scan_error(sc, lineno,
		    xasprintf("%s is given twice: name each rule (hide-1 = "
			      "..., hide-2 = ...)",
			safe));
	free(safe);
	return 1;
}

/*
 * One logical line (continuations already joined), classified the way
 * iniparser 4.1 does: comment, "[section]" (the name ends at the first
 * ']'), or "key = value" (the key ends at the first '=').  iniparser has
 * already accepted the file, so anything else cannot happen and is skipped.
 */
static void
config_scan_line(struct config_scan *sc, char *line, int lineno)
{
	const struct config_key *k;
	char *s, *end, *name, *safe;
	const char *near;
	size_t n, idx;

	s = util_trim(line);
	n = strlen(s);
	if (n == 0 || s[0] == '#' || s[0] == ';')
		return;
	if (s[0] == '[' && s[n - 1] == ']') {
		end = strchr(s + 1, ']');
		*end = '\0';
		name = util_trim(s + 1);
		util_lower_str(name);
		free(sc->section);
		sc->section = xstrdup(name);
		if (!config_known_section(name)) {
			safe = util_safe(name, strlen(name), 0);
			config_scan_error(sc, lineno,
			    xasprintf("unknown section [%s] (%s)", safe,
				CONFIG_SECTIONS_HINT));
			free(safe);
		}
		return;
	}
	end = strchr(s, '=');
	if (end == NULL)
		return;
	*end = '\0';
	name = util_trim(s);
	util_lower_str(name);
	if (sc->section == NULL) {
		config_scan_error(sc, lineno,
		    xasprintf("key outside a section (put it under %s)",
			CONFIG_SECTIONS_HINT));
		return;
	}
	if (!config_known_section(sc->section))
		return; /* the section is already reported */
	if (config_scan_named(sc, name, end + 1, lineno))
		return;
	k = config_find(sc->section, name, &idx);
	if (k == NULL) {
		safe = util_safe(name, strlen(name), 0);
		near = config_nearest(sc->section, name);
		config_scan_error(sc, lineno,
		    xasprintf("unknown key \"%s\" in [%s] (%s%s%s"
			      "orrery.ini(5) lists them)",
			safe, sc->section, near != NULL ? "did you mean " : "",
			near != NULL ? near : "", near != NULL ? "? " : ""));
		free(safe);
		return;
	}
	sc->last[idx] = lineno;
}

/*
 * iniparser keeps no line numbers, so walk the text once the same way it
 * reads it: physical lines, a trailing backslash joining the next one (the
 * logical line counts from its first physical line).  Records structural
 * errors and the line where each key last appears (the value iniparser
 * keeps for a repeated key is the last one).
 */
static void
config_scan(struct config_scan *sc, const char *text, size_t len)
{
	const char *p, *end, *nl;
	char *buf;
	size_t n, used, cap;
	int lineno, start, cont;

	cap = 256;
	buf = xmalloc(cap);
	used = 0;
	lineno = start = cont = 0;
	for (p = text, end = text + len; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		lineno++;
		if (!cont)
			start = lineno;
		n = strnlen(p, (size_t)(nl - p));
		while (n > 0 && util_isspace((unsigned char)p[n - 1]))
			n--;
		cont = n > 0 && p[n - 1] == '\\';
		if (cont)
			n--;
		if (used + n + 1 > cap) {
			cap = used + n + 1;
			buf = xreallocarray(buf, cap, 1);
		}
		memcpy(buf + used, p, n);
		used += n;
		buf[used] = '\0';
		if (!cont) {
			config_scan_line(sc, buf, start);
			used = 0;
		}
	}
	if (cont)
		config_scan_line(sc, buf, start);
	free(buf);
}

/* Turn what iniparser reported into "FILE:LINE: ..." or "FILE: ...". */
static char *
config_ini_cause(const char *file)
{
	const char *msg = config_ini_msg, *p, *q, *line;
	char *safe, *text, *out;
	long long lineno;
	size_t n;

	if (!config_ini_have)
		return xasprintf("%s: cannot be parsed", file);

	/* "iniparser: syntax error in FILE (LINE):\n-> TEXT\n" */
	p = strstr(msg, "):\n-> ");
	if (p != NULL) {
		for (q = p; q > msg && q[-1] >= '0' && q[-1] <= '9'; q--)
			/* nothing */;
		text = xstrndup(q, (size_t)(p - q));
		if (q > msg && q[-1] == '(' &&
		    util_parse_ll(text, &lineno) == 0) {
			free(text);
			line = p + 6;
			n = strcspn(line, "\n");
			text = xstrndup(line, n);
			line = util_trim(text);
			n = strlen(line);
			/* Enough to recognise it; cut on a UTF-8 boundary. */
			if (n > CONFIG_SHOW_MAX) {
				n = CONFIG_SHOW_MAX;
				while (n > 0 &&
				    ((unsigned char)line[n] & 0xc0) == 0x80)
					n--;
			}
			safe = util_safe(line, n, 0);
			out = xasprintf("%s:%lld: syntax error: %s%s "
					"(want [section] or key = value)",
			    file, lineno, safe, line[n] != '\0' ? "..." : "");
			free(safe);
			free(text);
			return out;
		}
		free(text);
	}

	/* "iniparser: input line too long in FILE (LINE)\n" */
	if (strstr(msg, "input line too long") != NULL) {
		p = strrchr(msg, ')');
		q = strrchr(msg, '(');
		if (p != NULL && q != NULL && q < p) {
			text = xstrndup(q + 1, (size_t)(p - q - 1));
			if (util_parse_ll(text, &lineno) == 0) {
				out = xasprintf(
				    "%s:%lld: line too long", file, lineno);
				free(text);
				return out;
			}
			free(text);
		}
		return xasprintf("%s: a line is too long", file);
	}

	/* Anything else, e.g. "iniparser: memory allocation failure". */
	if (strncmp(msg, "iniparser: ", 11) == 0)
		msg += 11;
	text = xstrdup(msg);
	safe = util_trim(text);
	safe = util_safe(safe, strlen(safe), 0);
	out = xasprintf("%s: %s", file, safe);
	free(safe);
	free(text);
	return out;
}

/*
 * Read the whole file (for the line scan).  Returns 0, -1 with *cause set,
 * or 1 when the file does not exist and missing_ok is set.
 */
static int
config_read(
    const char *file, int missing_ok, char **text, size_t *len, char **cause)
{
	struct stat st;
	char *buf, *safe;
	size_t used, size;
	ssize_t r;
	int fd, err, flags;

	/* O_NONBLOCK: opening a FIFO would otherwise wait for a writer. */
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd == -1) {
		err = errno;
		if (missing_ok && (err == ENOENT || err == ENOTDIR))
			return 1;
		goto fail;
	}
	if (fstat(fd, &st) == -1) {
		err = errno;
		close(fd);
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		err = EISDIR;
		goto fail;
	}
	/*
	 * iniparser opens the file again, so a pipe would be read twice; a
	 * character device is let through for `-c /dev/null`.
	 */
	if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode)) {
		close(fd);
		safe = util_safe(file, strlen(file), 0);
		util_fail(cause, "%s: not a regular file", safe);
		free(safe);
		return -1;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags == -1 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1) {
		err = errno;
		close(fd);
		goto fail;
	}
	/* Sized by the file (a byte over, to see it grow), not the cap: a
	 * megabyte for every few lines costs more than reading them. */
	size = st.st_size > 0 && st.st_size < CONFIG_MAX_SIZE
	    ? (size_t)st.st_size + 2
	    : 4096;
	buf = xmalloc(size);
	used = 0;
	for (;;) {
		if (used == size - 1 && size < CONFIG_MAX_SIZE + 2) {
			size = size > (CONFIG_MAX_SIZE + 2) / 2
			    ? CONFIG_MAX_SIZE + 2
			    : size * 2;
			buf = xreallocarray(buf, size, 1);
		}
		r = read(fd, buf + used, size - 1 - used);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			err = errno;
			free(buf);
			close(fd);
			goto fail;
		}
		if (r == 0)
			break;
		used += (size_t)r;
		if (used > CONFIG_MAX_SIZE) {
			free(buf);
			close(fd);
			safe = util_safe(file, strlen(file), 0);
			util_fail(cause, "%s: too large (over %d KiB)", safe,
			    CONFIG_MAX_SIZE / 1024);
			free(safe);
			return -1;
		}
	}
	close(fd);
	buf[used] = '\0';
	*text = buf;
	*len = used;
	return 0;

fail:
	safe = util_safe(file, strlen(file), 0);
	util_fail(cause, "%s: cannot read: %s", safe, strerror(err));
	free(safe);
	return -1;
}

/*
 * Key lists that give one view a key twice.  keys.c knows the rule but
 * not the lines, so add the lists the file sets one at a time, in the
 * order of their lines: the first one the map refuses is the later of
 * the two entries that clash, and its line is the error's.
 */
static void
config_check_keys(const struct config *cfg, struct config_scan *sc)
{
	char *lists[KEYS_NACTIONS];
	int line[KEYS_NACTIONS], order[KEYS_NACTIONS];
	struct keys_map *map;
	char *msg;
	size_t i;
	int a, n, j, t;

	map = keys_map_new(cfg->keys, NULL);
	if (map != NULL) {
		keys_map_free(map);
		return;
	}
	memset(line, 0, sizeof line);
	for (i = 0; i < CONFIG_NKEYS; i++) {
		if (config_table[i].type != CONFIG_KEYS)
			continue;
		a = (int)((config_table[i].offset - CONFIG_OFF(keys)) /
		    sizeof(char *));
		line[a] = sc->last[i];
	}
	n = 0;
	for (a = KEYS_NONE + 1; a < KEYS_NACTIONS; a++) {
		if (cfg->keys[a] == NULL || line[a] == 0)
			continue;
		for (j = n++; j > 0 && line[order[j - 1]] > line[a]; j--)
			order[j] = order[j - 1];
		order[j] = a;
	}
	memset(lists, 0, sizeof lists);
	for (t = 0; t < n; t++) {
		a = order[t];
		lists[a] = cfg->keys[a];
		map = keys_map_new(lists, &msg);
		if (map == NULL) {
			config_scan_error(sc, line[a], msg);
			return;
		}
		keys_map_free(map);
	}
}

/* Free a scan's lists. */
static void
config_named_free(struct config_named *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i].name);
	free(list);
}

/*
 * The queries of [views] and [filters], each parsed (query.h) so that a
 * bad one is an error at its line, kept as written.  *names may be NULL
 * (hide rules keep only their queries).
 */
static void
config_query_list(dictionary *d, struct config_scan *sc, const char *section,
    const struct config_named *list, size_t n, char ***names, char ***queries,
    size_t *count)
{
	struct query *q;
	const char *value;
	char *entry, *msg = NULL, *safe;
	size_t i;

	for (i = 0; i < n; i++) {
		entry = xasprintf("%s:%s", section, list[i].name);
		value = iniparser_getstring(d, entry, NULL);
		free(entry);
		if (value == NULL)
			continue;
		q = query_parse(value, strlen(value), &msg);
		if (q == NULL) {
			safe = util_safe(list[i].name, strlen(list[i].name), 0);
			config_scan_error(sc, list[i].line,
			    xasprintf("[%s] %s: %s", section, safe, msg));
			free(safe);
			free(msg);
			msg = NULL;
			continue;
		}
		query_free(q);
		*queries =
		    xreallocarray(*queries, *count + 1, sizeof **queries);
		(*queries)[*count] = xstrdup(value);
		if (names != NULL) {
			*names =
			    xreallocarray(*names, *count + 1, sizeof **names);
			(*names)[*count] = xstrdup(list[i].name);
		}
		(*count)++;
	}
}

static void
config_queries(struct config *cfg, dictionary *d, struct config_scan *sc)
{
	config_query_list(d, sc, "views", sc->views, sc->nviews,
	    &cfg->view_names, &cfg->view_queries, &cfg->nviews);
	config_query_list(d, sc, "filters", sc->hides, sc->nhides, NULL,
	    &cfg->hides, &cfg->nhides);
	config_named_free(sc->views, sc->nviews);
	config_named_free(sc->hides, sc->nhides);
}

/* Apply the file over the defaults already in cfg. */
static int
config_parse(struct config *cfg, const char *file, const char *text, size_t len,
    char **cause)
{
	struct config_scan sc;
	const struct config_key *k;
	dictionary *d;
	const char *value;
	char *safe, *entry, *msg;
	size_t i;

	safe = util_safe(file, strlen(file), 0);

	config_ini_have = 0;
	config_ini_msg[0] = '\0';
	iniparser_set_error_callback(config_ini_error);
	d = iniparser_load(file);
	if (d == NULL) {
		if (cause != NULL)
			*cause = config_ini_cause(safe);
		free(safe);
		return -1;
	}

	memset(&sc, 0, sizeof sc);
	config_scan(&sc, text, len);
	for (i = 0; i < CONFIG_NKEYS; i++) {
		if (sc.last[i] == 0)
			continue;
		k = &config_table[i];
		entry = xasprintf("%s:%s", k->section, k->name);
		value = iniparser_getstring(d, entry, NULL);
		free(entry);
		if (value == NULL)
			continue;
		if (config_set(cfg, k, value, &msg) != 0)
			config_scan_error(&sc, sc.last[i], msg);
	}
	config_check_keys(cfg, &sc);
	config_queries(cfg, d, &sc);
	iniparser_freedict(d);
	free(sc.section);

	if (sc.errline != 0) {
		util_fail(cause, "%s:%d: %s", safe, sc.errline, sc.err);
		free(sc.err);
		free(safe);
		return -1;
	}
	free(safe);
	return 0;
}

static int
config_defaults(struct config *cfg, char **cause)
{
	const struct config_key *k;
	struct keys_map *map;
	char *msg;
	size_t i;
	int r;

	for (i = 0; i < CONFIG_NKEYS; i++) {
		k = &config_table[i];
		/* A key list the file does not set stays NULL: the default. */
		if (k->type == CONFIG_KEYS) {
			r = keys_check(k->def, &msg);
			if (r != 0) {
				util_fail(cause, "built-in default: %s: %s",
				    k->name, msg);
				free(msg);
				return -1;
			}
			continue;
		}
		if (config_set(cfg, k, k->def, &msg) != 0) {
			util_fail(cause, "built-in default: %s", msg);
			free(msg);
			return -1;
		}
	}
	map = keys_map_new(NULL, &msg);
	if (map == NULL) {
		util_fail(cause, "built-in default: %s", msg);
		free(msg);
		return -1;
	}
	keys_map_free(map);
	return 0;
}

struct config *
config_load(const char *path, char **cause)
{
	struct config *cfg;
	char *dflt = NULL, *text = NULL;
	size_t len = 0;
	int r;

	cfg = xcalloc(1, sizeof *cfg);
	if (config_defaults(cfg, cause) != 0)
		goto fail;
	if (path == NULL) {
		dflt = config_default_path();
		if (dflt == NULL)
			return cfg;
		path = dflt;
		r = config_read(path, 1, &text, &len, cause);
	} else
		r = config_read(path, 0, &text, &len, cause);
	if (r == 1) {
		free(dflt);
		return cfg;
	}
	if (r == -1)
		goto fail;
	if (config_parse(cfg, path, text, len, cause) != 0)
		goto fail;
	cfg->path = xstrdup(path);
	free(text);
	free(dflt);
	return cfg;

fail:
	free(text);
	free(dflt);
	config_free(cfg);
	return NULL;
}

void
config_free(struct config *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	for (i = 0; i < CONFIG_NKEYS; i++) {
		switch (config_table[i].type) {
		case CONFIG_STRING:
		case CONFIG_COLOR:
		case CONFIG_KEYS:
			free(*(char **)config_field(cfg, &config_table[i]));
			break;
		default:
			break;
		}
	}
	for (i = 0; i < cfg->nviews; i++) {
		free(cfg->view_names[i]);
		free(cfg->view_queries[i]);
	}
	free(cfg->view_names);
	free(cfg->view_queries);
	for (i = 0; i < cfg->nhides; i++)
		free(cfg->hides[i]);
	free(cfg->hides);
	free(cfg->path);
	free(cfg);
}

/*
 * Write a string so that iniparser 4.1 reads it back unchanged.  Bare when
 * that is safe; else quoted (iniparser knows no escapes, so pick the quote
 * the value lacks).  Values that need quoting and hold both quotes cannot
 * come out of iniparser in the first place; a value that holds both and
 * starts with two quotes (which iniparser read bare) is written bare.
 */
static void
config_print_string(const char *s, FILE *f)
{
	size_t n = strlen(s);
	int bare;

	/* iniparser reads a value bare, trimmed and up to a ';' or '#',
	 * unless it starts "x or 'x (then what follows up to the next
	 * such quote is the value) or is "" or '' (empty).  Bare only
	 * where no quote starts it, or where it holds both quotes (no
	 * quoting could keep it) and reads back bare. */
	bare = n > 0 && !util_isspace((unsigned char)s[0]) &&
	    !util_isspace((unsigned char)s[n - 1]) && s[n - 1] != '\\' &&
	    strpbrk(s, ";#") == NULL;
	if (bare && (s[0] == '"' || s[0] == '\''))
		bare = strchr(s, '"') != NULL && strchr(s, '\'') != NULL &&
		    s[1] == s[0] && n > 2;
	if (bare)
		fputs(s, f);
	else if (strchr(s, '"') == NULL)
		fprintf(f, "\"%s\"", s);
	else
		fprintf(f, "'%s'", s);
}

/*
 * The keys action a has in map, as a [keys] value: names separated by
 * spaces ("none" when there are none).  keys_describe joins them with
 * ", " and names hold no space, so every word but the last loses its
 * comma.  A list with both quote characters could not be quoted for
 * iniparser, so it names the apostrophe U+0027.
 */
static void
config_keys_text(
    const struct keys_map *map, enum keys_action a, char *out, size_t len)
{
	char desc[CONFIG_KEYS_TEXT], *w, *next;
	const char *word;
	size_t used, n;
	int both;

	keys_describe(map, a, desc, sizeof desc);
	if (desc[0] == '\0') {
		snprintf(out, len, "none");
		return;
	}
	both = strchr(desc, '"') != NULL && strchr(desc, '\'') != NULL;
	used = 0;
	out[0] = '\0';
	for (w = desc; w != NULL; w = next) {
		next = strchr(w, ' ');
		if (next != NULL) {
			*next++ = '\0';
			n = strlen(w);
			if (n > 0 && w[n - 1] == ',')
				w[n - 1] = '\0';
		}
		word = both && strcmp(w, "'") == 0 ? "U+0027" : w;
		n = (size_t)snprintf(
		    out + used, len - used, "%s%s", used > 0 ? " " : "", word);
		if (n >= len - used)
			return;
		used += n;
	}
}

/* The [views] and [filters] lines, as read. */
static void
config_print_queries(const struct config *cfg, const char *sec, FILE *f)
{
	size_t i;

	if (strcmp(sec, "views") == 0)
		for (i = 0; i < cfg->nviews; i++) {
			fprintf(f, "%s = ", cfg->view_names[i]);
			config_print_string(cfg->view_queries[i], f);
			fputc('\n', f);
		}
	if (strcmp(sec, "filters") == 0)
		for (i = 0; i < cfg->nhides; i++) {
			if (i == 0)
				fputs("hide = ", f);
			else
				fprintf(f, "hide-%zu = ", i + 1);
			config_print_string(cfg->hides[i], f);
			fputc('\n', f);
		}
}

void
config_print(const struct config *cfg, FILE *f)
{
	const struct config_key *k;
	const char *const *sec;
	const char *c;
	char *safe, keys[CONFIG_KEYS_TEXT];
	struct keys_map *map;
	size_t i, len;
	int a;

	if (cfg->path != NULL) {
		/* A newline in the path would break the comment. */
		safe = util_safe(cfg->path, strlen(cfg->path), 0);
		fprintf(f, "# orrery configuration in effect, read from %s\n",
		    safe);
		free(safe);
	} else
		fputs("# orrery configuration in effect: defaults; "
		      "no config file\n",
		    f);

	/*
	 * [keys] shows each action's keys in effect: a default that another
	 * action's list took a key from loses it here, so that the output
	 * reads back as the same bindings.
	 */
	map = keys_map_new(cfg->keys, NULL);

	for (sec = config_section_names; *sec != NULL; sec++) {
		fprintf(f, "\n[%s]\n", *sec);
		for (i = 0; i < CONFIG_NKEYS; i++) {
			k = &config_table[i];
			if (strcmp(k->section, *sec) != 0)
				continue;
			fprintf(f, "%s = ", k->name);
			switch (k->type) {
			case CONFIG_INT:
				fprintf(f, "%ld",
				    *(const long *)config_cfield(cfg, k));
				break;
			case CONFIG_BOOL:
				fputs(*(const int *)config_cfield(cfg, k)
					? "yes"
					: "no",
				    f);
				break;
			case CONFIG_ENUM:
				c = config_choice(k->choices,
				    *(const int *)config_cfield(cfg, k), &len);
				if (c != NULL)
					fprintf(f, "%.*s", (int)len, c);
				break;
			case CONFIG_STRING:
			case CONFIG_COLOR:
				config_print_string(
				    *(char *const *)config_cfield(cfg, k), f);
				break;
			case CONFIG_KEYS:
				a = (int)((k->offset - CONFIG_OFF(keys)) /
				    sizeof(char *));
				if (map != NULL) {
					config_keys_text(map,
					    (enum keys_action)a, keys,
					    sizeof keys);
					config_print_string(keys, f);
				} else
					config_print_string(cfg->keys[a] != NULL
						? cfg->keys[a]
						: k->def,
					    f);
				break;
			}
			fputc('\n', f);
		}
		config_print_queries(cfg, *sec, f);
	}
	keys_map_free(map);
}
