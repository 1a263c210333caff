/*
 * ui_job: a background run of orrery's own commands for the reader
 * (ui_job.h).  Owns the child's pid and the read end of its output pipe;
 * the child gets default signals, an empty mask and no fd but its stdio,
 * as open.c's children do.  Output is kept up to UI_JOB_MAX bytes (what
 * the status line can say is far less).
 */
#include "ui_job.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

#define UI_JOB_MAX 8192
#define UI_JOB_ARGS 16

struct ui_job {
	pid_t pid;
	int fd; /* -1 once the pipe is at its end */
	int status;
	char out[UI_JOB_MAX + 1];
	size_t len;
};

/* In the child (async-signal-safe calls only). */
static void
ui_job_child(const char *exe, char *const *argv, int out)
{
	struct sigaction sa;
	sigset_t none;
	int sig, fd, max;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0 && fd != STDIN_FILENO) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	dup2(out, STDOUT_FILENO);
	dup2(out, STDERR_FILENO);
	max = (int)sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (fd = STDERR_FILENO + 1; fd < max; fd++)
		close(fd);
	execv(exe, argv);
	_exit(127);
}

struct ui_job *
ui_job_start(const char *const *argv, char **cause)
{
	struct ui_job *j;
	char exe[PATH_MAX], *args[UI_JOB_ARGS + 1];
	ssize_t n;
	int p[2], e;
	size_t i;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		util_fail(cause, "cannot find orrery's own program: %s",
		    strerror(errno));
		return NULL;
	}
	exe[n] = '\0';
	args[0] = exe;
	for (i = 1; i < UI_JOB_ARGS && argv[i] != NULL; i++)
		args[i] = (char *)(uintptr_t)argv[i];
	args[i] = NULL;
	if (pipe(p) != 0) {
		util_fail(cause, "pipe: %s", strerror(errno));
		return NULL;
	}
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	j = xcalloc(1, sizeof *j);
	j->pid = fork();
	if (j->pid == -1) {
		e = errno;
		close(p[0]);
		close(p[1]);
		free(j);
		util_fail(cause, "fork: %s", strerror(e));
		return NULL;
	}
	if (j->pid == 0)
		ui_job_child(exe, args, p[1]);
	close(p[1]);
	j->fd = p[0];
	return j;
}

int
ui_job_fd(const struct ui_job *j)
{
	return j->fd;
}

int
ui_job_read(struct ui_job *j)
{
	char buf[1024];
	ssize_t n;
	size_t room;
	int st;

	while (j->fd != -1) {
		n = read(j->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n <= 0) {
			close(j->fd);
			j->fd = -1;
			break;
		}
		room = UI_JOB_MAX - j->len;
		if ((size_t)n < room)
			room = (size_t)n;
		memcpy(j->out + j->len, buf, room);
		j->len += room;
		j->out[j->len] = '\0';
	}
	/* The pipe ends as the command exits: it is reaped at once. */
	while (waitpid(j->pid, &st, 0) == -1) {
		if (errno != EINTR) {
			st = 0;
			break;
		}
	}
	j->pid = -1;
	j->status = WIFEXITED(st) ? WEXITSTATUS(st)
	    : WIFSIGNALED(st)	  ? 128 + WTERMSIG(st)
				  : 1;
	return 1;
}

int
ui_job_status(const struct ui_job *j)
{
	return j->status;
}

const char *
ui_job_output(const struct ui_job *j)
{
	return j->out;
}

void
ui_job_free(struct ui_job *j)
{
	int st;

	if (j == NULL)
		return;
	if (j->fd != -1)
		close(j->fd);
	if (j->pid > 0) {
		kill(j->pid, SIGTERM);
		while (waitpid(j->pid, &st, 0) == -1 && errno == EINTR)
			;
	}
	free(j);
}

int
ui_job_capture(const char *const *argv, char *out, size_t len)
{
	char *args[UI_JOB_ARGS + 1];
	pid_t pid;
	ssize_t n;
	size_t used = 0, i;
	int p[2], st, fd;

	if (len == 0)
		return -1;
	out[0] = '\0';
	for (i = 0; i < UI_JOB_ARGS && argv[i] != NULL; i++)
		args[i] = (char *)(uintptr_t)argv[i];
	args[i] = NULL;
	if (pipe(p) != 0)
		return -1;
	pid = fork();
	if (pid == -1) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		dup2(p[1], STDOUT_FILENO);
		for (fd = STDERR_FILENO + 1; fd < 1024; fd++)
			close(fd);
		execvp(args[0], args);
		_exit(127);
	}
	close(p[1]);
	for (;;) {
		n = read(p[0], out + used, len - 1 - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		used += (size_t)n;
		if (used == len - 1)
			break;
	}
	close(p[0]);
	out[used] = '\0';
	if (used > 0 && out[used - 1] == '\n')
		out[used - 1] = '\0';
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}
