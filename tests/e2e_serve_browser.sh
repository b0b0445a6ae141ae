#!/bin/sh
# End-to-end in a real browser: presscut-serve on the sample corpus/ (and
# an article whose title, body and file name hold script), headless
# Chromium driven by chromedriver (tests/serve_browser.py): a search typed
# and submitted, did you mean, a hit followed to its article and scrolled
# to, a quote looked up, a language chosen, articles in Serbian Cyrillic
# and Chinese read as UTF-8 with the cited passage marked, the hostile
# article shown without running any of it.  Screenshots are kept in tests/tmp/e2e_serve_browser/.  Skips when
# Chromium or chromedriver is missing (Debian: chromium chromium-driver,
# which `make deps` installs).  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/serve.sh
driver=
trap 'serve_stop; [ -n "$driver" ] && kill "$driver" 2>/dev/null; rm -rf "$T"' EXIT

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver || true)}
if [ -z "$CHROMIUM" ] || [ -z "$CHROMEDRIVER" ] || ! command -v python3 >/dev/null; then
    skip "presscut-serve in a browser" \
        "chromium, chromedriver or python3 is missing (Debian: chromium chromium-driver python3; make deps)"
    done_testing
    exit
fi
export CHROMIUM
OUT=tests/tmp/e2e_serve_browser
rm -rf "$OUT" && mkdir -p "$OUT"

mkdir -p "$T/hostile"
printf 'Title: <script>window.pwned=1;document.title="pw"+"ned!"</script> "onmouseover="window.pwned=2\nSource: <b onmouseover="window.pwned=3">Wire</b>\n\nHarbour <img src=x onerror="window.pwned=4"> saboteurs "onmouseover="window.pwned=5" x=" and <script>document.title="pw"+"ned!"</script> claims.\n' \
    >"$T/hostile/x<img src=x onerror=window.pwned=6>\"onmouseover=window.pwned=7.txt"
"$IDX" --db "$T/db" -q corpus "$T/hostile" 2>/dev/null
serve_start "$T/db"
check "presscut-serve starts on the corpus" test -n "$URL"

# chromedriver on a free port: it says so once it listens.
dport=$((20000 + $$ % 30000))
tries=0
while [ $tries -lt 10 ]; do
    dport=$((dport + 1))
    : >"$T/driver.log"
    "$CHROMEDRIVER" --port=$dport >"$T/driver.log" 2>&1 &
    driver=$!
    waited=0
    while [ $waited -lt 100 ] && kill -0 $driver 2>/dev/null; do
        grep -q 'started successfully' "$T/driver.log" && break 2
        sleep 0.1
        waited=$((waited + 1))
    done
    kill $driver 2>/dev/null
    wait $driver 2>/dev/null
    driver=
    tries=$((tries + 1))
done
check "chromedriver starts" test -n "$driver"

timeout 120 python3 tests/serve_browser.py "http://127.0.0.1:$dport" "$URL" "$OUT" >"$T/browser.out" 2>&1
while IFS= read -r line; do
    case $line in
    "ok - "*) tap_n=$((tap_n + 1)); echo "ok $tap_n - ${line#ok - }" ;;
    "not ok - "*) tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_n - ${line#not ok - }" ;;
    *) echo "# $line" ;;
    esac
done <"$T/browser.out"
check "screenshots saved (PNG)" sh -c "head -c 8 '$OUT/search.png' | grep -q PNG && head -c 8 '$OUT/article.png' | grep -q PNG"
done_testing
