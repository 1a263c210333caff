/*
 * opml: subscription lists in and out.  Reads OPML 1.0/1.1/2.0 (folders
 * nested to any depth become "/"-joined categories) and newsboat's `urls`
 * file; writes OPML 2.0 that it reads back to the same list.  Pure: bytes
 * in, data out; no I/O, no globals, nothing printed.  libxml2 never loads a
 * DTD, an external entity or anything from the network.
 */
#ifndef ORRERY_OPML_H
#define ORRERY_OPML_H

#include <stddef.h>

struct opml_feed {
	char *url;	  /* xmlUrl, required */
	char *title;	  /* title attr, else text attr; NULL if neither */
	char *html_url;	  /* htmlUrl or NULL */
	char *category;	  /* enclosing outline titles joined with "/", e.g.
			   "Python/Blogs"; NULL at top level */
	char *feed_title; /* the title the feed itself gives (orrery's own
			     feedTitle attribute, which tells a name the user
			     chose from the feed's title), or NULL */
};

/*
 * Parse OPML 1.0/2.0 (nested outlines, any depth; outlines without xmlUrl
 * are folders).  When the data does not start with '<' (after an optional
 * BOM and whitespace) it is read as newsboat's `urls` file instead.
 *
 * Returns 0 with a malloc'd array in *out (NULL when there are no feeds)
 * and its length in *n, which the caller frees with opml_free(); or -1 with
 * *cause set (e.g. "not OPML: the document is <rss>").  Feeds are in
 * document order, deduplicated by url (the first wins); titles and
 * categories are plain text (util_clean_text).  URLs are trimmed, and any
 * blank, control character or non-UTF-8 byte inside one becomes %XX.
 * OPML in UTF-16 or a declared legacy encoding is converted; bytes that
 * are not valid UTF-8 are read as windows-1252 (with a note).
 *
 * skipped and nskipped (either may be NULL) receive a malloc'd array of
 * human-readable notes, one per thing that could not be imported, e.g.
 * "line 7: query feeds are not supported: query:Unread:unread = \"yes\"",
 * which the caller frees with opml_free_notes().  Nothing is dropped
 * silently: malformed XML that was only partly read is noted too.
 */
int opml_parse(const char *data, size_t len, struct opml_feed **out, size_t *n,
    char ***skipped, size_t *nskipped, char **cause);
void opml_free(struct opml_feed *, size_t);
void opml_free_notes(char **, size_t);

/*
 * Write OPML 2.0 (UTF-8, <head><title>): folders as nested
 * <outline text="..."> by category path, each feed as
 * <outline type="rss" text=T title=T xmlUrl=U htmlUrl=H feedTitle=F/> with
 * T the title or else the url, F the feed_title (left out when NULL);
 * everything escaped.  opml_parse() reads the result back
 * to the same list (same urls, titles, html_urls, categories and
 * feed_titles, the same
 * order within a category).  Returns a malloc'd string.
 */
char *opml_write(const struct opml_feed *, size_t n, const char *title);

#endif /* ORRERY_OPML_H */
