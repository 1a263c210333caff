/*
 * html_table: tables.  Owns collecting a table's rows and cells while
 * the tree is walked (the handlers of table, thead/tbody/tfoot, tr,
 * td/th and caption), placing cells on a grid (colspan, rowspan),
 * sizing columns to their content within the width, and laying the
 * table out as a grid or, when even the longest words do not fit, as one
 * record of "Header: value" lines per row.  Also a cell of line numbers
 * beside code, which waits in r->lnum for the pre.  Pure; what a cell
 * holds is collected by html_render.c, how its lines wrap is
 * html_layout.c's.
 */
#include "html_int.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define HTML_COLSEP 3 /* " │ " */

static void
table_start(struct render *r)
{
	r->tbl = xcalloc(1, sizeof *r->tbl);
	r->tdepth = 0;
	r->thead = 0;
	r->cur = NULL;
}

static void
table_row(struct render *r)
{
	struct table *t = r->tbl;

	if (t->nrows == t->size) {
		t->size = t->size == 0 ? 8 : t->size * 2;
		t->rows = xreallocarray(t->rows, t->size, sizeof *t->rows);
	}
	memset(&t->rows[t->nrows], 0, sizeof *t->rows);
	t->rows[t->nrows].head = r->thead > 0;
	t->nrows++;
}

static long
table_span(const xmlNode *n, const char *name)
{
	long v;

	if (n == NULL || html_long(html_attr(n, name), &v) != 0 || v < 1)
		return 1;
	return v > 1000 ? 1000 : v;
}

/* A cell (n is NULL for text found between cells). */
void
table_cell(struct render *r, const xmlNode *n)
{
	struct table *t = r->tbl;
	struct row *row;
	struct cell *c;

	if (t->nrows == 0)
		table_row(r);
	row = &t->rows[t->nrows - 1];
	if (row->ncells == row->size) {
		row->size = row->size == 0 ? 8 : row->size * 2;
		row->cells =
		    xreallocarray(row->cells, row->size, sizeof *row->cells);
	}
	c = &row->cells[row->ncells++];
	memset(c, 0, sizeof *c);
	c->span = (size_t)table_span(n, "colspan");
	c->rowspan = table_span(n, "rowspan");
	c->th = n != NULL && strcmp((const char *)n->name, "th") == 0;
	r->cur = &c->para;
}

void
table_free(struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->rows[i].ncells; j++)
			para_free(&t->rows[i].cells[j].para);
		free(t->rows[i].cells);
	}
	free(t->rows);
	para_free(&t->caption);
	free(t);
}

/* Grow an int array to n entries, the new ones 0. */
static void
table_ints(int **v, size_t *have, size_t n)
{
	if (n <= *have)
		return;
	*v = xreallocarray(*v, n, sizeof **v);
	memset(*v + *have, 0, (n - *have) * sizeof **v);
	*have = n;
}

static int
table_cellw(const struct cell *c, size_t ncols, const int *w)
{
	size_t k, e = c->col + c->span;
	int cw = 0;

	if (e > ncols)
		e = ncols;
	for (k = c->col; k < e; k++)
		cw += w[k];
	return cw + HTML_COLSEP * (int)(e - c->col - 1);
}

static void
cell_begin(struct sink *sk, struct lb *lb)
{
	lb_reset(lb);
}

static void
cell_end(struct sink *sk, struct lb *lb, int empty)
{
	struct lb *d;

	if (sk->nlines == sk->size) {
		sk->size = sk->size == 0 ? 4 : sk->size * 2;
		sk->lines =
		    xreallocarray(sk->lines, sk->size, sizeof *sk->lines);
		memset(sk->lines + sk->nlines, 0,
		    (sk->size - sk->nlines) * sizeof *sk->lines);
	}
	d = &sk->lines[sk->nlines++];
	lb_reset(d);
	lb_cat(d, lb);
}

static void
table_sep(struct lb *lb, const char *mid)
{
	lb_str(lb, mid, HTML_A_DIM);
}

/* Does a cell hold more than blanks (no-break spaces too)? */
static int
cell_shows(const struct cell *c)
{
	size_t i;

	for (i = 0; i < c->para.len; i++)
		if (strchr(" \001\002\n", c->para.text[i]) == NULL)
			return 1;
	return 0;
}

