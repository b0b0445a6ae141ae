/* xapian_c.cc: the C ABI of lib/xapian_c.h over Xapian 1.4.
 *
 * Why C++ here: Xapian only has a C++ API, and this is the one C++ corner of
 * the tree; everything else is C11.  Exceptions stop here: every extern "C"
 * entry point runs its body through guard() (or make()), which catches
 * everything -- Xapian::Error subclasses, std::bad_alloc, any other
 * exception -- and turns it into a presscut_status_t plus a message kept on
 * the handle.  Nothing may throw out of this file: the C callers cannot
 * unwind, and the functions are declared noexcept.
 */
#include "xapian_c.h"

#include <libstemmer.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <vector>

namespace {

/* The message of a handle's last failure.  malloc'ed rather than a
 * std::string so that recording it never throws. */
class ErrBuf {
public:
    ErrBuf() noexcept = default;
    ErrBuf(const ErrBuf &) = delete;
    ErrBuf &operator=(const ErrBuf &) = delete;
    ~ErrBuf() { std::free(msg_); }

    void clear() noexcept
    {
        std::free(msg_);
        msg_ = nullptr;
        lost_ = false;
    }
    void set(const char *m) noexcept
    {
        clear();
        msg_ = strdup(m ? m : "");
        lost_ = msg_ == nullptr;
    }
    const char *get() const noexcept
    {
        if (msg_)
            return msg_;
        return lost_ ? "out of memory (while recording an error)" : "";
    }
    /* Hands the malloc'ed message to the caller (for the char **msg of the
     * open functions).  NULL when even that could not be allocated. */
    char *take() noexcept
    {
        char *m = msg_ ? msg_ : strdup(get());
        msg_ = nullptr;
        lost_ = false;
        return m;
    }

private:
    char *msg_ = nullptr;
    bool lost_ = false;
};

/* An error this file detects itself (a NULL argument, an index out of
 * range); thrown inside a guard() body only. */
struct Fail {
    presscut_status_t status;
    const char *msg;
};

presscut_status_t fail(ErrBuf *err, presscut_status_t st, const char *msg) noexcept
{
    if (err)
        err->set(msg);
    return st;
}

/* The message is Xapian's own, without the class name ("DatabaseNotFoundError:
 * ..."): the status already says what kind of failure it was, and callers
 * put the message in plain words before a user sees it. */
presscut_status_t xfail(ErrBuf *err, presscut_status_t st, const Xapian::Error &e) noexcept
{
    try {
        std::string d = e.get_msg();
        if (e.get_error_string())
            d += std::string(d.empty() ? "" : ": ") + e.get_error_string();
        return fail(err, st, d.c_str());
    } catch (...) {
        return fail(err, st, e.get_type());
    }
}

/* Maps the exception being handled to a status and a message on err (when
 * not NULL).  Xapian::Error is not polymorphic, so the classification is
 * done by rethrowing; the order matters: DatabaseVersionError and
 * DatabaseNotFoundError derive from DatabaseOpeningError, and
 * NetworkTimeoutError from NetworkError. */
presscut_status_t map_current(ErrBuf *err) noexcept
{
    try {
        throw;
    } catch (const Fail &f) {
        return fail(err, f.status, f.msg);
    } catch (const Xapian::DatabaseLockError &e) {
        return xfail(err, PRESSCUT_LOCKED, e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return xfail(err, PRESSCUT_RETRY, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return xfail(err, PRESSCUT_CORRUPT, e);
    } catch (const Xapian::DatabaseVersionError &e) {
        return xfail(err, PRESSCUT_VERSION, e);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return xfail(err, PRESSCUT_NO_INDEX, e);
    } catch (const Xapian::DatabaseOpeningError &e) {   /* e.g. a stub file's "Bad line" */
        return xfail(err, PRESSCUT_NOT_INDEX, e);
    } catch (const Xapian::NetworkError &e) {           /* and NetworkTimeoutError */
        return xfail(err, PRESSCUT_NETWORK, e);
    } catch (const Xapian::QueryParserError &e) {
        return xfail(err, PRESSCUT_BAD_QUERY, e);
    } catch (const Xapian::WildcardError &e) {
        return xfail(err, PRESSCUT_WILDCARD, e);
    } catch (const Xapian::InvalidArgumentError &e) {
        return xfail(err, PRESSCUT_BAD_ARG, e);
    } catch (const Xapian::InvalidOperationError &e) {
        return xfail(err, PRESSCUT_BAD_ARG, e);
    } catch (const Xapian::Error &e) {
        return xfail(err, PRESSCUT_INTERNAL, e);
    } catch (const std::bad_alloc &) {
        return fail(err, PRESSCUT_NOMEM, "out of memory");
    } catch (const std::exception &e) {
        return fail(err, PRESSCUT_INTERNAL, e.what());
    } catch (...) {
        return fail(err, PRESSCUT_INTERNAL, "unknown C++ exception");
    }
}

/* Runs body (a callable returning void); whatever it throws becomes a
 * status and, when err is not NULL, a message on err. */
template <class F>
presscut_status_t guard(ErrBuf *err, F &&body) noexcept
{
    if (err)
        err->clear();
    try {
        body();
        return PRESSCUT_OK;
    } catch (...) {
        return map_current(err);
    }
}

/* For constructors without a handle to report on: body returns a pointer,
 * and any exception gives NULL. */
template <class F>
auto make(F &&body) noexcept -> decltype(body())
{
    try {
        return body();
    } catch (...) {
        return nullptr;
    }
}

void need(const void *p, const char *what)
{
    if (!p)
        throw Fail{PRESSCUT_BAD_ARG, what};
}

/* A NUL-terminated malloc'ed copy of s, its real length in *len. */
void copy_out(const std::string &s, char **out, size_t *len)
{
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p)
        throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    *out = p;
    if (len)
        *len = s.size();
}

/* An open function's handle-less error, handed to the caller's *msg. */
presscut_status_t give_msg(presscut_status_t st, ErrBuf &eb, char **msg) noexcept
{
    if (st != PRESSCUT_OK && msg)
        *msg = eb.take();
    return st;
}

/* Terms of exactly one prefix: Xapian's prefixes are capitals, so "Z"
 * takes "Zcabl" but not "ZScabl". */
class PrefixDecider : public Xapian::ExpandDecider {
public:
    explicit PrefixDecider(const char *p) : prefix_(p) {}
    bool operator()(const std::string &term) const override
    {
        return term.compare(0, prefix_.size(), prefix_) == 0 &&
               !(term.size() > prefix_.size() && term[prefix_.size()] >= 'A' &&
                 term[prefix_.size()] <= 'Z');
    }

private:
    std::string prefix_;
};

} // namespace

struct xc_wdb {
    explicit xc_wdb(const Xapian::WritableDatabase &d) : db(d) {}
    Xapian::WritableDatabase db;
    bool in_txn = false;
    ErrBuf err;
};

struct xc_rdb {
    explicit xc_rdb(const Xapian::Database &d) : db(d) {}
    Xapian::Database db;
    ErrBuf err;
};

struct xc_doc {
    Xapian::Document doc;
};

struct xc_query {
    Xapian::Query q;
};

struct xc_enquire {
    explicit xc_enquire(const Xapian::Database &d) : db(d), enq(d) {}
    Xapian::Database db;
    Xapian::Enquire enq;
    ErrBuf err;
};

struct xc_mset {
    Xapian::MSet m;
};

struct xc_stem {
    Xapian::Stem stem;
    std::string language;
};

namespace {

/* A stemmer of Debian's libstemmer (Snowball 2.2), for the languages
 * Xapian 1.4 lacks: Serbian, Greek, Hindi, Yiddish.  An sb_stemmer is not
 * thread-safe; each one belongs to one Xapian::Stem, as an xc_stem_t
 * belongs to one thread. */
class SnowballStem : public Xapian::StemImplementation {
public:
    SnowballStem(sb_stemmer *sb, const std::string &language) : sb_(sb), language_(language) {}
    SnowballStem(const SnowballStem &) = delete;
    SnowballStem &operator=(const SnowballStem &) = delete;
    ~SnowballStem() override { sb_stemmer_delete(sb_); }

