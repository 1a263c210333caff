/*
 * main: argument parsing, subcommand dispatch, start-up and shutdown order,
 * exit status.  It reads files named on the command line and prints
 * results; the work itself belongs to the modules (parse, store, fetch,
 * opml).  It never includes curl, curses or sqlite.
 *
 * Exit status: 0 success, 1 an error (bad config, unreadable input, not a
 * feed, an unusable store), 2 a usage error (unknown command or option),
 * 3 `refresh` finished but some feeds failed.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "chan.h"
#include "config.h"
#include "date.h"
#include "fetch.h"
#include "html.h"
#include "opml.h"
#include "parse.h"
#include "render.h"
#include "store.h"
#include "ui.h"
#include "util.h"

#define EXIT_USAGE 2
#define EXIT_PARTIAL 3

/* What every command gets: the global options, the configuration. */
struct ctx {
	struct config *cfg;
	const char *store_path; /* -d FILE, else the default */
	char *default_store;
	int offline;
	const struct command *cmd;
};

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(struct ctx *, int, char **);
};

static int cmd_add(struct ctx *, int, char **);
static int cmd_config(struct ctx *, int, char **);
static int cmd_export(struct ctx *, int, char **);
static int cmd_feeds(struct ctx *, int, char **);
static int cmd_help(struct ctx *, int, char **);
static int cmd_import(struct ctx *, int, char **);
static int cmd_list(struct ctx *, int, char **);
static int cmd_mark(struct ctx *, int, char **);
static int cmd_parse(struct ctx *, int, char **);
static int cmd_refresh(struct ctx *, int, char **);
static int cmd_remove(struct ctx *, int, char **);
static int cmd_render(struct ctx *, int, char **);
static int cmd_search(struct ctx *, int, char **);
static int cmd_show(struct ctx *, int, char **);
static int cmd_vacuum(struct ctx *, int, char **);
static int cmd_version(struct ctx *, int, char **);

static const struct command commands[] = {
	{ "refresh", "[URL|ID|NAME ...] [--force]",
	    "fetch the feeds that are due (--force: all of them)",
	    cmd_refresh },
	{ "add", "URL [--name NAME]", "subscribe to a feed", cmd_add },
	{ "remove", "URL|ID|NAME", "unsubscribe and delete its entries",
	    cmd_remove },
	{ "feeds", "[--json | --urls | --names]",
	    "list subscriptions with counts and errors", cmd_feeds },
	{ "list",
	    "[--unread] [--starred] [--source NAME] [--since DATE] "
	    "[--limit N] [--json] | --sources",
	    "list entries, newest first", cmd_list },
	{ "search", "QUERY [--limit N] [--json]",
	    "full-text search (words, prefix*, \"phrases\")", cmd_search },
	{ "show", "ID [--width N] [--color]",
	    "print an entry the way the pager shows it", cmd_show },
	{ "mark", "read|unread|star|unstar ID ...", "change entries' state",
	    cmd_mark },
	{ "import", "FILE|URL|- | --from-newsboat [DIR]",
	    "subscribe to an OPML or newsboat urls file; switch from newsboat",
	    cmd_import },
	{ "export", "", "print the subscriptions as OPML 2.0", cmd_export },
	{ "vacuum", "", "apply keep-days and compact the store", cmd_vacuum },
	{ "parse", "FILE|- [--url URL] [--charset NAME]",
	    "parse a feed file and print it as JSON", cmd_parse },
	{ "render", "FILE|- [--width N] [--base URL] [--color]",
	    "print an HTML file as the pager shows it", cmd_render },
	{ "config", "", "print the effective configuration", cmd_config },
	{ "help", "[COMMAND]", "show this help, or one command's", cmd_help },
	{ "version", "", "print the version", cmd_version },
	{ NULL, NULL, NULL, NULL }
};

static void
usage(FILE *fp)
{
	const struct command *c;

	fprintf(fp,
	    "usage: orrery [-c FILE] [-d FILE] [-l FILE] [--offline] "
	    "[COMMAND [ARGS]]\n"
	    "       orrery --help | --version\n"
	    "\n"
	    "A terminal reader for Planet Python and any RSS, Atom or JSON "
	    "feed.\n"
	    "Without a command it opens the reader (? there lists the "
	    "keys).\n"
	    "\n"
	    "Options:\n"
	    "  -c, --config FILE  read FILE instead of "
	    "$XDG_CONFIG_HOME/orrery/config.ini\n"
	    "  -d, --db FILE      use the store FILE instead of "
	    "$XDG_DATA_HOME/orrery/orrery.db\n"
	    "  -l, --log FILE     append a debug log of the reader to FILE\n"
	    "  --offline          never touch the network\n"
	    "  -h, --help         show this help\n"
	    "  -V, --version      print the version\n"
	    "\n"
	    "Commands:\n");
	for (c = commands; c->name != NULL; c++)
		fprintf(fp, "  %-8s %s\n", c->name, c->help);
	fprintf(fp,
	    "\n'orrery help COMMAND' shows a command's arguments. "
	    "See orrery(1) and orrery.ini(5).\n");
}

static void
command_usage(const struct command *c, FILE *fp)
{
	fprintf(fp, "usage: orrery %s%s%s\n  %s\n", c->name,
	    *c->args != '\0' ? " " : "", c->args, c->help);
}

