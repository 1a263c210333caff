/*
 * sync: what one sync with a Google Reader API server does (sync.h), and
 * the password.  The order of a sync: log in; send the outbox (edit-tag in
 * batches, mark-all-as-read with ts), each batch leaving the outbox once
 * the server took it; read the subscriptions into feeds; pull the reading
 * list since the last pull (ot=, continuation), a page per transaction;
 * then reconcile the server's unread and starred sets, where a mark still
 * waiting in the outbox wins.  The HTTP is fetch_sync.c's, the SQL
 * store_sync.c's; nothing here prints, and the password lives only in
 * memory that is wiped after the login.
 */
#include "sync.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "config.h"
#include "parse.h"
#include "store.h"
#include "store_sync.h"
#include "util.h"

#define SYNC_READ "user/-/state/com.google/read"
#define SYNC_STARRED "user/-/state/com.google/starred"
#define SYNC_READING_LIST "user/-/state/com.google/reading-list"
#define SYNC_TAIL_READ "/state/com.google/read"
#define SYNC_TAIL_STARRED "/state/com.google/starred"
#define SYNC_ITEM_TAG "tag:google.com,2005:reader/item/"
/* Items per page of the reading list and of an id set; ids per edit-tag. */
#define SYNC_PAGE 1000
#define SYNC_IDS_PAGE 10000
#define SYNC_EDIT_BATCH 250
/* The longest password taken from a file or a command. */
#define SYNC_PW_MAX 4096

int
sync_configured(const struct config *cfg)
{
	return cfg->sync_server != NULL && cfg->sync_server[0] != '\0';
}

/* ---- the password --------------------------------------------------- */

void
sync_password_free(char *pw)
{
	if (pw == NULL)
		return;
	explicit_bzero(pw, strlen(pw));
	free(pw);
}

/* The first line of n bytes at p, as a new string. */
static char *
sync_first_line(const char *p, size_t n)
{
	size_t len;

	for (len = 0; len < n && p[len] != '\n' && p[len] != '\r'; len++)
		;
	return xstrndup(p, len);
}

static int
sync_password_file(const char *file, char **pw, char **cause)
{
	struct stat sb;
	char buf[SYNC_PW_MAX], *path, *safe;
	const char *home;
	ssize_t n;
	int fd, rc = -1;

	home = getenv("HOME");
	if (strncmp(file, "~/", 2) == 0 && home != NULL)
		path = xasprintf("%s/%s", home, file + 2);
	else
		path = xstrdup(file);
	safe = util_safe(path, strlen(path), 0);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		util_fail(cause, "[sync] password-file %s: %s", safe,
		    strerror(errno));
	else if (fstat(fd, &sb) != 0)
		util_fail(cause, "[sync] password-file %s: %s", safe,
		    strerror(errno));
	else if ((sb.st_mode & (S_IRGRP | S_IROTH)) != 0)
		util_fail(cause,
		    "[sync] password-file %s: others can read it; refused "
		    "(chmod 600 it)",
		    safe);
	else if ((n = read(fd, buf, sizeof buf)) < 0)
		util_fail(cause, "[sync] password-file %s: %s", safe,
		    strerror(errno));
	else {
		*pw = sync_first_line(buf, (size_t)n);
		explicit_bzero(buf, sizeof buf);
		rc = 0;
		if ((*pw)[0] == '\0') {
			free(*pw);
			*pw = NULL;
			rc = util_fail(
			    cause, "[sync] password-file %s: empty", safe);
		}
	}
	if (fd != -1)
		close(fd);
	free(safe);
	free(path);
	return rc;
}