    std::string operator()(const std::string &word) override
    {
        const sb_symbol *s = sb_stemmer_stem(sb_, reinterpret_cast<const sb_symbol *>(word.data()),
                                             static_cast<int>(word.size()));
        if (!s)
            throw std::bad_alloc();
        return std::string(reinterpret_cast<const char *>(s),
                           static_cast<size_t>(sb_stemmer_length(sb_)));
    }
    std::string get_description() const override { return language_; }

private:
    sb_stemmer *sb_;
    std::string language_;
};

/* Xapian's stemmer of language when it has one (its stems are what every
 * index before libstemmer holds), else libstemmer's. */
Xapian::Stem make_stem(const std::string &language)
{
    try {
        return Xapian::Stem(language);
    } catch (const Xapian::InvalidArgumentError &) {
        sb_stemmer *sb = sb_stemmer_new(language.c_str(), "UTF_8");
        if (!sb)
            throw;
        return Xapian::Stem(new SnowballStem(sb, language));
    }
}

} // namespace

/* Helpers over the handles above; outside extern "C" since they return
 * C++ types. */
namespace {
std::string doc_term(const xc_doc_t *doc, const char *term, size_t len)
{
    need(doc, "document is NULL");
    if (!term || !len)
        throw Fail{PRESSCUT_BAD_ARG, "empty term"};
    return std::string(term, len);
}

/* Calls fn with each metadata key of d starting with prefix, until fn
 * returns non-zero: for writers and readers alike. */
void each_metadata_key(const Xapian::Database &d, const char *prefix,
                       int (*fn)(void *ctx, const char *key, size_t len), void *ctx)
{
    std::string p = prefix ? prefix : "";
    for (Xapian::TermIterator it = d.metadata_keys_begin(p); it != d.metadata_keys_end(p);
         ++it) {
        std::string k = *it;
        if (fn(ctx, k.c_str(), k.size()))
            break;
    }
}

/* The i-th entry of m; throws Fail when there is none. */
Xapian::MSetIterator mset_at(const xc_mset_t *m, size_t i)
{
    need(m, "mset is NULL");
    if (i >= m->m.size())
        throw Fail{PRESSCUT_BAD_ARG, "mset index out of range"};
    return m->m[static_cast<Xapian::doccount>(i)];
}
} // namespace

extern "C" {

/* ---- writable database ---- */

presscut_status_t xc_wdb_open(const char *path, xc_open_mode_t mode,
                              xc_wdb_t **out, char **msg) noexcept
{
    ErrBuf eb;
    presscut_status_t st = guard(&eb, [&] {
        need(out, "xc_wdb_open: out is NULL");
        *out = nullptr;
        need(path, "xc_wdb_open: path is NULL");
        int flags;
        switch (mode) {
        case XC_CREATE_OR_OPEN:
            flags = Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS;
            break;
        case XC_CREATE_OR_OVERWRITE:
            flags = Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS;
            break;
        case XC_OPEN:
            flags = Xapian::DB_OPEN;
            break;
        case XC_CREATE_SCRATCH:
            flags = Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS |
                    Xapian::DB_NO_SYNC;
            break;
        case XC_IN_MEMORY:
            flags = Xapian::DB_BACKEND_INMEMORY;
            break;
        default:
            throw Fail{PRESSCUT_BAD_ARG, "xc_wdb_open: unknown open mode"};
        }
        xc_wdb *db = new xc_wdb(Xapian::WritableDatabase(mode == XC_IN_MEMORY ? "" : path, flags));
        *out = db;
    });
    return give_msg(st, eb, msg);
}

presscut_status_t xc_wdb_close(xc_wdb_t *db) noexcept
{
    if (!db)
        return PRESSCUT_OK;
    presscut_status_t st = guard(&db->err, [&] {
        if (db->in_txn) {
            db->in_txn = false;
            db->db.cancel_transaction();
        } else {
            db->db.commit();
        }
    });
    /* close() releases the lock; if the commit above failed it may try
     * again and fail the same way: report the first failure only. */
    presscut_status_t cst = guard(nullptr, [&] { db->db.close(); });
    if (st == PRESSCUT_OK)
        st = cst;
    delete db;
    return st;
}

const char *xc_wdb_error(const xc_wdb_t *db) noexcept
{
    return db ? db->err.get() : "";
}

presscut_status_t xc_wdb_add(xc_wdb_t *db, const xc_doc_t *doc, unsigned *docid) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(doc, "xc_wdb_add: doc is NULL");
        Xapian::docid id = db->db.add_document(doc->doc);
        if (docid)
            *docid = id;
    });
}

