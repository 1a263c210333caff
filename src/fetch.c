/*
 * fetch: the fetcher thread and everything HTTP.  Owns the curl multi
 * handle, the queue of feeds to fetch, per-host and global connection caps,
 * conditional requests, redirects (followed by hand, so that only a chain
 * of permanent ones moves a subscription), caching headers and the body
 * cap.  Worker threads (one per processor, at most four) parse each body
 * and write it through the fetcher's own store connection, so that the
 * network never waits for the CPU: one transaction per feed, or one for
 * the feeds that were parsed while another batch was being stored (group
 * commit, see fetch_record).
 *
 * The only file that includes curl.  It never touches curses and never
 * prints: everything it has to say goes out as chan events.
 */
#include "fetch.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <curl/curl.h>

#include "buf.h"
#include "chan.h"
#include "config.h"
#include "date.h"
#include "parse.h"
#include "store.h"
#include "util.h"

#define FETCH_MAX_HOPS 5
/* Caching headers may push the next fetch out this far at most. */
#define FETCH_MAX_DELAY (24 * 3600)
/* Feeds stored in one transaction at most, so that a long queue is
 * committed, and reported, in pieces. */
#define FETCH_BATCH_MAX 64

struct transfer {
	struct fetch *f;
	CURL *easy;
	struct curl_slist *headers;
	int64_t feed;
	char *url;		    /* the URL being requested now */
	char *start;		    /* the subscription's URL */
	char *host;		    /* the key for the per-host cap */
	char *etag, *last_modified; /* validators we sent */
	int hops;
	int permanent; /* every redirect so far was 301/308 */
	struct buf body;
	int over_cap;
	/* from the response headers */
	char *r_etag, *r_last_modified, *r_charset, *r_location;
	long max_age, retry_after;
	int64_t expires;
	char errbuf[CURL_ERROR_SIZE];
	/* the outcome, for the worker that records it */
	long status;
	char *error;
	int not_modified, disable;
	struct transfer *next;
};

/* A finished transfer, parsed, on its way into the store. */
struct fetch_rec {
	struct transfer *t;
	struct store_fetch r; /* points into t, pf and perr */
	struct parsed_feed *pf;
	char *perr;	   /* why the body did not parse */
	char *cause;	   /* why the store refused it */
	const char *error; /* what is reported: t->error, perr or cause */
	int64_t now;
	int nnew, nupd;
	struct fetch_rec *next;
};

struct host_count {
	char *host;
	int active;
};

struct fetch {
	const struct config *cfg;
	const char *store_path;
	struct chan *chan;
	pthread_t thread;
	CURLM *multi;
	struct store *store;
	char *error; /* start-up failure, reported to fetch_start */
	int started;
	pthread_mutex_t start_lock;
	pthread_cond_t start_cond;

	struct transfer *pending; /* FIFO */
	struct transfer *pending_tail;
	struct transfer *active;
	int nactive;
	struct host_count *hosts;
	size_t nhosts;

	/* the sockets curl has open, for fetch_quickack */
	curl_socket_t *socks;
	size_t nsocks, socks_size;

	/*
	 * Workers parse finished transfers and store them, so that the
	 * network never waits for the CPU.  lock guards the job queue,
	 * the ready queue and storing, the batch counters and quit;
	 * store_lock the store connection, which the workers and this
	 * thread share (and so a worker's transaction, from store_begin to
	 * the commit).  Lock order: store_lock before lock.
	 */
	pthread_t *workers;
	int nworkers;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_mutex_t store_lock;
	struct transfer *jobs; /* FIFO */
	struct transfer *jobs_tail;
	int njobs; /* queued, being worked on or ready */
	/* parsed, to be stored (FIFO): see fetch_record */
	struct fetch_rec *ready;
	struct fetch_rec **ready_tail;
	int storing; /* a worker is storing the ready queue */
	int quit;

	/* the batch in progress */
	int batch;
	long batch_feeds, batch_done, batch_failed, batch_new;
	int stop;
};

int
fetch_global_init(char **cause)
{
	CURLcode rc;

	rc = curl_global_init(CURL_GLOBAL_DEFAULT);
	if (rc != CURLE_OK)
		return util_fail(cause, "libcurl: %s", curl_easy_strerror(rc));
	return 0;
}

void
fetch_global_cleanup(void)
{
	curl_global_cleanup();
}

static int64_t
fetch_now(void)
{
	return (int64_t)time(NULL);
}

/* ---- per-host accounting ------------------------------------------- */

static struct host_count *
fetch_host(struct fetch *f, const char *host)
{
	size_t i;

	for (i = 0; i < f->nhosts; i++)
		if (strcmp(f->hosts[i].host, host) == 0)
			return &f->hosts[i];
	f->hosts = xreallocarray(f->hosts, f->nhosts + 1, sizeof *f->hosts);
	f->hosts[f->nhosts].host = xstrdup(host);
	f->hosts[f->nhosts].active = 0;
	return &f->hosts[f->nhosts++];
}

