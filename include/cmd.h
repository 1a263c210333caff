/*
 * cmd: the headless commands' table and what they share.  cmd.c owns the
 * table (in the order `orrery --help` lists it), the usage texts, the one
 * option parser (getopt_long, held to orrery's rules) and the helpers every
 * command uses: messages and exit codes, reading an input file, opening
 * the store, JSON output.  Each family of commands lives in a cmd_*.c file
 * of its own and exports its entries (cmd_add_entry ...) for the table.
 *
 * main starts what a command's flags ask for (cmd_ctx), parses its
 * arguments with cmd_args_parse() and calls its run function; a command
 * never parses options itself.  Nothing here includes curl, curses or
 * sqlite: commands reach those through fetch, ui and store.
 *
 * Exit status: 0 success, 1 an error (bad config, unreadable input, not a
 * feed, an unusable store, a standard output that cannot be written: main
 * checks that once for every command), 2 a usage error (unknown command or
 * option), 3 `refresh` finished but some feeds failed.
 */
#ifndef ORRERY_CMD_H
#define ORRERY_CMD_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct cmd_args;
struct cmd_ctx;
struct config;
struct json_t;
struct store;
struct store_feed;

#define CMD_EXIT_USAGE 2
#define CMD_EXIT_PARTIAL 3

/* What a command needs started before it runs (main's stages). */
#define CMD_CONFIG 0x1	    /* the configuration, loaded */
#define CMD_STORE 0x2	    /* a store path (-d FILE, else the default) */
#define CMD_NETWORK 0x4	    /* libcurl's process-wide set-up */
#define CMD_FIRST_START 0x8 /* cmd_first_start() done (the reader) */
/*
 * The arguments are mostly words: options count only before the first
 * word, and the first element that is not one of the entry's options
 * (or is one of `alone` beside others) is a word, as is all that follows,
 * for the command to judge (mark read -5, import --from-newsboat -x).
 */
#define CMD_WORDS 0x10
/*
 * Reads the store and never writes to it: the store must exist already;
 * cmd_open_store creates no file and no directory for it.
 */
#define CMD_READONLY 0x20
/*
 * The words are a query (query.h): the entry's options count anywhere,
 * and any other element starting with a single '-' (-unread, -python)
 * is a word, as is everything after "--".  An unknown "--name" is still
 * an unknown option.
 */
#define CMD_QUERY 0x40

/* The value an option names in its usage error when it is missing. */
struct cmd_need {
	int opt;	  /* the option's val */
	const char *what; /* "a date (such as 2026-05-29)" */
};

/* One command. */
struct cmd_entry {
	const char *name;
	const char *usage; /* its arguments, for "usage: orrery NAME ..." */
	const char *help;  /* one line for `orrery --help` */

	/*
	 * The options, for getopt_long: shortopts without an ordering
	 * prefix; longopts ends with a zeroed element and holds "help"
	 * (val 'h') to have -h/--help print the usage.  A val is an ASCII
	 * character other than '?', ':' and 1: cmd_args is indexed by it.
	 * longopts NULL: every argument is a word (help, version).
	 */
	const char *shortopts;
	const struct option *longopts;
	/* vals that count only as the only argument; beside others they
	 * are unknown options (or, with CMD_WORDS, words) */
	const char *alone;
	const struct cmd_need *needs; /* ends with opt 0; NULL: "a value" */

	int maxargs;	   /* words after the command; -1: any number */
	const char *extra; /* usage error before a word past maxargs */
	unsigned flags;	   /* CMD_* */
	int (*run)(struct cmd_ctx *, const struct cmd_args *);
};

/* What every command gets: the global options and what main started. */
struct cmd_ctx {
	const struct cmd_entry *entry;
	struct config *cfg;	/* CMD_CONFIG; owned by main */
	const char *store_path; /* -d FILE, else default_store */
	char *default_store;	/* CMD_STORE without -d; owned by main */
	const char *log_path;	/* -l FILE: the reader's debug log */
	int offline;		/* --offline */
};

#define CMD_OPT_MAX 128

/* A command's parsed arguments; the strings are borrowed from argv. */
struct cmd_args {
	unsigned char has[CMD_OPT_MAX]; /* by val: times given */
	const char *value[CMD_OPT_MAX]; /* by val: its last value, or NULL */
	int argc;			/* the words, in order */
	const char **argv;
};

