/*
 * html_input: the bytes of an HTML fragment before and around libxml2.
 * Owns what libxml2 must not see or would get wrong: terminal controls
 * and escape sequences (raw or as character references) taken out with
 * the rest of their sequence, invalid UTF-8 and NUL bytes, text runs
 * libxml2 stops at (html_input); the nesting flattened past the depth
 * where libxml2 gives up (html_limit, a rough tokenizer of its own);
 * the CDATA sections libxml2 leaves in text (html_cdata).  Pure: bytes
 * in, bytes out; must not build or walk a tree.
 */
#include "html_int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * A text node without the CDATA sections libxml2 leaves as text: in a
 * pre only "<![CDATA[" and "]]>" go, elsewhere (a bogus comment to
 * HTML) the whole section when it ends in the same text node, else only
 * the markers.  *state: inside a section left open.  NULL when there is
 * none.
 */
char *
html_cdata(int *state, int pre, const char *s)
{
	const char *p, *e;
	struct buf b;

	if (!*state && strstr(s, "<![CDATA[") == NULL)
		return NULL;
	buf_init(&b, 0);
	for (;;) {
		p = strstr(s, *state ? "]]>" : "<![CDATA[");
		if (p == NULL) {
			buf_addstr(&b, s);
			break;
		}
		buf_add(&b, s, (size_t)(p - s));
		if (*state) {
			s = p + 3;
			*state = 0;
			continue;
		}
		s = p + 9;
		if (!pre && (e = strstr(s, "]]>")) != NULL)
			s = e + 3;
		else
			*state = 1;
	}
	if (b.data == NULL)
		buf_addstr(&b, "");
	return buf_detach(&b, NULL);
}

/* Elements with no content in HTML; libxml2 2.9 does not know some
 * of them (source, track, wbr, embed) and nests what follows inside. */
int
html_void(const char *name)
{
	static const char *const v[] = { "area", "base", "basefont", "bgsound",
		"br", "col", "embed", "frame", "hr", "image", "img", "input",
		"isindex", "keygen", "link", "meta", "param", "source", "track",
		"wbr" };
	size_t i;

	for (i = 0; i < HTML_NITEMS(v); i++)
		if (strcmp(name, v[i]) == 0)
			return 1;
	return 0;
}

/* Text longer than this between two tags is cut by an empty comment:
 * libxml2 stops parsing at a text node of ten million bytes. */
#define HTML_RUN_MAX 1000000

/* Is there a run of more than HTML_RUN_MAX bytes without '<' or '>'? */
static int
html_long_run(const char *s, size_t n)
{
	const char *p = s, *end = s + n, *lt, *gt;

	while ((size_t)(end - p) > HTML_RUN_MAX) {
		lt = memchr(p, '<', HTML_RUN_MAX + 1);
		gt = memchr(p, '>', HTML_RUN_MAX + 1);
		if (lt == NULL && gt == NULL)
			return 1;
		if (lt == NULL || (gt != NULL && gt < lt))
			lt = gt;
		p = lt + 1;
	}
	return 0;
}

/*
 * A character reference "&#N;" or "&#xH;" at s[i] (the ';' optional):
 * its length, with its code point in *cp; 0 when there is none.
 */
static size_t
html_ref(const char *s, size_t n, size_t i, unsigned int *cp)
{
	size_t j = i + 2, start;
	unsigned long v = 0;
	int hex, d;

	if (i + 2 >= n || s[i] != '&' || s[i + 1] != '#')
		return 0;
	hex = s[j] == 'x' || s[j] == 'X';
	j += (size_t)hex;
	start = j;
	for (; j < n; j++) {
		if (s[j] >= '0' && s[j] <= '9')
			d = s[j] - '0';
		else if (hex && s[j] >= 'a' && s[j] <= 'f')
			d = s[j] - 'a' + 10;
		else if (hex && s[j] >= 'A' && s[j] <= 'F')
			d = s[j] - 'A' + 10;
		else
			break;
		if (v < 0x110000)
			v = v * (hex ? 16 : 10) + (unsigned long)d;
	}
	if (j == start)
		return 0;
	if (j < n && s[j] == ';')
		j++;
	*cp = v < 0x110000 ? (unsigned int)v : 0xfffd;
	return j - i;
}

/*
 * A control character at s[i] that must not reach the parser: raw ESC,
 * a raw C1 character (UTF-8), or a reference to a C0 control other than
 * whitespace, DEL, CSI (U+009B) or OSC (U+009D); other references to
 * C1 code points stay, read as Windows-1252.  Its length, with the code
 * point in *cp; 0 for anything else.
 */
