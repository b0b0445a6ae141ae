#include "record.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A record starts with this byte, so data of another layout is refused
 * instead of misread. */
#define RECORD_MAGIC 0x53   /* layout 4: the date in ISO form beside the text; markdown */

presscut_status_t pc_buf_reserve(pc_buf_t *b, size_t extra)
{
    if (b->cap - b->len >= extra)
        return PRESSCUT_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < extra)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        return PRESSCUT_NOMEM;
    b->p = p;
    b->cap = cap;
    return PRESSCUT_OK;
}

static void put_varint(pc_buf_t *b, uint64_t v)
{
    while (v >= 0x80) {
        b->p[b->len++] = (char)(v | 0x80);
        v >>= 7;
    }
    b->p[b->len++] = (char)v;
}

static void put_string(pc_buf_t *b, const char *s, size_t len)
{
    put_varint(b, len);
    memcpy(b->p + b->len, s, len);
    b->len += len;
    b->p[b->len++] = '\0';
}

presscut_status_t pc_record_encode(const pc_record_t *r, pc_buf_t *b)
{
    const char *strs[] = { r->article_id, r->path, r->title, r->date, r->date_text, r->source,
                           r->url, r->language };
    const int nstr = sizeof strs / sizeof strs[0];
    if (r->n_breaks >= PC_PASSAGE_MAX_PARAGRAPHS)
        return PRESSCUT_BAD_ARG;
    size_t src_len = r->src ? r->src_len : 0;
    size_t n_repairs = r->repairs ? r->n_repairs : 0;
    size_t need = 1 + nstr * 10 + 10 * (13 + 2 * r->n_breaks) + r->text_len + 1 + src_len + 1 +
                  4 * n_repairs + 1 + 1;
    for (int i = 0; i < nstr; i++)
        need += strlen(strs[i] ? strs[i] : "") + 1;
    b->len = 0;
    if (pc_buf_reserve(b, need) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    b->p[b->len++] = (char)RECORD_MAGIC;
    for (int i = 0; i < nstr; i++) {
        const char *s = strs[i] ? strs[i] : "";
        put_string(b, s, strlen(s));
    }
    put_varint(b, r->paragraph);
    put_varint(b, r->part);
    put_varint(b, r->n_breaks);
    for (unsigned i = 0; i < r->n_breaks; i++)
        put_varint(b, r->breaks[i]);
    put_varint(b, r->prev_paragraph);
    put_varint(b, r->prev_part);
    put_varint(b, r->next_paragraph);
    put_varint(b, r->next_part);
    put_varint(b, (uint64_t)r->line);
    put_varint(b, r->start);
    put_varint(b, r->end);
    put_string(b, r->text, r->text_len);
    put_string(b, src_len ? r->src : "", src_len);
    put_varint(b, src_len && r->markdown);
    for (unsigned i = 0; src_len && i < r->n_breaks; i++)
        put_varint(b, r->src_breaks[i]);
    put_string(b, n_repairs ? r->repairs : "", 4 * n_repairs);
    return PRESSCUT_OK;
}

typedef struct reader {
    const unsigned char *p, *end;
    int bad;
} reader_t;

static uint64_t get_varint(reader_t *rd)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (rd->p >= rd->end)
            break;
        unsigned char c = *rd->p++;
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            return v;
    }
    rd->bad = 1;
    return 0;
}

static const char *get_string(reader_t *rd, size_t *len)
{
    uint64_t n = get_varint(rd);
    if (rd->bad || n >= (uint64_t)(rd->end - rd->p) || rd->p[n] != '\0') {
        rd->bad = 1;
        return "";
    }
    const char *s = (const char *)rd->p;
    rd->p += n + 1;
    if (len)
        *len = (size_t)n;
    return s;
}

presscut_status_t pc_record_decode(const char *data, size_t len, pc_record_t *r)
{
    reader_t rd = { (const unsigned char *)data, (const unsigned char *)data + len, 0 };
    if (len == 0 || *rd.p++ != RECORD_MAGIC)
        return PRESSCUT_CORRUPT;
    r->article_id = get_string(&rd, NULL);
    r->path = get_string(&rd, NULL);
    r->title = get_string(&rd, NULL);
    r->date = get_string(&rd, NULL);
    r->date_text = get_string(&rd, NULL);
    r->source = get_string(&rd, NULL);
    r->url = get_string(&rd, NULL);
    r->language = get_string(&rd, NULL);
    r->paragraph = (unsigned)get_varint(&rd);
    r->part = (unsigned)get_varint(&rd);
    uint64_t n_breaks = get_varint(&rd);
    if (n_breaks >= PC_PASSAGE_MAX_PARAGRAPHS)
        return PRESSCUT_CORRUPT;
    r->n_breaks = (unsigned)n_breaks;
    for (unsigned i = 0; i < r->n_breaks; i++)
        r->breaks[i] = (size_t)get_varint(&rd);
    r->prev_paragraph = (unsigned)get_varint(&rd);
    r->prev_part = (unsigned)get_varint(&rd);
    r->next_paragraph = (unsigned)get_varint(&rd);
    r->next_part = (unsigned)get_varint(&rd);
    r->line = (long)get_varint(&rd);
    r->start = (size_t)get_varint(&rd);
    r->end = (size_t)get_varint(&rd);
    r->text = get_string(&rd, &r->text_len);
    r->src_len = 0;
    r->src = get_string(&rd, &r->src_len);
    r->markdown = get_varint(&rd) != 0;
    for (unsigned i = 0; i < r->n_breaks; i++) {
        r->src_breaks[i] = r->src_len ? (size_t)get_varint(&rd) : 0;
        if (r->breaks[i] > r->text_len || r->src_breaks[i] > r->src_len ||
            (i > 0 && r->src_breaks[i] < r->src_breaks[i - 1]))
            rd.bad = 1;
    }
    size_t repairs_len = 0;
    r->repairs = get_string(&rd, &repairs_len);
    r->n_repairs = repairs_len / 4;
    size_t within = r->src_len ? r->src_len : r->text_len;
    for (size_t i = 0; i < r->n_repairs && !rd.bad; i++)
        if (pc_record_repair(r, i) + 3 > within ||
            (i > 0 && pc_record_repair(r, i) < pc_record_repair(r, i - 1) + 3))
            rd.bad = 1;
    if (repairs_len % 4)
        rd.bad = 1;
    return rd.bad || rd.p != rd.end ? PRESSCUT_CORRUPT : PRESSCUT_OK;
}

size_t pc_record_repair(const pc_record_t *r, size_t i)
{
    const unsigned char *p = (const unsigned char *)r->repairs + 4 * i;
    return (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 | (size_t)p[3] << 24;
}

presscut_status_t pc_record_add_repair(pc_buf_t *b, size_t off)
{
    if (pc_buf_reserve(b, 4) != PRESSCUT_OK)
        return PRESSCUT_NOMEM;
    for (int k = 0; k < 4; k++)
        b->p[b->len++] = (char)(off >> (8 * k));
    return PRESSCUT_OK;
}
