/*
 * ui: the interactive reader's frame.  Owns the terminal (curses set-up
 * and tear-down), the one poll() loop over the terminal and the fetcher's
 * event fd, the title and status lines, the line editor of prompts, the
 * count prefix, key and mouse dispatch to the view on top of the stack,
 * and the redraw at the end of each loop turn.  It starts the fetcher
 * thread and talks to it only through the chan; it never calls curl and
 * never touches the fetcher's store connection.
 *
 * Nothing is printed while curses is active: what the user must still
 * know after quitting is kept and printed to stderr after endwin().
 */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <pthread.h>

#include "buf.h"
#include "chan.h"
#include "config.h"
#include "date.h"
#include "fetch.h"
#include "keys.h"
#include "open.h"
#include "store.h"
#include "ui_job.h"
#include "ui_mouse.h"
#include "upgrade.h"
#include "util.h"
#include "view.h"
#include "width.h"

/* Room for a line being edited at a prompt. */
#define UI_LINE_MAX 1024

enum ui_ask {
	UI_ASK_NONE,
	UI_ASK_LINE,
	UI_ASK_CONFIRM
};

struct ui {
	const struct config *cfg;
	const char *store_path;
	FILE *log;
	struct store *store;
	struct keys_map *keys;
	struct chan *chan;
	struct fetch *fetch;
	SCREEN *screen;
	int offline;	  /* --offline */
	int fetch_failed; /* the fetcher could not start */
	int curl_ready;	  /* fetch_global_init done */
	struct view *top; /* the stack, linked through below */
	int quit;

	/* The status line's message. */
	char msg[512];
	int msg_error;

	/* Refresh progress, from the fetcher's events. */
	int refreshing;
	long r_total, r_done, r_failed, r_new;
	long a_total, a_done, a_ok; /* whole articles a refresh fetches */
	int64_t asked;		    /* the entry whose article F asked for */
	char *r_last_error;
	time_t next_auto; /* next automatic refresh, 0 = none */

	/* `a` or `I`: orrery add / import running in the background. */
	struct ui_job *job;
	int job_import;

	/* Other connections' commits (store_data_version). */
	int64_t data_version;
	int have_version;
	time_t version_checked;

	/* A question on the status line. */
	enum ui_ask ask;
	char *ask_prompt;
	char line[UI_LINE_MAX];
	size_t line_len;
	void (*line_done)(struct view *, const char *);
	void (*confirm_done)(struct view *, int);
	struct view *ask_view;

	long count; /* count prefix being typed, 0 none */
	char *search;

	attr_t attr[CONFIG_NCOLORS];
	int colors; /* colour pairs in use */

	int title_dirty, status_dirty, full_redraw;
	struct buf after; /* printed to stderr after the terminal is back */
};

static volatile sig_atomic_t ui_signalled;

static void
ui_on_signal(int sig)
{
	ui_signalled = sig;
}

/* ---- services for views -------------------------------------------- */

struct store *
ui_store(struct ui *ui)
{
	return ui->store;
}

const struct config *
ui_config(struct ui *ui)
{
	return ui->cfg;
}

const struct keys_map *
ui_keys(struct ui *ui)
{
	return ui->keys;
}

int
ui_refreshing(struct ui *ui, long *done, long *total)
{
	if (done != NULL)
		*done = ui->r_done;
	if (total != NULL)
		*total = ui->r_total;
	return ui->refreshing;
}

int
ui_offline(struct ui *ui)
{
	return ui->offline || ui->fetch_failed;
}

