/*
 * unit_opml: tests for opml_parse() and opml_write().  Owns nothing but the
 * checks and the fixtures under tests/opml/ (found through $TESTS, else
 * "tests"); must not print anything but the ok / not ok lines, nor compute
 * an expected value with the code under test.
 */
#include "opml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "util.h"

#include "check.h"

static char *
slurp(const char *name, size_t *len)
{
	const char *dir;
	char *path, *data;
	FILE *f;
	size_t n, size = 0, got = 0;

	dir = getenv("TESTS");
	if (dir == NULL || *dir == '\0')
		dir = "tests";
	path = xasprintf("%s/opml/%s", dir, name);
	f = fopen(path, "rb");
	free(path);
	if (f == NULL) {
		*len = 0;
		return NULL;
	}
	data = NULL;
	for (;;) {
		if (got == size) {
			size = size == 0 ? 4096 : size * 2;
			data = xreallocarray(data, size + 1, 1);
		}
		n = fread(data + got, 1, size - got, f);
		if (n == 0)
			break;
		got += n;
	}
	fclose(f);
	data[got] = '\0';
	*len = got;
	return data;
}

/* One parse with everything it returns. */
struct result {
	int rv;
	struct opml_feed *feeds;
	size_t n;
	char **notes;
	size_t nnotes;
	char *cause;
};

static void
run(struct result *r, const char *data, size_t len)
{
	memset(r, 0, sizeof *r);
	r->rv = opml_parse(
	    data, len, &r->feeds, &r->n, &r->notes, &r->nnotes, &r->cause);
}

static void
run_str(struct result *r, const char *s)
{
	run(r, s, strlen(s));
}

static void
done(struct result *r)
{
	opml_free(r->feeds, r->n);
	opml_free_notes(r->notes, r->nnotes);
	free(r->cause);
	memset(r, 0, sizeof *r);
}

static int
streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static const char *
show(const char *s)
{
	return s != NULL ? s : "(null)";
}

struct want {
	const char *url;
	const char *title;
	const char *html_url;
	const char *category;
};

/* Compare a parse with an expected list; returns a static reason or NULL. */
static const char *
differs(const struct result *r, const struct want *w, size_t n)
{
	static char why[1024];
	size_t i;

	if (r->rv != 0) {
		snprintf(why, sizeof why, "rv %d (%s)", r->rv, show(r->cause));
		return why;
	}
	if (r->n != n) {
		snprintf(why, sizeof why, "%zu feeds, want %zu", r->n, n);
		return why;
	}
	for (i = 0; i < n; i++) {
		const struct opml_feed *f = &r->feeds[i];

		if (!streq(f->url, w[i].url) || !streq(f->title, w[i].title) ||
		    !streq(f->html_url, w[i].html_url) ||
		    !streq(f->category, w[i].category)) {
			snprintf(why, sizeof why,
			    "feed %zu is [%s|%s|%s|%s], want [%s|%s|%s|%s]", i,
			    show(f->url), show(f->title), show(f->html_url),
			    show(f->category), show(w[i].url), show(w[i].title),
			    show(w[i].html_url), show(w[i].category));
			return why;
		}
	}
	return NULL;
}

static int
has_note(const struct result *r, const char *want)
{
	size_t i;

	for (i = 0; i < r->nnotes; i++) {
		if (strcmp(r->notes[i], want) == 0)
			return 1;
	}
	return 0;
}

static int
note_contains(const struct result *r, const char *part)
{
	size_t i;

	for (i = 0; i < r->nnotes; i++) {
		if (strstr(r->notes[i], part) != NULL)
			return 1;
	}
	return 0;
}

static const char *
first_note(const struct result *r)
{
	return r->nnotes > 0 ? r->notes[0] : "(none)";
}

/* ---- OPML 1.x: Planet Python's shape ------------------------------- */

