/* serve: libmicrohttpd in thread-pool mode; each worker thread keeps its
 * own handle on the index (a presscut_db_t is not shared between threads)
 * and brings it to the latest commit before each request. */
#include "serve.h"

#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "reply.h"
#include "resultjson.h"

struct serve {
    struct MHD_Daemon *mhd;
    serve_config_t cfg;
};

static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

static void close_db(void *db)
{
    presscut_db_close(db);
}

static void make_key(void)
{
    if (pthread_key_create(&db_key, close_db) != 0)
        abort();
}

/* This thread's handle, opened on first use and refreshed after: NULL
 * with *st and msg[cap] saying why when the index cannot be read. */
static presscut_db_t *thread_db(const serve_config_t *cfg, presscut_status_t *st, char *msg,
                                size_t cap)
{
    presscut_db_t *db = pthread_getspecific(db_key);
    char *m = NULL;
    if (db) {
        if ((*st = presscut_db_refresh(db)) == PRESSCUT_OK)
            return db;
        snprintf(msg, cap, "%s", presscut_db_error(db));
        return NULL;
    }
    if ((*st = presscut_db_open_opts(cfg->db, &cfg->dbopts, &db, &m)) != PRESSCUT_OK) {
        snprintf(msg, cap, "%s", m ? m : presscut_status_to_string(*st));
        free(m);
        return NULL;
    }
    if (cfg->synonyms && (*st = presscut_db_add_synonyms(db, cfg->synonyms)) != PRESSCUT_OK) {
        snprintf(msg, cap, "%s", presscut_db_error(db));
        presscut_db_close(db);
        return NULL;
    }
    pthread_setspecific(db_key, db);
    return db;
}

static enum MHD_Result take_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                size_t key_size, const char *value, size_t value_size)
{
    (void)kind, (void)key_size;
    params_take(cls, key, value, value_size);
    return MHD_YES;
}

/* A fresh nonce for the page's <style>: 18 random bytes in base64. */
static void make_nonce(char *out)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char r[18];
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
        abort();   /* the kernel's random source does not fail once booted */
    for (size_t i = 0; i < sizeof r; i += 3) {
        unsigned v = (unsigned)r[i] << 16 | (unsigned)r[i + 1] << 8 | r[i + 2];
        for (int k = 0; k < 4; k++)
            *out++ = b64[(v >> (18 - 6 * k)) & 63];
    }
    *out = '\0';
}

/* An error in the form the path's reader takes: JSON under /api/, the
 * HTML error page elsewhere. */
static void error_for(reply_t *r, const char *url, unsigned status, const char *name,
                      const char *message)
{
    if (strncmp(url, "/api/", 5) == 0)
        api_error(r, status, name, message);
    else
        page_error(r, status, message);
}

static void route(const serve_config_t *cfg, const char *url, params_t *p, reply_t *r)
{
    bool known = !strcmp(url, "/") || !strcmp(url, "/article") ||
                 !strcmp(url, "/api/search") || !strcmp(url, "/api/quote");
    if (!known) {
        error_for(r, url, 404, "not_found",
                  strncmp(url, "/api/", 5) == 0 ? "no such API: /api/search and /api/quote"
                                                : "no such page");
        return;
    }
    presscut_status_t st;
    char msg[1024];
    presscut_db_t *db = thread_db(cfg, &st, msg, sizeof msg);
    if (!db) {
        error_for(r, url, reply_status_for(st), pc_json_status_name(st), msg);
        return;
    }
    if (!strcmp(url, "/api/search"))
        api_search(db, p, r);
    else if (!strcmp(url, "/api/quote"))
        api_quote(db, p, r);
    else if (!strcmp(url, "/article"))
        page_article(db, p, r);
    else
        page_search(db, p, r);
}

