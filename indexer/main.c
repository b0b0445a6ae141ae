/* presscut-index: articles in, passages out. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "presscut.h"

/* sysexits.h's EX_TEMPFAIL: cron and systemd read it as "try again later". */
#define EXIT_LOCKED 75

static const char usage[] =
    "usage: presscut-index [--db DIR] [options] PATH...\n"
    "       presscut-index [--db DIR] --compact|--prune [options] [PATH...]\n"
    "       presscut-index [--db DIR] --stats [--json]\n"
    "\n"
    "Brings the index DIR (default: $PRESSCUT_DB) up to date with the articles\n"
    "under each PATH (.txt, .md, .html, .jsonl/.ndjson; directories recursively;\n"
    "'-' reads a JSON Lines feed from standard input): new articles are added,\n"
    "changed ones replaced, those of vanished files removed; unchanged ones cost\n"
    "a stat.\n"
    "\n"
    "  --db DIR            the index directory (created if missing)\n"
    "  --language LANG     language of the articles that name none, set when the\n"
    "                      index is made (default english; a name or ISO 639 code)\n"
    "  --shards N          a new index of N shard databases (DIR/shard-*, listed in\n"
    "                      the stub DIR/XAPIANDB); an index keeps its shard count\n"
    "  --full              re-index every article, changed or not\n"
    "  --jobs N            threads writing a new index (default: one per CPU, at\n"
    "                      most 4); 1 writes it in place, as every update is\n"
    "  --dry-run           report what would change, write nothing\n"
    "  --prune             then remove the articles of every indexed file that no\n"
    "                      longer exists, wherever it was; with no PATH, only that\n"
    "  --compact           then compact the index (into a copy beside it, swapped\n"
    "                      in when complete; needs room for it twice)\n"
    "  --wait-lock SECS    wait that long for another presscut-index (default 0)\n"
    "  --max-size BYTES    skip larger files (default 64M; K, M, G suffixes)\n"
    "  --stats             print what the index holds and exit; writes nothing\n"
    "                      and works while another presscut-index writes\n"
    "  --json              print the summary (or the stats) as one JSON object on\n"
    "                      stdout\n"
    "  -q, --quiet         print only problems\n"
    "  -h, --help          this text\n"
    "  --version           the version, and that of the index schema\n"
    "\n"
    "Exit status: 0 done, 1 done but some inputs were skipped, 2 error (among\n"
    "them a PATH that does not exist: the others are indexed, nothing is\n"
    "pruned), 75 the index is locked by another presscut-index.\n";

typedef struct cli {
    const char *db;
    const char *language;
    int full, dry_run, compact, prune, quiet, json, stats;
    double wait_lock;
    uint64_t max_size;
    unsigned shards, jobs;
} cli_t;

typedef struct bar {
    double start, last;
    int shown;
} bar_t;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A progress line redrawn in place, at most ten times a second. */
static void show_progress(void *ctx, const presscut_progress_t *p)
{
    bar_t *b = ctx;
    double t = now();
    if (t - b->last < 0.1 && p->files_done < p->files_total)
        return;
    b->last = t;
    b->shown = 1;
    double elapsed = t - b->start;
    double rate = elapsed > 0 ? (double)p->articles / elapsed : 0;
    double frac = p->bytes_total ? (double)p->bytes_done / (double)p->bytes_total : 1;
    char eta[32] = "";
    if (frac > 0 && frac < 1 && elapsed > 1)
        snprintf(eta, sizeof eta, ", ETA %.0f s", elapsed / frac - elapsed);
    int width = 30, fill = (int)(frac * width);
    fprintf(stderr, "\r[%.*s%*s] %" PRIu64 "/%" PRIu64 " files, %.0f articles/s%s\033[K",
            fill, "##############################", width - fill, "", p->files_done,
            p->files_total, rate, eta);
}

static int parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno || *s == '-')
        return -1;
    int shift = 0;
    switch (*end) {
    case 'K': case 'k': shift = 10; end++; break;
    case 'M': case 'm': shift = 20; end++; break;
    case 'G': case 'g': shift = 30; end++; break;
    default: break;
    }
    if (*end || v == 0 || v > (UINT64_MAX >> shift))
        return -1;
    *out = (uint64_t)v << shift;
    return 0;
}