static void
test_planet(void)
{
	struct result r;
	char *data;
	size_t len, i, blogspot = 0, feedburner = 0, categorized = 0, html = 0;

	data = slurp("planetpython-sample.opml", &len);
	if (data == NULL) {
		check(0, "planet sample",
		    "tests/opml/planetpython-sample.opml "
		    "not found (set TESTS)");
		return;
	}
	run(&r, data, len);
	check(r.rv == 0 && r.n == 20, "planet sample: 20 flat outlines",
	    "rv %d, %zu feeds, cause %s", r.rv, r.n, show(r.cause));
	check(r.nnotes == 0, "planet sample: no notes", "%s", first_note(&r));
	if (r.rv == 0 && r.n == 20) {
		for (i = 0; i < r.n; i++) {
			if (strstr(r.feeds[i].url, "blogspot.com") != NULL)
				blogspot++;
			if (strstr(r.feeds[i].url, "feedburner") != NULL)
				feedburner++;
			if (r.feeds[i].category != NULL)
				categorized++;
			if (r.feeds[i].html_url != NULL)
				html++;
		}
		check(streq(r.feeds[0].title, "A. Jesse Jiryu Davis") &&
			streq(r.feeds[0].url,
			    "https://emptysqua.re/blog/index.xml"),
		    "planet sample: text attr is the title", "got %s %s",
		    show(r.feeds[0].title), show(r.feeds[0].url));
		check(streq(r.feeds[6].title, "\xc5\x81ukasz Langa"),
		    "planet sample: non-ASCII name", "got %s",
		    show(r.feeds[6].title));
		check(streq(r.feeds[18].url,
			  "https://wescpy.blogspot.com/feeds/posts/"
			  "default?alt=rss&max-results=25"),
		    "planet sample: &amp; in a url", "got %s",
		    show(r.feeds[18].url));
		check(blogspot == 3 && feedburner == 3,
		    "planet sample: blogspot and feedburner hosts",
		    "%zu blogspot, %zu feedburner", blogspot, feedburner);
		check(categorized == 0 && html == 0,
		    "planet sample: no folders, no htmlUrl",
		    "%zu with a category, %zu with an html_url", categorized,
		    html);
	}
	done(&r);
	free(data);
}

static void
test_opml10(void)
{
	static const struct want w[] = {
		{ "http://one.example/rss.xml", "Caf\xc3\xa9 Python", NULL,
		    NULL },
		{ "http://two.example/index.rdf?x=1&y=2", "Two", NULL, NULL },
		{ "http://three.example/atom", "Preferred", NULL, NULL },
	};
	const char *doc =
	    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	    "<opml version=\"1.0\"><head><title>Old</title></head><body>\n"
	    "<outline text=\"Caf\xe9 Python\" type=\"rss\" "
	    "xmlUrl=\"http://one.example/rss.xml\"/>\n"
	    "<outline text=\"Two\" "
	    "xmlUrl=\"http://two.example/index.rdf?x=1&amp;y=2\"/>\n"
	    "<outline text=\"Other\" title=\"Preferred\" "
	    "xmlUrl=\"http://three.example/atom\"/>\n"
	    "</body></opml>\n";
	struct result r;
	const char *why;

	run_str(&r, doc);
	why = differs(&r, w, sizeof w / sizeof w[0]);
	check(
	    why == NULL, "OPML 1.0 flat, Latin-1, title over text", "%s", why);
	done(&r);
}

/* ---- OPML 2.0: folders ---------------------------------------------- */

static void
test_nested(void)
{
	static const struct want w[] = {
		{ "http://top.example/feed.xml", "Top Level",
		    "http://top.example/", NULL },
		{ "https://py1.example/rss", "Text only", NULL, "Python" },
		{ "https://blog1.example/atom.xml", "Title wins",
		    "https://blog1.example/", "Python/Blogs" },
		{ "https://blog2.example/feed", "Multi line title", NULL,
		    "Python/Blogs" },
		{ "https://deep.example/feed?a=1&b=2", "Red & plain", NULL,
		    "Python/Blogs/Deep" },
		{ "https://untitled.example/feed", NULL, NULL, "Python/Blogs" },
		{ "https://same-as-url.example/feed", NULL, NULL, "Python" },
		{ "https://n1.example/feed", "N1", NULL, "News" },
		{ "https://parent.example/feed", "Feed with children", NULL,
		    "News" },
		{ "https://child.example/feed", "Child", NULL, "News" },
		{ "https://nameless.example/feed", "Nameless folder", NULL,
		    NULL },
		{ "https://last.example/feed", "Last", NULL, NULL },
	};
	struct result r;
	const char *why;
	char *data;
	size_t len;

	data = slurp("nested.opml", &len);
	if (data == NULL) {
		check(0, "OPML 2.0 nested", "tests/opml/nested.opml not found");
		return;
	}
	run(&r, data, len);
	why = differs(&r, w, sizeof w / sizeof w[0]);
	check(why == NULL,
	    "OPML 2.0 nested folders, folders without xmlUrl, duplicates, "
	    "html_url, xmlurl/htmlurl, trimming, cleaned titles",
	    "%s", why);
	check(r.nnotes == 0, "OPML 2.0 nested: no notes", "%s", first_note(&r));
	done(&r);

	/* The same without a notes pointer. */
	{
		struct opml_feed *feeds = NULL;
		size_t n = 0;
		char *cause = NULL;
		int rv;

		rv = opml_parse(data, len, &feeds, &n, NULL, NULL, &cause);
		check(rv == 0 && n == sizeof w / sizeof w[0],
		    "NULL skipped and cause pointers accepted", "rv %d n %zu",
		    rv, n);
		opml_free(feeds, n);
		free(cause);
		rv = opml_parse("<rss/>", 6, &feeds, &n, NULL, NULL, NULL);
		check(rv == -1 && feeds == NULL && n == 0,
		    "NULL cause on failure", "rv %d", rv);
	}
	free(data);
}

