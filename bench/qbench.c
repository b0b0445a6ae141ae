/* qbench: query latency for `make bench`.
 *
 *   qbench --db DB [--repeat R] [--limit N] QUERIES
 *       warm and in-process, over the public API: opens DB once, runs every
 *       query once to warm up, then R times (default 5)
 *   qbench --exec [--repeat R] QUERIES -- PROGRAM ARG... {} ...
 *       per process: runs PROGRAM once per query, {} replaced by the query,
 *       output discarded; one warm-up pass, then R passes (default 3)
 *
 * QUERIES is a file with one query per line.  A query's latency is the
 * median of its R runs; prints one line
 *   queries N found N p50_ms X p95_ms X max_ms X
 * where "found" counts queries with at least one hit (in-process) or whose
 * program exited 0 (per process).  Exit status 0, or 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "presscut.h"

extern char **environ;

typedef struct {
    char **q;
    size_t n;
} queries_t;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest rank: the smallest value with at least p% of the values at or below it. */
static double percentile(const double *sorted, size_t n, double p)
{
    size_t k = (size_t)ceil(p / 100.0 * (double)n);
    return sorted[k ? k - 1 : 0];
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "qbench: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

static queries_t load_queries(const char *path)
{
    queries_t qs = {NULL, 0};
    size_t cap = 0;
    FILE *f = fopen(path, "r");
    if (!f) die("cannot read queries", strerror(errno));
    char *line = NULL;
    size_t len = 0;
    ssize_t got;
    while ((got = getline(&line, &len, f)) > 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (got == 0) continue;
        if (qs.n == cap) {
            cap = cap ? 2 * cap : 64;
            qs.q = realloc(qs.q, cap * sizeof *qs.q);
            if (!qs.q) die("out of memory", NULL);
        }
        if (!(qs.q[qs.n++] = strdup(line))) die("out of memory", NULL);
    }
    free(line);
    fclose(f);
    if (qs.n == 0) die("no queries in", path);
    return qs;
}

static int run_in_process(presscut_db_t *db, const char *query, unsigned limit)
{
    presscut_search_options_t opts = {0};
    presscut_results_t *res = NULL;
    opts.limit = limit;
    presscut_status_t st = presscut_db_search(db, query, &opts, &res);
    if (st == PRESSCUT_EMPTY) return 0;
    if (st != PRESSCUT_OK) {
        fprintf(stderr, "qbench: query '%s': %s\n", query, presscut_db_error(db));
        return 0;
    }
    int found = presscut_results_count(res) > 0;
    presscut_results_destroy(res);
    return found;
}

/* Runs argv with every "{}" replaced by the query; returns 1 when it exited 0. */
static int run_process(char **argv, int argc, const char *query)
{
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args) die("out of memory", NULL);
    for (int i = 0; i < argc; i++)
        args[i] = strcmp(argv[i], "{}") == 0 ? (char *)query : argv[i];
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, args[0], &fa, NULL, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    free(args);
    if (rc != 0) die("cannot run", strerror(rc));
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) die("waitpid", strerror(errno));
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(int argc, char **argv)
{
    const char *dbpath = NULL, *qfile = NULL;
    int exec_mode = 0, repeat = 0, cmd_at = 0;
    unsigned limit = 10;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) dbpath = argv[++i];
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = atoi(argv[++i]);
        else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc) limit = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--exec") == 0) exec_mode = 1;
        else if (strcmp(argv[i], "--") == 0) { cmd_at = i + 1; break; }
        else if (argv[i][0] == '-') die("unknown option", argv[i]);
        else qfile = argv[i];
    }
    if (!qfile || (exec_mode ? cmd_at == 0 || cmd_at >= argc : !dbpath))
        die("usage: qbench --db DB [--repeat R] [--limit N] QUERIES\n"
            "       qbench --exec [--repeat R] QUERIES -- PROGRAM ARG... {} ...", NULL);
    if (repeat <= 0) repeat = exec_mode ? 3 : 5;

    queries_t qs = load_queries(qfile);
    presscut_db_t *db = NULL;
    if (!exec_mode) {
        char *msg = NULL;
        if (presscut_db_open(dbpath, &db, &msg) != PRESSCUT_OK) die("cannot open index", msg);
    }

    double *samples = malloc((size_t)repeat * sizeof *samples);
    double *lat = malloc(qs.n * sizeof *lat);
    if (!samples || !lat) die("out of memory", NULL);
    size_t found = 0;
    for (size_t i = 0; i < qs.n; i++)   /* warm-up: page cache, Xapian's caches */
        found += exec_mode ? run_process(argv + cmd_at, argc - cmd_at, qs.q[i])
                           : run_in_process(db, qs.q[i], limit);
    for (size_t i = 0; i < qs.n; i++) {
        for (int r = 0; r < repeat; r++) {
            double t0 = now_ms();
            if (exec_mode) run_process(argv + cmd_at, argc - cmd_at, qs.q[i]);
            else run_in_process(db, qs.q[i], limit);
            samples[r] = now_ms() - t0;
        }
        qsort(samples, (size_t)repeat, sizeof *samples, cmp_double);
        lat[i] = samples[repeat / 2];
    }
    qsort(lat, qs.n, sizeof *lat, cmp_double);
    printf("queries %zu found %zu p50_ms %.3f p95_ms %.3f max_ms %.3f\n", qs.n, found,
           percentile(lat, qs.n, 50), percentile(lat, qs.n, 95), lat[qs.n - 1]);

    presscut_db_close(db);
    for (size_t i = 0; i < qs.n; i++) free(qs.q[i]);
    free(qs.q);
    free(samples);
    free(lat);
    return 0;
}
