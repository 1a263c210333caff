/*
 * unit_open: tests for open_url(), open_media() and open_copy() without
 * a terminal.
 * The "browser" is a shell script in a private directory that writes its
 * arguments one per line to a file; open_copy writes to stdout while
 * curses is not active, which the test points at a file.  Owns nothing
 * but the checks and its temporary directory; must not print anything but
 * the ok / not ok lines, nor compute an expected value with the code under
 * test.
 */
#include "open.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "util.h"

#include "check.h"

static char *dir;

/* The whole of a file, or NULL when it does not exist. */
static char *
slurp(const char *path, size_t *len)
{
	char *data = NULL;
	size_t size = 0, got = 0, n;
	FILE *f;

	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	for (;;) {
		if (got == size) {
			size = size == 0 ? 4096 : size * 2;
			data = xreallocarray(data, size + 1, 1);
		}
		n = fread(data + got, 1, size - got, f);
		if (n == 0)
			break;
		got += n;
	}
	fclose(f);
	data[got] = '\0';
	if (len != NULL)
		*len = got;
	return data;
}

/* Wait up to 5 s for a file a detached child writes. */
static char *
wait_for(const char *path)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	char *s;
	int i;

	for (i = 0; i < 500; i++) {
		s = slurp(path, NULL);
		if (s != NULL)
			return s;
		nanosleep(&ts, NULL);
	}
	return NULL;
}

/* A script that writes its arguments to OUT (renamed into place when
 * complete, so a reader never sees half of it), then exits with status. */
