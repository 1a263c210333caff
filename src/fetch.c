/*
 * fetch: the curl thread and everything HTTP.  Owns the curl multi
 * handle, the queue of feeds to fetch, per-host and global connection caps,
 * conditional requests, redirects (followed by hand, so that only a chain
 * of permanent ones moves a subscription), caching headers, the body cap
 * and the batch (a refresh, from its first feed to its last report).
 * Each finished transfer goes to the worker pool (fetch_pool.c) as a job,
 * so that the network never waits for the CPU or the disk; the pool owns
 * the store connection, which this thread borrows to read the feed list.
 *
 * The only file that includes curl.  It never touches curses and never
 * prints: everything it has to say goes out as chan events.
 */
#include "fetch.h"

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
#include "fetch_pool.h"
#include "parse.h"
#include "store.h"
#include "store_article.h"
#include "sync.h"
#include "url.h"
#include "util.h"

#define FETCH_MAX_HOPS 5

struct transfer {
	struct fetch *f;
	CURL *easy;
	struct curl_slist *headers;
	int64_t feed;
	int64_t entry;		    /* a whole article's page; 0: a feed */
	char *url;		    /* the URL being requested now */
	char *start;		    /* the subscription's URL */
	char *host;		    /* the key for the per-host cap */
	char *etag, *last_modified; /* validators we sent */
	int hops;
	int permanent; /* every redirect so far was 301/308 */
	struct buf body;
	int over_cap;
	int header_end; /* the blank line after the headers came */
	/* from the response headers */
	char *r_etag, *r_last_modified, *r_charset, *r_location, *r_ctype;
	long max_age, retry_after;
	int64_t expires;
	char errbuf[CURL_ERROR_SIZE];
	struct transfer *next;
};

struct host_count {
	char *host;
	int active;
};

/*
 * Everything here but the start-up handshake (start_lock, start_cond,
 * error, started) belongs to the curl thread until fetch_stop has joined
 * it.  Other threads only call fetch_wake (the pool's workers after each
 * report, a chan sender after each command), which reads multi: set
 * before either can.
 */
struct fetch {
	const struct config *cfg;
	const char *store_path;
	struct chan *chan;
	pthread_t thread;
	CURLM *multi;
	struct fetch_pool *pool; /* the workers and the store connection */
	char *error;		 /* start-up failure, reported to fetch_start */
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