/* argv for a password-command: words, or sh -c and the rest as it is. */
static char **
sync_command_argv(const char *cmd)
{
	char **argv, *copy, *w, *next;
	size_t n = 0, len;

	argv = xcalloc(strlen(cmd) / 2 + 4, sizeof *argv);
	while (util_isspace((unsigned char)*cmd))
		cmd++;
	if (strncmp(cmd, "sh -c ", 6) == 0) {
		argv[0] = xstrdup("sh");
		argv[1] = xstrdup("-c");
		/* sh -c 'script': the script, out of its quotes */
		cmd += 6;
		while (util_isspace((unsigned char)*cmd))
			cmd++;
		len = strlen(cmd);
		while (len > 0 && util_isspace((unsigned char)cmd[len - 1]))
			len--;
		if (len >= 2 && (cmd[0] == '\'' || cmd[0] == '"') &&
		    cmd[len - 1] == cmd[0])
			argv[2] = xstrndup(cmd + 1, len - 2);
		else
			argv[2] = xstrndup(cmd, len);
		return argv;
	}
	copy = xstrdup(cmd);
	for (w = copy; *w != '\0'; w = next) {
		while (util_isspace((unsigned char)*w))
			w++;
		if (*w == '\0')
			break;
		next = w;
		while (*next != '\0' && !util_isspace((unsigned char)*next))
			next++;
		if (*next != '\0')
			*next++ = '\0';
		argv[n++] = xstrdup(w);
	}
	free(copy);
	return argv;
}

static int
sync_password_command(const char *cmd, char **pw, char **cause)
{
	char buf[SYNC_PW_MAX], **argv;
	size_t len = 0, i;
	ssize_t n;
	pid_t pid;
	int fds[2], status = 0, rc = -1;

	argv = sync_command_argv(cmd);
	if (argv[0] == NULL)
		util_fail(cause, "[sync] password-command is empty");
	else if (pipe(fds) != 0)
		util_fail(
		    cause, "[sync] password-command: %s", strerror(errno));
	else if ((pid = fork()) == -1) {
		util_fail(
		    cause, "[sync] password-command: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
	} else if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], argv);
		_exit(127);
	} else {
		close(fds[1]);
		while (len < sizeof buf &&
		    ((n = read(fds[0], buf + len, sizeof buf - len)) > 0 ||
			(n < 0 && errno == EINTR)))
			len += n > 0 ? (size_t)n : 0;
		close(fds[0]);
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		/* The command is not shown: it may hold a secret. */
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			util_fail(cause,
			    "[sync] password-command failed (exit status %d)",
			    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		else if (len == 0 || buf[0] == '\n')
			util_fail(
			    cause, "[sync] password-command printed nothing");
		else {
			*pw = sync_first_line(buf, len);
			rc = 0;
		}
		explicit_bzero(buf, sizeof buf);
	}
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
	return rc;
}

int
sync_password(const struct config *cfg, char **pw, char **cause)
{
	*pw = NULL;
	if (cfg->sync_password_file[0] != '\0')
		return sync_password_file(cfg->sync_password_file, pw, cause);
	if (cfg->sync_password_command[0] != '\0')
		return sync_password_command(
		    cfg->sync_password_command, pw, cause);
	return util_fail(cause,
	    "[sync] has a server but no password-file or password-command");
}

/* ---- item ids ------------------------------------------------------- */

/*
 * An item id in either form servers write it: decimal ("1234", as
 * stream/items/ids gives it) or tag:google.com,2005:reader/item/ and 16
 * hex digits (as stream/contents does).  0 with *id, or -1.
 */
static int
sync_item_id(const char *s, int64_t *id)
{
	unsigned long long v;
	char *end;
	const char *p;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	if (strncmp(s, SYNC_ITEM_TAG, strlen(SYNC_ITEM_TAG)) == 0) {
		p = s + strlen(SYNC_ITEM_TAG);
		v = strtoull(p, &end, 16);
	} else if (*s == '-') {
		long long sv = strtoll(s, &end, 10);

		v = (unsigned long long)sv;
	} else
		v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s)
		return -1;
	*id = (int64_t)v;
	return 0;
}

