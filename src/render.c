/*
 * render: turns a stored entry into the pager's rendering.  It chooses
 * the body (the full content, else the summary, or the whole article
 * kept for it: render_article) and formats the header's
 * date and enclosures (enclosure.c); html.c does the layout.  No I/O, no store access.
 */
#include "render.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "enclosure.h"
#include "html.h"
#include "store.h"
#include "util.h"

void
render_entry_date(
    const struct store_entry *e, int utc, char *out, unsigned long len)
{
	char upd[64];
	size_t n;

	/* "Sun 2026-11-22 14:03 UTC" */
	date_format(
	    e->time, utc, "%a %Y-%m-%d %H:%M %Z", "undated", out, (size_t)len);
	/* A post stays where it was published; an edit is said, not
	 * sorted on: ", updated Mon 2026-11-23 09:00 UTC". */
	if (e->updated == STORE_NO_TIME || e->updated / 60 <= e->time / 60)
		return;
	date_format(
	    e->updated, utc, "%a %Y-%m-%d %H:%M %Z", "", upd, sizeof upd);
	n = strlen(out);
	if (upd[0] != '\0' && n < len)
		snprintf(out + n, (size_t)len - n, ", updated %s", upd);
}

/* e's header over body (is_html says whether it is markup), its links
 * resolved against base. */
static struct html_doc *
render_entry_body(const struct store_entry *e, const char *body, int is_html,
    const char *base, int utc, int width)
{
	struct html_options ho;
	struct html_head hh;
	struct html_attachment *att;
	struct html_doc *doc;
	size_t i;
	char date[128];

	render_entry_date(e, utc, date, sizeof date);
	memset(&hh, 0, sizeof hh);
	att = e->nenclosures > 0
	    ? xreallocarray(NULL, e->nenclosures, sizeof *att)
	    : NULL;
	for (i = 0; i < e->nenclosures; i++) {
		att[i].url = e->enclosures[i].url;
		att[i].label = enclosure_label(e->enclosures[i].type,
		    e->enclosures[i].length, e->enclosures[i].duration);
	}
	hh.attachments = att;
	hh.nattachments = e->nenclosures;
	hh.title = e->title;
	hh.source = e->source;
	hh.author = e->author;
	hh.date = date;
	hh.link = e->link;
	memset(&ho, 0, sizeof ho);
	ho.width = width;
	ho.base = base;
	doc = html_render_entry(&hh, body != NULL ? body : "",
	    body != NULL ? strlen(body) : 0, is_html, &ho);
	for (i = 0; i < e->nenclosures; i++)
		free((char *)(uintptr_t)att[i].label);
	free(att);
	return doc;
}

struct html_doc *
render_entry(const struct store_entry *e, int utc, int width)
{
	const char *body;
	int is_html;

	body = e->content != NULL ? e->content : e->summary;
	is_html = e->content != NULL ? e->content_html : e->summary_html;
	return render_entry_body(e, body, is_html, e->link, utc, width);
}

struct html_doc *
render_article(const struct store_entry *e, const char *html, const char *url,
    int utc, int width)
{
	return render_entry_body(
	    e, html, 1, url != NULL ? url : e->link, utc, width);
}
