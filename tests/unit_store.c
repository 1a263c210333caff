/*
 * unit_store: the store against a real SQLite file in $T (or /tmp): schema
 * and migrations, upserts that keep read/starred state, identity when a
 * feed changes ids, maintained counts, keyset pages, FTS5, retention.
 * Prints "ok - NAME" / "not ok - NAME: why" per check.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "parse.h"
#include "store.h"
#include "util.h"

#include "check.h"

static struct parsed_feed *
feed_of(const char *xml)
{
	struct parsed_feed *f;
	char *cause = NULL;

	f = parse_feed(xml, strlen(xml), NULL, &cause);
	if (f == NULL) {
		check_fail("fixture does not parse: %s", cause);
		exit(1);
	}
	return f;
}

/* An RSS feed of n items, ids i0..i(n-1), item k dated base + k minutes. */
static char *
rss_items(int n, int first, const char *suffix)
{
	char *s, *t;
	int i;

	s = xstrdup("<rss version=\"2.0\"><channel><title>Blog</title>");
	for (i = first; i < first + n; i++) {
		t = xasprintf("%s<item><guid>i%d</guid><title>Post %d%s</title>"
			      "<link>http://example.org/%d</link>"
			      "<description>&lt;p&gt;body %d word%d&lt;/p&gt;"
			      "</description><pubDate>%s</pubDate></item>",
		    s, i, i, suffix, i, i, i,
		    "Fri, 29 May 2026 12:00:00 +0000");
		free(s);
		s = t;
	}
	t = xasprintf("%s</channel></rss>", s);
	free(s);
	return t;
}

static int
update(struct store *st, int64_t feed, const char *xml, int64_t now, int *n,
    int *u)
{
	struct store_fetch r;
	struct parsed_feed *pf;
	char *cause = NULL;
	int rv;

	pf = feed_of(xml);
	memset(&r, 0, sizeof r);
	r.status = 200;
	r.feed = pf;
	rv = store_feed_update(st, feed, &r, now, n, u, &cause);
	if (rv != 0) {
		printf("# update failed: %s\n", cause);
		free(cause);
	}
	parse_free(pf);
	return rv;
}

/*
 * Store the feeds xmls[0..n) (subscribed as ids[]) in one store_begin
 * transaction, ended by store_commit (commit set) or store_rollback; the
 * parsed feeds are freed only after that, as the fetcher does.  0 when
 * every step did what it should.
 */
static int
batch(struct store *st, const int64_t *ids, char *const *xmls, int n,
    int64_t now, int commit)
{
	struct parsed_feed *pf[4];
	struct store_fetch r;
	int i, rv = 0;

	if (store_begin(st, NULL) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		pf[i] = feed_of(xmls[i]);
		memset(&r, 0, sizeof r);
		r.status = 200;
		r.feed = pf[i];
		if (store_feed_update(st, ids[i], &r, now, NULL, NULL, NULL) !=
		    0)
			rv = -1;
	}
	if (commit && rv == 0)
		rv = store_commit(st, NULL);
	else
		store_rollback(st);
	for (i = 0; i < n; i++)
		parse_free(pf[i]);
	return rv;
}

static int64_t
first_id(struct store *st, const struct store_filter *f)
{
	struct store_entry *list;
	size_t n;
	int64_t id = -1;

	if (store_entries_first(st, f, 1, &list, &n, NULL) == 0 && n == 1)
		id = list[0].id;
	if (n > 0)
		store_entries_free(list, n);
	return id;
}

static size_t
count_matches(struct store *st, const char *q)
{
	struct store_filter f;
	struct store_entry *list;
	size_t n = 0;
	char *cause = NULL;

	memset(&f, 0, sizeof f);
	f.match = q;
	if (store_entries_first(st, &f, 1000, &list, &n, &cause) != 0) {
		free(cause);
		return (size_t)-1;
	}
	store_entries_free(list, n);
	return n;
}

/*
 * Page through the matches of q, limit at a time, older then newer again
 * (the pages of a search view); -1 unless every page is in (time, id)
 * order, the walk back finds the same entries, and the total is what one
 * big page finds.  Small pages take the probing path of store_page, big
 * ones collect.
 */