/* A JSON member that is a string or a number, as an item id. */
static int
sync_json_item(json_t *v, int64_t *id)
{
	if (json_is_integer(v)) {
		*id = (int64_t)json_integer_value(v);
		return 0;
	}
	return sync_item_id(json_string_value(v), id);
}

/* ---- a sync --------------------------------------------------------- */

struct sync {
	const struct config *cfg;
	struct store *st;
	struct greader *g;
	struct sync_stats *stats;
	char **cause;
	int64_t newest_usec; /* the newest crawl time of an item seen */
};

static int
sync_local(int rc)
{
	return rc != 0 ? SYNC_ERR_LOCAL : 0;
}

/* Send the ids of rows [from, to) of one kind in one edit-tag. */
static int
sync_send_edit(
    struct sync *s, const struct store_sync_mark *m, size_t from, size_t to)
{
	static const char *const how[] = { "a=" SYNC_READ, "r=" SYNC_READ,
		"a=" SYNC_STARRED, "r=" SYNC_STARRED };
	struct buf form;
	char *e;
	size_t i;
	int rc;

	buf_init(&form, 0);
	e = greader_escape(how[m[from].what] + 2);
	buf_printf(&form, "%.2s%s", how[m[from].what], e);
	free(e);
	for (i = from; i < to; i++)
		buf_printf(&form, "&i=" SYNC_ITEM_TAG "%016" PRIx64,
		    (uint64_t)m[i].item);
	rc = greader_post(
	    s->g, "reader/api/0/edit-tag", form.data, NULL, s->cause);
	buf_free(&form);
	return rc;
}

static int
sync_send_all(struct sync *s, const struct store_sync_mark *m)
{
	char *form, *e;
	int rc;

	e = greader_escape(m->stream);
	form = xasprintf("s=%s&ts=%" PRId64, e, m->ts);
	free(e);
	rc = greader_post(
	    s->g, "reader/api/0/mark-all-as-read", form, NULL, s->cause);
	free(form);
	return rc;
}

/* The outbox, in order, a run of one kind at a time. */
static int
sync_flush(struct sync *s)
{
	struct store_sync_mark *m;
	int64_t *seq;
	size_t n, i, j, k;
	int rc = 0;

	if (store_sync_outbox(s->st, &m, &n, s->cause) != 0)
		return SYNC_ERR_LOCAL;
	seq = xcalloc(n + 1, sizeof *seq);
	for (i = 0; i < n && rc == 0; i = j) {
		j = i + 1;
		if (m[i].what == STORE_SYNC_MARK_ALL)
			rc = sync_send_all(s, &m[i]);
		else {
			while (j < n && j - i < SYNC_EDIT_BATCH &&
			    m[j].what == m[i].what)
				j++;
			rc = sync_send_edit(s, m, i, j);
		}
		if (rc != 0)
			break;
		for (k = i; k < j; k++)
			seq[k - i] = m[k].seq;
		if (store_sync_outbox_done(s->st, seq, j - i, s->cause) != 0)
			rc = SYNC_ERR_LOCAL;
		else
			s->stats->marks_sent += (long)(j - i);
	}
	free(seq);
	store_sync_marks_free(m, n);
	return rc;
}

/* The first folder of a subscription, or NULL. */
static const char *
sync_folder(json_t *sub)
{
	json_t *cats, *c;

	cats = json_object_get(sub, "categories");
	c = json_is_array(cats) ? json_array_get(cats, 0) : NULL;
	return c != NULL ? json_string_value(json_object_get(c, "label"))
			 : NULL;
}

