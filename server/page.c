/* page: the search page, served at /: a GET form that works without
 * JavaScript (the page has none), the hits or quote hits under it. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "queryparse.h"
#include "reply.h"
#include "resultjson.h"

/* Readable on a phone and on paper; no fonts, images or scripts fetched. */
static const char style[] =
    "body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;"
    "color:#1d1d1f;background:#fdfdfb}"
    "h1{font-size:1.4rem;margin:.2rem 0 1rem}h1 a{color:inherit;text-decoration:none}"
    "form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-bottom:1rem}"
    "input,select,button{font:inherit;padding:.3rem .4rem}"
    "input[type=search]{flex:1 1 18rem}"
    "fieldset{border:1px solid #ccc;border-radius:4px;display:flex;flex-wrap:wrap;gap:.5rem;"
    "width:100%}"
    "label{white-space:nowrap}"
    "ol.hits{padding-left:1.6rem}li.hit{margin:0 0 1.3rem}"
    "li.hit h2{font-size:1.05rem;margin:0}"
    ".meta,.cite,.totals{color:#555;font-size:.9rem;margin:.1rem 0}"
    ".cite{font-family:ui-monospace,monospace;font-size:.8rem;overflow-wrap:anywhere}"
    ".snippet{margin:.2rem 0}"
    "mark{background:#ffe58a;padding:0 .1em}mark.quote{background:#b8e1ff}"
    ".error{border-left:4px solid #c0392b;padding:.3rem .8rem;background:#fdecea}"
    ".suggest{font-style:italic}"
    "nav.pages{display:flex;gap:1rem;margin:1rem 0}"
    "section.passage{white-space:pre-line;margin:0 0 1rem;padding:.2rem .6rem;"
    "border-left:3px solid transparent}"
    "section.cited{border-left-color:#2b7de9;background:#f2f7ff}"
    ".anchor{color:#999;font-size:.75rem;text-decoration:none;float:right}";

void page_begin(reply_t *r, const char *title)
{
    sbuf_t *b = &r->body;
    r->type = "text/html; charset=utf-8";
    sb_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
               "<meta name=\"referrer\" content=\"no-referrer\"><title>");
    sb_html_cut(b, title, SERVE_MAX_TITLE);
    sb_puts(b, "</title><style nonce=\"");
    sb_puts(b, r->nonce);
    sb_puts(b, "\">");
    sb_puts(b, style);
    sb_puts(b, "</style></head><body>\n<h1><a href=\"/\">presscut</a></h1>\n");
}

void page_end(reply_t *r)
{
    sb_puts(&r->body, "</body></html>\n");
}

void page_error(reply_t *r, unsigned status, const char *message)
{
    r->status = status;
    page_begin(r, "presscut: error");
    sb_puts(&r->body, "<p class=\"error\" id=\"error\">");
    sb_html_str(&r->body, message);
    sb_puts(&r->body, "</p>\n<p><a href=\"/\">New search</a></p>\n");
    page_end(r);
}

/* One place of the text to mark: [start, end), of a class or none. */
typedef struct cut {
    size_t start, end;
    const char *cls;
} cut_t;

void page_marked(sbuf_t *b, const char *text, size_t len, size_t from, size_t to,
                 const presscut_span_t *spans, size_t n, size_t mark_start, size_t mark_end)
{
    size_t pos = from;
    bool quote = mark_end > mark_start && mark_start >= from && mark_end <= to;
    if (from > 0)
        sb_puts(b, "…");
    for (size_t k = 0; k <= n; k++) {
        cut_t c;
        if (k < n) {
            c = (cut_t){ spans[k].start, spans[k].end, NULL };
            if (quote && c.start < mark_end && c.end > mark_start)
                continue;       /* inside the quote's mark */
            if (quote && c.start >= mark_end) {
                c = (cut_t){ mark_start, mark_end, "quote" };
                quote = false;
                k--;
            }
        } else if (quote) {
            c = (cut_t){ mark_start, mark_end, "quote" };
            quote = false;
        } else {
            break;
        }
        if (c.start < pos || c.end > to || c.end <= c.start)
            continue;
        sb_html(b, text + pos, c.start - pos);
        sb_puts(b, c.cls ? "<mark class=\"quote\">" : "<mark>");
        sb_html(b, text + c.start, c.end - c.start);
        sb_puts(b, "</mark>");
        pos = c.end;
    }
    sb_html(b, text + pos, to - pos);
    if (to < len)
        sb_puts(b, "…");
}

/* ?q=..&mode=..&filters, for the links of the page (paging, did you
 * mean): the form's state, the query replaced by q. */
