/*
 * unit_chan: chan driven from two threads, the way the UI and the curl
 * thread drive it.  Commands arrive in the order sent, each push calling
 * the wake callback once, on the sender's thread; events arrive in order
 * with their fields, and strings copied; the event fd is readable while
 * events wait and quiet once they are drained; chan_free frees what is
 * still queued either way (make asan says whether anything leaks).
 *
 * Owns nothing but its checks; every wait has a deadline, so a lost
 * wake-up fails instead of hanging.  Prints "ok - NAME" / "not ok -
 * NAME: why" per check and exits 1 when any failed.
 */
#include "chan.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"

#define NCOMMANDS 2000
#define DEADLINE 20 /* seconds any one wait may take */

/* The side that takes commands: a stand-in for the curl thread. */
struct peer {
	struct chan *chan;
	pthread_t sender; /* the thread that sends the commands */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int pending;	  /* wake calls not yet seen by the peer */
	long wakes;	  /* wake calls in all */
	int wrong_thread; /* a wake call ran on another thread */
	char why[256];	  /* the peer's first complaint, "" when none */
};

static void
peer_wake(void *arg)
{
	struct peer *p = arg;

	pthread_mutex_lock(&p->lock);
	if (!pthread_equal(pthread_self(), p->sender))
		p->wrong_thread = 1;
	p->pending++;
	p->wakes++;
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

/* Wait for a wake call; 0, or -1 after DEADLINE seconds without one. */
static int
peer_wait(struct peer *p)
{
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += DEADLINE;
	pthread_mutex_lock(&p->lock);
	while (p->pending == 0 && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&p->cond, &p->lock, &until);
	p->pending = 0;
	pthread_mutex_unlock(&p->lock);
	return rc == ETIMEDOUT ? -1 : 0;
}

/* What command i is: every third a refresh of all, then STOP last. */
static enum chan_type
command_type(int i)
{
	if (i == NCOMMANDS)
		return CHAN_STOP;
	return i % 3 == 0 ? CHAN_REFRESH_ALL : CHAN_REFRESH_FEED;
}

/* Is m command i, with the fields it was sent with? */
static int
command_is(const struct chan_msg *m, int i)
{
	if (m->type != command_type(i))
		return 0;
	switch (m->type) {
	case CHAN_REFRESH_ALL:
		return m->refresh_all.force == i % 2;
	case CHAN_REFRESH_FEED:
		return m->refresh_feed.feed == (int64_t)i * 1000003 &&
		    m->refresh_feed.force == i % 2;
	default:
		return 1;
	}
}

/*
 * Answer command i: a refresh of one feed with CHAN_FEED_DONE, of all
 * with CHAN_FEED_FAIL (its text from a buffer that is overwritten at
 * once: the event must hold a copy), STOP with CHAN_BATCH_DONE.
 */
static void
peer_answer(struct peer *p, int i)
{
	struct chan_msg m;
	char why[64];

	memset(&m, 0, sizeof m);
	switch (command_type(i)) {
	case CHAN_REFRESH_FEED:
		m.type = CHAN_FEED_DONE;
		m.feed_done.feed = i;
		m.feed_done.new = i;
		m.feed_done.updated = 2L * i;
		m.feed_done.not_modified = i % 2;
		break;
	case CHAN_REFRESH_ALL:
		snprintf(why, sizeof why, "why %d", i);
		m.type = CHAN_FEED_FAIL;
		m.feed_fail.feed = i;
		m.feed_fail.status = 400 + i % 100;
		m.feed_fail.why = i % 5 == 0 ? NULL : why;
		break;
	default:
		m.type = CHAN_BATCH_DONE;
		m.batch_done.done = NCOMMANDS;
		m.batch_done.failed = -1;
		m.batch_done.new_entries = -2;
		break;
	}
	chan_event(p->chan, &m);
	memset(why, 'x', sizeof why - 1);
	why[sizeof why - 1] = '\0';
}

/* The peer's thread: take commands as the wake calls come, answer each. */
static void *
peer_main(void *arg)
{
	struct peer *p = arg;
	struct chan_msg *m;
	int next = 0, stop = 0;

	while (!stop) {
		if (peer_wait(p) != 0) {
			snprintf(p->why, sizeof p->why,
			    "no wake call for %d s with %d of %d commands in",
			    DEADLINE, next, NCOMMANDS + 1);
			break;
		}
		while ((m = chan_next_command(p->chan)) != NULL) {
			if (p->why[0] == '\0' && !command_is(m, next))
				snprintf(p->why, sizeof p->why,
				    "command %d is not the one sent", next);
			stop = m->type == CHAN_STOP;
			chan_msg_free(m);
			peer_answer(p, next++);
		}
	}
	return NULL;
}

/* Is m the answer to command i? */
static int
event_is(const struct chan_msg *m, int i)
{
	char why[64];

	switch (command_type(i)) {
	case CHAN_REFRESH_FEED:
		return m->type == CHAN_FEED_DONE && m->feed_done.feed == i &&
		    m->feed_done.new == i && m->feed_done.updated == 2L * i &&
		    m->feed_done.not_modified == i % 2;
	case CHAN_REFRESH_ALL:
		snprintf(why, sizeof why, "why %d", i);
		if (m->type != CHAN_FEED_FAIL || m->feed_fail.feed != i ||
		    m->feed_fail.status != 400 + i % 100)
			return 0;
		if (i % 5 == 0)
			return m->feed_fail.why == NULL;
		return m->feed_fail.why != NULL &&
		    strcmp(m->feed_fail.why, why) == 0;
	default:
		return m->type == CHAN_BATCH_DONE &&
		    m->batch_done.done == NCOMMANDS &&
		    m->batch_done.failed == -1 &&
		    m->batch_done.new_entries == -2;
	}
}

static int
fd_readable(int fd, int ms)
{
	struct pollfd pfd;

	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	return poll(&pfd, 1, ms) == 1 && (pfd.revents & POLLIN) != 0;
}

/* The events we have taken so far, checked as they come. */
struct taken {
	int n;
	int wrong; /* the first event out of order, or -1 */
	int done;  /* CHAN_BATCH_DONE came */
};

static void
take_events(struct chan *c, struct taken *tk)
{
	struct chan_msg *m;

	while ((m = chan_next_event(c)) != NULL) {
		if (tk->wrong < 0 && !event_is(m, tk->n))
			tk->wrong = tk->n;
		if (m->type == CHAN_BATCH_DONE)
			tk->done = 1;
		tk->n++;
		chan_msg_free(m);
	}
}

/*
 * This thread sends the commands and takes the events, as the UI does,
 * taking what has come now and then while it sends; the peer answers
 * every command with one event.
 */
static void
test_two_threads(void)
{
	struct peer p;
	struct taken tk;
	pthread_t t;
	char why[300];
	int i, fd, timed_out = 0;
	time_t until;
	char *cause = NULL;

	memset(&p, 0, sizeof p);
	memset(&tk, 0, sizeof tk);
	tk.wrong = -1;
	p.chan = chan_new(&cause);
	if (p.chan == NULL) {
		check_why(0, "a chan is made", cause);
		free(cause);
		return;
	}
	p.sender = pthread_self();
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.cond, NULL);
	chan_set_wake(p.chan, peer_wake, &p);
	fd = chan_event_fd(p.chan);
	if (pthread_create(&t, NULL, peer_main, &p) != 0) {
		check_why(0, "a second thread starts", "pthread_create failed");
		chan_free(p.chan);
		return;
	}
	for (i = 0; i <= NCOMMANDS; i++) {
		if (command_type(i) == CHAN_REFRESH_FEED)
			chan_command(p.chan, CHAN_REFRESH_FEED,
			    (int64_t)i * 1000003, i % 2);
		else
			chan_command(p.chan, command_type(i), 0, i % 2);
		if (i % 7 == 0 && fd_readable(fd, 0))
			take_events(p.chan, &tk);
	}
	until = time(NULL) + DEADLINE;
	while (!tk.done && !timed_out) {
		if (fd_readable(fd, 1000))
			take_events(p.chan, &tk);
		else
			timed_out = time(NULL) > until;
	}
	pthread_join(t, NULL);

	check_why(
	    p.why[0] == '\0', "commands arrive in order, fields intact", p.why);
	snprintf(why, sizeof why, "%ld wake calls for %d commands", p.wakes,
	    NCOMMANDS + 1);
	check_why(p.wakes == NCOMMANDS + 1, "one wake call per command", why);
	check_why(!p.wrong_thread,
	    "the wake callback runs on the sender's thread",
	    "it ran on another");
	snprintf(
	    why, sizeof why, "event %d differs (of %d taken)", tk.wrong, tk.n);
	check_why(tk.wrong < 0,
	    "events arrive in order, fields and text intact", why);
	snprintf(why, sizeof why, "%d of %d events came within %d s", tk.n,
	    NCOMMANDS + 1, DEADLINE);
	check_why(tk.done && tk.n == NCOMMANDS + 1,
	    "the event fd wakes the receiver for every event", why);
	check_why(!fd_readable(fd, 0) && chan_next_event(p.chan) == NULL,
	    "the event fd is quiet once the events are drained",
	    "still readable");
	chan_set_wake(p.chan, NULL, NULL);
	chan_free(p.chan);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.cond);
}

