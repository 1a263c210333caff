/*
 * view_planet: the Planet view.  Entries newest first under a heading for
 * each day and, within it, for each run of one source, as planetpython.org
 * lays out its front page.  It holds only a window of entries around the
 * selection, read from the store with keyset queries on (time, id), so
 * opening it, jumping to either end and scrolling cost the same at ten
 * entries or a million.  Must not load the whole store or read bodies.
 *
 * The selection is an anchor (time, id) plus its row on the screen; every
 * reload (new entries from the fetcher, a mark, a resize) rebuilds the
 * window around the anchor and puts it back on the same screen row, so
 * nothing jumps under the user.
 */
#include "view.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "query.h"
#include "store.h"
#include "util.h"
#include "view_empty.h"
#include "width.h"

/* The widest an entry's row is laid out: title and time this far apart
 * at most, however wide the window. */
#define PLANET_ROW_MAX 120

enum planet_kind {
	PL_DAY,
	PL_SOURCE,
	PL_ENTRY,
	PL_NEW /* "new since": under the oldest post that arrived since */
};

struct planet_line {
	enum planet_kind kind;
	size_t ent; /* the entry it belongs to (a heading: the one below) */
};

struct planet {
	struct store_filter flt;
	char *match, *source_name; /* owned copies behind flt */
	char *qtext;		   /* the query it shows, or NULL */
	char *mute_source;	   /* M: what the question is about */
	struct store_query *sq;	   /* qtext compiled, behind flt */
	char *label;
	unsigned base_unread, base_starred; /* the filter as opened */
	int count_due; /* the unread count waits for planet_idle */

	struct store_entry *ents; /* the window, newest first */
	size_t nents;
	int at_start, at_end; /* nothing newer / older exists */
	int have_ctx;	      /* ctx: the entry just above the window */
	long ctx_day;
	char *ctx_source;

	struct planet_line *lines;
	size_t nlines;

	size_t cur;    /* selected entry (index into ents) */
	size_t scroll; /* line shown at the top */
	int64_t anchor_t, anchor_id;
	int have_anchor;

	int64_t unread;	   /* for the title: -1 unknown */
	char *error;	   /* why the window is empty (a bad search ...) */
	int stale;	   /* reload before the next draw */
	int64_t mark_upto; /* A: the newest entry the question counted */

	/* Since the reader last quit (view_planet_seen): when, and the
	 * newest entry then; the oldest post stored since, if any. */
	int64_t seen_time, seen_id;
	int new_known, have_new;
	int64_t new_t, new_id;
	char *banner;	 /* a source's view: its feed's last error */
	int banner_rows; /* rows above v->top the banner takes */
};

/* The meta key view_planet_seen keeps "TIME ID" under. */
#define PLANET_SEEN_KEY "reader-seen"

static struct planet *
planet_of(struct view *v)
{
	return v->data;
}

/* Parse and compile a query for this reader; NULL and *cause if bad. */
static struct store_query *
planet_compile(struct ui *ui, const char *text, char **cause)
{
	struct store_query *sq;
	struct query *q;

	q = query_parse(text, strlen(text), cause);
	if (q == NULL)
		return NULL;
	sq = store_query_new(
	    q, (int64_t)time(NULL), ui_config(ui)->timezone_utc);
	query_free(q);
	return sq;
}

static long
planet_window(struct view *v)
{
	/* Entries each side of the anchor: two screens and some. */
	return (long)(v->rows > 0 ? v->rows : 24) * 2 + 16;
}

/* ---- the window ---------------------------------------------------- */

static void
planet_clear(struct planet *p)
{
	store_entries_free(p->ents, p->nents);
	p->ents = NULL;
	p->nents = 0;
	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
	free(p->ctx_source);
	p->ctx_source = NULL;
	p->have_ctx = 0;
}

static const char *
planet_source(const struct store_entry *e)
{
	return e->source != NULL ? e->source : "";
}

static void
planet_add_line(struct planet *p, size_t *alloc, enum planet_kind k, size_t e)
{
	if (p->nlines == *alloc) {
		*alloc = *alloc == 0 ? 64 : *alloc * 2;
		p->lines = xreallocarray(p->lines, *alloc, sizeof *p->lines);
	}
	p->lines[p->nlines].kind = k;
	p->lines[p->nlines].ent = e;
	p->nlines++;
}

/* Lay the window out as lines: headings where the day or source changes. */
static void
planet_lines(struct view *v)
{
	struct planet *p = planet_of(v);
	size_t i, alloc = 0;
	long day, prev_day;
	const char *src, *prev_src;
	int have_prev;

	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
	have_prev = p->have_ctx;
	prev_day = p->ctx_day;
	prev_src = p->ctx_source;
	for (i = 0; i < p->nents; i++) {
		day = ui_day(v->ui, p->ents[i].time);
		src = planet_source(&p->ents[i]);
		if (!have_prev || day != prev_day) {
			planet_add_line(p, &alloc, PL_DAY, i);
			planet_add_line(p, &alloc, PL_SOURCE, i);
		} else if (prev_src == NULL || strcmp(src, prev_src) != 0)
			planet_add_line(p, &alloc, PL_SOURCE, i);
		planet_add_line(p, &alloc, PL_ENTRY, i);
		have_prev = 1;
		prev_day = day;
		prev_src = src;
		if (p->have_new && p->ents[i].id == p->new_id &&
		    p->ents[i].time == p->new_t) {
			/* The rule belongs to the block below it, whose
			 * source is named again. */
			planet_add_line(p, &alloc, PL_NEW, i + 1);
			prev_src = NULL;
		}
	}
}