static long
page_matches(struct store *st, const char *q, size_t limit)
{
	struct store_filter f;
	struct store_entry *list;
	size_t n, i;
	long total = 0, back = 0;
	int64_t t = 0, id = 0, pt = INT64_MAX, pid = INT64_MAX;
	int first = 1;

	memset(&f, 0, sizeof f);
	f.match = q;
	for (;;) {
		if ((first ? store_entries_first(st, &f, limit, &list, &n, NULL)
			   : store_entries_after(
				 st, &f, t, id, limit, &list, &n, NULL)) != 0)
			return -1;
		first = 0;
		for (i = 0; i < n; i++) {
			if (list[i].time > pt ||
			    (list[i].time == pt && list[i].id >= pid))
				return -1;
			pt = list[i].time;
			pid = list[i].id;
		}
		total += (long)n;
		if (n > 0) {
			t = list[n - 1].time;
			id = list[n - 1].id;
		}
		if (n > 0)
			store_entries_free(list, n);
		if (n < limit)
			break;
	}
	/* And back up from the oldest, newest first within each page. */
	back = total > 0 ? 1 : 0;
	while (total > 0) {
		if (store_entries_before(
			st, &f, t, id, limit, &list, &n, NULL) != 0)
			return -1;
		back += (long)n;
		if (n > 0) {
			t = list[0].time;
			id = list[0].id;
			store_entries_free(list, n);
		}
		if (n < limit)
			break;
	}
	if (back != total || (size_t)total != count_matches(st, q))
		return -1;
	return total;
}

/* Every match of f (match and unread only), newest first, from SQLite
 * directly. */
static int
reference(
    const char *path, const struct store_filter *f, int64_t **out, size_t *n)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	size_t alloc = 16;
	int rc;

	*n = 0;
	*out = xcalloc(alloc, sizeof **out);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	rc = sqlite3_prepare_v2(db,
	    "SELECT id FROM entries WHERE id IN (SELECT rowid FROM entries_fts"
	    " WHERE entries_fts MATCH ?1) AND (?2 = 0 OR read = 0)"
	    " ORDER BY time DESC, id DESC",
	    -1, &s, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_bind_text(s, 1, f->match, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, f->unread);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc *= 2;
			*out = xreallocarray(*out, alloc, sizeof **out);
		}
		(*out)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Search pages against a reference: a store of 300 entries inserted in
 * time order (order 0: rowids follow time), against it (1), or shuffled
 * (2), with words of several frequencies.  Every page of `limit`, walked
 * down from the top and up from the bottom, must give exactly the
 * reference order (every match, newest first, ties by id), for the
 * filters too.  Returns NULL when all agree, else what differed.
 */
