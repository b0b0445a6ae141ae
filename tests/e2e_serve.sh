#!/bin/sh
# End-to-end: presscut-serve over HTTP (curl): its command line, the JSON
# API against presscut-query --json, errors as JSON with their status,
# only GET and HEAD, the headers, the page and the article view with
# everything escaped, a commit picked up, sharded and remote-shard
# indexes (503 when a shard is gone), a clean stop.  TAP output.
cd "$(dirname "$0")/.." || exit 2
. tests/tap.sh
. tests/serve.sh
trap 'serve_stop; stop_servers 2>/dev/null; rm -rf "$T"' EXIT

need curl "presscut-serve over HTTP" "curl is not installed (Debian: curl)"

# The command line.
"$SRV" --help >"$T/out"
check "--help exits 0 and shows the usage" grep -q '^usage: presscut-serve' "$T/out"
check "--version names the version" sh -c "'$SRV' --version | grep -q '^presscut-serve [0-9]'"
"$SRV" --db "$T/none" >"$T/out" 2>"$T/err"
check "a missing index exits 2" test $? = 2
check "saying so on one line" test "$(wc -l <"$T/err")" = 1
"$SRV" --bogus 2>"$T/err"
check "an unknown option is a one-line usage error" \
    sh -c "test \$(wc -l <'$T/err') = 1 && grep -q \"unknown option '--bogus'\" '$T/err'"
"$SRV" --db x --threads 0 2>"$T/err"
check "--threads 0 is refused" grep -q 'threads takes 1 to 64' "$T/err"
"$SRV" --db x --listen nowhere 2>"$T/err"
check "--listen without a port is refused" grep -q 'listen takes HOST:PORT' "$T/err"

