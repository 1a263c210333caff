/*
 * unit_html: html_render() and html_write() on small fragments: block
 * structure and blank lines, lists and their numbering, quotes, pre
 * (verbatim, tabs, wide lines), syntax classes from Pygments and
 * highlight.js markup and Python highlighted here, inline looks, links
 * (numbers, duplicates, resolution, schemes), images and embeds, tables
 * (grid, header, records when too wide), display widths (CJK, emoji,
 * combining marks), control characters, deep nesting, a 10 MB input and
 * no lost words.  Every rendering is also checked for the invariants of
 * struct html_line.  Prints "ok - NAME" / "not ok - NAME: why" per check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "html.h"
#include "util.h"

#include "check.h"

/* Display width as the renderer should count it, for the test texts:
 * CJK, Hangul, fullwidth and the emoji used here are 2, combining marks
 * and variation selectors 0. */
static int
test_width(unsigned int cp)
{
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0x1f300 && cp <= 0x1f64f) ||
	    (cp >= 0x1f680 && cp <= 0x1f6ff))
		return 2;
	return 1;
}

/*
 * What every rendering must satisfy: valid UTF-8 with no control
 * characters, no trailing blanks, the width right, spans in order and in
 * range, prose no wider than the width, no blank line first or last.
 */
static int
doc_ok(const struct html_doc *d, int width, char *why, size_t size)
{
	const struct html_line *l;
	unsigned int cp;
	size_t i, k, n, end;
	int nonascii, w;

	for (i = 0; i < d->nlines; i++) {
		l = &d->lines[i];
		if (l->text == NULL || strlen(l->text) != l->len) {
			snprintf(why, size, "line %zu: bad length", i);
			return 0;
		}
		if (!util_valid_utf8(l->text, l->len, &nonascii)) {
			snprintf(why, size, "line %zu: not UTF-8", i);
			return 0;
		}
		w = 0;
		for (k = 0; k < l->len; k += n) {
			n = util_utf8_decode((const unsigned char *)l->text + k,
			    l->len - k, &cp);
			if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
				snprintf(why, size,
				    "line %zu: control character %#x", i, cp);
				return 0;
			}
			w += test_width(cp);
		}
		if (l->len > 0 && l->text[l->len - 1] == ' ') {
			snprintf(why, size, "line %zu: trailing blank", i);
			return 0;
		}
		if (w != l->width) {
			snprintf(why, size,
			    "line %zu: width %d, counted %d: %s", i, l->width,
			    w, l->text);
			return 0;
		}
		if (l->width > width && !(l->flags & HTML_L_WIDE)) {
			snprintf(why, size, "line %zu wider than %d: %s", i,
			    width, l->text);
			return 0;
		}
		end = 0;
		for (k = 0; k < l->nspans; k++) {
			if (l->spans[k].off < end || l->spans[k].len == 0 ||
			    l->spans[k].off + l->spans[k].len > l->len ||
			    l->spans[k].syn >= HTML_SYN_COUNT) {
				snprintf(
				    why, size, "line %zu: bad span %zu", i, k);
				return 0;
			}
			end = l->spans[k].off + l->spans[k].len;
		}
	}
	if (d->nlines > 0 &&
	    (d->lines[0].len == 0 || d->lines[d->nlines - 1].len == 0)) {
		snprintf(why, size, "blank line first or last");
		return 0;
	}
	for (i = 0; i < d->nlinks; i++)
		for (k = 0; d->links[i][k] != '\0'; k++)
			if ((unsigned char)d->links[i][k] <= 0x20 ||
			    d->links[i][k] == 0x7f) {
				snprintf(why, size,
				    "link %zu: control or blank", i + 1);
				return 0;
			}
	return 1;
}

/* Render and check the invariants. */
static struct html_doc *
render(const char *html, int width, const char *base)
{
	struct html_options o;
	struct html_doc *d;
	char why[256], name[128];

	o.width = width;
	o.base = base;
	d = html_render(html, strlen(html), &o);
	if (!doc_ok(d, width < 10 ? 10 : width, why, sizeof why)) {
		snprintf(name, sizeof name, "invariants of \"%.40s\"", html);
		check_why(0, name, why);
	}
	return d;
}

/* The lines joined by newlines (the caller frees). */
static char *
text(const struct html_doc *d)
{
	size_t i, n = 1, o = 0;
	char *s;

	for (i = 0; i < d->nlines; i++)
		n += d->lines[i].len + 1;
	s = xmalloc(n);
	for (i = 0; i < d->nlines; i++) {
		memcpy(s + o, d->lines[i].text, d->lines[i].len);
		o += d->lines[i].len;
		s[o++] = '\n';
	}
	s[o] = '\0';
	return s;
}

/* Does the rendering read exactly want? */
static void
expect(const char *name, const char *html, int width, const char *base,
    const char *want)
{
	struct html_doc *d = render(html, width, base);
	char *got = text(d), *why;

	why = xasprintf("got:\n%s", got);
	check_why(strcmp(got, want) == 0, name, why);
	free(why);
	free(got);
	html_doc_free(d);
}

/* The index of the first line containing s, or -1. */
static long
find_line(const struct html_doc *d, const char *s)
{
	size_t i;

	for (i = 0; i < d->nlines; i++)
		if (strstr(d->lines[i].text, s) != NULL)
			return (long)i;
	return -1;
}

/* The look of the bytes where s starts on its first line: attr and
 * syntax class, both 0 when plain; -1 when s is not there. */
static int
look(
    const struct html_doc *d, const char *s, unsigned *attr, enum html_syn *syn)
{
	const struct html_line *l;
	const char *p;
	size_t i, off;
	long k = find_line(d, s);

	*attr = 0;
	*syn = HTML_SYN_NONE;
	if (k < 0)
		return -1;
	l = &d->lines[k];
	p = strstr(l->text, s);
	off = (size_t)(p - l->text);
	for (i = 0; i < l->nspans; i++)
		if (l->spans[i].off <= off &&
		    off < l->spans[i].off + l->spans[i].len) {
			*attr = l->spans[i].attr;
			*syn = l->spans[i].syn;
		}
	return 0;
}

static int
has_attr(const struct html_doc *d, const char *s, unsigned want)
{
	enum html_syn syn;
	unsigned attr;

	return look(d, s, &attr, &syn) == 0 && (attr & want) == want;
}

static int
has_syn(const struct html_doc *d, const char *s, enum html_syn want)
{
	enum html_syn syn;
	unsigned attr;

	return look(d, s, &attr, &syn) == 0 && syn == want;
}

static int
link_is(const struct html_doc *d, size_t n, const char *url)
{
	return n >= 1 && n <= d->nlinks && strcmp(d->links[n - 1], url) == 0;
}

/* html_write into a string. */
static char *
written(const struct html_doc *d, int color)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		return xstrdup("");
	html_write(fp, d, color);
	fclose(fp);
	return buf;
}

