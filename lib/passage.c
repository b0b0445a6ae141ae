/* passage: an article's body -> passages.
 *
 * Decisions the header leaves open:
 *  - A line holding no letters or digits ("* * *", "---", "```") ends a
 *    paragraph like a blank line and is never part of a passage.
 *  - Indentation marks paragraph starts (wire copy) when some line that
 *    follows another text line is indented; then every indented line
 *    starts a paragraph, blank lines still end them too.
 *  - Words are counted cheaply: runs of letters and digits, where every
 *    non-ASCII character outside punctuation and symbol blocks counts as
 *    a letter.  Good enough to size passages; the tokenizer decides what
 *    is a word for searching.
 *  - A long paragraph is cut at ICU sentence ends, filling each part with
 *    whole sentences up to PC_PASSAGE_MAX_WORDS words.  A single sentence
 *    longer than that (a list, a feed body without punctuation) is cut
 *    between words every PC_PASSAGE_MAX_WORDS words, so that no passage is
 *    unbounded.
 */
#include "passage.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/utypes.h>

#include "utf8.h"

/* Longer than this, a one-line paragraph is a sentence, not a heading. */
#define HEADING_MAX_BYTES 100
#define HEADING_MAX_WORDS 12

struct pc_splitter {
    UBreakIterator *bi;
    char *scratch;           /* a paragraph with line breaks made spaces, for ICU */
    size_t scratch_cap;
    char err[160];
};

presscut_status_t pc_splitter_new(pc_splitter_t **out, char **msg)
{
    pc_splitter_t *sp = calloc(1, sizeof *sp);
    if (!sp)
        return PRESSCUT_NOMEM;
    /* "ss=standard" keeps "Mr." or "U.S." from ending a sentence. */
    UErrorCode uerr = U_ZERO_ERROR;
    sp->bi = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &uerr);
    if (U_FAILURE(uerr)) {
        uerr = U_ZERO_ERROR;
        sp->bi = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &uerr);
    }
    if (U_FAILURE(uerr)) {
        if (msg && asprintf(msg, "cannot open ICU sentence break iterator: %s",
                            u_errorName(uerr)) < 0)
            *msg = NULL;
        free(sp);
        return uerr == U_MEMORY_ALLOCATION_ERROR ? PRESSCUT_NOMEM : PRESSCUT_INTERNAL;
    }
    *out = sp;
    return PRESSCUT_OK;
}

void pc_splitter_destroy(pc_splitter_t *sp)
{
    if (!sp)
        return;
    ubrk_close(sp->bi);
    free(sp->scratch);
    free(sp);
}

const char *pc_splitter_error(const pc_splitter_t *sp)
{
    return sp->err;
}

void pc_passages_free(pc_passages_t *ps)
{
    free(ps->v);
    ps->v = NULL;
    ps->n = ps->cap = 0;
}

/* ---- characters and words --------------------------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static bool word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return false;                           /* Latin-1 punctuation and signs */
    if (cp >= 0x2000 && cp <= 0x2BFF)
        return false;                           /* punctuation, symbols, arrows, boxes */
    if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xE000 && cp <= 0xF8FF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || cp >= 0xFFF0 || cp == 0xFEFF)
        return false;
    if (cp >= 0x1F000 && cp <= 0x1FAFF)
        return false;                           /* emoji and pictographs */
    return true;
}

/* The character at s[i] (i < end): its length, and whether it is part of
 * a word.  Input is valid UTF-8; a stray byte counts as one non-word. */
static size_t char_at(const char *s, size_t i, size_t end, bool *word)
{
    const unsigned char *p = (const unsigned char *)s + i;
    if (p[0] < 0x80) {
        *word = word_cp(p[0]);
        return 1;
    }
    size_t n = pc_utf8_seqlen(p, end - i);
    if (n == 0) {
        *word = false;
        return 1;
    }
    uint32_t cp = p[0] & (0x7F >> n);
    for (size_t k = 1; k < n; k++)
        cp = (cp << 6) | (p[k] & 0x3F);
    *word = word_cp(cp);
    return n;
}