mkdir -p "$T/src"
cp corpus/*.txt corpus/*.md "$T/src/"
cp -r corpus/languages "$T/src/"
cp corpus/feeds/languages.jsonl "$T/src/"
# An article whose title, body and file name try to run script (a file
# name cannot hold '/': an event handler instead).
printf 'Title: <script>document.title="pwned"</script> "onmouseover="alert(1)\n\nHarbour <img src=x onerror=alert(1)> saboteurs "onmouseover=alert(2) x=" and <b>bold</b> claims.\n' \
    >"$T/src/x<img src=x onerror=alert(3)>\"onmouseover=alert(4).txt"
"$IDX" --db "$T/db" -q "$T/src" 2>/dev/null

serve_start "$T/db"
check "it listens on loopback, saying where" sh -c "echo '$URL' | grep -q '^http://127.0.0.1:[0-9]'"

get "/api/search?q=nato+accession&limit=3" >"$T/api.json"
check "/api/search answers 200" test "$(cat "$T/status")" = 200
# Byte for byte, scores' last digits too (no jq between: jq 1.6 rewrites
# a double in its shortest form, 4.0586957702860378 as 4.058695770286038):
# {"results":[HIT,HIT,HIT],"summary":{..}} of presscut-query's lines.
"$QRY" --db "$T/db" --json -n 3 nato accession >"$T/cli.json"
{
    printf '{"results":['
    head -n 3 "$T/cli.json" | paste -s -d , - | tr -d '\n'
    printf '],'
    tail -n 1 "$T/cli.json" | cut -c 2-
} >"$T/expect.json"
check "its results and summary are presscut-query --json's, byte for byte" \
    cmp "$T/expect.json" "$T/api.json"
check "with the totals of its summary" \
    sh -c "jq -e '.summary.shown == 3 and .summary.total >= 3 and (.summary | has(\"articles\") and has(\"suggestion\") and has(\"partial\"))' '$T/api.json'"
get "/api/search?q=nato&articles=1&sort=date&limit=2&offset=1" >"$T/out"
check "articles, sort, limit and offset apply" \
    sh -c "jq -e '.summary.unit == \"articles\" and (.results | length) == 2 and .results[0].rank == 2' '$T/out'"
get "/api/quote?text=$(printf '%s' 'hybrid threats' | sed 's/ /+/g')" >"$T/out"
check "/api/quote finds a quote" sh -c "jq -e '.results[0].match == \"exact\" and .summary.shown >= 1' '$T/out'"
get "/api/quote?text=NATO&limit=3" >"$T/out"
"$QRY" --db "$T/db" --quote --json -n 3 NATO | tail -n 1 | jq -c .summary >"$T/cli.json"
check "/api/quote's summary is presscut-query --quote --json's (totals too), and the closest" \
    sh -c "jq -c '.summary | del(.closest)' '$T/out' | cmp - '$T/cli.json' && jq -e '.summary.total > 3 and (.summary | has(\"closest\"))' '$T/out'"
get "/?q=NATO&mode=quote&limit=3" >"$T/page"
printf 'id="totals">%s.</p>' "$("$QRY" --db "$T/db" --quote -n 3 NATO | tail -n 1)" >"$T/cli.txt"
check "and the page says them as presscut-query does" grep -qF -f "$T/cli.txt" "$T/page"
check "a look-up that filled its limit links to more places" \
    grep -q 'id="more" href="/?q=NATO&amp;mode=quote&amp;limit=6">' "$T/page"
get "/?q=NATO&mode=quote&limit=6" >"$T/page"
check "which lists them" test "$(grep -c '<li class="hit"' "$T/page")" = 6
get "/?q=%22hybrid+threats%22&mode=quote" >"$T/page"
check "one that did not fill it, none" sh -c "grep -q '<li class=\"hit\"' '$T/page' && ! grep -q 'id=\"more\"' '$T/page'"
get "/api/quote?text=membership+is+not+a+finish+line+but+a+promise+we+renew+each+day&fuzzy=1" >"$T/out"
check "a near quote is graded approximate" sh -c "jq -e '.results[0].match == \"approximate\"' '$T/out'"

get "/api/search?q=%22unbalanced" >"$T/out"
check "an unbalanced quote is 400" test "$(cat "$T/status")" = 400
check "with a JSON error naming it" sh -c "jq -e '.error.status == \"bad_query\"' '$T/out'"
get "/api/search?q=" >"$T/out"
check "no query is 400" sh -c "test \$(cat '$T/status') = 400 && jq -e '.error.status == \"usage\"' '$T/out'"
get "/api/search?q=x&limit=1000" >"$T/out"
check "a limit past the maximum is 400" sh -c "test \$(cat '$T/status') = 400 && jq -e '.error.message | test(\"limit\")' '$T/out'"
awk 'BEGIN { for (i = 0; i < 14000; i++) printf "word "; }' >"$T/long"
get "/api/search?q=$(cat "$T/long" | sed 's/ /+/g')" >"$T/out"
check "a query past the library's limit is 400" \
    sh -c "test \$(cat '$T/status') = 400 && jq -e '.error.message | test(\"too long|at most\")' '$T/out'"
get "/?q=$(cat "$T/long" | sed 's/ /+/g')" >"$T/out"
check "and the page says so plainly" \
    sh -c "test \$(cat '$T/status') = 400 && grep -q 'class=\"error\" id=\"error\">the query is too long' '$T/out'"
check "echoing in its <title> the query's first 100 bytes (SERVE_MAX_TITLE)" \
    sh -c "grep -q '<title>\(word \)\{20\}…</title>' '$T/out'"
check "and in its search box the first 1,024 (SERVE_MAX_ECHO)" \
    sh -c "grep -o 'id=\"q\" [^>]*value=\"[^\"]*\"' '$T/out' | grep -q 'value=\"\(word \)\{204\}word…\"\$'"
check "the page stays small" test "$(wc -c <"$T/out")" -lt 8000
# Past the request size limit (too long for curl's command line).
code=$(python3 -c '
import sys, urllib.request, urllib.error
try:
    print(urllib.request.urlopen(sys.argv[1] + "/?q=" + "a" * 250000).status)
except urllib.error.HTTPError as e:
    print(e.code)
' "$URL")
check "a request past the size limit is refused (414)" test "$code" = 414
get "/api/nothing" >"$T/out"
check "an unknown API path is 404 JSON" sh -c "test \$(cat '$T/status') = 404 && jq -e .error '$T/out'"
get "/etc/passwd" >"$T/out"
check "an unknown page is 404" test "$(cat "$T/status")" = 404
get "/corpus/" >"$T/out"
check "no directory is listed" sh -c "test \$(cat '$T/status') = 404 && ! grep -q 'nato' '$T/out'"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d q=x "$URL/api/search")
check "POST is 405" test "$code" = 405
curl -s -D "$T/headers" -o /dev/null -X DELETE "$URL/"
check "with Allow: GET, HEAD" grep -qi '^Allow: GET, HEAD' "$T/headers"
curl -s -I "$URL/?q=nato" >"$T/headers"
check "HEAD answers 200" grep -q '^HTTP/1.1 200' "$T/headers"
check "a Content-Security-Policy allowing no script" \
    grep -qi "^Content-Security-Policy: default-src 'none'; style-src 'nonce-[A-Za-z0-9+/]*'; img-src 'self'; form-action 'self'" "$T/headers"
check "X-Content-Type-Options: nosniff" grep -qi '^X-Content-Type-Options: nosniff' "$T/headers"
check "a Referrer-Policy" grep -qi '^Referrer-Policy: no-referrer' "$T/headers"

# The page.
get "/?q=nato+accesion" >"$T/page"
check "the page answers 200" test "$(cat "$T/status")" = 200
check "with the form (GET, no script)" sh -c "grep -q '<form method=\"get\" action=\"/\"' '$T/page' && ! grep -qi '<script' '$T/page'"
check "did you mean, as a link" grep -q 'Did you mean <a id="suggestion" href="/?q=nato%20accession">' "$T/page"
check "the totals" grep -q 'id="totals">1-[0-9]* of' "$T/page"
check "highlights in <mark>" grep -q '<mark>NATO</mark>' "$T/page"
check "the citation: file, paragraph, bytes" grep -q 'class="cite">[^<]*\.txt, paragraphs\{0,1\} [0-9-]*, bytes [0-9]*-[0-9]*' "$T/page"
get "/?q=harbour+saboteurs" >"$T/page"
check "an article's title and text are escaped" \
    sh -c "grep -q '&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;' '$T/page' && ! grep -q '<script' '$T/page' && ! grep -q '<img' '$T/page'"
check "an attribute cannot be broken out of" sh -c "! grep -q '\"onmouseover=' '$T/page'"
link=$(grep -o 'href="/article?[^"]*"' "$T/page" | head -n 1 | sed 's/^href="//; s/"$//; s/&amp;/\&/g')
get "$link" >"$T/article"
check "the article view answers 200" test "$(cat "$T/status")" = 200
check "the cited passage is marked, with the fragment's id" grep -q 'class="passage cited" id="p1-0"' "$T/article"
check "the query's words are marked" grep -q '<mark>saboteurs</mark>' "$T/article"
check "the article's path and text are escaped" \
    sh -c "grep -q 'x&lt;img src=x onerror=alert(3)&gt;&quot;onmouseover' '$T/article' && ! grep -q '<script' '$T/article' && ! grep -q '<img' '$T/article'"
get "/article?id=$(printf '%s' "$T/src/../../etc/passwd" | sed 's|/|%2F|g')" >"$T/out"
check "an id the index lacks is 404, no file read" \
    sh -c "test \$(cat '$T/status') = 404 && ! grep -q 'root:' '$T/out'"
get "/?q=%22hybrid+threats%22&mode=quote" >"$T/page"
check "quote mode lists the places, the match marked" grep -q '<mark class="quote">' "$T/page"
check "and links the article at the passage and the match" grep -q 'href="/article?id=[^"]*at=[0-9]*\.[0-9]*&amp;mark=[0-9]*-[0-9]*#p' "$T/page"
# A long query (a pasted text) is not repeated in each hit's link: the
# link carries the words the hit marks (hl=), which the article marks.
long_q="nato $(seq 1 300 | sed 's/^/zqx/' | tr '\n' ' ')"
curl -s -G --data-urlencode "q=$long_q" -o "$T/long.html" "$URL/"
check "a long query's page lists its hits" test "$(grep -c '<li class="hit"' "$T/long.html")" = 10
check "its article links stay short (under 600 bytes each; the query has ${#long_q})" \
    sh -c "grep -o 'href=\"/article?[^\"]*\"' '$T/long.html' >'$T/links' && test -s '$T/links' && test \$(awk '{ if (length(\$0) > m) m = length(\$0) } END { print m }' '$T/links') -lt 600"
check "and so does each hit (under 1,500 bytes)" \
    test "$(grep '<li class="hit"' "$T/long.html" | awk '{ if (length($0) > m) m = length($0) } END { print m }')" -lt 1500
link=$(grep -o 'href="/article?[^"]*hl=[^"&]*nato[^"]*"' "$T/long.html" | head -n 1 | sed 's/^href="//; s/"$//; s/&amp;/\&/g')
check "a link names the words its hit marks (hl=)" test -n "$link"
get "$link" >"$T/article"
check "and its article marks them" \
    sh -c "test \$(cat '$T/status') = 200 && grep -qi '<mark>nato</mark>' '$T/article' && ! grep -q '<mark>zqx' '$T/article'"
get "/?q=nato+accession" >"$T/page"
check "a short query is carried whole (q=)" grep -q 'href="/article?id=[^"]*&amp;q=nato%20accession&amp;at=' "$T/page"
# A quote look-up finds the text wherever it stands: a filter, which it
# would ignore, is refused rather than left unsaid.
get "/api/quote?text=hybrid+threats&from=2030-01-01" >"$T/out"
check "a quote look-up with a filter is 400" \
    sh -c "test \$(cat '$T/status') = 400 && jq -e '.error.message | test(\"filters\")' '$T/out'"
get "/?q=hybrid+threats&mode=quote&language=fr" >"$T/page"
check "and the page says so" \
    sh -c "test \$(cat '$T/status') = 400 && grep -q 'id=\"error\">a quote look-up searches every article' '$T/page' && ! grep -q '<li class=\"hit' '$T/page'"
# As presscut-query --quote refuses -a, --sort date and --offset: a look-up
# lists each place the quote stands, best first, all at once.
for arg in articles=1 sort=date offset=5; do
    get "/api/quote?text=hybrid+threats&$arg" >"$T/out"
    check "a quote look-up with $arg is 400, naming it" \
        sh -c "test \$(cat '$T/status') = 400 && jq -e '.error.status == \"usage\" and (.error.message | test(\"${arg%%=*}\"))' '$T/out'"
done
get "/?q=hybrid+threats&mode=quote&articles=on&sort=date" >"$T/page"
check "and the page says so, listing no hits" \
    sh -c "test \$(cat '$T/status') = 400 && grep -q 'id=\"error\">a quote look-up lists every place.*articles, sort=date' '$T/page' && ! grep -q '<li class=\"hit' '$T/page'"
get "/api/quote?text=hybrid+threats&articles=0&sort=relevance&offset=0" >"$T/out"
check "their defaults, as the form sends them, are none" \
    sh -c "test \$(cat '$T/status') = 200 && jq -e '.results | length > 0' '$T/out'"
get "/?q=hybrid+threats&mode=quote&sort=relevance&from=&to=&source=&language=" >"$T/page"
check "empty filters, as the form sends them, are none" \
    sh -c "test \$(cat '$T/status') = 200 && grep -q '<mark class=\"quote\">' '$T/page'"
get "/?q=nato&from=2024-01-01&to=2024-12-31" >"$T/page"
check "the date filter narrows the search" sh -c "! grep -q '2023-04' '$T/page' && grep -q '2024-' '$T/page'"
get "/?q=nato&from=2024&to=2024-06" >"$T/page"
check "a year or a month as a date filter is kept in the form as text (a date box would empty it)" \
    sh -c "grep -q 'type=\"text\" name=\"from\" value=\"2024\"' '$T/page' && grep -q 'type=\"text\" name=\"to\" value=\"2024-06\"' '$T/page'"
get "/?q=nato&to=2023-12-31" >"$T/page"
check "a whole date in a date box" grep -q 'type="date" name="to" value="2023-12-31"' "$T/page"
check "an open date range too" sh -c "grep -q '2023-04' '$T/page' && ! grep -q 'meta\">2024-' '$T/page'"
get "/?source=Nordic+Ledger" >"$T/page"
check "a filter alone searches" grep -q 'meta">[^<]*· Nordic Ledger' "$T/page"
get "/?q=nato&source=Adriatic+Wire+Service" >"$T/page"
check "the source filter narrows the search" \
    sh -c "grep -q 'Adriatic Wire Service' '$T/page' && test \$(grep -c '<li class=\"hit\"' '$T/page') = \$(grep -c 'meta\">[^<]*· Adriatic Wire Service' '$T/page')"
# Languages: the articles of 2025 are in a dozen; a language narrows them.
get "/api/search?from=2025-01-01&articles=1&limit=50" >"$T/all.json"
check "the articles of 2025 are in several languages" \
    sh -c "jq -e '[.results[].language] | unique | length >= 10' '$T/all.json'"
get "/api/search?from=2025-01-01&articles=1&limit=50&language=sr" >"$T/out"
check "language=sr: the API's hits are the two Serbian articles" \
    sh -c "test \"\$(jq -r '[.results[] | .language + \" \" + (.path | sub(\".*/\"; \"\"))] | join(\",\")' '$T/out')\" = 'sr kragujevac-fabrika.txt,sr subotica-granicni-prelaz.md'"
