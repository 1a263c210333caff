/*
 * view_list: where a view is in a list of rows it shows in its own rows:
 * the first row shown and, for a list with a cursor, the selected row.
 * The arithmetic of moving, paging, going to a row, clamping after the
 * list or the window changed, and which row a mouse row is on, shared by
 * the sources, help and pager views.  Pure: it owns no rows and neither
 * draws nor reads the store; the view owns the rows, keeps n equal to
 * their number and passes its rows on screen to every call.  The Planet
 * view's keyset window is not a list of this kind.
 *
 * A list with a cursor (cursor set) keeps the selection inside the list
 * and on the screen, and counts at least one row on screen; a list
 * without one only scrolls, and its last page ends on its last row.
 */
#ifndef ORRERY_VIEW_LIST_H
#define ORRERY_VIEW_LIST_H

#include <stddef.h>

#include "keys.h"

/* The mouse wheel moves this many rows. */
#define VIEW_LIST_WHEEL 3

struct view_list {
	size_t n;   /* rows in the list */
	size_t sel; /* the selected row (with a cursor) */
	size_t top; /* the first row shown */
	int cursor; /* 1: rows are selected; 0: the list only scrolls */
};

/* Put the selection back inside the list and on the screen; without a
 * cursor, the last page back to end on the last row at the latest. */
void view_list_clamp(struct view_list *, int rows);

/*
 * Move by delta rows: the selection, and the first row shown with it when
 * scroll is set (a page, the wheel), else only as far as the selection
 * needs; without a cursor, the first row shown.  Nothing happens to an
 * empty list with a cursor.
 */
void view_list_move(struct view_list *, int rows, long delta, int scroll);

/* Go to row (past the end: the last row, or the last page without a
 * cursor). */
void view_list_goto(struct view_list *, int rows, size_t row);

/* Select row and show it on screen row screen_row when the list allows:
 * put a selection back where it was after a reload or a sort. */
void view_list_place(
    struct view_list *, int rows, size_t row, size_t screen_row);

/* The screen row of the selection (0 when it is above the screen). */
size_t view_list_screen_row(const struct view_list *);

/* The list row on screen row row (0 .. rows-1): 0 and *i, or -1 when no
 * row of the list is there. */
int view_list_at(const struct view_list *, int rows, int row, size_t *i);

/*
 * The movement keys, count times (count 0: once): down, up, a page (the
 * rows on screen), half a page, and top and bottom, which with a count go
 * to row count as vi's 5G does.  Returns 1 when a is one of them (the view
 * redraws), 0 otherwise.
 */
int view_list_key(struct view_list *, int rows, enum keys_action, long count);

#endif /* ORRERY_VIEW_LIST_H */
