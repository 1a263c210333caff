/*
 * html_int.h: what the files of the html module share; no other module
 * includes it.  The files, by job:
 *
 *   html.c         entry points (html_to_text, html_render,
 *                  html_render_entry, html_write), libxml2 parsing
 *   html_input.c   the bytes before libxml2 sees them: controls and
 *                  escape sequences out, long text runs cut, nesting
 *                  flattened; CDATA left in text
 *   html_layout.c  display width, lines under construction (lb_*),
 *                  paragraphs (para_*), wrapping, and the document's
 *                  lines with their prefixes (render_line, render_flush)
 *   html_node.c    questions about the parsed tree: attributes,
 *                  classes, the text of a subtree
 *   html_render.c  the element table: one enter and leave handler per
 *                  kind of element, the tree walk
 *   html_table.c   tables: collecting cells, sizing columns, the grid
 *                  or one record per row
 *
 * A struct render lives for one html_render()/html_render_entry() call
 * and owns everything it points to (render_done() in html.c frees it),
 * but the struct html_doc, which goes to the caller.  Nothing here is
 * thread-shared: each call has its own.
 */
#ifndef ORRERY_HTML_INT_H
#define ORRERY_HTML_INT_H

#include <stddef.h>

#include <libxml/tree.h>

#include "buf.h"
#include "html.h"
#include "strmap.h"
#include "syntax.h"

#define HTML_NITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Bytes with a meaning of their own inside a paragraph being collected;
 * control characters from the document never get that far. */
#define HTML_NBSP '\001' /* a no-break space: a letter that prints as " " */
#define HTML_ZWB '\002'	 /* a break opportunity of no width */

/* The widest rendering we lay out (a rule is this many characters). */
#define HTML_WIDTH_MAX 4096

#define U_BULLET "\xe2\x80\xa2"	  /* • */
#define U_WBULLET "\xe2\x97\xa6"  /* ◦ */
#define U_SQUARE "\xe2\x96\xaa"	  /* ▪ */
#define U_VBAR "\xe2\x94\x82"	  /* │ */
#define U_HBAR "\xe2\x94\x80"	  /* ─ */
#define U_CROSS "\xe2\x94\xbc"	  /* ┼ */
#define U_TRIANGLE "\xe2\x96\xb8" /* ▸ */
#define U_LDQUO "\xe2\x80\x9c"	  /* “ */
#define U_RDQUO "\xe2\x80\x9d"	  /* ” */
#define U_LSQUO "\xe2\x80\x98"	  /* ‘ */
#define U_RSQUO "\xe2\x80\x99"	  /* ’ */

/* ---- html_input.c ---- */

char *html_input(const char *, size_t, size_t *);
char *html_limit(const char *, size_t, size_t *);
int html_void(const char *);
char *html_cdata(int *, int, const char *);

/* ---- html_layout.c: a line under construction ---- */

struct lb {
	char *text;
	size_t len;
	size_t size;
	struct html_span *spans;
	size_t nspans;
	size_t spansize;
	int width;
};

void lb_reset(struct lb *);
void lb_free(struct lb *);
void lb_str(struct lb *, const char *, unsigned);
void lb_pad(struct lb *, int, unsigned);
void lb_cat(struct lb *, const struct lb *);

/* ---- html_layout.c: a paragraph being collected ---- */

/* How whitespace is treated. */
enum {
	WS_NORMAL, /* collapse runs, newlines are spaces */
	WS_PRE,	   /* keep everything */
	WS_PRELINE /* pre inside a table cell: newlines break, runs collapse */
};

/* A run of paragraph bytes with one look; the runs cover the text. */
struct seg {
	size_t off;
	size_t len;
	unsigned attr;
	enum html_syn syn;
};

