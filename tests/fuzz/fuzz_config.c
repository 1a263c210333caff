/*
 * fuzz_config: libFuzzer target for the configuration reader (config.c
 * through iniparser).  The input is written to a file in /dev/shm (or
 * $TMPDIR) and loaded.  Promises checked: a refusal is one line with no
 * control character; a configuration read is printed (config_print) as
 * a file that reads back as the same configuration, printed the same.
 */
#include <stdint.h>
#include <unistd.h>

#include "config.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *, char ***);

static char *fuzz_path;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = "/dev/shm";

	if (access(dir, W_OK) != 0)
		dir = getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
	fuzz_path =
	    xasprintf("%s/orrery-fuzz-config-%ld.ini", dir, (long)getpid());
	return 0;
}

static void
fuzz_write(const void *p, size_t n)
{
	FILE *fp;

	fp = fopen(fuzz_path, "w");
	if (fp == NULL || fwrite(p, 1, n, fp) != n || fclose(fp) != 0) {
		perror(fuzz_path);
		exit(2);
	}
}

/* The configuration in fuzz_path, printed; NULL when it is refused
 * (then why, when not NULL, gets the reason). */
static char *
fuzz_load(size_t *len, char **why)
{
	struct config *cfg;
	char *cause = NULL, *out = NULL;
	FILE *fp;

	cfg = config_load(fuzz_path, &cause);
	if (cfg == NULL) {
		if (cause == NULL)
			abort();
		fuzz_plain("config error", cause, 0);
		if (why != NULL)
			*why = cause;
		else
			free(cause);
		return NULL;
	}
	fp = open_memstream(&out, len);
	if (fp == NULL)
		abort();
	config_print(cfg, fp);
	fclose(fp);
	config_free(cfg);
	return out;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *once, *twice, *why = NULL;
	size_t n1 = 0, n2 = 0;

	if (size > 8192)
		return 0;
	fuzz_write(data, size);
	once = fuzz_load(&n1, NULL);
	if (once == NULL) {
		unlink(fuzz_path);
		return 0;
	}
	fuzz_write(once, n1);
	twice = fuzz_load(&n2, &why);
	if (twice == NULL || n1 != n2 || memcmp(once, twice, n1) != 0) {
		fprintf(stderr,
		    "fuzz: config_print wrote\n%s\nwhich reads as "
		    "%s\n",
		    once, twice != NULL ? twice : why);
		abort();
	}
	free(twice);
	free(once);
	unlink(fuzz_path);
	return 0;
}
