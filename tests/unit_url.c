/*
 * unit_url: url.c (resolving against RFC 3986 section 5.4's examples,
 * spelling kept, cleaning, scheme and host, the key of one subscription),
 * strmap.c and util_fnv1a() against FNV-1a's published test vectors.  Owns nothing but the checks;
 * must not print anything but the ok / not ok lines, nor compute an
 * expected value with the code under test.
 */
#include "url.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "strmap.h"
#include "util.h"

/* Does f(...) give want (NULL for none)?  Frees got. */
static void
check_str(const char *name, char *got, const char *want)
{
	char *why;
	int same;

	same =
	    got == NULL || want == NULL ? got == want : strcmp(got, want) == 0;
	why = xasprintf("got \"%s\", want \"%s\"", got != NULL ? got : "(null)",
	    want != NULL ? want : "(null)");
	check_why(same, name, why);
	free(why);
	free(got);
}

struct res {
	const char *ref;
	const char *want;
};

static void
test_rfc3986(void)
{
	/* RFC 3986 5.4.1 and 5.4.2, base "http://a/b/c/d;p?q". */
	static const struct res t[] = {
		{ "g:h", "g:h" },
		{ "g", "http://a/b/c/g" },
		{ "./g", "http://a/b/c/g" },
		{ "g/", "http://a/b/c/g/" },
		{ "/g", "http://a/g" },
		{ "//g", "http://g" },
		{ "?y", "http://a/b/c/d;p?y" },
		{ "g?y", "http://a/b/c/g?y" },
		{ "#s", "http://a/b/c/d;p?q#s" },
		{ "g#s", "http://a/b/c/g#s" },
		{ "g?y#s", "http://a/b/c/g?y#s" },
		{ ";x", "http://a/b/c/;x" },
		{ "g;x", "http://a/b/c/g;x" },
		{ "g;x?y#s", "http://a/b/c/g;x?y#s" },
		{ "", "http://a/b/c/d;p?q" },
		{ ".", "http://a/b/c/" },
		{ "./", "http://a/b/c/" },
		{ "..", "http://a/b/" },
		{ "../", "http://a/b/" },
		{ "../g", "http://a/b/g" },
		{ "../..", "http://a/" },
		{ "../../", "http://a/" },
		{ "../../g", "http://a/g" },
		{ "../../../g", "http://a/g" },
		{ "../../../../g", "http://a/g" },
		{ "/./g", "http://a/g" },
		{ "/../g", "http://a/g" },
		{ "g.", "http://a/b/c/g." },
		{ ".g", "http://a/b/c/.g" },
		{ "g..", "http://a/b/c/g.." },
		{ "..g", "http://a/b/c/..g" },
		{ "./../g", "http://a/b/g" },
		{ "./g/.", "http://a/b/c/g/" },
		{ "g/./h", "http://a/b/c/g/h" },
		{ "g/../h", "http://a/b/c/h" },
		{ "g;x=1/./y", "http://a/b/c/g;x=1/y" },
		{ "g;x=1/../y", "http://a/b/c/y" },
		{ "g?y/./x", "http://a/b/c/g?y/./x" },
		{ "g?y/../x", "http://a/b/c/g?y/../x" },
		{ "g#s/./x", "http://a/b/c/g#s/./x" },
		{ "g#s/../x", "http://a/b/c/g#s/../x" },
		{ "http:g", "http:g" },
	};
	char name[64];
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		snprintf(name, sizeof name, "RFC 3986 5.4: \"%s\"", t[i].ref);
		check_str(name, url_resolve("http://a/b/c/d;p?q", t[i].ref),
		    t[i].want);
	}
}

static void
test_resolve(void)
{
	/* What libxml2 alone would re-spell, drop or refuse. */
	static const struct res t[] = {
		{ "a%2Fb/%41", "https://h.example/x/a%2Fb/%41" },
		{ "caf\xc3\xa9 x|{y}",
		    "https://h.example/x/caf\xc3\xa9 x|{y}" },
		{ "?q=%41%2F#f%2F", "https://h.example/x/y?q=%41%2F#f%2F" },
		{ "w//z", "https://h.example/x/w//z" },
		{ "a//../b", "https://h.example/x/a/b" },
		{ "/web/2020/https://e.example/p",
		    "https://h.example/web/2020/https://e.example/p" },
		{ "//cdn.example/../s.js", "https://cdn.example/s.js" },
		{ "//", "https://" },
		{ "///p", "https:///p" },
		{ "1a:b", "https://h.example/x/1a:b" },
		{ "/..", "https://h.example/" },
	};
	char name[80];
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		snprintf(name, sizeof name, "resolve keeps spelling: \"%s\"",
		    t[i].ref);
		check_str(name, url_resolve("https://h.example/x/y", t[i].ref),
		    t[i].want);
	}
	check_str("resolve: ..s past the root of a bare host",
	    url_resolve("http://h.example", "../.."), "http://h.example/");
	check_str("resolve: empty segments of the base kept",
	    url_resolve("http://h.example/a//b/c", "d"),
	    "http://h.example/a//b/d");
	/* Found by fuzz_url: the base's host came out unescaped. */
	check_str("resolve: the base's host kept as written",
	    url_resolve("http://h%41x%01%C3:8080/a/b", "c"),
	    "http://h%41x%01%C3:8080/a/c");
	check_str("resolve: the base's user kept as written",
	    url_resolve("http://u%40v@h.example/a", "?q"),
	    "http://u%40v@h.example/a?q");
	check_str("resolve: no base", url_resolve(NULL, "x/y"), "x/y");
	check_str("resolve: a relative base as libxml2 combines it",
	    url_resolve("/a/b", "c"), "/a/c");
}

