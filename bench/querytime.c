/*
 * querytime: the time inside orrery of a first page of 50 posts for each
 * query given (store_entries_first, as list QUERY and the reader's first
 * paint of a view run it), without the process start-up that a
 * whole-process measurement adds (about 30 ms, mostly the shared
 * libraries), for the benchmarks at 1M entries.
 *
 *   querytime DB RUNS [-h HIDE-RULE]... QUERY...
 *
 * Prints "QUERY<TAB>median_ms<TAB>p95_ms<TAB>rows<TAB>cpu_median_ms<TAB>
 * cpu_p95_ms" per query: wall time, and the process's CPU time (which a
 * loaded machine inflates less).  The store
 * is opened once (the hide rules compiled once, as the reader does); each
 * run asks for the page afresh, SQLite's cache warm as in the reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "query.h"
#include "store.h"
#include "util.h"

static double
now_ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct store *st;
	struct store_entry *list;
	struct store_filter flt;
	struct store_query *sq;
	struct query *q;
	const char *rules[16];
	double *ms, *cpu;
	size_t n = 0, nrules = 0, i;
	char *cause = NULL;
	int runs, a, r;

	if (argc < 4) {
		fprintf(
		    stderr, "usage: querytime DB RUNS [-h RULE]... QUERY...\n");
		return 2;
	}
	st = store_open(argv[1], &cause);
	if (st == NULL) {
		fprintf(stderr, "querytime: %s\n", cause);
		return 1;
	}
	runs = (int)strtol(argv[2], NULL, 10);
	if (runs < 1)
		runs = 1;
	ms = xcalloc((size_t)runs, sizeof *ms);
	cpu = xcalloc((size_t)runs, sizeof *cpu);
	for (a = 3; a + 1 < argc && strcmp(argv[a], "-h") == 0 && nrules < 16;
	     a += 2)
		rules[nrules++] = argv[a + 1];
	if (store_hide_rules(
		st, rules, nrules, (int64_t)time(NULL), 1, &cause) != 0) {
		fprintf(stderr, "querytime: %s\n", cause);
		return 1;
	}
	for (; a < argc; a++) {
		q = query_parse(argv[a], strlen(argv[a]), &cause);
		if (q == NULL) {
			fprintf(stderr, "querytime: %s: %s\n", argv[a], cause);
			return 1;
		}
		for (r = 0; r < runs; r++) {
			memset(&flt, 0, sizeof flt);
			ms[r] = now_ms(CLOCK_MONOTONIC);
			cpu[r] = now_ms(CLOCK_PROCESS_CPUTIME_ID);
			sq = store_query_new(q, (int64_t)time(NULL), 1);
			store_query_filter(sq, &flt);
			if (store_entries_first(
				st, &flt, 50, &list, &n, &cause) != 0) {
				fprintf(stderr, "querytime: %s: %s\n", argv[a],
				    cause);
				return 1;
			}
			ms[r] = now_ms(CLOCK_MONOTONIC) - ms[r];
			cpu[r] = now_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu[r];
			store_entries_free(list, n);
			store_query_free(sq);
		}
		query_free(q);
		qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
		qsort(cpu, (size_t)runs, sizeof *cpu, cmp_double);
		i = (size_t)((double)(runs - 1) * 0.95 + 0.5);
		printf("%s\t%.1f\t%.1f\t%zu\t%.1f\t%.1f\n", argv[a],
		    ms[(runs - 1) / 2], ms[i], n, cpu[(runs - 1) / 2], cpu[i]);
		fflush(stdout);
	}
	free(ms);
	free(cpu);
	store_close(st);
	return 0;
}
