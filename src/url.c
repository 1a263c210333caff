/*
 * url: cleaning, resolving and taking apart URLs.  Owns the escaping that
 * lets libxml2's RFC 3986 parser (xmlParseURI, xmlBuildURI) take any URL
 * a feed or page carries and give it back spelt as it was.  Pure: no
 * I/O, no globals, never the network; must not grow a parser of its own
 * beyond the split that decides how each part is escaped.
 */
#include "url.h"

#include <string.h>

#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include "buf.h"
#include "util.h"
#include "width.h"

/*
 * What each part may hold unescaped besides RFC 3986's unreserved
 * characters (xmlURIEscapeStr keeps those and '@').  ':' is escaped in a
 * path, where it could read as a scheme; '%' everywhere, so that libxml2
 * never unescapes what the URL spelt with a %XX.
 */
#define URL_KEEP_AUTH ":[]!$&'()*+,;="
#define URL_KEEP_PATH "/!$&'()*+,;="
#define URL_KEEP_QUERY "/?:!$&'()*+,;="

/* A URL reference cut into its parts (RFC 3986 appendix B). */
struct url_parts {
	size_t scheme; /* length before ':', 0 when there is none */
	const char *auth;
	size_t authlen;
	const char *path;
	size_t pathlen;
	const char *query; /* NULL when there is no '?' */
	size_t querylen;
	const char *frag; /* NULL when there is no '#'; to the end */
};

