/*
 * fetch_pool: the workers that parse and store what the curl thread
 * downloaded, one transaction for the feeds that are ready together
 * (group commit), and the fetching side's store connection.  The
 * threads, what each owns and the lock order are in fetch_pool.h.
 *
 * No curl and no curses; it never prints: each feed's outcome goes out
 * as a chan event once the feed is in the store.
 */
#include "fetch_pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chan.h"
#include "config.h"
#include "discover.h"
#include "feed_settings.h"
#include "parse.h"
#include "store.h"
#include "store_article.h"
#include "util.h"

/* A job parsed, on its way into the store. */
struct pool_rec {
	struct fetch_job *job;
	struct store_fetch r; /* points into job, pf and perr */
	struct parsed_feed *pf;
	char *perr;	   /* why the body did not parse */
	char *found;	   /* the feed an HTML body names, or NULL */
	char *cause;	   /* why the store refused it */
	const char *error; /* what is reported: job->error, perr or cause */
	int64_t now;
	int nnew, nupd;
	int64_t *articles; /* new entries whose whole article to fetch */
	size_t narticles;
	struct pool_rec *next;
};

/* A refresh asks for the whole articles of at most this many new posts
 * of one full-text feed (a first fetch may bring hundreds). */
#define POOL_MAX_ARTICLES 100

struct fetch_pool {
	const struct config *cfg;
	struct chan *chan;
	void (*wake)(void *);
	void *wake_arg;
	pthread_t *workers;
	int nworkers;

	/* The store connection, for the storer's whole batch or for the
	 * curl thread while it borrows it.  Taken before lock. */
	pthread_mutex_t store_lock;
	struct store *store;

	/* lock guards the rest; cond: a job is queued, or quit. */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct fetch_job *jobs; /* FIFO, not yet taken by a worker */
	struct fetch_job *jobs_tail;
	struct pool_rec *ready; /* parsed, to be stored (FIFO) */
	struct pool_rec **ready_tail;
	int storing; /* a worker is storing the ready queue */
	int quit;
	struct fetch_pool_counts counts;
};

static void
pool_job_free(struct fetch_job *job)
{
	free(job->error);
	buf_free(&job->body);
	free(job->url);
	free(job->charset);
	free(job->ctype);
	free(job->etag);
	free(job->last_modified);
	free(job);
}

/*
 * When the feed may be fetched again: Cache-Control max-age, else
 * Expires (RFC 9111 5.3: max-age wins), at least the RSS <ttl>, at least
 * Retry-After; each capped at FETCH_MAX_DELAY.
 */
static int64_t
pool_next_time(
    const struct fetch_job *job, const struct parsed_feed *pf, int64_t now)
{
	long delay = 0;

	if (job->max_age >= 0)
		delay = job->max_age;
	else if (job->expires != PARSE_NO_DATE && job->expires > now)
		delay = job->expires - now > FETCH_MAX_DELAY
		    ? FETCH_MAX_DELAY
		    : (long)(job->expires - now);
	if (pf != NULL && pf->ttl > 0 && pf->ttl * 60 > delay)
		delay = pf->ttl * 60 > FETCH_MAX_DELAY ? FETCH_MAX_DELAY
						       : pf->ttl * 60;
	if (job->retry_after > delay)
		delay = job->retry_after;
	return now + delay;
}

/*
 * A body that is not a feed but an HTML page naming one: say which in
 * the error, and hand it to the store (store_fetch.found_url), which
 * moves a subscription never fetched yet to it.
 */
static void
pool_found_feed(struct pool_rec *rec)
{
	struct fetch_job *job = rec->job;
	struct discover_feed *feeds;
	char *why;
	size_t n;

	if (job->body.data == NULL ||
	    !discover_is_html(job->body.data, job->body.len, NULL))
		return;
	discover_feeds(job->body.data, job->body.len, job->url, &feeds, &n);
	if (n > 0 && strcmp(feeds[0].url, job->url) != 0) {
		rec->found = xstrdup(feeds[0].url);
		why = xasprintf("%s; the page names the feed %s",
		    rec->perr != NULL ? rec->perr : "not a feed", rec->found);
		free(rec->perr);
		rec->perr = why;
		rec->error = why;
		rec->r.found_url = rec->found;
	}
	discover_free(feeds, n);
}

/*
 * On a worker: parse the job's body and work out its search texts, with
 * no lock held.  The record owns the job and everything it parsed until
 * pool_report.
 */
