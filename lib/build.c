/* build: a new index written by several threads, then merged. */
#include "build.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "index.h"
#include "message.h"
#include "staging.h"
#include "xapian_c.h"

/* Text queued per worker while it is busy: bounds the memory a fast
 * reader can fill ahead of the writers. */
#define QUEUE_BYTES (4u << 20)

/* One article to write, or (article NULL) one file's catalog entry. */
typedef struct msg {
    struct msg *next;
    pc_article_t *article;
    uint64_t item_hash;
    pc_file_entry_t entry;
    size_t bytes;
    char file[];             /* the article's file or feed, or the cataloged path */
} msg_t;

typedef struct worker {
    presscut_index_t *ix;    /* the part's writer; this thread's alone */
    char *path;
    pthread_t thread;
    bool running;
    /* Under mu: the queue, and what the thread tells the others. */
    pthread_mutex_t mu;
    pthread_cond_t ready, space;
    msg_t *head, *tail;
    size_t bytes;
    bool closing, dropping;
    presscut_status_t st;
    char *err;
    presscut_index_stats_t stats;
} worker_t;

struct pc_build {
    pc_staging_t staging;    /* where the parts and their merge are written */
    worker_t *w;
    unsigned n;
    pthread_mutex_t warn_mu;
    presscut_warn_fn warn;
    void *warn_ctx;
    char *err;
};

void pc_build_warn(void *vb, const char *path, long line, const char *message)
{
    pc_build_t *b = vb;
    pthread_mutex_lock(&b->warn_mu);
    b->warn(b->warn_ctx, path, line, message);
    pthread_mutex_unlock(&b->warn_mu);
}

static presscut_status_t apply(worker_t *w, const msg_t *m)
{
    if (m->article)
        return pc_index_write_article(w->ix, m->article, m->file, m->item_hash);
    return pc_index_put_file(w->ix, m->file, &m->entry);
}

static void *work(void *vw)
{
    worker_t *w = vw;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->head && !w->closing)
            pthread_cond_wait(&w->ready, &w->mu);
        msg_t *m = w->head;
        if (!m)
            break;
        if (!(w->head = m->next))
            w->tail = NULL;
        w->bytes -= m->bytes;
        pthread_cond_signal(&w->space);
        /* After a failure the queue is only drained: the producer learns
         * of it at its next push. */
        bool write = w->st == PRESSCUT_OK && !w->dropping;
        pthread_mutex_unlock(&w->mu);
        presscut_status_t st = write ? apply(w, m) : PRESSCUT_OK;
        free(m->article);
        free(m);
        pthread_mutex_lock(&w->mu);
        if (write)
            presscut_index_get_stats(w->ix, &w->stats);
        if (st != PRESSCUT_OK) {
            w->st = st;
            w->err = strdup(presscut_index_error(w->ix));
        }
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

static presscut_status_t push(pc_build_t *b, const char *key, msg_t *m)
{
    worker_t *w = &b->w[XXH3_64bits(key, strlen(key)) % b->n];
    pthread_mutex_lock(&w->mu);
    while (w->st == PRESSCUT_OK && w->bytes > 0 && w->bytes + m->bytes > QUEUE_BYTES)
        pthread_cond_wait(&w->space, &w->mu);
    presscut_status_t st = w->st;
    if (st == PRESSCUT_OK) {
        if (w->tail)
            w->tail->next = m;
        else
            w->head = m;
        w->tail = m;
        w->bytes += m->bytes;
        pthread_cond_signal(&w->ready);
    } else {
        pc_message_set(&b->err, "%s", w->err ? w->err : presscut_status_to_string(st));
    }
    pthread_mutex_unlock(&w->mu);
    if (st != PRESSCUT_OK) {
        free(m->article);
        free(m);
    }
    return st;
}

static msg_t *new_msg(const char *file)
{
    size_t len = strlen(file);
    msg_t *m = calloc(1, sizeof *m + len + 1);
    if (m) {
        memcpy(m->file, file, len + 1);
        m->bytes = sizeof *m + len + 1;
    }
    return m;
}

presscut_status_t pc_build_article(pc_build_t *b, const pc_article_t *a, const char *file,
                                   uint64_t item_hash)
{
    msg_t *m = new_msg(file);
    if (!m || !(m->article = pc_article_dup(a))) {
        free(m);
        return PRESSCUT_NOMEM;
    }
    m->item_hash = item_hash;
    m->bytes += a->text_len;
    return push(b, a->id, m);
}

presscut_status_t pc_build_file(pc_build_t *b, const char *path, const pc_file_entry_t *e)
{
    msg_t *m = new_msg(path);
    if (!m)
        return PRESSCUT_NOMEM;
    m->entry = *e;
    return push(b, path, m);
}

void pc_build_add_stats(pc_build_t *b, presscut_index_stats_t *s)
{
    for (unsigned i = 0; i < b->n; i++) {
        worker_t *w = &b->w[i];
        pthread_mutex_lock(&w->mu);
        s->added += w->stats.added;
        s->updated += w->stats.updated;
        s->unchanged += w->stats.unchanged;
        s->passages += w->stats.passages;
        s->skipped += w->stats.skipped;
        pthread_mutex_unlock(&w->mu);
    }
}