/* subscription/list into feeds; those the server dropped go. */
static int
sync_subscriptions(struct sync *s)
{
	json_t *root, *subs, *sub;
	char **streams;
	const char *id, *url;
	size_t i, n = 0;
	int64_t feed;
	int rc, removed;

	rc = greader_get(s->g, "reader/api/0/subscription/list?output=json",
	    &root, s->cause);
	if (rc != 0)
		return rc;
	subs = json_object_get(root, "subscriptions");
	streams = xcalloc(json_array_size(subs) + 1, sizeof *streams);
	rc = store_begin(s->st, s->cause) != 0 ? SYNC_ERR_LOCAL : 0;
	json_array_foreach(subs, i, sub)
	{
		id = json_string_value(json_object_get(sub, "id"));
		url = json_string_value(json_object_get(sub, "url"));
		if (rc != 0 || id == NULL || url == NULL)
			continue;
		streams[n++] = xstrdup(id);
		rc = sync_local(store_sync_feed(s->st, id, url,
		    json_string_value(json_object_get(sub, "title")),
		    sync_folder(sub), &feed, s->cause));
	}
	if (rc == 0)
		rc = sync_local(store_commit(s->st, s->cause));
	else if (rc == SYNC_ERR_LOCAL)
		store_rollback(s->st);
	s->stats->feeds = (long)n;
	if (rc == 0 && json_is_array(subs))
		rc = sync_local(store_sync_feeds_gone(
		    s->st, streams, n, &removed, s->cause));
	for (i = 0; i < n; i++)
		free(streams[i]);
	free(streams);
	json_decref(root);
	return rc;
}

/* One item of the reading list, as far as a parsed entry goes. */
struct sync_item {
	int64_t feed;
	int64_t item;
	int read, starred;
	struct parsed_entry e;
};

static int64_t
sync_json_time(json_t *v)
{
	const char *str;
	long long t;

	if (json_is_integer(v))
		return (int64_t)json_integer_value(v);
	str = json_string_value(v);
	if (str != NULL && util_parse_ll(str, &t) == 0)
		return (int64_t)t;
	return PARSE_NO_DATE;
}

/* The href of the first element of an array of links. */
static const char *
sync_json_href(json_t *links)
{
	return json_string_value(
	    json_object_get(json_array_get(links, 0), "href"));
}

static char *
sync_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Text from the server, as a feed's: no control characters, trimmed. */
static char *
sync_clean(const char *s)
{
	return s != NULL ? util_clean_text(s, strlen(s)) : NULL;
}

/* Is "planet" a word of the feed's title (as parse.c decides)? */
static int
sync_is_planet(const char *t)
{
	const char *p;

	for (p = t; p != NULL && *p != '\0'; p++)
		if (util_strncaseeq(p, "planet", 6) &&
		    (p == t || !isalnum((unsigned char)p[-1])) &&
		    !isalnum((unsigned char)p[6]))
			return 1;
	return 0;
}

/*
 * The source, as parsing the feed gives it: a Planet's "Author: Title"
 * split, else the feed's title.
 */
static void
sync_source(struct parsed_entry *e, const char *feed_title)
{
	char *colon, *t;

	if (sync_is_planet(feed_title) && e->title != NULL &&
	    (colon = strstr(e->title, ": ")) != NULL && colon != e->title) {
		t = xstrndup(e->title, (size_t)(colon - e->title));
		e->source = sync_clean(t);
		free(t);
		t = sync_clean(colon + 2);
		free(e->title);
		e->title = t;
	} else
		e->source = sync_clean(feed_title);
}

