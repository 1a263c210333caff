/*
 * view_sources: the Sources view.  One row per feed with its unread/total
 * counts, the age of its last success and its last error; sorting by name,
 * unread count or error; opening a source in a Planet view, refreshing and
 * removing one.  Reads and writes the store only through the UI's
 * connection (ui_store) and reaches the fetcher, the browser and the
 * clipboard only through the ui_* services; must not draw outside its
 * rows nor outside draw().
 */
#include "view.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "util.h"
#include "view_list.h"
#include "width.h"

enum sources_sort {
	SOURCES_BY_NAME,
	SOURCES_BY_UNREAD,
	SOURCES_BY_ERROR
};

struct sources {
	struct store_feed *feeds;
	struct view_list list; /* one row per feed, n of them */
	enum sources_sort sort;
	int stale; /* the store changed: reload before using feeds */
	int64_t failing;
	int64_t unread;
	/* what a pending removal asks about */
	int64_t remove_id;
	char *remove_name;
};

/* The columns of a row, left to right. */
#define SOURCES_MARK_W 2 /* the mark and a space */
#define SOURCES_AGE_W 5	 /* "never" */
#define SOURCES_GAP 2	 /* between the count, age and error columns */
#define SOURCES_NAME_MIN 12
#define SOURCES_ERROR_MIN 16
#define SOURCES_COUNT_MAX 23 /* two int64s and a slash, at most */

static void sources_title(struct view *, char *, size_t, int64_t *);
static void sources_draw(struct view *);
static int sources_action(struct view *, enum keys_action, long);
static void sources_event(struct view *, const struct view_event *);
static void sources_reload(struct view *);
static void sources_resize(struct view *);
static void sources_mouse(struct view *, enum view_mouse, int);
static void sources_free(struct view *);

static const struct view_ops sources_ops = {
	.context = KEYS_IN_SOURCES,
	.title = sources_title,
	.draw = sources_draw,
	.action = sources_action,
	.event = sources_event,
	.reload = sources_reload,
	.resize = sources_resize,
	.mouse = sources_mouse,
	.free = sources_free,
};

/* What a feed is called: the same choice as `orrery feeds`. */
static const char *
sources_name(const struct store_feed *f)
{
	if (f->name != NULL && *f->name != '\0')
		return f->name;
	if (f->title != NULL && *f->title != '\0')
		return f->title;
	return f->url;
}

/* Does hay contain needle, ASCII letters folded? */
static int
sources_contains(const char *hay, const char *needle, size_t nlen)
{
	if (nlen == 0)
		return 1;
	for (; *hay != '\0'; hay++) {
		if (util_strncaseeq(hay, needle, nlen))
			return 1;
	}
	return 0;
}