get "/api/search?q=language:ru" >"$T/out"
check "language:ru in q: the Russian article alone" \
    sh -c "jq -e '.summary.articles == 1 and ([.results[].language] | unique) == [\"ru\"]' '$T/out'"
get "/api/search?q=Kragujevac&language=sr" >"$T/out"
check "a query and a language: its hits in that language" \
    sh -c "jq -e '.summary.total >= 1 and ([.results[].language] | unique) == [\"sr\"]' '$T/out'"
get "/api/search?q=Kragujevac&language=hr" >"$T/out"
check "and none in another" sh -c "test \$(cat '$T/status') = 200 && jq -e '.summary.total == 0' '$T/out'"
get "/api/search?q=nato&language=xx" >"$T/out"
check "an unknown language is 400, naming it" \
    sh -c "test \$(cat '$T/status') = 400 && jq -e '.error.status == \"bad_query\" and (.error.message | test(\"unknown language .language:xx.\"))' '$T/out'"
get "/?language=xx" >"$T/page"
check "and on the page" \
    sh -c "test \$(cat '$T/status') = 400 && grep -q 'id=\"error\">unknown language &#39;language:xx&#39;' '$T/page'"
get "/?from=2025-01-01&articles=1&limit=50&language=sr" >"$T/page"
check "the page's language filter narrows the search" \
    test "$(grep -c '<li class="hit"' "$T/page")" = 2