/* --NAME N, 1 <= N <= max; complains on stderr otherwise. */
static int parse_count(const char *name, const char *arg, unsigned max, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 10);
    if (end == arg || *end || *arg == '-' || errno || v == 0 || v > max) {
        fprintf(stderr, "presscut-index: --%s needs a number from 1 to %u, not '%s'\n", name,
                max, arg);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

/* Writes s to stderr with control characters and bytes that are not UTF-8
 * escaped: a hostile file name must not drive the terminal. */
static void put_safe(const char *s)
{
    char *safe = presscut_escape(s, strlen(s), PRESSCUT_ESCAPE_CONTROLS);
    fputs(safe ? safe : "?", stderr);
    free(safe);
}

static int fail(presscut_status_t st, const char *what)
{
    fputs("presscut-index: ", stderr);
    put_safe(what);
    fputc('\n', stderr);
    return st == PRESSCUT_LOCKED ? EXIT_LOCKED : 2;
}

static void warn(void *ctx, const char *path, long line, const char *message)
{
    (void)ctx;
    fputs("presscut-index: ", stderr);
    put_safe(path);
    if (line > 0)
        fprintf(stderr, ":%ld", line);
    fputs(": ", stderr);
    put_safe(message);
    fputc('\n', stderr);
}

/* Xapian's lock is taken or refused at once: waiting is retrying. */
static presscut_status_t open_waiting(const cli_t *cli, const presscut_index_options_t *opts,
                                      presscut_index_t **ix, char **msg)
{
    double deadline = now() + cli->wait_lock;
    for (;;) {
        presscut_status_t st = presscut_index_open(cli->db, opts, ix, msg);
        if (st != PRESSCUT_LOCKED || now() >= deadline)
            return st;
        free(*msg);
        *msg = NULL;
        usleep(200 * 1000);
    }
}

static void print_summary(const cli_t *cli, const presscut_index_stats_t *s, double secs)
{
    if (cli->json) {
        printf("{\"added\":%" PRIu64 ",\"updated\":%" PRIu64 ",\"moved\":%" PRIu64
               ",\"removed\":%" PRIu64
               ",\"unchanged\":%" PRIu64 ",\"skipped\":%" PRIu64 ",\"passages\":%" PRIu64
               ",\"bytes\":%" PRIu64 ",\"seconds\":%.3f,\"dry_run\":%s",
               s->added, s->updated, s->moved, s->removed, s->unchanged, s->skipped,
               s->passages, s->bytes, secs, cli->dry_run ? "true" : "false");
        if (cli->compact)
            printf(",\"compact_before\":%" PRIu64 ",\"compact_after\":%" PRIu64,
                   s->compact_before, s->compact_after);
        printf("}\n");
        fflush(stdout);
    }
    if (cli->quiet)
        return;
    char compacted[96] = "";
    if (cli->compact)
        snprintf(compacted, sizeof compacted, "; compacted %.1f MB -> %.1f MB",
                 (double)s->compact_before / 1e6, (double)s->compact_after / 1e6);
    fprintf(stderr,
            "presscut-index: %sadded %" PRIu64 ", updated %" PRIu64 ", moved %" PRIu64
            ", removed %" PRIu64 ", unchanged %" PRIu64 ", skipped %" PRIu64 " in %.2f s%s\n",
            cli->dry_run ? "dry run, would have " : "", s->added, s->updated, s->moved,
            s->removed, s->unchanged, s->skipped, secs, compacted);
}

/* --stats: a reader's open, so another presscut-index's lock is no bar. */
static int show_stats(const cli_t *cli, int paths)
{
    if (paths || cli->compact || cli->prune || cli->full) {
        fputs("presscut-index: --stats takes no PATH and does no indexing\n", stderr);
        return 2;
    }
    char *msg = NULL;
    presscut_status_t st = presscut_index_describe(cli->db, cli->json, stdout, &msg);
    if (st != PRESSCUT_OK) {
        char line[1024];
        snprintf(line, sizeof line, "%s", msg ? msg : presscut_status_to_string(st));
        free(msg);
        return fail(st, line);
    }
    return fflush(stdout) == 0 ? 0 : 2;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "language", required_argument, NULL, 'l' },
        { "full", no_argument, NULL, 'F' },
        { "shards", required_argument, NULL, 's' },
        { "jobs", required_argument, NULL, 'J' },
        { "dry-run", no_argument, NULL, 'n' },
        { "compact", no_argument, NULL, 'C' },
        { "prune", no_argument, NULL, 'P' },
        { "wait-lock", required_argument, NULL, 'w' },
        { "max-size", required_argument, NULL, 'm' },
        { "json", no_argument, NULL, 'j' },
        { "stats", no_argument, NULL, 'S' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    cli_t cli = { .db = getenv("PRESSCUT_DB") };
    int c;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'd': cli.db = optarg; break;
        case 'l': cli.language = optarg; break;
        case 'F': cli.full = 1; break;
        case 's':
            if (parse_count("shards", optarg, 1024, &cli.shards) != 0)
                return 2;
            break;
        case 'J':
            if (parse_count("jobs", optarg, 64, &cli.jobs) != 0)
                return 2;
            break;
        case 'n': cli.dry_run = 1; break;
        case 'C': cli.compact = 1; break;
        case 'P': cli.prune = 1; break;
        case 'w':
            cli.wait_lock = strtod(optarg, &end);
            if (end == optarg || *end || cli.wait_lock < 0 || cli.wait_lock > 86400) {
                fprintf(stderr, "presscut-index: --wait-lock needs seconds, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'm':
            if (parse_size(optarg, &cli.max_size) != 0) {
                fprintf(stderr, "presscut-index: --max-size needs a size like 64M, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case 'j': cli.json = 1; break;
        case 'S': cli.stats = 1; break;
        case 'q': cli.quiet = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        case 'V':
            printf("presscut-index %s (index schema %s)\n", presscut_version(),
                   presscut_schema_version());
            return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (!cli.db || !cli.db[0]) {
        fputs("presscut-index: no index given: use --db DIR or set PRESSCUT_DB\n", stderr);
        return 2;
    }
    if (cli.stats)
        return show_stats(&cli, optind < argc);
    if (cli.compact && cli.dry_run) {
        fputs("presscut-index: --compact writes, --dry-run does not: give one of them\n", stderr);
        return 2;
    }
    struct stat sb;
    if ((cli.compact || cli.prune) && optind == argc && stat(cli.db, &sb) != 0) {
        fprintf(stderr, "presscut-index: no index at '%s' to %s: %s\n", cli.db,
                cli.compact ? "compact" : "prune", strerror(errno));
        return 2;
    }
    if (optind == argc && !cli.compact && !cli.prune) {
        fputs("presscut-index: no articles given\n", stderr);
        fputs(usage, stderr);
        return 2;
    }

    double t0 = now();
    bar_t bar = { .start = t0 };
    presscut_index_options_t opts = {
        .language = cli.language, .full = cli.full, .dry_run = cli.dry_run,
        .max_size = cli.max_size, .shards = cli.shards, .jobs = cli.jobs, .warn = warn,
    };
    if (!cli.quiet && isatty(STDERR_FILENO)) {
        opts.progress = show_progress;
        opts.progress_ctx = &bar;
    }
    presscut_index_t *ix = NULL;
    char *msg = NULL;
    presscut_status_t st = open_waiting(&cli, &opts, &ix, &msg);
    if (st != PRESSCUT_OK) {
        char line[1024];
        if (st == PRESSCUT_LOCKED)
            snprintf(line, sizeof line, "index '%s' is locked by another presscut-index; "
                     "try again later or use --wait-lock", cli.db);
        else
            snprintf(line, sizeof line, "cannot open index '%s': %s", cli.db,
                     msg ? msg : presscut_status_to_string(st));
        free(msg);
        return fail(st, line);
    }
    /* A missing PATH is an error, but not a reason to leave the others
     * stale: they are indexed, and the run exits 2. */
    int missing = 0;
    for (int i = optind; i < argc && st == PRESSCUT_OK; i++) {
        if (strcmp(argv[i], "-") == 0)
            st = presscut_index_add_stream(ix, stdin, "-");
        else
            st = presscut_index_add_path(ix, argv[i]);
        if (st == PRESSCUT_BAD_ARG) {
            fprintf(stderr, "presscut-index: %s\n", presscut_index_error(ix));
            missing++;
            st = PRESSCUT_OK;
        }
    }
    /* A missing PATH may be an unmounted share: its files look gone. */
    if (cli.prune && missing)
        fputs("presscut-index: not pruning: a PATH is missing\n", stderr);
    else if (cli.prune && st == PRESSCUT_OK)
        st = presscut_index_prune(ix);
    if (bar.shown)
        fputs("\r\033[K", stderr);
    if (st != PRESSCUT_OK) {
        char line[1024];
        snprintf(line, sizeof line, "indexing stopped: %s", presscut_index_error(ix));
        presscut_index_close(ix);
        return fail(st, line);
    }
    /* The counts are final once committed: a new index's threads are done. */
    st = cli.compact ? presscut_index_compact(ix) : presscut_index_commit(ix);
    if (st != PRESSCUT_OK) {
        char line[1024];
        snprintf(line, sizeof line, "cannot %s the index: %s",
                 cli.compact ? "compact" : "commit", presscut_index_error(ix));
        presscut_index_close(ix);
        return fail(st, line);
    }
    presscut_index_stats_t stats;
    presscut_index_get_stats(ix, &stats);
    /* Committed already: closing has nothing left to write, and a
     * failure here is the lock's release, with no more to say. */
    st = presscut_index_close(ix);
    if (st != PRESSCUT_OK) {
        char line[1024];
        snprintf(line, sizeof line, "cannot close the index '%s': %s", cli.db,
                 presscut_status_to_string(st));
        return fail(st, line);
    }
    print_summary(&cli, &stats, now() - t0);
    return missing ? 2 : stats.skipped ? 1 : 0;
}
