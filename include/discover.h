/*
 * discover: the feeds an HTML page names.  A blog's page points at its
 * feeds with <link rel="alternate" type="application/rss+xml" href=...>
 * (or Atom, RSS 1.0 or JSON Feed types); discover reads those, resolved
 * against the page's URL (or its <base href>) through url.c.  Pure: page
 * bytes in, URLs out; no I/O, never the network (libxml2's HTML parser
 * with HTML_PARSE_NONET), nothing printed.
 */
#ifndef ORRERY_DISCOVER_H
#define ORRERY_DISCOVER_H

#include <stddef.h>

struct discover_feed {
	char *url;   /* absolute when the page's URL was */
	char *type;  /* the link's type, lower-cased */
	char *title; /* plain text, or NULL */
};

/*
 * Is this document an HTML page rather than a feed?  content_type (may
 * be NULL) is the HTTP Content-Type; without one, the first markup
 * decides (<!DOCTYPE html>, <html>, <head> or <body>).
 */
int discover_is_html(const char *, size_t, const char *content_type);

/*
 * The feeds the page names, in document order, without duplicates;
 * *feeds is NULL when there are none.  base is the page's URL (may be
 * NULL).  The caller frees the list with discover_free().  Never fails:
 * a page libxml2 cannot read names no feed.
 */
void discover_feeds(const char *, size_t, const char *base,
    struct discover_feed **feeds, size_t *n);
void discover_free(struct discover_feed *, size_t);

#endif /* ORRERY_DISCOVER_H */