static char *
make_script(const char *name, const char *out, int status)
{
	char *path;
	FILE *f;

	path = xasprintf("%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL)
		return path;
	fprintf(f,
	    "#!/bin/sh\n"
	    "for a in \"$@\"; do printf '%%s\\n' \"$a\"; done >'%s.tmp'\n"
	    "mv '%s.tmp' '%s'\n"
	    "exit %d\n",
	    out, out, out, status);
	fclose(f);
	chmod(path, 0755);
	return path;
}

/* The URL a feed might carry to trick a shell. */
static const char *
nasty_url(void)
{
	static char *url;

	if (url == NULL)
		url = xasprintf("http://example.com/a b?q='x'&y=\"z\"$(touch "
				"%s/pwned)`touch %s/pwned2`;echo |x",
		    dir, dir);
	return url;
}

static int
exists(const char *name)
{
	char *p;
	int rv;

	p = xasprintf("%s/%s", dir, name);
	rv = access(p, F_OK) == 0;
	free(p);
	return rv;
}

static void
gui(int on)
{
	unsetenv("WAYLAND_DISPLAY");
	if (on)
		setenv("DISPLAY", ":99", 1);
	else
		unsetenv("DISPLAY");
}

/* An enclosure goes to the player when there is one, else the browser;
 * a player gets http and https URLs only. */
static void
test_media(void)
{
	struct config cfg;
	char *out, *out2, *player, *browser, *got, *cause = NULL;
	int rv;

	memset(&cfg, 0, sizeof cfg);
	gui(0);
	out = xasprintf("%s/args-player", dir);
	out2 = xasprintf("%s/args-player-browser", dir);
	player = make_script("p1.sh", out, 0);
	browser = make_script("p2.sh", out2, 0);
	cfg.browser = browser;
	cfg.player = xasprintf("%s --no-video", player);
	rv = open_media(&cfg, "https://cdn.example.org/451.mp3", &cause);
	got = slurp(out, NULL);
	check(rv == 0 && got != NULL &&
		strcmp(got, "--no-video\nhttps://cdn.example.org/451.mp3\n") ==
		    0,
	    "media: the player gets the enclosure", "rv %d (%s), got [%s]", rv,
	    cause != NULL ? cause : "", got != NULL ? got : "(no file)");
	check(!exists("args-player-browser"), "media: not the browser too",
	    "the browser ran");
	free(got);
	free(cause);
	cause = NULL;
	unlink(out);
	rv = open_media(&cfg, "file:///etc/passwd", &cause);
	check(rv == -1 && cause != NULL && strstr(cause, "only http") != NULL &&
		access(out, F_OK) != 0,
	    "media: a file URL is not handed to the player", "rv %d (%s)", rv,
	    cause != NULL ? cause : "");
	free(cause);
	cause = NULL;
	rv = open_media(&cfg, "--help", &cause);
	check(rv == -1 && access(out, F_OK) != 0,
	    "media: an option is not handed to the player", "rv %d", rv);
	free(cause);
	cause = NULL;
	free(cfg.player);
	cfg.player = (char *)(uintptr_t) "";
	rv = open_media(&cfg, "https://cdn.example.org/450.mp3", &cause);
	got = slurp(out2, NULL);
	check(rv == 0 && got != NULL &&
		strcmp(got, "https://cdn.example.org/450.mp3\n") == 0,
	    "media: no player: the browser", "rv %d (%s), got [%s]", rv,
	    cause != NULL ? cause : "", got != NULL ? got : "(no file)");
	free(got);
	free(cause);
	free(out);
	free(out2);
	free(player);
	free(browser);
}

static void
test_url(const char *mode, int display)
{
	struct config cfg;
	char *out, *script, *got, *want, *cause = NULL, *name;
	int rv;

	memset(&cfg, 0, sizeof cfg);
	gui(display);

	/* The URL arrives as one argument, unchanged. */
	out = xasprintf("%s/args-%s-1", dir, mode);
	script = make_script("b1.sh", out, 0);
	cfg.browser = script;
	rv = open_url(&cfg, nasty_url(), &cause);
	got = display ? wait_for(out) : slurp(out, NULL);
	want = xasprintf("%s\n", nasty_url());
	name = xasprintf("%s: the URL is one argument", mode);
	check(rv == 0 && got != NULL && strcmp(got, want) == 0, name,
	    "rv %d (%s), got [%s], want [%s]", rv, cause != NULL ? cause : "",
	    got != NULL ? got : "(no file)", want);
	free(name);
	name = xasprintf("%s: no shell ran", mode);
	check(!exists("pwned") && !exists("pwned2"), name, "a file appeared");
	free(name);
	free(got);
	free(want);
	free(cause);
	cause = NULL;
	free(out);
	free(script);

	/* Arguments split on blanks; %u is the URL. */
	out = xasprintf("%s/args-%s-2", dir, mode);
	script = make_script("b2.sh", out, 0);
	cfg.browser = xasprintf("  %s  --new-window\t%%u --last ", script);
	rv = open_url(&cfg, "http://example.com/x", &cause);
	got = display ? wait_for(out) : slurp(out, NULL);
	name = xasprintf("%s: %%u substitution", mode);
	check(rv == 0 && got != NULL &&
		strcmp(got, "--new-window\nhttp://example.com/x\n--last\n") ==
		    0,
	    name, "rv %d (%s), got [%s]", rv, cause != NULL ? cause : "",
	    got != NULL ? got : "(no file)");
	free(name);
	free(got);
	free(cause);
	cause = NULL;
	free(cfg.browser);
	free(out);
	free(script);

	/* Without %u the URL goes last. */
	out = xasprintf("%s/args-%s-3", dir, mode);
	script = make_script("b3.sh", out, 0);
	cfg.browser = xasprintf("%s -o foo", script);
	rv = open_url(&cfg, "http://example.com/%u", &cause);
	got = display ? wait_for(out) : slurp(out, NULL);
	name = xasprintf("%s: the URL goes last", mode);
	check(rv == 0 && got != NULL &&
		strcmp(got, "-o\nfoo\nhttp://example.com/%u\n") == 0,
	    name, "rv %d (%s), got [%s]", rv, cause != NULL ? cause : "",
	    got != NULL ? got : "(no file)");
	free(name);
	free(got);
	free(cause);
	cause = NULL;
	free(cfg.browser);
	free(out);
	free(script);

	/* $BROWSER when the setting is empty. */
	out = xasprintf("%s/args-%s-4", dir, mode);
	script = make_script("b4.sh", out, 0);
	cfg.browser = (char *)(uintptr_t) "";
	setenv("BROWSER", script, 1);
	rv = open_url(&cfg, "http://example.com/env", &cause);
	unsetenv("BROWSER");
	got = display ? wait_for(out) : slurp(out, NULL);
	name = xasprintf("%s: $BROWSER", mode);
	check(rv == 0 && got != NULL &&
		strcmp(got, "http://example.com/env\n") == 0,
	    name, "rv %d (%s), got [%s]", rv, cause != NULL ? cause : "",
	    got != NULL ? got : "(no file)");
	free(name);
	free(got);
	free(cause);
	cause = NULL;
	free(out);
	free(script);

	/* A missing browser is an error naming it. */
	cfg.browser = xasprintf("%s/no-such-browser --flag", dir);
	rv = open_url(&cfg, "http://example.com/", &cause);
	name = xasprintf("%s: a missing browser", mode);
	check(rv == -1 && cause != NULL &&
		strstr(cause, "no-such-browser") != NULL &&
		strstr(cause, "No such file") != NULL,
	    name, "rv %d, cause [%s]", rv, cause != NULL ? cause : "(none)");
	free(name);
	free(cause);
	cause = NULL;
	free(cfg.browser);

	/* A URL that would read as an option is refused. */
	cfg.browser = (char *)(uintptr_t) "true";
	rv = open_url(&cfg, "--help", &cause);
	name = xasprintf("%s: a URL starting with -", mode);
	check(rv == -1 && cause != NULL, name, "rv %d", rv);
	free(name);
	free(cause);
	cause = NULL;

	/* A blank setting names no program. */
	cfg.browser = (char *)(uintptr_t) "   ";
	rv = open_url(&cfg, "http://example.com/", &cause);
	name = xasprintf("%s: a blank browser setting", mode);
	check(rv == -1 && cause != NULL, name, "rv %d", rv);
	free(name);
	free(cause);
	cause = NULL;
}

/* A terminal browser's exit status counts; a GUI one is not waited for. */
static void
test_status(void)
{
	struct config cfg;
	char *out, *script, *cause = NULL, *got;
	int rv;

	memset(&cfg, 0, sizeof cfg);
	gui(0);
	out = xasprintf("%s/args-status", dir);
	script = make_script("fail.sh", out, 3);
	cfg.browser = script;
	rv = open_url(&cfg, "http://example.com/", &cause);
	check(rv == -1 && cause != NULL && strstr(cause, "status 3") != NULL &&
		strstr(cause, "fail.sh") != NULL,
	    "terminal: a failing browser's status", "rv %d, cause [%s]", rv,
	    cause != NULL ? cause : "(none)");
	free(cause);
	cause = NULL;

	/* Under a display nobody waits: a failing GUI browser is no error. */
	gui(1);
	unlink(out);
	rv = open_url(&cfg, "http://example.com/", &cause);
	got = wait_for(out);
	check(rv == 0 && got != NULL, "gui: a browser is not waited for",
	    "rv %d (%s)", rv, cause != NULL ? cause : "");
	free(got);
	free(cause);
	free(out);
	free(script);
	gui(0);
}

static void
on_usr2(int sig)
{
	(void)sig;
}

/* This program's own path, to run itself as a browser. */
static char *self;

#ifndef NSIG
#define NSIG 65
#endif

/*
 * As a "browser" (argv: --signals OUT URL): write which signals are
 * blocked and which ignored, "blocked: 10 15\nignored: 13\n", to OUT.
 */
static int
dump_signals(const char *out)
{
	struct sigaction sa;
	sigset_t mask;
	char *tmp;
	FILE *f;
	int sig;

	tmp = xasprintf("%s.tmp", out);
	f = fopen(tmp, "w");
	if (f == NULL)
		return 1;
	sigprocmask(SIG_SETMASK, NULL, &mask);
	fprintf(f, "blocked:");
	for (sig = 1; sig < NSIG; sig++) {
		if (sigismember(&mask, sig) == 1)
			fprintf(f, " %d", sig);
	}
	fprintf(f, "\nignored:");
	for (sig = 1; sig < NSIG; sig++) {
		if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			fprintf(f, " %d", sig);
	}
	fprintf(f, "\n");
	fclose(f);
	rename(tmp, out);
	free(tmp);
	return 0;
}

/*
 * The browser starts with default dispositions and an empty mask whatever
 * the UI blocks or ignores, and open_url leaves the caller's as they were.
 */
static void
test_signals(int display)
{
	struct config cfg;
	struct sigaction sa, old_int, old_pipe, old_usr2, now_int, now_pipe,
	    now_usr2;
	sigset_t set, old_mask, now_mask;
	char *out, *got, *cause = NULL, *name;
	const char *mode = display ? "gui" : "terminal";
	int rv;

	if (self == NULL)
		return;
	memset(&cfg, 0, sizeof cfg);
	gui(display);
	out = xasprintf("%s/sig-%s", dir, mode);
	cfg.browser = xasprintf("%s --signals %s", self, out);

	/* SIGINT as the caller had it (ignored under a background job of a
	 * shell without job control). */
	sigaction(SIGINT, NULL, &old_int);
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, &old_pipe);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, &old_usr2);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, &old_mask);

	rv = open_url(&cfg, "http://example.com/", &cause);
	got = display ? wait_for(out) : slurp(out, NULL);
	name = xasprintf("%s: the browser's signals are reset", mode);
	check(
	    rv == 0 && got != NULL && strcmp(got, "blocked:\nignored:\n") == 0,
	    name, "rv %d (%s), got [%s]", rv, cause != NULL ? cause : "",
	    got != NULL ? got : "(no file)");
	free(name);

	sigprocmask(SIG_SETMASK, NULL, &now_mask);
	sigaction(SIGINT, NULL, &now_int);
	sigaction(SIGPIPE, NULL, &now_pipe);
	sigaction(SIGUSR2, NULL, &now_usr2);
	name = xasprintf("%s: the caller's signals are kept", mode);
	check(sigismember(&now_mask, SIGUSR1) == 1 &&
		sigismember(&now_mask, SIGTERM) == 1 &&
		sigismember(&now_mask, SIGINT) == 0 &&
		now_int.sa_handler == old_int.sa_handler &&
		now_pipe.sa_handler == SIG_IGN &&
		now_usr2.sa_handler == on_usr2,
	    name, "mask or dispositions changed");
	free(name);

	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	sigaction(SIGUSR2, &old_usr2, NULL);
	free(got);
	free(cause);
	free(out);
	free(cfg.browser);
	gui(0);
}

