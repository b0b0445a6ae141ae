# TAP helpers for the end-to-end scripts: `check NAME CMD...` runs CMD and
# prints "ok N - NAME" or "not ok N - NAME"; `skip NAME REASON`.
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
