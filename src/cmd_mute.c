/*
 * cmd_mute: mute, unmute, mutes and undo: the commands that keep posts
 * out of sight and take marks back.  They go through store.h (mutes and
 * undo batches live in the store, so the reader and every other process
 * see them) and print one line of what they did; they never parse
 * options (cmd.c does).
 */
#include "cmd.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "store.h"
#include "util.h"

static int cmd_mute(struct cmd_ctx *, const struct cmd_args *);
static int cmd_unmute(struct cmd_ctx *, const struct cmd_args *);
static int cmd_mutes(struct cmd_ctx *, const struct cmd_args *);
static int cmd_undo(struct cmd_ctx *, const struct cmd_args *);

const struct cmd_entry cmd_mute_entry = {
	.name = "mute",
	.usage = "SOURCE",
	.help = "hide the posts of a source (as the Planet view names it)",
	.shortopts = "h",
	.longopts = cmd_help_only,
	.maxargs = 1,
	.extra = "one source (quote a name with spaces): unexpected ",
	.flags = CMD_CONFIG | CMD_STORE,
	.run = cmd_mute,
};

const struct cmd_entry cmd_unmute_entry = {
	.name = "unmute",
	.usage = "SOURCE",
	.help = "show a muted source's posts again",
	.shortopts = "h",
	.longopts = cmd_help_only,
	.maxargs = 1,
	.extra = "one source (quote a name with spaces): unexpected ",
	.flags = CMD_CONFIG | CMD_STORE,
	.run = cmd_unmute,
};

const struct cmd_entry cmd_mutes_entry = {
	.name = "mutes",
	.usage = "",
	.help = "list the muted sources",
	.shortopts = "h",
	.longopts = cmd_help_only,
	.maxargs = 0,
	.extra = "unexpected argument: ",
	.flags = CMD_CONFIG | CMD_STORE | CMD_READONLY,
	.run = cmd_mutes,
};

const struct cmd_entry cmd_undo_entry = {
	.name = "undo",
	.usage = "",
	.help = "take back the last batch of marks (or a mute)",
	.shortopts = "h",
	.longopts = cmd_help_only,
	.maxargs = 0,
	.extra = "unexpected argument: ",
	.flags = CMD_CONFIG | CMD_STORE,
	.run = cmd_undo,
};

static int
cmd_mute(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store *st;
	char *cause = NULL, *name = NULL, *safe;
	int r;

	if (a->argc == 0)
		return cmd_usage_error(
		    x, "which source? (orrery list --sources)");
	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	r = store_mute(st, a->argv[0], &name, &cause);
	store_close(st);
	if (r < 0)
		return cmd_fail_hint(
		    cause, "no posts from ", "(orrery list --sources)");
	safe = cmd_safe(name);
	printf(r == 0 ? "muted %s\n" : "%s was muted already\n", safe);
	free(safe);
	free(name);
	return 0;
}

static int
cmd_unmute(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store *st;
	char *cause = NULL, *name = NULL, *safe;
	int r;

	if (a->argc == 0)
		return cmd_usage_error(x, "which source? (orrery mutes)");
	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	r = store_unmute(st, a->argv[0], &name, &cause);
	store_close(st);
	if (r != 0)
		return cmd_fail_hint(cause, "", "(orrery mutes lists them)");
	safe = cmd_safe(name);
	printf("unmuted %s\n", safe);
	free(safe);
	free(name);
	return 0;
}

static int
cmd_mutes(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store *st;
	char **names, *cause = NULL, *safe;
	size_t n, i;

	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	if (store_mutes(st, &names, &n, &cause) != 0) {
		store_close(st);
		return cmd_fail_cause(cause);
	}
	store_close(st);
	for (i = 0; i < n; i++) {
		safe = cmd_safe(names[i]);
		printf("%s\n", safe);
		free(safe);
		free(names[i]);
	}
	free(names);
	return 0;
}

static int
cmd_undo(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct store *st;
	struct store_undone u;
	char *cause = NULL, *what;
	int r;

	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	r = store_undo(st, &u, &cause);
	store_close(st);
	if (r < 0)
		return cmd_fail_cause(cause);
	if (r == 1) {
		printf("nothing to undo\n");
		return 0;
	}
	what = cmd_safe(u.what);
	if (u.muted != NULL)
		printf("undid %s\n", what);
	else
		printf("undid %s: %" PRId64 " entr%s back\n", what, u.marks,
		    u.marks == 1 ? "y" : "ies");
	free(what);
	store_undone_clear(&u);
	return 0;
}
