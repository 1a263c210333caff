/*
 * html_render: walking libxml2's tree and deciding what each element
 * does.  Owns the element table -- each entry an element's name, kind,
 * look and its enter and leave handlers -- the stack of open elements,
 * the numbered links, images and embeds, lists and their markers, and
 * text going into the paragraph being collected.  The look it produces
 * is described in html.c.  Pure; lines are made by html_layout.c, tables
 * by html_table.c.
 */
#include "html_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "util.h"

/* ---- links, images, embeds ---- */

/* The number of a URL in the list, adding it when new. */
int
render_link(struct render *r, const char *url)
{
	struct html_doc *d = r->doc;
	size_t n;

	if (strmap_get(&r->links, url, &n))
		return (int)n;
	if (d->nlinks == r->linksize) {
		r->linksize = r->linksize == 0 ? 16 : r->linksize * 2;
		d->links =
		    xreallocarray(d->links, r->linksize, sizeof *d->links);
	}
	d->links[d->nlinks++] = xstrdup(url);
	strmap_add(&r->links, url, d->nlinks);
	return (int)d->nlinks;
}

/* "[n]" for a URL, right after the text when attach; not twice in a row
 * for the same URL (an image inside a link to it). */
static void
render_mark(struct render *r, struct para *p, const char *url, int attach)
{
	char buf[32];
	int n = render_link(r, url), space;

	if (p->len > 0 && p->markend == p->len && p->markn == n)
		return;
	snprintf(buf, sizeof buf, "[%d]", n);
	space = p->space;
	if (attach)
		p->space = 0;
	para_text(
	    p, buf, strlen(buf), HTML_A_LINK, HTML_SYN_NONE, render_mode(r));
	if (attach)
		p->space = space;
	p->markend = p->len;
	p->markn = n;
}

/* "[n]" for a URL at the end of the last line, when it fits there. */
static int
render_mark_last(struct render *r, const char *url)
{
	struct html_line *l;
	struct html_span *sp;
	char buf[32];
	size_t n;

	if (r->doc->nlines == 0)
		return 0;
	l = &r->doc->lines[r->doc->nlines - 1];
	n = (size_t)snprintf(buf, sizeof buf, "[%d]", render_link(r, url));
	if (l->len == 0 || l->width + (int)n > r->width)
		return 0;
	l->text = xreallocarray(l->text, l->len + n + 1, 1);
	memcpy(l->text + l->len, buf, n + 1);
	sp = l->nspans > 0 ? &l->spans[l->nspans - 1] : NULL;
	if (sp != NULL && sp->off + sp->len == l->len &&
	    sp->attr == HTML_A_LINK && sp->syn == HTML_SYN_NONE)
		sp->len += n;
	else {
		l->spans = xreallocarray(l->spans, l->nspans + 1, sizeof *sp);
		sp = &l->spans[l->nspans++];
		sp->off = l->len;
		sp->len = n;
		sp->attr = HTML_A_LINK;
		sp->syn = HTML_SYN_NONE;
	}
	l->len += n;
	l->width += (int)n;
	return 1;
}

/* Where inline content goes; text between a table's cells gets a cell
 * of its own. */
static struct para *
render_target(struct render *r)
{
	if (r->cur == NULL && r->tbl != NULL)
		table_cell(r, NULL);
	return r->cur;
}

/* A URL from href or src, cleaned and resolved; NULL for none, for
 * script and data URLs and (links) for fragments of this page. */
static char *
render_url(struct render *r, const char *raw, int link)
{
	char *c, *u;

	c = url_clean(raw);
	if (c == NULL)
		return NULL;
	if ((link && c[0] == '#') || util_strncaseeq(c, "javascript:", 11) ||
	    util_strncaseeq(c, "vbscript:", 9) ||
	    util_strncaseeq(c, "data:", 5)) {
		free(c);
		return NULL;
	}
	u = url_resolve(r->base, c);
	free(c);
	return u;
}
/*
 * "[KIND: label]" (or "[KIND]"), dim, then the number of url when there
 * is one: how images and embeds show.
 */
static void
render_bracket(struct render *r, const char *kind, const char *label,
    const char *url, unsigned attr)
{
	struct para *p;
	char *text;

	p = render_target(r);
	if (p == NULL)
		return;
	if (p->len > 0 && p->text[p->len - 1] == ']')
		para_space(p, 0, HTML_SYN_NONE);
	text = label != NULL ? xasprintf("[%s: %s]", kind, label)
			     : xasprintf("[%s]", kind);
	para_text(p, text, strlen(text), attr | HTML_A_DIM, HTML_SYN_NONE,
	    render_mode(r));
	free(text);
	if (url != NULL)
		render_mark(r, p, url, 1);
}

