/*
 * html_layout: from collected text to the document's lines.  Owns
 * display widths (our own tables through width.c, HTML_NBSP and
 * HTML_ZWB), lines under construction (struct lb), paragraphs being
 * collected with their looks (struct para: whitespace modes, control and
 * invisible characters dropped, C1 read as Windows-1252), greedy
 * wrapping with CJK break rules (html_wrap, into a sink), and the
 * document's lines: prefixes (quote bars, list markers, indentation),
 * blank lines between blocks, pre blocks with their syntax colours and
 * line numbers, rules.  Pure; must not look at the HTML tree (the
 * renderer decides what goes into a paragraph, this file only where it
 * goes).
 */
#include "html_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "width.h"

/* ---- display width ---- */

/* Columns a character takes; HTML_NBSP is a space, HTML_ZWB nothing. */
static int
html_cwidth(unsigned int cp)
{
	if (cp < 0x20)
		return cp == (unsigned int)HTML_NBSP ? 1 : 0;
	return width_char(cp);
}

/* Decode one character; a bad byte is U+FFFD of length 1. */
static size_t
html_dec(const char *s, size_t n, unsigned int *cp)
{
	size_t len;

	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	len = util_utf8_decode((const unsigned char *)s, n, cp);
	if (len == 0) {
		*cp = 0xfffd;
		return 1;
	}
	return len;
}

static int
html_swidth(const char *s, size_t n)
{
	unsigned int cp;
	size_t i = 0;
	int w = 0;

	while (i < n) {
		i += html_dec(s + i, n - i, &cp);
		w += html_cwidth(cp);
	}
	return w;
}

/* ---- lines under construction ---- */

void
lb_reset(struct lb *lb)
{
	lb->len = 0;
	lb->nspans = 0;
	lb->width = 0;
}

void
lb_free(struct lb *lb)
{
	free(lb->text);
	free(lb->spans);
	memset(lb, 0, sizeof *lb);
}

/* Append bytes (no width accounting: the caller adds to width). */
static void
lb_add(struct lb *lb, const char *s, size_t n, unsigned attr, enum html_syn syn)
{
	struct html_span *sp;
	size_t size;

	if (n == 0)
		return;
	if (lb->len + n + 1 > lb->size) {
		size = lb->size == 0 ? 128 : lb->size;
		while (lb->len + n + 1 > size)
			size *= 2;
		lb->text = xreallocarray(lb->text, size, 1);
		lb->size = size;
	}
	if (attr != 0 || syn != HTML_SYN_NONE) {
		sp = lb->nspans > 0 ? &lb->spans[lb->nspans - 1] : NULL;
		if (sp != NULL && sp->off + sp->len == lb->len &&
		    sp->attr == attr && sp->syn == syn)
			sp->len += n;
		else {
			if (lb->nspans == lb->spansize) {
				lb->spansize =
				    lb->spansize == 0 ? 8 : lb->spansize * 2;
				lb->spans = xreallocarray(
				    lb->spans, lb->spansize, sizeof *lb->spans);
			}
			sp = &lb->spans[lb->nspans++];
			sp->off = lb->len;
			sp->len = n;
			sp->attr = attr;
			sp->syn = syn;
		}
	}
	memcpy(lb->text + lb->len, s, n);
	lb->len += n;
}

void
lb_str(struct lb *lb, const char *s, unsigned attr)
{
	size_t n = strlen(s);

	lb_add(lb, s, n, attr, HTML_SYN_NONE);
	lb->width += html_swidth(s, n);
}

void
lb_pad(struct lb *lb, int n, unsigned attr)
{
	static const char sp[] = "                ";
	int k;

	while (n > 0) {
		k = n < (int)sizeof sp - 1 ? n : (int)sizeof sp - 1;
		lb_add(lb, sp, (size_t)k, attr, HTML_SYN_NONE);
		lb->width += k;
		n -= k;
	}
}

/* Append a whole line. */
void
lb_cat(struct lb *dst, const struct lb *src)
{
	size_t i, a, b;

	/* A line never written has no text at all (not even an empty
	 * string): nothing to add, and no offset from a null pointer. */
	if (src->text == NULL)
		return;
	a = 0;
	for (i = 0; i < src->nspans; i++) {
		b = src->spans[i].off;
		lb_add(dst, src->text + a, b - a, 0, HTML_SYN_NONE);
		lb_add(dst, src->text + b, src->spans[i].len,
		    src->spans[i].attr, src->spans[i].syn);
		a = b + src->spans[i].len;
	}
	lb_add(dst, src->text + a, src->len - a, 0, HTML_SYN_NONE);
	dst->width += src->width;
}