/*
 * Parse argv (argv[0] the command's name) for x->entry into a, which the
 * caller releases with cmd_args_free() whatever the result.  Returns 0
 * to run the command, or -1 with *status set: 0 after printing the usage
 * (--help), CMD_EXIT_USAGE after a usage error.
 */
int cmd_args_parse(
    struct cmd_ctx *, int argc, char **argv, struct cmd_args *, int *status);
void cmd_args_free(struct cmd_args *);
/* How many times the option was given (0: not). */
int cmd_args_has(const struct cmd_args *, int opt);
const char *cmd_args_get(const struct cmd_args *, int opt);

/*
 * One walk of getopt_long over argv, held to the rules orrery has always
 * had: an option is a whole element ("-w 30", "--width 30" or
 * "--width=30"); a cluster ("-hw"), an attached short value ("-w30") and
 * an abbreviation ("--wid") are not options but errors.  optstring starts
 * with the ordering ("+:" stop at the first word, "-:" words in order).
 * getopt_long's globals are reset by cmd_getopt_init and it prints
 * nothing (opterr is 0).
 */
struct cmd_getopt {
	int argc;
	char **argv;
	const char *optstring;
	const struct option *longopts;
	int index;	  /* of the element last read */
	const char *elem; /* that element */
	const char *arg;  /* an option's value, or the word */
	int opt;	  /* CMD_GETOPT_MISSING: the option's val */
	int next;	  /* CMD_GETOPT_END: the first argument not read */
	int dashdash;	  /* CMD_GETOPT_END: it ended at "--" */
};
#define CMD_GETOPT_END (-1)
#define CMD_GETOPT_WORD 1
#define CMD_GETOPT_BAD '?'     /* not an option of the table: elem */
#define CMD_GETOPT_MISSING ':' /* elem, opt: the value is missing */

void cmd_getopt_init(struct cmd_getopt *, int argc, char **argv,
    const char *optstring, const struct option *);
/* An option's val, or one of CMD_GETOPT_*. */
int cmd_getopt_next(struct cmd_getopt *);

/* The options of a command that takes none but -h/--help. */
extern const struct option cmd_help_only[];

/* ---- the table ---------------------------------------------------- */

const struct cmd_entry *cmd_find(const char *name);
/* orrery --help: the global options and every command. */
void cmd_usage(FILE *);
/* One command's "usage: orrery NAME ARGS" and its help line. */
void cmd_entry_usage(const struct cmd_entry *, FILE *);
void cmd_print_version(FILE *);

extern const struct cmd_entry cmd_add_entry;
extern const struct cmd_entry cmd_config_entry;
extern const struct cmd_entry cmd_enclosures_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_feeds_entry;
extern const struct cmd_entry cmd_feed_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_mark_entry;
extern const struct cmd_entry cmd_mute_entry;
extern const struct cmd_entry cmd_mutes_entry;
extern const struct cmd_entry cmd_undo_entry;
extern const struct cmd_entry cmd_unmute_entry;
extern const struct cmd_entry cmd_parse_entry;
extern const struct cmd_entry cmd_refresh_entry;
extern const struct cmd_entry cmd_remove_entry;
extern const struct cmd_entry cmd_render_entry;
extern const struct cmd_entry cmd_search_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_sync_entry;
extern const struct cmd_entry cmd_vacuum_entry;
extern const struct cmd_entry cmd_version_entry;

/* refresh while [sync] is set: a sync instead (cmd_sync.c); its status. */
int cmd_sync_refresh(struct cmd_ctx *);

/* ---- messages ----------------------------------------------------- */

#define CMD_HINT_COMMANDS "(orrery --help lists them)"
#define CMD_HINT_ENTRIES "(ids: orrery list)"
#define CMD_HINT_FEEDS "(orrery feeds lists them)"
#define CMD_HINT_SEARCH "(words, \"phrases\", prefix*, OR, -word: orrery(1))"

/*
 * cmd_settings.c, for `orrery feeds`: every feed's settings (the caller
 * frees them with store_settings_free); one feed's that are set as
 * "key = value, ..." (malloc'd, cleaned; NULL when none is set); all its
 * settings, defaults too, as a JSON object.
 */
struct store_setting;
int cmd_feed_settings_get(
    struct store *, struct store_setting **, size_t *, char **cause);
char *cmd_feed_settings_line(const struct store_setting *, size_t, int64_t);
struct json_t *cmd_feed_settings_json(
    const struct store_setting *, size_t, int64_t);