static void
render_img(struct render *r, const xmlNode *n)
{
	const char *src, *alt;
	char *url = NULL, *clean = NULL;
	unsigned attr = r->frames[r->nframes - 1].attr;

	if (html_tiny(html_attr(n, "width")) ||
	    html_tiny(html_attr(n, "height")))
		return;
	src = html_attr(n, "src");
	if (src != NULL)
		url = render_url(r, src, 0);
	if (url == NULL && (src = html_attr(n, "data-src")) != NULL)
		url = render_url(r, src, 0);
	alt = html_attr(n, "alt");
	if (alt != NULL)
		clean = util_clean_text(alt, strlen(alt));
	/* alt="" is decorative, unless it is all a link shows. */
	if (alt != NULL && clean == NULL && !html_link_image(n)) {
		free(url);
		return;
	}
	render_bracket(r, "image", clean, url, attr);
	free(url);
	free(clean);
}

static void
render_embed(struct render *r, const xmlNode *n)
{
	const char *name = (const char *)n->name, *src, *title;
	const xmlNode *c;
	char *url = NULL, *label = NULL;
	unsigned attr = r->frames[r->nframes - 1].attr;

	if (r->object > 0 && strcmp(name, "embed") == 0)
		return; /* the plugin's fallback for the object around it */
	src = html_attr(n, strcmp(name, "object") == 0 ? "data" : "src");
	if ((src == NULL || *src == '\0') &&
	    (strcmp(name, "video") == 0 || strcmp(name, "audio") == 0)) {
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)c->name, "source") == 0 &&
			    (src = html_attr(c, "src")) != NULL)
				break;
	}
	if (src == NULL || *src == '\0')
		src = html_attr(n, "data-src");
	if (src != NULL)
		url = render_url(r, src, 0);
	title = html_attr(n, "title");
	if (title != NULL)
		label = util_clean_text(title, strlen(title));
	if (label == NULL && url != NULL)
		label = url_host(url);
	render_bracket(r, "embed", label, url, attr);
	free(url);
	free(label);
}
/* ---- lists ---- */

/* An ordered list number as its type says: 1, a, A, i, I. */
static void
html_olnum(long v, char type, char *buf, size_t size)
{
	static const char *const rn[] = { "m", "cm", "d", "cd", "c", "xc", "l",
		"xl", "x", "ix", "v", "iv", "i" };
	static const int rv[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9,
		5, 4, 1 };
	char tmp[32];
	size_t i, k, n;

	if ((type == 'a' || type == 'A') && v >= 1) {
		i = sizeof tmp - 1;
		tmp[i] = '\0';
		while (v > 0 && i > 0) {
			v--;
			tmp[--i] = (char)((type == 'a' ? 'a' : 'A') + v % 26);
			v /= 26;
		}
		snprintf(buf, size, "%s", tmp + i);
	} else if ((type == 'i' || type == 'I') && v >= 1 && v < 4000) {
		n = 0;
		for (i = 0; i < HTML_NITEMS(rv); i++) {
			while (v >= rv[i]) {
				for (k = 0; rn[i][k] != '\0' && n + 1 < size;
				     k++)
					buf[n++] = type == 'I'
					    ? (char)(rn[i][k] - 'a' + 'A')
					    : rn[i][k];
				v -= rv[i];
			}
		}
		buf[n] = '\0';
	} else
		snprintf(buf, size, "%ld", v);
}

/* An ol: its first number, direction and the width of its numbers. */
static void
render_olist(struct frame *f, const xmlNode *n)
{
	const xmlNode *c;
	const char *v;
	char buf[48];
	long num, count = 0;
	int w;

	f->type = '1';
	v = html_attr(n, "type");
	if (v != NULL && v[0] != '\0' && strchr("aAiI", v[0]) != NULL)
		f->type = v[0];
	for (c = n->children; c != NULL; c = c->next)
		if (html_is(c, "li"))
			count++;
	f->step = html_attr(n, "reversed") != NULL ? -1 : 1;
	if (html_long(html_attr(n, "start"), &f->num) != 0)
		f->num = f->step < 0 ? count : 1;
	f->numw = 1;
	num = f->num;
	for (c = n->children; c != NULL; c = c->next) {
		if (!html_is(c, "li"))
			continue;
		html_long(html_attr(c, "value"), &num);
		html_olnum(num, f->type, buf, sizeof buf);
		w = (int)strlen(buf);
		if (w > f->numw)
			f->numw = w;
		num += f->step;
	}
	if (f->numw > 24)
		f->numw = 24;
}