/* Drop trailing blanks. */
static void
lb_trim(struct lb *lb)
{
	struct html_span *sp;

	while (lb->len > 0 && lb->text[lb->len - 1] == ' ') {
		lb->len--;
		lb->width--;
	}
	while (lb->nspans > 0) {
		sp = &lb->spans[lb->nspans - 1];
		if (sp->off >= lb->len)
			lb->nspans--;
		else {
			if (sp->off + sp->len > lb->len)
				sp->len = lb->len - sp->off;
			break;
		}
	}
}

/* ---- paragraphs being collected ---- */

/* Record that the n bytes at off have this look. */
static void
para_seg(struct para *p, size_t off, size_t n, unsigned attr, enum html_syn syn)
{
	struct seg *sg;

	sg = p->nsegs > 0 ? &p->segs[p->nsegs - 1] : NULL;
	if (sg != NULL && sg->attr == attr && sg->syn == syn &&
	    sg->off + sg->len == off) {
		sg->len += n;
		return;
	}
	if (p->nsegs == p->segsize) {
		p->segsize = p->segsize == 0 ? 4 : p->segsize * 2;
		p->segs = xreallocarray(p->segs, p->segsize, sizeof *p->segs);
	}
	sg = &p->segs[p->nsegs++];
	sg->off = off;
	sg->len = n;
	sg->attr = attr;
	sg->syn = syn;
}

void
para_put(
    struct para *p, const char *s, size_t n, unsigned attr, enum html_syn syn)
{
	size_t size;

	if (n == 0)
		return;
	if (p->len + n + 1 > p->size) {
		size = p->size == 0 ? 64 : p->size;
		while (p->len + n + 1 > size)
			size *= 2;
		p->text = xreallocarray(p->text, size, 1);
		p->size = size;
	}
	para_seg(p, p->len, n, attr, syn);
	memcpy(p->text + p->len, s, n);
	p->len += n;
	p->text[p->len] = '\0';
}

void
para_clear(struct para *p)
{
	p->len = 0;
	p->nsegs = 0;
	p->space = 0;
	p->cr = 0;
	p->synseen = 0;
	p->markend = 0;
	p->markn = 0;
}

void
para_free(struct para *p)
{
	free(p->text);
	free(p->segs);
	memset(p, 0, sizeof *p);
}

/* Cut the text to n bytes. */
static void
para_cut(struct para *p, size_t n)
{
	struct seg *sg;

	p->len = n;
	while (p->nsegs > 0) {
		sg = &p->segs[p->nsegs - 1];
		if (sg->off >= n)
			p->nsegs--;
		else {
			if (sg->off + sg->len > n)
				sg->len = n - sg->off;
			break;
		}
	}
	if (p->text != NULL)
		p->text[n] = '\0';
}

/* Trailing spaces, breaks and break opportunities mean nothing. */
void
para_rstrip(struct para *p)
{
	size_t n = p->len;

	while (n > 0 &&
	    (p->text[n - 1] == ' ' || p->text[n - 1] == '\n' ||
		p->text[n - 1] == HTML_ZWB))
		n--;
	para_cut(p, n);
	p->space = 0;
}

/* Before a visible character: the pending marker and space. */
static void
para_before(struct para *p, int mode)
{
	if (p->leadlen > 0) {
		para_put(p, p->lead, p->leadlen, p->leadattr, HTML_SYN_NONE);
		p->leadlen = 0;
		p->space = 0;
	}
	if (mode != WS_PRE && p->space && p->len > 0 &&
	    p->text[p->len - 1] != '\n')
		para_put(p, " ", 1, p->spattr, p->spsyn);
	p->space = 0;
}

void
para_space(struct para *p, unsigned attr, enum html_syn syn)
{
	if (!p->space) {
		p->space = 1;
		p->spattr = attr;
		p->spsyn = syn;
	}
}

/* A forced line break. */
void
para_break(struct para *p)
{
	p->space = 0;
	para_put(p, "\n", 1, 0, HTML_SYN_NONE);
}

/* A block boundary inside a cell or a pre: start a new line unless at
 * the start of one. */
