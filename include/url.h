/*
 * url: one toolkit for URLs, on libxml2's URI functions (RFC 3986): clean a
 * URL taken from a document, resolve a reference against a base, and
 * take a URL's scheme or host.  Pure: strings in, newly allocated strings
 * out (the caller frees them); no I/O, no globals, never the network.
 *
 * libxml2's parser takes only what RFC 3986 allows and unescapes what it
 * parses (it would read "%2F" in a path as "/"), so url.c escapes every
 * byte it does not mean libxml2 to interpret -- '%' itself, non-ASCII,
 * ':' in a path -- before handing a URL over, and turns every %XX back
 * afterwards: what comes out is spelt as it went in.  url_same_key() and
 * url_post_key() (the de-duplication key of DESIGN §9) share one parse.
 */
#ifndef ORRERY_URL_H
#define ORRERY_URL_H

/*
 * A URL as it may be listed and handed to a browser: blanks around it
 * trimmed and tabs and newlines in it dropped (as browsers do); spaces,
 * control characters, bytes that are not UTF-8 and invisible or bidi
 * characters percent-encoded.  NULL when nothing is left.
 */
char *url_clean(const char *);

/*
 * The reference ref resolved against base (RFC 3986 5.2, dot segments
 * removed); ref as it is when it has a scheme of its own, when base is
 * NULL or when the two cannot be parsed.  A base without a scheme is
 * combined as libxml2 does ("/a/" and "b" give "/a/b").  Bytes are kept
 * as written: nothing is escaped or unescaped.  Never NULL.
 */
char *url_resolve(const char *base, const char *ref);

/* The scheme of an absolute URL, lower-cased ("https"), or NULL. */
char *url_scheme(const char *);

/*
 * The host of a URL (or of a network-path reference, "//host/x"),
 * lower-cased, without user or port (an IPv6 literal keeps its brackets:
 * "[::1]"), or NULL when it has none ("file:///x", "mailto:a@b", "/x").
 */
char *url_host(const char *);

/*
 * The key two spellings of one subscription share: s with its scheme and
 * host lower-cased and the default port (80 for http, 443 for https)
 * dropped; user information, path, query and fragment as written
 * ("HTTP://Host:80/Feed" gives "http://host/Feed").  Only the scheme
 * lower-cased when there is no host or it cannot be parsed; s as it is
 * without a scheme.  Never NULL.
 */
char *url_same_key(const char *);

/*
 * The key two links to one post share (DESIGN §9): url_same_key's, with
 * https spelt http (one post served both ways), trailing slashes of the
 * path, tracking parameters of the query (utm_*, fbclid, gclid, mc_cid,
 * mc_eid and the like) and the fragment left out; the other parameters
 * keep their order and spelling ("HTTPS://Blog.EX:443/a/?utm_source=x&p=1#c"
 * gives "http://blog.ex/a?p=1").  s as it is without a scheme.  Never
 * NULL.
 */
char *url_post_key(const char *);

#endif /* ORRERY_URL_H */
