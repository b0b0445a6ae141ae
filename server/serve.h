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
/* Memory for one request's line and headers: a query at the library's
 * limit (65,536 bytes) fits, percent-encoded in part; a longer request is
 * refused by libmicrohttpd (414 or 431) with its own body, which 0.9.75
 * compiles in and lets no caller replace: no handler of ours runs. */
#define SERVE_MAX_REQUEST (192 * 1024)
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
