/*
 * cjk: each Han, Hiragana, Katakana and Hangul character made a word of
 * its own for the search index and for queries (cjk.h says why).  Pure:
 * it allocates its result and touches nothing else.
 */
#include "cjk.h"

#include <string.h>

#include "buf.h"
#include "util.h"

int
cjk_is(unsigned int c)
{
	return (c >= 0x1100 && c <= 0x11ff) || /* Hangul Jamo */
	    (c >= 0x3040 && c <= 0x30ff) ||    /* Hiragana, Katakana */
	    (c >= 0x3130 && c <= 0x318f) ||    /* Hangul compatibility Jamo */
	    (c >= 0x31f0 && c <= 0x31ff) ||    /* Katakana extensions */
	    (c >= 0x3400 && c <= 0x4dbf) ||    /* Han extension A */
	    (c >= 0x4e00 && c <= 0x9fff) ||    /* Han */
	    (c >= 0xa960 && c <= 0xa97f) ||    /* Hangul Jamo extended A */
	    (c >= 0xac00 && c <= 0xd7ff) ||    /* Hangul syllables, Jamo B */
	    (c >= 0xf900 && c <= 0xfaff) ||    /* Han compatibility */
	    (c >= 0xff66 && c <= 0xffdc) ||    /* halfwidth Katakana, Hangul */
	    (c >= 0x20000 && c <= 0x3ffff);    /* Han extensions B and on */
}

/* The first such character at or after s, or NULL. */
static const char *
cjk_find(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	unsigned int cp;
	size_t len;

	while (p < end) {
		/* Every one of them is three or four bytes, from 0xe1. */
		if (*p < 0xe1) {
			p++;
			continue;
		}
		len = util_utf8_decode(p, (size_t)(end - p), &cp);
		if (len == 0) {
			p++;
			continue;
		}
		if (cjk_is(cp))
			return (const char *)p;
		p += len;
	}
	return NULL;
}

int
cjk_has(const char *s, size_t n)
{
	return cjk_find(s, n) != NULL;
}

char *
cjk_split(const char *s, size_t n, size_t *outlen)
{
	const unsigned char *p, *end;
	const char *first;
	struct buf b;
	unsigned int cp;
	size_t len;

	first = cjk_find(s, n);
	if (first == NULL)
		return NULL;
	buf_init(&b, 0);
	buf_add(&b, s, (size_t)(first - s));
	p = (const unsigned char *)first;
	end = (const unsigned char *)s + n;
	while (p < end) {
		len =
		    *p < 0xe1 ? 0 : util_utf8_decode(p, (size_t)(end - p), &cp);
		if (len == 0) {
			buf_addc(&b, (char)*p++);
			continue;
		}
		if (cjk_is(cp)) {
			buf_addc(&b, ' ');
			buf_add(&b, (const char *)p, len);
			buf_addc(&b, ' ');
		} else
			buf_add(&b, (const char *)p, len);
		p += len;
	}
	len = b.len;
	buf_addc(&b, '\0');
	if (outlen != NULL)
		*outlen = len;
	return buf_detach(&b, NULL);
}