void
ui_log(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	char when[32];
	struct timespec ts;

	if (ui->log == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	date_format(ts.tv_sec, 1, "%H:%M:%S", "", when, sizeof when);
	fprintf(ui->log, "%s.%06ld ", when, ts.tv_nsec / 1000);
	va_start(ap, fmt);
	vfprintf(ui->log, fmt, ap);
	va_end(ap);
	fputc('\n', ui->log);
	fflush(ui->log);
}

static void ui_vmessage(struct ui *, int, const char *, va_list)
    __attribute__((format(printf, 3, 0)));

static void
ui_vmessage(struct ui *ui, int error, const char *fmt, va_list ap)
{
	char *text, *clean;

	text = xvasprintf(fmt, ap);
	/* Messages quote feed text: make it harmless and one line. */
	clean = util_clean_text(text, strlen(text));
	snprintf(ui->msg, sizeof ui->msg, "%s", clean != NULL ? clean : "");
	ui->msg_error = error;
	ui->status_dirty = 1;
	ui_log(ui, "%s: %s", error ? "error" : "message", ui->msg);
	free(clean);
	free(text);
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vmessage(ui, 0, fmt, ap);
	va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ui_vmessage(ui, 1, fmt, ap);
	va_end(ap);
	if (ui->top != NULL)
		beep();
}

const char *
ui_search(struct ui *ui)
{
	return ui->search;
}

void
ui_set_search(struct ui *ui, const char *s)
{
	free(ui->search);
	ui->search = s != NULL ? xstrdup(s) : NULL;
}

void
ui_time(struct ui *ui, int64_t t, const char *fmt, char *out, size_t len)
{
	/* fmt is checked where ui_time is called (view.h). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	date_format(t, ui->cfg->timezone_utc, fmt, "", out, len);
#pragma GCC diagnostic pop
}

long
ui_day(struct ui *ui, int64_t t)
{
	return date_day(t, ui->cfg->timezone_utc);
}

attr_t
ui_attr(struct ui *ui, enum config_color_id c)
{
	if ((int)c < 0 || c >= CONFIG_NCOLORS)
		return A_NORMAL;
	return ui->attr[c];
}

/* ---- the view stack ------------------------------------------------ */

/* The key hint line, when configured and there is room for it. */
static int
ui_hint_on(struct ui *ui)
{
	return ui->cfg->key_hints && LINES >= 8;
}

/* The rows a view gets: all but the title, status and hint lines. */
static int
ui_body_rows(struct ui *ui)
{
	int rows = LINES - 2 - ui_hint_on(ui);

	return rows > 0 ? rows : 0;
}

static void
ui_layout(struct ui *ui, struct view *v)
{
	v->top = 1;
	v->rows = ui_body_rows(ui);
	v->cols = COLS;
	v->dirty = 1;
}

void
ui_push(struct ui *ui, struct view *v)
{
	v->ui = ui;
	v->below = ui->top;
	ui->top = v;
	ui_layout(ui, v);
	if (v->ops->resize != NULL)
		v->ops->resize(v);
	ui->title_dirty = 1;
	ui->count = 0;
}

static void
ui_view_free(struct view *v)
{
	if (v->ops->free != NULL)
		v->ops->free(v);
	free(v);
}

void
ui_pop_all(struct ui *ui)
{
	while (ui->top != NULL && ui->top->below != NULL)
		ui_pop(ui);
}

void
ui_pop(struct ui *ui)
{
	struct view *v = ui->top, *w;

	if (v == NULL)
		return;
	if (ui->ask != UI_ASK_NONE && ui->ask_view == v)
		ui->ask = UI_ASK_NONE; /* its question goes with it */
	ui->top = v->below;
	ui_view_free(v);
	if (ui->top != NULL) {
		w = ui->top;
		/* It may have missed a resize while it was covered. */
		if (w->rows != ui_body_rows(ui) || w->cols != COLS) {
			ui_layout(ui, w);
			if (w->ops->resize != NULL)
				w->ops->resize(w);
		}
		w->dirty = 1;
	}
	ui->title_dirty = 1;
}

void
ui_reload_all(struct ui *ui)
{
	struct view *v;

	for (v = ui->top; v != NULL; v = v->below) {
		if (v->ops->reload != NULL)
			v->ops->reload(v);
		v->dirty = 1;
	}
	ui->title_dirty = 1;
}

static int ui_start_fetcher(struct ui *);

void
ui_refresh(struct ui *ui, int64_t feed)
{
	if (ui->offline) {
		ui_error(
		    ui, "offline: nothing fetched (started with --offline)");
		return;
	}
	if (ui_start_fetcher(ui) != 0)
		return;
	if (feed == 0)
		chan_command(ui->chan, CHAN_REFRESH_ALL, 0, 1);
	else
		chan_command(ui->chan, CHAN_REFRESH_FEED, feed, 1);
	ui_message(ui, "refreshing %s", feed == 0 ? "all feeds" : "the feed");
}

int
ui_fetch_article(struct ui *ui, int64_t entry)
{
	if (ui->offline) {
		ui_error(ui,
		    "offline: the whole article was never fetched "
		    "(started with --offline)");
		return -1;
	}
	if (ui_start_fetcher(ui) != 0)
		return -1;
	chan_command(ui->chan, CHAN_FETCH_ARTICLE, entry, 0);
	ui->asked = entry;
	ui_message(ui, "fetching the whole article\xe2\x80\xa6");
	return 0;
}

void
ui_open_url(struct ui *ui, const char *url)
{
	char *cause = NULL;
	int r;

	if (url == NULL || *url == '\0') {
		ui_error(ui, "no link");
		return;
	}
	ui_log(ui, "open %s", url);
	ui_mouse_pause();
	r = open_url(ui->cfg, url, &cause);
	ui_mouse_resume();
	if (r != 0) {
		ui_error(ui, "%s", cause);
		free(cause);
	} else
		ui_message(ui, "opened %s", url);
	/* A terminal browser had the screen. */
	ui->full_redraw = 1;
}

void
ui_open_media(struct ui *ui, const char *url)
{
	char *cause = NULL;
	int r;

	ui_log(ui, "play %s", url);
	ui_mouse_pause();
	r = open_media(ui->cfg, url, &cause);
	ui_mouse_resume();
	if (r != 0) {
		ui_error(ui, "%s", cause);
		free(cause);
	} else
		ui_message(ui, "playing %s", url);
	/* A terminal player had the screen. */
	ui->full_redraw = 1;
}

void
ui_copy(struct ui *ui, const char *text)
{
	static const char *const tmux[] = { "tmux", "show", "-gv",
		"set-clipboard", NULL };
	char *cause = NULL, clip[32];

	if (text == NULL || *text == '\0') {
		ui_error(ui, "nothing to copy");
		return;
	}
	if (open_copy(text, &cause) != 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		return;
	}
	/* Whether it reached a clipboard only the terminal knows; tmux
	 * keeps it unless set-clipboard is on. */
	if (getenv("TMUX") != NULL &&
	    ui_job_capture(tmux, clip, sizeof clip) == 0 &&
	    strcmp(clip, "on") != 0)
		ui_message(ui,
		    "sent to the terminal's clipboard (OSC 52); tmux stops "
		    "it: tmux set -g set-clipboard on");
	else
		ui_message(
		    ui, "sent to the terminal's clipboard (OSC 52): %s", text);
}

void
ui_prompt(struct ui *ui, const char *prompt, const char *init,
    void (*done)(struct view *, const char *), struct view *v)
{
	free(ui->ask_prompt);
	ui->ask_prompt = xstrdup(prompt);
	ui->ask = UI_ASK_LINE;
	ui->line_done = done;
	ui->ask_view = v;
	ui->line_len = 0;
	if (init != NULL) {
		ui->line_len = strnlen(init, sizeof ui->line - 1);
		memcpy(ui->line, init, ui->line_len);
	}
	ui->line[ui->line_len] = '\0';
	ui->msg[0] = '\0';
	ui->status_dirty = 1;
}

void
ui_confirm(struct ui *ui, const char *question,
    void (*done)(struct view *, int), struct view *v)
{
	free(ui->ask_prompt);
	ui->ask_prompt = xstrdup(question);
	ui->ask = UI_ASK_CONFIRM;
	ui->confirm_done = done;
	ui->ask_view = v;
	ui->msg[0] = '\0';
	ui->status_dirty = 1;
}

/* ---- drawing ------------------------------------------------------- */

/* The character shown for cp: controls and the like never reach the
 * terminal. */
static unsigned int
ui_safe_char(unsigned int cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
	    (cp >= 0xd800 && cp < 0xe000) || cp > 0x10ffff)
		return 0xfffd;
	return cp;
}

/* Columns ui_put needs for n bytes: as width_str, but counting what it
 * shows instead of a control character or a bad byte (U+FFFD). */
static int
ui_width(const char *s, size_t n)
{
	unsigned int cp;
	size_t i, len;
	int w = 0;

	for (i = 0; i < n; i += len) {
		len =
		    util_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0) {
			cp = 0xfffd;
			len = 1;
		}
		w += width_char(ui_safe_char(cp));
	}
	return w;
}

int
ui_put(struct ui *ui, int y, int x, int width, const char *s, size_t n,
    attr_t attr, int ellipsis)
{
	wchar_t wbuf[512];
	unsigned int cp;
	size_t i, len, k = 0;
	int w, used = 0, total, limit;

	if (width <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (x + width > COLS)
		width = COLS - x;
	limit = width;
	if (ellipsis) {
		total = ui_width(s, n);
		if (total > width)
			limit = width - 1;
	}
	attrset(attr);
	move(y, x);
	for (i = 0; i < n;) {
		len =
		    util_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0) {
			cp = 0xfffd;
			len = 1;
		}
		cp = ui_safe_char(cp);
		w = width_char(cp);
		if (used + w > limit)
			break;
		/* A zero-width character first on the line has nothing to
		 * sit on. */
		if (w == 0 && k == 0) {
			i += len;
			continue;
		}
		if (k + 1 >= sizeof wbuf / sizeof wbuf[0]) {
			addnwstr(wbuf, (int)k);
			k = 0;
		}
		wbuf[k++] = (wchar_t)cp;
		used += w;
		i += len;
	}
	if (k > 0)
		addnwstr(wbuf, (int)k);
	if (i < n && ellipsis && used < width) {
		mvaddnwstr(y, x + used, L"\u2026", 1);
		used++;
	}
	attrset(A_NORMAL);
	return used;
}