	/* the batch in progress, and the set of its feeds (open
	 * addressing, 0 is empty: feed ids are positive) */
	int batch;
	long batch_feeds;
	int64_t *batch_set;
	size_t batch_set_size;
	struct fetch_pool_counts base; /* the pool's counts when it began */
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

/* The host of a URL, lower-cased, "" when it has none (file URLs,
 * garbage): the key of the per-host connection cap. */
static char *
fetch_url_host(const char *url)
{
	char *host = url_host(url);

	return host != NULL ? host : xstrdup("");
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
	char *t = util_trim_dup(s, n);

	return t != NULL ? t : xstrdup("");
}

static void
fetch_reset_headers(struct transfer *t)
{
	free(t->r_etag);
	free(t->r_last_modified);
	free(t->r_charset);
	free(t->r_location);
	free(t->r_ctype);
	t->r_etag = t->r_last_modified = t->r_charset = t->r_location = NULL;
	t->r_ctype = NULL;
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
		t->header_end = 0;
		return n;
	}
	if ((n == 2 && data[0] == '\r') || (n == 1 && data[0] == '\n')) {
		t->header_end = 1;
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
		free(t->r_ctype);
		t->r_ctype = xstrdup(value);
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
	free(t);
}

/*
 * Add feed to the batch's set: 0 when it is new to the batch, 1 when the
 * batch already has it (queued, in flight, with the pool or reported), so
 * that a refresh asked for while one runs adds each feed once.
 */
static int
fetch_batch_has(struct fetch *f, int64_t feed)
{
	int64_t *old = f->batch_set;
	size_t i, n = f->batch_set_size, mask;

	if ((size_t)f->batch_feeds * 2 >= n) {
		f->batch_set_size = n == 0 ? 64 : n * 2;
		f->batch_set = xcalloc(f->batch_set_size, sizeof *f->batch_set);
		for (i = 0; i < n; i++)
			if (old[i] != 0)
				(void)fetch_batch_has(f, old[i]);
		free(old);
	}
	mask = f->batch_set_size - 1;
	for (i = (size_t)util_fnv1a(UTIL_FNV1A_INIT, &feed, sizeof feed) & mask;
	     f->batch_set[i] != 0; i = (i + 1) & mask)
		if (f->batch_set[i] == feed)
			return 1;
	f->batch_set[i] = feed;
	return 0;
}

static void
fetch_batch_end(struct fetch *f)
{
	f->batch = 0;
	f->batch_feeds = 0;
	free(f->batch_set);
	f->batch_set = NULL;
	f->batch_set_size = 0;
}

static void
fetch_enqueue(struct fetch *f, const struct store_feed *sf)
{
	struct transfer *t;

	if (!f->batch) {
		/* What the pool reports from now on is this batch's: it
		 * holds no job between batches. */
		f->batch = 1;
		f->batch_feeds = 0;
		fetch_pool_counts(f->pool, &f->base);
	}
	if (fetch_batch_has(f, sf->id))
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
	t->header_end = 0;
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
	/*
	 * No CURLOPT_PIPEWAIT: it parks a transfer inside curl until the
	 * host's first connection says whether it multiplexes, with the
	 * transfer's timeout running, so that one stalled response (no
	 * headers yet, or a TLS handshake that hangs) made every other
	 * feed of its host time out unasked.  Our own per-host cap admits
	 * a transfer only when it may start, and its timeout starts then.
	 */
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
	    t->entry != 0
		? "Accept: text/html, application/xhtml+xml, */*;q=0.8"
		: "Accept: application/rss+xml, application/atom+xml, "
		  "application/feed+json, application/xml;q=0.9, "
		  "text/xml;q=0.9, */*;q=0.8");
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

/* Finished transfers the pool has not reported yet. */
static int
fetch_jobs(struct fetch *f)
{
	struct fetch_pool_counts c;

	fetch_pool_counts(f->pool, &c);
	return c.jobs;
}

static void
fetch_event_feed_start(struct fetch *f, const struct transfer *t)
{
	struct chan_msg m;

	memset(&m, 0, sizeof m);
	if (t->entry != 0) {
		m.type = CHAN_ARTICLE_START;
		m.article.entry = t->entry;
	} else {
		m.type = CHAN_FEED_START;
		m.feed_start.feed = t->feed;
	}
	chan_event(f->chan, &m);
}

/*
 * Start pending transfers while the caps allow, oldest first.  Jobs the
 * pool has not reported yet count against the global cap too, so a slow
 * disk cannot make downloaded bodies pile up in memory.
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
		fetch_event_feed_start(f, t);
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
 * t is over (error NULL means success): hand what the pool needs to
 * parse and record it over as a job, and free the rest (the easy handle
 * is cleaned up here, on the thread that used it).
 */
static void
fetch_finish(struct fetch *f, struct transfer *t, long status,
    const char *error, int not_modified, int disable)
{
	struct fetch_job *job;

	job = xcalloc(1, sizeof *job);
	job->feed = t->feed;
	job->entry = t->entry;
	job->status = status;
	job->error = error != NULL ? xstrdup(error) : NULL;
	job->not_modified = not_modified;
	job->disable = t->entry == 0 && disable;
	job->body = t->body;
	memset(&t->body, 0, sizeof t->body);
	job->moved =
	    t->hops > 0 && t->permanent && strcmp(t->url, t->start) != 0;
	job->url = t->url;
	t->url = NULL;
	job->charset = t->r_charset;
	job->ctype = t->r_ctype;
	job->etag = t->r_etag;
	job->last_modified = t->r_last_modified;
	t->r_charset = t->r_etag = t->r_last_modified = t->r_ctype = NULL;
	job->max_age = t->max_age;
	job->retry_after = t->retry_after;
	job->expires = t->expires;
	fetch_transfer_free(t);
	fetch_pool_add(f->pool, job);
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
		else if (rc == CURLE_OUT_OF_MEMORY && status != 0 &&
		    !t->header_end)
			/* curl refuses a header line over its limit (100 KB)
			 * as "Out of memory", and says no more. */
			msg = xstrdup("response header too large");
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
				t->url = url_clean(abs);
				curl_free(abs);
			} else {
				free(t->url);
				t->url = url_clean(next);
			}
			curl_url_cleanup(u);
			if (t->url == NULL) {
				t->url = xstrdup("");
				fetch_finish(f, t, status,
				    "redirect to an empty Location", 0, 0);
				return;
			}
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
		    status == 410 && t->entry == 0 ? " (feed removed; disabled)"
						   : "");
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

