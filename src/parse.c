/*
 * parse: feed bytes -> struct parsed_feed.  Owns format detection, charset
 * conversion, the repair of ill-formed XML that real feeds ship, the
 * mapping of RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed onto one entry
 * model, entry identity and the Planet "Source: Title" split.  Relative
 * URLs are resolved against xml:base or the feed's URL by url.c; entry
 * hashes are util_fnv1a's, which must never change.  XML is read as a
 * stream (see "XML feeds"): memory follows the largest entry, not the
 * file.
 *
 * Pure: no file or network I/O, no terminal output, no curses, curl or
 * sqlite.  libxml2 is used with XML_PARSE_NONET and never loads a DTD or an
 * external entity (parse_init() also installs a loader that refuses all).
 */
#include "parse.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

#include "buf.h"
#include "date.h"
#include "html.h"
#include "url.h"
#include "util.h"

#define PARSE_DEFAULT_MAX (64 * 1024 * 1024)
/* Bounds that keep a hostile feed's cost linear in its size. */
#define PARSE_MAX_ENCLOSURES 64
#define PARSE_MAX_TEXT 2048
#define PARSE_MAX_TITLE_RAW (256 * 1024)
/* The repair pass hands libxml2 its output in pieces of about this. */
#define PARSE_REPAIR_CHUNK (16 * 1024)
/* parse_html_resolve leaves a longer fragment as it is. */
#define PARSE_RESOLVE_MAX (256 * 1024)
/* parse_text_take takes a text node of this many bytes and more. */
#define PARSE_TAKE_MIN (64 * 1024)

#define NS_ATOM10 "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RSS10 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_USERLAND "http://backend.userland.com/rss2"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_MEDIA "http://search.yahoo.com/mrss/"
#define NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_XHTML "http://www.w3.org/1999/xhtml"
#define NS_FEEDBURNER "http://rssnamespace.org/feedburner/ext/1.0"

/* Namespace classes an element can belong to. */
enum parse_ns {
	PNS_CORE, /* no namespace, or an RSS 0.90/1.0/2.0 namespace */
	PNS_ATOM,
	PNS_RDF,
	PNS_CONTENT,
	PNS_DC,
	PNS_DCTERMS,
	PNS_MEDIA,
	PNS_XHTML,
	PNS_OTHER
};

/* What one entry is being built from, before the final clean-up. */
struct parse_item {
	struct parsed_entry e;
	char *raw_title; /* decoded, not yet cleaned */
	int title_html;	 /* Atom type="html" title */
	char *guid;
	int guid_permalink;
	char *about; /* RDF rdf:about */
	char *pubdate, *dcdate, *issued, *modified;
	char *atom_published, *atom_updated;
	struct buf authors; /* ", "-joined names */
	int have_rss_author;
};

/* Items built while an XML feed is read, at most PARSE_MAX_ENTRIES. */
struct parse_list {
	struct parse_item **items;
	size_t n, alloc;
	int more; /* there were more than the cap */
};

/* What a document is, by its root element. */
enum parse_kind {
	PARSE_KIND_OTHER,
	PARSE_KIND_RSS,
	PARSE_KIND_ATOM
};

struct parse_ctx {
	struct parsed_feed *feed;
	size_t alloc;
	char *generator;
	char *feed_author; /* Atom feed-level author */
	const char *base;  /* the caller's URL */
	/* While an XML feed is read (parse_xml): */
	int kind;		      /* enum parse_kind */
	xmlNode *root, *chan;	      /* the RSS channel; NULL for Atom */
	struct parse_list chan_items; /* the channel's items, Atom's entries */
	struct parse_list root_items; /* RSS 1.0: the root's items */
	int link_html;		      /* Atom: the feed's link is HTML */
	struct parse_hold **holds;    /* every parse_hold made, to free */
	size_t nholds, aholds;
};

/*
 * A post's body given as markup (an Atom xhtml or html construct, RSS
 * description, content:encoded, xhtml:body) is serialized child by
 * child as each closes, and the child freed, so that a body of 16 MB
 * never stands as a tree (30 times its size).  The hold hangs on the
 * element's _private.  The div an Atom xhtml construct wraps its markup
 * in is a hold of its own (div): its children go the same way, and its
 * tags are written around them when it is serialized.
 */
struct parse_hold {
	struct buf b; /* the children serialized so far */
	int elements; /* one of them was an element */
	int atom;     /* an Atom text construct */
	int div;      /* the div of an Atom xhtml construct */
};

static void
parse_silent(void *ctx, const char *msg, ...)
{
	/* libxml2 must never write to the terminal. */
	(void)ctx;
	(void)msg;
}

static void
parse_silent_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

static xmlParserInputPtr
parse_no_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	/* No DTD, no external entity, no network: ever. */
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void
parse_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(parse_no_entity_loader);
	xmlSetGenericErrorFunc(NULL, parse_silent);
	xmlSetStructuredErrorFunc(NULL, parse_silent_structured);
}

/* ---- small helpers ------------------------------------------------- */

static char *
parse_xmlstr(xmlChar *s)
{
	char *p;

	if (s == NULL)
		return NULL;
	p = xstrdup((const char *)s);
	xmlFree(s);
	return p;
}

/* xstrdup that passes NULL through. */
static char *
parse_strdup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* Trim ASCII whitespace; returns NULL (and frees s) when nothing is left. */
static char *
parse_trim(char *s)
{
	if (s != NULL && *util_trim(s) == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

/*
 * Like parse_trim, for plain text whose layout counts: blank lines before
 * the first line and whitespace at the end go, the first line's
 * indentation (a leading tab) stays.  Takes ownership.
 */
static char *
parse_trim_text(char *s)
{
	size_t i = 0, start = 0, n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	while (n > 0 && util_isspace((unsigned char)s[n - 1]))
		n--;
	for (i = 0; i < n && util_isspace((unsigned char)s[i]); i++)
		if (s[i] == '\n')
			start = i + 1;
	if (i == n) {
		free(s);
		return NULL;
	}
	memmove(s, s + start, n - start);
	s[n - start] = '\0';
	return s;
}

static void
parse_set(char **dst, char *s)
{
	/* First value wins; later duplicates of the element are ignored. */
	if (*dst == NULL)
		*dst = s;
	else
		free(s);
}

/*
 * A plain-text field: cleaned (no controls, no escape sequences, one
 * space between words) and at most PARSE_MAX_TEXT bytes, cut at a
 * character boundary.  Takes ownership.
 */
static char *
parse_clean(char *s)
{
	char *c;

	if (s == NULL)
		return NULL;
	c = util_clean_text(s, strlen(s));
	free(s);
	if (c != NULL)
		c[util_utf8_cut(c, strlen(c), PARSE_MAX_TEXT)] = '\0';
	return c;
}

static enum parse_ns
parse_node_ns(const xmlNode *n)
{
	const char *h;

	if (n->ns == NULL || n->ns->href == NULL)
		return PNS_CORE;
	h = (const char *)n->ns->href;
	if (strcmp(h, NS_RSS10) == 0 || strcmp(h, NS_RSS090) == 0 ||
	    strcmp(h, NS_USERLAND) == 0)
		return PNS_CORE;
	if (strcmp(h, NS_ATOM10) == 0 || strcmp(h, NS_ATOM03) == 0)
		return PNS_ATOM;
	if (strcmp(h, NS_RDF) == 0)
		return PNS_RDF;
	if (strcmp(h, NS_CONTENT) == 0)
		return PNS_CONTENT;
	if (strcmp(h, NS_DC) == 0)
		return PNS_DC;
	if (strcmp(h, NS_DCTERMS) == 0)
		return PNS_DCTERMS;
	/* Yahoo's own spec omits the trailing slash in places. */
	if (strncmp(h, NS_MEDIA, strlen(NS_MEDIA) - 1) == 0)
		return PNS_MEDIA;
	if (strcmp(h, NS_XHTML) == 0)
		return PNS_XHTML;
	return PNS_OTHER;
}

static int
parse_is(const xmlNode *n, enum parse_ns ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && parse_node_ns(n) == ns &&
	    strcmp((const char *)n->name, name) == 0;
}

static char *
parse_attr(const xmlNode *n, const char *name)
{
	return parse_trim(parse_xmlstr(xmlGetProp(n, (const xmlChar *)name)));
}

/*
 * The text of an element, at most max bytes of it (cut at a character
 * boundary); one copy when it is a single text node, as most are.
 */
static char *
parse_text_max(const xmlNode *n, size_t max)
{
	const xmlNode *c = n->children;
	const char *t = NULL;
	char *s;
	size_t len;

	if (c != NULL && c->next == NULL && c->content != NULL &&
	    (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE))
		t = (const char *)c->content;
	s = t != NULL ? NULL : parse_xmlstr(xmlNodeGetContent(n));
	len = strlen(t != NULL ? t : s);
	len = util_utf8_cut(t != NULL ? t : s, len, max);
	if (t != NULL)
		return xstrndup(t, len);
	s[len] = '\0';
	return s;
}

static char *
parse_text(const xmlNode *n)
{
	return parse_text_max(n, SIZE_MAX);
}

/*
 * The text of an element read once (an entry's body): a long single text
 * node is taken from the tree rather than copied, so that a 16 MB body
 * is not held twice while its item is read.  Short and dictionary-held
 * strings are copied as parse_text does.
 */
static char *
parse_text_take(xmlNode *n)
{
	xmlNode *c = n->children;
	char *t;
	size_t len;

	if (c == NULL || c->next != NULL || c->content == NULL ||
	    (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) ||
	    c->content == (xmlChar *)&c->properties ||
	    (c->doc != NULL && c->doc->dict != NULL &&
		xmlDictOwns(c->doc->dict, c->content)))
		return parse_text(n);
	len = strlen((const char *)c->content);
	if (len < PARSE_TAKE_MIN)
		return parse_text(n);
	t = (char *)c->content;
	c->content = NULL;
	/* libxml2 grows a text node by doubling: give back the rest. */
	return xreallocarray(t, len + 1, 1);
}

/* A title's text: its first PARSE_MAX_TITLE_RAW bytes are plenty for
 * the PARSE_MAX_TEXT bytes it is cut to once clean. */
static char *
parse_title_text(const xmlNode *n)
{
	return parse_text_max(n, PARSE_MAX_TITLE_RAW);
}

/*
 * Make a URL safe to store and show: the cleaning every URL gets
 * (url_clean: tabs and newlines out, the rest of what is unsafe
 * percent-encoded), then every byte that is never legal in a URL
 * (non-ASCII, and the delimiters RFC 3986 excludes) percent-encoded too,
 * so that libxml2's URI parser accepts the result.  Takes ownership.
 */
static char *
parse_escape_url(char *url)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b;
	const unsigned char *p;
	char *clean;
	int need = 0;

	if (url == NULL)
		return NULL;
	clean = url_clean(url);
	free(url);
	if ((url = clean) == NULL)
		return NULL;
	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f ||
		    strchr("\"<>\\^`{|}", *p) != NULL)
			need = 1;
	if (!need)
		return url;
	buf_init(&b, 0);
	for (p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p <= 0x20 || *p >= 0x7f ||
		    strchr("\"<>\\^`{|}", *p) != NULL) {
			buf_addc(&b, '%');
			buf_addc(&b, hex[*p >> 4]);
			buf_addc(&b, hex[*p & 15]);
		} else
			buf_addc(&b, (char)*p);
	}
	free(url);
	return buf_detach(&b, NULL);
}

/* Resolve url against base; takes ownership of url. */
static char *
parse_resolve_with(const char *base, char *url)
{
	char *abs;

	url = parse_escape_url(parse_trim(url));
	if (url == NULL || base == NULL)
		return url;
	abs = url_resolve(base, url);
	free(url);
	return parse_escape_url(abs);
}

/* Resolve url against the base in effect at node n (xml:base, document
 * URL).  Takes ownership of url; returns an owned string or NULL. */
static char *
parse_resolve_at(const xmlNode *n, char *url)
{
	xmlChar *base;
	char *out;

	base = xmlNodeGetBase(n->doc, n);
	if (base == NULL)
		return parse_escape_url(parse_trim(url));
	out = parse_resolve_with((const char *)base, url);
	xmlFree(base);
	return out;
}

/*
 * Does an attribute value start a relative reference?  v ends at NUL or
 * at the first byte of stop; only its first bytes matter (a scheme).
 */
