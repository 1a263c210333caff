/*
 * html: HTML fragment -> text.  Pure: no I/O, no curses, curl or sqlite;
 * libxml2's HTML parser runs with HTML_PARSE_NONET and no error output.
 */
#include "html.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "util.h"

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
	return strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ||
	    strcmp(name, "noscript") == 0 || strcmp(name, "template") == 0;
}

/*
 * Walk the tree iteratively: tag soup can nest thousands deep and the
 * fetcher thread's stack is not the place to find out how deep.
 */
static void
html_collect(xmlNode *root, struct buf *b)
{
	xmlNode *n = root;

	while (n != NULL) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			buf_addstr(b, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE) {
			if (html_is_dropped((const char *)n->name))
				goto next;
			/* Inline elements join words; everything else
			 * separates them. */
			if (b->len > 0 &&
			    !html_is_inline((const char *)n->name))
				buf_addc(b, ' ');
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
		}
	next:
		while (n != NULL && n != root && n->next == NULL)
			n = n->parent;
		if (n == NULL || n == root)
			break;
		n = n->next;
	}
}

char *
html_to_text(const char *html, size_t len)
{
	htmlDocPtr doc;
	xmlNode *root;
	struct buf b;

	buf_init(&b, 0);
	if (len > 0 && len < (size_t)1 << 30) {
		doc = htmlReadMemory(html, (int)len, NULL, "UTF-8", HTML_OPTS);
		root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
		if (root != NULL)
			html_collect(root, &b);
		if (doc != NULL)
			xmlFreeDoc(doc);
	}
	return buf_detach(&b, NULL);
}
