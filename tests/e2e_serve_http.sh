#!/bin/sh
# End-to-end: presscut-serve's HTTP behaviour: every error in the form of
# the path asked (JSON under /api/, the HTML error page elsewhere), long
# URLs up to and past its own limit and libmicrohttpd's, connections kept
# for the next request, a body or a NUL byte in a request.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/serve.sh
trap 'serve_stop; rm -rf "$T"' EXIT

if ! command -v curl >/dev/null || ! command -v python3 >/dev/null; then
    skip "presscut-serve over HTTP" "curl or python3 is not installed (Debian: curl, python3)"
    done_testing
    exit
fi

"$IDX" --db "$T/db" -q corpus 2>/dev/null
serve_start "$T/db"
check "it listens" test -n "$URL"

# raw PATH_PREFIX N: GET PATH_PREFIX followed by N bytes of 'a', by hand
# (too long for curl's command line); the whole answer, headers and body,
# in "$T/raw", its status in "$T/status".
raw() {
    python3 -c '
import socket, sys
from urllib.parse import urlsplit
u = urlsplit(sys.argv[1])
s = socket.create_connection((u.hostname, u.port), timeout=30)
s.sendall(b"GET " + sys.argv[2].encode() + b"a" * int(sys.argv[3]) +
          b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
out = b""
while True:
    c = s.recv(65536)
    if not c:
        break
    out += c
sys.stdout.buffer.write(out)
' "$URL" "$1" "$2" >"$T/raw" 2>/dev/null
    head -n 1 "$T/raw" | cut -d ' ' -f 2 >"$T/status"
}
body() {
    sed '1,/^\r$/d' "$T/raw"
}

# A URL past SERVE_MAX_URL (200 KiB): presscut-serve's own 414, as the
# path's reader takes it.
raw "/api/search?q=" 230000
check "a URL past 200 KiB under /api/ is 414" test "$(cat "$T/status")" = 414
check "with a JSON error" \
    sh -c "sed '1,/^\r\$/d' '$T/raw' | jq -e '.error.status == \"too_long\" and (.error.message | test(\"too long\"))'"
check "and the server's headers (its Content-Security-Policy)" \
    grep -qi "^Content-Security-Policy: default-src 'none'" "$T/raw"
raw "/?q=" 230000
check "on the page, 414 too" test "$(cat "$T/status")" = 414
check "with the HTML error page" \
    sh -c "sed '1,/^\r\$/d' '$T/raw' | grep -q '<p class=\"error\" id=\"error\">the request is too long'"
# A query at the library's limit, percent-encoded throughout, reaches the
# library: 508 words of 64 'ä' are 65,532 bytes, 196,596 once encoded.
python3 -c '
import sys
w = "%C3%A4" * 64
sys.stdout.write("/api/search?q=" + "%20".join([w] * 508))
' >"$T/path"
python3 -c '
import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen(sys.argv[1] + open(sys.argv[2]).read(), timeout=60)
    print(r.status)
except urllib.error.HTTPError as e:
    print(e.code)
' "$URL" "$T/path" >"$T/status"
check "a query at the library's limit, fully percent-encoded, is searched (200)" \
    test "$(cat "$T/status")" = 200
# Past libmicrohttpd's own limit (SERVE_MAX_REQUEST, 264 KiB of line and
# headers) it answers itself: still 414, with its body (README "Limits").
raw "/api/search?q=" 400000
check "a URL past libmicrohttpd's memory is still 414, from libmicrohttpd" \
    test "$(cat "$T/status")" = 414

# Methods: 405 in the path's form.
curl -s -D "$T/headers" -o "$T/out" -X POST -d q=x "$URL/api/search"
check "POST to /api/ is 405" grep -q '^HTTP/1.1 405' "$T/headers"
check "with a JSON error" jq -e '.error.status == "method"' "$T/out"
check "and Allow: GET, HEAD" grep -qi '^Allow: GET, HEAD' "$T/headers"
curl -s -D "$T/headers" -o "$T/out" -X DELETE "$URL/article?id=x"
check "DELETE on a page is 405, the HTML error page" \
    sh -c "grep -q '^HTTP/1.1 405' '$T/headers' && grep -q 'id=\"error\">this server only reads' '$T/out'"
code=$(curl -s -o "$T/out" -w '%{http_code}' -X GET --data-binary @corpus/README.md \
    "$URL/api/search?q=nato&limit=1")
check "a GET with a body is answered, the body ignored" \
    sh -c "test '$code' = 200 && jq -e '.summary.shown == 1' '$T/out'"

# Connections are kept: a browser's next request needs no new one.
curl -s -o /dev/null -o /dev/null -o /dev/null -w '%{num_connects} ' \
    "$URL/api/search?q=nato" "$URL/?q=nato" "$URL/nothing" >"$T/out"
check "three requests on one connection (keep-alive)" test "$(cat "$T/out")" = "1 0 0 "
curl -s -D "$T/headers" -o /dev/null "$URL/?q=nato"
check "not closed after the answer" sh -c "! grep -qi '^Connection: close' '$T/headers'"

# An idle kept connection holds one of the 64 places (SERVE_MAX_CONNECTIONS)
# for SERVE_IDLE_SECONDS (5), not the 30 s a request may take to arrive:
# browsers' idle connections must not keep new readers waiting.
python3 -c '
import socket, sys, time
from urllib.parse import urlsplit
u = urlsplit(sys.argv[1])
s = socket.create_connection((u.hostname, u.port), timeout=60)
s.sendall(b"GET /api/search?q=nato HTTP/1.1\r\nHost: x\r\n\r\n")
start = time.time()
while s.recv(65536):
    pass
print(int(time.time() - start))
' "$URL" >"$T/idle"
check "an idle kept connection is closed within 15 s (took $(cat "$T/idle") s)" \
    test "$(cat "$T/idle")" -lt 15

# A NUL byte (%00) would end the value where C reads it: refused, not cut.
get "/api/search?q=nato%00russia" >"$T/out"
check "a NUL byte in a value is 400" \
    sh -c "test \$(cat '$T/status') = 400 && jq -e '.error.message | test(\"NUL\")' '$T/out'"
get "/?q=nato%00russia" >"$T/out"
check "on the page too, said plainly" \
    sh -c "test \$(cat '$T/status') = 400 && grep -q 'id=\"error\">q holds a NUL byte (%00)' '$T/out'"

# HEAD: the headers of the GET, no body.
curl -s -D "$T/get" -o "$T/out" "$URL/api/search?q=nato&limit=2"
curl -s -I "$URL/api/search?q=nato&limit=2" >"$T/head"
check "HEAD answers with the GET's length and type" \
    sh -c "grep -i '^Content-\(Length\|Type\)' '$T/get' | sort >'$T/a'; grep -i '^Content-\(Length\|Type\)' '$T/head' | sort >'$T/b'; test -s '$T/a' && cmp '$T/a' '$T/b' && grep -qi \"^Content-Length: \$(wc -c <'$T/out')\" '$T/head'"

serve_stop
check "it stops cleanly" test "$serve_rc" = 0
done_testing
