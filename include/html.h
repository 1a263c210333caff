/*
 * html: HTML fragments -> text.  Pure: bytes in, data out; libxml2's HTML
 * parser with no network access; no terminal output.
 */
#ifndef ORRERY_HTML_H
#define ORRERY_HTML_H

#include <stddef.h>

/*
 * The visible text of an HTML fragment, for search indexes and plain-text
 * fields: markup removed, entities decoded, script/style/comments dropped,
 * block boundaries and <br> turned into spaces.  Whitespace is not
 * collapsed here (util_clean_text does that).  The caller frees the
 * result; never NULL.
 */
char *html_to_text(const char *, size_t);

#endif /* ORRERY_HTML_H */
