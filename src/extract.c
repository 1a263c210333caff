/*
 * extract: the reader view.  Owns how a page's blocks are scored and
 * which are kept.  The page is parsed once; a post-order walk counts each
 * element's text, link text and commas; paragraphs (p, pre, td,
 * blockquote and text-holding divs) give points to their parent and
 * grandparent, weighted by class/id hints and tag; the best candidate,
 * its score cut by its link density, is the article, with the siblings
 * that score near it or are plain prose.  Boilerplate (nav, aside,
 * footer, forms, share/comment/related/cookie blocks by class or id,
 * hidden elements) is removed first, never inside pre or code.  The
 * post's title goes on top when the page's title (og:title, <title>)
 * names a heading that what is kept lacks: themes put it in a header
 * beside the content.  Must not do I/O, render or print.
 */
#include "extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "buf.h"
#include "util.h"
#include "xmlwalk.h"

/* Past this many elements a page is hostile: the rest is not scored. */
#define EXTRACT_MAX_NODES 2000000
/* Fewer characters than this is no article. */
#define EXTRACT_MIN_TEXT 140
/* The post's title: headings of each level looked at, bytes at most. */
#define EXTRACT_MAX_HEADINGS 32
#define EXTRACT_TITLE_MAX 512

struct info {
	double score;
	size_t text;  /* characters of text, runs of blanks as one */
	size_t links; /* of which inside links */
	size_t commas;
	int scored;
};

struct ex {
	struct info *infos;
	size_t n, size;
};

static const char *const ex_drop_tags[] = { "script", "style", "noscript",
	"nav", "footer", "aside", "form", "iframe", "button", "input", "select",
	"textarea", "template", "svg", "canvas", "dialog", "menu", "object",
	"embed", "link", "meta", NULL };

/* Class and id words of boilerplate, and of content (Readability's). */
static const char *const ex_negative[] = { "comment", "share", "sharing",
	"social", "related", "sidebar", "footer", "cookie", "consent", "banner",
	"subscribe", "newsletter", "promo", "advert", "sponsor", "breadcrumb",
	"pagination", "pager", "popup", "modal", "masthead", "navbar", "menu",
	"skip", "signup", "author-bio", "byline", "tags", "meta", "disqus",
	"respond", "gdpr", "toolbar", "rss", "recommend", "more-posts",
	"read-next", "post-nav", "prev-next", "paginav", "button", "ufi", "toc",
	NULL };
/* What keeps a block with a boilerplate word ("entry-content comments"). */
static const char *const ex_maybe[] = { "article", "body", "column", "content",
	"main", NULL };
/* Landmark roles that are never the article. */
static const char *const ex_roles[] = { "navigation", "banner", "contentinfo",
	"complementary", "search", "dialog", "alertdialog", NULL };
static const char *const ex_positive[] = { "article", "content", "entry",
	"post", "body", "main", "text", "story", "blog", "prose", "markdown",
	"document", NULL };

static int
ex_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

static int
ex_in_list(const xmlNode *n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (ex_is(n, list[i]))
			return 1;
	return 0;
}

/* Does the class or id of n hold one of words (as a part of a word:
 * "share-buttons", "entry-content")? */
static int
ex_hint(const xmlNode *n, const char *const *words)
{
	static const char *const attrs[] = { "class", "id", NULL };
	xmlChar *v;
	char *s;
	size_t i, k;
	int hit = 0;

	for (i = 0; attrs[i] != NULL && !hit; i++) {
		v = xmlGetProp(n, (const xmlChar *)attrs[i]);
		if (v == NULL)
			continue;
		s = (char *)v;
		for (k = 0; s[k] != '\0'; k++)
			s[k] = (char)tolower((unsigned char)s[k]);
		for (k = 0; words[k] != NULL && !hit; k++) {
			const char *p = strstr(s, words[k]);
			size_t wl = strlen(words[k]);

			/* A whole part: "nav" in "main-nav", not in
			 * "canvas"; "meta" in "post-meta", not "metadata". */
			while (p != NULL && !hit) {
				hit = (p == s ||
					  !isalpha((unsigned char)p[-1])) &&
				    !isalpha((unsigned char)p[wl]);
				p = strstr(p + 1, words[k]);
			}
		}
		xmlFree(v);
	}
	return hit;
}