check "each citation names the passage's language" \
    test "$(grep -c 'class="cite">[^<]*, bytes [0-9]*-[0-9]*, language sr</p>' "$T/page")" = 2
check "and its text is marked as that language" grep -q '<p class="snippet" lang="sr">' "$T/page"
check "the languages the index holds are offered, the chosen one selected" \
    sh -c "grep -o '<select name=\"language\" id=\"language\">.*</select></label><label>Sort' '$T/page' | grep -o 'value=\"[a-z]*\"[^>]*' | tr '\n' ' ' | grep -qx 'value=\"\" value=\"ar\" value=\"de\" value=\"en\" value=\"fr\" value=\"hi\" value=\"hr\" value=\"ja\" value=\"ru\" value=\"sq\" value=\"sr\" selected value=\"th\" value=\"tr\" value=\"uk\" value=\"zh\" '"
get "/api/search?q=Kragujevac&limit=1" >"$T/out"
curl -s -D "$T/headers" -o "$T/article" "$URL/article?id=$(jq -r '.results[0].article_id | @uri' "$T/out")&q=Kragujevac&at=1.0"
check "a Serbian Cyrillic article is served as UTF-8 (header and meta)" \
    sh -c "grep -qi '^Content-Type: text/html; charset=utf-8' '$T/headers' && grep -q '<meta charset=\"utf-8\">' '$T/article'"
