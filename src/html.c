/*
 * html: HTML fragments -> text.  This file holds the entry points and
 * what surrounds a rendering: html_to_text() flattens a fragment for the
 * search index on libxml2's SAX events; html_render() parses one (after
 * html_input.c has cleaned the bytes) and has it laid out as styled,
 * wrapped terminal lines plus a numbered list of links, for a width;
 * html_render_entry() puts an entry's header above that; html_write()
 * prints a rendering.  The rest of the module, sharing html_int.h:
 * html_input.c (the bytes before libxml2), html_render.c (the element
 * table and its handlers, the tree walk), html_node.c (questions about
 * the tree), html_layout.c (paragraphs, wrapping, the document's lines),
 * html_table.c (tables); syntax.c colours code and url.c resolves links.
 * Pure: no curses, curl or sqlite, no globals, no output except onto the
 * FILE handed to html_write(); libxml2's HTML parser runs with
 * HTML_PARSE_NONET and no error output.  The tree is walked without
 * recursion.
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
#include "html_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "url.h"
#include "util.h"

#define HTML_OPTS \
	(HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
	    HTML_PARSE_NONET | HTML_PARSE_NODEFDTD)

/*
 * Parse s, n bytes of valid UTF-8 (html_input's output), with ctxt's SAX
 * handlers; the document built, if any, is returned.  htmlCtxtReadMemory
 * copies s into a buffer of its own and, told "UTF-8", runs it through a
 * converter that copies it again (16 MB of HTML cost 50 MB more); here
 * libxml2 takes its one copy and reads it as UTF-8, and a <meta charset>
 * inside cannot make it read otherwise.
 */
static htmlDocPtr
html_ctxt_read(htmlParserCtxtPtr ctxt, const char *s, size_t n)
{
	xmlParserInputBufferPtr in;
	xmlParserInputPtr stream;
	htmlDocPtr doc;

	htmlCtxtReset(ctxt);
	in = xmlParserInputBufferCreateMem(s, (int)n, XML_CHAR_ENCODING_NONE);
	if (in == NULL)
		return NULL;
	stream = xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE);
	if (stream == NULL) {
		xmlFreeParserInputBuffer(in);
		return NULL;
	}
	if (inputPush(ctxt, stream) < 0)
		return NULL; /* it freed the stream */
	/* After the reset libxml2 knows no charset, and would take the first
	 * byte above 127 for Latin-1. */
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	htmlCtxtUseOptions(ctxt, HTML_OPTS | HTML_PARSE_IGNORE_ENC);
	htmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	return doc;
}

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
	int marked;	/* run holds "<![CDATA[": kept whole until the tag */
	int halted;	/* stopped at HTML_FLAT_DEPTH open elements */
	size_t max;	/* stop once out holds this many bytes */
};

/*
 * With no tree, libxml2 sets no limit on the nesting, and each end tag
 * costs time in proportion to the open elements: tag soup would take
 * quadratic time.  Flattening stops where the tree builder would (256)
 * and starts again on the document with its nesting flattened
 * (html_limit), as rendering does.
 */
#define HTML_FLAT_DEPTH 256
#define HTML_FLAT_CHUNK (64 * 1024)

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
	fl->marked = 0;
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
	/* A long run goes out as it comes, but for its last bytes (a CDATA
	 * marker may be cut there), unless it holds a marker: a run is only
	 * seen whole for those. */
	if (fl->run.len >= HTML_FLAT_CHUNK && !fl->cdata && !fl->marked) {
		if (strstr(fl->run.data, "<![CDATA[") != NULL)
			fl->marked = 1;
		else {
			buf_add(fl->out, fl->run.data, fl->run.len - 8);
			memmove(
			    fl->run.data, fl->run.data + fl->run.len - 8, 9);
			fl->run.len = 8;
		}
	}
	if (fl->out->len + fl->run.len >= fl->max) {
		html_flat_run(fl);
		xmlStopParser(fl->ctxt);
	}
}

