/*
 * fuzz_html: libFuzzer target for the HTML side: html_to_text (search
 * text) and html_render at a width taken from the first byte, written
 * plain and in colour.  Promises checked: html_to_text, cleaned as the
 * plain-text fields are (util_clean_text), is UTF-8 with no control or
 * bidirectional character; the
 * plain rendering carries none but newlines; coloured output carries no
 * escape sequence but SGR; every line of a rendering is plain text of
 * the width it claims, its spans in order inside it, and no prose line
 * is wider than the width; html_render_entry keeps the same promises.
 */
#include <stdint.h>

#include "fuzz.h"
#include "html.h"
#include "width.h"

/* The promises of struct html_line, for every line of doc. */
static void
fuzz_lines(const struct html_doc *doc, int width)
{
	const struct html_line *l;
	size_t i, j, end;

	for (i = 0; i < doc->nlines; i++) {
		l = &doc->lines[i];
		if (strlen(l->text) != l->len)
			abort();
		fuzz_plain("line", l->text, 0);
		if (width_str(l->text, l->len) != l->width) {
			fprintf(stderr,
			    "fuzz: line %zu \"%s\" is %d wide, "
			    "says %d\n",
			    i, l->text, width_str(l->text, l->len), l->width);
			abort();
		}
		if (l->width > width && !(l->flags & HTML_L_WIDE)) {
			fprintf(stderr,
			    "fuzz: line %zu \"%s\" is %d wide, "
			    "over %d\n",
			    i, l->text, l->width, width);
			abort();
		}
		for (j = 0, end = 0; j < l->nspans; j++) {
			if (l->spans[j].off < end ||
			    l->spans[j].off + l->spans[j].len > l->len)
				abort();
			end = l->spans[j].off + l->spans[j].len;
		}
	}
	for (i = 0; i < doc->nlinks; i++)
		fuzz_plain("link", doc->links[i], 0);
}

static void
fuzz_sgr_only(const char *s, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (s[i] != '\033')
			continue;
		if (i + 1 >= n || s[i + 1] != '[')
			abort();
		for (j = i + 2; j < n && strchr("0123456789;", s[j]); j++)
			;
		if (j >= n || s[j] != 'm')
			abort(); /* an escape that is not SGR */
		i = j;
	}
}

/*
 * html_render_entry with a plain-text body (the HTML body is html_render's)
 * and every header field the first line of the input, unclean: the
 * header cleans what it shows.
 */
static void
fuzz_entry(const unsigned char *data, size_t size, int width)
{
	struct html_options ho;
	struct html_head head;
	struct html_attachment att;
	struct html_doc *doc;
	const unsigned char *nl;
	char *line;

	nl = memchr(data, '\n', size);
	line = xstrndup(
	    (const char *)data, nl != NULL ? (size_t)(nl - data) : size);
	memset(&head, 0, sizeof head);
	head.title = head.source = head.author = head.date = head.link = line;
	att.url = att.label = line;
	head.attachments = &att;
	head.nattachments = 1;
	memset(&ho, 0, sizeof ho);
	ho.width = width;
	doc = html_render_entry(&head, (const char *)data, size, 0, &ho);
	if (doc == NULL)
		abort(); /* never NULL */
	fuzz_lines(doc, width);
	html_doc_free(doc);
	free(line);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct html_options ho;
	struct html_doc *doc;
	char *text, *clean, *out = NULL;
	size_t len = 0;
	FILE *fp;
	int width;

	if (size < 1)
		return 0;
	width = 10 + data[0] % 100;
	/* Plain-text fields are util_clean_text(html_to_text(x)). */
	text = html_to_text((const char *)data + 1, size - 1);
	clean = util_clean_text(text, strlen(text));
	fuzz_plain("html_to_text", clean, 0);
	free(clean);
	free(text);

	memset(&ho, 0, sizeof ho);
	ho.width = width;
	ho.base = "http://example.invalid/post/";
	doc = html_render((const char *)data + 1, size - 1, &ho);
	if (doc == NULL)
		abort(); /* never NULL */
	fuzz_lines(doc, width);
	fp = open_memstream(&out, &len);
	if (fp != NULL) {
		html_write(fp, doc, 0);
		fclose(fp);
		fuzz_plain("render", out, 1);
		free(out);
		out = NULL;
	}
	fp = open_memstream(&out, &len);
	if (fp != NULL) {
		html_write(fp, doc, 1);
		fclose(fp);
		fuzz_sgr_only(out, len);
		free(out);
	}
	html_doc_free(doc);
	if (data[0] & 0x80)
		fuzz_entry(data + 1, size - 1, width);
	return 0;
}