static void
test_refused(void)
{
	static const struct {
		const char *name;
		const char *data;
		size_t len;
		const char *cause_part;
	} cases[] = {
		{ "an <rss> document refused, naming it",
		    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
		    "<title>x</title></channel></rss>",
		    0, "<rss>" },
		{ "an Atom document refused, naming it",
		    "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", 0,
		    "<feed>" },
		{ "empty input refused", "", 0, "empty" },
		{ "whitespace-only input refused", " \n\t\r\n ", 0, "empty" },
		{ "a lone BOM refused", "\xef\xbb\xbf\n", 0, "empty" },
		{ "garbage bytes with NULs refused",
		    "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", 18,
		    "not OPML or a urls file" },
		{ "garbage text refused", "\x8f\xa3\x01 hello world\n{}\n", 0,
		    "not OPML or a urls file" },
		{ "JSON refused", "{\"version\": \"https://jsonfeed.org\"}", 0,
		    "not OPML or a urls file" },
		{ "broken markup refused", "<<<>>> <", 0, "not OPML" },
		{ "a comment-only XML document refused", "<!-- nothing -->", 0,
		    "not OPML" },
		{ "UTF-16 garbage refused", "\xff\xfe\x01\x02\x03", 5,
		    "not OPML" },
	};
	struct result r;
	size_t i, len;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		len = cases[i].len != 0 ? cases[i].len : strlen(cases[i].data);
		run(&r, cases[i].data, len);
		check(r.rv == -1 && r.cause != NULL &&
			strstr(r.cause, cases[i].cause_part) != NULL &&
			r.feeds == NULL && r.n == 0 && r.notes == NULL &&
			r.nnotes == 0,
		    cases[i].name, "rv %d, cause %s, %zu feeds", r.rv,
		    show(r.cause), r.n);
		done(&r);
	}
	run(&r, NULL, 0);
	check(
	    r.rv == -1 && r.cause != NULL, "NULL data refused", "rv %d", r.rv);
	done(&r);
}

static void
test_empty_opml(void)
{
	struct result r;

	run_str(&r, "<opml version=\"2.0\"><head/><body/></opml>");
	check(r.rv == 0 && r.n == 0 && r.feeds == NULL && r.nnotes == 0,
	    "an OPML with no feeds is an empty list", "rv %d, %zu feeds, %s",
	    r.rv, r.n, show(r.cause));
	done(&r);
}

/* ---- encodings ------------------------------------------------------ */

/* Parse with stderr sent to a temporary file; returns the bytes written. */
static long
run_quiet(struct result *r, const char *data, size_t len)
{
	FILE *tmp;
	long size;
	int saved;

	fflush(stderr);
	tmp = tmpfile();
	saved = dup(2);
	if (tmp == NULL || saved == -1) {
		run(r, data, len);
		return -1;
	}
	dup2(fileno(tmp), 2);
	run(r, data, len);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	size = (long)lseek(fileno(tmp), 0, SEEK_END);
	fclose(tmp);
	return size;
}

