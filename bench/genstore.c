/*
 * genstore: build a synthetic store of N entries through orrery's own
 * store code (store_feed_add, store_feed_update: the same indexes and FTS
 * rows a refresh writes, 64 feeds to a transaction as the fetcher's group
 * commit at its largest), for the benchmarks of the reader at 10k, 100k
 * and 1M entries.
 *
 *   genstore [--dup-share SHARE] DB ENTRIES [FEEDS]
 *
 * With --dup-share (0 to 1; 0.2 is one post in five), that share of the
 * posts is held twice, as on a Planet reader: the blog's own copy, and
 * a Planet aggregate's copy (feed "Planet Bench", added last; the link
 * as https with a utm_source, the blog's name as its source, a shorter
 * summary), stored after the blog's batch through the same
 * store_feed_update, which merges them: one link_key, the blog's copy
 * shown (dup = 0), the Planet's hidden (dup = 1, via = 1).  ENTRIES
 * counts the posts; the store then holds ENTRIES x (1 + SHARE) entries.
 *
 * Entries are spread over FEEDS feeds (default 500), interleaved, one
 * every ~7 minutes back from 2026-06-01, with titles and short HTML
 * summaries drawn from a fixed vocabulary with a Zipf-like skew (so that some words are common
 * and some rare) by a fixed-seed generator: the same arguments give the
 * same store.  "orrery" and "qwertyzzy" are planted: the first in every
 * 10th entry, the second in one entry in 100,000.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "parse.h"
#include "store.h"
#include "util.h"

static const char *const words[] = { "python", "the", "of", "and", "code",
	"release", "django", "data", "async", "type", "hints", "packaging",
	"testing", "pytest", "numpy", "pandas", "web", "performance", "memory",
	"profiling", "generator", "decorator", "class", "function", "module",
	"import", "virtual", "environment", "pip", "wheel", "build", "cpython",
	"interpreter", "garbage", "collector", "thread", "lock", "free",
	"subinterpreter", "jit", "compiler", "parser", "grammar", "pattern",
	"matching", "dataclass", "protocol", "typing", "mypy", "ruff", "linter",
	"formatter", "black", "notebook", "jupyter", "science", "machine",
	"learning", "model", "tensor", "server", "client", "request",
	"response", "flask", "fastapi", "database", "sqlite", "postgres",
	"query", "index", "cache", "benchmark", "podcast", "episode",
	"interview", "conference", "pycon", "sprint", "community", "mentor",
	"tutorial", "guide", "tips", "tricks", "debugging", "logging", "errors",
	"exceptions", "context", "manager", "iterator", "coroutine", "event",
	"loop", "socket", "http", "json", "yaml", "toml", "config", "cli",
	"terminal", "curses", "unicode", "string", "bytes", "encoding", "regex",
	"file", "path" };
#define NWORDS (sizeof words / sizeof words[0])
#define BATCH 50 /* entries of a feed per fetch */
#define GROUP 64 /* feeds per transaction */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
next(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

/* A word index skewed towards the front of the list. */
static size_t
word(void)
{
	uint64_t a = next() % NWORDS, b = next() % NWORDS;

	return (size_t)(a < b ? a : b);
}

static char *
sentence(size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&b, ' ');
		buf_addstr(&b, words[word()]);
	}
	return buf_detach(&b, NULL);
}

/* Fill pe with post number done of feed i, round k, entry j. */
static void
gen_entry(struct parsed_entry *pe, const char *feed, long long done,
    long long i, long long k, size_t j, size_t batch, long long nfeeds,
    int64_t t0)
{
	struct buf body;
	char *w;

	pe->id = xasprintf("tag:bench,%lld", done);
	pe->link = xasprintf("http://127.0.0.1:1/post/%lld", done);
	w = sentence(4 + next() % 6);
	pe->title = xasprintf("%s%s%s", w, done % 10 == 0 ? " orrery" : "",
	    done % 100000 == 7 ? " qwertyzzy" : "");
	free(w);
	pe->author = xasprintf("Author %lld", i);
	/* parse.c names the source after the feed */
	pe->source = xstrdup(feed);
	/* Feeds interleave in time; the newest have the smallest index. */
	pe->published =
	    t0 - ((k * (long long)batch + (long long)j) * nfeeds + i) * 419;
	pe->updated = PARSE_NO_DATE;
	buf_init(&body, 0);
	w = sentence(20 + next() % 40);
	buf_printf(&body, "<p>%s <code>%s()</code></p>", w, words[word()]);
	free(w);
	w = sentence(10 + next() % 20);
	buf_printf(&body,
	    "<pre><code class=\"language-python\">"
	    "def %s():\n    return %zu\n</code></pre><p>%s</p>",
	    words[word()], (size_t)(next() % 1000), w);
	free(w);
	pe->summary = buf_detach(&body, NULL);
	pe->summary_html = 1;
}

/* The Planet's copy of post pe, number done: the same post spelled as
 * an aggregator spells it, with a shorter text. */
static void
gen_planet_copy(
    struct parsed_entry *c, const struct parsed_entry *pe, long long done)
{
	memset(c, 0, sizeof *c);
	c->id =
	    xasprintf("https://127.0.0.1:1/post/%lld?utm_source=planet", done);
	c->link = xstrdup(c->id);
	c->title = xstrdup(pe->title);
	c->source = xstrdup(pe->source);
	c->published = pe->published;
	c->updated = PARSE_NO_DATE;
	c->summary = xasprintf("<p>%.60s</p>", pe->title);
	c->summary_html = 1;
}

/* Store the parsed batch pf into feed id (inside the group's
 * transaction: pf must live until its commit). */
