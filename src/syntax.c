/*
 * syntax: code colouring.  Owns the class-name maps of Pygments (also
 * Chroma and Rouge), highlight.js and Prism, and a small Python (and
 * Python console) highlighter for code that came without classes.  Pure:
 * text in, tokens out; must not look at HTML trees or lay anything out
 * (html_render.c and html_layout.c do, with what comes out of here).
 */
#include "syntax.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define SYNTAX_NITEMS(a) (sizeof(a) / sizeof((a)[0]))

struct syntax_cmap {
	const char *name;
	enum html_syn syn;
};

/* Pygments' short class names (Chroma and Rouge use the same). */
static const struct syntax_cmap syntax_pygments[] = {
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
static const struct syntax_cmap syntax_hljs[] = {
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
static const struct syntax_cmap syntax_prism[] = {
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

/*
 * Binary search of a sorted table of n items of size bytes each, whose
 * first member is the name: the index of the one named by the len bytes
 * at s, or n when there is none.  The class maps and the Python word
 * lists both go through here.
 */
static size_t
syntax_search(const void *t, size_t n, size_t size, const char *s, size_t len)
{
	const char *name;
	size_t lo = 0, hi = n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		memcpy(&name, (const char *)t + mid * size, sizeof name);
		c = strncmp(s, name, len);
		if (c == 0 && name[len] != '\0')
			c = -1;
		if (c < 0)
			hi = mid;
		else if (c > 0)
			lo = mid + 1;
		else
			return mid;
	}
	return n;
}

static enum html_syn
syntax_cmap_find(
    const struct syntax_cmap *t, size_t n, const char *s, size_t len)
{
	size_t i;

	i = syntax_search(t, n, sizeof *t, s, len);
	return i < n ? t[i].syn : HTML_SYN_NONE;
}

enum html_syn
syntax_class(const char *cls, int inpre)
{
	const char *p;
	enum html_syn syn;
	size_t len;
	int prism = 0, klass = 0, prompt = 0;

	for (p = util_word(cls, &len); p != NULL;
	     p = util_word(p + len, &len)) {
		if (len == 5 && memcmp(p, "token", 5) == 0)
			prism = 1;
		else if (len == 6 && memcmp(p, "class_", 6) == 0)
			klass = 1;
		else if (len == 7 && memcmp(p, "prompt_", 7) == 0)
			prompt = 1;
	}
	for (p = util_word(cls, &len); p != NULL;
	     p = util_word(p + len, &len)) {
		syn = HTML_SYN_NONE;
		if (len > 5 && memcmp(p, "hljs-", 5) == 0) {
			syn = syntax_cmap_find(syntax_hljs,
			    SYNTAX_NITEMS(syntax_hljs), p + 5, len - 5);
			if (syn == HTML_SYN_FUNCTION && klass)
				syn = HTML_SYN_CLASS;
			if (syn == HTML_SYN_DECORATOR && prompt)
				syn = HTML_SYN_PROMPT;
		} else if (prism)
			syn = syntax_cmap_find(
			    syntax_prism, SYNTAX_NITEMS(syntax_prism), p, len);
		else if (inpre)
			syn = syntax_cmap_find(syntax_pygments,
			    SYNTAX_NITEMS(syntax_pygments), p, len);
		if (syn != HTML_SYN_NONE)
			return syn;
	}
	return HTML_SYN_NONE;
}

int
syntax_python_word(const char *p, size_t len)
{
	static const char *const pfx[] = { "language-", "lang-", "highlight-",
		"brush:", "source-" };
	static const char *const names[] = { "ipython", "ipython3", "py", "py3",
		"pycon", "python", "python3" };
	size_t i, k;

	while (len > 0 && p[len - 1] == ';')
		len--;
	for (i = 0; i < SYNTAX_NITEMS(pfx); i++) {
		k = strlen(pfx[i]);
		if (len > k && util_strncaseeq(p, pfx[i], k)) {
			p += k;
			len -= k;
			break;
		}
	}
	for (i = 0; i < SYNTAX_NITEMS(names); i++)
		if (strlen(names[i]) == len &&
		    util_strncaseeq(p, names[i], len))
			return 1;
	return 0;
}

static void
tok_add(struct syntax_toks *t, size_t off, size_t len, enum html_syn syn)
{
	struct syntax_tok *s;

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
	return syntax_search(list, n, sizeof *list, s, len) < n;
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

/* The highlighter's place in the source. */
struct py_scan {
	const char *s;
	struct syntax_toks *t;
	size_t ls; /* the line is [ls, le) */
	size_t le;
	int first; /* no token yet on the line */
	int after; /* after def (1) or class (2) */
	char open; /* the quote of a triple-quoted string left open */
};

/*
 * A console session's prompt at the start of the line (console 1: ">>>"
 * and "...", 2: IPython's): its token, with *i moved past it.  Returns
 * 1 for a line of output, which is left plain.
 */
static int
py_prompt(struct py_scan *ps, int console, size_t *i)
{
	const char *s = ps->s;
	size_t ls = ps->ls, le = ps->le, j;
	int k;

	if (console == 2) {
		k = py_ipython(s, ls, le, &j);
		if (k > 0) {
			tok_add(ps->t, ls, j - ls, HTML_SYN_PROMPT);
			*i = j;
		}
		return k == 2 || (k == 0 && !ps->open);
	}
	if (le - ls >= 3 &&
	    (memcmp(s + ls, ">>>", 3) == 0 || memcmp(s + ls, "...", 3) == 0) &&
	    (le - ls == 3 || s[ls + 3] == ' ')) {
		tok_add(ps->t, ls, 3, HTML_SYN_PROMPT);
		*i = ls + 3;
		return 0;
	}
	return !ps->open;
}

/* A string literal at i, maybe with a prefix: its end, or i. */
static size_t
py_string(struct py_scan *ps, size_t i)
{
	const char *s = ps->s;
	size_t le = ps->le, j, k;
	char q;

	for (j = i; j < le && j - i < 2 && strchr("rRbBuUfF", s[j]) != NULL &&
	     s[j] != '\0';
	     j++)
		;
	if (j >= le || (s[j] != '"' && s[j] != '\''))
		return i;
	q = s[j];
	if (j + 2 < le && s[j + 1] == q && s[j + 2] == q)
		k = py_triple(s, le, j + 3, q, &ps->open);
	else {
		for (k = j + 1; k < le && s[k] != q; k++)
			if (s[k] == '\\')
				k++;
		k = k < le ? k + 1 : le;
	}
	tok_add(ps->t, i, k - i, HTML_SYN_STRING);
	return k;
}

/* The number starting at i: its end. */
static size_t
py_number(struct py_scan *ps, size_t i)
{
	const char *s = ps->s;
	size_t le = ps->le, j;

	for (j = i + 1; j < le; j++) {
		if (py_ident((unsigned char)s[j]) || s[j] == '.')
			continue;
		/* An exponent's sign, but not in a hexadecimal number. */
		if ((s[j] == '+' || s[j] == '-') &&
		    (s[j - 1] == 'e' || s[j - 1] == 'E') &&
		    !(i + 1 < le && (s[i + 1] == 'x' || s[i + 1] == 'X')))
			continue;
		break;
	}
	tok_add(ps->t, i, j - i, HTML_SYN_NUMBER);
	return j;
}

/* The name starting at i: a keyword ("match" and "case" only where they
 * start a statement), a builtin, or what def or class defines.  Returns
 * its end. */
static size_t
py_name(struct py_scan *ps, size_t i)
{
	const char *s = ps->s;
	enum html_syn syn = HTML_SYN_NONE;
	size_t ls = ps->ls, le = ps->le, j;

	for (j = i + 1; j < le && py_ident((unsigned char)s[j]); j++)
		;
	if (ps->after == 1)
		syn = HTML_SYN_FUNCTION;
	else if (ps->after == 2)
		syn = HTML_SYN_CLASS;
	else if (py_find(py_keywords, SYNTAX_NITEMS(py_keywords), s + i, j - i))
		syn = HTML_SYN_KEYWORD;
	else if (ps->first &&
	    ((j - i == 5 && memcmp(s + i, "match", 5) == 0) ||
		(j - i == 4 && memcmp(s + i, "case", 4) == 0)) &&
	    py_colon(s, j, le))
		syn = HTML_SYN_KEYWORD;
	else if ((i == ls || s[i - 1] != '.') &&
	    py_find(py_builtins, SYNTAX_NITEMS(py_builtins), s + i, j - i))
		syn = HTML_SYN_BUILTIN;
	if (j - i == 3 && memcmp(s + i, "def", 3) == 0)
		ps->after = 1;
	else if (j - i == 5 && memcmp(s + i, "class", 5) == 0)
		ps->after = 2;
	else
		ps->after = 0;
	tok_add(ps->t, i, j - i, syn);
	return j;
}

/* The code of the line from i. */
static void
py_line(struct py_scan *ps, size_t i)
{
	const char *s = ps->s;
	size_t le = ps->le, j;
	char c;

	if (ps->open) {
		j = py_triple(s, le, i, ps->open, &ps->open);
		tok_add(ps->t, i, j - i, HTML_SYN_STRING);
		i = j;
	}
	ps->first = 1;
	ps->after = 0;
	while (i < le) {
		c = s[i];
		if (c == ' ' || c == '\t') {
			i++;
			continue;
		}
		if (c == '#') {
			tok_add(ps->t, i, le - i, HTML_SYN_COMMENT);
			break;
		}
		j = py_string(ps, i);
		if (j > i) {
			i = j;
			ps->first = ps->after = 0;
		} else if ((c >= '0' && c <= '9') ||
		    (c == '.' && i + 1 < le && s[i + 1] >= '0' &&
			s[i + 1] <= '9')) {
			i = py_number(ps, i);
			ps->first = ps->after = 0;
		} else if (py_start((unsigned char)c)) {
			i = py_name(ps, i);
			ps->first = 0;
		} else if (c == '@' && ps->first) {
			for (j = i + 1; j < le &&
			     (py_ident((unsigned char)s[j]) || s[j] == '.');
			     j++)
				;
			tok_add(ps->t, i, j - i, HTML_SYN_DECORATOR);
			i = j;
			ps->first = 0;
		} else {
			if (strchr("+-*/%=<>!&|^~@", c) != NULL)
				tok_add(ps->t, i, 1, HTML_SYN_OPERATOR);
			i++;
			ps->first = ps->after = 0;
		}
	}
}

void
syntax_python(const char *s, size_t n, struct syntax_toks *t)
{
	struct py_scan ps;
	size_t i, j;
	int console;

	memset(&ps, 0, sizeof ps);
	ps.s = s;
	ps.t = t;
	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'); i++)
		;
	console = n - i >= 3 && memcmp(s + i, ">>>", 3) == 0;
	if (!console && py_ipython(s, i, n, &j) == 1)
		console = 2;
	for (ps.ls = 0; ps.ls < n; ps.ls = ps.le + 1) {
		ps.le = ps.ls;
		while (ps.le < n && s[ps.le] != '\n')
			ps.le++;
		i = ps.ls;
		if (console && py_prompt(&ps, console, &i))
			continue; /* output */
		py_line(&ps, i);
	}
}