void
ui_fill(struct ui *ui, int y, int x, int width, attr_t attr)
{
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || width <= 0)
		return;
	if (x + width > COLS)
		width = COLS - x;
	attrset(attr);
	mvhline(y, x, ' ', width);
	attrset(A_NORMAL);
}

static void
ui_draw_title(struct ui *ui)
{
	char label[256], right[64];
	int64_t unread = -1;
	attr_t a = ui_attr(ui, CONFIG_C_TITLE);
	int w;

	label[0] = '\0';
	if (ui->top != NULL)
		ui->top->ops->title(ui->top, label, sizeof label, &unread);
	right[0] = '\0';
	if (unread >= 0)
		snprintf(right, sizeof right, "%" PRId64 " unread", unread);
	ui_fill(ui, 0, 0, COLS, a);
	w = width_str(right, strlen(right));
	if (w + 2 > COLS)
		w = 0;
	ui_put(ui, 0, 1, COLS - 2 - (w > 0 ? w + 2 : 0), label, strlen(label),
	    a, 1);
	if (w > 0)
		ui_put(ui, 0, COLS - w - 1, w, right, strlen(right), a, 0);
}

static void
ui_draw_status(struct ui *ui)
{
	char right[96], *prompt;
	attr_t a = ui_attr(ui, CONFIG_C_STATUS);
	int y = LINES - 1, w, used, avail;
	size_t off;

	ui_fill(ui, y, 0, COLS, a);
	if (ui->ask != UI_ASK_NONE) {
		prompt = ui->ask_prompt;
		used = ui_put(ui, y, 0, COLS, prompt, strlen(prompt), a, 1);
		if (ui->ask == UI_ASK_LINE) {
			/* The end of the line stays in view. */
			avail = COLS - used - 1;
			off = 0;
			while (off < ui->line_len &&
			    width_str(ui->line + off, ui->line_len - off) >
				avail) {
				off++;
				while (off < ui->line_len &&
				    ((unsigned char)ui->line[off] & 0xc0) ==
					0x80)
					off++;
			}
			used += ui_put(ui, y, used, avail, ui->line + off,
			    ui->line_len - off, a, 0);
		}
		move(y, used < COLS ? used : COLS - 1);
		return;
	}
	right[0] = '\0';
	if (ui->refreshing && ui->a_total > 0)
		/* The feeds are in; full-text feeds' articles follow. */
		snprintf(right, sizeof right,
		    "\xe2\x9f\xb3 %ld/%ld \xc2\xb7 articles %ld/%ld",
		    ui->r_done, ui->r_total, ui->a_done, ui->a_total);
	else if (ui->refreshing && ui->r_failed == 0)
		snprintf(right, sizeof right, "\xe2\x9f\xb3 %ld/%ld",
		    ui->r_done, ui->r_total);
	else if (ui->refreshing)
		snprintf(right, sizeof right,
		    "\xe2\x9f\xb3 %ld/%ld \xc2\xb7 %ld error%s", ui->r_done,
		    ui->r_total, ui->r_failed, ui->r_failed == 1 ? "" : "s");
	else if (ui_offline(ui))
		snprintf(right, sizeof right, "offline");
	w = width_str(right, strlen(right));
	if (w + 1 > COLS)
		w = 0;
	if (ui->msg[0] != '\0')
		ui_put(ui, y, 0, COLS - (w > 0 ? w + 2 : 0), ui->msg,
		    strlen(ui->msg),
		    ui->msg_error ? ui_attr(ui, CONFIG_C_ERROR) | A_REVERSE : a,
		    1);
	if (w > 0)
		ui_put(ui, y, COLS - w - 1, w, right, strlen(right), a, 0);
}

/* The key hint line above the status line (ui_text.c composes it). */
static void
ui_draw_hint(struct ui *ui)
{
	char text[256];
	struct view *v = ui->top;
	attr_t a = ui_attr(ui, CONFIG_C_DIM);

	if (!ui_hint_on(ui) || v == NULL)
		return;
	ui_hint_text(ui, view_help_is(v) ? 0 : v->ops->context,
	    v->below == NULL, COLS - 2, text, sizeof text);
	ui_fill(ui, LINES - 2, 0, COLS, a);
	ui_put(ui, LINES - 2, 1, COLS - 2, text, strlen(text), a, 0);
}

static void
ui_draw(struct ui *ui)
{
	struct view *v = ui->top;
	int body;

	if (ui->full_redraw) {
		clearok(curscr, TRUE);
		ui->full_redraw = 0;
		ui->title_dirty = ui->status_dirty = 1;
		if (v != NULL)
			v->dirty = 1;
	}
	if (LINES < 3 || COLS < 10) {
		/* Word by word down the rows, so that it is read whole
		 * even a few columns wide. */
		erase();
		ui_put_wrapped(ui, 0, 0, COLS, LINES,
		    "orrery: window too small", A_NORMAL);
		refresh();
		return;
	}
	body = v != NULL && v->dirty;
	if (body) {
		v->ops->draw(v);
		v->dirty = 0;
		/* A view's draw may change what its title says. */
		ui->title_dirty = 1;
	}
	if (ui->title_dirty)
		ui_draw_title(ui);
	if (ui->title_dirty || ui->status_dirty || body) {
		ui_draw_hint(ui);
		ui_draw_status(ui);
	}
	ui->title_dirty = ui->status_dirty = 0;
	/* At a line prompt the cursor stays where ui_draw_status left it. */
	if (ui->ask == UI_ASK_LINE)
		curs_set(1);
	else {
		curs_set(0);
		move(LINES - 1, COLS - 1);
	}
	refresh();
	/* bench/tui.py reads key-to-screen times from these. */
	if (body)
		ui_log(ui, "drawn");
}

static void
ui_resize(struct ui *ui)
{
	struct view *v;

	/* Every view learns the new size now, covered ones too. */
	for (v = ui->top; v != NULL; v = v->below) {
		ui_layout(ui, v);
		if (v->ops->resize != NULL)
			v->ops->resize(v);
	}
	ui->full_redraw = 1;
	ui_log(ui, "resize %dx%d", COLS, LINES);
}

/* ---- colours ------------------------------------------------------- */

/* A terminal without default colours gets white on black for them. */
static short
ui_color_number(int c, int defaults, short instead)
{
	if (c < 0)
		return defaults ? -1 : instead;
	if (c >= COLORS)
		return (short)(c >= 8 && c < 16 && COLORS >= 8 ? c - 8 : -1);
	return (short)c;
}