/* The next word at or after *pos before end: [*ws, *we). */
static bool next_word(const char *s, size_t *pos, size_t end, size_t *ws, size_t *we)
{
    size_t i = *pos;
    bool w = false;
    while (i < end) {
        size_t n = char_at(s, i, end, &w);
        if (w)
            break;
        i += n;
    }
    if (i >= end) {
        *pos = end;
        return false;
    }
    *ws = i;
    while (i < end) {
        size_t n = char_at(s, i, end, &w);
        if (!w)
            break;
        i += n;
    }
    *we = *pos = i;
    return true;
}

static size_t count_words(const char *s, size_t a, size_t b)
{
    size_t n = 0, ws, we;
    while (next_word(s, &a, b, &ws, &we))
        n++;
    return n;
}

size_t pc_passage_words(const char *text, size_t a, size_t b)
{
    return count_words(text, a, b);
}

static bool has_word(const char *s, size_t a, size_t b)
{
    size_t ws, we;
    return next_word(s, &a, b, &ws, &we);
}

static void trim(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && is_space(s[*a]))
        (*a)++;
    while (*b > *a && is_space(s[*b - 1]))
        (*b)--;
}

/* The last character of s[a..b) (b > a). */
static uint32_t last_cp(const char *s, size_t a, size_t b)
{
    size_t i = b - 1;
    while (i > a && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    const unsigned char *p = (const unsigned char *)s + i;
    size_t n = p[0] < 0x80 ? 1 : pc_utf8_seqlen(p, b - i);
    if (n <= 1)
        return p[0];
    uint32_t cp = p[0] & (0x7F >> n);
    for (size_t k = 1; k < n; k++)
        cp = (cp << 6) | (p[k] & 0x3F);
    return cp;
}

/* Does the line end as a sentence, a quotation or a lead-in does? */
static bool ends_clause(const char *s, size_t a, size_t b)
{
    while (b > a && is_space(s[b - 1]))
        b--;
    if (b == a)
        return false;
    switch (last_cp(s, a, b)) {
    case '.': case '!': case '?': case ':': case ';': case ',':
    case '"': case '\'':
    case 0x2019: case 0x201D: case 0x2026: case 0xBB:   /* ’ ” … » */
        return true;
    default:
        return false;
    }
}

/* A short single line that does not end like a sentence, a quotation or
 * a lead-in: a section heading (or a dateline), which reads better and
 * is found better with the paragraph under it. */
static bool is_heading(const char *s, size_t a, size_t b)
{
    if (b - a > HEADING_MAX_BYTES || memchr(s + a, '\n', b - a) || ends_clause(s, a, b))
        return false;
    return count_words(s, a, b) <= HEADING_MAX_WORDS;
}

/* ---- output ----------------------------------------------------------- */

typedef struct split {
    pc_splitter_t *sp;
    const char *text;
    pc_passages_t *out;
    unsigned paragraph;
    unsigned part;
    bool pending;            /* headings waiting for their paragraph */
    size_t pending_start, pending_end;
    presscut_status_t st;
} split_t;

static void push(split_t *x, size_t a, size_t b, size_t words)
{
    trim(x->text, &a, &b);
    if (x->st != PRESSCUT_OK || !has_word(x->text, a, b))
        return;
    pc_passages_t *out = x->out;
    if (out->n == out->cap) {
        size_t ncap = out->cap ? out->cap * 2 : 16;
        pc_passage_t *v = ncap < out->cap ? NULL : realloc(out->v, ncap * sizeof *v);
        if (!v) {
            snprintf(x->sp->err, sizeof x->sp->err, "out of memory");
            x->st = PRESSCUT_NOMEM;
            return;
        }
        out->v = v;
        out->cap = ncap;
    }
    out->v[out->n++] = (pc_passage_t){ .paragraph = x->paragraph, .part = x->part++,
                                       .start = a, .end = b, .words = words };
}

/* Cuts s[a..b), one sentence too long for a passage, between words. */
static void cut_words(split_t *x, size_t a, size_t b)
{
    size_t pos = a, start = a, ws, we, n = 0;
    while (next_word(x->text, &pos, b, &ws, &we)) {
        if (n == PC_PASSAGE_MAX_WORDS) {
            push(x, start, ws, n);
            start = ws;
            n = 0;
        }
        n++;
    }
    push(x, start, b, n);
}

static void split_long(split_t *x, size_t a, size_t b)
{
    pc_splitter_t *sp = x->sp;
    size_t len = b - a;
    if (len > INT32_MAX) {
        /* Beyond what ICU indexes; words still bound the passages. */
        cut_words(x, a, b);
        return;
    }
    if (len + 1 > sp->scratch_cap) {
        char *p = realloc(sp->scratch, len + 1);
        if (!p) {
            snprintf(sp->err, sizeof sp->err, "out of memory");
            x->st = PRESSCUT_NOMEM;
            return;
        }
        sp->scratch = p;
        sp->scratch_cap = len + 1;
    }
    /* ICU ends a sentence at every line break; a hard-wrapped paragraph
     * has them mid-sentence.  Spaces keep the byte offsets. */
    for (size_t i = 0; i < len; i++) {
        char c = x->text[a + i];
        sp->scratch[i] = c == '\n' || c == '\r' || c == '\f' || c == '\v' ? ' ' : c;
    }
    UErrorCode uerr = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, sp->scratch, (int64_t)len, &uerr);
    if (U_SUCCESS(uerr))
        ubrk_setUText(sp->bi, &ut, &uerr);
    if (U_FAILURE(uerr)) {
        snprintf(sp->err, sizeof sp->err, "ICU sentence breaks: %s", u_errorName(uerr));
        x->st = uerr == U_MEMORY_ALLOCATION_ERROR ? PRESSCUT_NOMEM : PRESSCUT_INTERNAL;
        utext_close(&ut);
        return;
    }
    size_t piece = a, words = 0, prev = a;
    for (int32_t e = ubrk_next(sp->bi); e != UBRK_DONE; e = ubrk_next(sp->bi)) {
        size_t end = a + (size_t)e;
        size_t w = count_words(x->text, prev, end);
        if (words > 0 && words + w > PC_PASSAGE_MAX_WORDS) {
            push(x, piece, prev, words);
            piece = prev;
            words = 0;
        }
        if (w > PC_PASSAGE_MAX_WORDS) {
            cut_words(x, prev, end);
            piece = end;
        } else {
            words += w;
        }
        prev = end;
    }
    if (piece < b)
        push(x, piece, b, words);
    /* The iterator must not keep pointing at the scratch buffer, which
     * the next paragraph may move. */
    static const UChar nothing[1] = { 0 };
    uerr = U_ZERO_ERROR;
    ubrk_setText(sp->bi, nothing, 0, &uerr);
    utext_close(&ut);
}