/* An item of stream/contents; -1 when it is not usable. */
static int
sync_item_parse(struct sync *s, json_t *it, struct sync_item *out)
{
	json_t *cats, *c, *body;
	const char *v, *link;
	size_t i, n;
	int64_t t;

	memset(out, 0, sizeof *out);
	if (sync_json_item(json_object_get(it, "id"), &out->item) != 0)
		return -1;
	v = json_string_value(
	    json_object_get(json_object_get(it, "origin"), "streamId"));
	if (v == NULL || store_sync_feed_by_stream(s->st, v, &out->feed) != 0)
		return -1;
	cats = json_object_get(it, "categories");
	json_array_foreach(cats, i, c)
	{
		v = json_string_value(c);
		/* user/-/state/... or, from some servers, user/ID/state/... */
		n = v != NULL ? strlen(v) : 0;
		if (n >= sizeof SYNC_TAIL_READ - 1 &&
		    strcmp(v + n - (sizeof SYNC_TAIL_READ - 1),
			SYNC_TAIL_READ) == 0)
			out->read = 1;
		if (n >= sizeof SYNC_TAIL_STARRED - 1 &&
		    strcmp(v + n - (sizeof SYNC_TAIL_STARRED - 1),
			SYNC_TAIL_STARRED) == 0)
			out->starred = 1;
	}
	out->e.id = xasprintf(SYNC_ITEM_TAG "%016" PRIx64, (uint64_t)out->item);
	out->e.title =
	    sync_clean(json_string_value(json_object_get(it, "title")));
	sync_source(&out->e,
	    json_string_value(
		json_object_get(json_object_get(it, "origin"), "title")));
	link = sync_json_href(json_object_get(it, "canonical"));
	if (link == NULL)
		link = sync_json_href(json_object_get(it, "alternate"));
	out->e.link = sync_dup(link);
	out->e.author =
	    sync_clean(json_string_value(json_object_get(it, "author")));
	t = sync_json_time(json_object_get(it, "timestampUsec"));
	if (t != PARSE_NO_DATE && t > s->newest_usec)
		s->newest_usec = t;
	out->e.published = sync_json_time(json_object_get(it, "published"));
	out->e.updated = sync_json_time(json_object_get(it, "updated"));
	body = json_object_get(it, "content");
	if (body == NULL)
		body = json_object_get(it, "summary");
	out->e.content =
	    sync_dup(json_string_value(json_object_get(body, "content")));
	out->e.content_html = 1;
	out->e.summary_html = 1;
	return 0;
}

static void
sync_item_clear(struct sync_item *it)
{
	free(it->e.id);
	free(it->e.title);
	free(it->e.link);
	free(it->e.author);
	free(it->e.source);
	free(it->e.content);
}

/* Store a page of items, feed by feed, in one transaction. */
static int
sync_store_page(
    struct sync *s, struct sync_item *items, size_t n, const char *pull)
{
	struct parsed_feed pf;
	int64_t *ids;
	int *read, *starred, nnew;
	size_t i, j, k;
	int64_t now = (int64_t)time(NULL);
	int rc = 0;

	memset(&pf, 0, sizeof pf);
	pf.ttl = -1;
	pf.entries = xcalloc(n + 1, sizeof *pf.entries);
	ids = xcalloc(n + 1, sizeof *ids);
	read = xcalloc(n + 1, sizeof *read);
	starred = xcalloc(n + 1, sizeof *starred);
	if (store_begin(s->st, s->cause) != 0) {
		rc = -1;
		goto out;
	}
	for (i = 0; i < n && rc == 0; i++) {
		if (items[i].feed == 0)
			continue;
		/* Every item of this feed, i's and the later ones. */
		for (k = 0, j = i; j < n; j++) {
			if (items[j].feed != items[i].feed)
				continue;
			pf.entries[k] = items[j].e;
			ids[k] = items[j].item;
			read[k] = items[j].read;
			starred[k++] = items[j].starred;
			if (j > i)
				items[j].feed = 0;
		}
		pf.nentries = k;
		rc = store_sync_entries(s->st, items[i].feed, &pf, ids, read,
		    starred, now, &nnew, s->cause);
		s->stats->new_entries += nnew;
	}
	if (rc == 0)
		rc = store_meta_set(s->st, "sync-pull", pull, s->cause);
	if (rc == 0)
		rc = store_commit(s->st, s->cause);
	if (rc != 0)
		store_rollback(s->st);
out:
	free(pf.entries);
	free(ids);
	free(read);
	free(starred);
	return rc != 0 ? SYNC_ERR_LOCAL : 0;
}