/* Wake the curl thread: a command is queued, or the pool reported a job. */
static void
fetch_wake(void *arg)
{
	struct fetch *f = arg;

	curl_multi_wakeup(f->multi);
}

static void
fetch_event_fail(struct fetch *f, int64_t feed, const char *why)
{
	struct chan_msg m;

	memset(&m, 0, sizeof m);
	m.type = CHAN_FEED_FAIL;
	m.feed_fail.feed = feed;
	m.feed_fail.why = why;
	chan_event(f->chan, &m);
}

static void
fetch_event_batch_start(struct fetch *f, long feeds)
{
	struct chan_msg m;

	memset(&m, 0, sizeof m);
	m.type = CHAN_BATCH_START;
	m.batch_start.feeds = feeds;
	chan_event(f->chan, &m);
}

/* The batch is over: how many feeds were reported, failed, new entries. */
static void
fetch_event_batch_done(struct fetch *f, long done, long failed, long fresh)
{
	struct chan_msg m;

	memset(&m, 0, sizeof m);
	m.type = CHAN_BATCH_DONE;
	m.batch_done.done = done;
	m.batch_done.failed = failed;
	m.batch_done.new_entries = fresh;
	chan_event(f->chan, &m);
}

/* Queue every feed that is due (force: every one not disabled). */
static void
fetch_refresh_all(struct fetch *f, int force)
{
	struct store_feed *list;
	struct store *st;
	size_t n, i;
	int64_t now = fetch_now();
	char *cause = NULL;
	int r;

	st = fetch_pool_store_borrow(f->pool);
	r = store_feeds(st, &list, &n, &cause);
	fetch_pool_store_return(f->pool);
	if (r != 0) {
		fetch_event_fail(f, 0, cause);
		free(cause);
		return;
	}
	for (i = 0; i < n; i++)
		/* force skips the schedule, never a feed that is disabled
		 * (410 Gone): only naming it fetches it. */
		if (!list[i].disabled && (force || list[i].next_fetch <= now))
			fetch_enqueue(f, &list[i]);
	store_feeds_free(list, n);
}

/* Queue one feed if it is due (force: even when disabled). */
static void
fetch_refresh_feed(struct fetch *f, int64_t feed, int force)
{
	struct store_feed one;
	struct store *st;
	int64_t now = fetch_now();
	char *cause = NULL;
	int r;

	st = fetch_pool_store_borrow(f->pool);
	r = store_feed_get(st, feed, &one, &cause);
	fetch_pool_store_return(f->pool);
	if (r != 0) {
		fetch_event_fail(f, feed, cause);
		free(cause);
		return;
	}
	if (force || (!one.disabled && one.next_fetch <= now))
		fetch_enqueue(f, &one);
	store_feed_clear(&one);
}

