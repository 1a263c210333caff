/*
 * view_list: the selection and scroll arithmetic of the list views (see
 * view_list.h).  Owns nothing but that arithmetic; must not draw, include
 * curses or know what the rows are.
 */
#include "view_list.h"

#include <stdint.h>

/* A list with a cursor no longer than this: a huge count cannot overflow
 * count * rows. */
#define VIEW_LIST_COUNT_MAX 10000000L

/* The rows on screen a list with a cursor counts: at least one. */
static size_t
view_list_page(int rows)
{
	return rows > 0 ? (size_t)rows : 1;
}

/* The last first row of a list without a cursor. */
static size_t
view_list_last_top(const struct view_list *l, int rows)
{
	size_t r = rows > 0 ? (size_t)rows : 0;

	return l->n > r ? l->n - r : 0;
}

/* |delta|, for any long. */
static size_t
view_list_abs(long delta)
{
	if (delta >= 0)
		return (size_t)delta;
	return (size_t) - (delta + 1) + 1;
}

void
view_list_clamp(struct view_list *l, int rows)
{
	size_t page = view_list_page(rows), last;

	if (!l->cursor) {
		last = view_list_last_top(l, rows);
		if (l->top > last)
			l->top = last;
		return;
	}
	if (l->n == 0) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->top + page > l->n)
		l->top = l->n > page ? l->n - page : 0;
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + page)
		l->top = l->sel - page + 1;
}

/* Move the first row shown of a list without a cursor. */
static void
view_list_scroll(struct view_list *l, int rows, long delta)
{
	size_t d = view_list_abs(delta);

	if (delta < 0)
		l->top = d > l->top ? 0 : l->top - d;
	else
		l->top = d > SIZE_MAX - l->top ? SIZE_MAX : l->top + d;
	view_list_clamp(l, rows);
}

void
view_list_move(struct view_list *l, int rows, long delta, int scroll)
{
	size_t page = view_list_page(rows), d = view_list_abs(delta), last;

	if (!l->cursor) {
		view_list_scroll(l, rows, delta);
		return;
	}
	if (l->n == 0)
		return;
	if (delta < 0) {
		l->sel = d > l->sel ? 0 : l->sel - d;
		if (scroll)
			l->top = d > l->top ? 0 : l->top - d;
	} else {
		l->sel = d >= l->n - l->sel ? l->n - 1 : l->sel + d;
		if (scroll) {
			last = l->n > page ? l->n - page : 0;
			l->top = d >= last - l->top ? last : l->top + d;
		}
	}
	view_list_clamp(l, rows);
}

void
view_list_goto(struct view_list *l, int rows, size_t row)
{
	if (!l->cursor) {
		l->top = row;
		view_list_clamp(l, rows);
		return;
	}
	if (l->n == 0)
		return;
	l->sel = row < l->n ? row : l->n - 1;
	view_list_clamp(l, rows);
}

void
view_list_place(struct view_list *l, int rows, size_t row, size_t screen_row)
{
	l->sel = row;
	if (l->n > 0 && l->sel >= l->n)
		l->sel = l->n - 1;
	l->top = l->sel >= screen_row ? l->sel - screen_row : 0;
	view_list_clamp(l, rows);
}

size_t
view_list_screen_row(const struct view_list *l)
{
	return l->sel >= l->top ? l->sel - l->top : 0;
}

int
view_list_at(const struct view_list *l, int rows, int row, size_t *i)
{
	if (row < 0 || row >= rows || l->top + (size_t)row >= l->n)
		return -1;
	*i = l->top + (size_t)row;
	return 0;
}

int
view_list_key(struct view_list *l, int rows, enum keys_action a, long count)
{
	long n = count > 0 ? count : 1, page = (long)view_list_page(rows);
	long step;
	int scroll = 1;

	switch (a) {
	case KEYS_A_DOWN:
	case KEYS_A_UP:
		step = 1;
		scroll = 0;
		break;
	case KEYS_A_PAGE_DOWN:
	case KEYS_A_PAGE_UP:
		step = page;
		break;
	case KEYS_A_HALF_DOWN:
	case KEYS_A_HALF_UP:
		step = page > 1 ? page / 2 : 1;
		break;
	case KEYS_A_TOP:
		view_list_goto(l, rows, count > 0 ? (size_t)count - 1 : 0);
		return 1;
	case KEYS_A_BOTTOM:
		view_list_goto(
		    l, rows, count > 0 ? (size_t)count - 1 : SIZE_MAX);
		return 1;
	default:
		return 0;
	}
	if (n > VIEW_LIST_COUNT_MAX)
		n = VIEW_LIST_COUNT_MAX;
	if (a == KEYS_A_UP || a == KEYS_A_PAGE_UP || a == KEYS_A_HALF_UP)
		n = -n;
	view_list_move(l, rows, n * step, scroll);
	return 1;
}