static int
sources_cmp_name(const void *pa, const void *pb)
{
	const struct store_feed *a = pa, *b = pb;
	int c;

	c = util_strcasecmp(sources_name(a), sources_name(b));
	if (c != 0)
		return c;
	c = strcmp(sources_name(a), sources_name(b));
	if (c != 0)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

static int
sources_cmp_unread(const void *pa, const void *pb)
{
	const struct store_feed *a = pa, *b = pb;

	if (a->unread != b->unread)
		return a->unread > b->unread ? -1 : 1;
	return sources_cmp_name(pa, pb);
}

static int
sources_cmp_error(const void *pa, const void *pb)
{
	const struct store_feed *a = pa, *b = pb;
	int fa = a->last_error != NULL, fb = b->last_error != NULL;

	if (fa != fb)
		return fb - fa;
	return sources_cmp_name(pa, pb);
}

static void
sources_sort(struct sources *s)
{
	int (*cmp)(const void *, const void *);

	switch (s->sort) {
	case SOURCES_BY_UNREAD:
		cmp = sources_cmp_unread;
		break;
	case SOURCES_BY_ERROR:
		cmp = sources_cmp_error;
		break;
	default:
		cmp = sources_cmp_name;
		break;
	}
	if (s->list.n > 1)
		qsort(s->feeds, s->list.n, sizeof *s->feeds, cmp);
}

/* The row of feed id, or n. */
static size_t
sources_find(const struct sources *s, int64_t id)
{
	size_t i;

	for (i = 0; i < s->list.n; i++) {
		if (s->feeds[i].id == id)
			return i;
	}
	return s->list.n;
}

/*
 * Put feed id (if still there, else row fallback) back on the screen row
 * it had: after a reload or a sort.
 */
static void
sources_keep(struct view *v, int64_t id, size_t fallback, size_t screen_row)
{
	struct sources *s = v->data;
	size_t at;

	at = sources_find(s, id);
	view_list_place(
	    &s->list, v->rows, at < s->list.n ? at : fallback, screen_row);
}

/* Read every feed again; keeps the old list when the store fails. */
static void
sources_load(struct view *v)
{
	struct sources *s = v->data;
	struct store_feed *feeds;
	size_t n, i, row;
	int64_t id = 0;
	char *cause = NULL;

	s->stale = 0;
	if (store_feeds_counted(ui_store(v->ui), &feeds, &n, &cause) != 0) {
		ui_error(v->ui, "cannot read the sources: %s",
		    cause != NULL ? cause : "store error");
		free(cause);
		return;
	}
	if (s->list.n > 0 && s->list.sel < s->list.n)
		id = s->feeds[s->list.sel].id;
	row = view_list_screen_row(&s->list);
	store_feeds_free(s->feeds, s->list.n);
	s->feeds = feeds;
	s->list.n = n;
	s->failing = s->unread = 0;
	for (i = 0; i < n; i++) {
		if (feeds[i].last_error != NULL)
			s->failing++;
		if (feeds[i].unread > 0)
			s->unread += feeds[i].unread;
	}
	sources_sort(s);
	sources_keep(v, id, s->list.sel, row);
	v->dirty = 1;
}

/* Reload when an event or a write made the list stale. */
static void
sources_fresh(struct view *v)
{
	struct sources *s = v->data;

	if (s->stale)
		sources_load(v);
}

struct view *
view_sources_new(struct ui *ui)
{
	struct view *v;
	struct sources *s;

	v = xcalloc(1, sizeof *v);
	s = xcalloc(1, sizeof *s);
	v->ops = &sources_ops;
	v->ui = ui;
	v->data = s;
	v->dirty = 1;
	s->sort = SOURCES_BY_NAME;
	s->list.cursor = 1;
	sources_load(v);
	return v;
}

static void
sources_free(struct view *v)
{
	struct sources *s = v->data;

	if (s == NULL)
		return;
	store_feeds_free(s->feeds, s->list.n);
	free(s->remove_name);
	free(s);
	v->data = NULL;
}

static void
sources_title(struct view *v, char *out, size_t len, int64_t *unread)
{
	struct sources *s = v->data;
	int n;

	sources_fresh(v);
	n = snprintf(out, len, "Sources \xc2\xb7 %zu %s", s->list.n,
	    s->list.n == 1 ? "feed" : "feeds");
	if (s->failing > 0 && n >= 0 && (size_t)n < len) {
		snprintf(out + n, len - (size_t)n,
		    " \xc2\xb7 %" PRId64 " failing", s->failing);
	}
	*unread = s->unread;
}

/* "now", "3m", "5h", "2d", "1y" or "never": fits SOURCES_AGE_W. */
static void
sources_age(int64_t when, int64_t now, char *out, size_t len)
{
	int64_t d;

	if (when == STORE_NO_TIME) {
		snprintf(out, len, "never");
		return;
	}
	d = now - when;
	if (d < 60)
		snprintf(out, len, "now");
	else if (d < 3600)
		snprintf(out, len, "%" PRId64 "m", d / 60);
	else if (d < 86400)
		snprintf(out, len, "%" PRId64 "h", d / 3600);
	else if (d < 365 * 86400)
		snprintf(out, len, "%" PRId64 "d", d / 86400);
	else if (d / (365 * 86400) < 1000)
		snprintf(out, len, "%" PRId64 "y", d / (365 * 86400));
	else
		snprintf(out, len, "old");
}

/* Which columns fit, and how wide. */
struct sources_layout {
	int name_w;
	int count_w; /* 0: no count column */
	int age_w;   /* 0: no age column */
	int error_x; /* where error text starts; 0: no error column */
	int error_w;
};

static int
sources_count(const struct store_feed *f, char *out, size_t len)
{
	int n;

	n = snprintf(out, len, "%" PRId64 "/%" PRId64, f->unread, f->total);
	if (n < 0)
		return 0;
	return (size_t)n < len ? n : (int)len - 1;
}

static void
sources_layout(struct view *v, struct sources_layout *l)
{
	struct sources *s = v->data;
	char buf[SOURCES_COUNT_MAX + 1];
	const char *name;
	int cols = v->cols, name_max = 1, count_w = 0, w, fixed;
	size_t i;

	for (i = 0; i < s->list.n; i++) {
		w = sources_count(&s->feeds[i], buf, sizeof buf);
		if (w > count_w)
			count_w = w;
		name = sources_name(&s->feeds[i]);
		w = width_str(name, strlen(name));
		if (w > name_max)
			name_max = w;
	}
	memset(l, 0, sizeof *l);
	l->count_w = count_w;
	l->age_w = SOURCES_AGE_W;
	/* The mark, the name, a space and the count, then the age. */
	fixed = SOURCES_MARK_W + 1 + count_w + SOURCES_GAP + SOURCES_AGE_W;
	if (s->failing > 0 &&
	    cols - fixed - SOURCES_GAP - SOURCES_ERROR_MIN >=
		SOURCES_NAME_MIN) {
		/* Names get at most half of what is left to share. */
		w = cols - fixed - SOURCES_GAP - SOURCES_ERROR_MIN;
		if (w > (cols - fixed) / 2)
			w = (cols - fixed) / 2;
		if (w < SOURCES_NAME_MIN)
			w = SOURCES_NAME_MIN;
		l->name_w = name_max < w ? name_max : w;
		l->error_x = fixed + l->name_w + SOURCES_GAP;
		l->error_w = cols - l->error_x;
		return;
	}
	if (cols - fixed >= SOURCES_NAME_MIN) {
		w = cols - fixed;
		l->name_w = name_max < w ? name_max : w;
		return;
	}
	/* Too narrow for the age: drop it. */
	l->age_w = 0;
	fixed = SOURCES_MARK_W + 1 + count_w;
	if (cols - fixed >= SOURCES_NAME_MIN / 2) {
		w = cols - fixed;
		l->name_w = name_max < w ? name_max : w;
		return;
	}
	/* Then the count. */
	l->count_w = 0;
	l->name_w = cols - SOURCES_MARK_W;
	if (l->name_w < 0)
		l->name_w = 0;
}

/* An element's attribute, or the selection's on the selected row (with
 * the element's boldness, so that errors still stand out). */
static attr_t
sources_attr(struct ui *ui, int selected, enum config_color_id id)
{
	if (!selected)
		return ui_attr(ui, id);
	if (id == CONFIG_C_ERROR)
		return ui_attr(ui, CONFIG_C_SELECTED) |
		    (ui_attr(ui, id) & A_BOLD);
	return ui_attr(ui, CONFIG_C_SELECTED);
}

static void
sources_draw_row(struct view *v, int y, const struct store_feed *f,
    int selected, const struct sources_layout *l, int64_t now)
{
	struct ui *ui = v->ui;
	char count[SOURCES_COUNT_MAX + 1], age[16];
	const char *name, *mark = " ";
	enum config_color_id mark_id = CONFIG_C_MARK;
	int x, n, failing = f->last_error != NULL;

	ui_fill(ui, y, 0, v->cols, sources_attr(ui, selected, CONFIG_C_READ));
	if (f->disabled) {
		mark = "-";
		mark_id = CONFIG_C_DIM;
	} else if (failing) {
		mark = "!";
		mark_id = CONFIG_C_ERROR;
	}
	if (v->cols >= 1)
		ui_put(ui, y, 0, 1, mark, 1,
		    sources_attr(ui, selected, mark_id), 0);
	x = SOURCES_MARK_W;
	if (x >= v->cols)
		return;
	name = sources_name(f);
	ui_put(ui, y, x, l->name_w, name, strlen(name),
	    sources_attr(
		ui, selected, f->unread > 0 ? CONFIG_C_UNREAD : CONFIG_C_READ),
	    1);
	x += l->name_w + 1;
	if (l->count_w > 0) {
		n = sources_count(f, count, sizeof count);
		ui_put(ui, y, x + l->count_w - n, n, count, (size_t)n,
		    sources_attr(ui, selected, CONFIG_C_TIME), 0);
		x += l->count_w;
	}
	if (l->age_w > 0) {
		x += SOURCES_GAP;
		sources_age(f->last_success, now, age, sizeof age);
		n = (int)strlen(age);
		ui_put(ui, y, x + l->age_w - n, n, age, (size_t)n,
		    sources_attr(
			ui, selected, failing ? CONFIG_C_ERROR : CONFIG_C_TIME),
		    0);
	}
	if (failing && l->error_x > 0 && l->error_w > 0) {
		ui_put(ui, y, l->error_x, l->error_w, f->last_error,
		    strlen(f->last_error),
		    sources_attr(ui, selected, CONFIG_C_ERROR), 1);
	}
}

/* The empty state: one line when it fits, else three. */
static void
sources_draw_empty(struct view *v)
{
	static const char *const lines[] = { "No feeds.",
		"Add one with: orrery add URL,", "or orrery import FILE" };
	static const char one[] =
	    "No feeds. Add one with: orrery add URL, or orrery import FILE";
	struct ui *ui = v->ui;
	attr_t attr = ui_attr(ui, CONFIG_C_EMPTY);
	int y, w, i;

	y = v->top + (v->rows > 3 ? v->rows / 3 : 0);
	w = (int)strlen(one);
	if (w + 2 <= v->cols || v->rows < 3) {
		ui_put(ui, y, 1, v->cols - 1, one, strlen(one), attr, 1);
		return;
	}
	if (y + 3 > v->top + v->rows)
		y = v->top;
	for (i = 0; i < 3; i++)
		ui_put(ui, y + i, 1, v->cols - 1, lines[i], strlen(lines[i]),
		    attr, 1);
}

static void
sources_draw(struct view *v)
{
	struct sources *s = v->data;
	struct sources_layout l;
	int64_t now;
	size_t i;
	int y;

	sources_fresh(v);
	view_list_clamp(&s->list, v->rows);
	for (y = 0; y < v->rows; y++)
		ui_fill(v->ui, v->top + y, 0, v->cols,
		    ui_attr(v->ui, CONFIG_C_READ));
	if (v->cols <= 0 || v->rows <= 0)
		return;
	if (s->list.n == 0) {
		sources_draw_empty(v);
		return;
	}
	sources_layout(v, &l);
	now = (int64_t)time(NULL);
	for (y = 0; y < v->rows; y++) {
		if (view_list_at(&s->list, v->rows, y, &i) != 0)
			break;
		sources_draw_row(
		    v, v->top + y, &s->feeds[i], i == s->list.sel, &l, now);
	}
}

static const struct store_feed *
sources_selected(struct view *v)
{
	struct sources *s = v->data;

	if (s->list.n == 0 || s->list.sel >= s->list.n) {
		ui_message(v->ui, "No source selected");
		return NULL;
	}
	return &s->feeds[s->list.sel];
}

static void
sources_open(struct view *v)
{
	const struct store_feed *f;
	struct store_filter filter;

	f = sources_selected(v);
	if (f == NULL)
		return;
	memset(&filter, 0, sizeof filter);
	filter.feed_id = f->id;
	ui_push(v->ui, view_planet_new(v->ui, &filter, sources_name(f)));
}

static void
sources_cycle_sort(struct view *v)
{
	struct sources *s = v->data;
	int64_t id = 0;
	size_t row;

	if (s->list.n > 0)
		id = s->feeds[s->list.sel].id;
	row = view_list_screen_row(&s->list);
	switch (s->sort) {
	case SOURCES_BY_NAME:
		s->sort = SOURCES_BY_UNREAD;
		ui_message(v->ui, "Sources sorted by unread count");
		break;
	case SOURCES_BY_UNREAD:
		s->sort = SOURCES_BY_ERROR;
		ui_message(v->ui, "Sources sorted by error, failing first");
		break;
	default:
		s->sort = SOURCES_BY_NAME;
		ui_message(v->ui, "Sources sorted by name");
		break;
	}
	sources_sort(s);
	sources_keep(v, id, s->list.sel, row);
	v->dirty = 1;
}

static void
sources_remove_done(struct view *v, int yes)
{
	struct sources *s = v->data;
	char *cause = NULL, *name;

	name = s->remove_name;
	s->remove_name = NULL;
	if (!yes || name == NULL) {
		free(name);
		return;
	}
	if (store_feed_remove(ui_store(v->ui), s->remove_id, &cause) != 0) {
		ui_error(v->ui, "cannot remove %s: %s", name,
		    cause != NULL ? cause : "store error");
		free(cause);
		free(name);
		return;
	}
	s->stale = 1;
	ui_reload_all(v->ui);
	ui_message(v->ui, "Removed %s", name);
	free(name);
}

static void
sources_remove(struct view *v)
{
	struct sources *s = v->data;
	const struct store_feed *f;
	char *q;

	f = sources_selected(v);
	if (f == NULL)
		return;
	free(s->remove_name);
	s->remove_name = xstrdup(sources_name(f));
	s->remove_id = f->id;
	q = xasprintf("Remove %s and its %" PRId64 " %s? (y/n)", s->remove_name,
	    f->total, f->total == 1 ? "entry" : "entries");
	ui_confirm(v->ui, q, sources_remove_done, v);
	free(q);
}

/* The next (dir 1) or previous (dir -1) source whose name contains the
 * last search, count times, wrapping. */
static void
sources_match(struct view *v, int dir, long count)
{
	struct sources *s = v->data;
	const char *q;
	size_t i, k, qlen, at;
	long found;

	q = ui_search(v->ui);
	if (q == NULL || *q == '\0') {
		ui_message(v->ui, "No search yet");
		return;
	}
	if (s->list.n == 0) {
		ui_message(v->ui, "No sources");
		return;
	}
	qlen = strlen(q);
	/* A query written for the entry search: "a phrase", prefix*. */
	if (qlen >= 2 && q[0] == '"' && q[qlen - 1] == '"') {
		q++;
		qlen -= 2;
	} else if (qlen >= 2 && q[qlen - 1] == '*')
		qlen--;
	if (count < 1)
		count = 1;
	at = i = s->list.sel;
	for (found = 0; found < count; found++) {
		for (k = 1; k <= s->list.n; k++) {
			if (dir > 0)
				i = (at + k) % s->list.n;
			else
				i = (at + s->list.n - k % s->list.n) %
				    s->list.n;
			if (sources_contains(
				sources_name(&s->feeds[i]), q, qlen))
				break;
		}
		if (k > s->list.n)
			break;
		at = i;
	}
	if (found == 0) {
		ui_message(v->ui, "No source matches \"%.*s\"", (int)qlen, q);
		return;
	}
	view_list_goto(&s->list, v->rows, at);
	v->dirty = 1;
}

static int
sources_action(struct view *v, enum keys_action a, long count)
{
	struct sources *s = v->data;
	const struct store_feed *f;

	sources_fresh(v);
	/* Moving, paging; 5g and 5G go to the fifth source, as in vi. */
	if (view_list_key(&s->list, v->rows, a, count)) {
		v->dirty = 1;
		return 1;
	}
	switch (a) {
	case KEYS_A_OPEN:
		sources_open(v);
		return 1;
	case KEYS_A_SORT:
		sources_cycle_sort(v);
		return 1;
	case KEYS_A_REFRESH_FEED:
		f = sources_selected(v);
		if (f != NULL)
			ui_refresh(v->ui, f->id);
		return 1;
	case KEYS_A_REMOVE_FEED:
		sources_remove(v);
		return 1;
	case KEYS_A_NEXT_MATCH:
		sources_match(v, 1, count);
		return 1;
	case KEYS_A_PREV_MATCH:
		sources_match(v, -1, count);
		return 1;
	case KEYS_A_BROWSER:
		f = sources_selected(v);
		if (f == NULL)
			return 1;
		if (f->site_link != NULL && *f->site_link != '\0')
			ui_open_url(v->ui, f->site_link);
		else
			ui_open_url(v->ui, f->url);
		return 1;
	case KEYS_A_COPY_LINK:
		f = sources_selected(v);
		if (f != NULL)
			ui_copy(v->ui, f->url);
		return 1;
	default:
		return 0;
	}
}

static void
sources_event(struct view *v, const struct view_event *ev)
{
	struct sources *s = v->data;

	if (ev->type == VIEW_FEEDS_CHANGED) {
		/* Read at the next use: a batch of events costs one reload. */
		s->stale = 1;
		v->dirty = 1;
	}
}

static void
sources_reload(struct view *v)
{
	sources_load(v);
}

static void
sources_resize(struct view *v)
{
	struct sources *s = v->data;

	view_list_clamp(&s->list, v->rows);
	v->dirty = 1;
}

static void
sources_mouse(struct view *v, enum view_mouse m, int row)
{
	struct sources *s = v->data;
	size_t i;

	sources_fresh(v);
	switch (m) {
	case VIEW_CLICK:
	case VIEW_DOUBLE_CLICK:
		if (view_list_at(&s->list, v->rows, row, &i) != 0)
			return;
		s->list.sel = i;
		v->dirty = 1;
		if (m == VIEW_DOUBLE_CLICK)
			sources_open(v);
		break;
	case VIEW_WHEEL_UP:
		view_list_move(&s->list, v->rows, -VIEW_LIST_WHEEL, 1);
		v->dirty = 1;
		break;
	case VIEW_WHEEL_DOWN:
		view_list_move(&s->list, v->rows, VIEW_LIST_WHEEL, 1);
		v->dirty = 1;
		break;
	}
}
