/*
 * fuzz_url: libFuzzer target for url.c.  The input is a base URL, a NUL,
 * and a reference.  Promises checked: url_clean gives NULL or a URL with
 * no blank, control or bidirectional character that is UTF-8 and cleans
 * to itself; the keys of url_same_key and url_post_key are their own
 * keys (a normalised URL normalises to itself); url_resolve never
 * returns NULL, keeps a reference with a scheme as it is, and resolving
 * clean URLs gives a URL with no control character; url_scheme and
 * url_host are lower case.
 */
#include <stdint.h>

#include "fuzz.h"
#include "url.h"

static void
fuzz_same(const char *what, const char *in, char *(*f)(const char *))
{
	char *once, *twice;

	once = f(in);
	twice = f(once);
	if (strcmp(once, twice) != 0) {
		fprintf(stderr,
		    "fuzz: %s of \"%s\" is \"%s\", whose own is "
		    "\"%s\"\n",
		    what, in, once, twice);
		abort();
	}
	free(twice);
	free(once);
}

static void
fuzz_lower(const char *what, char *s)
{
	if (s != NULL && strpbrk(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != NULL) {
		fprintf(stderr, "fuzz: %s \"%s\" is not lower case\n", what, s);
		abort();
	}
	free(s);
}

/* url_clean's promise; the cleaned URL, or NULL. */
static char *
fuzz_clean(const char *s)
{
	char *c, *again;

	c = url_clean(s);
	if (c == NULL)
		return NULL;
	fuzz_plain("url_clean", c, 0);
	if (c[0] == '\0' || strchr(c, ' ') != NULL)
		abort();
	again = url_clean(c);
	if (again == NULL || strcmp(again, c) != 0) {
		fprintf(stderr, "fuzz: url_clean(\"%s\") is \"%s\"\n", c,
		    again != NULL ? again : "(null)");
		abort();
	}
	free(again);
	return c;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *base, *ref, *cb, *cr, *r, *s;
	size_t n;

	if (size > 4096)
		return 0;
	n = strnlen((const char *)data, size);
	base = xstrndup((const char *)data, n);
	ref = n < size ? xstrndup((const char *)data + n + 1, size - n - 1)
		       : xstrdup("");

	cb = fuzz_clean(base);
	cr = fuzz_clean(ref);
	if (cr != NULL) {
		fuzz_same("url_same_key", cr, url_same_key);
		fuzz_same("url_post_key", cr, url_post_key);
		fuzz_lower("url_scheme", url_scheme(cr));
		fuzz_lower("url_host", url_host(cr));
	}
	r = url_resolve(n > 0 ? base : NULL, ref);
	s = url_scheme(ref);
	if (r == NULL || (s != NULL && strcmp(r, ref) != 0))
		abort(); /* a reference with a scheme is kept as it is */
	free(s);
	free(r);
	if (cb != NULL && cr != NULL) {
		r = url_resolve(cb, cr);
		fuzz_plain("url_resolve", r, 0);
		free(r);
	}
	free(cb);
	free(cr);
	free(base);
	free(ref);
	return 0;
}
