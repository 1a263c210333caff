/*
 * view: what the UI gives its views and what a view gives the UI.  Only
 * ui*.c, view_*.c, keys.c and open.c include this (it brings curses).
 *
 * The screen is a title line (row 0), the view's rows (1 .. LINES-2) and
 * a status line (LINES-1).  Views sit on a stack; the top one gets the
 * keys and draws.  A view draws only inside its rows (v->top, v->rows,
 * v->cols) and only in draw(); everything else sets v->dirty.
 *
 * All views run on the UI thread and use the UI's own store connection.
 */
#ifndef ORRERY_VIEW_H
#define ORRERY_VIEW_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "keys.h"

struct buf;
struct store;
struct store_filter;
struct ui;
struct view;

/* Mouse input handed to a view: a row inside it, relative to v->top. */
enum view_mouse {
	VIEW_CLICK,	   /* button 1 */
	VIEW_DOUBLE_CLICK, /* button 1 twice */
	VIEW_WHEEL_UP,
	VIEW_WHEEL_DOWN
};

/*
 * What the UI tells its views about the fetching side.  ui.c makes these
 * from the fetcher's messages (chan.h), which views never see; one
 * message may make several events, and every view on the stack gets
 * each of them.
 */
enum view_event_type {
	/* Entries may have come or changed (a feed brought new or changed
	 * ones, a refresh began or ended): reload them. */
	VIEW_ENTRIES_CHANGED,
	/* A feed was fetched or failed: its counts, last success or error
	 * may differ. */
	VIEW_FEEDS_CHANGED,
	/* A refresh began, moved on or ended: ui_refreshing() says where. */
	VIEW_PROGRESS,
	/* An entry's whole article (ui_fetch_article) is kept in the store
	 * now, or could not be had (why says so). */
	VIEW_ARTICLE_DONE,
	VIEW_ARTICLE_FAIL
};

struct view_event {
	enum view_event_type type;
	int64_t feed;	 /* VIEW_FEEDS_CHANGED: which (0: the feed list) */
	int failed;	 /* VIEW_FEEDS_CHANGED: its fetch failed */
	int64_t entry;	 /* VIEW_ARTICLE_*: whose article */
	const char *why; /* VIEW_ARTICLE_FAIL: borrowed for the call */
};

struct view_ops {
	unsigned context; /* KEYS_IN_PLANET, KEYS_IN_SOURCES or KEYS_IN_PAGER */
	/*
	 * The title line's left part ("Planet Python", "Unread", "Search:
	 * foo", "Sources") and the unread count to show beside it (-1:
	 * none).  Writes the text into out.
	 */
	void (*title)(struct view *, char *out, size_t len, int64_t *unread);
	/* Draw every one of its rows (erase what it does not use). */
	void (*draw)(struct view *);
	/* A key's action with its count prefix (0 when none typed).
	 * Returns 1 when handled, 0 to let the UI try (BACK, QUIT ...). */
	int (*action)(struct view *, enum keys_action, long count);
	/* A UI event (the fetching side's doing); may be NULL. */
	void (*event)(struct view *, const struct view_event *);
	/* The store changed under the view (entries marked, feeds added,
	 * removed, refreshed): reload what it shows, keeping the selection
	 * and scroll position.  May be NULL. */
	void (*reload)(struct view *);
	/* The geometry (top/rows/cols) changed; may be NULL. */
	void (*resize)(struct view *);
	/* Mouse at row (relative to top); may be NULL. */
	void (*mouse)(struct view *, enum view_mouse, int row);
	/* Work that can wait until the view is on the screen (the
	 * unread count of a query view): done after drawing, before the
	 * next key is read.  Returns 1 when the view must be drawn again.
	 * May be NULL. */
	int (*idle)(struct view *);
	/* Free data (not the struct view). */
	void (*free)(struct view *);
};

struct view {
	const struct view_ops *ops;
	struct ui *ui;
	int top, rows, cols; /* its part of the screen, set by the UI */
	int dirty;	     /* draw() at the next redraw */
	void *data;	     /* the view's own state */
	struct view *below;  /* the view under it on the stack, or NULL */
};

/* ---- views ---- */

/*
 * The Planet view: entries newest first under day and source headings.
 * filter is copied (its strings too); label names it on the title line
 * ("Planet Python", "Search: foo", a source's name), copied.
 */
struct view *view_planet_new(
    struct ui *, const struct store_filter *, const char *label);
/*
 * A Planet view of the posts a query (query.h) matches, with the same
 * headings; text and label are copied.  NULL and *cause (one line naming
 * the bad term) when the query is malformed.
 */
struct view *view_planet_query(
    struct ui *, const char *text, const char *label, char **cause);
/*
 * The saved views of [views] with their unread counts, to pick one; the
 * Planet view of view i (0-based) of [views] with view_planet_saved
 * (NULL and *cause when there is no such view).
 */
struct view *view_views_new(struct ui *);
struct view *view_planet_saved(struct ui *, size_t i, char **cause);
/*
 * Move a Planet view's selection to the next (dir 1) or previous (dir -1)
 * entry, or the next/previous unread one when unread is set, and return
 * its id in *id: for the pager's n/p/N/P.  -1 when there is none (the
 * selection stays).
 */
