/*
 * fetch: the fetching side, as the UI and `orrery refresh` see it.
 * fetch_start starts the curl thread (fetch.c), which owns the curl multi
 * handle: it takes commands from a chan (refresh all, refresh one, stop),
 * reads which feeds are due, downloads politely (connection caps per host
 * and overall, conditional requests, compression, caching headers,
 * redirects followed by hand) and hands each finished transfer to a pool
 * of worker threads (fetch_pool.h).  The workers parse it and store it
 * through the fetching side's one store connection, which the pool owns,
 * many feeds in one transaction when they are ready together (group
 * commit), and report each feed on the chan once it is stored; the curl
 * thread reports the start and end of each batch.  Nothing of the
 * fetching side is shared with the caller but the chan.
 *
 * fetch.c is the only file that includes curl (fetch_pool.c needs none);
 * neither touches curses or prints.
 */
#ifndef ORRERY_FETCH_H
#define ORRERY_FETCH_H

#include <stddef.h>

struct chan;
struct config;
struct fetch;

/* Process-wide libcurl set-up; call once from main before any thread. */
int fetch_global_init(char **cause);
void fetch_global_cleanup(void);

/*
 * Download one URL (http, https or file) now, on the calling thread:
 * for `orrery import URL`.  Redirects are followed; the body is capped at
 * max-feed-size.  Returns 0 with a malloc'd *body, or -1 and *cause.
 */
int fetch_get(const struct config *, const char *url, char **body, size_t *len,
    char **cause);

/*
 * fetch_get, also telling where the body finally came from after
 * redirects (*where) and its Content-Type (*ctype, NULL when none): for
 * finding a feed from a page (`orrery add`).  Both malloc'd on success.
 */
int fetch_page(const struct config *, const char *url, char **body, size_t *len,
    char **where, char **ctype, char **cause);

/*
 * Start the curl thread, which opens the store and starts the workers.
 * cfg and the store path are borrowed and must outlive the fetcher; the
 * chan too.  Commands already queued on the chan are taken first.  NULL
 * with *cause when the store does not open or the thread cannot start
 * (with no worker, the curl thread does their work itself).
 */
struct fetch *fetch_start(
    const struct config *, const char *store_path, struct chan *, char **cause);
/*
 * Ask the curl thread to stop and wait for it: transfers in flight are
 * abandoned; those already downloaded are stored and reported first, then
 * the workers end and the store connection closes.
 */
void fetch_stop(struct fetch *);

#endif /* ORRERY_FETCH_H */
