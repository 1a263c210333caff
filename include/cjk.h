/*
 * cjk: search text for scripts written without spaces between words.
 * FTS5's unicode61 tokenizer makes a run of Han, Hiragana, Katakana or
 * Hangul characters one token, so "中文" is not found in "中文标题".
 * Both sides of the search go through cjk_split: the text indexed
 * (store_cjk.c, in the statement store_fts_put runs) and the words of a
 * query (query_fts_term), so that each such character is a token of its
 * own and a word of them is a phrase.  Pure: no globals, no I/O.
 */
#ifndef ORRERY_CJK_H
#define ORRERY_CJK_H

#include <stddef.h>

/* Is cp a Han, Hiragana, Katakana or Hangul character? */
int cjk_is(unsigned int cp);
/* Does the text hold one (n bytes of UTF-8)? */
int cjk_has(const char *, size_t);
/*
 * The n bytes at s with a space before and after each such character,
 * NUL-terminated (*outlen, when given, its length), or NULL when there
 * is none and s is to be used as it is.  Invalid UTF-8 is copied as it
 * is.  The caller frees the result.
 */
char *cjk_split(const char *s, size_t n, size_t *outlen);

#endif /* ORRERY_CJK_H */
