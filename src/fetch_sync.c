/*
 * fetch_sync: the HTTP side of sync (sync.h): a Google Reader API client
 * on one curl easy handle (ClientLogin, the token for POSTs, JSON answers
 * through jansson), and the fetcher's side of a sync (fetch_sync_command).
 * One of the files that include curl.  Never prints; never puts the
 * password or the auth token in a message.
 */
#include "sync.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "buf.h"
#include "chan.h"
#include "config.h"
#include "fetch_pool.h"
#include "store.h"
#include "util.h"

/* Largest answer taken: a page of the reading list, or a set of ids. */
#define GREADER_MAX_BODY (256L * 1024 * 1024)

struct greader {
	const struct config *cfg;
	CURL *easy;
	char *base;  /* server, without a trailing '/' */
	char *auth;  /* "Authorization: GoogleLogin auth=..." */
	char *token; /* for POSTs, asked for when first needed */
	struct buf body;
	long requests;
	char errbuf[CURL_ERROR_SIZE];
};

static size_t
greader_write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct greader *g = arg;
	size_t n = size * nmemb;

	if (g->body.len + n > (size_t)GREADER_MAX_BODY)
		return 0;
	buf_add(&g->body, data, n);
	return n;
}

/* Why status failed, for a message. */
static const char *
greader_why(long status)
{
	if (status == 401 || status == 403)
		return "authentication failed (check [sync] user and password)";
	if (status >= 500)
		return "server error";
	return "refused";
}

/*
 * One request: GET base/path, or POST form when form is not NULL.  The
 * answer is in g->body.  0, or SYNC_ERR_SERVER with *cause.
 */
static int
greader_request(
    struct greader *g, const char *path, const char *form, char **cause)
{
	struct curl_slist *h = NULL;
	CURLcode rc;
	long status = 0;
	char *url;

