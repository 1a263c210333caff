/*
 * util: allocation wrappers, string helpers, and the decoding of documents
 * to UTF-8 that the feed and OPML parsers share.  Pure: the only output is
 * the message printed before abort() on out-of-memory.
 */
#include "util.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

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

int
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
util_strcasecmp(const char *a, const char *b)
{
	int ca, cb;

	for (;; a++, b++) {
		ca = util_lower((unsigned char)*a);
		cb = util_lower((unsigned char)*b);
		if (ca != cb || ca == '\0')
			return ca - cb;
	}
}

char *
util_lower_str(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++)
		*p = (char)util_lower((unsigned char)*p);
	return s;
}

int
util_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

/* The part of s[0..*n) left when white space is cut off both ends: its
 * start, and its length in *n. */
static const char *
util_trim_span(const char *s, size_t *n)
{
	while (*n > 0 && util_isspace((unsigned char)*s)) {
		s++;
		(*n)--;
	}
	while (*n > 0 && util_isspace((unsigned char)s[*n - 1]))
		(*n)--;
	return s;
}

char *
util_trim(char *s)
{
	const char *t;
	size_t n = strlen(s);

	t = util_trim_span(s, &n);
	memmove(s, t, n);
	s[n] = '\0';
	return s;
}

char *
util_trim_dup(const char *s, size_t n)
{
	s = util_trim_span(s, &n);
	if (n == 0)
		return NULL;
	return xstrndup(s, n);
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
		/* Printable ASCII, the bulk of most text, as it is. */
		if (s[i] > 0x20 && s[i] < 0x7f) {
			if (space && p != out)
				*p++ = ' ';
			space = 0;
			do
				*p++ = (char)s[i++];
			while (i < n && s[i] > 0x20 && s[i] < 0x7f);
			continue;
		}
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
		if (util_isspace((int)cp)) {
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
	/* A long text gives back what its worst case did not use: a 16 MB
	 * body would otherwise hold 48 MB while it is stored. */
	if (n > 65536)
		out = xreallocarray(out, (size_t)(p - out) + 1, 1);
	return out;
}

/* ---- charsets ------------------------------------------------------ */

int
util_valid_utf8(const char *s, size_t n, int *nonascii)
{
	unsigned int cp;
	size_t i, len;

	*nonascii = 0;
	for (i = 0; i < n; i += len) {
		/* Eight ASCII bytes at a time. */
		while (n - i >= 8) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if ((unsigned char)s[i] < 0x80) {
			len = 1;
			continue;
		}
		len =
		    util_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0)
			return 0;
		*nonascii = 1;
	}
	return 1;
}

/* Read encoding="..." from an ASCII-compatible XML declaration. */
char *
util_declared_encoding(const char *s, size_t n)
{
	const char *end, *p, *q;
	char quote;

	/* Leading blank lines are wrong but common. */
	while (n > 0 && strchr(" \t\r\n", *s) != NULL && *s != '\0') {
		s++;
		n--;
	}
	if (n < 6 || strncmp(s, "<?xml", 5) != 0)
		return NULL;
	end = memchr(s, '>', n < 512 ? n : 512);
	if (end == NULL)
		return NULL;
	for (p = s; p + 8 < end; p++) {
		if (strncmp(p, "encoding", 8) != 0)
			continue;
		p += 8;
		while (p < end && (*p == ' ' || *p == '='))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			return NULL;
		quote = *p++;
		q = memchr(p, quote, (size_t)(end - p));
		if (q == NULL || q == p)
			return NULL;
		return xstrndup(p, (size_t)(q - p));
	}
	return NULL;
}

/* WHATWG Encoding: these labels all mean windows-1252 on the web. */
static int
util_is_latin1_label(const char *cs)
{
	static const char *labels[] = { "iso-8859-1", "iso8859-1", "iso_8859-1",
		"latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252",
		"x-cp1252", "iso-ir-100", "ibm819", "cp819", "csisolatin1",
		NULL };
	size_t i;

	for (i = 0; labels[i] != NULL; i++)
		if (util_strcaseeq(cs, labels[i]))
			return 1;
	return 0;
}

