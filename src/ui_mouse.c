/*
 * ui_mouse: turning mouse reports on and off in the SGR 1006 encoding and
 * reading them where ncurses does not (see ui_mouse.h).  ncurses reads
 * SGR reports itself only when the terminfo entry's kmous is \E[< (with
 * XM to enable them); screen and tmux entries say \E[M, the X10 encoding
 * whose one byte per coordinate ends at column 223.  For those, the mode
 * is set here with DECSET 1000 (press and release) and 1006 (SGR), and
 * \E[< is made a key of its own (define_key) after which the report's
 * digits are read.  Holds no state but whether it enabled the mode; never
 * touches anything but the terminal's mouse modes.  A mode set here
 * would outlive a suspension (Ctrl-Z) and send reports to the shell, so
 * the SIGTSTP handler (ncurses's) is wrapped: reports off before it
 * stops the process, on again when it has drawn the screen back.
 */
#include "ui_mouse.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <term.h>
#include <time.h>
#include <unistd.h>

/* The longest report read: "65;65535;65535M". */
#define UI_MOUSE_MAX 24
/* A second press on the same cell this soon is a double click (ncurses's
 * mouseinterval, as the other path uses). */
#define UI_MOUSE_TWICE_MS 300

#define UI_MOUSE_ON "\033[?1000h\033[?1006h"
#define UI_MOUSE_OFF "\033[?1006l\033[?1000l"

static int ui_mouse_own; /* 1: the mode is ours to set */
static volatile sig_atomic_t ui_mouse_on;
static struct sigaction ui_mouse_tstp_next; /* SIGTSTP's handler before */
static long long ui_mouse_last_ms = -1;	    /* the last left press */
static int ui_mouse_last_x, ui_mouse_last_y;

static long long
ui_mouse_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
ui_mouse_mode(int on)
{
	fputs(on ? UI_MOUSE_ON : UI_MOUSE_OFF, stdout);
	fflush(stdout);
	ui_mouse_on = on;
}

/* write(2) all of s to the terminal, from a signal handler. */
static void
ui_mouse_write(const char *s)
{
	size_t n = strlen(s);
	ssize_t w;

	while (n > 0) {
		w = write(STDOUT_FILENO, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/*
 * SIGTSTP: reports off, then what handled the signal before (ncurses's
 * handler restores the terminal, stops the process and, once continued,
 * draws the screen again), then reports on.  Without a handler before,
 * stop the way the default action would.
 */
static void
ui_mouse_on_tstp(int sig)
{
	struct sigaction dfl, mine;
	sigset_t set;
	int e = errno, was = ui_mouse_on;

	if (was)
		ui_mouse_write(UI_MOUSE_OFF);
	if (ui_mouse_tstp_next.sa_handler != SIG_DFL &&
	    ui_mouse_tstp_next.sa_handler != SIG_IGN &&
	    (ui_mouse_tstp_next.sa_flags & SA_SIGINFO) == 0)
		ui_mouse_tstp_next.sa_handler(sig);
	else if (ui_mouse_tstp_next.sa_handler == SIG_DFL) {
		memset(&dfl, 0, sizeof dfl);
		dfl.sa_handler = SIG_DFL;
		sigemptyset(&dfl.sa_mask);
		sigaction(SIGTSTP, &dfl, &mine);
		sigemptyset(&set);
		sigaddset(&set, SIGTSTP);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(SIGTSTP);
		sigaction(SIGTSTP, &mine, NULL);
	}
	if (was)
		ui_mouse_write(UI_MOUSE_ON);
	errno = e;
}

/* Put ui_mouse_on_tstp in front of SIGTSTP's handler (unless ignored). */
static void
ui_mouse_wrap_tstp(void)
{
	struct sigaction sa;

	if (sigaction(SIGTSTP, NULL, &ui_mouse_tstp_next) != 0 ||
	    ui_mouse_tstp_next.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_mouse_on_tstp;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTSTP, &sa, NULL);
}

int
ui_mouse_start(void)
{
	const char *km;

	km = tigetstr("kmous");
	if (km != NULL && km != (const char *)-1 &&
	    strncmp(km, "\033[<", 3) == 0) {
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
#ifdef BUTTON5_PRESSED
			BUTTON5_PRESSED |
#endif
			BUTTON4_PRESSED,
		    NULL);
		mouseinterval(300);
		return 1;
	}
	define_key("\033[<", UI_MOUSE_SGR_KEY);
	ui_mouse_own = 1;
	ui_mouse_wrap_tstp();
	ui_mouse_mode(1);
	return 0;
}

void
ui_mouse_pause(void)
{
	if (ui_mouse_own && ui_mouse_on)
		ui_mouse_mode(0);
}

void
ui_mouse_stop(void)
{
	ui_mouse_pause();
	if (ui_mouse_own && ui_mouse_tstp_next.sa_handler != SIG_IGN)
		sigaction(SIGTSTP, &ui_mouse_tstp_next, NULL);
	ui_mouse_own = 0;
}

void
ui_mouse_resume(void)
{
	if (ui_mouse_own && !ui_mouse_on)
		ui_mouse_mode(1);
}

/* The next character of a report: waits a little, as its bytes may
 * still be on the way; -1 when none comes. */
static int
ui_mouse_getc(void)
{
	wint_t wc;
	int r;

	timeout(100);
	r = get_wch(&wc);
	nodelay(stdscr, TRUE);
	if (r != OK || wc > 0x7f)
		return -1;
	return (int)wc;
}

int
ui_mouse_read(struct ui_mouse_report *r)
{
	long v[3] = { 0, 0, 0 };
	long long now;
	int c, i = 0, n = 0, digits = 0;

	memset(r, 0, sizeof *r);
	for (;;) {
		c = ++n > UI_MOUSE_MAX ? -1 : ui_mouse_getc();
		if (c < 0)
			return -1;
		if (c >= '0' && c <= '9') {
			if (v[i] < 100000)
				v[i] = v[i] * 10 + (c - '0');
			digits = 1;
		} else if (c == ';' && digits && i < 2) {
			i++;
			digits = 0;
		} else if ((c == 'M' || c == 'm') && digits && i == 2)
			break;
		else
			return -1;
	}
	if (v[1] < 1 || v[2] < 1)
		return -1;
	r->motion = (v[0] & 32) != 0;
	r->button = (int)(v[0] & ~(4L | 8 | 16 | 32)); /* no modifiers */
	r->x = (int)v[1] - 1;
	r->y = (int)v[2] - 1;
	r->press = c == 'M';
	if (r->button == 0 && r->press && !r->motion) {
		now = ui_mouse_now_ms();
		r->twice = ui_mouse_last_ms >= 0 &&
		    now - ui_mouse_last_ms <= UI_MOUSE_TWICE_MS &&
		    r->x == ui_mouse_last_x && r->y == ui_mouse_last_y;
		ui_mouse_last_ms = r->twice ? -1 : now;
		ui_mouse_last_x = r->x;
		ui_mouse_last_y = r->y;
	}
	return 0;
}