static void
fetch_event_article_fail(struct fetch *f, int64_t entry, const char *why)
{
	struct chan_msg m;

	memset(&m, 0, sizeof m);
	m.type = CHAN_ARTICLE_FAIL;
	m.article.entry = entry;
	m.article.why = why;
	chan_event(f->chan, &m);
}

/* Is a transfer of the list for entry's page? */
static int
fetch_has_article(const struct transfer *t, int64_t entry)
{
	for (; t != NULL; t = t->next)
		if (t->entry == entry)
			return 1;
	return 0;
}

/*
 * Queue the page of entry's post, as politely as a feed (the same caps,
 * timeouts, size cap and redirects), conditionally when an article is
 * kept already; once, however often it is asked for.  Articles are no
 * part of a refresh's batch: they go to the pool as jobs of their own.
 */
static void
fetch_article_enqueue(struct fetch *f, int64_t entry)
{
	struct store_article a;
	struct store_entry e;
	struct transfer *t;
	struct store *st;
	char *cause = NULL, *why;
	int r, have = 0;

	if (fetch_has_article(f->pending, entry) ||
	    fetch_has_article(f->active, entry))
		return;
	st = fetch_pool_store_borrow(f->pool);
	r = store_entry_get(st, entry, 0, &e, &cause);
	if (r == 0) {
		have = store_article_get(st, entry, &a, &cause);
		if (have < 0)
			store_entry_clear(&e);
	}
	fetch_pool_store_return(f->pool);
	if (r != 0 || have < 0) {
		fetch_event_article_fail(f, entry, cause);
		free(cause);
		return;
	}
	if (e.link == NULL || !fetch_scheme_ok(e.link, 1)) {
		why = e.link == NULL ? xstrdup("the post has no link")
				     : xasprintf("%s: only http, https and "
						 "file URLs",
					   e.link);
		fetch_event_article_fail(f, entry, why);
		free(why);
	} else {
		t = xcalloc(1, sizeof *t);
		t->f = f;
		t->entry = entry;
		t->url = xstrdup(e.link);
		t->start = xstrdup(e.link);
		t->host = fetch_url_host(e.link);
		if (have && a.html != NULL) {
			t->etag = a.etag;
			t->last_modified = a.last_modified;
			a.etag = a.last_modified = NULL;
		}
		t->permanent = 1;
		t->max_age = t->retry_after = -1;
		t->expires = PARSE_NO_DATE;
		if (f->pending_tail != NULL)
			f->pending_tail->next = t;
		else
			f->pending = t;
		f->pending_tail = t;
	}
	if (have)
		store_article_clear(&a);
	store_entry_clear(&e);
}

static void
fetch_command(struct fetch *f, const struct chan_msg *m)
{
	long before = f->batch ? f->batch_feeds : 0;

	if (fetch_sync_command(f->cfg, f->pool, f->chan, m))
		return; /* [sync]: the server fetches, a sync instead */
	switch (m->type) {
	case CHAN_REFRESH_ALL:
		fetch_refresh_all(f, m->refresh_all.force);
		break;
	case CHAN_REFRESH_FEED:
		fetch_refresh_feed(
		    f, m->refresh_feed.feed, m->refresh_feed.force);
		break;
	case CHAN_FETCH_ARTICLE:
		fetch_article_enqueue(f, m->article.entry);
		break;
	case CHAN_STOP:
		f->stop = 1;
		break;
	default:
		break;
	}
	if (f->batch && f->batch_feeds > before)
		fetch_event_batch_start(f, f->batch_feeds - before);
	else if (!f->batch &&
	    (m->type == CHAN_REFRESH_ALL || m->type == CHAN_REFRESH_FEED)) {
		/* Nothing was due: say so, so that waiters finish. */
		fetch_event_batch_start(f, 0);
		fetch_event_batch_done(f, 0, 0, 0);
	}
}