static int
parse_is_relative(const char *v, const char *stop)
{
	size_t i;

	if (*v == '\0' || strchr(stop, *v) != NULL || *v == '#')
		return 0;
	for (i = 0; v[i] != '\0' && strchr(stop, v[i]) == NULL; i++) {
		if (v[i] == ':')
			return i == 0;
		if (!((v[i] >= 'a' && v[i] <= 'z') ||
			(v[i] >= 'A' && v[i] <= 'Z') ||
			(i > 0 &&
			    ((v[i] >= '0' && v[i] <= '9') || v[i] == '+' ||
				v[i] == '-' || v[i] == '.'))))
			return 1;
	}
	return 1;
}

/*
 * A cheap scan for href= or src= attributes with relative values, so the
 * common case (all absolute) never pays for an HTML parse.  It may say yes
 * wrongly (text that looks like an attribute), never no wrongly for quoted
 * or bare values.  Linear: each value is looked at for its scheme only.
 */
static int
parse_html_has_relative(const char *s)
{
	const char *p, *v, *stop;

	for (p = s; (p = strpbrk(p, "hHsS")) != NULL; p++) {
		if (p == s || strchr(" \t\r\n\"'", p[-1]) == NULL)
			continue;
		if (util_strncaseeq(p, "href", 4))
			v = p + 4;
		else if (util_strncaseeq(p, "src", 3))
			v = p + 3;
		else
			continue;
		v += strspn(v, " \t\r\n");
		if (*v != '=')
			continue;
		v++;
		v += strspn(v, " \t\r\n");
		if (*v == '"') {
			stop = "\"";
			v++;
		} else if (*v == '\'') {
			stop = "'";
			v++;
		} else
			stop = " \t\r\n>";
		v += strspn(v, " \t\r\n");
		if (parse_is_relative(v, stop))
			return 1;
	}
	return 0;
}

static const char *parse_url_attrs[] = { "href", "src", "poster", "background",
	"cite", "longdesc", NULL };

/* Make href/src (and friends) below n absolute.  base NULL: use the
 * xml:base in effect at each element (XML trees). */
static void
parse_fix_urls(xmlNode *n, const char *base)
{
	xmlNode *c;
	xmlChar *v;
	const char *const *a;
	char *fixed;

	for (c = n; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (a = parse_url_attrs; *a != NULL; a++) {
			v = xmlGetProp(c, (const xmlChar *)*a);
			if (v == NULL)
				continue;
			if (parse_is_relative((const char *)v, "")) {
				fixed = parse_xmlstr(v);
				if (base != NULL)
					fixed = parse_resolve_with(base, fixed);
				else
					fixed = parse_resolve_at(c, fixed);
				if (fixed != NULL)
					xmlSetProp(c, (const xmlChar *)*a,
					    (const xmlChar *)fixed);
				free(fixed);
			} else
				xmlFree(v);
		}
		parse_fix_urls(c->children, base);
	}
}

/*
 * Make the relative URLs inside an HTML fragment absolute.  Only when the
 * cheap scan finds one is the fragment parsed and re-serialized (so markup
 * is otherwise kept exactly as the feed carries it).  A fragment over
 * PARSE_RESOLVE_MAX is kept as it is: its tree would cost 30 times its
 * size (500 MB for 16 MB), and the reader resolves what is left against
 * the post's link.  Takes ownership.
 */
static char *
parse_html_resolve(char *html, const char *base)
{
	htmlDocPtr doc;
	xmlNode *root, *c, *b;
	xmlOutputBufferPtr out;
	char *wrapped, *res;
	int opts;

	if (html == NULL || base == NULL || strlen(html) > PARSE_RESOLVE_MAX ||
	    !parse_html_has_relative(html))
		return html;
	wrapped = xasprintf("<html><body>%s</body></html>", html);
	opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_NODEFDTD;
	doc =
	    htmlReadMemory(wrapped, (int)strlen(wrapped), NULL, "UTF-8", opts);
	free(wrapped);
	if (doc == NULL)
		return html;
	root = xmlDocGetRootElement(doc);
	if (root == NULL) {
		xmlFreeDoc(doc);
		return html;
	}
	parse_fix_urls(root->children, base);
	/* Everything the parser kept, minus the <head> it may have made
	 * up: text after a stray </body></html> lands beside the body. */
	out = xmlAllocOutputBuffer(NULL);
	for (c = root->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "head") == 0)
			continue;
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "body") == 0) {
			for (b = c->children; b != NULL; b = b->next)
				htmlNodeDumpFormatOutput(
				    out, doc, b, "UTF-8", 0);
		} else
			htmlNodeDumpFormatOutput(out, doc, c, "UTF-8", 0);
	}
	xmlOutputBufferFlush(out);
	res = xstrdup((const char *)xmlOutputBufferGetContent(out));
	xmlOutputBufferClose(out);
	xmlFreeDoc(doc);
	free(html);
	return parse_trim(res);
}

/* The base for HTML content at node n: xml:base in effect, else the URL. */
static char *
parse_html_resolve_at(const xmlNode *n, char *html)
{
	xmlChar *base;
	char *res;

	if (html == NULL || !parse_html_has_relative(html))
		return html;
	base = xmlNodeGetBase(n->doc, n);
	if (base == NULL)
		return html;
	res = parse_html_resolve(html, (const char *)base);
	xmlFree(base);
	return res;
}

/* Text with all markup removed and entities decoded (Atom html titles). */
static char *
parse_html_to_text(const char *html)
{
	return html_to_text(html, strlen(html));
}

/*
 * Decode HTML character references that survived XML decoding (titles are
 * often escaped twice: "&amp;#8217;").  Unknown names are left as written.
 */
static char *
parse_decode_entities(const char *s)
{
	struct buf b;
	const htmlEntityDesc *ent;
	const char *p, *semi;
	char name[33], utf8[4];
	unsigned long cp;
	size_t n;
	char *end;

	buf_init(&b, 0);
	for (p = s; *p != '\0'; p++) {
		semi = NULL;
		/* Only the next 33 bytes can hold a reference's end. */
		if (*p == '&')
			semi = memchr(p, ';', strnlen(p, 34));
		if (semi == NULL || semi - p > 32 || semi - p < 2) {
			buf_addc(&b, *p);
			continue;
		}
		n = (size_t)(semi - p - 1);
		memcpy(name, p + 1, n);
		name[n] = '\0';
		cp = 0;
		if (name[0] == '#') {
			errno = 0;
			if (name[1] == 'x' || name[1] == 'X')
				cp = strtoul(name + 2, &end, 16);
			else
				cp = strtoul(name + 1, &end, 10);
			if (errno != 0 || *end != '\0' || end == name + 1)
				cp = 0;
		} else if ((ent = htmlEntityLookup((const xmlChar *)name)) !=
		    NULL)
			cp = ent->value;
		else if (strcmp(name, "apos") == 0)
			cp = '\'';
		if (cp == 0 || cp > 0x10ffff) {
			buf_addc(&b, *p);
			continue;
		}
		buf_add(&b, utf8, util_utf8_encode((unsigned int)cp, utf8));
		p = semi;
	}
	return buf_detach(&b, NULL);
}

/* ---- bytes -> clean UTF-8 XML -------------------------------------- */

