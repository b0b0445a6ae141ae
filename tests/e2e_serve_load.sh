#!/bin/sh
# End-to-end: presscut-serve under load while presscut-index re-indexes
# the index it serves.  REQUESTS requests (searches, quotes, pages, a
# misspelled word, a bad query) from CLIENTS threads; none may fail: every
# answer below 500, the API's valid JSON.  The thread pool runs at least
# 8 workers.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/gen.sh
. tests/serve.sh
trap 'serve_stop; [ -n "$writer" ] && kill "$writer" 2>/dev/null; rm -rf "$T"' EXIT

REQUESTS=${REQUESTS:-1000}
CLIENTS=${CLIENTS:-8}
writer=

need python3 "presscut-serve under load" "python3 is not installed (Debian: python3)"

# Articles long enough that a re-index commits several times.
gen_long_articles "$T/src" 300
"$IDX" --db "$T/db" -q "$T/src" 2>/dev/null
check "the index is built" test -d "$T/db"

# The requests: a mix, in turn.
i=0
while [ $i -lt "$REQUESTS" ]; do
    case $((i % 8)) in
    0) echo "/api/search?q=harbour+cranes&limit=5" ;;
    1) echo "/api/quote?text=Second+paragraph+$((i % 300))+with+harbour+news" ;;
    2) echo "/api/search?q=dredging&articles=1&limit=10&offset=$((i % 20))" ;;
    3) echo "/api/search?q=harbr+tols" ;;
    4) echo "/?q=grain+NEAR/5+silt" ;;
    5) echo "/api/quote?text=second+paragraph+with+harbour+news&fuzzy=1&limit=5" ;;
    6) echo "/api/search?q=%22cargo+minister%22&sort=date" ;;
    *) echo "/api/search?q=%22unbalanced" ;;
    esac
    i=$((i + 1))
done >"$T/urls"

serve_start "$T/db" --threads 8
check "presscut-serve starts" test -n "$URL"
check "its pool has 8 workers or more (threads besides the main one)" \
    test "$(ls "/proc/$serve_pid/task" | wc -l)" -ge 9

# The writer: full re-indexes, one after another, until told to stop.
(
    n=0
    while [ ! -e "$T/stop" ]; do
        "$IDX" --db "$T/db" --full -q "$T/src" 2>>"$T/writer.err" && n=$((n + 1))
        echo $n >"$T/reindexed"
    done
) &
writer=$!
# The requests begin once a re-index runs, and go on (REQUESTS at a time)
# until one has committed while they ran: at most 10 rounds.
waited=0
until pgrep -P "$writer" >/dev/null || [ $waited -ge 200 ]; do
    sleep 0.05
    waited=$((waited + 1))
done
rounds=0 rc=0
while [ $rounds -lt 10 ]; do
    timeout 300 python3 tests/serve_client.py "$URL" "$T/urls" "$CLIENTS" >"$T/client.out" 2>&1 || rc=1
    rounds=$((rounds + 1))
    sed 's/^/# /' "$T/client.out"
    grep -q "^requests $REQUESTS errors 0" "$T/client.out" || rc=1
    [ "$(cat "$T/reindexed" 2>/dev/null || echo 0)" -ge 1 ] && break
done
done_during=$(cat "$T/reindexed" 2>/dev/null || echo 0)
touch "$T/stop"
wait "$writer"
writer=
check "$rounds x $REQUESTS requests from $CLIENTS clients: no error (status < 500, JSON)" \
    test "$rc" = 0
check "presscut-index re-indexed while they ran" test "$done_during" -ge 1
check "without a complaint" test ! -s "$T/writer.err"
serve_stop
check "and stops cleanly" test "$serve_rc" = 0
done_testing
