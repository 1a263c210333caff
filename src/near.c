/*
 * near: edit distance between short names (near.h).  Pure: no allocation
 * beyond the stack, names longer than NEAR_MAX compare by their first
 * NEAR_MAX bytes.
 */
#include "near.h"

#include <string.h>

#include "util.h"

#define NEAR_MAX 64

static int
near_min(int a, int b)
{
	return a < b ? a : b;
}

int
near_distance(const char *a, const char *b)
{
	int d[NEAR_MAX + 1][NEAR_MAX + 1];
	size_t la = strlen(a), lb = strlen(b), i, j;
	int cost;

	if (la > NEAR_MAX)
		la = NEAR_MAX;
	if (lb > NEAR_MAX)
		lb = NEAR_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			cost = util_lower((unsigned char)a[i - 1]) !=
			    util_lower((unsigned char)b[j - 1]);
			d[i][j] =
			    near_min(near_min(d[i - 1][j] + 1, d[i][j - 1] + 1),
				d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 &&
			    util_lower((unsigned char)a[i - 1]) ==
				util_lower((unsigned char)b[j - 2]) &&
			    util_lower((unsigned char)a[i - 2]) ==
				util_lower((unsigned char)b[j - 1]))
				d[i][j] =
				    near_min(d[i][j], d[i - 2][j - 2] + 1);
		}
	}
	return d[la][lb] > 255 ? 255 : d[la][lb];
}

/* Does hay contain needle, letters folded? */
static int
near_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (n == 0)
		return 0;
	for (; *hay != '\0'; hay++)
		if (util_strncaseeq(hay, needle, n))
			return 1;
	return 0;
}

int
near_close(const char *given, const char *name)
{
	size_t lg = strlen(given), ln = strlen(name), longer;
	int max;

	longer = lg > ln ? lg : ln;
	max = (int)(longer / 3);
	if (max < 1)
		max = 1;
	if (max > 3)
		max = 3;
	if (near_distance(given, name) <= max)
		return 1;
	return lg >= 3 && ln >= 3 &&
	    (near_contains(name, given) || near_contains(given, name));
}
