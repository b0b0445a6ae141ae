/* html: libxml2's DOM for structure, the source bytes for offsets. */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

/* ---- element kinds ----------------------------------------------------- */

static bool name_in(const char *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcasecmp(name, list[i]) == 0)
            return true;
    return false;
}

/* Page furniture, code and controls: never article text. */
static const char *const LEFT_OUT[] = {
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript",
    "template", "svg", "math", "iframe", "object", "button", "select", "textarea",
    "head", "title", NULL
};

static const char *const BLOCKS[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd",
    "figcaption", "div", "section", "article", "main", "table", "tr", "td", "th",
    "ul", "ol", "dl", "figure", "body", "center", NULL
};

/* Elements inside which words run on; any other element boundary is a
 * word boundary ("<td>a</td><td>b</td>" is "a b", not "ab"). */
static const char *const INLINE[] = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
    "u", "var", "ins", "del", NULL
};

static const char *ename(const xmlNode *n)
{
    return (const char *)n->name;
}

static bool left_out(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && name_in(ename(n), LEFT_OUT);
}

/* ---- text of a subtree ------------------------------------------------- */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    bool failed;
} sbuf_t;

static void sb_add(sbuf_t *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static bool is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Appends s with runs of white space as one space, none at the start. */
static void sb_add_collapsed(sbuf_t *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        if (is_ws((unsigned char)*p)) {
            if (b->len > 0 && b->p[b->len - 1] != ' ')
                sb_add(b, " ", 1);
        } else {
            sb_add(b, p, 1);
        }
    }
}

static void gather_text(const xmlNode *n, sbuf_t *b)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                sb_add_collapsed(b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE && !left_out(c)) {
            bool spaced = !name_in(ename(c), INLINE);
            if (spaced)
                sb_add_collapsed(b, " ");
            gather_text(c, b);
            if (spaced)
                sb_add_collapsed(b, " ");
        }
    }
}

/* The collapsed text of n, trimmed; caller frees with free().  NULL when
 * out of memory. */
static char *text_of(const xmlNode *n)
{
    sbuf_t b = { 0 };
    sb_add(&b, "", 0);
    gather_text(n, &b);
    if (b.failed) {
        free(b.p);
        return NULL;
    }
    while (b.len > 0 && b.p[b.len - 1] == ' ')
        b.p[--b.len] = '\0';
    return b.p;
}

/* ---- finding a block's text in the source ------------------------------ */

typedef struct scan {
    const char *s;
    size_t len;
} scan_t;

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t find_str(const scan_t *sc, size_t from, const char *needle, bool nocase)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= sc->len; i++)
        if (nocase ? strncasecmp(sc->s + i, needle, n) == 0 : memcmp(sc->s + i, needle, n) == 0)
            return i;
    return sc->len;
}

