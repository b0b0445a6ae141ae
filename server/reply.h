/* reply: what a handler answers, before serve.c hands it to the HTTP
 * library. */
#ifndef PRESSCUT_SERVE_REPLY_H
#define PRESSCUT_SERVE_REPLY_H

#include "buf.h"
#include "params.h"
#include "presscut.h"

typedef struct reply {
    unsigned status;             /* HTTP status */
    const char *type;            /* Content-Type */
    sbuf_t body;
    char nonce[32];              /* the page's <style> nonce (Content-Security-Policy) */
} reply_t;

/* The HTTP status for a failed search or look-up: 400 for the query's
 * fault, 503 for an index that cannot be reached or read just now, 500
 * otherwise. */
unsigned reply_status_for(presscut_status_t st);

/* The JSON API: the hits as presscut-query --json writes them, in
 * {"results":[..],"summary":{..}}; an error as {"error":{..}} with its
 * HTTP status, `name` as pc_json_status_name() names a status. */
void api_search(presscut_db_t *db, const params_t *p, reply_t *r);
void api_quote(presscut_db_t *db, const params_t *p, reply_t *r);
void api_error(reply_t *r, unsigned status, const char *name, const char *message);

/* The HTML: the search page (form, hits or quote hits), an article, an
 * error page. */
void page_search(presscut_db_t *db, const params_t *p, reply_t *r);
void page_article(presscut_db_t *db, const params_t *p, reply_t *r);
void page_error(reply_t *r, unsigned status, const char *message);

/* What a page echoes of the query a request sent: the <title> its first
 * SERVE_MAX_TITLE bytes; the search box all of a query the library would
 * search (PC_MAX_QUERY_BYTES, 65,536), so that it comes back whole to be
 * edited, and of a longer one, which it refuses, the first SERVE_MAX_ECHO
 * bytes. */
#define SERVE_MAX_TITLE 100
#define SERVE_MAX_ECHO 1024

/* A hit's link to its article carries the query to mark there when it
 * has at most this many bytes; of a longer one (a pasted text), which
 * each of the page's hits would repeat, the words the hit marks, each
 * once, as many as fit in as many bytes (hl=). */
#define SERVE_MAX_LINK_QUERY 256

/* The page's head (title escaped, cut to SERVE_MAX_TITLE bytes) and its
 * end. */
void page_begin(reply_t *r, const char *title);
void page_end(reply_t *r);

/* ` lang="CODE"` for an element holding an article's text; nothing when
 * the article names no language. */
void page_lang(sbuf_t *b, const char *language);

/* text[from..to) with the spans (offsets in text, ascending) in <mark>,
 * and [mark_start, mark_end) (none when equal) as one <mark class="quote">
 * that swallows the spans inside it; "…" where the window cuts text. */
void page_marked(sbuf_t *b, const char *text, size_t len, size_t from, size_t to,
                 const presscut_span_t *spans, size_t n, size_t mark_start, size_t mark_end);

#endif