static const struct command *
command_find(const char *name)
{
	const struct command *c;

	for (c = commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static int usage_error(struct ctx *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* A usage error in the current command: message, usage, exit 2. */
static int
usage_error(struct ctx *x, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "orrery %s: ", x->cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	command_usage(x->cmd, stderr);
	return EXIT_USAGE;
}

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "orrery: MESSAGE" on stderr; returns 1 for `return fail(...)`. */
static int
fail(const char *fmt, ...)
{
	va_list ap;

	fputs("orrery: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static int
fail_cause(char *cause)
{
	fail("%s", cause != NULL ? cause : "unknown error");
	free(cause);
	return 1;
}

/*
 * fail_cause, with a hint for the command line added when the cause
 * starts with prefix: the store's messages serve the reader too, where
 * "(ids: orrery list)" would be out of place.
 */
static int
fail_hint(char *cause, const char *prefix, const char *hint)
{
	if (cause != NULL && strncmp(cause, prefix, strlen(prefix)) == 0) {
		fail("%s %s", cause, hint);
		free(cause);
		return 1;
	}
	return fail_cause(cause);
}

#define HINT_COMMANDS "(orrery --help lists them)"
#define HINT_ENTRIES "(ids: orrery list)"
#define HINT_FEEDS "(orrery feeds lists them)"
#define HINT_SEARCH "(words, prefix*, \"phrase\", AND/OR/NOT, title:word)"

/*
 * Match "--name VALUE" or "--name=VALUE" at argv[*i]; on a match store
 * VALUE (borrowed from argv) and advance *i past what was used.  Returns
 * 1 on a match, 0 when argv[*i] is another option, -1 when VALUE is
 * missing.
 */
static int
option_value(int argc, char **argv, int *i, const char *name,
    const char *shortname, const char **value)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) == 0 && a[n] == '=') {
		*value = a + n + 1;
		return 1;
	}
	if (strcmp(a, name) != 0 &&
	    (shortname == NULL || strcmp(a, shortname) != 0))
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[++*i];
	return 1;
}

static int
is_help(const char *a)
{
	return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

static int
is_option(const char *a)
{
	return a[0] == '-' && a[1] != '\0';
}

/* An option the current command does not take: usage error, exit 2. */
static int
bad_option(struct ctx *x, const char *a)
{
	/* -l too, but it is for the reader alone. */
	static const char *const global[] = { "-c", "--config", "-d", "--db",
		NULL };
	size_t i, n;

	n = strcspn(a, "=");
	for (i = 0; global[i] != NULL; i++)
		if (strlen(global[i]) == n && strncmp(a, global[i], n) == 0)
			return usage_error(x,
			    "%.*s goes before the command "
			    "(orrery %.*s FILE %s ...)",
			    (int)n, a, (int)n, a, x->cmd->name);
	return usage_error(x, "unknown option: %s", a);
}

/* Read a whole file ("-" is stdin) up to max bytes. */
static char *
read_input(const char *path, size_t max, size_t *len, char **cause)
{
	struct buf b;
	FILE *fp;
	char tmp[65536];
	size_t n;
	int over = 0;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else {
		fp = fopen(path, "rb");
		if (fp == NULL) {
			util_fail(cause, "%s: %s", path, strerror(errno));
			return NULL;
		}
	}
	buf_init(&b, max);
	for (;;) {
		n = fread(tmp, 1, sizeof tmp, fp);
		if (n == 0)
			break;
		if (buf_add(&b, tmp, n) != 0) {
			over = 1;
			break;
		}
	}
	if (!over && ferror(fp)) {
		util_fail(cause, "%s: %s", path, strerror(errno));
		if (fp != stdin)
			fclose(fp);
		buf_free(&b);
		return NULL;
	}
	if (fp != stdin)
		fclose(fp);
	if (over) {
		util_fail(cause, "%s: larger than %zu MiB (max-feed-size)",
		    path, max / (1024 * 1024));
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, len);
}

static size_t
max_bytes(const struct ctx *x)
{
	return (size_t)x->cfg->max_feed_size * 1024 * 1024;
}

static struct store *
open_store(struct ctx *x)
{
	struct store *st;
	char *cause = NULL;

	st = store_open(x->store_path, &cause);
	if (st == NULL && cause != NULL && *cause != '\0' &&
	    cause[strlen(cause) - 1] != ')') {
		/* Every message of store_open names the file. */
		fail("%s (%s)", cause,
		    x->default_store == NULL ? "check the path given to -d"
					     : "check it, or use -d FILE");
		free(cause);
	} else if (st == NULL)
		fail_cause(cause);
	return st;
}

/*
 * First start: an empty store is subscribed to default-feed, once.  A
 * user who later removes it is not subscribed again.
 */
static int
first_start(struct ctx *x, struct store *st)
{
	char *done = NULL, *cause = NULL;
	int64_t n = 0;

	if (store_meta_get(st, "first-start", &done, &cause) != 0)
		return fail_cause(cause);
	if (done != NULL) {
		free(done);
		return 0;
	}
	if (store_feed_count(st, &n) == 0 && n == 0 &&
	    x->cfg->default_feed[0] != '\0' &&
	    store_feed_add(
		st, x->cfg->default_feed, NULL, NULL, NULL, NULL, &cause) != 0)
		return fail_cause(cause);
	if (store_meta_set(st, "first-start", "done", &cause) != 0)
		return fail_cause(cause);
	return 0;
}

/* "YYYY-MM-DD HH:MM" in the configured zone. */
static void
format_time(const struct ctx *x, int64_t t, char *out, size_t len)
{
	date_format(
	    t, x->cfg->timezone_utc, "%Y-%m-%d %H:%M", "never", out, len);
}

static json_t *
json_str(const char *s)
{
	json_t *v;

	if (s == NULL)
		return json_null();
	v = json_string(s);
	return v != NULL ? v : json_string("\xef\xbf\xbd");
}

static json_t *
json_time(int64_t t)
{
	return t == STORE_NO_TIME ? json_null() : json_integer(t);
}

static void
json_print(json_t *v)
{
	char *s;

	s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (s != NULL) {
		puts(s);
		free(s);
	}
	json_decref(v);
}

/* Text for the terminal: no control characters, never NULL. */
static char *
safe(const char *s)
{
	char *c;

	c = s != NULL ? util_clean_text(s, strlen(s)) : NULL;
	return c != NULL ? c : xstrdup("");
}

/* ---- render, show: HTML as the pager shows it ---------------------- */

/*
 * The text width: --width N, else text-width, narrowed to the terminal
 * when standard output is one.  Returns 0, or -1 after a usage error.
 */
static int
text_width(struct ctx *x, const char *opt, int *width)
{
	struct winsize ws;
	long long n;

	if (opt != NULL) {
		if (util_parse_ll(opt, &n) != 0 || n < 20 || n > 400) {
			usage_error(
			    x, "--width: a number from 20 to 400: %s", opt);
			return -1;
		}
		*width = (int)n;
		return 0;
	}
	*width = (int)x->cfg->text_width;
	if (isatty(STDOUT_FILENO) &&
	    ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20 &&
	    ws.ws_col < *width)
		*width = ws.ws_col;
	return 0;
}

/* The options render and show share; 1 consumed, 0 not, -1 error. */
static int
render_option(struct ctx *x, int argc, char **argv, int *i, const char **width,
    int *color)
{
	const char *v;
	int r;

	if (strcmp(argv[*i], "--color") == 0 ||
	    strcmp(argv[*i], "--colour") == 0) {
		*color = 1;
		return 1;
	}
	r = option_value(argc, argv, i, "--width", "-w", &v);
	if (r < 0) {
		usage_error(x, "%s needs a value", "--width");
		return -1;
	}
	if (r > 0)
		*width = v;
	return r;
}

static int
cmd_render(struct ctx *x, int argc, char **argv)
{
	struct html_options ho;
	struct html_doc *doc;
	const char *path = NULL, *width = NULL, *v;
	char *data, *cause = NULL;
	size_t len;
	int i, r, color = 0;

	memset(&ho, 0, sizeof ho);
	for (i = 1; i < argc; i++) {
		if ((r = render_option(x, argc, argv, &i, &width, &color)) !=
		    0) {
			if (r < 0)
				return 2;
		} else if ((r = option_value(
				argc, argv, &i, "--base", NULL, &v)) != 0) {
			if (r < 0)
				return usage_error(
				    x, "%s needs a value", "--base");
			ho.base = v;
		} else if (is_help(argv[i])) {
			command_usage(x->cmd, stdout);
			return 0;
		} else if (is_option(argv[i]))
			return bad_option(x, argv[i]);
		else if (path == NULL)
			path = argv[i];
		else
			return usage_error(x, "one file only: %s", argv[i]);
	}
	if (path == NULL)
		return usage_error(x, "which file? (- for standard input)");
	if (text_width(x, width, &ho.width) != 0)
		return 2;
	data = read_input(path, max_bytes(x), &len, &cause);
	if (data == NULL)
		return fail_cause(cause);
	doc = html_render(data, len, &ho);
	free(data);
	html_write(stdout, doc, color);
	html_doc_free(doc);
	return ferror(stdout) ? fail("standard output: write error") : 0;
}

static int
cmd_show(struct ctx *x, int argc, char **argv)
{
	struct html_options ho;
	struct html_doc *doc;
	struct store *st;
	struct store_entry e;
	const char *width = NULL, *idarg = NULL;
	char *cause = NULL;
	long long id = 0;
	int i, r, color = 0;

	for (i = 1; i < argc; i++) {
		if ((r = render_option(x, argc, argv, &i, &width, &color)) !=
		    0) {
			if (r < 0)
				return 2;
		} else if (is_help(argv[i])) {
			command_usage(x->cmd, stdout);
			return 0;
		} else if (is_option(argv[i]))
			return bad_option(x, argv[i]);
		else if (idarg == NULL)
			idarg = argv[i];
		else
			return usage_error(x, "one entry only: %s", argv[i]);
	}
	if (idarg == NULL)
		return usage_error(x, "which entry? " HINT_ENTRIES);
	if (util_parse_ll(idarg, &id) != 0 || id <= 0)
		return usage_error(
		    x, "not an entry id: %s " HINT_ENTRIES, idarg);
	memset(&ho, 0, sizeof ho);
	if (text_width(x, width, &ho.width) != 0)
		return 2;
	st = open_store(x);
	if (st == NULL)
		return 1;
	if (store_entry_get(st, id, 1, &e, &cause) != 0) {
		store_close(st);
		return fail_hint(cause, "no entry with id ", HINT_ENTRIES);
	}
	store_close(st);
	doc = render_entry(&e, x->cfg->timezone_utc, ho.width);
	html_write(stdout, doc, color);
	html_doc_free(doc);
	store_entry_clear(&e);
	return ferror(stdout) ? fail("standard output: write error") : 0;
}

/* ---- parse, config, help, version ---------------------------------- */

static int
cmd_parse(struct ctx *x, int argc, char **argv)
{
	struct parse_options po;
	struct parsed_feed *f;
	const char *path = NULL, *v;
	char *data, *cause = NULL, *json;
	size_t len;
	int i, r;

	memset(&po, 0, sizeof po);
	for (i = 1; i < argc; i++) {
		if ((r = option_value(argc, argv, &i, "--url", NULL, &v)) !=
		    0) {
			if (r < 0)
				return usage_error(
				    x, "%s needs a value", "--url");
			po.url = v;
		} else if ((r = option_value(
				argc, argv, &i, "--charset", NULL, &v)) != 0) {
			if (r < 0)
				return usage_error(
				    x, "%s needs a value", "--charset");
			po.charset = v;
		} else if (is_help(argv[i])) {
			command_usage(x->cmd, stdout);
			return 0;
		} else if (is_option(argv[i]))
			return bad_option(x, argv[i]);
		else if (path == NULL)
			path = argv[i];
		else
			return usage_error(x, "one file only: %s", argv[i]);
	}
	if (path == NULL)
		return usage_error(x, "which file? (- for standard input)");
	po.max_size = max_bytes(x);
	data = read_input(path, po.max_size, &len, &cause);
	if (data == NULL)
		return fail_cause(cause);
	f = parse_feed(data, len, &po, &cause);
	free(data);
	if (f == NULL) {
		fail("%s: %s", strcmp(path, "-") == 0 ? "stdin" : path, cause);
		free(cause);
		return 1;
	}
	json = parse_to_json(f);
	printf("%s\n", json);
	free(json);
	parse_free(f);
	return 0;
}

/* Commands without arguments: only --help is allowed. */
static int
no_args(struct ctx *x, int argc, char **argv, int *done)
{
	*done = 1;
	if (argc > 1 && is_help(argv[1])) {
		command_usage(x->cmd, stdout);
		return 0;
	}
	if (argc > 1 && is_option(argv[1]))
		return bad_option(x, argv[1]);
	if (argc > 1)
		return usage_error(x, "unexpected argument: %s", argv[1]);
	*done = 0;
	return 0;
}

static int
cmd_config(struct ctx *x, int argc, char **argv)
{
	int done, rv;

	rv = no_args(x, argc, argv, &done);
	if (done)
		return rv;
	config_print(x->cfg, stdout);
	return 0;
}

static int
cmd_help(struct ctx *x, int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		usage(stdout);
		return 0;
	}
	c = command_find(argv[1]);
	if (c == NULL) {
		fail("no such command: %s " HINT_COMMANDS, argv[1]);
		return EXIT_USAGE;
	}
	command_usage(c, stdout);
	return 0;
}

static int
cmd_version(struct ctx *x, int argc, char **argv)
{
	printf("orrery %s\n", ORRERY_VERSION);
	return 0;
}

/* ---- feeds --------------------------------------------------------- */

static int
cmd_add(struct ctx *x, int argc, char **argv)
{
	struct store *st;
	const char *url = NULL, *name = NULL;
	char *cause = NULL, *clean;
	int64_t id;
	int i, r, existed;

	for (i = 1; i < argc; i++) {
		if ((r = option_value(argc, argv, &i, "--name", NULL, &name)) !=
		    0) {
			if (r < 0)
				return usage_error(
				    x, "%s needs a value", "--name");
		} else if (is_help(argv[i])) {
			command_usage(x->cmd, stdout);
			return 0;
		} else if (is_option(argv[i]))
			return bad_option(x, argv[i]);
		else if (url == NULL)
			url = argv[i];
		else
			return usage_error(x, "one URL only: %s", argv[i]);
	}
	if (url == NULL)
		return usage_error(x, "which URL?");
	if (!util_strncaseeq(url, "http://", 7) &&
	    !util_strncaseeq(url, "https://", 8) &&
	    !util_strncaseeq(url, "file://", 7))
		return fail(
		    "%s: not a feed URL (http, https or file only)", url);
	st = open_store(x);
	if (st == NULL)
		return 1;
	clean = name != NULL ? util_clean_text(name, strlen(name)) : NULL;
	r = store_feed_add(st, url, clean, NULL, &id, &existed, &cause);
	free(clean);
	if (r == 0)
		r = store_meta_set(st, "first-start", "done", &cause);
	store_close(st);
	if (r != 0)
		return fail_cause(cause);
	if (existed)
		printf("already subscribed: %" PRId64 " %s\n", id, url);
	else
		printf("added feed %" PRId64 ": %s\n", id, url);
	return 0;
}

static int
cmd_remove(struct ctx *x, int argc, char **argv)
{
	struct store *st;
	struct store_feed f;
	char *cause = NULL;
	int rv;

	if (argc == 2 && is_help(argv[1])) {
		command_usage(x->cmd, stdout);
		return 0;
	}
	if (argc != 2 || is_option(argv[1]))
		return usage_error(
		    x, "give one URL, feed id or name (orrery feeds)");
	st = open_store(x);
	if (st == NULL)
		return 1;
	memset(&f, 0, sizeof f);
	rv = store_feed_find(st, argv[1], &f, &cause) == 0 &&
		store_feed_remove(st, f.id, &cause) == 0
	    ? 0
	    : 1;
	if (rv == 0)
		printf("removed feed %" PRId64 ": %s (%" PRId64 " entries)\n",
		    f.id, f.url, f.total);
	store_feed_clear(&f);
	store_close(st);
	return rv == 0 ? 0 : fail_hint(cause, "no feed with id ", HINT_FEEDS);
}

static json_t *
feed_json(const struct store_feed *f)
{
	json_t *o;

	o = json_object();
	json_object_set_new(o, "id", json_integer(f->id));
	json_object_set_new(o, "url", json_str(f->url));
	json_object_set_new(o, "name", json_str(f->name));
	json_object_set_new(o, "title", json_str(f->title));
	json_object_set_new(o, "site_link", json_str(f->site_link));
	json_object_set_new(o, "category", json_str(f->category));
	json_object_set_new(o, "unread", json_integer(f->unread));
	json_object_set_new(o, "total", json_integer(f->total));
	json_object_set_new(o, "last_attempt", json_time(f->last_attempt));
	json_object_set_new(o, "last_success", json_time(f->last_success));
	json_object_set_new(o, "last_status", json_integer(f->last_status));
	json_object_set_new(o, "last_error", json_str(f->last_error));
	json_object_set_new(o, "next_fetch", json_integer(f->next_fetch));
	json_object_set_new(o, "disabled", json_boolean(f->disabled));
	json_object_set_new(o, "etag", json_str(f->etag));
	json_object_set_new(o, "last_modified", json_str(f->last_modified));
	return o;
}

static const char *
feed_name(const struct store_feed *f)
{
	return f->name != NULL ? f->name : f->title != NULL ? f->title : f->url;
}

static int
cmd_feeds(struct ctx *x, int argc, char **argv)
{
	struct store *st;
	struct store_feed *list;
	json_t *arr;
	char *cause = NULL, *name, *err, when[32];
	size_t n, i;
	int json = 0, only = 0;

	if (argc == 2 && strcmp(argv[1], "--json") == 0)
		json = 1;
	else if (argc == 2 && strcmp(argv[1], "--urls") == 0)
		only = 'u';
	else if (argc == 2 && strcmp(argv[1], "--names") == 0)
		only = 'n';
	else if (argc == 2 && is_help(argv[1])) {
		command_usage(x->cmd, stdout);
		return 0;
	} else if (argc > 1 && is_option(argv[1]))
		return bad_option(x, argv[1]);
	else if (argc > 1)
		return usage_error(x, "unexpected argument: %s", argv[1]);
	st = open_store(x);
	if (st == NULL)
		return 1;
	if (store_feeds(st, &list, &n, &cause) != 0) {
		store_close(st);
		return fail_cause(cause);
	}
	if (only != 0) {
		/* One per line, for scripts and shell completion. */
		for (i = 0; i < n; i++) {
			name = safe(
			    only == 'u' ? list[i].url : feed_name(&list[i]));
			printf("%s\n", name);
			free(name);
		}
	} else if (json) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, feed_json(&list[i]));
		json_print(arr);
	} else {
		if (n == 0)
			printf("no feeds: add one with 'orrery add URL' or "
			       "'orrery import FILE'\n");
		for (i = 0; i < n; i++) {
			format_time(x, list[i].last_success, when, sizeof when);
			name = safe(feed_name(&list[i]));
			printf("%4" PRId64 " %6" PRId64 "/%-6" PRId64
			       " %-16s %s%s\n",
			    list[i].id, list[i].unread, list[i].total, when,
			    name, list[i].disabled ? " (disabled)" : "");
			free(name);
			if (list[i].last_error != NULL) {
				err = safe(list[i].last_error);
				printf("%29s error: %s\n", "", err);
				free(err);
			}
		}
	}
	store_feeds_free(list, n);
	store_close(st);
	return 0;
}