static void
test_blocks(void)
{
	expect("paragraphs: one blank line between, none around",
	    "\n\n<p>one</p>\n\n<p>two</p><p></p><p> </p><p>three</p>\n", 40,
	    NULL, "one\n\ntwo\n\nthree\n");
	expect("div, section, article only break lines",
	    "<div>a</div><section>b</section><article>c</article>d", 40, NULL,
	    "a\nb\nc\nd\n");
	expect("whitespace runs collapse",
	    "<p>  lots   of\n\tspace \r\n here  </p>", 40, NULL,
	    "lots of space here\n");
	expect("br breaks a line, a last br does not count",
	    "<p>one<br>two<br></p><p>three</p>", 40, NULL,
	    "one\ntwo\n\nthree\n");
	expect("br runs make one blank line", "a<br><br><br><br>b<br/><br/>c",
	    40, NULL, "a\n\nb\n\nc\n");
	expect("a block holding only a br is a blank line",
	    "<div>a</div><div><br></div><div>b</div>", 40, NULL, "a\n\nb\n");
	expect("paragraph text wraps at the width",
	    "<p>aaa bbb ccc ddd eee fff ggg hhh iii jjj</p>", 11, NULL,
	    "aaa bbb ccc\nddd eee fff\nggg hhh iii\njjj\n");
	expect("hr is a rule across the width", "<p>a</p><hr><p>b</p>", 12,
	    NULL,
	    "a\n\n\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\n\nb\n");
	expect("figure: image, then caption",
	    "<figure><img src=\"a.png\" alt=\"A cat\"><figcaption>The cat"
	    "</figcaption></figure>",
	    40, NULL, "[image: A cat][1]\nThe cat\n");
	expect("details: the summary marked",
	    "<details><summary>More</summary><p>Hidden</p></details>", 40, NULL,
	    "\xe2\x96\xb8 More\n\nHidden\n");
	expect("dl: dt on its own line, dd indented by 4",
	    "<dl><dt>term</dt><dd>definition that wraps here</dd></dl>", 20,
	    NULL, "term\n    definition that\n    wraps here\n");
	expect("script, style, noscript, template and comments dropped",
	    "<p>a<script>x()</script><style>p{}</style><noscript>n"
	    "</noscript><template>t</template><!-- c -->b</p>",
	    40, NULL, "ab\n");
	expect("empty input", "", 40, NULL, "");
	expect("only markup", "<p></p><div> </div>", 40, NULL, "");
}

static void
test_headings(void)
{
	struct html_doc *d;
	size_t i;
	int ok = 1;

	expect("headings: Markdown-style prefixes",
	    "<h1>One</h1><p>x</p><h2>Two</h2><h3>Three</h3><h6>Six</h6>", 40,
	    NULL, "# One\n\nx\n\n## Two\n\n### Three\n\n###### Six\n");
	d = render(
	    "<h2>A heading long enough to wrap</h2><p>body</p>", 16, NULL);
	check_why(d->nlines == 5 &&
		strcmp(d->lines[0].text, "## A heading") == 0 &&
		strcmp(d->lines[1].text, "   long enough") == 0 &&
		strcmp(d->lines[2].text, "   to wrap") == 0 &&
		(d->lines[0].flags & HTML_L_HEADING) &&
		(d->lines[2].flags & HTML_L_HEADING) &&
		!(d->lines[4].flags & HTML_L_HEADING),
	    "a wrapped heading: hanging indent, every line flagged",
	    d->nlines > 1 ? d->lines[1].text : "");
	check_why(has_attr(d, "heading", HTML_A_BOLD | HTML_A_HEADING),
	    "heading text is bold", "");
	html_doc_free(d);
	d = render("<h1>Big</h1>", 40, NULL);
	check_why(has_attr(d, "Big", HTML_A_UNDERLINE), "h1 is underlined", "");
	html_doc_free(d);
	d = render("<h3>Title<a class=\"headerlink\" href=\"#title\">\xc2\xb6"
		   "</a></h3><h2 id=x>Other <a href=\"#x\">#</a></h2>",
	    40, NULL);
	for (i = 0; i < d->nlines; i++)
		if (strstr(d->lines[i].text, "\xc2\xb6") != NULL ||
		    (d->lines[i].len > 3 &&
			strchr(d->lines[i].text + 3, '#') != NULL))
			ok = 0;
	check_why(ok && d->nlinks == 0, "permalinks next to headings dropped",
	    d->nlines > 0 ? d->lines[0].text : "");
	html_doc_free(d);
}

static void
test_lists(void)
{
	expect("ul bullets, nested levels",
	    "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li>"
	    "</ul>",
	    40, NULL,
	    "\xe2\x80\xa2 a\n  \xe2\x97\xa6 b\n    \xe2\x96\xaa c\n"
	    "\xe2\x80\xa2 d\n");
	expect("ol numbers right-aligned",
	    "<ol><li>a<li>b<li>c<li>d<li>e<li>f<li>g<li>h<li>i<li>j</ol>", 40,
	    NULL,
	    " 1. a\n 2. b\n 3. c\n 4. d\n 5. e\n 6. f\n 7. g\n 8. h\n"
	    " 9. i\n10. j\n");
	expect("ol start", "<ol start=\"5\"><li>a</li><li>b</li></ol>", 40,
	    NULL, "5. a\n6. b\n");
	expect("ol reversed counts down from the item count",
	    "<ol reversed><li>a</li><li>b</li><li>c</li></ol>", 40, NULL,
	    "3. a\n2. b\n1. c\n");
	expect("ol reversed with start",
	    "<ol reversed start=\"10\"><li>a</li><li>b</li></ol>", 40, NULL,
	    "10. a\n 9. b\n");
	expect("li value sets the number, the next ones follow",
	    "<ol><li>a</li><li value=\"10\">b</li><li>c</li><li value=\"3\">"
	    "d</li></ol>",
	    40, NULL, " 1. a\n10. b\n11. c\n 3. d\n");
	expect("negative and zero starts",
	    "<ol start=\"-1\"><li>a</li><li>b</li><li>c</li></ol>", 40, NULL,
	    "-1. a\n 0. b\n 1. c\n");
	expect("ol type a and I",
	    "<ol type=\"a\"><li>x</li><li>y</li></ol><ol type=\"I\" start=3>"
	    "<li>x</li><li>y</li></ol>",
	    40, NULL, "a. x\nb. y\n\nIII. x\n IV. y\n");
	expect("hanging indent for wrapped items",
	    "<ul><li>one two three four five six</li></ul><ol><li>seven eight "
	    "nine ten eleven</li></ol>",
	    14, NULL,
	    "\xe2\x80\xa2 one two\n  three four\n  five six\n\n1. seven eight\n"
	    "   nine ten\n   eleven\n");
	expect("nested ol inside ul",
	    "<ul><li>a<ol><li>b</li><li>c</li></ol></li></ul>", 40, NULL,
	    "\xe2\x80\xa2 a\n  1. b\n  2. c\n");
	expect("an empty item keeps its marker",
	    "<ol><li>a</li><li></li><li>c</li></ol>", 40, NULL,
	    "1. a\n2.\n3. c\n");
	expect("item with paragraphs and code",
	    "<ol><li><p>Step</p><pre>code</pre></li></ol>", 40, NULL,
	    "1. Step\n\n     code\n");
}

static void
test_quotes(void)
{
	struct html_doc *d;

	expect("blockquote bars, nested, blank lines keep them",
	    "<p>x</p><blockquote><p>a</p><blockquote><p>b</p></blockquote>"
	    "<p>c</p></blockquote><p>y</p>",
	    40, NULL,
	    "x\n\n\xe2\x94\x82 a\n\xe2\x94\x82\n\xe2\x94\x82 \xe2\x94\x82 b\n"
	    "\xe2\x94\x82\n\xe2\x94\x82 c\n\ny\n");
	expect("a quote wraps inside its bars",
	    "<blockquote>one two three four</blockquote>", 12, NULL,
	    "\xe2\x94\x82 one two\n\xe2\x94\x82 three four\n");
	d = render("<blockquote>q</blockquote>", 40, NULL);
	check_why(
	    has_attr(d, "\xe2\x94\x82", HTML_A_QUOTE), "the bar is QUOTE", "");
	html_doc_free(d);
	expect("q: curly quotes, nested single", "<p><q>a <q>b</q> c</q></p>",
	    40, NULL,
	    "\xe2\x80\x9c"
	    "a \xe2\x80\x98"
	    "b\xe2\x80\x99 c\xe2\x80\x9d\n");
}