/* Past the '>' of the tag starting at pos (quotes respected). */
static size_t tag_end(const scan_t *sc, size_t pos)
{
    char quote = 0;
    for (size_t i = pos + 1; i < sc->len; i++) {
        char c = sc->s[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return sc->len;
}

/* pos is at '<': past the markup starting there, or pos itself when it
 * is no markup (a '<' that is text). */
static size_t skip_markup(const scan_t *sc, size_t pos)
{
    const char *s = sc->s;
    size_t rest = sc->len - pos;
    if (rest >= 4 && memcmp(s + pos, "<!--", 4) == 0) {
        size_t e = find_str(sc, pos + 4, "-->", false);
        return e < sc->len ? e + 3 : sc->len;
    }
    if (rest >= 2 && (s[pos + 1] == '!' || s[pos + 1] == '?' ||
                      (s[pos + 1] == '/' && rest >= 3 && is_alpha(s[pos + 2]))))
        return tag_end(sc, pos);
    if (rest < 2 || !is_alpha(s[pos + 1]))
        return pos;
    size_t a = pos + 1, b = a;
    while (b < sc->len && (is_alpha(s[b]) || (s[b] >= '0' && s[b] <= '9')))
        b++;
    size_t end = tag_end(sc, pos);
    char name[16];
    if (b - a >= sizeof name || (end >= 2 && s[end - 2] == '/'))
        return end;
    memcpy(name, s + a, b - a);
    name[b - a] = '\0';
    if (!name_in(name, LEFT_OUT))
        return end;
    /* What the parser left out of the text is skipped whole. */
    char close[20];
    snprintf(close, sizeof close, "</%s", name);
    size_t c = find_str(sc, end, close, true);
    return c < sc->len ? tag_end(sc, c) : sc->len;
}

static size_t put_utf8(unsigned long cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* What libxml2 (2.9) makes of a numeric character reference: any number
 * of digits, the ';' optional; a value that is no XML character (&#0;,
 * &#xD800;, &#x110000;, &#1;) is dropped.  *end past it; its character
 * into out, its length returned (0: dropped). */
static size_t char_ref(const scan_t *sc, size_t pos, char *out, size_t *end)
{
    const char *s = sc->s;
    size_t i = pos + 2;
    bool hex = i < sc->len && (s[i] == 'x' || s[i] == 'X');
    unsigned long cp = 0;
    for (i += hex; i < sc->len; i++) {
        char c = s[i];
        int v = c >= '0' && c <= '9' ? c - '0'
              : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
              : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0)
            break;
        if (cp < 0x110000)
            cp = cp * (hex ? 16 : 10) + (unsigned long)v;
    }
    *end = i < sc->len && s[i] == ';' ? i + 1 : i;
    bool xml_char = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                    (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    return xml_char ? put_utf8(cp, out) : 0;
}

/* A reference at pos ('&'): true with *end past it and its character
 * (*n bytes, 0 when the parser drops it) in out; false when there is
 * none (the '&' is then text). */
static bool entity(const scan_t *sc, size_t pos, char *out, size_t *n, size_t *end)
{
    const char *s = sc->s;
    size_t i = pos + 1;
    if (i < sc->len && s[i] == '#') {
        *n = char_ref(sc, pos, out, end);
        return true;
    }
    size_t a = i;
    while (i < sc->len && i - a < 32 && (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9')))
        i++;
    if (i == a || i >= sc->len || s[i] != ';')
        return false;
    char name[40];
    memcpy(name, s + a, i - a);
    name[i - a] = '\0';
    const htmlEntityDesc *d = htmlEntityLookup((const xmlChar *)name);
    if (!d)
        return false;
    *end = i + 1;
    *n = put_utf8(d->value, out);
    return true;
}

/* The next character of text at or after *pos: its decoded bytes in out
 * (returned length, 0 at the end), its source bytes [*a, *pos). */
static size_t scan_next(const scan_t *sc, size_t *pos, char *out, size_t *a)
{
    size_t i = *pos;
    while (i < sc->len) {
        if (sc->s[i] == '<') {
            size_t j = skip_markup(sc, i);
            if (j != i) {
                i = j;
                continue;
            }
        }
        size_t n, end;
        if (sc->s[i] == '&' && entity(sc, i, out, &n, &end)) {
            if (n == 0) {        /* dropped by the parser: no text */
                i = end;
                continue;
            }
            *a = i;
            *pos = end;
            return n;
        }
        *a = i;
        n = pc_utf8_seqlen((const unsigned char *)sc->s + i, sc->len - i);
        if (n == 0)
            n = 1;
        memcpy(out, sc->s + i, n);
        *pos = i + n;
        return n;
    }
    *pos = sc->len;
    return 0;
}

/* A block's text as it is searched for: its bytes but spaces (the parser
 * collapses white space, and the scanner skips it), with the
 * Knuth-Morris-Pratt failure function.  Bytes, not characters: UTF-8
 * matched byte by byte matches whole characters, and a long block costs
 * five bytes a byte. */
typedef struct pattern {
    char *c;
    uint32_t *fail;
    size_t m;
} pattern_t;

static void pattern_free(pattern_t *p)
{
    free(p->c);
    free(p->fail);
}

static presscut_status_t pattern_make(pattern_t *p, const char *text)
{
    size_t tlen = strlen(text);
    p->m = 0;
    p->c = malloc(tlen + 1);
    p->fail = malloc((tlen + 1) * sizeof *p->fail);
    if (!p->c || !p->fail)
        return PRESSCUT_NOMEM;
    for (size_t t = 0; t < tlen; t++)
        if (text[t] != ' ')
            p->c[p->m++] = text[t];
    p->fail[0] = 0;
    for (size_t i = 1, k = 0; i < p->m; i++) {
        while (k > 0 && p->c[i] != p->c[k])
            k = p->fail[k - 1];
        if (p->c[i] == p->c[k])
            k++;
        p->fail[i] = (uint32_t)k;
    }
    return PRESSCUT_OK;
}

/* The source offset where the text byte `skip` bytes past pos begins
 * (white space not counted): a match's start, found again from where its
 * search began. */
static size_t text_byte_at(const scan_t *sc, size_t pos, size_t skip)
{
    char ch[8];
    size_t a = pos;
    for (;;) {
        size_t n = scan_next(sc, &pos, ch, &a);
        if (n == 0)
            return pos;
        if (n == 1 && is_ws((unsigned char)ch[0]))
            continue;
        if (skip < n)
            return a;
        skip -= n;
    }
}

/* Blocks are found in the source in order, each search going on from
 * where the last found one ended, so the searches that succeed scan the
 * source once in all.  One that fails (text the parser and the scanner
 * read differently) scans to the end; together they may scan it
 * LOCATE_PASSES times over.  Past that, a block is looked for only within
 * LOCATE_SLACK bytes and eight times its own length of where the search
 * begins: still found when it follows on, and the cost stays linear. */
#define LOCATE_PASSES 4
#define LOCATE_SLACK 256
/* A block that is not found was most likely where the most of its first
 * characters were, if that is this many (or half of it): the next search
 * goes on from there. */
#define LOCATE_RESYNC 10

/* Finds the block p in the source from *cursor, looking no further than
 * limit: [*start, *end) its source bytes, and *cursor moves past them.
 * False when it is not there, with *cursor where the search stopped and
 * *resync past the first of the longest runs of the block's leading
 * characters that were found, if that is at least LOCATE_RESYNC of them
 * or half the block (else *cursor's first value).  Linear in the bytes
 * scanned, whatever the text. */
static bool place(const scan_t *sc, const pattern_t *p, size_t *cursor, size_t limit,
                  size_t *start, size_t *end, size_t *resync)
{
    size_t from = *cursor, pos = from, k = 0, count = 0, a, best = 0;
    size_t enough = p->m / 2 < LOCATE_RESYNC ? (p->m + 1) / 2 : LOCATE_RESYNC;
    char ch[8];
    *resync = pos;
    while (p->m > 0 && pos < limit) {
        size_t n = scan_next(sc, &pos, ch, &a);
        if (n == 0)
            break;
        if (n == 1 && is_ws((unsigned char)ch[0]))
            continue;
        for (size_t i = 0; i < n && k < p->m; i++) {
            while (k > 0 && p->c[k] != ch[i])
                k = p->fail[k - 1];
            if (p->c[k] == ch[i])
                k++;
        }
        count += n;
        if (k > best) {
            best = k;
            if (best >= enough)
                *resync = pos;
        }
        if (k == p->m) {
            *start = text_byte_at(sc, from, count - p->m);
            *end = *cursor = pos;
            return true;
        }
    }
    *cursor = pos;
    return false;
}

size_t pc_html_source_offset(const char *src, size_t len, const char *text, size_t off,
                             bool end)
{
    size_t want = 0;
    for (size_t i = 0; i < off; i++)
        want += !is_ws((unsigned char)text[i]);
    if (end && want == 0)
        return 0;
    scan_t sc = { src, len };
    size_t pos = 0, a = 0, count = 0;
    char ch[8];
    for (;;) {
        size_t n = scan_next(&sc, &pos, ch, &a);
        if (n == 0)
            return len;
        if (n == 1 && is_ws((unsigned char)ch[0]))
            continue;
        if (!end && count + n > want)
            return a;
        count += n;
        if (end && count >= want)
            return pos;
    }
}

/* ---- what libxml2 is given --------------------------------------------- */

/* libxml2 checks each attribute of an element against every one before
 * it: an element with 200,000 of them takes hours.  Those past
 * PC_HTML_MAX_ATTRIBUTES are blanked out of a copy of the source, which
 * keeps every offset. */

typedef struct attr_cut {
    const char *src;
    size_t len;
    char *copy;              /* made on the first cut */
    size_t elements;         /* elements cut */
    bool failed;
} attr_cut_t;

static void blank(attr_cut_t *c, size_t a, size_t b)
{
    if (!c->copy && !c->failed) {
        if (!(c->copy = malloc(c->len ? c->len : 1))) {
            c->failed = true;
            return;
        }
        memcpy(c->copy, c->src, c->len);
    }
    if (c->copy)
        memset(c->copy + a, ' ', b - a);
}

/* Past the start tag at i ('<' and a letter), its attributes counted as
 * libxml2 reads them: a name, then maybe '=' and a value, quoted or not. */
static size_t start_tag(attr_cut_t *c, size_t i)
{
    const char *s = c->src;
    size_t len = c->len, n = 0;
    bool cut = false;
    while (i < len && !is_ws((unsigned char)s[i]) && s[i] != '>')
        i++;
    for (;;) {
        while (i < len && is_ws((unsigned char)s[i]))
            i++;
        if (i >= len || s[i] == '>')
            break;
        if (s[i] == '/' && i + 1 < len && s[i + 1] == '>') {
            i++;
            break;
        }
        size_t a = i;
        while (i < len && !is_ws((unsigned char)s[i]) && s[i] != '>' && s[i] != '=')
            i++;
        size_t j = i;
        while (j < len && is_ws((unsigned char)s[j]))
            j++;
        if (j < len && s[j] == '=') {
            for (j++; j < len && is_ws((unsigned char)s[j]); j++)
                ;
            if (j < len && (s[j] == '"' || s[j] == '\'')) {
                const char *q = memchr(s + j + 1, s[j], len - j - 1);
                j = q ? (size_t)(q - s) + 1 : len;
            } else {
                while (j < len && !is_ws((unsigned char)s[j]) && s[j] != '>')
                    j++;
            }
            i = j;
        } else if (i == a) {
            i++;             /* a stray '=' */
        }
        if (++n > PC_HTML_MAX_ATTRIBUTES) {
            blank(c, a, i);
            cut = true;
        }
    }
    c->elements += cut;
    return i < len ? i + 1 : len;
}

/* Does the tag name at i read name (in any case)? */
static bool tag_named(const attr_cut_t *c, size_t i, const char *name)
{
    size_t n = strlen(name);
    return c->len - i >= n && strncasecmp(c->src + i, name, n) == 0 &&
           (c->len - i == n || !is_alpha(c->src[i + n]));
}

/* Blanks the attributes past PC_HTML_MAX_ATTRIBUTES of every element,
 * reading tags as libxml2 does: not in comments, nor in the text of a
 * script or a style.  Linear. */
static void cut_attributes(attr_cut_t *c)
{
    scan_t sc = { c->src, c->len };
    const char *s = c->src;
    for (size_t i = 0; i < c->len && !c->failed;) {
        const char *lt = memchr(s + i, '<', c->len - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        if (c->len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            size_t e = find_str(&sc, i + 4, "-->", false);
            i = e < c->len ? e + 3 : c->len;
        } else if (i + 1 < c->len && is_alpha(s[i + 1])) {
            size_t e = start_tag(c, i);
            if (tag_named(c, i + 1, "script"))
                e = find_str(&sc, e, "</script", true);
            else if (tag_named(c, i + 1, "style"))
                e = find_str(&sc, e, "</style", true);
            i = e;
        } else {
            i++;
        }
    }
}

/* ---- the document ------------------------------------------------------ */

typedef struct walk {
    pc_html_t *h;
    scan_t sc;
    size_t cursor;
    size_t budget;           /* bytes failed searches may still scan */
    sbuf_t text;
    size_t cap;
    bool title_h1_seen;
    presscut_status_t st;
} walk_t;

static bool has_block(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !left_out(c) &&
            (name_in(ename(c), BLOCKS) || has_block(c)))
            return true;
    return false;
}

static void add_block(walk_t *w, const char *t)
{
    pc_html_t *h = w->h;
    if (h->n_blocks == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 32;
        pc_block_t *v = realloc(h->blocks, cap * sizeof *v);
        if (!v) {
            w->st = PRESSCUT_NOMEM;
            return;
        }
        h->blocks = v;
        w->cap = cap;
    }
    pc_block_t *b = &h->blocks[h->n_blocks];
    if (w->text.len > 0)
        sb_add(&w->text, "\n\n", 2);
    b->start = w->text.len;
    sb_add(&w->text, t, strlen(t));
    b->end = w->text.len;
    if (w->text.failed) {
        w->st = PRESSCUT_NOMEM;
        return;
    }
    pattern_t p = { 0 };
    if (pattern_make(&p, t) != PRESSCUT_OK) {
        pattern_free(&p);
        w->st = PRESSCUT_NOMEM;
        return;
    }
    size_t from = w->cursor, left = w->sc.len - from;
    size_t near = LOCATE_SLACK + 8 * (b->end - b->start);
    size_t reach = w->budget > near ? w->budget : near;
    size_t limit = reach < left ? from + reach : w->sc.len;
    size_t resync;
    if (!place(&w->sc, &p, &w->cursor, limit, &b->src_start, &b->src_end, &resync)) {
        size_t spent = w->cursor - from;
        w->budget -= spent < w->budget ? spent : w->budget;
        /* Most of it was there: what follows it follows that. */
        w->cursor = resync;
        b->src_start = b->src_end = from;
        h->n_unplaced++;
    }
    pattern_free(&p);
    h->n_blocks++;
}

static void walk_blocks(walk_t *w, const xmlNode *n)
{
    for (const xmlNode *c = n->children; c && w->st == PRESSCUT_OK; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || left_out(c))
            continue;
        if (has_block(c)) {
            walk_blocks(w, c);
            continue;
        }
        char *t = text_of(c);
        if (!t) {
            w->st = PRESSCUT_NOMEM;
            return;
        }
        /* The headline is the title, not a passage of its own. */
        if (!w->title_h1_seen && strcasecmp(ename(c), "h1") == 0 &&
            strcmp(t, w->h->title) == 0)
            w->title_h1_seen = true;
        else if (t[0])
            add_block(w, t);
        free(t);
    }
}

typedef struct meta {
    char *og_title, *h1, *title_tag, *date, *time_dt, *site, *canonical, *og_url;
    char *locale;            /* og:locale, <meta http-equiv=content-language> */
} meta_t;

static const char *const DATE_KEYS[] = {
    "article:published_time", "date", "dc.date", "dc.date.issued", "dcterms.date",
    "pubdate", "datepublished", "publish-date", NULL
};

static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Keeps the first value found: *slot takes v, or v is freed. */
static void keep(char **slot, char *v)
{
    if (!*slot && v && v[0])
        *slot = v;
    else
        xmlFree(v);
}

static char *xml_text(const xmlNode *n)
{
    char *t = text_of(n);
    char *x = t ? (char *)xmlStrdup((const xmlChar *)t) : NULL;
    free(t);
    return x;
}

static void walk_meta(const xmlNode *n, meta_t *m, bool in_body)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = ename(c);
        if (strcasecmp(name, "meta") == 0) {
            char *key = attr(c, "property");
            if (!key)
                key = attr(c, "name");
            if (!key)
                key = attr(c, "itemprop");
            if (!key)
                key = attr(c, "http-equiv");
            if (key) {
                char **slot = strcasecmp(key, "og:title") == 0 ? &m->og_title
                            : strcasecmp(key, "og:site_name") == 0 ? &m->site
                            : strcasecmp(key, "og:url") == 0 ? &m->og_url
                            : strcasecmp(key, "og:locale") == 0 ? &m->locale
                            : strcasecmp(key, "content-language") == 0 ? &m->locale
                            : name_in(key, DATE_KEYS) ? &m->date : NULL;
                if (slot)
                    keep(slot, attr(c, "content"));
                xmlFree(key);
            }
        } else if (strcasecmp(name, "link") == 0) {
            char *rel = attr(c, "rel");
            if (rel && strcasecmp(rel, "canonical") == 0)
                keep(&m->canonical, attr(c, "href"));
            xmlFree(rel);
        } else if (strcasecmp(name, "title") == 0 && !m->title_tag) {
            keep(&m->title_tag, xml_text(c));
        } else if (in_body && strcasecmp(name, "h1") == 0 && !m->h1) {
            keep(&m->h1, xml_text(c));
        } else if (in_body && strcasecmp(name, "time") == 0) {
            keep(&m->time_dt, attr(c, "datetime"));
        }
        walk_meta(c, m, in_body);
    }
}

static const xmlNode *find_element(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcasecmp(ename(c), name) == 0)
            return c;
        const xmlNode *f = find_element(c, name);
        if (f)
            return f;
    }
    return NULL;
}

/* The lang (or xml:lang) of n or of its nearest element above that has one. */
static char *lang_of(const xmlNode *n)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        char *v = attr(n, "lang");
        if (!v || !v[0]) {
            xmlFree(v);
            v = attr(n, "xml:lang");    /* the HTML parser keeps the name whole */
        }
        if (v && v[0])
            return v;
        xmlFree(v);
    }
    return NULL;
}

