/*
 * opml: subscription lists in and out.  Owns OPML reading (1.0/1.1/2.0,
 * nested folders as "/"-joined categories), newsboat `urls` file reading,
 * OPML 2.0 writing, and the notes that say what could not be imported.
 *
 * Pure: bytes in, data out.  No file or network I/O, no globals, nothing
 * printed, no curses/curl/sqlite.  libxml2 runs with XML_PARSE_NONET |
 * XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING; the parser
 * context's own SAX handler drops every entity declaration and never
 * resolves or loads a DTD or external entity, so only the predefined
 * entities and character references are ever expanded.  Trees are walked
 * iteratively: the depth of a document cannot exhaust the stack.
 */
#include "opml.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "strmap.h"
#include "url.h"
#include "util.h"

/* How much of an offending line or name a note quotes. */
#define OPML_SHOW_MAX 100
/* opml_write nests at most this many folders; deeper path segments are
 * kept "/"-joined in the innermost folder's name (read back the same). */
#define OPML_WRITE_DEPTH 64

struct opml_list {
	struct opml_feed *feeds;
	size_t n;
	size_t size;
	struct strmap urls; /* the urls in feeds */
	char **notes;
	size_t nnotes;
	size_t notessize;
};

/* ---- helpers ------------------------------------------------------- */

/* Plain text of s for a note: cleaned, shortened, never NULL. */
static char *
opml_show(const char *s)
{
	char *c, *shown;
	size_t n;

	c = util_clean_text(s, strlen(s));
	if (c == NULL)
		return xstrdup("(empty)");
	n = strlen(c);
	if (n <= OPML_SHOW_MAX)
		return c;
	n = OPML_SHOW_MAX;
	while (n > 0 && ((unsigned char)c[n] & 0xc0) == 0x80)
		n--;
	c[n] = '\0';
	shown = xasprintf("%s...", c);
	free(c);
	return shown;
}

/*
 * A URL made safe to store and to write, by the one cleaning every URL
 * gets (url_clean): "" when nothing is left.  Takes ownership of u (which
 * may be NULL).
 */
static char *
opml_url_fix(char *u)
{
	char *c;

	if (u == NULL)
		return NULL;
	c = url_clean(u);
	free(u);
	return c != NULL ? c : xstrdup("");
}

