/*
 * discover: an HTML page's <link rel="alternate"> feed links.  Owns which
 * link types count as feeds and how an href becomes a URL (url.c);
 * must not fetch, store or print anything.
 */
#include "discover.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "url.h"
#include "util.h"
#include "xmlwalk.h"

/* A hostile page cannot make us walk forever: links past this are
 * ignored, and so is the tree past this many nodes. */
#define DISCOVER_MAX_FEEDS 32
#define DISCOVER_MAX_NODES 200000

static const char *const discover_types[] = {
	"application/rss+xml",
	"application/atom+xml",
	"application/rdf+xml",
	"application/feed+json",
	"application/x.atom+xml",
	"application/x-atom+xml",
	"text/xml",
	"application/xml",
};

struct walk {
	const char *base;
	char *page_base; /* from <base href>, resolved; or NULL */
	struct discover_feed *feeds;
	size_t n;
	size_t nodes;
};

/* Does the space-separated list s hold word (case-blind)? */
static int
discover_has_word(const char *s, const char *word)
{
	size_t n = strlen(word), k;

	while (*s != '\0') {
		while (*s != '\0' && isspace((unsigned char)*s))
			s++;
		k = 0;
		while (s[k] != '\0' && !isspace((unsigned char)s[k]))
			k++;
		if (k == n && util_strncaseeq(s, word, n))
			return 1;
		s += k;
	}
	return 0;
}

/* The link's type, lower-cased and without parameters, when it is one
 * of a feed; else NULL. */
static char *
discover_type(const char *t)
{
	char *s;
	size_t i, n;

	while (isspace((unsigned char)*t))
		t++;
	n = strcspn(t, "; \t\r\n");
	s = xstrndup(t, n);
	for (i = 0; i < n; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
	for (i = 0; i < sizeof discover_types / sizeof discover_types[0]; i++)
		if (strcmp(s, discover_types[i]) == 0)
			return s;
	free(s);
	return NULL;
}

static char *
discover_attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static void
discover_link(struct walk *w, const xmlNode *n)
{
	char *rel, *type, *href, *title, *clean, *url;
	size_t i;

	rel = discover_attr(n, "rel");
	if (rel == NULL || !discover_has_word(rel, "alternate") ||
	    discover_has_word(rel, "stylesheet")) {
		free(rel);
		return;
	}
	free(rel);
	href = discover_attr(n, "href");
	title = discover_attr(n, "type");
	type = title != NULL ? discover_type(title) : NULL;
	free(title);
	clean = href != NULL ? url_clean(href) : NULL;
	free(href);
	if (type == NULL || clean == NULL || w->n >= DISCOVER_MAX_FEEDS) {
		free(type);
		free(clean);
		return;
	}
	url = url_resolve(w->page_base != NULL ? w->page_base : w->base, clean);
	free(clean);
	for (i = 0; i < w->n; i++)
		if (strcmp(w->feeds[i].url, url) == 0) {
			free(url);
			free(type);
			return;
		}
	title = discover_attr(n, "title");
	w->feeds = xreallocarray(w->feeds, w->n + 1, sizeof *w->feeds);
	w->feeds[w->n].url = url;
	w->feeds[w->n].type = type;
	w->feeds[w->n].title =
	    title != NULL ? util_clean_text(title, strlen(title)) : NULL;
	if (w->feeds[w->n].title != NULL && w->feeds[w->n].title[0] == '\0') {
		free(w->feeds[w->n].title);
		w->feeds[w->n].title = NULL;
	}
	free(title);
	w->n++;
}

/* Walk the tree without recursion (a page may nest deep). */
static void
discover_walk(struct walk *w, const xmlNode *root)
{
	const xmlNode *n = root;
	char *href, *clean;

	while (n != NULL && w->nodes++ < DISCOVER_MAX_NODES) {
		if (n->type == XML_ELEMENT_NODE && n->name != NULL) {
			if (xmlStrcasecmp(n->name, (const xmlChar *)"link") ==
			    0)
				discover_link(w, n);
			else if (xmlStrcasecmp(
				     n->name, (const xmlChar *)"base") == 0 &&
			    w->page_base == NULL) {
				href = discover_attr(n, "href");
				clean = href != NULL ? url_clean(href) : NULL;
				if (clean != NULL)
					w->page_base =
					    url_resolve(w->base, clean);
				free(clean);
				free(href);
			}
		}
		n = xmlwalk_next(n, root, 0);
	}
}

void
discover_feeds(const char *s, size_t len, const char *base,
    struct discover_feed **feeds, size_t *n)
{
	struct walk w;
	htmlDocPtr doc;
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NODEFDTD;

	*feeds = NULL;
	*n = 0;
	if (len > INT32_MAX)
		return;
	doc = htmlReadMemory(s, (int)len, base, NULL, opts);
	if (doc == NULL)
		return;
	memset(&w, 0, sizeof w);
	w.base = base;
	if (xmlDocGetRootElement(doc) != NULL)
		discover_walk(&w, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	free(w.page_base);
	*feeds = w.feeds;
	*n = w.n;
}

void
discover_free(struct discover_feed *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(f[i].url);
		free(f[i].type);
		free(f[i].title);
	}
	free(f);
}

static const char *
discover_find(const char *s, const char *e, const char *what)
{
	size_t k = strlen(what);

	for (; (size_t)(e - s) >= k; s++)
		if (memcmp(s, what, k) == 0)
			return s;
	return NULL;
}

/* Skip blanks, a byte-order mark, comments and processing instructions;
 * return the first markup's start. */
static const char *
discover_first_tag(const char *s, const char *e)
{
	const char *p;

	if (e - s >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	for (;;) {
		while (s < e && isspace((unsigned char)*s))
			s++;
		if (e - s >= 4 && memcmp(s, "<!--", 4) == 0) {
			p = discover_find(s, e, "-->");
			if (p == NULL)
				return e;
			s = p + 3;
		} else if (e - s >= 2 && memcmp(s, "<?", 2) == 0) {
			p = memchr(s, '>', (size_t)(e - s));
			if (p == NULL)
				return e;
			s = p + 1;
		} else
			return s;
	}
}

int
discover_is_html(const char *s, size_t len, const char *content_type)
{
	static const char *const tags[] = { "<!doctype html", "<html", "<head",
		"<body", "<meta", "<title", "<link" };
	const char *p, *e = s + len;
	size_t i, k;

	if (content_type != NULL) {
		while (isspace((unsigned char)*content_type))
			content_type++;
		if (util_strncaseeq(content_type, "text/html", 9) ||
		    util_strncaseeq(content_type, "application/xhtml+xml", 21))
			return 1;
	}
	/* Sniff as browsers do when the type is missing or generic. */
	p = discover_first_tag(s, e);
	for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		k = strlen(tags[i]);
		if ((size_t)(e - p) > k && util_strncaseeq(p, tags[i], k) &&
		    (isspace((unsigned char)p[k]) || p[k] == '>'))
			return 1;
	}
	return 0;
}
