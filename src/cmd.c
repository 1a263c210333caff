/*
 * cmd: the command table, the usage texts, the one option parser and the
 * helpers the commands share (messages, input, the store, JSON).  The
 * commands themselves live in cmd_*.c; main decides what runs when.
 * Prints only what a command's user must see; never includes curl,
 * curses or sqlite.
 */
#include "cmd.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "config.h"
#include "date.h"
#include "store.h"
#include "sync.h"
#include "upgrade.h"
#include "util.h"

/* In the order `orrery --help` lists them. */
static const struct cmd_entry *const cmd_table[] = {
	&cmd_refresh_entry,
	&cmd_sync_entry,
	&cmd_add_entry,
	&cmd_remove_entry,
	&cmd_feeds_entry,
	&cmd_feed_entry,
	&cmd_list_entry,
	&cmd_search_entry,
	&cmd_show_entry,
	&cmd_enclosures_entry,
	&cmd_mark_entry,
	&cmd_undo_entry,
	&cmd_mute_entry,
	&cmd_unmute_entry,
	&cmd_mutes_entry,
	&cmd_import_entry,
	&cmd_export_entry,
	&cmd_vacuum_entry,
	&cmd_parse_entry,
	&cmd_render_entry,
	&cmd_config_entry,
	&cmd_help_entry,
	&cmd_version_entry,
	NULL,
};

const struct option cmd_help_only[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry *const *e;

	for (e = cmd_table; *e != NULL; e++)
		if (strcmp((*e)->name, name) == 0)
			return *e;
	return NULL;
}

void
cmd_usage(FILE *fp)
{
	const struct cmd_entry *const *e;

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
	for (e = cmd_table; *e != NULL; e++)
		fprintf(fp, "  %-8s %s\n", (*e)->name, (*e)->help);
	fprintf(fp,
	    "\n'orrery help COMMAND' shows a command's arguments. "
	    "See orrery(1) and orrery.ini(5).\n");
}

void
cmd_entry_usage(const struct cmd_entry *e, FILE *fp)
{
	fprintf(fp, "usage: orrery %s%s%s\n  %s\n", e->name,
	    *e->usage != '\0' ? " " : "", e->usage, e->help);
}

void
cmd_print_version(FILE *fp)
{
	fprintf(fp, "orrery %s\n", ORRERY_VERSION);
}

/* ---- getopt_long --------------------------------------------------- */

void
cmd_getopt_init(struct cmd_getopt *g, int argc, char **argv,
    const char *optstring, const struct option *longopts)
{
	memset(g, 0, sizeof *g);
	g->argc = argc;
	g->argv = argv;
	g->optstring = optstring;
	g->longopts = longopts;
	/* 0, not 1: glibc and musl then forget a cluster left half read. */
	optind = 0;
	opterr = 0;
}

/* Was the option val given as a whole element (g->elem)? */
static int
getopt_whole(const struct cmd_getopt *g, int val)
{
	const struct option *o;
	const char *e = g->elem;
	size_t n;

	if (e[1] != '-')
		return e[1] == val && e[2] == '\0';
	n = strcspn(e + 2, "=");
	for (o = g->longopts; o->name != NULL; o++)
		if (o->val == val && strlen(o->name) == n &&
		    strncmp(o->name, e + 2, n) == 0)
			return 1;
	return 0;
}

int
cmd_getopt_next(struct cmd_getopt *g)
{
	int prev, c;

	/*
	 * Neither ordering ("+" or "-") permutes argv, so the element an
	 * answer comes from is the one optind named before the call.
	 */
	prev = optind == 0 ? 1 : optind;
	g->index = prev;
	g->elem = prev < g->argc ? g->argv[prev] : NULL;
	g->arg = NULL;
	c = getopt_long(g->argc, g->argv, g->optstring, g->longopts, NULL);
	if (c == -1) {
		/* At "--", getopt_long steps over it and stops. */
		g->dashdash = optind == prev + 1;
		g->next = optind;
		return CMD_GETOPT_END;
	}
	g->arg = optarg;
	if (c == 1)
		return CMD_GETOPT_WORD;
	if (c == '?' || !getopt_whole(g, c == ':' ? optopt : c))
		return CMD_GETOPT_BAD;
	if (c == ':') {
		g->opt = optopt;
		return CMD_GETOPT_MISSING;
	}
	return c;
}

