/*
 * buf: a growable byte buffer with a hard cap, always NUL-terminated.
 * Pure: no I/O, no globals.
 */
#ifndef ORRERY_BUF_H
#define ORRERY_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* owned; NUL-terminated; NULL until the first add */
	size_t len;
	size_t size;
	size_t cap; /* hard limit on len; 0 means SIZE_MAX / 2 */
};

/* A zeroed struct buf is a valid empty buffer without a cap. */
void buf_init(struct buf *, size_t cap);
/* Append; returns -1 (and adds nothing) when the cap would be exceeded. */
int buf_add(struct buf *, const void *, size_t);
int buf_addstr(struct buf *, const char *);
int buf_addc(struct buf *, char);
int buf_printf(struct buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
/* Hand the data to the caller (who frees it) and reset the buffer. */
char *buf_detach(struct buf *, size_t *);
void buf_reset(struct buf *);
void buf_free(struct buf *);

#endif /* ORRERY_BUF_H */