void
para_soft(struct para *p)
{
	if (p->len > 0 && p->text[p->len - 1] != '\n')
		para_break(p);
	p->space = 0;
}

/*
 * C1 code points as HTML5 reads character references to them (and as
 * they were most likely meant): Windows-1252; 0 for the unassigned.
 */
static const unsigned int html_cp1252[32] = { 0x20ac, 0, 0x201a, 0x192, 0x201e,
	0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0, 0x17d,
	0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc,
	0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178 };

/*
 * Add document text: whitespace by mode; control characters, escape
 * sequences and invisible characters dropped.
 */
void
para_text(struct para *p, const char *s, size_t n, unsigned attr,
    enum html_syn syn, int mode)
{
	unsigned int cp;
	size_t i = 0, j, len;
	unsigned char c;
	char enc[4];

	while (i < n) {
		/* Fast path: a run of printable ASCII. */
		j = i;
		while (j < n && (c = (unsigned char)s[j]) > 0x20 && c < 0x7f)
			j++;
		if (j > i) {
			para_before(p, mode);
			para_put(p, s + i, j - i, attr, syn);
			p->cr = 0;
			i = j;
			continue;
		}
		if (s[i] == 0x1b) {
			len = util_escape_len(s + i, n - i);
			i += len > 0 ? len : 1;
			p->cr = 0;
			continue;
		}
		len = html_dec(s + i, n - i, &cp);
		i += len;
		if (cp == '\n' && p->cr) {
			p->cr = 0;
			continue;
		}
		p->cr = cp == '\r';
		if (cp == '\r' || cp == '\n' || cp == 0x2028 || cp == 0x2029) {
			if (mode == WS_NORMAL)
				para_space(p, attr, syn);
			else if (mode == WS_PRE)
				para_put(p, "\n", 1, attr, syn);
			else
				para_break(p);
			continue;
		}
		if (cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v') {
			if (mode == WS_PRE) {
				para_before(p, mode);
				para_put(
				    p, cp == '\t' ? "\t" : " ", 1, attr, syn);
			} else
				para_space(p, attr, syn);
			continue;
		}
		if (cp >= 0x80 && cp <= 0x9f)
			cp = html_cp1252[cp - 0x80];
		if (cp < 0x20 || cp == 0x7f)
			continue;
		if (cp == 0x200b) {
			/* Zero-width space: a break opportunity. */
			if (mode != WS_PRE && !p->space && p->len > 0 &&
			    p->text[p->len - 1] != '\n')
				para_put(p, "\002", 1, attr, syn);
			continue;
		}
		/* Code is verbatim: the joiners stay inside a pre (an
		 * emoji ZWJ sequence in a string literal); elsewhere the
		 * invisible characters go. */
		if (width_invisible(cp) &&
		    !(mode == WS_PRE && (cp == 0x200c || cp == 0x200d)))
			continue;
		para_before(p, mode);
		if (cp == 0xa0 || cp == 0x202f || cp == 0x2007) {
			para_put(
			    p, mode == WS_PRE ? " " : "\001", 1, attr, syn);
			continue;
		}
		para_put(p, enc, util_utf8_encode(cp, enc), attr, syn);
	}
}

/* Append another paragraph's text and looks. */
void
para_cat(struct para *dst, const struct para *src)
{
	size_t i;

	for (i = 0; i < src->nsegs; i++)
		para_put(dst, src->text + src->segs[i].off, src->segs[i].len,
		    src->segs[i].attr, src->segs[i].syn);
}

/* ---- wrapping ---- */

/*
 * May a line break between prev and cp, one of them wide (CJK, emoji)?
 * Not before closing punctuation nor after opening punctuation.
 */
static int
html_breakable(unsigned int prev, unsigned int cp)
{
	static const unsigned int closing[] = { '!', ')', ',', '.', ':', ';',
		'?', ']', '}', 0x2026, 0x3001, 0x3002, 0x3005, 0x3009, 0x300b,
		0x300d, 0x300f, 0x3011, 0x3015, 0x3017, 0x3019, 0x301b, 0x309d,
		0x309e, 0x30fb, 0x30fc, 0xff01, 0xff09, 0xff0c, 0xff0e, 0xff1a,
		0xff1b, 0xff1f, 0xff3d, 0xff5d };
	static const unsigned int opening[] = { '(', '[', '{', 0x3008, 0x300a,
		0x300c, 0x300e, 0x3010, 0x3014, 0x3016, 0x3018, 0x301a, 0xff08,
		0xff3b, 0xff5b };
	size_t i;

	for (i = 0; i < HTML_NITEMS(closing); i++)
		if (cp == closing[i])
			return 0;
	for (i = 0; i < HTML_NITEMS(opening); i++)
		if (prev == opening[i])
			return 0;
	return 1;
}