/* ---- a command's arguments ------------------------------------------ */

static void
args_words(struct cmd_args *a, int argc, char **argv, int from)
{
	while (from < argc)
		a->argv[a->argc++] = argv[from++];
}

/* "--NAME needs a value", or what the entry says the value is. */
static int
args_missing(struct cmd_ctx *x, int val)
{
	const struct cmd_entry *e = x->entry;
	const struct option *o;
	const struct cmd_need *n;
	const char *name = "", *what = "a value";

	for (o = e->longopts; o->name != NULL; o++)
		if (o->val == val) {
			name = o->name;
			break;
		}
	for (n = e->needs; n != NULL && n->opt != 0; n++)
		if (n->opt == val)
			what = n->what;
	return cmd_usage_error(x, "--%s needs %s", name, what);
}

/* Does element el name one of e's options that takes a value? */
static int
args_takes_value(const struct cmd_entry *e, const char *el)
{
	const struct option *o;
	const char *p;
	size_t n;

	if (el[1] != '-') {
		p = strchr(e->shortopts, el[1]);
		return p != NULL && p[1] == ':';
	}
	if (strchr(el, '=') != NULL)
		return 0;
	n = strlen(el + 2);
	for (o = e->longopts; o->name != NULL; o++)
		if (strlen(o->name) == n && strncmp(o->name, el + 2, n) == 0)
			return o->has_arg == required_argument;
	return 0;
}

/*
 * CMD_QUERY: split argv into the options (with their values) in opts and
 * the query's words in words, both in order; returns how many options
 * (opts[0] is the command's name).
 */
static int
args_split_query(const struct cmd_entry *e, int argc, char **argv, char **opts,
    struct cmd_args *a)
{
	const char *el;
	int i, n = 1;

	opts[0] = argv[0];
	for (i = 1; i < argc; i++) {
		el = argv[i];
		if (strcmp(el, "--") == 0) {
			while (++i < argc)
				a->argv[a->argc++] = argv[i];
			break;
		}
		/* -c and -d go before the command: args_getopt says so. */
		if (el[0] == '-' && (el[1] == 'c' || el[1] == 'd') &&
		    el[2] == '\0') {
			opts[n++] = argv[i];
			continue;
		}
		if (el[0] != '-' || el[1] == '\0' ||
		    (el[1] != '-' &&
			(el[2] != '\0' || strchr(e->shortopts, el[1]) == NULL ||
			    el[1] == ':'))) {
			a->argv[a->argc++] = el;
			continue;
		}
		opts[n++] = argv[i];
		if (args_takes_value(e, el) && i + 1 < argc)
			opts[n++] = argv[++i];
	}
	opts[n] = NULL;
	return n;
}

static int args_getopt(
    struct cmd_ctx *, int, int, char **, struct cmd_args *, int *);

/* CMD_QUERY: the options through args_getopt, the rest words. */
static int
args_parse_query(
    struct cmd_ctx *x, int argc, char **argv, struct cmd_args *a, int *status)
{
	char **opts;
	int n, r;

	opts = xcalloc((size_t)argc + 1, sizeof *opts);
	n = args_split_query(x->entry, argc, argv, opts, a);
	r = args_getopt(x, 0, n, opts, a, status);
	free(opts);
	return r;
}

int
cmd_args_parse(
    struct cmd_ctx *x, int argc, char **argv, struct cmd_args *a, int *status)
{
	const struct cmd_entry *e = x->entry;

	memset(a, 0, sizeof *a);
	a->argv = xcalloc((size_t)argc + 1, sizeof *a->argv);
	*status = 0;
	if (e->longopts == NULL) {
		args_words(a, argc, argv, 1);
		return 0;
	}
	if (e->flags & CMD_QUERY)
		return args_parse_query(x, argc, argv, a, status);
	return args_getopt(
	    x, (e->flags & CMD_WORDS) != 0, argc, argv, a, status);
}

static int
args_getopt(struct cmd_ctx *x, int words, int argc, char **argv,
    struct cmd_args *a, int *status)
{
	const struct cmd_entry *e = x->entry;
	struct cmd_getopt g;
	char optstring[32];
	int c;