static const char *
search_agrees(const char *dir, int order)
{
	static char why[256];
	static const char *const queries[] = { "common", "rare",
		"\"two words\"", "pre*", "common NOT rare", "title:common",
		"uncommon OR rare", "title:unc* OR rare",
		"NEAR(common post, 2)", "pre* NOT pretty", "common pre*",
		"\"two\" pre*", "pre* common", "uncommon prefix1* post",
		"common NOT rare prefix1*", "(common pre*) OR rare" };
	static const size_t limits[] = { 1, 3, 7, 50, 200 };
	struct store *st;
	struct parsed_feed pf;
	struct parsed_entry *pe;
	struct store_fetch r;
	struct store_filter f;
	struct store_entry *list;
	int64_t *ref;
	char *path, *cause = NULL;
	int64_t feed, t, id;
	size_t nref, n, q, l, i, got, u, slot[300];
	int k;
	const char *res = NULL;

	path = xasprintf("%s/agree-%d-%ld.db", dir, order, (long)getpid());
	unlink(path);
	st = store_open(path, &cause);
	if (st == NULL ||
	    store_feed_add(st, "http://example.org/a", NULL, NULL, &feed, NULL,
		&cause) != 0)
		return "cannot make the store";
	for (i = 0; i < 300; i++)
		slot[i] = order == 0 ? i : order == 1 ? 299 - i : (i * 7) % 300;
	memset(&pf, 0, sizeof pf);
	pf.ttl = -1;
	pf.entries = xcalloc(300, sizeof *pf.entries);
	for (i = 0; i < 300; i++) {
		k = (int)slot[i]; /* its place in time: larger is newer */
		pe = &pf.entries[pf.nentries++];
		pe->id = xasprintf("e%d", k);
		pe->title = xasprintf("%s %s post %d",
		    k % 3 == 0 ? "common" : "uncommon",
		    k % 41 == 5 ? "rare" : "", k);
		pe->summary = xasprintf("%s%s prefix%d",
		    k % 10 == 0 ? "two words" : "two",
		    k % 4 == 0 ? " pretty" : "", k % 5);
		/* Every fifth pair shares a time: ties go by id. */
		pe->published =
		    1700000000 + (int64_t)(k - k % 2 * (k % 5 == 0)) * 60;
		pe->updated = PARSE_NO_DATE;
	}
	memset(&r, 0, sizeof r);
	r.feed = &pf;
	if (store_feed_update(st, feed, &r, 1800000000, NULL, NULL, &cause) !=
	    0)
		return "cannot store the entries";
	for (i = 0; i < pf.nentries; i++) {
		free(pf.entries[i].id);
		free(pf.entries[i].title);
		free(pf.entries[i].summary);
	}
	free(pf.entries);
	for (i = 0; i < 300; i += 4) /* some read, for the unread filter */
		store_mark(st, (int64_t)i + 1, STORE_MARK_READ, NULL);
	for (q = 0; q < sizeof queries / sizeof queries[0] && res == NULL;
	     q++) {
		for (u = 0; u < 2 && res == NULL; u++) {
			memset(&f, 0, sizeof f);
			f.match = queries[q];
			f.unread = (int)u;
			/* The reference, straight from SQLite: the query
			 * as typed, no paging, no rewriting. */
			if (reference(path, &f, &ref, &nref) != 0)
				return "reference search failed";
			for (l = 0; l < sizeof limits / sizeof limits[0] &&
			     res == NULL;
			     l++) {
				/* Down from the top. */
				got = 0;
				k = store_entries_first(
				    st, &f, limits[l], &list, &n, NULL);
				while (k == 0 && res == NULL) {
					for (i = 0; i < n && res == NULL;
					     i++, got++)
						if (got >= nref ||
						    list[i].id != ref[got])
							res =
							    "a page down differs";
					if (n == 0 || n < limits[l]) {
						store_entries_free(list, n);
						break;
					}
					t = list[n - 1].time;
					id = list[n - 1].id;
					store_entries_free(list, n);
					k = store_entries_after(st, &f, t, id,
					    limits[l], &list, &n, NULL);
				}
				if (res == NULL && (k != 0 || got != nref))
					res = "paging down lost entries";
				/* Up from the bottom. */
				got = 0;
				k = store_entries_last(
				    st, &f, limits[l], &list, &n, NULL);
				while (k == 0 && res == NULL) {
					for (i = n; i > 0 && res == NULL;
					     i--, got++)
						if (got >= nref ||
						    list[i - 1].id !=
							ref[nref - 1 - got])
							res =
							    "a page up differs";
					if (n == 0 || n < limits[l]) {
						store_entries_free(list, n);
						break;
					}
					t = list[0].time;
					id = list[0].id;
					store_entries_free(list, n);
					k = store_entries_before(st, &f, t, id,
					    limits[l], &list, &n, NULL);
				}
				if (res == NULL && (k != 0 || got != nref))
					res = "paging up lost entries";
				if (res != NULL)
					snprintf(why, sizeof why,
					    "%s: query %s, unread %zu, limit %zu, %zu matches",
					    res, queries[q], u, limits[l],
					    nref);
			}
			if (res == NULL && nref == 0) {
				snprintf(why, sizeof why, "no match for %s",
				    queries[q]);
				res = why;
			}
			free(ref);
		}
	}
	store_close(st);
	unlink(path);
	free(path);
	return res != NULL ? why : NULL;
}