static void opml_note(struct opml_list *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
opml_note(struct opml_list *l, const char *fmt, ...)
{
	va_list ap;

	if (l->nnotes == l->notessize) {
		l->notessize = l->notessize == 0 ? 8 : l->notessize * 2;
		l->notes =
		    xreallocarray(l->notes, l->notessize, sizeof *l->notes);
	}
	va_start(ap, fmt);
	l->notes[l->nnotes++] = xvasprintf(fmt, ap);
	va_end(ap);
}

/*
 * A category as it is stored and written back: "/"-separated folder
 * names, each cleaned, empty ones dropped ("a//b/" is "a/b", as the
 * folders opml_write makes of it read back).  NULL when nothing is left.
 */
static char *
opml_category(const char *category)
{
	struct buf b;
	const char *p, *slash;
	char *seg;

	if (category == NULL)
		return NULL;
	buf_init(&b, 0);
	for (p = category; *p != '\0'; p = *slash == '/' ? slash + 1 : slash) {
		slash = p + strcspn(p, "/");
		seg = util_clean_text(p, (size_t)(slash - p));
		if (seg == NULL)
			continue;
		if (b.len > 0)
			(void)buf_addc(&b, '/');
		(void)buf_addstr(&b, seg);
		free(seg);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/*
 * Add a feed, taking ownership of url, title and html_url; category is
 * copied (through opml_category).  A url already in the list is dropped
 * (the first wins).
 */
static struct opml_feed *
opml_add(struct opml_list *l, char *url, char *title, char *html_url,
    const char *category)
{
	struct opml_feed *f;

	if (!strmap_add(&l->urls, url, l->n)) {
		free(url);
		free(title);
		free(html_url);
		return NULL;
	}
	if (l->n == l->size) {
		l->size = l->size == 0 ? 16 : l->size * 2;
		l->feeds = xreallocarray(l->feeds, l->size, sizeof *l->feeds);
	}
	f = &l->feeds[l->n++];
	f->url = url;
	f->title = title;
	f->html_url = html_url;
	f->category = opml_category(category);
	f->feed_title = NULL;
	return f;
}

static void
opml_list_free(struct opml_list *l)
{
	opml_free(l->feeds, l->n);
	opml_free_notes(l->notes, l->nnotes);
	strmap_free(&l->urls);
	memset(l, 0, sizeof *l);
}

void
opml_free(struct opml_feed *feeds, size_t n)
{
	size_t i;

	if (feeds == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(feeds[i].url);
		free(feeds[i].title);
		free(feeds[i].html_url);
		free(feeds[i].category);
		free(feeds[i].feed_title);
	}
	free(feeds);
}

void
opml_free_notes(char **notes, size_t n)
{
	size_t i;

	if (notes == NULL)
		return;
	for (i = 0; i < n; i++)
		free(notes[i]);
	free(notes);
}

/* ---- OPML ---------------------------------------------------------- */

struct opml_xml_errors {
	int line; /* of the first error, 0 when none */
	char *message;
	int deep; /* libxml2 stopped at its nesting limit */
	int deep_line;
};

static void
opml_xml_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;
	struct opml_xml_errors *errs;
	const char *msg;

	if (ctxt == NULL || ctxt->_private == NULL || e == NULL)
		return;
	errs = ctxt->_private;
	msg = e->message != NULL ? e->message : "unknown error";
	if (e->code == XML_ERR_INTERNAL_ERROR && strstr(msg, "depth") != NULL) {
		if (!errs->deep) {
			errs->deep = 1;
			errs->deep_line = e->line;
		}
		return;
	}
	if (errs->message == NULL) {
		errs->line = e->line;
		errs->message = util_clean_text(msg, strlen(msg));
		if (errs->message == NULL)
			errs->message = xstrdup("unknown error");
	}
}

/*
 * An attribute's trimmed value by case-insensitive name (xmlUrl, xmlurl,
 * XMLURL ...): the first non-empty one, or NULL.
 */
static char *
opml_attr(const xmlNode *node, const char *name)
{
	const xmlAttr *a;
	xmlChar *v;
	char *s;

	for (a = node->properties; a != NULL; a = a->next) {
		if (a->ns != NULL ||
		    !util_strcaseeq((const char *)a->name, name))
			continue;
		v = xmlNodeListGetString(node->doc, a->children, 1);
		if (v == NULL)
			continue;
		s = util_trim_dup((const char *)v, strlen((const char *)v));
		xmlFree(v);
		if (s != NULL)
			return s;
	}
	return NULL;
}

/* The cleaned title attribute, else the cleaned text attribute. */
static char *
opml_title(const xmlNode *node)
{
	const char *names[] = { "title", "text" };
	char *raw, *t;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		raw = opml_attr(node, names[i]);
		if (raw == NULL)
			continue;
		t = util_clean_text(raw, strlen(raw));
		free(raw);
		if (t != NULL)
			return t;
	}
	return NULL;
}

static int
opml_is(const xmlNode *node, const char *name)
{
	return node->type == XML_ELEMENT_NODE &&
	    util_strcaseeq((const char *)node->name, name);
}

static void
opml_path_cut(struct buf *path, size_t len)
{
	path->len = len;
	if (path->data != NULL)
		path->data[len] = '\0';
}

/*
 * Collect every <outline> under root outside <head>, in document order.
 * Iterative: marks[] holds the category path length to restore when the
 * walk climbs back out of each element it entered.
 */
static void
opml_walk(struct opml_list *l, xmlNode *root)
{
	struct buf path;
	xmlNode *cur;
	size_t *marks = NULL, depth = 0, size = 0, mark;
	struct opml_feed *f;
	char *url, *name, *html, *raw;
	int enter;

	buf_init(&path, 0);
	cur = root->children;
	while (cur != NULL) {
		mark = path.len;
		enter = 0;
		if (opml_is(cur, "head"))
			enter = 0; /* the head holds no subscriptions */
		else if (opml_is(cur, "outline")) {
			enter = 1;
			url = opml_attr(cur, "xmlurl");
			if (url != NULL) {
				url = opml_url_fix(url);
				name = opml_title(cur);
				if (name != NULL && strcmp(name, url) == 0) {
					/* Only the url again: not a title. */
					free(name);
					name = NULL;
				}
				html = opml_url_fix(opml_attr(cur, "htmlurl"));
				f = opml_add(l, url, name, html,
				    path.len > 0 ? path.data : NULL);
				raw = f != NULL ? opml_attr(cur, "feedtitle")
						: NULL;
				if (raw != NULL) {
					f->feed_title =
					    util_clean_text(raw, strlen(raw));
					free(raw);
				}
			} else {
				name = opml_title(cur);
				if (name != NULL) {
					if (path.len > 0)
						(void)buf_addc(&path, '/');
					(void)buf_addstr(&path, name);
					free(name);
				}
			}
		} else if (cur->type == XML_ELEMENT_NODE)
			enter = 1;

		if (enter && cur->children != NULL) {
			if (depth == size) {
				size = size == 0 ? 16 : size * 2;
				marks =
				    xreallocarray(marks, size, sizeof *marks);
			}
			marks[depth++] = mark;
			cur = cur->children;
			continue;
		}
		opml_path_cut(&path, mark);
		while (cur != NULL && cur->next == NULL) {
			cur = cur->parent;
			if (cur == root || cur == NULL || depth == 0) {
				cur = NULL;
				break;
			}
			opml_path_cut(&path, marks[--depth]);
		}
		if (cur != NULL)
			cur = cur->next;
	}
	free(marks);
	buf_free(&path);
}

/*
 * The document as UTF-8 for libxml2, which then never converts anything
 * itself (XML_PARSE_IGNORE_ENC): its conversion errors would bypass the
 * parser context and reach the terminal.  util_to_utf8 decides the
 * charset (BOM, declaration, UTF-8; windows-1252 for bytes that are not
 * UTF-8); its repairs become notes.  Returns a malloc'd copy (*copy, which
 * the caller frees) from the first non-blank byte on.
 */
static const char *
opml_to_utf8(
    struct opml_list *l, const char *s, size_t n, size_t *outlen, char **copy)
{
	char *conv, *label, *shown;
	size_t len, i;
	int flags;

	conv = util_to_utf8(s, n, NULL, &len, &flags);
	if (flags & UTIL_UTF8_UNKNOWN_CHARSET) {
		label = util_declared_encoding(s, n);
		shown = opml_show(label != NULL ? label : "?");
		opml_note(l, "unknown encoding \"%s\": read as UTF-8", shown);
		free(shown);
		free(label);
	}
	if (flags & UTIL_UTF8_NOT_UTF8)
		opml_note(
		    l, "the document is not valid UTF-8: read as windows-1252");
	for (i = 0; i < len && util_isspace((unsigned char)conv[i]); i++)
		continue;
	*copy = conv;
	*outlen = len - i;
	return conv + i;
}

static int
opml_xml(struct opml_list *l, const char *s, size_t n, char **cause)
{
	struct opml_xml_errors errs;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	xmlNode *root;
	char *name, *copy;
	int rv = 0;

	if (n > INT_MAX)
		return util_fail(cause, "not OPML: the document is too large");
	s = opml_to_utf8(l, s, n, &n, &copy);
	memset(&errs, 0, sizeof errs);
	ctxt = n > 0 ? xmlCreateMemoryParserCtxt(s, (int)n) : NULL;
	if (ctxt == NULL) {
		free(copy);
		return util_fail(cause, "not OPML: no XML element");
	}
	/*
	 * This context's own SAX handler: no entity declarations (so no
	 * expansion bombs and no external entities), no external subset, no
	 * resolver; errors go to opml_xml_error, never to the terminal.
	 */
	ctxt->sax->entityDecl = NULL;
	ctxt->sax->unparsedEntityDecl = NULL;
	ctxt->sax->externalSubset = NULL;
	ctxt->sax->resolveEntity = NULL;
	ctxt->sax->serror = opml_xml_error;
	ctxt->userData = ctxt;
	ctxt->_private = &errs;
	(void)xmlCtxtUseOptions(ctxt,
	    XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |
		XML_PARSE_NOWARNING | XML_PARSE_IGNORE_ENC);
	(void)xmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	xmlFreeParserCtxt(ctxt);

	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL) {
		if (errs.message != NULL)
			rv = util_fail(cause,
			    "not OPML: the XML is malformed (line %d: %s)",
			    errs.line, errs.message);
		else
			rv = util_fail(cause, "not OPML: no XML element");
		goto out;
	}
	if (!util_strcaseeq((const char *)root->name, "opml")) {
		name = opml_show((const char *)root->name);
		rv = util_fail(cause, "not OPML: the document is <%s>", name);
		free(name);
		goto out;
	}
	opml_walk(l, root);
	if (errs.message != NULL)
		opml_note(l,
		    "line %d: the XML is malformed (%s); kept the outlines "
		    "that could be read",
		    errs.line, errs.message);
	if (errs.deep)
		opml_note(l,
		    "line %d: outlines nested too deeply (the XML parser "
		    "stops at 256 levels) were not read",
		    errs.deep_line);
out:
	free(errs.message);
	if (doc != NULL)
		xmlFreeDoc(doc);
	free(copy);
	return rv;
}

