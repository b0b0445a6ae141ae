# TAP helpers for the end-to-end scripts: `check NAME CMD...` runs CMD and
# prints "ok N - NAME" or "not ok N - NAME"; `skip NAME REASON`.  Also sets
# what every script uses: the programs ($IDX, $QRY, from $PRESSCUT_BIN, bin
# by default: `make test-san` runs the scripts on sanitized ones) and a
# scratch directory $T, removed on exit (a script that needs more on exit
# sets its own trap, which must remove $T too).
IDX=${PRESSCUT_BIN:-bin}/presscut-index
QRY=${PRESSCUT_BIN:-bin}/presscut-query
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
tap_n=0
tap_failed=0

check() {
    name=$1
    shift
    tap_n=$((tap_n + 1))
    if "$@" >/dev/null 2>&1; then
        echo "ok $tap_n - $name"
    else
        echo "not ok $tap_n - $name"
        tap_failed=$((tap_failed + 1))
    fi
}

skip() {
    tap_n=$((tap_n + 1))
    echo "ok $tap_n - $1 # SKIP $2"
}

done_testing() {
    echo "1..$tap_n"
    [ "$tap_failed" = 0 ]
}

# gen_feed N: a JSON Lines feed of N articles alike but for their number
# (ids gen-0 ...), on stdout: they score alike, so their order is the tie-break's.
gen_feed() {
    i=0
    while [ $i -lt "$1" ]; do
        printf '{"id":"gen-%s","title":"Feed %s","body":"Feed story %s on grain, cranes and harbour tolls."}\n' $i $i $i
        i=$((i + 1))
    done
}

# gen_articles DIR N: N text articles DIR/g0.txt ... of two paragraphs each,
# alike but for their number, on harbour cranes, grain and tolls.
gen_articles() {
    mkdir -p "$1"
    i=0
    while [ $i -lt "$2" ]; do
        printf 'Title: Generated %s\n\nGenerated article %s on ports, cranes and grain.\n\nSecond paragraph %s with harbour news and tolls.\n' \
            $i $i $i >"$1/g$i.txt"
        i=$((i + 1))
    done
}