/* The table as a grid of columns w wide. */
static void
table_grid(struct render *r, struct table *t, size_t ncols, const int *w)
{
	struct sink *sks;
	struct lb *lb = &r->lb;
	struct row *row;
	struct cell *c;
	size_t i, j, k, h, col, m, end;
	int cw, x;

	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		sks = xcalloc(row->ncells + 1, sizeof *sks);
		h = 1;
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			sks[j].r = r;
			sks[j].begin = cell_begin;
			sks[j].end = cell_end;
			if (c->col >= ncols || c->para.len == 0)
				continue;
			html_wrap(&c->para, table_cellw(c, ncols, w), &sks[j],
			    &r->blb);
			if (sks[j].nlines > h)
				h = sks[j].nlines;
		}
		/* Nothing after the row's last cell that shows something. */
		end = 0;
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			if (c->col < ncols && cell_shows(c))
				end = c->col + c->span;
		}
		if (end > ncols)
			end = ncols;
		for (k = 0; k < h && end > 0; k++) {
			lb_reset(lb);
			pfx_write(r, lb, 0);
			col = 0;
			j = 0;
			while (col < end) {
				if (col > 0)
					table_sep(lb, " " U_VBAR " ");
				if (j < row->ncells &&
				    row->cells[j].col == col) {
					c = &row->cells[j];
					cw = table_cellw(c, ncols, w);
					if (k < sks[j].nlines) {
						lb_cat(lb, &sks[j].lines[k]);
						cw -= sks[j].lines[k].width;
					}
					lb_pad(lb, cw, 0);
					col += c->span;
					j++;
				} else {
					lb_pad(lb, w[col], 0);
					col++;
				}
			}
			render_line(r, lb, 0);
		}
		for (j = 0; j < row->ncells; j++) {
			for (m = 0; m < sks[j].size; m++)
				lb_free(&sks[j].lines[m]);
			free(sks[j].lines);
		}
		free(sks);
		if (row->head && i + 1 < t->nrows && !t->rows[i + 1].head) {
			lb_reset(lb);
			pfx_write(r, lb, 0);
			for (col = 0; col < ncols; col++) {
				if (col > 0)
					table_sep(lb, U_HBAR U_CROSS U_HBAR);
				for (x = 0; x < w[col]; x++)
					table_sep(lb, U_HBAR);
			}
			render_line(r, lb, 0);
		}
	}
}

/* Too wide: each row as "Header: value" lines, a blank line between
 * rows. */
static void
table_records(struct render *r, struct table *t, size_t ncols)
{
	struct para q;
	struct row *row;
	struct cell *c;
	char **labels, *flat, *s;
	size_t i, j;
	int body = 0;

	labels = xcalloc(ncols, sizeof *labels);
	for (i = 0; i < t->nrows; i++) {
		if (!t->rows[i].head) {
			body = 1;
			continue;
		}
		/* Header rows stacked: their labels joined by " / ". */
		for (j = 0; j < t->rows[i].ncells; j++) {
			c = &t->rows[i].cells[j];
			if (c->col >= ncols || c->para.len == 0)
				continue;
			flat = para_flat(&c->para);
			if (labels[c->col] == NULL)
				labels[c->col] = flat;
			else {
				s = xasprintf("%s / %s", labels[c->col], flat);
				free(labels[c->col]);
				free(flat);
				labels[c->col] = s;
			}
		}
	}
	memset(&q, 0, sizeof q);
	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		if (row->head && body)
			continue;
		r->blank = 1;
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			if (c->para.len == 0 || c->col >= ncols)
				continue;
			para_clear(&q);
			if (body && labels[c->col] != NULL &&
			    labels[c->col][0] != '\0') {
				para_put(&q, labels[c->col],
				    strlen(labels[c->col]), HTML_A_BOLD,
				    HTML_SYN_NONE);
				para_put(
				    &q, ":", 1, HTML_A_BOLD, HTML_SYN_NONE);
				para_put(&q, " ", 1, 0, HTML_SYN_NONE);
			}
			para_cat(&q, &c->para);
			render_wrap(r, &q, 0);
		}
	}
	for (j = 0; j < ncols; j++)
		free(labels[j]);
	free(labels);
	para_free(&q);
}

/* Spread what a spanning cell needs over its columns. */
static void
table_spread(int *v, size_t col, size_t e, int need)
{
	size_t k;
	int have = 0, d;

	for (k = col; k < e; k++)
		have += v[k];
	have += HTML_COLSEP * (int)(e - col - 1);
	if (need <= have)
		return;
	d = need - have;
	for (k = col; k < e; k++)
		v[k] += d / (int)(e - col) +
		    ((int)(k - col) < d % (int)(e - col) ? 1 : 0);
}

/* Does any cell show something? */
static int
table_seen(const struct table *t)
{
	size_t i, j;

	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->rows[i].ncells; j++)
			if (cell_shows(&t->rows[i].cells[j]))
				return 1;
	return 0;
}