static void
ui_colors_init(struct ui *ui)
{
	struct config_color cc;
	const char *nc;
	attr_t a;
	short fg, bg;
	int i, color, defaults = 1;
	char *cause = NULL;

	nc = getenv("NO_COLOR");
	color = has_colors() && (nc == NULL || *nc == '\0');
	if (color) {
		start_color();
		defaults = use_default_colors() == OK;
	}
	for (i = 0; i < CONFIG_NCOLORS; i++) {
		memset(&cc, 0, sizeof cc);
		cc.fg = cc.bg = -1;
		if (config_color_parse(ui->cfg->colors[i], &cc, &cause) != 0) {
			/* config_load checked it: cannot happen. */
			free(cause);
			cause = NULL;
		}
		a = A_NORMAL;
		if (cc.attrs & CONFIG_A_BOLD)
			a |= A_BOLD;
		if (cc.attrs & CONFIG_A_DIM)
			a |= A_DIM;
		if (cc.attrs & CONFIG_A_UNDERLINE)
			a |= A_UNDERLINE;
		if (cc.attrs & CONFIG_A_REVERSE)
			a |= A_REVERSE;
		if (cc.attrs & CONFIG_A_ITALIC)
			a |= A_ITALIC;
		if (cc.attrs & CONFIG_A_BLINK)
			a |= A_BLINK;
		if (cc.attrs & CONFIG_A_STANDOUT)
			a |= A_STANDOUT;
		fg = ui_color_number(cc.fg, defaults, COLOR_WHITE);
		bg = ui_color_number(cc.bg, defaults, COLOR_BLACK);
		if (color && (cc.fg != -1 || cc.bg != -1) &&
		    i + 1 < COLOR_PAIRS) {
			init_pair((short)(i + 1), fg, bg);
			a |= COLOR_PAIR(i + 1);
		}
		ui->attr[i] = a;
	}
}

/* ---- keys ---------------------------------------------------------- */

/* curses' key code -> orrery's (keys.h); -1 for nothing to do. */
static int
ui_key_code(int r, wint_t wc)
{
	if (r == OK) {
		if (wc == L'\n' || wc == L'\r')
			return KEYS_ENTER;
		if (wc == 8 || wc == 127)
			return KEYS_BACKSPACE;
		return (int)wc;
	}
	switch (wc) {
	case KEY_UP:
		return KEYS_K_UP;
	case KEY_DOWN:
		return KEYS_K_DOWN;
	case KEY_LEFT:
		return KEYS_K_LEFT;
	case KEY_RIGHT:
		return KEYS_K_RIGHT;
	case KEY_PPAGE:
		return KEYS_K_PGUP;
	case KEY_NPAGE:
		return KEYS_K_PGDN;
	case KEY_HOME:
		return KEYS_K_HOME;
	case KEY_END:
		return KEYS_K_END;
	case KEY_IC:
		return KEYS_K_INSERT;
	case KEY_DC:
		return KEYS_K_DELETE;
	case KEY_BTAB:
		return KEYS_K_BTAB;
	case KEY_ENTER:
		return KEYS_ENTER;
	case KEY_BACKSPACE:
		return KEYS_BACKSPACE;
	default:
		if (wc >= (wint_t)KEY_F(1) && wc <= (wint_t)KEY_F(12))
			return KEYS_K_F1 + (int)(wc - (wint_t)KEY_F(1));
		return -1;
	}
}

static void
ui_line_key(struct ui *ui, int key)
{
	void (*done)(struct view *, const char *) = ui->line_done;
	struct view *v = ui->ask_view;
	char enc[8], *copy;
	size_t n;

	switch (key) {
	case KEYS_ENTER:
		ui->ask = UI_ASK_NONE;
		ui->status_dirty = 1;
		copy = xstrndup(ui->line, ui->line_len);
		done(v, copy);
		free(copy);
		return;
	case KEYS_ESC:
	case 7: /* C-g */
		ui->ask = UI_ASK_NONE;
		ui->status_dirty = 1;
		done(v, NULL);
		return;
	case KEYS_BACKSPACE:
		if (ui->line_len == 0) {
			/* Backspace on an empty line gives up, as in less. */
			ui->ask = UI_ASK_NONE;
			ui->status_dirty = 1;
			done(v, NULL);
			return;
		}
		do
			ui->line_len--;
		while (ui->line_len > 0 &&
		    ((unsigned char)ui->line[ui->line_len] & 0xc0) == 0x80);
		break;
	case 21: /* C-u */
		ui->line_len = 0;
		break;
	case 23: /* C-w: the word before the cursor */
		while (ui->line_len > 0 && ui->line[ui->line_len - 1] == ' ')
			ui->line_len--;
		while (ui->line_len > 0 && ui->line[ui->line_len - 1] != ' ')
			ui->line_len--;
		break;
	default:
		if (key < 0x20 || key >= KEYS_K_BASE ||
		    ui_safe_char((unsigned int)key) != (unsigned int)key)
			return;
		n = util_utf8_encode((unsigned int)key, enc);
		if (ui->line_len + n >= sizeof ui->line)
			return;
		memcpy(ui->line + ui->line_len, enc, n);
		ui->line_len += n;
		break;
	}
	ui->line[ui->line_len] = '\0';
	ui->status_dirty = 1;
}

static void
ui_confirm_key(struct ui *ui, int key)
{
	void (*done)(struct view *, int) = ui->confirm_done;

	ui->ask = UI_ASK_NONE;
	ui->status_dirty = 1;
	done(ui->ask_view, key == 'y' || key == 'Y');
}

static void
ui_search_done(struct view *v, const char *q)
{
	struct ui *ui;
	struct view *found;
	char *label, *cause = NULL, *prompt, *hint;

	if (q == NULL || *q == '\0' || v == NULL)
		return;
	ui = v->ui;
	label = xasprintf("Search: %s", q);
	found = view_planet_query(ui, q, label, &cause);
	free(label);
	if (found == NULL) {
		/* The prompt stays, saying what is wrong, the text kept. */
		hint = strstr(cause, " (");
		if (hint != NULL)
			*hint = '\0';
		prompt = xasprintf("%s \xc2\xb7 Search: ", cause);
		free(cause);
		ui_prompt(ui, prompt, q, ui_search_done, v);
		free(prompt);
		return;
	}
	ui_set_search(ui, q);
	ui_push(ui, found);
}

/* U: the last batch of marks back, whichever process made it. */
static void
ui_undo(struct ui *ui)
{
	struct store_undone u;
	char *cause = NULL;
	int r;

	r = store_undo(ui->store, &u, &cause);
	if (r < 0) {
		ui_error(ui, "undo: %s", cause);
		free(cause);
		return;
	}
	if (r == 1) {
		ui_message(ui, "nothing to undo");
		return;
	}
	if (u.muted != NULL)
		ui_message(ui, "undid %s", u.what);
	else
		ui_message(ui, "undid %s: %" PRId64 " entr%s back", u.what,
		    u.marks, u.marks == 1 ? "y" : "ies");
	store_undone_clear(&u);
	ui_reload_all(ui);
}

/* ---- subscribing from inside: orrery add / import as a job -------- */

/*
 * What the command gets for what the user typed: a URL as it is; a file
 * that exists as its absolute path (for add, as a file:// URL); anything
 * else as it is, for the command to judge.  NULL with *cause when there
 * is nothing to give.
 */