struct para {
	char *text;
	size_t len;
	size_t size;
	struct seg *segs;
	size_t nsegs;
	size_t segsize;
	int space;	 /* a collapsed space is pending */
	unsigned spattr; /* its look */
	enum html_syn spsyn;
	int cr;		/* the last character was a CR */
	int synseen;	/* the markup gave syntax classes */
	size_t markend; /* where the last [n] ended */
	int markn;	/* and its number */
	char lead[48];	/* a list marker to put before the text */
	size_t leadlen;
	unsigned leadattr;
};

void para_put(struct para *, const char *, size_t, unsigned, enum html_syn);
void para_clear(struct para *);
void para_free(struct para *);
void para_rstrip(struct para *);
void para_space(struct para *, unsigned, enum html_syn);
void para_break(struct para *);
void para_soft(struct para *);
void para_text(
    struct para *, const char *, size_t, unsigned, enum html_syn, int);
void para_cat(struct para *, const struct para *);
void para_measure(const struct para *, int *, int *);
char *para_flat(const struct para *);

/* Where wrapped lines go: the document (with prefixes) or a cell. */
struct sink {
	struct render *r;
	void (*begin)(struct sink *, struct lb *);
	void (*end)(struct sink *, struct lb *, int);
	unsigned flags;	  /* HTML_L_* for the document's lines */
	struct lb *lines; /* a cell's lines */
	size_t nlines;
	size_t size;
};

void html_wrap(const struct para *, int, struct sink *, struct lb *);

/* ---- html_layout.c: the document's lines ---- */

/* A piece of the prefix of every line: quote bars, list markers (on the
 * first line only, spaces after), indentation. */
enum {
	PFX_BAR,
	PFX_MARK,
	PFX_PAD
};

struct pfx {
	char text[48];
	size_t len;
	int w;
	unsigned attr;
	int kind;
	int used; /* a marker has been printed */
};

void pfx_write(struct render *, struct lb *, int);
int pfx_push(struct render *, int, const char *, unsigned);
void pfx_pop(struct render *);
void pfx_pop_marker(struct render *);
int render_mode(const struct render *);
void render_line(struct render *, struct lb *, unsigned);
void render_wrap(struct render *, const struct para *, unsigned);
void render_flush(struct render *);
/* The number of a URL in the link list (html_render.c), added when new. */
int render_link(struct render *, const char *url);
void render_rule(struct render *);
void render_lnum_free(struct render *);

/* ---- html_node.c ---- */

const char *html_attr(const xmlNode *, const char *);
int html_is(const xmlNode *, const char *);
int html_long(const char *, long *);
int html_class(const xmlNode *, const char *const *, size_t);
int html_subtree_text(const xmlNode *, int (*)(const char *, void *), void *);
int html_lineno(const xmlNode *);
int html_anchor_mark(const xmlNode *);
int html_has_pre(const xmlNode *);
int html_link_image(const xmlNode *);
int html_same_text(const xmlNode *, const char *);
int html_script_of(const xmlNode *);
void html_script_str(const char *, size_t, int, struct buf *);
int html_tiny(const char *);
int html_is_python(const xmlNode *);

/* ---- html_render.c ---- */

/* What an element is to the layout; from K_P on they are blocks. */
enum {
	K_INLINE,
	K_DROP,
	K_BR, /* K_BR to K_EMBED act even as void elements */
	K_WBR,
	K_HR,
	K_IMG,
	K_EMBED,
	K_A,
	K_ABBR,
	K_Q,
	K_SVG,
	K_LINENO,
	K_P,
	K_BLOCK,
	K_HEADING,
	K_UL,
	K_OL,
	K_LI,
	K_DD,
	K_QUOTE,
	K_PRE,
	K_TABLE,
	K_CAPTION,
	K_TR,
	K_CELL,
	K_TSECT,
	K_SUMMARY
};

/* How a block element was entered. */
enum {
	FM_FLOW, /* laid out in the document */
	FM_SOFT, /* inside a cell or a pre: a line break */
	FM_TABLE /* a row, cell or caption of the table being collected */
};

struct render;
struct frame;