static void
test_pre(void)
{
	struct html_doc *d;
	char *s;
	size_t i;
	int ok;

	expect("pre verbatim, indented by 2, first newline dropped",
	    "<p>x</p><pre>\n  if a:\n      b()\n\n\n  c  \n\n</pre><p>y</p>",
	    40, NULL, "x\n\n    if a:\n        b()\n\n\n    c\n\ny\n");
	expect("tabs expand to 8-column stops",
	    "<pre>a\tb\n\tc\nabcdefgh\ti\n1234567\tx</pre>", 40, NULL,
	    "  a       b\n          c\n  abcdefgh        i\n"
	    "  1234567 x\n");
	expect("br inside pre breaks the line", "<pre>a<br>b<br/>c</pre>", 40,
	    NULL, "  a\n  b\n  c\n");
	expect("markup inside pre", "<pre><b>bold</b> <i>it</i>\n  x</pre>", 40,
	    NULL, "  bold it\n    x\n");
	s = xstrdup("<pre>short\n"
		    "a_line_that_is_much_wider_than_twenty_columns = 1\n</pre>"
		    "<p>prose that must wrap at twenty</p>");
	d = render(s, 20, NULL);
	ok = d->nlines >= 4 &&
	    strcmp(d->lines[1].text,
		"  a_line_that_is_much_wider_than_twenty_columns = 1") == 0 &&
	    (d->lines[1].flags & HTML_L_WIDE) &&
	    !(d->lines[0].flags & HTML_L_WIDE);
	check_why(ok, "pre lines are never wrapped, wide ones are flagged",
	    d->nlines > 1 ? d->lines[1].text : "");
	for (i = 3, ok = 1; i < d->nlines; i++)
		if (d->lines[i].width > 20)
			ok = 0;
	check_why(ok, "prose after it still wraps", "");
	check_why(has_attr(d, "short", HTML_A_PRE), "pre text is PRE", "");
	html_doc_free(d);
	free(s);
	d = render(
	    "<pre><code>x = 1</code></pre><p><code>y</code></p>", 40, NULL);
	check_why(has_attr(d, "x = 1", HTML_A_PRE) &&
		!has_attr(d, "x = 1", HTML_A_CODE) &&
		has_attr(d, "y", HTML_A_CODE),
	    "code in pre is PRE, inline code is CODE", "");
	html_doc_free(d);
}

static void
test_syntax_classes(void)
{
	struct html_doc *d;

	d = render("<div class=\"highlight\"><pre><span></span>"
		   "<span class=\"nd\">@cache</span>\n"
		   "<span class=\"k\">def</span> <span class=\"nf\">f</span>"
		   "<span class=\"p\">(</span><span class=\"n\">x</span>"
		   "<span class=\"p\">):</span>\n"
		   "    <span class=\"sd\">\"\"\"Doc.\"\"\"</span>\n"
		   "    <span class=\"k\">return</span> <span class=\"nb\">len"
		   "</span><span class=\"p\">(</span><span class=\"s2\">"
		   "&quot;ab&quot;</span><span class=\"p\">)</span> "
		   "<span class=\"o\">+</span> <span class=\"mi\">42</span>  "
		   "<span class=\"c1\"># note</span>\n"
		   "<span class=\"k\">class</span> <span class=\"nc\">C</span>"
		   "<span class=\"p\">:</span> <span class=\"k\">pass</span>\n"
		   "<span class=\"gp\">&gt;&gt;&gt; </span><span class=\"kc\">"
		   "None</span>\n</pre></div>",
	    60, NULL);
	check_why(has_syn(d, "def", HTML_SYN_KEYWORD) &&
		has_syn(d, "f(", HTML_SYN_FUNCTION) &&
		has_syn(d, "@cache", HTML_SYN_DECORATOR) &&
		has_syn(d, "\"\"\"Doc", HTML_SYN_STRING) &&
		has_syn(d, "len", HTML_SYN_BUILTIN) &&
		has_syn(d, "\"ab\"", HTML_SYN_STRING) &&
		has_syn(d, "+ 42", HTML_SYN_OPERATOR) &&
		has_syn(d, "42", HTML_SYN_NUMBER) &&
		has_syn(d, "# note", HTML_SYN_COMMENT) &&
		has_syn(d, "C:", HTML_SYN_CLASS) &&
		has_syn(d, ">>>", HTML_SYN_PROMPT) &&
		has_syn(d, "None", HTML_SYN_KEYWORD) &&
		has_syn(d, "x)", HTML_SYN_NONE) &&
		has_attr(d, "def", HTML_A_PRE),
	    "Pygments classes become syntax classes", "");
	html_doc_free(d);

	d = render(
	    "<pre><code class=\"hljs language-python\">"
	    "<span class=\"hljs-meta\">@dataclass</span>\n"
	    "<span class=\"hljs-keyword\">class</span> "
	    "<span class=\"hljs-title class_\">Point</span>:\n"
	    "    <span class=\"hljs-keyword\">def</span> "
	    "<span class=\"hljs-title function_\">norm</span>"
	    "(<span class=\"hljs-params\">self</span>):\n"
	    "        <span class=\"hljs-keyword\">return</span> "
	    "<span class=\"hljs-built_in\">abs</span>(<span "
	    "class=\"hljs-number\">3</span>) <span class=\"hljs-comment\">"
	    "# c</span> <span class=\"hljs-string\">'s'</span> "
	    "<span class=\"hljs-literal\">True</span>\n</code></pre>",
	    60, NULL);
	check_why(has_syn(d, "@dataclass", HTML_SYN_DECORATOR) &&
		has_syn(d, "class P", HTML_SYN_KEYWORD) &&
		has_syn(d, "Point", HTML_SYN_CLASS) &&
		has_syn(d, "norm", HTML_SYN_FUNCTION) &&
		has_syn(d, "abs", HTML_SYN_BUILTIN) &&
		has_syn(d, "3)", HTML_SYN_NUMBER) &&
		has_syn(d, "# c", HTML_SYN_COMMENT) &&
		has_syn(d, "'s'", HTML_SYN_STRING) &&
		has_syn(d, "True", HTML_SYN_KEYWORD) &&
		has_syn(d, "self", HTML_SYN_NONE),
	    "highlight.js classes become syntax classes", "");
	html_doc_free(d);

	d = render("<pre><code class=\"language-python\"><span class=\"token "
		   "keyword\">import</span> os <span class=\"token comment\">"
		   "# x</span></code></pre>",
	    60, NULL);
	check_why(has_syn(d, "import", HTML_SYN_KEYWORD) &&
		has_syn(d, "# x", HTML_SYN_COMMENT) &&
		has_syn(d, "os", HTML_SYN_NONE),
	    "Prism classes; marked-up code is not highlighted again", "");
	html_doc_free(d);

	d = render("<p><span class=\"k\">k</span> <code><span class=\"s\">s"
		   "</span></code></p>",
	    60, NULL);
	check_why(
	    has_syn(d, "k", HTML_SYN_NONE) && has_syn(d, "s", HTML_SYN_NONE),
	    "Pygments' short names mean nothing outside pre", "");
	html_doc_free(d);
}

