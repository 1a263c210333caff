/*
 * chan: two mutex-guarded FIFO queues of typed messages and a wake fd.
 * No curl, no curses, no sqlite: the fetcher's wake-up is a callback it
 * installs.
 */
#include "chan.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/eventfd.h>
#endif

#include "util.h"

/* A queued message: the message first, so that a struct chan_msg * the
 * receiver holds is the node too. */
struct chan_node {
	struct chan_msg msg;
	char *text; /* the copy a string field points to, or NULL */
	struct chan_node *next;
};

struct queue {
	struct chan_node *head, *tail;
};

struct chan {
	pthread_mutex_t lock;
	struct queue commands;
	struct queue events;
	void (*wake)(void *);
	void *wake_arg;
	int rfd, wfd;  /* the same fd for an eventfd */
	int signalled; /* the fd is readable */
};

struct chan *
chan_new(char **cause)
{
	struct chan *c;
	int fds[2];

	c = xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
#ifdef __linux__
	c->rfd = c->wfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (c->rfd != -1)
		return c;
#endif
	if (pipe(fds) != 0) {
		util_fail(
		    cause, "cannot make a wake pipe: %s", strerror(errno));
		pthread_mutex_destroy(&c->lock);
		free(c);
		return NULL;
	}
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK);
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	c->rfd = fds[0];
	c->wfd = fds[1];
	return c;
}

static void
queue_free(struct queue *q)
{
	struct chan_node *n, *next;

	for (n = q->head; n != NULL; n = next) {
		next = n->next;
		chan_msg_free(&n->msg);
	}
	q->head = q->tail = NULL;
}

void
chan_free(struct chan *c)
{
	if (c == NULL)
		return;
	queue_free(&c->commands);
	queue_free(&c->events);
	close(c->rfd);
	if (c->wfd != c->rfd)
		close(c->wfd);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

void
chan_msg_free(struct chan_msg *m)
{
	struct chan_node *n = (struct chan_node *)m;

	if (n == NULL)
		return;
	free(n->text);
	free(n);
}

/* A node holding a copy of m, its string included. */
static struct chan_node *
chan_node_new(const struct chan_msg *m)
{
	struct chan_node *n;

	n = xcalloc(1, sizeof *n);
	n->msg = *m;
	if (m->type == CHAN_FEED_FAIL && m->feed_fail.why != NULL) {
		n->text = xstrdup(m->feed_fail.why);
		n->msg.feed_fail.why = n->text;
	}
	if (m->type == CHAN_ARTICLE_FAIL && m->article.why != NULL) {
		n->text = xstrdup(m->article.why);
		n->msg.article.why = n->text;
	}
	return n;
}

static void
queue_push(struct queue *q, struct chan_node *n)
{
	n->next = NULL;
	if (q->tail != NULL)
		q->tail->next = n;
	else
		q->head = n;
	q->tail = n;
}

/* The oldest message, or NULL. */
static struct chan_msg *
queue_pop(struct queue *q)
{
	struct chan_node *n;

	n = q->head;
	if (n == NULL)
		return NULL;
	q->head = n->next;
	if (q->head == NULL)
		q->tail = NULL;
	n->next = NULL;
	return &n->msg;
}

void
chan_set_wake(struct chan *c, void (*wake)(void *), void *arg)
{
	pthread_mutex_lock(&c->lock);
	c->wake = wake;
	c->wake_arg = arg;
	pthread_mutex_unlock(&c->lock);
}

void
chan_command(struct chan *c, enum chan_type type, int64_t feed, int force)
{
	struct chan_msg m;
	struct chan_node *n;
	void (*wake)(void *);
	void *arg;

	memset(&m, 0, sizeof m);
	m.type = type;
	if (type == CHAN_REFRESH_ALL)
		m.refresh_all.force = force;
	else if (type == CHAN_REFRESH_FEED) {
		m.refresh_feed.feed = feed;
		m.refresh_feed.force = force;
	} else if (type == CHAN_FETCH_ARTICLE)
		m.article.entry = feed;
	n = chan_node_new(&m);
	pthread_mutex_lock(&c->lock);
	queue_push(&c->commands, n);
	wake = c->wake;
	arg = c->wake_arg;
	pthread_mutex_unlock(&c->lock);
	if (wake != NULL)
		wake(arg);
}

int
chan_has_commands(struct chan *c)
{
	int has;

	pthread_mutex_lock(&c->lock);
	has = c->commands.head != NULL;
	pthread_mutex_unlock(&c->lock);
	return has;
}

struct chan_msg *
chan_next_command(struct chan *c)
{
	struct chan_msg *m;

	pthread_mutex_lock(&c->lock);
	m = queue_pop(&c->commands);
	pthread_mutex_unlock(&c->lock);
	return m;
}

void
chan_event(struct chan *c, const struct chan_msg *m)
{
	static const uint64_t one = 1;
	struct chan_node *node;
	ssize_t n;

	node = chan_node_new(m);
	pthread_mutex_lock(&c->lock);
	queue_push(&c->events, node);
	if (!c->signalled) {
		/* An eventfd takes 8 bytes; a pipe takes any. */
		n = write(c->wfd, &one, sizeof one);
		c->signalled = n > 0;
	}
	pthread_mutex_unlock(&c->lock);
}

int
chan_event_fd(const struct chan *c)
{
	return c->rfd;
}

struct chan_msg *
chan_next_event(struct chan *c)
{
	struct chan_msg *m;
	char drain[64];

	pthread_mutex_lock(&c->lock);
	m = queue_pop(&c->events);
	if (c->events.head == NULL && c->signalled) {
		/* Empty now: make the fd quiet again. */
		while (read(c->rfd, drain, sizeof drain) > 0)
			;
		c->signalled = 0;
	}
	pthread_mutex_unlock(&c->lock);
	return m;
}