/* RFC 3986 3.1: the length of the scheme before ':', or 0. */
static size_t
url_scheme_len(const char *s)
{
	size_t i;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return 0;
	for (i = 1; (s[i] >= 'a' && s[i] <= 'z') ||
	     (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
	     s[i] == '+' || s[i] == '-' || s[i] == '.';
	     i++)
		;
	return s[i] == ':' ? i : 0;
}

static void
url_split(const char *s, struct url_parts *u)
{
	memset(u, 0, sizeof *u);
	u->scheme = url_scheme_len(s);
	if (u->scheme > 0)
		s += u->scheme + 1;
	if (s[0] == '/' && s[1] == '/') {
		u->auth = s + 2;
		u->authlen = strcspn(u->auth, "/?#");
		s = u->auth + u->authlen;
	}
	u->path = s;
	u->pathlen = strcspn(s, "?#");
	s += u->pathlen;
	if (*s == '?') {
		u->query = s + 1;
		u->querylen = strcspn(u->query, "#");
		s = u->query + u->querylen;
	}
	if (*s == '#')
		u->frag = s + 1;
}

/* Append n bytes of s, escaped but for keep (see above). */
static void
url_add_escaped(struct buf *b, const char *s, size_t n, const char *keep)
{
	xmlChar *e;
	char *part;

	part = xstrndup(s, n);
	e = xmlURIEscapeStr((const xmlChar *)part, (const xmlChar *)keep);
	if (e != NULL)
		buf_addstr(b, (const char *)e);
	xmlFree(e);
	free(part);
}

/*
 * Append an escaped path with the marker byte (as %XX) in every empty
 * segment: libxml2 2.9 (xmlNormalizeURIPath) turns "a//b" into "a/b",
 * which RFC 3986 does not, and the marker, a segment of its own, keeps
 * it from doing so until url_resolve() takes it out again.
 */
static void
url_add_path(struct buf *b, const char *s, size_t n, int mark)
{
	struct buf e;
	size_t i;

	if (mark == 0) {
		url_add_escaped(b, s, n, URL_KEEP_PATH);
		return;
	}
	buf_init(&e, 0);
	url_add_escaped(&e, s, n, URL_KEEP_PATH);
	for (i = 0; i < e.len; i++) {
		buf_addc(b, e.data[i]);
		if (e.data[i] == '/' && e.data[i + 1] == '/')
			buf_printf(b, "%%%02X", (unsigned)mark);
	}
	buf_free(&e);
}

/*
 * s with every byte libxml2 should not interpret escaped and, when mark
 * is not 0, empty path segments marked.  dots: s is a reference to
 * resolve; when its path is absolute (a network-path or absolute-path
 * reference), remove its dot segments, which xmlBuildURI leaves in such
 * a path (RFC 3986 5.2.2 removes them).
 */
static char *
url_escape(const char *s, int mark, int dots)
{
	struct url_parts u;
	struct buf b;
	size_t start;

	url_split(s, &u);
	buf_init(&b, 0);
	buf_add(&b, s, u.scheme > 0 ? u.scheme + 1 : 0);
	if (u.auth != NULL) {
		buf_addstr(&b, "//");
		url_add_escaped(&b, u.auth, u.authlen, URL_KEEP_AUTH);
	}
	start = b.len;
	url_add_path(&b, u.path, u.pathlen, mark);
	if (dots && u.scheme == 0 && u.pathlen > 0 && u.path[0] == '/') {
		xmlNormalizeURIPath(b.data + start);
		b.len = start + strlen(b.data + start);
		if (b.len == start) /* "/.." is "/", not nothing */
			buf_addc(&b, '/');
	}
	if (u.query != NULL) {
		buf_addc(&b, '?');
		url_add_escaped(&b, u.query, u.querylen, URL_KEEP_QUERY);
	}
	if (u.frag != NULL) {
		buf_addc(&b, '#');
		url_add_escaped(&b, u.frag, strlen(u.frag), URL_KEEP_QUERY);
	}
	if (b.data == NULL)
		buf_addstr(&b, "");
	return buf_detach(&b, NULL);
}

/* s, an escaped URL, with every %XX turned back into the byte it
 * stands for. */
static char *
url_unescape(const char *s)
{
	char *u, *out;

	u = xmlURIUnescapeString(s, 0, NULL);
	if (u == NULL)
		return NULL;
	out = xstrdup(u);
	xmlFree(u);
	return out;
}

/* s lower-cased in place (ASCII); returns s. */
static char *
url_lower(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

/* Parse s as libxml2 does, after escaping it; NULL when it cannot. */
static xmlURIPtr
url_parse(const char *s)
{
	xmlURIPtr uri;
	char *e;

	e = url_escape(s, 0, 0);
	uri = xmlParseURI(e);
	free(e);
	return uri;
}

char *
url_clean(const char *s)
{
	struct buf b;
	unsigned int cp;
	size_t n = strlen(s), i, k, len;
	unsigned char c;

	while (n > 0 && (unsigned char)s[n - 1] <= 0x20)
		n--;
	while (n > 0 && (unsigned char)*s <= 0x20) {
		s++;
		n--;
	}
	if (n == 0)
		return NULL;
	buf_init(&b, 0);
	for (i = 0; i < n; i += len) {
		c = (unsigned char)s[i];
		len = 1;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c < 0x80) {
			if (c <= 0x20 || c == 0x7f)
				buf_printf(&b, "%%%02X", c);
			else
				buf_addc(&b, (char)c);
			continue;
		}
		len =
		    util_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0) {
			buf_printf(&b, "%%%02X", c);
			len = 1;
		} else if (cp <= 0x9f || width_invisible(cp) || cp == 0x200b ||
		    cp == 0x2028 || cp == 0x2029) {
			for (k = 0; k < len; k++)
				buf_printf(
				    &b, "%%%02X", (unsigned char)s[i + k]);
		} else
			buf_add(&b, s + i, len);
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* A control character in neither string, to mark empty path segments
 * with; 0 when every one is taken. */
static int
url_marker(const char *a, const char *b)
{
	int c;

	for (c = 1; c < 0x20; c++)
		if (strchr(a, c) == NULL && strchr(b, c) == NULL)
			return c;
	return 0;
}

/* Take the marker bytes out of s, which has been resolved; put back the
 * "/" that RFC 3986 5.2.4 leaves of a relative path that climbed past
 * the root ("http://h" and "../.." give "http://h/"). */
static char *
url_unmark(char *s, int mark, const struct url_parts *ref)
{
	struct url_parts u;
	size_t i, o = 0, at;
	char *out;

	for (i = 0; s[i] != '\0'; i++)
		if (mark == 0 || s[i] != (char)mark)
			s[o++] = s[i];
	s[o] = '\0';
	url_split(s, &u);
	if (u.auth == NULL || u.pathlen > 0 || ref->pathlen == 0 ||
	    ref->path[0] == '/')
		return s;
	at = (size_t)(u.path - s);
	out = xasprintf("%.*s/%s", (int)at, s, s + at);
	free(s);
	return out;
}

/*
 * abs (escaped, from xmlBuildURI) unescaped, with the authority of base
 * as written: libxml2 writes the server as it parsed it, once
 * unescaped, so that unescaping it again would turn "h%41x" into "hAx"
 * and "%01" into a control byte.  A reference with no authority takes
 * the base's (RFC 3986 5.2.2).
 */
static char *
url_unescape_resolved(const char *abs, const char *base)
{
	struct url_parts a, b;
	char *rest, *out;

	url_split(abs, &a);
	url_split(base, &b);
	if (a.auth == NULL || b.auth == NULL)
		return url_unescape(abs);
	rest = url_unescape(a.auth + a.authlen);
	if (rest == NULL)
		return NULL;
	out = xasprintf("%.*s%.*s%s", (int)(a.auth - abs), abs, (int)b.authlen,
	    b.auth, rest);
	free(rest);
	return out;
}

char *
url_resolve(const char *base, const char *ref)
{
	struct url_parts r;
	xmlChar *abs = NULL;
	char *eb, *er, *out;
	size_t n;
	int mark;

	if (base == NULL || url_scheme_len(ref) > 0)
		return xstrdup(ref);
	url_split(ref, &r);
	mark = url_marker(base, ref);
	er = url_escape(ref, mark, 1);
	if (r.auth != NULL) {
		/* A network-path reference takes the base's scheme and
		 * nothing else (RFC 3986 5.2.2); libxml2 would re-spell its
		 * authority, or take the base's for an empty one. */
		n = url_scheme_len(base);
		eb = xasprintf("%.*s%s%s", (int)n, base, n > 0 ? ":" : "", er);
		out = url_unescape(eb);
	} else {
		eb = url_escape(base, mark, 0);
		abs = xmlBuildURI((const xmlChar *)er, (const xmlChar *)eb);
		out = abs != NULL
		    ? url_unescape_resolved((const char *)abs, base)
		    : NULL;
	}
	xmlFree(abs);
	free(eb);
	free(er);
	if (out == NULL)
		return xstrdup(ref);
	return url_unmark(out, mark, &r);
}

char *
url_scheme(const char *s)
{
	char *out;
	size_t n = url_scheme_len(s), i;

	if (n == 0)
		return NULL;
	out = xstrndup(s, n);
	for (i = 0; i < n; i++)
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (char)(out[i] - 'A' + 'a');
	return out;
}

char *
url_host(const char *s)
{
	xmlURIPtr uri;
	char *out = NULL;

	uri = url_parse(s);
	if (uri == NULL)
		return NULL;
	if (uri->server != NULL && uri->server[0] != '\0')
		out = url_lower(xstrdup(uri->server));
	xmlFreeURI(uri);
	return out;
}

/*
 * Tracking parameters a post's key leaves out: names, or prefixes when
 * they end in '*'.  Campaign tags (utm_*, Mailchimp's, HubSpot's) and
 * click ids (Facebook, Google, Microsoft, Yandex, Instagram) say how a
 * reader came to the post, never which post it is.
 */
static const char *const url_tracking[] = {
	"utm_*",
	"fbclid",
	"gclid",
	"dclid",
	"gbraid",
	"wbraid",
	"msclkid",
	"mc_cid",
	"mc_eid",
	"yclid",
	"igshid",
	"_hsenc",
	"_hsmi",
	"mkt_tok",
	"_ga",
	"_gl",
	"oly_anon_id",
	"oly_enc_id",
	"vero_id",
	"vero_conv",
	"ck_subscriber_id",
	"__s",
	"ref_src",
};

/* Is the query parameter p (n bytes, "name" or "name=value") one that
 * only tracks the reader? */
static int
url_is_tracking(const char *p, size_t n)
{
	const char *t;
	size_t name, i, tn;

	name = 0;
	while (name < n && p[name] != '=')
		name++;
	for (i = 0; i < sizeof url_tracking / sizeof url_tracking[0]; i++) {
		t = url_tracking[i];
		tn = strlen(t);
		if (t[tn - 1] == '*') {
			if (name >= tn - 1 && util_strncaseeq(p, t, tn - 1))
				return 1;
		} else if (name == tn && util_strncaseeq(p, t, tn))
			return 1;
	}
	return 0;
}

/* Append the path and query of u to b as a post's key has them: no
 * trailing '/', no tracking parameters, no fragment. */
static void
url_add_post_rest(struct buf *b, const struct url_parts *u)
{
	size_t n = u->pathlen, i, start, added = 0;

	while (n > 0 && u->path[n - 1] == '/')
		n--;
	buf_add(b, u->path, n);
	if (u->query == NULL)
		return;
	for (start = 0; start <= u->querylen; start = i + 1) {
		i = start;
		while (
		    i < u->querylen && u->query[i] != '&' && u->query[i] != ';')
			i++;
		if (i == start || url_is_tracking(u->query + start, i - start))
			continue;
		buf_addc(b, added++ == 0 ? '?' : '&');
		buf_add(b, u->query + start, i - start);
	}
}

/*
 * The key of url_same_key, and with post the key of url_post_key: the
 * same parse, with http and https one scheme and the path and query
 * trimmed by url_add_post_rest.
 */
static char *
url_key(const char *s, int post)
{
	struct url_parts u;
	struct buf b;
	xmlURIPtr uri;
	char *scheme, *out;
	size_t user = 0, i;
	int port;

	url_split(s, &u);
	if (u.scheme == 0)
		return xstrdup(s);
	scheme = url_lower(xstrndup(s, u.scheme));
	uri = u.auth != NULL ? url_parse(s) : NULL;
	if (uri == NULL || uri->server == NULL || uri->server[0] == '\0') {
		/* No host: only the scheme's case (and a post's fragment). */
		xmlFreeURI(uri);
		out = xasprintf("%s%.*s", scheme,
		    post && u.frag != NULL ? (int)(u.frag - 1 - s - u.scheme)
					   : (int)strlen(s + u.scheme),
		    s + u.scheme);
		free(scheme);
		return out;
	}
	port = uri->port;
	if ((port == 80 && strcmp(scheme, "http") == 0) ||
	    (port == 443 && strcmp(scheme, "https") == 0))
		port = 0;
	if (post && strcmp(scheme, "https") == 0) {
		free(scheme);
		scheme = xstrdup("http");
	}
	/* The user information, up to the last '@', as written. */
	for (i = 0; i < u.authlen; i++)
		if (u.auth[i] == '@')
			user = i + 1;
	buf_init(&b, 0);
	buf_printf(&b, "%s://%.*s", scheme, (int)user, u.auth);
	buf_addstr(&b, url_lower(uri->server));
	if (port > 0)
		buf_printf(&b, ":%d", port);
	if (post)
		url_add_post_rest(&b, &u);
	else
		buf_addstr(&b, u.path);
	free(scheme);
	xmlFreeURI(uri);
	return buf_detach(&b, NULL);
}

char *
url_same_key(const char *s)
{
	return url_key(s, 0);
}

char *
url_post_key(const char *s)
{
	return url_key(s, 1);
}
