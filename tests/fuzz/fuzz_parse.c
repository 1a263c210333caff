/*
 * fuzz_parse: libFuzzer target for the feed parser (parse_feed and
 * parse_to_json).  Promises checked: the plain-text fields (feed title,
 * entry titles, authors, sources) carry no control character, newline or
 * bidirectional control and are UTF-8; every entry has an identity; at
 * most PARSE_MAX_ENTRIES entries; the JSON `orrery parse` prints of the
 * result is UTF-8 with its controls escaped.
 */
#include <stdint.h>

#include "fuzz.h"
#include "parse.h"

int LLVMFuzzerInitialize(int *, char ***);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	parse_init();
	return 0;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct parse_options po;
	struct parsed_feed *f;
	char *cause = NULL, *json, *safe;
	size_t i;

	memset(&po, 0, sizeof po);
	po.url = "http://example.invalid/feed/";
	f = parse_feed((const char *)data, size, &po, &cause);
	free(cause);
	if (f == NULL)
		return 0;
	fuzz_plain("feed title", f->title, 0);
	if (f->nentries > PARSE_MAX_ENTRIES)
		abort();
	for (i = 0; i < f->nentries; i++) {
		if (f->entries[i].id == NULL || f->entries[i].id[0] == '\0')
			abort();
		fuzz_plain("entry title", f->entries[i].title, 0);
		fuzz_plain("entry author", f->entries[i].author, 0);
		fuzz_plain("entry source", f->entries[i].source, 0);
	}
	/* `orrery parse` prints it through util_json_safe. */
	json = parse_to_json(f);
	safe = util_json_safe(json);
	fuzz_plain("parse JSON", safe, 1);
	free(safe);
	free(json);
	parse_free(f);
	return 0;
}