/*
 * Put the cells on the grid: a cell goes to the first column its row
 * leaves free, rowspans keep columns busy below, and a span wider than
 * any row has cells ends where the widest row does.  Measures each cell
 * and marks the header rows (without thead: leading rows of th).
 * Returns the number of columns.
 */
static size_t
table_place(struct table *t)
{
	struct row *row;
	struct cell *c;
	int *busy = NULL;
	size_t nbusy = 0, ncols = 0, maxcells = 0, i, j, k, col;

	for (i = 0; i < t->nrows; i++)
		if (t->rows[i].ncells > maxcells)
			maxcells = t->rows[i].ncells;
	for (i = 0; i < t->nrows; i++) {
		row = &t->rows[i];
		col = 0;
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			while (col < nbusy && busy[col] > 0)
				col++;
			/* Leave a column for each cell still to come. */
			k = row->ncells - j - 1;
			if (c->span > 1 && col + c->span + k > maxcells)
				c->span = col + k + 1 < maxcells
				    ? maxcells - col - k
				    : 1;
			c->col = col;
			col += c->span;
			para_rstrip(&c->para);
			para_measure(&c->para, &c->minw, &c->maxw);
		}
		if (col > ncols)
			ncols = col;
		table_ints(&busy, &nbusy, col);
		for (k = 0; k < nbusy; k++)
			if (busy[k] > 0)
				busy[k]--;
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			for (k = c->col; k < c->col + c->span; k++)
				if (busy[k] < c->rowspan - 1)
					busy[k] = (int)c->rowspan - 1;
		}
	}
	free(busy);
	for (i = 0; i < t->nrows && !t->rows[i].head && t->rows[i].ncells > 0;
	     i++) {
		for (j = 0; j < t->rows[i].ncells && t->rows[i].cells[j].th;
		     j++)
			;
		if (j < t->rows[i].ncells)
			break;
		t->rows[i].head = 1;
	}
	return ncols;
}

/* The narrowest and widest each column can be, spanning cells spread
 * over their columns. */
static void
table_measure(const struct table *t, size_t ncols, int *minw, int *maxw)
{
	const struct cell *c;
	size_t i, j, k;

	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->rows[i].ncells; j++) {
			c = &t->rows[i].cells[j];
			if (c->span != 1)
				continue;
			if (c->minw > minw[c->col])
				minw[c->col] = c->minw;
			if (c->maxw > maxw[c->col])
				maxw[c->col] = c->maxw;
		}
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->rows[i].ncells; j++) {
			c = &t->rows[i].cells[j];
			if (c->span == 1)
				continue;
			table_spread(minw, c->col, c->col + c->span, c->minw);
			table_spread(maxw, c->col, c->col + c->span, c->maxw);
		}
	for (k = 0; k < ncols; k++)
		if (maxw[k] < minw[k])
			maxw[k] = minw[k];
}

/*
 * The widths w of the columns in aw columns: each its widest when that
 * fits, else its narrowest plus a share of the room left by what it
 * would like beyond that.  -1 when even the narrowest do not fit.
 */
static int
table_widths(size_t ncols, const int *minw, const int *maxw, int aw, int *w)
{
	long long summin = 0, summax = 0, extra, slack, used, add;
	size_t k;
	int seps, progress;

	for (k = 0; k < ncols; k++) {
		summin += minw[k];
		summax += maxw[k];
	}
	seps = ncols > 1 ? HTML_COLSEP * (int)(ncols - 1) : 0;
	if (ncols > (size_t)aw || summin + seps > aw)
		return -1;
	if (summax + seps <= aw) {
		memcpy(w, maxw, ncols * sizeof *w);
		return 0;
	}
	extra = aw - seps - summin;
	slack = summax - summin;
	used = 0;
	for (k = 0; k < ncols; k++) {
		add = extra * (maxw[k] - minw[k]) / slack;
		w[k] = minw[k] + (int)add;
		used += add;
	}
	extra -= used;
	do {
		progress = 0;
		for (k = 0; k < ncols && extra > 0; k++)
			if (w[k] < maxw[k]) {
				w[k]++;
				extra--;
				progress = 1;
			}
	} while (extra > 0 && progress);
	return 0;
}

/* The table is complete: lay it out. */
static void
table_end(struct render *r)
{
	struct table *t = r->tbl;
	int *minw = NULL, *maxw = NULL, *w = NULL;
	size_t nmin = 0, nmax = 0, nw = 0, ncols;

	r->tbl = NULL;
	r->cur = &r->main;
	r->tdepth = r->thead = 0;

	para_rstrip(&t->caption);
	if (t->caption.len > 0)
		render_wrap(r, &t->caption, 0);
	ncols = table_place(t);
	/* A table of empty cells is nothing to see. */
	if (ncols > 0 && table_seen(t)) {
		table_ints(&minw, &nmin, ncols);
		table_ints(&maxw, &nmax, ncols);
		table_ints(&w, &nw, ncols);
		table_measure(t, ncols, minw, maxw);
		if (table_widths(ncols, minw, maxw, r->width - r->pfxw, w) != 0)
			table_records(r, t, ncols);
		else
			table_grid(r, t, ncols, w);
	}
	free(minw);
	free(maxw);
	free(w);
	table_free(t);
}