/* One page of the reading list; *more gets its continuation or NULL. */
static int
sync_pull_page(
    struct sync *s, int64_t ot, int64_t *start, const char *cont, char **more)
{
	struct sync_item *items;
	json_t *root, *arr, *it, *c;
	char *path, *e = NULL, *pull;
	size_t i, n = 0;
	int rc;

	*more = NULL;
	if (cont != NULL)
		e = greader_escape(cont);
	path = xasprintf("reader/api/0/stream/contents/" SYNC_READING_LIST
			 "?output=json&n=%d&ot=%" PRId64 "%s%s",
	    SYNC_PAGE, ot, e != NULL ? "&c=" : "", e != NULL ? e : "");
	free(e);
	rc = greader_get(s->g, path, &root, s->cause);
	free(path);
	if (rc != 0)
		return rc;
	/* The server's clock, when the first page was made: the next pull
	 * starts there (a client's clock may be off). */
	c = json_object_get(root, "updated");
	if (*start == 0)
		*start = json_is_integer(c) && json_integer_value(c) > 60
		    ? (int64_t)json_integer_value(c) - 1
		    : (int64_t)time(NULL) - 60;
	arr = json_object_get(root, "items");
	items = xcalloc(json_array_size(arr) + 1, sizeof *items);
	json_array_foreach(arr, i, it)
	{
		if (sync_item_parse(s, it, &items[n]) == 0)
			n++;
		else
			sync_item_clear(&items[n]);
	}
	c = json_object_get(root, "continuation");
	if (json_is_string(c) && json_string_length(c) > 0 &&
	    json_array_size(arr) > 0)
		*more = xstrdup(json_string_value(c));
	else if (json_is_integer(c) && json_array_size(arr) > 0)
		*more =
		    xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(c));
	/* Where to go on from if this sync is cut short. */
	pull = xasprintf("%" PRId64 " %" PRId64 " %s", ot, *start,
	    *more != NULL ? *more : "");
	rc = sync_store_page(s, items, n, pull);
	free(pull);
	for (i = 0; i < n; i++)
		sync_item_clear(&items[i]);
	free(items);
	json_decref(root);
	if (rc != 0) {
		free(*more);
		*more = NULL;
	}
	return rc;
}

static int64_t
sync_meta_int(struct store *st, const char *key)
{
	char *v = NULL;
	long long n = 0;

	if (store_meta_get(st, key, &v, NULL) == 0 && v != NULL)
		util_parse_ll(v, &n);
	free(v);
	return (int64_t)n;
}

static int
sync_meta_set_int(struct store *st, const char *key, int64_t v, char **cause)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	return store_meta_set(st, key, buf, cause);
}

/*
 * The reading list since the last pull (ot: the server's time then),
 * page by page; a pull cut short goes on from its
 * continuation.  The next pull starts where this one started.
 */
static int
sync_pull(struct sync *s)
{
	char *pull = NULL, *cont = NULL, *more = NULL, *sp;
	long long ot, start;
	int64_t st, ts;
	int rc = 0;

	ot = sync_meta_int(s->st, "sync-ot");
	start = 0;
	if (store_meta_get(s->st, "sync-pull", &pull, s->cause) != 0)
		return SYNC_ERR_LOCAL;
	/* "OT START CONTINUATION" of a pull that was cut short. */
	if (pull != NULL && sscanf(pull, "%lld %lld", &ot, &start) == 2 &&
	    (sp = strchr(pull, ' ')) != NULL &&
	    (sp = strchr(sp + 1, ' ')) != NULL && sp[1] != '\0')
		cont = xstrdup(sp + 1);
	free(pull);
	st = (int64_t)start;
	for (;;) {
		rc = sync_pull_page(s, (int64_t)ot, &st, cont, &more);
		free(cont);
		cont = more;
		if (rc != 0 || cont == NULL)
			break;
	}
	free(cont);
	if (rc != 0)
		return rc;
	/* mark-all-as-read's ts: the newest item seen, else the server's
	 * clock when the pull began (microseconds). */
	ts = sync_meta_int(s->st, "sync-ts");
	if (s->newest_usec > ts)
		ts = s->newest_usec;
	else if (ts == 0)
		ts = st * 1000000;
	if (sync_meta_set_int(s->st, "sync-ot", st, s->cause) != 0 ||
	    sync_meta_set_int(s->st, "sync-ts", ts, s->cause) != 0 ||
	    store_meta_set(s->st, "sync-pull", NULL, s->cause) != 0)
		return SYNC_ERR_LOCAL;
	return 0;
}

