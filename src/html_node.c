/*
 * html_node: questions the renderer asks about libxml2's tree, without
 * changing it: attributes and class words, small numbers, whether a
 * subtree's text is only digits, a permalink mark, a pre, what an image
 * inside a link stands for, text that sup and sub can spell in script
 * characters, a pre marked as Python.  Subtrees are walked without
 * recursion and no further than a few thousand nodes.  Pure; must not
 * lay anything out.
 */
#include "html_int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xmlwalk.h"

/* An attribute's value (borrowed from the tree), "" when it has none,
 * NULL when absent. */
const char *
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

int
html_long(const char *v, long *out)
{
	long long x;

	if (v == NULL || util_parse_ll(v, &x) != 0 || x < -1000000000LL ||
	    x > 1000000000LL)
		return -1;
	*out = (long)x;
	return 0;
}

int
html_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* A 0 or 1 pixel dimension: a tracking image. */
int
html_tiny(const char *v)
{
	return v != NULL && (v[0] == '0' || v[0] == '1') &&
	    (v[1] == '\0' || strcmp(v + 1, "px") == 0);
}

/* Does the class attribute hold one of these words? */
int
html_class(const xmlNode *n, const char *const *names, size_t nnames)
{
	const char *v = html_attr(n, "class"), *p;
	size_t len, i;

	if (v == NULL)
		return 0;
	for (p = util_word(v, &len); p != NULL; p = util_word(p + len, &len))
		for (i = 0; i < nnames; i++)
			if (strlen(names[i]) == len &&
			    memcmp(p, names[i], len) == 0)
				return 1;
	return 0;
}

/*
 * Visit the nodes of top's subtree in document order, without recursion
 * and no further than a few thousand nodes, until visit says stop (not 0).
 * Returns 1 when it stopped, -1 past the limit, 0 after the last node.
 */
static int
html_walk(const xmlNode *top, int (*visit)(const xmlNode *, void *), void *arg)
{
	const xmlNode *n = top->children;
	int k = 0;

	while (n != NULL) {
		if (++k > 5000)
			return -1;
		if (visit(n, arg))
			return 1;
		n = xmlwalk_next(n, top, 0);
	}
	return 0;
}

struct html_text_walk {
	int (*ok)(const char *, void *);
	void *arg;
};

/* Stop at the first text the caller's ok does not take. */
static int
html_text_visit(const xmlNode *n, void *arg)
{
	struct html_text_walk *w = arg;

	return (n->type == XML_TEXT_NODE ||
		   n->type == XML_CDATA_SECTION_NODE) &&
	    n->content != NULL && !w->ok((const char *)n->content, w->arg);
}

/*
 * The text of an element's subtree, looked at without recursion and no
 * further than a few thousand nodes: does it hold only digits (and
 * blanks)?  Does it equal one of a few marks?
 */
int
html_subtree_text(
    const xmlNode *top, int (*ok)(const char *, void *), void *arg)
{
	struct html_text_walk w;

	w.ok = ok;
	w.arg = arg;
	return html_walk(top, html_text_visit, &w) == 0;
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
int
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
int
html_anchor_mark(const xmlNode *n)
{
	static const char *const names[] = { "anchor", "anchor-link",
		"anchorjs-link", "hash-link", "header-anchor", "headeranchor",
		"heading-anchor", "headerlink" };
	int seen = 0;

	return html_subtree_text(n, html_is_mark, &seen) &&
	    (seen || html_class(n, names, HTML_NITEMS(names)));
}

static int
html_pre_visit(const xmlNode *n, void *arg)
{
	(void)arg;
	return html_is(n, "pre");
}

/* Is there a pre in the subtree (a few thousand nodes deep at most)? */
int
html_has_pre(const xmlNode *top)
{
	return html_walk(top, html_pre_visit, NULL) == 1;
}

static int
html_blank_text(const char *s, void *arg)
{
	for (; *s != '\0'; s++)
		if (strchr(" \t\r\n\f", *s) == NULL)
			return 0;
	return 1;
}

/* Count the images in a subtree. */
static int
html_image_visit(const xmlNode *n, void *arg)
{
	int *imgs = arg;

	if (html_is(n, "img") || html_is(n, "svg"))
		(*imgs)++;
	return 0;
}

/* Is image n inside a link with no text (nor other image)? */
int
html_link_image(const xmlNode *n)
{
	const xmlNode *a;
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
	(void)html_walk(a, html_image_visit, &imgs);
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
int
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
int
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
void
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
		for (p = util_word(v, &len); p != NULL;
		     p = util_word(p + len, &len))
			if (syntax_python_word(p, len))
				return 1;
	}
	return 0;
}

/* Is this pre Python: marked on itself, a few ancestors, or the code
 * element inside it? */
int
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