/* ---- refresh ------------------------------------------------------- */

struct refresh_state {
	long total, done, fetched, not_modified, failed, new_entries;
	struct buf failures; /* "ID\tREASON\n" lines */
	int tty;
	int finished;
};

static void
refresh_progress(const struct refresh_state *rs)
{
	if (!rs->tty)
		return;
	fprintf(stderr,
	    "\r\033[K\xe2\x9f\xb3 %ld/%ld feeds \xc2\xb7 %ld error%s", rs->done,
	    rs->total, rs->failed, rs->failed == 1 ? "" : "s");
	fflush(stderr);
}

static void
refresh_event(struct refresh_state *rs, const struct chan_msg *m)
{
	switch (m->type) {
	case CHAN_BATCH_START:
		rs->total = m->batch_start.feeds;
		break;
	case CHAN_FEED_DONE:
		rs->done++;
		rs->new_entries += m->feed_done.new;
		if (m->feed_done.not_modified)
			rs->not_modified++;
		else
			rs->fetched++;
		break;
	case CHAN_FEED_FAIL:
		rs->done++;
		rs->failed++;
		buf_printf(&rs->failures, "%" PRId64 "\t%s\n",
		    m->feed_fail.feed,
		    m->feed_fail.why != NULL ? m->feed_fail.why : "failed");
		break;
	case CHAN_BATCH_DONE:
		rs->finished = 1;
		break;
	default:
		break;
	}
	refresh_progress(rs);
}

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	interrupted = sig;
}