static int
gen_store(struct store *st, int64_t id, struct parsed_feed *pf, int64_t t0,
    char **cause)
{
	struct store_fetch r;

	if (pf->nentries == 0)
		return 0;
	memset(&r, 0, sizeof r);
	r.status = 200;
	r.feed = pf;
	r.next_fetch = t0 + 3600;
	return store_feed_update(st, id, &r, t0, NULL, NULL, cause);
}

/* Free what gen_entry and gen_planet_copy made in pf. */
static void
gen_free(struct parsed_feed *pf)
{
	struct parsed_entry *pe;
	size_t j;

	for (j = 0; j < pf->nentries; j++) {
		pe = &pf->entries[j];
		free(pe->id);
		free(pe->link);
		free(pe->title);
		free(pe->author);
		free(pe->source);
		free(pe->summary);
	}
	free(pf->entries);
	free(pf->title);
	memset(pf, 0, sizeof *pf);
}

/* The next batch of feed i (round k) into pf, and the Planet's copies
 * of the share of its posts into planet. */
static void
gen_feed(struct parsed_feed *pf, struct parsed_feed *planet, long long *done,
    long long *ndup, long long i, long long k, long long nfeeds,
    long long total, double share, int64_t t0)
{
	size_t j;

	memset(pf, 0, sizeof *pf);
	pf->title = xasprintf("Blog %lld", i);
	pf->ttl = -1;
	pf->entries = xcalloc(BATCH, sizeof *pf->entries);
	memset(planet, 0, sizeof *planet);
	planet->title = xstrdup("Planet Bench");
	planet->ttl = -1;
	planet->entries = xcalloc(BATCH, sizeof *planet->entries);
	for (j = 0; j < BATCH && *done < total; j++, ++*done) {
		gen_entry(&pf->entries[pf->nentries++], pf->title, *done, i, k,
		    j, BATCH, nfeeds, t0);
		/* the share of the posts so far, rounded down */
		if ((long long)((double)(*done + 1) * share) > *ndup) {
			++*ndup;
			gen_planet_copy(&planet->entries[planet->nentries++],
			    &pf->entries[pf->nentries - 1], *done);
		}
	}
}

static int
gen_usage(void)
{
	fprintf(
	    stderr, "usage: genstore [--dup-share SHARE] DB ENTRIES [FEEDS]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dup-share", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct store *st;
	struct parsed_feed pf[GROUP], planet[GROUP];
	char *cause = NULL, *url, *w, *end;
	long long total, nfeeds = 500, done = 0, ndup = 0, i, k, g = 0;
	int64_t *ids, t0 = 1780272000; /* 2026-06-01 00:00 UTC */
	double share = 0;
	size_t j;
	int c;

	while ((c = getopt_long(argc, argv, "s:", longopts, NULL)) != -1) {
		if (c != 's')
			return gen_usage();
		share = strtod(optarg, &end);
		if (*end != '\0' || end == optarg || !(share >= 0) || share > 1)
			return gen_usage();
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || util_parse_ll(argv[1], &total) != 0 || total < 0 ||
	    (argc > 2 && (util_parse_ll(argv[2], &nfeeds) != 0 || nfeeds < 1)))
		return gen_usage();
	st = store_open(argv[0], &cause);
	if (st == NULL) {
		fprintf(stderr, "genstore: %s\n", cause);
		return 1;
	}
	/* The blogs, then the Planet (its id, ids[nfeeds], unused
	 * without --dup-share). */
	ids = xcalloc((size_t)nfeeds + 1, sizeof *ids);
	for (i = 0; i <= nfeeds; i++) {
		if (i == nfeeds && share == 0)
			break;
		url = i < nfeeds
		    ? xasprintf("http://127.0.0.1:1/feed/%lld.xml", i)
		    : xstrdup("http://127.0.0.1:1/planet.xml");
		w = i < nfeeds ? xasprintf("Blog %lld", i)
			       : xstrdup("Planet Bench");
		if (store_feed_add(st, url, w, NULL, &ids[i], NULL, &cause) !=
		    0) {
			fprintf(stderr, "genstore: %s\n", cause);
			return 1;
		}
		free(url);
		free(w);
	}
	/* Feeds take turns, a batch of entries at a time, newest last so
	 * that first_seen grows like a real history; GROUP feeds to a
	 * transaction, as the fetcher's group commit does. */
	for (k = 0; done < total; k++) {
		for (i = 0; i < nfeeds && done < total; i += g) {
			if (store_begin(st, &cause) != 0)
				break;
			for (g = 0; g < GROUP && i + g < nfeeds && done < total;
			     g++) {
				gen_feed(&pf[g], &planet[g], &done, &ndup,
				    i + g, k, nfeeds, total, share, t0);
				if (gen_store(st, ids[i + g], &pf[g], t0,
					&cause) != 0 ||
				    gen_store(st, ids[nfeeds], &planet[g], t0,
					&cause) != 0)
					break;
			}
			if (cause != NULL || store_commit(st, &cause) != 0)
				break;
			for (j = 0; j < (size_t)g; j++) {
				gen_free(&pf[j]);
				gen_free(&planet[j]);
			}
		}
		if (cause != NULL) {
			fprintf(stderr, "genstore: %s\n", cause);
			return 1;
		}
		if (k % 20 == 0)
			fprintf(stderr, "\rgenstore: %lld/%lld", done, total);
	}
	fprintf(stderr,
	    "\rgenstore: %lld posts in %lld feeds, %lld of them "
	    "also from a Planet\n",
	    done, nfeeds, ndup);
	free(ids);
	store_close(st);
	return 0;
}