static void
test_python(void)
{
	/* Where the language is marked: before and after the code. */
	static const char *const marks[][2] = {
		{ "<pre><code class=\"language-python\">", "</code></pre>" },
		{ "<pre class=\"lang-py\">", "</pre>" },
		{ "<div class=\"highlight-python3 notranslate\"><div class="
		  "\"highlight\"><pre>",
		    "</pre></div></div>" },
		{ "<pre class=\"sourceCode python\"><code class=\"sourceCode "
		  "python\">",
		    "</code></pre>" },
		{ "<pre class=\"brush: python; gutter: false\">", "</pre>" },
		{ "<pre><code class=\"lang-python3\">", "</code></pre>" },
		{ "<pre data-lang=\"python\">", "</pre>" },
	};
	static const char code[] =
	    "@app.route(&quot;/&quot;)\n"
	    "def handler(req, n=0x1F):\n"
	    "    &quot;&quot;&quot;Doc string\n"
	    "    on two lines.&quot;&quot;&quot;\n"
	    "    s = f&quot;{n!r}&quot; + rb'raw' # a comment\n"
	    "    return len(s) + 3.5e-2\n"
	    "class Thing(Base):\n"
	    "    match = None\n";
	struct html_doc *d;
	char *html, name[64];
	size_t i;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		html = xasprintf("%s%s%s", marks[i][0], code, marks[i][1]);
		d = render(html, 80, NULL);
		snprintf(name, sizeof name, "Python highlighted (marking %zu)",
		    i + 1);
		check_why(has_syn(d, "@app.route", HTML_SYN_DECORATOR) &&
			has_syn(d, "def", HTML_SYN_KEYWORD) &&
			has_syn(d, "handler", HTML_SYN_FUNCTION) &&
			has_syn(d, "0x1F", HTML_SYN_NUMBER) &&
			has_syn(d, "\"\"\"Doc", HTML_SYN_STRING) &&
			has_syn(d, "on two lines", HTML_SYN_STRING) &&
			has_syn(d, "f\"{n", HTML_SYN_STRING) &&
			has_syn(d, "rb'raw'", HTML_SYN_STRING) &&
			has_syn(d, "# a comment", HTML_SYN_COMMENT) &&
			has_syn(d, "return", HTML_SYN_KEYWORD) &&
			has_syn(d, "len", HTML_SYN_BUILTIN) &&
			has_syn(d, "3.5e-2", HTML_SYN_NUMBER) &&
			has_syn(d, "Thing", HTML_SYN_CLASS) &&
			has_syn(d, "Base", HTML_SYN_NONE) &&
			has_syn(d, "match", HTML_SYN_NONE) &&
			has_syn(d, "= None", HTML_SYN_OPERATOR),
		    name, html);
		html_doc_free(d);
		free(html);
	}

	d = render("<pre class=\"language-pycon\">&gt;&gt;&gt; x = '''a\n"
		   "... b'''\n'a\\nb'\n&gt;&gt;&gt; import os\n</pre>",
	    80, NULL);
	check_why(has_syn(d, ">>>", HTML_SYN_PROMPT) &&
		has_syn(d, "...", HTML_SYN_PROMPT) &&
		has_syn(d, "'''a", HTML_SYN_STRING) &&
		has_syn(d, "b'''", HTML_SYN_STRING) &&
		has_syn(d, "'a\\nb'", HTML_SYN_NONE) &&
		has_syn(d, "import", HTML_SYN_KEYWORD),
	    "console sessions: prompts, output left alone", "");
	html_doc_free(d);

	d = render("<pre><code class=\"language-bash\">for f in *.py; do "
		   "echo \"$f\"; done # import def</code></pre>"
		   "<pre>def plain(): pass</pre>",
	    80, NULL);
	check_why(has_syn(d, "for", HTML_SYN_NONE) &&
		has_syn(d, "\"$f\"", HTML_SYN_NONE) &&
		has_syn(d, "def", HTML_SYN_NONE) &&
		has_attr(d, "for", HTML_A_PRE) &&
		has_attr(d, "def plain", HTML_A_PRE),
	    "other languages and unmarked pre stay plain (but PRE)", "");
	html_doc_free(d);
}

static void
test_inline(void)
{
	struct html_doc *d;

	d = render("<p><b>b</b> <strong>st</strong> <i>i</i> <em>em</em> "
		   "<u>u</u> <s>s</s> <del>del</del> <code>code</code> "
		   "<kbd>kbd</kbd> <mark>mark</mark> x<sup>a</sup> "
		   "H<sub>o</sub>O <b><i>bi</i></b></p>",
	    80, NULL);
	check_why(has_attr(d, "b ", HTML_A_BOLD) &&
		has_attr(d, "st", HTML_A_BOLD) &&
		has_attr(d, "i ", HTML_A_ITALIC) &&
		has_attr(d, "em", HTML_A_ITALIC) &&
		has_attr(d, "u ", HTML_A_UNDERLINE) &&
		has_attr(d, "s ", HTML_A_STRIKE) &&
		has_attr(d, "del", HTML_A_STRIKE) &&
		has_attr(d, "code", HTML_A_CODE) &&
		has_attr(d, "kbd", HTML_A_CODE) &&
		has_attr(d, "mark", HTML_A_MARK) &&
		has_attr(d, "a H", HTML_A_DIM) &&
		has_attr(d, "oO", HTML_A_DIM) &&
		has_attr(d, "bi", HTML_A_BOLD | HTML_A_ITALIC),
	    "inline looks", "");
	check_why(d->nlines == 1 &&
		strcmp(d->lines[0].text,
		    "b st i em u s del code kbd mark xa HoO bi") == 0,
	    "no characters added for inline looks",
	    d->nlines > 0 ? d->lines[0].text : "");
	html_doc_free(d);
	expect("abbr: the title once per title",
	    "<p><abbr title=\"Global Interpreter Lock\">GIL</abbr>, "
	    "<abbr title=\"Global Interpreter Lock\">GIL</abbr>, "
	    "<abbr>PEP</abbr></p>",
	    80, NULL, "GIL (Global Interpreter Lock), GIL, PEP\n");
	expect("no-break spaces keep words together, print as spaces",
	    "<p>aaa bbb&nbsp;ccc ddd</p>", 10, NULL, "aaa\nbbb ccc\nddd\n");
	expect("soft hyphens and zero-width characters dropped",
	    "<p>ex&shy;am&#x200b;ple\xe2\x80\x8d!&#xfeff;</p>", 40, NULL,
	    "example!\n");
	expect("a zero-width space and wbr allow a break",
	    "<p>aaaaaa&#x200b;bbbbbb cccccc<wbr>dddddd</p>", 10, NULL,
	    "aaaaaa\nbbbbbb\ncccccc\ndddddd\n");
	expect("entities decoded",
	    "<p>&amp; &lt; &gt; &quot; &#39; &eacute; &#x1F40D; &#8212;</p>",
	    40, NULL, "& < > \" ' \xc3\xa9 \xf0\x9f\x90\x8d \xe2\x80\x94\n");
}