presscut_status_t xc_wdb_delete_term(xc_wdb_t *db, const char *term) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(term, "xc_wdb_delete_term: term is NULL");
        db->db.delete_document(term);
    });
}

presscut_status_t xc_wdb_commit(xc_wdb_t *db) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] { db->db.commit(); });
}

presscut_status_t xc_wdb_begin(xc_wdb_t *db) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        db->db.begin_transaction(true);
        db->in_txn = true;
    });
}

presscut_status_t xc_wdb_end(xc_wdb_t *db) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        /* Xapian ends the transaction even when committing it throws. */
        db->in_txn = false;
        db->db.commit_transaction();
    });
}

presscut_status_t xc_wdb_cancel(xc_wdb_t *db) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        db->in_txn = false;
        db->db.cancel_transaction();
    });
}

presscut_status_t xc_wdb_set_metadata(xc_wdb_t *db, const char *key,
                                      const char *value, size_t len) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(key, "xc_wdb_set_metadata: key is NULL");
        if (len)
            need(value, "xc_wdb_set_metadata: value is NULL");
        db->db.set_metadata(key, len ? std::string(value, len) : std::string());
    });
}

presscut_status_t xc_wdb_get_metadata(xc_wdb_t *db, const char *key,
                                      char **value, size_t *len) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(key, "xc_wdb_get_metadata: key is NULL");
        need(value, "xc_wdb_get_metadata: value is NULL");
        copy_out(db->db.get_metadata(key), value, len);
    });
}

