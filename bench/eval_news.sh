#!/bin/sh
# The news-passages part of `make eval` (EVAL_SETS=news make eval for it
# alone): one presscut index of ../shared/corpus/bbc and
# reuters21578/docs.jsonl, the 100 queries of eval/news-passages in passage
# mode (--json --limit 100), a hit being a result of the target article
# whose byte range overlaps the target paragraph (for Reuters, offsets in the
# decoded body, which is what --json gives for a feed passage).  Beside it,
# stock Xapian with one document per paragraph (bench/xapian_news_ref.cc),
# built in the same run and checked against the set's baseline.tsv.  Then
# the same queries at article level: presscut --articles against plain BM25
# over one Xapian document per article (xapian_news_ref --articles), a hit
# being the target's article.  Prints MRR, success@1, success@10 per
# corpus, per half (odd and even query ids) and overall, and writes both
# tables into bench/RESULTS.md ("Passage ranking") unless EVAL_RESULTS=0.
# EVAL_REF=0 skips stock Xapian; EVAL_OPTS adds presscut-query options.
cd "$(dirname "$0")/.." || exit 2
CORPUS=../shared/corpus
N=$CORPUS/eval/news-passages
REUTERS=$CORPUS/reuters21578/docs.jsonl
for f in "$N/queries.tsv" "$N/qrels.tsv" "$N/baseline.tsv" "$REUTERS"; do
    if [ ! -f "$f" ]; then
        echo "eval: news passages skipped: no $f"
        exit 0
    fi
done
if [ ! -d "$CORPUS/bbc" ]; then
    echo "eval: news passages skipped: no $CORPUS/bbc"
    exit 0
fi
B=build/bench
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
status=0

bin/presscut-index -q --db "$T/news.db" "$CORPUS/bbc" "$REUTERS" 2>"$T/index.err" || {
    echo "eval: news passages: presscut-index failed:" >&2
    cat "$T/index.err" >&2
    exit 1
}
# ranks [OPTION]: each query's rank of the first hit on its target, 0 if
# none in 100; with --articles a hit is any passage of the target's
# article.  A BBC file's article id is its path as indexed, a Reuters
# story's its id.  Every copy is listed (--all-copies): a target may be a
# copy.
ranks() {
    while IFS='	' read -r qid corpus doc start end; do
        text=$(awk -F'\t' -v q="$qid" '$1 == q { print $2 }' "$N/queries.tsv")
        [ "$1" = --articles ] && start=-1 end=-1
        bin/presscut-query $EVAL_OPTS $1 --db "$T/news.db" --all-copies --json --limit 100 -- "$text" 2>>"$T/query.err" |
            jq -rs --arg c "$corpus" --arg d "$doc" --argjson s "$start" --argjson e "$end" '
                [ .[] | select((if $c == "bbc" then ((.path // "") | endswith("/bbc/" + $d))
                                else .article_id == $d end)
                               and ($s < 0 or (.start < $e and $s < .end))) | .rank ] | (min // 0)' |
            sed "s/^/$qid	/"
    done <"$N/qrels.tsv"
}
ranks >"$T/presscut.ranks"
ranks --articles >"$T/presscut.article.ranks"
grep -v "^did you mean" "$T/query.err" >"$T/query.err2"
[ -s "$T/query.err2" ] && { echo "eval: news passages: presscut-query said:" >&2; sort -u "$T/query.err2" | head >&2; }

if [ "${EVAL_REF:-1}" != 0 ]; then
    if $B/xapian_news_ref "$CORPUS/bbc" "$REUTERS" "$N/queries.tsv" "$N/qrels.tsv" "$T/ref.db" >"$T/xapian.ranks"; then
        same=$(join "$T/xapian.ranks" "$N/baseline.tsv" | awk '$2 == $3' | wc -l)
        echo "eval: stock Xapian reference reproduces $same of 100 ranks of baseline.tsv" >&2
        [ "$same" = 100 ] || status=1
    else
        status=1
    fi
    rm -rf "$T/ref.db"
    $B/xapian_news_ref --articles "$CORPUS/bbc" "$REUTERS" "$N/queries.tsv" "$N/qrels.tsv" \
        "$T/ref.db" >"$T/xapian.article.ranks" || status=1
fi

# summary SYSTEM RANKS: one table row per subset.
summary() {
    awk -F'\t' -v sys="$1" '
        NR == FNR { corpus[$1] = $2; next }
        {
            n = substr($1, 2) + 0
            split("all " corpus[$1] " " (n % 2 ? "odd" : "even"), sets, " ")
            for (i in sets) {
                s = sets[i]; k[s]++
                if ($2 > 0) mrr[s] += 1 / $2
                if ($2 == 1) s1[s]++
                if ($2 > 0 && $2 <= 10) s10[s]++
            }
        }
        END {
            split("all bbc reuters odd even", order, " ")
            for (i = 1; i <= 5; i++) {
                s = order[i]
                printf "| %s | %s | %d | %.3f | %.2f | %.2f |\n", sys, s, k[s], mrr[s] / k[s], s1[s] / k[s], s10[s] / k[s]
            }
        }' "$N/qrels.tsv" "$2"
}
{
    printf '| system | queries | n | MRR | success@1 | success@10 |\n|---|---|---|---|---|---|\n'
    summary "presscut${EVAL_OPTS:+ $EVAL_OPTS}" "$T/presscut.ranks"
    [ -s "$T/xapian.ranks" ] && summary "stock Xapian" "$T/xapian.ranks"
} >"$T/table"
{
    printf '| system | queries | n | MRR | success@1 | success@10 |\n|---|---|---|---|---|---|\n'
    summary "presscut --articles${EVAL_OPTS:+ $EVAL_OPTS}" "$T/presscut.article.ranks"
    [ -s "$T/xapian.article.ranks" ] && summary "BM25 articles" "$T/xapian.article.ranks"
} >"$T/article.table"
cat "$T/table"
echo ""
cat "$T/article.table"

if [ "${EVAL_RESULTS:-1}" != 0 ] && [ "$status" = 0 ]; then
    {
        echo "## Passage ranking"
        echo ""
        echo "\`EVAL_SETS=news make eval\` on $(date -u +%Y-%m-%d): the 100 queries of"
        echo "eval/news-passages over one index of bbc/ and reuters21578/docs.jsonl, passage"
        echo "mode, \`--limit 100\`; a hit is a result of the target article overlapping the"
        echo "target paragraph.  Stock Xapian = bench/xapian_news_ref.cc (one document per"
        echo "paragraph, as the set's baseline.tsv, which it reproduces).  odd/even: the"
        echo "query ids apart; a change is kept only if both halves gain."
        echo ""
        cat "$T/table"
        echo ""
        echo "The same queries at article level: presscut \`--articles\`, a hit being"
        echo "the target's article, against plain BM25 over one Xapian document per"
        echo "article (\`xapian_news_ref --articles\`: a BBC file whole, a Reuters"
        echo "story's title and body), built in the same run."
        echo ""
        cat "$T/article.table"
    } >"$T/section"
    . bench/results.sh
    write_section "Passage ranking" "$T/section"
fi
exit $status