/* ---- newsboat urls file -------------------------------------------- */

struct opml_tokens {
	char **v;
	size_t n;
	size_t size;
};

static void
opml_tokens_clear(struct opml_tokens *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	t->n = 0;
}

/*
 * Split one line as newsboat does: blank-separated tokens, a token may be
 * "double quoted" (with \" and \\ inside), an unquoted # starts a comment.
 */
static void
opml_tokenize(struct opml_tokens *t, const char *s, size_t n)
{
	struct buf tok;
	size_t i = 0;

	opml_tokens_clear(t);
	for (;;) {
		while (i < n && util_isspace((unsigned char)s[i]))
			i++;
		if (i >= n || s[i] == '#')
			break;
		buf_init(&tok, 0);
		if (s[i] == '"') {
			i++;
			while (i < n && s[i] != '"') {
				if (s[i] == '\\' && i + 1 < n)
					i++;
				(void)buf_addc(&tok, s[i]);
				i++;
			}
			if (i < n)
				i++;
		} else {
			while (i < n && !util_isspace((unsigned char)s[i])) {
				(void)buf_addc(&tok, s[i]);
				i++;
			}
		}
		if (t->n == t->size) {
			t->size = t->size == 0 ? 8 : t->size * 2;
			t->v = xreallocarray(t->v, t->size, sizeof *t->v);
		}
		t->v[t->n++] =
		    tok.data != NULL ? buf_detach(&tok, NULL) : xstrdup("");
	}
}