	url = xasprintf("%s/%s", g->base, path);
	buf_reset(&g->body);
	g->errbuf[0] = '\0';
	curl_easy_setopt(g->easy, CURLOPT_URL, url);
	if (g->auth != NULL)
		h = curl_slist_append(h, g->auth);
	curl_easy_setopt(g->easy, CURLOPT_HTTPHEADER, h);
	if (form != NULL) {
		curl_easy_setopt(g->easy, CURLOPT_POSTFIELDS, form);
		curl_easy_setopt(g->easy, CURLOPT_POST, 1L);
	} else
		curl_easy_setopt(g->easy, CURLOPT_HTTPGET, 1L);
	g->requests++;
	rc = curl_easy_perform(g->easy);
	curl_easy_getinfo(g->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_setopt(g->easy, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(h);
	free(url);
	/* The server's own words never reach a message: only the path. */
	if (rc != CURLE_OK)
		return util_fail(cause, "sync: %s: cannot reach the server: %s",
			   g->base,
			   g->errbuf[0] != '\0' ? g->errbuf
						: curl_easy_strerror(rc)),
		       SYNC_ERR_SERVER;
	if (status >= 300)
		return util_fail(cause, "sync: %s: %s: HTTP %ld, %s", g->base,
			   path[0] == 'a' ? "login" : path, status,
			   greader_why(status)),
		       SYNC_ERR_SERVER;
	return 0;
}

char *
greader_escape(const char *s)
{
	char *e, *out;

	e = curl_easy_escape(NULL, s, 0);
	out = xstrdup(e != NULL ? e : "");
	curl_free(e);
	return out;
}

/* ClientLogin: the Auth= line of the answer. */
static int
greader_login(struct greader *g, const char *user, const char *pw, char **cause)
{
	char *form, *eu, *ep, *p, *end;
	int rc;

	eu = greader_escape(user);
	ep = greader_escape(pw);
	form = xasprintf("Email=%s&Passwd=%s", eu, ep);
	free(eu);
	explicit_bzero(ep, strlen(ep));
	free(ep);
	rc = greader_request(g, "accounts/ClientLogin", form, cause);
	explicit_bzero(form, strlen(form));
	free(form);
	if (rc != 0)
		return rc;
	buf_addc(&g->body, '\0');
	p = strstr(g->body.data, "Auth=");
	if (p == NULL || (p != g->body.data && p[-1] != '\n'))
		return util_fail(cause,
			   "sync: %s: login: no Auth in the answer (is it a "
			   "Google Reader API URL?)",
			   g->base),
		       SYNC_ERR_SERVER;
	p += 5;
	end = p + strcspn(p, "\r\n");
	g->auth = xasprintf(
	    "Authorization: GoogleLogin auth=%.*s", (int)(end - p), p);
	return 0;
}

struct greader *
greader_new(const struct config *cfg, const char *password, char **cause)
{
	struct greader *g;
	size_t n;
	int rc;

	g = xcalloc(1, sizeof *g);
	g->cfg = cfg;
	g->base = xstrdup(cfg->sync_server);
	n = strlen(g->base);
	while (n > 0 && g->base[n - 1] == '/')
		g->base[--n] = '\0';
	buf_init(&g->body, 0);
	g->easy = curl_easy_init();
	if (g->easy == NULL) {
		util_fail(cause, "libcurl: cannot make a handle");
		greader_free(g);
		return NULL;
	}
	curl_easy_setopt(g->easy, CURLOPT_ERRORBUFFER, g->errbuf);
	curl_easy_setopt(g->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(g->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(g->easy, CURLOPT_USERAGENT, cfg->user_agent);
	if (cfg->ca_file != NULL && cfg->ca_file[0] != '\0')
		curl_easy_setopt(g->easy, CURLOPT_CAINFO, cfg->ca_file);
	curl_easy_setopt(g->easy, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(g->easy, CURLOPT_TIMEOUT, cfg->timeout);
	curl_easy_setopt(g->easy, CURLOPT_CONNECTTIMEOUT,
	    cfg->timeout < 15 ? cfg->timeout : 15L);
	curl_easy_setopt(g->easy, CURLOPT_WRITEFUNCTION, greader_write_cb);
	curl_easy_setopt(g->easy, CURLOPT_WRITEDATA, g);
	rc = greader_login(g, cfg->sync_user, password, cause);
	if (rc != 0) {
		greader_free(g);
		return NULL;
	}
	return g;
}

void
greader_free(struct greader *g)
{
	if (g == NULL)
		return;
	if (g->easy != NULL)
		curl_easy_cleanup(g->easy);
	if (g->auth != NULL)
		explicit_bzero(g->auth, strlen(g->auth));
	free(g->auth);
	free(g->token);
	free(g->base);
	buf_free(&g->body);
	free(g);
}

long
greader_requests(const struct greader *g)
{
	return g->requests;
}

int
greader_get(struct greader *g, const char *path, json_t **out, char **cause)
{
	json_error_t err;
	int rc;

	*out = NULL;
	rc = greader_request(g, path, NULL, cause);
	if (rc != 0)
		return rc;
	*out = json_loadb(g->body.data, g->body.len, 0, &err);
	if (*out == NULL)
		return util_fail(cause,
			   "sync: %s: %.40s: the answer is not JSON (line %d)",
			   g->base, path, err.line),
		       SYNC_ERR_SERVER;
	return 0;
}

int
greader_post(struct greader *g, const char *path, const char *form, char **body,
    char **cause)
{
	char *full, *t;
	size_t n;
	int rc;

	if (g->token == NULL) {
		rc = greader_request(g, "reader/api/0/token", NULL, cause);
		if (rc != 0)
			return rc;
		n = g->body.len;
		while (
		    n > 0 && util_isspace((unsigned char)g->body.data[n - 1]))
			n--;
		g->token =
		    xstrndup(g->body.data != NULL ? g->body.data : "", n);
	}
	t = greader_escape(g->token);
	full = xasprintf("%s%sT=%s", form, form[0] != '\0' ? "&" : "", t);
	free(t);
	rc = greader_request(g, path, full, cause);
	free(full);
	if (rc == 0 && body != NULL) {
		buf_addc(&g->body, '\0');
		*body = xstrdup(g->body.data);
	}
	return rc;
}

/* ---- the fetcher's side --------------------------------------------- */

static void
fetch_sync_event(
    struct chan *chan, enum chan_type type, long n, const char *why)
{
	struct chan_msg m;

	memset(&m, 0, sizeof m);
	m.type = type;
	switch (type) {
	case CHAN_BATCH_START:
		m.batch_start.feeds = 1;
		break;
	case CHAN_FEED_DONE:
		m.feed_done.new = n;
		m.feed_done.updated = 1; /* states may have changed */
		break;
	case CHAN_FEED_FAIL:
		m.feed_fail.why = why;
		break;
	case CHAN_BATCH_DONE:
		m.batch_done.done = 1;
		m.batch_done.failed = why != NULL;
		m.batch_done.new_entries = n;
		break;
	default:
		break;
	}
	chan_event(chan, &m);
}

int
fetch_sync_command(const struct config *cfg, struct fetch_pool *pool,
    struct chan *chan, const struct chan_msg *m)
{
	struct sync_stats stats;
	struct store *st;
	char *cause = NULL;
	int rc;

	if (!sync_configured(cfg) ||
	    (m->type != CHAN_REFRESH_ALL && m->type != CHAN_REFRESH_FEED))
		return 0;
	fetch_sync_event(chan, CHAN_BATCH_START, 0, NULL);
	memset(&stats, 0, sizeof stats);
	st = fetch_pool_store_borrow(pool);
	rc = sync_run(cfg, st, &stats, &cause);
	fetch_pool_store_return(pool);
	if (rc != 0)
		fetch_sync_event(chan, CHAN_FEED_FAIL, 0, cause);
	else
		fetch_sync_event(chan, CHAN_FEED_DONE, stats.new_entries, NULL);
	fetch_sync_event(chan, CHAN_BATCH_DONE, stats.new_entries, cause);
	free(cause);
	return 1;
}
