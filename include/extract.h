/*
 * extract: a whole web page -> its article, the way a reader view does
 * (Mozilla Readability is the reference): the main text with its
 * headings, lists, code, tables, images and links, without navigation,
 * sidebars, share buttons, cookie banners, comments, related posts or
 * footers.  The result is HTML for html.c to render like any entry body.
 * Pure: bytes in, a string out; libxml2's HTML parser with
 * HTML_PARSE_NONET, no I/O, nothing printed, no globals.
 */
#ifndef ORRERY_EXTRACT_H
#define ORRERY_EXTRACT_H

#include <stddef.h>

/*
 * The article of the page's len bytes as HTML (UTF-8), malloc'd; the
 * caller frees it.  charset is the one HTTP named (Content-Type), NULL
 * when none: as in a browser it wins over the page's own <meta> (after
 * a byte order mark, and with the repairs feeds get: a Latin-1 label on
 * bytes that are UTF-8 means UTF-8).  Links stay as written, for the
 * renderer to resolve against the page's URL.  NULL with *cause when no
 * block of the page reads like an article (too little text) or the page
 * cannot be read.  Work and memory are bounded by the page's size (one
 * parse, a few linear walks).
 */
char *extract_article(
    const char *page, size_t len, const char *charset, char **cause);

#endif /* ORRERY_EXTRACT_H */