	/* Words in order ("-"), or up to the first word ("+"). */
	snprintf(optstring, sizeof optstring, "%s%s",
	    words ? "+:" : "-:", e->shortopts);
	cmd_getopt_init(&g, argc, argv, optstring, e->longopts);
	for (;;) {
		c = cmd_getopt_next(&g);
		if (c == CMD_GETOPT_END)
			break;
		if (c == CMD_GETOPT_WORD) {
			if (e->maxargs >= 0 && a->argc >= e->maxargs) {
				*status =
				    cmd_usage_error(x, "%s%s", e->extra, g.arg);
				return -1;
			}
			a->argv[a->argc++] = g.arg;
			continue;
		}
		if (c == CMD_GETOPT_MISSING) {
			*status = args_missing(x, g.opt);
			return -1;
		}
		/* Some options only count alone (feeds --json). */
		if (c != CMD_GETOPT_BAD && argc != 2 && e->alone != NULL &&
		    strchr(e->alone, c) != NULL)
			c = CMD_GETOPT_BAD;
		if (c == CMD_GETOPT_BAD && words) {
			args_words(a, argc, argv, g.index);
			return 0;
		}
		if (c == CMD_GETOPT_BAD || c <= 0 || c >= CMD_OPT_MAX) {
			*status = cmd_bad_option(x, g.elem);
			return -1;
		}
		if (c == 'h') {
			cmd_entry_usage(e, stdout);
			return -1;
		}
		if (a->has[c] < UCHAR_MAX)
			a->has[c]++;
		a->value[c] = g.arg;
	}
	if (g.dashdash && !words) {
		/* "--" was never an end of options here. */
		*status = cmd_bad_option(x, "--");
		return -1;
	}
	args_words(a, argc, argv, g.dashdash ? g.next - 1 : g.next);
	return 0;
}

void
cmd_args_free(struct cmd_args *a)
{
	free(a->argv);
	a->argv = NULL;
	a->argc = 0;
}

int
cmd_args_has(const struct cmd_args *a, int opt)
{
	return opt > 0 && opt < CMD_OPT_MAX ? a->has[opt] : 0;
}

const char *
cmd_args_get(const struct cmd_args *a, int opt)
{
	return opt > 0 && opt < CMD_OPT_MAX ? a->value[opt] : NULL;
}

/* ---- messages ------------------------------------------------------- */

int
cmd_fail(const char *fmt, ...)
{
	va_list ap;
	char *msg, *safe;

	/* What a message quotes may come from a feed: never a control
	 * character or a bidirectional override on the terminal. */
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	safe = util_safe(msg, strlen(msg), 0);
	fprintf(stderr, "orrery: %s\n", safe);
	free(safe);
	free(msg);
	return 1;
}

int
cmd_fail_cause(char *cause)
{
	cmd_fail("%s", cause != NULL ? cause : "unknown error");
	free(cause);
	return 1;
}

int
cmd_fail_hint(char *cause, const char *prefix, const char *hint)
{
	if (cause != NULL && strncmp(cause, prefix, strlen(prefix)) == 0) {
		cmd_fail("%s %s", cause, hint);
		free(cause);
		return 1;
	}
	return cmd_fail_cause(cause);
}

int
cmd_usage_error(struct cmd_ctx *x, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "orrery %s: ", x->entry->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cmd_entry_usage(x->entry, stderr);
	return CMD_EXIT_USAGE;
}

int
cmd_is_option(const char *a)
{
	return a[0] == '-' && a[1] != '\0';
}

int
cmd_bad_option(struct cmd_ctx *x, const char *a)
{
	/* -l too, but it is for the reader alone. */
	static const char *const global[] = { "-c", "--config", "-d", "--db",
		NULL };
	size_t i, n;

	n = strcspn(a, "=");
	for (i = 0; global[i] != NULL; i++)
		if (strlen(global[i]) == n && strncmp(a, global[i], n) == 0)
			return cmd_usage_error(x,
			    "%.*s goes before the command "
			    "(orrery %.*s FILE %s ...)",
			    (int)n, a, (int)n, a, x->entry->name);
	return cmd_usage_error(x, "unknown option: %s", a);
}