/* An li: its marker as a prefix. */
static void
render_li(struct render *r, struct frame *f, const xmlNode *n)
{
	static const char *const bullets[] = { U_BULLET " ", U_WBULLET " ",
		U_SQUARE " " };
	struct frame *l;
	char num[48], text[64];

	if (r->list != SIZE_MAX && r->frames[r->list].kind == K_OL) {
		l = &r->frames[r->list];
		html_long(html_attr(n, "value"), &l->num);
		html_olnum(l->num, l->type, num, sizeof num);
		snprintf(text, sizeof text, "%*s. ", l->numw, num);
		l->num += l->step;
	} else
		snprintf(text, sizeof text, "%s",
		    bullets[r->ulevel > 0 ? (r->ulevel - 1) % 3 : 0]);
	f->pushed = pfx_push(r, PFX_MARK, text, HTML_A_MARKER);
}
/* ---- open elements ---- */

static struct frame *
frame_push(struct render *r)
{
	struct frame *f;

	if (r->nframes == r->framesize) {
		r->framesize = r->framesize == 0 ? 64 : r->framesize * 2;
		r->frames =
		    xreallocarray(r->frames, r->framesize, sizeof *r->frames);
	}
	f = &r->frames[r->nframes];
	memset(f, 0, sizeof *f);
	if (r->nframes > 0) {
		f->attr = r->frames[r->nframes - 1].attr;
		f->syn = r->frames[r->nframes - 1].syn;
		f->script = r->frames[r->nframes - 1].script;
	}
	f->list = SIZE_MAX;
	r->nframes++;
	return f;
}

void
frame_pop(struct render *r)
{
	struct frame *f = &r->frames[--r->nframes];

	free(f->url);
	free(f->title);
}

int
render_flow(const struct render *r)
{
	return r->tbl == NULL && r->pre == 0;
}
/* ---- inline elements ---- */

/* Elements never shown (script, style, head, forms' inputs ...). */
static int
drop_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	return 0;
}

static void
lineno_leave(struct render *r, struct frame *f)
{
	if (r->cur != NULL)
		para_put(r->cur, " ", 1, 0, HTML_SYN_NONE);
}

/*
 * b, em, code, span and every element the table does not know: a look
 * for their text.  A sup or sub of digits is written in script
 * characters ("x²", "H₂O"); digits marked as line numbers inside a pre
 * are dim with a space after them; in svg only <text> shows.
 */
static int
inline_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (r->pre == 0)
		f->script = (char)html_script_of(n);
	if (r->pre > 0 && html_lineno(n)) {
		f->attr |= HTML_A_DIM;
		f->kind = K_LINENO;
		f->leave = lineno_leave;
	}
	if (r->svg > 0 && strcmp((const char *)n->name, "text") == 0 &&
	    r->cur != NULL)
		para_space(r->cur, 0, HTML_SYN_NONE);
	return 1;
}

/* A forced line break. */
static int
br_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (r->cur != NULL)
		para_break(r->cur);
	return 0;
}

/* A break opportunity. */
static int
wbr_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (r->cur != NULL && render_mode(r) != WS_PRE && r->cur->len > 0)
		para_put(r->cur, "\002", 1, f->attr, f->syn);
	return 0;
}

/* A rule across the width, between blank lines; in a cell or a pre, a
 * line break. */
static int
hr_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (render_flow(r)) {
		render_flush(r);
		r->blank = 1;
		render_rule(r);
		r->blank = 1;
	} else if (r->cur != NULL)
		para_soft(r->cur);
	return 0;
}

static int
img_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	render_img(r, n);
	return 0;
}

/*
 * iframe, video, audio, object, embed.  Fallback content is for browsers
 * without video or frames, but a plugin's is what everyone sees now: an
 * object's children are shown.
 */
static int
embed_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	render_embed(r, n);
	if (strcmp((const char *)n->name, "object") != 0)
		return 0;
	r->object++;
	f->pushed = 1;
	return 1;
}

static void
embed_leave(struct render *r, struct frame *f)
{
	if (f->pushed)
		r->object--;
}

/* A link: its text, then its number; a heading's permalink to itself
 * is dropped. */