check "its title and words as written, in lang=sr, Крагујевца marked in the cited passage" \
    sh -c "grep -q '<article lang=\"sr\"><h2 id=\"title\">У Крагујевцу отворена' '$T/article' && grep -q 'class=\"passage cited\" id=\"p1-0\">.*<mark>Крагујевца</mark>' '$T/article'"
get "/?q=nato&from=2024)+OR+(x" >/dev/null
check "a filter that is not a date is 400" test "$(cat "$T/status")" = 400
get "/?q=nato&limit=2" >"$T/page"
check "paging: a next link" grep -q 'id="next" href="/?q=nato&amp;limit=2&amp;offset=2"' "$T/page"
get "/?q=nato&limit=2&offset=2" >"$T/page"
check "and back" grep -q 'id="prev" href="/?q=nato&amp;limit=2&amp;offset=0"' "$T/page"

# A commit of presscut-index is served at the next request.
printf 'Title: Fresh story\n\nZanzibarian lighthouse keepers strike.\n' >"$T/src/fresh.txt"
get "/api/search?q=zanzibarian" >"$T/out"
check "before the commit: not found" sh -c "jq -e '.summary.total == 0' '$T/out'"
"$IDX" --db "$T/db" -q "$T/src" 2>/dev/null
get "/api/search?q=zanzibarian" >"$T/out"
check "after it: found, without a restart" sh -c "jq -e '.summary.total == 1' '$T/out'"
"$IDX" --db "$T/db" -q --compact 2>/dev/null
get "/api/search?q=zanzibarian" >"$T/out"
check "and after a compaction swapped the database" sh -c "jq -e '.summary.total == 1' '$T/out'"
mv "$T/db" "$T/db.gone"
get "/api/search?q=nato" >"$T/out"
check "an index gone is 503" sh -c "test \$(cat '$T/status') = 503 && jq -e .error.message '$T/out'"
mv "$T/db.gone" "$T/db"
get "/api/search?q=nato" >/dev/null
check "and served again when it is back" test "$(cat "$T/status")" = 200
serve_stop
check "SIGTERM stops it cleanly (exit 0)" test "$serve_rc" = 0
check "saying so" grep -q 'stopped by SIGTERM' "$T/serve.err"

