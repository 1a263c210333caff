/*
 * ui_job: one of orrery's own commands run in the background for the
 * reader (`a` runs `orrery add`, `I` runs `orrery import`), so that the
 * reader subscribes exactly as the command line does -- feed discovery,
 * downloads and all -- without the UI thread waiting for the network.
 * The reader polls the job's fd next to the terminal's and learns what
 * the store gained from PRAGMA data_version like any other process's
 * writes.  Needs no curses.
 */
#ifndef ORRERY_UI_JOB_H
#define ORRERY_UI_JOB_H

#include <stddef.h>

struct ui_job;

/*
 * Start this program (/proc/self/exe) with argv[1..] (NULL-terminated;
 * argv[0] is ignored), stdin on /dev/null, stdout and stderr into one
 * pipe.  Returns the job, or NULL with *cause.
 */
struct ui_job *ui_job_start(const char *const *argv, char **cause);
/* The fd to poll for input. */
int ui_job_fd(const struct ui_job *);
/*
 * Read what the command printed so far (call when the fd is readable).
 * Returns 1 once it has ended (its output is whole and it is reaped),
 * else 0.
 */
int ui_job_read(struct ui_job *);
/* After ui_job_read returned 1: the exit status (128+N for signal N)
 * and everything it printed (NUL-terminated, borrowed until free). */
int ui_job_status(const struct ui_job *);
const char *ui_job_output(const struct ui_job *);
/*
 * Run a program (looked up in PATH) with argv, stdin and stderr on
 * /dev/null, and wait for it: what it printed on stdout (at most len - 1
 * bytes, its last newline removed) in out.  For quick questions such as
 * `tmux show -gv set-clipboard`.  Returns its exit status, or -1.
 */
int ui_job_capture(const char *const *argv, char *out, size_t len);
/* Stop it if still running (SIGTERM), reap it, free. */
void ui_job_free(struct ui_job *);

#endif /* ORRERY_UI_JOB_H */
