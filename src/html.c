/*
 * html: HTML fragments -> text.  html_to_text() flattens a fragment for
 * the search index; html_render() lays one out as styled, wrapped
 * terminal lines plus a numbered list of links, for a width;
 * html_render_entry() puts an entry's header above that; html_write()
 * prints a rendering.  Pure: no curses, curl or sqlite, no globals, no
 * output except onto the FILE handed to html_write(); libxml2's HTML
 * parser runs with HTML_PARSE_NONET and no error output.  The tree is
 * walked without recursion.
 *
 * The look (html_render), in plain text; attributes and syntax classes
 * ride on spans, which only html_write(color) and the pager show:
 *
 * - Blocks: paragraphs, headings, lists, quotes, pre, tables, figures,
 *   details, dl and hr are separated by one blank line; div, section,
 *   article and the like only start a new line.  No blank line opens or
 *   ends a rendering and never two follow each other in prose (blank
 *   lines inside a pre are code and kept).  <br> is a forced line
 *   break; a last <br> in a block adds nothing, more make one blank
 *   line, as does a block holding only a <br>.
 * - Headings: a Markdown-style prefix, "# " for h1 to "###### " for h6,
 *   so that they stand out without colour; text bold (h1 also
 *   underlined), lines flagged HTML_L_HEADING, wrapped lines indented
 *   under the text.  A permalink to the heading itself ("¶", "#",
 *   class headerlink) is dropped.
 * - Lists: "• " for ul, "◦ " and "▪ " for nested levels; "1. " for ol
 *   with the numbers right-aligned ("start", "reversed", "type" and
 *   li "value" honoured); a hanging indent aligns wrapped lines with the
 *   text after the marker; nested lists indent further and have no
 *   blank line around them.  An empty item still shows its marker.
 * - dl: dt bold on its own line, dd indented by 4 (a p opening a dd
 *   adds no blank line under its dt).
 * - blockquote: "│ " before every line (HTML_A_QUOTE), nested quotes
 *   "│ │ "; blank lines inside a quote keep the bars.
 * - pre: verbatim, indented by 2 from the block around it, tabs expanded
 *   to 8-column stops, leading and trailing blank lines and trailing
 *   blanks trimmed, never wrapped: a line wider than the width is kept
 *   whole and flagged HTML_L_WIDE.  All of it is HTML_A_PRE; Pygments
 *   (also Chroma, Rouge), highlight.js and Prism classes become syntax
 *   classes, and a block marked as Python (on the pre, the code in it or
 *   an ancestor) without such classes is highlighted here.  Line
 *   numbers, in a table beside the code or inline, are dim and followed
 *   by a space; such a layout table is not laid out as a table.
 * - hr: a rule of "─" across the width (HTML_A_DIM).
 * - figure: the image line, then the figcaption (dim, italic) below it.
 *   details: the summary with "▸ " before it, then the content.
 * - Inline: b/strong bold, i/em/cite/dfn/var italic, u/ins underline,
 *   s/del/strike struck, mark reversed, code/kbd/samp/tt HTML_A_CODE:
 *   attributes only, no characters are added for them (inline code is
 *   distinct in the pager and with --color, not in plain text).
 *   sup/sub are HTML_A_DIM; when they hold only digits, + - ( ) (and
 *   n i for sup) those are written as superscript or subscript
 *   characters ("3.13¹", "H₂O"), else nothing is added.  q is “quoted”
 *   (‘inner’ when nested); abbr is followed by " (title)" the first
 *   time each title appears, unless the title is its text but for
 *   case.  ruby keeps its rp: "蛇(へび)".
 * - Links: the text, then "[n]" (HTML_A_LINK); each distinct URL gets
 *   one number, in order of appearance, and html_write() lists them at
 *   the end.  javascript:, data: and "#fragment" links get none.  When
 *   a link holds a block, its number goes at the end of the block's last
 *   line.  Images are "[image: alt]" or "[image]" (HTML_A_DIM) with their
 *   URL numbered (a linked image: "[image: alt][1][2]"); 0 or 1 pixel
 *   tracking images and decorative ones (alt="") are dropped, but an
 *   alt="" image that is all a link shows stays "[image]".  iframe, video, audio, object and
 *   embed are "[embed: TITLE]" or "[embed: HOST]" with their URL (video
 *   and audio: src or the first source); their fallback content is
 *   dropped except an object's.  URLs are resolved against the base
 *   (RFC 3986) and spaces, control and invisible characters in them
 *   percent-encoded.
 * - Tables: columns sized to their content within the width, cells
 *   wrapped, columns separated by " │ ", header rows (thead, or leading
 *   rows of th) bold with a "─┼─" rule under them.  When even the
 *   longest words do not fit, each row becomes a block of "Header:
 *   value" lines (only the values when there is no header), one blank
 *   line between rows.  colspan spans its columns; rowspan keeps its
 *   columns empty below; a colspan leaves a column for each cell after
 *   it in its row and never goes past the widest row; a row ends at its
 *   last cell with something in it (no trailing separators); a table
 *   with nothing in its cells shows nothing but its caption; a table
 *   inside a cell is text of the cell.
 * - Dropped: script, style, noscript, template, head, comments, CDATA
 *   sections (a bogus comment to HTML; inside pre their text stays),
 *   forms' inputs and textarea, class "repl-toggle" (Real Python's
 *   ">>>" button), and svg except its <text>.  Text after </html> is
 *   kept.
 * - Text: HTML whitespace collapses (not in pre); a no-break space
 *   keeps words together and prints as a space; soft hyphens,
 *   zero-width and bidi control characters are dropped (a zero-width
 *   space or <wbr> still allows a break); C1 code points are read as
 *   Windows-1252, as HTML5 reads them (raw C1 characters are dropped);
 *   control characters and escape sequences never reach a line: before
 *   parsing, raw ESC, CSI and OSC and references to control characters
 *   ("&#27;", "&#x9b;") go with the rest of their sequence ("&#27;[2J"),
 *   in text and attributes alike.  Widths come from our own East Asian
 *   wide/emoji and combining-mark tables, not the locale; lines break at
 *   spaces, between wide CJK characters (not before closing or after
 *   opening punctuation; Korean only at spaces), and a word longer than
 *   the width is broken at the width, never before a combining mark.
 * - Indentation stops growing when fewer than max(10, width / 2)
 *   columns would remain for text; deeper list markers are then put
 *   before the text instead.
 * - Robustness: libxml2 2.9 gives up at 256 open elements and drops the
 *   rest of the document; we then parse again with the nesting
 *   flattened beyond 100 levels (html_limit), so no word is lost and
 *   time stays linear.  Text runs over a million bytes are cut with an
 *   empty comment (libxml2 stops at a ten-million-byte text node).
 */
#include "html.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "util.h"
#include "width.h"

#define HTML_OPTS \
	(HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
	    HTML_PARSE_NONET | HTML_PARSE_NODEFDTD)

static int
html_is_inline(const char *name)
{
	static const char *const inl[] = { "a", "abbr", "b", "bdi", "bdo",
		"big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
		"ins", "kbd", "mark", "q", "s", "samp", "small", "span",
		"strike", "strong", "sub", "sup", "time", "tt", "u", "var",
		NULL };
	size_t i;

	for (i = 0; inl[i] != NULL; i++)
		if (strcmp(name, inl[i]) == 0)
			return 1;
	return 0;
}

static int
html_is_dropped(const char *name)
{
	/* Never shown: code, the head, an svg's title and description, and
	 * the "your browser cannot play this" text of embeds. */
	static const char *const dropped[] = { "script", "style", "noscript",
		"template", "head", "title", "desc", "video", "audio", "iframe",
		"select", "datalist", "textarea", NULL };
	size_t i;

	for (i = 0; dropped[i] != NULL; i++)
		if (strcmp(name, dropped[i]) == 0)
			return 1;
	return 0;
}

/*
 * A text node without the CDATA sections libxml2 leaves as text: in a
 * pre only "<![CDATA[" and "]]>" go, elsewhere (a bogus comment to
 * HTML) the whole section when it ends in the same text node, else only
 * the markers.  *state: inside a section left open.  NULL when there is
 * none.
 */
static char *
html_cdata(int *state, int pre, const char *s)
{
	const char *p, *e;
	struct buf b;

	if (!*state && strstr(s, "<![CDATA[") == NULL)
		return NULL;
	buf_init(&b, 0);
	for (;;) {
		p = strstr(s, *state ? "]]>" : "<![CDATA[");
		if (p == NULL) {
			buf_addstr(&b, s);
			break;
		}
		buf_add(&b, s, (size_t)(p - s));
		if (*state) {
			s = p + 3;
			*state = 0;
			continue;
		}
		s = p + 9;
		if (!pre && (e = strstr(s, "]]>")) != NULL)
			s = e + 3;
		else
			*state = 1;
	}
	if (b.data == NULL)
		buf_addstr(&b, "");
	return buf_detach(&b, NULL);
}

/*
 * Flattening runs on libxml2's SAX events, not on a tree: no node is
 * built, so a search text costs a fraction of a parse into a document.
 * Text is gathered per run (between two tags), as a tree would hold it
 * in one text node, so that a CDATA marker split over two events is
 * still seen whole.  As html_render() does, CDATA sections outside pre
 * are dropped; digits in sup and sub stay plain digits, so that a search
 * for "H2O" finds H₂O.
 */
struct html_flat {
	htmlParserCtxtPtr ctxt;
	struct buf *out;
	struct buf run; /* text since the last tag */
	int dropped;	/* depth inside an element that is never shown */
	int pre;	/* depth of pre elements */
	int cdata;	/* inside a CDATA section spelt out in the text */
	int halted;	/* stopped at HTML_FLAT_DEPTH open elements */
};

/*
 * With no tree, libxml2 sets no limit on the nesting, and each end tag
 * costs time in proportion to the open elements: tag soup would take
 * quadratic time.  Flattening stops where the tree builder would (256)
 * and starts again on the document with its nesting flattened
 * (html_limit), as rendering does.
 */
#define HTML_FLAT_DEPTH 256

static void
html_flat_run(struct html_flat *fl)
{
	char *t;

	if (fl->run.len == 0)
		return;
	t = html_cdata(&fl->cdata, fl->pre > 0, fl->run.data);
	buf_addstr(fl->out, t != NULL ? t : fl->run.data);
	free(t);
	fl->run.len = 0;
	fl->run.data[0] = '\0';
}

static void
html_flat_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
	struct html_flat *fl = ctx;
	const char *name = (const char *)xname;

	(void)atts;
	if (fl->ctxt->nameNr > HTML_FLAT_DEPTH) {
		fl->halted = 1;
		xmlStopParser(fl->ctxt);
		return;
	}
	html_flat_run(fl);
	if (fl->dropped > 0 || html_is_dropped(name)) {
		fl->dropped++;
		return;
	}
	/* Inline elements join words; everything else separates them. */
	if (fl->out->len > 0 && !html_is_inline(name))
		buf_addc(fl->out, ' ');
	if (strcmp(name, "pre") == 0)
		fl->pre++;
}

static void
html_flat_end(void *ctx, const xmlChar *xname)
{
	struct html_flat *fl = ctx;

	html_flat_run(fl);
	if (fl->dropped > 0)
		fl->dropped--;
	else if (strcmp((const char *)xname, "pre") == 0 && fl->pre > 0)
		fl->pre--;
}

static void
html_flat_text(void *ctx, const xmlChar *text, int len)
{
	struct html_flat *fl = ctx;

	/* Outside every element (a stray "<" before the first one) a tree
	 * has nowhere to put text either. */
	if (fl->dropped == 0 && len > 0 && fl->ctxt->nameNr > 0)
		buf_add(&fl->run, (const char *)text, (size_t)len);
}

static char *html_input(const char *, size_t, size_t *);
static char *html_limit(const char *, size_t, size_t *);

/* Flatten html into out; 1 when it was nested too deep (out is then
 * incomplete), -1 when libxml2 could not start. */
static int
html_flat_parse(const char *html, size_t len, struct buf *out)
{
	struct html_flat fl;
	htmlDocPtr doc;

	memset(&fl, 0, sizeof fl);
	fl.ctxt = htmlNewParserCtxt();
	if (fl.ctxt == NULL)
		return -1;
	fl.out = out;
	buf_init(&fl.run, 0);
	/* Only the events flattening needs: no document is made. */
	memset(fl.ctxt->sax, 0, sizeof *fl.ctxt->sax);
	fl.ctxt->sax->initialized = 1;
	fl.ctxt->sax->startElement = html_flat_start;
	fl.ctxt->sax->endElement = html_flat_end;
	fl.ctxt->sax->characters = html_flat_text;
	fl.ctxt->sax->cdataBlock = html_flat_text;
	fl.ctxt->userData = &fl;
	doc = htmlCtxtReadMemory(
	    fl.ctxt, html, (int)len, NULL, "UTF-8", HTML_OPTS);
	if (doc != NULL)
		xmlFreeDoc(doc);
	html_flat_run(&fl);
	buf_free(&fl.run);
	htmlFreeParserCtxt(fl.ctxt);
	return fl.halted;
}

char *
html_to_text(const char *html, size_t len)
{
	struct buf b;
	char *clean, *flat;
	size_t n;

	buf_init(&b, 0);
	if (len > 0 && len < (size_t)1 << 30) {
		clean = html_input(html, len, &n);
		if (clean != NULL) {
			html = clean;
			len = n;
		}
		if (html_flat_parse(html, len, &b) == 1) {
			buf_free(&b);
			buf_init(&b, 0);
			flat = html_limit(html, len, &n);
			html_flat_parse(flat, n, &b);
			free(flat);
		}
		free(clean);
	}
	return buf_detach(&b, NULL);
}

/* ==== Rendering ===================================================== */

#define HTML_NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Bytes with a meaning of their own inside a paragraph being collected;
 * control characters from the document never get that far. */
#define HTML_NBSP '\001' /* a no-break space: a letter that prints as " " */
#define HTML_ZWB '\002'	 /* a break opportunity of no width */

/* ---- display width ---- */

/* Columns a character takes; HTML_NBSP is a space, HTML_ZWB nothing. */
static int
html_cwidth(unsigned int cp)
{
	if (cp < 0x20)
		return cp == (unsigned int)HTML_NBSP ? 1 : 0;
	return width_char(cp);
}

/* Decode one character; a bad byte is U+FFFD of length 1. */
static size_t
html_dec(const char *s, size_t n, unsigned int *cp)
{
	size_t len;

	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	len = util_utf8_decode((const unsigned char *)s, n, cp);
	if (len == 0) {
		*cp = 0xfffd;
		return 1;
	}
	return len;
}

static int
html_swidth(const char *s, size_t n)
{
	unsigned int cp;
	size_t i = 0;
	int w = 0;

	while (i < n) {
		i += html_dec(s + i, n - i, &cp);
		w += html_cwidth(cp);
	}
	return w;
}

/* Characters that never show: soft hyphen, zero-width and bidi
 * controls, noncharacters. */
static int
html_invisible(unsigned int cp)
{
	return cp == 0xad || cp == 0x61c || cp == 0x180e ||
	    (cp >= 0x200c && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206f) ||
	    cp == 0xfeff || cp == 0xfffe || cp == 0xffff;
}

/* ---- lines under construction ---- */

struct lb {
	char *text;
	size_t len;
	size_t size;
	struct html_span *spans;
	size_t nspans;
	size_t spansize;
	int width;
};

static void
lb_reset(struct lb *lb)
{
	lb->len = 0;
	lb->nspans = 0;
	lb->width = 0;
}

static void
lb_free(struct lb *lb)
{
	free(lb->text);
	free(lb->spans);
	memset(lb, 0, sizeof *lb);
}

/* Append bytes (no width accounting: the caller adds to width). */
static void
lb_add(struct lb *lb, const char *s, size_t n, unsigned attr, enum html_syn syn)
{
	struct html_span *sp;
	size_t size;

	if (n == 0)
		return;
	if (lb->len + n + 1 > lb->size) {
		size = lb->size == 0 ? 128 : lb->size;
		while (lb->len + n + 1 > size)
			size *= 2;
		lb->text = xreallocarray(lb->text, size, 1);
		lb->size = size;
	}
	if (attr != 0 || syn != HTML_SYN_NONE) {
		sp = lb->nspans > 0 ? &lb->spans[lb->nspans - 1] : NULL;
		if (sp != NULL && sp->off + sp->len == lb->len &&
		    sp->attr == attr && sp->syn == syn)
			sp->len += n;
		else {
			if (lb->nspans == lb->spansize) {
				lb->spansize =
				    lb->spansize == 0 ? 8 : lb->spansize * 2;
				lb->spans = xreallocarray(
				    lb->spans, lb->spansize, sizeof *lb->spans);
			}
			sp = &lb->spans[lb->nspans++];
			sp->off = lb->len;
			sp->len = n;
			sp->attr = attr;
			sp->syn = syn;
		}
	}
	memcpy(lb->text + lb->len, s, n);
	lb->len += n;
}

