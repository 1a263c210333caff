/*
 * ui: the interactive reader.  Terminal set-up and tear-down, the poll()
 * loop over the terminal and the fetcher's event fd, the title and status
 * lines, prompts, key dispatch to the view on top of a stack, redraw.
 * This header is what main sees; views use view.h.
 */
#ifndef ORRERY_UI_H
#define ORRERY_UI_H

#include <stdio.h>

struct config;

struct ui_options {
	const struct config *cfg; /* borrowed for the whole run */
	const char *store_path;
	int offline;	      /* never fetch */
	const char *log_path; /* -l FILE: debug log, or NULL */
};

/*
 * Run the reader until the user quits.  Needs a terminal on stdin and
 * stdout.  Nothing is printed while curses is active; what the user must
 * know (a store that would not open, errors that happened) is printed to
 * stderr after the terminal is restored.  Returns the exit status.
 */
int ui_main(const struct ui_options *);

#endif /* ORRERY_UI_H */