static void
test_encodings(void)
{
	static const char body[] =
	    "<opml version=\"2.0\"><body><outline text=\"Caf\xc3\xa9\" "
	    "xmlUrl=\"http://e.example/\"/></body></opml>";
	static const char unknown[] =
	    "<?xml version=\"1.0\" encoding=\"UTF08\"?>\n"
	    "<opml><body><outline text=\"x\x89y\" "
	    "xmlUrl=\"http://u.example/\"/></body></opml>";
	struct result r;
	struct buf b;
	size_t i;
	long noise;

	/* UTF-16LE with a BOM, built by hand from the ASCII/Latin-1 text. */
	buf_init(&b, 0);
	buf_add(&b, "\xff\xfe", 2);
	for (i = 0; body[i] != '\0'; i++) {
		if ((unsigned char)body[i] == 0xc3) {
			buf_add(&b, "\xe9\x00", 2);
			i++;
			continue;
		}
		buf_addc(&b, body[i]);
		buf_addc(&b, '\0');
	}
	run(&r, b.data, b.len);
	check(r.rv == 0 && r.n == 1 && streq(r.feeds[0].title, "Caf\xc3\xa9"),
	    "UTF-16LE with a BOM", "rv %d, %zu feeds, %s", r.rv, r.n,
	    show(r.cause));
	done(&r);
	buf_free(&b);

	run_str(&r,
	    "<?xml version=\"1.0\" encoding=\"KOI8-R\"?>"
	    "<opml><body><outline text=\"\xf0\xd2\xc9\xd7\xc5\xd4\" "
	    "xmlUrl=\"http://koi.example/\"/></body></opml>");
	check(r.rv == 0 && r.n == 1 &&
		streq(r.feeds[0].title,
		    "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2"
		    "\xd0\xb5\xd1\x82") &&
		r.nnotes == 0,
	    "declared KOI8-R converted", "rv %d, title %s", r.rv,
	    r.n > 0 ? show(r.feeds[0].title) : "");
	done(&r);

	run_str(&r,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<opml><body><outline text=\"Caf\xe9\" "
	    "xmlUrl=\"http://bad.example/caf\xe9\"/></body></opml>");
	check(r.rv == 0 && r.n == 1 && streq(r.feeds[0].title, "Caf\xc3\xa9") &&
		streq(r.feeds[0].url, "http://bad.example/caf\xc3\xa9") &&
		note_contains(&r, "windows-1252"),
	    "mislabelled Latin-1 read as windows-1252, noted",
	    "rv %d, title %s, notes %s", r.rv,
	    r.n > 0 ? show(r.feeds[0].title) : "", first_note(&r));
	done(&r);

	noise = run_quiet(&r, unknown, sizeof unknown - 1);
	check(r.rv == 0 && r.n == 1 && note_contains(&r, "UTF08") && noise == 0,
	    "unknown encoding: read anyway, noted, nothing on stderr",
	    "rv %d, %ld bytes on stderr, notes %s", r.rv, noise,
	    first_note(&r));
	done(&r);

	run_str(&r,
	    "<opml><body><outline text=\"S\" "
	    "xmlUrl=\"http://s.example/a b&#9;c\"/></body></opml>");
	check(r.rv == 0 && r.n == 1 &&
		streq(r.feeds[0].url, "http://s.example/a%20bc"),
	    "blanks inside a url are percent-encoded, tabs dropped "
	    "(the cleaning links get)",
	    "%s", r.n > 0 ? show(r.feeds[0].url) : show(r.cause));
	done(&r);

	/* U+FFFF is UTF-8 but no XML character: kept raw, an OPML export
	 * lost it (found by fuzz_opml). */
	run_str(&r, "https://u.example/\xef\xbf\xbf-a\n");
	check(r.rv == 0 && r.n == 1 &&
		streq(r.feeds[0].url, "https://u.example/%EF%BF%BF-a"),
	    "a noncharacter in a url is percent-encoded", "%s",
	    r.n > 0 ? show(r.feeds[0].url) : show(r.cause));
	done(&r);

	run_str(&r, "\"http://n.example/a b\xff\" \"~T\"\n");
	check(r.rv == 0 && r.n == 1 &&
		streq(r.feeds[0].url, "http://n.example/a%20b%FF"),
	    "urls file: a quoted url with a blank and a bad byte", "%s",
	    r.n > 0 ? show(r.feeds[0].url) : show(r.cause));
	done(&r);
}

/* ---- robustness ------------------------------------------------------ */

static void
test_deep(void)
{
	struct buf b;
	struct result r;
	char *want_cat;
	size_t i;

	buf_init(&b, 0);
	buf_addstr(&b,
	    "<opml version=\"2.0\"><body>"
	    "<outline text=\"Shallow\" "
	    "xmlUrl=\"http://shallow.example/\"/>");
	for (i = 0; i < 10000; i++)
		buf_printf(&b, "<outline text=\"f%zu\">", i);
	buf_addstr(&b,
	    "<outline text=\"Bottom\" "
	    "xmlUrl=\"http://bottom.example/\"/>");
	for (i = 0; i < 10000; i++)
		buf_addstr(&b, "</outline>");
	buf_addstr(&b, "</body></opml>");
	run(&r, b.data, b.len);
	check(r.rv == 0 && r.n >= 1 &&
		streq(r.feeds[0].url, "http://shallow.example/"),
	    "10,000-deep outlines: no crash, shallow feeds kept",
	    "rv %d, %zu feeds, cause %s", r.rv, r.n, show(r.cause));
	check(note_contains(&r, "nested too deeply"),
	    "10,000-deep outlines: the loss is noted", "notes: %s",
	    first_note(&r));
	done(&r);
	buf_free(&b);

	/* 100 levels is within libxml2's limit: read in full. */
	buf_init(&b, 0);
	buf_addstr(&b, "<opml><body>");
	for (i = 0; i < 100; i++)
		buf_printf(&b, "<outline text=\"L%zu\">", i);
	buf_addstr(&b, "<outline xmlUrl=\"http://hundred.example/\"/>");
	for (i = 0; i < 100; i++)
		buf_addstr(&b, "</outline>");
	buf_addstr(&b, "</body></opml>");
	run(&r, b.data, b.len);
	buf_free(&b);
	buf_init(&b, 0);
	for (i = 0; i < 100; i++)
		buf_printf(&b, "%sL%zu", i > 0 ? "/" : "", i);
	want_cat = buf_detach(&b, NULL);
	check(r.rv == 0 && r.n == 1 && streq(r.feeds[0].category, want_cat) &&
		r.nnotes == 0,
	    "100-deep folders: full category path", "rv %d, %zu feeds, %s",
	    r.rv, r.n, r.n > 0 ? show(r.feeds[0].category) : "");
	done(&r);
	free(want_cat);

	/* Unclosed opening tags, 10,000 deep, without an <opml> root. */
	buf_init(&b, 0);
	for (i = 0; i < 10000; i++)
		buf_addstr(&b, "<x>");
	run(&r, b.data, b.len);
	check(r.rv == -1 && r.cause != NULL,
	    "10,000 unclosed non-OPML tags refused", "rv %d", r.rv);
	done(&r);
	buf_free(&b);
}