/*
 * A hide rule's words are matched once into a temp table (store_hide.c):
 * posts stored afterwards, by this connection or another, are hidden
 * too, and the unread counts leave them out.
 */
static void
test_hide_fresh(const char *dir)
{
	struct store *st, *other;
	struct store_entry *page;
	const char *rules[] = { "word3 OR word21", "title:\"Post 5\"" };
	char *path, *xml;
	int64_t feed, unread = 0, total = 0;
	size_t n = 0;
	int64_t now = 1780056000;

	path = xasprintf("%s/hide-%ld.db", dir, (long)getpid());
	st = store_open(path, NULL);
	other = store_open(path, NULL);
	if (st == NULL || other == NULL ||
	    store_feed_add(st, "http://example.org/h", NULL, NULL, &feed, NULL,
		NULL) != 0) {
		check_fail("hide: open the store");
		return;
	}
	xml = rss_items(10, 0, "");
	update(st, feed, xml, now, NULL, NULL);
	free(xml);
	check_why(store_hide_rules(st, rules, 2, now, 1, NULL) == 0,
	    "hide rules with words", "");
	check_why(
	    store_entries_first(st, NULL, 100, &page, &n, NULL) == 0 && n == 8,
	    "hide rules with words leave their posts out", "");
	store_entries_free(page, n);
	/* Another connection stores more posts, one of them matching. */
	xml = rss_items(20, 10, "");
	update(other, feed, xml, now, NULL, NULL);
	free(xml);
	check_why(
	    store_entries_first(st, NULL, 100, &page, &n, NULL) == 0 && n == 27,
	    "a post stored since by another process is hidden too", "");
	store_entries_free(page, n);
	check_why(store_counts(st, &unread, &total, NULL) == 0 &&
		unread == 27 && total == 27,
	    "unread counts leave hidden posts out", "");
	/* This connection changes a post's text so that a rule matches. */
	xml = rss_items(1, 7, " word3");
	update(st, feed, xml, now, NULL, NULL);
	free(xml);
	check_why(
	    store_entries_first(st, NULL, 100, &page, &n, NULL) == 0 && n == 26,
	    "a post whose text changed to match is hidden", "");
	store_entries_free(page, n);
	store_close(other);
	store_close(st);
	free(path);
}

