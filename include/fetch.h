/*
 * fetch: the fetcher thread.  It owns a curl multi handle and its own
 * store connection; it takes commands from a chan (refresh all, refresh
 * one, stop), downloads politely (connection caps per host and overall,
 * conditional requests, compression, caching headers, redirects); its
 * worker threads parse each feed and write it in a short transaction,
 * together with the feeds parsed while the store was busy; it reports
 * events back through the chan, one per feed once it is stored.  The
 * only file that includes curl.
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
 * Start the thread.  cfg and the store path are borrowed and must outlive
 * the fetcher; the chan too.  NULL with *cause on failure.
 */
struct fetch *fetch_start(
    const struct config *, const char *store_path, struct chan *, char **cause);
/* Ask the thread to stop (transfers in flight are abandoned) and join. */
void fetch_stop(struct fetch *);

#endif /* ORRERY_FETCH_H */
