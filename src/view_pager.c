/*
 * view_pager: the pager, one entry at a time.  Owns the entry it shows
 * (read with its bodies), its rendering (render_entry at the pager's
 * width, the same rendering as `orrery show`), the link list
 * under it, the scroll position (a top line and, for wide code, a
 * sideways offset applied to the whole text as less does) and what the
 * KEYS_IN_PAGER actions do.  With F it shows the entry's whole article
 * instead (render_article): read from the store when kept there, else
 * asked of the fetcher (ui_fetch_article), never waited for: the view
 * takes it when VIEW_ARTICLE_DONE comes.
 *
 * It draws only inside its rows and only in draw(), every piece of text
 * through ui_put() (which cleans and clips it); it never writes the title
 * or status line itself (its title callback and ui_message/ui_error do),
 * and reaches the Planet view below it only through view_planet_step().
 */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "render.h"
#include "store.h"
#include "store_article.h"
#include "url.h"
#include "util.h"
#include "view_list.h"
#include "width.h"

/* The title line's margins (no unread count is shown beside it). */
#define PAGER_TITLE_RESERVE 2
/* Sideways scrolling moves by this many columns without a count. */
#define PAGER_HSTEP 8
/* Counts above this are taken as this (no overflow in count * rows). */
#define PAGER_MAX_COUNT 1000000L

#define PAGER_RIGHT "\xe2\x86\x92" /* → : the line goes on to the right */
#define PAGER_LEFT "\xe2\x86\x90"  /* ← : the line was scrolled left */
#define PAGER_DOTS "\xe2\x80\xa6"  /* … */

struct pager {
	struct view *planet; /* borrowed: the Planet view below, or NULL */
	int64_t id;
	int have;	      /* e holds the entry */
	struct store_entry e; /* with its bodies, for re-rendering */
	char *error;	      /* why the entry could not be read, or NULL */
	int full;	      /* showing the whole article, art_html */
	int fetching;	      /* its article was asked of the fetcher */
	char *art_html;	      /* the article kept for it, or NULL */
	char *art_url;	      /* the page it came from, or NULL */

	struct html_doc *doc;	 /* the rendering; NULL until laid out */
	struct html_line *extra; /* after it: "", "Links", "[n] URL" ... */
	size_t nextra;
	size_t nhead; /* header lines above the rule */
	int width;    /* the text width doc was rendered at */
	int maxw;     /* the widest line, in columns */

	struct view_list list; /* n: pager_nlines; no cursor */
	int hoff;	       /* columns scrolled sideways */

	/* The place in the text (pager_place_of) a resize kept, for as long
	 * as the view stays on line place_top: resizing on keeps it, not
	 * the start of the line it fell in. */
	int placed;
	size_t place_top, place_off, place_blank;
};

/* Where the text goes: x0 is the left margin, avail the columns after. */
static void
pager_geometry(struct view *v, int *x0, int *avail)
{
	struct pager *p = v->data;
	int w = p->width > 0 ? p->width : 10;

	*x0 = v->cols > w ? 1 : 0;
	*avail = v->cols - *x0;
	if (*avail < 0)
		*avail = 0;
}

/* The width to render at: the configured text width, narrower windows
 * leaving a column each side. */
static int
pager_text_width(struct view *v)
{
	long w = ui_config(v->ui)->text_width;

	if (w > v->cols - 2)
		w = v->cols - 2;
	if (w < 10)
		w = 10;
	return (int)w;
}

static int
pager_rows(struct view *v)
{
	return v->rows > 0 ? v->rows : 1;
}

static void
pager_free_doc(struct pager *p)
{
	size_t i;

	html_doc_free(p->doc);
	p->doc = NULL;
	for (i = 0; i < p->nextra; i++) {
		free(p->extra[i].text);
		free(p->extra[i].spans);
	}
	free(p->extra);
	p->extra = NULL;
	p->nextra = 0;
	p->nhead = 0;
	p->maxw = 0;
	p->list.n = 0;
}

static size_t
pager_nlines(struct pager *p)
{
	if (p->doc == NULL)
		return 0;
	return p->doc->nlines + p->nextra;
}

static const struct html_line *
pager_line(struct pager *p, size_t i)
{
	if (p->doc == NULL)
		return NULL;
	if (i < p->doc->nlines)
		return &p->doc->lines[i];
	i -= p->doc->nlines;
	return i < p->nextra ? &p->extra[i] : NULL;
}