/* The server's set of ids of stream s minus xt (may be NULL). */
static int
sync_ids(struct sync *s, const char *stream, const char *xt, int64_t **out,
    size_t *n)
{
	json_t *root, *refs, *r, *c;
	char *path, *es, *ex, *ec = NULL, *cont = NULL;
	size_t i, alloc = 0;
	int64_t id;
	int rc;

	*out = NULL;
	*n = 0;
	es = greader_escape(stream);
	ex = xt != NULL ? greader_escape(xt) : NULL;
	do {
		path =
		    xasprintf("reader/api/0/stream/items/ids?output=json&s=%s"
			      "&n=%d%s%s%s%s",
			es, SYNC_IDS_PAGE, ex != NULL ? "&xt=" : "",
			ex != NULL ? ex : "", ec != NULL ? "&c=" : "",
			ec != NULL ? ec : "");
		free(ec);
		ec = NULL;
		rc = greader_get(s->g, path, &root, s->cause);
		free(path);
		if (rc != 0)
			break;
		refs = json_object_get(root, "itemRefs");
		json_array_foreach(refs, i, r)
		{
			if (sync_json_item(json_object_get(r, "id"), &id) != 0)
				continue;
			if (*n == alloc) {
				alloc = alloc == 0 ? 1024 : alloc * 2;
				*out = xreallocarray(*out, alloc, sizeof **out);
			}
			(*out)[(*n)++] = id;
		}
		c = json_object_get(root, "continuation");
		free(cont);
		cont = json_is_string(c) && json_array_size(refs) > 0
		    ? xstrdup(json_string_value(c))
		    : NULL;
		if (cont != NULL)
			ec = greader_escape(cont);
		json_decref(root);
	} while (cont != NULL && cont[0] != '\0');
	free(cont);
	free(ec);
	free(es);
	free(ex);
	if (rc != 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static int
sync_reconcile(struct sync *s)
{
	int64_t *ids, changed;
	size_t n;
	int rc, what;

	for (what = 0; what < 2; what++) {
		rc = what == 0
		    ? sync_ids(s, SYNC_READING_LIST, SYNC_READ, &ids, &n)
		    : sync_ids(s, SYNC_STARRED, NULL, &ids, &n);
		if (rc != 0)
			return rc;
		rc = store_sync_reconcile(
		    s->st, what, ids, n, &changed, s->cause);
		free(ids);
		if (rc != 0)
			return SYNC_ERR_LOCAL;
		s->stats->changed += (long)changed;
	}
	return 0;
}

/* Log in: the password is read now and wiped at once. */
static int
sync_login(struct sync *s)
{
	char *pw = NULL;

	if (sync_password(s->cfg, &pw, s->cause) != 0)
		return SYNC_ERR_LOCAL;
	s->g = greader_new(s->cfg, pw, s->cause);
	sync_password_free(pw);
	return s->g != NULL ? 0 : SYNC_ERR_SERVER;
}

int
sync_run(const struct config *cfg, struct store *st, struct sync_stats *stats,
    char **cause)
{
	struct sync s;
	int rc;

	memset(stats, 0, sizeof *stats);
	memset(&s, 0, sizeof s);
	s.cfg = cfg;
	s.st = st;
	s.stats = stats;
	s.cause = cause;
	/* From now on marks wait in the outbox, whatever happens next. */
	if (store_sync_enable(st, cfg->sync_server, cause) != 0)
		return SYNC_ERR_LOCAL;
	rc = sync_login(&s);
	if (rc == 0)
		rc = sync_flush(&s);
	if (rc == 0)
		rc = sync_subscriptions(&s);
	if (rc == 0)
		rc = sync_pull(&s);
	if (rc == 0)
		rc = sync_reconcile(&s);
	if (rc == 0)
		rc = sync_local(sync_meta_set_int(
		    st, "sync-last", (int64_t)time(NULL), cause));
	if (s.g != NULL)
		stats->requests = greader_requests(s.g);
	greader_free(s.g);
	return rc;
}

/* ---- subscriptions -------------------------------------------------- */

/* subscription/edit ac=subscribe for one feed. */
static int
sync_subscribe_one(
    struct sync *s, const char *url, const char *title, const char *category)
{
	struct buf form;
	char *e;
	int rc;

	buf_init(&form, 0);
	e = greader_escape(url);
	buf_printf(&form, "ac=subscribe&s=feed%%2F%s", e);
	free(e);
	if (title != NULL) {
		e = greader_escape(title);
		buf_printf(&form, "&t=%s", e);
		free(e);
	}
	if (category != NULL) {
		e = greader_escape(category);
		buf_printf(&form, "&a=user%%2F-%%2Flabel%%2F%s", e);
		free(e);
	}
	rc = greader_post(
	    s->g, "reader/api/0/subscription/edit", form.data, NULL, s->cause);
	buf_free(&form);
	return rc;
}

int
sync_subscribe(const struct config *cfg, struct store *st, size_t n,
    const char *const *urls, const char *const *titles,
    const char *const *categories, int64_t *ids, char **cause)
{
	struct sync_stats stats;
	struct store_feed f;
	struct sync s;
	size_t i;
	int rc;

	memset(&stats, 0, sizeof stats);
	memset(&s, 0, sizeof s);
	s.cfg = cfg;
	s.st = st;
	s.stats = &stats;
	s.cause = cause;
	if (store_sync_enable(st, cfg->sync_server, cause) != 0)
		return SYNC_ERR_LOCAL;
	rc = sync_login(&s);
	for (i = 0; i < n && rc == 0; i++)
		rc = sync_subscribe_one(&s, urls[i],
		    titles != NULL ? titles[i] : NULL,
		    categories != NULL ? categories[i] : NULL);
	/* The feeds as the server has them now (a URL it changed too). */
	if (rc == 0)
		rc = sync_subscriptions(&s);
	greader_free(s.g);
	for (i = 0; i < n && ids != NULL; i++) {
		ids[i] = 0;
		if (rc == 0 && store_feed_find(st, urls[i], &f, NULL) == 0) {
			ids[i] = f.id;
			store_feed_clear(&f);
		}
	}
	return rc;
}

int
sync_unsubscribe(
    const struct config *cfg, struct store *st, int64_t feed, char **cause)
{
	struct sync_stats stats;
	struct sync s;
	char *stream, *e, *form;
	int rc;

	stream = store_sync_feed_stream(st, feed);
	if (stream == NULL)
		return sync_local(store_feed_remove(st, feed, cause));
	memset(&stats, 0, sizeof stats);
	memset(&s, 0, sizeof s);
	s.cfg = cfg;
	s.st = st;
	s.stats = &stats;
	s.cause = cause;
	rc = sync_login(&s);
	if (rc == 0) {
		e = greader_escape(stream);
		form = xasprintf("ac=unsubscribe&s=%s", e);
		free(e);
		rc = greader_post(
		    s.g, "reader/api/0/subscription/edit", form, NULL, cause);
		free(form);
	}
	greader_free(s.g);
	free(stream);
	if (rc == 0)
		rc = sync_local(store_feed_remove(st, feed, cause));
	return rc;
}
