/*
 * util: allocation wrappers that abort on out-of-memory, and small string
 * helpers shared by every module.  Pure: no I/O beyond the abort message,
 * no globals.
 */
#ifndef ORRERY_UTIL_H
#define ORRERY_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ORRERY_VERSION "0.1.0"

/* The xmalloc family never returns NULL: on failure they print and abort. */
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
/* Formatted allocation; the caller frees the result. */
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/*
 * Set *cause (when cause is not NULL) to a newly allocated message the
 * caller frees.  Returns -1 so that error paths can `return util_fail(...)`.
 */
int util_fail(char **, const char *, ...) __attribute__((format(printf, 2, 3)));

/* Case-insensitive ASCII comparisons, locale independent. */
int util_strcaseeq(const char *, const char *);
int util_strncaseeq(const char *, const char *, size_t);

/*
 * ASCII letters and white space whatever the locale: a byte value (as
 * unsigned char) in, as <ctype.h> takes it.  util_lower lower-cases A-Z
 * only; util_lower_str does so in place and returns s; util_strcasecmp
 * orders as strcmp does with A-Z folded to a-z.  util_isspace is space,
 * \t, \n, \v, \f and \r.
 */
int util_lower(int);
char *util_lower_str(char *);
int util_strcasecmp(const char *, const char *);
int util_isspace(int);

/*
 * Cut ASCII white space (util_isspace) off both ends.  util_trim works on
 * s in place, the text moving to its start, and returns s; util_trim_dup
 * returns a copy of what is left of s[0..n), or NULL when nothing is.
 */
char *util_trim(char *);
char *util_trim_dup(const char *, size_t);

/*
 * Parse a base-10 integer that fills the whole string (leading and trailing
 * blanks allowed, "042" is 42).  Returns 0 and sets *out, or -1.
 */
int util_parse_ll(const char *, long long *);

/*
 * Plain-text clean-up for titles, author names and the like: removes C0 and
 * C1 control characters and whole terminal escape sequences (CSI, OSC, DCS
 * and two-byte ESC forms, whether introduced by ESC or by the C1 byte),
 * turns tabs and newlines into spaces, collapses runs of ASCII whitespace
 * and trims both ends.  Input must be UTF-8; invalid bytes become U+FFFD.
 * Returns a newly allocated string the caller frees, or NULL when the
 * result is empty.
 */
char *util_clean_text(const char *, size_t);

/*
 * A copy of the n bytes at s fit to quote in an error message: control
 * characters (C0, DEL, C1), bidirectional overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069) and bytes that are not UTF-8 become '?',
 * and when max is not 0 the copy is cut on a character after at most max
 * bytes, with "..." added.  Stops at a NUL.  The caller frees it.
 */
char *util_safe(const char *, size_t n, size_t max);

/* Whether code point cp may never reach a terminal as it is: C0 but tab
 * and newline, DEL, C1, and the bidirectional overrides and isolates. */
int util_unsafe_cp(unsigned int cp);

/*
 * JSON text (as jansson writes it: UTF-8, with C0 escaped) made
 * terminal-safe: DEL, C1 and the bidirectional controls, which JSON
 * allows raw, become \u escapes, as do U+2028 and U+2029.  The caller
 * frees the copy.
 */
char *util_json_safe(const char *);

/*
 * An XDG base-directory path: "$VAR/rel" when the variable VAR holds an
 * absolute path (the spec says to ignore a relative one), else
 * "$HOME/dflt/rel" (dflt as ".config" or ".local/share"); NULL when HOME
 * is not set either.  The caller frees it.
 */
char *util_xdg_path(const char *var, const char *dflt, const char *rel);

/* The length of the terminal escape sequence at s (which starts with ESC),
 * n bytes available; 0 when s does not start with ESC. */
size_t util_escape_len(const char *, size_t);

/* Decode one UTF-8 sequence at s (n bytes available); returns its length
 * and sets *cp, or returns 0 when the bytes are not valid UTF-8. */
size_t util_utf8_decode(const unsigned char *, size_t, unsigned int *);
/* Encode cp as UTF-8 into out (at least 4 bytes); returns the length. */
size_t util_utf8_encode(unsigned int, char *);

/* The encoding="..." of an XML declaration at the start of s (blank lines
 * allowed before it), or NULL; the caller frees it. */
char *util_declared_encoding(const char *, size_t);

/* Are these n bytes valid UTF-8?  *nonascii: any byte above 0x7f. */
int util_valid_utf8(const char *, size_t, int *nonascii);
/* The length of s (n bytes) cut to at most max bytes at a character
 * boundary. */
size_t util_utf8_cut(const char *s, size_t n, size_t max);

/*
 * Decode a document's bytes to UTF-8 (a byte order mark removed, NUL bytes
 * kept, the length in *outlen; the caller frees the result).  The charset
 * is, in order (RFC 7303 3): a byte order mark, the given charset (an HTTP
 * Content-Type's; may be NULL), an XML declaration's encoding, UTF-8.
 * What documents get wrong is repaired: a Latin-1/ASCII label on valid
 * non-ASCII UTF-8 means UTF-8; a UTF-16/32 label on bytes without NULs is
 * ignored; bytes that are not the UTF-8 they claim are read as
 * windows-1252; unmappable bytes become U+FFFD.  *flags (may be NULL)
 * gets UTIL_UTF8_* bits saying which repairs were needed.
 */
#define UTIL_UTF8_UNKNOWN_CHARSET 0x1 /* iconv does not know the label */
#define UTIL_UTF8_NOT_UTF8 0x2	      /* read as windows-1252 instead */
char *util_to_utf8(
    const char *, size_t, const char *charset, size_t *outlen, int *flags);
/*
 * util_to_utf8 without a copy where none is needed: when the bytes (after
 * a byte order mark) are already the UTF-8 they should be, returns NULL
 * and points *view into them; else returns the decoded copy (the caller
 * frees it) and points *view at it too.  The length is in *outlen.
 */
char *util_to_utf8_view(const char *, size_t, const char *charset,
    const char **view, size_t *outlen, int *flags);

/*
 * FNV-1a, 64 bits: h with the n bytes at p mixed in; start from
 * UTIL_FNV1A_INIT.  Stable across runs and machines: stored entry
 * identities (parse's "hash:" ids) depend on it never changing.
 */
#define UTIL_FNV1A_INIT UINT64_C(0xcbf29ce484222325)
uint64_t util_fnv1a(uint64_t h, const void *p, size_t n);

/*
 * The next word of a list separated by HTML's whitespace (space, tab,
 * CR, LF, FF), at or after p, with its length in *len; NULL when there
 * is none.  Walk a class attribute with
 * for (w = util_word(s, &n); w != NULL; w = util_word(w + n, &n)).
 */
const char *util_word(const char *p, size_t *len);

#endif /* ORRERY_UTIL_H */
