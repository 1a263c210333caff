/*
 * jsoneq: compare an actual JSON document with an expected one, ignoring
 * formatting and object key order.  In the expected document the string
 * "<any>" matches any non-empty string.  Used by tests/suite_parse.sh.
 *
 *   jsoneq ACTUAL EXPECTED   exit 0 when equal; else 1 and the path of the
 *                            first difference on stdout
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int jsoneq_compare(json_t *, json_t *, char *, size_t);

static void
jsoneq_show(const char *path, json_t *got, json_t *want)
{
	char *g, *w;

	g = got != NULL ? json_dumps(got, JSON_ENCODE_ANY | JSON_COMPACT)
			: NULL;
	w = want != NULL ? json_dumps(want, JSON_ENCODE_ANY | JSON_COMPACT)
			 : NULL;
	printf("at %s: got %.400s, want %.400s\n",
	    path[0] != '\0' ? path : "top", g != NULL ? g : "(missing)",
	    w != NULL ? w : "(missing)");
	free(g);
	free(w);
}

static int
jsoneq_compare(json_t *got, json_t *want, char *path, size_t size)
{
	const char *key;
	json_t *v;
	size_t len, i;

	len = strlen(path);
	if (json_is_string(want) &&
	    strcmp(json_string_value(want), "<any>") == 0) {
		if (json_is_string(got) && json_string_length(got) > 0)
			return 0;
		jsoneq_show(path, got, want);
		return 1;
	}
	if (got == NULL || json_typeof(got) != json_typeof(want)) {
		jsoneq_show(path, got, want);
		return 1;
	}
	if (json_is_object(want)) {
		json_object_foreach(want, key, v)
		{
			snprintf(path + len, size - len, ".%s", key);
			if (jsoneq_compare(
				json_object_get(got, key), v, path, size) != 0)
				return 1;
		}
		json_object_foreach(got, key, v)
		{
			if (json_object_get(want, key) == NULL) {
				snprintf(path + len, size - len, ".%s", key);
				jsoneq_show(path, v, NULL);
				return 1;
			}
		}
		path[len] = '\0';
		return 0;
	}
	if (json_is_array(want)) {
		if (json_array_size(got) != json_array_size(want)) {
			printf("at %s: %zu elements, want %zu\n",
			    path[0] != '\0' ? path : "top",
			    json_array_size(got), json_array_size(want));
			return 1;
		}
		json_array_foreach(want, i, v)
		{
			snprintf(path + len, size - len, "[%zu]", i);
			if (jsoneq_compare(
				json_array_get(got, i), v, path, size) != 0)
				return 1;
		}
		path[len] = '\0';
		return 0;
	}
	if (!json_equal(got, want)) {
		jsoneq_show(path, got, want);
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	json_error_t err;
	json_t *got, *want;
	char path[4096] = "";
	int rv;

	if (argc != 3) {
		fprintf(stderr, "usage: jsoneq ACTUAL EXPECTED\n");
		return 2;
	}
	got = json_load_file(argv[1], JSON_DECODE_ANY, &err);
	if (got == NULL) {
		printf(
		    "%s: not JSON: line %d: %s\n", argv[1], err.line, err.text);
		return 1;
	}
	want = json_load_file(argv[2], JSON_DECODE_ANY, &err);
	if (want == NULL) {
		printf(
		    "%s: not JSON: line %d: %s\n", argv[2], err.line, err.text);
		json_decref(got);
		return 2;
	}
	rv = jsoneq_compare(got, want, path, sizeof path);
	json_decref(got);
	json_decref(want);
	return rv;
}
