/* presscut-serve: the search page and a JSON API over a presscut index. */
#include <getopt.h>
#include <limits.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "presscut.h"
#include "serve.h"

static const char usage[] =
    "usage: presscut-serve [--db DIR] [--listen HOST:PORT] [--threads N]\n"
    "\n"
    "Serves the index DIR (default: $PRESSCUT_DB) over HTTP, read only: a search\n"
    "page at /, articles at /article?id=ID, and a JSON API:\n"
    "  GET /api/search?q=QUERY&limit=N&offset=N&articles=1&sort=date\n"
    "  GET /api/quote?text=TEXT&fuzzy=1&limit=N\n"
    "Each request reads the index's latest commit: run presscut-index beside it.\n"
    "\n"
    "  --db DIR           the index (a directory or a Xapian stub file)\n"
    "  --listen HOST:PORT where to listen (default 127.0.0.1:8080: this machine\n"
    "                     only; [::1]:8080 for IPv6, port 0 for any free port)\n"
    "  --threads N        requests served at once (default 8, at most 64)\n"
    "  --allow-partial    when shards of a stub cannot be reached, search the others\n"
    "  --timeout MS       remote shards: connect and answer within MS milliseconds\n"
    "  --synonyms FILE    more synonyms (default: $PRESSCUT_SYNONYMS)\n"
    "  -h, --help         this text\n"
    "  --version          the version, and that of the index schema\n"
    "\n"
    "It says where it listens on stderr, and stops on SIGINT or SIGTERM.\n"
    "Exit status: 0 after a signal, 2 on an error.\n";

static int fail(const char *fmt, const char *arg)
{
    fputs("presscut-serve: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    return 2;
}

static int parse_count(const char *s, unsigned max, unsigned *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 1 || v > (long)max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* HOST:PORT or [V6]:PORT, resolved; *res for freeaddrinfo(). */
static int resolve(const char *listen, struct addrinfo **res)
{
    char host[256];
    const char *colon = strrchr(listen, ':');
    const char *h = listen;
    size_t len = colon ? (size_t)(colon - listen) : 0;
    if (!colon || len >= sizeof host || !colon[1])
        return -1;
    if (h[0] == '[' && len >= 2 && h[len - 1] == ']') {
        h++;
        len -= 2;
    }
    memcpy(host, h, len);
    host[len] = '\0';
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
    return getaddrinfo(len ? host : NULL, colon + 1, &hints, res) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "db", required_argument, NULL, 'd' },
        { "listen", required_argument, NULL, 'L' },
        { "threads", required_argument, NULL, 'T' },
        { "allow-partial", no_argument, NULL, 'P' },
        { "timeout", required_argument, NULL, 't' },
        { "synonyms", required_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    serve_config_t cfg = { .db = getenv("PRESSCUT_DB"), .synonyms = getenv("PRESSCUT_SYNONYMS"),
                           .threads = SERVE_DEFAULT_THREADS };
    const char *listen = "127.0.0.1:8080";
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': cfg.db = optarg; break;
        case 'L': listen = optarg; break;
        case 'T':
            if (parse_count(optarg, SERVE_MAX_THREADS, &cfg.threads) != 0)
                return fail("--threads takes 1 to 64, not '%s'", optarg);
            break;
        case 'P': cfg.dbopts.allow_partial = 1; break;
        case 't':
            if (parse_count(optarg, INT_MAX, &cfg.dbopts.timeout_ms) != 0)
                return fail("--timeout needs milliseconds, not '%s'", optarg);
            break;
        case 's': cfg.synonyms = optarg; break;
        case 'h': fputs(usage, stdout); return 0;
        case 'V':
            printf("presscut-serve %s (index schema %s)\n", presscut_version(),
                   presscut_schema_version());
            return 0;
        case ':': return fail("option '%s' needs a value; try --help", argv[optind - 1]);
        default: return fail("unknown option '%s'; try --help", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return fail("unexpected argument '%s'; try --help", argv[optind]);
    if (!cfg.db || !cfg.db[0])
        return fail("%s", "no index given: use --db DIR or set PRESSCUT_DB");
    if (cfg.synonyms && !cfg.synonyms[0])
        cfg.synonyms = NULL;
    struct addrinfo *ai = NULL;
    if (resolve(listen, &ai) != 0)
        return fail("--listen takes HOST:PORT (127.0.0.1:8080, [::1]:8080), not '%s'", listen);

    /* Open once here: a wrong --db is said at start, not at the first request. */
    presscut_db_t *db = NULL;
    char *msg = NULL;
    presscut_status_t st = presscut_db_open_opts(cfg.db, &cfg.dbopts, &db, &msg);
    presscut_db_close(db);
    if (st != PRESSCUT_OK) {
        int rc = fail("%s", msg ? msg : presscut_status_to_string(st));
        free(msg);
        freeaddrinfo(ai);
        return rc;
    }

    /* The workers inherit the mask: the signals come to sigwait() alone. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    char why[256];
    unsigned port = 0;
    serve_t *s = serve_start(&cfg, ai->ai_addr, &port, why, sizeof why);
    char host[NI_MAXHOST] = "";
    getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof host, NULL, 0, NI_NUMERICHOST);
    freeaddrinfo(ai);
    if (!s) {
        fprintf(stderr, "presscut-serve: %s: %s\n", listen, why);
        return 2;
    }
    fprintf(stderr, "presscut-serve: listening on http://%s%s%s:%u/\n",
            strchr(host, ':') ? "[" : "", host, strchr(host, ':') ? "]" : "", port);
    int sig;
    sigwait(&stop, &sig);
    serve_stop(s);
    fprintf(stderr, "presscut-serve: stopped by %s\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return 0;
}