static int
parse_name_char(char c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (!first &&
		((c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'));
}

/* memmem(3) is not in C11 or POSIX 2008. */
static const char *
parse_find(const char *hay, size_t n, const char *needle)
{
	size_t k, i;

	k = strlen(needle);
	for (i = 0; k <= n && i <= n - k; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* Entities declared in an internal DTD subset with plain-text values. */
struct parse_entity {
	char name[64];
	char *value; /* escaped for XML text and attributes */
};

#define PARSE_MAX_ENTITIES 64
#define PARSE_MAX_ENTITY_VALUE 1024
/* All entity substitutions of one document together, at most. */
#define PARSE_ENTITY_BUDGET (1024 * 1024)

/*
 * Collect <!ENTITY name "value"> declarations once.  Only values that are
 * plain text (no markup, no references) are kept: they cannot nest, so
 * expanding them is linear and bounded by PARSE_ENTITY_BUDGET.  External
 * and parameter entities are ignored (never loaded).
 */
static size_t
parse_collect_entities(const char *s, size_t n, struct parse_entity *ents)
{
	const char *p, *end, *q, *nm;
	size_t count = 0, k;
	char quote;

	end = s + n;
	for (p = parse_find(s, n, "<!ENTITY");
	     p != NULL && count < PARSE_MAX_ENTITIES;
	     p = parse_find(p, (size_t)(end - p), "<!ENTITY")) {
		p += 8;
		while (p < end && strchr(" \t\r\n", *p) != NULL && *p != '\0')
			p++;
		if (p >= end || *p == '%')
			continue;
		nm = p;
		for (k = 0; p + k < end && parse_name_char(p[k], k == 0); k++)
			;
		if (k == 0 || k >= sizeof ents[0].name)
			continue;
		q = p + k;
		while (q < end && strchr(" \t\r\n", *q) != NULL && *q != '\0')
			q++;
		if (q >= end || (*q != '"' && *q != '\''))
			continue;
		quote = *q++;
		p = q;
		while (q < end && *q != quote)
			q++;
		if (q >= end || (size_t)(q - p) > PARSE_MAX_ENTITY_VALUE ||
		    memchr(p, '&', (size_t)(q - p)) != NULL ||
		    memchr(p, '<', (size_t)(q - p)) != NULL ||
		    memchr(p, '%', (size_t)(q - p)) != NULL)
			continue;
		memcpy(ents[count].name, nm, k);
		ents[count].name[k] = '\0';
		{
			struct buf v;
			const char *c;

			buf_init(&v, 0);
			for (c = p; c < q; c++) {
				if (*c == '"')
					buf_addstr(&v, "&quot;");
				else if (*c == '\'')
					buf_addstr(&v, "&apos;");
				else if (*c == '>')
					buf_addstr(&v, "&gt;");
				else
					buf_addc(&v, *c);
			}
			ents[count].value = buf_detach(&v, NULL);
		}
		count++;
		p = q;
	}
	return count;
}

/* Is a code point allowed by XML 1.0 as a character reference? */
static int
parse_xml_char_ok(unsigned long cp)
{
	return cp == 0x9 || cp == 0xa || cp == 0xd ||
	    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) ||
	    (cp >= 0x10000 && cp <= 0x10ffff);
}

/*
 * The byte length of the run of text from s[i] that needs no attention
 * from the repair pass.
 */
static size_t
parse_plain_run(const char *s, size_t n, size_t i)
{
	/* 1 for the bytes that end a run: '<', '&', 0xef (a byte order
	 * mark or a noncharacter may follow) and the control characters
	 * but tab, newline and carriage return. */
	static const unsigned char stop[256] = {
		[0x00] = 1,
		[0x01] = 1,
		[0x02] = 1,
		[0x03] = 1,
		[0x04] = 1,
		[0x05] = 1,
		[0x06] = 1,
		[0x07] = 1,
		[0x08] = 1,
		[0x0b] = 1,
		[0x0c] = 1,
		[0x0e] = 1,
		[0x0f] = 1,
		[0x10] = 1,
		[0x11] = 1,
		[0x12] = 1,
		[0x13] = 1,
		[0x14] = 1,
		[0x15] = 1,
		[0x16] = 1,
		[0x17] = 1,
		[0x18] = 1,
		[0x19] = 1,
		[0x1a] = 1,
		[0x1b] = 1,
		[0x1c] = 1,
		[0x1d] = 1,
		[0x1e] = 1,
		[0x1f] = 1,
		['<'] = 1,
		['&'] = 1,
		[0xef] = 1,
	};
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i;

	while (j < n && !stop[u[j]])
		j++;
	return j - i;
}

/*
 * Add s[0..n) to b with each '>' and ']' as a character reference: what
 * was CDATA may hold "]]>" once it is text (two sections spell it that
 * way, and a section ending in "]]" may be followed by '>').  Character
 * references, not "&gt;": libxml2 2.9 drops the predefined entities
 * once a document has had an error, character references never.
 */
static void
parse_add_gt_escaped(struct buf *b, const char *s, size_t n)
{
	size_t k, from = 0;

	for (k = 0; k < n; k++)
		if (s[k] == '>' || s[k] == ']') {
			buf_add(b, s + from, k - from);
			buf_addstr(b, s[k] == '>' ? "&#62;" : "&#93;");
			from = k + 1;
		}
	buf_add(b, s + from, n - from);
}

/*
 * Copy s[i..stop) dropping bytes XML forbids and escape sequences, at
 * most about PARSE_REPAIR_CHUNK bytes of it; returns where it got to
 * (pieces copied one after the other give what one copy of it all
 * would).  '<' and '&' are literal in comments and PIs; with escape (the
 * inside of a CDATA section) they, and '>', become references.
 */
static size_t
parse_copy_clean(
    struct buf *b, const char *s, size_t i, size_t stop, int escape)
{
	size_t run, end;
	char c;

	end = stop - i > PARSE_REPAIR_CHUNK ? i + PARSE_REPAIR_CHUNK : stop;
	while (i < end) {
		run = parse_plain_run(s, end, i);
		while (i + run < end &&
		    (((s[i + run] == '<' || s[i + run] == '&') && !escape) ||
			(unsigned char)s[i + run] == 0xef)) {
			run++;
			run += parse_plain_run(s, end, i + run);
		}
		if (escape)
			parse_add_gt_escaped(b, s + i, run);
		else
			buf_add(b, s + i, run);
		i += run;
		if (i >= end)
			break;
		c = s[i];
		if (c == 0x1b)
			i += util_escape_len(s + i, stop - i);
		else if (c == '<' || c == '&') {
			buf_addstr(b, c == '<' ? "&#60;" : "&#38;");
			i++;
		} else
			i++;
	}
	return i;
}

/*
 * After a reference to ESC ("&#27;"), skip the rest of the escape
 * sequence it starts: a CSI ("[31m") directly, an OSC ("]0;title")
 * through its BEL terminator, itself usually written "&#7;".
 */
static size_t
parse_skip_ref_escape(const char *s, size_t n, size_t i)
{
	static const char *const bel[] = { "&#7;", "&#07;", "&#x7;", "&#x07;",
		NULL };
	char esc[72];
	const char *hit, *best;
	size_t k, lim;

	if (i < n && s[i] == '[') {
		k = n - i < 64 ? n - i : 64;
		esc[0] = 0x1b;
		memcpy(esc + 1, s + i, k);
		return i + util_escape_len(esc, k + 1) - 1;
	}
	if (i < n && s[i] == ']') {
		lim = n - i < 256 ? n - i : 256;
		best = NULL;
		for (k = 0; bel[k] != NULL; k++) {
			hit = parse_find(s + i, lim, bel[k]);
			if (hit != NULL && (best == NULL || hit < best)) {
				best = hit;
				lim = (size_t)(hit - (s + i)) + strlen(bel[k]);
			}
		}
		if (best != NULL)
			return i + lim;
	}
	return i;
}

/*
 * The state of one repair pass (parse_repair_more): it runs as libxml2
 * reads, so that the repaired text never exists whole.
 */
struct parse_repair {
	struct buf b; /* repaired text, from off on not yet read */
	size_t off;
	const char *s; /* the UTF-8 input, n bytes, repaired up to i */
	size_t n, i;
	size_t clean_to; /* i < clean_to: in CDATA, a comment or a PI */
	int cdata;	 /* clean_to ends CDATA; then skip cdata_end bytes */
	size_t cdata_end;
	struct parse_entity ents[PARSE_MAX_ENTITIES];
	size_t nents;
	size_t budget; /* entity expansion left */
	int seen_root;
	int seen_doctype;
};

/*
 * The DOCTYPE at s[i] ("<!DOCTYPE name ... [subset]>"): collect the
 * entities of its internal subset and leave it out.  Returns where the
 * text goes on.
 */
static size_t
parse_repair_doctype(struct parse_repair *rp, const char *s, size_t n, size_t i)
{
	const char *end, *lb, *gt;
	size_t k;

	rp->seen_doctype = 1;
	gt = parse_find(s + i, n - i, ">");
	lb = parse_find(s + i, gt != NULL ? (size_t)(gt - s) - i : n - i, "[");
	if (lb != NULL) {
		end = parse_find(lb, n - (size_t)(lb - s), "]");
		k = end != NULL ? (size_t)(end - lb) : n - (size_t)(lb - s);
		rp->nents = parse_collect_entities(lb, k, rp->ents);
		gt = end != NULL ? parse_find(end, n - (size_t)(end - s), ">")
				 : NULL;
	}
	return gt != NULL ? (size_t)(gt - s) + 1 : n;
}

/*
 * The '<' at s[i]: CDATA sections, comments and processing instructions
 * are copied whole (cleaned of forbidden bytes: rp->clean_to is set to
 * their end and i returned); a DOCTYPE before the root is read and
 * dropped, any other declaration becomes text.  Returns where the text
 * goes on.
 */
static size_t
parse_repair_lt(struct parse_repair *rp, const char *s, size_t n, size_t i)
{
	const char *term = NULL, *end;

	if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0)
		term = "]]>";
	else if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
		term = "-->";
	else if (n - i >= 2 && s[i + 1] == '?')
		term = "?>";
	if (term != NULL && term[0] == ']' &&
	    (n - i < 12 || memcmp(s + i + 9, "]]>", 3) != 0)) {
		/* CDATA becomes text: libxml2 holds a section whole, more
		 * than once over, before it hands it on; text it passes on
		 * in pieces.  An empty one goes as it is (libxml2 makes an
		 * empty text node of it, which a serialization shows). */
		end = parse_find(s + i + 9, n - i - 9, term);
		rp->clean_to = end != NULL ? (size_t)(end - s) : n;
		rp->cdata = 1;
		rp->cdata_end = end != NULL ? 3 : 0;
		return i + 9;
	}
	if (term != NULL) {
		end = parse_find(s + i, n - i, term);
		rp->clean_to =
		    end != NULL ? (size_t)(end - s) + strlen(term) : n;
		return i;
	}
	if (n - i >= 2 && s[i + 1] == '!') {
		if (!rp->seen_root && !rp->seen_doctype)
			return parse_repair_doctype(rp, s, n, i);
		/* Any other declaration is junk here. */
		buf_addstr(&rp->b, "&lt;");
		return i + 1;
	}
	if (i + 1 < n && parse_name_char(s[i + 1], 1))
		rp->seen_root = 1;
	buf_addc(&rp->b, s[i]);
	return i + 1;
}

/*
 * The character reference at s[i] ("&#...;"): kept when XML allows its
 * character, dropped (with an escape sequence it starts) when it refers
 * to a control, else its '&' is escaped.  Returns where the text goes
 * on.
 */
static size_t
parse_repair_charref(struct parse_repair *rp, const char *s, size_t n, size_t i)
{
	unsigned long cp;
	char digits[16], *numend;
	size_t j, k;

	k = i + 2;
	if (k < n && (s[k] == 'x' || s[k] == 'X'))
		k++;
	j = k;
	while (j < n && j - k < 8 && isxdigit((unsigned char)s[j]))
		j++;
	if (j > k && j < n && s[j] == ';') {
		memcpy(digits, s + k, j - k);
		digits[j - k] = '\0';
		cp = strtoul(digits, &numend, s[k - 1] == '#' ? 10 : 16);
		if (*numend == '\0' && parse_xml_char_ok(cp)) {
			buf_add(&rp->b, s + i, j - i + 1);
			return j + 1;
		}
		if (*numend == '\0') {
			/* A reference to a control: drop it, and an escape
			 * sequence it starts with it. */
			if (cp == 0x1b)
				return parse_skip_ref_escape(s, n, j + 1);
			return j + 1;
		}
	}
	buf_addstr(&rp->b, "&amp;");
	return i + 1;
}

/*
 * The '&' at s[i]: a character reference (above); an entity the
 * internal subset declared, expanded within the budget; one of XML's
 * five, kept; another HTML entity, as a character reference; anything
 * else, with its '&' escaped.  Returns where the text goes on.
 */
static size_t
parse_repair_amp(struct parse_repair *rp, const char *s, size_t n, size_t i)
{
	const htmlEntityDesc *ent;
	char name[64];
	size_t j = i + 1, k;

	if (j < n && s[j] == '#')
		return parse_repair_charref(rp, s, n, i);
	while (j < n && j - i < sizeof name - 1 &&
	    parse_name_char(s[j], j == i + 1))
		j++;
	if (j == i + 1 || j >= n || s[j] != ';') {
		buf_addstr(&rp->b, "&amp;");
		return i + 1;
	}
	memcpy(name, s + i + 1, j - i - 1);
	name[j - i - 1] = '\0';
	for (k = 0; k < rp->nents; k++)
		if (strcmp(rp->ents[k].name, name) == 0)
			break;
	if (k < rp->nents && strlen(rp->ents[k].value) <= rp->budget) {
		/* Declared in the internal subset, within budget. */
		rp->budget -= strlen(rp->ents[k].value);
		buf_addstr(&rp->b, rp->ents[k].value);
	} else if (k < rp->nents)
		buf_printf(&rp->b, "&amp;%s;", name);
	else if (strcmp(name, "lt") == 0 || strcmp(name, "gt") == 0 ||
	    strcmp(name, "amp") == 0 || strcmp(name, "quot") == 0 ||
	    strcmp(name, "apos") == 0)
		buf_add(&rp->b, s + i, j - i + 1);
	else if ((ent = htmlEntityLookup((const xmlChar *)name)) != NULL)
		buf_printf(&rp->b, "&#%u;", ent->value);
	else
		buf_printf(&rp->b, "&amp;%s;", name);
	return j + 1;
}

/*
 * Repair what libxml2 would otherwise stop on or lose, in one linear pass
 * over UTF-8 text, about PARSE_REPAIR_CHUNK bytes at a time (returns 0 at
 * the end of the input):
 * - bytes XML 1.0 forbids (C0 controls, whole escape sequences, U+FFFE/F)
 *   and character references to them are dropped everywhere;
 * - the DOCTYPE is removed: plain-text entities it declares are expanded
 *   here (bounded), nothing else from it is ever used;
 * - outside CDATA, comments and processing instructions, a bare "&"
 *   becomes "&amp;", HTML named entities the feed never declared become
 *   numeric references, and unknown names are kept as literal text.
 */
static int
parse_repair_more(struct parse_repair *rp)
{
	const char *s = rp->s;
	size_t n = rp->n, i = rp->i, end, run;
	unsigned char c;

	if (i >= n)
		return 0;
	if (i < rp->clean_to) {
		rp->i = parse_copy_clean(&rp->b, s, i, rp->clean_to, rp->cdata);
		return 1;
	}
	if (rp->cdata) {
		/* The end of a CDATA section: "]]>" goes. */
		rp->cdata = 0;
		rp->i = i + rp->cdata_end;
		return 1;
	}
	end = n - i > PARSE_REPAIR_CHUNK ? i + PARSE_REPAIR_CHUNK : n;
	while (i < end && i >= rp->clean_to && !rp->cdata) {
		run = parse_plain_run(s, end, i);
		buf_add(&rp->b, s + i, run);
		i += run;
		if (i >= end)
			break;
		c = (unsigned char)s[i];
		if (c == 0x1b)
			i += util_escape_len(s + i, n - i);
		else if (c < 0x20)
			i++;
		else if (c == 0xef) {
			/* U+FFFE and U+FFFF are not XML characters. */
			if (i + 2 < n && (unsigned char)s[i + 1] == 0xbf &&
			    ((unsigned char)s[i + 2] == 0xbe ||
				(unsigned char)s[i + 2] == 0xbf))
				i += 3;
			else
				buf_addc(&rp->b, s[i++]);
		} else if (c == '<')
			i = parse_repair_lt(rp, s, n, i);
		else /* c == '&' */
			i = parse_repair_amp(rp, s, n, i);
	}
	rp->i = i;
	return 1;
}

/* libxml2's read callback: the next repaired bytes, 0 at the end. */
static int
parse_repair_read(void *ctx, char *out, int len)
{
	struct parse_repair *rp = ctx;
	size_t avail;

	if (len <= 0)
		return 0;
	while (rp->b.len - rp->off < (size_t)len && parse_repair_more(rp))
		;
	avail = rp->b.len - rp->off;
	if (avail > (size_t)len)
		avail = (size_t)len;
	if (avail == 0)
		return 0;
	memcpy(out, rp->b.data + rp->off, avail);
	rp->off += avail;
	/* Drop what was read once it is the larger part: each byte is
	 * moved at most once on average. */
	if (rp->off >= rp->b.len - rp->off) {
		memmove(rp->b.data, rp->b.data + rp->off, rp->b.len - rp->off);
		rp->b.len -= rp->off;
		rp->off = 0;
	}
	return (int)avail;
}

static int
parse_repair_close(void *ctx)
{
	(void)ctx; /* the caller frees the state */
	return 0;
}

static void
parse_repair_init(struct parse_repair *rp, const char *s, size_t n)
{
	memset(rp, 0, sizeof *rp);
	buf_init(&rp->b, 0);
	rp->s = s;
	rp->n = n;
	rp->budget = PARSE_ENTITY_BUDGET;
}

static void
parse_repair_free(struct parse_repair *rp)
{
	size_t k;

	for (k = 0; k < rp->nents; k++)
		free(rp->ents[k].value);
	buf_free(&rp->b);
}

/* ---- building entries --------------------------------------------- */

/* Titles escaped twice (RSS, and newsboat's cache): decode the entities
 * that survived the first decoding, once. */
static void
parse_title_entities(struct parse_item *it)
{
	char *t;

	if (it->raw_title == NULL || strchr(it->raw_title, '&') == NULL)
		return;
	t = parse_decode_entities(it->raw_title);
	free(it->raw_title);
	it->raw_title = t;
}

static void
parse_entry_free(struct parsed_entry *e)
{
	size_t j;

	free(e->id);
	free(e->title);
	free(e->link);
	free(e->orig_link);
	free(e->author);
	free(e->summary);
	free(e->content);
	free(e->source);
	for (j = 0; j < e->nenclosures; j++) {
		free(e->enclosures[j].url);
		free(e->enclosures[j].type);
	}
	free(e->enclosures);
}

/* Free an item that never became an entry. */
static void
parse_item_free(struct parse_item *it)
{
	parse_entry_free(&it->e);
	free(it->raw_title);
	free(it->guid);
	free(it->about);
	free(it->pubdate);
	free(it->dcdate);
	free(it->issued);
	free(it->modified);
	free(it->atom_published);
	free(it->atom_updated);
	buf_free(&it->authors);
	free(it);
}

static struct parse_item *
parse_item_new(void)
{
	struct parse_item *it;

	it = xcalloc(1, sizeof *it);
	it->e.published = it->e.updated = PARSE_NO_DATE;
	it->guid_permalink = 1;
	buf_init(&it->authors, 0);
	return it;
}

static void
parse_add_author(struct parse_item *it, char *name)
{
	name = parse_trim(name);
	if (name == NULL)
		return;
	if (it->authors.len > 0)
		buf_addstr(&it->authors, ", ");
	buf_addstr(&it->authors, name);
	free(name);
}

static void
parse_add_enclosure(struct parsed_entry *e, char *url, char *type, char *length)
{
	struct parsed_enclosure *enc;
	long long len;
	size_t i;

	if (url == NULL || e->nenclosures >= PARSE_MAX_ENCLOSURES) {
		free(url);
		free(type);
		free(length);
		return;
	}
	type = parse_clean(type);
	for (i = 0; i < e->nenclosures; i++) {
		if (strcmp(e->enclosures[i].url, url) == 0) {
			free(url);
			free(type);
			free(length);
			return;
		}
	}
	e->enclosures = xreallocarray(
	    e->enclosures, e->nenclosures + 1, sizeof *e->enclosures);
	enc = &e->enclosures[e->nenclosures++];
	enc->url = url;
	enc->type = type;
	if (length == NULL || length[0] == '-' ||
	    util_parse_ll(length, &len) != 0)
		len = -1;
	enc->length = len;
	enc->duration = -1;
	free(length);
}

/*
 * An itunes:duration: seconds, or [[H:]M:]S (hours may pass 24, minutes
 * and seconds under 60); -1 for anything else.
 */
static long
parse_duration(const char *s)
{
	long part = 0, total = 0;
	int nparts = 0, digits = 0;

	if (s == NULL)
		return -1;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	for (;; s++) {
		if (*s >= '0' && *s <= '9') {
			if (part > 10000000)
				return -1;
			part = part * 10 + (*s - '0');
			digits++;
			continue;
		}
		if (digits == 0 || (nparts > 0 && part >= 60))
			return -1;
		total = total * 60 + part;
		nparts++;
		part = digits = 0;
		if (*s == ':' && nparts < 3)
			continue;
		if (*s == '.') /* fractions of a second */
			while (s[1] >= '0' && s[1] <= '9')
				s++;
		else if (*s != '\0' && *s != ' ' && *s != '\n' && *s != '\r' &&
		    *s != '\t')
			return -1;
		break;
	}
	return total;
}

/* The item's duration goes to its enclosures that have none. */
static void
parse_set_duration(struct parsed_entry *e, long d)
{
	size_t i;

	for (i = 0; d >= 0 && i < e->nenclosures; i++)
		if (e->enclosures[i].duration < 0)
			e->enclosures[i].duration = d;
}

static void
parse_media(struct parsed_entry *e, const xmlNode *n)
{
	const xmlNode *c;

	if (parse_is(n, PNS_MEDIA, "content")) {
		parse_add_enclosure(e,
		    parse_resolve_at(n, parse_attr(n, "url")),
		    parse_attr(n, "type"), parse_attr(n, "fileSize"));
	} else if (parse_is(n, PNS_MEDIA, "group")) {
		for (c = n->children; c != NULL; c = c->next)
			if (parse_is(c, PNS_MEDIA, "content"))
				parse_media(e, c);
	}
}

/*
 * Take XHTML elements out of their namespace so the serialized markup is
 * plain HTML ("<p>", not "<xhtml:p>" or a repeated xmlns declaration).
 */
static void
parse_strip_xhtml_ns(xmlNode *n)
{
	xmlNs *ns, **pp;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns != NULL && n->ns->href != NULL &&
		    strcmp((const char *)n->ns->href, NS_XHTML) == 0)
			n->ns = NULL;
		pp = &n->nsDef;
		while (*pp != NULL) {
			ns = *pp;
			if (ns->href != NULL &&
			    strcmp((const char *)ns->href, NS_XHTML) == 0) {
				/* Unlinked, not freed: other nodes may
				 * still point at it until the doc goes. */
				*pp = ns->next;
				ns->next = n->doc->oldNs;
				n->doc->oldNs = ns;
			} else
				pp = &ns->next;
		}
		parse_strip_xhtml_ns(n->children);
	}
}

/* Make n's URLs absolute and drop its XHTML namespace, n alone (its
 * subtree, not the siblings after it). */
static void
parse_fix_one(xmlNode *n)
{
	xmlNode *next = n->next;

	n->next = NULL;
	parse_fix_urls(n, NULL);
	parse_strip_xhtml_ns(n);
	n->next = next;
}

/* Append n serialized to b; a hold (the div of an Atom construct) with
 * its tags around what it holds. */
static void
parse_dump(struct buf *b, xmlNode *n)
{
	struct parse_hold *h = n->type == XML_ELEMENT_NODE ? n->_private : NULL;
	xmlBufferPtr xb;
	xmlNode *kids, *last, *c;
	const char *t;
	size_t len;

	parse_fix_one(n);
	xb = xmlBufferCreate();
	if (h == NULL) {
		xmlNodeDump(xb, n->doc, n, 0, 0);
		buf_addstr(b, (const char *)xmlBufferContent(xb));
		xmlBufferFree(xb);
		return;
	}
	/* Alone, the element is written "<name attributes/>". */
	kids = n->children;
	last = n->last;
	n->children = n->last = NULL;
	xmlNodeDump(xb, n->doc, n, 0, 0);
	n->children = kids;
	n->last = last;
	t = (const char *)xmlBufferContent(xb);
	len = strlen(t);
	if (h->b.len == 0 && kids == NULL)
		buf_add(b, t, len);
	else if (len >= 3 && strcmp(t + len - 2, "/>") == 0) {
		buf_add(b, t, len - 2);
		buf_addc(b, '>');
		buf_add(b, h->b.data, h->b.len);
		for (c = n->children; c != NULL; c = c->next)
			parse_dump(b, c);
		buf_printf(
		    b, "</%.*s>", (int)strcspn(t + 1, " \t\r\n/>"), t + 1);
	}
	buf_free(&h->b);
	buf_init(&h->b, 0);
	xmlBufferFree(xb);
}

/* Serialize the children of n as markup (Atom xhtml, RSS xhtml:body),
 * after what its hold has of them. */
static char *
parse_serialize_children(xmlNode *n)
{
	struct parse_hold *h = n->_private;
	struct buf b;
	xmlNode *c;

	if (h != NULL) {
		b = h->b;
		buf_init(&h->b, 0);
	} else
		buf_init(&b, 0);
	for (c = n->children; c != NULL; c = c->next)
		parse_dump(&b, c);
	return parse_trim(buf_detach(&b, NULL));
}

/* Is n an element of Atom's namespace, or of none in an Atom feed? */
static int
parse_atomish(const xmlNode *n)
{
	return parse_node_ns(n) == PNS_ATOM ||
	    (parse_node_ns(n) == PNS_CORE && n->ns == NULL);
}

/* Is n, just started, a post's body that is serialized when it holds
 * markup (see struct parse_hold)? */
static int
parse_holds_body(const struct parse_ctx *pc, const xmlNode *n)
{
	const xmlNode *p = n->parent;
	const char *name = (const char *)n->name;
	char *type, *mode;
	int hold;

	if (pc->kind == PARSE_KIND_RSS)
		return parse_is(p, PNS_CORE, "item") &&
		    (parse_is(n, PNS_CORE, "description") ||
			parse_is(n, PNS_CONTENT, "encoded") ||
			parse_is(n, PNS_XHTML, "body"));
	if (pc->kind != PARSE_KIND_ATOM ||
	    strcmp((const char *)p->name, "entry") != 0 || !parse_atomish(p) ||
	    (strcmp(name, "content") != 0 && strcmp(name, "summary") != 0) ||
	    !parse_atomish(n) || xmlHasProp(n, (const xmlChar *)"src") != NULL)
		return 0;
	/* As parse_text_construct reads it: markup when it has elements. */
	type = parse_attr(n, "type");
	mode = parse_attr(n, "mode");
	hold = (mode == NULL || !util_strcaseeq(mode, "base64")) &&
	    type != NULL &&
	    (util_strcaseeq(type, "xhtml") ||
		util_strcaseeq(type, "application/xhtml+xml") ||
		util_strcaseeq(type, "html") ||
		util_strcaseeq(type, "text/html"));
	free(type);
	free(mode);
	return hold;
}

static struct parse_hold *
parse_hold_new(struct parse_ctx *pc, xmlNode *n)
{
	struct parse_hold *h;

	if (pc->nholds == pc->aholds) {
		pc->aholds = pc->aholds == 0 ? 16 : pc->aholds * 2;
		pc->holds =
		    xreallocarray(pc->holds, pc->aholds, sizeof *pc->holds);
	}
	h = xcalloc(1, sizeof *h);
	buf_init(&h->b, 0);
	n->_private = h;
	pc->holds[pc->nholds++] = h;
	return h;
}

/* The element n has started: is it a hold? */
static void
parse_hold_start(struct parse_ctx *pc, xmlNode *n)
{
	xmlNode *p = n->parent, *a;
	struct parse_hold *h;

	if (p == NULL || p->type != XML_ELEMENT_NODE)
		return;
	h = p->_private;
	if (h != NULL) {
		/* The first element of an Atom construct, an xhtml div. */
		if (!h->atom || h->elements ||
		    strcmp((const char *)n->name, "div") != 0 ||
		    parse_node_ns(n) != PNS_XHTML)
			return;
		for (a = p->children; a != NULL; a = a->next)
			if (a != n && a->type == XML_ELEMENT_NODE)
				return;
		parse_hold_new(pc, n)->div = 1;
		return;
	}
	/* Never one inside another: its parent would be written whole. */
	for (a = p; a != NULL && a->type == XML_ELEMENT_NODE; a = a->parent)
		if (a->_private != NULL)
			return;
	if (parse_holds_body(pc, n))
		parse_hold_new(pc, n)->atom = pc->kind == PARSE_KIND_ATOM;
}

/* c, a child of the hold h's element p, has ended: serialize p's
 * children up to it, and free them. */
static void
parse_hold_take(struct parse_hold *h, xmlNode *p, xmlNode *c)
{
	xmlNode *k, *next;
	int done;

	for (k = p->children; k != NULL; k = next) {
		next = k->next;
		done = k == c;
		if (k->type == XML_ELEMENT_NODE)
			h->elements = 1;
		parse_dump(&h->b, k);
		xmlUnlinkNode(k);
		xmlFreeNode(k);
		if (done)
			break;
	}
}

/*
 * Decode Atom 0.3 mode="base64" content (RFC 4648 alphabet, whitespace
 * ignored).  Takes ownership; NULL when the text is not base64 or does not
 * decode to UTF-8 text.
 */
static char *
parse_base64(char *in)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p, *hit;
	char *out;
	size_t n = 0;
	unsigned int acc = 0;
	int bits = 0, nonascii;

	if (in == NULL)
		return NULL;
	out = xmalloc(strlen(in) + 1);
	for (p = in; *p != '\0' && *p != '='; p++) {
		if (strchr(" \t\r\n", *p) != NULL)
			continue;
		hit = strchr(alphabet, *p);
		if (hit == NULL) {
			free(in);
			free(out);
			return NULL;
		}
		acc = (acc << 6) | (unsigned int)(hit - alphabet);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (char)((acc >> bits) & 0xff);
		}
	}
	out[n] = '\0';
	free(in);
	if (strlen(out) != n || !util_valid_utf8(out, n, &nonascii)) {
		free(out);
		return NULL;
	}
	return out;
}