static struct pool_rec *
pool_prepare(struct fetch_pool *p, struct fetch_job *job)
{
	struct pool_rec *rec;
	struct parse_options po;

	rec = xcalloc(1, sizeof *rec);
	rec->job = job;
	rec->now = (int64_t)time(NULL);
	rec->error = job->error;
	rec->r.status = job->status;
	if (rec->error == NULL && !job->not_modified) {
		memset(&po, 0, sizeof po);
		po.url = job->url;
		po.charset = job->charset;
		po.max_size = (size_t)p->cfg->max_feed_size * 1024 * 1024;
		rec->pf =
		    parse_feed(job->body.data != NULL ? job->body.data : "",
			job->body.len, &po, &rec->perr);
		if (rec->pf == NULL) {
			rec->error = rec->perr;
			pool_found_feed(rec);
		}
	}
	/* The body is not needed any more: give the memory back early. */
	buf_free(&job->body);
	rec->r.error = rec->error;
	rec->r.not_modified = job->not_modified;
	rec->r.disable = job->disable;
	rec->r.feed = rec->pf;
	if (rec->error == NULL || job->not_modified) {
		rec->r.etag = job->etag;
		rec->r.last_modified = job->last_modified;
	}
	rec->r.next_fetch = pool_next_time(job, rec->pf, rec->now);
	if (rec->error == NULL && job->moved)
		rec->r.new_url = job->url;
	_Static_assert(PARSE_MAX_ENTRIES == 10000, "the note names the cap");
	if (rec->error == NULL && rec->pf != NULL && rec->pf->truncated)
		rec->r.note = "first 10,000 entries kept";
	if (rec->error == NULL)
		store_fetch_texts(&rec->r);
	return rec;
}

/*
 * Store one record in a transaction of its own, store_lock held.  When the
 * store refuses it (a full disk, say), the feed still records why, in a
 * write small enough to fit where its entries did not, so that `feeds`
 * and the sources view say so.
 */
static void
pool_store_one(struct fetch_pool *p, struct pool_rec *rec)
{
	struct store_fetch fail;
	int n1, n2;

	rec->nnew = rec->nupd = 0;
	if (store_feed_update(p->store, rec->job->feed, &rec->r, rec->now,
		&rec->nnew, &rec->nupd, &rec->cause) == 0)
		return;
	rec->error = rec->cause;
	if (rec->r.error != NULL)
		return; /* that was the failure record already */
	memset(&fail, 0, sizeof fail);
	fail.status = rec->r.status;
	fail.error = rec->cause;
	fail.next_fetch = rec->r.next_fetch;
	(void)store_feed_update(
	    p->store, rec->job->feed, &fail, rec->now, &n1, &n2, NULL);
}

/*
 * Store a list of n records, store_lock held: one transaction for them
 * all (one commit instead of n).  If anything in it fails, it is rolled
 * back and each record is stored on its own, as if there had been no
 * batch, so that one feed the store refuses costs the others nothing and
 * gets the same error it would have had alone.
 */
static void
pool_store_batch(struct fetch_pool *p, struct pool_rec *list, int n)
{
	struct pool_rec *rec;

	if (n > 1 && store_begin(p->store, NULL) == 0) {
		for (rec = list; rec != NULL; rec = rec->next)
			if (store_feed_update(p->store, rec->job->feed, &rec->r,
				rec->now, &rec->nnew, &rec->nupd, NULL) != 0)
				break;
		if (rec == NULL && store_commit(p->store, NULL) == 0)
			return;
		store_rollback(p->store);
	}
	for (rec = list; rec != NULL; rec = rec->next)
		pool_store_one(p, rec);
}

/*
 * A record is in the store: report it, free it, count it and end its job
 * (only now, so that the curl thread never ends a batch before every
 * feed of it has been reported), with no lock held but lock for the
 * counts.
 */
