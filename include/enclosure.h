/*
 * enclosure: how an enclosure (a podcast episode's audio, a video) is
 * described to people -- "audio/mpeg, 30 MB, 1:02:03".  Pure: numbers and
 * strings in, strings out.
 */
#ifndef ORRERY_ENCLOSURE_H
#define ORRERY_ENCLOSURE_H

#include <stddef.h>

/* "512 bytes", "1.5 KB", "30 MB", "2.1 GB" (units of 1024); "" below 0. */
void enclosure_size(long long bytes, char *, size_t);
/* "0:45", "12:34", "1:02:03"; "" below 0. */
void enclosure_duration(long seconds, char *, size_t);
/*
 * The type (or "file" when unknown), the size and the duration when
 * known, separated by ", ".  The caller frees it.  type is not cleaned:
 * it is the caller's to show safely.
 */
char *enclosure_label(const char *type, long long bytes, long seconds);

#endif /* ORRERY_ENCLOSURE_H */
