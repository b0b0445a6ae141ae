# TAP helpers for the end-to-end scripts: `check NAME CMD...` runs CMD and
# prints "ok N - NAME" or "not ok N - NAME"; `skip NAME REASON`; `need CMD
# NAME REASON` skips a script that cannot run without CMD.  Also sets
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

# need CMD NAME REASON: when CMD is not installed, the script's one check
# NAME is skipped for REASON and the script ends there.
need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    skip "$2" "$3"
    done_testing
    exit
}

# answers DB N 'QUERY|QUERY...': presscut-query's --json answers from DB
# to each query in turn, N hits at most each, its messages included: two
# indexes that hold the same answer alike.
answers() {
    echo "$3" | tr '|' '\n' | while read -r q; do
        "$QRY" --db "$1" --json -n "$2" "$q" 2>&1
    done
}