static void
test_links(void)
{
	struct html_doc *d;
	const char *base = "https://blog.example.org/2024/05/post.html?x=1#top";
	char *s;

	d = render(
	    "<p><a href=\"https://a.example/\">one</a>, <a href="
	    "\"https://b.example/\">two</a>, <a href=\"https://a.example/"
	    "\">one again</a>, <a href=\"javascript:alert(1)\">js</a>, "
	    "<a href=\" java\tscript:x\">js2</a>, <a href=\"#frag\">frag"
	    "</a>, <a href=\"\">empty</a>, <a name=\"n\">anchor</a>, "
	    "<a href=\"mailto:me@example.org\">mail</a>, "
	    "<a href=\"https://c.example/x\">https://c.example/x</a>.</p>",
	    200, NULL);
	check_why(d->nlines == 1 &&
		strcmp(d->lines[0].text,
		    "one[1], two[2], one again[1], js, js2, frag, empty, anchor, "
		    "mail[3], https://c.example/x[4].") == 0,
	    "links numbered once per URL, scripts and fragments not",
	    d->nlines > 0 ? d->lines[0].text : "");
	check_why(d->nlinks == 4 && link_is(d, 1, "https://a.example/") &&
		link_is(d, 3, "mailto:me@example.org") &&
		link_is(d, 4, "https://c.example/x"),
	    "the link list", "");
	check_why(has_attr(d, "one[1]", HTML_A_LINK) &&
		has_attr(d, "[1]", HTML_A_LINK) &&
		!has_attr(d, "js", HTML_A_LINK),
	    "link text and numbers are LINK", "");
	s = written(d, 0);
	check_why(
	    strcmp(s,
		"one[1], two[2], one again[1], js, js2, frag, empty, anchor, "
		"mail[3], https://c.example/x[4].\n\n[1] https://a.example/\n"
		"[2] https://b.example/\n[3] mailto:me@example.org\n"
		"[4] https://c.example/x\n") == 0,
	    "html_write lists the links after a blank line", s);
	free(s);
	html_doc_free(d);

	d = render("<a href=\"https://x.example/a\">abs</a>"
		   "<a href=\"//cdn.example.com/y.js\">sr</a>"
		   "<a href=\"/about\">root</a>"
		   "<a href=\"sib.html\">sib</a>"
		   "<a href=\"../up/x.html\">up</a>"
		   "<a href=\"../../../../too/far\">far</a>"
		   "<a href=\"?page=2\">q</a>"
		   "<a href=\"./a/b/../c/./d\">dots</a>"
		   "<a href=\"x.html#s\">frag</a>"
		   "<a href=\" spaced name.html \">sp</a>"
		   "<a href=\"HTTP://UP.EXAMPLE/P\">up</a>"
		   "<img src=\"#f\"><img src=\"img/a b.png\">",
	    200, base);
	check_why(d->nlinks == 13 && link_is(d, 1, "https://x.example/a") &&
		link_is(d, 2, "https://cdn.example.com/y.js") &&
		link_is(d, 3, "https://blog.example.org/about") &&
		link_is(d, 4, "https://blog.example.org/2024/05/sib.html") &&
		link_is(d, 5, "https://blog.example.org/2024/up/x.html") &&
		link_is(d, 6, "https://blog.example.org/too/far") &&
		link_is(d, 7,
		    "https://blog.example.org/2024/05/post.html?page=2") &&
		link_is(d, 8, "https://blog.example.org/2024/05/a/c/d") &&
		link_is(d, 9, "https://blog.example.org/2024/05/x.html#s") &&
		link_is(d, 10,
		    "https://blog.example.org/2024/05/spaced%20name.html") &&
		link_is(d, 11, "HTTP://UP.EXAMPLE/P") &&
		link_is(d, 12,
		    "https://blog.example.org/2024/05/post.html?x=1#f") &&
		link_is(
		    d, 13, "https://blog.example.org/2024/05/img/a%20b.png"),
	    "URLs resolved against the base (RFC 3986)",
	    d->nlinks > 0 ? d->links[d->nlinks - 1] : "");
	html_doc_free(d);

	d = render("<a href=\"/about\">a</a><a href=\"x/y.html\">b</a>"
		   "<a href=\"http://h.example/\x1b[31m\x07\">c</a>",
	    80, NULL);
	check_why(d->nlinks == 3 && link_is(d, 1, "/about") &&
		link_is(d, 2, "x/y.html") &&
		strncmp(d->links[2], "http://h.example/", 17) == 0 &&
		strchr(d->links[2], 0x1b) == NULL,
	    "no base: relative URLs as given; controls never in URLs",
	    d->nlinks > 2 ? d->links[2] : "");
	html_doc_free(d);

	expect("images: alt, no alt, tracking pixels dropped",
	    "<p>a <img src=\"/a.png\" alt=\" A  chart \"> b <img src=\"/b.png\">"
	    " c <img src=\"/t.gif\" width=\"1\" height=\"1\"> d <img src="
	    "\"data:image/png;base64,AAAA\" alt=\"inline\"></p>",
	    80, NULL,
	    "a [image: A chart][1] b [image][2] c d [image: inline]\n");
	d = render(
	    "<a href=\"/big.png\"><img src=\"/small.png\" alt=\"x\"></a> "
	    "<a href=\"/same.png\"><img src=\"/same.png\" alt=\"y\"></a>",
	    80, NULL);
	check_why(d->nlines == 1 &&
		strcmp(d->lines[0].text, "[image: x][1][2] [image: y][3]") ==
		    0 &&
		link_is(d, 1, "/small.png") && link_is(d, 2, "/big.png"),
	    "a linked image: both URLs, once when they are the same",
	    d->nlines > 0 ? d->lines[0].text : "");
	check_why(
	    has_attr(d, "[image: x]", HTML_A_DIM), "image labels are DIM", "");
	html_doc_free(d);
	expect("picture and source do not hide the image",
	    "<picture><source srcset=\"a.webp\"><img src=\"a.png\" alt=\"p\">"
	    "</picture> after",
	    80, NULL, "[image: p][1] after\n");

	d = render(
	    "<iframe src=\"https://www.youtube.com/embed/x\" title=\"A "
	    "talk\">fallback</iframe><p><iframe src=\"//player.example."
	    "com/v/1\"></iframe></p><video controls><source src=\"/v.webm"
	    "\"><source src=\"/v.mp4\">Your browser</video><audio src=\""
	    "https://pod.example.net/e.mp3\"></audio><p><object data=\""
	    "x.swf\"><param name=a value=b><embed src=\"x.swf\"> Get "
	    "Flash</object></p>",
	    80, "https://site.example/p/");
	s = text(d);
	check_why(strcmp(s,
		      "[embed: A talk][1]\n\n[embed: player.example.com][2]"
		      "\n\n[embed: site.example][3] [embed: pod.example.net][4]"
		      "\n\n[embed: site.example][5] Get Flash\n") == 0 &&
		link_is(d, 3, "https://site.example/v.webm") &&
		link_is(d, 5, "https://site.example/p/x.swf"),
	    "embeds: title or host, first source, no fallback text (but a "
	    "plugin's)",
	    s);
	free(s);
	html_doc_free(d);
	expect("a link around a block gets its number on the block's line",
	    "<a href=\"/x\"><div>in a div</div></a><p>next</p>", 80, NULL,
	    "in a div[1]\n\nnext\n");
}

static void
test_tables(void)
{
	struct html_doc *d;
	size_t i;
	int ok;

	expect("a table: columns sized to content, header and rule",
	    "<table><thead><tr><th>Name</th><th>Size</th></tr></thead>"
	    "<tbody><tr><td>a.py</td><td>12</td></tr><tr><td>long_name.py"
	    "</td><td>3</td></tr></tbody></table>",
	    40, NULL,
	    "Name         \xe2\x94\x82 Size\n"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\xbc\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\n"
	    "a.py         \xe2\x94\x82 12\nlong_name.py \xe2\x94\x82 3\n");
	d = render("<table><tr><th>Key</th><th>Value</th></tr><tr><td>k</td>"
		   "<td>v</td></tr></table>",
	    40, NULL);
	check_why(
	    has_attr(d, "Key", HTML_A_BOLD) && !has_attr(d, "k ", HTML_A_BOLD),
	    "a first row of th is the header, bold", "");
	html_doc_free(d);
	expect("cells wrap to share the width",
	    "<table><tr><td>alpha beta gamma delta</td><td>one two three four"
	    "</td></tr></table>",
	    25, NULL,
	    "alpha beta   \xe2\x94\x82 one two\ngamma delta  \xe2\x94\x82 "
	    "three four\n");
	expect("no header: no rule",
	    "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td>"
	    "</tr></table>",
	    40, NULL, "a \xe2\x94\x82 b\nc \xe2\x94\x82 d\n");
	expect("colspan spans columns",
	    "<table><tr><td>aaaa</td><td>bbbb</td></tr><tr><td colspan=2>"
	    "wide cell</td></tr></table>",
	    40, NULL, "aaaa \xe2\x94\x82 bbbb\nwide cell\n");
	expect("too wide: one record per row",
	    "<table><tr><th>Name</th><th>Description</th></tr><tr><td>"
	    "extraordinarily</td><td>unbreakablewordsthatcannotfit</td></tr>"
	    "<tr><td>b</td><td>short</td></tr></table><p>after</p>",
	    30, NULL,
	    "Name: extraordinarily\nDescription:\n"
	    "unbreakablewordsthatcannotfit\n\nName: b\nDescription: short\n\n"
	    "after\n");
	expect("too wide without a header: the values",
	    "<table><tr><td>extraordinarily</td><td>unbreakablewordsthatcanno"
	    "tfit</td></tr></table>",
	    30, NULL, "extraordinarily\nunbreakablewordsthatcannotfit\n");
	expect("a table in a cell is text of the cell",
	    "<table><tr><td>out</td><td><table><tr><td>in1</td><td>in2</td>"
	    "</tr></table></td></tr></table>",
	    40, NULL, "out \xe2\x94\x82 in1 in2\n");
	expect("empty tables vanish",
	    "<p>a</p><table></table><table><tr></tr></table><p>b</p>", 40, NULL,
	    "a\n\nb\n");
	expect("code laid out in a table: numbers beside the code",
	    "<table class=\"highlighttable\"><tr><td class=\"linenos\"><pre>1\n"
	    "2</pre></td><td class=\"code\"><pre>if x:\n    y()</pre></td>"
	    "</tr></table>",
	    40, NULL, "  1 if x:\n  2     y()\n");
	d = render("<table><tr><td>\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e</td>"
		   "<td>x</td></tr><tr><td>abc</td><td>y</td></tr></table>",
	    40, NULL);
	for (i = 0, ok = d->nlines == 2; ok && i < d->nlines; i++)
		ok = strstr(d->lines[i].text, "\xe2\x94\x82") -
			d->lines[i].text ==
		    (i == 0 ? 10 : 7);
	check_why(ok, "table columns count display width", "");
	html_doc_free(d);
}