/* The host of a URL, lower-cased; "" for file URLs and garbage. */
static char *
fetch_url_host(const char *url)
{
	CURLU *u;
	char *host = NULL, *out, *p;

	u = curl_url();
	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		out = xstrdup(host);
		curl_free(host);
	} else
		out = xstrdup("");
	curl_url_cleanup(u);
	for (p = out; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

static int
fetch_scheme_ok(const char *url, int allow_file)
{
	return util_strncaseeq(url, "http://", 7) ||
	    util_strncaseeq(url, "https://", 8) ||
	    (allow_file && util_strncaseeq(url, "file://", 7));
}

/* ---- response headers ---------------------------------------------- */

static char *
fetch_trimmed(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static void
fetch_reset_headers(struct transfer *t)
{
	free(t->r_etag);
	free(t->r_last_modified);
	free(t->r_charset);
	free(t->r_location);
	t->r_etag = t->r_last_modified = t->r_charset = t->r_location = NULL;
	t->max_age = t->retry_after = -1;
	t->expires = PARSE_NO_DATE;
}

/* Cache-Control: max-age=N (no-cache/no-store mean 0). */
static long
fetch_max_age(const char *v)
{
	const char *p;
	long long n;
	char *num;
	size_t len;

	for (p = v; *p != '\0'; p++) {
		if (util_strncaseeq(p, "no-cache", 8) ||
		    util_strncaseeq(p, "no-store", 8))
			return 0;
		if (util_strncaseeq(p, "max-age=", 8)) {
			p += 8;
			len = strspn(p, "0123456789");
			num = xstrndup(p, len);
			if (util_parse_ll(num, &n) != 0 || n < 0)
				n = -1;
			free(num);
			return n > FETCH_MAX_DELAY ? FETCH_MAX_DELAY : (long)n;
		}
	}
	return -1;
}

/*
 * Track the sockets curl opens, so that fetch_quickack can reach them
 * (curl does not say which connection a transfer is using while it runs).
 */
static curl_socket_t
fetch_open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct fetch *f = arg;
	curl_socket_t fd;

	(void)purpose;
	fd = socket(a->family, a->socktype, a->protocol);
	if (fd == CURL_SOCKET_BAD)
		return fd;
	if (f->nsocks == f->socks_size) {
		f->socks_size = f->socks_size == 0 ? 16 : f->socks_size * 2;
		f->socks =
		    xreallocarray(f->socks, f->socks_size, sizeof *f->socks);
	}
	f->socks[f->nsocks++] = fd;
	return fd;
}

static int
fetch_close_socket(void *arg, curl_socket_t fd)
{
	struct fetch *f = arg;
	size_t i;

	for (i = 0; i < f->nsocks; i++) {
		if (f->socks[i] == fd) {
			f->socks[i] = f->socks[--f->nsocks];
			break;
		}
	}
	return close(fd);
}

/*
 * A response's headers are in: acknowledge what has arrived now.  A
 * server that writes headers and body separately with Nagle's algorithm
 * on holds the body until the headers are acknowledged, and on a reused
 * connection the kernel delays that acknowledgement (40 ms on Linux) --
 * once per response.  TCP_QUICKACK sends a pending ACK at once; curl does
 * not say which socket a transfer uses, so every open one is asked (a
 * handful of system calls, and harmless where nothing is pending).
 */
static void
fetch_quickack(struct fetch *f)
{
#if defined(TCP_QUICKACK)
	int one = 1;
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nsocks; i++)
		(void)setsockopt(
		    f->socks[i], IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#else
	(void)f;
#endif
}

static size_t
fetch_header_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct transfer *t = arg;
	size_t n = size * nmemb;
	const char *colon, *v, *cs;
	char *value;
	size_t name_len;
	long long secs;
	int64_t when;

	/* A new status line (after 100 Continue, say): start over. */
	if (n > 5 && strncmp(data, "HTTP/", 5) == 0) {
		fetch_reset_headers(t);
		return n;
	}
	if ((n == 2 && data[0] == '\r') || (n == 1 && data[0] == '\n')) {
		fetch_quickack(t->f);
		return n;
	}
	colon = memchr(data, ':', n);
	if (colon == NULL)
		return n;
	name_len = (size_t)(colon - data);
	value = fetch_trimmed(colon + 1, n - name_len - 1);
#define IS(h) (name_len == strlen(h) && util_strncaseeq(data, h, name_len))
	if (IS("etag")) {
		free(t->r_etag);
		t->r_etag = value;
		value = NULL;
	} else if (IS("last-modified")) {
		free(t->r_last_modified);
		t->r_last_modified = value;
		value = NULL;
	} else if (IS("location")) {
		free(t->r_location);
		t->r_location = value;
		value = NULL;
	} else if (IS("cache-control"))
		t->max_age = fetch_max_age(value);
	else if (IS("expires")) {
		t->expires = date_parse(value, &when) == 0 ? when : 0;
	} else if (IS("retry-after")) {
		if (util_parse_ll(value, &secs) == 0 && secs >= 0)
			t->retry_after = secs > FETCH_MAX_DELAY
			    ? FETCH_MAX_DELAY
			    : (long)secs;
		else if (date_parse(value, &when) == 0)
			t->retry_after = when <= fetch_now() ? 0
			    : when - fetch_now() > FETCH_MAX_DELAY
			    ? FETCH_MAX_DELAY
			    : (long)(when - fetch_now());
	} else if (IS("content-type")) {
		for (v = value; (cs = strchr(v, ';')) != NULL; v = cs + 1) {
			cs++;
			while (*cs == ' ' || *cs == '\t')
				cs++;
			if (util_strncaseeq(cs, "charset=", 8)) {
				cs += 8;
				free(t->r_charset);
				t->r_charset =
				    fetch_trimmed(cs, strcspn(cs, ";"));
				if (t->r_charset[0] == '"') {
					char *q = xstrndup(t->r_charset + 1,
					    strcspn(t->r_charset + 1, "\""));
					free(t->r_charset);
					t->r_charset = q;
				}
				break;
			}
		}
	}
#undef IS
	free(value);
	return n;
}