static void
pool_report(struct fetch_pool *p, struct pool_rec *rec)
{
	struct fetch_job *job = rec->job;
	struct chan_msg m;
	size_t i;
	int failed = rec->error != NULL;

	memset(&m, 0, sizeof m);
	if (failed) {
		m.type = CHAN_FEED_FAIL;
		m.feed_fail.feed = job->feed;
		m.feed_fail.status = job->status;
		m.feed_fail.why = rec->error;
	} else {
		m.type = CHAN_FEED_DONE;
		m.feed_done.feed = job->feed;
		m.feed_done.new = rec->nnew;
		m.feed_done.updated = rec->nupd;
		m.feed_done.not_modified = job->not_modified;
	}
	chan_event(p->chan, &m);
	/* full-text: the articles of the new posts, after the feed and
	 * before its job ends (fetch.c's end of a batch waits for them). */
	for (i = 0; i < rec->narticles; i++)
		chan_command(p->chan, CHAN_FETCH_ARTICLE, rec->articles[i], 0);
	free(rec->articles);
	store_fetch_texts_free(&rec->r);
	free(rec->cause);
	free(rec->perr);
	free(rec->found);
	parse_free(rec->pf);
	pool_job_free(job);
	pthread_mutex_lock(&p->lock);
	p->counts.done++;
	if (failed)
		p->counts.failed++;
	else
		p->counts.new_entries += rec->nnew;
	p->counts.jobs--;
	pthread_mutex_unlock(&p->lock);
	free(rec);
	p->wake(p->wake_arg);
}

/*
 * store_lock held, the records stored: the new posts of full-text feeds
 * whose whole article refresh fetches (a failure to tell costs only
 * those articles).
 */
static void
pool_articles_wanted(struct fetch_pool *p, struct pool_rec *list)
{
	struct pool_rec *rec;

	for (rec = list; rec != NULL; rec = rec->next)
		if (rec->error == NULL && rec->nnew > 0)
			(void)store_articles_wanted(p->store, rec->job->feed,
			    FEED_SETTING_FULL_TEXT, rec->now, POOL_MAX_ARTICLES,
			    &rec->articles, &rec->narticles, NULL);
}

/*
 * Store what is ready, in batches of at most FETCH_POOL_BATCH, until
 * nothing is; then give up the storer's part (p->storing), in the same
 * hold of p->lock that saw the queue empty, so that a record queued at any
 * moment is either taken here or finds no storer and stores itself.
 */
static void
pool_store_ready(struct fetch_pool *p)
{
	struct pool_rec *list, *rec, **tail;
	int n;

	for (;;) {
		pthread_mutex_lock(&p->store_lock);
		pthread_mutex_lock(&p->lock);
		list = p->ready;
		tail = &list;
		for (n = 0; *tail != NULL && n < FETCH_POOL_BATCH; n++)
			tail = &(*tail)->next;
		p->ready = *tail;
		if (p->ready == NULL)
			p->ready_tail = &p->ready;
		*tail = NULL;
		if (n == 0)
			p->storing = 0;
		pthread_mutex_unlock(&p->lock);
		if (n > 0) {
			pool_store_batch(p, list, n);
			pool_articles_wanted(p, list);
		}
		pthread_mutex_unlock(&p->store_lock);
		if (n == 0)
			return;
		while ((rec = list) != NULL) {
			list = rec->next;
			pool_report(p, rec);
		}
	}
}

/*
 * On a worker: an article job (job->entry): extract with no lock held,
 * keep the article (or why there is none) under store_lock in a
 * transaction of its own, then report it and end the job as pool_report
 * does.  Articles wait for no batch and count in no refresh.
 */
static void
pool_article(struct fetch_pool *p, struct fetch_job *job)
{
	struct store_article a;
	struct chan_msg m;
	char *cause = NULL;
	int rc;

	fetch_article_of(job, &a);
	pthread_mutex_lock(&p->store_lock);
	rc = store_article_put(p->store, &a, &cause);
	pthread_mutex_unlock(&p->store_lock);
	memset(&m, 0, sizeof m);
	m.article.entry = job->entry;
	m.article.status = job->status;
	if (rc != 0 || a.error != NULL) {
		m.type = CHAN_ARTICLE_FAIL;
		m.article.why = rc != 0 ? cause : a.error;
	} else
		m.type = CHAN_ARTICLE_DONE;
	chan_event(p->chan, &m);
	free(cause);
	store_article_clear(&a);
	pool_job_free(job);
	pthread_mutex_lock(&p->lock);
	p->counts.jobs--;
	pthread_mutex_unlock(&p->lock);
	p->wake(p->wake_arg);
}

/*
 * On a worker: parse the job (no lock held) and queue it as ready.  If
 * no worker is storing, this one becomes the storer and stores what is
 * ready until nothing is; otherwise it leaves its record to the one that
 * is and goes back to parsing.  So while one worker stores, the others'
 * records pile up and go into the store together, in one transaction,
 * and parsing goes on meanwhile.  Alone, a batch is one feed and waits
 * for nothing.  The job ends when its record is reported, by whichever
 * worker stored it.
 */