static void
lb_str(struct lb *lb, const char *s, unsigned attr)
{
	size_t n = strlen(s);

	lb_add(lb, s, n, attr, HTML_SYN_NONE);
	lb->width += html_swidth(s, n);
}

static void
lb_pad(struct lb *lb, int n, unsigned attr)
{
	static const char sp[] = "                ";
	int k;

	while (n > 0) {
		k = n < (int)sizeof sp - 1 ? n : (int)sizeof sp - 1;
		lb_add(lb, sp, (size_t)k, attr, HTML_SYN_NONE);
		lb->width += k;
		n -= k;
	}
}

/* Append a whole line. */
static void
lb_cat(struct lb *dst, const struct lb *src)
{
	size_t i, a, b;

	a = 0;
	for (i = 0; i < src->nspans; i++) {
		b = src->spans[i].off;
		lb_add(dst, src->text + a, b - a, 0, HTML_SYN_NONE);
		lb_add(dst, src->text + b, src->spans[i].len,
		    src->spans[i].attr, src->spans[i].syn);
		a = b + src->spans[i].len;
	}
	lb_add(dst, src->text + a, src->len - a, 0, HTML_SYN_NONE);
	dst->width += src->width;
}

/* Drop trailing blanks. */
static void
lb_trim(struct lb *lb)
{
	struct html_span *sp;

	while (lb->len > 0 && lb->text[lb->len - 1] == ' ') {
		lb->len--;
		lb->width--;
	}
	while (lb->nspans > 0) {
		sp = &lb->spans[lb->nspans - 1];
		if (sp->off >= lb->len)
			lb->nspans--;
		else {
			if (sp->off + sp->len > lb->len)
				sp->len = lb->len - sp->off;
			break;
		}
	}
}

/* ---- paragraphs being collected ---- */

/* How whitespace is treated. */
enum {
	WS_NORMAL, /* collapse runs, newlines are spaces */
	WS_PRE,	   /* keep everything */
	WS_PRELINE /* pre inside a table cell: newlines break, runs collapse */
};

/* A run of paragraph bytes with one look; the runs cover the text. */
struct seg {
	size_t off;
	size_t len;
	unsigned attr;
	enum html_syn syn;
};

struct para {
	char *text;
	size_t len;
	size_t size;
	struct seg *segs;
	size_t nsegs;
	size_t segsize;
	int space;	 /* a collapsed space is pending */
	unsigned spattr; /* its look */
	enum html_syn spsyn;
	int cr;		/* the last character was a CR */
	int synseen;	/* the markup gave syntax classes */
	size_t markend; /* where the last [n] ended */
	int markn;	/* and its number */
	char lead[48];	/* a list marker to put before the text */
	size_t leadlen;
	unsigned leadattr;
};

/* Record that the n bytes at off have this look. */
static void
para_seg(struct para *p, size_t off, size_t n, unsigned attr, enum html_syn syn)
{
	struct seg *sg;

	sg = p->nsegs > 0 ? &p->segs[p->nsegs - 1] : NULL;
	if (sg != NULL && sg->attr == attr && sg->syn == syn &&
	    sg->off + sg->len == off) {
		sg->len += n;
		return;
	}
	if (p->nsegs == p->segsize) {
		p->segsize = p->segsize == 0 ? 4 : p->segsize * 2;
		p->segs = xreallocarray(p->segs, p->segsize, sizeof *p->segs);
	}
	sg = &p->segs[p->nsegs++];
	sg->off = off;
	sg->len = n;
	sg->attr = attr;
	sg->syn = syn;
}

static void
para_put(
    struct para *p, const char *s, size_t n, unsigned attr, enum html_syn syn)
{
	size_t size;

	if (n == 0)
		return;
	if (p->len + n + 1 > p->size) {
		size = p->size == 0 ? 64 : p->size;
		while (p->len + n + 1 > size)
			size *= 2;
		p->text = xreallocarray(p->text, size, 1);
		p->size = size;
	}
	para_seg(p, p->len, n, attr, syn);
	memcpy(p->text + p->len, s, n);
	p->len += n;
	p->text[p->len] = '\0';
}

static void
para_clear(struct para *p)
{
	p->len = 0;
	p->nsegs = 0;
	p->space = 0;
	p->cr = 0;
	p->synseen = 0;
	p->markend = 0;
	p->markn = 0;
}

static void
para_free(struct para *p)
{
	free(p->text);
	free(p->segs);
	memset(p, 0, sizeof *p);
}

/* Cut the text to n bytes. */
static void
para_cut(struct para *p, size_t n)
{
	struct seg *sg;

	p->len = n;
	while (p->nsegs > 0) {
		sg = &p->segs[p->nsegs - 1];
		if (sg->off >= n)
			p->nsegs--;
		else {
			if (sg->off + sg->len > n)
				sg->len = n - sg->off;
			break;
		}
	}
	if (p->text != NULL)
		p->text[n] = '\0';
}

/* Trailing spaces, breaks and break opportunities mean nothing. */
static void
para_rstrip(struct para *p)
{
	size_t n = p->len;

	while (n > 0 &&
	    (p->text[n - 1] == ' ' || p->text[n - 1] == '\n' ||
		p->text[n - 1] == HTML_ZWB))
		n--;
	para_cut(p, n);
	p->space = 0;
}

/* Before a visible character: the pending marker and space. */
static void
para_before(struct para *p, int mode)
{
	if (p->leadlen > 0) {
		para_put(p, p->lead, p->leadlen, p->leadattr, HTML_SYN_NONE);
		p->leadlen = 0;
		p->space = 0;
	}
	if (mode != WS_PRE && p->space && p->len > 0 &&
	    p->text[p->len - 1] != '\n')
		para_put(p, " ", 1, p->spattr, p->spsyn);
	p->space = 0;
}

static void
para_space(struct para *p, unsigned attr, enum html_syn syn)
{
	if (!p->space) {
		p->space = 1;
		p->spattr = attr;
		p->spsyn = syn;
	}
}

/* A forced line break. */
static void
para_break(struct para *p)
{
	p->space = 0;
	para_put(p, "\n", 1, 0, HTML_SYN_NONE);
}

/* A block boundary inside a cell or a pre: start a new line unless at
 * the start of one. */
static void
para_soft(struct para *p)
{
	if (p->len > 0 && p->text[p->len - 1] != '\n')
		para_break(p);
	p->space = 0;
}

/*
 * C1 code points as HTML5 reads character references to them (and as
 * they were most likely meant): Windows-1252; 0 for the unassigned.
 */
static const unsigned int html_cp1252[32] = { 0x20ac, 0, 0x201a, 0x192, 0x201e,
	0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d,
	0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc,
	0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178 };

/*
 * Add document text: whitespace by mode; control characters, escape
 * sequences and invisible characters dropped.
 */
static void
para_text(struct para *p, const char *s, size_t n, unsigned attr,
    enum html_syn syn, int mode)
{
	unsigned int cp;
	size_t i = 0, j, len;
	unsigned char c;
	char enc[4];

	while (i < n) {
		/* Fast path: a run of printable ASCII. */
		j = i;
		while (j < n && (c = (unsigned char)s[j]) > 0x20 && c < 0x7f)
			j++;
		if (j > i) {
			para_before(p, mode);
			para_put(p, s + i, j - i, attr, syn);
			p->cr = 0;
			i = j;
			continue;
		}
		if (s[i] == 0x1b) {
			len = util_escape_len(s + i, n - i);
			i += len > 0 ? len : 1;
			p->cr = 0;
			continue;
		}
		len = html_dec(s + i, n - i, &cp);
		i += len;
		if (cp == '\n' && p->cr) {
			p->cr = 0;
			continue;
		}
		p->cr = cp == '\r';
		if (cp == '\r' || cp == '\n' || cp == 0x2028 || cp == 0x2029) {
			if (mode == WS_NORMAL)
				para_space(p, attr, syn);
			else if (mode == WS_PRE)
				para_put(p, "\n", 1, attr, syn);
			else
				para_break(p);
			continue;
		}
		if (cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v') {
			if (mode == WS_PRE) {
				para_before(p, mode);
				para_put(
				    p, cp == '\t' ? "\t" : " ", 1, attr, syn);
			} else
				para_space(p, attr, syn);
			continue;
		}
		if (cp >= 0x80 && cp <= 0x9f)
			cp = html_cp1252[cp - 0x80];
		if (cp < 0x20 || cp == 0x7f)
			continue;
		if (cp == 0x200b) {
			/* Zero-width space: a break opportunity. */
			if (mode != WS_PRE && !p->space && p->len > 0 &&
			    p->text[p->len - 1] != '\n')
				para_put(p, "\002", 1, attr, syn);
			continue;
		}
		if (html_invisible(cp))
			continue;
		para_before(p, mode);
		if (cp == 0xa0 || cp == 0x202f || cp == 0x2007) {
			para_put(
			    p, mode == WS_PRE ? " " : "\001", 1, attr, syn);
			continue;
		}
		para_put(p, enc, util_utf8_encode(cp, enc), attr, syn);
	}
}

/* Append another paragraph's text and looks. */
static void
para_cat(struct para *dst, const struct para *src)
{
	size_t i;

	for (i = 0; i < src->nsegs; i++)
		para_put(dst, src->text + src->segs[i].off, src->segs[i].len,
		    src->segs[i].attr, src->segs[i].syn);
}

/* ---- wrapping ---- */

/*
 * May a line break between prev and cp, one of them wide (CJK, emoji)?
 * Not before closing punctuation nor after opening punctuation.
 */
static int
html_breakable(unsigned int prev, unsigned int cp)
{
	static const unsigned int closing[] = { '!', ')', ',', '.', ':', ';',
		'?', ']', '}', 0x2026, 0x3001, 0x3002, 0x3005, 0x3009, 0x300b,
		0x300d, 0x300f, 0x3011, 0x3015, 0x3017, 0x3019, 0x301b, 0x309d,
		0x309e, 0x30fb, 0x30fc, 0xff01, 0xff09, 0xff0c, 0xff0e, 0xff1a,
		0xff1b, 0xff1f, 0xff3d, 0xff5d };
	static const unsigned int opening[] = { '(', '[', '{', 0x3008, 0x300a,
		0x300c, 0x300e, 0x3010, 0x3014, 0x3016, 0x3018, 0x301a, 0xff08,
		0xff3b, 0xff5b };
	size_t i;

	for (i = 0; i < HTML_NITEMS(closing); i++)
		if (cp == closing[i])
			return 0;
	for (i = 0; i < HTML_NITEMS(opening); i++)
		if (prev == opening[i])
			return 0;
	return 1;
}

/* Korean is written with spaces between words: no breaks inside them. */
static int
html_hangul(unsigned int cp)
{
	return (cp >= 0x1100 && cp <= 0x11ff) ||
	    (cp >= 0x3130 && cp <= 0x318f) || (cp >= 0xa960 && cp <= 0xa97f) ||
	    (cp >= 0xac00 && cp <= 0xd7ff);
}

/*
 * The box starting at i: the characters up to the next space, forced
 * break or break opportunity, or up to a break allowed next to a wide
 * character (not Hangul).  Returns its end; *w gets its width.
 */
static size_t
html_box(const struct para *p, size_t i, int *w)
{
	unsigned int cp, prev = 0;
	size_t j = i, len;
	int cw, ib, pb = 0;
	char c;

	*w = 0;
	while (j < p->len) {
		c = p->text[j];
		if (c == ' ' || c == '\n' || c == HTML_ZWB)
			break;
		len = html_dec(p->text + j, p->len - j, &cp);
		cw = html_cwidth(cp);
		ib = cw == 2 && !html_hangul(cp);
		if (j > i && cw > 0 && (ib || pb) && html_breakable(prev, cp))
			break;
		if (cw > 0) {
			pb = ib;
			prev = cp;
		}
		*w += cw;
		j += len;
	}
	return j;
}

/* Copy paragraph bytes [a, b) with their looks; *si is a cursor into
 * the runs that only moves forward. */
static void
para_copy(const struct para *p, size_t *si, size_t a, size_t b, struct lb *lb)
{
	const struct seg *sg;
	size_t e, x, y;

	while (a < b) {
		while (*si + 1 < p->nsegs &&
		    p->segs[*si].off + p->segs[*si].len <= a)
			(*si)++;
		sg = &p->segs[*si];
		e = sg->off + sg->len;
		if (e > b || e <= a)
			e = b;
		for (x = a; x < e; x = y) {
			y = x;
			while (y < e && (unsigned char)p->text[y] > 0x02)
				y++;
			lb_add(lb, p->text + x, y - x, sg->attr, sg->syn);
			if (y < e) {
				if (p->text[y] == HTML_NBSP)
					lb_add(lb, " ", 1, sg->attr, sg->syn);
				y++;
			}
		}
		a = e;
	}
}

/* Where wrapped lines go: the document (with prefixes) or a cell. */
struct sink {
	struct render *r;
	void (*begin)(struct sink *, struct lb *);
	void (*end)(struct sink *, struct lb *, int);
	unsigned flags;	  /* HTML_L_* for the document's lines */
	struct lb *lines; /* a cell's lines */
	size_t nlines;
	size_t size;
};

/*
 * Greedy wrapping at avail columns.  end() is told when a line is empty
 * (a forced break at the start or twice in a row).
 */
static void
html_wrap(const struct para *p, int avail, struct sink *sk, struct lb *lb)
{
	unsigned int cp;
	size_t i = 0, si = 0, end, sp = SIZE_MAX, j, len;
	int lw = 0, have = 0, bw, gw, cw;
	char c;

	if (avail < 1)
		avail = 1;
	sk->begin(sk, lb);
	while (i < p->len) {
		c = p->text[i];
		if (c == ' ') {
			sp = i++;
			continue;
		}
		if (c == HTML_ZWB) {
			i++;
			continue;
		}
		if (c == '\n') {
			sk->end(sk, lb, !have);
			sk->begin(sk, lb);
			lw = have = 0;
			sp = SIZE_MAX;
			i++;
			continue;
		}
		end = html_box(p, i, &bw);
		gw = have && sp != SIZE_MAX ? 1 : 0;
		if (have && lw + gw + bw > avail) {
			sk->end(sk, lb, 0);
			sk->begin(sk, lb);
			lw = have = gw = 0;
		}
		if (gw) {
			para_copy(p, &si, sp, sp + 1, lb);
			lw++;
			lb->width++;
		}
		sp = SIZE_MAX;
		if (lw + bw <= avail) {
			para_copy(p, &si, i, end, lb);
			lw += bw;
			lb->width += bw;
		} else {
			/* Longer than the width: break it hard, never
			 * before a zero-width (combining) character. */
			for (j = i; j < end; j += len) {
				len = html_dec(p->text + j, end - j, &cp);
				cw = html_cwidth(cp);
				if (cw > 0 && lw > 0 && lw + cw > avail) {
					sk->end(sk, lb, 0);
					sk->begin(sk, lb);
					lw = 0;
				}
				para_copy(p, &si, j, j + len, lb);
				lw += cw;
				lb->width += cw;
			}
		}
		have = 1;
		i = end;
	}
	if (have)
		sk->end(sk, lb, 0);
}

/* The narrowest (longest box) and widest (longest line) a paragraph
 * can be laid out in. */
static void
para_measure(const struct para *p, int *minw, int *maxw)
{
	size_t i = 0;
	int line = 0, have = 0, sp = 0, bw;
	char c;

	*minw = *maxw = 0;
	while (i < p->len) {
		c = p->text[i];
		if (c == ' ' || c == HTML_ZWB) {
			sp |= c == ' ';
			i++;
			continue;
		}
		if (c == '\n') {
			if (line > *maxw)
				*maxw = line;
			line = have = sp = 0;
			i++;
			continue;
		}
		i = html_box(p, i, &bw);
		if (have && sp)
			line++;
		line += bw;
		if (bw > *minw)
			*minw = bw;
		have = 1;
		sp = 0;
	}
	if (line > *maxw)
		*maxw = line;
}

/* ---- a string set: link numbers, abbreviations seen ---- */

struct smap {
	char **keys;
	int *vals;
	size_t size; /* a power of two */
	size_t n;
};

static size_t
smap_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	return (size_t)h;
}

static size_t
smap_slot(const struct smap *m, const char *key)
{
	size_t h = smap_hash(key) & (m->size - 1);

	while (m->keys[h] != NULL && strcmp(m->keys[h], key) != 0)
		h = (h + 1) & (m->size - 1);
	return h;
}

static int
smap_get(const struct smap *m, const char *key)
{
	size_t h;

	if (m->size == 0)
		return 0;
	h = smap_slot(m, key);
	return m->keys[h] != NULL ? m->vals[h] : 0;
}

static void
smap_put(struct smap *m, const char *key, int val)
{
	struct smap old = *m;
	size_t i, h;

	if ((m->n + 1) * 2 > m->size) {
		m->size = old.size == 0 ? 16 : old.size * 2;
		m->keys = xcalloc(m->size, sizeof *m->keys);
		m->vals = xcalloc(m->size, sizeof *m->vals);
		for (i = 0; i < old.size; i++) {
			if (old.keys[i] == NULL)
				continue;
			h = smap_slot(m, old.keys[i]);
			m->keys[h] = old.keys[i];
			m->vals[h] = old.vals[i];
		}
		free(old.keys);
		free(old.vals);
	}
	h = smap_slot(m, key);
	if (m->keys[h] == NULL) {
		m->keys[h] = xstrdup(key);
		m->n++;
	}
	m->vals[h] = val;
}