static char *
ui_subscribe_arg(const char *in, int import, char **cause)
{
	char *t, *path, *abs, *url;
	const char *home;
	struct buf b;
	size_t i;

	t = util_trim_dup(in, strlen(in));
	if (*t == '\0' || *t == '-') {
		util_fail(cause, "%s",
		    *t == '\0' ? "nothing given" : "give a URL or a file name");
		free(t);
		return NULL;
	}
	if (strstr(t, "://") != NULL)
		return t;
	home = getenv("HOME");
	if (t[0] == '~' && t[1] == '/' && home != NULL)
		path = xasprintf("%s%s", home, t + 1);
	else
		path = xstrdup(t);
	abs = realpath(path, NULL);
	free(path);
	if (abs == NULL)
		return t; /* not a file here: perhaps an address */
	free(t);
	if (import)
		return abs;
	/* A file:// URL: the path's bytes, escaped where a URL needs it. */
	buf_init(&b, 0);
	buf_addstr(&b, "file://");
	for (i = 0; abs[i] != '\0'; i++) {
		if (strchr("%#? \"<>\\^`{|}", abs[i]) != NULL ||
		    (unsigned char)abs[i] < 0x21 ||
		    (unsigned char)abs[i] >= 0x7f)
			buf_printf(&b, "%%%02X", (unsigned char)abs[i]);
		else
			buf_addc(&b, abs[i]);
	}
	free(abs);
	url = xstrdup(b.data);
	buf_free(&b);
	return url;
}

static void
ui_subscribe_done(struct view *v, const char *text, int import)
{
	struct ui *ui = v->ui;
	const char *argv[12];
	char *arg, *cause = NULL;
	int n = 0;

	if (text == NULL)
		return;
	arg = ui_subscribe_arg(text, import, &cause);
	if (arg == NULL) {
		ui_error(ui, "%s", cause);
		free(cause);
		return;
	}
	argv[n++] = "orrery";
	argv[n++] = "-d";
	argv[n++] = ui->store_path;
	if (ui->cfg->path != NULL) {
		argv[n++] = "-c";
		argv[n++] = ui->cfg->path;
	}
	if (ui->offline)
		argv[n++] = "--offline";
	argv[n++] = import ? "import" : "add";
	argv[n++] = arg;
	argv[n] = NULL;
	ui->job = ui_job_start(argv, &cause);
	if (ui->job == NULL) {
		ui_error(ui, "cannot %s: %s", import ? "import" : "subscribe",
		    cause);
		free(cause);
	} else {
		ui->job_import = import;
		ui_message(ui, "%s %s ...",
		    import ? "importing" : "subscribing to", arg);
	}
	free(arg);
}

static void
ui_add_done(struct view *v, const char *text)
{
	ui_subscribe_done(v, text, 0);
}

static void
ui_import_done(struct view *v, const char *text)
{
	ui_subscribe_done(v, text, 1);
}

static void
ui_subscribe_ask(struct ui *ui, int import)
{
	if (ui->job != NULL) {
		ui_error(ui, "still %s: wait for it to finish",
		    ui->job_import ? "importing" : "subscribing");
		return;
	}
	if (import)
		ui_prompt(ui, "Import OPML (file or URL): ", NULL,
		    ui_import_done, ui->top);
	else
		ui_prompt(ui, "Subscribe to (feed URL or file): ", NULL,
		    ui_add_done, ui->top);
}

/* The job ended: say how, and fetch what it subscribed to. */
static void
ui_job_finished(struct ui *ui)
{
	const char *out = ui_job_output(ui->job);
	struct buf b;
	char *line, *save, *lines;
	long long id;
	int status = ui_job_status(ui->job), fetch;

	/* Its lines, "orrery: " taken off, joined with "; ". */
	buf_init(&b, 0);
	lines = xstrdup(out);
	for (line = lines; line != NULL && *line != '\0'; line = save) {
		save = strchr(line, '\n');
		if (save != NULL)
			*save++ = '\0';
		if (strncmp(line, "orrery: ", 8) == 0)
			line += 8;
		if (*line == '\0')
			continue;
		buf_printf(&b, "%s%s", b.len > 0 ? "; " : "", line);
	}
	free(lines);
	fetch = status == 0 && !ui_offline(ui) && ui_start_fetcher(ui) == 0;
	if (status != 0)
		ui_error(ui, "%s", b.len > 0 ? b.data : "failed");
	else if (ui->job_import) {
		if (fetch)
			chan_command(ui->chan, CHAN_REFRESH_ALL, 0, 0);
		ui_message(ui, "%s%s", b.len > 0 ? b.data : "imported",
		    fetch ? "; fetching the new feeds" : "");
	} else if (sscanf(out, "added feed %lld:", &id) == 1) {
		if (fetch)
			chan_command(
			    ui->chan, CHAN_REFRESH_FEED, (int64_t)id, 1);
		ui_message(ui, "%s%s", b.data,
		    fetch ? "; fetching it" : " (offline: not fetched)");
	} else
		ui_message(ui, "%s", b.len > 0 ? b.data : "done");
	buf_free(&b);
	ui_job_free(ui->job);
	ui->job = NULL;
	ui_reload_all(ui);
}

/* What the UI does with an action the view left alone. */
static void
ui_action(struct ui *ui, enum keys_action a, int key)
{
	struct view *v = ui->top, *w;
	char name[32];

	switch (a) {
	case KEYS_A_BACK:
		if (v->below == NULL)
			ui->quit = 1;
		else
			ui_pop(ui);
		break;
	case KEYS_A_QUIT:
		ui->quit = 1;
		break;
	case KEYS_A_REFRESH_ALL:
		ui_refresh(ui, 0);
		break;
	case KEYS_A_SOURCES:
		if (v->ops->context == KEYS_IN_SOURCES) {
			ui_pop(ui);
			break;
		}
		/* There is one sources view: back down to it when it is
		 * on the stack, rather than piling up another. */
		for (w = v->below; w != NULL; w = w->below)
			if (w->ops->context == KEYS_IN_SOURCES)
				break;
		if (w == NULL)
			ui_push(ui, view_sources_new(ui));
		while (w != NULL && ui->top != w)
			ui_pop(ui);
		break;
	case KEYS_A_SEARCH:
		ui_prompt(ui, "Search: ", NULL, ui_search_done, v);
		break;
	case KEYS_A_HELP:
		ui_push(ui, view_help_new(ui, v->ops->context));
		break;
	case KEYS_A_UNDO:
		ui_undo(ui);
		break;
	case KEYS_A_ADD_FEED:
	case KEYS_A_IMPORT:
		ui_subscribe_ask(ui, a == KEYS_A_IMPORT);
		break;
	case KEYS_A_REDRAW:
		ui->full_redraw = 1;
		break;
	case KEYS_NONE:
		keys_name(key, name, sizeof name);
		ui_message(ui, "%s does nothing here (? lists the keys)", name);
		break;
	default:
		keys_name(key, name, sizeof name);
		ui_message(ui, "%s does nothing here", name);
		break;
	}
}

