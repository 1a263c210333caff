/*
 * wordloss FILE WIDTH: does html_render lose a word of FILE's visible
 * text?  The reference is the text libxml2 extracts (html_to_text: the
 * text nodes, script and style left out).  Every word of it must be in
 * the rendering as often as in the text; a word found fewer times must at
 * least be there split (a long word broken at the width, CJK text wrapped
 * between characters).  Prints the lost words; exit 0 none, 1 some, 2 on
 * a usage or I/O error.  Used by suite_html.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "html.h"
#include "util.h"

struct words {
	char **v;
	size_t n, size;
};

/* Characters that are not part of words: the renderer may drop or add
 * them (controls, invisible format characters, replacement characters),
 * or they are punctuation. */
static int
word_char(unsigned int cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z');
	if (cp <= 0xbf) /* C1 controls, nbsp, Latin-1 punctuation */
		return 0;
	if (cp >= 0x2000 && cp <= 0x206f) /* spaces, zero-width, dashes */
		return 0;
	if (cp >= 0x2190 && cp <= 0x25ff) /* arrows, box drawing, shapes */
		return 0;
	if (cp == 0x3000 || cp == 0xfeff || cp == 0xfffd)
		return 0;
	if (cp >= 0x3001 && cp <= 0x3003) /* CJK punctuation */
		return 0;
	if (cp >= 0xfe00 && cp <= 0xfe0f) /* variation selectors */
		return 0;
	if (cp >= 0x300 && cp <= 0x36f) /* combining marks go with letters */
		return 1;
	return 1;
}

/* The renderer writes digits in sup and sub as superscript and subscript
 * characters; the search text keeps plain digits.  Fold them back. */
static unsigned int
fold(unsigned int cp)
{
	if (cp == 0xb9)
		return '1';
	if (cp == 0xb2 || cp == 0xb3)
		return '0' + cp - 0xb0;
	if (cp == 0x2070 || (cp >= 0x2074 && cp <= 0x2079))
		return '0' + cp - 0x2070;
	if (cp >= 0x2080 && cp <= 0x2089)
		return '0' + cp - 0x2080;
	if (cp == 0x207f)
		return 'n';
	if (cp == 0x2071)
		return 'i';
	return cp;
}

/* Split s into words; also append the word characters, without
 * separators, to joined (when not NULL). */
static void
split(const char *s, size_t len, struct words *w, struct buf *joined)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, start = 0;
	unsigned int cp;
	int in = 0;
	char folded;
	struct buf cur;

	buf_init(&cur, 0);
	while (i <= len) {
		if (i == len) {
			n = 1;
			cp = ' ';
		} else {
			n = util_utf8_decode(p + i, len - i, &cp);
			if (n == 0) {
				n = 1;
				cp = 0xfffd;
			}
		}
		if (fold(cp) != cp) {
			cp = fold(cp);
			folded = (char)cp;
		} else
			folded = 0;
		if (word_char(cp)) {
			if (!in)
				start = cur.len;
			in = 1;
			if (folded != 0)
				buf_addc(&cur, folded);
			else
				buf_add(&cur, p + i, n);
			if (joined != NULL && folded != 0)
				buf_addc(joined, folded);
			else if (joined != NULL)
				buf_add(joined, p + i, n);
		} else if (in) {
			if (w->n == w->size) {
				w->size = w->size == 0 ? 256 : w->size * 2;
				w->v =
				    xreallocarray(w->v, w->size, sizeof *w->v);
			}
			w->v[w->n++] =
			    xstrndup(cur.data + start, cur.len - start);
			in = 0;
		}
		i += n;
	}
	buf_free(&cur);
}

/* Is byte off of line l in a link's span? */
static int
in_link(const struct html_line *l, size_t off)
{
	size_t k;

	for (k = 0; k < l->nspans; k++)
		if (off >= l->spans[k].off &&
		    off < l->spans[k].off + l->spans[k].len)
			return (l->spans[k].attr & HTML_A_LINK) != 0;
	return 0;
}

/* Append a rendered line without the link numbers ("[12]") the renderer
 * adds, which would glue to the words around them.  A "[0]" in the text
 * itself is not in a link's span and stays. */
static void
add_line(struct buf *b, const struct html_line *l)
{
	const char *s = l->text;
	size_t i = 0, j;

	while (i < l->len) {
		if (s[i] == '[' && in_link(l, i)) {
			for (j = i + 1;
			     j < l->len && s[j] >= '0' && s[j] <= '9'; j++)
				;
			if (j > i + 1 && j < l->len && s[j] == ']') {
				i = j + 1;
				continue;
			}
		}
		buf_addc(b, s[i++]);
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	struct buf b;
	char tmp[65536];
	size_t n;

	if (fp == NULL)
		return NULL;
	buf_init(&b, 0);
	while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0)
		buf_add(&b, tmp, n);
	fclose(fp);
	if (b.data == NULL)
		buf_addstr(&b, "");
	return buf_detach(&b, len);
}

int
main(int argc, char **argv)
{
	struct html_options ho;
	struct html_doc *doc;
	struct words in = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	struct buf text, joined;
	char *data, *ref;
	size_t len, i, j, k, lost = 0;
	long long width;

	if (argc != 3 || util_parse_ll(argv[2], &width) != 0) {
		fprintf(stderr, "usage: wordloss FILE WIDTH\n");
		return 2;
	}
	data = slurp(argv[1], &len);
	if (data == NULL) {
		perror(argv[1]);
		return 2;
	}
	memset(&ho, 0, sizeof ho);
	ho.width = (int)width;
	ho.base = "https://example.org/dir/page.html";
	doc = html_render(data, len, &ho);
	buf_init(&text, 0);
	for (i = 0; i < doc->nlines; i++) {
		add_line(&text, &doc->lines[i]);
		buf_addc(&text, '\n');
	}
	buf_init(&joined, 0);
	split(text.data != NULL ? text.data : "", text.len, &out, &joined);
	ref = html_to_text(data, len);
	split(ref, strlen(ref), &in, NULL);

	qsort(in.v, in.n, sizeof *in.v, cmp_str);
	qsort(out.v, out.n, sizeof *out.v, cmp_str);
	/* Walk both sorted lists: each run of one word in the input needs
	 * as many in the output. */
	for (i = 0, j = 0; i < in.n; i = k) {
		for (k = i; k < in.n && strcmp(in.v[k], in.v[i]) == 0; k++)
			;
		while (j < out.n && strcmp(out.v[j], in.v[i]) < 0)
			j++;
		while (j < out.n && strcmp(out.v[j], in.v[i]) == 0 && k > i) {
			j++;
			k--;
		}
		/* k - i words short: found split, or lost. */
		if (k > i &&
		    (joined.data == NULL ||
			strstr(joined.data, in.v[i]) == NULL)) {
			if (lost < 20)
				printf("lost: %s (%zu)\n", in.v[i], k - i);
			lost++;
		}
		for (k = i; k < in.n && strcmp(in.v[k], in.v[i]) == 0; k++)
			;
	}
	if (lost > 0)
		printf("%zu distinct words lost of %zu words\n", lost, in.n);
	for (i = 0; i < in.n; i++)
		free(in.v[i]);
	for (i = 0; i < out.n; i++)
		free(out.v[i]);
	free(in.v);
	free(out.v);
	buf_free(&text);
	buf_free(&joined);
	free(ref);
	free(data);
	html_doc_free(doc);
	return lost > 0;
}