static void
smap_free(struct smap *m)
{
	size_t i;

	for (i = 0; i < m->size; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* ---- URLs ---- */

/*
 * A URL as it may be listed and handed to a browser: blanks around it
 * trimmed and tabs and newlines in it dropped (as browsers do); spaces,
 * control characters, bytes that are not UTF-8 and invisible or bidi
 * characters percent-encoded.  NULL when nothing is left.
 */
static char *
url_clean(const char *s)
{
	struct buf b;
	unsigned int cp;
	size_t n = strlen(s), i, k, len;
	unsigned char c;

	while (n > 0 && (unsigned char)s[n - 1] <= 0x20)
		n--;
	while (n > 0 && (unsigned char)*s <= 0x20) {
		s++;
		n--;
	}
	if (n == 0)
		return NULL;
	buf_init(&b, 0);
	for (i = 0; i < n; i += len) {
		c = (unsigned char)s[i];
		len = 1;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c < 0x80) {
			if (c <= 0x20 || c == 0x7f)
				buf_printf(&b, "%%%02X", c);
			else
				buf_addc(&b, (char)c);
			continue;
		}
		len =
		    util_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0) {
			buf_printf(&b, "%%%02X", c);
			len = 1;
		} else if (cp <= 0x9f || html_invisible(cp) || cp == 0x200b ||
		    cp == 0x2028 || cp == 0x2029) {
			for (k = 0; k < len; k++)
				buf_printf(
				    &b, "%%%02X", (unsigned char)s[i + k]);
		} else
			buf_add(&b, s + i, len);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* RFC 3986 3.1: the length of the scheme before ':', or 0. */
static size_t
url_scheme(const char *s)
{
	size_t i;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (i = 1; (s[i] >= 'a' && s[i] <= 'z') ||
	     (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
	     s[i] == '+' || s[i] == '-' || s[i] == '.';
	     i++)
		;
	return s[i] == ':' ? i : 0;
}

struct url {
	const char *scheme;
	size_t schemelen;
	const char *auth;
	size_t authlen;
	int hasauth;
	const char *path;
	size_t pathlen;
	const char *query;
	size_t querylen;
	int hasquery;
	const char *frag;
	int hasfrag;
};

static void
url_split(const char *s, struct url *u)
{
	size_t k;

	memset(u, 0, sizeof *u);
	k = url_scheme(s);
	if (k > 0) {
		u->scheme = s;
		u->schemelen = k;
		s += k + 1;
	}
	if (s[0] == '/' && s[1] == '/') {
		s += 2;
		u->hasauth = 1;
		u->auth = s;
		u->authlen = strcspn(s, "/?#");
		s += u->authlen;
	}
	u->path = s;
	u->pathlen = strcspn(s, "?#");
	s += u->pathlen;
	if (*s == '?') {
		u->hasquery = 1;
		u->query = ++s;
		u->querylen = strcspn(s, "#");
		s += u->querylen;
	}
	if (*s == '#') {
		u->hasfrag = 1;
		u->frag = s + 1;
	}
}

/* Drop the last segment of the path written since start. */
static void
url_pop(struct buf *out, size_t start)
{
	size_t n = out->len;

	while (n > start && out->data[n - 1] != '/')
		n--;
	if (n > start)
		n--;
	out->len = n;
	out->data[n] = '\0';
}

/* RFC 3986 5.2.4: remove_dot_segments, writing onto out. */
static void
url_dots(const char *p, size_t n, struct buf *out)
{
	size_t start = out->len, rest, k;

	while (n > 0) {
		rest = n;
		if (rest >= 3 && memcmp(p, "../", 3) == 0)
			k = 3;
		else if (rest >= 2 && memcmp(p, "./", 2) == 0)
			k = 2;
		else if (rest >= 3 && memcmp(p, "/./", 3) == 0)
			k = 2;
		else if (rest == 2 && memcmp(p, "/.", 2) == 0) {
			buf_addc(out, '/');
			k = 2;
		} else if (rest >= 4 && memcmp(p, "/../", 4) == 0) {
			url_pop(out, start);
			k = 3;
		} else if (rest == 3 && memcmp(p, "/..", 3) == 0) {
			url_pop(out, start);
			buf_addc(out, '/');
			k = 3;
		} else if ((rest == 1 && p[0] == '.') ||
		    (rest == 2 && memcmp(p, "..", 2) == 0))
			k = rest;
		else {
			k = p[0] == '/' ? 1 : 0;
			while (k < rest && p[k] != '/')
				k++;
			buf_add(out, p, k);
		}
		p += k;
		n -= k;
	}
}

/* RFC 3986 5.2.2: ref against base; without an absolute base, ref. */
static char *
url_resolve(const char *base, const char *ref)
{
	struct url b, r;
	struct buf out, m;
	const char *q;
	size_t k;

	if (url_scheme(ref) > 0 || base == NULL || url_scheme(base) == 0)
		return xstrdup(ref);
	url_split(base, &b);
	url_split(ref, &r);
	buf_init(&out, 0);
	buf_add(&out, b.scheme, b.schemelen);
	buf_addc(&out, ':');
	if (r.hasauth) {
		buf_addstr(&out, "//");
		buf_add(&out, r.auth, r.authlen);
		url_dots(r.path, r.pathlen, &out);
		b.hasquery = r.hasquery;
		b.query = r.query;
		b.querylen = r.querylen;
	} else {
		if (b.hasauth) {
			buf_addstr(&out, "//");
			buf_add(&out, b.auth, b.authlen);
		}
		if (r.pathlen == 0) {
			buf_add(&out, b.path, b.pathlen);
			if (r.hasquery) {
				b.hasquery = 1;
				b.query = r.query;
				b.querylen = r.querylen;
			}
		} else {
			if (r.path[0] == '/')
				url_dots(r.path, r.pathlen, &out);
			else {
				buf_init(&m, 0);
				if (b.hasauth && b.pathlen == 0)
					buf_addc(&m, '/');
				else {
					k = b.pathlen;
					while (k > 0 && b.path[k - 1] != '/')
						k--;
					buf_add(&m, b.path, k);
				}
				buf_add(&m, r.path, r.pathlen);
				url_dots(m.data, m.len, &out);
				buf_free(&m);
			}
			b.hasquery = r.hasquery;
			b.query = r.query;
			b.querylen = r.querylen;
		}
	}
	if (b.hasquery) {
		buf_addc(&out, '?');
		buf_add(&out, b.query, b.querylen);
	}
	if (r.hasfrag) {
		q = r.frag;
		buf_addc(&out, '#');
		buf_addstr(&out, q);
	}
	return buf_detach(&out, NULL);
}

/* The host of an absolute URL (no user, no port), or NULL. */
static char *
url_host(const char *s)
{
	struct url u;
	const char *a, *at, *end;

	url_split(s, &u);
	if (!u.hasauth || u.authlen == 0)
		return NULL;
	a = u.auth;
	end = a + u.authlen;
	for (at = end; at > a && at[-1] != '@'; at--)
		;
	a = at;
	if (*a == '[') {
		at = memchr(a, ']', (size_t)(end - a));
		end = at != NULL ? at + 1 : end;
	} else {
		at = memchr(a, ':', (size_t)(end - a));
		end = at != NULL ? at : end;
	}
	return end > a ? xstrndup(a, (size_t)(end - a)) : NULL;
}

/* ---- attributes ---- */

/* An attribute's value (borrowed from the tree), "" when it has none,
 * NULL when absent. */
static const char *
html_attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL ||
		    !util_strcaseeq((const char *)a->name, name))
			continue;
		if (a->children != NULL && a->children->content != NULL)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

/* The next blank-separated word of s at or after p, or NULL. */
static const char *
html_word(const char *p, size_t *len)
{
	while (
	    *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
		p++;
	if (*p == '\0')
		return NULL;
	for (*len = 0; p[*len] != '\0' && p[*len] != ' ' && p[*len] != '\t' &&
	     p[*len] != '\n' && p[*len] != '\r' && p[*len] != '\f';
	     (*len)++)
		;
	return p;
}

/* ---- syntax colour ---- */

struct html_cmap {
	const char *name;
	enum html_syn syn;
};

/* Pygments' short class names (Chroma and Rouge use the same). */
static const struct html_cmap html_pygments[] = {
	{ "bp", HTML_SYN_BUILTIN },
	{ "c", HTML_SYN_COMMENT },
	{ "c1", HTML_SYN_COMMENT },
	{ "ch", HTML_SYN_COMMENT },
	{ "cm", HTML_SYN_COMMENT },
	{ "cp", HTML_SYN_KEYWORD },
	{ "cpf", HTML_SYN_STRING },
	{ "cs", HTML_SYN_COMMENT },
	{ "dl", HTML_SYN_STRING },
	{ "fm", HTML_SYN_FUNCTION },
	{ "gp", HTML_SYN_PROMPT },
	{ "il", HTML_SYN_NUMBER },
	{ "k", HTML_SYN_KEYWORD },
	{ "kc", HTML_SYN_KEYWORD },
	{ "kd", HTML_SYN_KEYWORD },
	{ "kn", HTML_SYN_KEYWORD },
	{ "kp", HTML_SYN_KEYWORD },
	{ "kr", HTML_SYN_KEYWORD },
	{ "kt", HTML_SYN_KEYWORD },
	{ "m", HTML_SYN_NUMBER },
	{ "mb", HTML_SYN_NUMBER },
	{ "mf", HTML_SYN_NUMBER },
	{ "mh", HTML_SYN_NUMBER },
	{ "mi", HTML_SYN_NUMBER },
	{ "mo", HTML_SYN_NUMBER },
	{ "nb", HTML_SYN_BUILTIN },
	{ "nc", HTML_SYN_CLASS },
	{ "nd", HTML_SYN_DECORATOR },
	{ "ne", HTML_SYN_CLASS },
	{ "nf", HTML_SYN_FUNCTION },
	{ "o", HTML_SYN_OPERATOR },
	{ "ow", HTML_SYN_KEYWORD },
	{ "s", HTML_SYN_STRING },
	{ "s1", HTML_SYN_STRING },
	{ "s2", HTML_SYN_STRING },
	{ "sa", HTML_SYN_STRING },
	{ "sb", HTML_SYN_STRING },
	{ "sc", HTML_SYN_STRING },
	{ "sd", HTML_SYN_STRING },
	{ "se", HTML_SYN_STRING },
	{ "sh", HTML_SYN_STRING },
	{ "si", HTML_SYN_STRING },
	{ "sr", HTML_SYN_STRING },
	{ "ss", HTML_SYN_STRING },
	{ "sx", HTML_SYN_STRING },
};

/* highlight.js, after "hljs-". */
static const struct html_cmap html_hljs[] = {
	{ "built_in", HTML_SYN_BUILTIN },
	{ "comment", HTML_SYN_COMMENT },
	{ "doctag", HTML_SYN_STRING },
	{ "keyword", HTML_SYN_KEYWORD },
	{ "literal", HTML_SYN_KEYWORD },
	{ "meta", HTML_SYN_DECORATOR },
	{ "number", HTML_SYN_NUMBER },
	{ "operator", HTML_SYN_OPERATOR },
	{ "regexp", HTML_SYN_STRING },
	{ "string", HTML_SYN_STRING },
	{ "symbol", HTML_SYN_STRING },
	{ "title", HTML_SYN_FUNCTION },
	{ "type", HTML_SYN_BUILTIN },
};

/* Prism, next to "token". */
static const struct html_cmap html_prism[] = {
	{ "annotation", HTML_SYN_DECORATOR },
	{ "boolean", HTML_SYN_KEYWORD },
	{ "builtin", HTML_SYN_BUILTIN },
	{ "class-name", HTML_SYN_CLASS },
	{ "comment", HTML_SYN_COMMENT },
	{ "decorator", HTML_SYN_DECORATOR },
	{ "function", HTML_SYN_FUNCTION },
	{ "keyword", HTML_SYN_KEYWORD },
	{ "number", HTML_SYN_NUMBER },
	{ "operator", HTML_SYN_OPERATOR },
	{ "string", HTML_SYN_STRING },
	{ "triple-quoted-string", HTML_SYN_STRING },
};

static enum html_syn
cmap_find(const struct html_cmap *t, size_t n, const char *s, size_t len)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strncmp(s, t[mid].name, len);
		if (c == 0 && t[mid].name[len] != '\0')
			c = -1;
		if (c < 0)
			hi = mid;
		else if (c > 0)
			lo = mid + 1;
		else
			return t[mid].syn;
	}
	return HTML_SYN_NONE;
}

/* The syntax class an element's class attribute names.  Pygments'
 * one- and two-letter names only count inside a pre. */
static enum html_syn
html_class_syn(const char *cls, int inpre)
{
	const char *p;
	enum html_syn syn;
	size_t len;
	int prism = 0, klass = 0, prompt = 0;

	for (p = html_word(cls, &len); p != NULL;
	     p = html_word(p + len, &len)) {
		if (len == 5 && memcmp(p, "token", 5) == 0)
			prism = 1;
		else if (len == 6 && memcmp(p, "class_", 6) == 0)
			klass = 1;
		else if (len == 7 && memcmp(p, "prompt_", 7) == 0)
			prompt = 1;
	}
	for (p = html_word(cls, &len); p != NULL;
	     p = html_word(p + len, &len)) {
		syn = HTML_SYN_NONE;
		if (len > 5 && memcmp(p, "hljs-", 5) == 0) {
			syn = cmap_find(
			    html_hljs, HTML_NITEMS(html_hljs), p + 5, len - 5);
			if (syn == HTML_SYN_FUNCTION && klass)
				syn = HTML_SYN_CLASS;
			if (syn == HTML_SYN_DECORATOR && prompt)
				syn = HTML_SYN_PROMPT;
		} else if (prism)
			syn = cmap_find(
			    html_prism, HTML_NITEMS(html_prism), p, len);
		else if (inpre)
			syn = cmap_find(
			    html_pygments, HTML_NITEMS(html_pygments), p, len);
		if (syn != HTML_SYN_NONE)
			return syn;
	}
	return HTML_SYN_NONE;
}

/* Does a class word (or data-lang value) say Python? */
static int
html_py_word(const char *p, size_t len)
{
	static const char *const pfx[] = { "language-", "lang-", "highlight-",
		"brush:", "source-" };
	static const char *const names[] = { "ipython", "ipython3", "py", "py3",
		"pycon", "python", "python3" };
	size_t i, k;

	while (len > 0 && p[len - 1] == ';')
		len--;
	for (i = 0; i < HTML_NITEMS(pfx); i++) {
		k = strlen(pfx[i]);
		if (len > k && util_strncaseeq(p, pfx[i], k)) {
			p += k;
			len -= k;
			break;
		}
	}
	for (i = 0; i < HTML_NITEMS(names); i++)
		if (strlen(names[i]) == len &&
		    util_strncaseeq(p, names[i], len))
			return 1;
	return 0;
}

static int
html_py_marked(const xmlNode *n)
{
	static const char *const names[] = { "class", "data-lang",
		"data-language", "lang" };
	const char *v, *p;
	size_t i, len;

	for (i = 0; i < HTML_NITEMS(names); i++) {
		v = html_attr(n, names[i]);
		if (v == NULL)
			continue;
		for (p = html_word(v, &len); p != NULL;
		     p = html_word(p + len, &len))
			if (html_py_word(p, len))
				return 1;
	}
	return 0;
}

/* Is this pre Python: marked on itself, a few ancestors, or the code
 * element inside it? */
static int
html_is_python(const xmlNode *pre)
{
	const xmlNode *n, *c;
	int k;

	for (n = pre, k = 0; n != NULL && n->type == XML_ELEMENT_NODE && k < 5;
	     n = n->parent, k++)
		if (html_py_marked(n))
			return 1;
	for (c = pre->children, k = 0; c != NULL && k < 8; c = c->next, k++) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (html_py_marked(c))
			return 1;
		if (c->children != NULL &&
		    c->children->type == XML_ELEMENT_NODE &&
		    html_py_marked(c->children))
			return 1;
	}
	return 0;
}

/* Tokens found by the Python highlighter, in order. */
struct toks {
	struct seg *v;
	size_t n;
	size_t size;
};

static void
tok_add(struct toks *t, size_t off, size_t len, enum html_syn syn)
{
	struct seg *s;

	if (len == 0)
		return;
	s = t->n > 0 ? &t->v[t->n - 1] : NULL;
	if (s != NULL && s->syn == syn && s->off + s->len == off) {
		s->len += len;
		return;
	}
	if (t->n == t->size) {
		t->size = t->size == 0 ? 64 : t->size * 2;
		t->v = xreallocarray(t->v, t->size, sizeof *t->v);
	}
	s = &t->v[t->n++];
	s->off = off;
	s->len = len;
	s->attr = 0;
	s->syn = syn;
}