static void
ui_key(struct ui *ui, int key)
{
	struct view *v = ui->top;
	enum keys_action a;
	long count;

	if (ui->ask == UI_ASK_LINE) {
		ui_line_key(ui, key);
		return;
	}
	if (ui->ask == UI_ASK_CONFIRM) {
		ui_confirm_key(ui, key);
		return;
	}
	if (v == NULL)
		return;
	a = keys_lookup(ui->keys, v->ops->context, key);
	if (a == KEYS_NONE && key >= '0' && key <= '9' &&
	    (ui->count > 0 || key != '0')) {
		if (ui->count < 100000)
			ui->count = ui->count * 10 + (key - '0');
		ui_message(ui, "%ld", ui->count);
		return;
	}
	if (a == KEYS_NONE && key == KEYS_ESC) {
		if (ui->count > 0) {
			ui->count = 0;
			ui->msg[0] = '\0';
			ui->status_dirty = 1;
		}
		return;
	}
	count = ui->count;
	ui->count = 0;
	/* A new key clears the last message (the action may set one). */
	if (ui->msg[0] != '\0') {
		ui->msg[0] = '\0';
		ui->status_dirty = 1;
	}
	if (a != KEYS_NONE && v->ops->action(v, a, count)) {
		ui->title_dirty = 1;
		return;
	}
	ui_action(ui, a, key);
}

static void
ui_mouse(struct ui *ui)
{
	MEVENT ev;
	struct view *v = ui->top;
	enum view_mouse what;

	if (getmouse(&ev) != OK || v == NULL || v->ops->mouse == NULL ||
	    ui->ask != UI_ASK_NONE)
		return;
	if (ev.bstate & BUTTON4_PRESSED)
		what = VIEW_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		what = VIEW_WHEEL_DOWN;
#endif
	else if (ev.bstate & BUTTON1_DOUBLE_CLICKED)
		what = VIEW_DOUBLE_CLICK;
	else if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
		what = VIEW_CLICK;
	else
		return;
	if ((what == VIEW_CLICK || what == VIEW_DOUBLE_CLICK) &&
	    (ev.y < v->top || ev.y >= v->top + v->rows))
		return;
	v->ops->mouse(v, what, ev.y - v->top);
	ui->title_dirty = 1;
}

/* A report in the SGR encoding that ncurses left to ui_mouse. */
static void
ui_mouse_sgr(struct ui *ui)
{
	struct ui_mouse_report r;
	struct view *v = ui->top;
	enum view_mouse what;

	if (ui_mouse_read(&r) != 0 || r.motion || v == NULL ||
	    v->ops->mouse == NULL || ui->ask != UI_ASK_NONE)
		return;
	if (r.button == 64 && r.press)
		what = VIEW_WHEEL_UP;
	else if (r.button == 65 && r.press)
		what = VIEW_WHEEL_DOWN;
	else if (r.button == 0 && r.press)
		what = r.twice ? VIEW_DOUBLE_CLICK : VIEW_CLICK;
	else
		return;
	if ((what == VIEW_CLICK || what == VIEW_DOUBLE_CLICK) &&
	    (r.y < v->top || r.y >= v->top + v->rows))
		return;
	v->ops->mouse(v, what, r.y - v->top);
	ui->title_dirty = 1;
}

static void
ui_read_keys(struct ui *ui)
{
	wint_t wc;
	int r, key;

	while (!ui->quit) {
		r = get_wch(&wc);
		if (r == ERR)
			break;
		if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
			ui_resize(ui);
			continue;
		}
		if (r == KEY_CODE_YES && wc == KEY_MOUSE) {
			ui_mouse(ui);
			continue;
		}
		if (r == KEY_CODE_YES && wc == UI_MOUSE_SGR_KEY) {
			ui_mouse_sgr(ui);
			continue;
		}
		key = ui_key_code(r, wc);
		if (key < 0)
			continue;
		ui_log(ui, "key %d", key);
		ui_key(ui, key);
	}
}

/* ---- the fetcher's events ------------------------------------------ */

/* Every view on the stack gets ev. */
static void
ui_view_event(
    struct ui *ui, enum view_event_type type, int64_t feed, int failed)
{
	struct view_event ev;
	struct view *v;

	memset(&ev, 0, sizeof ev);
	ev.type = type;
	ev.feed = feed;
	ev.failed = failed;
	for (v = ui->top; v != NULL; v = v->below)
		if (v->ops->event != NULL)
			v->ops->event(v, &ev);
}

/* " (Tab: sources)" with the configured key, or "" in the sources view
 * or when no key shows it. */
static const char *
ui_sources_hint(struct ui *ui, char *out, size_t len)
{
	char key[32];

	out[0] = '\0';
	if ((ui->top != NULL && ui->top->ops->context == KEYS_IN_SOURCES) ||
	    keys_first(ui->keys, KEYS_A_SOURCES, key, sizeof key) != 0)
		return out;
	snprintf(out, len, " (%s: sources)", key);
	return out;
}

/* The refresh's progress and outcome, for the status line. */
static void
ui_event_progress(struct ui *ui, const struct chan_msg *m)
{
	const char *why;
	char hint[48];

	switch (m->type) {
	case CHAN_BATCH_START:
		if (!ui->refreshing) {
			ui->r_total = ui->r_done = ui->r_failed = ui->r_new = 0;
			ui->a_total = ui->a_done = ui->a_ok = 0;
			free(ui->r_last_error);
			ui->r_last_error = NULL;
		}
		ui->refreshing = 1;
		ui->r_total += m->batch_start.feeds;
		break;
	case CHAN_FEED_DONE:
		ui->r_done++;
		ui->r_new += m->feed_done.new;
		break;
	case CHAN_FEED_FAIL:
		why = m->feed_fail.why;
		ui->r_done++;
		ui->r_failed++;
		free(ui->r_last_error);
		ui->r_last_error = why != NULL ? xstrdup(why) : NULL;
		ui_log(ui, "feed %" PRId64 " failed: %s", m->feed_fail.feed,
		    why != NULL ? why : "");
		break;
	case CHAN_BATCH_DONE:
		ui->refreshing = 0;
		if (ui->r_failed > 0)
			ui_error(ui,
			    "refreshed %ld feed%s: %ld new, %ld failed%s%s%s",
			    ui->r_done, ui->r_done == 1 ? "" : "s", ui->r_new,
			    ui->r_failed,
			    ui_sources_hint(ui, hint, sizeof hint),
			    ui->r_failed == 1 && ui->r_last_error != NULL ? ": "
									  : "",
			    ui->r_failed == 1 && ui->r_last_error != NULL
				? ui->r_last_error
				: "");
		else if (ui->r_total > 0 && ui->a_total > 0)
			ui_message(ui,
			    "refreshed %ld feed%s: %ld new, %ld of %ld whole "
			    "articles",
			    ui->r_done, ui->r_done == 1 ? "" : "s", ui->r_new,
			    ui->a_ok, ui->a_total);
		else if (ui->r_total > 0)
			ui_message(ui, "refreshed %ld feed%s: %ld new",
			    ui->r_done, ui->r_done == 1 ? "" : "s", ui->r_new);
		break;
	default:
		break;
	}
}

/* A whole article's progress: the one F asked for (ui_fetch_article) in
 * the status line's message, a refresh's (full-text feeds) counted in
 * its progress; every view hears how each ended. */
