/*
 * width: display width of characters and UTF-8 strings in terminal
 * columns, from built-in Unicode tables (locale independent), and the
 * characters that never show.  Pure.
 */
#ifndef ORRERY_WIDTH_H
#define ORRERY_WIDTH_H

#include <stddef.h>

/* 0 for controls and combining/zero-width characters, 2 for wide ones. */
int width_char(unsigned int);
/* The width of n bytes of UTF-8; an invalid byte counts as one column. */
int width_str(const char *, size_t);
/*
 * Characters that never show and that html drops from text and url_clean
 * escapes: soft hyphen, zero-width joiners and bidi controls,
 * noncharacters.  (A zero-width space is not one: it allows a break.)
 */
int width_invisible(unsigned int);

#endif /* ORRERY_WIDTH_H */
