/* buf: a growing response body, and the one HTML escaping. */
#ifndef PRESSCUT_SERVE_BUF_H
#define PRESSCUT_SERVE_BUF_H

#include <stdbool.h>
#include <stddef.h>

/* A byte buffer that remembers running out of memory: its writers need
 * not check each append, the caller checks `failed` once.  The owner frees
 * p with free(). */
typedef struct sbuf {
    char *p;
    size_t len, cap;
    bool failed;
} sbuf_t;

void sb_put(sbuf_t *b, const char *s, size_t len);
void sb_puts(sbuf_t *b, const char *s);
void sb_printf(sbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* s[0..len) as HTML text or attribute value (in double quotes): & < > " '
 * as references, a byte that is not part of valid UTF-8 and a control
 * character (tab and line breaks aside) as U+FFFD.  Everything a page
 * shows from an article, a query or a path goes through here. */
void sb_html(sbuf_t *b, const char *s, size_t len);
void sb_html_str(sbuf_t *b, const char *s);

/* The first max bytes at most of s as sb_html() writes them, cut before
 * a character that would not fit, "…" after a cut: what a page echoes of
 * a text the request sent. */
void sb_html_cut(sbuf_t *b, const char *s, size_t max);

/* s percent-encoded as a query-string value: every byte but A-Z a-z 0-9
 * - . _ ~. */
void sb_url(sbuf_t *b, const char *s);

#endif
