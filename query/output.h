/* output: results as people and scripts read them. */
#ifndef PRESSCUT_QUERY_OUTPUT_H
#define PRESSCUT_QUERY_OUTPUT_H

#include <stdio.h>

#include "presscut.h"

typedef struct output {
    FILE *stream;
    int json;                /* JSON Lines instead of text */
    int color;               /* bold highlights (a terminal, NO_COLOR unset) */
    int partial;             /* some shards were left out: say so in JSON */
} output_t;

void output_hit(const output_t *out, const presscut_hit_t *h);

/* Writes s[0..len) to f with its control characters and bytes that are
 * not UTF-8 escaped (presscut_escape()): text from files and queries must
 * not drive the terminal. */
void output_put(FILE *f, const char *s, size_t len);

/* A quote hit: the citation line to paste, then how it matched and the
 * sentence around it; or one JSON object. */
void output_quote_hit(const output_t *out, const presscut_quote_hit_t *h);

/* "closest: " and the citation line of h, for the no-match message. */
void output_closest(FILE *f, const presscut_quote_hit_t *h);

/* The "did you mean" line of --json output: {"suggestion": "..."}, after the hits. */
void output_suggestion(const output_t *out, const char *suggestion);

/* path as the user would type it: relative to the working directory when
 * it lies below it.  Borrowed from path. */
const char *output_display_path(const char *path);

#endif