/* The event fd, step by step on one thread. */
static void
test_event_fd(void)
{
	struct chan_msg m, *got[3];
	struct chan *c;
	char *cause = NULL;
	int fd, i, quiet_at_first, ready, after_two, after_three, again;

	c = chan_new(&cause);
	if (c == NULL) {
		check_why(0, "a chan is made", cause);
		free(cause);
		return;
	}
	fd = chan_event_fd(c);
	quiet_at_first = !fd_readable(fd, 0);
	memset(&m, 0, sizeof m);
	m.type = CHAN_FEED_START;
	for (i = 0; i < 3; i++) {
		m.feed_start.feed = i + 1;
		chan_event(c, &m);
	}
	ready = fd_readable(fd, 0);
	got[0] = chan_next_event(c);
	got[1] = chan_next_event(c);
	after_two = fd_readable(fd, 0);
	got[2] = chan_next_event(c);
	after_three = fd_readable(fd, 0);
	check_why(quiet_at_first && ready,
	    "the event fd turns readable when an event is pushed",
	    quiet_at_first ? "not readable" : "readable before any event");
	check_why(after_two && !after_three,
	    "the event fd stays readable until the last event is taken",
	    after_two ? "readable after the last" : "quiet too early");
	check_why(got[0] != NULL && got[1] != NULL && got[2] != NULL &&
		got[0]->feed_start.feed == 1 && got[1]->feed_start.feed == 2 &&
		got[2]->feed_start.feed == 3 && chan_next_event(c) == NULL,
	    "events come out first in, first out", "wrong order");
	for (i = 0; i < 3; i++)
		chan_msg_free(got[i]);
	chan_event(c, &m);
	again = fd_readable(fd, 0);
	check_why(again, "the event fd is readable again after the next push",
	    "quiet");
	chan_msg_free(chan_next_event(c));
	chan_free(c);
}

