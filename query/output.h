/* output: results as people and scripts read them. */
#ifndef PRESSCUT_QUERY_OUTPUT_H
#define PRESSCUT_QUERY_OUTPUT_H

#include <stdio.h>

#include "presscut.h"

typedef struct output {
    FILE *stream;
    int json;                /* JSON Lines instead of text */
    int color;               /* bold highlights (a terminal, NO_COLOR unset) */
} output_t;

void output_hit(const output_t *out, const presscut_hit_t *h);

/* The "did you mean" line of --json output: {"suggestion": "..."}, after the hits. */
void output_suggestion(const output_t *out, const char *suggestion);

/* path as the user would type it: relative to the working directory when
 * it lies below it.  Borrowed from path. */
const char *output_display_path(const char *path);

#endif