/*
 * On the curl thread: open the pool (and so the store) and the multi
 * handle, and tell fetch_start how that went.  0, or -1 when the thread
 * must end.
 */
static int
fetch_open(struct fetch *f)
{
	char *cause = NULL;

	f->pool = fetch_pool_new(
	    f->cfg, f->store_path, f->chan, fetch_wake, f, &cause);
	f->multi = f->pool != NULL ? curl_multi_init() : NULL;
	if (f->multi == NULL && cause == NULL)
		cause = xstrdup("libcurl: cannot make a multi handle");
	if (cause != NULL) {
		fetch_pool_free(f->pool);
		f->pool = NULL;
	}
	pthread_mutex_lock(&f->start_lock);
	f->error = cause;
	f->started = 1;
	pthread_cond_signal(&f->start_cond);
	pthread_mutex_unlock(&f->start_lock);
	return cause != NULL ? -1 : 0;
}

/* One turn of the loop: commands, transfers, and the end of a batch. */
static void
fetch_turn(struct fetch *f)
{
	struct fetch_pool_counts c;
	struct chan_msg *m;
	struct transfer *t;
	CURLMsg *msg;
	int running, left;

	while ((m = chan_next_command(f->chan)) != NULL) {
		fetch_command(f, m);
		chan_msg_free(m);
	}
	if (f->stop)
		return;
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
	fetch_start_pending(f);
	if (f->batch && f->pending == NULL && f->active == NULL) {
		fetch_pool_counts(f->pool, &c);
		/* Every job of the batch reported: what the pool counted
		 * since it began is the batch's.  A worker asks for the
		 * whole articles of a feed's new posts (full-text) before
		 * its job ends: those belong to the batch too. */
		if (c.jobs == 0 && !chan_has_commands(f->chan)) {
			fetch_event_batch_done(f, c.done - f->base.done,
			    c.failed - f->base.failed,
			    c.new_entries - f->base.new_entries);
			fetch_batch_end(f);
		}
	}
	curl_multi_poll(f->multi, NULL, 0, 1000, NULL);
}

static void *
fetch_main(void *arg)
{
	struct fetch *f = arg;
	struct transfer *t;

	if (fetch_open(f) != 0)
		return NULL;
	chan_set_wake(f->chan, fetch_wake, f);
	fetch_pool_start(f->pool);
	while (!f->stop)
		fetch_turn(f);
	/* What the pool holds is stored and reported; then the store
	 * closes. */
	fetch_pool_free(f->pool);
	f->pool = NULL;
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
	fetch_batch_end(f);
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
	free(f->socks);
	for (i = 0; i < f->nhosts; i++)
		free(f->hosts[i].host);
	free(f->hosts);
	free(f->error);
	pthread_mutex_destroy(&f->start_lock);
	pthread_cond_destroy(&f->start_cond);
	free(f);
}

int
fetch_get(const struct config *cfg, const char *url, char **body, size_t *len,
    char **cause)
{
	return fetch_page(cfg, url, body, len, NULL, NULL, cause);
}

int
fetch_page(const struct config *cfg, const char *url, char **body, size_t *len,
    char **where, char **ctype, char **cause)
{
	char *info;
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
	else {
		*body = buf_detach(&t.body, len);
		info = NULL;
		if (where != NULL) {
			curl_easy_getinfo(
			    t.easy, CURLINFO_EFFECTIVE_URL, &info);
			*where = xstrdup(info != NULL ? info : url);
		}
		info = NULL;
		if (ctype != NULL) {
			curl_easy_getinfo(t.easy, CURLINFO_CONTENT_TYPE, &info);
			*ctype = info != NULL ? xstrdup(info) : NULL;
		}
	}
	curl_easy_cleanup(t.easy);
	free(f.socks);
	curl_slist_free_all(t.headers);
	free(t.url);
	buf_free(&t.body);
	fetch_reset_headers(&t);
	return rc == CURLE_OK && status < 400 ? 0 : -1;
}