static void
pool_record(struct fetch_pool *p, struct fetch_job *job)
{
	struct pool_rec *rec;
	int storer;

	if (job->entry != 0) {
		pool_article(p, job);
		return;
	}
	rec = pool_prepare(p, job);
	pthread_mutex_lock(&p->lock);
	*p->ready_tail = rec;
	p->ready_tail = &rec->next;
	storer = !p->storing;
	p->storing = 1;
	pthread_mutex_unlock(&p->lock);
	if (storer)
		pool_store_ready(p);
}

/* The oldest job, or NULL (the caller then owns it). */
static struct fetch_job *
pool_take(struct fetch_pool *p)
{
	struct fetch_job *job;

	pthread_mutex_lock(&p->lock);
	job = p->jobs;
	if (job != NULL) {
		p->jobs = job->next;
		if (p->jobs == NULL)
			p->jobs_tail = NULL;
		job->next = NULL;
	}
	pthread_mutex_unlock(&p->lock);
	return job;
}

static void *
pool_worker(void *arg)
{
	struct fetch_pool *p = arg;
	struct fetch_job *job;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (p->jobs == NULL && !p->quit)
			pthread_cond_wait(&p->cond, &p->lock);
		pthread_mutex_unlock(&p->lock);
		job = pool_take(p);
		if (job == NULL)
			break; /* quit */
		pool_record(p, job);
	}
	return NULL;
}

struct fetch_pool *
fetch_pool_new(const struct config *cfg, const char *store_path,
    struct chan *chan, void (*wake)(void *), void *arg, char **cause)
{
	struct fetch_pool *p;

	p = xcalloc(1, sizeof *p);
	p->store = store_open(store_path, cause);
	if (p->store == NULL) {
		free(p);
		return NULL;
	}
	p->cfg = cfg;
	p->chan = chan;
	p->wake = wake;
	p->wake_arg = arg;
	pthread_mutex_init(&p->store_lock, NULL);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	p->ready_tail = &p->ready;
	return p;
}

/* How many workers: one per processor, at least one, at most four. */
static int
pool_nworkers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

void
fetch_pool_start(struct fetch_pool *p)
{
	int i, n = pool_nworkers();

	p->workers = xcalloc((size_t)n, sizeof *p->workers);
	for (i = 0; i < n; i++) {
		if (pthread_create(&p->workers[i], NULL, pool_worker, p) != 0)
			break;
		p->nworkers++;
	}
}

void
fetch_pool_add(struct fetch_pool *p, struct fetch_job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&p->lock);
	p->counts.jobs++;
	if (p->nworkers > 0) {
		if (p->jobs_tail != NULL)
			p->jobs_tail->next = job;
		else
			p->jobs = job;
		p->jobs_tail = job;
		pthread_cond_signal(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	/* Without a worker nothing would ever be recorded: do it here. */
	if (p->nworkers == 0)
		pool_record(p, job);
}

void
fetch_pool_counts(struct fetch_pool *p, struct fetch_pool_counts *c)
{
	pthread_mutex_lock(&p->lock);
	*c = p->counts;
	pthread_mutex_unlock(&p->lock);
}

struct store *
fetch_pool_store_borrow(struct fetch_pool *p)
{
	pthread_mutex_lock(&p->store_lock);
	return p->store;
}

void
fetch_pool_store_return(struct fetch_pool *p)
{
	pthread_mutex_unlock(&p->store_lock);
}

void
fetch_pool_free(struct fetch_pool *p)
{
	struct fetch_job *job;
	int i;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->quit = 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	for (i = 0; i < p->nworkers; i++)
		pthread_join(p->workers[i], NULL);
	/* A worker that queues a record stores the ready queue until it is
	 * empty, or leaves it to the one doing so, which does not stop
	 * before it is; and the workers leave no job queued.  Nothing
	 * should be left; if anything is, it is stored or freed, not
	 * leaked. */
	pool_store_ready(p);
	while ((job = pool_take(p)) != NULL) {
		pool_job_free(job);
		p->counts.jobs--;
	}
	store_close(p->store);
	pthread_mutex_destroy(&p->store_lock);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	free(p->workers);
	free(p);
}