static enum MHD_Result queue(struct MHD_Connection *c, reply_t *r, const char *allow)
{
    if (r->body.failed) {
        free(r->body.p);
        r->body = (sbuf_t){ 0 };
        r->status = 500;
        r->type = "text/plain; charset=utf-8";
        sb_puts(&r->body, "out of memory\n");
        if (r->body.failed)
            return MHD_NO;
    }
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(r->body.len, r->body.p, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(r->body.p);
        return MHD_NO;
    }
    char csp[256];
    snprintf(csp, sizeof csp,
             "default-src 'none'; style-src 'nonce-%s'; img-src 'self'; form-action 'self'; "
             "base-uri 'none'; frame-ancestors 'none'", r->nonce);
    MHD_add_response_header(resp, "Content-Type", r->type);
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (allow)
        MHD_add_response_header(resp, "Allow", allow);
    /* Kept for the client's next request, but not the 30 s a slow one
     * may take: browsers leave connections idle, each holding a place. */
    MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT, (unsigned)SERVE_IDLE_SECONDS);
    enum MHD_Result ret = MHD_queue_response(c, r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Where a request stands, kept in libmicrohttpd's pointer for it:
 * url_seen() sets one of `seen`, handle() moves it on to `read` once the
 * request's headers are in. */
typedef struct progress {
    bool url_too_long;           /* its path and query string pass SERVE_MAX_URL */
    bool headers_read;
} progress_t;

static const progress_t seen[2] = { { false, false }, { true, false } };
static const progress_t read_in[2] = { { false, true }, { true, true } };

/* The request line's target, as sent, before libmicrohttpd decodes it:
 * the one place its length is known. */
static void *url_seen(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls, (void)c;
    return (void *)&seen[strlen(uri) > SERVE_MAX_URL];
}

/* libmicrohttpd calls this once the headers are in, then once per piece
 * of a body, then once more: answering at the first call would make it
 * close the connection (a body might follow), so a GET or HEAD is
 * answered at the last, and the connection kept for the client's next
 * request. */
static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state)
{
    (void)version, (void)upload;
    const serve_t *s = cls;
    const progress_t *pg = *state;
    bool reads = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    if (!pg->headers_read && reads) {
        *state = (void *)&read_in[pg->url_too_long];
        return MHD_YES;
    }
    if (*upload_size) {
        *upload_size = 0;        /* a body means nothing to a GET */
        return MHD_YES;
    }
    reply_t r = { .status = 200, .type = "text/html; charset=utf-8" };
    make_nonce(r.nonce);
    if (pg->url_too_long) {
        char msg[128];
        snprintf(msg, sizeof msg, "the request is too long: its URL passes %d bytes",
                 SERVE_MAX_URL);
        error_for(&r, url, 414, "too_long", msg);
        return queue(c, &r, NULL);
    }
    if (!reads) {
        /* Answered before any body is read: libmicrohttpd then closes. */
        error_for(&r, url, 405, "method", "this server only reads: GET and HEAD");
        return queue(c, &r, "GET, HEAD");
    }
    params_t p;
    params_init(&p);
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, take_arg, &p);
    route(&s->cfg, url, &p, &r);
    return queue(c, &r, NULL);
}

serve_t *serve_start(const serve_config_t *cfg, const struct sockaddr *addr, unsigned *port,
                     char *msg, size_t cap)
{
    pthread_once(&db_key_once, make_key);
    serve_t *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(msg, cap, "out of memory");
        return NULL;
    }
    s->cfg = *cfg;
    /* MHD_USE_ITC: serve_stop() wakes each worker through a channel of its
     * own.  Without it libmicrohttpd counts on shutting the listening
     * socket down to wake them, and once left 6 of 8 workers asleep in
     * epoll_wait() for ten minutes after SIGTERM. */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC;
    if (addr->sa_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    errno = 0;
    s->mhd = MHD_start_daemon(flags, 0, NULL, NULL, handle, s,
                              MHD_OPTION_SOCK_ADDR, addr,
                              MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
                              MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONNECTIONS,
                              MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_TIMEOUT_SECONDS,
                              MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_MAX_REQUEST,
                              MHD_OPTION_URI_LOG_CALLBACK, url_seen, NULL,
                              MHD_OPTION_END);
    if (!s->mhd) {
        snprintf(msg, cap, "cannot listen there: %s",
                 errno ? strerror(errno) : "the address is taken or not this machine's");
        free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
    *port = info ? info->port : 0;
    return s;
}

void serve_stop(serve_t *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->mhd);
    free(s);
}
