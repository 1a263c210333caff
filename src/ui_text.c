/*
 * ui_text: text the reader composes for the screen rather than takes
 * from a feed: wrapping a paragraph over rows (empty states, a feed's
 * error), the key hint line at the bottom from the configured bindings,
 * and the names of the keys that hints quote.  Draws only through
 * ui_put, so nothing unsanitised reaches the terminal; never touches the
 * store or the fetcher.
 */
#include "view.h"

#include <stdio.h>
#include <string.h>

#include "util.h"
#include "width.h"

/*
 * The next line of *p wrapped at width columns: its length in bytes in
 * *n; *p moves past it and the spaces or the newline that ended it.
 * Returns 0 at the end of the text.  A word wider than width is cut.
 */
static int
ui_wrap_next(const char **p, int width, size_t *n, int *cut)
{
	const char *s = *p;
	size_t i = 0, len, brk = 0, cl;
	unsigned int cp;
	int w = 0, cw;

	if (*s == '\0')
		return 0;
	len = strcspn(s, "\n");
	while (i < len) {
		cl = util_utf8_decode(
		    (const unsigned char *)s + i, len - i, &cp);
		if (cl == 0) {
			cp = 0xfffd;
			cl = 1;
		}
		cw = width_char(cp < 0x20 ? 0xfffd : cp);
		if (cw < 0)
			cw = 1;
		if (w + cw > width && i > 0)
			break;
		if (s[i] == ' ')
			brk = i;
		w += cw;
		i += cl;
	}
	if (i < len && brk > 0)
		i = brk; /* break at the last space that fits */
	*n = i;
	*cut = i < len;
	s += i;
	while (*s == ' ')
		s++;
	if (*s == '\n' && i == len)
		s++;
	*p = s;
	return 1;
}

/*
 * Walk text's wrapped rows: a row that continues a line goes in by the
 * line's own indent and two more, so that a list item's text lines up.
 * put: draw (else only count).  Returns the rows.
 */
static int
ui_wrap_walk(struct ui *ui, int y, int x, int width, int maxrows,
    const char *text, attr_t attr, int put)
{
	const char *p = text, *line;
	size_t n, indent = 0;
	int row = 0, cont = 0, in, cut;

	if (width < 1)
		width = 1;
	for (;;) {
		in = cont ? (int)indent + 2 : 0;
		if (in > width / 2)
			in = 0;
		line = p;
		if (!ui_wrap_next(&p, width - in, &n, &cut))
			break;
		if (!cont)
			indent = strspn(line, " ");
		if (put && row == maxrows - 1 && *p != '\0') {
			/* The last row there is: what is left, cut with an
			 * ellipsis. */
			ui_put(ui, y + row, x + in, width - in, line,
			    strcspn(line, "\n"), attr, 1);
			return row + 1;
		}
		if (put)
			ui_put(
			    ui, y + row, x + in, width - in, line, n, attr, 0);
		row++;
		cont = cut; /* the next row continues this line */
		if (put && row >= maxrows)
			break;
	}
	return row;
}

int
ui_wrapped_rows(const char *text, int width)
{
	return ui_wrap_walk(NULL, 0, 0, width, 0, text, 0, 0);
}

int
ui_put_wrapped(struct ui *ui, int y, int x, int width, int maxrows,
    const char *text, attr_t attr)
{
	if (width < 1 || maxrows < 1)
		return 0;
	return ui_wrap_walk(ui, y, x, width, maxrows, text, attr, 1);
}

const char *
ui_key_name(struct ui *ui, enum keys_action a, char *out, size_t len)
{
	keys_first(ui_keys(ui), a, out, len);
	return out;
}

/* The actions a view's hint line names, most useful first. */
struct ui_hint {
	enum keys_action a;
	const char *what;
};

static const struct ui_hint ui_hints_planet[] = {
	{ KEYS_A_OPEN, "open" },
	{ KEYS_A_REFRESH_ALL, "refresh" },
	{ KEYS_A_SOURCES, "sources" },
	{ KEYS_A_ADD_FEED, "add feed" },
	{ KEYS_A_HELP, "help" },
	{ KEYS_A_BACK, NULL }, /* quit or back */
	{ KEYS_A_TOGGLE_READ, "read/unread" },
	{ KEYS_A_SEARCH, "search" },
	{ KEYS_NONE, NULL },
};
static const struct ui_hint ui_hints_sources[] = {
	{ KEYS_A_OPEN, "posts" },
	{ KEYS_A_ADD_FEED, "add feed" },
	{ KEYS_A_IMPORT, "import OPML" },
	{ KEYS_A_REMOVE_FEED, "remove" },
	{ KEYS_A_HELP, "help" },
	{ KEYS_A_BACK, NULL },
	{ KEYS_A_REFRESH_FEED, "refresh" },
	{ KEYS_A_SORT, "sort" },
	{ KEYS_NONE, NULL },
};
static const struct ui_hint ui_hints_pager[] = {
	{ KEYS_A_NEXT_ENTRY, "next" },
	{ KEYS_A_PREV_ENTRY, "previous" },
	{ KEYS_A_BROWSER, "browser" },
	{ KEYS_A_FULL_ARTICLE, "article" },
	{ KEYS_A_TOGGLE_STAR, "star" },
	{ KEYS_A_HELP, "help" },
	{ KEYS_A_BACK, NULL },
	{ KEYS_NONE, NULL },
};

static const struct ui_hint ui_hints_plain[] = {
	{ KEYS_A_BACK, NULL },
	{ KEYS_A_DOWN, "down" },
	{ KEYS_A_UP, "up" },
	{ KEYS_NONE, NULL },
};

void
ui_hint_text(
    struct ui *ui, unsigned context, int first, int cols, char *out, size_t len)
{
	const struct ui_hint *h;
	char key[32], item[96];
	size_t used = 0;
	int w = 0, iw;

	if (len == 0)
		return;
	out[0] = '\0';
	if (context == 0)
		h = ui_hints_plain;
	else if (context == KEYS_IN_PLANET)
		h = ui_hints_planet;
	else if (context == KEYS_IN_SOURCES)
		h = ui_hints_sources;
	else if (context == KEYS_IN_PAGER)
		h = ui_hints_pager;
	else
		return;
	for (; h->a != KEYS_NONE; h++) {
		if (keys_first(ui_keys(ui), h->a, key, sizeof key) != 0)
			continue;
		snprintf(item, sizeof item, "%s%s %s", used > 0 ? "  " : "",
		    key, h->what != NULL ? h->what : (first ? "quit" : "back"));
		iw = width_str(item, strlen(item));
		/* Whole items only, as many as fit. */
		if (w + iw > cols || used + strlen(item) >= len)
			break;
		memcpy(out + used, item, strlen(item) + 1);
		used += strlen(item);
		w += iw;
	}
}