/* The length of the end tag "</html>" or "</body>" (any case, blanks
 * before '>') at s[0], of n bytes; 0 when there is none. */
static size_t
html_flat_end_tag(const char *s, size_t n)
{
	size_t i;

	if (n < 7 || s[0] != '<' || s[1] != '/' ||
	    (strncasecmp(s + 2, "html", 4) != 0 &&
		strncasecmp(s + 2, "body", 4) != 0))
		return 0;
	for (i = 6; i < n &&
	     (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
		 s[i] == '\f');
	     i++)
		;
	return i < n && s[i] == '>' ? i + 1 : 0;
}

/*
 * Flatten html into out; 1 when it was nested too deep (out is then
 * incomplete), -1 when libxml2 could not start.  libxml2 is handed the
 * input in pieces, so that it never holds a copy of all of it.  Fed so,
 * it ends the document where its last element closes (at </html>, or at
 * a stray end tag before any element) and drops what follows, where a
 * whole read goes on.  So the body is opened before the input, and the
 * input's </body> and </html> are each read as a space.
 */
static int
html_flat_parse(const char *html, size_t len, size_t max, struct buf *out)
{
	htmlSAXHandler sax;
	struct html_flat fl;
	const char *p, *q, *e, *lt;
	size_t off, k, t, j;

	memset(&fl, 0, sizeof fl);
	/* Only the events flattening needs: no document is made. */
	memset(&sax, 0, sizeof sax);
	sax.initialized = 1;
	sax.startElement = html_flat_start;
	sax.endElement = html_flat_end;
	sax.characters = html_flat_text;
	sax.cdataBlock = html_flat_text;
	fl.ctxt = htmlCreatePushParserCtxt(
	    &sax, &fl, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
	if (fl.ctxt == NULL)
		return -1;
	htmlCtxtUseOptions(fl.ctxt, HTML_OPTS | HTML_PARSE_IGNORE_ENC);
	fl.out = out;
	fl.max = max;
	buf_init(&fl.run, 0);
	/* Opened here, the document's body is never closed: a stray end tag
	 * at the top would otherwise end it, as </html> would. */
	htmlParseChunk(fl.ctxt, "<html><body>", 12, 0);
	for (off = 0; off < len && fl.ctxt->instate != XML_PARSER_EOF;) {
		k = len - off < HTML_FLAT_CHUNK ? len - off : HTML_FLAT_CHUNK;
		/* A piece ends before a tag it would cut short. */
		for (j = k - 1; off + k < len && j > 0 && j + 16 > k; j--)
			if (html[off + j] == '<') {
				k = j;
				break;
			}
		q = html + off;
		e = q + k;
		for (p = q; (lt = memchr(p, '<', (size_t)(e - p))) != NULL;
		     p = lt + 1) {
			t = html_flat_end_tag(lt, (size_t)(html + len - lt));
			if (t == 0)
				continue;
			htmlParseChunk(fl.ctxt, q, (int)(lt - q), 0);
			/* A space for it, as the body's end would part words. */
			htmlParseChunk(fl.ctxt, " ", 1, 0);
			q = lt + t;
			if (q >= e)
				break;
			lt = q - 1;
		}
		if (q < e)
			htmlParseChunk(fl.ctxt, q, (int)(e - q), 0);
		off = (size_t)((q > e ? q : e) - html);
	}
	if (fl.ctxt->instate != XML_PARSER_EOF)
		htmlParseChunk(fl.ctxt, NULL, 0, 1);
	html_flat_run(&fl);
	buf_free(&fl.run);
	if (fl.ctxt->myDoc != NULL)
		xmlFreeDoc(fl.ctxt->myDoc);
	htmlFreeParserCtxt(fl.ctxt);
	return fl.halted;
}

char *
html_to_text_max(const char *html, size_t len, size_t max)
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
		if (html_flat_parse(html, len, max, &b) == 1) {
			buf_free(&b);
			buf_init(&b, 0);
			flat = html_limit(html, len, &n);
			html_flat_parse(flat, n, max, &b);
			free(flat);
		}
		free(clean);
	}
	if (b.len > max) {
		b.len = util_utf8_cut(b.data, b.len, max);
		b.data[b.len] = '\0';
	}
	return buf_detach(&b, NULL);
}