static int
util_is_utf8_label(const char *cs)
{
	return util_strcaseeq(cs, "utf-8") || util_strcaseeq(cs, "utf8");
}

/*
 * Convert n bytes in charset cs to UTF-8.  Bytes the charset cannot map
 * become U+FFFD.  Returns NULL when iconv does not know cs.
 */
static char *
util_iconv(const char *in, size_t n, const char *cs, size_t *outlen)
{
	iconv_t cd;
	struct buf b;
	char tmp[4096], *ip, *op;
	size_t il, ol, r, unit;

	unit =
	    util_strncaseeq(cs, "utf-16", 6) || util_strncaseeq(cs, "ucs-2", 5)
	    ? 2
	    : util_strncaseeq(cs, "utf-32", 6) ? 4
					       : 1;
	if (util_is_latin1_label(cs))
		cs = "WINDOWS-1252";
	cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1)
		return NULL;
	buf_init(&b, 0);
	ip = (char *)(uintptr_t)in;
	il = n;
	while (il > 0) {
		op = tmp;
		ol = sizeof tmp;
		r = iconv(cd, &ip, &il, &op, &ol);
		buf_add(&b, tmp, (size_t)(op - tmp));
		if (r != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL (truncated): replace one code unit and
		 * go on, so the rest stays aligned. */
		buf_add(&b, "\xef\xbf\xbd", 3);
		ip += unit < il ? unit : il;
		il -= unit < il ? unit : il;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	op = tmp;
	ol = sizeof tmp;
	iconv(cd, NULL, NULL, &op, &ol);
	buf_add(&b, tmp, (size_t)(op - tmp));
	iconv_close(cd);
	return buf_detach(&b, outlen);
}

/*
 * Decide the document's charset and return it as UTF-8 (BOM removed), with
 * its real length (NUL bytes included; the repair pass drops them).
 * Order (RFC 7303 §3): byte order mark, then the HTTP charset, then the
 * XML declaration, then UTF-8.  Repairs for what servers and feeds get
 * wrong, whichever of the two named the charset: a Latin-1/ASCII label on
 * bytes that are valid non-ASCII UTF-8 means UTF-8; a UTF-16/32 label on
 * bytes without the zero bytes UTF-16 has is ignored; "UTF-8" bytes that
 * are not valid UTF-8 are read as windows-1252.
 */
char *
util_to_utf8_view(const char *s, size_t n, const char *http_cs,
    const char **view, size_t *outlen, int *flags)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *cs = NULL;
	char *decl = NULL, *out;
	int nonascii, bom = 1, dummy;

	if (flags == NULL)
		flags = &dummy;
	*flags = 0;

	if (n >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		s += 3;
		n -= 3;
		cs = "UTF-8";
	} else if (n >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		s += 2;
		n -= 2;
		cs = "UTF-16LE";
	} else if (n >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		s += 2;
		n -= 2;
		cs = "UTF-16BE";
	} else if (n >= 4 && u[0] == '<' && u[1] == 0 && u[2] != 0 && u[3] == 0)
		cs = "UTF-16LE";
	else if (n >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] != 0)
		cs = "UTF-16BE";
	else
		bom = 0;

	if (!bom) {
		if (http_cs != NULL && *http_cs != '\0')
			cs = http_cs;
		else {
			decl = util_declared_encoding(s, n);
			cs = decl;
		}
		if (cs == NULL)
			cs = "UTF-8";
		if ((util_strncaseeq(cs, "utf-16", 6) ||
			util_strncaseeq(cs, "utf-32", 6) ||
			util_strncaseeq(cs, "ucs-", 4)) &&
		    memchr(s, '\0', n) == NULL)
			cs = "UTF-8";
		if (util_is_latin1_label(cs) &&
		    util_valid_utf8(s, n, &nonascii) && nonascii)
			cs = "UTF-8";
		if (util_is_utf8_label(cs) &&
		    !util_valid_utf8(s, n, &nonascii)) {
			cs = "WINDOWS-1252";
			*flags |= UTIL_UTF8_NOT_UTF8;
		}
	}
	out = NULL;
	if (!util_is_utf8_label(cs)) {
		out = util_iconv(s, n, cs, outlen);
		if (out == NULL)
			*flags |= UTIL_UTF8_UNKNOWN_CHARSET;
	}
	if (out == NULL && util_valid_utf8(s, n, &nonascii)) {
		/* UTF-8, or a charset iconv does not know on UTF-8 bytes:
		 * the bytes themselves, no copy. */
		*view = s;
		*outlen = n;
		free(decl);
		return NULL;
	} else if (out == NULL) {
		out = util_iconv(s, n, "WINDOWS-1252", outlen);
		*flags |= UTIL_UTF8_NOT_UTF8;
	}
	*view = out;
	free(decl);
	return out;
}