static int
parse_has_elements(const xmlNode *n)
{
	const struct parse_hold *h = n->_private;
	const xmlNode *c;

	if (h != NULL && h->elements)
		return 1;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

/*
 * An element that carries HTML: escaped or in CDATA as it should be, or,
 * in sloppy feeds, as raw markup in the element itself, which is then
 * serialized rather than flattened to its text.
 */
static char *
parse_html_field(xmlNode *n)
{
	if (parse_has_elements(n))
		return parse_serialize_children(n);
	return parse_html_resolve_at(n, parse_trim(parse_text_take(n)));
}

/*
 * An Atom text construct (or Atom 0.3 content with mode=).  Sets *html to
 * whether the result is markup.  type="xhtml": the children of the
 * wrapping div; "html": the decoded string; anything textual: the text.
 */
static char *
parse_text_construct(xmlNode *n, int *html, int title)
{
	char *type, *mode, *s;
	xmlNode *c, *div;
	int xhtml = 0;

	type = parse_attr(n, "type");
	mode = parse_attr(n, "mode");
	*html = 0;
	if (xmlHasProp(n, (const xmlChar *)"src") != NULL) {
		free(type);
		free(mode);
		return NULL;
	}
	if (type != NULL &&
	    (util_strcaseeq(type, "xhtml") ||
		util_strcaseeq(type, "application/xhtml+xml")))
		xhtml = 1;
	else if (type != NULL &&
	    (util_strcaseeq(type, "html") || util_strcaseeq(type, "text/html")))
		*html = 1;
	/* Atom 0.3: mode="xml" (the default) holds inline markup. */
	if (mode != NULL && util_strcaseeq(mode, "escaped") && !xhtml &&
	    (type == NULL || !util_strcaseeq(type, "text/plain")))
		*html = 1;
	if (parse_node_ns(n) == PNS_ATOM && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, NS_ATOM03) == 0 &&
	    (mode == NULL || util_strcaseeq(mode, "xml")) && !*html &&
	    parse_has_elements(n))
		xhtml = 1;
	/* type="html" with raw (unescaped) markup: keep the markup. */
	if (*html && parse_has_elements(n))
		xhtml = 1;
	if (mode != NULL && util_strcaseeq(mode, "base64")) {
		*html = type != NULL &&
		    (util_strcaseeq(type, "text/html") ||
			util_strcaseeq(type, "html"));
		free(type);
		free(mode);
		return parse_trim(parse_base64(parse_text(n)));
	}
	free(type);
	free(mode);
	if (!xhtml && !*html)
		return parse_trim_text(
		    title ? parse_text(n) : parse_text_take(n));
	if (!xhtml)
		return parse_trim(
		    title ? parse_title_text(n) : parse_text_take(n));
	*html = 1;
	div = NULL;
	/* Elements its hold has serialized: the div was not alone. */
	for (c = n->_private != NULL &&
		     ((struct parse_hold *)n->_private)->elements
		 ? NULL
		 : n->children;
	     c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (div == NULL && strcmp((const char *)c->name, "div") == 0 &&
		    parse_node_ns(c) == PNS_XHTML)
			div = c;
		else {
			div = NULL;
			break;
		}
	}
	s = parse_serialize_children(div != NULL ? div : n);
	return s;
}

