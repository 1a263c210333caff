/*
 * view_help: the `?` screen.  Lists every action that works in the view
 * it was opened from, with the keys bound to it now (the defaults with
 * the [keys] section over them) and what it does.  Read-only; scrolls.
 */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct help {
	unsigned context;
	char **lines;
	size_t nlines;
	size_t scroll;
};

static void
help_add(struct help *h, size_t *alloc, char *line)
{
	if (h->nlines == *alloc) {
		*alloc = *alloc == 0 ? 64 : *alloc * 2;
		h->lines = xreallocarray(h->lines, *alloc, sizeof *h->lines);
	}
	h->lines[h->nlines++] = line;
}

static void
help_build(struct view *v)
{
	struct help *h = v->data;
	const struct keys_info *ki;
	char keys[256];
	size_t alloc = 0;
	int a;

	help_add(h, &alloc, xstrdup(""));
	for (a = KEYS_NONE + 1; a < KEYS_NACTIONS; a++) {
		ki = keys_info((enum keys_action)a);
		if ((ki->contexts & h->context) == 0)
			continue;
		keys_describe(
		    ui_keys(v->ui), (enum keys_action)a, keys, sizeof keys);
		help_add(h, &alloc,
		    xasprintf("%-20s %-14s %s", keys[0] != '\0' ? keys : "-",
			ki->name, ki->help));
	}
	help_add(h, &alloc, xstrdup(""));
	help_add(h, &alloc,
	    xstrdup("A number before a key repeats it or picks a link (3o)."));
	help_add(h, &alloc,
	    xstrdup(
		"Keys are set in [keys] of config.ini: see orrery.ini(5)."));
}

static void
help_title(struct view *v, char *out, size_t len, int64_t *unread)
{
	struct help *h = v->data;

	snprintf(out, len, "Keys in the %s \xc2\xb7 q to go back",
	    h->context == KEYS_IN_PAGER		? "pager"
		: h->context == KEYS_IN_SOURCES ? "sources view"
						: "Planet view");
	*unread = -1;
}

static void
help_draw(struct view *v)
{
	struct help *h = v->data;
	size_t l;
	int y;

	for (y = 0; y < v->rows; y++) {
		move(v->top + y, 0);
		clrtoeol();
		l = h->scroll + (size_t)y;
		if (l < h->nlines)
			ui_put(v->ui, v->top + y, 1, v->cols - 1, h->lines[l],
			    strlen(h->lines[l]), A_NORMAL, 1);
	}
}

static int
help_action(struct view *v, enum keys_action a, long count)
{
	struct help *h = v->data;
	size_t max, n = count > 0 ? (size_t)count : 1;
	size_t page = v->rows > 1 ? (size_t)v->rows - 1 : 1;

	max = h->nlines > (size_t)v->rows ? h->nlines - (size_t)v->rows : 0;
	switch (a) {
	case KEYS_A_DOWN:
		h->scroll += n;
		break;
	case KEYS_A_UP:
		h->scroll = h->scroll > n ? h->scroll - n : 0;
		break;
	case KEYS_A_PAGE_DOWN:
	case KEYS_A_HALF_DOWN:
		h->scroll += a == KEYS_A_PAGE_DOWN ? page : (page + 1) / 2;
		break;
	case KEYS_A_PAGE_UP:
	case KEYS_A_HALF_UP:
		n = a == KEYS_A_PAGE_UP ? page : (page + 1) / 2;
		h->scroll = h->scroll > n ? h->scroll - n : 0;
		break;
	case KEYS_A_TOP:
		h->scroll = 0;
		break;
	case KEYS_A_BOTTOM:
		h->scroll = max;
		break;
	case KEYS_A_HELP:
		/* ? again closes it. */
		ui_pop(v->ui);
		return 1;
	default:
		return 0;
	}
	if (h->scroll > max)
		h->scroll = max;
	v->dirty = 1;
	return 1;
}

static void
help_mouse(struct view *v, enum view_mouse what, int row)
{
	if (what == VIEW_WHEEL_UP)
		help_action(v, KEYS_A_UP, 3);
	else if (what == VIEW_WHEEL_DOWN)
		help_action(v, KEYS_A_DOWN, 3);
}

static void
help_free(struct view *v)
{
	struct help *h = v->data;
	size_t i;

	for (i = 0; i < h->nlines; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h);
}

static const struct view_ops help_ops = {
	/* Movement keys are the same in every view. */
	.context = KEYS_IN_PLANET,
	.title = help_title,
	.draw = help_draw,
	.action = help_action,
	.mouse = help_mouse,
	.free = help_free,
};

struct view *
view_help_new(struct ui *ui, unsigned context)
{
	struct view *v;
	struct help *h;

	h = xcalloc(1, sizeof *h);
	h->context = context != 0 ? context : KEYS_IN_PLANET;
	v = xcalloc(1, sizeof *v);
	v->ops = &help_ops;
	v->ui = ui;
	v->data = h;
	v->dirty = 1;
	help_build(v);
	return v;
}
