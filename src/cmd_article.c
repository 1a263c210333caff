/*
 * cmd_article: `orrery show ID --full`, the whole article of a post.  The
 * article kept in the store is shown as it is, with no network; else the
 * fetcher (fetch.h) is started on a chan, as `refresh` does, and asked
 * for the post's page (CHAN_FETCH_ARTICLE): it downloads it as politely
 * as a feed, extracts and keeps the article, and says so; this file then
 * reads it back from the store and prints it through render.h.  Never
 * touches curl or the terminal's modes; cmd.c parses the options.
 */
#include "cmd.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "chan.h"
#include "config.h"
#include "fetch.h"
#include "html.h"
#include "render.h"
#include "store.h"
#include "store_article.h"
#include "util.h"

static volatile sig_atomic_t article_interrupted;

static void
article_on_signal(int sig)
{
	article_interrupted = sig;
}

/*
 * Fetch entry's article on the fetcher thread and wait for its word.
 * 0 when it is kept; else 1 after one line saying why (the post's link,
 * if it has one, names what failed).
 */
static int
article_fetch(struct cmd_ctx *x, int64_t entry, const char *link)
{
	struct chan *chan;
	struct chan_msg *m;
	struct fetch *fe;
	struct pollfd pfd;
	struct sigaction sa;
	char *cause = NULL, *why = NULL, *safe;
	int done = 0, failed = 0;

	chan = chan_new(&cause);
	if (chan == NULL)
		return cmd_fail_cause(cause);
	chan_command(chan, CHAN_FETCH_ARTICLE, entry, 0);
	fe = fetch_start(x->cfg, x->store_path, chan, &cause);
	if (fe == NULL) {
		chan_free(chan);
		return cmd_fail_cause(cause);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = article_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	pfd.fd = chan_event_fd(chan);
	pfd.events = POLLIN;
	while (!done && !article_interrupted) {
		if (poll(&pfd, 1, 1000) == -1 && errno != EINTR)
			break;
		while ((m = chan_next_event(chan)) != NULL) {
			if ((m->type == CHAN_ARTICLE_DONE ||
				m->type == CHAN_ARTICLE_FAIL) &&
			    m->article.entry == entry) {
				done = 1;
				failed = m->type == CHAN_ARTICLE_FAIL;
				if (failed && why == NULL)
					why = xstrdup(m->article.why != NULL
						? m->article.why
						: "failed");
			}
			chan_msg_free(m);
		}
	}
	fetch_stop(fe);
	chan_free(chan);
	if (!done)
		return cmd_fail("interrupted: the article of entry %lld was "
				"not fetched",
		    (long long)entry);
	if (!failed)
		return 0;
	safe = cmd_safe(why);
	free(why);
	if (link != NULL) {
		why = cmd_safe(link);
		cmd_fail("%s: %s", why, safe);
		free(why);
	} else
		cmd_fail("entry %lld: %s", (long long)entry, safe);
	free(safe);
	return 1;
}

/* Read entry and its kept article (1 kept, 0 none, -1 failed: said). */
static int
article_read(struct cmd_ctx *x, int64_t entry, struct store_entry *e,
    struct store_article *a)
{
	struct store *st;
	char *cause = NULL;
	int have;

	st = cmd_open_store(x);
	if (st == NULL)
		return -1;
	if (store_entry_get(st, entry, 1, e, &cause) != 0) {
		store_close(st);
		cmd_fail_hint(cause, "no entry with id ", CMD_HINT_ENTRIES);
		return -1;
	}
	have = store_article_get(st, entry, a, &cause);
	store_close(st);
	if (have < 0) {
		store_entry_clear(e);
		cmd_fail_cause(cause);
		return -1;
	}
	if (have && a->html == NULL) {
		store_article_clear(a);
		have = 0;
	}
	return have;
}

int
cmd_show_full(struct cmd_ctx *x, int64_t entry, int width, int color)
{
	struct store_article a;
	struct store_entry e;
	struct html_doc *doc;
	char *link;
	int have, rv;

	have = article_read(x, entry, &e, &a);
	if (have < 0)
		return 1;
	if (!have && x->offline) {
		store_entry_clear(&e);
		return cmd_fail("entry %lld: offline, and its whole article "
				"was never fetched",
		    (long long)entry);
	}
	if (!have) {
		link = e.link != NULL ? xstrdup(e.link) : NULL;
		store_entry_clear(&e);
		rv = article_fetch(x, entry, link);
		free(link);
		if (rv != 0)
			return rv;
		have = article_read(x, entry, &e, &a);
		if (have < 0)
			return 1;
		if (!have) {
			store_entry_clear(&e);
			return cmd_fail("entry %lld: the article was not kept",
			    (long long)entry);
		}
	}
	doc = render_article(&e, a.html, a.url, x->cfg->timezone_utc, width);
	html_write(stdout, doc, color);
	html_doc_free(doc);
	store_article_clear(&a);
	store_entry_clear(&e);
	return 0;
}
