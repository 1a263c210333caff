/*
 * fetch_pool: the fetching side's worker threads.  The curl thread
 * (fetch.c) hands each finished transfer to the pool as a job; a worker
 * parses its body and works out its search texts with no lock held, then
 * the job is stored and reported on the chan (CHAN_FEED_DONE or
 * CHAN_FEED_FAIL), one event per feed once it is in the store.
 *
 * Group commit: storing is one worker at a time (the storer).  A worker
 * whose job is parsed queues it as ready; if no worker is storing, it
 * becomes the storer and stores what is ready, up to FETCH_POOL_BATCH
 * feeds in one transaction, until nothing is; meanwhile the others go on
 * parsing and leave their jobs to it.  The per-feed commit is the costly
 * part of storing, so a busy refresh commits many feeds at once and a
 * quiet one commits each feed alone, waiting for nothing.  A transaction
 * that fails is rolled back and its feeds are stored one by one, so that
 * one feed the store refuses costs the others nothing.  The search rows
 * of a batch go in at its commit (store_begin), so a job's parsed feed
 * and texts live until its batch is committed or rolled back.
 *
 * Threads and ownership:
 * - The pool owns the fetching side's one store connection: opened by
 *   fetch_pool_new, closed by fetch_pool_free, both on the curl thread.
 *   The storer uses it under store_lock for a whole batch (from
 *   store_begin to the commit or rollback); the curl thread borrows it
 *   under the same lock (fetch_pool_store_borrow) to read which feeds
 *   are due.  Nothing else touches it.
 * - A job belongs to the pool from fetch_pool_add on, and is freed by
 *   whichever worker reported it.
 * - lock guards the job queue, the ready queue, the storer's flag, the
 *   counts and quit; cond wakes workers when a job is queued or the pool
 *   quits.
 * - Lock order: store_lock before lock; nothing else is taken while
 *   either is held (chan events and the wake callback are sent with no
 *   pool lock held).  The curl thread takes one pool lock at a time.
 *
 * No curl and no curses here; the only lock outside the pool a worker
 * takes is chan's, through chan_event.
 */
#ifndef ORRERY_FETCH_POOL_H
#define ORRERY_FETCH_POOL_H

#include <stdint.h>

#include "buf.h"

struct chan;
struct config;
struct fetch_pool;
struct store;

/* Feeds stored in one transaction at most, so that a long queue is
 * committed, and reported, in pieces. */
#define FETCH_POOL_BATCH 64
/* Caching headers and <ttl> push the next fetch out this far at most. */
#define FETCH_MAX_DELAY (24 * 3600)

/*
 * One finished transfer: what the worker needs to parse and record it.
 * The curl thread fills it and gives it away with fetch_pool_add; every
 * string and the body are owned by the job (malloc'd, or NULL).
 */
struct fetch_job {
	int64_t feed;
	int64_t entry;	  /* a whole article's page for this entry; 0: a feed */
	long status;	  /* HTTP status, 0 for none or file */
	char *error;	  /* why the transfer failed, or NULL */
	int not_modified; /* 304 */
	int disable;	  /* 410 Gone */
	struct buf body;  /* what was downloaded */
	char *url;	  /* where the body came from (the base) */
	int moved;	  /* url is where only permanent redirects led */
	/* from the response headers */
	char *charset;		    /* Content-Type's charset, or NULL */
	char *ctype;		    /* the Content-Type (articles), or NULL */
	char *etag, *last_modified; /* new validators, or NULL */
	long max_age;		    /* Cache-Control max-age, -1: none */
	long retry_after;	    /* seconds, -1: none */
	int64_t expires;	    /* Expires, PARSE_NO_DATE: none */
	struct fetch_job *next;	    /* the pool's queue */
};

/*
 * fetch_article.c: what an article job (entry != 0) brought, as the row
 * to keep (*a, the caller clears it): the extracted article, or why
 * there is none (the transfer's error, not an HTML page, no article in
 * it).  With no lock held; pure but for the job's strings, borrowed.
 */
struct store_article;
void fetch_article_of(const struct fetch_job *, struct store_article *a);

/* What the pool has done since it started, and what it holds. */
struct fetch_pool_counts {
	int jobs;	  /* added and not yet reported */
	long done;	  /* reported */
	long failed;	  /* reported as failed */
	long new_entries; /* new entries in those done */
};

/*
 * Open the store at store_path (borrowed, like cfg and chan, for the
 * pool's life) and make a pool without workers yet.  wake(arg) is called
 * each time a job has been reported, on the thread that reported it (the
 * curl thread may be waiting for the end of a batch, or for room under
 * its connection cap).  NULL with *cause when the store does not open.
 */
struct fetch_pool *fetch_pool_new(const struct config *, const char *store_path,
    struct chan *, void (*wake)(void *), void *arg, char **cause);
/*
 * Start the workers: one per processor, at least one, at most four.
 * When not one can be made, fetch_pool_add does each job on the caller.
 */
void fetch_pool_start(struct fetch_pool *);
/* Give a finished transfer to the pool. */
void fetch_pool_add(struct fetch_pool *, struct fetch_job *);
void fetch_pool_counts(struct fetch_pool *, struct fetch_pool_counts *);
/*
 * Borrow the store connection (waiting while a batch is being stored);
 * give it back with fetch_pool_store_return, and take no other pool call
 * in between.
 */
struct store *fetch_pool_store_borrow(struct fetch_pool *);
void fetch_pool_store_return(struct fetch_pool *);
/*
 * Stop the workers once the jobs already given are done (each is parsed,
 * stored and reported), close the store and free the pool.  On the
 * thread that made it.
 */
void fetch_pool_free(struct fetch_pool *);

#endif /* ORRERY_FETCH_POOL_H */
