/* presscut-query: ranked passages for a query, or where a quote occurs. */
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "presscut.h"
#include "resultjson.h"

static const char usage[] =
    "usage: presscut-query [--db DIR] [-n N] [--offset N] [-a] [--sort date] [--all-copies]\n"
    "                      [--json] QUERY...\n"
    "       presscut-query [--db DIR] (--count | -l) [-a] QUERY...\n"
    "       presscut-query [--db DIR] --quote [--fuzzy] [-n N] [--json] TEXT...\n"
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
    "  --sort ORDER    relevance (the default), or date: newest first, equal\n"
    "                  dates best first (passages holding every word still first)\n"
    "  --count         print only how many passages match (articles with -a),\n"
    "                  counting them all; with --json, the summary object\n"
    "  -l, --files     list the matching articles' files (path:LINE for a feed's\n"
    "                  line) once each, best first, N of them (-n)\n"
    "  --snippet-chars N  show at most N characters of each passage (default 240)\n"
    "  --json          one JSON object per result and line, then a summary line\n"
    "                  {\"summary\":{...}}; an error adds {\"error\":{...}}\n"
    "  --color WHEN    auto (the default: on a terminal, unless NO_COLOR is set),\n"
    "                  always or never\n"
    "  --allow-partial when shards of a stub cannot be reached, search the others\n"
    "                  (a warning on stderr; \"partial\":true in --json)\n"
    "  --timeout MS    remote shards: connect and answer within MS milliseconds\n"
    "                  (default 10000)\n"
    "  --quote         look TEXT up as a quotation (default limit 20)\n"
    "  --fuzzy         with --quote: approximate matches too, after exact ones\n"
    "  --correct       search the \"did you mean\" suggestion instead of the query\n"
    "  --no-feedback   a question (more than 4 free words) searches its own words\n"
    "                  only, not also those its first results share\n"
    "  --all-copies    list the copies of an article (the same story, exactly or\n"
    "                  with a few words changed) as results of their own; by\n"
    "                  default the best is shown, \"and N copies\" under it\n"
    "  --synonyms FILE more synonyms: a group per line, \"EU = European Union\"\n"
    "  -h, --help      this text\n"
    "  --version       the version, and that of the index schema\n"
    "\n"
    "Text output ends with the totals: \"10 of about 340 passages (in 95 articles)\";\n"
    "with --quote, \"5 shown; 12 passages hold the quote word for word (in 9 articles)\".\n"
    "Exit status: 0 results found, 1 none, 2 error.\n";

/* "presscut-query: MSG" on stderr.  Messages quote queries and file
 * names, escaped here like the results. */
static void complain(const char *msg)
{
    fputs("presscut-query: ", stderr);
    output_put(stderr, msg, strlen(msg));
    fputc('\n', stderr);
}

/* An error: its message on stderr and, with --json, an error object on
 * stdout, for scripts that read only that.  status names it there
 * (pc_json_status_name(), or "usage").  Returns the exit status, 2. */
static int fail(const output_t *out, const char *status, const char *msg)
{
    complain(msg);
    if (out->json) {
        output_error(out, status, msg);
        fflush(stdout);
    }
    return 2;
}

static int fail_db(const output_t *out, presscut_db_t *db, presscut_status_t st)
{
    return fail(out, pc_json_status_name(st),
                st == PRESSCUT_NOMEM ? "out of memory" : presscut_db_error(db));
}

/* Flushes the results: a full disk or a closed pipe is an error. */
static int finish(int rc)
{
    if (fflush(stdout) != 0) {
        perror("presscut-query: cannot write results");
        return 2;
    }
    return rc;
}