static int
cmd_refresh(struct ctx *x, int argc, char **argv)
{
	struct refresh_state rs;
	struct store *st;
	struct store_feed f;
	struct chan *chan;
	struct chan_msg *m;
	struct fetch *fe;
	struct pollfd pfd;
	struct sigaction sa;
	char *cause = NULL, *line, *tab, *nl, *reason;
	int i, force = 0, ntargets = 0, rv = 0;
	int64_t id, pruned;
	int64_t *targets;

	targets = xcalloc((size_t)argc, sizeof *targets);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0)
			force = 1;
		else if (is_help(argv[i])) {
			free(targets);
			command_usage(x->cmd, stdout);
			return 0;
		} else if (is_option(argv[i])) {
			free(targets);
			return bad_option(x, argv[i]);
		}
	}
	if (x->offline) {
		free(targets);
		fprintf(stderr, "orrery: offline: nothing fetched\n");
		return 0;
	}
	st = open_store(x);
	if (st == NULL || first_start(x, st) != 0) {
		store_close(st);
		free(targets);
		return 1;
	}
	for (i = 1; i < argc; i++) {
		if (is_option(argv[i]))
			continue;
		if (store_feed_find(st, argv[i], &f, &cause) != 0) {
			store_close(st);
			free(targets);
			return fail_hint(cause, "no feed with id ", HINT_FEEDS);
		}
		targets[ntargets++] = f.id;
		store_feed_clear(&f);
	}

	chan = chan_new(&cause);
	if (chan == NULL) {
		store_close(st);
		free(targets);
		return fail_cause(cause);
	}
	/* Queued before the thread starts, so it sees one batch. */
	if (ntargets == 0)
		chan_command(chan, CHAN_REFRESH_ALL, 0, force);
	for (i = 0; i < ntargets; i++)
		chan_command(chan, CHAN_REFRESH_FEED, targets[i], force);
	free(targets);
	fe = fetch_start(x->cfg, x->store_path, chan, &cause);
	if (fe == NULL) {
		chan_free(chan);
		store_close(st);
		return fail_cause(cause);
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	memset(&rs, 0, sizeof rs);
	buf_init(&rs.failures, 0);
	rs.tty = isatty(STDERR_FILENO);
	pfd.fd = chan_event_fd(chan);
	pfd.events = POLLIN;
	while (!rs.finished && !interrupted) {
		if (poll(&pfd, 1, 1000) == -1 && errno != EINTR)
			break;
		while ((m = chan_next_event(chan)) != NULL) {
			refresh_event(&rs, m);
			chan_msg_free(m);
		}
	}
	fetch_stop(fe);
	chan_free(chan);
	if (rs.tty)
		fprintf(stderr, "\r\033[K");

	/* Failures, named by URL, after the progress line is gone. */
	for (line = rs.failures.data; line != NULL && *line != '\0';
	     line = nl + 1) {
		nl = strchr(line, '\n');
		tab = strchr(line, '\t');
		if (nl == NULL || tab == NULL)
			break;
		*nl = '\0';
		*tab = '\0';
		reason = safe(tab + 1);
		if (util_parse_ll(line, (long long *)&id) == 0 && id != 0 &&
		    store_feed_get(st, id, &f, NULL) == 0) {
			fail("%s: %s", f.url, reason);
			store_feed_clear(&f);
		} else
			fail("%s", reason);
		free(reason);
	}
	buf_free(&rs.failures);
	if (x->cfg->keep_days > 0 &&
	    store_prune(st, x->cfg->keep_days, (int64_t)time(NULL), &pruned,
		&cause) != 0)
		rv = fail_cause(cause);
	store_close(st);
	if (interrupted) {
		fail("interrupted: %ld of %ld feeds done", rs.done, rs.total);
		return 1;
	}
	printf("%ld feed%s: %ld fetched, %ld not modified, %ld failed, %ld new "
	       "entr%s\n",
	    rs.done, rs.done == 1 ? "" : "s", rs.fetched, rs.not_modified,
	    rs.failed, rs.new_entries, rs.new_entries == 1 ? "y" : "ies");
	if (rv != 0)
		return rv;
	return rs.failed > 0 ? EXIT_PARTIAL : 0;
}

