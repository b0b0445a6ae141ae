/* presscut-query: ranked passages for a query, or where a quote occurs. */
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "presscut.h"

static const char usage[] =
    "usage: presscut-query [--db DIR] [--limit N] [--offset N] [--articles] [--json] [--correct] QUERY...\n"
    "       presscut-query [--db DIR] --quote [--fuzzy] [--limit N] [--json] TEXT...\n"
    "\n"
    "Ranks the passages of the index DIR (default: $PRESSCUT_DB) for QUERY.\n"
    "Query syntax: words, \"a phrase\", +word, -word, (a OR b) AND NOT c,\n"
    "a NEAR/5 b, a ADJ/3 b, title:word, source:word, date:2025-03..2025-06, word*\n"
    "(README.md, \"Query syntax\").  A word that begins with '-' is a query word\n"
    "unless it is exactly one of the options below (-n 5, never -n5); safest,\n"
    "put the query after \"--\":  presscut-query -n 5 -- -russia cable\n"
    "Free words expand to their synonyms (EU = European Union): the shipped\n"
    "list, and the groups of FILE (default: $PRESSCUT_SYNONYMS).\n"
    "With --quote, lists every place that holds TEXT word for word (case,\n"
    "accents, quote marks, dashes and line breaks aside), with a citation;\n"
    "when none does, the places that hold it nearly.\n"
    "\n"
    "  --db DIR        the index (a directory or a Xapian stub file)\n"
    "  -n, --limit N   show N results (default 10)\n"
    "  --offset N      skip the first N results\n"
    "  -a, --articles  the best passage of each article only\n"
    "  --json          one JSON object per result and line\n"
    "  --allow-partial when shards of a stub cannot be reached, search the others\n"
    "                  (a warning on stderr; \"partial\":true in --json)\n"
    "  --timeout MS    remote shards: connect and answer within MS milliseconds\n"
    "                  (default 10000)\n"
    "  --quote         look TEXT up as a quotation (default limit 20)\n"
    "  --fuzzy         with --quote: approximate matches too, after exact ones\n"
    "  --correct       search the \"did you mean\" suggestion instead of the query\n"
    "  --no-feedback   a question (more than 4 free words) searches its own words\n"
    "                  only, not also those its first results share\n"
    "  --synonyms FILE more synonyms: a group per line, \"EU = European Union\"\n"
    "  -h, --help      this text\n"
    "\n"
    "Exit status: 0 results found, 1 none, 2 error.\n";

/* The quote mode: hits, or a plain "not found" with the closest passage. */
static int run_quote(presscut_db_t *db, const char *text, const presscut_quote_options_t *opts,
                     const output_t *out)
{
    presscut_quote_results_t *res = NULL;
    presscut_status_t st = presscut_db_quote(db, text, opts, &res);
    if (st != PRESSCUT_OK) {
        fprintf(stderr, "presscut-query: %s\n",
                st == PRESSCUT_NOMEM ? "out of memory" : presscut_db_error(db));
        return 2;
    }
    size_t n = presscut_quote_results_count(res);
    for (size_t i = 0; i < n; i++)
        output_quote_hit(out, presscut_quote_results_get(res, i));
    int rc = n ? 0 : 1;
    if (!n) {
        const presscut_quote_hit_t *c = presscut_quote_results_closest(res);
        fputs("presscut-query: no passage holds this quote, exactly or nearly\n", stderr);
        if (c)
            output_closest(stderr, c);
    }
    if (fflush(stdout) != 0) {
        perror("presscut-query: cannot write results");
        rc = 2;
    }
    presscut_quote_results_destroy(res);
    return rc;
}

static int parse_count(const char *s, unsigned *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0 || v > INT_MAX)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* Whether arg is a long option of opts that takes a value, and has it not
 * after '=': getopt_long() then takes the next argument, and so must we.
 * An unknown or ambiguous one takes none: getopt_long() refuses it. */
static bool takes_next(const char *arg, const struct option *opts)
{
    const char *name = arg + 2;
    size_t len = strlen(name);
    const struct option *found = NULL;
    int n = 0;
    if (strchr(name, '='))
        return false;
    for (const struct option *o = opts; o->name; o++)
        if (strncmp(o->name, name, len) == 0) {
            if (strlen(o->name) == len)
                return o->has_arg == required_argument;
            found = o;
            n++;
        }
    return n == 1 && found->has_arg == required_argument;
}

/* Moves argv[i] to argv[k] (k <= i), the arguments between one place on. */
static void move_back(char **argv, int k, int i)
{
    char *a = argv[i];
    memmove(argv + k + 1, argv + k, (size_t)(i - k) * sizeof *argv);
    argv[k] = a;
}

/* Moves the options of argv (with their values) to its front, in order,
 * for getopt_long(), and returns how many arguments they make, the
 * program's name included; *words gets the index of the first query word,
 * the rest of argv.  A word that begins with '-' is a query word (-russia
 * excludes russia) unless it is an option exactly: --long, --long=VALUE,
 * or -n, -a, -h alone, never with a value attached (-nato is not -n ato)
 * nor several together.  After "--" every argument is a query word. */
