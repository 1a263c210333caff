/*
 * syntax: code colouring for the html renderer.  Maps the classes that
 * highlighters leave in HTML (Pygments, Chroma, Rouge, highlight.js,
 * Prism) to syntax classes, and highlights Python source or a console
 * session that came without them.  Pure: text in, tokens out; no I/O,
 * no globals, nothing about HTML trees.
 */
#ifndef ORRERY_SYNTAX_H
#define ORRERY_SYNTAX_H

#include <stddef.h>

#include "html.h"

/* A run of source bytes with one syntax class. */
struct syntax_tok {
	size_t off;
	size_t len;
	enum html_syn syn;
};

/* Tokens in order, not overlapping; the caller frees v. */
struct syntax_toks {
	struct syntax_tok *v;
	size_t n;
	size_t size;
};

/*
 * The syntax class a class attribute's words name, or HTML_SYN_NONE.
 * Pygments' one- and two-letter names only count when inpre (inside a
 * pre block); elsewhere they are too likely to mean something else.
 */
enum html_syn syntax_class(const char *cls, int inpre);

/* Does a class word or data-lang value (n bytes) say Python
 * ("language-python", "lang-py3", "brush:python;", "pycon" ...)? */
int syntax_python_word(const char *, size_t n);

/*
 * Highlight Python source, or a ">>>" / IPython console session (its
 * prompts as HTML_SYN_PROMPT, its output left plain): keywords,
 * builtins, strings (prefixes, triple quotes across lines), comments,
 * numbers, decorators, the names after def and class, operators.  The
 * tokens are appended to t.
 */
void syntax_python(const char *, size_t, struct syntax_toks *t);

#endif /* ORRERY_SYNTAX_H */