static int
a_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	const char *v = html_attr(n, "href");

	if (v != NULL && v[0] == '#' && html_anchor_mark(n)) {
		f->kind = K_INLINE;
		f->leave = NULL;
		return 0;
	}
	f->url = v != NULL ? render_url(r, v, 1) : NULL;
	if (f->url != NULL) {
		f->attr |= HTML_A_LINK;
		f->mp = r->cur;
		f->mark = r->cur != NULL ? r->cur->len : 0;
		f->lines = r->doc->nlines;
	}
	return 1;
}

static void
a_leave(struct render *r, struct frame *f)
{
	struct para *p = r->cur;

	if (f->url == NULL || p == NULL)
		return;
	/* A link around a block: its number goes at the end of the
	 * block's last line when it fits. */
	if (p == &r->main && p->len == 0 && r->doc->nlines > f->lines &&
	    render_mark_last(r, f->url))
		return;
	render_mark(r, p, f->url, p == f->mp ? p->len > f->mark : p->len > 0);
}

/* abbr, acronym: " (title)" after it, the first time each title shows
 * and unless it is the text but for case. */
static int
abbr_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	const char *v = html_attr(n, "title");

	if (v != NULL)
		f->title = util_clean_text(v, strlen(v));
	if (f->title != NULL && html_same_text(n, f->title)) {
		/* <abbr title="html">HTML</abbr> */
		free(f->title);
		f->title = NULL;
	}
	if (f->title != NULL && !strmap_add(&r->abbrs, f->title, 1)) {
		free(f->title);
		f->title = NULL;
	}
	return 1;
}

static void
abbr_leave(struct render *r, struct frame *f)
{
	char *s;

	if (f->title == NULL || r->cur == NULL)
		return;
	s = xasprintf(" (%s)", f->title);
	para_text(r->cur, s, strlen(s), f->attr, f->syn, render_mode(r));
	free(s);
}

/* q: “quoted”, ‘inner’ when nested. */
static int
q_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	struct para *p = render_target(r);

	if (p != NULL)
		para_text(p, r->qdepth % 2 ? U_LSQUO : U_LDQUO,
		    sizeof U_LDQUO - 1, f->attr, f->syn, render_mode(r));
	r->qdepth++;
	return 1;
}

static void
q_leave(struct render *r, struct frame *f)
{
	r->qdepth--;
	if (r->cur != NULL)
		para_text(r->cur, r->qdepth % 2 ? U_RSQUO : U_RDQUO,
		    sizeof U_RDQUO - 1, f->attr, f->syn, render_mode(r));
}

static int
svg_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	r->svg++;
	return 1;
}

static void
svg_leave(struct render *r, struct frame *f)
{
	r->svg--;
}

/* ---- blocks ---- */

static void
soft_leave(struct render *r, struct frame *f)
{
	if (r->cur != NULL)
		para_soft(r->cur);
}

/* A block inside a table being collected or inside a pre only starts a
 * new line (the table's own parts build it: html_table.c). */
int
block_soft(struct render *r, struct frame *f)
{
	f->mode = FM_SOFT;
	f->leave = soft_leave;
	if (r->cur != NULL)
		para_soft(r->cur);
	return 1;
}

/* div, section, article and the like (and stray parts of tables): a new
 * line. */
int
block_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (!render_flow(r))
		return block_soft(r, f);
	render_flush(r);
	return 1;
}

void
block_leave(struct render *r, struct frame *f)
{
	render_flush(r);
	if (f->pushed == 2)
		render_lnum_free(r);
}

/* p, address, dl, figure ...: a blank line around it; a dd's first
 * paragraph follows its dt directly. */
static int
p_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	const struct frame *up;

	if (!render_flow(r))
		return block_soft(r, f);
	render_flush(r);
	up = r->nframes >= 2 ? &r->frames[r->nframes - 2] : NULL;
	if (up == NULL || up->kind != K_DD || up->lines != r->doc->nlines ||
	    r->main.len > 0)
		r->blank = 1;
	return 1;
}

static void
p_leave(struct render *r, struct frame *f)
{
	render_flush(r);
	r->blank = 1;
}

/* h1-h6: "# " to "###### " before the text, the lines flagged. */
static int
heading_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	char buf[16];
	int level = n->name[1] - '0';

	if (!render_flow(r))
		return block_soft(r, f);
	render_flush(r);
	r->blank = 1;
	memset(buf, '#', (size_t)level);
	buf[level] = ' ';
	buf[level + 1] = '\0';
	f->pushed = pfx_push(r, PFX_MARK, buf, HTML_A_HEADING | HTML_A_BOLD);
	f->lflags = r->lflags;
	r->lflags |= HTML_L_HEADING;
	return 1;
}