/* One line of the link list: text (taken), its first hl bytes in attr. */
static void
pager_extra_set(struct html_line *l, char *text, size_t hl, unsigned attr)
{
	l->text = text;
	l->len = strlen(text);
	l->width = width_str(text, l->len);
	l->flags = 0;
	l->spans = NULL;
	l->nspans = 0;
	if (hl > 0) {
		l->spans = xcalloc(1, sizeof *l->spans);
		l->spans[0].off = 0;
		l->spans[0].len = hl;
		l->spans[0].attr = attr;
		l->spans[0].syn = HTML_SYN_NONE;
		l->nspans = 1;
	}
}

/*
 * Is l the rule under the header: nothing but "─", all of it dim?  The
 * first such line ends the header (the date line is dim too, but never
 * rules; a title is bold).
 */
static int
pager_is_rule(const struct html_line *l)
{
	static const char bar[] = "\xe2\x94\x80"; /* ─ */
	size_t i, k;

	if (l->len == 0 || l->len % (sizeof bar - 1) != 0)
		return 0;
	for (i = 0; i < l->len; i += sizeof bar - 1)
		if (memcmp(l->text + i, bar, sizeof bar - 1) != 0)
			return 0;
	for (k = 0; k < l->nspans; k++)
		if (l->spans[k].attr != HTML_A_DIM)
			return 0;
	return l->nspans > 0;
}

/* Render the entry at width w: the header and body, then the link list. */
static void
pager_render(struct view *v, int w)
{
	struct pager *p = v->data;
	char *s;
	size_t i, n;

	pager_free_doc(p);
	p->width = w;
	if (!p->have)
		return;
	/* render_entry makes the same choices for `orrery show`, and
	 * render_article for `show --full`. */
	if (p->full && p->art_html != NULL)
		p->doc = render_article(&p->e, p->art_html, p->art_url,
		    ui_config(v->ui)->timezone_utc, w);
	else
		p->doc = render_entry(&p->e, ui_config(v->ui)->timezone_utc, w);
	for (i = 0; i < p->doc->nlines; i++)
		if (pager_is_rule(&p->doc->lines[i])) {
			p->nhead = i;
			break;
		}

	if (p->doc->nlinks > 0) {
		p->nextra = p->doc->nlinks + 2;
		p->extra = xcalloc(p->nextra, sizeof *p->extra);
		pager_extra_set(&p->extra[0], xstrdup(""), 0, 0);
		pager_extra_set(&p->extra[1], xstrdup("Links"), 5,
		    HTML_A_HEADING | HTML_A_BOLD);
		for (i = 0; i < p->doc->nlinks; i++) {
			s = xasprintf("[%zu] %s", i + 1, p->doc->links[i]);
			n = strcspn(s, " ");
			pager_extra_set(&p->extra[i + 2], s, n, HTML_A_LINK);
		}
	}
	n = pager_nlines(p);
	p->list.n = n;
	for (i = 0; i < n; i++)
		if (pager_line(p, i)->width > p->maxw)
			p->maxw = pager_line(p, i)->width;
}

/* Keep the view inside the text: the last page ends on the last line. */
static void
pager_clamp(struct view *v)
{
	struct pager *p = v->data;
	int x0, avail, maxh;

	view_list_clamp(&p->list, pager_rows(v));
	pager_geometry(v, &x0, &avail);
	maxh = p->maxw > avail ? p->maxw - avail : 0;
	if (p->hoff > maxh)
		p->hoff = maxh;
	if (p->hoff < 0)
		p->hoff = 0;
}

/*
 * How much of the text line l holds, in a measure that wrapping at
 * another width does not change: its visible characters other than
 * blanks and blockquote bars (repeated on every line); a rule (as wide
 * as the text) counts one.
 */
static size_t
pager_chars(const struct html_line *l)
{
	size_t i, k = 0, n = 0;
	unsigned char c;

	if (pager_is_rule(l))
		return 1;
	for (i = 0; i < l->len; i++) {
		while (k < l->nspans && l->spans[k].off + l->spans[k].len <= i)
			k++;
		if (k < l->nspans && l->spans[k].off <= i &&
		    (l->spans[k].attr & HTML_A_QUOTE) != 0)
			continue;
		c = (unsigned char)l->text[i];
		if (c != ' ' && (c & 0xc0) != 0x80)
			n++;
	}
	return n;
}

