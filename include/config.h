/*
 * config: config.ini -> an immutable struct config.  One declarative table
 * of keys (section, name, type, default, range, help) drives parsing,
 * validation, `orrery config` and the documentation checks.  Only this
 * file touches iniparser.
 */
#ifndef ORRERY_CONFIG_H
#define ORRERY_CONFIG_H

#include <stdio.h>

struct config {
	char *path; /* the file read, NULL when none existed */

	/* [general] */
	long refresh_interval; /* minutes; 0 = only on demand */
	int refresh_on_start;
	long max_connections;
	long max_connections_per_host;
	long timeout; /* seconds per request */
	char *user_agent;
	char *ca_file;	  /* "" = the system's certificate authorities */
	char *browser;	  /* "" = $BROWSER, else xdg-open */
	int timezone_utc; /* day grouping: 0 local, 1 UTC */
	long text_width;  /* pager text width, columns */
	char *default_feed;
	long max_feed_size; /* MiB; larger feeds are refused */
	long keep_days;	    /* prune read entries older than this; 0 never */
};

enum config_type {
	CONFIG_INT,
	CONFIG_BOOL,
	CONFIG_STRING,
	CONFIG_ENUM
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
