/*
 * render: a stored entry as the pager shows it -- the header (title,
 * source and author, date, link) over the body rendered from HTML or
 * plain text -- shared by `orrery show` and the pager so that both agree.
 * Pure apart from the time zone (TZ) the date is shown in.
 */
#ifndef ORRERY_RENDER_H
#define ORRERY_RENDER_H

struct html_doc;
struct store_entry;

/* The entry's date as the pager's header shows it. */
void render_entry_date(
    const struct store_entry *, int utc, char *out, unsigned long len);

/*
 * Lay out e (read with its bodies: store_entry_get(..., 1, ...)) at width
 * columns; utc chooses the zone of the date.  Links resolve against the
 * entry's link.  The caller frees the result with html_doc_free().
 */
struct html_doc *render_entry(const struct store_entry *, int utc, int width);
/*
 * The same header over the entry's whole article instead (html: the
 * extracted article, store_article.h), its links resolved against url
 * (the page it came from; NULL: the entry's link).
 */
struct html_doc *render_article(const struct store_entry *, const char *html,
    const char *url, int utc, int width);

#endif /* ORRERY_RENDER_H */