/* ---- entries ------------------------------------------------------- */

static json_t *
entry_json(const struct store_entry *e)
{
	json_t *o;

	o = json_object();
	json_object_set_new(o, "id", json_integer(e->id));
	json_object_set_new(o, "feed_id", json_integer(e->feed_id));
	json_object_set_new(o, "guid", json_str(e->guid));
	json_object_set_new(o, "title", json_str(e->title));
	json_object_set_new(o, "link", json_str(e->link));
	json_object_set_new(o, "source", json_str(e->source));
	json_object_set_new(o, "author", json_str(e->author));
	json_object_set_new(o, "published", json_time(e->published));
	json_object_set_new(o, "updated", json_time(e->updated));
	json_object_set_new(o, "time", json_integer(e->time));
	json_object_set_new(o, "read", json_boolean(e->read));
	json_object_set_new(o, "starred", json_boolean(e->starred));
	return o;
}

static void
print_entries(
    const struct ctx *x, const struct store_entry *list, size_t n, int json)
{
	json_t *arr;
	char when[32], *source, *title;
	size_t i;

	if (json) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, entry_json(&list[i]));
		json_print(arr);
		return;
	}
	for (i = 0; i < n; i++) {
		format_time(x, list[i].time, when, sizeof when);
		source = safe(list[i].source);
		title = safe(list[i].title);
		printf("%6" PRId64 " %s %c%c %s%s%s\n", list[i].id, when,
		    list[i].read ? ' ' : 'N', list[i].starred ? '*' : ' ',
		    source, *source != '\0' ? ": " : "",
		    *title != '\0' ? title : "(untitled)");
		free(source);
		free(title);
	}
}

/* Parse --limit N: a positive number. */
static int
parse_limit(struct ctx *x, const char *v, size_t *limit)
{
	long long n;

	if (util_parse_ll(v, &n) != 0 || n <= 0)
		return usage_error(
		    x, "--limit wants a positive number, not %s", v);
	*limit = (size_t)n;
	return 0;
}

static int
run_query(struct ctx *x, const struct store_filter *flt, size_t limit, int json)
{
	struct store *st;
	struct store_entry *list;
	char *cause = NULL;
	size_t n;

	st = open_store(x);
	if (st == NULL)
		return 1;
	if (store_entries_first(st, flt, limit, &list, &n, &cause) != 0) {
		store_close(st);
		/* SQLite's "fts5: " prefix names nothing a user knows. */
		if (flt->match != NULL && cause != NULL &&
		    strncmp(cause, "search: fts5: ", 14) == 0)
			memmove(cause + 8, cause + 14, strlen(cause + 14) + 1);
		if (flt->match != NULL)
			return fail_hint(cause, "search: ", HINT_SEARCH);
		return fail_cause(cause);
	}
	print_entries(x, list, n, json);
	store_entries_free(list, n);
	store_close(st);
	return 0;
}

