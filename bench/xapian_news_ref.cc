// xapian_news_ref: stock Xapian as the yardstick for the news-passages set
// of `make eval`, rebuilt the way its README ("Baseline") says baseline.tsv
// was made, so that the reference is measured in the same run as presscut.
//
//   xapian_news_ref [--articles] BBC_DIR REUTERS.jsonl QUERIES.tsv QRELS.tsv DBDIR > RANKS
//
// One Xapian document per body paragraph of every BBC file (headline line
// skipped; paragraphs are blocks of non-blank lines, whitespace-trimmed) and
// of every Reuters story body (a paragraph starts at the first non-blank line
// and at each line indented by a space or tab; a blank line ends one), BBC in
// sorted path order first, then Reuters in file order.  TermGenerator with
// the English stemmer; queries lower-cased through QueryParser (English
// stemmer, STEM_SOME, OP_OR), default BM25, top 100.  Prints "qid<TAB>rank",
// rank being the 1-based position of the first paragraph of the target
// document overlapping the target byte range, 0 if none in the top 100.
//
// With --articles, plain BM25 over articles instead, the yardstick of
// presscut --articles: one document per article as the set's README defines
// one (a whole BBC file, headline and body; a Reuters story's title, a line
// break and its body), the rest alike; the rank is the target article's.
#include <xapian.h>
#include <jansson.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Para {
    size_t start, end;
};

bool blank(const std::string &s, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (!std::strchr(" \t\r\n", s[i]))
            return false;
    return true;
}

// Trims [s, e) of spaces, tabs, CR and LF.
Para trim(const std::string &d, size_t s, size_t e)
{
    while (s < e && std::strchr(" \t\r\n", d[s]))
        s++;
    while (e > s && std::strchr(" \t\r\n", d[e - 1]))
        e--;
    return { s, e };
}

