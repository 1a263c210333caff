/*
 * main: the global options, the command's lookup, the start-up and
 * shut-down order, exit status.  The reader and every command start
 * through one table of stages (configuration, store path, arguments,
 * first start, libraries, network, run): each runs when the command's
 * flags ask for it, in the table's order, and what started is stopped in
 * reverse.  The commands are in cmd_*.c (cmd.h says what they share);
 * main never includes curl, curses or sqlite and prints only its own
 * usage errors and standard output's write error, checked once for every
 * command at the end (main_exit).  Exit status: see cmd.h.
 */
#include "cmd.h"

#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fetch.h"
#include "parse.h"
#include "store.h"
#include "ui.h"

/* Everything a run holds, from the global options to the exit status. */
struct main_state {
	struct cmd_ctx ctx;	 /* what the command gets */
	const char *config_path; /* -c FILE, or NULL for the default */
	int argc;		 /* the command's arguments, argv[0] its */
	char **argv;		 /* name */
	struct cmd_args args;
	int status;
};

/*
 * A stage of start-up: start() returns 0, or -1 with s->status set after
 * printing why (it then leaves nothing to stop); stop() (may be NULL)
 * undoes a start() that returned 0.
 */
struct stage {
	const char *name;
	unsigned need; /* the CMD_* flags that call for it; 0: every run */
	int (*start)(struct main_state *);
	void (*stop)(struct main_state *);
};

static int
stage_config(struct main_state *s)
{
	char *cause = NULL;

	s->ctx.cfg = config_load(s->config_path, &cause);
	if (s->ctx.cfg != NULL)
		return 0;
	s->status = cmd_fail_cause(cause);
	return -1;
}

static void
stage_config_stop(struct main_state *s)
{
	config_free(s->ctx.cfg);
	s->ctx.cfg = NULL;
}

/* -d FILE, else the default under $XDG_DATA_HOME. */
static int
stage_store_path(struct main_state *s)
{
	if (s->ctx.store_path != NULL)
		return 0;
	s->ctx.default_store = store_default_path();
	s->ctx.store_path = s->ctx.default_store;
	if (s->ctx.store_path != NULL)
		return 0;
	s->status = cmd_fail("no store: set HOME or XDG_DATA_HOME, or use -d "
			     "FILE");
	return -1;
}

static void
stage_store_path_stop(struct main_state *s)
{
	free(s->ctx.default_store);
	s->ctx.default_store = NULL;
}

/* After the configuration: a broken one is reported first, as always. */
static int
stage_args(struct main_state *s)
{
	if (cmd_args_parse(&s->ctx, s->argc, s->argv, &s->args, &s->status) ==
	    0)
		return 0;
	cmd_args_free(&s->args);
	return -1;
}

static void
stage_args_stop(struct main_state *s)
{
	cmd_args_free(&s->args);
}

/*
 * The reader's: the store opens (or says why not) and is subscribed to
 * default-feed before the screen changes.
 */
static int
stage_first_start(struct main_state *s)
{
	struct store *st;

	st = cmd_open_store(&s->ctx);
	if (st == NULL || cmd_first_start(&s->ctx, st) != 0) {
		store_close(st);
		s->status = 1;
		return -1;
	}
	store_close(st);
	return 0;
}

/* Before any thread: libxml2, and no SIGPIPE from sockets. */
static int
stage_libraries(struct main_state *s)
{
	signal(SIGPIPE, SIG_IGN);
	parse_init();
	return 0;
}

/* libcurl's global set-up.  The reader does its own when it first
 * fetches. */
static int
stage_network(struct main_state *s)
{
	char *cause = NULL;

	if (fetch_global_init(&cause) == 0)
		return 0;
	s->status = cmd_fail_cause(cause);
	return -1;
}

static void
stage_network_stop(struct main_state *s)
{
	fetch_global_cleanup();
}

static int
stage_run(struct main_state *s)
{
	s->status = s->ctx.entry->run(&s->ctx, &s->args);
	return 0;
}

static const struct stage stages[] = {
	{ "configuration", CMD_CONFIG, stage_config, stage_config_stop },
	{ "store path", CMD_STORE, stage_store_path, stage_store_path_stop },
	{ "arguments", 0, stage_args, stage_args_stop },
	{ "first start", CMD_FIRST_START, stage_first_start, NULL },
	{ "libraries", 0, stage_libraries, NULL },
	{ "network", CMD_NETWORK, stage_network, stage_network_stop },
	{ "run", 0, stage_run, NULL },
};
#define NSTAGES (sizeof stages / sizeof stages[0])

static int
stage_wanted(const struct main_state *s, size_t i)
{
	return stages[i].need == 0 || (stages[i].need & s->ctx.entry->flags);
}

