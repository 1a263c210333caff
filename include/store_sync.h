/*
 * store_sync: what sync (sync.c) keeps in the store, in store_sync.c: the
 * server's item id of each entry it brought (entries.sync_id, a 64-bit
 * number whichever form the server wrote it in), the server's stream id of
 * each feed (feeds.sync_stream), the sync state in meta (sync-server,
 * sync-ot, sync-pull, sync-last, sync-ts: the newest item seen, in
 * microseconds) and the outbox of marks waiting
 * for the server.
 *
 * The outbox is filled by store_mark and store_mark_all themselves, in the
 * same transaction as the mark, once sync has been turned on for the store
 * (store_sync_enable): so a mark made by any program and any path waits
 * there until the server acknowledged it (store_sync_outbox_done), across
 * a server that is down, a restart or a kill -9.  Nothing here prints or
 * talks to the network.
 */
#ifndef ORRERY_STORE_SYNC_H
#define ORRERY_STORE_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

struct parsed_feed;

/* Outbox kinds: the four of enum store_mark, and mark-all-as-read. */
#define STORE_SYNC_MARK_ALL 4

/* One mark waiting for the server. */
struct store_sync_mark {
	int64_t seq;  /* its place in the outbox */
	int64_t item; /* the server's item id (not for STORE_SYNC_MARK_ALL) */
	int what;     /* enum store_mark or STORE_SYNC_MARK_ALL */
	char *stream; /* STORE_SYNC_MARK_ALL: the stream to mark */
	int64_t ts;   /* STORE_SYNC_MARK_ALL: older than this, microseconds */
};

/* Turn the outbox on for server (kept in meta); marks go to it from now. */
int store_sync_enable(struct store *, const char *server, char **cause);
/* The outbox in order; the caller frees with store_sync_marks_free. */
int store_sync_outbox(
    struct store *, struct store_sync_mark **, size_t *, char **cause);
void store_sync_marks_free(struct store_sync_mark *, size_t);
/* The server took these: they leave the outbox. */
int store_sync_outbox_done(
    struct store *, const int64_t *seq, size_t n, char **cause);
int store_sync_outbox_count(struct store *, int64_t *, char **cause);

/*
 * The local feed of a server subscription, by its feed URL (made when
 * missing): records the server's stream id, title and folder.  *id gets
 * it.
 */
int store_sync_feed(struct store *, const char *stream, const char *url,
    const char *title, const char *category, int64_t *id, char **cause);
/* The feed of a server stream id: 0 found, -1 none. */
int store_sync_feed_by_stream(struct store *, const char *stream, int64_t *id);
/* Remove the feeds the server had and no longer lists (streams[n]). */
int store_sync_feeds_gone(
    struct store *, char *const *streams, size_t n, int *removed, char **cause);
/* The stream id of a feed (NULL: not a server subscription). */
char *store_sync_feed_stream(struct store *, int64_t feed);

/*
 * Store the server's entries of one feed through the same upsert as a
 * fetch, inside a store_begin transaction: items[i] is entry i's server
 * id, read[i] and starred[i] its state on the server, taken unless a
 * mark of the outbox says otherwise.  *nnew gets the new entries.
 */
int store_sync_entries(struct store *, int64_t feed, const struct parsed_feed *,
    const int64_t *items, const int *read, const int *starred, int64_t now,
    int *nnew, char **cause);

/*
 * The server's unread (what 0) or starred (what 1) set, items[n]: every
 * entry of the server becomes unread/starred exactly when it is in the
 * set, unless a mark of the outbox says otherwise.  One transaction;
 * *changed gets how many entries changed.
 */
int store_sync_reconcile(struct store *, int what, const int64_t *items,
    size_t n, int64_t *changed, char **cause);

/* The hooks of store_mark (after its update) and store_mark_all_as
 * (before it), in the mark's transaction: the mark m of every entry the
 * filter (with its hidden posts left out) and upto select. */
int store_sync_mark_hook(
    struct store *, int64_t id, enum store_mark, char **cause);
int store_sync_mark_all_hook(struct store *, const struct store_filter *,
    enum store_mark m, int64_t upto, char **cause);

#endif
