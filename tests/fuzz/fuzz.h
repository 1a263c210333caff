/*
 * fuzz.h: what the libFuzzer targets in tests/fuzz/ share: the promise
 * checks.  A broken promise aborts, which libFuzzer reports with the
 * input that broke it.  Owns nothing.
 */
#ifndef ORRERY_FUZZ_H
#define ORRERY_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const unsigned char *, size_t);

/* Abort, naming the promise, unless s (NULL allowed) is valid UTF-8 with
 * no control character (newline too, unless lines) and no bidirectional
 * control: what a plain-text field promises. */
static inline void
fuzz_plain(const char *what, const char *s, int lines)
{
	unsigned int cp;
	size_t i, n, len;

	if (s == NULL)
		return;
	n = strlen(s);
	for (i = 0; i < n; i += len) {
		len =
		    util_utf8_decode((const unsigned char *)s + i, n - i, &cp);
		if (len == 0 ||
		    (util_unsafe_cp(cp) &&
			!(lines && (cp == '\n' || cp == '\t')))) {
			fprintf(stderr, "fuzz: %s: byte %zu is %s U+%04X\n",
			    what, i, len == 0 ? "bad UTF-8 at" : "control",
			    len == 0 ? (unsigned char)s[i] : cp);
			abort();
		}
		if (!lines && (cp == '\n' || cp == '\t')) {
			fprintf(stderr, "fuzz: %s: a %s at byte %zu\n", what,
			    cp == '\n' ? "newline" : "tab", i);
			abort();
		}
	}
}

#endif /* ORRERY_FUZZ_H */
