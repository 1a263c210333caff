/*
 * config: config.ini -> an immutable struct config.  One declarative table
 * of keys (section, name, type, default, range, help) drives parsing,
 * validation, `orrery config` and the documentation checks.  Only this
 * file touches iniparser.
 */
#ifndef ORRERY_CONFIG_H
#define ORRERY_CONFIG_H

#include <stdio.h>

#include "keys.h"

/*
 * The screen elements [colors] sets: X(ID, "name", "default", "help").  A
 * value is "FOREGROUND [BACKGROUND] [ATTRIBUTE ...]" (see
 * config_color_parse); attributes also apply on monochrome terminals and
 * under NO_COLOR, colours only where the terminal has them.
 */
#define CONFIG_COLORS(X) \
	X(TITLE, "title", "default default reverse bold", \
	    "the top line: what is shown, the unread count") \
	X(STATUS, "status", "default default reverse", \
	    "the bottom line: refresh progress, messages, prompts") \
	X(ERROR, "error", "red default bold", \
	    "error messages and failing sources") \
	X(DAY, "day", "yellow default bold", "day headings") \
	X(SOURCE, "source", "cyan default bold", "source headings") \
	X(UNREAD, "unread", "default default bold", "unread entry titles") \
	X(READ, "read", "default default", "read entry titles") \
	X(SELECTED, "selected", "default default reverse", "the selected row") \
	X(MARK, "mark", "green default bold", "unread and star marks") \
	X(TIME, "time", "default default dim", "times and counts in lists") \
	X(EMPTY, "empty", "default default dim", "what an empty view says") \
	X(HEADER, "header", "cyan default", \
	    "the pager's entry header (source, date, link)") \
	X(HEADING, "heading", "yellow default bold", "headings in entries") \
	X(LINK, "link", "blue default underline", \
	    "link text and link numbers") \
	X(CODE, "code", "green default", "inline code and code blocks") \
	X(QUOTE, "quote", "default default dim", "quote bars") \
	X(DIM, "dim", "default default dim", \
	    "images, embeds, captions, list markers") \
	X(SYN_KEYWORD, "syntax-keyword", "magenta default bold", \
	    "code: keywords") \
	X(SYN_STRING, "syntax-string", "yellow default", "code: strings") \
	X(SYN_COMMENT, "syntax-comment", "blue default dim", "code: comments") \
	X(SYN_NUMBER, "syntax-number", "cyan default", "code: numbers") \
	X(SYN_NAME, "syntax-name", "green default bold", \
	    "code: names of defined functions and classes") \
	X(SYN_BUILTIN, "syntax-builtin", "cyan default", "code: builtins") \
	X(SYN_DECORATOR, "syntax-decorator", "magenta default", \
	    "code: decorators") \
	X(SYN_PROMPT, "syntax-prompt", "default default bold", \
	    "code: >>> and ... prompts")

enum config_color_id {
#define CONFIG_COLOR_ENUM(id, name, def, help) CONFIG_C_##id,
	CONFIG_COLORS(CONFIG_COLOR_ENUM)
#undef CONFIG_COLOR_ENUM
	CONFIG_NCOLORS
};

/* A parsed [colors] value.  fg/bg: -1 the terminal's default, else 0-255. */
#define CONFIG_A_BOLD 0x01u
#define CONFIG_A_DIM 0x02u
#define CONFIG_A_UNDERLINE 0x04u
#define CONFIG_A_REVERSE 0x08u
#define CONFIG_A_ITALIC 0x10u
#define CONFIG_A_BLINK 0x20u
#define CONFIG_A_STANDOUT 0x40u
struct config_color {
	int fg, bg;
	unsigned attrs; /* CONFIG_A_* */
};

/*
 * Parse "FOREGROUND [BACKGROUND] [ATTRIBUTE ...]": colours are default,
 * black, red, green, yellow, blue, magenta, cyan, white, bright-NAME
 * (8-15) or colorN (0-255); attributes bold, dim, underline, reverse,
 * italic, blink, standout; "normal" is no attribute.  Returns 0, or -1
 * with *cause.
 */
int config_color_parse(const char *, struct config_color *, char **cause);

struct config {
	char *path; /* the file read, NULL when none existed */

	/* [general] */
	long refresh_interval; /* minutes; 0 = only on demand */
	int refresh_on_start;
	long max_connections;
	long max_connections_per_host;
	long timeout; /* seconds per request */
	char *user_agent;
	char *ca_file;	       /* "" = the system's certificate authorities */
	char *browser;	       /* "" = $BROWSER, else xdg-open */
	char *player;	       /* enclosures; "" = the browser */
	char *browser_schemes; /* schemes open_url allows; NULL/"": the
				  default, "http https mailto" */
	int timezone_utc;      /* day grouping: 0 local, 1 UTC */
	long text_width;       /* pager text width, columns */
	char *default_feed;
	long max_feed_size;    /* MiB; larger feeds are refused */
	long keep_days;	       /* prune read entries older than this; 0 never */
	int mouse;	       /* wheel and click in the TUI */
	int mark_read_on_open; /* the pager marks what it opens read */
	int key_hints;	       /* the key hint line above the status line */

	/* [sync]: "" when unset; sync is on when sync_server is set */
	char *sync_server; /* the Google Reader API base URL */
	char *sync_user;
	char *sync_password_file;
	char *sync_password_command;

	/* [colors]: the values as written, checked by config_color_parse */
	char *colors[CONFIG_NCOLORS];
	/*
	 * [keys]: each action's key list as written, checked by keys_check;
	 * NULL when the file does not set it, so that keys_map_new(cfg->keys)
	 * gives the defaults their place.
	 */
	char *keys[KEYS_NACTIONS];

	/* [views]: saved queries (query.h) by name, in the file's order */
	char **view_names;
	char **view_queries;
	size_t nviews;
	/* [filters]: hide rules (hide, hide-NAME), each a query */
	char **hides;
	size_t nhides;
};

enum config_type {
	CONFIG_INT,
	CONFIG_BOOL,
	CONFIG_STRING,
	CONFIG_ENUM,
	CONFIG_COLOR, /* a string that config_color_parse accepts */
	CONFIG_KEYS   /* a key list that keys_check accepts; NULL = default */
};

/* One row of the key table; config_keys() returns the whole table. */
struct config_key {
	const char *section;
	const char *name;
	enum config_type type;
	const char *def;     /* default, as written in the file */
	long min, max;	     /* CONFIG_INT range, inclusive */
	const char *choices; /* CONFIG_ENUM: "a|b" */
	const char *help;    /* one line */
	size_t offset;	     /* into struct config */
};

const struct config_key *config_keys(size_t *);
/* Section names the file may use, NULL-terminated. */
const char *const *config_sections(void);

/*
 * The default path ($XDG_CONFIG_HOME/orrery/config.ini, else
 * ~/.config/orrery/config.ini); the caller frees it.  NULL when neither
 * XDG_CONFIG_HOME nor HOME is set.
 */
char *config_default_path(void);

/*
 * Load the configuration.  path NULL means the default path, where a
 * missing file is fine (defaults apply); an explicit path must exist.
 * Errors read "FILE:LINE: what is wrong" (or "FILE: what" when no line
 * applies).  Returns NULL and sets *cause on error; the caller frees the
 * result with config_free().
 */
struct config *config_load(const char *, char **);
void config_free(struct config *);
/* Write the effective configuration as a valid config.ini. */
void config_print(const struct config *, FILE *);

#endif /* ORRERY_CONFIG_H */