/* list --sources: the names --source takes, one a line. */
static int
list_sources(struct ctx *x)
{
	struct store *st;
	char **names, *cause = NULL, *name;
	size_t n, i;

	st = open_store(x);
	if (st == NULL)
		return 1;
	if (store_sources(st, &names, &n, &cause) != 0) {
		store_close(st);
		return fail_cause(cause);
	}
	for (i = 0; i < n; i++) {
		name = safe(names[i]);
		printf("%s\n", name);
		free(name);
		free(names[i]);
	}
	free(names);
	store_close(st);
	return 0;
}

static int
cmd_list(struct ctx *x, int argc, char **argv)
{
	struct store_filter flt;
	const char *v;
	size_t limit = 100;
	int64_t since;
	int i, r, json = 0;

	memset(&flt, 0, sizeof flt);
	if (argc == 2 && strcmp(argv[1], "--sources") == 0)
		return list_sources(x);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--unread") == 0)
			flt.unread = 1;
		else if (strcmp(argv[i], "--starred") == 0)
			flt.starred = 1;
		else if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if ((r = option_value(
			      argc, argv, &i, "--source", NULL, &v)) != 0) {
			if (r < 0)
				return usage_error(
				    x, "%s needs a value", "--source");
			flt.source = v;
		} else if ((r = option_value(
				argc, argv, &i, "--since", NULL, &v)) != 0) {
			if (r < 0)
				return usage_error(x,
				    "--since needs a date (such as 2026-05-29)");
			if (date_parse(v, &since) != 0)
				return usage_error(x,
				    "--since: not a date: %s (2026-05-29, "
				    "2026-05-29T08:00:00+02:00 or an RFC 822 "
				    "date)",
				    v);
			flt.since = since;
		} else if ((r = option_value(
				argc, argv, &i, "--limit", NULL, &v)) != 0) {
			if (r < 0)
				return usage_error(
				    x, "%s needs a value", "--limit");
			if (parse_limit(x, v, &limit) != 0)
				return EXIT_USAGE;
		} else if (is_help(argv[i])) {
			command_usage(x->cmd, stdout);
			return 0;
		} else if (is_option(argv[i]))
			return bad_option(x, argv[i]);
		else
			return usage_error(
			    x, "unexpected argument: %s", argv[i]);
	}
	return run_query(x, &flt, limit, json);
}

static int
cmd_search(struct ctx *x, int argc, char **argv)
{
	struct store_filter flt;
	const char *v, *query = NULL;
	size_t limit = 100;
	int i, r, json = 0;

	memset(&flt, 0, sizeof flt);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if ((r = option_value(
			      argc, argv, &i, "--limit", NULL, &v)) != 0) {
			if (r < 0)
				return usage_error(
				    x, "%s needs a value", "--limit");
			if (parse_limit(x, v, &limit) != 0)
				return EXIT_USAGE;
		} else if (is_help(argv[i])) {
			command_usage(x->cmd, stdout);
			return 0;
		} else if (is_option(argv[i]))
			return bad_option(x, argv[i]);
		else if (query == NULL)
			query = argv[i];
		else
			return usage_error(
			    x, "one query (quote it): unexpected %s", argv[i]);
	}
	if (query == NULL)
		return usage_error(x, "search for what?");
	flt.match = query;
	return run_query(x, &flt, limit, json);
}

static int
cmd_mark(struct ctx *x, int argc, char **argv)
{
	static const char *const names[] = { "read", "unread", "star",
		"unstar" };
	struct store *st;
	char *cause = NULL;
	long long id;
	int i, how = -1, rv = 0;

	if (argc >= 2 && is_help(argv[1])) {
		command_usage(x->cmd, stdout);
		return 0;
	}
	for (i = 0; argc >= 2 && i < 4; i++)
		if (strcmp(argv[1], names[i]) == 0)
			how = i;
	if (argc < 2)
		return usage_error(x, "read, unread, star or unstar?");
	if (how < 0)
		return usage_error(
		    x, "not read, unread, star or unstar: %s", argv[1]);
	if (argc < 3)
		return usage_error(x, "which entries? " HINT_ENTRIES);
	for (i = 2; i < argc; i++)
		if (util_parse_ll(argv[i], &id) != 0 || id <= 0)
			return usage_error(
			    x, "not an entry id: %s " HINT_ENTRIES, argv[i]);
	st = open_store(x);
	if (st == NULL)
		return 1;
	for (i = 2; i < argc; i++) {
		util_parse_ll(argv[i], &id);
		if (store_mark(st, id, (enum store_mark)how, &cause) != 0)
			rv =
			    fail_hint(cause, "no entry with id ", HINT_ENTRIES);
		cause = NULL;
	}
	store_close(st);
	return rv;
}

/* ---- import, export, vacuum ---------------------------------------- */

/* Subscribe to every feed of a list; *ids (may be NULL) gets their ids. */
static int
import_feeds(struct store *st, const struct opml_feed *feeds, size_t n,
    int64_t *ids, size_t *added, size_t *had)
{
	char *cause = NULL;
	size_t i;
	int existed;

	for (i = 0; i < n; i++) {
		if (store_feed_add(st, feeds[i].url, feeds[i].title,
			feeds[i].category, ids != NULL ? &ids[i] : NULL,
			&existed, &cause) != 0)
			return fail_cause(cause);
		if (existed)
			(*had)++;
		else
			(*added)++;
	}
	if (store_meta_set(st, "first-start", "done", &cause) != 0)
		return fail_cause(cause);
	printf("imported %zu feed%s (%zu already subscribed)\n", *added,
	    *added == 1 ? "" : "s", *had);
	return 0;
}

/* Read and parse a subscription list (OPML or a newsboat urls file). */
static int
import_read_list(
    struct ctx *x, const char *src, struct opml_feed **feeds, size_t *n)
{
	char *data, *cause = NULL, **notes;
	size_t len, nnotes, i;

	if (util_strncaseeq(src, "http://", 7) ||
	    util_strncaseeq(src, "https://", 8)) {
		if (x->offline)
			return fail("%s: offline: not downloading (leave out "
				    "--offline, or import a saved file)",
			    src);
		if (fetch_get(x->cfg, src, &data, &len, &cause) != 0)
			return fail_cause(cause);
	} else {
		data = read_input(src, max_bytes(x), &len, &cause);
		if (data == NULL)
			return fail_cause(cause);
	}
	if (opml_parse(data, len, feeds, n, &notes, &nnotes, &cause) != 0) {
		free(data);
		fail("%s: %s", src, cause);
		free(cause);
		return 1;
	}
	free(data);
	for (i = 0; i < nnotes; i++)
		fail("%s: %s", src, notes[i]);
	opml_free_notes(notes, nnotes);
	return 0;
}

/* What import --from-newsboat carries over from newsboat's cache. */
struct import_nb {
	struct store *st;
	const struct opml_feed *feeds; /* the urls file, subscribed */
	const int64_t *ids;
	size_t nfeeds;
	int64_t now;
	size_t entries, fresh, read, starred, deleted, orphans;
	int failed;
};

