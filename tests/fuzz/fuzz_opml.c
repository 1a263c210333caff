/*
 * fuzz_opml: libFuzzer target for subscription lists (OPML and newsboat
 * urls files) and opml_write.  Promises checked: every URL has no blank,
 * control or bidirectional character and is UTF-8; titles and categories
 * are plain text; notes are plain text; what opml_write makes of the list
 * reads back as the same URLs, in the same number.
 */
#include <stdint.h>

#include "fuzz.h"
#include "opml.h"

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct opml_feed *feeds = NULL, *back = NULL;
	char **notes = NULL, *cause = NULL, *xml;
	size_t n = 0, nb = 0, nnotes = 0, i, j;

	if (opml_parse((const char *)data, size, &feeds, &n, &notes, &nnotes,
		&cause) != 0) {
		free(cause);
		return 0;
	}
	for (i = 0; i < n; i++) {
		fuzz_plain("url", feeds[i].url, 0);
		if (strchr(feeds[i].url, ' ') != NULL)
			abort();
		fuzz_plain("title", feeds[i].title, 0);
		fuzz_plain("category", feeds[i].category, 0);
	}
	for (i = 0; i < nnotes; i++)
		fuzz_plain("note", notes[i], 0);
	opml_free_notes(notes, nnotes);
	xml = opml_write(feeds, n, "fuzz");
	if (opml_parse(xml, strlen(xml), &back, &nb, NULL, NULL, &cause) != 0 ||
	    nb != n)
		abort();
	for (i = 0; i < n; i++) {
		for (j = 0; j < nb; j++)
			if (strcmp(feeds[i].url, back[j].url) == 0)
				break;
		if (j == nb)
			abort(); /* a URL lost in the round trip */
	}
	opml_free(back, nb);
	free(xml);
	opml_free(feeds, n);
	return 0;
}