static int
opml_is_feed_url(const char *u)
{
	const char *schemes[] = { "http://", "https://", "file://" };
	size_t i, len;

	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		len = strlen(schemes[i]);
		if (util_strncaseeq(u, schemes[i], len) && u[len] != '\0')
			return 1;
	}
	return 0;
}

static int
opml_urls(struct opml_list *l, const char *s, size_t n, char **cause)
{
	const char *kinds[] = { "query", "exec", "filter" };
	struct opml_tokens t;
	const char *p, *end, *eol, *kind;
	size_t line = 0, bad = 0, first_bad = 0, i, k;
	char *shown, *title, *category, *first = NULL;
	struct buf extra;

	if (memchr(s, '\0', n) != NULL)
		return util_fail(
		    cause, "not OPML or a urls file: the data is binary");
	memset(&t, 0, sizeof t);
	buf_init(&extra, 4096);
	p = s;
	end = s + n;
	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		line++;
		opml_tokenize(&t, p, (size_t)(eol - p));
		p = eol < end ? eol + 1 : end;
		if (t.n == 0)
			continue;

		kind = NULL;
		for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
			if (strncmp(t.v[0], kinds[k], strlen(kinds[k])) == 0 &&
			    t.v[0][strlen(kinds[k])] == ':')
				kind = kinds[k];
		}
		if (kind != NULL) {
			shown = opml_show(t.v[0]);
			opml_note(l, "line %zu: %s feeds are not supported: %s",
			    line, kind, shown);
			free(shown);
			continue;
		}
		if (!opml_is_feed_url(t.v[0])) {
			shown = opml_show(t.v[0]);
			opml_note(
			    l, "line %zu: not a feed URL: %s", line, shown);
			if (bad++ == 0) {
				first = shown;
				first_bad = line;
			} else
				free(shown);
			continue;
		}

		title = category = NULL;
		buf_reset(&extra);
		for (i = 1; i < t.n; i++) {
			if (t.v[i][0] == '~') {
				if (title == NULL)
					title = util_clean_text(
					    t.v[i] + 1, strlen(t.v[i] + 1));
			} else if (t.v[i][0] == '!')
				continue; /* hidden: nothing to import */
			else if (category == NULL)
				category =
				    util_clean_text(t.v[i], strlen(t.v[i]));
			else {
				/* A feed has one category: say which tags
				 * are not kept rather than drop them. */
				shown = opml_show(t.v[i]);
				buf_printf(&extra, "%s%s",
				    extra.len > 0 ? ", " : "", shown);
				free(shown);
			}
		}
		if (extra.len > 0)
			opml_note(l,
			    "line %zu: the first tag, %s, is the category; "
			    "not kept: %s",
			    line, category, extra.data);
		opml_add(
		    l, opml_url_fix(xstrdup(t.v[0])), title, NULL, category);
		free(category);
	}
	opml_tokens_clear(&t);
	free(t.v);
	buf_free(&extra);

	if (l->n == 0 && bad > 0) {
		util_fail(cause,
		    "not OPML or a urls file: line %zu is not a feed URL: %s",
		    first_bad, first);
		free(first);
		return -1;
	}
	free(first);
	return 0;
}