/*
 * The place of line top in doc: *off, the characters (pager_chars) before
 * it, and *blank, how many lines without any come right before it from
 * the one where *off is reached (blank lines between paragraphs).
 */
static void
pager_place_of(
    const struct html_doc *doc, size_t top, size_t *off, size_t *blank)
{
	size_t i, n;

	*off = *blank = 0;
	for (i = 0; i < top && i < doc->nlines; i++) {
		n = pager_chars(&doc->lines[i]);
		*off += n;
		*blank = n == 0 ? *blank + 1 : 0;
	}
}

/* The line of doc at the place pager_place_of gave. */
static size_t
pager_place_line(const struct html_doc *doc, size_t off, size_t blank)
{
	size_t i, n, sum = 0, run = 0;

	for (i = 0; i < doc->nlines; i++) {
		n = pager_chars(&doc->lines[i]);
		if (sum + n > off)
			break; /* the line that holds character off */
		sum += n;
		run = n == 0 && sum == off ? run + 1 : 0;
		if (sum == off && n > 0)
			run = 0;
	}
	if (sum != off)
		return i; /* off falls inside line i */
	/* Line i starts at off after run lines without characters. */
	return i - run + (blank < run ? blank : run);
}

/*
 * Render when there is no rendering or the width changed (a resize),
 * keeping the place: in the link list the same link, in the body the
 * line holding the same character of the text (so that a resize to
 * another width and back comes back to the same line).
 */
static void
pager_layout(struct view *v)
{
	struct pager *p = v->data;
	size_t oldbody, oldtop = p->list.top, off = 0, blank = 0;
	int w = pager_text_width(v), inlinks;

	if (p->doc != NULL && p->width == w) {
		pager_clamp(v);
		return;
	}
	oldbody = p->doc != NULL ? p->doc->nlines : 0;
	inlinks = p->doc != NULL && oldtop >= oldbody;
	if (p->placed && oldtop == p->place_top) {
		off = p->place_off;
		blank = p->place_blank;
	} else if (p->doc != NULL && !inlinks)
		pager_place_of(p->doc, oldtop, &off, &blank);
	p->placed = 0;
	pager_render(v, w);
	if (p->doc != NULL && inlinks)
		p->list.top = p->doc->nlines + (oldtop - oldbody);
	else if (p->doc != NULL && oldbody > 0) {
		p->list.top = pager_place_line(p->doc, off, blank);
		p->placed = 1;
		p->place_off = off;
		p->place_blank = blank;
	}
	pager_clamp(v);
	p->place_top = p->list.top;
}

/* Read entry id into the view (top of the text) and mark it read. */
static void
pager_load(struct view *v, int64_t id)
{
	struct pager *p = v->data;
	struct store *st = ui_store(v->ui);
	struct store_entry e;
	char *cause = NULL;

	pager_free_doc(p);
	if (p->have)
		store_entry_clear(&p->e);
	p->have = 0;
	free(p->error);
	p->error = NULL;
	free(p->art_html);
	free(p->art_url);
	p->art_html = p->art_url = NULL;
	p->full = p->fetching = 0;
	p->id = id;
	p->list.top = 0;
	p->placed = 0;
	p->hoff = 0;
	v->dirty = 1;

	if (store_entry_get(st, id, 1, &e, &cause) != 0) {
		p->error = cause != NULL
		    ? xstrdup(cause)
		    : xasprintf("entry %lld cannot be read", (long long)id);
		free(cause);
		ui_error(v->ui, "%s", p->error);
		return;
	}
	p->e = e;
	p->have = 1;
	if (ui_config(v->ui)->mark_read_on_open && !p->e.read) {
		if (store_mark(st, id, STORE_MARK_READ, &cause) != 0) {
			ui_error(
			    v->ui, "%s", cause != NULL ? cause : "cannot mark");
			free(cause);
			return;
		}
		p->e.read = 1;
		ui_reload_all(v->ui);
	}
}

/* ---- drawing ---- */

