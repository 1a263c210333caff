/*
 * open: start the browser on a URL and copy text to the clipboard.  The
 * browser runs by fork/execvp with the URL as one argument: never through
 * a shell, so nothing in a URL is ever interpreted.  A GUI browser is
 * started detached (its own session, stdio on /dev/null, reaped by a
 * double fork); a terminal browser gets the terminal (curses suspended)
 * and is waited for.  The clipboard is reached with OSC 52 through the
 * terminal.  Must not print anything, and must leave the terminal, the
 * signal mask and the signal dispositions as it found them on every path.
 */
#include "open.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "url.h"
#include "util.h"
#include "view.h"

/* The most text open_copy sends: terminals cap OSC 52 (xterm at 100000
 * base64 bytes, tmux lower), so larger copies would fail silently. */
#define OPEN_COPY_MAX (64 * 1024)

#ifndef NSIG
#define NSIG 65
#endif

/* The highest fd a child closes before exec (its error pipe excepted). */
#define OPEN_CLOSE_MAX 4096

/* Browsers that run in the terminal even when a display is set. */
static const char *const open_terminal_browsers[] = { "w3m", "lynx", "links",
	"links2", "elinks", "browsh", "carbonyl", "chawan", "cha", NULL };

/* The browser's argument vector: argv is what execvp gets. */
struct open_cmd {
	char *copy;  /* the browser value, cut into words in place */
	char **argv; /* words and the URL; NULL-terminated */
	int argc;
};

static void
open_cmd_free(struct open_cmd *c)
{
	free(c->copy);
	free(c->argv);
}

/*
 * Split the browser value on blanks; an argument "%u" (or "%s", as
 * $BROWSER lists write it) becomes the URL, else the URL goes last.
 */
static int
open_cmd_make(struct open_cmd *c, const char *browser, const char *url)
{
	char *p;
	size_t max;
	int have_url = 0;

	memset(c, 0, sizeof *c);
	c->copy = xstrdup(browser);
	max = strlen(browser) / 2 + 3;
	c->argv = xcalloc(max, sizeof *c->argv);
	p = c->copy;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (*p == '\0')
			break;
		if ((p[0] == '%' && (p[1] == 'u' || p[1] == 's')) &&
		    (p[2] == '\0' || p[2] == ' ' || p[2] == '\t')) {
			/* The URL itself, never text built around it. */
			c->argv[c->argc++] = (char *)(uintptr_t)url;
			have_url = 1;
		} else
			c->argv[c->argc++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
	}
	if (c->argc == 0) {
		open_cmd_free(c);
		return -1;
	}
	if (!have_url)
		c->argv[c->argc++] = (char *)(uintptr_t)url;
	c->argv[c->argc] = NULL;
	return 0;
}

/* Which browser: the configured one, else $BROWSER (its first entry when
 * it is a colon-separated list), else xdg-open.  The caller frees it. */
static char *
open_browser(const struct config *cfg)
{
	const char *env;

	if (cfg != NULL && cfg->browser != NULL && *cfg->browser != '\0')
		return xstrdup(cfg->browser);
	env = getenv("BROWSER");
	if (env != NULL && *env != '\0')
		return xstrndup(env, strcspn(env, ":"));
	return xstrdup("xdg-open");
}

static int
open_env_set(const char *name)
{
	const char *s = getenv(name);

	return s != NULL && *s != '\0';
}

/* Does the browser want the terminal?  Without a display, any does. */
static int
open_is_terminal(const char *prog)
{
	const char *base;
	size_t i;

	if (!open_env_set("DISPLAY") && !open_env_set("WAYLAND_DISPLAY"))
		return 1;
	base = strrchr(prog, '/');
	base = base != NULL ? base + 1 : prog;
	for (i = 0; open_terminal_browsers[i] != NULL; i++) {
		if (strcmp(base, open_terminal_browsers[i]) == 0)
			return 1;
	}
	return 0;
}