/* ---- entry points -------------------------------------------------- */

int
opml_parse(const char *data, size_t len, struct opml_feed **out, size_t *n,
    char ***skipped, size_t *nskipped, char **cause)
{
	struct opml_list l;
	const unsigned char *u = (const unsigned char *)data;
	size_t i = 0, start = 0;
	int rv;

	*out = NULL;
	*n = 0;
	if (skipped != NULL)
		*skipped = NULL;
	if (nskipped != NULL)
		*nskipped = 0;
	memset(&l, 0, sizeof l);
	if (data == NULL)
		len = 0;

	if (len >= 2 &&
	    ((u[0] == 0xfe && u[1] == 0xff) || (u[0] == 0xff && u[1] == 0xfe)))
		rv = opml_xml(&l, data, len, cause); /* UTF-16: XML */
	else {
		if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
			start = i = 3;
		while (i < len && util_isspace(u[i]))
			i++;
		if (i == len)
			rv = util_fail(cause,
			    "not OPML or a urls file: the input is empty");
		else if (u[i] == '<')
			rv = opml_xml(&l, data + i, len - i, cause);
		else
			rv = opml_urls(&l, data + start, len - start, cause);
	}
	if (rv != 0) {
		opml_list_free(&l);
		return -1;
	}
	*out = l.feeds;
	*n = l.n;
	if (skipped != NULL && nskipped != NULL) {
		*skipped = l.notes;
		*nskipped = l.nnotes;
	} else
		opml_free_notes(l.notes, l.nnotes);
	strmap_free(&l.urls);
	return 0;
}