static void emit(split_t *x, size_t a, size_t b)
{
    x->paragraph++;
    x->part = 0;
    size_t words = count_words(x->text, a, b);
    if (words <= PC_PASSAGE_MAX_WORDS)
        push(x, a, b, words);
    else
        split_long(x, a, b);
}

static void paragraph(split_t *x, size_t a, size_t b)
{
    trim(x->text, &a, &b);
    if (x->st != PRESSCUT_OK || !has_word(x->text, a, b))
        return;
    if (is_heading(x->text, a, b)) {
        if (!x->pending)
            x->pending_start = a;
        x->pending = true;
        x->pending_end = b;
        return;
    }
    if (x->pending) {
        a = x->pending_start;
        x->pending = false;
    }
    emit(x, a, b);
}

/* ---- lines ------------------------------------------------------------ */

typedef struct line {
    size_t start, end, next;
    bool text;               /* holds a letter or digit */
    bool indented;
} line_t;

static bool next_line(const char *s, size_t end, size_t pos, line_t *l)
{
    if (pos >= end)
        return false;
    const char *nl = memchr(s + pos, '\n', end - pos);
    l->start = pos;
    l->end = nl ? (size_t)(nl - s) : end;
    l->next = nl ? l->end + 1 : end;
    l->text = has_word(s, l->start, l->end);
    l->indented = l->end > l->start && (s[l->start] == ' ' || s[l->start] == '\t');
    return true;
}

