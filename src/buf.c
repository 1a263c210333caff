/*
 * buf: a growable, NUL-terminated byte buffer with a hard cap.  Pure.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
buf_init(struct buf *b, size_t cap)
{
	memset(b, 0, sizeof *b);
	b->cap = cap;
}

static int
buf_reserve(struct buf *b, size_t more)
{
	size_t cap, want, size;

	cap = b->cap == 0 ? SIZE_MAX / 2 : b->cap;
	if (more > cap || b->len > cap - more)
		return -1;
	want = b->len + more + 1;
	if (want <= b->size)
		return 0;
	size = b->size == 0 ? 64 : b->size;
	while (size < want)
		size = size > SIZE_MAX / 4 ? want : size * 2;
	b->data = xreallocarray(b->data, size, 1);
	b->size = size;
	return 0;
}

int
buf_add(struct buf *b, const void *p, size_t n)
{
	if (buf_reserve(b, n) != 0)
		return -1;
	if (n != 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_addstr(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_addc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int rv;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	rv = buf_addstr(b, s);
	free(s);
	return rv;
}

char *
buf_detach(struct buf *b, size_t *len)
{
	char *p;

	if (b->data == NULL)
		buf_add(b, "", 0);
	p = b->data;
	if (len != NULL)
		*len = b->len;
	b->data = NULL;
	b->len = b->size = 0;
	return p;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->size = 0;
}