static void put_state(sbuf_t *b, const params_t *p, const char *q)
{
    sb_puts(b, "q=");
    sb_url(b, q);
    if (p->quote)
        sb_puts(b, "&amp;mode=quote");
    if (p->fuzzy)
        sb_puts(b, "&amp;fuzzy=1");
    if (p->articles)
        sb_puts(b, "&amp;articles=1");
    if (p->sort_date)
        sb_puts(b, "&amp;sort=date");
    const char *keys[] = { "from", "to", "source", "language" };
    const char *vals[] = { p->from, p->to, p->source, p->language };
    for (size_t i = 0; i < 4; i++)
        if (vals[i][0]) {
            sb_printf(b, "&amp;%s=", keys[i]);
            sb_url(b, vals[i]);
        }
    if (p->limit != SERVE_DEFAULT_LIMIT)
        sb_printf(b, "&amp;limit=%u", p->limit);
}

static void put_input(sbuf_t *b, const char *label, const char *name, const char *type,
                      const char *value, const char *extra)
{
    sb_printf(b, "<label>%s <input type=\"%s\" name=\"%s\" value=\"", label, type, name);
    sb_html_str(b, value);
    sb_printf(b, "\"%s></label>", extra);
}

/* A date filter's box: the browser's date picker holds only a whole
 * date (2024-03-07) and empties one it cannot (2024, 2024-03), which the
 * next submission would then drop unseen; such a one is shown as text. */
static const char *date_box(const char *value)
{
    bool whole = strlen(value) == 10 && value[4] == '-' && value[7] == '-';
    return !value[0] || whole ? "date" : "text";
}

static void put_check(sbuf_t *b, const char *label, const char *name, bool on)
{
    sb_printf(b, "<label><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %s</label>", name,
              on ? " checked" : "", label);
}

static void put_option(sbuf_t *b, const char *code, size_t len, const char *chosen)
{
    const pc_language_t *l = pc_language_find(code, len);
    sb_puts(b, "<option value=\"");
    sb_html(b, code, len);
    sb_printf(b, "\"%s>", strlen(chosen) == len && !strncmp(code, chosen, len) ? " selected" : "");
    sb_html(b, code, len);
    if (l) {
        sb_puts(b, " · ");
        sb_html_str(b, l->name);
    }
    sb_puts(b, "</option>");
}

/* The languages the index holds, to choose from; the one chosen is kept
 * even when the index lacks it (the search then says why). */
static void put_languages(sbuf_t *b, presscut_db_t *db, const char *chosen)
{
    char *codes = NULL;
    if (presscut_db_languages(db, &codes) != PRESSCUT_OK)
        codes = NULL;   /* the list is a convenience: the search reports the failure */
    sb_printf(b, "<label>Language <select name=\"language\" id=\"language\">"
                 "<option value=\"\"%s>any</option>", chosen[0] ? "" : " selected");
    bool listed = !chosen[0];
    for (const char *c = codes ? codes : ""; *c;) {
        size_t len = strcspn(c, ",");
        listed |= strlen(chosen) == len && !strncmp(c, chosen, len);
        put_option(b, c, len, chosen);
        c += len + (c[len] == ',');
    }
    if (!listed)
        put_option(b, chosen, strlen(chosen), chosen);
    sb_puts(b, "</select></label>");
    free(codes);
}

static void put_form(sbuf_t *b, presscut_db_t *db, const params_t *p)
{
    sb_puts(b, "<form method=\"get\" action=\"/\" role=\"search\">"
               "<input type=\"search\" name=\"q\" id=\"q\" aria-label=\"query\" "
               "placeholder=\"words, &quot;a phrase&quot;, or a quote\" value=\"");
    sb_html_cut(b, p->q, strlen(p->q) <= PC_MAX_QUERY_BYTES ? PC_MAX_QUERY_BYTES : SERVE_MAX_ECHO);
    sb_printf(b, "\" autofocus><select name=\"mode\" id=\"mode\" aria-label=\"mode\">"
                 "<option value=\"search\"%s>Search</option>"
                 "<option value=\"quote\"%s>Quote look-up</option></select>"
                 "<button type=\"submit\">Go</button>"
                 "<fieldset><legend>Filters</legend>",
              p->quote ? "" : " selected", p->quote ? " selected" : "");
    put_input(b, "From", "from", date_box(p->from), p->from, "");
    put_input(b, "to", "to", date_box(p->to), p->to, "");
    put_input(b, "Source", "source", "text", p->source, " size=\"12\"");
    put_languages(b, db, p->language);
    sb_printf(b, "<label>Sort <select name=\"sort\"><option value=\"relevance\">relevance"
                 "</option><option value=\"date\"%s>newest</option></select></label>",
              p->sort_date ? " selected" : "");
    put_check(b, "one passage per article", "articles", p->articles);
    put_check(b, "near quotes too", "fuzzy", p->fuzzy);
    sb_puts(b, "</fieldset></form>\n");
}