static void
ui_event_article(struct ui *ui, const struct chan_msg *m)
{
	struct view_event ev;
	struct view *v;
	int asked = m->article.entry == ui->asked;

	if (m->type == CHAN_ARTICLE_START) {
		if (asked)
			ui_message(ui,
			    "fetching the whole article\xe2\x80\xa6 "
			    "(the page is downloading)");
		else if (ui->refreshing) {
			ui->a_total++;
			ui->status_dirty = 1;
		}
		return;
	}
	if (asked)
		ui->asked = 0;
	else if (ui->refreshing && ui->a_done < ui->a_total) {
		ui->a_done++;
		ui->a_ok += m->type == CHAN_ARTICLE_DONE;
		ui->status_dirty = 1;
	}
	memset(&ev, 0, sizeof ev);
	ev.type = m->type == CHAN_ARTICLE_DONE ? VIEW_ARTICLE_DONE
					       : VIEW_ARTICLE_FAIL;
	ev.entry = m->article.entry;
	ev.why = m->article.why != NULL ? m->article.why : "failed";
	if (m->type == CHAN_ARTICLE_FAIL)
		ui_log(ui, "article of entry %" PRId64 " failed: %s",
		    m->article.entry, ev.why);
	for (v = ui->top; v != NULL; v = v->below)
		if (v->ops->event != NULL)
			v->ops->event(v, &ev);
}

/*
 * A message from the fetcher: the status line's count, then what it
 * means for the views (the only place that turns wire messages into UI
 * events).
 */
static void
ui_event(struct ui *ui, const struct chan_msg *m)
{
	ui_event_progress(ui, m);
	ui->status_dirty = 1;
	switch (m->type) {
	case CHAN_BATCH_START:
	case CHAN_BATCH_DONE:
		ui_view_event(ui, VIEW_ENTRIES_CHANGED, 0, 0);
		break;
	case CHAN_FEED_DONE:
		if (m->feed_done.new > 0 || m->feed_done.updated > 0)
			ui_view_event(ui, VIEW_ENTRIES_CHANGED, 0, 0);
		ui_view_event(ui, VIEW_FEEDS_CHANGED, m->feed_done.feed, 0);
		break;
	case CHAN_FEED_FAIL:
		ui_view_event(ui, VIEW_FEEDS_CHANGED, m->feed_fail.feed, 1);
		break;
	case CHAN_ARTICLE_START:
	case CHAN_ARTICLE_DONE:
	case CHAN_ARTICLE_FAIL:
		ui_event_article(ui, m);
		return;
	default:
		break;
	}
	ui_view_event(ui, VIEW_PROGRESS, 0, 0);
}

/* How often (seconds) the loop wakes to look for other processes'
 * writes when nothing else wakes it. */
#define UI_LIVE_SECONDS 2

/*
 * Another process (a cron refresh, `orrery remove`, `orrery mark`) or the
 * fetcher committed to the store: every view reloads as after a fetch,
 * keeping its selection.  Runs on every wake-up; during a refresh of our
 * own, whose events say what changed, at most every UI_LIVE_SECONDS.
 */
static void
ui_check_others(struct ui *ui)
{
	int64_t version;
	time_t now = time(NULL);
	char *cause = NULL;

	if (ui->refreshing && now - ui->version_checked < UI_LIVE_SECONDS &&
	    now >= ui->version_checked)
		return;
	ui->version_checked = now;
	if (store_data_version(ui->store, &version, &cause) != 0) {
		ui_log(ui, "%s", cause);
		free(cause);
		return;
	}
	if (ui->have_version && version != ui->data_version) {
		ui_log(ui, "the store changed under the reader");
		ui_view_event(ui, VIEW_ENTRIES_CHANGED, 0, 0);
		ui_view_event(ui, VIEW_FEEDS_CHANGED, 0, 0);
		ui->title_dirty = 1;
	}
	ui->data_version = version;
	ui->have_version = 1;
}

static void
ui_read_events(struct ui *ui)
{
	struct chan_msg *m;

	if (ui->chan == NULL)
		return;
	while ((m = chan_next_event(ui->chan)) != NULL) {
		ui_event(ui, m);
		chan_msg_free(m);
	}
}

/* ---- start-up and the loop ----------------------------------------- */

/* Curses needs a UTF-8 locale for the wide-character calls. */
static void
ui_locale(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (cs == NULL || !util_strcaseeq(cs, "UTF-8")) {
		if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
			setlocale(LC_CTYPE, "en_US.UTF-8");
	}
}

static void
ui_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/*
 * Start the fetcher the first time something is to be fetched: a reader
 * opened only to read pays neither for libcurl's set-up (its TLS library
 * alone is megabytes) nor for the thread.  It runs on the UI thread while
 * no other thread exists, as curl_global_init requires.  Every signal is
 * blocked in the fetcher's threads, so that they all come to the UI
 * thread and interrupt its poll().
 */
static int
ui_start_fetcher(struct ui *ui)
{
	sigset_t all, old;
	char *cause = NULL;

	if (ui->fetch != NULL)
		return 0;
	if (ui->offline)
		return -1;
	if (ui->fetch_failed || ui->chan == NULL) {
		ui_error(ui, "not fetching: the fetcher did not start");
		return -1;
	}
	if (!ui->curl_ready) {
		if (fetch_global_init(&cause) != 0)
			goto fail;
		ui->curl_ready = 1;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	ui->fetch = fetch_start(ui->cfg, ui->store_path, ui->chan, &cause);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (ui->fetch == NULL)
		goto fail;
	ui_log(ui, "fetcher started");
	return 0;

fail:
	ui->fetch_failed = 1;
	ui_error(ui, "not fetching: %s", cause);
	buf_printf(&ui->after, "orrery: not fetching: %s\n", cause);
	free(cause);
	return -1;
}

/* The channel always exists (views may ask for a refresh at any time);
 * the fetcher behind it starts on demand. */
static void
ui_fetch_setup(struct ui *ui)
{
	char *cause = NULL;

	ui->chan = chan_new(&cause);
	if (ui->chan == NULL) {
		ui->fetch_failed = 1;
		buf_printf(&ui->after, "orrery: not fetching: %s\n", cause);
		free(cause);
		return;
	}
	if (ui->offline)
		return;
	if (ui->cfg->refresh_on_start && ui_start_fetcher(ui) == 0)
		chan_command(ui->chan, CHAN_REFRESH_ALL, 0, 0);
	if (ui->cfg->refresh_interval > 0)
		ui->next_auto = time(NULL) + ui->cfg->refresh_interval * 60;
}

static void
ui_loop(struct ui *ui)
{
	struct pollfd pfd[3];
	nfds_t n;
	time_t now;
	int timeout;

	while (!ui->quit) {
		ui_draw(ui);
		/* What a view left for after its first paint. */
		if (ui->top != NULL && ui->top->ops->idle != NULL &&
		    ui->top->ops->idle(ui->top)) {
			ui->title_dirty = 1;
			ui_draw(ui);
		}
		/* Checked after drawing, as late as can be before poll(): a
		 * signal that came while a reload was drawn must not wait
		 * for the next key. */
		if (ui_signalled) {
			ui_log(ui, "signal %d", (int)ui_signalled);
			break;
		}
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		n = 1;
		if (ui->chan != NULL) {
			pfd[1].fd = chan_event_fd(ui->chan);
			pfd[1].events = POLLIN;
			n = 2;
		}
		if (ui->job != NULL) {
			pfd[n].fd = ui_job_fd(ui->job);
			pfd[n].events = POLLIN;
			pfd[n].revents = 0;
			n++;
		}
		timeout = -1;
		if (ui->next_auto != 0) {
			now = time(NULL);
			if (ui->next_auto <= now) {
				if (!ui->refreshing &&
				    ui_start_fetcher(ui) == 0)
					chan_command(
					    ui->chan, CHAN_REFRESH_ALL, 0, 0);
				ui->next_auto =
				    now + ui->cfg->refresh_interval * 60;
			}
			/* A clock set back must not push it out of reach
			 * (nor overflow the int). */
			if (ui->next_auto - now >
			    ui->cfg->refresh_interval * 60)
				ui->next_auto =
				    now + ui->cfg->refresh_interval * 60;
			timeout = (int)(ui->next_auto - now) * 1000;
		}
		if (timeout < 0 || timeout > UI_LIVE_SECONDS * 1000)
			timeout = UI_LIVE_SECONDS * 1000;
		pfd[0].revents = 0;
		if (poll(pfd, n, timeout) == -1) {
			if (errno != EINTR)
				break;
			/* SIGWINCH: curses queues KEY_RESIZE. */
		} else if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			/* The terminal is gone and no SIGHUP came (blocked
			 * or lost): reading it again would only spin. */
			ui_signalled = SIGHUP;
			ui_log(ui, "terminal hung up");
			break;
		}
		ui_read_events(ui);
		if (ui->job != NULL && n > 0 &&
		    pfd[n - 1].fd == ui_job_fd(ui->job) &&
		    pfd[n - 1].revents != 0 && ui_job_read(ui->job))
			ui_job_finished(ui);
		ui_check_others(ui);
		ui_read_keys(ui);
	}
}