static int split_args(int argc, char **argv, const struct option *opts, int *words)
{
    static const char *const shorts[] = { "-n", "-a", "-h" };
    int k = 1;
    *words = 0;
    for (int i = 1; i < argc && !*words; i++) {
        const char *a = argv[i];
        bool option = false, value = false;
        if (a[0] == '-' && a[1] == '-') {
            option = true;
            value = a[2] && takes_next(a, opts);
        }
        for (size_t j = 0; j < sizeof shorts / sizeof *shorts; j++)
            if (strcmp(a, shorts[j]) == 0)
                option = true, value = a[1] == 'n';
        if (!option)
            continue;
        move_back(argv, k, i);
        if (strcmp(a, "--") == 0)
            *words = k + 1;
        else if (value && i + 1 < argc)
            move_back(argv, ++k, ++i);
        k++;
    }
    if (!*words)
        *words = k;
    return k;
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
        { "allow-partial", no_argument, NULL, 'P' },
        { "timeout", required_argument, NULL, 't' },
        { "quote", no_argument, NULL, 'q' },
        { "fuzzy", no_argument, NULL, 'f' },
        { "correct", no_argument, NULL, 'c' },
        { "no-feedback", no_argument, NULL, 'F' },
        { "synonyms", required_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *dbpath = getenv("PRESSCUT_DB");
    const char *synonyms = getenv("PRESSCUT_SYNONYMS");
    presscut_search_options_t opts = { .limit = 10 };
    presscut_db_options_t dbopts = { 0 };
    output_t out = { .stream = stdout };
    int quote = 0, fuzzy = 0, limit_given = 0;
    int c, words;
    int n_opts = split_args(argc, argv, longopts, &words);
    while ((c = getopt_long(n_opts, argv, "n:ah", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': dbpath = optarg; break;
        case 'n':
            if (parse_count(optarg, &opts.limit) != 0 || opts.limit == 0) {
                fprintf(stderr, "presscut-query: --limit needs a positive number, not '%s'\n",
                        optarg);
                return 2;
            }
            limit_given = 1;
            break;
        case 'o':
            if (parse_count(optarg, &opts.offset) != 0) {
                fprintf(stderr, "presscut-query: --offset needs a number, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'a': opts.articles = 1; break;
        case 'j': out.json = 1; break;
        case 'P': dbopts.allow_partial = 1; break;
        case 't':
            if (parse_count(optarg, &dbopts.timeout_ms) != 0 || dbopts.timeout_ms == 0) {
                fprintf(stderr, "presscut-query: --timeout needs milliseconds, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case 'q': quote = 1; break;
        case 'f': fuzzy = 1; break;
        case 'c': opts.correct = 1; break;
        case 'F': opts.no_feedback = 1; break;
        case 's': synonyms = optarg; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (!dbpath || !dbpath[0]) {
        fputs("presscut-query: no index given: use --db DIR or set PRESSCUT_DB\n", stderr);
        return 2;
    }
    if (fuzzy && !quote) {
        fputs("presscut-query: --fuzzy needs --quote\n", stderr);
        return 2;
    }
    if (quote && (opts.offset || opts.articles)) {
        fputs("presscut-query: --offset and --articles do not apply to --quote\n", stderr);
        return 2;
    }
    if (words == argc) {
        fputs("presscut-query: no query given\n", stderr);
        fputs(usage, stderr);
        return 2;
    }
    const char *no_color = getenv("NO_COLOR");
    out.color = isatty(STDOUT_FILENO) && !(no_color && no_color[0]);

    presscut_db_t *db = NULL;
    char *msg = NULL;
    presscut_status_t st = presscut_db_open_opts(dbpath, &dbopts, &db, &msg);
    if (st != PRESSCUT_OK) {
        fprintf(stderr, "presscut-query: cannot open index '%s': %s\n", dbpath,
                msg ? msg : presscut_status_to_string(st));
        free(msg);
        return 2;
    }
    if (synonyms && synonyms[0] && presscut_db_add_synonyms(db, synonyms) != PRESSCUT_OK) {
        fprintf(stderr, "presscut-query: %s\n", presscut_db_error(db));
        presscut_db_close(db);
        return 2;
    }
    char *query = join_args(argc - words, argv + words);
    presscut_results_t *res = NULL;
    int rc;
    if (quote && query) {
        presscut_quote_options_t qopts = { .limit = limit_given ? opts.limit : 0,
                                           .fuzzy = fuzzy };
        rc = run_quote(db, query, &qopts, &out);
        free(query);
        presscut_db_close(db);
        return rc;
    }
    st = query ? presscut_db_search(db, query, &opts, &res) : PRESSCUT_NOMEM;
    if (st != PRESSCUT_OK) {
        fprintf(stderr, "presscut-query: %s\n",
                st == PRESSCUT_NOMEM ? "out of memory" : presscut_db_error(db));
        rc = 2;
    } else {
        size_t n = presscut_results_count(res);
        const char *left_out = presscut_db_partial(db);
        if (left_out) {
            fprintf(stderr, "presscut-query: warning: partial results, shards left out: %s\n",
                    left_out);
            out.partial = 1;
        }
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