presscut_status_t xc_wdb_metadata_keys(xc_wdb_t *db, const char *prefix,
                                       int (*fn)(void *ctx, const char *key, size_t len),
                                       void *ctx) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(reinterpret_cast<const void *>(fn), "xc_wdb_metadata_keys: fn is NULL");
        each_metadata_key(db->db, prefix, fn, ctx);
    });
}

presscut_status_t xc_wdb_each_doc(xc_wdb_t *db, const char *term,
                                  presscut_status_t (*fn)(void *ctx, xc_doc_t *doc),
                                  void *ctx) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    presscut_status_t result = PRESSCUT_OK;
    presscut_status_t st = guard(&db->err, [&] {
        need(term, "xc_wdb_each_doc: term is NULL");
        need(reinterpret_cast<const void *>(fn), "xc_wdb_each_doc: fn is NULL");
        /* The ids first: fn may add to this very database. */
        std::vector<Xapian::docid> ids(db->db.postlist_begin(term), db->db.postlist_end(term));
        for (Xapian::docid id : ids) {
            xc_doc copy{db->db.get_document(id)};
            if ((result = fn(ctx, &copy)) != PRESSCUT_OK)
                break;
        }
    });
    return st != PRESSCUT_OK ? st : result;
}

presscut_status_t xc_wdb_termfreq(xc_wdb_t *db, const char *term, unsigned *freq) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(term, "xc_wdb_termfreq: term is NULL");
        need(freq, "xc_wdb_termfreq: freq is NULL");
        *freq = db->db.get_termfreq(term);
    });
}

presscut_status_t xc_wdb_doccount(xc_wdb_t *db, unsigned *count) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(count, "xc_wdb_doccount: count is NULL");
        *count = db->db.get_doccount();
    });
}

presscut_status_t xc_compact(const char *const *sources, size_t n, const char *dest,
                             char **msg) noexcept
{
    ErrBuf eb;
    presscut_status_t st = guard(&eb, [&] {
        need(sources, "xc_compact: sources is NULL");
        need(dest, "xc_compact: dest is NULL");
        Xapian::Database all;
        for (size_t i = 0; i < n; i++) {
            try {
                all.add_database(Xapian::Database(sources[i]));
            } catch (const Xapian::DatabaseOpeningError &e) {
                throw Xapian::DatabaseOpeningError(std::string(sources[i]) + ": " + e.get_msg());
            }
        }
        /* STANDARD, not FULL: the index is updated in place afterwards, and
         * full blocks would split on the first change. */
        all.compact(dest, Xapian::Compactor::STANDARD);
    });
    return give_msg(st, eb, msg);
}

/* ---- read-only database ---- */

presscut_status_t xc_rdb_open(const char *path, xc_rdb_t **out, char **msg) noexcept
{
    ErrBuf eb;
    presscut_status_t st = guard(&eb, [&] {
        need(out, "xc_rdb_open: out is NULL");
        *out = nullptr;
        need(path, "xc_rdb_open: path is NULL");
        xc_rdb *db = new xc_rdb(Xapian::Database(path));
        *out = db;
    });
    return give_msg(st, eb, msg);
}

presscut_status_t xc_rdb_open_remote(const char *host, unsigned port, unsigned timeout_ms,
                                     xc_rdb_t **out, char **msg) noexcept
{
    ErrBuf eb;
    presscut_status_t st = guard(&eb, [&] {
        need(out, "xc_rdb_open_remote: out is NULL");
        *out = nullptr;
        need(host, "xc_rdb_open_remote: host is NULL");
        useconds_t t = timeout_ms ? timeout_ms : 10000;   /* milliseconds, despite the type */
        xc_rdb *db = new xc_rdb(Xapian::Remote::open(host, port, t, t));
        *out = db;
    });
    return give_msg(st, eb, msg);
}

xc_rdb_t *xc_rdb_new_empty(void) noexcept
{
    return make([] { return new xc_rdb(Xapian::Database()); });
}

xc_rdb_t *xc_rdb_new_blank(void) noexcept
{
    return make([] {
        return new xc_rdb(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY));
    });
}

