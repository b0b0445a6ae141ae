/* html: an HTML article -> metadata and text blocks with source offsets.
 *
 * Parsed with libxml2's HTML parser (forgiving, as browsers are).  The
 * body is the first <article>, else the first <main>, else <body>; script,
 * style, nav, header, footer, aside, form, noscript (and the like) are left
 * out.  A block is an element of the body with text and no block inside
 * it: a paragraph, heading, list item, blockquote, or a <div> of bare
 * text.  libxml2 gives no byte offsets for nodes, so each block's text is
 * found again in the source, in order, by a small scanner that skips tags
 * and comments and decodes entities the way the parser does; in time
 * linear in the source, also when blocks cannot be found (they are then
 * cited as empty ranges, never as other bytes).
 *
 * Limits: attributes past PC_HTML_MAX_ATTRIBUTES of an element are
 * ignored; libxml2 stops at elements nested more than 256 deep, and the
 * text from there on is missing (depth_limit says so).
 *
 * Metadata: the title is og:title, else the first <h1> (of the body, else
 * of the page), else <title> as it is (its " | Site" suffix is kept:
 * guessing which part is the site's name would cut real titles); an <h1>
 * equal to the title is not a block.  The date is the first of the meta
 * tags article:published_time, date, DC.date(.issued), pubdate,
 * datePublished; else the first <time datetime> of the body.  The source
 * is og:site_name, the URL <link rel=canonical>, else og:url.  The
 * language is the lang (or xml:lang) attribute of the body's element or the
 * nearest one above it (<html lang="sr-Latn">), else og:locale or
 * <meta http-equiv="content-language">.
 */
#ifndef PRESSCUT_HTML_H
#define PRESSCUT_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "article.h"
#include "presscut.h"

typedef struct pc_html {
    char *title, *date, *source, *url, *language;   /* "" when none; never NULL after OK */
    char *text;              /* the blocks' text, one blank line between two */
    size_t text_len;
    pc_block_t *blocks;      /* src offsets in the bytes given to pc_html_parse() */
    size_t n_blocks;
    size_t n_unplaced;       /* blocks whose text was not found in the source:
                                their src_start = src_end = where the search began */
    size_t attributes_cut;   /* elements whose attributes past the
                                PC_HTML_MAX_ATTRIBUTES-th were ignored */
    unsigned depth_limit;    /* libxml2 stopped at elements nested deeper than
                                this, the rest unread; 0 when it did not */
} pc_html_t;

/* Attributes of one element that are read; the rest are ignored (libxml2
 * takes time quadratic in their number). */
#define PC_HTML_MAX_ATTRIBUTES 256

/* Parses src[0..len), valid UTF-8, into *out (caller frees with
 * pc_html_free(), also after an error).  OK (n_blocks may be 0), NOMEM,
 * or BAD_INPUT when libxml2 cannot make a document of it at all. */
presscut_status_t pc_html_parse(const char *src, size_t len, pc_html_t *out);

void pc_html_free(pc_html_t *h);

/* Where byte off of a block's text (decoded, white space collapsed, as
 * pc_html_parse() gives it) lies in src[0..len), the block's source bytes
 * from its first text byte: found the way blocks are placed, character by
 * character, white space aside.  With end, off ends a stretch of text:
 * the offset just past its last character's source (a whole entity, say);
 * else where the character at off begins.  len when src runs out first
 * (a block that was not placed). */
size_t pc_html_source_offset(const char *src, size_t len, const char *text, size_t off,
                             bool end);

#endif