static size_t
fetch_write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct transfer *t = arg;
	size_t n = size * nmemb;

	/* The cap holds for the decoded body too, so a small gzip bomb
	 * cannot grow past it. */
	if (buf_add(&t->body, data, n) != 0) {
		t->over_cap = 1;
		return 0;
	}
	return n;
}

/* ---- starting transfers -------------------------------------------- */

static void
fetch_transfer_free(struct transfer *t)
{
	if (t->easy != NULL)
		curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	free(t->url);
	free(t->start);
	free(t->host);
	free(t->etag);
	free(t->last_modified);
	buf_free(&t->body);
	fetch_reset_headers(t);
	free(t->error);
	free(t);
}

static int
fetch_is_queued(struct fetch *f, int64_t feed)
{
	struct transfer *t;

	for (t = f->pending; t != NULL; t = t->next)
		if (t->feed == feed)
			return 1;
	for (t = f->active; t != NULL; t = t->next)
		if (t->feed == feed)
			return 1;
	return 0;
}

static void
fetch_enqueue(struct fetch *f, const struct store_feed *sf)
{
	struct transfer *t;

	if (fetch_is_queued(f, sf->id))
		return;
	t = xcalloc(1, sizeof *t);
	t->f = f;
	t->feed = sf->id;
	t->url = xstrdup(sf->url);
	t->start = xstrdup(sf->url);
	t->host = fetch_url_host(sf->url);
	t->etag = sf->etag != NULL ? xstrdup(sf->etag) : NULL;
	t->last_modified =
	    sf->last_modified != NULL ? xstrdup(sf->last_modified) : NULL;
	t->permanent = 1;
	t->max_age = t->retry_after = -1;
	t->expires = PARSE_NO_DATE;
	if (f->pending_tail != NULL)
		f->pending_tail->next = t;
	else
		f->pending = t;
	f->pending_tail = t;
	if (!f->batch) {
		f->batch = 1;
		f->batch_feeds = f->batch_done = f->batch_failed = 0;
		f->batch_new = 0;
	}
	f->batch_feeds++;
}

