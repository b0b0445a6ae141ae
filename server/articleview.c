/* articleview: /article?id=..: an article as the index holds it, passage
 * by passage, the cited one marked and named by the URL's fragment. */
#include <string.h>

#include "queryparse.h"
#include "reply.h"
#include "resultjson.h"

static void put_head(sbuf_t *b, const presscut_hit_t *h)
{
    sb_puts(b, "<article");
    page_lang(b, h->language);
    sb_puts(b, "><h2 id=\"title\">");
    sb_html_str(b, h->title[0] ? h->title : "(untitled)");
    sb_puts(b, "</h2><p class=\"meta\">");
    const char *date = h->date[0] ? h->date : h->date_text;
    sb_html_str(b, date[0] ? date : "undated");
    if (h->source[0]) {
        sb_puts(b, " · ");
        sb_html_str(b, h->source);
    }
    sb_puts(b, "</p><p class=\"cite\" id=\"file\">");
    sb_html_str(b, pc_display_path(h->path));
    if (h->line)
        sb_printf(b, ":%ld", h->line);
    if (h->language[0]) {
        sb_puts(b, ", language ");
        sb_html_str(b, h->language);
    }
    if (h->url[0]) {
        /* As text: a link would take the reader's next click off the site. */
        sb_puts(b, "<br>");
        sb_html_str(b, h->url);
    }
    sb_puts(b, "</p>\n");
}

static void put_passage(sbuf_t *b, const params_t *p, const presscut_hit_t *h)
{
    /* A quote names the paragraph of its match, which may be any of a
     * joined passage's. */
    bool cited = p->at_given && p->at_paragraph >= h->paragraph &&
                 p->at_paragraph <= h->paragraph_end && h->part == p->at_part;
    size_t ms = 0, me = 0;
    if (cited && p->mark_given && p->mark_end <= h->text_len) {
        ms = p->mark_start;
        me = p->mark_end;
    }
    sb_printf(b, "<section class=\"passage%s\" id=\"p%u-%u\">", cited ? " cited" : "",
              h->paragraph, h->part);
    /* The later paragraphs of a joined passage are named too. */
    for (unsigned k = h->paragraph + 1; k <= h->paragraph_end; k++)
        sb_printf(b, "<span id=\"p%u-0\"></span>", k);
    sb_printf(b, "<a class=\"anchor\" href=\"#p%u-%u\">¶ %u", h->paragraph, h->part,
              h->paragraph);
    if (h->paragraph_end > h->paragraph)
        sb_printf(b, "-%u", h->paragraph_end);
    sb_printf(b, " · bytes %zu-%zu</a>", h->start, h->end);
    page_marked(b, h->text, h->text_len, 0, h->text_len, h->highlights, h->n_highlights, ms,
                me);
    sb_puts(b, "</section>\n");
}

void page_article(presscut_db_t *db, const params_t *p, reply_t *r)
{
    if (p->error[0]) {
        page_error(r, 400, p->error);
        return;
    }
    if (!p->id[0]) {
        page_error(r, 400, "no article given: add id=...");
        return;
    }
    presscut_article_t *a = NULL;
    presscut_status_t st = presscut_db_article(db, p->id, p->q[0] ? p->q : p->hl, &a);
    if (st != PRESSCUT_OK) {
        page_error(r, reply_status_for(st),
                   st == PRESSCUT_NOMEM ? "out of memory" : presscut_db_error(db));
        return;
    }
    size_t n = presscut_article_count(a);
    if (!n) {
        presscut_article_destroy(a);
        page_error(r, 404, "the index holds no article of this id");
        return;
    }
    const presscut_hit_t *first = presscut_article_get(a, 0);
    r->status = 200;
    page_begin(r, first->title[0] ? first->title : "(untitled)");
    sbuf_t *b = &r->body;
    sb_puts(b, "<p><a href=\"/?q=");
    sb_url(b, strlen(p->q) <= PC_MAX_QUERY_BYTES ? p->q : "");   /* one it would refuse: none */
    sb_puts(b, "\">← search</a></p>\n");
    put_head(b, first);
    for (size_t i = 0; i < n; i++)
        put_passage(b, p, presscut_article_get(a, i));
    if (presscut_article_truncated(a))
        sb_puts(b, "<p class=\"error\">The article goes on: this view shows its first "
                   "passages only.</p>\n");
    sb_puts(b, "</article>\n");
    page_end(r);
    presscut_article_destroy(a);
}
