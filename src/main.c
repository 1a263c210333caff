/*
 * main: argument parsing, subcommand dispatch, start-up and shutdown order,
 * exit status.  It reads files named on the command line and prints
 * results; the work itself belongs to the modules.
 *
 * Exit status: 0 success, 1 an error (bad config, unreadable input, not a
 * feed), 2 a usage error (unknown command or option).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "parse.h"
#include "util.h"

#define EXIT_USAGE 2

struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*run)(struct config *, int, char **);
	int needs_config;
};

static int cmd_parse(struct config *, int, char **);
static int cmd_config(struct config *, int, char **);
static int cmd_help(struct config *, int, char **);
static int cmd_version(struct config *, int, char **);

static const struct command commands[] = {
	{ "parse", "FILE|- [--url URL] [--charset NAME]",
	    "parse a feed file and print it as JSON", cmd_parse, 1 },
	{ "config", "", "print the effective configuration", cmd_config, 1 },
	{ "help", "[COMMAND]", "show this help, or one command's", cmd_help,
	    0 },
	{ "version", "", "print the version", cmd_version, 0 },
	{ NULL, NULL, NULL, NULL, 0 }
};

static void
usage(FILE *fp)
{
	const struct command *c;

	fprintf(fp,
	    "usage: orrery [-c FILE] [COMMAND [ARGS]]\n"
	    "       orrery --help | --version\n"
	    "\n"
	    "A terminal reader for Planet Python and any RSS, Atom or JSON "
	    "feed.\n"
	    "\n"
	    "Options:\n"
	    "  -c, --config FILE  read FILE instead of "
	    "$XDG_CONFIG_HOME/orrery/config.ini\n"
	    "  -h, --help         show this help\n"
	    "  -V, --version      print the version\n"
	    "\n"
	    "Commands:\n");
	for (c = commands; c->name != NULL; c++)
		fprintf(fp, "  %-8s %-36s %s\n", c->name, c->args, c->help);
	fprintf(fp, "\nSee orrery(1) and orrery.ini(5).\n");
}

static void
command_usage(const struct command *c, FILE *fp)
{
	fprintf(fp, "usage: orrery %s%s%s\n  %s\n", c->name,
	    *c->args != '\0' ? " " : "", c->args, c->help);
}

static const struct command *
command_find(const char *name)
{
	const struct command *c;

	for (c = commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/*
 * Match "--name VALUE" or "--name=VALUE" at argv[*i]; on a match store
 * VALUE (borrowed from argv) and advance *i past what was used.  Returns
 * 1 on a match, 0 when argv[*i] is another option, -1 when VALUE is
 * missing.
 */
static int
option_value(int argc, char **argv, int *i, const char *name,
    const char *shortname, const char **value)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) == 0 && a[n] == '=') {
		*value = a + n + 1;
		return 1;
	}
	if (strcmp(a, name) != 0 &&
	    (shortname == NULL || strcmp(a, shortname) != 0))
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[++*i];
	return 1;
}

/* Read a whole file ("-" is stdin) up to max bytes. */
static char *
read_input(const char *path, size_t max, size_t *len, char **cause)
{
	struct buf b;
	FILE *fp;
	char tmp[65536];
	size_t n;
	int over = 0;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL) {
		util_fail(cause, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf_init(&b, max);
	while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0) {
		if (buf_add(&b, tmp, n) != 0) {
			over = 1;
			break;
		}
	}
	if (!over && ferror(fp)) {
		util_fail(cause, "%s: %s", path, strerror(errno));
		if (fp != stdin)
			fclose(fp);
		buf_free(&b);
		return NULL;
	}
	if (fp != stdin)
		fclose(fp);
	if (over) {
		util_fail(cause, "%s: larger than %zu MiB (max-feed-size)",
		    path, max / (1024 * 1024));
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, len);
}

static int
cmd_parse(struct config *cfg, int argc, char **argv)
{
	struct parse_options po;
	struct parsed_feed *f;
	const char *path = NULL, *v;
	char *data, *cause = NULL, *json;
	size_t len;
	int i, r;

	memset(&po, 0, sizeof po);
	for (i = 1; i < argc; i++) {
		if ((r = option_value(argc, argv, &i, "--url", NULL, &v)) !=
		    0) {
			if (r < 0)
				goto usage;
			po.url = v;
		} else if ((r = option_value(
				argc, argv, &i, "--charset", NULL, &v)) != 0) {
			if (r < 0)
				goto usage;
			po.charset = v;
		} else if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			command_usage(command_find("parse"), stdout);
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			goto usage;
		else if (path == NULL)
			path = argv[i];
		else
			goto usage;
	}
	if (path == NULL)
		goto usage;
	po.max_size = (size_t)cfg->max_feed_size * 1024 * 1024;
	data = read_input(path, po.max_size, &len, &cause);
	if (data == NULL) {
		fprintf(stderr, "orrery: %s\n", cause);
		free(cause);
		return 1;
	}
	f = parse_feed(data, len, &po, &cause);
	free(data);
	if (f == NULL) {
		fprintf(stderr, "orrery: %s: %s\n",
		    strcmp(path, "-") == 0 ? "stdin" : path, cause);
		free(cause);
		return 1;
	}
	json = parse_to_json(f);
	printf("%s\n", json);
	free(json);
	parse_free(f);
	return 0;

usage:
	command_usage(command_find("parse"), stderr);
	return EXIT_USAGE;
}

static int
cmd_config(struct config *cfg, int argc, char **argv)
{
	if (argc > 1) {
		if (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0) {
			command_usage(command_find("config"), stdout);
			return 0;
		}
		command_usage(command_find("config"), stderr);
		return EXIT_USAGE;
	}
	config_print(cfg, stdout);
	return 0;
}

static int
cmd_help(struct config *cfg, int argc, char **argv)
{
	const struct command *c;

	(void)cfg;
	if (argc < 2) {
		usage(stdout);
		return 0;
	}
	c = command_find(argv[1]);
	if (c == NULL) {
		fprintf(stderr, "orrery: unknown command: %s\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	command_usage(c, stdout);
	return 0;
}

static int
cmd_version(struct config *cfg, int argc, char **argv)
{
	(void)cfg;
	(void)argc;
	(void)argv;
	printf("orrery %s\n", ORRERY_VERSION);
	return 0;
}

int
main(int argc, char **argv)
{
	const struct command *c;
	struct config *cfg = NULL;
	const char *config_path = NULL, *v;
	char *cause = NULL;
	int i, r, status;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "-V") == 0 ||
		    strcmp(argv[i], "--version") == 0)
			return cmd_version(NULL, 0, NULL);
		r = option_value(argc, argv, &i, "--config", "-c", &v);
		if (r == 1) {
			config_path = v;
			continue;
		}
		if (r < 0)
			fprintf(
			    stderr, "orrery: %s needs a file name\n", argv[i]);
		else
			fprintf(
			    stderr, "orrery: unknown option: %s\n", argv[i]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (i >= argc) {
		/* The interactive reader is not part of this build yet:
		 * show what there is. */
		usage(stdout);
		return 0;
	}
	c = command_find(argv[i]);
	if (c == NULL) {
		fprintf(stderr, "orrery: unknown command: %s\n", argv[i]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (c->needs_config) {
		cfg = config_load(config_path, &cause);
		if (cfg == NULL) {
			fprintf(stderr, "orrery: %s\n", cause);
			free(cause);
			return 1;
		}
	}
	parse_init();
	status = c->run(cfg, argc - i, argv + i);
	config_free(cfg);
	return status;
}