# Sharded, and a remote shard.
"$IDX" --db "$T/sh" --shards 2 -q "$T/src" 2>/dev/null
serve_start "$T/sh/XAPIANDB"
get "/api/search?q=nato+accession&limit=3" >"$T/out"
jq -c '.results[] | del(.path, .score)' "$T/out" >"$T/srv.json"
"$QRY" --db "$T/sh/XAPIANDB" --json -n 3 nato accession | head -n 3 | jq -c 'del(.path, .score)' >"$T/cli.json"
check "a sharded index is served as presscut-query reads it" cmp "$T/cli.json" "$T/srv.json"
serve_stop
if command -v xapian-tcpsrv >/dev/null && command -v xapian-delve >/dev/null; then
    . tests/tcpsrv.sh
    if start_server "$T/sh/shard-1" "$T/probe"; then
        printf 'auto %s/sh/shard-0\nremote 127.0.0.1:%s\n' "$T" "$port" >"$T/stub"
        serve_start "$T/stub" --timeout 2000
        get "/api/search?q=nato" >"$T/out"
        check "a remote shard is served" sh -c "test \$(cat '$T/status') = 200 && jq -e '.summary.total > 0' '$T/out'"
        stop_servers
        get "/api/search?q=nato" >"$T/out"
        check "a remote shard gone is 503, as JSON" \
            sh -c "test \$(cat '$T/status') = 503 && jq -e '.error.status == \"network\"' '$T/out'"
        serve_stop
        if start_server "$T/sh/shard-1" "$T/probe"; then
            printf 'auto %s/sh/shard-0\nremote 127.0.0.1:%s\n' "$T" "$port" >"$T/stub"
            serve_start "$T/stub" --timeout 2000 --allow-partial
            stop_servers
            get "/api/search?q=nato" >"$T/out"
            check "--allow-partial: the shards that answer, said to be partial" \
                sh -c "test \$(cat '$T/status') = 200 && jq -e '.summary.partial and .summary.total > 0 and .results[0].partial' '$T/out'"
            get "/?q=nato" >"$T/out"
            check "and the page says so" grep -q 'Partial results, shards left out' "$T/out"
            serve_stop
        fi
    else
        skip "a remote shard is served" "xapian-tcpsrv did not start"
    fi
else
    skip "a remote shard is served" "xapian-tcpsrv is not installed (Debian: xapian-tools)"
fi

done_testing