static void
heading_leave(struct render *r, struct frame *f)
{
	render_flush(r);
	if (f->pushed)
		pfx_pop(r);
	r->main.leadlen = 0;
	r->lflags = f->lflags;
	r->blank = 1;
}

/* A list opens: blank lines around it unless it is nested. */
static void
list_open(struct render *r, struct frame *f)
{
	render_flush(r);
	if (r->inli == 0)
		r->blank = 1;
	f->list = r->list;
	r->list = r->nframes - 1;
}

static void
list_close(struct render *r, struct frame *f)
{
	render_flush(r);
	r->list = f->list;
	if (r->inli == 0)
		r->blank = 1;
}

static int
ul_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (!render_flow(r))
		return block_soft(r, f);
	list_open(r, f);
	r->ulevel++;
	return 1;
}

static void
ul_leave(struct render *r, struct frame *f)
{
	r->ulevel--;
	list_close(r, f);
}

static int
ol_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (!render_flow(r))
		return block_soft(r, f);
	list_open(r, f);
	render_olist(f, n);
	return 1;
}

static void
ol_leave(struct render *r, struct frame *f)
{
	list_close(r, f);
}

/* li: its marker as a prefix; in a cell or a pre, "• " before it. */
static int
li_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	struct para *p;

	if (!render_flow(r)) {
		block_soft(r, f);
		p = render_target(r);
		if (p != NULL)
			para_text(p, U_BULLET "\xc2\xa0", sizeof U_BULLET + 1,
			    HTML_A_MARKER, HTML_SYN_NONE, render_mode(r));
		return 1;
	}
	render_flush(r);
	render_li(r, f, n);
	r->inli++;
	return 1;
}

static void
li_leave(struct render *r, struct frame *f)
{
	render_flush(r);
	if (f->pushed)
		pfx_pop_marker(r);
	r->main.leadlen = 0;
	r->inli--;
}

/* details' summary: "▸ " before it. */
static int
summary_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (!render_flow(r))
		return block_soft(r, f);
	render_flush(r);
	f->pushed = pfx_push(r, PFX_MARK, U_TRIANGLE " ", HTML_A_MARKER);
	return 1;
}

static void
summary_leave(struct render *r, struct frame *f)
{
	render_flush(r);
	if (f->pushed)
		pfx_pop_marker(r);
	r->main.leadlen = 0;
}

/* dd: indented by 4. */
static int
dd_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (!render_flow(r))
		return block_soft(r, f);
	render_flush(r);
	f->pushed = pfx_push(r, PFX_PAD, "    ", 0);
	f->lines = r->doc->nlines;
	return 1;
}

static void
dd_leave(struct render *r, struct frame *f)
{
	render_flush(r);
	if (f->pushed)
		pfx_pop(r);
}

/* blockquote: "│ " before every line. */
static int
quote_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (!render_flow(r))
		return block_soft(r, f);
	render_flush(r);
	r->blank = 1;
	f->pushed = pfx_push(r, PFX_BAR, U_VBAR " ", HTML_A_QUOTE);
	return 1;
}

static void
quote_leave(struct render *r, struct frame *f)
{
	render_flush(r);
	if (f->pushed)
		pfx_pop(r);
	r->blank = 1;
}

static void
pre_soft_leave(struct render *r, struct frame *f)
{
	r->pre--;
	soft_leave(r, f);
}

/* pre, listing, xmp: verbatim, indented by 2; Python highlighted when
 * marked so and the markup gave no classes.  In a cell, its lines
 * break the cell's text. */
static int
pre_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (!render_flow(r)) {
		block_soft(r, f);
		f->leave = pre_soft_leave;
		r->pre++;
		return 1;
	}
	render_flush(r);
	r->blank = 1;
	f->pushed = pfx_push(r, PFX_PAD, "  ", 0);
	r->pre = 1;
	r->python = html_is_python(n);
	return 1;
}

static void
pre_leave(struct render *r, struct frame *f)
{
	render_flush(r);
	if (f->pushed)
		pfx_pop(r);
	r->pre = 0;
	r->python = 0;
	r->blank = 1;
}

/* ---- the element table ---- */

