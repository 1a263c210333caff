/*
 * enclosure: the human description of an enclosure: sizes in units of
 * 1024 with one decimal under ten, durations as [H:]MM:SS.  Must not
 * touch the store or print.
 */
#include "enclosure.h"

#include <stdio.h>

#include "util.h"

void
enclosure_size(long long bytes, char *out, size_t size)
{
	static const char *const units[] = { "KB", "MB", "GB", "TB" };
	double v;
	size_t u;

	if (bytes < 0) {
		snprintf(out, size, "%s", "");
		return;
	}
	if (bytes < 1024) {
		snprintf(
		    out, size, "%lld byte%s", bytes, bytes == 1 ? "" : "s");
		return;
	}
	v = (double)bytes / 1024;
	for (u = 0; v >= 1024 && u + 1 < sizeof units / sizeof units[0]; u++)
		v /= 1024;
	if (v < 9.95 && (long long)(v * 10 + 0.5) % 10 != 0)
		snprintf(out, size, "%.1f %s", v, units[u]);
	else
		snprintf(out, size, "%.0f %s", v, units[u]);
}

void
enclosure_duration(long s, char *out, size_t size)
{
	if (s < 0)
		snprintf(out, size, "%s", "");
	else if (s >= 3600)
		snprintf(out, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
		    s % 60);
	else
		snprintf(out, size, "%ld:%02ld", s / 60, s % 60);
}

char *
enclosure_label(const char *type, long long bytes, long seconds)
{
	char sz[32], du[32];

	enclosure_size(bytes, sz, sizeof sz);
	enclosure_duration(seconds, du, sizeof du);
	return xasprintf("%s%s%s%s%s",
	    type != NULL && *type != '\0' ? type : "file",
	    sz[0] != '\0' ? ", " : "", sz, du[0] != '\0' ? ", " : "", du);
}