static int bare_wakes;

static void
bare_wake(void *arg)
{
	(void)arg;
	bare_wakes++;
}

/* Commands on one thread: the wake callback and taking it away. */
static void
test_wake(void)
{
	struct chan *c;
	struct chan_msg *m;
	char *cause = NULL;
	int ok;

	c = chan_new(&cause);
	if (c == NULL) {
		check_why(0, "a chan is made", cause);
		free(cause);
		return;
	}
	chan_command(c, CHAN_REFRESH_ALL, 0, 1);
	check_why(bare_wakes == 0, "no wake call before one is set", "called");
	chan_set_wake(c, bare_wake, NULL);
	chan_command(c, CHAN_REFRESH_FEED, 42, 0);
	chan_command(c, CHAN_STOP, 0, 0);
	check_why(bare_wakes == 2,
	    "each command pushed calls the wake callback", "wrong count");
	chan_set_wake(c, NULL, NULL);
	chan_command(c, CHAN_REFRESH_ALL, 0, 0);
	check_why(
	    bare_wakes == 2, "no wake call once it is taken away", "called");
	m = chan_next_command(c);
	ok = m != NULL && m->type == CHAN_REFRESH_ALL &&
	    m->refresh_all.force == 1;
	chan_msg_free(m);
	m = chan_next_command(c);
	ok = ok && m != NULL && m->type == CHAN_REFRESH_FEED &&
	    m->refresh_feed.feed == 42 && m->refresh_feed.force == 0;
	chan_msg_free(m);
	m = chan_next_command(c);
	ok = ok && m != NULL && m->type == CHAN_STOP;
	chan_msg_free(m);
	check_why(ok, "commands keep their kind and fields", "differ");
	/* One command is left in the queue: chan_free frees it. */
	chan_free(c);
}

/* The sender of test_in_flight: events and commands, then it ends. */
static void *
flood_main(void *arg)
{
	struct chan *c = arg;
	struct chan_msg m;
	char why[32];
	int i;

	memset(&m, 0, sizeof m);
	for (i = 0; i < 1000; i++) {
		snprintf(why, sizeof why, "in flight %d", i);
		m.type = CHAN_FEED_FAIL;
		m.feed_fail.feed = i;
		m.feed_fail.why = why;
		chan_event(c, &m);
		chan_command(c, CHAN_REFRESH_FEED, i, 0);
	}
	return NULL;
}

/*
 * Shutdown with messages in flight: another thread pushes while this one
 * takes some, and the chan is freed with the rest still queued in both
 * directions.
 */
static void
test_in_flight(void)
{
	struct chan *c;
	pthread_t t;
	char *cause = NULL;
	int i, taken = 0;
	struct chan_msg *m;

	c = chan_new(&cause);
	if (c == NULL) {
		check_why(0, "a chan is made", cause);
		free(cause);
		return;
	}
	if (pthread_create(&t, NULL, flood_main, c) != 0) {
		check_why(0, "a second thread starts", "pthread_create failed");
		chan_free(c);
		return;
	}
	for (i = 0; i < 300; i++) {
		if ((m = chan_next_event(c)) != NULL)
			taken++;
		chan_msg_free(m);
		chan_msg_free(chan_next_command(c));
	}
	pthread_join(t, NULL);
	check_why(fd_readable(chan_event_fd(c), 0) || taken == 1000,
	    "events still queued keep the event fd readable", "quiet");
	chan_free(c);
	chan_free(NULL);
	chan_msg_free(NULL);
	check_why(1, "chan_free frees the messages still queued", "");
}

int
main(void)
{
	check_begin("chan");
	test_event_fd();
	test_wake();
	test_two_threads();
	test_in_flight();
	return check_done();
}