/*
 * What each element is, sorted by name; elements not here are inline.
 * Handlers of blocks lay the block out in the document and, inside a
 * table being collected or a pre, only break the line (block_soft).
 */
static const struct html_elem html_elems[] = {
	{ "a", K_A, 0, a_enter, a_leave },
	{ "abbr", K_ABBR, 0, abbr_enter, abbr_leave },
	{ "acronym", K_ABBR, 0, abbr_enter, abbr_leave },
	{ "address", K_P, HTML_A_ITALIC, p_enter, p_leave },
	{ "applet", K_DROP, 0, drop_enter, NULL },
	{ "area", K_DROP, 0, drop_enter, NULL },
	{ "article", K_BLOCK, 0, block_enter, block_leave },
	{ "aside", K_BLOCK, 0, block_enter, block_leave },
	{ "audio", K_EMBED, 0, embed_enter, embed_leave },
	{ "b", K_INLINE, HTML_A_BOLD, inline_enter, NULL },
	{ "base", K_DROP, 0, drop_enter, NULL },
	{ "blockquote", K_QUOTE, 0, quote_enter, quote_leave },
	{ "body", K_BLOCK, 0, block_enter, block_leave },
	{ "br", K_BR, 0, br_enter, NULL },
	{ "canvas", K_DROP, 0, drop_enter, NULL },
	{ "caption", K_CAPTION, HTML_A_ITALIC, caption_enter, block_leave },
	{ "center", K_BLOCK, 0, block_enter, block_leave },
	{ "cite", K_INLINE, HTML_A_ITALIC, inline_enter, NULL },
	{ "code", K_INLINE, HTML_A_CODE, inline_enter, NULL },
	{ "col", K_DROP, 0, drop_enter, NULL },
	{ "colgroup", K_DROP, 0, drop_enter, NULL },
	{ "datalist", K_DROP, 0, drop_enter, NULL },
	{ "dd", K_DD, 0, dd_enter, dd_leave },
	{ "del", K_INLINE, HTML_A_STRIKE, inline_enter, NULL },
	{ "details", K_P, 0, p_enter, p_leave },
	{ "dfn", K_INLINE, HTML_A_ITALIC, inline_enter, NULL },
	{ "dialog", K_BLOCK, 0, block_enter, block_leave },
	{ "dir", K_UL, 0, ul_enter, ul_leave },
	{ "div", K_BLOCK, 0, block_enter, block_leave },
	{ "dl", K_P, 0, p_enter, p_leave },
	{ "dt", K_BLOCK, HTML_A_BOLD, block_enter, block_leave },
	{ "em", K_INLINE, HTML_A_ITALIC, inline_enter, NULL },
	{ "embed", K_EMBED, 0, embed_enter, embed_leave },
	{ "fieldset", K_P, 0, p_enter, p_leave },
	{ "figcaption", K_BLOCK, HTML_A_DIM | HTML_A_ITALIC, block_enter,
	    block_leave },
	{ "figure", K_P, 0, p_enter, p_leave },
	{ "footer", K_BLOCK, 0, block_enter, block_leave },
	{ "form", K_BLOCK, 0, block_enter, block_leave },
	{ "frame", K_DROP, 0, drop_enter, NULL },
	{ "frameset", K_DROP, 0, drop_enter, NULL },
	{ "h1", K_HEADING, HTML_A_HEADING | HTML_A_BOLD | HTML_A_UNDERLINE,
	    heading_enter, heading_leave },
	{ "h2", K_HEADING, HTML_A_HEADING | HTML_A_BOLD, heading_enter,
	    heading_leave },
	{ "h3", K_HEADING, HTML_A_HEADING | HTML_A_BOLD, heading_enter,
	    heading_leave },
	{ "h4", K_HEADING, HTML_A_HEADING | HTML_A_BOLD, heading_enter,
	    heading_leave },
	{ "h5", K_HEADING, HTML_A_HEADING | HTML_A_BOLD, heading_enter,
	    heading_leave },
	{ "h6", K_HEADING, HTML_A_HEADING | HTML_A_BOLD, heading_enter,
	    heading_leave },
	{ "head", K_DROP, 0, drop_enter, NULL },
	{ "header", K_BLOCK, 0, block_enter, block_leave },
	{ "hgroup", K_BLOCK, 0, block_enter, block_leave },
	{ "hr", K_HR, 0, hr_enter, NULL },
	{ "html", K_BLOCK, 0, block_enter, block_leave },
	{ "i", K_INLINE, HTML_A_ITALIC, inline_enter, NULL },
	{ "iframe", K_EMBED, 0, embed_enter, embed_leave },
	{ "img", K_IMG, 0, img_enter, NULL },
	{ "input", K_DROP, 0, drop_enter, NULL },
	{ "ins", K_INLINE, HTML_A_UNDERLINE, inline_enter, NULL },
	{ "kbd", K_INLINE, HTML_A_CODE, inline_enter, NULL },
	{ "legend", K_BLOCK, HTML_A_BOLD, block_enter, block_leave },
	{ "li", K_LI, 0, li_enter, li_leave },
	{ "link", K_DROP, 0, drop_enter, NULL },
	{ "listing", K_PRE, HTML_A_PRE, pre_enter, pre_leave },
	{ "main", K_BLOCK, 0, block_enter, block_leave },
	{ "mark", K_INLINE, HTML_A_MARK, inline_enter, NULL },
	{ "menu", K_UL, 0, ul_enter, ul_leave },
	{ "meta", K_DROP, 0, drop_enter, NULL },
	{ "nav", K_BLOCK, 0, block_enter, block_leave },
	{ "noembed", K_DROP, 0, drop_enter, NULL },
	{ "noframes", K_DROP, 0, drop_enter, NULL },
	{ "noscript", K_DROP, 0, drop_enter, NULL },
	{ "object", K_EMBED, 0, embed_enter, embed_leave },
	{ "ol", K_OL, 0, ol_enter, ol_leave },
	{ "optgroup", K_DROP, 0, drop_enter, NULL },
	{ "option", K_DROP, 0, drop_enter, NULL },
	{ "p", K_P, 0, p_enter, p_leave },
	{ "param", K_DROP, 0, drop_enter, NULL },
	{ "plaintext", K_PRE, HTML_A_PRE, pre_enter, pre_leave },
	{ "pre", K_PRE, HTML_A_PRE, pre_enter, pre_leave },
	{ "q", K_Q, 0, q_enter, q_leave },
	{ "s", K_INLINE, HTML_A_STRIKE, inline_enter, NULL },
	{ "samp", K_INLINE, HTML_A_CODE, inline_enter, NULL },
	{ "script", K_DROP, 0, drop_enter, NULL },
	{ "search", K_BLOCK, 0, block_enter, block_leave },
	{ "section", K_BLOCK, 0, block_enter, block_leave },
	{ "select", K_DROP, 0, drop_enter, NULL },
	{ "source", K_DROP, 0, drop_enter, NULL },
	{ "strike", K_INLINE, HTML_A_STRIKE, inline_enter, NULL },
	{ "strong", K_INLINE, HTML_A_BOLD, inline_enter, NULL },
	{ "style", K_DROP, 0, drop_enter, NULL },
	{ "sub", K_INLINE, HTML_A_DIM, inline_enter, NULL },
	{ "summary", K_SUMMARY, 0, summary_enter, summary_leave },
	{ "sup", K_INLINE, HTML_A_DIM, inline_enter, NULL },
	{ "svg", K_SVG, 0, svg_enter, svg_leave },
	{ "table", K_TABLE, 0, table_enter, table_leave },
	{ "tbody", K_TSECT, 0, tsect_enter, block_leave },
	{ "td", K_CELL, 0, cell_enter, block_leave },
	{ "template", K_DROP, 0, drop_enter, NULL },
	{ "textarea", K_DROP, 0, drop_enter, NULL },
	{ "tfoot", K_TSECT, 0, tsect_enter, block_leave },
	{ "th", K_CELL, HTML_A_BOLD, cell_enter, block_leave },
	{ "thead", K_TSECT, 0, tsect_enter, block_leave },
	{ "title", K_DROP, 0, drop_enter, NULL },
	{ "tr", K_TR, 0, tr_enter, block_leave },
	{ "track", K_DROP, 0, drop_enter, NULL },
	{ "tt", K_INLINE, HTML_A_CODE, inline_enter, NULL },
	{ "u", K_INLINE, HTML_A_UNDERLINE, inline_enter, NULL },
	{ "ul", K_UL, 0, ul_enter, ul_leave },
	{ "var", K_INLINE, HTML_A_ITALIC, inline_enter, NULL },
	{ "video", K_EMBED, 0, embed_enter, embed_leave },
	{ "wbr", K_WBR, 0, wbr_enter, NULL },
	{ "xmp", K_PRE, HTML_A_PRE, pre_enter, pre_leave },
};

