/*
 * view_help: the `?` screen.  Lists every action that works in the view
 * it was opened from, with the keys bound to it now (the defaults with
 * the [keys] section over them) and what it does.  Read-only; scrolls.
 */
#include "view.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "view_list.h"

struct help {
	unsigned context;
	char **lines;
	struct view_list list; /* one row per line, n of them; no cursor */
};

static void
help_add(struct help *h, size_t *alloc, char *line)
{
	if (h->list.n == *alloc) {
		*alloc = *alloc == 0 ? 64 : *alloc * 2;
		h->lines = xreallocarray(h->lines, *alloc, sizeof *h->lines);
	}
	h->lines[h->list.n++] = line;
}

/* What an action does in the view the help is for: the sources view
 * has feeds where the others have entries. */
static const char *
help_text(unsigned context, enum keys_action a, const char *help)
{
	if (context != KEYS_IN_SOURCES)
		return help;
	switch (a) {
	case KEYS_A_OPEN:
		return "show the selected source's posts (and its last error)";
	case KEYS_A_REFRESH_FEED:
		return "refresh the selected source";
	case KEYS_A_BROWSER:
		return "open the source's site (else its feed) in the browser";
	case KEYS_A_COPY_LINK:
		return "copy the source's feed address to the clipboard";
	default:
		return help;
	}
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
			ki->name,
			help_text(h->context, (enum keys_action)a, ki->help)));
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
		if (view_list_at(&h->list, v->rows, y, &l) == 0)
			ui_put(v->ui, v->top + y, 1, v->cols - 1, h->lines[l],
			    strlen(h->lines[l]), A_NORMAL, 1);
	}
}

static int
help_action(struct view *v, enum keys_action a, long count)
{
	struct help *h = v->data;
	/* A page keeps a line of the one before; only lines take a count. */
	long n = count > 0 ? count : 1, page = v->rows > 1 ? v->rows - 1 : 1;
	long delta = 0;

	switch (a) {
	case KEYS_A_DOWN:
		delta = n;
		break;
	case KEYS_A_UP:
		delta = -n;
		break;
	case KEYS_A_PAGE_DOWN:
		delta = page;
		break;
	case KEYS_A_PAGE_UP:
		delta = -page;
		break;
	case KEYS_A_HALF_DOWN:
		delta = (page + 1) / 2;
		break;
	case KEYS_A_HALF_UP:
		delta = -((page + 1) / 2);
		break;
	case KEYS_A_TOP:
		view_list_goto(&h->list, v->rows, 0);
		break;
	case KEYS_A_BOTTOM:
		view_list_goto(&h->list, v->rows, SIZE_MAX);
		break;
	case KEYS_A_HELP:
		/* ? again closes it. */
		ui_pop(v->ui);
		return 1;
	default:
		return 0;
	}
	if (delta != 0)
		view_list_move(&h->list, v->rows, delta, 1);
	v->dirty = 1;
	return 1;
}

static void
help_mouse(struct view *v, enum view_mouse what, int row)
{
	if (what == VIEW_WHEEL_UP)
		help_action(v, KEYS_A_UP, VIEW_LIST_WHEEL);
	else if (what == VIEW_WHEEL_DOWN)
		help_action(v, KEYS_A_DOWN, VIEW_LIST_WHEEL);
}

static void
help_free(struct view *v)
{
	struct help *h = v->data;
	size_t i;

	for (i = 0; i < h->list.n; i++)
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

int
view_help_is(const struct view *v)
{
	return v->ops == &help_ops;
}
