/* snippet: a passage and a parsed query -> highlights and the best window. */
#ifndef PRESSCUT_SNIPPET_H
#define PRESSCUT_SNIPPET_H

#include <stddef.h>

#include "presscut.h"
#include "queryparse.h"

typedef struct pc_snippet {
    presscut_span_t window;        /* byte range of text to show */
    presscut_span_t *spans;        /* matched words in text, in order; owned */
    size_t n_spans, cap;
} pc_snippet_t;

/* Finds the words of text[0..len) that q matches (same tokenizer and
 * stemmer as the index) and the window of at most max_chars characters
 * that holds the most distinct ones, cut at word boundaries.  The words of
 * a phrase, NEAR or ADJ (q->groups) match only together, within one
 * paragraph: text's paragraphs after the first begin at breaks[0..n_breaks).
 * Spans that touch are one ("安全" "保障").  Replaces what *out held; free
 * out->spans with free().  OK, NOMEM, or the tokenizer's status. */
presscut_status_t pc_snippet_make(pc_tokenizer_t *tk, xc_stem_t *stem, const pc_query_t *q,
                                  const char *text, size_t len, const size_t *breaks,
                                  size_t n_breaks, size_t max_chars, pc_snippet_t *out);

#endif