static int
py_start(unsigned char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    c >= 0x80;
}

static int
py_ident(unsigned char c)
{
	return py_start(c) || (c >= '0' && c <= '9');
}

static int
py_find(const char *const *list, size_t n, const char *s, size_t len)
{
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strncmp(s, list[mid], len);
		if (c == 0 && list[mid][len] != '\0')
			c = -1;
		if (c < 0)
			hi = mid;
		else if (c > 0)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static const char *const py_keywords[] = { "False", "None", "True", "and", "as",
	"assert", "async", "await", "break", "class", "continue", "def", "del",
	"elif", "else", "except", "finally", "for", "from", "global", "if",
	"import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
	"raise", "return", "try", "while", "with", "yield" };

static const char *const py_builtins[] = { "AssertionError", "AttributeError",
	"BaseException", "Ellipsis", "Exception", "ImportError", "IndexError",
	"KeyError", "LookupError", "NameError", "NotImplemented",
	"NotImplementedError", "OSError", "RuntimeError", "StopIteration",
	"TypeError", "ValueError", "ZeroDivisionError", "__import__",
	"__name__", "abs", "all", "any", "ascii", "bin", "bool", "breakpoint",
	"bytearray", "bytes", "callable", "chr", "classmethod", "cls",
	"compile", "complex", "delattr", "dict", "dir", "divmod", "enumerate",
	"eval", "exec", "filter", "float", "format", "frozenset", "getattr",
	"globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
	"isinstance", "issubclass", "iter", "len", "list", "locals", "map",
	"max", "memoryview", "min", "next", "object", "oct", "open", "ord",
	"pow", "print", "property", "range", "repr", "reversed", "round",
	"self", "set", "setattr", "slice", "sorted", "staticmethod", "str",
	"sum", "super", "tuple", "type", "vars", "zip" };

/* From i inside a triple-quoted string of quote q: the end of the
 * string on this line (*open = 0), or le (*open = q). */
static size_t
py_triple(const char *s, size_t le, size_t i, char q, char *open)
{
	while (i < le) {
		if (s[i] == '\\') {
			i += 2;
			continue;
		}
		if (s[i] == q && i + 2 < le && s[i + 1] == q && s[i + 2] == q) {
			*open = 0;
			return i + 3;
		}
		i++;
	}
	*open = q;
	return le;
}

/* An IPython prompt at the start of the line [ls, le): 1 for "In [n]:"
 * or "...:", 2 for "Out[n]:", 0 for none; *end is after it. */
static int
py_ipython(const char *s, size_t ls, size_t le, size_t *end)
{
	size_t i = ls;
	int out;

	if (le - ls >= 4 &&
	    (memcmp(s + ls, "In [", 4) == 0 ||
		memcmp(s + ls, "Out[", 4) == 0)) {
		out = s[ls] == 'O';
		for (i = ls + 4;
		     i < le && ((s[i] >= '0' && s[i] <= '9') || s[i] == ' ');
		     i++)
			;
		if (i + 1 < le && s[i] == ']' && s[i + 1] == ':') {
			*end = i + 2;
			return out ? 2 : 1;
		}
		return 0;
	}
	while (i < le && s[i] == ' ')
		i++;
	if (i > ls && le - i >= 4 && memcmp(s + i, "...:", 4) == 0) {
		*end = i + 4;
		return 1;
	}
	return 0;
}

/* Does the line [i, le) end with ':' (a comment aside)? */
static int
py_colon(const char *s, size_t i, size_t le)
{
	const char *h = memchr(s + i, '#', le - i);

	if (h != NULL)
		le = (size_t)(h - s);
	while (le > i && (s[le - 1] == ' ' || s[le - 1] == '\t'))
		le--;
	return le > i && s[le - 1] == ':';
}

/*
 * Highlight Python source (or a >>> console session): keywords,
 * builtins, strings (prefixes, triple quotes across lines), comments,
 * numbers, decorators, names after def and class, prompts.
 */
static void
py_scan(const char *s, size_t n, struct toks *t)
{
	enum html_syn syn;
	size_t ls, le, i, j, k;
	int console, first, after; /* after: 1 def, 2 class */
	char open = 0, q, c;

	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'); i++)
		;
	console = n - i >= 3 && memcmp(s + i, ">>>", 3) == 0;
	if (!console && py_ipython(s, i, n, &j) == 1)
		console = 2;
	for (ls = 0; ls < n; ls = le + 1) {
		le = ls;
		while (le < n && s[le] != '\n')
			le++;
		i = ls;
		if (console == 2) {
			k = py_ipython(s, ls, le, &j);
			if (k > 0) {
				tok_add(t, ls, j - ls, HTML_SYN_PROMPT);
				i = j;
			}
			if (k == 2 || (k == 0 && !open))
				continue; /* output */
		} else if (console) {
			if (le - ls >= 3 &&
			    (memcmp(s + ls, ">>>", 3) == 0 ||
				memcmp(s + ls, "...", 3) == 0) &&
			    (le - ls == 3 || s[ls + 3] == ' ')) {
				tok_add(t, ls, 3, HTML_SYN_PROMPT);
				i = ls + 3;
			} else if (!open)
				continue; /* output */
		}
		if (open) {
			j = py_triple(s, le, i, open, &open);
			tok_add(t, i, j - i, HTML_SYN_STRING);
			i = j;
		}
		first = 1;
		after = 0;
		while (i < le) {
			c = s[i];
			if (c == ' ' || c == '\t') {
				i++;
				continue;
			}
			if (c == '#') {
				tok_add(t, i, le - i, HTML_SYN_COMMENT);
				break;
			}
			/* A string, maybe with a prefix. */
			for (j = i; j < le && j - i < 2 &&
			     strchr("rRbBuUfF", s[j]) != NULL && s[j] != '\0';
			     j++)
				;
			if (j < le && (s[j] == '"' || s[j] == '\'')) {
				q = s[j];
				if (j + 2 < le && s[j + 1] == q &&
				    s[j + 2] == q)
					k = py_triple(s, le, j + 3, q, &open);
				else {
					for (k = j + 1; k < le && s[k] != q;
					     k++)
						if (s[k] == '\\')
							k++;
					k = k < le ? k + 1 : le;
				}
				tok_add(t, i, k - i, HTML_SYN_STRING);
				i = k;
				first = after = 0;
				continue;
			}
			if ((c >= '0' && c <= '9') ||
			    (c == '.' && i + 1 < le && s[i + 1] >= '0' &&
				s[i + 1] <= '9')) {
				for (j = i + 1; j < le; j++) {
					if (py_ident((unsigned char)s[j]) ||
					    s[j] == '.')
						continue;
					if ((s[j] == '+' || s[j] == '-') &&
					    (s[j - 1] == 'e' ||
						s[j - 1] == 'E') &&
					    !(i + 1 < le &&
						(s[i + 1] == 'x' ||
						    s[i + 1] == 'X')))
						continue;
					break;
				}
				tok_add(t, i, j - i, HTML_SYN_NUMBER);
				i = j;
				first = after = 0;
				continue;
			}
			if (py_start((unsigned char)c)) {
				for (j = i + 1;
				     j < le && py_ident((unsigned char)s[j]);
				     j++)
					;
				syn = HTML_SYN_NONE;
				if (after == 1)
					syn = HTML_SYN_FUNCTION;
				else if (after == 2)
					syn = HTML_SYN_CLASS;
				else if (py_find(py_keywords,
					     HTML_NITEMS(py_keywords), s + i,
					     j - i))
					syn = HTML_SYN_KEYWORD;
				else if (first &&
				    ((j - i == 5 &&
					 memcmp(s + i, "match", 5) == 0) ||
					(j - i == 4 &&
					    memcmp(s + i, "case", 4) == 0)) &&
				    py_colon(s, j, le))
					syn = HTML_SYN_KEYWORD;
				else if ((i == ls || s[i - 1] != '.') &&
				    py_find(py_builtins,
					HTML_NITEMS(py_builtins), s + i, j - i))
					syn = HTML_SYN_BUILTIN;
				if (j - i == 3 && memcmp(s + i, "def", 3) == 0)
					after = 1;
				else if (j - i == 5 &&
				    memcmp(s + i, "class", 5) == 0)
					after = 2;
				else
					after = 0;
				tok_add(t, i, j - i, syn);
				i = j;
				first = 0;
				continue;
			}
			if (c == '@' && first) {
				for (j = i + 1; j < le &&
				     (py_ident((unsigned char)s[j]) ||
					 s[j] == '.');
				     j++)
					;
				tok_add(t, i, j - i, HTML_SYN_DECORATOR);
				i = j;
				first = 0;
				continue;
			}
			if (strchr("+-*/%=<>!&|^~@", c) != NULL)
				tok_add(t, i, 1, HTML_SYN_OPERATOR);
			i++;
			first = after = 0;
		}
	}
}

/* Give the paragraph's runs the syntax classes of the tokens. */
static void
para_syn(struct para *p, const struct toks *t)
{
	struct seg *old = p->segs, *s;
	size_t nold = p->nsegs, i, ti = 0, x, e, pe;
	enum html_syn syn;

	p->segs = NULL;
	p->nsegs = p->segsize = 0;
	for (i = 0; i < nold; i++) {
		s = &old[i];
		e = s->off + s->len;
		for (x = s->off; x < e; x = pe) {
			while (ti < t->n && t->v[ti].off + t->v[ti].len <= x)
				ti++;
			if (ti < t->n && t->v[ti].off <= x) {
				pe = t->v[ti].off + t->v[ti].len;
				syn = t->v[ti].syn;
			} else {
				pe = ti < t->n ? t->v[ti].off : e;
				syn = s->syn;
			}
			if (pe > e)
				pe = e;
			para_seg(p, x, pe - x, s->attr, syn);
		}
	}
	free(old);
}

/* ---- the renderer ---- */

#define U_BULLET "\xe2\x80\xa2"	  /* • */
#define U_WBULLET "\xe2\x97\xa6"  /* ◦ */
#define U_SQUARE "\xe2\x96\xaa"	  /* ▪ */
#define U_VBAR "\xe2\x94\x82"	  /* │ */
#define U_HBAR "\xe2\x94\x80"	  /* ─ */
#define U_CROSS "\xe2\x94\xbc"	  /* ┼ */
#define U_TRIANGLE "\xe2\x96\xb8" /* ▸ */
#define U_LDQUO "\xe2\x80\x9c"	  /* “ */
#define U_RDQUO "\xe2\x80\x9d"	  /* ” */
#define U_LSQUO "\xe2\x80\x98"	  /* ‘ */
#define U_RSQUO "\xe2\x80\x99"	  /* ’ */

/* The widest rendering we lay out (a rule is this many characters). */
#define HTML_WIDTH_MAX 4096

/* A piece of the prefix of every line: quote bars, list markers (on the
 * first line only, spaces after), indentation. */
enum {
	PFX_BAR,
	PFX_MARK,
	PFX_PAD
};

struct pfx {
	char text[48];
	size_t len;
	int w;
	unsigned attr;
	int kind;
	int used; /* a marker has been printed */
};

/* What an element is to the layout; from K_P on they are blocks. */
enum {
	K_INLINE,
	K_DROP,
	K_BR,
	K_WBR,
	K_HR,
	K_IMG,
	K_EMBED,
	K_A,
	K_ABBR,
	K_Q,
	K_SVG,
	K_LINENO,
	K_P,
	K_BLOCK,
	K_HEADING,
	K_UL,
	K_OL,
	K_LI,
	K_DD,
	K_QUOTE,
	K_PRE,
	K_TABLE,
	K_CAPTION,
	K_TR,
	K_CELL,
	K_TSECT,
	K_SUMMARY
};

/* Elements with no content in HTML; libxml2 2.9 does not know some
 * of them (source, track, wbr, embed) and nests what follows inside. */
static int
html_void(const char *name)
{
	static const char *const v[] = { "area", "base", "basefont", "bgsound",
		"br", "col", "embed", "frame", "hr", "image", "img", "input",
		"isindex", "keygen", "link", "meta", "param", "source", "track",
		"wbr" };
	size_t i;

	for (i = 0; i < HTML_NITEMS(v); i++)
		if (strcmp(name, v[i]) == 0)
			return 1;
	return 0;
}

struct html_elem {
	const char *name;
	int kind;
	unsigned attr;
};

/* Sorted by name.  Unknown elements are inline. */
static const struct html_elem html_elems[] = {
	{ "a", K_A, 0 },
	{ "abbr", K_ABBR, 0 },
	{ "acronym", K_ABBR, 0 },
	{ "address", K_P, HTML_A_ITALIC },
	{ "applet", K_DROP, 0 },
	{ "area", K_DROP, 0 },
	{ "article", K_BLOCK, 0 },
	{ "aside", K_BLOCK, 0 },
	{ "audio", K_EMBED, 0 },
	{ "b", K_INLINE, HTML_A_BOLD },
	{ "base", K_DROP, 0 },
	{ "blockquote", K_QUOTE, 0 },
	{ "body", K_BLOCK, 0 },
	{ "br", K_BR, 0 },
	{ "canvas", K_DROP, 0 },
	{ "caption", K_CAPTION, HTML_A_ITALIC },
	{ "center", K_BLOCK, 0 },
	{ "cite", K_INLINE, HTML_A_ITALIC },
	{ "code", K_INLINE, HTML_A_CODE },
	{ "col", K_DROP, 0 },
	{ "colgroup", K_DROP, 0 },
	{ "datalist", K_DROP, 0 },
	{ "dd", K_DD, 0 },
	{ "del", K_INLINE, HTML_A_STRIKE },
	{ "details", K_P, 0 },
	{ "dfn", K_INLINE, HTML_A_ITALIC },
	{ "dialog", K_BLOCK, 0 },
	{ "dir", K_UL, 0 },
	{ "div", K_BLOCK, 0 },
	{ "dl", K_P, 0 },
	{ "dt", K_BLOCK, HTML_A_BOLD },
	{ "em", K_INLINE, HTML_A_ITALIC },
	{ "embed", K_EMBED, 0 },
	{ "fieldset", K_P, 0 },
	{ "figcaption", K_BLOCK, HTML_A_DIM | HTML_A_ITALIC },
	{ "figure", K_P, 0 },
	{ "footer", K_BLOCK, 0 },
	{ "form", K_BLOCK, 0 },
	{ "frame", K_DROP, 0 },
	{ "frameset", K_DROP, 0 },
	{ "h1", K_HEADING, HTML_A_HEADING | HTML_A_BOLD | HTML_A_UNDERLINE },
	{ "h2", K_HEADING, HTML_A_HEADING | HTML_A_BOLD },
	{ "h3", K_HEADING, HTML_A_HEADING | HTML_A_BOLD },
	{ "h4", K_HEADING, HTML_A_HEADING | HTML_A_BOLD },
	{ "h5", K_HEADING, HTML_A_HEADING | HTML_A_BOLD },
	{ "h6", K_HEADING, HTML_A_HEADING | HTML_A_BOLD },
	{ "head", K_DROP, 0 },
	{ "header", K_BLOCK, 0 },
	{ "hgroup", K_BLOCK, 0 },
	{ "hr", K_HR, 0 },
	{ "html", K_BLOCK, 0 },
	{ "i", K_INLINE, HTML_A_ITALIC },
	{ "iframe", K_EMBED, 0 },
	{ "img", K_IMG, 0 },
	{ "input", K_DROP, 0 },
	{ "ins", K_INLINE, HTML_A_UNDERLINE },
	{ "kbd", K_INLINE, HTML_A_CODE },
	{ "legend", K_BLOCK, HTML_A_BOLD },
	{ "li", K_LI, 0 },
	{ "link", K_DROP, 0 },
	{ "listing", K_PRE, HTML_A_PRE },
	{ "main", K_BLOCK, 0 },
	{ "mark", K_INLINE, HTML_A_MARK },
	{ "menu", K_UL, 0 },
	{ "meta", K_DROP, 0 },
	{ "nav", K_BLOCK, 0 },
	{ "noembed", K_DROP, 0 },
	{ "noframes", K_DROP, 0 },
	{ "noscript", K_DROP, 0 },
	{ "object", K_EMBED, 0 },
	{ "ol", K_OL, 0 },
	{ "optgroup", K_DROP, 0 },
	{ "option", K_DROP, 0 },
	{ "p", K_P, 0 },
	{ "param", K_DROP, 0 },
	{ "plaintext", K_PRE, HTML_A_PRE },
	{ "pre", K_PRE, HTML_A_PRE },
	{ "q", K_Q, 0 },
	{ "s", K_INLINE, HTML_A_STRIKE },
	{ "samp", K_INLINE, HTML_A_CODE },
	{ "script", K_DROP, 0 },
	{ "search", K_BLOCK, 0 },
	{ "section", K_BLOCK, 0 },
	{ "select", K_DROP, 0 },
	{ "source", K_DROP, 0 },
	{ "strike", K_INLINE, HTML_A_STRIKE },
	{ "strong", K_INLINE, HTML_A_BOLD },
	{ "style", K_DROP, 0 },
	{ "sub", K_INLINE, HTML_A_DIM },
	{ "summary", K_SUMMARY, 0 },
	{ "sup", K_INLINE, HTML_A_DIM },
	{ "svg", K_SVG, 0 },
	{ "table", K_TABLE, 0 },
	{ "tbody", K_TSECT, 0 },
	{ "td", K_CELL, 0 },
	{ "template", K_DROP, 0 },
	{ "textarea", K_DROP, 0 },
	{ "tfoot", K_TSECT, 0 },
	{ "th", K_CELL, HTML_A_BOLD },
	{ "thead", K_TSECT, 0 },
	{ "title", K_DROP, 0 },
	{ "tr", K_TR, 0 },
	{ "track", K_DROP, 0 },
	{ "tt", K_INLINE, HTML_A_CODE },
	{ "u", K_INLINE, HTML_A_UNDERLINE },
	{ "ul", K_UL, 0 },
	{ "var", K_INLINE, HTML_A_ITALIC },
	{ "video", K_EMBED, 0 },
	{ "wbr", K_WBR, 0 },
	{ "xmp", K_PRE, HTML_A_PRE },
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

/* How a block element was entered. */
enum {
	FM_FLOW, /* laid out in the document */
	FM_SOFT, /* inside a cell or a pre: a line break */
	FM_TABLE /* a row, cell or caption of the table being collected */
};

/* One open element. */
struct frame {
	unsigned attr; /* for its text */
	enum html_syn syn;
	int kind;
	int mode;	 /* FM_* */
	int pushed;	 /* it pushed a prefix (thead: it counts) */
	unsigned lflags; /* saved */
	size_t list;	 /* saved innermost list */
	long num;	 /* ol: the next number */
	int step;
	int numw;
	char type;
	char *url;	 /* a: where it goes */
	struct para *mp; /* a: where its text started */
	size_t mark;
	size_t lines; /* a: the lines there were then */
	char *title;  /* abbr: to add after it */
	char script;  /* 'p' in a sup, 'b' in a sub shown as such characters */
};

struct cell {
	struct para para;
	size_t col;
	size_t span;
	long rowspan;
	int th;
	int minw;
	int maxw;
};

struct row {
	struct cell *cells;
	size_t ncells;
	size_t size;
	int head;
};

struct table {
	struct row *rows;
	size_t nrows;
	size_t size;
	struct para caption;
};

struct render {
	int width;
	char *base;
	struct html_doc *doc;
	size_t linesize;
	size_t linksize;
	struct pfx *pfx;
	size_t npfx;
	size_t pfxsize;
	int pfxw;    /* the prefix's width */
	int pfxmax;  /* and the most it may be */
	size_t keep; /* prefix pieces unchanged since the last line */
	int blank;   /* a blank line is due before the next line */
	int lastblank;
	unsigned lflags; /* HTML_L_* for the lines now */
	struct para main;
	struct para *cur;  /* where inline content goes; NULL between cells */
	struct table *tbl; /* a table being collected */
	int tdepth;	   /* tables inside its cells */
	int thead;
	int pre;
	int svg;     /* inside svg: only <text> shows */
	int object;  /* inside object: its fallback shows */
	char **lnum; /* line numbers for the next pre */
	size_t nlnum;
	size_t lnumsize;
	int inli;
	int ulevel;
	int qdepth;
	int python;
	int cdata;   /* inside a "<![CDATA[" that libxml2 left as text */
	size_t list; /* the innermost list's frame, or SIZE_MAX */
	struct frame *frames;
	size_t nframes;
	size_t framesize;
	struct smap links;
	struct smap abbrs;
	struct lb lb;
	struct lb blb;
};

static void table_start(struct render *);
static void table_row(struct render *);
static void table_cell(struct render *, const xmlNode *);
static void table_end(struct render *);

static void
render_lnum_free(struct render *r)
{
	size_t i;

	for (i = 0; i < r->nlnum; i++)
		free(r->lnum[i]);
	r->nlnum = 0;
}

static int
render_mode(const struct render *r)
{
	if (r->pre == 0)
		return WS_NORMAL;
	return r->cur == &r->main ? WS_PRE : WS_PRELINE;
}

/* Append a finished line to the document. */
static void
render_push(struct render *r, struct lb *lb, unsigned flags)
{
	struct html_doc *d = r->doc;
	struct html_line *l;

	lb_trim(lb);
	if (d->nlines == r->linesize) {
		r->linesize = r->linesize == 0 ? 64 : r->linesize * 2;
		d->lines =
		    xreallocarray(d->lines, r->linesize, sizeof *d->lines);
	}
	l = &d->lines[d->nlines++];
	l->text = xmalloc(lb->len + 1);
	if (lb->len > 0)
		memcpy(l->text, lb->text, lb->len);
	l->text[lb->len] = '\0';
	l->len = lb->len;
	l->width = lb->width;
	l->flags = flags;
	l->nspans = lb->nspans;
	l->spans = NULL;
	if (lb->nspans > 0) {
		l->spans = xreallocarray(NULL, lb->nspans, sizeof *l->spans);
		memcpy(l->spans, lb->spans, lb->nspans * sizeof *l->spans);
	}
}

/* The prefix of a line; of a blank line, only the pieces that stay. */
static void
pfx_write(struct render *r, struct lb *lb, int blank)
{
	struct pfx *pf;
	size_t k, n = blank ? r->keep : r->npfx;

	for (k = 0; k < n; k++) {
		pf = &r->pfx[k];
		if (pf->kind == PFX_BAR ||
		    (pf->kind == PFX_MARK && !pf->used && !blank)) {
			lb_add(lb, pf->text, pf->len, pf->attr, HTML_SYN_NONE);
			lb->width += pf->w;
		} else
			lb_pad(lb, pf->w, 0);
	}
}

/* Add a line with content (its prefix already in lb), after the blank
 * line due. */
static void
render_line(struct render *r, struct lb *lb, unsigned flags)
{
	size_t k;

	if (r->blank && r->doc->nlines > 0 && !r->lastblank) {
		lb_reset(&r->blb);
		pfx_write(r, &r->blb, 1);
		render_push(r, &r->blb, 0);
	}
	r->blank = 0;
	for (k = 0; k < r->npfx; k++)
		r->pfx[k].used = 1;
	render_push(r, lb, flags | r->lflags);
	r->lastblank = 0;
	r->keep = r->npfx;
}

static void
main_begin(struct sink *sk, struct lb *lb)
{
	lb_reset(lb);
	pfx_write(sk->r, lb, 0);
}

static void
main_end(struct sink *sk, struct lb *lb, int empty)
{
	if (empty)
		sk->r->blank = 1;
	else
		render_line(sk->r, lb, sk->flags);
}

static void
render_wrap(struct render *r, const struct para *p, unsigned flags)
{
	struct sink sk;

	memset(&sk, 0, sizeof sk);
	sk.r = r;
	sk.begin = main_begin;
	sk.end = main_end;
	sk.flags = flags;
	html_wrap(p, r->width - r->pfxw, &sk, &r->lb);
}

static int
pre_blank(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (s[a] != ' ' && s[a] != '\t')
			return 0;
	return 1;
}

/* Lay out the pre collected in the main paragraph. */
static void
render_pre(struct render *r)
{
	struct para *p = &r->main;
	struct lb *lb = &r->lb;
	const struct seg *sg;
	struct toks t;
	unsigned int cp;
	size_t ls, le, first, last, si = 0, j, k, line = 0;
	int col, w, blank, numw = 0;

	for (j = 0; j < r->nlnum; j++)
		if ((int)strlen(r->lnum[j]) > numw)
			numw = (int)strlen(r->lnum[j]);
	if (r->python && !p->synseen) {
		memset(&t, 0, sizeof t);
		py_scan(p->text, p->len, &t);
		para_syn(p, &t);
		free(t.v);
	}
	/* From the first line with something on it to the last. */
	for (ls = 0; ls < p->len; ls = le + 1) {
		for (le = ls; le < p->len && p->text[le] != '\n'; le++)
			;
		if (!pre_blank(p->text, ls, le))
			break;
	}
	first = ls;
	last = p->len;
	while (last > first &&
	    (p->text[last - 1] == ' ' || p->text[last - 1] == '\t' ||
		p->text[last - 1] == '\n'))
		last--;
	for (ls = first; ls < last; ls = le + 1) {
		for (le = ls; le < last && p->text[le] != '\n'; le++)
			;
		blank = pre_blank(p->text, ls, le);
		lb_reset(lb);
		pfx_write(r, lb, 0);
		if (r->nlnum > 0) {
			k = line < r->nlnum ? strlen(r->lnum[line]) : 0;
			lb_pad(lb, numw - (int)k, 0);
			if (k > 0)
				lb_str(lb, r->lnum[line], HTML_A_DIM);
			lb_pad(lb, 1, 0);
			line++;
		}
		col = 0;
		for (j = ls; j < le; j = k) {
			if (p->text[j] == '\t') {
				while (si + 1 < p->nsegs &&
				    p->segs[si].off + p->segs[si].len <= j)
					si++;
				sg = &p->segs[si];
				w = 8 - col % 8;
				lb_pad(lb, w, sg->attr);
				col += w;
				k = j + 1;
				continue;
			}
			w = 0;
			for (k = j; k < le && p->text[k] != '\t';) {
				k += html_dec(p->text + k, le - k, &cp);
				w += html_cwidth(cp);
			}
			para_copy(p, &si, j, k, lb);
			lb->width += w;
			col += w;
		}
		lb_trim(lb);
		render_line(r, lb, lb->width > r->width ? HTML_L_WIDE : 0);
		if (blank)
			r->lastblank = 1;
	}
	render_lnum_free(r);
}

/* Lay out the paragraph collected so far. */
static void
render_flush(struct render *r)
{
	struct para *p = &r->main;

	size_t n;
	int breaks = 0;

	if (r->pre > 0)
		render_pre(r);
	else {
		/* A last <br> only ends its line; more make a blank line,
		 * and so does a block holding nothing but a <br>. */
		for (n = p->len; n > 0; n--) {
			if (p->text[n - 1] == '\n')
				breaks++;
			else if (p->text[n - 1] != ' ' &&
			    p->text[n - 1] != HTML_ZWB)
				break;
		}
		para_rstrip(p);
		if (p->len > 0)
			render_wrap(r, p, 0);
		if (breaks > (p->len > 0 ? 1 : 0))
			r->blank = 1;
	}
	para_clear(p);
}

/* Push a prefix piece, unless the text would get too narrow: then a
 * marker goes before the text instead. */
static int
pfx_push(struct render *r, int kind, const char *text, unsigned attr)
{
	struct pfx *pf;
	size_t len = strlen(text);
	int w = html_swidth(text, len);

	if (r->pfxw + w > r->pfxmax || len >= sizeof pf->text) {
		if (kind == PFX_MARK && len < sizeof r->main.lead) {
			memcpy(r->main.lead, text, len);
			r->main.leadlen = len;
			r->main.leadattr = attr;
		}
		return 0;
	}
	if (r->npfx == r->pfxsize) {
		r->pfxsize = r->pfxsize == 0 ? 8 : r->pfxsize * 2;
		r->pfx = xreallocarray(r->pfx, r->pfxsize, sizeof *r->pfx);
	}
	pf = &r->pfx[r->npfx++];
	memcpy(pf->text, text, len);
	pf->len = len;
	pf->w = w;
	pf->attr = attr;
	pf->kind = kind;
	pf->used = 0;
	r->pfxw += w;
	return 1;
}

static void
pfx_pop(struct render *r)
{
	r->npfx--;
	r->pfxw -= r->pfx[r->npfx].w;
	if (r->keep > r->npfx)
		r->keep = r->npfx;
}

/* A marker that never got a line of its own (an empty list item). */
static void
pfx_pop_marker(struct render *r)
{
	if (r->npfx > 0 && r->pfx[r->npfx - 1].kind == PFX_MARK &&
	    !r->pfx[r->npfx - 1].used) {
		lb_reset(&r->lb);
		pfx_write(r, &r->lb, 0);
		render_line(r, &r->lb, 0);
	}
	pfx_pop(r);
}

static void
render_rule(struct render *r)
{
	int i, n = r->width - r->pfxw;

	lb_reset(&r->lb);
	pfx_write(r, &r->lb, 0);
	for (i = 0; i < n; i++)
		lb_add(&r->lb, U_HBAR, sizeof U_HBAR - 1, HTML_A_DIM,
		    HTML_SYN_NONE);
	r->lb.width += n;
	render_line(r, &r->lb, 0);
}

/* The number of a URL in the list, adding it when new. */
static int
render_link(struct render *r, const char *url)
{
	struct html_doc *d = r->doc;
	int n = smap_get(&r->links, url);

	if (n > 0)
		return n;
	if (d->nlinks == r->linksize) {
		r->linksize = r->linksize == 0 ? 16 : r->linksize * 2;
		d->links =
		    xreallocarray(d->links, r->linksize, sizeof *d->links);
	}
	d->links[d->nlinks++] = xstrdup(url);
	n = (int)d->nlinks;
	smap_put(&r->links, url, n);
	return n;
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

/* A 0 or 1 pixel dimension: a tracking image. */
static int
html_tiny(const char *v)
{
	return v != NULL && (v[0] == '0' || v[0] == '1') &&
	    (v[1] == '\0' || strcmp(v + 1, "px") == 0);
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

static int html_link_image(const xmlNode *);

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

static int
html_long(const char *v, long *out)
{
	long long x;

	if (v == NULL || util_parse_ll(v, &x) != 0 || x < -1000000000LL ||
	    x > 1000000000LL)
		return -1;
	*out = (long)x;
	return 0;
}

static int
html_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
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

static void
frame_pop(struct render *r)
{
	struct frame *f = &r->frames[--r->nframes];

	free(f->url);
	free(f->title);
}

static int
render_flow(const struct render *r)
{
	return r->tbl == NULL && r->pre == 0;
}

/* br, wbr and hr. */
static void
render_break(struct render *r, int kind, const struct frame *f)
{
	if (kind == K_BR) {
		if (r->cur != NULL)
			para_break(r->cur);
	} else if (kind == K_WBR) {
		if (r->cur != NULL && render_mode(r) != WS_PRE &&
		    r->cur->len > 0)
			para_put(r->cur, "\002", 1, f->attr, f->syn);
	} else if (render_flow(r)) {
		render_flush(r);
		r->blank = 1;
		render_rule(r);
		r->blank = 1;
	} else if (r->cur != NULL)
		para_soft(r->cur);
}

/* Does the class attribute hold one of these words? */
static int
html_class(const xmlNode *n, const char *const *names, size_t nnames)
{
	const char *v = html_attr(n, "class"), *p;
	size_t len, i;

	if (v == NULL)
		return 0;
	for (p = html_word(v, &len); p != NULL; p = html_word(p + len, &len))
		for (i = 0; i < nnames; i++)
			if (strlen(names[i]) == len &&
			    memcmp(p, names[i], len) == 0)
				return 1;
	return 0;
}

/*
 * The text of an element's subtree, looked at without recursion and no
 * further than a few thousand nodes: does it hold only digits (and
 * blanks)?  Does it equal one of a few marks?
 */
static int
html_subtree_text(
    const xmlNode *top, int (*ok)(const char *, void *), void *arg)
{
	const xmlNode *n = top->children;
	int k = 0;

	while (n != NULL) {
		if (++k > 5000)
			return 0;
		if ((n->type == XML_TEXT_NODE ||
			n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL && !ok((const char *)n->content, arg))
			return 0;
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != top && n->next == NULL)
			n = n->parent;
		if (n == NULL || n == top)
			break;
		n = n->next;
	}
	return 1;
}

/* Collect the numbers of a line-number cell. */
static int
html_numbers(const char *s, void *arg)
{
	struct render *r = arg;
	size_t k;

	for (;;) {
		s += strspn(s, " \t\r\n\f");
		k = strspn(s, "0123456789");
		if (k == 0)
			break;
		if (r->nlnum == r->lnumsize) {
			r->lnumsize = r->lnumsize == 0 ? 64 : r->lnumsize * 2;
			r->lnum = xreallocarray(
			    r->lnum, r->lnumsize, sizeof *r->lnum);
		}
		r->lnum[r->nlnum++] = xstrndup(s, k < 20 ? k : 20);
		s += k;
	}
	return 1;
}

static int
html_digits(const char *s, void *arg)
{
	int *seen = arg;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			*seen = 1;
		else if (strchr(" \t\r\n\f", *s) == NULL)
			return 0;
	}
	return 1;
}

/* Line numbers beside or inside code: a cell or span of digits. */
static int
html_lineno(const xmlNode *n)
{
	static const char *const names[] = { "gutter", "linenodiv", "lineno",
		"linenos", "ln", "lnt", "lntd", "rouge-gutter" };
	int seen = 0;

	if (!html_class(n, names, HTML_NITEMS(names)))
		return 0;
	return html_subtree_text(n, html_digits, &seen) && seen;
}

static int
html_is_mark(const char *s, void *arg)
{
	static const char *const marks[] = { "\xc2\xb6", "#", "\xc2\xa7",
		"\xf0\x9f\x94\x97", "\xe2\x9a\x93" }; /* ¶ # § 🔗 ⚓ */
	size_t i, n;
	int *seen = arg;

	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 &&
	    (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' ||
		s[n - 1] == '\r'))
		n--;
	if (n == 0)
		return 1;
	for (i = 0; i < HTML_NITEMS(marks); i++)
		if (strlen(marks[i]) == n && memcmp(s, marks[i], n) == 0 &&
		    !*seen) {
			*seen = 1;
			return 1;
		}
	return 0;
}

/* A heading's permalink to itself ("¶", "#", or nothing with a class
 * saying so): not worth showing. */
static int
html_anchor_mark(const xmlNode *n)
{
	static const char *const names[] = { "anchor", "anchor-link",
		"anchorjs-link", "hash-link", "header-anchor", "headeranchor",
		"heading-anchor", "headerlink" };
	int seen = 0;

	return html_subtree_text(n, html_is_mark, &seen) &&
	    (seen || html_class(n, names, HTML_NITEMS(names)));
}

/* Is there a pre in the subtree (a few thousand nodes deep at most)? */
static int
html_has_pre(const xmlNode *top)
{
	const xmlNode *n = top->children;
	int k = 0;

	while (n != NULL && ++k <= 5000) {
		if (html_is(n, "pre"))
			return 1;
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n != top && n->next == NULL)
			n = n->parent;
		if (n == NULL || n == top)
			break;
		n = n->next;
	}
	return 0;
}

static int
html_blank_text(const char *s, void *arg)
{
	for (; *s != '\0'; s++)
		if (strchr(" \t\r\n\f", *s) == NULL)
			return 0;
	return 1;
}

/* Is image n inside a link with no text (nor other image)? */
static int
html_link_image(const xmlNode *n)
{
	const xmlNode *a, *m;
	int k = 0, imgs = 0;

	for (a = n->parent; a != NULL && a->type == XML_ELEMENT_NODE && k < 20;
	     a = a->parent, k++)
		if (html_is(a, "a"))
			break;
	if (a == NULL || a->type != XML_ELEMENT_NODE || !html_is(a, "a") ||
	    html_attr(a, "href") == NULL ||
	    !html_subtree_text(a, html_blank_text, NULL))
		return 0;
	/* Other images in it speak for the link. */
	for (m = a->children, k = 0; m != NULL && k < 5000; k++) {
		if (m->type == XML_ELEMENT_NODE &&
		    (html_is(m, "img") || html_is(m, "svg")))
			imgs++;
		if (m->type == XML_ELEMENT_NODE && m->children != NULL) {
			m = m->children;
			continue;
		}
		while (m != NULL && m != a && m->next == NULL)
			m = m->parent;
		if (m == NULL || m == a)
			break;
		m = m->next;
	}
	return imgs == 1;
}

/*
 * A character as a superscript (script 'p') or subscript ('b') one, as
 * UTF-8, or NULL when there is none.
 */
static const char *
html_script_char(char c, int script)
{
	static const char *const sup[] = { "\u2070", "\u00b9", "\u00b2",
		"\u00b3", "\u2074", "\u2075", "\u2076", "\u2077", "\u2078",
		"\u2079" };
	static const char *const sub[] = { "\u2080", "\u2081", "\u2082",
		"\u2083", "\u2084", "\u2085", "\u2086", "\u2087", "\u2088",
		"\u2089" };
	static const char other[] = "+-()ni";
	static const char *const osup[] = { "\u207a", "\u207b", "\u207d",
		"\u207e", "\u207f", "\u2071" };
	static const char *const osub[] = { "\u208a", "\u208b", "\u208d",
		"\u208e", NULL, NULL };
	const char *p;

	if (c >= '0' && c <= '9')
		return script == 'p' ? sup[c - '0'] : sub[c - '0'];
	if (c == '\0' || (p = strchr(other, c)) == NULL)
		return NULL;
	return script == 'p' ? osup[p - other] : osub[p - other];
}

struct html_scripted {
	int script;
	int any;
};

/* Can this text of a sup or sub be written in such characters? */
static int
html_scriptable(const char *s, void *arg)
{
	struct html_scripted *sc = arg;

	for (; *s != '\0'; s++) {
		if (strchr(" \t\r\n\f", *s) != NULL)
			continue;
		if (html_script_char(*s, sc->script) == NULL)
			return 0;
		sc->any = 1;
	}
	return 1;
}

static int
html_gather(const char *s, void *arg)
{
	buf_addstr(arg, s);
	return 1;
}

/* Is an element's text, whitespace collapsed, s but for ASCII case? */
static int
html_same_text(const xmlNode *n, const char *s)
{
	struct buf b;
	char *t;
	int same;

	buf_init(&b, 4096);
	if (!html_subtree_text(n, html_gather, &b) || b.data == NULL) {
		buf_free(&b);
		return 0;
	}
	t = util_clean_text(b.data, b.len);
	buf_free(&b);
	same = t != NULL && strlen(t) == strlen(s) &&
	    util_strncaseeq(t, s, strlen(s));
	free(t);
	return same;
}

/* 'p' for a sup, 'b' for a sub to be written in script characters,
 * else 0. */
static int
html_script_of(const xmlNode *n)
{
	struct html_scripted sc;
	const char *name = (const char *)n->name;

	if (strcmp(name, "sup") != 0 && strcmp(name, "sub") != 0)
		return 0;
	sc.script = name[2] == 'p' ? 'p' : 'b';
	sc.any = 0;
	if (html_subtree_text(n, html_scriptable, &sc) && sc.any)
		return sc.script;
	return 0;
}

/* Append s, in script characters where there are some. */
static void
html_script_str(const char *s, size_t len, int script, struct buf *out)
{
	const char *c;
	size_t i;

	for (i = 0; i < len; i++) {
		c = html_script_char(s[i], script);
		if (c != NULL)
			buf_addstr(out, c);
		else
			buf_addc(out, s[i]);
	}
}

/* An element starts.  Returns whether its children are wanted. */
static int
render_enter(struct render *r, const xmlNode *n)
{
	const struct html_elem *e;
	const char *name = (const char *)n->name, *v;
	static const char *const repl[] = { "repl-toggle" };
	struct frame *f;
	struct para *p;
	enum html_syn syn;
	unsigned add;
	char buf[16];
	int kind, level;

	f = frame_push(r);
	/* Real Python's ">>>" button that hides prompts. */
	if (html_class(n, repl, HTML_NITEMS(repl)))
		return 0;
	e = html_elem(name);
	kind = e != NULL ? e->kind : K_INLINE;
	add = e != NULL ? e->attr : 0;
	if (kind == K_PRE || r->pre > 0) {
		/* code inside pre is not inline code */
		add &= ~HTML_A_CODE;
		f->attr &= ~HTML_A_CODE;
	}
	f->attr |= add;
	f->kind = kind;
	if ((r->pre > 0 || kind == K_PRE || (f->attr & HTML_A_CODE)) &&
	    (v = html_attr(n, "class")) != NULL) {
		syn = html_class_syn(v, r->pre > 0 || kind == K_PRE);
		if (syn != HTML_SYN_NONE)
			f->syn = syn;
	}

	/* Void elements: whatever libxml2 nested inside follows them. */
	if (html_void(name)) {
		switch (kind) {
		case K_BR:
		case K_WBR:
		case K_HR:
			render_break(r, kind, f);
			break;
		case K_IMG:
			render_img(r, n);
			break;
		case K_EMBED:
			render_embed(r, n);
			break;
		}
		f->kind = K_INLINE;
		return 1;
	}
	switch (kind) {
	case K_DROP:
		return 0;
	case K_BR:
	case K_WBR:
	case K_HR:
		render_break(r, kind, f);
		return 0;
	case K_IMG:
		render_img(r, n);
		return 0;
	case K_EMBED:
		/* Fallback content is for browsers without video or
		 * frames, but a plugin's is what everyone sees now. */
		render_embed(r, n);
		if (strcmp(name, "object") != 0)
			return 0;
		r->object++;
		f->pushed = 1;
		return 1;
	case K_A:
		v = html_attr(n, "href");
		if (v != NULL && v[0] == '#' && html_anchor_mark(n)) {
			f->kind = K_INLINE;
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
	case K_ABBR:
		v = html_attr(n, "title");
		if (v != NULL)
			f->title = util_clean_text(v, strlen(v));
		if (f->title != NULL && html_same_text(n, f->title)) {
			/* <abbr title="html">HTML</abbr> */
			free(f->title);
			f->title = NULL;
		}
		if (f->title != NULL) {
			if (smap_get(&r->abbrs, f->title)) {
				free(f->title);
				f->title = NULL;
			} else
				smap_put(&r->abbrs, f->title, 1);
		}
		return 1;
	case K_Q:
		p = render_target(r);
		if (p != NULL)
			para_text(p, r->qdepth % 2 ? U_LSQUO : U_LDQUO,
			    sizeof U_LDQUO - 1, f->attr, f->syn,
			    render_mode(r));
		r->qdepth++;
		return 1;
	case K_SVG:
		r->svg++;
		return 1;
	case K_INLINE:
		/* Footnote numbers and exponents: "x²", "H₂O". */
		if (r->pre == 0)
			f->script = (char)html_script_of(n);
		if (r->pre > 0 && html_lineno(n)) {
			/* an inline line number: dim, a space after it */
			f->attr |= HTML_A_DIM;
			f->kind = K_LINENO;
		}
		if (r->svg > 0 && strcmp(name, "text") == 0 && r->cur != NULL)
			para_space(r->cur, 0, HTML_SYN_NONE);
		return 1;
	}

	/* A table laying out code (line numbers beside it) is blocks; the
	 * numbers wait in r->lnum for the code's lines. */
	if (kind == K_TABLE && render_flow(r) && html_has_pre(n)) {
		kind = f->kind = K_BLOCK;
		f->pushed = 2;
	}
	if (kind == K_CELL && render_flow(r) && html_lineno(n)) {
		render_lnum_free(r);
		html_subtree_text(n, html_numbers, r);
		return 0;
	}

	/* Blocks inside a table being collected or inside a pre only
	 * break lines; the table's own parts build it. */
	if (r->tbl != NULL && kind == K_TABLE) {
		f->mode = FM_SOFT;
		r->tdepth++;
		if (r->cur != NULL)
			para_soft(r->cur);
		return 1;
	}
	if (r->tbl != NULL && r->tdepth == 0 &&
	    (kind == K_TR || kind == K_CELL || kind == K_CAPTION ||
		kind == K_TSECT)) {
		f->mode = FM_TABLE;
		if (kind == K_TSECT) {
			if (strcmp(name, "thead") == 0) {
				r->thead++;
				f->pushed = 1;
			}
			r->cur = NULL;
		} else if (kind == K_TR) {
			table_row(r);
			r->cur = NULL;
		} else if (kind == K_CELL) {
			table_cell(r, n);
			if (r->thead > 0)
				f->attr |= HTML_A_BOLD;
		} else
			r->cur = &r->tbl->caption;
		return 1;
	}
	if (!render_flow(r)) {
		f->mode = FM_SOFT;
		if (r->cur != NULL && kind == K_CELL)
			para_space(r->cur, 0, HTML_SYN_NONE);
		else if (r->cur != NULL)
			para_soft(r->cur);
		if (kind == K_PRE)
			r->pre++;
		if (kind == K_LI && (p = render_target(r)) != NULL)
			para_text(p, U_BULLET "\xc2\xa0", sizeof U_BULLET + 1,
			    HTML_A_MARKER, HTML_SYN_NONE, render_mode(r));
		return 1;
	}

	f->mode = FM_FLOW;
	switch (kind) {
	case K_P:
		render_flush(r);
		/* A dd's first paragraph follows its dt directly. */
		if (r->nframes < 2 || r->frames[r->nframes - 2].kind != K_DD ||
		    r->frames[r->nframes - 2].lines != r->doc->nlines ||
		    r->main.len > 0)
			r->blank = 1;
		break;
	case K_HEADING:
		render_flush(r);
		r->blank = 1;
		level = name[1] - '0';
		memset(buf, '#', (size_t)level);
		buf[level] = ' ';
		buf[level + 1] = '\0';
		f->pushed =
		    pfx_push(r, PFX_MARK, buf, HTML_A_HEADING | HTML_A_BOLD);
		f->lflags = r->lflags;
		r->lflags |= HTML_L_HEADING;
		break;
	case K_UL:
	case K_OL:
		render_flush(r);
		if (r->inli == 0)
			r->blank = 1;
		f->list = r->list;
		r->list = r->nframes - 1;
		if (kind == K_OL)
			render_olist(f, n);
		else
			r->ulevel++;
		break;
	case K_LI:
		render_flush(r);
		render_li(r, f, n);
		r->inli++;
		break;
	case K_DD:
		render_flush(r);
		f->pushed = pfx_push(r, PFX_PAD, "    ", 0);
		f->lines = r->doc->nlines;
		break;
	case K_QUOTE:
		render_flush(r);
		r->blank = 1;
		f->pushed = pfx_push(r, PFX_BAR, U_VBAR " ", HTML_A_QUOTE);
		break;
	case K_PRE:
		render_flush(r);
		r->blank = 1;
		f->pushed = pfx_push(r, PFX_PAD, "  ", 0);
		r->pre = 1;
		r->python = html_is_python(n);
		break;
	case K_TABLE:
		render_flush(r);
		r->blank = 1;
		table_start(r);
		break;
	case K_SUMMARY:
		render_flush(r);
		f->pushed =
		    pfx_push(r, PFX_MARK, U_TRIANGLE " ", HTML_A_MARKER);
		break;
	default: /* K_BLOCK and stray table parts */
		render_flush(r);
		break;
	}
	return 1;
}

/* An element ends. */
static void
render_leave(struct render *r)
{
	struct frame *f = &r->frames[r->nframes - 1];
	struct para *p;
	char *s;

	switch (f->kind) {
	case K_A:
		p = r->cur;
		if (f->url == NULL || p == NULL)
			break;
		/* A link around a block: its number goes at the end of the
		 * block's last line when it fits. */
		if (p == &r->main && p->len == 0 && r->doc->nlines > f->lines &&
		    render_mark_last(r, f->url))
			break;
		render_mark(
		    r, p, f->url, p == f->mp ? p->len > f->mark : p->len > 0);
		break;
	case K_ABBR:
		if (f->title != NULL && r->cur != NULL) {
			s = xasprintf(" (%s)", f->title);
			para_text(r->cur, s, strlen(s), f->attr, f->syn,
			    render_mode(r));
			free(s);
		}
		break;
	case K_SVG:
		r->svg--;
		break;
	case K_LINENO:
		if (r->cur != NULL)
			para_put(r->cur, " ", 1, 0, HTML_SYN_NONE);
		break;
	case K_EMBED:
		if (f->pushed)
			r->object--;
		break;
	case K_Q:
		r->qdepth--;
		if (r->cur != NULL)
			para_text(r->cur, r->qdepth % 2 ? U_RSQUO : U_RDQUO,
			    sizeof U_RDQUO - 1, f->attr, f->syn,
			    render_mode(r));
		break;
	}
	if (f->kind < K_P) {
		frame_pop(r);
		return;
	}

	if (f->mode == FM_SOFT) {
		if (f->kind == K_TABLE)
			r->tdepth--;
		if (f->kind == K_PRE)
			r->pre--;
		if (r->cur != NULL && f->kind == K_CELL)
			para_space(r->cur, 0, HTML_SYN_NONE);
		else if (r->cur != NULL)
			para_soft(r->cur);
	} else if (f->mode == FM_TABLE) {
		if (f->kind == K_TSECT && f->pushed)
			r->thead--;
		r->cur = NULL;
	} else {
		switch (f->kind) {
		case K_P:
			render_flush(r);
			r->blank = 1;
			break;
		case K_HEADING:
			render_flush(r);
			if (f->pushed)
				pfx_pop(r);
			r->main.leadlen = 0;
			r->lflags = f->lflags;
			r->blank = 1;
			break;
		case K_UL:
		case K_OL:
			render_flush(r);
			r->list = f->list;
			if (f->kind == K_UL)
				r->ulevel--;
			if (r->inli == 0)
				r->blank = 1;
			break;
		case K_LI:
		case K_SUMMARY:
			render_flush(r);
			if (f->pushed)
				pfx_pop_marker(r);
			r->main.leadlen = 0;
			if (f->kind == K_LI)
				r->inli--;
			break;
		case K_DD:
			render_flush(r);
			if (f->pushed)
				pfx_pop(r);
			break;
		case K_QUOTE:
			render_flush(r);
			if (f->pushed)
				pfx_pop(r);
			r->blank = 1;
			break;
		case K_PRE:
			render_flush(r);
			if (f->pushed)
				pfx_pop(r);
			r->pre = 0;
			r->python = 0;
			r->blank = 1;
			break;
		case K_TABLE:
			table_end(r);
			r->blank = 1;
			break;
		default:
			render_flush(r);
			if (f->pushed == 2)
				render_lnum_free(r);
			break;
		}
	}
	frame_pop(r);
}

static void render_text_add(struct render *, const char *);

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

/* Walk the tree without recursion. */
static void
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

/* ---- tables ---- */

#define HTML_COLSEP 3 /* " │ " */

static void
table_start(struct render *r)
{
	r->tbl = xcalloc(1, sizeof *r->tbl);
	r->tdepth = 0;
	r->thead = 0;
	r->cur = NULL;
}

static void
table_row(struct render *r)
{
	struct table *t = r->tbl;

	if (t->nrows == t->size) {
		t->size = t->size == 0 ? 8 : t->size * 2;
		t->rows = xreallocarray(t->rows, t->size, sizeof *t->rows);
	}
	memset(&t->rows[t->nrows], 0, sizeof *t->rows);
	t->rows[t->nrows].head = r->thead > 0;
	t->nrows++;
}

static long
table_span(const xmlNode *n, const char *name)
{
	long v;

	if (n == NULL || html_long(html_attr(n, name), &v) != 0 || v < 1)
		return 1;
	return v > 1000 ? 1000 : v;
}

/* A cell (n is NULL for text found between cells). */
static void
table_cell(struct render *r, const xmlNode *n)
{
	struct table *t = r->tbl;
	struct row *row;
	struct cell *c;

	if (t->nrows == 0)
		table_row(r);
	row = &t->rows[t->nrows - 1];
	if (row->ncells == row->size) {
		row->size = row->size == 0 ? 8 : row->size * 2;
		row->cells =
		    xreallocarray(row->cells, row->size, sizeof *row->cells);
	}
	c = &row->cells[row->ncells++];
	memset(c, 0, sizeof *c);
	c->span = (size_t)table_span(n, "colspan");
	c->rowspan = table_span(n, "rowspan");
	c->th = n != NULL && strcmp((const char *)n->name, "th") == 0;
	r->cur = &c->para;
}

static void
table_free(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->rows[i].ncells; j++)
			para_free(&t->rows[i].cells[j].para);
		free(t->rows[i].cells);
	}
	free(t->rows);
	para_free(&t->caption);
	free(t);
}