int view_planet_step(struct view *, int dir, int unread, int64_t *id);
/*
 * When the reader quits: remember when, and the newest entry then, for
 * the Planet view's "new since" rule next time (the store's meta table).
 */
void view_planet_seen(struct ui *);

/*
 * The pager on entry id.  planet is the Planet view it was opened from
 * (for n/p/N/P), which stays below it on the stack.
 */
struct view *view_pager_new(struct ui *, struct view *planet, int64_t id);

/* The sources view: every feed with counts, last success and error. */
struct view *view_sources_new(struct ui *);

/* The help view: every action with its keys, for the view below it
 * (context: that view's KEYS_IN_* bit). */
struct view *view_help_new(struct ui *, unsigned context);
/* Is v a help view? */
int view_help_is(const struct view *);

/* ---- what the UI offers views ---- */

struct store *ui_store(struct ui *);
const struct config *ui_config(struct ui *);
const struct keys_map *ui_keys(struct ui *);

/* The stack: push a new view on top (it gets its geometry and is drawn),
 * pop and free the top one. */
void ui_push(struct ui *, struct view *);
void ui_pop(struct ui *);
/* Pop every view but the first (the Planet view of every post). */
void ui_pop_all(struct ui *);

/* Status line messages (replace the previous one until the next key). */
void ui_message(struct ui *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Ask on the status line.  ui_prompt edits a line of text (init may be
 * NULL; Enter calls done with the text, Esc or C-g with NULL); ui_confirm
 * asks a y/n question (done gets 1 for y, 0 otherwise).  The view that
 * asks stays on top until done has run.  Returns at once; done runs from
 * the loop later.
 */
void ui_prompt(struct ui *, const char *prompt, const char *init,
    void (*done)(struct view *, const char *), struct view *);
void ui_confirm(struct ui *, const char *question,
    void (*done)(struct view *, int), struct view *);

/* Every view on the stack reloads from the store (call after a write). */
void ui_reload_all(struct ui *);

/* Ask the fetcher to refresh all feeds (feed 0) or one feed.  Says so on
 * the status line when offline. */
void ui_refresh(struct ui *, int64_t feed);

/*
 * Ask the fetcher for entry's whole article (store_article.h): the page
 * is fetched, extracted and kept on the fetching side while the reader
 * goes on; the status line shows the progress, and every view gets
 * VIEW_ARTICLE_DONE or VIEW_ARTICLE_FAIL.  -1 (said on the status line)
 * when offline or the fetcher cannot start.
 */
int ui_fetch_article(struct ui *, int64_t entry);

/* Open url in the browser, or copy it to the clipboard (OSC 52); either
 * reports on the status line. */
void ui_open_url(struct ui *, const char *url);
/* An enclosure: with the player setting, else like ui_open_url. */
void ui_open_media(struct ui *, const char *url);
void ui_copy(struct ui *, const char *text);

/* Is a refresh running (done and total feeds so far)?  Is the fetcher
 * off (--offline, or it could not start)? */
int ui_refreshing(struct ui *, long *done, long *total);
int ui_offline(struct ui *);

/* The last search query (for n/N), or NULL; ui_set_search copies it. */
const char *ui_search(struct ui *);
void ui_set_search(struct ui *, const char *);

/* ---- drawing helpers (for draw()) ---- */

/* The curses attributes (colour pair included) of a screen element. */
attr_t ui_attr(struct ui *, enum config_color_id);

/*
 * Write n bytes of UTF-8 at (y, x), at most width columns, with attr; any
 * control character or invalid byte shows as U+FFFD, never reaching the
 * terminal.  When the text is wider than width and ellipsis is set, it is
 * cut at a character boundary with "…" as the last column.  Returns the
 * columns written.
 */
int ui_put(struct ui *, int y, int x, int width, const char *, size_t n, attr_t,
    int ellipsis);
/* Fill width columns at (y, x) with spaces in attr. */
void ui_fill(struct ui *, int y, int x, int width, attr_t);

/*
 * Format t (UTC seconds) in the configured zone (local or UTC) with an
 * strftime format; "" when t is STORE_NO_TIME.
 */
void ui_time(struct ui *, int64_t t, const char *fmt, char *out, size_t len)
    __attribute__((format(strftime, 3, 0)));
/* A number for the day t falls on in the configured zone (for grouping). */
long ui_day(struct ui *, int64_t t);

/*
 * Write text wrapped at spaces (a newline starts a new row) from (y, x),
 * width columns, at most maxrows rows; when it needs more, the last row
 * ends with "…".  Returns the rows written.  ui_wrapped_rows: how many
 * rows text needs at width.  (ui_text.c)
 */
int ui_put_wrapped(struct ui *, int y, int x, int width, int maxrows,
    const char *text, attr_t);
int ui_wrapped_rows(const char *text, int width);
/* The name of the first key bound to a ("" when none), in out. */
const char *ui_key_name(struct ui *, enum keys_action, char *out, size_t len);
/* The key hint line of a view (context: its KEYS_IN_* bit, 0 for back
 * and moving only; first: it is the bottom of the stack, where back
 * quits), at most cols wide. */
void ui_hint_text(
    struct ui *, unsigned context, int first, int cols, char *out, size_t len);

/* Write a line to the -l debug log (no-op without one). */
void ui_log(struct ui *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* ORRERY_VIEW_H */