static enum config_color_id
pager_syn_color(enum html_syn syn)
{
	switch (syn) {
	case HTML_SYN_KEYWORD:
		return CONFIG_C_SYN_KEYWORD;
	case HTML_SYN_STRING:
		return CONFIG_C_SYN_STRING;
	case HTML_SYN_COMMENT:
		return CONFIG_C_SYN_COMMENT;
	case HTML_SYN_NUMBER:
		return CONFIG_C_SYN_NUMBER;
	case HTML_SYN_FUNCTION:
	case HTML_SYN_CLASS:
		return CONFIG_C_SYN_NAME;
	case HTML_SYN_DECORATOR:
		return CONFIG_C_SYN_DECORATOR;
	case HTML_SYN_BUILTIN:
		return CONFIG_C_SYN_BUILTIN;
	case HTML_SYN_PROMPT:
		return CONFIG_C_SYN_PROMPT;
	case HTML_SYN_OPERATOR:
	case HTML_SYN_NONE:
	case HTML_SYN_COUNT:
		break;
	}
	return CONFIG_C_CODE;
}

/*
 * The curses attributes of a run: one screen element for its colour (a
 * syntax class first, then link, heading, code, dim, quote: the order
 * html_write uses for `orrery show --color`), the basic attributes on
 * top; dim text whose colour is another element's (line numbers beside
 * code) is still dim.  Header lines are the header element but for the
 * bold title.
 */
static attr_t
pager_attr(struct ui *ui, unsigned attr, enum html_syn syn, int head)
{
	attr_t a = A_NORMAL;

	if (head)
		return (attr & HTML_A_BOLD) ? A_BOLD
					    : ui_attr(ui, CONFIG_C_HEADER);
	if (syn != HTML_SYN_NONE)
		a = ui_attr(ui, pager_syn_color(syn));
	else if (attr & HTML_A_LINK)
		a = ui_attr(ui, CONFIG_C_LINK);
	else if (attr & HTML_A_HEADING)
		a = ui_attr(ui, CONFIG_C_HEADING);
	else if (attr & (HTML_A_CODE | HTML_A_PRE))
		a = ui_attr(ui, CONFIG_C_CODE);
	else if (attr & (HTML_A_DIM | HTML_A_MARKER))
		a = ui_attr(ui, CONFIG_C_DIM);
	else if (attr & HTML_A_QUOTE)
		a = ui_attr(ui, CONFIG_C_QUOTE);
	if (attr & (HTML_A_DIM | HTML_A_STRIKE))
		a |= A_DIM;
	if (attr & HTML_A_BOLD)
		a |= A_BOLD;
#ifdef A_ITALIC
	if (attr & HTML_A_ITALIC)
		a |= A_ITALIC;
#endif
	if (attr & HTML_A_UNDERLINE)
		a |= A_UNDERLINE;
	if (attr & HTML_A_MARK)
		a |= A_REVERSE;
	return a;
}

/* A line being drawn: what is left of the row and where text starts. */
struct pager_pen {
	struct ui *ui;
	const char *text;
	size_t start; /* the first byte shown (after the sideways offset) */
	int y, x;
	int room; /* columns left */
};

/* Draw bytes [b, e) of the line in attr, from where the pen is. */
static void
pager_pen_put(struct pager_pen *pen, size_t b, size_t e, attr_t attr)
{
	int used;

	if (e <= pen->start || pen->room <= 0)
		return;
	if (b < pen->start)
		b = pen->start;
	used = ui_put(
	    pen->ui, pen->y, pen->x, pen->room, pen->text + b, e - b, attr, 0);
	pen->x += used;
	pen->room -= used;
	/* A wide character that did not fit ends the row: nothing narrower
	 * after it may take its place. */
	if (used < width_str(pen->text + b, e - b))
		pen->room = 0;
}