/* A plain-text title from a text construct. */
static char *
parse_title_construct(xmlNode *n, int *html)
{
	char *type, *s;

	type = parse_attr(n, "type");
	if (type != NULL &&
	    (util_strcaseeq(type, "xhtml") ||
		util_strcaseeq(type, "application/xhtml+xml"))) {
		free(type);
		*html = 0;
		return parse_title_text(n);
	}
	free(type);
	s = parse_text_construct(n, html, 1);
	return s;
}

/* "Name (email)" from two owned, possibly empty parts. */
static char *
parse_name_email(char *name, char *email)
{
	char *s;

	name = parse_trim(name);
	email = parse_trim(email);
	if (name != NULL && email != NULL) {
		s = xasprintf("%s (%s)", name, email);
		free(name);
		free(email);
		return s;
	}
	return name != NULL ? name : email;
}

/* Atom person: "Name (email)", "Name" or "email". */
static char *
parse_person(const xmlNode *n)
{
	const xmlNode *c;
	char *name = NULL, *email = NULL;

	for (c = n->children; c != NULL; c = c->next) {
		if (parse_is(c, PNS_ATOM, "name") ||
		    parse_is(c, PNS_CORE, "name"))
			parse_set(&name, parse_text(c));
		else if (parse_is(c, PNS_ATOM, "email") ||
		    parse_is(c, PNS_CORE, "email"))
			parse_set(&email, parse_text(c));
	}
	name = parse_trim(name);
	email = parse_trim(email);
	if (name == NULL && email == NULL)
		return parse_trim(parse_text(n));
	return parse_name_email(name, email);
}

/* RSS <author>: "email (Name)" and "Name <email>" -> "Name (email)". */
static char *
parse_rss_author(char *s)
{
	char *open, *close, *at, *out;

	s = parse_trim(s);
	if (s == NULL)
		return NULL;
	open = strchr(s, '(');
	close = strrchr(s, ')');
	at = strchr(s, '@');
	out = NULL;
	if (open != NULL && close != NULL && close > open && at != NULL &&
	    at < open && close[1] == '\0')
		out = parse_name_email(
		    xstrndup(open + 1, (size_t)(close - open - 1)),
		    xstrndup(s, (size_t)(open - s)));
	open = strchr(s, '<');
	close = strrchr(s, '>');
	if (out == NULL && open != NULL && close != NULL && close > open &&
	    close[1] == '\0' && open > s &&
	    memchr(open, '@', (size_t)(close - open)) != NULL)
		out = parse_name_email(xstrndup(s, (size_t)(open - s)),
		    xstrndup(open + 1, (size_t)(close - open - 1)));
	if (out == NULL)
		return s;
	free(s);
	return out;
}

static int
parse_link_is_alternate(const xmlNode *n)
{
	char *rel;
	int yes;

	rel = parse_attr(n, "rel");
	yes = rel == NULL || util_strcaseeq(rel, "alternate") ||
	    util_strcaseeq(rel,
		"http://www.iana.org/assignments/relation/"
		"alternate");
	free(rel);
	return yes;
}

static int
parse_link_is(const xmlNode *n, const char *want)
{
	char *rel;
	int yes;

	rel = parse_attr(n, "rel");
	yes = rel != NULL && util_strcaseeq(rel, want);
	free(rel);
	return yes;
}

/* Atom <link>: choose the first alternate, preferring an HTML one. */
static void
parse_atom_link(const xmlNode *n, char **link, int *link_html)
{
	char *type, *href;
	int html;

	if (!parse_link_is_alternate(n))
		return;
	href = parse_resolve_at(n, parse_attr(n, "href"));
	if (href == NULL)
		return;
	type = parse_attr(n, "type");
	html = type == NULL || util_strcaseeq(type, "text/html") ||
	    util_strcaseeq(type, "application/xhtml+xml");
	free(type);
	if (*link == NULL || (html && !*link_html)) {
		free(*link);
		*link = href;
		*link_html = html;
	} else
		free(href);
}

static void
parse_date_into(int64_t *dst, const char *s)
{
	int64_t t;

	if (*dst == PARSE_NO_DATE && s != NULL && date_parse(s, &t) == 0)
		*dst = t;
}

/*
 * FeedBurner's feedburner:origLink: the post's own address behind the
 * redirecting link FeedBurner puts in <link>, kept for the
 * de-duplication key (the link itself is left as the feed gave it).
 */
static void
parse_origlink(struct parsed_entry *e, xmlNode *c)
{
	if (c->ns == NULL || c->ns->href == NULL ||
	    strcmp((const char *)c->ns->href, NS_FEEDBURNER) != 0 ||
	    strcmp((const char *)c->name, "origLink") != 0)
		return;
	parse_set(
	    &e->orig_link, parse_trim(parse_resolve_at(c, parse_text(c))));
}

/* ---- RSS ----------------------------------------------------------- */

static void
parse_rss_item(struct parse_item *it, xmlNode *item)
{
	struct parsed_entry *e = &it->e;
	xmlNode *c;
	char *rel;
	long duration = -1;

	it->about = parse_trim(parse_xmlstr(xmlGetNsProp(
	    item, (const xmlChar *)"about", (const xmlChar *)NS_RDF)));
	for (c = item->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		switch (parse_node_ns(c)) {
		case PNS_CORE:
			if (strcmp((const char *)c->name, "title") == 0)
				parse_set(&it->raw_title, parse_title_text(c));
			else if (strcmp((const char *)c->name, "link") == 0)
				parse_set(&e->link,
				    parse_resolve_at(c, parse_text(c)));
			else if (strcmp((const char *)c->name, "description") ==
			    0) {
				parse_set(&e->summary, parse_html_field(c));
				e->summary_html = 1;
			} else if (strcmp((const char *)c->name, "guid") == 0) {
				if (it->guid == NULL) {
					rel = parse_attr(c, "isPermaLink");
					it->guid_permalink = rel == NULL ||
					    !util_strcaseeq(rel, "false");
					free(rel);
				}
				parse_set(&it->guid, parse_trim(parse_text(c)));
			} else if (strcmp((const char *)c->name, "pubDate") ==
			    0)
				parse_set(&it->pubdate, parse_text(c));
			else if (strcmp((const char *)c->name, "author") == 0) {
				if (!it->have_rss_author) {
					parse_add_author(it,
					    parse_rss_author(parse_text(c)));
					it->have_rss_author =
					    it->authors.len > 0;
				}
			} else if (strcmp((const char *)c->name, "source") == 0)
				parse_set(&e->source, parse_text(c));
			else if (strcmp((const char *)c->name, "enclosure") ==
			    0)
				parse_add_enclosure(e,
				    parse_resolve_at(c, parse_attr(c, "url")),
				    parse_attr(c, "type"),
				    parse_attr(c, "length"));
			break;
		case PNS_CONTENT:
			if (strcmp((const char *)c->name, "encoded") == 0) {
				parse_set(&e->content, parse_html_field(c));
				e->content_html = 1;
			}
			break;
		case PNS_DC:
			if (strcmp((const char *)c->name, "creator") == 0 &&
			    !it->have_rss_author)
				parse_add_author(it, parse_text(c));
			else if (strcmp((const char *)c->name, "date") == 0)
				parse_set(&it->dcdate, parse_text(c));
			else if (strcmp((const char *)c->name, "title") == 0)
				parse_set(&it->raw_title, parse_title_text(c));
			break;
		case PNS_DCTERMS:
			if (strcmp((const char *)c->name, "issued") == 0 ||
			    strcmp((const char *)c->name, "created") == 0)
				parse_set(&it->issued, parse_text(c));
			else if (strcmp((const char *)c->name, "modified") == 0)
				parse_set(&it->modified, parse_text(c));
			break;
		case PNS_ATOM:
			if (strcmp((const char *)c->name, "link") == 0) {
				if (parse_link_is(c, "enclosure"))
					parse_add_enclosure(e,
					    parse_resolve_at(
						c, parse_attr(c, "href")),
					    parse_attr(c, "type"),
					    parse_attr(c, "length"));
				else if (parse_link_is_alternate(c))
					parse_set(&e->link,
					    parse_resolve_at(
						c, parse_attr(c, "href")));
			} else if (strcmp((const char *)c->name, "updated") ==
			    0)
				parse_set(&it->atom_updated, parse_text(c));
			else if (strcmp((const char *)c->name, "published") ==
			    0)
				parse_set(&it->atom_published, parse_text(c));
			break;
		case PNS_MEDIA:
			parse_media(e, c);
			break;
		case PNS_XHTML:
			if (strcmp((const char *)c->name, "body") == 0) {
				parse_set(
				    &e->content, parse_serialize_children(c));
				e->content_html = 1;
			}
			break;
		default:
			parse_origlink(e, c);
			if (c->ns != NULL && c->ns->href != NULL &&
			    strcmp((const char *)c->ns->href, NS_ITUNES) == 0 &&
			    strcmp((const char *)c->name, "duration") == 0) {
				rel = parse_text(c);
				duration = parse_duration(rel);
				free(rel);
			}
			break;
		}
	}
	parse_set_duration(e, duration);
	e->link = parse_trim(e->link);
	if (e->link == NULL && it->guid != NULL && it->guid_permalink &&
	    (util_strncaseeq(it->guid, "http://", 7) ||
		util_strncaseeq(it->guid, "https://", 8)))
		e->link = parse_escape_url(xstrdup(it->guid));
	parse_title_entities(it);
	parse_date_into(&e->published, it->pubdate);
	parse_date_into(&e->published, it->dcdate);
	parse_date_into(&e->published, it->issued);
	parse_date_into(&e->published, it->atom_published);
	parse_date_into(&e->updated, it->modified);
	parse_date_into(&e->updated, it->atom_updated);
}

