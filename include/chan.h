/*
 * chan: the only channel between the UI (or a headless command) and the
 * fetcher thread.  Two mutex-guarded queues: commands to the fetcher, with
 * a wake callback (the fetcher installs curl_multi_wakeup), and events to
 * the UI, with a file descriptor that poll() sees readable while events
 * wait (an eventfd, else a pipe).
 *
 * A message belongs to the receiver once pushed; it carries ids and
 * copies, never pointers into the sender's memory.
 */
#ifndef ORRERY_CHAN_H
#define ORRERY_CHAN_H

#include <stdint.h>

enum chan_type {
	/* commands, to the fetcher */
	CHAN_REFRESH_ALL,  /* a = force */
	CHAN_REFRESH_FEED, /* feed, a = force */
	CHAN_STOP,
	/* events, from the fetcher */
	CHAN_BATCH_START, /* a = feeds in this refresh */
	CHAN_FEED_START,  /* feed */
	CHAN_FEED_DONE,	  /* feed, a = new, b = updated, c = not modified */
	CHAN_FEED_FAIL,	  /* feed, text = why, a = HTTP status */
	CHAN_BATCH_DONE	  /* a = feeds done, b = failed, c = new entries */
};

struct chan_msg {
	enum chan_type type;
	int64_t feed;
	long a, b, c;
	char *text; /* owned by whoever holds the message; may be NULL */
	struct chan_msg *next;
};

struct chan;

/* NULL with *cause set when no wake fd can be made. */
struct chan *chan_new(char **cause);
void chan_free(struct chan *);

/* Commands.  The wake callback runs on the sender's thread after a push. */
void chan_set_wake(struct chan *, void (*)(void *), void *);
void chan_command(struct chan *, enum chan_type, int64_t feed, long a);
/* Next command or NULL; the caller frees it with chan_msg_free(). */
struct chan_msg *chan_next_command(struct chan *);

/* Events.  event_fd is readable while events wait. */
void chan_event(struct chan *, enum chan_type, int64_t feed, long a, long b,
    long c, const char *text);
int chan_event_fd(const struct chan *);
struct chan_msg *chan_next_event(struct chan *);

void chan_msg_free(struct chan_msg *);

#endif /* ORRERY_CHAN_H */
