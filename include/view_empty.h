/*
 * view_empty: what a view shows when it has nothing to show, and a failing
 * feed's banner: what failed (each feed and its reason, whole) and what to
 * do next, with the keys the user has bound.  The texts are plain
 * (cleaned of control characters), newline-separated, for ui_put_wrapped.
 */
#ifndef ORRERY_VIEW_EMPTY_H
#define ORRERY_VIEW_EMPTY_H

#include <stdint.h>

struct ui;

/*
 * The empty Planet view's text: headline (may be NULL: "No entries
 * yet."), then the feeds whose last fetch failed (feed_id: only that one;
 * 0: any; -1: none) and the ways forward.  The caller frees it.
 */
char *view_empty_text(struct ui *, const char *headline, int64_t feed_id);

/*
 * "NAME: the last fetch failed: ERROR" for a feed whose last fetch
 * failed, or NULL.  The caller frees it.
 */
char *view_feed_error(struct ui *, int64_t feed_id);

#endif /* ORRERY_VIEW_EMPTY_H */