presscut_status_t xc_rdb_add(xc_rdb_t *db, xc_rdb_t *shard) noexcept
{
    if (!db) {
        delete shard;
        return PRESSCUT_BAD_ARG;
    }
    presscut_status_t st = guard(&db->err, [&] {
        need(shard, "xc_rdb_add: shard is NULL");
        db->db.add_database(shard->db);
    });
    delete shard;
    return st;
}

presscut_status_t xc_rdb_reopen(xc_rdb_t *db) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] { db->db.reopen(); });
}

void xc_rdb_close(xc_rdb_t *db) noexcept
{
    if (!db)
        return;
    guard(nullptr, [&] { db->db.close(); });
    delete db;
}

const char *xc_rdb_error(const xc_rdb_t *db) noexcept
{
    return db ? db->err.get() : "";
}

presscut_status_t xc_rdb_get_metadata(xc_rdb_t *db, const char *key,
                                      char **value, size_t *len) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(key, "xc_rdb_get_metadata: key is NULL");
        need(value, "xc_rdb_get_metadata: value is NULL");
        copy_out(db->db.get_metadata(key), value, len);
    });
}

presscut_status_t xc_rdb_doccount(xc_rdb_t *db, unsigned *count) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(count, "xc_rdb_doccount: count is NULL");
        *count = db->db.get_doccount();
    });
}

presscut_status_t xc_rdb_termfreq(xc_rdb_t *db, const char *term, unsigned *freq) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(term, "xc_rdb_termfreq: term is NULL");
        need(freq, "xc_rdb_termfreq: freq is NULL");
        *freq = db->db.get_termfreq(term);
    });
}

presscut_status_t xc_rdb_get_value(xc_rdb_t *db, unsigned docid, unsigned slot,
                                   char **value, size_t *len) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(value, "xc_rdb_get_value: value is NULL");
        copy_out(db->db.get_document(docid).get_value(slot), value, len);
    });
}

presscut_status_t xc_rdb_postings(xc_rdb_t *db, const char *term, size_t len,
                                  int (*fn)(void *ctx, unsigned docid), void *ctx) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(term, "xc_rdb_postings: term is NULL");
        need(reinterpret_cast<const void *>(fn), "xc_rdb_postings: fn is NULL");
        std::string t(term, len);
        for (Xapian::PostingIterator it = db->db.postlist_begin(t); it != db->db.postlist_end(t);
             ++it)
            if (fn(ctx, *it))
                break;
    });
}

presscut_status_t xc_rdb_group_wdf(xc_rdb_t *db, const char *const *groups, size_t n_groups,
                                   const char *const *terms, size_t n_terms, double *sum,
                                   double *most, double *length) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        if ((!groups && n_groups) || (!terms && n_terms) || !sum || !most || !length)
            throw Fail{PRESSCUT_BAD_ARG, "xc_rdb_group_wdf: an argument is NULL"};
        std::vector<std::pair<Xapian::docid, size_t>> docs;
        for (size_t g = 0; g < n_groups; g++) {
            need(groups[g], "xc_rdb_group_wdf: a group is NULL");
            length[g] = 0;
            for (Xapian::PostingIterator d = db->db.postlist_begin(groups[g]);
                 d != db->db.postlist_end(groups[g]); ++d) {
                docs.emplace_back(*d, g);
                length[g] += d.get_doclength();
            }
        }
        std::fill(sum, sum + n_groups * n_terms, 0.0);
        std::fill(most, most + n_groups * n_terms, 0.0);
        std::sort(docs.begin(), docs.end());
        for (size_t t = 0; t < n_terms; t++) {
            need(terms[t], "xc_rdb_group_wdf: a term is NULL");
            Xapian::PostingIterator at = db->db.postlist_begin(terms[t]), end;
            for (const auto &[id, g] : docs) {
                if (at != end)
                    at.skip_to(id);
                if (at == end)
                    break;
                if (*at != id)
                    continue;
                double wdf = at.get_wdf();
                sum[g * n_terms + t] += wdf;
                most[g * n_terms + t] = std::max(most[g * n_terms + t], wdf);
            }
        }
    });
}

presscut_status_t xc_rdb_allterms(xc_rdb_t *db, const char *prefix,
                                  int (*fn)(void *ctx, const char *term,
                                            size_t len, unsigned termfreq),
                                  void *ctx) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(reinterpret_cast<const void *>(fn), "xc_rdb_allterms: fn is NULL");
        std::string p = prefix ? prefix : "";
        for (Xapian::TermIterator it = db->db.allterms_begin(p);
             it != db->db.allterms_end(p); ++it) {
            std::string t = *it;
            if (fn(ctx, t.c_str(), t.size(), it.get_termfreq()))
                break;
        }
    });
}

