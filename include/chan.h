/*
 * chan: the only channel between the UI (or a headless command) and the
 * fetching side.  Two mutex-guarded FIFO queues: commands to the curl
 * thread, with a wake callback (the fetcher installs curl_multi_wakeup),
 * and events back, with a file descriptor that poll() sees readable while
 * events wait (an eventfd, else a pipe).  Any thread may send; one
 * thread takes commands and one takes events.
 *
 * A message belongs to the receiver once pushed; it carries ids and
 * copies, never pointers into the sender's memory.  Each kind has its
 * own named fields (the member of the union its type names).  Only the
 * fetching side, ui.c and the refresh command read them: the views get
 * UI events (view.h) instead.
 *
 * chan's lock is a leaf: nothing else is locked or called while it is
 * held (the wake callback runs after it is released).
 */
#ifndef ORRERY_CHAN_H
#define ORRERY_CHAN_H

#include <stdint.h>

enum chan_type {
	/* commands, to the fetcher */
	CHAN_REFRESH_ALL,
	CHAN_REFRESH_FEED,
	CHAN_STOP,
	CHAN_FETCH_ARTICLE,
	/* events, from the fetcher */
	CHAN_BATCH_START,
	CHAN_FEED_START,
	CHAN_FEED_DONE,
	CHAN_FEED_FAIL,
	CHAN_BATCH_DONE,
	CHAN_ARTICLE_START,
	CHAN_ARTICLE_DONE,
	CHAN_ARTICLE_FAIL
};

/* Fetch every feed that is due; force: every feed not disabled. */
struct chan_refresh_all {
	int force;
};

/* Fetch one feed if it is due; force: now, even when disabled. */
struct chan_refresh_feed {
	int64_t feed;
	int force;
};

/*
 * A refresh begins, or grows by feeds more while one runs (a feed already
 * in the batch is never added twice: feeds counts only new ones).  feeds
 * 0: the command found nothing due, and a CHAN_BATCH_DONE follows at once.
 */
struct chan_batch_start {
	long feeds;
};

/* A transfer for feed begins. */
struct chan_feed_start {
	int64_t feed;
};

/* feed was fetched and is stored. */
struct chan_feed_done {
	int64_t feed;
	long new;	  /* entries new to the store */
	long updated;	  /* entries changed */
	int not_modified; /* 304: nothing was downloaded */
};

/*
 * feed could not be fetched, parsed or stored (feed 0: the feed list
 * could not be read).
 */
struct chan_feed_fail {
	int64_t feed;
	long status;	 /* HTTP status, 0 when there was none */
	const char *why; /* what went wrong, or NULL; the message's own */
};

/* The refresh is over: every feed of it has been reported. */
struct chan_batch_done {
	long done;	  /* feeds reported */
	long failed;	  /* of which failed */
	long new_entries; /* new entries in all of them */
};

/*
 * An entry's whole article (store_article.h): CHAN_FETCH_ARTICLE asks
 * for it (entry only); the fetcher answers CHAN_ARTICLE_START when the
 * transfer begins, then CHAN_ARTICLE_DONE once it is in the store, or
 * CHAN_ARTICLE_FAIL with why (the message's own) and the HTTP status.
 * Articles are no part of a refresh's batch.
 */
struct chan_article {
	int64_t entry;
	long status;
	const char *why;
};

struct chan_msg {
	enum chan_type type;
	union {
		struct chan_refresh_all refresh_all;
		struct chan_refresh_feed refresh_feed;
		struct chan_batch_start batch_start;
		struct chan_feed_start feed_start;
		struct chan_feed_done feed_done;
		struct chan_feed_fail feed_fail;
		struct chan_batch_done batch_done;
		struct chan_article article;
	};
};

struct chan;

/* NULL with *cause set when no wake fd can be made. */
struct chan *chan_new(char **cause);
/* Free the chan and every message still queued (either way). */
void chan_free(struct chan *);

/*
 * Commands: CHAN_REFRESH_ALL {force}, CHAN_REFRESH_FEED {feed, force},
 * CHAN_FETCH_ARTICLE {entry, given as feed} or CHAN_STOP (feed and force
 * unused).  The wake callback runs on the
 * sender's thread after the push.
 */
void chan_set_wake(struct chan *, void (*)(void *), void *);
void chan_command(struct chan *, enum chan_type, int64_t feed, int force);
/* Next command or NULL; the caller frees it with chan_msg_free(). */
struct chan_msg *chan_next_command(struct chan *);
/* Are commands waiting?  (For the curl thread: a refresh is not over
 * while a worker's request for more is still queued.) */
int chan_has_commands(struct chan *);

/*
 * Events.  chan_event pushes a copy of the message (its strings too);
 * event_fd is readable while events wait, and quiet again once
 * chan_next_event has taken the last one.
 */
void chan_event(struct chan *, const struct chan_msg *);
int chan_event_fd(const struct chan *);
/* Next event or NULL; the caller frees it with chan_msg_free(). */
struct chan_msg *chan_next_event(struct chan *);

void chan_msg_free(struct chan_msg *);

#endif /* ORRERY_CHAN_H */
