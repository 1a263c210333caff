/*
 * check.h: the reporter every unit test program shares (header only, all
 * static).  Owns the line format tests/run.sh counts, "ok - MODULE: NAME"
 * and "not ok - MODULE: NAME: why", and the failure count behind the exit
 * status; must not print anything else, nor decide what passes.
 *
 * A program calls check_begin("html") first, then check() or check_why()
 * per case, and returns check_done() from main.  check_pass() and
 * check_fail() print a line of their own making for the few cases whose
 * name is built on the spot.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdarg.h>
#include <stdio.h>

static int check_failures;
static const char *check_module = "test";

static inline void check(int, const char *, const char *, ...)
    __attribute__((format(printf, 3, 4)));
static inline void check_pass(const char *, ...)
    __attribute__((format(printf, 1, 2)));
static inline void check_fail(const char *, ...)
    __attribute__((format(printf, 1, 2)));

/* MODULE of the lines printed from now on. */
static inline void
check_begin(const char *module)
{
	check_module = module;
}

/* "ok - MODULE: " and the rest. */
static inline void
check_pass(const char *fmt, ...)
{
	va_list ap;

	printf("ok - %s: ", check_module);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* "not ok - MODULE: " and the rest; counts a failure. */
static inline void
check_fail(const char *fmt, ...)
{
	va_list ap;

	printf("not ok - %s: ", check_module);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	check_failures++;
}

/* One case: "ok - MODULE: NAME", or "not ok - MODULE: NAME: why". */
static inline void
check(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		printf("ok - %s: %s\n", check_module, name);
		return;
	}
	printf("not ok - %s: %s: ", check_module, name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	check_failures++;
}

/* check() with the why ready-made (possibly ""). */
static inline void
check_why(int ok, const char *name, const char *why)
{
	check(ok, name, "%s", why);
}

/* The exit status: 0 when nothing failed, else 1. */
static inline int
check_done(void)
{
	return check_failures != 0;
}

#endif /* CHECK_H */