static void
test_malformed(void)
{
	struct result r;

	run_str(&r,
	    "<opml><body>"
	    "<outline text=\"A\" xmlUrl=\"http://a.example/\"/>"
	    "<outline text=\"B\" xmlUrl=\"http://b.example/\"/>"
	    "<outline text=\"C\" xmlUrl=\"http://c.exa");
	check(r.rv == 0 && r.n >= 2 &&
		streq(r.feeds[0].url, "http://a.example/") &&
		streq(r.feeds[1].url, "http://b.example/"),
	    "truncated OPML: what was read is kept", "rv %d, %zu feeds", r.rv,
	    r.n);
	check(note_contains(&r, "malformed"), "truncated OPML: noted",
	    "notes: %s", first_note(&r));
	done(&r);
}

static void
test_entities(void)
{
	struct result r;
	size_t i;
	struct buf b;

	run_str(&r,
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE opml [\n"
	    "<!ENTITY x \"EXPANDED\">\n"
	    "<!ENTITY ext SYSTEM \"file:///etc/passwd\">\n"
	    "<!ENTITY % pe SYSTEM \"file:///etc/passwd\">\n"
	    "]>\n"
	    "<opml><body><outline text=\"a&x;b&ext;c&amp;&#233;\" "
	    "xmlUrl=\"http://e.example/\"/></body></opml>");
	check(r.rv == 0 && r.n == 1 && r.feeds[0].title != NULL &&
		strstr(r.feeds[0].title, "EXPANDED") == NULL &&
		strstr(r.feeds[0].title, "root") == NULL &&
		strstr(r.feeds[0].title, "c&\xc3\xa9") != NULL,
	    "declared entities are never expanded or loaded",
	    "rv %d, %zu feeds, title %s", r.rv, r.n,
	    r.n > 0 ? show(r.feeds[0].title) : "");
	done(&r);

	/* A billion laughs: must not expand. */
	buf_init(&b, 0);
	buf_addstr(&b, "<!DOCTYPE opml [<!ENTITY l0 \"lol\">");
	for (i = 1; i < 10; i++)
		buf_printf(&b,
		    "<!ENTITY l%zu \"&l%zu;&l%zu;&l%zu;&l%zu;&l%zu;&l%zu;"
		    "&l%zu;&l%zu;&l%zu;&l%zu;\">",
		    i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
		    i - 1, i - 1);
	buf_addstr(&b,
	    "]><opml><body><outline text=\"&l9;\" "
	    "xmlUrl=\"http://lol.example/\"/></body></opml>");
	run(&r, b.data, b.len);
	check(r.rv == 0 && r.n == 1 && r.feeds[0].title == NULL,
	    "billion laughs: not expanded", "rv %d, %zu feeds", r.rv, r.n);
	done(&r);
	buf_free(&b);

	run_str(&r,
	    "<!DOCTYPE opml SYSTEM \"file:///etc/passwd\">"
	    "<opml><body><outline xmlUrl=\"http://d.example/\"/>"
	    "</body></opml>");
	check(r.rv == 0 && r.n == 1, "an external DTD is not loaded",
	    "rv %d, %s", r.rv, show(r.cause));
	done(&r);
}

static void
test_huge(void)
{
	struct buf b;
	struct result r;
	size_t i, bad = 0;
	char want[64];

	buf_init(&b, 0);
	buf_addstr(&b, "<opml version=\"2.0\"><body>");
	for (i = 0; i < 5; i++) {
		buf_printf(&b, "<outline text=\"Folder %zu\">", i);
		for (size_t j = 0; j < 10000; j++)
			buf_printf(&b,
			    "<outline text=\"Feed %zu\" "
			    "xmlUrl=\"https://h%zu.example/feed\"/>",
			    j, j * 5 + i);
		buf_addstr(&b, "</outline>");
	}
	/* And every url once more: all duplicates. */
	for (i = 0; i < 50000; i++)
		buf_printf(
		    &b, "<outline xmlUrl=\"https://h%zu.example/feed\"/>", i);
	buf_addstr(&b, "</body></opml>");
	run(&r, b.data, b.len);
	buf_free(&b);
	if (r.rv == 0 && r.n == 50000) {
		for (i = 0; i < r.n; i++) {
			snprintf(want, sizeof want, "Folder %zu", i / 10000);
			if (!streq(r.feeds[i].category, want))
				bad++;
		}
	}
	check(r.rv == 0 && r.n == 50000 && bad == 0,
	    "100,000 outlines, half duplicates", "rv %d, %zu feeds, %zu bad",
	    r.rv, r.n, bad);
	done(&r);
}

/* ---- writing ------------------------------------------------------- */

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static struct opml_feed *
copy_feeds(const struct want *w, size_t n)
{
	struct opml_feed *f;
	size_t i;

	f = xcalloc(n, sizeof *f);
	for (i = 0; i < n; i++) {
		f[i].url = dup_or_null(w[i].url);
		f[i].title = dup_or_null(w[i].title);
		f[i].html_url = dup_or_null(w[i].html_url);
		f[i].category = dup_or_null(w[i].category);
	}
	return f;
}

/* Same urls, titles, html_urls, categories; same order per category. */
static const char *
same_list(
    const struct opml_feed *a, size_t na, const struct opml_feed *b, size_t nb)
{
	static char why[1024];
	size_t i, j, k;

	if (na != nb) {
		snprintf(why, sizeof why, "%zu feeds back, want %zu", nb, na);
		return why;
	}
	for (i = 0; i < na; i++) {
		/* The k-th feed of a's category in a matches b's k-th. */
		k = 0;
		for (j = 0; j < i; j++) {
			if (streq(a[j].category, a[i].category))
				k++;
		}
		for (j = 0; j < nb; j++) {
			if (streq(b[j].category, a[i].category) && k-- == 0)
				break;
		}
		if (j == nb) {
			snprintf(why, sizeof why, "feed %zu (%s) missing", i,
			    a[i].url);
			return why;
		}
		if (!streq(a[i].url, b[j].url) ||
		    !streq(a[i].title, b[j].title) ||
		    !streq(a[i].html_url, b[j].html_url)) {
			snprintf(why, sizeof why,
			    "feed %zu [%s|%s|%s|%s] came back as "
			    "[%s|%s|%s|%s]",
			    i, show(a[i].url), show(a[i].title),
			    show(a[i].html_url), show(a[i].category),
			    show(b[j].url), show(b[j].title),
			    show(b[j].html_url), show(b[j].category));
			return why;
		}
	}
	return NULL;
}

static void
test_roundtrip(void)
{
	static const struct want win[] = {
		{ "http://plain.example/rss", "Plain", NULL, NULL },
		{ "https://py.example/feed?a=1&b=2", "Tom & Jerry's \"<b>\"",
		    "https://py.example/?x=<y>&z='q'", "Python" },
		{ "https://blog.example/atom",
		    "\xc5\x81ukasz \xe2\x80\x94 "
		    "\xe6\x97\xa5\xe6\x9c\xac "
		    "\xf0\x9f\x90\x8d",
		    NULL, "Python/Blogs" },
		{ "https://untitled.example/x", NULL, NULL, "Python" },
		{ "https://q.example/f?q=\"quoted\"&s='single'&lt=<>", "<>&'\"",
		    "https://q.example/", "Caf\xc3\xa9 & <Friends>/\"Sub\"" },
		{ "https://news.example/1", "News one", NULL, "News" },
		{ "https://py2.example/feed", "Second Python", NULL, "Python" },
		{ "http://plain2.example/rss", "Plain two",
		    "http://plain2.example/", NULL },
		{ "https://blog2.example/atom", "Blog two", NULL,
		    "Python/Blogs" },
		{ "https://news.example/2", "News two", NULL, "News" },
		{ "https://amp.example/&amp;", "&amp; literally", NULL, "A&B" },
	};
	size_t nin = sizeof win / sizeof win[0];
	struct opml_feed *in;
	struct result r;
	const char *why;
	char *xml, *again;

	in = copy_feeds(win, nin);

	xml = opml_write(in, nin, "My <feeds> & \"more\"");
	check(xml != NULL && strncmp(xml, "<?xml", 5) == 0 &&
		strstr(xml, "<opml version=\"2.0\">") != NULL &&
		strstr(xml,
		    "<title>My &lt;feeds&gt; &amp; &quot;more&quot;"
		    "</title>") != NULL,
	    "write: OPML 2.0 with an escaped head title", "%s",
	    xml != NULL ? xml : "(null)");
	check(xml != NULL &&
		strstr(xml,
		    "<outline type=\"rss\" text=\"Plain\" "
		    "title=\"Plain\" "
		    "xmlUrl=\"http://plain.example/rss\"/>") != NULL &&
		strstr(xml, "text=\"https://untitled.example/x\"") != NULL,
	    "write: feed outlines, untitled ones named by url", "%s",
	    xml != NULL ? xml : "(null)");
	run_str(&r, xml);
	why = same_list(in, nin, r.feeds, r.n);
	check(r.rv == 0 && why == NULL,
	    "write -> parse round trip: urls, titles, html_urls, categories, "
	    "order per category, & < > \" ' and UTF-8",
	    "%s", r.rv == 0 ? why : show(r.cause));
	check(r.nnotes == 0, "write -> parse: well-formed (no notes)", "%s",
	    first_note(&r));

	/* Writing what was read gives the same document. */
	again = opml_write(r.feeds, r.n, "My <feeds> & \"more\"");
	check(streq(xml, again), "write -> parse -> write is stable", "%s",
	    again);
	free(again);
	free(xml);
	done(&r);
	opml_free(in, nin);

	xml = opml_write(NULL, 0, NULL);
	run_str(&r, xml);
	check(r.rv == 0 && r.n == 0, "write: an empty list", "rv %d %s", r.rv,
	    show(r.cause));
	done(&r);
	free(xml);
}

static void
test_roundtrip_files(void)
{
	static const char *files[] = { "planetpython-sample.opml",
		"nested.opml" };
	struct result r, back;
	const char *why;
	char *data, *xml, *name;
	size_t i, len;

	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		data = slurp(files[i], &len);
		name = xasprintf("read %s, write, read back", files[i]);
		if (data == NULL) {
			check(0, name, "not found");
			free(name);
			continue;
		}
		run(&r, data, len);
		xml = opml_write(r.feeds, r.n, "x");
		run_str(&back, xml);
		why = same_list(r.feeds, r.n, back.feeds, back.n);
		check(r.rv == 0 && back.rv == 0 && why == NULL, name, "%s",
		    why != NULL ? why : show(back.cause));
		done(&r);
		done(&back);
		free(xml);
		free(data);
		free(name);
	}
}

