/*
 * throughput: parse and store throughput over a corpus of feed files,
 * through orrery's own code (parse_feed, store_fetch_texts,
 * store_feed_update), for make bench.  Reads every file into memory
 * first; only the work named below is timed (CLOCK_MONOTONIC).  Prints
 * figures on one line of stdout; nothing here touches the network.
 *
 *   throughput parse [-r RUNS] FILE...
 *	parse every file RUNS times (default 5); times parse_feed() alone
 *	(not reading, not parse_free) and prints
 *	"BYTES ENTRIES MBPS_MED MBPS_MIN MBPS_MAX EPS_MED EPS_MIN EPS_MAX"
 *	(MB = 10^6 bytes of feed XML; EPS = entries per second).
 *
 *   throughput store [-r RUNS] [-b BATCH] DB FILE...
 *	parse every file once (untimed), then RUNS times: remove DB, open a
 *	fresh store, subscribe to one feed per file (untimed), and store
 *	each parsed feed as the fetcher does (store_fetch_texts, then
 *	store_feed_update with status 200 and validators; with BATCH > 1,
 *	BATCH feeds at a time in one store_begin .. store_commit
 *	transaction, as the fetcher's group commit does), timing that
 *	loop, then close the store (timed apart).
 *	Prints "ENTRIES EPS_MED EPS_MIN EPS_MAX MB_MED MB_MIN MB_MAX
 *	TEXTS_S UPDATE_S CLOSE_S": entries stored per second, the store's
 *	size in MB after closing (the database file plus any -wal), and the
 *	median seconds spent in store_fetch_texts, in store_feed_update
 *	and in store_close.
 *
 * Feeds are given the URL http://127.0.0.1/feeds/NAME (NAME the file's
 * last path component) as their base, and the charset utf-8, as the
 * bench server announces it.  Single-threaded: a refresh runs
 * store_fetch_texts on one worker per core.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "parse.h"
#include "store.h"
#include "util.h"

struct input {
	char *url;
	char *data;
	size_t len;
	struct parsed_feed *feed;
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sort v and return its median. */
static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp_double);
	if (n % 2 == 1)
		return v[n / 2];
	return (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int
read_file(const char *path, struct input *in)
{
	FILE *fp;
	struct buf b;
	char chunk[65536];
	size_t n;
	const char *base;

	fp = fopen(path, "rb");
	if (fp == NULL) {
		fprintf(stderr, "throughput: %s: %s\n", path, strerror(errno));
		return -1;
	}
	buf_init(&b, 0);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	in->data = buf_detach(&b, &in->len);
	if (in->data == NULL)
		in->data = xstrdup("");
	base = strrchr(path, '/');
	in->url = xasprintf(
	    "http://127.0.0.1/feeds/%s", base != NULL ? base + 1 : path);
	in->feed = NULL;
	return 0;
}

static struct parsed_feed *
parse_one(const struct input *in, char **cause)
{
	struct parse_options po;

	memset(&po, 0, sizeof po);
	po.url = in->url;
	po.charset = "utf-8";
	return parse_feed(in->data, in->len, &po, cause);
}

static int
bench_parse(struct input *ins, size_t nin, int runs)
{
	struct parsed_feed *pf;
	double *mbps, *eps, t0, t;
	size_t i, bytes = 0, entries;
	char *cause = NULL;
	int r;

	for (i = 0; i < nin; i++)
		bytes += ins[i].len;
	mbps = xcalloc((size_t)runs, sizeof *mbps);
	eps = xcalloc((size_t)runs, sizeof *eps);
	entries = 0;
	for (r = 0; r < runs; r++) {
		t = 0;
		entries = 0;
		for (i = 0; i < nin; i++) {
			t0 = now_s();
			pf = parse_one(&ins[i], &cause);
			t += now_s() - t0;
			if (pf == NULL) {
				fprintf(stderr, "throughput: %s: %s\n",
				    ins[i].url, cause);
				return -1;
			}
			entries += pf->nentries;
			parse_free(pf);
		}
		mbps[r] = (double)bytes / 1e6 / t;
		eps[r] = (double)entries / t;
	}
	printf("%zu %zu %.1f", bytes, entries, median(mbps, (size_t)runs));
	printf(" %.1f %.1f", mbps[0], mbps[runs - 1]);
	printf(" %.0f", median(eps, (size_t)runs));
	printf(" %.0f %.0f\n", eps[0], eps[runs - 1]);
	free(mbps);
	free(eps);
	return 0;
}

static void
remove_store(const char *db)
{
	const char *sfx[] = { "", "-wal", "-shm", "-journal" };
	char *p;
	size_t i;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		p = xasprintf("%s%s", db, sfx[i]);
		unlink(p);
		free(p);
	}
}

static double
store_mb(const char *db)
{
	struct stat sb;
	char *p;
	double mb = 0;

	if (stat(db, &sb) == 0)
		mb += (double)sb.st_size / 1e6;
	p = xasprintf("%s-wal", db);
	if (stat(p, &sb) == 0)
		mb += (double)sb.st_size / 1e6;
	free(p);
	return mb;
}