char *
util_to_utf8(
    const char *s, size_t n, const char *http_cs, size_t *outlen, int *flags)
{
	const char *view;
	char *out;

	out = util_to_utf8_view(s, n, http_cs, &view, outlen, flags);
	if (out == NULL) {
		out = xmalloc(*outlen + 1);
		memcpy(out, view, *outlen);
		out[*outlen] = '\0';
	}
	return out;
}

char *
util_xdg_path(const char *var, const char *dflt, const char *rel)
{
	const char *dir;

	dir = getenv(var);
	if (dir != NULL && dir[0] == '/')
		return xasprintf("%s/%s", dir, rel);
	dir = getenv("HOME");
	if (dir != NULL && dir[0] != '\0')
		return xasprintf("%s/%s/%s", dir, dflt, rel);
	return NULL;
}

char *
util_safe(const char *s, size_t n, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned int cp;
	size_t i, o, len;
	char *out;

	out = xmalloc((max != 0 && max < n ? max : n) + 4);
	for (i = o = 0; i < n && u[i] != '\0'; i += len) {
		len = util_utf8_decode(u + i, n - i, &cp);
		if (max != 0 && o + (len == 0 ? 1 : len) > max) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (len == 0 || cp < 0x20 || util_unsafe_cp(cp)) {
			out[o++] = '?';
			if (len == 0)
				len = 1;
		} else {
			memcpy(out + o, s + i, len);
			o += len;
		}
	}
	out[o] = '\0';
	return out;
}

int
util_unsafe_cp(unsigned int cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') ||
	    (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

char *
util_json_safe(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i, o, len;
	unsigned int cp;
	char *out;

	/* At most 6 bytes out ("\uXXXX") for each 1 in. */
	out = xmalloc(n * 6 + 1);
	for (i = o = 0; i < n; i += len) {
		len = util_utf8_decode(u + i, n - i, &cp);
		if (len == 0) {
			out[o++] = s[i];
			len = 1;
			continue;
		}
		if (util_unsafe_cp(cp) || cp == 0x2028 || cp == 0x2029) {
			out[o++] = '\\';
			out[o++] = 'u';
			out[o++] = "0123456789abcdef"[(cp >> 12) & 0xf];
			out[o++] = "0123456789abcdef"[(cp >> 8) & 0xf];
			out[o++] = "0123456789abcdef"[(cp >> 4) & 0xf];
			out[o++] = "0123456789abcdef"[cp & 0xf];
		} else {
			memcpy(out + o, s + i, len);
			o += len;
		}
	}
	out[o] = '\0';
	return out;
}

uint64_t
util_fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

const char *
util_word(const char *p, size_t *len)
{
	while (
	    *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
		p++;
	if (*p == '\0')
		return NULL;
	for (*len = 0; p[*len] != '\0' && p[*len] != ' ' && p[*len] != '\t' &&
	     p[*len] != '\n' && p[*len] != '\r' && p[*len] != '\f';
	     (*len)++)
		;
	return p;
}

size_t
util_utf8_cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}