static void
test_deep_category(void)
{
	struct opml_feed f;
	char url[] = "http://deep.example/";
	struct buf b;
	struct result r;
	char *xml;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < 300; i++)
		buf_printf(&b, "%sc%zu", i > 0 ? "/" : "", i);
	memset(&f, 0, sizeof f);
	f.url = url;
	f.title = NULL;
	f.html_url = NULL;
	f.category = b.data;
	xml = opml_write(&f, 1, NULL);
	run_str(&r, xml);
	check(r.rv == 0 && r.n == 1 && streq(r.feeds[0].category, b.data) &&
		r.nnotes == 0,
	    "write: a 300-level category survives the round trip",
	    "rv %d, %zu feeds, notes %s", r.rv, r.n, first_note(&r));
	done(&r);
	free(xml);
	buf_free(&b);
}

/*
 * A category with empty folder names ("a//b/", from a newsboat tag or an
 * OPML folder) is kept as the folders opml_write makes of it: "a/b", so
 * that it reads back the same.  A long unsupported line gives a note cut
 * with "..." (and, under ASan, frees what it cut).
 */
static void
test_category_slashes(void)
{
	struct opml_feed f;
	char url[] = "http://slash.example/", *xml, *line;
	struct result r, back;
	struct buf b;
	size_t i;

	run_str(&r,
	    "http://slash.example/ \"a//b/\"\n"
	    "http://slash2.example/ \"//\"\n");
	check(r.rv == 0 && r.n == 2 && streq(r.feeds[0].category, "a/b") &&
		r.feeds[1].category == NULL,
	    "category a//b/ is read as a/b, // as none", "rv %d, %zu feeds, %s",
	    r.rv, r.n, r.n > 0 ? show(r.feeds[0].category) : "");
	memset(&f, 0, sizeof f);
	f.url = url;
	f.title = NULL;
	f.html_url = NULL;
	f.category = r.n > 0 ? r.feeds[0].category : NULL;
	xml = opml_write(&f, 1, NULL);
	run_str(&back, xml);
	check(
	    back.rv == 0 && back.n == 1 && streq(back.feeds[0].category, "a/b"),
	    "category a/b survives the round trip", "rv %d, %zu feeds, %s",
	    back.rv, back.n, back.n > 0 ? show(back.feeds[0].category) : "");
	done(&back);
	done(&r);
	free(xml);

	buf_init(&b, 0);
	buf_addstr(&b, "http://ok.example/\nftp://long.example/");
	for (i = 0; i < 600; i++)
		buf_addc(&b, 'x');
	buf_addc(&b, '\n');
	run_str(&r, b.data);
	line = r.nnotes > 0 ? r.notes[0] : NULL;
	check(
	    line != NULL && strlen(line) < 200 && strstr(line, "x...") != NULL,
	    "a long bad line's note is cut with ...", "%s", show(line));
	done(&r);
	buf_free(&b);
}

