/*
 * sync: orrery as a client of a Google Reader API server (FreshRSS,
 * Miniflux, Inoreader ...), configured in [sync].  sync.c owns what a
 * sync does: send the outbox (store_sync.h), read the subscriptions, pull
 * the reading list incrementally into the store through the same upsert as
 * a fetch, reconcile the unread and starred sets; and the password, read
 * at use from password-file or password-command and never written
 * anywhere.  fetch_sync.c owns the HTTP side (the only part that includes
 * curl): the GReader client and the fetcher's side of a sync, so that
 * `refresh` and the reader's r sync without the reader ever waiting.
 *
 * Nothing here prints; errors come back through cause, naming the server
 * and what went wrong, never the password.
 */
#ifndef ORRERY_SYNC_H
#define ORRERY_SYNC_H

#include <stddef.h>
#include <stdint.h>

struct chan;
struct chan_msg;
struct config;
struct fetch_pool;
struct store;

/* Is [sync] server set? */
int sync_configured(const struct config *);

/*
 * The password, from password-file (refused when group or others may read
 * it) or password-command.  0 with a malloc'd *pw the caller wipes with
 * sync_password_free, or -1 and *cause.
 */
int sync_password(const struct config *, char **pw, char **cause);
void sync_password_free(char *);

/* What a sync did. */
struct sync_stats {
	long feeds;	  /* subscriptions on the server */
	long new_entries; /* entries new to the store */
	long marks_sent;  /* outbox rows the server took */
	long changed;	  /* entries whose state the server changed */
	long requests;	  /* HTTP requests made */
};

/* sync_run's failures: the server's (unreachable, refused) or ours. */
#define SYNC_ERR_SERVER (-2)
#define SYNC_ERR_LOCAL (-1)

/*
 * One whole sync with the server of cfg into st (a connection the caller
 * owns on this thread).  0, or SYNC_ERR_SERVER / SYNC_ERR_LOCAL with
 * *cause.  Marks not sent stay in the outbox.
 */
int sync_run(
    const struct config *, struct store *, struct sync_stats *, char **cause);

/*
 * Subscribe on the server to urls[n] (titles and categories, each may be
 * NULL, give their names and folders) and store the feeds as the server
 * then lists them; ids[i] (ids may be NULL) gets url i's local feed, 0
 * when the server lists none by that URL.  Or unsubscribe the server's
 * subscription of a local feed and remove it (a feed that is not the
 * server's is only removed).  0, or a SYNC_ERR_* with *cause.
 */
int sync_subscribe(const struct config *, struct store *, size_t n,
    const char *const *urls, const char *const *titles,
    const char *const *categories, int64_t *ids, char **cause);
int sync_unsubscribe(
    const struct config *, struct store *, int64_t feed, char **cause);

/* ---- the client (fetch_sync.c) -------------------------------------- */

struct greader;
struct json_t;

/* A client of cfg's server; logs in with user and password (borrowed). */
struct greader *greader_new(
    const struct config *, const char *password, char **cause);
void greader_free(struct greader *);
/* How many requests it has made. */
long greader_requests(const struct greader *);
/* GET base/path (path with its query), the answer as JSON. */
int greader_get(
    struct greader *, const char *path, struct json_t **, char **cause);
/* POST form (T= is added) to base/path; *body (may be NULL) the answer. */
int greader_post(struct greader *, const char *path, const char *form,
    char **body, char **cause);
/* A URL-encoded copy of s (caller frees). */
char *greader_escape(const char *s);

/*
 * The fetcher's side: when [sync] is set, a refresh command (all or one
 * feed) runs a sync on the curl thread, with the store connection of the
 * pool, reported on chan as one batch of one item (a failure with feed 0
 * and why).  Returns 1 when it took the command, 0 when it is not sync's.
 */
int fetch_sync_command(const struct config *, struct fetch_pool *,
    struct chan *, const struct chan_msg *);

#endif
