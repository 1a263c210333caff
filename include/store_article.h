/*
 * store_article: the whole articles kept with their entries (issue 19):
 * the articles table, one row per entry whose page was fetched, holding
 * the extracted article (HTML, for html.c) and its search text, where it
 * came from, when, the validators for a conditional request next time,
 * and the last error when the fetch failed.  An article row goes with its
 * entry (ON DELETE CASCADE: retention, remove).  Its text is searchable
 * as the entry's: store_article_put rebuilds the entry's search row
 * through store.c's one path (store_fts_put), which appends the article's
 * text after the feed's.  Nothing here fetches, extracts or prints.
 */
#ifndef ORRERY_STORE_ARTICLE_H
#define ORRERY_STORE_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

struct store;

struct store_article {
	int64_t entry_id;
	char *url;  /* where the page came from (after redirects) */
	char *html; /* the article, NULL when none is kept (error) */
	int64_t fetched;
	char *etag, *last_modified; /* the page's validators, or NULL */
	long status;		    /* the last HTTP status, 0: none */
	char *error;		    /* why the last fetch failed, or NULL */
};

/*
 * Read entry's article into *a (the caller clears it): 1 when there is a
 * row (a->html may still be NULL: only an error is kept), 0 when the
 * entry has none, -1 and *cause on failure.
 */
int store_article_get(
    struct store *, int64_t entry, struct store_article *, char **cause);
/*
 * Keep a (fetched now) for a->entry_id, replacing what it had, and
 * reindex the entry for search, in one transaction.  A row with html NULL
 * records a failure: an article kept before stays, with the error beside
 * it.  a->html NULL with a->status 304: the page did not change, only the
 * time is recorded.  -1 and *cause on failure (no entry: "no entry with
 * id N").
 */
int store_article_put(
    struct store *, const struct store_article *, char **cause);
void store_article_clear(struct store_article *);
/*
 * The entries of feed first seen at or after since that have no article
 * row yet, when the feed's setting key is "yes" (feed_settings.h says
 * which key): for refresh to fetch their articles.  At most max ids,
 * newest first, into *ids (malloc'd, NULL when none).
 */
int store_articles_wanted(struct store *, int64_t feed, const char *key,
    int64_t since, size_t max, int64_t **ids, size_t *n, char **cause);

#endif /* ORRERY_STORE_ARTICLE_H */