static const struct html_elem *
html_elem(const char *name)
{
	size_t lo = 0, hi = HTML_NITEMS(html_elems), mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, html_elems[mid].name);
		if (c < 0)
			hi = mid;
		else if (c > 0)
			lo = mid + 1;
		else
			return &html_elems[mid];
	}
	return NULL;
}

/* The entry of an element the table does not know. */
static const struct html_elem html_unknown = { "", K_INLINE, 0, inline_enter,
	NULL };

/* The look of an element's text: its entry's attributes (inline code is
 * not code inside a pre) and the syntax class its class names. */
static void
render_look(struct render *r, struct frame *f, const struct html_elem *e,
    const xmlNode *n)
{
	const char *v;
	enum html_syn syn;
	unsigned add = e->attr;
	int pre = r->pre > 0 || e->kind == K_PRE;

	if (pre) {
		add &= ~HTML_A_CODE;
		f->attr &= ~HTML_A_CODE;
	}
	f->attr |= add;
	if (!pre && !(f->attr & HTML_A_CODE))
		return;
	v = html_attr(n, "class");
	if (v == NULL)
		return;
	syn = syntax_class(v, pre);
	if (syn != HTML_SYN_NONE)
		f->syn = syn;
}

/* An element starts.  Returns whether its children are wanted. */
static int
render_enter(struct render *r, const xmlNode *n)
{
	static const char *const repl[] = { "repl-toggle" };
	const char *name = (const char *)n->name;
	const struct html_elem *e;
	struct frame *f;

	f = frame_push(r);
	/* Real Python's ">>>" button that hides prompts. */
	if (html_class(n, repl, HTML_NITEMS(repl)))
		return 0;
	e = html_elem(name);
	if (e == NULL)
		e = &html_unknown;
	render_look(r, f, e, n);
	f->kind = e->kind;
	f->leave = e->leave;
	/* Void elements: whatever libxml2 nested inside follows them; br,
	 * wbr, hr, img and embed (K_BR to K_EMBED) still do their part. */
	if (html_void(name)) {
		if (e->kind >= K_BR && e->kind <= K_EMBED)
			e->enter(r, f, n);
		f->kind = K_INLINE;
		f->leave = NULL;
		return 1;
	}
	return e->enter(r, f, n);
}