/* Grow an int array to n entries, the new ones 0. */
static void
table_ints(int **v, size_t *have, size_t n)
{
	if (n <= *have)
		return;
	*v = xreallocarray(*v, n, sizeof **v);
	memset(*v + *have, 0, (n - *have) * sizeof **v);
	*have = n;
}

static int
table_cellw(const struct cell *c, size_t ncols, const int *w)
{
	size_t k, e = c->col + c->span;
	int cw = 0;

	if (e > ncols)
		e = ncols;
	for (k = c->col; k < e; k++)
		cw += w[k];
	return cw + HTML_COLSEP * (int)(e - c->col - 1);
}

static void
cell_begin(struct sink *sk, struct lb *lb)
{
	lb_reset(lb);
}

static void
cell_end(struct sink *sk, struct lb *lb, int empty)
{
	struct lb *d;

	if (sk->nlines == sk->size) {
		sk->size = sk->size == 0 ? 4 : sk->size * 2;
		sk->lines =
		    xreallocarray(sk->lines, sk->size, sizeof *sk->lines);
		memset(sk->lines + sk->nlines, 0,
		    (sk->size - sk->nlines) * sizeof *sk->lines);
	}
	d = &sk->lines[sk->nlines++];
	lb_reset(d);
	lb_cat(d, lb);
}

