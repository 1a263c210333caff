/*
 * near: which of a list of names a mistyped one was meant to be, for
 * messages that suggest ("did you mean refresh-interval?").  Pure.
 */
#ifndef ORRERY_NEAR_H
#define ORRERY_NEAR_H

#include <stddef.h>

/*
 * The edit distance (insertions, deletions, substitutions and swaps of
 * two neighbours) between a and b, ASCII letters folded; capped at 255.
 */
int near_distance(const char *a, const char *b);

/*
 * Is name close enough to given to suggest it: within a third of the
 * longer one's length (at least 1, at most 3 edits), or one of them
 * contains the other, letters folded?
 */
int near_close(const char *given, const char *name);

#endif /* ORRERY_NEAR_H */