/* The quote mode: hits, or a plain "not found" with the closest passage. */
static int run_quote(presscut_db_t *db, const char *text, const presscut_quote_options_t *opts,
                     const output_t *out)
{
    presscut_quote_results_t *res = NULL;
    presscut_status_t st = presscut_db_quote(db, text, opts, &res);
    if (st != PRESSCUT_OK)
        return fail_db(out, db, st);
    size_t n = presscut_quote_results_count(res);
    output_quote_summary_t sum = { .shown = n };
    for (size_t i = 0; i < n; i++) {
        const presscut_quote_hit_t *h = presscut_quote_results_get(res, i);
        output_quote_hit(out, h);
        *(h->match == PRESSCUT_MATCH_EXACT         ? &sum.exact
          : h->match == PRESSCUT_MATCH_APPROXIMATE ? &sum.approximate
                                                   : &sum.partial) += 1;
    }
    presscut_quote_results_totals(res, &sum.totals);
    output_quote_summary(out, &sum);
    if (!n) {
        const presscut_quote_hit_t *c = presscut_quote_results_closest(res);
        fputs("presscut-query: no passage holds this quote, exactly or nearly\n", stderr);
        if (c)
            output_closest(stderr, c);
    }
    presscut_quote_results_destroy(res);
    return finish(n ? 0 : 1);
}

/* What a search prints: hits, files, or totals only. */
typedef enum listing { LIST_HITS, LIST_FILES, LIST_COUNT } listing_t;