static void
table_sep(struct lb *lb, const char *mid)
{
	lb_str(lb, mid, HTML_A_DIM);
}

/* The table as a grid of columns w wide. */
/* Does a cell hold more than blanks (no-break spaces too)? */
static int
cell_shows(const struct cell *c)
{
	size_t i;

	for (i = 0; i < c->para.len; i++)
		if (strchr(" \001\002\n", c->para.text[i]) == NULL)
			return 1;
	return 0;
}

static void
table_grid(struct render *r, struct table *t, size_t ncols, const int *w)
{
	struct sink *sks;
	struct lb *lb = &r->lb;
	struct row *row;
	struct cell *c;
	size_t i, j, k, h, col, m, end;
	int cw, x;

	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		sks = xcalloc(row->ncells + 1, sizeof *sks);
		h = 1;
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			sks[j].r = r;
			sks[j].begin = cell_begin;
			sks[j].end = cell_end;
			if (c->col >= ncols || c->para.len == 0)
				continue;
			html_wrap(&c->para, table_cellw(c, ncols, w), &sks[j],
			    &r->blb);
			if (sks[j].nlines > h)
				h = sks[j].nlines;
		}
		/* Nothing after the row's last cell that shows something. */
		end = 0;
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			if (c->col < ncols && cell_shows(c))
				end = c->col + c->span;
		}
		if (end > ncols)
			end = ncols;
		for (k = 0; k < h && end > 0; k++) {
			lb_reset(lb);
			pfx_write(r, lb, 0);
			col = 0;
			j = 0;
			while (col < end) {
				if (col > 0)
					table_sep(lb, " " U_VBAR " ");
				if (j < row->ncells &&
				    row->cells[j].col == col) {
					c = &row->cells[j];
					cw = table_cellw(c, ncols, w);
					if (k < sks[j].nlines) {
						lb_cat(lb, &sks[j].lines[k]);
						cw -= sks[j].lines[k].width;
					}
					lb_pad(lb, cw, 0);
					col += c->span;
					j++;
				} else {
					lb_pad(lb, w[col], 0);
					col++;
				}
			}
			render_line(r, lb, 0);
		}
		for (j = 0; j < row->ncells; j++) {
			for (m = 0; m < sks[j].size; m++)
				lb_free(&sks[j].lines[m]);
			free(sks[j].lines);
		}
		free(sks);
		if (row->head && i + 1 < t->nrows && !t->rows[i + 1].head) {
			lb_reset(lb);
			pfx_write(r, lb, 0);
			for (col = 0; col < ncols; col++) {
				if (col > 0)
					table_sep(lb, U_HBAR U_CROSS U_HBAR);
				for (x = 0; x < w[col]; x++)
					table_sep(lb, U_HBAR);
			}
			render_line(r, lb, 0);
		}
	}
}