presscut_status_t pc_passages_split(pc_splitter_t *sp, const char *text,
                                    size_t body_start, size_t body_end,
                                    pc_passages_t *out)
{
    out->n = 0;
    sp->err[0] = '\0';
    if (body_end <= body_start)
        return PRESSCUT_OK;

    /* Which of the three layouts is this? */
    bool gap = false, indent = false, prev_text = false, seen_text = false, in_gap = false;
    size_t lines = 0, open_lines = 0;
    line_t l;
    for (size_t pos = body_start; next_line(text, body_end, pos, &l); pos = l.next) {
        if (l.text && l.next < body_end) {
            lines++;
            open_lines += !ends_clause(text, l.start, l.end);
        }
        if (!l.text) {
            in_gap = seen_text;
        } else {
            if (in_gap)
                gap = true;
            if (prev_text && l.indented)
                indent = true;
            seen_text = true;
            in_gap = false;
        }
        prev_text = l.text;
    }
    /* Without blank lines or indents, lines are paragraphs, unless most
     * stop mid-sentence: text wrapped at a width (old wire copy, abstracts)
     * is one paragraph, cut at sentence ends like any long one. */
    bool per_line = !gap && !indent && 2 * open_lines <= lines;

    split_t x = { .sp = sp, .text = text, .out = out, .st = PRESSCUT_OK };
    bool open = false;
    size_t pa = 0, pb = 0;
    for (size_t pos = body_start; next_line(text, body_end, pos, &l); pos = l.next) {
        if (!l.text || per_line || (indent && l.indented)) {
            if (open)
                paragraph(&x, pa, pb);
            open = false;
        }
        if (!l.text)
            continue;
        if (!open)
            pa = l.start;
        open = true;
        pb = l.end;
    }
    if (open)
        paragraph(&x, pa, pb);
    if (x.pending && x.st == PRESSCUT_OK)
        emit(&x, x.pending_start, x.pending_end);
    if (x.st != PRESSCUT_OK)
        out->n = 0;
    return x.st;
}

/* A paragraph that presscut did not cut: parts of a cut one are full. */
static bool whole(const pc_passages_t *ps, size_t i)
{
    return ps->v[i].part == 0 && (i + 1 == ps->n || ps->v[i + 1].paragraph != ps->v[i].paragraph);
}

void pc_passages_merge(pc_passages_t *ps)
{
    size_t out = 0;
    for (size_t i = 0; i < ps->n;) {
        pc_passage_t p = ps->v[i];
        bool joinable = whole(ps, i);
        for (i++; joinable && i < ps->n && p.words < PC_PASSAGE_MIN_WORDS &&
                  p.n_breaks + 1 < PC_PASSAGE_MAX_PARAGRAPHS && whole(ps, i) &&
                  p.words + ps->v[i].words <= PC_PASSAGE_MAX_WORDS; i++) {
            p.breaks[p.n_breaks++] = ps->v[i].start;
            p.end = ps->v[i].end;
            p.words += ps->v[i].words;
        }
        ps->v[out++] = p;
    }
    ps->n = out;
}