presscut_status_t xc_rdb_metadata_keys(xc_rdb_t *db, const char *prefix,
                                       int (*fn)(void *ctx, const char *key, size_t len),
                                       void *ctx) noexcept
{
    if (!db)
        return PRESSCUT_BAD_ARG;
    return guard(&db->err, [&] {
        need(reinterpret_cast<const void *>(fn), "xc_rdb_metadata_keys: fn is NULL");
        each_metadata_key(db->db, prefix, fn, ctx);
    });
}

/* ---- documents ----
 * A document has no error message of its own: its calls only report a
 * status (BAD_ARG for an empty term, NOMEM). */

xc_doc_t *xc_doc_new(void) noexcept
{
    return make([] { return new xc_doc; });
}

void xc_doc_destroy(xc_doc_t *doc) noexcept
{
    delete doc;
}

void xc_doc_clear(xc_doc_t *doc) noexcept
{
    if (!doc)
        return;
    guard(nullptr, [&] {
        doc->doc.clear_terms();
        doc->doc.clear_values();
        doc->doc.set_data(std::string());
    });
}

presscut_status_t xc_doc_add_posting(xc_doc_t *doc, const char *term, size_t len,
                                     unsigned pos, unsigned wdfinc) noexcept
{
    return guard(nullptr, [&] {
        std::string t = doc_term(doc, term, len);
        doc->doc.add_posting(t, pos, wdfinc);
    });
}

presscut_status_t xc_doc_add_term(xc_doc_t *doc, const char *term, size_t len,
                                  unsigned wdfinc) noexcept
{
    return guard(nullptr, [&] {
        std::string t = doc_term(doc, term, len);
        doc->doc.add_term(t, wdfinc);
    });
}

presscut_status_t xc_doc_add_boolean_term(xc_doc_t *doc, const char *term,
                                          size_t len) noexcept
{
    return guard(nullptr, [&] {
        std::string t = doc_term(doc, term, len);
        doc->doc.add_boolean_term(t);
    });
}

presscut_status_t xc_doc_set_value(xc_doc_t *doc, unsigned slot,
                                   const char *value, size_t len) noexcept
{
    return guard(nullptr, [&] {
        need(doc, "document is NULL");
        if (len)
            need(value, "value is NULL");
        doc->doc.add_value(slot, len ? std::string(value, len) : std::string());
    });
}

presscut_status_t xc_doc_remove_term(xc_doc_t *doc, const char *term, size_t len) noexcept
{
    return guard(nullptr, [&] {
        std::string t = doc_term(doc, term, len);
        doc->doc.remove_term(t);
    });
}

presscut_status_t xc_doc_get_value(const xc_doc_t *doc, unsigned slot, char **value,
                                   size_t *len) noexcept
{
    return guard(nullptr, [&] {
        need(doc, "document is NULL");
        need(value, "value is NULL");
        copy_out(doc->doc.get_value(slot), value, len);
    });
}

/* ---- queries ---- */

xc_query_t *xc_query_term(const char *term, size_t len, unsigned wqf, unsigned pos) noexcept
{
    return make([&]() -> xc_query * {
        if (!term && len)
            return nullptr;
        return new xc_query{Xapian::Query(std::string(term ? term : "", len), wqf, pos)};
    });
}

xc_query_t *xc_query_combine(xc_op_t op, xc_query_t *const *subs, size_t n,
                             unsigned window) noexcept
{
    return make([&]() -> xc_query * {
        Xapian::Query::op xop;
        switch (op) {
        case XC_OP_AND: xop = Xapian::Query::OP_AND; break;
        case XC_OP_OR: xop = Xapian::Query::OP_OR; break;
        case XC_OP_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
        case XC_OP_XOR: xop = Xapian::Query::OP_XOR; break;
        case XC_OP_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
        case XC_OP_FILTER: xop = Xapian::Query::OP_FILTER; break;
        case XC_OP_NEAR: xop = Xapian::Query::OP_NEAR; break;
        case XC_OP_PHRASE: xop = Xapian::Query::OP_PHRASE; break;
        case XC_OP_ELITE_SET: xop = Xapian::Query::OP_ELITE_SET; break;
        case XC_OP_SYNONYM: xop = Xapian::Query::OP_SYNONYM; break;
        case XC_OP_MAX: xop = Xapian::Query::OP_MAX; break;
        default: return nullptr;
        }
        if (n && !subs)
            return nullptr;
        std::vector<Xapian::Query> v;
        v.reserve(n);
        for (size_t i = 0; i < n; i++) {
            if (!subs[i])
                return nullptr;
            v.push_back(subs[i]->q);
        }
        bool windowed = op == XC_OP_NEAR || op == XC_OP_PHRASE || op == XC_OP_ELITE_SET;
        return new xc_query{Xapian::Query(xop, v.begin(), v.end(), windowed ? window : 0)};
    });
}