static int run_search(presscut_db_t *db, const char *query,
                      const presscut_search_options_t *opts, listing_t listing, output_t *out)
{
    presscut_results_t *res = NULL;
    presscut_status_t st = presscut_db_search(db, query, opts, &res);
    if (st != PRESSCUT_OK)
        return fail_db(out, db, st);
    size_t n = listing == LIST_COUNT ? 0 : presscut_results_count(res);
    const char *left_out = presscut_db_partial(db);
    if (left_out) {
        fputs("presscut-query: warning: partial results, shards left out: ", stderr);
        output_put(stderr, left_out, strlen(left_out));
        fputc('\n', stderr);
        out->partial = 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (listing == LIST_FILES)
            output_file(out, presscut_results_get(res, i));
        else
            output_hit(out, presscut_results_get(res, i));
    }
    output_summary_t sum = { .articles = opts->articles, .offset = opts->offset, .shown = n,
                             .suggestion = presscut_results_suggestion(res) };
    presscut_results_totals(res, &sum.totals);
    if (sum.suggestion) {
        fprintf(stderr, "%s: ", opts->correct ? "showing results for" : "did you mean");
        output_put(stderr, sum.suggestion, strlen(sum.suggestion));
        fputc('\n', stderr);
    }
    int rc = n ? 0 : 1;
    if (listing == LIST_COUNT) {
        output_count(out, &sum);
        rc = (opts->articles ? sum.totals.articles : sum.totals.passages).estimate ? 0 : 1;
    } else if (listing == LIST_HITS) {
        output_summary(out, &sum);
    }
    presscut_results_destroy(res);
    return finish(rc);
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

/* The long options of opts that name[0..len) begins: their number, and in
 * *found the last one, or the one it names exactly (which then wins). */
static int find_long(const char *name, size_t len, const struct option *opts,
                     const struct option **found)
{
    int n = 0;
    *found = NULL;
    for (const struct option *o = opts; o->name; o++)
        if (strncmp(o->name, name, len) == 0) {
            *found = o;
            if (strlen(o->name) == len)
                return 1;
            n++;
        }
    return n;
}

/* Whether arg is a long option of opts that takes a value, and has it not
 * after '=': getopt_long() then takes the next argument, and so must we.
 * An unknown or ambiguous one takes none: getopt_long() refuses it. */
static bool takes_next(const char *arg, const struct option *opts)
{
    const struct option *found;
    if (strchr(arg, '='))
        return false;
    return find_long(arg + 2, strlen(arg + 2), opts, &found) == 1 &&
           found->has_arg == required_argument;
}

/* The one-line message for an option getopt_long() refused (c is what it
 * returned: ':' for a missing value) in arg. */
static void option_error(int c, const char *arg, const struct option *opts, char *msg,
                         size_t cap)
{
    size_t len = strcspn(arg, "=");
    const struct option *found;
    int n = arg[1] == '-' ? find_long(arg + 2, len - 2, opts, &found) : 1;
    const char *why = c == ':' ? "option '%.*s' needs a value"
                      : n > 1  ? "ambiguous option '%.*s'"
                      : n == 1 ? "option '%.*s' takes no value"
                               : "unknown option '%.*s'";
    snprintf(msg, cap, why, (int)len, arg);
    snprintf(msg + strlen(msg), cap - strlen(msg), "; try --help");
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
 * or -n, -a, -l, -h alone, never with a value attached (-nato is not -n
 * ato) nor several together.  After "--" every argument is a query word. */
static int split_args(int argc, char **argv, const struct option *opts, int *words)
{
    static const char *const shorts[] = { "-n", "-a", "-l", "-h" };
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

/* Keeps the first mistake of the command line in msg[USAGE_MAX]. */
#define USAGE_MAX 256
static void usage_mistake(char *msg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void usage_mistake(char *msg, const char *fmt, ...)
{
    if (msg[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, USAGE_MAX, fmt, ap);
    va_end(ap);
}

/* --color WHEN: whether to colour stdout.  auto colours a terminal, unless
 * NO_COLOR is set (https://no-color.org) or TERM is dumb. */
static int parse_color(const char *when, int *color)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    if (strcmp(when, "always") == 0)
        *color = 1;
    else if (strcmp(when, "never") == 0)
        *color = 0;
    else if (strcmp(when, "auto") == 0)
        *color = isatty(STDOUT_FILENO) && !(no_color && no_color[0]) &&
                 !(term && strcmp(term, "dumb") == 0);
    else
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "limit", required_argument, NULL, 'n' },
        { "offset", required_argument, NULL, 'o' },
        { "articles", no_argument, NULL, 'a' },
        { "sort", required_argument, NULL, 'S' },
        { "count", no_argument, NULL, 'C' },
        { "files", no_argument, NULL, 'l' },
        { "snippet-chars", required_argument, NULL, 'W' },
        { "json", no_argument, NULL, 'j' },
        { "color", required_argument, NULL, 'K' },
        { "allow-partial", no_argument, NULL, 'P' },
        { "timeout", required_argument, NULL, 't' },
        { "quote", no_argument, NULL, 'q' },
        { "fuzzy", no_argument, NULL, 'f' },
        { "correct", no_argument, NULL, 'c' },
        { "no-feedback", no_argument, NULL, 'F' },
        { "all-copies", no_argument, NULL, 'A' },
        { "synonyms", required_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    const char *dbpath = getenv("PRESSCUT_DB");
    const char *synonyms = getenv("PRESSCUT_SYNONYMS");
    const char *color = "auto";
    presscut_search_options_t opts = { .limit = 10 };
    presscut_db_options_t dbopts = { 0 };
    output_t out = { .stream = stdout };
    listing_t listing = LIST_HITS;
    int quote = 0, fuzzy = 0, limit_given = 0;
    int c, words;
    /* The first mistake, reported once every option is read: --json may
     * come after it. */
    char mistake[USAGE_MAX] = "";
    int n_opts = split_args(argc, argv, longopts, &words);
    opterr = 0;
    while ((c = getopt_long(n_opts, argv, ":n:alh", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': dbpath = optarg; break;
        case 'n':
            if (parse_count(optarg, &opts.limit) != 0 || opts.limit == 0)
                usage_mistake(mistake, "--limit needs a positive number, not '%s'", optarg);
            limit_given = 1;
            break;
        case 'o':
            if (parse_count(optarg, &opts.offset) != 0)
                usage_mistake(mistake, "--offset needs a number, not '%s'", optarg);
            break;
        case 'a': opts.articles = 1; break;
        case 'S':
            if (strcmp(optarg, "date") == 0)
                opts.sort = PRESSCUT_SORT_DATE;
            else if (strcmp(optarg, "relevance") == 0)
                opts.sort = PRESSCUT_SORT_RELEVANCE;
            else
                usage_mistake(mistake, "--sort takes relevance or date, not '%s'", optarg);
            break;
        case 'C': listing = LIST_COUNT; break;
        case 'l': listing = LIST_FILES; break;
        case 'W':
            if (parse_count(optarg, &opts.snippet_chars) != 0 || opts.snippet_chars == 0)
                usage_mistake(mistake, "--snippet-chars needs a positive number, not '%s'",
                              optarg);
            break;
        case 'j': out.json = 1; break;
        case 'K': color = optarg; break;
        case 'P': dbopts.allow_partial = 1; break;
        case 't':
            if (parse_count(optarg, &dbopts.timeout_ms) != 0 || dbopts.timeout_ms == 0)
                usage_mistake(mistake, "--timeout needs milliseconds, not '%s'", optarg);
            break;
        case 'q': quote = 1; break;
        case 'f': fuzzy = 1; break;
        case 'c': opts.correct = 1; break;
        case 'F': opts.no_feedback = 1; break;
        case 'A': opts.all_copies = out.all_copies = 1; break;
        case 's': synonyms = optarg; break;
        case 'h': fputs(usage, stdout); return 0;
        case 'V':
            printf("presscut-query %s (index schema %s)\n", presscut_version(),
                   presscut_schema_version());
            return 0;
        default:
            if (!mistake[0])
                option_error(c, argv[optind - 1], longopts, mistake, sizeof mistake);
            break;
        }
    }
    if (parse_color(color, &out.color) != 0)
        usage_mistake(mistake, "--color takes auto, always or never, not '%s'", color);
    if (!dbpath || !dbpath[0])
        usage_mistake(mistake, "no index given: use --db DIR or set PRESSCUT_DB");
    if (fuzzy && !quote)
        usage_mistake(mistake, "--fuzzy needs --quote");
    if (quote && (opts.offset || opts.articles || opts.sort || opts.snippet_chars ||
                  listing != LIST_HITS))
        usage_mistake(mistake, "--offset, --articles, --sort, --snippet-chars, --count and "
                      "--files do not apply to --quote");
    if (listing == LIST_FILES && out.json)
        usage_mistake(mistake, "--files lists files as text: leave out --json (or read "
                      "\"path\" from --json --articles)");
    if (words == argc)
        usage_mistake(mistake, "no query given; try --help");
    if (mistake[0])
        return fail(&out, "usage", mistake);
    if (listing == LIST_FILES)
        opts.articles = 1;
    if (listing == LIST_COUNT)
        opts.count_all = 1;

    presscut_db_t *db = NULL;
    char *msg = NULL;
    presscut_status_t st = presscut_db_open_opts(dbpath, &dbopts, &db, &msg);
    if (st != PRESSCUT_OK) {
        /* The library's messages name the index. */
        int rc = fail(&out, pc_json_status_name(st), msg ? msg : presscut_status_to_string(st));
        free(msg);
        return rc;
    }
    int rc;
    char *query = join_args(argc - words, argv + words);
    if (synonyms && synonyms[0] && (st = presscut_db_add_synonyms(db, synonyms)) != PRESSCUT_OK)
        rc = fail_db(&out, db, st);
    else if (!query)
        rc = fail(&out, pc_json_status_name(PRESSCUT_NOMEM), "out of memory");
    else if (quote)
        rc = run_quote(db, query,
                       &(presscut_quote_options_t){ .limit = limit_given ? opts.limit : 0,
                                                    .fuzzy = fuzzy },
                       &out);
    else
        rc = run_search(db, query, &opts, listing, &out);
    free(query);
    presscut_db_close(db);
    return rc;
}
