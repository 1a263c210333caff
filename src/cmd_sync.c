/*
 * cmd_sync: `orrery sync` and `orrery sync --status`, and what `refresh`
 * does instead of fetching while [sync] is set (cmd_sync_refresh).  The
 * sync itself is sync.c's; this file prints its outcome: a summary on
 * standard output, why it failed on standard error.  Exit 0, 3 when the
 * server could not be reached or refused, 1 for a local error.
 */
#include "cmd.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "store.h"
#include "store_sync.h"
#include "sync.h"
#include "util.h"

static int cmd_sync(struct cmd_ctx *, const struct cmd_args *);

static const struct option sync_options[] = {
	{ "status", no_argument, NULL, 's' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_sync_entry = {
	.name = "sync",
	.usage = "[--status]",
	.help = "sync with the [sync] server (--status: its state)",
	.shortopts = "h",
	.longopts = sync_options,
	.maxargs = 0,
	.flags = CMD_CONFIG | CMD_STORE | CMD_NETWORK,
	.run = cmd_sync,
};

static int
sync_status(struct cmd_ctx *x)
{
	struct store *st;
	char *last = NULL, *safe, when[32];
	long long t;
	int64_t n = 0;
	char *cause = NULL;

	safe = cmd_safe(x->cfg->sync_server);
	printf("server: %s\n", safe);
	free(safe);
	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	if (store_meta_get(st, "sync-last", &last, &cause) != 0 ||
	    store_sync_outbox_count(st, &n, &cause) != 0) {
		store_close(st);
		return cmd_fail_cause(cause);
	}
	store_close(st);
	if (last != NULL && util_parse_ll(last, &t) == 0) {
		cmd_format_time(x, (int64_t)t, when, sizeof when);
		printf("last sync: %s\n", when);
	} else
		printf("last sync: never\n");
	free(last);
	printf("marks waiting: %" PRId64 "\n", n);
	return 0;
}

int
cmd_sync_refresh(struct cmd_ctx *x)
{
	struct sync_stats stats;
	struct store *st;
	char *cause = NULL, *safe;
	int rc;

	if (x->offline) {
		fprintf(stderr, "orrery: offline: nothing synced\n");
		return 0;
	}
	st = cmd_open_store(x);
	if (st == NULL)
		return 1;
	rc = sync_run(x->cfg, st, &stats, &cause);
	store_close(st);
	if (rc != 0) {
		safe = cmd_safe(cause);
		free(cause);
		cmd_fail("%s", safe);
		free(safe);
		return rc == SYNC_ERR_SERVER ? CMD_EXIT_PARTIAL : 1;
	}
	printf("synced: %ld feed%s, %ld new entr%s, %ld mark%s sent, %ld "
	       "changed by the server\n",
	    stats.feeds, stats.feeds == 1 ? "" : "s", stats.new_entries,
	    stats.new_entries == 1 ? "y" : "ies", stats.marks_sent,
	    stats.marks_sent == 1 ? "" : "s", stats.changed);
	return 0;
}

static int
cmd_sync(struct cmd_ctx *x, const struct cmd_args *a)
{
	if (!sync_configured(x->cfg))
		return cmd_fail("no [sync] server in the configuration "
				"(see orrery.ini(5))");
	if (cmd_args_has(a, 's'))
		return sync_status(x);
	return cmd_sync_refresh(x);
}
