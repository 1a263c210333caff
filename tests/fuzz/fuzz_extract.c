/*
 * fuzz_extract: libFuzzer target for the article extractor (extract.c),
 * with the charset HTTP would name taken from the first byte (none,
 * UTF-8, windows-1252, Shift_JIS, an unknown label).  Promises checked:
 * no article is a cause, one plain line; an article is valid UTF-8 HTML
 * no bigger than a fixed multiple of the page; rendered as the pager
 * renders it, every line is plain text.
 */
#include <stdint.h>

#include "extract.h"
#include "fuzz.h"
#include "html.h"

static const char *const fuzz_charsets[] = { NULL, "utf-8", "windows-1252",
	"Shift_JIS", "x-no-such-charset" };

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct html_options ho;
	struct html_doc *doc;
	const char *charset;
	char *article, *cause = NULL;
	size_t i, len;
	int nonascii;

	if (size < 1)
		return 0;
	charset = fuzz_charsets[data[0] % 5];
	article =
	    extract_article((const char *)data + 1, size - 1, charset, &cause);
	if (article == NULL) {
		if (cause == NULL)
			abort();
		fuzz_plain("cause", cause, 0);
		free(cause);
		return 0;
	}
	len = strlen(article);
	if (!util_valid_utf8(article, len, &nonascii)) {
		fprintf(stderr, "fuzz: article: not valid UTF-8\n");
		abort();
	}
	if (len > 16 * size + 4096) {
		fprintf(stderr, "fuzz: a %zu-byte page gave %zu bytes\n",
		    size - 1, len);
		abort();
	}
	memset(&ho, 0, sizeof ho);
	ho.width = 20 + data[0] % 80;
	ho.base = "http://example.invalid/post/";
	doc = html_render(article, len, &ho);
	if (doc == NULL)
		abort();
	for (i = 0; i < doc->nlines; i++)
		fuzz_plain("line", doc->lines[i].text, 0);
	html_doc_free(doc);
	free(article);
	return 0;
}
