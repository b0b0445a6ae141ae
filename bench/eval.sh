#!/bin/sh
# `make eval`: ranking quality of presscut and of stock Xapian on the IR
# test collections of ../shared/corpus/eval, scored by bench/trec_eval.c.
# Prints one table and writes it, dated, into bench/RESULTS.md ("Ranking").
#
#   COLLECTIONS="cisi med" make eval    only these collections
#   EVAL_REF=0 make eval                presscut only (no stock Xapian)
#   EVAL_RESULTS=0 make eval            leave bench/RESULTS.md alone
#   EVAL_SETS=news make eval            only the news passages (bench/eval_news.sh)
#   EVAL_SETS=collections make eval     only the test collections
#   EVAL_OPTS=--no-feedback make eval   extra presscut-query options
cd "$(dirname "$0")/.." || exit 2
EVAL_SETS=${EVAL_SETS:-"news collections"}
case " $EVAL_SETS " in
*" news "*) sh bench/eval_news.sh || news_status=1 ;;
esac
case " $EVAL_SETS " in
*" collections "*) ;;
*) exit ${news_status:-0} ;;
esac
EVAL_DIR=../shared/corpus/eval
if [ ! -d "$EVAL_DIR" ]; then
    echo "eval: skipped: no test collections at $EVAL_DIR"
    exit ${news_status:-0}
fi
COLLECTIONS=${COLLECTIONS:-"adi cacm cisi cranfield lisa med npl time"}
B=build/bench
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT

table=$T/table
printf '| collection | queries | system | MAP | P@10 | nDCG@10 | R@1000 |\n' >"$table"
printf '|---|---|---|---|---|---|---|\n' >>"$table"
row() {    # collection system "queries map p10 ndcg r1000"
    set -- "$1" "$2" $3
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$2" "$4" "$5" "$6" "$7" >>"$table"
    printf '%-10s %-9s %4s  MAP %s  P@10 %s  nDCG@10 %s  R@1000 %s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$7" >&2
}

# search DB TEXT: its hits in $T/hits, its messages in $T/qerr and appended
# to $T/$c.query.err; presscut-query's exit status.  Every copy is listed
# (--all-copies): the judgements are per document, copies judged too.
search() {
    bin/presscut-query $EVAL_OPTS --db "$1" --articles --all-copies --json --limit 1000 -- "$2" >"$T/hits" 2>"$T/qerr"
    rc=$?
    cat "$T/qerr" >>"$T/$c.query.err"
    return $rc
}

status=0
for c in $COLLECTIONS; do
    dir=$EVAL_DIR/$c
    [ -f "$dir/docs.jsonl" ] || { echo "eval: $c: no $dir/docs.jsonl" >&2; status=1; continue; }
    bin/presscut-index -q --db "$T/$c.db" "$dir/docs.jsonl" 2>"$T/$c.index.err"
    # One presscut-query per query, its JSON lines turned into a TREC run.
    # The questions are prose, not query syntax: one the grammar refuses
    # (an odd quote in cacm 33, a lone parenthesis in cacm 64 and med 29) is
    # searched without its quotes and parentheses, as a user would fix it.
    while IFS='	' read -r qid text; do
        search "$T/$c.db" "$text"
        if [ $? = 2 ] && grep -q 'cannot parse the query' "$T/qerr"; then
            echo "eval: $c $qid: searched without quotes and parentheses" >&2
            search "$T/$c.db" "$(printf '%s' "$text" | tr -d '"()')"
        fi
        jq -r --arg q "$qid" 'select(.article_id) | "\($q) Q0 \(.article_id) \(.rank) \(.score) presscut"' <"$T/hits"
    done <"$dir/queries.tsv" >"$T/$c.presscut.run"
    if ! res=$($B/trec_eval "$dir/qrels.txt" "$T/$c.presscut.run"); then
        status=1
        continue
    fi
    row "$c" presscut "$res"
    if [ "${EVAL_REF:-1}" != 0 ]; then
        $B/xapian_ref "$dir/docs.jsonl" "$dir/queries.tsv" "$T/$c.ref.db" >"$T/$c.ref.run" &&
            res=$($B/trec_eval "$dir/qrels.txt" "$T/$c.ref.run") &&
            row "$c" xapian "$res" || status=1
    fi
done
cat "$table"

if [ "${EVAL_RESULTS:-1}" != 0 ] && [ "$status" = 0 ]; then
    {
        echo "## Ranking"
        echo ""
        echo "\`make eval\` on $(date -u +%Y-%m-%d) (collections: $COLLECTIONS); presscut at article level"
        echo "(\`--articles\`), stock Xapian = bench/xapian_ref.cc; measures as trec_eval -c,"
        echo "over queries with at least one relevant document.  time and npl are held out:"
        echo "never used for tuning."
        echo ""
        cat "$table"
    } >"$T/section"
    . bench/results.sh
    write_section Ranking "$T/section"
fi
[ "$status" = 0 ] && status=${news_status:-0}
exit $status