/* Configure t->easy for t->url.  Returns 0, or -1 with t->errbuf set. */
static int
fetch_setup(struct fetch *f, struct transfer *t)
{
	const struct config *cfg = f->cfg;
	char *h;

	if (t->easy == NULL)
		t->easy = curl_easy_init();
	else
		curl_easy_reset(t->easy);
	if (t->easy == NULL)
		return -1;
	curl_slist_free_all(t->headers);
	t->headers = NULL;
	buf_free(&t->body);
	buf_init(&t->body, (size_t)cfg->max_feed_size * 1024 * 1024);
	t->over_cap = 0;
	fetch_reset_headers(t);
	t->errbuf[0] = '\0';

	curl_easy_setopt(t->easy, CURLOPT_URL, t->url);
	curl_easy_setopt(t->easy, CURLOPT_PRIVATE, t);
	curl_easy_setopt(t->easy, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(t->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(t->easy, CURLOPT_PROTOCOLS_STR, "http,https,file");
	/* Redirects are followed by hand (see fetch_done). */
	curl_easy_setopt(t->easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(t->easy, CURLOPT_USERAGENT, cfg->user_agent);
	if (cfg->ca_file != NULL && cfg->ca_file[0] != '\0')
		curl_easy_setopt(t->easy, CURLOPT_CAINFO, cfg->ca_file);
	curl_easy_setopt(t->easy, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(
	    t->easy, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(t->easy, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(t->easy, CURLOPT_TIMEOUT, cfg->timeout);
	curl_easy_setopt(t->easy, CURLOPT_CONNECTTIMEOUT,
	    cfg->timeout < 15 ? cfg->timeout : 15L);
	curl_easy_setopt(t->easy, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)cfg->max_feed_size * 1024 * 1024);
	curl_easy_setopt(t->easy, CURLOPT_WRITEFUNCTION, fetch_write_cb);
	curl_easy_setopt(t->easy, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(t->easy, CURLOPT_HEADERFUNCTION, fetch_header_cb);
	curl_easy_setopt(t->easy, CURLOPT_HEADERDATA, t);
	curl_easy_setopt(
	    t->easy, CURLOPT_OPENSOCKETFUNCTION, fetch_open_socket);
	curl_easy_setopt(t->easy, CURLOPT_OPENSOCKETDATA, f);
	curl_easy_setopt(
	    t->easy, CURLOPT_CLOSESOCKETFUNCTION, fetch_close_socket);
	curl_easy_setopt(t->easy, CURLOPT_CLOSESOCKETDATA, f);
	t->headers = curl_slist_append(t->headers,
	    "Accept: application/rss+xml, application/atom+xml, "
	    "application/feed+json, application/xml;q=0.9, text/xml;q=0.9, "
	    "*/*;q=0.8");
	if (t->etag != NULL) {
		h = xasprintf("If-None-Match: %s", t->etag);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	if (t->last_modified != NULL) {
		h = xasprintf("If-Modified-Since: %s", t->last_modified);
		t->headers = curl_slist_append(t->headers, h);
		free(h);
	}
	curl_easy_setopt(t->easy, CURLOPT_HTTPHEADER, t->headers);
	return 0;
}

static void fetch_finish(
    struct fetch *, struct transfer *, long, const char *, int, int);

/* Finished transfers not yet recorded. */
static int
fetch_jobs(struct fetch *f)
{
	int n;

	pthread_mutex_lock(&f->lock);
	n = f->njobs;
	pthread_mutex_unlock(&f->lock);
	return n;
}

/*
 * Start pending transfers while the caps allow, oldest first.  Bodies
 * waiting for a worker count against the global cap too, so a slow disk
 * cannot make downloaded bodies pile up in memory.
 */
static void
fetch_start_pending(struct fetch *f)
{
	struct transfer *t, **pp, *prev;
	struct host_count *hc;

	prev = NULL;
	pp = &f->pending;
	while ((t = *pp) != NULL && f->nactive < f->cfg->max_connections &&
	    fetch_jobs(f) < f->cfg->max_connections) {
		hc = fetch_host(f, t->host);
		if (t->host[0] != '\0' &&
		    hc->active >= f->cfg->max_connections_per_host) {
			prev = t;
			pp = &t->next;
			continue;
		}
		*pp = t->next;
		if (f->pending_tail == t)
			f->pending_tail = prev;
		t->next = NULL;
		if (!fetch_scheme_ok(t->url, 1)) {
			fetch_finish(f, t, 0, "unsupported URL scheme", 0, 0);
			continue;
		}
		chan_event(f->chan, CHAN_FEED_START, t->feed, 0, 0, 0, NULL);
		if (fetch_setup(f, t) != 0 ||
		    curl_multi_add_handle(f->multi, t->easy) != CURLM_OK) {
			fetch_finish(f, t, 0, "cannot start a transfer", 0, 0);
			continue;
		}
		hc->active++;
		f->nactive++;
		t->next = f->active;
		f->active = t;
	}
}

/* ---- finishing ----------------------------------------------------- */

static void
fetch_unlink_active(struct fetch *f, struct transfer *t)
{
	struct transfer **pp;

	for (pp = &f->active; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			t->next = NULL;
			f->nactive--;
			fetch_host(f, t->host)->active--;
			return;
		}
	}
}

/*
 * When the feed may be fetched again: Cache-Control max-age, else
 * Expires (RFC 9111 5.3: max-age wins), at least the RSS <ttl>, at least
 * Retry-After; each capped at FETCH_MAX_DELAY.
 */
static int64_t
fetch_next_time(
    const struct transfer *t, const struct parsed_feed *pf, int64_t now)
{
	long delay = 0;

	if (t->max_age >= 0)
		delay = t->max_age;
	else if (t->expires != PARSE_NO_DATE && t->expires > now)
		delay = t->expires - now > FETCH_MAX_DELAY
		    ? FETCH_MAX_DELAY
		    : (long)(t->expires - now);
	if (pf != NULL && pf->ttl > 0 && pf->ttl * 60 > delay)
		delay = pf->ttl * 60 > FETCH_MAX_DELAY ? FETCH_MAX_DELAY
						       : pf->ttl * 60;
	if (t->retry_after > delay)
		delay = t->retry_after;
	return now + delay;
}

/*
 * t is over (error NULL means success): hand it to a worker, which
 * parses the body and records the outcome.
 */
static void
fetch_finish(struct fetch *f, struct transfer *t, long status,
    const char *error, int not_modified, int disable)
{
	t->status = status;
	t->error = error != NULL ? xstrdup(error) : NULL;
	t->not_modified = not_modified;
	t->disable = disable;
	t->next = NULL;
	pthread_mutex_lock(&f->lock);
	if (f->jobs_tail != NULL)
		f->jobs_tail->next = t;
	else
		f->jobs = t;
	f->jobs_tail = t;
	f->njobs++;
	pthread_cond_signal(&f->cond);
	pthread_mutex_unlock(&f->lock);
}

static void
fetch_job_done(struct fetch *f)
{
	pthread_mutex_lock(&f->lock);
	f->njobs--;
	pthread_mutex_unlock(&f->lock);
	/* The fetch thread may be waiting for the batch to end, or for
	 * room to start more transfers. */
	curl_multi_wakeup(f->multi);
}

/*
 * On a worker: parse t's body and work out its search texts, with no lock
 * held.  The record owns t and everything it parsed until fetch_report.
 */
static struct fetch_rec *
fetch_prepare(struct fetch *f, struct transfer *t)
{
	struct fetch_rec *rec;
	struct parse_options po;

	rec = xcalloc(1, sizeof *rec);
	rec->t = t;
	rec->now = fetch_now();
	rec->error = t->error;
	rec->r.status = t->status;
	if (rec->error == NULL && !t->not_modified) {
		memset(&po, 0, sizeof po);
		po.url = t->url;
		po.charset = t->r_charset;
		po.max_size = (size_t)f->cfg->max_feed_size * 1024 * 1024;
		rec->pf = parse_feed(t->body.data != NULL ? t->body.data : "",
		    t->body.len, &po, &rec->perr);
		if (rec->pf == NULL)
			rec->error = rec->perr;
	}
	/* The body is not needed any more: give the memory back early. */
	buf_free(&t->body);
	rec->r.error = rec->error;
	rec->r.not_modified = t->not_modified;
	rec->r.disable = t->disable;
	rec->r.feed = rec->pf;
	if (rec->error == NULL || t->not_modified) {
		rec->r.etag = t->r_etag;
		rec->r.last_modified = t->r_last_modified;
	}
	rec->r.next_fetch = fetch_next_time(t, rec->pf, rec->now);
	if (rec->error == NULL && t->hops > 0 && t->permanent &&
	    strcmp(t->url, t->start) != 0)
		rec->r.new_url = t->url;
	if (rec->error == NULL)
		store_fetch_texts(&rec->r);
	return rec;
}

/* Store one record in a transaction of its own. */
static void
fetch_store_one(struct fetch *f, struct fetch_rec *rec)
{
	rec->nnew = rec->nupd = 0;
	if (store_feed_update(f->store, rec->t->feed, &rec->r, rec->now,
		&rec->nnew, &rec->nupd, &rec->cause) != 0)
		rec->error = rec->cause;
}

/*
 * Store a list of n records, store_lock held: one transaction for them
 * all (one commit instead of n).  If anything in it fails, it is rolled
 * back and each record is stored on its own, as if there had been no
 * batch, so that one feed the store refuses costs the others nothing and
 * gets the same error it would have had alone.
 */
static void
fetch_store_batch(struct fetch *f, struct fetch_rec *list, int n)
{
	struct fetch_rec *rec;

	if (n > 1 && store_begin(f->store, NULL) == 0) {
		for (rec = list; rec != NULL; rec = rec->next)
			if (store_feed_update(f->store, rec->t->feed, &rec->r,
				rec->now, &rec->nnew, &rec->nupd, NULL) != 0)
				break;
		if (rec == NULL && store_commit(f->store, NULL) == 0)
			return;
		store_rollback(f->store);
	}
	for (rec = list; rec != NULL; rec = rec->next)
		fetch_store_one(f, rec);
}

/*
 * A record is in the store: count it, report it, free it and end its job
 * (only now, so that the fetch thread never ends a batch before every
 * feed of it has been reported).
 */
static void
fetch_report(struct fetch *f, struct fetch_rec *rec)
{
	struct transfer *t = rec->t;

	pthread_mutex_lock(&f->lock);
	f->batch_done++;
	if (rec->error != NULL)
		f->batch_failed++;
	else
		f->batch_new += rec->nnew;
	pthread_mutex_unlock(&f->lock);
	if (rec->error != NULL)
		chan_event(f->chan, CHAN_FEED_FAIL, t->feed, t->status, 0, 0,
		    rec->error);
	else
		chan_event(f->chan, CHAN_FEED_DONE, t->feed, rec->nnew,
		    rec->nupd, t->not_modified, NULL);
	store_fetch_texts_free(&rec->r);
	free(rec->cause);
	free(rec->perr);
	parse_free(rec->pf);
	fetch_transfer_free(t);
	free(rec);
	fetch_job_done(f);
}

/*
 * Store what is ready, in batches of at most FETCH_BATCH_MAX, until
 * nothing is; then give up the storer's part (f->storing), in the same
 * hold of f->lock that saw the queue empty, so that a record queued at any
 * moment is either taken here or finds no storer and stores itself.
 */
static void
fetch_store_ready(struct fetch *f)
{
	struct fetch_rec *list, *rec, **tail;
	int n;

	for (;;) {
		pthread_mutex_lock(&f->store_lock);
		pthread_mutex_lock(&f->lock);
		list = f->ready;
		tail = &list;
		for (n = 0; *tail != NULL && n < FETCH_BATCH_MAX; n++)
			tail = &(*tail)->next;
		f->ready = *tail;
		if (f->ready == NULL)
			f->ready_tail = &f->ready;
		*tail = NULL;
		if (n == 0)
			f->storing = 0;
		pthread_mutex_unlock(&f->lock);
		if (n > 0)
			fetch_store_batch(f, list, n);
		pthread_mutex_unlock(&f->store_lock);
		if (n == 0)
			return;
		while ((rec = list) != NULL) {
			list = rec->next;
			fetch_report(f, rec);
		}
	}
}

/*
 * On a worker: parse t (no lock held) and queue it as ready.  If no
 * worker is storing, this one becomes the storer and stores what is
 * ready until nothing is; otherwise it leaves its record to the one that
 * is and goes back to parsing.  So while one worker stores, the others'
 * records pile up and go into the store together, in one transaction
 * (group commit: the per-feed commit is the costly part of storing), and
 * parsing goes on meanwhile.  Alone, a batch is one feed and waits for
 * nothing.  t's job ends when its record is reported, by whichever worker
 * stored it.
 */
static void
fetch_record(struct fetch *f, struct transfer *t)
{
	struct fetch_rec *rec;
	int storer;

	rec = fetch_prepare(f, t);
	pthread_mutex_lock(&f->lock);
	*f->ready_tail = rec;
	f->ready_tail = &rec->next;
	storer = !f->storing;
	f->storing = 1;
	pthread_mutex_unlock(&f->lock);
	if (storer)
		fetch_store_ready(f);
}

/* The oldest job, or NULL (the caller then owns it). */
static struct transfer *
fetch_job_take(struct fetch *f)
{
	struct transfer *t;

	pthread_mutex_lock(&f->lock);
	t = f->jobs;
	if (t != NULL) {
		f->jobs = t->next;
		if (f->jobs == NULL)
			f->jobs_tail = NULL;
	}
	pthread_mutex_unlock(&f->lock);
	return t;
}

static void *
fetch_worker(void *arg)
{
	struct fetch *f = arg;
	struct transfer *t;

	for (;;) {
		pthread_mutex_lock(&f->lock);
		while (f->jobs == NULL && !f->quit)
			pthread_cond_wait(&f->cond, &f->lock);
		pthread_mutex_unlock(&f->lock);
		t = fetch_job_take(f);
		if (t == NULL)
			break; /* quit */
		fetch_record(f, t);
	}
	return NULL;
}

/* How many workers: one per processor, at least one, at most four. */
static int
fetch_nworkers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

static const char *
fetch_reason(long status)
{
	switch (status) {
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 406:
		return "Not Acceptable";
	case 408:
		return "Request Timeout";
	case 410:
		return "Gone";
	case 429:
		return "Too Many Requests";
	case 500:
		return "Internal Server Error";
	case 502:
		return "Bad Gateway";
	case 503:
		return "Service Unavailable";
	case 504:
		return "Gateway Timeout";
	default:
		return status >= 500 ? "Server Error" : "Client Error";
	}
}

/* One transfer ended (curl result rc). */
static void
fetch_done(struct fetch *f, struct transfer *t, CURLcode rc)
{
	long status = 0;
	char *next, *msg;

	curl_multi_remove_handle(f->multi, t->easy);
	fetch_unlink_active(f, t);
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	if (rc != CURLE_OK) {
		if (t->over_cap || rc == CURLE_FILESIZE_EXCEEDED)
			msg = xasprintf("response larger than %ld MiB "
					"(max-feed-size)",
			    f->cfg->max_feed_size);
		else
			msg = xasprintf("%s",
			    t->errbuf[0] != '\0' ? t->errbuf
						 : curl_easy_strerror(rc));
		fetch_finish(f, t, status, msg, 0, 0);
		free(msg);
		return;
	}
	if (status == 301 || status == 302 || status == 303 || status == 307 ||
	    status == 308) {
		if (t->r_location == NULL) {
			fetch_finish(
			    f, t, status, "redirect without Location", 0, 0);
			return;
		}
		if (++t->hops > FETCH_MAX_HOPS) {
			fetch_finish(f, t, status,
			    "too many redirects (a redirect loop?)", 0, 0);
			return;
		}
		next = t->r_location;
		{
			CURLU *u = curl_url();
			char *abs = NULL;

			/* Location may be relative to the URL asked. */
			if (u != NULL &&
			    curl_url_set(u, CURLUPART_URL, t->url, 0) ==
				CURLUE_OK &&
			    curl_url_set(u, CURLUPART_URL, next, 0) ==
				CURLUE_OK &&
			    curl_url_get(u, CURLUPART_URL, &abs, 0) ==
				CURLUE_OK) {
				free(t->url);
				t->url = xstrdup(abs);
				curl_free(abs);
			} else {
				free(t->url);
				t->url = xstrdup(next);
			}
			curl_url_cleanup(u);
		}
		if (status != 301 && status != 308)
			t->permanent = 0;
		if (!fetch_scheme_ok(t->url, 0)) {
			fetch_finish(f, t, status,
			    "redirect to an unsupported URL scheme", 0, 0);
			return;
		}
		/* Back into the queue, ahead of the rest: it is the same
		 * feed, counted against its new host. */
		free(t->host);
		t->host = fetch_url_host(t->url);
		t->next = f->pending;
		f->pending = t;
		if (f->pending_tail == NULL)
			f->pending_tail = t;
		return;
	}
	if (status == 304) {
		fetch_finish(f, t, status, NULL, 1, 0);
		return;
	}
	if (status >= 400) {
		msg = xasprintf("HTTP %ld %s%s", status, fetch_reason(status),
		    status == 410 ? " (feed removed; disabled)" : "");
		fetch_finish(f, t, status, msg, 0, status == 410);
		free(msg);
		return;
	}
	if (status != 0 && (status < 200 || status > 299)) {
		msg = xasprintf("unexpected HTTP status %ld", status);
		fetch_finish(f, t, status, msg, 0, 0);
		free(msg);
		return;
	}
	fetch_finish(f, t, status, NULL, 0, 0);
}

/* ---- the thread ---------------------------------------------------- */

static void
fetch_wake(void *arg)
{
	struct fetch *f = arg;

	curl_multi_wakeup(f->multi);
}

static void
fetch_command(struct fetch *f, struct chan_msg *m)
{
	struct store_feed *list, one;
	size_t n, i;
	int64_t now = fetch_now();
	long before = f->batch ? f->batch_feeds : 0;
	char *cause = NULL;
	int r;

	switch (m->type) {
	case CHAN_REFRESH_ALL:
		pthread_mutex_lock(&f->store_lock);
		r = store_feeds(f->store, &list, &n, &cause);
		pthread_mutex_unlock(&f->store_lock);
		if (r != 0) {
			chan_event(f->chan, CHAN_FEED_FAIL, 0, 0, 0, 0, cause);
			free(cause);
			break;
		}
		for (i = 0; i < n; i++)
			/* force skips the schedule, never a feed that is
			 * disabled (410 Gone): only naming it fetches it. */
			if (!list[i].disabled &&
			    (m->a || list[i].next_fetch <= now))
				fetch_enqueue(f, &list[i]);
		store_feeds_free(list, n);
		break;
	case CHAN_REFRESH_FEED:
		pthread_mutex_lock(&f->store_lock);
		r = store_feed_get(f->store, m->feed, &one, &cause);
		pthread_mutex_unlock(&f->store_lock);
		if (r != 0) {
			chan_event(
			    f->chan, CHAN_FEED_FAIL, m->feed, 0, 0, 0, cause);
			free(cause);
			break;
		}
		if (m->a || (!one.disabled && one.next_fetch <= now))
			fetch_enqueue(f, &one);
		store_feed_clear(&one);
		break;
	case CHAN_STOP:
		f->stop = 1;
		break;
	default:
		break;
	}
	if (f->batch && f->batch_feeds > before)
		chan_event(
		    f->chan, CHAN_BATCH_START, 0, f->batch_feeds, 0, 0, NULL);
	else if (!f->batch &&
	    (m->type == CHAN_REFRESH_ALL || m->type == CHAN_REFRESH_FEED)) {
		/* Nothing was due: say so, so that waiters finish. */
		chan_event(f->chan, CHAN_BATCH_START, 0, 0, 0, 0, NULL);
		chan_event(f->chan, CHAN_BATCH_DONE, 0, 0, 0, 0, NULL);
	}
}

static void *
fetch_main(void *arg)
{
	struct fetch *f = arg;
	struct chan_msg *m;
	struct transfer *t;
	CURLMsg *msg;
	char *cause = NULL;
	int running, left, i, inline_jobs;

	f->store = store_open(f->store_path, &cause);
	f->multi = f->store != NULL ? curl_multi_init() : NULL;
	if (f->multi == NULL && cause == NULL)
		cause = xstrdup("libcurl: cannot make a multi handle");
	pthread_mutex_lock(&f->start_lock);
	f->error = cause;
	f->started = 1;
	pthread_cond_signal(&f->start_cond);
	pthread_mutex_unlock(&f->start_lock);
	if (cause != NULL)
		return NULL;
	chan_set_wake(f->chan, fetch_wake, f);
	f->workers = xcalloc((size_t)fetch_nworkers(), sizeof *f->workers);
	for (i = 0; i < fetch_nworkers(); i++) {
		if (pthread_create(&f->workers[i], NULL, fetch_worker, f) != 0)
			break;
		f->nworkers++;
	}
	/* Without a worker nothing would ever be recorded: do it here. */
	inline_jobs = f->nworkers == 0;

	while (!f->stop) {
		while ((m = chan_next_command(f->chan)) != NULL) {
			fetch_command(f, m);
			chan_msg_free(m);
		}
		if (f->stop)
			break;
		fetch_start_pending(f);
		curl_multi_perform(f->multi, &running);
		while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			t = NULL;
			curl_easy_getinfo(
			    msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
			fetch_done(f, t, msg->data.result);
		}
		while (inline_jobs && (t = fetch_job_take(f)) != NULL)
			fetch_record(f, t);
		fetch_start_pending(f);
		if (f->batch && f->pending == NULL && f->active == NULL &&
		    fetch_jobs(f) == 0) {
			chan_event(f->chan, CHAN_BATCH_DONE, 0, f->batch_done,
			    f->batch_failed, f->batch_new, NULL);
			f->batch = 0;
		}
		curl_multi_poll(f->multi, NULL, 0, 1000, NULL);
	}

	pthread_mutex_lock(&f->lock);
	f->quit = 1;
	pthread_cond_broadcast(&f->cond);
	pthread_mutex_unlock(&f->lock);
	for (i = 0; i < f->nworkers; i++)
		pthread_join(f->workers[i], NULL);
	/* A worker that queues a record stores the ready queue until it is
	 * empty, or leaves it to the one doing so, which does not stop
	 * before it is: nothing should be left.  If anything is, it is
	 * stored, not lost. */
	fetch_store_ready(f);
	while ((t = fetch_job_take(f)) != NULL) {
		fetch_transfer_free(t);
		fetch_job_done(f);
	}
	chan_set_wake(f->chan, NULL, NULL);
	while ((t = f->active) != NULL) {
		curl_multi_remove_handle(f->multi, t->easy);
		fetch_unlink_active(f, t);
		fetch_transfer_free(t);
	}
	while ((t = f->pending) != NULL) {
		f->pending = t->next;
		fetch_transfer_free(t);
	}
	return NULL;
}

struct fetch *
fetch_start(const struct config *cfg, const char *store_path, struct chan *chan,
    char **cause)
{
	struct fetch *f;

	f = xcalloc(1, sizeof *f);
	f->cfg = cfg;
	f->store_path = store_path;
	f->chan = chan;
	pthread_mutex_init(&f->start_lock, NULL);
	pthread_cond_init(&f->start_cond, NULL);
	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->cond, NULL);
	pthread_mutex_init(&f->store_lock, NULL);
	f->ready_tail = &f->ready;
	if (pthread_create(&f->thread, NULL, fetch_main, f) != 0) {
		util_fail(
		    cause, "cannot start the fetcher: %s", strerror(errno));
		free(f);
		return NULL;
	}
	pthread_mutex_lock(&f->start_lock);
	while (!f->started)
		pthread_cond_wait(&f->start_cond, &f->start_lock);
	pthread_mutex_unlock(&f->start_lock);
	if (f->error != NULL) {
		pthread_join(f->thread, NULL);
		*cause = f->error;
		f->error = NULL;
		fetch_stop(f);
		return NULL;
	}
	return f;
}

void
fetch_stop(struct fetch *f)
{
	size_t i;

	if (f == NULL)
		return;
	if (f->started && f->multi != NULL) {
		chan_command(f->chan, CHAN_STOP, 0, 0);
		pthread_join(f->thread, NULL);
	}
	if (f->multi != NULL)
		curl_multi_cleanup(f->multi);
	store_close(f->store);
	free(f->socks);
	for (i = 0; i < f->nhosts; i++)
		free(f->hosts[i].host);
	free(f->hosts);
	free(f->error);
	pthread_mutex_destroy(&f->start_lock);
	pthread_cond_destroy(&f->start_cond);
	pthread_mutex_destroy(&f->lock);
	pthread_cond_destroy(&f->cond);
	pthread_mutex_destroy(&f->store_lock);
	free(f->workers);
	free(f);
}

int
fetch_get(const struct config *cfg, const char *url, char **body, size_t *len,
    char **cause)
{
	struct transfer t;
	struct fetch f;
	CURLcode rc;
	long status = 0;

	if (!fetch_scheme_ok(url, 1))
		return util_fail(
		    cause, "%s: only http, https and file URLs", url);
	memset(&t, 0, sizeof t);
	memset(&f, 0, sizeof f);
	f.cfg = cfg;
	t.url = xstrdup(url);
	if (fetch_setup(&f, &t) != 0) {
		free(t.url);
		return util_fail(cause, "libcurl: cannot make a handle");
	}
	curl_easy_setopt(t.easy, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(t.easy, CURLOPT_MAXREDIRS, (long)FETCH_MAX_HOPS);
	curl_easy_setopt(t.easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	rc = curl_easy_perform(t.easy);
	curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
	if (rc != CURLE_OK)
		util_fail(cause, "%s: %s", url,
		    t.over_cap || rc == CURLE_FILESIZE_EXCEEDED
			? "response larger than max-feed-size"
			: t.errbuf[0] != '\0' ? t.errbuf
					      : curl_easy_strerror(rc));
	else if (status >= 400)
		util_fail(cause, "%s: HTTP %ld %s", url, status,
		    fetch_reason(status));
	else
		*body = buf_detach(&t.body, len);
	curl_easy_cleanup(t.easy);
	free(f.socks);
	curl_slist_free_all(t.headers);
	free(t.url);
	buf_free(&t.body);
	fetch_reset_headers(&t);
	return rc == CURLE_OK && status < 400 ? 0 : -1;
}
