/*
 * upgrade: the line that says the store is being upgraded (upgrade.h).
 * Writes that one line to stderr and nothing else; holds no state.
 */
#include "upgrade.h"

#include <inttypes.h>
#include <stdio.h>

void
upgrade_notice(int64_t entries)
{
	char digits[32], out[48];
	size_t n, i, o = 0;
	int len;

	len = snprintf(digits, sizeof digits, "%" PRId64,
	    entries < 0 ? (int64_t)0 : entries);
	n = len > 0 ? (size_t)len : 0;
	/* Thousands grouped by commas, as in 1,000,000. */
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	fprintf(stderr,
	    "orrery: upgrading the store (%s %s); this takes a moment...\n",
	    out, entries == 1 ? "entry" : "entries");
}