static int
open_cloexec_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	if (fcntl(fds[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(fds[1], F_SETFD, FD_CLOEXEC) == -1) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	return 0;
}

/* Write all of n bytes, through EINTR and short writes. */
static int
open_write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * In the child, after fork (async-signal-safe calls only): default signal
 * dispositions and an empty mask (the UI blocks and ignores signals, and
 * both survive exec), stdio on /dev/null when detached, no inherited fds
 * but the error pipe, then exec.  On failure errno goes up the pipe.
 */
static void
open_child_exec(char **argv, int errfd, int detach, int close_max)
{
	struct sigaction sa;
	sigset_t none;
	int sig, fd, e;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL); /* fails harmlessly for KILL, STOP */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	if (detach) {
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
			if (fd > STDERR_FILENO)
				close(fd);
		}
	}
	for (fd = STDERR_FILENO + 1; fd < close_max; fd++) {
		if (fd != errfd)
			close(fd);
	}
	execvp(argv[0], argv);
	e = errno;
	open_write_all(errfd, (const char *)&e, sizeof e);
	_exit(127);
}

/* Read the errno a child sent before exec failed: 0 when exec worked
 * (the pipe closed on exec), else the errno. */
static int
open_read_errno(int fd)
{
	ssize_t r;
	int e = 0;

	do
		r = read(fd, &e, sizeof e);
	while (r < 0 && errno == EINTR);
	if (r != (ssize_t)sizeof e)
		return 0;
	return e != 0 ? e : EIO;
}

static int
open_close_max(void)
{
	long m;

	m = sysconf(_SC_OPEN_MAX);
	if (m < 0 || m > OPEN_CLOSE_MAX)
		return OPEN_CLOSE_MAX;
	return (int)m;
}

static pid_t
open_waitpid(pid_t pid, int *status)
{
	pid_t r;

	do
		r = waitpid(pid, status, 0);
	while (r < 0 && errno == EINTR);
	return r;
}

/*
 * A GUI browser: a child starts a new session and forks the browser, then
 * exits at once, so the browser is never our child to reap and never
 * holds the terminal.
 */
static int
open_detached(struct open_cmd *c, char **cause)
{
	pid_t pid, inner;
	int fds[2], status, e, close_max = open_close_max();

	if (open_cloexec_pipe(fds) != 0)
		return util_fail(cause, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		e = errno;
		close(fds[0]);
		close(fds[1]);
		return util_fail(cause, "fork: %s", strerror(e));
	}
	if (pid == 0) {
		close(fds[0]);
		setsid();
		inner = fork();
		if (inner < 0) {
			e = errno;
			open_write_all(fds[1], (const char *)&e, sizeof e);
			_exit(127);
		}
		if (inner == 0)
			open_child_exec(c->argv, fds[1], 1, close_max);
		_exit(0);
	}
	close(fds[1]);
	open_waitpid(pid, &status);
	/* Until the browser's exec: quick, it does not wait for the browser. */
	e = open_read_errno(fds[0]);
	close(fds[0]);
	if (e != 0) {
		return util_fail(
		    cause, "cannot run \"%s\": %s", c->argv[0], strerror(e));
	}
	return 0;
}

/*
 * A terminal browser: hand the terminal over (when curses has it), run
 * the browser in the foreground and wait, SIGINT and SIGQUIT ignored
 * meanwhile as system() does, then take the terminal back.
 */