/* Start the stages the command wants, in order; stop them in reverse. */
static int
main_run(struct main_state *s)
{
	size_t i, n;

	for (n = 0; n < NSTAGES; n++)
		if (stage_wanted(s, n) && stages[n].start(s) != 0)
			break;
	for (i = n; i-- > 0;)
		if (stage_wanted(s, i) && stages[i].stop != NULL)
			stages[i].stop(s);
	return s->status;
}

/* No command: the interactive reader, started like one. */
static int
main_reader(struct cmd_ctx *x, const struct cmd_args *a)
{
	struct ui_options o;

	memset(&o, 0, sizeof o);
	o.cfg = x->cfg;
	o.store_path = x->store_path;
	o.offline = x->offline;
	o.log_path = x->log_path;
	return ui_main(&o);
}

static const struct cmd_entry main_reader_entry = {
	.name = "orrery",
	.usage = "",
	.help = "the reader",
	.maxargs = 0,
	.flags = CMD_CONFIG | CMD_STORE | CMD_FIRST_START,
	.run = main_reader,
};

static const struct option main_options[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "db", required_argument, NULL, 'd' },
	{ "log", required_argument, NULL, 'l' },
	{ "offline", no_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/*
 * The global options, up to the first word (the command) or "--".
 * Returns the command's index in argv (argc: none), or -1 with s->status
 * set after --help, --version or a usage error.
 */
static int
main_options_parse(struct main_state *s, int argc, char **argv)
{
	struct cmd_getopt g;

	cmd_getopt_init(&g, argc, argv, "+:c:d:l:hV", main_options);
	for (;;) {
		switch (cmd_getopt_next(&g)) {
		case CMD_GETOPT_END:
			return g.next;
		case 'c':
			s->config_path = g.arg;
			break;
		case 'd':
			s->ctx.store_path = g.arg;
			break;
		case 'l':
			s->ctx.log_path = g.arg;
			break;
		case 'o':
			s->ctx.offline = 1;
			break;
		case 'h':
			cmd_usage(stdout);
			return -1;
		case 'V':
			cmd_print_version(stdout);
			return -1;
		case CMD_GETOPT_MISSING:
			cmd_fail("%s needs a file name", g.elem);
			s->status = CMD_EXIT_USAGE;
			return -1;
		default:
			cmd_fail(
			    "unknown option: %s " CMD_HINT_COMMANDS, g.elem);
			s->status = CMD_EXIT_USAGE;
			return -1;
		}
	}
}

/* --offline may also follow the command, anywhere: it is taken out. */
static void
main_offline(struct main_state *s)
{
	int i;

	for (i = 1; i < s->argc; i++)
		if (strcmp(s->argv[i], "--offline") == 0) {
			s->ctx.offline = 1;
			memmove(&s->argv[i], &s->argv[i + 1],
			    (size_t)(s->argc - i) * sizeof *s->argv);
			s->argc--;
			i--;
		}
}

/*
 * The last stage of every run, --help and --version included: what was
 * printed must have reached standard output.  A full disk or a closed
 * stdout is an error (exit 1; a pipe whose reader left, quietly) unless the run failed already, when
 * its own status and message stand.  A stdout closed before the start
 * (EBADF) is no error when nothing was printed.
 */
static int
main_exit(int status)
{
	struct pollfd p = { .fd = STDOUT_FILENO, .events = 0 };
	int failed, gone;

	failed = fflush(stdout) != 0 || ferror(stdout);
	/* A pipe whose reader has gone (orrery list | head) reports POLLERR:
	 * the reader wanted no more, so the run fails quietly, as a program
	 * killed by SIGPIPE would. */
	gone = failed && poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
	if (fclose(stdout) != 0 && errno != EBADF)
		failed = 1;
	if (failed && status == 0)
		status = gone ? 1 : cmd_fail("standard output: write error");
	return status;
}

int
main(int argc, char **argv)
{
	struct main_state s;
	int i;

	memset(&s, 0, sizeof s);
#ifdef M_MMAP_THRESHOLD
	/* A big body passes through buffers of several megabytes, one after
	 * the other.  glibc raises its threshold for giving such memory
	 * straight back to the system each time one is freed, and then
	 * keeps the next ones in its heap: a 16 MB post would cost a refresh
	 * 64 MB at its peak, not 58.  A fixed threshold keeps it there. */
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
#endif
	i = main_options_parse(&s, argc, argv);
	if (i < 0)
		return main_exit(s.status);
	if (i >= argc) {
		s.ctx.entry = &main_reader_entry;
		s.argc = 1;
		s.argv = argv;
		return main_exit(main_run(&s));
	}
	s.ctx.entry = cmd_find(argv[i]);
	if (s.ctx.entry == NULL) {
		cmd_fail("no such command: %s " CMD_HINT_COMMANDS, argv[i]);
		return main_exit(CMD_EXIT_USAGE);
	}
	s.argc = argc - i;
	s.argv = argv + i;
	main_offline(&s);
	return main_exit(main_run(&s));
}
