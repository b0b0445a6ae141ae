/* params: a request's query-string arguments, checked, and the query the
 * page's filters make. */
#ifndef PRESSCUT_SERVE_PARAMS_H
#define PRESSCUT_SERVE_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Results a request may ask for at once, and how deep it may page: a
 * search collects offset + limit hits. */
#define SERVE_MAX_LIMIT 100
#define SERVE_MAX_OFFSET 10000
#define SERVE_DEFAULT_LIMIT 10
/* A filter's value: a date (2024-03-07), a source's words, a language tag. */
#define SERVE_MAX_DATE 10
#define SERVE_MAX_SOURCE 200
#define SERVE_MAX_LANGUAGE 16

typedef struct params {
    const char *q;               /* the query (search) or the quote text; "" when none */
    bool quote;                  /* mode=quote, or /api/quote */
    bool fuzzy, articles, sort_date;
    unsigned limit, offset;
    const char *from, *to;       /* date filter, "" when none */
    const char *source, *language;
    const char *id;              /* /article: the article id */
    const char *hl;              /* /article: words to mark, when q is not given */
    bool at_given;               /* /article: the cited passage, at=PARAGRAPH.PART */
    unsigned at_paragraph, at_part;
    bool mark_given;             /* /article: the quote's bytes in that passage's text */
    size_t mark_start, mark_end;
    char error[200];             /* the first bad argument, "" when none */
} params_t;

/* Defaults: no query, SERVE_DEFAULT_LIMIT, everything else off. */
void params_init(params_t *p);

/* Takes one argument (value already URL-decoded; borrowed for as long as
 * p is used).  An unknown key is ignored; a bad value keeps the first
 * such message in p->error and returns -1. */
int params_set(params_t *p, const char *key, const char *value);

/* params_set() for a value of len bytes as the HTTP library decoded it:
 * one holding a NUL byte (%00) is refused, since a C string would end
 * there and the rest be silently dropped. */
int params_take(params_t *p, const char *key, const char *value, size_t len);

/* Why a quote look-up refuses p, or NULL: the filters (from, to, source,
 * language) narrow searches, while a look-up finds the text wherever it
 * stands, and would ignore them unsaid; so would it one passage per
 * article, newest first or an offset (articles, sort=date, offset), which
 * presscut-query --quote refuses too. */
const char *params_quote_refusal(const params_t *p);

/* Whether p asks for a search: a query or a filter. */
bool params_searches(const params_t *p);

/* The query a search runs: q, then the filters as the query language
 * writes them (date:FROM..TO, source:"..", language:xx). */
void params_query(const params_t *p, sbuf_t *out);

#endif