/* ---- input, store, output -------------------------------------------- */

size_t
cmd_max_bytes(const struct cmd_ctx *x)
{
	return (size_t)x->cfg->max_feed_size * 1024 * 1024;
}

char *
cmd_read_input(const char *path, size_t max, size_t *len, char **cause)
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

struct store *
cmd_open_store(struct cmd_ctx *x)
{
	struct store *st;
	char *cause = NULL;
	int missing = 0;

	/* A store that exists opens as it can: read-only where it cannot
	 * be written, and then the first write says so. */
	st = store_open_notice(x->store_path,
	    (x->entry != NULL && (x->entry->flags & CMD_READONLY) != 0) ||
		    access(x->store_path, F_OK) == 0
		? STORE_EXISTING
		: STORE_CREATE,
	    &missing, upgrade_notice, &cause);
	if (st == NULL && missing) {
		free(cause);
		cmd_fail("no store at %s: subscribe with orrery add URL",
		    x->store_path);
	} else if (st == NULL && cause != NULL && *cause != '\0' &&
	    cause[strlen(cause) - 1] != ')') {
		/* Every message of store_open names the file. */
		cmd_fail("%s (%s)", cause,
		    x->default_store == NULL ? "check the path given to -d"
					     : "check it, or use -d FILE");
		free(cause);
	} else if (st == NULL)
		cmd_fail_cause(cause);
	/* The configuration's hide rules hold for every command. */
	if (st != NULL && x->cfg != NULL &&
	    store_hide_rules(st, (const char *const *)x->cfg->hides,
		x->cfg->nhides, (int64_t)time(NULL), x->cfg->timezone_utc,
		&cause) != 0) {
		cmd_fail_cause(cause);
		store_close(st);
		st = NULL;
	}
	return st;
}

int
cmd_first_start(struct cmd_ctx *x, struct store *st)
{
	char *done = NULL, *cause = NULL;
	int64_t n = 0;

	/* Offline, as `--offline refresh`: no subscription behind the
	 * user's back, and the next start without it is still the first. */
	if (x->offline)
		return 0;
	if (store_meta_get(st, "first-start", &done, &cause) != 0)
		return cmd_fail_cause(cause);
	if (done != NULL) {
		free(done);
		return 0;
	}
	if (store_feed_count(st, &n) == 0 && n == 0 &&
	    x->cfg->default_feed[0] != '\0' && !sync_configured(x->cfg) &&
	    store_feed_add(
		st, x->cfg->default_feed, NULL, NULL, NULL, NULL, &cause) != 0)
		return cmd_fail_cause(cause);
	if (store_meta_set(st, "first-start", "done", &cause) != 0)
		return cmd_fail_cause(cause);
	return 0;
}

int
cmd_text_width(struct cmd_ctx *x, const char *opt, int *width)
{
	struct winsize ws;
	long long n;

	if (opt != NULL) {
		if (util_parse_ll(opt, &n) != 0 || n < 20 || n > 400) {
			cmd_usage_error(
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

void
cmd_format_time(const struct cmd_ctx *x, int64_t t, char *out, size_t len)
{
	date_format(
	    t, x->cfg->timezone_utc, "%Y-%m-%d %H:%M", "never", out, len);
}

char *
cmd_safe(const char *s)
{
	char *c;

	c = s != NULL ? util_clean_text(s, strlen(s)) : NULL;
	return c != NULL ? c : xstrdup("");
}

const char *
cmd_feed_name(const struct store_feed *f)
{
	return f->name != NULL ? f->name : f->title != NULL ? f->title : f->url;
}

json_t *
cmd_json_str(const char *s)
{
	json_t *v;

	if (s == NULL)
		return json_null();
	v = json_string(s);
	return v != NULL ? v : json_string("\xef\xbf\xbd");
}

json_t *
cmd_json_time(int64_t t)
{
	return t == STORE_NO_TIME ? json_null() : json_integer(t);
}

void
cmd_json_print(json_t *v)
{
	char *s, *safe;

	s = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (s != NULL) {
		safe = util_json_safe(s);
		puts(safe);
		free(safe);
		free(s);
	}
	json_decref(v);
}