/* Is id newsboat's link-and-date stand-in for a missing guid? */
static int
newsboat_made_up(const char *id, int64_t published)
{
	const char *p;
	int64_t when;

	if (published == PARSE_NO_DATE)
		return 0;
	for (p = id + 1; *p != '\0'; p++) {
		if (!isalpha((unsigned char)*p) && !isdigit((unsigned char)*p))
			continue;
		if (strchr(p, ' ') != NULL && date_parse(p, &when) == 0 &&
		    when == published)
			return 1;
	}
	return 0;
}

static int
import_nb_feed(void *arg, const struct store_newsboat_feed *f, char **cause)
{
	struct import_nb *im = arg;
	struct parse_record *recs;
	struct parsed_feed *pf;
	size_t i, k;
	int nnew = 0, rv;

	for (k = 0; k < im->nfeeds; k++)
		if (strcmp(im->feeds[k].url, f->url) == 0)
			break;
	if (k == im->nfeeds) {
		/* Cached, but no longer in the urls file. */
		im->orphans++;
		return 0;
	}
	/*
	 * newsboat makes up the guid of an item that has none as its link
	 * as the feed wrote it followed by its date as the feed wrote it;
	 * orrery uses the link, and must, or the next refresh would store
	 * the item a second time.  Such a guid ends in a date (with a blank
	 * in it: RFC 822) that is the item's own.
	 */
	recs = xcalloc(f->n + 1, sizeof *recs);
	for (i = 0; i < f->n; i++) {
		recs[i] = f->items[i];
		if (recs[i].id != NULL && recs[i].link != NULL &&
		    newsboat_made_up(recs[i].id, recs[i].published))
			recs[i].id = recs[i].link;
	}
	pf = parse_records(f->title, f->link, recs, f->n);
	free(recs);
	rv = store_feed_import(im->st, im->ids[k], pf, f->read, f->flagged,
	    f->deleted, im->now, &nnew, cause);
	parse_free(pf);
	if (rv != 0) {
		/* Say which feed: store errors do not. */
		char *what = xasprintf("%s: %s", f->url,
		    cause != NULL && *cause != NULL ? *cause : "failed");

		if (cause != NULL) {
			free(*cause);
			*cause = what;
		} else
			free(what);
		return -1;
	}
	im->fresh += (size_t)nnew;
	for (i = 0; i < f->n; i++) {
		if (f->deleted[i]) {
			im->deleted++;
			continue;
		}
		im->entries++;
		im->read += f->read[i] != 0;
		im->starred += f->flagged[i] != 0;
	}
	return 0;
}

/*
 * Where newsboat keeps its files: DIR/urls and DIR/cache.db; without a
 * DIR, ~/.newsboat when it exists, else $XDG_CONFIG_HOME/newsboat/urls and
 * $XDG_DATA_HOME/newsboat/cache.db (newsboat's own order).
 */
