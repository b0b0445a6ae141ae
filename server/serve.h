/* serve: the HTTP side of presscut-serve, on libmicrohttpd: routes, the
 * index handle of each worker thread, headers and limits. */
#ifndef PRESSCUT_SERVE_SERVE_H
#define PRESSCUT_SERVE_SERVE_H

#include <sys/socket.h>

#include "presscut.h"

/* Connections served at once; more wait in the listen queue. */
#define SERVE_MAX_CONNECTIONS 64
/* A connection idle this long (a slow or stalled client) is closed. */
#define SERVE_TIMEOUT_SECONDS 30
/* Once answered, a connection is kept this long for the client's next
 * request: an idle one holds one of the SERVE_MAX_CONNECTIONS places. */
#define SERVE_IDLE_SECONDS 5
/* A request's target (path and query string, as sent): room for a query
 * at the library's limit (65,536 bytes) percent-encoded throughout, and
 * the page's other arguments.  A longer one is answered 414 in the path's
 * own form (JSON under /api/, else the error page). */
#define SERVE_MAX_URL (200 * 1024)
/* Memory for one request in libmicrohttpd: its line, SERVE_MAX_URL long
 * at most, headers, and the answer's headers.  A request that does not
 * fit, a line longer than about 260 KiB or headers as large, is refused
 * by libmicrohttpd itself (414 or 431) with a one-line HTML body that
 * 0.9.75 compiles in and lets no caller replace: no handler of ours runs. */
#define SERVE_MAX_REQUEST (SERVE_MAX_URL + 64 * 1024)
/* Worker threads, each with its own handle on the index. */
#define SERVE_DEFAULT_THREADS 8
#define SERVE_MAX_THREADS 64

typedef struct serve_config {
    const char *db;              /* the index: a directory or a stub file */
    presscut_db_options_t dbopts;
    const char *synonyms;        /* a synonyms file, or NULL */
    unsigned threads;
} serve_config_t;

typedef struct serve serve_t;

/* Starts serving on addr; *port gets the port bound (addr may ask for 0).
 * Returns NULL, with a message in msg[cap], when it cannot. */
serve_t *serve_start(const serve_config_t *cfg, const struct sockaddr *addr, unsigned *port,
                     char *msg, size_t cap);

/* Finishes the requests under way, closes every handle. */
void serve_stop(serve_t *s);

#endif
