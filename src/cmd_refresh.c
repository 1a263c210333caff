/*
 * cmd_refresh: `orrery refresh`, headless.  It starts the fetcher on a chan,
 * as the reader does, follows its events (a progress line on a terminal),
 * collects the feeds that failed and reports them once the batch is done,
 * then applies keep-days.  Every chan message is decoded in one place,
 * refresh_event(); the rest works on struct refresh_state.  Never touches
 * curl or the terminal's modes.
 */
#include "cmd.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chan.h"
#include "config.h"
#include "fetch.h"
#include "store.h"
#include "sync.h"
#include "util.h"

static int cmd_refresh(struct cmd_ctx *, const struct cmd_args *);

static const struct option refresh_options[] = {
	{ "force", no_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

const struct cmd_entry cmd_refresh_entry = {
	.name = "refresh",
	.usage = "[URL|ID|NAME ...] [--force]",
	.help = "fetch the feeds that are due (--force: all of them)",
	.shortopts = "h",
	.longopts = refresh_options,
	.maxargs = -1,
	.flags = CMD_CONFIG | CMD_STORE | CMD_NETWORK,
	.run = cmd_refresh,
};

/* A feed that failed, as the fetcher reported it. */
struct refresh_failure {
	int64_t feed;  /* 0: no one feed's (the batch could not start) */
	long status;   /* HTTP status, 0 for none */
	char *message; /* why; owned */
};

struct refresh_state {
	long total, done, fetched, not_modified, failed, new_entries;
	long articles, articles_failed;	  /* whole articles (full-text) */
	struct refresh_failure *failures; /* in the order they came */
	size_t nfailures;
	int tty;
	int finished;
};

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	interrupted = sig;
}

static void
refresh_progress(const struct refresh_state *rs)
{
	if (!rs->tty)
		return;
	/* "· N errors" only once there is one, as in the reader. */
	fprintf(
	    stderr, "\r\033[K\xe2\x9f\xb3 %ld/%ld feeds", rs->done, rs->total);
	if (rs->failed > 0)
		fprintf(stderr, " \xc2\xb7 %ld error%s", rs->failed,
		    rs->failed == 1 ? "" : "s");
	fflush(stderr);
}

/* The one place that reads the fetcher's messages. */
static void
refresh_event(struct refresh_state *rs, const struct chan_msg *m)
{
	struct refresh_failure *f;

	switch (m->type) {
	case CHAN_BATCH_START:
		rs->total += m->batch_start.feeds;
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
		rs->failures = xreallocarray(
		    rs->failures, rs->nfailures + 1, sizeof *rs->failures);
		f = &rs->failures[rs->nfailures++];
		f->feed = m->feed_fail.feed;
		f->status = m->feed_fail.status;
		f->message = xstrdup(
		    m->feed_fail.why != NULL ? m->feed_fail.why : "failed");
		break;
	case CHAN_BATCH_DONE:
		rs->finished = 1;
		break;
	case CHAN_ARTICLE_DONE:
	case CHAN_ARTICLE_FAIL:
		/* A feed set to full-text: its failures are the article's
		 * (kept with it), not the feed's. */
		rs->articles++;
		if (m->type == CHAN_ARTICLE_FAIL)
			rs->articles_failed++;
		break;
	default:
		break;
	}
	refresh_progress(rs);
}

/* The failures, named by URL, after the progress line is gone. */
static void
refresh_report(struct store *st, struct refresh_state *rs)
{
	struct refresh_failure *f;
	struct store_feed sf;
	char *reason;
	size_t i;

	for (i = 0; i < rs->nfailures; i++) {
		f = &rs->failures[i];
		reason = cmd_safe(f->message);
		if (f->feed != 0 &&
		    store_feed_get(st, f->feed, &sf, NULL) == 0) {
			cmd_fail("%s: %s", sf.url, reason);
			store_feed_clear(&sf);
		} else
			cmd_fail("%s", reason);
		free(reason);
	}
}

static void
refresh_state_free(struct refresh_state *rs)
{
	size_t i;

	for (i = 0; i < rs->nfailures; i++) {
		free(rs->failures[i].message);
	}
	free(rs->failures);
}

/*
 * The feeds named on the command line, as ids in *targets (n of them, the
 * caller frees the array).  0, or 1 after printing which one is unknown.
 */
static int
refresh_targets(struct store *st, const struct cmd_args *a, int64_t **targets)
{
	struct store_feed f;
	char *cause = NULL;
	int i;

	*targets = xcalloc((size_t)a->argc + 1, sizeof **targets);
	for (i = 0; i < a->argc; i++) {
		if (store_feed_find(st, a->argv[i], &f, &cause) != 0) {
			free(*targets);
			*targets = NULL;
			return cmd_fail_hint(
			    cause, "no feed with id ", CMD_HINT_FEEDS);
		}
		(*targets)[i] = f.id;
		store_feed_clear(&f);
	}
	return 0;
}

/*
 * Fetch the targets (none: every feed that is due) on the fetcher thread
 * and follow its events into rs until the batch is done or a signal
 * comes.  0, or 1 after printing why the fetcher did not start.
 */
static int
refresh_fetch(struct cmd_ctx *x, const int64_t *targets, int ntargets,
    int force, struct refresh_state *rs)
{
	struct chan *chan;
	struct chan_msg *m;
	struct fetch *fe;
	struct pollfd pfd;
	struct sigaction sa;
	char *cause = NULL;
	int i;

	chan = chan_new(&cause);
	if (chan == NULL)
		return cmd_fail_cause(cause);
	/* Queued before the thread starts, so it sees one batch. */
	if (ntargets == 0)
		chan_command(chan, CHAN_REFRESH_ALL, 0, force);
	for (i = 0; i < ntargets; i++)
		chan_command(chan, CHAN_REFRESH_FEED, targets[i], force);
	fe = fetch_start(x->cfg, x->store_path, chan, &cause);
	if (fe == NULL) {
		chan_free(chan);
		return cmd_fail_cause(cause);
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	rs->tty = isatty(STDERR_FILENO);
	pfd.fd = chan_event_fd(chan);
	pfd.events = POLLIN;
	while (!rs->finished && !interrupted) {
		if (poll(&pfd, 1, 1000) == -1 && errno != EINTR)
			break;
		while ((m = chan_next_event(chan)) != NULL) {
			refresh_event(rs, m);
			chan_msg_free(m);
		}
	}
	fetch_stop(fe);
	chan_free(chan);
	if (rs->tty)
		fprintf(stderr, "\r\033[K");
	return 0;
}

static int
cmd_refresh(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct refresh_state rs;
	struct store *st;
	char *cause = NULL;
	int64_t *targets = NULL, pruned;
	int rv = 0;

	if (x->offline) {
		fprintf(stderr, "orrery: offline: nothing fetched\n");
		return 0;
	}
	if (sync_configured(x->cfg))
		return cmd_sync_refresh(x); /* the server fetches */
	st = cmd_open_store(x);
	if (st == NULL || cmd_first_start(x, st) != 0 ||
	    refresh_targets(st, a, &targets) != 0) {
		store_close(st);
		return 1;
	}
	memset(&rs, 0, sizeof rs);
	rv = refresh_fetch(x, targets, a->argc, cmd_args_has(a, 'f'), &rs);
	free(targets);
	if (rv != 0) {
		store_close(st);
		return rv;
	}
	refresh_report(st, &rs);
	refresh_state_free(&rs);
	if (x->cfg->keep_days > 0 &&
	    store_prune(st, x->cfg->keep_days, (int64_t)time(NULL), &pruned,
		&cause) != 0)
		rv = cmd_fail_cause(cause);
	store_close(st);
	if (interrupted)
		return cmd_fail(
		    "interrupted: %ld of %ld feeds done", rs.done, rs.total);
	printf("%ld feed%s: %ld fetched, %ld not modified, %ld failed, %ld new "
	       "entr%s\n",
	    rs.done, rs.done == 1 ? "" : "s", rs.fetched, rs.not_modified,
	    rs.failed, rs.new_entries, rs.new_entries == 1 ? "y" : "ies");
	if (rs.articles > 0)
		printf("%ld whole article%s fetched, %ld failed\n",
		    rs.articles - rs.articles_failed,
		    rs.articles - rs.articles_failed == 1 ? "" : "s",
		    rs.articles_failed);
	if (rv != 0)
		return rv;
	return rs.failed > 0 ? CMD_EXIT_PARTIAL : 0;
}