static void
test_clean(void)
{
	check_str("clean: blanks trimmed, tab and newline dropped",
	    url_clean(" \thttps://a.example/b\n/c d\r\n "),
	    "https://a.example/b/c%20d");
	check_str("clean: nothing left", url_clean(" \t "), NULL);
	check_str("clean: controls and escapes encoded",
	    url_clean("http://a/\x1b[31m\x7f"), "http://a/%1B[31m%7F");
	check_str("clean: invisible characters and bad bytes encoded",
	    url_clean("http://a/x\xe2\x80\x8by\xc2\xad\xff"),
	    "http://a/x%E2%80%8By%C2%AD%FF");
	check_str("clean: other UTF-8 kept", url_clean("http://a/caf\xc3\xa9"),
	    "http://a/caf\xc3\xa9");
}

static void
test_parts(void)
{
	check_str("scheme: lower-cased", url_scheme("HTTPS://a/"), "https");
	check_str(
	    "scheme: javascript", url_scheme("javascript:x()"), "javascript");
	check_str("scheme: none before a path", url_scheme("/a:b"), NULL);
	check_str("scheme: not a digit first", url_scheme("1a:b"), NULL);
	check_str("host: lower-cased, no user or port",
	    url_host("HTTPS://User:pw@Blog.Example.ORG:8443/x?y#z"),
	    "blog.example.org");
	check_str("host: IPv6 keeps its brackets",
	    url_host("http://[::1]:8080/feed"), "[::1]");
	check_str("host: a network-path reference",
	    url_host("//cdn.example.com/a.js"), "cdn.example.com");
	check_str("host: non-ASCII",
	    url_host("http://b\xc3\xbc"
		     "cher.example/"),
	    "b\xc3\xbc"
	    "cher.example");
	check_str("host: file URL has none", url_host("file:///tmp/x"), NULL);
	check_str(
	    "host: mailto has none", url_host("mailto:a@b.example"), NULL);
	check_str("host: a path has none", url_host("/x/y"), NULL);
}

static void
test_same_key(void)
{
	check_str("key: scheme and host lower-cased, port 80 dropped",
	    url_same_key("HTTP://Host:80/feed"), "http://host/feed");
	check_str("key: already plain", url_same_key("http://host/feed"),
	    "http://host/feed");
	check_str("key: https drops 443", url_same_key("HTTPS://Ex.ORG:443/a"),
	    "https://ex.org/a");
	check_str("key: http keeps 443", url_same_key("http://h:443/a"),
	    "http://h:443/a");
	check_str("key: https keeps 80", url_same_key("https://h:80/a"),
	    "https://h:80/a");
	check_str("key: another port kept", url_same_key("http://H:8080/a"),
	    "http://h:8080/a");
	check_str("key: path, query and fragment as written",
	    url_same_key("http://H/A%2Fb/C?Q=%41#F"),
	    "http://h/A%2Fb/C?Q=%41#F");
	check_str("key: user information as written",
	    url_same_key("http://Me:Pw@H:80/x"), "http://Me:Pw@h/x");
	check_str("key: IPv6 literal", url_same_key("HTTP://[::1]:80/f"),
	    "http://[::1]/f");
	check_str(
	    "key: no path", url_same_key("HTTP://Host:80"), "http://host");
	check_str("key: file URL: only the scheme lower-cased",
	    url_same_key("FILE:///Tmp/X"), "file:///Tmp/X");
	check_str("key: no scheme: as it is", url_same_key("/A/b"), "/A/b");
}