static void
test_widths(void)
{
	struct html_doc *d;
	size_t i;
	int ok;

	d = render(
	    "<p>\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\x96"
	    "\x87\xe7\xab\xa0\xe3\x81\xa7\xe3\x81\x99\xe3\x80\x82\xe3\x81"
	    "\x93\xe3\x82\x8c\xe3\x81\xaf\xe9\x95\xb7\xe3\x81\x84\xe3\x81"
	    "\xa7\xe3\x81\x99\xe3\x80\x82</p>",
	    10, NULL);
	for (i = 0, ok = d->nlines > 1; ok && i < d->nlines; i++)
		ok = d->lines[i].width <= 10 &&
		    (d->lines[i].width >= 8 || i + 1 == d->nlines);
	check_why(ok, "CJK breaks between characters, two columns each",
	    d->nlines > 0 ? d->lines[0].text : "");
	check_why(
	    d->nlines > 1 && strncmp(d->lines[1].text, "\xe3\x80\x82", 3) != 0,
	    "no line starts with closing punctuation", "");
	html_doc_free(d);
	expect("Korean breaks at spaces",
	    "<p>\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 \xeb\xac\xb8\xec\x9e\xa5"
	    "\xec\x9e\x85\xeb\x8b\x88\xeb\x8b\xa4</p>",
	    12, NULL,
	    "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4\n\xeb\xac\xb8\xec\x9e\xa5\xec"
	    "\x9e\x85\xeb\x8b\x88\xeb\x8b\xa4\n");
	d = render("<p>\xf0\x9f\x90\x8d \xf0\x9f\x9a\x80</p>", 40, NULL);
	check_why(d->nlines == 1 && d->lines[0].width == 5,
	    "emoji are two columns wide", "");
	html_doc_free(d);
	d = render("<p>cafe\xcc\x81 e\xcc\x81"
		   "e\xcc\x81"
		   "e\xcc\x81"
		   "e\xcc\x81"
		   "e\xcc\x81"
		   "e\xcc\x81</p>",
	    10, NULL);
	ok = d->nlines == 2 && d->lines[0].width == 4 && d->lines[1].width == 6;
	for (i = 0; ok && i < d->nlines; i++)
		ok = (unsigned char)d->lines[i].text[0] != 0xcc;
	check_why(ok, "combining marks take no width and stay with their base",
	    d->nlines > 0 ? d->lines[0].text : "");
	html_doc_free(d);
	expect("a word longer than the width is broken at the width",
	    "<p>x abcdefghijklmnopqrstuvwxyz y</p>", 10, NULL,
	    "x\nabcdefghij\nklmnopqrst\nuvwxyz y\n");
	expect("a width below 10 is 10", "<p>aaaa bbbb cccc dddd</p>", 3, NULL,
	    "aaaa bbbb\ncccc dddd\n");
	expect("right-to-left text left as it is",
	    "<p>\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d world</p>", 40, NULL,
	    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d world\n");
}

static void
test_controls(void)
{
	struct html_doc *d;
	char *s, *p;
	int ok;

	d = render("<p>a\x1b[2Jb&#27;[31mc\x07\x08&#x9b;d\xc2\x9b"
		   "e\x7f"
		   "f\x01g\x1b]52;c;QQ==\x07h</p><pre>\x1b[1mx\ty\r\nz</pre>"
		   "<p title=\"\x1b]0;t\x07\"><img alt=\"\x1b[5mblink\" "
		   "src=\"/i\x1b.png\"></p>",
	    40, NULL);
	s = written(d, 0);
	check_why(strchr(s, 0x1b) == NULL && strchr(s, 0x07) == NULL &&
		strstr(s, "\xc2\x9b") == NULL,
	    "escape sequences and controls never reach the output", s);
	free(s);
	s = written(d, 1);
	ok = 1;
	for (p = s; (p = strchr(p, 0x1b)) != NULL; p++) {
		/* only SGR: ESC [ digits and ; then m */
		if (p[1] != '[')
			ok = 0;
		p += 2;
		while ((*p >= '0' && *p <= '9') || *p == ';')
			p++;
		if (*p != 'm')
			ok = 0;
	}
	check_why(ok, "with color only SGR sequences are added", s);
	free(s);
	html_doc_free(d);

	{
		static const char in[] =
		    "<p>bad \xff bytes, a NUL\0 and more</p>";
		struct html_options o = { 40, NULL };

		d = html_render(in, sizeof in - 1, &o);
		s = text(d);
		check_why(
		    strcmp(s, "bad \xef\xbf\xbd bytes, a NUL and more\n") == 0,
		    "bad UTF-8 is U+FFFD; a NUL does not end the text", s);
		free(s);
		html_doc_free(d);
	}
}

static void
test_write(void)
{
	struct html_doc *d;
	char *plain, *color, *q, *p;

	d = render("<h2>T</h2><p>a <b>bold</b> <a href=\"/x\">link</a> "
		   "<code>c</code></p><pre class=\"python\">def f(): pass</pre>"
		   "<ul><li>i</li></ul><blockquote>q</blockquote>",
	    40, NULL);
	plain = written(d, 0);
	color = written(d, 1);
	/* Strip SGR from the colored output: it must be the plain one. */
	for (p = q = color; *p != '\0';) {
		if (*p == 0x1b) {
			while (*p != '\0' && *p != 'm')
				p++;
			if (*p != '\0')
				p++;
			continue;
		}
		*q++ = *p++;
	}
	*q = '\0';
	check_why(strcmp(plain, color) == 0, "colour adds only SGR", color);
	check_why(strstr(plain, "\n\n[1] /x\n") != NULL,
	    "plain output: link list", plain);
	free(plain);
	free(color);
	color = written(d, 1);
	check_why(strstr(color, "\033[1;35mdef\033[0m") != NULL &&
		strstr(color, "\033[1mbold\033[0m") != NULL,
	    "SGR for attributes and syntax classes", color);
	free(color);
	html_doc_free(d);
}

static void
test_entry(void)
{
	struct html_head h;
	struct html_options o = { 30, "https://example.org/post" };
	struct html_doc *d;
	char *s;

	memset(&h, 0, sizeof h);
	h.title = "A title long enough to wrap around";
	h.source = "Blog";
	h.author = "Ann";
	h.date = "Fri 29 May 2026 12:00";
	h.link = "https://example.org/post";
	d = html_render_entry(&h, "<p>Body <a href=\"x\">l</a></p>", 29, 1, &o);
	s = text(d);
	check_why(strncmp(s,
		      "A title long enough to wrap\naround\nBlog \xc2\xb7 Ann\n"
		      "Fri 29 May 2026 12:00\nhttps://example.org/post\n",
		      89) == 0 &&
		strstr(s, "\n\nBody l[1]\n") != NULL && d->nlinks == 1 &&
		link_is(d, 1, "https://example.org/x"),
	    "an entry: header, rule, body", s);
	free(s);
	html_doc_free(d);
	d = html_render_entry(
	    NULL, "line one\nline  two\n\n\n\nthird", 27, 0, &o);
	s = text(d);
	check_why(strcmp(s, "line one\nline two\n\nthird\n") == 0,
	    "a plain-text entry keeps its line breaks", s);
	free(s);
	html_doc_free(d);
}

static void
test_deep(void)
{
	struct buf_s {
		char *p;
		size_t n;
	} b;
	struct html_options o = { 80, NULL };
	struct html_doc *d;
	char *s, *t;
	size_t i, n = 10000;
	int ok, maxw = 0;

	/* 10,000 nested lists, quotes and divs, a word at each level. */
	b.p = xmalloc(n * 64 + 64);
	b.n = 0;
	for (i = 0; i < n; i++)
		b.n += (size_t)snprintf(b.p + b.n, 64, "<ul><li>w%zu ", i);
	for (i = 0; i < n; i++)
		b.n += (size_t)snprintf(b.p + b.n, 64, "<blockquote>q%zu ", i);
	for (i = 0; i < n; i++)
		b.n += (size_t)snprintf(b.p + b.n, 64, "<div><b>d%zu ", i);
	b.n += (size_t)snprintf(b.p + b.n, 64, "<p>the end</p>");
	d = html_render(b.p, b.n, &o);
	s = text(d);
	for (i = 0; i < d->nlines; i++)
		if (d->lines[i].width > maxw)
			maxw = d->lines[i].width;
	ok = strstr(s, "w0 ") != NULL || strstr(s, "w0\n") != NULL;
	t = xasprintf("w%zu", n - 1);
	ok = ok && strstr(s, t) != NULL && strstr(s, "the end") != NULL;
	free(t);
	t = xasprintf("q%zu", n - 1);
	ok = ok && strstr(s, t) != NULL;
	free(t);
	t = xasprintf("d%zu", n - 1);
	ok = ok && strstr(s, t) != NULL;
	free(t);
	check_why(
	    ok, "10,000-deep nesting: no crash, the deepest words kept", "");
	check_why(maxw <= 80, "indentation capped within the width", "");
	free(s);
	html_doc_free(d);
	free(b.p);
}

/* Every word of the text libxml2 sees is in the rendering. */
static int
no_word_lost(const char *html, int width, char *why, size_t size)
{
	struct html_options o = { width, NULL };
	struct html_doc *d;
	char *ref, *out, *joined, *p, *q, *w, *save = NULL;
	int ok = 1;

	d = html_render(html, strlen(html), &o);
	out = text(d);
	/* The rendering's words without its link numbers. */
	for (p = out; (p = strchr(p, '[')) != NULL;) {
		w = p + 1;
		while (*w >= '0' && *w <= '9')
			w++;
		if (*w == ']' && w > p + 1)
			memmove(p, w + 1, strlen(w + 1) + 1);
		else
			p++;
	}
	for (p = out; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	/* A word may be broken over lines, or the reference may have
	 * joined two (it adds no space after a block). */
	joined = xmalloc(strlen(out) + 1);
	for (p = out, q = joined; *p != '\0'; p++)
		if (*p != ' ')
			*q++ = *p;
	*q = '\0';
	ref = html_to_text(html, strlen(html));
	for (w = strtok_r(ref, " \t\r\n", &save); w != NULL && ok;
	     w = strtok_r(NULL, " \t\r\n", &save))
		if (strstr(out, w) == NULL && strstr(joined, w) == NULL) {
			snprintf(why, size, "lost \"%s\"", w);
			ok = 0;
		}
	free(ref);
	free(out);
	free(joined);
	html_doc_free(d);
	return ok;
}

static void
test_words(void)
{
	static const char doc[] =
	    "<h1>Title here</h1><p>Intro with <b>bold</b>, <i>italic</i>, "
	    "<code>code()</code> and a <a href=\"https://x.example/\">link</a>."
	    "</p><ul><li>first item<ul><li>nested item</li></ul></li><li>second"
	    "</li></ul><ol start=\"3\"><li>three</li></ol><blockquote><p>quoted "
	    "words</p></blockquote><pre>verbatim   code\n\tindented</pre>"
	    "<table><tr><th>colA</th><th>colB</th></tr><tr><td>cellA</td><td>"
	    "cellB with several words in it</td></tr></table><dl><dt>term</dt>"
	    "<dd>definition</dd></dl><p>Unicode: caf\xc3\xa9 \xe6\x97\xa5\xe6"
	    "\x9c\xac \xf0\x9f\x90\x8d and supercalifragilisticexpialidocious"
	    "wordthatislong</p><figure><img src=\"i.png\" alt=\"alt text\">"
	    "<figcaption>caption words</figcaption></figure><details><summary>"
	    "summary words</summary>hidden words</details>";
	char why[256];
	int w[] = { 80, 40, 20, 10 };
	size_t i;
	int ok = 1;

	for (i = 0; i < sizeof w / sizeof w[0] && ok; i++)
		ok = no_word_lost(doc, w[i], why, sizeof why);
	check_why(ok, "no word lost at widths 80, 40, 20, 10", why);
}

static void
test_big(void)
{
	struct html_options o = { 80, "https://example.org/" };
	struct html_doc *d;
	struct timespec t0, t1;
	char *s, *unit, *t, *p;
	size_t n, len, cap = (size_t)10 << 20, i, k;
	int ok;

	unit =
	    xstrdup("<p>Some <b>prose</b> with a <a href=\"/l\">link</a> and "
		    "\xe6\x97\xa5\xe6\x9c\xac text.</p><pre class=\"python\">"
		    "def f(x):\n\treturn x  # c\n</pre><ul><li>item</li></ul>"
		    "<table><tr><td>a</td><td>b</td></tr></table>\n");
	len = strlen(unit);
	s = xmalloc(cap + 1);
	for (n = 0; n + len <= cap; n += len)
		memcpy(s + n, unit, len);
	s[n] = '\0';
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = html_render(s, n, &o);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# 10 MB rendered in %.2f s, %zu lines\n",
	    (double)(t1.tv_sec - t0.tv_sec) +
		(double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	    d->nlines);
	ok = d->nlines > n / len * 8 && d->nlinks == 1 &&
	    strcmp(d->lines[d->nlines - 1].text, "a \xe2\x94\x82 b") == 0;
	for (i = 0; ok && i < d->nlines; i++)
		ok = d->lines[i].width <= 80;
	check_why(ok, "a 10 MB document renders whole", "");
	html_doc_free(d);

	/* One 10 MB word, and 10 MB of unclosed inline elements. */
	memset(s, 'a', cap);
	s[cap] = '\0';
	d = html_render(s, cap, &o);
	check_why(d->nlines == cap / 80 && d->lines[0].width == 80,
	    "a 10 MB word is broken at the width", "");
	html_doc_free(d);
	for (n = 0; n + 8 <= cap; n += 8)
		memcpy(s + n, "<b>x</i>", 8);
	s[n] = '\0';
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = html_render(s, n, &o);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# 10 MB of unclosed tags rendered in %.2f s\n",
	    (double)(t1.tv_sec - t0.tv_sec) +
		(double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	check_why(d->nlines > 0 && d->lines[0].text[0] == 'x',
	    "10 MB of tag soup nesting ever deeper", "");
	html_doc_free(d);
	/* The search text of the same soup: flattening builds no tree, so
	 * it must stop and flatten the nesting itself (every end tag would
	 * otherwise look through all the open elements). */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	t = html_to_text(s, n);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("# the search text of 10 MB of unclosed tags in %.2f s\n",
	    (double)(t1.tv_sec - t0.tv_sec) +
		(double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	for (k = 0, p = t; p != NULL && *p != '\0'; p++)
		k += *p == 'x';
	check_why(k == n / 8,
	    "the search text of 10 MB of tag soup keeps every word", "");
	free(t);
	free(s);
	free(unit);
}

/* The reviewer's defects: one check each. */
static void
test_review(void)
{
	char *s;

	expect("text after </html> is kept",
	    "<!DOCTYPE html><html><body><p>a</p></body></html><p>after</p>", 40,
	    NULL, "a\n\nafter\n");
	s = html_to_text("<html><body><p>a</p></body></html><p>after</p>", 47);
	check_why(s != NULL && strstr(s, "after") != NULL,
	    "html_to_text keeps text after </html>", s != NULL ? s : "");
	free(s);
	{
		struct buf b;

		buf_init(&b, 0);
		for (int i = 0; i < 300; i++)
			buf_addstr(&b, "<div>");
		buf_addstr(&b, "deepword");
		for (int i = 0; i < 300; i++)
			buf_addstr(&b, "</div>");
		buf_addstr(&b, "<p>tail</p>");
		s = html_to_text(b.data, b.len);
		check_why(s != NULL && strstr(s, "deepword") != NULL &&
			strstr(s, "tail") != NULL,
		    "html_to_text keeps text nested deeper than 256", s);
		free(s);
		buf_free(&b);
	}
	/* html_to_text hands libxml2 its input in pieces: what a whole
	 * read gives must still come out. */
	s = html_to_text("<p>a</p></body>b</html>c", 24);
	check_why(s != NULL && strstr(s, "a") != NULL &&
		strstr(s, "b c") != NULL && strstr(s, "ab") == NULL,
	    "html_to_text parts words at </body> and </html>", s);
	free(s);
	s = html_to_text("</div></span></body><p>after stray closers</p>", 46);
	check_why(s != NULL && strstr(s, "after stray closers") != NULL,
	    "html_to_text keeps text after stray end tags at the start", s);
	free(s);
	{
		struct buf b;
		size_t i, n;
		int na;

		/* A run of 200 KB without a tag, a CDATA marker near its end
		 * (in prose, dropped whole), then a second run. */
		buf_init(&b, 0);
		buf_addstr(&b, "<p>");
		for (i = 0; i < 20000; i++)
			buf_addstr(&b, "word\xc3\xa9 ");
		buf_addstr(&b, "<![CDATA[ hidden ]]> last</p><p>");
		for (i = 0; i < 20000; i++)
			buf_addstr(&b, "other ");
		buf_addstr(&b, "end</p>");
		s = html_to_text(b.data, b.len);
		check_why(s != NULL && strstr(s, "hidden") == NULL &&
			strstr(s, "word\xc3\xa9  last") != NULL &&
			strstr(s, "other end") != NULL &&
			strlen(s) == 20000 * 7 + 5 + 1 + 20000 * 6 + 3,
		    "html_to_text: long runs and a CDATA marker in one",
		    s != NULL ? s + strlen(s) - 20 : "");
		free(s);
		/* The same cut short: at a character boundary, about max. */
		for (n = 1000; n < 1010; n++) {
			s = html_to_text_max(b.data, b.len, n);
			if (s == NULL || strlen(s) > n || strlen(s) + 2 < n ||
			    !util_valid_utf8(s, strlen(s), &na) ||
			    strncmp(s, "word\xc3\xa9 word", 11) != 0)
				break;
			free(s);
		}
		check_why(n == 1010, "html_to_text_max cuts at a character",
		    s != NULL ? s : "");
		if (n != 1010)
			free(s);
		buf_free(&b);
	}
	expect("escape sequences go whole, raw or as references",
	    "<p>a\x1b[2Jb&#27;[31mc&#x1B;]52;c;QQ==&#7;d&#x9b;2Je"
	    "&#0027;[0mf\xc2\x9b"
	    "31mg\xc2\x85h</p>",
	    40, NULL, "abcdefgh\n");
	expect("an attribute is not cut at &#27;",
	    "<p><img src=\"/i.png\" alt=\"&#27;[31mred alt\"></p>", 40, NULL,
	    "[image: red alt][1]\n");
	expect("digits in sup and sub are script characters",
	    "<p>Python 3.13<sup>1</sup>, H<sub>2</sub>O, 1<sup>st</sup></p>",
	    40, NULL, "Python 3.13\xc2\xb9, H\xe2\x82\x82O, 1st\n");
	expect("CDATA: dropped in prose, its text kept in pre",
	    "<p>a <![CDATA[ x ]]> b</p><pre><![CDATA[if a < b: c]]></pre>", 40,
	    NULL, "a b\n\n  if a < b: c\n");
	expect("ruby keeps rp",
	    "<p><ruby>\xe8\x9b\x87<rp>(</rp><rt>\xe3\x81\xb8\xe3\x81\xb3</rt>"
	    "<rp>)</rp></ruby></p>",
	    40, NULL, "\xe8\x9b\x87(\xe3\x81\xb8\xe3\x81\xb3)\n");
	expect("an abbr title equal to its text is not repeated",
	    "<p><abbr title=\"html\">HTML</abbr> and <abbr title=\"Cascading "
	    "Style Sheets\">CSS</abbr></p>",
	    60, NULL, "HTML and CSS (Cascading Style Sheets)\n");
	expect("a table of empty cells shows nothing",
	    "<p>a</p><table><tr><td></td><td>&nbsp;</td></tr></table><p>b</p>",
	    40, NULL, "a\n\nb\n");
	expect("short rows end at their last cell",
	    "<table><tr><td>a</td></tr><tr><td>b</td><td>c</td></tr></table>",
	    40, NULL, "a\nb \xe2\x94\x82 c\n");
	expect("colspan is clamped to the columns there are",
	    "<table><tr><td>a</td><td>b</td><td>c</td></tr><tr>"
	    "<td colspan=\"0\">d</td><td colspan=\"1000\">e</td>"
	    "<td colspan=\"-1\">f</td></tr></table>",
	    40, NULL,
	    "a \xe2\x94\x82 b \xe2\x94\x82 c\nd \xe2\x94\x82 e \xe2\x94\x82 "
	    "f\n");
	expect("a p opening a dd adds no blank line",
	    "<dl><dt>T</dt><dd><p>def</p><p>more</p></dd></dl>", 40, NULL,
	    "T\n    def\n\n    more\n");
	expect("textarea is dropped", "<p>a</p><textarea>x</textarea><p>b</p>",
	    40, NULL, "a\n\nb\n");
	expect("alt=\"\" images are dropped unless all a link shows",
	    "<p>a <img src=\"/d.png\" alt=\"\"> b <a href=\"/x\"><img "
	    "src=\"/l.png\" alt=\"\"></a></p>",
	    40, NULL, "a b [image][1][2]\n");
	expect("repl-toggle is dropped",
	    "<p>a <span class=\"repl-toggle\">&gt;&gt;&gt;</span> b</p>", 40,
	    NULL, "a b\n");
}

int
main(void)
{
	check_begin("html");
	test_blocks();
	test_headings();
	test_lists();
	test_quotes();
	test_pre();
	test_syntax_classes();
	test_python();
	test_inline();
	test_links();
	test_tables();
	test_widths();
	test_controls();
	test_write();
	test_entry();
	test_deep();
	test_words();
	test_big();
	test_review();
	return check_done();
}