static size_t
html_ctl(const char *s, size_t n, size_t i, unsigned int *cp)
{
	unsigned char c = (unsigned char)s[i];
	size_t len;

	if (c == 0x1b || c == 0x07) {
		*cp = c;
		return 1;
	}
	if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
	    (unsigned char)s[i + 1] <= 0x9f) {
		*cp = (unsigned char)s[i + 1];
		return 2;
	}
	if (c != '&' || (len = html_ref(s, n, i, cp)) == 0)
		return 0;
	if ((*cp < 0x20 && *cp != '\t' && *cp != '\n' && *cp != '\r' &&
		*cp != '\f') ||
	    *cp == 0x7f || *cp == 0x9b || *cp == 0x9d || *cp == 0x9c)
		return len;
	return 0;
}

/*
 * The end of the escape sequence whose introducer (ESC, CSI or OSC,
 * raw or a reference) ends at s[i]: ESC [ (CSI) parameters and a final
 * byte; ESC ] P ^ _ X (OSC and other strings) or OSC up to BEL, ST or
 * ESC \ (raw or references); other ESC forms intermediates and a final
 * byte.  Never past a '<': the parser has to see the markup.
 */
static size_t
html_seq_end(const char *s, size_t n, size_t i, unsigned int intro)
{
	unsigned int cp;
	size_t len, start;
	int kind;

	if (intro == 0x9b)
		kind = '[';
	else if (intro == 0x9d)
		kind = ']';
	else if (intro != 0x1b || i >= n)
		return i;
	else if (s[i] == '[' || strchr("]P^_X", s[i]) != NULL) {
		kind = s[i] == '[' ? '[' : ']';
		i++;
	} else {
		while (i < n && s[i] >= 0x20 && s[i] <= 0x2f)
			i++;
		if (i < n && s[i] >= 0x30 && s[i] <= 0x7e && s[i] != '<')
			i++;
		return i;
	}
	if (kind == '[') {
		/* Parameters, intermediates (not a space or '&' here: that is
		 * prose) and a final byte, or only the introducer goes. */
		start = i;
		while (i < n && s[i] >= 0x30 && s[i] <= 0x3f && s[i] != '<')
			i++;
		while (i < n && s[i] > 0x20 && s[i] <= 0x2f && s[i] != '&')
			i++;
		if (i < n && s[i] >= 0x40 && s[i] <= 0x7e)
			return i + 1;
		return start;
	}
	while (i < n && s[i] != '<') {
		len = html_ctl(s, n, i, &cp);
		if (len == 0) {
			i++;
			continue;
		}
		i += len;
		if (cp == 0x07 || cp == 0x9c)
			break;
		if (cp == 0x1b) {
			if (i < n && s[i] == '\\')
				i++;
			break;
		}
	}
	return i;
}

/* Does the input hold a control that html_input() removes? */
static int
html_hostile(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	unsigned int cp;

	if (memchr(s, 0x1b, n) != NULL || memchr(s, 0x07, n) != NULL)
		return 1;
	while ((p = memchr(p, '&', (size_t)(end - p))) != NULL) {
		if (html_ctl(s, n, (size_t)(p - s), &cp) > 0)
			return 1;
		p++;
	}
	for (p = s; (p = memchr(p, 0xc2, (size_t)(end - p))) != NULL; p++)
		if (html_ctl(s, n, (size_t)(p - s), &cp) > 0)
			return 1;
	return 0;
}

/*
 * The input as valid UTF-8 without NUL bytes, terminal controls (see
 * html_ctl(), with the escape sequences they start) and text runs
 * longer than HTML_RUN_MAX, or NULL when it already is: libxml2 switches
 * to Latin-1 on a bad byte, stops at a NUL, drops a raw ESC but keeps
 * the rest of its sequence and cuts an attribute at "&#27;".  Runs are
 * cut where no character (or character reference) is split.
 */
char *
html_input(const char *s, size_t n, size_t *outlen)
{
	unsigned int cp;
	size_t i, o = 0, len, run = 0, k;
	int nonascii;
	char *out;

	if (memchr(s, '\0', n) == NULL && util_valid_utf8(s, n, &nonascii) &&
	    !html_long_run(s, n) && !html_hostile(s, n))
		return NULL;
	out = xmalloc(n * 3 + (n / HTML_RUN_MAX + 1) * 7 + 1);
	for (i = 0; i < n; i += len) {
		len = 1;
		if (s[i] == '\0')
			continue;
		if ((k = html_ctl(s, n, i, &cp)) > 0) {
			len = html_seq_end(s, n, i + k, cp) - i;
			continue;
		}
		if (s[i] == '<' || s[i] == '>')
			run = 0;
		else if (++run > HTML_RUN_MAX &&
		    ((unsigned char)s[i] >= 0xc0 ||
			((unsigned char)s[i] < 0x80 &&
			    (s[i] == '&' ||
				memchr(s + i - 40, '&', 40) == NULL)))) {
			memcpy(out + o, "<!---->", 7);
			o += 7;
			run = 0;
		}
		if ((unsigned char)s[i] < 0x80) {
			out[o++] = s[i];
			continue;
		}
		len =
		    util_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);
			o += 3;
			len = 1;
		} else {
			memcpy(out + o, s + i, len);
			o += len;
		}
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}