static int
open_foreground(struct open_cmd *c, char **cause)
{
	struct sigaction ign, old_int, old_quit;
	sigset_t block, old_mask;
	pid_t pid;
	int fds[2], status = 0, e, rv = 0, curses, close_max;

	close_max = open_close_max();
	if (open_cloexec_pipe(fds) != 0)
		return util_fail(cause, "pipe: %s", strerror(errno));

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGQUIT);
	pthread_sigmask(SIG_BLOCK, &block, &old_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);

	curses = stdscr != NULL && !isendwin();
	if (curses) {
		def_prog_mode();
		endwin();
	}
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		open_child_exec(c->argv, fds[1], 0, close_max);
	}
	e = errno;
	close(fds[1]);
	if (pid < 0)
		rv = util_fail(cause, "fork: %s", strerror(e));
	else {
		e = open_read_errno(fds[0]);
		if (open_waitpid(pid, &status) < 0 && e == 0) {
			rv = util_fail(cause, "waiting for \"%s\": %s",
			    c->argv[0], strerror(errno));
		} else if (e != 0) {
			rv = util_fail(cause, "cannot run \"%s\": %s",
			    c->argv[0], strerror(e));
		} else if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
			rv = util_fail(cause, "%s exited with status %d",
			    c->argv[0], WEXITSTATUS(status));
		} else if (WIFSIGNALED(status)) {
			rv = util_fail(cause, "%s was killed by signal %d",
			    c->argv[0], WTERMSIG(status));
		}
	}
	close(fds[0]);

	if (curses) {
		reset_prog_mode();
		clearok(curscr, TRUE); /* the browser drew over everything */
		refresh();
	}
	/* Setting SIG_IGN again drops what was sent meanwhile (POSIX: a
	 * pending signal set to be ignored is discarded, even blocked). */
	sigaction(SIGINT, &ign, NULL);
	sigaction(SIGQUIT, &ign, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
	return rv;
}

/*
 * Whether the browser may be given url: its scheme is one of the
 * browser-schemes setting's words (http, https and mailto by default).
 * A feed's link can say javascript:, data: or file:///etc/passwd, which
 * a browser would run or show.  0, or -1 with *cause naming the scheme.
 */
static int
open_scheme_ok(const struct config *cfg, const char *url, char **cause)
{
	const char *allow = cfg->browser_schemes, *w;
	char *scheme;
	size_t n;

	if (allow == NULL || *allow == '\0')
		allow = "http https mailto";
	scheme = url_scheme(url);
	if (scheme == NULL)
		return util_fail(cause, "not opening a link without a scheme");
	for (w = allow; *w != '\0'; w += n) {
		w += strspn(w, " \t,");
		n = strcspn(w, " \t,");
		if (n > 0 && n == strlen(scheme) &&
		    util_strncaseeq(w, scheme, n)) {
			free(scheme);
			return 0;
		}
	}
	util_fail(cause, "not opening a %s: link (browser-schemes allows %s)",
	    scheme, allow);
	free(scheme);
	return -1;
}

int
open_url(const struct config *cfg, const char *url, char **cause)
{
	struct open_cmd c;
	char *browser;
	int rv;

	if (url == NULL || *url == '\0')
		return util_fail(cause, "no link to open");
	if (open_scheme_ok(cfg, url, cause) != 0)
		return -1;
	/* A browser would read it as an option. */
	if (*url == '-')
		return util_fail(
		    cause, "not opening \"%s\": it starts with -", url);
	browser = open_browser(cfg);
	if (open_cmd_make(&c, browser, url) != 0) {
		rv = util_fail(cause,
		    "the browser setting \"%s\" names no "
		    "program",
		    browser);
		free(browser);
		return rv;
	}
	free(browser);
	if (open_is_terminal(c.argv[0]))
		rv = open_foreground(&c, cause);
	else
		rv = open_detached(&c, cause);
	open_cmd_free(&c);
	return rv;
}