/* ---- markdown shown as text ---------------------------------------------
 *
 * Markup is only ever deleted, never rewritten: each byte of the text is a
 * byte of the source, so a text offset maps back to the source by counting
 * kept bytes, and a citation stays the file's bytes.  What is deleted:
 * heading marks ("## " and a closing " ##"), blockquote marks ("> "),
 * emphasis delimiters that pair up within a paragraph (CommonMark's
 * flanking rules, '_' never inside a word), a link's brackets and target
 * ("[text](url)", "[text][ref]", "![alt](url)"), and the backslash of an
 * escaped punctuation character.  Code spans are left as written. */

/* Openers waiting for their closer in one paragraph; past this many the
 * rest stay as written. */
#define MD_MAX_OPENERS 64

typedef struct md_run {
    size_t at, n;
    char c;
} md_run_t;

static bool md_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool md_punct(char c)
{
    return c > 0x20 && c < 0x7f && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                                     (c >= 'A' && c <= 'Z'));
}

static void md_drop(unsigned char *drop, size_t a, size_t b)
{
    memset(drop + a, 1, b - a);
}

/* At the start of a line (at i): drops blockquote and heading marks, and
 * a heading's closing sequence; returns where the line's text begins. */
static size_t md_line_start(const char *s, size_t len, size_t i, unsigned char *drop)
{
    size_t j = i;
    while (j < len && j - i < 3 && s[j] == ' ')
        j++;
    while (j < len && s[j] == '>') {
        size_t k = j + 1 + (j + 1 < len && s[j + 1] == ' ');
        md_drop(drop, j, k);
        j = k;
    }
    size_t h = j;
    while (h < len && s[h] == '#' && h - j < 7)
        h++;
    if (h == j || h - j > 6 || (h < len && s[h] != ' ' && s[h] != '\t' && s[h] != '\n'))
        return j;
    while (h < len && (s[h] == ' ' || s[h] == '\t'))
        h++;
    md_drop(drop, j, h);
    const char *nl = memchr(s + h, '\n', len - h);
    size_t e = nl ? (size_t)(nl - s) : len, t = e;
    while (t > h && md_space(s[t - 1]))
        t--;
    size_t c = t;
    while (c > h && s[c - 1] == '#')
        c--;
    if (c < t && (c == h || s[c - 1] == ' ' || s[c - 1] == '\t')) {
        while (c > h && (s[c - 1] == ' ' || s[c - 1] == '\t'))
            c--;
        md_drop(drop, c, t);
    }
    return h;
}

/* A link at i ('['): drops its brackets and target, and returns where its
 * text ends (the ']'), its tail [*tail, *tail_end) dropped; 0 when there
 * is no link there. */
static size_t md_link(const char *s, size_t len, size_t i, unsigned char *drop,
                      size_t *tail_end)
{
    size_t k = i + 1;
    while (k < len && s[k] != ']' && s[k] != '[' && s[k] != '\n')
        k++;
    if (k >= len || s[k] != ']' || k + 1 >= len || (s[k + 1] != '(' && s[k + 1] != '['))
        return 0;
    char close = s[k + 1] == '(' ? ')' : ']';
    size_t m = k + 2;
    while (m < len && s[m] != close && !md_space(s[m]) && s[m] != '[' && s[m] != '(')
        m++;
    if (m >= len || s[m] != close)
        return 0;
    drop[i] = 1;
    if (i > 0 && s[i - 1] == '!')
        drop[i - 1] = 1;
    md_drop(drop, k, m + 1);
    *tail_end = m + 1;
    return k;
}