xc_query_t *xc_query_value_range(unsigned slot, const char *lo, const char *hi) noexcept
{
    return make([&] {
        if (lo && hi)
            return new xc_query{Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi)};
        if (hi)
            return new xc_query{Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi)};
        /* lo only.  With neither, VALUE_GE "" matches every document,
         * those without a value in slot too: callers give a bound. */
        return new xc_query{Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo ? lo : "")};
    });
}

xc_query_t *xc_query_value_is(unsigned slot, const char *value, size_t len) noexcept
{
    return make([&] {
        std::string v(value ? value : "", value ? len : 0);
        return new xc_query{Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, v, v)};
    });
}

xc_query_t *xc_query_wildcard(const char *prefix, unsigned max_expansion) noexcept
{
    return make([&]() -> xc_query * {
        if (!prefix)
            return nullptr;
        return new xc_query{Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, max_expansion,
                                          Xapian::Query::WILDCARD_LIMIT_ERROR,
                                          Xapian::Query::OP_SYNONYM)};
    });
}

xc_query_t *xc_query_scale(const xc_query_t *q, double factor) noexcept
{
    return make([&]() -> xc_query * {
        if (!q)
            return nullptr;
        return new xc_query{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor)};
    });
}

xc_query_t *xc_query_match_all(void) noexcept
{
    return make([] { return new xc_query{Xapian::Query::MatchAll}; });
}

char *xc_query_describe(const xc_query_t *q) noexcept
{
    return make([&]() -> char * {
        if (!q)
            return nullptr;
        char *out = nullptr;
        copy_out(q->q.get_description(), &out, nullptr);
        return out;
    });
}

void xc_query_destroy(xc_query_t *q) noexcept
{
    delete q;
}

/* ---- searching ---- */

xc_enquire_t *xc_enquire_new(xc_rdb_t *db) noexcept
{
    return make([&]() -> xc_enquire * {
        if (!db)
            return nullptr;
        return new xc_enquire(db->db);
    });
}

void xc_enquire_destroy(xc_enquire_t *enq) noexcept
{
    delete enq;
}

const char *xc_enquire_error(const xc_enquire_t *enq) noexcept
{
    return enq ? enq->err.get() : "";
}

presscut_status_t xc_enquire_set_query(xc_enquire_t *enq, const xc_query_t *q) noexcept
{
    if (!enq)
        return PRESSCUT_BAD_ARG;
    return guard(&enq->err, [&] {
        need(q, "xc_enquire_set_query: query is NULL");
        enq->enq.set_query(q->q);
    });
}

presscut_status_t xc_enquire_set_collapse(xc_enquire_t *enq, unsigned slot,
                                          unsigned max) noexcept
{
    if (!enq)
        return PRESSCUT_BAD_ARG;
    return guard(&enq->err, [&] { enq->enq.set_collapse_key(slot, max); });
}

presscut_status_t xc_enquire_set_sort_relevance_then_value(xc_enquire_t *enq,
                                                           unsigned slot, int reverse) noexcept
{
    if (!enq)
        return PRESSCUT_BAD_ARG;
    return guard(&enq->err,
                 [&] { enq->enq.set_sort_by_relevance_then_value(slot, reverse != 0); });
}

presscut_status_t xc_enquire_set_boolean(xc_enquire_t *enq) noexcept
{
    if (!enq)
        return PRESSCUT_BAD_ARG;
    return guard(&enq->err, [&] {
        enq->enq.set_weighting_scheme(Xapian::BoolWeight());
        enq->enq.set_docid_order(Xapian::Enquire::ASCENDING);
    });
}

presscut_status_t xc_enquire_set_sort_value_then_relevance(xc_enquire_t *enq,
                                                           unsigned slot, int reverse) noexcept
{
    if (!enq)
        return PRESSCUT_BAD_ARG;
    return guard(&enq->err,
                 [&] { enq->enq.set_sort_by_value_then_relevance(slot, reverse != 0); });
}

presscut_status_t xc_enquire_mset(xc_enquire_t *enq, unsigned first, unsigned max,
                                  unsigned check_at_least, xc_mset_t **out) noexcept
{
    if (!enq)
        return PRESSCUT_BAD_ARG;
    return guard(&enq->err, [&] {
        need(out, "xc_enquire_mset: out is NULL");
        *out = nullptr;
        Xapian::MSet m = enq->enq.get_mset(first, max, check_at_least);
        *out = new xc_mset{m};
    });
}