int
open_media(const struct config *cfg, const char *url, char **cause)
{
	struct open_cmd c;
	char *scheme;
	int rv;

	if (cfg == NULL || cfg->player == NULL || *cfg->player == '\0')
		return open_url(cfg, url, cause);
	if (url == NULL || *url == '\0')
		return util_fail(cause, "no enclosure to play");
	/* A player is handed network URLs only, never an option or a
	 * local file a feed chose. */
	scheme = url_scheme(url);
	rv = scheme != NULL &&
	    (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0);
	free(scheme);
	if (!rv)
		return util_fail(cause,
		    "not playing \"%s\": only http and https enclosures", url);
	if (open_cmd_make(&c, cfg->player, url) != 0)
		return util_fail(cause,
		    "the player setting \"%s\" names no program", cfg->player);
	if (open_is_terminal(c.argv[0]))
		rv = open_foreground(&c, cause);
	else
		rv = open_detached(&c, cause);
	open_cmd_free(&c);
	return rv;
}

/* Standard base64 (RFC 4648 section 4) with padding; out holds
 * 4 * ((n + 2) / 3) + 1 bytes. */
static size_t
open_base64(const unsigned char *in, size_t n, char *out)
{
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, o = 0;
	unsigned long w;

	for (i = 0; i + 2 < n; i += 3) {
		w = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8 |
		    in[i + 2];
		out[o++] = abc[(w >> 18) & 63];
		out[o++] = abc[(w >> 12) & 63];
		out[o++] = abc[(w >> 6) & 63];
		out[o++] = abc[w & 63];
	}
	if (i < n) {
		w = (unsigned long)in[i] << 16;
		if (i + 1 < n)
			w |= (unsigned long)in[i + 1] << 8;
		out[o++] = abc[(w >> 18) & 63];
		out[o++] = abc[(w >> 12) & 63];
		out[o++] = i + 1 < n ? abc[(w >> 6) & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

int
open_copy(const char *text, char **cause)
{
	static const char osc[] = "\033]52;c;";
	char *b64, *seq, *p;
	const char *q;
	size_t n, blen, max;
	int fd, rv, opened = 0, e;

	if (text == NULL)
		return util_fail(cause, "nothing to copy");
	n = strlen(text);
	if (n > OPEN_COPY_MAX) {
		return util_fail(cause,
		    "too long to copy: %zu bytes (at most %d)", n,
		    OPEN_COPY_MAX);
	}
	b64 = xmalloc(4 * ((n + 2) / 3) + 1);
	blen = open_base64((const unsigned char *)text, n, b64);

	/*
	 * "ESC ] 52 ; c ; DATA BEL".  Inside tmux it goes twice: as it is,
	 * which tmux takes (a paste buffer, and on to the outer terminal)
	 * when set-clipboard is on, and wrapped as "ESC P tmux; ... ESC \"
	 * with every ESC inside doubled, which tmux hands to the outer
	 * terminal untouched when allow-passthrough is on.  With both on the
	 * clipboard is simply set twice to the same text.
	 */
	max = 3 * (sizeof osc + blen) + 16;
	seq = xmalloc(max);
	p = seq;
	memcpy(p, osc, sizeof osc - 1);
	p += sizeof osc - 1;
	memcpy(p, b64, blen);
	p += blen;
	*p++ = '\a';
	if (open_env_set("TMUX")) {
		memcpy(p, "\033Ptmux;", 7);
		p += 7;
		for (q = osc; *q != '\0'; q++) {
			if (*q == '\033')
				*p++ = '\033';
			*p++ = *q;
		}
		memcpy(p, b64, blen);
		p += blen;
		memcpy(p, "\a\033\\", 3);
		p += 3;
	}
	free(b64);

	/* While curses owns stdout, talk to the terminal itself. */
	fd = STDOUT_FILENO;
	if (stdscr != NULL && !isendwin()) {
		fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (fd >= 0)
			opened = 1;
		else
			fd = STDOUT_FILENO;
	}
	rv = open_write_all(fd, seq, (size_t)(p - seq));
	e = errno;
	if (opened)
		close(fd);
	free(seq);
	if (rv != 0)
		return util_fail(
		    cause, "cannot write to the terminal: %s", strerror(e));
	return 0;
}
