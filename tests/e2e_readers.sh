#!/bin/sh
# End-to-end: readers never fail while presscut-index rewrites the index
# under them.  LOOPS queries (searches, quote look-ups, a misspelled word)
# run during repeated `--full` re-indexing, during repeated `--compact`,
# and during first builds of a new index (its directory made empty
# beforehand, as a cron job would); none may exit 2.  TAP output.
#
# The full loop for the record: LOOPS=10000 sh tests/e2e_readers.sh
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/gen.sh

LOOPS=${LOOPS:-300}

# Articles long enough that a re-index commits several times.
gen_long_articles "$T/src" 400

# query DB I: the I-th query of the mix; its exit status, and its stderr
# on "$T/errors" when it failed.
query() {
    case $(($2 % 4)) in
    0) "$QRY" --db "$1" -n 3 harbour cranes >/dev/null 2>"$T/one.err" ;;
    1) "$QRY" --db "$1" --quote "Second paragraph 17 with harbour news" >/dev/null 2>"$T/one.err" ;;
    2) "$QRY" --db "$1" --json -n 5 --articles dredging >/dev/null 2>"$T/one.err" ;;
    *) "$QRY" --db "$1" -n 3 harbr tols >/dev/null 2>"$T/one.err" ;;
    esac
    rc=$?
    if [ "$rc" = 2 ]; then
        cat "$T/one.err" >>"$T/errors"
    fi
    return $rc
}

# readers DB N NAME: N queries of DB; records "NAME: queries failed" in
# $T/NAME.count, the failures' messages in $T/errors.
readers() {
    i=0
    failed=0
    while [ $i -lt "$2" ]; do
        query "$1" $i
        [ $? = 2 ] && failed=$((failed + 1))
        i=$((i + 1))
    done
    echo "$2 $failed" >"$T/$3.count"
}

# writer_loop CMD...: runs CMD again and again until $T/stop exists.
writer_loop() {
    while [ ! -e "$T/stop" ]; do
        "$@" >/dev/null 2>>"$T/writer.err"
    done
}

failed_in() {
    set -- $(cat "$T/$1.count")
    echo "$2"
}

"$IDX" --db "$T/db" -q "$T/src"

: >"$T/errors"
rm -f "$T/stop"
writer_loop "$IDX" --db "$T/db" -q --full "$T/src" &
w=$!
readers "$T/db" "$LOOPS" full
touch "$T/stop"
wait "$w"
check "$LOOPS queries during presscut-index --full: $(failed_in full) failed" \
    test "$(failed_in full)" = 0

rm -f "$T/stop"
writer_loop "$IDX" --db "$T/db" -q --compact &
w=$!
readers "$T/db" "$LOOPS" compact
touch "$T/stop"
wait "$w"
check "$LOOPS queries during presscut-index --compact: $(failed_in compact) failed" \
    test "$(failed_in compact)" = 0

# First builds: the index's directory exists (empty) before its first
# run, which writes it with threads and swaps it in at the end.
n=0
failed=0
while [ $n -lt "$LOOPS" ]; do
    rm -rf "$T/new"
    mkdir "$T/new"
    "$IDX" --db "$T/new" -q --jobs 2 "$T/src" 2>>"$T/writer.err" &
    w=$!
    while [ $n -lt "$LOOPS" ] && kill -0 "$w" 2>/dev/null; do
        query "$T/new" $n
        [ $? = 2 ] && failed=$((failed + 1))
        n=$((n + 1))
    done
    wait "$w"
done
echo "$LOOPS $failed" >"$T/first.count"
check "$LOOPS queries during first builds: $(failed_in first) failed" \
    test "$(failed_in first)" = 0
if [ -s "$T/errors" ]; then
    sort "$T/errors" | uniq -c | sort -rn | head -5 | sed 's/^/# /'
fi
check "the writers themselves never failed" test ! -s "$T/writer.err"
check "an index that is still empty gives no hits (exit 1), not an error" \
    sh -c "mkdir '$T/empty' && '$QRY' --db '$T/empty' harbour; test \$? = 1"
done_testing
