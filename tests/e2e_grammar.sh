#!/bin/sh
# End-to-end: the query grammar on the project's own corpus/, as a user
# types it: grouping, +, -, ADJ, errors that point at the place, query
# words that begin with '-', title-only and stopword-only queries.  TAP.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh

DB=$T/db
$IDX -q --db "$DB" corpus 2>"$T/err"
check "index corpus/" test $? = 0

# q ARGS...: the query's output in $T/out, its messages in $T/err, its
# exit status in $rc.
q() {
    $QRY --db "$DB" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}

# Parentheses group: "cable OR drones" must hold, and brussels too.
q -n 50 '(cable OR drones) AND brussels'
check "(a OR b) AND c: found" test "$rc" = 0
check "(a OR b) AND c: every hit holds c" sh -c "! grep -q baltic-cable-sabotage '$T/out'"
q -n 50 'cable OR drones AND brussels'
check "a OR b AND c is a OR (b AND c)" grep -q baltic-cable-sabotage "$T/out"

# +word is required: no hit lacks it, in either tier.
q -n 50 cable +brussels
check "+word: found" test "$rc" = 0
check "+word: every hit holds the word" sh -c "! grep -q baltic-cable-sabotage '$T/out'"

# ADJ/n: in order, within n words.
q 'nato ADJ/1 accession'
check "ADJ/1 finds the words in order" sh -c "test $rc = 0 && grep -q finland-eastern-border-closure '$T/out'"
q 'accession ADJ/1 nato'
check "ADJ/1 in the other order finds nothing" test "$rc" = 1

# What does not parse is an error that says where, never another reading.
q '(cable OR drones'
check "unbalanced ( exits 2" test "$rc" = 2
check "unbalanced ( says where" \
    grep -qx "presscut-query: cannot parse the query: unbalanced '(' at character 1" "$T/err"
q 'cable OR drones)'
check "unbalanced ) exits 2" sh -c "test $rc = 2 && grep -q \"unbalanced ')' at character 16\" '$T/err'"
q '"hybrid threats'
check "unbalanced quote exits 2" sh -c "test $rc = 2 && grep -q \"unbalanced '\\\"' at character 1\" '$T/err'"
q 'cable AND'
check "dangling AND exits 2" sh -c "test $rc = 2 && grep -q \"'AND' needs something on each side at character 7\" '$T/err'"
q 'cable NEAR/5 "baltic sea"'
check "NEAR next to a phrase exits 2" test "$rc" = 2
q 'nato date:2025..2024'
check "inverted date range exits 2" sh -c "test $rc = 2 && grep -q 'ends before it starts' '$T/err'"
check "an error prints no results" test ! -s "$T/out"

# A first query word that begins with '-' is a query word, not an option.
q -russia cable
check "-russia cable: found" test "$rc" = 0
check "-russia cable: no hit holds russia" sh -c "! grep -qi russia '$T/out'"
q cable -nato
check "cable -nato is not --limit ato" test "$rc" = 0
check "cable -nato: no hit holds nato" sh -c "! grep -qi nato '$T/out'"
q -n 1 -- -russia cable
check "-- still ends the options" sh -c "test $rc = 0 && test \$(grep -c '^1\\. ' '$T/out') = 1 && ! grep -q '^2\\. ' '$T/out'"
q cable -n 1
check "an option after the query still counts" sh -c "test $rc = 0 && ! grep -q '^2\\. ' '$T/out'"

# A title-only query shows each article by the passage that best says its
# words, else its first: not by the shortest (title terms are on each).
q -a title:hybrid
check "title-only: the lead, not the short closing paragraph" \
    grep -q 'hybrid-threats-explained.md, paragraphs 1-2,' "$T/out"

# Stopwords alone are searched, and shown, as words.
match() { printf '\033[1;31m%s\033[0m' "$1"; }
q --color=always the
check "a stopword alone is highlighted" grep -qF "$(match the)" "$T/out"
q --color=always AND OR NOT
check "AND OR NOT in capitals are words, highlighted" grep -qiF "$(match and)" "$T/out"

done_testing