/* ---- writing ------------------------------------------------------- */

struct opml_wnode;

struct opml_went {
	struct opml_wnode *folder; /* NULL: a feed */
	size_t feed;
};

struct opml_wnode {
	char *name; /* NULL for the root */
	struct opml_wnode *parent;
	struct opml_went *ents; /* feeds and folders, first use first */
	size_t nents;
	size_t size;
	size_t pos; /* the writer's cursor */
};

static void
opml_wadd(struct opml_wnode *node, struct opml_wnode *folder, size_t feed)
{
	if (node->nents == node->size) {
		node->size = node->size == 0 ? 4 : node->size * 2;
		node->ents =
		    xreallocarray(node->ents, node->size, sizeof *node->ents);
	}
	node->ents[node->nents].folder = folder;
	node->ents[node->nents].feed = feed;
	node->nents++;
}

static struct opml_wnode *
opml_wchild(struct opml_wnode *node, char *name)
{
	struct opml_wnode *c;
	size_t i;

	for (i = 0; i < node->nents; i++) {
		c = node->ents[i].folder;
		if (c != NULL && strcmp(c->name, name) == 0) {
			free(name);
			return c;
		}
	}
	c = xcalloc(1, sizeof *c);
	c->name = name;
	c->parent = node;
	opml_wadd(node, c, 0);
	return c;
}

/* The folder for a category: "/"-separated, cleaned, empty parts skipped. */
static struct opml_wnode *
opml_wfolder(struct opml_wnode *root, const char *category)
{
	struct opml_wnode *node = root;
	const char *p, *slash;
	char *seg, *joined, *tmp;
	size_t depth = 0;

	if (category == NULL)
		return root;
	p = category;
	while (*p != '\0') {
		slash = strchr(p, '/');
		if (slash == NULL)
			slash = p + strlen(p);
		seg = util_clean_text(p, (size_t)(slash - p));
		p = *slash == '/' ? slash + 1 : slash;
		if (seg == NULL)
			continue;
		if (depth + 1 == OPML_WRITE_DEPTH && *p != '\0') {
			/* Keep the rest in this folder's name. */
			joined = seg;
			while (*p != '\0') {
				slash = strchr(p, '/');
				if (slash == NULL)
					slash = p + strlen(p);
				seg = util_clean_text(p, (size_t)(slash - p));
				p = *slash == '/' ? slash + 1 : slash;
				if (seg == NULL)
					continue;
				tmp = xasprintf("%s/%s", joined, seg);
				free(joined);
				free(seg);
				joined = tmp;
			}
			seg = joined;
		}
		node = opml_wchild(node, seg);
		depth++;
	}
	return node;
}

static void
opml_wfree(struct opml_wnode *root)
{
	struct opml_wnode *node = root, *parent;
	size_t i;

	/* Post-order, iteratively: free children before their parent. */
	for (;;) {
		for (i = node->pos; i < node->nents; i++) {
			if (node->ents[i].folder != NULL)
				break;
		}
		if (i < node->nents) {
			node->pos = i + 1;
			node = node->ents[i].folder;
			node->pos = 0;
			continue;
		}
		parent = node->parent;
		free(node->ents);
		free(node->name);
		if (node == root)
			break;
		free(node);
		node = parent;
	}
}