/* Collect the numbers of a line-number cell. */
static int
html_numbers(const char *s, void *arg)
{
	struct render *r = arg;
	size_t k;

	for (;;) {
		s += strspn(s, " \t\r\n\f");
		k = strspn(s, "0123456789");
		if (k == 0)
			break;
		if (r->nlnum == r->lnumsize) {
			r->lnumsize = r->lnumsize == 0 ? 64 : r->lnumsize * 2;
			r->lnum = xreallocarray(
			    r->lnum, r->lnumsize, sizeof *r->lnum);
		}
		r->lnum[r->nlnum++] = xstrndup(s, k < 20 ? k : 20);
		s += k;
	}
	return 1;
}

/* ---- the elements ---- */

static void
table_soft_leave(struct render *r, struct frame *f)
{
	r->tdepth--;
	if (r->cur != NULL)
		para_soft(r->cur);
}

/*
 * A table: collected, then laid out when it ends.  Inside a table being
 * collected or a pre it only breaks the line (its cells are text of the
 * cell around it); a table laying out code, line numbers beside it, is
 * blocks, the numbers waiting in r->lnum for the code's lines.
 */
int
table_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (!render_flow(r)) {
		if (r->tbl != NULL)
			r->tdepth++;
		block_soft(r, f);
		f->leave = table_soft_leave;
		return 1;
	}
	render_flush(r);
	if (html_has_pre(n)) {
		f->kind = K_BLOCK;
		f->pushed = 2;
		f->leave = block_leave;
		return 1;
	}
	r->blank = 1;
	table_start(r);
	return 1;
}

void
table_leave(struct render *r, struct frame *f)
{
	table_end(r);
	r->blank = 1;
}

/* A row, cell or caption ends: inline content waits for the next. */
static void
part_leave(struct render *r, struct frame *f)
{
	r->cur = NULL;
}

static void
tsect_leave(struct render *r, struct frame *f)
{
	if (f->pushed)
		r->thead--;
	r->cur = NULL;
}

/*
 * Is this a part of the table being collected (not of a table inside
 * its cells)?  Then its frame is set to end with leave.  Otherwise it is
 * a block like any other.
 */
static int
table_part(struct render *r, struct frame *f,
    void (*leave)(struct render *, struct frame *))
{
	if (r->tbl == NULL || r->tdepth != 0)
		return 0;
	f->mode = FM_TABLE;
	f->leave = leave;
	return 1;
}

/* thead, tbody, tfoot: rows in a thead are header rows. */
int
tsect_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (!table_part(r, f, tsect_leave))
		return block_enter(r, f, n);
	if (strcmp((const char *)n->name, "thead") == 0) {
		r->thead++;
		f->pushed = 1;
	}
	r->cur = NULL;
	return 1;
}

int
tr_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (!table_part(r, f, part_leave))
		return block_enter(r, f, n);
	table_row(r);
	r->cur = NULL;
	return 1;
}

int
caption_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (!table_part(r, f, part_leave))
		return block_enter(r, f, n);
	r->cur = &r->tbl->caption;
	return 1;
}

static void
cell_soft_leave(struct render *r, struct frame *f)
{
	if (r->cur != NULL)
		para_space(r->cur, 0, HTML_SYN_NONE);
}

/*
 * td, th: a cell of the table being collected (bold in a thead); in a
 * table inside a cell or in a pre, a space.  A cell of line numbers
 * beside code (outside a table being collected) gives its numbers to
 * the pre that follows.
 */
int
cell_enter(struct render *r, struct frame *f, const xmlNode *n)
{
	if (render_flow(r) && html_lineno(n)) {
		render_lnum_free(r);
		html_subtree_text(n, html_numbers, r);
		return 0;
	}
	if (table_part(r, f, part_leave)) {
		table_cell(r, n);
		if (r->thead > 0)
			f->attr |= HTML_A_BOLD;
		return 1;
	}
	if (!render_flow(r)) {
		f->mode = FM_SOFT;
		f->leave = cell_soft_leave;
		if (r->cur != NULL)
			para_space(r->cur, 0, HTML_SYN_NONE);
		return 1;
	}
	return block_enter(r, f, n);
}