presscut_status_t xc_enquire_eset(xc_enquire_t *enq, const xc_mset_t *mset, unsigned top_docs,
                                  unsigned max, const char *prefix,
                                  void (*fn)(void *ctx, const char *term, size_t len,
                                             double weight),
                                  void *ctx) noexcept
{
    if (!enq)
        return PRESSCUT_BAD_ARG;
    return guard(&enq->err, [&] {
        need(mset, "xc_enquire_eset: mset is NULL");
        need(prefix, "xc_enquire_eset: prefix is NULL");
        need(reinterpret_cast<const void *>(fn), "xc_enquire_eset: fn is NULL");
        Xapian::RSet rset;
        Xapian::doccount n = 0;
        for (Xapian::MSetIterator it = mset->m.begin(); it != mset->m.end() && n < top_docs;
             ++it, ++n)
            rset.add_document(*it);
        if (rset.empty())
            return;
        PrefixDecider decider(prefix);
        /* Exact frequencies: a sharded index then expands as one database. */
        Xapian::ESet eset =
            enq->enq.get_eset(max, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
        for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) {
            std::string t = *it;
            fn(ctx, t.c_str(), t.size(), it.get_weight());
        }
    });
}

size_t xc_mset_size(const xc_mset_t *m) noexcept
{
    return m ? m->m.size() : 0;
}

unsigned xc_mset_docid(const xc_mset_t *m, size_t i) noexcept
{
    unsigned r = 0;
    guard(nullptr, [&] { r = *mset_at(m, i); });
    return r;
}

double xc_mset_weight(const xc_mset_t *m, size_t i) noexcept
{
    double r = 0;
    guard(nullptr, [&] { r = mset_at(m, i).get_weight(); });
    return r;
}

presscut_status_t xc_mset_value(xc_enquire_t *enq, const xc_mset_t *m, size_t i,
                                unsigned slot, char **value, size_t *len) noexcept
{
    return guard(enq ? &enq->err : nullptr, [&] {
        need(value, "xc_mset_value: value is NULL");
        copy_out(mset_at(m, i).get_document().get_value(slot), value, len);
    });
}

presscut_status_t xc_mset_matching_terms(xc_enquire_t *enq, const xc_mset_t *m, size_t i,
                                         void (*fn)(void *ctx, const char *term, size_t len),
                                         void *ctx) noexcept
{
    return guard(enq ? &enq->err : nullptr, [&] {
        need(reinterpret_cast<const void *>(fn), "xc_mset_matching_terms: fn is NULL");
        Xapian::MSetIterator it = mset_at(m, i);
        for (Xapian::TermIterator t = enq->enq.get_matching_terms_begin(it);
             t != enq->enq.get_matching_terms_end(it); ++t) {
            const std::string &term = *t;
            fn(ctx, term.data(), term.size());
        }
    });
}

void xc_mset_counts(const xc_mset_t *m, presscut_count_t *count) noexcept
{
    *count = presscut_count_t{ 0, 0, 0 };
    guard(nullptr, [&] {
        need(m, "xc_mset_counts: mset is NULL");
        *count = presscut_count_t{ m->m.get_matches_estimated(), m->m.get_matches_lower_bound(),
                                   m->m.get_matches_upper_bound() };
    });
}

void xc_mset_destroy(xc_mset_t *m) noexcept
{
    delete m;
}

/* ---- stemming ---- */

presscut_status_t xc_stem_new(const char *language, xc_stem_t **out, char **msg) noexcept
{
    ErrBuf eb;
    presscut_status_t st = guard(&eb, [&] {
        need(out, "xc_stem_new: out is NULL");
        *out = nullptr;
        need(language, "xc_stem_new: language is NULL");
        *out = new xc_stem{make_stem(language), language};
    });
    return give_msg(st, eb, msg);
}

const char *xc_stem_language(const xc_stem_t *s) noexcept
{
    return s->language.c_str();
}

void xc_stem_destroy(xc_stem_t *s) noexcept
{
    delete s;
}

size_t xc_stem_apply(xc_stem_t *s, const char *word, size_t len, char *buf,
                     size_t cap) noexcept
{
    size_t n = static_cast<size_t>(-1);
    guard(nullptr, [&] {
        need(s, "stemmer is NULL");
        if (len)
            need(word, "word is NULL");
        std::string stem = s->stem(len ? std::string(word, len) : std::string());
        if (buf && cap) {
            size_t k = stem.size() < cap ? stem.size() : cap - 1;
            std::memcpy(buf, stem.data(), k);
            buf[k] = '\0';
        }
        n = stem.size();
    });
    return n;
}

} // extern "C"