/* Korean is written with spaces between words: no breaks inside them. */
static int
html_hangul(unsigned int cp)
{
	return (cp >= 0x1100 && cp <= 0x11ff) ||
	    (cp >= 0x3130 && cp <= 0x318f) || (cp >= 0xa960 && cp <= 0xa97f) ||
	    (cp >= 0xac00 && cp <= 0xd7ff);
}

/*
 * The box starting at i: the characters up to the next space, forced
 * break or break opportunity, or up to a break allowed next to a wide
 * character (not Hangul).  Returns its end; *w gets its width.
 */
static size_t
html_box(const struct para *p, size_t i, int *w)
{
	unsigned int cp, prev = 0;
	size_t j = i, len;
	int cw, ib, pb = 0;
	char c;

	*w = 0;
	while (j < p->len) {
		c = p->text[j];
		if (c == ' ' || c == '\n' || c == HTML_ZWB)
			break;
		len = html_dec(p->text + j, p->len - j, &cp);
		cw = html_cwidth(cp);
		ib = cw == 2 && !html_hangul(cp);
		if (j > i && cw > 0 && (ib || pb) && html_breakable(prev, cp))
			break;
		if (cw > 0) {
			pb = ib;
			prev = cp;
		}
		*w += cw;
		j += len;
	}
	return j;
}

/* Copy paragraph bytes [a, b) with their looks; *si is a cursor into
 * the runs that only moves forward. */
static void
para_copy(const struct para *p, size_t *si, size_t a, size_t b, struct lb *lb)
{
	const struct seg *sg;
	size_t e, x, y;

	while (a < b) {
		while (*si + 1 < p->nsegs &&
		    p->segs[*si].off + p->segs[*si].len <= a)
			(*si)++;
		sg = &p->segs[*si];
		e = sg->off + sg->len;
		if (e > b || e <= a)
			e = b;
		for (x = a; x < e; x = y) {
			y = x;
			while (y < e && (unsigned char)p->text[y] > 0x02)
				y++;
			lb_add(lb, p->text + x, y - x, sg->attr, sg->syn);
			if (y < e) {
				if (p->text[y] == HTML_NBSP)
					lb_add(lb, " ", 1, sg->attr, sg->syn);
				y++;
			}
		}
		a = e;
	}
}

/* Bytes [a, b) broken hard at avail columns, never before a zero-width
 * (combining) character. */
static void
wrap_hard(const struct para *p, size_t *si, size_t a, size_t b, int avail,
    int *lw, struct sink *sk, struct lb *lb)
{
	unsigned int cp;
	size_t j, len;
	int cw;

	for (j = a; j < b; j += len) {
		len = html_dec(p->text + j, b - j, &cp);
		cw = html_cwidth(cp);
		if (cw > 0 && *lw > 0 && *lw + cw > avail) {
			sk->end(sk, lb, 0);
			sk->begin(sk, lb);
			*lw = 0;
		}
		para_copy(p, si, j, j + len, lb);
		*lw += cw;
		lb->width += cw;
	}
}

/*
 * A box wider than the line: words joined by no-break spaces ("and&nbsp;
 * Chris") are broken at those spaces first, a word moving whole to the
 * next line when it fits there; only a word wider than the line itself
 * is broken hard.  A no-break space where a line breaks is dropped.
 */
static void
wrap_long(const struct para *p, size_t *si, size_t i, size_t end, int avail,
    int *lw, struct sink *sk, struct lb *lb)
{
	size_t j = i, k;
	int ww, lead;

	while (j < end) {
		lead = p->text[j] == HTML_NBSP;
		k = j + (size_t)lead;
		while (k < end && p->text[k] != HTML_NBSP)
			k++;
		ww = html_swidth(p->text + j, k - j);
		if (*lw > 0 && *lw + ww > avail && ww - lead <= avail) {
			sk->end(sk, lb, 0);
			sk->begin(sk, lb);
			*lw = 0;
		}
		if (*lw == 0 && lead) {
			j++;
			ww--;
		}
		if (*lw + ww <= avail) {
			para_copy(p, si, j, k, lb);
			*lw += ww;
			lb->width += ww;
		} else
			wrap_hard(p, si, j, k, avail, lw, sk, lb);
		j = k;
	}
}