static void
pager_draw_line(struct view *v, int y, const struct html_line *l, int head)
{
	struct pager *p = v->data;
	struct ui *ui = v->ui;
	const unsigned char *s = (const unsigned char *)l->text;
	const struct html_span *sp;
	struct pager_pen pen;
	unsigned int cp;
	size_t i = 0, n, a, k;
	int x0, avail, col = 0, w, pad = 0, right;
	attr_t plain = head ? ui_attr(ui, CONFIG_C_HEADER) : A_NORMAL;

	pager_geometry(v, &x0, &avail);
	if (avail <= 0)
		return;

	/* Skip hoff columns; a wide character cut in two shows as blanks,
	 * and marks combining with a skipped character go with it. */
	while (i < l->len && p->hoff > 0) {
		n = util_utf8_decode(s + i, l->len - i, &cp);
		if (n == 0) {
			n = 1;
			w = 1;
		} else
			w = width_char(cp);
		if (col >= p->hoff && w > 0)
			break;
		if (col < p->hoff && col + w > p->hoff)
			pad = col + w - p->hoff;
		col += w;
		i += n;
	}
	if (p->hoff > 0 && x0 > 0 && l->width > 0)
		ui_put(ui, y, x0 - 1, 1, PAGER_LEFT, sizeof PAGER_LEFT - 1,
		    ui_attr(ui, CONFIG_C_DIM), 0);

	pen.ui = ui;
	pen.text = l->text;
	pen.start = i;
	pen.y = y;
	pen.x = x0 + pad;
	pen.room = avail - pad;
	right = pad + (l->width - col) > avail;
	if (right)
		pen.room--;
	a = 0;
	for (k = 0; k < l->nspans && pen.room > 0; k++) {
		sp = &l->spans[k];
		if (sp->off > a)
			pager_pen_put(&pen, a, sp->off, plain);
		pager_pen_put(&pen, sp->off, sp->off + sp->len,
		    pager_attr(ui, sp->attr, sp->syn, head));
		a = sp->off + sp->len;
	}
	if (a < l->len)
		pager_pen_put(&pen, a, l->len, plain);
	if (right)
		ui_put(ui, y, x0 + avail - 1, 1, PAGER_RIGHT,
		    sizeof PAGER_RIGHT - 1, ui_attr(ui, CONFIG_C_DIM), 0);
}

static void
pager_draw(struct view *v)
{
	struct pager *p = v->data;
	const struct html_line *l;
	int r, x0, avail;
	size_t i;

	pager_layout(v);
	pager_geometry(v, &x0, &avail);
	for (r = 0; r < v->rows; r++) {
		ui_fill(v->ui, v->top + r, 0, v->cols, A_NORMAL);
		if (r == 0 && p->error != NULL) {
			ui_put(v->ui, v->top, x0, avail, p->error,
			    strlen(p->error), ui_attr(v->ui, CONFIG_C_ERROR),
			    1);
			continue;
		}
		i = p->list.top + (size_t)r;
		l = pager_line(p, i);
		if (l != NULL)
			pager_draw_line(v, v->top + r, l, i < p->nhead);
	}
	v->dirty = 0;
}

/* ---- the title line ---- */

/* The first key name of action a ("Left"), or "" when it has none. */
static void
pager_key_name(struct view *v, enum keys_action a, char *out, size_t len)
{
	keys_describe(ui_keys(v->ui), a, out, len);
	out[strcspn(out, ",")] = '\0';
}

/* Copy s into out, cut with "…" to at most maxw columns. */
static void
pager_fit(const char *s, int maxw, char *out, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, slen = strlen(s);
	unsigned int cp;
	int col = 0, w;

	if (width_str(s, slen) <= maxw) {
		snprintf(out, len, "%s", s);
		return;
	}
	while (i < slen) {
		n = util_utf8_decode(u + i, slen - i, &cp);
		if (n == 0) {
			n = 1;
			w = 1;
		} else
			w = width_char(cp);
		if (col + w > maxw - 1)
			break;
		col += w;
		i += n;
	}
	snprintf(out, len, "%.*s%s", (int)i, s, PAGER_DOTS);
}

/* The longest name the title line shows in full beside the wide-code
 * hint; below it the hint shrinks to an arrow. */
#define PAGER_TITLE_MIN 24

/*
 * "Real Python: Title · 34%" and, when code is wider than the window,
 * "· → wide code: Left/Right" with the keys that scroll it (just "· →"
 * when the window is narrow).
 */
