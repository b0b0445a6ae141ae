// xapian_passages: a stock-Xapian passage indexer, the reference for the
// engine's own speed in `make bench`.  One document per paragraph (blank-line
// separated), indexed by Xapian::TermGenerator with the English stemmer and
// positions, the paragraph as document data, and the article id as a boolean
// term (so an article could be replaced, as presscut does).  Nothing else:
// no catalog, no offsets, no normalization of our own.
//
//   xapian_passages --db DIR PATH...
//
// A PATH is a directory (its .txt files, recursively), a .txt file, or a
// .jsonl file (one article per line: "body" or "text", optional "id").
// Prints "articles N passages N bytes N" on stdout.

#include <xapian.h>
#include <jansson.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Counts {
    unsigned long articles = 0, passages = 0, bytes = 0;
};

class Indexer {
  public:
    explicit Indexer(const std::string &path)
        : db_(path, Xapian::DB_CREATE_OR_OPEN), stem_("english") {
        tg_.set_stemmer(stem_);
    }

    void article(const std::string &id, const std::string &text) {
        const std::string idterm = "A" + id.substr(0, 230);
        size_t pos = 0;
        while (pos < text.size()) {
            size_t end = text.find("\n\n", pos);
            if (end == std::string::npos) end = text.size();
            paragraph(idterm, text.substr(pos, end - pos));
            pos = end + 2;
        }
        counts.articles++;
        counts.bytes += text.size();
    }

    void commit() { db_.commit(); }

    Counts counts;

  private:
    void paragraph(const std::string &idterm, const std::string &para) {
        if (para.find_first_not_of(" \t\r\n") == std::string::npos) return;
        Xapian::Document doc;
        tg_.set_document(doc);
        tg_.index_text(para);
        doc.add_boolean_term(idterm);
        doc.set_data(para);
        db_.add_document(doc);
        counts.passages++;
    }

    Xapian::WritableDatabase db_;
    Xapian::Stem stem_;
    Xapian::TermGenerator tg_;
};

bool ends_with(const std::string &s, const char *suffix) {
    size_t n = std::strlen(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

std::string slurp(const fs::path &p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read '" + p.string() + "'");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void feed(Indexer &ix, const fs::path &p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read '" + p.string() + "'");
    std::string line;
    unsigned long lineno = 0;
    while (std::getline(in, line)) {
        lineno++;
        json_error_t err;
        json_t *obj = json_loadb(line.data(), line.size(), 0, &err);
        if (!obj) {
            std::cerr << "xapian_passages: " << p.string() << ":" << lineno
                      << ": skipped: " << err.text << "\n";
            continue;
        }
        const char *body = json_string_value(json_object_get(obj, "body"));
        if (!body) body = json_string_value(json_object_get(obj, "text"));
        const char *id = json_string_value(json_object_get(obj, "id"));
        if (body)
            ix.article(id ? id : p.string() + ":" + std::to_string(lineno), body);
        json_decref(obj);
    }
}

void add_path(Indexer &ix, const fs::path &p) {
    if (fs::is_directory(p)) {
        std::vector<fs::path> files;
        for (const auto &e : fs::recursive_directory_iterator(p))
            if (e.is_regular_file() && ends_with(e.path().string(), ".txt"))
                files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto &f : files) ix.article(f.string(), slurp(f));
    } else if (ends_with(p.string(), ".jsonl") || ends_with(p.string(), ".ndjson")) {
        feed(ix, p);
    } else {
        ix.article(p.string(), slurp(p));
    }
}

}  // namespace

int main(int argc, char **argv) {
    if (argc < 4 || std::strcmp(argv[1], "--db") != 0) {
        std::cerr << "usage: xapian_passages --db DIR PATH...\n";
        return 2;
    }
    try {
        Indexer ix(argv[2]);
        for (int i = 3; i < argc; i++) add_path(ix, argv[i]);
        ix.commit();
        std::printf("articles %lu passages %lu bytes %lu\n", ix.counts.articles,
                    ix.counts.passages, ix.counts.bytes);
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian_passages: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception &e) {
        std::cerr << "xapian_passages: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