/* ---- Atom ---------------------------------------------------------- */

static void
parse_atom_entry(struct parse_item *it, xmlNode *entry, const char *inherit)
{
	struct parsed_entry *e = &it->e;
	xmlNode *c, *s;
	char *source_author = NULL;
	int link_html = 0, html;
	const char *name;

	for (c = entry->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)c->name;
		if (parse_node_ns(c) == PNS_MEDIA) {
			parse_media(e, c);
			continue;
		}
		if (parse_node_ns(c) == PNS_DC) {
			if (strcmp(name, "creator") == 0 &&
			    !it->have_rss_author)
				parse_add_author(it, parse_text(c));
			continue;
		}
		if (parse_node_ns(c) == PNS_OTHER) {
			parse_origlink(e, c);
			continue;
		}
		/* Namespace-less Atom is sloppy but real. */
		if (parse_node_ns(c) != PNS_ATOM &&
		    !(parse_node_ns(c) == PNS_CORE && c->ns == NULL))
			continue;
		if (strcmp(name, "id") == 0)
			parse_set(&it->guid, parse_trim(parse_text(c)));
		else if (strcmp(name, "title") == 0 && it->raw_title == NULL) {
			it->raw_title = parse_title_construct(c, &html);
			it->title_html = html;
		} else if (strcmp(name, "link") == 0) {
			if (parse_link_is(c, "enclosure"))
				parse_add_enclosure(e,
				    parse_resolve_at(c, parse_attr(c, "href")),
				    parse_attr(c, "type"),
				    parse_attr(c, "length"));
			else
				parse_atom_link(c, &e->link, &link_html);
		} else if (strcmp(name, "published") == 0 ||
		    strcmp(name, "issued") == 0)
			parse_set(&it->atom_published, parse_text(c));
		else if (strcmp(name, "created") == 0)
			parse_set(&it->issued, parse_text(c));
		else if (strcmp(name, "updated") == 0 ||
		    strcmp(name, "modified") == 0)
			parse_set(&it->atom_updated, parse_text(c));
		else if (strcmp(name, "summary") == 0 && e->summary == NULL) {
			e->summary = parse_text_construct(c, &html, 0);
			e->summary_html = html;
			if (html)
				e->summary =
				    parse_html_resolve_at(c, e->summary);
		} else if (strcmp(name, "content") == 0 && e->content == NULL) {
			e->content = parse_text_construct(c, &html, 0);
			e->content_html = html;
			if (html)
				e->content =
				    parse_html_resolve_at(c, e->content);
		} else if (strcmp(name, "author") == 0) {
			parse_add_author(it, parse_person(c));
			it->have_rss_author = 1;
		} else if (strcmp(name, "source") == 0) {
			for (s = c->children; s != NULL; s = s->next) {
				if (parse_is(s, PNS_ATOM, "title") &&
				    e->source == NULL) {
					e->source =
					    parse_title_construct(s, &html);
					if (html && e->source != NULL) {
						char *t;

						t = parse_html_to_text(
						    e->source);
						free(e->source);
						e->source = t;
					}
				} else if (parse_is(s, PNS_ATOM, "author") &&
				    source_author == NULL)
					source_author = parse_person(s);
			}
		}
	}
	/* RFC 4287 4.2.1: else the source's author, else the feed's. */
	if (it->authors.len == 0 && source_author != NULL)
		parse_add_author(it, xstrdup(source_author));
	if (it->authors.len == 0 && inherit != NULL)
		parse_add_author(it, xstrdup(inherit));
	free(source_author);
	if (it->raw_title != NULL && it->title_html) {
		char *t = parse_html_to_text(it->raw_title);

		free(it->raw_title);
		it->raw_title = t;
	}
	parse_date_into(&e->published, it->atom_published);
	parse_date_into(&e->published, it->issued);
	parse_date_into(&e->updated, it->atom_updated);
}

/* ---- finishing ----------------------------------------------------- */

static int
parse_word_planet(const char *s)
{
	const char *p;

	if (s == NULL)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (!util_strncaseeq(p, "planet", 6))
			continue;
		if (p > s &&
		    ((p[-1] >= 'a' && p[-1] <= 'z') ||
			(p[-1] >= 'A' && p[-1] <= 'Z') ||
			(p[-1] >= '0' && p[-1] <= '9')))
			continue;
		if ((p[6] >= 'a' && p[6] <= 'z') ||
		    (p[6] >= 'A' && p[6] <= 'Z') ||
		    (p[6] >= '0' && p[6] <= '9'))
			continue;
		return 1;
	}
	return 0;
}

static char *
parse_hash_id(const struct parsed_entry *e)
{
	/* FNV-1a, 64 bit, the parts separated by a 0xff byte. */
	uint64_t h = UTIL_FNV1A_INIT;
	char num[64];
	const char *parts[5];
	const char *p;
	size_t i;

	snprintf(
	    num, sizeof num, "%" PRId64 "/%" PRId64, e->published, e->updated);
	parts[0] = e->title;
	parts[1] = num;
	parts[2] = e->summary;
	parts[3] = e->summary == NULL ? e->content : NULL;
	parts[4] = NULL;
	for (i = 0; i < 4; i++) {
		p = parts[i] != NULL ? parts[i] : "";
		h = util_fnv1a(h, p, strlen(p));
		h = util_fnv1a(h, "\xff", 1);
	}
	return xasprintf("hash:%016" PRIx64, h);
}

/* The host of a URL (lower-cased) into out, "" when it has none. */
static void
parse_url_host(const char *url, char *out, size_t size)
{
	char *host;

	host = url != NULL ? url_host(url) : NULL;
	snprintf(out, size, "%s", host != NULL ? host : "");
	free(host);
}

/*
 * The "Name: " prefix of an item's title, as a length (0: none): text
 * before the first ": ", of at most PARSE_PREFIX_MAX bytes, without
 * another sentence in it.
 */
#define PARSE_PREFIX_MAX 64

static size_t
parse_title_prefix(const char *t)
{
	const char *colon;
	size_t n;

	if (t == NULL)
		return 0;
	while (*t == ' ' || *t == '\t' || *t == '\n')
		t++;
	colon = strstr(t, ": ");
	if (colon == NULL || colon == t)
		return 0;
	n = (size_t)(colon - t);
	if (n > PARSE_PREFIX_MAX || memchr(t, '.', n) != NULL ||
	    memchr(t, '?', n) != NULL || memchr(t, '!', n) != NULL)
		return 0;
	return n;
}

/* What the shape of a feed says: see parse_is_planet.  Only the first
 * PARSE_SHAPE_ITEMS items are looked at, so the cost stays bounded. */
#define PARSE_SHAPE_ITEMS 100

struct parse_shape {
	size_t titled, prefixed, linked, foreign, hosts, names;
	size_t conflicts; /* same name, another site */
	size_t others;	  /* an author that is not the name */
};

static void
parse_shape_of(struct parse_ctx *pc, struct parse_item **items, size_t n,
    struct parse_shape *sh)
{
	char home[256], first[256], (*host)[256];
	const char *ti, *tj, *au;
	size_t *pre, i, j;
	int seen_host, seen_name;

	memset(sh, 0, sizeof *sh);
	if (n > PARSE_SHAPE_ITEMS)
		n = PARSE_SHAPE_ITEMS;
	host = xcalloc(n + 1, sizeof *host);
	pre = xcalloc(n + 1, sizeof *pre);
	parse_url_host(pc->feed->link, home, sizeof home);
	first[0] = '\0';
	for (i = 0; i < n; i++) {
		ti = items[i]->raw_title;
		parse_url_host(items[i]->e.link, host[i], sizeof host[i]);
		pre[i] = parse_title_prefix(ti);
		if (ti != NULL)
			sh->titled++;
		if (host[i][0] != '\0') {
			sh->linked++;
			if (home[0] != '\0' ? strcmp(host[i], home) != 0
					    : first[0] != '\0' &&
				    strcmp(host[i], first) != 0)
				sh->foreign++;
			if (first[0] == '\0')
				snprintf(first, sizeof first, "%s", host[i]);
		}
		seen_host = host[i][0] == '\0';
		seen_name = pre[i] == 0;
		for (j = 0; j < i && (!seen_host || !seen_name); j++) {
			if (!seen_host && strcmp(host[i], host[j]) == 0)
				seen_host = 1;
			tj = items[j]->raw_title;
			if (!seen_name && pre[j] == pre[i] &&
			    strncmp(tj, ti, pre[i]) == 0) {
				seen_name = 1;
				if (host[i][0] != '\0' && host[j][0] != '\0' &&
				    strcmp(host[i], host[j]) != 0)
					sh->conflicts++;
			}
		}
		sh->hosts += !seen_host;
		sh->names += !seen_name;
		if (pre[i] == 0)
			continue;
		sh->prefixed++;
		au = items[i]->authors.data;
		while (ti[0] == ' ' || ti[0] == '\t' || ti[0] == '\n')
			ti++;
		if (au != NULL && au[0] != '\0' &&
		    !(strlen(au) == pre[i] && strncmp(au, ti, pre[i]) == 0))
			sh->others++;
	}
	free(host);
	free(pre);
}

/*
 * Is this an aggregated Planet feed, whose item titles read "Source:
 * Title"?  The generator says Planet; or the title says Planet and most
 * items link to other sites than the feed's own (so "Planet Money", a
 * podcast whose episodes live on its own site, is not one); or, whatever
 * the feed is called (Planeta PythonBrasil, an RSS 1.0 Planet without a
 * generator), its shape says so: most titles have a "Name: " prefix,
 * there are several names and the items link to several sites, mostly
 * not the feed's own, each name to one site, and the items' authors,
 * where given, are the names.  A podcast's "Episode 12: " titles link to
 * one site; a news feed's "Analysis: " sections span its sites and its
 * items have bylines.
 */
static int
parse_is_planet(struct parse_ctx *pc, struct parse_item **items, size_t n)
{
	struct parse_shape sh;

	if (parse_word_planet(pc->generator))
		return 1;
	parse_shape_of(pc, items, n, &sh);
	if (parse_word_planet(pc->feed->title))
		return sh.linked > 0 && sh.foreign * 2 >= sh.linked;
	return sh.prefixed >= 2 && sh.prefixed * 10 >= sh.titled * 6 &&
	    sh.names >= 2 && sh.hosts >= 2 && sh.foreign * 2 >= sh.linked &&
	    sh.conflicts * 4 <= sh.prefixed && sh.others * 2 < sh.prefixed;
}

/* Finish every built item, in order, and free the array. */
static void parse_finish_item(struct parse_ctx *, struct parse_item *, int);

static void
parse_finish_all(struct parse_ctx *pc, struct parse_item **built, size_t n)
{
	size_t i;
	int planet;

	planet = parse_is_planet(pc, built, n);
	for (i = 0; i < n; i++)
		parse_finish_item(pc, built[i], planet);
	free(built);
}

/* Turn a built item into the feed's next entry. */
static void
parse_finish_item(struct parse_ctx *pc, struct parse_item *it, int planet)
{
	struct parsed_feed *f = pc->feed;
	struct parsed_entry *e = &it->e;
	char *colon, *t;

	e->title = parse_clean(it->raw_title);
	it->raw_title = NULL;
	if (it->authors.len > 0)
		e->author = parse_clean(buf_detach(&it->authors, NULL));
	e->source = parse_clean(e->source);
	e->summary = e->summary_html ? parse_trim(e->summary)
				     : parse_trim_text(e->summary);
	e->content = e->content_html ? parse_trim(e->content)
				     : parse_trim_text(e->content);
	if (e->source == NULL && planet && e->title != NULL &&
	    (colon = strstr(e->title, ": ")) != NULL && colon != e->title) {
		e->source =
		    parse_clean(xstrndup(e->title, (size_t)(colon - e->title)));
		t = parse_clean(xstrdup(colon + 2));
		free(e->title);
		e->title = t;
	}
	if (e->source == NULL && f->title != NULL)
		e->source = xstrdup(f->title);
	/* Ids are opaque, but they are shown: no controls either. */
	it->guid = parse_clean(it->guid);
	if (it->guid != NULL)
		e->id = it->guid;
	else if (it->about != NULL)
		e->id = xstrdup(it->about);
	else if (e->link != NULL)
		e->id = xstrdup(e->link);
	else
		e->id = parse_hash_id(e);
	it->guid = NULL;
	if (f->nentries == pc->alloc) {
		pc->alloc = pc->alloc == 0 ? 16 : pc->alloc * 2;
		f->entries =
		    xreallocarray(f->entries, pc->alloc, sizeof *f->entries);
	}
	f->entries[f->nentries++] = *e;
	/* The entry is the feed's now: free the rest of the item. */
	memset(e, 0, sizeof *e);
	parse_item_free(it);
}

