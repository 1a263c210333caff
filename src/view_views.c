/*
 * view_views: the `v` list of the saved views in [views] of config.ini,
 * each with its number, name, unread count and query, to pick one: Enter
 * (or its number and v in the Planet view) opens the Planet view of its
 * posts in its place.  It reads counts through the store and keeps no
 * entries; the queries are the configuration's, parsed where opened.
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
#include "view_list.h"

struct views {
	char **lines;	       /* one per view, as shown */
	struct view_list list; /* with a cursor */
};

/* A view's unread posts, or -1 when they cannot be counted. */
static int64_t
views_unread(struct ui *ui, const char *text)
{
	struct store_filter f;
	struct store_query *sq;
	struct query *q;
	int64_t n = -1;

	q = query_parse(text, strlen(text), NULL);
	if (q == NULL)
		return -1;
	sq = store_query_new(
	    q, (int64_t)time(NULL), ui_config(ui)->timezone_utc);
	query_free(q);
	memset(&f, 0, sizeof f);
	store_query_filter(sq, &f);
	f.unread = 1;
	if (store_entries_count(ui_store(ui), &f, &n, NULL) != 0)
		n = -1;
	store_query_free(sq);
	return n;
}

static void
views_build(struct view *v)
{
	struct views *w = v->data;
	const struct config *cfg = ui_config(v->ui);
	char count[32];
	int64_t n;
	size_t i;

	for (i = 0; i < w->list.n; i++)
		free(w->lines[i]);
	free(w->lines);
	w->lines = xcalloc(cfg->nviews + 1, sizeof *w->lines);
	for (i = 0; i < cfg->nviews; i++) {
		n = views_unread(v->ui, cfg->view_queries[i]);
		if (n >= 0)
			snprintf(count, sizeof count, "%" PRId64 " unread", n);
		else
			snprintf(count, sizeof count, "?");
		w->lines[i] = xasprintf("%2zu  %-16s %12s   %s", i + 1,
		    cfg->view_names[i], count, cfg->view_queries[i]);
	}
	w->list.n = cfg->nviews;
	view_list_clamp(&w->list, v->rows);
}

static void
views_title(struct view *v, char *out, size_t len, int64_t *unread)
{
	snprintf(
	    out, len, "Views \xc2\xb7 Enter opens one \xc2\xb7 q to go back");
	*unread = -1;
}

static void
views_draw(struct view *v)
{
	struct views *w = v->data;
	size_t l;
	int y;

	view_list_clamp(&w->list, v->rows);
	for (y = 0; y < v->rows; y++) {
		move(v->top + y, 0);
		clrtoeol();
		if (view_list_at(&w->list, v->rows, y, &l) == 0)
			ui_put(v->ui, v->top + y, 1, v->cols - 1, w->lines[l],
			    strlen(w->lines[l]),
			    l == w->list.sel ? A_REVERSE : A_NORMAL, 1);
	}
}

/* Open view i in the place of this list. */
static void
views_open(struct view *v, size_t i)
{
	struct ui *ui = v->ui;
	struct view *p;
	char *cause = NULL;

	p = view_planet_saved(ui, i, &cause);
	if (p == NULL) {
		ui_error(ui, "%s", cause);
		free(cause);
		return;
	}
	ui_pop(ui); /* frees v */
	ui_push(ui, p);
}

static int
views_action(struct view *v, enum keys_action a, long count)
{
	struct views *w = v->data;

	if (view_list_key(&w->list, v->rows, a, count)) {
		v->dirty = 1;
		return 1;
	}
	switch (a) {
	case KEYS_A_OPEN:
		if (w->list.n > 0)
			views_open(v, w->list.sel);
		return 1;
	case KEYS_A_VIEWS:
		if (count > 0)
			views_open(v, (size_t)count - 1);
		else
			ui_pop(v->ui);
		return 1;
	default:
		return 0;
	}
}

static void
views_reload(struct view *v)
{
	views_build(v);
	v->dirty = 1;
}

static void
views_mouse(struct view *v, enum view_mouse what, int row)
{
	struct views *w = v->data;
	size_t i;

	if (view_list_at(&w->list, v->rows, row, &i) != 0)
		return;
	w->list.sel = i;
	v->dirty = 1;
	if (what == VIEW_DOUBLE_CLICK)
		views_open(v, i);
}

static void
views_free(struct view *v)
{
	struct views *w = v->data;
	size_t i;

	for (i = 0; i < w->list.n; i++)
		free(w->lines[i]);
	free(w->lines);
	free(w);
}

static const struct view_ops views_ops = {
	.context = KEYS_IN_PLANET,
	.title = views_title,
	.draw = views_draw,
	.action = views_action,
	.reload = views_reload,
	.mouse = views_mouse,
	.free = views_free,
};

struct view *
view_views_new(struct ui *ui)
{
	struct view *v;
	struct views *w;

	w = xcalloc(1, sizeof *w);
	w->list.cursor = 1;
	v = xcalloc(1, sizeof *v);
	v->ops = &views_ops;
	v->ui = ui;
	v->data = w;
	v->dirty = 1;
	views_build(v);
	return v;
}

struct view *
view_planet_saved(struct ui *ui, size_t i, char **cause)
{
	const struct config *cfg = ui_config(ui);

	if (cfg->nviews == 0) {
		util_fail(cause,
		    "no views: add [views] NAME = QUERY to the "
		    "configuration (orrery.ini(5))");
		return NULL;
	}
	if (i >= cfg->nviews) {
		util_fail(
		    cause, "no view %zu: [views] has %zu", i + 1, cfg->nviews);
		return NULL;
	}
	return view_planet_query(
	    ui, cfg->view_queries[i], cfg->view_names[i], cause);
}