static void
pager_title(struct view *v, char *out, size_t len, int64_t *unread)
{
	struct pager *p = v->data;
	char pos[32], wide[128], left[32], right[32], *name, *suffix;
	size_t n;
	int x0, avail, budget;

	*unread = -1;
	if (!p->have) {
		snprintf(out, len, "Entry %lld", (long long)p->id);
		return;
	}
	pager_layout(v);
	pager_geometry(v, &x0, &avail);
	n = pager_nlines(p);
	if (n <= (size_t)pager_rows(v))
		snprintf(pos, sizeof pos, "all");
	else
		snprintf(pos, sizeof pos, "%d%%",
		    (int)((p->list.top + (size_t)pager_rows(v)) * 100 / n));
	wide[0] = '\0';
	if (p->maxw > avail) {
		pager_key_name(v, KEYS_A_SCROLL_LEFT, left, sizeof left);
		pager_key_name(v, KEYS_A_SCROLL_RIGHT, right, sizeof right);
		if (*left != '\0' && *right != '\0')
			snprintf(wide, sizeof wide,
			    " \xc2\xb7 " PAGER_RIGHT " wide code: %s/%s", left,
			    right);
		else
			snprintf(wide, sizeof wide,
			    " \xc2\xb7 " PAGER_RIGHT " wide code");
		if (p->hoff > 0) {
			n = strlen(wide);
			snprintf(wide + n, sizeof wide - n, " (col %d)",
			    p->hoff + 1);
		}
		if (v->cols - PAGER_TITLE_RESERVE -
			width_str(wide, strlen(wide)) <
		    PAGER_TITLE_MIN)
			snprintf(wide, sizeof wide, " \xc2\xb7 " PAGER_RIGHT);
	}
	suffix = xasprintf(" \xc2\xb7 %s%s", pos, wide);
	if (p->e.source != NULL)
		name = xasprintf("%s: %s", p->e.source,
		    p->e.title != NULL ? p->e.title : "(no title)");
	else
		name = xstrdup(p->e.title != NULL ? p->e.title : "(no title)");
	budget =
	    v->cols - PAGER_TITLE_RESERVE - width_str(suffix, strlen(suffix));
	if (budget < 10)
		budget = 10;
	pager_fit(name, budget, out, len);
	n = strlen(out);
	if (n < len)
		snprintf(out + n, len - n, "%s", suffix);
	free(name);
	free(suffix);
}

/* ---- actions ---- */

static void
pager_step(struct view *v, int dir, int unread)
{
	struct pager *p = v->data;
	int64_t id;

	if (p->planet == NULL ||
	    view_planet_step(p->planet, dir, unread, &id) != 0) {
		ui_message(v->ui, "no %s %sentry",
		    dir > 0 ? "next" : "previous", unread ? "unread " : "");
		return;
	}
	pager_load(v, id);
	pager_layout(v);
}

/* Is this link of the rendering one of the entry's enclosures (numbered
 * with the links in the header, render.c)? */
static int
pager_is_enclosure(const struct pager *p, const char *url)
{
	char *u;
	size_t i;
	int is = 0;

	for (i = 0; i < p->e.nenclosures && !is; i++) {
		u = url_clean(p->e.enclosures[i].url);
		is = u != NULL && strcmp(u, url) == 0;
		free(u);
	}
	return is;
}

/* Link [n] (n > 0) or the entry's own link, or NULL with a message. */
static const char *
pager_url(struct view *v, long n)
{
	struct pager *p = v->data;

	if (!p->have) {
		ui_message(v->ui, "no entry");
		return NULL;
	}
	if (n > 0) {
		if (p->doc == NULL || (unsigned long)n > p->doc->nlinks) {
			ui_message(v->ui, "no link [%ld]", n);
			return NULL;
		}
		return p->doc->links[n - 1];
	}
	if (p->e.link == NULL || *p->e.link == '\0') {
		ui_message(v->ui, "this entry has no link");
		return NULL;
	}
	return p->e.link;
}

static void
pager_toggle(struct view *v, int star)
{
	struct pager *p = v->data;
	enum store_mark m;
	char *cause = NULL;

	if (!p->have) {
		ui_message(v->ui, "no entry");
		return;
	}
	if (star)
		m = p->e.starred ? STORE_MARK_UNSTAR : STORE_MARK_STAR;
	else
		m = p->e.read ? STORE_MARK_UNREAD : STORE_MARK_READ;
	if (store_mark(ui_store(v->ui), p->id, m, &cause) != 0) {
		ui_error(v->ui, "%s", cause != NULL ? cause : "cannot mark");
		free(cause);
		return;
	}
	if (star)
		p->e.starred = !p->e.starred;
	else
		p->e.read = !p->e.read;
	ui_reload_all(v->ui);
	switch (m) {
	case STORE_MARK_READ:
		ui_message(v->ui, "marked read");
		break;
	case STORE_MARK_UNREAD:
		ui_message(v->ui, "marked unread");
		break;
	case STORE_MARK_STAR:
		ui_message(v->ui, "starred");
		break;
	case STORE_MARK_UNSTAR:
		ui_message(v->ui, "unstarred");
		break;
	}
}