/* A paragraph's text on one line, for a label. */
static char *
para_flat(const struct para *p)
{
	char *s = xmalloc(p->len + 1);
	size_t i, n = 0;

	for (i = 0; i < p->len; i++) {
		if (p->text[i] == HTML_ZWB)
			continue;
		s[n++] = p->text[i] == '\n' || p->text[i] == HTML_NBSP
		    ? ' '
		    : p->text[i];
	}
	s[n] = '\0';
	return s;
}

/* Too wide: each row as "Header: value" lines, a blank line between
 * rows. */
static void
table_records(struct render *r, struct table *t, size_t ncols)
{
	struct para q;
	struct row *row;
	struct cell *c;
	char **labels, *flat, *s;
	size_t i, j;
	int body = 0;

	labels = xcalloc(ncols, sizeof *labels);
	for (i = 0; i < t->nrows; i++) {
		if (!t->rows[i].head) {
			body = 1;
			continue;
		}
		/* Header rows stacked: their labels joined by " / ". */
		for (j = 0; j < t->rows[i].ncells; j++) {
			c = &t->rows[i].cells[j];
			if (c->col >= ncols || c->para.len == 0)
				continue;
			flat = para_flat(&c->para);
			if (labels[c->col] == NULL)
				labels[c->col] = flat;
			else {
				s = xasprintf("%s / %s", labels[c->col], flat);
				free(labels[c->col]);
				free(flat);
				labels[c->col] = s;
			}
		}
	}
	memset(&q, 0, sizeof q);
	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		if (row->head && body)
			continue;
		r->blank = 1;
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			if (c->para.len == 0 || c->col >= ncols)
				continue;
			para_clear(&q);
			if (body && labels[c->col] != NULL &&
			    labels[c->col][0] != '\0') {
				para_put(&q, labels[c->col],
				    strlen(labels[c->col]), HTML_A_BOLD,
				    HTML_SYN_NONE);
				para_put(
				    &q, ":", 1, HTML_A_BOLD, HTML_SYN_NONE);
				para_put(&q, " ", 1, 0, HTML_SYN_NONE);
			}
			para_cat(&q, &c->para);
			render_wrap(r, &q, 0);
		}
	}
	for (j = 0; j < ncols; j++)
		free(labels[j]);
	free(labels);
	para_free(&q);
}

/* Spread what a spanning cell needs over its columns. */
static void
table_spread(int *v, size_t col, size_t e, int need)
{
	size_t k;
	int have = 0, d;

	for (k = col; k < e; k++)
		have += v[k];
	have += HTML_COLSEP * (int)(e - col - 1);
	if (need <= have)
		return;
	d = need - have;
	for (k = col; k < e; k++)
		v[k] += d / (int)(e - col) +
		    ((int)(k - col) < d % (int)(e - col) ? 1 : 0);
}

/* Does any cell show something? */
static int
table_seen(const struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->rows[i].ncells; j++)
			if (cell_shows(&t->rows[i].cells[j]))
				return 1;
	return 0;
}

/* The table is complete: lay it out. */
static void
table_end(struct render *r)
{
	struct table *t = r->tbl;
	struct row *row;
	struct cell *c;
	int *busy = NULL, *minw = NULL, *maxw = NULL, *w = NULL;
	size_t nbusy = 0, ncols = 0, nmin = 0, nmax = 0, nw = 0, i, j, k;
	size_t maxcells = 0;
	size_t col, e;
	long long summin = 0, summax = 0, extra, slack, used, add;
	int aw, seps, progress;

	r->tbl = NULL;
	r->cur = &r->main;
	r->tdepth = r->thead = 0;

	para_rstrip(&t->caption);
	if (t->caption.len > 0)
		render_wrap(r, &t->caption, 0);

	/* Cells onto the grid: rowspans keep columns below busy.  A span
	 * wider than any row has cells ends where the widest row does. */
	for (i = 0; i < t->nrows; i++)
		if (t->rows[i].ncells > maxcells)
			maxcells = t->rows[i].ncells;
	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		col = 0;
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			while (col < nbusy && busy[col] > 0)
				col++;
			/* Leave a column for each cell still to come. */
			k = row->ncells - j - 1;
			if (c->span > 1 && col + c->span + k > maxcells)
				c->span = col + k + 1 < maxcells
				    ? maxcells - col - k
				    : 1;
			c->col = col;
			col += c->span;
			para_rstrip(&c->para);
			para_measure(&c->para, &c->minw, &c->maxw);
		}
		if (col > ncols)
			ncols = col;
		table_ints(&busy, &nbusy, col);
		for (k = 0; k < nbusy; k++)
			if (busy[k] > 0)
				busy[k]--;
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			for (k = c->col; k < c->col + c->span; k++)
				if (busy[k] < c->rowspan - 1)
					busy[k] = (int)c->rowspan - 1;
		}
	}
	/* Without thead, leading rows of th are the header. */
	for (i = 0; i < t->nrows && !t->rows[i].head && t->rows[i].ncells > 0;
	     i++) {
		for (j = 0; j < t->rows[i].ncells && t->rows[i].cells[j].th;
		     j++)
			;
		if (j < t->rows[i].ncells)
			break;
		t->rows[i].head = 1;
	}
	/* A table of empty cells is nothing to see. */
	if (ncols == 0 || !table_seen(t))
		goto done;

	table_ints(&minw, &nmin, ncols);
	table_ints(&maxw, &nmax, ncols);
	table_ints(&w, &nw, ncols);
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->rows[i].ncells; j++) {
			c = &t->rows[i].cells[j];
			if (c->span != 1)
				continue;
			if (c->minw > minw[c->col])
				minw[c->col] = c->minw;
			if (c->maxw > maxw[c->col])
				maxw[c->col] = c->maxw;
		}
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->rows[i].ncells; j++) {
			c = &t->rows[i].cells[j];
			if (c->span == 1)
				continue;
			e = c->col + c->span;
			table_spread(minw, c->col, e, c->minw);
			table_spread(maxw, c->col, e, c->maxw);
		}
	for (k = 0; k < ncols; k++) {
		if (maxw[k] < minw[k])
			maxw[k] = minw[k];
		summin += minw[k];
		summax += maxw[k];
	}
	aw = r->width - r->pfxw;
	seps = ncols > 1 ? HTML_COLSEP * (int)(ncols - 1) : 0;
	if (ncols > (size_t)aw || summin + seps > aw) {
		table_records(r, t, ncols);
		goto done;
	}
	if (summax + seps <= aw)
		memcpy(w, maxw, ncols * sizeof *w);
	else {
		/* Share the room beyond the minimum by what each column
		 * would like beyond its minimum. */
		extra = aw - seps - summin;
		slack = summax - summin;
		used = 0;
		for (k = 0; k < ncols; k++) {
			add = extra * (maxw[k] - minw[k]) / slack;
			w[k] = minw[k] + (int)add;
			used += add;
		}
		extra -= used;
		do {
			progress = 0;
			for (k = 0; k < ncols && extra > 0; k++)
				if (w[k] < maxw[k]) {
					w[k]++;
					extra--;
					progress = 1;
				}
		} while (extra > 0 && progress);
	}
	table_grid(r, t, ncols, w);
done:
	free(busy);
	free(minw);
	free(maxw);
	free(w);
	table_free(t);
}

/* ---- parsing ---- */

/* Text longer than this between two tags is cut by an empty comment:
 * libxml2 stops parsing at a text node of ten million bytes. */
#define HTML_RUN_MAX 1000000

/* Is there a run of more than HTML_RUN_MAX bytes without '<' or '>'? */
static int
html_long_run(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *lt, *gt;

	while ((size_t)(end - p) > HTML_RUN_MAX) {
		lt = memchr(p, '<', HTML_RUN_MAX + 1);
		gt = memchr(p, '>', HTML_RUN_MAX + 1);
		if (lt == NULL && gt == NULL)
			return 1;
		if (lt == NULL || (gt != NULL && gt < lt))
			lt = gt;
		p = lt + 1;
	}
	return 0;
}

/*
 * A character reference "&#N;" or "&#xH;" at s[i] (the ';' optional):
 * its length, with its code point in *cp; 0 when there is none.
 */
static size_t
html_ref(const char *s, size_t n, size_t i, unsigned int *cp)
{
	size_t j = i + 2, start;
	unsigned long v = 0;
	int hex, d;

	if (i + 2 >= n || s[i] != '&' || s[i + 1] != '#')
		return 0;
	hex = s[j] == 'x' || s[j] == 'X';
	j += (size_t)hex;
	start = j;
	for (; j < n; j++) {
		if (s[j] >= '0' && s[j] <= '9')
			d = s[j] - '0';
		else if (hex && s[j] >= 'a' && s[j] <= 'f')
			d = s[j] - 'a' + 10;
		else if (hex && s[j] >= 'A' && s[j] <= 'F')
			d = s[j] - 'A' + 10;
		else
			break;
		if (v < 0x110000)
			v = v * (hex ? 16 : 10) + (unsigned long)d;
	}
	if (j == start)
		return 0;
	if (j < n && s[j] == ';')
		j++;
	*cp = v < 0x110000 ? (unsigned int)v : 0xfffd;
	return j - i;
}

/*
 * A control character at s[i] that must not reach the parser: raw ESC,
 * a raw C1 character (UTF-8), or a reference to a C0 control other than
 * whitespace, DEL, CSI (U+009B) or OSC (U+009D); other references to
 * C1 code points stay, read as Windows-1252.  Its length, with the code
 * point in *cp; 0 for anything else.
 */
static size_t
html_ctl(const char *s, size_t n, size_t i, unsigned int *cp)
{
	unsigned char c = (unsigned char)s[i];
	size_t len;

	if (c == 0x1b || c == 0x07) {
		*cp = c;
		return 1;
	}
	if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
	    (unsigned char)s[i + 1] <= 0x9f) {
		*cp = (unsigned char)s[i + 1];
		return 2;
	}
	if (c != '&' || (len = html_ref(s, n, i, cp)) == 0)
		return 0;
	if ((*cp < 0x20 && *cp != '\t' && *cp != '\n' && *cp != '\r' &&
		*cp != '\f') ||
	    *cp == 0x7f || *cp == 0x9b || *cp == 0x9d || *cp == 0x9c)
		return len;
	return 0;
}

/*
 * The end of the escape sequence whose introducer (ESC, CSI or OSC,
 * raw or a reference) ends at s[i]: ESC [ (CSI) parameters and a final
 * byte; ESC ] P ^ _ X (OSC and other strings) or OSC up to BEL, ST or
 * ESC \ (raw or references); other ESC forms intermediates and a final
 * byte.  Never past a '<': the parser has to see the markup.
 */
