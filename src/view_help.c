/*
 * view_help: the `?` screen.  Lists every action that works in the view
 * it was opened from, with the keys bound to it now (the defaults with
 * the [keys] section over them) and what it does, laid out for the width
 * (keys, name and description in columns; on a narrow screen the
 * description wrapped under its keys) and laid out again on a resize.
 * Read-only; scrolls.
 */
#include "view.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"
#include "view_list.h"
#include "width.h"

/* The key column's width, and the fewest columns a description keeps
 * beside the keys before it goes under them. */
#define HELP_KEYS 20
#define HELP_NAME 14
#define HELP_MIN_TEXT 24

struct help_item {
	char *keys; /* "" for a line of prose */
	const char *name;
	const char *text;
	char *own; /* text when the item owns it */
};

struct help {
	unsigned context;
	struct help_item *items;
	size_t nitems;
	int width; /* the width the lines were laid out for, 0: not yet */
	char **lines;
	size_t *line_item; /* the item each line belongs to */
	size_t alloc;
	struct view_list list; /* one row per line, n of them; no cursor */
};

static void
help_add(struct help *h, size_t item, char *line)
{
	if (h->list.n == h->alloc) {
		h->alloc = h->alloc == 0 ? 64 : h->alloc * 2;
		h->lines = xreallocarray(h->lines, h->alloc, sizeof *h->lines);
		h->line_item =
		    xreallocarray(h->line_item, h->alloc, sizeof *h->line_item);
	}
	h->line_item[h->list.n] = item;
	h->lines[h->list.n++] = line;
}

static void
help_item(struct help *h, size_t *alloc, const char *keys, const char *name,
    const char *text)
{
	struct help_item *it;

	if (h->nitems == *alloc) {
		*alloc = *alloc == 0 ? 64 : *alloc * 2;
		h->items = xreallocarray(h->items, *alloc, sizeof *h->items);
	}
	it = &h->items[h->nitems++];
	it->keys = xstrdup(keys);
	it->name = name;
	it->own = name == NULL ? xstrdup(text) : NULL;
	it->text = it->own != NULL ? it->own : text;
}

/* Append spaces until b's last line is col columns wide. */
static void
help_pad(struct buf *b, size_t start, int col)
{
	int w = b->len > start ? width_str(b->data + start, b->len - start) : 0;

	for (; w < col; w++)
		(void)buf_addc(b, ' ');
}

/*
 * Lay text out in lines of at most width columns, the first one after
 * what b holds (the keys), every line from column indent; each line goes
 * to the help as item's.  Breaks at spaces, else mid-word.
 */
static void
help_wrap(struct help *h, size_t item, struct buf *b, const char *text,
    int indent, int width)
{
	const char *p = text, *space, *end;
	size_t start = 0, n;
	int room = width - indent;

	if (room < 8)
		room = 8;
	do {
		help_pad(b, start, indent);
		/* The longest run of p that fits, ending at a space. */
		end = p;
		space = NULL;
		while (*end != '\0' &&
		    width_str(p, (size_t)(end - p + 1)) <= room) {
			if (*end == ' ')
				space = end;
			end++;
		}
		if (*end != '\0' && space != NULL && space > p)
			end = space;
		else if (end == p && *end != '\0')
			end = p + 1; /* one character wider than the room */
		while (end > p && ((unsigned char)*end & 0xc0) == 0x80)
			end--; /* not inside a character */
		if (end == p)
			end = p + 1;
		n = (size_t)(end - p);
		(void)buf_add(b, p, n);
		p = end;
		while (*p == ' ')
			p++;
		help_add(h, item, buf_detach(b, NULL));
		start = 0;
	} while (*p != '\0');
}

/* The lines for width columns: keys, name and text side by side when the
 * text keeps HELP_MIN_TEXT columns there, else the text under the keys. */
static void
help_layout(struct help *h, int width)
{
	const struct help_item *it;
	struct buf b;
	size_t i;
	int wide = width - (HELP_KEYS + 1 + HELP_NAME + 1) >= HELP_MIN_TEXT;

	for (i = 0; i < h->list.n; i++)
		free(h->lines[i]);
	h->list.n = 0;
	h->width = width;
	for (i = 0; i < h->nitems; i++) {
		it = &h->items[i];
		buf_init(&b, 0);
		if (it->name == NULL) {
			if (*it->text == '\0')
				help_add(h, i, xstrdup(""));
			else
				help_wrap(h, i, &b, it->text, 0, width);
		} else if (wide) {
			(void)buf_addstr(&b, it->keys);
			help_pad(&b, 0, HELP_KEYS);
			(void)buf_addc(&b, ' ');
			(void)buf_addstr(&b, it->name);
			help_pad(&b, 0, HELP_KEYS + 1 + HELP_NAME);
			(void)buf_addc(&b, ' ');
			help_wrap(h, i, &b, it->text,
			    HELP_KEYS + 1 + HELP_NAME + 1, width);
		} else {
			(void)buf_addstr(&b, it->keys);
			(void)buf_addstr(&b, "  ");
			(void)buf_addstr(&b, it->name);
			help_add(h, i, buf_detach(&b, NULL));
			help_wrap(h, i, &b, it->text, 4, width);
		}
		buf_free(&b);
	}
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

	help_item(h, &alloc, "", NULL, "");
	for (a = KEYS_NONE + 1; a < KEYS_NACTIONS; a++) {
		ki = keys_info((enum keys_action)a);
		if ((ki->contexts & h->context) == 0)
			continue;
		keys_describe(
		    ui_keys(v->ui), (enum keys_action)a, keys, sizeof keys);
		help_item(h, &alloc, keys[0] != '\0' ? keys : "-", ki->name,
		    help_text(h->context, (enum keys_action)a, ki->help));
	}
	help_item(h, &alloc, "", NULL, "");
	help_item(h, &alloc, "", NULL,
	    "A number before a key repeats it or picks a link (3o).");
	help_item(h, &alloc, "", NULL,
	    "Keys are set in [keys] of config.ini: see orrery.ini(5).");
}

/* Lay the lines out for the view's width, the first line shown staying
 * on the item it showed. */
static void
help_fit(struct view *v)
{
	struct help *h = v->data;
	size_t item, i;

	if (v->cols - 1 == h->width || v->cols < 2)
		return;
	item = h->list.n > 0 && h->list.top < h->list.n
	    ? h->line_item[h->list.top]
	    : 0;
	help_layout(h, v->cols - 1);
	for (i = 0; i < h->list.n && h->line_item[i] < item; i++)
		;
	h->list.top = i;
	view_list_clamp(&h->list, v->rows);
	v->dirty = 1;
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

	help_fit(v);
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

	help_fit(v);
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
	free(h->line_item);
	for (i = 0; i < h->nitems; i++) {
		free(h->items[i].keys);
		free(h->items[i].own);
	}
	free(h->items);
	free(h);
}

static const struct view_ops help_ops = {
	/* Movement keys are the same in every view. */
	.context = KEYS_IN_PLANET,
	.title = help_title,
	.draw = help_draw,
	.action = help_action,
	.mouse = help_mouse,
	.resize = help_fit,
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