/* cmd_article.c: `show ID --full`, entry's whole article (fetched when
 * the store has none) at width; the command's exit status. */
int cmd_show_full(struct cmd_ctx *, int64_t entry, int width, int color);

/* "orrery: MESSAGE" on stderr; returns 1 for `return cmd_fail(...)`. */
int cmd_fail(const char *, ...) __attribute__((format(printf, 1, 2)));
/* cmd_fail with cause (freed here); returns 1. */
int cmd_fail_cause(char *cause);
/*
 * cmd_fail_cause, with hint added when the cause starts with prefix: the
 * store's messages serve the reader too, where "(ids: orrery list)"
 * would be out of place.
 */
int cmd_fail_hint(char *cause, const char *prefix, const char *hint);
/* A usage error in the current command: message, its usage; returns 2. */
int cmd_usage_error(struct cmd_ctx *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
/* Does a word look like an option ("-x", "--x"; "-" is a word)? */
int cmd_is_option(const char *);
/* An option the command does not take (arg as typed); returns 2. */
int cmd_bad_option(struct cmd_ctx *, const char *arg);

/* ---- input, store, output ----------------------------------------- */

/* max-feed-size in bytes: the cap on an input file. */
size_t cmd_max_bytes(const struct cmd_ctx *);
/*
 * A whole file ("-" is standard input) of at most max bytes; NULL and
 * *cause when it cannot be read or is larger.  The caller frees it.
 */
char *cmd_read_input(const char *path, size_t max, size_t *len, char **cause);
/* x->store_path opened, or NULL after printing why; with CMD_READONLY,
 * a store that does not exist is an error, not created. */
struct store *cmd_open_store(struct cmd_ctx *);
/*
 * First start: an empty store is subscribed to default-feed, once; a user
 * who later removes it is not subscribed again.  0, or 1 after printing.
 */
int cmd_first_start(struct cmd_ctx *, struct store *);
/*
 * The text width: --width N (opt, NULL when not given), else text-width,
 * narrowed to the terminal when standard output is one.  0, or -1 after
 * a usage error.
 */
int cmd_text_width(struct cmd_ctx *, const char *opt, int *width);

/* "YYYY-MM-DD HH:MM" in the configured zone. */
void cmd_format_time(const struct cmd_ctx *, int64_t, char *, size_t);
/* Text for the terminal: no control characters, never NULL; freed by
 * the caller. */
char *cmd_safe(const char *);
/* The name a feed is shown by: the user's, the feed's title, its URL. */
const char *cmd_feed_name(const struct store_feed *);

/* JSON values for --json (NULL strings and times become null). */
struct json_t *cmd_json_str(const char *);
struct json_t *cmd_json_time(int64_t);
/* Print v indented on standard output, and release it. */
void cmd_json_print(struct json_t *);

/*
 * What `orrery add` subscribes to for a URL (cmd_discover.c): the URL
 * itself when it answers with a feed (or cannot be fetched now: note says
 * why; or --offline), else the first feed the HTML page names (page is
 * the page, others the rest it names).  cmd_found_free frees it all.
 */
struct discover_feed;
struct cmd_found {
	char *url;
	char *page; /* NULL unless found on a page */
	char *note; /* the fetch failed: why, or NULL */
	struct discover_feed *others;
	size_t nothers;
};
int cmd_find_feed(
    struct cmd_ctx *, const char *url, struct cmd_found *, char **cause);
void cmd_found_free(struct cmd_found *);
/* A local file's absolute file:// URL, or NULL with *cause. */
char *cmd_file_url(const char *path, char **cause);

/* Enclosures as a JSON array (cmd_enclosures.c), for list --json too. */
struct store_enclosure;
struct json_t *cmd_enclosures_json(const struct store_enclosure *, size_t);

/*
 * The query language on the command line (cmd_entries.c): the words from
 * argv[from] on joined by spaces (the caller frees); text parsed and added
 * to flt, *sq holding what flt borrows (store_query_free).  A malformed
 * query is one line on stderr and CMD_EXIT_USAGE.
 */
struct store_filter;
struct store_query;
char *cmd_query_words(const struct cmd_args *, int from);
int cmd_filter_query(struct cmd_ctx *, const char *text, struct store_filter *,
    struct store_query **);

#endif /* ORRERY_CMD_H */