static void
test_post_key(void)
{
	static const char *const same[][2] = {
		{ "https://blog.example/2026/05/post",
		    "http://blog.example/2026/05/post" },
		{ "http://Blog.EXAMPLE/2026/05/post",
		    "http://blog.example/2026/05/post" },
		{ "HTTPS://blog.example:443/2026/05/post",
		    "http://blog.example:80/2026/05/post" },
		{ "http://blog.example/2026/05/post/",
		    "http://blog.example/2026/05/post" },
		{ "http://blog.example/post?utm_source=planet&utm_medium=rss",
		    "http://blog.example/post" },
		{ "http://blog.example/post?UTM_Campaign=x&fbclid=1&gclid=2",
		    "http://blog.example/post" },
		{ "http://blog.example/post?mc_cid=a&mc_eid=b",
		    "http://blog.example/post" },
		{ "http://blog.example/post#comments",
		    "http://blog.example/post" },
		{ "https://blog.example/p/?id=7&utm_source=x#top",
		    "http://blog.example/p?id=7" },
		{ "http://blog.example/", "https://BLOG.example" },
	};
	static const char *const differ[][2] = {
		{ "http://blog.example/post?id=1",
		    "http://blog.example/post?id=2" },
		{ "http://blog.example/Post", "http://blog.example/post" },
		{ "http://blog.example/post", "http://other.example/post" },
		{ "http://blog.example:8080/post", "http://blog.example/post" },
		{ "http://blog.example/post?utm=1",
		    "http://blog.example/post" },
		{ "http://blog.example/post?a=1&b=2",
		    "http://blog.example/post?b=2&a=1" },
	};
	char *a, *b, *name;
	size_t i;

	for (i = 0; i < sizeof same / sizeof same[0]; i++) {
		a = url_post_key(same[i][0]);
		b = url_post_key(same[i][1]);
		name = xasprintf("post key: %s is %s", same[i][0], same[i][1]);
		check_str(name, a, b);
		free(b);
		free(name);
	}
	for (i = 0; i < sizeof differ / sizeof differ[0]; i++) {
		a = url_post_key(differ[i][0]);
		b = url_post_key(differ[i][1]);
		name = xasprintf(
		    "post key: %s is not %s", differ[i][0], differ[i][1]);
		check(strcmp(a, b) != 0, name, "both \"%s\"", a);
		free(a);
		free(b);
		free(name);
	}
	check_str("post key: spelt",
	    url_post_key("HTTPS://Blog.EX:443/a/?utm_source=x&p=1#c"),
	    "http://blog.ex/a?p=1");
	check_str("post key: other parameters keep order and spelling",
	    url_post_key("http://h/a?Z=%41&utm_term=q&b=2;fbclid=x"),
	    "http://h/a?Z=%41&b=2");
	check_str("post key: a value named utm_ is kept",
	    url_post_key("http://h/a?q=utm_source"), "http://h/a?q=utm_source");
	check_str("post key: no host: fragment dropped",
	    url_post_key("FILE:///tmp/x#y"), "file:///tmp/x");
	check_str(
	    "post key: no scheme: as it is", url_post_key("/a/b/"), "/a/b/");
}

static void
test_strmap(void)
{
	struct strmap m;
	char key[32];
	size_t i, v = 0;
	int ok = 1;

	memset(&m, 0, sizeof m);
	check_why(
	    !strmap_get(&m, "a", &v), "strmap: empty map has nothing", "");
	check_why(
	    strmap_add(&m, "a", 7) == 1 && strmap_get(&m, "a", &v) && v == 7,
	    "strmap: add then get", "");
	check_why(
	    strmap_add(&m, "a", 9) == 0 && strmap_get(&m, "a", &v) && v == 7,
	    "strmap: a second add keeps the first value", "");
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "https://e.example/%zu", i);
		if (strmap_add(&m, key, i) != 1)
			ok = 0;
	}
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "https://e.example/%zu", i);
		if (!strmap_get(&m, key, &v) || v != i)
			ok = 0;
	}
	check_why(
	    ok && m.n == 5001 && !strmap_get(&m, "https://e.example/x", NULL),
	    "strmap: 5000 keys through growing", "");
	strmap_free(&m);
	check_why(m.n == 0 && m.size == 0 && !strmap_get(&m, "a", NULL),
	    "strmap: free leaves an empty map", "");
}

static void
test_fnv(void)
{
	/* The published FNV-1a 64-bit test vectors. */
	check_why(
	    util_fnv1a(UTIL_FNV1A_INIT, "", 0) == UINT64_C(0xcbf29ce484222325),
	    "fnv1a: empty", "");
	check_why(
	    util_fnv1a(UTIL_FNV1A_INIT, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c),
	    "fnv1a: \"a\"", "");
	check_why(util_fnv1a(UTIL_FNV1A_INIT, "foobar", 6) ==
		UINT64_C(0x85944171f73967e8),
	    "fnv1a: \"foobar\"", "");
	check_why(util_fnv1a(util_fnv1a(UTIL_FNV1A_INIT, "foo", 3), "bar", 3) ==
		UINT64_C(0x85944171f73967e8),
	    "fnv1a: in two parts", "");
}

int
main(void)
{
	check_begin("url");
	test_rfc3986();
	test_resolve();
	test_clean();
	test_parts();
	test_same_key();
	test_post_key();
	test_strmap();
	test_fnv();
	return check_done();
}
