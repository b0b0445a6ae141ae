/* output: results as people and scripts read them. */
#ifndef PRESSCUT_QUERY_OUTPUT_H
#define PRESSCUT_QUERY_OUTPUT_H

#include <stdio.h>

#include "presscut.h"

typedef struct output {
    FILE *stream;
    int json;                /* JSON Lines instead of text */
    int color;               /* SGR colours: matches, titles, citations (--color) */
    int partial;             /* some shards were left out: say so in JSON */
    int all_copies;          /* copies are hits of their own (--all-copies) */
} output_t;

void output_hit(const output_t *out, const presscut_hit_t *h);

/* The article of h as --files lists it: its file, or path:LINE for a
 * feed's line, on a line of its own. */
void output_file(const output_t *out, const presscut_hit_t *h);

/* What the totals line, or the JSON summary object, says. */
typedef struct output_summary {
    presscut_totals_t totals;
    int articles;            /* the hits are articles, not passages */
    unsigned offset;         /* hits skipped before those shown */
    size_t shown;
    const char *suggestion;  /* or NULL */
} output_summary_t;

/* After the hits: "12 of about 340 passages (in 95 articles)" (nothing
 * when nothing matches), or the JSON summary object, always. */
void output_summary(const output_t *out, const output_summary_t *s);

/* --count: the total alone, as a number line, or the JSON summary. */
void output_count(const output_t *out, const output_summary_t *s);

/* The JSON error object, {"error":{"status":..,"message":..}}; status is
 * pc_json_status_name()'s, or "usage" for a command-line mistake. */
void output_error(const output_t *out, const char *status, const char *message);

/* Writes s[0..len) to f with its control characters and bytes that are
 * not UTF-8 escaped (presscut_escape()): text from files and queries must
 * not drive the terminal. */
void output_put(FILE *f, const char *s, size_t len);

/* A quote hit: the citation line to paste, then how it matched and the
 * sentence around it; or one JSON object. */
void output_quote_hit(const output_t *out, const presscut_quote_hit_t *h);

/* What the totals line of a quote look-up, or its JSON summary, says. */
typedef struct output_quote_summary {
    presscut_totals_t totals;    /* the passages that hold it word for word */
    size_t shown;                /* hits, by match: */
    size_t exact, approximate, partial;
} output_quote_summary_t;

/* After the quote hits: "3 shown; 12 passages hold the quote word for
 * word (in 9 articles)" (nothing when there is no hit), or the JSON
 * summary object, always. */
void output_quote_summary(const output_t *out, const output_quote_summary_t *s);

/* "closest: " and the citation line of h, for the no-match message. */
void output_closest(FILE *f, const presscut_quote_hit_t *h);

#endif
