/* presscut-query: ranked passages for a query. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "presscut.h"

static const char usage[] =
    "usage: presscut-query [--db DIR] [--limit N] [--offset N] [--articles] [--json] [--correct] QUERY...\n"
    "\n"
    "Ranks the passages of the index DIR (default: $PRESSCUT_DB) for QUERY.\n"
    "Query syntax: words, \"a phrase\", AND, OR, NOT, -word, a NEAR/5 b,\n"
    "title:word, source:word, date:2025-03-01..2025-03-31, word*.\n"
    "\n"
    "  --db DIR        the index (a directory or a Xapian stub file)\n"
    "  -n, --limit N   show N results (default 10)\n"
    "  --offset N      skip the first N results\n"
    "  -a, --articles  the best passage of each article only\n"
    "  --json          one JSON object per result and line\n"
    "  --correct       search the \"did you mean\" suggestion instead of the query\n"
    "  -h, --help      this text\n"
    "\n"
    "Exit status: 0 results found, 1 none, 2 error.\n";

static int parse_count(const char *s, unsigned *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0 || v > INT_MAX)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* The query words, joined as the user typed them on the command line. */
static char *join_args(int argc, char **argv)
{
    size_t len = 1;
    for (int i = 0; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *s = malloc(len), *p = s;
    if (!s)
        return NULL;
    for (int i = 0; i < argc; i++) {
        size_t n = strlen(argv[i]);
        memcpy(p, argv[i], n);
        p += n;
        *p++ = ' ';
    }
    p[argc ? -1 : 0] = '\0';
    return s;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "limit", required_argument, NULL, 'n' },
        { "offset", required_argument, NULL, 'o' },
        { "articles", no_argument, NULL, 'a' },
        { "json", no_argument, NULL, 'j' },
        { "correct", no_argument, NULL, 'c' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *dbpath = getenv("PRESSCUT_DB");
    presscut_search_options_t opts = { .limit = 10 };
    output_t out = { .stream = stdout };
    int c;
    while ((c = getopt_long(argc, argv, "n:ah", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': dbpath = optarg; break;
        case 'n':
            if (parse_count(optarg, &opts.limit) != 0 || opts.limit == 0) {
                fprintf(stderr, "presscut-query: --limit needs a positive number, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case 'o':
            if (parse_count(optarg, &opts.offset) != 0) {
                fprintf(stderr, "presscut-query: --offset needs a number, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'a': opts.articles = 1; break;
        case 'j': out.json = 1; break;
        case 'c': opts.correct = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (!dbpath || !dbpath[0]) {
        fputs("presscut-query: no index given: use --db DIR or set PRESSCUT_DB\n", stderr);
        return 2;
    }
    if (optind == argc) {
        fputs("presscut-query: no query given\n", stderr);
        fputs(usage, stderr);
        return 2;
    }
    const char *no_color = getenv("NO_COLOR");
    out.color = isatty(STDOUT_FILENO) && !(no_color && no_color[0]);

    presscut_db_t *db = NULL;
    char *msg = NULL;
    presscut_status_t st = presscut_db_open(dbpath, &db, &msg);
    if (st != PRESSCUT_OK) {
        fprintf(stderr, "presscut-query: cannot open index '%s': %s\n", dbpath,
                msg ? msg : presscut_status_to_string(st));
        free(msg);
        return 2;
    }
    char *query = join_args(argc - optind, argv + optind);
    presscut_results_t *res = NULL;
    st = query ? presscut_db_search(db, query, &opts, &res) : PRESSCUT_NOMEM;
    int rc;
    if (st != PRESSCUT_OK) {
        fprintf(stderr, "presscut-query: %s\n",
                st == PRESSCUT_NOMEM ? "out of memory" : presscut_db_error(db));
        rc = 2;
    } else {
        size_t n = presscut_results_count(res);
        for (size_t i = 0; i < n; i++)
            output_hit(&out, presscut_results_get(res, i));
        const char *better = presscut_results_suggestion(res);
        if (better) {
            fprintf(stderr, "%s: %s\n", opts.correct ? "showing results for" : "did you mean",
                    better);
            if (out.json)
                output_suggestion(&out, better);
        }
        rc = n ? 0 : 1;
        if (fflush(stdout) != 0) {
            perror("presscut-query: cannot write results");
            rc = 2;
        }
    }
    presscut_results_destroy(res);
    free(query);
    presscut_db_close(db);
    return rc;
}
