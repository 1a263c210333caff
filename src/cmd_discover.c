/*
 * cmd_discover: what a URL or file given to `orrery add` stands for -- a
 * feed, or a page that names feeds (discover.c reads those).  Fetches the
 * URL once through fetch.h and parses it through parse.h to tell; must
 * not touch the store or print (the commands do).
 */
#include "cmd.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "discover.h"
#include "fetch.h"
#include "parse.h"
#include "url.h"
#include "util.h"

/*
 * A local file's file:// URL: its absolute path, with every byte that is
 * not plain in a URL path percent-encoded.  NULL with *cause when it is
 * not a readable regular file.
 */
char *
cmd_file_url(const char *path, char **cause)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
				    "/-._~!$&'()*+,;=:@";
	struct stat sb;
	struct buf b;
	char *abs, hex[4];
	const unsigned char *p;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		util_fail(cause,
		    "%s: not a feed URL (http, https or file) nor "
		    "a file",
		    path);
		return NULL;
	}
	abs = realpath(path, NULL);
	if (abs == NULL) {
		util_fail(cause, "%s: cannot find its absolute path", path);
		return NULL;
	}
	buf_init(&b, 0);
	buf_addstr(&b, "file://");
	for (p = (const unsigned char *)abs; *p != '\0'; p++) {
		if (strchr(plain, *p) != NULL)
			buf_add(&b, (const char *)p, 1);
		else {
			snprintf(hex, sizeof hex, "%%%02X", *p);
			buf_add(&b, hex, 3);
		}
	}
	free(abs);
	return buf_detach(&b, NULL);
}

void
cmd_found_free(struct cmd_found *f)
{
	free(f->url);
	free(f->page);
	free(f->note);
	discover_free(f->others, f->nothers);
	memset(f, 0, sizeof *f);
}

/*
 * The page's feeds: the first is the one, the others are listed.  -1 with
 * *cause when it names none.
 */
static int
found_on_page(struct cmd_found *f, const char *body, size_t len,
    const char *where, char **cause)
{
	struct discover_feed *feeds;
	size_t n;

	discover_feeds(body, len, where, &feeds, &n);
	if (n == 0)
		return util_fail(cause,
		    "%s: an HTML page that names no feed (no <link "
		    "rel=\"alternate\"> of an RSS, Atom or JSON Feed type)",
		    where);
	f->url = xstrdup(feeds[0].url);
	f->page = xstrdup(where);
	if (n > 1) {
		f->others = xreallocarray(NULL, n - 1, sizeof *f->others);
		memcpy(f->others, feeds + 1, (n - 1) * sizeof *feeds);
		f->nothers = n - 1;
	}
	free(feeds[0].url);
	free(feeds[0].type);
	free(feeds[0].title);
	free(feeds);
	return 0;
}

int
cmd_find_feed(
    struct cmd_ctx *x, const char *url, struct cmd_found *f, char **cause)
{
	struct parse_options po;
	struct parsed_feed *pf;
	char *body = NULL, *where = NULL, *ctype = NULL, *err = NULL;
	size_t len = 0;
	int rv = 0;

	memset(f, 0, sizeof *f);
	if (x->offline) {
		f->url = xstrdup(url);
		return 0;
	}
	if (fetch_page(x->cfg, url, &body, &len, &where, &ctype, &err) != 0) {
		/* Not reachable now: subscribe as given, as refresh would
		 * find out the same. */
		f->url = xstrdup(url);
		f->note = err;
		return 0;
	}
	memset(&po, 0, sizeof po);
	po.url = where;
	po.max_size = cmd_max_bytes(x);
	pf = parse_feed(body != NULL ? body : "", len, &po, &err);
	if (pf != NULL)
		f->url = xstrdup(url);
	else if (discover_is_html(body != NULL ? body : "", len, ctype))
		rv = found_on_page(f, body, len, where, cause);
	else
		rv =
		    util_fail(cause, "%s: neither a feed nor an HTML page (%s)",
			url, err != NULL ? err : "unknown");
	parse_free(pf);
	free(err);
	free(body);
	free(where);
	free(ctype);
	return rv;
}