/* ---- XML feeds ----------------------------------------------------- */

/*
 * XML is parsed as a stream: libxml2 builds the tree as usual, but each
 * item or entry, and each element the feed's own fields come from, is
 * read as soon as it ends and then freed (parse_sax_end).  The tree never
 * holds more than the feed's ancestors and the element being read, so
 * memory follows the largest entry, not the file; what is read, and in
 * which order, is what reading the whole tree would give.
 */

/* What the root element says the document is. */
static enum parse_kind
parse_root_kind(const xmlNode *root)
{
	const char *name = (const char *)root->name;

	if (strcmp(name, "rss") == 0 || strcmp(name, "channel") == 0 ||
	    (strcmp(name, "RDF") == 0 && parse_node_ns(root) == PNS_RDF))
		return PARSE_KIND_RSS;
	if (strcmp(name, "feed") == 0 &&
	    (parse_node_ns(root) == PNS_ATOM || root->ns == NULL))
		return PARSE_KIND_ATOM;
	return PARSE_KIND_OTHER;
}

/* Keep a built item in one of the lists, which stop at the cap. */
static void
parse_keep(struct parse_list *l, struct parse_item *it)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc == 0 ? 16 : l->alloc * 2;
		l->items = xreallocarray(l->items, l->alloc, sizeof *l->items);
	}
	l->items[l->n++] = it;
}