/*
 * Greedy wrapping at avail columns.  end() is told when a line is empty
 * (a forced break at the start or twice in a row).
 */
void
html_wrap(const struct para *p, int avail, struct sink *sk, struct lb *lb)
{
	size_t i = 0, si = 0, end, sp = SIZE_MAX;
	int lw = 0, have = 0, bw, gw;
	char c;

	if (avail < 1)
		avail = 1;
	sk->begin(sk, lb);
	while (i < p->len) {
		c = p->text[i];
		if (c == ' ') {
			sp = i++;
			continue;
		}
		if (c == HTML_ZWB) {
			i++;
			continue;
		}
		if (c == '\n') {
			sk->end(sk, lb, !have);
			sk->begin(sk, lb);
			lw = have = 0;
			sp = SIZE_MAX;
			i++;
			continue;
		}
		end = html_box(p, i, &bw);
		gw = have && sp != SIZE_MAX ? 1 : 0;
		if (have && lw + gw + bw > avail) {
			sk->end(sk, lb, 0);
			sk->begin(sk, lb);
			lw = have = gw = 0;
		}
		if (gw) {
			para_copy(p, &si, sp, sp + 1, lb);
			lw++;
			lb->width++;
		}
		sp = SIZE_MAX;
		if (lw + bw <= avail) {
			para_copy(p, &si, i, end, lb);
			lw += bw;
			lb->width += bw;
		} else
			wrap_long(p, &si, i, end, avail, &lw, sk, lb);
		have = 1;
		i = end;
	}
	if (have)
		sk->end(sk, lb, 0);
}

/* The narrowest (longest box) and widest (longest line) a paragraph
 * can be laid out in. */
void
para_measure(const struct para *p, int *minw, int *maxw)
{
	size_t i = 0;
	int line = 0, have = 0, sp = 0, bw;
	char c;

	*minw = *maxw = 0;
	while (i < p->len) {
		c = p->text[i];
		if (c == ' ' || c == HTML_ZWB) {
			sp |= c == ' ';
			i++;
			continue;
		}
		if (c == '\n') {
			if (line > *maxw)
				*maxw = line;
			line = have = sp = 0;
			i++;
			continue;
		}
		i = html_box(p, i, &bw);
		if (have && sp)
			line++;
		line += bw;
		if (bw > *minw)
			*minw = bw;
		have = 1;
		sp = 0;
	}
	if (line > *maxw)
		*maxw = line;
}

/* A paragraph's text on one line, for a label. */
char *
para_flat(const struct para *p)
{
	char *s = xmalloc(p->len + 1);
	size_t i, n = 0;

	for (i = 0; i < p->len; i++) {
		if (p->text[i] == HTML_ZWB)
			continue;
		s[n++] = p->text[i] == '\n' || p->text[i] == HTML_NBSP
		    ? ' '
		    : p->text[i];
	}
	s[n] = '\0';
	return s;
}

/* Give the paragraph's runs the syntax classes of the tokens. */
static void
para_syn(struct para *p, const struct syntax_toks *t)
{
	struct seg *old = p->segs, *s;
	size_t nold = p->nsegs, i, ti = 0, x, e, pe;
	enum html_syn syn;

	p->segs = NULL;
	p->nsegs = p->segsize = 0;
	for (i = 0; i < nold; i++) {
		s = &old[i];
		e = s->off + s->len;
		for (x = s->off; x < e; x = pe) {
			while (ti < t->n && t->v[ti].off + t->v[ti].len <= x)
				ti++;
			if (ti < t->n && t->v[ti].off <= x) {
				pe = t->v[ti].off + t->v[ti].len;
				syn = t->v[ti].syn;
			} else {
				pe = ti < t->n ? t->v[ti].off : e;
				syn = s->syn;
			}
			if (pe > e)
				pe = e;
			para_seg(p, x, pe - x, s->attr, syn);
		}
	}
	free(old);
}

/* ---- the document's lines ---- */

void
render_lnum_free(struct render *r)
{
	size_t i;

	for (i = 0; i < r->nlnum; i++)
		free(r->lnum[i]);
	r->nlnum = 0;
}

