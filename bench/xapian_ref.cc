// xapian_ref: stock Xapian as a yardstick for `make eval`.
//
//   xapian_ref DOCS.jsonl QUERIES.tsv DBDIR > RUN
//
// Indexes each docs.jsonl line ({"id", "title", "body"}) as one document
// with Xapian's TermGenerator (English stemmer, title then body), then runs
// each "qid<TAB>text" line of QUERIES.tsv through a QueryParser with its
// defaults plus the stemmer and STEM_SOME, ranked by BM25 with its default
// parameters, and prints the top 1000 of each as a TREC run.
#include <xapian.h>
#include <jansson.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

static int index_docs(const char *docs, Xapian::WritableDatabase &db)
{
    std::ifstream in(docs);
    if (!in) {
        std::cerr << "xapian_ref: cannot open '" << docs << "'\n";
        return -1;
    }
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    std::string line;
    long lineno = 0;
    while (std::getline(in, line)) {
        lineno++;
        json_error_t jerr;
        json_t *o = json_loadb(line.data(), line.size(), 0, &jerr);
        const char *id = o ? json_string_value(json_object_get(o, "id")) : nullptr;
        if (!id) {
            std::cerr << "xapian_ref: " << docs << ":" << lineno << ": no id\n";
            json_decref(o);
            return -1;
        }
        Xapian::Document doc;
        tg.set_document(doc);
        for (const char *field : { "title", "body" }) {
            const char *v = json_string_value(json_object_get(o, field));
            if (v) {
                tg.index_text(v);
                tg.increase_termpos();
            }
        }
        doc.set_data(id);
        doc.add_boolean_term(std::string("Q") + id);
        db.replace_document(std::string("Q") + id, doc);
        json_decref(o);
    }
    db.commit();
    return 0;
}

static int run_queries(const char *queries, const Xapian::Database &db)
{
    std::ifstream in(queries);
    if (!in) {
        std::cerr << "xapian_ref: cannot open '" << queries << "'\n";
        return -1;
    }
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(db);
    Xapian::Enquire enq(db);
    enq.set_weighting_scheme(Xapian::BM25Weight());
    std::string line;
    while (std::getline(in, line)) {
        size_t tab = line.find('\t');
        if (tab == std::string::npos)
            continue;
        std::string qid = line.substr(0, tab), text = line.substr(tab + 1);
        Xapian::Query q;
        try {
            q = qp.parse_query(text);
        } catch (const Xapian::QueryParserError &) {
            // What omega does with a query it cannot parse: plain words.
            q = qp.parse_query(text, 0);
        }
        enq.set_query(q);
        Xapian::MSet m = enq.get_mset(0, 1000);
        int rank = 1;
        for (auto it = m.begin(); it != m.end(); ++it, ++rank)
            std::printf("%s Q0 %s %d %.6f xapian\n", qid.c_str(),
                        it.get_document().get_data().c_str(), rank, it.get_weight());
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        std::cerr << "usage: xapian_ref DOCS.jsonl QUERIES.tsv DBDIR > RUN\n";
        return 2;
    }
    try {
        Xapian::WritableDatabase db(argv[3], Xapian::DB_CREATE_OR_OVERWRITE);
        if (index_docs(argv[1], db) != 0)
            return 2;
        return run_queries(argv[2], db) == 0 ? 0 : 2;
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian_ref: " << e.get_description() << "\n";
    } catch (const std::exception &e) {
        std::cerr << "xapian_ref: " << e.what() << "\n";
    }
    return 2;
}