static presscut_status_t set_str(char **out, const char *v)
{
    *out = strdup(v ? v : "");
    return *out ? PRESSCUT_OK : PRESSCUT_NOMEM;
}

/* libxml2 (without XML_PARSE_HUGE, which would let our recursive walks
 * run out of stack) stops at elements nested deeper than this. */
#define LIBXML2_MAX_DEPTH 256

/* The document of src, or NULL; *too_deep when libxml2 stopped at its
 * nesting limit, the rest of the source unread. */
static htmlDocPtr read_doc(const char *src, size_t len, bool *too_deep)
{
    *too_deep = false;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return NULL;
    /* The bytes are UTF-8 already (checked or repaired): a <meta charset>
     * saying otherwise must not make offsets count other bytes. */
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, src, (int)len, NULL, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_IGNORE_ENC);
    const char *msg = ctxt->lastError.message;
    *too_deep = ctxt->instate == XML_PARSER_EOF && msg && strstr(msg, "depth");
    htmlFreeParserCtxt(ctxt);
    return doc;
}

presscut_status_t pc_html_parse(const char *src, size_t len, pc_html_t *out)
{
    memset(out, 0, sizeof *out);
    if (len > (size_t)0x7FFFFFFF)
        return PRESSCUT_BAD_INPUT;
    attr_cut_t cut = { .src = src, .len = len };
    cut_attributes(&cut);
    if (cut.failed)
        return PRESSCUT_NOMEM;
    out->attributes_cut = cut.elements;
    if (cut.copy)
        src = cut.copy;
    bool too_deep;
    htmlDocPtr doc = read_doc(src, len, &too_deep);
    out->depth_limit = too_deep ? LIBXML2_MAX_DEPTH : 0;
    const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        free(cut.copy);
        return PRESSCUT_BAD_INPUT;
    }
    const xmlNode *body = find_element(root, "article");
    if (!body)
        body = find_element(root, "main");
    if (!body)
        body = find_element(root, "body");
    if (!body)
        body = root;

    meta_t m = { 0 };
    walk_meta(root, &m, false);
    walk_meta(body, &m, true);
    if (!m.h1) {
        const xmlNode *h1 = find_element(root, "h1");
        if (h1)
            keep(&m.h1, xml_text(h1));
    }
    const char *title = m.og_title ? m.og_title : m.h1 ? m.h1 : m.title_tag;
    presscut_status_t st = set_str(&out->title, title);
    if (st == PRESSCUT_OK)
        st = set_str(&out->date, m.date ? m.date : m.time_dt);
    if (st == PRESSCUT_OK)
        st = set_str(&out->source, m.site);
    if (st == PRESSCUT_OK)
        st = set_str(&out->url, m.canonical ? m.canonical : m.og_url);
    char *lang = lang_of(body);
    if (st == PRESSCUT_OK)
        st = set_str(&out->language, lang ? lang : m.locale);
    xmlFree(lang);
    char **all[] = { &m.og_title, &m.h1, &m.title_tag, &m.date, &m.time_dt, &m.site,
                     &m.canonical, &m.og_url, &m.locale };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        xmlFree(*all[i]);

    if (st == PRESSCUT_OK) {
        walk_t w = { .h = out, .sc = { src, len }, .budget = LOCATE_PASSES * len,
                     .st = PRESSCUT_OK };
        sb_add(&w.text, "", 0);
        if (has_block(body)) {
            walk_blocks(&w, body);
        } else {
            /* Bare text in the body is one block. */
            char *t = text_of(body);
            if (!t)
                w.st = PRESSCUT_NOMEM;
            else if (t[0])
                add_block(&w, t);
            free(t);
        }
        st = w.text.failed ? PRESSCUT_NOMEM : w.st;
        out->text = w.text.p;
        out->text_len = w.text.len;
    }
    xmlFreeDoc(doc);
    free(cut.copy);
    return st;
}

void pc_html_free(pc_html_t *h)
{
    free(h->title);
    free(h->date);
    free(h->source);
    free(h->url);
    free(h->language);
    free(h->text);
    free(h->blocks);
    memset(h, 0, sizeof *h);
}