int
render_mode(const struct render *r)
{
	if (r->pre == 0)
		return WS_NORMAL;
	return r->cur == &r->main ? WS_PRE : WS_PRELINE;
}

/* Append a finished line to the document. */
static void
render_push(struct render *r, struct lb *lb, unsigned flags)
{
	struct html_doc *d = r->doc;
	struct html_line *l;

	lb_trim(lb);
	if (d->nlines == r->linesize) {
		r->linesize = r->linesize == 0 ? 64 : r->linesize * 2;
		d->lines =
		    xreallocarray(d->lines, r->linesize, sizeof *d->lines);
	}
	l = &d->lines[d->nlines++];
	l->text = xmalloc(lb->len + 1);
	if (lb->len > 0)
		memcpy(l->text, lb->text, lb->len);
	l->text[lb->len] = '\0';
	l->len = lb->len;
	l->width = lb->width;
	l->flags = flags;
	l->nspans = lb->nspans;
	l->spans = NULL;
	if (lb->nspans > 0) {
		l->spans = xreallocarray(NULL, lb->nspans, sizeof *l->spans);
		memcpy(l->spans, lb->spans, lb->nspans * sizeof *l->spans);
	}
}

/* The prefix of a line; of a blank line, only the pieces that stay. */
void
pfx_write(struct render *r, struct lb *lb, int blank)
{
	struct pfx *pf;
	size_t k, n = blank ? r->keep : r->npfx;

	for (k = 0; k < n; k++) {
		pf = &r->pfx[k];
		if (pf->kind == PFX_BAR ||
		    (pf->kind == PFX_MARK && !pf->used && !blank)) {
			lb_add(lb, pf->text, pf->len, pf->attr, HTML_SYN_NONE);
			lb->width += pf->w;
		} else
			lb_pad(lb, pf->w, 0);
	}
}

/* Add a line with content (its prefix already in lb), after the blank
 * line due. */
void
render_line(struct render *r, struct lb *lb, unsigned flags)
{
	size_t k;

	if (r->blank && r->doc->nlines > 0 && !r->lastblank) {
		lb_reset(&r->blb);
		pfx_write(r, &r->blb, 1);
		render_push(r, &r->blb, 0);
	}
	r->blank = 0;
	for (k = 0; k < r->npfx; k++)
		r->pfx[k].used = 1;
	render_push(r, lb, flags | r->lflags);
	r->lastblank = 0;
	r->keep = r->npfx;
}

static void
main_begin(struct sink *sk, struct lb *lb)
{
	lb_reset(lb);
	pfx_write(sk->r, lb, 0);
}

static void
main_end(struct sink *sk, struct lb *lb, int empty)
{
	if (empty)
		sk->r->blank = 1;
	else
		render_line(sk->r, lb, sk->flags);
}

void
render_wrap(struct render *r, const struct para *p, unsigned flags)
{
	struct sink sk;

	memset(&sk, 0, sizeof sk);
	sk.r = r;
	sk.begin = main_begin;
	sk.end = main_end;
	sk.flags = flags;
	html_wrap(p, r->width - r->pfxw, &sk, &r->lb);
}

static int
pre_blank(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (s[a] != ' ' && s[a] != '\t')
			return 0;
	return 1;
}