/* The line of entry i. */
static size_t
planet_line_of(const struct planet *p, size_t ent)
{
	size_t lo = 0, hi = p->nlines, mid;

	/* Lines are in entry order; an entry's own line is its last. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->lines[mid].ent < ent ||
		    (p->lines[mid].ent == ent &&
			p->lines[mid].kind != PL_ENTRY))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->nlines ? lo : (p->nlines > 0 ? p->nlines - 1 : 0);
}

/* The first line of entry i's block: its headings, if it has any. */
static size_t
planet_block_of(const struct planet *p, size_t ent)
{
	size_t l = planet_line_of(p, ent);

	while (l > 0 && p->lines[l - 1].ent == ent)
		l--;
	return l;
}

static void
planet_set_anchor(struct planet *p)
{
	if (p->nents == 0)
		return;
	p->anchor_t = p->ents[p->cur].time;
	p->anchor_id = p->ents[p->cur].id;
	p->have_anchor = 1;
}

static void
planet_count_unread(struct view *v)
{
	struct planet *p = planet_of(v);
	struct store_filter f = p->flt;
	int64_t n = 0;
	char *cause = NULL;

	f.unread = 1;
	if (store_entries_count(ui_store(v->ui), &f, &n, &cause) == 0)
		p->unread = n;
	free(cause);
}

static void
planet_count(struct view *v)
{
	struct planet *p = planet_of(v);
	struct store_feed feed;
	int64_t unread = -1;

	p->unread = -1;
	p->count_due = 0;
	if (p->sq != NULL || p->flt.match != NULL || p->flt.source != NULL ||
	    p->flt.starred) {
		/* A query, starred, a search, a source: what of it is unread
		 * (counted: costs a scan of them, so after the first paint,
		 * planet_idle). */
		p->count_due = 1;
		return;
	}
	if (p->flt.feed_id != 0) {
		if (store_feed_get(
			ui_store(v->ui), p->flt.feed_id, &feed, NULL) == 0) {
			unread = feed.unread;
			store_feed_clear(&feed);
		}
		p->unread = unread;
		return;
	}
	/* Every post: the feeds' counts less the hidden posts (muted
	 * sources, hide rules), which can cost a scan: after the first
	 * paint too. */
	p->count_due = 1;
}

/* The count planet_count left for after the first paint. */
static void
planet_count_late(struct view *v)
{
	struct planet *p = planet_of(v);
	int64_t unread = -1, total;

	if (p->sq != NULL || p->flt.match != NULL || p->flt.source != NULL ||
	    p->flt.starred)
		planet_count_unread(v);
	else if (store_counts(ui_store(v->ui), &unread, &total, NULL) == 0)
		p->unread = unread;
}

/*
 * Where the "new since" rule goes: under the oldest post (in the view's
 * order) of those stored since the reader last quit.  None in a search,
 * or before the reader has ever quit.
 */
static void
planet_find_new(struct view *v)
{
	struct planet *p = planet_of(v);

	p->have_new = 0;
	p->new_known = 1;
	if (p->seen_time == 0 || p->flt.match != NULL)
		return;
	p->have_new = store_entries_first_new(ui_store(v->ui), &p->flt,
			  p->seen_id, &p->new_t, &p->new_id, NULL) == 1;
}

/*
 * A failing source's view shows the feed's last error, whole, above its
 * entries: the rows it takes come off the top of the view's own.
 */
static void
planet_banner(struct view *v)
{
	struct planet *p = planet_of(v);
	int top = v->top - p->banner_rows, rows = v->rows + p->banner_rows, k;

	free(p->banner);
	p->banner =
	    p->flt.feed_id != 0 ? view_feed_error(v->ui, p->flt.feed_id) : NULL;
	k = 0;
	if (p->banner != NULL && v->cols > 4) {
		/* The text and a blank row, on at most half the rows. */
		k = ui_wrapped_rows(p->banner, v->cols - 3) + 1;
		if (k > rows / 2)
			k = rows / 2;
	}
	p->banner_rows = k;
	v->top = top + k;
	v->rows = rows - k;
}

/*
 * Rebuild the window around the anchor (or the newest entry when there
 * is none) and put the selection back on the screen row `row` (-1: show
 * it with its headings where they fit).
 */
static void
planet_load(struct view *v, int row)
{
	struct planet *p = planet_of(v);
	struct store *st = ui_store(v->ui);
	struct store_entry *newer = NULL, *older = NULL;
	size_t nn = 0, no = 0, k, i, want;
	char *cause = NULL;
	long win = planet_window(v);
	size_t line;

	planet_banner(v);
	planet_clear(p);
	free(p->error);
	p->error = NULL;
	p->stale = 0;
	planet_count(v);
	if (!p->new_known)
		planet_find_new(v);
	want = (size_t)win;
	if (!p->have_anchor) {
		if (store_entries_first(
			st, &p->flt, want, &older, &no, &cause) != 0)
			goto fail;
	} else {
		/* id + 1: the anchor itself is the first "older" entry. */
		if (store_entries_after(st, &p->flt, p->anchor_t,
			p->anchor_id + 1, want, &older, &no, &cause) != 0)
			goto fail;
		/* Strictly newer than the anchor, present or not. */
		if (store_entries_before(st, &p->flt, p->anchor_t, p->anchor_id,
			want + 1, &newer, &nn, &cause) != 0)
			goto fail;
	}
	/* The window: newer (newest first) then older. */
	k = 0;
	p->at_start = nn <= want;
	if (!p->at_start) {
		/* The newest of them only tells what heading comes before. */
		p->have_ctx = 1;
		p->ctx_day = ui_day(v->ui, newer[0].time);
		p->ctx_source = xstrdup(planet_source(&newer[0]));
		k = 1;
	}
	p->at_end = no < want;
	p->nents = (nn - k) + no;
	p->ents = xcalloc(p->nents > 0 ? p->nents : 1, sizeof *p->ents);
	for (i = k; i < nn; i++)
		p->ents[i - k] = newer[i];
	for (i = 0; i < no; i++)
		p->ents[nn - k + i] = older[i];
	if (k == 1)
		store_entry_clear(&newer[0]);
	free(newer);
	free(older);
	/* The selection: the anchor, else the next older, else the last. */
	p->cur = nn - k < p->nents ? nn - k : (p->nents > 0 ? p->nents - 1 : 0);
	planet_lines(v);
	if (p->nents == 0) {
		p->scroll = 0;
		return;
	}
	if (!p->have_anchor)
		planet_set_anchor(p);
	line = planet_line_of(p, p->cur);
	if (row < 0 || p->cur == 0)
		p->scroll =
		    p->cur == 0 && p->at_start ? 0 : planet_block_of(p, p->cur);
	else
		p->scroll = line >= (size_t)row ? line - (size_t)row : 0;
	if (p->at_start && p->cur == 0)
		p->scroll = 0;
	/* At the end, do not leave the screen half empty. */
	if (p->at_end && v->rows > 0 && p->nlines > (size_t)v->rows &&
	    p->scroll > p->nlines - (size_t)v->rows)
		p->scroll = p->nlines - (size_t)v->rows;
	if (p->at_end && p->nlines <= (size_t)v->rows && p->at_start)
		p->scroll = 0;
	return;

fail:
	store_entries_free(newer, nn);
	store_entries_free(older, no);
	p->error = cause;
	p->nents = 0;
	ui_error(v->ui, "%s", cause != NULL ? cause : "cannot read entries");
}

/* The selection's row on the screen now. */
static int
planet_row(struct view *v)
{
	struct planet *p = planet_of(v);
	size_t line;

	if (p->nents == 0)
		return 0;
	line = planet_line_of(p, p->cur);
	if (line < p->scroll)
		return 0;
	return (int)(line - p->scroll);
}

/*
 * After a move: the selection becomes the anchor, and the window is
 * rebuilt around it when fewer than a screen of lines is left above or
 * two screens below (unless those are the true ends).
 */
static void
planet_refill(struct view *v)
{
	struct planet *p = planet_of(v);
	size_t rows = v->rows > 0 ? (size_t)v->rows : 1;

	planet_set_anchor(p);
	if ((!p->at_start && p->scroll < rows) ||
	    (!p->at_end && p->scroll + 2 * rows >= p->nlines))
		planet_load(v, planet_row(v));
	v->dirty = 1;
}

/* Keep the selection visible; extend the window when near its edges. */
static void
planet_settle(struct view *v)
{
	struct planet *p = planet_of(v);
	size_t line, block, rows = v->rows > 0 ? (size_t)v->rows : 1;

	if (p->nents == 0)
		return;
	line = planet_line_of(p, p->cur);
	block = planet_block_of(p, p->cur);
	if (p->cur == 0 && p->at_start)
		block = 0;
	if (block < p->scroll)
		p->scroll = block;
	if (line >= p->scroll + rows)
		p->scroll = line - rows + 1;
	planet_refill(v);
}

static void
planet_move(struct view *v, long n)
{
	struct planet *p = planet_of(v);
	long i;

	for (i = 0; i < (n < 0 ? -n : n); i++) {
		if (p->nents == 0)
			return;
		if (n > 0) {
			if (p->cur + 1 >= p->nents) {
				if (p->at_end)
					break;
				planet_load(v, planet_row(v));
				if (p->cur + 1 >= p->nents)
					break;
			}
			p->cur++;
		} else {
			if (p->cur == 0) {
				if (p->at_start) {
					p->scroll = 0;
					break;
				}
				planet_load(v, planet_row(v));
				if (p->cur == 0)
					break;
			}
			p->cur--;
		}
		planet_settle(v);
	}
	planet_settle(v);
}

/* Scroll by n lines (a page, half a page, the wheel), taking the
 * selection along when it would leave the screen. */
static void
planet_scroll(struct view *v, long n)
{
	struct planet *p = planet_of(v);
	size_t rows = v->rows > 0 ? (size_t)v->rows : 1, max, line, l;
	long i;

	if (p->nents == 0)
		return;
	for (i = 0; i < (n < 0 ? -n : n); i++) {
		if (n > 0) {
			max = p->nlines > rows ? p->nlines - rows : 0;
			if (p->scroll >= max) {
				if (p->at_end) {
					/* The last page: select the last. */
					p->cur = p->nents - 1;
					break;
				}
				/* Around where the selection is now. */
				planet_set_anchor(p);
				planet_load(v, planet_row(v));
				max = p->nlines > rows ? p->nlines - rows : 0;
				if (p->scroll >= max)
					break;
			}
			p->scroll++;
		} else {
			if (p->scroll == 0) {
				if (p->at_start) {
					p->cur = 0;
					break;
				}
				planet_set_anchor(p);
				planet_load(v, planet_row(v));
				if (p->scroll == 0)
					break;
			}
			p->scroll--;
		}
		/* The selection stays on the screen. */
		line = planet_line_of(p, p->cur);
		if (line < p->scroll) {
			for (l = p->scroll; l < p->nlines; l++)
				if (p->lines[l].kind == PL_ENTRY)
					break;
			if (l < p->nlines)
				p->cur = p->lines[l].ent;
		} else if (line >= p->scroll + rows) {
			l = p->scroll + rows - 1;
			while (l > 0 && p->lines[l].kind != PL_ENTRY)
				l--;
			p->cur = p->lines[l].ent;
		}
	}
	planet_refill(v);
}

/* Jump to the newest (top) or oldest (bottom) entry. */
static void
planet_jump(struct view *v, int bottom)
{
	struct planet *p = planet_of(v);
	struct store_entry *e = NULL;
	size_t n = 0;
	char *cause = NULL;
	int r;

	r = bottom
	    ? store_entries_last(ui_store(v->ui), &p->flt, 1, &e, &n, &cause)
	    : store_entries_first(ui_store(v->ui), &p->flt, 1, &e, &n, &cause);
	if (r != 0) {
		ui_error(v->ui, "%s", cause);
		free(cause);
		return;
	}
	if (n == 1) {
		p->anchor_t = e[0].time;
		p->anchor_id = e[0].id;
		p->have_anchor = 1;
	}
	store_entries_free(e, n);
	planet_load(v, bottom ? (v->rows > 0 ? v->rows - 1 : 0) : 0);
	v->dirty = 1;
}

/* Put the selection on the entry (t, id) at screen row `row`. */
static void
planet_goto(struct view *v, int64_t t, int64_t id, int row)
{
	struct planet *p = planet_of(v);

	p->anchor_t = t;
	p->anchor_id = id;
	p->have_anchor = 1;
	planet_load(v, row);
	planet_settle(v);
}

int
view_planet_step(struct view *v, int dir, int unread, int64_t *id)
{
	struct planet *p = planet_of(v);
	struct store_filter f = p->flt;
	struct store_entry *e = NULL;
	size_t n = 0;
	char *cause = NULL;
	int r, row;

	if (!p->have_anchor)
		return -1;
	if (unread)
		f.unread = 1;
	r = dir > 0 ? store_entries_after(ui_store(v->ui), &f, p->anchor_t,
			  p->anchor_id, 1, &e, &n, &cause)
		    : store_entries_before(ui_store(v->ui), &f, p->anchor_t,
			  p->anchor_id, 1, &e, &n, &cause);
	if (r != 0) {
		ui_error(v->ui, "%s", cause);
		free(cause);
		return -1;
	}
	if (n == 0)
		return -1;
	*id = e[0].id;
	row = planet_row(v) + dir;
	if (row < 0)
		row = 0;
	if (v->rows > 0 && row >= v->rows)
		row = v->rows - 1;
	planet_goto(v, e[0].time, e[0].id, row);
	store_entries_free(e, n);
	return 0;
}

/* How many entries are above the screen. */
static size_t
planet_new_above(const struct planet *p)
{
	size_t l, n = 0;

	for (l = 0; l < p->scroll && l < p->nlines; l++)
		n += p->lines[l].kind == PL_ENTRY;
	return n;
}

/* ---- drawing ------------------------------------------------------- */

/*
 * Why the view is empty, in a line; *guide is set when the ways forward
 * (view_empty_text: what failed, what to do) belong under it.
 */
static const char *
planet_empty_text(struct view *v, char *buf, size_t len, int *guide)
{
	struct planet *p = planet_of(v);
	int64_t feeds = 0;
	long done, total;

	*guide = 0;
	if (p->error != NULL)
		return p->error;
	if (p->qtext != NULL) {
		snprintf(buf, len, "Nothing matches %s", p->qtext);
		return buf;
	}
	if (p->flt.match != NULL) {
		snprintf(buf, len, "Nothing matches \"%s\".  / searches again.",
		    p->flt.match);
		return buf;
	}
	if (ui_refreshing(v->ui, &done, &total)) {
		snprintf(buf, len, "Fetching feeds (%ld of %ld done)...", done,
		    total);
		return buf;
	}
	if (p->flt.unread)
		return "Nothing unread.  t shows everything again.";
	if (p->flt.starred)
		return "Nothing starred.  s stars an entry; S shows "
		       "everything again.";
	*guide = 1;
	if (store_feed_count(ui_store(v->ui), &feeds) == 0 && feeds == 0)
		return "No feeds yet.";
	if (ui_offline(v->ui))
		return "Offline, and nothing stored yet.";
	return "No entries yet.";
}

/* An element's attributes on the selected row: two colour pairs do not
 * combine (their bits would OR into a third), so the selection's wins. */
static attr_t
planet_on_sel(attr_t a, attr_t sel)
{
	if ((sel & A_COLOR) != 0)
		a &= ~A_COLOR;
	return a | sel;
}

static void
planet_draw_line(struct view *v, int y, const struct planet_line *ln)
{
	struct ui *ui = v->ui;
	struct planet *p = planet_of(v);
	const struct store_entry *e;
	char buf[128], when[64];
	const char *title;
	attr_t a, sel;
	int x, w, tw, selected, cols;

	if (ln->kind == PL_NEW) {
		a = ui_attr(ui, CONFIG_C_MARK);
		ui_time(ui, p->seen_time, "%a %H:%M", when, sizeof when);
		snprintf(buf, sizeof buf, "new since %s", when);
		x = ui_put(
		    ui, y, 0, v->cols, "\xe2\x94\x80\xe2\x94\x80 ", 7, a, 0);
		x += ui_put(ui, y, x, v->cols - x, buf, strlen(buf), a, 1);
		if (x + 1 < v->cols) {
			attrset(a);
			mvhline(y, x, ' ', 1);
			mvhline(y, x + 1, ACS_HLINE, 2);
			attrset(A_NORMAL);
		}
		return;
	}
	e = &p->ents[ln->ent];
	switch (ln->kind) {
	case PL_DAY:
		a = ui_attr(ui, CONFIG_C_DAY);
		ui_time(ui, e->time, "%A %d %B %Y", buf, sizeof buf);
		x = ui_put(
		    ui, y, 0, v->cols, "\xe2\x94\x80\xe2\x94\x80 ", 7, a, 0);
		x += ui_put(ui, y, x, v->cols - x, buf, strlen(buf), a, 1);
		if (x < v->cols) {
			attrset(a);
			mvhline(y, x, ' ', 1);
			if (x + 1 < v->cols)
				mvhline(y, x + 1, ACS_HLINE, v->cols - x - 1);
			attrset(A_NORMAL);
		}
		return;
	case PL_SOURCE:
		title = planet_source(e);
		ui_put(ui, y, 2, v->cols - 2,
		    *title != '\0' ? title : "(no source)",
		    *title != '\0' ? strlen(title) : 11,
		    ui_attr(ui, CONFIG_C_SOURCE), 1);
		return;
	case PL_ENTRY:
	case PL_NEW:
		break;
	}
	selected = ln->ent == p->cur;
	sel = selected ? ui_attr(ui, CONFIG_C_SELECTED) : A_NORMAL;
	if (selected)
		ui_fill(ui, y, 0, v->cols, sel);
	if (!e->read)
		ui_put(ui, y, 0, 1, "\xe2\x97\x8f", 3,
		    planet_on_sel(ui_attr(ui, CONFIG_C_MARK), sel), 0);
	if (e->starred)
		ui_put(ui, y, 2, 1, "\xe2\x98\x85", 3,
		    planet_on_sel(ui_attr(ui, CONFIG_C_MARK), sel), 0);
	ui_time(ui, e->time, "%H:%M", buf, sizeof buf);
	w = width_str(buf, strlen(buf));
	/* A wide window: the time stays within reach of the title. */
	cols = v->cols > PLANET_ROW_MAX ? PLANET_ROW_MAX : v->cols;
	tw = cols - 4 - (w + 2);
	if (tw < 8) {
		/* Narrow: the title gets the room. */
		tw = cols - 4;
		w = 0;
	}
	title = e->title != NULL ? e->title : "(untitled)";
	a = planet_on_sel(
	    ui_attr(ui, e->read ? CONFIG_C_READ : CONFIG_C_UNREAD), sel);
	ui_put(ui, y, 4, tw, title, strlen(title), a, 1);
	if (w > 0)
		ui_put(ui, y, cols - w - 1, w, buf, strlen(buf),
		    planet_on_sel(ui_attr(ui, CONFIG_C_TIME), sel), 0);
}

/*
 * Reload after a change (new entries, a mark, another program).  A view
 * scrolled to the top stays at the top: posts that arrived show there
 * with their headings, the selection staying on its post; when that
 * post would leave the screen, the screen stays and the status line
 * says how many arrived above it.
 */
static void
planet_reload_now(struct view *v)
{
	struct planet *p = planet_of(v);
	int64_t top_t = 0, top_id = 0;
	size_t k, line, rows = v->rows > 0 ? (size_t)v->rows : 1;
	int was_top;

	/* The rule's place changes with what is stored, not with a scroll:
	 * found here, not at every planet_load. */
	planet_find_new(v);
	was_top = p->nents > 0 && p->at_start && p->scroll == 0;
	if (was_top) {
		top_t = p->ents[0].time;
		top_id = p->ents[0].id;
	}
	planet_load(v, planet_row(v));
	if (!was_top || p->nents == 0 || !p->at_start)
		return;
	for (k = 0; k < p->nents; k++)
		if (p->ents[k].time < top_t ||
		    (p->ents[k].time == top_t && p->ents[k].id <= top_id))
			break;
	if (k == 0)
		return;
	line = planet_line_of(p, p->cur);
	if (line < rows) {
		p->scroll = 0;
		return;
	}
	/* The top row starts a block: never a post without its headings. */
	k = planet_block_of(p, p->lines[p->scroll].ent);
	if (k > p->scroll && line - k < rows)
		p->scroll = k;
	ui_message(v->ui, "%zu new entr%s above (g goes to the top)",
	    planet_new_above(p), planet_new_above(p) == 1 ? "y" : "ies");
}

static void
planet_draw(struct view *v)
{
	struct planet *p = planet_of(v);
	char buf[512], *full;
	const char *text;
	int y, guide;
	size_t l;

	if (p->stale)
		planet_reload_now(v);
	for (y = -p->banner_rows; y < v->rows; y++) {
		move(v->top + y, 0);
		clrtoeol();
	}
	if (p->banner_rows > 1)
		ui_put_wrapped(v->ui, v->top - p->banner_rows, 2, v->cols - 3,
		    p->banner_rows - 1, p->banner,
		    ui_attr(v->ui, CONFIG_C_ERROR));
	if (p->nents == 0) {
		text = planet_empty_text(v, buf, sizeof buf, &guide);
		/* A banner says already what failed. */
		full = guide ? view_empty_text(v->ui, text,
				   p->banner != NULL ? -1 : p->flt.feed_id)
			     : NULL;
		y = v->rows > 2 ? 1 : 0;
		ui_put_wrapped(v->ui, v->top + y, 2, v->cols - 3, v->rows - y,
		    full != NULL ? full : text,
		    ui_attr(v->ui,
			p->error != NULL ? CONFIG_C_ERROR : CONFIG_C_EMPTY));
		free(full);
		return;
	}
	for (y = 0; y < v->rows; y++) {
		l = p->scroll + (size_t)y;
		if (l >= p->nlines)
			break;
		planet_draw_line(v, v->top + y, &p->lines[l]);
	}
}

/* ---- actions ------------------------------------------------------- */

static void
planet_title(struct view *v, char *out, size_t len, int64_t *unread)
{
	struct planet *p = planet_of(v);
	const char *what = "";

	if (p->flt.unread && !p->base_unread)
		what = " \xc2\xb7 unread";
	else if (p->flt.starred && !p->base_starred)
		what = " \xc2\xb7 starred";
	snprintf(out, len, "%s%s", p->label, what);
	*unread = p->unread;
}

static struct store_entry *
planet_selected(struct view *v)
{
	struct planet *p = planet_of(v);

	if (p->nents == 0 || p->cur >= p->nents)
		return NULL;
	return &p->ents[p->cur];
}

static void
planet_mark_all_done(struct view *v, int yes)
{
	struct planet *p = planet_of(v);
	int64_t changed = 0;
	char *cause = NULL;

	if (!yes) {
		ui_message(v->ui, "nothing marked");
		return;
	}
	/* Only what was there when asked: not what arrived since. */
	if (store_mark_all(ui_store(v->ui), &p->flt, p->mark_upto, &changed,
		&cause) != 0) {
		ui_error(v->ui, "%s", cause);
		free(cause);
		return;
	}
	ui_message(v->ui, "marked %" PRId64 " entr%s read", changed,
	    changed == 1 ? "y" : "ies");
	ui_reload_all(v->ui);
}

static void
planet_mark_all(struct view *v)
{
	struct planet *p = planet_of(v);
	struct store_filter f = p->flt;
	struct store_entry *e = NULL;
	size_t ne = 0;
	int64_t n = 0;
	char *cause = NULL, *q;

	f.unread = 1;
	if (store_entries_count(ui_store(v->ui), &f, &n, &cause) != 0 ||
	    (n > 0 &&
		store_entries_first(ui_store(v->ui), &f, 1, &e, &ne, &cause) !=
		    0)) {
		ui_error(v->ui, "%s", cause);
		free(cause);
		return;
	}
	if (n == 0 || ne == 0) {
		store_entries_free(e, ne);
		ui_message(v->ui, "nothing unread here");
		return;
	}
	/* What arrives while the question is asked stays unread. */
	p->mark_upto = e[0].time;
	store_entries_free(e, ne);
	q = xasprintf(
	    "Mark %" PRId64 " entr%s read? (y/n) ", n, n == 1 ? "y" : "ies");
	ui_confirm(v->ui, q, planet_mark_all_done, v);
	free(q);
}

static void
planet_toggle(struct view *v, enum keys_action a)
{
	struct store_entry *e = planet_selected(v);
	enum store_mark m;
	char *cause = NULL;

	if (e == NULL)
		return;
	if (a == KEYS_A_TOGGLE_READ)
		m = e->read ? STORE_MARK_UNREAD : STORE_MARK_READ;
	else
		m = e->starred ? STORE_MARK_UNSTAR : STORE_MARK_STAR;
	if (store_mark(ui_store(v->ui), e->id, m, &cause) != 0) {
		ui_error(v->ui, "%s", cause);
		free(cause);
		return;
	}
	ui_message(v->ui, "%s",
	    m == STORE_MARK_READ	 ? "marked read"
		: m == STORE_MARK_UNREAD ? "marked unread"
		: m == STORE_MARK_STAR	 ? "starred"
					 : "unstarred");
	ui_reload_all(v->ui);
}

static void
planet_filter(struct view *v, int starred)
{
	struct planet *p = planet_of(v);

	if (starred) {
		if (p->base_starred)
			return;
		p->flt.starred = !p->flt.starred;
		p->flt.unread = p->base_unread;
		ui_message(v->ui,
		    p->flt.starred ? "starred entries only" : "all entries");
	} else {
		if (p->base_unread)
			return;
		p->flt.unread = !p->flt.unread;
		p->flt.starred = p->base_starred;
		ui_message(v->ui,
		    p->flt.unread ? "unread entries only" : "all entries");
	}
	planet_find_new(v);
	planet_load(v, planet_row(v));
	v->dirty = 1;
}

static void
planet_match(struct view *v, int dir)
{
	struct planet *p = planet_of(v);
	struct store_filter f = p->flt;
	struct store_query *sq;
	struct store_entry *e = NULL;
	size_t n = 0;
	const char *q = ui_search(v->ui);
	char *cause = NULL, *text;
	int r;

	if (q == NULL) {
		ui_message(v->ui, "no search yet: / searches");
		return;
	}
	if (!p->have_anchor)
		return;
	/* This view's query and the search's, both. */
	text = p->qtext != NULL ? xasprintf("%s %s", p->qtext, q) : xstrdup(q);
	sq = planet_compile(v->ui, text, &cause);
	free(text);
	if (sq == NULL) {
		ui_error(v->ui, "%s", cause);
		free(cause);
		return;
	}
	f.query = NULL;
	f.match = NULL;
	store_query_filter(sq, &f);
	r = dir > 0 ? store_entries_after(ui_store(v->ui), &f, p->anchor_t,
			  p->anchor_id, 1, &e, &n, &cause)
		    : store_entries_before(ui_store(v->ui), &f, p->anchor_t,
			  p->anchor_id, 1, &e, &n, &cause);
	store_query_free(sq);
	if (r != 0) {
		ui_error(v->ui, "%s", cause);
		free(cause);
		return;
	}
	if (n == 0) {
		ui_message(v->ui, "no %s match for \"%s\"",
		    dir > 0 ? "older" : "newer", q);
		return;
	}
	planet_goto(v, e[0].time, e[0].id, planet_row(v));
	store_entries_free(e, n);
}

static void
planet_mute_done(struct view *v, int yes)
{
	struct planet *p = planet_of(v);
	char *cause = NULL, *name = NULL;
	int r;

	if (!yes || p->mute_source == NULL) {
		ui_message(v->ui, "nothing muted");
		return;
	}
	r = store_mute(ui_store(v->ui), p->mute_source, &name, &cause);
	if (r < 0) {
		ui_error(v->ui, "%s", cause);
		free(cause);
		return;
	}
	ui_message(v->ui,
	    r == 0 ? "muted %s (U undoes)" : "%s was muted already", name);
	free(name);
	ui_reload_all(v->ui);
}

/* M: mute the selected post's source, after a question. */
static void
planet_mute(struct view *v)
{
	struct planet *p = planet_of(v);
	struct store_entry *e = planet_selected(v);
	char *q;

	if (e == NULL || e->source == NULL || *e->source == '\0') {
		ui_message(v->ui, "no source to mute here");
		return;
	}
	free(p->mute_source);
	p->mute_source = xstrdup(e->source);
	q = xasprintf("Mute %s? Its posts leave every view (y/n) ", e->source);
	ui_confirm(v->ui, q, planet_mute_done, v);
	free(q);
}

/* v: the list of saved views; 2v: the second at once. */
static void
planet_views(struct view *v, long count)
{
	struct view *w;
	char *cause = NULL;

	if (count <= 0 && ui_config(v->ui)->nviews > 0) {
		ui_push(v->ui, view_views_new(v->ui));
		return;
	}
	w = view_planet_saved(v->ui, count > 0 ? (size_t)count - 1 : 0, &cause);
	if (w == NULL) {
		ui_error(v->ui, "%s", cause);
		free(cause);
		return;
	}
	ui_push(v->ui, w);
}

/* Select the oldest post that arrived since the reader last quit. */
static void
planet_goto_new(struct view *v)
{
	struct planet *p = planet_of(v);
	char when[64];

	planet_find_new(v);
	if (!p->have_new) {
		if (p->seen_time == 0)
			ui_message(v->ui,
			    "nothing to go by: the reader has "
			    "not quit before");
		else {
			ui_time(
			    v->ui, p->seen_time, "%a %H:%M", when, sizeof when);
			ui_message(v->ui, "nothing new here since %s", when);
		}
		return;
	}
	planet_goto(v, p->new_t, p->new_id, v->rows > 2 ? v->rows / 2 : 0);
	v->dirty = 1;
}

static int
planet_action(struct view *v, enum keys_action a, long count)
{
	struct planet *p = planet_of(v);
	struct store_entry *e = planet_selected(v);
	long n = count > 0 ? count : 1, page;

	page = v->rows > 1 ? v->rows - 1 : 1;
	/*
	 * The anchor stays on an entry that left the view (marked read in
	 * an unread-only view) while the next one shows selected: whatever
	 * the user does now starts from the one shown.
	 */
	planet_set_anchor(p);
	switch (a) {
	case KEYS_A_DOWN:
		planet_move(v, n);
		return 1;
	case KEYS_A_UP:
		planet_move(v, -n);
		return 1;
	case KEYS_A_PAGE_DOWN:
		planet_scroll(v, page * n);
		return 1;
	case KEYS_A_PAGE_UP:
		planet_scroll(v, -page * n);
		return 1;
	case KEYS_A_HALF_DOWN:
		planet_scroll(v, (page + 1) / 2 * n);
		return 1;
	case KEYS_A_HALF_UP:
		planet_scroll(v, -(page + 1) / 2 * n);
		return 1;
	case KEYS_A_TOP:
		planet_jump(v, 0);
		return 1;
	case KEYS_A_BOTTOM:
		planet_jump(v, 1);
		return 1;
	case KEYS_A_OPEN:
		if (e != NULL)
			ui_push(v->ui, view_pager_new(v->ui, v, e->id));
		return 1;
	case KEYS_A_TOGGLE_READ:
	case KEYS_A_TOGGLE_STAR:
		planet_toggle(v, a);
		return 1;
	case KEYS_A_MARK_ALL_READ:
		planet_mark_all(v);
		return 1;
	case KEYS_A_UNREAD_ONLY:
		planet_filter(v, 0);
		return 1;
	case KEYS_A_STARRED_ONLY:
		planet_filter(v, 1);
		return 1;
	case KEYS_A_VIEWS:
		planet_views(v, count);
		return 1;
	case KEYS_A_MUTE:
		planet_mute(v);
		return 1;
	case KEYS_A_ALL_POSTS:
		ui_pop_all(v->ui);
		return 1;
	case KEYS_A_NEW_SINCE:
		planet_goto_new(v);
		return 1;
	case KEYS_A_NEXT_MATCH:
		planet_match(v, 1);
		return 1;
	case KEYS_A_PREV_MATCH:
		planet_match(v, -1);
		return 1;
	case KEYS_A_REFRESH_FEED:
		if (e != NULL)
			ui_refresh(v->ui, e->feed_id);
		else if (p->flt.feed_id != 0)
			ui_refresh(v->ui, p->flt.feed_id);
		return 1;
	case KEYS_A_BROWSER:
		if (e != NULL)
			ui_open_url(v->ui, e->link);
		return 1;
	case KEYS_A_COPY_LINK:
		if (e != NULL)
			ui_copy(v->ui, e->link);
		return 1;
	default:
		return 0;
	}
}

static void
planet_event(struct view *v, const struct view_event *ev)
{
	struct planet *p = planet_of(v);

	switch (ev->type) {
	case VIEW_ENTRIES_CHANGED:
		/* Reload at the next draw (once for any number of events
		 * in one loop turn). */
		p->stale = 1;
		v->dirty = 1;
		break;
	case VIEW_FEEDS_CHANGED:
		/* An empty view loads again when a fetch fails. */
		if (p->nents == 0 && ev->failed) {
			p->stale = 1;
			v->dirty = 1;
		}
		break;
	case VIEW_PROGRESS:
		/* An empty view shows the refresh's progress ("3 of 570
		 * done"). */
		if (p->nents == 0)
			v->dirty = 1;
		break;
	case VIEW_ARTICLE_DONE:
	case VIEW_ARTICLE_FAIL:
		break; /* the pager's */
	}
}

static void
planet_reload(struct view *v)
{
	struct planet *p = planet_of(v);

	p->stale = 1;
	v->dirty = 1;
}

static void
planet_resize(struct view *v)
{
	struct planet *p = planet_of(v);
	int row = planet_row(v);

	/* The UI gave the view its whole part of the screen again. */
	p->banner_rows = 0;
	if (v->rows > 0 && row >= v->rows)
		row = v->rows - 1;
	planet_load(v, row);
	v->dirty = 1;
}

static void
planet_mouse(struct view *v, enum view_mouse what, int row)
{
	struct planet *p = planet_of(v);
	size_t l;

	switch (what) {
	case VIEW_WHEEL_UP:
		planet_scroll(v, -3);
		return;
	case VIEW_WHEEL_DOWN:
		planet_scroll(v, 3);
		return;
	case VIEW_CLICK:
	case VIEW_DOUBLE_CLICK:
		l = p->scroll + (size_t)row;
		if (row < 0 || l >= p->nlines || p->lines[l].kind != PL_ENTRY)
			return;
		if (p->lines[l].ent == p->cur || what == VIEW_DOUBLE_CLICK) {
			p->cur = p->lines[l].ent;
			planet_set_anchor(p);
			planet_action(v, KEYS_A_OPEN, 0);
			return;
		}
		p->cur = p->lines[l].ent;
		planet_settle(v);
		return;
	}
}

static void
planet_free(struct view *v)
{
	struct planet *p = planet_of(v);

	planet_clear(p);
	free(p->qtext);
	store_query_free(p->sq);
	free(p->mute_source);
	free(p->match);
	free(p->source_name);
	free(p->label);
	free(p->error);
	free(p->banner);
	free(p);
}

/* The count planet_count left for after the view is on the screen. */
static int
planet_idle(struct view *v)
{
	struct planet *p = planet_of(v);

	if (!p->count_due)
		return 0;
	p->count_due = 0;
	planet_count_late(v);
	return 1;
}

static const struct view_ops planet_ops = {
	.context = KEYS_IN_PLANET,
	.title = planet_title,
	.draw = planet_draw,
	.action = planet_action,
	.event = planet_event,
	.reload = planet_reload,
	.resize = planet_resize,
	.mouse = planet_mouse,
	.idle = planet_idle,
	.free = planet_free,
};

/* The last quit's "TIME ID" (view_planet_seen); 0 0 when none. */
static void
planet_read_seen(struct ui *ui, struct planet *p)
{
	char *value = NULL, *sp;
	long long t, id;

	if (store_meta_get(ui_store(ui), PLANET_SEEN_KEY, &value, NULL) != 0 ||
	    value == NULL)
		return;
	sp = strchr(value, ' ');
	if (sp != NULL) {
		*sp = '\0';
		if (util_parse_ll(value, &t) == 0 &&
		    util_parse_ll(sp + 1, &id) == 0 && t > 0 && id >= 0) {
			p->seen_time = t;
			p->seen_id = id;
		}
	}
	free(value);
}

void
view_planet_seen(struct ui *ui)
{
	int64_t id;
	char buf[64];

	if (store_entries_max_id(ui_store(ui), &id, NULL) != 0)
		return;
	snprintf(
	    buf, sizeof buf, "%lld %lld", (long long)time(NULL), (long long)id);
	store_meta_set(ui_store(ui), PLANET_SEEN_KEY, buf, NULL);
}

struct view *
view_planet_new(
    struct ui *ui, const struct store_filter *flt, const char *label)
{
	struct view *v;
	struct planet *p;

	p = xcalloc(1, sizeof *p);
	p->flt = *flt;
	if (flt->match != NULL) {
		p->match = xstrdup(flt->match);
		p->flt.match = p->match;
	}
	if (flt->source != NULL) {
		p->source_name = xstrdup(flt->source);
		p->flt.source = p->source_name;
	}
	p->base_unread = (unsigned)flt->unread;
	p->base_starred = (unsigned)flt->starred;
	p->label = xstrdup(label != NULL ? label : "Planet");
	p->unread = -1;
	planet_read_seen(ui, p);
	p->stale = 1;
	v = xcalloc(1, sizeof *v);
	v->ops = &planet_ops;
	v->ui = ui;
	v->data = p;
	v->dirty = 1;
	return v;
}

struct view *
view_planet_query(
    struct ui *ui, const char *text, const char *label, char **cause)
{
	struct store_filter none;
	struct store_query *sq;
	struct view *v;
	struct planet *p;

	sq = planet_compile(ui, text, cause);
	if (sq == NULL)
		return NULL;
	memset(&none, 0, sizeof none);
	v = view_planet_new(ui, &none, label);
	p = planet_of(v);
	p->qtext = xstrdup(text);
	p->sq = sq;
	store_query_filter(sq, &p->flt);
	p->base_unread = (unsigned)p->flt.unread;
	p->base_starred = (unsigned)p->flt.starred;
	return v;
}