const char *pc_build_error(const pc_build_t *b)
{
    return b->err ? b->err : "";
}

/* Lets every worker finish its queue (or drop it) and joins them. */
static void stop(pc_build_t *b, bool drop)
{
    for (unsigned i = 0; i < b->n; i++) {
        worker_t *w = &b->w[i];
        pthread_mutex_lock(&w->mu);
        w->closing = true;
        w->dropping = w->dropping || drop;
        pthread_cond_signal(&w->ready);
        pthread_mutex_unlock(&w->mu);
    }
    for (unsigned i = 0; i < b->n; i++) {
        if (b->w[i].running)
            pthread_join(b->w[i].thread, NULL);
        b->w[i].running = false;
    }
}

presscut_status_t pc_build_finish(pc_build_t *b)
{
    stop(b, false);
    presscut_status_t st = PRESSCUT_OK;
    for (unsigned i = 0; i < b->n; i++) {
        worker_t *w = &b->w[i];
        if (w->st != PRESSCUT_OK && st == PRESSCUT_OK) {
            st = w->st;
            pc_message_set(&b->err, "%s", w->err ? w->err : presscut_status_to_string(st));
        }
        /* Committed before it is closed: closing tells no reason. */
        presscut_status_t cst = st == PRESSCUT_OK ? presscut_index_commit(w->ix) : st;
        if (cst != PRESSCUT_OK && st == PRESSCUT_OK) {
            st = cst;
            pc_message_set(&b->err, "%s: cannot commit: %s", w->path,
                           presscut_index_error(w->ix));
        }
        cst = presscut_index_close(w->ix);
        w->ix = NULL;
        if (cst != PRESSCUT_OK && st == PRESSCUT_OK) {
            st = cst;
            pc_message_set(&b->err, "%s: cannot close: %s", w->path,
                           presscut_status_to_string(cst));
        }
    }
    if (st != PRESSCUT_OK)
        return st;
    const char **parts = malloc(b->n * sizeof *parts);
    char *merged = NULL, *m = NULL;
    if (!parts || asprintf(&merged, "%s/merged", b->staging.dir) < 0) {
        free(parts);
        return PRESSCUT_NOMEM;
    }
    for (unsigned i = 0; i < b->n; i++)
        parts[i] = b->w[i].path;
    st = xc_compact(parts, b->n, merged, &m);
    if (st != PRESSCUT_OK) {
        pc_message_set(&b->err, "cannot merge the parts of '%s': %s", b->staging.index,
                       m ? m : "");
    } else if ((st = pc_staging_swap(&b->staging, merged, true, &m)) != PRESSCUT_OK) {
        pc_message_set(&b->err, "%s", m ? m : presscut_status_to_string(st));
    }
    free(m);
    free(merged);
    free(parts);
    return st;
}

void pc_build_destroy(pc_build_t *b)
{
    if (!b)
        return;
    stop(b, true);   /* a worker empties its queue before it ends */
    for (unsigned i = 0; i < b->n; i++) {
        worker_t *w = &b->w[i];
        presscut_index_close(w->ix);
        free(w->path);
        free(w->err);
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->ready);
        pthread_cond_destroy(&w->space);
    }
    pc_staging_end(&b->staging);
    pthread_mutex_destroy(&b->warn_mu);
    free(b->w);
    free(b->err);
    free(b);
}

static presscut_status_t start_worker(pc_build_t *b, worker_t *w, const char *language,
                                      char **msg)
{
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->ready, NULL);
    pthread_cond_init(&w->space, NULL);
    presscut_status_t st = pc_index_open_part(w->path, language, pc_build_warn, b, &w->ix, msg);
    if (st != PRESSCUT_OK)
        return st;
    int err = pthread_create(&w->thread, NULL, work, w);
    if (err != 0) {
        if (asprintf(msg, "cannot start a thread: %s", strerror(err)) < 0)
            *msg = NULL;
        return PRESSCUT_INTERNAL;
    }
    w->running = true;
    return PRESSCUT_OK;
}

presscut_status_t pc_build_new(const char *index_path, const char *language, unsigned jobs,
                               presscut_warn_fn warn, void *warn_ctx, pc_build_t **out,
                               char **msg)
{
    pc_build_t *b = calloc(1, sizeof *b);
    if (!b)
        return PRESSCUT_NOMEM;
    pthread_mutex_init(&b->warn_mu, NULL);
    b->warn = warn;
    b->warn_ctx = warn_ctx;
    presscut_status_t st = pc_staging_begin(&b->staging, index_path, msg);
    if (st == PRESSCUT_OK && !(b->w = calloc(jobs, sizeof *b->w)))
        st = PRESSCUT_NOMEM;
    for (unsigned i = 0; i < jobs && st == PRESSCUT_OK; i++) {
        b->n++;
        if (asprintf(&b->w[i].path, "%s/part-%u", b->staging.dir, i) < 0) {
            b->w[i].path = NULL;
            st = PRESSCUT_NOMEM;
        } else {
            st = start_worker(b, &b->w[i], language, msg);
        }
    }
    if (st != PRESSCUT_OK) {
        pc_build_destroy(b);
        return st;
    }
    *out = b;
    return PRESSCUT_OK;
}