// One line at a time from pos: [pos, eol).  reuters: an indented line
// starts a new paragraph.
std::vector<Para> paragraphs(const std::string &d, size_t pos, bool reuters)
{
    std::vector<Para> out;
    bool open = false;
    size_t bs = 0, be = 0;
    while (pos <= d.size()) {
        size_t e = d.find('\n', pos);
        if (e == std::string::npos)
            e = d.size();
        if (blank(d, pos, e)) {
            if (open)
                out.push_back(trim(d, bs, be));
            open = false;
        } else {
            if (reuters && open && (d[pos] == ' ' || d[pos] == '\t')) {
                out.push_back(trim(d, bs, be));
                open = false;
            }
            if (!open)
                bs = pos;
            open = true;
            be = e;
        }
        pos = e + 1;
    }
    if (open)
        out.push_back(trim(d, bs, be));
    return out;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

void add(Xapian::WritableDatabase &db, Xapian::TermGenerator &tg, const std::string &corpus,
         const std::string &doc, const std::string &text, const Para &p)
{
    Xapian::Document xd;
    tg.set_document(xd);
    tg.index_text(text.substr(p.start, p.end - p.start));
    xd.set_data(corpus + "\t" + doc + "\t" + std::to_string(p.start) + "\t" + std::to_string(p.end));
    db.add_document(xd);
}

void index_bbc(const std::string &dir, bool articles, Xapian::WritableDatabase &db,
               Xapian::TermGenerator &tg)
{
    std::vector<std::string> rel;
    for (const auto &e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && e.path().extension() == ".txt")
            rel.push_back(fs::relative(e.path(), dir).generic_string());
    std::sort(rel.begin(), rel.end());
    for (const auto &r : rel) {
        std::ifstream in(dir + "/" + r, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string d = ss.str();
        if (articles) {
            add(db, tg, "bbc", r, d, { 0, d.size() });
            continue;
        }
        size_t nl = d.find('\n');
        for (const Para &p : paragraphs(d, nl == std::string::npos ? d.size() : nl + 1, false))
            add(db, tg, "bbc", r, d, p);
    }
}

// The reference joins a Reuters paragraph's lines with single spaces; to the
// TermGenerator a line break and a space are the same, so the raw slice is
// indexed as it stands.  An article's range covers its body's: a hit on
// it overlaps any target paragraph of its story.
int index_reuters(const std::string &path, bool articles, Xapian::WritableDatabase &db,
                  Xapian::TermGenerator &tg)
{
    std::ifstream in(path);
    if (!in) {
        std::cerr << "xapian_news_ref: cannot open '" << path << "'\n";
        return -1;
    }
    std::string line;
    while (std::getline(in, line)) {
        json_error_t jerr;
        json_t *o = json_loadb(line.data(), line.size(), 0, &jerr);
        const char *id = o ? json_string_value(json_object_get(o, "id")) : nullptr;
        json_t *b = o ? json_object_get(o, "body") : nullptr;
        if (id && json_is_string(b)) {
            std::string body(json_string_value(b), json_string_length(b));
            if (articles) {
                const char *title = json_string_value(json_object_get(o, "title"));
                std::string a = std::string(title ? title : "") + "\n" + body;
                add(db, tg, "reuters", id, a, { 0, a.size() });
                json_decref(o);
                continue;
            }
            for (const Para &p : paragraphs(body, 0, true))
                add(db, tg, "reuters", id, body, p);
        }
        json_decref(o);
    }
    return 0;
}

std::vector<std::string> split_tab(const std::string &l)
{
    std::vector<std::string> f;
    size_t pos = 0, t;
    while ((t = l.find('\t', pos)) != std::string::npos) {
        f.push_back(l.substr(pos, t - pos));
        pos = t + 1;
    }
    f.push_back(l.substr(pos));
    return f;
}

int run(const char *queries, const char *qrels, const Xapian::Database &db)
{
    std::map<std::string, std::vector<std::string>> target;
    std::ifstream rq(qrels), qq(queries);
    if (!rq || !qq) {
        std::cerr << "xapian_news_ref: cannot open '" << (rq ? queries : qrels) << "'\n";
        return -1;
    }
    std::string line;
    while (std::getline(rq, line)) {
        auto f = split_tab(line);
        if (f.size() == 5)
            target[f[0]] = f;
    }
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(Xapian::Query::OP_OR);
    qp.set_database(db);
    Xapian::Enquire enq(db);
    while (std::getline(qq, line)) {
        auto q = split_tab(line);
        if (q.size() != 2 || !target.count(q[0]))
            continue;
        const auto &t = target[q[0]];
        long ts = std::stol(t[3]), te = std::stol(t[4]);
        enq.set_query(qp.parse_query(lower(q[1])));
        Xapian::MSet m = enq.get_mset(0, 100);
        int rank = 0, i = 1;
        for (auto it = m.begin(); it != m.end() && !rank; ++it, ++i) {
            auto f = split_tab(it.get_document().get_data());
            if (f[0] == t[1] && f[1] == t[2] && std::stol(f[2]) < te && ts < std::stol(f[3]))
                rank = i;
        }
        std::printf("%s\t%d\n", q[0].c_str(), rank);
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    bool articles = argc > 1 && std::strcmp(argv[1], "--articles") == 0;
    argv += articles;
    argc -= articles;
    if (argc != 6) {
        std::cerr << "usage: xapian_news_ref [--articles] BBC_DIR REUTERS.jsonl QUERIES.tsv "
                     "QRELS.tsv DBDIR > RANKS\n";
        return 2;
    }
    try {
        Xapian::WritableDatabase db(argv[5], Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem("english"));
        index_bbc(argv[1], articles, db, tg);
        if (index_reuters(argv[2], articles, db, tg) != 0)
            return 2;
        db.commit();
        return run(argv[3], argv[4], db) == 0 ? 0 : 2;
    } catch (const Xapian::Error &e) {
        std::cerr << "xapian_news_ref: " << e.get_description() << "\n";
    } catch (const std::exception &e) {
        std::cerr << "xapian_news_ref: " << e.what() << "\n";
    }
    return 2;
}