static int
import_nb_paths(const char *dir, char **urls, char **cache)
{
	const char *home = getenv("HOME");
	struct stat sb;
	char *dot;

	if (dir != NULL) {
		*urls = xasprintf("%s/urls", dir);
		*cache = xasprintf("%s/cache.db", dir);
		return 0;
	}
	if (home != NULL && home[0] != '\0') {
		dot = xasprintf("%s/.newsboat", home);
		if (stat(dot, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			*urls = xasprintf("%s/urls", dot);
			*cache = xasprintf("%s/cache.db", dot);
			free(dot);
			return 0;
		}
		free(dot);
	}
	*urls = util_xdg_path("XDG_CONFIG_HOME", ".config", "newsboat/urls");
	*cache =
	    util_xdg_path("XDG_DATA_HOME", ".local/share", "newsboat/cache.db");
	if (*urls != NULL && *cache != NULL)
		return 0;
	free(*urls);
	free(*cache);
	return -1;
}

static int
import_newsboat(struct ctx *x, const char *dir)
{
	struct import_nb im;
	struct opml_feed *feeds = NULL;
	struct store *st;
	struct stat sb;
	char *urls, *cache, *cause = NULL;
	int64_t *ids = NULL;
	size_t n = 0, added = 0, had = 0;
	int rv = 1;

	if (import_nb_paths(dir, &urls, &cache) != 0)
		return fail("where is newsboat? set HOME, or give its "
			    "directory (orrery import --from-newsboat DIR)");
	if (stat(urls, &sb) != 0) {
		fail("%s: %s: is newsboat's directory elsewhere? "
		     "(orrery import --from-newsboat DIR)",
		    urls, strerror(errno));
		goto out;
	}
	if (import_read_list(x, urls, &feeds, &n) != 0)
		goto out;
	st = open_store(x);
	if (st == NULL)
		goto out;
	ids = xcalloc(n + 1, sizeof *ids);
	if (import_feeds(st, feeds, n, ids, &added, &had) != 0) {
		store_close(st);
		goto out;
	}
	if (stat(cache, &sb) != 0) {
		fail("%s: %s: only the subscriptions were imported", cache,
		    strerror(errno));
		store_close(st);
		rv = 0;
		goto out;
	}
	memset(&im, 0, sizeof im);
	im.st = st;
	im.feeds = feeds;
	im.ids = ids;
	im.nfeeds = n;
	im.now = (int64_t)time(NULL);
	if (store_newsboat_each(cache, import_nb_feed, &im, &cause) != 0) {
		fail("%s (the subscriptions were imported; run the import "
		     "again once it is fixed)",
		    cause);
		free(cause);
		store_close(st);
		goto out;
	}
	store_close(st);
	printf("imported %zu entr%s from %s: %zu new, %zu read, %zu "
	       "starred (flagged)\n",
	    im.entries, im.entries == 1 ? "y" : "ies", cache, im.fresh, im.read,
	    im.starred);
	if (im.deleted > 0)
		printf("left out %zu entr%s deleted in newsboat (a refresh "
		       "will not bring %s back)\n",
		    im.deleted, im.deleted == 1 ? "y" : "ies",
		    im.deleted == 1 ? "it" : "them");
	if (im.orphans > 0)
		printf("left out %zu cached feed%s not subscribed to (not "
		       "in %s, or a query, exec or filter line)\n",
		    im.orphans, im.orphans == 1 ? "" : "s", urls);
	rv = 0;
out:
	opml_free(feeds, n);
	free(ids);
	free(urls);
	free(cache);
	return rv;
}

static int
cmd_import(struct ctx *x, int argc, char **argv)
{
	struct store *st;
	struct opml_feed *feeds;
	size_t n, added = 0, had = 0;
	int rv;

	if (argc == 2 && is_help(argv[1])) {
		command_usage(x->cmd, stdout);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--from-newsboat") == 0) {
		if (argc > 3 || (argc == 3 && is_option(argv[2])))
			return usage_error(x,
			    "--from-newsboat takes one "
			    "directory, or none");
		return import_newsboat(x, argc == 3 ? argv[2] : NULL);
	}
	if (argc != 2 || is_option(argv[1]))
		return usage_error(x,
		    "give one file or URL, or "
		    "--from-newsboat [DIR]");
	if (import_read_list(x, argv[1], &feeds, &n) != 0)
		return 1;
	st = open_store(x);
	if (st == NULL) {
		opml_free(feeds, n);
		return 1;
	}
	rv = import_feeds(st, feeds, n, NULL, &added, &had);
	store_close(st);
	opml_free(feeds, n);
	return rv;
}

static int
cmd_export(struct ctx *x, int argc, char **argv)
{
	struct store *st;
	struct store_feed *list;
	struct opml_feed *out;
	char *cause = NULL, *doc;
	size_t n, i;
	int done, rv;

	rv = no_args(x, argc, argv, &done);
	if (done)
		return rv;
	st = open_store(x);
	if (st == NULL)
		return 1;
	if (store_feeds(st, &list, &n, &cause) != 0) {
		store_close(st);
		return fail_cause(cause);
	}
	out = xcalloc(n + 1, sizeof *out);
	for (i = 0; i < n; i++) {
		/* Borrowed: list outlives out. */
		out[i].url = list[i].url;
		out[i].title = (char *)(uintptr_t)feed_name(&list[i]);
		out[i].html_url = list[i].site_link;
		out[i].category = list[i].category;
	}
	doc = opml_write(out, n, "orrery subscriptions");
	fputs(doc, stdout);
	free(doc);
	free(out);
	store_feeds_free(list, n);
	store_close(st);
	return 0;
}

static int
cmd_vacuum(struct ctx *x, int argc, char **argv)
{
	struct store *st;
	char *cause = NULL;
	int64_t pruned = 0;
	int done, rv;

	rv = no_args(x, argc, argv, &done);
	if (done)
		return rv;
	st = open_store(x);
	if (st == NULL)
		return 1;
	rv = store_prune(st, x->cfg->keep_days, (int64_t)time(NULL), &pruned,
		 &cause) == 0 &&
	    store_vacuum(st, &cause) == 0;
	store_close(st);
	if (!rv)
		return fail_cause(cause);
	printf("removed %" PRId64 " old read entr%s; compacted %s\n", pruned,
	    pruned == 1 ? "y" : "ies", x->store_path);
	return 0;
}

/* ---- the reader ---------------------------------------------------- */

/* No command: the interactive reader, after the same start-up checks the
 * commands make, so that their errors print before the screen changes. */
static int
run_reader(struct ctx *x, const char *config_path, const char *log_path)
{
	struct ui_options o;
	struct store *st;
	char *cause = NULL;
	int status;

	x->cfg = config_load(config_path, &cause);
	if (x->cfg == NULL)
		return fail_cause(cause);
	if (x->store_path == NULL) {
		x->default_store = store_default_path();
		x->store_path = x->default_store;
	}
	if (x->store_path == NULL) {
		config_free(x->cfg);
		return fail("no store: set HOME or XDG_DATA_HOME, or use -d "
			    "FILE");
	}
	st = open_store(x);
	if (st == NULL || first_start(x, st) != 0) {
		store_close(st);
		config_free(x->cfg);
		free(x->default_store);
		return 1;
	}
	store_close(st);
	/* libcurl is set up by the reader when it first fetches. */
	signal(SIGPIPE, SIG_IGN);
	parse_init();
	memset(&o, 0, sizeof o);
	o.cfg = x->cfg;
	o.store_path = x->store_path;
	o.offline = x->offline;
	o.log_path = log_path;
	status = ui_main(&o);
	config_free(x->cfg);
	free(x->default_store);
	return status;
}

/* ---- main ---------------------------------------------------------- */

int
main(int argc, char **argv)
{
	struct ctx x;
	const struct command *c;
	const char *config_path = NULL, *log_path = NULL, *v;
	char *cause = NULL;
	int i, r, status;

	memset(&x, 0, sizeof x);
	for (i = 1; i < argc && is_option(argv[i]); i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "-V") == 0 ||
		    strcmp(argv[i], "--version") == 0)
			return cmd_version(&x, 0, NULL);
		if (strcmp(argv[i], "--offline") == 0) {
			x.offline = 1;
			continue;
		}
		r = option_value(argc, argv, &i, "--config", "-c", &v);
		if (r == 1) {
			config_path = v;
			continue;
		}
		if (r == 0) {
			r = option_value(argc, argv, &i, "--db", "-d", &v);
			if (r == 1) {
				x.store_path = v;
				continue;
			}
		}
		if (r == 0) {
			r = option_value(argc, argv, &i, "--log", "-l", &v);
			if (r == 1) {
				log_path = v;
				continue;
			}
		}
		if (r < 0)
			fail("%s needs a file name", argv[i]);
		else
			fail("unknown option: %s " HINT_COMMANDS, argv[i]);
		return EXIT_USAGE;
	}
	if (i >= argc)
		return run_reader(&x, config_path, log_path);
	c = command_find(argv[i]);
	if (c == NULL) {
		fail("no such command: %s " HINT_COMMANDS, argv[i]);
		return EXIT_USAGE;
	}
	x.cmd = c;
	/* --offline may also follow the command. */
	for (r = i + 1; r < argc; r++)
		if (strcmp(argv[r], "--offline") == 0) {
			x.offline = 1;
			memmove(&argv[r], &argv[r + 1],
			    (size_t)(argc - r) * sizeof *argv);
			argc--;
			r--;
		}
	if (c->run != cmd_help && c->run != cmd_version) {
		x.cfg = config_load(config_path, &cause);
		if (x.cfg == NULL)
			return fail_cause(cause);
	}
	if (x.store_path == NULL) {
		x.default_store = store_default_path();
		x.store_path = x.default_store;
		if (x.store_path == NULL && c->run != cmd_help &&
		    c->run != cmd_version && c->run != cmd_parse &&
		    c->run != cmd_config) {
			config_free(x.cfg);
			return fail("no store: set HOME or XDG_DATA_HOME, or "
				    "use -d FILE");
		}
	}

	/* Before any thread: libraries, and no SIGPIPE from sockets. */
	signal(SIGPIPE, SIG_IGN);
	parse_init();
	if (fetch_global_init(&cause) != 0) {
		config_free(x.cfg);
		free(x.default_store);
		return fail_cause(cause);
	}
	status = c->run(&x, argc - i, argv + i);
	fetch_global_cleanup();
	config_free(x.cfg);
	free(x.default_store);
	return status;
}
