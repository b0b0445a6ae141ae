#!/bin/sh
# Runs libFuzzer harnesses built by `make fuzz-build` (the Makefile's fuzz
# and fuzz-regress targets call this; run from the repository's root).
#
#   fuzz/run.sh NAME...            fuzz each for $FUZZ_SECONDS seconds
#   fuzz/run.sh --regress NAME...  replay fuzz/regress/NAME/ and the seeds once
#
# Seeds are assembled afresh into $FUZZ_B/seeds/NAME (fuzz/seeds.py); what a
# run learns stays in $FUZZ_CORPUS/NAME for the next.  An input that crashes
# a harness or breaks one of its invariants is saved under
# $FUZZ_B/crashes/NAME/ and the run fails, naming it; the harness's output
# is in $FUZZ_B/logs/NAME.log.  Replay one with `$FUZZ_B/fuzz/NAME FILE`.
# $FUZZ_FLAGS adds libFuzzer flags (-max_len=100000 lets inputs grow past
# libFuzzer's default of 4096 bytes or the longest seed).
FUZZ_B=${FUZZ_B:-build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_CORPUS=${FUZZ_CORPUS:-$FUZZ_B/corpus}
# An input slower than this is a hang; libFuzzer saves it as timeout-*.
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-25}
FUZZ_RSS_MB=${FUZZ_RSS_MB:-2048}
regress=0
if [ "${1:-}" = --regress ]; then
    regress=1
    shift
fi
failed=""

for name in "$@"; do
    bin=$FUZZ_B/fuzz/$name
    seeds=$FUZZ_B/seeds/$name
    log=$FUZZ_B/logs/$name.log
    crashes=$FUZZ_B/crashes/$name
    # The search harness makes its index here; a crash leaves it behind.
    tmp=$FUZZ_B/tmp/$name
    rm -rf "$seeds" "$tmp"
    mkdir -p "$FUZZ_B/logs" "$crashes" "$tmp" "$FUZZ_CORPUS/$name"
    python3 fuzz/seeds.py "$name" "$seeds" >/dev/null || exit 2
    dict=fuzz/$name.dict
    [ "$name" = search ] && dict=fuzz/query.dict
    set -- -timeout="$FUZZ_TIMEOUT" -rss_limit_mb="$FUZZ_RSS_MB" -print_final_stats=1 \
        -artifact_prefix="$crashes/"
    [ -f "$dict" ] && set -- "$@" -dict="$dict"
    # Word splitting wanted: more libFuzzer flags, e.g. -max_len=100000.
    # shellcheck disable=SC2086
    set -- "$@" ${FUZZ_FLAGS:-}
    if [ $regress = 1 ]; then
        # -runs=0: run each input of the directories once, and stop.
        set -- "$@" -runs=0 "$seeds"
        [ -d fuzz/regress/$name ] && set -- "$@" fuzz/regress/$name
        what="replay of $(ls "$seeds" fuzz/regress/$name 2>/dev/null | grep -cv ':$\|^$') inputs"
    else
        set -- "$@" -max_total_time="$FUZZ_SECONDS" "$FUZZ_CORPUS/$name" "$seeds"
        what="$FUZZ_SECONDS s"
    fi
    TMPDIR=$tmp "$bin" "$@" >"$log" 2>&1
    rc=$?
    rm -rf "$tmp"
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ $rc = 0 ]; then
        echo "fuzz $name: ok, ${execs:-?} executions ($what)"
        continue
    fi
    failed="$failed $name"
    found=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    echo "fuzz $name: FAILED ($what, exit $rc), ${execs:-?} executions"
    echo "  reproducer: ${found:-none saved}; log: $log"
    # The report's first lines: the broken invariant or the sanitizer's finding.
    grep -m 1 -A 8 'invariant broken\|runtime error\|ERROR: [A-Za-z]*Sanitizer\|ERROR: libFuzzer' \
        "$log" | sed 's/^/  | /'
done

if [ -n "$failed" ]; then
    echo "fuzz: failed:$failed" >&2
    exit 1
fi
