/* article: one file, or one line of a JSON Lines feed -> an article.
 *
 * Formats, chosen by the file name's ending:
 *   .txt (and no ending)  optional header block ("Title:", "Date:", "Source:",
 *                         "URL:", "Language:" lines, then a blank line);
 *                         otherwise line 1 is the title when a blank line
 *                         follows it
 *   .md, .markdown        the first "# " heading is the title; passages are
 *                         shown without markup (pc_markdown_text())
 *   .jsonl, .ndjson       one article per line: id, title, date, source,
 *                         url, language, and body (or text)
 *   .html, .htm           parsed with libxml2 (lib/html.h): the body's text
 *                         blocks (paragraphs, headings, list items...)
 * Offsets in an article count bytes of `text`: the whole file for .txt and
 * .md, the decoded body for a feed line, the blocks' decoded text for HTML.
 * pc_article_source_offset() turns them into the file's byte offsets
 * (they differ for HTML, and where invalid UTF-8 was repaired).
 */
#ifndef PRESSCUT_ARTICLE_H
#define PRESSCUT_ARTICLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "passage.h"
#include "presscut.h"

typedef enum pc_format {
    PC_FORMAT_TEXT,
    PC_FORMAT_MARKDOWN,
    PC_FORMAT_JSONL,
    PC_FORMAT_HTML,
    PC_FORMAT_UNKNOWN        /* not an article file: skipped when walking directories */
} pc_format_t;

/* A block of an HTML article: one passage, [start, end) in the article's
 * text (decoded, white space collapsed), [src_start, src_end) in the file
 * (from its first text byte to its last, entities as written), and
 * [html_start, html_end) the same bytes in the article's html (they
 * differ from src_* only where invalid UTF-8 was repaired before them). */
typedef struct pc_block {
    size_t start, end;
    size_t src_start, src_end;
    size_t html_start, html_end;
} pc_block_t;

typedef struct pc_article {
    const char *id;          /* feed id, or the file's path */
    const char *path;        /* the file (or feed name) as given */
    const char *title;       /* "" when none */
    /* What results show as its title: title, else (set by the reader)
     * its first line when that reads like a headline, else its file's
     * name (a feed article's id).  Only title is searched (title:). */
    const char *shown_title;
    const char *date;        /* as found, "" when none */
    const char *date_iso;    /* date in ISO 8601 (datefmt.h), "" when none or unread;
                                set by the reader, whatever the caller put there */
    const char *source;
    const char *url;
    const char *language;    /* "" = the index's default */
    long line;               /* line in the feed, 0 for files */
    const char *text;        /* the bytes that offsets refer to; valid UTF-8 */
    size_t text_len;
    size_t body_start;       /* where the body begins in text (after title/header) */
    size_t body_end;
    pc_format_t format;
    /* When n_blocks > 0, the article's passages are these blocks, in
     * order (sorted by start), not what the passage splitter would cut. */
    const pc_block_t *blocks;
    size_t n_blocks;
    /* With blocks: the HTML they were found in (repaired), so that a
     * passage can keep its source bytes; NULL otherwise. */
    const char *html;
    size_t html_len;
    /* Offsets in text (with blocks: in html), ascending, where a U+FFFD
     * (3 bytes) stands for one byte of invalid UTF-8 in the file. */
    const size_t *repairs;
    size_t n_repairs;
} pc_article_t;

/* The file's byte offset of offset off in a->text: off itself, unless
 * the article has blocks (off must be a block's start or end: its source
 * start or end) or repairs (each one before off is 2 bytes longer in
 * text than in the file).  A feed article's offsets stay in its body. */
size_t pc_article_source_offset(const pc_article_t *a, size_t off);

/* Every pointer in the article is borrowed until fn returns.  fn returns
 * OK to go on; any other status stops the read and is returned. */
typedef presscut_status_t (*pc_article_fn)(void *ctx, const pc_article_t *a);

/* Reports an input (or a feed line) that was skipped or repaired. */
typedef void (*pc_article_warn_fn)(void *ctx, const char *path, long line,
                                   const char *message);

/* An article with blocks: its passages, one per block (paragraph i + 1,
 * part 0), replacing what *out held.  OK or NOMEM. */
presscut_status_t pc_article_block_passages(const pc_article_t *a, pc_passages_t *out);

pc_format_t pc_format_of(const char *path);

/* A copy of a that owns everything it points to, in one allocation: the
 * caller frees it with free().  NULL when out of memory. */
pc_article_t *pc_article_dup(const pc_article_t *a);

/* Reads the file at path and calls fn for each article in it.  Bad input
 * (binary, empty, malformed feed line, line without body, with invalid
 * UTF-8 or a NUL byte, a feed line over 64 MiB, HTML without body text)
 * is reported through warn and skipped; *skipped counts those.  Invalid
 * UTF-8 in a file is replaced by U+FFFD, reported through warn ("invalid
 * UTF-8 at byte N, repaired") and indexed.  An id repeated in a feed is
 * reported (the later line replaces the earlier one).  Metadata over its
 * limit is cut (title 1000 bytes, source 200) or ignored (id 1000, url
 * 2048, date 100, language 64), with a warning.  Returns OK, IO
 * (unreadable: message through warn too), or fn's status. */
presscut_status_t pc_article_read_file(const char *path, pc_article_fn fn,
                                       pc_article_warn_fn warn, void *ctx,
                                       unsigned *skipped);

/* Reads the file at path whole into *bytes (caller frees with free()),
 * *len its length.  OK; IO (unreadable) or BAD_INPUT (over max_size bytes,
 * binary: a NUL byte in its first 8 KiB, judged before the rest is read;
 * or changed or removed while being read) with *why saying so (caller
 * frees with free()); or NOMEM. */
presscut_status_t pc_file_load(const char *path, uint64_t max_size, char **bytes,
                               size_t *len, char **why);

/* The same for a JSON Lines feed read from in, named name. */
presscut_status_t pc_article_read_feed(FILE *in, const char *name, pc_article_fn fn,
                                       pc_article_warn_fn warn, void *ctx,
                                       unsigned *skipped);

/* The same for a file's bytes already in memory (format from path's
 * ending); what pc_article_read_file() does after reading.  For tests. */
presscut_status_t pc_article_parse(const char *path, const char *bytes, size_t len,
                                   pc_article_fn fn, pc_article_warn_fn warn,
                                   void *ctx, unsigned *skipped);

#endif