/* ---- newsboat urls ------------------------------------------------- */

static void
test_urls(void)
{
	static const struct want w[] = {
		{ "http://a.example/feed.xml", NULL, NULL, NULL },
		{ "https://b.example/atom", "B Blog", NULL, "python" },
		{ "https://c.example/rss", "C Title", NULL, "tech" },
		{ "https://d.example/feed", "Tilde", NULL, "Quoted Category" },
		{ "HTTPS://e.example/feed", NULL, NULL, NULL },
		{ "https://f.example/feed", "F", NULL, NULL },
	};
	static const char *notes[] = {
		"line 4: the first tag, tech, is the category; not kept: "
		"second tag",
		"line 6: query feeds are not supported: "
		"query:Unread:unread = \"yes\"",
		"line 7: exec feeds are not supported: exec:~/bin/feed.sh",
		"line 8: filter feeds are not supported: "
		"filter:~/bin/f.sh:http://x.example/",
		"line 10: not a feed URL: ftp://nope.example/x",
	};
	struct result r;
	struct buf b;
	const char *why;
	char *data;
	size_t len, i, missing;

	data = slurp("newsboat-urls", &len);
	if (data == NULL) {
		check(0, "newsboat urls", "tests/opml/newsboat-urls not found");
		return;
	}
	run(&r, data, len);
	why = differs(&r, w, sizeof w / sizeof w[0]);
	check(why == NULL,
	    "newsboat urls: tags, ~titles, quoted tags, !hidden, comments, "
	    "duplicates",
	    "%s", why);
	missing = 0;
	for (i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		if (!has_note(&r, notes[i]))
			missing++;
	}
	check(missing == 0 && r.nnotes == sizeof notes / sizeof notes[0],
	    "newsboat urls: query:, exec:, filter: and bad lines reported "
	    "with line numbers",
	    "%zu notes, %zu expected ones missing, first: %s", r.nnotes,
	    missing, first_note(&r));
	done(&r);

	/* CRLF line ends and a BOM read the same. */
	buf_init(&b, 0);
	buf_addstr(&b, "\xef\xbb\xbf");
	for (i = 0; i < len; i++) {
		if (data[i] == '\n')
			buf_addc(&b, '\r');
		buf_addc(&b, data[i]);
	}
	run(&r, b.data, b.len);
	why = differs(&r, w, sizeof w / sizeof w[0]);
	check(why == NULL && r.nnotes == sizeof notes / sizeof notes[0] &&
		has_note(&r, notes[0]),
	    "newsboat urls: CRLF and BOM", "%s (notes %zu: %s)", show(why),
	    r.nnotes, first_note(&r));
	done(&r);
	buf_free(&b);
	free(data);

	run_str(&r,
	    "https://esc.example/ \"~\x1b[31mRed\x1b[0m Title\" "
	    "\"\x1b]0;evil\x07"
	    "cat\"\n"
	    "query:only\n");
	check(r.rv == 0 && r.n == 1 && streq(r.feeds[0].title, "Red Title") &&
		streq(r.feeds[0].category, "cat") && r.nnotes == 1 &&
		strncmp(r.notes[0], "line 2: query", 13) == 0,
	    "newsboat urls: escape sequences cleaned from titles and tags",
	    "rv %d, %zu feeds, title %s, category %s", r.rv, r.n,
	    r.n > 0 ? show(r.feeds[0].title) : "",
	    r.n > 0 ? show(r.feeds[0].category) : "");
	done(&r);

	run_str(&r, "\"query:All:age < 7\"\n# nothing else\n");
	check(r.rv == 0 && r.n == 0 && r.nnotes == 1,
	    "newsboat urls: only a query feed is an empty list, noted",
	    "rv %d, %zu notes, cause %s", r.rv, r.nnotes, show(r.cause));
	done(&r);

	run_str(&r, "# just a comment\n\n");
	check(r.rv == 0 && r.n == 0 && r.nnotes == 0,
	    "newsboat urls: comments only is an empty list", "rv %d %s", r.rv,
	    show(r.cause));
	done(&r);

	run_str(&r, "hello world\nthis is prose\n");
	check(r.rv == -1 && r.cause != NULL &&
		strstr(r.cause, "not OPML or a urls file") != NULL &&
		strstr(r.cause, "line 1") != NULL,
	    "prose refused as neither OPML nor urls", "rv %d, cause %s", r.rv,
	    show(r.cause));
	done(&r);

	run_str(&r, "http://\nhttps://ok.example/ a b c d\n");
	check(r.rv == 0 && r.n == 1 && streq(r.feeds[0].category, "a") &&
		has_note(&r, "line 1: not a feed URL: http://"),
	    "newsboat urls: a bare scheme is not a feed URL",
	    "rv %d, %zu feeds, %s", r.rv, r.n, first_note(&r));
	done(&r);
}

int
main(void)
{
	check_begin("opml");
	test_planet();
	test_opml10();
	test_nested();
	test_refused();
	test_empty_opml();
	test_encodings();
	test_deep();
	test_malformed();
	test_entities();
	test_huge();
	test_roundtrip();
	test_roundtrip_files();
	test_deep_category();
	test_category_slashes();
	test_urls();
	return check_done();
}
