/*
 * util: allocation wrappers and string helpers.  Pure: the only output is
 * the message printed before abort() on out-of-memory.
 */
#include "util.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
util_oom(void)
{
	/* Nothing sensible can continue without memory. */
	fputs("orrery: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p;

	p = malloc(n == 0 ? 1 : n);
	if (p == NULL)
		util_oom();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	p = calloc(nmemb, size);
	if (p == NULL)
		util_oom();
	return p;
}

void *
xreallocarray(void *old, size_t nmemb, size_t size)
{
	void *p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		util_oom();
	p = realloc(old, nmemb * size == 0 ? 1 : nmemb * size);
	if (p == NULL)
		util_oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;
	size_t len;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	char *p;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		util_oom();
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

int
util_fail(char **cause, const char *fmt, ...)
{
	va_list ap;

	if (cause != NULL) {
		va_start(ap, fmt);
		*cause = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
util_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
util_strcaseeq(const char *a, const char *b)
{
	while (*a != '\0' &&
	    util_lower((unsigned char)*a) == util_lower((unsigned char)*b)) {
		a++;
		b++;
	}
	return *a == '\0' && *b == '\0';
}

int
util_strncaseeq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (util_lower((unsigned char)a[i]) !=
		    util_lower((unsigned char)b[i]))
			return 0;
		if (a[i] == '\0')
			return 1;
	}
	return 1;
}

int
util_parse_ll(const char *s, long long *out)
{
	char *end;
	long long v;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s)
		return -1;
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end != '\0')
		return -1;
	*out = v;
	return 0;
}

size_t
util_utf8_decode(const unsigned char *s, size_t n, unsigned int *cp)
{
	unsigned int c, min;
	size_t len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

size_t
util_utf8_encode(unsigned int cp, char *out)
{
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * Skip a terminal escape sequence whose introducer has been read: kind is
 * the byte after ESC ('[' CSI, ']' OSC, 'P' DCS, '^' PM, '_' APC, 'X' SOS)
 * or the same meaning from a C1 code point.  Returns the index just past
 * the sequence.  ECMA-48: CSI ends at a byte in 0x40-0x7e; the string
 * sequences end at BEL, ST (ESC \) or C1 ST (U+009C).
 */
static size_t
util_skip_sequence(const unsigned char *s, size_t n, size_t i, int kind)
{
	unsigned int cp;
	size_t len;

	if (kind == '[') {
		while (i < n && s[i] >= 0x20 && s[i] <= 0x3f)
			i++;
		if (i < n && s[i] >= 0x40 && s[i] <= 0x7e)
			i++;
		return i;
	}
	while (i < n) {
		if (s[i] == 0x07)
			return i + 1;
		if (s[i] == 0x1b)
			return i + 1 < n && s[i + 1] == '\\' ? i + 2 : i + 1;
		len = util_utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			len = 1;
		else if (cp == 0x9c)
			return i + len;
		i += len;
	}
	return i;
}

size_t
util_escape_len(const char *in, size_t n)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i;

	if (n == 0 || s[0] != 0x1b)
		return 0;
	if (n == 1)
		return 1;
	if (strchr("[]P^_X", s[1]) != NULL && s[1] != '\0')
		return util_skip_sequence(s, n, 2, s[1]);
	i = 1;
	/* nF sequences: intermediates, then a final byte. */
	while (i < n && s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	if (i < n && s[i] >= 0x30 && s[i] <= 0x7e)
		i++;
	return i;
}

char *
util_clean_text(const char *in, size_t n)
{
	const unsigned char *s = (const unsigned char *)in;
	char *out, *p;
	unsigned int cp;
	size_t i, len;
	int space = 0;

	/* U+FFFD for a bad byte is 3 bytes out for 1 in. */
	out = p = xmalloc(n * 3 + 1);
	i = 0;
	while (i < n) {
		len = util_utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			cp = 0xfffd;
			len = 1;
		}
		i += len;
		if (cp == 0x1b) {
			i += util_escape_len(in + i - 1, n - i + 1) - 1;
			continue;
		}
		if (cp == 0x9b || cp == 0x9d || cp == 0x90 || cp == 0x9e ||
		    cp == 0x9f || cp == 0x98) {
			i = util_skip_sequence(s, n, i, cp == 0x9b ? '[' : ']');
			continue;
		}
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == '\f' || cp == '\v') {
			space = 1;
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			continue;
		/* Bidi overrides and isolates could reorder later text. */
		if ((cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			continue;
		if (space && p != out)
			*p++ = ' ';
		space = 0;
		p += util_utf8_encode(cp, p);
	}
	*p = '\0';
	if (p == out) {
		free(out);
		return NULL;
	}
	return out;
}