/* A run of n '*' or '_' at i: pairs it with an opener, or keeps it as one. */
static void md_emphasis(const char *s, size_t len, size_t i, size_t n, unsigned char *drop,
                        md_run_t *open, size_t *n_open)
{
    char c = s[i], before = i > 0 ? s[i - 1] : ' ', after = i + n < len ? s[i + n] : ' ';
    bool left = !md_space(after) && (!md_punct(after) || md_space(before) || md_punct(before));
    bool right = !md_space(before) && (!md_punct(before) || md_space(after) || md_punct(after));
    bool opens = c == '*' ? left : left && (!right || md_punct(before));
    bool closes = c == '*' ? right : right && (!left || md_punct(after));
    if (closes) {
        for (size_t k = *n_open; k-- > 0;) {
            if (open[k].c != c)
                continue;
            size_t m = open[k].n < n ? open[k].n : n;
            md_drop(drop, open[k].at + open[k].n - m, open[k].at + open[k].n);
            md_drop(drop, i, i + m);
            *n_open = k;
            return;
        }
    }
    if (opens && *n_open < MD_MAX_OPENERS)
        open[(*n_open)++] = (md_run_t){ i, n, c };
}

/* Marks in drop[0..len) (zeroed) the markup bytes of s[0..len). */
static void md_mark(const char *s, size_t len, unsigned char *drop)
{
    md_run_t open[MD_MAX_OPENERS];
    size_t n_open = 0, tail = len, tail_end = len;
    size_t i = md_line_start(s, len, 0, drop);
    while (i < len) {
        char c = s[i];
        if (i == tail) {
            i = tail_end;
            tail = len;
        } else if (c == '\n') {
            size_t j = i + 1;
            while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
                j++;
            if (j < len && s[j] == '\n')
                n_open = 0;   /* a blank line: emphasis never spans paragraphs */
            i = md_line_start(s, len, i + 1, drop);
        } else if (c == '\\' && i + 1 < len && md_punct(s[i + 1])) {
            drop[i] = 1;
            i += 2;
        } else if (c == '`') {
            size_t n = 1;
            while (i + n < len && s[i + n] == '`')
                n++;
            size_t j = i + n;
            for (; j < len; j++) {
                size_t m = 0;
                while (j + m < len && s[j + m] == '`')
                    m++;
                if (m == n)
                    break;
                j += m;
            }
            i = j < len ? j + n : i + n;
        } else if (c == '[') {
            size_t k = md_link(s, len, i, drop, &tail_end);
            if (k)
                tail = k;
            i++;
        } else if (c == '*' || c == '_') {
            size_t n = 1;
            while (i + n < len && s[i + n] == c)
                n++;
            md_emphasis(s, len, i, n, drop, open, &n_open);
            i += n;
        } else {
            i++;
        }
    }
}

static unsigned char *md_marks(const char *src, size_t len)
{
    unsigned char *drop = calloc(len ? len : 1, 1);
    if (drop)
        md_mark(src, len, drop);
    return drop;
}

presscut_status_t pc_markdown_text(const char *src, size_t len, char *text, size_t *text_len,
                                   size_t *offsets, size_t n_offsets)
{
    unsigned char *drop = md_marks(src, len);
    if (!drop)
        return PRESSCUT_NOMEM;
    size_t n = 0, k = 0;
    for (size_t i = 0; i < len; i++) {
        for (; k < n_offsets && offsets[k] <= i; k++)
            offsets[k] = n;
        if (!drop[i])
            text[n++] = src[i];
    }
    for (; k < n_offsets; k++)
        offsets[k] = n;
    *text_len = n;
    free(drop);
    return PRESSCUT_OK;
}

size_t pc_markdown_source_offset(const char *src, size_t len, size_t off, bool end)
{
    unsigned char *drop = md_marks(src, len);
    if (!drop)
        return off < len ? off : len;   /* out of memory: the markup-free guess */
    size_t kept = 0, at = end ? 0 : len;
    for (size_t i = 0; i < len; i++) {
        if (drop[i])
            continue;
        if (!end && kept == off) {
            at = i;
            break;
        }
        kept++;
        if (end && kept == off) {
            at = i + 1;
            break;
        }
    }
    free(drop);
    return at;
}