/* Append s escaped for an XML attribute or text: valid UTF-8 only. */
static void
opml_esc(struct buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, len;
	unsigned int cp;

	while (i < n) {
		len = util_utf8_decode(u + i, n - i, &cp);
		if (len == 0) {
			(void)buf_addstr(b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		switch (cp) {
		case '&':
			(void)buf_addstr(b, "&amp;");
			break;
		case '<':
			(void)buf_addstr(b, "&lt;");
			break;
		case '>':
			(void)buf_addstr(b, "&gt;");
			break;
		case '"':
			(void)buf_addstr(b, "&quot;");
			break;
		case '\'':
			(void)buf_addstr(b, "&apos;");
			break;
		case '\t':
		case '\n':
		case '\r':
			(void)buf_printf(b, "&#%u;", cp);
			break;
		default:
			/* Characters XML 1.0 cannot carry at all. */
			if (cp < 0x20 || cp == 0xfffe || cp == 0xffff)
				break;
			(void)buf_add(b, s + i, len);
			break;
		}
		i += len;
	}
}

static void
opml_indent(struct buf *b, size_t depth)
{
	size_t i;

	for (i = 0; i < depth; i++)
		(void)buf_addstr(b, "  ");
}

static void
opml_wfeed(struct buf *b, const struct opml_feed *f, size_t depth)
{
	char *t, *url, *html = NULL;

	url = opml_url_fix(util_trim_dup(f->url, strlen(f->url)));
	if (url == NULL)
		return;
	t = f->title != NULL ? util_clean_text(f->title, strlen(f->title))
			     : NULL;
	opml_indent(b, depth);
	(void)buf_addstr(b, "<outline type=\"rss\" text=\"");
	opml_esc(b, t != NULL ? t : url);
	(void)buf_addstr(b, "\" title=\"");
	opml_esc(b, t != NULL ? t : url);
	(void)buf_addstr(b, "\" xmlUrl=\"");
	opml_esc(b, url);
	(void)buf_addc(b, '"');
	if (f->html_url != NULL)
		html = opml_url_fix(
		    util_trim_dup(f->html_url, strlen(f->html_url)));
	if (html != NULL && *html != '\0') {
		(void)buf_addstr(b, " htmlUrl=\"");
		opml_esc(b, html);
		(void)buf_addc(b, '"');
	}
	free(t);
	t = f->feed_title != NULL
	    ? util_clean_text(f->feed_title, strlen(f->feed_title))
	    : NULL;
	if (t != NULL) {
		(void)buf_addstr(b, " feedTitle=\"");
		opml_esc(b, t);
		(void)buf_addc(b, '"');
	}
	(void)buf_addstr(b, "/>\n");
	free(html);
	free(url);
	free(t);
}

char *
opml_write(const struct opml_feed *feeds, size_t n, const char *title)
{
	struct opml_wnode root, *node;
	struct opml_went *e;
	struct buf b;
	char *t;
	size_t i, depth = 0;

	memset(&root, 0, sizeof root);
	for (i = 0; i < n; i++) {
		if (feeds[i].url == NULL)
			continue;
		opml_wadd(opml_wfolder(&root, feeds[i].category), NULL, i);
	}

	buf_init(&b, 0);
	(void)buf_addstr(&b,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n"
	    "  <head>\n"
	    "    <title>");
	t = title != NULL ? util_clean_text(title, strlen(title)) : NULL;
	opml_esc(&b, t != NULL ? t : "orrery subscriptions");
	free(t);
	(void)buf_addstr(&b,
	    "</title>\n"
	    "  </head>\n"
	    "  <body>\n");

	node = &root;
	for (;;) {
		if (node->pos < node->nents) {
			e = &node->ents[node->pos++];
			if (e->folder == NULL) {
				opml_wfeed(&b, &feeds[e->feed], depth + 2);
				continue;
			}
			opml_indent(&b, depth + 2);
			(void)buf_addstr(&b, "<outline text=\"");
			opml_esc(&b, e->folder->name);
			(void)buf_addstr(&b, "\">\n");
			node = e->folder;
			depth++;
			continue;
		}
		if (node == &root)
			break;
		depth--;
		opml_indent(&b, depth + 2);
		(void)buf_addstr(&b, "</outline>\n");
		node = node->parent;
	}
	(void)buf_addstr(&b,
	    "  </body>\n"
	    "</opml>\n");

	root.pos = 0;
	opml_wfree(&root);
	return buf_detach(&b, NULL);
}