static void
parse_list_free(struct parse_list *l)
{
	size_t k;

	for (k = 0; k < l->n; k++)
		parse_item_free(l->items[k]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* An RSS <item> into list l, unless l is full. */
static void
parse_rss_take(struct parse_list *l, xmlNode *c)
{
	struct parse_item *it;

	if (l->n >= PARSE_MAX_ENTRIES) {
		l->more = 1;
		return;
	}
	it = parse_item_new();
	parse_rss_item(it, c);
	parse_keep(l, it);
}

/* One child of the RSS channel that is not an item. */
static void
parse_rss_channel_child(struct parse_ctx *pc, xmlNode *c)
{
	struct parsed_feed *f = pc->feed;
	long long ttl;
	char *s;

	if (parse_is(c, PNS_CORE, "title"))
		parse_set(&f->title, parse_title_text(c));
	else if (parse_is(c, PNS_DC, "title"))
		parse_set(&f->title, parse_title_text(c));
	else if (parse_is(c, PNS_CORE, "link"))
		parse_set(&f->link, parse_resolve_at(c, parse_text(c)));
	else if (parse_is(c, PNS_ATOM, "link") && parse_link_is_alternate(c))
		parse_set(&f->link, parse_resolve_at(c, parse_attr(c, "href")));
	else if (parse_is(c, PNS_CORE, "generator"))
		parse_set(&pc->generator, parse_text(c));
	else if (parse_is(c, PNS_CORE, "ttl")) {
		s = parse_text(c);
		if (s != NULL && util_parse_ll(s, &ttl) == 0 && ttl > 0 &&
		    ttl < 1000000)
			f->ttl = (long)ttl;
		free(s);
	}
}

/*
 * An element of an RSS document has ended.  RSS 2.0 nests items in the
 * (first) channel; RSS 1.0 and 0.90 make them the channel's siblings:
 * both are taken, the channel's first.  Returns whether the element may
 * go now (nothing reads it later).
 */
static int
parse_rss_node(struct parse_ctx *pc, xmlNode *c)
{
	xmlNode *p = c->parent;

	if (c == pc->chan)
		return 0;
	if (pc->chan == NULL && p == pc->root &&
	    parse_is(c, PNS_CORE, "channel")) {
		pc->chan = c;
		return 0;
	}
	if (pc->chan == NULL && p->parent == pc->root &&
	    parse_is(p, PNS_CORE, "channel"))
		pc->chan = p;
	if (p == pc->chan) {
		if (parse_is(c, PNS_CORE, "item"))
			parse_rss_take(&pc->chan_items, c);
		else
			parse_rss_channel_child(pc, c);
		return 1;
	}
	if (p == pc->root) {
		if (parse_is(c, PNS_CORE, "item"))
			parse_rss_take(&pc->root_items, c);
		return 1;
	}
	/* Inside a top-level element that is neither the channel nor an
	 * item: never read. */
	return p->parent == pc->root && !parse_is(p, PNS_CORE, "item");
}

/* One child of the Atom feed element that is not an entry. */
static void
parse_atom_feed_child(struct parse_ctx *pc, xmlNode *c)
{
	struct parsed_feed *f = pc->feed;
	const char *name = (const char *)c->name;
	char *t;
	int html;

	if (strcmp(name, "title") == 0 && f->title == NULL) {
		f->title = parse_title_construct(c, &html);
		if (html && f->title != NULL) {
			t = parse_html_to_text(f->title);
			free(f->title);
			f->title = t;
		}
	} else if (strcmp(name, "link") == 0)
		parse_atom_link(c, &f->link, &pc->link_html);
	else if (strcmp(name, "author") == 0 && pc->feed_author == NULL)
		pc->feed_author = parse_person(c);
	else if (strcmp(name, "generator") == 0)
		parse_set(&pc->generator, parse_text(c));
}

/* An element of an Atom document has ended; as parse_rss_node. */
static int
parse_atom_node(struct parse_ctx *pc, xmlNode *c)
{
	struct parse_item *it;
	int ok_ns;

	if (c->parent != pc->root)
		return 0;
	ok_ns = parse_node_ns(c) == PNS_ATOM ||
	    (parse_node_ns(c) == PNS_CORE && c->ns == NULL);
	if (strcmp((const char *)c->name, "entry") == 0 &&
	    (parse_node_ns(c) == PNS_ATOM || c->ns == NULL)) {
		if (pc->chan_items.n >= PARSE_MAX_ENTRIES) {
			pc->chan_items.more = 1;
			return 1;
		}
		/* The feed's author, which may come later, is added when
		 * all is read (parse_atom_finish). */
		it = parse_item_new();
		parse_atom_entry(it, c, NULL);
		parse_keep(&pc->chan_items, it);
	} else if (ok_ns)
		parse_atom_feed_child(pc, c);
	return 1;
}

static int
parse_node(struct parse_ctx *pc, xmlNode *c)
{
	if (c->type != XML_ELEMENT_NODE || c->parent == NULL ||
	    c->parent->type != XML_ELEMENT_NODE)
		return 0;
	if (pc->kind == PARSE_KIND_RSS)
		return parse_rss_node(pc, c);
	if (pc->kind == PARSE_KIND_ATOM)
		return parse_atom_node(pc, c);
	return 0;
}

/* libxml2's start of an element: the root says what the document is;
 * a document that is no feed is not read further. */
static void
parse_sax_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs, int ndefaulted,
    const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_ctx *pc = ctxt->_private;
	xmlNode *n;

	xmlSAX2StartElementNs(
	    ctx, name, prefix, uri, nns, ns, nattrs, ndefaulted, attrs);
	n = ctxt->node;
	if (pc->root != NULL && n != NULL)
		parse_hold_start(pc, n);
	if (pc->root != NULL || n == NULL || n->parent == NULL ||
	    n->parent->type != XML_DOCUMENT_NODE)
		return;
	pc->root = n;
	pc->kind = parse_root_kind(n);
	if (pc->kind == PARSE_KIND_RSS && parse_is(n, PNS_CORE, "channel"))
		pc->chan = n;
	if (pc->kind == PARSE_KIND_OTHER)
		xmlStopParser(ctxt);
}

/*
 * libxml2's end of an element: read it if the feed wants it, then free
 * it.  libxml2 appends text to its parent's last child when that is
 * text, keeping that child's length aside: so no text is left last in
 * the parent, and the next text starts a node of its own.  Namespaces
 * the serializing moved to the document (parse_strip_xhtml_ns) were the
 * element's own: they go with it.
 */
static void
parse_sax_end(
    void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_ctx *pc = ctxt->_private;
	xmlNode *c = ctxt->node, *p, *t;
	xmlDoc *doc = ctxt->myDoc;
	xmlNs *mark, *ns;
	struct parse_hold *h, *own;

	xmlSAX2EndElementNs(ctx, name, prefix, uri);
	if (c == NULL || doc == NULL)
		return;
	mark = doc->oldNs;
	p = c->parent;
	h = p != NULL && p->type == XML_ELEMENT_NODE ? p->_private : NULL;
	own = c->_private;
	if (h != NULL && (own == NULL || !own->div))
		parse_hold_take(h, p, c);
	else {
		if (!parse_node(pc, c))
			return;
		xmlUnlinkNode(c);
		xmlFreeNode(c);
		while (p->last != NULL && p->last->type != XML_ELEMENT_NODE) {
			t = p->last;
			xmlUnlinkNode(t);
			xmlFreeNode(t);
		}
	}
	while (doc->oldNs != mark && doc->oldNs != NULL) {
		ns = doc->oldNs;
		doc->oldNs = ns->next;
		xmlFreeNs(ns);
	}
}

/*
 * What is left in the tree when the parse stops: elements never closed
 * (a feed cut short), read as if they had been, in document order.
 */
static void
parse_rest(struct parse_ctx *pc)
{
	xmlNode *c, *scope[2];
	size_t k;

	if (pc->kind == PARSE_KIND_RSS && pc->chan == NULL)
		for (c = pc->root->children; c != NULL && pc->chan == NULL;
		     c = c->next)
			if (parse_is(c, PNS_CORE, "channel"))
				pc->chan = c;
	scope[0] = pc->chan;
	scope[1] = pc->chan != pc->root ? pc->root : NULL;
	for (k = 0; k < 2; k++) {
		if (scope[k] == NULL)
			continue;
		for (c = scope[k]->children; c != NULL; c = c->next)
			if (c != pc->chan)
				(void)parse_node(pc, c);
	}
}

/* The RSS feed once everything is read: its title, its items. */
static void
parse_rss_finish(struct parse_ctx *pc)
{
	struct parsed_feed *f = pc->feed;
	struct parse_list *a = &pc->chan_items, *b = &pc->root_items;
	size_t k;
	char *s;

	if (f->title != NULL && strchr(f->title, '&') != NULL) {
		s = parse_decode_entities(f->title);
		free(f->title);
		f->title = s;
	}
	f->title = parse_clean(f->title);
	/* The channel's items first, then the others up to the cap; say
	 * so if an item is left. */
	f->truncated = a->more || b->more;
	for (k = 0; k < b->n; k++) {
		if (a->n < PARSE_MAX_ENTRIES) {
			parse_keep(a, b->items[k]);
			continue;
		}
		f->truncated = 1;
		parse_item_free(b->items[k]);
	}
	b->n = 0;
	parse_finish_all(pc, a->items, a->n);
	memset(a, 0, sizeof *a);
}

/* The Atom feed once everything is read. */
static void
parse_atom_finish(struct parse_ctx *pc)
{
	struct parse_list *a = &pc->chan_items;
	size_t k;

	pc->feed->title = parse_clean(pc->feed->title);
	pc->feed->truncated = a->more;
	/* RFC 4287 4.2.1: an entry without an author has the feed's. */
	for (k = 0; k < a->n && pc->feed_author != NULL; k++)
		if (a->items[k]->authors.len == 0)
			parse_add_author(a->items[k], xstrdup(pc->feed_author));
	parse_finish_all(pc, a->items, a->n);
	memset(a, 0, sizeof *a);
}

static int
parse_xml(struct parse_ctx *pc, const char *s, size_t n, char **cause)
{
	struct parse_repair rp;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	size_t k;
	int opts, rv = 0;

	/* HUGE lifts libxml2's 10 MB text-node limit: the size cap and the
	 * repair pass (no DTD, bounded entities) bound the work instead. */
	opts = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC |
	    XML_PARSE_HUGE;
	if (n > INT_MAX)
		return util_fail(cause, "feed too large to parse");
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		return util_fail(cause, "out of memory");
	ctxt->sax->startElementNs = parse_sax_start;
	ctxt->sax->endElementNs = parse_sax_end;
	ctxt->_private = pc;
	parse_repair_init(&rp, s, n);
	doc = xmlCtxtReadIO(ctxt, parse_repair_read, parse_repair_close, &rp,
	    pc->base, "UTF-8", opts);
	parse_repair_free(&rp);
	if (doc == NULL || pc->root == NULL)
		rv = util_fail(cause, "not a feed: not XML or JSON");
	else if (pc->kind == PARSE_KIND_OTHER)
		rv = util_fail(cause,
		    "not a feed: the document is <%s>, not "
		    "RSS or Atom",
		    (const char *)pc->root->name);
	else
		parse_rest(pc);
	if (doc != NULL)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	if (rv == 0 && pc->kind == PARSE_KIND_RSS)
		parse_rss_finish(pc);
	else if (rv == 0)
		parse_atom_finish(pc);
	parse_list_free(&pc->chan_items);
	parse_list_free(&pc->root_items);
	for (k = 0; k < pc->nholds; k++) {
		buf_free(&pc->holds[k]->b);
		free(pc->holds[k]);
	}
	free(pc->holds);
	pc->holds = NULL;
	pc->nholds = pc->aholds = 0;
	return rv;
}

/* ---- JSON Feed ----------------------------------------------------- */

static char *
parse_json_str(json_t *o, const char *key)
{
	json_t *v;

	v = json_object_get(o, key);
	if (json_is_string(v))
		return parse_trim(
		    xstrndup(json_string_value(v), json_string_length(v)));
	return NULL;
}

/* JSON Feed 1.0 "author" object or 1.1 "authors" array: names joined. */
static char *
parse_json_authors(json_t *o)
{
	struct buf b;
	json_t *a, *v;
	size_t i;
	char *name;

	buf_init(&b, 0);
	a = json_object_get(o, "authors");
	if (json_is_array(a)) {
		json_array_foreach(a, i, v)
		{
			if ((name = parse_json_str(v, "name")) == NULL)
				continue;
			if (b.len > 0)
				buf_addstr(&b, ", ");
			buf_addstr(&b, name);
			free(name);
		}
	}
	if (b.len == 0 && json_is_object(json_object_get(o, "author"))) {
		name = parse_json_str(json_object_get(o, "author"), "name");
		if (name != NULL)
			buf_addstr(&b, name);
		free(name);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static void
parse_json_item(
    struct parse_item *it, json_t *o, const char *base, const char *inherit)
{
	struct parsed_entry *e = &it->e;
	json_t *v, *a;
	size_t i;
	char *s;

	v = json_object_get(o, "id");
	if (json_is_string(v))
		it->guid = parse_trim(xstrdup(json_string_value(v)));
	else if (json_is_integer(v))
		it->guid =
		    xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		it->guid = xasprintf("%.17g", json_real_value(v));
	e->link = parse_resolve_with(base, parse_json_str(o, "url"));
	if (e->link == NULL)
		e->link =
		    parse_resolve_with(base, parse_json_str(o, "external_url"));
	it->raw_title = parse_json_str(o, "title");
	e->summary = parse_json_str(o, "summary");
	e->content = parse_json_str(o, "content_html");
	if (e->content != NULL) {
		e->content_html = 1;
		e->content = parse_html_resolve(e->content, base);
	} else {
		v = json_object_get(o, "content_text");
		if (json_is_string(v))
			e->content = parse_trim_text(xstrndup(
			    json_string_value(v), json_string_length(v)));
	}
	s = parse_json_str(o, "date_published");
	parse_date_into(&e->published, s);
	free(s);
	s = parse_json_str(o, "date_modified");
	parse_date_into(&e->updated, s);
	free(s);
	s = parse_json_authors(o);
	parse_add_author(it,
	    s != NULL		  ? s
		: inherit != NULL ? xstrdup(inherit)
				  : NULL);
	a = json_object_get(o, "attachments");
	if (json_is_array(a)) {
		json_array_foreach(a, i, v)
		{
			json_t *sz = json_object_get(v, "size_in_bytes");
			char *len = NULL;

			if (json_is_integer(sz) && json_integer_value(sz) >= 0)
				len = xasprintf("%" JSON_INTEGER_FORMAT,
				    json_integer_value(sz));
			sz = json_object_get(v, "duration_in_seconds");
			parse_add_enclosure(e,
			    parse_resolve_with(base, parse_json_str(v, "url")),
			    parse_json_str(v, "mime_type"), len);
			if (json_is_number(sz) && json_number_value(sz) >= 0 &&
			    json_number_value(sz) < 1e9 && e->nenclosures > 0 &&
			    e->enclosures[e->nenclosures - 1].duration < 0)
				e->enclosures[e->nenclosures - 1].duration =
				    (long)json_number_value(sz);
		}
	}
}

static int
parse_json(struct parse_ctx *pc, const char *s, size_t n, char **cause)
{
	struct parsed_feed *f = pc->feed;
	json_error_t err;
	json_t *root, *items, *v;
	char *version, *author;
	size_t i;

	root = json_loadb(s, n, 0, &err);
	if (root == NULL)
		return util_fail(cause, "not a feed: bad JSON at line %d: %s",
		    err.line, err.text);
	version = parse_json_str(root, "version");
	items = json_object_get(root, "items");
	if (!json_is_object(root) ||
	    ((version == NULL || strstr(version, "jsonfeed.org") == NULL) &&
		!json_is_array(items))) {
		free(version);
		json_decref(root);
		return util_fail(cause,
		    "not a feed: JSON without a JSON Feed "
		    "version or items");
	}
	free(version);
	f->title = parse_clean(parse_json_str(root, "title"));
	f->link =
	    parse_resolve_with(pc->base, parse_json_str(root, "home_page_url"));
	author = parse_json_authors(root);
	if (json_is_array(items)) {
		json_array_foreach(items, i, v)
		{
			struct parse_item *it;

			if (!json_is_object(v))
				continue;
			if (pc->feed->nentries >= PARSE_MAX_ENTRIES) {
				pc->feed->truncated = 1;
				break;
			}
			it = parse_item_new();
			parse_json_item(it, v, pc->base, author);
			parse_finish_item(pc, it, 0);
		}
	}
	free(author);
	json_decref(root);
	return 0;
}

/* ---- entry point --------------------------------------------------- */

struct parsed_feed *
parse_feed(const char *data, size_t len, const struct parse_options *opts,
    char **cause)
{
	struct parse_options none;
	struct parse_ctx pc;
	struct parsed_feed *f;
	const char *text;
	char *utf8;
	size_t max, n, i;
	int rv;

	if (opts == NULL) {
		memset(&none, 0, sizeof none);
		opts = &none;
	}
	max = opts->max_size != 0 ? opts->max_size : PARSE_DEFAULT_MAX;
	if (len > max) {
		util_fail(cause, "feed is %zu bytes, over the limit of %zu",
		    len, max);
		return NULL;
	}
	/* Error handlers are per thread in libxml2: set them here too. */
	xmlSetGenericErrorFunc(NULL, parse_silent);
	xmlSetStructuredErrorFunc(NULL, parse_silent_structured);

	/* UTF-8 feeds, most of them, are read where they are. */
	utf8 = util_to_utf8_view(data, len, opts->charset, &text, &n, NULL);
	for (i = 0; i < n && strchr(" \t\r\n", text[i]) != NULL; i++)
		;
	if (i == n) {
		free(utf8);
		util_fail(cause, "empty document");
		return NULL;
	}
	f = xcalloc(1, sizeof *f);
	f->ttl = -1;
	memset(&pc, 0, sizeof pc);
	pc.feed = f;
	pc.base = opts->url != NULL && *opts->url != '\0' ? opts->url : NULL;
	if (text[i] == '{' || text[i] == '[')
		rv = parse_json(&pc, text + i, n - i, cause);
	else
		rv = parse_xml(&pc, text + i, n - i, cause);
	free(utf8);
	free(pc.generator);
	free(pc.feed_author);
	if (rv != 0) {
		/* Messages may quote the feed's bytes: clean them. */
		if (cause != NULL && *cause != NULL) {
			char *clean = parse_clean(*cause);

			*cause = clean != NULL ? clean : xstrdup("not a feed");
		}
		parse_free(f);
		return NULL;
	}
	return f;
}

struct parsed_feed *
parse_records(
    const char *title, const char *link, const struct parse_record *r, size_t n)
{
	struct parse_ctx pc;
	struct parse_item **built, *it;
	struct parsed_entry *e;
	size_t i;

	memset(&pc, 0, sizeof pc);
	pc.feed = xcalloc(1, sizeof *pc.feed);
	pc.feed->ttl = -1;
	pc.feed->title = parse_clean(parse_strdup(title));
	pc.feed->link = parse_trim(parse_strdup(link));
	built = xcalloc(n + 1, sizeof *built);
	for (i = 0; i < n; i++) {
		built[i] = it = parse_item_new();
		e = &it->e;
		it->guid = parse_trim(parse_strdup(r[i].id));
		e->link = parse_trim(parse_strdup(r[i].link));
		it->raw_title = parse_strdup(r[i].title);
		parse_title_entities(it);
		parse_add_author(it, parse_strdup(r[i].author));
		e->published = r[i].published;
		e->content = parse_strdup(r[i].content);
		if (e->content != NULL && !r[i].content_text) {
			e->content_html = 1;
			e->content = parse_html_resolve(e->content,
			    r[i].base != NULL && r[i].base[0] != '\0'
				? r[i].base
				: e->link);
		}
		parse_add_enclosure(e,
		    parse_trim(parse_strdup(r[i].enclosure_url)),
		    parse_strdup(r[i].enclosure_type), NULL);
	}
	parse_finish_all(&pc, built, n);
	return pc.feed;
}

void
parse_free(struct parsed_feed *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nentries; i++)
		parse_entry_free(&f->entries[i]);
	free(f->entries);
	free(f->title);
	free(f->link);
	free(f);
}

static json_t *
parse_json_string(const char *s)
{
	json_t *v;

	if (s == NULL)
		return json_null();
	v = json_string(s);
	/* Every string here was checked as UTF-8; belt and braces. */
	return v != NULL ? v : json_string("\xef\xbf\xbd");
}

static json_t *
parse_json_date(int64_t t)
{
	return t == PARSE_NO_DATE ? json_null() : json_integer(t);
}

char *
parse_to_json(const struct parsed_feed *f)
{
	const struct parsed_entry *e;
	const struct parsed_enclosure *enc;
	json_t *root, *entries, *o, *encs, *x;
	size_t i, j;
	char *s;

	root = json_object();
	json_object_set_new(root, "title", parse_json_string(f->title));
	json_object_set_new(root, "link", parse_json_string(f->link));
	entries = json_array();
	for (i = 0; i < f->nentries; i++) {
		e = &f->entries[i];
		o = json_object();
		json_object_set_new(o, "id", parse_json_string(e->id));
		json_object_set_new(o, "title", parse_json_string(e->title));
		json_object_set_new(o, "link", parse_json_string(e->link));
		if (e->orig_link != NULL)
			json_object_set_new(
			    o, "orig_link", parse_json_string(e->orig_link));
		json_object_set_new(o, "author", parse_json_string(e->author));
		json_object_set_new(
		    o, "published", parse_json_date(e->published));
		json_object_set_new(o, "updated", parse_json_date(e->updated));
		json_object_set_new(
		    o, "summary", parse_json_string(e->summary));
		json_object_set_new(
		    o, "content", parse_json_string(e->content));
		json_object_set_new(o, "source", parse_json_string(e->source));
		encs = json_array();
		for (j = 0; j < e->nenclosures; j++) {
			enc = &e->enclosures[j];
			x = json_object();
			json_object_set_new(
			    x, "url", parse_json_string(enc->url));
			json_object_set_new(
			    x, "type", parse_json_string(enc->type));
			json_object_set_new(x, "length",
			    enc->length < 0 ? json_null()
					    : json_integer(enc->length));
			if (enc->duration >= 0)
				json_object_set_new(
				    x, "duration", json_integer(enc->duration));
			json_array_append_new(encs, x);
		}
		json_object_set_new(o, "enclosures", encs);
		json_array_append_new(entries, o);
	}
	json_object_set_new(root, "entries", entries);
	s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (s == NULL) {
		fputs("orrery: out of memory\n", stderr);
		abort();
	}
	return s;
}