static int
ex_hidden(const xmlNode *n)
{
	xmlChar *v;
	int hidden = 0;

	if (xmlHasProp(n, (const xmlChar *)"hidden") != NULL)
		return 1;
	v = xmlGetProp(n, (const xmlChar *)"style");
	if (v != NULL) {
		hidden = strstr((const char *)v, "display:none") != NULL ||
		    strstr((const char *)v, "display: none") != NULL ||
		    strstr((const char *)v, "visibility:hidden") != NULL;
		xmlFree(v);
	}
	v = xmlGetProp(n, (const xmlChar *)"aria-hidden");
	if (v != NULL) {
		hidden |= xmlStrcmp(v, (const xmlChar *)"true") == 0 &&
		    !ex_is(n, "img");
		xmlFree(v);
	}
	return hidden;
}

/* Inside pre or code nothing is dropped: code is verbatim.  (Only the
 * nearest ancestors are looked at: a hostile page nests thousands.) */
static int
ex_in_code(const xmlNode *n)
{
	int k = 0;

	for (n = n->parent; n != NULL && k < 64; n = n->parent, k++)
		if (ex_is(n, "pre") || ex_is(n, "code"))
			return 1;
	return 0;
}

static int
ex_role(const xmlNode *n, const char *const *roles)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)"role");
	size_t i;
	int hit = 0;

	if (v == NULL)
		return 0;
	for (i = 0; roles[i] != NULL && !hit; i++)
		hit = xmlStrcasecmp(v, (const xmlChar *)roles[i]) == 0;
	xmlFree(v);
	return hit;
}

/* Does n hold the page's main content (article, main, role=main)?  A
 * layout wrapper named "grid-for-nav" must not take it away.  Looks at
 * a bounded number of descendants. */
static int
ex_holds_main(const xmlNode *n)
{
	static const char *const main_roles[] = { "main", "article", NULL };
	const xmlNode *c = n->children;
	size_t k = 0;

	while (c != NULL && k++ < 5000) {
		if (ex_is(c, "article") || ex_is(c, "main") ||
		    (c->type == XML_ELEMENT_NODE && ex_role(c, main_roles)))
			return 1;
		c = xmlwalk_next(c, n, 0);
	}
	return 0;
}

/* Should this element go before scoring? */
static int
ex_junk(const xmlNode *n)
{
	if (ex_is(n, "body") || ex_is(n, "html") || ex_is(n, "article") ||
	    ex_is(n, "main") || ex_is(n, "pre") || ex_is(n, "code") ||
	    ex_is(n, "a") || ex_is(n, "img") || ex_in_code(n))
		return 0;
	if (ex_in_list(n, ex_drop_tags) || ex_hidden(n))
		return 1;
	if (!ex_role(n, ex_roles) &&
	    (!ex_hint(n, ex_negative) || ex_hint(n, ex_maybe)))
		return 0;
	return !ex_holds_main(n);
}

/* Remove boilerplate; comments too. */
static void
ex_strip(xmlNode *root)
{
	xmlNode *n = root->children, *next;
	size_t count = 0;

	while (n != NULL && count++ < EXTRACT_MAX_NODES) {
		if ((n->type == XML_ELEMENT_NODE && ex_junk(n)) ||
		    n->type == XML_COMMENT_NODE) {
			next = xmlwalk_next(n, root, 1);
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			n = next;
			continue;
		}
		n = xmlwalk_next(n, root, 0);
	}
}

static struct info *
ex_info(const xmlNode *n)
{
	return (struct info *)n->_private;
}

/* Characters of text, blank runs counted once. */
static size_t
ex_textlen(const xmlChar *s, size_t *commas)
{
	size_t n = 0;
	int blank = 1;

	for (; *s != '\0'; s++) {
		if (isspace(*s)) {
			if (!blank)
				n++;
			blank = 1;
			continue;
		}
		blank = 0;
		if (*s == ',')
			(*commas)++;
		if ((*s & 0xc0) != 0x80)
			n++;
	}
	return n;
}

/* n's counts go to its parent's (a link's text is all link text). */
static void
ex_leave(xmlNode *n, const xmlNode *root)
{
	struct info *in, *pi;

	if (n->type != XML_ELEMENT_NODE)
		return;
	in = ex_info(n);
	if (ex_is(n, "a"))
		in->links = in->text;
	if (n == root || n->parent == NULL ||
	    n->parent->type != XML_ELEMENT_NODE)
		return;
	pi = ex_info(n->parent);
	pi->text += in->text;
	pi->links += in->links;
	pi->commas += in->commas;
}