static size_t
html_seq_end(const char *s, size_t n, size_t i, unsigned int intro)
{
	unsigned int cp;
	size_t len, start;
	int kind;

	if (intro == 0x9b)
		kind = '[';
	else if (intro == 0x9d)
		kind = ']';
	else if (intro != 0x1b || i >= n)
		return i;
	else if (s[i] == '[' || strchr("]P^_X", s[i]) != NULL) {
		kind = s[i] == '[' ? '[' : ']';
		i++;
	} else {
		while (i < n && s[i] >= 0x20 && s[i] <= 0x2f)
			i++;
		if (i < n && s[i] >= 0x30 && s[i] <= 0x7e && s[i] != '<')
			i++;
		return i;
	}
	if (kind == '[') {
		/* Parameters, intermediates (not a space or '&' here: that is
		 * prose) and a final byte, or only the introducer goes. */
		start = i;
		while (i < n && s[i] >= 0x30 && s[i] <= 0x3f && s[i] != '<')
			i++;
		while (i < n && s[i] > 0x20 && s[i] <= 0x2f && s[i] != '&')
			i++;
		if (i < n && s[i] >= 0x40 && s[i] <= 0x7e)
			return i + 1;
		return start;
	}
	while (i < n && s[i] != '<') {
		len = html_ctl(s, n, i, &cp);
		if (len == 0) {
			i++;
			continue;
		}
		i += len;
		if (cp == 0x07 || cp == 0x9c)
			break;
		if (cp == 0x1b) {
			if (i < n && s[i] == '\\')
				i++;
			break;
		}
	}
	return i;
}

/* Does the input hold a control that html_input() removes? */
static int
html_hostile(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	unsigned int cp;

	if (memchr(s, 0x1b, n) != NULL || memchr(s, 0x07, n) != NULL)
		return 1;
	while ((p = memchr(p, '&', (size_t)(end - p))) != NULL) {
		if (html_ctl(s, n, (size_t)(p - s), &cp) > 0)
			return 1;
		p++;
	}
	for (p = s; (p = memchr(p, 0xc2, (size_t)(end - p))) != NULL; p++)
		if (html_ctl(s, n, (size_t)(p - s), &cp) > 0)
			return 1;
	return 0;
}

/*
 * The input as valid UTF-8 without NUL bytes, terminal controls (see
 * html_ctl(), with the escape sequences they start) and text runs
 * longer than HTML_RUN_MAX, or NULL when it already is: libxml2 switches
 * to Latin-1 on a bad byte, stops at a NUL, drops a raw ESC but keeps
 * the rest of its sequence and cuts an attribute at "&#27;".  Runs are
 * cut where no character (or character reference) is split.
 */
static char *
html_input(const char *s, size_t n, size_t *outlen)
{
	unsigned int cp;
	size_t i, o = 0, len, run = 0, k;
	int nonascii;
	char *out;

	if (memchr(s, '\0', n) == NULL && util_valid_utf8(s, n, &nonascii) &&
	    !html_long_run(s, n) && !html_hostile(s, n))
		return NULL;
	out = xmalloc(n * 3 + (n / HTML_RUN_MAX + 1) * 7 + 1);
	for (i = 0; i < n; i += len) {
		len = 1;
		if (s[i] == '\0')
			continue;
		if ((k = html_ctl(s, n, i, &cp)) > 0) {
			len = html_seq_end(s, n, i + k, cp) - i;
			continue;
		}
		if (s[i] == '<' || s[i] == '>')
			run = 0;
		else if (++run > HTML_RUN_MAX &&
		    ((unsigned char)s[i] >= 0xc0 ||
			((unsigned char)s[i] < 0x80 &&
			    (s[i] == '&' ||
				memchr(s + i - 40, '&', 40) == NULL)))) {
			memcpy(out + o, "<!---->", 7);
			o += 7;
			run = 0;
		}
		if ((unsigned char)s[i] < 0x80) {
			out[o++] = s[i];
			continue;
		}
		len =
		    util_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			len = 1;
		} else {
			memcpy(out + o, s + i, len);
			o += len;
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* Open elements the flattening pass allows (libxml2 gives up at 256). */
#define HTML_DEPTH_MAX 100

/* Does a start tag of name close an open element top of the same kind
 * (the end tags that are usually left out)? */
static int
html_closes(const char *name, const char *top)
{
	static const char *const same[] = { "li", "option", "p", "tr" };
	size_t i;

	if ((strcmp(name, "dt") == 0 || strcmp(name, "dd") == 0) &&
	    (strcmp(top, "dt") == 0 || strcmp(top, "dd") == 0))
		return 1;
	if ((strcmp(name, "td") == 0 || strcmp(name, "th") == 0) &&
	    (strcmp(top, "td") == 0 || strcmp(top, "th") == 0))
		return 1;
	for (i = 0; i < HTML_NITEMS(same); i++)
		if (strcmp(name, same[i]) == 0 && strcmp(top, same[i]) == 0)
			return 1;
	return 0;
}

static int
html_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t
html_find(const char *s, size_t n, size_t i, const char *what)
{
	size_t k = strlen(what);

	for (; i + k <= n; i++)
		if (util_strncaseeq(s + i, what, k))
			return i;
	return n;
}

/*
 * The document with its nesting flattened beyond HTML_DEPTH_MAX open
 * elements: start tags beyond it and end tags that close nothing open
 * are left out, everything else (text above all) is kept.  A rough
 * tokenizer, used only when libxml2 gave up on the nesting, so that
 * words after the 256th level are not lost and libxml2's work per end
 * tag stays bounded.
 */
static char *
html_limit(const char *s, size_t n, size_t *outlen)
{
	char stack[HTML_DEPTH_MAX][16], name[16], *out, q, last;
	const char *lt;
	size_t depth = 0, d, i = 0, j, k, end, o = 0, nl;
	int close, keep;

	out = xmalloc(n + 1);
	while (i < n) {
		lt = memchr(s + i, '<', n - i);
		j = lt != NULL ? (size_t)(lt - s) : n;
		memcpy(out + o, s + i, j - i);
		o += j - i;
		i = j;
		if (i >= n)
			break;
		if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
			if (i + 3 < n && s[i + 2] == '-' && s[i + 3] == '-') {
				end = html_find(s, n, i + 4, "-->");
				end = end < n ? end + 3 : n;
			} else {
				end = html_find(s, n, i + 1, ">");
				end = end < n ? end + 1 : n;
			}
			memcpy(out + o, s + i, end - i);
			o += end - i;
			i = end;
			continue;
		}
		close = i + 1 < n && s[i + 1] == '/';
		k = i + 1 + (size_t)close;
		if (k >= n || !html_alpha(s[k])) {
			out[o++] = s[i++];
			continue;
		}
		for (nl = 0; k < n && s[k] != '>' && s[k] != '/' &&
		     s[k] != ' ' && s[k] != '\t' && s[k] != '\n' &&
		     s[k] != '\r' && s[k] != '\f';
		     k++)
			if (nl + 1 < sizeof name)
				name[nl++] = (char)(s[k] >= 'A' && s[k] <= 'Z'
					? s[k] - 'A' + 'a'
					: s[k]);
		name[nl] = '\0';
		/* The end of the tag; quotes only after '='. */
		q = 0;
		last = 0;
		for (end = k; end < n; end++) {
			if (q) {
				if (s[end] == q)
					q = 0;
			} else if ((s[end] == '"' || s[end] == '\'') &&
			    last == '=')
				q = s[end];
			else if (s[end] == '>')
				break;
			if (s[end] != ' ' && s[end] != '\t' && s[end] != '\n')
				last = s[end];
		}
		end = end < n ? end + 1 : n;
		keep = 1;
		if (close) {
			for (d = depth; d > 0; d--)
				if (strcmp(stack[d - 1], name) == 0)
					break;
			if (d > 0)
				depth = d - 1;
			else
				keep = 0;
		} else if (strcmp(name, "script") == 0 ||
		    strcmp(name, "style") == 0) {
			/* Raw text and its end tag, kept whole. */
			end = html_find(s, n, end,
			    strcmp(name, "script") == 0 ? "</script"
							: "</style");
			end = html_find(s, n, end, ">");
			end = end < n ? end + 1 : n;
		} else if (!html_void(name) &&
		    !(end >= 2 && s[end - 2] == '/')) {
			if (depth > 0 && html_closes(name, stack[depth - 1]))
				depth--;
			if (depth < HTML_DEPTH_MAX)
				memcpy(stack[depth++], name, sizeof name);
			else
				keep = 0;
		}
		if (keep) {
			memcpy(out + o, s + i, end - i);
			o += end - i;
		}
		i = end;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

static htmlDocPtr
html_read(const char *s, size_t n, int *halted)
{
	htmlParserCtxtPtr ctxt;
	htmlDocPtr doc;

	*halted = 0;
	ctxt = htmlNewParserCtxt();
	if (ctxt == NULL)
		return NULL;
	doc = htmlCtxtReadMemory(ctxt, s, (int)n, NULL, "UTF-8", HTML_OPTS);
	/* The tree builder stops the parser (and drops everything after)
	 * at 256 open elements without XML_PARSE_HUGE; with it, end tags
	 * cost time in proportion to the depth.  Neither will do. */
	*halted = ctxt->instate == XML_PARSER_EOF;
	htmlFreeParserCtxt(ctxt);
	return doc;
}

static htmlDocPtr
html_parse(const char *s, size_t n)
{
	htmlDocPtr doc;
	char *flat;
	size_t len;
	int halted;

	if (n > (size_t)1 << 30)
		n = (size_t)1 << 30;
	doc = html_read(s, n, &halted);
	if (!halted)
		return doc;
	if (doc != NULL)
		xmlFreeDoc(doc);
	flat = html_limit(s, n, &len);
	doc = html_read(flat, len, &halted);
	free(flat);
	return doc;
}

static void
render_init(
    struct render *r, struct html_doc *doc, const struct html_options *opt)
{
	memset(r, 0, sizeof *r);
	r->doc = doc;
	r->width = opt != NULL ? opt->width : 80;
	if (r->width < 10)
		r->width = 10;
	if (r->width > HTML_WIDTH_MAX)
		r->width = HTML_WIDTH_MAX;
	r->pfxmax = r->width - (r->width / 2 > 10 ? r->width / 2 : 10);
	if (opt != NULL && opt->base != NULL)
		r->base = url_clean(opt->base);
	r->cur = &r->main;
	r->list = SIZE_MAX;
}

/* Parse and lay out an HTML fragment. */
static void
render_html(struct render *r, const char *html, size_t len)
{
	htmlDocPtr tree;
	xmlNode *root;
	char *clean;
	size_t n;

	if (html == NULL || len == 0)
		return;
	clean = html_input(html, len, &n);
	tree = clean != NULL ? html_parse(clean, n) : html_parse(html, len);
	free(clean);
	/* Text after </html> lands in a second top-level element. */
	for (root = tree != NULL ? tree->children : NULL; root != NULL;
	     root = root->next)
		if (root->type == XML_ELEMENT_NODE)
			render_tree(r, root);
	while (r->nframes > 0)
		frame_pop(r);
	if (r->tbl != NULL)
		table_free(r->tbl);
	r->tbl = NULL;
	r->pre = 0;
	r->cur = &r->main;
	render_flush(r);
	if (tree != NULL)
		xmlFreeDoc(tree);
}

static void
render_done(struct render *r)
{
	render_lnum_free(r);
	free(r->lnum);
	para_free(&r->main);
	free(r->pfx);
	free(r->frames);
	smap_free(&r->links);
	smap_free(&r->abbrs);
	lb_free(&r->lb);
	lb_free(&r->blb);
	free(r->base);
}

struct html_doc *
html_render(const char *html, size_t len, const struct html_options *opt)
{
	struct render r;
	struct html_doc *doc;

	doc = xcalloc(1, sizeof *doc);
	render_init(&r, doc, opt);
	render_html(&r, html, len);
	render_done(&r);
	return doc;
}

/* A line of the entry's header: text cleaned of controls, wrapped. */
static void
render_field(struct render *r, const char *a, const char *sep, const char *b,
    unsigned attr)
{
	struct para *p = &r->main;

	para_clear(p);
	if (a != NULL)
		para_text(p, a, strlen(a), attr, HTML_SYN_NONE, WS_NORMAL);
	if (a != NULL && b != NULL && p->len > 0) {
		para_space(p, 0, HTML_SYN_NONE);
		para_text(p, sep, strlen(sep), attr, HTML_SYN_NONE, WS_NORMAL);
		para_space(p, 0, HTML_SYN_NONE);
	}
	if (b != NULL)
		para_text(p, b, strlen(b), attr, HTML_SYN_NONE, WS_NORMAL);
	render_flush(r);
}

struct html_doc *
html_render_entry(const struct html_head *h, const char *body, size_t len,
    int is_html, const struct html_options *opt)
{
	struct render r;
	struct html_doc *doc;
	char *link;

	doc = xcalloc(1, sizeof *doc);
	render_init(&r, doc, opt);
	if (h != NULL) {
		render_field(&r, h->title, NULL, NULL, HTML_A_BOLD);
		render_field(&r, h->source, "\xc2\xb7", h->author, 0);
		render_field(&r, h->date, NULL, NULL, HTML_A_DIM);
		link = h->link != NULL ? url_clean(h->link) : NULL;
		render_field(&r, link, NULL, NULL, HTML_A_LINK);
		free(link);
		if (r.doc->nlines > 0) {
			render_rule(&r);
			r.blank = 1;
		}
	}
	if (is_html)
		render_html(&r, body, len);
	else if (body != NULL) {
		/* Plain text: its line breaks stay, runs of blanks do not. */
		para_text(&r.main, body, len, 0, HTML_SYN_NONE, WS_PRELINE);
		render_flush(&r);
	}
	render_done(&r);
	return doc;
}

void
html_doc_free(struct html_doc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nlines; i++) {
		free(doc->lines[i].text);
		free(doc->lines[i].spans);
	}
	free(doc->lines);
	for (i = 0; i < doc->nlinks; i++)
		free(doc->links[i]);
	free(doc->links);
	free(doc);
}

/* ---- output ---- */

static void
sgr_add(char *buf, size_t size, size_t *n, const char *p)
{
	int k;

	k = snprintf(buf + *n, size - *n, "%s%s", *n > 0 ? ";" : "", p);
	if (k > 0 && (size_t)k < size - *n)
		*n += (size_t)k;
}

/* Start a span's look; returns whether anything was written. */
static int
html_sgr(FILE *fp, unsigned attr, enum html_syn syn)
{
	static const char *const synfg[HTML_SYN_COUNT] = {
		NULL,	/* none */
		"1;35", /* keyword */
		"32",	/* string */
		"3;90", /* comment */
		"33",	/* number */
		"1;34", /* function */
		"1;33", /* class */
		"35",	/* decorator */
		"34",	/* builtin */
		"39",	/* operator */
		"1;90", /* prompt */
	};
	const char *fg = NULL;
	char buf[64];
	size_t n = 0;

	buf[0] = '\0';
	if (attr & HTML_A_BOLD)
		sgr_add(buf, sizeof buf, &n, "1");
	if (attr & HTML_A_DIM)
		sgr_add(buf, sizeof buf, &n, "2");
	if (attr & HTML_A_ITALIC)
		sgr_add(buf, sizeof buf, &n, "3");
	if (attr & (HTML_A_UNDERLINE | HTML_A_LINK))
		sgr_add(buf, sizeof buf, &n, "4");
	if (attr & HTML_A_MARK)
		sgr_add(buf, sizeof buf, &n, "7");
	if (attr & HTML_A_STRIKE)
		sgr_add(buf, sizeof buf, &n, "9");
	if (syn > HTML_SYN_NONE && syn < HTML_SYN_COUNT)
		fg = synfg[syn];
	else if (attr & HTML_A_LINK)
		fg = "34";
	else if (attr & HTML_A_HEADING)
		fg = "35";
	else if (attr & (HTML_A_CODE | HTML_A_PRE))
		fg = "36";
	else if (attr & HTML_A_MARKER)
		fg = "33";
	else if (attr & HTML_A_QUOTE)
		fg = "32";
	if (fg != NULL)
		sgr_add(buf, sizeof buf, &n, fg);
	if (n == 0)
		return 0;
	fprintf(fp, "\033[%sm", buf);
	return 1;
}

void
html_write(FILE *fp, const struct html_doc *doc, int color)
{
	const struct html_line *l;
	const struct html_span *sp;
	size_t i, k, a;

	for (i = 0; i < doc->nlines; i++) {
		l = &doc->lines[i];
		a = 0;
		if (color) {
			for (k = 0; k < l->nspans; k++) {
				sp = &l->spans[k];
				fwrite(l->text + a, 1, sp->off - a, fp);
				if (html_sgr(fp, sp->attr, sp->syn)) {
					fwrite(
					    l->text + sp->off, 1, sp->len, fp);
					fputs("\033[0m", fp);
				} else
					fwrite(
					    l->text + sp->off, 1, sp->len, fp);
				a = sp->off + sp->len;
			}
		}
		fwrite(l->text + a, 1, l->len - a, fp);
		fputc('\n', fp);
	}
	if (doc->nlinks > 0) {
		if (doc->nlines > 0)
			fputc('\n', fp);
		for (i = 0; i < doc->nlinks; i++)
			fprintf(fp, "[%zu] %s\n", i + 1, doc->links[i]);
	}
}
