/*
 * open: start the browser on a URL (fork/exec, never a shell) with the
 * terminal handed over and restored, and copy text to the clipboard with
 * OSC 52.  Runs on the UI thread while curses is active.
 */
#ifndef ORRERY_OPEN_H
#define ORRERY_OPEN_H

struct config;

/*
 * Start the browser on url, if its scheme is one browser-schemes allows
 * (http, https and mailto by default; any other is refused, named in
 * *cause): cfg's browser, else $BROWSER, else xdg-open,
 * by fork/exec with the URL as one argument (never a shell).  The
 * terminal is handed over (endwin) and restored afterwards; a terminal
 * browser is waited for, a GUI one is not kept waiting on.  Returns 0, or
 * -1 with *cause.
 */
int open_url(const struct config *, const char *url, char **cause);
/*
 * Play an enclosure: cfg's player (http and https URLs only), else
 * open_url.  Started like the browser.  0, or -1 with *cause.
 */
int open_media(const struct config *, const char *url, char **cause);
/* Put text on the clipboard with OSC 52 (through the terminal, also over
 * ssh and in tmux with set-clipboard on).  Returns 0 or -1 with *cause. */
int open_copy(const char *text, char **cause);

#endif /* ORRERY_OPEN_H */
