/*
 * genstore: build a synthetic store of N entries through orrery's own
 * store code (store_feed_add, store_feed_update: the same transactions,
 * indexes and FTS rows a refresh writes), for the benchmarks of the
 * reader at 10k, 100k and 1M entries.
 *
 *   genstore DB ENTRIES [FEEDS]
 *
 * Entries are spread over FEEDS feeds (default 500), interleaved, one
 * every ~7 minutes back from 2026-06-01, with titles and short HTML summaries drawn from a
 * fixed vocabulary with a Zipf-like skew (so that some words are common
 * and some rare) by a fixed-seed generator: the same arguments give the
 * same store.  "orrery" and "qwertyzzy" are planted: the first in every
 * 10th entry, the second in one entry in 100,000.
 */
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

int
main(int argc, char **argv)
{
	struct store *st;
	struct store_fetch r;
	struct parsed_feed pf;
	struct parsed_entry *pe;
	struct buf body;
	char *cause = NULL, *url, *w;
	long long total, nfeeds = 500, done = 0, i, k;
	int64_t *ids, t0 = 1780272000; /* 2026-06-01 00:00 UTC */
	size_t batch = 50, j;

	if (argc < 3 || util_parse_ll(argv[2], &total) != 0 || total < 0 ||
	    (argc > 3 &&
		(util_parse_ll(argv[3], &nfeeds) != 0 || nfeeds < 1))) {
		fprintf(stderr, "usage: genstore DB ENTRIES [FEEDS]\n");
		return 2;
	}
	st = store_open(argv[1], &cause);
	if (st == NULL) {
		fprintf(stderr, "genstore: %s\n", cause);
		return 1;
	}
	ids = xcalloc((size_t)nfeeds, sizeof *ids);
	for (i = 0; i < nfeeds; i++) {
		url = xasprintf("http://127.0.0.1:1/feed/%lld.xml", i);
		w = xasprintf("Blog %lld", i);
		if (store_feed_add(st, url, w, NULL, &ids[i], NULL, &cause) !=
		    0) {
			fprintf(stderr, "genstore: %s\n", cause);
			return 1;
		}
		free(url);
		free(w);
	}
	/* Feeds take turns, a batch of entries at a time, newest last so
	 * that first_seen grows like a real history. */
	for (k = 0; done < total; k++) {
		for (i = 0; i < nfeeds && done < total; i++) {
			memset(&pf, 0, sizeof pf);
			pf.title = xasprintf("Blog %lld", i);
			pf.ttl = -1;
			pf.entries = xcalloc(batch, sizeof *pf.entries);
			for (j = 0; j < batch && done < total; j++, done++) {
				pe = &pf.entries[pf.nentries++];
				pe->id = xasprintf("tag:bench,%lld", done);
				pe->link = xasprintf(
				    "http://127.0.0.1:1/post/%lld", done);
				w = sentence(4 + next() % 6);
				pe->title = xasprintf("%s%s%s", w,
				    done % 10 == 0 ? " orrery" : "",
				    done % 100000 == 7 ? " qwertyzzy" : "");
				free(w);
				pe->author = xasprintf("Author %lld", i);
				/* parse.c names the source after the feed */
				pe->source = xstrdup(pf.title);
				/* Feeds interleave in time; the newest
				 * have the smallest index. */
				pe->published = t0 -
				    ((k * (long long)batch + (long long)j) *
					    nfeeds +
					i) *
					419;
				pe->updated = PARSE_NO_DATE;
				buf_init(&body, 0);
				w = sentence(20 + next() % 40);
				buf_printf(&body, "<p>%s <code>%s()</code></p>",
				    w, words[word()]);
				free(w);
				w = sentence(10 + next() % 20);
				buf_printf(&body,
				    "<pre><code class=\"language-python\">"
				    "def %s():\n    return %zu\n</code></pre>"
				    "<p>%s</p>",
				    words[word()], (size_t)(next() % 1000), w);
				free(w);
				pe->summary = buf_detach(&body, NULL);
				pe->summary_html = 1;
			}
			memset(&r, 0, sizeof r);
			r.status = 200;
			r.feed = &pf;
			r.next_fetch = t0 + 3600;
			if (store_feed_update(
				st, ids[i], &r, t0, NULL, NULL, &cause) != 0) {
				fprintf(stderr, "genstore: %s\n", cause);
				return 1;
			}
			for (j = 0; j < pf.nentries; j++) {
				pe = &pf.entries[j];
				free(pe->id);
				free(pe->link);
				free(pe->title);
				free(pe->author);
				free(pe->source);
				free(pe->summary);
			}
			free(pf.entries);
			free(pf.title);
		}
		if (k % 20 == 0)
			fprintf(stderr, "\rgenstore: %lld/%lld", done, total);
	}
	fprintf(
	    stderr, "\rgenstore: %lld entries in %lld feeds\n", done, nfeeds);
	free(ids);
	store_close(st);
	return 0;
}