int
main(void)
{
	struct store *st;
	struct store_feed sf;
	struct store_filter flt;
	struct store_entry *page, *page2, e;
	struct store_fetch r;
	struct stat sb;
	const char *tmp;
	char *path, *cause = NULL, *xml, *v;
	int64_t feed, feed2, unread, total, id, deleted;
	size_t n, n2, i, seen;
	int nn, nu, existed, ok;
	int64_t now = 1780056000; /* 2026-05-29 12:00 UTC */

	check_begin("store");
	parse_init();
	tmp = getenv("T");
	path = xasprintf("%s/sub/dir/store-%ld.db", tmp != NULL ? tmp : "/tmp",
	    (long)getpid());

	test_hide_fresh(tmp != NULL ? tmp : "/tmp");
	st = store_open(path, &cause);
	check_why(st != NULL, "open creates the file and its directories",
	    cause != NULL ? cause : "");
	if (st == NULL)
		return 1;
	check_why(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600,
	    "the store is created mode 0600", "wrong mode");
	store_close(st);
	st = store_open(path, &cause);
	check_why(st != NULL, "reopening an existing store works", "");

	check_why(store_feed_add(st, "http://example.org/feed", NULL, NULL,
		      &feed, &existed, &cause) == 0 &&
		!existed,
	    "add a feed", "");
	{
		int64_t cid;

		check_why(store_feed_add(st, "http://example.org/cat", "Named",
			      "Python/Blogs", &cid, &existed, &cause) == 0 &&
			store_feed_get(st, cid, &sf, NULL) == 0 &&
			sf.category != NULL &&
			strcmp(sf.category, "Python/Blogs") == 0 &&
			strcmp(sf.name, "Named") == 0,
		    "a feed keeps its name and category", "");
		store_feed_clear(&sf);
		store_feed_remove(st, cid, NULL);
	}
	check_why(store_feed_add(st, "http://example.org/feed", NULL, NULL,
		      &feed2, &existed, &cause) == 0 &&
		existed && feed2 == feed,
	    "adding the same URL again finds the existing feed", "");

	xml = rss_items(30, 0, "");
	ok = update(st, feed, xml, now, &nn, &nu) == 0;
	check_why(ok && nn == 30 && nu == 0,
	    "first fetch inserts 30 new entries", "counts differ");
	ok = update(st, feed, xml, now + 60, &nn, &nu) == 0;
	check_why(ok && nn == 0 && nu == 0,
	    "the same feed again adds and updates nothing", "counts differ");
	free(xml);

	store_counts(st, &unread, &total, NULL);
	check_why(unread == 30 && total == 30, "counts: 30 unread of 30", "");

	id = first_id(st, NULL);
	check_why(store_mark(st, id, STORE_MARK_READ, NULL) == 0 &&
		store_mark(st, id, STORE_MARK_STAR, NULL) == 0,
	    "mark read and star", "");
	store_counts(st, &unread, &total, NULL);
	check_why(unread == 29 && total == 30, "counts follow marks", "");
	check_why(store_mark(st, 999999, STORE_MARK_READ, NULL) != 0,
	    "marking an unknown id fails", "");

	/* A changed text updates the row but never read/starred. */
	xml = rss_items(30, 0, " (edited)");
	ok = update(st, feed, xml, now + 120, &nn, &nu) == 0;
	free(xml);
	check_why(ok && nn == 0 && nu == 30, "edited entries count as updated",
	    "counts differ");
	check_why(store_entry_get(st, id, 1, &e, NULL) == 0 && e.read &&
		e.starred && strstr(e.title, "(edited)") != NULL &&
		e.summary != NULL,
	    "an update keeps read and starred state", "state lost");
	store_entry_clear(&e);

	/* The feed renames its ids but keeps the links: same entries. */
	xml = rss_items(30, 0, " (edited)");
	{
		char *p;

		while ((p = strstr(xml, "<guid>i")) != NULL)
			p[6] = 'j';
	}
	ok = update(st, feed, xml, now + 180, &nn, &nu) == 0;
	free(xml);
	check_why(ok && nn == 0, "a changed id with the same link is not new",
	    "new entries appeared");
	store_counts(st, &unread, &total, NULL);
	check_why(total == 30 && unread == 29,
	    "no duplicates after an id change", "counts differ");
	check_why(store_entry_get(st, id, 0, &e, NULL) == 0 && e.read &&
		e.starred && e.guid[0] == 'j',
	    "the renamed entry keeps its state", "state lost");
	store_entry_clear(&e);

	/* Keyset pages: walk everything forwards and back. */
	seen = 0;
	ok = store_entries_first(st, NULL, 7, &page, &n, NULL) == 0;
	while (ok && n > 0) {
		for (i = 1; i < n; i++)
			if (page[i - 1].time < page[i].time ||
			    (page[i - 1].time == page[i].time &&
				page[i - 1].id < page[i].id))
				ok = 0;
		seen += n;
		ok = ok &&
		    store_entries_after(st, NULL, page[n - 1].time,
			page[n - 1].id, 7, &page2, &n2, NULL) == 0;
		store_entries_free(page, n);
		page = page2;
		n = ok ? n2 : 0;
	}
	if (n > 0)
		store_entries_free(page, n);
	check_why(ok && seen == 30,
	    "paging forward visits every entry once, in order",
	    "order or count wrong");
	ok = store_entries_last(st, NULL, 5, &page, &n, NULL) == 0 && n == 5;
	if (ok) {
		ok = store_entries_before(st, NULL, page[0].time, page[0].id, 5,
			 &page2, &n2, NULL) == 0 &&
		    n2 == 5 &&
		    (page2[4].time > page[0].time ||
			(page2[4].time == page[0].time &&
			    page2[4].id > page[0].id));
		store_entries_free(page2, n2);
		store_entries_free(page, n);
	}
	check_why(ok, "paging back from the last page", "");

	memset(&flt, 0, sizeof flt);
	flt.unread = 1;
	ok = store_entries_first(st, &flt, 100, &page, &n, NULL) == 0;
	check_why(ok && n == 29, "unread filter", "");
	if (ok)
		store_entries_free(page, n);
	memset(&flt, 0, sizeof flt);
	flt.starred = 1;
	ok = store_entries_first(st, &flt, 100, &page, &n, NULL) == 0;
	check_why(ok && n == 1 && page[0].id == id, "starred filter", "");
	if (ok)
		store_entries_free(page, n);

	/* Search: words, prefixes, phrases, and errors. */
	check_why(count_matches(st, "word7") == 1, "search a word", "");
	check_why(count_matches(st, "word1*") == 11, "search a prefix", "");
	check_why(count_matches(st, "\"body 12\"") == 1, "search a phrase", "");
	check_why(count_matches(st, "edited") == 30, "search titles", "");
	check_why(count_matches(st, "nothinglikethis") == 0,
	    "search finds nothing", "");
	check_why(count_matches(st, "\"unbalanced") == (size_t)-1,
	    "a bad search query is an error", "");
	check_why(
	    page_matches(st, "body", 7) == (long)count_matches(st, "body"),
	    "search pages of a common word, older and newer", "");
	check_why(page_matches(st, "word3", 2) == 1,
	    "search pages of a rare word", "");
	check_why(page_matches(st, "word1*", 3) == 11,
	    "search pages of a prefix", "");
	check_why(page_matches(st, "\"body 12\" OR edited", 4) ==
		(long)count_matches(st, "\"body 12\" OR edited"),
	    "search pages of a phrase OR a word", "");

	{
		static const char *const orders[] = { "in time order",
			"against time order", "in no order" };
		const char *why;
		int o;

		for (o = 0; o < 3; o++) {
			char *name = xasprintf("search pages equal the full "
					       "result, rowids %s",
			    orders[o]);

			why = search_agrees(tmp != NULL ? tmp : "/tmp", o);
			check_why(why == NULL, name, why != NULL ? why : "");
			free(name);
		}
	}

	/* Retention keeps unread and starred entries. */
	for (i = 0; i < 10; i++) {
		int64_t x;

		x = first_id(st, &(struct store_filter){ .unread = 1 });
		store_mark(st, x, STORE_MARK_READ, NULL);
	}
	check_why(store_prune(st, 1, now + 3 * 86400, &deleted, NULL) == 0 &&
		deleted == 10,
	    "prune deletes old read entries only", "");
	store_counts(st, &unread, &total, NULL);
	check_why(total == 20 && unread == 19, "counts after prune", "");
	check_why(store_entry_get(st, id, 0, &e, NULL) == 0,
	    "prune keeps starred entries", "");
	store_entry_clear(&e);
	xml = rss_items(30, 0, " (edited)");
	{
		char *p;

		while ((p = strstr(xml, "<guid>i")) != NULL)
			p[6] = 'j';
	}
	ok = update(st, feed, xml, now + 4 * 86400, &nn, &nu) == 0;
	free(xml);
	check_why(ok && nn == 0, "pruned entries do not come back as new", "");

	/* Fetch bookkeeping: errors, validators, redirects, 410. */
	memset(&r, 0, sizeof r);
	r.status = 500;
	r.error = "HTTP 500";
	r.next_fetch = now + 600;
	check_why(store_feed_update(st, feed, &r, now, NULL, NULL, NULL) == 0 &&
		store_feed_get(st, feed, &sf, NULL) == 0 &&
		sf.last_status == 500 && sf.last_error != NULL &&
		strcmp(sf.last_error, "HTTP 500") == 0 &&
		sf.next_fetch == now + 600,
	    "a failed fetch records status and error", "");
	store_feed_clear(&sf);
	memset(&r, 0, sizeof r);
	r.status = 200;
	r.etag = "\"v1\"";
	r.last_modified = "Fri, 29 May 2026 12:00:00 GMT";
	r.new_url = "https://example.org/feed.xml";
	check_why(store_feed_update(st, feed, &r, now, NULL, NULL, NULL) == 0 &&
		store_feed_get(st, feed, &sf, NULL) == 0 &&
		sf.last_error == NULL && sf.last_success == now &&
		strcmp(sf.etag, "\"v1\"") == 0 &&
		strcmp(sf.url, "https://example.org/feed.xml") == 0,
	    "success clears the error, stores validators, follows a "
	    "permanent redirect",
	    "");
	store_feed_clear(&sf);
	memset(&r, 0, sizeof r);
	r.status = 410;
	r.error = "HTTP 410 Gone";
	r.disable = 1;
	check_why(store_feed_update(st, feed, &r, now, NULL, NULL, NULL) == 0 &&
		store_feed_find(
		    st, "https://example.org/feed.xml", &sf, NULL) == 0 &&
		sf.disabled && strcmp(sf.etag, "\"v1\"") == 0,
	    "410 disables the feed", "");
	store_feed_clear(&sf);

	check_why(store_meta_set(st, "k", "v", NULL) == 0 &&
		store_meta_get(st, "k", &v, NULL) == 0 && v != NULL &&
		strcmp(v, "v") == 0,
	    "meta values round-trip", "");
	free(v);

	/* Removing a feed removes its entries, counts and index rows. */
	check_why(store_feed_remove(st, feed, NULL) == 0, "remove a feed", "");
	store_counts(st, &unread, &total, NULL);
	check_why(unread == 0 && total == 0 && count_matches(st, "edited") == 0,
	    "removing a feed removes its entries and index", "");
	check_why(store_feed_remove(st, feed, NULL) != 0,
	    "removing it twice is an error", "");
	check_why(store_vacuum(st, &cause) == 0, "vacuum",
	    cause != NULL ? cause : "");

	/*
	 * A batch: the search rows of all its feeds are written by the
	 * commit (after every entry insert), so each feed is searchable
	 * once it is in; a rolled back one leaves nothing behind.
	 */
	{
		int64_t ids[3];
		char *x[3];

		for (i = 0; i < 3; i++) {
			char *url = xasprintf("http://example.org/b%zu", i);

			store_feed_add(
			    st, url, NULL, NULL, &ids[i], &existed, NULL);
			free(url);
		}
		x[0] = rss_items(3, 100, " alpha");
		x[1] = rss_items(4, 200, " beta");
		x[2] = rss_items(2, 300, " gamma");
		check_why(batch(st, ids, x, 2, now, 1) == 0 &&
			count_matches(st, "alpha") == 3 &&
			count_matches(st, "beta") == 4 &&
			count_matches(st, "word201") == 1,
		    "a batch indexes every feed in it", "");
		check_why(batch(st, ids + 2, x + 2, 1, now, 0) == 0 &&
			count_matches(st, "gamma") == 0 &&
			store_counts(st, &unread, &total, NULL) == 0 &&
			total == 7,
		    "a rolled back batch leaves no entries or index rows", "");
		free(x[0]);
		x[0] = rss_items(3, 100, " delta");
		check_why(batch(st, ids, x, 3, now, 1) == 0 &&
			count_matches(st, "alpha") == 0 &&
			count_matches(st, "delta") == 3 &&
			count_matches(st, "beta") == 4 &&
			count_matches(st, "gamma") == 2,
		    "a batch replaces the index rows of changed entries", "");
		for (i = 0; i < 3; i++)
			free(x[i]);
	}
	store_close(st);

	/* A store made by a newer orrery is refused, not damaged. */
	{
		sqlite3 *db;

		ok = sqlite3_open(path, &db) == SQLITE_OK &&
		    sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL,
			NULL) == SQLITE_OK;
		sqlite3_close(db);
		st = ok ? store_open(path, &cause) : NULL;
		check_why(ok && st == NULL && cause != NULL &&
			strstr(cause, "newer") != NULL,
		    "a newer schema is refused", cause != NULL ? cause : "");
		free(cause);
		store_close(st);
	}
	unlink(path);
	free(path);
	return check_done();
}