/* The words h marks, each once, space-separated, in SERVE_MAX_LINK_QUERY
 * bytes at most, as a query: ASCII in lower case, so that none reads as
 * an operator (AND, OR, NOT, NEAR). */
static void put_marked_words(sbuf_t *b, const presscut_hit_t *h)
{
    char words[SERVE_MAX_LINK_QUERY + 1];
    size_t len = 0;
    size_t start[SERVE_MAX_LINK_QUERY / 2 + 1], items = 0;
    for (size_t i = 0; i < h->n_highlights; i++) {
        const presscut_span_t *s = &h->highlights[i];
        size_t n = s->end - s->start, at = len + (len > 0);
        if (n == 0 || s->end > h->text_len || at + n > SERVE_MAX_LINK_QUERY)
            continue;
        for (size_t k = 0; k < n; k++) {
            char c = h->text[s->start + k];
            words[at + k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        }
        bool seen = false;
        for (size_t k = 0; k < items && !seen; k++) {
            size_t end = k + 1 < items ? start[k + 1] - 1 : len;
            seen = end - start[k] == n && !memcmp(words + start[k], words + at, n);
        }
        if (seen)
            continue;
        if (len > 0)
            words[len] = ' ';
        start[items++] = at;
        len = at + n;
    }
    words[len] = '\0';
    sb_url(b, words);
}

/* The link to h's article: its id, what to mark there (the query, or of
 * a long one the words h marks), the passage cited, and, for a quote, the
 * match in that passage's text. */
static void put_article_link(sbuf_t *b, const presscut_hit_t *h, const char *q, size_t ms,
                             size_t me)
{
    sb_puts(b, "/article?id=");
    sb_url(b, h->article_id);
    if (q[0] && strlen(q) <= SERVE_MAX_LINK_QUERY) {
        sb_puts(b, "&amp;q=");
        sb_url(b, q);
    } else if (q[0] && h->n_highlights) {
        sb_puts(b, "&amp;hl=");
        put_marked_words(b, h);
    }
    sb_printf(b, "&amp;at=%u.%u", h->paragraph, h->part);
    if (me > ms)
        sb_printf(b, "&amp;mark=%zu-%zu", ms, me);
    sb_printf(b, "#p%u-%u", h->paragraph, h->part);
}

/* ` lang="sr"`: the browser then picks the language's fonts and forms
 * (Chinese and Japanese share code points, not glyphs). */
void page_lang(sbuf_t *b, const char *language)
{
    if (!language[0])
        return;
    sb_puts(b, " lang=\"");
    sb_html_str(b, language);
    sb_puts(b, "\"");
}

/* The citation: file (and a feed's line), paragraph(s), bytes, and the
 * article's language when it has one. */
static void put_cite(sbuf_t *b, const presscut_hit_t *h, size_t start, size_t end)
{
    sb_puts(b, "<p class=\"cite\">");
    sb_html_str(b, pc_display_path(h->path));
    if (h->line)
        sb_printf(b, ":%ld", h->line);
    if (h->paragraph_end > h->paragraph)
        sb_printf(b, ", paragraphs %u-%u", h->paragraph, h->paragraph_end);
    else
        sb_printf(b, ", paragraph %u", h->paragraph);
    if (h->part)
        sb_printf(b, ".%u", h->part);
    sb_printf(b, ", %s %zu-%zu", h->line ? "body bytes" : "bytes", start, end);
    if (h->language[0]) {
        sb_puts(b, ", language ");
        sb_html_str(b, h->language);
    }
    sb_puts(b, "</p>");
}

static void put_meta(sbuf_t *b, const presscut_hit_t *h)
{
    sb_puts(b, "<p class=\"meta\">");
    const char *date = h->date[0] ? h->date : h->date_text;
    sb_html_str(b, date[0] ? date : "undated");
    if (h->source[0]) {
        sb_puts(b, " · ");
        sb_html_str(b, h->source);
    }
    sb_puts(b, "</p>");
}

static void put_title(sbuf_t *b, const presscut_hit_t *h, const char *q, size_t ms, size_t me)
{
    sb_puts(b, "<h2><a class=\"article\" href=\"");
    put_article_link(b, h, q, ms, me);
    sb_puts(b, "\">");
    sb_html_str(b, h->title[0] ? h->title : "(untitled)");
    sb_puts(b, "</a></h2>");
}

static void put_hit(sbuf_t *b, const presscut_hit_t *h, const char *q)
{
    sb_puts(b, "<li class=\"hit\">");
    put_title(b, h, q, 0, 0);
    put_meta(b, h);
    sb_puts(b, "<p class=\"snippet\"");
    page_lang(b, h->language);
    sb_puts(b, ">");
    page_marked(b, h->text, h->text_len, h->snippet.start, h->snippet.end, h->highlights,
                h->n_highlights, 0, 0);
    sb_puts(b, "</p>");
    put_cite(b, h, h->start, h->end);
    sb_puts(b, "</li>\n");
}

static void put_total(sbuf_t *b, const presscut_count_t *c, const char *one, const char *more)
{
    sb_printf(b, "%s%" PRIu64 " %s", c->lower == c->upper ? "" : "about ", c->estimate,
              c->estimate == 1 ? one : more);
}

static void put_pages(sbuf_t *b, const params_t *p, size_t shown, uint64_t total)
{
    sb_puts(b, "<nav class=\"pages\">");
    if (p->offset > 0) {
        sb_puts(b, "<a rel=\"prev\" id=\"prev\" href=\"/?");
        put_state(b, p, p->q);
        sb_printf(b, "&amp;offset=%u\">← previous</a>",
                  p->offset > p->limit ? p->offset - p->limit : 0);
    }
    if (p->offset + shown < total && p->offset + p->limit <= SERVE_MAX_OFFSET) {
        sb_puts(b, "<a rel=\"next\" id=\"next\" href=\"/?");
        put_state(b, p, p->q);
        sb_printf(b, "&amp;offset=%u\">next →</a>", p->offset + p->limit);
    }
    sb_puts(b, "</nav>\n");
}

static void search_hits(presscut_db_t *db, const params_t *p, reply_t *r)
{
    sbuf_t *b = &r->body;
    sbuf_t query = { 0 };
    params_query(p, &query);
    presscut_search_options_t opts = { .limit = p->limit, .offset = p->offset,
                                       .articles = p->articles,
                                       .sort = p->sort_date ? PRESSCUT_SORT_DATE
                                                            : PRESSCUT_SORT_RELEVANCE };
    presscut_results_t *res = NULL;
    presscut_status_t st = query.failed ? PRESSCUT_NOMEM
                                        : presscut_db_search(db, query.p, &opts, &res);
    free(query.p);
    if (st != PRESSCUT_OK) {
        r->status = reply_status_for(st);
        sb_puts(b, "<p class=\"error\" id=\"error\">");
        sb_html_str(b, st == PRESSCUT_NOMEM ? "out of memory" : presscut_db_error(db));
        sb_puts(b, "</p>\n");
        return;
    }
    const char *suggestion = presscut_results_suggestion(res);
    if (suggestion) {
        sb_puts(b, "<p class=\"suggest\">Did you mean <a id=\"suggestion\" href=\"/?");
        put_state(b, p, suggestion);
        sb_puts(b, "\">");
        sb_html_str(b, suggestion);
        sb_puts(b, "</a>?</p>\n");
    }
    const char *left_out = presscut_db_partial(db);
    if (left_out) {
        sb_puts(b, "<p class=\"error\">Partial results, shards left out: ");
        sb_html_str(b, left_out);
        sb_puts(b, "</p>\n");
    }
    size_t n = presscut_results_count(res);
    presscut_totals_t t;
    presscut_results_totals(res, &t);
    const presscut_count_t *total = p->articles ? &t.articles : &t.passages;
    sb_puts(b, "<p class=\"totals\" id=\"totals\">");
    if (!n) {
        sb_puts(b, "No passage matches.");
    } else {
        sb_printf(b, "%u-%zu of ", p->offset + 1, p->offset + n);
        if (p->articles) {
            put_total(b, total, "article", "articles");
        } else {
            put_total(b, total, "passage", "passages");
            sb_puts(b, " (in ");
            put_total(b, &t.articles, "article", "articles");
            sb_puts(b, ")");
        }
    }
    sb_printf(b, "</p>\n<ol class=\"hits\" start=\"%u\">\n", p->offset + 1);
    for (size_t i = 0; i < n; i++)
        put_hit(b, presscut_results_get(res, i), p->q);
    sb_puts(b, "</ol>\n");
    put_pages(b, p, n, total->estimate);
    presscut_results_destroy(res);
}

static const char *match_word(const presscut_quote_hit_t *h)
{
    return h->match == PRESSCUT_MATCH_EXACT     ? "exact"
           : h->match == PRESSCUT_MATCH_PARTIAL ? "partial (across a paragraph break)"
                                                : "approximate";
}

static void put_quote_hit(sbuf_t *b, const presscut_quote_hit_t *h, const char *cls)
{
    const presscut_hit_t *p = &h->passage;
    /* The match in the passage's text: its first word to its last. */
    size_t ms = 0, me = 0;
    if (p->n_highlights) {
        ms = p->highlights[0].start;
        me = p->highlights[p->n_highlights - 1].end;
    }
    sb_printf(b, "<li class=\"%s\">", cls);
    put_title(b, p, "", ms, me);
    put_meta(b, p);
    sb_printf(b, "<p class=\"meta\">%s, score %.2f</p><p class=\"snippet\"", match_word(h),
              p->score);
    page_lang(b, p->language);
    sb_puts(b, ">");
    page_marked(b, p->text, p->text_len, p->snippet.start, p->snippet.end, NULL, 0, ms, me);
    sb_puts(b, "</p>");
    put_cite(b, p, h->match_start, h->match_end);
    sb_puts(b, "</li>\n");
}

static void quote_hits(presscut_db_t *db, const params_t *p, reply_t *r)
{
    sbuf_t *b = &r->body;
    presscut_quote_options_t opts = { .limit = p->limit, .fuzzy = p->fuzzy };
    presscut_quote_results_t *res = NULL;
    presscut_status_t st = presscut_db_quote(db, p->q, &opts, &res);
    if (st != PRESSCUT_OK) {
        r->status = reply_status_for(st);
        sb_puts(b, "<p class=\"error\" id=\"error\">");
        sb_html_str(b, st == PRESSCUT_NOMEM ? "out of memory" : presscut_db_error(db));
        sb_puts(b, "</p>\n");
        return;
    }
    size_t n = presscut_quote_results_count(res);
    const presscut_quote_hit_t *c = presscut_quote_results_closest(res);
    presscut_totals_t t;
    presscut_quote_results_totals(res, &t);
    sb_puts(b, "<p class=\"totals\" id=\"totals\">");
    if (!n) {
        sb_puts(b, "No passage holds this quote, exactly or nearly.");
    } else if (!t.passages.estimate) {
        sb_printf(b, "%zu shown; no passage holds the quote word for word.", n);
    } else {
        /* As presscut-query --quote says it. */
        sb_printf(b, "%zu shown; ", n);
        put_total(b, &t.passages, "passage holds", "passages hold");
        sb_puts(b, " the quote word for word (in ");
        put_total(b, &t.articles, "article", "articles");
        sb_puts(b, ").");
    }
    sb_puts(b, "</p>\n<ol class=\"hits\">\n");
    for (size_t i = 0; i < n; i++)
        put_quote_hit(b, presscut_quote_results_get(res, i), "hit");
    if (c)
        put_quote_hit(b, c, "hit closest");
    sb_puts(b, "</ol>\n");
    /* A look-up has no offset: when it filled its limit, more asks for
     * twice as many places. */
    if (n == p->limit && p->limit < SERVE_MAX_LIMIT) {
        params_t more = *p;
        more.limit = p->limit * 2 < SERVE_MAX_LIMIT ? p->limit * 2 : SERVE_MAX_LIMIT;
        sb_puts(b, "<nav class=\"pages\"><a id=\"more\" href=\"/?");
        put_state(b, &more, p->q);
        sb_printf(b, "\">more places (up to %u) →</a></nav>\n", more.limit);
    }
    presscut_quote_results_destroy(res);
}

void page_search(presscut_db_t *db, const params_t *p, reply_t *r)
{
    r->status = 200;
    page_begin(r, p->q[0] ? p->q : "presscut");
    put_form(&r->body, db, p);
    const char *refusal = p->error[0] ? p->error : NULL;
    if (!refusal && p->q[0] && p->quote)
        refusal = params_quote_refusal(p);
    if (refusal) {
        r->status = 400;
        sb_puts(&r->body, "<p class=\"error\" id=\"error\">");
        sb_html_str(&r->body, refusal);
        sb_puts(&r->body, "</p>\n");
    } else if (p->q[0] && p->quote) {
        quote_hits(db, p, r);
    } else if (params_searches(p)) {
        search_hits(db, p, r);
    }
    page_end(r);
}
