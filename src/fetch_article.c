/*
 * fetch_article: a downloaded page -> the whole article kept for its
 * entry (store_article.h): the page must be HTML, and the extractor
 * (extract.c) must find an article in it; otherwise the row says why in
 * one line.  Runs on a pool worker with no lock held.  No curl (the
 * transfer was fetch.c's), no store access, nothing printed.
 */
#include "fetch_pool.h"

#include <stdlib.h>
#include <string.h>

#include "discover.h"
#include "extract.h"
#include "store_article.h"
#include "util.h"

void
fetch_article_of(const struct fetch_job *job, struct store_article *a)
{
	char *cause = NULL, *type;

	memset(a, 0, sizeof *a);
	a->entry_id = job->entry;
	a->status = job->status;
	a->url = job->url != NULL ? xstrdup(job->url) : NULL;
	a->etag = job->etag != NULL ? xstrdup(job->etag) : NULL;
	a->last_modified =
	    job->last_modified != NULL ? xstrdup(job->last_modified) : NULL;
	if (job->error != NULL) {
		a->error = xstrdup(job->error);
		return;
	}
	if (job->not_modified)
		return; /* the article kept stands */
	if (job->body.data == NULL || job->body.len == 0) {
		a->error = xstrdup("the page is empty");
		return;
	}
	if (!discover_is_html(job->body.data, job->body.len, job->ctype)) {
		type = job->ctype != NULL
		    ? util_trim_dup(job->ctype, strcspn(job->ctype, ";"))
		    : NULL;
		a->error = type != NULL && *type != '\0'
		    ? xasprintf("not an HTML page (%s)", type)
		    : xstrdup("not an HTML page");
		free(type);
		return;
	}
	a->html = extract_article(
	    job->body.data, job->body.len, job->charset, &cause);
	if (a->html == NULL)
		a->error = cause != NULL ? cause : xstrdup("no article found");
}