/* Lay out the pre collected in the main paragraph. */
static void
render_pre(struct render *r)
{
	struct para *p = &r->main;
	struct lb *lb = &r->lb;
	const struct seg *sg;
	struct syntax_toks t;
	unsigned int cp;
	size_t ls, le, first, last, si = 0, j, k, line = 0;
	int col, w, blank, numw = 0;

	for (j = 0; j < r->nlnum; j++)
		if ((int)strlen(r->lnum[j]) > numw)
			numw = (int)strlen(r->lnum[j]);
	if (r->python && !p->synseen) {
		memset(&t, 0, sizeof t);
		syntax_python(p->text, p->len, &t);
		para_syn(p, &t);
		free(t.v);
	}
	/* From the first line with something on it to the last. */
	for (ls = 0; ls < p->len; ls = le + 1) {
		for (le = ls; le < p->len && p->text[le] != '\n'; le++)
			;
		if (!pre_blank(p->text, ls, le))
			break;
	}
	first = ls;
	last = p->len;
	while (last > first &&
	    (p->text[last - 1] == ' ' || p->text[last - 1] == '\t' ||
		p->text[last - 1] == '\n'))
		last--;
	for (ls = first; ls < last; ls = le + 1) {
		for (le = ls; le < last && p->text[le] != '\n'; le++)
			;
		blank = pre_blank(p->text, ls, le);
		lb_reset(lb);
		pfx_write(r, lb, 0);
		if (r->nlnum > 0) {
			k = line < r->nlnum ? strlen(r->lnum[line]) : 0;
			lb_pad(lb, numw - (int)k, 0);
			if (k > 0)
				lb_str(lb, r->lnum[line], HTML_A_DIM);
			lb_pad(lb, 1, 0);
			line++;
		}
		col = 0;
		for (j = ls; j < le; j = k) {
			if (p->text[j] == '\t') {
				while (si + 1 < p->nsegs &&
				    p->segs[si].off + p->segs[si].len <= j)
					si++;
				sg = &p->segs[si];
				w = 8 - col % 8;
				lb_pad(lb, w, sg->attr);
				col += w;
				k = j + 1;
				continue;
			}
			w = 0;
			for (k = j; k < le && p->text[k] != '\t';) {
				k += html_dec(p->text + k, le - k, &cp);
				w += html_cwidth(cp);
			}
			para_copy(p, &si, j, k, lb);
			lb->width += w;
			col += w;
		}
		lb_trim(lb);
		render_line(r, lb, lb->width > r->width ? HTML_L_WIDE : 0);
		if (blank)
			r->lastblank = 1;
	}
	render_lnum_free(r);
}

/* Lay out the paragraph collected so far. */
void
render_flush(struct render *r)
{
	struct para *p = &r->main;

	size_t n;
	int breaks = 0;

	if (r->pre > 0)
		render_pre(r);
	else {
		/* A last <br> only ends its line; more make a blank line,
		 * and so does a block holding nothing but a <br>. */
		for (n = p->len; n > 0; n--) {
			if (p->text[n - 1] == '\n')
				breaks++;
			else if (p->text[n - 1] != ' ' &&
			    p->text[n - 1] != HTML_ZWB)
				break;
		}
		para_rstrip(p);
		if (p->len > 0)
			render_wrap(r, p, 0);
		if (breaks > (p->len > 0 ? 1 : 0))
			r->blank = 1;
	}
	para_clear(p);
}

/* Push a prefix piece, unless the text would get too narrow: then a
 * marker goes before the text instead. */
int
pfx_push(struct render *r, int kind, const char *text, unsigned attr)
{
	struct pfx *pf;
	size_t len = strlen(text);
	int w = html_swidth(text, len);

	if (r->pfxw + w > r->pfxmax || len >= sizeof pf->text) {
		if (kind == PFX_MARK && len < sizeof r->main.lead) {
			memcpy(r->main.lead, text, len);
			r->main.leadlen = len;
			r->main.leadattr = attr;
		}
		return 0;
	}
	if (r->npfx == r->pfxsize) {
		r->pfxsize = r->pfxsize == 0 ? 8 : r->pfxsize * 2;
		r->pfx = xreallocarray(r->pfx, r->pfxsize, sizeof *r->pfx);
	}
	pf = &r->pfx[r->npfx++];
	memcpy(pf->text, text, len);
	pf->len = len;
	pf->w = w;
	pf->attr = attr;
	pf->kind = kind;
	pf->used = 0;
	r->pfxw += w;
	return 1;
}

void
pfx_pop(struct render *r)
{
	r->npfx--;
	r->pfxw -= r->pfx[r->npfx].w;
	if (r->keep > r->npfx)
		r->keep = r->npfx;
}

/* A marker that never got a line of its own (an empty list item). */
void
pfx_pop_marker(struct render *r)
{
	if (r->npfx > 0 && r->pfx[r->npfx - 1].kind == PFX_MARK &&
	    !r->pfx[r->npfx - 1].used) {
		lb_reset(&r->lb);
		pfx_write(r, &r->lb, 0);
		render_line(r, &r->lb, 0);
	}
	pfx_pop(r);
}

void
render_rule(struct render *r)
{
	int i, n = r->width - r->pfxw;

	lb_reset(&r->lb);
	pfx_write(r, &r->lb, 0);
	for (i = 0; i < n; i++)
		lb_add(&r->lb, U_HBAR, sizeof U_HBAR - 1, HTML_A_DIM,
		    HTML_SYN_NONE);
	r->lb.width += n;
	render_line(r, &r->lb, 0);
}