/*
 * An element's entry in the table: enter() is called when the element
 * starts, with its frame pushed and its look (attr, syn) set, and says
 * whether its children are wanted; the frame's leave() -- the entry's,
 * unless enter() chose another -- when it ends, before the frame is
 * popped.
 */
struct html_elem {
	const char *name;
	int kind;
	unsigned attr;
	int (*enter)(struct render *, struct frame *, const xmlNode *);
	/* NULL: nothing to do when it ends */
	void (*leave)(struct render *, struct frame *);
};

/* One open element. */
struct frame {
	unsigned attr; /* for its text */
	enum html_syn syn;
	int kind;
	int mode; /* FM_* */
	/* Called when it ends: its entry's leave() or what enter() chose. */
	void (*leave)(struct render *, struct frame *);
	int pushed;	 /* it pushed a prefix (thead: it counts) */
	unsigned lflags; /* saved */
	size_t list;	 /* saved innermost list */
	long num;	 /* ol: the next number */
	int step;
	int numw;
	char type;
	char *url;	 /* a: where it goes */
	struct para *mp; /* a: where its text started */
	size_t mark;
	size_t lines; /* a: the lines there were then */
	char *title;  /* abbr: to add after it */
	char script;  /* 'p' in a sup, 'b' in a sub shown as such characters */
};

int render_flow(const struct render *);
int block_enter(struct render *, struct frame *, const xmlNode *);
void block_leave(struct render *, struct frame *);
int block_soft(struct render *, struct frame *);
void render_tree(struct render *, xmlNode *);
void frame_pop(struct render *);

/* ---- html_table.c ---- */

struct cell {
	struct para para;
	size_t col;
	size_t span;
	long rowspan;
	int th;
	int minw;
	int maxw;
};

struct row {
	struct cell *cells;
	size_t ncells;
	size_t size;
	int head;
};

struct table {
	struct row *rows;
	size_t nrows;
	size_t size;
	struct para caption;
};

int table_enter(struct render *, struct frame *, const xmlNode *);
void table_leave(struct render *, struct frame *);
int tsect_enter(struct render *, struct frame *, const xmlNode *);
int tr_enter(struct render *, struct frame *, const xmlNode *);
int cell_enter(struct render *, struct frame *, const xmlNode *);
int caption_enter(struct render *, struct frame *, const xmlNode *);
void table_cell(struct render *, const xmlNode *);
void table_free(struct table *);

/* ---- the state of one rendering ---- */

struct render {
	int width;
	char *base; /* absolute, or NULL: relative URLs stay relative */
	struct html_doc *doc;
	size_t linesize;
	size_t linksize;
	struct pfx *pfx;
	size_t npfx;
	size_t pfxsize;
	int pfxw;    /* the prefix's width */
	int pfxmax;  /* and the most it may be */
	size_t keep; /* prefix pieces unchanged since the last line */
	int blank;   /* a blank line is due before the next line */
	int lastblank;
	unsigned lflags; /* HTML_L_* for the lines now */
	struct para main;
	struct para *cur;  /* where inline content goes; NULL between cells */
	struct table *tbl; /* a table being collected */
	int tdepth;	   /* tables inside its cells */
	int thead;
	int pre;
	int svg;     /* inside svg: only <text> shows */
	int object;  /* inside object: its fallback shows */
	char **lnum; /* line numbers for the next pre */
	size_t nlnum;
	size_t lnumsize;
	int inli;
	int ulevel;
	int qdepth;
	int python;
	int cdata;   /* inside a "<![CDATA[" that libxml2 left as text */
	size_t list; /* the innermost list's frame, or SIZE_MAX */
	struct frame *frames;
	size_t nframes;
	size_t framesize;
	struct strmap links; /* URL -> its number */
	struct strmap abbrs; /* abbr titles shown */
	struct lb lb;
	struct lb blb;
};

#endif /* ORRERY_HTML_INT_H */