/* Open elements the flattening pass allows (libxml2 gives up at 256). */
#define HTML_DEPTH_MAX 100

/* Does a start tag of name close an open element top of the same kind
 * (the end tags that are usually left out)? */
static int
html_closes(const char *name, const char *top)
{
	static const char *const same[] = { "li", "option", "p", "tr" };
	size_t i;

	if ((strcmp(name, "dt") == 0 || strcmp(name, "dd") == 0) &&
	    (strcmp(top, "dt") == 0 || strcmp(top, "dd") == 0))
		return 1;
	if ((strcmp(name, "td") == 0 || strcmp(name, "th") == 0) &&
	    (strcmp(top, "td") == 0 || strcmp(top, "th") == 0))
		return 1;
	for (i = 0; i < HTML_NITEMS(same); i++)
		if (strcmp(name, same[i]) == 0 && strcmp(top, same[i]) == 0)
			return 1;
	return 0;
}

static int
html_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t
html_find(const char *s, size_t n, size_t i, const char *what)
{
	size_t k = strlen(what);

	for (; i + k <= n; i++)
		if (util_strncaseeq(s + i, what, k))
			return i;
	return n;
}

/*
 * The document with its nesting flattened beyond HTML_DEPTH_MAX open
 * elements: start tags beyond it and end tags that close nothing open
 * are left out, everything else (text above all) is kept.  A rough
 * tokenizer, used only when libxml2 gave up on the nesting, so that
 * words after the 256th level are not lost and libxml2's work per end
 * tag stays bounded.
 */
char *
html_limit(const char *s, size_t n, size_t *outlen)
{
	char stack[HTML_DEPTH_MAX][16], name[16], *out, q, last;
	const char *lt;
	size_t depth = 0, d, i = 0, j, k, end, o = 0, nl;
	int close, keep;

	out = xmalloc(n + 1);
	while (i < n) {
		lt = memchr(s + i, '<', n - i);
		j = lt != NULL ? (size_t)(lt - s) : n;
		memcpy(out + o, s + i, j - i);
		o += j - i;
		i = j;
		if (i >= n)
			break;
		if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
			if (i + 3 < n && s[i + 2] == '-' && s[i + 3] == '-') {
				end = html_find(s, n, i + 4, "-->");
				end = end < n ? end + 3 : n;
			} else {
				end = html_find(s, n, i + 1, ">");
				end = end < n ? end + 1 : n;
			}
			memcpy(out + o, s + i, end - i);
			o += end - i;
			i = end;
			continue;
		}
		close = i + 1 < n && s[i + 1] == '/';
		k = i + 1 + (size_t)close;
		if (k >= n || !html_alpha(s[k])) {
			out[o++] = s[i++];
			continue;
		}
		for (nl = 0; k < n && s[k] != '>' && s[k] != '/' &&
		     s[k] != ' ' && s[k] != '\t' && s[k] != '\n' &&
		     s[k] != '\r' && s[k] != '\f';
		     k++)
			if (nl + 1 < sizeof name)
				name[nl++] = (char)(s[k] >= 'A' && s[k] <= 'Z'
					? s[k] - 'A' + 'a'
					: s[k]);
		name[nl] = '\0';
		/* The end of the tag; quotes only after '='. */
		q = 0;
		last = 0;
		for (end = k; end < n; end++) {
			if (q) {
				if (s[end] == q)
					q = 0;
			} else if ((s[end] == '"' || s[end] == '\'') &&
			    last == '=')
				q = s[end];
			else if (s[end] == '>')
				break;
			if (s[end] != ' ' && s[end] != '\t' && s[end] != '\n')
				last = s[end];
		}
		end = end < n ? end + 1 : n;
		keep = 1;
		if (close) {
			for (d = depth; d > 0; d--)
				if (strcmp(stack[d - 1], name) == 0)
					break;
			if (d > 0)
				depth = d - 1;
			else
				keep = 0;
		} else if (strcmp(name, "script") == 0 ||
		    strcmp(name, "style") == 0) {
			/* Raw text and its end tag, kept whole. */
			end = html_find(s, n, end,
			    strcmp(name, "script") == 0 ? "</script"
							: "</style");
			end = html_find(s, n, end, ">");
			end = end < n ? end + 1 : n;
		} else if (!html_void(name) &&
		    !(end >= 2 && s[end - 2] == '/')) {
			if (depth > 0 && html_closes(name, stack[depth - 1]))
				depth--;
			if (depth < HTML_DEPTH_MAX)
				memcpy(stack[depth++], name, sizeof name);
			else
				keep = 0;
		}
		if (keep) {
			memcpy(out + o, s + i, end - i);
			o += end - i;
		}
		i = end;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}
