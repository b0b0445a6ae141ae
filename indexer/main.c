/* presscut-index: articles in, passages out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "presscut.h"

/* sysexits.h's EX_TEMPFAIL: cron and systemd read it as "try again later". */
#define EXIT_LOCKED 75

static const char usage[] =
    "usage: presscut-index [--db DIR] [--language LANG] [--full] [--quiet] PATH...\n"
    "\n"
    "Indexes articles (.txt, .md, .jsonl/.ndjson; directories recursively;\n"
    "'-' reads a JSON Lines feed from standard input) into the database DIR\n"
    "(default: $PRESSCUT_DB).  An article indexed before is replaced.\n"
    "\n"
    "  --db DIR          the index directory (created if missing)\n"
    "  --language LANG   stemming language (default english)\n"
    "  --full            start the index afresh\n"
    "  -q, --quiet       print only problems\n"
    "  -h, --help        this text\n"
    "\n"
    "Exit status: 0 done, 1 done but some inputs were skipped, 2 error,\n"
    "75 the index is locked by another presscut-index.\n";

typedef struct cli {
    const char *db;
    const char *language;
    int full, quiet;
} cli_t;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(presscut_status_t st, const char *what)
{
    fprintf(stderr, "presscut-index: %s\n", what);
    return st == PRESSCUT_LOCKED ? EXIT_LOCKED : 2;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "language", required_argument, NULL, 'l' },
        { "full", no_argument, NULL, 'F' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_t cli = { .db = getenv("PRESSCUT_DB") };
    int c;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': cli.db = optarg; break;
        case 'l': cli.language = optarg; break;
        case 'F': cli.full = 1; break;
        case 'q': cli.quiet = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (!cli.db || !cli.db[0]) {
        fputs("presscut-index: no index given: use --db DIR or set PRESSCUT_DB\n", stderr);
        return 2;
    }
    if (optind == argc) {
        fputs("presscut-index: no articles given\n", stderr);
        fputs(usage, stderr);
        return 2;
    }

    double t0 = now();
    presscut_index_options_t opts = { .language = cli.language, .overwrite = cli.full };
    presscut_index_t *ix = NULL;
    char *msg = NULL;
    presscut_status_t st = presscut_index_open(cli.db, &opts, &ix, &msg);
    if (st != PRESSCUT_OK) {
        char line[1024];
        snprintf(line, sizeof line, "cannot open index '%s': %s", cli.db,
                 msg ? msg : presscut_status_to_string(st));
        free(msg);
        return fail(st, line);
    }
    for (int i = optind; i < argc && st == PRESSCUT_OK; i++) {
        if (strcmp(argv[i], "-") == 0)
            st = presscut_index_add_stream(ix, stdin, "-");
        else
            st = presscut_index_add_path(ix, argv[i]);
    }
    if (st != PRESSCUT_OK) {
        char line[1024];
        snprintf(line, sizeof line, "indexing stopped: %s", presscut_index_error(ix));
        presscut_index_close(ix);
        return fail(st, line);
    }
    presscut_index_stats_t stats;
    presscut_index_get_stats(ix, &stats);
    st = presscut_index_close(ix);
    if (st != PRESSCUT_OK)
        return fail(st, "cannot commit the index");
    if (!cli.quiet)
        fprintf(stderr,
                "presscut-index: indexed %llu articles, %llu passages (%.1f MB) in %.2f s; "
                "skipped %llu\n",
                (unsigned long long)stats.articles, (unsigned long long)stats.passages,
                (double)stats.bytes / 1e6, now() - t0, (unsigned long long)stats.skipped);
    return stats.skipped ? 1 : 0;
}
