/* params: a request's query-string arguments, checked. */
#include "params.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void params_init(params_t *p)
{
    *p = (params_t){ .q = "", .limit = SERVE_DEFAULT_LIMIT, .from = "", .to = "",
                     .source = "", .language = "", .id = "", .hl = "" };
}

static int bad(params_t *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad(params_t *p, const char *fmt, ...)
{
    if (!p->error[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->error, sizeof p->error, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* A decimal number in [0, max], digits only. */
static int number(const char *s, unsigned long max, unsigned long *out)
{
    if (!*s || strlen(s) > 9 || strspn(s, "0123456789") != strlen(s))
        return -1;
    *out = strtoul(s, NULL, 10);
    return *out <= max ? 0 : -1;
}

/* "1", "on", "true", "yes": what a checkbox or a script sends for yes. */
static int flag(params_t *p, const char *key, const char *value, bool *out)
{
    if (!*value || !strcmp(value, "0") || !strcmp(value, "false") || !strcmp(value, "no"))
        *out = false;
    else if (!strcmp(value, "1") || !strcmp(value, "on") || !strcmp(value, "true") ||
             !strcmp(value, "yes"))
        *out = true;
    else
        return bad(p, "%s takes 1 or 0", key);
    return 0;
}

/* Only characters of the kind the field holds: a filter cannot carry
 * query syntax into the query. */
static int only(params_t *p, const char *key, const char *value, const char *allowed,
                size_t max, const char **out)
{
    if (strlen(value) > max || strspn(value, allowed) != strlen(value))
        return bad(p, "%s: at most %zu of %s", key, max,
                   allowed[0] == '0' ? "digits and '-'" : "letters, digits and '-'");
    *out = value;
    return 0;
}

static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

int params_set(params_t *p, const char *key, const char *value)
{
    unsigned long n, m;
    if (!value)
        value = "";
    if (!strcmp(key, "q") || !strcmp(key, "text")) {
        p->q = value;
    } else if (!strcmp(key, "mode")) {
        if (strcmp(value, "quote") && strcmp(value, "search") && *value)
            return bad(p, "mode takes search or quote");
        p->quote = !strcmp(value, "quote");
    } else if (!strcmp(key, "limit")) {
        if (number(value, SERVE_MAX_LIMIT, &n) != 0 || n == 0)
            return bad(p, "limit takes a number from 1 to %d", SERVE_MAX_LIMIT);
        p->limit = (unsigned)n;
    } else if (!strcmp(key, "offset")) {
        if (number(value, SERVE_MAX_OFFSET, &n) != 0)
            return bad(p, "offset takes a number from 0 to %d", SERVE_MAX_OFFSET);
        p->offset = (unsigned)n;
    } else if (!strcmp(key, "sort")) {
        if (strcmp(value, "date") && strcmp(value, "relevance") && *value)
            return bad(p, "sort takes relevance or date");
        p->sort_date = !strcmp(value, "date");
    } else if (!strcmp(key, "articles")) {
        return flag(p, key, value, &p->articles);
    } else if (!strcmp(key, "fuzzy")) {
        return flag(p, key, value, &p->fuzzy);
    } else if (!strcmp(key, "from")) {
        return only(p, key, value, "0123456789-", SERVE_MAX_DATE, &p->from);
    } else if (!strcmp(key, "to")) {
        return only(p, key, value, "0123456789-", SERVE_MAX_DATE, &p->to);
    } else if (!strcmp(key, "language")) {
        return only(p, key, value, letters, SERVE_MAX_LANGUAGE, &p->language);
    } else if (!strcmp(key, "source")) {
        if (strlen(value) > SERVE_MAX_SOURCE)
            return bad(p, "source: at most %d bytes", SERVE_MAX_SOURCE);
        p->source = value;
    } else if (!strcmp(key, "id")) {
        p->id = value;
    } else if (!strcmp(key, "hl")) {
        p->hl = value;
    } else if (!strcmp(key, "at")) {
        char a[24], *dot;
        if (strlen(value) >= sizeof a)
            return bad(p, "at takes PARAGRAPH.PART");
        strcpy(a, value);
        if (!(dot = strchr(a, '.')))
            return bad(p, "at takes PARAGRAPH.PART");
        *dot = '\0';
        if (number(a, UINT_MAX, &n) != 0 || number(dot + 1, UINT_MAX, &m) != 0)
            return bad(p, "at takes PARAGRAPH.PART");
        p->at_given = true;
        p->at_paragraph = (unsigned)n;
        p->at_part = (unsigned)m;
    } else if (!strcmp(key, "mark")) {
        char a[24], *dash;
        if (strlen(value) >= sizeof a)
            return bad(p, "mark takes START-END");
        strcpy(a, value);
        if (!(dash = strchr(a, '-')))
            return bad(p, "mark takes START-END");
        *dash = '\0';
        if (number(a, 999999999, &n) != 0 || number(dash + 1, 999999999, &m) != 0 || m < n)
            return bad(p, "mark takes START-END");
        p->mark_given = true;
        p->mark_start = n;
        p->mark_end = m;
    }
    return 0;
}

int params_take(params_t *p, const char *key, const char *value, size_t len)
{
    if (value && strlen(value) != len)
        return bad(p, "%s holds a NUL byte (%%00)", key);
    return params_set(p, key, value);
}

/* source:word, or source:"several words" (its quote marks dropped). */
static void put_source(const char *s, sbuf_t *out)
{
    bool several = strpbrk(s, " \t") != NULL;
    sb_puts(out, several ? " source:\"" : " source:");
    for (; *s; s++)
        if (*s != '"')
            sb_put(out, s, 1);
    if (several)
        sb_puts(out, "\"");
}

const char *params_quote_refusal(const params_t *p)
{
    if (p->from[0] || p->to[0] || p->source[0] || p->language[0])
        return "a quote look-up searches every article: the filters (from, to, source, "
               "language) narrow searches only; clear them, or search";
    /* As presscut-query --quote refuses -a, --sort date and --offset. */
    if (p->articles || p->sort_date || p->offset)
        return "a quote look-up lists every place the quote stands, best first: articles, "
               "sort=date and offset apply to searches only; clear them, or search";
    return NULL;
}

bool params_searches(const params_t *p)
{
    return p->q[0] || p->from[0] || p->to[0] || p->source[0] || p->language[0];
}

void params_query(const params_t *p, sbuf_t *out)
{
    sb_puts(out, p->q);
    if (p->from[0] || p->to[0])
        sb_printf(out, " date:%s..%s", p->from, p->to);
    if (p->source[0] && strspn(p->source, " \t\"") != strlen(p->source))
        put_source(p->source, out);
    if (p->language[0])
        sb_printf(out, " language:%s", p->language);
}
