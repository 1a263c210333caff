/*
 * parse: feed bytes -> struct parsed_feed.  RSS 0.90-0.94 and 2.0, RSS 1.0
 * (RDF), Atom 0.3 and 1.0, JSON Feed 1.0/1.1.  Pure: bytes in, data out; no
 * I/O, no network (libxml2 never loads DTDs or external entities), nothing
 * printed.  Safe to call from any thread once parse_init() has run.
 */
#ifndef ORRERY_PARSE_H
#define ORRERY_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* A date that the feed did not give, or gave in a form we cannot read. */
#define PARSE_NO_DATE INT64_MIN

struct parsed_enclosure {
	char *url;
	char *type;	  /* NULL when absent */
	long long length; /* bytes; -1 when absent */
	long duration;	  /* seconds (itunes:duration, JSON Feed
			   * duration_in_seconds); -1 when absent */
};

struct parsed_entry {
	char *id;	   /* identity: guid/id, link or hash */
	char *title;	   /* plain text */
	char *link;	   /* absolute when a base was known */
	char *orig_link;   /* FeedBurner's origLink, or NULL */
	char *author;	   /* plain text, "Name (email)" */
	int64_t published; /* Unix seconds UTC or PARSE_NO_DATE */
	int64_t updated;
	char *summary; /* HTML or text, see *_html */
	char *content;
	int summary_html; /* 1 when summary is HTML markup */
	int content_html;
	char *source; /* plain text */
	struct parsed_enclosure *enclosures;
	size_t nenclosures;
};

/* A feed keeps at most its first PARSE_MAX_ENTRIES entries. */
#define PARSE_MAX_ENTRIES 10000

struct parsed_feed {
	char *title; /* plain text */
	char *link;
	long ttl; /* RSS <ttl> minutes, -1 when absent */
	struct parsed_entry *entries;
	size_t nentries;
	int truncated; /* it had more entries than PARSE_MAX_ENTRIES */
};

/* Parse options; a zeroed struct is valid (no base URL, no charset). */
struct parse_options {
	const char *url;     /* where the feed came from: the base */
	const char *charset; /* HTTP Content-Type charset, or NULL */
	size_t max_size;     /* refuse larger input; 0 = 64 MiB */
};

/* Process-wide libxml2 setup (error handlers, no external entities).
 * Call once from main before any thread starts. */
void parse_init(void);

/*
 * Parse len bytes.  Returns a feed the caller frees with parse_free(), or
 * NULL with *cause set for input that is not a feed at all (empty, not XML
 * or JSON, no feed root) or is over the size cap.  Ill-formed but
 * recognisable feeds return whatever could be recovered.
 */
struct parsed_feed *parse_feed(
    const char *, size_t, const struct parse_options *, char **);
void parse_free(struct parsed_feed *);

/*
 * An entry as another feed reader stored it (newsboat's cache), already
 * out of its XML: parse_records() gives it the same clean-up a parsed
 * feed gets (entities left in titles decoded, control characters removed,
 * the source of a Planet's entries taken from the title, the identity).
 * Every field may be NULL; published is PARSE_NO_DATE when unknown.  The
 * strings are the caller's; parse_records() only reads them.
 */
struct parse_record {
	char *id; /* guid */
	char *title;
	char *link;
	char *author;
	int64_t published;
	char *content; /* HTML unless content_text */
	int content_text;
	char *base; /* for relative URLs in content (else link) */
	char *enclosure_url;
	char *enclosure_type;
};

/* A feed of n records with the feed's title and site link; never NULL.
 * The caller frees it with parse_free(). */
struct parsed_feed *parse_records(
    const char *title, const char *link, const struct parse_record *, size_t n);

/* The `orrery parse` JSON rendering of a feed; the caller frees it. */
char *parse_to_json(const struct parsed_feed *);

#endif /* ORRERY_PARSE_H */