char *
html_to_text(const char *html, size_t len)
{
	return html_to_text_max(html, len, SIZE_MAX);
}

/* ---- rendering ---- */

static htmlDocPtr
html_read(const char *s, size_t n, int *halted)
{
	htmlParserCtxtPtr ctxt;
	htmlDocPtr doc;

	*halted = 0;
	ctxt = htmlNewParserCtxt();
	if (ctxt == NULL)
		return NULL;
	doc = html_ctxt_read(ctxt, s, n);
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
	char *scheme;

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
	/* Without an absolute base, relative URLs stay as they are. */
	scheme = r->base != NULL ? url_scheme(r->base) : NULL;
	if (scheme == NULL) {
		free(r->base);
		r->base = NULL;
	}
	free(scheme);
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
	strmap_free(&r->links);
	strmap_free(&r->abbrs);
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

/* An enclosure's header line: "▶ audio/mpeg, 30 MB [1]", its URL in
 * the link list (the pager opens it like a link). */
static void
render_attachment(struct render *r, const struct html_attachment *a)
{
	struct para *p = &r->main;
	char *url, num[32];

	url = a->url != NULL ? url_clean(a->url) : NULL;
	if (url == NULL)
		return;
	para_clear(p);
	para_text(p, "\xe2\x96\xb6 ", 4, 0, HTML_SYN_NONE, WS_NORMAL);
	para_text(p, a->label, strlen(a->label), 0, HTML_SYN_NONE, WS_NORMAL);
	snprintf(num, sizeof num, " [%d]", render_link(r, url));
	para_text(p, num, strlen(num), HTML_A_LINK, HTML_SYN_NONE, WS_NORMAL);
	render_flush(r);
	free(url);
}

/*
 * Plain text: its line breaks stay, and so does each line's indentation
 * (tabs to the next multiple of 8 columns, as no-break spaces so that the
 * wrapping keeps them); other runs of blanks collapse.
 */
static void
render_plain(struct render *r, const char *s, size_t len)
{
	static const char nbsp[] = "\xc2\xa0";
	size_t i = 0, end, col;

	while (i < len) {
		end = i;
		while (end < len && s[end] != '\n')
			end++;
		col = 0;
		for (; i < end && (s[i] == ' ' || s[i] == '\t'); i++)
			col = s[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
		for (; col > 0; col--)
			para_text(
			    &r->main, nbsp, 2, 0, HTML_SYN_NONE, WS_PRELINE);
		para_text(
		    &r->main, s + i, end - i, 0, HTML_SYN_NONE, WS_PRELINE);
		if (end < len)
			para_text(
			    &r->main, "\n", 1, 0, HTML_SYN_NONE, WS_PRELINE);
		i = end + 1;
	}
}

struct html_doc *
html_render_entry(const struct html_head *h, const char *body, size_t len,
    int is_html, const struct html_options *opt)
{
	struct render r;
	struct html_doc *doc;
	char *link;
	size_t i;

	doc = xcalloc(1, sizeof *doc);
	render_init(&r, doc, opt);
	if (h != NULL) {
		render_field(&r, h->title, NULL, NULL, HTML_A_BOLD);
		render_field(&r, h->source, "\xc2\xb7", h->author, 0);
		render_field(&r, h->date, NULL, NULL, HTML_A_DIM);
		link = h->link != NULL ? url_clean(h->link) : NULL;
		render_field(&r, link, NULL, NULL, HTML_A_LINK);
		free(link);
		for (i = 0; i < h->nattachments; i++)
			render_attachment(&r, &h->attachments[i]);
		if (r.doc->nlines > 0) {
			render_rule(&r);
			r.blank = 1;
		}
	}
	if (is_html)
		render_html(&r, body, len);
	else if (body != NULL) {
		render_plain(&r, body, len);
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