/* Run open_copy with stdout on a file and return what it wrote. */
static char *
copy_output(const char *text, int *rv, char **cause)
{
	char *path, *got;
	int fd, saved;

	path = xasprintf("%s/copy", dir);
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || saved < 0) {
		free(path);
		*rv = -2;
		return NULL;
	}
	dup2(fd, STDOUT_FILENO);
	close(fd);
	*rv = open_copy(text, cause);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	got = slurp(path, NULL);
	free(path);
	return got;
}

static void
test_copy(void)
{
	/* RFC 4648 section 10's test vectors. */
	static const char *const vec[][2] = { { "", "" }, { "f", "Zg==" },
		{ "fo", "Zm8=" }, { "foo", "Zm9v" }, { "foob", "Zm9vYg==" },
		{ "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
		{ "\xc3\xa9\xff\x01", "w6n/AQ==" } };
	char *got, *want, *cause = NULL, *big, *name;
	size_t i;
	int rv;

	unsetenv("TMUX");
	for (i = 0; i < sizeof vec / sizeof vec[0]; i++) {
		got = copy_output(vec[i][0], &rv, &cause);
		want = xasprintf("\033]52;c;%s\a", vec[i][1]);
		name = xasprintf("OSC 52 of \"%s\"", vec[i][1]);
		check(rv == 0 && got != NULL && strcmp(got, want) == 0, name,
		    "rv %d (%s), got [%s]", rv, cause != NULL ? cause : "",
		    got != NULL ? got + 1 : "(none)");
		free(name);
		free(want);
		free(got);
		free(cause);
		cause = NULL;
	}

	setenv("TMUX", "/tmp/tmux-0/default,1,0", 1);
	got = copy_output("foobar", &rv, &cause);
	check(rv == 0 && got != NULL &&
		strcmp(got,
		    "\033]52;c;Zm9vYmFy\a"
		    "\033Ptmux;\033\033]52;c;Zm9vYmFy\a\033\\") == 0,
	    "OSC 52 plain and wrapped for tmux", "rv %d, got [%s]", rv,
	    got != NULL ? got + 1 : "(none)");
	free(got);
	free(cause);
	cause = NULL;
	unsetenv("TMUX");

	big = xmalloc(64 * 1024 + 2);
	memset(big, 'a', 64 * 1024 + 1);
	big[64 * 1024 + 1] = '\0';
	got = copy_output(big, &rv, &cause);
	check(rv == -1 && cause != NULL && got != NULL && *got == '\0',
	    "more than 64 KiB is refused", "rv %d", rv);
	free(got);
	free(cause);
	cause = NULL;
	big[64 * 1024] = '\0';
	got = copy_output(big, &rv, &cause);
	check(rv == 0 && got != NULL && strlen(got) == 8 + 87384,
	    "64 KiB is copied", "rv %d (%s), %zu bytes", rv,
	    cause != NULL ? cause : "", got != NULL ? strlen(got) : 0);
	free(got);
	free(cause);
	free(big);
}

static void
cleanup(void)
{
	char *cmd;

	if (dir == NULL)
		return;
	/* The directory holds only what the tests wrote. */
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	free(cmd);
}

/*
 * Links from a feed with a scheme a browser would run or show (javascript:,
 * data:, vbscript:, file:) are refused, naming the scheme, and the browser
 * never starts; http, https and mailto go through; browser-schemes widens
 * the list.
 */
static void
test_schemes(void)
{
	static const char *const refused[] = { "javascript:alert(1)",
		"JavaScript:alert(document.cookie)",
		"data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox(1)", "file:///etc/passwd", "relative/path",
		NULL };
	struct config cfg;
	char *out, *script, *got, *cause = NULL, *name, *scheme;
	int i, rv;

	memset(&cfg, 0, sizeof cfg);
	gui(0);
	out = xasprintf("%s/args-schemes", dir);
	script = make_script("bs.sh", out, 0);
	cfg.browser = script;
	for (i = 0; refused[i] != NULL; i++) {
		unlink(out);
		rv = open_url(&cfg, refused[i], &cause);
		scheme = xstrndup(refused[i], strcspn(refused[i], ":"));
		util_lower_str(scheme);
		name = xasprintf(
		    "schemes: %s is refused, naming its scheme", refused[i]);
		check(rv == -1 && !exists("args-schemes") && cause != NULL &&
			(strchr(refused[i], ':') == NULL ||
			    strstr(cause, scheme) != NULL),
		    name, "rv %d, cause [%s]", rv,
		    cause != NULL ? cause : "(none)");
		free(name);
		free(scheme);
		free(cause);
		cause = NULL;
	}
	rv = open_url(&cfg, "mailto:someone@example.com", &cause);
	got = slurp(out, NULL);
	check(rv == 0 && got != NULL &&
		strcmp(got, "mailto:someone@example.com\n") == 0,
	    "schemes: mailto is opened", "rv %d (%s), got [%s]", rv,
	    cause != NULL ? cause : "", got != NULL ? got : "(no file)");
	free(got);
	free(cause);
	cause = NULL;
	unlink(out);
	cfg.browser_schemes = (char *)(uintptr_t) "http, https file";
	rv = open_url(&cfg, "file:///etc/hostname", &cause);
	got = slurp(out, NULL);
	check(rv == 0 && got != NULL, "schemes: browser-schemes can allow file",
	    "rv %d (%s)", rv, cause != NULL ? cause : "");
	free(got);
	free(cause);
	cause = NULL;
	rv = open_url(&cfg, "mailto:someone@example.com", &cause);
	check(rv == -1 && cause != NULL && strstr(cause, "mailto") != NULL,
	    "schemes: a browser-schemes list is the whole list", "rv %d (%s)",
	    rv, cause != NULL ? cause : "");
	free(cause);
	free(out);
	free(script);
}

int
main(int argc, char **argv)
{
	const char *base;
	char *tmpl;

	check_begin("open");
	if (argc == 4 && strcmp(argv[1], "--signals") == 0)
		return dump_signals(argv[2]);
	/* Only a path without blanks can be a browser setting. */
	self = realpath(argv[0], NULL);
	if (self != NULL && strpbrk(self, " \t") != NULL) {
		free(self);
		self = NULL;
	}

	base = getenv("T");
	if (base == NULL || *base == '\0')
		base = getenv("TMPDIR");
	if (base == NULL || *base == '\0')
		base = "/tmp";
	tmpl = xasprintf("%s/unit-open.XXXXXX", base);
	dir = mkdtemp(tmpl);
	if (dir == NULL) {
		check_fail("mkdtemp %s", tmpl);
		return 1;
	}
	unsetenv("BROWSER");

	test_url("gui", 1);
	test_url("terminal", 0);
	test_media();
	test_schemes();
	test_status();
	test_signals(1);
	test_signals(0);
	test_copy();

	cleanup();
	free(tmpl);
	free(self);
	return check_done();
}