/*
 * Give every element an info (in _private), then count text, link text
 * and commas bottom up in one walk: each node is entered and left once,
 * whatever the depth.
 */
static int
ex_count(struct ex *x, xmlNode *root)
{
	xmlNode *n;
	struct info *pi;

	for (n = root; n != NULL; n = xmlwalk_next(n, root, 0)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (x->n == EXTRACT_MAX_NODES)
			return -1;
		x->n++;
	}
	x->infos = xcalloc(x->n + 1, sizeof *x->infos);
	x->n = 0;
	for (n = root; n != NULL; n = xmlwalk_next(n, root, 0))
		if (n->type == XML_ELEMENT_NODE)
			n->_private = &x->infos[x->n++];
	n = root;
	while (n != NULL) {
		if ((n->type == XML_TEXT_NODE ||
			n->type == XML_CDATA_SECTION_NODE) &&
		    n->content != NULL && n->parent != NULL &&
		    n->parent->type == XML_ELEMENT_NODE) {
			pi = ex_info(n->parent);
			pi->text += ex_textlen(n->content, &pi->commas);
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		for (;;) {
			ex_leave(n, root);
			if (n == root) {
				n = NULL;
				break;
			}
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
	return 0;
}

static double
ex_weight(const xmlNode *n)
{
	double w = 0;

	if (ex_hint(n, ex_positive))
		w += 25;
	if (ex_hint(n, ex_negative))
		w -= 25;
	if (ex_is(n, "div") || ex_is(n, "article") || ex_is(n, "main") ||
	    ex_is(n, "section"))
		w += 5;
	else if (ex_is(n, "pre") || ex_is(n, "td") || ex_is(n, "blockquote"))
		w += 3;
	else if (ex_is(n, "ol") || ex_is(n, "ul") || ex_is(n, "dl") ||
	    ex_is(n, "th") || ex_is(n, "li"))
		w -= 3;
	else if (ex_is(n, "h1") || ex_is(n, "h2") || ex_is(n, "h3") ||
	    ex_is(n, "h4") || ex_is(n, "h5") || ex_is(n, "h6"))
		w -= 5;
	if (ex_is(n, "article") || ex_is(n, "main"))
		w += 10;
	return w;
}

/* A div holding no block: a paragraph in all but name. */
static int
ex_is_para(const xmlNode *n)
{
	static const char *const blocks[] = { "div", "p", "pre", "table", "ul",
		"ol", "dl", "blockquote", "section", "article", "h1", "h2",
		"h3", "h4", "h5", "h6", "figure", NULL };
	const xmlNode *c;

	if (ex_is(n, "p") || ex_is(n, "pre") || ex_is(n, "td") ||
	    ex_is(n, "blockquote") || ex_is(n, "li"))
		return 1;
	if (!ex_is(n, "div"))
		return 0;
	for (c = n->children; c != NULL; c = c->next)
		if (ex_in_list(c, blocks))
			return 0;
	return 1;
}

/* Score the paragraphs into their ancestors; the best candidate. */
static xmlNode *
ex_score(xmlNode *root)
{
	xmlNode *n, *a, *best = NULL;
	struct info *in, *ai;
	double points, s, bs = 0;
	int level;

	for (n = root; n != NULL; n = xmlwalk_next(n, root, 0)) {
		if (n->type != XML_ELEMENT_NODE || !ex_is_para(n))
			continue;
		in = ex_info(n);
		if (in->text < 25)
			continue;
		points = 1 + (double)in->commas +
		    (in->text / 100 < 3 ? (double)(in->text / 100) : 3);
		if (ex_is(n, "pre"))
			points += 2;
		for (a = n->parent, level = 0;
		     a != NULL && level < 3 && a->type == XML_ELEMENT_NODE;
		     a = a->parent, level++) {
			ai = ex_info(a);
			if (!ai->scored) {
				ai->scored = 1;
				ai->score = ex_weight(a);
			}
			ai->score += level == 0 ? points
			    : level == 1	? points / 2
						: points / 6;
		}
	}
	for (n = root; n != NULL; n = xmlwalk_next(n, root, 0)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		in = ex_info(n);
		if (!in->scored || in->text == 0)
			continue;
		s = in->score * (1 - (double)in->links / (double)in->text);
		in->score = s;
		if (best == NULL || s > bs) {
			best = n;
			bs = s;
		}
	}
	return best;
}

/* Is s, a sibling of best, kept with it (scores near it, or is prose)? */
static int
ex_keep(const xmlNode *best, const xmlNode *s, double limit)
{
	struct info *si;

	if (s == best)
		return 1;
	if (s->type != XML_ELEMENT_NODE)
		return 0;
	si = ex_info(s);
	return (si->scored && si->score >= limit) ||
	    (ex_is(s, "p") && si->text > 80 && si->links * 4 < si->text) ||
	    (ex_is(s, "pre") && si->text > 0) ||
	    ((ex_is(s, "ul") || ex_is(s, "ol") || ex_is(s, "table") ||
		 ex_is(s, "figure")) &&
		si->text > 0 && si->links * 2 < si->text &&
		best->parent != NULL && ex_is(best, "p"));
}

/* The text of a heading, blanks collapsed, at most EXTRACT_TITLE_MAX
 * bytes (more: NULL, no title) from a bounded walk; malloc'd. */
static char *
ex_heading_text(const xmlNode *h)
{
	const xmlNode *c = h->children;
	struct buf b;
	size_t k = 0, i;
	int blank = 1;
	char *t;

	buf_init(&b, 0);
	while (c != NULL && k++ < 1000 && b.len <= EXTRACT_TITLE_MAX) {
		if ((c->type == XML_TEXT_NODE ||
			c->type == XML_CDATA_SECTION_NODE) &&
		    c->content != NULL)
			for (i = 0; c->content[i] != '\0' &&
			     b.len <= EXTRACT_TITLE_MAX;
			     i++) {
				if (isspace(c->content[i])) {
					if (!blank)
						buf_addc(&b, ' ');
					blank = 1;
					continue;
				}
				blank = 0;
				buf_addc(&b, (char)c->content[i]);
			}
		c = xmlwalk_next(c, h, 0);
	}
	if (b.len > EXTRACT_TITLE_MAX) {
		buf_free(&b);
		return NULL;
	}
	t = buf_detach(&b, NULL);
	if (t != NULL && *t != '\0' && t[strlen(t) - 1] == ' ')
		t[strlen(t) - 1] = '\0';
	return t;
}

/* Do the blanks from p on, then a separator a page title puts between
 * the post's title and the site's name, come at p (dir 1) or end at p
 * (dir -1, reading backwards from p - 1)? */
static int
ex_is_sep(const char *start, const char *p, int dir)
{
	static const char *const seps[] = { "|", "-", ":", "\xe2\x80\x93",
		"\xe2\x80\x94", "\xc2\xb7", "\xc2\xbb", "\xe2\x80\xa2", NULL };
	size_t i, n;

	if (dir > 0) {
		while (*p == ' ')
			p++;
		for (i = 0; seps[i] != NULL; i++)
			if (strncmp(p, seps[i], strlen(seps[i])) == 0)
				return 1;
		return 0;
	}
	while (p > start && p[-1] == ' ')
		p--;
	for (i = 0; seps[i] != NULL; i++) {
		n = strlen(seps[i]);
		if ((size_t)(p - start) >= n && strncmp(p - n, seps[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Is heading text h the post's title in the page's title t ("Post",
 * "Post | Site", "Site: Post")? */
static int
ex_title_match(const char *h, const char *t)
{
	size_t hl = strlen(h), tl = strlen(t);

	if (hl < 3 || hl > tl)
		return 0;
	if (util_strcaseeq(h, t))
		return 1;
	if (util_strncaseeq(t, h, hl) && ex_is_sep(t, t + hl, 1))
		return 1;
	return util_strcaseeq(t + tl - hl, h) && ex_is_sep(t, t + tl - hl, -1);
}

/* How well heading text h names the post in og:title or <title> (0:
 * not at all). */
static size_t
ex_title_score(const char *h, const char *og, const char *title)
{
	size_t hl = strlen(h);

	if ((og != NULL && util_strcaseeq(h, og)) ||
	    (title != NULL && util_strcaseeq(h, title)))
		return EXTRACT_TITLE_MAX + 1 + hl;
	if ((og != NULL && ex_title_match(h, og)) ||
	    (title != NULL && ex_title_match(h, title)))
		return hl;
	return 0;
}

/*
 * Before anything is stripped: the post's title as a heading of the page
 * shows it, when the page's title (og:title, else <title>) names it --
 * the heading that is the whole title, else the longest part of it, h1
 * before h2 before h3.  A theme often puts it in a
 * header beside the content rather than in it.  NULL when none.
 */
static char *
ex_page_title(xmlNode *root)
{
	char *og = NULL, *title = NULL, *heads[3][EXTRACT_MAX_HEADINGS];
	char *found = NULL;
	size_t nh[3] = { 0, 0, 0 }, count = 0, i, score, best = 0;
	int lv;
	xmlNode *n;
	xmlChar *v;

	for (n = root; n != NULL && count++ < EXTRACT_MAX_NODES;
	     n = xmlwalk_next(n, root, 0)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (ex_is(n, "title") && title == NULL)
			title = ex_heading_text(n);
		else if (ex_is(n, "meta") && og == NULL) {
			v = xmlGetProp(n, (const xmlChar *)"property");
			if (v != NULL &&
			    xmlStrcasecmp(v, (const xmlChar *)"og:title") ==
				0) {
				xmlFree(v);
				v = xmlGetProp(n, (const xmlChar *)"content");
				og =
				    v != NULL ? xstrdup((const char *)v) : NULL;
			}
			xmlFree(v);
		}
		lv = ex_is(n, "h1")  ? 0
		    : ex_is(n, "h2") ? 1
		    : ex_is(n, "h3") ? 2
				     : -1;
		if (lv >= 0 && nh[lv] < EXTRACT_MAX_HEADINGS) {
			heads[lv][nh[lv]] = ex_heading_text(n);
			if (heads[lv][nh[lv]] != NULL)
				nh[lv]++;
		}
	}
	/* The title whole beats a part of it; of parts, the longest (the
	 * blog's name is a part too: "Blog: Post"). */
	for (lv = 0; lv < 3; lv++)
		for (i = 0; i < nh[lv]; i++) {
			score = ex_title_score(heads[lv][i], og, title);
			if (score > best) {
				free(found);
				found = heads[lv][i];
				best = score;
			} else
				free(heads[lv][i]);
		}
	free(og);
	free(title);
	return found;
}

/* Is there a heading with text t in the subtree of n (bounded)? */
static int
ex_has_heading(const xmlNode *n, const char *t)
{
	const xmlNode *c = n;
	size_t k = 0, heads = 0;
	char *h;
	int hit = 0;

	while (c != NULL && k++ < 20000 && heads < 64 && !hit) {
		if (ex_is(c, "h1") || ex_is(c, "h2") || ex_is(c, "h3") ||
		    ex_is(c, "h4")) {
			heads++;
			h = ex_heading_text(c);
			hit = h != NULL && util_strcaseeq(h, t);
			free(h);
		}
		c = xmlwalk_next(c, n, 0);
	}
	return hit;
}

/* The title at the top, as a heading, unless what is kept has it. */
static void
ex_put_title(xmlNode *best, double limit, const char *title, struct buf *out)
{
	const xmlNode *s;
	const char *p;

	if (title == NULL)
		return;
	if (best->parent == NULL || best->parent->type != XML_ELEMENT_NODE) {
		if (ex_has_heading(best, title))
			return;
	} else
		for (s = best->parent->children; s != NULL; s = s->next)
			if (ex_keep(best, s, limit) && ex_has_heading(s, title))
				return;
	buf_add(out, "<h1>", 4);
	for (p = title; *p != '\0'; p++)
		if (*p == '<')
			buf_add(out, "&lt;", 4);
		else if (*p == '>')
			buf_add(out, "&gt;", 4);
		else if (*p == '&')
			buf_add(out, "&amp;", 5);
		else
			buf_addc(out, *p);
	buf_add(out, "</h1>\n", 6);
}

/* Keep the best and its siblings that score near it or are prose, under
 * the post's title (title: NULL for none). */
static void
ex_collect(xmlNode *best, const char *title, struct buf *out)
{
	xmlNode *s;
	struct info *bi = ex_info(best);
	double limit = bi->score * 0.2 > 10 ? bi->score * 0.2 : 10;
	xmlBufferPtr xb;

	ex_put_title(best, limit, title, out);
	if (best->parent == NULL || best->parent->type != XML_ELEMENT_NODE) {
		s = best;
		goto one;
	}
	for (s = best->parent->children; s != NULL; s = s->next) {
		if (!ex_keep(best, s, limit))
			continue;
	one:
		xb = xmlBufferCreate();
		if (xb != NULL) {
			htmlNodeDump(xb, s->doc, s);
			buf_add(out, xmlBufferContent(xb),
			    (size_t)xmlBufferLength(xb));
			buf_addc(out, '\n');
			xmlBufferFree(xb);
		}
		if (s == best &&
		    (best->parent == NULL ||
			best->parent->type != XML_ELEMENT_NODE))
			return;
	}
}

/*
 * out's bytes as a string of valid UTF-8: libxml2 passes on bytes that
 * are not UTF-8 in a page that says it is; each becomes U+FFFD.  Frees
 * out.
 */
static char *
ex_utf8(struct buf *out)
{
	struct buf b;
	unsigned int cp;
	size_t i, len;
	int nonascii;

	if (util_valid_utf8(out->data, out->len, &nonascii))
		return buf_detach(out, NULL);
	buf_init(&b, 0);
	for (i = 0; i < out->len; i += len) {
		len = util_utf8_decode(
		    (const unsigned char *)out->data + i, out->len - i, &cp);
		if (len == 0) {
			buf_add(&b, "\xef\xbf\xbd", 3);
			len = 1;
		} else
			buf_add(&b, out->data + i, len);
	}
	buf_free(out);
	return buf_detach(&b, NULL);
}

/*
 * The page's tree, decoded as a browser decodes it: a byte order mark,
 * else the HTTP charset, else the page's <meta> charset (libxml2 finds
 * it), else UTF-8, and windows-1252 when the bytes are not UTF-8 (where
 * libxml2 alone would take Latin-1, whose 0x80-0x9f are controls).
 */
static htmlDocPtr
ex_read(const char *page, size_t len, const char *charset)
{
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NODEFDTD |
	    HTML_PARSE_NOBLANKS | XML_PARSE_HUGE;
	htmlDocPtr doc = NULL;
	const char *view;
	char *conv;
	size_t vlen;
	int flags = 0;

	if (charset == NULL || *charset == '\0') {
		doc = htmlReadMemory(page, (int)len, NULL, NULL, opts);
		if (doc == NULL || doc->encoding != NULL)
			return doc;
		/* No charset named anywhere: are the bytes UTF-8? */
		conv =
		    util_to_utf8_view(page, len, "utf-8", &view, &vlen, &flags);
		if (!(flags & UTIL_UTF8_NOT_UTF8)) {
			free(conv);
			return doc;
		}
		xmlFreeDoc(doc);
	} else
		conv =
		    util_to_utf8_view(page, len, charset, &view, &vlen, NULL);
	/* Decoded here, read as UTF-8. */
	doc = vlen <= INT32_MAX
	    ? htmlReadMemory(view, (int)vlen, NULL, "UTF-8", opts)
	    : NULL;
	free(conv);
	return doc;
}

char *
extract_article(const char *page, size_t len, const char *charset, char **cause)
{
	struct ex x;
	htmlDocPtr doc;
	xmlNode *root, *best;
	struct buf out;
	char *title;

	if (len > INT32_MAX) {
		util_fail(cause, "the page is too large");
		return NULL;
	}
	doc = ex_read(page, len, charset);
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL) {
		if (doc != NULL)
			xmlFreeDoc(doc);
		util_fail(cause, "not an HTML page");
		return NULL;
	}
	memset(&x, 0, sizeof x);
	title = ex_page_title(root);
	ex_strip(root);
	if (ex_count(&x, root) != 0) {
		free(x.infos);
		free(title);
		xmlFreeDoc(doc);
		util_fail(cause, "the page has too many elements");
		return NULL;
	}
	best = ex_score(root);
	if (best == NULL || ex_info(best)->text < EXTRACT_MIN_TEXT) {
		free(x.infos);
		free(title);
		xmlFreeDoc(doc);
		util_fail(cause, "no article found on the page");
		return NULL;
	}
	buf_init(&out, 0);
	ex_collect(best, title, &out);
	free(title);
	free(x.infos);
	xmlFreeDoc(doc);
	return ex_utf8(&out);
}
