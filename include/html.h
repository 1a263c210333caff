/*
 * html: HTML fragments -> text: the plain text of a fragment for search
 * (html_to_text), and its layout as styled, wrapped terminal lines with
 * numbered links (html_render, html_render_entry), printed by
 * html_write.  Pure: bytes in, data out; libxml2's HTML parser with no
 * network access; no terminal output except through html_write() onto a
 * caller's FILE.  src/html.c describes the look; the module's files
 * (html*.c) share src/html_int.h, which no other module includes.
 */
#ifndef ORRERY_HTML_H
#define ORRERY_HTML_H

#include <stddef.h>
#include <stdio.h>

/*
 * The visible text of an HTML fragment, for search indexes and plain-text
 * fields: markup removed, entities decoded, script/style/comments dropped,
 * block boundaries and <br> turned into spaces.  Whitespace is not
 * collapsed here (util_clean_text does that).  The caller frees the
 * result; never NULL.
 */
char *html_to_text(const char *, size_t);
/* The same, cut to about its first max bytes (at a character boundary);
 * the parse stops there, so a long body costs what its start does. */
char *html_to_text_max(const char *, size_t, size_t max);

/* Attributes of a run of text (bits). */
#define HTML_A_BOLD 0x0001u	 /* strong, b, headings, table header */
#define HTML_A_ITALIC 0x0002u	 /* em, i, cite, dfn, var */
#define HTML_A_UNDERLINE 0x0004u /* u, ins, h1 */
#define HTML_A_STRIKE 0x0008u	 /* del, s, strike */
#define HTML_A_CODE 0x0010u	 /* inline code, kbd, samp, tt */
#define HTML_A_PRE 0x0020u	 /* inside a pre block */
#define HTML_A_HEADING 0x0040u	 /* h1-h6 */
#define HTML_A_LINK 0x0080u	 /* link text and its [n] */
#define HTML_A_MARK 0x0100u	 /* mark */
#define HTML_A_QUOTE 0x0200u	 /* blockquote bar */
#define HTML_A_DIM 0x0400u	 /* [image: ], [embed: ], sup/sub, captions */
#define HTML_A_MARKER 0x0800u	 /* list bullets and numbers */

/* Syntax classes for code (Pygments-like). */
enum html_syn {
	HTML_SYN_NONE = 0,
	HTML_SYN_KEYWORD,   /* def, class, import, if, True, None ... */
	HTML_SYN_STRING,    /* string literals, docstrings */
	HTML_SYN_COMMENT,   /* comments */
	HTML_SYN_NUMBER,    /* numeric literals */
	HTML_SYN_FUNCTION,  /* names of defined functions */
	HTML_SYN_CLASS,	    /* names of defined classes */
	HTML_SYN_DECORATOR, /* @decorator */
	HTML_SYN_BUILTIN,   /* print, len, self ... */
	HTML_SYN_OPERATOR,  /* operators */
	HTML_SYN_PROMPT,    /* >>> and ... of a console session */
	HTML_SYN_COUNT
};

/* A run of bytes in a line with one look. */
struct html_span {
	size_t off;    /* byte offset into html_line.text */
	size_t len;    /* bytes */
	unsigned attr; /* HTML_A_* */
	enum html_syn syn;
};

#define HTML_L_WIDE 0x01u    /* a pre line wider than the width */
#define HTML_L_HEADING 0x02u /* a heading line */

/*
 * One display line: valid UTF-8 with no control characters (no tabs, no
 * newline); width is its display width in columns.  Spans cover the
 * styled parts in order and do not overlap; bytes not in a span are plain.
 */
struct html_line {
	char *text;
	size_t len;
	int width;
	unsigned flags; /* HTML_L_* */
	struct html_span *spans;
	size_t nspans;
};

/* A rendering: the lines of the body, then the numbered links. */
struct html_doc {
	struct html_line *lines;
	size_t nlines;
	char **links; /* links[0] is [1] */
	size_t nlinks;
};

struct html_options {
	int width;	  /* text width in columns, >= 10 */
	const char *base; /* resolve relative href/src against it */
};

/*
 * Render an HTML fragment at a width.  Prose is wrapped to the width;
 * pre lines are never wrapped: a line wider than the width is kept whole
 * and flagged HTML_L_WIDE (the pager scrolls sideways to show it).  The
 * link list is not part of lines; html_write() prints it.  Never NULL.
 */
struct html_doc *html_render(const char *, size_t, const struct html_options *);
void html_doc_free(struct html_doc *);

/* An entry's header as the pager shows it; any field may be NULL. */
struct html_head {
	const char *title;
	const char *source;
	const char *author;
	const char *date; /* already formatted in the configured zone */
	const char *link;
	/* Enclosures: one header line each, "▶ label [n]", numbered with
	 * the links. */
	const struct html_attachment *attachments;
	size_t nattachments;
};

struct html_attachment {
	const char *url;
	const char *label; /* "audio/mpeg, 30 MB, 1:02:03" */
};

/*
 * An entry as the pager shows it: the header (the title in bold, wrapped;
 * "source · author"; the date; the link), a rule, then the body -- HTML
 * rendered as html_render does, or plain text (is_html 0) wrapped with its
 * line breaks kept.  Never NULL.
 */
struct html_doc *html_render_entry(const struct html_head *, const char *body,
    size_t len, int is_html, const struct html_options *);

/*
 * Print a rendering: the lines, then (when there are links) an empty line
 * and "[n] URL" per link.  With color, SGR sequences carry the attributes
 * and syntax classes; without, plain text.
 */
void html_write(FILE *, const struct html_doc *, int color);

#endif /* ORRERY_HTML_H */
