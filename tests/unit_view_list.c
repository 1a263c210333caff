/*
 * unit_view_list: the list arithmetic the sources, help and pager views
 * share (view_list.c): moving, paging, top and bottom with and without a
 * count, clamping after the list shrank, putting a selection back on its
 * screen row, mouse rows, and a list that only scrolls.  Owns nothing but
 * the cases; the expected values are worked out by hand.
 */
#include "view_list.h"

#include <stdint.h>
#include <stdio.h>

#include "check.h"

/* A list of n rows with a cursor at sel, top shown first. */
static struct view_list
list_at(size_t n, size_t sel, size_t top)
{
	struct view_list l = { n, sel, top, 1 };

	return l;
}

/* Did l end at sel and top? */
static void
expect(const char *name, const struct view_list *l, size_t sel, size_t top)
{
	check(l->sel == sel && l->top == top, name,
	    "sel %zu top %zu, want %zu %zu", l->sel, l->top, sel, top);
}

static void
test_keys(void)
{
	struct view_list l;
	int r;

	l = list_at(100, 0, 0);
	view_list_key(&l, 10, KEYS_A_DOWN, 0);
	expect("down one", &l, 1, 0);
	l = list_at(100, 0, 0);
	view_list_key(&l, 10, KEYS_A_DOWN, 10);
	expect("10 down: the screen follows only as far as it must", &l, 10, 1);
	l = list_at(100, 0, 0);
	view_list_key(&l, 10, KEYS_A_UP, 3);
	expect("up at the top stays", &l, 0, 0);
	l = list_at(100, 0, 0);
	view_list_key(&l, 10, KEYS_A_PAGE_DOWN, 0);
	expect("a page down moves the screen with it", &l, 10, 10);
	l = list_at(100, 0, 0);
	view_list_key(&l, 10, KEYS_A_PAGE_DOWN, 20);
	expect("20 pages down end on the last page", &l, 99, 90);
	l = list_at(100, 50, 45);
	view_list_key(&l, 10, KEYS_A_HALF_UP, 0);
	expect("half a page up", &l, 45, 40);
	l = list_at(100, 3, 0);
	view_list_key(&l, 10, KEYS_A_BOTTOM, 0);
	expect("G: the last row", &l, 99, 90);
	view_list_key(&l, 10, KEYS_A_TOP, 5);
	expect("5g: the fifth row", &l, 4, 4);
	view_list_key(&l, 10, KEYS_A_BOTTOM, 1000);
	expect("1000G past the end: the last row", &l, 99, 90);
	view_list_key(&l, 10, KEYS_A_TOP, 0);
	expect("g: the first row", &l, 0, 0);
	l = list_at(100, 0, 0);
	view_list_key(&l, 0, KEYS_A_PAGE_DOWN, 0);
	expect("no rows on screen count as one", &l, 1, 1);
	l = list_at(0, 0, 0);
	r = view_list_key(&l, 10, KEYS_A_BOTTOM, 0);
	check(r == 1 && l.sel == 0 && l.top == 0, "an empty list stays put",
	    "r %d sel %zu top %zu", r, l.sel, l.top);
	l = list_at(100, 7, 2);
	r = view_list_key(&l, 10, KEYS_A_OPEN, 0);
	check(r == 0 && l.sel == 7 && l.top == 2,
	    "other keys are not the list's", "r %d sel %zu top %zu", r, l.sel,
	    l.top);
}

static void
test_place(void)
{
	struct view_list l;
	size_t i = 0;

	l = list_at(100, 0, 0);
	view_list_move(&l, 10, 3, 1);
	expect("the wheel moves the screen too", &l, 3, 3);
	l = list_at(100, 50, 45);
	l.n = 20;
	view_list_clamp(&l, 10);
	expect("clamped after the list shrank", &l, 19, 10);
	l = list_at(100, 0, 0);
	view_list_place(&l, 10, 50, 3);
	expect("placed on its screen row", &l, 50, 47);
	check(view_list_screen_row(&l) == 3, "its screen row", "%zu",
	    view_list_screen_row(&l));
	view_list_place(&l, 10, 98, 0);
	expect("placed near the end: the last page stays full", &l, 98, 90);
	view_list_place(&l, 10, 500, 2);
	expect("placed past the end: the last row", &l, 99, 90);
	l = list_at(100, 10, 10);
	check(view_list_at(&l, 10, 3, &i) == 0 && i == 13,
	    "a mouse row is a list row", "i %zu", i);
	check_why(view_list_at(&l, 10, 10, &i) == -1 &&
		view_list_at(&l, 10, -1, &i) == -1,
	    "rows off the screen are none", "");
	l = list_at(12, 0, 10);
	check_why(view_list_at(&l, 10, 2, &i) == -1,
	    "rows past the end are none", "");
}

static void
test_scroll(void)
{
	struct view_list l = { 30, 0, 0, 0 };

	view_list_key(&l, 10, KEYS_A_DOWN, 5);
	check(l.top == 5, "scrolling: 5 down", "top %zu", l.top);
	view_list_key(&l, 10, KEYS_A_BOTTOM, 0);
	check(l.top == 20, "scrolling: G ends on the last line", "top %zu",
	    l.top);
	view_list_key(&l, 10, KEYS_A_TOP, 7);
	check(l.top == 6, "scrolling: 7g shows line 7 first", "top %zu", l.top);
	view_list_key(&l, 10, KEYS_A_UP, 100);
	check(l.top == 0, "scrolling: up past the top", "top %zu", l.top);
	view_list_key(&l, 10, KEYS_A_HALF_DOWN, 0);
	check(l.top == 5, "scrolling: half a page", "top %zu", l.top);
	view_list_goto(&l, 0, SIZE_MAX);
	check(l.top == 30, "scrolling with no rows: past every line", "top %zu",
	    l.top);
	l.n = 8;
	view_list_clamp(&l, 10);
	check(l.top == 0, "scrolling: a short text shows from the top",
	    "top %zu", l.top);
}

int
main(void)
{
	check_begin("view_list");
	test_keys();
	test_place();
	test_scroll();
	return check_done();
}
