/*
 * ui_mouse: the mouse in the reader (mouse = yes).  Reports come in the
 * SGR 1006 encoding, which has no column limit (the legacy X10 one ends
 * at column 223): through ncurses when the terminal's description says
 * so (kmous \E[<, enabled by its XM), else enabled here with the escape
 * sequences and parsed here.  Curses code only; the UI thread only.
 */
#ifndef ORRERY_UI_MOUSE_H
#define ORRERY_UI_MOUSE_H

#include <wchar.h>

/* What get_wch returns (KEY_CODE_YES) for the start of an SGR report
 * that ncurses leaves to us. */
#define UI_MOUSE_SGR_KEY 0x7f01

struct ui_mouse_report {
	int button; /* 0 left, 1 middle, 2 right, 64/65 wheel up/down */
	int x, y;   /* 0-based screen cell */
	int press;  /* 1 press, 0 release */
	int motion; /* a drag: ignored */
	int twice;  /* a left press that makes a double click */
};

/* Turn the mouse on after newterm(); returns 1 when ncurses reads the
 * reports itself (getmouse), 0 when they come as UI_MOUSE_SGR_KEY. */
int ui_mouse_start(void);
/* Reports off (before a terminal program takes the screen) and on
 * again; off for good, before endwin at the end (SIGTSTP's handler back
 * as it was). */
void ui_mouse_pause(void);
void ui_mouse_resume(void);
void ui_mouse_stop(void);
/*
 * After UI_MOUSE_SGR_KEY: read the rest of the report ("b;x;yM" or "m")
 * into *r.  Returns 0, or -1 when what followed was not a report (it is
 * dropped).
 */
int ui_mouse_read(struct ui_mouse_report *r);

#endif /* ORRERY_UI_MOUSE_H */
