/*
 * cmd_misc: the commands that work on a file or on orrery itself -- parse
 * and render (a feed or HTML file as orrery reads it, for tests and bug
 * reports), config, vacuum, help, version.  Only vacuum opens the store;
 * none fetches or parses options (cmd.c does).
 */
#include "cmd.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "extract.h"
#include "html.h"
#include "parse.h"
#include "store.h"
#include "util.h"

static int cmd_parse(struct cmd_ctx *, const struct cmd_args *);
static int cmd_render(struct cmd_ctx *, const struct cmd_args *);
static int cmd_config(struct cmd_ctx *, const struct cmd_args *);
static int cmd_vacuum(struct cmd_ctx *, const struct cmd_args *);
static int cmd_help(struct cmd_ctx *, const struct cmd_args *);
static int cmd_version(struct cmd_ctx *, const struct cmd_args *);

static const struct option parse_options[] = {
	{ "url", required_argument, NULL, 'u' },
	{ "charset", required_argument, NULL, 'c' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_parse_entry = {
	.name = "parse",
	.usage = "FILE|- [--url URL] [--charset NAME]",
	.help = "parse a feed file and print it as JSON",
	.shortopts = "h",
	.longopts = parse_options,
	.maxargs = 1,
	.extra = "one file only: ",
	.flags = CMD_CONFIG,
	.run = cmd_parse,
};

static const struct option render_options[] = {
	{ "width", required_argument, NULL, 'w' },
	{ "base", required_argument, NULL, 'b' },
	{ "article", no_argument, NULL, 'a' },
	{ "color", no_argument, NULL, 'C' },
	{ "colour", no_argument, NULL, 'C' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_render_entry = {
	.name = "render",
	.usage = "FILE|- [--article] [--width N] [--base URL] [--color]",
	.help = "print an HTML file as the pager shows it",
	.shortopts = "hw:",
	.longopts = render_options,
	.maxargs = 1,
	.extra = "one file only: ",
	.flags = CMD_CONFIG,
	.run = cmd_render,
};

const struct cmd_entry cmd_config_entry = {
	.name = "config",
	.usage = "",
	.help = "print the effective configuration",
	.shortopts = "h",
	.longopts = cmd_help_only,
	.maxargs = 0,
	.extra = "unexpected argument: ",
	.flags = CMD_CONFIG,
	.run = cmd_config,
};

const struct cmd_entry cmd_vacuum_entry = {
	.name = "vacuum",
	.usage = "",
	.help = "apply keep-days and compact the store",
	.shortopts = "h",
	.longopts = cmd_help_only,
	.maxargs = 0,
	.extra = "unexpected argument: ",
	.flags = CMD_CONFIG | CMD_STORE,
	.run = cmd_vacuum,
};

/* help and version read no options: `help --help` names no command. */
const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = "[COMMAND]",
	.help = "show this help, or one command's",
	.maxargs = -1,
	.run = cmd_help,
};

const struct cmd_entry cmd_version_entry = {
	.name = "version",
	.usage = "",
	.help = "print the version",
	.maxargs = -1,
	.run = cmd_version,
};

static int
cmd_parse(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct parse_options po;
	struct parsed_feed *f;
	const char *path;
	char *data, *cause = NULL, *json, *safe;
	size_t len;

	if (a->argc == 0)
		return cmd_usage_error(x, "which file? (- for standard input)");
	path = a->argv[0];
	memset(&po, 0, sizeof po);
	po.url = cmd_args_get(a, 'u');
	po.charset = cmd_args_get(a, 'c');
	po.max_size = cmd_max_bytes(x);
	data = cmd_read_input(path, po.max_size, &len, &cause);
	if (data == NULL)
		return cmd_fail_cause(cause);
	f = parse_feed(data, len, &po, &cause);
	free(data);
	if (f == NULL) {
		cmd_fail(
		    "%s: %s", strcmp(path, "-") == 0 ? "stdin" : path, cause);
		free(cause);
		return 1;
	}
	json = parse_to_json(f);
	safe = util_json_safe(json);
	printf("%s\n", safe);
	free(safe);
	free(json);
	parse_free(f);
	return 0;
}

static int
cmd_render(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct html_options ho;
	struct html_doc *doc;
	char *data, *cause = NULL, *article;
	size_t len;

	if (a->argc == 0)
		return cmd_usage_error(x, "which file? (- for standard input)");
	memset(&ho, 0, sizeof ho);
	ho.base = cmd_args_get(a, 'b');
	if (cmd_text_width(x, cmd_args_get(a, 'w'), &ho.width) != 0)
		return CMD_EXIT_USAGE;
	data = cmd_read_input(a->argv[0], cmd_max_bytes(x), &len, &cause);
	if (data == NULL)
		return cmd_fail_cause(cause);
	if (cmd_args_has(a, 'a')) {
		/* A whole page: its article only, as a reader view. */
		article = extract_article(data, len, NULL, &cause);
		free(data);
		if (article == NULL) {
			cmd_fail("%s: %s",
			    strcmp(a->argv[0], "-") == 0 ? "stdin" : a->argv[0],
			    cause);
			free(cause);
			return 1;
		}
		data = article;
		len = strlen(article);
	}
	doc = html_render(data, len, &ho);
	free(data);
	html_write(stdout, doc, cmd_args_has(a, 'C'));
	html_doc_free(doc);
	return 0;
}

static int
cmd_config(struct cmd_ctx *x, const struct cmd_args *a)
{
	config_print(x->cfg, stdout);
	return 0;
}

static int
cmd_vacuum(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store *st;
	char *cause = NULL;
	int64_t pruned = 0;
	int ok;

	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	ok = store_prune(st, x->cfg->keep_days, (int64_t)time(NULL), &pruned,
		 &cause) == 0 &&
	    store_vacuum(st, &cause) == 0;
	store_close(st);
	if (!ok)
		return cmd_fail_cause(cause);
	printf("removed %" PRId64 " old read entr%s; compacted %s\n", pruned,
	    pruned == 1 ? "y" : "ies", x->store_path);
	return 0;
}

static int
cmd_help(struct cmd_ctx *x, const struct cmd_args *a)
{
	const struct cmd_entry *e;

	if (a->argc == 0) {
		cmd_usage(stdout);
		return 0;
	}
	e = cmd_find(a->argv[0]);
	if (e == NULL) {
		cmd_fail("no such command: %s " CMD_HINT_COMMANDS, a->argv[0]);
		return CMD_EXIT_USAGE;
	}
	cmd_entry_usage(e, stdout);
	return 0;
}

static int
cmd_version(struct cmd_ctx *x, const struct cmd_args *a)
{
	cmd_print_version(stdout);
	return 0;
}