static int
ui_curses_start(struct ui *ui)
{
	const char *term = getenv("TERM");

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr,
		    "orrery: the reader needs a terminal; for scripts use the "
		    "commands: orrery --help\n");
		return -1;
	}
	ui->screen = newterm(NULL, stdout, stdin);
	if (ui->screen == NULL) {
		if (term == NULL || *term == '\0')
			fprintf(stderr,
			    "orrery: TERM is not set (set it to the "
			    "terminal's type, such as xterm-256color)\n");
		else
			fprintf(stderr,
			    "orrery: cannot use terminal type \"%s\" "
			    "(check TERM, such as TERM=xterm-256color)\n",
			    term);
		return -1;
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	ui_colors_init(ui);
	if (ui->cfg->mouse)
		(void)ui_mouse_start();
	return 0;
}

int
ui_main(const struct ui_options *o)
{
	struct ui ui;
	struct store_filter all;
	char *cause = NULL;
	int status = 0, fd;

	memset(&ui, 0, sizeof ui);
	ui.cfg = o->cfg;
	ui.store_path = o->store_path;
	ui.offline = o->offline;
	buf_init(&ui.after, 0);
	if (o->log_path != NULL) {
		/* 0600 like the store: it names what was read and opened. */
		fd = open(o->log_path,
		    O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		ui.log = fd != -1 ? fdopen(fd, "a") : NULL;
		if (ui.log == NULL) {
			if (fd != -1)
				close(fd);
			fprintf(stderr,
			    "orrery: %s: cannot open the log: %s "
			    "(check -l FILE)\n",
			    o->log_path, strerror(errno));
			return 1;
		}
	}
	ui.keys = keys_map_new(o->cfg->keys, &cause);
	if (ui.keys == NULL) {
		fprintf(stderr, "orrery: [keys]: %s\n", cause);
		free(cause);
		if (ui.log != NULL)
			fclose(ui.log);
		return 1;
	}
	/* An existing store opens read-only where it cannot be written;
	 * the first mark then says the store is read-only. */
	ui.store = access(o->store_path, F_OK) == 0
	    ? store_open_notice(
		  o->store_path, STORE_EXISTING, NULL, upgrade_notice, &cause)
	    : store_open(o->store_path, &cause);
	if (ui.store == NULL) {
		fprintf(stderr, "orrery: %s\n", cause);
		free(cause);
		keys_map_free(ui.keys);
		if (ui.log != NULL)
			fclose(ui.log);
		return 1;
	}
	if (store_hide_rules(ui.store, (const char *const *)o->cfg->hides,
		o->cfg->nhides, (int64_t)time(NULL), o->cfg->timezone_utc,
		&cause) != 0) {
		fprintf(stderr, "orrery: [filters]: %s\n", cause);
		free(cause);
		store_close(ui.store);
		keys_map_free(ui.keys);
		if (ui.log != NULL)
			fclose(ui.log);
		return 1;
	}
	/* The fetcher's writes are one short transaction per feed; waiting
	 * longer than this means another program holds the store, and the
	 * reader says so rather than freezing. */
	store_busy_timeout(ui.store, 250);
	ui_locale();
	ui_signals();
	if (ui_curses_start(&ui) != 0) {
		store_close(ui.store);
		keys_map_free(ui.keys);
		if (ui.log != NULL)
			fclose(ui.log);
		return 1;
	}
	ui_log(&ui, "start %dx%d store %s", COLS, LINES, o->store_path);
	ui_fetch_setup(&ui);
	ui_check_others(&ui); /* where the store stands as the reader opens */
	memset(&all, 0, sizeof all);
	ui_push(&ui, view_planet_new(&ui, &all, "Planet"));
	ui_loop(&ui);
	view_planet_seen(&ui);

	while (ui.top != NULL)
		ui_pop(&ui);
	ui_job_free(ui.job);
	ui_mouse_stop();
	endwin();
	delscreen(ui.screen);
	if (ui.fetch != NULL)
		fetch_stop(ui.fetch);
	chan_free(ui.chan);
	if (ui.curl_ready)
		fetch_global_cleanup();
	store_close(ui.store);
	keys_map_free(ui.keys);
	if (ui.refreshing)
		buf_printf(&ui.after,
		    "orrery: refresh stopped at %ld of %ld feeds\n", ui.r_done,
		    ui.r_total);
	if (ui.r_failed > 0)
		buf_printf(&ui.after,
		    "orrery: %ld feed%s failed in the last refresh "
		    "(orrery feeds shows why)\n",
		    ui.r_failed, ui.r_failed == 1 ? "" : "s");
	if (ui_signalled == SIGINT || ui_signalled == SIGTERM ||
	    ui_signalled == SIGHUP)
		status = 128 + (int)ui_signalled;
	if (ui.after.len > 0)
		fputs(ui.after.data, stderr);
	buf_free(&ui.after);
	free(ui.search);
	free(ui.ask_prompt);
	free(ui.r_last_error);
	ui_log(&ui, "exit %d", status);
	if (ui.log != NULL)
		fclose(ui.log);
	return status;
}