static int
bench_store(
    const char *db, struct input *ins, size_t nin, int runs, size_t batch)
{
	struct store *st;
	struct store_fetch *sf;
	int64_t *ids, now = (int64_t)time(NULL);
	double *eps, *mb, *tt, *tu, *tc, t0, t1, t2;
	size_t i, k, n, entries = 0;
	char *cause = NULL;
	int r;

	for (i = 0; i < nin; i++) {
		ins[i].feed = parse_one(&ins[i], &cause);
		if (ins[i].feed == NULL) {
			fprintf(
			    stderr, "throughput: %s: %s\n", ins[i].url, cause);
			return -1;
		}
		entries += ins[i].feed->nentries;
	}
	ids = xcalloc(nin, sizeof *ids);
	sf = xcalloc(batch, sizeof *sf);
	eps = xcalloc((size_t)runs, sizeof *eps);
	mb = xcalloc((size_t)runs, sizeof *mb);
	tt = xcalloc((size_t)runs, sizeof *tt);
	tu = xcalloc((size_t)runs, sizeof *tu);
	tc = xcalloc((size_t)runs, sizeof *tc);
	for (r = 0; r < runs; r++) {
		remove_store(db);
		st = store_open(db, &cause);
		if (st == NULL) {
			fprintf(stderr, "throughput: %s\n", cause);
			return -1;
		}
		for (i = 0; i < nin; i++)
			if (store_feed_add(st, ins[i].url, NULL, NULL, &ids[i],
				NULL, &cause) != 0) {
				fprintf(stderr, "throughput: %s\n", cause);
				return -1;
			}
		for (i = 0; i < nin; i += k) {
			/* The next batch of feeds: search texts first (a
			 * worker's part), then one transaction for them all
			 * when batch > 1 (the storer's). */
			n = nin - i < batch ? nin - i : batch;
			t0 = now_s();
			for (k = 0; k < n; k++) {
				memset(&sf[k], 0, sizeof sf[k]);
				sf[k].status = 200;
				sf[k].etag = "\"0123456789abcdef0123\"";
				sf[k].last_modified =
				    "Sat, 01 Jun 2024 00:00:00 GMT";
				sf[k].next_fetch = now + 3600;
				sf[k].feed = ins[i + k].feed;
				store_fetch_texts(&sf[k]);
			}
			t1 = now_s();
			if (batch > 1 && store_begin(st, &cause) != 0) {
				fprintf(stderr, "throughput: %s\n", cause);
				return -1;
			}
			for (k = 0; k < n; k++)
				if (store_feed_update(st, ids[i + k], &sf[k],
					now, NULL, NULL, &cause) != 0) {
					fprintf(
					    stderr, "throughput: %s\n", cause);
					return -1;
				}
			if (batch > 1 && store_commit(st, &cause) != 0) {
				fprintf(stderr, "throughput: %s\n", cause);
				return -1;
			}
			t2 = now_s();
			for (k = 0; k < n; k++)
				store_fetch_texts_free(&sf[k]);
			tt[r] += t1 - t0;
			tu[r] += t2 - t1;
		}
		t0 = now_s();
		store_close(st);
		tc[r] = now_s() - t0;
		eps[r] = (double)entries / (tt[r] + tu[r]);
		mb[r] = store_mb(db);
	}
	printf("%zu %.0f", entries, median(eps, (size_t)runs));
	printf(" %.0f %.0f", eps[0], eps[runs - 1]);
	printf(" %.1f", median(mb, (size_t)runs));
	printf(" %.1f %.1f", mb[0], mb[runs - 1]);
	printf(" %.3f", median(tt, (size_t)runs));
	printf(" %.3f", median(tu, (size_t)runs));
	printf(" %.3f\n", median(tc, (size_t)runs));
	for (i = 0; i < nin; i++)
		parse_free(ins[i].feed);
	free(ids);
	free(sf);
	free(eps);
	free(mb);
	free(tt);
	free(tu);
	free(tc);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: throughput parse [-r RUNS] FILE...\n"
	    "       throughput store [-r RUNS] [-b BATCH] DB FILE...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct input *ins;
	const char *mode, *db = NULL;
	long long runs = 5, batch = 1, *v;
	size_t nin, i;
	int a = 2, rc;

	if (argc < 3)
		usage();
	mode = argv[1];
	if (strcmp(mode, "parse") != 0 && strcmp(mode, "store") != 0)
		usage();
	while (a < argc &&
	    (strcmp(argv[a], "-r") == 0 ||
		(strcmp(argv[a], "-b") == 0 && strcmp(mode, "store") == 0))) {
		v = argv[a][1] == 'r' ? &runs : &batch;
		if (a + 1 >= argc || util_parse_ll(argv[a + 1], v) != 0 ||
		    *v < 1 || *v > 1000)
			usage();
		a += 2;
	}
	if (strcmp(mode, "store") == 0) {
		if (a >= argc)
			usage();
		db = argv[a++];
	}
	if (a >= argc)
		usage();
	parse_init();
	nin = (size_t)(argc - a);
	ins = xcalloc(nin, sizeof *ins);
	for (i = 0; i < nin; i++)
		if (read_file(argv[a + (int)i], &ins[i]) != 0)
			return 1;
	if (db != NULL)
		rc = bench_store(db, ins, nin, (int)runs, (size_t)batch);
	else
		rc = bench_parse(ins, nin, (int)runs);
	for (i = 0; i < nin; i++) {
		free(ins[i].url);
		free(ins[i].data);
	}
	free(ins);
	return rc == 0 ? 0 : 1;
}