/* Take the article the store keeps for the entry, if any: 1 when there
 * is one. */
static int
pager_article_read(struct view *v)
{
	struct pager *p = v->data;
	struct store_article a;
	char *cause = NULL;
	int have;

	have = store_article_get(ui_store(v->ui), p->id, &a, &cause);
	if (have < 0) {
		ui_error(v->ui, "%s", cause != NULL ? cause : "article");
		free(cause);
		return 0;
	}
	if (have && a.html != NULL) {
		free(p->art_html);
		free(p->art_url);
		p->art_html = a.html;
		p->art_url = a.url;
		a.html = a.url = NULL;
	}
	if (have)
		store_article_clear(&a);
	return p->art_html != NULL;
}

/* Show the article (full) or the feed's text, from the top. */
static void
pager_show_full(struct view *v, int full)
{
	struct pager *p = v->data;

	p->full = full;
	pager_free_doc(p);
	p->list.top = 0;
	p->hoff = 0;
	pager_layout(v);
	v->dirty = 1;
}

/* F: the whole article, from the store or else the fetcher; F again:
 * the feed's text. */
static void
pager_full(struct view *v)
{
	struct pager *p = v->data;

	if (!p->have) {
		ui_message(v->ui, "no entry");
		return;
	}
	if (p->full) {
		pager_show_full(v, 0);
		ui_message(v->ui, "the feed's text");
		return;
	}
	if (pager_article_read(v)) {
		pager_show_full(v, 1);
		ui_message(v->ui, "the whole article");
		return;
	}
	if (p->fetching) {
		ui_message(v->ui, "fetching the whole article\xe2\x80\xa6");
		return;
	}
	if (p->e.link == NULL || *p->e.link == '\0') {
		ui_message(v->ui, "this entry has no link");
		return;
	}
	if (ui_offline(v->ui)) {
		ui_error(v->ui, "offline: the whole article was never fetched");
		return;
	}
	if (ui_fetch_article(v->ui, p->id) == 0)
		p->fetching = 1;
}

/* The fetcher's word on an article: show it if this is the entry that
 * asked for it and still waits. */
static void
pager_event(struct view *v, const struct view_event *ev)
{
	struct pager *p = v->data;

	if ((ev->type != VIEW_ARTICLE_DONE && ev->type != VIEW_ARTICLE_FAIL) ||
	    !p->have || ev->entry != p->id || !p->fetching)
		return;
	p->fetching = 0;
	if (ev->type == VIEW_ARTICLE_FAIL) {
		ui_error(v->ui, "no whole article: %s", ev->why);
		return;
	}
	if (!pager_article_read(v)) {
		ui_error(v->ui, "no whole article was kept");
		return;
	}
	pager_show_full(v, 1);
	ui_message(v->ui, "the whole article");
}

static void
pager_hscroll(struct view *v, int delta)
{
	struct pager *p = v->data;
	int x0, avail;

	pager_geometry(v, &x0, &avail);
	if (p->maxw <= avail) {
		if (delta > 0)
			ui_message(v->ui, "no lines wider than the window");
		p->hoff = 0;
		return;
	}
	p->hoff += delta;
	pager_clamp(v);
	v->dirty = 1;
}

