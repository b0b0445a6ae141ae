/* record: the document data of one passage.
 *
 * Everything a result needs to cite and show a passage without rereading
 * its file.  Strings are stored NUL-terminated so that a decoded record
 * points into the data buffer instead of copying out of it.
 */
#ifndef PRESSCUT_RECORD_H
#define PRESSCUT_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "passage.h"
#include "presscut.h"

typedef struct pc_record {
    const char *article_id, *path, *title;
    const char *date;        /* ISO 8601 (datefmt.h), "" when none or not understood */
    const char *date_text;   /* the date as the article wrote it */
    const char *source, *url;
    const char *language;    /* the article's language code (language.h), "" when none */
    unsigned paragraph, part;
    /* Paragraphs paragraph+1 .. paragraph+n_breaks also in the passage:
     * where each starts in text. */
    unsigned n_breaks;
    size_t breaks[PC_PASSAGE_MAX_PARAGRAPHS - 1];
    /* The (paragraph, part) of the article's passages before and after
     * this one, paragraph 0 when there is none: a quote running across
     * passages is found by key, without a search. */
    unsigned prev_paragraph, prev_part, next_paragraph, next_part;
    long line;
    size_t start, end;       /* the passage's bytes in the file (feeds: in the body) */
    const char *text;        /* NUL-terminated */
    size_t text_len;
    /* The passage's bytes in the file, [start, end), when they are not its
     * text (HTML: tags and entities), and where each of its paragraphs
     * after the first begins in them; src_len 0 when the text is the
     * file's bytes.  A citation inside the passage is mapped through them
     * (quote.c). */
    const char *src;         /* NUL-terminated */
    size_t src_len;
    bool markdown;           /* src is markdown, the text it without markup
                                (pc_markdown_text()); else src is HTML */
    size_t src_breaks[PC_PASSAGE_MAX_PARAGRAPHS - 1];
    /* Where a U+FFFD (3 bytes) in src (text when src_len is 0) stands for
     * one byte of invalid UTF-8 in the file: n_repairs offsets, ascending,
     * each 4 bytes little-endian (pc_record_repair() reads them). */
    const char *repairs;
    size_t n_repairs;
} pc_record_t;


/* A growable byte buffer; owner frees b->p with free(). */
typedef struct pc_buf {
    char *p;
    size_t len, cap;
} pc_buf_t;

presscut_status_t pc_buf_reserve(pc_buf_t *b, size_t extra);

/* The i-th repair offset of r. */
size_t pc_record_repair(const pc_record_t *r, size_t i);

/* Appends off to b as a repair offset of a record being made.  OK or NOMEM. */
presscut_status_t pc_record_add_repair(pc_buf_t *b, size_t off);

/* Replaces b's content with the encoding of r.  OK or NOMEM. */
presscut_status_t pc_record_encode(const pc_record_t *r, pc_buf_t *b);

/* Decodes data[0..len) (which must stay alive and unchanged while *r is
 * used: r points into it).  OK, or CORRUPT for data that is not a record
 * of this schema. */
presscut_status_t pc_record_decode(const char *data, size_t len, pc_record_t *r);

#endif