/* An element ends. */
static void
render_leave(struct render *r)
{
	struct frame *f = &r->frames[r->nframes - 1];

	if (f->leave != NULL)
		f->leave(r, f);
	frame_pop(r);
}

/* ---- text and the walk ---- */

static void
render_text_add(struct render *r, const char *s)
{
	const struct frame *f;
	struct para *p;
	struct buf b;
	size_t len = strlen(s), i;

	f = &r->frames[r->nframes - 1];
	if (r->cur == NULL) {
		/* Between cells only what is not blank counts. */
		if (r->tbl == NULL)
			return;
		for (i = 0; i < len && strchr(" \t\r\n\f", s[i]) != NULL; i++)
			;
		if (i == len)
			return;
	}
	p = render_target(r);
	if (p == NULL)
		return;
	if (f->script != 0) {
		buf_init(&b, 0);
		html_script_str(s, len, f->script, &b);
		para_text(p, b.data, b.len, f->attr, f->syn, render_mode(r));
		buf_free(&b);
	} else
		para_text(p, s, len, f->attr, f->syn, render_mode(r));
	if (r->pre > 0 && f->syn != HTML_SYN_NONE)
		p->synseen = 1;
}

static void
render_text(struct render *r, const xmlNode *n)
{
	const char *s = (const char *)n->content;
	char *cd;

	if (r->nframes == 0)
		return;
	if (r->svg > 0 &&
	    (n->parent == NULL ||
		(!html_is(n->parent, "text") && !html_is(n->parent, "tspan") &&
		    !html_is(n->parent, "textPath"))))
		return;
	cd = html_cdata(&r->cdata, r->pre > 0, s);
	if (cd != NULL)
		s = cd;
	render_text_add(r, s);
	free(cd);
}

/* Walk the tree without recursion. */
void
render_tree(struct render *r, xmlNode *root)
{
	xmlNode *n = root;
	int down;

	for (;;) {
		down = 0;
		if (n->type == XML_ELEMENT_NODE)
			down = render_enter(r, n);
		else if ((n->type == XML_TEXT_NODE ||
			     n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL)
			render_text(r, n);
		if (down && n->children != NULL) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n->type == XML_ELEMENT_NODE)
				render_leave(r);
			if (n == root)
				return;
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}