static int
pager_action(struct view *v, enum keys_action a, long count)
{
	struct pager *p = v->data;
	const char *url;
	long n;

	if (count > PAGER_MAX_COUNT)
		count = PAGER_MAX_COUNT;
	n = count > 0 ? count : 1;
	pager_layout(v);
	/* Scrolling; with a count, top and bottom go to line count (5G). */
	if (view_list_key(&p->list, pager_rows(v), a, count)) {
		v->dirty = 1;
		return 1;
	}
	switch (a) {
	case KEYS_A_SCROLL_LEFT:
		pager_hscroll(v, -(int)(count > 0 ? n : PAGER_HSTEP));
		break;
	case KEYS_A_SCROLL_RIGHT:
		pager_hscroll(v, (int)(count > 0 ? n : PAGER_HSTEP));
		break;
	case KEYS_A_NEXT_ENTRY:
		pager_step(v, 1, 0);
		break;
	case KEYS_A_PREV_ENTRY:
		pager_step(v, -1, 0);
		break;
	case KEYS_A_NEXT_UNREAD:
		pager_step(v, 1, 1);
		break;
	case KEYS_A_PREV_UNREAD:
		pager_step(v, -1, 1);
		break;
	case KEYS_A_LINKS:
		if (p->doc == NULL || p->doc->nlinks == 0) {
			ui_message(v->ui, "this entry has no links");
			break;
		}
		view_list_goto(&p->list, pager_rows(v), p->doc->nlines + 1);
		break;
	case KEYS_A_BROWSER:
		url = pager_url(v, count);
		if (url != NULL && count > 0 && pager_is_enclosure(p, url))
			ui_open_media(v->ui, url);
		else if (url != NULL)
			ui_open_url(v->ui, url);
		break;
	case KEYS_A_COPY_LINK:
		url = pager_url(v, count);
		if (url != NULL)
			ui_copy(v->ui, url);
		break;
	case KEYS_A_FULL_ARTICLE:
		pager_full(v);
		break;
	case KEYS_A_TOGGLE_READ:
		pager_toggle(v, 0);
		break;
	case KEYS_A_TOGGLE_STAR:
		pager_toggle(v, 1);
		break;
	case KEYS_A_REFRESH_FEED:
		if (p->have)
			ui_refresh(v->ui, p->e.feed_id);
		else
			ui_message(v->ui, "no entry");
		break;
	default:
		return 0; /* BACK, QUIT, SEARCH ...: the UI's */
	}
	v->dirty = 1;
	return 1;
}

/* ---- the rest of the callbacks ---- */

/* The store changed: take the entry's read and star state again (the
 * text stays as it is, and so does the place in it). */
static void
pager_reload(struct view *v)
{
	struct pager *p = v->data;
	struct store_entry e;

	if (!p->have)
		return;
	if (store_entry_get(ui_store(v->ui), p->id, 0, &e, NULL) != 0)
		return; /* gone from the store: keep showing it */
	p->e.read = e.read;
	p->e.starred = e.starred;
	store_entry_clear(&e);
	v->dirty = 1;
}

static void
pager_resize(struct view *v)
{
	pager_layout(v);
	v->dirty = 1;
}

static void
pager_mouse(struct view *v, enum view_mouse m, int row)
{
	struct pager *p = v->data;
	size_t i;

	pager_layout(v);
	switch (m) {
	case VIEW_WHEEL_UP:
	case VIEW_WHEEL_DOWN:
		view_list_move(&p->list, pager_rows(v),
		    m == VIEW_WHEEL_UP ? -VIEW_LIST_WHEEL : VIEW_LIST_WHEEL, 1);
		v->dirty = 1;
		break;
	case VIEW_DOUBLE_CLICK:
		/* On a line of the link list: open that link. */
		if (p->doc == NULL ||
		    view_list_at(&p->list, pager_rows(v), row, &i) != 0)
			break;
		if (i >= p->doc->nlines + 2 &&
		    pager_is_enclosure(
			p, p->doc->links[i - p->doc->nlines - 2]))
			ui_open_media(
			    v->ui, p->doc->links[i - p->doc->nlines - 2]);
		else if (i >= p->doc->nlines + 2)
			ui_open_url(
			    v->ui, p->doc->links[i - p->doc->nlines - 2]);
		break;
	case VIEW_CLICK:
		break;
	}
}

static void
pager_free(struct view *v)
{
	struct pager *p = v->data;

	if (p == NULL)
		return;
	pager_free_doc(p);
	if (p->have)
		store_entry_clear(&p->e);
	free(p->error);
	free(p->art_html);
	free(p->art_url);
	free(p);
	v->data = NULL;
}

static const struct view_ops pager_ops = {
	.context = KEYS_IN_PAGER,
	.title = pager_title,
	.draw = pager_draw,
	.action = pager_action,
	.event = pager_event,
	.reload = pager_reload,
	.resize = pager_resize,
	.mouse = pager_mouse,
	.free = pager_free,
};

struct view *
view_pager_new(struct ui *ui, struct view *planet, int64_t id)
{
	struct view *v;
	struct pager *p;

	v = xcalloc(1, sizeof *v);
	p = xcalloc(1, sizeof *p);
	v->ops = &pager_ops;
	v->ui = ui;
	v->data = p;
	v->dirty = 1;
	p->planet = planet;
	pager_load(v, id);
	return v;
}
